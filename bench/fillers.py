#!/usr/bin/env python3
"""Fillers heard again (coach/fillercheck.py): false fillers and fillers found, with and without the check.

    .venv/bin/python bench/fillers.py --cache /work/cache/coach-eval                 # the sets tuned on
    .venv/bin/python bench/fillers.py --cache /work/cache/coach-eval others-heldout  # held out: summary only
    .venv/bin/python bench/fillers.py --cost 6                                        # time, same run

Every voice-only "(um)" candidate (coach.voice's detector on bench/eval.py's cached words and masks) is
heard again, alone in a clip from the word before it to the word after it, with a disfluent prompt, and
kept only if that hearing wrote a filler on it: the report as `coach grade` and a live session give it.
Per answer of a set tuned on: fillers said, found without and with the check, the candidates and the ones
kept; per set: false fillers (found on answers with none said) and fillers found counted as the scorer
counts them (at most those said), without -> with. The hearings are cached beside the words (heard/).

--cost N: N answers of the public and dev sets (with fillers said and without, in turn), each transcribed
through the live chunker (words, voice mask, the detector and the analysis: the report without the check)
and then checked, uncached; prints seconds per minute of audio of each and the ratio, from the same run.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval import HELD_OUT, SETS, TranscriptCache, ensure_rendered  # noqa: E402
from scoring import SHARED_EVAL  # noqa: E402

from coach.audio import RATE, load_audio  # noqa: E402
from coach.pipeline import answer_from_words, filler_check, grade  # noqa: E402

TUNED = ["public", "dev", "others-dev", "others-train", "others-train2", "others-train3", "voices13", "room14"]


def wavs(name: str) -> list[Path]:
    folder = SETS[name]
    audio = ensure_rendered(folder, SHARED_EVAL / "synth.py") if name != "public" else folder / "audio"
    return sorted(audio.glob("*.wav"))


def fillers_of(answer) -> tuple:  # type: ignore[no-untyped-def]
    return grade(answer, None, "sde2").pacing.fillers


def measure(name: str, cache: TranscriptCache) -> None:
    rows: list[tuple[str, int, int, int, list, list]] = []
    for wav in wavs(name):
        truth = json.loads(wav.with_suffix(".json").read_text())
        before, after = fillers_of(cache.answer(wav, check=False)), fillers_of(cache.answer(wav))
        cands = [(f.start_s, f.end_s) for f in before if f.source == "audio"]
        kept = [(f.start_s, f.end_s) for f in after if f.source == "audio"]
        rows.append((wav.stem, truth["fillers"], len(before), len(after), cands, kept))
    print(f"== {name}: {len(rows)} answers")
    if name not in HELD_OUT:
        for stem, said, n0, n1, cands, kept in rows:
            if cands:
                dropped = " ".join(f"{g[0]:.2f}" for g in cands if g not in kept)
                print(f"  {stem[:34]:34s} said {said:2d}  found {n0:2d} -> {n1:2d}  "
                      f"candidates {len(cands)}, kept {len(kept)}" + (f"  (dropped at {dropped})" if dropped else ""))
    said = sum(r[1] for r in rows)
    false = [sum(r[2] for r in rows if not r[1]), sum(r[3] for r in rows if not r[1])]
    found = [sum(min(r[2], r[1]) for r in rows if r[1]), sum(min(r[3], r[1]) for r in rows if r[1])]
    print(f"  false fillers {false[0]} -> {false[1]}; found (at most those said) {found[0]} -> {found[1]} of {said}; "
          f"voice-only candidates {sum(len(r[4]) for r in rows)}, kept {sum(len(r[5]) for r in rows)}\n")


def clip_of(audio, a: int, b: int):  # type: ignore[no-untyped-def]
    return audio[a:b]


def cost(n: int, cache: TranscriptCache) -> None:
    from coach.streaming import chunk_transcript

    transcriber = cache.transcriber()
    # answers with fillers said (most have candidates) and without (the check rarely runs), in turn
    said = [w for name in ("public", "dev") for w in wavs(name) if "filler" in w.stem]
    clean = [w for name in ("dev", "public") for w in wavs(name) if "filler" not in w.stem]
    picked = [w for pair in zip(said, clean) for w in pair][:n]
    base = check_s = audio_s = 0.0
    decodes = 0
    for wav in picked:
        audio = load_audio(wav)
        t0 = time.perf_counter()
        words, mask, _ = chunk_transcript(audio, transcriber)
        fillers_of(answer_from_words(audio, words, str(wav), voice_mask=mask))
        t1 = time.perf_counter()
        check = filler_check(transcriber, functools.partial(clip_of, audio))
        fillers_of(answer_from_words(audio, words, str(wav), voice_mask=mask, check=check))
        t2 = time.perf_counter()  # the second analysis (a few ms) is counted with the check
        base += t1 - t0
        check_s += t2 - t1
        audio_s += len(audio) / RATE
        decodes += check.decodes if check else 0
        print(f"  {wav.stem[:34]:34s} {len(audio) / RATE:5.1f} s audio  report {t1 - t0:5.2f} s  "
              f"check {t2 - t1:5.2f} s ({check.decodes if check else 0} clips heard)")
    per_min = 60 / audio_s
    print(f"cost: report without the check {base * per_min:.2f} s per audio minute, check {check_s * per_min:.2f} s "
          f"({decodes} clips); with the check / without: {(base + check_s) / base:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=TUNED)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache", help="bench/eval.py's word cache")
    parser.add_argument("--cost", type=int, default=0, help="time the check on N answers instead")
    args = parser.parse_args(argv)
    cache = TranscriptCache(args.cache)
    if args.cost:
        cost(args.cost, cache)
        return
    for name in args.sets:
        measure(name, cache)


if __name__ == "__main__":
    main()
