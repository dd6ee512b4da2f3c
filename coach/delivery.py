"""Delivery: how the answer sounded. Pitch variation, loudness at sentence ends, hedges, repetition.

Pure: a prosody Track (made by coach/prosody.py) and the words with their times in,
frozen figures out, over the answer and per STAR section. The bands are in
coach/thresholds.py (DeliveryNorms), their sources in docs/analysis.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coach.hedges import find_hedges, find_repeats, section_at, sentences_of
from coach.report import Contour, Delivery, SectionDelivery, SentenceEnd, Word
from coach.thresholds import DELIVERY, HEDGE_WEIGHTS, DeliveryNorms

PITCH_STEP_S = 0.01  # one pitch value per 10 ms
LEVEL_FRAME_S = 0.02  # one level per 20 ms
CONTOUR_STEP_S = 0.1  # the contours in the report: one point per 100 ms


@dataclass(frozen=True, eq=False)
class Track:
    """Pitch (Hz, 0 = unvoiced) every 10 ms and level (dBFS) every 20 ms, both from time 0."""

    pitch_hz: np.ndarray
    level_db: np.ndarray
    available: bool = True  # False: Praat could not be loaded, pitch_hz is all zeros
    note: str = ""

    @property
    def seconds(self) -> float:
        return len(self.level_db) * LEVEL_FRAME_S


def _semitones(hz: np.ndarray) -> np.ndarray:
    return 12 * np.log2(hz / 100.0)


def _voiced(track: Track, norms: DeliveryNorms) -> tuple[np.ndarray, np.ndarray, float | None]:
    """Frame indices and semitones of voiced frames, octave errors removed; the median in Hz."""
    idx = np.flatnonzero(track.pitch_hz > 0)
    if not len(idx):
        return idx, np.zeros(0), None
    st = _semitones(track.pitch_hz[idx])
    med = float(np.median(st))
    keep = np.abs(st - med) <= norms.octave_gate_st
    return idx[keep], st[keep], float(100 * 2 ** (med / 12))


def _sd(st: np.ndarray, min_frames: int) -> float | None:
    return round(float(np.std(st)), 2) if len(st) >= max(min_frames, 2) else None


def _silent(level: np.ndarray, noise_db: float, norms: DeliveryNorms) -> np.ndarray:
    """Frames within `silence_above_noise_db` of the room, or `silence_below_speech_db` under the loud frames."""
    loud = float(np.percentile(level, 90))
    return level < max(noise_db + norms.silence_above_noise_db, loud - norms.silence_below_speech_db)


def _room_db(level: np.ndarray, words: Sequence[Word]) -> tuple[np.ndarray, float | None, float | None]:
    """Which level frames are inside words, the median level of speech, and the room's (the 10th percentile of
    the frames outside words, of all when fewer than ten are)."""
    inside = np.zeros(len(level), dtype=bool)
    for w in words:
        inside[int(w.start_s / LEVEL_FRAME_S): int(np.ceil(w.end_s / LEVEL_FRAME_S))] = True
    speech_db = float(np.median(level[inside])) if inside.any() else None
    room = level[~inside] if (~inside).sum() >= 10 else level
    return inside, speech_db, float(np.percentile(room, 10)) if len(room) else None


def pauses(track: Track | None, words: Sequence[Word], frames: int, frame_s: float,
           norms: DeliveryNorms = DELIVERY) -> np.ndarray | None:
    """Where the level pauses, on a grid of `frames` frames of `frame_s`: runs of silent frames (as the pause after
    a sentence is found) at least `pause_s` long. Silero's voice mask bridges a silence under 200 ms; the level
    does not. None without a track."""
    if track is None or not len(track.level_db) or not words:
        return None
    level = track.level_db
    _, _, noise_db = _room_db(level, words)
    if noise_db is None:
        return None
    silent = _silent(level, noise_db, norms)
    need = int(round(norms.pause_s / LEVEL_FRAME_S))
    out = np.zeros(frames, dtype=bool)
    edges = np.diff(np.concatenate([[0], silent.astype(np.int8), [0]]))
    for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)):
        if b - a >= need:
            out[int(round(a * LEVEL_FRAME_S / frame_s)): int(round(b * LEVEL_FRAME_S / frame_s))] = True
    return out


def pitched(track: Track | None, frames: int, frame_s: float) -> np.ndarray | None:
    """Which of `frames` frames of `frame_s` have a pitch (a voiced sound); None without a track or without Praat."""
    if track is None or not track.available:
        return None
    idx = (np.arange(frames) * frame_s / PITCH_STEP_S + 1e-6).astype(int)
    ok = idx < len(track.pitch_hz)
    out = np.zeros(frames, dtype=bool)
    out[ok] = track.pitch_hz[idx[ok]] > 0
    return out


def _sentence_ends(words: Sequence[Word], level: np.ndarray, noise_db: float,
                   spans: Sequence[tuple[str, float, float]], norms: DeliveryNorms) -> list[SentenceEnd]:
    """How much softer each sentence ends than it goes: its last `tail_s` of voice before the pause after
    it, against the sentence's loud frames. Found on the levels, not on word times: Whisper puts the last
    word of a sentence up to a third of a second late, often after the voice has stopped."""
    fr = LEVEL_FRAME_S
    silent = _silent(level, noise_db, norms)
    sents = sentences_of(words)
    out = []
    for k, (first, end) in enumerate(sents):
        if end - first < norms.sentence_min_words:
            continue
        last = words[end - 1]
        limit = words[sents[k + 1][0]].start_s if k + 1 < len(sents) else len(level) * fr
        a = int(max(0.0, last.start_s - norms.reach_s) / fr)
        b = min(len(level), int(np.ceil(min(limit, last.end_s + norms.reach_s) / fr)))
        # The pause after the sentence: the first run of silent frames at least `pause_s` long in [a, b).
        need = int(norms.pause_s / fr)
        run, gap = 0, None
        for i in range(a, b):
            run = run + 1 if silent[i] else 0
            if run >= need:
                gap = i - run + 1
                break
        if gap is None:
            continue  # no pause: the sentence runs into the next one
        tail_n = int(norms.tail_s / fr)
        s0 = int(max(0.0, words[first].start_s - 0.1) / fr)
        if gap - tail_n - s0 < tail_n:
            continue  # too short to compare its end with its body
        body = level[s0: gap - tail_n]
        body_db = float(np.percentile(body[~silent[s0: gap - tail_n]], 90)) if (~silent[s0: gap - tail_n]).any() else None
        if body_db is None:
            continue
        tail_db = float(level[gap - tail_n: gap].max())
        out.append(SentenceEnd(round(gap * fr, 2), round(body_db - tail_db, 1), last.text.strip(" ,.?!"),
                               section_at(last.start_s, spans)))
    return out


def _contour(track: Track, idx: np.ndarray, st: np.ndarray, med_st: float) -> Contour:
    """Pitch (median of each step's voiced frames, from the answer's median) and level (each step's peak)."""
    n = int(np.ceil(track.seconds / CONTOUR_STEP_S))
    per_pitch = int(round(CONTOUR_STEP_S / PITCH_STEP_S))
    per_level = int(round(CONTOUR_STEP_S / LEVEL_FRAME_S))
    grid = np.full(n * per_pitch, np.nan)
    keep = idx < len(grid)
    grid[idx[keep]] = st[keep] - med_st
    rows = np.sort(grid.reshape(n, per_pitch), axis=1)  # NaN sorts last
    counts = np.sum(~np.isnan(rows), axis=1)
    lo, hi = rows[np.arange(n), np.maximum(counts - 1, 0) // 2], rows[np.arange(n), np.maximum(counts, 1) // 2]
    med = np.where(counts % 2 == 1, lo, (lo + hi) / 2)
    pitch = tuple(None if c == 0 else round(float(m), 1) for c, m in zip(counts, med))
    levels = np.full(n * per_level, -np.inf)
    m = min(len(track.level_db), len(levels))
    levels[:m] = track.level_db[:m]
    peaks = levels.reshape(n, per_level).max(axis=1)
    floor = float(np.percentile(track.level_db, 10)) if len(track.level_db) else 0.0
    level = tuple(round(float(p), 1) if np.isfinite(p) and p > floor + 6 else None for p in peaks)
    return Contour(CONTOUR_STEP_S, pitch, level)


def assess(words: Sequence[Word], spans: Sequence[tuple[str, float, float]], track: Track | None,
           fillers: Sequence[tuple[float, float]] = (), norms: DeliveryNorms = DELIVERY) -> Delivery:
    """The delivery figures of one answer. `spans`: (section, start_s, end_s) of the sections heard;
    `fillers`: spans already counted as fillers, so "kind of" is not counted twice; `track`: None for text."""
    speaking = (words[-1].end_s - words[0].start_s) if words else 0.0
    minutes = speaking / 60
    hedges = tuple(find_hedges(words, spans, fillers))
    weighted = sum(HEDGE_WEIGHTS.get(h.kind, {}).get(h.section or "action", 0.0) for h in hedges)
    repeats = tuple(find_repeats(words, minutes, norms.opener_min, norms.opener_share, norms.phrase_min,
                                 norms.phrase_per_min))
    counted = [h for h in hedges if h.kind != "opinion"]

    def section_hedges(name: str, start: float, end: float) -> tuple[int, float | None]:
        n = sum(1 for h in counted if h.section == name)
        talk = [w for w in words if start - 1e-3 <= w.start_s < end + 1e-3]
        secs = (talk[-1].end_s - talk[0].start_s) if talk else 0.0
        return n, (round(60 * n / secs, 1) if secs >= 5 else None)

    hedges_per_min = round(weighted / minutes, 2) if minutes > 0 else 0.0
    if track is None or not len(track.level_db):
        sections = tuple(SectionDelivery(name, None, 0.0, None, *section_hedges(name, s, e)) for name, s, e in spans)
        return Delivery(False, None, None, None, 0.0, None, None, False, (), 0, hedges, hedges_per_min, repeats,
                        sections, None, "pitch and loudness need a recording")

    level = track.level_db
    idx, st, median_hz = _voiced(track, norms)
    frames_min = int(norms.min_voiced_s / PITCH_STEP_S)
    sd = _sd(st, frames_min) if track.available else None
    band = None
    if sd is not None:
        band = "monotone" if sd < norms.monotone_st else "narrow" if sd < norms.narrow_st else "varied"

    # Loudness: speech is the frames inside words, the room the frames outside them.
    inside, speech_db, noise_db = _room_db(level, words)
    # A trailing word 10 dB down must stay clear of the room (`silence_above_noise_db`) to be measured.
    judged = speech_db is not None and noise_db is not None and (
        speech_db - noise_db >= norms.trail_db + norms.silence_above_noise_db)
    quiet = speech_db is not None and speech_db < norms.quiet_dbfs
    ends = _sentence_ends(words, level, noise_db, spans, norms) if judged and noise_db is not None else []
    trailing = sum(1 for e in ends if e.drop_db >= norms.trail_db)

    per_section = []
    for name, start, end in spans:
        a, b = int(start / PITCH_STEP_S), int(end / PITCH_STEP_S)
        sel = (idx >= a) & (idx < b)
        voiced_s = round(float(sel.sum()) * PITCH_STEP_S, 1)
        la, lb = int(start / LEVEL_FRAME_S), int(end / LEVEL_FRAME_S)
        sec_inside = inside[la:lb]
        sec_level = round(float(np.median(level[la:lb][sec_inside])), 1) if sec_inside.any() else None
        sec_sd = _sd(st[sel], int(norms.section_min_voiced_s / PITCH_STEP_S)) if track.available else None
        per_section.append(SectionDelivery(name, sec_sd, voiced_s, sec_level, *section_hedges(name, start, end)))
    med_st = float(np.median(st)) if len(st) else 0.0
    return Delivery(
        measured=True, pitch_sd_st=sd, pitch_median_hz=round(median_hz, 1) if median_hz else None, pitch_band=band,
        voiced_s=round(len(st) * PITCH_STEP_S, 1), level_db=None if speech_db is None else round(speech_db, 1),
        noise_db=None if noise_db is None else round(noise_db, 1),
        too_quiet=bool(quiet and not judged and speech_db is not None),
        too_noisy=bool(not quiet and not judged and speech_db is not None),
        sentence_ends=tuple(ends), trailing=trailing, hedges=hedges, hedges_per_min=hedges_per_min,
        repeats=repeats, sections=tuple(per_section), contour=_contour(track, idx, st, med_st), note=track.note)


def level_phrase(level_db: float, noise_db: float, norms: DeliveryNorms = DELIVERY) -> str:
    """The speech level and its margin over the room, as every report says it.

    A recording with exact digital silence between words (rendered by a speech engine, or edited) has no room
    to be over, so none is claimed."""
    if noise_db < norms.digital_silence_dbfs:
        return f"{level_db:.0f} dBFS, no room noise (digital silence)"
    return f"{level_db:.0f} dBFS, {level_db - noise_db:.0f} dB over the room"


def delivery_notes(d: Delivery, norms: DeliveryNorms = DELIVERY) -> tuple[str, ...]:
    """What to do about a recording too quiet (or too noisy) to judge loudness."""
    if d.level_db is None or d.noise_db is None or not d.measured:
        return ()
    level = f"speech at {level_phrase(d.level_db, d.noise_db, norms)}"
    if d.too_noisy:
        return (f"Too noisy to judge loudness ({level}): record in a quieter room or closer to the microphone "
                "(a headset microphone helps).",)
    if d.too_quiet or d.level_db < norms.quiet_dbfs:
        judged = "too quietly to judge loudness" if d.too_quiet else "quietly"
        return (f"Recorded {judged} ({level}; aim for about -26 dBFS): raise the microphone's input level in your "
                "system's sound settings or sit closer to it, then check the level with `coach devices`.",)
    return ()
