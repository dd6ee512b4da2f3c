"""A story: the pure types the analysis reads (sections with targets, probes, angles, levels, quiz).

No file, YAML or directory here: `coach.stories` loads and validates story files into these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SectionSpec:
    name: str
    target_s: float
    example: str = ""
    key_phrases: tuple[str, ...] = ()
    coaching: str = ""
    mistake: str = ""


@dataclass(frozen=True)
class Probe:
    question: str
    probes_for: str = ""
    weak: str = ""
    weak_why: str = ""
    strong: str = ""
    strong_key: str = ""
    listen_for: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlag:
    phrase: str
    why: str = ""


@dataclass(frozen=True)
class QuizItem:
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str = ""


@dataclass(frozen=True)
class Angle:
    id: str
    principle: str
    focus: str = ""
    emphasize: str = ""
    downplay: str = ""
    emphasize_terms: tuple[str, ...] = ()
    downplay_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    budget_s: float
    min_s: float | None = None
    focus: str = ""
    reflection: str = ""
    bar: str = ""
    budget_note: str = ""
    senior_reflection: str = ""
    reflection_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class WeakAnswer:
    text: str
    issues: tuple[str, ...] = ()
    bar_raiser: str = ""
    verdict: str = ""


@dataclass(frozen=True)
class Story:
    id: str
    principle: str
    question: str
    title: str = ""
    overview: str = ""
    summary: str = ""
    sections: tuple[SectionSpec, ...] = ()
    probes: tuple[Probe, ...] = ()
    weak_answer: WeakAnswer | None = None
    red_flags: tuple[RedFlag, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    angles: tuple[Angle, ...] = ()
    levels: tuple[Level, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def worked(self) -> bool:
        """True when the story has its five sections (a bank question has none)."""
        return bool(self.sections)

    def section(self, name: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.name == name), None)

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def angle(self, angle_id: str) -> Angle | None:
        return next((a for a in self.angles if a.id == angle_id), None)
