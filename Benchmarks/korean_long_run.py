#!/usr/bin/env python3
"""Time of `tmkit segment --tokens` on one Hangul run without a space, beside Kiwi.

A pasted table or a broken export can hold tens of thousands of Hangul syllables with no space.
tmkit's compound splitting must stay linear there (issue 11: 100,000 syllables in under 1 s).
The runs are glued from the Korean words of the corpus (`target_ko` of dev_pairs.tsv, Hangul
only, two syllables or more, in corpus order), cut to 10k, 25k, 50k and 100k syllables, one run per file, and segmented
by the release binary pinned to CPU 0 (`taskset -c 0`); wall and CPU time (user+sys) and the
token count are printed. Each size runs twice: as is (most runs hold a word tmkit cannot place,
so the run stays whole) and with every glued word given as `--lexicon` ("known"), where the
compound search covers the whole run and splits it into its words. Kiwi (kiwipiepy, `Kiwi(num_workers=0).tokenize` on the same string,
pinned to the same core) runs beside it when installed; the ratio is tmkit / Kiwi wall time.

Usage: python3 Benchmarks/korean_long_run.py [--corpus DIR] [--sizes 10000,25000,50000,100000]
       [--tmkit PATH]
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared/corpus beside the repository (a worktree one level deeper: ../../shared/corpus).
CORPUS = next((c for c in (os.path.join(ROOT, "..", "shared", "corpus"), os.path.join(ROOT, "..", "..", "shared", "corpus"))
               if os.path.isdir(c)), os.path.join(ROOT, "..", "shared", "corpus"))


def hangul_words(corpus):
    words = []
    with open(os.path.join(corpus, "dev_pairs.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 2:
                # Compound parts have two syllables or more.
                words += [w for w in re.findall(r"[\uac00-\ud7a3]+", fields[2]) if len(w) >= 2]
    return words


def glued(words, count):
    out, n = [], 0
    for w in words:
        out.append(w)
        n += len(w)
        if n >= count:
            break
    return "".join(out)[:count]


def run_tmkit(binary, path, lexicon=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    extra = ["--lexicon", lexicon] if lexicon else []
    p = subprocess.run(["taskset", "-c", "0", binary, "segment", "--tokens", path] + extra, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"tmkit failed: {p.stderr.strip()}")
    tokens = sum(1 for line in p.stdout.split("\n") if line.startswith("\t"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, tokens


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--sizes", default="10000,25000,50000,100000")
    ap.add_argument("--tmkit", default=os.path.join(ROOT, ".build", "release", "tmkit"))
    args = ap.parse_args()
    words = hangul_words(args.corpus)
    try:
        from kiwipiepy import Kiwi
        os.sched_setaffinity(0, {0})
        kiwi = Kiwi(num_workers=0)
    except Exception as e:  # the peer is optional
        print(f"(Kiwi not available: {e})")
        kiwi = None
    print(f"tmkit: {args.tmkit}")
    print(f"{'syllables':>10} {'words':>6} {'tmkit wall s':>12} {'tmkit cpu s':>11} {'tokens':>7} {'kiwi s':>8} {'kiwi tokens':>11} {'tmkit/kiwi':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            run = glued(words, size)
            path = os.path.join(tmp, f"run{size}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(run + "\n")
            lexicon = os.path.join(tmp, f"words{size}.txt")
            with open(lexicon, "w", encoding="utf-8") as f:
                f.write("\n".join(sorted(set(w for w in words[:size] if len(w) >= 2))) + "\n")
            kw, kt, k = "", "", None
            if kiwi is not None:
                start = time.perf_counter()
                kt = len(kiwi.tokenize(run))
                k = time.perf_counter() - start
                kw = f"{k:.3f}"
            for label, lex in (("as is", None), ("known", lexicon)):
                wall, cpu, tokens = run_tmkit(args.tmkit, path, lex)
                ratio = f"{wall / k:.2f}" if k else ""
                print(f"{len(run):>10} {label:>6} {wall:>12.3f} {cpu:>11.3f} {tokens:>7} {kw:>8} {kt:>11} {ratio:>10}", flush=True)
    print("target (issue 11): 100,000 syllables in under 1 s")


if __name__ == "__main__":
    main()
