"""A whole kept session as one self-contained HTML page: every question under its own heading and story.

A mock interview of two questions is one page with both: a summary table at the top (each question's
verdict, time and follow-ups), then each question with its attempts (and what changed between them)
and its follow-ups. Recordings are embedded while the page stays small enough to mail on
(`AUDIO_BUDGET`); past that, an answer's card says how to play it instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from coach.attempts import Comparison, compare, phrases_by_section
from coach.findings import headlines
from coach.history import Question, answer_title, follow_up_name, question_heading, questions, session_heading, summarise
from coach.html import SEEK_SCRIPT, answer_cards, card, page, pill, probe_card
from coach.store import AnswerRow, SessionRow

AUDIO_BUDGET = 40 * 2**20  # bytes of WAV embedded in one page, at most (about 20 minutes of 16 kHz speech)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def session_html(session: SessionRow, answers: Sequence[AnswerRow], audio: Callable[[AnswerRow], bytes | None],
                 title: str | None = None) -> str:
    """The page; `audio(answer)` gives an answer's WAV bytes, or None when the file is missing."""
    summary = summarise(answers)
    groups = questions(answers)
    heading = session_heading(session.kind, session.id, summary)
    meta = [session.created_at.replace("T", " "), f"level {session.level or 'sde2'}",
            f"{summary.answers} answer{'s' if summary.answers != 1 else ''}", f"{_clock(summary.spoken_s)} spoken"]
    if not session.complete:
        meta.append("incomplete: cut short")
    body = [f'<section class="card"><p class="meta">coach</p><h1>{escape(heading)}</h1>'
            f'<p class="meta">{escape(" · ".join(meta))}</p>{_overview(groups)}</section>']
    budget = AUDIO_BUDGET
    for q in groups:
        where = " · ".join(x for x in (q.principle, f"story {q.story}" if q.story else "no story") if x)
        body.append(f'<h2 id="q{q.number}" style="margin:34px 0 4px">{escape(question_heading(q, len(groups)))}</h2>'
                    f'<p class="meta" style="margin:0">{escape(where)}</p>')
        previous = None
        for i, a in enumerate(q.attempts, 1):
            wav, budget = _within(audio(a), budget)
            if a.report is None:
                body.append(card(answer_title(a, i, len(q.attempts)), f"<p>{escape(a.question)}</p><p>No report yet: "
                                 f"<code>coach review {session.id} --regrade</code> grades what was recorded.</p>"))
                continue
            if previous is not None:
                body.append(card(f"Against attempt {i - 1}", changes_html(compare(previous, a.report))))
            data = a.report.to_json()
            body.append(answer_cards(data, wav, answer_title(a, i, len(q.attempts)), f"player-{a.position}",
                                     _meta(a) + _missing(wav, a, session.id)))
            previous = a.report
        for p in q.probes:
            if p.report is None:
                body.append(card("Follow-up", f"<p>{escape(p.question)}</p><p>No report yet.</p>"))
                continue
            body.append(probe_card(p.report.to_json(), follow_up_name(p)))
    return page(title or f"coach · {heading}", "".join(body), SEEK_SCRIPT)


def _within(wav: bytes | None, budget: int) -> tuple[bytes | None, int]:
    if wav is None or len(wav) > budget:
        return None, budget
    return wav, budget - len(wav)


def _meta(a: AnswerRow) -> list[str]:
    r = a.report
    out = [f"{float(r.duration_s):.0f} s recorded"] if r else []
    if not a.complete:
        out.append("incomplete recording")
    return out


def _missing(wav: bytes | None, a: AnswerRow, session_id: int) -> list[str]:
    if wav is not None or a.audio is None:
        return []
    return [f"audio not embedded: coach review {session_id} --play --answer {a.position}"]


def _overview(groups: Sequence[Question[AnswerRow]]) -> str:
    rows = []
    for q in groups:
        r = q.last.report
        label = (r.verdict.label if r and r.verdict else r.probe.verdict if r and r.probe
                 else r.sections[0].status if r and r.sections and q.last.kind == "section" else "no report")
        time = f"{_clock(r.total.seconds)} of {_clock(r.total.target_s)}" if r else "—"
        ups = ", ".join(f"{follow_up_name(p)}: {p.report.probe.verdict}"
                        for p in q.probes if p.report and p.report.probe) or "none"
        tries = f" ({len(q.attempts)} attempts)" if len(q.attempts) > 1 else ""
        work = "; ".join(headlines(r)) if r else ""
        rows.append(f'<tr><td><a href="#q{q.number}">{q.number}</a></td><td>{escape(q.principle or "")}<br>'
                    f'<span class="muted">{escape(q.story or "no story")}</span></td><td>{pill(label)}{escape(tries)}</td>'
                    f"<td>{escape(time)}</td><td>{escape(ups)}</td><td>{escape(work)}</td></tr>")
    return ('<table style="margin-top:14px"><thead><tr><th>#</th><th>question</th><th>verdict</th><th>time</th>'
            f'<th>follow-ups</th><th>to work on</th></tr></thead>{"".join(rows)}</table>')


def changes_html(c: Comparison) -> str:
    """What changed against the last attempt, as a small table and two lists."""
    def secs(v: float | None) -> str:
        return "—" if v is None else f"{v:.0f} s"

    rows = [(ch.name.title(), secs(ch.before), secs(ch.after),
             (f"target {ch.target}" if ch.target else "") + (f" · {ch.before_status} → {ch.after_status}"
                                                             if ch.after_status != ch.before_status else ""))
            for ch in (*c.sections, c.total) if ch.before is not None or ch.after is not None]
    rows += [("Pace", f"{c.pace.before or 0:.0f} wpm", f"{c.pace.after or 0:.0f} wpm", ""),
             ("Fillers", f"{c.fillers.before or 0:.0f}", f"{c.fillers.after or 0:.0f}", ""),
             ("Verdict", c.verdict[0], c.verdict[1], "")]
    table = ("<table><thead><tr><th></th><th>before</th><th>now</th><th></th></tr></thead>" + "".join(
        f"<tr><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(n)}</td><td class=\"muted\">{escape(x)}</td></tr>"
        for a, b, n, x in rows) + "</table>")
    lists = ""
    if c.fixed:
        lists += "<h3>Fixed</h3><ul>" + "".join(f"<li>{escape(x)}</li>" for x in c.fixed) + "</ul>"
    if c.said_now:
        lists += f"<h3>Key phrases now said</h3><p>{escape(phrases_by_section(c.said_now))}</p>"
    if c.new:
        lists += "<h3>New</h3><ul>" + "".join(f"<li>{escape(x)}</li>" for x in c.new) + "</ul>"
    if c.not_said_now:
        lists += f"<h3>Key phrases said last time, not now</h3><p>{escape(phrases_by_section(c.not_said_now))}</p>"
    return table + (lists or '<p class="muted">The same misses as last time.</p>')
