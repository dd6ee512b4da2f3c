"""The practice flow: speak a question, record the answer, transcribe, report; then the probes.

It knows only the ports (coach.ports), so it runs the same with real devices and with fakes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from coach import meaning, segment
from coach.analysis import Answer, analyse, analyse_probe, budget_for, words_from_text
from coach.audio import RATE, load_audio
from coach.coaching import probe_plan
from coach.errors import AudioFileError
from coach.fillercheck import ClipCheck, ahead
from coach.labels import follow_up_title
from coach.pipeline import answer_from_audio, answer_from_words, filler_check
from coach.ports import WORKER_PREFIX, Ports
from coach.prosody import ProsodyTracker, praat_available
from coach.recorder import Recording, RecordOptions, record
from coach.report import AnswerKind, Report
from coach.story import Probe, Story
from coach.streaming import StreamingTranscriber
from coach.thresholds import NORMS


@dataclass
class SessionResult:
    report: Report  # the last attempt's, with its follow-ups
    recordings: list[Recording] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    attempts: int = 1  # answers to the question (try again)
    stopped: bool = False  # Ctrl-C ended the round early


def ask_question(ports: Ports, question: str, load_model: bool = False) -> None:
    """Print and speak a line; with `load_model`, the model loads (once) while it is spoken."""
    def load() -> None:
        ports.transcriber.load()
        praat_available()  # Praat's import takes a moment too: not on the recording thread
    loader = threading.Thread(target=load, daemon=True, name=f"{WORKER_PREFIX}-load")
    if load_model:
        loader.start()
    ports.say(question)
    ports.speaker.say(question)  # blocks until played: the answer's clock starts after
    if load_model:
        loader.join()


def warm_grading(story: Story, level: str) -> None:
    """Grade the story's own example answer, so what the first report loads once (the meaning tables,
    the story's key ideas, the segmenter's weights: about 0.2 s of CPU, seconds on a busy machine) is
    loaded while the candidate answers, not after Enter."""
    text = " ".join(s.example for s in story.sections if s.example) or story.question
    words = words_from_text(text, NORMS.text_wpm)
    if words:
        analyse(Answer(words, words[-1].end_s, None, estimated=True), story, level)


def _warm_in_background(story: Story, level: str) -> None:
    def warm() -> None:
        try:
            warm_grading(story, level)
        except Exception:  # only a head start: the report after Enter does the same work and says what went wrong
            pass
    threading.Thread(target=warm, daemon=True, name=f"{WORKER_PREFIX}-warm").start()


class WarmAsHeard:
    """Prepares the report while the answer is spoken, on a thread of its own: as the live transcript
    (`stream`) hears new words, it embeds the answer's sentences (coach.meaning.warm) and clause units
    (coach.segment.warm) with the sentence model and, with `check`, hears again the voice-only fillers of the
    chunks closed so far (fillercheck.ahead). After Enter only what was said last is new. Without the model it
    embeds nothing."""

    EVERY_S = 1.0  # a new chunk's words arrive every few seconds at most

    def __init__(self, stream: StreamingTranscriber, check: ClipCheck | None = None):
        self._stream, self._check = stream, check
        self._stop = threading.Event()
        self.passes = 0  # how many times new words were prepared (tests)
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"{WORKER_PREFIX}-warm-live")
        self._thread.start()

    def _run(self) -> None:
        seen = 0
        while not self._stop.wait(self.EVERY_S):
            words = self._stream.heard_words()
            if len(words) == seen:
                continue
            seen = len(words)
            try:
                meaning.warm(" ".join(w.text for w in words))
                segment.warm(words)
                if self._check is not None:
                    ahead(self._check, *self._stream.closed())
            except Exception:  # only a head start: the report does what is missing and says what went wrong
                return
            self.passes += 1

    def stop(self) -> None:
        self._stop.set()


class SoFar:
    """The samples recorded so far, for clips of them while the answer goes on (fillers heard again)."""

    def __init__(self) -> None:
        self._blocks: list[np.ndarray] = []
        self._starts: list[int] = []
        self._n = 0
        self._lock = threading.Lock()

    def feed(self, block: np.ndarray) -> None:
        with self._lock:
            self._starts.append(self._n)
            self._blocks.append(block)
            self._n += len(block)

    def read(self, a: int, b: int) -> np.ndarray:
        with self._lock:
            picked = [(s, x) for s, x in zip(self._starts, self._blocks) if s < b and s + len(x) > a]
        if not picked:
            return np.zeros(0, dtype=np.float32)
        first = picked[0][0]
        return np.concatenate([x for _, x in picked]).astype(np.float32, copy=False)[max(0, a - first): b - first]


class PendingAnswer:
    """A recorded answer whose transcription may still be running.

    With streaming, most of the answer was transcribed while it was spoken; what is left (the last
    chunk, or more on a busy machine) finishes on a thread, so a mock interview can go on to its next
    question meanwhile. `left_s` says how much audio is still to transcribe; `result` waits for it.
    """

    def __init__(self, rec: Recording, finish: Callable[[], Answer], left: Callable[[], float] = lambda: 0.0,
                 background: bool = False):
        self.rec = rec
        self._finish, self._left = finish, left
        self._answer: Answer | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self.started = time.monotonic()
        if background:
            threading.Thread(target=self._run, daemon=True, name=f"{WORKER_PREFIX}-finish").start()
        else:
            self._run()

    def _run(self) -> None:
        try:
            self._answer = self._finish()
        except BaseException as exc:  # raised again by result(), in the flow's thread
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def left_s(self) -> float:
        return 0.0 if self.done else self._left()

    def wait(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the transcription to finish (at once when it does); True when done."""
        return self._done.wait(timeout_s)

    def result(self) -> Answer:
        self._done.wait()
        if isinstance(self._error, AudioFileError):  # nothing was said: a report that says so, not a crash
            return Answer((), self.rec.seconds, str(self.rec.path), notes=(str(self._error).split(": ")[-1],))
        if self._error is not None:
            raise self._error
        assert self._answer is not None
        return self._answer


