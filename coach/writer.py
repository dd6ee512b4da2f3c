"""Who is writing a session: a process's identity as stored in `sessions.writer`, and whether it still runs.

The identity is "PID" or "PID BOOT_ID START_TICKS": the pid alone can be reused after a reboot or by
another program, so where the system tells a process's boot and start time, they are stored too.
Each platform's way of telling lives here and nowhere else.
"""

from __future__ import annotations

import os
from pathlib import Path


def identity(pid: int) -> str | None:
    """Where the system says (Linux): boot id and start time, so a pid reused after a reboot or by
    another program is not taken for the coach that wrote the session."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
        return f"{boot} {stat.rsplit(')', 1)[1].split()[19]}"
    except (OSError, IndexError):
        return None


def this_process() -> str:
    """The writer value of the running coach."""
    me = os.getpid()
    known = identity(me)
    return f"{me} {known}" if known else str(me)


def is_running(writer: str) -> bool:
    """True while the process a `writer` value names still runs (and is the same process)."""
    pid_text, _, stored = writer.partition(" ")
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # someone else's process
        except OSError:
            return False
    return not stored or identity(pid) in (None, stored)
