"""Story-aware coaching on the seed story: verdicts agree with the page, probes told apart, levels, angles."""

from __future__ import annotations

import json
import subprocess

import pytest

from coach.analysis import Answer, analyse, analyse_probe, words_from_text
from coach.coaching import grade_probe, probe_plan
from coach.stories import load_library
from tests.conftest import COACH, ROOT

STORY = load_library().get("webhook-dlq")
STRONG = " ".join(s.example for s in STORY.sections)
WEAK = STORY.weak_answer.text


def text_answer(text: str, wpm: float = 150) -> Answer:
    words = words_from_text(text, wpm)
    return Answer(words, words[-1].end_s)


def codes(report) -> set[str]:
    return {m.code for m in report.misses}


def test_page_strong_answer_is_hire_or_better():
    report = analyse(text_answer(STRONG), STORY)
    assert report.verdict.label in ("Hire", "Strong Hire"), report.verdict
    assert not codes(report) & {"handoff", "we-language", "no-metric", "red-flag", "generic-reflection"}


def test_page_weak_answer_is_lean_no_hire_or_worse_with_the_pages_reasons():
    report = analyse(text_answer(WEAK), STORY)
    assert report.verdict.label in ("Lean No Hire", "No Hire"), report.verdict
    found = codes(report)
    assert {"handoff", "red-flag"} <= found  # "escalated it", "They handled the fix"
    assert "no-metric" in found or "missing-section" in found  # "The drop rate improved": no number
    assert any("escalated" in m.evidence.lower() for m in report.misses if m.code == "handoff")
    assert report.verdict.reasons and "Learn and Be Curious" in report.verdict.reasons[0]


@pytest.mark.parametrize("index", range(1, len(STORY.probes) + 1))
def test_each_probes_weak_and_strong_answers_are_told_apart(index):
    probe = STORY.probes[index - 1]
    strong = grade_probe(probe, index, probe.strong)
    weak = grade_probe(probe, index, probe.weak)
    assert strong.verdict == "strong", strong
    assert weak.verdict == "weak", weak
    assert any(probe.weak_why[:30] in r or "Weak signal" in r or "Only" in r for r in weak.reasons)


def test_probe_report_has_its_own_misses():
    probe = STORY.probes[0]
    report = analyse_probe(text_answer(probe.weak), probe, 1, STORY)
    assert report.probe.verdict == "weak" and report.probe.index == 1
    assert "handoff" in codes(report)
    data = report.to_json()
    assert data["probe"]["verdict"] == "weak" and data["probe"]["question"] == probe.question
    assert not any("bar:" in n for n in report.notes)  # the level's bar is shown once, with the main answer
    assert any("bar:" in n for n in analyse(text_answer(STORY.weak_answer.text), STORY).notes)


def test_miss_triggered_probe_comes_first():
    weak = analyse(text_answer(WEAK), STORY)
    plan = probe_plan(STORY, weak, 3)
    assert plan[0][0] == 0 and "yourself" in plan[0][1].question  # handoff: what did you do
    assert [i for i, _ in plan[1:]] == [1, 2]
    strong = analyse(text_answer(STRONG), STORY)
    assert [i for i, _ in probe_plan(STORY, strong, 2)] == [1, 2]  # nothing missed: the page's order


def test_levels_set_budget_and_reflection_bar():
    sde1 = analyse(text_answer(STRONG), STORY, level="sde1")
    senior = analyse(text_answer(STRONG), STORY, level="senior")
    assert sde1.total.target_s == 120 and senior.total.target_s == 180 and senior.total.min_s == 150
    assert "reflection-level" in codes(senior)  # the SDE2 reflection has no systemic insight
    senior_text = STRONG.replace(STORY.section("reflection").example, STORY.level("senior").reflection)
    assert "reflection-level" not in codes(analyse(text_answer(senior_text), STORY, level="senior"))


def test_angle_flags_time_spent_on_what_to_downplay():
    technical = STRONG.replace(
        STORY.section("action").example,
        STORY.section("action").example + " I traced the race condition in the retry logic line by line. "
        "I reproduced the race condition again with a debugger. I wrote a pull request for the retry logic.")
    report = analyse(text_answer(technical), STORY, angle="customer-obsession")
    assert "angle-downplay" in codes(report) or "angle-emphasis" in codes(report)
    assert "angle-downplay" not in codes(analyse(text_answer(STRONG), STORY, angle="dive-deep"))


def test_every_element_of_the_page_reaches_the_product():
    """Each element of the seed page is used by a check or shown by a command."""
    from click.testing import CliRunner

    from coach.cli import cli

    shown = CliRunner().invoke(cli, ["stories", "show", "webhook-dlq"]).output
    for text in (STORY.overview[:40], STORY.summary[:40], STORY.weak_answer.bar_raiser[:30],
                 STORY.angles[0].emphasize[:30], STORY.level("senior").bar[:30], STORY.probes[3].strong_key[:30]):
        assert " ".join(text.split()[:4]) in " ".join(shown.split()), text


# --- through the real pipeline: spoken with espeak-ng, transcribed by tiny.en -------------------


