"""Delivery in the report (issue 17): the JSON, the terminal's lines and the HTML contours, through `coach grade`."""

from __future__ import annotations

import pytest

from tests import delivery_audio
from tests.test_delivery import DIRECT, HEDGED

pytest.importorskip("parselmouth")


def _grade_json(path) -> dict:  # type: ignore[no-untyped-def]
    import json
    import subprocess

    from tests.conftest import COACH, ROOT

    proc = subprocess.run([*COACH, "grade", str(path), "--json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_coach_grade_tells_a_hedged_written_answer_from_a_direct_one(tmp_path):
    (tmp_path / "hedged.txt").write_text(HEDGED)
    (tmp_path / "direct.txt").write_text(DIRECT)
    hedged, direct = _grade_json(tmp_path / "hedged.txt"), _grade_json(tmp_path / "direct.txt")
    assert "hedging" in [m["code"] for m in hedged["misses"]]
    assert "hedging" not in [m["code"] for m in direct["misses"]]
    assert hedged["delivery"]["measured"] is False and hedged["delivery"]["hedges"]  # no audio: words only


@pytest.mark.slow
def test_through_the_whole_pipeline_flat_is_monotone_lively_is_not_and_trailing_is_heard(tmp_path, speak):
    case = delivery_audio.cases()[0]
    got = {style: _grade_json(delivery_audio.render(case, style, tmp_path / f"{style}.wav"))
           for style in ("flat", "lively", "trailing", "steady")}
    codes = {style: [m["code"] for m in r["misses"]] for style, r in got.items()}
    assert "monotone" in codes["flat"] and "monotone" not in codes["lively"]
    d = got["lively"]["delivery"]
    assert d["pitch_band"] in ("narrow", "varied") and len(d["contour"]["pitch_st"]) > 100
    assert {s["name"] for s in d["sections"]} >= {"action", "result"}
    trail, steady = got["trailing"]["delivery"], got["steady"]["delivery"]
    assert trail["trailing"] >= 3 and steady["trailing"] == 0


def _report():  # type: ignore[no-untyped-def]
    import numpy as np

    from coach.analysis import Answer, analyse, words_from_text
    from coach.audio import RATE
    from coach.prosody import track_of
    from tests.test_delivery import voice

    words = words_from_text(HEDGED, 150)
    n = int((words[-1].end_s + 1) * RATE)
    audio = voice(120 * 2 ** (2.5 * np.sin(np.arange(n) / RATE * 3) / 12))
    return analyse(Answer(words, n / RATE, track=track_of(audio)))


def test_the_terminal_shows_one_line_per_finding_within_80_columns():
    from rich.console import Console

    from coach.render import delivery_text

    text = delivery_text(_report())
    assert text is not None
    console = Console(width=80, record=True, color_system=None)
    console.print(text)
    lines = console.export_text().rstrip("\n").split("\n")
    assert [ln.split()[0] for ln in lines] == ["Pitch", "by", "Loudness", "Hedges"]
    assert all(len(ln) <= 80 for ln in lines)
    assert "varied" in lines[0] and "on what you did" in lines[3]


def test_the_json_round_trips_and_the_html_draws_both_contours_with_section_boundaries():
    from coach.html import answer_html
    from coach.report import report_from_json

    report = _report()
    data = report.to_json()
    assert report_from_json(data).delivery == report.delivery
    assert data["delivery"]["pitch_sd_st"] == report.delivery.pitch_sd_st  # type: ignore[union-attr]
    page = answer_html(data)
    assert 'aria-label="pitch contour"' in page and 'aria-label="loudness contour"' in page
    assert page.count(">Action</text>") >= 3  # pace, pitch and loudness charts mark the sections
    assert "Hedges: " in page and "I think" in page
    old = dict(data)
    del old["delivery"]
    assert report_from_json(old).delivery is None and "predates them" in answer_html(old)


def test_progress_charts_pitch_variation_and_hedges_when_measured():
    from coach.html import progress_html
    from coach.report import ProgressPoint

    def point(i: int, pitch: float | None) -> ProgressPoint:
        return ProgressPoint(date=f"2026-11-{10 + i:02d}T10:00:00", story=None, principle="Ownership", total_s=120.0,
                             target_s=175.0, wpm=150.0, fillers_per_min=1.0, misses=3, verdict="Hire", score=75.0,
                             sections={}, pitch_sd_st=pitch, hedges_per_min=2.0 - 0.3 * i)
    page = progress_html([point(i, 0.6 + 0.5 * i) for i in range(4)])
    assert "Pitch variation (semitones)" in page and "Hedges per minute" in page
    old = progress_html([point(i, None) for i in range(4)])
    assert "Pitch variation" not in old  # reports made before delivery, or written answers


def test_per_section_pitch_has_its_own_line_and_no_mark_wraps_apart_from_its_value():
    import dataclasses

    from rich.console import Console

    from coach.render import delivery_text
    from coach.report import SectionDelivery

    report = _report()
    assert report.delivery is not None
    sections = tuple(SectionDelivery(name=n, pitch_sd_st=1.5 + i / 10, voiced_s=10.0, level_db=-20.0,
                                     hedges=0, hedges_per_min=0.0)
                     for i, n in enumerate(("situation", "task", "action", "result", "reflection")))
    report = dataclasses.replace(report, delivery=dataclasses.replace(report.delivery, sections=sections))
    text = delivery_text(report)
    assert text is not None
    console = Console(width=80, record=True, color_system=None)
    console.print(text)
    lines = console.export_text().rstrip("\n").split("\n")
    assert all(len(ln) <= 80 for ln in lines)
    by_section = [ln for ln in lines if "by section:" in ln]
    assert len(by_section) == 1 and lines.index(by_section[0]) == 1
    assert "1.5" in by_section[0] and "1.9" in by_section[0]


def test_digital_silence_between_words_is_named_not_counted_as_a_room_90_db_down():
    """A rendered answer (the demo's sample) has exact zeros between words: "94 dB over room" meant nothing."""
    from dataclasses import replace

    from rich.console import Console

    from coach.render import delivery_text
    from coach.thresholds import DELIVERY

    report = _report()
    d = report.delivery
    assert d is not None and d.level_db is not None

    def loudness(noise_db: float) -> str:
        console = Console(width=80, record=True, color_system=None)
        console.print(delivery_text(replace(report, delivery=replace(d, noise_db=noise_db))))
        return next(ln for ln in console.export_text().split("\n") if ln.startswith("Loudness"))

    silent = loudness(DELIVERY.digital_silence_dbfs - 30)
    assert "no room noise" in silent and "over the room" not in silent
    room = loudness(d.level_db - 40)
    assert "40 dB over the room" in room and "no room noise" not in room


def test_the_room_margin_is_worded_once_for_the_line_and_the_advice():
    """The loudness line and the too-quiet advice say the margin over the room with the same words."""
    from dataclasses import replace

    from coach.delivery import delivery_notes, level_phrase
    from coach.thresholds import DELIVERY

    d = _report().delivery
    assert d is not None and d.level_db is not None
    quiet = replace(d, level_db=DELIVERY.quiet_dbfs - 10, too_quiet=True, too_noisy=False)
    for noise in (DELIVERY.digital_silence_dbfs - 30, DELIVERY.quiet_dbfs - 40):
        (note,) = delivery_notes(replace(quiet, noise_db=noise))
        assert f"speech at {level_phrase(quiet.level_db, noise)}" in note
    (silent,) = delivery_notes(replace(quiet, noise_db=DELIVERY.digital_silence_dbfs - 30))
    assert "no room noise (digital silence)" in silent and "over the room" not in silent
