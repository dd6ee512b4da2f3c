"""Hedges, weak words and repetition in the words of an answer.

Pure: words with times in, findings out. A hedge is judged by what it softens:
a claim about what the candidate did or achieved ("I think I fixed it", "it
probably saved 20 %") is what an interviewer reads as doubt; an opinion or a
recommendation ("I think we should add alerts") is how people give views and
counts for nothing. Sources and bands: docs/analysis.md ("Delivery").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from coach.lexicon import IRREGULAR
from coach.report import Hedge, Repeat, Word
from coach.thresholds import HEDGE_PHRASES, REPEATED_OPENERS, REPEATED_PHRASES

_HEDGE_TOKENS = sorted((tuple(p.split()) for p in HEDGE_PHRASES), key=lambda t: -len(t))
# "what kind of", "the sort of": a classifier, not a hedge.
_CLASSIFIER_BEFORE = {"what", "this", "that", "the", "a", "an", "some", "any", "every", "one", "which", "same",
                      "these", "those", "different", "another", "each", "no", "all"}
# "just before", "just in time", "not just": time, degree or contrast, not softening.
_JUST_AFTER = {"in", "before", "after", "as", "now", "like", "when", "then", "over", "under", "about", "enough",
               "right", "because", "yet", "once", "twice", "the", "shy", "short", "ahead", "below",
               "above", "past", "finished", "started", "launched", "joined", "moved"}
_JUST_BEFORE = {"not", "only", "had", "have", "has", "i'd", "we'd"}  # "not just", "I had just fixed it"
_MODALS = {"should", "would", "could", "need", "needs", "must", "might", "ought", "can", "will", "it's",
           "is", "are", "teams", "people", "everyone", "we'd", "you"}
_PAST_AUX = {"was", "were", "had", "did", "got", "went", "made", "took"}
_WORD = re.compile(r"[a-z0-9']+")


def _bare(text: str) -> str:
    return "".join(_WORD.findall(text.lower().replace("’", "'")))


def _is_past(tok: str) -> bool:
    return tok in _PAST_AUX or tok in IRREGULAR or (len(tok) > 4 and tok.endswith("ed"))


def section_at(t: float, spans: Sequence[tuple[str, float, float]]) -> str | None:
    for name, start, end in spans:
        if start - 1e-3 <= t < end + 1e-3:
            return name
    return None


def _matches(toks: list[str], table: Sequence[tuple[str, ...]]) -> list[tuple[int, tuple[str, ...]]]:
    """Where the phrases of `table` (longest first) occur in toks, left to right, without overlap."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in table:
        by_first.setdefault(p[0], []).append(p)
    out, i = [], 0
    while i < len(toks):
        match = next((p for p in by_first.get(toks[i], ()) if tuple(toks[i: i + len(p)]) == p), None)
        if match is None:
            i += 1
            continue
        out.append((i, match))
        i += len(match)
    return out


def sentences_of(words: Sequence[Word]) -> list[tuple[int, int]]:
    """(first, end) word indices of each sentence: ends at . ? ! or at a pause of half a second."""
    out, first = [], 0
    for i, w in enumerate(words):
        last = i == len(words) - 1
        gap = (words[i + 1].start_s - w.end_s) if not last else 0.0
        if last or w.text.rstrip().endswith((".", "?", "!")) or gap >= 0.5:
            out.append((first, i + 1))
            first = i + 1
    return out


def _around(toks: list[str], i: int, n: int, first: int, end: int) -> list[str]:
    """The words near toks[i:i+n] in their sentence: four before, eight after (a short clause either side)."""
    return toks[max(first, i - 4): min(end, i + n + 8)]


def _kind(toks: list[str], raw: list[str], i: int, n: int, first: int, end: int) -> str:
    """claim / opinion / softener, judged within the hedge's sentence (words first..end-1)."""
    after = toks[i + n: min(end, i + n + 8)]
    around = _around(toks, i, n, first, end)
    if any(t in _MODALS for t in after[:3]) and not any(_is_past(t) for t in after[:4]):
        return "opinion"
    if any(_is_past(t) for t in around):
        return "claim"  # what was done or what happened: "I think I fixed it", "things improved, I think"
    if any(any(c.isdigit() for c in r) for r in raw[i + n: min(end, i + n + 8)]) or any(
            t in {"percent", "half", "twice", "thousand", "million", "hours", "days", "weeks"} for t in after):
        return "claim"  # a hedged number is a hedged result
    return "softener"


