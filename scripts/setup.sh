#!/usr/bin/env bash
# Set up coach on a Debian/Ubuntu machine: system packages (where missing),
# a virtual environment in .venv, and the package itself (editable).
#   scripts/setup.sh           what the coach needs to run
#   scripts/setup.sh --test    also what the tests need (virtual audio, renderers, browser)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(libportaudio2 espeak-ng alsa-utils python3-venv)
if [ "${1:-}" = "--test" ]; then
  want+=(pulseaudio pulseaudio-utils libasound2-plugins sox flite chromium strace)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages yourself: ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>/dev/null || true
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
echo "setup: installing coach$extra into .venv (first time: a few minutes)"
# pip's and setuptools' notices are shown only when the install fails.
if ! out=$(.venv/bin/python -m pip install -q -e ".$extra" 2>&1); then
  grep -v -e "^WARNING: Location" -e "is ignored" <<<"$out" >&2
  echo "setup: installing coach into .venv failed (above)" >&2
  exit 1
fi
.venv/bin/coach --version
