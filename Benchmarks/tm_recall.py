#!/usr/bin/env python3
"""Recall of tmkit's indexed TM lookup at low thresholds, beside translate-toolkit's matcher, in one run.

Memory: ../shared/corpus/dev_pairs.tsv without the pairs of the 1,189 held-out sentences
(English with 5+ words, in dev_pairs but not in dev_train; never used for tuning). Queries: those
held-out English sentences, and their Korean translations (the other direction). Neither is in the
memory, so their best matches are real fuzzy matches.

For every query, tmkit's `--exhaustive` lookup (every entry scored) gives the best score; the
queries whose best is 50-74 form the band. Recall: the indexed lookup's best match has that same
score (the same best match; ties between entries of equal score count as the same). Strict: it is
the very entry --exhaustive ranked first.

translate-toolkit (`translate.search.match.matcher`, min_similarity 50, RapidFuzz) looks up the
English band queries in the same memory: how often it returns a match at all, and how often its
best is the entry tmkit's exhaustive scan ranked first. Its scores are its own (Levenshtein-based),
so it is a peer on the same task, not a second opinion on tmkit's scores.

Lookup speed (per-query times inside tmkit, one core) is printed for the band and for all queries;
with --baseline BINARY the same runs are made with another tmkit build (say, before a change).

The exhaustive scan costs about half a second a query at 90k entries, so --sample N looks up a
seeded sample of N English and N Korean queries.

Usage:
  python3 Benchmarks/tm_recall.py [--sample 300] [--baseline /path/to/old/tmkit] [--no-build] [--work DIR]
"""
import argparse, json, os, random, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)], s)


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(hdr, map(unesc, line.rstrip("\n").split("\t"))))


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def lookups(binary, db, queries, work, tag, exhaustive):
    qfile = os.path.join(work, f"q-{tag}.txt")
    tfile = os.path.join(work, f"t-{tag}.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.writelines(q + "\n" for q in queries)
    cmd = ["taskset", "-c", "0", binary, "tm", "lookup", "--tm", db, "--queries", qfile, "--timings", tfile,
           "--limit", "1", "--min-score", "50"]
    if exhaustive:
        cmd.append("--exhaustive")
    t0 = time.perf_counter()
    cpu0 = os.times()
    r = subprocess.run(cmd, capture_output=True, text=True)
    cpu1 = os.times()
    if r.returncode != 0:
        sys.exit(f"tmkit lookup failed ({binary}): {r.stderr}")
    results = [json.loads(line) for line in r.stdout.splitlines()]
    times = [int(x) / 1000 for x in open(tfile)]
    return dict(tops=[m[0] if m else None for m in results], times=times, wall=time.perf_counter() - t0,
                cpu=(cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system))


def run_tmkit(binary, memory_tsv, queries, work, tag):
    db = os.path.join(work, f"recall-{tag}.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = subprocess.run([binary, "tm", "import", "--tm", db, "--source-lang", "en", "--target-lang", "ko", memory_tsv],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"tmkit import failed: {r.stderr}")
    print(f"  [{tag}] " + r.stdout.strip().splitlines()[-1])
    ex = lookups(binary, db, queries, work, tag + "-ex", True)
    ix = lookups(binary, db, queries, work, tag + "-ix", False)
    return ex, ix


def report(tag, queries, ex, ix):
    band = [i for i, m in enumerate(ex["tops"]) if m and 50 <= m["score"] <= 74]
    same = [i for i in band if ix["tops"][i] and ix["tops"][i]["score"] == ex["tops"][i]["score"]]
    strict = [i for i in band if ix["tops"][i] and ix["tops"][i]["id"] == ex["tops"][i]["id"]]
    found_any = [i for i, m in enumerate(ex["tops"]) if m]
    all_same = [i for i in found_any if ix["tops"][i] and ix["tops"][i]["score"] == ex["tops"][i]["score"]]
    print(f"\n[{tag}] queries with a best --exhaustive match of 50-74: {len(band)} of {len(queries)}")
    print(f"  indexed lookup returns that best match: {len(same) / max(1, len(band)):.4f} ({len(same)}/{len(band)}); "
          f"the very same entry: {len(strict) / max(1, len(band)):.4f}")
    print(f"  all queries with a match >= 50: same best score {len(all_same) / max(1, len(found_any)):.4f} "
          f"({len(all_same)}/{len(found_any)})")
    bt = [ix["times"][i] for i in band]
    print(f"  indexed lookup ms: all p50 {pct(ix['times'], .5):.3f} p99 {pct(ix['times'], .99):.3f}; "
          f"band p50 {pct(bt, .5):.3f} p99 {pct(bt, .99):.3f}; "
          f"process wall {ix['wall']:.1f} s, CPU {ix['cpu']:.1f} s")
    print(f"  exhaustive ms: p50 {pct(ex['times'], .5):.1f} p99 {pct(ex['times'], .99):.1f}")
    misses = [i for i in band if i not in set(same)][:5]
    for i in misses:
        print(f"    miss: {queries[i]!r} exhaustive {ex['tops'][i]['score']} {ex['tops'][i]['source']!r}; "
              f"indexed {ix['tops'][i]['score'] if ix['tops'][i] else None}")
    return band


def run_tt(memory_pairs, queries, ex, band_en):
    from translate.search.match import matcher
    from translate.storage import base
    base.TranslationUnit.__lt__ = lambda self, other: False
    store = base.TranslationStore()
    for s, t in memory_pairs:
        u = base.TranslationUnit(s)
        u.target = t
        store.addunit(u)
    m = matcher(store, max_candidates=1, min_similarity=50, max_length=100000)
    times, any_match, same = [], 0, 0
    for i in band_en:
        t = time.perf_counter()
        res = m.matches(queries[i])
        times.append((time.perf_counter() - t) * 1000)
        if res:
            any_match += 1
            if res[0].source == ex["tops"][i]["source"]:
                same += 1
    n = max(1, len(band_en))
    print(f"\n[translate-toolkit] English band queries: {len(band_en)}; returns a match >= 50: {any_match / n:.4f}; "
          f"its best is tmkit's exhaustive best: {same / n:.4f}; ms p50 {pct(times, .5):.1f} p99 {pct(times, .99):.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--work", default="/tmp/tmkit-recall")
    ap.add_argument("--baseline", help="another tmkit binary to measure beside this one")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-tt", action="store_true")
    ap.add_argument("--sample", type=int, default=0,
                    help="look up only this many English and this many Korean queries (seeded sample; 0 = all)")
    ap.add_argument("--binary", help="the tmkit binary to measure (default: this package's release build)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    binary = args.binary or os.path.join(ROOT, ".build", "release", "tmkit")
    pairs = list(read_tsv(os.path.join(args.corpus, "dev_pairs.tsv")))
    train_ids = {r["pair_id"] for r in read_tsv(os.path.join(args.corpus, "dev_train.tsv"))}
    held = [p for p in pairs if len(p["source_en"].split()) >= 5 and p["id"] not in train_ids and "\n" not in p["source_en"]]
    held_en = list(dict.fromkeys(p["source_en"] for p in held))
    held_set = set(held_en)
    held_ko = list(dict.fromkeys(p["target_ko"] for p in held if "\n" not in p["target_ko"]))
    if args.sample:
        rng = random.Random(7)
        held_en = rng.sample(held_en, min(args.sample, len(held_en)))
        held_ko = rng.sample(held_ko, min(args.sample, len(held_ko)))
    memory = [p for p in pairs if p["source_en"] not in held_set]
    memory_tsv = os.path.join(args.work, "memory.tsv")
    with open(memory_tsv, "w", encoding="utf-8") as f:
        f.write("source\ttarget\n")
        for p in memory:
            f.write(f"{esc(p['source_en'])}\t{esc(p['target_ko'])}\n")
    queries = held_en + held_ko
    print(f"memory: {len(memory)} entries (dev_pairs without the held-out sentences); "
          f"queries: {len(held_en)} English + {len(held_ko)} Korean held-out sentences")
    runs = [("tmkit", binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    results = {}
    for tag, b in runs:
        ex, ix = run_tmkit(b, memory_tsv, queries, args.work, tag)
        results[tag] = (ex, ix, report(tag, queries, ex, ix))
    if not args.no_tt:
        ex, _, band = results["tmkit"]
        run_tt([(p["source_en"], p["target_ko"]) for p in memory], queries, ex, [i for i in band if i < len(held_en)])
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
