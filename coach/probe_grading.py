"""A probe answer graded strong / adequate / weak by what it says, not by which words it uses.

The signals, weighed in PROBE_WEIGHTS:

- the probe's listen-for ideas said (coach/meaning.py: in any words, by the
  candidate, not denied);
- the same ideas said as someone else's, denied or reversed ("their tech lead
  wrote a tested fix", "I couldn't reproduce it"): the strong answer's words for
  another claim. Whose an idea is comes from the clause that says it ("I raised
  it with security and they wrote a script": the script is theirs), and counts
  against the answer only when the strong answer says it as the candidate's;
- ideas told as what one would do ("What I'd do in that kind of situation is ..."): not said, and an
  answer with nothing else is weak, since a probe asks for the real example;
- the probe's red flags (literal: they are the weak answer's own phrases); one said caps the grade at
  adequate;
- a claim taken back ("Pages fell from 25 to 6 at first, but it never stayed there", "I never really asked
  what they needed", "I tried to keep it small, but ...", "well actually no, sorry, the launch slipped"): the
  strong answer's words, then their undoing, make the answer weak; so do blame laid elsewhere ("that was really
  on the payments team") and a plan the answer says never happened ("It got parked when the quarter changed");
- likeness in meaning to the strong answer against the weak one;
- who did the deeds (coach.deeds: each verb in the past and its actor):
  the candidate's own work against others' and the group's. Passing the problem
  on ("I let our manager know and she talked to him", "I asked them to look
  into it") with no work of one's own is a hand-off, never strong;
- a number, enough words to be specific, and the story's own numbers: a retold
  answer whose figures are not the story's is at most adequate;
- the question answered: an answer whose meaning is nearer another of the story's probes' strong
  answers than this probe's (coach/embed.py sentence vectors, by ANOTHER_QUESTION or more) answers that
  question ("what I changed was ..." to "What was the effect?"), and is at most adequate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from coach import embed, probe_model
from coach.deeds import CHANGES, Deed, deeds, normed, passes_on
from coach.meaning import Heard, Idea, find_all, is_denial, is_past, likeness, norm
from coach.report import ProbeResult, ProbeVerdict
from coach.story import Probe
from coach.text import find_metric, norm_tokens, normalise_numbers, phrase_found, tokens
from coach.units import sentences

# Whether the rule named a fault that set its grade (_by_rule), and which kind: the probe model reads such a grade with
# the cautious moves (probe_model.AFTER_A_FAULT), and never lifts one that gives no example.
Fault = Literal["no example", "named"] | None

# Points per signal, and the cut-offs between labels. Tuned on the dev part of
# tests/data/probe_answers.yaml; its held-out part is reported beside it.
PROBE_WEIGHTS = {
    "ideas": 3.0,  # x share of listen-for ideas said
    "wrong-claim": 3.0,  # x share of listen-for ideas said for another claim
    "red-flag": 2.0,
    "likeness": 2.0,  # x (likeness to the strong answer - likeness to the weak one)
    "mine": 0.5, "theirs": 0.5, "metric": 0.3, "short": 1.0,
    "handoff": 2.0,
}
# A generic probe's listen-fors are the principle's abstract words ("took ownership", "milestones"), which a
# concrete story rarely says and a vague answer often does: there they weigh less, and the candidate's own deeds told
# with a figure count as much as all of them said (tuned on tests/data/probe_answers_gdev21.yaml, session 21: ideas
# 3 / 1.5 / 1 against told 0 / 1 / 1.5; docs/analysis.md).
GENERIC = {"ideas": 1.0, "told": 1.0}
# A generic probe has no strong or weak answer for the probe model to read the answer against: it reads the probe's
# strong_key and what it probes for as the strong side, and this as the weak side, as it was trained
# (bench/dump_probe_xenc.py writes every training row's sides with model_sides).
GENERIC_WEAK = ("Only what we did, what I would do or what someone else did, or handed off: no example of my own "
                "and no result.")
STRONG_FROM = 1.5
ADEQUATE_FROM = 0.0
SHORT_WORDS = 15
# Under 8 words there is no room for a deed and what it was done to ("I presented it and people liked it"):
# weak whatever it says. The shortest answer graded better than weak in the development sets has 10.
TOO_SHORT_WORDS = 8
# Told where someone else acts, this many of the strong answer's own ideas make the story another's work.
OTHERS_IDEAS = 3
# A retold answer with this many figures the story's strong answer does not give tells another result.
OTHER_NUMBERS = 2
# How much nearer (cosine of coach/embed.py's sentence vectors) an answer must be to another probe's strong answer
# than to its own probe's to be read as answering that other question. On the development probe sets no answer
# labelled strong is nearer another probe's strong answer than its own by more than 0.13 as written and 0.18 as a
# live transcript has it (lower case, no punctuation); weak answers reach 0.47, adequate ones 0.30.
ANOTHER_QUESTION = 0.25
# Every strong answer of the 147 bundled probes has 24 words or more, every weak one 18 or fewer:
# under 20 words an answer has no room for the specifics a strong one gives.
STRONG_MIN_WORDS = 20
# A sentence told as what one would do in general, not what was done: "What I'd do in that kind of situation is
# list the unknowns", "If I were three weeks from launch, I'd run a load test". A probe asks for the real example.
# Both a "would" of the speaker's and a frame: "In that situation I called the customer" is a story told.
WOULD = re.compile(r"\bi(?:'d|’d| would)\b", re.IGNORECASE)
HYPOTHETICAL = re.compile(r"\b(?:what i(?:'d|’d| would) do|if i (?:were|was) (?:in|to|faced|three|two|a|the)\b"
                          r"|(?:in|for) (?:a|that|this|such a) (?:kind of |sort of )?(?:situation|case|scenario)"
                          r"|in (?:a )?situations? like (?:that|this)"
                          r"|i(?:'d|’d| would) (?:always|usually|typically|generally|normally)\b"
                          # what one supposes happened, not what did: "i think it would have made people feel more
                          # included and over time i'd expect better ideas to come through"
                          r"|i(?:'d|’d| would) (?:expect|imagine|guess|assume|bet)\b)",
                          re.IGNORECASE)
# The same mood said without a frame, as a condition and what the speaker would do in it: "if their backlog was that deep
# I'd write the fix myself", "if it came up again I would page the owner", "that's how I'd approach it". The "I'd" is
# "I would" with a verb ("I'd write", "I'd have shipped"), not "I had" ("I'd written it") nor a hedge ("I'd say"); the
# "if" opens a condition, not a question asked ("I asked if it was ok", "to see if").
CONDITIONAL = re.compile(r"(?<!\bask )(?<!\basked )(?<!\bcheck )(?<!\bchecked )(?<!\bsee )(?<!\bwondered )(?<!\bknow )"
                         r"(?<!\bsure )(?<!\bunsure )(?<!\bwhether or )\bif (?:[\w'’-]+ ){1,6}?(?:was|were|had|did|got|came|went|"
                         r"happened|ever)\b|\bthat'?s (?:how|what) i(?:'d|’d| would)\b", re.IGNORECASE)
WOULD_DO = re.compile(r"\bi(?:'d|’d| would) (?:just |probably |definitely |then |also |first )?"
                      r"(?!say\b|guess\b|imagine\b|think\b|hope\b|like\b|love\b|been\b|had\b|rather\b|argue\b)"
                      r"(?:have (?!to\b)\w+|[a-z]+)\b", re.IGNORECASE)
SUPPOSED = "said as what you would do"


def _supposed(sentence: str) -> bool:
    """Is the sentence told as what one would do (HYPOTHETICAL, or CONDITIONAL with a WOULD_DO), not as done?"""
    if not WOULD.search(sentence):
        return False
    if HYPOTHETICAL.search(sentence):
        return True
    return bool(CONDITIONAL.search(sentence)) and any(not is_past(m.group(0).split()[-1])
                                                      or m.group(0).split()[-2].lower() == "have"
                                                      for m in WOULD_DO.finditer(sentence))


def _supposed_sentences(text: str) -> set[str]:
    """The sentences of the text told as what one would do (_supposed), a condition said as a sentence of its own
    read with the sentence after it: a live transcript cuts "i think if i did it again | i would probably start the
    load testing earlier" at its pause, and the "I would" is the condition's."""
    parts = sentences(text)
    out = {s for s in parts if _supposed(s)}
    for before, s in zip(parts, parts[1:]):
        if s not in out and CONDITIONAL.search(before) and not WOULD.search(before) and _supposed(f"{before} {s}"):
            out.update((before, s))
    return out


