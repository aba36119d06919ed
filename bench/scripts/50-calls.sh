#!/usr/bin/env bash
# E2EE call set-up on loopback through the real server, direct and through Conclave's TURN relay: from the
# callee's accept (the issue's figure) and from placing the call, to the first decrypted audio packet on both
# sides; one call per iteration, 50 iterations each, every one kept (no outlier removal). Then the server's
# memory per connected idle device with 1,000 devices on its call hub (server in a process of its own).
# Usage: bench/scripts/50-calls.sh [--smoke]    (--smoke: one call each and 50 devices, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work="$(mktemp -d /tmp/conclave-bench-calls.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ "$smoke" = 1 ]; then
  bdn_args=(--job Dry --inProcess)
  device_args=(--devices 50 --warm 5 --idle-seconds 2)
else
  bdn_args=(--inProcess --launchCount 1 --warmupCount 5 --iterationCount 50 --invocationCount 1 --unrollFactor 1 --outliers DontRemove)
  device_args=(--devices 1000 --warm 10 --idle-seconds 70)
fi

dotnet build -c Release -v q -nologo bench/Conclave.Benchmarks >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
dotnet run -c Release --no-build --project bench/Conclave.Benchmarks -- --filter '*CallSetupBenchmarks*' \
  "${bdn_args[@]}" --exporters json --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 \
  || { tail -40 "$work/bdn.log"; exit 1; }

table="$(python3 - "$work"/bdn/results/*CallSetupBenchmarks*.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
start = {"AcceptToFirstAudioAsync": "accept", "PlaceToFirstAudioAsync": "placing the call (ringing included)"}
rows = ["| path | timed from | calls | median (ms) | p95 (ms) | allocated per call (KB) |", "|---|---|---|---|---|---|"]
for b in sorted(report["Benchmarks"], key=lambda b: (b["Parameters"], b["Method"])):
    path = b["Parameters"].split("=", 1)[1]
    s = b.get("Statistics") or {}
    if not s:
        rows.append(f"| {path} | {start.get(b['Method'], b['Method'])} | failed | - | - | - |"); continue
    p95 = (s.get("Percentiles") or {}).get("P95", float("nan"))
    allocated = ((b.get("Memory") or {}).get("BytesAllocatedPerOperation") or 0) / 1024
    rows.append(f"| {path} | {start.get(b['Method'], b['Method'])} | {s.get('N')} | {s.get('Median', float('nan')) / 1e6:.1f} | {p95 / 1e6:.1f} | {allocated:,.0f} |")
print("\n".join(rows))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: one call each and 50 devices; the figures prove only that it runs)"
echo "$table"
echo

bench/Conclave.Benchmarks/bin/Release/net10.0/Conclave.Benchmarks devices-measure "${device_args[@]}" --out "$work/devices.md" \
  | tee "$work/devices.log"
devices="$(cat "$work/devices.md")"

if [ "$smoke" = 0 ]; then
  {
    echo "# Call set-up (E2EE, loopback) and memory per idle device"
    echo
    echo "## Call set-up"
    echo
    echo "Through the real server (signaling over HTTPS/WebSocket, per-call DTLS certificates, trickle ICE,"
    echo "DTLS-SRTP), to the first decrypted audio packet on both sides. One call per iteration, after 5 warm-up"
    echo "calls and 60 warm-up DTLS handshakes (a client that has been running a while); hanging up is not timed."
    echo "\"Direct\" may use host candidates, \"Relay\" uses relayed ones only; both are handed the relay's TURN URI."
    echo
    echo "$table"
    echo
    echo "## Memory per connected idle device"
    echo
    echo "Devices signed in (one user each) and registered on the call hub (SignalR over WebSocket and TLS), then"
    echo "left idle; the server runs in a process of its own. Per device: the server's working set and live managed"
    echo "heap (after a full blocking GC) with all devices connected, minus the same with 10 warm-up devices,"
    echo "divided by the devices added."
    echo
    echo "| devices connected | idle for | server working set per device (KB) | server managed heap per device (KB) | server working set (MB) |"
    echo "|---|---|---|---|---|"
    echo "$devices"
    echo
    echo "Machine: $(nproc) cores, $(uname -sr), $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo "Reproduce: \`bench/scripts/50-calls.sh\` ($(date -u '+%Y-%m-%d %H:%M') UTC)."
  } > bench/results/calls.md.new
  # Notes below the generated part (analysis written by hand) are kept.
  if grep -q '^## Notes' bench/results/calls.md 2>/dev/null; then
    { echo; sed -n '/^## Notes/,$p' bench/results/calls.md; } >> bench/results/calls.md.new
  fi
  mv bench/results/calls.md.new bench/results/calls.md
fi
