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


SPARK_MAX = 30  # answers a sparkline shows, the newest (it must fit beside its labels in 80 columns)
BALANCE_WIDTH = 20  # letters in a balance bar: one per 5% of the answer


def _balance(point: ProgressPoint, width: int = BALANCE_WIDTH) -> str:
    secs = point.sections
    total = sum(v or 0 for v in secs.values()) or 1.0
    out = ""
    for name in SECTIONS:
        out += SECTION_MARK[name] * round(width * (secs.get(name) or 0) / total)
    return out


def _band(points: Sequence[ProgressPoint]) -> str:
    """The total's aim as % of the budget: from the level's minimum to the budget."""
    lows = {round(100 * p.min_s / p.target_s) for p in points if p.min_s and p.target_s}
    if len(lows) == 1:
        return f"{lows.pop()}-100 (min-budget)"
    return "min-100 (min-budget)" if lows else "≤ 100 (budget)"


def when(iso: str) -> str:
    return iso[:16].replace("T", " ")


def counted(points: Sequence[ProgressPoint]) -> str:
    """"5 answers in 3 sessions, 2026-11-27 to 2026-11-28": what a progress view is made of."""
    n, sessions = len(points), len({p.session for p in points})
    span = f"{points[0].date[:10]} to {points[-1].date[:10]}" if points[0].date[:10] != points[-1].date[:10] \
        else points[0].date[:10]
    return (f"{n} answer{'s' if n != 1 else ''} in {sessions} session{'s' if sessions != 1 else ''}, {span}")


def metrics_table(points: Sequence[ProgressPoint], title: str) -> Table:
    shown = points[-SPARK_MAX:]
    table = Table(title=title, title_justify="left", pad_edge=False, caption="One bar per answer: taller is more.",
                  caption_justify="left")
    table.add_column("measure")
    table.add_column("oldest → newest" if len(shown) == len(points) else f"last {len(shown)}, oldest → newest",
                     no_wrap=True)
    table.add_column("first → last", justify="right", no_wrap=True)
    table.add_column("aim")
    over: list[float | None] = [100 * p.total_s / p.target_s if p.target_s else None for p in shown]
    rows: list[tuple[str, Sequence[float | None], float, float | None, str]] = [
        ("total time, % of budget", over, 0, 150, _band(shown)),
        ("words per minute", [p.wpm for p in shown], 80, 200, f"{NORMS.wpm_slow:.0f}-{NORMS.wpm_fast:.0f}"),
        ("fillers per minute", [p.fillers_per_min for p in shown], 0, 8, f"< {NORMS.fillers_per_min_heavy:.0f}"),
        ("pitch variation, semitones", [p.pitch_sd_st for p in shown], 0, 4, f"≥ {DELIVERY.narrow_st}"),
        ("hedges per minute", [p.hedges_per_min for p in shown], 0, 6, f"< {DELIVERY.hedges_per_min:.0f}"),
        ("misses per answer", [p.misses for p in shown], 0, None, "fewer"),
        ("verdict score (0-100)", [p.score for p in shown], 0, 100, "≥ 70 Hire"),
    ]
    for name, values, lo, hi, aim in rows:
        table.add_row(name, sparkline(values, lo, hi), _trend(values), aim)
    return table


def progress_view(points: Sequence[ProgressPoint]) -> RenderableType:
    if not points:
        return Text("No saved answers yet: `coach practice` saves each one (the demo's sample answer is not yours, "
                    "so it is not counted).")
    parts: list[RenderableType] = [metrics_table(points, f"All answers: {counted(points)}")]
    recent = points[-12:]
    balance = Table(title=f"Section balance, the last {len(recent)} answers" if len(recent) > 1 else "Section balance",
                    title_justify="left", caption=("Each letter is 5% of the answer's time: S situation, T task, "
                                                   "A action, R result, F reflection."),
                    caption_justify="left", pad_edge=False)
    balance.add_column("when", no_wrap=True)
    balance.add_column("principle")
    balance.add_column("balance", no_wrap=True, min_width=BALANCE_WIDTH)
    balance.add_column("verdict")
    for p in recent:
        balance.add_row(when(p.date), p.principle, _balance(p), p.verdict or "—")
    parts.append(balance)
    by_principle: dict[str, list[ProgressPoint]] = {}
    for p in points:
        by_principle.setdefault(p.principle, []).append(p)
    if len(by_principle) > 1:
        for name, pts in sorted(by_principle.items()):
            parts.append(metrics_table(pts, f"{name}: {counted(pts)}"))
    return Group(*parts)
