"""Audio files and buffers: decoding, resampling to 16 kHz mono, and a WAV writer that survives crashes.

numpy only; decoding of other formats goes through PyAV (a faster-whisper
dependency), imported where it is needed.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.errors import AudioFileError

RATE = 16000
# Longest recording coach decodes: an hour is 230 MB as 16 kHz float32. Longer
# files are refused before decoding, so memory stays bounded.
MAX_AUDIO_S = 60 * 60


def load_audio(path: Path | str) -> np.ndarray:
    """Any file PyAV decodes, as float32 mono at 16 kHz (all of it in memory: see audio_blocks)."""
    path = Path(path)
    check_audio_file(path)
    blocks = [b for b in audio_blocks(path) if b.size]
    if not blocks:
        raise AudioFileError(f"{path}: the file holds no audio")
    audio = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
    del blocks
    return audio


def check_audio_file(path: Path) -> float | None:
    """Refuse what cannot be a recording to grade, before decoding; its length in seconds when told."""
    if not path.exists():
        raise AudioFileError(f"{path}: no such file")
    if path.is_dir():
        raise AudioFileError(f"{path}: is a folder; give an audio file such as answer.wav")
    if path.stat().st_size == 0:
        raise AudioFileError(f"{path}: the file is empty; record the answer again or give another file")
    seconds = audio_duration(path)
    if seconds is not None and seconds > MAX_AUDIO_S:
        raise AudioFileError(
            f"{path}: {seconds / 3600:.1f} hours long; coach grades answers up to {MAX_AUDIO_S // 60} minutes: "
            "cut the answer out first, e.g. `ffmpeg -ss START -t 300 -i FILE answer.wav`")
    return seconds


def audio_blocks(path: Path) -> Iterator[np.ndarray]:
    """A file's audio as float32 mono 16 kHz blocks, decoded as they are read, so memory does not grow
    with the file's length: 16-bit PCM WAV a second at a time with numpy, anything else through PyAV
    as faster-whisper's decode_audio does it (same frame grouping and resampler, so the same samples)."""
    info = wav_info(path)
    if info is not None and info.pcm and info.width == 2:
        yield from _wav_blocks(path, info)
        return
    try:
        yield from _av_blocks(path)
    except AudioFileError:
        raise
    except Exception as exc:  # PyAV raises many types for undecodable input
        raise AudioFileError(
            f"{path}: not audio that can be decoded ({type(exc).__name__}); convert it to WAV, "
            "e.g. `ffmpeg -i FILE answer.wav`"
        ) from None


def _wav_blocks(path: Path, info: WavInfo, block_s: float = 1.0) -> Iterator[np.ndarray]:
    channels = info.channels
    resampler = StreamResampler(info.rate) if info.rate != RATE else None
    left = info.frames
    with open(path, "rb") as f:
        f.seek(info.offset)
        while left > 0:
            n = min(left, max(1, int(info.rate * block_s)))
            raw = f.read(n * 2 * channels)
            got = len(raw) // (2 * channels)
            if got == 0:
                break
            left -= got
            data = np.frombuffer(raw[: got * 2 * channels], dtype="<i2")
            if channels == 1:
                block = data.astype(np.float32)
                block *= 1 / 32768.0
            else:
                block = data.reshape(-1, channels).astype(np.float32).mean(axis=1) / 32768.0
            yield resampler.process(block) if resampler else block
    if resampler:
        yield resampler.flush()


def _av_blocks(path: Path) -> Iterator[np.ndarray]:
    import gc

    import av

    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=RATE)
    with av.open(str(path), mode="r", metadata_errors="ignore") as container:
        fifo = av.audio.fifo.AudioFifo()
        frames = container.decode(audio=0)
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                break
            except av.error.InvalidDataError:
                continue  # a damaged frame: skipped, as faster-whisper does
            frame.pts = None
            fifo.write(frame)
            if fifo.samples >= 500_000:
                yield from _resampled(resampler, fifo.read())
        if fifo.samples > 0:
            yield from _resampled(resampler, fifo.read())
        yield from _resampled(resampler, None)
    del resampler
    gc.collect()  # PyAV's resampler frees its buffers only then (faster-whisper issue 390)


def _resampled(resampler, frame) -> Iterator[np.ndarray]:  # type: ignore[no-untyped-def]
    for out in resampler.resample(frame):
        yield out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0


@dataclass(frozen=True)
class WavInfo:
    """What a RIFF WAV header says, with the data size taken from the file when the header's cannot be."""

    rate: int
    channels: int
    width: int  # bytes per sample
    pcm: bool  # integer PCM (format 1, or extensible with the PCM subformat)
    offset: int  # where the samples start
    frames: int


