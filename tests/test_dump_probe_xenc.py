"""bench/dump_probe_xenc.py dumps what a learned second opinion may train on: never a held-out set (blind13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import dump_probe_xenc  # noqa: E402


def test_held_out_set_is_never_a_source():
    names = dump_probe_xenc.sources()
    assert "blind13" not in names
    assert not any("blind13" in path.name for path in names.values())
    assert {"dev1", "dev5", "blind", "blind11", "blind12"} <= set(names)


def test_held_out_set_asked_for_by_hand_is_refused():
    with pytest.raises(SystemExit, match="held out"):
        dump_probe_xenc.sources({"mine": ROOT / "tests" / "data" / "probe_answers_blind13.yaml"})
    with pytest.raises(SystemExit, match="held out"):
        dump_probe_xenc.sources({"blind13": Path("/elsewhere/answers.yaml")})


def test_an_extra_training_set_is_taken():
    extra = Path("/elsewhere/probe_answers_train16.yaml")
    assert dump_probe_xenc.sources({"train16": extra})["train16"] == extra
