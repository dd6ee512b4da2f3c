"""Transcription while the candidate speaks: close a chunk at each pause, transcribe it on a worker thread.

The last open chunk is cut at its last pause too, and each part is
transcribed speculatively in the pause after it, so at Enter at most the
last sentence is left to transcribe and the report is ready about a second
after the answer ends however long it was. Word times
stay on the recording's clock. If the worker falls behind (a slow machine, a
bigger model) chunks wait in a queue: nothing is dropped, and `behind_s`
says how much is waiting.

The words depend on the audio alone, never on timing: chunks are cut where a
pause is found at fixed points of the audio (not wherever the microphone's
blocks happened to end), the last chunk is cut after its last sound, and a
speculation is used only when it heard exactly those samples. So a recording
transcribed while it is spoken and the same file transcribed afterwards
(`transcribe_chunked`, what `coach grade` and `--regrade` use) give the same
words and the same report.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, replace

import numpy as np

from coach.audio import RATE
from coach.ports import WORKER_PREFIX, Transcriber
from coach.report import Word
from coach.tail import hear_tail
from coach.voice import MASK_FRAME_S, frame_energy_db

MASK_HOP = int(MASK_FRAME_S * RATE)  # samples per voice-mask frame


@dataclass(frozen=True)
class ChunkOptions:
    # Each Whisper call encodes a padded 30 s window: short chunks cost more per
    # second of audio, long ones leave more to do at Enter.
    min_chunk_s: float = 15.0
    max_chunk_s: float = 25.0  # Whisper sees 30 s at a time
    min_pause_s: float = 0.45  # a pause this long closes a chunk (sentence pauses are 0.3-1 s)
    frame_s: float = 0.02
    check_every_s: float = 0.1  # where a cut is looked for: every 0.1 s of audio, whatever the block size
    speculate_every_s: float = 0.5  # re-transcribe the open chunk at a pause after this much new audio
    # The last chunk ends this long after its last frame within `tail_below_peak_db` of its loudest
    # (and above `tail_floor_db`): what follows is silence, the same however long it lasted.
    tail_pad_s: float = 0.3
    tail_below_peak_db: float = 40.0
    tail_floor_db: float = -60.0
    # The last chunk is transcribed in two parts, cut at its last pause (`min_pause_s`) that leaves at
    # least this much before it: the head is what a speculation heard in that pause, so at Enter only
    # the last sentence is left to transcribe, not up to `max_chunk_s` of audio.
    last_head_min_s: float = 3.0
    # A run-on answer (breaths shorter than `min_pause_s`, too short for a speculation after `tail_pad_s`) is
    # heard on from where its hearings so far end to a breath of at least `breath_s`, whenever they end
    # `respeculate_s` behind, so at Enter only the words since then are left (`_chain`, `_last_parts`).
    breath_s: float = 0.12
    respeculate_s: float = 4.0


class StreamingTranscriber:
    """Feed it blocks as they are recorded; `finish` returns the words of the whole answer.

    The worker transcribes each closed chunk, and when it has nothing else
    to do it transcribes the open chunk so far, up to just after its last
    sound ("speculation"). A chunk closes at that same point of a pause, so
    the speculation made in the pause gives the closed chunk's words and it
    is not transcribed twice. When the candidate stops talking and then
    presses Enter, the speculation already covers every voiced sample and is
    the final result: the report is ready at once. Otherwise only the open
    chunk (a few seconds) is left.
    """

    def __init__(self, transcriber: Transcriber, opts: ChunkOptions = ChunkOptions(), speculate: bool = True):
        self.transcriber = transcriber
        self.opts = opts
        self.speculate = speculate
        self._lock = threading.Lock()
        self._blocks: list[np.ndarray] = []
        self._open_start = 0  # sample index where the open chunk begins
        self._open_len = 0
        self._queue: queue.Queue[tuple[int, np.ndarray] | None] = queue.Queue()
        self._words: list[Word] = []
        self._error: BaseException | None = None
        self._queued_samples = 0
        self._next_check = self._first_check()  # open-chunk length at which a cut is next looked for
        # speculations on the open chunk: (first sample, samples) -> (words, voice mask)
        self._specs: dict[tuple[int, int], tuple[list[Word], np.ndarray]] = {}
        self._mask_parts: list[tuple[int, np.ndarray]] = []
        self._stop = threading.Event()
        self._speculating = threading.Event()
        self._live_key: tuple[int, int, int] | None = None
        self._live: tuple[str, float] | None = None
        self.chunks = 0
        self.bounds: list[tuple[int, int]] = []  # (first sample, samples) of each chunk transcribed
        self.speculations_used = 0
        self.rehearings = 0  # hearings again of a chunk's unheard voiced tail (coach/tail.py)
        self._worker = threading.Thread(target=self._work, daemon=True, name=f"{WORKER_PREFIX}-stream")
        self._worker.start()

    # --- recording thread ---------------------------------------------------

    def feed(self, block: np.ndarray) -> None:
        with self._lock:
            self._blocks.append(block)
            self._open_len += len(block)
            while self._open_len >= self._next_check:
                if not self._maybe_cut(self._next_check):
                    self._next_check += int(self.opts.check_every_s * RATE)

    def _first_check(self) -> int:
        hop = int(self.opts.check_every_s * RATE)
        return -(-int(self.opts.min_chunk_s * RATE) // hop) * hop

    def _open_audio(self) -> np.ndarray:
        if not self._blocks:
            return np.zeros(0, dtype=np.float32)
        audio = np.concatenate(self._blocks) if len(self._blocks) > 1 else self._blocks[0]
        self._blocks = [audio]
        return audio

    def _maybe_cut(self, upto: int) -> bool:
        """Close a chunk at a pause in the open chunk's first `upto` samples (a point on the fixed grid)."""
        audio = self._open_audio()
        head = audio[:upto]
        cut = find_pause(head, self.opts)
        if cut is None and len(head) >= self.opts.max_chunk_s * RATE:
            cut = quietest_point(head, self.opts)
        if cut is None:
            return False
        self._close(self._open_start, audio[:cut])
        self._specs = {k: v for k, v in self._specs.items() if k[0] >= self._open_start + cut}
        rest = audio[cut:]
        self._blocks = [rest] if len(rest) else []
        self._open_start += cut
        self._open_len = len(rest)
        self._next_check = self._first_check()
        return True

    def _close(self, start: int, chunk: np.ndarray) -> None:
        """A chunk is closed: its words at once when a speculation heard exactly its samples (a chunk
        closes where a speculation stopped: just after the sound before the pause), else the worker's."""
        self.bounds.append((start, len(chunk)))
        self.chunks += 1
        if not self._take_spec(start, len(chunk)):
            self._queued_samples += len(chunk)
            self._queue.put((start, chunk))

    def _take_spec(self, start: int, samples: int) -> bool:
        """Use a speculation for the chunk (start, samples) if one heard exactly those samples."""
        spec = self._specs.pop((start, samples), None)
        if spec is None:
            return False
        self._words.extend(spec[0])
        self._mask_parts.append((start, spec[1]))
        self.speculations_used += 1
        return True

    # --- worker thread ------------------------------------------------------

    def _work(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self.speculate and not self._stop.is_set():
                    self._speculate()
                continue
            if item is None:
                return
            start, chunk = item
            with self._lock:  # a speculation that finished after the chunk was queued may have heard it all
                if self._take_spec(start, len(chunk)):
                    self._queued_samples -= len(chunk)
                    continue
            words, mask = self._hear(chunk, start)
            with self._lock:
                self._words.extend(words)
                self._mask_parts.append((start, mask))
                self._queued_samples -= len(chunk)

    def _hear(self, chunk: np.ndarray, start: int) -> tuple[list[Word], np.ndarray]:
        """The chunk's words on the recording's clock and its voice mask; a voiced tail the words stop short of is
        heard again (coach/tail.py), the same live and in `transcribe_chunked`."""
        mask = _voice_mask(chunk)
        try:
            words = self.transcriber.transcribe(chunk) if _has_voice(chunk) else []
            words, again = hear_tail(self.transcriber.transcribe, chunk, words, mask)
        except BaseException as exc:  # surfaced in finish()
            self._error = exc
            return [], mask
        self.rehearings += again
        offset = start / RATE
        return [Word(w.text, round(w.start_s + offset, 3), round(w.end_s + offset, 3)) for w in words], mask

    def _speculate(self) -> None:
        """When the open chunk has just reached a pause, transcribe what `finish` would transcribe if the
        answer ended now (the part after the last pause, when its head was heard in that pause), then
        the whole open chunk so far (the head of a later split, or a chunk closed at this pause). A head
        not heard in its pause comes last: the whole open chunk so far goes first, for the next pause."""
        with self._lock:
            audio = self._open_audio()
            end = speech_end(audio, self.opts)
            start = self._open_start
            if end == 0:
                return  # nothing said yet in this chunk
            if end >= len(audio):  # mid-sentence: hear from where the chain of hearings ends to the breath it is in
                end = self._breath(audio)
                chain = self._chain(end) if end else []
                todo = [(chain[-1][1] if chain else 0, end)] if end else []
            else:
                parts = last_parts(audio[:end], self.opts)
                chained = self._chained(parts, end) or []  # first what finishing after the hearings so far needs
                if len(parts) == 2 and (start, parts[0][1]) not in self._specs:
                    parts = [(0, end)] + parts  # the head was not heard in its pause: hear up to here for the next one
                todo = [(a, b) for a, b in chained + parts + [(0, end)] if (start + a, b - a) not in self._specs]
            if not todo:
                return
            a, b = todo[0]
            audio = audio[a:b].copy()
            self._speculating.set()
        try:
            words, mask = self._hear(audio, start + a)
            with self._lock:  # kept even if a cut happened meanwhile: the chunk it closed may be these samples
                self._specs[(start + a, len(audio))] = (words, mask)
        finally:
            self._speculating.clear()

    @property
    def speculated_s(self) -> float:
        """Seconds of the open chunk that a finished speculation has heard."""
        with self._lock:
            ends = [s + n - self._open_start for s, n in self._specs if s >= self._open_start]
            return max(ends, default=0) / RATE

    def voice_mask(self, samples: int) -> np.ndarray:
        """After finish(): Silero's voiced 10 ms frames over the whole recording, computed chunk by chunk."""
        return voice_mask_of(self._mask_parts, samples)

    def current_section(self) -> tuple[str, float] | None:
        """The section the transcript heard so far ends in, and when it started (for the live screen)."""
        from coach.segment import segment

        with self._lock:
            key = (len(self._words), len(self._specs), sum(n for _, n in self._specs))
            if key == self._live_key:  # nothing new heard: the same answer as last time
                return self._live
            words = self._heard()
        live = None
        if len(words) >= 5:
            spans = [s for s in segment(words) if s is not None]
            live = (spans[-1].name, words[spans[-1].first].start_s) if spans else None
        self._live_key, self._live = key, live
        return live

    def heard_words(self) -> list[Word]:
        """The words heard so far (closed chunks, then the open chunk as far as speculations heard it), in
        time order: what the live line splits, and what is worth preparing before Enter."""
        with self._lock:
            return self._heard()

    def closed(self) -> tuple[list[Word], np.ndarray]:
        """The words and 10 ms voice mask of the chunks transcribed so far (final: later audio cannot change
        them), the mask up to the end of the last of them."""
        with self._lock:
            parts = list(self._mask_parts)
            words = sorted(self._words, key=lambda w: w.start_s)
        end = max((s + len(m) * MASK_HOP for s, m in parts), default=0)
        return words, voice_mask_of(parts, end)

    def _heard(self) -> list[Word]:
        return sorted(self._words + self._spec_words(), key=lambda w: w.start_s)

    def _spec_words(self) -> list[Word]:
        """The open chunk's words as far as speculations heard it: the longest from its start, then what follows."""
        return [w for a, b in self._chain(self._open_len) for w in self._specs[(self._open_start + a, b - a)][0]]

    def _chain(self, end: int) -> list[tuple[int, int]]:
        """The open chunk's speculated parts ((first, end) samples within it) from its start, one after another,
        each the longest that starts where the one before ended, up to `end`."""
        out: list[tuple[int, int]] = []
        at = 0
        while True:
            ns = [n for s, n in self._specs if s == self._open_start + at and 0 < n <= end - at]
            if not ns:
                return out
            out.append((at, at + max(ns)))
            at += max(ns)

    def _breath(self, audio: np.ndarray) -> int:
        """Where to end a hearing of the open chunk that goes on talking: `tail_pad_s` (or as much as there is) into
        the breath of at least `breath_s` that the audio ends in, when what is heard of the chunk so far (`_chain`)
        ends `respeculate_s` before; else 0."""
        o = self.opts
        chain = self._chain(len(audio))
        if len(audio) - (chain[-1][1] if chain else 0) < o.respeculate_s * RATE:
            return 0
        db = frame_energy_db(audio, o.frame_s)
        if db.size < 10:
            return 0
        quiet = db < _quiet_threshold(db)
        run = len(quiet) - len(np.trim_zeros((~quiet)[::-1].astype(np.int8), "f"))  # quiet frames at the end
        if run * o.frame_s < o.breath_s or run == len(quiet):
            return 0
        first = (len(quiet) - run) * int(o.frame_s * RATE)
        return min(len(audio), first + int(o.tail_pad_s * RATE))

    def _last_parts(self, audio: np.ndarray, end: int) -> list[tuple[int, int]]:
        """The last chunk's parts: cut at its last pause (`last_parts`, as a recording is cut after the fact), or
        the parts speculations heard it in so far (`_chain`) and the rest, when that leaves less to transcribe
        after Enter. Speculations stop in a pause or a breath, so when the last sentences run on with no pause of
        `min_pause_s`, their words up to the last breath are ready and only the rest is heard after Enter. The
        words differ from the recording's only around those cuts."""
        if not end:
            return []
        parts = last_parts(audio[:end], self.opts)
        return self._chained(parts, end) or parts

    def _chained(self, parts: list[tuple[int, int]], end: int) -> list[tuple[int, int]] | None:
        """`_chain` and the part after it, when finishing there leaves less to transcribe than the recording's own
        cut (`parts`, whose words are the recording's: on a tie those), else None."""
        chain = self._chain(end)
        if not chain:
            return None
        left = sum(b - a for a, b in parts if (self._open_start + a, b - a) not in self._specs)
        heard = chain[-1][1]
        return chain + ([(heard, end)] if heard < end else []) if end - heard < left else None

    @property
    def behind_s(self) -> float:
        """Seconds of closed audio not yet transcribed."""
        with self._lock:
            return self._queued_samples / RATE

    def finish(self) -> list[Word]:
        """Transcribe what is left and return every word, in order.

        The last chunk runs from the last cut to just after its last sound
        (`speech_end`). When a speculation transcribed exactly those samples
        (the candidate stopped talking and then pressed Enter), its words are
        the answer's last words and nothing is left to do.
        """
        self._stop.set()
        while self._speculating.is_set():  # a speculation in flight may be all we need
            time.sleep(0.01)
        with self._lock:
            audio = self._open_audio()
            end = speech_end(audio, self.opts)
            for a, b in self._last_parts(audio, end):  # each taken from a speculation when one heard exactly it
                self._close(self._open_start + a, audio[a:b])
            self._blocks, self._open_len = [], 0
        self._queue.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        return sorted(self._words, key=lambda w: w.start_s)


def voice_mask_of(parts: list[tuple[int, np.ndarray]], samples: int) -> np.ndarray:
    """The whole recording's 10 ms voice mask from the chunks' masks (chunks start on 20 ms frames)."""
    full = np.zeros(samples // MASK_HOP + 1, dtype=bool)
    for start, mask in parts:
        at = start // MASK_HOP
        n = min(len(mask), len(full) - at)
        if n > 0:
            full[at: at + n] |= mask[:n]
    return full


def _voice_mask(chunk: np.ndarray) -> np.ndarray:
    from coach.voice import speech_mask

    if not _has_voice(chunk):
        return np.zeros(len(chunk) // MASK_HOP + 1, dtype=bool)
    return speech_mask(chunk)[: len(chunk) // MASK_HOP + 1]


def speech_end(audio: np.ndarray, opts: ChunkOptions = ChunkOptions()) -> int:
    """Where the last chunk ends: `tail_pad_s` after its last frame within `tail_below_peak_db` of its
    loudest frame (0 for silence). Silence added after that point does not move it, so an answer
    that ended a second or ten seconds before Enter is transcribed from the same samples."""
    db = frame_energy_db(audio, opts.frame_s)
    if db.size == 0:
        return 0
    loud = np.flatnonzero(db > max(float(db.max()) - opts.tail_below_peak_db, opts.tail_floor_db))
    if loud.size == 0:
        return 0
    return min(len(audio), int((loud[-1] + 1) * opts.frame_s * RATE + opts.tail_pad_s * RATE))


def last_parts(audio: np.ndarray, opts: ChunkOptions = ChunkOptions()) -> list[tuple[int, int]]:
    """The last chunk's parts ((first, end) samples): cut at its last pause after `last_head_min_s`, if any."""
    cut = find_pause(audio, replace(opts, min_chunk_s=opts.last_head_min_s))
    return [(0, cut), (cut, len(audio))] if cut and cut < len(audio) else [(0, len(audio))]


def transcribe_chunked(audio: np.ndarray, transcriber: Transcriber,
                       opts: ChunkOptions = ChunkOptions()) -> tuple[list[Word], np.ndarray]:
    """A whole recording transcribed as it is while it is spoken: the same chunks, hence the same
    words and voice mask as the live session that recorded it."""
    words, mask, _ = chunk_transcript(audio, transcriber, opts)
    return words, mask


def chunk_transcript(audio: np.ndarray, transcriber: Transcriber, opts: ChunkOptions = ChunkOptions()
                     ) -> tuple[list[Word], np.ndarray, list[tuple[int, int]]]:
    """The words and voice mask of a recording fed through the live chunker, and where its chunks
    were ((first sample, samples) each: chunked_voice_mask rebuilds the mask from them alone)."""
    stream = StreamingTranscriber(transcriber, opts, speculate=False)
    hop = int(opts.check_every_s * RATE)
    for i in range(0, len(audio), hop):
        stream.feed(audio[i : i + hop])
    words = stream.finish()
    return words, stream.voice_mask(len(audio)), sorted(stream.bounds)


def chunked_voice_mask(audio: np.ndarray, bounds: list[tuple[int, int]]) -> np.ndarray:
    """The recording's voice mask as a live session computes it: chunk by chunk."""
    return voice_mask_of([(start, _voice_mask(audio[start : start + n])) for start, n in bounds], len(audio))


def _has_voice(chunk: np.ndarray) -> bool:
    return chunk.size > 0 and float(np.max(np.abs(chunk))) > 1e-3


def find_pause(audio: np.ndarray, opts: ChunkOptions) -> int | None:
    """Where to close a chunk in the last pause long enough to close one, or None.

    A pause is a run of frames well below the chunk's speech level, followed by speech. The cut
    is `speech_end` of the audio up to the pause's end (0.3 s after the last sound) when that lies
    in the pause, else the pause's middle; the trailing audio goes to the next chunk.
    """
    db = frame_energy_db(audio, opts.frame_s)
    if db.size < 10:
        return None
    quiet = db < _quiet_threshold(db)
    need = int(opts.min_pause_s / opts.frame_s)
    min_frames = int(opts.min_chunk_s / opts.frame_s)
    run_end = None
    best = None
    # Scan backwards for the last quiet run of `need` frames that starts after min_chunk_s.
    count = 0
    for i in range(len(quiet) - 1, -1, -1):
        if quiet[i]:
            if count == 0:
                run_end = i
            count += 1
        else:
            if count >= need and i + 1 >= min_frames and run_end is not None and run_end < len(quiet) - 1:
                best = (i + 1 + run_end) // 2
                break
            count = 0
    if best is None or run_end is None:
        return None
    # Where a speculation made in this pause stopped (speech_end of the audio so far), when that lies in
    # the pause: the chunk is then exactly what it heard, and its words are ready when the chunk closes.
    after_sound = speech_end(audio[: int((run_end + 1) * opts.frame_s * RATE)], opts)
    if (i + 1) * opts.frame_s * RATE < after_sound <= (run_end + 1) * opts.frame_s * RATE:
        return after_sound
    return int(best * opts.frame_s * RATE)


def quietest_point(audio: np.ndarray, opts: ChunkOptions) -> int:
    """The quietest frame in the last third of the chunk: a forced cut hurts least there."""
    db = frame_energy_db(audio, opts.frame_s)
    lo = len(db) * 2 // 3
    i = lo + int(np.argmin(db[lo:]))
    return int(i * opts.frame_s * RATE)


def _quiet_threshold(db: np.ndarray) -> float:
    floor = float(np.percentile(db, 5))
    speech = float(np.percentile(db, 90))
    return floor + 0.35 * (speech - floor) if speech - floor > 10 else floor + 3
