"""The nineteenth blind set (held out) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind19.yaml was written by helper blind19 as an outside tester who never read coach's grading
or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Nineteenth blind set").
Unlike blind13 to blind18, which answer the 30 bundled probes no training file answers, it gives new answers, in other
people's wording, to 30 probes that probe_answers_train18.yaml DOES answer and none of blind13 to blind18 answers, one
probe from each of 30 stories, two a probe: what a user of the bundled stories gives the probe model. These tests check
its shape only: counts, labels, the pairing per probe its header lists, real stories and probes, which earlier files
answer those probes, a cited source where one is claimed (none on a web host blind13 to blind18 or train18 cites), that
each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, 40% weak answers of all sixteen
kinds an interviewer marks down, and the `style:` each entry claims (half the answers read as a live Whisper
transcript). They do not run the grader on it and hold no floor: each helper runs it at most twice, summary only
(`bench/blind.py --set blind19 --summary`), and the figure is written down in tests/data/README.md.
"""

from __future__ import annotations

from tests.blind_shapes import (
    DATA,
    blind_answers,
    blind_bench,
    cites_fresh_hosts,
    held_out_or_spent,
    listed_in_order,
    pairing_holds,
    probe_pairs,
    set_rows,
    sixty_answers_hold,
)

blind = blind_bench()
NAME = "blind19"
# The held-out sets that answer the 30 probes no training file answers; blind19 answers none of their probes.
UNTRAINED = ("blind13", "blind14", "blind15", "blind16", "blind17", "blind18")
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {("arl-1-incomplete-information", 2), ("bfa-1-calculated-risk", 2),
                                ("co-1-customer-over-deadline", 3), ("dd-1-root-cause", 2), ("dr-2-setback", 2),
                                ("ebe-3-supported-colleague", 2), ("et-3-bad-news", 2), ("fru-2-cut-costs", 1),
                                ("hb-2-committed-despite-disagreement", 2), ("hdb-3-struggling-teammate", 1),
                                ("ihs-1-refused-to-ship", 3), ("own-1-outside-your-role", 1),
                                ("own-3-mistake-you-owned", 3), ("tb-3-one-off-to-platform", 2)},
           ("strong", "strong"): {("dd-3-details-changed-decision", 1), ("lbc-2-learned-outside-job", 2)},
           ("adequate", "weak"): {("arl-2-changed-your-mind", 1), ("bfa-3-speed-vs-thoroughness", 3),
                                  ("co-2-unhappy-customer", 3), ("dr-1-tight-deadline", 1),
                                  ("ebe-1-better-place-to-work", 3), ("et-2-critical-feedback", 3),
                                  ("fru-3-build-vs-buy", 2), ("hdb-1-mentored-teammate", 2),
                                  ("ias-3-simplified-design", 1), ("ssb-3-reduced-waste", 3)},
           ("adequate", "adequate"): {("ias-1-simplified-process", 2), ("ssb-2-protected-data", 2)},
           ("adequate", "strong"): {("hb-1-disagreed-with-manager", 2), ("ihs-2-raised-team-bar", 2)}}


def test_the_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe was answered by some blind set before blind13, so all 30 are reused in blind_shapes' sense.
    sixty_answers_hold(blind, NAME, no_keyword=8, longs=6, thins=10)


def test_it_pairs_labels_per_probe_as_its_header_says():
    pairing_holds(blind_answers(blind, NAME), PAIRING)


def test_it_answers_probes_train18_answers_and_no_earlier_held_out_set_does():
    pairs = probe_pairs(blind_answers(blind, NAME))
    assert pairs <= probe_pairs(set_rows(DATA / "probe_answers_train18.yaml", "answers"))
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in UNTRAINED))
    assert all(not story.startswith("generic") for story, _ in pairs)


def test_it_cites_no_web_host_that_blind13_to_blind18_or_train18_cites():
    cites_fresh_hosts(blind, NAME, UNTRAINED, at_least=54)


def test_bench_blind_lists_it_just_before_generic21_as_probe_answers_only():
    listed_in_order(blind, NAME, "generic21")


def test_it_is_held_out_or_spent():
    held_out_or_spent(NAME)
