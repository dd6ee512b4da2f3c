"""Self-contained HTML pages: one answer's report, and progress over many sessions.

Pure functions from the report JSON (schema 1, docs/interfaces.md) to one HTML string. The
page must open from a saved file on an offline machine and be safe to mail on, so
it carries everything inline (CSS, SVG charts, audio as a data: URI), links to
nothing, and escapes every piece of text that came from the report.
"""

from __future__ import annotations

import base64
import bisect
import math
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any, NamedTuple

from coach.coaching import LABELS, verdict_summary
from coach.findings import Finding, findings
from coach.labels import follow_up_title, unsure_lines
from coach.report import ESTIMATED_NOTE, ProgressPoint, Verdict, filler_words, report_from_json, status_label
from coach.thresholds import DELIVERY, NORMS, SECTIONS

STATUS_COLOUR = {"ok": "#2e9d55", "over": "#e09b1a", "under": "#e09b1a", "missing": "#d64541"}
VERDICT_COLOUR = {"Strong Hire": "#1e7b3c", "Hire": "#2e9d55", "Lean No Hire": "#d08a12", "No Hire": "#d64541",
                  "strong": "#2e9d55", "adequate": "#d08a12", "weak": "#d64541"}
SECTION_COLOUR = {"situation": "#5b8def", "task": "#9b6dd6", "action": "#23a99a", "result": "#f0a030",
                  "reflection": "#e0607e"}
BAND_FILL = {"Strong Hire": "#dff1e3", "Hire": "#edf7e7", "Lean No Hire": "#fff3dc", "No Hire": "#fde8e6"}
MUTED, INK, FILLER_COLOUR, PAUSE_COLOUR = "#5f6b7a", "#1f2430", "#b0389a", "#d64541"

CSS = """
:root{--fg:#1f2430;--muted:#5f6b7a;--line:#e3e7ee;--bg:#f4f6f9} *{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:28px 20px 64px} h1{font-size:1.55rem;line-height:1.3;margin:.1em 0 .35em}
h2{font-size:1.12rem;margin:0 0 .7em} h3{font-size:1rem;margin:1.2em 0 .5em}
.card{background:#fff;border:1px solid var(--line);border-radius:9px;padding:20px 24px;margin:16px 0;box-shadow:0 1px 2px #0001}
.meta,.muted,figcaption{color:var(--muted);font-size:.9rem} ul.reasons{margin:.6em 0 0;padding-left:1.2em}
.pill{display:inline-block;padding:.15em .75em;border-radius:999px;color:#fff;font-weight:650;margin-right:.5em;
 white-space:nowrap}
.stats{display:flex;flex-wrap:wrap;gap:8px 30px;margin-top:14px} .stats div{font-size:.85rem;color:var(--muted)}
.stats b{display:block;font-size:1.15rem;color:var(--fg)} table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em}
td code{font-size:.85rem;background:#f1f3f7;padding:.1em .35em;border-radius:4px;white-space:nowrap}
.ev{font-style:italic;color:#3d4654} .transcript p{margin:.15em 0 .8em}
.sec{display:inline-block;font-size:.7rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:#fff;
 border-radius:4px;padding:.05em .5em;margin-right:.45em;vertical-align:.12em}
mark.filler{background:#f8dcf1;color:#8a2374;border-radius:3px;padding:0 .2em}
.pause{color:#b3261e;background:#fdecea;font-size:.85rem;border-radius:3px;padding:0 .35em;white-space:nowrap}
.pause i{display:inline-block;width:7px;height:.7em;border:solid currentColor;border-width:0 2px;margin-right:4px}
[data-t]{cursor:pointer} [data-t]:hover{background:#e8f0fe} audio{width:100%;margin-top:6px}
svg{display:block;max-width:100%;height:auto;margin:4px 0} svg text{font-family:inherit;font-size:12px;fill:var(--muted)}
.note{background:#fff8e1;border:1px solid #f1d98a;padding:9px 14px;border-radius:8px;margin:10px 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:4px 22px}
.key span{display:inline-block;margin-right:14px;white-space:nowrap}
.key i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
"""


class Series(NamedTuple):
    """One line of a line chart; a None y breaks the line (a session without a score)."""

    name: str
    points: list[tuple[float, float | None]]
    colour: str
    dashed: bool = False


class Bar(NamedTuple):
    """One row of a bar chart: stacked segments (value, colour, hover text) and marks (value, hover text)."""

    label: str
    segments: Sequence[tuple[float, str, str]]
    markers: Sequence[tuple[float, str]] = ()
    note: str = ""
    note_colour: str = MUTED


def _e(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _nice(value: float) -> float:
    """The smallest 1/2/2.5/5 x 10^k at or above value, so axes end on round numbers."""
    if value <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(value))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= value - 1e-9)


