"""Labelled delivery test audio (tests/data/delivery.yaml), rendered by espeak-ng: flat, lively, trailing off."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from coach.audio import RATE, load_audio, write_wav

CASES = Path(__file__).resolve().parent / "data" / "delivery.yaml"
STYLES = ("flat", "lively", "trailing", "steady")  # steady: the trailing rendering's control


def cases() -> list[dict[str, Any]]:
    return list(yaml.safe_load(CASES.read_text())["cases"])


def _espeak(case: dict[str, Any], text: str, out: Path, amplitude: int = 100, ssml: bool = False) -> np.ndarray:
    cmd = ["espeak-ng", "-v", case["voice"], "-s", str(case["rate"]), "-a", str(amplitude), "-w", str(out)]
    subprocess.run(cmd + (["-m"] if ssml else []) + [text], check=True, capture_output=True)
    return load_audio(out)


def _trim(audio: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(audio) > 1e-3)
    return audio[loud[0]: loud[-1] + 1] if len(loud) else audio


def render(case: dict[str, Any], style: str, path: Path) -> Path:
    """Render one case in one style to a 16 kHz WAV at `path`."""
    text = " ".join(case["text"].split())
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        if style in ("flat", "lively"):
            rng = "x-low" if style == "flat" else "x-high"
            audio = _espeak(case, f'<speak><prosody range="{rng}">{text}</prosody></speak>', raw, ssml=True)
        else:
            soft = 20 if style == "trailing" else 100
            parts = []
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                words = sentence.split()
                parts += [_trim(_espeak(case, " ".join(words[:-2]), raw)), np.zeros(int(0.04 * RATE), np.float32),
                          _trim(_espeak(case, " ".join(words[-2:]), raw, soft)), np.zeros(int(0.6 * RATE), np.float32)]
            audio = np.concatenate(parts)
    write_wav(path, audio)
    return path
