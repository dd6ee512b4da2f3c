"""The twelfth blind sets (session 15) load, are well formed, and bench/blind.py finds them.

Their paraphrases are HELD OUT; their probe answers are a development set since session 16.

tests/data/probe_answers_blind12.yaml and tests/data/paraphrases_blind12.yaml were written by helper blind12, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Twelfth blind sets").
These tests check their shape only: counts, labels, real stories and probes (every probe was used by an earlier
blind set, so the set takes the least used, none of a story blind10 or blind11 graded), a cited source where one is
claimed, that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims of the text, at least 40%
weak answers of the many kinds an interviewer marks down, and the `style:` each entry claims (half the answers and a
third of the paraphrases read as a live Whisper transcript). They do not run the grader or the matcher on them and
hold no floor: each helper runs them at most twice, summary only (`bench/blind.py --set blind12 --summary`), and
the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from tests.blind_shapes import blind_bench, long_and_thin_hold, set_rows, spoken_paraphrase_set, weak_weighted_probe_set

blind = blind_bench()


def test_the_blind12_probe_answers_are_weighted_to_weak_half_spoken_and_say_what_they_claim():
    rows, weak = weak_weighted_probe_set(blind, "blind12", reused=15)
    graded = {a["story"] for name in ("blind10", "blind11") for a in set_rows(blind.SETS[name][1], "answers")}
    assert not {a["story"] for a in rows} & graded
    assert len(weak) >= 12 and weak["padded"] >= 1 and weak["easy-way"] >= 1 and weak["undone"] >= 1, weak
    assert weak["off-topic"] >= 1 and weak["blame"] >= 1 and weak["minimise"] >= 1, weak
    long_and_thin_hold(rows)


def test_the_blind12_paraphrases_name_real_ideas_on_both_sides_a_third_spoken():
    rows = spoken_paraphrase_set(blind, "blind12")
    assert {c["section"] for c in rows if c["story"] == "webhook-dlq" and "section" in c} == {
        "situation", "task", "action", "result", "reflection"}
