"""A second hearing of the voice no word covers: was it an "um", or a word's own voice?

tiny.en drops most "um"s and "uh"s (its training transcripts did), so coach.voice reports a voiced
stretch that no word takes to say as "(um)". A comma pause that Silero's mask bridges looks the same
("speaker, | and"), so on answers with no filler at all that stretch is a filler never said. Whisper
writes fillers verbatim when its prompt is disfluent (a known trick: the prompt sets the style of the
transcript), so each stretch is heard again with such a prompt, alone: a clip from the word before the
stretch to the word after it, and it counts only when that hearing puts an um/uh/er/hmm on it. The
clip's words are final once the word after it is transcribed, so a live session hears the stretches
of what was said so far while the answer goes on (coach/session.py), and the report after Enter finds
them heard; the same clip gives the same hearing in `coach grade`. A hearing that writes none of the clip's
words where the transcript has them heard something else (a loop of "uh, uh, uh", "And, um, three." for "segments,
regions", in a noisy room "And the rest is, uh, tight." for "underestimated the"), and so did one that loops
(Whisper's own test) after a word of the clip: neither outweighs one that writes them. Measured in docs/analysis.md
("Fillers, session 6", "session 7", "session 12", "session 13" and "session 14") with bench/fillers.py.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.audio import RATE
from coach.report import Word
from coach.text import norm_tokens
from coach.transcribe import LOOP_RATIO

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
    # When that clip hears no filler, a wider one is heard: two words each side, after this much silence.
    # Whisper drops an "uh" that opens a clip (the answer's first "Uh, so") or that it folds into the word
    # before ("and... uh" heard as "and..."); with more said around it and a silent lead-in it writes it.
    # Measured on the sets tuned on (docs/analysis.md, "Fillers, session 8").
    wide_words: int = 2
    wide_lead_s: float = 0.5


def is_filler_token(text: str) -> bool:
    return bool(FILLER_TOKEN.match(re.sub(r"[^a-z]", "", text.lower())))


def is_loop(text: str) -> bool:
    """Whisper's own test of a decoding loop, on text already decoded: its zlib compression ratio (as
    faster-whisper's get_compression_ratio computes a segment's) is over LOOP_RATIO."""
    raw = text.encode("utf-8")
    return bool(raw) and len(raw) / len(zlib.compress(raw)) > LOOP_RATIO


def filler_times(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Where a hearing wrote a hesitation."""
    return [(w.start_s, w.end_s) for w in words if is_filler_token(w.text)]


@dataclass(frozen=True)
class Hearing:
    """What a clip's prompted hearing wrote: where it put fillers (on the recording's clock) and its other words
    (as text.norm_tokens has them)."""

    fillers: tuple[tuple[float, float], ...]
    said: tuple[tuple[str, float, float], ...]  # each other word's tokens, where the hearing put it
    loops: bool = False  # Whisper's own test of a decoding loop (is_loop) holds for what it wrote

    def holds(self, words: Sequence[Word], clip: tuple[float, float], reach_s: float) -> bool:
        """Does it write any of the words the transcript has inside the clip, where the transcript has it (within
        `reach_s`)? One that writes none of them heard something else (Whisper looping on "uh, uh, uh", or "And, um,
        three." for "segments, regions"), so where it puts a filler says nothing about the stretch; so did one that
        writes such a word elsewhere (in a noisy room, "I underestimated the time" heard as "And the rest is, uh,
        tight.": its "the" half a second before the transcript's). Nor does one that loops after a word of the clip
        ("And, uh, uh, uh, ..." a hundred times over a slow "and"): it heard the loop, not the clip."""
        if self.loops:
            return False
        a, b = clip
        inside = [(t, w.start_s, w.end_s) for w in words if w.start_s >= a and w.end_s <= b for t in norm_tokens(w.text)]
        return any(t == u and s < f + reach_s and e > r - reach_s for t, r, f in inside for u, s, e in self.said)


def heard_near(gap: tuple[float, float], heard: Sequence[tuple[float, float]], reach_s: float) -> bool:
    s, e = gap
    return any(a < e + reach_s and b > s - reach_s for a, b in heard)


