#!/usr/bin/env bash
# Content protection at rest: protect and unprotect of a 1 KB message body (AES-256-GCM under an
# HKDF-derived per-container key) and the key derivation alone (BenchmarkDotNet, memory diagnoser).
# Usage: bench/scripts/35-content.sh [--smoke]
set -euo pipefail
cd "$(dirname "$0")/../.."
job=(--job short)
if [ "${1:-}" = "--smoke" ]; then job=(--job dry --inProcess); fi
dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*ContentProtectionBenchmarks*' "${job[@]}"
