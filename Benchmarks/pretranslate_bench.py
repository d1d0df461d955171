#!/usr/bin/env python3
"""Pre-translation batch run: tmkit against translate-toolkit's `pretranslate`, in one run.

1. Memory: the real pairs of ../shared/corpus/dev_pairs.tsv (90,910) plus generated variants
   (words inserted, deleted or replaced on both sides, seeded) up to --scale entries (default
   1,000,000), imported with `tmkit tm import` (with --reuse-memory, the store a previous run
   left in --work is used again: only while tmkit's store format is unchanged).
2. Batch: --queries segments (default 10,000) in 10 XLIFF 1.2 files: 40% sentences of the memory
   as they are, 40% with one word edited, 20% sentences the memory has never seen (words of
   several sentences mixed), in random order (so some repeat, as in real batches).
3. tmkit: release build, `tmkit pretranslate BATCH -o OUT --tm MEMORY` on both cores (wall time
   and peak memory from /usr/bin/time).
4. translate-toolkit: `pretranslate --tm memory.po -t empty.po -i batch.po -o out.po` (RapidFuzz
   installed) on a memory small enough for it to finish (--tt-memory entries, default 20,000) and
   --tt-queries segments (default 1,000) in a PO file (translate-toolkit fills msgstr in PO; in
   XLIFF it only adds alt-trans). tmkit runs on that same small memory and the same PO file as
   well, so that one ratio compares like with like.

Prints the time per segment of each run and the ratios, and how many targets each filled.

Usage:
  Benchmarks/pretranslate_bench.sh                       # 1,000,000 entries, 10,000 segments
  Benchmarks/pretranslate_bench.sh --scale 200000        # quicker
Options: --corpus DIR, --work DIR, --scale N, --queries N, --tt-memory N, --tt-queries N, --no-build,
--reuse-memory, --seed N.
"""
import argparse, os, random, re, subprocess, sys, time
from xml.sax.saxutils import escape
from corpus_tsv import esc, unesc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(hdr, map(unesc, line.rstrip("\n").split("\t"))))
            if row.get("source_en") and row.get("target_ko") and "\n" not in row["source_en"]:
                yield row["source_en"], row["target_ko"]


def edit(words, vocab, rng):
    w = list(words)
    k = rng.randrange(3)
    if k == 0 or len(w) < 3:
        w.insert(rng.randrange(len(w) + 1), rng.choice(vocab))
    elif k == 1:
        del w[rng.randrange(len(w))]
    else:
        w[rng.randrange(len(w))] = rng.choice(vocab)
    return w


def write_memory(pairs, n, rng, path):
    vocab_en = [w for s, _ in pairs[:20000] for w in s.split() if w.isalpha()]
    vocab_ko = [w for _, t in pairs[:20000] for w in t.split()]
    with open(path, "w", encoding="utf-8") as f:
        f.write("source\ttarget\n")
        k = 0
        for s, t in pairs:
            if k >= n:
                break
            f.write(f"{esc(s)}\t{esc(t)}\n")
            k += 1
        while k < n:
            s, t = pairs[rng.randrange(len(pairs))]
            en, ko = s.split(), t.split()
            for _ in range(rng.randint(1, 3)):
                en = edit(en, vocab_en, rng)
                ko.insert(rng.randrange(len(ko) + 1), rng.choice(vocab_ko))
            f.write(f"{esc(' '.join(en))}\t{esc(' '.join(ko))}\n")
            k += 1
    return k


def make_queries(pairs, n, rng):
    vocab = [w for s, _ in pairs[:20000] for w in s.split() if w.isalpha()]
    real = [s for s, _ in pairs if 3 <= len(s.split()) <= 40]
    out = []
    for i in range(n):
        r = rng.random()
        s = rng.choice(real)
        if r < 0.4:
            out.append(s)
        elif r < 0.8:
            out.append(" ".join(edit(s.split(), vocab, rng)))
        else:
            words = s.split()[: rng.randint(3, 8)] + rng.choice(real).split()[: rng.randint(3, 8)]
            rng.shuffle(words)
            out.append(" ".join(words))
    return out


