"""Commands on kept sessions: review (list, show, play, regrade, export) and progress."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coach.cli.common import Shell, model_name, open_store, pass_shell, write_text
from coach.errors import CoachError
from coach.thresholds import SECTIONS

if TYPE_CHECKING:
    from coach.store import AnswerRow, SessionRow, Store
    from coach.story import Story


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


@click.command()
@click.argument("session_id", required=False, type=int)
@click.option("--story", help="List only sessions of this story.")
@click.option("--principle", help="List only sessions of this principle (part of its name is enough).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write a self-contained HTML report.")
@click.option("--markdown", is_flag=True, help="Print the session as Markdown, for notes.")
@click.option("--play", "play_what", is_flag=False, flag_value="answer", default=None,
              help="Play the answer's audio; --play SECTION plays one STAR section.")
@click.option("--answer", "answer_pos", type=int, default=1, show_default=True,
              help="Which answer of the session (1 is the main answer, then the probes).")
@click.option("--regrade", is_flag=True, help="Transcribe and analyse again with today's model and rules.")
@click.option("--model", help="Model for --regrade.")
@click.option("--all", "show_all", is_flag=True, help="Show every miss, not only the heaviest few.")
@pass_shell
def review(shell: Shell, session_id: int | None, story: str | None, principle: str | None, as_json: bool, html_path: Path | None,
           markdown: bool, play_what: str | None, answer_pos: int, regrade: bool, model: str | None,
           show_all: bool) -> None:
    """List saved sessions, newest first; with an id, show one in full."""
    store = open_store()
    if session_id is None:
        _list_sessions(shell, store, story, principle, as_json)
        return
    session = store.session(session_id)
    if session is None:
        raise CoachError(f"no session {session_id}: `coach review` lists them")
    if regrade:
        _regrade(shell, store, session, model)
    answers = store.answers(session_id)
    if play_what:
        _play(store, answers, answer_pos, play_what)
        return
    if html_path:
        _write_html(store, session, answers, answer_pos, html_path)
        return
    if as_json:
        click.echo(json.dumps(_session_json(store, session, answers), indent=2))
        return
    if markdown:
        from coach.export import session_markdown

        click.echo(session_markdown(session, answers))
        return
    _show_session(shell, store, session, answers, show_all)


def _list_sessions(shell: Shell, store: Store, story: str | None, principle: str | None, as_json: bool) -> None:
    from rich.table import Table

    sessions = store.sessions(story, principle)
    rows = []
    for s in sessions:
        summary = store.summary(s.id)
        rows.append({"id": s.id, "date": s.created_at, "kind": s.kind, "story": s.story, "principle": s.principle,
                     "level": s.level, "complete": s.complete, "answers": summary["answers"],
                     "total_s": summary.get("total_s"), "target_s": summary.get("target_s"),
                     "verdict": summary.get("verdict"), "misses": summary.get("misses")})
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No saved sessions yet: `coach practice` or `coach demo` saves one.")
        return
    table = Table(title="Sessions, newest first")
    for col in ("id", "date", "kind", "story", "principle", "time / budget", "verdict", "misses", "answers"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["id"]), r["date"].replace("T", " ")[:16], r["kind"] + ("" if r["complete"] else " (incomplete)"),
                      r["story"] or "", r["principle"] or "",
                      f"{_fmt_time(r['total_s'])} / {_fmt_time(r['target_s'])}", r["verdict"] or "—",
                      "—" if r["misses"] is None else str(r["misses"]), str(r["answers"]))
    shell.console.print(table)


def _session_json(store: Store, session: SessionRow, answers: Sequence[AnswerRow]) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(session), "answers": [
        {"id": a.id, "position": a.position, "kind": a.kind, "question": a.question, "complete": a.complete,
         "audio": str(store.audio_path(a)) if a.audio else None, "reports": a.reports,
         "report": a.report.to_json() if a.report else None} for a in answers]}


def _show_session(shell: Shell, store: Store, session: SessionRow, answers: Sequence[AnswerRow],
                  show_all: bool = False) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from coach.render import SHOWN, render, transcript_text

    console = shell.console
    head = (f"Session {session.id} · {session.created_at.replace('T', ' ')} · {session.kind} · "
            f"{session.story or 'no story'} · {session.principle or ''} · {session.level or ''}"
            + ("" if session.complete else " · INCOMPLETE"))
    console.rule(head)
    for a in answers:
        title = "Main answer" if a.kind == "main" else f"Follow-up {a.position - 1}"
        if not a.complete:
            title += " (incomplete recording)"
        if a.report is None:
            why = "no readable report" if a.reports else "no report"
            console.print(f"{title}: {a.question} ({why}: `coach review {session.id} --regrade`)")
            continue
        console.print(Panel(transcript_text(a.report), title=Text(f"{title}: transcript"), title_align="left"))
        render(a.report, console, title=title, limit=None if show_all else SHOWN, more=f"coach review {session.id} --all")
        audio = store.audio_path(a)
        note = f"audio: {audio}" if audio and audio.exists() else "audio file is missing"
        console.print(f"{note} · reports made: {a.reports} · `coach review {session.id} --play "
                      f"--answer {a.position}`", style="dim")


def _answer_at(answers: Sequence[AnswerRow], position: int) -> AnswerRow:
    for a in answers:
        if a.position == position:
            return a
    raise CoachError(f"this session has answers 1-{len(answers)}; --answer {position} is not one")


def _play(store: Store, answers: Sequence[AnswerRow], position: int, what: str) -> None:
    from coach.audio import RATE, load_audio
    from coach.devices import play

    answer = _answer_at(answers, position)
    path = store.audio_path(answer)
    if path is None or not path.exists():
        raise CoachError(f"the audio of answer {position} is missing ({path}); its transcript and report are kept")
    audio = load_audio(path)
    if what != "answer":
        if what not in SECTIONS:
            raise CoachError(f"--play takes a section name ({', '.join(SECTIONS)}) or nothing")
        section = answer.report.section(what) if answer.report else None
        if section is None or section.start_s is None:
            raise CoachError(f"the {what} was not found in this answer")
        audio = audio[int(section.start_s * RATE): int((section.end_s or 0) * RATE)]
    click.echo(f"Playing {what} of answer {position} ({len(audio) / RATE:.0f} s)…")
    play(audio, RATE)


def _regrade(shell: Shell, store: Store, session: SessionRow, model: str | None) -> None:
    """Grade each kept answer again as it was graded live: its own story (a mock's answers each have
    one), its angle, and the probe it answered, by number (a story's, a generic one, or a miss probe)."""
    from coach.coaching import probe_for
    from coach.errors import UnknownStory
    from coach.pipeline import grade, load_answer
    from coach.stories import generic_probes
    from coach.transcribe import WhisperTranscriber

    def story_of(story_id: str | None) -> Story | None:
        try:
            return shell.library.get(story_id) if story_id else None
        except UnknownStory:
            return None

    transcriber = WhisperTranscriber(model)
    made = []
    for a in store.answers(session.id):
        path = store.audio_path(a)
        if path is None or not path.exists():
            click.echo(f"answer {a.position}: audio missing, not regraded", err=True)
            continue
        try:
            answer = load_answer(path, lambda: transcriber)
        except CoachError as exc:  # nothing is stored unless every answer could be regraded
            raise CoachError(f"answer {a.position}: {exc}; nothing was regraded") from None
        level = session.level or "sde2"
        story = story_of(a.story or session.story)
        if a.kind == "probe":
            from coach.analysis import analyse_probe

            generic = generic_probes(story.principle) if story is not None and not story.probes else ()
            index, probe = probe_for(story, a.probe_index or 0, a.question, generic)
            report = analyse_probe(answer, probe, index, story, level)
        else:
            report = grade(answer, story, level, a.report.angle if a.report else None)
        made.append((a, report))
    store.add_reports([(a.id, report) for a, report in made], model_name(model))  # all of them, or none
    for a, report in made:
        label = report.verdict.label if report.verdict else (report.probe.verdict if report.probe else "")
        click.echo(f"answer {a.position}: regraded ({label})", err=True)  # stdout stays clean for --json


def _write_html(store: Store, session: SessionRow, answers: Sequence[AnswerRow], position: int, path: Path) -> None:
    from coach.html import answer_html

    answer = _answer_at(answers, position)
    if answer.report is None:
        raise CoachError("this answer has no report yet: `coach review ID --regrade` first")
    data = answer.report.to_json()
    data["date"] = session.created_at
    if answer.kind == "main":
        data["probes"] = [a.report.to_json() for a in answers if a.kind == "probe" and a.report]
    audio_path = store.audio_path(answer)
    audio = audio_path.read_bytes() if audio_path and audio_path.exists() else None
    write_text(path, answer_html(data, audio, title=f"coach · session {session.id}"))
    click.echo(f"wrote {path}")


@click.command()
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write the charts as a self-contained HTML page.")
@click.option("--principle", help="Only this principle (part of its name is enough).")
@pass_shell
def progress(shell: Shell, html_path: Path | None, principle: str | None) -> None:
    """Trends over your saved answers: time, balance, pace, fillers, misses, verdicts."""
    from coach.progress import progress_view

    points = open_store().progress_points(principle)
    if html_path:
        from coach.html import progress_html

        write_text(html_path, progress_html(points))
        click.echo(f"wrote {html_path} ({len(points)} answers)")
        return
    shell.console.print(progress_view(points))
