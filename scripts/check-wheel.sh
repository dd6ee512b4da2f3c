#!/usr/bin/env bash
# Build coach's wheel, install it into a clean virtual environment outside the repository and run it
# from there: `coach stories list` must list every bundled story, the bundled sentence and probe models
# must load, and `coach demo --fast --no-speak` must finish. The build must print no deprecation
# warning. Needs scripts/setup.sh first (.venv).
# Run by tests/test_packaging.py (a slow test, so by scripts/test.sh and CI); by hand: scripts/check-wheel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# A clean environment: with PYTHONPATH naming the checkout, pip in the new venv would take the checkout's
# coach.egg-info for coach already installed and skip the wheel (no `coach` command), and Python would import the
# checkout instead of the wheel.
unset PYTHONPATH PYTHONHOME PYTHONUSERBASE PIP_TARGET PIP_PREFIX PIP_USER
repo=$PWD
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/coach-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

# setuptools' build/ keeps files deleted from the tree since; a stale one would ship in the wheel.
rm -rf build
if ! .venv/bin/python -m pip wheel --no-deps -w "$work/dist" . >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "check-wheel: the wheel did not build (log above)" >&2
  exit 1
fi
rm -rf build
if grep -i -B2 -A6 "deprecat" "$work/build.log" >&2; then
  echo "check-wheel: the build printed a deprecation warning (above)" >&2
  exit 1
fi
wheel=$(ls "$work"/dist/coach-*.whl)

"$python" -m venv "$work/venv"
if ! "$work/venv/bin/python" -m pip install -q "$wheel" >"$work/install.log" 2>&1; then
  cat "$work/install.log" >&2
  echo "check-wheel: the wheel did not install (log above)" >&2
  exit 1
fi
if grep -i "deprecat" "$work/install.log" >&2; then
  echo "check-wheel: installing printed a deprecation warning (above)" >&2
  exit 1
fi

# Every story in the repository's stories/, by its id (read by the repository's own checkout).
expected=$(.venv/bin/python -c "
from pathlib import Path
from coach.stories import load_library
print('\n'.join(s.id for s in load_library(Path('stories'), own=Path('/nonexistent')).stories))")

cd "$work"  # outside the repository: only the installed wheel can be imported
export COACH_HOME="$work/home"
listing=$(COLUMNS=200 "$work/venv/bin/coach" stories list)
missing=()
for id in $expected; do
  grep -Eq "(^|[^a-z0-9-])${id}([^a-z0-9-]|$)" <<<"$listing" || missing+=("$id")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "$listing" >&2
  echo "check-wheel: \`coach stories list\` from the wheel lacks: ${missing[*]}" >&2
  exit 1
fi
# The bundled models load from the installed package: the sentence model and the probe model (its pinned file).
if ! "$work/venv/bin/python" -c "
from coach import embed, probe_model
assert embed.default() is not None, 'sentence model'
assert probe_model.default() is not None, 'probe model'" >"$work/models.log" 2>&1; then
  cat "$work/models.log" >&2
  echo "check-wheel: a bundled model did not load from the wheel (above)" >&2
  exit 1
fi
if ! "$work/venv/bin/coach" demo --fast --no-speak >"$work/demo.log" 2>&1 || ! grep -q "Follow-up 1" "$work/demo.log"; then
  cat "$work/demo.log" >&2
  echo "check-wheel: \`coach demo --fast --no-speak\` from the wheel failed (output above)" >&2
  exit 1
fi
count=$(wc -w <<<"$expected")
echo "check-wheel: $(basename "$wheel") installed outside $repo lists all $count bundled stories and runs the demo"
