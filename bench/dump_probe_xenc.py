#!/usr/bin/env python3
"""Dump every labelled probe answer (development sets dev1-5, blind sets blind..blind11) with its probe and the
rule's grade to JSON, for bench/train_probe_xenc.py (which trains in a separate torch venv with no coach import).

    PYTHONPATH=. .venv/bin/python bench/dump_probe_xenc.py /work/scratch/xenc15/probe_answers.json

Never reads probe_answers_blind12.yaml (held out).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402
import probes_dev  # noqa: E402

from coach.coaching import grade_probe  # noqa: E402


def rows() -> list[dict]:
    sources = {name: path for name, (path, _) in probes_dev.SETS.items()}
    sources.update({name: answers for name, (_, answers) in blind.SETS.items()})
    out = []
    for name, path in sources.items():
        assert "blind12" not in path.name
        for a in yaml.safe_load(path.read_text())["answers"]:
            probe = probes_dev.probe_of(a["story"], a["probe"])
            rule = grade_probe(probe, a["probe"], a["text"], probes_dev.probes_of(a["story"])).verdict
            out.append({"set": name, "id": a["id"], "story": a["story"], "probe": a["probe"],
                        "question": probe.question, "strong": probe.strong, "weak": probe.weak,
                        "text": " ".join(a["text"].split()), "label": a["label"], "rule": rule})
    return out


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(rows(), indent=1))
