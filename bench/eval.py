#!/usr/bin/env python3
"""Grade labelled spoken answers and print what issue 11 measures (bench/scoring.py).

    .venv/bin/python bench/eval.py                    # every set below
    .venv/bin/python bench/eval.py others-dev dev     # some of them
    .venv/bin/python bench/eval.py DIR                # a folder of <id>.wav + <id>.json (synth.py's truth)
    .venv/bin/python bench/eval.py --text others-dev  # no audio: words timed from cases.yaml, in a second
    .venv/bin/python bench/eval.py --strip-punct ...  # the same transcripts with . , ? ! ; : taken off

Sets: public (../shared/eval/public), dev, heldout, others-dev, others-heldout, others-heldout2, others-heldout3,
others-heldout4, others-heldout5, others-heldout6, others-train (bench/<set>/).
A set's audio is rendered with ../shared/eval/synth.py on first use (and put in a room by its
degrade.py, room14). Each set prints a per-answer table, worst answer first, then its summary; the held-out sets (heldout,
others-heldout, others-heldout2 to others-heldout6) print their summary only, unless --reveal
is given, which is for the issue's final closing note, never while tuning.

Transcripts are cached: each wav is transcribed once with the real model, through the
same code as `coach grade FILE --json` and a live session (decode, transcribe in the chunks
a live session cuts, voice mask chunk by chunk, snap to voice), and Whisper's words and
Silero's voice mask are kept in the cache folder (--cache, $COACH_EVAL_CACHE, else
bench/.cache), keyed by the decoded audio, the model and the source of coach/transcribe.py,
coach/streaming.py and coach/tail.py (words and chunk bounds) or coach/streaming.py and coach/voice.py
(mask, rebuilt from the cached chunk bounds without the model). Later runs redo only the
pure part (uncovered voice, snapping, analysis) from the cache, in seconds, so a change
to the segmenter is measured on all sets at once; a change to transcription or the voice
mask invalidates the entries it touches. --no-cache transcribes afresh (the test
tests/test_bench_eval.py checks that both give the same report).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import (  # noqa: E402
    HEADER,
    PUNCT,
    ROOT,
    SHARED_EVAL,
    format_row,
    format_summary,
    score_answer,
    shared_module,
    status_band,
    summarise,
    worst_first,
)

BENCH = ROOT / "bench"
SETS = {"public": SHARED_EVAL / "public", "dev": BENCH / "dev", "heldout": BENCH / "heldout",
        "others-dev": BENCH / "others-dev", "others-heldout": BENCH / "others-heldout",
        "others-heldout2": BENCH / "others-heldout2",
        "others-heldout3": BENCH / "others-heldout3",
        "others-heldout4": BENCH / "others-heldout4",
        "others-heldout5": BENCH / "others-heldout5",
        "others-heldout6": BENCH / "others-heldout6",
        "others-train": BENCH / "others-train", "others-train2": BENCH / "others-train2",
        "others-train3": BENCH / "others-train3", "voices13": BENCH / "voices13",
        "room14": BENCH / "room14"}
HELD_OUT = {"heldout", "others-heldout", "others-heldout2", "others-heldout3", "others-heldout4",
            "others-heldout5", "others-heldout6"}


class TranscriptCache:
    """Whisper's words and the voice mask of each decoded answer, on disk, keyed by audio, model and code."""

    def __init__(self, folder: Path | None, model: str | None = None):
        self.folder = folder
        self.model = model
        self._transcriber = None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def transcriber(self):  # type: ignore[no-untyped-def]
        if self._transcriber is None:
            from coach.transcribe import WhisperTranscriber

            self._transcriber = WhisperTranscriber(self.model)
            self._transcriber.load()
        return self._transcriber

    def _key(self, audio: np.ndarray, *parts: str) -> str:
        h = hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).tobytes())
        for p in parts:
            h.update(p.encode())
        return h.hexdigest()[:24]

    def answer(self, wav: Path, check: bool = True):  # type: ignore[no-untyped-def]
        """The answer as `coach grade` hears it: with its voice-only fillers heard again (coach/fillercheck.py),
        the hearings cached too; `check=False` without that second hearing."""
        from coach.fillercheck import ClipCheck
        from coach.pipeline import answer_from_words

        audio, words, mask, _ = self.parts(wav)
        heard = ClipCheck(self.hear_clip, lambda a, b: audio[a:b]) if check else None
        return answer_from_words(audio, words, str(wav), voice_mask=mask, check=heard)

    def hear_clip(self, clip: np.ndarray, prompt: str) -> list:
        """WhisperTranscriber.hear_clip, its answers kept on disk, keyed by the clip, the prompt and the code."""
        from coach.report import Word

        path = self.folder / "heard" / f"{self._key(clip, prompt, self._hearing())}.json" if self.folder else None
        if path is not None and path.exists():
            return [Word(*w) for w in json.loads(path.read_text())]
        words = self.transcriber().hear_clip(clip, prompt)
        if path is not None:
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps([[w.text, w.start_s, w.end_s] for w in words]))
        return words

    @functools.cache  # noqa: B019 (one cache object per run)
    def _hearing(self) -> str:
        """What a clip's hearing depends on besides the clip: hear_clip's code and the model."""
        import inspect

        from coach import transcribe

        return inspect.getsource(transcribe.WhisperTranscriber.hear_clip) + (self.model or transcribe.DEFAULT_MODEL)

    def parts(self, wav: Path) -> tuple:
        """The decoded audio, Whisper's words, the voice mask and the chunk bounds of one answer."""
        from coach import streaming, tail, transcribe, voice
        from coach.audio import load_audio
        from coach.report import Word

        audio = load_audio(wav)
        model = self.model or transcribe.DEFAULT_MODEL
        words_file = mask_file = None
        if self.folder is not None:
            # Words (and where the chunks were) from the live chunker, as `coach grade` and a live
            # session hear a recording; the voice mask chunk by chunk from those bounds.
            heard_by = (_source(transcribe), _source(streaming), _source(tail))
            words_file = self.folder / f"{self._key(audio, model, *heard_by)}.words.json"
            mask_file = self.folder / f"{self._key(audio, _source(streaming), _source(voice))}.mask.npy"
        cached = json.loads(words_file.read_text()) if words_file is not None and words_file.exists() else None
        if cached is not None:
            words = [Word(*w) for w in cached["words"]]
            bounds = [tuple(b) for b in cached["bounds"]]
            mask = None
        else:
            words, mask, bounds = streaming.chunk_transcript(audio, self.transcriber())
            if words_file is not None:
                words_file.write_text(json.dumps({"words": [[w.text, w.start_s, w.end_s] for w in words],
                                                  "bounds": bounds}))
        if mask_file is not None and mask_file.exists():
            mask = np.load(mask_file)
        elif mask is None:
            mask = streaming.chunked_voice_mask(audio, bounds)
        if mask_file is not None and not mask_file.exists():
            np.save(mask_file, mask)
        return audio, words, mask, bounds


