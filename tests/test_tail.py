"""A chunk's voiced tail the words stop short of is heard again (coach/tail.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.audio import RATE
from coach.report import Word
from coach.tail import TAIL, hear_tail, unheard_tail_s
from coach.thresholds import MASK_FRAME_S


def mask_of(seconds: float, voiced: list[tuple[float, float]]) -> np.ndarray:
    mask = np.zeros(int(seconds / MASK_FRAME_S) + 1, dtype=bool)
    for a, b in voiced:
        mask[int(a / MASK_FRAME_S): int(b / MASK_FRAME_S)] = True
    return mask


def one_a_second(first: float, last: float) -> list[Word]:
    """A word a second, 0.6 s long, from `first` to `last` (seconds)."""
    return [Word(f"w{t:.0f}", t, t + 0.6) for t in np.arange(first, last + 0.01, 1.0)]


class EarlyEnd:
    """Hears a word a second but ends its decoding `stops_after_s` into what it is given, its last word stretched to
    there (tc18's "24-", 3.9-7.0 s): Whisper's decoder ending a window early."""

    def __init__(self, chunk_s: float, stops_after_s: float = 4.0):  # a word a second to the chunk's end
        self.chunk_s = chunk_s
        self.stops_after_s = stops_after_s
        self.calls: list[float] = []  # where each hearing started, on the chunk's clock

    def __call__(self, audio: np.ndarray) -> list[Word]:
        start = self.chunk_s - len(audio) / RATE  # heard to the chunk's end: where this hearing starts
        self.calls.append(start)
        words = [Word(w.text, w.start_s - start, w.end_s - start) for w in one_a_second(0.0, self.chunk_s - 0.6)
                 if start <= w.start_s < start + self.stops_after_s]
        if words and words[-1].start_s + start + 1.0 < self.chunk_s:
            words[-1] = Word(words[-1].text, words[-1].start_s, self.stops_after_s)
        return words


def test_words_that_reach_the_end_of_the_voice_cost_no_second_decode():
    chunk = np.zeros(10 * RATE, dtype=np.float32)
    words = one_a_second(0.0, 9.0)
    calls = []
    out, again = hear_tail(lambda a: calls.append(a) or [], chunk, words, mask_of(10.0, [(0.0, 9.7)]))
    assert (out, again, calls) == (words, 0, [])


def test_a_tail_the_decoder_stopped_short_of_is_heard_again_from_just_before_the_last_word():
    chunk = np.zeros(10 * RATE, dtype=np.float32)
    hear = EarlyEnd(chunk_s=10.0, stops_after_s=7.0)
    first = hear(chunk)
    assert [w.text for w in first][-1] == "w6" and first[-1].end_s == 7.0  # stretched to where decoding stopped
    mask = mask_of(10.0, [(0.0, 9.7)])
    assert unheard_tail_s(first, mask) >= TAIL.voiced_s
    out, again = hear_tail(hear, chunk, first, mask)
    assert [w.text for w in out] == [f"w{i}" for i in range(10)]
    assert again == 1 and hear.calls[-1] == pytest.approx(6.0 - TAIL.context_s, abs=1e-3)
    assert [round(w.start_s, 3) for w in out] == [float(i) for i in range(10)]


def test_hearings_again_are_bounded():
    chunk = np.zeros(30 * RATE, dtype=np.float32)
    hear = EarlyEnd(chunk_s=30.0, stops_after_s=4.0)
    mask = mask_of(30.0, [(0.0, 29.7)])
    out, again = hear_tail(hear, chunk, hear(chunk), mask)
    assert again == TAIL.rehearings and len(hear.calls) == 1 + TAIL.rehearings
    assert [w.text for w in out] == [f"w{i}" for i in range(4 + 2 * TAIL.rehearings)]  # 2 s more each time


def test_a_hearing_again_that_writes_nothing_new_keeps_the_words():
    """Noise Silero took for voice, or a hum: heard again once, and the last word is not lost to the seam."""
    chunk = np.zeros(10 * RATE, dtype=np.float32)
    words = one_a_second(0.0, 5.0)
    calls = []

    def hear(audio: np.ndarray) -> list[Word]:
        calls.append(len(audio))
        return [Word("w5", 1.0, 1.6)]  # the last word again, nothing after it

    out, again = hear_tail(hear, chunk, words, mask_of(10.0, [(0.0, 9.7)]))
    assert out == words and again == 1 and len(calls) == 1


def test_the_last_word_counts_as_at_most_a_second_long():
    """A last word stretched over the unheard tail does not hide it."""
    mask = mask_of(10.0, [(0.0, 9.7)])
    stretched = one_a_second(0.0, 3.0)[:-1] + [Word("24-", 3.0, 9.7)]
    assert unheard_tail_s(stretched, mask) == pytest.approx(9.7 - 4.0, abs=0.02)
    assert unheard_tail_s([], mask) == 0.0


SHARED_PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "public" / "audio"


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_PUBLIC / "p01-standards-strong.wav").exists(),
                    reason="needs ../shared/eval/public (beside the checkout)")
def test_whisper_hears_a_tail_the_first_decoding_stopped_short_of():
    """Real speech, the real model and Silero's mask: the first decoding's words cut at 5 s with the last one stretched
    (as tc18's was) come back whole to the end of the voice."""
    from coach.audio import load_audio
    from coach.streaming import _voice_mask
    from coach.transcribe import WhisperTranscriber

    chunk = load_audio(SHARED_PUBLIC / "p01-standards-strong.wav")[: 14 * RATE]
    transcriber = WhisperTranscriber()
    whole = transcriber.transcribe(chunk)
    mask = _voice_mask(chunk)
    assert unheard_tail_s(whole, mask) < TAIL.voiced_s  # heard whole: no second decode
    cut = [w for w in whole if w.start_s < 5.0]
    cut[-1] = Word(cut[-1].text, cut[-1].start_s, 6.0)
    out, again = hear_tail(transcriber.transcribe, chunk, cut, mask)
    assert again >= 1 and abs(len(out) - len(whole)) <= 2
    assert out[-1].end_s == pytest.approx(whole[-1].end_s, abs=0.3)
