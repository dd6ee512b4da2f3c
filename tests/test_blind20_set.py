"""The twentieth blind set (held out) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind20.yaml was written by helper blind20 as an outside tester who never read coach's grading
or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Twentieth blind set"). Like
blind19 it gives new answers, in other people's wording, to probes that probe_answers_train18.yaml DOES answer: 30 more
of them, which neither blind18 nor blind19 answers, one probe from each of 30 stories, two a probe, paired differently
from blind19. These tests check its shape only: counts, labels, the pairing per probe its header lists, real stories
and probes, which earlier files answer those probes, a cited source where one is claimed (none on a web host any
earlier probe-answer or paraphrase file cites), that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it
claims of the text, 40% weak answers of all sixteen kinds an interviewer marks down, and the `style:` each entry claims
(half the answers read as a live Whisper transcript). They do not run the grader on it and hold no floor: each helper
runs it at most twice, summary only (`bench/blind.py --set blind20 --summary`), and the figure is written down in
tests/data/README.md.
"""

from __future__ import annotations

from tests.blind_shapes import (
    DATA,
    blind_answers,
    blind_bench,
    cites_no_host_another_file_cites,
    earlier,
    held_out_or_spent,
    listed_in_order,
    pairing_holds,
    probe_pairs,
    set_rows,
    sixty_answers_hold,
)

blind = blind_bench()
NAME = "blind20"
# The held-out sets that answer probes train18 answers; blind20 answers none of their probes.
NEIGHBOURS = ("blind18", "blind19")
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {("arl-3-conflicting-data", 2), ("bfa-1-calculated-risk", 1),
                                ("co-3-anticipated-need", 1), ("dd-2-metric-didnt-add-up", 2), ("dr-2-setback", 1),
                                ("et-1-rebuilt-trust", 2), ("hb-3-unpopular-pushback", 2),
                                ("hdb-2-raised-hiring-bar", 2), ("ias-2-new-approach", 2),
                                ("lbc-3-curiosity-found-problem", 1), ("own-3-mistake-you-owned", 1),
                                ("ssb-1-broader-impact", 2), ("tb-2-ambitious-goal", 2)},
           ("strong", "strong"): {("fru-1-more-with-less", 1), ("tb-1-bold-idea", 3)},
           ("adequate", "weak"): {("arl-1-incomplete-information", 1), ("bfa-2-unblocked-project", 3),
                                  ("co-2-unhappy-customer", 2), ("dd-1-root-cause", 1), ("dr-3-measurable-goal", 2),
                                  ("ebe-3-supported-colleague", 1), ("et-3-bad-news", 1), ("fru-3-build-vs-buy", 1),
                                  ("hdb-3-struggling-teammate", 3), ("ihs-1-refused-to-ship", 2),
                                  ("own-2-long-term-over-short", 3)},
           ("adequate", "adequate"): {("ebe-2-everyone-has-a-voice", 1)},
           ("adequate", "strong"): {("hb-1-disagreed-with-manager", 1), ("ihs-3-own-work-not-good-enough", 2),
                                    ("lbc-1-learned-fast", 1)}}


def _rows() -> list[dict]:
    return blind_answers(blind, NAME)


def test_the_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe was answered by some blind set before blind13, so all 30 are reused in blind_shapes' sense.
    sixty_answers_hold(blind, NAME, no_keyword=12, longs=5, thins=13)


def test_ids_run_in_order():
    assert [a["id"] for a in _rows()] == [f"b20-{n:03d}" for n in range(1, 61)]


def test_it_pairs_labels_per_probe_as_its_header_says():
    pairing_holds(_rows(), PAIRING)


def test_it_answers_probes_train18_answers_and_neither_blind18_nor_blind19_does():
    pairs = probe_pairs(_rows())
    assert pairs <= probe_pairs(set_rows(DATA / "probe_answers_train18.yaml", "answers"))
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in NEIGHBOURS))
    assert all(not story.startswith("generic") for story, _ in pairs)


def test_it_cites_no_web_host_that_an_earlier_probe_answer_or_paraphrase_file_cites():
    cites_no_host_another_file_cites(blind, NAME, at_least=54)
    assert set(earlier(blind.SETS, NAME)) >= {"blind18", "blind19", "generic21", "generic22"}


def test_bench_blind_lists_it_last_as_probe_answers_only():
    listed_in_order(blind, NAME, "generic23")


def test_it_is_held_out_or_spent():
    held_out_or_spent(NAME)
