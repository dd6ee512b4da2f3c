"""Speech for any text: each platform's engines (on fakes), each rendered file checked, sentences played
in order while the next renders, failures named; and the real engine on the longest bundled text."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from coach import speech
from coach.audio import write_wav
from coach.devices import TtsSpeaker, utterances
from coach.errors import DeviceError
from coach.speech import BadUtterance, Engine, read_utterance, render_utterance, run_engine
from coach.stories import load_library
from tests.fakes import speechlike


def which_of(*found: str):
    return lambda name: f"/usr/bin/{name}" if name in found else None


# --- choosing engines, per platform ------------------------------------------------------------


@pytest.mark.parametrize("system, driver, suffix", [("Linux", "espeak", ".wav"), ("Darwin", "nsss", ".aiff"),
                                                    ("Windows", "sapi5", ".wav"), ("FreeBSD", "espeak", ".wav")])
def test_pyttsx3_uses_the_platforms_own_driver(system, driver, suffix):
    engine = speech.engines(165, system, which_of())[0]
    assert engine.name == f"pyttsx3 ({driver})" and engine.suffix == suffix
    assert engine.argv[3:] == (driver, "{out}", "165")


def test_linux_falls_back_to_espeak_ng_reading_stdin():
    found = speech.engines(150, "Linux", which_of("espeak-ng", "say"))
    assert [e.name for e in found] == ["pyttsx3 (espeak)", "espeak-ng"]
    assert found[1].argv == ("espeak-ng", "-s", "150", "-w", "{out}", "--stdin")
    assert [e.name for e in speech.engines(150, "Linux", which_of("espeak"))] == ["pyttsx3 (espeak)", "espeak"]
    assert len(speech.engines(150, "Linux", which_of("powershell"))) == 1  # nothing else to fall back to


def test_macos_falls_back_to_say_writing_a_16_bit_wav():
    say = speech.engines(165, "Darwin", which_of("say", "espeak-ng"))[1]
    assert say.name == "say" and say.suffix == ".wav"
    assert say.argv[:5] == ("say", "-r", "165", "-o", "{out}")
    assert "--file-format=WAVE" in say.argv and "--data-format=LEI16@22050" in say.argv and say.argv[-2:] == ("-f", "-")


def test_windows_falls_back_to_system_speech_through_powershell():
    ps = speech.engines(165, "Windows", which_of("powershell", "espeak-ng"))[1]
    assert ps.name == "System.Speech" and ps.argv[0] == "/usr/bin/powershell"
    script = ps.argv[-1]
    assert "System.Speech" in script and "$env:COACH_TTS_OUT" in script and "$s.Rate = 0;" in script
    assert speech.engines(165, "Windows", which_of("pwsh"))[1].argv[0] == "/usr/bin/pwsh"
    assert len(speech.engines(165, "Windows", which_of("espeak-ng"))) == 1


def test_words_a_minute_map_onto_sapis_scale():
    assert speech.sapi_rate(165) == 0
    assert speech.sapi_rate(120) < 0 < speech.sapi_rate(220)
    assert speech.sapi_rate(10) == -10 and speech.sapi_rate(5000) == 10


@pytest.mark.parametrize("system, words", [("Darwin", "Spoken Content"), ("Windows", "Speech"), ("Linux", "espeak-ng")])
def test_each_platform_has_its_own_fix(system, words):
    assert words in speech.speech_fix(system) and "--no-speak" in speech.speech_fix(system)


# --- running an engine --------------------------------------------------------------------------


class FakeRun:
    """subprocess.run stand-in: records the call, then does what it was told."""

    def __init__(self, outcome=None, returncode=0, stderr=b"", write=None):
        self.outcome, self.returncode, self.stderr, self.write = outcome, returncode, stderr, write
        self.calls: list[dict] = []

    def __call__(self, argv, **kw):
        self.calls.append({"argv": argv, **kw})
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        if self.write:
            self.write(Path(kw["env"]["COACH_TTS_OUT"]))
        return subprocess.CompletedProcess(argv, self.returncode, b"", self.stderr)


ENGINE = Engine("fake tts", ("fake", "--out", "{out}"))


def test_the_text_goes_on_stdin_and_the_output_path_into_argv_and_env(tmp_path):
    run = FakeRun()
    assert run_engine(ENGINE, "Tell me -- about “a time”.", tmp_path / "o.wav", 5, run) is None
    call = run.calls[0]
    assert call["argv"] == ["fake", "--out", str(tmp_path / "o.wav")] and call["timeout"] == 5
    assert call["input"] == "Tell me -- about “a time”.".encode() and call["env"]["COACH_TTS_OUT"] == str(tmp_path / "o.wav")


@pytest.mark.parametrize("run, problem", [
    (FakeRun(FileNotFoundError()), "fake tts is not installed"),
    (FakeRun(subprocess.TimeoutExpired("fake", 5)), "fake tts wrote nothing in 5 s (hung)"),
    (FakeRun(PermissionError(13, "Permission denied")), "fake tts would not start (Permission denied)"),
    (FakeRun(returncode=1, stderr=b"Traceback...\nOSError: libespeak-ng.so.1: cannot open shared object file\n"),
     "fake tts failed (OSError: libespeak-ng.so.1: cannot open shared object file)"),
    (FakeRun(returncode=3), "fake tts failed (exit status 3)"),
])
def test_an_engine_that_fails_says_how(tmp_path, run, problem):
    assert run_engine(ENGINE, "Hello.", tmp_path / "o.wav", 5, run) == problem


# --- checking what was written --------------------------------------------------------------------


def _header_only(path: Path) -> None:
    write_wav(path, np.zeros(0, dtype=np.float32))


@pytest.mark.parametrize("make, problem", [
    (lambda p: None, "wrote no file"),
    (lambda p: p.write_bytes(b""), "wrote an empty file"),
    (_header_only, "wrote a file with no audio frames"),
    (lambda p: write_wav(p, np.zeros(16000, dtype=np.float32)), "wrote 1.0 s of silence"),
    (lambda p: p.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 4), "wrote a file that is not audio"),
])
def test_a_bad_utterance_is_named(tmp_path, make, problem):
    path = tmp_path / "u.wav"
    make(path)
    with pytest.raises(BadUtterance, match=problem):
        read_utterance(path)


def test_a_good_wav_reads_at_its_own_rate(tmp_path):
    write_wav(tmp_path / "u.wav", speechlike(1.5), 22050)
    audio, rate = read_utterance(tmp_path / "u.wav")
    assert rate == 22050 and len(audio) == int(1.5 * 16000) and np.max(np.abs(audio)) > 0.1


def _write_aiff(path: Path, audio: np.ndarray, rate: int) -> None:
    """What macOS's NSSpeechSynthesizer writes: big-endian 16-bit AIFF."""
    import av

    with av.open(str(path), "w", format="aiff") as out:
        stream = out.add_stream("pcm_s16be", rate=rate)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray((audio * 32767).astype("<i2").reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def test_an_aiff_from_macos_is_decoded_and_cached_as_wav(tmp_path):
    def nsss_like(argv, **kw):
        _write_aiff(Path(kw["env"]["COACH_TTS_OUT"]), speechlike(22050 / 16000), 22050)  # 1 s
        return subprocess.CompletedProcess(argv, 0, b"", b"")

    aiff = Engine("pyttsx3 (nsss)", ("x", "{out}"), ".aiff")
    path = render_utterance("Hello there.", tmp_path / "u.wav", choices=[aiff], run=nsss_like)
    audio, rate = read_utterance(path)
    assert path.read_bytes()[:4] == b"RIFF" and abs(len(audio) / rate - 1.0) < 0.05
    assert not list(tmp_path.glob("*.part*"))


def test_every_failed_engine_is_named_then_the_next_one_speaks(tmp_path):
    outcomes = iter([
        lambda p: None,  # exits 0 and writes nothing: what pyttsx3's espeak driver did on long text
        lambda p: write_wav(p, np.zeros(8000, dtype=np.float32)),
        lambda p: write_wav(p, speechlike(1.0)),
    ])

    def run(argv, **kw):
        next(outcomes)(Path(kw["env"]["COACH_TTS_OUT"]))
        return subprocess.CompletedProcess(argv, 0, b"", b"")

    engines = [Engine("first", ("a", "{out}")), Engine("second", ("b", "{out}")), Engine("third", ("c", "{out}"))]
    path = render_utterance("Hello.", tmp_path / "u.wav", choices=engines, run=run)
    assert read_utterance(path)[0].size == 16000

    with pytest.raises(DeviceError) as err:
        render_utterance("Hello.", tmp_path / "v.wav", choices=engines[:2], run=FakeRun(write=lambda p: None))
    message = str(err.value)
    assert message.startswith("text to speech failed: first wrote no file; second wrote no file; ")
    assert "--no-speak" in message and "\n" not in message
    assert not (tmp_path / "v.wav").exists() and not list(tmp_path.glob("*.part*"))


# --- the speaker: sentences in order, the first played while the next renders --------------------


def test_text_is_spoken_sentence_by_sentence():
    assert utterances("I noticed a drop.\n  Nobody owned it!  Why? Because") == [
        "I noticed a drop.", "Nobody owned it!", "Why?", "Because"]
    assert utterances("  ") == []


class Script:
    """A renderer and a player on fakes: the renderer of sentence 2 waits until sentence 1 is playing."""

    def __init__(self, fail_on: str | None = None):
        self.events: list[str] = []
        self.first_playing = threading.Event()
        self.fail_on = fail_on

    def render(self, text: str, path: Path, rate: int) -> Path:
        if text.startswith("Second") and not self.first_playing.wait(5):
            raise AssertionError("sentence 2 was rendered before sentence 1 played")
        if text == self.fail_on:
            raise DeviceError("text to speech failed: pyttsx3 (espeak) wrote nothing in 30 s (hung)")
        self.events.append(f"render {text}")
        write_wav(path, speechlike(0.3 + 0.1 * len(self.events)), 22050)
        return path

    def play(self, chunks, device) -> None:
        for audio, rate in chunks:
            self.events.append(f"play {len(audio)}@{rate}")
            self.first_playing.set()


def test_the_first_sentence_plays_while_the_next_one_renders(tmp_path):
    s = Script()
    speaker = TtsSpeaker(tmp_path, render=s.render, play=s.play)
    speaker.say("First one. Second one. Third one.")
    first_play = next(i for i, e in enumerate(s.events) if e.startswith("play"))
    assert s.events[0] == "render First one." and first_play < s.events.index("render Second one.")
    assert [e.split()[0] for e in s.events].count("play") == 3
    assert not speaker.failed and len(list(tmp_path.glob("*.wav"))) == 3
    s.events.clear()
    speaker.say("First one. Second one. Third one.")  # cached: nothing rendered again
    assert [e.split()[0] for e in s.events] == ["play"] * 3


def test_a_failure_mid_text_is_said_once_and_speech_stops(tmp_path, capsys):
    s = Script(fail_on="Third one.")
    speaker = TtsSpeaker(tmp_path, render=s.render, play=s.play)
    speaker.say("First one. Second one. Third one. Fourth one.")
    assert [e.split()[0] for e in s.events].count("play") == 2 and speaker.failed
    speaker.say("Another question?")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wrote nothing in 30 s (hung)" in err and "printed from now on" in err


def test_a_broken_cached_utterance_is_rendered_again(tmp_path):
    s = Script()
    speaker = TtsSpeaker(tmp_path, render=s.render, play=s.play)
    speaker.say("First one.")
    cached = next(tmp_path.glob("*.wav"))
    cached.write_bytes(b"RIFF")  # cut short by a crash
    speaker.say("First one.")
    assert s.events.count("render First one.") == 2 and read_utterance(cached)[0].size > 0


# --- the real engine --------------------------------------------------------------------------------


def _longest_bundled_text() -> str:
    library = load_library(own=Path("/nonexistent"))
    texts = [t for story in library.stories for t in
             [story.question, *(s.example for s in story.sections), *(p.question for p in story.probes),
              *(p.strong for p in story.probes)]]
    return max(texts, key=len)


def test_pyttsx3_renders_the_longest_bundled_text_in_full(tmp_path):
    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is not installed (scripts/setup.sh installs it)")
    text = _longest_bundled_text()
    assert len(text) > 400
    # pyttsx3 alone: before, it wrote nothing for text over about 130 characters
    mine = render_utterance(text, tmp_path / "mine.wav", 165, choices=[speech.pyttsx3_engine("Linux", 165)])
    subprocess.run(["espeak-ng", "-s", "165", "-w", str(tmp_path / "ref.wav"), text], check=True)
    audio, rate = read_utterance(mine)
    ref, ref_rate = read_utterance(tmp_path / "ref.wav")
    assert abs(len(audio) / rate - len(ref) / ref_rate) < 0.1  # all of it, not a truncated part


@pytest.mark.slow
@pytest.mark.audio
def test_the_longest_text_is_heard_on_the_virtual_speaker(virtual_audio, tmp_path):
    from coach.audio import load_audio
    from coach.text import normalise_numbers, tokens
    from coach.transcribe import WhisperTranscriber

    text = _longest_bundled_text()
    heard = tmp_path / "speaker.wav"
    monitor = subprocess.Popen(["parecord", "--device=speaker.monitor", "--file-format=wav", str(heard)])
    try:
        time.sleep(0.3)
        speaker = TtsSpeaker(tmp_path / "cache")
        speaker.say(text)
        time.sleep(0.3)
    finally:
        monitor.terminate()
        monitor.wait(5)
    assert not speaker.failed
    said = normalise_numbers(tokens(text))
    words = set(normalise_numbers(tokens(" ".join(w.text for w in WhisperTranscriber().transcribe(load_audio(heard))))))
    share = sum(w in words for w in said) / len(said)
    print(f"{share:.2f} of {len(said)} words heard back")
    assert share >= 0.85
