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

from coach.stories import load_library
from tests.blind_shapes import new_probe_set, paraphrase_set_holds, set_rows, weak_claims_and_plain_marks_hold
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402


def test_the_blind6_probe_answers_are_labelled_in_thirds_over_unused_probes_and_say_what_they_claim():
    # None of its probes is a probe of an earlier blind probe set.
    rows = new_probe_set(blind.SETS, "blind6", blind.LABELS, ("blind", "blind2", "blind3", "blind4", "blind5"))
    weak_claims_and_plain_marks_hold(rows, load_library())


def test_the_blind6_paraphrases_name_real_ideas_and_both_sides_with_the_kinds_earlier_sets_lack():
    paraphrase_set_holds(blind.SETS, "blind6")
    rows = set_rows(blind.SETS["blind6"][0], "cases")
    should = Counter(c["kind"] for c in rows if c["match"])
    near = Counter(c["kind"] for c in rows if not c["match"])
    assert should["order"] >= 5 and should["stem"] >= 5 and should["partial"] >= 3 and near["related"] >= 5, should
