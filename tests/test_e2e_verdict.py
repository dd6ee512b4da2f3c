"""A verdict that holds still: one answer through `practice` and `mock` on the virtual microphone and
through `grade` offline, with the real model (issue 12).

Run it under the shared audio lock: `flock /tmp/coach-audio.lock .venv/bin/python -m pytest -m audio ...`.
"""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE
from tests.conftest import ROOT
from tests.test_e2e_devices import SLOW, coach_json, start_coach, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.audio]


def _live(args, coach_home, clips):
    """Run coach, play each clip into the virtual microphone when it records, press Enter after it."""
    proc, lines = start_coach(args, coach_home)
    seen: list[str] = []
    try:
        for clip in clips:
            assert wait_for(lines, "Recording", SLOW, seen), "".join(seen) + proc.stderr.read()
            subprocess.run(["paplay", "--device=micfeed", str(clip)], check=True, timeout=300)
            time.sleep(0.7)
            proc.stdin.write("\n")
            proc.stdin.flush()
        # After the last report practice offers to take the answer again: Enter goes on, once per offer.
        end = time.monotonic() + SLOW
        while proc.poll() is None and time.monotonic() < end:
            if wait_for(lines, "Press r to answer", 1.0, seen):
                proc.stdin.write("\n")
                proc.stdin.flush()
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, "".join(seen) + proc.stderr.read()
    _, sessions = coach_json(["review", "--json"], coach_home)
    _, shown = coach_json(["review", str(sessions[0]["id"]), "--json"], coach_home)
    return next(a for a in shown["answers"] if a["kind"] == "main")


def _grade(path, coach_home):
    _, report = coach_json(["grade", str(path), "--story", "webhook-dlq", "--json"], coach_home)
    return report


def _verdict(report):
    return report["verdict"]["label"], report["verdict"]["score"]


def test_one_answer_one_verdict_in_practice_mock_and_grade(virtual_audio, tmp_path):
    """The bundled strong answer, played into practice and into a mock, and graded from its file.

    The live recordings are not the file's samples (the virtual devices resample), so each is graded
    too: a recording graded offline gets exactly its live report. Across the three, the label holds.
    """
    practice_home, mock_home, grade_home = tmp_path / "p", tmp_path / "m", tmp_path / "g"
    practice = _live(["practice", "webhook-dlq", "--probes", "0", "--no-speak"], practice_home, [SAMPLE_ANSWER])
    # A mock picks the user's own stories first: make the seed story one of them.
    (mock_home / "stories").mkdir(parents=True)
    shutil.copy(ROOT / "stories" / "webhook-dlq.yaml", mock_home / "stories" / "webhook-dlq.yaml")
    mock = _live(["mock", "--questions", "1", "--minutes", "5", "--principles", "Learn and Be Curious", "--no-speak"],
                 mock_home, [SAMPLE_ANSWER, SAMPLE_PROBE])
    offline = _grade(SAMPLE_ANSWER, grade_home)

    # The same samples, the same report: live and offline transcribe a recording in the same chunks.
    for live in (practice, mock):
        regraded = _grade(live["audio"], grade_home)
        assert regraded["transcript"] == live["report"]["transcript"]
        assert _verdict(regraded) == _verdict(live["report"])
    # Three recordings of one answer: one label, scores within a few points.
    verdicts = [_verdict(r) for r in (practice["report"], mock["report"], offline)]
    assert len({label for label, _ in verdicts}) == 1, verdicts
    scores = [score for _, score in verdicts]
    assert max(scores) - min(scores) <= 3.0, verdicts
    print("verdicts practice, mock, grade:", verdicts)
