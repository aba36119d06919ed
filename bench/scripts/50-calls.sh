#!/usr/bin/env bash
# E2EE call set-up on loopback through the real server: from placing the call (immediate accept) to the
# first decrypted audio packet on both sides, direct and through Conclave's TURN relay; one call per iteration, 50 iterations.
# Usage: bench/scripts/50-calls.sh [--smoke]    (--smoke: one call each, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
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
  {
    echo "# Call set-up (E2EE, loopback)"
    echo
    echo "From placing the call (ringing and an immediate accept included) to the first decrypted audio packet on both
sides, through the real server"
    echo "(signaling over HTTPS/WebSocket, per-call DTLS certificates, ICE, DTLS-SRTP). One call per iteration."
    echo
    echo "$table"
    echo
    echo "Machine: $(nproc) cores, $(uname -sr), $(dotnet --version). Reproduce: \`bench/scripts/50-calls.sh\`."
  } > bench/results/calls.md
fi
