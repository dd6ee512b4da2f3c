"""Is an idea said? Key phrases and probes' listen-for matched by meaning, not by their words.

An idea is a story's short phrase ("I traced", "$8K recovered per week") and
the story sentence it comes from (its context: what was traced, and to what).
It counts as said in an answer's sentence when

- its words are there in any form: stems, irregular verbs, synonyms
  (coach/lexicon.py), words close in meaning (a static word table distilled
  from all-MiniLM-L6-v2, coach/data/meaning-minilm.npz), spoken or written
  numbers, any order;
- enough of its context is there too, so "I pulled the team into a meeting"
  does not say "I pulled [the delivery logs]";
- and the claim is the same: the same actor ("they traced" does not say
  "I traced"), the same polarity ("I couldn't reproduce it", "rose by" for
  "fell by"), the same numbers and units ("a month" for "a week").

Pure: the table is read once, lazily, from the package (importlib.resources),
so it is found in an installed wheel as in the clone. Nothing else is read.

    >>> heard = find(Idea("I traced", "I traced the failure to a race condition in the retry logic."),
    ...              "So I tracked the losses down to a race in the retry code.")
    >>> heard.said, heard.sentence
    (True, 'So I tracked the losses down to a race in the retry code.')
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from coach import embed
from coach import lexicon as lx
from coach.text import normalise_numbers, shares_as_percent, stem, tokens
from coach.thresholds import MEANING
from coach.units import bare, opens_subject, sentences


@dataclass(frozen=True)
class Idea:
    """A key phrase or listen-for, with the story sentence(s) it comes from.

    `common` are words too frequent in the whole story to tell its ideas apart ("platform team" in a
    story about the Platform team's service: see common_words); they do not count as context."""

    phrase: str
    context: str = ""
    common: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Heard:
    """Where and how well an idea was said."""

    idea: str
    said: bool
    score: float  # 0-1: how much of the idea and its context the best sentence holds
    sentence: str = ""  # the sentence that says it (or came closest), for evidence
    why: str = ""  # when it came close but was not said: "said by someone else", "denied", ...
    actor: str = ""  # who does it in that sentence: "self", "group", "other" or "" (unknown)


# --- normalised words -------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    norm: str  # lemma and light stem, or a number as digits
    surface: str  # the word as said (after multi-word rewrites), for its vector
    clause: int


# Where a clause ends: punctuation, subordinating words, and "and" before a new subject. A negation
# counts in its own clause only ("I couldn't reproduce it locally and I wrote tests").
_CLAUSE_RE = re.compile(r"[,;:]\s+|\s+[-–—]+\s+"
                        r"|\b(?:but|so|because|although|though|while|whereas|since|until|which|who|when|if|unless)\b"
                        r"|\band\s+(?=(?:i|we|they|he|she|it|nobody|no one|nothing|none)\b)",
                        re.IGNORECASE)
_CONTRACTIONS = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"]}
_UN_ROOTS = ("able", "ible", "ed", "ful", "aware", "happy", "known", "likely", "usual", "clear", "sure", "safe",
             "fair", "ready")


def _expand(tok: str) -> list[str]:
    if tok in _CONTRACTIONS:
        return _CONTRACTIONS[tok]
    if tok.endswith("n't"):
        return [tok[:-3], "not"]
    if tok.endswith("'ve"):
        return [tok[:-3], "have"]  # should've
    if "'" in tok:
        return [tok.split("'")[0]]
    if tok.startswith("un") and not tok.startswith("under") and len(tok) >= 7 and tok[2:].endswith(_UN_ROOTS):
        return ["not", tok[2:]]
    return [tok]


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[tuple[str, ...], list[str]]]]:
    """PHRASES by their first word, longest first."""
    rules = [(tuple(normalise_numbers(tokens(k))), normalise_numbers(tokens(v))) for k, v in lx.PHRASES.items()]
    by_first: dict[str, list[tuple[tuple[str, ...], list[str]]]] = {}
    for key, value in sorted(rules, key=lambda r: -len(r[0])):
        by_first.setdefault(key[0], []).append((key, value))
    return by_first


def _rewrite(toks: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    rules = _phrases()
    while i < len(toks):
        for key, value in rules.get(toks[i], ()):
            if tuple(toks[i : i + len(key)]) == key:
                out += value
                i += len(key)
                break
        else:
            if toks[i] == "grand" and out and out[-1].replace(".", "", 1).isdigit():
                out[-1] = _fmt(float(out[-1]) * 1000)
                out.append("dollars")
            else:
                out.append(toks[i])
            i += 1
    return out


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


@lru_cache(maxsize=1)
def _wordnet() -> tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """coach/data/wordnet-links.txt (scripts/build_wordnet_links.py): irregular verb forms to their base,
    word pairs that mean the same (synonyms in a word's first senses, and derivations: "agree"/"agreement"),
    and opposites ("accept"/"reject"), as written (not yet normalised)."""
    text = (resources.files("coach") / "data" / "wordnet-links.txt").read_text(encoding="utf-8")
    bases: dict[str, str] = {}
    same: list[tuple[str, str]] = []
    opposite: list[tuple[str, str]] = []
    for line in text.splitlines():
        kind, word, *others = line.split()
        if kind == "x":
            bases[word] = others[0]
        else:
            (opposite if kind == "a" else same).extend((word, o) for o in others)
    return bases, tuple(same), tuple(opposite)


@lru_cache(maxsize=8192)
def norm(word: str) -> str:
    """One word's normal form: irregular verbs to their base, then the light stem, made consistent for
    short words and doubled consonants ("code"/"coded", "drop"/"dropped", "address"/"addressing")."""
    if word in lx.NORM_EXCEPTIONS:
        return lx.NORM_EXCEPTIONS[word]
    word = lx.IRREGULAR.get(word) or _wordnet()[0].get(word, word)
    if not word.isalpha() or len(word) <= 2:
        return word
    if len(word) <= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]  # logs, jobs, bugs: too short for the light stem
    if word.endswith(("ied", "ies")) and len(word) > 5:
        word = word[:-3] + "y"  # queried, queries: query
    if word.endswith("ly") and len(word) < 6:
        return word  # early, daily: no stem to take the "ly" from
    base = word if word.endswith("ss") else stem(word)
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" and base != word:
        base = base[:-1]  # dropped -> dropp -> drop
    return base[:-1] if base.endswith("e") and len(base) > 3 else base


