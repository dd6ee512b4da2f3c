#!/usr/bin/env python3
"""Where the probe model's own grade should stand: thresholds on P(weak) and P(strong), chosen on labelled answers no
bundled model was trained on, and checked by leaving each set out (session 29, issue 12).

    PYTHONPATH=. .venv/bin/python bench/own_grade.py --sets generic28,blind28,generic29,blind29 [--swap-cost 4]

For every answer of the sets (spent held-out sets that no member of coach/probe_model.MEMBERS trained on: the caller
names them; the sets the bundled files were trained on are in docs/analysis.md) it takes the rule's grade and the
bundled models' mean P(strong, adequate, weak), and prints, by accuracy; strong graded weak; weak graded strong:
the rule alone, the rule moved by the moves of sessions 21-28 (probe_model.SESSION_21_MOVES), the model's argmax, and the
model's own grade where the rule named no fault (probe_model.OwnGrade: weak where P(weak) > weak_at, else strong
where P(strong) > strong_at, else adequate; after a fault the cautious moves, with no example the rule's grade, as
coach/probe_grading.py combines them) at the thresholds of the least cost (errors, a swap costing --swap-cost in all)
on all the sets, and on the other sets for each set left out (the figure for thresholds that never saw the set they
grade). The product's last guards (a few words stay weak, a lowering that leans on a sentence of the strong answer
itself is not made) are left out here; `bench/blind.py` grades as coach does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import blind  # noqa: E402
from probe_sets import HELD_OUT  # noqa: E402
from probes_dev import probes_of  # noqa: E402
from xenc_thresholds import tally  # noqa: E402

from coach import probe_model  # noqa: E402
from coach.probe_grading import _by_rule, model_sides  # noqa: E402

GRID = [round(x / 20, 2) for x in range(6, 20)] + [0.97, 0.98, 0.99]
RANK = probe_model.RANK


def readings(sets: list[str]) -> list[dict]:
    """Each answer's set, label, the rule's grade and the bundled models' P(strong, adequate, weak)."""
    model = probe_model.default()
    if model is None:
        raise SystemExit("own_grade: the bundled probe models are missing")
    out = []
    for name in sets:
        if name in HELD_OUT:
            raise SystemExit(f"own_grade: {name} is held out: never choose thresholds on it")
        for a in yaml.safe_load(blind.SETS[name][1].read_text())["answers"]:
            probes = probes_of(a["story"])
            probe = probes[a["probe"] - 1]
            sides = model_sides(probe) or (probe.strong, probe.weak)
            p = model.probabilities(probe_model.probe_text(probe.question, *sides), [" ".join(a["text"].split())])[0]
            rule, _, fault = _by_rule(probe, a["text"], probes)  # the rule's grade, as grade(reread=False) gives it
            out.append({"set": name, "label": a["label"], "p": [float(x) for x in p], "rule": rule, "fault": fault})
    return out


def cost(rows: list[dict], graded: list[str], swap: int) -> int:
    return sum((g != r["label"]) + (swap - 1) * (abs(RANK[g] - RANK[r["label"]]) == 2) for r, g in zip(rows, graded))


def own(rows: list[dict], policy: probe_model.OwnGrade) -> list[str]:
    """The grades as coach combines them: `policy` where the rule named no fault, the cautious moves after a fault
    (probe_model.AFTER_A_FAULT), the rule's where the answer gives no example."""
    return [r["rule"] if r["fault"] == "no example" else
            probe_model.AFTER_A_FAULT.grade(r["rule"], r["p"]) if r["fault"] else policy.grade(r["rule"], r["p"])
            for r in rows]


def choose(rows: list[dict], swap: int) -> probe_model.OwnGrade:
    """The thresholds of the least cost on `rows`; ties go to the surer (higher) thresholds."""
    return min(((cost(rows, own(rows, probe_model.OwnGrade(w, s)), swap), -w, -s), probe_model.OwnGrade(w, s))
               for w in GRID for s in GRID)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", required=True, help="comma-separated spent sets no bundled model trained on")
    parser.add_argument("--swap-cost", type=int, default=4, help="what a swap costs in all (default 4)")
    args = parser.parse_args()
    rows = readings(args.sets.split(","))
    print(f"{len(rows)} answers ({sum(r['fault'] is not None for r in rows)} with a fault the rule named); "
          "accuracy; strong graded weak; weak graded strong")
    print(f"  rule alone: {tally(rows, [r['rule'] for r in rows])}")
    print(f"  rule moved by the moves of sessions 21-28: "
          f"{tally(rows, [probe_model.SESSION_21_MOVES.grade(r['rule'], r['p']) for r in rows])}")
    print(f"  model's argmax: {tally(rows, [probe_model.LABELS[int(np.argmax(r['p']))] for r in rows])}")
    best = choose(rows, args.swap_cost)
    print(f"  own grade, chosen on all: weak_at {best.weak_at} strong_at {best.strong_at}: {tally(rows, own(rows, best))}")
    graded: list[str] = []
    ordered: list[dict] = []
    for name in dict.fromkeys(r["set"] for r in rows):
        part = [r for r in rows if r["set"] == name]
        th = choose([r for r in rows if r["set"] != name], args.swap_cost)
        graded += own(part, th)
        ordered += part
        print(f"    {name} left out: weak_at {th.weak_at} strong_at {th.strong_at}: {tally(part, own(part, th))}")
    print(f"  own grade, each set by thresholds chosen on the others: {tally(ordered, graded)}")


if __name__ == "__main__":
    main()
