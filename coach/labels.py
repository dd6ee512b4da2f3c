"""What the user reads for the report's codes: misses and follow-up probes named in words.

The one place for these words. Codes (`no-metric`, `missing-key-phrase`) stay in the JSON for
scripts (docs/interfaces.md); every screen and page a person reads names them with these words
instead (coach/findings.py titles its findings with them), so a scorecard says "Result without a
number", not `no-metric@result`.
"""

from __future__ import annotations

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
    """A miss in words, naming its section only where the words need one: "Action too short",
    "Result without a number", "“We” where it was you" (see `miss_heading` for a list with no
    section column)."""
    title = MISS_TITLES.get(code, code.replace("-", " ").capitalize())
    if "{section}" in title:
        return title.format(section=section.title() if section else "A section").strip()
    return title


def miss_heading(code: str, section: str | None = None) -> str:
    """A miss in words with its section when the words do not say it: "“We” where it was you (Action)"."""
    return with_section(miss_title(code, section), section)


def with_section(title: str, section: str | None) -> str:
    """`title`, then "(Section)" unless the title names it already."""
    return f"{title} ({section.title()})" if section and section.lower() not in title.lower() else title


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
    return miss_heading(miss.code, miss.section)


def follow_up_title(index: int, principle: str | None = None) -> str:
    """A follow-up probe's one name everywhere: the story's probe number, that it came from a miss,
    or the principle's generic probe ("Generic follow-up 1 (Ownership)", the principle when known).

    `index` is the report's `probe.index`: 1..n the story's probe (as `coach stories show` lists them
    and `coach grade --probe N` takes); 0 a probe chosen for what the answer missed; -1, -2 the
    principle's generic probes (stories/generic/), asked when the story has none of its own.
    """
    if index > 0:
        return f"Follow-up {index}"
    if index < 0:
        return f"Generic follow-up {-index}" + (f" ({principle})" if principle else "")
    return "Follow-up on a miss"


def report_title(report: Report, principle: str | None = None) -> str:
    """"Main answer" or the follow-up's name."""
    return follow_up_title(report.probe.index, principle) if report.probe else "Main answer"


def unsure_lines(report: Report) -> list[str]:
    """One line for each section start another split nearly chose, suggesting a Tab mark."""
    return [f"Unsure where the {u.section.title()} starts: {u.at_s:.0f} s or {u.alternative_s:.0f} s; "
            "Tab marks it next time." for u in report.unsure]
