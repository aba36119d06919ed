#!/usr/bin/env bash
# Call set-up on loopback through the real server, E2EE direct and through Conclave's TURN relay, and standard
# through the server's media processor ("Standard"): from the
# callee's accept (the issue's figure) and from placing the call, to the first decrypted audio packet on both
# sides; one call per iteration, 50 iterations each, every one kept (no outlier removal). Then the server's
# memory per connected idle device with 1,000 devices on its call hub (server in a process of its own), and
# (full runs) two Chromium pages calling each other through the same server (bench/scripts/55-browser-calls.sh).
# Usage: bench/scripts/50-calls.sh [--smoke] [--paths Direct,Relay,Standard]
#   --smoke: one call each and 50 devices, to prove it runs.
#   --paths: time only these paths and replace only their rows in bench/results/calls.md (no device memory run).
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
paths=""
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

if [ -n "$paths" ]; then
  if [ "$smoke" = 0 ]; then
    # Only the rows measured now are replaced (or added); the rest of the note stays as it was.
    python3 - bench/results/calls.md "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
key = lambda line: tuple(c.strip() for c in line.split("|")[1:3])
fresh = {key(line): line for line in table.splitlines()[2:]}
out, done = [], set()
for line in open(path).read().splitlines():
    if line.startswith("| ") and key(line) in fresh:
        out.append(fresh[key(line)]); done.add(key(line))
    else:
        out.append(line)
header = next(i for i, l in enumerate(out) if l.startswith("| path | timed from"))
last = header
while last + 1 < len(out) and out[last + 1].startswith("|"):
    last += 1
out[last + 1:last + 1] = [fresh[k] for k in fresh if k not in done]
open(path, "w").write("\n".join(out) + "\n")
PY
  fi
  exit 0
fi

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
    echo "\"Standard\" is a standard call through the server's media processor (ICE-lite, DTLS-server legs, media"
    echo "decrypted and re-encrypted between them)."
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

# The issue's comparison: two Chromium pages calling each other through the same server, measured in the
# same run right after the .NET figures (its own table in bench/results/browser-calls.md).
if [ "$smoke" = 0 ]; then
  bench/scripts/55-browser-calls.sh
fi