def _top(value: float) -> float:
    """An axis end at or above value that is a whole number of tick steps."""
    step = _nice(value / 5)
    return math.ceil(value / step - 1e-9) * step


def _ticks(lo: float, hi: float) -> list[float]:
    step = _nice((hi - lo) / 5 or 1)
    first = math.ceil(lo / step - 1e-9) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def _num(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-6 or abs(v) >= 10 else f"{v:.1f}"


def line_chart(series: Sequence[Series], *, x_range: tuple[float, float], y_range: tuple[float, float],
               width: int = 900, height: int = 220, bands: Sequence[tuple[float, float, str, str]] = (),
               x_ticks: Sequence[tuple[float, str]] | None = None, x_marks: Sequence[tuple[float, float, str, str]] = (),
               x_guides: Sequence[tuple[float, str]] = (), label: str = "chart",
               ribbon: Sequence[tuple[float, float, float]] = (), ribbon_style: tuple[str, str] = ("#e6f4ea", "")) -> str:
    """An inline SVG line chart with shaded y bands (lo, hi, fill, label), vertical guides and marks under the axis.

    x_marks (x0, x1, colour, title) are dots (x1 == x0) or spans drawn in a strip below the plot, so events
    such as fillers and pauses sit on the same time axis as the line. A ribbon (x, lo, hi) is a band that
    changes along x (a budget that differs by level), shaded in ribbon_style's fill and named in its legend.
    """
    (x0, x1), (y0, y1) = x_range, y_range
    ml, mr = 46, 96  # the same margins on every chart keep stacked charts' time axes aligned
    mt = 24 if len(series) > 1 or x_guides else 10
    mb = 26 + (16 if x_marks else 0)
    pw, ph = width - ml - mr, height - mt - mb

    def sx(x: float) -> float:
        return ml + 8 + (x - x0) / ((x1 - x0) or 1) * (pw - 16)

    def sy(y: float) -> float:
        return mt + ph - (min(max(y, y0), y1) - y0) / ((y1 - y0) or 1) * ph

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{_e(label)}">']
    for lo, hi, fill, name in bands:
        out.append(f'<rect x="{ml}" y="{sy(hi):.1f}" width="{pw}" height="{sy(lo) - sy(hi):.1f}" fill="{fill}"/>')
        if name:
            out.append(f'<text x="{ml + pw + 6}" y="{(sy(lo) + sy(hi)) / 2 + 4:.1f}">{_e(name)}</text>')
    if ribbon:
        edge = [(sx(x), sy(hi)) for x, _, hi in ribbon] + [(sx(x), sy(lo)) for x, lo, _ in reversed(ribbon)]
        if len(ribbon) == 1:  # one point: a short band around it
            (x, lo, hi), = ribbon
            edge = [(sx(x) - 6, sy(hi)), (sx(x) + 6, sy(hi)), (sx(x) + 6, sy(lo)), (sx(x) - 6, sy(lo))]
        out.append(f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in edge)}" fill="{ribbon_style[0]}"/>')
        if ribbon_style[1]:
            out.append(f'<text x="{ml + pw + 6}" y="{(sy(ribbon[-1][1]) + sy(ribbon[-1][2])) / 2 + 4:.1f}">'
                       f'{_e(ribbon_style[1])}</text>')
    for t in _ticks(y0, y1):
        out.append(f'<line x1="{ml}" x2="{ml + pw}" y1="{sy(t):.1f}" y2="{sy(t):.1f}" stroke="#e6e9ef"/>'
                   f'<text x="{ml - 6}" y="{sy(t) + 4:.1f}" text-anchor="end">{_num(t)}</text>')
    out.append(f'<line x1="{ml}" x2="{ml + pw}" y1="{mt + ph}" y2="{mt + ph}" stroke="#aab2bf"/>')
    for x, name in x_guides:
        out.append(f'<line x1="{sx(x):.1f}" x2="{sx(x):.1f}" y1="{mt}" y2="{mt + ph}" stroke="#c7cdd6" '
                   f'stroke-dasharray="3 3"/><text x="{sx(x) + 3:.1f}" y="{mt - 6}">{_e(name)}</text>')
    ticks = x_ticks if x_ticks is not None else [(t, f"{_num(t)} s") for t in _ticks(x0, x1)]
    for x, name in ticks:
        out.append(f'<text x="{sx(x):.1f}" y="{height - 8}" text-anchor="middle">{_e(name)}</text>')
    strip = mt + ph + 10
    for a, b, colour, title in x_marks:
        shape = (f'<circle cx="{sx(a):.1f}" cy="{strip}" r="4" fill="{colour}">' if b <= a else
                 f'<rect x="{sx(a):.1f}" y="{strip - 3}" width="{max(sx(b) - sx(a), 3):.1f}" height="6" rx="2" fill="{colour}">')
        out.append(f'{shape}<title>{_e(title)}</title></{"circle" if b <= a else "rect"}>')
    for i, s in enumerate(series):
        runs: list[list[tuple[float, float]]] = [[]]
        for x, y in s.points:
            if y is None:
                runs.append([])
            else:
                runs[-1].append((x, y))
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in run)
                out.append(f'<polyline points="{pts}" fill="none" stroke="{s.colour}" stroke-width="2.2"{dash}/>')
        if sum(len(r) for r in runs) <= 40:
            out += [f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.2" fill="{s.colour}"><title>{_e(s.name)}: '
                    f'{_num(y)}</title></circle>' for run in runs for x, y in run]
        if len(series) > 1:
            lx = ml + 8 + i * 150
            out.append(f'<rect x="{lx}" y="{mt - 16}" width="12" height="3" fill="{s.colour}"/>'
                       f'<text x="{lx + 17}" y="{mt - 11}">{_e(s.name)}</text>')
    out.append("</svg>")
    return "".join(out)


