"""The command line: wires real adapters, renders reports, turns CoachError into a message and exit 2.

Heavy modules (numpy, sounddevice, faster-whisper) are imported inside the
commands that need them, so `coach --help` and `coach stories` start fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from coach import __version__
from coach.errors import CoachError
from coach.thresholds import LEVELS

LEVEL = click.Choice(LEVELS)


class CoachGroup(click.Group):
    """Turns a CoachError anywhere below into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            click.echo(f"coach: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("\ncoach: stopped (Ctrl-C); what was recorded is kept.", err=True)
            ctx.exit(130)


def _console(file: Any = None):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=False)


def _library():  # type: ignore[no-untyped-def]
    from coach.stories import load_library

    return load_library()


@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coach")
def cli() -> None:
    """A voice practice coach for behavioral (STAR) interviews, entirely on this machine.

    Start with `coach demo` (no microphone needed) or `coach practice`.
    """


# --- stories ---------------------------------------------------------------


@cli.group()
def stories() -> None:
    """The story library: bundled stories and your own."""


@stories.command("list")
def stories_list() -> None:
    """List every story: id, principle, question."""
    from rich.table import Table

    lib = _library()
    table = Table(show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("principle")
    table.add_column("kind")
    table.add_column("question")
    for s in lib.stories:
        kind = ("own " if s.id in lib.own_ids else "") + ("story" if s.worked else "question")
        table.add_row(s.id, s.principle, kind, s.question)
    _console().print(table)


@stories.command("show")
@click.argument("story_id")
def stories_show(story_id: str) -> None:
    """Show a story in full: sections with targets, key phrases, coaching, probes."""
    from coach.story_view import story_panel

    _console().print(story_panel(_library().resolve(story_id)))


@stories.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def stories_check(path: Path) -> None:
    """Validate a story file; exits 2 with FILE:LINE: message on the first problem."""
    from coach.stories import load_story

    story = load_story(path)
    click.echo(f"{path}: ok ({story.id}: {len(story.sections)} sections, {len(story.probes)} probes)")


# --- grading ----------------------------------------------------------------


def _transcriber_factory(model: str | None):  # type: ignore[no-untyped-def]
    def make():  # type: ignore[no-untyped-def]
        from coach.transcribe import WhisperTranscriber

        return WhisperTranscriber(model)

    return make


@cli.command()
@click.argument("audio", type=click.Path(path_type=Path))
@click.option("--story", "story_ref", help="Story id or story file: adds the story's key phrases and checks.")
@click.option("--probe", "probe_index", type=int, help="Grade AUDIO as the answer to the story's N-th probe.")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="Sets the time budget.")
@click.option("--angle", help="Principle angle of the story, e.g. ownership.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--json", "as_json", is_flag=True, help="Print the report JSON on stdout and nothing else.")
@click.option("--save", is_flag=True, help="Keep the graded answer in the history (`coach review`).")
def grade(audio: Path, story_ref: str | None, probe_index: int | None, level: str, angle: str | None,
          model: str | None, as_json: bool, save: bool) -> None:
    """Grade a recorded answer (any format PyAV decodes; .txt grades a written answer)."""
    from coach.pipeline import grade as run_grade
    from coach.pipeline import load_answer

    story = _library().resolve(story_ref) if story_ref else None
    _check_angle(story, angle)
    answer = load_answer(audio, _transcriber_factory(model))
    report = run_grade(answer, story, level, angle, probe_index)
    saved = _save_graded(audio, story, level, model, report) if save else None
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
        return
    from coach.render import render

    render(report, _console())
    if saved:
        _console().print(f"[dim]Saved as session {saved}: `coach review {saved}`[/]")


def _save_graded(audio: Path, story, level: str, model: str | None, report) -> int:  # type: ignore[no-untyped-def]
    """Copy the graded file into the data directory (audio before the row), then store it."""
    import datetime as dt
    import shutil

    from coach.paths import data_dir
    from coach.store import SessionKeeper

    folder = data_dir() / "recordings" / (dt.datetime.now().strftime("%Y%m%d-%H%M%S") + "-grade")
    kept = folder / audio.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(audio, kept)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)  # leave no half-written copy behind
        raise CoachError(f"cannot keep a copy in {folder} ({exc.strerror}): set COACH_HOME to a writable folder") from None
    keeper = SessionKeeper(data_dir(), "grade", story.id if story else None, story.principle if story else None,
                           level, model or "tiny.en")

    class _Rec:
        path = kept

    keeper.keep("probe" if report.probe else "main", report.question, _Rec(), report)
    keeper.finish()
    return keeper.session_id or 0


def _check_angle(story, angle: str | None) -> None:  # type: ignore[no-untyped-def]
    if angle is None:
        return
    if story is None or story.angle(angle) is None:
        known = ", ".join(a.id for a in story.angles) if story and story.angles else "none without --story"
        raise CoachError(f"unknown angle {angle!r}: this story's angles are {known}")


@cli.command()
def devices() -> None:
    """List input and output devices, and which ones coach uses."""
    from coach.devices import list_devices

    found = list_devices()
    if not found:
        raise CoachError("no sound devices found: `coach demo` and `coach grade FILE` work without them")
    for d in found:
        uses = []
        if d.default_in:
            uses.append("microphone")
        if d.default_out:
            uses.append("speaker")
        used = f"  <- used as {' and '.join(uses)}" if uses else ""
        click.echo(f"{d.index:>3}  {d.name}  ({d.inputs} in, {d.outputs} out, {d.rate:.0f} Hz){used}")


def main() -> None:
    from coach import cli_practice, cli_review, cli_study  # noqa: F401 - they add their commands to `cli`

    cli(prog_name="coach")


if __name__ == "__main__":
    main()
