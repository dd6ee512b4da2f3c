"""The session store and the review / progress commands (no model: reports are built from text)."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.analysis import Answer, analyse, words_from_text
from coach.audio import write_wav
from coach.cli import cli
from coach.errors import StoreError
from coach.keeper import SessionKeeper
from coach.store import MIGRATIONS, Store
from coach.stories import load_library
from tests.fakes import speechlike
from tests.test_analysis import STRONG, WEAK


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def fill(home, n=6):
    story = load_library().get("webhook-dlq")
    for i in range(n):
        text = STRONG if i % 2 else WEAK
        words = words_from_text(text, 140 + 5 * i)
        report = analyse(Answer(words, words[-1].end_s), story if i % 3 == 0 else None)
        audio = home / "recordings" / f"s{i}" / "answer-1.wav"
        audio.parent.mkdir(parents=True, exist_ok=True)
        write_wav(audio, speechlike(2.0, seed=i))
        keeper = SessionKeeper(home, "practice", story.id if i % 3 == 0 else None,
                               "Learn and Be Curious" if i % 2 else "Frugality", "sde2", "tiny.en")
        keeper.keep("main", report.question, audio, report)
        keeper.finish()


def test_migrations_recorded_and_idempotent(coach_home):
    store = Store(coach_home)
    assert store.schema == len(MIGRATIONS)
    store.close()
    again = Store(coach_home)
    rows = again.db.execute("SELECT id, name FROM migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))


def test_newer_database_is_refused_untouched(coach_home):
    fill(coach_home, 1)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("INSERT INTO migrations VALUES (99, 'from the future', 'x')")
    db.commit()
    db.close()
    before = (coach_home / "coach.db").read_bytes()
    with pytest.raises(StoreError, match="newer coach"):
        Store(coach_home)
    result = run("review")
    assert result.exit_code == 2 and "newer coach" in result.output
    assert (coach_home / "coach.db").read_bytes() == before


def test_review_lists_newest_first_and_filters(coach_home):
    fill(coach_home)
    out = run("review", "--json")
    rows = json.loads(out.output)
    assert [r["id"] for r in rows] == [6, 5, 4, 3, 2, 1]
    assert {"date", "story", "principle", "total_s", "target_s", "verdict", "misses"} <= set(rows[0])
    frugal = json.loads(run("review", "--json", "--principle", "frugal").output)
    assert frugal and all(r["principle"] == "Frugality" for r in frugal)
    story = json.loads(run("review", "--json", "--story", "webhook-dlq").output)
    assert [r["id"] for r in story] == [4, 1]
    table = run("review").output
    assert "Sessions, newest first" in table and "Hire" in table


def test_review_one_session_shows_transcript_and_report(coach_home):
    fill(coach_home, 2)
    out = run("review", "2")
    assert out.exit_code == 0
    for needle in ("SITUATION", "REFLECTION", "STAR sections", "verdict", "I learned"):
        assert needle in out.output
    data = json.loads(run("review", "2", "--json").output)
    assert data["answers"][0]["report"]["schema"] == 1
    md = run("review", "1", "--markdown").output
    assert md.startswith("# Session 1") and "| section |" in md and "**“We” where it was you**" in md


def test_review_unknown_session(coach_home):
    out = run("review", "42")
    assert out.exit_code == 2 and "no session 42" in out.output


def test_progress_draws_trends_over_six_sessions(coach_home):
    fill(coach_home, 6)
    out = run("progress")
    assert out.exit_code == 0
    line = next(x for x in out.output.splitlines() if "words per minute" in x)
    spark = line.split("│")[2].strip()
    assert len(spark) == 6 and len(set(spark)) > 1  # six points, not flat
    assert "Frugality" in out.output and "Learn and Be Curious" in out.output  # per principle
    assert "S" in out.output and "balance" in out.output


def test_demo_sessions_are_left_out_of_progress(coach_home):
    fill(coach_home, 2)
    words = words_from_text(STRONG, 150)
    report = analyse(Answer(words, words[-1].end_s))
    keeper = SessionKeeper(coach_home, "demo", "webhook-dlq", "Learn and Be Curious", "sde2", "tiny.en")
    keeper.keep("main", report.question, coach_home / "demo.wav", report)
    keeper.finish()
    store = Store(coach_home)
    assert len(store.sessions()) == 3  # kept, listed by `coach review`...
    assert len(store.progress_points()) == 2  # ...but the bundled sample is not the user's progress


def test_two_writers_at_once_lose_nothing(coach_home):
    Store(coach_home).close()
    errors = []

    def writer(k):
        try:
            fill_one(coach_home, k)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = Store(coach_home)
    assert len(store.sessions()) == 4 * 5


def fill_one(home, k):
    words = words_from_text(STRONG, 150)
    report = analyse(Answer(words, words[-1].end_s))
    for _ in range(5):
        keeper = SessionKeeper(home, "grade", None, None, "sde2", "tiny.en")
        keeper.keep("main", "q", home / f"w{k}.wav", report)
        keeper.finish()


def test_unwritable_data_directory(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv("COACH_HOME", str(blocked / "home"))
    out = run("review")
    assert out.exit_code == 2 and "COACH_HOME" in out.output


def _cut_short(home, name, writer, header_behind=False):
    """A session left recording one answer by `writer` ("PID" or "PID BOOT START"); its WAV on disk."""
    import struct

    audio = home / "recordings" / name / "answer-1.wav"
    audio.parent.mkdir(parents=True, exist_ok=True)
    write_wav(audio, speechlike(2.0, seed=1))
    if header_behind:  # as a kill between two flushes leaves it: the header counts less than the file holds
        with open(audio, "r+b") as f:
            f.seek(40)
            f.write(struct.pack("<I", 16000))
    store = Store(home)
    session = store.new_session("practice", "webhook-dlq", None, "sde2", "tiny.en", complete=False,
                                writer=writer)
    store.add_answer(session, "main", "q", audio, None, "tiny.en", "webhook-dlq", None, complete=False)
    store.close()
    return audio


def _dead_pid():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return str(proc.pid)


def test_recover_names_a_crashed_recording_once_even_when_its_header_was_current(coach_home):
    from coach.recovery import recover

    audio = _cut_short(coach_home, "killed", _dead_pid())
    before = audio.read_bytes()
    assert recover(coach_home) == [audio]
    assert audio.read_bytes() == before  # nothing to repair, still told
    assert recover(coach_home) == []  # told once


def test_recover_repairs_a_header_left_behind(coach_home):
    from coach.audio import load_audio
    from coach.recovery import recover

    audio = _cut_short(coach_home, "killed", _dead_pid(), header_behind=True)
    assert recover(coach_home) == [audio]
    assert abs(len(load_audio(audio)) - 32000) < 10


def test_recover_leaves_a_session_another_coach_is_recording(coach_home):
    import subprocess
    import sys

    from coach.recovery import recover

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        audio = _cut_short(coach_home, "live", _writer(live.pid), header_behind=True)
        before = audio.read_bytes()
        assert recover(coach_home) == []
        assert audio.read_bytes() == before  # its writer owns the header
    finally:
        live.kill()
        live.wait()
    assert recover(coach_home) == [audio]


def _writer(pid):
    from coach.writer import identity as _identity

    identity = _identity(pid)
    return f"{pid} {identity}" if identity else str(pid)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process identity is read from /proc (Linux)")
def test_recover_is_not_fooled_by_a_reused_pid(coach_home):
    """After a power cut the pid of the coach that crashed may belong to another program, or to this one."""
    import os

    from coach.recovery import recover

    boot_before = "00000000-0000-0000-0000-000000000000 12345"
    audio = _cut_short(coach_home, "power-cut", f"{os.getpid()} {boot_before}")
    assert recover(coach_home) == [audio]


def test_a_session_cut_short_by_ctrl_c_is_not_reported_as_a_crash(coach_home):
    from coach.recovery import recover

    audio = coach_home / "recordings" / "c" / "answer-1.wav"
    audio.parent.mkdir(parents=True)
    write_wav(audio, speechlike(2.0, seed=2))
    keeper = SessionKeeper(coach_home, "practice", None, None, "sde2", "tiny.en")
    keeper.begin("main", "q", audio)
    keeper.finish(complete=False)  # what Ctrl-C does: the user was told what was kept
    assert recover(coach_home) == []
    assert not Store(coach_home).sessions()[0].complete


def test_a_schema_1_database_is_migrated_with_its_sessions(coach_home):
    fill(coach_home, 2)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("ALTER TABLE sessions DROP COLUMN writer")
    db.execute("DELETE FROM migrations WHERE id > 1")
    db.commit()
    db.close()
    store = Store(coach_home)
    assert store.schema == len(MIGRATIONS) and len(store.sessions()) == 2


def test_progress_has_delivery_trends_and_a_schema_3_database_gets_them_from_its_reports(coach_home):
    fill(coach_home, 4)
    out = run("progress")
    assert "hedges per minute" in out.output and "pitch variation" in out.output
    db = sqlite3.connect(coach_home / "coach.db")
    stored = db.execute("SELECT hedges_per_min FROM reports ORDER BY id").fetchall()
    assert all(v is not None for (v,) in stored)  # written answers: hedges measured, pitch not
    db.execute("ALTER TABLE reports DROP COLUMN pitch_sd_st")
    db.execute("ALTER TABLE reports DROP COLUMN hedges_per_min")
    db.execute("DELETE FROM migrations WHERE id > 3")
    db.commit()
    db.close()
    store = Store(coach_home)
    assert store.schema == len(MIGRATIONS)
    points = store.progress_points()
    assert [p.hedges_per_min for p in points] == [v for (v,) in stored] and all(p.pitch_sd_st is None for p in points)


def test_misses_count_the_findings_the_report_shows_and_a_schema_4_database_is_recounted(coach_home):
    """Progress and the session list count what the report shows ("Misses: 5, heaviest first"), not the raw
    misses behind them (every key phrase not said is one); reports kept before schema 5 are recounted."""
    from coach.findings import findings

    fill(coach_home, 3)  # session 1 has a story: its key phrases not said are many misses and one finding
    store = Store(coach_home)
    reports = [a.report for s in store.sessions() for a in store.answers(s.id)]
    shown = sorted(len(findings(r)) for r in reports)
    assert any(len(r.misses) > len(findings(r)) for r in reports)
    assert sorted(p.misses for p in store.progress_points()) == shown
    store.close()
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("UPDATE reports SET misses = 99")  # as schema 4 counted them: not the findings
    db.execute("DELETE FROM migrations WHERE id > 4")
    db.commit()
    db.close()
    store = Store(coach_home)
    assert store.schema == len(MIGRATIONS)
    assert sorted(p.misses for p in store.progress_points()) == shown
