#!/usr/bin/env bash
# Runs ./test.sh several times in a row with CPU-bound processes beside it, to find races before CI
# does. Prints each run's wall time and last line, and exits non-zero if any run failed.
#   scripts/test-under-load.sh [runs (default 3)] [busy processes (default 1)]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
busy="${2:-1}"
hogs=()
stop_hogs() { [ ${#hogs[@]} -gt 0 ] && kill "${hogs[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop_hogs EXIT
for _ in $(seq "$busy"); do
  # A bounded busy loop: it ends by itself after two hours even if this script is killed.
  timeout 7200 bash -c 'while :; do :; done' &
  hogs+=("$!")
done
status=0
for run in $(seq "$runs"); do
  log="$(mktemp /tmp/conclave-load-run.XXXXXX)"
  start=$(date +%s)
  CI=true ./test.sh >"$log" 2>&1
  code=$?
  seconds=$(( $(date +%s) - start ))
  echo "run $run: $(tail -1 "$log") in $((seconds / 60)) min $((seconds % 60)) s (exit $code, log $log)"
  [ "$code" -eq 0 ] || status=1
done
exit "$status"
