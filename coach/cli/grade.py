"""`coach grade`: grade a recorded (or written) answer from a file, and optionally keep it in the history."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.common import LEVEL, MODEL_OPTION, Shell, check_angle, model_name, pass_shell, session_folder
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.report import Report
    from coach.story import Story
    from coach.transcribe import WhisperTranscriber


@click.command()
@click.argument("audio", type=click.Path(path_type=Path))
@click.option("--story", "story_ref", help="Story id or story file: adds the story's key phrases and checks.")
@click.option("--probe", "probe_index", type=int, help="Grade AUDIO as the answer to the story's N-th probe.")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="Sets the time budget.")
@click.option("--angle", help="Principle angle of the story, e.g. ownership.")
@MODEL_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the report JSON on stdout and nothing else.")
@click.option("--save", is_flag=True, help="Keep the graded answer in the history (`coach review`).")
@click.option("--all", "show_all", is_flag=True, help="Show every miss, not only the heaviest few.")
@pass_shell
def grade(shell: Shell, audio: Path, story_ref: str | None, probe_index: int | None, level: str, angle: str | None,
          model: str | None, as_json: bool, save: bool, show_all: bool) -> None:
    """Grade a recorded or written answer from a file.

    AUDIO is any format PyAV decodes; a .txt file grades a written answer.
    """
    from coach.pipeline import grade as run_grade
    from coach.pipeline import load_answer

    story = shell.library.resolve(story_ref) if story_ref else None
    check_angle(story, angle)
    answer = load_answer(audio, _transcriber_factory(model))
    report = run_grade(answer, story, level, angle, probe_index)
    saved = _save_graded(audio, story, level, model, report) if save else None
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
        return
    from coach.render import SHOWN, render

    more = f"coach review {saved} --all" if saved else "run again with --all"
    render(report, shell.console, limit=None if show_all else SHOWN, more=more)
    if saved:
        shell.console.print(f"Saved as session {saved}: `coach review {saved}`", style="dim")


def _transcriber_factory(model: str | None) -> Callable[[], WhisperTranscriber]:
    def make() -> WhisperTranscriber:
        from coach.transcribe import WhisperTranscriber

        return WhisperTranscriber(model)

    return make


def _save_graded(audio: Path, story: Story | None, level: str, model: str | None, report: Report) -> int:
    """Copy the graded file into the data directory (audio before the row), then store it."""
    import shutil

    from coach.keeper import SessionKeeper
    from coach.paths import data_dir

    keeper = SessionKeeper(data_dir(), "grade", story.id if story else None, story.principle if story else None,
                           level, model_name(model))
    keeper.open()  # a database coach may not write into is refused before anything is copied
    folder = session_folder("grade")
    kept = folder / audio.name
    try:
        with open(audio, "rb") as src, open(kept, "xb") as dst:  # a new file, never another's
            shutil.copyfileobj(src, dst)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)  # leave no half-written copy behind
        raise CoachError(f"cannot keep a copy in {folder} ({exc.strerror}): set COACH_HOME to a writable folder") from None
    try:
        keeper.keep("probe" if report.probe else "main", report.question, kept, report)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no copy without the row that points to it
        raise
    keeper.finish()
    return keeper.session_id or 0
