"""The report of one answer: plain frozen dataclasses and their JSON form (schema 1, docs/interfaces.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = 1
# How a written answer's note begins (its times are estimates); shown once wherever the report is.
ESTIMATED_NOTE = "Times are estimated from the text"

SectionStatus = Literal["ok", "over", "under", "missing"]
TimingStatus = Literal["ok", "over", "under"]
ProbeVerdict = Literal["strong", "adequate", "weak"]
FillerSource = Literal["transcript", "audio"]
AnswerKind = Literal["main", "probe", "section"]  # the answer to the question, to a follow-up probe, or one section (study)


@dataclass(frozen=True)
class Word:
    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Filler:
    text: str
    start_s: float
    end_s: float
    section: str | None
    source: FillerSource  # a word the transcript holds, or voiced audio no word explains


@dataclass(frozen=True)
class Pause:
    start_s: float
    seconds: float
    section: str | None
    long: bool


@dataclass(frozen=True)
class SectionReport:
    name: str
    start_s: float | None
    end_s: float | None
    seconds: float | None
    target_s: float
    words: int
    wpm: float | None
    status: SectionStatus
    marked: bool = False
    text: str = ""
    long_s: float | None = None  # seconds past the target while still "ok" (older reports: None)

    @property
    def shown_status(self) -> str:
        return status_label(self.status, self.long_s)


def status_label(status: str, long_s: float | None) -> str:
    """A section's status as the reports show it: "long +15 s" for an "ok" section well past its target."""
    return f"long +{long_s:.0f} s" if status == "ok" and long_s else status


@dataclass(frozen=True)
class UnsureBoundary:
    """A section start another split nearly chose: `section` may start at `alternative_s` instead of `at_s`."""

    section: str
    at_s: float
    alternative_s: float
    margin: float  # how much better the chosen split scored (log-odds units; below 1.5 is unsure)


@dataclass(frozen=True)
class Total:
    seconds: float
    target_s: float
    min_s: float
    status: TimingStatus


@dataclass(frozen=True)
class Pacing:
    wpm: float
    speaking_s: float
    fillers: tuple[Filler, ...]
    fillers_per_min: float
    pauses: tuple[Pause, ...]
    first_word_s: float | None  # seconds from the end of the question to the first word


@dataclass(frozen=True)
class Miss:
    code: str
    section: str | None
    message: str
    evidence: str
    phrase: str | None = None  # the key phrase a `missing-key-phrase` miss is about


@dataclass(frozen=True)
class KeyIdeas:
    """One section's key ideas (the story's key phrases) said by meaning, and those not heard."""

    section: str
    said: tuple[str, ...]
    not_heard: tuple[str, ...]

    @property
    def line(self) -> str:
        """ "Result: 1 of 3 key ideas said; not heard: $8K recovered per week" """
        head = f"{self.section.title()}: {len(self.said)} of {len(self.said) + len(self.not_heard)} key ideas said"
        return head + (f"; not heard: {', '.join(self.not_heard)}" if self.not_heard else "")


@dataclass(frozen=True)
class Verdict:
    label: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ProbeResult:
    index: int
    question: str
    verdict: ProbeVerdict
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Hedge:
    text: str  # the hedge as said: "I think", "probably"
    start_s: float
    section: str | None
    kind: str  # claim / softener / opinion
    sentence: str


@dataclass(frozen=True)
class Repeat:
    phrase: str
    count: int
    kind: str  # opener / phrase
    evidence: tuple[str, ...]  # the sentences it was heard in (first three)


@dataclass(frozen=True)
class SectionDelivery:
    name: str
    pitch_sd_st: float | None  # None: too little voice in the section to say
    voiced_s: float
    level_db: float | None
    hedges: int  # hedges that count (claims and softeners)
    hedges_per_min: float | None


@dataclass(frozen=True)
class SentenceEnd:
    end_s: float
    drop_db: float  # how far the last word peaks below the sentence's other words
    last_word: str
    section: str | None


@dataclass(frozen=True)
class Contour:
    step_s: float
    pitch_st: tuple[float | None, ...]  # semitones from the answer's median pitch; None where unvoiced
    level_db: tuple[float | None, ...]  # dBFS peak in each step; None where silent


@dataclass(frozen=True)
class Delivery:
    measured: bool  # False: no audio (a written answer): pitch and loudness are not known
    pitch_sd_st: float | None
    pitch_median_hz: float | None
    pitch_band: str | None  # monotone / narrow / varied; None when not judged
    voiced_s: float
    level_db: float | None  # median level of speech, dBFS
    noise_db: float | None
    too_quiet: bool  # speech under `quiet_dbfs` and too close to the room to judge its sentence ends
    sentence_ends: tuple[SentenceEnd, ...]  # every sentence end judged
    trailing: int  # how many of them trail off
    hedges: tuple[Hedge, ...]
    hedges_per_min: float
    repeats: tuple[Repeat, ...]
    sections: tuple[SectionDelivery, ...]
    contour: Contour | None
    note: str = ""  # why something was not measured
    too_noisy: bool = False  # loud enough, but the room is too close to the voice to judge sentence ends


@dataclass(frozen=True)
class Report:
    audio: str | None
    story: str | None
    question: str
    level: str
    duration_s: float
    transcript: str
    words: tuple[Word, ...]
    sections: tuple[SectionReport, ...]
    total: Total
    pacing: Pacing
    misses: tuple[Miss, ...]
    verdict: Verdict | None = None
    probe: ProbeResult | None = None
    probes: tuple[Report, ...] = ()
    angle: str | None = None
    estimated: bool = False  # times estimated from text at a stated rate
    notes: tuple[str, ...] = field(default=())
    key_ideas: tuple[KeyIdeas, ...] = ()  # per section, for a story with key phrases (schema 1 reports: none)
    delivery: Delivery | None = None  # pitch, loudness, hedges, repetition (coach/delivery.py)
    unsure: tuple[UnsureBoundary, ...] = ()  # section starts the split is unsure of (older reports: none)

    def section(self, name: str) -> SectionReport:
        return next(s for s in self.sections if s.name == name)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data = {"schema": SCHEMA, **data}
        data["probes"] = [p.to_json() for p in self.probes]
        data["key_ideas"] = [{**asdict(k), "line": k.line} for k in self.key_ideas]
        return data


