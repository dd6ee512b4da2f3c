"""Real audio devices: the microphone (sounddevice), the speaker (pyttsx3 rendered, sounddevice played).

Only this module imports sounddevice and pyttsx3. Each adapter fails with
a DeviceError that says what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.audio import RATE, StreamResampler
from coach.errors import DeviceError

NO_INPUT_HINT = "no microphone to record from; try `coach demo`, or grade a recording with `coach grade FILE`"


def _sd():  # type: ignore[no-untyped-def]
    try:
        import sounddevice as sd
    except OSError as exc:  # PortAudio library missing
        raise DeviceError(f"sound is unavailable ({exc}): install PortAudio (`apt-get install libportaudio2`)") from None
    return sd


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    rate: float
    default_in: bool
    default_out: bool


def list_devices() -> list[DeviceInfo]:
    sd = _sd()
    try:
        devices = sd.query_devices()
        default_in, default_out = sd.default.device
    except Exception as exc:
        raise DeviceError(f"cannot list sound devices ({exc})") from None
    return [DeviceInfo(i, d["name"], d["max_input_channels"], d["max_output_channels"], d["default_samplerate"],
                       i == default_in, i == default_out) for i, d in enumerate(devices)]


def _describe(devices: list[DeviceInfo]) -> str:
    return "; ".join(f"{d.index}: {d.name} ({d.inputs} in, {d.outputs} out)" for d in devices) or "none"


def input_device(device: int | str | None = None) -> tuple[int | str | None, int]:
    """The input device to use and its own sample rate; DeviceError when there is none."""
    sd = _sd()
    try:
        info = sd.query_devices(device, kind="input")
    except Exception:
        try:
            listing = _describe(list_devices())
        except DeviceError:
            listing = "none"
        raise DeviceError(f"{NO_INPUT_HINT} (devices: {listing})") from None
    if info["max_input_channels"] < 1:
        raise DeviceError(f"{info['name']} has no input channels: {NO_INPUT_HINT}")
    return device if device is not None else info["index"], int(info["default_samplerate"])


class MicrophoneInput:
    """Blocks from the input device, resampled to 16 kHz mono.

    The PortAudio callback only copies each block into a queue (it must not
    block or allocate much); `read` resamples in the caller's thread.
    """

    rate = RATE
    finished = False  # a microphone gives blocks until it is stopped

    def __init__(self, device: int | str | None = None):
        self.device, self.device_rate = input_device(device)
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._resampler = StreamResampler(self.device_rate, RATE)
        self._stream = None
        self.status_errors = 0

    def _callback(self, indata, frames, time_info, status) -> None:  # type: ignore[no-untyped-def]
        if status:
            self.status_errors += 1
        self._queue.put(indata[:, 0].copy())

    def start(self) -> None:
        sd = _sd()
        try:
            stream = sd.InputStream(device=self.device, samplerate=self.device_rate, channels=1,
                                    dtype="float32", callback=self._callback, blocksize=0)
            self._stream = stream
            stream.start()
        except Exception as exc:
            raise DeviceError(f"the microphone would not open ({exc}); check it with `coach devices`") from None

    def read(self, timeout: float) -> np.ndarray | None:
        try:
            block = self._queue.get(timeout=timeout)
        except queue.Empty:
            if self._stream is not None and not self._stream.active:
                raise DeviceError("the microphone stopped (unplugged?); what was recorded is kept") from None
            return None
        return self._resampler.process(block)

    def stop(self) -> None:
        _close(self._stream)
        self._stream = None


# --- speaking ----------------------------------------------------------------

_RENDER = """
import sys, pyttsx3
engine = pyttsx3.init()
engine.setProperty("rate", int(sys.argv[3]))
engine.save_to_file(sys.argv[1], sys.argv[2])
engine.runAndWait()
"""


def render_speech(text: str, path: Path, rate_wpm: int = 165, timeout_s: float = 60.0) -> Path:
    """Render text to a WAV with pyttsx3, in a child process with a timeout.

    pyttsx3's say() plays nothing on Linux and its run loop can hang; saving
    to a file in a child process avoids both (docs/audio-stack.md).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part.wav")
    detail = "no audio written"
    for _ in range(3):  # pyttsx3's run loop now and then returns before it has saved anything
        try:
            proc = subprocess.run([sys.executable, "-c", _RENDER, text, str(tmp), str(rate_wpm)],
                                  capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise DeviceError("text to speech hung; use --no-speak to read the questions instead") from None
        if proc.returncode == 0 and tmp.exists() and tmp.stat().st_size > 44:
            tmp.replace(path)
            return path
        detail = (proc.stderr.strip().splitlines() or ["no audio written"])[-1]
    raise DeviceError(f"text to speech failed ({detail}); install espeak-ng or use --no-speak")


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.reshape(-1, channels).astype(np.float32) / 32768.0, rate


def play(audio: np.ndarray, rate: int, device: int | str | None = None, quiet: bool = True) -> None:
    """Play and wait until the last sample has left."""
    sd = _sd()
    try:
        info = sd.query_devices(device, kind="output")
        if info["max_output_channels"] < 1:
            raise DeviceError("no output device")
        audio = np.ascontiguousarray(audio, dtype=np.float32)
        channels = 1 if audio.ndim == 1 else audio.shape[1]
        # A stream of its own (not sd.play's global one), so two playbacks in two threads cannot
        # trip over each other; high latency avoids underruns; stop() on exit waits for the last sample.
        with _QuietAlsa() if quiet else contextlib.nullcontext(), sd.OutputStream(
                samplerate=rate, channels=channels, dtype="float32", device=device, latency="high") as stream:
            stream.write(audio.reshape(-1, channels))
    except DeviceError:
        raise
    except Exception as exc:
        raise DeviceError(f"cannot play sound ({exc})") from None


def _close(stream) -> None:  # type: ignore[no-untyped-def]
    """Stop and close a PortAudio stream; a device already gone is not an error here."""
    if stream is None:
        return
    try:
        stream.stop()
        stream.close()
    except Exception:
        pass


class StreamPlayer:
    """Plays blocks as they are written, on a stream of its own (for the demo's sample answer)."""

    def __init__(self, rate: int = RATE, device: int | str | None = None):
        self.rate, self.device = rate, device
        self._stream = None

    def start(self) -> None:
        sd = _sd()
        try:
            stream = sd.OutputStream(samplerate=self.rate, channels=1, dtype="float32", device=self.device)
            self._stream = stream
            stream.start()
        except Exception as exc:
            raise DeviceError(f"cannot play sound ({exc})") from None

    def write(self, block: np.ndarray) -> None:
        if self._stream is not None:
            with _QuietAlsa():
                self._stream.write(np.ascontiguousarray(block, dtype=np.float32).reshape(-1, 1))

    def stop(self) -> None:
        _close(self._stream)
        self._stream = None


class _QuietAlsa:
    """Silence libasound's own stderr lines ("underrun occurred") while playing; errors still raise."""

    def __enter__(self) -> None:
        import os

        self._saved = None
        try:
            sys.stderr.flush()
            self._saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except OSError:
            self._saved = None

    def __exit__(self, *exc: object) -> None:
        import os

        if self._saved is not None:
            os.dup2(self._saved, 2)
            os.close(self._saved)


def has_output() -> bool:
    try:
        sd = _sd()
        return sd.query_devices(None, kind="output")["max_output_channels"] > 0
    except Exception:
        return False


class TtsSpeaker:
    """Speaks through the default output: pyttsx3 renders (cached by text), sounddevice plays."""

    def __init__(self, cache_dir: Path, device: int | str | None = None, rate_wpm: int = 165):
        self.cache_dir = cache_dir
        self.device = device
        self.rate_wpm = rate_wpm
        self.failed = False

    def render(self, text: str) -> Path:
        key = hashlib.sha1(f"{self.rate_wpm}:{text}".encode()).hexdigest()[:16]
        path = self.cache_dir / f"{key}.wav"
        if not path.exists():
            render_speech(text, path, self.rate_wpm)
        return path

    def prepare(self, text: str) -> None:
        self.render(text)

    def say(self, text: str) -> None:
        """Speak, or, when speech fails mid-session, say so once and go on with printed questions."""
        if self.failed:
            return
        try:
            audio, rate = read_wav(self.render(text))
            play(audio, rate, self.device)
        except DeviceError as exc:
            self.failed = True
            print(f"coach: {exc}; the questions are printed from now on", file=sys.stderr)


class KeyEvents:
    """Enter and Tab from the terminal, read on a thread.

    In a terminal, keys are read one at a time (cbreak mode, restored on
    exit); otherwise each line on stdin counts as Enter and a tab character
    in it as Tab, so scripts and tests can drive a session.
    """

    def __init__(self, stream=None):  # type: ignore[no-untyped-def]
        self.stream = stream or sys.stdin
        self.events: queue.Queue[str] = queue.Queue()
        self._old = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> KeyEvents:
        if self._thread is not None:
            return self
        tty = False
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            pass
        if tty:
            import termios
            import tty as ttymod

            fd = self.stream.fileno()
            self._old = termios.tcgetattr(fd)
            ttymod.setcbreak(fd)
            target = self._read_chars
        else:
            target = self._read_lines
        self._thread = threading.Thread(target=target, daemon=True)
        self._thread.start()
        return self

    def _read_chars(self) -> None:
        while not self._stop.is_set():
            ch = self.stream.read(1)
            if not ch:
                return
            if ch in "\r\n":
                self.events.put("enter")
            elif ch == "\t":
                self.events.put("tab")

    def _read_lines(self) -> None:
        while not self._stop.is_set():
            try:
                line = self.stream.readline()
            except (OSError, ValueError):
                return
            if not line:
                return
            for _ in range(line.count("\t")):
                self.events.put("tab")
            if line.endswith("\n"):
                self.events.put("enter")

    def poll(self) -> str | None:
        try:
            return self.events.get_nowait()
        except queue.Empty:
            return None

    def clear(self) -> None:
        while self.poll() is not None:
            pass

    def stop(self) -> None:
        self._stop.set()
        if self._old is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._old)
            self._old = None
