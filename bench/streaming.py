#!/usr/bin/env python3
"""Enter-to-report latency: streaming transcription against transcribing after the fact.

    .venv/bin/python bench/streaming.py                 # 1, 2, 3 and 5 minute answers, at real-time pace
    .venv/bin/python bench/streaming.py --minutes 1 3   # some lengths only
    .venv/bin/python bench/streaming.py --memory 30     # peak memory of a 30-minute recording
    .venv/bin/python bench/streaming.py --compare main --minutes 3 --busy 1   # this tree's streaming.py
                                                        # against main's, alternating, one core kept busy
    .venv/bin/python bench/streaming.py --compare main --minutes 3 --pause 0.5   # Enter half a second after
                                                        # the last word (default 1 s: a breath, then the key)
    .venv/bin/python bench/streaming.py --compare main --minutes 3 --breaths 0.35   # the answer's last 30 s with
                                                        # breaths of 0.35 s only: its last sentences run together
    .venv/bin/python bench/streaming.py --compare main --busy 1 --answer ../shared/eval/public/audio/p03-backbone-fillers.wav
                                                        # one recording (p03: many fillers, heard again)
    .venv/bin/python bench/streaming.py --warm 3 --busy 1   # with and without the answer's sentences embedded
                                                        # while it is spoken (practice does it), alternating

Answers are built from the bundled sample answer (and ../shared/eval audio
when present) joined end to end. Each is fed through the same path the
microphone uses (FileInput -> record() -> WAV on disk, blocks to the
streaming transcriber) at the pace of speech; "streaming" is the time from
the last sample to the finished report, "after" the time to transcribe and
analyse the same file from scratch once it ends, as before streaming. Both
run in this process, one after the other, so the ratio compares like with like.
"""

from __future__ import annotations

import argparse
import functools
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.analysis import analyse  # noqa: E402
from coach.audio import RATE, FileInput, load_audio  # noqa: E402
from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE  # noqa: E402
from coach.pipeline import answer_from_audio, answer_from_words  # noqa: E402
from coach.ports import NoKeys  # noqa: E402
from coach.prosody import ProsodyTracker  # noqa: E402
from coach.recorder import RecordOptions, record  # noqa: E402
from coach.streaming import StreamingTranscriber  # noqa: E402
from coach.transcribe import WhisperTranscriber  # noqa: E402


def source_audio() -> np.ndarray:
    files = [SAMPLE_ANSWER, SAMPLE_PROBE]
    shared = ROOT.parent / "shared" / "eval" / "public" / "audio"
    files += sorted(shared.glob("*.wav"))
    gap = np.zeros(int(0.6 * RATE), dtype=np.float32)
    parts = []
    for f in files:
        parts += [load_audio(f), gap]
    return np.concatenate(parts)


PAUSE_S = 1.0  # silence between the answer's end and Enter: a breath, then the key (--pause)


def answer_of(minutes: float, pool: np.ndarray, pause_s: float = PAUSE_S) -> np.ndarray:
    n = int(minutes * 60 * RATE)
    reps = int(np.ceil(n / len(pool)))
    audio = np.tile(pool, reps)[:n]
    return np.concatenate([audio, np.zeros(int(pause_s * RATE), dtype=np.float32)])


def run_on(audio: np.ndarray, breath_s: float, last_s: float = 30.0) -> np.ndarray:
    """The answer told by a fluent speaker at its end: every silence of its last `last_s` seconds of speech
    longer than `breath_s` cut to `breath_s` (the silence before Enter is kept). A chunk closes only at a pause of
    ChunkOptions.min_pause_s, so with breaths below that the last sentences run together into one stretch."""
    from coach.voice import frame_energy_db

    frame = int(0.02 * RATE)
    db = frame_energy_db(audio, 0.02)
    quiet = db < float(db.max()) - 40.0
    voiced = np.flatnonzero(~quiet)
    if voiced.size == 0:
        return audio
    last = int(voiced[-1])
    first = max(0, last - int(last_s / 0.02))
    keep = np.ones(len(audio), dtype=bool)
    run = 0
    for i in range(first, last + 1):
        run = run + 1 if quiet[i] else 0
        if quiet[i] and run * 0.02 > breath_s:
            keep[i * frame:(i + 1) * frame] = False
    return audio[keep]


