"""The history database's shape, and the checks made before coach writes a byte into a database.

Schema changes are numbered migrations recorded in the database itself (`migrations` table). Opening
a database, in this order, before anything is written (not even its journal mode):
1. SQLite can read it and `PRAGMA quick_check` finds it intact, and the tables of its schema are there:
   a damaged database is refused, never written into, with how to recover;
2. it is coach's (empty, or it has the `migrations` table), not another program's file named coach.db;
3. it was not written by a newer coach.
Then WAL is switched on and, before each pending migration of a database that holds sessions, a copy
is kept as `coach.db.before-schema-N` (SQLite's backup API: a consistent copy, WAL included).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from coach.errors import StoreError
from coach.thresholds import SECTIONS

# Each migration is a list of statements run one by one inside the migration's transaction (a script run
# with executescript would commit it half-way), or a function when data must be carried over.
SCHEMA_1 = [
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,             -- practice / mock / demo / grade
        story TEXT,
        principle TEXT,
        level TEXT,
        model TEXT,
        version TEXT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,             -- main / probe
        question TEXT NOT NULL,
        story TEXT,
        principle TEXT,
        audio TEXT,                     -- path relative to the data directory
        complete INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        answer_id INTEGER NOT NULL REFERENCES answers(id),
        created_at TEXT NOT NULL,
        model TEXT,
        version TEXT NOT NULL,
        report_json TEXT NOT NULL,
        verdict TEXT,
        score REAL,
        total_s REAL,
        target_s REAL,
        wpm REAL,
        fillers_per_min REAL,
        misses INTEGER
    )""",
    "CREATE INDEX answers_session ON answers(session_id)",
    "CREATE INDEX reports_answer ON reports(answer_id)",
]

# The process still recording a session ("PID" or "PID BOOT_ID START_TICKS", see coach/writer.py);
# NULL once it finished (even cut short by Ctrl-C). A writer that no longer runs means a crash, a
# kill -9 or a power cut: `recover` says so once, then clears it.
SCHEMA_2 = ["ALTER TABLE sessions ADD COLUMN writer TEXT"]

SECTION_COLUMNS = tuple(f"{name}_s" for name in SECTIONS)


def _add_column(db: sqlite3.Connection, table: str, column: str) -> None:
    """ALTER TABLE ADD COLUMN, unless a column of that name is there already (a database put back by hand)."""
    if column.split()[0] not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


def _m3(db: sqlite3.Connection) -> None:
    """answers.probe_index: which of the story's probes a probe answer answers (1-based; 0 when the
    probe is not the story's), so a regrade finds it by number, not by its wording; and each report's
    section seconds as columns, so progress reads columns instead of every report's JSON."""
    _add_column(db, "answers", "probe_index INTEGER")
    for column in SECTION_COLUMNS:
        _add_column(db, "reports", f"{column} REAL")
    for report_id, answer_id, text in db.execute("SELECT id, answer_id, report_json FROM reports ORDER BY id").fetchall():
        try:
            data = json.loads(text)
            assert isinstance(data, dict)
        except (ValueError, AssertionError):
            continue  # a report damaged by hand: its columns stay empty, `review` shows it as unreadable
        seconds = {s.get("name"): s.get("seconds") for s in data.get("sections", [])}
        db.execute(f"UPDATE reports SET {', '.join(f'{c} = ?' for c in SECTION_COLUMNS)} WHERE id = ?",
                   (*(seconds.get(name) for name in SECTIONS), report_id))
        if data.get("probe"):
            db.execute("UPDATE answers SET probe_index = ? WHERE id = ?", (data["probe"].get("index"), answer_id))


DELIVERY_COLUMNS = ("pitch_sd_st", "hedges_per_min")


def _m4(db: sqlite3.Connection) -> None:
    """Each report's pitch variation and hedges a minute (issue 17) as columns, for progress."""
    for column in DELIVERY_COLUMNS:
        _add_column(db, "reports", f"{column} REAL")
    for report_id, text in db.execute("SELECT id, report_json FROM reports ORDER BY id").fetchall():
        delivery = json.loads(text).get("delivery") or {}
        db.execute(f"UPDATE reports SET {', '.join(f'{c} = ?' for c in DELIVERY_COLUMNS)} WHERE id = ?",
                   (*(delivery.get(c) for c in DELIVERY_COLUMNS), report_id))


def _m5(db: sqlite3.Connection) -> None:
    """reports.misses counts the report's findings (coach/findings.py), as every screen does ("Misses: 5,
    heaviest first"), not its raw misses (25 for an answer missing 17 key phrases): recounted from the
    stored reports; one that cannot be read keeps its count."""
    from coach.findings import findings
    from coach.report import report_from_json

    for report_id, text in db.execute("SELECT id, report_json FROM reports ORDER BY id").fetchall():
        try:
            count = len(findings(report_from_json(json.loads(text))))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            continue
        db.execute("UPDATE reports SET misses = ? WHERE id = ?", (count, report_id))


Migration = list[str] | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = [
    ("sessions, answers, reports", SCHEMA_1),
    ("sessions.writer: tell crashed sessions from live ones", SCHEMA_2),
    ("answers.probe_index and reports' section seconds", _m3),
    ("reports' pitch variation and hedges a minute", _m4),
    ("reports.misses: the findings' count", _m5),
]


# The tables each schema has: a database missing one of its tables is damaged.
TABLES = {1: {"sessions", "answers", "reports"}}


def damaged(path: Path, what: str) -> StoreError:
    """The one message for a database coach will not use: what is wrong, and how to carry on."""
    backups = sorted(path.parent.glob(f"{path.name}.before-schema-*"))
    kept = f"; {backups[-1].name} is a copy from before the last schema change" if backups else ""
    return StoreError(f"{path} is damaged ({what}): coach will not read or write it; move it aside "
                      f"(`mv {path} {path}.damaged`) and coach starts a new history, recordings kept{kept}")


def check(db: sqlite3.Connection, path: Path) -> int:
    """The schema of a database coach may use (0: a new, empty one); StoreError for any other. Reads only."""
    verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]  # SQLite's errors: the caller's to explain
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if verdict != "ok":
        raise damaged(path, "SQLite's integrity check failed")
    if not tables:
        return 0
    if "migrations" not in tables:
        raise StoreError(f"{path} is not a coach database (it holds the tables {', '.join(sorted(tables))}): "
                         "coach leaves it as it is; move it aside, or set COACH_HOME to another folder")
    try:
        newest = int(db.execute("SELECT max(id) FROM migrations").fetchone()[0] or 0)
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        raise damaged(path, f"its migrations table: {exc}") from None
    if newest > len(MIGRATIONS):
        raise StoreError(f"{path} was written by a newer coach (schema {newest}, this coach knows "
                         f"{len(MIGRATIONS)}): upgrade coach, or set COACH_HOME to another folder")
    missing = set().union(*(t for n, t in TABLES.items() if n <= newest)) - tables
    if missing:
        raise damaged(path, f"the table {', '.join(sorted(missing))} is missing")
    return newest


def backup(db: sqlite3.Connection, path: Path, number: int) -> None:
    """Keep a copy of the database as it is before migration `number` (replacing an older copy by that name)."""
    copy = path.with_name(f"{path.name}.before-schema-{number}")
    partial = copy.with_name(copy.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a copy cut short
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))  # private, whatever the umask
    target = sqlite3.connect(partial)
    try:
        db.backup(target)
    finally:
        target.close()
    partial.replace(copy)
