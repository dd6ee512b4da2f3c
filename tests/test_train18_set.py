"""The shape of tests/data/probe_answers_train18.yaml, a training set of hand-labelled probe answers in other people's
words (issue 12, session 18; tests/data/README.md, "A training set in other people's words").

It checks how the set is written, never what coach makes of it: it loads, its labels and kinds are valid for real
stories and probes, the counts and label shares are the ones its header states, all sixteen weak kinds are present,
half the answers read as a live transcript, every cited source is a web address with what was taken from it, no
answer is to a probe of the held-out blind13 or blind14 sets, and no cited page is on a web host those sets cite (only
their (story, probe) pairs and `source:` fields are read, never their answers).
"""

from __future__ import annotations

from collections import Counter

import pytest

from coach.stories import load_library
from tests.blind_shapes import STRONG_OR_ADEQUATE, WEAK_ONLY_BLIND9, cited, probe_answers_hold, set_rows, styles_hold, web_host
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
TRAIN = DATA / "probe_answers_train18.yaml"
HELD_OUT = (DATA / "probe_answers_blind13.yaml", DATA / "probe_answers_blind14.yaml")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return set_rows(TRAIN, "answers")


def _pairs(answers: list[dict]) -> set[tuple[str, int]]:
    return {(a["story"], a["probe"]) for a in answers}


def test_loads_with_unique_ids_real_probes_and_kinds_their_labels_allow(rows):
    assert len(rows) == 270 and len({a["id"] for a in rows}) == len(rows)
    assert all(a["id"] == f"t18-{i:03d}" for i, a in enumerate(rows, 1))
    assert all(a["label"] in ("strong", "adequate", "weak") for a in rows)
    # Real stories and probes with a strong answer and listen-fors, a kind the label allows, a reason and a text.
    probe_answers_hold(rows, load_library(), STRONG_OR_ADEQUATE | WEAK_ONLY_BLIND9, STRONG_OR_ADEQUATE, WEAK_ONLY_BLIND9)


def test_counts_and_label_shares_as_written(rows):
    labels = Counter(a["label"] for a in rows)
    assert labels == Counter(strong=81, adequate=54, weak=135)
    assert (labels["strong"], labels["adequate"], labels["weak"]) == (0.3 * 270, 0.2 * 270, 0.5 * 270)
    kinds = Counter(a["kind"] for a in rows if a["label"] != "weak")
    assert kinds == Counter(paraphrase=66, vague=31, partial=23, runon=8, terse=4, rambling=3)
    words = [len(a["text"].split()) for a in rows]
    assert min(words) == 5 and max(words) == 134


def test_all_sixteen_weak_kinds_and_half_spoken(rows):
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert min(weak.values()) == 8 and weak["other-actor"] == 11 and weak["padded"] == weak["minimise"] == 10, weak
    # `spoken` reads as a live Whisper transcript, `clean` as written text (blind_shapes.styles_hold).
    styles_hold(rows, 1 / 2)
    assert Counter(a["style"] for a in rows) == Counter(spoken=135, clean=135)


def test_spread_over_every_story_and_the_probes_left(rows):
    library = load_library()
    stories = {s.id for s in library.stories if any(p.strong and p.listen_for for p in s.probes)}
    assert {a["story"] for a in rows} == stories
    per_probe = Counter((a["story"], a["probe"]) for a in rows)
    assert len(per_probe) == 106 and set(per_probe.values()) == {2, 3}
    assert Counter(per_probe.values()) == Counter({3: 58, 2: 48})
    # Every probe with a strong answer and listen-fors that neither held-out set grades is answered.
    held_out = set().union(*(_pairs(set_rows(path, "answers")) for path in HELD_OUT))
    open_probes = {(s.id, i) for s in library.stories for i, p in enumerate(s.probes, 1) if p.strong and p.listen_for}
    assert set(per_probe) == open_probes - held_out


def test_no_pair_shared_with_blind13_or_blind14(rows):
    """Only the held-out sets' (story, probe) pairs are read, never their answers."""
    mine = _pairs(rows)
    for path in HELD_OUT:
        held_out = _pairs(set_rows(path, "answers"))
        assert held_out and not held_out & mine, path.name


def test_cited_sources_are_urls_with_what_was_taken(rows):
    # `cited` asserts that every source other than `none` is an http(s) address with a `based_on:`.
    sourced = [a for a in rows if cited(a)]
    assert all(a["source"] == "none" and "based_on" not in a for a in rows if a not in sourced)
    assert len(sourced) == 165 and len(sourced) >= 0.6 * len(rows)
    assert Counter(a["label"] for a in sourced) == Counter(weak=93, strong=64, adequate=8)
    assert len({a["source"] for a in sourced}) == 146
    assert len({web_host(a["source"]) for a in sourced}) == 140 >= 40


def test_no_source_on_a_web_host_a_held_out_set_cites(rows):
    """A page that shaped a held-out answer must not shape a training answer (only the held-out sets' `source:`
    fields are read; a failure names this set's ids)."""
    theirs = {web_host(a["source"]) for path in HELD_OUT for a in set_rows(path, "answers")
              if isinstance(a.get("source"), str) and a["source"].startswith("http")}
    assert theirs
    shared = [a["id"] for a in rows if a["source"] != "none" and web_host(a["source"]) in theirs]
    assert not shared, shared
