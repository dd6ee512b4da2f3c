"""Recordings are the user's own: one never replaces another, and no other user can read them."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from click.testing import CliRunner

from coach.audio import WavWriter, write_wav
from coach.cli import cli
from coach.store import Store


class _Frozen(datetime.datetime):
    """A clock stopped in one second: everything below happens "at the same time"."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def]
        return cls(2026, 1, 2, 3, 4, 5)


@pytest.fixture
def same_second(monkeypatch):
    monkeypatch.setattr(datetime, "datetime", _Frozen)


def test_answers_saved_in_the_same_second_keep_their_own_files(tmp_path, coach_home, same_second):
    """Saving a/answer.txt and b/answer.txt three times in one second: six answers, six files, each its own."""
    sources = []
    for name, text in (("a", "I fixed the build myself and it got faster by half."),
                       ("b", "We moved the queue to a new region and cut costs by a third.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "answer.txt").write_text(text)
        sources.append(tmp_path / name / "answer.txt")
    runner = CliRunner()
    for _ in range(3):
        for src in sources:
            result = runner.invoke(cli, ["grade", str(src), "--save"], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    store = Store(coach_home)
    kept = [(s, a) for s in store.sessions() for a in store.answers(s.id)]
    assert len(kept) == 6
    paths = [store.audio_path(a) for _, a in kept]
    assert len(set(paths)) == 6, paths
    for (_, answer), path in zip(kept, paths):
        assert path is not None
        assert path.read_text() in answer.report.transcript  # each answer points at the text it graded
    store.close()


def test_sessions_started_in_the_same_second_get_their_own_folders(coach_home, same_second):
    from coach.cli.common import session_folder

    first, second = session_folder("practice"), session_folder("practice")
    assert first != second and first.is_dir() and second.is_dir()


def test_a_recording_never_replaces_another(tmp_path):
    path = tmp_path / "answer-1.wav"
    write_wav(path, np.full(16000, 0.1, dtype=np.float32))
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        WavWriter(path)
    assert path.read_bytes() == before


def _modes(home):
    return {str(p.relative_to(home)): oct(p.stat().st_mode & 0o777) for p in [home, *home.rglob("*")]
            if not p.is_symlink()}


def _coach(home, *args, cwd=None):
    import os
    import subprocess

    from tests.conftest import COACH, ROOT

    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run([*COACH, *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env,
                          stdin=subprocess.DEVNULL, timeout=120, preexec_fn=lambda: os.umask(0o022))


def test_data_is_private_to_the_user(tmp_path):
    """With the usual umask (022): the data folder and every folder in it 0700, every file 0600."""
    home = tmp_path / "home"
    answer = tmp_path / "answer.txt"
    answer.write_text("At my last job I fixed the build myself. It got faster by half. I learned to measure.")
    for _ in range(2):  # the second run adds files to an existing folder
        proc = _coach(home, "grade", str(answer), "--save")
        assert proc.returncode == 0, proc.stderr
    modes = _modes(home)
    assert any(name.endswith("answer.txt") for name in modes) and "coach.db" in modes
    loose = {name: mode for name, mode in modes.items()
             if mode != (oct(0o700) if (home / name).is_dir() or name == "." else oct(0o600))}
    assert not loose, loose


def test_an_existing_data_folder_is_tightened_on_start(tmp_path):
    home = tmp_path / "home"
    (home / "recordings" / "old").mkdir(parents=True)
    (home / "recordings" / "old" / "answer-1.wav").write_bytes(b"RIFF")
    for p in (home, home / "recordings", home / "recordings" / "old"):
        p.chmod(0o755)
    (home / "recordings" / "old" / "answer-1.wav").chmod(0o644)
    proc = _coach(home, "review")
    assert proc.returncode == 0, proc.stderr
    modes = _modes(home)
    assert modes["."] == modes["recordings"] == modes["recordings/old"] == oct(0o700)
    assert modes["recordings/old/answer-1.wav"] == oct(0o600)
