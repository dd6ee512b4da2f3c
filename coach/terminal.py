"""What reaches the terminal: text from answers and stories shown as written, never obeyed.

The one place output is made safe. Answers, transcripts and story files are the user's (or anyone's)
text: a `[/]` in them must not be read as rich markup (a MarkupError that kept `review` failing), and an
escape sequence (`ESC ]0;title BEL`, `ESC [2J`) must not retitle or clear the terminal. So:
- the console never reads markup in strings (coach styles its own lines with `style=` and `Text`),
  and removes control characters from every piece of text it writes, after layout;
- `printable()` does the same for text written without the console (Markdown, plain `click.echo`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# C0 controls but tab and newline, DEL, and C1 controls (0x9b is a one-byte CSI on some terminals).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text without terminal control characters (tab and newline are kept)."""
    return CONTROL.sub("", text)


class SafeConsole(Console):
    """A rich console for untrusted text: markup off, control characters removed from what it writes.

    rich lays text out first (it counts control characters as zero width) and the characters are
    removed from each segment it yields, so nothing shifts. rich's own styling is not text but
    control segments and styles, which pass untouched.
    """

    def __init__(self, file: IO[str] | None = None, **kwargs: Any):
        super().__init__(file=file, markup=False, highlight=False, soft_wrap=False, **kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and CONTROL.search(segment.text):
                yield Segment(printable(segment.text), segment.style)
            else:
                yield segment
