"""The package as users install it: pyproject's package list in step with the tree, and a wheel that works
outside the repository (scripts/check-wheel.sh)."""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

import pytest

from coach import paths
from tests.conftest import ROOT

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _source_dir(package: str) -> Path:
    for mapped, folder in sorted(CONFIG["package-dir"].items(), key=lambda kv: -len(kv[0])):
        if package == mapped or package.startswith(mapped + "."):
            return ROOT / folder / Path(*package[len(mapped):].split(".")[1:])
    return ROOT / Path(*package.split("."))


def test_every_folder_with_code_or_data_under_coach_is_a_listed_package():
    listed = set(CONFIG["packages"])
    found = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "coach").rglob("*")
             if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())}
    assert found | {"coach"} <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_bundled_file_ships_in_the_wheel():
    """Each file under stories/ (and coach/data) matches a package-data pattern of its package."""
    data = CONFIG["package-data"]
    unshipped = []
    for package in CONFIG["packages"]:
        folder = _source_dir(package)
        for f in folder.iterdir():
            if f.is_file() and f.suffix != ".pyc" and not f.name.endswith(".py"):
                if not any(fnmatch.fnmatch(f.name, pat) for pat in data.get(package, [])):
                    unshipped.append(str(f.relative_to(ROOT)))
    assert not unshipped, f"not in [tool.setuptools.package-data]: {unshipped}"


def test_bundled_stories_and_samples_are_found_through_the_package():
    assert paths.BUNDLED_STORIES.resolve() == (ROOT / "stories").resolve()  # the editable install maps it
    assert paths.SAMPLE_ANSWER.is_file() and paths.SAMPLE_PROBE.is_file()


def test_a_model_named_by_folder_is_looked_for_in_the_data_directory_first(coach_home):
    assert paths.model_dirs()[0] == coach_home / "models"


@pytest.mark.slow
def test_a_wheel_installed_outside_the_repository_lists_every_story_and_runs_the_demo():
    proc = subprocess.run([str(ROOT / "scripts" / "check-wheel.sh")], capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-4000:]
    print(proc.stdout.strip())
