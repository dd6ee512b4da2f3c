"""Story-aware coaching: key phrases, red flags, level and angle checks, probes and the verdict.

Pure functions on the story and the analysed sections. The weights that
turn misses into a Bar Raiser style verdict are in VERDICT_WEIGHTS, with the
reasoning beside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from coach import key_ideas, probe_grading
from coach.report import Miss, ProbeResult, Report, SectionReport, Verdict
from coach.story import Probe, Story
from coach.text import find_metric, norm_tokens, phrase_found
from coach.thresholds import NORMS
from coach.units import sentences

# What each level's reflection should show when the story does not say.
# SDE1: personal technical learning; Senior: organisational insight (the
# seed walkthrough's level variants).
DEFAULT_REFLECTION_TERMS = {
    "senior": ("organization", "organisational", "organizational", "cross-team", "cross team", "teams",
               "systemic", "process", "slo", "trade-off", "tradeoff", "culture", "shared", "standard", "owner",
               "ownership", "seams", "incentive", "org"),
}

# Verdict: start from 100 and subtract per miss. The heaviest are the Bar
# Raiser's disqualifiers on the seed page: handing the problem off, hiding
# behind "we", an Action or Result not told, a result with no number.
# Style issues (pace, fillers, timing) cost little: they are coachable and
# do not decide a hire on their own. The exception is a thin Action: the seed
# page puts the hiring signal there (90 of 175 s), so an Action under its band
# costs more the shorter it is (THIN_ACTION_POINTS below), not a flat 3.
VERDICT_WEIGHTS: dict[str, float] = {
    "handoff": 25, "we-language": 18, "no-metric": 18, "red-flag": 12, "generic-reflection": 10,
    "reflection-level": 10, "missing-key-phrase": 3, "over-time": 3, "under-time": 3, "total-over": 5,
    "total-under": 4, "filler-heavy": 5, "pace-fast": 2, "pace-slow": 2, "long-pause": 2,
    "angle-downplay": 6, "angle-emphasis": 4, "hedging": 6, "monotone": 3,
}
MISSING_SECTION_WEIGHTS = {"situation": 10, "task": 14, "action": 30, "result": 25, "reflection": 10}
# A capped code cannot sink an answer alone however often it repeats.
VERDICT_CAPS = {"missing-key-phrase": 15, "red-flag": 30, "long-pause": 6, "over-time": 9, "under-time": 9}
# An Action under its band (under 0.4 x its target) costs the flat 3 of any section's timing plus up to
# this much more in proportion to how far short it is, so the cost runs from 3 at the band's edge to 30,
# what a missing Action costs, at nothing: 21 s against a 36 s edge costs 3 + 27 x 15/36 = 14.
# Continuous, so an Action a second either side of the band edge scores about a point apart. It is not
# counted in the under-time cap of the other sections.
THIN_ACTION_POINTS = 27.0
# Key ideas (the story's key phrases, said in any words): all of them unsaid cost this much, each
# one its share. A misheard word that loses one of a story's 18 ideas moves the score under a point,
# not the 3 a phrase cost when only the first five counted (reports without key-idea lines still
# count 3 each, at most 15).
KEY_IDEAS_POINTS = 15.0
LABELS = ((85.0, "Strong Hire"), (70.0, "Hire"), (50.0, "Lean No Hire"), (float("-inf"), "No Hire"))
# A score this close to a cut-off is said to be close ("Hire, 2 points below Strong Hire"): the cost
# of one key idea or one section's timing, the smallest thing a misheard word can change.
NEAR_CUTOFF = 3.0


def _answer_text(sections: Sequence[SectionReport]) -> str:
    return " ".join(s.text for s in sections if s.text)


def key_phrase_misses(story: Story, sections: Sequence[SectionReport]) -> list[Miss]:
    """A key phrase not said anywhere in the answer, by meaning (coach/key_ideas.py); once per phrase."""
    return list(key_ideas.coverage(story, tuple(sections))[1])


def red_flag_misses(story: Story, sections: Sequence[SectionReport]) -> list[Miss]:
    misses = []
    for s in sections:
        if not s.text:
            continue
        toks = norm_tokens(s.text)
        for flag in story.red_flags:
            # a flag is the weak answer's own phrase, said in its order (as a probe's red flags are): "I disagreed
            # with the plan ... and never once went around him" does not say "I never disagreed"
            found, at = phrase_found(flag.phrase, toks, min_share=1.0, in_order=True)
            if found:
                quote = _quote_around(s.text, flag.phrase)
                misses.append(Miss("red-flag", s.name, f'"{flag.phrase}": {flag.why or "a weak phrase"}', quote))
    return misses


def _quote_around(text: str, phrase: str) -> str:
    for sentence in sentences(text):
        if phrase_found(phrase, norm_tokens(sentence), min_share=1.0, in_order=True)[0]:
            return sentence.strip()
    return phrase


def reflection_level_misses(story: Story | None, sections: Sequence[SectionReport], level: str) -> list[Miss]:
    refl = next(s for s in sections if s.name == "reflection")
    if refl.status == "missing":
        return []
    lv = story.level(level) if story is not None else None
    terms = lv.reflection_terms if lv is not None and lv.reflection_terms else DEFAULT_REFLECTION_TERMS.get(level)
    if not terms:
        return []
    toks = norm_tokens(refl.text)
    # Senior insight is more than one word: "cross-team" alone is an SDE2 reflection.
    need = 2 if level == "senior" else 1
    if sum(phrase_found(t, toks, min_share=1.0)[0] for t in terms) >= need:
        return []
    if level == "senior":
        message = ("A senior reflection needs systemic insight: the organisational gap behind the bug, "
                   "cross-team SLOs or ownership, and the trade-offs of the fix.")
    else:
        bar = f": {lv.bar}" if lv and lv.bar else ""
        message = f"The reflection does not reach the {lv.label if lv else level} bar{bar}"
    return [Miss("reflection-level", "reflection", message, refl.text[:160])]


def angle_misses(story: Story, sections: Sequence[SectionReport], angle_id: str | None) -> list[Miss]:
    if not angle_id:
        return []
    angle = story.angle(angle_id)
    if angle is None:
        return []
    emph_s = down_s = 0.0
    down_quote = ""
    for s in sections:
        if not s.text or not s.seconds:
            continue
        for sentence in sentences(s.text):
            toks = norm_tokens(sentence)
            share = s.seconds * len(sentence.split()) / max(1, len(s.text.split()))
            if any(phrase_found(t, toks, min_share=1.0)[0] for t in angle.downplay_terms):
                down_s += share
                down_quote = down_quote or sentence
            if any(phrase_found(t, toks, min_share=1.0)[0] for t in angle.emphasize_terms):
                emph_s += share
    total = sum(s.seconds or 0 for s in sections) or 1.0
    misses = []
    if down_s > emph_s and down_s / total > 0.25:
        misses.append(Miss("angle-downplay", None, f"For {angle.principle}, {down_s:.0f} s went on what to "
                           f"downplay ({angle.downplay}) against {emph_s:.0f} s on what to emphasise.",
                           down_quote.strip()))
    if emph_s == 0:
        misses.append(Miss("angle-emphasis", None, f"For {angle.principle}, emphasise: {angle.emphasize}", ""))
    return misses


def guidance_notes(story: Story | None, level: str, angle_id: str | None) -> tuple[str, ...]:
    """The story's bar for this level and what the chosen angle asks for, shown with the report."""
    if story is None:
        return ()
    notes = []
    lv = story.level(level)
    if lv is not None:
        parts = [f"{lv.label} bar: {lv.bar}" if lv.bar else f"{lv.label}"]
        if lv.focus:
            parts.append(f"Focus: {lv.focus}")
        if lv.budget_note:
            parts.append(lv.budget_note)
        notes.append(" ".join(parts))
    angle = story.angle(angle_id) if angle_id else None
    if angle is not None:
        notes.append(f"Angle {angle.principle}: {angle.focus} Emphasise: {angle.emphasize} Downplay: {angle.downplay}")
    return tuple(notes)


