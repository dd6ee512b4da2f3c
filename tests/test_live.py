"""The live line while recording: redrawn in place in a terminal, erased before anything else is printed."""

from __future__ import annotations

import io

from rich.console import Console

from coach.live import LiveLine, status_line
from coach.ports import Tick


def _tick(seconds: float, marks: int = 0, sure: bool | None = None) -> Tick:
    return Tick(seconds=seconds, level_db=-30.0, speaking=True, marks=marks, silent_for=0.0, section="action",
                section_s=seconds - 20, section_target_s=90.0, sure=marks > 0 if sure is None else sure)


def test_terminal_line_redraws_in_place_and_is_erased():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, highlight=False)
    line = LiveLine(console, interval_s=0)
    line.tick(_tick(61))
    line.tick(_tick(62, marks=3))
    line.clear()
    console.print("Recorded 62 s.")
    text = out.getvalue()
    assert "● 1:01  probably Action 41s/90s " in text  # no Tab yet: the section is a guess, said in words
    assert "● 1:02  Action 42s/90s " in text
    assert text.count("\n") == 2  # the line is redrawn in place, then erased; one line printed after
    assert text.rstrip().endswith("Recorded 62 s.")


def test_plain_output_gets_a_line_every_30_seconds():
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=80)
    line = LiveLine(console, interval_s=0)
    for s in range(0, 65, 5):
        line.tick(_tick(s))
    assert out.getvalue().splitlines() == ["… 30 s recorded", "… 60 s recorded"]


def test_every_live_line_fits_80_columns():
    for t in (_tick(61), _tick(3599, marks=3), _tick(75, sure=True)):
        assert len(status_line(t)) <= 80, status_line(t)
    assert "Tab" not in status_line(_tick(75, sure=True))  # study mode: one section, nothing to mark


def test_status_says_what_is_under_way_and_is_erased():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, highlight=False)
    line = LiveLine(console, interval_s=0)
    line.status("Transcribing your answer: 35 s of audio still to hear (2 s so far)…")
    line.status("Transcribing your answer: 20 s of audio still to hear (9 s so far)…")
    line.status("")
    console.print("Transcribed.")
    text = out.getvalue()
    assert "35 s of audio" in text and "20 s of audio" in text
    assert text.rstrip().endswith("Transcribed.") and text.count("\n") == 2


def test_plain_status_is_said_once():
    out = io.StringIO()
    line = LiveLine(Console(file=out, force_terminal=False, width=80), interval_s=0)
    for left in (30, 20, 10):
        line.status(f"Transcribing: {left} s left")
    line.status("")
    line.status("Transcribing: 5 s left")
    assert out.getvalue().splitlines() == ["… Transcribing: 30 s left", "… Transcribing: 5 s left"]


def test_the_section_guess_moves_forward_only_once_it_holds():
    from coach.recorder import SectionGuess

    guesses = iter([("situation", 0.0)] * 3 + [("action", 9.0)] + [("reflection", 12.0)] + [("task", 8.0)] * 31)
    guess = SectionGuess(hold_s=4.0)
    shown = [guess.current([], t / 2, lambda: next(guesses)) for t in range(36)]  # a tick every 0.5 s
    names = [name for name, _, _ in shown]
    assert names[0] == "situation" and not any(sure for _, _, sure in shown)
    assert "action" not in names and "reflection" not in names  # guessed for half a second each: not shown
    first_task = names.index("task")
    assert first_task >= 5 + 8  # the task is shown once the transcript has held it for 4 s
    assert set(names[first_task:]) == {"task"} and shown[first_task][1] == 8.0
    assert SectionGuess().current([1.0, 5.0], 6.0, None) == ("action", 5.0, True)  # Tab marks: sure
    assert SectionGuess("result").current([], 6.0, None) == ("result", 0.0, True)  # study: sure


def test_the_line_says_when_the_transcriber_falls_behind():
    behind = Tick(seconds=95, level_db=-30.0, speaking=True, marks=0, silent_for=0.0, behind_s=18.4)
    assert "transcribing, 18 s behind" in status_line(behind) and len(status_line(behind)) <= 80
    guess = Tick(seconds=95, level_db=-30.0, speaking=True, marks=0, silent_for=0.0, section="action", section_s=40,
                 section_target_s=90.0, behind_s=18.4)
    assert "transcribing, 18 s behind" in status_line(guess)  # a guess from 18 s ago is not shown as current
    marked = Tick(seconds=95, level_db=-30.0, speaking=True, marks=2, silent_for=0.0, section="action", section_s=40,
                  section_target_s=90.0, sure=True, behind_s=18.4)
    assert "Action 40s/90s" in status_line(marked)  # a Tab mark is known whatever the transcriber does
    keeping_up = Tick(seconds=95, level_db=-30.0, speaking=True, marks=0, silent_for=0.0, behind_s=1.0)
    assert "listening" in status_line(keeping_up)