STORY = "webhook-dlq"  # the live shell always grades against a story: its checks are part of the wait


@functools.lru_cache(maxsize=1)  # loaded once, before any clock runs (the shell loads it before the question)
def story():  # type: ignore[no-untyped-def]
    from coach.session import warm_grading
    from coach.stories import load_library

    loaded = load_library().get(STORY)
    warm_grading(loaded, "sde2")  # as practice does while the candidate answers: the first run is not the cold one
    return loaded


def show(report) -> None:  # type: ignore[no-untyped-def]
    """The report drawn as `coach practice` draws it, at 80 columns, into a buffer."""
    import io

    from rich.console import Console

    from coach.render import SHOWN, render

    render(report, Console(file=io.StringIO(), width=80), title="Your answer", limit=SHOWN, more="coach review 1 --all")


def forget_answers() -> None:
    """The sentence model's cache as practice has it before the question: the story's ideas and example
    answer embedded (story()), no sentence of an earlier run's answer."""
    from coach import embed

    near = embed.default()
    if near is None:
        return
    kept = _story_vectors(near)
    for text in [t for t in near._cache if t not in kept]:
        del near._cache[text]


@functools.lru_cache(maxsize=1)
def _story_vectors(near) -> frozenset[str]:  # type: ignore[no-untyped-def]
    story()
    return frozenset(near._cache)


def run_streaming(audio: np.ndarray, transcriber, realtime: bool, folder: Path,  # type: ignore[no-untyped-def]
                  prosody: bool = True, stats: dict | None = None, kind=StreamingTranscriber,
                  warm: bool = True) -> tuple[float, int, int]:
    """As session.record_answer and practice: blocks to the transcriber and (with `prosody`) the pitch
    tracker, and (with `warm`) the answer's sentences embedded and its voice-only fillers heard again as they
    are heard; then Enter, the words, the fillers not yet heard again, the analysis against the story and the
    report drawn."""
    from coach.pipeline import filler_check
    from coach.session import SoFar, WarmAsHeard

    story()  # as the shell has them before the question: the story, and the renderer imported
    import coach.meaning
    import coach.render  # noqa: F401
    import coach.text

    coach.text._close.cache_clear()  # the shell grades one answer per process: no pairs compared before
    coach.meaning._spoken.cache_clear()  # nor the answer's stretches read (meaning._words reads through it)
    forget_answers()  # nor embedded
    stream = kind(transcriber)
    tracker = ProsodyTracker() if prosody else None
    so_far = SoFar()  # as practice: voice-only fillers heard again, ahead with the warm-up, the rest after Enter
    check = filler_check(transcriber, so_far.read)
    warmer = WarmAsHeard(stream, check) if warm else None

    def on_block(block: np.ndarray) -> None:
        so_far.feed(block)
        stream.feed(block)
        if tracker:
            tracker.feed(block)
    rec = record(FileInput(audio, realtime=realtime), NoKeys(), folder / "s.wav", RecordOptions(cap_s=1e9,
                 end_silence_s=1e9), on_block=on_block)
    t_end = time.perf_counter()
    if warmer:
        warmer.stop()
    heard_ahead = check.decodes if check else 0
    if stats is not None:
        stats["behind_s"] = stream.behind_s  # closed chunks still waiting at Enter: the main source of spread
        stats["in_flight"] = stream._speculating.is_set()  # a speculation running at Enter
    pending = tracker.finish_in_background() if tracker else None
    words = stream.finish()
    t_words = time.perf_counter()
    running = stream._speculating.is_set()
    samples = round(rec.seconds * RATE)  # as the session loop does: the recording is not read back
    answer = answer_from_words(None, words, str(rec.path), voice_mask=stream.voice_mask(samples), samples=samples,
                               track=pending() if pending else None, check=check)
    t_answer = time.perf_counter()
    report = analyse(answer, story(), "sde2")
    t_analysed = time.perf_counter()
    show(report)
    t_shown = time.perf_counter()
    if stats is not None:
        stats.update(words_s=t_words - t_end, answer_s=t_answer - t_words, analyse_s=t_analysed - t_answer,
                     render_s=t_shown - t_analysed, clips_before=heard_ahead,
                     clips_after=(check.decodes if check else 0) - heard_ahead)
        # A speculation finish did not need, still running when the words were ready: waiting for it (as
        # finish did before) would have cost this much more, at most (it is timed after the report).
        while stream._speculating.is_set():
            time.sleep(0.005)
        stats["spared_s"] = time.perf_counter() - t_words if running else 0.0
    return t_shown - t_end, len(report.words), stream.speculations_used


