#!/usr/bin/env python3
"""Recall of tmkit's indexed TM lookup at low thresholds, before and after the wide index pass,
beside translate-toolkit's matcher, in one run.

Held-back queries (never in the memory, never used for tuning):
  - sentences: the 1,189 English sentences the corpus reserves as lookup queries (5+ words, in
    dev_pairs but not in dev_train), and their Korean translations (the other direction);
  - short: a fixed md5 split (1 in 40) of the 1-4 word UI strings, English and Korean.
Memory: ../shared/corpus/dev_pairs.tsv without every pair whose English is a held-back query.

For every query, tmkit's `--exhaustive` lookup (every entry scored) gives the best score; the
queries whose best is 50-74 form the band. Recall: the indexed lookup's best match has that same
score, i.e. it is one of the best matches (entries of equal score are equally good); "the very
same entry" also counts ties broken differently as misses.

Before and after: `after` is the lookup as shipped; `before` is the same binary with the hidden
`--narrow-index` (only the narrow index pass, as tmkit looked up before the wide pass below 75
was added; same scorer, so the same exhaustive band), or with the hidden options --before-args
gives (`--wide-candidates 320 --wide-floor 0.3 --wide-by-overlap 0`: the wide pass as it was before it was widened).
With --baseline BINARY, `before` is that binary instead (its own store and its own exhaustive scan).

Lookup speed: per-query times measured inside tmkit (analysis, index, scoring, JSON), one core
(taskset), at --min-score 75 and at --min-score 50, before and after, over all queries and over
the band; process CPU time beside it.

translate-toolkit (`translate.search.match.matcher`, min_similarity 50, RapidFuzz) looks up the
same band queries in the same memory (English queries in an en->ko store, Korean ones in a
ko->en store): how often it returns a match at all, and how often its best is the entry tmkit's
exhaustive scan ranked first. Its scores are its own (Levenshtein), so it is a peer on the same
task, not a second opinion on tmkit's scores.

The exhaustive scan costs a few hundred ms a query at 90k entries; it runs in --jobs processes
(under nice). --sample N looks up a seeded sample of N queries of each group and language.

Usage:
  python3 Benchmarks/tm_recall.py [--sample 0] [--jobs 2] [--baseline /path/to/old/tmkit] [--no-build]
"""
import argparse, json, os, random, shlex, subprocess, sys, time

from tm_corpus import (DEFAULT_CORPUS, ROOT, held_back_short, held_out_sentences, load, pct, tt_matcher, tuning_queries,
                       write_memory)


def run_lookups(binary, db, queries, work, tag, min_score, extra=(), jobs=1, pin=True):
    """Looks up every query (--limit 1); returns tops, per-query ms, wall and CPU seconds."""
    chunks = [queries[i::jobs] for i in range(jobs)] if jobs > 1 else [queries]
    procs = []
    t0 = time.perf_counter()
    cpu0 = os.times()
    for k, chunk in enumerate(chunks):
        qfile, tfile = os.path.join(work, f"q-{tag}-{k}.txt"), os.path.join(work, f"t-{tag}-{k}.txt")
        with open(qfile, "w", encoding="utf-8") as f:
            f.writelines(q + "\n" for q in chunk)
        cmd = (["taskset", "-c", "0"] if pin else ["nice", "-n", "10"]) + [
            binary, "tm", "lookup", "--tm", db, "--queries", qfile, "--timings", tfile, "--limit", "1",
            "--min-score", str(min_score)] + list(extra)
        # Output to files, not pipes: a process whose pipe filled up would wait for the others.
        ofile = open(os.path.join(work, f"o-{tag}-{k}.jsonl"), "w+", encoding="utf-8")
        procs.append((subprocess.Popen(cmd, stdout=ofile, stderr=subprocess.PIPE, text=True), tfile, ofile))
    outs = []
    for p, tfile, ofile in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            sys.exit(f"tmkit lookup failed ({binary} {tag}): {err}")
        ofile.seek(0)
        outs.append(([json.loads(line) for line in ofile], [int(x) / 1000 for x in open(tfile)]))
        ofile.close()
    cpu1 = os.times()
    tops, times = [None] * len(queries), [0.0] * len(queries)
    for k, (results, ts) in enumerate(outs):
        for j, (r, t) in enumerate(zip(results, ts)):
            i = j * jobs + k if jobs > 1 else j
            tops[i], times[i] = (r[0] if r else None), t
    return dict(tops=tops, times=times, wall=time.perf_counter() - t0,
                cpu=(cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system))


