#!/usr/bin/env python3
"""tmkit's TM lookup against translate-toolkit's matcher, on the same memory and queries, in one run.

Memory: all of ../shared/corpus/dev_pairs.tsv (or, with --scale N, the real pairs plus generated
variants up to N entries). Queries: the 1,189 English sentences held out of dev_train.tsv
(5+ words, in dev_pairs but not in dev_train), each exact and with one word inserted, deleted or
replaced (seeded). "Top-1" counts queries whose best match's source is the held-out sentence.

tmkit: release build, pinned to one core (taskset), `tmkit tm lookup --queries` with per-query
times taken inside the process (analysis, index, scoring, JSON). The import may use both cores. translate-toolkit:
`translate.search.match.matcher` (RapidFuzz installed; max_length raised so long strings are
not excluded), per-query times around `matcher.matches`.

Usage:
  python3 Benchmarks/tm_vs_translate_toolkit.py                  # 90,910 entries
  python3 Benchmarks/tm_vs_translate_toolkit.py --scale 1000000  # grown memory
Options: --tt-queries N (queries per kind given to translate-toolkit; default all),
--corpus DIR, --work DIR, --no-build.
"""
import argparse, json, os, random, resource, subprocess, sys, time

from tm_corpus import DEFAULT_CORPUS, ROOT, grow, held_out_sentences, load, pct, read_tsv, tt_matcher


def make_queries(pairs, train_ids, rng):
    vocab = sorted({w for p in pairs for w in p["source_en"].split() if w.isalpha() and len(w) > 2})
    held = list(dict.fromkeys(p["source_en"] for p in held_out_sentences(pairs, train_ids)))
    queries = []  # (kind, query, expected source)
    for s in held:
        words = s.split()
        queries.append(("exact", s, s))
        w = list(words); w.insert(rng.randrange(len(w) + 1), rng.choice(vocab)); queries.append(("insert", " ".join(w), s))
        w = list(words); del w[rng.randrange(len(w))]; queries.append(("delete", " ".join(w), s))
        w = list(words); w[rng.randrange(len(w))] = rng.choice(vocab); queries.append(("replace", " ".join(w), s))
    return queries


def run_tmkit(binary, memory_tsv, queries, work, reuse):
    db = os.path.join(work, "memory.sqlite")
    if reuse and os.path.exists(db):
        return run_lookups(binary, db, queries, work, dict(import_s=None, import_rss=None))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", binary, "tm", "import", "--tm", db, memory_tsv],
                       capture_output=True, text=True)
    import_s = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"tmkit import failed: {r.stderr}")
    rss, user, system = r.stderr.strip().splitlines()[-1].split()
    import_rss, import_cpu = int(rss), float(user) + float(system)
    print("  " + r.stdout.strip())
    return run_lookups(binary, db, queries, work, dict(import_s=import_s, import_rss=import_rss, import_cpu=import_cpu))


