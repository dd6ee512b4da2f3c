from __future__ import annotations

import os
import struct

import numpy as np
import pytest

from coach.audio import RATE, StreamResampler, WavWriter, load_audio, repair_wav, resample, write_wav
from coach.errors import AudioFileError


def tone(freq: float, rate: int, seconds: float) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def peak_hz(audio: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(len(audio))))
    return float(np.argmax(spectrum) * rate / len(audio))


@pytest.mark.parametrize("rate", [44100, 48000, 22050, 8000])
def test_resampling_keeps_pitch_and_length(rate):
    out = resample(tone(440, rate, 2.0), rate, RATE)
    assert abs(len(out) - 2 * RATE) <= 40
    assert abs(peak_hz(out, RATE) - 440) < 3


def test_stream_resampling_matches_whole_buffer():
    audio = tone(300, 44100, 1.0)
    r = StreamResampler(44100, RATE)
    blocks = [r.process(audio[i : i + 441]) for i in range(0, len(audio), 441)] + [r.flush()]
    streamed = np.concatenate(blocks)
    whole = resample(audio, 44100, RATE)
    n = min(len(streamed), len(whole))
    assert abs(len(streamed) - len(whole)) <= 2
    assert np.max(np.abs(streamed[:n] - whole[:n])) < 1e-4


def test_downsampling_removes_what_16k_cannot_hold():
    out = resample(tone(11000, 44100, 1.0), 44100, RATE)  # above 8 kHz Nyquist: would alias to 5 kHz
    assert np.sqrt(np.mean(out**2)) < 0.05


def test_wav_writer_header_is_current_after_each_flush(tmp_path):
    path = tmp_path / "a.wav"
    w = WavWriter(path, flush_every_s=1.0)
    w.write(tone(200, RATE, 2.5))
    # not closed: as after a kill -9, the header already counts the flushed audio
    data_bytes = struct.unpack("<I", path.read_bytes()[40:44])[0]
    assert data_bytes >= 2 * RATE * 2
    w.close()
    assert len(load_audio(path)) == int(2.5 * RATE)


def test_repair_wav_after_crash(tmp_path):
    path = tmp_path / "a.wav"
    write_wav(path, tone(200, RATE, 1.0))
    with open(path, "ab") as f:  # audio that reached the disk after the last header update
        f.write((tone(200, RATE, 0.5) * 32767).astype("<i2").tobytes())
    assert repair_wav(path)
    assert len(load_audio(path)) == int(1.5 * RATE)
    assert not repair_wav(path)


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"this is not audio at all" * 10, "not audio"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt garbage", "not audio"),
])
def test_bad_audio_files(tmp_path, content, message):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioFileError, match=message):
        load_audio(path)


def test_missing_audio_file(tmp_path):
    with pytest.raises(AudioFileError, match="no such file"):
        load_audio(tmp_path / "nope.wav")


def test_other_formats_decode(tmp_path):
    if os.system("which sox >/dev/null 2>&1") != 0:
        pytest.skip("sox is not installed")
    wav = tmp_path / "a.wav"
    write_wav(wav, tone(300, RATE, 1.0))
    flac = tmp_path / "a.flac"
    assert os.system(f"sox {wav} -r 44100 -c 2 {flac}") == 0
    audio = load_audio(flac)
    assert abs(len(audio) - RATE) < 200 and abs(peak_hz(audio, RATE) - 300) < 3


def test_hallucinated_words_that_take_no_time_are_dropped():
    from coach.report import Word
    from coach.transcribe import drop_unaligned, join_pieces

    words = join_pieces([(" I", 0.0, 0.2), (" changed", 0.2, 0.6), (" the", 0.6, 0.7), (" lesson.", 0.7, 1.1),
                         (" We'll", 1.1, 1.12), (" see", 1.12, 1.12), (" you", 1.12, 1.13), (" in", 1.13, 1.13),
                         (" the", 1.13, 1.13), (" next", 1.13, 1.13), (" video.", 1.13, 1.13)])
    assert [w.text for w in drop_unaligned(words)] == ["I", "changed", "the", "lesson."]
    short = [Word("a", 0.0, 0.03), Word("cat", 0.03, 0.4)]  # one short word is speech
    assert drop_unaligned(short) == short


def test_word_pieces_are_joined():
    from coach.transcribe import join_pieces

    words = join_pieces([(" a", 0.0, 0.1), (" 0", 0.1, 0.2), (".3", 0.2, 0.3), ("%", 0.3, 0.4), (" ready", 0.4, 0.6),
                         ("-to", 0.6, 0.7), ("-merge", 0.7, 0.9)])
    assert [w.text for w in words] == ["a", "0.3%", "ready-to-merge"]
    assert words[1].start_s == 0.1 and words[1].end_s == 0.4


def _seg(start, end, words, ratio=1.3):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    ws = [SimpleNamespace(word=f" {w}", start=start + i * 0.3, end=start + i * 0.3 + 0.25) for i, w in enumerate(words)]
    return SimpleNamespace(start=start, end=end, compression_ratio=ratio, words=ws)


class _LoopingModel:
    """Whisper stand-in: loops on the whole clip, hears each half cleanly; records how it was asked."""

    def __init__(self):  # type: ignore[no-untyped-def]
        self.calls = []

    def transcribe(self, audio, **kw):  # type: ignore[no-untyped-def]
        self.calls.append((len(audio), kw.get("temperature")))
        seconds = len(audio) / 16000
        if seconds > 9:
            return iter([_seg(0.0, seconds, ["so", "even", "a", "mis", "me", "me", "me", "me"], ratio=5.0)]), None
        return iter([_seg(0.0, seconds, ["half", "heard"])]), None


def test_a_looping_segment_is_heard_again_in_halves_cut_at_a_pause_and_decoding_never_samples():
    import numpy as np

    from coach.transcribe import WhisperTranscriber

    audio = np.full(16000 * 10, 0.1, dtype=np.float32)
    audio[16000 * 4:16000 * 4 + 1600] = 0.0  # a pause at 4.0-4.1 s, inside the middle half
    t = WhisperTranscriber.__new__(WhisperTranscriber)
    t._model = _LoopingModel()
    t.load = lambda: None
    words = t.transcribe(audio)
    assert [w.text for w in words] == ["half", "heard", "half", "heard"]
    assert 4.0 <= words[2].start_s <= 4.1  # the second half is on the caller's clock, cut in the pause
    assert {temp for _, temp in t._model.calls} == {0.0}  # no temperature fallback: the same audio, the same words
    assert len(t._model.calls) == 3


def test_a_loop_that_halving_cannot_break_keeps_the_words_before_it():
    from coach.transcribe import cut_loop

    pieces = [(" even", 0.0, 0.2), (" a", 0.2, 0.3), (" mis", 0.3, 0.4), ("-me", 0.4, 0.4), ("-me", 0.4, 0.4),
              ("-me", 0.4, 0.4), ("-me", 0.4, 0.4)]
    assert cut_loop(pieces) == pieces[:4]
    assert cut_loop(pieces[:5]) == pieces[:5]  # twice is speech ("very, very")
