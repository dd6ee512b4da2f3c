"""Streaming transcription with a transcriber that reports each voiced run as a word."""

from __future__ import annotations

import time

import numpy as np
import pytest

from coach.audio import RATE
from coach.report import Word
from coach.streaming import (
    ChunkOptions,
    StreamingTranscriber,
    chunk_transcript,
    find_pause,
    last_parts,
    speech_end,
    transcribe_chunked,
)
from coach.voice import voiced_runs
from tests.fakes import speechlike


class RunsTranscriber:
    """Each voiced run is a word: the truth is known wherever the chunk boundaries fall."""

    def __init__(self, delay_s: float = 0.0):
        self.calls = []
        self.delay_s = delay_s

    def transcribe(self, audio):
        self.calls.append(len(audio) / RATE)
        time.sleep(self.delay_s)
        return [Word("w", a, b) for a, b in voiced_runs(audio)]


def sentences(n: int, seed: int = 0) -> np.ndarray:
    """n two-second 'sentences' separated by 0.6 s pauses."""
    parts = []
    for i in range(n):
        parts += [speechlike(2.0, seed=seed + i), np.zeros(int(0.6 * RATE), dtype=np.float32)]
    return np.concatenate(parts)


def feed(stream, audio, block=1600):
    for i in range(0, len(audio), block):
        stream.feed(audio[i : i + block])


def test_chunks_close_at_pauses_and_words_keep_the_recording_clock():
    audio = sentences(20)
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake)
    feed(stream, audio)
    words = stream.finish()
    truth = voiced_runs(audio)
    assert stream.chunks >= 4  # transcribed in pieces while "recording"
    assert len(words) == len(truth)
    for w, (a, b) in zip(words, truth):
        assert abs(w.start_s - a) < 0.05 and abs(w.end_s - b) < 0.05


