"""What the user reads for the report's codes: misses and follow-up probes named in words.

Codes (`no-metric`, `missing-key-phrase`) stay in the JSON for scripts (docs/interfaces.md); every
screen and page a person reads names them with these words instead, so a scorecard says "Result
without a number", not `no-metric@result`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coach.coaching import miss_weight
from coach.report import Miss, Report

# A miss in a few words; "{section}" is the STAR section it is about, when it has one.
MISS_TITLES: dict[str, str] = {
    "missing-section": "No {section} told",
    "over-time": "{section} too long",
    "under-time": "{section} too short",
    "total-over": "Answer too long",
    "total-under": "Answer too short",
    "we-language": "“We” where it was you",
    "no-metric": "Result without a number",
    "generic-reflection": "Generic reflection",
    "handoff": "Handed the problem off",
    "filler-heavy": "Many fillers",
    "pace-fast": "Spoke too fast",
    "pace-slow": "Spoke too slowly",
    "long-pause": "Long pause",
    "missing-key-phrase": "{section}: key ideas not said",
    "red-flag": "Weak phrase",
    "reflection-level": "Reflection below the level",
    "angle-downplay": "Time on what the angle plays down",
    "angle-emphasis": "The angle's focus not shown",
}


def miss_title(code: str, section: str | None = None) -> str:
    """A miss in words: "Action too short", "Result without a number"."""
    title = MISS_TITLES.get(code, code.replace("-", " ").capitalize())
    name = section.title() if section else ""
    if "{section}" in title:
        return title.format(section=name or "A section").strip()
    return f"{title} ({name})" if name and code in ("long-pause", "red-flag", "we-language") else title


def miss_phrase(miss: Miss) -> str | None:
    """The key phrase or weak phrase a miss is about, if it is about one."""
    phrase = getattr(miss, "phrase", None)
    if phrase is None and miss.code in ("missing-key-phrase", "red-flag") and '"' in miss.message:
        phrase = miss.message.split('"')[1]  # reports made before misses carried their phrase
    return phrase


def miss_label(miss: Miss) -> str:
    """One miss in words, with the phrase it is about: "“I traced” not said (Action)"."""
    phrase = miss_phrase(miss)
    where = f" ({miss.section.title()})" if miss.section else ""
    if miss.code == "missing-key-phrase" and phrase:
        return f"“{phrase}” not said{where}"
    if miss.code == "red-flag" and phrase:
        return f"Weak phrase “{phrase}”{where}"
    return miss_title(miss.code, miss.section)


def top_misses(misses: Sequence[Miss], n: int = 3, weight: Callable[[Miss], float] = miss_weight) -> list[str]:
    """The `n` weightiest misses in words, each said once, with a count where it repeats."""
    counts: dict[str, int] = {}
    order: dict[str, float] = {}
    for m in misses:
        title = miss_title(m.code, m.section)
        counts[title] = counts.get(title, 0) + 1
        order[title] = max(order.get(title, 0.0), weight(m))
    ranked = sorted(counts, key=lambda t: (-order[t], list(counts).index(t)))[:n]
    return [t if counts[t] == 1 else f"{t} (×{counts[t]})" for t in ranked]


def follow_up_title(index: int) -> str:
    """A follow-up probe's one name everywhere: the story's probe number, or that it came from a miss.

    `index` is the 1-based number of the story's probe (as `coach stories show` lists them and
    `coach grade --probe N` takes); 0 is a probe chosen for what the answer missed.
    """
    return f"Follow-up {index}" if index > 0 else "Follow-up on a miss"


def report_title(report: Report) -> str:
    """"Main answer" or the follow-up's name."""
    return follow_up_title(report.probe.index) if report.probe else "Main answer"
