#!/bin/sh
# Fuzzy-match repair on real catalogs pre-translated from a memory of other packages: share of
# 75-99 fills equal to the reference and mean edit distance, with and without repair.
# Builds release; arguments pass through to repair_bench.py (see its header).
set -e
cd "$(dirname "$0")/.."
swift build -c release --product tmkit --quiet
exec python3 Benchmarks/repair_bench.py --no-build "$@"
