"""Study mode: walk a story section by section, hear the strong example, then say the section yourself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach import key_ideas
from coach.analysis import section_status
from coach.meaning import find_all
from coach.ports import Ports
from coach.recorder import RecordOptions
from coach.session import ask_question, record_answer
from coach.story import SectionSpec, Story


@dataclass(frozen=True)
class SectionAttempt:
    name: str
    seconds: float  # speaking time, first word to last
    target_s: float
    status: str
    phrases_said: tuple[str, ...]
    phrases_missed: tuple[str, ...]
    transcript: str


def study(story: Story, ports: Ports, folder: Path, record: bool = True) -> list[SectionAttempt]:
    if not story.worked:
        ports.say(f"{story.id} is a question without a worked story: practise it with `coach practice {story.id}`.")
        return []
    folder.mkdir(parents=True, exist_ok=True)
    ports.say(f"{story.principle}: {story.question}")
    if story.overview:
        ports.say(story.overview)
    attempts = []
    for spec in story.sections:
        ports.say(f"── {spec.name.upper()} · target {spec.target_s:.0f} s ──")
        if spec.example:
            ports.say(f"Strong example: {spec.example}")
            ports.speaker.say(spec.example)
        if spec.key_phrases:
            ports.say("Key phrases: " + ", ".join(f"“{p}”" for p in spec.key_phrases))
        if spec.coaching:
            ports.say(f"Coaching: {spec.coaching}")
        if spec.mistake:
            ports.say(f"Common mistake: {spec.mistake}")
        if not record:
            continue
        ask_question(ports, f"Now say your {spec.name}, in about {spec.target_s:.0f} seconds.")
        _rec, answer = record_answer(ports, folder / f"{spec.name}.wav", RecordOptions(cap_s=spec.target_s * 3))
        attempt = _attempt(story, spec, answer.words)
        attempts.append(attempt)
        said = ", ".join(attempt.phrases_said) or "none"
        missed = ", ".join(attempt.phrases_missed) or "none"
        ports.say(f"{spec.name.title()}: {attempt.seconds:.0f} s against {spec.target_s:.0f} s ({attempt.status}). "
                  f"Key phrases said: {said}; not said: {missed}.")
    if story.weak_answer:
        ports.say(f"A weak answer to avoid: {story.weak_answer.text}")
        if story.weak_answer.bar_raiser:
            ports.say(f"Bar Raiser: {story.weak_answer.bar_raiser}")
    return attempts


def _attempt(story: Story, spec: SectionSpec, words) -> SectionAttempt:  # type: ignore[no-untyped-def]
    text = " ".join(w.text for w in words)
    seconds = (words[-1].end_s - words[0].start_s) if words else 0.0
    ideas = key_ideas.ideas(story)
    heard = find_all([ideas[p.lower()] for p in spec.key_phrases], text)  # by meaning, as in a report
    said = tuple(p for p, h in zip(spec.key_phrases, heard) if h.said)
    missed = tuple(p for p in spec.key_phrases if p not in said)
    status = section_status(seconds, spec.target_s) if words else "missing"
    return SectionAttempt(spec.name, round(seconds, 1), spec.target_s, status, said, missed, text)