def bar_chart(rows: Sequence[Bar], *, x_max: float, width: int = 900, row_h: int = 28, label_w: int = 110,
              note_w: int = 170, unit: str = "s") -> str:
    """An inline SVG horizontal bar chart: stacked segments per row, vertical marks (targets), a note at the end."""
    pw = width - label_w - note_w
    height = len(rows) * row_h + 24

    def sx(v: float) -> float:
        return label_w + min(max(v, 0.0), x_max) / (x_max or 1) * pw

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="bar chart">']
    for t in _ticks(0, x_max):
        out.append(f'<line x1="{sx(t):.1f}" x2="{sx(t):.1f}" y1="0" y2="{height - 20}" stroke="#eceff4"/>'
                   f'<text x="{sx(t):.1f}" y="{height - 6}" text-anchor="middle">{_num(t)} {_e(unit)}</text>')
    for i, row in enumerate(rows):
        bh = round(row_h * 0.58)
        y = i * row_h + (row_h - bh) // 2
        out.append(f'<text x="{label_w - 10}" y="{y + bh / 2 + 4:.1f}" text-anchor="end" '
                   f'style="fill:{INK}">{_e(row.label)}</text>'
                   f'<rect x="{label_w}" y="{y}" width="{pw}" height="{bh}" rx="3" fill="#f1f3f7"/>')
        at = 0.0
        for value, colour, title in row.segments:
            if value > 0:
                out.append(f'<rect x="{sx(at):.1f}" y="{y}" width="{sx(at + value) - sx(at):.1f}" height="{bh}" '
                           f'rx="3" fill="{colour}"><title>{_e(title)}</title></rect>')
            at += value
        for value, title in row.markers:
            out.append(f'<rect x="{sx(value) - 1.5:.1f}" y="{y - 4}" width="3" height="{bh + 8}" fill="{INK}">'
                       f'<title>{_e(title)}</title></rect>')
        out.append(f'<text x="{label_w + pw + 10}" y="{y + bh / 2 + 4:.1f}" style="fill:{row.note_colour}">'
                   f'{_e(row.note)}</text>')
    out.append("</svg>")
    return "".join(out)


def page(title: str, body: str, script: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
            f"<style>{CSS}</style></head><body><main>{body}</main>{script}</body></html>\n")


def card(heading: str, inner: str) -> str:
    return f'<section class="card"><h2>{_e(heading)}</h2>{inner}</section>'


def pill(label: str) -> str:
    return f'<span class="pill" style="background:{VERDICT_COLOUR.get(label, MUTED)}">{_e(label)}</span>'


def _when(date: Any, fmt: str = "%Y-%m-%d %H:%M") -> str:
    try:
        return datetime.fromisoformat(str(date)).strftime(fmt)
    except ValueError:
        return str(date or "")[:16]


def _stats(report: dict[str, Any]) -> str:
    def _stat(name: str, value: str) -> str:
        return f"<div><b>{_e(value)}</b>{_e(name)}</div>"

    p, t = report.get("pacing", {}), report.get("total", {})
    fillers, pauses = p.get("fillers", []), p.get("pauses", [])
    heard = sum(1 for f in fillers if f.get("source") == "audio")
    items = [_stat(f"pace, wpm (band {NORMS.wpm_slow:.0f}-{NORMS.wpm_fast:.0f})", f"{p.get('wpm', 0):.0f}"),
             _stat(f"fillers ({p.get('fillers_per_min', 0):.1f}/min" + (f", {heard} audio only)" if heard else ")"),
                   str(len(fillers))),
             _stat(f"pauses over {NORMS.pause_min_s} s ({sum(1 for x in pauses if x.get('long'))} long)", str(len(pauses)))]
    probe = bool(report.get("probe"))
    if t:  # a probe answer's total is its speaking time, with the thinking before it beside it
        items.insert(0, _stat("speaking" if probe else f"total ({t.get('status', '')})", f"{t.get('seconds', 0):.0f} s"))
    if p.get("first_word_s") is not None:
        items.insert(1 if probe else len(items), _stat("thinking first" if probe else "to first word",
                                                        f"{p['first_word_s']:.1f} s"))
    return f'<div class="stats">{"".join(items)}</div>'


