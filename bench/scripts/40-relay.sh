#!/usr/bin/env bash
# TURN relay: the Conclave relay and coturn under the same turnutils_uclient load on 127.0.0.1
# (channels, 160- and 1200-byte payloads): relayed packets/s and CPU per packet from
# /proc/<pid>/stat (utime+stime); then memory per allocation with N allocations held open.
# Usage: bench/scripts/40-relay.sh [--smoke]      (--smoke: tiny load, proves it runs, < 60 s)
set -euo pipefail
cd "$(dirname "$0")/../.."

smoke=0; [ "${1:-}" = "--smoke" ] && smoke=1
if [ $smoke = 1 ]; then msgs=200; clients=2; allocs=200; else msgs=20000; clients=10; allocs=10000; fi
command -v turnserver >/dev/null || { echo "coturn not installed (scripts/install-deps.sh)"; exit 1; }

work=$(mktemp -d /tmp/conclave-relay-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

dotnet build -c Release -nologo -v q bench/Conclave.Benchmarks >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench_dll=bench/Conclave.Benchmarks/bin/Release/net10.0/Conclave.Benchmarks.dll

secret=bench-secret
expiry=$(( $(date +%s) + 7200 ))
user="$expiry:bench"
pass_sha256=$(printf %s "$user" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
pass_sha1=$(printf %s "$user" | openssl dgst -sha1 -hmac "$secret" -binary | base64)

# The Conclave relay, alone in its own process (stdin held open by a FIFO until cleanup).
conclave_port=$(free_port)
mkfifo "$work/conclave.in"
dotnet "$bench_dll" relay-serve --port "$conclave_port" --secret "$secret" --min-port 20000 --max-port 39999 \
  --stats-file "$work/conclave.stats" <"$work/conclave.in" >"$work/conclave.log" 2>&1 &
conclave_pid=$!; pids+=("$conclave_pid")
exec 7>"$work/conclave.in"
# coturn with the same port range; its TURN REST API mode takes HMAC-SHA1 passwords.
coturn_port=$(free_port)
turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$coturn_port" --min-port=40000 --max-port=59999 \
  --use-auth-secret --static-auth-secret="$secret" --realm=bench.local --no-tls --no-dtls --no-cli --allow-loopback-peers \
  --log-file=stdout --simple-log --pidfile="$work/coturn.pid" >"$work/coturn.log" 2>&1 &
coturn_pid=$!; pids+=("$coturn_pid")
peer_port=$(free_port)
turnutils_peer -L 127.0.0.1 -p "$peer_port" >/dev/null 2>&1 &
pids+=("$!")

for _ in $(seq 100); do grep -q READY "$work/conclave.log" && grep -q "Total General servers" "$work/coturn.log" && break; sleep 0.1; done
grep -q READY "$work/conclave.log" || { cat "$work/conclave.log"; exit 1; }

# One uclient run: prints "packets seconds pkts_per_s cpu_us_per_pkt lost".
load() { # name pid port password payload
  local name=$1 pid=$2 port=$3 password=$4 size=$5
  local t0 c0 t1 c1 out sent recv lost
  c0=$(ticks "$pid"); t0=$(date +%s.%N)
  out=$(turnutils_uclient -u "$user" -w "$password" -e 127.0.0.1 -r "$peer_port" -p "$port" \
        -n "$msgs" -m "$clients" -l "$size" -c -z 0 127.0.0.1 2>&1) || true
  t1=$(date +%s.%N); c1=$(ticks "$pid")
  sent=$(grep -o 'tot_send_msgs=[0-9]*' <<<"$out" | tail -1 | cut -d= -f2)
  recv=$(grep -o 'tot_recv_msgs=[0-9]*' <<<"$out" | tail -1 | cut -d= -f2)
  lost=$(grep -o 'Total lost packets [0-9]*' <<<"$out" | tail -1 | awk '{print $4}')
  # The transmit phase: from the first progress line with traffic to the end (uclient idles ~2-3 s first).
  local tx first
  tx=$(grep -o 'Total transmit time is [0-9]*' <<<"$out" | awk '{print $5}')
  first=$(grep -E '^[0-9]+: : start_mclient: msz=.*tot_send_msgs=[1-9]' <<<"$out" | head -1 | cut -d: -f1)
  python3 - "$name" "$size" "${sent:-0}" "${recv:-0}" "${lost:-?}" "$t0" "$t1" "$c0" "$c1" "$hz" "${tx:-0}" "${first:-0}" <<'PY'
import sys
name,size,sent,recv,lost,t0,t1,c0,c1,hz,tx,first=sys.argv[1:]
sent,recv=int(sent),int(recv); packets=sent+recv  # each message is relayed client->peer and peer->client
cpu=(float(c1)-float(c0))/float(hz)
# uclient reports once a second; traffic starts during the second before its first non-zero report.
tx=max(float(tx)-max(float(first)-1,0),1.0)
rate=packets/tx
print(f"| {name} | {size} | {packets} | {lost} | {tx:.0f} | {rate:,.0f} | {cpu:.2f} | {cpu*1e6/max(packets,1):.2f} |")
PY
}

rows=()
sizes=(160 1200); [ $smoke = 1 ] && sizes=(160)
for size in "${sizes[@]}"; do
  rows+=("$(load Conclave "$conclave_pid" "$conclave_port" "$pass_sha256" "$size")")
  rows+=("$(load coturn "$coturn_pid" "$coturn_port" "$pass_sha1" "$size")")
done

# Memory per allocation: RSS before and after N allocations held open by a separate process.
allocate() { # pid port password
  local pid=$1 port=$2 password=$3 before after made
  before=$(rss_kb "$pid")
  mkfifo "$work/alloc.in.$port"
  dotnet "$bench_dll" relay-alloc --port "$port" --count "$allocs" --user "$user" --password "$password" \
    <"$work/alloc.in.$port" >"$work/alloc.$port.log" 2>&1 &
  local apid=$!; pids+=("$apid")
  exec 8>"$work/alloc.in.$port"
  for _ in $(seq 1200); do grep -q ALLOCATED "$work/alloc.$port.log" && break; sleep 0.1; done
  sleep 1
  after=$(rss_kb "$pid")
  made=$(awk '/ALLOCATED/ {print $2}' "$work/alloc.$port.log")
  exec 8>&-
  wait "$apid" 2>/dev/null || true
  echo "${made:-0} $before $after"
}
read -r c_made c_before c_after < <(allocate "$conclave_pid" "$conclave_port" "$pass_sha256")
c_heap=$(sed -E 's/.*gc_heap=([0-9]+).*/\1/' "$work/conclave.stats")
read -r t_made t_before t_after < <(allocate "$coturn_pid" "$coturn_port" "$pass_sha1")

per() { python3 -c "import sys; m,b,a=map(int,sys.argv[1:]); print(f'{(a-b)*1024/max(m,1):,.0f}')" "$@"; }
result=$(cat <<MD
# TURN relay benchmark

Conclave relay vs coturn $(turnserver --version 2>/dev/null | head -1 || echo "4.6.1"), same \`turnutils_uclient\` load on 127.0.0.1
(channels, \`-n $msgs -m $clients -c -z 0\`), \`turnutils_peer\` echoing; relay, client and peer share
the machine ($(nproc) cores, $(uname -sr)). Packets = messages relayed client→peer plus peer→client.
Rate is over the sending phase seen in uclient's once-a-second progress lines (±1 s); CPU is the
relay process's utime+stime over the whole run, divided by packets relayed.

| relay | payload (B) | packets relayed | lost | sending s | packets/s | relay CPU s | CPU µs/packet |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Memory with $allocs allocations held open (one client socket each), RSS of the relay process:

| relay | allocations made | RSS before (kB) | RSS after (kB) | bytes per allocation |
|---|---|---|---|---|
| Conclave | $c_made | $c_before | $c_after | $(per "$c_made" "$c_before" "$c_after") |
| coturn | $t_made | $t_before | $t_after | $(per "$t_made" "$t_before" "$t_after") |

Conclave GC heap with the allocations held: $c_heap bytes.

Notes: at \`-z 0\` uclient and turnutils_peer saturate the 2 cores themselves, so the packet rate is
bounded by the load generator for both relays and both show the same kind of loss; compare the CPU
per packet. The Conclave figure includes JIT warm-up of a freshly started process. The relayed-packet
path allocates nothing (tests/Conclave.Server.Tests/Relay/RelayHotPathAllocationTests.cs).

Reproduce: \`bench/scripts/40-relay.sh\` (smoke: \`--smoke\`).
MD
)
echo "$result"
if [ $smoke = 0 ]; then echo "$result" >bench/results/relay.md; fi
