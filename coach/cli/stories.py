"""`coach stories`: the story library (list, show, check) and writing your own story (new)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.common import Between, Shell, numbered, pass_shell
from coach.errors import CoachError

if TYPE_CHECKING:
    from rich.console import Console

    from coach.story import Probe


@click.group()
def stories() -> None:
    """The story library: bundled stories and your own."""


@stories.command("list")
@pass_shell
def stories_list(shell: Shell) -> None:
    """Every story by principle, with the id to use."""
    from coach.story_view import stories_table

    shell.console.print(stories_table(shell.library.stories, shell.library.own_ids))


@stories.command("show")
@click.argument("story_id")
@pass_shell
def stories_show(shell: Shell, story_id: str) -> None:
    """A story in full.

    Sections with targets, key phrases, coaching, probes.
    """
    from coach.story_view import story_panel

    shell.console.print(story_panel(shell.library.resolve(story_id)))


@stories.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def stories_check(path: Path) -> None:
    """Validate a story file.

    Exits 2 with FILE:LINE: message on the first problem.
    """
    from coach.stories import load_story

    story = load_story(path)
    click.echo(f"{path}: ok ({story.id}: {len(story.sections)} sections, {len(story.probes)} probes)")


@stories.command("new")
@click.option("--editor", "use_editor", is_flag=True, help="Open your editor on a template instead of prompting.")
@pass_shell
def stories_new(shell: Shell, use_editor: bool) -> None:
    """Write your own story.

    Principle, question, the five sections and follow-up probes.
    """
    from rich.table import Table

    from coach.authoring import PRINCIPLES, slug, story_data, suggested_probes, suggested_questions, template, write_story
    from coach.paths import user_stories_dir
    from coach.stories import load_story
    from coach.thresholds import DEFAULT_TARGETS_S, SECTIONS

    console, lib = shell.console, shell.library
    directory = user_stories_dir()
    console.print("Which leadership principle does your story show?", style="bold")
    grid = Table.grid(padding=(0, 3))
    half = (len(PRINCIPLES) + 1) // 2
    for n in range(half):
        cells = [f"{i + 1:>2}  {PRINCIPLES[i]}" for i in (n, n + half) if i < len(PRINCIPLES)]
        grid.add_row(*cells)
    console.print(grid)
    principle = PRINCIPLES[click.prompt("Principle number", type=click.IntRange(1, len(PRINCIPLES))) - 1]
    asked = suggested_questions(lib.stories, principle)
    if asked:
        console.print(f"\nQuestions interviewers ask for {principle}:", style="bold")
        console.print(numbered([s.question for s in asked]))
    answer = click.prompt("Your question: a number above, or type your own" if asked else "Your question",
                          default="1" if asked else None).strip()
    question = asked[int(answer) - 1].question if answer.isdigit() and 1 <= int(answer) <= len(asked) else answer
    taken = {p.stem for p in directory.glob("*.yaml")} | {s.id for s in lib.stories}
    story_id = click.prompt("Id (what you type to practise it)", default=slug(question, taken)).strip()
    probes = _choose_probes(console, suggested_probes(lib.stories, principle, question))
    if use_editor:
        text = click.edit(template(story_id, principle, question, probes), extension=".yaml")
        if text is None:
            raise CoachError("the editor was closed without saving: nothing was written")
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{story_id}.yaml"
        draft = path.with_suffix(".yaml.draft")
        draft.write_text(text, encoding="utf-8")
        story_id = load_story(draft).id  # a broken file stays a draft, with FILE:LINE: what is wrong
        draft.replace(path)
    else:
        console.print("\nYour answer, section by section (Enter leaves one empty for now).", style="bold")
        sections = {}
        for name in SECTIONS:
            example = click.prompt(f"{name.title()} (what you say)", default="", show_default=False)
            phrases = click.prompt(f"{name.title()} key phrases, comma-separated", default="", show_default=False)
            target = click.prompt(f"{name.title()} target seconds", default=DEFAULT_TARGETS_S[name],
                                  type=Between(1, 1800, "seconds"))  # asked again, not refused after every answer
            sections[name] = {"example": example.strip(), "target_s": target,
                              "key_phrases": [p.strip() for p in phrases.split(",") if p.strip()]}
        path = write_story(directory, story_data(story_id, principle, question, sections, probes))
    console.print("Wrote your story to")
    console.print(f"  {path}", soft_wrap=True)
    console.print("Practise it with:")
    console.print(f"  coach practice {story_id}", style="bold", soft_wrap=True)


def _choose_probes(console: Console, offered: Sequence[Probe]) -> list[Probe]:
    """Follow-up probes for the story: some of those offered, and any of the user's own."""
    from coach.story import Probe

    console.print("\nFollow-up probes: after your answer the interviewer digs in with two or three.", style="bold")
    chosen: list[Probe] = []
    if offered:
        console.print("Asked on questions like this one:")
        console.print(numbered([p.question for p in offered]))
        default = ",".join(str(i) for i in range(1, min(3, len(offered)) + 1))
        picked = click.prompt("Keep which (numbers such as 1,3; 0 for none)", default=default)
        for part in picked.replace(" ", ",").split(","):
            if part.isdigit() and 1 <= int(part) <= len(offered) and offered[int(part) - 1] not in chosen:
                chosen.append(offered[int(part) - 1])
    while True:
        own = click.prompt("A probe of your own (Enter when done)", default="", show_default=False).strip()
        if not own:
            return chosen
        chosen.append(Probe(question=own))
