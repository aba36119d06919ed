#!/usr/bin/env bash
# Chat delivery under load: 1,000 devices signed in and connected to the chat hub (SignalR over WebSocket and TLS
# on loopback), in group chats of 10; 1,000 messages a second for 20 s through the REST API, each timed from when
# it was due until every member's device has it, then 64 senders as fast as the server stores; with DLP off, then
# on (one enforced policy looking for every built-in type in every message). The server runs in a process of its own
# (SQLite, durable commits). Goal (issue 12): p99 under 50 ms, DLP costing under 10 % of throughput.
# Usage: bench/scripts/45-chat.sh [--smoke]   (--smoke: 20 devices, 50 messages a second for 2 s: only proves it runs)
#   CHAT_BENCH_RATE=N sets the fixed rate (default 1000 messages a second).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--smoke" ]; then
  args=(--clients 20 --group 5 --rate 50 --seconds 2)
else
  args=(--clients 1000 --group 10 --rate "${CHAT_BENCH_RATE:-1000}" --seconds 20)
fi
work="$(mktemp -d /tmp/conclave-bench-chat.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q -nologo bench/Conclave.Benchmarks >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
for dlp in off on; do
  bench/Conclave.Benchmarks/bin/Release/net10.0/Conclave.Benchmarks chat-measure "${args[@]}" --dlp "$dlp" --out "$work/rows.md" | tail -1
done
if [ "${1:-}" = "--smoke" ]; then
  echo "(smoke run: the figures prove only that it runs)"
  exit 0
fi
{
  echo "# Chat delivery under load"
  echo
  echo "1,000 devices (one user each) signed in and following their chats on the chat hub, in 100 group chats of 10."
  echo "Fixed rate: each message from a random member to their group through \`POST /api/chats/{id}/messages\`, timed"
  echo "from when it was due (a late sender is counted, not hidden) until all 10 members' devices, the sender's included,"
  echo "received it on the hub. Saturation: 64 senders in a closed loop, messages stored (acknowledged) per second."
  echo "DLP on: one enforced policy whose rule looks for every built-in sensitive information type in every message."
  echo "The server runs in a process of its own on the same 2 cores as the 1,000 clients; SQLite, each message"
  echo "acknowledged only after its commit."
  echo
  echo "| DLP | clients | group size | offered (msg/s) | sent (msg/s) | delivered to all, p50 (ms) | p99 (ms) | max (ms) | lost | saturation (msg/s stored) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  cat "$work/rows.md"
  echo
  echo "\"lost\": messages whose send failed or that had not reached every member's device 10 s after the phase ended"
  echo "(an overloaded run, not a durability loss: the durability tests count acknowledged messages after kill -9)."
  echo
  echo "Machine: $(nproc) cores, $(uname -sr), $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Reproduce: \`bench/scripts/45-chat.sh\` ($(date -u '+%Y-%m-%d %H:%M') UTC)."
} > bench/results/chat.md.new
# Rows of other rates measured earlier are kept under the table (one file, several runs).
if grep -q '^## Notes' bench/results/chat.md 2>/dev/null; then
  { echo; sed -n '/^## Notes/,$p' bench/results/chat.md; } >> bench/results/chat.md.new
fi
mv bench/results/chat.md.new bench/results/chat.md
cat bench/results/chat.md
