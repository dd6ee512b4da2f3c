"""Story-free rubric checks: what an interviewer notices in any STAR answer.

Each check takes the analysed answer and returns Miss records that quote
their evidence from the transcript. Codes are those of docs/interfaces.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.report import Delivery, Miss, Pacing, SectionReport, Total
from coach.text import find_metric, norm_tokens
from coach.thresholds import DELIVERY, NORMS, DeliveryNorms, Norms
from coach.units import sentences

# "we" as the one who acts, against "I".
_WE_RE = re.compile(r"\b(we|we've|we'd|we're|us|our team|the team)\b", re.IGNORECASE)
_I_RE = re.compile(r"\b(i|i've|i'd|i'm|me|myself)\b", re.IGNORECASE)

HANDOFF_RE = re.compile(
    r"\b(escalated (it|this|that|the (issue|problem|bug|matter))|"
    r"(they|he|she|the other team|the \w+ team|my (manager|lead|boss)|someone else|another team) "
    r"(handled|fixed|took care of|took over|resolved|dealt with|sorted) (it|this|that|the)?|"
    r"handed (it|this|that|the \w+) (off|over)|passed (it|this|that) (on|along|over|to)|"
    r"left it (to|with)|sent (them|him|her) an? (slack |quick |short )?(message|email|note|ticket)|"
    r"raised a ticket and (waited|moved on)|let them (handle|fix|deal))",
    re.IGNORECASE,
)

# Platitudes: a lesson that would fit any story.
_PLATITUDE_RE = re.compile(
    r"\b((communication|teamwork|collaboration|planning|documentation|testing|hard work|patience|"
    r"attention to detail) (is|are) (really |very |so |super )?(important|key|crucial|essential|vital)|"
    r"(is|are) (really |very |so )?(important|key|crucial|essential) to\b|"
    r"important to (be|always|never|communicate|work|stay|keep)|the importance of (communication|teamwork|"
    r"working together|being careful|hard work|planning)|never give up|always do (my|your) best|"
    r"work(ing)? together|be careful|team ?work)",
    re.IGNORECASE,
)
_STOP = set(
    "about after again also always because been before being both could does doing each even every from have "
    "having into just made make more most much must never only other over same should some such than that "
    "their them then there these they this those very what when where which while will with would your "
    "learned learn lesson things thing really important able".split()
)


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timing_misses(sections: Sequence[SectionReport], total: Total) -> list[Miss]:
    misses = []
    for s in sections:
        if s.status == "missing":
            misses.append(Miss("missing-section", s.name, f"No {s.name.title()} was heard: {_SAY[s.name]}", ""))
        elif s.status == "over":
            misses.append(Miss("over-time", s.name,
                               f"{s.name.title()} ran {s.seconds:.0f} s against a {s.target_s:.0f} s target: "
                               f"{_TRIM[s.name]}", _quote(s.text, 100)))
        elif s.status == "under":
            misses.append(Miss("under-time", s.name,
                               f"{s.name.title()} took {s.seconds:.0f} s against a {s.target_s:.0f} s target: "
                               f"{_GROW[s.name]}", _quote(s.text, 100)))
    if total.status == "over":
        misses.append(Miss("total-over", None, f"The answer ran {total.seconds:.0f} s, past the "
                           f"{total.target_s:.0f} s budget for this level: cut context, keep the Action.", ""))
    elif total.status == "under":
        misses.append(Miss("total-under", None, f"The answer ran {total.seconds:.0f} s; this level expects "
                           f"{total.min_s:.0f}-{total.target_s:.0f} s: add what you did and what it changed.", ""))
    return misses


_SAY = {
    "situation": "open with the context in a sentence or two (where, when, what was wrong).",
    "task": "say what you had to achieve and why it was yours to do.",
    "action": "say step by step what you yourself did.",
    "result": "say what changed, with a number.",
    "reflection": "close with what you learned and what you do differently now.",
}
_TRIM = {
    "situation": "get to the problem sooner; skip the architecture tour.",
    "task": "state the goal and the ownership in one or two sentences.",
    "action": "keep the three or four steps that mattered most.",
    "result": "lead with the metric delta and its business value.",
    "reflection": "one specific lesson is enough.",
}
_GROW = {
    "situation": "give enough context for the stakes to be clear.",
    "task": "make the goal and your ownership explicit.",
    "action": "this is where the hiring signal is: walk through your own steps.",
    "result": "add the metric delta, its business value and any second-order effect.",
    "reflection": "say what you learned that is specific to this story.",
}


def we_language_in(text: str, section: str | None) -> Miss | None:
    """Actions told with "we" at least twice and at least as often as "I" hide what the candidate did."""
    we = _WE_RE.findall(text)
    mine = _I_RE.findall(text)
    if len(we) >= 2 and len(we) >= len(mine):
        where = f" in the {section.title()}" if section else ""
        evidence = next((x for x in sentences(text) if _WE_RE.search(x)), text)
        return Miss("we-language", section, f'"We" {len(we)} times against "I" {len(mine)} times{where}: '
                    "say what you personally did.", _quote(evidence))
    return None


def we_language(sections: Sequence[SectionReport]) -> list[Miss]:
    """Checked in the Task and the Action, where the candidate's own part is told."""
    found = [we_language_in(s.text, s.name) for s in sections if s.name in ("task", "action") and s.status != "missing"]
    return [m for m in found if m is not None]


