"""The report in the terminal: a section timeline against targets, pace, misses with evidence, verdict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coach.coaching import verdict_summary
from coach.delivery import level_phrase
from coach.findings import SHOWN, findings, split
from coach.labels import follow_up_title, report_title, unsure_lines
from coach.progress import SECTION_MARK
from coach.report import Report, filler_words
from coach.thresholds import DELIVERY, NORMS

STATUS_STYLE = {"ok": "green", "over": "yellow", "under": "yellow", "missing": "red"}
VERDICT_STYLE = {"Strong Hire": "bold green", "Hire": "green", "Lean No Hire": "yellow", "No Hire": "red",
                 "strong": "green", "adequate": "yellow", "weak": "red"}
BAR_WIDTH = 30  # cells of a section's time bar, at most
BAR_MIN = 10
MORE = "run again with --all"


class TimeBar:
    """A section's seconds as a bar with a mark at its target, as wide as its column allows.

    One scale for every row of a table (`longest` seconds fill the bar), so rows compare; the bar
    narrows to fit an 80-column terminal rather than being cut.
    """

    def __init__(self, seconds: float | None, target: float, longest: float):
        self.seconds, self.target, self.longest = seconds, target, max(longest, 1.0)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(BAR_MIN, BAR_WIDTH)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(BAR_MIN, min(BAR_WIDTH, options.max_width))
        scale = self.longest / (width - 1)
        text = Text(no_wrap=True, overflow="crop")
        used = 0 if self.seconds is None else min(width, round(self.seconds / scale))
        mark = min(width - 1, round(self.target / scale))
        for i in range(width):
            if i == mark:
                text.append("|", style="bold")
            elif i < used:
                text.append("█", style="cyan" if i < mark else "yellow")
            else:
                text.append("·", style="dim")
        yield text


def sections_table(report: Report) -> Table:
    longest = max([s.seconds or 0 for s in report.sections] + [s.target_s for s in report.sections])
    table = Table(title="STAR sections", title_justify="left", expand=False, pad_edge=False)
    table.add_column("section", no_wrap=True)
    table.add_column("start", justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("target", justify="right", no_wrap=True)
    table.add_column("time against target (|)")
    table.add_column("wpm", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for s in report.sections:
        table.add_row(
            s.name.title() + (" ⇥" if s.marked else ""),
            "—" if s.start_s is None else f"{s.start_s:.1f}s",
            "—" if s.seconds is None else f"{s.seconds:.0f}s",
            f"{s.target_s:.0f}s",
            TimeBar(s.seconds, s.target_s, longest),
            "—" if s.wpm is None else f"{s.wpm:.0f}",
            Text(s.shown_status, style="cyan" if s.long_s else STATUS_STYLE[s.status]),
        )
    return table


def _row(text: Text, head: str, *parts: tuple[str, str]) -> None:
    """A measure's line: its name in a 9-column bold column, then its styled parts (pacing and delivery)."""
    if text:
        text.append("\n")
    text.append(f"{head:<9}", style="bold")
    for body, style in parts:
        text.append(body, style=style)


def pacing_text(report: Report) -> Text:
    """One short line per measure, its name in a column, so no measure wraps apart at 80 columns."""
    p, t = report.pacing, report.total
    text = Text()

    def line(head: str, *parts: tuple[str, str]) -> None:
        _row(text, head, *parts)

    if report.probe is None:
        line("Total", (f"{t.seconds:.0f} s", STATUS_STYLE.get(t.status, "")),
             (f" (budget {t.min_s:.0f}-{t.target_s:.0f} s for {report.level}: {t.status})", ""))
    else:  # a probe answer: how long it was spoken, and the thinking before it
        think = f" after {p.first_word_s:.0f} s of thinking" if p.first_word_s is not None else ""
        line("Length", (f"{t.seconds:.0f} s speaking{think}", ""))
    band = "ok" if NORMS.wpm_slow <= p.wpm <= NORMS.wpm_fast else "outside the band"
    line("Pace", (f"{p.wpm:.0f} wpm ({NORMS.wpm_slow:.0f}-{NORMS.wpm_fast:.0f}: {band})", ""))
    from_audio = sum(1 for f in p.fillers if f.source == "audio")
    line("Fillers", (f"{len(p.fillers)} ({p.fillers_per_min:.1f}/min"
                     + (f", {from_audio} heard in the audio only" if from_audio else "") + ")", ""))
    long = [x for x in p.pauses if x.long]
    first = (f"; first word after {p.first_word_s:.1f} s"
             if p.first_word_s is not None and report.probe is None else "")
    line("Pauses", (f"{len(p.pauses)} over {NORMS.pause_min_s} s, {len(long)} long{first}", ""))
    return text


