#!/bin/sh
# Glossary look-up speed and memory (issues 9 and 11), tmkit beside the floor in one run:
# a glossary built from ../shared/corpus/dev_pairs.tsv, compiled once into its index, then
#   - one `tmkit glossary lookup` process vs `tmkit --version` (wall, median of 11; target <= 3x),
#   - batch look-ups from stdin (ms per term; target <= 1 ms),
#   - the floor: `grep -F` of the same terms over the TSV export,
#   - the first compile of a ~100 MB TBX (wall, CPU, peak RSS; target <= 5 s, flat memory),
#   - `glossary import` of a ~1 GB TBX into the user's store (peak RSS; target < 500 MB;
#     skipped with GLOSSARY_BENCH_NO_1GB=1).
# Wall and CPU come from Benchmarks/glossary_lookup.py; run it on a release build, under nice:
#   swift build -c release && nice -n 10 Benchmarks/glossary_lookup.sh [path/to/tmkit]
set -eu
cd "$(dirname "$0")/.."
exec python3 Benchmarks/glossary_lookup.py "${1:-.build/release/tmkit}"
