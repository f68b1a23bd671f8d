#!/usr/bin/env bash
# Runs the benchmark suite (docs/benchmarks.md) and prints one table.
#   scripts/bench.sh            full run: 10k/100k/1M in-process, HTTP at 200 requests/s, mixing 10k, R, raw storage
#   scripts/bench.sh --smoke    every benchmark once at the smallest size (what the test suite runs; < 1 minute)
# Extra arguments go to the benchmark program (e.g. --mixing 10000,100000, --no-bdn, --out file.md).
# Needs the .NET 10 SDK and Node.js (Azurite is installed from package-lock.json); R with the 'survey'
# package for the side-by-side figures (without it the table says so).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-node-tools.sh
dotnet build tests/Ervaring.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
mkdir -p artifacts/bench
out=artifacts/bench/results-$(date -u +%Y%m%dT%H%M%SZ).md
exec dotnet tests/Ervaring.Benchmarks/bin/Release/net10.0/Ervaring.Benchmarks.dll --out "$out" "$@"
