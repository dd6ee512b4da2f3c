"""Where coach keeps its files: bundled stories and models, and the user's data directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
BUNDLED_STORIES = PROJECT_DIR / "stories"
MODELS_DIR = PROJECT_DIR / "models"
SAMPLE_ANSWER = BUNDLED_STORIES / "samples" / "webhook-dlq-strong.wav"
SAMPLE_PROBE = BUNDLED_STORIES / "samples" / "webhook-dlq-probe1-strong.wav"


def data_dir() -> Path:
    """The user's data directory: $COACH_HOME, else the platform's convention."""
    home = os.environ.get("COACH_HOME")
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def user_stories_dir() -> Path:
    return data_dir() / "stories"


# Voice recordings and transcripts are personal: what coach writes is the user's alone.
PRIVATE_UMASK = 0o077  # new folders 0700, new files 0600 (SQLite's -wal and -shm follow coach.db)


def tighten(root: Path) -> None:
    """Take group and other permissions off an existing data folder and everything in it (a folder an
    older coach made 0755 with files 0644). Only takes away: the owner's own bits are left as they are."""
    try:
        if not root.is_dir() or root.is_symlink():
            return
    except OSError:
        return  # not even visible: whatever uses it says what to do
    _take_away(str(root))
    for folder, dirs, files in os.walk(root, onerror=lambda exc: None):
        for name in dirs + files:
            _take_away(os.path.join(folder, name))


def _take_away(path: str) -> None:
    try:
        st = os.lstat(path)
        if st.st_mode & 0o077 and not stat.S_ISLNK(st.st_mode):
            os.chmod(path, stat.S_IMODE(st.st_mode) & 0o7700)
    except OSError:
        pass
