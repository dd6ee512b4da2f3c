"""Sessions kept in SQLite: answers with their audio, transcript and every report made of them.

The database lives in the data directory with the audio beside it. Schema
changes are numbered migrations recorded in the database itself; a database
written by a newer coach is refused rather than damaged. Audio is written
before the row that points to it, and every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach import __version__
from coach.errors import StoreError
from coach.report import ProgressPoint, Report, report_from_json
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

_SECTION_COLUMNS = tuple(f"{name}_s" for name in SECTIONS)


def _add_column(db: sqlite3.Connection, table: str, column: str) -> None:
    """ALTER TABLE ADD COLUMN, unless a column of that name is there already (a database put back by hand)."""
    if column.split()[0] not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


def _m3(db: sqlite3.Connection) -> None:
    """answers.probe_index: which of the story's probes a probe answer answers (1-based; 0 when the
    probe is not the story's), so a regrade finds it by number, not by its wording; and each report's
    section seconds as columns, so progress reads columns instead of every report's JSON."""
    _add_column(db, "answers", "probe_index INTEGER")
    for column in _SECTION_COLUMNS:
        _add_column(db, "reports", f"{column} REAL")
    for report_id, answer_id, text in db.execute("SELECT id, answer_id, report_json FROM reports ORDER BY id").fetchall():
        data = json.loads(text)
        seconds = {s.get("name"): s.get("seconds") for s in data.get("sections", [])}
        db.execute(f"UPDATE reports SET {', '.join(f'{c} = ?' for c in _SECTION_COLUMNS)} WHERE id = ?",
                   (*(seconds.get(name) for name in SECTIONS), report_id))
        if data.get("probe"):
            db.execute("UPDATE answers SET probe_index = ? WHERE id = ?", (data["probe"].get("index"), answer_id))


Migration = list[str] | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = [
    ("sessions, answers, reports", SCHEMA_1),
    ("sessions.writer: tell crashed sessions from live ones", SCHEMA_2),
    ("answers.probe_index and reports' section seconds", _m3),
]


@dataclass(frozen=True)
class SessionRow:
    id: int
    created_at: str
    kind: str
    story: str | None
    principle: str | None
    level: str | None
    model: str | None
    version: str
    complete: bool


@dataclass(frozen=True)
class AnswerRow:
    id: int
    session_id: int
    position: int
    kind: str
    question: str
    story: str | None
    principle: str | None
    audio: str | None
    complete: bool
    probe_index: int | None  # a probe answer: which of the story's probes (1-based; 0: not the story's)
    report: Report | None  # the newest report
    reports: int  # how many reports were made of it (regrades)


