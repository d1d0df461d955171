#!/bin/sh
# Speed of `tmkit segment` on one core vs Kiwi: installs kiwipiepy if missing, builds release, runs segment_speed.py (arguments pass through).
set -e; cd "$(dirname "$0")/.."; python3 -c 'import kiwipiepy, kiwipiepy_model' 2>/dev/null || python3 -m pip install --quiet kiwipiepy kiwipiepy-model; swift build -c release --quiet; exec python3 Benchmarks/segment_speed.py "$@"
