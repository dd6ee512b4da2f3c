"""What changed between two attempts at the same question ("try again"): pure, from the two reports.

Section times, the total, pace and fillers before and after; the misses the new attempt fixed and the
ones it brought; the verdict. A miss is the same miss in both attempts when its code, its section
and (for a key phrase or a weak phrase) its phrase are the same: a timing miss whose seconds
changed is still the same miss, not one fixed and one new.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.labels import miss_label, miss_phrase
from coach.report import Miss, Report


@dataclass(frozen=True)
class Change:
    """One measure before and after; `target` says what it is aimed at (seconds, or a wpm band)."""

    name: str
    before: float | None
    after: float | None
    before_status: str = ""
    after_status: str = ""
    target: str = ""


@dataclass(frozen=True)
class Comparison:
    sections: tuple[Change, ...]  # each STAR section's seconds (empty for follow-ups)
    total: Change
    pace: Change  # words per minute
    fillers: Change  # count
    fixed: tuple[str, ...]  # misses of the last attempt this one does not have, in words (key phrases aside)
    new: tuple[str, ...]  # misses this attempt has that the last one did not (key phrases aside)
    verdict: tuple[str, str]  # (before, after): "Hire 78" / "Strong Hire 88", or a probe's grade
    kept: int = 0  # misses both attempts have
    said_now: tuple[tuple[str, str], ...] = ()  # (section, key phrase) missed last time, said this time
    not_said_now: tuple[tuple[str, str], ...] = ()  # (section, key phrase) said last time, missed this time


def _key(m: Miss) -> tuple[str, str | None, str | None]:
    return m.code, m.section, miss_phrase(m)


def _verdict(r: Report) -> str:
    if r.verdict:
        return f"{r.verdict.label} {r.verdict.score:.0f}"
    return r.probe.verdict if r.probe else ""


def compare(before: Report, after: Report) -> Comparison:
    """The new attempt (`after`) against the last one (`before`)."""
    sections = []
    if after.probe is None and before.probe is None:
        for b in before.sections:
            a = next((s for s in after.sections if s.name == b.name), None)
            sections.append(Change(b.name, b.seconds, a.seconds if a else None, b.status,
                                   a.status if a else "missing", f"{b.target_s:.0f} s"))
    budget = f"{after.total.min_s:.0f}-{after.total.target_s:.0f} s" if after.probe is None else ""
    total = Change("total", before.total.seconds, after.total.seconds, before.total.status if not before.probe else "",
                   after.total.status if not after.probe else "", budget)
    pace = Change("pace", before.pacing.wpm, after.pacing.wpm)
    fillers = Change("fillers", float(len(before.pacing.fillers)), float(len(after.pacing.fillers)))
    old = {_key(m): m for m in before.misses}
    now = {_key(m): m for m in after.misses}

    def phrase(m: Miss) -> bool:
        return m.code == "missing-key-phrase"

    fixed = tuple(dict.fromkeys(miss_label(m) for k, m in old.items() if k not in now and not phrase(m)))
    new = tuple(dict.fromkeys(miss_label(m) for k, m in now.items() if k not in old and not phrase(m)))
    said_now = tuple((m.section or "", miss_phrase(m) or "") for k, m in old.items() if k not in now and phrase(m))
    not_said = tuple((m.section or "", miss_phrase(m) or "") for k, m in now.items() if k not in old and phrase(m))
    return Comparison(tuple(sections), total, pace, fillers, fixed, new, (_verdict(before), _verdict(after)),
                      sum(1 for k in now if k in old), said_now, not_said)


def phrases_by_section(pairs: tuple[tuple[str, str], ...]) -> str:
    """“no alert”, “no ticket” (Situation); “I traced” (Action)"""
    grouped: dict[str, list[str]] = {}
    for section, phrase in pairs:
        grouped.setdefault(section, []).append(f"“{phrase}”")
    return "; ".join(", ".join(ps) + (f" ({section.title()})" if section else "") for section, ps in grouped.items())
