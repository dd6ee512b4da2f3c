"""A kept session read back: questions grouped with their attempts and follow-ups, in every review form.

The sessions are made by the real flows (coach.mock, coach.session) and kept by the real keeper and
store; only the microphone, speaker and transcriber are fakes (tests/fakes.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from coach.attempts import compare
from coach.cli import cli
from coach.history import questions, summarise
from coach.keeper import SessionKeeper
from coach.mock import run_mock
from coach.pipeline import grade, load_answer
from coach.report import Miss
from coach.store import Store
from coach.stories import load_library
from tests.fakes import speechlike
from tests.test_analysis import STRONG, WEAK
from tests.test_session import make_ports

PROBE_ANSWERS = ["I personally asked for read access and I reproduced it on my own machine.",
                 "I submitted a pull request with tests and I paired with their on-call engineer.",
                 "I cut the admin interface and used a script for the first month.",
                 "We had to wait for the payments team."]


def make_mock(home: Path) -> int:
    """A two-question mock (webhook-dlq, then dr-1-tight-deadline), two follow-ups each, kept in `home`."""
    lib = load_library()
    stories = [lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")]
    texts = [STRONG, *PROBE_ANSWERS[:2], WEAK, *PROBE_ANSWERS[2:]]
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(6)], [], texts)
    keeper = SessionKeeper(home, "mock", None, "Learn and Be Curious, Deliver Results", "sde2", "tiny.en")
    ports.keeper = keeper
    clock = iter(range(0, 100000, 20)).__next__
    run_mock(stories, 25, "sde2", ports, home / "recordings" / "mock", clock=lambda: float(clock()))
    keeper.finish()
    assert keeper.session_id is not None
    return keeper.session_id


def coach(*args: str) -> str:
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, list(args), prog_name="coach")
    assert out.exit_code == 0, (args, out.output, out.exception)
    return out.output


def every_view(sid: int, tmp_path: Path) -> tuple[str, str, str]:
    """Session `sid` as `coach review ID` shows it at 80 columns, as Markdown and as the HTML page."""
    page_path = tmp_path / f"session-{sid}.html"
    coach("review", str(sid), "--html", str(page_path))
    return coach("review", str(sid)), coach("review", str(sid), "--markdown"), page_path.read_text()


def test_a_mock_is_two_questions_each_with_its_follow_ups(coach_home):
    sid = make_mock(coach_home)
    store = Store(coach_home)
    groups = questions(store.answers(sid))
    assert [q.story for q in groups] == ["webhook-dlq", "dr-1-tight-deadline"]
    assert [len(q.attempts) for q in groups] == [1, 1] and [len(q.probes) for q in groups] == [2, 2]
    assert groups[1].last.kind == "main" and groups[1].last.report.verdict is not None  # question 2's main answer
    summary = summarise(store.answers(sid))
    assert len(summary.questions) == 2 and all(q.verdict for q in summary.questions)


def test_review_lists_the_mock_with_both_questions(coach_home):
    sid = make_mock(coach_home)
    out = coach("review")
    assert "mock interview, 2 questions" in out
    assert "webhook-dlq" in out and "dr-1-tight-deadline" in out
    verdicts = Store(coach_home).answers(sid)
    labels = [a.report.verdict.label for a in verdicts if a.kind == "main"]
    assert f"1. {labels[0]}" in out and f"2. {labels[1]}" in out
    rows = json.loads(coach("review", "--json"))
    assert [q["story"] for q in rows[0]["questions"]] == ["webhook-dlq", "dr-1-tight-deadline"]
    assert [q["verdict"] for q in rows[0]["questions"]] == labels


def test_review_markdown_and_html_show_every_question_under_its_story(coach_home, tmp_path):
    sid = make_mock(coach_home)
    lib = load_library()
    q1, q2 = lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")
    screen, md, page = every_view(sid, tmp_path)
    for shown in (screen, md, page):
        flat = re.sub(r"\s+", " ", re.sub(r"[\u2500-\u257f]", " ", shown))  # box drawing of panels aside
        for story in (q1, q2):
            assert story.question in flat and story.id in flat  # each question, under its own story
        assert "Question 1 of 2" in flat and "Question 2 of 2" in flat
        assert "no story" not in flat
    # Question 2's main answer is there, not only its follow-ups: its STAR sections and its transcript.
    assert md.count("| section |") == 2 and page.count("Sections against targets") == 2
    quoted = re.sub(r"\s+", " ", md.replace("\n> ", "\n"))  # the transcript is a block quote, wrapped
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))  # each word of the page's transcript is its own span
    assert "bring the costs down" in quoted and "bring the costs down" in words


def test_probes_have_one_name_everywhere(coach_home, tmp_path):
    """The follow-up after a miss and the story's probes are named the same on screen, in Markdown and in HTML."""
    sid = make_mock(coach_home)
    answers = Store(coach_home).answers(sid)
    indexes = [a.report.probe.index for a in answers if a.kind == "probe"]
    assert 0 in indexes  # the weak answer's missing number brought a follow-up on a miss
    names = ["Follow-up on a miss" if i == 0 else f"Follow-up {i}" for i in indexes]
    screen, md, page = every_view(sid, tmp_path)
    for shown in (screen, md, page):
        for name in names:
            assert name in shown
        assert "Probe 0" not in shown and "Follow-up 0" not in shown and "follow-up 0" not in shown


