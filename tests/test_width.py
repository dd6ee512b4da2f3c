"""Every command's output at 80 columns: no line wider, nothing cut, no word broken.

Each command runs twice, at 80 columns and at 200. The words of the two outputs (box drawing and
bar characters aside) must be the same: a table that cut an id ("arl-1-incomplete-in…") or text
broken mid-word by the terminal ("Am" / "azon") gives different words at 80 than at 200.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from coach.cli import cli
from tests.test_analysis import STRONG, WEAK

WIDTH = 80
WIDE = 200
# Box drawing, block elements and geometric shapes (tables, bars, sparklines, meters), and the dots and
# target mark of a time bar, which is scaled to the width it has.
BOX = re.compile(r"[\u2500-\u25ff·|]")


def words(text: str) -> Counter[str]:
    return Counter(BOX.sub(" ", text).split())


def run(args: list[str], width: int, home: Path, stdin: str | None = None) -> str:
    env = {"COLUMNS": str(width), "LINES": "40", "COACH_HOME": str(home), "TERM": "xterm"}
    out = CliRunner(env=env).invoke(cli, args, input=stdin, terminal_width=width, prog_name="coach")
    assert out.exit_code == 0, (args, out.output, out.exception)
    return out.output.replace(str(home), "COACH_HOME")


def fits(args: list[str], homes: tuple[Path, Path], stdin: str | None = None) -> str:
    """Run at 80 and at 200 columns; assert the 80-column output fits and lost or broke nothing."""
    narrow = run(args, WIDTH, homes[0], stdin)
    wide = run(args, WIDE, homes[1], stdin)
    # A line of one unbreakable token (a long file path on its own line) may be longer: breaking it would cut it.
    over = [line for line in narrow.splitlines() if cell_len(line.rstrip()) > WIDTH and len(line.split()) > 1]
    assert not over, f"coach {' '.join(args)}: lines over {WIDTH} columns:\n" + "\n".join(over)
    lost = words(wide) - words(narrow)
    extra = words(narrow) - words(wide)
    assert not lost and not extra, (f"coach {' '.join(args)} at {WIDTH} columns: words cut or broken "
                                    f"(missing {sorted(lost)[:12]}, instead {sorted(extra)[:12]})\n{narrow}")
    return narrow


@pytest.fixture
def homes(tmp_path) -> tuple[Path, Path]:
    return tmp_path / "narrow", tmp_path / "wide"


COMMANDS = [[], ["stories"], ["stories", "list"], ["stories", "show"], ["stories", "check"], ["stories", "new"],
            ["grade"], ["practice"], ["demo"], ["devices"], ["mock"], ["study"], ["quiz"], ["review"], ["progress"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "coach")
def test_help_fits(command, homes):
    fits([*command, "--help"], homes)


def test_stories_list_shows_every_id_whole(homes):
    from coach.stories import load_library

    out = fits(["stories", "list"], homes)
    listed = set(out.split())
    assert all(s.id in listed for s in load_library().stories)


@pytest.mark.parametrize("story", ["webhook-dlq", "hb-2-committed-despite-disagreement"])
def test_stories_show_fits(story, homes):
    fits(["stories", "show", story], homes)


def test_stories_new_fits_and_shows_the_id_whole(homes):
    answers = ["16", "", "", "", "My own probe about scale?", ""] + [""] * 15
    out = fits(["stories", "new"], homes, "\n".join(answers) + "\n")
    story_id = out.split("coach practice ")[-1].split()[0]
    assert (homes[0] / "stories" / f"{story_id}.yaml").exists()


def test_quiz_fits(homes):
    fits(["quiz", "webhook-dlq"], homes, "A\nB\nC\n")


def test_study_read_only_fits(homes):
    fits(["study", "webhook-dlq", "--read-only", "--no-speak"], homes)


@pytest.mark.parametrize("text", [STRONG, WEAK], ids=["strong", "weak"])
def test_grade_text_fits(text, homes, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(text)
    fits(["grade", str(answer), "--story", "webhook-dlq"], homes)
    fits(["grade", str(answer)], homes)


def test_empty_history_fits(homes):
    fits(["review"], homes)
    fits(["progress"], homes)


def make_history(home: Path) -> None:
    """Sessions 1-3: a two-question mock, a practice tried twice with a follow-up, a study with a section said twice."""
    from coach.keeper import SessionKeeper
    from coach.session import practice
    from coach.stories import load_library
    from coach.study import study
    from tests.fakes import speechlike
    from tests.test_history import make_mock
    from tests.test_session import make_ports
    from tests.test_try_again import scripted_choices

    make_mock(home)
    story = load_library().get("webhook-dlq")
    ports, _ = make_ports([speechlike(20), speechlike(62, seed=1), speechlike(8, seed=2)], [],
                          [WEAK, STRONG, "I personally wrote the fix and I paired with their on-call engineer."])
    scripted_choices(ports, ["r", "enter"])
    ports.keeper = SessionKeeper(home, "practice", story.id, story.principle, "sde2", "tiny.en")
    practice(story, "sde2", None, 1, ports, home / "recordings" / "practice")
    ports.keeper.finish()
    said = [s.example for s in story.sections]
    ports, _ = make_ports([speechlike(10, seed=i) for i in range(6)], [],
                          [said[0], said[1], "I fixed it.", *said[2:]])
    scripted_choices(ports, ["enter", "enter", "r"])
    ports.keeper = SessionKeeper(home, "study", story.id, story.principle, "sde2", "tiny.en")
    study(story, ports, home / "recordings" / "study")
    ports.keeper.finish()


def test_review_and_progress_fit(homes):
    import shutil

    make_history(homes[0])
    shutil.copytree(homes[0], homes[1])  # the same sessions (and times) in both
    fits(["review"], homes)
    for sid in ("1", "2", "3"):  # a mock, a practice tried twice, a study
        fits(["review", sid], homes)
        fits(["review", sid, "--markdown"], homes)
    fits(["progress"], homes)


def test_devices_fit(homes, monkeypatch):
    from coach import devices

    found = [devices.DeviceInfo(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0) with a long vendor name", 2, 2, 48000.0,
                                True, True), devices.DeviceInfo(1, "pulse", 32, 32, 44100.0, False, False)]
    monkeypatch.setattr(devices, "list_devices", lambda: found)
    out = fits(["devices"], homes)
    assert found[0].name in out.splitlines()[0]  # the name whole, on its own line


def test_mock_results_fit(tmp_path):
    """What `coach mock` prints after the interview: each question's report, then the scorecard."""
    from rich.console import Console

    from coach.mock import run_mock
    from coach.review_view import show_mock
    from coach.stories import load_library
    from tests.fakes import speechlike
    from tests.test_history import PROBE_ANSWERS
    from tests.test_session import make_ports

    lib = load_library()
    ports, _ = make_ports([speechlike(8, seed=i) for i in range(6)], [],
                          [STRONG, *PROBE_ANSWERS[:2], WEAK, *PROBE_ANSWERS[2:]])
    clock = iter(range(0, 100000, 20)).__next__
    result = run_mock([lib.get("webhook-dlq"), lib.get("dr-1-tight-deadline")], 25, "sde2", ports, tmp_path,
                      clock=lambda: float(clock()))
    outputs = []
    for width in (WIDTH, WIDE):
        console = Console(width=width, record=True, file=open("/dev/null", "w"))
        show_mock(console, result)
        outputs.append(console.export_text())
    narrow, wide = outputs
    assert all(cell_len(line.rstrip()) <= WIDTH for line in narrow.splitlines())
    assert words(narrow) == words(wide)
    assert "Question 2 of 2 · Deliver Results · dr-1-tight-deadline" in narrow