MIN_RATE, MAX_RATE = 4000, 768_000  # a sound recording's sample rates (a 0 Hz header is not one)


def wav_info(path: Path) -> WavInfo | None:
    """The header of a RIFF WAV, read chunk by chunk; None when the file is not one.

    A WAV written as a stream (by ffmpeg or arecord to a pipe) never had its sizes filled in: its
    data size says 0xFFFFFFFF (27 hours at 44.1 kHz) or 0. The samples are then whatever the
    file holds after the header, as they are whenever a header claims more than the file has.
    """
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        size = os.fstat(f.fileno()).st_size
        fmt: tuple[int, int, int, int] | None = None
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                return None
            cid, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"fmt ":
                body = f.read(min(length, 40))
                if len(body) < 16:
                    return None
                tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
                if tag == 0xFFFE and len(body) >= 26:  # WAVE_FORMAT_EXTENSIBLE: the subformat's tag
                    tag = struct.unpack("<H", body[24:26])[0]
                fmt = (tag, channels, rate, bits)
                f.seek(length - len(body) + (length & 1), 1)
            elif cid == b"data":
                if fmt is None:
                    return None
                tag, channels, rate, bits = fmt
                if not MIN_RATE <= rate <= MAX_RATE or channels == 0 or bits == 0:
                    raise AudioFileError(
                        f"{path}: the WAV header says {rate} samples a second and {channels} channels, which no "
                        "recording has: convert it, e.g. `ffmpeg -i FILE answer.wav`")
                offset = f.tell()
                data = min(length, size - offset) if length not in (0, 0xFFFFFFFF) else size - offset
                frame = (bits + 7) // 8 * channels
                return WavInfo(rate, channels, (bits + 7) // 8, tag == 1, offset, max(0, data) // frame)
            else:
                f.seek(length + (length & 1), 1)


def audio_duration(path: Path) -> float | None:
    """Length in seconds from the file's header, without decoding; None when it cannot be told."""
    try:
        info = wav_info(path)
    except OSError:
        info = None
    if info is not None:
        return info.frames / info.rate
    try:
        import av

        with av.open(str(path)) as container:
            if container.duration:
                return container.duration / 1_000_000
    except Exception:  # not decodable: load_audio says so
        return None
    return None


def resample(audio: np.ndarray, rate_in: int, rate_out: int = RATE) -> np.ndarray:
    """Whole-buffer resampling (see StreamResampler for blocks)."""
    r = StreamResampler(rate_in, rate_out)
    return np.concatenate([r.process(audio), r.flush()])


def _lowpass_taps(cutoff: float, taps: int = 63) -> np.ndarray:
    """Windowed-sinc low-pass; cutoff as a fraction of the input sample rate."""
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(2 * cutoff * n) * np.hamming(taps)
    return (h / h.sum()).astype(np.float32)


class StreamResampler:
    """Resample a stream of blocks, keeping filter and phase state between blocks.

    An anti-alias low-pass (when going down) then linear interpolation: for
    speech at 16 kHz this loses nothing the recogniser uses.
    """

    def __init__(self, rate_in: int, rate_out: int = RATE):
        self.rate_in, self.rate_out = int(rate_in), int(rate_out)
        self.step = self.rate_in / self.rate_out
        self.taps = _lowpass_taps(0.45 * min(1.0, self.rate_out / self.rate_in)) if self.rate_in > self.rate_out \
            else np.ones(1, dtype=np.float32)
        self.history = np.zeros(len(self.taps) - 1, dtype=np.float32)
        self.filtered = np.zeros(0, dtype=np.float32)
        self.pos = 0.0  # next output position, in filtered-sample units from self.filtered[0]
        self.delay = (len(self.taps) - 1) // 2

    def process(self, block: np.ndarray) -> np.ndarray:
        if self.rate_in == self.rate_out:
            return block.astype(np.float32, copy=False)
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        x = np.concatenate([self.history, block])
        y = np.convolve(x, self.taps, mode="valid").astype(np.float32)
        if len(self.taps) > 1:
            self.history = x[-(len(self.taps) - 1):]
        self.filtered = np.concatenate([self.filtered, y])
        last = len(self.filtered) - 1
        if last < 1 or self.pos > last - 1:
            return np.zeros(0, dtype=np.float32)
        count = int((last - 1 - self.pos) // self.step) + 1
        points = self.pos + self.step * np.arange(count)
        out = np.interp(points, np.arange(len(self.filtered)), self.filtered).astype(np.float32)
        self.pos = points[-1] + self.step
        drop = int(self.pos) - 1
        if drop > 0:
            self.filtered = self.filtered[drop:]
            self.pos -= drop
        return out

    def flush(self) -> np.ndarray:
        if self.rate_in == self.rate_out:
            return np.zeros(0, dtype=np.float32)
        return self.process(np.zeros(len(self.taps), dtype=np.float32))[: int(self.delay / self.step)]


class WavWriter:
    """16-bit mono WAV written as it arrives; the header is patched at every flush.

    A crash, a kill -9 or a power cut leaves a file whose header counts all
    audio up to the last flush (at most `flush_every_s` behind); `repair_wav`
    fixes the rest.
    """

    def __init__(self, path: Path, rate: int = RATE, flush_every_s: float = 1.0):
        self.path = Path(path)
        self.rate = rate
        self.frames = 0
        self._unflushed = 0
        self._flush_frames = int(rate * flush_every_s)
        # "x": a recording is a new file, never written over another one.
        self._f = open(self.path, "xb")  # noqa: SIM115 - closed in close()
        try:
            self._f.write(_wav_header(0, rate))
            self._f.flush()
        except OSError:  # a full disk: no empty file left behind
            with contextlib.suppress(OSError):
                self._f.close()  # flushes again, and fails again
            self.path.unlink(missing_ok=True)
            raise

    def write(self, audio: np.ndarray) -> np.ndarray:
        """Append samples; returns them as the file holds them (16-bit), as load_audio reads them back."""
        pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
        data = pcm.tobytes()
        self._f.write(data)
        n = len(data) // 2
        self.frames += n
        self._unflushed += n
        if self._unflushed >= self._flush_frames:
            self.flush()
        stored = pcm.astype(np.float32)
        stored *= 1 / 32768.0  # as _wav_blocks reads them
        return stored

    def flush(self) -> None:
        self._f.flush()
        pos = self._f.tell()
        self._f.seek(0)
        self._f.write(_wav_header(self.frames, self.rate))
        self._f.seek(pos)
        self._f.flush()
        os.fsync(self._f.fileno())
        self._unflushed = 0

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    def close(self) -> None:
        if not self._f.closed:
            self.flush()
            self._f.close()


def _wav_header(frames: int, rate: int) -> bytes:
    data_bytes = frames * 2
    return struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16, 1, 1, rate,
                       rate * 2, 2, 16, b"data", data_bytes)


def repair_wav(path: Path) -> bool:
    """Make the header of a WAV cut short by a crash match the audio on disk. True if it changed."""
    path = Path(path)
    size = path.stat().st_size
    if size < 44:
        return False
    with open(path, "r+b") as f:
        head = f.read(44)
        if head[:4] != b"RIFF" or head[12:16] != b"fmt ":
            return False
        rate = struct.unpack("<I", head[24:28])[0]
        data_bytes = (size - 44) // 2 * 2
        if struct.unpack("<I", head[40:44])[0] == data_bytes:
            return False
        f.seek(0)
        f.write(_wav_header(data_bytes // 2, rate))
    return True


def write_wav(path: Path, audio: np.ndarray, rate: int = RATE) -> None:
    w = WavWriter(path, rate)
    w.write(audio)
    w.close()


class FileInput:
    """An audio input that reads a recording as if it were being spoken.

    `coach demo` uses it in place of the microphone, with a `sink` that plays
    each block as it is read (the playback's own clock then sets the pace);
    tests use it as a fake. With `realtime` and no sink, blocks arrive at the
    pace of speech; otherwise as fast as they are read.
    """

    rate = RATE

    def __init__(self, audio: np.ndarray, realtime: bool = True, block_s: float = 0.1, sink=None):  # type: ignore[no-untyped-def]
        self.audio = audio if audio.dtype == np.int16 else audio.astype(np.float32, copy=False)
        self.realtime = realtime
        self.block = int(RATE * block_s)
        self.pos = 0
        self.finished = False
        self._t0 = 0.0
        self.sink = sink

    def start(self) -> None:
        import time

        self._t0 = time.monotonic()
        if self.sink is not None:
            self.sink.start()

    def read(self, timeout: float) -> np.ndarray | None:
        import time

        if self.pos >= len(self.audio):
            self.finished = True
            return None
        if self.realtime and self.sink is None:
            due = self._t0 + (self.pos + self.block) / RATE
            wait = due - time.monotonic()
            if wait > timeout:
                time.sleep(timeout)
                return None
            if wait > 0:
                time.sleep(wait)
        block = self.audio[self.pos : self.pos + self.block]
        self.pos += self.block
        if block.dtype != np.float32:  # int16 samples, e.g. a memory-mapped WAV
            block = block.astype(np.float32) / 32768.0
        if self.sink is not None:
            self.sink.write(block)  # blocks while the speaker's buffer is full: real-time pace
        return block

    def stop(self) -> None:
        self.finished = True
        if self.sink is not None:
            self.sink.stop()
            self.sink = None