def import_memory(binary, memory_tsv, work, tag):
    db = os.path.join(work, f"recall-{tag}.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = subprocess.run([binary, "tm", "import", "--tm", db, "--source-lang", "en", "--target-lang", "ko", memory_tsv],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"tmkit import failed: {r.stderr}")
    print(f"  [{tag}] " + r.stdout.strip().splitlines()[-1])
    return db


def recall(band, ex, ix):
    same = [i for i in band if ix["tops"][i] and ix["tops"][i]["score"] == ex["tops"][i]["score"]]
    strict = [i for i in band if ix["tops"][i] and ix["tops"][i]["id"] == ex["tops"][i]["id"]]
    return same, strict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--work", default="/tmp/tmkit-recall")
    ap.add_argument("--baseline", help="another tmkit binary as `before` (default: this one with --narrow-index)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-tt", action="store_true")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the exhaustive scans (under nice)")
    ap.add_argument("--sample", type=int, default=0,
                    help="look up only this many queries of each group and language (seeded sample; 0 = all)")
    ap.add_argument("--split", choices=("held-back", "tune"), default="held-back",
                    help="tune: other queries (dev_train sentences and another md5 split of the short strings, all "
                    "left out of the memory too), for studying misses without touching the held-back set")
    ap.add_argument("--exhaustive-cache", help="keep the exhaustive scan in this JSON file and reuse it on the next run "
                    "(only while the scorer is unchanged: for trying index changes)")
    ap.add_argument("--misses", help="write every band miss (query, exhaustive best, indexed best) to this TSV")
    ap.add_argument("--binary", help="the tmkit binary to measure (default: this package's release build)")
    ap.add_argument("--before-args", default="--narrow-index",
                    help="lookup options that make this binary's `before` (default: --narrow-index, the narrow pass only; "
                    "the wide pass before it was widened: --before-args='--wide-candidates 320 --wide-floor 0.3 --wide-by-overlap 0')")
    ap.add_argument("--after-args", default="", help="lookup options for `after` (default: none, the lookup as shipped)")
    ap.add_argument("--exhaustive-binary", help="a build with the same scorer that imports and runs the exhaustive scans "
                    "(so they can start while --binary is still being built; the run waits for it)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    binary = args.binary or os.path.join(ROOT, ".build", "release", "tmkit")

    pairs, train_ids = load(args.corpus)
    rng = random.Random(7)
    groups = {}
    if args.split == "tune":
        splits = dict(zip(("sentences", "short"), tuning_queries(pairs, train_ids)))
    else:
        splits = {"sentences": held_out_sentences(pairs, train_ids), "short": held_back_short(pairs)}
    for gname, held in splits.items():
        en = list(dict.fromkeys(p["source_en"] for p in held))
        ko = list(dict.fromkeys(p["target_ko"] for p in held if "\n" not in p["target_ko"]))
        if args.sample:
            en, ko = rng.sample(en, min(args.sample, len(en))), rng.sample(ko, min(args.sample, len(ko)))
        groups[gname + "-en"], groups[gname + "-ko"] = en, ko
    held_en = set(groups["sentences-en"]) | set(groups["short-en"])
    held_en |= {p["source_en"] for ps in splits.values() for p in ps}
    memory = [(p["source_en"], p["target_ko"]) for p in pairs if p["source_en"] not in held_en]
    memory_tsv = os.path.join(args.work, "memory.tsv")
    write_memory(memory_tsv, memory)
    queries, group_of = [], []
    for g, qs in groups.items():
        queries += qs
        group_of += [g] * len(qs)
    print(f"memory: {len(memory)} entries (dev_pairs without the held-back English); queries: "
          + ", ".join(f"{len(qs)} {g}" for g, qs in groups.items()) + f" = {len(queries)}")

    scan = args.exhaustive_binary or binary
    db = import_memory(scan, memory_tsv, args.work, "after")
    t = time.perf_counter()
    cached = None
    if args.exhaustive_cache and os.path.exists(args.exhaustive_cache):
        with open(args.exhaustive_cache, encoding="utf-8") as f:
            cached = json.load(f)
        if cached.get("queries") != queries or cached.get("memory") != len(memory):
            sys.exit(f"{args.exhaustive_cache} holds another run's scan (other queries or memory); remove it")
    if cached:
        ex = cached["scan"]
        print(f"  exhaustive scan: from {args.exhaustive_cache}")
    else:
        ex = run_lookups(scan, db, queries, args.work, "exhaustive", 50, ["--exhaustive"], jobs=args.jobs, pin=False)
        print(f"  exhaustive scan: {time.perf_counter() - t:.0f} s wall in {args.jobs} processes, "
              f"ms per query p50 {pct(ex['times'], .5):.0f}")
        if args.exhaustive_cache:
            with open(args.exhaustive_cache, "w", encoding="utf-8") as f:
                json.dump({"queries": queries, "memory": len(memory), "scan": ex}, f, ensure_ascii=False)
    for _ in range(3600):
        if os.access(binary, os.X_OK):
            break
        time.sleep(1)
    runs = {"after": (binary, db, tuple(shlex.split(args.after_args)), ex)}
    if args.baseline:
        bdb = import_memory(args.baseline, memory_tsv, args.work, "before")
        bex = run_lookups(args.baseline, bdb, queries, args.work, "exhaustive-before", 50, ["--exhaustive"], jobs=args.jobs, pin=False)
        runs["before"] = (args.baseline, bdb, (), bex)
    else:
        runs["before"] = (binary, db, tuple(shlex.split(args.before_args)), ex)

    results = {}
    for tag in ("before", "after"):
        b, d, extra, _ = runs[tag]
        for ms in (75, 50):
            results[tag, ms] = run_lookups(b, d, queries, args.work, f"{tag}-{ms}", ms, extra)

    print("\nRecall: queries whose best --exhaustive match scores 50-74; the indexed lookup at --min-score 50 "
          "returns one of the best (same score) / the very same entry")
    print(f"{'':18}{'band':>6}" + "".join(f"{t + ' recall':>16}{t + ' same id':>16}" for t in ("before", "after")))
    band_all = {}
    for g in list(groups) + ["all"]:
        line = ""
        for tag in ("before", "after"):
            exr = runs[tag][3]
            band = [i for i, m in enumerate(exr["tops"]) if m and 50 <= m["score"] <= 74 and (g == "all" or group_of[i] == g)]
            same, strict = recall(band, exr, results[tag, 50])
            n = max(1, len(band))
            line += f"{len(same) / n:>10.4f} {len(same):>5}{len(strict) / n:>16.4f}"
            if tag == "after":
                band_all[g] = band
        print(f"{g:18}{len(band_all[g]):>6}{line}")
    band = band_all["all"]
    same, _ = recall(band, ex, results["after", 50])
    misses = [i for i in band if i not in set(same)]
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            f.write("group\tquery\texhaustive_score\texhaustive_source\tindexed_score\tindexed_source\n")
            for i in misses:
                got = results["after", 50]["tops"][i]
                f.write("\t".join([group_of[i], queries[i], str(ex["tops"][i]["score"]), ex["tops"][i]["source"],
                                   str(got["score"]) if got else "", got["source"] if got else ""]) + "\n")
    for i in misses[:8]:
        got = results["after", 50]["tops"][i]
        print(f"    miss: {queries[i]!r}: exhaustive {ex['tops'][i]['score']} {ex['tops'][i]['source']!r}; "
              f"indexed {got['score'] if got else None} {got['source'] if got else ''!r}")

    print("\nLookup speed, ms per query inside tmkit (one core), and the process's CPU seconds")
    print(f"{'':22}{'all p50':>9}{'all p99':>9}{'all mean':>9}{'band p50':>9}{'band p99':>9}{'CPU s':>8}")
    for ms in (75, 50):
        for tag in ("before", "after"):
            r = results[tag, ms]
            bt = [r["times"][i] for i in band]
            print(f"{tag + ' min-score ' + str(ms):22}{pct(r['times'], .5):9.3f}{pct(r['times'], .99):9.3f}"
                  f"{sum(r['times']) / len(r['times']):9.3f}{pct(bt, .5):9.3f}{pct(bt, .99):9.3f}{r['cpu']:8.1f}")
    for ms in (75, 50):
        a, b = results["after", ms], results["before", ms]
        print(f"  cost at min-score {ms}: mean x{(sum(a['times']) / max(1e-9, sum(b['times']))):.2f}, "
              f"p50 x{pct(a['times'], .5) / max(1e-9, pct(b['times'], .5)):.2f}")

    if not args.no_tt:
        stores = {"en": tt_matcher(memory, 50, 1), "ko": tt_matcher([(t, s) for s, t in memory], 50, 1)}
        times, any_match, same_best = [], 0, 0
        for i in band:
            m = stores[group_of[i][-2:]]
            t = time.perf_counter()
            res = m.matches(queries[i])
            times.append((time.perf_counter() - t) * 1000)
            if res:
                any_match += 1
                same_best += res[0].source == ex["tops"][i]["source"]
        n = max(1, len(band))
        bt = [results["after", 50]["times"][i] for i in band]
        print(f"\n[translate-toolkit] the same {len(band)} band queries: returns a match >= 50: {any_match / n:.4f}; "
              f"its best is tmkit's exhaustive best: {same_best / n:.4f} (tmkit indexed: {len(same) / n:.4f}); "
              f"ms p50 {pct(times, .5):.1f} p99 {pct(times, .99):.1f} (tmkit p50 {pct(bt, .5):.2f}, "
              f"ratio x{pct(times, .5) / max(1e-9, pct(bt, .5)):.0f})")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
