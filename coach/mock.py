"""A timed mock interview: an opening, N questions across principles, probes from what each answer
missed, a polite wrap-up when time runs out, and a scorecard per principle."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from coach.analysis import analyse, analyse_probe, budget_for
from coach.coaching import probe_plan
from coach.labels import follow_up_title
from coach.ports import Ports
from coach.recorder import RecordOptions
from coach.report import Report
from coach.session import FOLLOW_UP, PROBE_CAP_S, PendingAnswer, ask_question, generic_for, start_answer, wait_for
from coach.story import Probe, Story
from coach.thresholds import NORMS

OPENING = ("Hi, thanks for making the time today. I'll ask you {n} over about {m} minutes. "
           "Answer each one as you would in the real interview, with a specific example. Let's begin.")
WRAP_UP = "We're out of time, so let's stop there. Thank you, that's all my questions."
CLOSING = "That's all my questions. Thank you for your time today."


class StoryPool(Protocol):
    """The stories to choose from, and which are the user's own (a coach.stories.Library)."""

    @property
    def stories(self) -> tuple[Story, ...]: ...

    @property
    def own_ids(self) -> frozenset[str]: ...


@dataclass
class MockAnswer:
    story: Story
    report: Report
    probes: list[Report] = field(default_factory=list)


@dataclass
class MockResult:
    answers: list[MockAnswer]
    elapsed_s: float
    ran_out: bool
    stopped: bool = False  # Ctrl-C ended the interview early; what was recorded is graded


def pick_questions(library: StoryPool, n: int, principles: Sequence[str] = (), rng: random.Random | None = None
                   ) -> list[Story]:
    """N questions, each from a different principle where possible; the user's own stories first,
    then worked stories, then the question bank."""
    rng = rng or random.Random()
    wanted = [p.lower() for p in principles]
    pool = [s for s in library.stories if not wanted or any(w in s.principle.lower() for w in wanted)]
    if not pool:
        return []

    def rank(s: Story) -> tuple[int, float]:
        return (0 if s.id in library.own_ids else 1 if s.worked else 2, rng.random())

    pool.sort(key=rank)
    chosen: list[Story] = []
    used: set[str] = set()
    for s in pool:  # one per principle first
        if len(chosen) < n and s.principle not in used:
            chosen.append(s)
            used.add(s.principle)
    for s in pool:  # then fill up
        if len(chosen) < n and s not in chosen:
            chosen.append(s)
    return chosen


@dataclass
class _Asked:
    """A question asked during the interview; its answers are graded when their transcripts are in."""

    story: Story
    main: PendingAnswer
    probes: list[tuple[int, Probe, PendingAnswer]] = field(default_factory=list)
    report: Report | None = None

    def graded(self, level: str) -> Report | None:
        """The main answer's report once its transcript is in (None while it is still being transcribed)."""
        if self.report is None and self.main.done:
            self.report = analyse(self.main.result(), self.story, level)
        return self.report


def run_mock(stories: Sequence[Story], minutes: float, level: str, ports: Ports, folder: Path,
             clock: Callable[[], float] = time.monotonic, probes_per_answer: int = 2,
             probe_wait_s: float = 3.0) -> MockResult:
    """The interview. It never waits on the transcriber between questions: each answer finishes
    transcribing in the background while the next question is asked. The follow-up on what an
    answer missed comes first when that answer's transcript is in within `probe_wait_s`, else after
    the story's first probe. At the end, what is still being transcribed is waited for (saying so),
    then every answer is graded and kept."""
    folder.mkdir(parents=True, exist_ok=True)
    start = clock()
    limit = minutes * 60

    def left() -> float:
        return limit - (clock() - start)

    asked_line = "one behavioral question" if len(stories) == 1 else f"{len(stories)} behavioral questions"
    ask_question(ports, OPENING.format(n=asked_line, m=round(minutes)), load_model=True)
    asked: list[_Asked] = []
    ran_out = stopped = False
    try:
        for qi, story in enumerate(stories, 1):
            if left() < 30:
                ran_out = True
                break
            _catch_up(ports, [p for a in asked for p in (a.main, *(x for _, _, x in a.probes))])
            ports.say(f"[{_clock(left())} left] Question {qi} of {len(stories)} · {story.principle}")
            ask_question(ports, story.question)
            budget = budget_for(story, level)
            cap = max(20.0, min(NORMS.cap_factor * budget.target_s, left()))
            main = start_answer(ports, folder / f"q{qi}-answer.wav",
                                RecordOptions(cap_s=cap, targets=budget.section_targets), "main", story.question,
                                story=story.id, principle=story.principle)
            item = _Asked(story, main)
            asked.append(item)
            if main.rec.ended_by == "interrupt":
                stopped = True
                break
            stopped = _follow_ups(item, qi, level, ports, folder, left, probes_per_answer, probe_wait_s)
            if stopped:
                break
            if left() <= 0:
                ran_out = qi < len(stories)
                break
    except KeyboardInterrupt:  # between answers (while a question was spoken): what was recorded is graded
        stopped = True
        ports.say("Ctrl-C: the interview stops here; grading what was recorded.")
    goodbye = WRAP_UP if ran_out else CLOSING
    if not stopped:
        ports.say(goodbye)
        ports.speaker.say(goodbye)
    elapsed = clock() - start
    pending = [a.main for a in asked] + [p for a in asked for _, _, p in a.probes]
    wait_for(ports, pending, "the last answers" if len(pending) > 1 else "the last answer")
    if ports.status:
        ports.status("")
    return MockResult(_grade(asked, level, ports), elapsed, ran_out, stopped)


