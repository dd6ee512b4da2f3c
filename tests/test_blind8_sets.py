"""The eighth blind sets (session 12) load, are well formed, and bench/blind.py finds them.

Their paraphrases are HELD OUT; their probe answers are a development set since session 13.

tests/data/probe_answers_blind8.yaml and tests/data/paraphrases_blind8.yaml were written by helper blind8, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Eighth blind sets").
These tests check their shape only: counts, labels, real stories and probes, at most two probes an earlier blind
set uses (only 14 were left unused), a cited source where one is claimed, that each `hard:` tag and `plain:` mark
says what it claims of the text, the weak kinds an interviewer marks down, and the `style:` each entry claims (half
the answers and a third of the paraphrases read as a live Whisper transcript). They do not run the grader or the
matcher on them and hold no floor: each helper runs them at most twice, summary only
(`bench/blind.py --set blind8 --summary`), and the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

from collections import Counter

from coach.stories import load_library
from tests.blind_shapes import (
    WEAK_ONLY_BLIND7,
    blind_bench,
    earlier,
    new_probe_set,
    paraphrase_set_holds,
    set_rows,
    styles_hold,
    weak_claims_and_plain_marks_hold,
)

blind = blind_bench()
EARLIER = earlier(blind.SETS, "blind8")


def test_the_blind8_probe_answers_are_labelled_in_thirds_half_spoken_and_say_what_they_claim():
    rows = new_probe_set(blind.SETS, "blind8", blind.LABELS, EARLIER, reused=2)
    weak_claims_and_plain_marks_hold(rows, load_library(), WEAK_ONLY_BLIND7)
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    assert weak["undone"] >= 2 and weak["off-topic"] >= 1 and weak["blame"] + weak["minimise"] >= 2, weak
    assert weak["we"] + weak["handoff"] >= 2, weak
    styles_hold(rows, 1 / 2)


def test_the_blind8_paraphrases_name_real_ideas_on_both_sides_a_third_spoken():
    paraphrase_set_holds(blind.SETS, "blind8")
    rows = set_rows(blind.SETS["blind8"][0], "cases")
    assert sum(c["story"] == "webhook-dlq" for c in rows) >= 20
    styles_hold(rows, 1 / 3)
