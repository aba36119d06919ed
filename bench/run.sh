#!/usr/bin/env bash
# Runs every benchmark suite side by side in one run: each script in bench/scripts/ in name order.
# Usage: bench/run.sh [--smoke]    (--smoke: a few iterations of each, only to prove they still run)
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for script in bench/scripts/*.sh; do
  [ -e "$script" ] || continue
  echo "== $(basename "$script")"
  bash "$script" "$@" || { echo "bench: $script failed"; status=1; }
done
exit $status
