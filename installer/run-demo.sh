#!/usr/bin/env bash
# Install what is missing, then run the kiosk demo with the embedded reference platform.
# Extra arguments go to `servicehall demo` (e.g. --windowed, --data-dir DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
  say "no display found: the kiosk runs offscreen (use the CLI, or run with a display)"
  export QT_QPA_PLATFORM=offscreen
fi
exec "$VENV/bin/servicehall" demo "$@"
