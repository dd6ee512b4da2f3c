"""STAR segmentation: which stretch of the answer is the Situation, Task, Action, Result, Reflection.

Real answers carry no labels. We cut the transcript into sentences (and
long run-on sentences at clause joints), score every sentence for every
section from what the words do (cue phrases, who acts, tense, numbers, the
sentence's position in the answer and, with a story, likeness to that
story's own section examples), then find the best monotone assignment with
dynamic programming: sections come in order, each sentence belongs to one,
and a section with no sentence is missing rather than invented. Tab marks
made while recording fix the boundaries they name.

Pause length is not used: speakers do not reliably pause longer between
sections than between sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.report import Word
from coach.story import Story
from coach.text import find_metric, norm_tokens
from coach.thresholds import DEFAULT_TARGETS_S, SECTIONS


@dataclass(frozen=True)
class Span:
    """A section's words: indexes into the word list, end exclusive."""

    name: str
    first: int
    end: int
    marked: bool = False


@dataclass(frozen=True)
class Sentence:
    first: int
    end: int
    text: str


# Cue phrases, each a regular expression on the lowercased sentence, with a
# weight. General spoken-English markers of each STAR move; none is taken
# from an evaluation answer.
_I = r"\bi\b"
CUES: dict[str, list[tuple[str, float]]] = {
    "situation": [
        (r"^(so,? )?(at|while|when|back|last|in|during|a few|about|two|three|as an?|as the|i was working|i worked)\b", 1.0),
        (r"\b(at the time|at that time|back then|company|startup|previous (role|job)|last (job|role|year|spring|summer|fall|autumn|winter|quarter)|"
         r"a (few|couple of) (years|months) ago|this was (at|when|during))\b", 1.0),
        (r"\b(i was working|i worked (at|on|as)|i was (an?|the) \w+ (at|on|in))\b", 1.0),
        (r"\b(had become|had been|was (getting|causing|failing|growing|running|seeing)|were (getting|seeing|complaining))\b", 0.8),
        (r"\b(noticed|there was|there were|used to|kept (failing|breaking))\b", 0.5),
        (r"\b(our|the) (team|company|product|service|app|system|customers?|clients?) (was|were|had)\b", 0.6),
    ],
    "task": [
        (r"\b(my|the|our) (goal|task|job|responsibility|role|mandate|challenge|mission)\b", 1.6),
        (r"\b(i was responsible|i was (asked|tasked)|i was the (owner|lead|tech lead|one)|i owned|it fell to me)\b", 1.4),
        (r"\b(i (needed|had|wanted|decided|chose|volunteered|offered|committed) to|i took (it )?on|i set (myself|out|the goal|a goal))\b", 1.1),
        (r"\b(it was (on|up to) me|(fell|went|was) on me to|i decided|i made it my (goal|job|priority|mission)|the ask\b|what i needed to|"
         r"i had (a|one|two|three|four|\w+) (days?|weeks?|months?) to|my (manager|boss|director|lead) asked me)\b", 1.1),
        (r"\b(needed to|had to|wanted to|was to|were to|set (the|a) goal)\b", 0.7),
        (r"\b(nobody|no one|not my (team|job|area)|wasn'?t my|was not my|not the owner|no (ticket|owner))\b", 0.9),
        (r"\b(so that|in order to|make sure|by the end of|within (a|one|two|three|\w+) (week|month|quarter|day)s?)\b", 0.4),
    ],
    "action": [
        (r"^(so |and |then |first,? |next,? |after that,? |finally,? )?" + _I + r" (\w+ed|wrote|built|ran|found|made|took|"
         r"rewrote|set up|met|led|sent|put|spoke|brought|began|started|drew|sat|got|gave|did|kept|cut|"
         r"also \w+|then \w+|first \w+)\b", 1.3),
        (r"\b(first|then|next|after that|afterwards|finally|step)\b", 0.4),
        (r"\b(we|the team) (\w+ed|wrote|built|ran|found|made|set up|took|met)\b", 0.8),
        (r"\b(analy[sz]ed|investigated|traced|reproduced|measured|wrote|built|implemented|designed|tested|"
         r"migrated|refactored|rewrote|proposed|scheduled|interviewed|prototyped|deployed|rolled|added|created|"
         r"collected|replayed|pulled|submitted|reviewed|checked|batched|quarantined|automated|organi[sz]ed)\b", 0.6),
    ],
    "result": [
        (r"\b(as a result|in the end|ultimately|the outcome|the result|end result|overall|in total|by the end)\b", 1.6),
        (r"\b(fell|dropped|went (down|up|from)|rose|increased|decreased|reduced|improved|grew|doubled|halved|"
         r"tripled|saved|cut|shrank|climbed|peaked|recovered|eliminated|stayed up|went to zero)\b", 1.1),
        (r"\bfrom\b.{1,40}\bto\b", 0.5),
        (r"\b(got (better|worse)|(was|were|is|are) (back|fixed|resolved|solved)|could \w+ again|stopped (happening|failing|crashing)|"
         r"never (happened|came back) again)\b", 0.9),
        (r"\b(agreed|adopted|approved|launched|shipped|went live|was pleased|were pleased|were happy|was happy|"
         r"praised|promoted|no (outage|incident|complaints?))\b", 0.8),
        (r"\b(within|after) (the|a|one|two|three|four|five|six|\w+) (week|month|quarter|day|year|sprint)s?\b", 0.4),
        (r"\b(since then|today|now) (the|our|their|it)\b", 0.4),
    ],
    "reflection": [
        (r"\b(i learned|i've learned|i have learned|learned that|lesson|taught me|takeaway|take away)\b", 2.4),
        (r"\b(in hindsight|looking back|next time|if i (did|had to do|were to do) it again|i would now|i'd now|going forward|"
         r"i realized|i now|now i|since then|since that \w+|these days|ever since|from then on|stuck with me|what i took|"
         r"made me (realize|see)|i've (started|kept|made)|in the future|i would have|i'd have)\b", 1.8),
        (r"\b(my job is|as a (senior|lead)|the real (root cause|problem|lesson)|the bigger|what i took)\b", 0.8),
        (r"\b(i would|i'd|i will|i try to|i make sure)\b", 0.4),
    ],
}
_COMPILED = {name: [(re.compile(p), w) for p, w in cues] for name, cues in CUES.items()}

