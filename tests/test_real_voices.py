"""Three real human voices (../shared/eval/real, see its README): what `coach grade` must do on each.

They are not interview answers, so they are scored as a whole: word error rate against the reference,
filler count, long pauses and pace over the speaking time, never word by word or by STAR section.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from click.testing import CliRunner

from coach.cli import cli
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

from streaming import wer  # noqa: E402  (bench/streaming.py: the WER the streaming benchmark reports)

pytestmark = pytest.mark.slow
REAL = SHARED / "eval" / "real"
# AMI's verbatim conventions: fillers, and fragments such as "b buttons", "may h maybe", "di display".
AMI_NOT_WORDS = re.compile(r"\b(?:uh|um|yeah|b|h|di|s)\b", re.IGNORECASE)


def _grade(name: str) -> dict:
    if not REAL.is_dir():
        pytest.skip("../shared/eval/real is not beside this checkout (it is not part of a user's clone)")
    out = CliRunner().invoke(cli, ["grade", str(REAL / name), "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def _reference(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def _transcript(report: dict) -> str:
    return " ".join(w["text"] for w in report["words"])


def _pace_against(report: dict, words: int) -> float:
    """Relative error of the reported pace against `words` over the reported speaking time."""
    pacing = report["pacing"]
    truth = 60 * words / pacing["speaking_s"]
    return abs(pacing["wpm"] - truth) / truth


def test_ami_meeting_voice_is_transcribed_close_with_no_filler_mid_sentence_and_its_pace_holds(coach_home):
    """The reference's fillers are its opening "Uh uh" (an xfail below): none is reported among the words.
    Until issue 11's word-boundary change a filler was found at 3.4 s ("lines you, instead"), where the
    reference has none; this test counted it as the opening one."""
    report = _grade("ami-meo015.wav")
    ref = AMI_NOT_WORDS.sub(" ", _reference("ami-meo015.ref.txt").replace("L_C_D_", "LCD"))
    assert wer(ref, _transcript(report)) <= 0.25, _transcript(report)
    first = report["words"][0]["start_s"]
    assert [f for f in report["pacing"]["fillers"] if f["start_s"] >= first] == []
    assert _pace_against(report, len(ref.split())) <= 0.05


def test_jfk_has_no_filler_and_no_long_pause_though_its_pauses_are_long(coach_home):
    report = _grade("jfk.flac")
    assert report["pacing"]["fillers"] == []
    assert [p for p in report["pacing"]["pauses"] if p["long"]] == []
    assert max(p["seconds"] for p in report["pacing"]["pauses"]) >= 0.9  # the real pauses are heard
    assert wer(_reference("jfk.ref.txt"), _transcript(report)) <= 0.15
    assert _pace_against(report, len(_reference("jfk.ref.txt").split())) <= 0.05


def test_second_language_voice_pace_matches_the_words_said(coach_home):
    report = _grade("spontaneous-l2.wav")
    ref = _reference("spontaneous-l2.ref.txt").replace("1234", "one two three four")  # said as four numbers
    assert wer(ref, _transcript(report)) <= 0.25, _transcript(report)
    assert _pace_against(report, len(ref.split())) <= 0.05


@pytest.mark.xfail(strict=True, reason="issue 11: the opening 'Uh uh Right' before the first transcribed word (1.85 s) "
                   "is not reported as a filler: Silero marks 0.19 s of voice there, under the 0.3 s a filler needs")
def test_ami_opening_uh_uh_is_reported_as_a_filler(coach_home):
    report = _grade("ami-meo015.wav")
    first = report["words"][0]["start_s"]
    assert any(f["start_s"] < first for f in report["pacing"]["fillers"])
