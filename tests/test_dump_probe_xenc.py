"""bench/dump_probe_xenc.py dumps what a learned second opinion may train on: never a held-out set (HELD_OUT in
bench/probe_sets.py), the training and spent sets, and, asked, every bundled probe's own strong and weak answer as anchors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import dump_probe_xenc  # noqa: E402


def test_held_out_set_is_never_a_source():
    names = dump_probe_xenc.sources()
    for held in dump_probe_xenc.HELD_OUT:
        assert held not in names
        assert not any(held in path.name for path in names.values())
    assert {"dev1", "dev5", "blind", "blind11", "blind12"} <= set(names)
    assert set(dump_probe_xenc.SPENT) <= set(names)  # spent held-out sets are trained on (since sessions 21-22, 24-26)
    assert {"generic22", "blind20", "generic23", "generic24", "blind24", "generic25", "blind25"} <= set(dump_probe_xenc.SPENT)
    assert not set(dump_probe_xenc.HELD_OUT) & set(dump_probe_xenc.SPENT)
    assert {"generic26", "blind26"} <= set(dump_probe_xenc.SPENT)  # held out until their two reads in session 26
    assert {"generic27", "blind27"} <= set(dump_probe_xenc.SPENT)  # held out until their two reads in session 27
    # written after generic27 and blind27 by outside testers, held out until their two reads in session 28
    assert {"generic28", "blind28", "generic29", "blind29"} <= set(dump_probe_xenc.SPENT)
    assert {"generic30", "blind30"} <= set(dump_probe_xenc.SPENT)  # read for their before and after in session 29
    assert {"generic31", "blind31"} <= set(dump_probe_xenc.SPENT)  # read for their before and after in session 29
    assert "generic32" in dump_probe_xenc.HELD_OUT  # written after generic31 by an outside tester, never trained on
    assert "blind32" in dump_probe_xenc.HELD_OUT  # written after blind31 by an outside tester, held out until its two reads


def test_held_out_set_asked_for_by_hand_is_refused():
    for held in dump_probe_xenc.HELD_OUT:
        with pytest.raises(SystemExit, match="held out"):
            dump_probe_xenc.sources({"mine": ROOT / "tests" / "data" / f"probe_answers_{held}.yaml"})
        with pytest.raises(SystemExit, match="held out"):
            dump_probe_xenc.sources({held: Path("/elsewhere/answers.yaml")})


def test_an_extra_training_set_is_taken():
    extra = Path("/elsewhere/probe_answers_train16.yaml")
    assert dump_probe_xenc.sources({"train16": extra})["train16"] == extra


def test_training_sets_are_dumped_under_their_names():
    names = dump_probe_xenc.sources()
    for name in dump_probe_xenc.TRAINING:
        assert names[name] == ROOT / "tests" / "data" / f"probe_answers_{name}.yaml"


def test_anchors_are_every_bundled_probes_own_strong_and_weak_answer(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from coach.stories import load_library

    monkeypatch.setattr(dump_probe_xenc, "grade_probe", lambda *a, **k: SimpleNamespace(verdict="strong"))
    monkeypatch.setenv("HOME", str(tmp_path))  # a user's own stories are never anchors
    rows = dump_probe_xenc.anchors()
    stories = load_library(own=tmp_path).stories
    want = {(s.id, n, label) for s in stories for n, p in enumerate(s.probes, 1)
            for label, text in (("strong", p.strong), ("weak", p.weak)) if text}
    assert len(want) > 200
    assert {(r["story"], r["probe"], r["label"]) for r in rows} == want and len(rows) == len(want)
    for r in rows:
        probe = next(s for s in stories if s.id == r["story"]).probes[r["probe"] - 1]
        assert r["set"] == "anchors" and r["text"] == " ".join(getattr(probe, r["label"]).split())
        assert (r["question"], r["strong"], r["weak"]) == (probe.question, probe.strong, probe.weak)

