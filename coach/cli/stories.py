"""`coach stories`: the story library (list, show, check) and writing your own story (new)."""

from __future__ import annotations

from pathlib import Path

import click

from coach.cli.common import Shell, pass_shell
from coach.errors import CoachError


@click.group()
def stories() -> None:
    """The story library: bundled stories and your own."""


@stories.command("list")
@pass_shell
def stories_list(shell: Shell) -> None:
    """List every story: id, principle, question."""
    from rich.table import Table

    lib = shell.library
    table = Table(show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("principle")
    table.add_column("kind")
    table.add_column("question")
    for s in lib.stories:
        kind = ("own " if s.id in lib.own_ids else "") + ("story" if s.worked else "question")
        table.add_row(s.id, s.principle, kind, s.question)
    shell.console.print(table)


@stories.command("show")
@click.argument("story_id")
@pass_shell
def stories_show(shell: Shell, story_id: str) -> None:
    """Show a story in full: sections with targets, key phrases, coaching, probes."""
    from coach.story_view import story_panel

    shell.console.print(story_panel(shell.library.resolve(story_id)))


@stories.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def stories_check(path: Path) -> None:
    """Validate a story file; exits 2 with FILE:LINE: message on the first problem."""
    from coach.stories import load_story

    story = load_story(path)
    click.echo(f"{path}: ok ({story.id}: {len(story.sections)} sections, {len(story.probes)} probes)")


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
