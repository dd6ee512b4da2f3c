"""End to end through the PulseAudio virtual speaker and microphone, with the real model.

The test plays an answer into the virtual microphone, presses Enter after
it, and records what the coach said on the virtual speaker's monitor.
"""

from __future__ import annotations

import html
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from coach.audio import load_audio
from coach.text import normalise_numbers, tokens
from tests.conftest import COACH, ROOT

sys.path.insert(0, str(ROOT / "bench"))

import live_agree  # noqa: E402

_reader = live_agree._reader

pytestmark = [pytest.mark.slow, pytest.mark.audio]

ANSWER = (
    "At my last company our checkout page had become slow, and about one visitor in ten gave up before paying. "
    "Nobody owned page speed, so I set myself the goal of a two second checkout within a month. "
    "I measured every request on the page and I found that three scripts blocked the first render. "
    "I moved those scripts after the render and I cached the price lookups. "
    "Checkout time fell from six seconds to under two, and abandoned carts dropped by thirty percent. "
    "I learned to measure before guessing, and now I add a speed budget to every new page."
)


# Upper bounds only (an output line or the process's end returns at once): generous, so a slow or
# busy machine, where the model loads slowly and the worker catches up, is not a failure.
SLOW = 240


def wait_for(lines: queue.Queue, needle: str, timeout: float, seen: list[str]) -> bool:
    """Whether a line holding `needle` came within `timeout` (bench/live_agree.py reads coach's output the same way)."""
    return live_agree._wait(lines, needle, seen, timeout) is not None


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
        assert wait_for(lines, "Press r to answer this question again", SLOW, seen), "".join(seen)
        proc.stdin.write("\n")  # no: finish
        proc.stdin.flush()
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


WEAK_ANSWER = ("We had some webhook failures in another team's service. We looked into it together and we fixed "
               "the retry logic. Things got better and the team was happy. I learned that communication is important.")


def test_try_again_through_virtual_devices(virtual_audio, speak, tmp_path, coach_home):
    """r after the report records the same question again; the new report says what changed."""
    first = speak(WEAK_ANSWER, tmp_path / "weak.wav", rate=170)
    second = speak(ANSWER, tmp_path / "answer.wav", rate=175)
    proc, lines, seen = until_recording(["practice", "webhook-dlq", "--probes", "0", "--no-speak"], coach_home)
    try:
        for clip, key in ((first, "r"), (second, "")):
            answer_then(proc, lines, seen, clip, "Press r to answer this question again", key)
            if key:
                assert wait_for(lines, "Recording", SLOW, seen), "".join(seen)
    except BaseException:
        proc.kill()
        raise
    out = finished(proc, lines, seen)
    changes = out[out.index("Against attempt 1"):]
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert sessions[0]["questions"][0]["attempts"] == 2
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    # Every section heard in either attempt has its row (which ones the segmenter finds in this synthetic
    # speech depends on where the live chunks fell), then the total, pace, fillers and verdict.
    heard = {s["name"] for a in shown["answers"] for s in a["report"]["sections"] if s["seconds"] is not None}
    assert "action" in heard and len(heard) >= 3, heard
    for measure in [name.title() for name in sorted(heard)] + ["Total", "Pace", "Fillers", "Verdict"]:
        assert measure in changes, (measure, changes)
    assert "Fixed:" in changes or "New:" in changes
    screen, _ = coach_json(["review", str(sessions[0]["id"])], coach_home)
    assert "Attempt 1 of 2" in screen.stdout and "Attempt 2 of 2" in screen.stdout
    assert "Against attempt 1" in screen.stdout


def test_study_retries_a_section_through_virtual_devices(virtual_audio, speak, tmp_path, coach_home):
    """Study: each section said into the microphone, the Action said twice (r), saved with a summary."""
    from coach.stories import load_library

    story = load_library().get("webhook-dlq")
    clips = [speak(s.example, tmp_path / f"{s.name}.wav", rate=180) for s in story.sections]
    thin = speak("I looked at the logs and I fixed it.", tmp_path / "thin.wav", rate=170)
    plan = [(clips[0], ""), (clips[1], ""), (thin, "r"), (clips[2], ""), (clips[3], ""), (clips[4], "")]
    proc, lines = start_coach(["study", "webhook-dlq", "--no-speak"], coach_home)
    seen: list[str] = []
    try:
        for clip, key in plan:
            assert wait_for(lines, "Recording", SLOW, seen), "".join(seen) + proc.stderr.read()
            answer_then(proc, lines, seen, clip, "Press r to say the", key)
    except BaseException:
        proc.kill()
        raise
    out = finished(proc, lines, seen)
    assert "Against attempt 1" in out and "Study summary: webhook-dlq" in out
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and sessions[0]["kind"] == "study" and sessions[0]["complete"]
    sections = sessions[0]["questions"]
    assert [q["attempts"] for q in sections] == [1, 1, 2, 1, 1]
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    assert [a["kind"] for a in shown["answers"]] == ["section"] * 6
    assert all(a["report"] for a in shown["answers"])