def story_misses(story: Story, sections: Sequence[SectionReport], level: str, angle: str | None) -> list[Miss]:
    return [
        *key_phrase_misses(story, sections),
        *red_flag_misses(story, sections),
        *angle_misses(story, sections, angle),
    ]


def with_verdict(report: Report, story: Story | None) -> Report:
    """Add the level's reflection check and the verdict to an analysed report."""
    misses = list(report.misses)
    # A platitude misses every level's bar: one flaw, counted once (as generic-reflection).
    if report.words and not any(m.code == "generic-reflection" for m in misses):
        misses += reflection_level_misses(story, report.sections, report.level)
    report = replace(report, misses=tuple(misses))
    return replace(report, verdict=verdict(report, story))


def miss_weight(miss: Miss, sections: Sequence[SectionReport] = (), ideas: int = 0) -> float:
    """What one miss costs the verdict before caps (`sections` sizes a thin Action's cost; `ideas`, the
    story's number of key ideas when the report counts them, a key idea's share of KEY_IDEAS_POINTS)."""
    if miss.code == "missing-section":
        return MISSING_SECTION_WEIGHTS.get(miss.section or "", 10)
    if miss.code == "under-time" and miss.section == "action":
        return VERDICT_WEIGHTS["under-time"] + THIN_ACTION_POINTS * _action_shortfall(sections)
    if miss.code == "missing-key-phrase" and ideas:
        return KEY_IDEAS_POINTS / ideas
    return VERDICT_WEIGHTS.get(miss.code, 3)


