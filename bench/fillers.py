#!/usr/bin/env python3
"""Fillers heard again (coach/fillercheck.py): false fillers and fillers found, with and without the check.

    .venv/bin/python bench/fillers.py --cache /work/cache/coach-eval                 # the sets tuned on
    .venv/bin/python bench/fillers.py --cache /work/cache/coach-eval others-heldout  # held out: summary only
    .venv/bin/python bench/fillers.py --cost 6                                        # time, same run

Every voice-only "(um)" the report gives (coach.voice's detector on bench/eval.py's cached words and
masks) is heard again by FillerCheck and kept only if that hearing wrote a filler on it. Per answer of a
set tuned on: fillers said, found before and after, the candidates and the ones kept; per set: false
fillers (found on answers with none said) and fillers found counted as the scorer counts them (at most
those said), before -> after. The prompted decodes are cached in --check-cache, keyed by the audio
heard and the decode's settings.

--cost N: N answers of the public and dev sets (with fillers said and without, in turn), each transcribed through the live chunker
(words, voice mask, the detector and the analysis: the report without the check) and then checked, alternating,
uncached; prints seconds per minute of audio of each and the ratio, from the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval import HELD_OUT, SETS, TranscriptCache, ensure_rendered  # noqa: E402
from scoring import SHARED_EVAL  # noqa: E402

from coach import fillercheck  # noqa: E402
from coach.audio import RATE  # noqa: E402
from coach.pipeline import answer_from_words, grade  # noqa: E402
from coach.report import Word  # noqa: E402
from coach.streaming import MASK_HOP  # noqa: E402

TUNED = ["public", "dev", "others-dev", "others-train"]


class CachedDecode:
    """fillercheck.whisper_decode with its answers kept on disk."""

    def __init__(self, cache: TranscriptCache, folder: Path | None):
        self.cache = cache
        self.folder = folder
        self._decode: fillercheck.Decode | None = None
        self.version = hashlib.sha256((inspect.getsource(fillercheck.whisper_decode) + fillercheck.PROMPT)
                                      .encode()).hexdigest()[:12]
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, audio: np.ndarray, clip: bool) -> list[Word]:
        key = hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).tobytes()
                             + f"{clip}{self.version}".encode()).hexdigest()[:24]
        path = self.folder / f"{key}.json" if self.folder is not None else None
        if path is not None and path.exists():
            return [Word(*w) for w in json.loads(path.read_text())]
        if self._decode is None:
            self._decode = fillercheck.whisper_decode(self.cache.transcriber())
        words = list(self._decode(audio, clip))
        if path is not None:
            path.write_text(json.dumps([[w.text, w.start_s, w.end_s] for w in words]))
        return words


def wavs(name: str) -> list[Path]:
    folder = SETS[name]
    audio = ensure_rendered(folder, SHARED_EVAL / "synth.py") if name != "public" else folder / "audio"
    return sorted(audio.glob("*.wav"))


def measure(name: str, cache: TranscriptCache, decode: CachedDecode, per_chunk: bool = False) -> None:
    rows: list[tuple[str, int, int, int, list, list]] = []
    for wav in wavs(name):
        truth = json.loads(wav.with_suffix(".json").read_text())
        audio, words, mask, bounds = cache.parts(wav)
        fillers = grade(answer_from_words(audio, words, str(wav), voice_mask=mask), None, "sde2").pacing.fillers
        cands = [(f.start_s, f.end_s) for f in fillers if f.source == "audio"]
        check = fillercheck.FillerCheck(decode)
        if per_chunk:  # as a live session would: each chunk's own stretches, checked as it closes
            confirmed = []
            for start, n in bounds:
                t0, t1 = start / RATE, (start + n) / RATE
                local = [Word(w.text, w.start_s - t0, w.end_s - t0) for w in words if t0 <= w.start_s < t1]
                m0 = start // MASK_HOP
                heard = fillercheck.chunk_confirmed(check, audio[start: start + n], local,
                                                    mask[m0: m0 + n // MASK_HOP + 1])
                confirmed += [(a + t0, b + t0) for a, b in heard]
            kept = fillercheck.keep_confirmed(cands, confirmed)
        else:
            kept = check.confirm(audio, cands, words, bounds)
        rows.append((wav.stem, truth["fillers"], len(fillers), len(fillers) - len(cands) + len(kept), cands, kept))
    print(f"== {name}: {len(rows)} answers")
    if name not in HELD_OUT:
        for stem, said, before, after, cands, kept in rows:
            if cands:
                dropped = " ".join(f"{g[0]:.2f}" for g in cands if g not in kept)
                print(f"  {stem[:34]:34s} said {said:2d}  found {before:2d} -> {after:2d}  "
                      f"candidates {len(cands)}, kept {len(kept)}" + (f"  (dropped at {dropped})" if dropped else ""))
    said = sum(r[1] for r in rows)
    false = [sum(r[2] for r in rows if not r[1]), sum(r[3] for r in rows if not r[1])]
    found = [sum(min(r[2], r[1]) for r in rows if r[1]), sum(min(r[3], r[1]) for r in rows if r[1])]
    print(f"  false fillers {false[0]} -> {false[1]}; found (at most those said) {found[0]} -> {found[1]} of {said}; "
          f"voice-only candidates {sum(len(r[4]) for r in rows)}, kept {sum(len(r[5]) for r in rows)}\n")


def cost(n: int, cache: TranscriptCache) -> None:
    from coach.streaming import chunk_transcript

    transcriber = cache.transcriber()
    decode = fillercheck.whisper_decode(transcriber)
    # answers with fillers said (every chunk has a candidate) and without (the check rarely runs), in turn
    said = [w for name in ("public", "dev") for w in wavs(name) if "filler" in w.stem]
    clean = [w for name in ("dev", "public") for w in wavs(name) if "filler" not in w.stem]
    picked = [w for pair in zip(said, clean) for w in pair][:n]
    base = check = audio_s = 0.0
    decodes = 0
    from coach.audio import load_audio

    for wav in picked:
        audio = load_audio(wav)
        t0 = time.perf_counter()
        words, mask, bounds = chunk_transcript(audio, transcriber)
        report = grade(answer_from_words(audio, words, str(wav), voice_mask=mask), None, "sde2")
        gaps = [(f.start_s, f.end_s) for f in report.pacing.fillers if f.source == "audio"]
        t1 = time.perf_counter()
        fc = fillercheck.FillerCheck(decode)
        fc.confirm(audio, gaps, words, bounds)
        t2 = time.perf_counter()
        base += t1 - t0
        check += t2 - t1
        audio_s += len(audio) / RATE
        decodes += fc.decodes
        print(f"  {wav.stem[:34]:34s} {len(audio) / RATE:5.1f} s audio  report {t1 - t0:5.2f} s  "
              f"check {t2 - t1:5.2f} s ({fc.decodes} decodes, {len(gaps)} candidates)")
    per_min = 60 / audio_s
    print(f"cost: report without the check {base * per_min:.2f} s per audio minute, check {check * per_min:.2f} s "
          f"({decodes} decodes); with the check / without: {(base + check) / base:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=TUNED)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache", help="bench/eval.py's word cache")
    parser.add_argument("--check-cache", type=Path, default=None,
                        help="the prompted decodes (default: fillercheck/ in --cache)")
    parser.add_argument("--per-chunk", action="store_true",
                        help="each chunk's own stretches checked as it closes (what a live session can do)")
    parser.add_argument("--cost", type=int, default=0, help="time the check on N answers instead")
    args = parser.parse_args(argv)
    cache = TranscriptCache(args.cache)
    if args.cost:
        cost(args.cost, cache)
        return
    decode = CachedDecode(cache, args.check_cache or args.cache / "fillercheck")
    for name in args.sets:
        measure(name, cache, decode, args.per_chunk)


if __name__ == "__main__":
    main()
