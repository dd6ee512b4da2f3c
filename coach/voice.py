"""Where the audio is voiced, and which voiced stretches no transcribed word covers.

Whisper was trained on clean transcripts and drops most "um"s and "uh"s.
A stretch of voiced audio that no word covers is most often such a filler
(the approach of rescript PR #60, see docs/analysis.md). numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coach.report import Word

RATE = 16000


@dataclass(frozen=True)
class VoiceOptions:
    frame_s: float = 0.02
    # A frame is voiced when its energy is this far above the noise floor...
    above_floor_db: float = 15.0
    # ...and no more than this far below the loudest speech.
    below_peak_db: float = 35.0
    bridge_s: float = 0.08  # join voiced runs split by a shorter dip
    min_gap_s: float = 0.3  # an uncovered voiced stretch shorter than this is a word edge, not a filler
    max_gap_s: float = 1.2  # longer uncovered speech is dropped words, not one filler
    word_margin_s: float = 0.06  # word times from the recogniser are this loose


def frame_energy_db(audio: np.ndarray, frame_s: float = 0.02) -> np.ndarray:
    n = int(RATE * frame_s)
    frames = len(audio) // n
    if frames == 0:
        return np.zeros(0)
    x = audio[: frames * n].reshape(frames, n).astype(np.float64)
    rms = np.sqrt(np.mean(x * x, axis=1) + 1e-12)
    return 20 * np.log10(rms + 1e-9)


def voiced_runs(audio: np.ndarray, opts: VoiceOptions = VoiceOptions()) -> list[tuple[float, float]]:
    """(start, end) seconds of voiced stretches."""
    db = frame_energy_db(audio, opts.frame_s)
    if db.size == 0:
        return []
    floor = float(np.percentile(db, 10))
    peak = float(np.percentile(db, 99))
    threshold = max(floor + opts.above_floor_db, peak - opts.below_peak_db)
    voiced = db > threshold
    runs: list[list[float]] = []
    for i, v in enumerate(voiced):
        if not v:
            continue
        t = i * opts.frame_s
        if runs and t - runs[-1][1] <= opts.bridge_s:
            runs[-1][1] = t + opts.frame_s
        else:
            runs.append([t, t + opts.frame_s])
    return [(a, b) for a, b in runs]


def is_silent(audio: np.ndarray) -> bool:
    """No speech at all: near-digital silence or no voiced run of half a second."""
    if audio.size == 0 or float(np.max(np.abs(audio))) < 1e-3:
        return True
    return sum(b - a for a, b in voiced_runs(audio)) < 0.5


def uncovered_voiced(audio: np.ndarray, words: Sequence[Word],
                     opts: VoiceOptions = VoiceOptions()) -> list[tuple[float, float]]:
    """Voiced stretches between min_gap_s and max_gap_s long that no word (with a margin) covers."""
    covered = [(w.start_s - opts.word_margin_s, w.end_s + opts.word_margin_s) for w in words]
    out = []
    for a, b in voiced_runs(audio, opts):
        pieces = [(a, b)]
        for ca, cb in covered:
            nxt = []
            for pa, pb in pieces:
                if cb <= pa or ca >= pb:
                    nxt.append((pa, pb))
                    continue
                if pa < ca:
                    nxt.append((pa, ca))
                if cb < pb:
                    nxt.append((cb, pb))
            pieces = nxt
        for pa, pb in pieces:
            if opts.min_gap_s <= pb - pa <= opts.max_gap_s:
                out.append((round(pa, 2), round(pb, 2)))
    return out
