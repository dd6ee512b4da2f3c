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
from coach.ports import Ports
from coach.recorder import RecordOptions
from coach.report import Report
from coach.session import PROBE_CAP_S, ask_question, generic_for, record_answer
from coach.story import Story
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


def run_mock(stories: Sequence[Story], minutes: float, level: str, ports: Ports, folder: Path,
             clock: Callable[[], float] = time.monotonic, probes_per_answer: int = 2) -> MockResult:
    folder.mkdir(parents=True, exist_ok=True)
    start = clock()
    limit = minutes * 60

    def left() -> float:
        return limit - (clock() - start)

    asked = "one behavioral question" if len(stories) == 1 else f"{len(stories)} behavioral questions"
    ask_question(ports, OPENING.format(n=asked, m=round(minutes)), load_model=True)
    answers: list[MockAnswer] = []
    ran_out = False
    for qi, story in enumerate(stories, 1):
        if left() < 30:
            ran_out = True
            break
        ports.say(f"[{_clock(left())} left] Question {qi} of {len(stories)} · {story.principle}")
        ask_question(ports, story.question)
        budget = budget_for(story, level)
        cap = max(20.0, min(NORMS.cap_factor * budget.target_s, left()))
        rec, answer = record_answer(ports, folder / f"q{qi}-answer.wav", RecordOptions(cap_s=cap), "main",
                                    story.question, story=story.id, principle=story.principle)
        report = analyse(answer, story, level)
        if ports.keeper:
            ports.keeper.keep("main", story.question, rec.path, report, story=story.id, principle=story.principle)
        item = MockAnswer(story, report)
        answers.append(item)
        # Probes: dig into what this answer missed; one when time is short.
        count = probes_per_answer if left() > 6 * 60 else 1
        for pi, (index, probe) in enumerate(probe_plan(story, report, count, generic_for(ports, story)), 1):
            if left() < 45:
                break
            ports.say(f"[{_clock(left())} left] Follow-up")
            ask_question(ports, probe.question)
            prec, panswer = record_answer(ports, folder / f"q{qi}-probe-{pi}.wav",
                                          RecordOptions(cap_s=max(15.0, min(PROBE_CAP_S, left()))), "probe",
                                          probe.question, story=story.id, principle=story.principle, probe=index)
            preport = analyse_probe(panswer, probe, index, story, level)
            if ports.keeper:
                ports.keeper.keep("probe", probe.question, prec.path, preport, story=story.id,
                                  principle=story.principle)
            item.probes.append(preport)
        item.report = replace(item.report, probes=tuple(item.probes))
        if left() <= 0:
            ran_out = qi < len(stories)
            break
    goodbye = WRAP_UP if ran_out else CLOSING
    ports.say(goodbye)
    ports.speaker.say(goodbye)
    return MockResult(answers, clock() - start, ran_out)


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
