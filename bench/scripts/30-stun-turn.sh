#!/usr/bin/env bash
# STUN check parse/verify/build and TURN ChannelData framing (BenchmarkDotNet, memory diagnoser).
# Usage: bench/scripts/30-stun-turn.sh [--smoke]
set -euo pipefail
cd "$(dirname "$0")/../.."
job=(--job short)
if [ "${1:-}" = "--smoke" ]; then job=(--job dry --inProcess); fi
dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*StunTurnBenchmarks*' "${job[@]}"
