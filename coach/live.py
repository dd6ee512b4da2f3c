"""The live line shown while recording: a clock, the STAR section being told, an input level, how to finish.

Sparse on purpose: feedback while speaking distracts (Chollet et al. 2022);
the detail belongs in the report. In a terminal the line redraws itself in
place (rich's `Live`, erased when the recording ends); when output is not a
terminal, a plain line every 30 s says how much was recorded.

The section is shown as known when it is (Tab marks, or study mode's one section) and as
"probably ..." when it is the transcript's guess (coach.recorder.SectionGuess keeps that guess
steady). The same line says what is under way after an answer ("Transcribing ...").
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.text import Text

from coach.ports import Tick
from coach.thresholds import SECTIONS


class LiveLine:
    def __init__(self, console: Console, interval_s: float = 0.2):
        self.console = console
        self.interval_s = interval_s
        self._last = 0.0
        self._plain_next = 30.0
        self._live: Live | None = None
        self._said: str | None = None  # the status said on a plain (non-terminal) output

    def clear(self) -> None:
        """End the live line before anything else is printed."""
        if self._live is not None:
            self._live.stop()  # transient: the line is erased
            self._live = None
        self._plain_next = 30.0

    def _draw(self, text: str) -> None:
        line = Text(text, no_wrap=True, overflow="ellipsis")
        if self._live is None:
            self._live = Live(line, console=self.console, auto_refresh=False, transient=True,
                              redirect_stdout=False, redirect_stderr=False)
            self._live.start()
        self._live.update(line, refresh=True)

    def tick(self, t: Tick) -> None:
        now = time.monotonic()
        if now - self._last < self.interval_s:
            return
        self._last = now
        if self.console.is_terminal:
            self._draw(status_line(t))
        elif t.seconds >= self._plain_next:
            self.console.print(f"… {t.seconds:.0f} s recorded")
            self._plain_next += 30.0

    def status(self, text: str) -> None:
        """What is under way ("Transcribing ..."), on the same line; "" ends it."""
        if not text:
            self.clear()
            self._said = None
            return
        if self.console.is_terminal:
            self._draw(f"… {text}")
        elif self._said is None:  # plain output: said once, not once a tenth of a second
            self.console.print(f"… {text}")
            self._said = text


BEHIND_S = 3.0  # the transcriber this far behind the microphone: the guess is old, say so instead


def section_words(t: Tick) -> str:
    """"Action 40s/90s" when the section is known, "probably Action 40s/90s" when it is guessed, and
    "transcribing, 12 s behind" instead of a guess (or "listening") while the transcriber catches up."""
    if not t.sure and t.behind_s >= BEHIND_S:
        return f"transcribing, {t.behind_s:.0f} s behind"
    if not t.section:
        return "listening"
    target = f"/{t.section_target_s:.0f}s" if t.section_target_s else ""
    name = t.section.title() if t.section in SECTIONS else t.section
    return ("" if t.sure else "probably ") + f"{name} {int(t.section_s)}s{target}"


def status_line(t: Tick) -> str:
    """● 1:05  probably Action 40s/90s  mic ▮▮▮▯▯▯  Enter: done  Tab: next section (fits 80 columns)"""
    bars = max(0, min(6, int((t.level_db + 60) / 8)))
    meter = "▮" * bars + "▯" * (6 - bars)
    mins, secs = divmod(int(t.seconds), 60)
    keys = "Enter: done" if t.sure and not t.marks else "Enter: done  Tab: next section"  # study: one section
    return f"● {mins}:{secs:02d}  {section_words(t):<26} mic {meter}  {keys}"
