#!/usr/bin/env bash
# Install what is missing, then run the whole test suite (Qt offscreen, real platform on
# 127.0.0.1). Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$REPO"
export QT_QPA_PLATFORM=offscreen
exec "$VENV/bin/python" -m pytest "$@"
