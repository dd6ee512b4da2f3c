"""STAR segmentation: which stretch of the answer is the Situation, Task, Action, Result, Reflection.

What each unit of the answer does decides its section. The transcript is cut
into clause-sized units without looking at punctuation (`units.py`); each
unit gets a probability for each section from what its words do (tense and
aspect, who acts, discourse markers, numbers, goal and lesson words:
`unit_features.py`), weighed by a small logistic model trained on labelled
answers (`bench/train_segmenter.py`, weights in `coach/data/segmenter.json`),
plus a second layer over the unit's sentence vector (the bundled MiniLM of
`embed.py`: what a clause means beyond the named cues), and, with a story,
by likeness to that story's own section examples. A
dynamic programme then finds the best split with sections in order: each
unit belongs to one section, and a section with no evidence is missing
rather than invented. The position of a unit in the answer only breaks ties
(a light pull towards the targets' proportions), so a rambling Situation is
reported as a long Situation. Tab marks made while recording fix the
boundaries they name. Where another split scores nearly as well, the
boundary is reported as unsure.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from coach.report import Word
from coach.story import Story
from coach.text import norm_tokens
from coach.thresholds import DEFAULT_TARGETS_S, SECTIONS
from coach.unit_features import FEATURES, OWN, START_FEATURES, features, vectors
from coach.units import Unit, units


@dataclass(frozen=True)
class Span:
    """A section's words: indexes into the word list, end exclusive."""

    name: str
    first: int
    end: int
    marked: bool = False


@dataclass(frozen=True)
class Unsure:
    """A boundary another split nearly beat: the next section may start at `alternative_s` instead of `at_s`."""

    before: str  # the section that starts at the boundary
    at_s: float
    alternative_s: float
    margin: float  # how much better the chosen split scored (log-odds units)


@dataclass(frozen=True)
class Split:
    spans: tuple[Span | None, ...]
    unsure: tuple[Unsure, ...] = ()


@dataclass(frozen=True)
class Params:
    """The split's few global constants (chosen by cross-validation, `train_segmenter.py --cv`; docs/analysis.md)."""

    words_scale: float = 20.0  # a unit's evidence counts in proportion to its words, this many words to one unit
    boundary_cost: float = -3.0  # each section start costs this: short runs of a section need real evidence
    no_pause_cost: float = 1.0  # ...and this much more where the speaker did not pause
    skip_cost: float = 1.0  # a section left out costs this
    # Per answer length a unit sits outside its section's span in the targets' proportions. train_segmenter.py
    # --cv --cv-params (docs/analysis.md): 2-3 raise others' answers a little, but lower our disproportionate
    # ones (bench/train worst 0.64 -> 0.50), and 4 takes the public p06's rambling Situation for an Action.
    position_weight: float = 1.0
    story_weight: float = 4.0
    prior_weight: float = 1.0  # how much of the training set's section shares to divide out of the unit model
    start_weight: float = 1.0  # how much the start model's log-odds move a section start's cost
    unsure_margin: float = 1.5  # a boundary is unsure when moving it costs less than this
    unsure_min_s: float = 3.0  # ...to somewhere at least this far away
    reflection_needs_lesson: bool = True  # a Reflection must say a lesson somewhere (LESSON_FEATURES)


PARAMS = Params()


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]  # [section][feature]
    log_prior: tuple[float, ...]
    start_weights: tuple[tuple[float, ...], ...]  # [no start, then each section][feature]
    # [section][bias, then 384 weights]: what the unit's sentence vector (coach.embed) adds to each section's
    # logit, fitted on top of the named features (bench/train_segmenter.py); where the sentence model is not
    # installed, the named features decide alone, as they were fitted to.
    embedding: tuple[tuple[float, ...], ...] | None = None

    def log_probs(self, x: Sequence[float], extra: Sequence[float] | None = None) -> list[float]:
        logits = [sum(w * v for w, v in zip(row, x)) for row in self.weights]
        if extra is not None:
            logits = [a + b for a, b in zip(logits, extra)]
        return _log_softmax(logits)

    def embedding_logits(self, vecs: np.ndarray) -> np.ndarray:
        """What each unit's sentence vector adds to each section's logit (a model with the sentence layer)."""
        assert self.embedding is not None
        w = np.asarray(self.embedding)
        return vecs @ w[:, 1:].T + w[:, 0]

    def start_log_odds(self, x: Sequence[float]) -> list[float]:
        """For each section, log P(it starts at this unit) - log P(no section starts here)."""
        logits = [sum(w * v for w, v in zip(row, x)) for row in self.start_weights]
        return [v - logits[0] for v in logits[1:]]


