"""Text to speech for any text: one utterance per child process, each file checked before it is played.

Engines, in order: pyttsx3 with the platform's own driver (espeak on Linux,
nsss on macOS, sapi5 on Windows), then the system's own speech command
(`espeak-ng`, `say`, PowerShell's System.Speech). Every utterance is rendered
to a file by a fresh child process with a timeout, which sidesteps pyttsx3's
run-loop failures (docs/platforms.md):

- Linux, pyttsx3 2.99's espeak driver: `runAndWait()` returns as soon as it has
  *started* espeak-ng's asynchronous synthesis. A process that exits then
  kills the synthesis before the file is written: short lines won that race,
  text over about 130 characters lost it. The child waits for the driver's
  `finished-utterance` event.
- Windows, sapi5: a second `say()` in one process is skipped.
- macOS, nsss: a second `runAndWait()` raises "run loop already started", and
  `save_to_file` writes AIFF whatever the file is called (decoded by PyAV).

Only the child processes import pyttsx3; the parent needs nothing but numpy.
"""

from __future__ import annotations

import math
import os
import platform
import shutil
import subprocess
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.errors import DeviceError

UTTERANCE_TIMEOUT_S = 30.0  # per sentence; espeak-ng renders the longest bundled one (436 characters) in under 1 s
SILENT_PEAK = 1e-3  # an utterance whose loudest sample is below this (-60 dBFS) holds no speech

# The child that renders one utterance with pyttsx3: driver and output path in argv, text on stdin
# (no quoting or length limits). `finished-utterance` fires after the driver has written the file.
_PYTTSX3_CHILD = """
import sys, threading
import pyttsx3
driver, out, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = sys.stdin.buffer.read().decode("utf-8")
done = threading.Event()
engine = pyttsx3.init(driver)
engine.connect("finished-utterance", lambda name, completed: done.set())
engine.setProperty("rate", rate)
engine.save_to_file(text, out)
engine.runAndWait()
if driver == "espeak":
    done.wait()  # its synthesis runs on after runAndWait() returns; the parent's timeout bounds the wait
"""

# Windows' own speech: System.Speech through PowerShell, text on stdin, output path in the environment.
_POWERSHELL = (
    "$ErrorActionPreference = 'Stop'; Add-Type -AssemblyName System.Speech; "
    "[Console]::InputEncoding = [Text.Encoding]::UTF8; $text = [Console]::In.ReadToEnd(); "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; $s.Rate = {rate}; "
    "$s.SetOutputToWaveFile($env:COACH_TTS_OUT); $s.Speak($text); $s.Dispose()"
)


@dataclass(frozen=True)
class Engine:
    """One way to render speech: a command that reads the text on stdin and writes `{out}`."""

    name: str  # as the user knows it, in messages
    argv: tuple[str, ...]  # "{out}" stands for the output file
    suffix: str = ".wav"  # what the engine writes


def pyttsx3_driver(system: str) -> str:
    """pyttsx3's driver for the platform (platform.system()'s name)."""
    return {"Darwin": "nsss", "Windows": "sapi5"}.get(system, "espeak")


def pyttsx3_engine(system: str, rate_wpm: int, python: str = sys.executable) -> Engine:
    driver = pyttsx3_driver(system)
    suffix = ".aiff" if driver == "nsss" else ".wav"
    return Engine(f"pyttsx3 ({driver})", (python, "-c", _PYTTSX3_CHILD, driver, "{out}", str(rate_wpm)), suffix)


def sapi_rate(rate_wpm: int) -> int:
    """Words a minute to System.Speech's -10..10 scale (about x1.11 a step from 157 wpm, as pyttsx3's sapi5 driver)."""
    return max(-10, min(10, round(math.log(rate_wpm / 156.63) / math.log(1.11))))


def system_engine(system: str, rate_wpm: int, which: Callable[[str], str | None] = shutil.which) -> Engine | None:
    """The operating system's own speech command, when it has one."""
    if system == "Darwin" and which("say"):
        return Engine("say", ("say", "-r", str(rate_wpm), "-o", "{out}", "--file-format=WAVE",
                              "--data-format=LEI16@22050", "-f", "-"))
    if system == "Windows":
        shell = which("powershell") or which("pwsh")
        if shell:
            return Engine("System.Speech", (shell, "-NoProfile", "-NonInteractive", "-Command",
                                            _POWERSHELL.replace("{rate}", str(sapi_rate(rate_wpm)))))
        return None
    for name in ("espeak-ng", "espeak"):
        if system not in ("Darwin", "Windows") and which(name):
            return Engine(name, (name, "-s", str(rate_wpm), "-w", "{out}", "--stdin"))
    return None


