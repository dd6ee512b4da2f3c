"""The practice loop: speak a question, record the answer, transcribe, report; then the probes.

It knows only small ports (a speaker, an audio input, keys, a transcriber,
a place to print), so it runs the same with real devices and with fakes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from coach.analysis import Answer, analyse, analyse_probe, budget_for
from coach.audio import RATE, WavWriter, load_audio
from coach.coaching import probe_plan
from coach.pipeline import answer_from_audio, answer_from_words
from coach.report import Report
from coach.stories import Probe, Story
from coach.streaming import StreamingTranscriber
from coach.thresholds import NORMS, SECTIONS
from coach.transcribe import Transcriber


class AudioInput(Protocol):
    rate: int

    def start(self) -> None: ...

    def read(self, timeout: float) -> np.ndarray | None: ...

    def stop(self) -> None: ...


class Speaker(Protocol):
    def say(self, text: str) -> None: ...


class Keys(Protocol):
    def poll(self) -> str | None: ...

    def clear(self) -> None: ...


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


@dataclass(frozen=True)
class RecordOptions:
    end_silence_s: float = NORMS.end_silence_s
    cap_s: float = 350.0
    speech_db: float = -45.0  # a block louder than this (dBFS) is speech
    targets: dict[str, float] | None = None  # section targets, for the live screen


def _current_section(marks: list[float], now: float,
                     live: Callable[[], tuple[str, float] | None] | None) -> tuple[str | None, float]:
    """Tab marks win; without them, the streaming transcript's latest section; else unknown."""
    if marks:
        return SECTIONS[min(len(marks), len(SECTIONS) - 1)], marks[-1]
    guess = live() if live else None
    return (guess[0], guess[1]) if guess else (None, now)


@dataclass(frozen=True)
class Recording:
    path: Path
    seconds: float
    marks: tuple[float, ...]
    ended_by: str  # enter / silence / cap / end-of-input


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


def record(source: AudioInput, keys: Keys, path: Path, opts: RecordOptions,
           on_tick: Callable[[Tick], None] | None = None,
           on_block: Callable[[np.ndarray], None] | None = None,
           on_start: Callable[[], None] | None = None,
           live_section: Callable[[], tuple[str, float] | None] | None = None) -> Recording:
    """Record until Enter, end-of-answer silence, the cap, or the end of the input.

    Every block goes to the WAV on disk as it arrives; on any error or
    Ctrl-C the file is closed with what was recorded. `on_start` runs once
    the input is capturing and the WAV exists, so a "Recording" prompt it
    prints is true the moment the candidate reads it.
    """
    writer = WavWriter(path)
    marks: list[float] = []
    started = False
    silent_for = 0.0
    ended_by = "end-of-input"
    keys.clear()
    try:
        source.start()
        if on_start:
            on_start()  # blocks captured meanwhile wait in the input's queue
        while True:
            block = source.read(0.05)
            key = keys.poll()
            if key == "enter":
                ended_by = "enter"
                break
            if key == "tab":
                marks.append(round(writer.seconds, 3))
            if block is None:
                if getattr(source, "finished", False):
                    break
                continue
            if block.size == 0:
                continue
            writer.write(block)
            if on_block:
                on_block(block)
            level = 20 * float(np.log10(np.sqrt(np.mean(block.astype(np.float64) ** 2)) + 1e-9))
            if level > opts.speech_db:
                started, silent_for = True, 0.0
            else:
                silent_for += block.size / RATE
            if on_tick:
                section, since = _current_section(marks, writer.seconds, live_section)
                target = opts.targets.get(section) if section and opts.targets else None
                on_tick(Tick(writer.seconds, level, level > opts.speech_db, len(marks), silent_for, section,
                             writer.seconds - since, target))
            if started and silent_for >= opts.end_silence_s:
                ended_by = "silence"
                break
            if writer.seconds >= opts.cap_s:
                ended_by = "cap"
                break
    finally:
        source.stop()
        writer.close()
    return Recording(path, writer.seconds, tuple(marks), ended_by)


@dataclass
class Ports:
    speaker: Speaker
    new_input: Callable[[], AudioInput]
    keys: Keys
    transcriber: Transcriber
    say: Callable[[str], None]  # print a line to the user
    show: Callable[[Report, str], None]  # render a report
    on_tick: Callable[[Tick], None] | None = None
    # Keeps each answer as soon as it is graded: (kind, question, recording, report, story=, principle=).
    keep: Callable[..., None] | None = None
    # Called when a recording starts, its WAV already on disk: (kind, question, path, story=, principle=).
    begin: Callable[..., None] | None = None
    # Transcribe while recording (the real transcriber); fakes that return a whole answer set False.
    streaming: bool = False