def until(condition, timeout_s=30.0):
    """Wait for a worker thread without betting on the machine's speed."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_no_audio_is_dropped_when_the_worker_falls_behind():
    audio = sentences(30)
    stream = StreamingTranscriber(RunsTranscriber(delay_s=0.05))
    feed(stream, audio, block=16000)
    assert stream.behind_s >= 0
    words = stream.finish()
    assert len(words) == len(voiced_runs(audio))


def test_speculation_finishes_at_once_when_the_speaker_stopped():
    audio = np.concatenate([sentences(3), np.zeros(RATE * 2, dtype=np.float32)])
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake, ChunkOptions(min_chunk_s=30))  # no cut: all in the open chunk
    feed(stream, audio)
    end = speech_end(audio)
    parts = [(a, b - a) for a, b in last_parts(audio[:end])]  # what finish() transcribes: two parts here
    assert len(parts) == 2
    assert until(lambda: all(p in stream._specs for p in parts))  # the idle worker speculates on them
    calls_before = len(fake.calls)
    words = stream.finish()
    assert stream.speculations_used == 2 and len(fake.calls) == calls_before  # nothing left to transcribe
    assert len(words) == len(voiced_runs(audio))


def test_speech_after_the_speculation_is_transcribed():
    first = sentences(3)
    stream = StreamingTranscriber(RunsTranscriber(), ChunkOptions(min_chunk_s=30))
    feed(stream, first)
    assert until(lambda: stream.speculated_s > 0)
    feed(stream, speechlike(1.5, seed=9))  # more speech, then Enter at once
    words = stream.finish()  # the speculated part may be reused up to its last pause
    assert len(words) == len(voiced_runs(np.concatenate([first, speechlike(1.5, seed=9)])))


@pytest.mark.parametrize("breath_s", [0.35, 0.2])
def test_a_last_sentence_with_only_short_breaths_leaves_only_its_end_to_transcribe_after_enter(breath_s):
    """Issue 11, Enter to report: an answer that runs on with breaths shorter than a chunk's pause (0.35 s, or
    0.2 s: shorter than the silence a speculation at a pause waits for) is not transcribed again from its last
    long pause at Enter: the speculation made in its last breath is the head of the last chunk, and only the
    words after it are left."""
    breath = np.zeros(int(breath_s * RATE), dtype=np.float32)
    first = np.concatenate([p for i in range(4) for p in (speechlike(2.0, seed=20 + i), breath)])
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake, ChunkOptions(min_chunk_s=30))  # no cut: all in the open chunk
    feed(stream, first)
    assert last_parts(first[: speech_end(first)]) == [(0, speech_end(first))]  # no pause long enough to cut at
    assert until(lambda: any(a == 0 and n > len(first) - 0.4 * RATE for a, n in stream._specs))  # heard in the breath
    calls = len(fake.calls)
    last = speechlike(2.0, seed=30)
    feed(stream, last)  # the last words, then Enter at once
    words = stream.finish()
    assert len(words) == len(voiced_runs(np.concatenate([first, last])))
    assert max(fake.calls[calls:]) < 3.0  # only the last sentence (2 s) heard after the breath, not 11 s


def test_a_run_on_answer_is_heard_on_from_where_its_hearings_end_not_from_its_start():
    """The hearings of a run-on answer made in its breaths follow on from one another, so none of them (nor the
    wait at Enter for one in flight) grows with the answer."""
    breath = np.zeros(int(0.2 * RATE), dtype=np.float32)
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake, ChunkOptions(min_chunk_s=30))
    said = []
    for k in range(3):  # three stretches of two sentences, each ending in a breath
        part = np.concatenate([p for i in range(2) for p in (speechlike(2.0, seed=40 + 2 * k + i), breath)])
        said.append(part)
        feed(stream, part)
        assert until(lambda k=k: len(stream._chain(sum(map(len, said)))) == k + 1)
    assert len(fake.calls) == 3 and max(fake.calls) < 5.0  # 4.4 s each, not 4.4, 8.8 and 13.2 s
    last = speechlike(2.0, seed=50)
    feed(stream, last)
    words = stream.finish()
    assert len(words) == len(voiced_runs(np.concatenate(said + [last])))
    assert max(fake.calls[3:]) < 3.0 and stream.speculations_used == 3


def test_find_pause_needs_a_long_enough_silence():
    opts = ChunkOptions(min_chunk_s=1.0)
    tight = np.concatenate([speechlike(2), np.zeros(int(0.2 * RATE), dtype=np.float32), speechlike(2)])
    assert find_pause(tight, opts) is None
    loose = np.concatenate([speechlike(2), np.zeros(int(0.8 * RATE), dtype=np.float32), speechlike(2)])
    cut = find_pause(loose, opts)
    assert cut is not None and 2.0 * RATE < cut < 2.8 * RATE


def test_the_last_chunk_is_cut_at_its_last_pause_after_a_long_enough_head():
    audio = sentences(4)  # four 2 s sentences, each followed by a 0.6 s pause
    parts = last_parts(audio)
    assert len(parts) == 2 and parts[0] == (0, parts[1][0]) and parts[1][1] == len(audio)
    head_s = parts[0][1] / RATE
    assert 3 * 2.6 - 0.7 < head_s < 3 * 2.6 + 0.1  # the last pause: only the last sentence is left
    short = sentences(1)[: int(2.2 * RATE)]
    assert last_parts(short) == [(0, len(short))]  # no pause after a 3 s head: one part
    head_only = np.concatenate([speechlike(2.0, seed=3), np.zeros(int(0.6 * RATE), dtype=np.float32),
                                speechlike(2.0, seed=4)])
    assert last_parts(head_only) == [(0, len(head_only))]  # the pause comes before 3 s: no cut


def test_the_words_depend_on_the_audio_not_on_the_block_sizes_or_the_worker():
    """The same recording fed in 10 ms, 100 ms or 1 s blocks, or replayed from a file (coach grade),
    is cut into the same chunks and gives the same words."""
    audio = np.concatenate([sentences(18), np.zeros(RATE * 3, dtype=np.float32)])
    results = []
    for block in (160, 1600, 16000, 3331):
        stream = StreamingTranscriber(RunsTranscriber())
        feed(stream, audio, block=block)
        results.append((stream.finish(), sorted(stream.bounds)))  # speculations come and go: not compared
    replayed, mask, bounds = chunk_transcript(audio, RunsTranscriber())
    results.append((replayed, bounds))
    assert all(r == results[0] for r in results), [b for _, b in results]
    assert len(results[0][1]) >= 3 and len(mask) >= len(audio) // 160


def test_silence_before_enter_does_not_change_what_the_last_chunk_hears():
    speech = sentences(3)
    ends = {speech_end(np.concatenate([speech, np.zeros(int(s * RATE), dtype=np.float32)]))
            for s in (0.5, 1.0, 4.0, 12.0)}
    assert len(ends) == 1
    end = ends.pop()
    last_sound = voiced_runs(speech)[-1][1]
    assert last_sound * RATE < end <= (last_sound + 0.35) * RATE
    assert speech_end(np.zeros(RATE, dtype=np.float32)) == 0


def test_a_speculation_is_used_only_when_it_heard_exactly_the_last_chunk():
    audio = np.concatenate([sentences(3), np.zeros(RATE * 2, dtype=np.float32)])
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake, ChunkOptions(min_chunk_s=30))
    feed(stream, audio)
    assert until(lambda: stream.speculated_s > 0)
    spoken = stream.finish()
    replay = StreamingTranscriber(RunsTranscriber(), ChunkOptions(min_chunk_s=30), speculate=False)
    feed(replay, audio)
    assert spoken == replay.finish()


def test_the_voice_mask_is_rebuilt_from_the_chunk_bounds_alone():
    from coach.streaming import chunk_transcript, chunked_voice_mask

    audio = np.concatenate([sentences(12), np.zeros(RATE, dtype=np.float32)])
    words, mask, bounds = chunk_transcript(audio, RunsTranscriber())
    assert len(bounds) >= 2 and np.array_equal(chunked_voice_mask(audio, bounds), mask)


class SampleExactTranscriber:
    """One 'word' per chunk naming a hash of its samples: any difference in what it heard shows."""

    def transcribe(self, audio):
        import hashlib

        digest = hashlib.sha1(np.ascontiguousarray(audio, dtype=np.float32).tobytes()).hexdigest()[:10]
        return [Word(digest, 0.0, len(audio) / RATE)]


def test_a_recording_graded_from_its_file_hears_the_samples_the_live_stream_heard(tmp_path):
    """The stream is fed the samples as the WAV stores them (16-bit), so grading the file afterwards
    transcribes exactly the same chunks."""
    from coach.audio import FileInput, load_audio
    from coach.ports import NoKeys
    from coach.recorder import RecordOptions, record

    audio = np.concatenate([sentences(14, seed=3) * 0.7, np.zeros(RATE * 2, dtype=np.float32)])
    live = StreamingTranscriber(SampleExactTranscriber())
    rec = record(FileInput(audio, realtime=False, block_s=0.0371), NoKeys(), tmp_path / "a.wav",
                 RecordOptions(cap_s=1e9, end_silence_s=1e9), on_block=live.feed)
    heard_live = live.finish()
    heard_later, _ = transcribe_chunked(load_audio(rec.path), SampleExactTranscriber())
    assert len(heard_live) >= 2 and heard_live == heard_later


class TextRunsTranscriber:
    """Each voiced run is a word of a real answer, chosen by the run's samples: the words depend on the
    audio alone, wherever the chunk boundaries fall."""

    def __init__(self) -> None:
        from tests.test_analysis import STRONG

        self.vocab = STRONG.split()

    def load(self) -> None:
        pass

    def transcribe(self, audio):
        import zlib

        out = []
        for a, b in voiced_runs(audio):
            pcm = np.round(audio[int(a * RATE): int(b * RATE)] * 32767).astype(np.int16)
            out.append(Word(self.vocab[zlib.crc32(pcm.tobytes()) % len(self.vocab)], a, b))
        return out


def test_the_live_report_is_the_report_grade_gives_on_the_saved_recording(tmp_path):
    """Issue 11: live equals offline. The words, the voice mask and so the STAR split, statuses and
    section starts a live session reports after Enter are those `coach grade` gives on the saved WAV."""
    from dataclasses import replace

    from coach.analysis import analyse
    from coach.audio import load_audio
    from coach.paths import SAMPLE_ANSWER
    from coach.pipeline import load_answer
    from coach.recorder import RecordOptions
    from coach.session import record_answer
    from coach.stories import load_library
    from tests.test_session import make_ports

    audio = np.concatenate([load_audio(SAMPLE_ANSWER), np.zeros(RATE * 2, dtype=np.float32)])  # a real voice
    ports, _ = make_ports([audio], [], [])
    ports = replace(ports, transcriber=TextRunsTranscriber(), streaming=True)
    rec, live = record_answer(ports, tmp_path / "a.wav", RecordOptions(cap_s=1e9, end_silence_s=1e9))
    offline = load_answer(rec.path, TextRunsTranscriber)
    assert len(live.words) >= 20 and live.words == offline.words
    assert live.voiced_gaps == offline.voiced_gaps
    story = load_library().get("webhook-dlq")
    said_live, said_later = analyse(live, story), analyse(offline, story)
    assert sum(s.status != "missing" for s in said_live.sections) >= 3
    assert said_live.sections == said_later.sections
    assert said_live.pacing == said_later.pacing


def test_a_chunk_closed_at_a_pause_takes_the_speculation_made_in_that_pause():
    """A chunk closes just after the sound before its pause, where a speculation made in the pause stopped: when
    that speculation is done, the chunk's words are ready and the worker does not transcribe it again (at Enter
    only the end of the answer is left, not an 18 s chunk closed in its last seconds)."""
    first = sentences(7)  # 18.2 s, ending in a 0.6 s pause after 17 s of speech
    opts = ChunkOptions(min_chunk_s=17.0)  # that pause is the first that may close a chunk
    fake = RunsTranscriber()
    stream = StreamingTranscriber(fake, opts)
    feed(stream, first)
    whole = (0, speech_end(first))  # the idle worker speculated in the pause: the whole open chunk last
    assert until(lambda: whole in stream._specs)
    heard = list(fake.calls)
    rest = np.concatenate([speechlike(2.0, seed=11), np.zeros(RATE, dtype=np.float32)])
    feed(stream, rest)  # speech goes on: the chunk closes at that pause
    words = stream.finish()
    start, samples = sorted(stream.bounds)[0]
    assert start == 0 and abs(samples / RATE - heard[-1]) < 1e-9  # the chunk is what the speculation heard
    assert stream.speculations_used >= 1
    assert all(abs(c - heard[-1]) > 1e-9 for c in fake.calls[len(heard):])  # ... and was not transcribed again
    replay, _, bounds = chunk_transcript(np.concatenate([first, rest]), RunsTranscriber(), opts)
    assert words == replay and sorted(stream.bounds) == bounds  # grade gives the same words


def test_a_chunk_that_starts_with_digital_silence_does_not_hang_the_live_section():
    """A muted microphone (or a virtual one between sentences) gives exact zeros: the idle worker must not
    store an empty speculation that the live line's walk over speculations then never gets past."""
    import threading

    stream = StreamingTranscriber(RunsTranscriber())
    feed(stream, np.zeros(RATE, dtype=np.float32))
    time.sleep(0.6)  # the worker is idle: it looks at the open chunk for something to speculate on
    done = []
    probe = threading.Thread(target=lambda: done.append(stream.current_section()), daemon=True)
    probe.start()
    probe.join(5)
    assert done == [None]
    speech = sentences(3)
    feed(stream, speech)
    assert len(stream.finish()) == len(voiced_runs(speech))  # and it goes on to hear what follows