def _source(module) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()


def strip_punct(answer):  # type: ignore[no-untyped-def]
    """The same answer with sentence punctuation taken off the words' text, as a streamed transcript has it.

    Only leading and trailing marks go: "0.3%" and "$1,200" keep their inner point and comma."""
    from dataclasses import replace

    words = tuple(replace(w, text=w.text.strip(PUNCT)) for w in answer.words)
    return replace(answer, words=tuple(w for w in words if w.text))


def text_case(case: dict, synth) -> tuple:  # type: ignore[no-untyped-def]
    """An answer and its truth straight from a case: words at the case's pace, pauses as synth.py draws them."""
    from coach.analysis import Answer
    from coach.report import Word

    wpm = case.get("rate", 165) if case["engine"] == "espeak-ng" else 175 / case.get("stretch", 1.0)
    per_word = 60.0 / wpm
    rng = random.Random(case["id"])
    words: list[Word] = []
    sections = []
    t = 0.0
    for name in synth.ORDER:
        text = case["sections"].get(name)
        if not text:
            continue
        start: float | None = None
        for sentence in synth.SENTENCE_RE.split(text.strip()):
            if words:
                t += rng.uniform(*synth.GAP_S)
            start = t if start is None else start
            for raw in sentence.split():
                words.append(Word(raw, round(t, 3), round(t + 0.9 * per_word, 3)))
                t += per_word
        assert start is not None
        sections.append({"name": name, "start_s": round(start, 3), "end_s": round(t, 3),
                         "words": len(text.split()), "text": text})
    all_text = " ".join(s["text"] for s in sections)
    truth = {"id": case["id"], "duration_s": round(t, 3), "sections": sections,
             "fillers": len(synth.FILLER_RE.findall(all_text)), "expect": case.get("expect", []),
             "forbid": case.get("forbid", [])}
    return Answer(tuple(words), t, None, estimated=True), truth


RENDER_MODE = "sox -R"  # in the render stamp: audio rendered before repeatable mode is rendered again


