"""bench/others-train3 (session 10, helper tr3; issue 11): a third TRAINING set of published STAR answers whose
authors labelled their own sections, from jobs outside software, taken from web pages only.

It trains the segmenter (as text and as transcribed since session 12); it holds no floor. These tests check its shape: ids,
the authors' labels among the five sections, expect/forbid that follow the labels, a cited web page for every case
(never a GitHub repository, so that it shares no source with the held-out set collected from repositories at the same
time), the voice each case would be rendered with, and that none of its pages (by address or web host) is a source of
a held-out set (bench/heldout, bench/others-heldout*) or of any other bench set (others-train, others-train2,
others-dev among them).
"""

from __future__ import annotations

import re
import sys

import pytest
import yaml

from tests.blind_shapes import read_as_the_text_bench, source_marks, training_set_holds, web_host
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import eval as bench_eval  # noqa: E402

TRAIN3 = ROOT / "bench" / "others-train3" / "cases.yaml"


def test_others_train3_is_labelled_star_answers_from_web_pages():
    cases = yaml.safe_load(TRAIN3.read_text())["cases"]
    # A source is a web host: several pages of one site count as one source.
    training_set_holds(cases, lambda c: web_host(c["source"]["url"]))
    for c in cases:
        # Web pages only: a GitHub repository (or a page GitHub serves) could be a source of the held-out set.
        assert c["source"].get("url", "").startswith("http") and not c["source"].get("repo"), c["id"]
        assert not re.search(r"github|githubusercontent", web_host(c["source"]["url"])), c["id"]
    # Shapes the set is for: a lesson set apart, terse answers.
    assert sum("reflection" in c["sections"] for c in cases) >= 1
    assert sum(sum(len(v.split()) for v in c["sections"].values()) <= 60 for c in cases) >= 3


def test_no_source_of_others_train3_is_a_source_of_another_set():
    urls, hosts, repos = source_marks(TRAIN3)
    others = [p for p in sorted((ROOT / "bench").glob("*/cases.yaml")) if p.parent.name != "others-train3"]
    others += sorted((ROOT / "tests" / "data").glob("*.yaml"))
    assert any(p.parent.name.startswith("others-heldout") for p in others)
    assert {"others-train", "others-train2", "others-dev"} <= {p.parent.name for p in others}
    for path in others:
        try:
            their_urls, their_hosts, their_repos = source_marks(path)
        except (KeyError, TypeError, AttributeError):
            continue  # a tests/data file that is not a list of cases
        assert not urls & their_urls, path
        # A web host shared with any other set would be the same publisher.
        assert not hosts & their_hosts, (path, hosts & their_hosts)


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_train3_cases_read_as_the_text_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text bench/others-train3` builds them."""
    read_as_the_text_bench(TRAIN3, bench_eval)
