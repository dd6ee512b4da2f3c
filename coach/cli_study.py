"""Commands for preparing: mock interviews, study mode, quizzes, and writing your own stories."""

from __future__ import annotations

import click

from coach.cli import LEVEL, _console, _library, cli, stories
from coach.cli_practice import _keeper, _ports, _saved_line, _session_folder
from coach.errors import CoachError


@cli.command()
@click.option("--questions", "count", type=click.IntRange(1, 30), default=3, show_default=True)
@click.option("--minutes", type=click.FloatRange(1, 120), default=25, show_default=True, help="Length of the interview.")
@click.option("--principles", multiple=True, help="Only these principles (repeat, or separate with commas).")
@click.option("--level", type=LEVEL, default="sde2", show_default=True)
@click.option("--no-speak", is_flag=True, help="Print the questions instead of speaking them.")
@click.option("--no-save", is_flag=True, help="Do not keep this interview in the history.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--device", help="Input device (index or name from `coach devices`).")
def mock(count: int, minutes: float, principles: tuple[str, ...], level: str, no_speak: bool, no_save: bool,
         model: str | None, device: str | None) -> None:
    """A timed mock interview: questions across principles, probes, and a scorecard at the end."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.mock import pick_questions, run_mock
    from coach.render import scorecard

    wanted = [p.strip() for item in principles for p in item.split(",") if p.strip()]
    chosen = pick_questions(_library(), count, wanted)
    if not chosen:
        raise CoachError(f"no questions for principles {', '.join(wanted)}: see `coach stories list`")
    dev = int(device) if device and device.isdigit() else device
    input_device(dev)
    console = _console()
    keeper = _keeper("mock", _MockStory(chosen), level, model, no_save)
    keys = KeyEvents().start()
    complete = False
    try:
        ports = _ports(console, model, not no_speak, lambda: MicrophoneInput(dev), keys, keeper)
        ports.show = lambda report, title: None  # no feedback during the interview: the scorecard comes at the end
        folder = _session_folder("mock")
        result = run_mock(chosen, minutes, level, ports, folder)
        complete = True
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    console.print(scorecard(result.answers, result.elapsed_s, result.ran_out))
    _saved_line(console, keeper, folder)


class _MockStory:
    """The session row of a mock names all its principles."""

    def __init__(self, chosen):  # type: ignore[no-untyped-def]
        self.id = None
        self.principle = ", ".join(dict.fromkeys(s.principle for s in chosen))


@cli.command()
@click.argument("story_ref", metavar="STORY")
@click.option("--no-speak", is_flag=True, help="Print the examples instead of speaking them.")
@click.option("--read-only", is_flag=True, help="Walk through the story without recording yourself.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
def study(story_ref: str, no_speak: bool, read_only: bool, model: str | None) -> None:
    """Walk through a story section by section: hear the strong example, then say it yourself, timed."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.study import study as run_study

    story = _library().resolve(story_ref)
    if not read_only:
        input_device()
    console = _console()
    keys = KeyEvents().start()
    try:
        ports = _ports(console, model, not no_speak, MicrophoneInput, keys)
        ports.say = lambda line: console.print(line)
        run_study(story, ports, _session_folder("study"), record=not read_only)
    finally:
        keys.stop()


@cli.command()
@click.argument("story_ref", metavar="STORY")
def quiz(story_ref: str) -> None:
    """The story's quiz: pick an answer, see whether it is right and why."""
    story = _library().resolve(story_ref)
    if not story.quiz:
        raise CoachError(f"story {story.id!r} has no quiz; `coach stories show {story.id}` shows what it has")
    letters = "ABCDEFGH"
    right = 0
    for n, item in enumerate(story.quiz, 1):
        click.echo(f"\n{n}. {item.question}")
        for i, option in enumerate(item.options):
            click.echo(f"   {letters[i]}) {option}")
        choice = click.prompt("Your answer", type=click.Choice(list(letters[: len(item.options)]), case_sensitive=False))
        picked = letters.index(choice.upper())
        if picked == item.answer:
            right += 1
            click.secho("Right.", fg="green")
        else:
            click.secho(f"Not quite: the answer is {letters[item.answer]}) {item.options[item.answer]}", fg="red")
        if item.explanation:
            click.echo(f"Why: {item.explanation}")
    click.echo(f"\n{right} of {len(story.quiz)} right.")


@stories.command("new")
@click.option("--editor", "use_editor", is_flag=True, help="Open your editor on a template instead of prompting.")
def stories_new(use_editor: bool) -> None:
    """Write your own story: principle, question and the five sections."""
    from coach.authoring import PRINCIPLES, TEMPLATE, slug, story_data, write_story
    from coach.paths import user_stories_dir
    from coach.stories import load_story
    from coach.thresholds import DEFAULT_TARGETS_S, SECTIONS

    directory = user_stories_dir()
    click.echo("Principles: " + "; ".join(f"{i}) {p}" for i, p in enumerate(PRINCIPLES, 1)))
    number = click.prompt("Principle number", type=click.IntRange(1, len(PRINCIPLES)))
    principle = PRINCIPLES[number - 1]
    question = click.prompt("Question", default=f"Tell me about a time you showed {principle}.")
    story_id = click.prompt("Short id", default=slug(question.replace("Tell me about a time you", "")))
    if use_editor:
        text = click.edit(TEMPLATE.format(id=story_id, principle=principle, question=question), extension=".yaml")
        if text is None:
            raise CoachError("the editor was closed without saving: nothing was written")
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{story_id}.yaml"
        draft = path.with_suffix(".yaml.draft")
        draft.write_text(text, encoding="utf-8")
        load_story(draft)  # a broken file stays a draft, with FILE:LINE: what is wrong
        draft.replace(path)
    else:
        sections = {}
        for name in SECTIONS:
            example = click.prompt(f"{name.title()} (what you say)", default="", show_default=False)
            phrases = click.prompt(f"{name.title()} key phrases, comma-separated", default="", show_default=False)
            target = click.prompt(f"{name.title()} target seconds", default=DEFAULT_TARGETS_S[name], type=float)
            sections[name] = {"example": example.strip(), "target_s": target,
                              "key_phrases": [p.strip() for p in phrases.split(",") if p.strip()]}
        path = write_story(directory, story_data(story_id, principle, question, sections))
    click.echo(f"wrote {path}: `coach practice {story_id}` to practise it")
