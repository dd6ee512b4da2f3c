#!/usr/bin/env bash
# Set up, then run the coach: a practice round with the microphone, or the
# demo on the bundled sample answer where there is no microphone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if .venv/bin/python -c "from coach.devices import input_device; input_device()" 2>/dev/null && [ -t 0 ]; then
  exec .venv/bin/coach practice "$@"
fi
echo "run: no microphone here (or no terminal to press Enter in): running \`coach demo\` instead."
exec .venv/bin/coach demo "$@"
