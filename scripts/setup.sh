#!/usr/bin/env bash
# Create .venv and install tidings into it. `setup.sh dev` adds the test tools and the baseline
# systems, and Java for the HeidelTime baseline where it is missing (or says why it cannot).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "${1:-}" = "dev" ] && extras="[dev]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
if [ -n "$extras" ] && ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Java (default-jre-headless) for the HeidelTime baseline"
        { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; } ||
            echo "setup: could not install Java; the HeidelTime baseline will be reported unavailable"
    else
        echo "setup: no Java; install a JRE (e.g. apt-get install default-jre-headless) to run" \
             "the HeidelTime baseline, which is otherwise reported unavailable"
    fi
fi
