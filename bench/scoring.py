"""What bench/eval.py measures on one labelled answer and on a set (issue 11).

Per answer: seg (share of speech time in the right section, ../shared/eval/score.py's
measure), boundary error, section statuses right, expect/forbid checks, fillers found
against fillers said, and the error of words per minute. Per set: mean seg, the worst
answer's seg, statuses right in %, false fillers (reported on answers with none said)
and the median wpm error.

The status a section *should* get is the one coach's own bands give the true section
seconds against the targets the report used (`missing` where the author has none), so
this measures the split and the timing together, not the bands themselves.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from coach.spoken import spoken_word_count

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SECTIONS = ("situation", "task", "action", "result", "reflection")
PUNCT = ".,?!;:"  # the marks a streamed transcript may lack


def streamed(text: str, lower: bool = False) -> str:
    """A written answer as a streamed transcript may have it: . , ? ! ; : taken off the ends of its words ("0.3%"
    and "$1,200" keep their inner marks) and, with `lower`, in lower case but for "I" ("I'd", "I've")."""
    words = [w.strip(PUNCT) for w in text.split()]
    if lower:
        words = [w if re.fullmatch(r"I(?:['’]\w+)?", w) else w.lower() for w in words]
    return " ".join(w for w in words if w)


def shared_module(name: str) -> ModuleType:
    """../shared/eval/<name>.py (score.py, synth.py), which lives beside the checkout, not in it."""
    path = SHARED_EVAL / f"{name}.py"
    if not path.exists():
        raise SystemExit(f"bench: {path} is missing: the eval sets need ../shared/eval beside the checkout")
    spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def status_band() -> Callable[[float, float], str]:
    """coach's own section status bands, looked up at run time: the function may move between modules."""
    import pkgutil

    import coach

    names = ["coach.analysis", "coach.timing", "coach.thresholds"]
    names += [f"coach.{m.name}" for m in pkgutil.iter_modules(coach.__path__) if f"coach.{m.name}" not in names]
    for name in names:
        try:
            fn = getattr(importlib.import_module(name), "section_status", None)
        except ImportError:
            continue
        if callable(fn):
            return lambda seconds, target: _status_text(fn(seconds, target))
    raise SystemExit("bench: no section_status in coach any more: point bench/scoring.py at the status bands")


def _status_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return str(getattr(value, "status", None) or value[0])


def true_seconds(truth_sections: list[dict]) -> dict[str, float]:
    """A section runs from its start to the next section's start (coach's convention); the last to its end."""
    out = {}
    for s, nxt in zip(truth_sections, truth_sections[1:] + [None]):
        out[s["name"]] = (nxt["start_s"] if nxt else s["end_s"]) - s["start_s"]
    return out


def has_digits(truth: dict) -> bool:
    return any(re.search(r"\d", s["text"]) for s in truth["sections"])


@dataclass
class Row:
    id: str
    seg: float
    boundary: float | None  # mean distance of this answer's true and reported section starts
    status_ok: int
    status_n: int
    checks_ok: int
    checks_n: int
    fillers_found: int
    fillers_said: int
    wpm_err: float
    digits: bool  # the text holds digits: true words (len(text.split())) undercount what was said
    wrong: list[str] = field(default_factory=list)
    wpm_err_said: float | None = None  # against the truth's text counted as said ("$19,000" three words)


def score_answer(truth: dict, report: dict, score: ModuleType, band: Callable[[float, float], str]) -> Row:
    reported = report.get("sections", [])
    seg = score.seg_accuracy(truth["sections"], reported)
    bounds = score.boundary_errors(truth["sections"], reported)
    wrong = []
    seconds = true_seconds(truth["sections"])
    status_ok = 0
    for s in reported:
        want = band(seconds[s["name"]], s["target_s"]) if s["name"] in seconds else "missing"
        if want == s["status"]:
            status_ok += 1
        else:
            wrong.append(f"{s['name']}: reported {s['status']}, truth {want}")
    misses = report.get("misses", [])
    bad = [f"not reported: {c}" for c in truth["expect"] if not score.check(c, misses)]
    bad += [f"reported, forbidden: {c}" for c in truth["forbid"] if score.check(c, misses)]
    checks_n = len(truth["expect"]) + len(truth["forbid"])
    words = sum(s["words"] for s in truth["sections"])
    true_wpm = 60 * words / truth["duration_s"]
    wpm = report.get("pacing", {}).get("wpm") or 0.0
    said_wpm = 60 * spoken_word_count(" ".join(s["text"] for s in truth["sections"])) / truth["duration_s"]
    return Row(truth["id"], seg, statistics.mean(bounds) if bounds else None, status_ok, len(reported),
               checks_n - len(bad), checks_n, len(report.get("pacing", {}).get("fillers", [])), truth["fillers"],
               abs(wpm - true_wpm) / true_wpm, has_digits(truth), wrong + bad, abs(wpm - said_wpm) / said_wpm)