def run_after(audio_path: Path, transcriber) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    story()
    t0 = time.perf_counter()
    report = analyse(answer_from_audio(load_audio(audio_path), transcriber, str(audio_path), chunked=False), story(),
                     "sde2")
    show(report)
    return time.perf_counter() - t0, len(report.words)


def latency(minutes: list[float], realtime: bool, pause_s: float = PAUSE_S) -> None:
    transcriber = WhisperTranscriber()
    transcriber.load()
    pool = source_audio()
    print(f"{'answer':>8} {'streaming':>10} {'after':>8} {'ratio':>7} {'RTF':>6} {'words s/a':>11} spec")
    for m in minutes:
        audio = answer_of(m, pool, pause_s)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            stream_s, n_stream, spec = run_streaming(audio, transcriber, realtime, folder)
            after_s, n_after = run_after(folder / "s.wav", transcriber)
        rtf = after_s / (len(audio) / RATE)
        print(f"{m:>6.0f} m {stream_s:>9.2f}s {after_s:>7.2f}s {after_s / max(stream_s, 1e-3):>6.1f}x "
              f"{rtf:>6.3f} {n_stream:>5}/{n_after:<5} {spec}", flush=True)


def with_and_without(what: str, option: str, minutes: float, rounds: int, pause_s: float = PAUSE_S,
                     busy: int = 0) -> None:
    """Enter-to-report with one of run_streaming's options on and off, alternating, in one run (same load,
    same answer): --delivery the pitch tracker, --warm the sentences embedded as they are heard."""
    transcriber = WhisperTranscriber()
    transcriber.load()
    pool = source_audio()
    # Each round hears other sentences (the pool from another point), both ways; run_streaming forgets what
    # the run before it embedded. The first run is not timed: what a process loads once, practice loads
    # before the answer.
    answers = [answer_of(minutes, np.roll(pool, -k * int(minutes * 60 * RATE)), pause_s) for k in range(rounds + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        run_streaming(answers[-1], transcriber, False, Path(tmp))
    times: dict[bool, list[float]] = {False: [], True: []}
    spinners = _busy(busy)
    try:
        for r in range(rounds):
            for on in ((False, True) if r % 2 == 0 else (True, False)):
                stats: dict = {}
                audio = answers[r]
                load = __import__("os").getloadavg()[0]
                with tempfile.TemporaryDirectory() as tmp:
                    seconds, words, spec = run_streaming(audio, transcriber, True, Path(tmp), stats=stats,
                                                         **{option: on})
                times[on].append(seconds)
                print(f"  round {r + 1}: {'with' if on else 'without':>7} {what} {seconds:6.2f} s = words "
                      f"{stats['words_s']:.2f} + answer {stats['answer_s']:.2f} + analysis {stats['analyse_s']:.2f} "
                      f"+ drawn {stats['render_s']:.2f} ({words} words, {stats['behind_s']:.0f} s of audio waiting "
                      f"at Enter, speculation used: {spec}, load {load:.1f})", flush=True)
    finally:
        for p in spinners:
            p.kill()
    base, new = statistics.median(times[False]), statistics.median(times[True])
    print(f"{minutes:.0f}-minute answer, {busy} core(s) kept busy, Enter to report (median of {rounds}): without "
          f"{what} {base:.2f} s, with {new:.2f} s ({new / base:.2f}x); spread without "
          f"{min(times[False]):.2f}-{max(times[False]):.2f} s, with {min(times[True]):.2f}-{max(times[True]):.2f} s")


def _busy(cores: int) -> list:  # type: ignore[type-arg]
    """`cores` processes that spin (load from other work), stopped by the caller."""
    import multiprocessing

    def spin() -> None:
        while True:
            pass

    procs = [multiprocessing.Process(target=spin, daemon=True) for _ in range(cores)]
    for p in procs:
        p.start()
    return procs


def compare(rev: str, minutes: float, rounds: int, busy: int, pause_s: float = PAUSE_S,
            breaths: float | None = None, answer: Path | None = None) -> None:
    """Enter-to-report with this tree's StreamingTranscriber against coach/streaming.py at git `rev`,
    alternating in one run (same load, same answer), optionally with `busy` cores kept spinning; `answer`: that
    recording (e.g. public p03, many fillers) instead of `minutes` of the public answers tiled."""
    import importlib.util
    import subprocess

    source = subprocess.run(["git", "show", f"{rev}:coach/streaming.py"], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "streaming_base.py"
        path.write_text(source)
        spec = importlib.util.spec_from_file_location("streaming_base", path)
        assert spec and spec.loader
        base = importlib.util.module_from_spec(spec)
        sys.modules["streaming_base"] = base  # dataclasses look their module up
        spec.loader.exec_module(base)
    kinds = {rev: base.StreamingTranscriber, "this tree": StreamingTranscriber}
    transcriber = WhisperTranscriber()
    transcriber.load()
    audio = answer_of(minutes, source_audio(), pause_s) if answer is None else \
        np.concatenate([load_audio(answer), np.zeros(int(pause_s * RATE), dtype=np.float32)])
    if breaths is not None:
        audio = run_on(audio, breaths)
    spinners = _busy(busy)
    times: dict[str, list[float]] = {name: [] for name in kinds}
    try:
        for r in range(rounds):
            order = list(kinds) if r % 2 == 0 else list(kinds)[::-1]
            for name in order:
                stats: dict = {}
                load = __import__("os").getloadavg()[0]
                with tempfile.TemporaryDirectory() as tmp:
                    seconds, words, spec_used = run_streaming(audio, transcriber, True, Path(tmp), True, stats,
                                                              kinds[name])
                times[name].append(seconds)
                print(f"  round {r + 1}: {name:>9} Enter to report {seconds:6.2f} s = words {stats['words_s']:.2f} "
                      f"+ answer {stats['answer_s']:.2f} + analysis {stats['analyse_s']:.2f} + drawn "
                      f"{stats['render_s']:.2f} (filler clips heard {stats['clips_before']} before Enter, "
                      f"{stats['clips_after']} after; {words} words, {stats['behind_s']:.0f} s of closed audio waiting "
                      f"at Enter, speculation running at Enter: {stats['in_flight']}, used: {spec_used}, "
                      f"not waited for: {stats['spared_s']:.2f} s, load {load:.1f})", flush=True)
    finally:
        for p in spinners:
            p.kill()
    old, new = statistics.median(times[rev]), statistics.median(times["this tree"])
    told = f", its last 30 s with no silence over {breaths:g} s" if breaths is not None else ""
    what = f"{minutes:.0f}-minute answer" if answer is None else answer.stem
    print(f"{what}{told}, {pause_s:g} s pause before Enter, {busy} core(s) kept busy, "
          f"Enter to report (median of {rounds}): {rev} "
          f"{old:.2f} s ({min(times[rev]):.2f}-{max(times[rev]):.2f}), this tree {new:.2f} s "
          f"({min(times['this tree']):.2f}-{max(times['this tree']):.2f}), {new / old:.2f}x")


def memory(minutes: float) -> None:
    """Peak resident memory of a process that records and streams a long answer (fed as fast as it is read)."""
    from coach.audio import write_wav

    transcriber = WhisperTranscriber()
    transcriber.load()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        # The "microphone" reads the long answer from a memory-mapped file, as a device would deliver it,
        # so the benchmark itself does not hold the recording in memory.
        write_wav(Path(tmp) / "in.wav", answer_of(minutes, source_audio()))
        samples = np.memmap(Path(tmp) / "in.wav", dtype="<i2", mode="r", offset=44)
        _, words, _ = run_streaming(samples, transcriber, False, Path(tmp))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{minutes:.0f} min recording: peak RSS {peak / 1024:.0f} MB (after loading the model: {base / 1024:.0f} MB), "
          f"{words} words")


def wer(ref: str, hyp: str) -> float:
    """Word error rate after normalising numbers and case (so "90%" and "ninety percent" agree)."""
    from coach.text import normalise_numbers, tokens

    r, h = normalise_numbers(tokens(ref)), normalise_numbers(tokens(hyp))
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)] / max(1, len(r))


