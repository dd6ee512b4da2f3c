"""Text from answers and stories is shown as written: never read as rich markup, and no terminal control
character reaches the terminal or the Markdown export."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from coach.cli import cli

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x08\r"
ANSWER = ("At my last job [/] I fixed the [bold]flaky[/bold] build myself " + ESCAPES +
          "and it got faster by half. I learned to measure [/] first.")  # quoted as a finding's evidence
STORY = ('id: hostile\nprinciple: "Owner[/]ship \\e]0;pwned\\a\\e[2J"\n'
         'question: "Tell me [red]about[/] a time \\e[2J you owned it."\n'
         'title: "[link=http://x]t[/link] \\x1b[31m"\n'
         'sections:\n'
         '  situation: {target_s: 30, example: "It was [/] late \\e[2J", key_phrases: ["[/]flaky"]}\n'
         '  task: {target_s: 20}\n  action: {target_s: 90}\n  result: {target_s: 20}\n  reflection: {target_s: 15}\n'
         'probes:\n  - {question: "What [/] did you do? \\e[2J", weak: "[/]", strong: "I [b]did[/b] it"}\n')
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result.stdout


def clean(out):
    assert not CONTROL.search(out), repr(CONTROL.findall(out))
    return out


@pytest.fixture
def hostile_story(coach_home):
    own = coach_home / "stories"
    own.mkdir(parents=True)
    (own / "hostile.yaml").write_text(STORY)
    return "hostile"


def test_answer_text_is_never_markup_nor_control_characters(tmp_path, coach_home):
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    assert "[/]" in clean(run("grade", str(answer), "--save"))
    assert "[bold]flaky[/bold]" in clean(run("review", "1"))
    clean(run("review"))
    clean(run("progress"))
    markdown = clean(run("review", "1", "--markdown"))
    assert "[/] I fixed" in markdown


def test_story_text_is_never_markup_nor_control_characters(tmp_path, hostile_story):
    assert "Owner[/]ship" in clean(run("stories", "list"))
    shown = clean(run("stories", "show", hostile_story))
    assert "Owner[/]ship" in shown and "[link=http://x]t[/link]" in shown and "I [b]did[/b] it" in shown
    answer = tmp_path / "answer.txt"
    answer.write_text("I fixed the flaky build myself. It got faster by half.")
    assert "Tell me [red]about[/] a time" in clean(run("grade", str(answer), "--story", hostile_story, "--save"))
    clean(run("review"))
    clean(run("review", "1"))
    clean(run("review", "1", "--markdown"))
    clean(run("progress"))
