#!/usr/bin/env bash
# Set up, then code the bundled sample corpus into ./tidings.duckdb and summarise it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/tidings demo --db tidings.duckdb
