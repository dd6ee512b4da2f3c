"""Crash recovery: find the recordings a crash, kill -9 or power cut left behind, and repair their WAVs."""

from __future__ import annotations

from pathlib import Path

from coach.audio import repair_wav
from coach.store import Store
from coach.writer import is_running


def recover(root: Path) -> list[Path]:
    """Find the recordings a crash, kill -9 or power cut left behind; repair their WAV headers.

    Returns each such recording once: those of sessions whose process died
    without finishing, and any other incomplete recording whose header had to
    be repaired. Sessions another coach is still recording are left alone.
    """
    if not (Path(root) / "coach.db").exists():
        return []
    store = Store(root)
    found = []
    try:
        crashed = set()
        for r in store.unfinished_recordings():
            if r.writer is not None and is_running(r.writer):
                continue
            repaired = r.audio.exists() and repair_wav(r.audio)
            if r.writer is not None:
                crashed.add(r.session_id)
            if repaired or (r.writer is not None and r.audio.exists()):
                found.append(r.audio)
        if crashed:
            store.release(sorted(crashed))
    finally:
        store.close()
    return found
