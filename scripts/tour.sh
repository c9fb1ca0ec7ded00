#!/usr/bin/env bash
# Run the README's tour as written: scripts/demo.sh, then every command of the tour block, the
# Python example, and (when ../shared is there) the block that uses the development data.
# Each line runs verbatim in a scratch folder laid out like the clone (src/, .venv/ and ../shared
# linked), so the repository's own tidings.duckdb, out/ and brief.* are left alone. `tidings
# serve` runs in the background (on a free port, $TIDINGS_PORT) until it answers, then stops.
# Exits non-zero at the first line that fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/clone"
ln -s "$root/src" "$scratch/clone/src"
[ -d "$root/../shared" ] && ln -s "$(cd "$root/../shared" && pwd)" "$scratch/shared"

block() {  # the lines of the README block between <!-- NAME --> and <!-- /NAME -->
  awk -v start="<!-- $1 -->" -v stop="<!-- /$1 -->" '
    $0 == start {on = 1; next} $0 == stop {on = 0} on && !/^```/' "$root/README.md"
}

free_port() {
  "$root/.venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

serve() {  # run a `tidings serve` line until the server answers, then stop it
  export TIDINGS_PORT
  TIDINGS_PORT="$(free_port)"
  bash -c "source .venv/bin/activate && $1" > serve.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    if "$root/.venv/bin/python" -c "import httpx, sys; sys.exit(httpx.get('http://127.0.0.1:$TIDINGS_PORT/stats').status_code != 200)" 2>/dev/null; then
      kill "$pid"; wait "$pid" 2>/dev/null || true
      echo "ok: $1 (answered on port $TIDINGS_PORT)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill "$pid" 2>/dev/null || true
  cat serve.log >&2
  echo "FAILED: $1" >&2
  return 1
}

run_block() {
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    command="${line%%  #*}"  # the comment that follows the command is not part of it
    command="${command%"${command##*[![:space:]]}"}"
    echo "+ $command"
    if [[ "$command" == "tidings serve"* ]]; then
      serve "$command"
    elif [[ "$command" != "source "* ]]; then
      bash -c "set -euo pipefail; source .venv/bin/activate; $command" > last.log 2>&1 \
        || { cat last.log >&2; echo "FAILED: $command" >&2; exit 1; }
      tail -n 3 last.log
    fi
  done
}

bash "$root/scripts/demo.sh" "$scratch/clone" > "$scratch/demo.log" 2>&1 \
  || { cat "$scratch/demo.log" >&2; echo "FAILED: bash scripts/demo.sh" >&2; exit 1; }
echo "ok: bash scripts/demo.sh"
ln -s "$root/.venv" "$scratch/clone/.venv"
cd "$scratch/clone"
block tour | run_block
block tour-python > example.py
.venv/bin/python example.py > last.log 2>&1 || { cat last.log >&2; echo "FAILED: the Python example" >&2; exit 1; }
echo "ok: the Python example"
if [ -d ../shared ]; then
  block tour-shared | run_block
else
  echo "../shared is absent: its block is left out"
fi
echo "the tour ran as written"
