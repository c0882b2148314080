#!/usr/bin/env bash
# Math rendering benchmark (KaTeX via one Node process, cold and warm cache). Not a test.
#   bench/math-bench.sh [notes=200] [formulasPerNote=50]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/math-bench -c Release --artifacts-path "${MATH_BENCH_ARTIFACTS:-/tmp/art-math-bench}" -- "${1:-200}" "${2:-50}" "$PWD/theme"