def test_missing_input_device_exits_2_with_devices_and_alternatives(virtual_audio, tmp_path):
    proc = subprocess.run([*COACH, "practice", "webhook-dlq", "--no-speak", "--device", "99"], capture_output=True,
                          text=True, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "coach demo" in proc.stderr and "coach grade FILE" in proc.stderr
    assert "devices: 0:" in proc.stderr  # the devices there are, to pick from
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def start_coach(args, coach_home):
    env = {**os.environ, "COACH_HOME": str(coach_home), "PYTHONUNBUFFERED": "1"}
    # Ctrl-C as at a terminal: a test run started in the background (`cmd &`) inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt, so the child gets the default handler back.
    proc = subprocess.Popen([*COACH, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
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


def at_try_again(answer, coach_home):
    """`coach practice webhook-dlq --probes 1` with `answer` played into the microphone and Enter pressed:
    returns once the report asks whether to try again."""
    proc, lines, seen = until_recording(["practice", "webhook-dlq", "--probes", "1", "--no-speak"], coach_home)
    try:
        subprocess.run(["paplay", "--device=micfeed", str(answer)], check=True, timeout=120)
        proc.stdin.write("\n")
        proc.stdin.flush()
        if not wait_for(lines, "Press r to answer", SLOW, seen):
            raise AssertionError("".join(seen))
    except BaseException:
        proc.kill()
        raise
    return proc, lines, seen


def answer_then(proc, lines, seen, clip, prompt, key):
    """Play `clip` into the microphone, press Enter, wait for `prompt`, then press `key` and Enter."""
    subprocess.run(["paplay", "--device=micfeed", str(clip)], check=True, timeout=120)
    time.sleep(0.5)
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert wait_for(lines, prompt, SLOW, seen), "".join(seen)
    proc.stdin.write(key + "\n")
    proc.stdin.flush()


def finished(proc, lines, seen):
    """Wait for coach to exit (killed if it does not); everything it printed, once it exited 0."""
    try:
        proc.wait(SLOW)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    return rest(lines, seen)


def rest(lines, seen):
    """Everything printed: the lines seen so far and those still queued up to the end of the output. The
    reader thread owns stdout (reading it here too would race it for the last lines)."""
    while wait_for(lines, "\0", SLOW, seen):  # no line holds a NUL: read up to the end
        pass
    return "".join(seen)


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


PROBE_ANSWER = "I personally measured every request, I wrote the fix myself, and I checked the numbers for a week."
SECOND_ANSWER = (
    "Last spring our team had three weeks to launch a merchant signup flow before a partner event. "
    "My task was to deliver the backend and the payment integration on time. "
    "I listed every requirement with the product manager and I cut the admin screen. "
    "I built against a stub of the payments contract because their interface was late. "
    "We launched on the date and four thousand merchants signed up in the first month. "
    "I learned to cut scope early instead of working longer days."
)


def test_mock_interview_of_two_questions_is_reviewed_question_by_question(virtual_audio, speak, tmp_path, coach_home):
    """The mock's two questions, each with its main answer and follow-ups, in the terminal, in `review` (list and
    session), in Markdown and in HTML: none lost, each under its own question and story."""
    main = [speak(ANSWER, tmp_path / "a1.wav", rate=175), speak(SECOND_ANSWER, tmp_path / "a2.wav", rate=175)]
    probe = speak(PROBE_ANSWER, tmp_path / "p.wav")
    proc, lines = start_coach(["mock", "--questions", "2", "--minutes", "20", "--no-speak",
                               "--principles", "Learn and Be Curious,Deliver Results"], coach_home)
    seen: list[str] = []
    mains = 0
    try:
        while wait_for(lines, "Recording", SLOW, seen):
            asked = "".join(seen[-4:])
            clip = probe if "Follow-up" in asked else main[mains]
            mains += clip is not probe
            subprocess.run(["paplay", "--device=micfeed", str(clip)], check=True, timeout=120)
            time.sleep(0.5)
            proc.stdin.write("\n")
            proc.stdin.flush()
        proc.wait(SLOW)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    out = "".join(seen)
    assert mains == 2 and "Mock interview scorecard: 2 questions" in out
    assert "Question 1 of 2 · " in out and "Question 2 of 2 · " in out  # each question's report after the interview
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and sessions[0]["kind"] == "mock" and sessions[0]["complete"]
    row = sessions[0]["questions"]
    assert len(row) == 2 and all(q["verdict"] for q in row) and len({q["story"] for q in row}) == 2
    assert row[0]["principle"] == "Learn and Be Curious" and row[1]["principle"] == "Deliver Results"
    sid = str(sessions[0]["id"])
    _, shown = coach_json(["review", sid, "--json"], coach_home)
    kinds = [a["kind"] for a in shown["answers"]]
    assert kinds.count("main") == 2 and kinds.count("probe") >= 2, kinds
    assert all(a["report"] for a in shown["answers"])
    questions = [a["question"] for a in shown["answers"] if a["kind"] == "main"]
    listed, _ = coach_json(["review"], coach_home)
    screen, _ = coach_json(["review", sid], coach_home)
    markdown, _ = coach_json(["review", sid, "--markdown"], coach_home)
    page_path = tmp_path / "mock.html"
    coach_json(["review", sid, "--html", str(page_path)], coach_home)
    page = page_path.read_text()
    flat = [" ".join(re.sub(r"[\u2500-\u257f]", " ", text).split()) for text in
            (listed.stdout, screen.stdout, markdown.stdout, html.unescape(page))]  # "you're" is "you&#x27;re" in HTML
    for where, text in zip(("review list", "review", "Markdown", "HTML"), flat):
        for q in row:
            assert q["story"] in text, (where, q["story"])
            assert q["verdict"] in text, (where, q["verdict"])
    for where, text in zip(("review", "Markdown", "HTML"), flat[1:]):
        for question in questions:
            assert question in text, (where, question)  # both main answers, under their own questions
        assert "Question 2 of 2" in text and "no story" not in text, where
    assert page.count("Sections against targets") == 2 and markdown.stdout.count("| section |") == 2


def test_ctrl_c_during_an_answer_grades_it_and_keeps_everything(virtual_audio, speak, tmp_path, coach_home):
    answer = speak(ANSWER, tmp_path / "answer.wav", voice="en-us", rate=175)
    proc, lines, seen = at_try_again(answer, coach_home)
    try:
        proc.stdin.write("\n")  # no try again: on to the follow-up
        proc.stdin.flush()
        assert wait_for(lines, "Recording", SLOW, seen), "".join(seen)  # the probe is being recorded
        player = subprocess.Popen(["paplay", "--device=micfeed", str(answer)])
        time.sleep(6.0)
        proc.send_signal(2)  # Ctrl-C
        assert wait_for(lines, "Grading what was recorded", SLOW, seen), "".join(seen)  # said before grading
        proc.wait(SLOW)
        player.kill()
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    out = rest(lines, seen)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "Ctrl-C: recording stopped after" in out and "Follow-up" in out
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and not sessions[0]["complete"]  # cut short, and said so in the list
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    main, probe = shown["answers"]
    assert main["complete"] and main["report"] is not None
    assert probe["report"] is not None and 4.0 <= len(load_audio(probe["audio"])) / 16000 <= 8.0
    assert any("Ctrl-C" in note for note in probe["report"]["notes"])


def test_ctrl_c_between_answers_leaves_and_keeps_what_was_graded(virtual_audio, speak, tmp_path, coach_home):
    answer = speak(ANSWER, tmp_path / "answer.wav", voice="en-us", rate=175)
    proc, lines, seen = at_try_again(answer, coach_home)
    try:
        proc.send_signal(2)  # Ctrl-C at the "try again?" prompt: no answer is being recorded
        proc.wait(SLOW)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    assert proc.returncode == 130 and "kept" in err and "Traceback" not in err, err
    _, sessions = coach_json(["review", "--json"], coach_home)
    assert len(sessions) == 1 and not sessions[0]["complete"]
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    (main,) = shown["answers"]
    assert main["complete"] and main["report"] is not None
