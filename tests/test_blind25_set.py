"""The twenty-fifth blind set (held out until session 26, now spent) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind25.yaml was written by helper blind25 as an outside tester who never read coach's grading
or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Twenty-fifth blind set"). It
gives new answers, in other people's wording, to the 28 bundled probes with a strong answer that none of blind18,
blind19, blind20 and blind24 answers (28 probes of 23 stories), two a probe (one spoken, one clean), paired as its
header lists. These tests check its shape only: counts, labels, the pairing per probe, real stories and probes, which
earlier files answer those probes, a cited source where one is claimed (none on a web host any other probe-answer or
paraphrase file cites), that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, 41%
weak answers of all sixteen kinds an interviewer marks down, and the `style:` each entry claims. They do not run the
grader on it and hold no floor: the lead runs it at most twice, summary only (`bench/blind.py --set blind25
--summary`). blind_shapes.paired_answers_hold checks its 56 answers as sixty_answers_hold checks blind16-24's 60.
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    blind_answers,
    blind_bench,
    cites_no_host_another_file_cites,
    each_probe_spoken_and_clean,
    earlier,
    held_out_or_spent,
    listed_in_order,
    paired_answers_hold,
    pairing_holds,
    probe_pairs,
    trained_pairs,
)

blind = blind_bench()
NAME = "blind25"
# The latest held-out sets over the bundled stories' probes; blind25 answers none of their probes.
NEIGHBOURS = ("blind18", "blind19", "blind20", "blind24")
# The 28 probes the lead chose: every bundled probe with a strong answer that none of NEIGHBOURS answers.
PROBES = {("arl-2-changed-your-mind", 2), ("bfa-2-unblocked-project", 1), ("bfa-3-speed-vs-thoroughness", 2),
          ("co-1-customer-over-deadline", 2), ("co-3-anticipated-need", 2), ("dr-1-tight-deadline", 2),
          ("dr-1-tight-deadline", 3), ("dd-1-root-cause", 3), ("et-2-critical-feedback", 2), ("fru-2-cut-costs", 3),
          ("hdb-1-mentored-teammate", 1), ("hdb-3-struggling-teammate", 2), ("ihs-2-raised-team-bar", 3),
          ("ias-1-simplified-process", 1), ("ias-3-simplified-design", 2), ("lbc-3-curiosity-found-problem", 2),
          ("webhook-dlq", 1), ("webhook-dlq", 2), ("webhook-dlq", 3), ("webhook-dlq", 4),
          ("own-1-outside-your-role", 2), ("own-2-long-term-over-short", 2), ("own-3-mistake-you-owned", 2),
          ("ebe-1-better-place-to-work", 2), ("ssb-3-reduced-waste", 1), ("ssb-3-reduced-waste", 2),
          ("tb-1-bold-idea", 1), ("tb-3-one-off-to-platform", 1)}
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {("arl-2-changed-your-mind", 2), ("bfa-3-speed-vs-thoroughness", 2),
                                ("co-1-customer-over-deadline", 2), ("dr-1-tight-deadline", 2), ("dd-1-root-cause", 3),
                                ("et-2-critical-feedback", 2), ("hdb-1-mentored-teammate", 1),
                                ("ihs-2-raised-team-bar", 3), ("ias-3-simplified-design", 2), ("webhook-dlq", 1),
                                ("webhook-dlq", 4), ("own-1-outside-your-role", 2), ("own-3-mistake-you-owned", 2),
                                ("ssb-3-reduced-waste", 2), ("tb-3-one-off-to-platform", 1)},
           ("adequate", "weak"): {("bfa-2-unblocked-project", 1), ("dr-1-tight-deadline", 3),
                                  ("hdb-3-struggling-teammate", 2), ("lbc-3-curiosity-found-problem", 2),
                                  ("webhook-dlq", 2), ("own-2-long-term-over-short", 2),
                                  ("ebe-1-better-place-to-work", 2), ("tb-1-bold-idea", 1)},
           ("adequate", "strong"): {("co-3-anticipated-need", 2), ("ssb-3-reduced-waste", 1)},
           ("strong", "strong"): {("ias-1-simplified-process", 1)},
           ("adequate", "adequate"): {("fru-2-cut-costs", 3), ("webhook-dlq", 3)}}


def _rows() -> list[dict]:
    return blind_answers(blind, NAME)


def test_the_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe was answered by some blind set before it, so all 28 are reused in blind_shapes' sense.
    paired_answers_hold(blind, NAME, 28, 23, Counter(strong=19, adequate=14, weak=23), 55, no_keyword=8,
                        longs=6, thins=13)


def test_ids_run_in_order():
    assert [a["id"] for a in _rows()] == [f"b25-{n:03d}" for n in range(1, 57)]


def test_it_pairs_labels_per_probe_as_its_header_says():
    pairing_holds(_rows(), PAIRING)


def test_each_probe_has_one_spoken_and_one_clean_answer():
    each_probe_spoken_and_clean(_rows())


def test_it_answers_exactly_the_28_probes_none_of_blind18_to_blind24_answers():
    pairs = probe_pairs(_rows())
    assert pairs == PROBES
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in NEIGHBOURS))
    assert pairs <= trained_pairs()  # every one is answered by some tuned or training file, as the header says


def test_it_cites_no_web_host_that_another_probe_answer_or_paraphrase_file_cites():
    cites_no_host_another_file_cites(blind, NAME, at_least=55)
    assert set(earlier(blind.SETS, NAME)) >= {*NEIGHBOURS, "generic21", "generic22", "generic23", "generic24"}


def test_bench_blind_lists_it_as_probe_answers_only_before_generic26():
    listed_in_order(blind, NAME, "generic26")


def test_it_is_held_out_or_spent():
    held_out_or_spent(NAME)
