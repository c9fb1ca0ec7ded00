#!/usr/bin/env bash
# Set up with the test tools, lint and run the whole test suite. Extra arguments go to pytest.
#
#   bash scripts/test.sh                  # installs nothing outside .venv/
#   bash scripts/test.sh --with-browser   # also installs Debian's headless chromium (needs root
#                                         # and apt-get) for the browser tests
#
# TIDINGS_WITH_BROWSER=1 does the same as --with-browser (.ci/run sets it). Without either, a
# missing chromium means the browser tests are skipped, and this script names them first.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=${TIDINGS_WITH_BROWSER:-0}
pytest_args=()
for arg in "$@"; do
  if [ "$arg" = "--with-browser" ]; then with_browser=1; else pytest_args+=("$arg"); fi
done

bash scripts/setup.sh dev

browser_tests=$(grep -l "pytest.mark.browser" tests/*.py | tr '\n' ' ')
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$with_browser" = 1 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's chromium for the browser tests..."
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
          apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; } \
        || echo "warning: chromium could not be installed; skipping the browser tests: $browser_tests"
    else
      echo "warning: installing chromium needs root and apt-get; skipping the browser tests: $browser_tests"
    fi
  else
    echo "note: chromium is not installed, so the browser tests are skipped: $browser_tests"
    echo "      (bash scripts/test.sh --with-browser, or TIDINGS_WITH_BROWSER=1, installs it)"
  fi
fi
if [ ! -d ../shared ]; then
  echo "note: ../shared is absent, so the tests marked 'shared' (development data) are skipped"
fi

.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest ${pytest_args[@]+"${pytest_args[@]}"}
