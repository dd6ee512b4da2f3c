#!/usr/bin/env python3
"""Delivery coaching (issue 17): the bands on labelled and real audio, hedges on written answers, and time.

    .venv/bin/python bench/delivery.py                 # audio and text figures
    .venv/bin/python bench/delivery.py --latency 3     # time after Enter for a 3-minute answer
    .venv/bin/python bench/delivery.py --contention 6  # does the tracker slow the transcriber's calls?

Audio: the labelled renderings of tests/data/delivery.yaml (flat, lively, trailing and its steady
control), the public set's audio and the real recordings in ../shared/eval/real, through the same
ProsodyTracker and assessment as a recorded answer. Pitch needs no words; sentence ends and loudness use
the words Whisper hears (cached by audio hash in $COACH_EVAL_CACHE or bench/.cache/delivery).

Text: every written answer of the project's and other people's sets, timed at 150 wpm, with the
author's own sections, through the hedge and repetition checks. others-heldout prints its summary only.

Latency: a 3-minute answer fed block by block at the pace of speech; after its last block, the time to
finish the prosody track and assess delivery (what Enter adds) against the time to analyse the same
words without delivery, in the same run.

Contention: one Whisper call on 20 s of the sample answer (a chunk as the streaming transcriber cuts it),
alone and while a ProsodyTracker on another thread is fed 50 ms blocks at the pace of speech (Praat
holds Python's lock while it runs), alternating in one run; the tracker starts 6 s before the call, as
it has been running since the answer began. The ratio is what the tracker costs the words at Enter.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.analysis import Answer, analyse, words_from_text  # noqa: E402
from coach.audio import RATE, load_audio  # noqa: E402
from coach.delivery import assess  # noqa: E402
from coach.prosody import ProsodyTracker, track_of  # noqa: E402
from coach.report import Word  # noqa: E402
from coach.rubric import delivery_misses  # noqa: E402
from coach.thresholds import SECTIONS  # noqa: E402
from tests import delivery_audio  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
CACHE = Path(os.environ.get("COACH_EVAL_CACHE", ROOT / "bench" / ".cache")) / "delivery"
_transcriber = None


def words_of(audio: np.ndarray, name: str) -> list[Word]:
    global _transcriber
    CACHE.mkdir(parents=True, exist_ok=True)
    key = CACHE / (hashlib.sha1(audio.tobytes()).hexdigest()[:20] + ".json")
    if key.exists():
        return [Word(**w) for w in json.loads(key.read_text())]
    from coach.pipeline import answer_from_audio
    from coach.transcribe import WhisperTranscriber

    if _transcriber is None:
        _transcriber = WhisperTranscriber()
    words = list(answer_from_audio(audio, _transcriber, name).words)
    key.write_text(json.dumps([w.__dict__ for w in words]))
    return words


def audio_row(name: str, audio: np.ndarray) -> dict:
    words = words_of(audio, name)
    report = analyse(Answer(tuple(words), len(audio) / RATE))
    spans = [(s.name, s.start_s, s.end_s) for s in report.sections if s.start_s is not None and s.end_s is not None]
    d = assess(words, spans, track_of(audio), [(f.start_s, f.end_s) for f in report.pacing.fillers])
    return {"name": name, "sd": d.pitch_sd_st, "band": d.pitch_band, "voiced": d.voiced_s, "level": d.level_db,
            "snr": None if d.level_db is None or d.noise_db is None else round(d.level_db - d.noise_db),
            "quiet": "quiet" if d.too_quiet else "noisy" if d.too_noisy else "", "trail": d.trailing,
            "ends": len(d.sentence_ends),
            "max_drop": max((e.drop_db for e in d.sentence_ends), default=None),
            "misses": [m.code for m in delivery_misses(d)]}


def print_audio(rows: list[dict]) -> None:
    print(f"{'audio':34} {'SD st':>6} {'band':9} {'voiced':>6} {'dBFS':>6} {'SNR':>4} {'trail':>6} {'max drop':>8}  misses")
    for r in rows:
        print(f"{r['name']:34} {r['sd'] if r['sd'] is not None else '-':>6} {r['band'] or '-':9} {r['voiced']:>6} "
              f"{r['level'] if r['level'] is not None else '-':>6} {r['snr'] if r['snr'] is not None else '-':>4} "
              f"{r['quiet'] or str(r['trail']) + '/' + str(r['ends']):>6} "
              f"{r['max_drop'] if r['max_drop'] is not None else '-':>8}  {' '.join(r['misses']) or '-'}")


def audio_sets() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in delivery_audio.cases():
            for style in delivery_audio.STYLES:
                path = delivery_audio.render(case, style, Path(tmp) / f"{case['id']}-{style}.wav")
                rows.append(audio_row(f"{case['id']}/{style}", load_audio(path)))
    print("Labelled renderings (tests/data/delivery.yaml)")
    print_audio(rows)
    for folder, title in ((SHARED / "public" / "audio", "Public set (espeak-ng, flite: default range)"),
                          (SHARED / "real", "Real voices (../shared/eval/real)")):
        files = sorted(p for p in folder.glob("*") if p.suffix in (".wav", ".flac")) if folder.is_dir() else []
        if files:
            print(f"\n{title}")
            print_audio([audio_row(p.name, load_audio(p)) for p in files])


TEXT_SETS = {"public": SHARED / "public" / "cases.yaml", "dev": ROOT / "bench" / "dev" / "cases.yaml",
             "others-dev": ROOT / "bench" / "others-dev" / "cases.yaml"}
HELDOUT = ROOT / "bench" / "others-heldout" / "cases.yaml"


def text_case(case: dict) -> tuple[str, list, float]:
    words: list[Word] = []
    spans = []
    t = 0.0
    for name in SECTIONS:
        text = (case.get("sections") or {}).get(name)
        if not text:
            continue
        part = words_from_text(" ".join(text.split()), 150)
        part = [Word(w.text, w.start_s + t, w.end_s + t) for w in part]
        spans.append((name, t, part[-1].end_s + 0.4))
        words += part
        t = part[-1].end_s + 0.4
    d = assess(words, spans, None)
    return case["id"], [m.code for m in delivery_misses(d)], d.hedges_per_min, d  # type: ignore[return-value]


def text_sets(reveal: bool) -> None:
    print("\nWritten answers (150 wpm, the author's sections)")
    print(f"{'set':14} {'answers':>7} {'hedging':>7} {'repeats':>7} {'hedges/min median':>17} {'max':>5}")
    sets = dict(TEXT_SETS)
    if HELDOUT.exists():
        sets["others-heldout"] = HELDOUT
    for name, path in sets.items():
        if not path.exists():
            continue
        cases = yaml.safe_load(path.read_text())["cases"]
        results = [text_case(c) for c in cases]
        hedging = [r for r in results if "hedging" in r[1]]
        repeats = [r for r in results if r[3].repeats]
        rates = [r[2] for r in results]
        print(f"{name:14} {len(results):>7} {len(hedging):>7} {len(repeats):>7} {np.median(rates):>17.2f} "
              f"{max(rates):>5.2f}")
        if name != "others-heldout" or reveal:
            for r in hedging:
                print(f"    hedging: {r[0]}: " + "; ".join(f'"{h.text}" ({h.kind}, {h.section})' for h in r[3].hedges))
            for r in repeats:
                print(f"    repeats: {r[0]}: " + "; ".join(f'"{x.phrase}" x{x.count}' for x in r[3].repeats))


def story_lines() -> None:
    """The stories' example lines: a hedge that counts in how many weak ones, and in how many strong ones."""
    from coach.hedges import find_hedges

    counts = {"weak": [0, 0], "strong": [0, 0]}

    def walk(node: object) -> list[tuple[str, str]]:
        if isinstance(node, dict):
            return [(k, v) for k, v in node.items() if k in counts and isinstance(v, str)] + [
                x for k, v in node.items() if not (k in counts and isinstance(v, str)) for x in walk(v)]
        if isinstance(node, list):
            return [x for v in node for x in walk(v)]
        return []
    for path in sorted((ROOT / "stories").glob("*.yaml")):
        for kind, line in walk(yaml.safe_load(path.read_text())):
            counts[kind][0] += 1
            counts[kind][1] += any(h.kind != "opinion" for h in find_hedges(words_from_text(line, 150)))
    print(f"\nStories' example lines with a counted hedge: weak {counts['weak'][1]} of {counts['weak'][0]}, "
          f"strong {counts['strong'][1]} of {counts['strong'][0]}")