def _action_shortfall(sections: Sequence[SectionReport]) -> float:
    """How far the Action falls short of its band's lower edge, 0 (at the edge) to 1 (nothing)."""
    action = next((s for s in sections if s.name == "action"), None)
    if action is None or action.seconds is None:
        return 1.0
    edge = action.target_s * NORMS.under_factor
    return max(0.0, min(1.0, 1.0 - action.seconds / edge)) if edge > 0 else 0.0


def miss_costs(report: Report) -> list[float]:
    """What each of the report's misses takes off the verdict, in order, after the caps: the verdict's
    sum, and the ranking of the report's findings."""
    ideas = sum(len(k.said) + len(k.not_heard) for k in report.key_ideas)
    spent: dict[str, float] = {}
    costs = []
    for m in report.misses:
        weight = miss_weight(m, report.sections, ideas)
        thin_action = m.code == "under-time" and m.section == "action"
        cap = None if thin_action else VERDICT_CAPS.get(m.code)
        if cap is not None:
            weight = max(0.0, min(weight, cap - spent.get(m.code, 0.0)))
            spent[m.code] = spent.get(m.code, 0.0) + weight
        costs.append(round(weight, 2))
    return costs


def verdict(report: Report, story: Story | None) -> Verdict:
    principle = story.principle if story else "the principle"
    costs = list(zip(miss_costs(report), (m.message for m in report.misses)))
    score = max(0.0, 100.0 - sum(w for w, _ in costs))
    label = label_for(score)
    reasons = [msg for w, msg in sorted(costs, key=lambda c: -c[0]) if w >= 5][:3]
    if not reasons:
        reasons = _strengths(report)
    return Verdict(label, round(score, 1), tuple(f"{principle}: {r}" if i == 0 else r
                                                 for i, r in enumerate(reasons)))


def label_for(score: float) -> str:
    return next(name for floor, name in LABELS if score >= floor)


def verdict_summary(v: Verdict) -> str:
    """The label and score, and how close the score is to a cut-off when it is within NEAR_CUTOFF:
    "Hire (83/100), 2 points below Strong Hire", "Strong Hire (86/100), 1 point above Hire"."""
    cuts = [(floor, name) for floor, name in LABELS if floor != float("-inf")]
    up = [(floor - v.score, name) for floor, name in cuts if floor > v.score]
    down = [(v.score - floor, below) for (floor, _), (_, below) in zip(cuts, LABELS[1:]) if floor <= v.score]
    score = f"{v.score:.0f}"
    if any(floor > v.score and round(v.score) >= floor for floor, _ in cuts):
        score = f"{v.score:.1f}"  # 84.6 is not shown as 85, the Strong Hire cut-off it misses
    head = f"{v.label} ({score}/100)"
    if up and up[-1][0] <= NEAR_CUTOFF:
        return f"{head}, {_points(up[-1][0])} below {up[-1][1]}"
    if down and down[0][0] < 0.05:
        return f"{head}, exactly at the {v.label} cut-off"
    if down and down[0][0] < NEAR_CUTOFF:
        return f"{head}, {_points(down[0][0])} above {down[0][1]}"
    return head


