"""Hostile story files: the loader is bounded (size, depth, alias expansion), every number finite and in
range, every problem a `FILE:LINE: message` line; one bad story of the user's is named and skipped."""

from __future__ import annotations

import os
import resource
import subprocess
import time

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.errors import StoryError
from coach.stories import load_library, load_story
from tests.conftest import COACH, ROOT

HEAD = "id: mine\nprinciple: Ownership\nquestion: Tell me about a time.\n"
SECTIONS5 = ("sections:\n  situation: {{target_s: {v}}}\n  task: {{target_s: 20}}\n  action: {{target_s: 90}}\n"
             "  result: {{target_s: 20}}\n  reflection: {{target_s: 15}}\n")

# Billion laughs: nine aliases of nine aliases... of a list of nine, used where coach reads a number
# (its error message showed the value: 9^10 items). And the same through YAML merge keys.
BOMB = (HEAD + "probes:\n  - {question: Q, listen_for: &x0 [x, x, x, x, x, x, x, x, x]}\n"
        + "".join(f"  - {{question: Q, listen_for: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]}}\n" for i in range(1, 10))
        + SECTIONS5.format(v="*x9"))
MERGE_BOMB = ("m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n"
              + "".join(f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}\n" for i in range(1, 10)) + HEAD)

HOSTILE = {
    "nested brackets": (HEAD + "overview: " + "[" * 100_000 + "]" * 100_000 + "\n", 4, "nested"),
    "unhashable key": (HEAD + "? [a, b]\n: x\n", 4, "key"),
    "huge integer": (HEAD + SECTIONS5.format(v="9" * 5000), 5, "number"),
    "lone surrogate": ('id: mine\nprinciple: "Owner\\ud800ship"\nquestion: Q?\n', 2, "character"),
    "nan target": (HEAD + SECTIONS5.format(v=".nan"), 5, "finite"),
    "inf target": (HEAD + SECTIONS5.format(v=".inf"), 5, "finite"),
    "negative infinity budget": (HEAD + "levels:\n  sde2: {budget_s: -.inf}\n", 5, "budget_s"),
    "absurd target": (HEAD + SECTIONS5.format(v="1.0e+300"), 5, "seconds"),
    "too many quiz options": (HEAD + "quiz:\n  - question: Q?\n    options: [a, b, c, d, e, f, g, h, i]\n"
                              "    answer: 0\n", 6, "options"),
    "too large": (HEAD + "overview: " + "x" * 2_000_000 + "\n", 0, "too large"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_story_is_one_line_with_its_line(tmp_path, name):
    text, line, word = HOSTILE[name]
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(StoryError) as err:
        load_story(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and "\n" not in message, message
    assert word in message, message
    assert time.monotonic() - start < 10


def _limited():  # the child may use 1.5 GB: an unbounded expansion is a MemoryError, not a swapped machine
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


@pytest.mark.parametrize("bomb", [BOMB, MERGE_BOMB], ids=["aliases", "merge keys"])
def test_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path, bomb):
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb)
    start = time.monotonic()
    proc = subprocess.run([*COACH, "stories", "check", str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COACH_HOME": str(tmp_path / "home")}, preexec_fn=_limited,
                          timeout=120)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stderr.startswith(f"coach: {path}:") and proc.stderr.count("\n") == 1, proc.stderr[-500:]
    assert "alias" in proc.stderr
    assert time.monotonic() - start < 30


def test_bad_story_of_the_user_is_named_and_skipped(tmp_path, coach_home):
    own = coach_home / "stories"
    own.mkdir(parents=True)
    (own / "good.yaml").write_text("id: good-one\nprinciple: Ownership\nquestion: Tell me about a time you owned it.\n")
    (own / "bad.yaml").write_text(HEAD + SECTIONS5.format(v=".nan"))
    library = load_library()
    assert "good-one" in library.own_ids and "webhook-dlq" in {s.id for s in library.stories}
    assert [p.split(":")[0] for p in library.problems] == [str(own / "bad.yaml")]
    result = CliRunner().invoke(cli, ["stories", "list"])
    assert result.exit_code == 0, result.output
    assert "good-one" in result.stdout
    assert f"skipped {own / 'bad.yaml'}:5:" in result.stderr
    answer = tmp_path / "a.txt"
    answer.write_text("I owned the outage review myself and cut pages by half.")
    graded = CliRunner().invoke(cli, ["grade", str(answer), "--story", "good-one", "--json"])
    assert graded.exit_code == 0, graded.output
    asked = CliRunner().invoke(cli, ["grade", str(answer), "--story", "mine"])
    assert asked.exit_code == 2 and "bad.yaml:5:" in asked.stderr  # asked for by id: says why it is not there


def test_story_check_still_gives_file_line_and_exit_2(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + SECTIONS5.format(v=".inf"))
    result = CliRunner().invoke(cli, ["stories", "check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"coach: {path}:5: ")
