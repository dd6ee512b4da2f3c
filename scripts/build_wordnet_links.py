"""Build coach/data/wordnet-links.txt: the word links coach/meaning.py takes from WordNet.

Run once, offline, where Debian's wordnet-base package is installed (never needed by coach or CI):

    apt-get install wordnet-base
    .venv/bin/python scripts/build_wordnet_links.py [--senses 2]

WordNet 3.0 (Princeton University, WordNet 3.0 licence: free to use, copy and
distribute with its copyright notice, kept in coach/data/wordnet-links.NOTICE.txt)
links words by meaning. From it this keeps, for the single words the static
word table knows (its WordPiece vocabulary: common English, not WordNet's rare
senses):

- synonyms: two words that share a synset among each one's first `--senses`
  senses of a part of speech (senses are listed most frequent first), so
  "suggest" meets "propose" and "verify" meets "confirm" but "sort" does not
  meet "classify" through a rare sense;
- antonyms: WordNet's lexical antonym pointers ("rise"/"fall", "accept"/"reject"),
  whose senses are among the first `--senses` of both words;
- derivations: words derived from one another ("agreement"/"agree",
  "proposal"/"propose"), the same idea in another part of speech;
- irregular verb forms (verb.exc: "sped" -> "speed").

One line per word and kind: `s|a|d word other other ...`, or `x form base`.
"""

from __future__ import annotations

import argparse
import io
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "coach" / "data" / "wordnet-links.txt"
WORDNET = Path("/usr/share/wordnet")
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}


def vocabulary() -> set[str]:
    data = (ROOT / "coach" / "data" / "meaning-minilm.npz").read_bytes()
    with np.load(io.BytesIO(data)) as npz:
        tokens = bytes(npz["tokens"]).decode("utf-8").split("\n")
    return {t for t in tokens if t.isalpha() and t.islower() and len(t) >= 3}


def senses(pos: str) -> dict[str, list[str]]:
    """Each lemma's synset offsets, most frequent sense first."""
    out: dict[str, list[str]] = {}
    for line in (WORDNET / f"index.{POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        n_synsets, n_ptrs = int(f[2]), int(f[3])
        out[f[0]] = f[6 + n_ptrs : 6 + n_ptrs + n_synsets]
    return out


def synsets(pos: str) -> dict[str, tuple[list[str], list[tuple[str, str, str, int, int]]]]:
    """offset -> (its lemmas, its pointers (symbol, target offset, target pos, source word, target word))."""
    out = {}
    for line in (WORDNET / f"data.{POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        n_words = int(f[3], 16)
        words = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(n_words)]
        at = 4 + 2 * n_words
        n_ptrs = int(f[at])
        ptrs = []
        for k in range(n_ptrs):
            sym, off, tpos, st = f[at + 1 + 4 * k : at + 5 + 4 * k]
            ptrs.append((sym, off, "a" if tpos == "s" else tpos, int(st[:2], 16), int(st[2:], 16)))
        out[f[0]] = (words, ptrs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--senses", type=int, default=2, help="senses of each word that count (default 2)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    vocab = vocabulary()
    links: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in "sad"}
    for pos in POS:
        first = {w: set(s[: args.senses]) for w, s in senses(pos).items()}
        data = synsets(pos)
        others = {p: synsets(p) for p in POS if p != pos}
        others[pos] = data
        for word, offsets in first.items():
            if word not in vocab:
                continue
            for off in offsets:
                words, ptrs = data[off]
                for other in words:
                    if other != word and other in vocab and off in first.get(other, ()):
                        links["s"][word].add(other)
                for sym, toff, tpos, src, dst in ptrs:
                    if sym not in ("!", "+") or not src or (src and words[src - 1] != word):
                        continue
                    target = others[tpos][toff][0][dst - 1]
                    if target == word or target not in vocab:
                        continue
                    if sym == "!":
                        if toff in set(senses_cache(tpos).get(target, [])[: args.senses]):
                            links["a"][word].add(target)
                    else:
                        links["d"][word].add(target)
    lines = [f"{kind} {word} {' '.join(sorted(others))}" for kind in "sad"
             for word, others in sorted(links[kind].items())]
    for line in (WORDNET / "verb.exc").read_text(encoding="latin-1").splitlines():
        form, base = line.split()[:2]
        if form.isalpha() and base.isalpha() and form in vocab and base in vocab and form != base:
            lines.append(f"x {form} {base}")
    args.out.write_text("\n".join(lines) + "\n")
    print(f"{args.out}: {len(lines)} lines, {args.out.stat().st_size // 1024} KB "
          f"({', '.join(f'{k} {len(v)}' for k, v in links.items())})")


_SENSES: dict[str, dict[str, list[str]]] = {}


def senses_cache(pos: str) -> dict[str, list[str]]:
    if pos not in _SENSES:
        _SENSES[pos] = senses(pos)
    return _SENSES[pos]


if __name__ == "__main__":
    main()
