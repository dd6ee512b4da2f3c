"""The second hearing of voice-only fillers (coach/fillercheck.py), with a fake decoder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.audio import RATE
from coach.fillercheck import FillerCheck, clip_around, filler_times, is_filler_token
from coach.report import Word


def test_filler_tokens_as_whisper_spells_them():
    for text in ("Um,", "uh...", "Umm", "hmm.", "Uh,", "er", "erm", "mm", "ah"):
        assert is_filler_token(text), text
    for text in ("but", "us", "I'm", "a", "and,", "umbrella", "her"):
        assert not is_filler_token(text), text
    assert filler_times([Word("and,", 1.0, 1.2), Word("uh,", 1.3, 1.6)]) == [(1.3, 1.6)]


def test_clip_runs_from_the_word_before_to_the_word_after():
    words = [Word("the", 0.0, 0.2), Word("speaker,", 0.2, 0.8), Word("and", 1.4, 1.6), Word("then", 1.6, 1.9)]
    assert clip_around((0.9, 1.3), words, 0.05) == pytest.approx((0.15, 1.65))
    assert clip_around((0.0, 0.3), words[2:], 0.0) == pytest.approx((0.0, 1.6))  # nothing before: from just before the stretch


class FakeDecode:
    """Hears `chunk` in a chunk and `clip` in a clip (times on the audio given), and counts the calls."""

    def __init__(self, chunk: list[Word], clip: list[Word]):
        self.chunk, self.clip, self.calls = chunk, clip, []

    def __call__(self, audio: np.ndarray, clip: bool) -> list[Word]:
        self.calls.append((len(audio) / RATE, clip))
        return self.clip if clip else self.chunk


AUDIO = np.zeros(10 * RATE, dtype=np.float32)
WORDS = [Word("said", 1.0, 1.5), Word("and", 2.2, 2.4), Word("then", 5.0, 5.4), Word("later", 6.2, 6.6)]
BOUNDS = [(0, 4 * RATE), (4 * RATE, 6 * RATE)]


def test_a_filler_heard_in_its_chunk_is_kept_and_the_chunk_is_heard_once():
    decode = FakeDecode([Word("um,", 1.9, 2.2)], [])
    check = FillerCheck(decode)
    assert check.confirm(AUDIO, [(1.5, 1.9), (2.5, 2.9)], WORDS, BOUNDS) == [(1.5, 1.9), (2.5, 2.9)]
    assert decode.calls == [(4.0, False)]


def test_a_filler_the_chunk_hearing_missed_is_looked_for_in_a_clip():
    decode = FakeDecode([Word("and,", 2.2, 2.4)], [Word("uh", 0.6, 0.8)])  # clip 4.95-6.65: uh at 5.55-5.75
    check = FillerCheck(decode)
    assert check.confirm(AUDIO, [(5.5, 5.9)], WORDS, BOUNDS) == [(5.5, 5.9)]
    assert [c for _, c in decode.calls] == [False, True]
    assert decode.calls[1][0] == pytest.approx(1.7, abs=0.01)  # "then" to "later" and a pad on each side


def test_voice_no_hearing_calls_a_filler_is_dropped():
    decode = FakeDecode([Word("and", 5.9, 6.1)], [Word("later", 1.2, 1.5), Word("um", 0.0, 0.1)])
    check = FillerCheck(decode)
    # the clip's "um" is at 4.95-5.05, more than 0.3 s before the stretch: not this one
    assert check.confirm(AUDIO, [(5.5, 5.9)], WORDS, BOUNDS) == []


def test_an_answer_keeps_the_stretches_its_chunks_confirmed():
    from coach.fillercheck import keep_confirmed

    assert keep_confirmed([(1.0, 1.4), (3.0, 3.4)], [(1.1, 1.3)]) == [(1.0, 1.4)]


def test_a_chunk_checks_only_voice_no_word_keeps():
    from coach.fillercheck import chunk_confirmed

    mask = np.zeros(401, dtype=bool)
    mask[50:200] = True  # 0.5-2.0 s voiced; the words keep 0.5-1.0 s and 1.6-2.0 s
    words = [Word("said", 0.5, 1.0), Word("then", 1.6, 2.0)]
    decode = FakeDecode([Word("um", 1.2, 1.6)], [])
    assert chunk_confirmed(FillerCheck(decode), np.zeros(4 * RATE, dtype=np.float32), words, mask)
    assert decode.calls == [(4.0, False)]
    decode = FakeDecode([], [])
    assert chunk_confirmed(FillerCheck(decode), np.zeros(4 * RATE, dtype=np.float32), words, np.zeros(401, dtype=bool)) == []
    assert decode.calls == []  # no voice no word keeps: nothing to hear


SHARED_P03 = Path(__file__).resolve().parents[2] / "shared" / "eval" / "public" / "audio" / "p03-backbone-fillers.wav"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_P03.exists(), reason="needs ../shared/eval/public (beside the checkout)")
def test_the_prompted_hearing_writes_the_fillers_whisper_drops():
    from coach.audio import load_audio
    from coach.fillercheck import whisper_decode
    from coach.transcribe import WhisperTranscriber

    transcriber = WhisperTranscriber()
    head = load_audio(SHARED_P03)[: 8 * RATE]  # "Um, so, my director wanted ..., uh, two weeks before"
    plain = [w.text for w in transcriber.transcribe(head)]
    heard = [w.text for w in whisper_decode(transcriber)(head, False)]
    assert len(filler_times([Word(t, 0, 1) for t in heard])) > len(filler_times([Word(t, 0, 1) for t in plain]))
