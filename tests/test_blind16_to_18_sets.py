"""The sixteenth to eighteenth (blind18 held out; blind16 and blind17 spent and trained on since session 21) blind sets
load, are well formed, and bench/blind.py finds them.

tests/data/probe_answers_blind16.yaml, _blind17.yaml and _blind18.yaml were written by helpers blind16, blind17 and
blind18 as outside testers, each of whom never read coach's grading or segmenting code nor the answers of any probe or
paraphrase set, the earlier of these sets included (tests/data/README.md, "Sixteenth", "Seventeenth" and "Eighteenth
blind set"). Each gives fresh answers, in other people's wording, to all 30 bundled probes that no training file
answers (the probes blind13, blind14 and blind15 answer), two a probe; blind18 pairs its labels differently from
blind17 (more probes with a strong and a weak answer, two with two strong, four with two adequate). These tests check
their shape only: counts, labels, real stories and probes, every pair answered by no training file, a cited source
where one is claimed (none on a web host an earlier set of them or train18 cites), that each `hard:` tag, `plain:`,
`long:` and `thin:` mark says what it claims of the text, at least 40% weak answers of all sixteen kinds an interviewer
marks down, and the `style:` each entry claims (half the answers read as a live Whisper transcript). They do not run
the grader on them and hold no floor: each helper runs each at most twice, summary only (`bench/blind.py --set NAME
--summary`), and the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.blind_shapes import (
    answers_the_untrained_probes,
    blind_answers,
    blind_bench,
    cites_fresh_hosts,
    held_out_or_spent,
    labels_by_probe,
    listed_in_order,
    sixty_answers_hold,
)

blind = blind_bench()
# name: (the held-out sets written before it, strong answers tagged no-keyword at least (None: not claimed), long_and_thin_hold's
# (longs, thins), the set the loader lists next or None where it is last)
SETS = {"blind16": (("blind13", "blind14", "blind15"), None, (8, 6), "blind17"),
        "blind17": (("blind13", "blind14", "blind15", "blind16"), 8, (5, 10), "blind18"),
        "blind18": (("blind13", "blind14", "blind15", "blind16", "blind17"), 8, (5, 10), "blind19")}


@pytest.mark.parametrize("name", SETS)
def test_the_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim(name):
    _, no_keyword, (longs, thins), _ = SETS[name]
    # Every probe is one of the earlier held-out sets', so all 30 are reused in blind_shapes' sense.
    sixty_answers_hold(blind, name, no_keyword, longs, thins)


def test_blind18_pairs_labels_per_probe_as_its_header_says():
    # 16 probes a strong and a weak answer, 2 two strong, 8 an adequate and a weak, 4 two adequate.
    pairings = Counter(tuple(labels) for labels in labels_by_probe(blind_answers(blind, "blind18")).values())
    assert pairings == Counter({("strong", "weak"): 16, ("strong", "strong"): 2, ("adequate", "weak"): 8,
                                ("adequate", "adequate"): 4})


@pytest.mark.parametrize("name", SETS)
def test_it_answers_every_probe_held_out_by_the_earlier_sets_and_none_a_training_file_answers(name):
    answers_the_untrained_probes(blind, name, SETS[name][0])


@pytest.mark.parametrize("name", SETS)
def test_it_cites_no_web_host_that_an_earlier_set_or_train18_cites(name):
    cites_fresh_hosts(blind, name, SETS[name][0], at_least=54)


@pytest.mark.parametrize("name", SETS)
def test_bench_blind_lists_it_in_order_as_probe_answers_only(name):
    listed_in_order(blind, name, SETS[name][3])


@pytest.mark.parametrize("name", SETS)
def test_it_is_held_out_or_spent_and_trained_on(name):
    held_out_or_spent(name)