def accuracy(dirs: list[Path]) -> None:
    """Word error rate and segmentation, streamed (chunked) against whole-file, on labelled answers."""
    import json

    spec = __import__("importlib.util").util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    score = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(score)
    transcriber = WhisperTranscriber()
    transcriber.load()
    rows: dict[str, list[tuple[float, float]]] = {"whole": [], "streamed": []}
    for d in dirs:
        for wav in sorted(d.glob("*.wav")):
            truth = json.loads(wav.with_suffix(".json").read_text())
            ref = " ".join(s["text"] for s in truth["sections"])
            audio = load_audio(wav)
            whole = analyse(answer_from_audio(audio, transcriber, str(wav), chunked=False))
            with tempfile.TemporaryDirectory() as tmp:
                stream = StreamingTranscriber(transcriber)
                record(FileInput(audio, realtime=False), NoKeys(), Path(tmp) / "s.wav",
                       RecordOptions(cap_s=1e9, end_silence_s=1e9), on_block=stream.feed)
                words = stream.finish()
                streamed = analyse(answer_from_words(audio, words, str(wav), voice_mask=stream.voice_mask(len(audio))))
            for name, rep in (("whole", whole), ("streamed", streamed)):
                sections = rep.to_json()["sections"]
                rows[name].append((wer(ref, rep.transcript), score.seg_accuracy(truth["sections"], sections)))
    for name, vals in rows.items():
        print(f"{name:>9}: WER {100 * statistics.mean(v[0] for v in vals):.2f}%  "
              f"seg {statistics.mean(v[1] for v in vals):.3f}  ({len(vals)} answers)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, nargs="*", default=[1, 2, 3, 5])
    parser.add_argument("--fast", action="store_true", help="feed as fast as possible (not a latency measure)")
    parser.add_argument("--memory", type=float, help="minutes of recording for the peak-memory run")
    parser.add_argument("--delivery", type=float, help="minutes: Enter-to-report with and without the pitch tracker")
    parser.add_argument("--warm", type=float, help="minutes: Enter-to-report with and without the answer's sentences "
                        "embedded as they are heard")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", metavar="REV", help="this tree's streaming.py against REV's (e.g. main)")
    parser.add_argument("--busy", type=int, default=0, help="cores to keep busy while measuring (--compare, "
                        "--delivery, --warm)")
    parser.add_argument("--pause", type=float, default=PAUSE_S,
                        help="seconds of silence between the answer's end and Enter (default %(default)s)")
    parser.add_argument("--answer", type=Path, help="--compare: this recording instead of --minutes of the public "
                        "answers tiled (e.g. ../shared/eval/public/audio/p03-backbone-fillers.wav, many fillers)")
    parser.add_argument("--breaths", type=float, help="--compare: cut every silence of the answer's last 30 s "
                        "to this many seconds (a fluent speaker whose last sentences run together)")
    parser.add_argument("--accuracy", nargs="*", help="folders of labelled answers: WER and segmentation, "
                        "streamed against whole-file")
    args = parser.parse_args()
    if args.accuracy is not None:
        accuracy([Path(d) for d in args.accuracy] or [ROOT.parent / "shared" / "eval" / "public" / "audio",
                                                      ROOT / "bench" / "dev" / "audio"])
        return
    if args.memory:
        memory(args.memory)
        return
    if args.compare:
        compare(args.compare, args.minutes[0], args.rounds, args.busy, args.pause, args.breaths, args.answer)
        return
    if args.delivery:
        with_and_without("delivery", "prosody", args.delivery, args.rounds, args.pause, args.busy)
        return
    if args.warm:
        with_and_without("warm-up", "warm", args.warm, args.rounds, args.pause, args.busy)
        return
    latency(args.minutes, realtime=not args.fast, pause_s=args.pause)
    print(f"peak RSS of this run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
