"""A chunk's words with the voiced tail Whisper stopped short of heard again.

Whisper's decoder can end a window early: it writes end-of-text in mid-answer, faster-whisper takes the window as
done, and the voice after that point is never written. In a room (bench/room14, tc18: SNR 21 dB, RT60 0.6 s) a
14.7 s chunk came back as 11 words ending on "24-" at 7.0 s, though Silero hears voice to 13.7 s and faster-whisper's
own VAD kept all of it; greedy decoding of the same chunk goes on (docs/analysis.md, "Transcription: a chunk decoded
short, session 15"). So when the chunk's voice mask has more voice after its last word than a filler or a breath, the
chunk is heard again from shortly before its last word, with the same deterministic settings, and what that hearing
writes from the last word on replaces the last word. Nothing is decoded again when the words reach the end of the
voice, as they do on all but 2 of the development sets' 941 chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.audio import RATE
from coach.report import Word
from coach.thresholds import MASK_FRAME_S


@dataclass(frozen=True)
class TailOptions:
    # This much voice (Silero's mask, summed) after the last word is words never written: a filler at a chunk's end
    # or a breath lasts well under a second.
    voiced_s: float = 1.5
    # The last word counts as at most this long: an early end stretches it to where decoding stopped (tc18's "24-"
    # ran 3.9-7.0 s), so its end says nothing about where the words stopped.
    word_s: float = 1.0
    # The hearing again starts this long before the last word, so that word is heard whole and in its sentence
    # (tiny.en often skips a chunk's first words).
    context_s: float = 1.0
    rehearings: int = 2  # at most this many hearings again per chunk: the cost stays bounded


TAIL = TailOptions()


def unheard_tail_s(words: Sequence[Word], mask: np.ndarray, opts: TailOptions = TAIL) -> float:
    """Seconds of voice in `mask` (10 ms frames on the words' clock) after the last word, which counts as at most
    `word_s` long; 0 without words (the same samples heard again would give the same nothing)."""
    if not words:
        return 0.0
    last = words[-1]
    after = min(last.end_s, last.start_s + opts.word_s)
    return float(np.count_nonzero(mask[int(round(after / MASK_FRAME_S)):])) * MASK_FRAME_S


def hear_tail(transcribe: Callable[[np.ndarray], list[Word]], chunk: np.ndarray, words: Sequence[Word],
              mask: np.ndarray, opts: TailOptions = TAIL) -> tuple[list[Word], int]:
    """The chunk's words with an unheard voiced tail (`unheard_tail_s` at least `voiced_s`) heard again, and how
    many hearings again that took. The chunk from `context_s` before the last word is transcribed again; its words
    whose middle lies at or after the last word's start replace the last word. A hearing that writes no more than
    one word there ends it: the voice is not words Whisper can write (noise Silero took for voice, a long hum)."""
    out = list(words)
    done = 0
    while done < opts.rehearings and unheard_tail_s(out, mask, opts) >= opts.voiced_s:
        seam = out[-1].start_s
        lo = int(max(0.0, seam - opts.context_s) * RATE)
        offset = lo / RATE
        done += 1
        tail = [Word(w.text, round(w.start_s + offset, 3), round(w.end_s + offset, 3)) for w in transcribe(chunk[lo:])
                if (w.start_s + w.end_s) / 2 + offset >= seam]
        if len(tail) <= 1:
            break
        out = [w for w in out if w.start_s < seam] + tail
    return out, done
