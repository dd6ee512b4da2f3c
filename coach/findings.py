"""A report's misses as findings a candidate can act on: grouped, ranked by what they cost, each with evidence.

Pure. One finding per thing the interviewer heard: misses that quote the same
sentence ("I escalated it ... by sending a Slack message, and they handled the
fix" is a handoff and three red flags) are one finding led by the heaviest;
the key ideas not said are one finding whose evidence is each section's
coverage; timing off in several places is one finding, except a thin Action,
which is where the hiring signal lives. Findings are ranked by the points they
took off the verdict (coaching.miss_costs), so the terminal can show the top
few and say how many more there are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coach.coaching import miss_costs, miss_weight
from coach.labels import miss_title, with_section
from coach.report import Miss, Report

# How many findings the terminal shows before "N more".
SHOWN = 5

# Codes folded into one timing finding (a thin Action stays apart: see coaching.THIN_ACTION_POINTS).
_TIMING = ("total-over", "total-under", "over-time", "under-time")


@dataclass(frozen=True)
class Finding:
    code: str  # the code of the heaviest miss in it
    title: str
    section: str | None
    message: str  # what to do
    evidence: tuple[str, ...]  # quoted transcript, or the measurements behind it; never empty
    quoted: bool  # evidence is the candidate's words (shown in quotes) rather than figures
    also: tuple[str, ...]  # the other misses folded in, briefly
    cost: float  # points it took off the verdict
    misses: tuple[Miss, ...]


def findings(report: Report) -> list[Finding]:
    """The report's misses as findings, heaviest first."""
    misses = list(report.misses)
    costs = miss_costs(report)
    groups: list[list[int]] = []
    by_quote: dict[str, int] = {}
    special: dict[str, int] = {}
    for i, m in enumerate(misses):
        key = _special_key(m)
        if key is not None:
            if key not in special:
                special[key] = len(groups)
                groups.append([])
            groups[special[key]].append(i)
            continue
        quote = _norm(m.evidence)
        hit = next((g for q, g in by_quote.items() if quote and (quote in q or q in quote)), None)
        if hit is None:
            hit = len(groups)
            groups.append([])
            if quote:
                by_quote[quote] = hit
        groups[hit].append(i)
    out = [_finding(report, [misses[i] for i in g], [costs[i] for i in g]) for g in groups if g]
    out = [_unquoted_if_taken(f, by_quote) for f in out]
    order = {id(f): n for n, f in enumerate(out)}
    return sorted(out, key=lambda f: (-f.cost, -miss_weight(f.misses[0], report.sections), order[id(f)]))


def _unquoted_if_taken(f: Finding, quotes: dict[str, int]) -> Finding:
    """A thin Action whose opening words another finding already quotes shows its seconds instead: one
    sentence, one finding (the Action that is only "I escalated it…" is the handoff's sentence too)."""
    quote = _norm(f.evidence[0]) if f.title == "Thin Action" and f.quoted else ""
    if not quote or not any(quote in q or q in quote for q in quotes):
        return f
    lead = f.misses[0]
    return replace(f, evidence=(f"({lead.message.split(':', 1)[0]})",), quoted=False)


def _special_key(m: Miss) -> str | None:
    """Misses grouped by kind rather than by the sentence they quote."""
    if m.code == "missing-key-phrase":
        return "key-ideas"
    if m.code == "under-time" and m.section == "action":
        return "thin-action"
    if m.code in _TIMING:
        return "timing"
    if m.code == "long-pause":
        return "long-pause"
    return None


def _norm(evidence: str) -> str:
    return re.sub(r"\W+", " ", evidence.replace("…", "")).strip().lower()


def _finding(report: Report, group: list[Miss], costs: list[float]) -> Finding:
    lead_i = max(range(len(group)), key=lambda i: (costs[i], miss_weight(group[i], report.sections), -i))
    lead = group[lead_i]
    cost = round(sum(costs), 1)
    if lead.code == "missing-key-phrase":
        return _key_ideas(report, group, cost)
    if lead.code == "under-time" and lead.section == "action":
        return Finding(lead.code, "Thin Action", "action", lead.message, (lead.evidence,), True, (), cost, (lead,))
    if lead.code in _TIMING:
        return _timing(report, group, lead, cost)
    if lead.code == "long-pause":
        n = len(group)
        message = lead.message if n == 1 else f"{n} silences of 2.5 s or more: {lead.message.split(': ', 1)[-1]}"
        return Finding(lead.code, _title(lead), lead.section, message, tuple(m.evidence for m in group[:2]), True,
                       (), cost, tuple(group))
    others = [m for i, m in enumerate(group) if i != lead_i]
    evidence, quoted = _evidence(report, lead)
    return Finding(lead.code, _title(lead), lead.section, lead.message, evidence, quoted,
                   _also(lead, others), cost, tuple(group))


