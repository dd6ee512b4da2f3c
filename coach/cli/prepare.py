"""Commands for preparing: mock interviews, study mode and quizzes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from coach.cli.common import (
    DEVICE_OPTION,
    LEVEL,
    MODEL_OPTION,
    Between,
    Shell,
    input_device_arg,
    numbered,
    open_keeper,
    pass_shell,
    real_ports,
    saved_line,
    session_folder,
)
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.ports import Keys, Ports


@click.command()
@click.option("--questions", "count", type=click.IntRange(1, 30), default=3, show_default=True,
              help="How many questions, each from another principle where it can (your own stories first).")
@click.option("--minutes", type=Between(1, 120, "minutes"), default=25, show_default=True, help="Length of the interview.")
@click.option("--principles", multiple=True, help="Only these principles (repeat, or separate with commas).")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="sde1, sde2 or senior: the time budgets.")
@click.option("--no-speak", is_flag=True, help="Print the questions instead of speaking them.")
@click.option("--no-save", is_flag=True, help="Do not keep this interview in the history.")
@MODEL_OPTION
@DEVICE_OPTION
@pass_shell
def mock(shell: Shell, count: int, minutes: float, principles: tuple[str, ...], level: str, no_speak: bool, no_save: bool,
         model: str | None, device: str | None) -> None:
    """A timed mock interview with a scorecard.

    Questions across principles, follow-up probes after each answer, and at the end every
    question's report and a scorecard.
    """
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.mock import pick_questions, run_mock
    from coach.review_view import show_mock

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
        complete = not result.stopped
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    show_mock(console, result, keeper.session_id if keeper else None)
    saved_line(console, keeper, folder)


@click.command()
@click.argument("story_ref", metavar="STORY")
@click.option("--no-speak", is_flag=True, help="Print the examples instead of speaking them.")
@click.option("--read-only", is_flag=True, help="Walk through the story without recording yourself.")
@MODEL_OPTION
@click.option("--no-save", is_flag=True, help="Do not keep this study session in the history.")
@pass_shell
def study(shell: Shell, story_ref: str, no_speak: bool, read_only: bool, model: str | None, no_save: bool) -> None:
    """Learn a story section by section, timed.

    Hear each section's strong example, then say it yourself and see your time and key phrases;
    r says a section again. With --read-only, it waits about as long as each section takes to read
    (Enter goes on sooner).
    """
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.review_view import study_summary
    from coach.study import study as run_study

    story = shell.library.resolve(story_ref)
    if not read_only:
        input_device()
    console = shell.console
    keeper = None if read_only or not story.worked else open_keeper("study", story.id, story.principle, "sde2", model,
                                                                    no_save)
    keys = KeyEvents().start()
    complete = False
    try:
        ports = real_ports(console, model, not no_speak, MicrophoneInput, keys, keeper, bold_lines=False)
        pace = _pacer(ports, keys) if read_only and console.is_terminal else None
        folder = session_folder("study")
        result = run_study(story, ports, folder, record=not read_only, pace=pace)
        complete = not result.stopped
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    if not read_only:
        console.print(study_summary(result))
        saved_line(console, keeper, folder)


def _pacer(ports: Ports, keys: Keys) -> Callable[[float, str], None]:
    """Wait between sections of a read-only study, counting down; Enter goes on at once."""
    def pace(seconds: float, next_name: str) -> None:
        end = time.monotonic() + seconds
        keys.clear()
        while (left := end - time.monotonic()) > 0:
            if ports.status:
                ports.status(f"Next: {next_name} in {left:.0f} s (Enter: now)")
            if keys.poll() == "enter" or getattr(keys, "closed", False):
                break
            time.sleep(0.1)
        if ports.status:
            ports.status("")

    return pace


@click.command()
@click.argument("story_ref", metavar="STORY")
@pass_shell
def quiz(shell: Shell, story_ref: str) -> None:
    """The story's quiz: pick an answer and see why."""
    story = shell.library.resolve(story_ref)
    if not story.quiz:
        raise CoachError(f"story {story.id!r} has no quiz; `coach stories show {story.id}` shows what it has")
    console = shell.console
    letters = "ABCDEFGH"
    right = 0
    for n, item in enumerate(story.quiz, 1):
        console.print()
        console.print(numbered([item.question], [f"{n}."]), style="bold")
        console.print(numbered(list(item.options), [f"{letters[i]})" for i in range(len(item.options))]))
        choice = click.prompt("Your answer", type=click.Choice(list(letters[: len(item.options)]), case_sensitive=False))
        picked = letters.index(choice.upper())
        if picked == item.answer:
            right += 1
            console.print("Right.", style="green")
        else:
            console.print(f"Not quite: the answer is {letters[item.answer]}) {item.options[item.answer]}", style="red")
        if item.explanation:
            console.print(f"Why: {item.explanation}")
    console.print(f"\n{right} of {len(story.quiz)} right.")
