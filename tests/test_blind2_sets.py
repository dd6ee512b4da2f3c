"""HELD OUT: the second blind sets (session 5) load, are well formed, and their benches find them.

tests/data/probe_answers_blind2.yaml (and, as they land, tests/data/paraphrases_blind2.yaml and
bench/others-heldout2/) were written from other people's published wording by a helper that never read
coach's grading code or the first blind sets (tests/data/README.md). These tests check their shape only:
counts, labels, real stories and probes, a cited source where one is claimed. They do not run the grader
or the matcher on them and hold no floor: the sets are measured once, with `bench/blind.py --set blind2
--summary` and `bench/eval.py others-heldout2`, and the figure is written down (docs/analysis.md,
the session notes) beside the tuned ones.
"""

from __future__ import annotations

import sys
from collections import Counter

import yaml

from coach.stories import load_library
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402

PROBE_KINDS = {"paraphrase", "terse", "rambling", "runon", "partial", "vague", "minimise", "defensive", "handoff",
               "we", "other-actor", "planned", "denied", "hypothetical", "too-short"}


def _cited(entry: dict) -> bool:
    """A source is either `none` (written for the set) or a web address with what was taken from it."""
    source = entry["source"]
    if source == "none":
        return False
    assert isinstance(source, str) and source.startswith(("http://", "https://")), entry["id"]
    assert str(entry.get("based_on", "")).strip(), f"{entry['id']}: a source without what was taken from it"
    return True


def test_the_blind2_probe_answers_are_labelled_over_many_probes():
    paraphrases, answers = blind.SETS["blind2"]
    assert answers.name == "probe_answers_blind2.yaml" and answers.exists()
    assert paraphrases.name == "paraphrases_blind2.yaml"
    lib = load_library()
    rows = yaml.safe_load(answers.read_text())["answers"]
    assert len(rows) >= 40
    assert len({a["id"] for a in rows}) == len(rows)
    labels = Counter(a["label"] for a in rows)
    assert set(labels) == set(blind.LABELS) and min(labels.values()) >= 10, labels
    assert len({a["story"] for a in rows}) >= 5
    assert len({(a["story"], a["probe"]) for a in rows}) >= 12
    sourced = 0
    for a in rows:
        probes = lib.get(a["story"]).probes
        assert 1 <= a["probe"] <= len(probes), a["id"]
        assert a["kind"] in PROBE_KINDS, a["id"]
        assert a["why"].strip() and len(a["text"].split()) >= 2, a["id"]
        sourced += _cited(a)
    assert sourced >= 20
    # Weak answers include the strong answer's words for another claim, not only vague ones.
    assert Counter(a["kind"] for a in rows if a["label"] == "weak")["other-actor"] >= 5


PARAPHRASE_KINDS = {True: {"synonym", "stem", "number", "order", "partial", "paraphrase"},
                    False: {"actor", "negation", "number", "object", "antonym", "related"}}


def test_the_blind2_paraphrases_name_real_ideas_and_both_sides():
    paraphrases, _ = blind.SETS["blind2"]
    rows = yaml.safe_load(paraphrases.read_text())["cases"]
    assert len({c["id"] for c in rows}) == len(rows)
    assert Counter(c["match"] for c in rows) >= Counter({True: 40, False: 40})
    assert len({c["story"] for c in rows}) >= 5
    stories = {}
    sourced = 0
    for c in rows:
        # The idea as the story spells it (its raw file): a section's key phrase or a probe's listen-for.
        story = stories.setdefault(c["story"], yaml.safe_load((ROOT / "stories" / f"{c['story']}.yaml").read_text()))
        if "probe" in c:
            assert c["idea"] in story["probes"][c["probe"] - 1]["listen_for"], c["id"]
        else:
            assert c["idea"] in story["sections"][c["section"]]["key_phrases"], c["id"]
        assert isinstance(c["match"], bool) and c["kind"] in PARAPHRASE_KINDS[c["match"]], c["id"]
        assert c["text"].strip(), c["id"]
        sourced += _cited(c)
    assert sourced >= 20
    near = Counter(c["kind"] for c in rows if not c["match"])
    assert near["actor"] >= 5 and near["negation"] >= 5 and near["antonym"] >= 5, near
