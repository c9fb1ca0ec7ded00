#!/usr/bin/env bash
# Create .venv and install tidings into it. `setup.sh dev` adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "${1:-}" = "dev" ] && extras="[dev]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