def latency(minutes: float, rounds: int) -> None:
    pool = np.concatenate([load_audio(p) for p in sorted((SHARED / "public" / "audio").glob("*.wav"))]
                          ) if (SHARED / "public").is_dir() else None
    if pool is None:
        sys.exit("--latency needs ../shared/eval/public/audio for speech to feed")
    n = int(minutes * 60 * RATE)
    audio = np.tile(pool, int(np.ceil(n / len(pool))))[:n]
    words = words_of(audio, f"{minutes} min")
    block = int(0.05 * RATE)
    base, extra, feed_ms = [], [], []
    for _ in range(rounds):
        tracker = ProsodyTracker()
        worst = 0.0
        for i in range(0, len(audio), block):  # as the recorder does: one 50 ms block at a time
            t0 = time.perf_counter()
            tracker.feed(audio[i: i + block])
            worst = max(worst, time.perf_counter() - t0)
        feed_ms.append(worst * 1000)
        t0 = time.perf_counter()
        report = analyse(Answer(tuple(words), len(audio) / RATE))
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        track = tracker.finish()
        spans = [(s.name, s.start_s, s.end_s) for s in report.sections if s.start_s is not None]
        assess(words, spans, track, [(f.start_s, f.end_s) for f in report.pacing.fillers])
        extra.append(time.perf_counter() - t0)
    b, e = float(np.median(base)), float(np.median(extra))
    print(f"{minutes:.0f}-minute answer ({len(words)} words), median of {rounds} rounds:")
    print(f"  analyse without delivery (baseline) {b * 1000:7.1f} ms")
    print(f"  delivery after Enter (finish + assess) {e * 1000:7.1f} ms  = {e / b:.2f} x baseline")
    print(f"  longest single feed() while recording {max(feed_ms):7.1f} ms (a block is 50 ms of audio)")


