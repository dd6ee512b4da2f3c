"""Kept sessions in the terminal: the session list, one session in full, and what changed between attempts.

Everything here fits an 80-column terminal without cutting what the user types next: the session
id never wraps, and text wraps at word boundaries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coach.attempts import Comparison, phrases_by_section
from coach.findings import headlines
from coach.history import (
    KIND_NAMES,
    Question,
    SessionSummary,
    answer_title,
    follow_up_name,
    question_heading,
    questions,
    session_heading,
    summarise,
)
from coach.labels import follow_up_title
from coach.render import SHOWN, STATUS_STYLE, VERDICT_STYLE, render, transcript_text
from coach.report import Report


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def when(iso: str, today: dt.date | None = None) -> str:
    """A date short enough for a table and exact enough to tell sessions apart: "Nov 28 14:05"."""
    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso[:16].replace("T", " ")
    today = today or dt.date.today()
    return at.strftime("%b %d %H:%M" if at.year == today.year else "%Y-%m-%d %H:%M")


def _verdicts(summary: SessionSummary) -> Text:
    text = Text()
    for i, q in enumerate(summary.questions):
        if i:
            text.append("\n" if len(summary.questions) > 1 else "")
        if len(summary.questions) > 1:
            text.append(f"{i + 1}. ")
        label = q.verdict or "no report"
        text.append(label, style=VERDICT_STYLE.get(label, STATUS_STYLE.get(label, "")))
        if q.attempts > 1:
            text.append(f" ({q.attempts} tries)", style="dim")
    return text


def _what(kind: str, complete: bool, summary: SessionSummary) -> Text:
    stories = list(dict.fromkeys(q.story or "no story" for q in summary.questions))
    principles = list(dict.fromkeys(q.principle for q in summary.questions if q.principle))
    text = Text(KIND_NAMES.get(kind, kind), style="bold")
    if not complete:
        text.append(" (incomplete)", style="red")
    if kind in ("mock", "study") or len(summary.questions) > 1:
        n = len(summary.questions)
        unit = "section" if kind == "study" else "question"
        text.append(f", {n} {unit}{'s' if n != 1 else ''}")
    if stories:
        text.append("\n" + ", ".join(stories))
    if principles and kind != "study":
        text.append("\n" + ", ".join(principles), style="dim")
    return text


def sessions_table(rows: Sequence[tuple[Any, SessionSummary]], today: dt.date | None = None) -> Table:
    """One row a session: id, when, what (kind, questions, stories, principles), time against budget, verdicts.

    The time is the main answers' (each question's newest attempt) against their budgets, follow-ups aside.

    `rows` are (session row, its summary). A mock's row names every question's story and verdict.
    """
    table = Table(title="Sessions, newest first: `coach review ID` shows one", title_justify="left", box=None,
                  header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("session", ratio=1, overflow="fold")
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for session, summary in rows:
        time = Text(clock(summary.seconds))
        if summary.target_s:
            time.append(f"\nof {clock(summary.target_s)}", style="dim")
        table.add_row(str(session.id), when(session.created_at, today), _what(session.kind, session.complete, summary),
                      time, _verdicts(summary))
        table.add_row()
    return table


def changes_table(c: Comparison, against: int) -> Table:
    """What changed against attempt `against`: section times, total, pace, fillers, verdict; misses fixed and new."""
    table = Table(title=f"Against attempt {against}", title_justify="left", box=None, pad_edge=False,
                  padding=(0, 2, 0, 0), show_header=False)
    table.add_column("measure", style="bold", no_wrap=True)
    table.add_column("before", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("now", justify="right", no_wrap=True)
    table.add_column("aim", style="dim")
    for ch in (*c.sections, c.total):
        if ch.before is None and ch.after is None:
            continue
        after = Text(_secs(ch.after), style=STATUS_STYLE.get(ch.after_status, ""))
        aim = f"target {ch.target}" if ch.target else ""
        if ch.after_status and ch.after_status != ch.before_status:
            aim += f" · {ch.before_status or '—'} → {ch.after_status}"
        table.add_row(ch.name.title(), _secs(ch.before), "→", after, aim)
    table.add_row("Pace", f"{c.pace.before or 0:.0f}", "→", f"{c.pace.after or 0:.0f}", "words a minute")
    table.add_row("Fillers", f"{c.fillers.before or 0:.0f}", "→", f"{c.fillers.after or 0:.0f}", "")
    label = c.verdict[1].rsplit(" ", 1)[0] if c.verdict[1][-1:].isdigit() else c.verdict[1]
    table.add_row("Verdict", c.verdict[0], "→", Text(c.verdict[1], style=VERDICT_STYLE.get(label, "")), "")
    return table


def changes_view(c: Comparison, against: int) -> RenderableType:
    parts: list[RenderableType] = [changes_table(c, against)]
    if c.fixed:
        parts.append(Text("Fixed: ", style="bold green").append("; ".join(c.fixed), style=""))
    if c.said_now:
        parts.append(Text("Key phrases now said: ", style="bold green").append(phrases_by_section(c.said_now), style=""))
    if c.new:
        parts.append(Text("New: ", style="bold yellow").append("; ".join(c.new), style=""))
    if c.not_said_now:
        parts.append(Text("Key phrases said last time, not now: ", style="bold yellow").append(
            phrases_by_section(c.not_said_now), style=""))
    if not (c.fixed or c.new or c.said_now or c.not_said_now):
        parts.append(Text("The same misses as last time." if c.kept else "No misses either time.", style="dim"))
    return Group(*parts)


def scorecard(answers: Sequence[Any], elapsed_s: float, ran_out: bool) -> RenderableType:
    """The mock interview's scorecard: each question in the order asked, in words.

    `answers` are coach.mock.MockAnswer: the story, the main answer's report, the follow-ups' reports.
    """
    n = len(answers)
    head = f"Mock interview scorecard: {n} question{'s' if n != 1 else ''} in {clock(elapsed_s)}"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for i, a in enumerate(answers, 1):
        r = a.report
        label = r.verdict.label if r.verdict else "no verdict"
        block = Text(a.story.principle, style="bold").append(f" · {a.story.id}", style="")
        block.append("\n")
        block.append(label, style=VERDICT_STYLE.get(label, ""))
        block.append(f" · {clock(r.total.seconds)} of {clock(r.total.target_s)}")
        for p in a.probes:
            if p.probe:
                block.append(f" · {follow_up_title(p.probe.index, a.story.principle)}: ")
                block.append(p.probe.verdict, style=VERDICT_STYLE.get(p.probe.verdict, ""))
        top = headlines(r)
        block.append("\nTo work on: " + ("; ".join(top) if top else "nothing an interviewer would mark down"))
        grid.add_row(f"{i}.", block)
        grid.add_row()
    title = Text(head + (", stopped when time ran out" if ran_out else ""), style="bold")
    return Group(title, grid)


def show_mock(console: Console, result: Any, session_id: int | None = None) -> None:
    """After the interview: each question's report under its own heading and story, then the scorecard."""
    n = len(result.answers)
    console.print()
    console.print(Text("Your answers, question by question", style="bold"))
    for i, a in enumerate(result.answers, 1):
        console.print()
        console.rule(f"Question {i} of {n} · {a.story.principle} · {a.story.id}", align="left")
        # Its follow-ups follow, each under its own name. Unsaved, there is nowhere to see the rest: every miss.
        render(a.report, console, title="Main answer", limit=SHOWN if session_id else None,
               more=f"coach review {session_id} --all")
    console.print()
    console.print(scorecard(result.answers, result.elapsed_s, result.ran_out))


