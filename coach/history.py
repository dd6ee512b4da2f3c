"""A kept session read back as the user lived it: questions, each with its attempts and follow-ups.

A session's answers are stored in the order they were recorded (coach.store). Here they are grouped:
a main answer starts a question; answering the same question again ("try again") adds an attempt to
it; a follow-up probe belongs to the question before it; in study mode each section said is a
question of its own, and saying it again is another attempt. Every reader of a session (the review
screen, Markdown, HTML, the session list) groups through `questions`, so a mock of two questions
shows two questions everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from coach.findings import findings
from coach.labels import follow_up_title
from coach.report import Report


class KeptAnswer(Protocol):
    """One stored answer (a coach.store.AnswerRow): what grouping and summaries need of it."""

    @property
    def kind(self) -> str: ...  # main / probe / section

    @property
    def question(self) -> str: ...

    @property
    def story(self) -> str | None: ...

    @property
    def principle(self) -> str | None: ...

    @property
    def report(self) -> Report | None: ...


A = TypeVar("A", bound=KeptAnswer)


@dataclass(frozen=True)
class Question(Generic[A]):
    """One question of a session: the attempts at it (oldest first) and the follow-ups asked after them."""

    number: int  # 1-based, in the order asked
    question: str
    story: str | None
    principle: str | None
    attempts: tuple[A, ...]
    probes: tuple[A, ...] = ()

    @property
    def last(self) -> A:
        """The attempt that counts: the newest."""
        return self.attempts[-1]


def questions(answers: Sequence[A]) -> list[Question[A]]:
    """Group a session's answers (in recorded order) into its questions."""
    out: list[Question[A]] = []
    for a in answers:
        if a.kind == "probe":
            if out:
                q = out[-1]
                out[-1] = Question(q.number, q.question, q.story, q.principle, q.attempts, (*q.probes, a))
            else:  # a follow-up graded on its own (`coach grade --probe N --save`)
                out.append(Question(1, a.question, a.story, a.principle, (a,)))
            continue
        if out and not out[-1].probes and out[-1].last.kind == a.kind and out[-1].question == a.question \
                and out[-1].story == a.story:
            q = out[-1]
            out[-1] = Question(q.number, q.question, q.story, q.principle, (*q.attempts, a))
            continue
        out.append(Question(len(out) + 1, a.question, a.story, a.principle, (a,)))
    return out


@dataclass(frozen=True)
class QuestionSummary:
    story: str | None
    principle: str | None
    seconds: float | None  # the last attempt's length (main answer or section)
    target_s: float | None
    verdict: str | None  # the last attempt's verdict (a section: its status)
    misses: int | None
    attempts: int
    probes: tuple[str, ...]  # each follow-up's grade: strong / adequate / weak


@dataclass(frozen=True)
class SessionSummary:
    """What the session list shows of a session: its questions, time and a verdict per question."""

    questions: tuple[QuestionSummary, ...]
    answers: int
    spoken_s: float  # every answer's recorded length, main answers and follow-ups

    @property
    def seconds(self) -> float | None:
        """The main answers' time (each question's last attempt), against `target_s`."""
        known = [q.seconds for q in self.questions if q.seconds is not None]
        return sum(known) if known else None

    @property
    def target_s(self) -> float | None:
        known = [q.target_s for q in self.questions if q.target_s]
        return sum(known) if known else None

    @property
    def misses(self) -> int | None:
        known = [q.misses for q in self.questions if q.misses is not None]
        return sum(known) if known else None


def summarise(answers: Sequence[KeptAnswer]) -> SessionSummary:
    items = []
    for q in questions(answers):
        r = q.last.report
        verdict = None
        if r is not None:
            verdict = (r.verdict.label if r.verdict else r.probe.verdict if r.probe
                       else r.sections[0].status if q.last.kind == "section" and r.sections else None)
        probes = tuple(p.report.probe.verdict for p in q.probes if p.report and p.report.probe)
        items.append(QuestionSummary(q.story, q.principle, r.total.seconds if r else None,
                                     r.total.target_s if r else None, verdict, len(findings(r)) if r else None,
                                     len(q.attempts), probes))
    spoken = sum(a.report.duration_s for a in answers if a.report)
    return SessionSummary(tuple(items), len(answers), spoken)


KIND_NAMES = {"practice": "practice", "mock": "mock interview", "demo": "demo", "grade": "graded file",
              "study": "study"}


def session_heading(kind: str, session_id: int, summary: SessionSummary) -> str:
    """"Session 12: mock interview, 2 questions" / "Session 3: practice"."""
    name = KIND_NAMES.get(kind, kind)
    n = len(summary.questions)
    unit = "sections" if kind == "study" else "questions"
    count = f", {n} {unit if n != 1 else unit[:-1]}" if kind in ("mock", "study") or n > 1 else ""
    return f"Session {session_id}: {name}{count}"


def attempt_title(number: int, of: int, kind: str = "main") -> str:
    """The main answer, or "Attempt 2 of 3" once the question was tried again; a study section: "Try 2 of 3"."""
    if kind == "section":
        return "Your take" if of == 1 else f"Try {number} of {of}"
    return "Main answer" if of == 1 else f"Attempt {number} of {of}"


def answer_title(answer: KeptAnswer, number: int, of: int) -> str:
    """An attempt's title, or a follow-up's own name when it was graded on its own (`coach grade --probe N --save`
    keeps it as the session's only answer): "Follow-up 2", as the terminal said when it was graded."""
    return follow_up_name(answer) if answer.kind == "probe" else attempt_title(number, of, answer.kind)


def question_heading(q: Question[A], of: int) -> str:
    """"Question 2 of 3", or for study mode "Section 3 of 5" (one question alone: "Question")."""
    if q.last.kind == "section":
        return f"Section {q.number} of {of}"
    return f"Question {q.number} of {of}" if of > 1 else "Question"


def follow_up_name(answer: KeptAnswer) -> str:
    """A kept follow-up answer's name (labels.follow_up_title), its principle named for a generic probe."""
    r = answer.report
    return follow_up_title(r.probe.index, answer.principle) if r is not None and r.probe else "Follow-up"
