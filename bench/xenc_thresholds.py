#!/usr/bin/env python3
"""Choose the cross-encoder's demotion thresholds on out-of-fold predictions, and say what they do (issue 12).

Reads the dump of bench/dump_probe_xenc.py (each answer's label and the rule's grade) and the out-of-fold
probabilities of `bench/train_probe_xenc.py oof` (every answer predicted by a model that never saw its probe).
The combination: an answer the rule grades strong with P(weak) > t is adequate, > t2 weak. With --both-ways the
model may also move the rule's other grades one way each: adequate with P(weak) > ta is weak, weak with P(weak) < tw is
adequate; with --raise too, adequate with P(strong) > ts is strong (never two steps up).

Nested: for each fold, the thresholds are chosen on the other folds' answers and applied to this fold's, so the
figures printed are for thresholds that never saw the answers they grade. Then they are chosen on every answer: what
ships. The criterion is the issue's: errors, with a swap (strong graded weak, weak graded strong) costing --swap-cost
more; ties go to the fewest changes. Each threshold moves only the answers of one rule grade, so the cost splits
by the rule's grade and each part is chosen on its own. With --never-weak the model may only withhold "strong"
(t2 = 1), as coach/probe_model.py shipped it in session 19.

    .venv/bin/python bench/xenc_thresholds.py DUMP.json OOF.json [--never-weak | --both-ways [--raise]] [--swap-cost N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_sets import SPENT  # noqa: E402  the held-out sets trained on since session 21

from coach.probe_model import LABELS, SHIPPED, Moves, settled  # noqa: E402  the one rule the coach ships

GRID = [x / 20 for x in range(1, 20)] + [1.0]
HIGH = sorted(GRID + [0.97, 0.98, 0.99])  # where P(weak) must be near certain to make an answer weak
LOW = [0.0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25]  # where it must be near nil to lift one from weak (0: never)
SWAP = 1  # a swap's cost beyond the error it is (--swap-cost)
# The groups printed: the development sets (ours and the blind sets blind..blind12), the training sets in other
# people's words (train16, train18) and the spent held-out sets, also in others' words.
GROUPS = (("all", lambda r: True),
          ("development sets", lambda r: not r["set"].startswith("train") and r["set"] not in SPENT),
          ("training-only sets", lambda r: r["set"].startswith("train")),
          ("spent held-out sets", lambda r: r["set"] in SPENT))


def combine(rule: str, p: list[float], moves: Moves, without: list[float] | None = None) -> str:
    return settled(rule, p, without, moves)  # type: ignore[arg-type]


def cost(rows: list[dict], moves: Moves, swap: int = SWAP) -> tuple[int, int]:
    """(errors + swap x swaps, changes) of the combination on `rows`."""
    errors = changed = 0
    for r in rows:
        g = combine(r["rule"], r["p"], moves, r.get("without"))
        errors += (g != r["label"]) + swap * ({g, r["label"]} == {"strong", "weak"})
        changed += g != r["rule"]
    return errors, changed


def choose(rows: list[dict], never_weak: bool = False, both_ways: bool = False, swap: int = SWAP,
           raising: bool = False, explained: tuple[str, ...] = ()) -> Moves:
    """The moves at the least cost; each threshold moves the answers of one rule grade, so each is chosen on those."""
    by = {g: [r for r in rows if r["rule"] == g] for g in LABELS}
    none = Moves(explained=explained)
    t, t2 = min(((cost(by["strong"], replace(none, withhold=t, strong_to_weak=t2), swap), -t, -t2), (t, t2))
                for t in GRID for t2 in HIGH if t2 >= t and (t2 == 1.0 or not never_weak))[1]
    chosen = replace(none, withhold=t, strong_to_weak=t2)
    if not both_ways:
        return chosen
    ta, ts = min(((cost(by["adequate"], replace(none, adequate_to_weak=ta, raise_to_strong=ts), swap), -ta, -ts),
                  (ta, ts)) for ta in HIGH for ts in (HIGH if raising else [1.0]))[1]
    tw = min(((cost(by["weak"], replace(none, lift=tw), swap), tw), tw) for tw in LOW)[1]
    return replace(chosen, adequate_to_weak=ta, raise_to_strong=ts, lift=tw)


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
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--never-weak", action="store_true", help="demote to adequate only (t2 = 1)")
    how.add_argument("--both-ways", action="store_true", help="also adequate -> weak (ta) and weak -> adequate (tw)")
    parser.add_argument("--raise", dest="raising", action="store_true",
                        help="with --both-ways, also adequate -> strong where P(strong) > ts")
    parser.add_argument("--swap-cost", type=int, default=SWAP, help=f"a swap's cost beyond its error (default {SWAP})")
    parser.add_argument("--explained", default="", help="rule grades (strong,adequate) whose lowering must be "
                        "accounted for by one sentence (needs the oof's 'without', train_probe_xenc.py --sentences)")
    args = parser.parse_args()
    explained = tuple(g for g in args.explained.split(",") if g)
    probs = {(o["set"], o["id"]): o for o in json.loads(open(args.oof).read())}
    rows = []
    for r in json.loads(open(args.dump).read()):
        o = probs.get((r["set"], r["id"]))
        if o is not None:
            rows.append(r | {"p": o["p"], "fold": o["fold"]} | ({"without": o["without"]} if "without" in o else {}))
    folds = sorted({r["fold"] for r in rows})
    graded: dict[int, str] = {}
    print("nested: thresholds chosen on the other folds")
    for f in folds:
        th = choose([r for r in rows if r["fold"] != f], args.never_weak, args.both_ways, args.swap_cost,
                    args.raising, explained)
        part = [i for i, r in enumerate(rows) if r["fold"] == f]
        for i in part:
            graded[i] = combine(rows[i]["rule"], rows[i]["p"], th, rows[i].get("without"))
        sub = [rows[i] for i in part]
        print(f" fold {f}: {_named(th)}  rule {tally(sub, [r['rule'] for r in sub])}  "
              f"combination {tally(sub, [graded[i] for i in part])}")
    print("accuracy; strong graded weak; weak graded strong")
    for name, keep in GROUPS:
        idx = [i for i, r in enumerate(rows) if keep(r)]
        if not idx:
            continue
        sub = [rows[i] for i in idx]
        moved = Counter((rows[i]["rule"], graded[i], rows[i]["label"]) for i in idx if graded[i] != rows[i]["rule"])
        as_shipped = [combine(r["rule"], r["p"], SHIPPED, r.get("without")) for r in sub]
        print(f" {name} ({len(sub)}): rule {tally(sub, [r['rule'] for r in sub])}  "
              f"nested combination {tally(sub, [graded[i] for i in idx])}  "
              f"shipped moves {tally(sub, as_shipped)}  "
              f"moved (rule -> combined, label): {dict(sorted(moved.items()))}")
    shipped = choose(rows, args.never_weak, args.both_ways, args.swap_cost, args.raising, explained)
    print(f"chosen on all {len(rows)}: {_named(shipped)}")


def _named(moves: Moves) -> str:
    """The thresholds by the short names the docs use (t, t2, ta, tw, ts)."""
    return " ".join(f"{k}={getattr(moves, f)}" for k, f in (("t", "withhold"), ("t2", "strong_to_weak"),
                                                           ("ta", "adequate_to_weak"), ("tw", "lift"),
                                                           ("ts", "raise_to_strong")))


if __name__ == "__main__":
    main()
