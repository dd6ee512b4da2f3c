#!/usr/bin/env python3
"""Put room14's clean renders in a room: echo, a fan and mains hum, a cheap microphone's band, a low level.

    python3 bench/room14/degrade.py bench/room14/cases.yaml bench/room14/audio

Each <id>.wav that ../shared/eval/synth.py wrote is replaced, in place, by the same speech as a laptop at a desk
would record it, with the parameters of the case's `room` (README.md says where each range comes from):

1. room: the speech convolved with a direct path plus a tail of Gaussian noise whose amplitude decays 60 dB in
   `rt60_s` (the usual simple model of a diffuse reverberant tail), the tail `DRR_DB` below the direct path;
2. microphone: the room's speech and the noise each through a band from `highpass_hz` to `lowpass_hz` (second-order
   Butterworth magnitudes, zero phase; the same as filtering their sum);
3. noise: steady `pink` (1/f power) or `brown` (1/f^2) noise, plus, when `hum_hz` is set, mains hum at that frequency
   and its first harmonics, mixed so that the speech (its active samples, after the room and the band) is `snr_db`
   above it: the SNR a listener measures on the file;
4. level: the whole scaled by `gain_db` (negative: the speaker sits further from the microphone than a TTS engine's
   full scale) and a converter's white noise floor at `FLOOR_DBFS` added; written as 16-bit.

The length is kept, so synth.py's truth (<id>.json, section times) still holds. Numpy only; every random draw comes
from a generator seeded by the case id, so a case degrades to the same bytes on any machine.
"""

from __future__ import annotations

import hashlib
import sys
import wave
from pathlib import Path

import numpy as np
import yaml

RATE = 16000
DRR_DB = 3.0  # direct-to-reverberant ratio at a desk, about the critical distance of a small room (README.md)
FLOOR_DBFS = -72.0  # a converter's self-noise: a 16-bit laptop input is about 70-80 dB below full scale (README.md)
HUM_HARMONICS = (1.0, 0.5, 0.35, 0.2, 0.1)  # amplitudes of hum_hz, 2*hum_hz, ... (a transformer/fan hum's buzz)
HUM_SHARE = 0.3  # part of the noise power that is hum, when there is hum


def rng_of(case_id: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(f"room14:{case_id}".encode()).digest()[:8], "little"))


def coloured_noise(n: int, colour: str, rng: np.random.Generator) -> np.ndarray:
    """Unit-power noise with power falling as 1/f (pink) or 1/f^2 (brown), shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    f[0] = f[1]
    spectrum *= {"pink": f ** -0.5, "brown": f ** -1.0, "white": np.ones_like(f)}[colour]
    noise = np.fft.irfft(spectrum, n)
    return noise / np.sqrt(np.mean(noise ** 2))


def hum(n: int, hz: float, rng: np.random.Generator) -> np.ndarray:
    """Unit-power mains hum: hz and its harmonics, each at a random phase."""
    t = np.arange(n) / RATE
    wave_ = sum(a * np.sin(2 * np.pi * hz * (k + 1) * t + rng.uniform(0, 2 * np.pi))
                for k, a in enumerate(HUM_HARMONICS))
    return wave_ / np.sqrt(np.mean(wave_ ** 2))


def room_response(rt60_s: float, rng: np.random.Generator) -> np.ndarray:
    """A direct path then a diffuse tail: Gaussian noise decaying 60 dB in rt60_s, DRR_DB below the direct path."""
    n = int(rt60_s * RATE)
    t = np.arange(n) / RATE
    tail = rng.standard_normal(n) * np.exp(-3 * np.log(10) * t / rt60_s)
    tail[: int(0.002 * RATE)] = 0  # the first reflections arrive a few ms after the direct sound
    tail *= np.sqrt(10 ** (-DRR_DB / 10) / np.sum(tail ** 2))
    tail[0] = 1.0
    return tail


def convolve(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    n = len(x) + len(h) - 1
    size = 1 << (n - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[: len(x)]


def band(x: np.ndarray, highpass_hz: float, lowpass_hz: float) -> np.ndarray:
    """x through a microphone's band: second-order Butterworth high- and low-pass magnitudes, zero phase."""
    f = np.fft.rfftfreq(len(x), 1 / RATE)
    f[0] = 1e-6
    gain = 1 / np.sqrt(1 + (highpass_hz / f) ** 4) / np.sqrt(1 + (f / lowpass_hz) ** 4)
    return np.fft.irfft(np.fft.rfft(x) * gain, len(x))


def degrade(speech: np.ndarray, room: dict, case_id: str) -> np.ndarray:
    """speech (float, full scale 1) as the case's room, noise, microphone and level make it."""
    rng = rng_of(case_id)
    wet = band(convolve(speech, room_response(room["rt60_s"], rng)), room["highpass_hz"], room["lowpass_hz"])
    noise = coloured_noise(len(speech), room["noise"], rng)
    if room.get("hum_hz"):
        noise = np.sqrt(1 - HUM_SHARE) * noise + np.sqrt(HUM_SHARE) * hum(len(speech), room["hum_hz"], rng)
    noise = band(noise, room["highpass_hz"], room["lowpass_hz"])
    # The SNR is the recording's, both through the microphone's band: most of a brown noise's and a hum's power
    # is below 150 Hz, and an SNR set before the band would leave the file 5 dB or more cleaner than it says.
    active = np.abs(speech) > 1e-3  # synth.py's pauses are digital silence
    ratio = np.mean(wet[active] ** 2) / np.mean(noise ** 2) / 10 ** (room["snr_db"] / 10)
    out = (wet + noise * np.sqrt(ratio)) * 10 ** (room["gain_db"] / 20)
    out += coloured_noise(len(speech), "white", rng) * 10 ** (FLOOR_DBFS / 20)
    return np.clip(out, -1, 32767 / 32768)


def read(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32768.0


def write(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(np.round(audio * 32768).astype("<i2").tobytes())


def main() -> None:
    cases_file, audio = Path(sys.argv[1]), Path(sys.argv[2])
    for case in yaml.safe_load(cases_file.read_text())["cases"]:
        wav = audio / f"{case['id']}.wav"
        write(wav, degrade(read(wav), case["room"], case["id"]))
        print(f"{case['id']}: {case['room']}")


if __name__ == "__main__":
    main()
