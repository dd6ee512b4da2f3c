#!/usr/bin/env python3
"""The key-idea matcher on tests/data/paraphrases_dev2.yaml: its dev part (errors listed) and held-out part.

    .venv/bin/python bench/meaning_dev2.py            # figures, and the dev part's errors with their text
    .venv/bin/python bench/meaning_dev2.py --summary  # figures only

The held-out part (crc32(id) % 4 == 0, fixed in the data file before any matcher ran on it) is only ever
printed as figures: nobody tunes on it. Each idea is built as the report builds it: a probe's listen-for
with the probe's strong answer as its context (a generic probe has none), a section's key phrase from
coach.key_ideas.ideas.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind import precision_recall  # noqa: E402,F401  (one definition: bench/blind.py)

from coach.key_ideas import ideas  # noqa: E402
from coach.meaning import Idea, find  # noqa: E402
from coach.stories import generic_probes, load_library  # noqa: E402

DATA = ROOT / "tests" / "data" / "paraphrases_dev2.yaml"
# Words and the sentence model's second opinion, as a section's key phrases are matched (coach/key_ideas.py).
SENTENCES = True


@dataclass(frozen=True)
class Row:
    id: str
    part: str
    kind: str
    voice: str
    idea: str
    text: str
    want: bool
    got: bool
    why: str


def part(case_id: str) -> str:
    return "held-out" if zlib.crc32(case_id.encode()) % 4 == 0 else "dev"


def idea_of(case: dict, lib) -> Idea:  # type: ignore[no-untyped-def]
    if "generic" in case:
        principle = case["generic"].replace("-", " ")
        probe = generic_probes(principle)[case["probe"] - 1]
        assert case["idea"] in probe.listen_for, case["id"]
        return Idea(case["idea"], probe.strong)
    story = lib.get(case["story"])
    if "probe" in case:
        probe = story.probes[case["probe"] - 1]
        assert case["idea"] in probe.listen_for, case["id"]
        return Idea(case["idea"], probe.strong)
    return ideas(story)[case["idea"].lower()]


def run() -> list[Row]:
    lib = load_library()
    out = []
    for c in yaml.safe_load(DATA.read_text())["cases"]:
        heard = find(idea_of(c, lib), c["text"], sentences=SENTENCES)
        out.append(Row(c["id"], part(c["id"]), c["kind"], c.get("voice", ""), c["idea"], c["text"], c["match"],
                       heard.said, heard.why))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only, no case")
    summary = parser.parse_args().summary
    rows = run()
    for name in ("dev", "held-out"):
        mine = [r for r in rows if r.part == name]
        p, r = precision_recall(mine)
        print(f"{name:8s} precision {p:.3f}  recall {r:.3f}  ({sum(x.want for x in mine)} match, "
              f"{sum(not x.want for x in mine)} near-misses)")
        for should in (True, False):
            part_rows = [x for x in mine if x.want is should]
            kinds = Counter(x.kind for x in part_rows)
            right = Counter(x.kind for x in part_rows if x.got is should)
            print(f"  {'matched' if should else 'kept out'}: "
                  + ", ".join(f"{k} {right[k]}/{n}" for k, n in sorted(kinds.items())))
    if summary:
        return
    for title, errors in (("Missed (dev)", [r for r in rows if r.part == "dev" and r.want and not r.got]),
                          ("False matches (dev)", [r for r in rows if r.part == "dev" and r.got and not r.want])):
        print(f"\n{title}: {len(errors)}")
        for r in errors:
            print(textwrap.shorten(f"  {r.id} [{r.kind}] \"{r.idea}\" {r.why}: {r.text}", 160))


if __name__ == "__main__":
    main()
