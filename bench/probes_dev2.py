#!/usr/bin/env python3
"""Probe grading on tests/data/probe_answers_dev2.yaml: its dev part (errors listed) and held-out part.

    .venv/bin/python bench/probes_dev2.py            # figures, and the dev part's misgraded answers
    .venv/bin/python bench/probes_dev2.py --summary  # figures only

The held-out part (crc32(id) % 4 == 0, fixed in the data file before the grader ran on it) is only ever
printed as figures.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import zlib
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.coaching import grade_probe  # noqa: E402
from coach.stories import load_library  # noqa: E402

DATA = ROOT / "tests" / "data" / "probe_answers_dev2.yaml"
LABELS = ("strong", "adequate", "weak")


def part(answer_id: str) -> str:
    return "held-out" if zlib.crc32(answer_id.encode()) % 4 == 0 else "dev"


def run() -> list[tuple[str, str, str, str, str, tuple[str, ...]]]:
    """(part, id, label, graded, text, reasons) for every answer."""
    lib = load_library()
    out = []
    for a in yaml.safe_load(DATA.read_text())["answers"]:
        result = grade_probe(lib.get(a["story"]).probes[a["probe"] - 1], a["probe"], a["text"])
        out.append((part(a["id"]), a["id"], a["label"], result.verdict, a["text"], tuple(result.reasons)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only, no answer")
    summary = parser.parse_args().summary
    rows = run()
    for name in ("dev", "held-out"):
        mine = [r for r in rows if r[0] == name]
        table = Counter((r[2], r[3]) for r in mine)
        accuracy = sum(table[(x, x)] for x in LABELS) / max(1, len(mine))
        print(f"{name:8s} accuracy {accuracy:.3f} over {len(mine)}; strong graded weak {table[('strong', 'weak')]}, "
              f"weak graded strong {table[('weak', 'strong')]}; rows label, columns graded "
              + " / ".join(LABELS))
        for label in LABELS:
            print(f"  {label:9s}" + "".join(f"{table[(label, g)]:6d}" for g in LABELS))
    if summary:
        return
    for p, cid, want, got, text, reasons in rows:
        if p == "dev" and want != got:
            print(f"\n{cid}: labelled {want}, graded {got}")
            print(textwrap.fill(text, 100, initial_indent="  ", subsequent_indent="  "))
            for r in reasons:
                print(textwrap.shorten("  - " + r, 110))


if __name__ == "__main__":
    main()