def study_summary(result: Any) -> RenderableType:
    """The end of a study session (a coach.study.StudyResult): each section's last try against its target."""
    story = result.story
    if not result.attempts:
        return Text(f"Nothing was recorded. `coach study {story.id}` to say the sections, "
                    f"`coach practice {story.id}` to tell the whole story.")
    table = Table(title=f"Study summary: {story.id}" + (" (stopped early)" if result.stopped else ""),
                  title_justify="left", pad_edge=False)
    table.add_column("section", style="bold", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("target", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("key phrases said")
    table.add_column("tries", justify="right", no_wrap=True)
    for a in result.attempts:
        said = len(a.phrases_said)
        phrases = f"{said} of {said + len(a.phrases_missed)}" if a.phrases_said or a.phrases_missed else "—"
        if a.phrases_missed:
            phrases += "; not: " + ", ".join(f"“{p}”" for p in a.phrases_missed)
        table.add_row(a.name.title(), f"{a.seconds:.0f} s", f"{a.target_s:.0f} s",
                      Text(a.status, style=STATUS_STYLE.get(a.status, "")), phrases, str(a.tries))
    total = sum(a.seconds for a in result.attempts)
    target = sum(a.target_s for a in result.attempts)
    return Group(table, Text(f"Said: {clock(total)} against {clock(target)} of targets. "
                             f"Next: `coach practice {story.id}` tells it whole.", style="dim"))


def _secs(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} s"


def show_session(console: Console, session: Any, answers: Sequence[Any],
                 note: Callable[[Any], str], limit: int | None = SHOWN) -> None:
    """A session in full: each question under its own heading and story, each attempt and follow-up with its
    transcript and report. `note(answer)` is the dim line under each answer (where its audio is); `limit`:
    the findings shown of each (None: all; the rest are counted, `coach review ID --all` shows them)."""
    from coach.attempts import compare

    summary = summarise(answers)
    groups = questions(answers)
    head = Text(session_heading(session.kind, session.id, summary), style="bold")
    head.append(f"\n{when(session.created_at)} · level {session.level or 'sde2'} · {summary.answers} "
                f"answer{'s' if summary.answers != 1 else ''} · "
                f"{clock(summary.spoken_s)} spoken" + ("" if session.complete else " · INCOMPLETE"), style="")
    console.print(head)
    for q in groups:
        console.print()
        console.rule(_question_rule(q, len(groups)), align="left")
        previous: Report | None = None
        for i, a in enumerate(q.attempts, 1):
            title = answer_title(a, i, len(q.attempts))
            _show_answer(console, a, title, note, limit)
            if previous is not None and a.report is not None:
                console.print(changes_view(compare(previous, a.report), i - 1))
            previous = a.report or previous
        for p in q.probes:
            _show_answer(console, p, follow_up_name(p), note, limit)


def _question_rule(q: Question[Any], of: int) -> str:
    where = " · ".join(x for x in (q.principle, q.story) if x)
    return question_heading(q, of) + (f" · {where}" if where else "")


def _show_answer(console: Console, a: Any, title: str, note: Callable[[Any], str], limit: int | None) -> None:
    if not a.complete:
        title += " (incomplete recording)"
    if a.report is None:
        console.print(Panel(Text(a.question, style="bold"), title=Text(title), title_align="left"))
        why = "no readable report" if a.reports else "no report yet"
        console.print(f"This answer has {why}: `coach review {a.session_id} --regrade` grades what was recorded.")
    else:
        render(a.report, console, title=title, limit=limit, more=f"coach review {a.session_id} --all")
        console.print(Panel(transcript_text(a.report), title=Text("Transcript"), title_align="left"))
    *lines, last = note(a).split("\n")
    for line in lines:
        console.print(Text(line, style="dim"))
    console.print(Text(last, style="dim"), soft_wrap=" " not in last)  # a path alone on its line is never folded