def _points(gap: float) -> str:
    if gap < 1:
        return f"{gap:.1f} points"
    n = round(gap)
    return f"{n} point" + ("s" if n != 1 else "")


def _strengths(report: Report) -> list[str]:
    out = []
    action = report.section("action")
    if action.text and len(re.findall(r"\bI\b", action.text)) >= 2:
        out.append("The Action is told in the first person: what you did is clear.")
    result = report.section("result")
    if result.text and find_metric(result.text):
        out.append("The Result is quantified.")
    if report.section("reflection").text:
        out.append("The reflection is specific to the story.")
    return out or ["No disqualifying misses."]


# --- follow-up probes -------------------------------------------------------

# When the main answer missed something, the probe that digs into it comes
# first (in the order the Bar Raiser would ask).
MISS_PROBES: tuple[tuple[str, str, str], ...] = (
    ("handoff", "After you raised it, what did you yourself do to get it fixed?",
     "ownership through to the fix, not a handoff"),
    ("we-language", "What did you personally do, as opposed to the team?", "the candidate's own actions"),
    ("no-metric", "What was the measurable result? Give me the numbers before and after.",
     "a quantified result: metric delta, money, time"),
    ("missing-section", "What exactly was your goal, and why was it yours to own?", "the task and the ownership"),
    ("generic-reflection", "What specifically would you do differently next time?", "a specific lesson"),
)


def probe_plan(story: Story | None, main: Report | None, count: int,
               generic: Sequence[Probe] = ()) -> list[tuple[int, Probe]]:
    """The probes to ask, as (index, probe): index is 1-based for the story's probes, 0 for a miss probe,
    and -1, -2, ... for the `generic` probes of the story's principle, asked when it has none of its own
    (stories.generic_probes)."""
    plan: list[tuple[int, Probe]] = []
    if main is not None:
        codes = {m.code for m in main.misses}
        for code, question, probes_for in MISS_PROBES:
            if code in codes:
                plan.append((0, Probe(question=question, probes_for=probes_for)))
                break
    if story is not None and story.probes:
        plan += [(i, p) for i, p in enumerate(story.probes, 1)]
    else:
        plan += [(-i, p) for i, p in enumerate(generic, 1)]
    return plan[:count]


def probe_for(story: Story | None, index: int, question: str, generic: Sequence[Probe] = ()) -> tuple[int, Probe]:
    """The probe an answer was given to, from the number probe_plan gave it (to grade it again):
    the story's (1..n), the principle's generic one (-1, -2), else a miss probe found by its question."""
    if story is not None and 0 < index <= len(story.probes):
        return index, story.probes[index - 1]
    if 0 < -index <= len(generic):
        return index, generic[-index - 1]
    miss = next((Probe(question=q, probes_for=f) for _, q, f in MISS_PROBES if q == question), None)
    return 0, miss or Probe(question=question)


def generic_note(story: Story | None, index: int) -> tuple[str, ...]:
    """What a generic probe's report says about it (index < 0), else nothing."""
    if index >= 0:
        return ()
    name = f"{story.id!r}" if story is not None else "this story"
    principle = story.principle if story is not None else "its principle"
    return (f"A generic follow-up for {principle}: {name} has no probes of its own, so this one is the "
            "principle's (add `probes:` to the story file to be asked yours).",)


def grade_probe(probe: Probe, index: int, text: str, beside: Sequence[Probe] = (), *,
                reread: bool = True) -> ProbeResult:
    """Grade a probe answer by meaning (coach/probe_grading.py); `beside` are the probes asked beside it (the
    story's own, or its principle's generic ones), which the answer may answer instead. `reread=False` is the rule
    alone, without the probe model's second reading (bench/dump_probe_xenc.py trains against it)."""
    return probe_grading.grade(probe, index, text, beside, reread=reread)
