"""Spent (held out until session 21): the fourteenth blind set (session 18) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind14.yaml was written by helper blind14 as an outside tester, who never read coach's
grading or segmenting code nor the answers of any tuned or training set (tests/data/README.md, "Fourteenth blind set").
Its weak answers take their wording and failure patterns from other people's published pages, most of them the strong
answer's deeds undone once in a new phrasing. It has probe answers only, no paraphrase file. These tests check its
shape only: counts, labels, real stories and probes (the third probe of 22 stories, none answered by any training file
nor one of blind13's, every one graded by an earlier blind set), a cited source where one is claimed, that each `hard:`
tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, at least 40% weak answers of all sixteen kinds
an interviewer marks down, and the `style:` each entry claims (half the answers read as a live Whisper transcript).
They do not run the grader on it and hold no floor: each helper runs it at most twice, summary only
(`bench/blind.py --set blind14 --summary`), and the figure is written down in tests/data/README.md beside the others.
bench/dump_probe_xenc.py kept it out of the probe model's training data until session 21, which trains on it (SPENT).
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    WEAK_ONLY_BLIND9,
    blind_bench,
    held_out_or_spent,
    long_and_thin_hold,
    set_rows,
    weak_weighted_probe_set,
)
from tests.conftest import ROOT

blind = blind_bench()

DATA = ROOT / "tests" / "data"
# The files anything is trained or tuned on; only their (story, probe) pairs are read here.
TRAINING = ("probe_answers.yaml", "probe_answers_dev2.yaml", "probe_answers_dev3.yaml", "probe_answers_dev4.yaml",
            "probe_answers_dev5.yaml", "probe_answers_train16.yaml")


def _pairs(rows: list[dict]) -> set[tuple[str, int]]:
    return {(a["story"], a["probe"]) for a in rows}


def test_the_blind14_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe was graded by an earlier blind set, so all 22 are reused in blind_shapes' sense.
    rows, weak = weak_weighted_probe_set(blind, "blind14", reused=22)
    assert len(rows) == 66 and len(_pairs(rows)) == 22 and len({a["story"] for a in rows}) == 22
    assert {a["probe"] for a in rows} == {3}
    assert Counter(a["label"] for a in rows) == Counter(strong=20, adequate=19, weak=27)
    assert Counter(a["style"] for a in rows) == Counter(spoken=33, clean=33)
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(a["source"] != "none" for a in rows) == 54
    long_and_thin_hold(rows)


def test_no_blind14_probe_is_answered_by_a_training_file_or_by_blind13():
    pairs = _pairs(set_rows(blind.SETS["blind14"][1], "answers"))
    assert not pairs & _pairs(set_rows(DATA / "probe_answers_train16.yaml", "answers"))
    assert not pairs & {p for name in TRAINING for p in _pairs(set_rows(DATA / name, "answers"))}
    assert not pairs & _pairs(set_rows(blind.SETS["blind13"][1], "answers"))


def test_bench_blind_lists_blind14_as_probe_answers_only_and_spent():
    paraphrases, answers = blind.SETS["blind14"]
    assert paraphrases is None and answers == DATA / "probe_answers_blind14.yaml"
    assert answers.read_text().startswith("# SPENT.")
    names = list(blind.SETS)  # written after blind13; blind15 (tests/test_blind15_sets.py) now follows it
    assert names.index("blind14") == names.index("blind13") + 1


def test_blind14_was_held_out_until_spent_and_is_now_trained_on():
    held_out_or_spent("blind14")
