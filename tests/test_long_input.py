"""Long and odd input in bounded time and memory: streaming WAV headers read by the file's real size, text
capped, long recordings graded a chunk at a time."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from coach.audio import RATE, WavWriter, audio_duration, load_audio
from tests.fakes import speechlike


def _streamed(path, rate, seconds, size_field):
    """A WAV as a stream writer leaves it: the sizes in its header never filled in."""
    w = WavWriter(path, rate)
    w.write(np.resize(speechlike(2.0), int(seconds * rate)))
    w.close()
    data = bytearray(path.read_bytes())
    data[4:8] = struct.pack("<I", size_field)
    data[40:44] = struct.pack("<I", size_field)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("size_field", [0xFFFFFFFF, 0], ids=["0xFFFFFFFF", "0"])
def test_a_streaming_wav_header_is_read_by_the_file_size(tmp_path, size_field):
    path = _streamed(tmp_path / "stream.wav", 22050, 8.7, size_field)
    assert audio_duration(path) == pytest.approx(8.7, abs=0.01)
    assert len(load_audio(path)) / RATE == pytest.approx(8.7, abs=0.01)


class _LengthsTranscriber:
    """Says one word a second of whatever audio it is given, and notes how long each piece was."""

    name = "lengths"

    def __init__(self):
        self.lengths: list[float] = []

    def load(self) -> None:
        pass

    def transcribe(self, audio):
        from coach.report import Word

        self.lengths.append(len(audio) / RATE)
        return [Word("I", t + 0.1, t + 0.5) for t in range(int(len(audio) / RATE))]


def test_a_long_recording_is_graded_a_chunk_at_a_time(monkeypatch, tmp_path):
    """Past STREAM_FROM_S a recording is never held whole: decoded block by block into the streaming
    transcriber, which never sees more than a chunk (25 s) at once."""
    from coach import pipeline
    from coach.paths import SAMPLE_ANSWER
    from coach.streaming import chunk_transcript

    monkeypatch.setattr(pipeline, "STREAM_FROM_S", 60.0, raising=False)  # the 97 s sample counts as long

    def whole(path):
        raise AssertionError("a long recording was loaded whole")

    monkeypatch.setattr(pipeline, "load_audio", whole)
    transcriber = _LengthsTranscriber()
    answer = pipeline.load_answer(SAMPLE_ANSWER, lambda: transcriber)
    assert answer.duration_s == pytest.approx(97.19, abs=0.05)
    assert transcriber.lengths and max(transcriber.lengths) <= 25.5
    # the chunks the live chunker cuts from the whole file, each heard once
    _, _, bounds = chunk_transcript(load_audio(SAMPLE_ANSWER), _LengthsTranscriber())
    assert transcriber.lengths == [n / RATE for _, n in bounds]
    assert len(answer.words) >= 80


def test_a_long_recording_streamed_gets_the_answer_it_would_get_whole(monkeypatch):
    """The streamed path is the whole path without the whole file in memory: the same words, voice
    mask, pitch and loudness as decoding the file first and transcribing it in the live chunks."""
    from coach import pipeline
    from coach.paths import SAMPLE_ANSWER

    whole = pipeline.answer_from_audio(load_audio(SAMPLE_ANSWER), _LengthsTranscriber(), str(SAMPLE_ANSWER))
    streamed = pipeline.answer_streamed(SAMPLE_ANSWER, _LengthsTranscriber())
    assert streamed.words == whole.words
    assert streamed.duration_s == whole.duration_s
    assert streamed.voiced_gaps == whole.voiced_gaps
    assert streamed.track is not None and whole.track is not None and whole.track.available
    np.testing.assert_array_equal(streamed.track.pitch_hz, whole.track.pitch_hz)
    np.testing.assert_array_equal(streamed.track.level_db, whole.track.level_db)


def _float_wav(path, audio, rate):
    """A 32-bit float WAV (format 3): not 16-bit PCM, so it is decoded by PyAV."""
    data = np.asarray(audio, dtype="<f4").tobytes()
    header = (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " +
              struct.pack("<IHHIIHH", 16, 3, 1, rate, rate * 4, 4, 32) + b"data" + struct.pack("<I", len(data)))
    path.write_bytes(header + data)
    return path


def test_blocks_decode_to_the_samples_a_whole_decode_gives(tmp_path):
    """Block by block gives what decoding at once gives: PyAV's path sample for sample what faster-whisper's
    decode_audio returns; a 16-bit WAV at another rate what resampling it whole returns."""
    from faster_whisper.audio import decode_audio

    from coach.audio import audio_blocks, resample

    src = speechlike(70.0)  # longer than PyAV's 500,000-sample groups at 22.05 kHz
    float_wav = _float_wav(tmp_path / "float.wav", resample(src, RATE, 22050), 22050)
    blocks = list(audio_blocks(float_wav))
    assert len(blocks) > 1
    np.testing.assert_array_equal(np.concatenate(blocks), decode_audio(str(float_wav), sampling_rate=RATE))

    pcm = tmp_path / "pcm.wav"
    w = WavWriter(pcm, 22050)
    stored = w.write(resample(src, RATE, 22050))
    w.close()
    blocks = list(audio_blocks(pcm))
    assert len(blocks) > 60
    np.testing.assert_allclose(np.concatenate(blocks), resample(stored, 22050), atol=1e-6)


def test_a_wav_with_a_header_and_no_samples_holds_no_audio(tmp_path):
    """Decoded block by block, a header-only WAV (a recording stopped before its first block) is still
    refused in one line, not a numpy error."""
    from coach.errors import AudioFileError

    WavWriter(tmp_path / "empty.wav").close()
    with pytest.raises(AudioFileError, match="holds no audio"):
        load_audio(tmp_path / "empty.wav")