def _timeline(report: dict[str, Any]) -> str:
    """Each STAR section's seconds against its target, then the whole answer against the level's budget."""
    sections = report.get("sections", [])
    longest = max([s.get("seconds") or 0 for s in sections] + [s.get("target_s") or 0 for s in sections] + [1])
    rows = []
    for s in sections:
        sec, target = s.get("seconds"), s.get("target_s") or 0
        colour = STATUS_COLOUR.get(s.get("status", ""), MUTED)
        status = status_label(s.get("status", ""), s.get("long_s"))
        note = "missing" if sec is None else f"{sec:.0f} s of {target:.0f} s · {status}"
        seg = [] if sec is None else [(sec, colour, f"{s.get('name')}: {sec:.1f} s, {status}")]
        rows.append(Bar(str(s.get("name", "")).title(), seg, [(target, f"target {target:.0f} s")], note, colour))
    t = report.get("total", {})
    total, budget, low = t.get("seconds", 0.0), t.get("target_s", 0.0), t.get("min_s")  # min_s: not in older JSON
    colour = STATUS_COLOUR.get(t.get("status", ""), MUTED)
    marks = [(budget, f"budget {budget:.0f} s")] + ([(low, f"minimum {low:.0f} s")] if low else [])
    total_row = Bar("Total", [(total, colour, f"total {total:.1f} s, {t.get('status', '')}")], marks,
                    f"{total:.0f} s of {f'{low:.0f}-' if low else ''}{budget:.0f} s · {t.get('status', '')}", colour)
    return (bar_chart(rows, x_max=_top(longest * 1.05)) + bar_chart([total_row], x_max=_top(max(total, budget) * 1.05))
            + '<p class="key muted"><span><i style="background:#1f2430;width:3px"></i>target (total: minimum and '
              f'budget for {_e(report.get("level", ""))})</span>' + "".join(
                f'<span><i style="background:{c}"></i>{n}</span>' for n, c in
                (("ok", STATUS_COLOUR["ok"]), ("over / under", STATUS_COLOUR["over"]), ("missing", STATUS_COLOUR["missing"])))
            + "</p>" + "".join(f'<p class="note">{_e(line)}</p>' for line in unsure_lines(report_from_json(report))))


def wpm_windows(words: Sequence[dict[str, Any]], window: float = 10.0, step: float = 2.0) -> list[tuple[float, float]]:
    """Words per minute in a sliding window, as (window centre s, wpm): pace changes that one average hides."""
    starts = sorted(float(w["start_s"]) for w in words)
    if len(starts) < 2:
        return []
    end = max(float(w.get("end_s", w["start_s"])) for w in words)
    window = min(window, end)
    if window < 2:
        return []
    points = []
    for t in (i * step for i in range(int((end - window) / step + 1e-9) + 1)):
        n = bisect.bisect_left(starts, t + window) - bisect.bisect_left(starts, t)
        points.append((t + window / 2, n * 60 / window))
    return points


def _pace(report: dict[str, Any]) -> str:
    points = wpm_windows(report.get("words", []))
    if not points:
        return '<p class="muted">Too few timed words to chart the pace.</p>'
    p = report.get("pacing", {})
    marks = [(f["start_s"], f["start_s"], FILLER_COLOUR, f"filler “{f.get('text', '')}” at {f['start_s']:.1f} s")
             for f in p.get("fillers", [])]
    marks += [(x["start_s"], x["start_s"] + x["seconds"], PAUSE_COLOUR, f"pause {x['seconds']:.1f} s at {x['start_s']:.1f} s")
              for x in p.get("pauses", []) if x.get("long")]
    guides = [(s["start_s"], str(s["name"]).title()) for s in report.get("sections", []) if s.get("start_s") is not None]
    top = _top(max([y for _, y in points] + [NORMS.wpm_fast + 30]))
    end = max(float(report.get("duration_s") or 0), points[-1][0])
    svg = line_chart([Series("wpm", list(points), "#3b6fd8")], x_range=(0, end), y_range=(0, top), x_marks=marks,
                     x_guides=guides, bands=[(NORMS.wpm_slow, NORMS.wpm_fast, "#e6f4ea", "comfortable")], label="pace")
    return (svg + f'<figcaption>Words per minute over a 10 s window every 2 s; shaded: {NORMS.wpm_slow:.0f}-'
            f'{NORMS.wpm_fast:.0f} wpm. Under the axis: <span style="color:{FILLER_COLOUR}">● filler</span> '
            f'<span style="color:{PAUSE_COLOUR}">▬ long pause</span>.</figcaption>')


