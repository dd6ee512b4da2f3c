#!/usr/bin/env python3
"""Whisper's encoder on a shorter window than 30 s: does it keep the words, and is it faster?

    .venv/bin/python bench/tail_window.py                      # last chunk of each public answer
    .venv/bin/python bench/tail_window.py --margins 0 200 --all DIR

At Enter the last chunk's transcription is what the user waits for, and faster-whisper pads every
chunk's mel features to 3000 frames (30 s) whatever its length. CTranslate2 (4.x) accepts fewer
frames, so a short chunk could be encoded on a window of its own length plus `margin` frames
(10 ms each). This transcribes each chunk the live chunker makes (coach.streaming's cuts, found
from the audio alone) with the padded window and with each shorter one, and prints whether the
words are the same and the total time of each, in one run. Live must equal offline: a window
that changes the words could only be used if `coach grade` used it too.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import faster_whisper.transcribe as fwt  # noqa: E402

from coach.audio import RATE, load_audio  # noqa: E402
from coach.report import Word  # noqa: E402
from coach.streaming import chunk_transcript  # noqa: E402
from coach.transcribe import WhisperTranscriber  # noqa: E402

PUBLIC = ROOT.parent / "shared" / "eval" / "public" / "audio"
FULL = 3000  # mel frames in Whisper's 30 s window
_pad_or_trim = fwt.pad_or_trim
_margin: list[int | None] = [None]


def _padded(features, length: int = FULL, **kw):  # type: ignore[no-untyped-def]
    margin = _margin[0]
    return _pad_or_trim(features, length if margin is None else min(FULL, features.shape[-1] + margin), **kw)


class _NoWords:
    """Only the chunk cuts are wanted here: they depend on the audio, not on the words."""

    name = "none"

    def load(self) -> None:
        pass

    def transcribe(self, audio: object) -> list[Word]:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=PUBLIC)
    parser.add_argument("--margins", type=int, nargs="+", default=[0, 200], help="frames added after the audio")
    parser.add_argument("--all", action="store_true", help="every chunk, not only each answer's last")
    args = parser.parse_args()
    fwt.pad_or_trim = _padded  # faster-whisper looks it up in its module at each chunk
    transcriber = WhisperTranscriber()
    transcriber.load()
    windows: list[int | None] = [None, *args.margins]
    same = {m: 0 for m in args.margins}
    seconds = {m: 0.0 for m in windows}
    chunks = 0
    for wav in sorted(args.folder.glob("*.wav")):
        audio = load_audio(wav)
        _, _, bounds = chunk_transcript(audio, _NoWords())  # where the live chunker cuts: audio only
        for start, n in bounds if args.all else bounds[-1:]:
            chunks += 1
            heard = {}
            for m in windows:
                _margin[0] = m
                t0 = time.perf_counter()
                heard[m] = [w.text for w in transcriber.transcribe(audio[start : start + n])]
                seconds[m] += time.perf_counter() - t0
            for m in args.margins:
                diff = [d for d in difflib.ndiff(heard[None], heard[m]) if d[0] in "+-"]
                same[m] += not diff
                print(f"{wav.stem:<28} {start / RATE:6.1f}+{n / RATE:4.1f} s  margin {m:>4}: "
                      + ("same words" if not diff else f"{len(diff)} word changes, e.g. {' '.join(diff[:6])}"))
    print(f"padded 30 s window: {seconds[None]:.1f} s for {chunks} chunks")
    for m in args.margins:
        print(f"window of the chunk + {m} frames: same words in {same[m]}/{chunks} chunks, {seconds[m]:.1f} s "
              f"({seconds[m] / max(seconds[None], 1e-9):.2f}x the padded window's time)")


if __name__ == "__main__":
    main()