def grade(path, *args):
    proc = subprocess.run([*COACH, "grade", str(path), "--story", "webhook-dlq", "--json", *args],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.slow
def test_spoken_strong_and_weak_answers_get_the_pages_verdicts(tmp_path, speak):
    strong = grade(speak(STRONG, tmp_path / "strong.wav", voice="en-us+m3", rate=160))
    weak = grade(speak(WEAK, tmp_path / "weak.wav", voice="en-gb", rate=160))
    assert strong["verdict"]["label"] in ("Hire", "Strong Hire"), strong["verdict"]
    assert weak["verdict"]["label"] in ("Lean No Hire", "No Hire"), weak["verdict"]
    assert {"handoff"} <= {m["code"] for m in weak["misses"]}


@pytest.mark.slow
def test_spoken_probe_answers_told_apart(tmp_path, speak):
    for index in (1, 3):
        probe = STORY.probes[index - 1]
        strong = grade(speak(probe.strong, tmp_path / f"s{index}.wav", rate=155), "--probe", str(index))
        weak = grade(speak(probe.weak, tmp_path / f"w{index}.wav", rate=155), "--probe", str(index))
        assert strong["probe"]["verdict"] == "strong", strong["probe"]
        assert weak["probe"]["verdict"] == "weak", weak["probe"]


# --- key ideas by meaning (issue 12) ------------------------------------------------------------

PARAPHRASED = ROOT / "tests" / "data" / "webhook-dlq-strong-paraphrased.txt"


def missing_ideas(report: dict) -> list[str]:
    return [p for k in report["key_ideas"] for p in k["not_heard"]]


def test_the_strong_answer_told_in_other_words_keeps_its_key_ideas_and_its_verdict(tmp_path):
    """The seed story's strong answer retold ("tracked the losses down", "opened a pull request", "made the
    dead letter queue the default in their template") through `coach grade FILE.txt`."""
    page = tmp_path / "page.txt"
    page.write_text(STRONG)
    retold, original = grade(PARAPHRASED), grade(page)
    assert len(missing_ideas(retold)) <= 4, missing_ideas(retold)
    assert retold["verdict"]["label"] == original["verdict"]["label"], (retold["verdict"], original["verdict"])
    said = {p for k in retold["key_ideas"] for p in k["said"]}
    assert {"I traced", "I submitted", "adopted pattern as standard", "I reproduced"} <= said
    lines = [k["line"] for k in retold["key_ideas"]]
    assert "Action: 5 of 5 key ideas said" in lines


def test_coverage_is_one_line_per_section_and_a_shared_phrase_is_reported_once():
    report = analyse(text_answer(WEAK), STORY)
    lines = [k.line for k in report.key_ideas]
    assert [k.section for k in report.key_ideas] == ["situation", "task", "action", "result", "reflection"]
    assert any(line.startswith("Result: 0 of 3 key ideas said; not heard: 0.3% drop rate went to zero") for line in lines)
    ticket = [m for m in report.misses if m.code == "missing-key-phrase" and '"no ticket"' in m.message]
    assert len(ticket) == 1 and ticket[0].section == "situation"
    assert sum("no ticket" in k.not_heard for k in report.key_ideas) == 1


def test_key_ideas_travel_in_the_report_json_and_old_reports_still_load():
    from coach.report import report_from_json

    report = analyse(text_answer(STRONG), STORY)
    data = report.to_json()
    assert data["key_ideas"][2]["line"] == "Action: 5 of 5 key ideas said"
    assert report_from_json(json.loads(json.dumps(data))).key_ideas == report.key_ideas
    old = json.loads((ROOT / "tests" / "data" / "report-sample.json").read_text())
    old.pop("key_ideas", None)
    assert report_from_json(old).key_ideas == ()


def test_the_terminal_report_shows_each_sections_key_ideas_line():
    from rich.console import Console

    from coach.render import render

    console = Console(width=80, record=True)
    render(analyse(text_answer(WEAK), STORY), console)
    out = console.export_text()
    assert "Result: 0 of 3 key ideas said; not heard: 0.3% drop rate went to zero" in " ".join(out.split())
    assert "missing-key-phrase" not in out  # on the sections' lines, not repeated as rows


@pytest.mark.slow
def test_spoken_paraphrased_strong_answer_keeps_its_key_ideas(tmp_path, speak):
    """Spoken by espeak-ng and transcribed by tiny.en, the retold answer loses a few words to the
    transcriber ("I spotted" heard as "I started at", "rebuilt" as "revealed", "dead letter queue" as
    "net ladder queue" when measured): those ideas are rightly not heard, so two more may be missing
    than from the text; the literal matcher missed 12 of 19 from the text alone."""
    wav = speak(PARAPHRASED.read_text(), tmp_path / "retold.wav", voice="en-us+m3", rate=160)
    retold = grade(wav)
    assert len(missing_ideas(retold)) <= 6, missing_ideas(retold)
    assert retold["verdict"]["label"] in ("Hire", "Strong Hire"), retold["verdict"]


def test_a_storys_red_flag_is_said_in_its_own_order():
    """A story's red flag is its weak answer's phrase, matched in order as a probe's are (session 15): "I disagreed
    with him, but I never went around him" is no "i never disagreed"; said, it is flagged."""
    from coach.coaching import red_flag_misses
    from coach.report import SectionReport

    story = load_library().get("hb-2-committed-despite-disagreement")

    def flags(text: str) -> list[str]:
        section = SectionReport("action", None, None, None, 30.0, len(text.split()), None, "ok", text=text)
        return [m.message for m in red_flag_misses(story, [section])]

    assert not flags("I disagreed with him, but I never went around him after.")
    assert any("i never disagreed" in d for d in flags("Honestly I never disagreed with him, I just did it."))
