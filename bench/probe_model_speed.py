#!/usr/bin/env python3
"""What the probe model's second reading costs (issue 12): each answer of a development set graded by the rule
alone and by the rule with the second reading, on this machine in the same run, and the ratio.

    PYTHONPATH=. .venv/bin/python bench/probe_model_speed.py [--set dev1] [--repeat 3]

The rule alone is the baseline. The second reading runs on every answer of eight words or more (one forward pass of
the int8 cross-encoder), and again once per sentence where it lowers the grade (to find the sentence it leans on), so
the figures printed are per answer. The sentence model and the probe model are loaded
before the clock starts (a session loads them once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import probes_dev  # noqa: E402
import yaml  # noqa: E402

from coach import embed, probe_model  # noqa: E402
from coach.coaching import grade_probe  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev1", choices=sorted(probes_dev.SETS))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if probe_model.default() is None or embed.default() is None:
        sys.exit("bench/probe_model_speed.py: the probe model or the sentence model is not installed")
    answers = yaml.safe_load(probes_dev.SETS[args.set][0].read_text())["answers"]
    jobs = [(probes_dev.probe_of(a["story"], a["probe"]), a["probe"], a["text"], probes_dev.probes_of(a["story"]))
            for a in answers]
    for probe, index, text, beside in jobs:  # warm: sentence vectors cached, both models loaded
        grade_probe(probe, index, text, beside)
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.repeat):
        for reread in (False, True):
            for probe, index, text, beside in jobs:
                embed.default()._cache.clear()  # type: ignore[union-attr]  # each grading embeds afresh
                start = time.perf_counter()
                grade_probe(probe, index, text, beside, reread=reread)
                times[reread].append(time.perf_counter() - start)
    base, both = statistics.median(times[False]), statistics.median(times[True])
    print(f"{args.set}: {len(jobs)} answers x {args.repeat}")
    print(f"  rule alone            median {1000 * base:7.1f} ms, max {1000 * max(times[False]):7.1f} ms")
    print(f"  with second reading   median {1000 * both:7.1f} ms, max {1000 * max(times[True]):7.1f} ms")
    print(f"  ratio (median)        {both / base:.2f}x")


if __name__ == "__main__":
    main()