def test_the_answer_s_sentences_are_embedded_as_they_are_heard_not_after_enter(monkeypatch):
    """Issue 11, Enter to report under 1 s: the sentence model embeds what the live transcript has heard on
    a thread of its own while the candidate speaks, so after Enter only the last sentence is new."""
    from types import SimpleNamespace

    from coach import session

    heard: list[Word] = []
    warmed: list[str] = []
    monkeypatch.setattr(session.meaning, "warm", warmed.append)
    monkeypatch.setattr(session.WarmAsHeard, "EVERY_S", 0.01)
    warmer = session.WarmAsHeard(SimpleNamespace(heard_words=lambda: list(heard)))
    for i, text in enumerate("I traced the losses. I added a queue. Losses fell to zero.".split()):
        heard.append(Word(text, i * 0.3, i * 0.3 + 0.25))
        assert until(lambda t=text: bool(warmed) and warmed[-1].endswith(t))  # each new word embedded with what came before
    warmer.stop()
    warmer._thread.join(5)  # a pass in flight at Enter ends; none starts after it
    passes = warmer.passes
    heard.append(Word("Enter.", 9.0, 9.2))
    time.sleep(0.05)
    assert warmer.passes == passes and not warmed[-1].endswith("Enter.")  # stopped: nothing after Enter
    assert warmed[-1] == "I traced the losses. I added a queue. Losses fell to zero."