def engines(rate_wpm: int, system: str | None = None,
            which: Callable[[str], str | None] = shutil.which) -> list[Engine]:
    system = system or platform.system()
    found = [pyttsx3_engine(system, rate_wpm)]
    fallback = system_engine(system, rate_wpm, which)
    return found + ([fallback] if fallback else [])


def speech_fix(system: str | None = None) -> str:
    """What to do when no engine speaks, on this platform."""
    system = system or platform.system()
    if system == "Darwin":
        return "check that a voice is set in System Settings > Accessibility > Spoken Content, or use --no-speak"
    if system == "Windows":
        return "add a voice in Settings > Time & language > Speech, or use --no-speak"
    return "install espeak-ng (`sudo apt-get install espeak-ng`), or use --no-speak"


# --- running an engine and checking what it wrote -------------------------------------------------

Runner = Callable[..., subprocess.CompletedProcess]


def run_engine(engine: Engine, text: str, out: Path, timeout_s: float = UTTERANCE_TIMEOUT_S,
               run: Runner = subprocess.run) -> str | None:
    """Render text to `out`; None when the engine says it did, else what went wrong."""
    argv = [str(out) if a == "{out}" else a for a in engine.argv]
    try:
        proc = run(argv, input=text.encode("utf-8"), capture_output=True, timeout=timeout_s,
                   env={**os.environ, "COACH_TTS_OUT": str(out)})
    except FileNotFoundError:
        return f"{engine.name} is not installed"
    except subprocess.TimeoutExpired:
        return f"{engine.name} wrote nothing in {timeout_s:.0f} s (hung)"
    except OSError as exc:
        return f"{engine.name} would not start ({exc.strerror or exc})"
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else str(proc.stderr or "")
        last = next((line.strip() for line in reversed(err.splitlines()) if line.strip()), "")
        return f"{engine.name} failed ({last[:160] or f'exit status {proc.returncode}'})"
    return None


class BadUtterance(Exception):
    """A rendered file that cannot be played: says what is wrong with it."""


def read_utterance(path: Path) -> tuple[np.ndarray, int]:
    """A rendered utterance as float32 mono and its rate; BadUtterance when it is missing, empty or silent."""
    if not path.exists():
        raise BadUtterance("wrote no file")
    if path.stat().st_size == 0:
        raise BadUtterance("wrote an empty file")
    try:
        with wave.open(str(path), "rb") as w:
            rate, channels, width, frames = w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()
            data = w.readframes(frames)
        if width != 2:
            raise wave.Error(f"{8 * width}-bit samples")
        usable = len(data) // (2 * channels) * 2 * channels
        audio = np.frombuffer(data[:usable], dtype="<i2").reshape(-1, channels).mean(axis=1) / 32768.0
    except (wave.Error, EOFError) as exc:
        audio, rate = _decode_other(path, exc)
    if audio.size == 0:
        raise BadUtterance("wrote a file with no audio frames")
    if float(np.max(np.abs(audio))) < SILENT_PEAK:
        raise BadUtterance(f"wrote {audio.size / rate:.1f} s of silence")
    return audio.astype(np.float32), rate


def _decode_other(path: Path, why: Exception) -> tuple[np.ndarray, int]:
    """Not a 16-bit WAV (macOS's AIFF): PyAV decodes it, at 16 kHz."""
    from coach.audio import RATE, load_audio
    from coach.errors import AudioFileError

    try:
        return load_audio(path), RATE
    except AudioFileError:
        raise BadUtterance(f"wrote a file that is not audio ({why})") from None


def render_utterance(text: str, path: Path, rate_wpm: int = 165, timeout_s: float = UTTERANCE_TIMEOUT_S,
                     choices: Sequence[Engine] | None = None, run: Runner = subprocess.run) -> Path:
    """Render one utterance to a checked 16-bit WAV at `path`, trying each engine in turn.

    Raises DeviceError naming what each engine did wrong and the platform's fix.
    """
    from coach.audio import write_wav

    path.parent.mkdir(parents=True, exist_ok=True)
    problems = []
    for engine in choices if choices is not None else engines(rate_wpm):
        part = path.with_name(f"{path.stem}.part{engine.suffix}")
        part.unlink(missing_ok=True)
        problem = run_engine(engine, text, part, timeout_s, run)
        if problem is None:
            try:
                audio, rate = read_utterance(part)
            except BadUtterance as exc:
                problem = f"{engine.name} {exc}"
        if problem is None:
            if engine.suffix == ".wav":
                part.replace(path)
            else:
                write_wav(path, audio, rate)
                part.unlink()
            return path
        part.unlink(missing_ok=True)
        problems.append(problem)
    raise DeviceError(f"text to speech failed: {'; '.join(problems)}; {speech_fix()}")
