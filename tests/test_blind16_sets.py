"""HELD OUT: the sixteenth blind set loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind16.yaml was written by helper blind16 as an outside tester, who never read coach's
grading or segmenting code nor the answers of any probe or paraphrase set, blind13 to blind15 included
(tests/data/README.md, "Sixteenth blind set"). It gives fresh answers, in other people's wording, to all 30 bundled
probes that no training file answers (the probes blind13, blind14 and blind15 answer), two a probe. These tests check
its shape only: counts, labels, real stories and probes, every pair answered by no training file, a cited source where
one is claimed (none on a web host blind13, blind14, blind15 or train18 cites), that each `hard:` tag, `plain:`,
`long:` and `thin:` mark says what it claims of the text, at least 40% weak answers of all sixteen kinds an interviewer
marks down, and the `style:` each entry claims (half the answers read as a live Whisper transcript). They do not run
the grader on it and hold no floor: each helper runs it at most twice, summary only
(`bench/blind.py --set blind16 --summary`), and the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    WEAK_ONLY_BLIND9,
    answers_the_untrained_probes,
    blind_bench,
    cites_fresh_hosts,
    listed_as_probe_answers_only,
    long_and_thin_hold,
    never_a_training_source,
    probe_pairs,
    weak_weighted_probe_set,
)

blind = blind_bench()
EARLIER = ("blind13", "blind14", "blind15")


def test_the_blind16_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe is one of blind13's, blind14's or blind15's, so all 30 are reused in blind_shapes' sense.
    rows, weak = weak_weighted_probe_set(blind, "blind16", reused=30)
    assert len(rows) == 60 and len(probe_pairs(rows)) == 30 and len({a["story"] for a in rows}) == 30
    assert all(n == 2 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    assert Counter(a["label"] for a in rows) == Counter(strong=20, adequate=16, weak=24)
    assert Counter(a["style"] for a in rows) == Counter(spoken=30, clean=30)
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(a["source"] != "none" for a in rows) >= 54
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 1
    long_and_thin_hold(rows)


def test_blind16_answers_every_probe_held_out_by_blind13_to_blind15_and_none_a_training_file_answers():
    answers_the_untrained_probes(blind, "blind16", EARLIER)


def test_blind16_cites_no_web_host_that_blind13_to_blind15_or_train18_cites():
    cites_fresh_hosts(blind, "blind16", EARLIER, at_least=54)


def test_bench_blind_lists_blind16_before_blind17_as_probe_answers_only_and_held_out():
    listed_as_probe_answers_only(blind, "blind16")
    names = list(blind.SETS)
    assert names.index("blind17") == names.index("blind16") + 1
    assert "blind16" not in blind.SEEN, "its author saw no earlier answer to its probes"


def test_blind16_is_never_a_training_source():
    never_a_training_source("blind16")
