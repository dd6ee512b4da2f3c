"""bench/eval.py and bench/scoring.py: the measures of issue 11 and the transcript cache."""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import scoring  # noqa: E402

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                  reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")


def _truth(**kw):
    sections = [
        {"name": "situation", "start_s": 0.0, "end_s": 9.5, "words": 25, "text": "At a bank the job failed."},
        {"name": "action", "start_s": 10.0, "end_s": 49.5, "words": 100, "text": "I fixed it."},
        {"name": "result", "start_s": 50.0, "end_s": 60.0, "words": 25, "text": "It ran 12 times."},
    ]
    return {"id": "t1", "duration_s": 60.0, "sections": sections, "fillers": 0,
            "expect": ["missing-section@task"], "forbid": ["missing-section@result"], **kw}


def _report(result_start=50.0, misses=()):
    band = scoring.status_band()

    def sec(name, start, end, target):
        status = "missing" if start is None else band(end - start, target)
        return {"name": name, "start_s": start, "end_s": end, "status": status, "target_s": target}

    return {
        "sections": [sec("situation", 0.0, 10.0, 30.0), sec("task", None, None, 20.0),
                     sec("action", 10.0, result_start, 90.0), sec("result", result_start, 60.0, 20.0),
                     sec("reflection", None, None, 15.0)],
        "misses": [{"code": c.split("@")[0], "section": c.split("@")[1]} for c in misses],
        "pacing": {"wpm": 150.0, "fillers": []},
    }


def test_true_seconds_run_to_the_next_start():
    assert scoring.true_seconds(_truth()["sections"]) == {"situation": 10.0, "action": 40.0, "result": 10.0}


@needs_shared
def test_a_right_report_scores_full_marks():
    score = scoring.shared_module("score")
    row = scoring.score_answer(_truth(), _report(misses=["missing-section@task"]), score, scoring.status_band())
    assert row.seg > 0.99 and row.boundary == 0.0
    assert (row.status_ok, row.status_n, row.checks_ok, row.checks_n) == (5, 5, 2, 2)
    assert row.wpm_err == 0.0 and row.digits and row.wrong == []


@needs_shared
def test_a_late_result_loses_time_statuses_and_checks():
    score = scoring.shared_module("score")
    band = scoring.status_band()
    # The result is reported from 58 s: 2 s of it, "under" its 20 s target, though the author's 10 s is not.
    report = _report(result_start=58.0, misses=["missing-section@result"])
    row = scoring.score_answer(_truth(), report, score, band)
    assert 0.85 < row.seg < 0.9
    assert band(2.0, 20.0) != band(10.0, 20.0)
    assert row.status_ok == 4 and f"result: reported {band(2.0, 20.0)}, truth {band(10.0, 20.0)}" in row.wrong
    assert row.checks_ok == 0
    assert "reported, forbidden: missing-section@result" in row.wrong


def test_summary_counts_false_fillers_only_where_none_were_said():
    rows = [scoring.Row("a", 0.9, 0.1, 5, 5, 2, 2, 2, 0, 0.01, False),
            scoring.Row("b", 0.5, 1.0, 3, 5, 1, 2, 3, 4, 0.03, True)]
    s = scoring.summarise(rows)
    assert s.false_fillers == 2 and s.filler_recall == 0.75
    assert (s.worst_id, s.worst_seg) == ("b", 0.5)
    assert s.status_ok == 8 and s.wpm_err == pytest.approx(0.02) and s.wpm_err_no_digits == 0.01
    assert [r.id for r in scoring.worst_first(rows)] == ["b", "a"]


def test_status_band_is_coachs_own():
    band = scoring.status_band()
    assert band(20.0, 20.0) != band(1.0, 20.0)  # an answer's worth of seconds and almost none differ
    assert isinstance(band(60.0, 20.0), str)


@needs_shared
def test_text_mode_and_stripped_punctuation_run_on_the_public_cases(capsys):
    import eval as bench_eval

    bench_eval.main(["--text", "public"])
    plain = capsys.readouterr().out
    bench_eval.main(["--text", "--strip-punct", "public"])
    stripped = capsys.readouterr().out
    assert "public: 10 answers" in plain and "stripped" in stripped
    first = plain.split("\n")[2]
    assert first.startswith("p") and float(first.split()[1]) <= min(
        float(line.split()[1]) for line in plain.splitlines()[2:12] if line.startswith("p"))


def test_strip_punct_keeps_inner_marks():
    import eval as bench_eval

    from coach.analysis import Answer
    from coach.report import Word

    answer = Answer((Word("Costs,", 0.0, 0.4), Word("fell", 0.5, 0.8), Word("0.3%.", 0.9, 1.5), Word("?", 1.6, 1.7)), 2.0)
    assert [w.text for w in bench_eval.strip_punct(answer).words] == ["Costs", "fell", "0.3%"]


@pytest.mark.slow
@needs_shared
def test_a_cached_transcript_gives_the_same_report_as_a_fresh_one(tmp_path):
    import eval as bench_eval

    from coach.pipeline import grade, load_answer

    wav = SHARED / "eval" / "public" / "audio" / "p02-frugality-weak.wav"
    cache = bench_eval.TranscriptCache(tmp_path)
    fresh = grade(load_answer(wav, cache.transcriber), None, "sde2").to_json()
    first = grade(cache.answer(wav), None, "sde2").to_json()  # transcribes and fills the cache
    assert len(list(tmp_path.glob("*.words.json"))) == 1 and len(list(tmp_path.glob("*.mask.npy"))) == 1
    cached = grade(bench_eval.TranscriptCache(tmp_path).answer(wav), None, "sde2").to_json()  # no model
    assert json.dumps(first, sort_keys=True) == json.dumps(fresh, sort_keys=True)
    assert json.dumps(cached, sort_keys=True) == json.dumps(fresh, sort_keys=True)


@needs_shared
def test_held_out_sets_print_their_summary_only(capsys):
    import eval as bench_eval

    bench_eval.main(["--text", "others-heldout"])
    out = capsys.readouterr().out
    import yaml

    ids = [c["id"] for c in yaml.safe_load((ROOT / "bench" / "others-heldout" / "cases.yaml").read_text())["cases"]]
    assert "others-heldout: 30 answers" in out
    assert not any(i in out for i in ids)  # no table and no worst answer's name
    bench_eval.main(["--text", "--reveal", "others-heldout"])
    revealed = capsys.readouterr().out
    assert all(i[:30] in revealed for i in ids)  # the table shows ids cut to 30 characters
