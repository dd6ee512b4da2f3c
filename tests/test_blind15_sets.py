"""Spent (held out until session 21, trained on since): the fifteenth blind set (session 19) loads, is well formed, and
bench/blind.py finds it.

tests/data/probe_answers_blind15.yaml was written by helper blind15 as an outside tester, who never read coach's
grading or segmenting code nor the answers of any tuned or training set (tests/data/README.md, "Fifteenth blind set").
train18 now answers every bundled probe but blind13's and blind14's, so this set gives fresh answers, in other people's
wording, to 22 of those held-out probes: every probe is one of blind13's or blind14's and none is answered by any
training file. Most weak answers say the strong answer's deeds and undo them once in a new phrasing. These tests check
its shape only: counts, labels, real stories and probes, a cited source where one is claimed (none on a web host
blind14 or train18 cites), that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims of the text,
at least 40% weak answers of all sixteen kinds an interviewer marks down, and the `style:` each entry claims (half
the answers read as a live Whisper transcript). They do not run the grader on it and hold no floor: each helper runs
it at most twice, summary only (`bench/blind.py --set blind15 --summary`), and the figure is written down in
tests/data/README.md beside the others.
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    WEAK_ONLY_BLIND9,
    blind_answers,
    blind_bench,
    cites_fresh_hosts,
    held_out_or_spent,
    listed_as_probe_answers_only,
    long_and_thin_hold,
    probe_pairs,
    trained_pairs,
    weak_weighted_probe_set,
)

blind = blind_bench()


def test_the_blind15_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe is one of blind13's or blind14's, so all 22 are reused in blind_shapes' sense.
    rows, weak = weak_weighted_probe_set(blind, "blind15", reused=22)
    assert len(rows) == 66 and len(probe_pairs(rows)) == 22 and len({a["story"] for a in rows}) == 22
    assert all(n == 3 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    assert Counter(a["label"] for a in rows) == Counter(strong=20, adequate=19, weak=27)
    assert Counter(a["style"] for a in rows) == Counter(spoken=33, clean=33)
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(a["source"] != "none" for a in rows) >= 50
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    long_and_thin_hold(rows)


def test_every_blind15_probe_is_held_out_by_blind13_or_blind14_and_answered_by_no_training_file():
    pairs = probe_pairs(blind_answers(blind, "blind15"))
    assert pairs <= probe_pairs(blind_answers(blind, "blind13")) | probe_pairs(blind_answers(blind, "blind14"))
    assert not pairs & trained_pairs()


def test_blind15_cites_no_web_host_that_blind14_or_train18_cites():
    cites_fresh_hosts(blind, "blind15", ("blind14",), at_least=50)


def test_bench_blind_lists_blind15_after_blind14_as_probe_answers_only():
    listed_as_probe_answers_only(blind, "blind15")
    names = list(blind.SETS)  # blind16 (tests/test_blind16_to_18_sets.py) now follows it
    assert names.index("blind15") == names.index("blind14") + 1 and names.index("blind16") == names.index("blind15") + 1


def test_blind15_was_held_out_until_spent_and_is_now_trained_on():
    held_out_or_spent("blind15")


def test_the_probes_whose_blind14_answers_its_author_saw_are_named_for_the_summary():
    rows = blind_answers(blind, "blind15")
    seen = blind.SEEN["blind15"]
    assert len(seen) == 4 and seen <= {(a["story"], a["probe"]) for a in rows}
    assert sorted(a["id"] for a in rows if (a["story"], a["probe"]) in seen) == [f"b15-{i:03d}" for i in range(55, 67)]
