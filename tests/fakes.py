"""Fakes loaded in advance: a microphone that plays audio, a speaker that keeps what it was asked to say,
keys pressed at given times, a transcriber that returns given words."""

from __future__ import annotations

import numpy as np

from coach.analysis import words_from_text
from coach.audio import RATE, FileInput
from coach.report import Word


def speechlike(seconds: float, seed: int = 0) -> np.ndarray:
    """Voiced bursts of a quarter second with short gaps: enough for level and silence logic."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    envelope = (np.sin(2 * np.pi * 1.5 * t) > -0.3).astype(np.float32)
    tone = 0.2 * np.sin(2 * np.pi * 180 * t) + 0.05 * rng.standard_normal(n)
    return (tone * envelope).astype(np.float32)


class RecordingSpeaker:
    def __init__(self):
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


class ScriptedKeys:
    """Keys pressed when the input has delivered given seconds of audio."""

    def __init__(self, source_for_time, presses: list[tuple[float, str]]):
        self.presses = sorted(presses)
        self.source_for_time = source_for_time

    def poll(self):
        t = self.source_for_time()
        if self.presses and t >= self.presses[0][0]:
            return self.presses.pop(0)[1]
        return None

    def clear(self):
        pass


class ListKeeper:
    """A keeper that lists what it was asked to keep: (kind, story) of each graded answer."""

    def __init__(self):
        self.kept: list[tuple[str, str | None]] = []

    def begin(self, kind, question, audio, **where) -> None:
        pass

    def keep(self, kind, question, audio, report, **where) -> None:
        self.kept.append((kind, where.get("story")))


class GivenWordsTranscriber:
    name = "given"

    def __init__(self, texts: list[str], wpm: float = 150.0):
        self.texts = list(texts)
        self.wpm = wpm
        self.calls = 0

    def load(self) -> None:
        pass

    def transcribe(self, audio: np.ndarray) -> list[Word]:
        self.calls += 1
        words = words_from_text(self.texts.pop(0), self.wpm)
        return [Word(w.text, w.start_s + 0.3, w.end_s + 0.3) for w in words]


class Mic(FileInput):
    """FileInput that is not paced in real time."""

    def __init__(self, audio: np.ndarray):
        super().__init__(audio, realtime=False)

    @property
    def seconds(self) -> float:
        return self.pos / RATE
