#!/usr/bin/env bash
# TURN relay: the Conclave relay and coturn under the same turnutils_uclient load on 127.0.0.1
# (channels, 160- and 1200-byte payloads), then memory per allocation with N allocations held open.
#
# Load: several uclient processes, each with its own turnutils_peer echo, paced at -z 1 (or unpaced,
# -z 0) at rising numbers of clients; the same levels for both relays, alternating, in one run. Each
# level is measured over a window in which every client is sending: messages, relayed packets and
# losses from the kernel's UDP counters (/proc/net/snmp, and per-socket drops in /proc/net/udp told
# apart by owner: relay sockets or generator sockets), CPU per process from /proc/<pid>/stat. The
# load runs in a network namespace of its own (unshare -rn) when the kernel allows it, so no other
# traffic on the machine enters the counters.
# Usage: bench/scripts/40-relay.sh [--smoke]      (--smoke: one short level, proves it runs, < 60 s)
# Only the full run (not --smoke, not with RELAY_BENCH_* overrides) writes bench/results/relay.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

smoke=0; [ "${1:-}" = "--smoke" ] && smoke=1
command -v turnserver >/dev/null || { echo "coturn not installed (scripts/install-deps.sh)"; exit 1; }
bench_dll=bench/Conclave.Benchmarks/bin/Release/net10.0/Conclave.Benchmarks.dll

if [ "${CONCLAVE_RELAY_BENCH_NETNS:-}" = "" ]; then
  log=$(mktemp /tmp/conclave-relay-build.XXXXXX)
  dotnet build -c Release -nologo -v q bench/Conclave.Benchmarks >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
  rm -f "$log"
  if unshare -rn true 2>/dev/null; then
    exec env CONCLAVE_RELAY_BENCH_NETNS=own unshare -rn bash "$0" "$@"
  fi
  export CONCLAVE_RELAY_BENCH_NETNS=host
fi
if [ "$CONCLAVE_RELAY_BENCH_NETNS" = own ]; then ip link set lo up; fi

if [ $smoke = 1 ]; then
  # Smoke: the clients may not all be sending yet after 3 s; it only proves every step runs.
  allocs=200; settle=3; window=1; sizes=(160); levels=("2 2 1")
else
  # "processes clients-per-process z": paced levels, then unpaced.
  allocs=10000; settle=8; window=6; sizes=(160 1200); levels=("4 2 1" "4 5 1" "4 10 1" "4 12 1" "4 15 1" "4 20 1" "4 40 1" "4 10 0")
fi
# Overrides for exploring: RELAY_BENCH_SIZES="160", RELAY_BENCH_LEVELS="4 5 1;4 10 1", RELAY_BENCH_ALLOCS=1000.
if [ -n "${RELAY_BENCH_SIZES:-}" ]; then read -r -a sizes <<<"$RELAY_BENCH_SIZES"; fi
if [ -n "${RELAY_BENCH_LEVELS:-}" ]; then IFS=';' read -r -a levels <<<"$RELAY_BENCH_LEVELS"; fi
allocs=${RELAY_BENCH_ALLOCS:-$allocs}

work=$(mktemp -d /tmp/conclave-relay-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
busy_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
hz=$(getconf CLK_TCK)

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
# One echoing peer per uclient process, shared by both relays.
peer_ports=(); peer_pids=()
for _ in 1 2 3 4; do
  port=$(free_port)
  turnutils_peer -L 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  pids+=("$!"); peer_pids+=("$!"); peer_ports+=("$port")
done

for _ in $(seq 100); do grep -q READY "$work/conclave.log" && grep -q "Total General servers" "$work/coturn.log" && break; sleep 0.1; done
grep -q READY "$work/conclave.log" || { cat "$work/conclave.log"; exit 1; }

cat >"$work/load.py" <<'PY'
"""One load level against one relay: turnutils_uclient processes (channels, -c) at a fixed pacing,
measured over a window when every client is sending; counters from the kernel, so both relays are
measured the same way. Prints one JSON line."""
import json, os, signal, subprocess, sys, time

a = json.loads(sys.argv[1])
HZ = os.sysconf('SC_CLK_TCK')

def ticks(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15)

def machine_busy():
    with open('/proc/stat') as f:
        v = list(map(int, f.readline().split()[1:]))
    return sum(v) - v[3] - v[4]  # all but idle and iowait

def snmp():
    with open('/proc/net/snmp') as f:
        rows = [l.split() for l in f if l.startswith('Udp:')]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))

def socket_drops():
    drops = {}
    for path in ('/proc/net/udp', '/proc/net/udp6'):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    p = line.split()
                    drops[p[9]] = int(p[-1])  # inode -> drops
        except FileNotFoundError:
            pass
    return drops

def inodes(pid):
    out = set()
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try:
            link = os.readlink(f'/proc/{pid}/fd/{fd}')
        except OSError:
            continue
        if link.startswith('socket:['):
            out.add(link[8:-1])
    return out

