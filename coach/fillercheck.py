"""A second hearing of the voice no word covers: was it an "um", or a word's own voice?

tiny.en drops most "um"s and "uh"s (its training transcripts did), so coach.voice reports a voiced
stretch that no word takes to say as "(um)". A comma pause that Silero's mask bridges looks the same
("speaker, | and"), so on answers with no filler at all that stretch is a filler never said. Whisper
writes fillers verbatim when its prompt is disfluent (a known trick: the prompt sets the style of the
transcript), so each stretch is heard again with such a prompt, and counts only when that hearing puts
an um/uh/er/hmm on it: first the stretch's whole chunk, as it was transcribed; if that hearing has no
filler there, a clip from the word before the stretch to the word after it. Measured in
docs/analysis.md ("Fillers, session 6") with bench/fillers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.audio import RATE
from coach.report import Word

# Whisper writes what the prompt's style leads it to: a prompt full of fillers makes it keep them.
PROMPT = "Umm, let me think, like, hmm... Okay, uh, here's what I, um, thought."
# How Whisper spells a hesitation: um, umm, uh, uhm, er, erm, hmm, mm, ah.
FILLER_TOKEN = re.compile(r"^(u+m+|u+h+m*|e+r+m*|h+m+|m+h*m+|a+h+)$")

# decode(audio, clip) -> words on the audio's own clock: a chunk (clip False) or a short clip (clip True)
Decode = Callable[[np.ndarray, bool], Sequence[Word]]


@dataclass(frozen=True)
class CheckOptions:
    # A filler the prompted hearing writes this near the stretch is the stretch: Whisper's times for a
    # filler lean late (it hangs it on the next word's start), by up to half a second on a whole chunk and
    # less on a clip of three words (measured, docs/analysis.md).
    chunk_reach_s: float = 0.6
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


class FillerCheck:
    """Hears each candidate stretch again with a disfluent prompt; keeps the ones heard as a filler.

    A chunk is heard at most once (its fillers are kept for every stretch in it), so the cost is one
    decode per chunk that has a candidate, plus one short clip for each candidate that hearing missed."""

    def __init__(self, decode: Decode, opts: CheckOptions = CheckOptions()):
        self.decode = decode
        self.opts = opts
        self._chunks: dict[tuple[int, int], list[tuple[float, float]]] = {}
        self.decodes = 0

    def chunk_fillers(self, audio: np.ndarray, start: int, samples: int) -> list[tuple[float, float]]:
        """Fillers the prompted hearing writes in the chunk (first sample, samples), on the recording's clock."""
        key = (start, samples)
        if key not in self._chunks:
            self.decodes += 1
            offset = start / RATE
            self._chunks[key] = [(a + offset, b + offset) for a, b in
                                 filler_times(self.decode(audio[start: start + samples], False))]
        return self._chunks[key]

    def is_filler(self, audio: np.ndarray, gap: tuple[float, float], words: Sequence[Word],
                  bounds: Sequence[tuple[int, int]]) -> bool:
        at = int(gap[0] * RATE)
        chunk = next(((s, n) for s, n in bounds if s <= at < s + n), (0, len(audio)))
        if heard_near(gap, self.chunk_fillers(audio, *chunk), self.opts.chunk_reach_s):
            return True
        c0, c1 = clip_around(gap, words, self.opts.clip_pad_s)
        i0, i1 = int(c0 * RATE), min(len(audio), int(c1 * RATE))
        self.decodes += 1
        heard = [(a + i0 / RATE, b + i0 / RATE) for a, b in filler_times(self.decode(audio[i0:i1], True))]
        return heard_near(gap, heard, self.opts.clip_reach_s)

    def confirm(self, audio: np.ndarray, gaps: Sequence[tuple[float, float]], words: Sequence[Word],
                bounds: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
        """The stretches heard as a filler. `words` are Whisper's, `bounds` the chunks they were heard in."""
        return [g for g in gaps if self.is_filler(audio, g, words, bounds)]


def chunk_confirmed(check: FillerCheck, chunk: np.ndarray, words: Sequence[Word], mask: np.ndarray
                    ) -> list[tuple[float, float]]:
    """A chunk's own voice-only stretches heard again, as the chunk closes (times on the chunk's clock):
    what a live session can do while the answer goes on, with the chunk's words and voice mask alone."""
    from coach.analysis import transcript_fillers
    from coach.voice import uncovered_voiced

    said = [(s, e) for _, s, e in transcript_fillers(words)]
    gaps = [g for g in uncovered_voiced(None, words, mask=mask) if not heard_near(g, said, 0.3)]
    return check.confirm(chunk, gaps, words, [(0, len(chunk))])


def keep_confirmed(gaps: Sequence[tuple[float, float]], confirmed: Sequence[tuple[float, float]]
                   ) -> list[tuple[float, float]]:
    """The answer's voice-only stretches that overlap one its chunks confirmed."""
    return [(s, e) for s, e in gaps if any(a < e and s < b for a, b in confirmed)]


def whisper_decode(transcriber) -> Decode:  # type: ignore[no-untyped-def]
    """The prompted hearing with a loaded coach.transcribe.WhisperTranscriber's model: a chunk as the
    transcriber hears it (beam 5, Silero's VAD), a clip greedily and whole (too short for the VAD)."""
    from coach.transcribe import join_pieces

    def decode(audio: np.ndarray, clip: bool) -> list[Word]:
        transcriber.load()
        segments, _ = transcriber._model.transcribe(
            audio, language="en", word_timestamps=True, condition_on_previous_text=False, initial_prompt=PROMPT,
            vad_filter=not clip, beam_size=1 if clip else 5, temperature=0.0)
        return join_pieces([(w.word, float(w.start), float(w.end)) for seg in segments for w in seg.words or []])

    return decode