@dataclass
class SessionResult:
    report: Report
    recordings: list[Recording] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def ask_question(ports: Ports, question: str, load_model: bool = False) -> None:
    """Print and speak a line; with `load_model`, the model loads (once) while it is spoken."""
    loader = threading.Thread(target=getattr(ports.transcriber, "load", lambda: None), daemon=True)
    if load_model:
        loader.start()
    ports.say(question)
    ports.speaker.say(question)  # blocks until played: the answer's clock starts after
    if load_model:
        loader.join()


def record_answer(ports: Ports, path: Path, opts: RecordOptions, kind: str = "main", question: str = "",
                  **story: str | None) -> tuple[Recording, Answer]:
    stream = StreamingTranscriber(ports.transcriber) if ports.streaming else None

    def started() -> None:
        if ports.begin:
            ports.begin(kind, question, path, **story)  # listed (and recoverable) from now on
        ports.say("Recording: press Enter when you finish (Tab marks the next STAR section).")
    try:
        rec = record(ports.new_input(), ports.keys, path, opts, ports.on_tick, stream.feed if stream else None,
                     on_start=started, live_section=stream.current_section if stream else None)
    except BaseException:
        if stream:
            stream.finish()
        raise
    ended = time.monotonic()
    behind = stream.behind_s if stream else 0.0
    ports.say(f"Recorded {rec.seconds:.0f} s ({_ENDED[rec.ended_by]})."
              + (f" Catching up on {behind:.0f} s of audio…" if behind > 3 else " Transcribing…"))
    notes = (f"Recording ended at the {rec.seconds:.0f} s cap.",) if rec.ended_by == "cap" else ()
    if stream:  # everything was heard on the way: the recording need not be read back
        words = stream.finish()
        samples = round(rec.seconds * RATE)
        answer = answer_from_words(None, words, str(rec.path), rec.marks, notes, stream.voice_mask(samples), samples)
    else:
        answer = answer_from_audio(load_audio(rec.path), ports.transcriber, str(rec.path), rec.marks, notes)
    ports.say(f"Transcribed {time.monotonic() - ended:.1f} s after the answer ended.")
    return rec, answer


_ENDED = {"enter": "Enter pressed", "silence": "silence after the answer", "cap": "time cap reached",
          "end-of-input": "input ended"}


def practice(story: Story, level: str, angle: str | None, probes: int, ports: Ports, folder: Path,
             end_silence_s: float = NORMS.end_silence_s) -> SessionResult:
    """One practice round: the question, the answer and its report, then up to `probes` follow-ups."""
    folder.mkdir(parents=True, exist_ok=True)
    budget = budget_for(story, level)
    opts = RecordOptions(end_silence_s=end_silence_s, cap_s=NORMS.cap_factor * budget.target_s,
                         targets=budget.section_targets)
    ask_question(ports, story.question, load_model=True)
    rec, answer = record_answer(ports, folder / "answer-1.wav", opts, "main", story.question)
    report = analyse(answer, story, level, angle)
    ports.show(report, "Your answer")
    if ports.keep:
        ports.keep("main", story.question, rec, report)
    result = SessionResult(report, [rec], [story.question])
    probe_reports = []
    for i, (index, probe) in enumerate(probe_plan(story, report, probes), 1):
        probe_report, probe_rec = ask_probe(ports, story, level, probe, index, folder / f"probe-{i}.wav")
        probe_reports.append(probe_report)
        result.recordings.append(probe_rec)
        result.questions.append(probe.question)
    result.report = replace(report, probes=tuple(probe_reports))
    return result


def ask_probe(ports: Ports, story: Story | None, level: str, probe: Probe, index: int,
              path: Path) -> tuple[Report, Recording]:
    ask_question(ports, probe.question)
    rec, answer = record_answer(ports, path, RecordOptions(cap_s=PROBE_CAP_S), "probe", probe.question)
    report = analyse_probe(answer, probe, index, story, level)
    ports.show(report, "Follow-up")
    if ports.keep:
        ports.keep("probe", probe.question, rec, report)
    return report, rec


PROBE_CAP_S = 120.0  # a follow-up answer is a minute or so; two is the cap
