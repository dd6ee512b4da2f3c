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


@click.command()
@click.argument("session_id", required=False, type=int)
@click.option("--story", help="List only sessions of this story.")
@click.option("--principle", help="List only sessions of this principle (part of its name is enough).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write a self-contained HTML report.")
@click.option("--markdown", is_flag=True, help="Print the session as Markdown, for notes.")
@click.option("--play", "play_what", is_flag=False, flag_value="answer", default=None,
              help="Play the answer's audio; --play SECTION plays one STAR section.")
@click.option("--answer", "answer_pos", type=int,
              help="One answer of the session, by its number (`coach review ID` shows each one's); "
                   "--play plays answer 1 without it.")
@click.option("--regrade", is_flag=True, help="Transcribe and analyse again with today's model and rules.")
@click.option("--model", help="Model for --regrade.")
@click.option("--all", "show_all", is_flag=True, help="Show every miss, not only the heaviest few.")
@pass_shell
def review(shell: Shell, session_id: int | None, story: str | None, principle: str | None, as_json: bool, html_path: Path | None,
           markdown: bool, play_what: str | None, answer_pos: int | None, regrade: bool, model: str | None,
           show_all: bool) -> None:
    """Saved sessions; with an id, one in full.

    Without an id, the saved sessions, newest first; with one, that session in full.
    """
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
        _play(store, answers, answer_pos or 1, play_what)
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
    from dataclasses import asdict

    from coach.history import summarise
    from coach.review_view import sessions_table

    rows = [(s, summarise(store.answers(s.id))) for s in store.sessions(story, principle)]
    if as_json:
        click.echo(json.dumps([
            {"id": s.id, "date": s.created_at, "kind": s.kind, "story": s.story, "principle": s.principle,
             "level": s.level, "complete": s.complete, "answers": m.answers, "total_s": m.seconds,
             "target_s": m.target_s, "spoken_s": m.spoken_s,
             "verdict": m.questions[0].verdict if m.questions else None, "misses": m.misses,
             "questions": [asdict(q) for q in m.questions]} for s, m in rows], indent=2))
        return
    if not rows:
        click.echo("No saved sessions yet: `coach practice` or `coach demo` saves one.")
        return
    shell.console.print(sessions_table(rows))


def _session_json(store: Store, session: SessionRow, answers: Sequence[AnswerRow]) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(session), "answers": [
        {"id": a.id, "position": a.position, "kind": a.kind, "question": a.question, "complete": a.complete,
         "audio": str(store.audio_path(a)) if a.audio else None, "reports": a.reports,
         "report": a.report.to_json() if a.report else None} for a in answers]}


def _show_session(shell: Shell, store: Store, session: SessionRow, answers: Sequence[AnswerRow],
                  show_all: bool = False) -> None:
    from coach.render import SHOWN
    from coach.review_view import show_session

    def note(a: AnswerRow) -> str:
        audio = store.audio_path(a)
        if not (audio and audio.exists()):
            return f"Answer {a.position} · reports made: {a.reports} · its audio file is missing"
        return (f"Answer {a.position} · reports made: {a.reports} · "
                f"play it: `coach review {session.id} --play --answer {a.position}`\n{audio}")

    show_session(shell.console, session, answers, note, limit=None if show_all else SHOWN)


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
            report = analyse_probe(answer, probe, index, story, level, generic=generic)
        else:
            report = grade(answer, story, level, a.report.angle if a.report else None)
        made.append((a, report))
    store.add_reports([(a.id, report) for a, report in made], model_name(model))  # all of them, or none
    for a, report in made:
        label = report.verdict.label if report.verdict else (report.probe.verdict if report.probe else "")
        click.echo(f"answer {a.position}: regraded ({label})", err=True)  # stdout stays clean for --json


def _write_html(store: Store, session: SessionRow, answers: Sequence[AnswerRow], position: int | None,
                path: Path) -> None:
    """The whole session as one page; with --answer, that answer (and, for a main answer, its follow-ups)."""
    from coach.html import answer_html
    from coach.session_page import session_html

    def audio(a: AnswerRow) -> bytes | None:
        found = store.audio_path(a)
        return found.read_bytes() if found and found.exists() else None

    if position is None:
        write_text(path, session_html(session, answers, audio))
        click.echo(f"wrote {path}")
        return
    answer = _answer_at(answers, position)
    if answer.report is None:
        raise CoachError("this answer has no report yet: `coach review ID --regrade` first")
    data = answer.report.to_json()
    data["date"] = session.created_at
    if answer.kind == "main":
        data["probes"] = [a.report.to_json() for a in answers if a.kind == "probe" and a.report]
    write_text(path, answer_html(data, audio(answer), title=f"coach · session {session.id}"))
    click.echo(f"wrote {path}")


@click.command()
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write the charts as a self-contained HTML page.")
@click.option("--principle", help="Only this principle (part of its name is enough).")
@pass_shell
def progress(shell: Shell, html_path: Path | None, principle: str | None) -> None:
    """Trends over your saved answers.

    Time, section balance, pace, fillers, misses and verdicts over time.
    """
    from coach.progress import progress_view

    points = open_store().progress_points(principle)
    if html_path:
        from coach.html import progress_html

        write_text(html_path, progress_html(points))
        click.echo(f"wrote {html_path} ({len(points)} answers)")
        return
    shell.console.print(progress_view(points))
