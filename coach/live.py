"""The live line shown while recording: a clock, the STAR section being told, an input level, how to finish.

Sparse on purpose: feedback while speaking distracts (Chollet et al. 2022);
the detail belongs in the report. In a terminal the line redraws itself in
place (rich's `Live`, erased when the recording ends); when output is not a
terminal, a plain line every 30 s says how much was recorded.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.text import Text

from coach.ports import Tick


class LiveLine:
    def __init__(self, console: Console, interval_s: float = 0.2):
        self.console = console
        self.interval_s = interval_s
        self._last = 0.0
        self._plain_next = 30.0
        self._live: Live | None = None

    def clear(self) -> None:
        """End the live line before anything else is printed."""
        if self._live is not None:
            self._live.stop()  # transient: the line is erased
            self._live = None

    def tick(self, t: Tick) -> None:
        now = time.monotonic()
        if now - self._last < self.interval_s:
            return
        self._last = now
        if self.console.is_terminal:
            line = Text(status_line(t), no_wrap=True, overflow="ellipsis")
            if self._live is None:
                self._live = Live(line, console=self.console, auto_refresh=False, transient=True,
                                  redirect_stdout=False, redirect_stderr=False)
                self._live.start()
            self._live.update(line, refresh=True)
        elif t.seconds >= self._plain_next:
            self.console.print(f"… {t.seconds:.0f} s recorded")
            self._plain_next += 30.0


def status_line(t: Tick) -> str:
    """● 1:05  Action 40s/90s     mic ▮▮▮▮▮▯▯▯▯▯  Enter: finish  Tab: next section"""
    bars = max(0, min(10, int((t.level_db + 60) / 5)))
    meter = "▮" * bars + "▯" * (10 - bars)
    mins, secs = divmod(int(t.seconds), 60)
    if t.section:
        target = f"/{t.section_target_s:.0f}s" if t.section_target_s else ""
        where = f"{t.section.title()} {int(t.section_s)}s{target}" + ("" if t.marks else "?")
    else:
        where = "listening"
    return f"● {mins}:{secs:02d}  {where:<22} mic {meter}  Enter: finish  Tab: next section"