def _only_told(text: str, told: set[str]) -> bool:
    """Is every sentence in which the speaker acts ("I ...") one of `told`: all told as what they would do
    (_supposed_sentences: "I would normally look at the dashboards and ask the analysts.") or all a plan the answer says
    has not happened (_unrealised: "I put together a plan for replacing the pumps ... for now we're still patching
    them")? An answer with no example in it, whatever ideas it names."""
    mine = [s for s in sentences(text) if re.search(r"\bI\b|\bI['’]", s, re.IGNORECASE)]
    return bool(mine) and set(mine) <= told


# A plan or proposal ("I was going to run a survey", "I wrote up a proposal to add percentage rollout") that the
# answer then says never happened ("we never got round to sending it out", "It got parked when the quarter changed"),
# in its sentence or the next: what the plan says was not done.
PLANNED = re.compile(r"\b(?:i (?:was going|planned|meant|intended|wanted|hoped|was hoping|was planning) to"
                     r"|(?:wrote|put) (?:up |together )?(?:a |the |my )?(?:proposal|plan|pitch)"
                     r"|propos(?:ed|ing)|suggest(?:ed|ing)"
                     r"|the (?:plan|idea) was)\b", re.IGNORECASE)
NOT_REALISED = re.compile(r"\b(?:never (?:got|get) (?:round|around) to|never (?:happened|shipped|landed|went anywhere)"
                          r"|didn'?t (?:happen|ship|land|go anywhere|get (?:built|done|approved|picked up))"
                          r"|(?:got|was|were) (?:parked|shelved|dropped|deprioriti[sz]ed|cancell?ed|scrapped|killed|bumped"
                          r"|put on hold|put on ice|pushed back)|fell through|ran out of time|still on the old"
                          # not done yet: "it hasn't been picked up yet", "it went into the backlog", "I never got to run it"
                          r"|(?:hasn'?t|has not|haven'?t|have not|hadn'?t|had not|never) (?:yet )?(?:been |got |gotten )?"
                          r"(?:picked up|prioriti[sz]ed|scheduled|approved|funded|started|built|implemented|actioned|merged"
                          r"|shipped|rolled out)|(?:went|got put|was put|were put|is|are|sat|sits|still) (?:\w+ )?"
                          r"(?:in|into|on) the (?:backlog|back burner)"
                          r"|(?:never|didn'?t|did not) (?:get|got) (?:the chance |a chance |the time )?to"
                          # still waiting: "the plan is to do it in next year's budget, for now we're still patching them"
                          r"|(?:for now|right now|at the moment|currently|in the meantime|meanwhile),? (?:we|i|they)"
                          r"(?:'re|’re| are|'m|’m| am) still|in next (?:year|quarter|month)['’]?s (?:budget|plan|roadmap)"
                          r"|(?:is|are|was|were|['’]s|['’]re) (?:pencilled|penciled|slated|earmarked|pushed) (?:in )?"
                          r"(?:for|to|into) (?:next|later|the next))\b", re.IGNORECASE)