def test_a_live_answer_warms_on_the_streams_heard_words(tmp_path, monkeypatch):
    """record_answer wires the warmer to the live transcript and stops it when the recording ends."""
    from dataclasses import replace

    from coach import session
    from coach.audio import load_audio
    from coach.paths import SAMPLE_ANSWER
    from coach.recorder import RecordOptions
    from tests.test_session import make_ports

    made = []

    class Spy:
        def __init__(self, stream, check=None):
            self.heard, self.stopped = stream.heard_words, False
            made.append(self)

        def stop(self):
            self.stopped = True

    monkeypatch.setattr(session, "WarmAsHeard", Spy)
    audio = np.concatenate([load_audio(SAMPLE_ANSWER), np.zeros(RATE * 2, dtype=np.float32)])
    ports, _ = make_ports([audio], [], [])
    ports = replace(ports, transcriber=TextRunsTranscriber(), streaming=True)
    _, live = session.record_answer(ports, tmp_path / "a.wav", RecordOptions(cap_s=1e9, end_silence_s=1e9))
    assert len(made) == 1 and made[0].stopped
    assert [w.text for w in made[0].heard()] == [w.text for w in live.words]  # what it heard: the answer


class HearingTextRuns(TextRunsTranscriber):
    """TextRunsTranscriber that also hears clips again: a filler in the clip's middle when its samples say so
    (a function of the clip's samples alone, as Whisper's hearing is)."""

    def __init__(self) -> None:
        super().__init__()
        self.clips: list[int] = []

    def hear_clip(self, clip, prompt):
        import zlib

        self.clips.append(len(clip))
        pcm = np.round(clip * 32767).astype(np.int16)
        middle = len(clip) / RATE / 2
        return [Word("um", middle - 0.1, middle + 0.1)] if zlib.crc32(pcm.tobytes()) % 2 else []