def _log_softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    norm = top + math.log(sum(math.exp(v - top) for v in logits))
    return [v - norm for v in logits]


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("coach").joinpath("data/segmenter.json").read_text(encoding="utf-8"))
    if (tuple(data["features"]) != FEATURES or tuple(data["start_features"]) != START_FEATURES
            or tuple(data["sections"]) != SECTIONS):
        raise RuntimeError("coach/data/segmenter.json does not match unit_features.FEATURES: retrain it with "
                           "bench/train_segmenter.py")
    embedding = data.get("embedding")
    return Model(tuple(data["features"]), tuple(tuple(r) for r in data["weights"]), tuple(data["log_prior"]),
                 tuple(tuple(r) for r in data["start_weights"]),
                 tuple(tuple(r) for r in embedding) if embedding else None)


def unit_vectors(us: Sequence[Unit]) -> np.ndarray | None:
    """Each unit's sentence vector (coach.embed, cached per text), or None where the sentence model is not
    installed."""
    from coach import embed

    near = embed.default()
    return None if near is None else near.vectors([u.text for u in us])


def warm(words: Sequence[Word]) -> None:
    """Embed the units of an answer heard so far (a live answer as it is transcribed), so the split after Enter
    finds all but the last few cached. Does nothing without the sentence model or its layer."""
    if words and model().embedding is not None:
        unit_vectors(units(words))


def _expected_spans(targets: dict[str, float]) -> list[tuple[float, float]]:
    total = sum(targets.values())
    spans, acc = [], 0.0
    for name in SECTIONS:
        spans.append((acc / total, (acc + targets[name]) / total))
        acc += targets[name]
    return spans


def _story_vectors(story: Story | None) -> dict[str, set[str]]:
    if story is None or not story.worked:
        return {}
    return {s.name: {t for t in norm_tokens(s.example + " " + " ".join(s.key_phrases)) if len(t) > 3}
            for s in story.sections}


def unit_scores(us: Sequence[Unit], story: Story | None = None, targets: dict[str, float] | None = None,
                params: Params = PARAMS, unit_model: Model | None = None
                ) -> tuple[list[list[float]], list[list[float]]]:
    """score[i][k]: evidence (log-odds, scaled by the unit's length) that unit i belongs to section k;
    cost[i][k]: what it costs to start section k at unit i (less where the words open it and after a pause)."""
    m = unit_model or model()
    spans = _expected_spans(targets or DEFAULT_TARGETS_S)
    t0, t1 = us[0].start_s, us[-1].end_s
    length = max(t1 - t0, 1e-6)
    examples = _story_vectors(story)
    rows, costs = [], []
    vecs = unit_vectors(us) if m.embedding is not None else None
    extra = m.embedding_logits(vecs) if vecs is not None else None
    for i, (u, x, xs) in enumerate(zip(us, *vectors([u.toks for u in us]))):
        lp = m.log_probs(x, None if extra is None else extra[i])
        base = params.boundary_cost + (0.0 if u.pause_before_s >= 0.25 else params.no_pause_cost)
        costs.append([base - params.start_weight * v for v in m.start_log_odds(xs)])
        weight = len(u.toks) / params.words_scale
        centre = ((u.start_s + u.end_s) / 2 - t0) / length
        toks = {t for t in norm_tokens(u.text) if len(t) > 3}
        row = []
        for k, name in enumerate(SECTIONS):
            value = weight * (lp[k] - params.prior_weight * m.log_prior[k])
            lo, hi = spans[k]
            value -= params.position_weight * max(0.0, lo - centre, centre - hi)
            vec = examples.get(name)
            if vec and toks:
                value += params.story_weight * len(toks & vec) / math.sqrt(len(toks) * len(vec))
            row.append(value)
        rows.append(row)
    return rows, costs