def wait_for(ports: Ports, pending: Sequence[PendingAnswer], what: str = "your answer",
             limit_s: float | None = None) -> bool:
    """Wait for transcriptions to finish, saying what is left as it goes; False if `limit_s` passed first."""
    start = time.monotonic()
    while not all(p.done for p in pending):
        waited = time.monotonic() - start
        if limit_s is not None and waited >= limit_s:
            return False
        if ports.status and waited >= 0.3:
            left = sum(p.left_s for p in pending)
            ports.status(f"Transcribing {what}: {left:.0f} s of audio still to hear ({waited:.0f} s so far)…"
                         if left >= 1 else f"Transcribing the end of {what} ({waited:.0f} s so far)…")
        # Wakes the moment the answer is ready, not at the next tenth of a second: the report is not kept waiting.
        # The last one may finish between the check above and this line (a race seen in CI): then none is left.
        unfinished = next((p for p in pending if not p.done), None)
        if unfinished is not None:
            unfinished.wait(0.1)
    return True


def record_answer(ports: Ports, path: Path, opts: RecordOptions, kind: AnswerKind = "main", question: str = "", *,
                  story: str | None = None, principle: str | None = None,
                  probe: int | None = None) -> tuple[Recording, Answer]:
    """Record one answer and transcribe it, saying what is left to transcribe while the user waits."""
    pending = start_answer(ports, path, opts, kind, question, story=story, principle=principle, probe=probe)
    ended = time.monotonic()
    wait_for(ports, [pending])
    answer = pending.result()
    ports.say(f"Transcribed {time.monotonic() - ended:.1f} s after the answer ended.")
    return pending.rec, answer


def start_answer(ports: Ports, path: Path, opts: RecordOptions, kind: AnswerKind = "main", question: str = "", *,
                 story: str | None = None, principle: str | None = None, probe: int | None = None) -> PendingAnswer:
    """Record one answer; its transcription finishes in the background (see PendingAnswer). The keeper
    lists the answer from the moment it starts."""
    stream = StreamingTranscriber(ports.transcriber) if ports.streaming else None
    prosody = ProsodyTracker() if stream else None  # pitch and loudness, two seconds at a time as they come
    so_far = SoFar() if stream else None  # the samples, for clips of fillers heard again while it goes on
    check = filler_check(ports.transcriber, so_far.read) if so_far else None
    warmer = WarmAsHeard(stream, check) if stream else None

    def on_block(block: np.ndarray) -> None:
        assert stream is not None and prosody is not None and so_far is not None
        stream.feed(block)
        prosody.feed(block)
        so_far.feed(block)

    def started() -> None:
        if ports.keeper:  # listed (and recoverable) from now on
            ports.keeper.begin(kind, question, path, story=story, principle=principle, probe=probe)
        ports.say("Recording: press Enter when you finish (Tab marks the next STAR section)." if opts.section is None
                  else "Recording: press Enter when you finish.")  # one part: nothing to mark
    try:
        rec = record(ports.new_input(), ports.keys, path, opts, ports.on_tick, on_block if stream else None,
                     on_start=started, live_section=stream.current_section if stream and not opts.section else None,
                     behind=(lambda: stream.behind_s) if stream else None)
    except BaseException:
        if warmer:
            warmer.stop()
        if stream:
            stream.finish()
        raise
    if warmer:
        warmer.stop()  # what is left is the last sentence: the report embeds it
    if ports.status:
        ports.status("")  # the live line ends with the recording
    notes: tuple[str, ...] = (f"Recording ended at the {rec.seconds:.0f} s cap.",) if rec.ended_by == "cap" else ()
    if rec.ended_by == "interrupt":
        notes += (f"Stopped with Ctrl-C after {rec.seconds:.0f} s: graded as far as it went.",)
        ports.say(f"Ctrl-C: recording stopped after {rec.seconds:.0f} s. Grading what was recorded "
                  "(Ctrl-C again to leave without a report; the audio is kept).")
    else:
        ports.say(f"Recorded {rec.seconds:.0f} s ({_ENDED[rec.ended_by]}).")
    if stream is None:
        return PendingAnswer(rec, lambda: answer_from_audio(load_audio(rec.path), ports.transcriber, str(rec.path),
                                                            rec.marks, notes, chunked=False))

    def finish() -> Answer:  # everything was heard on the way: the recording need not be read back
        assert stream is not None and prosody is not None
        track = prosody.finish_in_background()  # its last two seconds, while the transcriber finishes
        words = stream.finish()
        samples = round(rec.seconds * RATE)
        return answer_from_words(None, words, str(rec.path), rec.marks, notes, stream.voice_mask(samples), samples,
                                 track(), check)

    return PendingAnswer(rec, finish, lambda: stream.behind_s, background=True)


