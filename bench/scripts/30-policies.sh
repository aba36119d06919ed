#!/usr/bin/env bash
# Policy resolution: a user in 50 groups with 64 group assignments per type (goal < 5 µs, 0 B),
# and the domain share of a Global change reaching 1,000 users.
# Usage: bench/scripts/30-policies.sh [--smoke]   (--smoke: one dry iteration, only proves it runs)
# Full results go to bench/results/policies.md by hand; BenchmarkDotNet's own reports land in
# $ARTIFACTS (default /tmp/conclave-bench-policies).
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts="${ARTIFACTS:-/tmp/conclave-bench-policies}"
job=()
if [ "${1:-}" = "--smoke" ]; then
  job=(--job Dry --inProcess)
fi
dotnet run -c Release --project bench/Conclave.Benchmarks -- \
  --filter 'Conclave.Benchmarks.Policies.*' --artifacts "$artifacts" "${job[@]}"
