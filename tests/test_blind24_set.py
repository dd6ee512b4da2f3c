"""The twenty-fourth blind set (held out until session 25, now spent) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind24.yaml was written by helper blind24 as an outside tester who never read coach's grading
or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Twenty-fourth blind set"). It
gives new answers, in other people's wording, to 30 probes that none of blind18, blind19 and blind20 answers, one probe
from each of 30 stories, two a probe (one spoken, one clean), paired as its header lists. These tests check its shape
only: counts, labels, the pairing per probe, real stories and probes, which earlier files answer those probes, a cited
source where one is claimed (none on a web host any earlier probe-answer or paraphrase file cites), that each `hard:`
tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, 40% weak answers of all sixteen kinds an
interviewer marks down, and the `style:` each entry claims. They do not run the grader on it and hold no floor: each
helper runs it at most twice, summary only (`bench/blind.py --set blind24 --summary`).
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
    pairing_holds,
    probe_pairs,
    sixty_answers_hold,
    trained_pairs,
)

blind = blind_bench()
NAME = "blind24"
# The latest held-out sets over the bundled stories' probes; blind24 answers none of their probes.
NEIGHBOURS = ("blind18", "blind19", "blind20")
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {("arl-3-conflicting-data", 1), ("co-1-customer-over-deadline", 1), ("dr-2-setback", 3),
                                ("ebe-2-everyone-has-a-voice", 3), ("et-1-rebuilt-trust", 1),
                                ("fru-1-more-with-less", 2), ("fru-2-cut-costs", 2),
                                ("hb-2-committed-despite-disagreement", 1), ("hdb-2-raised-hiring-bar", 1),
                                ("ias-1-simplified-process", 3), ("ihs-3-own-work-not-good-enough", 1),
                                ("own-1-outside-your-role", 3), ("ssb-2-protected-data", 1), ("tb-2-ambitious-goal", 1)},
           ("strong", "strong"): {("bfa-3-speed-vs-thoroughness", 1), ("lbc-1-learned-fast", 2)},
           ("adequate", "weak"): {("bfa-2-unblocked-project", 2), ("co-2-unhappy-customer", 1),
                                  ("dd-3-details-changed-decision", 3), ("et-2-critical-feedback", 1),
                                  ("hb-3-unpopular-pushback", 1), ("hdb-1-mentored-teammate", 3),
                                  ("ias-2-new-approach", 1), ("lbc-2-learned-outside-job", 1),
                                  ("own-2-long-term-over-short", 1), ("tb-1-bold-idea", 2)},
           ("adequate", "adequate"): {("dr-3-measurable-goal", 1), ("ihs-2-raised-team-bar", 1)},
           ("adequate", "strong"): {("dd-2-metric-didnt-add-up", 1), ("ssb-1-broader-impact", 1)}}


def _rows() -> list[dict]:
    return blind_answers(blind, NAME)


def test_the_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe was answered by some blind set before it, so all 30 are reused in blind_shapes' sense.
    sixty_answers_hold(blind, NAME, no_keyword=11, longs=6, thins=15)


def test_ids_run_in_order():
    assert [a["id"] for a in _rows()] == [f"b24-{n:03d}" for n in range(1, 61)]


def test_it_pairs_labels_per_probe_as_its_header_says():
    pairing_holds(_rows(), PAIRING)


def test_each_probe_has_one_spoken_and_one_clean_answer():
    each_probe_spoken_and_clean(_rows())


def test_it_answers_probes_none_of_blind18_to_blind20_answers_one_a_story():
    pairs = probe_pairs(_rows())
    assert len(pairs) == 30 and len({story for story, _ in pairs}) == 30
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in NEIGHBOURS))
    assert all(not story.startswith("generic") and story != "webhook-dlq" for story, _ in pairs)
    assert pairs <= trained_pairs()  # every one is answered by some tuned or training file, as the header says
    principles = Counter(story.split("-")[0] for story, _ in pairs)
    assert len(principles) == 16 and sorted(principles.values()) == [1, 1] + [2] * 14


def test_it_cites_no_web_host_that_an_earlier_probe_answer_or_paraphrase_file_cites():
    cites_no_host_another_file_cites(blind, NAME, at_least=54)
    assert set(earlier(blind.SETS, NAME)) >= {*NEIGHBOURS, "generic21", "generic22", "generic23"}


def test_bench_blind_lists_it_before_generic25_as_probe_answers_only():
    listed_in_order(blind, NAME, "generic25")  # generic25, the fifth generic-probe set, was written after it


def test_it_is_held_out_or_spent():
    held_out_or_spent(NAME)
