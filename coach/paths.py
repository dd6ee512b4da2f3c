"""Where coach keeps its files: bundled stories and sample answers, models, and the user's data directory.

The repository's top-level `stories/` folder ships inside the package as
`coach.bundled` (mapped at build time, see pyproject.toml) and is found through
importlib.resources, so an installed wheel, an editable install and a checkout
all read the same files. A user's own stories and models live in the data directory.
"""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent  # the checkout, when coach runs from one


def _bundled_dir() -> Path:
    try:
        root = resources.files("coach.bundled")
    except ModuleNotFoundError:  # run from a checkout without being installed
        return PROJECT_DIR / "stories"
    if not isinstance(root, Path):  # e.g. a zipped install: the samples must be files on disk
        raise RuntimeError(f"coach's bundled stories are not on disk ({root}); install coach with pip, pipx or uv")
    return root


BUNDLED_STORIES = _bundled_dir()
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


def model_dirs() -> list[Path]:
    """Where a model named by folder is looked for: the data directory's models/, then a checkout's models/."""
    dirs = [data_dir() / "models"]
    if (PROJECT_DIR / "pyproject.toml").is_file() and (PROJECT_DIR / "models").is_dir():
        dirs.append(PROJECT_DIR / "models")
    return dirs
