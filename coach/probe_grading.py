"""A probe answer graded strong / adequate / weak by what it says, not by which words it uses.

The signals, weighed in PROBE_WEIGHTS:

- the probe's listen-for ideas said (coach/meaning.py: in any words, by the
  candidate, not denied);
- the same ideas said as someone else's, denied or reversed ("their tech lead
  wrote a tested fix", "I couldn't reproduce it"): the strong answer's words for
  another claim;
- the probe's red flags (literal: they are the weak answer's own phrases);
- likeness in meaning to the strong answer against the weak one;
- ownership ("I" against "we"/"they"), a number, and enough words to be specific.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.meaning import Heard, Idea, find_all, likeness, owner
from coach.report import ProbeResult, ProbeVerdict
from coach.story import Probe
from coach.text import find_metric, norm_tokens, phrase_found

# Points per signal, and the cut-offs between labels. Tuned on the dev part of
# tests/data/probe_answers.yaml; its held-out part is reported beside it.
PROBE_WEIGHTS = {
    "ideas": 3.0,  # x share of listen-for ideas said
    "wrong-claim": 3.0,  # x share of listen-for ideas said for another claim
    "red-flag": 2.0,
    "likeness": 2.0,  # x (likeness to the strong answer - likeness to the weak one)
    "mine": 0.5, "theirs": 0.5, "metric": 0.3, "short": 1.0,
}
STRONG_FROM = 1.5
ADEQUATE_FROM = 0.0
SHORT_WORDS = 15
# Every strong answer of the 147 bundled probes has 24 words or more, every weak one 18 or fewer:
# under 20 words an answer has no room for the specifics a strong one gives.
STRONG_MIN_WORDS = 20
THEIRS = ("said by someone else", 'said as "we"', "said as someone else's")
WRONG_CLAIM = (*THEIRS, "denied", "the opposite claim")


@lru_cache(maxsize=256)
def _mine_in_strong(probe: Probe) -> frozenset[str]:
    """The listen-fors the strong answer says in a sentence of the candidate's own ("I ..."), or says
    nowhere; not those it gives to someone else ("She chose the two-day delay", "We met every week")."""
    if not probe.strong:
        return frozenset(probe.listen_for)
    heard = find_all([Idea(p, probe.strong) for p in probe.listen_for], probe.strong)
    return frozenset(h.idea for h in heard if not h.sentence or owner(h.sentence) not in ("other", "group"))


def grade(probe: Probe, index: int, text: str) -> ProbeResult:
    """Grade a probe answer against what it probes for, its weak and strong answers."""
    w = PROBE_WEIGHTS
    toks = norm_tokens(text)
    reasons: list[str] = []
    flags = [f for f in probe.red_flags if phrase_found(f, toks, min_share=1.0)[0]]
    heard: list[Heard] = find_all([Idea(p, probe.strong) for p in probe.listen_for], text)
    # An idea said only where the candidate is absent ("their tech lead wrote a tested fix") is theirs,
    # unless the strong answer too says it of someone else ("She chose the two-day delay").
    mine_in_strong = _mine_in_strong(probe)
    theirs = [Heard(h.idea, False, h.score, h.sentence, "said as someone else's")
              for h in heard if h.said and owner(h.sentence) in ("other", "group") and h.idea in mine_in_strong]
    said = [h.idea for h in heard if h.said and h.idea not in {t.idea for t in theirs}]
    wrong = [h for h in heard if not h.said and h.why in WRONG_CLAIM] + theirs
    mine = len(re.findall(r"\bI\b", text))
    ours = len(re.findall(r"\b(we|they)\b", text, re.IGNORECASE))
    words = len(text.split())
    points = 0.0
    if flags:
        reasons.append(f'Weak signal: "{flags[0]}". {probe.weak_why}'.strip())
        points -= w["red-flag"]
    if heard:
        points += w["ideas"] * len(said) / len(heard)
        points -= w["wrong-claim"] * len(wrong) / len(heard)
        if said:
            reasons.append(f"Said: {', '.join(said)}.")
        for kind, group in (("Said as someone else's work", [h for h in wrong if h.why in THEIRS]),
                            ("Said the other way round", [h for h in wrong if h.why not in THEIRS])):
            if group:
                quote = group[0].sentence if len(group[0].sentence) <= 90 else group[0].sentence[:89] + "…"
                reasons.append(f'{kind}: {", ".join(h.idea for h in group)} ("{quote}").')
        missing = [h.idea for h in heard if not h.said and h not in wrong][:3]
        if missing:
            reasons.append(f"Not heard: {', '.join(missing)}.")
    if probe.strong and probe.weak:
        points += w["likeness"] * (likeness(text, probe.strong) - likeness(text, probe.weak))
    if mine >= 2 and mine >= ours:
        points += w["mine"]
    elif ours > mine:
        points -= w["theirs"]
        reasons.append('More "we"/"they" than "I": say what you did.')
    if find_metric(text):
        points += w["metric"]
    if words < SHORT_WORDS:
        points -= w["short"]
        reasons.append(f"Only {words} words: a probe answer needs specifics.")
    # The strong answer's specifics: 142 of the 148 bundled strong answers give a number.
    specific = words >= STRONG_MIN_WORDS and (bool(find_metric(text)) or not find_metric(probe.strong))
    label: ProbeVerdict = "strong" if points >= STRONG_FROM and specific else "adequate" if points >= ADEQUATE_FROM else "weak"
    if len(wrong) > len(said):  # more of the probe's ideas reversed or given to others than said
        label = "weak"
    if label == "strong" and probe.strong_key:
        reasons.insert(0, f"Matches the strong answer: {probe.strong_key}")
    if label != "strong" and probe.strong_key:
        reasons.append(f"A strong answer shows: {probe.strong_key}")
    if not reasons:
        reasons.append(f"Probes for: {probe.probes_for}" if probe.probes_for else "Answer heard.")
    return ProbeResult(index, probe.question, label, tuple(reasons))
