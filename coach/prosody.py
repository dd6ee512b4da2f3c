"""Pitch and loudness of an answer, tracked chunk by chunk while it is recorded.

Pitch is Praat's autocorrelation tracker (Boersma 1993) through
praat-parselmouth, which ships Praat itself: the speech-science standard,
offline. Loudness is the level of each 20 ms frame in dBFS
(`voice.frame_energy_db`). `ProsodyTracker` takes audio block by block and
analyses it two seconds at a time with a little overlap, so when the
candidate presses Enter at most two seconds are left to analyse; a file on
disk goes through the same tracker, so a live answer and its recording give
the same figures. What the figures mean, and the Track itself, are `coach/delivery.py`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coach.audio import RATE
from coach.delivery import LEVEL_FRAME_S, PITCH_STEP_S, Track
from coach.ports import WORKER_PREFIX
from coach.voice import frame_energy_db

_PITCH_HOP = int(PITCH_STEP_S * RATE)
_LEVEL_HOP = int(LEVEL_FRAME_S * RATE)


@dataclass(frozen=True)
class PitchOptions:
    # Praat's defaults for "To Pitch (ac)" on speech of unknown sex: 75-600 Hz.
    # Octave errors the tracker still makes are removed in coach/delivery.py.
    floor_hz: float = 75.0
    ceiling_hz: float = 600.0
    step_s: float = 2.0  # analyse this much new audio at a time
    pad_s: float = 0.2  # context either side of a step (Praat's window at 75 Hz is 40 ms)


_warm = False


def praat_available() -> str | None:
    """None when parselmouth imports (and Praat has run once, so its first-call set-up is not paid on the
    recording thread); otherwise what to do about it."""
    global _warm
    try:
        import parselmouth
    except ImportError:
        return "pitch not measured: praat-parselmouth is not installed (pip install praat-parselmouth)"
    if not _warm:
        parselmouth.Sound(np.zeros(RATE // 10), sampling_frequency=RATE).to_pitch_ac(time_step=PITCH_STEP_S)
        _warm = True
    return None


def pitch_of(audio: np.ndarray, opts: PitchOptions = PitchOptions()) -> tuple[np.ndarray, np.ndarray]:
    """Praat's pitch track of a 16 kHz buffer: frame times (s from the buffer's start) and Hz (0 = unvoiced)."""
    import parselmouth

    if len(audio) < int(3 / opts.floor_hz * RATE) + 1:
        return np.zeros(0), np.zeros(0)
    sound = parselmouth.Sound(np.asarray(audio, dtype=np.float64), sampling_frequency=RATE)
    pitch = sound.to_pitch_ac(time_step=PITCH_STEP_S, pitch_floor=opts.floor_hz, pitch_ceiling=opts.ceiling_hz)
    return np.asarray(pitch.xs()), np.nan_to_num(pitch.selected_array["frequency"])


@dataclass
class ProsodyTracker:
    """Feed it the recording block by block; `finish` returns the whole answer's Track.

    Each step analyses [done - pad, done + step + pad) and keeps the frames in
    [done, done + step): every frame is computed with context on both sides,
    once. Steps start on multiples of 20 ms, so level frames line up too.
    """

    opts: PitchOptions = PitchOptions()
    _blocks: list[np.ndarray] = field(default_factory=list)
    _buffered: int = 0
    _buf_start: int = 0  # sample index of the first buffered sample
    _done: int = 0  # frames before this sample index are final
    _pitch: list[np.ndarray] = field(default_factory=list)
    _level: list[np.ndarray] = field(default_factory=list)
    _note: str | None = None

    def __post_init__(self) -> None:
        self._note = praat_available()
        step = int(round(self.opts.step_s * RATE / _LEVEL_HOP)) * _LEVEL_HOP
        pad = int(round(self.opts.pad_s * RATE / _LEVEL_HOP)) * _LEVEL_HOP
        self._step, self._pad = max(step, _LEVEL_HOP), pad

    def feed(self, block: np.ndarray) -> None:
        if block.size == 0:
            return
        self._blocks.append(np.asarray(block, dtype=np.float32).reshape(-1))
        self._buffered += block.size
        while self._buf_start + self._buffered >= self._done + self._step + self._pad:
            self._analyse(self._done + self._step)

    def finish(self) -> Track:
        end = self._buf_start + self._buffered
        while self._done < end - (end % _LEVEL_HOP):
            self._analyse(min(self._done + self._step, end - (end % _LEVEL_HOP)))
        pitch = np.concatenate(self._pitch) if self._pitch else np.zeros(0)
        level = np.concatenate(self._level) if self._level else np.zeros(0, dtype=np.float32)
        return Track(pitch, level, available=self._note is None, note=self._note or "")

    def finish_in_background(self) -> Callable[[], Track]:
        """finish() on a thread of its own, so it overlaps the transcriber's last chunk; call the result to
        wait for the Track."""
        done: list[Track] = []
        thread = threading.Thread(target=lambda: done.append(self.finish()), daemon=True, name=f"{WORKER_PREFIX}-prosody")
        thread.start()

        def result() -> Track:
            thread.join()
            return done[0] if done else self.finish()
        return result

    def _audio(self) -> np.ndarray:
        audio = np.concatenate(self._blocks) if len(self._blocks) > 1 else self._blocks[0]
        self._blocks = [audio]
        return audio

    def _analyse(self, upto: int) -> None:
        """Final frames for samples [done, upto)."""
        audio = self._audio()
        lo = max(self._buf_start, self._done - self._pad)
        hi = min(self._buf_start + len(audio), upto + self._pad)
        chunk = audio[lo - self._buf_start: hi - self._buf_start]
        first, last = self._done // _PITCH_HOP, upto // _PITCH_HOP
        pitch = np.zeros(last - first)
        if self._note is None:
            times, hz = pitch_of(chunk, self.opts)
            idx = np.round((times + lo / RATE) / PITCH_STEP_S - 0.5).astype(int) - first
            keep = (idx >= 0) & (idx < len(pitch))
            pitch[idx[keep]] = hz[keep]
        self._pitch.append(pitch)
        self._level.append(frame_energy_db(audio[self._done - self._buf_start: upto - self._buf_start], LEVEL_FRAME_S))
        self._done = upto
        # Keep only what the next step needs as left context.
        drop = max(0, self._done - self._pad - self._buf_start)
        if drop:
            self._blocks = [audio[drop:]]
            self._buf_start += drop
            self._buffered -= drop


def track_of(audio: np.ndarray, opts: PitchOptions = PitchOptions()) -> Track:
    """The Track of a whole recording, through the same steps as a live one."""
    tracker = ProsodyTracker(opts)
    tracker.feed(audio)
    return tracker.finish()
