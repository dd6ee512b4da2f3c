"""HELD OUT: the fifth set of published STAR answers by other people (bench/others-heldout5, session 9) loads, is
well formed, draws on new sources and voices, and the bench finds it.

bench/others-heldout5/ was written from other people's published, self-labelled answers by helper oh5, who never
read coach's segmenter (coach/segment.py, units.py, unit_features.py, coach/data/) nor any other set's cases beyond
the format (the header and first two cases of others-heldout4). These tests check its shape only: counts, labels,
cited sources no other bench set uses, voices and speeds no earlier others-heldout set uses. They do not run the
segmenter on it and hold no floor: each helper runs it at most twice, summary only (`bench/eval.py --cache
/work/cache/coach-eval others-heldout5`), and the figure is written down in its README.

Measured once by its author, summary only, on main 058b587's segmenter (its README):
  others-heldout5 seg 0.663, worst 0.331, statuses 65.0 %, checks 75/84
"""

from __future__ import annotations

import sys

import pytest
import yaml

from tests.blind_shapes import new_sources, published_answers_hold, read_as_the_text_bench
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import eval as bench_eval  # noqa: E402
import train_segmenter  # noqa: E402

OTHERS5 = ROOT / "bench" / "others-heldout5" / "cases.yaml"
EARLIER = ("others-heldout", "others-heldout2", "others-heldout3", "others-heldout4")


def test_others_heldout5_is_published_labelled_star_answers_from_new_sources():
    assert bench_eval.SETS["others-heldout5"] == OTHERS5.parent and "others-heldout5" in bench_eval.HELD_OUT
    assert "others-heldout5" in train_segmenter.NEVER
    cases = yaml.safe_load(OTHERS5.read_text())["cases"]
    assert len({c["source"]["repo"] for c in cases}) >= 8, "at least eight sources"
    published_answers_hold(cases, EARLIER)
    # None of its sources is a source of another bench set.
    new_sources(OTHERS5, ("dev", "heldout", "others-dev", "others-train") + EARLIER)


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_heldout5_cases_read_as_the_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text` builds them (no grading here)."""
    read_as_the_text_bench(OTHERS5, bench_eval)
