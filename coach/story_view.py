"""Stories rendered for reading in the terminal: the library (`coach stories list`) and one story in full."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coach.story import Story


def story_panel(story: Story) -> RenderableType:
    parts: list[RenderableType] = []
    head = Text()
    head.append(f"{story.principle}\n", style="bold magenta")
    head.append(story.question, style="bold")
    parts.append(head)
    if story.overview:
        parts.append(Text("\n" + story.overview))
    if story.summary:
        parts.append(Text("\n" + story.summary, style="dim"))
    for s in story.sections:
        t = Text(f"\n{s.name.upper()}  target {s.target_s:.0f} s\n", style="bold cyan")
        if s.example:
            t.append(s.example + "\n")
        if s.key_phrases:
            t.append("Key phrases: ", style="bold")
            t.append(", ".join(f"“{p}”" for p in s.key_phrases) + "\n")
        if s.coaching:
            t.append("Coaching: ", style="bold")
            t.append(s.coaching + "\n")
        if s.mistake:
            t.append("Common mistake: ", style="bold red")
            t.append(s.mistake + "\n")
        parts.append(t)
    for i, p in enumerate(story.probes, 1):
        t = Text(f"\nFollow-up {i}: {p.question}\n", style="bold yellow")
        if p.probes_for:
            t.append(f"Probes for: {p.probes_for}\n", style="dim")
        if p.weak:
            t.append("Weak: ", style="red")
            t.append(f"“{p.weak}” {p.weak_why}\n")
        if p.strong:
            t.append("Strong: ", style="green")
            t.append(f"“{p.strong}” ({p.strong_key})\n")
        parts.append(t)
    if story.weak_answer:
        w = story.weak_answer
        t = Text("\nA weak answer\n", style="bold red")
        t.append(w.text + "\n")
        for issue in w.issues:
            t.append(f"  • {issue}\n")
        if w.bar_raiser:
            t.append("Bar Raiser: ", style="bold")
            t.append(w.bar_raiser + "\n")
        parts.append(t)
    for a in story.angles:
        t = Text(f"\nAngle {a.id} ({a.principle})\n", style="bold magenta")
        t.append(a.focus + "\n")
        t.append("Emphasise: ", style="green")
        t.append(a.emphasize + "\n")
        t.append("Downplay: ", style="yellow")
        t.append(a.downplay + "\n")
        parts.append(t)
    for lv in story.levels:
        t = Text(f"\nLevel {lv.label} ({lv.id}): about {lv.budget_s:.0f} s\n", style="bold blue")
        for label, value in (("Focus", lv.focus), ("Reflection", lv.reflection), ("Bar", lv.bar),
                             ("Budget", lv.budget_note), ("Senior reflection", lv.senior_reflection)):
            if value:
                t.append(f"{label}: ", style="bold")
                t.append(value + "\n")
        parts.append(t)
    if story.quiz:
        parts.append(Text(f"\nQuiz: {len(story.quiz)} questions (`coach quiz {story.id}`)", style="dim"))
    # A Panel reads a str title as markup whatever the console says: the title is Text.
    return Panel(Group(*parts), title=Text(f"{story.id}: {story.title or story.principle}"), title_align="left")


def stories_table(stories: Sequence[Story], own_ids: Collection[str] = ()) -> RenderableType:
    """Every story grouped by principle: the id whole (it is what the user types next), its kind and question.

    The id column is as wide as the longest id, so no id is ever cut; the question wraps at word boundaries.
    """
    if not stories:
        return Text("No stories: `coach stories new` writes one.")
    id_width = max(len(s.id) for s in stories)
    by_principle: dict[str, list[Story]] = {}
    for s in stories:
        by_principle.setdefault(s.principle, []).append(s)
    parts: list[RenderableType] = [Text(f"{len(stories)} stories. `coach practice ID` practises one,\n"
                                        "`coach stories show ID` shows it in full.", style="dim")]
    for principle in sorted(by_principle):
        table = Table(title=Text(principle), title_justify="left", title_style="bold magenta", box=None,
                      show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column("id", style="bold", no_wrap=True, min_width=min(id_width, 40), overflow="fold")
        table.add_column("kind", style="dim", no_wrap=True)
        table.add_column("question", ratio=1)
        for s in by_principle[principle]:
            kind = ("own " if s.id in own_ids else "") + ("story" if s.worked else "question")
            table.add_row(Text(s.id), Text(kind), Text(s.question))  # as written: never markup
        parts.append(Text())
        parts.append(table)
    return Group(*parts)
