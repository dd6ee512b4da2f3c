"""`python -m coach` run by a Python without coach's dependencies (a clone's system Python)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.__main__ import REQUIRED_MODULES

ROOT = Path(__file__).resolve().parent.parent


def _bare(args: list[str], cwd: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # -S: no site-packages, so none of coach's dependencies can be found (like a bare system Python)
    env = {"PATH": "/usr/bin:/bin", **(env_extra or {})}
    return subprocess.run([sys.executable, "-S", "-m", "coach", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_dependency_list_is_pyprojects() -> None:
    tomllib = pytest.importorskip("tomllib")
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    everywhere = [re.split(r"[<>=!~;\s\[]", d)[0] for d in deps if ";" not in d]
    assert list(REQUIRED_MODULES) == everywhere


@pytest.mark.skipif(not (ROOT / ".venv").is_dir(), reason="the clone has no .venv (scripts/run.sh makes it)")
def test_a_bare_python_in_the_clone_runs_coach_through_the_clones_venv() -> None:
    done = _bare(["--version"], ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("coach, version")


def test_without_a_venv_the_error_is_one_line_saying_how_to_set_up(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "coach", tmp_path / "coach", ignore=shutil.ignore_patterns("__pycache__", "data"))
    done = _bare(["grade", "answer.wav", "--json"], tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "scripts/run.sh" in lines[0] and "is not installed" in lines[0], done.stderr
    assert done.stdout == ""


def test_the_loop_guard_stops_a_second_reexec() -> None:
    done = _bare(["--version"], ROOT, {"COACH_REEXEC": "1"})
    assert done.returncode == 2 and "is not installed" in done.stderr
