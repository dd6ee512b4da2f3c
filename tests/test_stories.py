from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.errors import StoryError, UnknownStory
from coach.stories import load_library, load_story
from coach.thresholds import SECTIONS

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
id: my-story
principle: Ownership
question: Tell me about a time you took on something outside your area.
sections:
  situation: {target_s: 30, example: "At my last job the build was flaky.", key_phrases: ["flaky"]}
  task: {target_s: 20}
  action: {target_s: 90}
  result: {target_s: 20}
  reflection: {target_s: 15}
probes:
  - {question: "What did you do yourself?", weak: "we did it", strong: "I did it"}
"""


def write(tmp_path: Path, text: str, name: str = "story.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_good_story_loads(tmp_path):
    story = load_story(write(tmp_path, GOOD))
    assert story.id == "my-story"
    assert [s.name for s in story.sections] == list(SECTIONS)
    assert story.section("situation").key_phrases == ("flaky",)
    assert story.probes[0].question == "What did you do yourself?"


def test_seed_story_is_complete():
    story = load_library().get("webhook-dlq")
    assert [s.target_s for s in story.sections] == [30, 20, 90, 20, 15]
    assert all(s.example and s.key_phrases and s.coaching and s.mistake for s in story.sections)
    assert len(story.probes) == 4
    assert story.probes[0].question.startswith("How did you ensure the Platform team")
    assert all(p.weak and p.weak_why and p.strong and p.strong_key and p.probes_for for p in story.probes)
    assert story.weak_answer is not None and story.weak_answer.bar_raiser and len(story.weak_answer.issues) == 5
    assert len(story.quiz) == 3 and all(0 <= q.answer < len(q.options) for q in story.quiz)
    assert {a.id for a in story.angles} == {"customer-obsession", "ownership", "dive-deep"}
    assert {lv.id for lv in story.levels} == {"sde1", "sde2", "senior"}
    assert story.level("sde1").budget_s == 120 and story.level("senior").min_s == 150


BAD = [
    ("broken yaml", "id: x\nprinciple: [unclosed\n", 2, "broken YAML"),
    ("missing field", "id: x\nprinciple: Ownership\n", 1, "missing the required field 'question'"),
    ("wrong type", "id: x\nprinciple: Ownership\nquestion: Q?\nsections:\n  situation: {target_s: soon}\n"
     "  task: {target_s: 20}\n  action: {target_s: 90}\n  result: {target_s: 20}\n  reflection: {target_s: 15}\n",
     5, "must be a number of seconds"),
    ("unknown section", "id: x\nprinciple: Ownership\nquestion: Q?\nsections:\n  situation: {target_s: 30}\n"
     "  backstory: {target_s: 20}\n", 6, "unknown section 'backstory'"),
    ("missing section", "id: x\nprinciple: Ownership\nquestion: Q?\nsections:\n  situation: {target_s: 30}\n",
     5, "missing task, action, result, reflection"),
    ("bad id", "id: My Story\nprinciple: Ownership\nquestion: Q?\n", 1, "lowercase slug"),
    ("unknown field", "id: x\nprinciple: Ownership\nquestion: Q?\nquestoin: typo\n", 4, "unknown field 'questoin'"),
    ("empty", "", 1, "the file is empty"),
    ("not a mapping", "- a\n- b\n", 1, "must be a mapping"),
    ("quiz answer", "id: x\nprinciple: O\nquestion: Q?\nquiz:\n  - question: Q\n    options: [a, b]\n    answer: 5\n",
     7, "0-based index"),
]


@pytest.mark.parametrize("name,text,line,message", BAD, ids=[b[0] for b in BAD])
def test_bad_story_names_file_and_line(tmp_path, name, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(StoryError) as err:
        load_story(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert message in str(err.value)


@pytest.mark.parametrize("name,text,line,message", BAD, ids=[b[0] for b in BAD])
def test_stories_check_exits_2_with_one_line(tmp_path, name, text, line, message):
    path = write(tmp_path, text)
    result = CliRunner().invoke(cli, ["stories", "check", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert f"{path}:{line}: " in result.output
    assert "Traceback" not in result.output


def test_duplicate_id_is_an_error(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(StoryError, match="duplicate id 'my-story'"):
        load_library(bundled=tmp_path, own=tmp_path / "none")


def test_own_story_overrides_bundled(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    write(own, GOOD.replace("my-story", "webhook-dlq").replace("Ownership", "Mine"))
    lib = load_library(own=own)
    assert lib.get("webhook-dlq").principle == "Mine"
    assert "webhook-dlq" in lib.own_ids


def test_unknown_story():
    with pytest.raises(UnknownStory, match="coach stories list"):
        load_library().get("nope")


def test_stories_cli_list_show_check():
    runner = CliRunner()
    out = runner.invoke(cli, ["stories", "list"])
    assert out.exit_code == 0 and "webhook-dlq" in out.output
    out = runner.invoke(cli, ["stories", "show", "webhook-dlq"])
    assert out.exit_code == 0
    for needle in ("SITUATION", "0.3% webhook drop rate", "Follow-up 4", "Bar Raiser", "Dive Deep", "Senior SDE"):
        assert needle in out.output
    out = runner.invoke(cli, ["stories", "check", str(ROOT / "stories" / "webhook-dlq.yaml")])
    assert out.exit_code == 0 and "ok" in out.output
    out = runner.invoke(cli, ["stories", "show", "nope"])
    assert out.exit_code == 2 and "coach stories list" in out.output