def contention(rounds: int) -> None:
    import statistics
    import threading

    from coach.paths import SAMPLE_ANSWER
    from coach.prosody import praat_available
    from coach.transcribe import WhisperTranscriber

    transcriber = WhisperTranscriber()
    transcriber.load()
    audio = load_audio(SAMPLE_ANSWER)
    chunk = audio[10 * RATE: 30 * RATE]
    praat_available()
    transcriber.transcribe(chunk)  # first-call set-up, not timed
    block = int(0.05 * RATE)

    def feed(stop: threading.Event) -> None:
        tracker, i, due = ProsodyTracker(), 0, time.perf_counter()
        while not stop.is_set():
            at = (i * block) % (len(audio) - block)
            tracker.feed(audio[at: at + block])
            i, due = i + 1, due + 0.05
            time.sleep(max(0.0, due - time.perf_counter()))

    times: dict[str, list[float]] = {"alone": [], "with tracker": []}
    for r in range(rounds):
        for mode in (("alone", "with tracker") if r % 2 == 0 else ("with tracker", "alone")):
            stop = threading.Event()
            feeder = threading.Thread(target=feed, args=(stop,)) if mode != "alone" else None
            if feeder:
                feeder.start()
                time.sleep(6.0)
            t0 = time.perf_counter()
            transcriber.transcribe(chunk)
            times[mode].append(time.perf_counter() - t0)
            stop.set()
            if feeder:
                feeder.join()
    base = statistics.median(times["alone"])
    print(f"Whisper on a 20 s chunk, median of {rounds} (load average {os.getloadavg()[0]:.1f} at the end):")
    for mode, v in times.items():
        m = statistics.median(v)
        print(f"  {mode:>12} {m:6.3f} s ({min(v):.3f}-{max(v):.3f})  {m / base:.2f} x alone")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, help="minutes of answer for the after-Enter timing")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--contention", type=int, metavar="ROUNDS", help="Whisper alone and beside the tracker")
    parser.add_argument("--text-only", action="store_true")
    parser.add_argument("--reveal", action="store_true", help="others-heldout per answer (closing notes only)")
    args = parser.parse_args()
    if args.latency:
        latency(args.latency, args.rounds)
        return
    if args.contention:
        contention(args.contention)
        return
    if not args.text_only:
        audio_sets()
    text_sets(args.reveal)
    story_lines()


if __name__ == "__main__":
    main()
