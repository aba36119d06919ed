#!/usr/bin/env bash
# Policy resolution: a user in 50 groups with 64 group assignments per type (goal < 5 µs, 0 B),
# the domain share of a Global change reaching 1,000 users, and the whole path over the real server:
# a Global change reaching 1,000 clients connected to /api/me/policy-events (TLS on 127.0.0.1).
# Usage: bench/scripts/30-policies.sh [--smoke]   (--smoke: one dry iteration of the engine suites and
# 2 rounds with 50 streaming clients, only proves it runs)
# Full results go to bench/results/policies.md by hand; BenchmarkDotNet's own reports land in
# $ARTIFACTS (default /tmp/conclave-bench-policies).
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts="${ARTIFACTS:-/tmp/conclave-bench-policies}"
job=()
clients="${CONCLAVE_BENCH_STREAM_CLIENTS:-1000}"
rounds="${CONCLAVE_BENCH_STREAM_ROUNDS:-20}"
if [ "${1:-}" = "--smoke" ]; then
  job=(--job Dry --inProcess)
  clients=50
  rounds=2
fi
dotnet build -c Release -v q -nologo bench/Conclave.Benchmarks
dotnet run -c Release --no-build --project bench/Conclave.Benchmarks -- \
  --filter 'Conclave.Benchmarks.Policies.*' --artifacts "$artifacts" "${job[@]}"
# Its own in-process job (one change per measurement); the server runs inside the benchmark process.
CONCLAVE_BENCH_STREAM_CLIENTS="$clients" CONCLAVE_BENCH_STREAM_ROUNDS="$rounds" \
  dotnet run -c Release --no-build --project bench/Conclave.Benchmarks -- \
  --filter 'Conclave.Benchmarks.PolicyStreams.*' --artifacts "$artifacts"
