#!/usr/bin/env python3
"""Dump every labelled probe answer we may train or validate on (development sets, blind sets, spent held-out sets and
the training sets of bench/probe_sets.py where the checkout has them) with its probe, the two sides the model reads it
against (coach.probe_grading.model_sides: a generic probe's strong_key against GENERIC_WEAK) and the rule's grade to
JSON, for bench/train_probe_xenc.py (which trains in a separate torch venv with no coach import).

    PYTHONPATH=. .venv/bin/python bench/dump_probe_xenc.py OUT.json --anchors   # and every bundled probe's own
        # strong and weak answer (set "anchors", session 19)
    PYTHONPATH=. .venv/bin/python bench/dump_probe_xenc.py OUT.json --extra NAME=PATH/probe_answers_NAME.yaml

Never reads a held-out set (bench/probe_sets.py HELD_OUT); asked to, it stops before reading. Sets once held out and
read for their before and after are spent (SPENT) and trained on: blind13-17 since session 21 (318 answers in other
people's words to the 30 probes no earlier training file answered), blind18, blind19 and generic21 since session 22,
generic22, blind20 and generic23 since session 24, generic24 and blind24 since session 25,
generic25, blind25, generic26 and blind26 since session 26.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402
import probes_dev  # noqa: E402
from probe_sets import HELD_OUT, SPENT, TRAINING  # noqa: E402,F401  (SPENT: read from here by the tests)

from coach.coaching import grade_probe  # noqa: E402
from coach.probe_grading import model_sides  # noqa: E402
from coach.stories import load_library  # noqa: E402


def held_out(name: str, path: Path) -> bool:
    return name in HELD_OUT or any(h in path.name for h in HELD_OUT)


def sources(extra: dict[str, Path] | None = None) -> dict[str, Path]:
    """Every set to dump, by name: the development sets, the blind sets but the held-out ones, the training sets
    where the checkout has them, and `extra`. A held-out set among `extra` is an error."""
    out = {name: path for name, (path, _) in probes_dev.SETS.items()}
    out.update({name: answers for name, (_, answers) in blind.SETS.items() if not held_out(name, answers)})
    for name in TRAINING:
        if (path := ROOT / "tests" / "data" / f"probe_answers_{name}.yaml").exists():
            out[name] = path
    for name, path in (extra or {}).items():
        if held_out(name, path):
            raise SystemExit(f"{name} ({path}) is held out: never dumped for training")
        out[name] = path
    return out


def row(name: str, answer_id: str, story: str, number: int, probes, text: str, label: str) -> dict:  # type: ignore[no-untyped-def]
    """One labelled answer to probe `number` of `probes` (its story's), with the rule's grade alone."""
    probe = probes[number - 1]
    rule = grade_probe(probe, number, text, probes, reread=False).verdict
    strong, weak = model_sides(probe) or (probe.strong, probe.weak)
    return {"set": name, "id": answer_id, "story": story, "probe": number, "question": probe.question,
            "strong": strong, "weak": weak, "text": " ".join(text.split()), "label": label, "rule": rule}


def rows(extra: dict[str, Path] | None = None) -> list[dict]:
    out = []
    for name, path in sources(extra).items():
        assert not held_out(name, path), path
        for a in yaml.safe_load(path.read_text())["answers"]:
            out.append(row(name, a["id"], a["story"], a["probe"], probes_dev.probes_of(a["story"]), a["text"],
                           a["label"]))
    return out


def anchors() -> list[dict]:
    """Every bundled story probe's own strong answer (labelled strong) and weak answer (labelled weak): what the
    grader knows of each probe when a candidate answers it, so the model learns every probe's two ends, the
    held-out sets' probes included (their answers stay out). Graded by the rule like the answers."""
    library = load_library(own=Path("/nonexistent"))
    out = []
    for story in library.stories:
        for number, probe in enumerate(story.probes, 1):
            for label, text in (("strong", probe.strong), ("weak", probe.weak)):
                if text:
                    out.append(row("anchors", f"{story.id}-{number}-{label}", story.id, number, story.probes, text,
                                   label))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--extra", action="append", default=[], help="NAME=PATH of another labelled answer set")
    parser.add_argument("--anchors", action="store_true", help="add every bundled probe's own strong and weak answer")
    args = parser.parse_args()
    extra = {k: Path(v) for k, v in (e.split("=", 1) for e in args.extra)}
    dumped = rows(extra) + (anchors() if args.anchors else [])
    Path(args.out).write_text(json.dumps(dumped, indent=1))
    counts = {}
    for r in dumped:
        counts[r["set"]] = counts.get(r["set"], 0) + 1
    print(f"{len(dumped)} answers: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
