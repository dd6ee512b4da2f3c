"""bench/others-train2 (session 9, helper tr2; issue 11): a second TRAINING set of published STAR answers whose
authors labelled their own sections. It loads, is well formed, and draws on sources no held-out set uses.

It trains the segmenter (as text only; rendered since session 12); it holds no floor. These tests check its shape: ids,
the authors' labels among the five sections, expect/forbid that follow the labels, a cited source (a web address,
or a repository, path and commit), the voice each case would be rendered with, and that none of its sources (by
address, web host or repository) is a source of a held-out set (bench/heldout, bench/others-heldout*) or of any
other bench set.
"""

from __future__ import annotations

import sys

import pytest
import yaml

from tests.blind_shapes import read_as_the_text_bench, source_marks, training_set_holds
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import eval as bench_eval  # noqa: E402

TRAIN2 = ROOT / "bench" / "others-train2" / "cases.yaml"


def test_others_train2_is_labelled_star_answers_with_cited_sources():
    cases = yaml.safe_load(TRAIN2.read_text())["cases"]
    training_set_holds(cases, lambda c: c["source"].get("url") or c["source"]["repo"])
    # Shapes the set is for: a lesson set apart, answers without a Task.
    assert sum("reflection" in c["sections"] for c in cases) >= 3
    assert sum("task" not in c["sections"] for c in cases) >= 2


def test_no_source_of_others_train2_is_a_source_of_another_set():
    urls, hosts, repos = source_marks(TRAIN2)
    others = [p for p in sorted((ROOT / "bench").glob("*/cases.yaml")) if p.parent.name != "others-train2"]
    assert any(p.parent.name.startswith("others-heldout") for p in others)
    for path in others:
        their_urls, their_hosts, their_repos = source_marks(path)
        assert not urls & their_urls, path
        assert not repos & their_repos, path
        # A web host shared with a held-out set would be the same publisher.
        if path.parent.name == "heldout" or path.parent.name.startswith("others-heldout"):
            assert not hosts & their_hosts, path


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_train2_cases_read_as_the_text_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text bench/others-train2` builds them."""
    read_as_the_text_bench(TRAIN2, bench_eval)
