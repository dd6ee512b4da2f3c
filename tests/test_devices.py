"""Device errors become one clear sentence: no device, a refused rate, a microphone unplugged mid-answer."""

from __future__ import annotations

import types

import numpy as np
import pytest

from coach import devices
from coach.errors import DeviceError
from coach.recorder import RecordOptions, record
from tests.fakes import ScriptedKeys


class FakeStream:
    def __init__(self, fail_start=None, **kw):
        self.fail_start = fail_start
        self.active = False
        self.callback = kw.get("callback")

    def start(self):
        if self.fail_start:
            raise self.fail_start
        self.active = not getattr(self, "unplugged", False)

    def stop(self):
        self.active = False

    def close(self):
        pass


def fake_sd(devices_list, default_in=0, stream=None):
    def query_devices(device=None, kind=None):
        if kind is None:
            return devices_list
        index = default_in if device is None else device
        if not isinstance(index, int) or index < 0 or index >= len(devices_list):
            raise ValueError("Error querying device -1")
        return {**devices_list[index], "index": index}

    mod = types.SimpleNamespace(query_devices=query_devices,
                                default=types.SimpleNamespace(device=(default_in, default_in)),
                                InputStream=lambda **kw: stream or FakeStream(**kw))
    return mod


MIC = {"name": "usb mic", "max_input_channels": 1, "max_output_channels": 0, "default_samplerate": 48000.0}


def test_no_input_device_lists_devices_and_alternatives(monkeypatch):
    speaker_only = {"name": "speaker", "max_input_channels": 0, "max_output_channels": 2, "default_samplerate": 44100.0}
    monkeypatch.setattr(devices, "_sd", lambda: fake_sd([speaker_only], default_in=-1))
    with pytest.raises(DeviceError) as err:
        devices.input_device()
    assert "coach demo" in str(err.value) and "coach grade FILE" in str(err.value) and "0: speaker" in str(err.value)


def test_refused_sample_rate_is_a_clear_error(monkeypatch):
    stream = FakeStream(fail_start=RuntimeError("Invalid sample rate [PaErrorCode -9997]"))
    monkeypatch.setattr(devices, "_sd", lambda: fake_sd([MIC], stream=stream))
    mic = devices.MicrophoneInput()
    with pytest.raises(DeviceError, match="would not open .*Invalid sample rate.*coach devices"):
        mic.start()


def test_microphone_unplugged_mid_answer_keeps_what_was_recorded(monkeypatch, tmp_path):
    stream = FakeStream()
    monkeypatch.setattr(devices, "_sd", lambda: fake_sd([MIC], stream=stream))
    mic = devices.MicrophoneInput()
    mic.start()
    block = (0.2 * np.sin(np.arange(4800) / 10)).astype(np.float32).reshape(-1, 1)
    for _ in range(20):  # a second of audio arrives, then the device disappears
        mic._callback(block, len(block), None, None)
    stream.active = False
    stream.unplugged = True
    with pytest.raises(DeviceError, match="unplugged"):
        record(mic, ScriptedKeys(lambda: 0, []), tmp_path / "a.wav", RecordOptions())
    from coach.audio import load_audio

    assert abs(len(load_audio(tmp_path / "a.wav")) / 16000 - 2.0) < 0.05  # everything before it is on disk


def test_a_microphone_giving_only_zeros_is_named_early_with_the_platforms_fix(monkeypatch):
    monkeypatch.setattr(devices, "_sd", lambda: fake_sd([MIC]))
    monkeypatch.setattr(devices.platform, "system", lambda: "Darwin")
    warned: list[str] = []
    mic = devices.MicrophoneInput(warn=warned.append)
    zeros = np.zeros((4800, 1), dtype=np.float32)  # 0.1 s at 48 kHz: what a terminal without permission gets
    for _ in range(29):
        mic._callback(zeros, len(zeros), None, None)
        mic.read(0.01)
    assert warned == []  # not yet: 2.9 s
    for _ in range(20):
        mic._callback(zeros, len(zeros), None, None)
        mic.read(0.01)
    assert len(warned) == 1 and "only zeros for 3 s" in warned[0] and "Privacy & Security > Microphone" in warned[0]


def test_a_quiet_room_is_not_taken_for_a_dead_microphone():
    warned: list[str] = []
    watch = devices.ZeroInputWatch(16000, warned.append)
    watch.check(np.zeros(8000, dtype=np.float32))
    watch.check(np.full(160, 1e-5, dtype=np.float32))  # room noise, however faint
    for _ in range(100):
        watch.check(np.zeros(16000, dtype=np.float32))
    assert warned == []


@pytest.mark.parametrize("system, fix", [("Darwin", "quit and reopen the terminal"),
                                         ("Windows", "Let desktop apps access your microphone"),
                                         ("Linux", "alsamixer")])
def test_each_platform_names_its_own_fix_for_a_silent_input(system, fix):
    assert fix in devices.silent_input_fix(system)


def test_keys_on_a_windows_console_come_through_msvcrt(monkeypatch):
    """Windows has no termios: Enter, Tab and letters ("r": try again) are read with msvcrt.getwch (on a fake
    console here)."""
    import sys
    import time

    pressed = list("R\t\r")
    console = types.SimpleNamespace(kbhit=lambda: bool(pressed), getwch=lambda: pressed.pop(0))
    monkeypatch.setitem(sys.modules, "msvcrt", console)
    tty = types.SimpleNamespace(isatty=lambda: True, fileno=lambda: (_ for _ in ()).throw(AssertionError("no termios")))
    keys = devices.KeyEvents(tty).start(windows=True)
    try:
        got = []
        end = time.monotonic() + 5
        while len(got) < 3 and time.monotonic() < end:
            key = keys.poll()
            if key:
                got.append(key)
            time.sleep(0.01)
        assert got == ["r", "tab", "enter"]
    finally:
        keys.stop()


def test_keys_from_a_script_letters_enter_and_the_end_of_input():
    """Not a terminal: an empty line is Enter, a line of a letter is that key, and the end of input is said."""
    import io
    import time

    keys = devices.KeyEvents(io.StringIO("r\n\n\t\n")).start()
    got = []
    end = time.monotonic() + 5
    while (len(got) < 4 or not keys.closed) and time.monotonic() < end:
        key = keys.poll()
        if key:
            got.append(key)
        time.sleep(0.01)
    keys.stop()
    assert got == ["r", "enter", "tab", "enter"] and keys.closed
