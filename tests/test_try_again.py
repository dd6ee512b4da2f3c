"""Try again, Ctrl-C graded, study retry and pacing, and a mock that does not wait on the transcriber.

The flows run with fakes (tests/fakes.py) and the real keeper and store; the same flows run through
the virtual devices in tests/test_e2e_mock.py.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from coach.analysis import Answer, words_from_text
from coach.audio import RATE
from coach.history import questions
from coach.keeper import SessionKeeper
from coach.mock import run_mock
from coach.recorder import Recording
from coach.session import PendingAnswer, practice
from coach.store import Store
from coach.stories import load_library
from coach.study import study
from tests.fakes import Mic, speechlike
from tests.test_analysis import STRONG, WEAK
from tests.test_session import make_ports


def scripted_choices(ports, keys: list[str]) -> list[str]:
    """The keys pressed at each "try again?" prompt, in order; Enter once they run out."""
    asked: list[str] = []

    def choose(allowed):
        asked.append("/".join(allowed))
        return keys.pop(0) if keys else "enter"

    ports.choose = choose
    return asked


def test_try_again_records_the_same_question_and_says_what_changed(tmp_path, coach_home):
    story = load_library().get("webhook-dlq")
    ports, shown = make_ports([speechlike(20), speechlike(62, seed=1), speechlike(8, seed=2)], [],
                              [WEAK, STRONG, "I personally wrote the fix and I paired with their on-call engineer."])
    asked = scripted_choices(ports, ["r", "enter"])
    changes = []
    ports.show_changes = lambda before, after, n: changes.append((before, after, n))
    keeper = SessionKeeper(coach_home, "practice", story.id, story.principle, "sde2", "tiny.en")
    ports.keeper = keeper
    result = practice(story, "sde2", None, 1, ports, tmp_path)
    keeper.finish()
    assert asked == ["r/enter", "r/enter"]  # after each report of the main answer
    assert ports.speaker.said[:2] == [story.question, story.question]  # the question is asked again
    assert [t for t, _ in shown][:2] == ["Your answer", "Your answer, attempt 2"]
    (before, after, n), = changes
    assert n == 1 and before.verdict.score < after.verdict.score and result.attempts == 2
    assert result.report.transcript == after.transcript  # the follow-ups dig into the last attempt
    groups = questions(Store(coach_home).answers(keeper.session_id))
    assert len(groups) == 1 and len(groups[0].attempts) == 2 and len(groups[0].probes) == 1


def test_no_keyboard_no_try_again(tmp_path):
    story = load_library().get("webhook-dlq")
    ports, shown = make_ports([speechlike(62)], [], [STRONG])
    result = practice(story, "sde2", None, 0, ports, tmp_path)  # ports.choose is None: the demo, a script
    assert result.attempts == 1 and [t for t, _ in shown] == ["Your answer"]


class InterruptedMic(Mic):
    """A microphone the user stops with Ctrl-C after `at_s` seconds."""

    def __init__(self, audio: np.ndarray, at_s: float):
        super().__init__(audio)
        self.at_s = at_s

    def read(self, timeout: float):
        if self.seconds >= self.at_s:
            raise KeyboardInterrupt
        return super().read(timeout)


def test_ctrl_c_during_an_answer_grades_what_was_recorded(tmp_path, coach_home):
    story = load_library().get("webhook-dlq")
    ports, shown = make_ports([], [], [STRONG])
    ports.new_input = lambda: InterruptedMic(speechlike(62), 30.0)
    lines = []
    ports.say = lines.append
    keeper = SessionKeeper(coach_home, "practice", story.id, story.principle, "sde2", "tiny.en")
    ports.keeper = keeper
    result = practice(story, "sde2", None, 2, ports, tmp_path)
    keeper.finish(not result.stopped)
    assert result.stopped and result.recordings[0].ended_by == "interrupt"
    assert 29 <= result.recordings[0].seconds <= 31
    said = next(i for i, line in enumerate(lines) if line.startswith("Ctrl-C"))
    assert "Grading what was recorded" in lines[said]
    assert [t for t, _ in shown] == ["Your answer"]  # graded after saying so; no follow-ups
    assert any("Ctrl-C" in note for note in result.report.notes)
    kept = Store(coach_home).answers(keeper.session_id)
    assert len(kept) == 1 and kept[0].report is not None and kept[0].complete


def test_ctrl_c_in_a_mock_grades_every_answer_so_far(tmp_path):
    lib = load_library()
    stories = [lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")]
    mics = [Mic(speechlike(8, seed=i)) for i in range(3)] + [InterruptedMic(speechlike(40, seed=9), 12.0)]
    ports, _ = make_ports([], [], [STRONG, "I wrote the fix myself.", "I measured it myself.", WEAK])
    ports.new_input = lambda: mics.pop(0)
    clock = iter(range(0, 100000, 20)).__next__
    result = run_mock(stories, 25, "sde2", ports, tmp_path, clock=lambda: float(clock()))
    assert result.stopped and len(result.answers) == 2
    assert result.answers[1].report.verdict is not None  # question 2's cut-short answer is graded too
    assert not result.answers[1].probes


def test_study_retry_a_section_saved_with_a_summary(tmp_path, coach_home):
    from rich.console import Console

    from coach.review_view import study_summary

    story = load_library().get("webhook-dlq")
    said = [s.example for s in story.sections]
    texts = [said[0], said[1], "I fixed it.", said[2], said[3], said[4]]  # the Action said thinly, then again
    ports, shown = make_ports([speechlike(10, seed=i) for i in range(6)], [], texts)
    asked = scripted_choices(ports, ["enter", "enter", "r", "enter", "enter", "enter"])
    changes = []
    ports.show_changes = lambda before, after, n: changes.append(n)
    keeper = SessionKeeper(coach_home, "study", story.id, story.principle, "sde2", "tiny.en")
    ports.keeper = keeper
    result = study(story, ports, tmp_path)
    keeper.finish()
    assert len(asked) == 6 and changes == [1]
    action = result.attempts[2]
    assert action.name == "action" and action.tries == 2 and "I traced" in action.phrases_said
    assert [t for t, _ in shown][2:4] == ["Action", "Action, try 2"]
    groups = questions(Store(coach_home).answers(keeper.session_id))
    assert [len(q.attempts) for q in groups] == [1, 1, 2, 1, 1]  # kept: five sections, the Action twice
    assert groups[2].question == "Say your Action."
    console = Console(width=80, record=True)
    console.print(study_summary(result))
    text = console.export_text()
    assert "Study summary: webhook-dlq" in text and "Reflection" in text and "coach practice webhook-dlq" in text


def test_read_only_study_paces_itself(tmp_path):
    story = load_library().get("webhook-dlq")
    ports, _ = make_ports([], [], [])
    paced = []
    result = study(story, ports, tmp_path, record=False, pace=lambda s, nxt: paced.append((round(s), nxt)))
    assert not result.attempts
    assert [nxt for _, nxt in paced] == ["Task", "Action", "Result", "Reflection", "the weak answer"]
    assert all(s >= 10 for s, _ in paced)  # each section takes a while to read at 200 words a minute


def test_mock_goes_on_while_answers_are_transcribed(tmp_path, monkeypatch):
    """Each answer takes 1 s to say and 1 s more to transcribe (a busy machine); the interview goes on meanwhile."""
    import coach.mock as mock

    lib = load_library()
    stories = [lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")]
    texts = iter([WEAK, "I wrote the fix myself.", "I measured it myself.", STRONG, "I cut the admin UI.", "I did."])
    events: list[tuple[float, str]] = []
    start = time.monotonic()

    def slow_answer(ports, path, opts, kind="main", question="", **story):
        text = next(texts)
        events.append((time.monotonic() - start, f"asked {question}"))
        time.sleep(1.0)  # the answer being said

        def finish() -> Answer:
            time.sleep(1.0)
            events.append((time.monotonic() - start, "transcribed"))
            words = words_from_text(text, 150)
            return Answer(words, words[-1].end_s + 1)

        rec = Recording(path, 10.0, (), "silence")
        return PendingAnswer(rec, finish, lambda: 5.0, background=True)

    monkeypatch.setattr(mock, "start_answer", slow_answer)
    ports, _ = make_ports([], [], [])
    statuses = []
    ports.status = statuses.append
    clock = iter(range(0, 100000, 20)).__next__
    result = run_mock(stories, 25, "sde2", ports, tmp_path, clock=lambda: float(clock()), probe_wait_s=0.2)
    assert len(result.answers) == 2 and all(len(a.probes) == 2 for a in result.answers)
    order = [e for _, e in events]
    q2 = order.index(f"asked {stories[1].question}")
    assert order[:q2].count("transcribed") < 3  # question 2 was asked before question 1's answers were all in
    assert any("Transcribing" in s and "still to hear" in s for s in statuses)  # the wait says what it is doing
    weak = result.answers[0]
    assert weak.report.verdict is not None and weak.probes[0].probe is not None
    # The weak answer's transcript came too late for the follow-up on a miss to go first: it comes second.
    assert [p.probe.index for p in weak.probes] == [1, 0]


def test_pending_answer_says_no_speech_instead_of_failing(tmp_path):
    from coach.errors import AudioFileError

    def silent() -> Answer:
        raise AudioFileError("answer.wav: no speech was heard in the recording")

    pending = PendingAnswer(Recording(tmp_path / "a.wav", 12.0, (), "silence"), silent, background=True)
    answer = pending.result()
    assert answer.words == () and answer.duration_s == 12.0 and "no speech" in answer.notes[0]


def test_background_transcription_runs_on_its_own_thread(tmp_path):
    gate = threading.Event()

    def finish() -> Answer:
        gate.wait(5)
        return Answer(words_from_text("I did it.", 150), 3.0)

    pending = PendingAnswer(Recording(tmp_path / "a.wav", 3.0, (), "enter"), finish, lambda: 2.0, background=True)
    assert not pending.done and pending.left_s == 2.0
    gate.set()
    assert pending.result().duration_s == 3.0 and pending.done and pending.left_s == 0.0
    assert RATE == 16000


LEAVE_WHILE_TRANSCRIBING = """
import sys, threading, time
from coach.audio import load_audio
from coach.cli import _leave
from coach.paths import SAMPLE_ANSWER
from coach.ports import WORKER_PREFIX
from coach.transcribe import WhisperTranscriber
t = WhisperTranscriber(threads=1)
t.load()
audio = load_audio(SAMPLE_ANSWER)[: 16000 * 25]
threading.Thread(target=lambda: t.transcribe(audio), daemon=True, name=WORKER_PREFIX + "-test").start()
time.sleep(1.0)
print("leaving", flush=True)
_leave(130)
"""


@pytest.mark.slow
def test_leaving_while_an_answer_is_transcribed_exits_cleanly():
    """A second Ctrl-C while an answer is still being transcribed: exit 130, not a crash (139) of the
    interpreter torn down under CTranslate2."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    proc = subprocess.run([sys.executable, "-c", LEAVE_WHILE_TRANSCRIBING], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.returncode == 130 and "leaving" in proc.stdout, (proc.returncode, proc.stderr[-500:])


