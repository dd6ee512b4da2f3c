"""Errors a user can act on. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

import errno


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


def os_error_line(exc: OSError) -> str:
    """A file or folder coach could not use, as one line that says what to do (the command line's last
    resort for an OSError no nearer code explained: a data folder without permission, read-only or full)."""
    where = exc.filename or "a file"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk{' holding ' + str(exc.filename) if exc.filename else ''} is full: free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"cannot use {where} (permission denied): make it yours and writable (`chmod u+rwX`), "
                "or set COACH_HOME to another folder")
    if exc.errno == errno.EROFS:
        return f"cannot write {where} (read-only file system): set COACH_HOME to a writable folder"
    return f"cannot use {where} ({exc.strerror or exc}): check it, or set COACH_HOME to another folder"
