"""Progress in the terminal: one sparkline per measure, overall and per principle."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.report import ProgressPoint
from coach.thresholds import DELIVERY, NORMS, SECTIONS

BLOCKS = "▁▂▃▄▅▆▇█"
SECTION_MARK = {"situation": "S", "task": "T", "action": "A", "result": "R", "reflection": "F"}


def sparkline(values: Sequence[float | None], lo: float | None = None, hi: float | None = None) -> str:
    """Values as bar characters scaled between lo and hi; a gap for a missing value."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    lo = min(present) if lo is None else lo
    hi = max(present) if hi is None else hi
    span = (hi - lo) or 1.0
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            idx = int((min(max(v, lo), hi) - lo) / span * (len(BLOCKS) - 1) + 0.5)
            out.append(BLOCKS[idx])
    return "".join(out)


def _trend(values: Sequence[float | None]) -> str:
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return ""
    fmt = ".1f" if max(abs(v) for v in present) < 10 else ".0f"  # semitones and rates need their decimal
    return f"{present[0]:{fmt}} → {present[-1]:{fmt}}"


def _balance(point: ProgressPoint, width: int = 20) -> str:
    secs = point.sections
    total = sum(v or 0 for v in secs.values()) or 1.0
    out = ""
    for name in SECTIONS:
        out += SECTION_MARK[name] * round(width * (secs.get(name) or 0) / total)
    return out


def metrics_table(points: Sequence[ProgressPoint], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("measure")
    table.add_column("oldest → newest")
    table.add_column("first → last", justify="right")
    table.add_column("aim")
    over: list[float | None] = [100 * p.total_s / p.target_s if p.target_s else None for p in points]
    rows: list[tuple[str, Sequence[float | None], float, float | None, str]] = [
        ("total time, % of budget", over, 0, 150, "≤ 100"),
        ("words per minute", [p.wpm for p in points], 80, 200, f"{NORMS.wpm_slow:.0f}-{NORMS.wpm_fast:.0f}"),
        ("fillers per minute", [p.fillers_per_min for p in points], 0, 8, f"< {NORMS.fillers_per_min_heavy:.0f}"),
        ("pitch variation, semitones", [p.pitch_sd_st for p in points], 0, 4, f"≥ {DELIVERY.narrow_st}"),
        ("hedges per minute", [p.hedges_per_min for p in points], 0, 6, f"< {DELIVERY.hedges_per_min:.0f}"),
        ("misses per answer", [p.misses for p in points], 0, None, "fewer"),
        ("verdict score", [p.score for p in points], 0, 100, "≥ 70 Hire"),
    ]
    for name, values, lo, hi, aim in rows:
        table.add_row(name, sparkline(values, lo, hi), _trend(values), aim)
    return table


def progress_view(points: Sequence[ProgressPoint]) -> RenderableType:
    if not points:
        return Text("No saved answers yet: `coach practice` saves each one (the demo's sample answer is not yours, "
                    "so it is not counted).")
    parts: list[RenderableType] = [metrics_table(points, f"All answers ({len(points)})")]
    balance = Table(title="Section balance per answer (S T A R F, share of time)", title_justify="left")
    balance.add_column("date")
    balance.add_column("principle")
    balance.add_column("balance")
    balance.add_column("verdict")
    for p in points[-12:]:
        balance.add_row(p.date[:16].replace("T", " "), p.principle, _balance(p), p.verdict or "—")
    parts.append(balance)
    by_principle: dict[str, list[ProgressPoint]] = {}
    for p in points:
        by_principle.setdefault(p.principle, []).append(p)
    if len(by_principle) > 1:
        for name, pts in sorted(by_principle.items()):
            parts.append(metrics_table(pts, f"{name} ({len(pts)})"))
    return Group(*parts)
