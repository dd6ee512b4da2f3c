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
from coach.report import Report, report_from_json


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one: executescript would commit the migration's transaction half-way."""
    for statement in script.split(";"):
        lines = [line.split("--")[0] for line in statement.splitlines()]
        if "".join(lines).strip():
            db.execute("\n".join(lines))


def _m1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,             -- practice / mock / demo / grade
            story TEXT,
            principle TEXT,
            level TEXT,
            model TEXT,
            version TEXT NOT NULL,
            complete INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE answers (
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
        );
        CREATE TABLE reports (
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
        );
        CREATE INDEX answers_session ON answers(session_id);
        CREATE INDEX reports_answer ON reports(answer_id);
        """
    )


def _m2(db: sqlite3.Connection) -> None:
    # The process still recording a session ("PID" or "PID BOOT_ID START_TICKS", see coach/writer.py);
    # NULL once it finished (even cut short by Ctrl-C). A writer that no longer runs means a crash, a
    # kill -9 or a power cut: `recover` says so once, then clears it.
    db.execute("ALTER TABLE sessions ADD COLUMN writer TEXT")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("sessions, answers, reports", _m1),
    ("sessions.writer: tell crashed sessions from live ones", _m2),
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
                apply(db)
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
                   complete: bool = True) -> int:
        """Store an answer whose audio is already on disk, with its report."""
        rel = self._relative(audio) if audio is not None else None
        with self._write() as db:
            position = db.execute("SELECT count(*) FROM answers WHERE session_id = ?", (session_id,)).fetchone()[0]
            cur = db.execute(
                "INSERT INTO answers (session_id, position, kind, question, story, principle, audio, complete, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, position + 1, kind, question, story, principle, rel, complete, _now()))
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
        db.execute(
            "INSERT INTO reports (answer_id, created_at, model, version, report_json, verdict, score, total_s, "
            "target_s, wpm, fillers_per_min, misses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (answer_id, _now(), model, __version__, json.dumps(data),
             report.verdict.label if report.verdict else (report.probe.verdict if report.probe else None),
             report.verdict.score if report.verdict else None, report.total.seconds, report.total.target_s,
             report.pacing.wpm, report.pacing.fillers_per_min, len(report.misses)))

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
            sql += " AND lower(principle) LIKE ?"
            args.append(f"%{principle.lower()}%")
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
                                 r["principle"], r["audio"], bool(r["complete"]), newest, len(reports)))
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

    def progress_points(self) -> list[dict[str, Any]]:
        """One point per main answer (newest report of each), oldest first."""
        rows = self.db.execute(
            "SELECT a.id, a.created_at, a.story, a.principle, s.principle AS s_principle, r.report_json "
            "FROM answers a JOIN sessions s ON s.id = a.session_id "
            "JOIN reports r ON r.id = (SELECT max(id) FROM reports WHERE answer_id = a.id) "
            "WHERE a.kind = 'main' ORDER BY a.created_at, a.id").fetchall()
        points = []
        for r in rows:
            rep = json.loads(r["report_json"])
            points.append({
                "date": r["created_at"], "story": r["story"],
                "principle": r["principle"] or r["s_principle"] or "(no principle)",
                "total_s": rep["total"]["seconds"], "target_s": rep["total"]["target_s"],
                "wpm": rep["pacing"]["wpm"], "fillers_per_min": rep["pacing"]["fillers_per_min"],
                "misses": len(rep["misses"]),
                "verdict": (rep.get("verdict") or {}).get("label"), "score": (rep.get("verdict") or {}).get("score"),
                "sections": {s["name"]: s["seconds"] for s in rep["sections"]},
            })
        return points
