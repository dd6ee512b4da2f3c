"""A saved session as Markdown, for pasting into notes: every question under its own heading, with its
story, each attempt's report and its follow-ups. Prose is wrapped at 80 columns, as Markdown allows."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from coach.attempts import compare, phrases_by_section
from coach.coaching import verdict_summary
from coach.findings import findings
from coach.history import answer_title, follow_up_name, question_heading, questions, session_heading, summarise
from coach.report import Report, filler_words
from coach.store import AnswerRow, SessionRow
from coach.terminal import printable

WIDTH = 80


def _wrap(text: str, first: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=first if rest is None else rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def session_markdown(session: SessionRow, answers: Sequence[AnswerRow]) -> str:
    summary = summarise(answers)
    groups = questions(answers)
    lines = [f"# {session_heading(session.kind, session.id, summary)}", ""]
    meta = [session.created_at.replace("T", " "), f"level {session.level or 'sde2'}",
            f"{summary.answers} answer{'s' if summary.answers != 1 else ''}", f"{_clock(summary.spoken_s)} spoken"]
    lines += _wrap(" · ".join(meta)) + [""]
    if not session.complete:
        lines += ["*Incomplete: the session was cut short.*", ""]
    for q in groups:
        lines += [f"## {question_heading(q, len(groups))}", ""] + _wrap(f"**{q.question}**") + [""]
        about = " · ".join(x for x in (f"story `{q.story}`" if q.story else "no story", q.principle) if x)
        lines += [about, ""]
        previous: Report | None = None
        for i, a in enumerate(q.attempts, 1):
            lines += [f"### {answer_title(a, i, len(q.attempts))}", ""]
            lines += _answer(a)
            if previous is not None and a.report is not None:
                lines += _changes(previous, a.report, i - 1)
            previous = a.report or previous
        for p in q.probes:
            lines += [f"### {follow_up_name(p)}", ""] + _wrap(f"**{p.question}**") + [""]
            lines += _answer(p)
    return printable("\n".join(lines).rstrip() + "\n")  # answers and stories may hold terminal control characters


def _answer(a: AnswerRow) -> list[str]:
    r = a.report
    if r is None:
        return ["(no report: `coach review ID --regrade` grades what was recorded)", ""]
    lines: list[str] = []
    if not a.complete:
        lines += ["*Incomplete recording.*", ""]
    if r.verdict:
        lines += _wrap(f"**Verdict: {verdict_summary(r.verdict)}**") + [""]
        lines += [x for reason in r.verdict.reasons for x in _wrap(reason, "- ", "  ")] + [""]
    if r.probe:
        lines += [f"**Follow-up grade: {r.probe.verdict}**", ""]
        lines += [x for reason in r.probe.reasons for x in _wrap(reason, "- ", "  ")] + [""]
    else:
        lines += ["| section | start | seconds | target | status |", "|---|---|---|---|---|"]
        for s in r.sections:
            lines.append(f"| {s.name} | {'' if s.start_s is None else f'{s.start_s:.1f}'} | "
                         f"{'' if s.seconds is None else f'{s.seconds:.0f}'} | {s.target_s:.0f} | {s.shown_status} |")
        lines.append("")
    think = r.pacing.first_word_s
    length = (f"Total {r.total.seconds:.0f} s of {r.total.min_s:.0f}-{r.total.target_s:.0f} s" if r.probe is None
              else f"Length {r.total.seconds:.0f} s speaking" + (f" after {think:.0f} s of thinking" if think else ""))
    lines += _wrap(f"{length} · {r.pacing.wpm:.0f} wpm · {len(r.pacing.fillers)} fillers "
                   f"({r.pacing.fillers_per_min:.1f}/min) · {sum(1 for p in r.pacing.pauses if p.long)} long pauses")
    lines.append("")
    found = findings(r)
    if found:
        lines += [f"**Misses ({len(found)}, heaviest first)**", ""]
        for f in found:
            where = f" · {f.section.title()}" if f.section and f.section not in f.title.lower() else ""
            lines += _wrap(f"**{f.title}**{where} (−{f.cost:.0f}): {f.message}", "- ", "  ")
            for e in f.evidence:
                lines += _wrap("“" + e + "”" if f.quoted else e, "  - ", "    ")
            if f.also:
                lines += _wrap(f"Also {'; '.join(f.also)}.", "  - ", "    ")
        lines.append("")
    for k in r.key_ideas:
        lines += _wrap(k.line, "- ", "  ")
    if r.key_ideas:
        lines.append("")
    lines += ["**Transcript** (fillers in *italics*)", ""] + _wrap(marked_transcript(r) or "(nothing was heard)", "> ")
    return [*lines, ""]


def marked_transcript(report: Report) -> str:
    """The transcript with the fillers the report counts in italics, and those heard only in the audio
    where they were heard: the same fillers the terminal and the HTML page mark."""
    fillers = sorted(report.pacing.fillers, key=lambda f: f.start_s)
    spoken = filler_words([(w.start_s, w.end_s) for w in report.words],
                          [(f.start_s, f.end_s) for f in fillers if f.source == "transcript"])
    audio = [f for f in fillers if f.source == "audio"]
    out: list[str] = []
    for i, w in enumerate(report.words):
        while audio and audio[0].start_s <= w.start_s:
            out.append(f"*{audio.pop(0).text}*")
        text = w.text.strip()
        out.append(f"*{text}*" if i in spoken else text)
    out += [f"*{f.text}*" for f in audio]
    return " ".join(out) if report.words else report.transcript


def _changes(before: Report, after: Report, number: int) -> list[str]:
    c = compare(before, after)
    lines = [f"**Against attempt {number}:**", ""]
    for ch in (*c.sections, c.total):
        if ch.before is not None or ch.after is not None:
            lines.append(f"- {ch.name.title()}: {_secs(ch.before)} → {_secs(ch.after)}"
                         + (f" (target {ch.target})" if ch.target else ""))
    lines.append(f"- Pace: {c.pace.before:.0f} → {c.pace.after:.0f} wpm; fillers {c.fillers.before:.0f} → "
                 f"{c.fillers.after:.0f}")
    lines.append(f"- Verdict: {c.verdict[0]} → {c.verdict[1]}")
    if c.fixed:
        lines += _wrap("Fixed: " + "; ".join(c.fixed), "- ", "  ")
    if c.said_now:
        lines += _wrap("Key phrases now said: " + phrases_by_section(c.said_now), "- ", "  ")
    if c.new:
        lines += _wrap("New: " + "; ".join(c.new), "- ", "  ")
    if c.not_said_now:
        lines += _wrap("Key phrases said last time, not now: " + phrases_by_section(c.not_said_now), "- ", "  ")
    return [*lines, ""]


def _secs(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} s"
