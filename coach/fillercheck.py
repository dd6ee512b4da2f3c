"""A second hearing of the voice no word covers: was it an "um", or a word's own voice?

tiny.en drops most "um"s and "uh"s (its training transcripts did), so coach.voice reports a voiced
stretch that no word takes to say as "(um)". A comma pause that Silero's mask bridges looks the same
("speaker, | and"), so on answers with no filler at all that stretch is a filler never said. Whisper
writes fillers verbatim when its prompt is disfluent (a known trick: the prompt sets the style of the
transcript), so each stretch is heard again with such a prompt, alone: a clip from the word before the
stretch to the word after it, and it counts only when that hearing puts an um/uh/er/hmm on it. The
clip's words are final once the word after it is transcribed, so a live session hears the stretches
of what was said so far while the answer goes on (coach/session.py), and the report after Enter finds
them heard; the same clip gives the same hearing in `coach grade`. Measured in docs/analysis.md
("Fillers, session 6" and "session 7") with bench/fillers.py.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.audio import RATE
from coach.report import Word

# Whisper writes what the prompt's style leads it to: a prompt full of fillers makes it keep them.
PROMPT = "Umm, let me think, like, hmm... Okay, uh, here's what I, um, thought."
# How Whisper spells a hesitation: um, umm, uh, uhm, er, erm, hmm, mm, ah.
FILLER_TOKEN = re.compile(r"^(u+m+|u+h+m*|e+r+m*|h+m+|m+h*m+|a+h+)$")

# hear(clip, prompt) -> words on the clip's own clock (coach.transcribe.WhisperTranscriber.hear_clip)
Hear = Callable[[np.ndarray, str], Sequence[Word]]
# read(first sample, end sample) -> the recording's samples there (fewer at its end)
Read = Callable[[int, int], np.ndarray]


@dataclass(frozen=True)
class CheckOptions:
    # A filler the prompted hearing writes this near the stretch is the stretch: Whisper's times for a
    # filler lean late (it hangs it on the next word's start), by less on a clip of three words than on a
    # whole chunk (measured, docs/analysis.md).
    clip_reach_s: float = 0.3
    clip_pad_s: float = 0.05  # around the word before and the word after, so neither starts mid-sound


def is_filler_token(text: str) -> bool:
    return bool(FILLER_TOKEN.match(re.sub(r"[^a-z]", "", text.lower())))


def filler_times(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Where a hearing wrote a hesitation."""
    return [(w.start_s, w.end_s) for w in words if is_filler_token(w.text)]


def heard_near(gap: tuple[float, float], heard: Sequence[tuple[float, float]], reach_s: float) -> bool:
    s, e = gap
    return any(a < e + reach_s and b > s - reach_s for a, b in heard)


def clip_around(gap: tuple[float, float], words: Sequence[Word], pad_s: float) -> tuple[float, float]:
    """From the start of the word before the stretch to the end of the word after it."""
    s, e = gap
    before = [w for w in words if w.start_s < s - 0.05]
    after = [w for w in words if w.end_s > e + 0.05]
    return (max(0.0, (before[-1].start_s if before else s - 0.1) - pad_s),
            (after[0].end_s if after else e + 0.1) + pad_s)


class ClipCheck:
    """Is this voice-only stretch a filler? Its clip heard again with the disfluent prompt (one hearing
    per clip, kept: a stretch asked about twice, live and then in the report, is heard once)."""

    def __init__(self, hear: Hear, read: Read, opts: CheckOptions = CheckOptions()):
        self.hear, self.read, self.opts = hear, read, opts
        self._heard: dict[tuple[int, int], list[tuple[float, float]] | None] = {}  # None: the hearing failed
        self._lock = threading.Lock()  # asked from the live warm-up thread and from the report's
        self.decodes = 0

    def __call__(self, gap: tuple[float, float], words: Sequence[Word]) -> bool:
        c0, c1 = clip_around(gap, words, self.opts.clip_pad_s)
        key = (int(c0 * RATE), int(c1 * RATE))
        with self._lock:
            if key not in self._heard:
                self.decodes += 1
                try:
                    words = self.hear(self.read(*key), PROMPT)
                except Exception:  # a second opinion only: without it the stretch stays a filler, as before
                    self._heard[key] = None
                else:
                    offset = key[0] / RATE
                    self._heard[key] = [(a + offset, b + offset) for a, b in filler_times(words)]
            heard = self._heard[key]
        return heard is None or heard_near(gap, heard, self.opts.clip_reach_s)


def confirmed(gaps: Sequence[tuple[float, float]], words: Sequence[Word], check: Callable[..., bool] | None
              ) -> tuple[tuple[float, float], ...]:
    """The voice-only stretches kept as fillers: each one the check hears as a filler. One the transcript
    already has a filler beside is left as it was (the report counts that filler once, from the words)."""
    if check is None:
        return tuple(gaps)
    asked = set(confirmable(gaps, words))
    return tuple(g for g in gaps if g not in asked or check(g, words))


def ahead(check: ClipCheck, words: Sequence[Word], mask: np.ndarray) -> int:
    """Hear, ahead of the report, the voice-only stretches of what was transcribed so far (`words` and
    `mask` of the closed chunks) whose clip is final: a word follows them. Returns the stretches asked about."""
    from coach.voice import uncovered_voiced

    if len(words) < 2:
        return 0
    last = words[-1].start_s
    todo = [g for g in confirmable(uncovered_voiced(None, words, mask=mask), words) if g[1] + 0.05 < last]
    for g in todo:
        check(g, words)
    return len(todo)


def confirmable(gaps: Sequence[tuple[float, float]], words: Sequence[Word]) -> list[tuple[float, float]]:
    """The stretches confirmed() would ask the check about."""
    from coach.analysis import transcript_fillers

    said = [(s, e) for _, s, e in transcript_fillers(words)]
    return [g for g in gaps if not heard_near(g, said, 0.3)]