_ENDED = {"enter": "Enter pressed", "silence": "silence after the answer", "cap": "time cap reached",
          "end-of-input": "input ended", "interrupt": "Ctrl-C"}


def practice(story: Story, level: str, angle: str | None, probes: int, ports: Ports, folder: Path,
             end_silence_s: float = NORMS.end_silence_s, try_again: bool = True) -> SessionResult:
    """One practice round: the question, the answer and its report, then up to `probes` follow-ups.

    After the report, one key (r) answers the same question again; the new report says what changed
    against the last attempt. Ctrl-C during an answer grades what was recorded and ends the round.
    """
    folder.mkdir(parents=True, exist_ok=True)
    budget = budget_for(story, level)
    opts = RecordOptions(end_silence_s=end_silence_s, cap_s=NORMS.cap_factor * budget.target_s,
                         targets=budget.section_targets)
    ask_question(ports, story.question, load_model=True)
    _warm_in_background(story, level)  # in the answer's first seconds, when the transcriber has little to do
    result: SessionResult | None = None
    previous: Report | None = None
    attempt = 1
    while True:
        rec, answer = record_answer(ports, folder / f"answer-{attempt}.wav", opts, "main", story.question)
        report = analyse(answer, story, level, angle)
        ports.show(report, "Your answer" if attempt == 1 else f"Your answer, attempt {attempt}")
        if previous is not None and ports.show_changes:
            ports.show_changes(previous, report, attempt - 1)
        if ports.keeper:
            ports.keeper.keep("main", story.question, rec.path, report)
        if result is None:
            result = SessionResult(report, [rec], [story.question])
        else:
            result.report, result.attempts = report, result.attempts + 1
            result.recordings.append(rec)
            result.questions.append(story.question)
        if rec.ended_by == "interrupt":
            result.stopped = True
            return result
        then = "go on to the follow-up questions" if probes else "finish"
        if not try_again or not choose(ports, f"Press r to answer this question again, or Enter to {then}.", "r"):
            break
        previous, attempt = report, attempt + 1
        ask_question(ports, story.question)
    probe_reports = []
    generic = generic_for(ports, story)
    for i, (index, probe) in enumerate(probe_plan(story, result.report, probes, generic), 1):
        probe_report, probe_rec = ask_probe(ports, story, level, probe, index, folder / f"probe-{i}.wav", generic)
        probe_reports.append(probe_report)
        result.recordings.append(probe_rec)
        result.questions.append(probe.question)
        if probe_rec.ended_by == "interrupt":
            result.stopped = True
            break
    result.report = replace(result.report, probes=tuple(probe_reports))
    return result


def choose(ports: Ports, prompt: str, key: str) -> bool:
    """Ask for one key after a report: True when it is pressed, False for Enter (or with no keyboard)."""
    if ports.choose is None:
        return False
    ports.keys.clear()  # keys pressed before the prompt do not answer it; one pressed once it is shown does
    ports.say(prompt)
    return ports.choose((key, "enter")) == key


def ask_probe(ports: Ports, story: Story | None, level: str, probe: Probe, index: int,
              path: Path, generic: Sequence[Probe] = ()) -> tuple[Report, Recording]:
    ask_question(ports, probe.question)
    rec, answer = record_answer(ports, path, RecordOptions(cap_s=PROBE_CAP_S, section=FOLLOW_UP), "probe",
                                probe.question, probe=index)
    report = analyse_probe(answer, probe, index, story, level, generic=generic)
    ports.show(report, follow_up_title(index, story.principle if story else None))
    if ports.keeper:
        ports.keeper.keep("probe", probe.question, rec.path, report)
    return report, rec


def generic_for(ports: Ports, story: Story) -> tuple[Probe, ...]:
    """The principle's generic probes, for a story with none of its own."""
    return () if story.probes else tuple(ports.generic_probes(story.principle))


PROBE_CAP_S = 120.0  # a follow-up answer is a minute or so; two is the cap
FOLLOW_UP = "Follow-up"  # what the live line calls a follow-up answer (not split into STAR sections)
