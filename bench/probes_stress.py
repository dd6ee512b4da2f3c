#!/usr/bin/env python3
"""Probe grading on every bundled probe's own strong and weak answers, as written and told two other ways.

    .venv/bin/python bench/probes_stress.py            # figures, and each answer graded off its label
    .venv/bin/python bench/probes_stress.py --summary  # figures only

The story's own answers are the grader's anchors (coach/probe_grading.py compares an answer with them), so
each must be graded as labelled; told differently they must keep their grade:

- as written;
- run-on: lowercase, no punctuation but a number's own ("2,000", "0.3%"), as a transcript without
  punctuation reads ("three interviewers leaned toward hiring but my notes showed ... i kept my no hire");
- terse: the "I" that opens a sentence dropped, as people answer a follow-up ("Traced one failed order end to
  end. Queried the client logs.");
- present: the candidate's verbs in the past told in the present, as people retell a story ("I list what I
  know", "I ship behind a flag"): a rough rewrite by word forms, readable, not always grammatical.

These are transformations of the bundled stories, not other people's answers: they test robustness, not
agreement with a person's judgement (bench/probes_dev.py and bench/blind.py do that).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach import lexicon as lx  # noqa: E402
from coach.coaching import grade_probe  # noqa: E402
from coach.stories import load_library  # noqa: E402

LABELS = ("strong", "adequate", "weak")


def run_on(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s%$.',]|(?<!\d)[.,](?!\d)", " ", text).lower().split())


def terse(text: str) -> str:
    return re.sub(r"(^|[.;:] )I ", r"\1", " ".join(text.split()))


@lru_cache(maxsize=1)
def _bases() -> tuple[dict[str, str], frozenset[str]]:
    """Past forms to their base (coach/lexicon.py's irregular verbs, WordNet's forms) and WordNet's words."""
    links = (resources.files("coach") / "data" / "wordnet-links.txt").read_text(encoding="utf-8")
    bases, vocab = dict(lx.IRREGULAR), set()
    for line in links.splitlines():
        kind, *words = line.split()
        vocab.update(words)
        if kind == "x":
            bases.setdefault(words[0], words[1])
    return bases, frozenset(vocab)


def _base(word: str) -> str | None:
    """The present ("I" form) of a verb in the past, or None: "traced" -> "trace", "listed" -> "list"."""
    bases, vocab = _bases()
    w = word.lower()
    if w in ("was", "were", "had", "did"):
        return None  # "I had two weeks of data": kept
    if w in bases:
        return bases[w]
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed"):
        return next((c for c in (w[:-2], w[:-1], w[:-3]) if c in vocab), w[:-2])
    return None


def present(text: str) -> str:
    """Told in the present, as people retell a story ("So I open the logs, I find the race"): a verb in the past
    after "I"/"we" (or one adverb after them), or after "and", "then" or a comma in a sentence of theirs."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        words = sentence.split(" ")
        theirs = False
        for i, word in enumerate(words):
            core = re.sub(r"\W+$", "", word)
            prev = [re.sub(r"\W", "", w).lower() for w in words[max(0, i - 2) : i]]
            theirs = theirs or core in ("I", "we", "We")
            after_subject = prev[-1:] in (["i"], ["we"]) or (
                len(prev) == 2 and prev[0] in ("i", "we") and prev[1] in ("then", "also", "just", "first"))
            joined = theirs and (prev[-1:] in (["and"], ["then"]) or (i > 0 and words[i - 1].endswith(",")))
            base = _base(core)
            if base and (after_subject or joined) and not (prev and prev[-1] in ("a", "the", "was", "were", "been",
                                                                                 "had", "is")):
                word = (base if core.islower() else base.capitalize()) + word[len(core) :]
            out.append(word)
    return " ".join(out)


WAYS: dict[str, Callable[[str], str]] = {"as written": lambda t: " ".join(t.split()), "run-on": run_on,
                                         "terse": terse, "present": present}


def run(way: str) -> list[tuple[str, int, str, str, str]]:
    """(story, probe, label, graded, text) for both answers of every bundled probe that has them."""
    out: list[tuple[str, int, str, str, str]] = []
    for story in load_library().stories:
        for index, probe in enumerate(story.probes, 1):
            if probe.strong and probe.weak:
                for label, text in (("strong", probe.strong), ("weak", probe.weak)):
                    told = WAYS[way](text)
                    out.append((story.id, index, label, grade_probe(probe, index, told, story.probes).verdict, told))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only")
    summary = parser.parse_args().summary
    for way in WAYS:
        rows = run(way)
        table = Counter((r[2], r[3]) for r in rows)
        print(f"{way:10s} {len(rows)} answers: strong graded strong / adequate / weak "
              f"{' / '.join(str(table[('strong', g)]) for g in LABELS)}; weak graded "
              f"{' / '.join(str(table[('weak', g)]) for g in LABELS)}")
        if not summary:
            for story, index, label, got, text in rows:
                if got != label:
                    print(f"  {story} probe {index}: {label} graded {got}: {text[:100]}")


if __name__ == "__main__":
    main()
