"""HELD OUT: the eighteenth blind set loads, is well formed, and bench/blind.py finds it.

tests/data/probe_answers_blind18.yaml was written by helper blind18 as an outside tester, who never read coach's
grading or segmenting code nor the answers of any probe or paraphrase set, blind13 to blind17 included
(tests/data/README.md, "Eighteenth blind set"). It gives fresh answers, in other people's wording, to all 30 bundled
probes that no training file answers (the probes blind13 to blind17 answer), two a probe, paired differently from
blind17 (more probes with a strong and a weak answer, two with two strong, four with two adequate). These tests check
its shape only: counts, labels, the pairing, real stories and probes, every pair answered by no training file, a cited
source where one is claimed (none on a web host blind13, blind14, blind15, blind16, blind17 or train18 cites), that
each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, at least 40% weak answers of all
sixteen kinds an interviewer marks down, and the `style:` each entry claims (half the answers read as a live Whisper
transcript). They do not run the grader on it and hold no floor: each helper runs it at most twice, summary only
(`bench/blind.py --set blind18 --summary`), and the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from collections import Counter

from tests.blind_shapes import (
    WEAK_ONLY_BLIND9,
    answers_the_untrained_probes,
    blind_answers,
    blind_bench,
    cites_fresh_hosts,
    listed_as_probe_answers_only,
    long_and_thin_hold,
    never_a_training_source,
    probe_pairs,
    weak_weighted_probe_set,
)

blind = blind_bench()
EARLIER = ("blind13", "blind14", "blind15", "blind16", "blind17")


def test_the_blind18_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    # Every probe is one of blind13's to blind17's, so all 30 are reused in blind_shapes' sense.
    rows, weak = weak_weighted_probe_set(blind, "blind18", reused=30)
    assert len(rows) == 60 and len(probe_pairs(rows)) == 30 and len({a["story"] for a in rows}) == 30
    assert all(n == 2 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    assert Counter(a["label"] for a in rows) == Counter(strong=20, adequate=16, weak=24)
    assert Counter(a["style"] for a in rows) == Counter(spoken=30, clean=30)
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(a["source"] != "none" for a in rows) >= 54
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 1
    # Many strong answers say what the strong answer does in none of the probe's listen-for words.
    assert sum(a.get("hard") == "no-keyword" for a in rows) >= 8
    long_and_thin_hold(rows, longs=5, thins=10)


def test_blind18_pairs_labels_per_probe_as_its_header_says():
    # 16 probes a strong and a weak answer, 2 two strong, 8 an adequate and a weak, 4 two adequate.
    by_probe: dict[tuple[str, int], list[str]] = {}
    for a in blind_answers(blind, "blind18"):
        by_probe.setdefault((a["story"], a["probe"]), []).append(a["label"])
    pairings = Counter(tuple(sorted(labels)) for labels in by_probe.values())
    assert pairings == Counter({("strong", "weak"): 16, ("strong", "strong"): 2, ("adequate", "weak"): 8,
                                ("adequate", "adequate"): 4})


def test_blind18_answers_every_probe_held_out_by_blind13_to_blind17_and_none_a_training_file_answers():
    answers_the_untrained_probes(blind, "blind18", EARLIER)


def test_blind18_cites_no_web_host_that_blind13_to_blind17_or_train18_cites():
    cites_fresh_hosts(blind, "blind18", EARLIER, at_least=54)


def test_bench_blind_lists_blind18_last_as_probe_answers_only_and_held_out():
    listed_as_probe_answers_only(blind, "blind18")
    assert list(blind.SETS)[-1] == "blind18"
    assert "blind18" not in blind.SEEN, "its author saw no earlier answer to its probes"


def test_blind18_is_never_a_training_source():
    never_a_training_source("blind18")
