"""Delivery coaching (issue 17): pitch variation, loudness at sentence ends, hedges, repetition.

Pitch and loudness run on numpy buffers: tones built here, espeak-ng renderings of the labelled
answers in tests/data/delivery.yaml (flat, lively, trailing off), and the real recordings in
../shared/eval/real. Hedges and repetition run on written words.
"""

from __future__ import annotations

import numpy as np
import pytest

from coach.analysis import words_from_text
from coach.audio import RATE, load_audio
from coach.delivery import assess
from coach.hedges import find_hedges, find_repeats
from coach.prosody import ProsodyTracker, track_of
from coach.report import Word, delivery_from_json
from coach.rubric import delivery_misses
from coach.thresholds import DELIVERY
from coach.voice import voiced_runs
from tests import delivery_audio
from tests.conftest import SHARED

pytest.importorskip("parselmouth")


def voice(f0: np.ndarray, seconds_on: float = 0.8, seconds_off: float = 0.25) -> np.ndarray:
    """A buzzy voice with pitch f0[i] (Hz, one per sample), in syllable-length bursts with pauses."""
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    sig = sum(np.sin(k * phase) / k for k in range(1, 12))
    period = int((seconds_on + seconds_off) * RATE)
    on = (np.arange(len(f0)) % period) < int(seconds_on * RATE)
    return (0.1 * sig * on).astype(np.float32)


def steady_words(audio: np.ndarray) -> list[Word]:
    """One word per voiced run: enough for loudness, which compares speech with the room."""
    return [Word("word", a, b) for a, b in voiced_runs(audio)]


def test_a_level_tone_is_flat_and_a_moving_one_is_not():
    n = 20 * RATE
    flat = track_of(voice(np.full(n, 120.0)))
    moving = track_of(voice(120 * 2 ** (3 * np.sin(np.arange(n) / RATE * 2 * np.pi / 1.7) / 12)))
    d_flat, d_moving = assess([], [], flat), assess([], [], moving)
    assert d_flat.pitch_sd_st is not None and d_flat.pitch_sd_st < 0.1 and d_flat.pitch_band == "monotone"
    assert d_flat.pitch_median_hz == pytest.approx(120, abs=2)
    # ±3 semitones as a sine: SD 3/sqrt(2) = 2.1
    assert d_moving.pitch_sd_st == pytest.approx(2.12, abs=0.25) and d_moving.pitch_band == "varied"


def test_fed_block_by_block_the_track_is_the_same_as_from_the_file():
    rng = np.random.default_rng(7)
    audio = voice(120 * 2 ** (2 * np.sin(np.arange(9 * RATE) / RATE * 3) / 12))
    whole = track_of(audio)
    live = ProsodyTracker()
    at = 0
    while at < len(audio):
        step = int(rng.integers(1, 4000))
        live.feed(audio[at: at + step])
        at += step
    got = live.finish()
    assert np.array_equal(got.pitch_hz, whole.pitch_hz) and np.array_equal(got.level_db, whole.level_db)
    assert len(whole.pitch_hz) == 9 * 100 and len(whole.level_db) == 9 * 50


def test_short_or_unvoiced_input_is_not_judged():
    assert assess([], [], track_of(np.zeros(RATE, dtype=np.float32))).pitch_band is None
    assert assess([], [], track_of(voice(np.full(3 * RATE, 150.0)))).pitch_band is None  # under 5 s voiced
    assert track_of(np.zeros(0, dtype=np.float32)).seconds == 0


def test_octave_errors_do_not_count_as_variation():
    n = 12 * RATE
    clean = track_of(voice(np.full(n, 110.0)))
    pitch = clean.pitch_hz.copy()
    voiced = np.flatnonzero(pitch > 0)
    pitch[voiced[::40]] *= 4  # the tracker jumping two octaves now and then
    from coach.delivery import Track
    assert assess([], [], Track(pitch, clean.level_db)).pitch_sd_st == assess([], [], clean).pitch_sd_st


