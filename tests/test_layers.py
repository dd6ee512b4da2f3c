"""The layers stay honest, read from the import graph of coach/ (every import, also those inside functions).

- the analysis core imports no adapter, renderer, flow or CLI module, and none of the libraries that
  touch the world (files in YAML, the user directory, sound, the model, the terminal, the database);
- renderers import no device, model or flow; flows know only the ports, not the real adapters;
- only the command line imports the command line, and command modules share only coach.cli.common;
- no module imports another module's private name, and no module imports itself round a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"

# coach.embed and coach.probe_model are core like the static word table: pure functions of text, their models files
# of an installed package (no device, no user file, no network).
CORE = {"coach.analysis", "coach.attempts", "coach.coaching", "coach.deeds", "coach.delivery", "coach.embed", "coach.errors",
        "coach.findings",
        "coach.hedges", "coach.history", "coach.key_ideas", "coach.labels", "coach.lexicon", "coach.meaning",
        "coach.probe_grading", "coach.probe_model", "coach.report", "coach.rubric", "coach.segment", "coach.spoken",
        "coach.story", "coach.text",
        "coach.thresholds", "coach.unit_features", "coach.units"}
WORLD_LIBRARIES = {"yaml", "platformdirs", "sounddevice", "faster_whisper", "ctranslate2", "pyttsx3", "rich", "click",
                   "sqlite3", "subprocess"}
ADAPTERS = {"coach.devices", "coach.speech", "coach.transcribe", "coach.store", "coach.keeper", "coach.recovery", "coach.writer",
            "coach.paths", "coach.stories", "coach.authoring", "coach.schema"}
FLOWS = {"coach.session", "coach.mock", "coach.study", "coach.recorder", "coach.pipeline", "coach.streaming"}
RENDERERS = {"coach.render", "coach.html", "coach.progress", "coach.story_view", "coach.export", "coach.live",
             "coach.terminal", "coach.review_view", "coach.session_page"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for every import statement in the module."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module != "__future__":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.append((sub, None) if sub in MODULES else (node.module, alias.name))
    return found


GRAPH = {name: {m for m, _ in _imports(name) if m in MODULES and m != name} for name in MODULES}


def _libraries(name: str) -> set[str]:
    return {m.split(".")[0] for m, _ in _imports(name) if not m.startswith("coach")}


def test_the_graph_sees_the_package():
    assert {"coach.analysis", "coach.cli", "coach.cli.common", "coach.session"} <= set(MODULES)
    assert "coach.cli.common" in GRAPH["coach.cli.practice"]


@pytest.mark.parametrize("name", sorted(CORE))
def test_core_imports_only_the_core(name):
    assert GRAPH[name] <= CORE, f"{name} imports {sorted(GRAPH[name] - CORE)}"
    assert not _libraries(name) & WORLD_LIBRARIES, f"{name} imports {sorted(_libraries(name) & WORLD_LIBRARIES)}"


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_renderers_import_no_device_model_or_flow(name):
    bad = GRAPH[name] & (FLOWS | {"coach.devices", "coach.speech", "coach.transcribe", "coach.audio", "coach.keeper",
                                  "coach.recovery"})
    assert not bad, f"{name} imports {sorted(bad)}"
    assert not _libraries(name) & {"sounddevice", "faster_whisper", "pyttsx3", "click"}


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_flows_know_the_ports_not_the_real_adapters(name):
    bad = GRAPH[name] & (ADAPTERS | RENDERERS)
    assert not bad, f"{name} imports {sorted(bad)}"
    assert not _libraries(name) & {"sounddevice", "faster_whisper", "pyttsx3", "rich", "click", "yaml"}


def test_only_the_command_line_imports_it_and_commands_share_only_common():
    for name, deps in GRAPH.items():
        cli = {d for d in deps if d == "coach.cli" or d.startswith("coach.cli.")}
        if name.startswith("coach.cli.") and name != "coach.cli.common":
            assert cli <= {"coach.cli.common"}, f"{name} imports {sorted(cli)}"
        elif name not in ("coach.cli", "coach.__main__"):
            assert not cli, f"{name} imports {sorted(cli)}"


def test_no_module_imports_a_private_name():
    private = [(name, f"{module}.{taken}") for name in MODULES for module, taken in _imports(name)
               if module.startswith("coach") and taken and taken.startswith("_") and not taken.startswith("__")]
    assert not private


def test_no_import_cycles():
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for dep in sorted(GRAPH[name]):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)
