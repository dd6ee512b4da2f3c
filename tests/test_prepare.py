"""Quiz, study mode, stories new and the mock interview, with scripted input and fakes."""

from __future__ import annotations

import random

from click.testing import CliRunner

from coach.authoring import suggested_probes
from coach.cli import cli
from coach.mock import OPENING, WRAP_UP, pick_questions, run_mock
from coach.stories import load_library, load_story
from coach.study import study
from tests.fakes import ListKeeper, speechlike
from tests.test_analysis import STRONG, WEAK
from tests.test_session import make_ports


def test_quiz_scripted_answers():
    story = load_library().get("webhook-dlq")
    letters = "ABCD"
    answers = "\n".join(letters[q.answer] if i != 1 else letters[(q.answer + 1) % len(q.options)]
                        for i, q in enumerate(story.quiz)) + "\n"
    out = CliRunner().invoke(cli, ["quiz", "webhook-dlq"], input=answers)
    assert out.exit_code == 0, out.output
    assert "2 of 3 right." in out.output
    assert "Not quite" in out.output and story.quiz[0].explanation[:40] in out.output


def test_quiz_input_ends_early_is_one_line_and_exit_2():
    """Standard input that ends before the quiz does is a clear line and exit 2, not click's 'Aborted!'."""
    out = CliRunner().invoke(cli, ["quiz", "webhook-dlq"], input="A\n")
    assert out.exit_code == 2, out.output
    assert "Aborted" not in out.output
    assert "input ended before an answer was given" in out.output


