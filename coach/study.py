"""Study mode: walk a story section by section, hear the strong example, then say the section yourself.

Each section said is graded on its own (coach.analysis.analyse_section) and kept like any answer,
so a study session is in `coach review`. After each section the user can say it again (the new
try is compared with the last) or go on. Read-only study paces itself: it waits about as long as
the section takes to read before the next, and Enter skips ahead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.analysis import analyse_section
from coach.ports import Ports
from coach.recorder import RecordOptions
from coach.report import Report
from coach.session import ask_question, choose, record_answer
from coach.story import SectionSpec, Story

READING_WPM = 200.0  # a comfortable reading speed for text one studies (Brysbaert 2019: 238 for silent reading)


@dataclass(frozen=True)
class SectionAttempt:
    name: str
    seconds: float  # speaking time, first word to last
    target_s: float
    status: str
    phrases_said: tuple[str, ...]
    phrases_missed: tuple[str, ...]
    transcript: str
    tries: int = 1  # how many times the section was said; this is the last
    report: Report | None = None


@dataclass(frozen=True)
class StudyResult:
    story: Story
    attempts: tuple[SectionAttempt, ...]  # the last try of each section said, in STAR order
    stopped: bool = False  # Ctrl-C ended it early


def reading_seconds(spec: SectionSpec) -> float:
    """How long the printed part of a section takes to read."""
    text = " ".join([spec.example, " ".join(spec.key_phrases), spec.coaching, spec.mistake])
    return 60 * len(text.split()) / READING_WPM


def study(story: Story, ports: Ports, folder: Path, record: bool = True,
          pace: Callable[[float, str], None] | None = None) -> StudyResult:
    """Walk the story. `pace(seconds, next_name)` waits between sections of a read-only walk."""
    if not story.worked:
        ports.say(f"{story.id} is a question without a worked story: practise it with `coach practice {story.id}`.")
        return StudyResult(story, ())
    folder.mkdir(parents=True, exist_ok=True)
    ports.say(f"{story.principle}: {story.question}")
    if story.overview:
        ports.say(story.overview)
    attempts: list[SectionAttempt] = []
    stopped = False
    for i, spec in enumerate(story.sections):
        spoken_s = _show_section(ports, spec)
        if not record:
            nxt = story.sections[i + 1].name.title() if i + 1 < len(story.sections) else "the weak answer"
            if pace:  # the time to read it, less the time it was being read aloud
                pace(max(0.0, reading_seconds(spec) - spoken_s), nxt)
            continue
        attempt, stopped = _say_section(story, spec, ports, folder)
        if attempt:
            attempts.append(attempt)
        if stopped:
            break
    if story.weak_answer and not stopped:
        ports.say(f"A weak answer to avoid: {story.weak_answer.text}")
        if story.weak_answer.bar_raiser:
            ports.say(f"Bar Raiser: {story.weak_answer.bar_raiser}")
    return StudyResult(story, tuple(attempts), stopped)


def _show_section(ports: Ports, spec: SectionSpec) -> float:
    """Print the section (and read its example aloud); returns the seconds spent reading aloud."""
    ports.say(f"── {spec.name.upper()} · target {spec.target_s:.0f} s ──")
    spoken_s = 0.0
    if spec.example:
        ports.say(f"Strong example: {spec.example}")
        began = time.monotonic()
        ports.speaker.say(spec.example)
        spoken_s = time.monotonic() - began
    if spec.key_phrases:
        ports.say("Key phrases: " + ", ".join(f"“{p}”" for p in spec.key_phrases))
    if spec.coaching:
        ports.say(f"Coaching: {spec.coaching}")
    if spec.mistake:
        ports.say(f"Common mistake: {spec.mistake}")
    return spoken_s


def _say_section(story: Story, spec: SectionSpec, ports: Ports, folder: Path) -> tuple[SectionAttempt | None, bool]:
    """Record the section until the user goes on; returns its last try and whether Ctrl-C stopped the study."""
    name = spec.name.title()
    last: Report | None = None
    tries = 0
    while True:
        tries += 1
        ask_question(ports, f"Now say your {spec.name}, in about {spec.target_s:.0f} seconds.")
        opts = RecordOptions(cap_s=spec.target_s * 3, section=spec.name, targets={spec.name: spec.target_s})
        rec, answer = record_answer(ports, folder / f"{spec.name}-{tries}.wav", opts, "section",
                                    f"Say your {name}.", story=story.id, principle=story.principle)
        report = analyse_section(answer, spec, story)
        if ports.keeper:
            ports.keeper.keep("section", report.question, rec.path, report, story=story.id, principle=story.principle)
        ports.show(report, f"{name}, try {tries}" if tries > 1 else name)
        if last is not None and ports.show_changes:
            ports.show_changes(last, report, tries - 1)
        last = report
        attempt = _attempt(spec, report, tries)
        if rec.ended_by == "interrupt":
            return attempt, True
        if not choose(ports, f"Press r to say the {name} again, or Enter to go on.", "r"):
            return attempt, False


def _attempt(spec: SectionSpec, report: Report, tries: int) -> SectionAttempt:
    """The section's key phrases said and not (by meaning, as in a whole answer's report)."""
    line = next((k for k in report.key_ideas if k.section == spec.name), None)
    said, missed = (line.said, line.not_heard) if line else ((), ())
    section = report.sections[0]
    return SectionAttempt(spec.name, round(section.seconds or 0.0, 1), spec.target_s, section.status, said, missed,
                          report.transcript, tries, report)
