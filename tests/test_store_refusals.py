"""What the store refuses, and leaves as it found it: a damaged database, a newer one, a foreign SQLite file,
a save or a regrade that failed half-way, a lock held too long. Every refusal is one line that says what to do."""

from __future__ import annotations

import hashlib
import random
import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.errors import StoreError
from coach.keeper import SessionKeeper
from coach.store import MIGRATIONS, Store
from coach.thresholds import SECTIONS
from tests.test_store import fill


def run(*args):
    return CliRunner().invoke(cli, list(args))


def digest(path):
    return hashlib.sha1(path.read_bytes()).hexdigest()


def one_line_exit_2(result, *words):
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.stderr.startswith("coach: ") and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_damaged_database_is_refused_and_never_written(tmp_path, coach_home):
    fill(coach_home, 6)
    db = coach_home / "coach.db"
    data = bytearray(db.read_bytes())
    rng = random.Random(15)
    middle = len(data) // 2
    data[middle - 3000:middle + 3000] = bytes(rng.randrange(256) for _ in range(6000))  # random bytes in the middle
    db.write_bytes(bytes(data))
    before = digest(db)
    answer = tmp_path / "a.txt"
    answer.write_text("I fixed the build myself and it got faster by half.")
    for args in (["review"], ["review", "1"], ["progress"], ["grade", str(answer), "--save"]):
        one_line_exit_2(run(*args), "damaged", "move it aside")
    assert digest(db) == before
    assert not list((coach_home / "recordings").glob("*-grade"))  # no copy kept for a save that cannot be made


def test_a_backup_is_kept_before_every_migration(coach_home):
    fill(coach_home, 2)
    db = sqlite3.connect(coach_home / "coach.db")  # back to schema 2, as an older coach left it
    for column in [f"{name}_s" for name in SECTIONS] + ["pitch_sd_st", "hedges_per_min"]:
        db.execute(f"ALTER TABLE reports DROP COLUMN {column}")
    db.execute("ALTER TABLE answers DROP COLUMN probe_index")
    db.execute("DELETE FROM migrations WHERE id > 2")
    db.commit()
    db.close()
    store = Store(coach_home)
    assert store.schema == len(MIGRATIONS) == 5
    store.close()
    backup = coach_home / "coach.db.before-schema-3"
    assert backup.is_file() and backup.stat().st_mode & 0o077 == 0
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT max(id) FROM migrations").fetchone()[0] == 2
    assert copy.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    assert "probe_index" not in {r[1] for r in copy.execute("PRAGMA table_info(answers)")}
    copy.close()


def test_a_newer_database_in_rollback_journal_mode_is_refused_unchanged(coach_home):
    fill(coach_home, 1)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("INSERT INTO migrations VALUES (99, 'from the future', 'x')")
    db.commit()
    db.close()
    before = digest(coach_home / "coach.db")
    with pytest.raises(StoreError, match="newer coach"):
        Store(coach_home)
    assert digest(coach_home / "coach.db") == before
    db = sqlite3.connect(coach_home / "coach.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_a_foreign_sqlite_file_is_left_untouched(coach_home):
    coach_home.mkdir(parents=True)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('my own database')")
    db.commit()
    db.close()
    before = digest(coach_home / "coach.db")
    one_line_exit_2(run("review"), "not a coach database", "COACH_HOME")
    assert digest(coach_home / "coach.db") == before
    assert not (coach_home / "coach.db-wal").exists()


def test_a_failed_save_leaves_no_empty_session(coach_home):
    from coach.analysis import Answer, analyse, words_from_text

    Store(coach_home).close()
    db = sqlite3.connect(coach_home / "coach.db")  # the answer's insert fails, as on a full disk
    db.execute("CREATE TRIGGER full BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    db.commit()
    db.close()
    words = words_from_text("I fixed the build myself and it got faster by half.", 150)
    keeper = SessionKeeper(coach_home, "grade", None, None, "sde2", "tiny.en")
    with pytest.raises(StoreError, match="disk is full"):
        keeper.keep("main", "q", coach_home / "a.txt", analyse(Answer(words, words[-1].end_s)))
    db = sqlite3.connect(coach_home / "coach.db")
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    db.close()


def test_a_recording_whose_row_cannot_be_made_is_not_left_behind(tmp_path):
    """A lock held past the timeout when a recording starts: no header-only WAV without a row."""
    from coach.audio import FileInput
    from coach.ports import NoKeys
    from coach.recorder import RecordOptions, record

    def locked() -> None:
        raise StoreError("coach.db: another coach is writing and did not finish in 15 s: try again")

    path = tmp_path / "answer-1.wav"
    with pytest.raises(StoreError):
        record(FileInput(np.zeros(16000, dtype=np.float32), realtime=False), NoKeys(), path, RecordOptions(),
               on_start=locked)
    assert not path.exists()


@pytest.mark.slow
def test_a_save_that_times_out_on_the_lock_keeps_no_copy(tmp_path, coach_home):
    Store(coach_home).close()
    holder = sqlite3.connect(coach_home / "coach.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answer = tmp_path / "a.txt"
        answer.write_text("I fixed the build myself and it got faster by half.")
        one_line_exit_2(run("grade", str(answer), "--save"), "another coach is writing")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [p for p in (coach_home / "recordings").rglob("*") if p.is_file()]
    db = sqlite3.connect(coach_home / "coach.db")
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    db.close()


def test_a_dropped_table_is_one_line(coach_home):
    fill(coach_home, 2)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("DROP TABLE reports")
    db.commit()
    db.close()
    for args in (["review"], ["review", "1"], ["progress"]):
        one_line_exit_2(run(*args), "damaged")


def test_a_tampered_report_is_shown_as_unreadable_not_a_crash(coach_home):
    fill(coach_home, 2)
    db = sqlite3.connect(coach_home / "coach.db")
    db.execute("UPDATE reports SET report_json = '{' WHERE id = 1")
    db.execute("UPDATE reports SET report_json = '{\"schema\": 1}' WHERE id = 2")
    db.commit()
    db.close()
    for sid in ("1", "2"):
        result = run("review", sid)
        assert result.exit_code == 0, (result.output, result.exception)
        assert "no readable report" in result.stdout
        assert run("review", sid, "--markdown").exit_code == 0
        assert run("review", sid, "--json").exit_code == 0
    assert run("review").exit_code == 0 and run("progress").exit_code == 0


def test_an_out_of_range_session_id_is_no_session(coach_home):
    fill(coach_home, 1)
    one_line_exit_2(run("review", "99999999999999999999999"), "no session")


@pytest.mark.slow
def test_a_failed_regrade_changes_nothing(coach_home):
    """The probe's recording is empty: the regrade fails, and answer 1 gets no new report either."""
    import shutil

    from coach.audio import WavWriter
    from coach.paths import SAMPLE_ANSWER

    folder = coach_home / "recordings" / "s1"
    folder.mkdir(parents=True)
    shutil.copyfile(SAMPLE_ANSWER, folder / "answer-1.wav")
    WavWriter(folder / "probe-1.wav").close()  # the header and nothing else
    store = Store(coach_home)
    session = store.new_session("practice", "webhook-dlq", None, "sde2", "tiny.en")
    store.add_answer(session, "main", "q", folder / "answer-1.wav", None, "tiny.en", "webhook-dlq")
    store.add_answer(session, "probe", "p", folder / "probe-1.wav", None, "tiny.en", "webhook-dlq", probe_index=1)
    store.close()
    one_line_exit_2(run("review", str(session), "--regrade"), "answer 2", "nothing was regraded")
    db = sqlite3.connect(coach_home / "coach.db")
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    db.close()
