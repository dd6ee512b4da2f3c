"""The session store and the review / progress commands (no model: reports are built from text)."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest
from click.testing import CliRunner

from coach.analysis import Answer, analyse, words_from_text
from coach.audio import write_wav
from coach.cli import cli
from coach.errors import StoreError
from coach.store import MIGRATIONS, SessionKeeper, Store
from coach.stories import load_library
from tests.fakes import speechlike
from tests.test_analysis import STRONG, WEAK


def run(*args):
    from coach import cli_practice, cli_review  # noqa: F401
    from coach.cli import main  # noqa: F401 - registers every command

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


class _Rec:
    def __init__(self, path):
        self.path = path


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
        keeper.keep("main", report.question, _Rec(audio), report)
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
    assert md.startswith("# Session 1") and "| section |" in md and "`we-language`" in md


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
        keeper.keep("main", "q", _Rec(home / f"w{k}.wav"), report)
        keeper.finish()


def test_unwritable_data_directory(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv("COACH_HOME", str(blocked / "home"))
    out = run("review")
    assert out.exit_code == 2 and "COACH_HOME" in out.output
