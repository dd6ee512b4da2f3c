"""The shape of tests/data/probe_answers_train16.yaml, the training set of hand-labelled probe answers (issue 12).

It checks how the set is written, never what coach makes of it: real stories and probes, kinds its labels allow, at
least 45% weak, half spoken, every story used, and none of the held-out blind13 probes (their pairs only are read).
"""

from __future__ import annotations

from collections import Counter

import pytest

from coach.stories import load_library
from tests.blind_shapes import STRONG_OR_ADEQUATE, WEAK_ONLY_BLIND9, probe_answers_hold, set_rows, styles_hold
from tests.conftest import ROOT

TRAIN = ROOT / "tests" / "data" / "probe_answers_train16.yaml"
HELD_OUT = ROOT / "tests" / "data" / "probe_answers_blind13.yaml"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return set_rows(TRAIN, "answers")


def test_real_probes_and_kinds_their_labels_allow(rows):
    assert len(rows) >= 300 and len({a["id"] for a in rows}) == len(rows)
    assert set(Counter(a["label"] for a in rows)) == {"strong", "adequate", "weak"}
    probe_answers_hold(rows, load_library(), STRONG_OR_ADEQUATE | WEAK_ONLY_BLIND9, STRONG_OR_ADEQUATE, WEAK_ONLY_BLIND9)
    assert all(a["source"] == "none" or a.get("based_on") for a in rows)


def test_weak_half_of_every_kind_and_half_spoken(rows):
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    assert sum(weak.values()) >= 0.45 * len(rows), weak
    assert set(weak) == WEAK_ONLY_BLIND9 and min(weak.values()) >= 5, weak
    styles_hold(rows, 1 / 2)
    assert all(len(a["text"].split()) <= 160 for a in rows)


def test_spread_over_every_story(rows):
    stories = {s.id for s in load_library().stories if any(p.strong and p.listen_for for p in s.probes)}
    assert {a["story"] for a in rows} == stories
    per_probe = Counter((a["story"], a["probe"]) for a in rows)
    assert len(per_probe) >= 90 and max(per_probe.values()) <= 6, per_probe.most_common(3)


def test_no_held_out_probe(rows):
    """No answer is to a probe the blind13 set grades (only its (story, probe) pairs are read)."""
    held_out = {(a["story"], a["probe"]) for a in set_rows(HELD_OUT, "answers")}
    assert held_out and not held_out & {(a["story"], a["probe"]) for a in rows}
