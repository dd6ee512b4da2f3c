"""Every threshold and word list the analysis uses, in one place, with where it comes from.

Change a number here, not in the code that uses it. Sources are listed in
docs/analysis.md; the short form is in each comment.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("situation", "task", "action", "result", "reflection")

# Section targets when no story gives them: the seed walkthrough's SDE2 story
# (30/20/90/20/15 s, 175 s in all).
DEFAULT_TARGETS_S = {"situation": 30.0, "task": 20.0, "action": 90.0, "result": 20.0, "reflection": 15.0}

# Level budgets (total seconds) when a story has none. SDE1 "keep to 2
# minutes", SDE2 the sum of the section targets, Senior "2.5 to 3 minutes"
# (seed walkthrough, level variants).
DEFAULT_LEVEL_BUDGETS_S = {"sde1": (60.0, 120.0), "sde2": (87.5, 175.0), "senior": (150.0, 180.0)}
LEVELS = tuple(DEFAULT_LEVEL_BUDGETS_S)


# Fillers: the one vocabulary the analysis counts and every renderer marks (renderers mark the fillers
# a report lists; they never look for them again). Hesitation sounds, counted anywhere, in the
# spellings Whisper writes: the filled pauses "uh" and "um" (Clark & Fox Tree 2002, "Using uh and um
# in spontaneous speaking", Cognition 84) and their neighbours "er", "ah", "hmm".
FILLER_WORDS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm"})
# Discourse markers, fillers only when set off from the sentence (by commas; "you know" when it is not
# a real clause): Microsoft Speaker Coach counts "you know", "I mean" and "like" among filler words
# (a user's eleven hours of its reports: s-anand.net/blog/learning-to-speak-better, 2022); "sort of"
# and "kind of" are hedges of the same kind. "I like Go" is not a filler. See docs/analysis.md.
FILLER_PHRASES = ("you know", "sort of", "kind of", "i mean", "like")


@dataclass(frozen=True)
class Norms:
    # Pace band in words per minute of speaking time. Microsoft Speaker Coach
    # recommends about 100-165 wpm; conversation runs 110-150 (NCVS); interview
    # coaches use 130-160 (Griffiths 1990; Tauroza & Allison 1990). We flag
    # only outside the widest of these, so a natural speaker is not nagged.
    wpm_slow: float = 100.0
    wpm_fast: float = 170.0

    # Fillers: about 1 a minute reads as fluent, about 5 a minute as hesitant
    # (coaching tools' published bands). Flag from 4 a minute, and only when
    # at least 3 were heard, so one "um" in a 30 s probe answer is no miss.
    fillers_per_min_heavy: float = 4.0
    fillers_min_count: int = 3

    # Pauses: silent-pause studies count from 0.25-0.5 s; 2-2.5 s or more
    # inside an answer loses the listener.
    pause_min_s: float = 0.5
    pause_long_s: float = 2.5

    # Section timing band around the target. Targets are coaching guidance,
    # not a stopwatch: a section is "over" past 1.5x its target plus 5 s
    # (a 20 s Result may run 35 s), "under" below 0.4x (a 90 s Action told
    # in under 36 s is too thin to show what the candidate did).
    over_factor: float = 1.5
    over_grace_s: float = 5.0
    under_factor: float = 0.4

    # Total: "over" past the level's budget plus 10 %; "under" below the
    # level's minimum (half the budget unless the level states one).
    total_over_factor: float = 1.1

    # End of answer: interview answers hold 2-3 s thinking pauses, so silence
    # ends an answer only after about 4 s; Enter is the usual way to finish.
    end_silence_s: float = 4.0
    # Hard cap on an answer: twice the level's budget.
    cap_factor: float = 2.0

    # Speaking rate assumed to time a written (.txt) answer: the middle of
    # the interview band above.
    text_wpm: float = 150.0


NORMS = Norms()


@dataclass(frozen=True)
class MeaningNorms:
    """When coach/meaning.py counts an idea as said. Tuned on the dev part of
    tests/data/paraphrases.yaml (never its held-out part); figures in docs/analysis.md."""

    # Word likeness from the static table: a cosine at or below the floor is
    # unrelated, at `vector_full` as good as it gets from vectors alone, which
    # never reach an exact or listed synonym (`vector_weight` < `synonym`).
    vector_floor: float = 0.35
    vector_full: float = 0.75
    vector_weight: float = 0.8
    synonym: float = 0.85
    # An idea's context: its story sentence's content words this many words
    # either side of the phrase.
    context_window: int = 12
    # Score = weight x phrase coverage + (1 - weight) x context coverage; a
    # one-word phrase ("I traced") leans more on what it was said about.
    phrase_weight: float = 0.8
    phrase_weight_one: float = 0.5
    # A bare "I + verb" phrase ("I pulled") takes its whole story sentence as
    # context and needs this much of it (a sum of word likeness: about two
    # words) said too: what was pulled, and from where. So does a phrase
    # covered less than `partly` ("adopted Kubernetes as our standard" for
    # "adopted pattern as standard"; measured on other people's answers).
    bare_verb_context: float = 1.5
    partly: float = 0.75
    # Words of a story's setting count `common_weight` as an idea's context:
    # those in this share of its sentences and at least this many ("platform",
    # "team" in webhook-dlq: "I escalated it to the Platform team by sending a
    # Slack message" is not "I submitted [a PR to the Platform team]").
    common_share: float = 0.2
    common_least: int = 4
    common_weight: float = 0.5
    # Said when the phrase itself is covered at least this much and the score
    # reaches `said`; a sentence scoring `near` is shown as the closest one.
    phrase_min: float = 0.5
    said: float = 0.55
    near: float = 0.35


MEANING = MeaningNorms()