def delivery_html(report: dict[str, Any]) -> str:
    """Pitch and loudness over the answer with the section boundaries, then hedges and repeats with evidence."""
    d = report.get("delivery") or {}
    if not d:
        return '<p class="muted">No delivery figures in this report (it predates them).</p>'
    out = []
    contour = d.get("contour")
    guides = [(s["start_s"], str(s["name"]).title()) for s in report.get("sections", []) if s.get("start_s") is not None]
    if contour:
        step = float(contour["step_s"])
        pitch = [(i * step, v) for i, v in enumerate(contour["pitch_st"])]
        level = [(i * step, v) for i, v in enumerate(contour["level_db"])]
        end = max(len(pitch) * step, 1.0)
        sd, band, hz = d.get("pitch_sd_st"), d.get("pitch_band"), d.get("pitch_median_hz")
        out.append(line_chart([Series("pitch", pitch, "#3b6fd8")], x_range=(0, end), y_range=(-8, 8), x_guides=guides,
                              bands=[(-DELIVERY.monotone_st, DELIVERY.monotone_st, "#fdecea", "flat band")],
                              label="pitch contour"))
        said = (f"variation {sd:.2f} semitones: {band}" if sd is not None else "too little voice to judge")
        out.append(f'<figcaption>Pitch in semitones from your median ({_e(hz)} Hz), a point per 100 ms; {said} '
                   f"(flat below {DELIVERY.monotone_st}, lively speakers 2-4).</figcaption>")
        voiced = [v for _, v in level if v is not None]
        if voiced:
            trail = [(e["end_s"], e["end_s"], PAUSE_COLOUR, f"“{e['last_word']}” {e['drop_db']:.0f} dB softer than "
                      "its sentence") for e in d.get("sentence_ends", []) if e["drop_db"] >= DELIVERY.trail_db]
            lo = math.floor(min(voiced) / 10) * 10
            out.append(line_chart([Series("level", level, "#23a99a")], x_range=(0, end), y_range=(lo, 0),
                                  x_guides=guides, x_marks=trail, label="loudness contour"))
            quiet = (" Too quiet to judge sentence ends: raise the input level." if d.get("too_quiet") else
                     " Too noisy to judge sentence ends: a quieter room or a closer microphone." if d.get("too_noisy")
                     else "")
            out.append(f'<figcaption>Loudness in dBFS (peak per 100 ms); speech at {_e(d.get("level_db"))} dBFS. '
                       f'Under the axis: <span style="color:{PAUSE_COLOUR}">● a sentence that trails off</span> '
                       f"({d.get('trailing', 0)} of {len(d.get('sentence_ends', []))}).{quiet}</figcaption>")
    hedges = [h for h in d.get("hedges", []) if h.get("kind") != "opinion"]
    opinions = [h for h in d.get("hedges", []) if h.get("kind") == "opinion"]
    if hedges:
        items = "".join(f'<li><b>{_e(h["text"])}</b> ({_e(h["kind"])}, {_e(h.get("section") or "")}): '
                        f'<i>{_e(h["sentence"])}</i></li>' for h in hedges)
        out.append(f'<h3>Hedges: {len(hedges)}, {float(d.get("hedges_per_min", 0)):.1f} a minute</h3><ul>{items}</ul>')
    else:
        out.append("<h3>Hedges: none on what you did or achieved</h3>")
    if opinions:
        out.append(f'<p class="muted">Opinions, not counted: {"; ".join(_e(h["sentence"]) for h in opinions)}</p>')
    for r in d.get("repeats", []):
        what = f"opens {r['count']} sentences" if r["kind"] == "opener" else f"said {r['count']} times"
        out.append(f'<h3>Repeated: “{_e(r["phrase"])}” {what}</h3><ul>'
                   + "".join(f"<li><i>{_e(q)}</i></li>" for q in r.get("evidence", [])) + "</ul>")
    return "".join(out)