def test_fillers_heard_again_live_are_the_ones_grade_hears_again(tmp_path):
    """The live session hears each voice-only stretch again while the answer goes on (or after Enter), and
    `coach grade` on the saved recording hears the same clips: the same fillers are kept."""
    from dataclasses import replace

    from coach.audio import load_audio
    from coach.paths import SAMPLE_ANSWER
    from coach.pipeline import load_answer
    from coach.recorder import RecordOptions
    from coach.session import record_answer
    from tests.test_session import make_ports

    audio = np.concatenate([load_audio(SAMPLE_ANSWER), np.zeros(RATE * 2, dtype=np.float32)])
    ports, _ = make_ports([audio], [], [])
    live_ear = HearingTextRuns()
    ports = replace(ports, transcriber=live_ear, streaming=True)
    rec, live = record_answer(ports, tmp_path / "a.wav", RecordOptions(cap_s=1e9, end_silence_s=1e9))
    offline_ear = HearingTextRuns()
    offline = load_answer(rec.path, lambda: offline_ear)
    unchecked = load_answer(rec.path, TextRunsTranscriber)
    assert live_ear.clips and offline_ear.clips  # there were stretches to hear again
    assert live.voiced_gaps == offline.voiced_gaps
    assert set(offline.voiced_gaps) < set(unchecked.voiced_gaps)  # some were not heard as fillers: dropped


def energy_mask(audio, frame_s=0.01):
    """Silero's mask as the fake hears voice: Silero does not take the fakes' tone bursts for voice."""
    mask = np.zeros(int(len(audio) / RATE / frame_s) + 1, dtype=bool)
    for a, b in voiced_runs(audio):
        mask[int(a / frame_s): int(b / frame_s)] = True
    return mask


class StopsAfter(RunsTranscriber):
    """Writes the voiced runs that start in the first 4 s of what it hears, the last stretched to 4 s: Whisper's
    decoder ending a window early."""

    def transcribe(self, audio):
        words = [w for w in super().transcribe(audio) if w.start_s < 4.0]
        return words[:-1] + [Word(words[-1].text, words[-1].start_s, 4.0)] if words else words


def test_a_chunk_whose_decoding_ended_early_is_heard_again_to_the_end_of_its_voice(monkeypatch):
    """Whisper's decoder can end a chunk early (room14 tc18: words to 7.0 s of a 14.7 s chunk voiced to 13.7 s); the
    voice mask says voice goes on, so the rest is heard again (coach/tail.py), in `coach grade` as live."""
    import coach.voice

    monkeypatch.setattr(coach.voice, "speech_mask", energy_mask)
    audio = np.concatenate([sentences(3), speechlike(4.0, seed=9), np.zeros(RATE, dtype=np.float32)])
    said = [a for a, b in voiced_runs(audio) if b - a >= 0.1]  # less than a word: the bursts' 40 ms ends
    fake = StopsAfter()
    words, _mask, bounds = chunk_transcript(audio, fake, ChunkOptions(min_chunk_s=30))
    assert all(any(abs(w.start_s - a) < 0.05 for w in words) for a in said)  # before: 3 of 15 lost
    assert len(fake.calls) <= len(bounds) * (1 + 2)  # each part heard again at most twice


def test_a_speculation_hears_an_early_ended_tail_again_as_the_replay_does(monkeypatch):
    import coach.voice

    monkeypatch.setattr(coach.voice, "speech_mask", energy_mask)
    audio = np.concatenate([speechlike(9.0, seed=4), np.zeros(RATE * 2, dtype=np.float32)])
    stream = StreamingTranscriber(StopsAfter(), ChunkOptions(min_chunk_s=30))
    feed(stream, audio)
    assert until(lambda: stream.speculated_s > 0)
    spoken = stream.finish()
    replay = StreamingTranscriber(StopsAfter(), ChunkOptions(min_chunk_s=30), speculate=False)
    feed(replay, audio)
    assert stream.speculations_used == 1 and stream.rehearings >= 1
    assert spoken == replay.finish() and spoken[-1].start_s > 6.0  # the first hearing stopped at 4 s
