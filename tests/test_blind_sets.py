"""The key-idea matcher and probe grading on the first blind sets (issue 12): held out until session 8,
development sets since (every blind set up to blind3 was tuned on: tests/data/README.md).

tests/data/paraphrases_blind.yaml and tests/data/probe_answers_blind.yaml were written and labelled
before their author read the matcher, the grader or the tuned sets (tests/data/README.md). Nobody
tunes on them: do not change code, lexicon or thresholds for a case in them. The floors below sit a
little under what was measured the one time they were run (bench/blind.py prints every error), so a
regression fails here; raise a floor only after a general change lifts the figure.

Measured when the sets landed (the matcher and grader of main at 9e2bb69):
  paraphrases  precision 0.603 (41 of 68 matches right), recall 0.488 (41 of 84)
  probe answers accuracy 0.859 (79 of 92); strong graded weak 3, weak graded strong 2
After the general changes of branch meaning2 (WordNet links, counterfactuals and intentions as denials,
actors in passives and run-ons; tuned on tests/data/*_dev2.yaml only), with `bench/blind.py --summary`:
  paraphrases  precision 0.645 (40 of 62), recall 0.476 (40 of 84)
  probe answers accuracy 0.859 (79 of 92); strong graded weak 2, weak graded strong 2
After probe grading weighed who did the deeds (branch probe4-deeds, fixed on the dev and stress sets only in
session 5: deeds in the present, verbs the lexicon rewrites, clauses that open with a verb), run once:
  paraphrases  precision 0.645, recall 0.476 (unchanged)
  probe answers accuracy 0.913 (84 of 92); strong graded weak 2, weak graded strong 0
After the matcher's session-5 changes (engineers' synonyms and phrasal verbs, comparatives' opposites, an
opposite not outweighed by a merely near word; tuned on tests/data/paraphrases_dev2.yaml only), run once:
  paraphrases  precision 0.662, recall 0.512
After session 6's probe rules (given-away deeds, phrasal hand-offs, what the strong answer turns down, ideas
holding both opposites; tuned on tests/data/probe_answers_dev5.yaml only), run once at 471b137:
  probe answers accuracy 0.902 (83 of 92); strong graded weak 2, weak graded strong 0
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import lru_cache

import yaml

from coach.stories import load_library
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import blind  # noqa: E402

# Floors, a little under the figures measured once (above); they are not the issue's targets.
PRECISION_FLOOR = 0.65
RECALL_FLOOR = 0.50
ACCURACY_FLOOR = 0.9
MAX_STRONG_AS_WEAK = 0
MAX_WEAK_AS_STRONG = 0


@lru_cache(maxsize=1)
def matched() -> tuple[blind.Matched, ...]:
    return tuple(blind.match_all())


@lru_cache(maxsize=1)
def graded() -> tuple[blind.Graded, ...]:
    return tuple(blind.grade_all())


def test_the_paraphrase_set_is_large_and_names_real_ideas():
    lib = load_library()
    cases = yaml.safe_load(blind.PARAPHRASES.read_text())["cases"]
    assert len({c["id"] for c in cases}) == len(cases)
    assert Counter(c["match"] for c in cases) >= Counter({True: 50, False: 50})
    assert len({c["story"] for c in cases}) >= 10
    for c in cases:
        story = lib.get(c["story"])
        if "probe" in c:
            assert c["idea"] in story.probes[c["probe"] - 1].listen_for, c["id"]
        else:
            assert c["idea"] in story.section(c["section"]).key_phrases, c["id"]


def test_the_probe_answer_set_has_every_label_across_stories_and_probes():
    lib = load_library()
    answers = yaml.safe_load(blind.ANSWERS.read_text())["answers"]
    assert len(answers) >= 45 and len({a["id"] for a in answers}) == len(answers)
    assert len({a["story"] for a in answers}) >= 10
    assert len({(a["story"], a["probe"]) for a in answers}) >= 15
    assert {a["label"] for a in answers} == set(blind.LABELS)
    assert all(a["why"].strip() for a in answers)
    for a in answers:
        assert 1 <= a["probe"] <= len(lib.get(a["story"]).probes), a["id"]


def test_paraphrase_precision_and_recall_hold():
    rows = list(matched())
    precision, recall = blind.precision_recall(rows)
    print(f"blind paraphrases: precision {precision:.3f}, recall {recall:.3f} ({len(rows)} cases)")
    wrong = [(m.id, m.want) for m in rows if m.want != m.got]
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, (
        f"precision {precision:.3f} (floor {PRECISION_FLOOR}), recall {recall:.3f} (floor {RECALL_FLOOR}); "
        f"errors (id, should match): {wrong}; bench/blind.py prints their text")


def test_probe_grading_accuracy_holds():
    rows = list(graded())
    table = blind.confusion(rows)
    accuracy = blind.accuracy(rows)
    print(f"blind probe answers: accuracy {accuracy:.3f}; confusion {dict(table)}")
    wrong = [(g.id, g.want, g.got) for g in rows if g.want != g.got]
    assert accuracy >= ACCURACY_FLOOR, (accuracy, wrong)
    assert table[("strong", "weak")] <= MAX_STRONG_AS_WEAK, wrong
    assert table[("weak", "strong")] <= MAX_WEAK_AS_STRONG, wrong


def test_issue_12_probe_target_on_the_blind_set():
    """Accuracy at least 0.85, no strong answer graded weak, no weak one graded strong: met since session 15 (0.924,
    no swaps; a red flag said only in its own order no longer grades a strong answer weak). This set has been a
    development set since session 8, so this is no held-out figure: the held-out one is blind13's (docs/analysis.md)."""
    rows = list(graded())
    table = blind.confusion(rows)
    assert blind.accuracy(rows) >= 0.85
    assert not table[("strong", "weak")] and not table[("weak", "strong")]