def align(scores: Sequence[Sequence[float]], start_cost: Sequence[Sequence[float]], params: Params = PARAMS,
          allowed: Sequence[set[int]] | None = None) -> tuple[list[int], float]:
    """Best monotone assignment of units to sections (0..4), sections skippable at a cost; and its score."""
    n, k = len(scores), len(SECTIONS)
    neg = -1e18
    best = [[neg] * k for _ in range(n)]
    back = [[0] * k for _ in range(n)]
    for j in range(k):
        if allowed is None or j in allowed[0]:
            best[0][j] = scores[0][j] - params.skip_cost * j
    for i in range(1, n):
        for j in range(k):
            if allowed is not None and j not in allowed[i]:
                continue
            cand, arg = best[i - 1][j], j
            for p in range(j):
                if best[i - 1][p] == neg:
                    continue
                v = best[i - 1][p] - start_cost[i][j] - params.skip_cost * (j - p - 1)
                if v > cand:
                    cand, arg = v, p
            if cand > neg:
                best[i][j] = cand + scores[i][j]
                back[i][j] = arg
    finals = [best[n - 1][j] - params.skip_cost * (k - 1 - j) for j in range(k)]
    last = max(range(k), key=lambda j: finals[j])
    path = [last]
    for i in range(n - 1, 0, -1):
        path.append(back[i][path[-1]])
    return path[::-1], finals[last]


def path_score(path: Sequence[int], scores: Sequence[Sequence[float]], start_cost: Sequence[Sequence[float]],
               params: Params = PARAMS) -> float:
    k = len(SECTIONS)
    total = sum(scores[i][j] for i, j in enumerate(path)) - params.skip_cost * (path[0] + k - 1 - path[-1])
    for i in range(1, len(path)):
        if path[i] != path[i - 1]:
            total -= start_cost[i][path[i]] + params.skip_cost * (path[i] - path[i - 1] - 1)
    return total


def _unsure(path: list[int], scores: Sequence[Sequence[float]], start_cost: Sequence[Sequence[float]], us: Sequence[Unit],
            fixed: set[int], params: Params) -> list[Unsure]:
    """Boundaries that could move elsewhere (at least unsure_min_s away) for less than unsure_margin."""
    base = path_score(path, scores, start_cost, params)
    out = []
    for b in range(1, len(path)):
        if path[b] == path[b - 1] or path[b] in fixed:
            continue
        lo = b - 1
        while lo > 0 and path[lo - 1] == path[b - 1]:
            lo -= 1
        hi = b + 1
        while hi < len(path) and path[hi] == path[b]:
            hi += 1
        best: tuple[float, int] | None = None
        for alt in range(lo + 1, hi):  # keep both sections non-empty
            if abs(us[alt].start_s - us[b].start_s) < params.unsure_min_s:
                continue
            moved = path[:lo] + [path[b - 1]] * (alt - lo) + [path[b]] * (hi - alt) + path[hi:]
            loss = base - path_score(moved, scores, start_cost, params)
            if best is None or loss < best[0]:
                best = (loss, alt)
        if best is not None and best[0] < params.unsure_margin:
            out.append(Unsure(SECTIONS[path[b]], us[b].start_s, us[best[1]].start_s, round(best[0], 2)))
    return out


