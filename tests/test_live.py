"""The live line while recording: redrawn in place in a terminal, erased before anything else is printed."""

from __future__ import annotations

import io

from rich.console import Console

from coach.live import LiveLine
from coach.ports import Tick


def _tick(seconds: float, marks: int = 0) -> Tick:
    return Tick(seconds=seconds, level_db=-30.0, speaking=True, marks=marks, silent_for=0.0, section="action",
                section_s=seconds - 20, section_target_s=90.0)


def test_terminal_line_redraws_in_place_and_is_erased():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, highlight=False)
    line = LiveLine(console, interval_s=0)
    line.tick(_tick(61))
    line.tick(_tick(62, marks=3))
    line.clear()
    console.print("Recorded 62 s.")
    text = out.getvalue()
    assert "● 1:01  Action 41s/90s?" in text  # no Tab yet: the section is a guess
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
