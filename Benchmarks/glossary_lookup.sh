#!/bin/sh
# Glossary look-up speed (issue 9): a glossary built from ../shared/corpus/dev_pairs.tsv,
# compiled once into its index, then
#   - one `tmkit glossary lookup` process vs `tmkit --version` (wall, median of 11 runs),
#   - batch look-ups from stdin (ms per term),
#   - the first compile of a ~100 MB TBX (wall, CPU and peak RSS),
#   - the floor: `grep -F` of the same terms over the TSV export.
# Usage: Benchmarks/glossary_lookup.sh [path/to/tmkit]   (default .build/release/tmkit)
set -eu
cd "$(dirname "$0")/.."
TMKIT=${1:-.build/release/tmkit}
CORPUS=../shared/corpus/dev_pairs.tsv
[ -f "$CORPUS" ] || { echo "no $CORPUS: skipped"; exit 0; }
WORK=$(mktemp -d)
export TMKIT_HOME="$WORK/home"
trap 'rm -rf "$WORK"' EXIT
now() { python3 -c 'import time; print(time.time())'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # command... -> seconds, median of 11
  for i in 1 2 3 4 5 6 7 8 9 10 11; do
    s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now)
    python3 -c "print($e - $s)"
  done | median
}
if [ ! -f "$WORK/dev.tbx" ]; then
  "$TMKIT" glossary build "$CORPUS" -o "$WORK/dev.tbx" 2>/dev/null
fi
"$TMKIT" glossary export --glossary "$WORK/dev.tbx" "$WORK/dev.tsv" 2>/dev/null
G="--glossary $WORK/dev.tbx"
"$TMKIT" glossary lookup 안보 $G >/dev/null 2>&1 || true   # first use compiles the index
cut -f1 "$WORK/dev.tsv" | grep -v '^#' | sort -u | head -2000 > "$WORK/terms.txt"
N=$(wc -l < "$WORK/terms.txt")
V=$(wall "$TMKIT" --version)
L=$(wall "$TMKIT" glossary lookup 안보의 $G)
s=$(now); "$TMKIT" glossary lookup - $G < "$WORK/terms.txt" > /dev/null; e=$(now)
B=$(python3 -c "print(($e - $s) * 1000 / $N)")
s=$(now); grep -F -f "$WORK/terms.txt" "$WORK/dev.tsv" > /dev/null; e=$(now)
F=$(python3 -c "print(($e - $s) * 1000 / $N)")
GL=$(wall grep -F 안보 "$WORK/dev.tsv")
# A ~100 MB TBX: the dev glossary's concepts repeated with distinct terms.
python3 - "$WORK/dev.tbx" "$WORK/big.tbx" <<'PY'
import sys, re
src = open(sys.argv[1], encoding='utf-8').read()
head, rest = src.split('<body>', 1)
body, tail = rest.rsplit('</body>', 1)
entries = re.findall(r'<conceptEntry.*?</conceptEntry>\n', body, re.S)
out = open(sys.argv[2], 'w', encoding='utf-8')
out.write(head + '<body>\n')
size, n = 0, 0
while size < 100_000_000:
    for e in entries:
        n += 1
        e2 = re.sub(r'<term>(.*?)</term>', lambda m: '<term>%s %d</term>' % (m.group(1), n), e)
        e2 = re.sub(r'id="c\d+"', 'id="c%d"' % n, e2)
        out.write(e2); size += len(e2.encode())
        if size >= 100_000_000: break
out.write('</body>' + tail)
PY
BIG=$(du -m "$WORK/big.tbx" | cut -f1)
/usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$TMKIT" glossary lookup x --glossary "$WORK/big.tbx" >/dev/null 2>&1 || true
read CW CU CS CM < "$WORK/time.txt"
echo "glossary from dev_pairs.tsv: $(grep -c '<conceptEntry' "$WORK/dev.tbx") concepts; $N distinct terms looked up"
python3 - "$V" "$L" "$B" "$F" "$GL" "$BIG" "$CW" "$CU" "$CS" "$CM" <<'PY'
import sys
v, l, b, f, gl, big, cw, cu, cs, cm = sys.argv[1:]
v, l, b, f, gl = map(float, (v, l, b, f, gl))
print(f"tmkit --version                 {v*1000:8.1f} ms wall")
print(f"tmkit glossary lookup (1 term)  {l*1000:8.1f} ms wall   = {l/v:.2f}x --version (target <= 3x)")
print(f"grep -F one term over TSV       {gl*1000:8.1f} ms wall   (floor)")
print(f"batch lookup from stdin         {b:8.3f} ms/term (target <= 1 ms)")
print(f"grep -F -f terms over TSV       {f:8.3f} ms/term (floor)")
print(f"first compile of {big} MB TBX    {float(cw):8.2f} s wall, {float(cu)+float(cs):.2f} s CPU, peak RSS {int(cm)//1024} MB (target <= 5 s)")
PY
