"""A data folder coach cannot use (no permission, read-only, full): one line that says what to do, exit 2,
never a traceback, and nothing stored is changed."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import COACH, ROOT
from tests.test_faults import fill, fingerprint, seeded_home, small_disk

NOBODY = 65534


def _coach(home: Path, *args: str, as_user: bool = True) -> subprocess.CompletedProcess[str]:
    """coach as an ordinary user: root ignores file modes, so as root it runs as nobody."""
    env = {**os.environ, "COACH_HOME": str(home), "HOME": str(home.parent)}
    prefix: list[str] = []
    if as_user and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot test file modes")
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]
    return subprocess.run([*prefix, *COACH, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, timeout=300)


@contextlib.contextmanager
def _user_folder():
    """A folder an ordinary user (nobody, when run as root) owns, outside pytest's private tmp."""
    top = Path(tempfile.mkdtemp(prefix="coach-perm-"))
    top.chmod(0o755)
    try:
        if os.geteuid() == 0:
            os.chown(top, NOBODY, NOBODY)
        yield top
    finally:
        for p in [top, *top.rglob("*")]:
            with contextlib.suppress(OSError):
                p.chmod(0o700 if p.is_dir() else 0o600)
        shutil.rmtree(top, ignore_errors=True)


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        for p in [path, *path.rglob("*")]:
            os.chown(p, NOBODY, NOBODY)


def one_line(proc, *words):
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.stderr.startswith("coach: ") and proc.stderr.count("\n") == 1, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr


COMMANDS = [["review"], ["progress"], ["stories", "list"], ["demo", "--no-speak", "--fast", "--probes", "0"],
            ["practice", "--no-speak"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_a_data_folder_without_permission_is_one_line(args):
    with _user_folder() as top:
        home = top / "home"
        seeded_home(home)
        _own(home)
        before = fingerprint(home)
        home.chmod(0)
        proc = _coach(home, *args)
        home.chmod(0o700)
        one_line(proc, "permission denied", "COACH_HOME")
        assert fingerprint(home) == before


def test_a_read_only_data_folder_is_one_line(tmp_path):
    with _user_folder() as top:
        home = top / "home"
        seeded_home(home)
        _own(home)
        before = fingerprint(home)
        answer = top / "a.txt"
        answer.write_text("At my last job I fixed the build myself. It got faster by half. I learned.")
        answer.chmod(0o644)
        home.chmod(0o500)
        (home / "coach.db").chmod(0o400)
        proc = _coach(home, "grade", str(answer), "--save")
        home.chmod(0o700)
        (home / "coach.db").chmod(0o600)
        one_line(proc, "read-only", "COACH_HOME")
        assert fingerprint(home) == before


def test_a_full_disk_with_no_save_is_one_line(tmp_path):
    with small_disk(tmp_path) as mnt:
        home = mnt / "home"
        (home / "recordings").mkdir(parents=True)
        fill(mnt / "filler")
        proc = _coach(home, "demo", "--no-speak", "--fast", "--probes", "0", "--no-save", as_user=False)
        one_line(proc, "full", "free some space")
        assert not [p for p in home.rglob("*") if p.is_file()]  # no empty WAV left behind
