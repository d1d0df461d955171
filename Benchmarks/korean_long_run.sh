#!/bin/sh
# Time of `tmkit segment` on Hangul runs without a space (10k-100k syllables) beside Kiwi: installs kiwipiepy if missing, builds release, runs korean_long_run.py (arguments pass through).
set -e; cd "$(dirname "$0")/.."; python3 -c 'import kiwipiepy, kiwipiepy_model' 2>/dev/null || python3 -m pip install --quiet kiwipiepy kiwipiepy-model; flock /tmp/tmkit-build.lock swift build -c release --quiet --product tmkit; exec python3 Benchmarks/korean_long_run.py "$@"