def listener_inodes(pid, port):
    """The relay's sockets bound to its UDP port: one per worker when it uses SO_REUSEPORT (both relays do)."""
    mine, found = inodes(pid), set()
    for path in ('/proc/net/udp', '/proc/net/udp6'):
        with open(path) as f:
            next(f)
            for line in f:
                p = line.split()
                if int(p[1].split(':')[1], 16) == port and p[9] in mine:
                    found.add(p[9])
    return found

relay, peers = a['relay_pid'], a['peer_pids']
procs = []
for i in range(a['procs']):
    cmd = ['turnutils_uclient', '-u', a['user'], '-w', a['password'], '-e', '127.0.0.1', '-r', str(a['peer_ports'][i % len(a['peer_ports'])]),
           '-p', str(a['port']), '-n', '10000000', '-m', str(a['clients']), '-l', str(a['size']), '-c', '-z', str(a['z']), '127.0.0.1']
    procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
gen = [p.pid for p in procs] + peers
time.sleep(a['settle'])

def snapshot():
    return dict(t=time.monotonic(), relay=ticks(relay), gen=sum(ticks(p) for p in gen), busy=machine_busy(), snmp=snmp(), drops=socket_drops())

relay_socks = inodes(relay)
peer_socks = set().union(*(inodes(p) for p in peers))
listen = listener_inodes(relay, a['port'])
s0 = snapshot()
rates = []
prev = s0
steps = max(1, int(round(a['window'])))
for _ in range(steps):
    time.sleep(a['window'] / steps)
    cur = snapshot()
    rates.append((cur['snmp']['InDatagrams'] - prev['snmp']['InDatagrams']) / (cur['t'] - prev['t']) / 2)
    prev = cur
s1 = prev
alive = all(p.poll() is None for p in procs)
for p in procs:
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
for p in procs:
    p.wait()

w = s1['t'] - s0['t']
d = {k: s1['drops'].get(k, 0) - s0['drops'].get(k, 0) for k in s1['drops']}
m1 = sum(v for k, v in d.items() if k in listen)
m3 = sum(v for k, v in d.items() if k in relay_socks and k not in listen)
m2 = sum(v for k, v in d.items() if k in peer_socks)
m4 = sum(v for k, v in d.items() if k not in relay_socks and k not in peer_socks)
out = s1['snmp']['OutDatagrams'] - s0['snmp']['OutDatagrams']
inn = s1['snmp']['InDatagrams'] - s0['snmp']['InDatagrams']
# Every message is 4 datagrams (client -> relay -> peer -> relay -> client); one dropped at hop k was sent k times.
lost = m1 + m2 + m3 + m4
messages = max((out - (m1 + 2 * m2 + 3 * m3 + 4 * m4)) / 4 + lost, 1)
relayed = (messages - m1) + (messages - m1 - m2 - m3)
cpu_relay = (s1['relay'] - s0['relay']) / HZ
cpu_gen = (s1['gen'] - s0['gen']) / HZ
cpu_all = (s1['busy'] - s0['busy']) / HZ
mean = sum(rates) / len(rates)
print(json.dumps(dict(
    relay=a['name'], size=a['size'], procs=a['procs'], clients=a['clients'], z=a['z'], window=round(w, 2),
    offered_pps=round(2 * messages / w), relayed_pps=round(relayed / w), loss_pct=round(100 * lost / messages, 2),
    drops_relay=m1 + m3, drops_generator=m2 + m4, drops_by_hop=[m1, m2, m3, m4], send_errors=s1['snmp']['SndbufErrors'] - s0['snmp']['SndbufErrors'],
    relay_cores=round(cpu_relay / w, 2), generator_cores=round(cpu_gen / w, 2), other_cores=round(max(cpu_all - cpu_relay - cpu_gen, 0) / w, 2),
    relay_us_per_packet=round(cpu_relay * 1e6 / max(relayed, 1), 2),
    rate_spread_pct=round(100 * (max(rates) - min(rates)) / max(mean, 1), 1), in_vs_out=round(inn / max(out, 1), 3), all_sending=alive,
    relay_listeners=len(listen))))
PY

load() { # name pid port password size procs clients z
  python3 "$work/load.py" "$(python3 -c 'import json,sys; a=sys.argv
print(json.dumps(dict(name=a[1], relay_pid=int(a[2]), port=int(a[3]), password=a[4], size=int(a[5]), procs=int(a[6]), clients=int(a[7]),
  z=int(a[8]), user=a[9], settle=float(a[10]), window=float(a[11]), peer_pids=list(map(int, a[12].split())), peer_ports=list(map(int, a[13].split())))))' \
    "$@" "$user" "$settle" "$window" "${peer_pids[*]}" "${peer_ports[*]}")"
}

