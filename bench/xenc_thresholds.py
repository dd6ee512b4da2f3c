#!/usr/bin/env python3
"""Choose the cross-encoder's demotion thresholds on out-of-fold predictions, and say what they do (issue 12).

Reads the dump of bench/dump_probe_xenc.py (each answer's label and the rule's grade) and the out-of-fold
probabilities of `bench/train_probe_xenc.py oof` (every answer predicted by a model that never saw its probe).
The combination only demotes: an answer the rule grades strong with P(weak) > t is adequate, > t2 weak.

Nested: for each fold, t and t2 are chosen on the other folds' answers and applied to this fold's, so the figures
printed are for thresholds that never saw the answers they grade. Then t and t2 chosen on every answer, the pair
that ships. The criterion is the issue's: errors, with a swap (strong graded weak, weak graded strong) counted
twice; ties go to the fewest demotions. With --never-weak the model may only withhold "strong" (t2 = 1), as
coach/probe_model.py ships it: a reading that cannot say why should not pronounce an answer weak.

    python3 bench/xenc_thresholds.py DUMP.json OOF.json [--never-weak]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

GRID = [x / 20 for x in range(1, 20)] + [1.0]
LABELS = ("strong", "adequate", "weak")


def combine(rule: str, p_weak: float, t: float, t2: float) -> str:
    if rule != "strong" or p_weak <= t:
        return rule
    return "weak" if p_weak > t2 else "adequate"


def cost(rows: list[dict], t: float, t2: float) -> tuple[int, int]:
    """(errors + swaps, demotions) of the combination on `rows`."""
    errors = demoted = 0
    for r in rows:
        g = combine(r["rule"], r["p"][2], t, t2)
        errors += (g != r["label"]) + ({g, r["label"]} == {"strong", "weak"})
        demoted += g != r["rule"]
    return errors, demoted


def choose(rows: list[dict], never_weak: bool = False) -> tuple[float, float]:
    best = min((cost(rows, t, t2), -t, -t2) for t in GRID for t2 in GRID if t2 >= t and (t2 == 1.0 or not never_weak))
    return -best[1], -best[2]


def tally(rows: list[dict], graded: list[str]) -> str:
    n = len(rows)
    right = sum(g == r["label"] for r, g in zip(rows, graded))
    sw = sum(r["label"] == "strong" and g == "weak" for r, g in zip(rows, graded))
    ws = sum(r["label"] == "weak" and g == "strong" for r, g in zip(rows, graded))
    return f"{right / n:.3f}; {sw}; {ws}" if n else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump")
    parser.add_argument("oof")
    parser.add_argument("--never-weak", action="store_true", help="demote to adequate only (t2 = 1)")
    args = parser.parse_args()
    probs = {(o["set"], o["id"]): o for o in json.loads(open(args.oof).read())}
    rows = []
    for r in json.loads(open(args.dump).read()):
        o = probs.get((r["set"], r["id"]))
        if o is not None:
            rows.append(r | {"p": o["p"], "fold": o["fold"]})
    folds = sorted({r["fold"] for r in rows})
    graded: dict[int, str] = {}
    print("nested: thresholds chosen on the other folds")
    for f in folds:
        t, t2 = choose([r for r in rows if r["fold"] != f], args.never_weak)
        part = [i for i, r in enumerate(rows) if r["fold"] == f]
        for i in part:
            graded[i] = combine(rows[i]["rule"], rows[i]["p"][2], t, t2)
        sub = [rows[i] for i in part]
        print(f" fold {f}: t={t} t2={t2}  rule {tally(sub, [r['rule'] for r in sub])}  "
              f"combination {tally(sub, [graded[i] for i in part])}")
    print("accuracy; strong graded weak; weak graded strong")
    for name, keep in (("all", lambda r: True), ("development sets", lambda r: not r["set"].startswith("train")),
                       ("training-only sets", lambda r: r["set"].startswith("train"))):
        idx = [i for i, r in enumerate(rows) if keep(r)]
        sub = [rows[i] for i in idx]
        moved = Counter((rows[i]["rule"], graded[i], rows[i]["label"]) for i in idx if graded[i] != rows[i]["rule"])
        print(f" {name} ({len(sub)}): rule {tally(sub, [r['rule'] for r in sub])}  "
              f"nested combination {tally(sub, [graded[i] for i in idx])}  "
              f"demoted (rule -> combined, label): {dict(moved)}")
    t, t2 = choose(rows, args.never_weak)
    print(f"chosen on all {len(rows)}: t={t} t2={t2}")


if __name__ == "__main__":
    main()
