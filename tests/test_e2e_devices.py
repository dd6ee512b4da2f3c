"""End to end through the PulseAudio virtual speaker and microphone, with the real model.

The test plays an answer into the virtual microphone, presses Enter after
it, and records what the coach said on the virtual speaker's monitor.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time

import numpy as np
import pytest

from coach.audio import load_audio
from coach.text import normalise_numbers, tokens
from tests.conftest import COACH, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.audio]

ANSWER = (
    "At my last company our checkout page had become slow, and about one visitor in ten gave up before paying. "
    "Nobody owned page speed, so I set myself the goal of a two second checkout within a month. "
    "I measured every request on the page and I found that three scripts blocked the first render. "
    "I moved those scripts after the render and I cached the price lookups. "
    "Checkout time fell from six seconds to under two, and abandoned carts dropped by thirty percent. "
    "I learned to measure before guessing, and now I add a speed budget to every new page."
)


def _reader(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


# Upper bounds only (an output line or the process's end returns at once): generous, so a slow or
# busy machine, where the model loads slowly and the worker catches up, is not a failure.
SLOW = 240


def wait_for(lines: queue.Queue, needle: str, timeout: float, seen: list[str]) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            return False
        seen.append(line)
        if needle in line:
            return True
    return False


def test_practice_through_virtual_devices(virtual_audio, speak, tmp_path, coach_home):
    answer = speak(ANSWER, tmp_path / "answer.wav", voice="en-us", rate=165)
    heard = tmp_path / "speaker.wav"
    out = tmp_path / "out.json"
    monitor = subprocess.Popen(["parecord", "--device=speaker.monitor", "--file-format=wav", str(heard)])
    env = {**os.environ, "COACH_HOME": str(coach_home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*COACH, "practice", "webhook-dlq", "--probes", "0", "--json", str(out)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        assert wait_for(lines, "Recording", SLOW, seen), "".join(seen) + proc.stderr.read()
        monitor.terminate()
        monitor.wait(5)
        subprocess.run(["paplay", "--device=micfeed", str(answer)], check=True, timeout=120)
        time.sleep(0.7)
        enter_at = time.monotonic()
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert wait_for(lines, "STAR sections", SLOW, seen), "".join(seen)
        report_after = time.monotonic() - enter_at
        proc.wait(SLOW)
    finally:
        if proc.poll() is None:
            proc.kill()
        if monitor.poll() is None:
            monitor.kill()
    assert proc.returncode == 0, proc.stderr.read()
    # The question was heard on the speaker.
    spoken = load_audio(heard)
    assert len(spoken) > 16000 and float(np.sqrt(np.mean(spoken**2))) > 0.01
    # The answer was heard on the microphone.
    report = json.loads(out.read_text())
    said = normalise_numbers(tokens(ANSWER))  # "six" and "6" are the same word heard
    heard_words = set(normalise_numbers(tokens(report["transcript"])))
    assert sum(w in heard_words for w in said) / len(said) >= 0.8, report["transcript"]
    assert report["story"] == "webhook-dlq"
    print(f"Enter to report: {report_after:.1f} s for a {report['duration_s']:.0f} s answer")
    # The recording was kept, and the session is in the history: review, play back, regrade, HTML.
    assert list((coach_home / "recordings").glob("*/answer-1.wav"))
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and sessions[0]["story"] == "webhook-dlq" and sessions[0]["complete"]
    sid = str(sessions[0]["id"])
    heard_back = tmp_path / "playback.wav"
    monitor = subprocess.Popen(["parecord", "--device=speaker.monitor", "--file-format=wav", str(heard_back)])
    try:
        coach_json(["review", sid, "--play", "result"], coach_home)
    finally:
        monitor.terminate()
        monitor.wait(5)
    played = load_audio(heard_back)
    assert float(np.sqrt(np.mean(played**2))) > 0.01  # the Result was played on the speaker
    _, regraded = coach_json(["review", sid, "--regrade", "--json"], coach_home)
    assert regraded["answers"][0]["reports"] == 2
    html = tmp_path / "report.html"
    coach_json(["review", sid, "--html", str(html)], coach_home)
    page = html.read_text()
    assert "data:audio/wav;base64," in page and "Situation" in page


def test_missing_input_device_exits_2_with_devices_and_alternatives(virtual_audio, tmp_path):
    proc = subprocess.run([*COACH, "practice", "webhook-dlq", "--no-speak", "--device", "99"], capture_output=True,
                          text=True, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "coach demo" in proc.stderr and "coach grade FILE" in proc.stderr
    assert "devices: 0:" in proc.stderr  # the devices there are, to pick from
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def start_coach(args, coach_home):
    env = {**os.environ, "COACH_HOME": str(coach_home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*COACH, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    return proc, lines


def until_recording(args, coach_home):
    """Start coach and wait until it records; returns the process, its output lines and what was seen."""
    proc, lines = start_coach(args, coach_home)
    seen: list[str] = []
    if not wait_for(lines, "Recording", SLOW, seen):
        proc.kill()
        raise AssertionError("".join(seen))
    return proc, lines, seen


def coach_json(args, coach_home):
    env = {**os.environ, "COACH_HOME": str(coach_home)}
    proc = subprocess.run([*COACH, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return proc, (json.loads(proc.stdout) if proc.stdout.strip().startswith(("[", "{")) else None)


def test_kill_9_mid_answer_recovers_the_audio(virtual_audio, speak, tmp_path, coach_home):
    answer = speak(ANSWER, tmp_path / "answer.wav", voice="en-us", rate=165)
    proc, lines, seen = until_recording(["practice", "webhook-dlq", "--probes", "0", "--no-speak"], coach_home)
    try:
        player = subprocess.Popen(["paplay", "--device=micfeed", str(answer)])
        time.sleep(12.0)
        proc.send_signal(9)  # SIGKILL: no chance to clean up
        proc.wait(10)
        player.kill()
    finally:
        if proc.poll() is None:
            proc.kill()
    listed, sessions = coach_json(["review", "--json"], coach_home)
    assert "recovered" in listed.stderr  # the next run names what the kill left behind
    assert len(sessions) == 1 and not sessions[0]["complete"]
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    audio_path = shown["answers"][0]["audio"]
    recovered = load_audio(audio_path)
    assert 9.0 <= len(recovered) / 16000 <= 13.0  # all audio up to the kill (less at most a second)
    assert not shown["answers"][0]["complete"]
    _, regraded = coach_json(["review", str(sessions[0]["id"]), "--regrade", "--json"], coach_home)
    report = regraded["answers"][0]["report"]
    assert report is not None and len(report["words"]) >= 15  # the partial answer is gradable


def test_mock_interview_of_two_questions_through_the_virtual_microphone(virtual_audio, speak, tmp_path, coach_home):
    answers = [speak(ANSWER, tmp_path / "a1.wav", rate=175),
               speak("I personally measured every request and I wrote the fix myself.", tmp_path / "p.wav")]
    proc, lines = start_coach(["mock", "--questions", "2", "--minutes", "5", "--no-speak"], coach_home)
    seen: list[str] = []
    played = 0
    try:
        while wait_for(lines, "Recording", SLOW, seen):
            clip = answers[0] if "Follow-up" not in "".join(seen[-6:]) else answers[1]
            subprocess.run(["paplay", "--device=micfeed", str(clip)], check=True, timeout=120)
            time.sleep(0.5)
            proc.stdin.write("\n")
            proc.stdin.flush()
            played += 1
        proc.wait(SLOW)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    out = "".join(seen)
    assert "Mock interview scorecard" in out
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and sessions[0]["kind"] == "mock" and sessions[0]["complete"]
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    kinds = [a["kind"] for a in shown["answers"]]
    assert kinds.count("main") == 2 and kinds.count("probe") >= 2, kinds
    assert all(a["report"] for a in shown["answers"])


def test_ctrl_c_keeps_the_finished_answer_and_the_partial_one(virtual_audio, speak, tmp_path, coach_home):
    answer = speak(ANSWER, tmp_path / "answer.wav", voice="en-us", rate=175)
    proc, lines, seen = until_recording(["practice", "webhook-dlq", "--probes", "1", "--no-speak"], coach_home)
    try:
        subprocess.run(["paplay", "--device=micfeed", str(answer)], check=True, timeout=120)
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert wait_for(lines, "Recording", SLOW, seen), "".join(seen)  # the probe is being recorded
        player = subprocess.Popen(["paplay", "--device=micfeed", str(answer)])
        time.sleep(6.0)
        proc.send_signal(2)  # Ctrl-C
        proc.wait(SLOW)
        player.kill()
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    assert proc.returncode == 130 and "kept" in err and "Traceback" not in err, err
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and not sessions[0]["complete"]
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    main, probe = shown["answers"]
    assert main["complete"] and main["report"] is not None
    assert not probe["complete"] and 4.0 <= len(load_audio(probe["audio"])) / 16000 <= 8.0