# Without cues a sentence most likely belongs to the Action, the longest section.
BASE = {"situation": 0.0, "task": -0.2, "action": 0.3, "result": -0.3, "reflection": -0.6}
POSITION_WEIGHT = 3.0  # per unit of answer length a sentence sits outside a section's expected span
METRIC_BONUS = {"result": 0.7, "situation": 0.2}
STORY_WEIGHT = 4.0
SKIP_COST = 0.9  # a section must be worth this much evidence before it is declared missing
_RUN_ON_WORDS = 40
_CLAUSE_SPLIT = re.compile(r"^(and|so|but|then|which)$")


def sentences(words: Sequence[Word]) -> list[Sentence]:
    """Cut word list into sentences at . ? ! and long run-ons at clause joints."""
    out: list[Sentence] = []
    start = 0
    for i, w in enumerate(words):
        if w.text.strip().endswith((".", "?", "!")) or i == len(words) - 1:
            out.extend(_split_run_on(words, start, i + 1))
            start = i + 1
    return out


def _split_run_on(words: Sequence[Word], first: int, end: int) -> list[Sentence]:
    if end - first <= _RUN_ON_WORDS:
        return [Sentence(first, end, _join(words, first, end))]
    # Split after a comma that is followed by a conjunction, nearest the middle.
    mid = (first + end) // 2
    best = None
    for i in range(first + 6, end - 6):
        if words[i - 1].text.strip().endswith(",") and _CLAUSE_SPLIT.match(words[i].text.strip().lower().strip(",")):
            if best is None or abs(i - mid) < abs(best - mid):
                best = i
    if best is None:
        return [Sentence(first, end, _join(words, first, end))]
    return _split_run_on(words, first, best) + _split_run_on(words, best, end)


def _join(words: Sequence[Word], first: int, end: int) -> str:
    return " ".join(w.text.strip() for w in words[first:end])


def _expected_spans(targets: dict[str, float]) -> dict[str, tuple[float, float]]:
    total = sum(targets.values())
    spans, acc = {}, 0.0
    for name in SECTIONS:
        spans[name] = (acc / total, (acc + targets[name]) / total)
        acc += targets[name]
    return spans


def _story_vectors(story: Story | None) -> dict[str, set[str]]:
    if story is None or not story.worked:
        return {}
    return {s.name: {t for t in norm_tokens(s.example + " " + " ".join(s.key_phrases)) if len(t) > 3}
            for s in story.sections}


