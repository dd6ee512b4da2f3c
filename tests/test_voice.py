"""Word times snapped to where the voice starts and stops (pure: masks built by hand)."""

from __future__ import annotations

import numpy as np

from coach.report import Word
from coach.voice import snap_to_voice


def mask_of(*runs: tuple[float, float], total_s: float = 10.0) -> np.ndarray:
    mask = np.zeros(int(total_s * 100), dtype=bool)
    for a, b in runs:
        mask[int(round(a * 100)):int(round(b * 100))] = True
    return mask


def test_a_late_start_after_a_pause_moves_to_the_onset():
    # Two sentences: voice 0.5-2.0 s and 2.6-4.0 s; Whisper put the second start 0.18 s late
    # and stretched the first sentence's last word into the pause.
    words = [Word("We", 0.55, 0.8), Word("shipped.", 0.8, 2.3), Word("Then", 2.78, 3.0), Word("I", 3.0, 3.2),
             Word("measured.", 3.2, 3.95)]
    got = snap_to_voice(words, mask_of((0.5, 2.0), (2.6, 4.0)))
    assert [w.start_s for w in got] == [0.5, 0.8, 2.6, 3.0, 3.2]
    assert [w.end_s for w in got] == [0.8, 2.0, 3.0, 3.2, 4.0]


def test_words_inside_continuous_speech_keep_their_times():
    words = [Word("a", 1.0, 1.3), Word("b", 1.3, 1.7), Word("c", 1.7, 2.2), Word("d", 2.2, 2.6)]
    got = snap_to_voice(words, mask_of((0.95, 2.65)))
    assert [(w.start_s, w.end_s) for w in got[1:3]] == [(1.3, 1.7), (1.7, 2.2)]


def test_an_edge_out_of_reach_moves_nothing():
    words = [Word("late", 3.0, 3.5)]
    got = snap_to_voice(words, mask_of((1.0, 1.5), (3.0, 3.5)))  # voice far before the word: a filler, say
    assert got[0].start_s == 3.0


def test_times_stay_ordered_and_never_empty():
    rng = np.random.default_rng(4)
    for _ in range(200):
        starts = np.sort(rng.uniform(0, 9, 12))
        words = [Word("w", float(s), float(s) + float(rng.uniform(0.05, 0.6))) for s in starts]
        runs = sorted(rng.uniform(0, 10, (5, 2)).tolist())
        got = snap_to_voice(words, mask_of(*[(min(a, b), max(a, b)) for a, b in runs]))
        assert all(w.end_s > w.start_s for w in got)
        assert all(a.end_s <= b.start_s + 1e-9 for a, b in zip(got, got[1:]))


def test_no_voice_no_change():
    words = [Word("x", 1.0, 1.2)]
    assert snap_to_voice(words, np.zeros(500, dtype=bool)) == words


def _mask(seconds: float, voiced: list[tuple[float, float]]) -> np.ndarray:
    from coach.voice import MASK_FRAME_S

    mask = np.zeros(int(round(seconds / MASK_FRAME_S)), dtype=bool)
    for a, b in voiced:
        mask[int(round(a / MASK_FRAME_S)): int(round(b / MASK_FRAME_S))] = True
    return mask


def test_a_spelled_abbreviation_is_not_a_filler():
    """'CRM' is said see-ar-em: 0.9 s of voice for three written letters, none of it a filler."""
    from coach.voice import GapOptions, uncovered_voiced

    mask = _mask(3.0, [(1.0, 1.9)])
    assert uncovered_voiced(None, [Word("CRM", 1.0, 1.9)], mask=mask) == []
    fixed = GapOptions(adapt_rate=False)
    assert uncovered_voiced(None, [Word("crm", 1.0, 1.9)], fixed, mask=mask)  # as letters it would leave a gap


def test_a_slow_voice_says_every_word_longer_and_no_filler_is_counted():
    """Twelve long words said slowly (1.4 s each): measured against a fixed rate a letter, the start of each
    is left over and read as a filler; against the speaker's own rate, none is."""
    from coach.voice import GapOptions, uncovered_voiced

    words = [Word("stretched", 2.0 * i, 2.0 * i + 1.4) for i in range(12)]
    mask = _mask(25.0, [(w.start_s, w.end_s) for w in words])
    assert uncovered_voiced(None, words, mask=mask) == []
    assert len(uncovered_voiced(None, words, GapOptions(adapt_rate=False, forward=False), mask=mask)) == 12


def test_numbers_take_as_long_as_their_spoken_words():
    """No filler said, one voiced stretch: "$19,000," is nineteen thousand dollars (1.4 s of voice), not a
    five-letter word whose first 0.9 s would be left over and counted as an "um"."""
    from coach.voice import uncovered_voiced

    words = [Word("It", 0.5, 0.65), Word("went", 0.65, 0.95), Word("from", 0.95, 1.25), Word("$42,000", 1.25, 2.65),
             Word("to", 2.65, 2.85), Word("$19,000,", 2.85, 4.25), Word("and", 4.25, 4.5), Word("the", 4.5, 4.65),
             Word("report", 4.65, 5.1), Word("shows", 5.1, 5.5), Word("it.", 5.5, 6.0)]
    assert uncovered_voiced(None, words, mask=_mask(7.0, [(0.5, 6.0)])) == []


