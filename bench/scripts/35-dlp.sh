#!/usr/bin/env bash
# DLP: scanning a 1 KB and a 100 KB chat message for every built-in sensitive information type, with and
# without sensitive values in it (goal: under 100 µs per 1 KB message, i.e. under 10 % of one core at
# 1,000 messages/s). Full results go to bench/results/dlp.md by hand; BenchmarkDotNet's own reports land
# in $ARTIFACTS (default /tmp/conclave-bench-dlp).
# Usage: bench/scripts/35-dlp.sh [--smoke]   (--smoke: one dry in-process iteration, only proves it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts="${ARTIFACTS:-/tmp/conclave-bench-dlp}"
# In process: BenchmarkDotNet's out-of-process job rebuilds the whole benchmark project (the server
# included) and passes its 2-minute build timeout on 2 shared cores; the scanner code measured is the same.
job=(--inProcess)
if [ "${1:-}" = "--smoke" ]; then
  job=(--job Dry --inProcess)
fi
dotnet build -c Release -v q -nologo bench/Conclave.Benchmarks
dotnet run -c Release --no-build --project bench/Conclave.Benchmarks -- \
  --filter 'Conclave.Benchmarks.Dlp.*' --artifacts "$artifacts" "${job[@]}"