def test_quiz_story_without_quiz(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("id: q\nprinciple: Ownership\nquestion: Q?\n")
    out = CliRunner().invoke(cli, ["quiz", str(path)])
    assert out.exit_code == 2 and "has no quiz" in out.output


def test_stories_new_writes_a_file_that_check_accepts(coach_home):
    offered = suggested_probes(load_library().stories, "Ownership", "Tell me about a time you owned a problem.")
    assert len(offered) >= 3
    answers = ["2", "Tell me about a time you owned a problem outside your team.", "cache-fix",
               "1,3", "Who else knew about the cache?", ""]  # two probes offered for the principle, one own
    for section in ("At my last job the cache kept failing.", "Nobody owned it, so I did.",
                    "I traced the bug and I fixed the eviction logic.", "Errors fell by ninety percent.",
                    "I learned to look at ownership gaps."):
        answers += [section, "ownership, no ticket", ""]
    out = CliRunner().invoke(cli, ["stories", "new"], input="\n".join(answers) + "\n")
    assert out.exit_code == 0, out.output
    path = coach_home / "stories" / "cache-fix.yaml"
    assert path.exists()
    check = CliRunner().invoke(cli, ["stories", "check", str(path)])
    assert check.exit_code == 0, check.output
    story = load_story(path)
    assert story.principle == "Ownership" and story.section("action").example.startswith("I traced")
    assert story.section("task").key_phrases == ("ownership", "no ticket")

    assert [p.question for p in story.probes] == [offered[0].question, offered[2].question,
                                                  "Who else knew about the cache?"]
    assert story.probes[0].strong == offered[0].strong  # an offered probe keeps what grades its answers
    listed = CliRunner().invoke(cli, ["stories", "list"]).output
    assert "cache-fix" in listed and "webhook-dlq" in listed  # own and bundled together


def test_stories_new_asks_again_for_a_target_that_is_not_a_number_of_seconds(coach_home):
    """nan, inf or -5 seconds were taken, and the story the user had typed in was refused at the end."""
    answers = ["2", "Tell me about a time you owned a problem.", "odd-targets", "", ""]
    for i, section in enumerate(("The cache failed.", "I owned it.", "I fixed it.", "Errors fell.", "I learned.")):
        answers += [section, ""] + (["nan", "inf", "-5", "30"] if i == 0 else [""])
    out = CliRunner().invoke(cli, ["stories", "new"], input="\n".join(answers) + "\n")
    assert out.exit_code == 0, out.output
    assert out.output.count("is not between 1 and 1800 seconds") == 3
    assert load_story(coach_home / "stories" / "odd-targets.yaml").section("situation").target_s == 30


def test_study_walks_every_section_and_times_it(tmp_path):
    story = load_library().get("webhook-dlq")
    said = [s.example for s in story.sections]
    ports, _ = make_ports([speechlike(10, seed=i) for i in range(5)], [], said)
    lines = []
    ports.say = lines.append
    attempts = study(story, ports, tmp_path).attempts
    assert [a.name for a in attempts] == ["situation", "task", "action", "result", "reflection"]
    assert ports.speaker.said[0] == story.sections[0].example  # the strong example is read aloud
    assert any(line.startswith("Coaching:") for line in lines) and any("Common mistake" in x for x in lines)
    assert "0.3% webhook drop rate" in attempts[0].phrases_said
    assert all(a.seconds > 0 for a in attempts)


def test_pick_questions_spreads_principles_and_prefers_own(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "mine.yaml").write_text("id: mine\nprinciple: Frugality\nquestion: Tell me about saving money.\n")
    lib = load_library(own=own)
    chosen = pick_questions(lib, 3, rng=random.Random(1))
    assert chosen[0].id == "mine"
    assert len({s.principle for s in chosen}) == len(chosen)


def bank(tmp_path, n=3):
    """A library of the seed story and n question-bank entries of other principles."""
    own = tmp_path / "bank"
    own.mkdir(exist_ok=True)
    for i, principle in enumerate(["Frugality", "Ownership", "Dive Deep", "Earn Trust"][:n]):
        (own / f"b{i}.yaml").write_text(
            f"id: b{i}\nprinciple: {principle}\nquestion: Tell me about a time you showed {principle}.\n"
            "probes:\n  - question: What did you do yourself?\n")
    return load_library(own=own)


def test_mock_two_questions_with_probes_and_wrap_up(tmp_path):
    lib = bank(tmp_path)
    stories = [lib.get("webhook-dlq"), lib.get("b0")]
    texts = [STRONG, "I personally wrote the fix.", WEAK, "I measured it myself: costs fell by a third."]
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(6)], [], texts + ["spare", "spare"])
    ports.keeper = keeper = ListKeeper()
    kept = keeper.kept
    clock = iter(range(0, 100000, 20)).__next__
    result = run_mock(stories, 25, "sde2", ports, tmp_path, clock=lambda: float(clock()), probes_per_answer=1)
    assert ports.speaker.said[0].startswith(OPENING[:20])
    assert len(result.answers) == 2 and all(len(a.probes) == 1 for a in result.answers)
    assert [k for k, _ in kept] == ["main", "probe", "main", "probe"]
    assert not result.ran_out


def test_mock_wraps_up_politely_when_time_runs_out(tmp_path):
    stories = pick_questions(bank(tmp_path), 3, rng=random.Random(2))
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(9)], [], [STRONG] * 9)
    ticks = iter(range(0, 100000, 40)).__next__  # each clock read advances 40 s
    result = run_mock(stories, 2, "sde2", ports, tmp_path, clock=lambda: float(ticks()))
    assert result.ran_out and len(result.answers) < 3
    assert ports.speaker.said[-1] == WRAP_UP


def test_twenty_question_mock_runs_in_bounded_memory(tmp_path):
    import tracemalloc

    lib = load_library()
    stories = pick_questions(lib, 20, rng=random.Random(3))
    assert len(stories) == 20
    ports, _ = make_ports([speechlike(20, seed=i) for i in range(60)], [], [STRONG, "I did it myself."] * 30)
    ticks = iter(range(0, 10**7, 5)).__next__
    tracemalloc.start()
    result = run_mock(stories, 120, "sde2", ports, tmp_path, clock=lambda: float(ticks()), probes_per_answer=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(result.answers) == 20 and not result.ran_out
    assert peak < 150 * 2**20, peak  # answers are on disk, not held in memory: 40 answers, each 20 s of audio
