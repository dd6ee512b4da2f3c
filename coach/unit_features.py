"""What a unit of an answer does, as named features: the evidence the STAR split weighs.

Each feature is a plain property of the words in general spoken English, not
a phrase from any evaluation answer: the tense and aspect of the verbs ("had
become" and "was running" set a scene, "I wrote" acts, "fell to" is an
outcome, "I now check" reflects), who the clause's subject is (I, we, someone
else), what kind of verb it has (doing, outcome, state, knowing), discourse
markers ("then", "as a result", "looking back"), numbers, goal and duty words.
How much each one counts for each section is learned (`bench/train_segmenter.py`,
weights in `coach/data/segmenter.json`). A unit is read together with its
neighbours. Text arrives as `units.Unit.toks`: lowercase, no punctuation,
numbers as digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.lexicon import NOT_PAST

# Verb classes. Past forms: regular "-ed" plus the irregular ones that answers use.
_IRREGULAR_PAST = (
    "wrote|built|ran|found|made|took|met|led|sent|put|spoke|brought|began|drew|sat|got|gave|did|kept|cut|set|"
    "went|saw|told|thought|knew|felt|held|left|paid|read|rewrote|sought|taught|chose|caught|won|lost|spent|"
    "stood|understood|became|came|fought|split|shut|broke|hit|let|said|heard|dug|sold|bought|laid|rebuilt|"
    "grew|rose|fell|shrank|drove|flew|threw|wore|ate|hid|rode|shook|struck|swore|tore|woke|withdrew|overcame|"
    "undertook|oversaw|redid|reran|mistook"
)
_PAST = rf"(?:\w+ed|{_IRREGULAR_PAST})"
# Verbs that report an outcome rather than a step taken.
_OUTCOME = ("fell|dropped|rose|increased|decreased|reduced|improved|grew|doubled|halved|tripled|saved|shrank|"
            "climbed|peaked|recovered|eliminated|reached|jumped|declined|lowered|raised|boosted|met|achieved|"
            "completed|exceeded|delivered|finished|won|succeeded|resulted|led|helped|allowed|enabled|became|"
            "stayed|hit|passed|went|came|cut|gained|earned|shipped|launched|closed|avoided|prevented|ended|"
            "received|got|managed|secured|landed|attributed|adopted|agreed|approved|returned|remained")
# Verbs of state and of knowing, which set a scene or draw a lesson rather than act.
# "looked" is a state ("it looked fine"), "looked into" a step taken.
_STATE = ("was|were|had|seemed|looked(?! into| at| for| through| over)|"
          "kept|used|wanted|needed|liked|owned|knew|felt|thought|believed|hoped")
_KNOW = "learned|learnt|realized|realised|understood|noticed|discovered|saw|found|figured|recognized|recognised"
_BASE_I = ("always|now|try|make|check|ask|write|start|look|keep|use|believe|think|know|prefer|tend|treat|read|"
           "plan|push|build|put|spend|set|pair|run|measure|bring|share|talk|focus|value|see|still|also|often|"
           "usually|never|am|have|do|don't|want|need|get|find|lead|tell|test|review|involve|include|apply|"
           "remember|carry|aim|prioriti[sz]e|encourage|favor|favour|default|insist|schedule")
_LEAD = r"^(?:(?:so|and|then|but|first|next|also|finally|after that|at first|eventually|later|afterwards) )*"
_ADV = r"(?:also |then |first |quickly |immediately |personally |myself |still |finally |eventually |soon |later )?"


def _agent(subject: str, verbs: str, exclude: str = "") -> str:
    neg = f"(?!(?:{exclude})\\b)" if exclude else ""
    return rf"\b{subject} {_ADV}{neg}(?:{verbs})\b"


PATTERNS: dict[str, str] = {
    # who acts, and with what kind of verb
    "i_act": _agent("i", _PAST, f"{_OUTCOME}|{_STATE}|{_KNOW}"),
    "i_act_first": _LEAD + _agent("i", _PAST, f"{_OUTCOME}|{_STATE}|{_KNOW}")[2:],
    "we_act": _agent("(?:we|the team|our team)", _PAST, f"{_OUTCOME}|{_STATE}|{_KNOW}"),
    "outcome_verb": rf"\b(?:{_OUTCOME})\b",
    "subject_outcome": rf"\b(?:i|we|it|this|that|they|the \w+|our \w+|\w+s) {_ADV}(?:{_OUTCOME})\b",
    "state_verb": rf"\b(?:{_STATE})\b",
    "i_know": _agent("i", _KNOW),
    # a step said without its subject, as a bullet or a terse answer says it ("Implemented staff and break
    # management", "Performed a root cause analysis"): a past verb that opens the unit, not an outcome or a state
    "act_first": rf"^(?:(?:and|then|also|first|next|finally) )*(?:\w+ly )?(?!(?:{_OUTCOME}|{_STATE}|{_KNOW})\b){_PAST}\b",
    # a goal said as its infinitive ("To consistently maintain labor costs under the KPI")
    "to_first": r"^(?:my |our |the )?(?:goal|aim|task|job|objective)?(?: was)? ?to (?:\w+ly )?\w+",
    "subject_i": _LEAD + r"i\b",
    "subject_we": _LEAD + r"(?:we|our team|the team)\b",
    "subject_other": _LEAD + r"(?:the|a|an|our|their|my|his|her|some|most|many|every|each|all|they|he|she|it|"
                     r"people|customers|users|nobody|no one|everyone|management|leadership|there)\b(?! i\b)",
    "third_party_agent": r"\b(?:my|our|the) (?:manager|director|boss|lead|vp|ceo|cto|client|customer|head|owner|"
                         r"principal|supervisor|stakeholders?|team lead) (?:\w+ )?(?:wanted|asked|said|told|decided|"
                         r"had|was|needed|expected|gave|put|came)\b",
    # tense and aspect
    "past_perfect": r"\bhad (?:\w+ )?(?:been|become|grown|started|stopped|gotten|got|risen|fallen|come|begun|"
                    rf"never|already|{_PAST})\b",
    "past_progressive": r"\b(?:was|were) (?:\w+ )?\w+ing\b",
    "there_was": r"\bthere (?:was|were|had been)\b",
    "used_to": r"\bused to\b",
    "present_i": rf"\bi (?:{_BASE_I})\b",
    "present_be": r"\b(?:is|are|am|isn't|aren't|does|doesn't|don't|it's|that's)\b",
    "would": r"\b(?:would|i'd|should|could have|might)\b",
    "future": r"\b(?:will|going forward|in the future|next time|from now on)\b",
    # setting the scene
    "scene_opener": r"^(?:so |and |well )?(?:at|while|when|back|last|during|in my (?:previous|last|first|old|former)|"
                    r"this was|it was|a (?:few|couple)|about \d+ (?:years|months)|early|earlier|before|one day)\b",
    "time_ago": r"\b(?:ago|at the time|at that time|back then|last (?:year|spring|summer|fall|autumn|winter|quarter|"
                r"month|semester)|previous (?:role|job|company|position|team)|years? back|one (?:day|morning|night))\b",
    "role": r"\bi (?:was|worked|work) (?:as|at|on|for|in)\b|\bi was (?:a|an|the) (?:\w+ ){0,2}(?:at|on|in|for|of|with)\b"
            r"|\b(?:as|being) (?:a|an|the) (?:senior |junior |new |lead )?\w+ (?:at|on|in|for)\b",
    "org_noun": r"\b(?:company|startup|firm|bank|hospital|agency|organi[sz]ation|retailer|chain|school|university|"
                r"store|factory|warehouse|department|platform|client|project)\b",
    "problem": r"\b(?:problem|issue|complain\w*|fail\w*|outage|broken|slow|late|crash\w*|delay\w*|shortage|"
               r"disagree\w*|conflict|pressure|behind|risk|unhappy|frustrat\w*|bug|error\w*|struggl\w*|threat\w*)\b",
    # goals and duties
    "goal_noun": r"\b(?:my|the|our|his|her) (?:main |primary |first |immediate |own )?(?:goal|task|job|"
                 r"responsibility|role|mandate|challenge|mission|objective|assignment|brief|aim|priority|charge)\b",
    "asked": r"\b(?:i was|i am|i'd been|i had been) (?:asked|tasked|assigned|responsible|expected|given|chosen|"
             r"put in charge|brought in|hired)\b|\b(?:asked|tasked|assigned|wanted|needed) me\b",
    "need_to": r"\bi (?:needed|had|wanted|was supposed|was expected|was required|have|need) to\b|"
               r"\bit was (?:on|up to) me\b",
    "decide": r"\bi (?:decided|chose|volunteered|offered|committed|took it on|took ownership|took on|stepped up|"
              r"set out|set myself|set the goal|set a goal|made it my)\b",
    "owner": r"\b(?:on me|up to me|fell to me|my call|my decision|i owned|i own|owner|ownership|in charge|"
             r"my area|responsible)\b",
    "nobody": r"\b(?:nobody|no one|no single|not my|wasn't my|no owner|no clear)\b",
    "to_verb": r"\b(?:needed|had|wanted|was|were|tried|aimed|goal was|job was|task was|meant) to\b",
    "deadline": r"\b(?:before the|by the end of|within (?:\d+|a|one|two|three|\w+) \w+|deadline|in \d+ (?:days|weeks|"
                r"months)|without (?:\w+ing|any|losing|breaking|delaying|compromising)|on time)\b",
    "purpose": r"\b(?:so that|in order to|make sure|ensure|to avoid|to prevent|to keep|to get|to find|to bring)\b",
    # steps
    "sequence": r"\b(?:first|then|next|after that|afterwards|step|second|secondly|also|once|meanwhile)\b",
    "artifact": r"\b(?:script|query|tool|dashboard|prototype|design|plan|meeting|memo|document|doc|code|library|"
                r"alert|check|runbook|spreadsheet|workshop|session|test|tests|proposal|fix|patch|flag|"
                r"experiment|survey|template|checklist|process|call|review)\b",
    # outcomes
    "result_marker": r"\b(?:as a result|in the end|ultimately|the outcome|the result|end result|overall|in total|"
                     r"by the end|eventually|led to|resulted in|thanks to|the impact|the effect|that meant|"
                     r"this meant|successfully|in the next)\b",
    "from_to": r"\bfrom (?:\S+ ){0,4}to \d|\bby \d+ (?:percent|dollars|hours|days|minutes|weeks)|\d+ (?:percent|times)\b",
    "number": r"\b\d[\d.,]*\b",
    "money_pct": r"\b(?:percent|dollars|million|thousand|pounds|euros)\b|\$",
    "praise": r"\b(?:pleased|happy|praised|promoted|renewed|success\w*|satisf\w*|recogni[sz]ed|award\w*|thanked|"
              r"appreciated|commended|complimented|grateful|on track|proud|no (?:outage|incident|complaints?|downtime|errors?)|"
              r"zero (?:outage|incident|downtime|errors?))\b",
    # an outcome told as a change without a number ("communicated more effectively", "felt more confident",
    # "a smoother service flow", "started on antibiotics hours sooner")
    "comparative": r"\b(?:more|less) \w+(?:ly|ed|ent|ant|ive|ful|able)\b|\b(?:better|faster|quicker|sooner|"
                   r"smoother|calmer|safer|easier|stronger|happier|healthier|fewer)\b",
    "able": r"\b(?:was|were) able to\b|\bcould \w+ again\b|\bno longer\b|\bnever (?:happened|came back)\b",
    "passive_outcome": r"\b(?:was|were|got|has been|have been) (?:completed|resolved|fixed|delivered|met|solved|"
                       r"finished|accepted|approved|adopted|merged|closed|released|kept|cut|saved|avoided|prevented)\b",
    "this_subject": r"^(?:and )?(?:this|that|it|which|these) (?:\w+ ){0,2}(?:led|helped|meant|resulted|allowed|saved|"
                    r"made|gave|improved|reduced|increased|showed|brought|prevented|ensured|cut|became)\b",
    # lessons and what changed since
    # "learning" before a noun is what a class or a field does ("the learning objective", "an interactive
    # learning experience", "machine learning models"), not a lesson: in the training sets none of 13 is in a
    # Reflection. A lesson is "I learned", "the biggest learning for me", "my learning was".
    "learn": r"\b(?:learn(?:ed|t|s)?|(?:biggest|big|key|main|greatest|real|my) learnings?|learnings|"
             r"learning (?:was|is|for me|from)|lesson|lessons|taught me|takeaway|take away|insight)\b",
    "hindsight": r"\b(?:looking back|in hindsight|in retrospect|if i (?:did|had to do|were to do|could do|had to) "
                 r"(?:it|this)? ?again|if i did|if i were|would have|should have|could have)\b",
    "since": r"\b(?:since then|ever since|since that|these days|now i|i now|today i|i still|to this day|"
             r"from then on|whenever|every time|nowadays|anymore)\b",
    "generic": r"\b(?:always|never|everyone|people|any|every|often|usually|important|key|matters?|really|"
               r"valuable|essential|better to|best way|the way to)\b",
    "made_me": r"\b(?:made me|helped me|showed me|reminded me|it taught|this taught|stuck with me|what i took|"
               r"changed how i|i carry|i apply)\b",
    "you_generic": r"\b(?:you|your)\b",
}
_COMPILED = {name: re.compile(p) for name, p in PATTERNS.items()}

_PAST_TOKEN = re.compile(rf"^{_PAST}$")
_COUNTED = {
    "i_share": {"i", "me", "my", "myself", "i'd", "i'm", "i've"},
    "we_share": {"we", "us", "our", "we'd", "we're", "we've", "ours"},
    "they_share": {"they", "them", "their", "he", "she", "his", "her"},
}

OWN: tuple[str, ...] = ("bias", *PATTERNS, "past_share", "i_share", "we_share", "they_share", "long_unit",
                        "short_unit")
# A unit is read with its neighbours: "and each team had a different idea" is scene-setting after
# "three teams had each built their own", an action after "I wrote".
FEATURES: tuple[str, ...] = (*OWN, *(f"around:{f}" for f in OWN[1:]))
# Whether a section starts at a unit is read against the unit before it.
START_FEATURES: tuple[str, ...] = (*OWN, *(f"prev:{f}" for f in OWN[1:]))


def features(toks: Sequence[str]) -> list[float]:
    """The unit's own feature vector, in OWN order (values 0-1)."""
    text = " ".join(toks)
    n = max(1, len(toks))
    row = [1.0]
    row += [1.0 if rx.search(text) else 0.0 for rx in _COMPILED.values()]
    past = sum(1 for t in toks if _PAST_TOKEN.match(t) and t not in NOT_PAST)
    row.append(min(1.0, 4 * past / n))
    for words in _COUNTED.values():
        row.append(min(1.0, 5 * sum(1 for t in toks if t in words) / n))
    row.append(1.0 if n >= 15 else 0.0)
    row.append(1.0 if n <= 4 else 0.0)
    return row


def vectors(units_toks: Sequence[Sequence[str]]) -> tuple[list[list[float]], list[list[float]]]:
    """Each unit's vectors: in FEATURES order (its own features, then the mean of its neighbours') and in
    START_FEATURES order (its own, then the unit before's)."""
    own = [features(t) for t in units_toks]
    blank = [0.0] * (len(OWN) - 1)
    out, starts = [], []
    for i, row in enumerate(own):
        prev = own[i - 1][1:] if i > 0 else blank
        nxt = own[i + 1][1:] if i + 1 < len(own) else blank
        out.append(row + [(a + b) / 2 for a, b in zip(prev, nxt)])
        starts.append(row + prev)
    return out, starts
