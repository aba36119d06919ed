#!/usr/bin/env bash
# Call set-up between two Chromium pages (Debian's Chromium headless, the web app's calls screen, /calls) calling
# each other through the same server: E2EE, media through the server's TURN relay on 127.0.0.1. Measured
# from the callee's Answer click to the first decoded audio on both pages (getStats, polled every 5 ms),
# 20 calls in a row; median and p95. Same path as bench/scripts/50-calls.sh's "Relay" row, in browsers.
# Usage: bench/scripts/55-browser-calls.sh [--smoke]    (--smoke: 2 calls, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=20
smoke=0
[ "${1:-}" = "--smoke" ] && { smoke=1; calls=2; }
work="$(mktemp -d /tmp/conclave-bench-browser-calls.XXXXXX)"
trap 'rm -rf "$work"' EXIT
[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm install --no-audit --no-fund --silent)

# ./test.sh builds the solution in Release before its smoke runs: a smoke run reuses that build.
build_args=()
[ "$smoke" = 1 ] && [ -f tests/Conclave.Server.Tests/bin/Release/net10.0/Conclave.Server.Tests.dll ] && build_args=(--no-build)
CONCLAVE_BROWSER_CALLS="$calls" CONCLAVE_BROWSER_CALLS_RESULTS="$work/results.json" \
  dotnet test tests/Conclave.Server.Tests -c Release "${build_args[@]}" --filter "FullyQualifiedName~BrowserCallSetupTests" \
  >"$work/test.log" 2>&1 || { tail -60 "$work/test.log"; exit 1; }

table="$(python3 - "$work/results.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
def row(name, values):
    times = sorted(values)
    # nearest-rank percentile
    p95 = times[max(0, -(-95 * len(times) // 100) - 1)]
    return f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | {times[0]:.1f} | {times[-1]:.1f} |"
print(f"Chromium {r['chromium']}")
print()
print("| measured from Answer to | calls | median (ms) | p95 (ms) | min (ms) | max (ms) |")
print("|---|---|---|---|---|---|")
print(row("first decoded audio on both pages", r["setUpMilliseconds"]))
print(row("(DTLS-SRTP connected on both pages)", r["connectedMilliseconds"]))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: $calls calls; the figures prove only that it runs)"
echo "$table"

if [ "$smoke" = 0 ]; then
  {
    echo "# Browser call set-up (two Chromium pages, E2EE, through the relay)"
    echo
    echo "Two pages of the web app's calls screen (\`/calls?relay=1\`) in Debian's Chromium, headless with fake camera and"
    echo "microphone, each signed in as its own user, call each other through the same server: signaling over the"
    echo "SignalR hub, per-call DTLS certificates, ICE with relayed candidates only (Chromium gathers no loopback"
    echo "host candidates), DTLS-SRTP peer to peer through the server's TURN relay on 127.0.0.1. Time from the callee's"
    echo "Answer click to the first decoded audio on both pages (the later of the two; \`inbound-rtp\` samples that were"
    echo "not concealment, polled every 5 ms). Includes opening the callee's camera and microphone and both pages'"
    echo "TURN allocations. One call after another, $calls calls."
    echo
    echo "$table"
    echo
    echo "Machine: $(nproc) cores, $(uname -sr), $(dotnet --version), load average $(cut -d" " -f1-3 /proc/loadavg) at the end of the run (other builds share the machine). Reproduce: \`bench/scripts/55-browser-calls.sh\`."
    echo
    echo "The same path between two .NET clients (\`conclave\` media endpoint, relay-only) is the \"Relay\" row of"
    echo "[calls.md](calls.md), measured from placing the call, not from Answer."
  } > bench/results/browser-calls.md
fi