def _title(m: Miss) -> str:
    """A finding's title in words (coach/labels.py); its section is shown beside it, not in it, unless
    the words need it ("No Result told")."""
    return miss_title(m.code, m.section)


def headlines(report: Report, n: int = 3) -> list[str]:
    """The `n` heaviest findings in a few words each, for a list with no section column (a
    scorecard's "to work on"): "Thin Action", "“We” where it was you (Action)"."""
    return [with_section(f.title, f.section) for f in findings(report)[:n]]


def _also(lead: Miss, others: Sequence[Miss]) -> tuple[str, ...]:
    """The misses folded into a finding, briefly: the story's weak phrases said (those the lead's own
    message does not already quote), then the other kinds."""
    said = lead.message.lower()
    phrases = []
    for m in others:
        if m.code == "red-flag" and m.message.startswith('"'):
            phrase = m.message.split('"')[1]
            if phrase.lower() not in said and phrase not in phrases:
                phrases.append(phrase)
    out = [f"the weak phrase{'s' if len(phrases) > 1 else ''} " + ", ".join(f'"{x}"' for x in phrases)] if phrases else []
    out += [_title(m).lower() if m.code != "reflection-level" else "below the level's bar"
            for m in others if m.code != "red-flag"]
    return tuple(out)


def _evidence(report: Report, m: Miss) -> tuple[tuple[str, ...], bool]:
    """The miss's quote; or, when it has none, what was measured, so no row is left bare."""
    if m.evidence:
        return (m.evidence,), m.code not in ("filler-heavy",)
    p = report.pacing
    if m.code == "missing-section":
        name = m.section or "answer"
        article = "an" if name[0] in "aeiou" else "a"
        return (f"(nothing in the answer was heard as {article} {name.title()})" if m.section else
                "(no words were transcribed)",), False
    if m.code in ("pace-fast", "pace-slow"):
        return (f"({p.wpm:.0f} words a minute over {p.speaking_s:.0f} s of speaking)",), False
    if m.code == "angle-emphasis":
        return ("(none of what the angle asks to emphasise was said)",), False
    return (f"({m.code}: no quote applies)",), False


def _key_ideas(report: Report, group: list[Miss], cost: float) -> Finding:
    """One finding for every key idea not said. A report with coverage lines shows them above the
    misses (render.key_ideas_text), so the finding points there; an older one lists the ideas here."""
    if report.key_ideas:
        missing = sum(len(k.not_heard) for k in report.key_ideas)
        total = missing + sum(len(k.said) for k in report.key_ideas)
        message = f"{missing} of the story's {total} key ideas were not heard in any words."
        return Finding("missing-key-phrase", "Key ideas", None, message, ("(by section in the lines above)",),
                       False, (), cost, tuple(group))
    seen: set[str] = set()
    per: dict[str, list[str]] = {}
    for m in group:
        phrase = m.phrase or (m.message.split('"')[1] if '"' in m.message else m.message)
        if phrase.lower() in seen:
            continue  # a key phrase of two sections ("no ticket") is one idea
        seen.add(phrase.lower())
        per.setdefault(m.section or "", []).append(phrase)
    lines = [f"{s.title()}: not heard: {', '.join(ps)}" for s, ps in per.items()]
    message = f"{len(seen)} of the story's key phrases were not said."
    return Finding("missing-key-phrase", "Key ideas", None, message, tuple(lines), False, (), cost, tuple(group))


def _timing(report: Report, group: list[Miss], lead: Miss, cost: float) -> Finding:
    """One finding for the answer's timing: the heaviest message, the sections off their targets as evidence."""
    off = [s for s in report.sections if s.status in ("over", "under") and not (s.name == "action" and s.status == "under")]
    parts = [f"{s.name.title()} {s.seconds:.0f} s of {s.target_s:.0f}" for s in off if s.seconds is not None]
    t = report.total
    evidence = f"(total {t.seconds:.0f} s, budget {t.min_s:.0f}-{t.target_s:.0f} s" + (
        f"; {', '.join(parts)})" if parts else ")")
    others = [m for m in group if m is not lead]
    message = lead.message
    if others and lead.code.startswith("total"):
        message += f" {len(others)} section{'s' if len(others) != 1 else ''} off target too."
    return Finding(lead.code, "Timing", lead.section, message, (evidence,), False, (), cost, tuple(group))


def split(found: Sequence[Finding], limit: int | None = SHOWN) -> tuple[list[Finding], list[Finding]]:
    """The findings to show and those left for `--all`."""
    if limit is None or len(found) <= limit:
        return list(found), []
    return list(found[:limit]), list(found[limit:])
