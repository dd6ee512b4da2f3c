"""Shared fixtures: a private COACH_HOME, rendered speech, the virtual audio devices, ../shared."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzz tests judge behaviour, not speed: on a loaded two-core CI machine Hypothesis's timing checks
# (slow input generation, per-example deadlines) fail at random, so they are off everywhere.
settings.register_profile("coach", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile("coach")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch):
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def shared_eval():
    path = SHARED / "eval" / "public" / "audio"
    if not path.is_dir():
        pytest.skip("../shared/eval is not beside this checkout (it is not part of a user's clone)")
    return path


def _has(cmd: str) -> bool:
    return shutil.which(cmd) is not None


@pytest.fixture(scope="session")
def speak():
    """Render text to a 16 kHz WAV with espeak-ng: speech no one tuned the analysis on."""
    if not _has("espeak-ng"):
        pytest.skip("espeak-ng is not installed (scripts/setup.sh --test installs it)")

    def render(text: str, path: Path, voice: str = "en-us", rate: int = 160) -> Path:
        raw = path.with_suffix(".raw.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True,
                       capture_output=True)
        from coach.audio import load_audio, write_wav

        write_wav(path, load_audio(raw))
        raw.unlink()
        return path

    return render


@pytest.fixture(scope="session")
def virtual_audio():
    """The PulseAudio virtual speaker and microphone of scripts/virtual-audio.sh."""
    if not (_has("pactl") and _has("paplay") and _has("parecord")):
        pytest.skip("PulseAudio tools are not installed (scripts/setup.sh --test installs them)")
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        pytest.skip("no PulseAudio server: start it with scripts/virtual-audio.sh")
    sinks = subprocess.run(["pactl", "list", "short", "sinks"], capture_output=True, text=True).stdout
    if "speaker" not in sinks or "micfeed" not in sinks:
        pytest.skip("the virtual speaker/micfeed sinks are missing: run scripts/virtual-audio.sh")
    return True


COACH = [sys.executable, "-m", "coach"]
