"""Who did what: the deeds of an answer (each verb of something done) and who did each.

Probe grading (coach/probe_grading.py) weighs the candidate's own work against others' and against passing
the problem on, not how often "I" is said:

    >>> [(d.verb, d.actor) for d in deeds("I raised it with security and they wrote a script.")]
    [('rais', 'self'), ('writ', 'other')]

A deed's actor is coach.meaning's reading of its clause (see coach.meaning.actor). The word lists here are
about deeds, not about matching ideas (coach/lexicon.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach import lexicon as lx
from coach.meaning import (
    AUXILIARIES,
    GERUND_AFTER,
    LEADING,
    SUBJECTS,
    Word,
    actor,
    denied,
    is_content,
    is_number,
    is_past,
    is_person,
    norm,
    sentence_words,
    unreal,
)
from coach.units import sentences

# What changed rather than who did it: "errors went down", "the timeouts vanished", "they went from six to zero".
CHANGES = frozenset({"go", "drop", "fall", "rise", "grow", "stop", "disappear", "vanish", "increase", "decrease",
                     "improve", "shrink", "double", "halve", "happen", "land", "reach", "come", "become", "seem",
                     "feel", "stay", "remain", "recur", "recover", "fire", "break", "slip", "need"})
# Changes the speaker makes to something: "I dropped the third beer", "I broke it into pieces", "I stopped overbooking".
MADE_CHANGES = frozenset({"drop", "stop", "break", "double", "halve", "increase", "decrease", "improve", "shrink",
                          "grow"})
# Outcomes told with a particle, whoever they befell: "we ended up at 45 percent", "it turned out".
OUTCOME_PARTICLES = {"end": "up", "turn": "out"}
# Words that may stand between a passive's auxiliary and its verb: "what was originally planned".
_PASSIVE_BETWEEN = frozenset({"originally", "already", "also", "then", "just", "never", "not", "eventually", "finally",
                              "quickly", "initially", "later", "first"})
# Verbs whose past is their present: a deed only right after its subject ("I let our manager know").
SAME_PAST = frozenset({"let", "set", "put", "cut", "hit", "shut", "split", "read", "spread", "quit"})
# Deeds that pass the problem to someone else rather than work on it ("I let our manager know", "I asked
# them to look into it", "I raised it with security", "I waited"): the hand-off of issue 12.
ROUTING = frozenset({"tell", "ask", "let", "raise", "escalate", "report", "mention", "pass", "hand", "forward",
                     "flag", "ping", "notify", "inform", "wait", "hope", "follow", "assume", "leave", "loop",
                     "suggest"})
# "opened a ticket", "filed a bug": a routing deed when one of these verbs is done to one of these things.
# A phrasal verb with its object between ("brought it up with my manager", "kicked it up to the lead", "handed it
# over to them"): these verbs pass the problem on to someone with one of these particles right after their object
# and "to"/"with" after it ("brought it up in the retro" raises it with no one in particular; said together,
# "brought up" is lexicon.PHRASES' "raise" already).
ROUTING_PARTICLES = {"bring": frozenset({"up"}), "kick": frozenset({"up"}), "pass": frozenset({"on", "along", "over"}),
                     "hand": frozenset({"over", "off"}), "push": frozenset({"up"}), "bounce": frozenset({"off"})}
TICKET_VERBS = frozenset({"open", "file", "raise", "log", "create", "submit", "cut", "send"})
ROUTED = frozenset({"ticket", "bug", "issue", "request", "escalation", "reminder", "message"})

_DEED_OBJECT = 4  # words after a deed that say what it was done to
# A change verb with these after it brings something, a deed of whoever does it: "our staff engineer came up with a
# checklist" (not "it came up in the retro"). "came back with" is read as "recur" (lexicon.PHRASES) and stays a change.
_BRINGING = frozenset({("up", "with")})
_THINGS = ("it", "this", "that", "which", "there")
_DETERMINERS = ("a", "an", "the", "some", "any", "every", "each", "these", "those", "my", "our",
                "their", "his", "her", "its", "your")
_QUESTION = re.compile(r"\bask(?:ed|s|ing)?\s+(?:(?!to\b)[\w']+\s+){0,3}?"
                       r"(?:if|whether|for|what|how|why|when|where|who|about|around)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Deed:
    """A verb of something done said in an answer ("traced", "wrote", "told"), who did it and to what."""

    verb: str  # normal form (coach.meaning.norm)
    actor: str  # "self", "group", "other" or "" (unknown: a thing, or a passive with no agent)
    denied: bool  # "I didn't open a ticket", "I meant to ask" (intentions are rewritten to a negation)
    after: tuple[str, ...]  # the normal forms of the next few words in its clause: what it was done to
    sentence: str


@lru_cache(maxsize=16)
def normed(words: frozenset[str]) -> frozenset[str]:
    """A word list in the normal forms deeds are given in (norm)."""
    return frozenset(norm(w) for w in words)


def deeds(text: str) -> tuple[Deed, ...]:
    """Every deed of the answer, in order: a verb that is someone's doing (not an auxiliary, not a change such as
    "errors went down"), with its actor; a passive without "by" has none ("the teams were convinced"). A verb
    is one in the past ("traced"), a phrase in the past the lexicon rewrites ("rolled back", read as "revert"),
    or one told in the present or as what one would do ("I open the logs", "I'd revert", see _said_now)."""
    out: list[Deed] = []
    changes = normed(CHANGES)
    for sentence in sentences(text):
        toks = sentence_words(sentence)
        unreal_if = {m.group(1).lower() for m in _IF_UNREAL.finditer(sentence)}
        last, since = "self", 0  # the actor of the sentence's last deed, and where it was
        for k, t in enumerate(toks):
            said_past = is_past(t.surface) or (t.surface in SAME_PAST and k > 0 and toks[k - 1].surface in SUBJECTS)
            if not said_past and t.surface in _rewritten_past():  # "rolled back" is read as "revert"
                said_past = any(re.search(rf"\b{re.escape(key)}\b", sentence, re.I) for key in _rewritten_past()[t.surface])
            if not said_past:
                said_past = _said_now(toks, k, out, sentence)
            brought = k + 2 < len(toks) and (toks[k + 1].surface, toks[k + 2].surface) in _BRINGING
            if t.surface in AUXILIARIES or (t.norm in changes and not brought and not _made(toks, k)) \
                    or t.norm in normed(STATES) or not said_past:
                continue
            if unreal(toks, k) or t.surface in unreal_if:
                continue  # what did not happen: "the client would have kept filing", "we would otherwise have sold"
            if k + 1 < len(toks) and OUTCOME_PARTICLES.get(t.norm) == toks[k + 1].surface:
                continue
            if k > 0 and toks[k - 1].surface in _DETERMINERS:
                continue  # a word after "a", "the", "some" describes a thing: "a tested fix", "a bit longer"
            if _could_get(toks, k):
                continue  # what one could then get done is a benefit, not a deed: "I could actually get project work done"
            if k >= 2 and t.surface.endswith("ing") and (toks[k - 2].surface, toks[k - 1].surface) == ("back", "to"):
                continue  # the speaker's usual work, returned to: "I passed it on and went back to running the job"
            after = tuple(u.norm for u in toks[k + 1 : k + 1 + _DEED_OBJECT])  # "asked | if it was ok": past clauses
            aux = k - 1
            while aux > 0 and toks[aux].surface in _PASSIVE_BETWEEN:
                aux -= 1
            passive = aux >= 0 and toks[aux].surface in ("was", "were", "be", "been", "being", "is", "are", "got", "get")
            who = "" if passive and "by" not in after else actor(toks, k)
            joined = k > 0 and toks[k - 1].surface in ("and", "then", "also", "just")
            before = [u for u in toks[since:k] if u.clause == t.clause]
            if not who and not passive and (
                    (joined and (since or not any(u.surface in SUBJECTS or u.surface in _THINGS for u in before)))
                    or not any(u.surface in SUBJECTS or u.surface in _THINGS or is_content(u.norm) for u in before)):
                # No subject of its own: a told story's elided subject is the speaker ("Rolled it back, posted in
                # their channel"), and a verb joined to the last deed shares its actor ("built a stub and agreed a date");
                # joined to no deed, it is the speaker's unless a pronoun or a thing before it is its subject ("That
                # still cut cost and avoided the crashes").
                who = last
            last, since = who, k + 1
            # A negation before the deed's own subject is another claim's: "I didn't pitch it all at once, I wrote".
            subject = max((j for j in range(k) if toks[j].clause == t.clause and toks[j].surface in SUBJECTS),
                          default=0)
            said_denied = denied(toks[subject:], k - subject)
            out.append(Deed(t.norm, who, said_denied, after, sentence))
    return tuple(out)


# States of mind, not deeds, in any tense: "I knew it was restored when...", "I think".
STATES = frozenset({"think", "know", "feel", "believe", "guess", "mean", "want", "like", "love", "wish",
                    "remember"})
# Not deeds when said in the present: states, and verbs that carry another ("I'd say", "I try to").
NOT_DEEDS = STATES | frozenset({"hope", "need", "have", "be", "do", "get", "go", "say", "see", "try", "tend", "usually",
                                "always", "really", "kind", "sort"})
# May stand between a subject and its verb: "I would then just roll it back", "she never asks".
_BETWEEN = frozenset({"would", "will", "can", "could", "should", "might", "must", "do", "does", "did", "not",
                      "never", "then", "just", "also", "first", "always", "still", "even", "actually", "basically",
                      "immediately", "personally", "usually", "really", "now", "probably", "otherwise"})
# An object after a verb in the present: "and find the race", "and email the customers".
_OBJECT_OPENERS = frozenset({"the", "a", "an", "it", "them", "him", "her", "us", "me", "that", "this", "those",
                             "these", "our", "my", "their", "every", "each", "all", "some"})


@lru_cache(maxsize=1)
def _rewritten_past() -> dict[str, tuple[str, ...]]:
    """lexicon.PHRASES read as deeds: the word a phrase is rewritten to ("revert"), and the phrases in the past
    that are rewritten to it ("rolled back"): "I rolled back" is read as "i revert", a deed all the same. Not
    those rewritten to a negation ("thought about" is "not": what was meant, not done)."""
    out: dict[str, list[str]] = {}
    for key, value in lx.PHRASES.items():
        first, verb = key.split()[0], value.split()[0]
        if " " in key and (is_past(first) or first in SAME_PAST) and not is_past(verb) and is_content(norm(verb)):
            out.setdefault(verb, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _said_now(toks: Sequence[Word], k: int, before: Sequence[Deed], sentence: str) -> bool:
    """Is the word at k a deed told in the present or as what one would do ("So I open the logs, I find the
    race", "she cuts the admin UI", "I'd roll it back")? Only verbs in the past are known to be verbs; in the
    present a word is one when it comes right after a person ("I", "they", "the product manager lists"), or
    after "and"/"then" following such a deed with what it is done to after it ("and email the customers")."""
    t = toks[k]
    if (not is_content(t.norm) or t.norm in normed(NOT_DEEDS) or is_number(t.norm) or t.surface.endswith(("ing", "ly"))
            or t.surface in LEADING or t.surface in GERUND_AFTER or t.surface in _BETWEEN):
        return False
    j = k - 1
    while j >= 0 and toks[j].clause == t.clause and (toks[j].surface in _BETWEEN or toks[j].surface.endswith("ly")):
        j -= 1
    if j < 0 or toks[j].clause != t.clause:
        return False
    prev = toks[j].surface
    if prev in SUBJECTS:  # but "I'm sure", "they're happy": a state, not a deed
        return not re.search(rf"\b{prev}(?:['’](?:m|re|s)|\s+am|\s+are|\s+is)\s+(?:\w+\s+)?{re.escape(t.surface)}\b",
                             sentence, re.I)
    followed = k + 1 < len(toks) and (toks[k + 1].surface in _OBJECT_OPENERS or is_number(toks[k + 1].norm))
    if is_person(toks[j].norm):  # "the product manager lists the", not "client logs"
        return (t.surface.endswith("s") and not t.surface.endswith("ss") and prev not in ("them", "us", "him", "her")
                and followed)
    if prev in ("and", "then") and before:
        return followed and _now_deed_before(toks, j)
    return False


def _made(toks: Sequence[Word], k: int) -> bool:
    """Is the change verb at k one a person made, right after its subject and with what it changed after it ("I
    dropped the third beer", "we doubled the crew", "I stopped overbooking"), not a change told of a thing ("errors
    dropped", "the queue stopped growing")?"""
    if toks[k].norm not in normed(MADE_CHANGES) or k == 0 or k + 1 >= len(toks) or toks[k - 1].surface != "i":
        return False
    nxt = toks[k + 1]
    if nxt.surface in _GIVING_UP:  # "I stopped trying to convince them": a giving up, not a change made
        return False
    return nxt.surface in _OBJECT_OPENERS or is_number(nxt.norm) or nxt.surface.endswith("ing")


_GIVING_UP = frozenset({"trying", "bothering", "pushing", "asking", "caring", "chasing"})
# A condition in the counterfactual past: "if I had waited", "if we'd waited", "if I hadn't checked": what did not
# happen (or, denied, what did), not a deed told.
_IF_UNREAL = re.compile(r"\bif\s+(?:\w+\s+)?\w+(?:['’]d|\s+had(?:n['’]t)?)\s+(?:not\s+|never\s+|just\s+|already\s+)?(\w+)",
                        re.I)


def _now_deed_before(toks: Sequence[Word], j: int) -> bool:
    """Is there a person right before a verb earlier in the sentence (a deed told in the present)?"""
    return any(toks[i].surface in SUBJECTS and is_content(toks[i + 1].norm) for i in range(j))


# "could/can get X done": the potential of a participle after "get" and its object, a benefit told, not a deed done.
_POTENTIAL = frozenset({"could", "can", "might"})


def _could_get(toks: Sequence[Word], k: int) -> bool:
    """Is the participle at k said as what someone could get done ("I could actually get project work done again",
    "so we can get releases shipped on time")? Its "get" is one to three words before it, a modal before that."""
    for g in range(max(0, k - 4), k - 1):
        if toks[g].surface == "get" and toks[g].clause == toks[k].clause:
            j = g - 1
            while (j >= 0 and (toks[j].surface in _BETWEEN or toks[j].surface.endswith("ly"))
                   and toks[j].surface not in _POTENTIAL):
                j -= 1
            return j >= 0 and toks[j].surface in _POTENTIAL
    return False


def passes_on(deed: Deed) -> bool:
    """Does the deed pass the problem on ("told", "asked them to", "opened a ticket") rather than work on it?
    "I asked for an example", "I asked what they needed" find something out: they are work."""
    if deed.verb == norm("ask"):  # "asked them to look into it" passes it on; "asked if", "asked him what" finds out
        return not _QUESTION.search(deed.sentence)
    particles = _routing_particles().get(deed.verb, frozenset())
    return (deed.verb in normed(ROUTING) or (deed.verb in normed(TICKET_VERBS) and bool(set(deed.after) & normed(ROUTED)))
            or any(deed.after[k] in particles and deed.after[k + 1] in ("to", "with") for k in range(1, len(deed.after) - 1)))


@lru_cache(maxsize=1)
def _routing_particles() -> dict[str, frozenset[str]]:
    return {norm(verb): normed(parts) for verb, parts in ROUTING_PARTICLES.items()}
