"""HELD OUT UNTIL SESSION 9, A DEVELOPMENT SET SINCE. The fourth blind sets (session 8)
load, are well formed, and bench/blind.py finds them.

tests/data/probe_answers_blind4.yaml and tests/data/paraphrases_blind4.yaml were written by helper blind4, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Fourth blind sets").
These tests check their shape only: counts, labels, real stories and probes, probes no earlier blind set uses,
a cited source where one is claimed, and that each `hard:` tag says what it claims of the text. They do not run
the grader or the matcher on them and hold no floor: each helper runs them at most twice, summary only
(`bench/blind.py --set blind4 --only probes --summary`), and the figure is written down beside the others.

Measured once by their author, summary only, on the grading code of main 9630f07 (tests/data/README.md):
  probe answers accuracy 0.667; strong graded weak 1, weak graded strong 6
  paraphrases  precision 0.790, recall 0.419
"""

from __future__ import annotations

import sys
from collections import Counter

from coach.stories import load_library
from tests.blind_shapes import hard_tags_hold, new_probe_set, paraphrase_set_holds, probe_answers_hold, set_rows
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402

PROBE_KINDS = {"paraphrase", "terse", "present", "runon", "rambling", "we-own", "partial", "vague", "minimise",
               "defensive", "blame", "handoff", "we", "other-actor", "planned", "denied", "too-short"}
STRONG_OR_ADEQUATE = {"paraphrase", "terse", "present", "runon", "rambling", "we-own", "partial"}
WEAK_ONLY = {"minimise", "defensive", "blame", "handoff", "we", "other-actor", "planned", "denied", "too-short"}
# What the set adds: the point of a long strong answer in its middle, a strong answer with none of the probe's
# listen-for phrases, an adequate one that says all of them and stays vague.
HARD = {"point-in-middle": "strong", "no-keyword": "strong", "all-keywords": "adequate"}


def test_the_blind4_probe_answers_are_labelled_in_thirds_over_unused_probes():
    lib = load_library()
    # None of its probes is a probe of an earlier blind probe set.
    rows = new_probe_set(blind.SETS, "blind4", blind.LABELS, ("blind", "blind2", "blind3"))
    sourced = probe_answers_hold(rows, lib, PROBE_KINDS, STRONG_OR_ADEQUATE, WEAK_ONLY)
    assert sourced >= len(rows) / 2, "at least half borrow from published pages"
    kinds = Counter((a["label"], a["kind"]) for a in rows)
    for hard in (("strong", "rambling"), ("weak", "other-actor"), ("weak", "planned"), ("weak", "denied")):
        assert kinds[hard] >= 3, (hard, kinds)


def test_each_blind4_hard_tag_says_what_it_claims_of_the_text():
    lib = load_library()
    rows = set_rows(blind.SETS["blind4"][1], "answers")
    hard_tags_hold(rows, lib, HARD)


def test_the_blind4_paraphrases_name_real_ideas_and_both_sides():
    paraphrase_set_holds(blind.SETS, "blind4")
