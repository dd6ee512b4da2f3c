"""Which of a story's key phrases an answer says, by meaning: one line per section and one miss per phrase."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from coach.meaning import Idea, common_words, find_all
from coach.report import KeyIdeas, Miss, SectionReport
from coach.story import Story


@lru_cache(maxsize=16)
def coverage(story: Story, sections: tuple[SectionReport, ...]) -> tuple[tuple[KeyIdeas, ...], tuple[Miss, ...]]:
    """Each section's key ideas said or not (anywhere in the answer), and a miss for each one not said.

    A phrase listed by two sections ("no ticket") is one idea: counted and reported with the first
    section that lists it, its context drawn from both sections' examples.
    """
    owner: dict[str, str] = {}
    for spec in story.sections:
        for phrase in spec.key_phrases:
            owner.setdefault(phrase.lower(), spec.name)
    phrases = [(spec.name, p) for spec in story.sections for p in spec.key_phrases if owner[p.lower()] == spec.name]
    if not phrases:
        return (), ()
    text = " ".join(s.text for s in sections if s.text)
    heard = find_all([ideas(story)[p.lower()] for _, p in phrases], text, sentences=True)
    told = {s.name: s.text for s in sections}
    lines: list[KeyIdeas] = []
    misses: list[Miss] = []
    for spec in story.sections:
        mine = [(p, h) for (name, p), h in zip(phrases, heard) if name == spec.name]
        if not mine:
            continue
        lines.append(KeyIdeas(spec.name, tuple(p for p, h in mine if h.said), tuple(p for p, h in mine if not h.said)))
        for phrase, h in mine:
            if not h.said:
                misses.append(_miss(spec.name, phrase, h.sentence, h.why, told.get(spec.name) or ""))
    return tuple(lines), tuple(misses)


@lru_cache(maxsize=64)
def ideas(story: Story) -> dict[str, Idea]:
    """The story's key phrases as ideas (by lowercase phrase): context from every section that lists the
    phrase, the story's setting words left out of it."""
    common = common_words([*(s.example for s in story.sections), *(p.strong for p in story.probes),
                           *(p.weak for p in story.probes)])
    context: dict[str, list[str]] = {}
    phrase_of: dict[str, str] = {}
    for spec in story.sections:
        for phrase in spec.key_phrases:
            context.setdefault(phrase.lower(), []).append(spec.example)
            phrase_of.setdefault(phrase.lower(), phrase)
    return {k: Idea(phrase_of[k], " ".join(v), common) for k, v in context.items()}


def _miss(section: str, phrase: str, closest: str, why: str, heard: str) -> Miss:
    message = f'{section.title()}: the key idea "{phrase}" was not heard'
    if closest and why:
        return Miss("missing-key-phrase", section, f"{message} (the closest sentence: {why}).", closest, phrase=phrase)
    evidence = (heard[:117] + "…" if len(heard) > 120 else heard) or f"(no {section} was heard)"
    return Miss("missing-key-phrase", section, f"{message}, in any words.", evidence, phrase=phrase)


def coverage_lines(story: Story | None, sections: Sequence[SectionReport]) -> tuple[KeyIdeas, ...]:
    return coverage(story, tuple(sections))[0] if story is not None else ()
