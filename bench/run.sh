#!/usr/bin/env bash
# Builds and runs Fediversity's benchmarks, prints each figure beside its target and writes them to
# bench/results/latest.json. Options go to fedi-bench, for example:
#   bash bench/run.sh --only critical-path --repetitions 10
#   bash bench/run.sh --only fleet --sizes 100,1000 --budget-seconds 600
# See "Benchmarks" in README.md for every option.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# The PostgreSQL runs start a private server of their own on 127.0.0.1 (see tests/setup/postgresql-cluster.sh);
# its programs come from the same install the tests use, which does nothing when they are already there.
if [ -z "${FEDI_BENCH_POSTGRES:-}" ]; then
    bash tests/setup/install-postgresql.sh >/dev/null
fi

dotnet build bench/Fediversity.Bench/Fediversity.Bench.csproj -c Release --nologo -v quiet
exec dotnet bench/Fediversity.Bench/bin/Release/net10.0/fedi-bench.dll --out bench/results/latest.json "$@"
