#!/usr/bin/env bash
# Set up everything servicehall needs on Debian/Ubuntu, idempotently, then return.
# Sourced by run-demo.sh and run-tests.sh. Installs the Debian packages (as root, or via sudo)
# and a virtual environment in .venv with the project and its test tools.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PYTHON="${PYTHON:-python3}"

DEBIAN_PACKAGES=(
  # QR decoding, the receipt's embedded CJK font, PDF rasterising for tests
  libzbar0 fonts-wqy-microhei fonts-dejavu-core poppler-utils poppler-data
  # Qt's runtime libraries (offscreen and xcb)
  libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
  libxcb-xkb1
  # QtMultimedia (camera) and QtTextToSpeech load libpulse even without sound
  libpulse0
)

say() { printf 'servicehall setup: %s\n' "$*" >&2; }

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 or newer is needed; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing)."
  say "Install it (apt-get install python3) or set PYTHON=/path/to/python3.11."
  exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=("python3-venv")
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo);
    else say "not root and no sudo: as root run: apt-get install ${missing[*]}"; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  say "not a Debian/Ubuntu system: install libzbar0, a CJK TrueType font, poppler and Qt's"
  say "runtime libraries with your package manager, then run this again."
fi

stamp="$VENV/.servicehall-installed"
want="$(cat "$REPO/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating the virtual environment in .venv"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing Python packages into .venv"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$REPO[test]"
  echo "$want" > "$stamp"
fi