def score_sentences(sents: Sequence[Sentence], words: Sequence[Word], story: Story | None = None,
                    targets: dict[str, float] | None = None) -> list[list[float]]:
    """score[i][k]: evidence that sentence i belongs to section k (higher is likelier)."""
    spans = _expected_spans(targets or DEFAULT_TARGETS_S)
    t0, t1 = words[0].start_s, words[-1].end_s
    length = max(t1 - t0, 1e-6)
    vectors = _story_vectors(story)
    scores = []
    for s in sents:
        text = s.text.lower().strip()
        centre = ((words[s.first].start_s + words[s.end - 1].end_s) / 2 - t0) / length
        toks = {t for t in norm_tokens(text) if len(t) > 3}
        metric = find_metric(text) is not None
        row = []
        for name in SECTIONS:
            value = BASE[name]
            for rx, weight in _COMPILED[name]:
                if rx.search(text):
                    value += weight
            lo, hi = spans[name]
            value -= POSITION_WEIGHT * max(0.0, lo - centre, centre - hi)
            if metric:
                value += METRIC_BONUS.get(name, 0.0)
            if vectors and toks:
                vec = vectors[name]
                if vec:
                    value += STORY_WEIGHT * len(toks & vec) / math.sqrt(len(toks) * len(vec))
            row.append(value)
        scores.append(row)
    return scores


def align(scores: Sequence[Sequence[float]], allowed: Sequence[set[int]] | None = None) -> list[int]:
    """Best monotone assignment of sentences to sections (0..4), sections skippable at a cost."""
    n, k = len(scores), len(SECTIONS)
    neg = -1e18
    # best[i][j]: best total for sentences[:i+1] with sentence i in section j.
    best = [[neg] * k for _ in range(n)]
    back = [[0] * k for _ in range(n)]
    for j in range(k):
        if allowed and j not in allowed[0]:
            continue
        best[0][j] = scores[0][j] - SKIP_COST * j
    for i in range(1, n):
        for j in range(k):
            if allowed and j not in allowed[i]:
                continue
            cand, arg = neg, 0
            for p in range(j + 1):
                if best[i - 1][p] == neg:
                    continue
                skipped = max(0, j - p - 1)
                v = best[i - 1][p] - SKIP_COST * skipped
                if v > cand:
                    cand, arg = v, p
            if cand > neg:
                best[i][j] = cand + scores[i][j]
                back[i][j] = arg
    last = max(range(k), key=lambda j: best[n - 1][j] - SKIP_COST * (k - 1 - j))
    path = [last]
    for i in range(n - 1, 0, -1):
        path.append(back[i][path[-1]])
    return path[::-1]


def segment(words: Sequence[Word], story: Story | None = None, marks: Sequence[float] = (),
            targets: dict[str, float] | None = None) -> list[Span | None]:
    """The five sections' word spans, in order; None for a section not said."""
    if not words:
        return [None] * len(SECTIONS)
    sents = sentences(words)
    marks = sorted(marks)[: len(SECTIONS) - 1]
    if marks:
        sents = _split_at_marks(sents, words, marks)
    scores = score_sentences(sents, words, story, targets)
    allowed = None
    if marks:
        allowed = []
        for s in sents:
            before = sum(1 for m in marks if m <= words[s.first].start_s + 1e-3)
            allowed.append({before} if before < len(marks) else set(range(before, len(SECTIONS))))
    path = align(scores, allowed)
    spans: list[Span | None] = []
    for j, name in enumerate(SECTIONS):
        idx = [i for i, p in enumerate(path) if p == j]
        if not idx:
            spans.append(None)
            continue
        marked = 1 <= j <= len(marks)
        spans.append(Span(name, sents[idx[0]].first, sents[idx[-1]].end, marked))
    return spans


def _split_at_marks(sents: list[Sentence], words: Sequence[Word], marks: Sequence[float]) -> list[Sentence]:
    """Cut sentences where a Tab mark falls inside them, so marks land on a unit boundary."""
    out: list[Sentence] = []
    for s in sents:
        cut = s.first
        for i in range(s.first + 1, s.end):
            if any(words[i - 1].start_s < m <= words[i].start_s + 1e-3 for m in marks):
                out.append(Sentence(cut, i, _join(words, cut, i)))
                cut = i
        out.append(Sentence(cut, s.end, _join(words, cut, s.end)))
    return out
