#!/usr/bin/env bash
# The short runs of long tools that ./test.sh includes: every fuzz target over its corpus and a
# bounded number of mutations, and every benchmark in its smoke mode.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project fuzz/Conclave.Fuzz -c Release -- smoke --iterations "${FUZZ_SMOKE_ITERATIONS:-20000}"
bench/run.sh --smoke
