"""HELD OUT UNTIL SESSION 10, A DEVELOPMENT SET SINCE. The fifth blind sets (session 9)
load, are well formed, and bench/blind.py finds them.

tests/data/probe_answers_blind5.yaml and tests/data/paraphrases_blind5.yaml were written by helper blind5, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Fifth blind sets").
These tests check their shape only: counts, labels, real stories and probes, probes no earlier blind set uses,
a cited source where one is claimed, and that each `hard:` tag and `plain:` mark says what it claims of the
text. They do not run the grader or the matcher on them and hold no floor: each helper runs them at most twice,
summary only (`bench/blind.py --set blind5 --only probes --summary`), and the figure is written down in
tests/data/README.md beside the others.

Measured once by their author, summary only, on the grading code of main 058b587 (tests/data/README.md):
  probe answers accuracy 0.729; strong graded weak 1, weak graded strong 3
  paraphrases  precision 0.679, recall 0.528
"""

from __future__ import annotations

import sys

from coach.stories import load_library
from tests.blind_shapes import new_probe_set, paraphrase_set_holds, weak_claims_and_plain_marks_hold
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402


def test_the_blind5_probe_answers_are_labelled_in_thirds_over_unused_probes_and_say_what_they_claim():
    # None of its probes is a probe of an earlier blind probe set.
    rows = new_probe_set(blind.SETS, "blind5", blind.LABELS, ("blind", "blind2", "blind3", "blind4"))
    weak_claims_and_plain_marks_hold(rows, load_library())


def test_the_blind5_paraphrases_name_real_ideas_and_both_sides():
    paraphrase_set_holds(blind.SETS, "blind5")
