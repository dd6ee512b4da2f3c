"""The HTML pages: what they show, escaping, self-containment; then in a real headless Chromium."""

from __future__ import annotations

import base64
import copy
import html
import io
import json
import re
import shutil
import struct
import subprocess
import wave
import zlib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coach.html import Bar, Series, answer_html, bar_chart, line_chart, progress_html, wpm_windows
from coach.report import ProgressPoint, report_from_json

DATA = Path(__file__).resolve().parent / "data"
SECTIONS = ("situation", "task", "action", "result", "reflection")
HOSTILE = "<script>alert('x')</script> we fixed it"


@pytest.fixture
def report() -> dict:
    """The real pipeline's report of the bundled strong sample (tests/data), plus what that sample lacks:
    a date, a spoken "um" (in the words and in the fillers the report lists), a long pause and a miss whose
    evidence carries markup."""
    data = json.loads((DATA / "report-sample.json").read_text())
    data["date"] = "2026-11-20T10:00:00"
    at = data["words"][20]["start_s"]
    data["words"].insert(20, {"text": "um,", "start_s": at, "end_s": at})
    data["pacing"]["fillers"].append({"text": "um", "start_s": at, "end_s": at, "section": "situation",
                                      "source": "transcript"})
    data["pacing"]["pauses"].append({"start_s": 45.14, "seconds": 2.7, "section": "action", "long": True})
    data["misses"].append({"code": "we-language", "section": "action", "message": "Say <b>I</b>, not we.",
                           "evidence": HOSTILE})
    return data


def _wav(seconds: float = 0.5) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * int(16000 * seconds))
    return buf.getvalue()


def _points(n: int) -> list[ProgressPoint]:
    principles = ("Ownership", "Learn and Be Curious", "Dive Deep")
    return [ProgressPoint(**{"date": f"2026-11-{10 + 2 * i:02d}T10:00:00", "story": f"story-{i % 3}",
                             "principle": principles[i % 3],
             "total_s": 90.0 + 11 * i, "target_s": 175.0, "wpm": 182.0 - 7 * i, "fillers_per_min": 5.5 - 0.8 * i,
             "misses": 8 - i, "verdict": None if i == 2 else "Hire", "score": None if i == 2 else 45.0 + 9 * i,
             "sections": {"situation": 30.0 - i, "task": 20.0, "action": 35.0 + 9 * i, "result": 15.0 + i,
                          "reflection": None if i < 2 else 12.0},
                             "session": i + 1, "min_s": 87.5}) for i in range(n)]


