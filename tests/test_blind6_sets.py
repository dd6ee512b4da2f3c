"""HELD OUT: the sixth blind sets (session 9) load, are well formed, and bench/blind.py finds them.

tests/data/probe_answers_blind6.yaml and tests/data/paraphrases_blind6.yaml were written by helper blind6, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Sixth blind sets").
These tests check their shape only: counts, labels, real stories and probes, probes no earlier blind set uses,
a cited source where one is claimed, and that each `hard:` tag and `plain:` mark says what it claims of the
text. They do not run the grader or the matcher on them and hold no floor: each helper runs them at most twice,
summary only (`bench/blind.py --set blind6 --only probes --summary`), and the figure is written down in
tests/data/README.md beside the others.

Measured once by their author, summary only, on the grading code of main cc6af4f (tests/data/README.md):
  probe answers accuracy 0.646; strong graded weak 2, weak graded strong 7
  paraphrases  precision 0.758, recall 0.526
"""

from __future__ import annotations

import sys
from collections import Counter

import yaml

from coach.stories import load_library
from tests.blind_shapes import hard_tags_hold, in_thirds_over_new_probes, paraphrase_cases, probe_answers_hold
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402

STRONG_OR_ADEQUATE = {"paraphrase", "terse", "present", "runon", "rambling", "we-own", "partial", "vague"}
# The weak kinds of blind5 (blind4's and reviewed, hypothetical, reverted); no new kind.
WEAK_ONLY = {"minimise", "defensive", "blame", "handoff", "we", "other-actor", "planned", "denied", "too-short",
             "reviewed", "hypothetical", "reverted"}
HARD = {"point-in-middle": "strong", "no-keyword": "strong", "all-keywords": "adequate"}
# A plain-spoken strong answer carries at least one of these hedges or fillers.
FILLERS = ("so ", "um", "like", "basically", "honestly", "i dunno", "yeah", "kind of", "okay", "i think")


def _rows(which: int, key: str) -> list[dict]:
    return yaml.safe_load(blind.SETS["blind6"][which].read_text())[key]


def test_the_blind6_probe_answers_are_labelled_in_thirds_over_unused_probes():
    _, answers = blind.SETS["blind6"]
    assert answers.name == "probe_answers_blind6.yaml" and answers.exists()
    lib = load_library()
    rows = _rows(1, "answers")
    # None of its probes is a probe of an earlier blind probe set.
    in_thirds_over_new_probes(rows, blind.LABELS, [yaml.safe_load(blind.SETS[name][1].read_text())["answers"]
                                                   for name in ("blind", "blind2", "blind3", "blind4", "blind5")])
    sourced = probe_answers_hold(rows, lib, STRONG_OR_ADEQUATE | WEAK_ONLY, STRONG_OR_ADEQUATE, WEAK_ONLY)
    assert sourced >= len(rows) / 2, "at least half borrow from published pages"
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    # The weak third leans on the strong answer's words for another claim.
    assert weak["other-actor"] >= 3 and weak["reviewed"] >= 3, weak
    assert weak["planned"] + weak["hypothetical"] >= 3 and weak["reverted"] + weak["denied"] >= 3, weak


def test_each_blind6_hard_tag_and_plain_mark_says_what_it_claims_of_the_text():
    lib = load_library()
    rows = _rows(1, "answers")
    hard_tags_hold(rows, lib, HARD)
    plain = [a for a in rows if a.get("plain")]
    assert len(plain) >= 6
    for a in plain:
        assert a["label"] == "strong", a["id"]
        assert any(f in " ".join(a["text"].lower().split()) for f in FILLERS), a["id"]


def test_the_blind6_paraphrases_name_real_ideas_and_both_sides():
    paraphrases, _ = blind.SETS["blind6"]
    assert paraphrases.name == "paraphrases_blind6.yaml" and paraphrases.exists()
    rows = _rows(0, "cases")
    assert len({c["id"] for c in rows}) == len(rows)
    assert Counter(c["match"] for c in rows) >= Counter({True: 60, False: 60})
    assert len({c["story"] for c in rows}) >= 12
    assert any("section" in c for c in rows) and any("probe" in c for c in rows)
    sourced, near = paraphrase_cases(rows)
    assert sourced >= 20
    assert near["actor"] >= 5 and near["negation"] >= 5 and near["antonym"] >= 5 and near["number"] >= 5, near
    # The kinds earlier sets had few of.
    should = Counter(c["kind"] for c in rows if c["match"])
    assert should["order"] >= 5 and should["stem"] >= 5 and should["partial"] >= 3 and near["related"] >= 5, should
