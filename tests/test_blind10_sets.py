"""The tenth blind sets (session 13) load, are well formed, and bench/blind.py finds them.

Their paraphrases are HELD OUT; their probe answers are a development set since session 14.

tests/data/probe_answers_blind10.yaml and tests/data/paraphrases_blind10.yaml were written by helper blind10, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Tenth blind sets").
These tests check their shape only: counts, labels, real stories and probes (every probe was used by an earlier
blind set, so the set takes the least used, none of a story blind9 graded), a cited source where one is claimed,
that each `hard:` tag and `plain:` mark says what it claims of the text, at least 40% weak answers of the many
kinds an interviewer marks down, and the `style:` each entry claims (half the answers and a third of the
paraphrases read as a live Whisper transcript). They do not run the grader or the matcher on them and hold no
floor: each helper runs them at most twice, summary only (`bench/blind.py --set blind10 --summary`), and the
figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from tests.blind_shapes import blind_bench, set_rows, spoken_paraphrase_set, weak_weighted_probe_set

blind = blind_bench()


def test_the_blind10_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    rows, weak = weak_weighted_probe_set(blind, "blind10", reused=15)
    assert not {a["story"] for a in rows} & {a["story"] for a in set_rows(blind.SETS["blind9"][1], "answers")}
    assert len(weak) >= 10 and weak["padded"] >= 1 and weak["easy-way"] >= 1 and weak["undone"] >= 1, weak
    assert weak["off-topic"] >= 1 and weak["blame"] + weak["minimise"] >= 2, weak


def test_the_blind10_paraphrases_name_real_ideas_on_both_sides_a_third_spoken():
    rows = spoken_paraphrase_set(blind, "blind10")
    assert any(c["story"] == "webhook-dlq" and "section" in c for c in rows)
