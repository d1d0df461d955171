#!/usr/bin/env python3
"""Speed of `tmkit segment` on one core, release build, with Kiwi (kiwipiepy) as the peer.

Test texts, written to a temporary directory:
  mixed.txt   ~20 MB: the source_en and target_ko fields of dev_pairs.tsv interleaved (English
              line, Korean line, ...; fields unescaped per the corpus README, so a field with
              line breaks spans several lines), the corpus repeated until the size is reached.
  ko.txt      the Korean lines of mixed.txt, in the same order (for the ratio against Kiwi).
  oneline.txt ~10 MB on a single line: the same fields joined by spaces, no line break at all.

Each timing is `taskset -c 0 tmkit segment OPTIONS FILE > /dev/null` (one core), best wall time
of --repeat runs; CPU time (user+sys) and peak memory of the tmkit process are shown too, since
on a shared machine wall time also counts waiting for the core. Kiwi, if installed, runs in this
process pinned to the same core: Kiwi(num_workers=0).tokenize on every line of ko.txt.
Target (issue): at least 2 MB/s of mixed text through `tmkit segment --tokens`.

Usage: python3 Benchmarks/segment_speed.py [--corpus DIR] [--mb 20] [--oneline-mb 10]
       [--repeat 1] [--kiwi-mb N] [--tmkit PATH]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from corpus_tsv import build_info, read_tsv, unesc

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MBS = 2.0


def build_texts(corpus, work, mb, oneline_mb):
    pairs = [(r["source_en"], r["target_ko"]) for r in read_tsv(os.path.join(corpus, "dev_pairs.tsv"))]
    mixed, ko = os.path.join(work, "mixed.txt"), os.path.join(work, "ko.txt")
    limit = int(mb * 1e6)
    size = 0
    with open(mixed, "wb") as fm, open(ko, "wb") as fk:
        while size < limit:
            for en, k in pairs:
                e, kb = (en + "\n").encode(), (k + "\n").encode()
                fm.write(e + kb)
                fk.write(kb)
                size += len(e) + len(kb)
                if size >= limit:
                    break
    one = os.path.join(work, "oneline.txt")
    limit = int(oneline_mb * 1e6)
    size = 0
    with open(one, "wb") as f:
        while size < limit:
            for en, k in pairs:
                b = (" ".join((en + " " + k).split()) + " ").encode()
                f.write(b)
                size += len(b)
                if size >= limit:
                    break
    return mixed, ko, one


def run_tmkit(tmkit, options, path, env, repeat):
    """Best wall time of `repeat` runs, with that run's CPU time (user+sys, s) and peak RSS (MB)."""
    cmd = ([shutil.which("taskset"), "-c", "0"] if shutil.which("taskset") else []) + \
          [tmkit, "segment"] + options + [path]
    best = None
    for _ in range(repeat):
        with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=null, stderr=err, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}: {err.read().decode('utf-8', 'replace').strip()}")
        run = (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        if best is None or wall < best[0]:
            best = run
    return best


def kiwi_time(path):
    try:
        warnings.simplefilter("ignore")
        from kiwipiepy import Kiwi
        import kiwipiepy
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    nbytes = sum(len(l.encode()) + 1 for l in lines)
    kiwi = Kiwi(num_workers=0)
    kiwi.tokenize("준비 운동을 했다.")
    t0 = time.perf_counter()
    c0 = time.process_time()
    for l in lines:
        kiwi.tokenize(l)
    return time.perf_counter() - t0, time.process_time() - c0, nbytes, len(lines), kiwipiepy.__version__


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(REPO, "..", "shared", "corpus")))
    ap.add_argument("--tmkit", default=os.path.join(REPO, ".build", "release", "tmkit"))
    ap.add_argument("--mb", type=float, default=20, help="size of the mixed text (default 20 MB)")
    ap.add_argument("--oneline-mb", type=float, default=10, help="size of the one-line text (default 10)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tmkit timing, best kept (default 1)")
    ap.add_argument("--kiwi-mb", type=float, default=0,
                    help="time Kiwi on only the first N MB of ko.txt, and tmkit on the same (default: all)")
    ap.add_argument("--no-kiwi", action="store_true")
    args = ap.parse_args()
    if not os.access(args.tmkit, os.X_OK):
        sys.exit(f"no tmkit at {args.tmkit}: run `swift build -c release` first")
    try:
        os.sched_setaffinity(0, {0})  # Kiwi on the same single core as tmkit
    except (AttributeError, OSError):
        pass

    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, TMKIT_HOME=os.path.join(work, "home"))
        mixed, ko, one = build_texts(args.corpus, work, args.mb, args.oneline_mb)
        if args.kiwi_mb:
            with open(ko, "rb") as f:
                data = f.read()
            cut = data.rfind(b"\n", 0, int(args.kiwi_mb * 1e6)) + 1
            with open(ko, "wb") as f:
                f.write(data[:cut])
        sizes = {p: os.path.getsize(p) for p in (mixed, ko, one)}
        load = os.getloadavg()
        print(f"segment_speed: tmkit {args.tmkit}, one core (taskset -c 0), best of {args.repeat}; "
              f"load average {load[0]:.2f} on {os.cpu_count()} cores")
        print(f"{build_info(args.tmkit, REPO)}")
        print(f"texts from {os.path.join(args.corpus, 'dev_pairs.tsv')}: mixed {sizes[mixed] / 1e6:.1f} MB "
              f"(English/Korean lines interleaved), Korean part {sizes[ko] / 1e6:.1f} MB, "
              f"one line {sizes[one] / 1e6:.1f} MB")
        print()
        print(f"{'run':<48} {'wall s':>7} {'MB/s':>6} {'cpu s':>7} {'MB/s cpu':>8} {'RSS MB':>7}")
        rows = [("mixed", ["--tokens"], mixed), ("mixed", ["--format", "json"], mixed),
                ("mixed", [], mixed), ("Korean part", ["--tokens"], ko),
                ("one line, no line break", ["--tokens"], one)]
        results = {}
        for name, options, path in rows:
            wall, cpu, rss = run_tmkit(args.tmkit, options, path, env, args.repeat)
            mb = sizes[path] / 1e6
            label = f"tmkit segment {' '.join(options) or '(sentences)'}: {name}"
            results[(name, tuple(options))] = (mb / wall, mb / max(cpu, 1e-9))
            print(f"{label:<48} {wall:7.2f} {mb / wall:6.2f} {cpu:7.2f} {mb / max(cpu, 1e-9):8.2f} {rss:7.0f}")
        k = None if args.no_kiwi else kiwi_time(ko)
        if k:
            wall, cpu, nbytes, nlines, version = k
            mb = nbytes / 1e6
            label = f"kiwipiepy {version} tokenize: Korean part"
            print(f"{label:<48} {wall:7.2f} {mb / wall:6.2f} {cpu:7.2f} {mb / max(cpu, 1e-9):8.2f} {'':>7}")
        print()
        speed, speed_cpu = results[("mixed", ("--tokens",))]
        print(f"target: >= {TARGET_MBS:.1f} MB/s of mixed text through `tmkit segment --tokens`: "
              f"{speed:.2f} MB/s wall  {'PASS' if speed >= TARGET_MBS else 'FAIL'}   "
              f"(by CPU time {speed_cpu:.2f} MB/s; wall > CPU time means the core was shared)")
        if k:
            tw, tc = results[("Korean part", ("--tokens",))]
            kw, kc = k[2] / 1e6 / k[0], k[2] / 1e6 / max(k[1], 1e-9)
            print(f"ratio on the Korean part: tmkit --tokens {tw:.2f} MB/s vs Kiwi {kw:.2f} MB/s wall = "
                  f"{tw / kw:.1f}x   (by CPU time {tc:.2f} vs {kc:.2f} MB/s = {tc / kc:.1f}x)")
        elif not args.no_kiwi:
            print("Kiwi: kiwipiepy not installed (pip install kiwipiepy kiwipiepy-model), no ratio line")


if __name__ == "__main__":
    main()
