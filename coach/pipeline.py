"""From a file on disk to a Report: decode, transcribe, find uncovered voiced audio, analyse."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coach.analysis import Answer, analyse, analyse_probe, words_from_text
from coach.audio import RATE, audio_blocks, check_audio_file, load_audio
from coach.delivery import Track, pauses, pitched
from coach.errors import AudioFileError, CoachError
from coach.fillercheck import ClipCheck, Read, confirmed
from coach.ports import Transcriber
from coach.prosody import ProsodyTracker, track_of
from coach.report import ESTIMATED_NOTE, Report, Word
from coach.story import Probe, Story
from coach.streaming import StreamingTranscriber, transcribe_chunked
from coach.tail import hear_tail
from coach.thresholds import MASK_FRAME_S, NORMS
from coach.voice import is_silent, mask_is_silent, snap_to_voice, speech_mask, uncovered_voiced

NO_SPEECH = "no speech heard: check the microphone with `coach devices`"


def answer_from_audio(audio: np.ndarray, transcriber: Transcriber, source: str | None,
                      marks: tuple[float, ...] = (), notes: tuple[str, ...] = (), chunked: bool = True) -> Answer:
    """A recording transcribed after the fact, in the chunks a live session cuts while it is spoken,
    so `coach grade` and `--regrade` hear the same words as the practice or mock that recorded it.
    `chunked=False` hands the transcriber the whole recording at once (a session without streaming)."""
    if is_silent(audio):  # before the model runs: no work on a dead microphone
        raise AudioFileError(f"{source}: {NO_SPEECH}" if source else NO_SPEECH)
    check = filler_check(transcriber, lambda a, b: audio[a:b])
    if not chunked:  # a voiced tail the words stop short of is heard again, as in a chunk (coach/tail.py)
        mask = speech_mask(audio)
        words, _ = hear_tail(transcriber.transcribe, audio, transcriber.transcribe(audio), mask)
        return _answer(audio, words, source, marks, notes, mask, len(audio), track_of(audio), check)
    words, mask = transcribe_chunked(audio, transcriber)
    return _answer(audio, words, source, marks, notes, mask, len(audio), track_of(audio), check)


def filler_check(transcriber: Transcriber, read: Read) -> ClipCheck | None:
    """Voice-only fillers heard again (coach/fillercheck.py) with a transcriber that can (Whisper; not the
    unit tests' fakes), reading the recording's samples with `read`."""
    hear = getattr(transcriber, "hear_clip", None)
    return ClipCheck(hear, read) if hear is not None else None


def answer_from_words(audio: np.ndarray | None, words: Sequence[Word], source: str | None,
                      marks: tuple[float, ...] = (), notes: tuple[str, ...] = (),
                      voice_mask: np.ndarray | None = None, samples: int | None = None,
                      track: Track | None = None, check: ClipCheck | None = None) -> Answer:
    """An answer from audio already transcribed: after the fact, or while it was recorded, when the
    voice mask and the prosody track were computed chunk by chunk too and the audio need not be read back.
    With `check`, a voice-only filler counts only when it is heard again as one (coach/fillercheck.py)."""
    if audio is not None:
        silent = is_silent(audio)
        samples = len(audio)
    else:
        assert voice_mask is not None and samples is not None
        silent = mask_is_silent(voice_mask)
    if silent:
        raise AudioFileError(f"{source}: {NO_SPEECH}" if source else NO_SPEECH)
    if track is None and audio is not None:
        track = track_of(audio)
    return _answer(audio, words, source, marks, notes, voice_mask, samples, track, check)


def _answer(audio: np.ndarray | None, words: Sequence[Word], source: str | None, marks: tuple[float, ...],
            notes: tuple[str, ...], voice_mask: np.ndarray | None, samples: int, track: Track | None,
            check: ClipCheck | None = None) -> Answer:
    if not words:
        raise AudioFileError(f"{source}: {NO_SPEECH}" if source else NO_SPEECH)
    if voice_mask is None:
        assert audio is not None, "an answer needs its audio or its voice mask"
        mask = speech_mask(audio)
    else:
        mask = voice_mask
    # On Whisper's own times, which it was built on; each heard again (with `check`): was it a filler?
    silences, voicing = pauses(track, words, len(mask), MASK_FRAME_S), pitched(track, len(mask), MASK_FRAME_S)
    gaps = confirmed(uncovered_voiced(audio, words, mask=mask, pauses=silences, pitched=voicing), words, check)
    words = snap_to_voice(words, mask)  # section starts, pauses and speaking time where the voice is
    return Answer(tuple(words), samples / RATE, source, marks, gaps, notes=notes, track=track)


# A written answer: an hour of speech (MAX_AUDIO_S) at 150 words a minute is about 9,000 words, some
# 55 KB; twice that is the most coach reads, so a 10 MB file costs neither minutes nor the database.
MAX_TEXT_BYTES = 128 * 1024


def answer_from_text(path: Path) -> Answer:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_TEXT_BYTES + 1)
        if len(raw) > MAX_TEXT_BYTES:
            size = path.stat().st_size
            raise AudioFileError(f"{path}: {size / 1e6:.1f} MB of text; coach grades a spoken answer of up to an hour "
                                 f"(about 9,000 words, {MAX_TEXT_BYTES // 1024} KB): keep only the answer")
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AudioFileError(f"{path}: cannot read the text ({exc})") from None
    text = "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)  # NULs and controls: no words
    if not any(c.isalnum() for c in text):  # NULs, emoji or punctuation only: nothing was said
        raise AudioFileError(f"{path}: the file holds no words: write the answer as you would say it")
    words = words_from_text(text, NORMS.text_wpm)
    if not words:
        raise AudioFileError(f"{path}: the file holds no words: write the answer as you would say it")
    note = f"{ESTIMATED_NOTE} at {NORMS.text_wpm:.0f} words a minute, not measured."
    return Answer(words, words[-1].end_s, str(path), estimated=True, notes=(note,))


# Recordings longer than this are decoded a block at a time straight into the live chunker and the
# prosody tracker, so memory does not grow with their length (an hour decoded whole and transcribed in
# one call peaked at 3.9 GB; bench/long_input.py). Every answer coach records is shorter (the cap is
# twice a level's budget, at most 6 minutes) and is decoded whole first: the same chunks, the same words.
STREAM_FROM_S = 6 * 60
# How much decoded audio may wait for the transcriber: decoding is far faster than transcribing.
STREAM_AHEAD_S = 60.0


def load_answer(path: Path, transcriber_factory) -> Answer:  # type: ignore[no-untyped-def]
    if path.suffix.lower() in (".txt", ".md"):
        if not path.exists():
            raise AudioFileError(f"{path}: no such file")
        return answer_from_text(path)
    seconds = check_audio_file(path)
    if seconds is not None and seconds > STREAM_FROM_S:
        return answer_streamed(path, transcriber_factory())
    audio = load_audio(path)
    return answer_from_audio(audio, transcriber_factory(), str(path))


def answer_streamed(path: Path, transcriber: Transcriber) -> Answer:
    """A long recording decoded block by block into the live chunker (no speculation: nobody waits for
    the open chunk) and the prosody tracker, never more than STREAM_AHEAD_S of it waiting for the
    transcriber: the words, voice mask and track answer_from_audio gives, without the whole file in memory."""
    stream = StreamingTranscriber(transcriber, speculate=False)
    prosody = ProsodyTracker()
    samples = 0
    for block in audio_blocks(path):  # an undecodable file raises here; the worker is a daemon thread
        stream.feed(block)
        prosody.feed(block)
        samples += len(block)
        while stream.behind_s > STREAM_AHEAD_S:
            time.sleep(0.05)
    words = stream.finish()
    if samples == 0:
        raise AudioFileError(f"{path}: the file holds no audio")
    return answer_from_words(None, words, str(path), voice_mask=stream.voice_mask(samples), samples=samples,
                             track=prosody.finish())


def grade(answer: Answer, story: Story | None, level: str, angle: str | None = None,
          probe_index: int | None = None) -> Report:
    if probe_index is None:
        return analyse(answer, story, level, angle)
    if story is None:
        raise CoachError("--probe needs --story: the probes belong to a story")
    if not 1 <= probe_index <= len(story.probes):
        raise CoachError(f"story {story.id!r} has probes 1-{len(story.probes)}; --probe {probe_index} is not one")
    probe: Probe = story.probes[probe_index - 1]
    return analyse_probe(answer, probe, probe_index, story, level)

