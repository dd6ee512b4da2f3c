"""bench/second_reader.py's data: a second reading of every answer it compares, each a valid cut or grade."""

from __future__ import annotations

import re
import sys

import pytest
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import second_reader  # noqa: E402

SENTENCE = re.compile(r"(?<=[.?!])\s+")  # as ../shared/eval/synth.py cuts sentences (SENTENCE_RE)
ORDER = ("situation", "task", "action", "result", "reflection")


def test_every_answer_of_the_three_sets_has_a_second_split_that_cuts_its_sentences():
    splits = yaml.safe_load((second_reader.HERE / "splits.yaml").read_text())
    assert set(splits) == set(second_reader.SECTION_SETS)
    for name in second_reader.SECTION_SETS:
        cases = yaml.safe_load((ROOT / "bench" / name / "cases.yaml").read_text())["cases"]
        assert set(splits[name]) == {c["id"] for c in cases}
        for case in cases:
            sentences = [s for sec in ORDER for s in SENTENCE.split((case["sections"].get(sec) or "").strip()) if s]
            starts = splits[name][case["id"]]
            assert tuple(starts) == ORDER
            at = [1.0 * i for i in range(len(sentences))]
            cut = second_reader.second_sections(starts, at, float(len(sentences)))
            assert [s["name"] for s in cut] == [n for n in ORDER if starts[n] is not None]
            assert all(a["end_s"] == b["start_s"] for a, b in zip(cut, cut[1:]))


def test_a_second_split_that_does_not_start_at_the_first_sentence_or_runs_past_the_last_is_refused():
    with pytest.raises(ValueError):
        second_reader.second_sections({"situation": 2, "action": 3}, [0.0, 1.0, 2.0], 3.0)
    with pytest.raises(ValueError):
        second_reader.second_sections({"situation": 1, "action": 4}, [0.0, 1.0, 2.0], 3.0)
    cut = second_reader.second_sections({"situation": 1, "task": None, "action": 3}, [0.0, 1.0, 2.0], 3.0)
    assert cut == [{"name": "situation", "start_s": 0.0, "end_s": 2.0}, {"name": "action", "start_s": 2.0, "end_s": 3.0}]


def test_every_probe_answer_of_the_two_sets_has_a_second_grade():
    grades = yaml.safe_load((second_reader.HERE / "probe_labels.yaml").read_text())
    ids = set()
    for name in second_reader.PROBE_SETS:
        ids |= {a["id"] for a in yaml.safe_load((ROOT / "tests" / "data" / f"probe_answers_{name}.yaml").read_text())[
            "answers"]}
    assert set(grades) == ids
    assert {g["label"] for g in grades.values()} <= {"strong", "adequate", "weak"}
    assert all(g["why"].strip() for g in grades.values())
