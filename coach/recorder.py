"""The recorder: reads an audio input into a WAV on disk until the answer ends, and reports as it goes.

The answer ends on Enter, on silence after speech, at the cap, or when the input runs out; a Tab
marks the next STAR section. Every block is on disk as it arrives, so a crash loses nothing recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.audio import RATE, WavWriter
from coach.ports import AudioInput, Keys, Tick
from coach.thresholds import NORMS, SECTIONS


@dataclass(frozen=True)
class RecordOptions:
    end_silence_s: float = NORMS.end_silence_s
    cap_s: float = 350.0
    speech_db: float = -45.0  # a block louder than this (dBFS) is speech
    targets: dict[str, float] | None = None  # section targets, for the live screen
    # The one part being said, known for sure: a STAR section in study mode, or "Follow-up" (no STAR split).
    section: str | None = None


class SectionGuess:
    """The live screen's section: sure from Tab marks (or study mode's one section), else a steady guess.

    The streaming transcript's guess of the section being told changes as more is heard and can
    jump back and forth (Action, Reflection, Result). Shown as it comes, it reads as noise. The
    shown guess only moves forward, as an answer does, and only to a section the transcript has
    placed the speaker in for `hold_s` seconds of recording running.
    """

    def __init__(self, fixed: str | None = None, hold_s: float = 4.0):
        self.fixed = fixed
        self.hold_s = hold_s
        self._shown: tuple[str, float] | None = None
        self._candidate: tuple[str, float, float] | None = None  # section, its start, seen since

    def current(self, marks: list[float], now: float,
                live: Callable[[], tuple[str, float] | None] | None) -> tuple[str | None, float, bool]:
        """(section, when it started, sure)."""
        if self.fixed:
            return self.fixed, 0.0, True
        if marks:
            return SECTIONS[min(len(marks), len(SECTIONS) - 1)], marks[-1], True
        guess = live() if live else None
        if guess is not None:
            name, start = guess
            shown = self._shown
            if shown is None or SECTIONS.index(name) > SECTIONS.index(shown[0]):
                if self._candidate is None or self._candidate[0] != name:
                    self._candidate = (name, start, now)
                if shown is None or now - self._candidate[2] >= self.hold_s:
                    self._shown = (name, self._candidate[1])
                    self._candidate = None
            elif name == shown[0]:
                self._candidate = None
        if self._shown is None:
            return None, now, False
        return self._shown[0], self._shown[1], False


@dataclass(frozen=True)
class Recording:
    path: Path
    seconds: float
    marks: tuple[float, ...]
    ended_by: str  # enter / silence / cap / end-of-input / interrupt (Ctrl-C)


def record(source: AudioInput, keys: Keys, path: Path, opts: RecordOptions,
           on_tick: Callable[[Tick], None] | None = None,
           on_block: Callable[[np.ndarray], None] | None = None,
           on_start: Callable[[], None] | None = None,
           live_section: Callable[[], tuple[str, float] | None] | None = None,
           behind: Callable[[], float] | None = None) -> Recording:
    """Record until Enter, end-of-answer silence, the cap, or the end of the input.

    Every block goes to the WAV on disk as it arrives; on any error the file
    is closed with what was recorded. Ctrl-C ends the recording like Enter
    (`ended_by` "interrupt"), so what was said can be graded. `on_start` runs once
    the input is capturing and the WAV exists, so a "Recording" prompt it
    prints is true the moment the candidate reads it. `behind` says how much audio the transcriber
    has still to hear (the live line says so when it falls behind).
    """
    writer = WavWriter(path)
    marks: list[float] = []
    started = False
    silent_for = 0.0
    ended_by = "end-of-input"
    sections = SectionGuess(opts.section)
    keys.clear()
    try:
        source.start()
        if on_start:
            try:
                on_start()  # blocks captured meanwhile wait in the input's queue
            except BaseException:  # e.g. the answer's row could not be made: no WAV without its row
                source.stop()
                writer.close()
                path.unlink(missing_ok=True)
                raise
        while True:
            block = source.read(0.05)
            key = keys.poll()
            if key == "enter":
                ended_by = "enter"
                break
            if key == "tab":
                marks.append(round(writer.seconds, 3))
            if block is None:
                if source.finished:
                    break
                continue
            if block.size == 0:
                continue
            stored = writer.write(block)
            if on_block:  # the samples as the file holds them: what grading the file hears later
                on_block(stored)
            level = 20 * float(np.log10(np.sqrt(np.mean(block.astype(np.float64) ** 2)) + 1e-9))
            if level > opts.speech_db:
                started, silent_for = True, 0.0
            else:
                silent_for += block.size / RATE
            if on_tick:
                section, since, sure = sections.current(marks, writer.seconds, live_section)
                target = opts.targets.get(section) if section and opts.targets else None
                on_tick(Tick(writer.seconds, level, level > opts.speech_db, len(marks), silent_for, section,
                             writer.seconds - since, target, sure, behind() if behind else 0.0))
            if started and silent_for >= opts.end_silence_s:
                ended_by = "silence"
                break
            if writer.seconds >= opts.cap_s:
                ended_by = "cap"
                break
    except KeyboardInterrupt:
        ended_by = "interrupt"
    finally:
        source.stop()
        writer.close()
    return Recording(path, writer.seconds, tuple(marks), ended_by)
