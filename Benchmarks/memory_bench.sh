#!/bin/sh
# Peak RSS of tm import, glossary import, glossary build, segment and pretranslate on generated inputs of --mb MB (default 1024): builds release, runs memory_bench.py (arguments pass through).
set -e; cd "$(dirname "$0")/.."; flock /tmp/tmkit-build.lock swift build -c release --quiet --product tmkit; exec python3 Benchmarks/memory_bench.py "$@"