def run_lookups(binary, db, queries, work, result):
    qfile, tfile = os.path.join(work, "queries.txt"), os.path.join(work, "times.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.writelines(q + "\n" for _, q, _ in queries)
    r = subprocess.run(["/usr/bin/time", "-f", "%M", "taskset", "-c", "0", binary, "tm", "lookup", "--tm", db,
                        "--queries", qfile, "--timings", tfile, "--limit", "5", "--min-score", "75"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"tmkit lookup failed: {r.stderr}")
    lookup_rss = int(r.stderr.strip().splitlines()[-1])
    results = [json.loads(line) for line in r.stdout.splitlines()]
    times = [int(x) / 1000 for x in open(tfile)]
    tops = [m[0]["source"] if m else None for m in results]
    return dict(result, times=times, tops=tops, lookup_rss=lookup_rss)


def run_tt(memory_pairs, queries):
    t0 = time.perf_counter()
    m = tt_matcher(memory_pairs, min_similarity=75, max_candidates=5)
    build_s = time.perf_counter() - t0
    times, tops = [], []
    for _, q, _ in queries:
        t = time.perf_counter()
        res = m.matches(q)
        times.append((time.perf_counter() - t) * 1000)
        tops.append(res[0].source if res else None)
    return dict(times=times, tops=tops, build_s=build_s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--work", default="/tmp/tmkit-bench")
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--tt-queries", type=int, default=0, help="queries per kind for translate-toolkit (0 = all)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--reuse-store", action="store_true", help="look up in the store a previous run imported")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--binary", help="the tmkit binary to measure (default: this package's release build)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "translate-toolkit", "rapidfuzz"], check=False)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    binary = args.binary or os.path.join(ROOT, ".build", "release", "tmkit")
    rng = random.Random(args.seed)
    pairs, train_ids = load(args.corpus)
    queries = make_queries(pairs, train_ids, rng)
    memory_tsv = os.path.join(args.corpus, "dev_pairs.tsv")
    memory_pairs = [(p["source_en"], p["target_ko"]) for p in pairs]
    if args.scale > len(pairs):
        memory_tsv = os.path.join(args.work, f"memory_{args.scale}.tsv")
        if not os.path.exists(memory_tsv):
            grow(pairs, args.scale, random.Random(args.seed + 1), memory_tsv)
        memory_pairs = [(r["source_en"], r["target_ko"]) for r in read_tsv(memory_tsv)]
    n = len(memory_pairs)
    print(f"memory: {n} entries; queries: {len(queries)} ({len(queries)//4} held-out sentences x exact/insert/delete/replace)")

    tm = run_tmkit(binary, memory_tsv, queries, args.work, args.reuse_store)
    tt_queries = queries
    if args.tt_queries:
        by_kind = {}
        for q in queries:
            by_kind.setdefault(q[0], []).append(q)
        sample = random.Random(args.seed + 2)
        tt_queries = [q for k in by_kind for q in sample.sample(by_kind[k], min(args.tt_queries, len(by_kind[k])))]
    tt = run_tt(memory_pairs, tt_queries)
    tt_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def top1(result, qs):
        return sum(1 for (k, q, exp), top in zip(qs, result["tops"]) if top == exp) / len(qs)

    idx = {q: i for i, q in enumerate(queries)}
    tm_on_tt = dict(tops=[tm["tops"][idx[q]] for q in tt_queries], times=[tm["times"][idx[q]] for q in tt_queries])
    if tm["import_s"]:
        print(f"\ntmkit import: {n / tm['import_s']:.0f} entries/s ({tm['import_s']:.1f} s wall incl. start-up; "
              f"{tm['import_cpu']:.1f} s CPU = {n / tm['import_cpu']:.0f} entries per CPU-second, analysis runs on all cores), "
              f"peak RSS {tm['import_rss'] / 1024:.0f} MB")
    print(f"tmkit lookup: peak RSS {tm['lookup_rss'] / 1024:.0f} MB (includes pages of the memory-mapped store)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"translate-toolkit: memory built in {tt['build_s']:.1f} s, peak RSS of this Python process {tt_rss / 1024:.0f} MB")
    print(f"\n{'':26}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'top-1':>8}")
    print(f"{'tmkit (all queries)':26}{pct(tm['times'], .5):9.3f}{pct(tm['times'], .99):9.3f}"
          f"{sum(tm['times']) / len(tm['times']):9.3f}{top1(tm, queries):8.3f}")
    print(f"{'tmkit (tt query set)':26}{pct(tm_on_tt['times'], .5):9.3f}{pct(tm_on_tt['times'], .99):9.3f}"
          f"{sum(tm_on_tt['times']) / len(tm_on_tt['times']):9.3f}{top1(tm_on_tt, tt_queries):8.3f}")
    print(f"{'translate-toolkit':26}{pct(tt['times'], .5):9.3f}{pct(tt['times'], .99):9.3f}"
          f"{sum(tt['times']) / len(tt['times']):9.3f}{top1(tt, tt_queries):8.3f}")
    print(f"\nratio translate-toolkit / tmkit: p50 {pct(tt['times'], .5) / pct(tm_on_tt['times'], .5):.1f}x, "
          f"p99 {pct(tt['times'], .99) / pct(tm_on_tt['times'], .99):.1f}x")
    for kind in ("exact", "insert", "delete", "replace"):
        sel = [i for i, q in enumerate(tt_queries) if q[0] == kind]
        a = sum(tm_on_tt["tops"][i] == tt_queries[i][2] for i in sel) / max(1, len(sel))
        b = sum(tt["tops"][i] == tt_queries[i][2] for i in sel) / max(1, len(sel))
        print(f"  top-1 {kind:8} tmkit {a:.3f}  translate-toolkit {b:.3f}  ({len(sel)} queries)")


if __name__ == "__main__":
    main()
