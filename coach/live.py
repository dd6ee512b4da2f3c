"""The live line shown while recording: a clock, an input level, and how to finish.

Sparse on purpose: feedback while speaking distracts (Chollet et al. 2022);
the detail belongs in the report. Plain lines when output is not a terminal.
"""

from __future__ import annotations

import sys
import time

from coach.ports import Tick


class LiveLine:
    def __init__(self, console, interval_s: float = 0.2):  # type: ignore[no-untyped-def]
        self.console = console
        self.interval_s = interval_s
        self._last = 0.0
        self._plain_next = 30.0
        self.dirty = False

    def clear(self) -> None:
        """End the live line before anything else is printed."""
        if self.dirty:
            sys.stdout.write("\r\x1b[K")
            sys.stdout.flush()
            self.dirty = False

    def tick(self, t: Tick) -> None:
        now = time.monotonic()
        if now - self._last < self.interval_s:
            return
        self._last = now
        if self.console.is_terminal:
            bars = max(0, min(10, int((t.level_db + 60) / 5)))
            meter = "▮" * bars + "▯" * (10 - bars)
            mins, secs = divmod(int(t.seconds), 60)
            if t.section:
                used = int(t.section_s)
                target = f"/{t.section_target_s:.0f}s" if t.section_target_s else ""
                where = f"{t.section.title()} {used}s{target}" + ("" if t.marks else "?")
            else:
                where = "listening"
            line = f"\r● {mins}:{secs:02d}  {where:<22} mic {meter}  Enter: finish  Tab: next section "
            sys.stdout.write(line)
            sys.stdout.flush()
            self.dirty = True
        elif t.seconds >= self._plain_next:
            self.console.print(f"… {t.seconds:.0f} s recorded")
            self._plain_next += 30.0
