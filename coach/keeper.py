"""The session keeper: saves each answer of a running session as it happens, so nothing recorded is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from coach.report import AnswerKind, Report
from coach.store import Store
from coach.writer import this_process

T = TypeVar("T")


class SessionKeeper:
    """Saves a session's answers: a row when recording starts (its WAV already exists), the report when graded.

    A recording cut short by a crash, a kill or Ctrl-C is therefore already
    in the history, marked incomplete; `recover` repairs its WAV next time.
    """

    def __init__(self, root: Path, kind: str, story: str | None, principle: str | None, level: str | None,
                 model: str | None):
        self.root, self.kind, self.story, self.principle = root, kind, story, principle
        self.level, self.model = level, model
        self.store: Store | None = None
        self.session_id: int | None = None
        self._pending: dict[str, int] = {}  # audio path -> answer id still recording

    def open(self) -> Store:
        """The store, opened (and checked) now: a database coach must not write into is refused here."""
        if self.store is None:
            self.store = Store(self.root)
        return self.store

    def _in_session(self, write: Callable[[Store, int], T]) -> T:
        """Run a write in this session's store; the first one makes the session row in the same
        transaction, so a save that fails leaves no empty session behind."""
        self.open()
        assert self.store is not None
        if self.session_id is not None:
            return write(self.store, self.session_id)
        with self.store.transaction():
            session_id = self.store.new_session(self.kind, self.story, self.principle, self.level, self.model,
                                                complete=False, writer=this_process())
            done = write(self.store, session_id)
        self.session_id = session_id
        return done

    def begin(self, kind: AnswerKind, question: str, audio: Path, *, story: str | None = None,
              principle: str | None = None, probe: int | None = None) -> None:
        """A recording has started; its WAV (header only so far) is on disk."""
        self._pending[str(audio)] = self._in_session(lambda store, session_id: store.add_answer(
            session_id, kind, question, audio, None, self.model, story or self.story, principle or self.principle,
            complete=False, probe_index=probe))

    def keep(self, kind: AnswerKind, question: str, audio: Path, report: Report, *, story: str | None = None,
             principle: str | None = None) -> None:
        """An answer is graded: its report joins the row `begin` made, or a new row when none was made."""
        pending = self._pending.pop(str(audio), None)
        if pending is None:
            self._in_session(lambda store, session_id: store.add_answer(
                session_id, kind, question, audio, report, self.model, story or self.story, principle or self.principle))
        else:
            self._in_session(lambda store, _: store.add_report(pending, report, self.model, complete=True))

    def finish(self, complete: bool = True) -> None:
        if self.store is not None and self.session_id is not None:
            self.store.mark_complete(self.session_id, complete)
            self.store.close()