def key_ideas_text(report: Report) -> Text:
    """One line per section: how many of its key ideas were said, and which were not heard."""
    text = Text()
    for i, k in enumerate(report.key_ideas):
        text.append("\n" if i else "")
        text.append(f"{k.section.title()}: ", style="bold")
        text.append(f"{len(k.said)} of {len(k.said) + len(k.not_heard)} key ideas said",
                    style="green" if not k.not_heard else "yellow")
        if k.not_heard:
            text.append("; not heard: " + ", ".join(k.not_heard))
    return text


def delivery_text(report: Report) -> Text | None:
    """How it sounded, one short line per finding: pitch, loudness, hedges, repetition."""
    d = report.delivery
    if d is None:
        return None
    text = Text()

    def line(head: str, body: str, style: str = "") -> None:
        _row(text, head, (body, style))

    if d.measured and d.pitch_sd_st is not None:
        parts = ", ".join(f"{SECTION_MARK[s.name]} {s.pitch_sd_st:.1f}" for s in d.sections if s.pitch_sd_st is not None)
        line("Pitch", f"{d.pitch_sd_st:.1f} st of variation, {d.pitch_band} (flat < {DELIVERY.monotone_st})",
             "yellow" if d.pitch_band == "monotone" else "")
        if len(d.sections) > 1 and parts:  # its own line, so a section's mark and value never wrap apart
            line("", f"by section: {parts}")
    elif d.measured and d.note:
        line("Pitch", d.note, "dim")
    elif d.measured:
        line("Pitch", f"too little voice to judge ({d.voiced_s:.0f} s voiced of {DELIVERY.min_voiced_s:.0f} s)", "dim")
    if d.measured and d.level_db is not None and d.noise_db is not None:
        over = level_phrase(d.level_db, d.noise_db)
        if d.too_quiet:
            line("Loudness", f"too quiet to judge ({over}): raise the input level", "yellow")
        elif d.too_noisy:
            line("Loudness", f"too noisy to judge ({over}): quieter room, closer mic", "yellow")
        elif d.sentence_ends:
            trail = [e for e in d.sentence_ends if e.drop_db >= DELIVERY.trail_db]
            worst = f' (“{trail[0].last_word}” -{trail[0].drop_db:.0f} dB)' if trail else ""
            line("Loudness", f"{over}; {d.trailing}/{len(d.sentence_ends)} sentence ends trail off{worst}",
                 "yellow" if d.trailing >= DELIVERY.trail_min else "")
        else:
            line("Loudness", over)
    counted = [h for h in d.hedges if h.kind != "opinion"]
    if counted:
        claims = sum(1 for h in counted if h.kind == "claim")
        common = ", ".join(f'"{w}"' for w, _ in Counter(h.text.lower() for h in counted).most_common(3))
        line("Hedges", f"{len(counted)} ({d.hedges_per_min:.1f}/min, {claims} on what you did): {common}",
             "yellow" if any(m.code == "hedging" for m in report.misses) else "")
    for r in d.repeats:
        what = f"opens {r.count} sentences" if r.kind == "opener" else f"said {r.count} times"
        line("Repeats", f'"{r.phrase}" {what}', "yellow")
    return text if text else None


