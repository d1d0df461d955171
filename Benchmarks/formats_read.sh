#!/usr/bin/env bash
# Reading speed and memory: tmkit's Formats readers (release build) beside translate-toolkit on
# the corpus's dev.tmx (and any files given as arguments), in one run; prints the time ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import translate.storage.tmx' 2>/dev/null || pip install --quiet translate-toolkit

swift build -c release --target Formats >/dev/null
R=.build/release
out=$(mktemp -d)
swiftc -O -I "$R/Modules" Benchmarks/formats_read/main.swift "$R"/Formats.build/*.o "$R"/TMCore.build/*.o "$R"/CXML.build/*.o -lxml2 -o "$out/formats_read"

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/corpus/dev.tmx)
for f in "${files[@]}"; do
    t1=$( { /usr/bin/time -f "%e %M" "$out/formats_read" "$f" >"$out/a.txt"; } 2>&1 | tail -1)
    if ! t2=$( { /usr/bin/time -f "%e %M" python3 Benchmarks/formats_read/peer.py "$f" >"$out/b.txt"; } 2>&1 | tail -1) \
        || ! [ -s "$out/b.txt" ]; then
        cat "$out/a.txt"; echo "$f: translate-toolkit cannot read this file type; no ratio"; continue
    fi
    cat "$out/a.txt" "$out/b.txt"
    read -r s1 m1 <<<"$t1"
    read -r s2 m2 <<<"$t2"
    echo "$f: tmkit ${s1}s ${m1}KB max RSS; translate-toolkit ${s2}s ${m2}KB; tmkit is $(python3 -c "print(f'{$s2/$s1:.1f}')")x faster"
done
rm -rf "$out"
