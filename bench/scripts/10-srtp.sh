#!/usr/bin/env bash
# SRTP protect+unprotect packets per second, Conclave (BenchmarkDotNet, with its memory diagnoser)
# beside libsrtp2 (bench/native/srtp_bench.c built here with gcc against libsrtp2-dev), for 160- and
# 1200-byte payloads of every profile. Prints one table; the full run also writes bench/results/srtp.md.
# Usage: bench/scripts/10-srtp.sh [--smoke]    (--smoke: a few iterations only, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work="$(mktemp -d /tmp/conclave-bench-srtp.XXXXXX)"
trap 'rm -rf "$work"' EXIT

gcc -O2 -Wall -o "$work/srtp_bench" bench/native/srtp_bench.c -lsrtp2
if [ "$smoke" = 1 ]; then
  native_seconds=0.05
  bdn_args=(--job Dry --inProcess)
else
  native_seconds=2
  bdn_args=(--launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 250)
fi

# libsrtp2 runs before and after the managed suite and keeps its better figure per case, so a busy
# machine during one of the runs does not flatter Conclave.
"$work/srtp_bench" "$native_seconds" >"$work/libsrtp.txt"
dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*SrtpBenchmarks*' \
  "${bdn_args[@]}" --exporters json --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 \
  || { tail -40 "$work/bdn.log"; exit 1; }
"$work/srtp_bench" "$native_seconds" >>"$work/libsrtp.txt"

table="$(python3 - "$work/libsrtp.txt" "$work"/bdn/results/*SrtpBenchmarks*.json <<'PY'
import json, sys
native = {}
for line in open(sys.argv[1]):
    name, size, rate = line.split()
    native[(name, int(size))] = max(float(rate), native.get((name, int(size)), 0.0))
report = json.load(open(sys.argv[2]))
results = {}
for b in report["Benchmarks"]:
    params = dict(p.split("=", 1) for p in b["Parameters"].split("&"))
    key = (params["Profile"], int(params["PayloadSize"]))
    stats = b.get("Statistics")
    rate = 1e9 / stats["Mean"] if stats else None
    allocated = (b.get("Memory") or {}).get("BytesAllocatedPerOperation", "n/a")
    results.setdefault(key, {})[b["Method"]] = (rate, allocated)
fmt = lambda r: f"{r:,.0f}" if r else "failed"
rows = ["| profile | payload (B) | Conclave (packets/s) | libsrtp2 in the same run (packets/s) | ratio | libsrtp2 C harness (packets/s) | Conclave allocated (B/op) |",
        "|---|---|---|---|---|---|---|"]
for key in sorted(results, key=lambda k: (k[0], k[1])):
    ours, allocated = results[key].get("ProtectUnprotect", (None, "n/a"))
    theirs, _ = results[key].get("LibSrtpProtectUnprotect", (None, None))
    ratio = f"{ours / theirs:.2f}x" if ours and theirs else "-"
    rows.append(f"| {key[0]} | {key[1]} | {fmt(ours)} | {fmt(theirs)} | {ratio} | {fmt(native.get(key))} | {allocated} |")
print("\n".join(rows))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: one cold iteration each; the figures prove only that both sides run)"
echo "$table"

if [ "$smoke" = 0 ]; then
  {
    echo "# SRTP protect + unprotect"
    echo
    echo "One operation: copy a plain RTP packet (12-byte header + payload) into the buffer, protect it,"
    echo "unprotect it. BenchmarkDotNet (${bdn_args[*]}, memory diagnoser) times Conclave and, as its baseline,"
    echo "libsrtp2 called in-process through P/Invoke, so both run at the same priority and load: the ratio"
    echo "column compares those two. The C-harness column is libsrtp2"
    echo "$(dpkg-query -W -f='${Version}' libsrtp2-1 2>/dev/null || echo '?') by bench/native/srtp_bench.c (${native_seconds} s per case after warm-up, run before and after the managed suite, the better figure kept)."
    echo "The machine is shared with other builds, so absolute figures move from run to run."
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run."
    echo
    echo "Reproduce: \`bench/scripts/10-srtp.sh\` (measured $(date -u '+%Y-%m-%d %H:%M UTC'))."
    echo
    echo "$table"
  } >bench/results/srtp.md
  echo "written to bench/results/srtp.md"
fi