@dataclass(frozen=True)
class UnfinishedRecording:
    """An answer whose recording was never marked complete, and the process that was writing its session."""

    audio: Path
    session_id: int
    writer: str | None  # None once the session's process finished (even cut short)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.path = self.root / "coach.db"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {self._why(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot use {self.root} ({exc.strerror}): set COACH_HOME to a writable folder") from None

    @staticmethod
    def _why(exc: Exception) -> str:
        text = str(exc)
        if "full" in text:
            return "the disk is full: free some space; nothing stored was changed"
        if "locked" in text:
            return "another coach is writing and did not finish in 15 s: try again"
        if "not a database" in text or "malformed" in text:
            return "is not a coach database (damaged?): move it aside and coach starts a new one"
        return text

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {self._why(exc)}") from None

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {r[0] for r in self.db.execute("SELECT id FROM migrations")}
        newest = max(done, default=0)
        if newest > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer coach (schema {newest}, this coach knows "
                             f"{len(MIGRATIONS)}): upgrade coach, or set COACH_HOME to another folder")
        for number, (name, apply) in enumerate(MIGRATIONS, 1):
            if number in done:
                continue
            with self._write() as db:
                if callable(apply):
                    apply(db)
                else:
                    for statement in apply:
                        db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (number, name, _now()))

    @property
    def schema(self) -> int:
        return int(self.db.execute("SELECT max(id) FROM migrations").fetchone()[0] or 0)

    def close(self) -> None:
        self.db.close()

    # --- writing ---------------------------------------------------------

    def new_session(self, kind: str, story: str | None, principle: str | None, level: str | None,
                    model: str | None, complete: bool = True, writer: str | None = None) -> int:
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO sessions (created_at, kind, story, principle, level, model, version, complete, "
                "writer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), kind, story, principle, level, model, __version__, complete, writer))
            return int(cur.lastrowid or 0)

    def add_answer(self, session_id: int, kind: str, question: str, audio: Path | None, report: Report | None,
                   model: str | None, story: str | None = None, principle: str | None = None,
                   complete: bool = True, probe_index: int | None = None) -> int:
        """Store an answer whose audio is already on disk, with its report."""
        rel = self._relative(audio) if audio is not None else None
        if probe_index is None and report is not None and report.probe is not None:
            probe_index = report.probe.index
        with self._write() as db:
            position = db.execute("SELECT count(*) FROM answers WHERE session_id = ?", (session_id,)).fetchone()[0]
            cur = db.execute(
                "INSERT INTO answers (session_id, position, kind, question, story, principle, audio, complete, "
                "created_at, probe_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, position + 1, kind, question, story, principle, rel, complete, _now(), probe_index))
            answer_id = int(cur.lastrowid or 0)
            if report is not None:
                self._insert_report(db, answer_id, report, model)
            return answer_id

    def add_report(self, answer_id: int, report: Report, model: str | None, complete: bool = False) -> None:
        """A report of an answer; `complete` also marks its recording finished, in the same transaction."""
        with self._write() as db:
            self._insert_report(db, answer_id, report, model)
            if complete:
                db.execute("UPDATE answers SET complete = 1 WHERE id = ?", (answer_id,))

    def release(self, session_ids: list[int]) -> None:
        """The processes writing these sessions are gone: they are no one's any more."""
        with self._write() as db:
            db.executemany("UPDATE sessions SET writer = NULL WHERE id = ?", [(i,) for i in session_ids])

    def mark_complete(self, session_id: int, complete: bool = True) -> None:
        """The session's process is done with it (complete, or cut short and told so)."""
        with self._write() as db:
            db.execute("UPDATE sessions SET complete = ?, writer = NULL WHERE id = ?", (complete, session_id))

    @staticmethod
    def _insert_report(db: sqlite3.Connection, answer_id: int, report: Report, model: str | None) -> None:
        data = report.to_json()
        seconds = {s.name: s.seconds for s in report.sections}
        db.execute(
            "INSERT INTO reports (answer_id, created_at, model, version, report_json, verdict, score, total_s, "
            f"target_s, wpm, fillers_per_min, misses, {', '.join(_SECTION_COLUMNS)}) "
            f"VALUES ({', '.join('?' * (12 + len(SECTIONS)))})",
            (answer_id, _now(), model, __version__, json.dumps(data),
             report.verdict.label if report.verdict else (report.probe.verdict if report.probe else None),
             report.verdict.score if report.verdict else None, report.total.seconds, report.total.target_s,
             report.pacing.wpm, report.pacing.fillers_per_min, len(report.misses),
             *(seconds.get(name) for name in SECTIONS)))

    def _relative(self, path: Path) -> str:
        path = Path(path).resolve()
        try:
            return str(path.relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def audio_path(self, answer: AnswerRow) -> Path | None:
        return None if answer.audio is None else self._resolve(answer.audio)

    def _resolve(self, stored: str) -> Path:
        """An audio path as stored (relative to the data directory, or absolute) on this machine."""
        p = Path(stored)
        return p if p.is_absolute() else self.root / p

    # --- reading ---------------------------------------------------------

    def sessions(self, story: str | None = None, principle: str | None = None, limit: int = 50) -> list[SessionRow]:
        sql = "SELECT * FROM sessions WHERE 1=1"
        args: list[Any] = []
        if story:
            sql += " AND story = ?"
            args.append(story)
        if principle:
            sql += " AND " + _PRINCIPLE_LIKE.format(column="principle")
            args.append(_like(principle))
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        return [self._session(r) for r in self.db.execute(sql, args)]

    def session(self, session_id: int) -> SessionRow | None:
        row = self.db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return self._session(row) if row else None

    @staticmethod
    def _session(r: sqlite3.Row) -> SessionRow:
        return SessionRow(r["id"], r["created_at"], r["kind"], r["story"], r["principle"], r["level"], r["model"],
                          r["version"], bool(r["complete"]))

    def answers(self, session_id: int) -> list[AnswerRow]:
        rows = self.db.execute("SELECT * FROM answers WHERE session_id = ? ORDER BY position", (session_id,))
        out = []
        for r in rows.fetchall():
            reports = self.db.execute("SELECT report_json FROM reports WHERE answer_id = ? ORDER BY id",
                                      (r["id"],)).fetchall()
            newest = report_from_json(json.loads(reports[-1][0])) if reports else None
            out.append(AnswerRow(r["id"], r["session_id"], r["position"], r["kind"], r["question"], r["story"],
                                 r["principle"], r["audio"], bool(r["complete"]), r["probe_index"], newest, len(reports)))
        return out

    def unfinished_recordings(self) -> list[UnfinishedRecording]:
        rows = self.db.execute(
            "SELECT a.audio, s.id AS session_id, s.writer FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE a.complete = 0 AND a.audio IS NOT NULL").fetchall()
        return [UnfinishedRecording(self._resolve(r["audio"]), r["session_id"], r["writer"]) for r in rows]

    def summary(self, session_id: int) -> dict[str, Any]:
        """The main answer's newest figures, for the session list."""
        row = self.db.execute(
            "SELECT r.* FROM reports r JOIN answers a ON a.id = r.answer_id WHERE a.session_id = ? "
            "AND a.kind = 'main' ORDER BY a.position, r.id DESC LIMIT 1", (session_id,)).fetchone()
        count = self.db.execute("SELECT count(*) FROM answers WHERE session_id = ?", (session_id,)).fetchone()[0]
        return {"answers": count, **(dict(row) if row else {})}

    def progress_points(self, principle: str | None = None) -> list[ProgressPoint]:
        """One point per main answer (newest report of each), oldest first; `principle`: part of its name."""
        sql = (f"SELECT a.created_at, a.story, coalesce(a.principle, s.principle) AS principle, r.total_s, r.target_s, "
               f"r.wpm, r.fillers_per_min, r.misses, r.verdict, r.score, {', '.join('r.' + c for c in _SECTION_COLUMNS)} "
               "FROM answers a JOIN sessions s ON s.id = a.session_id "
               "JOIN reports r ON r.id = (SELECT max(id) FROM reports WHERE answer_id = a.id) WHERE a.kind = 'main'")
        args: list[Any] = []
        if principle:
            sql += " AND " + _PRINCIPLE_LIKE.format(column="coalesce(a.principle, s.principle)")
            args.append(_like(principle))
        rows = self.db.execute(sql + " ORDER BY a.created_at, a.id", args).fetchall()
        return [ProgressPoint(date=r["created_at"], story=r["story"], principle=r["principle"] or "(no principle)",
                              total_s=r["total_s"], target_s=r["target_s"], wpm=r["wpm"],
                              fillers_per_min=r["fillers_per_min"], misses=r["misses"], verdict=r["verdict"],
                              score=r["score"], sections={name: r[f"{name}_s"] for name in SECTIONS})
                for r in rows]


# A principle given on the command line matches any principle whose name holds it, in any case.
_PRINCIPLE_LIKE = "lower({column}) LIKE ? ESCAPE '\\'"


def _like(part: str) -> str:
    escaped = part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
