#!/bin/sh
# Pre-translation of 10,000 segments against a 1,000,000-entry memory, beside translate-toolkit's
# pretranslate on a memory it can finish with; prints time per segment of both and the ratio.
# Installs translate-toolkit and rapidfuzz if missing, builds release; arguments pass through
# to pretranslate_bench.py (see its header).
set -e
cd "$(dirname "$0")/.."
python3 -c 'import translate, rapidfuzz' 2>/dev/null || python3 -m pip install --quiet translate-toolkit rapidfuzz
swift build -c release --product tmkit --quiet
exec python3 Benchmarks/pretranslate_bench.py --no-build "$@"