def no_metric(sections: Sequence[SectionReport]) -> list[Miss]:
    result = next(s for s in sections if s.name == "result")
    if result.status == "missing" or find_metric(result.text) is not None:
        return []
    return [Miss("no-metric", "result", "The Result has no number: give the metric delta (before and after), "
                 "money or time saved, or a count.", _quote(result.text))]


def generic_reflection(sections: Sequence[SectionReport]) -> list[Miss]:
    """A reflection is generic when it is a platitude and names nothing from the story."""
    refl = next(s for s in sections if s.name == "reflection")
    if refl.status == "missing":
        return []
    body = " ".join(s.text for s in sections if s.name != "reflection")
    body_terms = {t for t in norm_tokens(body) if len(t) > 3 and t not in _STOP}
    content = [t for t in norm_tokens(refl.text) if len(t) > 3 and t not in _STOP]
    specific = {t for t in content if t in body_terms}
    platitude = _PLATITUDE_RE.search(refl.text)
    if (platitude and len(specific) < 3) or (not specific and len(content) <= 8):
        evidence = platitude.group(0) if platitude else refl.text
        sentence = next((x for x in sentences(refl.text) if evidence in x), refl.text)
        return [Miss("generic-reflection", "reflection", "The lesson would fit any story: say what this story "
                     "taught you and what you now do differently.", _quote(sentence))]
    return []


def handoff(sections: Sequence[SectionReport]) -> list[Miss]:
    misses = []
    for s in sections:
        for sentence in sentences(s.text):
            m = HANDOFF_RE.search(sentence)
            if m and not re.search(r"\b(without|instead of|rather than|not just|never|didn't|did not)\b",
                                   sentence[: m.start()], re.IGNORECASE):
                misses.append(Miss("handoff", s.name, f'"{m.group(0)}" hands the problem to someone else: '
                                   "say what you owned through to the fix.", _quote(sentence)))
    return misses


def pacing_misses(pacing: Pacing, norms: Norms = NORMS) -> list[Miss]:
    misses = []
    if pacing.speaking_s >= 10:
        if pacing.wpm > norms.wpm_fast:
            misses.append(Miss("pace-fast", None, f"{pacing.wpm:.0f} words a minute is fast for an interview "
                               f"(aim for {norms.wpm_slow:.0f}-{norms.wpm_fast:.0f}): slow down and pause "
                               "between steps.", ""))
        elif pacing.wpm < norms.wpm_slow:
            misses.append(Miss("pace-slow", None, f"{pacing.wpm:.0f} words a minute is slow "
                               f"(aim for {norms.wpm_slow:.0f}-{norms.wpm_fast:.0f}): rehearse the story until "
                               "it flows.", ""))
    if len(pacing.fillers) >= norms.fillers_min_count and pacing.fillers_per_min >= norms.fillers_per_min_heavy:
        shown = ", ".join(f'"{f.text}" at {f.start_s:.0f}s' for f in pacing.fillers[:4])
        misses.append(Miss("filler-heavy", None, f"{len(pacing.fillers)} fillers, {pacing.fillers_per_min:.1f} a "
                           "minute: replace them with a short silent pause.", shown))
    return misses


