#!/usr/bin/env bash
# Per-packet cost of the PCMU call leg (tone + µ-law + RTP + SRTP both ways), of one Goertzel tone
# check, and of the server's forwarding through the real media processor (two legs on loopback, one
# packet each way), with BenchmarkDotNet's memory diagnoser. The full run writes bench/results/media.md.
# Usage: bench/scripts/40-media.sh [--smoke]    (--smoke: one cold iteration, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work="$(mktemp -d /tmp/conclave-bench-media.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ "$smoke" = 1 ]; then
  bdn_args=(--job Dry --inProcess)
else
  bdn_args=(--launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 250)
fi

dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*MediaPacketBenchmarks*' '*MediaForwardingBenchmarks*' \
  "${bdn_args[@]}" --exporters json --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 \
  || { tail -40 "$work/bdn.log"; exit 1; }

table="$(python3 - "$work"/bdn/results/*Media*Benchmarks*.json <<'PY'
import json, sys
rows = ["| operation | SRTP profile | mean (ns) | per second | share of one core at 50 packets/s | allocated (B/op) |",
        "|---|---|---|---|---|---|"]
for b in [b for path in sys.argv[1:] for b in json.load(open(path))["Benchmarks"]]:
    params = dict(p.split("=", 1) for p in b["Parameters"].split("&") if "=" in p)
    mean = b["Statistics"]["Mean"]
    allocated = b.get("Memory", {}).get("BytesAllocatedPerOperation", "n/a")
    share = f"{mean * 50 / 1e9 * 100:.4f} %" if b["Method"] == "SendAndReceivePacket" else "-"
    rows.append(f"| {b['Method']} | {params.get('Profile', '')} | {mean:,.0f} | {1e9 / mean:,.0f} | {share} | {allocated} |")
print("\n".join(rows))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: one cold iteration each; the figures prove only that it runs)"
echo "$table"

if [ "$smoke" = 0 ]; then
  {
    echo "# Media leg per-packet cost"
    echo
    echo "SendAndReceivePacket: read 20 ms of tone, µ-law encode 160 samples, write the RTP header, SRTP"
    echo "protect; then copy, SRTP unprotect, parse, µ-law decode. GoertzelWindow: one tone check over the"
    echo "500 ms window (4000 samples). ForwardBothWays: the server's media processor forwarding one packet"
    echo "each way between two legs on loopback (unprotect, payload-type rewrite, protect, send), the devices'"
    echo "own SRTP and socket calls included. BenchmarkDotNet ${bdn_args[*]}, memory diagnoser."
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run."
    echo
    echo "Reproduce: \`bench/scripts/40-media.sh\` (measured $(date -u '+%Y-%m-%d %H:%M UTC'))."
    echo
    echo "$table"
  } > bench/results/media.md
fi
