"""Who is writing a session: a process's identity as stored in `sessions.writer`, and whether it still runs.

The identity is "PID" or "PID IDENTITY": the pid alone can be reused after a reboot or by another
program, so where the system tells when a process started, that is stored too:

- with /proc (Linux): "BOOT_ID START_TICKS", the boot's id and the start time in clock ticks since boot;
- elsewhere (macOS, Windows, BSDs): "started EPOCH_SECONDS" from psutil, a wall-clock start time,
  which also differs after a reboot.

Whether the pid runs at all: `kill(pid, 0)` on POSIX; on Windows `os.kill(pid, 0)` would send Ctrl-C
(signal 0 is CTRL_C_EVENT there), so psutil is asked instead. Each platform's way of telling lives
here and nowhere else.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

PROC = Path("/proc")


def _psutil() -> ModuleType | None:
    try:
        import psutil
    except ImportError:  # a dependency where there is no /proc; optional on Linux
        return None
    return psutil


def proc_identity(pid: int, proc: Path = PROC) -> str | None:
    """Boot id and start time from /proc (Linux); None where there is no such process or no /proc."""
    try:
        boot = (proc / "sys/kernel/random/boot_id").read_text().strip()
        stat = (proc / str(pid) / "stat").read_text()
        return f"{boot} {stat.rsplit(')', 1)[1].split()[19]}"
    except (OSError, IndexError):
        return None


def psutil_identity(pid: int, psutil: ModuleType | None = None) -> str | None:
    """The process's start time from psutil (macOS, Windows); None when it cannot be told."""
    psutil = psutil or _psutil()
    if psutil is None:
        return None
    try:
        return f"started {psutil.Process(pid).create_time():.2f}"
    except (psutil.Error, OSError, ValueError):  # gone, not ours to read, a zombie
        return None


def identity(pid: int, proc: Path = PROC, psutil: ModuleType | None = None) -> str | None:
    """A process's identity where the system tells one: /proc where it exists, else psutil."""
    if (proc / "self" / "stat").exists():
        return proc_identity(pid, proc)
    return psutil_identity(pid, psutil)


def pid_alive(pid: int, windows: bool = os.name == "nt", psutil: ModuleType | None = None) -> bool:
    """Whether a process with this pid exists (anyone's)."""
    if pid <= 0:  # kill(0) and kill(-1) would ask about whole process groups
        return False
    if windows:
        psutil = psutil or _psutil()
        return True if psutil is None else bool(psutil.pid_exists(pid))  # unknown: never repair a live file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def this_process() -> str:
    """The writer value of the running coach."""
    me = os.getpid()
    known = identity(me)
    return f"{me} {known}" if known else str(me)


def is_running(writer: str, alive=pid_alive, identify=identity) -> bool:  # type: ignore[no-untyped-def]
    """True while the process a `writer` value names still runs (and is the same process)."""
    pid_text, _, stored = writer.partition(" ")
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid != os.getpid() and not alive(pid):
        return False
    return not stored or identify(pid) in (None, stored)