def misses_table(report: Report, limit: int | None = SHOWN, more: str = MORE) -> RenderableType:
    """The findings, heaviest first: the top `limit` (None: all) with evidence, then how many more and
    where to see them (`more`, e.g. "coach review 12 --all")."""
    found = findings(report)
    if not found:
        return Text("No misses: nothing an interviewer would mark down.", style="green")
    shown, rest = split(found, limit)
    head = Text("Misses", style="bold")
    head.append(f": {len(found)}, heaviest first" if not rest else f": the {len(shown)} heaviest of {len(found)}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for n, f in enumerate(shown, 1):
        body = Text()
        body.append(f.title, style="bold")
        if f.section and f.section.lower() not in f.title.lower():
            body.append(f" · {f.section.title()}", style="bold")
        body.append(f" (−{f.cost:.0f})" if f.cost >= 0.5 else "", style="dim")
        body.append(": " + f.message)
        for line in f.evidence:
            body.append("\n" + (f"“{line}”" if f.quoted else line), style="italic" if f.quoted else "dim")
        if f.also:
            body.append("\nAlso " + "; ".join(f.also) + ".", style="dim")
        grid.add_row(f"{n}.", body)
    parts: list[RenderableType] = [head, grid]
    if rest:
        parts.append(Text(f"{len(rest)} more ({more})", style="dim"))
    return Group(*parts)


def bullets(lines: Sequence[str]) -> Table:
    """A bulleted list whose lines wrap under their own text, not under the bullet."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("•", line)
    return grid


def verdict_text(report: Report) -> RenderableType:
    parts: list[RenderableType] = []
    if report.verdict:
        v = report.verdict
        head = Text("Bar Raiser verdict: ", style="bold")
        head.append(verdict_summary(v), style=VERDICT_STYLE.get(v.label, ""))
        parts.append(head)
        if not report.misses:  # the findings above are the reasons; with none, say what was strong
            parts.append(bullets(v.reasons))
    if report.probe:
        pr = report.probe
        head = Text(f"{follow_up_title(pr.index)}: ", style="bold")
        head.append(pr.verdict, style=VERDICT_STYLE.get(pr.verdict, ""))
        parts.append(head)
        parts.append(bullets(pr.reasons))
    return Group(*parts)


def render(report: Report, console: Console, title: str | None = None, limit: int | None = SHOWN,
           more: str = MORE) -> None:
    """The report; the findings past the first `limit` (None: show all) are counted, and `more` says
    where to see them."""
    console.print(Panel(Text(report.question, style="bold"), title=Text(title or "Question"), title_align="left"))
    if report.probe is None:
        console.print(sections_table(report))
        for line in unsure_lines(report):
            console.print(Text(line, style="dim"))
    if report.key_ideas:
        console.print(key_ideas_text(report))
    console.print(pacing_text(report))
    delivery = delivery_text(report)
    if delivery is not None:
        console.print(delivery)
    console.print(misses_table(report, limit, more))
    console.print(verdict_text(report))
    for note in report.notes:
        console.print(Text(note, style="dim"))
    for probe in report.probes:
        render(probe, console, title=report_title(probe), limit=limit, more=more)


def transcript_text(report: Report) -> Text:
    """The transcript with section starts, fillers and long pauses marked."""
    text = Text()
    starts = {s.start_s: s.name for s in report.sections if s.start_s is not None}
    long_pauses = {round(p.start_s, 2): p for p in report.pacing.pauses if p.long}
    fillers = sorted(report.pacing.fillers, key=lambda f: f.start_s)
    spoken = filler_words([(w.start_s, w.end_s) for w in report.words],
                          [(f.start_s, f.end_s) for f in fillers if f.source == "transcript"])
    fi = 0
    for i, w in enumerate(report.words):
        while fi < len(fillers) and fillers[fi].start_s <= w.start_s:
            if fillers[fi].source == "audio":
                text.append(f"[{fillers[fi].text}] ", style="magenta")
            fi += 1
        for start, name in list(starts.items()):
            if start <= w.start_s + 0.006:  # section starts are rounded to 0.01 s
                text.append(f"\n[{name.upper()}] ", style="bold cyan")
                del starts[start]
        text.append(w.text + " ", style="magenta" if i in spoken else "")
        pause = long_pauses.get(round(w.end_s, 2))
        if pause:
            text.append(f"[pause {pause.seconds:.1f}s] ", style="red")
    return text
