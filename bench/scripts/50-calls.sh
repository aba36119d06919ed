#!/usr/bin/env bash
# Call set-up on loopback through the real server: from placing the call (immediate accept) to the
# first decrypted audio packet on both sides: E2EE direct, E2EE through Conclave's TURN relay, and standard
# through the server's media processor; one call per iteration, 50 iterations.
# Usage: bench/scripts/50-calls.sh [--smoke] [--paths Direct,Relay,Standard]
#   --smoke: one call each, to prove it runs; --paths: measure only these rows (the others in
#   bench/results/calls.md are kept as they are).
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
paths="Direct,Relay,Standard"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --paths) paths="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
export CONCLAVE_BENCH_CALL_PATHS="$paths"
work="$(mktemp -d /tmp/conclave-bench-calls.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ "$smoke" = 1 ]; then
  bdn_args=(--job Dry --inProcess)
else
  bdn_args=(--inProcess --launchCount 1 --warmupCount 5 --iterationCount 50 --invocationCount 1 --unrollFactor 1)
fi

dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*CallSetupBenchmarks*' \
  "${bdn_args[@]}" --exporters json --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 \
  || { tail -40 "$work/bdn.log"; exit 1; }

table="$(python3 - "$work"/bdn/results/*CallSetupBenchmarks*.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = ["| path | calls | median (ms) | p95 (ms) | allocated per call (KB) |", "|---|---|---|---|---|"]
for b in report["Benchmarks"]:
    s = b.get("Statistics") or {}
    if not s:
        rows.append(f"| {b['Parameters']} | failed | - | - | - |"); continue
    p95 = (s.get("Percentiles") or {}).get("P95", float("nan"))
    allocated = ((b.get("Memory") or {}).get("BytesAllocatedPerOperation") or 0) / 1024
    rows.append(f"| {b['Parameters'].split('=', 1)[1]} | {s.get('N')} | {s.get('Median', float('nan')) / 1e6:.1f} | {p95 / 1e6:.1f} | {allocated:,.0f} |")
print("\n".join(rows))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: one call each; the figures prove only that it runs)"
echo "$table"

if [ "$smoke" = 0 ]; then
  # Only the rows measured now are replaced (or added); the rest of the note stays as it was.
  python3 - bench/results/calls.md "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
fresh = {line.split("|")[1].strip(): line for line in table.splitlines()[2:]}
lines = open(path).read().splitlines()
out, done = [], set()
for line in lines:
    key = line.split("|")[1].strip() if line.startswith("| ") else None
    if key in fresh:
        out.append(fresh[key]); done.add(key)
    else:
        out.append(line)
last = max(i for i, l in enumerate(out) if l.startswith("|"))
out[last + 1:last + 1] = [fresh[k] for k in fresh if k not in done]
open(path, "w").write("\n".join(out) + "\n")
PY
fi