PLAN_ONLY = "said as a plan that did not happen"
# How many sentences after a plan may say it never happened: "I wrote a proposal to add ... I estimated four days and
# showed it covered every use case. It got parked when priorities shifted."
PLAN_REACH = 2
# Blame laid elsewhere ("that was really on the payments team, their api wasn't ready, so there wasn't much I could do
# about it"; "that was really because she never took anything off my plate"): the interviewer hears no ownership,
# whatever else is said.
BLAMED = re.compile(r"\b(?:(?:wasn'?t|was not) (?:much|anything) (?:more )?i could (?:have )?do(?:ne)?|nothing (?:more )?i could "
                    r"(?:have )?do(?:ne)?|out of my (?:hands|control)|(?:their|his|her) fault|not my fault"
                    r"|(?:that|it|this) (?:was|is) (?:really |all |mostly |entirely )?on (?:them|him|her|(?:the|their) "
                    r"(?:\w+ )?(?:team|side|end|folks|people|planning|estimates|process|dates))"
                    r"|(?:not|wasn'?t|was not|isn'?t) (?:really )?(?:because of|down to|on) me"
                    # "if people couldn't see the value, that's not something I can fix"
                    r"|(?:not|isn'?t|wasn'?t|was not) (?:something|anything) (?:that )?i (?:can|could) (?:have )?"
                    r"(?:fix(?:ed)?|change[d]?|control(?:led)?)"
                    r"|(?:that|it|this) was (?:really |mostly |all |just |partly )?because "
                    r"(?:she|he|they|my (?:manager|lead|boss)|the (?:\w+ )?team|the client|the customer) "
                    r"(?:never|didn'?t|wouldn'?t|couldn'?t|kept|changed))\b",
                    re.IGNORECASE)
SUPPORTING = ("help", "assist", "support", "contribute", "pitch")
THEIRS = ("said by someone else", 'said as "we"', "said as someone else's")
REVERSED = ("denied", "the opposite claim")
WRONG_CLAIM = (*THEIRS, *REVERSED)
# What undoes a claim told before it, in its sentence or the next ("I delivered the next three on time, well the first
# one anyway, the other two slipped"; "the team turned most of them back on two weeks later, so we're pretty much back
# where we were"), or drops it ("it wasn't worth the fight so I let it go"): not where the strong answer says it too
# ("when one fix slipped by a day I told them before the date"). So does having to roll it back ("then we had to roll
# the whole thing back the next morning").
UNDONE = re.compile(r"\b(?:slipped|turned (?:\w+ ){0,3}back on|back (?:to )?where (?:we|it|they) (?:were|was|started)"
                    r"|didn'?t (?:stick|hold|last)|fell apart|slid back|back to square one"
                    r"|(?:went|changed|switched|moved|set) (?:it )?back to "
                    r"(?:the old|the original|the previous|how it was|old habits)"
                    r"|(?:complaints|errors|tickets|alerts|pages|failures|problems?|issues?|incidents|outages|it all) "
                    r"(?:all )?(?:came|crept|started coming) back"
                    r"|wasn'?t worth the fight|backed down|let it slide|didn'?t push (?:it )?(?:any )?further"
                    r"|had to (?:roll (?:\w+ ){0,3}back|revert)|(?:got|was|were) (?:rolled back|reverted)"
                    # the speaker giving in: "I figured it wasn't worth holding everything up and I went along with the hire"
                    r"|(?:wasn'?t|was not|not) worth (?:a |the )?(?:fight|fighting|battle|argument|arguing|hassle|fuss|holding"
                    r"|blocking|pushing|making a fuss)|(?:i|we) (?:just |eventually |finally |basically )?(?:went along with"
                    r"|gave in|caved|deferred to (?:them|the (?:group|room|others|rest))|gave up on (?:it|that|the))"
                    # the old way put back beside or instead of the new: "after a week I put the old scripts back next to
                    # the new ones", "we brought the old dashboard back", "re-enabled the legacy flow"
                    r"|(?:put|brought|added|switched|turned) (?:the |those |that |our |my )?(?:old|original|previous|legacy)"
                    r" (?:\w+ ){0,2}back\b|(?:put|brought|added) (?:it|them|those) back (?:in|next to|alongside|beside)"
                    r"|re-?(?:enabled|instated|introduced|added) the (?:old|original|previous|legacy)"
                    r"|(?:most|many|half|some) (?:of )?(?:people|them|the team|engineers|users) (?:\w+ )?still (?:use|used)\b)\b",
                    re.IGNORECASE)
# The words after the contrast that may take the claim back: a run-on's rest, said with no stop, is other claims.
AFTER_CONTRAST = 20
# The speaker's own plan and a "but" after it, in the same sentence: "I was going to go through them with the pm ... but
# she was slammed that week so I just kept all of them in". What one was going to do, said with a but, was not done.
MEANT_BUT = re.compile(r"\bi (?:was going|meant|intended|hoped|was hoping|was planning|planned) to\b"
                       rf"(?:\W+\w+){{1,{AFTER_CONTRAST}}}?\W+but\b", re.IGNORECASE)
# A claim said and then taken back after one of these, in the same sentence or the next: "Pages fell from 25 to 6
# at first, but it never stayed there", "I told my manager ..., but two of my commitments slipped, so not
# everything landed on time".
CONTRAST = re.compile(r"\b(?:but|until|though|although|however|yet)\b", re.IGNORECASE)
# The candidate saying they did not do it ("I never really asked what they needed"), or tried and did not ("I tried
# to keep it small, but every team had its own use cases").
NOT_DONE = re.compile(r"\bi (?:(?:really|actually|just|even|ever|honestly|genuinely)\s+)*"
                      r"(?:never|didn'?t|did not|couldn'?t|could not|wasn'?t able|haven'?t|hadn'?t)\b"
                      r"|\bi (?:tried|meant|wanted|was going|planned|intended|hoped) to\b.*\bbut\b", re.IGNORECASE)