class _Balance(HTMLParser):
    """Checks that every opened element is closed in order (void elements aside)."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "source", "circle", "rect", "line", "polyline", "path",
            "polygon"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID and (not self.stack or self.stack[-1] != tag):
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def _assert_well_formed(page: str) -> None:
    checker = _Balance()
    checker.feed(page)
    assert not checker.errors, checker.errors[:5]
    assert checker.stack == [], checker.stack


def _assert_self_contained(page: str) -> None:
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'\ssrc="(?!data:)', page)


# --- the answer page -------------------------------------------------------------------------------------


def test_answer_page_shows_header_sections_and_verdict(report):
    page = answer_html(report)
    assert "Tell me about a time you turned a failure into a learning opportunity." in page
    assert "webhook-dlq" in page and "sde2" in page and "2026-11-20 10:00" in page
    assert "Strong Hire" in page and "88/100" in page and "The Result is quantified." in page
    for name in SECTIONS:
        assert name.title() in page  # the timeline row
        assert 'class="sec"' in page and f">{name}</span>" in page  # the transcript badge
    assert "29 s of 90 s · under" in page  # action under its target, with its status
    assert "96 s of 88-175 s · ok" in page  # the total against the level's budget
    assert "comfortable" in page  # the pace band
    _assert_well_formed(page)
    _assert_self_contained(page)


def test_page_from_report_to_json_round_trip(report):
    """The page takes exactly what Report.to_json() writes."""
    page = answer_html(report_from_json(report).to_json())
    assert "Strong Hire" in page and "Follow-up 1" in page


def test_every_report_text_is_escaped(report):
    report["question"] = "Why <img src=x onerror=alert(1)>?"
    report["verdict"]["reasons"].append("<i>bold</i> & more")
    page = answer_html(report, title="<title>")
    assert "<script" not in page  # no script at all without audio, and the evidence's one is text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; we fixed it" in page
    assert "Say &lt;b&gt;I&lt;/b&gt;, not we." in page
    assert "<img" not in page and "Why &lt;img src=x onerror=alert(1)&gt;?" in page
    assert "&lt;i&gt;bold&lt;/i&gt; &amp; more" in page
    assert "<title>&lt;title&gt;</title>" in page
    _assert_well_formed(page)


def test_misses_table_lists_every_finding_heaviest_first_with_evidence(report):
    page = answer_html(report)
    # 5 misses, 3 findings: the "we", the thin Action, the three key phrases not said (one finding)
    assert "Misses (3, heaviest first)" in page
    table = page.split("Misses (3, heaviest first)")[1]
    # heaviest first: "we" (18 points), three key phrases (3 each in a report without key-idea lines), the Action
    assert table.index(html.escape("“We” where it was you")) < table.index("Key ideas") < table.index("Thin Action")
    assert "Reflection: not heard: shared webhook reliability SLO, organizational gap" in page


def test_audio_is_embedded_as_a_data_uri_only_when_given(report):
    wav = _wav()
    with_audio = answer_html(report, audio_wav=wav)
    assert "<audio" in with_audio and "data:audio/wav;base64," + base64.b64encode(wav).decode() in with_audio
    assert 'data-t="0.00"' in with_audio  # words seek the player
    _assert_self_contained(with_audio)
    without = answer_html(report)
    assert "<audio" not in without and "data:audio" not in without and "data-t=" not in without


def test_transcript_marks_sections_fillers_and_long_pauses(report):
    page = answer_html(report)
    transcript = page[page.index("<h2>Transcript</h2>"):page.index("<h2>Misses")]
    badges = re.findall(r'class="sec"[^>]*>(\w+)</span>', transcript)
    assert badges == list(SECTIONS)
    assert '<mark class="filler">um,</mark>' in transcript  # a spoken filler
    assert 'title="heard in the audio">(um)</mark>' in transcript  # a filler only the audio had
    assert "2.7 s</span> I reproduced" in transcript  # the long pause, where it happened
    assert transcript.count('class="pause"') == 1  # short pauses are not shown


def test_missing_section_and_estimated_times(report):
    report["sections"][4] = dict(report["sections"][4], start_s=None, end_s=None, seconds=None, wpm=None,
                                 status="missing", words=0, text="")
    report["estimated"] = True
    page = answer_html(report)
    assert ">missing</text>" in page and "#d64541" in page
    assert "Times are estimated" in page
    assert ">reflection</span>" not in page  # no badge for a section not said
    _assert_well_formed(page)
    # With the answer's own note (a written answer's report carries one, with its rate), said once.
    report["notes"] = ["Times are estimated from the text at 150 words a minute, not measured."]
    assert answer_html(report).count("Times are estimated") == 1


def test_follow_up_probes(report):
    page = answer_html(report)
    assert "Follow-up 1" in page
    assert "How did you ensure the Platform team accepted and deployed your fix?" in page
    assert ">strong</span>" in page and "Matches the strong answer" in page
    assert "I coordinated with their sprint planning" in page
    assert page.count("No misses: nothing an interviewer would mark down.") == 1


def test_a_probe_graded_alone_has_no_section_timeline(report):
    probe = report["probes"][0]
    page = answer_html(probe)
    assert "Sections against targets" not in page and "Follow-up 1" in page and ">strong</span>" in page
    _assert_well_formed(page)


def test_a_bare_report_renders():
    bare = {"schema": 1, "question": "Q?", "level": "sde1", "duration_s": 0.0, "transcript": "hello there",
            "words": [], "sections": [], "total": {"seconds": 0.0, "target_s": 120.0, "min_s": 60.0, "status": "under"},
            "pacing": {"wpm": 0.0, "fillers": [], "fillers_per_min": 0.0, "pauses": []}, "misses": []}
    page = answer_html(bare)
    assert "hello there" in page and "Too few timed words" in page and "no story" in page
    _assert_well_formed(page)


def test_the_documented_minimal_json_renders():
    """The example in docs/interfaces.md: no min_s, no score, fillers without source, pauses without long."""
    doc = {"schema": 1, "story": "webhook-dlq", "question": "Tell me ...", "level": "sde2", "duration_s": 99.1,
           "transcript": "While working", "words": [{"text": "While", "start_s": 0.0, "end_s": 0.32}],
           "sections": [{"name": "situation", "start_s": 0.0, "end_s": 21.3, "seconds": 21.3, "target_s": 30,
                         "words": 55, "wpm": 155.0, "status": "ok", "marked": False}],
           "total": {"seconds": 99.1, "target_s": 175, "status": "ok"},
           "pacing": {"wpm": 160.2, "fillers": [{"text": "um", "start_s": 3.2, "section": "situation"}],
                      "fillers_per_min": 2.1, "pauses": [{"start_s": 10.0, "seconds": 2.4, "section": "action"}]},
           "misses": [], "verdict": {"label": "Hire", "reasons": ["..."]}, "probe": None, "probes": []}
    page = answer_html(doc)
    assert "99 s of 175 s · ok" in page and "Hire" in page and "score" not in page
    _assert_well_formed(page)


def test_wpm_windows():
    words = [{"text": "w", "start_s": i * 0.4, "end_s": i * 0.4 + 0.3} for i in range(100)]  # 150 wpm for 40 s
    points = wpm_windows(words)
    assert points[0][0] == pytest.approx(5.0) and len(points) == 15  # windows starting 0, 2, ... 28 s
    assert all(wpm == pytest.approx(150, abs=6) for _, wpm in points)
    assert wpm_windows(words[:1]) == []
    short = wpm_windows(words[:10])  # a 4 s answer: one window the length of the answer
    assert len(short) == 1


def test_chart_helpers():
    svg = line_chart([Series("a", [(0, 1), (1, 2), (2, None), (3, 4), (4, 5)], "#000")], x_range=(0, 4),
                     y_range=(0, 10), bands=[(2, 4, "#eee", "<band>")])
    assert svg.startswith("<svg") and svg.count("<polyline") == 2 and "&lt;band&gt;" in svg
    bars = bar_chart([Bar("x", [(5, "#0f0", "five")], [(8, "target")], "note")], x_max=10)
    assert bars.count("<title>") == 2 and ">note</text>" in bars


# --- the progress page -----------------------------------------------------------------------------------


def test_progress_with_no_sessions():
    page = progress_html([])
    assert "No sessions yet" in page and "<svg" not in page
    _assert_well_formed(page)


def test_progress_with_one_session():
    page = progress_html(_points(1))
    assert "One answer so far" in page and "182 wpm" in page and "<polyline" not in page
    _assert_well_formed(page)
    _assert_self_contained(page)


def test_progress_with_six_sessions():
    page = progress_html(list(reversed(_points(6))))  # any order in, date order out
    for heading in ("Total time against the budget", "Words per minute", "Fillers per minute", "Misses per answer",
                    "Verdict score", "Section balance"):
        assert heading in page
    for principle in ("Ownership (2 answers)", "Learn and Be Curious (2 answers)", "Dive Deep (2 answers)"):
        assert principle in page
    for band in ("Strong Hire", "Hire", "Lean No Hire", "No Hire", "comfortable"):
        assert f">{band}</text>" in page
    assert page.index(">Nov 10<") < page.index(">Nov 20<")
    assert "6 answers in 6 sessions, 2026-11-10 10:00 to 2026-11-20 10:00" in page
    _assert_well_formed(page)
    _assert_self_contained(page)


def test_progress_without_scores_and_with_escaping():
    points = [replace(p, score=None, verdict=None, principle="<Ownership>") for p in _points(3)]
    page = progress_html(points, title="<b>me</b>")
    assert "Verdict score" not in page and "&lt;Ownership&gt;" in page and "<b>" not in page


# --- in a real browser -----------------------------------------------------------------------------------

CONSOLE = re.compile(r":CONSOLE[(:]|Uncaught")


def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("chromium is not installed")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def _png_rows_with_content(path: Path) -> tuple[int, int]:
    """(rows that are not one flat colour, all rows) of an 8-bit PNG, read with zlib and struct only.

    Rows are left filtered (undoing Paeth in pure Python is slow): a flat row filters to one or two byte
    values, a row crossing text or a chart to many, so this tells a blank screenshot from a drawn one.
    """
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour_type in (2, 6)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels + 1
    assert len(raw) == stride * height
    busy = sum(1 for y in range(height) if len(set(raw[y * stride + 1:(y + 1) * stride])) > 12)
    return busy, height


def _check_in_browser(tmp_path: Path, html: str, name: str, must_show: list[str]) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / f"{name}.png"
    shot = _chromium(tmp_path, page, f"--screenshot={png}", "--window-size=1200,2000")
    assert shot.returncode == 0, shot.stderr[-2000:]
    console = [line for line in shot.stderr.splitlines() if CONSOLE.search(line)]
    assert console == [], console
    assert png.exists() and png.stat().st_size > 20_000
    busy, height = _png_rows_with_content(png)
    assert busy > height // 5, (busy, height)  # text and charts down the page, not a blank one
    dom = _chromium(tmp_path, page, "--dump-dom")
    assert dom.returncode == 0 and not [line for line in dom.stderr.splitlines() if CONSOLE.search(line)]
    for text in must_show:
        assert text in dom.stdout, text
    return png


@pytest.mark.slow
def test_console_detection_catches_errors(tmp_path):
    """The check below is only worth something if a page that logs is caught."""
    page = tmp_path / "noisy.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('deliberate'); missingFunction();</script>")
    run = _chromium(tmp_path, page, f"--screenshot={tmp_path / 'noisy.png'}", "--window-size=400,300")
    caught = [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
    assert any("deliberate" in line for line in caught) and any("Uncaught" in line for line in caught)


@pytest.mark.slow
def test_answer_page_in_a_browser(tmp_path, report):
    html = answer_html(copy.deepcopy(report), audio_wav=_wav(1.0))
    _check_in_browser(tmp_path, html, "answer", [name.title() for name in SECTIONS] + ["Strong Hire", "<audio"])


@pytest.mark.slow
def test_progress_page_in_a_browser(tmp_path):
    _check_in_browser(tmp_path, progress_html(_points(6)), "progress",
                      ["Words per minute", "Section balance", "Ownership", "Lean No Hire"])


def test_progress_points_are_told_apart_and_the_time_chart_shows_the_band():
    points = _points(3)
    same_day = [replace(p, date=f"2026-11-10T1{i}:00:00") for i, p in enumerate(points)]
    page = progress_html(same_day)
    assert "Nov 10 10:00" in page and "Nov 10 11:00" in page and "Nov 10 12:00" in page  # not "Nov 10" thrice
    assert "<polygon" in page and "in budget" in page and "minimum" in page  # the band: minimum to budget
    assert "3 answers in 3 sessions" in page
    twice = progress_html([replace(p, date="2026-11-10T10:00:00") for p in points])
    assert "Nov 10 10:00 #1" in twice and "Nov 10 10:00 #3" in twice


def test_terminal_progress_says_what_it_shows():
    from rich.console import Console

    from coach.progress import progress_view

    console = Console(width=80, record=True)
    console.print(progress_view([replace(p, session=1) for p in _points(4)]))
    text = " ".join(console.export_text().split())
    assert "4 answers in 1 session" in text
    assert "S situation, T task, A action, R result, F reflection" in text  # the balance legend
    assert "50-100 (min-budget)" in text  # the total's band, not "≤ 100"