def ensure_rendered(folder: Path, synth_path: Path) -> Path:
    """bench/<set>/audio, rendered again with synth.py when cases.yaml changed or a wav is missing.

    synth.py's pauses are seeded, but sox dithers with a fresh random seed on every run, so two renders of
    the same case differed in their last bits, and Whisper heard different words in a few places (two renders
    of others-heldout through the same code: false fillers 11 and 8, wpm error 5.0 and 6.1 %). sox's
    repeatable mode (`-R`, through SOX_OPTS) seeds the dither: the same case renders byte for byte the same
    on any checkout, so figures and `train_segmenter.py --check` do not depend on which checkout rendered."""
    import os
    import subprocess

    import yaml

    audio = folder / "audio"
    cases_file = folder / "cases.yaml"
    stamp = audio / ".cases.sha256"
    room = folder / "degrade.py"  # a set heard in a room (bench/room14): its clean renders degraded in place
    digest = hashlib.sha256(cases_file.read_bytes() + RENDER_MODE.encode()
                            + (room.read_bytes() if room.exists() else b"")).hexdigest()
    cases = yaml.safe_load(cases_file.read_text())["cases"]
    fresh = stamp.exists() and stamp.read_text() == digest
    if fresh and all((audio / f"{c['id']}.wav").exists() for c in cases):
        return audio
    print(f"rendering {folder.name} with synth.py…", file=sys.stderr)
    for old in [*audio.glob("*.wav"), *audio.glob("*.json")]:
        old.unlink()  # a case renamed or removed leaves nothing behind
    env = {**os.environ, "SOX_OPTS": f"{os.environ.get('SOX_OPTS', '')} -R".strip()}
    subprocess.run([sys.executable, str(synth_path), str(cases_file), str(audio)], check=True,
                   stdout=subprocess.DEVNULL, env=env)
    if room.exists():
        subprocess.run([sys.executable, str(room), str(cases_file), str(audio)], check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(digest)
    return audio


def labelled(name: str, args, cache: TranscriptCache, synth) -> list[tuple]:  # type: ignore[no-untyped-def]
    """(answer, truth) pairs of a set, from audio (cached transcripts) or, with --text, from its cases.yaml."""
    import yaml

    folder = SETS.get(name, Path(name))
    if args.text:
        cases_file = folder / "cases.yaml" if folder.is_dir() else folder
        return [text_case(c, synth) for c in yaml.safe_load(cases_file.read_text())["cases"]]
    if (folder / "cases.yaml").exists() and name != "public":
        audio = ensure_rendered(folder, SHARED_EVAL / "synth.py")
    else:
        audio = folder / "audio" if (folder / "audio").is_dir() else folder
    pairs = []
    for truth_file in sorted(audio.glob("*.json")):
        pairs.append((cache.answer(truth_file.with_suffix(".wav")), json.loads(truth_file.read_text())))
    return pairs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=list(SETS), help=f"{', '.join(SETS)} or a folder")
    parser.add_argument("--reveal", action="store_true",
                        help="print the held-out sets' per-answer tables: only for the final closing note, "
                             "never while tuning")
    parser.add_argument("--strip-punct", action="store_true", help="take . , ? ! ; : off the transcript's words")
    parser.add_argument("--text", action="store_true", help="words timed from cases.yaml, no audio (fast loop)")
    parser.add_argument("--cache", type=Path, default=None, help="transcript cache folder")
    parser.add_argument("--no-cache", action="store_true", help="transcribe afresh, keep nothing")
    parser.add_argument("--model", default=None, help="Whisper model (default: the bundled tiny.en)")
    args = parser.parse_args(argv)

    from coach.pipeline import grade

    score, synth = shared_module("score"), shared_module("synth")
    band = status_band()
    import os

    folder = None if args.no_cache else (args.cache or Path(os.environ.get("COACH_EVAL_CACHE", BENCH / ".cache")))
    cache = TranscriptCache(folder, args.model)
    mode = "text" if args.text else "audio"
    for name in args.sets:
        t0 = time.perf_counter()
        pairs = labelled(name, args, cache, synth)
        rows = []
        for answer, truth in pairs:
            if args.strip_punct:
                answer = strip_punct(answer)
            rows.append(score_answer(truth, grade(answer, None, "sde2").to_json(), score, band))
        if not rows:
            print(f"== {name}: no labelled answers found")
            continue
        label = f"{name} ({mode}{', stripped' if args.strip_punct else ''}, {time.perf_counter() - t0:.1f} s)"
        print(f"== {label}")
        shown = name not in HELD_OUT or args.reveal
        if shown:
            print(HEADER)
            for r in worst_first(rows):
                print(format_row(r))
        print(format_summary(name, summarise(rows), name_worst=shown))
        print()


if __name__ == "__main__":
    main()
