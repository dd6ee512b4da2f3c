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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach import __version__
from coach.errors import StoreError
from coach.findings import findings
from coach.report import ProgressPoint, Report, report_from_json
from coach.schema import DELIVERY_COLUMNS, MIGRATIONS, SECTION_COLUMNS, backup, check, damaged
from coach.thresholds import SECTIONS

__all__ = ["MIGRATIONS", "AnswerRow", "SessionRow", "Store", "UnfinishedRecording"]



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
        self._depth = 0  # transactions open (the outermost one commits)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise self._error(exc) from None
        try:
            done = check(self.db, self.path)  # before any write, even of the journal mode
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate(done)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise self._error(exc) from None
        except BaseException:
            self.db.close()
            raise

    def _error(self, exc: Exception) -> StoreError:
        """What a failed SQLite or file operation means for the user, as one line that says what to do."""
        text = str(exc)
        if "full" in text:
            why = "the disk is full: free some space; nothing stored was changed"
        elif "locked" in text:
            why = "another coach is writing and did not finish in 15 s: try again"
        elif "readonly" in text or "read-only" in text:
            why = "it or its folder is read-only: make them writable (`chmod u+w`), or set COACH_HOME to another folder"
        elif "unable to open" in text:
            why = f"cannot be opened: check the permissions of {self.root}, or set COACH_HOME to another folder"
        elif "decode" in text:
            return damaged(self.path, "a stored text is not UTF-8")
        elif "not a database" in text or "encrypted" in text:
            return StoreError(f"{self.path} is not a coach database (not a SQLite file): move it aside, or set "
                              "COACH_HOME to another folder")
        elif "malformed" in text or "no such" in text:
            return damaged(self.path, text[:80])
        elif isinstance(exc, OSError) and exc.strerror:
            return StoreError(f"cannot use {self.root} ({exc.strerror}): set COACH_HOME to a writable folder")
        else:
            why = text
        return StoreError(f"{self.path}: {why}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a transaction opened inside it joins it, so all of it is kept or none."""
        if self._depth:
            yield self.db
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None


    def _migrate(self, done: int) -> None:
        for number, (name, apply) in enumerate(MIGRATIONS, 1):
            if number <= done:
                continue
            if done:  # a database that holds a history: what was there before this change is kept
                backup(self.db, self.path, number)
            with self.transaction() as db:
                if number == 1:
                    db.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
                if callable(apply):
                    apply(db)
                else:
                    for statement in apply:
                        db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (number, name, _now()))

    def _read(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a query; a database that turns out damaged while reading is one StoreError line."""
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None

    @property
    def schema(self) -> int:
        return int(self._read("SELECT max(id) FROM migrations")[0][0] or 0)

    def close(self) -> None:
        self.db.close()

    # --- writing ---------------------------------------------------------

    def new_session(self, kind: str, story: str | None, principle: str | None, level: str | None,
                    model: str | None, complete: bool = True, writer: str | None = None) -> int:
        with self.transaction() as db:
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
        with self.transaction() as db:
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
        with self.transaction() as db:
            self._insert_report(db, answer_id, report, model)
            if complete:
                db.execute("UPDATE answers SET complete = 1 WHERE id = ?", (answer_id,))

    def add_reports(self, reports: list[tuple[int, Report]], model: str | None) -> None:
        """New reports of several answers (a regrade): all of them are kept, or none."""
        with self.transaction() as db:
            for answer_id, report in reports:
                self._insert_report(db, answer_id, report, model)

    def release(self, session_ids: list[int]) -> None:
        """The processes writing these sessions are gone: they are no one's any more."""
        with self.transaction() as db:
            db.executemany("UPDATE sessions SET writer = NULL WHERE id = ?", [(i,) for i in session_ids])

    def mark_complete(self, session_id: int, complete: bool = True) -> None:
        """The session's process is done with it (complete, or cut short and told so)."""
        with self.transaction() as db:
            db.execute("UPDATE sessions SET complete = ?, writer = NULL WHERE id = ?", (complete, session_id))

    @staticmethod
    def _insert_report(db: sqlite3.Connection, answer_id: int, report: Report, model: str | None) -> None:
        data = report.to_json()
        seconds = {s.name: s.seconds for s in report.sections}
        db.execute(
            "INSERT INTO reports (answer_id, created_at, model, version, report_json, verdict, score, total_s, "
            f"target_s, wpm, fillers_per_min, misses, {', '.join(SECTION_COLUMNS + DELIVERY_COLUMNS)}) "
            f"VALUES ({', '.join('?' * (12 + len(SECTIONS) + len(DELIVERY_COLUMNS)))})",
            (answer_id, _now(), model, __version__, json.dumps(data),
             report.verdict.label if report.verdict else (report.probe.verdict if report.probe else None),
             report.verdict.score if report.verdict else None, report.total.seconds, report.total.target_s,
             report.pacing.wpm, report.pacing.fillers_per_min, len(findings(report)),
             *(seconds.get(name) for name in SECTIONS),
             report.delivery.pitch_sd_st if report.delivery else None,
             report.delivery.hedges_per_min if report.delivery else None))

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
        return [self._session(r) for r in self._read(sql, args)]

    def session(self, session_id: int) -> SessionRow | None:
        if not 0 < session_id < 2**63:  # SQLite's integers: a larger id is no session, not an OverflowError
            return None
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return self._session(rows[0]) if rows else None

    @staticmethod
    def _session(r: sqlite3.Row) -> SessionRow:
        return SessionRow(r["id"], r["created_at"], r["kind"], r["story"], r["principle"], r["level"], r["model"],
                          r["version"], bool(r["complete"]))

    def answers(self, session_id: int) -> list[AnswerRow]:
        out = []
        for r in self._read("SELECT * FROM answers WHERE session_id = ? ORDER BY position", (session_id,)):
            reports = self._read("SELECT report_json FROM reports WHERE answer_id = ? ORDER BY id", (r["id"],))
            newest = _report(reports[-1][0]) if reports else None
            out.append(AnswerRow(r["id"], r["session_id"], r["position"], r["kind"], r["question"], r["story"],
                                 r["principle"], r["audio"], bool(r["complete"]), r["probe_index"], newest, len(reports)))
        return out

    def unfinished_recordings(self) -> list[UnfinishedRecording]:
        rows = self._read(
            "SELECT a.audio, s.id AS session_id, s.writer FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE a.complete = 0 AND a.audio IS NOT NULL")
        return [UnfinishedRecording(self._resolve(r["audio"]), r["session_id"], r["writer"]) for r in rows]

    def progress_points(self, principle: str | None = None) -> list[ProgressPoint]:
        """One point per main answer (newest report of each), oldest first; `principle`: part of its name.
        Demo sessions are left out: their answer is the bundled sample, not the user's."""
        sql = (f"SELECT a.created_at, a.session_id, a.story, coalesce(a.principle, s.principle) AS principle, r.total_s, "
               "r.target_s, CASE WHEN json_valid(r.report_json) THEN json_extract(r.report_json, '$.total.min_s') END "
               "AS min_s, "
               f"r.wpm, r.fillers_per_min, r.misses, r.verdict, r.score, "
               f"{', '.join('r.' + c for c in SECTION_COLUMNS + DELIVERY_COLUMNS)} "
               "FROM answers a JOIN sessions s ON s.id = a.session_id "
               "JOIN reports r ON r.id = (SELECT max(id) FROM reports WHERE answer_id = a.id) "
               "WHERE a.kind = 'main' AND s.kind != 'demo'")
        args: list[Any] = []
        if principle:
            sql += " AND " + _PRINCIPLE_LIKE.format(column="coalesce(a.principle, s.principle)")
            args.append(_like(principle))
        rows = self._read(sql + " ORDER BY a.created_at, a.id", args)
        return [ProgressPoint(date=r["created_at"], story=r["story"], principle=r["principle"] or "(no principle)",
                              total_s=r["total_s"], target_s=r["target_s"], wpm=r["wpm"],
                              fillers_per_min=r["fillers_per_min"], misses=r["misses"], verdict=r["verdict"],
                              score=r["score"], sections={name: r[f"{name}_s"] for name in SECTIONS},
                              pitch_sd_st=r["pitch_sd_st"], hedges_per_min=r["hedges_per_min"],
                              session=r["session_id"], min_s=r["min_s"])
                for r in rows]


def _report(text: str) -> Report | None:
    """A stored report; None when it cannot be read (edited or damaged by hand): shown as unreadable."""
    try:
        return report_from_json(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


# A principle given on the command line matches any principle whose name holds it, in any case.
_PRINCIPLE_LIKE = "lower({column}) LIKE ? ESCAPE '\\'"


def _like(part: str) -> str:
    escaped = part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