def write_xliff(segments, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n')
        f.write(f'  <file original="{escape(os.path.basename(path))}" source-language="en" target-language="ko" datatype="plaintext">\n    <body>\n')
        for i, s in enumerate(segments):
            f.write(f'      <trans-unit id="{i + 1}">\n        <source>{escape(s)}</source>\n      </trans-unit>\n')
        f.write("    </body>\n  </file>\n</xliff>\n")


def write_po(pairs, path):
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    seen = set()
    with open(path, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n')
        for s, t in pairs:
            if s in seen:
                continue
            seen.add(s)
            f.write(f"msgid {q(s)}\nmsgstr {q(t)}\n\n")


CPU = {}


def timed(cmd, **kw):
    """Runs cmd; returns wall seconds, peak RSS (KB) and the result; CPU seconds go to CPU[cmd[0]]."""
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    if r.returncode not in (0,):
        sys.exit(f"{' '.join(cmd[:2])} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    rss, user, system = r.stderr.strip().splitlines()[-1].split()
    CPU["last"] = float(user) + float(system)
    return wall, int(rss), r


def count_targets(folder):
    """Targets tmkit filled in the XLIFF outputs under folder."""
    n = 0
    for base, _, files in os.walk(folder):
        for name in files:
            n += open(os.path.join(base, name), encoding="utf-8").read().count("<target state=")
    return n


def count_po_filled(path):
    """Entries of a PO file with a msgstr (fuzzy or not), header left out."""
    from translate.storage import po
    return sum(1 for u in po.pofile.parsefile(path).units if not u.isheader() and u.target)


def tmkit_memory(binary, pairs, n, rng, work, name, reuse):
    """Imports a memory of n entries (with reuse, keeps one a previous run imported)."""
    db = os.path.join(work, f"{name}.sqlite")
    stamp = db + ".entries"
    if reuse and os.path.exists(db) and os.path.exists(stamp) and open(stamp).read().strip() == str(n):
        print(f"  reusing {db} ({n:,} entries)")
        return db
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    tsv = os.path.join(work, f"{name}.tsv")
    write_memory(pairs, n, rng, tsv)
    wall, rss, r = timed([binary, "tm", "import", "--tm", db, "--source-lang", "en", "--target-lang", "ko", tsv])
    print(f"  {r.stdout.strip()}\n  import: {wall:.1f} s, peak {rss / 1024:.0f} MB")
    open(stamp, "w").write(str(n))
    return db


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--work", default="/tmp/tmkit-pretranslate-bench")
    ap.add_argument("--scale", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--tt-memory", type=int, default=20_000)
    ap.add_argument("--tt-queries", type=int, default=1_000)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--reuse-memory", action="store_true", help="keep the memories a previous run imported (same tmkit store format only)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "translate-toolkit", "rapidfuzz"], check=False)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, ".build", "release", "tmkit")
    pairs = list(read_pairs(os.path.join(args.corpus, "dev_pairs.tsv")))
    cores = os.cpu_count()

    print(f"memory: {args.scale:,} entries ({len(pairs):,} real pairs + generated variants)")
    big = tmkit_memory(binary, pairs, args.scale, random.Random(args.seed), args.work, f"memory-{args.scale}", args.reuse_memory)
    queries = make_queries(pairs, args.queries, random.Random(args.seed + 1))
    batch = os.path.join(args.work, "batch")
    os.makedirs(batch, exist_ok=True)
    for old in os.listdir(batch):
        os.remove(os.path.join(batch, old))
    per = max(1, len(queries) // 10)
    for k in range(0, len(queries), per):
        write_xliff(queries[k:k + per], os.path.join(batch, f"part{k // per:02d}.xlf"))

    out = os.path.join(args.work, "out-tmkit")
    subprocess.run(["rm", "-rf", out])
    load = os.getloadavg()[0]
    wall, rss, r = timed([binary, "pretranslate", batch, "-o", out, "--tm", big, "--report", os.path.join(args.work, "report.json")])
    cpu = CPU["last"]
    big_filled = count_targets(out)
    print(r.stdout[r.stdout.rfind("\ntotal\n"):].rstrip())
    print(f"tmkit pretranslate: {len(queries):,} segments against {args.scale:,} entries on {cores} cores: "
          f"{wall:.1f} s ({wall / len(queries) * 1000:.2f} ms/segment), peak {rss / 1024:.0f} MB, {big_filled:,} targets filled")
    print(f"  CPU time {cpu:.1f} s ({cpu / len(queries) * 1000:.2f} ms/segment); on {cores} idle cores that is about "
          f"{cpu / cores:.1f} s of wall time. Load average when it started: {load:.1f} "
          f"({'the machine was busy: the wall time includes waiting for a core' if load > cores else 'machine idle enough'})")

    # The small memory both tools can use, and the same segments for both.
    print(f"\nsmall memory for translate-toolkit: {args.tt_memory:,} entries, {args.tt_queries:,} segments")
    small_pairs = pairs[: args.tt_memory]
    small = tmkit_memory(binary, small_pairs, args.tt_memory, random.Random(args.seed), args.work, f"small-{args.tt_memory}", args.reuse_memory)
    rng = random.Random(args.seed + 2)
    tt_queries = make_queries(small_pairs, args.tt_queries, rng)
    # gettext PO for both: translate-toolkit fills msgstr in PO (in XLIFF it only adds alt-trans).
    tt_in = os.path.join(args.work, "tt-batch")
    os.makedirs(tt_in, exist_ok=True)
    for old in os.listdir(tt_in):
        os.remove(os.path.join(tt_in, old))
    batch_po = os.path.join(tt_in, "batch.po")
    write_po([(q, "") for q in tt_queries], batch_po)
    po = os.path.join(args.work, f"small-{args.tt_memory}.po")
    write_po(small_pairs, po)
    # An empty template: translate-toolkit 3.x crashes without one ('NoneType' object has no attribute 'findunit').
    empty = os.path.join(args.work, "empty.po")
    write_po([], empty)

    out_small = os.path.join(args.work, "out-tmkit-small")
    subprocess.run(["rm", "-rf", out_small])
    tk_wall, tk_rss, _ = timed([binary, "pretranslate", batch_po, "-o", out_small, "--tm", small])
    tk_cpu = CPU["last"]
    tk_filled = count_po_filled(os.path.join(out_small, "batch.po"))
    tt_out = os.path.join(args.work, "out-tt.po")
    tt_wall, tt_rss, _ = timed(["pretranslate", "--progress=none", "--tm", po, "-s", "75", "-t", empty,
                               "-i", batch_po, "-o", tt_out])
    tt_cpu = CPU["last"]
    tt_filled = count_po_filled(tt_out)
    n = len(tt_queries)
    print(f"tmkit pretranslate:             {n} segments, {args.tt_memory:,} entries: {tk_wall:.2f} s "
          f"({tk_wall / n * 1000:.2f} ms/segment, process start and memory open included), peak {tk_rss / 1024:.0f} MB, {tk_filled} filled")
    print(f"translate-toolkit pretranslate: {n} segments, {args.tt_memory:,} entries: {tt_wall:.2f} s "
          f"({tt_wall / n * 1000:.2f} ms/segment), peak {tt_rss / 1024:.0f} MB, {tt_filled} filled")
    print(f"\nratio, same memory and segments (translate-toolkit / tmkit time per segment): {tt_wall / tk_wall:.1f}x wall, "
          f"{tt_cpu / max(tk_cpu, 1e-9):.1f}x CPU time")
    print(f"ratio, translate-toolkit on {args.tt_memory:,} entries / tmkit on {args.scale:,} entries, per segment: "
          f"{(tt_wall / n) / (wall / len(queries)):.1f}x")
    print(f"target: {len(queries):,} segments against {args.scale:,} entries within 60 s on {cores} cores: "
          f"{'met' if wall <= 60 else 'NOT met'} ({wall:.1f} s wall; CPU time / cores {cpu / cores:.1f} s)")


if __name__ == "__main__":
    main()