def long_pause_misses(pacing: Pacing, words_text: Sequence[tuple[float, float, str]]) -> list[Miss]:
    misses = []
    for p in pacing.pauses:
        if not p.long:
            continue
        before = " ".join(t for s, e, t in words_text if e <= p.start_s + 1e-3)[-60:]
        after = " ".join(t for s, e, t in words_text if s >= p.start_s + p.seconds - 1e-3)[:60]
        misses.append(Miss("long-pause", p.section, f"{p.seconds:.1f} s of silence at {p.start_s:.0f}s: "
                           "a pause this long loses the listener; bridge with a short summary instead.",
                           f"{before.strip()} … {after.strip()}"))
    return misses


def story_free_misses(sections: Sequence[SectionReport], total: Total, pacing: Pacing,
                      words_text: Sequence[tuple[float, float, str]], norms: Norms = NORMS) -> list[Miss]:
    return [
        *timing_misses(sections, total),
        *we_language(sections),
        *no_metric(sections),
        *generic_reflection(sections),
        *handoff(sections),
        *pacing_misses(pacing, norms),
        *long_pause_misses(pacing, words_text),
    ]


def delivery_misses(d: Delivery, norms: DeliveryNorms = DELIVERY) -> list[Miss]:
    """`monotone` when the voice stays flat (over the answer, or through a long section), `hedging` when
    hedges blur what the candidate did or achieved (Action and Result weigh most)."""
    misses = []
    if d.pitch_band == "monotone" and d.pitch_sd_st is not None:
        misses.append(Miss("monotone", None, f"Your pitch varied {d.pitch_sd_st:.1f} semitones, heard as flat "
                           f"(below {norms.monotone_st}; lively speakers 2-4): stress the word that matters in each "
                           "step (the verb, the number) and let each sentence fall at its end.",
                           f"pitch variation {d.pitch_sd_st:.2f} st over {d.voiced_s:.0f} s of voice"))
    elif d.pitch_band is not None:
        for s in d.sections:
            if s.pitch_sd_st is not None and s.voiced_s >= norms.section_judge_s and s.pitch_sd_st < norms.monotone_st:
                misses.append(Miss("monotone", s.name, f"Your voice went flat in the {s.name.title()} "
                                   f"({s.pitch_sd_st:.1f} semitones of variation): stress what you did there.",
                                   f"pitch variation {s.pitch_sd_st:.2f} st over {s.voiced_s:.0f} s of voice"))
    claims = [h for h in d.hedges if h.kind == "claim" and h.section in ("action", "result")]
    counted = [h for h in d.hedges if h.kind != "opinion"]
    heavy = len(counted) >= norms.hedge_min_count and d.hedges_per_min >= norms.hedges_per_min
    if len(claims) >= norms.hedge_claims or heavy:
        worst = claims or [h for h in counted if h.kind == "claim"] or counted
        by_section: dict[str, int] = {}
        for h in worst:
            by_section[h.section or ""] = by_section.get(h.section or "", 0) + 1
        section = max(by_section, key=lambda k: by_section[k]) or None
        said = ", ".join(dict.fromkeys(f'"{h.text.lower()}"' for h in worst))
        misses.append(Miss("hedging", section, f"{len(counted)} hedges ({d.hedges_per_min:.1f} a minute), "
                           f"{len([h for h in counted if h.kind == 'claim'])} on what you did or achieved ({said}): "
                           'say "I fixed it", not "I think I fixed it"; keep "I think" for opinions.',
                           _quote(worst[0].sentence)))
    return misses