def find_hedges(words: Sequence[Word], spans: Sequence[tuple[str, float, float]] = (),
                exclude: Sequence[tuple[float, float]] = ()) -> list[Hedge]:
    """Every hedge and weak word, with what it softens. `exclude`: spans already counted as fillers."""
    toks = [_bare(w.text) for w in words]
    raw = [w.text for w in words]
    sentence_at: dict[int, tuple[int, int, str]] = {}
    for first, end in sentences_of(words):
        text = " ".join(r.strip() for r in raw[first:end])
        for k in range(first, end):
            sentence_at[k] = (first, end, text)
    found: list[Hedge] = []
    for i, match in _matches(toks, _HEDGE_TOKENS):
        n = len(match)
        phrase = " ".join(match)
        start = words[i].start_s
        skip = any(a - 0.05 <= start <= b + 0.05 for a, b in exclude)
        before = toks[i - 1] if i > 0 else ""
        nxt = toks[i + n] if i + n < len(toks) else ""
        if phrase in ("kind of", "sort of") and before in _CLASSIFIER_BEFORE:
            skip = True
        if phrase == "just" and (before in _JUST_BEFORE or nxt in _JUST_AFTER or nxt == "" or nxt.isdigit()):
            skip = True
        if phrase in ("i think", "i believe", "i guess", "i suppose") and nxt in ("of", "about", "so"):
            skip = skip or nxt != "so"  # "I think of", "I thought about": not a stance
        if not skip:
            text = " ".join(raw[i: i + n]).strip(" ,.;:")
            first, end, sentence = sentence_at[i]
            found.append(Hedge(text, round(start, 2), section_at(start, spans), _kind(toks, raw, i, n, first, end),
                               sentence))
    return found


_OPENER_TOKENS = [tuple(o.split()) for o in REPEATED_OPENERS]
_PHRASE_TOKENS = [tuple(p.split()) for p in sorted(REPEATED_PHRASES, key=lambda p: -len(p.split()))]


def find_repeats(words: Sequence[Word], minutes: float, opener_min: int, opener_share: float,
                 phrase_min: int, phrase_per_min: float) -> list[Repeat]:
    """Sentence openers and stock phrases repeated often enough to be noticed, quoted where they were said."""
    sents = sentences_of(words)
    raw = [w.text.strip() for w in words]
    toks = [_bare(w.text) for w in words]
    sentence_of = {}
    for a, b in sents:
        for k in range(a, b):
            sentence_of[k] = " ".join(raw[a:b])
    found: list[Repeat] = []
    openers: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    judged = 0
    for a, b in sents:
        if b - a < 3:
            continue
        judged += 1
        match = next((o for o in _OPENER_TOKENS if tuple(toks[a: a + len(o)]) == o), None)
        if match:
            key = " ".join(match)
            openers[key] += 1
            where.setdefault(key, []).append(sentence_of[a])
    for key, count in openers.most_common():
        if count >= opener_min and count / judged >= opener_share:
            found.append(Repeat(key, count, "opener", tuple(_quote(q) for q in where[key][:3])))
    taken = {r.phrase for r in found}
    counts: Counter[str] = Counter()
    at: dict[str, list[int]] = {}
    for i, match in _matches(toks, _PHRASE_TOKENS):
        key = " ".join(match)
        counts[key] += 1
        at.setdefault(key, []).append(i)
    for key, count in counts.most_common():
        if key in taken or count < phrase_min or (minutes > 0 and count / minutes < phrase_per_min):
            continue
        quotes = list(dict.fromkeys(sentence_of[k] for k in at[key]))[:3]
        found.append(Repeat(key, count, "phrase", tuple(_quote(q) for q in quotes)))
    return found


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
