"""Where coach keeps its files: bundled stories and models, and the user's data directory."""

from __future__ import annotations

import os
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