# An attempt that a "but" follows in its sentence did not come off ("I tried to keep it small, but every team had
# its own use cases"): read as a negation, as lexicon.INTENDED is. The "but" may be in a later clause, so this
# is read on the sentence before it is cut into clauses (PHRASES are read per clause).
_TRIED_BUT = re.compile(r"\b(?:tried|attempted|tries|try) to\b(?=[^.;!?]{0,80}\bbut\b)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _spoken(text: str) -> list[str]:
    """The words as matching reads them: contractions expanded, numbers normalised, the lexicon's phrases
    rewritten (lower case, not yet in normal form)."""
    return _rewrite(shares_as_percent(normalise_numbers([e for t in tokens(text) for e in _expand(t)])))


def _clauses(text: str) -> list[str]:
    """Clauses: cut at _CLAUSE_RE and, with or without a comma, before a subject pronoun that opens a clause of
    its own (units.opens_subject: "...the timezone bug I passed it on")."""
    out: list[str] = []
    for clause in (c for c in _CLAUSE_RE.split(text) if c and c.strip()):
        ws = clause.split()
        flat = [bare(w) for w in ws]
        cuts = [0] + [i for i in range(1, len(ws)) if opens_subject(flat, i)] + [len(ws)]
        out.extend(" ".join(ws[a:b]) for a, b in zip(cuts, cuts[1:]))
    return out


def _words(text: str) -> tuple[_Tok, ...]:
    out: list[_Tok] = []
    text = _TRIED_BUT.sub("not", text)
    for ci, clause in enumerate(_clauses(text)):
        words = _spoken(clause)
        for i, w in enumerate(words):
            out.append(_Tok(norm(w), w, ci))
            for first, second, meaning in lx.GAPPED:  # "set it up" says "schedule"
                if w == first and second in words[i + 2 : i + 2 + lx.GAP]:
                    out.append(_Tok(norm(meaning), meaning, ci))
    return tuple(out)


def _is_number(t: str) -> bool:
    return t.replace(".", "", 1).isdigit()


@dataclass(frozen=True)
class _Lexicon:
    """coach/lexicon.py in normal forms."""

    groups: dict[str, frozenset[int]]
    related: dict[str, frozenset[str]]  # WordNet: the same meaning in the words' first senses
    antonyms: frozenset[tuple[str, str]]
    opposites: dict[str, frozenset[str]]
    negators: frozenset[str]
    alternatives: frozenset[str]
    zeros: frozenset[str]
    selfs: frozenset[str]
    group: frozenset[str]
    others: frozenset[str]
    causative: frozenset[str]
    exact: frozenset[str]
    stop: frozenset[str]
    served: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    groups: dict[str, set[int]] = {}
    for gi, words in enumerate(lx.SYNONYMS):
        for w in words:
            groups.setdefault(norm(w), set()).add(gi)
    _, same, opposite = _wordnet()
    opposed = [*lx.ANTONYMS, *opposite]
    # The comparative says the same thing: "cheaper than" against "more expensive than" or "pricier".
    opposed += [(x, y) for a, b in opposed for x, y in ((_comparative(a), b), (a, _comparative(b)))]
    pairs = [(norm(a), norm(b)) for a, b in opposed if norm(a) != norm(b)]
    related: dict[str, set[str]] = {}
    for a, b in same:
        na, nb = norm(a), norm(b)
        if na != nb:
            related.setdefault(na, set()).add(nb)
            related.setdefault(nb, set()).add(na)

    def n(ws: Iterable[str]) -> frozenset[str]:
        return frozenset(norm(w) for w in ws)

    both = pairs + [(b, a) for a, b in pairs]
    opposites: dict[str, set[str]] = {}
    for a, b in both:
        opposites.setdefault(a, set()).add(b)
    return _Lexicon({k: frozenset(v) for k, v in groups.items()}, {k: frozenset(v) for k, v in related.items()},
                    frozenset(both),
                    {k: frozenset(v) for k, v in opposites.items()},
                    n(lx.NEGATORS), n(lx.ALTERNATIVES), n(lx.ZERO_WORDS), n(lx.SELF), n(lx.GROUP), n(lx.OTHERS), n(lx.CAUSATIVE),
                    n(lx.EXACT), n(lx.STOP), n(lx.SERVED))


def _comparative(adjective: str) -> str:
    """"cheap" -> "cheaper", "easy" -> "easier", "big" -> "bigger", "late" -> "later" (regular forms only;
    a word that is no adjective gets a form nobody says, which is harmless)."""
    w = adjective
    if w.endswith("e"):
        return w + "r"
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ier"
    if len(w) <= 4 and len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        return w + w[-1] + "er"
    return w + "er"


def _is_content(t: str) -> bool:
    lex = _lex()
    return t not in lex.stop and t not in lex.negators and t not in lex.selfs and t not in lex.group


# --- the word table ---------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], np.ndarray]:
    data = (resources.files("coach") / "data" / "meaning-minilm.npz").read_bytes()
    with np.load(io.BytesIO(data)) as npz:
        vocab = bytes(npz["tokens"]).decode("utf-8").split("\n")
        vectors = npz["vectors"].astype(np.float32) * npz["scales"].astype(np.float32)[:, None]
    return {t: i for i, t in enumerate(vocab)}, vectors


def _pieces(word: str, vocab: dict[str, int]) -> list[int]:
    """WordPiece, greedy longest match first (the tokenizer the table was built with)."""
    if word in vocab:
        return [vocab[word]]
    ids: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                ids.append(vocab[piece])
                break
            end -= 1
        else:
            return [vocab["[UNK]"]] if "[UNK]" in vocab else []
        start = end
    return ids


@lru_cache(maxsize=8192)
def word_vector(word: str) -> np.ndarray:
    """A word's vector from the static table (mean of its WordPieces), not normalised."""
    vocab, vectors = _table()
    ids = _pieces(word.lower(), vocab)
    if not ids:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    return np.asarray(vectors[ids].mean(axis=0))


def _unit(words: Sequence[str]) -> np.ndarray:
    m = np.stack([word_vector(w) for w in words]) if words else np.zeros((0, _table()[1].shape[1]), np.float32)
    n = np.linalg.norm(m, axis=1, keepdims=True)
    return np.asarray(m / np.where(n == 0, 1, n))


def likeness(a: str, b: str) -> float:
    """How alike two texts are in meaning, -1..1: cosine of their mean word vectors (content words only)."""
    va, vb = (_mean_vector(t) for t in (a, b))
    den = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / den if den else 0.0


def _mean_vector(text: str) -> np.ndarray:
    words = [t.surface for t in _words(text) if _is_content(t.norm)]
    if not words:
        return np.zeros(_table()[1].shape[1], dtype=np.float32)
    return np.asarray(np.mean([word_vector(w) for w in words], axis=0))


# --- ideas ------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    phrase: tuple[_Tok, ...]  # content words of the phrase
    context: tuple[_Tok, ...]  # content words around it in its story sentence
    weights: np.ndarray  # each context word's weight: the story's setting words count half
    beside: frozenset[str]  # context words right next to the phrase: their opposites change the claim
    polarity: int
    self_actor: bool
    bare_verb: bool  # "I pulled": what was pulled is in the context only
    numbers: frozenset[str]
    exact: frozenset[str]


@lru_cache(maxsize=2048)
def _prepare(idea: Idea) -> _Prepared:
    lex = _lex()
    negators, selfs = lex.negators, lex.selfs
    said = _words(idea.phrase)
    content = tuple(t for t in said if _is_content(t.norm))
    polarity = sum(t.norm in negators for t in said) % 2
    self_actor = bool(said) and said[0].norm in selfs
    bare_verb = self_actor and len(content) == 1
    context: tuple[_Tok, ...] = ()
    beside: frozenset[str] = frozenset()
    if idea.context:
        best = max(sentences(idea.context) or [""],
                   key=lambda s: _coverage(content, _words(s)))
        toks = _words(best)
        keys = {t.norm for t in content}
        at = [i for i, t in enumerate(toks) if t.norm in keys]
        if at and _coverage(content, toks) >= 0.99:
            lo, hi = max(0, at[0] - MEANING.context_window), at[-1] + MEANING.context_window + 1
            if bare_verb:
                lo, hi = 0, len(toks)  # what the verb was done to may be anywhere in the sentence
            context = tuple(t for t in toks[lo:hi]
                            if _is_content(t.norm) and t.norm not in keys)
            antonyms = lex.antonyms
            beside = frozenset(t.norm for t in toks[max(0, at[0] - 2) : at[-1] + 3]
                               if t.norm not in keys and not any((k, t.norm) in antonyms for k in keys))
            head = at[0]
            self_actor = self_actor or any(t.norm == "i" for t in toks[max(0, head - 2) : head]) or _done_by_me(toks, head, best)
    if not idea.context and said and said[0].norm not in selfs:
        self_actor = self_actor or _deed(said[0].surface)  # "took ownership" (a generic probe): the candidate's deed
    numbers = frozenset(t.norm for t in content if _is_number(t.norm))
    exact = frozenset(t.norm for t in content if t.norm in lex.exact)
    weights = np.array([MEANING.common_weight if t.norm in idea.common else 1.0 for t in context], dtype=np.float32)
    return _Prepared(content, context, weights, beside, polarity, self_actor, bare_verb, numbers, exact)


def _coverage(want: Sequence[_Tok], toks: Sequence[_Tok]) -> float:
    have = {t.norm for t in toks}
    return sum(t.norm in have for t in want) / len(want) if want else 0.0


GERUND_AFTER = ("before", "after", "without", "by", "instead", "while", "when", "since")
# The subject pronouns: a clause's own word for who acts.
SUBJECTS = ("i", "we", "they", "he", "she")


def _kind(norm_form: str) -> str:
    """Who a word names as acting: "self" ("I"), "group" ("we"), "other" ("they", "their lead") or ""."""
    lex = _lex()
    return "self" if norm_form in lex.selfs else "group" if norm_form in lex.group else (
        "other" if norm_form in lex.others else "")


_NOTICING = frozenset(norm(w) for w in ("see", "saw", "notice", "find", "found", "realise", "realize", "spot", "figure",
                                          "think", "thought", "know", "knew", "learn", "discover", "show", "say"))
_THING_DETERMINERS = ("the", "a", "an", "our", "their", "my", "its", "these", "those", "every")


def _thing_before(toks: Sequence[_Tok], head: int) -> bool:
    """Is the word at `head` said of a thing named right before it, in a clause said as what was seen or known
    ("I saw that the dashboard said 99.9%", "I noticed the error rate doubled")? Then the thing does it, not the
    person who saw it."""
    clause = toks[head].clause
    for size in (1, 2):  # "the dashboard", "the error rate"
        d = head - size - 1
        if d < 1 or any(t.clause != clause for t in toks[d - 1 : head]):
            continue
        noun = toks[d + 1 : head]
        if (toks[d].surface in _THING_DETERMINERS and all(_is_content(t.norm) and not _kind(t.norm) for t in noun)
                and (toks[d - 1].surface == "that" or toks[d - 1].norm in _NOTICING)):
            return True
    return False


def _relative_head(toks: Sequence[_Tok], head: int) -> int | None:
    """Where the noun a relative pronoun right before the verb at `head` stands for begins ("the change that logged",
    "an engineer that knew Kafka"): the index of its determiner, one or two content words before the pronoun; None if
    there is none. The noun's head is the word before the pronoun. ("who" is not among the words read: it opens a
    clause of its own.)"""
    if head < 3 or toks[head - 1].surface not in ("that", "which") or not _deed(toks[head].surface):
        return None
    for size in (1, 2):  # "the change", "the config change"
        d = head - 2 - size
        if d < 0 or any(t.clause != toks[head].clause for t in toks[d:head]):
            continue
        noun = toks[d + 1 : head - 1]
        if toks[d].surface in _THING_DETERMINERS and all(_is_content(t.norm) for t in noun):
            return d
    return None


# After one of these, "it" is an object ("pages for it fell"); "before it used to take them a month" is a clause.
_PREPOSITIONS = frozenset({"for", "to", "on", "with", "of", "in", "at", "by", "about", "from", "into", "onto", "over",
                           "under", "through", "without", "behind", "like"})


# Words that may stand between a subject and its verb: "the DBA then ran it", "someone else shipped it".
_BEFORE_VERB = frozenset({"also", "then", "just", "actually", "eventually", "finally", "already", "else", "quickly",
                          "basically", "later"})
# A perfect's auxiliary, between a person and the verb they did: "every use case the team had listed".
_PERFECT = frozenset({"had", "has", "have"})
# A person as what a verb is done to, never its subject.
OBJECTS = frozenset({"me", "us", "them", "him", "her", "myself"})


# Words for a body of people that name who it is by the word before them: "the platform SRE group", "the finance
# committee", "the ops crew". Alone they may be no one ("in the group", "the control group").
_BODIES = frozenset({"group", "squad", "crew", "department", "committee", "org", "unit", "guild", "council"})


def _body_of_people(toks: Sequence[_Tok], j: int) -> bool:
    """Is the word at j a body of people named by a people word before it ("the platform SRE group")?"""
    return toks[j].surface in _BODIES and j > 0 and _kind(toks[j - 1].norm) == "other" and toks[j - 1].surface not in SUBJECTS


def _actor(toks: Sequence[_Tok], head: int) -> str:
    """Who does the word at `head`: "self", "group", "other" or "" (unknown), from its clause or the ones before."""
    lex = _lex()
    selfs, causative = lex.selfs, lex.causative
    clause = toks[head].clause
    # "...to check they gave the same answers before switching": a gerund after a preposition is done by the
    # sentence's subject, not by the nearest pronoun.
    if toks[head].surface in ("before", "after") or (
            head and toks[head].surface.endswith("ing") and toks[head - 1].surface in GERUND_AFTER):
        main = next((t for t in toks if t.surface in SUBJECTS), None)
        if main is not None:
            return _kind(main.norm)
    after = [t for t in toks[head + 1 : head + 6] if t.clause == clause]
    if any(t.surface == "by" for t in after[:3]):  # "it was rolled back by the on-call engineer"
        agent = [t.norm for t in after[[t.surface for t in after].index("by") + 1 :]]
        for n in agent[:3]:
            if _kind(n):
                return _kind(n)
    if _thing_before(toks, head):
        return ""
    if (head and toks[head - 1].surface in ("it", "which") and toks[head - 1].clause == clause
            and _deed(toks[head].surface) and (head < 2 or toks[head - 2].surface not in _PREPOSITIONS)
            and (head + 1 >= len(toks) or toks[head + 1].surface not in ("me", "us"))):
        # a thing does it: "one of them reckoned it spared them a week", "which saved about $4,000"; not where the
        # speaker is what it was done to ("what it taught me": the speaker learned)
        return ""
    # A relative clause does what its noun names: "the change that logged full request bodies" (a thing), "the engineer
    # that wrote it" (a person), not the speaker who named it.
    rel = _relative_head(toks, head)
    if rel is not None and _kind(toks[head - 2].norm) in ("other", "group"):
        return _kind(toks[head - 2].norm)
    if rel is not None and rel > 0 and toks[rel - 1].surface in _PREPOSITIONS:
        # a thing after a preposition is no one's work here ("the reviewer on the change that logged"); the object of
        # a deed is that deed's doer's ("I brought a patch that masked personal fields")
        return ""
    # A person named right before the verb does it, wherever the clause began: "I was the reviewer the dba wrote it"
    # (a run-on: the DBA wrote it); not what a preposition takes ("sat down with the designer showed her the numbers").
    j = head - 1
    while j > 0 and (toks[j].surface in _BEFORE_VERB or toks[j].surface in _PERFECT):
        j -= 1
    if (j >= 0 and j < head and toks[j].clause == clause and (_kind(toks[j].norm) == "other" or _body_of_people(toks, j))
            and toks[j].surface not in SUBJECTS and toks[j].surface not in OBJECTS and _deed(toks[head].surface)
            and not any(t.surface in _PREPOSITIONS for t in toks[max(0, j - 3) : j])):
        return "other"
    # In a run-on ("we met every week and then I stepped back") the subject pronoun nearest the word is its actor.
    at = next((k for k in range(head - 1, -1, -1) if toks[k].clause == clause and _kind(toks[k].norm)
               and toks[k].surface not in OBJECTS), None)
    if at is not None and toks[at].surface in SUBJECTS:
        return _kind(toks[at].norm)
    # A person named before an "and" that opens another verb is what an earlier verb was done to, and the subject
    # pronoun before that person acts: "i asked our manager to move two of her tasks to me without sharing why and
    # helped her" (I helped), not "I asked our team lead to fix the ten noisiest alerts first" (the lead fixes).
    if at is not None and any(t.surface in ("and", "then") for t in toks[at + 2 : head]):
        if _kind(toks[at].norm) == "other" and at + 1 < head and _deed(toks[at + 1].surface):
            return "other"  # the person is the subject of its own verb: "the dba wrote it and ran it"
        pronoun = next((k for k in range(at - 1, max(-1, at - 6), -1)
                        if toks[k].clause == clause and toks[k].surface in SUBJECTS), None)
        if pronoun is not None:
            return _kind(toks[pronoun].norm)
    # A causee acts for its "to" and what follows it in its clause before an "and": "I asked an engineer who knew
    # Kafka to set it up" (he set it up), but "I got them to add me to their Grafana, sat in on their standup" and
    # "asked our manager to move two of her tasks to me, without sharing why, and helped her" (I sat in, I helped).
    infinitive = any(t.surface == "to" and t.clause == clause for t in toks[max(0, head - 3) : head])
    for c in range(clause, -1, -1):
        # A clause that opens with a verb has no subject of its own: the people after the verb are what it was
        # done to ("flagged it to their tech lead but brought a tested fix"), unless a causative hands the verb
        # after them to them ("asked the platform team to roll it back"). Its actor is the clause before's, and
        # a told answer's first clause with no subject is the speaker's ("Was the only engineer").
        found = "carried" if _opens_with_verb(toks, c, head) else ""
        after_causative = False
        for k, t in enumerate(toks):
            if t.clause != c or (c == clause and k >= head):
                continue
            kind = _kind(t.norm)
            if t.norm in causative and found and (infinitive or (c == clause and "and" not in
                                                                  [u.surface for u in toks[k:head]])):
                after_causative = True
            elif kind and (not found or after_causative or (found == "carried" and k + 1 < len(toks) and toks[k + 1].clause == c
                    and (_deed(toks[k + 1].surface) or toks[k + 1].surface in AUXILIARIES))):
                found, after_causative = kind, False  # the last: a subject of its own ("turned out the engineer was")
        if found == "carried":
            if c == 0:
                return "self"
            continue
        if found:
            return found
        if c == clause and any(t.clause == c and t.norm in selfs for t in toks[head:]):
            return "self"  # "the lesson for me was", "it was reproduced by me"
    return ""


# Words that may come before a clause's verb without being its subject: "and then basically rolled it back".
LEADING = frozenset({"and", "then", "also", "just", "so", "basically", "actually", "first", "next", "later",
                      "eventually", "finally", "after", "that", "afterwards", "once", "again", "still", "even"})


def _opens_with_verb(toks: Sequence[_Tok], c: int, head: int) -> bool:
    """Does clause c open with a verb, its subject left unsaid ("traced one failed order", "and then was
    asked")? Only verbs in the past and auxiliaries are known to be verbs; "that" opens a clause of its own
    when a verb follows it ("that caught a scaling limit")."""
    words = [t for k, t in enumerate(toks) if t.clause == c and (k <= head or toks[head].clause != c)]
    for i, t in enumerate(words):
        if t.surface in LEADING and not (t.surface == "that" and i + 1 < len(words) and _deed(words[i + 1].surface)):
            continue
        if t.surface.endswith("ly") and len(t.surface) > 4 and not _deed(t.surface):
            continue  # "immediately", "quickly"
        return _deed(t.surface) or t.surface in AUXILIARIES
    return False


def _deed(surface: str) -> bool:
    """A verb in the past ("credited", "took"): something done; not an "-ed" word that is no past tense
    (lexicon.NOT_PAST: "speed up", "the need", "a hundred")."""
    return ((surface.endswith("ed") and surface not in lx.NOT_PAST) or surface in lx.IRREGULAR
            or surface in _wordnet()[0])


def _done_by_me(toks: Sequence[_Tok], head: int, sentence: str) -> bool:
    """Is the story's word at `head` (a verb in the past) the candidate's own doing: "I" is its clause's actor, or it opens a
    clause that goes on from one whose actor is "I" ("I opened the review, showed the numbers, and
    credited the engineer")? A clause with a subject of its own ("which a random blip wouldn't
    explain") is not the candidate's."""
    if not _deed(toks[head].surface):
        return False  # a thing, a number or a state ("a 0.3% drop rate", "no alert"), not a deed
    clause = toks[head].clause
    before = [t for t in toks[:head] if t.clause == clause]
    if any(t.norm in _lex().others or t.norm in _lex().group for t in before):
        return False
    if any(t.norm in _lex().selfs for t in before):
        return True
    if re.search(rf"\b(?:which|that|what|who)\s+(?:\w+\s+)?{re.escape(toks[head].surface)}\b", sentence, re.I):
        return False  # "which saved about $4,000": the thing done saved it, not the speaker
    return not any(_is_content(t.norm) for t in before) and _actor(toks, head) == "self"


# Verbs that carry another verb, not a deed of their own: "was", "had", "did".
AUXILIARIES = frozenset({"was", "were", "been", "had", "did", "would", "could", "should", "is", "are", "am"})


def owner(sentence: str) -> str:
    """Whose sentence is it: "self" when the speaker is in it ("I", "me"), else its first actor ("group" for
    "we", "other" for "they", "their lead", "the team"...), or "" when it names nobody who acts for the
    speaker (customers and users are who a result is for, not who did the work)."""
    lex = _lex()
    toks = _words(sentence)
    if any(t.norm in lex.selfs for t in toks):
        return "self"
    for t in toks:
        if t.norm in lex.group:
            return "group"
        if t.norm in lex.others and t.norm not in lex.served:
            return "other"
    return ""


# --- how a sentence is read, for coach/deeds.py ---------------------------------

Word = _Tok


def sentence_words(sentence: str) -> tuple[Word, ...]:
    """A sentence's words in normal form, with their clause (see _words)."""
    return _words(sentence)


def actor(words: Sequence[Word], head: int) -> str:
    """Who does the word at `head`: "self", "group", "other" or "" (see _actor)."""
    return _actor(words, head)


def denied(words: Sequence[Word], at: int) -> bool:
    """Is the word at `at` denied by the negations before it (see _denials)?"""
    return _denials(words, at, False) % 2 == 1


def is_content(norm_form: str) -> bool:
    return _is_content(norm_form)


def is_number(norm_form: str) -> bool:
    return _is_number(norm_form)


def is_past(surface: str) -> bool:
    """A verb in the past ("credited", "took")."""
    return _deed(surface)


def is_person(norm_form: str) -> bool:
    """Someone who can act for the speaker or instead of them: "we", "the team", "their lead"."""
    return norm_form in _lex().others or norm_form in _lex().group


# --- matching -----------------------------------------------------------------


class _Answer:
    """An answer parsed once for all ideas: its sentences' words, their vectors and lexicon links."""

    def __init__(self, text: str):
        lex = _lex()
        self.sentences = sentences(text)
        self.toks = [_words(s) for s in self.sentences]
        flat = [t for ts in self.toks for t in ts]
        self.bounds = np.cumsum([0] + [len(ts) for ts in self.toks])
        self.index: dict[str, int] = {}
        self.inv = np.array([self.index.setdefault(t.norm, len(self.index)) for t in flat], dtype=np.int64)
        self.rigid = np.array([_rigid(n) for n in self.index], dtype=bool)
        self.content = np.array([_is_content(t.norm) or _is_number(t.norm) for t in flat], dtype=bool)
        self.vectors = _unit([t.surface for t in flat])
        self.by_group: dict[int, list[int]] = {}
        for n, u in self.index.items():
            if not self.rigid[u]:
                for g in lex.groups.get(n, ()):
                    self.by_group.setdefault(g, []).append(u)

    def columns(self, si: int) -> np.ndarray:
        """The content words of sentence si, as columns of the answer's arrays."""
        lo, hi = int(self.bounds[si]), int(self.bounds[si + 1])
        return lo + np.flatnonzero(self.content[lo:hi])

    def per_sentence(self, sim: np.ndarray) -> np.ndarray:
        """Each wanted word's best likeness in each sentence (content words only): shape (words, sentences)."""
        out = np.zeros((sim.shape[0], len(self.sentences)), dtype=np.float32)
        if sim.shape[0] == 0:
            return out
        masked = np.where(self.content[None, :], sim, 0.0)
        for si in range(len(self.sentences)):
            lo, hi = int(self.bounds[si]), int(self.bounds[si + 1])
            if hi > lo:
                out[:, si] = masked[:, lo:hi].max(axis=1)
        return out

    def similarity(self, want: Sequence[_Tok], want_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Likeness (0-1) of each wanted word to each word of the answer, and which pairs are opposites."""
        lex, m = _lex(), MEANING
        k, n_uniq = len(want), len(self.index)
        cos = want_vectors @ self.vectors.T if k and len(self.inv) else np.zeros((k, len(self.inv)), np.float32)
        sim = np.clip((cos - m.vector_floor) / (m.vector_full - m.vector_floor), 0, 1) * m.vector_weight
        sim[:, self.rigid[self.inv]] = 0.0  # numbers and units: only the same one counts
        lexical = np.zeros((k, n_uniq), dtype=np.float32)
        opposite = np.zeros((k, n_uniq), dtype=bool)
        own = {w.norm for w in want}  # "before and after": an idea that holds a word and its opposite has no opposite
        for i, w in enumerate(want):
            if _rigid(w.norm):
                sim[i] = 0.0
            else:
                for r in lex.related.get(w.norm, ()):
                    u = self.index.get(r)
                    if u is not None and not self.rigid[u]:
                        lexical[i, u] = m.related
                for g in lex.groups.get(w.norm, ()):
                    lexical[i, self.by_group.get(g, [])] = m.synonym
                for a in lex.opposites.get(w.norm, set()) - own:
                    u = self.index.get(a)
                    if u is not None and lexical[i, u] == 0:
                        lexical[i, u], opposite[i, u] = m.synonym, True
            u = self.index.get(w.norm)
            if u is not None:
                lexical[i, u], opposite[i, u] = 1.0, False
        return np.maximum(sim, lexical[:, self.inv]), opposite[:, self.inv]


def _rigid(norm_form: str) -> bool:
    return _is_number(norm_form) or norm_form in _lex().exact


def _best(sim: np.ndarray, opposite: np.ndarray) -> np.ndarray:
    """Each wanted word's best column; an opposite only when nothing else says the word as well ("the exact
    bug" says "the same bug" though "seven other limiters" is in the sentence too, but a word merely near
    "before", such as "once", does not outweigh the "after" in the sentence)."""
    best = sim.argmax(axis=1)
    if not opposite.any():
        return best
    plain = np.where(opposite, -1.0, sim)
    alt = plain.argmax(axis=1)
    rows = np.arange(sim.shape[0])
    return np.where(plain[rows, alt] >= np.maximum(MEANING.phrase_min, sim[rows, best]), alt, best)


def _judge(p: _Prepared, toks: Sequence[_Tok], psim: np.ndarray, popp: np.ndarray,
           csim: np.ndarray, copp: np.ndarray) -> tuple[float, str, str]:
    """(score, why-not, actor) of one sentence for one idea; why-not is "" when the sentence says it, actor
    who does it there (see _actor), once the words are found.

    The arrays are the idea's phrase and context words against this sentence's content words."""
    lex = _lex()
    if psim.shape[1] == 0:
        return 0.0, "not said", ""
    rows = np.arange(len(p.phrase))
    best = _best(psim, popp)
    psims = psim[rows, best]
    phrase_cov = float(psims.mean())
    score = phrase_cov
    ctx_flips = 0
    if p.context:
        cbest = csim.max(axis=1) * p.weights
        ctx_cov = float(cbest.sum() / p.weights.sum())
        cpick = _best(csim, copp)
        ctx_flips = sum(bool(copp[i, cpick[i]]) for i, t in enumerate(p.context) if t.norm in p.beside)
        weight = MEANING.phrase_weight_one if p.bare_verb else MEANING.phrase_weight
        score = weight * phrase_cov + (1 - weight) * ctx_cov
        # A bare "I + verb", or a phrase said only in part ("adopted ... as our standard" without the
        # pattern), is the story's claim only with about two words of what it was about.
        partly = p.bare_verb or phrase_cov < MEANING.partly
        about = float(cbest[csim.max(axis=1) >= MEANING.phrase_min].sum())
        if partly and about < MEANING.bare_verb_context:
            return score, "not said", ""
        # One deed ("deleted", "kept") is the story's idea only with something of what it was done to.
        if len(p.phrase) == 1 and _deed(p.phrase[0].surface) and about < MEANING.one_word_context:
            return score, "not said", ""
    if phrase_cov < MEANING.phrase_min or score < MEANING.said:
        return score, "not said", ""
    content = [i for i, t in enumerate(toks) if _is_content(t.norm) or _is_number(t.norm)]
    norms = {t.norm for t in toks}
    said = psims >= MEANING.phrase_min
    matched = [content[int(best[i])] for i in rows if said[i]]
    head = matched[0] if matched else content[int(best[int(psims.argmax())])]
    who = _actor(toks, head)
    for n in p.numbers:
        if n not in norms and not (n == "0" and norms & lex.zeros):
            return score, f"another number (not {n})", who
    if not p.exact <= norms:
        return score, f"not the same {', '.join(sorted(p.exact - norms))}", who
    used_zero = "0" in p.numbers
    flips = int(sum(bool(popp[i, best[i]]) for i in rows if said[i])) + ctx_flips
    # A negation denies what follows it in its clause ("no ticket", "I couldn't reproduce it"), not what
    # came before ("our team could meet it without compromising quality").
    # A claim is denied when its head (its first word said) is; a denial ("no ticket") is said when any
    # of its words is denied ("nobody filed a ticket", "there wasn't a ticket").
    polarities = [(_denials(toks, at, used_zero) + flips) % 2 for at in (matched or [head])]
    if (polarities[0] if p.polarity == 0 else max(polarities)) != p.polarity:
        if p.self_actor and p.polarity == 0 and not flips and _nobody(toks, head):
            # The speaker's deed denied only of a scene without them ("nobody owned the export, so I took it on",
            # "it had no owner"): what others did not do, not the candidate taking it back.
            return score, "not said", who
        if unreal(toks, head):
            # Told as what did not happen ("applicants would have missed the deadline" if we had waited): the
            # cost of not acting, not the claim denied.
            return score, "not said", who
        return score, "the opposite claim" if flips else "denied", who
    if p.self_actor and who != "self":
        return score, {"group": 'said as "we"', "other": "said by someone else"}.get(who, "not said as yours"), who
    return score, "", who


# Modals that with "have" tell what did not happen: "would have missed", "could have lost", "should have asked".
_UNREAL_MODALS = frozenset({"would", "could", "might", "should"})
# May stand between such a modal and its "have": "would otherwise have sold", "couldn't easily have".
_UNREAL_BETWEEN = frozenset({"not", "never", "otherwise", "also", "probably", "easily", "just", "still", "really",
                             "definitely", "likely", "certainly", "all", "then"})


def unreal(toks: Sequence[_Tok], at: int) -> bool:
    """Is the word at `at` told in the counterfactual past, as what did not happen: a modal, then "have", before it in
    its clause ("the client would have kept filing", "rooms we would otherwise have sold", "I couldn't have done it")?
    Its verb is no deed and a negation in it denies nothing that happened."""
    clause = toks[at].clause
    # The nearest "have" before it, in its clause and with no new subject between ("would have overheated the hall
    # I moved the work": the move happened).
    have = next((j for j in range(at - 1, -1, -1)
                 if toks[j].clause != clause or toks[j].surface == "have" or toks[j].surface in SUBJECTS), None)
    if have is None or toks[have].surface != "have" or toks[have].clause != clause:
        return False
    j = have - 1
    while j >= 0 and toks[j].clause == clause and toks[j].surface in _UNREAL_BETWEEN:
        j -= 1
    return j >= 0 and toks[j].clause == clause and toks[j].surface in _UNREAL_MODALS


def _nobody(toks: Sequence[_Tok], at: int) -> bool:
    """Is the word at `at` denied only as nobody's ("nobody owned it", "it had no owner"): a negation before it in
    its clause that names no one, none said as a verb's ("not", "never", "didn't"), and the speaker not in the
    clause?"""
    before = [t.surface for t in toks[:at] if t.clause == toks[at].clause]
    clause = [t.surface for t in toks if t.clause == toks[at].clause]
    return (any(w in _NO_ONE for w in before) and not any(w in _VERB_NEGATIONS or w.endswith("n't") for w in before)
            and not any(w in _FIRST_PERSON for w in clause))


_NO_ONE = frozenset({"nobody", "no", "none", "nothing", "noone"})
_VERB_NEGATIONS = frozenset({"not", "never", "cannot"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "i'd", "i'm", "i've", "i'll", "we", "us", "our"})


def _denials(toks: Sequence[_Tok], at: int, used_zero: bool) -> int:
    """How many negations deny the word at `at`: those before it in its clause and within `negation_reach`
    words (a run-on's "nobody read" does not deny its "twenty minutes" later on; "no zero" when the idea
    has a zero in it aside), and only up to the next subject: "instead of writing a fix I rolled back" denies
    the fix, not the rollback, and a run-on's "started missing standups i asked if she was ok" the standups."""
    lex = _lex()
    count = 0
    for k in range(max(0, at - MEANING.negation_reach), at):
        t = toks[k]
        denies = t.norm in lex.negators or (t.norm == "0" and not used_zero)  # "zero canary stages"
        if t.clause != toks[at].clause or not denies or (used_zero and t.norm in lex.zeros):
            continue
        if t.norm in lex.alternatives and any(u.norm in SUBJECTS for u in toks[k + 1 : at]):
            continue
        # A new subject after the negation's own words starts another claim ("he couldn't explain any trade-off
        # i kept my no hire"); right after it, it is the claim denied ("i don't think she was right").
        new = next((j for j in range(k + 1, at) if toks[j].surface in SUBJECTS), None)
        if new is not None and sum(_is_content(u.norm) for u in toks[k + 1 : new]) >= 2:
            continue
        if t.norm in ("not", "never", "without") and _past_after(toks, k, at):
            continue
        if k + 1 < at and toks[k + 1].surface == "and" and t.norm in _DENYING_VERBS:
            continue  # "I stopped and asked her": a verb joined after a denying verb is done, not denied
        count += 1
    return count


# Negators that are verbs: what is joined after them by "and" is done ("I stopped and asked her for an example").
_DENYING_VERBS = frozenset({"stop", "fail", "refuse", "forget", "forgot", "skip", "neglect", "miss", "lack"})

_NEG_ADVERBS = frozenset({"really", "actually", "even", "ever", "properly", "fully", "once", "quite", "yet", "just",
                          "truly", "formally", "directly", "explicitly", "specifically", "personally", "bother"})


_NEG_QUANTIFIERS = frozenset({"everything", "everyone", "everybody", "all", "every", "many", "much", "enough",
                              "each"})


def _past_after(toks: Sequence[_Tok], k: int, at: int) -> bool:
    """Is there a verb in the past between a "not" at k (its own verb right after it) and `at`? "Not" governs
    the verb it stands before; a past verb after that is another claim, said: "which a blip wouldn't explain
    that pattern made me dig", "she wanted to grab a coffee and mostly just listened" (intentions are
    rewritten to "not"). After "or"/"nor" it is still denied ("hadn't tested it or looked at the logs")."""
    v = k + 1  # the verb "not" governs, after any adverb ("never really asked what they needed")
    while v < at and toks[v].surface in _NEG_ADVERBS:
        v += 1
    if v < at and toks[v].surface in _NEG_QUANTIFIERS:  # "not everything landed on time": the verb is denied
        return False
    for j in range(v + 1, at + 1):
        if _deed(toks[j].surface) and toks[j].surface not in AUXILIARIES and toks[j - 1].surface not in ("or", "nor"):
            return True
    return False


def find_all(ideas: Iterable[Idea], text: str, *, sentences: bool = False) -> list[Heard]:
    """Each idea's best sentence in the text: said or not, its score and the sentence (for evidence).

    Words first; with `sentences`, an idea whose words were not found at all (no near-miss reason) gets the
    sentence model's second opinion (see _by_sentence), where the model is installed."""
    ideas = list(ideas)
    out = _by_words(ideas, text)
    if sentences:
        unsure = [i for i, h in enumerate(out) if not h.said and not h.why and ideas[i].context]
        if unsure:
            for i, heard in zip(unsure, _by_sentence([ideas[i] for i in unsure], text)):
                if heard is not None:
                    out[i] = heard
    return out


def _plain_words(text: str) -> list[str]:
    """Every word in normal form, connectives too: _words leaves out the ones that join clauses ("because")."""
    return [norm(w) for w in _spoken(text)]


def _in_order(want: Sequence[str], toks: Sequence[str], gap: int = 1) -> bool:
    """Are the words said in their order, at most `gap` other words between two of them? Function words mean
    little apart: "couldn't both" is not said by "both could be true ... didn't"."""
    for start in (i for i, t in enumerate(toks) if t == want[0]):
        at = start
        for w in want[1:]:
            nxt = next((k for k in range(at + 1, min(len(toks), at + 2 + gap)) if toks[k] == w), None)
            if nxt is None:
                break
            at = nxt
        else:
            return True
    return False


def _by_words(ideas: Sequence[Idea], text: str) -> list[Heard]:
    answer = _Answer(text)
    out = []
    for idea in ideas:
        p = _prepare(idea)
        if not p.phrase:  # nothing but function words: said when the words are, in their order
            want = _plain_words(idea.phrase)
            where = next((s for s in answer.sentences if want and _in_order(want, _plain_words(s))), "")
            out.append(Heard(idea.phrase, bool(where), 1.0 if where else 0.0, where))
            continue
        if not answer.sentences:
            out.append(Heard(idea.phrase, False, 0.0))
            continue
        psim, popp = answer.similarity(p.phrase, _unit([t.surface for t in p.phrase]))
        csim, copp = answer.similarity(p.context, _unit([t.surface for t in p.context]))
        # Every sentence's score at once; only the ones that reach it are judged word by word.
        scores = answer.per_sentence(psim).mean(axis=0)
        enough = scores >= MEANING.phrase_min
        if p.context:
            ctx = answer.per_sentence(csim)
            weight = MEANING.phrase_weight_one if p.bare_verb else MEANING.phrase_weight
            clear = np.where(ctx >= MEANING.phrase_min, ctx, 0.0) * p.weights[:, None]
            ctx = ctx * p.weights[:, None]
            scores = weight * scores + (1 - weight) * ctx.sum(axis=0) / p.weights.sum()
            if p.bare_verb:
                enough &= clear.sum(axis=0) >= MEANING.bare_verb_context
        best: Heard | None = None
        order = np.argsort(-scores, kind="stable")
        for si in [int(i) for i in order if enough[i] and scores[i] >= MEANING.said] or [int(order[0])]:
            cols = answer.columns(si)
            score, why, who = _judge(p, answer.toks[si], psim[:, cols], popp[:, cols], csim[:, cols], copp[:, cols])
            heard = Heard(idea.phrase, not why, round(score, 3), answer.sentences[si], why if why != "not said" else "",
                          who)
            if best is None or (heard.said, heard.score) > (best.said, best.score):
                best = heard
            if heard.said:
                break
        if best is None or (not best.said and best.score < MEANING.near):
            best = Heard(idea.phrase, False, best.score if best else 0.0)
        out.append(best)
    return out


# --- the sentence model's second opinion -------------------------------------------
# For an idea whose words were not found: the stretch of the answer most alike in meaning to the idea's
# claim (coach/embed.py), said when alike enough and it makes the same claim. In most of the paraphrases
# the words miss, no word of the answer is near any word of the idea ("can we undo this" for
# "reversible"): only a sentence's meaning reaches them. Sentence vectors do not tell a claim from its
# opposite, another number or another actor, so every stretch found passes _same_claim before it counts.


@lru_cache(maxsize=2048)
def _claim(idea: Idea) -> str:
    """The claim to compare: the clauses of the idea's story sentence (the one that holds most of its phrase)
    that hold the phrase, widened to `claim_words` words. A whole sentence often carries several ideas ("I
    requested access to their monitoring tools and scheduled syncs twice a week"), and a stretch alike to
    the sentence need not say this one."""
    content = _prepare(idea).phrase or _words(idea.phrase)
    sentence = max(sentences(idea.context) or [idea.phrase],
                   key=lambda s: _coverage(content, _words(s)))
    keys = {t.norm for t in content}
    clauses = [c.strip() for c in _CLAUSE_RE.split(sentence) if c and c.strip()]
    hit = [i for i, c in enumerate(clauses) if keys & {t.norm for t in _words(c)}]
    if not hit:
        return sentence
    lo, hi = hit[0], hit[-1] + 1
    while sum(len(c.split()) for c in clauses[lo:hi]) < MEANING.claim_words and (lo > 0 or hi < len(clauses)):
        lo, hi = (lo - 1, hi) if lo > 0 else (lo, hi + 1)
    return " ".join(clauses[lo:hi])


def stretches(text: str) -> list[tuple[str, str]]:
    """(stretch, its sentence): each sentence of an answer, or in a long one (a spoken run-on) its
    `stretch_words` words every `stretch_step`, so one clause is not drowned by the rest of a run-on (and the
    model never reads a long run-on whole: its cost grows with the square of the length)."""
    n, step = MEANING.stretch_words, MEANING.stretch_step
    out = []
    for sentence in sentences(text):
        words = sentence.split()
        if len(words) <= n + step:
            out.append((sentence, sentence))
        else:
            out += [(" ".join(words[i : i + n]), sentence) for i in range(0, len(words) - n + step, step)]
    return out


def warm(text: str) -> None:
    """Embed an answer's stretches ahead of its report (a live answer's sentences as they are transcribed),
    so the report after Enter finds them cached. Loads the model on first use; does nothing without it."""
    near = embed.default()
    if near is not None:
        near.warm([s for s, _ in stretches(text)])


def _by_sentence(ideas: Sequence[Idea], text: str) -> list[Heard | None]:
    """For ideas whose words were not found: the answer's stretch most alike in meaning to the idea's story
    sentence (coach/embed.py), said when alike enough and it makes the same claim (_same_claim). None where
    the model is not installed or nothing is close enough."""
    spans = stretches(text)
    near = embed.default()
    if near is None or not spans:
        return [None] * len(ideas)
    sims = near.vectors([_claim(i) for i in ideas]) @ near.vectors([s for s, _ in spans]).T
    out: list[Heard | None] = []
    for idea, row in zip(ideas, sims):
        heard = None
        for k in np.argsort(-row, kind="stable"):
            if row[k] < MEANING.sentence_said:
                break
            stretch, sentence = spans[int(k)]
            if _same_claim(idea, stretch):
                heard = Heard(idea.phrase, True, round(float(row[k]), 3), sentence, "", _first_actor(_words(stretch)))
                break
        out.append(heard)
    return out


def _same_claim(idea: Idea, stretch: str) -> bool:
    """Does a stretch found alike in meaning make the idea's claim, and not a near one? Sentence vectors put
    "rose" near "fell", "a day" near "an hour" and "they" near "I", so the word-level checks stay: the same
    numbers, no rival unit of time, the same direction, the same polarity (as the phrase or its story
    sentence says it), and the speaker's own deed where the idea is. And where at least two of the phrase's
    words, and two thirds of them, are there word for word, the words' verdict stands: the one left out is what the claim is
    about ("reproduced the issue [locally]" against "in their production environment")."""
    lex, p = _lex(), _prepare(idea)
    toks = _words(stretch)
    norms = _directions(toks)
    phrase = {t.norm for t in p.phrase}
    if len(phrase & norms) >= 2 and 3 * len(phrase & norms) >= 2 * len(phrase):
        return False  # most of the phrase said word for word and still not said: the word left out is the point
    words = _words(idea.phrase)
    spans = _same_spans(words, toks)  # "fourteen days" says "two weeks"
    if not p.numbers - spans <= norms:
        return False
    time = {norm("time")}  # "time" is no unit in "next time", "on time"
    units = norms & lex.exact - time
    if p.exact - time and units and not units & p.exact and not spans:
        return False
    mine = _directions(words) | p.beside
    rise, fall = _rise_fall()
    for one, other in ((rise, fall), (fall, rise)):
        if mine & one and not mine & other and norms & other and not norms & one:
            return False
    claim = _words(_claim(idea))
    # Each content word the stretch shares with the claim, and the polarities it has where the claim says it
    # (a word said twice may be denied once: "access logs ... nobody queried debug logs").
    shared = {i: {denied(claim, j) for j, c in enumerate(claim) if c.norm == t.norm}
              for i, t in enumerate(toks) if _is_content(t.norm)}
    shared = {i: kept for i, kept in shared.items() if kept}
    if shared:  # the words both say keep their polarity ("wanted to get rid of two scripts" is not "deleted")
        if any(denied(toks, i) not in kept for i, kept in shared.items()):
            return False
    else:
        said = sum(t.norm in lex.negators or t.norm in lex.zeros for t in toks) % 2
        if said != p.polarity and said != sum(t.norm in lex.negators or t.norm in lex.zeros for t in claim) % 2:
            return False
    first = _first_actor(toks)
    if p.self_actor:  # the speaker's own deed: said by the speaker, or by no one named
        return first in ("self", "")
    # Not a deed ("commitment", "since then") but told by the speaker in the story: "we" tells it too
    # ("ten percent as what we actually promised"); someone else does not.
    return _first_actor(claim) != "self" or first in ("self", "", "group")


# A span of time in days, by the calendar's round figures: "a quarter" is three months, "a year" twelve.
_DAYS = {norm(unit): days for unit, days in (("minute", 1 / 1440), ("hour", 1 / 24), ("day", 1), ("week", 7),
                                             ("month", 30), ("quarter", 90), ("year", 360))}


def _spans(toks: Sequence[_Tok]) -> list[tuple[float, str]]:
    """Spans of time said as a number and a unit ("fourteen days", "2 weeks", "a month"): (days, the number)."""
    out = []
    for t, unit in zip(toks, toks[1:]):
        if unit.norm in _DAYS and (t.surface in ("a", "an") or re.fullmatch(r"\d+(?:\.\d+)?", t.norm)):
            count = 1.0 if t.surface in ("a", "an") else float(t.norm)
            out.append((count * _DAYS[unit.norm], t.norm))
    return out


def _same_spans(phrase: Sequence[_Tok], toks: Sequence[_Tok]) -> set[str]:
    """The numbers of the phrase's spans of time when the stretch says every one of them, in any unit
    ("fourteen days" for "two weeks", "48 hours" for "two days"); else none."""
    want, said = _spans(phrase), {round(d, 6) for d, _ in _spans(toks)}
    return {n for _, n in want} if want and all(round(d, 6) in said for d, _ in want) else set()


def _first_actor(toks: Sequence[_Tok]) -> str:
    """Who acts first in a stretch: its first subject ("they put it behind a toggle but I did not": "other"),
    or "" when it names none ("rolled it back first": a told answer's own deed)."""
    return next((_kind(t.norm) for t in toks if _kind(t.norm) and t.surface not in OBJECTS), "")


@lru_cache(maxsize=1)
def _rise_fall() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(norm(w) for w in lx.RISE), frozenset(norm(w) for w in lx.FALL)


def _directions(toks: Sequence[_Tok]) -> set[str]:
    """The words' normal forms, with "up"/"down" before a quantity ("down to 8 minutes") read as rise/fall."""
    out = {t.norm for t in toks}
    for t, after in zip(toks, toks[1:]):
        if t.surface in ("up", "down") and after.surface in ("to", "from", "by"):
            out.add("rise" if t.surface == "up" else "fall")
    return out


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words (normal forms) in at least a fifth of the texts' sentences, and in four or more: in a story,
    the words of its setting ("platform", "team", "webhook") rather than of any one idea."""
    said = [s for t in texts for s in sentences(t)]
    counts: dict[str, int] = {}
    for sentence in said:
        for w in {t.norm for t in _words(sentence) if _is_content(t.norm)}:
            counts[w] = counts.get(w, 0) + 1
    floor = max(MEANING.common_least, MEANING.common_share * len(said))
    return frozenset(w for w, n in counts.items() if n >= floor)


def find(idea: Idea, text: str, *, sentences: bool = False) -> Heard:
    """Is one idea said in the text? (see find_all)"""
    return find_all([idea], text, sentences=sentences)[0]


def is_denial(idea: Idea) -> bool:
    """Is the idea itself a denial ("nobody had requested", "no ticket")? Its words missing from a clause read as
    "denied", which is no taking back."""
    return _prepare(idea).polarity == 1


def idea_in(phrase: str, source: str) -> Idea:
    """An idea with its context: the source text (a story's example or strong answer) it comes from."""
    return Idea(phrase, source)
