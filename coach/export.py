"""A saved session as Markdown, for pasting into notes."""

from __future__ import annotations

from collections.abc import Sequence

from coach.coaching import verdict_summary
from coach.findings import findings
from coach.report import Report, filler_words
from coach.store import AnswerRow, SessionRow
from coach.terminal import printable


def session_markdown(session: SessionRow, answers: Sequence[AnswerRow]) -> str:
    lines = [f"# Session {session.id}: {session.story or 'no story'} ({session.principle or ''})", "",
             f"{session.created_at.replace('T', ' ')} · {session.kind} · level {session.level or 'sde2'}", ""]
    for a in answers:
        r = a.report
        lines.append(f"## {'Main answer' if a.kind == 'main' else f'Follow-up {a.position - 1}'}: {a.question}")
        lines.append("")
        if r is None:
            lines += ["(no report)", ""]
            continue
        if r.verdict:
            lines += [f"**Verdict: {verdict_summary(r.verdict)}**", ""]
            lines += [f"- {reason}" for reason in r.verdict.reasons] + [""]
        if r.probe:
            lines += [f"**Probe verdict: {r.probe.verdict}**", ""] + [f"- {x}" for x in r.probe.reasons] + [""]
        if r.probe is None:
            lines += ["| section | start | seconds | target | status |", "|---|---|---|---|---|"]
            for s in r.sections:
                lines.append(f"| {s.name} | {'' if s.start_s is None else f'{s.start_s:.1f}'} | "
                             f"{'' if s.seconds is None else f'{s.seconds:.0f}'} | {s.target_s:.0f} | {s.status} |")
            lines.append("")
        think = r.pacing.first_word_s
        length = (f"Total {r.total.seconds:.0f} s of {r.total.target_s:.0f} s" if r.probe is None else
                  f"Length {r.total.seconds:.0f} s speaking" + (f" after {think:.0f} s of thinking" if think else ""))
        lines.append(f"{length} · {r.pacing.wpm:.0f} wpm · "
                     f"{len(r.pacing.fillers)} fillers ({r.pacing.fillers_per_min:.1f}/min) · "
                     f"{sum(1 for p in r.pacing.pauses if p.long)} long pauses")
        lines.append("")
        found = findings(r)
        if found:
            lines.append(f"**Misses ({len(found)}, heaviest first)**")
            lines.append("")
            for f in found:
                where = f" · {f.section.title()}" if f.section and f.section not in f.title.lower() else ""
                lines.append(f"- **{f.title}**{where} (−{f.cost:.0f}): {f.message}")
                lines += [f"  - {'“' + e + '”' if f.quoted else e}" for e in f.evidence]
                if f.also:
                    lines.append(f"  - Also {'; '.join(f.also)}.")
            lines.append("")
        for k in r.key_ideas:
            lines.append(f"- {k.line}")
        if r.key_ideas:
            lines.append("")
        lines += ["**Transcript** (fillers in *italics*)", "", f"> {marked_transcript(r)}", ""]
    return printable("\n".join(lines))  # answers and stories may hold terminal control characters


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
