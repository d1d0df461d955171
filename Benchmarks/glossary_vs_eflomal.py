#!/usr/bin/env python3
"""Term alignment benchmark: `tmkit glossary build` against eflomal (with Kiwi morphemes).

Both tools learn from dev_train.tsv (English -> Korean) in the same run, on the same machine;
both glossaries are scored with the precision@1 that ../shared/corpus/README.md defines
(strict, lenient, coverage, reliable subset), for all recoverable terms and for single-word and
multi-word terms separately. Wall time and CPU time of each tool are printed with their ratio.

eflomal is a peer, never a dependency: this script installs it (and kiwipiepy) with pip when
missing. The eflomal side follows the README's reference setup: English lower-cased
`\\w+|[^\\w\\s]` tokens, Korean Kiwi morphemes, `eflomal-align` with default settings,
grow-diag-final-and, and for each term the most frequent Korean span from the first to the
last target token aligned to any term token.

    python3 Benchmarks/glossary_vs_eflomal.py [--corpus ../shared/corpus] [--threads 2]
"""
import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)], s)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(hdr, map(unesc, line.rstrip("\n").split("\t"))))


def ensure(module, packages):
    try:
        __import__(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet"] + packages, check=True)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, **kw):
    """Runs cmd; returns (wall seconds, CPU seconds of the child, max RSS MB of children so far)."""
    cpu0, t0 = children_cpu(), time.monotonic()
    subprocess.run(cmd, check=True, **kw)
    wall = time.monotonic() - t0
    return wall, children_cpu() - cpu0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# ---- scoring (README) -------------------------------------------------------------------

def ns(s):
    return s.replace(" ", "")


def score(glossary, rows):
    """glossary: {term_en: [best_ko, ...]}. Returns strict, lenient, coverage, counts."""
    pred = [r for r in rows if glossary.get(r["term_en"])]
    if not rows or not pred:
        return 0, 0, 0, 0, 0, len(rows)
    strict = sum(ns(glossary[r["term_en"]][0]) == ns(r["gold_ko"]) for r in pred)

    def ok(r):
        return {ns(r["gold_ko"])} | {ns(v.rsplit(":", 1)[0]) for v in r["top_variants"].split(" | ")
                                     if int(v.rsplit(":", 1)[1]) >= 2}
    lenient = sum(ns(glossary[r["term_en"]][0]) in ok(r) for r in pred)
    return strict / len(pred), lenient / len(pred), len(pred) / len(rows), strict, len(pred), len(rows)


def report(name, glossary, rows):
    subsets = [("all", rows), ("1 word", [r for r in rows if r["n_words"] == "1"]),
               ("2-3 words", [r for r in rows if r["n_words"] != "1"]),
               ("reliable", [r for r in rows if r["reliable"] == "1"])]
    out = {}
    for label, sub in subsets:
        p, l, c, k, n, m = score(glossary, sub)
        out[label] = p
        print(f"  {name:8s} {label:10s} P@1 {p:.3f}  lenient {l:.3f}  coverage {c:.3f}  ({k} correct / {n} predicted / {m} recoverable)")
    return out


# ---- tmkit -------------------------------------------------------------------------------

def run_tmkit(binary, train, rows, work, threads):
    out = os.path.join(work, "tmkit.tbx")
    wall, cpu, rss = timed([binary, "glossary", "build", train, "--source-lang", "en", "--target-lang", "ko",
                            "--min-count", "1", "--threads", str(threads), "-o", out], stderr=subprocess.DEVNULL)
    # Look every gold term up through the product's own lookup (inflection-aware, exact only).
    terms = "\n".join(r["term_en"] for r in rows) + "\n"
    res = subprocess.run([binary, "glossary", "lookup", "-", "--glossary", out, "--no-fuzzy", "--format", "json", "--limit", "5"],
                         input=terms, capture_output=True, text=True, check=True)
    glossary = {}
    for r, line in zip(rows, res.stdout.splitlines()):
        hits = [m["target"] for m in json.loads(line) if m["direction"] == "source-target"]
        if hits:
            glossary[r["term_en"]] = hits
    return glossary, wall, cpu, rss


# ---- eflomal (reference setup) ------------------------------------------------------------

TOKEN = re.compile(r"\w+|[^\w\s]")


def gdfa(fwd, rev, m, n):
    a, b = set(fwd), set(rev)
    alignment = a & b
    union = a | b
    src = {i for i, _ in alignment}
    tgt = {j for _, j in alignment}
    neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
    changed = True
    while changed:
        changed = False
        for i, j in sorted(alignment):
            for di, dj in neighbours:
                p = (i + di, j + dj)
                if 0 <= p[0] < m and 0 <= p[1] < n and p not in alignment and p in union and (p[0] not in src or p[1] not in tgt):
                    alignment.add(p)
                    src.add(p[0])
                    tgt.add(p[1])
                    changed = True
    for s in (a, b):
        for i, j in sorted(s):
            if i not in src and j not in tgt:
                alignment.add((i, j))
                src.add(i)
                tgt.add(j)
    return alignment


def parse_links(line):
    out = []
    for x in line.split():
        i, j = x.split("-")
        out.append((int(i), int(j)))
    return out


def run_eflomal(pairs, rows, work):
    ensure("eflomal", ["eflomal"])
    ensure("kiwipiepy", ["kiwipiepy", "kiwipiepy-model"])
    from kiwipiepy import Kiwi
    t0 = time.monotonic()
    kiwi = Kiwi()
    en_tokens, ko_tokens = [], []
    for en, ko in pairs:
        en_tokens.append(TOKEN.findall(en.lower()))
        ko_tokens.append([(t.form, t.start, t.start + t.len) for t in kiwi.tokenize(ko)])
    kiwi_wall = time.monotonic() - t0
    src, tgt = os.path.join(work, "en.txt"), os.path.join(work, "ko.txt")
    with open(src, "w", encoding="utf-8") as f:
        for toks in en_tokens:
            f.write(" ".join(toks) + "\n")
    with open(tgt, "w", encoding="utf-8") as f:
        for toks in ko_tokens:
            f.write(" ".join(t[0].replace(" ", "_") for t in toks) + "\n")
    fwd, rev = os.path.join(work, "fwd"), os.path.join(work, "rev")
    wall, cpu, rss = timed(["eflomal-align", "--overwrite", "-s", src, "-t", tgt, "-f", fwd, "-r", rev],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(fwd) as f1, open(rev) as f2:
        links = [gdfa(parse_links(a), parse_links(b), len(e), len(k))
                 for a, b, e, k in zip(f1, f2, en_tokens, ko_tokens)]
    # Index the English side by token for term lookup.
    by_token = collections.defaultdict(set)
    for p, toks in enumerate(en_tokens):
        for t in toks:
            by_token[t].add(p)
    glossary = {}
    for r in rows:
        term = TOKEN.findall(r["term_en"].lower())
        if not term:
            continue
        candidates = set.intersection(*(by_token.get(t, set()) for t in term))
        spans = collections.Counter()
        for p in sorted(candidates):
            toks = en_tokens[p]
            for s in range(len(toks) - len(term) + 1):
                if toks[s:s + len(term)] != term:
                    continue
                aligned = [j for i, j in links[p] if s <= i < s + len(term)]
                if not aligned:
                    continue
                ko = ko_tokens[p]
                text = pairs[p][1]
                spans[text[ko[min(aligned)][1]:ko[max(aligned)][2]]] += 1
        if spans:
            glossary[r["term_en"]] = [s for s, _ in spans.most_common()]
    return glossary, wall, cpu, rss, kiwi_wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--tmkit", default=os.path.join(ROOT, ".build", "release", "tmkit"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-eflomal", action="store_true")
    args = ap.parse_args()
    train = os.path.join(args.corpus, "dev_train.tsv")
    gold = [r for r in read_tsv(os.path.join(args.corpus, "dev_terms_gold.tsv")) if r["recoverable"] == "1"]
    pairs = [(r["source_en"], r["target_ko"]) for r in read_tsv(train)]
    if not os.path.exists(args.tmkit):
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    print(f"corpus: {len(pairs)} training pairs, {len(gold)} recoverable gold terms; {os.cpu_count()} CPUs, tmkit --threads {args.threads}")
    with tempfile.TemporaryDirectory(prefix="tmkit-bench-") as work:
        tm_gloss, tm_wall, tm_cpu, tm_rss = run_tmkit(args.tmkit, train, gold, work, args.threads)
        print("\nprecision@1 on dev_terms_gold (recoverable terms)")
        tm = report("tmkit", tm_gloss, gold)
        if not args.skip_eflomal:
            ef_gloss, ef_wall, ef_cpu, ef_rss, kiwi_wall = run_eflomal(pairs, gold, work)
            ef = report("eflomal", ef_gloss, gold)
            print(f"\n  P@1 difference (tmkit - eflomal): all {tm['all'] - ef['all']:+.3f}, 1 word {tm['1 word'] - ef['1 word']:+.3f}, "
                  f"2-3 words {tm['2-3 words'] - ef['2-3 words']:+.3f}, reliable {tm['reliable'] - ef['reliable']:+.3f}")
        print("\nwall time (CPU time)")
        print(f"  tmkit glossary build (segmentation, EM both ways, extraction): {tm_wall:6.1f} s ({tm_cpu:.1f} s CPU)")
        if not args.skip_eflomal:
            print(f"  eflomal-align (alignment only, default settings):            {ef_wall:6.1f} s ({ef_cpu:.1f} s CPU)")
            print(f"  Kiwi morpheme analysis for eflomal (in-process):               {kiwi_wall:6.1f} s")
            print(f"  ratio eflomal-align / tmkit: {ef_wall / tm_wall:.2f}x wall, {ef_cpu / max(tm_cpu, 1e-9):.2f}x CPU; "
                  f"(eflomal + Kiwi) / tmkit: {(ef_wall + kiwi_wall) / tm_wall:.2f}x wall")


if __name__ == "__main__":
    main()
