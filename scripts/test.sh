#!/usr/bin/env bash
# Set up with the test tools (and Debian's headless chromium for the browser tests), then lint
# and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; } \
      || echo "warning: chromium could not be installed; browser tests will be skipped"
  else
    echo "note: chromium is not installed (needs root and apt-get); browser tests will be skipped"
  fi
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