@dataclass(frozen=True)
class ProgressPoint:
    """One main answer's headline figures (its newest report), for trends over time."""

    date: str  # ISO date and time the answer was recorded
    story: str | None
    principle: str
    total_s: float
    target_s: float
    wpm: float
    fillers_per_min: float
    misses: int
    verdict: str | None
    score: float | None
    sections: dict[str, float | None]  # seconds of each STAR section; None when it was not found
    pitch_sd_st: float | None = None  # pitch variation (delivery); None: not measured, or before it was
    hedges_per_min: float | None = None  # weighted hedges a minute (delivery)
    session: int = 0  # the session it was recorded in
    min_s: float | None = None  # the level's minimum: with target_s, the band the total should fall in


def report_from_json(data: dict[str, Any]) -> Report:
    """Rebuild a Report from its JSON form (for stored sessions)."""
    pacing = data["pacing"]
    verdict = data.get("verdict")
    probe = data.get("probe")
    return Report(
        audio=data.get("audio"),
        story=data.get("story"),
        question=data.get("question", ""),
        level=data.get("level", "sde2"),
        duration_s=data["duration_s"],
        transcript=data.get("transcript", ""),
        words=tuple(Word(w["text"], w["start_s"], w["end_s"]) for w in data.get("words", [])),
        sections=tuple(
            SectionReport(**{k: v for k, v in s.items() if k in SectionReport.__dataclass_fields__})
            for s in data["sections"]
        ),
        # The documented minimal form (docs/interfaces.md) has no min_s, filler end or source, pause `long`.
        total=Total(data["total"]["seconds"], data["total"]["target_s"],
                    data["total"].get("min_s", data["total"]["target_s"] / 2), data["total"]["status"]),
        pacing=Pacing(
            wpm=pacing["wpm"],
            speaking_s=pacing.get("speaking_s", 0.0),
            fillers=tuple(Filler(f["text"], f["start_s"], f.get("end_s", f["start_s"]), f.get("section"),
                                 f.get("source", "transcript")) for f in pacing.get("fillers", [])),
            fillers_per_min=pacing.get("fillers_per_min", 0.0),
            pauses=tuple(Pause(p["start_s"], p["seconds"], p.get("section"), p.get("long", False))
                         for p in pacing.get("pauses", [])),
            first_word_s=pacing.get("first_word_s"),
        ),
        misses=tuple(Miss(**m) for m in data.get("misses", [])),
        verdict=Verdict(verdict["label"], verdict.get("score", 0.0), tuple(verdict.get("reasons", [])))
        if verdict
        else None,
        probe=ProbeResult(probe["index"], probe["question"], probe["verdict"], tuple(probe["reasons"]))
        if probe
        else None,
        probes=tuple(report_from_json(p) for p in data.get("probes", [])),
        unsure=tuple(UnsureBoundary(**u) for u in data.get("unsure", [])),
        angle=data.get("angle"),
        estimated=data.get("estimated", False),
        notes=tuple(data.get("notes", [])),
        key_ideas=tuple(KeyIdeas(k["section"], tuple(k.get("said", ())), tuple(k.get("not_heard", ())))
                        for k in data.get("key_ideas", [])),
        delivery=delivery_from_json(data.get("delivery")),  # older reports have none
    )


def delivery_from_json(data: dict[str, Any] | None) -> Delivery | None:
    if not data:
        return None
    contour = data.get("contour")
    return Delivery(
        measured=data.get("measured", False), pitch_sd_st=data.get("pitch_sd_st"),
        pitch_median_hz=data.get("pitch_median_hz"), pitch_band=data.get("pitch_band"),
        voiced_s=data.get("voiced_s", 0.0), level_db=data.get("level_db"), noise_db=data.get("noise_db"),
        too_quiet=data.get("too_quiet", False), too_noisy=data.get("too_noisy", False),
        sentence_ends=tuple(SentenceEnd(**e) for e in data.get("sentence_ends", [])),
        trailing=data.get("trailing", 0),
        hedges=tuple(Hedge(**h) for h in data.get("hedges", [])),
        hedges_per_min=data.get("hedges_per_min", 0.0),
        repeats=tuple(Repeat(r["phrase"], r["count"], r["kind"], tuple(r.get("evidence", []))) for r in
                      data.get("repeats", [])),
        sections=tuple(SectionDelivery(**s) for s in data.get("sections", [])),
        contour=Contour(contour["step_s"], tuple(contour["pitch_st"]), tuple(contour["level_db"])) if contour else None,
        note=data.get("note", ""),
    )


def filler_words(words: Sequence[tuple[float, float]], fillers: Sequence[tuple[float, float]]) -> set[int]:
    """Which words (given as start and end seconds) lie inside one of the transcript's fillers.

    Renderers mark these: the report's filler list is the one answer to "is this word a filler".
    Report times are rounded to hundredths, hence the small tolerance.
    """
    spans = sorted(fillers)
    marked = set()
    for i, (start, end) in enumerate(words):
        if any(f_start - 0.006 <= start and end <= f_end + 0.006 for f_start, f_end in spans if f_start <= end + 0.006):
            marked.add(i)
    return marked
