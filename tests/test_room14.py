"""bench/room14: its cases are the originals' texts with a room in the documented ranges, and degrade.py does what
its README says (deterministic, length kept, the asked SNR and level)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
ROOM = ROOT / "bench" / "room14"
FILLER_RE = re.compile(r"\b(um|uh)\b|\byou know\b|,\s*like,", re.IGNORECASE)  # ../shared/eval/synth.py's
RANGES = {"snr_db": (15, 30), "rt60_s": (0.2, 0.6), "highpass_hz": (100, 200), "lowpass_hz": (4000, 7000),
          "gain_db": (-20, -10)}


def degrade_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("room14_degrade", ROOM / "degrade.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases() -> list[dict]:
    return yaml.safe_load((ROOM / "cases.yaml").read_text())["cases"]


def test_cases_are_their_originals_in_a_room():
    seen = set()
    for case in cases():
        assert case["id"].endswith("-r14") and case["id"] not in seen
        seen.add(case["id"])
        where, original_id = case["source"]["rerender_of"].split(", case ")
        original = next(c for c in yaml.safe_load((ROOT / where).read_text())["cases"] if c["id"] == original_id)
        assert case["sections"] == original["sections"]
        assert (case["engine"], case["voice"]) == (original["engine"], original["voice"])
        text = " ".join(s for s in case["sections"].values() if s)
        assert not FILLER_RE.search(text) and 30 <= len(text.split()) <= 130
        room = case["room"]
        assert room["noise"] in ("pink", "brown") and room.get("hum_hz") in (None, 50, 60)
        for key, (lo, hi) in RANGES.items():
            assert lo <= room[key] <= hi, (case["id"], key)
    assert len(seen) == 30


def test_degrade_is_repeatable_keeps_length_and_gives_the_asked_snr_and_level():
    degrade = degrade_module()
    rate = degrade.RATE
    t = np.arange(4 * rate) / rate
    # a "voice": 0.5 s tones at -20 dBFS with digital silence between, as synth.py's renders have
    speech = np.where((t % 1.0) < 0.5, 0.1 * np.sin(2 * np.pi * 440 * t), 0.0)
    room = {"noise": "pink", "snr_db": 20, "hum_hz": 50, "rt60_s": 0.4, "highpass_hz": 100, "lowpass_hz": 7000,
            "gain_db": -10}
    out = degrade.degrade(speech, room, "a-case")
    assert len(out) == len(speech)
    assert np.array_equal(out, degrade.degrade(speech, room, "a-case"))
    assert not np.array_equal(out, degrade.degrade(speech, room, "another-case"))
    # the same speech with the noise made negligible: what is left of `out` is the noise that was mixed in
    active = np.abs(speech) > 1e-3
    noise = out - degrade.degrade(speech, {**room, "snr_db": 200}, "a-case")
    snr = 10 * np.log10(np.mean((out - noise)[active] ** 2) / np.mean(noise ** 2))
    assert 19.5 < snr < 20.5  # measured on the file: speech and noise through the same band
    level = 10 * np.log10(np.mean(out[active] ** 2))
    assert -31 < level < -26  # -20 dBFS speech, 10 dB low, and the room's tail (3 dB under the direct path) added