MAX_BACKLOG_S = 180.0  # audio left to transcribe before the next question waits for it (a very slow machine)


def _catch_up(ports: Ports, pending: Sequence[PendingAnswer]) -> None:
    """Before a new question: if the transcriber has fallen far behind, let it catch up, saying so. This keeps
    the backlog (its memory, and the wait at the end) bounded; on a machine that keeps up it never waits."""
    while (left := sum(p.left_s for p in pending)) > MAX_BACKLOG_S:
        if ports.status:
            ports.status(f"The transcriber is {left:.0f} s of audio behind: catching up before the next question…")
        time.sleep(0.2)
    if ports.status:
        ports.status("")


def _follow_ups(item: _Asked, qi: int, level: str, ports: Ports, folder: Path, left: Callable[[], float],
                count: int, wait_s: float) -> bool:
    """Ask the question's follow-ups; True when Ctrl-C stopped the interview."""
    count = count if left() > 6 * 60 else 1  # one when time is short
    generic = generic_for(ports, item.story)
    done: set[tuple[int, str]] = set()
    for pi in range(1, count + 1):
        if left() < 45:
            break
        if item.graded(level) is None:  # a short wait, said, for the transcript: the miss probe goes first
            wait_for(ports, [item.main], "your answer", limit_s=wait_s)
        plan = [(i, p) for i, p in probe_plan(item.story, item.graded(level), count + len(done), generic)
                if (i, p.question) not in done]
        if not plan:
            break
        index, probe = plan[0]
        done.add((index, probe.question))
        ports.say(f"[{_clock(left())} left] {follow_up_title(index, item.story.principle)}")
        ask_question(ports, probe.question)
        pending = start_answer(ports, folder / f"q{qi}-probe-{pi}.wav",
                               RecordOptions(cap_s=max(15.0, min(PROBE_CAP_S, left())), section=FOLLOW_UP), "probe",
                               probe.question,
                               story=item.story.id, principle=item.story.principle, probe=index)
        item.probes.append((index, probe, pending))
        if pending.rec.ended_by == "interrupt":
            return True
    return False


def _grade(asked: Sequence[_Asked], level: str, ports: Ports) -> list[MockAnswer]:
    """Grade and keep every answer, in the order asked."""
    out = []
    for a in asked:
        report = a.graded(level)
        assert report is not None
        if ports.keeper:
            ports.keeper.keep("main", a.story.question, a.main.rec.path, report, story=a.story.id,
                              principle=a.story.principle)
        item = MockAnswer(a.story, report)
        generic = generic_for(ports, a.story)
        for index, probe, pending in a.probes:
            preport = analyse_probe(pending.result(), probe, index, a.story, level, generic=generic)
            if ports.keeper:
                ports.keeper.keep("probe", probe.question, pending.rec.path, preport, story=a.story.id,
                           principle=a.story.principle)
            item.probes.append(preport)
        item.report = replace(report, probes=tuple(item.probes))
        out.append(item)
    return out


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
