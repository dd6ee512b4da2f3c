#!/usr/bin/env python3
"""Probe grading on the development sets of probe answers: each set's dev part (errors listed) and held-out part.

    .venv/bin/python bench/probes_dev.py                    # every set's figures, dev parts' misgraded answers
    .venv/bin/python bench/probes_dev.py --summary          # figures only
    .venv/bin/python bench/probes_dev.py --set dev3         # one set
    .venv/bin/python bench/probes_dev.py --streamed lower   # each answer as a streamed transcript may have it

Sets (tests/data/): dev1 = probe_answers.yaml (held out: crc32(id) % 3 == 0), dev2 = probe_answers_dev2.yaml,
dev3 = probe_answers_dev3.yaml, dev4 = probe_answers_dev4.yaml and dev5 = probe_answers_dev5.yaml (answers in
other people's styles, each citing its source; held out: crc32(id) % 4 == 0) and gdev21 =
probe_answers_gdev21.yaml (answers to the generic probes, held out as dev2's). Each rule was fixed in its data
file before the grader ran on it. The held-out parts are only ever printed as figures.
A story named "generic:<principle>" is the generic probes of that principle (stories/generic/).
"""

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
import zlib
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import streamed  # noqa: E402

from coach.coaching import grade_probe  # noqa: E402
from coach.stories import Library, generic_probes, load_library  # noqa: E402
from coach.story import Probe  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = {"dev1": (DATA / "probe_answers.yaml", 3), "dev2": (DATA / "probe_answers_dev2.yaml", 4),
        "dev3": (DATA / "probe_answers_dev3.yaml", 4), "dev4": (DATA / "probe_answers_dev4.yaml", 4),
        "dev5": (DATA / "probe_answers_dev5.yaml", 4), "gdev21": (DATA / "probe_answers_gdev21.yaml", 4)}
LABELS = ("strong", "adequate", "weak")
Row = tuple[str, str, str, str, str, tuple[str, ...]]


def part(answer_id: str, every: int = 4) -> str:
    return "held-out" if zlib.crc32(answer_id.encode()) % every == 0 else "dev"


@lru_cache(maxsize=64)
def probe_of(story: str, number: int) -> Probe:
    if story.startswith("generic:"):
        return generic_probes(story.split(":", 1)[1])[number - 1]
    return _library().get(story).probes[number - 1]


def probes_of(story: str) -> tuple[Probe, ...]:
    """The probes asked beside an answer's: its story's, or its principle's generic ones."""
    if story.startswith("generic:"):
        return generic_probes(story.split(":", 1)[1])
    return _library().get(story).probes


@lru_cache(maxsize=1)
def _library() -> Library:
    return load_library()


def run(name: str = "dev2", form: Callable[[str], str] = str) -> list[Row]:
    """(part, id, label, graded, text, reasons) for every answer of one set, each graded as form(text)."""
    path, every = SETS[name]
    out: list[Row] = []
    for a in yaml.safe_load(path.read_text())["answers"]:
        result = grade_probe(probe_of(a["story"], a["probe"]), a["probe"], form(a["text"]), probes_of(a["story"]))
        out.append((part(a["id"], every), a["id"], a["label"], result.verdict, a["text"], tuple(result.reasons)))
    return out


def form_of(streamed_as: str | None) -> Callable[[str], str]:
    """The text an answer is graded as: as written, or as bench/scoring.streamed gives it."""
    if streamed_as is None:
        return str
    return functools.partial(streamed, lower=streamed_as == "lower")


def figures(rows: list[Row]) -> tuple[float, Counter[tuple[str, str]]]:
    table = Counter((r[2], r[3]) for r in rows)
    return sum(table[(x, x)] for x in LABELS) / max(1, len(rows)), table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only, no answer")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="a set (default: all)")
    parser.add_argument("--streamed", choices=("punctuation", "lower"),
                        help="grade each answer as a streamed transcript may have it: punctuation off (and lower case)")
    args = parser.parse_args()
    for name in args.set or sorted(SETS):
        rows = run(name, form_of(args.streamed))
        for which in ("dev", "held-out"):
            accuracy, table = figures([r for r in rows if r[0] == which])
            print(f"{name} {which:8s} accuracy {accuracy:.3f} over {sum(r[0] == which for r in rows)}; "
                  f"strong graded weak {table[('strong', 'weak')]}, weak graded strong {table[('weak', 'strong')]}; "
                  "rows label, columns graded " + " / ".join(LABELS))
            for label in LABELS:
                print(f"  {label:9s}" + "".join(f"{table[(label, g)]:6d}" for g in LABELS))
        if args.summary:
            continue
        for p, cid, want, got, text, reasons in rows:
            if p == "dev" and want != got:
                print(f"\n{cid}: labelled {want}, graded {got}")
                print(textwrap.fill(text, 100, initial_indent="  ", subsequent_indent="  "))
                for r in reasons:
                    print(textwrap.shorten("  - " + r, 110))
        print()


if __name__ == "__main__":
    main()