# The speaker anywhere in an answer ("I'd", "I've" too): an answer without it is told all as "we" or of others.
FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)
# Figures or a finding the speaker says were a guess ("I didn't pull any numbers at the time, it was more of a gut
# thing"; "I'm guessing here"): where the strong answer gives its figures, what the interviewer hears is that there
# were none. Not a gut reaction the answer then tests ("my gut feeling was the cache, but I profiled it").
GUESSED = re.compile(r"\b(?:(?:didn'?t|did not|never) (?:pull|have|check|run|look at|get|gather|collect|measure) (?:any|the) "
                     r"(?:hard )?(?:numbers|data|figures|metrics|stats)|(?:was|is) (?:more of |just |really |mostly |all )?"
                     r"(?:a |my )?gut (?:thing|feeling|call|instinct)(?! (?:was|said|told)\b)|went with (?:my|our) gut"
                     r"|i'?m (?:just |kind of )?guessing|(?:a|my) (?:rough |wild )?guess(?:timate)?\b(?! (?:was|turned)\b))\b",
                     re.IGNORECASE)
# An admission: a denial stressed by "really", "actually", "even" ("so I didn't really dig into it", "I never actually
# had that conversation with her"), not a lack of prior experience ("I'd never actually used Kafka").
ADMITTED = re.compile(r"\bi (?:didn'?t|did not|never|haven'?t|hadn'?t) (?:really|actually|even|ever)\b"
                      r"(?! (?:used|worked|touched|known|seen|heard|understood|done|met)\b)"
                      # said as a repair: "well actually I didn't say it in the review itself"
                      r"|\bwell,? actually,? i (?:didn'?t|did not|never|wasn'?t|was not)\b"
                      # owning up to the shortfall: "I know that wasn't holding the bar but we needed bodies"
                      r"|\bi know (?:that|it|this) (?:wasn'?t|was not|isn'?t|is not)\b", re.IGNORECASE)
