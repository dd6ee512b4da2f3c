"""The session keeper: saves each answer of a running session as it happens, so nothing recorded is lost."""

from __future__ import annotations

from pathlib import Path

from coach.report import AnswerKind, Report
from coach.store import Store
from coach.writer import this_process


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

    def _open(self) -> tuple[Store, int]:
        if self.store is None:
            self.store = Store(self.root)
            self.session_id = self.store.new_session(self.kind, self.story, self.principle, self.level, self.model,
                                                     complete=False, writer=this_process())
        assert self.session_id is not None
        return self.store, self.session_id

    def begin(self, kind: AnswerKind, question: str, audio: Path, *, story: str | None = None,
              principle: str | None = None, probe: int | None = None) -> None:
        """A recording has started; its WAV (header only so far) is on disk."""
        store, session_id = self._open()
        self._pending[str(audio)] = store.add_answer(session_id, kind, question, audio, None, self.model,
                                                     story or self.story, principle or self.principle, complete=False,
                                                     probe_index=probe)

    def keep(self, kind: AnswerKind, question: str, audio: Path, report: Report, *, story: str | None = None,
             principle: str | None = None) -> None:
        """An answer is graded: its report joins the row `begin` made, or a new row when none was made."""
        store, session_id = self._open()
        pending = self._pending.pop(str(audio), None)
        if pending is None:
            store.add_answer(session_id, kind, question, audio, report, self.model, story or self.story,
                             principle or self.principle)
        else:
            store.add_report(pending, report, self.model, complete=True)

    def finish(self, complete: bool = True) -> None:
        if self.store is not None and self.session_id is not None:
            self.store.mark_complete(self.session_id, complete)
            self.store.close()