@dataclass
class Summary:
    answers: int
    seg: float
    worst_seg: float
    worst_id: str
    status_ok: int
    status_n: int
    checks_ok: int
    checks_n: int
    false_fillers: int
    filler_recall: float
    wpm_err: float
    wpm_err_no_digits: float | None
    boundary: float | None
    wpm_err_said: float | None = None


def summarise(rows: list[Row]) -> Summary:
    worst = min(rows, key=lambda r: r.seg)
    said = sum(r.fillers_said for r in rows)
    plain = [r.wpm_err for r in rows if not r.digits]
    bounds = [r.boundary for r in rows if r.boundary is not None]
    as_said = [r.wpm_err_said for r in rows if r.wpm_err_said is not None]
    return Summary(
        answers=len(rows), seg=statistics.mean(r.seg for r in rows), worst_seg=worst.seg, worst_id=worst.id,
        status_ok=sum(r.status_ok for r in rows), status_n=sum(r.status_n for r in rows),
        checks_ok=sum(r.checks_ok for r in rows), checks_n=sum(r.checks_n for r in rows),
        false_fillers=sum(r.fillers_found for r in rows if not r.fillers_said),
        filler_recall=sum(min(r.fillers_found, r.fillers_said) for r in rows) / said if said else 1.0,
        wpm_err=statistics.median(r.wpm_err for r in rows),
        wpm_err_no_digits=statistics.median(plain) if plain else None,
        boundary=statistics.median(bounds) if bounds else None,
        wpm_err_said=statistics.median(as_said) if as_said else None,
    )


def worst_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r.seg, r.status_ok / max(1, r.status_n), r.id))


def format_row(r: Row) -> str:
    bound = f"{r.boundary:5.2f}" if r.boundary is not None else "    -"
    line = (f"{r.id[:30]:30} {r.seg:5.3f} {bound} {r.status_ok}/{r.status_n}  {r.checks_ok:2d}/{r.checks_n:<2d} "
            f"{r.fillers_found:2d}/{r.fillers_said:<2d} {100 * r.wpm_err:4.1f}%")
    return line + "".join(f"\n    {w}" for w in r.wrong)


HEADER = f"{'answer (worst first)':30} {'seg':>5} {'bound':>5} stat  checks fill  wpm"


def format_summary(name: str, s: Summary, name_worst: bool = True) -> str:
    """The set's summary; a held-out set's does not name its worst answer (name_worst=False)."""
    plain = f"{100 * s.wpm_err_no_digits:.1f}%" if s.wpm_err_no_digits is not None else "-"
    as_said = f", truth counted as said: {100 * s.wpm_err_said:.1f}%" if s.wpm_err_said is not None else ""
    bound = f"{s.boundary:.2f} s" if s.boundary is not None else "-"
    worst = f" ({s.worst_id})" if name_worst else ""
    return (f"{name}: {s.answers} answers  seg {s.seg:.3f}  worst {s.worst_seg:.3f}{worst}\n"
            f"  statuses {100 * s.status_ok / max(1, s.status_n):.1f}% ({s.status_ok}/{s.status_n})  "
            f"checks {s.checks_ok}/{s.checks_n}  false fillers {s.false_fillers}  "
            f"filler recall {s.filler_recall:.2f}\n"
            f"  wpm-err {100 * s.wpm_err:.1f}% (no digits: {plain}{as_said})  boundary {bound}")
