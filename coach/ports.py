"""The ports: everything the session flows (practice, mock, study) call on the world, and nothing else.

A microphone or a file is an `AudioInput`, a voice is a `Speaker`, the keyboard is `Keys`, speech to
text is a `Transcriber`, the history is a `Keeper`; `Ports` bundles them with the places the flows
print to.
Real adapters (coach.devices, coach.audio, coach.transcribe, coach.keeper) and the fakes in tests
both fit these, so a flow runs the same with either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from coach.report import AnswerKind, Report, Word
from coach.story import Probe

# Threads that may be in native code (the transcriber, the sentence model warming up, speech synthesis) are
# named with this prefix: the shell must not tear the interpreter down under one of them, since CTranslate2 and
# ONNX Runtime abort the process (exit 134 or 139) when their threads are destroyed mid-call. coach.cli.main
# leaves at once instead when one is still running.
WORKER_PREFIX = "coach-worker"


class AudioInput(Protocol):
    rate: int

    @property
    def finished(self) -> bool:
        """True once the input has nothing more to give (a file read to its end); a microphone never is."""
        ...

    def start(self) -> None: ...

    def read(self, timeout: float) -> np.ndarray | None: ...

    def stop(self) -> None: ...


class Speaker(Protocol):
    def say(self, text: str) -> None: ...


class Keys(Protocol):
    def poll(self) -> str | None: ...

    def clear(self) -> None: ...


class Transcriber(Protocol):
    name: str

    def load(self) -> None:
        """Load the model now (safe from a background thread), so the first answer need not wait for it."""
        ...

    def transcribe(self, audio: np.ndarray) -> list[Word]:
        """Words with times in seconds from the start of `audio` (float32, 16 kHz mono)."""
        ...


class Keeper(Protocol):
    """Keeps a session's answers as they happen (coach.keeper.SessionKeeper), so a crash loses none."""

    def begin(self, kind: AnswerKind, question: str, audio: Path, *, story: str | None = None,
              principle: str | None = None, probe: int | None = None) -> None:
        """A recording has started, its WAV already on disk; `probe`: which of the story's probes (1-based)."""
        ...

    def keep(self, kind: AnswerKind, question: str, audio: Path, report: Report, *, story: str | None = None,
             principle: str | None = None) -> None:
        """The answer recorded at `audio` is graded."""
        ...


class QuietSpeaker:
    """--no-speak, no output device, or a benchmark: the question is only printed."""

    def say(self, text: str) -> None:
        pass


class NoKeys:
    """No keyboard: for inputs that end by themselves (the demo's sample answer, benchmarks)."""

    def poll(self) -> None:
        return None

    def clear(self) -> None:
        pass


@dataclass
class Tick:
    """What the live screen shows while recording."""

    seconds: float
    level_db: float
    speaking: bool
    marks: int
    silent_for: float
    section: str | None = None  # the STAR section being told: from Tab marks, else from what was heard so far
    section_s: float = 0.0  # seconds spent in it
    section_target_s: float | None = None
    sure: bool = False  # the section is known (Tab marks, or the one section being said), not guessed
    behind_s: float = 0.0  # seconds of recorded audio still waiting for the transcriber


@dataclass
class Ports:
    speaker: Speaker
    new_input: Callable[[], AudioInput]
    keys: Keys
    transcriber: Transcriber
    say: Callable[[str], None]  # print a line to the user
    show: Callable[[Report, str], None]  # render a report
    on_tick: Callable[[Tick], None] | None = None
    keeper: Keeper | None = None  # None: the session is not kept (--no-save, study mode, tests)
    # Transcribe while recording (the real transcriber); fakes that return a whole answer set False.
    streaming: bool = False
    # The generic follow-up probes of a principle, for a story with none of its own
    # (coach.stories.generic_probes); none by default.
    generic_probes: Callable[[str], Sequence[Probe]] = lambda principle: ()
    # A transient line saying what is under way (transcription left); "" clears it. None: nothing shown.
    status: Callable[[str], None] | None = None
    # Waits for one of the given keys ("r", "enter") after a report; None: no keyboard, the flow goes on.
    choose: Callable[[Sequence[str]], str] | None = None
    # Shows what changed between the last attempt's report and this one's (try again): (last, new, last's number).
    show_changes: Callable[[Report, Report, int], None] | None = None