def test_sections_get_their_own_pitch_figures():
    n = 24 * RATE
    f0 = np.where(np.arange(n) < 12 * RATE, 120.0, 120 * 2 ** (3 * np.sin(np.arange(n) / RATE * 4) / 12))
    d = assess([], [("action", 0.0, 12.0), ("result", 12.0, 24.0)], track_of(voice(f0)))
    action, result = d.sections
    assert action.pitch_sd_st is not None and action.pitch_sd_st < 0.2 and action.voiced_s > 6
    assert result.pitch_sd_st is not None and result.pitch_sd_st > 1.5


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, speak):
    out = tmp_path_factory.mktemp("delivery")
    return {(c["id"], style): delivery_audio.render(c, style, out / f"{c['id']}-{style}.wav")
            for c in delivery_audio.cases() for style in ("flat", "lively")}


@pytest.mark.parametrize("case", [c["id"] for c in delivery_audio.cases()])
def test_a_flat_rendering_is_monotone_and_the_lively_one_of_the_same_words_is_not(rendered, case):
    flat = assess([], [], track_of(load_audio(rendered[case, "flat"])))
    lively = assess([], [], track_of(load_audio(rendered[case, "lively"])))
    assert flat.pitch_band == "monotone", flat.pitch_sd_st
    assert lively.pitch_band in ("narrow", "varied") and lively.pitch_sd_st is not None
    assert lively.pitch_sd_st > 2 * DELIVERY.monotone_st
    assert [m.code for m in delivery_misses(flat)] == ["monotone"] and delivery_misses(lively) == []


REAL = SHARED / "eval" / "real"


@pytest.mark.parametrize("name", ["ami-meo015.wav", "spontaneous-l2.wav", "jfk.flac"])
def test_real_voices_are_not_called_monotone(name):
    if not REAL.is_dir():
        pytest.skip("../shared/eval/real is not beside this checkout (it is not part of a user's clone)")
    d = assess([], [], track_of(load_audio(REAL / name)))
    assert d.pitch_band in ("narrow", "varied"), (name, d.pitch_sd_st)
    assert not [m for m in delivery_misses(d) if m.code == "monotone"]


def test_a_quiet_or_noisy_recording_is_not_judged_and_says_why():
    rng = np.random.default_rng(3)
    loud = voice(np.full(12 * RATE, 130.0))
    quiet = (loud * 10 ** (-40 / 20) + rng.normal(0, 10 ** (-62 / 20), len(loud))).astype(np.float32)
    words = steady_words(loud)
    assert not assess(words, [], track_of(loud)).too_quiet
    d = assess(words, [], track_of(quiet))
    assert d.too_quiet and d.sentence_ends == () and d.level_db is not None and d.level_db < -45
    noisy = (loud + rng.normal(0, 10 ** (-38 / 20), len(loud))).astype(np.float32)  # a fan next to the mic
    d = assess(words, [], track_of(noisy))
    assert d.too_noisy and not d.too_quiet and d.sentence_ends == ()


def test_hedges_on_a_claim_count_and_an_opinion_does_not():
    said = [h.kind for h in find_hedges(words_from_text("I think I fixed it. I think we should add alerts to every "
                                                        "queue.", 150))]
    assert said == ["claim", "opinion"]
    kinds = [h.kind for h in find_hedges(words_from_text("It probably saved us about 20% a month.", 150))]
    assert kinds == ["claim"]


@pytest.mark.parametrize("text", [
    "What kind of queue was it? The sort of bug nobody owns.",
    "I shipped it just before the freeze, not just the fix but the test.",
    "I fixed the bug in the retry loop and cut the losses to zero.",
])
def test_words_that_only_look_like_hedges_are_not_hedges(text):
    assert find_hedges(words_from_text(text, 150)) == []


def test_a_filler_kind_of_is_not_counted_again_as_a_hedge():
    words = words_from_text("It was, kind of, slow.", 150)
    kind = next(w for w in words if w.text == "kind")
    assert find_hedges(words, exclude=[(kind.start_s, kind.end_s)]) == []


HEDGED = ("Last year our checkout service was kind of dropping payments. I guess it was sort of my job to look into "
          "it. I think I traced it to the retry logic, probably. Then I just added some backoff, and I think that fixed "
          "it. It probably saved us maybe forty thousand dollars a month. I think we should load test failure paths.")
DIRECT = ("Last year our checkout service was dropping two percent of payments. It was my job to find the cause. I "
          "traced the failures to a retry storm in the queue consumer. I added backoff with jitter and rolled it out "
          "behind a flag. The drop rate fell to under a tenth of a percent, saving forty thousand dollars a month. "
          "I think we should load test failure paths, not just the happy path.")


