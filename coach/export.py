"""A saved session as Markdown, for pasting into notes."""

from __future__ import annotations

from collections.abc import Sequence

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
            lines += [f"**Verdict: {r.verdict.label}** ({r.verdict.score:.0f}/100)", ""]
            lines += [f"- {reason}" for reason in r.verdict.reasons] + [""]
        if r.probe:
            lines += [f"**Probe verdict: {r.probe.verdict}**", ""] + [f"- {x}" for x in r.probe.reasons] + [""]
        if r.probe is None:
            lines += ["| section | start | seconds | target | status |", "|---|---|---|---|---|"]
            for s in r.sections:
                lines.append(f"| {s.name} | {'' if s.start_s is None else f'{s.start_s:.1f}'} | "
                             f"{'' if s.seconds is None else f'{s.seconds:.0f}'} | {s.target_s:.0f} | {s.status} |")
            lines.append("")
        lines.append(f"Total {r.total.seconds:.0f} s of {r.total.target_s:.0f} s · {r.pacing.wpm:.0f} wpm · "
                     f"{len(r.pacing.fillers)} fillers ({r.pacing.fillers_per_min:.1f}/min) · "
                     f"{sum(1 for p in r.pacing.pauses if p.long)} long pauses")
        lines.append("")
        if r.misses:
            lines.append("**Misses**")
            lines.append("")
            for m in r.misses:
                where = f" ({m.section})" if m.section else ""
                quote = f" — “{m.evidence}”" if m.evidence else ""
                lines.append(f"- `{m.code}`{where}: {m.message}{quote}")
            lines.append("")
        lines += ["**Transcript**", "", f"> {r.transcript}", ""]
    return printable("\n".join(lines))  # answers and stories may hold terminal control characters