class _Left(Exception):
    pass


def test_an_early_error_during_the_grading_warm_up_leaves_at_once(monkeypatch):
    """A command that fails at once (a full disk) while the grading warm-up still runs in ONNX Runtime must not
    tear the interpreter down under it: CI saw exit 134, "terminate called without an active exception"."""
    import os

    import coach.session
    from coach.cli import _leave

    gate, started = threading.Event(), threading.Event()
    monkeypatch.setattr(coach.session, "warm_grading", lambda story, level: (started.set(), gate.wait(5)))

    def left(code):
        raise _Left(code)

    monkeypatch.setattr(os, "_exit", left)
    coach.session._warm_in_background(None, "senior")
    assert started.wait(5)
    try:
        with pytest.raises(_Left) as done:
            _leave(2)
        assert done.value.args == (2,)
    finally:
        gate.set()


def test_every_thread_coach_starts_is_named():
    """_leave tells worker threads (which may be in native code) by name: an unnamed thread would be missed."""
    import ast
    from pathlib import Path

    import coach

    unnamed = []
    for path in Path(coach.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("threading.Thread"):
                if not any(k.arg == "name" for k in node.keywords):
                    unnamed.append(f"{path.name}:{node.lineno}")
    assert not unnamed, unnamed


def test_waiting_on_a_background_transcription_ends_when_it_does(tmp_path):
    gate = threading.Event()

    def finish() -> Answer:
        gate.wait(5)
        return Answer(words_from_text("I did it.", 150), 3.0)

    pending = PendingAnswer(Recording(tmp_path / "a.wav", 3.0, (), "enter"), finish, background=True)
    assert not pending.wait(0.01)  # still transcribing: the wait times out
    gate.set()
    assert pending.wait(5) and pending.done  # woken by the answer, not by a poll
