"""The seventh blind sets (session 11) load, are well formed, and bench/blind.py finds them.

Their paraphrases are HELD OUT; their probe answers are a development set since session 12.

tests/data/probe_answers_blind7.yaml and tests/data/paraphrases_blind7.yaml were written by helper blind7, who
never read coach's grading or segmenting code nor any tuned set (tests/data/README.md, "Seventh blind sets").
These tests check their shape only: counts, labels, real stories and probes, probes no earlier blind set uses,
a cited source where one is claimed, that each `hard:` tag and `plain:` mark says what it claims of the text, and
that the weak third holds every kind an interviewer marks down. They do not run the grader or the matcher on them
and hold no floor: each helper runs them at most twice, summary only (`bench/blind.py --set blind7 --summary`),
and the figure is written down in tests/data/README.md beside the others.
"""

from __future__ import annotations

import sys
from collections import Counter

import yaml

from coach.stories import load_library
from tests.blind_shapes import WEAK_ONLY_BLIND7, new_probe_set, paraphrase_set_holds, set_rows, weak_claims_and_plain_marks_hold
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402

EARLIER = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6")


def test_the_blind7_probe_answers_are_labelled_in_thirds_over_unused_probes_and_say_what_they_claim():
    rows = new_probe_set(blind.SETS, "blind7", blind.LABELS, EARLIER)
    weak_claims_and_plain_marks_hold(rows, load_library(), WEAK_ONLY_BLIND7)
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    # Beyond another claim in the strong answer's words: a claim taken back, another question, blame, no owner.
    assert weak["undone"] >= 2 and weak["off-topic"] >= 1 and weak["blame"] + weak["defensive"] >= 2, weak
    assert weak["we"] + weak["handoff"] >= 2, weak


def test_the_blind7_paraphrases_name_real_ideas_on_both_sides_and_every_webhook_key_phrase():
    paraphrase_set_holds(blind.SETS, "blind7")
    rows = set_rows(blind.SETS["blind7"][0], "cases")
    story = yaml.safe_load((ROOT / "stories" / "webhook-dlq.yaml").read_text())
    phrases = {(name, p) for name, section in story["sections"].items() for p in section["key_phrases"]}
    # Every key phrase of every webhook-dlq section, each said and each missed at least once.
    for want in (True, False):
        assert phrases <= {(c["section"], c["idea"]) for c in rows if "section" in c and c["match"] is want}
