"""The twenty-seventh blind set (held out) loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind27.yaml was written by helper blind27 as an outside tester who never read coach's grading
or segmenting code nor the answers of any probe or paraphrase set (tests/data/README.md, "Twenty-seventh blind set"). It
gives new answers, in other people's wording, to the 30 bundled probes with a strong answer that none of blind20,
blind24, blind25 and blind26 answers (one probe of each of 30 stories), two a probe (one spoken, one clean), paired as
its header lists. These tests check its shape only: counts, labels, the pairing per probe, real stories and probes,
which earlier files answer those probes, a cited source where one is claimed (none on a web host any other
probe-answer or paraphrase file cites), that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims
of the text, a third weak answers of all sixteen kinds an interviewer marks down, and the `style:` each entry claims.
They do not run the grader on it and hold no floor: the lead runs it at most twice, summary only (`bench/blind.py --set
blind27 --summary`). Its label mix (22 strong, 18 adequate, 20 weak) is not blind_shapes.paired_answers_hold's 40% weak
weighting, so the same checks are spelled out here with blind_shapes' smaller helpers.
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    FILLERS,
    HARD,
    STRONG_OR_ADEQUATE,
    WEAK_ONLY_BLIND9,
    blind_answers,
    blind_bench,
    cites_no_host_another_file_cites,
    each_probe_spoken_and_clean,
    earlier,
    hard_tags_hold,
    held_out_or_spent,
    listed_in_order,
    long_and_thin_hold,
    new_probe_set,
    pairing_holds,
    probe_answers_hold,
    probe_pairs,
    styles_hold,
    trained_pairs,
)

blind = blind_bench()
NAME = "blind27"
# The latest held-out sets over the bundled stories' probes; blind27 answers none of their probes.
NEIGHBOURS = ("blind20", "blind24", "blind25", "blind26")
# The 30 probes the lead chose: every bundled probe with a strong answer that none of NEIGHBOURS answers.
PROBES = {("arl-1-incomplete-information", 2), ("arl-2-changed-your-mind", 1), ("bfa-1-calculated-risk", 2),
          ("bfa-3-speed-vs-thoroughness", 3), ("co-1-customer-over-deadline", 3), ("co-2-unhappy-customer", 3),
          ("dd-1-root-cause", 2), ("dd-3-details-changed-decision", 1), ("dr-1-tight-deadline", 1),
          ("dr-2-setback", 2), ("ebe-1-better-place-to-work", 3), ("ebe-3-supported-colleague", 2),
          ("et-2-critical-feedback", 3), ("et-3-bad-news", 2), ("fru-2-cut-costs", 1), ("fru-3-build-vs-buy", 2),
          ("hb-1-disagreed-with-manager", 2), ("hb-2-committed-despite-disagreement", 2),
          ("hdb-1-mentored-teammate", 2), ("hdb-3-struggling-teammate", 1), ("ias-1-simplified-process", 2),
          ("ias-3-simplified-design", 1), ("ihs-1-refused-to-ship", 3), ("ihs-2-raised-team-bar", 2),
          ("lbc-2-learned-outside-job", 2), ("own-1-outside-your-role", 1), ("own-3-mistake-you-owned", 3),
          ("ssb-2-protected-data", 2), ("ssb-3-reduced-waste", 3), ("tb-3-one-off-to-platform", 2)}
# The pairing of labels per probe, as the file's header lists it.
PAIRING = {("strong", "weak"): {("arl-1-incomplete-information", 2), ("bfa-1-calculated-risk", 2),
                                ("co-1-customer-over-deadline", 3), ("dd-1-root-cause", 2),
                                ("dr-1-tight-deadline", 1), ("fru-2-cut-costs", 1),
                                ("hb-1-disagreed-with-manager", 2), ("hdb-3-struggling-teammate", 1),
                                ("ias-3-simplified-design", 1), ("own-1-outside-your-role", 1),
                                ("own-3-mistake-you-owned", 3), ("ssb-3-reduced-waste", 3)},
           ("adequate", "weak"): {("arl-2-changed-your-mind", 1), ("bfa-3-speed-vs-thoroughness", 3),
                                  ("dr-2-setback", 2), ("et-2-critical-feedback", 3),
                                  ("hb-2-committed-despite-disagreement", 2), ("ihs-2-raised-team-bar", 2),
                                  ("lbc-2-learned-outside-job", 2), ("tb-3-one-off-to-platform", 2)},
           ("adequate", "strong"): {("co-2-unhappy-customer", 3), ("dd-3-details-changed-decision", 1),
                                    ("ebe-1-better-place-to-work", 3), ("fru-3-build-vs-buy", 2),
                                    ("ias-1-simplified-process", 2), ("ihs-1-refused-to-ship", 3)},
           ("adequate", "adequate"): {("ebe-3-supported-colleague", 2), ("hdb-1-mentored-teammate", 2)},
           ("strong", "strong"): {("et-3-bad-news", 2), ("ssb-2-protected-data", 2)}}


def _rows() -> list[dict]:
    return blind_answers(blind, NAME)


def test_it_has_60_answers_in_rough_thirds_over_30_probes_of_30_stories():
    # Every probe was answered by some blind set before it (blind19 answers all 30), so all 30 are reused.
    rows = new_probe_set(blind.SETS, NAME, blind.LABELS, earlier(blind.SETS, NAME), reused=30)
    assert len(rows) == 60 and len(probe_pairs(rows)) == 30 and len({a["story"] for a in rows}) == 30
    assert all(n == 2 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    assert Counter(a["label"] for a in rows) == Counter(strong=22, adequate=18, weak=20)


def test_each_answer_names_a_real_probe_a_kind_its_label_allows_and_a_source():
    from coach.stories import load_library

    rows = _rows()
    sourced = probe_answers_hold(rows, load_library(), STRONG_OR_ADEQUATE | WEAK_ONLY_BLIND9, STRONG_OR_ADEQUATE,
                                 WEAK_ONLY_BLIND9)
    assert sourced == 59  # all but the too-short answer
    assert [a["id"] for a in rows if a["source"] == "none"] == [a["id"] for a in rows if a["kind"] == "too-short"]


def test_weak_answers_are_a_third_and_of_all_sixteen_kinds():
    weak = Counter(a["kind"] for a in _rows() if a["label"] == "weak")
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(weak.values()) == 20 and weak["other-actor"] == 3 and weak["reviewed"] == 2 and weak["planned"] == 2


def test_hard_tags_and_plain_long_and_thin_marks_say_what_they_claim():
    from coach.stories import load_library

    rows = _rows()
    hard_tags_hold(rows, load_library(), HARD)
    assert Counter(a.get("hard") for a in rows if a.get("hard")) == Counter({"no-keyword": 9, "all-keywords": 6,
                                                                               "point-in-middle": 5})
    plain = [a for a in rows if a.get("plain")]
    assert len(plain) == 8
    for a in plain:
        assert a["label"] == "strong" and a["style"] == "spoken", a["id"]
        assert any(f in " ".join(a["text"].lower().split()) for f in FILLERS), a["id"]
    long_and_thin_hold(rows, longs=1, thins=18)
    assert all(a.get("thin") for a in rows if a["label"] == "adequate")


def test_styles_word_counts_and_one_spoken_and_one_clean_answer_a_probe():
    rows = _rows()
    styles_hold(rows, 1 / 2)
    assert Counter(a["style"] for a in rows) == Counter(spoken=30, clean=30)
    each_probe_spoken_and_clean(rows)
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 1


def test_ids_run_in_order():
    assert [a["id"] for a in _rows()] == [f"b27-{n:03d}" for n in range(1, 61)]


def test_it_pairs_labels_per_probe_as_its_header_says():
    pairing_holds(_rows(), PAIRING)


def test_it_answers_exactly_the_30_probes_none_of_blind20_to_blind26_answers():
    pairs = probe_pairs(_rows())
    assert pairs == PROBES
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in NEIGHBOURS))
    assert pairs <= trained_pairs()  # unlike blind26's probes, the tuned and training files answer all 30


def test_it_cites_no_web_host_that_another_probe_answer_or_paraphrase_file_cites():
    # generic27 is written at the same time by another helper; the lead settles any host the two share at the merge
    cites_no_host_another_file_cites(blind, NAME, at_least=59, beside=("generic27",))
    assert set(earlier(blind.SETS, NAME)) >= {*NEIGHBOURS, "blind19", "generic21", "generic22", "generic23",
                                               "generic24", "generic25", "generic26"}


def test_bench_blind_lists_it_last_as_probe_answers_only():
    listed_in_order(blind, NAME, None)


def test_it_is_held_out_or_spent():
    held_out_or_spent(NAME)
