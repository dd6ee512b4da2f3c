"""Errors a user can act on. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class CoachError(Exception):
    """Base class: the message is one line that says what to do."""

    exit_code = 2


class StoryError(CoachError):
    """A story file is missing, unreadable or invalid (message is FILE:LINE: what)."""


class UnknownStory(CoachError):
    """No story with that id."""


class AudioFileError(CoachError):
    """An audio file cannot be read, or holds no speech."""


class DeviceError(CoachError):
    """No usable input or output device."""


class ModelError(CoachError):
    """The speech model is missing or broken."""


class StoreError(CoachError):
    """The data directory cannot be written."""