def transcript_html(report: dict[str, Any], seek: bool = False) -> str:
    """The words with a badge at each section start, fillers marked, audio-only fillers and long pauses inline."""
    words = report.get("words", [])
    if not words:
        return f'<div class="transcript"><p>{_e(report.get("transcript", "")) or "(no transcript)"}</p></div>'
    p = report.get("pacing", {})
    events: list[tuple[float, int, str]] = []  # (time, order, html): section breaks sort after pauses at equal times
    for s in report.get("sections", []):
        if s.get("start_s") is not None:
            badge = f'<span class="sec" style="background:{SECTION_COLOUR.get(s.get("name"), MUTED)}">{_e(s["name"])}</span>'
            events.append((s["start_s"] - 0.006, 1, f"</p><p>{badge}"))  # starts are rounded to 0.01 s
    for f in p.get("fillers", []):
        if f.get("source") == "audio":
            text = f.get("text") or "(um)"
            events.append((f["start_s"], 0, f'<mark class="filler" title="heard in the audio">{_e(text)}</mark> '))
    for x in p.get("pauses", []):
        if x.get("long"):
            events.append((x["start_s"], 0, f'<span class="pause" title="long pause"><i></i>{x["seconds"]:.1f} s</span> '))
    events.sort(key=lambda e: (e[0], e[1]))
    spoken = filler_words([(w["start_s"], w["end_s"]) for w in words],
                          [(f["start_s"], f.get("end_s", f["start_s"])) for f in p.get("fillers", [])
                           if f.get("source", "transcript") == "transcript"])
    out, ei = ["<p>"], 0
    for i, w in enumerate(words):
        while ei < len(events) and events[ei][0] <= w["start_s"]:
            out.append(events[ei][2])
            ei += 1
        text = _e(w["text"])
        if i in spoken:
            text = f'<mark class="filler">{text}</mark>'
        out.append(f'<span data-t="{w["start_s"]:.2f}">{text}</span> ' if seek else f"{text} ")
    out += [e[2] for e in events[ei:]] + ["</p>"]
    return '<div class="transcript">' + "".join(out).replace("<p></p>", "") + "</div>"


def misses_html(report: dict[str, Any]) -> str:
    """Every finding of the report (coach.findings), heaviest first, each with its evidence."""
    found = findings(report_from_json(report))
    if not found:
        return '<p style="color:#1e7b3c">No misses: nothing an interviewer would mark down.</p>'

    def evidence(f: Finding) -> str:
        return "<br>".join("“" + _e(e) + "”" if f.quoted else _e(e) for e in f.evidence) + (
            f'<br><span class="muted">Also {_e("; ".join(f.also))}.</span>' if f.also else "")

    rows = "".join(f'<tr><td><b>{_e(f.title)}</b></td><td>{_e((f.section or "").title())}</td>'
                   f'<td class="num">−{f.cost:.0f}</td><td>{_e(f.message)}</td><td class="ev">{evidence(f)}</td></tr>'
                   for f in found)
    return ("<table><thead><tr><th>miss</th><th>section</th><th>points</th><th>what to do</th><th>evidence</th>"
            f"</tr></thead>{rows}</table>")


def _verdict(report: dict[str, Any]) -> str:
    parts = []
    if v := report.get("verdict"):
        score = ""
        if v.get("score") is not None:
            summary = verdict_summary(Verdict(v.get("label", ""), float(v["score"]), ()))
            score = " · " + _e(summary.split("(", 1)[-1].replace(")", "", 1))  # "83/100, 2 points below Strong Hire"
        parts.append(f'<p>{pill(v.get("label", ""))}<span class="muted">Bar Raiser verdict{score}</span></p>')
        parts.append('<ul class="reasons">' + "".join(f"<li>{_e(r)}</li>" for r in v.get("reasons", [])) + "</ul>")
    if pr := report.get("probe"):
        parts.append(f'<p>{pill(pr.get("verdict", ""))}<span class="muted">{_e(follow_up_title(int(pr.get("index") or 0)))}'
                     '</span></p>')
        parts.append('<ul class="reasons">' + "".join(f"<li>{_e(r)}</li>" for r in pr.get("reasons", [])) + "</ul>")
    return "".join(parts)


SEEK_SCRIPT = ("<script>document.addEventListener('click',function(e){"
               "var t=e.target&&e.target.closest?e.target.closest('[data-t]'):null;if(!t)return;"
               "var box=t.closest('[data-player]');var a=box?document.getElementById(box.getAttribute('data-player')):null;"
               "if(a){a.currentTime=parseFloat(t.getAttribute('data-t'))||0;a.play();}});</script>")


def answer_cards(report: dict[str, Any], audio_wav: bytes | None = None, title: str = "", player: str = "player",
                 meta: Sequence[str] | None = None) -> str:
    """One answer's cards: question, verdict and figures; its recording; sections against targets (main
    answers); pace; transcript; misses. Wrapped in an element naming its audio player, so clicking a word
    plays that answer's recording from there, however many answers a page holds."""
    if meta is None:
        meta = [f"story {report['story']}" if report.get("story") else "no story",
                f"level {report.get('level', '')}", f"{float(report.get('duration_s') or 0):.0f} s recorded"]
        if report.get("date"):
            meta = [_when(report["date"]), *meta]
    head = (f'<p class="meta">{_e(title)}</p>' if title else "") + (
        f'<h1>{_e(report.get("question", ""))}</h1><p class="meta">{" · ".join(_e(m) for m in meta)}</p>'
        f'{_verdict(report)}{_stats(report if not report.get("probe") else dict(report, total={}))}')
    if report.get("estimated") and not any(n.startswith(ESTIMATED_NOTE) for n in report.get("notes", [])):
        head += f'<p class="note">{ESTIMATED_NOTE} at a steady speaking rate, not measured.</p>'
    head += "".join(f'<p class="note">{_e(n)}</p>' for n in report.get("notes", []))
    body = [f'<section class="card">{head}</section>']
    if audio_wav is not None:
        uri = "data:audio/wav;base64," + base64.b64encode(audio_wav).decode("ascii")
        body.append(card("Recording", f'<audio id="{_e(player)}" controls preload="metadata" src="{uri}"></audio>'
                                       '<p class="muted">Click a word in the transcript to play from there.</p>'))
    if not report.get("probe"):
        body.append(card("Sections against targets", _timeline(report)))
    body.append(card("Pace over the answer", _pace(report)))
    body.append(card("Delivery: pitch, loudness, hedges, repetition", delivery_html(report)))
    body.append(card("Transcript", transcript_html(report, seek=audio_wav is not None)))
    body.append(card(f"Misses ({len(findings(report_from_json(report)))}, heaviest first)", misses_html(report)))
    return f'<div data-player="{_e(player)}">' + "".join(body) + "</div>"


