#!/usr/bin/env bash
# Set up, then code the bundled sample corpus into tidings.duckdb and summarise it.
# The store goes in the repository's folder, or in the folder given as the first argument.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$(cd "${1:-$root}" && pwd)"
cd "$root"
bash scripts/setup.sh
cd "$target"
"$root/.venv/bin/tidings" demo --db tidings.duckdb
