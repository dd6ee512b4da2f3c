"""The practice flow: speak a question, record the answer, transcribe, report; then the probes.

It knows only the ports (coach.ports), so it runs the same with real devices and with fakes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from coach.analysis import Answer, analyse, analyse_probe, budget_for
from coach.audio import RATE, load_audio
from coach.coaching import probe_plan
from coach.pipeline import answer_from_audio, answer_from_words
from coach.ports import Ports
from coach.prosody import ProsodyTracker, praat_available
from coach.recorder import Recording, RecordOptions, record
from coach.report import AnswerKind, Report
from coach.story import Probe, Story
from coach.streaming import StreamingTranscriber
from coach.thresholds import NORMS


@dataclass
class SessionResult:
    report: Report
    recordings: list[Recording] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def ask_question(ports: Ports, question: str, load_model: bool = False) -> None:
    """Print and speak a line; with `load_model`, the model loads (once) while it is spoken."""
    def load() -> None:
        ports.transcriber.load()
        praat_available()  # Praat's import takes a moment too: not on the recording thread
    loader = threading.Thread(target=load, daemon=True)
    if load_model:
        loader.start()
    ports.say(question)
    ports.speaker.say(question)  # blocks until played: the answer's clock starts after
    if load_model:
        loader.join()


def record_answer(ports: Ports, path: Path, opts: RecordOptions, kind: AnswerKind = "main", question: str = "", *,
                  story: str | None = None, principle: str | None = None,
                  probe: int | None = None) -> tuple[Recording, Answer]:
    """Record one answer to `path` and transcribe it; the keeper lists it from the moment it starts."""
    stream = StreamingTranscriber(ports.transcriber) if ports.streaming else None
    prosody = ProsodyTracker() if stream else None  # pitch and loudness, two seconds at a time as they come

    def on_block(block: np.ndarray) -> None:
        assert stream is not None and prosody is not None
        stream.feed(block)
        prosody.feed(block)

    def started() -> None:
        if ports.keeper:  # listed (and recoverable) from now on
            ports.keeper.begin(kind, question, path, story=story, principle=principle, probe=probe)
        ports.say("Recording: press Enter when you finish (Tab marks the next STAR section).")
    try:
        rec = record(ports.new_input(), ports.keys, path, opts, ports.on_tick, on_block if stream else None,
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
    if stream and prosody:  # everything was heard on the way: the recording need not be read back
        track = prosody.finish_in_background()  # its last two seconds, while the transcriber finishes
        words = stream.finish()
        samples = round(rec.seconds * RATE)
        answer = answer_from_words(None, words, str(rec.path), rec.marks, notes, stream.voice_mask(samples), samples,
                                   track())
    else:
        answer = answer_from_audio(load_audio(rec.path), ports.transcriber, str(rec.path), rec.marks, notes,
                                   chunked=False)
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
    if ports.keeper:
        ports.keeper.keep("main", story.question, rec.path, report)
    result = SessionResult(report, [rec], [story.question])
    probe_reports = []
    for i, (index, probe) in enumerate(probe_plan(story, report, probes, generic_for(ports, story)), 1):
        probe_report, probe_rec = ask_probe(ports, story, level, probe, index, folder / f"probe-{i}.wav")
        probe_reports.append(probe_report)
        result.recordings.append(probe_rec)
        result.questions.append(probe.question)
    result.report = replace(report, probes=tuple(probe_reports))
    return result


def ask_probe(ports: Ports, story: Story | None, level: str, probe: Probe, index: int,
              path: Path) -> tuple[Report, Recording]:
    ask_question(ports, probe.question)
    rec, answer = record_answer(ports, path, RecordOptions(cap_s=PROBE_CAP_S), "probe", probe.question, probe=index)
    report = analyse_probe(answer, probe, index, story, level)
    ports.show(report, "Follow-up")
    if ports.keeper:
        ports.keeper.keep("probe", probe.question, rec.path, report)
    return report, rec


def generic_for(ports: Ports, story: Story) -> tuple[Probe, ...]:
    """The principle's generic probes, for a story with none of its own."""
    return () if story.probes else tuple(ports.generic_probes(story.principle))


PROBE_CAP_S = 120.0  # a follow-up answer is a minute or so; two is the cap