def probe_card(report: dict[str, Any], heading: str = "") -> str:
    """A follow-up answer in one card: the probe, its grade and reasons, figures, transcript, misses."""
    probe = report.get("probe") or {}
    inner = (f'<h1 style="font-size:1.2rem">{_e(probe.get("question") or report.get("question", ""))}</h1>'
             f'{_verdict(report)}{_stats(report)}<h3>Transcript</h3>{transcript_html(report)}'
             f'<h3>Misses</h3>{misses_html(report)}')
    return card(heading or follow_up_title(int(probe.get("index") or 0)), inner)


def answer_html(report: dict[str, Any], audio_wav: bytes | None = None, title: str = "coach report") -> str:
    """One answer's report as a page to keep or share: header and verdict, timeline, pace, transcript, misses, probes."""
    body = [answer_cards(report, audio_wav, title)]
    body += [probe_card(pr) for pr in report.get("probes", [])]
    return page(title, "".join(body), SEEK_SCRIPT if audio_wav is not None else "")


def _progress_charts(pts: Sequence[ProgressPoint], small: bool) -> list[tuple[str, str]]:
    """(title, svg) for each chart of a run of sessions, in date order: one x step per session."""
    n = len(pts)
    w, h = (440, 170) if small else (900, 220)
    every = max(1, math.ceil(n / (5 if small else 10)))
    names = point_labels([p.date for p in pts])
    xt = [(float(i), names[i]) for i in range(n) if i % every == 0]
    opts: dict[str, Any] = {"x_range": (0, max(n - 1, 1)), "x_ticks": xt, "width": w, "height": h}

    def value(p: ProgressPoint, key: str) -> float | None:
        v = getattr(p, key)
        return None if v is None else float(v)

    def line(key: str, name: str, colour: str) -> Series:
        return Series(name, [(float(i), value(p, key)) for i, p in enumerate(pts)], colour)

    def top(*keys: str, floor: float = 1.0) -> float:
        return _top(max([v for p in pts for k in keys if (v := value(p, k)) is not None] + [floor]) * 1.05)

    charts = [
        ("Total time against the budget (seconds)", line_chart(
            [line("total_s", "total", "#3b6fd8"), line("target_s", "budget", "#8a94a6")._replace(dashed=True),
             line("min_s", "minimum", "#b4bcc8")._replace(dashed=True)],
            y_range=(0, top("total_s", "target_s")), label="total time", ribbon_style=("#e6f4ea", "in budget"),
            ribbon=[(float(i), p.min_s, p.target_s) for i, p in enumerate(pts) if p.min_s is not None], **opts)),
        ("Words per minute", line_chart([line("wpm", "wpm", "#3b6fd8")], y_range=(0, top("wpm", floor=NORMS.wpm_fast + 20)),
                                        bands=[(NORMS.wpm_slow, NORMS.wpm_fast, "#e6f4ea", "comfortable")], label="wpm", **opts)),
        ("Fillers per minute", line_chart([line("fillers_per_min", "fillers/min", FILLER_COLOUR)],
                                          y_range=(0, top("fillers_per_min", floor=NORMS.fillers_per_min_heavy)),
                                          bands=[(NORMS.fillers_per_min_heavy, 1e9, "#fde8e6", "heavy")], label="fillers",
                                          **opts)),
        ("Misses per answer", line_chart([line("misses", "misses", "#d64541")], y_range=(0, top("misses", floor=4)),
                                         label="misses", **opts)),
    ]
    if any(p.pitch_sd_st is not None for p in pts):
        charts.append(("Pitch variation (semitones)", line_chart(
            [line("pitch_sd_st", "pitch SD st", "#3b6fd8")], y_range=(0, top("pitch_sd_st", floor=4)),
            bands=[(0, DELIVERY.monotone_st, "#fde8e6", "flat"), (DELIVERY.narrow_st, 1e9, "#e6f4ea", "lively")],
            label="pitch variation", **opts)))
    if any(p.hedges_per_min is not None for p in pts):
        charts.append(("Hedges per minute", line_chart(
            [line("hedges_per_min", "hedges/min", "#9b6dd6")], y_range=(0, top("hedges_per_min", floor=DELIVERY.hedges_per_min)),
            bands=[(DELIVERY.hedges_per_min, 1e9, "#fde8e6", "hedging")], label="hedges", **opts)))
    if any(p.score is not None for p in pts):
        floors = [f for f, _ in LABELS]
        bands = [(max(lo, 0), hi, BAND_FILL.get(name, "#f1f3f7"), name)
                 for (lo, name), hi in zip(LABELS, [100.0] + floors[:-1])]
        charts.append(("Verdict score", line_chart([line("score", "score", INK)], y_range=(0, 100), bands=bands,
                                                   label="score", **opts)))
    charts.append(("Section balance (share of the answer)", _balance(pts, w)))
    return charts


