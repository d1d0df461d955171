#!/usr/bin/env bash
# TMX import speed: `tmkit tm import` (release build) of the corpus's dev.tmx into a fresh store,
# with wall and CPU time and peak RSS. Given another tmkit binary (an older build), runs it on the
# same file in the same run and prints the ratio:
#   Benchmarks/tmx_import.sh [OLD_TMKIT] [FILE.tmx]
# TMKIT=path/to/tmkit measures that binary instead of building this package's release build.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:-}
corpus=../shared/corpus
[ -d "$corpus" ] || corpus=../../shared/corpus   # a worktree one level deeper
file=${2:-$corpus/dev.tmx}
[ -f "$file" ] || { echo "tmx_import: no $file (the corpus is in ../shared/corpus)"; exit 0; }
new=${TMKIT:-.build/release/tmkit}
[ -n "${TMKIT:-}" ] || swift build -c release --product tmkit >/dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/tmkit-import-XXXXXX")
trap 'rm -rf "$dir"' EXIT

run() {  # run NAME BINARY: prints "NAME entries/s wall user"
    local name=$1 bin=$2
    TMKIT_HOME="$dir/home" /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$bin" tm import --tm "$dir/$name.sqlite" "$file" >"$dir/out"
    read -r wall user sys rss <"$dir/time"
    local read_n
    read_n=$(sed -n 's/.*: read \([0-9]*\),.*/\1/p' "$dir/out")
    echo "$name: $(cat "$dir/out" | sed 's/ in .*//')"
    python3 -c "print(f'$name: {${read_n}/${wall}:,.0f} entries/s wall ({${wall}} s), CPU {${user}+${sys}:.2f} s, peak RSS {${rss}/1024:.0f} MB')"
    echo "$read_n $wall" >"$dir/$name.fig"
}

run new "$new"
if [ -n "$old" ]; then
    run old "$old"
    read -r n1 w1 <"$dir/new.fig"
    read -r n2 w2 <"$dir/old.fig"
    python3 -c "print(f'new/old entries per second: {($n1/$w1)/($n2/$w2):.2f}x')"
fi