def clip_around(gap: tuple[float, float], words: Sequence[Word], pad_s: float, reach: int = 1) -> tuple[float, float]:
    """From the start of the `reach`-th word before the stretch to the end of the `reach`-th word after it (as
    far as there are words)."""
    s, e = gap
    before = [w for w in words if w.start_s < s - 0.05][-reach:]
    after = [w for w in words if w.end_s > e + 0.05][:reach]
    return (max(0.0, (before[0].start_s if before else s - 0.1) - pad_s),
            (after[-1].end_s if after else e + 0.1) + pad_s)


class ClipCheck:
    """Is this voice-only stretch a filler? Its clip heard again with the disfluent prompt (one hearing
    per clip, kept: a stretch asked about twice, live and then in the report, is heard once)."""

    def __init__(self, hear: Hear, read: Read, opts: CheckOptions = CheckOptions()):
        self.hear, self.read, self.opts = hear, read, opts
        self._heard: dict[tuple[int, int, int], Hearing | None] = {}  # None: the hearing failed
        self._lock = threading.Lock()  # asked from the live warm-up thread and from the report's
        self.decodes = 0

    def __call__(self, gap: tuple[float, float], words: Sequence[Word], reach: int | None = None) -> bool:
        """Is the stretch a filler? Its clip heard, then (unless that hears one and writes the clip's words) the wider
        clip. A hearing that writes none of its clip's words counts only when no hearing writes them
        (`Hearing.holds`). `reach` caps how many words after the stretch a clip may take (a live answer whose later
        words are not transcribed yet: the wider clip is heard later, by the report)."""
        o = self.opts
        verdicts = []  # (a filler near the stretch, the hearing writes its clip's words)
        for words_each_side, lead_s in ((1, 0.0), (o.wide_words, o.wide_lead_s)):
            if reach is not None and words_each_side > reach:
                return False
            clip = clip_around(gap, words, o.clip_pad_s, words_each_side)
            heard = self._hearing(clip, lead_s)
            if heard is None:
                return True
            near, holds = heard_near(gap, heard.fillers, o.clip_reach_s), heard.holds(words, clip, o.clip_reach_s)
            if near and holds:
                return True
            verdicts.append((near, holds))
        if any(holds for _, holds in verdicts):
            return False  # the hearings of these words heard no filler here
        return any(near for near, _ in verdicts)

    def _hearing(self, clip: tuple[float, float], lead_s: float) -> Hearing | None:
        """The hearing of the recording's clip (after `lead_s` of silence), fillers on the recording's clock; None when
        the hearing failed."""
        key = (int(clip[0] * RATE), int(clip[1] * RATE), int(lead_s * RATE))
        with self._lock:
            if key not in self._heard:
                self.decodes += 1
                try:
                    audio = self.read(key[0], key[1])
                    if key[2]:
                        audio = np.concatenate([np.zeros(key[2], dtype=np.float32), audio])
                    words = self.hear(audio, PROMPT)
                except Exception:  # a second opinion only: without it the stretch stays a filler, as before
                    self._heard[key] = None
                else:
                    offset = (key[0] - key[2]) / RATE
                    said = tuple((t, w.start_s + offset, w.end_s + offset) for w in words if not is_filler_token(w.text)
                                 for t in norm_tokens(w.text))
                    self._heard[key] = Hearing(tuple((a + offset, b + offset) for a, b in filler_times(words)), said,
                                               is_loop(" ".join(w.text for w in words)))
            return self._heard[key]


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
    # A clip is final once the words it takes after the stretch are transcribed: the same clip `coach grade` hears.
    todo = [g for g in confirmable(uncovered_voiced(None, words, mask=mask), words) if g[1] + 0.05 < words[-1].start_s]
    for g in todo:
        check(g, words, reach=sum(w.end_s > g[1] + 0.05 for w in words))
    return len(todo)


def confirmable(gaps: Sequence[tuple[float, float]], words: Sequence[Word]) -> list[tuple[float, float]]:
    """The stretches confirmed() would ask the check about."""
    from coach.analysis import transcript_fillers

    said = [(s, e) for _, s, e in transcript_fillers(words)]
    return [g for g in gaps if not heard_near(g, said, 0.3)]
