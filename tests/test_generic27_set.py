"""The seventh generic-probe set (held out) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_generic27.yaml was written by helper generic27 as an outside tester who never read coach's
grading or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Seventh generic-probe
set (generic27)"). It answers each of the 32 probes of the 16 principle files of stories/generic/ twice (one spoken,
one clean), story "generic:<principle>", paired as its header lists and never with the pair generic26 gave a probe.
These tests check its shape only: counts, labels, ids in order, the pairing per probe, that each `hard:` tag says what
it claims of the text, all sixteen weak kinds, a cited source on its own web host that no other probe-answer or
paraphrase file cites, that bench/blind.py lists it just before blind27, and that it is held out.
tests/test_generic_sets.py checks it as it checks generic21-26. They do not run the grader on it and hold no floor:
the lead runs it at most twice, summary only (`bench/blind.py --set generic27 --summary`).
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    WEAK_ONLY_BLIND9,
    blind_answers,
    blind_bench,
    cites_no_host_another_file_cites,
    each_probe_spoken_and_clean,
    held_out_or_spent,
    labels_by_probe,
    listed_in_order,
    pairing_holds,
    styles_hold,
)

blind = blind_bench()
NAME = "generic27"
AR, BE, BFA = "generic:Are Right, A Lot", "generic:Strive to be Earth's Best Employer", "generic:Bias for Action"
BR, CO = "generic:Success and Scale Bring Broad Responsibility", "generic:Customer Obsession"
DR, DD, ET, FR = "generic:Deliver Results", "generic:Dive Deep", "generic:Earn Trust", "generic:Frugality"
HB, HD = "generic:Have Backbone; Disagree and Commit", "generic:Hire and Develop the Best"
IHS, IS = "generic:Insist on the Highest Standards", "generic:Invent and Simplify"
LBC, OWN, TB = "generic:Learn and Be Curious", "generic:Ownership", "generic:Think Big"
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {(AR, 2), (BE, 1), (BFA, 1), (CO, 2), (DR, 2), (DD, 1), (FR, 2), (HB, 1), (HD, 2),
                                (IS, 1)},
           ("adequate", "weak"): {(AR, 1), (BE, 2), (BFA, 2), (BR, 2), (CO, 1), (DR, 1), (ET, 2), (IHS, 1), (LBC, 1),
                                  (TB, 1)},
           ("adequate", "strong"): {(BR, 1), (DD, 2), (ET, 1), (FR, 1), (HB, 2), (IHS, 2), (LBC, 2), (OWN, 1)},
           ("adequate", "adequate"): {(HD, 1), (IS, 2)},
           ("weak", "weak"): {(OWN, 2)},
           ("strong", "strong"): {(TB, 2)}}


def _rows() -> list[dict]:
    return blind_answers(blind, NAME)


def test_counts_labels_and_ids_in_order():
    rows = _rows()
    assert [a["id"] for a in rows] == [f"g27-{n:03d}" for n in range(1, 65)]
    assert Counter(a["label"] for a in rows) == Counter(strong=20, adequate=22, weak=22)


def test_it_pairs_labels_per_probe_as_its_header_says_and_never_as_generic26_did():
    rows = _rows()
    pairing_holds(rows, PAIRING)
    theirs = labels_by_probe(blind_answers(blind, "generic26"))
    assert not [probe for probe, labels in labels_by_probe(rows).items() if theirs[probe] == labels]


def test_half_spoken_one_spoken_and_one_clean_answer_a_probe():
    rows = _rows()
    styles_hold(rows, 1 / 2)
    each_probe_spoken_and_clean(rows)
    assert Counter(a["style"] for a in rows) == Counter(spoken=32, clean=32)


def test_every_weak_kind_and_the_tags_it_claims():
    rows = _rows()
    weak = Counter(a["weak_kind"] for a in rows if a["label"] == "weak")
    assert set(weak) == WEAK_ONLY_BLIND9 and sum(weak.values()) == 22
    tags = Counter(a["hard"] for a in rows if a.get("hard"))
    assert tags == Counter({"no-keyword": 14, "right-words-wrong-claim": 14, "all-keywords": 5, "point-in-middle": 3})
    # tests/test_generic_sets.py checks that each tag says what it claims of the text


def test_lengths_and_the_two_short_answers_uncited():
    rows = _rows()
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    short = [a for a in rows if len(a["text"].split()) < 10]
    assert len(short) == 2 and all(a["source"] == "none" and a["weak_kind"] == "too-short" for a in short)
    assert [a["id"] for a in rows if a["source"] == "none"] == [a["id"] for a in short]


def test_it_cites_no_web_host_that_another_probe_answer_or_paraphrase_file_cites():
    cites_no_host_another_file_cites(blind, NAME, at_least=62)


def test_bench_blind_lists_it_just_before_blind27_as_probe_answers_only():
    listed_in_order(blind, NAME, "blind27")  # blind27, written at the same time, follows it since the lead's merge


def test_it_is_held_out():
    held_out_or_spent(NAME)
