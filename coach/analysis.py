"""Turn a transcribed answer (words with times) into a Report: sections, timing, pace, fillers, misses.

Pure: no file, device, clock or model. The audio-side evidence (voiced
stretches no word covers) arrives as plain numbers in `Answer`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from coach import coaching, key_ideas
from coach.delivery import Track, assess, delivery_notes
from coach.report import (
    Filler,
    KeyIdeas,
    Miss,
    Pacing,
    Pause,
    Report,
    SectionReport,
    TimingStatus,
    Total,
    UnsureBoundary,
    Word,
)
from coach.rubric import (
    delivery_misses,
    handoff,
    long_pause_misses,
    pacing_misses,
    story_free_misses,
    we_language_in,
)
from coach.segment import Span, split
from coach.spoken import spoken_word_count
from coach.story import Probe, SectionSpec, Story
from coach.thresholds import (
    DEFAULT_LEVEL_BUDGETS_S,
    DEFAULT_TARGETS_S,
    FILLER_HEDGES,
    FILLER_OPENERS,
    FILLER_PHRASES,
    FILLER_WORDS,
    LAUNCHING_SO,
    NORMS,
    SECTIONS,
    YOU_KNOW_CLAUSE,
    Norms,
)

GENERIC_QUESTION = "Tell me about a time you solved a difficult problem. Walk me through it."


@dataclass(frozen=True)
class Answer:
    """What the shell knows about one recorded (or written) answer."""

    words: tuple[Word, ...]
    duration_s: float
    audio: str | None = None
    marks: tuple[float, ...] = ()  # Tab presses: the start of the next section, seconds
    voiced_gaps: tuple[tuple[float, float], ...] = ()  # voiced audio no word covers: likely fillers
    estimated: bool = False  # times estimated from text, not measured
    notes: tuple[str, ...] = field(default=())
    track: Track | None = None  # pitch and loudness (coach/prosody.py); None for a written answer


@dataclass(frozen=True)
class Budget:
    target_s: float
    min_s: float
    section_targets: dict[str, float]


def budget_for(story: Story | None, level: str) -> Budget:
    """Section targets and total budget for a level, from the story or the defaults."""
    if story is not None and story.worked:
        base = {s.name: s.target_s for s in story.sections}
    else:
        base = dict(DEFAULT_TARGETS_S)
    base_total = sum(base.values())
    lv = story.level(level) if story is not None else None
    if lv is not None:
        target, min_s = lv.budget_s, lv.min_s if lv.min_s is not None else lv.budget_s / 2
    else:
        min_s, target = DEFAULT_LEVEL_BUDGETS_S[level]
    scale = target / base_total
    # The story's targets are the SDE2 base; other levels scale them to their own budget.
    if story is not None and story.worked and lv is not None and abs(scale - 1) < 0.02:
        scale = 1.0
    return Budget(target, min_s, {k: round(v * scale, 1) for k, v in base.items()})


def transcript_fillers(words: Sequence[Word]) -> list[tuple[str, float, float]]:
    """Fillers the transcript holds (thresholds.FILLER_*): "um"/"uh" and "basically"/"literally" anywhere;
    "you know", "like", "sort of" only set off; "so"/"actually" only opening a sentence as a crutch."""
    found = []
    for i, w in enumerate(words):
        bare = re.sub(r"[^a-z]", "", w.text.lower())
        if bare in FILLER_WORDS or bare in FILLER_HEDGES:
            found.append((bare, w.start_s, w.end_s))
            continue
        if bare in FILLER_OPENERS and _crutch_opener(words, i):
            found.append((bare, w.start_s, w.end_s))
            continue
        for phrase in FILLER_PHRASES:
            n = len(phrase.split())
            chunk = words[i : i + n]
            if len(chunk) < n or " ".join(re.sub(r"[^a-z]", "", c.text.lower()) for c in chunk) != phrase:
                continue
            prev = words[i - 1].text.strip() if i > 0 else "."
            last = chunk[-1].text.strip()
            nxt = words[i + n].text.strip().lower() if i + n < len(words) else ""
            set_off = prev.endswith((",", ".", "?", "!")) or last.endswith(",")
            if phrase == "like":
                set_off = prev.endswith(",") and last.endswith(",")
            if phrase == "you know":
                # "you know" is a filler unless it is a real question or clause: "do you know what", "if you know how",
                # "when you know the system" (a subordinator makes "you" a subject), but "when, you know, it broke" is
                # set off by its comma.
                before = re.sub(r"[^a-z']", "", prev.lower())
                clause = before in YOU_KNOW_CLAUSE and not prev.endswith(",")
                set_off = not (clause or re.match(r"^(what|how|that|why|where|when|whether|who|if|the|it|him|her|them)\b", nxt))
            if set_off:
                found.append((phrase, chunk[0].start_s, chunk[-1].end_s))
    return found


def _crutch_opener(words: Sequence[Word], i: int) -> bool:
    """ "So" or "Actually" opening a sentence, set off by a comma or followed by a hesitation. The "so"
    that opens the whole answer launches the answer the question asked for (LAUNCHING_SO in
    thresholds.py): a crutch only when a hesitation follows it ("So, um, at my last job")."""
    starts = i == 0 or words[i - 1].text.strip().endswith((".", "?", "!"))
    nxt = re.sub(r"[^a-z]", "", words[i + 1].text.lower()) if i + 1 < len(words) else ""
    if i == 0 and re.sub(r"[^a-z]", "", words[i].text.lower()) in LAUNCHING_SO:
        return nxt in FILLER_WORDS
    return starts and (words[i].text.strip().endswith(",") or nxt in FILLER_WORDS)


def _section_of(t: float, spans: Sequence[tuple[str, float, float]]) -> str | None:
    for name, start, end in spans:
        if start - 1e-3 <= t < end + 1e-3:
            return name
    return None


def long_by(seconds: float, target: float, norms: Norms = NORMS) -> float | None:
    """Seconds past the target of a section whose status is still "ok" (None when not long)."""
    past = seconds - target
    if past < norms.long_min_s or section_status(seconds, target, norms) != "ok":
        return None
    return round(past, 1)


def section_status(seconds: float, target: float, norms: Norms = NORMS) -> TimingStatus:
    if seconds > target * norms.over_factor + norms.over_grace_s:
        return "over"
    if seconds < target * norms.under_factor:
        return "under"
    return "ok"


def analyse(answer: Answer, story: Story | None = None, level: str = "sde2", angle: str | None = None,
            norms: Norms = NORMS) -> Report:
    words = answer.words
    budget = budget_for(story, level)
    cut = split(words, story, answer.marks, budget.section_targets)
    spans = list(cut.spans)
    sections = _section_reports(words, spans, budget, norms)
    timed = [(s.name, s.start_s, s.end_s) for s in sections if s.start_s is not None and s.end_s is not None]

    pacing = _pacing(words, answer.voiced_gaps, timed, norms, answer.estimated)
    end = words[-1].end_s if words else 0.0
    total_status: TimingStatus = "over" if end > budget.target_s * norms.total_over_factor else (
        "under" if end < budget.min_s else "ok")
    total = Total(round(end, 2), budget.target_s, budget.min_s, total_status)

    words_text = [(w.start_s, w.end_s, w.text.strip()) for w in words]
    misses: list[Miss] = story_free_misses(sections, total, pacing, words_text, norms) if words else [
        Miss("missing-section", None, "No speech was heard: check the microphone with `coach devices`.", "")]
    delivery = assess(words, timed, answer.track, [(f.start_s, f.end_s) for f in pacing.fillers])
    if words:
        misses += delivery_misses(delivery)
    if story is not None:
        misses += coaching.story_misses(story, sections, level, angle)
    report = Report(
        audio=answer.audio,
        story=story.id if story else None,
        question=story.question if story else GENERIC_QUESTION,
        level=level,
        duration_s=round(answer.duration_s, 2),
        transcript=" ".join(w.text.strip() for w in words),
        words=words,
        sections=tuple(sections),
        total=total,
        pacing=pacing,
        misses=tuple(misses),
        angle=angle,
        estimated=answer.estimated,
        notes=answer.notes + delivery_notes(delivery) + coaching.guidance_notes(story, level, angle),
        key_ideas=key_ideas.coverage_lines(story, sections) if words else (),
        delivery=delivery,
        unsure=tuple(UnsureBoundary(u.before, round(u.at_s, 2), round(u.alternative_s, 2), u.margin)
                     for u in cut.unsure),
    )
    return coaching.with_verdict(report, story)


def _pacing(words: Sequence[Word], voiced_gaps: Sequence[tuple[float, float]],
            timed: Sequence[tuple[str, float, float]], norms: Norms, estimated: bool = False) -> Pacing:
    fillers = _fillers(words, voiced_gaps, timed)
    speaking = (words[-1].end_s - words[0].start_s) if words else 0.0
    spoken = sum(spoken_word_count(w.text) for w in words) + sum(1 for f in fillers if f.source == "audio")
    return Pacing(
        wpm=round(60 * spoken / speaking, 1) if speaking > 0 else 0.0,
        speaking_s=round(speaking, 2),
        fillers=tuple(fillers),
        fillers_per_min=round(60 * len(fillers) / speaking, 2) if speaking > 0 else 0.0,
        pauses=tuple(_pauses(words, timed, norms)),
        first_word_s=round(words[0].start_s, 2) if words and not estimated else None,  # a written answer: none measured
    )


def _section_reports(words: Sequence[Word], spans: Sequence[Span | None], budget: Budget,
                     norms: Norms) -> list[SectionReport]:
    present = [s for s in spans if s is not None]
    out = []
    for name, span in zip(SECTIONS, spans):
        target = budget.section_targets[name]
        if span is None:
            out.append(SectionReport(name, None, None, None, target, 0, None, "missing"))
            continue
        start = words[span.first].start_s
        nxt = next((s for s in present if s.first >= span.end), None)
        end = words[nxt.first].start_s if nxt is not None else words[span.end - 1].end_s
        if span is present[0]:
            start = min(start, words[0].start_s)
        seconds = max(end - start, 0.0)
        text = " ".join(w.text.strip() for w in words[span.first : span.end])
        count = spoken_word_count(text)
        talk = words[span.end - 1].end_s - words[span.first].start_s
        out.append(SectionReport(
            name=name, start_s=round(start, 2), end_s=round(end, 2), seconds=round(seconds, 2), target_s=target,
            words=count, wpm=round(60 * count / talk, 1) if talk > 0 else None,
            status=section_status(seconds, target, norms), marked=span.marked, text=text,
            long_s=long_by(seconds, target, norms),
        ))
    return out


def _fillers(words: Sequence[Word], voiced_gaps: Sequence[tuple[float, float]],
             timed: Sequence[tuple[str, float, float]]) -> list[Filler]:
    found = [Filler(text, round(s, 2), round(e, 2), _section_of(s, timed), "transcript")
             for text, s, e in transcript_fillers(words)]
    for s, e in voiced_gaps:
        if any(f.start_s - 0.3 < e and s < f.end_s + 0.3 for f in found):
            continue  # the transcript already has this one
        found.append(Filler("(um)", round(s, 2), round(e, 2), _section_of(s, timed), "audio"))
    return sorted(found, key=lambda f: f.start_s)


def _pauses(words: Sequence[Word], timed: Sequence[tuple[str, float, float]], norms: Norms) -> list[Pause]:
    out = []
    for a, b in zip(words, words[1:]):
        gap = b.start_s - a.end_s
        if gap >= norms.pause_min_s:
            out.append(Pause(round(a.end_s, 2), round(gap, 2), _section_of(a.end_s, timed),
                             gap >= norms.pause_long_s))
    return out


def words_from_text(text: str, rate_wpm: float) -> tuple[Word, ...]:
    """Words of a written answer with times estimated at a steady speaking rate.

    A speaker pauses where the writer ended a sentence, so each . ? ! gets a short pause (the
    sentence units of coach/units.py are cut at pauses); the words are said a little faster so the
    whole answer still takes as long as `rate_wpm` says.
    """
    raw_words = text.split()
    counts = [max(1, spoken_word_count(raw)) for raw in raw_words]
    ends = sum(1 for raw in raw_words[:-1] if raw.rstrip("\"')").endswith((".", "?", "!")))
    total = sum(counts) * 60.0 / rate_wpm
    per_word = max(total - SENTENCE_PAUSE_S * ends, 0.5 * total) / max(1, sum(counts))
    out, t = [], 0.0
    for raw, n in zip(raw_words, counts):
        out.append(Word(raw, round(t, 3), round(t + per_word * n * 0.9, 3)))
        t += per_word * n
        if raw.rstrip("\"')").endswith((".", "?", "!")):
            t += SENTENCE_PAUSE_S
    return tuple(out)


SENTENCE_PAUSE_S = 0.4  # the pause assumed at the end of a written sentence


def analyse_probe(answer: Answer, probe: Probe, index: int, story: Story | None = None, level: str = "sde2",
                  norms: Norms = NORMS, generic: Sequence[Probe] = ()) -> Report:
    """A follow-up answer as what it is: one short answer to one question, not a STAR story.

    No STAR sections and no budget: its length is the speaking time (first word to last), and the
    thinking time before the first word is `pacing.first_word_s`. It is graded against the probe,
    with the misses that say something about any answer: "we" for "I", a handoff, the story's weak
    phrases, fillers, pace, long pauses, and how it sounded (hedging, monotone). It is graded beside the
    probes asked with it, which it may answer instead: the story's own, or the principle's `generic` ones
    for a generic probe (index < 0).
    """
    words = answer.words
    pacing = _pacing(words, answer.voiced_gaps, (), norms, answer.estimated)
    text = " ".join(w.text.strip() for w in words)
    whole = SectionReport("answer", None, None, None, 0.0, len(words), None, "ok", text=text)
    misses: list[Miss] = []
    we = we_language_in(text, None)
    if we is not None:
        misses.append(we)
    misses += [replace(m, section=None) for m in handoff([whole])]
    if story is not None:
        misses += [replace(m, section=None) for m in coaching.red_flag_misses(story, [whole])]
    words_text = [(w.start_s, w.end_s, w.text.strip()) for w in words]
    misses += pacing_misses(pacing, norms) + long_pause_misses(pacing, words_text)
    delivery = assess(words, (), answer.track, [(f.start_s, f.end_s) for f in pacing.fillers])
    if words:
        misses += delivery_misses(delivery)
    return Report(
        audio=answer.audio,
        story=story.id if story else None,
        question=probe.question,
        level=level,
        duration_s=round(answer.duration_s, 2),
        transcript=text,
        words=words,
        sections=(),
        total=Total(pacing.speaking_s, 0.0, 0.0, "ok"),  # no budget: the speaking time
        pacing=pacing,
        misses=tuple(misses),
        probe=coaching.grade_probe(probe, index, text, _asked_beside(story, index, generic)),
        estimated=answer.estimated,
        # The level's bar and the angle belong to the main answer's report; a generic probe says it is one.
        notes=answer.notes + delivery_notes(delivery) + coaching.generic_note(story, index),
        delivery=delivery,
    )


def _asked_beside(story: Story | None, index: int, generic: Sequence[Probe]) -> tuple[Probe, ...]:
    """The probes asked beside probe `index` (coaching.probe_plan's numbering): the story's own for its own,
    the `generic` ones of its principle for a generic one, none for a miss probe."""
    if index > 0 and story is not None:
        return story.probes
    return tuple(generic) if index < 0 else ()


def analyse_section(answer: Answer, spec: SectionSpec, story: Story | None = None, level: str = "sde2",
                    norms: Norms = NORMS) -> Report:
    """One STAR section said on its own (study mode): every word is that section. Its time against its
    target, pace, fillers and pauses, the checks that apply to it, and its key phrases."""
    full = analyse(answer, None, level, None, norms)  # pace, fillers and pauses need no sections
    words = answer.words
    if words:
        text = full.transcript
        count = spoken_word_count(text)
        start, end = words[0].start_s, words[-1].end_s
        seconds = max(end - start, 0.0)
        section = SectionReport(spec.name, round(start, 2), round(end, 2), round(seconds, 2), spec.target_s, count,
                                round(60 * count / seconds, 1) if seconds > 0 else None,
                                section_status(seconds, spec.target_s, norms), text=text,
                                long_s=long_by(seconds, spec.target_s, norms))
    else:
        section = SectionReport(spec.name, None, None, None, spec.target_s, 0, None, "missing")
    seconds = section.seconds or 0.0
    total = Total(round(seconds, 2), spec.target_s, round(spec.target_s * norms.under_factor, 1), "ok")
    words_text = [(w.start_s, w.end_s, w.text.strip()) for w in words]
    # The rubric reads all five sections: the others, not asked for, count as absent and their misses are dropped.
    five = [section if name == spec.name else SectionReport(name, None, None, None, 0.0, 0, None, "missing")
            for name in SECTIONS]
    misses = [m for m in story_free_misses(five, total, full.pacing, words_text, norms) if m.section in (spec.name, None)]
    lines: tuple[KeyIdeas, ...] = ()
    if story is not None and spec.key_phrases:  # by meaning, as in a whole answer's report
        found, phrase_misses = key_ideas.coverage(story, tuple(five))
        lines = tuple(k for k in found if k.section == spec.name)
        misses += [m for m in phrase_misses if m.section == spec.name]
    return replace(full, story=story.id if story else None, question=f"Say your {spec.name.title()}.",
                   sections=(section,), total=total, misses=tuple(misses), verdict=None, probe=None,
                   notes=answer.notes, key_ideas=lines)
