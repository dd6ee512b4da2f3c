"""Telling a live writer from a crashed one on each platform: /proc on Linux, psutil elsewhere (on fakes),
and Windows, where os.kill(pid, 0) would send Ctrl-C, asked through psutil."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from coach import writer


class FakePsutil(types.SimpleNamespace):
    """The part of psutil coach uses: Process(pid).create_time(), pid_exists, its errors."""

    class Error(Exception):
        pass

    class NoSuchProcess(Error):
        pass

    class AccessDenied(Error):
        pass

    def __init__(self, started: dict[int, float], denied: frozenset[int] = frozenset()):
        super().__init__()
        outer = self

        class Process:
            def __init__(self, pid: int):
                if pid in denied:
                    raise outer.AccessDenied(pid)
                if pid not in started:
                    raise outer.NoSuchProcess(pid)
                self.pid = pid

            def create_time(self) -> float:
                return started[self.pid]

        self.Process = Process
        self.pid_exists = lambda pid: pid in started or pid in denied


def fake_proc(root: Path, pid: int, comm: str = "python3", ticks: int = 4242, boot: str = "b00t") -> Path:
    (root / "sys/kernel/random").mkdir(parents=True, exist_ok=True)
    (root / "sys/kernel/random/boot_id").write_text(boot + "\n")
    (root / str(pid)).mkdir(parents=True, exist_ok=True)
    rest = ["S"] + ["0"] * 18 + [str(ticks)] + ["0"] * 10  # field 22 (starttime) is the 20th after ")"
    (root / str(pid) / "stat").write_text(f"{pid} ({comm}) " + " ".join(rest) + "\n")
    (root / "self").mkdir(exist_ok=True)
    (root / "self" / "stat").write_text("x")
    return root


def test_linux_identity_is_the_boot_and_start_ticks_even_with_odd_process_names(tmp_path):
    proc = fake_proc(tmp_path, 77, comm="coach ) (x", ticks=123456)
    assert writer.identity(77, proc=proc) == "b00t 123456"
    assert writer.identity(78, proc=proc) is None  # no such process


def test_without_proc_the_start_time_comes_from_psutil(tmp_path):
    ps = FakePsutil({77: 1700000000.126}, denied=frozenset({5}))
    assert writer.identity(77, proc=tmp_path / "no-proc", psutil=ps) == "started 1700000000.13"
    assert writer.psutil_identity(78, ps) is None  # gone
    assert writer.psutil_identity(5, ps) is None  # not ours to read: identity unknown, not a mismatch


def test_windows_asks_psutil_whether_a_pid_runs_never_os_kill(monkeypatch):
    def no_kill(*a):
        raise AssertionError("os.kill(pid, 0) sends Ctrl-C on Windows")

    monkeypatch.setattr(os, "kill", no_kill)
    ps = FakePsutil({77: 1.0})
    assert writer.pid_alive(77, windows=True, psutil=ps)
    assert not writer.pid_alive(78, windows=True, psutil=ps)
    assert not writer.pid_alive(0, windows=True, psutil=ps) and not writer.pid_alive(-1, windows=False)


def test_posix_liveness_by_signal_zero():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert writer.pid_alive(os.getpid(), windows=False)
    assert not writer.pid_alive(child.pid, windows=False)  # reaped: gone (unless reused within ms)


@pytest.mark.parametrize("alive, now, stored, running", [
    (False, "started 5.00", "started 5.00", False),   # the pid is gone: crashed
    (True, "started 5.00", "started 5.00", True),     # the same process, still writing
    (True, "started 9.00", "started 5.00", False),    # the pid was reused by another program after a crash
    (True, None, "started 5.00", True),               # cannot tell: leave the recording alone
])
def test_a_writer_is_running_only_while_the_same_process_runs(alive, now, stored, running):
    pid = os.getpid() + 1
    assert writer.is_running(f"{pid} {stored}", alive=lambda p: alive, identify=lambda p: now) is running
    assert writer.is_running(f"{pid}", alive=lambda p: alive, identify=lambda p: now) is alive


def test_a_garbled_writer_is_not_running():
    assert not writer.is_running("not-a-pid")
    assert not writer.is_running("-1 started 5.00")


def test_the_psutil_branch_with_the_real_psutil():
    """Where psutil is installed (the test extras), its branch runs for real here too."""
    psutil = pytest.importorskip("psutil")
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        mine, theirs = writer.psutil_identity(os.getpid(), psutil), writer.psutil_identity(child.pid, psutil)
        assert mine and theirs and mine != theirs and writer.psutil_identity(os.getpid(), psutil) == mine
        stored = f"{child.pid} {theirs}"
        identify = lambda p: writer.psutil_identity(p, psutil)  # noqa: E731
        assert writer.is_running(stored, identify=identify)
        assert writer.pid_alive(child.pid, windows=True, psutil=psutil)
    finally:
        child.kill()
        child.wait()
    assert not writer.is_running(stored, identify=identify)
    assert not writer.pid_alive(child.pid, windows=True, psutil=psutil)
