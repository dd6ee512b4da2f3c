"""HELD OUT: the sixth set of published STAR answers by other people (bench/others-heldout6, session 16) loads, is
well formed, draws on new sources and voices, and the bench finds it.

bench/others-heldout6/ was written from other people's published, self-labelled answers by helper oh6, who never
read coach's segmenter (coach/segment.py, units.py, unit_features.py, coach/data/) nor any other set's cases beyond
the format (the header and first two cases of others-heldout5). These tests check its shape only: counts, labels,
cited sources no other bench set uses, voices and speeds no earlier others-heldout set uses. They do not run the
segmenter on it and hold no floor: each helper runs it at most twice, summary only (`bench/eval.py --cache
/work/cache/s16 others-heldout6`), and the figure is written down in its README.

Measured once by its author, summary only, on main 466cf9a's segmenter (its README):
  others-heldout6 seg 0.627, worst 0.157, statuses 64.7 %, checks 80/89
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

OTHERS6 = ROOT / "bench" / "others-heldout6" / "cases.yaml"
EARLIER = ("others-heldout", "others-heldout2", "others-heldout3", "others-heldout4", "others-heldout5")


def test_others_heldout6_is_published_labelled_star_answers_from_new_sources():
    assert bench_eval.SETS["others-heldout6"] == OTHERS6.parent and "others-heldout6" in bench_eval.HELD_OUT
    assert "others-heldout6" in train_segmenter.NEVER
    cases = yaml.safe_load(OTHERS6.read_text())["cases"]
    assert len({c["source"]["repo"] for c in cases}) >= 12, "at least twelve repositories"
    # At most two answers from one source file, and from one author (a bootcamp student's week-3 and week-4 files
    # are two repositories by one person).
    by_file: dict[tuple[str, str], int] = {}
    by_author: dict[str, int] = {}
    for c in cases:
        key = (c["source"]["repo"], c["source"]["path"])
        by_file[key] = by_file.get(key, 0) + 1
        owner, name = c["source"]["repo"].split("/")
        author = name.rsplit("-", 1)[-1] if owner.startswith("learn-academy") else owner
        by_author[author] = by_author.get(author, 0) + 1
    assert max(by_file.values()) <= 2 and max(by_author.values()) <= 2
    # Some answers are out of proportion the way real ones are, as in others-heldout5, and one has no Task.
    words = published_answers_hold(cases, EARLIER)
    assert sum("task" not in w for w in words) >= 1
    # None of its sources is a source of another bench set.
    others = tuple(sorted(p.parent.name for p in (ROOT / "bench").glob("*/cases.yaml") if p != OTHERS6))
    assert set(EARLIER) <= set(others)
    new_sources(OTHERS6, others)


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_heldout6_cases_read_as_the_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text` builds them (no grading here)."""
    read_as_the_text_bench(OTHERS6, bench_eval)