def test_a_follow_up_graded_on_its_own_keeps_its_number_everywhere(coach_home, tmp_path):
    """`coach grade --probe 2 --save` says "Follow-up 2"; review, Markdown and HTML called it "Main answer"."""
    answer = tmp_path / "probe.txt"
    answer.write_text("Tagged every page for a month. Fixed or deleted the twenty noisiest alerts myself. Proposed that "
                      "anyone paged after midnight starts late the next day; my manager approved it that week.\n")
    graded = coach("grade", str(answer), "--story", "ebe-1-better-place-to-work", "--probe", "2", "--save")
    assert "Follow-up 2" in graded
    sid = int(re.search(r"Saved as session (\d+)", graded).group(1))
    for shown in every_view(sid, tmp_path):
        assert "Follow-up 2" in shown and "Main answer" not in shown


def test_a_generic_probe_is_named_with_its_principle_everywhere(coach_home, tmp_path):
    """A story with no probes of its own is followed up with its principle's generic probes (index -1, -2):
    they are named as generic, with the principle, on screen, in Markdown and in HTML; never "on a miss"."""
    from dataclasses import replace

    from coach.stories import generic_probes

    story = replace(load_library().get("webhook-dlq"), probes=())
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(3)], [], [STRONG, *PROBE_ANSWERS[:2]])
    ports.generic_probes = generic_probes
    ports.keeper = SessionKeeper(coach_home, "mock", None, story.principle, "sde2", "tiny.en")
    clock = iter(range(0, 100000, 20)).__next__
    run_mock([story], 25, "sde2", ports, coach_home / "recordings" / "mock", clock=lambda: float(clock()))
    ports.keeper.finish()
    sid = ports.keeper.session_id
    indexes = [a.report.probe.index for a in Store(coach_home).answers(sid) if a.kind == "probe"]
    assert -1 in indexes, indexes
    for shown in every_view(sid, tmp_path):
        flat = re.sub(r"\s+", " ", re.sub(r"[\u2500-\u257f]", " ", shown))
        assert f"Generic follow-up 1 ({story.principle})" in flat
        if 0 not in indexes:
            assert "on a miss" not in flat


def test_scorecard_speaks_in_words(coach_home):
    from rich.console import Console

    from coach.review_view import scorecard

    lib = load_library()
    stories = [lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")]
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(6)], [], [STRONG, *PROBE_ANSWERS[:2], WEAK,
                                                                          *PROBE_ANSWERS[2:]])
    clock = iter(range(0, 100000, 20)).__next__
    result = run_mock(stories, 25, "sde2", ports, coach_home / "m", clock=lambda: float(clock()))
    console = Console(width=80, record=True)
    console.print(scorecard(result.answers, result.elapsed_s, result.ran_out))
    text = console.export_text()
    codes = {m.code for a in result.answers for m in a.report.misses}
    assert codes and not any(code in text for code in codes)  # no `no-metric`, no `missing-key-phrase@action`
    flat = re.sub(r"\s+", " ", text)
    assert "Thin Action" in flat and "Result without a number" in flat and "dr-1-tight-deadline" in flat


def test_compare_names_what_was_fixed_and_what_is_new(tmp_path):
    story = load_library().get("webhook-dlq")
    weak, strong = tmp_path / "weak.txt", tmp_path / "strong.txt"
    weak.write_text(WEAK)
    strong.write_text(STRONG)
    before = grade(load_answer(weak, None), story, "sde2")
    after = grade(load_answer(strong, None), story, "sde2")
    c = compare(before, after)
    assert "Result without a number" in c.fixed and "“We” where it was you (Action)" in c.fixed
    assert [ch.name for ch in c.sections] == ["situation", "task", "action", "result", "reflection"]
    assert c.sections[2].before < c.sections[2].after  # the Action grew
    assert c.verdict[0].startswith(before.verdict.label) and c.verdict[1].startswith(after.verdict.label)
    back = compare(after, before)
    assert set(back.new) == set(c.fixed) and set(back.fixed) == set(c.new)


def test_a_timing_miss_that_changed_its_seconds_is_the_same_miss():
    from dataclasses import replace

    story = load_library().get("webhook-dlq")
    base = grade(load_answer(_text(WEAK), None), story, "sde2")
    moved = replace(base, misses=tuple(  # other seconds in each timing miss's message, other evidence
        m if m.code in ("missing-key-phrase", "red-flag") else Miss(m.code, m.section, m.message + " (3 s more)", "")
        for m in base.misses))
    c = compare(base, moved)
    assert not c.fixed and not c.new and c.kept == len(base.misses)


def _text(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "a.txt"
    path.write_text(text)
    return path
