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
# ...but "you know" after these is a real clause, not a filler: a question ("do you know", "would you know")
# or a subordinate clause whose subject is "you" ("if you know", "as you know", "when you know the system",
# "once you know", "unless you know"), unless a comma sets it off ("when, you know, it broke").
YOU_KNOW_CLAUSE = frozenset({"do", "did", "don't", "didn't", "you'd", "would", "if", "as", "when", "whenever", "once",
                             "unless"})
# Empty intensifiers, counted anywhere: Speaker Coach counts "basically" and "actually" (the same
# eleven hours); "literally" is on the English filler-word list of words/fillers
# (github.com/words/fillers). "It was basically failing" says no more than "it was failing".
FILLER_HEDGES = frozenset({"basically", "literally"})
# Sentence openers, fillers only where they carry nothing: opening a sentence and set off by a comma
# or followed by a hesitation ("So, um, at my last job", "Actually, we..."). The Toastmasters
# Ah-Counter's list of overused words holds "so" beside "you know" (Toastmasters International's
# Ah-Counter script, as at amazingchangkat.com/guides/ah-counter), and counts such a word only
# where it is a crutch: "So I rebuilt the queue" (so = therefore) and "it actually worked" are not.
FILLER_OPENERS = frozenset({"so", "actually"})
# ...except the "so" that opens the whole answer: a turn-initial "so" launches the action the other
# speaker's turn made pending (Bolden 2009, "Implementing incipient actions: the discourse marker 'so' in
# English conversation", Journal of Pragmatics 41:974; Bolden 2008, Research on Language and Social
# Interaction 41:302), here the answer the question asked for ("So, last spring, I..."). It carries that,
# so it is counted only when a hesitation follows it ("So, um, ..."). Said again and again it is a habit:
# REPEATED_OPENERS below. "Actually" has no such use: "Actually, we..." opening an answer is still a crutch.
LAUNCHING_SO = frozenset({"so"})


# The voice mask's frame: Silero VAD's speech, 10 ms at a time (coach/voice.py).
MASK_FRAME_S = 0.01


@dataclass(frozen=True)
class GapOptions:
    """The detector of fillers Whisper dropped (coach/voice.py, uncovered_voiced): voiced audio that no
    transcribed word takes to say. Sources and measured effect: docs/analysis.md ("Pace, pauses, fillers")."""

    frame_s: float = MASK_FRAME_S
    # A word explains only the last core_s x (words said) + per_char_s x (letters said) of voiced audio in its
    # span (coach/spoken.py: "one-page" is two words, "CRM" three letters said apart): Whisper stretches a word
    # back over a filler it dropped. Set when the detector was built (no outside source;
    # measured on the eval sets, docs/analysis.md); per_char_s is a floor, a slower speaker's own rate is
    # taken instead (adapt_rate).
    core_s: float = 0.12
    per_char_s: float = 0.07
    margin_s: float = 0.04  # voice this near a kept stretch is the word's: about Silero's 30 ms pad and a frame
    backfill_s: float = 0.3  # a word short of voice claims its shortfall from just before it
    # Unexplained voice of 0.3-1.0 s is reported as a filler; shorter is a word's edge, longer is words the
    # recogniser missed, not one filler (measured on the eval sets, docs/analysis.md).
    min_gap_s: float = 0.3
    max_gap_s: float = 1.0
    forward: bool = True  # a word keeps the voice that runs on past its end
    # A word given less than this share of the voice it takes was squeezed by Whisper between its neighbours:
    # it may claim its shortfall from their voice that they do not keep.
    squeezed: float = 0.5
    # The last word before a pause takes this much longer to say: clause-final lengthening, 1.4 in Klatt's
    # duration rules (Klatt 1976, JASA 59:1208, rule 2); see docs/analysis.md.
    final_lengthening: float = 1.4
    adapt_rate: bool = True  # per_char_s follows the speaker's own rate when slower
    rate_margin: float = 1.5  # ...with this margin over the median word