def _balance(pts: Sequence[ProgressPoint], width: int) -> str:
    rows: list[Bar] = []
    names = point_labels([p.date for p in pts])
    for p in pts:
        secs = {k: float(v or 0) for k, v in p.sections.items()}
        total = sum(secs.values())
        segs = [(100 * secs.get(s, 0) / total if total else 0, SECTION_COLOUR[s], f"{s}: {secs.get(s, 0):.0f} s")
                for s in SECTIONS]
        rows.append(Bar(names[len(rows)], segs, (), f"{total:.0f} s" if total else "no sections"))
    key = "".join(f'<span><i style="background:{SECTION_COLOUR[s]}"></i>{s}</span>' for s in SECTIONS)
    return (bar_chart(rows, x_max=100, width=width, row_h=22 if len(rows) <= 15 else 15, label_w=96, note_w=70, unit="%")
            + f'<p class="key muted">{key}</p>')


def point_labels(dates: Sequence[str]) -> list[str]:
    """A label per point that tells it from its neighbours: the day when days differ, the time when they do not,
    and a number when two answers share a minute."""
    days = [_when(d, "%b %d") for d in dates]
    names = [f"{day} {_when(d, '%H:%M')}" if days.count(day) > 1 else day for day, d in zip(days, dates)]
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if names.count(name) == 1 else f"{name} #{seen[name]}")
    return out


def _one_session(p: ProgressPoint) -> str:
    label = p.verdict or next((n for f, n in LABELS if float(p.score or 0) >= f), "")
    score = f", score {p.score:.0f} ({_e(label)})" if p.score is not None else ""
    return (f"<p>One answer so far ({_e(_when(p.date))}, {_e(p.principle)}): "
            f"{float(p.total_s or 0):.0f} s against a {float(p.target_s or 0):.0f} s budget, "
            f"{float(p.wpm or 0):.0f} wpm, {float(p.fillers_per_min or 0):.1f} fillers a minute, "
            f"{int(p.misses or 0)} misses{score}. Charts over time appear from the second answer.</p>")


def progress_html(points: Sequence[ProgressPoint], title: str = "coach progress") -> str:
    """Progress over sessions: the same charts overall and as small multiples per leadership principle."""
    pts = sorted(points, key=lambda p: p.date)
    sessions = len({p.session for p in pts})
    span = f"{len(pts)} answer{'s' if len(pts) != 1 else ''} in {sessions} session{'s' if sessions != 1 else ''}"
    if pts:
        span += f", {_e(_when(pts[0].date))}" + (f" to {_e(_when(pts[-1].date))}" if len(pts) > 1 else "")
    body = [f'<section class="card"><h1>{_e(title)}</h1><p class="meta">{span}</p></section>']
    if not pts:
        body.append(card("No sessions yet", "<p>Practise an answer and save it; its progress appears here.</p>"))
        return page(title, "".join(body))
    if len(pts) == 1:
        body.append(card("Overall", _one_session(pts[0]) + _balance(pts, 900)))
        return page(title, "".join(body))
    body.append(card("Overall", "".join(f"<h3>{_e(t)}</h3>{svg}" for t, svg in _progress_charts(pts, small=False))))
    principles: dict[str, list[ProgressPoint]] = {}
    for p in pts:
        principles.setdefault(p.principle or "no principle", []).append(p)
    for name, group in principles.items():
        if len(group) == 1:
            inner = _one_session(group[0])
        else:
            inner = '<div class="grid">' + "".join(f"<div><h3>{_e(t)}</h3>{svg}</div>"
                                                   for t, svg in _progress_charts(group, small=True)) + "</div>"
        body.append(card(f"{name} ({len(group)} answers)" if len(group) > 1 else name, inner))
    return page(title, "".join(body))
