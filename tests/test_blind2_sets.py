"""HELD OUT: the second blind sets (session 5) load, are well formed, and their benches find them.

tests/data/probe_answers_blind2.yaml, tests/data/paraphrases_blind2.yaml and bench/others-heldout2/ were
written or collected from other people's published wording by a helper that never read
coach's grading code or the first blind sets (tests/data/README.md). These tests check their shape only:
counts, labels, real stories and probes, a cited source where one is claimed. They do not run the grader
or the matcher on them and hold no floor: the sets are measured once, with `bench/blind.py --set blind2
--summary` and `bench/eval.py others-heldout2`, and the figure is written down (docs/analysis.md,
the session notes) beside the tuned ones.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
import yaml

from coach.stories import load_library
from tests.blind_shapes import cited, new_sources, paraphrase_cases, read_as_the_text_bench, star_cases
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402
import eval as bench_eval  # noqa: E402

PROBE_KINDS = {"paraphrase", "terse", "rambling", "runon", "partial", "vague", "minimise", "defensive", "handoff",
               "we", "other-actor", "planned", "denied", "hypothetical", "too-short"}


def test_the_blind2_probe_answers_are_labelled_over_many_probes():
    paraphrases, answers = blind.SETS["blind2"]
    assert answers.name == "probe_answers_blind2.yaml" and answers.exists()
    assert paraphrases.name == "paraphrases_blind2.yaml"
    lib = load_library()
    rows = yaml.safe_load(answers.read_text())["answers"]
    assert len(rows) >= 40
    assert len({a["id"] for a in rows}) == len(rows)
    labels = Counter(a["label"] for a in rows)
    assert set(labels) == set(blind.LABELS) and min(labels.values()) >= 10, labels
    assert len({a["story"] for a in rows}) >= 5
    assert len({(a["story"], a["probe"]) for a in rows}) >= 12
    sourced = 0
    for a in rows:
        probes = lib.get(a["story"]).probes
        assert 1 <= a["probe"] <= len(probes), a["id"]
        assert a["kind"] in PROBE_KINDS, a["id"]
        assert a["why"].strip() and len(a["text"].split()) >= 2, a["id"]
        sourced += cited(a)
    assert sourced >= 20
    # Weak answers include the strong answer's words for another claim, not only vague ones.
    assert Counter(a["kind"] for a in rows if a["label"] == "weak")["other-actor"] >= 5


def test_the_blind2_paraphrases_name_real_ideas_and_both_sides():
    paraphrases, _ = blind.SETS["blind2"]
    rows = yaml.safe_load(paraphrases.read_text())["cases"]
    assert len({c["id"] for c in rows}) == len(rows)
    assert Counter(c["match"] for c in rows) >= Counter({True: 40, False: 40})
    assert len({c["story"] for c in rows}) >= 5
    sourced, near = paraphrase_cases(rows)
    assert sourced >= 20
    assert near["actor"] >= 5 and near["negation"] >= 5 and near["antonym"] >= 5, near


OTHERS2 = ROOT / "bench" / "others-heldout2" / "cases.yaml"


def test_others_heldout2_is_published_labelled_star_answers_from_new_sources():
    assert bench_eval.SETS["others-heldout2"] == OTHERS2.parent and "others-heldout2" in bench_eval.HELD_OUT
    cases = yaml.safe_load(OTHERS2.read_text())["cases"]
    assert len(cases) >= 8 and len({c["id"] for c in cases}) == len(cases)
    star_cases(cases)
    # None of its sources is a source of a set used for tuning or of the first held-out set.
    new_sources(OTHERS2, ("dev", "heldout", "others-dev", "others-train", "others-heldout"))


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_heldout2_cases_read_as_the_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text` builds them (no grading here)."""
    read_as_the_text_bench(OTHERS2, bench_eval)
