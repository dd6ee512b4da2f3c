"""Regression test on the public labelled answers of ../shared/eval, scored by its own score.py.

Thresholds sit below the figures measured when they were set (docs/analysis.md),
so a real regression fails and noise does not.
"""

from __future__ import annotations

import importlib.util
import json
import statistics

import pytest

from tests.conftest import SHARED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scored(shared_eval):
    from coach.pipeline import grade, load_answer
    from coach.transcribe import WhisperTranscriber

    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    transcriber = WhisperTranscriber()
    rows = []
    for truth_file in sorted(shared_eval.glob("*.json")):
        truth = json.loads(truth_file.read_text())
        report = grade(load_answer(truth_file.with_suffix(".wav"), lambda: transcriber), None, "sde2").to_json()
        rows.append((truth, report))
    return score, rows


def test_segmentation(scored):
    score, rows = scored
    seg = statistics.mean(score.seg_accuracy(t["sections"], r["sections"]) for t, r in rows)
    bounds = [e for t, r in rows for e in score.boundary_errors(t["sections"], r["sections"])]
    assert seg >= 0.95, seg  # issue 11's target; measured 0.956 (10 answers, live-chunker words, session 3)
    assert statistics.median(bounds) <= 0.4  # measured 0.07 s (session 3; 0.04 s on the first 5 answers)


def test_miss_checks(scored):
    score, rows = scored
    ok = total = 0
    for truth, report in rows:
        for code in truth["expect"]:
            ok += score.check(code, report["misses"])
            total += 1
        for code in truth["forbid"]:
            ok += not score.check(code, report["misses"])
            total += 1
    # issue 11's target: every check honoured (32/32 since session 12; session 13's retrained split lost p09's
    # missing-Situation check and was reverted for it)
    assert ok == total, (ok, total)


def test_words_per_minute(scored):
    _, rows = scored
    errs = []
    for truth, report in rows:
        true_wpm = 60 * sum(s["words"] for s in truth["sections"]) / truth["duration_s"]
        errs.append(abs(report["pacing"]["wpm"] - true_wpm) / true_wpm)
    assert statistics.median(errs) <= 0.05  # measured 1.0 %


def test_fillers(scored):
    _, rows = scored
    said = found = false_alarms = 0
    for truth, report in rows:
        n = len(report["pacing"]["fillers"])
        if truth["fillers"]:
            said += truth["fillers"]
            found += min(n, truth["fillers"])
        else:
            false_alarms += n
    assert found / said >= FILLER_RECALL_MIN, (found, said)
    assert false_alarms <= 1  # issue 11's target; measured 0 on the live chunker's words


# Measured 0.64 (9 of 14) once voice-only fillers were heard again (0.86 before; session 7), 0.79 (11 of 14)
# since a clip that hears none is heard again wider (session 8), with false fillers 0 (docs/analysis.md,
# "Fillers, session 8").
FILLER_RECALL_MIN = 0.7
