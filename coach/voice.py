"""Where the audio is voiced, and which voiced stretches no transcribed word covers.

Whisper was trained on clean transcripts and drops most "um"s and "uh"s.
A stretch of voiced audio that no word covers is most often such a filler
(the approach of rescript PR #60, see docs/analysis.md). Energy-based
runs are numpy only; the filler detector uses Silero VAD from faster-whisper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coach.audio import RATE
from coach.report import Word
from coach.spoken import spoken_letters, spoken_units
from coach.thresholds import GAPS, MASK_FRAME_S, GapOptions


@dataclass(frozen=True)
class VoiceOptions:
    frame_s: float = 0.02
    # A frame is voiced when its energy is this far above the noise floor...
    above_floor_db: float = 15.0
    # ...and no more than this far below the loudest speech.
    below_peak_db: float = 35.0
    bridge_s: float = 0.08  # join voiced runs split by a shorter dip


def frame_energy_db(audio: np.ndarray, frame_s: float = 0.02) -> np.ndarray:
    """Energy of each frame in dBFS, computed a minute at a time so memory stays small on long recordings."""
    n = int(RATE * frame_s)
    frames = len(audio) // n
    out = np.empty(frames, dtype=np.float32)
    step = max(1, int(60 / frame_s))
    for i in range(0, frames, step):
        j = min(frames, i + step)
        x = np.asarray(audio[i * n : j * n], dtype=np.float32).reshape(j - i, n)
        rms = np.sqrt(np.mean(x * x, axis=1) + 1e-12)
        out[i:j] = 20 * np.log10(rms + 1e-9)
    return out


def voiced_runs(audio: np.ndarray, opts: VoiceOptions = VoiceOptions()) -> list[tuple[float, float]]:
    """(start, end) seconds of voiced stretches."""
    db = frame_energy_db(audio, opts.frame_s)
    if db.size == 0:
        return []
    floor = float(np.percentile(db, 10))
    peak = float(np.percentile(db, 99))
    threshold = max(floor + opts.above_floor_db, peak - opts.below_peak_db)
    voiced = db > threshold
    runs: list[list[float]] = []
    for i, v in enumerate(voiced):
        if not v:
            continue
        t = i * opts.frame_s
        if runs and t - runs[-1][1] <= opts.bridge_s:
            runs[-1][1] = t + opts.frame_s
        else:
            runs.append([t, t + opts.frame_s])
    return [(a, b) for a, b in runs]


MIN_SPEECH_S = 0.5  # less voice than this in a whole answer is no answer


def is_silent(audio: np.ndarray) -> bool:
    """No speech at all: near-digital silence or no voiced run of half a second."""
    if audio.size == 0 or float(np.max(np.abs(audio))) < 1e-3:
        return True
    return sum(b - a for a, b in voiced_runs(audio)) < MIN_SPEECH_S


def mask_is_silent(mask: np.ndarray, frame_s: float = MASK_FRAME_S) -> bool:
    """The same judgement from a voice mask, when the audio is not at hand."""
    return float(mask.sum()) * frame_s < MIN_SPEECH_S


def mask_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and one-past-last frame of each run of True."""
    edges = np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def speech_mask(audio: np.ndarray, frame_s: float = MASK_FRAME_S) -> np.ndarray:
    """Voiced 10 ms frames by Silero VAD (bundled with faster-whisper as ONNX).

    Short silences (100 ms) still split speech, so a filler between two
    words shows as its own voiced stretch.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    n = int(len(audio) / RATE / frame_s) + 1
    mask = np.zeros(n, dtype=bool)
    opts = VadOptions(threshold=0.5, min_silence_duration_ms=200, speech_pad_ms=30, min_speech_duration_ms=0)
    for ts in get_speech_timestamps(audio, opts):
        mask[int(ts["start"] / RATE / frame_s): int(np.ceil(ts["end"] / RATE / frame_s))] = True
    return mask


def speaker_per_char_s(words: Sequence[Word], voiced: np.ndarray, opts: GapOptions) -> float:
    """Seconds of voice a letter takes this speaker: the median over words, times a margin, never below
    the default. A slow or stretched voice says every word longer; measured with a fixed rate, the
    start of each long word would be left over and read as a filler."""
    if not opts.adapt_rate:
        return opts.per_char_s
    fr = opts.frame_s
    rates = []
    for w in words:
        chars = spoken_letters(w.text)
        if chars < 4:
            continue
        j0, j1 = max(0, int(w.start_s / fr)), min(len(voiced), int(np.ceil(w.end_s / fr)))
        frames = int(voiced[j0:j1].sum())
        if frames:
            rates.append(max(0.0, frames * fr - opts.core_s * spoken_units(w.text)) / chars)
    if len(rates) < 10:
        return opts.per_char_s
    return max(opts.per_char_s, opts.rate_margin * float(np.median(rates)))


def uncovered_voiced(audio: np.ndarray | None, words: Sequence[Word], opts: GapOptions = GAPS,
                     mask: np.ndarray | None = None, pauses: np.ndarray | None = None,
                     pitched: np.ndarray | None = None) -> list[tuple[float, float]]:
    """Voiced stretches (>= min_gap_s) that no transcribed word explains: most often a dropped filler.

    Whisper stretches a word's start back over a filler it dropped, so a word
    explains only the end of the voiced audio in its span, as long as the
    word takes to say (a word's time for each word said and the time of its
    spoken form's letters, coach/spoken.py: "15%" is "fifteen percent",
    "one-page" two words, "CRM" three letters said apart), longer before a
    pause. Whisper's boundary between two
    words is a guess: a word left short of voice keeps the voice running on
    past its end, and what is free just before it; a word squeezed to under
    half of what it takes may reach past its neighbours' boundaries for it.
    With the level's pauses and the pitch (`pauses`, `pitched`: coach.delivery
    from the prosody track), a word run on over a short pause into the
    unvoiced onset of a next word that starts late is said before the pause.
    Fillers spoken straight into the next word are not found, so the count
    is a lower bound; recall and false alarms measured on espeak-ng and
    flite renderings are in docs/analysis.md.
    """
    if mask is None:
        assert audio is not None, "uncovered_voiced needs the audio or its voice mask"
        voiced = speech_mask(audio, opts.frame_s)
    else:
        voiced = mask
    n = len(voiced)
    fr = opts.frame_s
    cov = np.zeros(n, dtype=bool)
    m = int(round(opts.margin_s / fr))
    per_char = speaker_per_char_s(words, voiced, opts)
    spans = [(max(0, int(w.start_s / fr)), min(n, int(np.ceil(w.end_s / fr)))) for w in words]
    needs = [int(round((opts.core_s * spoken_units(w.text) + per_char * spoken_letters(w.text)) / fr)) for w in words]
    # The last word before a pause is said longer (phrase-final lengthening), and the voice runs on past
    # Whisper's end of it most of all there.
    lengthened = set()
    for i, (_, j1) in enumerate(spans):
        nxt = spans[i + 1][0] if i + 1 < len(words) else n
        if i + 1 == len(words) or not voiced[j1:nxt].all():
            needs[i] = int(round(needs[i] * opts.final_lengthening))
            lengthened.add(i)
    # A word whose span holds a pause (`pauses`: silence by the level, which Silero's mask bridges when it is under
    # 200 ms) and after it only voice with no pitch (`pitched`) running on into a next word short of voice: no word is
    # said without a voiced vowel, so that is the next word's onset (the s of "is | standing"), which Whisper gave to
    # this word when it started the next one late. The word is said before the pause, and said longer there (a word
    # before a pause); the voice after it is left for the next word's shortfall. A filler is voiced, so one after the
    # pause is left over as before.
    if pauses is not None and pitched is not None:
        for i in range(len(words) - 1):
            (j0, j1), (k0, k1) = spans[i], spans[i + 1]
            inside = np.flatnonzero(pauses[j0:j1]) + j0
            if not len(inside) or needs[i + 1] <= int(voiced[k0:k1].sum()):
                continue
            after = int(inside[-1]) + 1
            if after >= j1 or not voiced[after:j1].all() or pitched[after:j1].any():
                continue
            first = int(inside[-1])
            while first > j0 and pauses[first - 1]:
                first -= 1
            if first > j0:
                spans[i] = (j0, first)
                if i not in lengthened:
                    needs[i] = int(round(needs[i] * opts.final_lengthening))
    # First, each word keeps the last of the voice in its span, as long as it takes to say.
    kept_from, deficits = [], []
    for (j0, j1), need in zip(spans, needs):
        idx = np.nonzero(voiced[j0:j1])[0] + j0
        if len(idx):
            keep = idx[-need:]
            cov[max(0, keep[0] - m): min(n, keep[-1] + 1 + m)] = True
            kept_from.append(int(keep[0]))
        else:
            cov[max(0, j0 - m): min(n, j1 + m)] = True
            kept_from.append(j0)
        deficits.append(need - len(idx))
    # Then a word with less voice than it takes to say claims its shortfall from the voice beside it that no
    # word kept: Whisper's boundary between two words is a guess, often a few tenths of a second off.
    for i, ((j0, j1), deficit) in enumerate(zip(spans, deficits)):
        # A word Whisper gave less than `squeezed` of the voice it takes sits where its neighbours' voice is:
        # it may claim from beyond their boundaries (their voice that they do not keep).
        squeezed = deficits[i] > (1 - opts.squeezed) * needs[i]
        if opts.forward and j1 < n and voiced[j1 - 1 if j1 else 0]:
            stop = (kept_from[i + 1] if squeezed else spans[i + 1][0]) if i + 1 < len(words) else n
            if deficit > 0:
                # Whisper often ends a word before the voice does: the word keeps the voice that runs on
                # from it, up to the next word (a squeezed word: up to the voice the next word keeps).
                k = j1
                while k < stop and voiced[k] and k - j1 < deficit:
                    k += 1
                if k > j1:
                    cov[j1: min(n, k + m)] = True
                    deficit -= k - j1
        if deficit > 0:
            lo = max(0, j0 - int(opts.backfill_s / fr))
            if squeezed and i:
                lo = min(lo, spans[i - 1][0])
            prev = np.nonzero(voiced[lo:j0] & ~cov[lo:j0])[0] + lo
            take = prev[-deficit:]
            cov[take] = True
    starts, ends = mask_runs(voiced & ~cov)
    return [(round(a * fr, 2), round(b * fr, 2)) for a, b in zip(starts, ends)
            if opts.min_gap_s <= (b - a) * fr <= opts.max_gap_s]


def snap_to_voice(words: Sequence[Word], mask: np.ndarray, frame_s: float = MASK_FRAME_S, reach_s: float = 0.4,
                  tail_s: float = 0.15) -> list[Word]:
    """Word times moved to where the voice starts and stops, at pauses.

    Whisper's word times drift by a tenth of a second or two around pauses,
    which is where section starts, pauses and speaking time are measured.
    Every onset of voice after a silence (Silero's mask: 200 ms of silence
    splits speech) moves the start of the word nearest to it, and every
    offset the end of the word nearest to it, when they are within `reach_s`
    of each other and each is the other's nearest. Whisper lays words end to
    end, so a word after a pause often starts inside the silence and the word
    before it ends inside it: a silence clips a word edge that falls in it when
    the word has less than `tail_s` of voice on that side. Words stay in order
    and never shrink below a frame.
    """
    if not len(words) or not mask.any():
        return list(words)
    first, after = mask_runs(mask)
    onsets, offsets = first * frame_s, after * frame_s
    starts = np.array([w.start_s for w in words])
    ends = np.array([w.end_s for w in words])
    new_starts, new_ends = starts.copy(), ends.copy()
    for times, edge_times, out in ((starts, onsets, new_starts), (ends, offsets, new_ends)):
        for t in edge_times:
            i = int(np.argmin(np.abs(times - t)))
            if abs(times[i] - t) > reach_s:
                continue
            if abs(edge_times[int(np.argmin(np.abs(edge_times - times[i])))] - t) > 1e-9:
                continue  # another edge is nearer to this word
            out[i] = t
    # Whisper lays words end to end, so across a pause the next word often starts inside the silence (or a
    # frame or two before it) and the last word before it ends inside it, by up to a second. A silence
    # (Silero's mask, at least 200 ms) takes back its time from a word that straddles it with less than
    # a syllable (`tail_s`) of voice on one side.
    for a, b in zip(offsets[:-1], onsets[1:]):
        lo = int(np.searchsorted(new_ends, a, side="right"))
        for i in range(lo, len(words)):
            if new_starts[i] >= b:
                break
            pre, post = max(0.0, a - new_starts[i]), max(0.0, new_ends[i] - b)
            if pre < tail_s and post >= pre and post > frame_s:
                new_starts[i] = b
            elif post < tail_s and pre > frame_s:
                new_ends[i] = a
    snapped = []
    prev_end = 0.0
    for w, s, e in zip(words, new_starts, new_ends):
        s = max(float(s), prev_end)
        e = max(float(e), s + frame_s)
        snapped.append(Word(w.text, round(s, 3), round(e, 3)))
        prev_end = e
    return snapped
