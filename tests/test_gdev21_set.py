"""The shape of the generic-probe development set gdev21 (tests/data/probe_answers_gdev21.yaml): its counts,
labels, two answers to every generic probe of the 16 principle files (not any.yaml), one spoken and one clean,
each story served by bench/probes_dev, and the set wired into probes_dev.SETS."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "probe_answers_gdev21.yaml"
GENERIC = ROOT / "stories" / "generic"
sys.path.insert(0, str(ROOT / "bench"))

import probes_dev  # noqa: E402


def answers() -> list[dict]:
    return yaml.safe_load(DATA.read_text())["answers"]


def principles() -> dict[str, list[dict]]:
    files = (yaml.safe_load(f.read_text()) for f in sorted(GENERIC.glob("*.yaml")) if f.name != "any.yaml")
    return {f["principle"]: f["probes"] for f in files}


def spoken(text: str) -> bool:
    return text == text.lower() and not re.search(r"[.,;:?!]", text)


def test_counts_ids_labels_and_fields():
    rows = answers()
    assert len(rows) == 64
    assert [a["id"] for a in rows] == [f"gd21-{i:03d}" for i in range(1, 65)]
    assert Counter(a["label"] for a in rows) == {"strong": 20, "adequate": 18, "weak": 26}
    for a in rows:
        assert set(a) == {"id", "story", "probe", "label", "kind", "text"}, a["id"]
        assert a["kind"] and 5 <= len(a["text"].split()) <= 150, a["id"]
    assert DATA.read_text().startswith("# DEVELOPMENT. Generic-probe answers (issue 12) written by helper gdev21")


def test_two_answers_to_every_generic_probe_one_spoken_one_clean():
    rows = answers()
    wanted = {(f"generic:{p}", n) for p, probes in principles().items() for n in range(1, len(probes) + 1)}
    assert len(wanted) == 32
    by_probe = Counter((a["story"], a["probe"]) for a in rows)
    assert set(by_probe) == wanted and set(by_probe.values()) == {2}
    for key in wanted:
        styles = sorted(spoken(a["text"]) for a in rows if (a["story"], a["probe"]) == key)
        assert styles == [False, True], key
    assert sum(spoken(a["text"]) for a in rows) == 32


def test_probes_dev_resolves_every_story_and_serves_the_set():
    files = principles()
    for a in answers():
        probes = probes_dev.probes_of(a["story"])
        assert [p.question for p in probes] == [p["question"] for p in files[a["story"].split(":", 1)[1]]], a["id"]
        assert probes_dev.probe_of(a["story"], a["probe"]).question == probes[a["probe"] - 1].question
    assert probes_dev.SETS["gdev21"] == (DATA, 4)
