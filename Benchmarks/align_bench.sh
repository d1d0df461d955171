#!/usr/bin/env bash
# Sentence alignment: tmkit align vs a length-only Gale-Church baseline on the Debian FAQ
# (English and Korean, from Debian's packages), and the time for a 10,000-sentence pair.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in apt-get dpkg-deb python3; do
    command -v "$tool" >/dev/null || { echo "align_bench: needs $tool" >&2; exit 1; }
done
swift build -c release --product tmkit >&2
python3 Benchmarks/align_bench.py --tmkit .build/release/tmkit "$@"
