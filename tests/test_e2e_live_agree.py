"""Live equals offline through the virtual microphone (issue 11): labelled answers played into `coach practice`
while it records, against `coach grade` on the recording it saved, with the real model.

Each section must have the same status on both sides and start within 1 s; the words and the verdict must be the
same. bench/live_agree.py runs the same comparison on all ten public answers and prints the table.
Run it under the shared audio lock: `flock /tmp/coach-audio.lock .venv/bin/python -m pytest -m audio ...`.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import live_agree  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.audio]

# The three shortest public answers (26-59 s, about three minutes in all): a weak one, one with no Situation and
# one with no Result, so a missing section must be missing on both sides too.
ANSWERS = ["p02-frugality-weak", "p09-no-situation", "p05-no-result-long-action"]


@pytest.mark.parametrize("name", ANSWERS)
def test_the_live_report_agrees_with_grade_on_the_saved_recording(virtual_audio, shared_eval, name):
    row = live_agree.run(shared_eval / f"{name}.wav", "webhook-dlq", "sde2", lock=False)  # the run holds the lock
    assert not row.error, row.error
    assert row.sections >= 3, row
    assert row.agree == row.sections, row.differences  # same status, start within 1 s
    assert row.max_start_diff <= live_agree.START_TOLERANCE_S
    # Words may differ around a cut made in a breath (a run-on last chunk heard while it is spoken; docs/analysis.md,
    # "Enter to report, session 8"): the report's sections, starts and verdict may not.
    assert row.verdict_live == row.verdict_offline, row.differences