GAPS = GapOptions()


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
    # Inside that band a section can still run well past its target (a 45 s
    # Situation against 30 s is "ok" while its bar passes the target mark): the
    # report then says "long +15 s". From 3 s past the target: below that the
    # bar barely moves, and a section boundary is off by 0.2-0.5 s typically
    # (bench/README.md), by a few seconds on a bad split.
    long_min_s: float = 3.0

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
    tests/data/paraphrases.yaml and tests/data/paraphrases_dev2.yaml (never their held-out parts, never
    the blind sets); figures in docs/analysis.md."""

    # Word likeness from the static table: a cosine at or below the floor is
    # unrelated, at `vector_full` as good as it gets from vectors alone, which
    # never reach an exact or listed synonym (`vector_weight` < `synonym`).
    vector_floor: float = 0.35
    vector_full: float = 0.65
    vector_weight: float = 0.8
    synonym: float = 0.85
    # Two words WordNet gives the same meaning in their first senses (coach/data/wordnet-links.txt):
    # a little below a listed synonym, above what vectors alone give.
    related: float = 0.8
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
    # A one-word deed ("deleted", "kept") needs this much of its context said with
    # it: "I deleted the old Slack channel" is not "I deleted [two scripts]".
    one_word_context: float = 1.0
    # Words of a story's setting count `common_weight` as an idea's context:
    # those in this share of its sentences and at least this many ("platform",
    # "team" in webhook-dlq: "I escalated it to the Platform team by sending a
    # Slack message" is not "I submitted [a PR to the Platform team]").
    common_share: float = 0.2
    common_least: int = 4
    common_weight: float = 0.5
    # Said when the phrase itself is covered at least this much and the score
    # reaches `said`; a sentence scoring `near` is shown as the closest one.
    # A negation denies words this many words after it at most, within its clause: a
    # spoken run-on has few clause marks ("nobody read ... and the release went to
    # twenty minutes").
    negation_reach: int = 10
    phrase_min: float = 0.5
    said: float = 0.55
    near: float = 0.35
    # The sentence model's second opinion (coach/embed.py), asked only for an idea whose words were not
    # found: said when a stretch of the answer (a sentence, and in a longer one `stretch_words` words every
    # `stretch_step`) is at least `sentence_said` alike (cosine of all-MiniLM-L6-v2 vectors) to the idea's
    # claim (the clauses of its story sentence that hold the phrase, at least `claim_words` words), and
    # passes the claim checks (numbers, units, direction, polarity, actor). Tuned on the dev parts of the
    # paraphrase sets (docs/analysis.md, "Key ideas by embeddings, session 6").
    sentence_said: float = 0.6
    claim_words: int = 8
    stretch_words: int = 14
    stretch_step: int = 5


MEANING = MeaningNorms()


@dataclass(frozen=True)
class DeliveryNorms:
    """Bands for pitch, loudness, hedges and repetition (coach/delivery.py, coach/hedges.py).

    Sources and the measurements behind each band are in docs/analysis.md ("Delivery").
    """

    # Pitch variation: the standard deviation of F0 in semitones over voiced frames
    # (Hincks & Edlund 2009 feed the same measure back to speakers). Below
    # `monotone_st` the voice's ±1 SD span (2 SD) is under 1.5 st, the smallest
    # difference in pitch movement listeners discriminate ('t Hart 1981: 1.5-2 st;
    # only more than 3 st counts in communication): heard as flat. Below `narrow_st`
    # it varies less than the least lively of Hincks' (2004) presenters (PDQ 0.11,
    # about 1.9 st): said, not a miss. Measured here: espeak-ng range="x-low" 0.37,
    # real voices 1.0-2.7 (docs/analysis.md).
    monotone_st: float = 0.75
    narrow_st: float = 1.9
    # Enough voice to judge: Hincks measured over 10 s of speech, which holds about
    # 5 s of voiced frames (53-59 % voiced in the recordings measured here). An answer
    # needs that much voiced pitch, a section `section_min_voiced_s` for its own figure
    # and `section_judge_s` (20 s of speech) for a miss of its own.
    min_voiced_s: float = 5.0
    section_min_voiced_s: float = 3.0
    section_judge_s: float = 10.0
    # Octave errors: voiced frames further than this from the answer's median are
    # the tracker halving or doubling (12 st), not the voice.
    octave_gate_st: float = 10.0

    # Loudness. A sentence trails off when its last word peaks `trail_db` or more below
    # the median peak of its other words: 10 dB is about half as loud (Stevens'
    # sone scale), past the ordinary fall at the end of a statement. A habit, not a
    # one-off: a miss from `trail_min` such sentences making `trail_share` of those judged.
    trail_db: float = 10.0
    # Where a sentence ends: the first pause (`pause_s` of frames within
    # `silence_above_noise_db` of the room) within `reach_s` of its last word's times; its end is the last
    # `tail_s` of voice before that pause, its body the loud frames (90th percentile) before. Silence is
    # also anything `silence_below_speech_db` under the answer's loud frames (synthetic audio has no room).
    tail_s: float = 0.4
    pause_s: float = 0.15
    reach_s: float = 0.5
    silence_above_noise_db: float = 12.0
    silence_below_speech_db: float = 40.0
    trail_min: int = 3
    trail_share: float = 0.3
    sentence_min_words: int = 4
    # Too quiet to judge: sentence ends are judged only when speech stands `trail_db` +
    # `silence_above_noise_db` (22 dB) over the room, so a trailing word is still above it.
    # Under that, speech below `quiet_dbfs` (16 dB under the nominal active speech level of
    # -26 dBFS, ITU-T P.56) is too quiet (raise the input level), louder speech too noisy.
    quiet_dbfs: float = -42.0
    # A microphone's room never measures under about -90 dBFS: the noise of a 16-bit converter alone is
    # near -96 dBFS (6 dB a bit) and real rooms run -70 to -40. Quieter gaps are digital silence (a file
    # rendered by a speech engine, or edited), where "dB over the room" means nothing, so none is said.
    digital_silence_dbfs: float = -90.0

    # Hedges that blur what the candidate did or achieved ("I think I fixed it",
    # "it probably saved 20 %"). A miss from `hedge_claims` such hedges in the Action
    # and Result, or from `hedges_per_min` weighted hedges a minute (at least
    # `hedge_min_count`). Section weights: Action and Result weigh most.
    hedge_claims: int = 2
    hedges_per_min: float = 3.0
    hedge_min_count: int = 3

    # Repetition heard as a habit: the same stock sentence opener ("and then", "so")
    # for `opener_min` sentences and at least `opener_share` of them, or the same stock
    # phrase ("basically", "at the end of the day") `phrase_min` times and at least
    # `phrase_per_min` a minute (coach/hedges.py lists both).
    opener_min: int = 3
    opener_share: float = 0.3
    phrase_min: int = 4
    phrase_per_min: float = 1.5


DELIVERY = DeliveryNorms()

# Hedges and weak words (coach/hedges.py judges what each softens). Hosman (1989), Parton et al.
# (2002): hedges lower perceived authority and employability; the list plus their near kin.
HEDGE_PHRASES = (
    "i'm not sure", "i am not sure", "i feel like", "a little bit", "more or less", "pretty much",
    "i think", "i believe", "i guess", "i suppose", "i'd say", "i would say", "i tried to", "i hope",
    "kind of", "sort of", "kinda", "sorta", "maybe", "perhaps", "probably", "possibly", "hopefully",
    "somewhat", "just",
)
# How much a hedge blurs, by what it softens and where (Action and Result weigh most; an opinion nothing).
HEDGE_WEIGHTS = {
    "claim": {"situation": 0.5, "task": 0.75, "action": 1.0, "result": 1.0, "reflection": 1.0},
    "softener": {"situation": 0.25, "task": 0.5, "action": 0.5, "result": 0.5, "reflection": 0.25},
    "opinion": {},
}
# Openers and phrases a listener hears as a habit when they recur (Speaker Coach reports "repetitive
# language"; its users find "let's say" twelve times in a call). Topic words recur in any good answer,
# and "I ..." starting sentences is the point of an Action: only these are counted.
# "basically" and "literally" are fillers (FILLER_HEDGES), counted and marked there each time they are
# said, so they are not counted again as a habit here: one word, one heading.
REPEATED_OPENERS = (
    "and then", "and so", "so then", "and also", "but then", "so", "and", "then", "but",
    "like", "well", "okay", "ok", "now", "also", "anyway", "yeah", "right",
)
REPEATED_PHRASES = (
    "and then", "at the end of the day", "to be honest", "like i said", "as i said", "and stuff", "or something",
    "stuff like that", "things like that", "or whatever", "and everything", "actually",
    "obviously", "honestly", "essentially", "super", "very very", "so yeah", "and so on", "you see", "let's say",
)