def _spans(words: list[Word]) -> list[tuple[str, float, float]]:
    # Situation, task: the first two sentences; action: the next two; result; reflection.
    ends = [w.end_s for w in words if w.text.endswith(".")]
    cuts = [0.0, ends[0], ends[1], ends[3], ends[4], ends[5]]
    return list(zip(("situation", "task", "action", "result", "reflection"), cuts, cuts[1:]))


def test_a_hedged_answer_gets_hedging_and_a_direct_one_does_not():
    hedged, direct = words_from_text(HEDGED, 150), words_from_text(DIRECT, 150)
    h = assess(hedged, _spans(hedged), None)
    d = assess(direct, _spans(direct), None)
    miss = [m for m in delivery_misses(h) if m.code == "hedging"]
    assert miss and miss[0].section in ("action", "result") and "I think" in miss[0].evidence
    assert [m.code for m in delivery_misses(d)] == []
    assert [x.kind for x in d.hedges] == ["opinion"]  # "I think we should" in the reflection
    action = next(s for s in h.sections if s.name == "action")
    assert action.hedges >= 3 and action.hedges_per_min is not None


def test_openers_and_stock_phrases_repeated_often_are_quoted():
    text = ("So honestly we had an outage. And then I looked at the logs. And then I found the bug. And then I "
            "wrote a fix. And then we deployed it. It honestly worked, and I honestly learned a lot, honestly.")
    words = words_from_text(text, 150)
    reps = {r.phrase: r for r in find_repeats(words, words[-1].end_s / 60, 3, 0.3, 4, 1.5)}
    assert reps["and then"].kind == "opener" and reps["and then"].count == 4
    assert reps["and then"].evidence[0] == "And then I looked at the logs."
    assert reps["honestly"].kind == "phrase" and reps["honestly"].count == 4
    # "basically" is a filler, counted and marked as one each time: not counted again as a habit.
    fillers = words_from_text(text.replace("honestly", "basically"), 150)
    assert "basically" not in {r.phrase for r in find_repeats(fillers, fillers[-1].end_s / 60, 3, 0.3, 4, 1.5)}
    plain = words_from_text(DIRECT, 150)
    assert find_repeats(plain, plain[-1].end_s / 60, 3, 0.3, 4, 1.5) == []


def test_the_figures_survive_json():
    from dataclasses import asdict

    words = words_from_text(HEDGED, 150)
    audio = voice(np.full(int(words[-1].end_s * RATE) + RATE, 120.0))
    d = assess(words, _spans(words), track_of(audio))
    assert delivery_from_json(asdict(d)) == d
    assert d.contour is not None and len(d.contour.pitch_st) == int(np.ceil(len(audio) / RATE / 0.1))



def test_pauses_are_level_silences_long_enough_and_a_stop_closure_is_not_one():
    """delivery.pauses: runs of frames within 12 dB of the room at least `pause_s` (0.15 s) long, on the voice
    mask's 10 ms grid. A 0.2 s silence (which Silero's mask bridges) is a pause; a 0.06 s stop closure is not."""
    from coach.delivery import Track, pauses

    level = np.full(300, -30.0)  # 6 s of speech at -30 dBFS
    level[:25] = level[-25:] = -70.0  # the room before and after (0.5 s each)
    level[100:110] = -68.0  # 2.00-2.20 s: a pause
    level[200:203] = -68.0  # 4.00-4.06 s: a closure
    words = [Word("speech", 0.5, 5.5)]
    got = pauses(Track(np.zeros(600), level), words, 600, 0.01)
    assert got is not None and got[200:220].all() and not got[190:200].any() and not got[220:230].any()
    assert not got[395:415].any()
    assert got[:50].all()  # the room before the first word is a pause as well
    assert pauses(None, words, 600, 0.01) is None


def test_pitched_frames_follow_the_pitch_track_and_none_without_praat():
    from coach.delivery import Track, pitched

    hz = np.zeros(100)
    hz[20:40] = 120.0  # 0.20-0.40 s voiced
    got = pitched(Track(hz, np.zeros(50)), 120, 0.01)
    assert got is not None and got[20:40].all() and not got[:20].any() and not got[40:].any()
    assert pitched(Track(hz, np.zeros(50), available=False), 120, 0.01) is None