# A correction said aloud: what follows takes back or shrinks what came before ("Well, deleted is a strong word, I
# moved them into a legacy folder"; "Actually, I should be straight with you, it was their on-call who did it"). Not a
# concession ("to be fair, the part-timer did help"; "and I'll admit it was tempting"). Spoken, a correction also comes
# as a repair of what was just said ("the feature launched on its original date, well actually no, sorry, the launch
# slipped"; "every sprint, well I say every sprint, we did it for one sprint"): not "no one" or "no longer".
CORRECTED = re.compile(r"\b(?:to be honest|if i'?m (?:being )?honest|i should be (?:straight|honest|upfront) with you"
                       r"|truth be told|is a (?:strong word|stretch|bit of a stretch)|is overstating it|i'll be honest"
                       r"|actually,? no(?! one| longer| more)|no,? sorry|sorry,? no|well,? i say|or rather|scratch that"
                       r"|let me correct (?:that|myself))\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _mine_in_strong(probe: Probe) -> frozenset[str]:
    """The listen-fors the strong answer says in a clause of the candidate's own ("I ..."), or says
    nowhere; not those it gives to someone else ("She chose the two-day delay", "We met every week")."""
    if not probe.strong:
        return frozenset(probe.listen_for)
    heard = find_all([Idea(p, probe.strong) for p in probe.listen_for], probe.strong)
    # with no one acting in its clause, a deed or a change is still the candidate's ("It has since caught two bad
    # deploys"); a state is not ("Her code was solid")
    return frozenset(h.idea for h in heard if not h.sentence or h.actor == "self"
                     or (not h.actor and any(is_past(w) or norm(w) in normed(CHANGES) for w in h.idea.split())))


# What the strong answer turns down: the words after "instead of"/"rather than", and a clause before "but" in a
# sentence that ends its choice with "instead" ("My first reaction was to defend myself, but I asked for an
# example instead").
_REJECTED = re.compile(r"\b(?:instead of|rather than)\s+([^,.;:]+)|([^,.;:]+),?\s+but\b[^.;]*\binstead\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _rejected_in_strong(probe: Probe) -> frozenset[str]:
    """The listen-fors the strong answer names only as what the candidate did not do: an answer that denies them
    ("instead of reacting defensively") agrees with it, one that says them as done ("I defended my approach")
    makes the other claim."""
    if not probe.strong:
        return frozenset()
    turned_down = " . ".join(m.group(1) or m.group(2) for m in _REJECTED.finditer(probe.strong))
    if not turned_down:
        return frozenset()
    rest = _REJECTED.sub(" . ", probe.strong)
    ideas = [Idea(p, probe.strong) for p in probe.listen_for]
    there = {h.idea for h in find_all(ideas, turned_down) if h.said}  # words only: which listen-fors it names
    return frozenset(there - {h.idea for h in find_all(ideas, rest) if h.said})


@lru_cache(maxsize=256)
def _turned_in_strong(probe: Probe) -> frozenset[str]:
    """The listen-fors the strong answer turns down (_rejected_in_strong) or itself says denied ("realised I didn't
    understand"): an answer says them by their denial."""
    if not probe.strong:
        return frozenset()
    ideas = [Idea(p, probe.strong) for p in probe.listen_for]
    denied = {h.idea for h in find_all(ideas, probe.strong) if not h.said and h.why in REVERSED}
    return _rejected_in_strong(probe) | denied


def _theirs(h: Heard) -> bool:
    """Is an idea said as someone else's deed? Said where another person acts ("they wrote a script") or as
    "we", in a sentence where the candidate does no work of their own (passing it on is not work: "I raised it
    with security and they wrote a script")."""
    said = [d for d in deeds(h.sentence) if not d.denied]
    # helping with someone else's idea is no work of one's own on it ("our architect proposed a shared pipeline
    # for all of them and I helped build the first version")
    if any(d.actor == "self" and not passes_on(d) and d.verb not in normed(SUPPORTING) for d in said):
        return False
    if norm(h.idea.split()[0]) in normed(CHANGES):
        # an outcome ("stayed", "fell from") is no one's deed, but told beside someone else's work and none of the
        # candidate's ("the DBA added an index and p99 dropped from 900 to 150") it is that work's result
        return any(d.actor == "other" for d in said)
    if h.actor == "other":
        return any(d.actor == "other" for d in said)
    return h.actor == "group"


def _as_rejected(h: Heard) -> Heard:
    """An idea the strong answer turns down, read the other way round: denied is said, said is the other claim."""
    if h.said:
        return Heard(h.idea, False, h.score, h.sentence, "the opposite claim", h.actor)
    if h.why in ("denied", "the opposite claim"):
        return Heard(h.idea, True, h.score, h.sentence, "", h.actor)
    return h


def _taken_back(probe: Probe, text: str, heard: list[Heard]) -> str | None:
    """Why the answer takes back a claim a strong answer makes, or None:

    - a clause says one of the probe's ideas and the words after a "but" (in its sentence or the next) deny one:
      "I said I'd commit, but I never actually got round to adding that metric";
    - the candidate says they did not do what the strong answer says they did: "I never really asked what they
      needed".

    What the strong answer itself turns down or denies is left out ("my gut reaction was to push back, but I
    stopped and asked"; "I realised I didn't understand how query planners decide")."""
    rejected = _turned_in_strong(probe)
    ideas = [Idea(p, probe.strong) for p in probe.listen_for if p not in rejected]
    parts = sentences(text)
    mine = _mine_in_strong(probe)
    for h in heard:
        if h.said or h.why not in REVERSED or h.idea in rejected or h.sentence not in parts:
            continue
        if h.idea in mine and h.actor == "self" and NOT_DONE.search(h.sentence):
            return f'You said you did not: {h.idea} ("{_quote(h.sentence)}").'
    for at, sentence in enumerate(parts):
        for m in CONTRAST.finditer(sentence):
            after = " ".join(sentence[m.end():].split()[:AFTER_CONTRAST])  # a run-on's rest is other claims
            back = [x for x, idea in zip(find_all(ideas, after), ideas)
                    if x.why in REVERSED and not is_denial(idea)]
            told = _told_before(ideas, parts, at, m.start()) if back else []
            if told:
                return f'Said, then taken back: {told[0].idea}, but not {back[0].idea} ("{_quote(sentence)}").'
    for at, sentence in enumerate(parts):
        undone = UNDONE.search(sentence)
        if undone and not UNDONE.search(probe.strong):
            told = _told_before(ideas, parts, at, undone.start())
            if told:
                return f'Said, then undone: {told[0].idea} ("{_quote(sentence)}").'
    checks = [(ADMITTED, "You said you did not"), (CORRECTED, "Said, then corrected")]
    if find_metric(probe.strong):  # a guess matters where the strong answer gives figures
        checks.append((GUESSED, "Said the figures were a guess"))
    for pattern, kind in checks:
        where = next((x for x in parts if any(_opens_a_claim(x, m) for m in pattern.finditer(x))), None)
        if where is not None and not pattern.search(probe.strong):
            return f'{kind} ("{_quote(where)}").'
    return None


# A confession's preface ("to be honest", "if I'm honest", "truth be told") opens what it confesses. Said last in its
# sentence it is a tag on the clause before it, a confession where that clause denies ("Nothing really failed, to be
# honest"; "I didn't really weigh it against revenue, to be honest") and no correction where it tells something else
# ("the rest of that week was mostly me catching up on my own sprint work to be honest"). A repair ("scratch that", "or
# rather", "is a strong word") points back, wherever it is said.
_PREFACE = re.compile(r"to be honest|if i'?m (?:being )?honest|truth be told|i'll be honest|i should be", re.IGNORECASE)
# Words a preface needs after it in its sentence to open a confession ("to be honest, I didn't ..."), and how many words
# before a tag are its clause.
PREFACE_OPENS = 3
TAGGED = 10
_DENYING = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|cannot)\b|n['’]t\b", re.IGNORECASE)


def _opens_a_claim(sentence: str, m: re.Match[str]) -> bool:
    """Is the match (of ADMITTED, CORRECTED or GUESSED) a correction in its sentence: not a confession's preface as a
    tag (words before it, fewer than PREFACE_OPENS after it) on a clause that denies nothing in its last TAGGED words?
    A preface said as a sentence of its own (a live transcript may cut "to be honest" off) opens the next."""
    before = sentence[:m.start()].split()
    if not _PREFACE.match(m.group(0)) or not before or len(sentence[m.end():].split()) >= PREFACE_OPENS:
        return True
    return bool(_DENYING.search(" ".join(before[-TAGGED:])))


def _told_before(ideas: list[Idea], parts: list[str], at: int, end: int) -> list[Heard]:
    """The ideas said in the sentence before sentence `at` and in it up to character `end`: what a "but" or an
    undoing there takes back ("That held for a month, but then ...")."""
    return [x for x in find_all(ideas, " ".join(parts[max(0, at - 1) : at] + [parts[at][:end]])) if x.said]


def _unrealised(text: str) -> set[str]:
    """The sentences that tell a plan the answer says never happened (PLANNED, NOT_REALISED), in its sentence or up to
    PLAN_REACH sentences on, with those between, which tell the plan: "I wrote a proposal to add an audit log. I
    estimated four days. It got parked when priorities shifted"; or with a "but" after the speaker's own plan
    (MEANT_BUT)."""
    parts = sentences(text)
    out = set()
    for at, sentence in enumerate(parts):
        plan = PLANNED.search(sentence)
        if not plan:
            continue
        if NOT_REALISED.search(sentence, plan.end()) or MEANT_BUT.search(sentence):
            out.add(sentence)
            continue
        end = next((k for k in range(at + 1, min(len(parts), at + 1 + PLAN_REACH)) if NOT_REALISED.search(parts[k])), None)
        if end is not None:
            out.update(parts[at:end])
    return out


def _quote(sentence: str, most: int = 90) -> str:
    return sentence if len(sentence) <= most else sentence[: most - 1] + "…"


def _numbers(text: str) -> set[str]:
    """The figures of a text as digits, but "one" ("one host", "a single order"), a count said in passing, and
    zero ("10 000" read as "10" and "000"; "none" for "zero")."""
    return {t for t in normalise_numbers(tokens(text)) if t.replace(".", "", 1).isdigit() and float(t) not in (0, 1)}


def _agency(said: tuple[Deed, ...]) -> tuple[int, int, bool]:
    """(the candidate's own deeds of work, others' and the group's deeds, handed off?)."""
    mine = [d for d in said if d.actor == "self" and not d.denied]
    work = [d for d in mine if not passes_on(d)]
    others = [d for d in said if d.actor in ("other", "group") and not d.denied]
    routed = [d for d in said if d.actor in ("self", "group") and not d.denied and passes_on(d)]
    handed = not work and bool(routed)  # passed on by the candidate (or "we"), nothing of their own
    return len(work), len(others), handed


@lru_cache(maxsize=256)
def _strong_agency(probe: Probe) -> tuple[int, int, bool]:
    """The strong answer's own agency: where it too asks others to act ("I asked a data scientist to check"),
    or its deeds are others' (a result: "the owning team later confirmed"), that is no hand-off here."""
    return _agency(deeds(probe.strong)) if probe.strong else (1, 0, False)


@lru_cache(maxsize=256)
def _strong_deeds(probe: Probe) -> frozenset[str]:
    """The verbs the strong answer gives the candidate ("I told the product manager", "I took the hardest piece")."""
    return frozenset(d.verb for d in deeds(probe.strong) if d.actor == "self" and not d.denied) if probe.strong else frozenset()


def _given_away(probe: Probe, said: tuple[Deed, ...]) -> list[str]:
    """The strong answer's own deeds done in this answer by someone else and never by the candidate: "I let my
    tech lead know and she told the product manager" where the strong answer says "I told the product manager";
    "the others took the hard parts" where it says "I took the hardest piece"."""
    mine = {d.verb for d in said if d.actor == "self" and not d.denied}
    theirs = {d.verb for d in said if d.actor == "other" and not d.denied}
    return sorted((_strong_deeds(probe) & theirs) - mine)


# Deeds that judge others' work rather than do it: reviewing, approving, signing off.
# Each as the reason says it.
ENDORSING = {"review": "reviewed it", "approve": "approved it", "sign": "signed it off", "okay": "okayed it",
             "accept": "accepted it", "endorse": "endorsed it", "agree": "agreed with it"}
_ENDORSED = {norm(w): said for w, said in ENDORSING.items()}


def _endorsed(probe: Probe, said: tuple[Deed, ...], theirs: bool = False) -> str:
    """"reviewed and approved it" when the candidate's deeds are mostly a judgement of what others did and others
    did something (a deed of theirs, or `theirs`: one of the strong answer's own ideas said as theirs, as in "the mail
    team came back with a plan to spread the sends ... and I reviewed it and signed it off"), unless the strong
    answer's own deeds are such judgements ("I reviewed her last 10 pull requests")."""
    endorsing = set(_ENDORSED) - _strong_deeds(probe)
    mine = [d for d in said if d.actor == "self" and not d.denied and not passes_on(d)]
    judged = [d for d in mine if d.verb in endorsing]
    others = [d for d in said if d.actor == "other" and not d.denied]
    if not others and theirs:  # their idea with no deed of theirs: signing off a plan, not sharing a view ("I agreed")
        judged = [d for d in judged if d.verb != norm("agree")]
    if not judged or not (others or theirs) or len(mine) - len(judged) > len(judged):
        return ""
    return " and ".join(dict.fromkeys(_ENDORSED[d.verb] for d in judged))


def _answers_another(probe: Probe, others: Sequence[Probe], text: str) -> Probe | None:
    """The other probe of the story whose strong answer the answer is nearest in meaning, where it is nearer
    than this probe's own strong answer by ANOTHER_QUESTION or more; None where there is no such probe, nothing
    to compare (no strong answers) or no sentence model installed."""
    rivals = [p for p in others if p.strong and p.question != probe.question]
    near = embed.default() if probe.strong and rivals and text.strip() else None
    if near is None:
        return None
    v = near.vectors([text, probe.strong, *(p.strong for p in rivals)])
    sims = v[2:] @ v[0]
    best = int(sims.argmax())
    return rivals[best] if float(sims[best] - v[1] @ v[0]) >= ANOTHER_QUESTION else None


def model_sides(probe: Probe) -> tuple[str, str] | None:
    """The strong and weak sides the probe model reads an answer against: the probe's own answers, or for a generic
    probe (no strong answer) its strong_key and what it probes for against GENERIC_WEAK; None where there is neither."""
    if probe.strong and probe.weak:
        return probe.strong, probe.weak
    if not probe.strong and (probe.strong_key or probe.probes_for):
        return " ".join(x for x in (probe.strong_key, probe.probes_for) if x), GENERIC_WEAK
    return None


def grade(probe: Probe, index: int, text: str, beside: Sequence[Probe] = (), *, reread: bool = True) -> ProbeResult:
    """Grade a probe answer against what it probes for, its weak and strong answers; `beside` are the
    probes asked beside this one (an answer may answer one of them instead). With `reread`, the grade is read
    again by the bundled probe model (coach/probe_model.py), whose grade stands by the
    policy coach/probe_model.SHIPPED names."""
    label, reasons, fault = _by_rule(probe, text, beside)
    sides = model_sides(probe) if reread else None
    if sides and len(text.split()) >= TOO_SHORT_WORDS and fault != "no example":  # a few words, or no example, stay weak
        label = _reread(probe, sides, text, label, reasons,
                        probe_model.SHIPPED if fault is None else probe_model.AFTER_A_FAULT)
    if label == "strong" and probe.strong_key:
        reasons.insert(0, f"Matches the strong answer: {probe.strong_key}")
    if label != "strong" and probe.strong_key:
        reasons.append(f"A strong answer shows: {probe.strong_key}")
    if not reasons:
        reasons.append(f"Probes for: {probe.probes_for}" if probe.probes_for else "Answer heard.")
    return ProbeResult(index, probe.question, label, tuple(_LOWER_I.sub("I", r) for r in reasons))


def _by_rule(probe: Probe, text: str, beside: Sequence[Probe]) -> tuple[ProbeVerdict, list[str], Fault]:
    """The rule's grade and its reasons, before any second reading, and whether it named a fault that set the grade
    ("no example": only a plan or what one would do; "named": a claim taken back, blame laid elsewhere, others' work,
    another question answered, the weak answer's words, all "we"...; None: the grade is the points' alone)."""
    w = PROBE_WEIGHTS
    faults: list[str] = []
    toks = norm_tokens(text)
    reasons: list[str] = []
    flags = [f for f in probe.red_flags if phrase_found(f, toks, min_share=1.0, in_order=True)[0]]
    turned = _turned_in_strong(probe)
    heard: list[Heard] = [_as_rejected(h) if h.idea in turned else h
                          for h in find_all([Idea(p, probe.strong) for p in probe.listen_for], text, sentences=True)]
    # An idea said only where the candidate is absent ("their tech lead wrote a tested fix") is theirs,
    # unless the strong answer too says it of someone else ("She chose the two-day delay").
    mine_in_strong = _mine_in_strong(probe)
    theirs = [Heard(h.idea, False, h.score, h.sentence, "said as someone else's", h.actor)
              for h in heard if h.said and h.idea in mine_in_strong and _theirs(h)]
    told_supposed = _supposed_sentences(text)
    supposed = [h for h in heard if h.said and (h.sentence in told_supposed or _supposed(h.sentence))]
    unrealised = _unrealised(text)
    planned = [h for h in heard if h.said and h.sentence in unrealised and h not in supposed]
    heard = [Heard(h.idea, False, h.score, h.sentence, SUPPOSED, h.actor) if h in supposed
             else Heard(h.idea, False, h.score, h.sentence, PLAN_ONLY, h.actor) if h in planned else h
             for h in heard]
    said = [h.idea for h in heard if h.said and h.idea not in {t.idea for t in theirs}]
    wrong = [h for h in heard if not h.said and h.why in WRONG_CLAIM] + theirs
    said_deeds = deeds(text)
    work, others, handed = _agency(said_deeds)
    strong_work, strong_others, strong_handed = _strong_agency(probe)
    given = _given_away(probe, said_deeds)
    # A strong answer that itself passes something on ("I told the product manager the same day") is no
    # hand-off, but passing it to someone who then does that deed is ("I let my lead know and she told her").
    handed = handed and (not strong_handed or bool(given))
    words = len(text.split())
    points = 0.0
    if flags:
        reasons.append(f'Weak signal: "{flags[0]}". {probe.weak_why}'.strip())
        points -= w["red-flag"]
    generic = not probe.strong  # a principle's generic probe: abstract listen-fors, no strong answer to read against
    if heard:
        points += (GENERIC["ideas"] if generic else w["ideas"]) * len(said) / len(heard)
        points -= w["wrong-claim"] * len(wrong) / len(heard)
        if said:
            reasons.append(f"Said: {', '.join(said)}.")
        for kind, group in (("Said as someone else's work", [h for h in wrong if h.why in THEIRS]),
                            ("Said the other way round", [h for h in wrong if h.why not in THEIRS])):
            if group:
                reasons.append(f'{kind}: {", ".join(h.idea for h in group)} ("{_quote(group[0].sentence)}").')
        if planned:
            reasons.append(f"Told as a plan that did not happen: {', '.join(h.idea for h in planned)} "
                           f'("{_quote(planned[0].sentence)}"). Say what was done.')
        if supposed:
            reasons.append(f"Told as what you would do, not what you did: {', '.join(h.idea for h in supposed)}. "
                           "Give the real example.")
        missing = [h.idea for h in heard if not h.said and h not in wrong and h.why not in (SUPPOSED, PLAN_ONLY)][:3]
        if missing:
            reasons.append(f"Not heard: {', '.join(missing)}.")
    if probe.strong and probe.weak:
        points += w["likeness"] * (likeness(text, probe.strong) - likeness(text, probe.weak))
    if handed:
        points -= w["handoff"]
        reasons.append("Handed off: others did the work after you passed it on. Say what you did yourself.")
    elif work >= 2 and work >= others:
        points += w["mine"]
    elif others > work and strong_work > strong_others:  # not where the strong answer too tells others' deeds
        points -= w["theirs"]
        reasons.append('More done by "we" or others than by you: say what you did.')
    if find_metric(text):
        points += w["metric"]
        if generic and work >= 2 and work >= others:
            points += GENERIC["told"]  # the candidate's own deeds with a figure: a real example, in any words
    if words < SHORT_WORDS:
        points -= w["short"]
        reasons.append(f"Only {words} words: a probe answer needs specifics.")
    # The strong answer's specifics: 142 of the 148 bundled strong answers give a number.
    specific = words >= STRONG_MIN_WORDS and (bool(find_metric(text)) or not find_metric(probe.strong))
    other_numbers = sorted(_numbers(text) - _numbers(probe.strong), key=float) if probe.strong else []
    if len(other_numbers) >= OTHER_NUMBERS:
        specific = False
        reasons.append(f"Not your story's figures: {', '.join(other_numbers)}.")
    label: ProbeVerdict = "strong" if points >= STRONG_FROM and specific else "adequate" if points >= ADEQUATE_FROM else "weak"
    if len(wrong) > len(said):  # more of the probe's ideas reversed or given to others than said
        label = "weak"
        faults.append("named")
    if strong_work and ((wrong and others and not work) or (any(h.why in THEIRS for h in wrong) and others > work)):
        # the strong answer's words for what others did, and others doing more than the candidate; not where the
        # strong answer itself tells no work of the candidate's ("their lead asked me to own a component": a result)
        label = "weak"
        faults.append("named")
    if (supposed or planned) and not said:  # only what one would do or meant to do: no real example given
        label = "weak"
        faults.append("no example")
    elif not said and _only_told(text, told_supposed):  # none of the ideas, and all the speaker tells is what they would do
        label = "weak"
        faults.append("no example")
        reasons.append("Told as what you would do, not what you did: give the real example.")
    elif not said and _only_told(text, unrealised):  # none of the ideas, and all the speaker did is a plan still waiting
        label = "weak"
        faults.append("no example")
        reasons.append("Told as a plan that has not happened: say what was done.")
    elif supposed or planned:
        label = "adequate" if label == "strong" else label
        faults.append("named")
    if flags:  # the weak answer's own words said: never strong
        label = "adequate" if label == "strong" else label
        faults.append("named")
    taken_back = _taken_back(probe, text, heard) if label != "weak" else None
    if taken_back:  # what the interviewer hears is the taking back
        label = "weak"
        faults.append("named")
        reasons.append(f"{taken_back} Tell what you did and what held.")
    blamed = BLAMED.search(text)
    if blamed and not (probe.strong and BLAMED.search(probe.strong)):
        label = "weak"
        faults.append("named")
        reasons.append(f'Blame laid elsewhere ("{blamed.group(0)}"): say what you owned and did.')
    if handed:
        label = "adequate" if label == "strong" else label
        faults.append("named")
    # Where the strong answer's deeds are others' here and so are most of its ideas said, the candidate joined
    # what others did: not strong ("Another engineer built a prototype and put it behind a feature flag for five
    # percent of users, so I joined to build the full version").
    others_ideas = sum(h.actor == "other" for h in heard if h.said and h.idea in mine_in_strong)
    if given and label == "strong" and others > work and 2 * others_ideas > len(said):
        label = "adequate"
        faults.append("named")
    # Most of the strong answer's own ideas told where someone else acts, one of them as plainly theirs ("Our architect
    # thought it would save three months and put a cost comparison in the design review. I agreed with her"): the story
    # of another's work.
    acts = [h.actor for h in heard if h.idea in mine_in_strong and (h.said or h.why in THEIRS)]
    if (label == "strong" and any(h.why in THEIRS for h in wrong) and acts.count("other") >= OTHERS_IDEAS
            and acts.count("other") > acts.count("self")):
        label = "adequate"
        faults.append("named")
        reasons.append("Most of what a strong answer does is told as someone else's doing: say what you did.")
    # Told all as "we", the speaker nowhere in it, where the strong answer tells the speaker's own deeds: the
    # interviewer's next question is "what did you do?" ("We looked at the numbers as a team ... so we went for fifty").
    if (label == "strong" and strong_work and not work and not FIRST_PERSON.search(text)
            and any(d.actor == "group" for d in said_deeds)):
        label = "adequate"
        faults.append("named")
        reasons.append('Told all as "we": say what you did yourself.')
    # Others did the work and the candidate reviewed or approved it ("Our staff engineer added an idempotency check ...
    # and I approved both of those pull requests"): an endorsement, not the strong answer's own deeds.
    endorsed = _endorsed(probe, said_deeds, any(h.why in THEIRS for h in wrong))
    if endorsed and label != "weak":
        label = "weak"
        faults.append("named")
        reasons.append(f"Others did the work and you {endorsed}: say what you did yourself.")
    if given and not work and others:  # the strong answer's deeds done by others, none of the candidate's own
        label = "weak"
        faults.append("named")
        reasons.append(f"Someone else did what a strong answer does itself ({', '.join(given)}).")
    if words < TOO_SHORT_WORDS:
        label = "weak"
    # Said only where the answer would be strong: on a thinner answer the nearest strong answer is often another
    # probe's by one shared word ("I got the build under ten minutes, so I hit the goal I'd set" is nearer "How did
    # you set the goal?" than its own probe's strong answer, which gives the hours saved).
    another = _answers_another(probe, beside, text) if label == "strong" else None
    if another is not None:
        label = "adequate"
        faults.append("named")
        reasons.append(f'This answers another question ("{another.question}") more than the one asked: '
                       "answer what was asked.")
    return label, reasons, "no example" if "no example" in faults else "named" if faults else None


def _reread(probe: Probe, sides: tuple[str, str], text: str, rule: ProbeVerdict, reasons: list[str],
            moves: probe_model.Policy) -> ProbeVerdict:
    """The rule's grade read again by the probe model against `sides` (model_sides), by the policy `moves`: kept,
    lowered with the sentence it leans on, or lifted."""
    model = probe_model.default()
    if model is None:
        return rule
    reading = model.read(probe_model.probe_text(probe.question, *sides), sentences(text) or [text], rule, moves)
    label = reading.label
    if label == rule:
        return rule
    if label == "strong":  # lifted: the strong answer's deeds told in other words
        wording = "the strong answer's wording" if probe.strong else "the principle's wording"
        heard = (f"what is listed as not heard is {wording}" if rule == "adequate" else
                 f"the notes above are what a reading by {wording} heard, not the grade")
        reasons.append(f"Read again by a model trained on graded answers, this does what a strong answer does, in "
                       f"words of your own: {heard}.")
        return label
    if probe_model.RANK[label] > probe_model.RANK[rule]:
        reasons.append("Read again by a model trained on graded answers, this sounds adequate, not weak: "
                       "what is said above still keeps it from strong.")
        return label
    near = embed.default()
    if near is not None:
        # The sentence it leans on is one of the strong answer's own, all but word for word: there is no undoing to
        # point at (the model, trained on many strong answers undone once, reads some retellings as undone).
        v = near.vectors([reading.sentence or text, *sentences(probe.strong)])
        if float((v[1:] @ v[0]).max(initial=-1.0)) >= probe_model.RETOLD:
            return rule
    where = f', most from "{_quote(reading.sentence, 160)}"' if reading.sentence else ""
    reasons.append(f"Read again by a model trained on graded answers, this sounds {label}, not {rule}{where}: "
                   "check that you say what you did yourself, that it happened and that it held.")
    return label


# The stories' listen-fors are written in lower case ("i checked", "what i knew"); shown, the speaker is "I". Not the
# "i" of "i.e.".
_LOWER_I = re.compile(r"(?<![\w.'’])i(?=['’]|\b)(?![\w.])")
