#!/usr/bin/env bash
# Set up with test extras, start the virtual speaker and microphone, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/virtual-audio.sh || echo "test: no virtual audio; the device tests will skip"
exec .venv/bin/python -m pytest "$@"
