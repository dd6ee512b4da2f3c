"""Real audio devices: the microphone (sounddevice), the speaker (speech rendered by coach.speech, sounddevice played).

Only this module imports sounddevice. Each adapter fails with a DeviceError
that says what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import platform
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.audio import RATE, StreamResampler, resample
from coach.errors import DeviceError
from coach.ports import WORKER_PREFIX
from coach.speech import BadUtterance, read_utterance, render_utterance
from coach.text import split_sentences

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

    def __init__(self, device: int | str | None = None, warn: Callable[[str], None] | None = None):
        self.device, self.device_rate = input_device(device)
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._resampler = StreamResampler(self.device_rate, RATE)
        self._stream = None
        self.status_errors = 0
        self._zeros = ZeroInputWatch(self.device_rate, warn or _warn)

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
        self._zeros.check(block)
        return self._resampler.process(block)

    def stop(self) -> None:
        _close(self._stream)
        self._stream = None


ZERO_INPUT_S = 3.0  # a real microphone's noise floor is never exactly 0 for this long


class ZeroInputWatch:
    """Says once, early, that the input gives only exact zeros: a device that is muted or not allowed to
    record (on macOS a terminal without microphone permission records zeros with no error)."""

    def __init__(self, rate: int, warn: Callable[[str], None], seconds: float = ZERO_INPUT_S):
        self.seconds, self.limit = seconds, int(rate * seconds)
        self.warn = warn
        self.zeros = 0
        self.done = False  # heard something, or warned

    def check(self, block: np.ndarray) -> None:
        if self.done:
            return
        if np.any(block):
            self.done = True
            return
        self.zeros += len(block)
        if self.zeros >= self.limit:
            self.done = True
            self.warn(f"the microphone has given only zeros for {self.seconds:.0f} s "
                      f"(digital silence, not even room noise): {silent_input_fix()}")


def silent_input_fix(system: str | None = None) -> str:
    """What makes an input record only zeros, and the fix, on this platform."""
    system = system or platform.system()
    if system == "Darwin":
        return ("your terminal has no microphone permission: allow it in System Settings > Privacy & Security > "
                "Microphone, then quit and reopen the terminal")
    if system == "Windows":
        return ("microphone access is off: turn on Settings > Privacy & security > Microphone > "
                "Let desktop apps access your microphone")
    return "the input is muted or records a silent output: unmute it (`alsamixer`, F4) or pick one with `coach devices`"


def _warn(message: str) -> None:
    """A line on stderr that does not run into the live line (which has no newline yet)."""
    clear = "\r\x1b[K" if sys.stderr.isatty() else ""
    print(f"{clear}coach: {message}", file=sys.stderr, flush=True)


# --- speaking ----------------------------------------------------------------


def play(audio: np.ndarray, rate: int, device: int | str | None = None, quiet: bool = True) -> None:
    """Play and wait until the last sample has left."""
    play_sequence([(audio, rate)], device, quiet)


def play_sequence(chunks: Iterable[tuple[np.ndarray, int]], device: int | str | None = None,
                  quiet: bool = True) -> None:
    """Play pieces of audio back to back on one stream, each as soon as it arrives; return after the last sample.

    The stream opens at the first piece's rate and channels; later pieces at another rate are resampled.
    """
    stream, rate0, channels = None, 0, 1
    try:
        for audio, rate in chunks:  # an error while the next piece is made is the caller's, not a playback error
            audio = np.ascontiguousarray(audio, dtype=np.float32)
            try:
                if stream is None:
                    stream, rate0, channels = _open_output(device, rate, 1 if audio.ndim == 1 else audio.shape[1])
                elif rate != rate0:
                    audio = resample(audio, rate, rate0)
                with _QuietAlsa() if quiet else contextlib.nullcontext():
                    stream.write(audio.reshape(-1, channels))
            except DeviceError:
                raise
            except Exception as exc:
                raise DeviceError(f"cannot play sound ({exc})") from None
    finally:
        if stream is not None:
            with _QuietAlsa() if quiet else contextlib.nullcontext():
                _close(stream)  # stop() waits for the last sample


def _open_output(device: int | str | None, rate: int, channels: int):  # type: ignore[no-untyped-def]
    sd = _sd()
    info = sd.query_devices(device, kind="output")
    if info["max_output_channels"] < 1:
        raise DeviceError("no output device")
    # A stream of its own (not sd.play's global one), so two playbacks in two threads cannot
    # trip over each other; high latency avoids underruns.
    stream = sd.OutputStream(samplerate=rate, channels=channels, dtype="float32", device=device, latency="high")
    stream.start()
    return stream, rate, channels


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
    """Speaks any text: sentence by sentence, each rendered (and cached) while the one before it plays."""

    def __init__(self, cache_dir: Path, device: int | str | None = None, rate_wpm: int = 165,
                 render: Callable[[str, Path, int], Path] = render_utterance,
                 play: Callable[[Iterable[tuple[np.ndarray, int]], int | str | None], None] = play_sequence):
        self.cache_dir = cache_dir
        self.device = device
        self.rate_wpm = rate_wpm
        self.failed = False
        self._render, self._play = render, play

    def render(self, sentence: str) -> tuple[np.ndarray, int]:
        """One utterance, from the cache when it holds a good one."""
        key = hashlib.sha1(f"{self.rate_wpm}:{sentence}".encode()).hexdigest()[:16]
        path = self.cache_dir / f"{key}.wav"
        if path.exists():
            try:
                return read_utterance(path)
            except BadUtterance:
                path.unlink(missing_ok=True)
        try:
            return read_utterance(self._render(sentence, path, self.rate_wpm))
        except BadUtterance as exc:
            raise DeviceError(f"text to speech failed: the cached utterance {exc}") from None

    def prepare(self, text: str) -> None:
        for sentence in utterances(text):
            self.render(sentence)

    def say(self, text: str) -> None:
        """Speak, or, when speech fails mid-session, say so once and go on with printed questions."""
        if self.failed:
            return
        try:
            self._play(self._rendered(utterances(text)), self.device)
        except DeviceError as exc:
            self.failed = True
            print(f"coach: {exc}; the questions are printed from now on", file=sys.stderr)

    def _rendered(self, sentences: list[str]) -> Iterator[tuple[np.ndarray, int]]:
        """Utterances in order, rendered on a thread one ahead of playback: the first plays as soon as it is ready."""
        results: queue.Queue[tuple[np.ndarray, int] | BaseException] = queue.Queue()
        stop = threading.Event()

        def work() -> None:
            for sentence in sentences:
                if stop.is_set():
                    return
                try:
                    results.put(self.render(sentence))
                except BaseException as exc:  # handed to the playing thread, which raises it
                    results.put(exc)
                    return

        threading.Thread(target=work, daemon=True, name=f"{WORKER_PREFIX}-speak").start()
        try:
            for _ in sentences:
                item = results.get()
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()


def utterances(text: str) -> list[str]:
    """The sentences of a text, each spoken as one utterance."""
    return split_sentences(" ".join(text.split()))


class KeyEvents:
    """Enter, Tab and letter keys ("r": try again) from the terminal, read on a thread.

    In a terminal, keys are read one at a time (cbreak mode, restored on
    exit; on Windows through msvcrt); otherwise each line on stdin counts as Enter, a tab character
    in it as Tab, and a line of a letter as that key, so scripts and tests can drive a session.
    """

    def __init__(self, stream=None):  # type: ignore[no-untyped-def]
        self.stream = stream or sys.stdin
        self.events: queue.Queue[str] = queue.Queue()
        self._old = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.closed = False  # the input has ended: no key will come

    def start(self, windows: bool = sys.platform == "win32") -> KeyEvents:
        if self._thread is not None:
            return self
        tty = False
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            pass
        if tty and windows:
            target = self._read_console
        elif tty:
            import termios
            import tty as ttymod

            fd = self.stream.fileno()
            self._old = termios.tcgetattr(fd)
            ttymod.setcbreak(fd)
            target = self._read_chars
        else:
            target = self._read_lines
        self._thread = threading.Thread(target=target, daemon=True, name="coach-keys")  # pure Python: no worker
        self._thread.start()
        return self

    def _key(self, ch: str) -> None:
        if ch in "\r\n":
            self.events.put("enter")
        elif ch == "\t":
            self.events.put("tab")
        elif ch.isalpha():
            self.events.put(ch.lower())  # "r": try again

    def _read_chars(self) -> None:
        while not self._stop.is_set():
            ch = self.stream.read(1)
            if not ch:
                self.closed = True
                return
            self._key(ch)

    def _read_console(self) -> None:
        """Windows has no termios: the console gives keys one at a time through msvcrt."""
        import msvcrt

        while not self._stop.is_set():
            if msvcrt.kbhit():  # type: ignore[attr-defined]
                self._key(msvcrt.getwch())  # type: ignore[attr-defined]
            else:
                self._stop.wait(0.02)

    def _read_lines(self) -> None:
        while not self._stop.is_set():
            try:
                line = self.stream.readline()
            except (OSError, ValueError):
                self.closed = True
                return
            if not line:
                self.closed = True
                return
            for _ in range(line.count("\t")):
                self.events.put("tab")
            letters = [ch.lower() for ch in line if ch.isalpha()]
            for ch in letters:
                self.events.put(ch)
            if line.endswith("\n") and not letters:
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

            try:
                termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._old)
            except (termios.error, OSError, ValueError):  # the terminal is gone (closed, or no longer ours)
                pass
            self._old = None
