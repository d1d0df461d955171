#!/bin/sh
# Builds tmkit (release) and runs the term-alignment benchmark against eflomal.
set -e
cd "$(dirname "$0")/.."
swift build -c release --product tmkit
exec python3 Benchmarks/glossary_vs_eflomal.py "$@"