b0=$(busy_ticks); t0=$(date +%s)
: >"$work/levels.jsonl"
for size in "${sizes[@]}"; do
  for level in "${levels[@]}"; do
    read -r procs clients z <<<"$level"
    load Conclave "$conclave_pid" "$conclave_port" "$pass_sha256" "$size" "$procs" "$clients" "$z" | tee -a "$work/levels.jsonl"
    load coturn "$coturn_pid" "$coturn_port" "$pass_sha1" "$size" "$procs" "$clients" "$z" | tee -a "$work/levels.jsonl"
  done
done
b1=$(busy_ticks); t1=$(date +%s)
load_avg=$(cut -d' ' -f1-3 /proc/loadavg)

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

tables=$(python3 - "$work/levels.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
print('| payload (B) | load (procs × clients, -z) | relay | offered pkt/s | relayed pkt/s | loss % | drops at relay / generator sockets | relay cores | generator cores | other cores | relay CPU µs/pkt |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for r in rows:
    print(f"| {r['size']} | {r['procs']} × {r['clients']}, -z {r['z']} | {r['relay']} | {r['offered_pps']:,} | {r['relayed_pps']:,} | {r['loss_pct']:.2f} | "
          f"{r['drops_relay']:,} / {r['drops_generator']:,} | {r['relay_cores']:.2f} | {r['generator_cores']:.2f} | {r['other_cores']:.2f} | {r['relay_us_per_packet']:.2f} |")
print()
print('| payload (B) | relay | highest relayed pkt/s with loss < 1 % | at load | relay CPU µs/pkt there | highest relayed pkt/s at any loss | relay CPU µs/pkt (median over levels) |')
print('|---|---|---|---|---|---|---|')
for size in sorted({r['size'] for r in rows}):
    for relay in ('Conclave', 'coturn'):
        mine = [r for r in rows if r['size'] == size and r['relay'] == relay]
        if not mine:
            continue
        ok = [r for r in mine if r['loss_pct'] < 1]
        best = max(ok, key=lambda r: r['relayed_pps']) if ok else None
        top = max(mine, key=lambda r: r['relayed_pps'])
        cpu = sorted(r['relay_us_per_packet'] for r in mine)[len(mine) // 2]
        print(f"| {size} | {relay} | " + (f"{best['relayed_pps']:,} | {best['procs']} × {best['clients']}, -z {best['z']} | {best['relay_us_per_packet']:.2f}" if best else "none | | ") +
              f" | {top['relayed_pps']:,} ({top['loss_pct']:.1f} % loss) | {cpu:.2f} |")
PY
)

per() { python3 -c "import sys; m,b,a=map(int,sys.argv[1:]); print(f'{(a-b)*1024/max(m,1):,.0f}')" "$@"; }
other=$(python3 -c "import sys; print(f'{(int(sys.argv[2])-int(sys.argv[1]))/int(sys.argv[5])/max(int(sys.argv[4])-int(sys.argv[3]),1):.2f}')" "$b0" "$b1" "$t0" "$t1" "$hz")
result=$(cat <<MD
# TURN relay benchmark

Conclave relay vs coturn $(turnserver --version 2>/dev/null | head -1 || echo "4.6.1") on 127.0.0.1, the same \`turnutils_uclient\`
load for both, alternating level by level in one run; relays, load generator and echo peers share the
machine ($(nproc) cores, $(uname -sr)). Network namespace: $CONCLAVE_RELAY_BENCH_NETNS.

Load: N uclient processes (channels, \`-c\`, payload \`-l\`), each with M clients and its own
\`turnutils_peer\` echo; \`-z 1\` paces each client (about 1000 messages/s nominal), \`-z 0\` sends
unpaced. Each level is measured over ${window} s once every client is sending (${settle} s after start):
a message is 4 datagrams (client → relay → peer → relay → client), so from the kernel's UDP counters
(sent datagrams, and per-socket drops attributed to the relay's own sockets or to the generator's)
follow the messages sent, the packets the relay relayed (both directions) and the messages lost.
Offered = 2 × messages sent per second (what the relay would relay with no loss). CPU is
utime+stime from /proc/<pid>/stat over the window: relay, generator (uclients + peers), and the rest
of the machine (other work plus softirq time no process is charged for).

Machine during the load part: $other cores busy on average (of $(nproc)); load average at its end: $load_avg.

$tables

Memory with $allocs allocations held open (one client socket each), RSS of the relay process:

| relay | allocations made | RSS before (kB) | RSS after (kB) | bytes per allocation |
|---|---|---|---|---|
| Conclave | $c_made | $c_before | $c_after | $(per "$c_made" "$c_before" "$c_after") |
| coturn | $t_made | $t_before | $t_after | $(per "$t_made" "$t_before" "$t_after") |

Conclave GC heap with the allocations held: $c_heap bytes.

Reproduce: \`bench/scripts/40-relay.sh\` (smoke: \`--smoke\`).
MD
)
echo "$result"
if [ $smoke = 0 ] && [ -z "${RELAY_BENCH_SIZES:-}${RELAY_BENCH_LEVELS:-}${RELAY_BENCH_ALLOCS:-}" ]; then echo "$result" >bench/results/relay.md; fi
