"""Bad input of every kind: a one-line message that says what to do, exit 2, and nothing stored is lost."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sqlite3
import struct
import subprocess
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from coach.audio import write_wav
from tests.conftest import COACH, ROOT
from tests.fakes import speechlike

GOOD_STORY = "id: mine\nprinciple: Ownership\nquestion: Q?\n"


def wav8(path, seconds, rate=8000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(bytes([128]) * int(seconds * rate))
    return path


def make(tmp, name):
    """Build the input for one bad case; returns the coach arguments."""
    d = tmp / "in"
    d.mkdir(exist_ok=True)
    if name == "story broken yaml":
        (d / "s.yaml").write_text("id: x\nprinciple: [oops\n")
        return ["stories", "check", str(d / "s.yaml")]
    if name == "story missing field":
        (d / "s.yaml").write_text("id: x\nprinciple: Ownership\n")
        return ["practice", str(d / "s.yaml"), "--no-speak"]
    if name == "story wrong type":
        (d / "s.yaml").write_text(GOOD_STORY + "probes: yes\n")
        return ["grade", str(d / "a.txt"), "--story", str(d / "s.yaml")]
    if name == "story unknown section":
        (d / "s.yaml").write_text(GOOD_STORY + "sections:\n  prologue: {target_s: 3}\n")
        return ["stories", "check", str(d / "s.yaml")]
    if name == "story duplicate id":
        own = tmp / "home" / "stories"
        own.mkdir(parents=True, exist_ok=True)
        (own / "a.yaml").write_text(GOOD_STORY)
        (own / "b.yaml").write_text(GOOD_STORY)
        return ["stories", "list"]
    if name == "unknown story":
        return ["practice", "no-such-story", "--no-speak"]
    if name == "audio empty":
        (d / "a.wav").write_bytes(b"")
        return ["grade", str(d / "a.wav")]
    if name == "audio silent":
        write_wav(d / "a.wav", np.zeros(16000 * 3, dtype=np.float32))
        return ["grade", str(d / "a.wav")]
    if name == "audio corrupt":
        write_wav(d / "a.wav", speechlike(2))
        data = bytearray((d / "a.wav").read_bytes())
        data[0:4] = b"JUNK"
        data[44:2000] = os.urandom(1956)
        (d / "a.wav").write_bytes(bytes(data[:3000]))
        return ["grade", str(d / "a.wav")]
    if name == "not audio":
        (d / "a.mp3").write_text("these are my notes, not a recording\n" * 40)
        return ["grade", str(d / "a.mp3")]
    if name == "audio hours long":
        return ["grade", str(wav8(d / "a.wav", 61 * 60))]
    if name == "model missing":
        (d / "a.txt").write_text("I fixed it.")
        write_wav(d / "b.wav", speechlike(2))
        return ["grade", str(d / "b.wav"), "--model", str(d / "no-model")]
    if name == "model broken":
        (d / "m").mkdir()
        (d / "m" / "model.bin").write_bytes(b"\0" * 100)
        (d / "m" / "config.json").write_text("{}")
        write_wav(d / "b.wav", speechlike(2))
        return ["grade", str(d / "b.wav"), "--model", str(d / "m")]
    if name == "probe without story":
        (d / "a.txt").write_text("I fixed it myself.")
        return ["grade", str(d / "a.txt"), "--probe", "1"]
    if name == "probe out of range":
        (d / "a.txt").write_text("I fixed it myself.")
        return ["grade", str(d / "a.txt"), "--story", "webhook-dlq", "--probe", "9"]
    if name == "unknown angle":
        return ["practice", "webhook-dlq", "--angle", "frugality", "--no-speak"]
    if name == "unknown session":
        return ["review", "999"]
    if name == "session id too large":
        return ["review", "99999999999999999999999"]
    if name == "audio rate zero":
        write_wav(d / "a.wav", speechlike(2))
        data = bytearray((d / "a.wav").read_bytes())
        data[24:32] = bytes(8)  # sample rate and byte rate 0
        (d / "a.wav").write_bytes(bytes(data))
        return ["grade", str(d / "a.wav")]
    if name == "text nul only":
        (d / "a.txt").write_bytes(b"\0" * 4096)
        return ["grade", str(d / "a.txt"), "--save"]
    if name == "text emoji only":
        (d / "a.txt").write_text("\U0001F600\U0001F389 " * 500, encoding="utf-8")
        return ["grade", str(d / "a.txt"), "--save"]
    if name == "text too long":
        (d / "a.txt").write_text("I fixed the build myself and it got faster by half. " * 20_000)
        return ["grade", str(d / "a.txt"), "--save"]
    raise AssertionError(name)


CASES = [
    ("story broken yaml", "broken YAML"), ("story missing field", "missing the required field 'question'"),
    ("story wrong type", "must be a list"), ("story unknown section", "unknown section 'prologue'"),
    ("story duplicate id", "duplicate id 'mine'"), ("unknown story", "coach stories list"),
    ("audio empty", "empty"), ("audio silent", "no speech heard: check the microphone with `coach devices`"),
    ("audio corrupt", "not audio"), ("not audio", "not audio"), ("audio hours long", "up to 60 minutes"),
    ("model missing", "not on disk"), ("model broken", "could not be loaded"),
    ("probe without story", "--probe needs --story"), ("probe out of range", "has probes 1-4"),
    ("unknown angle", "unknown angle 'frugality'"), ("unknown session", "no session 999"),
    ("session id too large", "no session 99999999999999999999999"), ("audio rate zero", "convert it"),
    ("text nul only", "holds no words"), ("text emoji only", "holds no words"), ("text too long", "of text"),
]

# Options out of range, or not finite: click's usage error (exit 2), never a traceback or a session.
ODD_OPTIONS = [
    ["practice", "webhook-dlq", "--no-speak", "--end-silence", "-5"],
    ["practice", "webhook-dlq", "--no-speak", "--end-silence", "nan"],
    ["practice", "webhook-dlq", "--no-speak", "--end-silence", "inf"],
    ["mock", "--no-speak", "--minutes", "nan"],
    ["mock", "--no-speak", "--minutes", "inf"],
]


def seeded_home(home):
    """A data directory with one stored session, to check that nothing stored changes."""
    from coach.analysis import Answer, analyse, words_from_text
    from coach.keeper import SessionKeeper

    words = words_from_text("At my last job I fixed the build. It got faster by half. I learned a lot.", 150)
    audio = home / "recordings" / "a.wav"
    audio.parent.mkdir(parents=True, exist_ok=True)
    write_wav(audio, speechlike(2))
    keeper = SessionKeeper(home, "practice", None, None, "sde2", "tiny.en")
    keeper.keep("main", "q", audio, analyse(Answer(words, words[-1].end_s)))
    keeper.finish()


def fingerprint(home):
    out = {}
    for p in sorted(home.rglob("*")):
        if p.is_file() and not p.name.endswith(("-wal", "-shm")) and "cache" not in p.parts:
            out[str(p.relative_to(home))] = hashlib.sha1(p.read_bytes()).hexdigest()
    db = sqlite3.connect(home / "coach.db")
    out["rows"] = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sessions", "answers", "reports")]
    db.close()
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, name, message):
    home = tmp_path / "home"
    seeded_home(home)
    args = make(tmp_path, name)
    before = fingerprint(home)
    env = {**os.environ, "COACH_HOME": str(home)}
    proc = subprocess.run([*COACH, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert message in proc.stderr, proc.stderr
    assert proc.stderr.startswith("coach: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert fingerprint(home) == before


@pytest.mark.slow
@pytest.mark.parametrize("args", ODD_OPTIONS, ids=[" ".join(a[-2:]) for a in ODD_OPTIONS])
def test_odd_options(tmp_path, args):
    home = tmp_path / "home"
    seeded_home(home)
    before = fingerprint(home)
    env = {**os.environ, "COACH_HOME": str(home)}
    proc = subprocess.run([*COACH, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert f"Invalid value for '{args[-2]}'" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert fingerprint(home) == before


@pytest.mark.slow
def test_unwritable_data_directory(tmp_path):
    (tmp_path / "file").write_text("x")
    write_wav(tmp_path / "a.wav", speechlike(2))
    env = {**os.environ, "COACH_HOME": str(tmp_path / "file" / "home")}
    proc = subprocess.run([*COACH, "review"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 2 and "COACH_HOME" in proc.stderr and "Traceback" not in proc.stderr


@contextlib.contextmanager
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 600 KB tmpfs under tmp_path, unmounted after; the test is skipped where it cannot be mounted."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def fill(path: Path) -> None:
    """Write zeros to path until its disk is full."""
    with open(path, "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)


@pytest.mark.slow
def test_full_disk_keeps_what_was_stored(tmp_path):
    with small_disk(tmp_path) as mnt:
        home = mnt / "home"
        seeded_home(home)
        before = fingerprint(home)
        filler = mnt / "filler"
        fill(filler)
        (tmp_path / "a.txt").write_text("At my last job I fixed the build myself. It got faster by half. I learned.")
        env = {**os.environ, "COACH_HOME": str(home)}
        proc = subprocess.run([*COACH, "grade", str(tmp_path / "a.txt"), "--save"], capture_output=True, text=True,
                              cwd=ROOT, env=env)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        filler.unlink()
        assert fingerprint(home) == before


def test_repair_after_kill_keeps_audio_up_to_the_last_flush(tmp_path):
    """A process killed mid-write: the header already counts all but the last second."""
    code = "\n".join([
        "import sys, time, pathlib, numpy as np",
        f"sys.path.insert(0, {str(ROOT)!r})",
        "from coach.audio import WavWriter",
        f"w = WavWriter(pathlib.Path({str(tmp_path / 'a.wav')!r}))",
        "for i in range(100):",
        "    w.write(np.full(1600, 0.1, dtype=np.float32)); time.sleep(0.05)",
    ])
    proc = subprocess.Popen([os.sys.executable, "-c", code])
    wav, end = tmp_path / "a.wav", time.monotonic() + 60
    while time.monotonic() < end and (not wav.exists() or wav.stat().st_size < 44 + 2 * 16000 * 2):
        time.sleep(0.05)  # two seconds written, however slowly the child started
    time.sleep(0.37)  # then somewhere between two flushes
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    raw = (tmp_path / "a.wav").read_bytes()
    header_frames = struct.unpack("<I", raw[40:44])[0] // 2
    on_disk = (len(raw) - 44) // 2
    assert on_disk - header_frames <= 16000 + 1600  # at most a second (and a block) behind
    from coach.audio import load_audio, repair_wav

    repair_wav(tmp_path / "a.wav")
    assert len(load_audio(tmp_path / "a.wav")) == on_disk
