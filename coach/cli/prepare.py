"""Commands for preparing: mock interviews, study mode and quizzes."""

from __future__ import annotations

import click

from coach.cli.common import (
    LEVEL,
    Shell,
    input_device_arg,
    open_keeper,
    pass_shell,
    real_ports,
    saved_line,
    session_folder,
)
from coach.errors import CoachError


@click.command()
@click.option("--questions", "count", type=click.IntRange(1, 30), default=3, show_default=True)
@click.option("--minutes", type=click.FloatRange(1, 120), default=25, show_default=True, help="Length of the interview.")
@click.option("--principles", multiple=True, help="Only these principles (repeat, or separate with commas).")
@click.option("--level", type=LEVEL, default="sde2", show_default=True)
@click.option("--no-speak", is_flag=True, help="Print the questions instead of speaking them.")
@click.option("--no-save", is_flag=True, help="Do not keep this interview in the history.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--device", help="Input device (index or name from `coach devices`).")
@pass_shell
def mock(shell: Shell, count: int, minutes: float, principles: tuple[str, ...], level: str, no_speak: bool, no_save: bool,
         model: str | None, device: str | None) -> None:
    """A timed mock interview: questions across principles, probes, and a scorecard at the end."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.mock import pick_questions, run_mock
    from coach.render import scorecard

    wanted = [p.strip() for item in principles for p in item.split(",") if p.strip()]
    chosen = pick_questions(shell.library, count, wanted)
    if not chosen:
        raise CoachError(f"no questions for principles {', '.join(wanted)}: see `coach stories list`")
    dev = input_device_arg(device)
    input_device(dev)
    console = shell.console
    # The session row of a mock names all its principles.
    keeper = open_keeper("mock", None, ", ".join(dict.fromkeys(s.principle for s in chosen)), level, model, no_save)
    keys = KeyEvents().start()
    complete = False
    try:
        ports = real_ports(console, model, not no_speak, lambda: MicrophoneInput(dev), keys, keeper)
        ports.show = lambda report, title: None  # no feedback during the interview: the scorecard comes at the end
        folder = session_folder("mock")
        result = run_mock(chosen, minutes, level, ports, folder)
        complete = True
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    console.print(scorecard(result.answers, result.elapsed_s, result.ran_out))
    saved_line(console, keeper, folder)


@click.command()
@click.argument("story_ref", metavar="STORY")
@click.option("--no-speak", is_flag=True, help="Print the examples instead of speaking them.")
@click.option("--read-only", is_flag=True, help="Walk through the story without recording yourself.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@pass_shell
def study(shell: Shell, story_ref: str, no_speak: bool, read_only: bool, model: str | None) -> None:
    """Walk through a story section by section: hear the strong example, then say it yourself, timed."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.study import study as run_study

    story = shell.library.resolve(story_ref)
    if not read_only:
        input_device()
    console = shell.console
    keys = KeyEvents().start()
    try:
        ports = real_ports(console, model, not no_speak, MicrophoneInput, keys)
        ports.say = lambda line: console.print(line)
        run_study(story, ports, session_folder("study"), record=not read_only)
    finally:
        keys.stop()


@click.command()
@click.argument("story_ref", metavar="STORY")
@pass_shell
def quiz(shell: Shell, story_ref: str) -> None:
    """The story's quiz: pick an answer, see whether it is right and why."""
    from coach.terminal import printable

    story = shell.library.resolve(story_ref)
    if not story.quiz:
        raise CoachError(f"story {story.id!r} has no quiz; `coach stories show {story.id}` shows what it has")
    letters = "ABCDEFGH"
    right = 0
    for n, item in enumerate(story.quiz, 1):
        click.echo(printable(f"\n{n}. {item.question}"))
        for i, option in enumerate(item.options):
            click.echo(printable(f"   {letters[i]}) {option}"))
        choice = click.prompt("Your answer", type=click.Choice(list(letters[: len(item.options)]), case_sensitive=False))
        picked = letters.index(choice.upper())
        if picked == item.answer:
            right += 1
            click.secho("Right.", fg="green")
        else:
            click.secho(printable(f"Not quite: the answer is {letters[item.answer]}) {item.options[item.answer]}"),
                        fg="red")
        if item.explanation:
            click.echo(printable(f"Why: {item.explanation}"))
    click.echo(f"\n{right} of {len(story.quiz)} right.")