def test_a_word_squeezed_by_whisper_takes_its_voice_from_beside_it():
    """Whisper gave "conducted" 0.15 s and "I" 0.7 s of one continuous stretch: the voice of "conducted" is
    in the span Whisper gave "I", not a filler."""
    from coach.voice import uncovered_voiced

    words = [Word("I", 0.8, 1.5), Word("conducted", 1.5, 1.65), Word("a", 1.65, 1.85), Word("review.", 1.85, 2.4)]
    assert uncovered_voiced(None, words, mask=_mask(4.0, [(0.8, 2.4)])) == []


def test_the_last_word_before_a_pause_is_said_longer():
    """Clause-final lengthening: the voice of "responsibilities." runs on 0.8 s past Whisper's end of it."""
    from coach.voice import uncovered_voiced

    words = [Word("my", 0.5, 0.7), Word("responsibilities.", 0.7, 1.6), Word("The", 3.5, 3.7), Word("goal", 3.7, 4.0)]
    assert uncovered_voiced(None, words, mask=_mask(5.0, [(0.5, 2.4), (3.5, 4.0)])) == []


def test_a_dropped_filler_is_still_found():
    """ "I, um, decided": Whisper drops the um and starts "decided" at the end of "I"; the voice before the
    last 0.6 s of "decided" is the filler."""
    from coach.voice import uncovered_voiced

    words = [Word("I", 1.0, 1.2), Word("decided", 1.2, 2.3), Word("to", 2.3, 2.5), Word("wait.", 2.5, 3.0)]
    gaps = uncovered_voiced(None, words, mask=_mask(4.0, [(1.0, 3.0)]))
    assert len(gaps) == 1 and 1.2 <= gaps[0][0] < gaps[0][1] <= 1.75


def test_a_hyphenated_compound_takes_the_time_of_its_two_words():
    """'time-bicker nut-eyed,' (Whisper's hearing of four words, dev d14) is said as four words, each with its own
    onset and stress: their voice up to the next word is theirs, not an "um" left over."""
    from coach.voice import uncovered_voiced

    words = [Word("the", 64.12, 64.62), Word("time-bicker", 64.62, 65.18), Word("nut-eyed,", 65.18, 65.80),
             Word("I", 66.22, 66.46), Word("tested", 66.46, 66.58), Word("it", 66.58, 66.88), Word("with", 66.88, 67.14)]
    assert uncovered_voiced(None, words, mask=_mask(68.0, [(64.12, 67.14)])) == []


def test_each_letter_of_a_spelled_abbreviation_takes_a_word_s_time():
    """'management (CRM) system' (others-dev od23): see-ar-em are three syllables said apart, 0.9 s of voice
    before the pause, which two letters' worth of a word's time left a third of as an "um"."""
    from coach.voice import uncovered_voiced

    words = [Word("customer", 6.42, 6.92), Word("relationship", 6.92, 7.84), Word("management", 7.84, 8.70),
             Word("CRM", 8.70, 9.88), Word("system", 9.88, 10.38), Word("on", 10.38, 10.62), Word("top", 10.62, 10.88)]
    assert uncovered_voiced(None, words, mask=_mask(11.5, [(6.42, 9.63), (9.82, 10.88)])) == []



_L2 = [Word("A", 7.10, 7.16), Word("bottle", 7.16, 7.50), Word("is", 7.50, 8.46), Word("standing", 8.46, 8.94),
       Word("on", 8.94, 9.48), Word("my", 9.48, 9.84), Word("desk.", 9.84, 10.20)]
_L2_VOICE = _mask(11.0, [(6.91, 10.24)])  # one run: Silero bridges the 0.2 s silence after "is"
_L2_PAUSE = _mask(11.0, [(7.98, 8.30)])  # the level's silence


def test_a_word_run_on_over_a_short_pause_into_the_next_word_s_onset_is_said_before_it():
    """bench/real16's spontaneous-l2: "A bottle is | standing", 0.2 s of silence after "is" (the level's) that Silero's
    mask bridges. Whisper ran "is" on over the silence and the s of "standing" (no pitch: unvoiced) and started
    "standing" late, short of its voice. Keeping the last of its span, "is" took the s, and its own voice was left
    over as an "(um)". No word is said without a voiced vowel: the unvoiced voice after the pause is the next word's
    onset, and "is" is said before the pause."""
    from coach.voice import uncovered_voiced

    pitched = _mask(11.0, [(7.16, 7.58), (7.64, 7.92), (8.50, 10.2)])
    assert uncovered_voiced(None, _L2, mask=_L2_VOICE)  # without the level and the pitch: the old "(um)" at 7.54 s
    assert uncovered_voiced(None, _L2, mask=_L2_VOICE, pauses=_L2_PAUSE, pitched=pitched) == []


def test_a_filler_before_a_word_and_a_pause_in_its_span_is_still_found():
    """"bottle, um, | is standing": Whisper stretched "is" back over the um. After the pause the voice is the word
    itself, voiced (it has a pitch), so "is" keeps the last of its voice as before and the um is left over, also
    with a "standing" short of voice."""
    from coach.voice import uncovered_voiced

    pitched = _mask(11.0, [(7.16, 7.50), (7.58, 7.92), (8.34, 10.2)])  # the um, then "is" after the pause
    gaps = uncovered_voiced(None, _L2, mask=_L2_VOICE, pauses=_L2_PAUSE, pitched=pitched)
    assert len(gaps) == 1 and 7.5 <= gaps[0][0] < gaps[0][1] <= 8.2