def split(words: Sequence[Word], story: Story | None = None, marks: Sequence[float] = (),
          targets: dict[str, float] | None = None, params: Params = PARAMS, unit_model: Model | None = None) -> Split:
    """The five sections' word spans, in order (None for a section not said), and the unsure boundaries."""
    if not words:
        return Split((None,) * len(SECTIONS))
    us = units(words)
    marks = sorted(marks)[: len(SECTIONS) - 1]
    if marks:
        us = _split_at_marks(us, words, marks)
    scores, costs = unit_scores(us, story, targets, params, unit_model)
    allowed = None
    if marks:
        allowed = []
        for u in us:
            before = sum(1 for m in marks if m <= u.start_s + 1e-3)
            allowed.append({before} if before < len(marks) else set(range(before, len(SECTIONS))))
    path, _ = align(scores, costs, params, allowed)
    reflection = len(SECTIONS) - 1
    if (params.reflection_needs_lesson and len(marks) < reflection and reflection in path
            and not any(_says_lesson(u) for u, p in zip(us, path) if p == reflection)):
        # Outcomes told after the outcome ("the checklist caught two regressions later that year") are
        # still the Result: without a lesson, what the split read as a Reflection joins the section before.
        last = max((p for p in path if p != reflection), default=reflection)
        path = [last if p == reflection else p for p in path]
    spans: list[Span | None] = []
    for j, name in enumerate(SECTIONS):
        idx = [i for i, p in enumerate(path) if p == j]
        if not idx:
            spans.append(None)
            continue
        marked = 1 <= j <= len(marks)
        spans.append(Span(name, us[idx[0]].first, us[idx[-1]].end, marked))
    fixed = set(range(1, len(marks) + 1))
    return Split(tuple(spans), tuple(_unsure(path, scores, costs, us, fixed, params)))


# What only a lesson says: learning, hindsight, what changed since, what next time holds, "it taught me",
# and "I" in the present tense ("I now check", "I always"). An outcome told in the past says none of these;
# a clause of five words or more with no past-tense verb but a present-tense or general word, or a
# present-tense general claim ("the problem is usually before the customer reaches you"), is also read as one
# (Whisper hears "since then I always bring" as "since the app always bring", which keeps no cue but its
# tense). A fragment with no verb at all is not ("new feature enabling market expansion", a bullet of
# outcomes, or "everything went smoothly" heard as "everything once smoothly"): on others' answers those had
# turned the end of a Result into a Reflection (others-dev 0.883 -> 0.889, others-train 0.842 -> 0.850).
LESSON_FEATURES = ("learn", "hindsight", "since", "made_me", "future", "present_i", "would")
_LESSON_AT = tuple(OWN.index(f) for f in LESSON_FEATURES)
_PAST_AT = OWN.index("past_share")
_GENERAL_AT = (OWN.index("present_be"), OWN.index("generic"))  # "the problem is usually before ..."


_PRESENT_AT = tuple(OWN.index(f) for f in ("present_be", "present_i", "generic", "you_generic", "future", "would"))
_PRESENT_TOKENS = frozenset(("can", "must", "has", "have", "need", "needs", "keep", "keeps", "means", "matters"))


def _says_lesson(u: Unit) -> bool:
    row = features(u.toks)
    return (any(row[i] for i in _LESSON_AT) or all(row[i] for i in _GENERAL_AT)
            or (row[_PAST_AT] == 0 and len(u.toks) >= 5
                and (any(row[i] for i in _PRESENT_AT) or not _PRESENT_TOKENS.isdisjoint(u.toks))))


def segment(words: Sequence[Word], story: Story | None = None, marks: Sequence[float] = (),
            targets: dict[str, float] | None = None) -> list[Span | None]:
    """The five sections' word spans, in order; None for a section not said."""
    return list(split(words, story, marks, targets).spans)


def _split_at_marks(us: list[Unit], words: Sequence[Word], marks: Sequence[float]) -> list[Unit]:
    """Cut units where a Tab mark falls inside them, so marks land on a unit boundary."""
    from coach.units import cut_unit

    out: list[Unit] = []
    for u in us:
        cut = u.first
        for i in range(u.first + 1, u.end):
            if any(words[i - 1].start_s < m <= words[i].start_s + 1e-3 for m in marks):
                out.append(cut_unit(words, cut, i))
                cut = i
        out.append(cut_unit(words, cut, u.end) if cut != u.first else u)
    return out
