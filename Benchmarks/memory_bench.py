#!/usr/bin/env python3
"""Peak memory of tmkit's bulk commands on large inputs (issue 11), one run each.

Inputs are generated into a temporary folder (never committed) from the corpus, repeated with
variation until they reach --mb megabytes: every repetition k > 0 appends " (k)" to both sides,
so a TM import stores every pair and the aligner sees new sentences.

  pairs.tsv     source_en<TAB>target_ko from dev_pairs.tsv   -> `tm import`, `glossary build`
  terms.tsv     OmegaT glossary (term, translation) from dev_terms_gold.tsv -> `glossary import`
  text.txt      the English and Korean fields, one per line   -> `segment --tokens`
  oneline.txt   --mb / 10 of the same text on a single line  -> `segment` (a huge line)
  doc.txt       --doc-mb of English sentences                 -> `pretranslate` against a TM of
                                                                 the corpus (dev_pairs.tsv)

Each command runs under `/usr/bin/time -v` (release binary, TMKIT_HOME in the temporary
folder); the peak RSS ("Maximum resident set size"), wall and CPU time are printed with the
target: under 500 MB for tm import, glossary import, glossary build and segment; under 3x the
document for pretranslate. A command that runs past --timeout seconds is stopped, and its
peak so far is printed; so is one whose memory passes --cap-mb (default 4096), so a command
that holds its whole input cannot take the machine's memory. The figures are tmkit's alone: the issue sets absolute targets and
names no peer for memory.

Usage: python3 Benchmarks/memory_bench.py [--mb 1024] [--doc-mb 20] [--only tm-import,segment]
       [--corpus DIR] [--tmkit PATH] [--timeout 3600] [--cap-mb 4096] [--keep DIR]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared/corpus beside the repository (a worktree one level deeper: ../../shared/corpus).
CORPUS = next((c for c in (os.path.join(ROOT, "..", "shared", "corpus"), os.path.join(ROOT, "..", "..", "shared", "corpus"))
               if os.path.isdir(c)), os.path.join(ROOT, "..", "shared", "corpus"))
MB = 1 << 20


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"t": " ", "n": " ", "r": " ", "\\": "\\"}.get(m.group(1), m.group(1)), s)


def corpus_pairs(corpus):
    pairs = []
    with open(os.path.join(corpus, "dev_pairs.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 2 and fields[1] and fields[2]:
                pairs.append((fields[1], fields[2]))
    return pairs


def corpus_terms(corpus):
    terms = []
    with open(os.path.join(corpus, "dev_terms_gold.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 1:
                terms.append((fields[0], fields[1]))
    return terms


def repeated(path, size, rows, header=""):
    """Writes rows() lines, repetition k > 0 varied by " (k)", until `size` bytes."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        written, k = len(header.encode()), 0
        while written < size:
            for line in rows(k):
                b = line + "\n"
                f.write(b)
                written += len(b.encode())
                if written >= size:
                    break
            k += 1


def generate(tmp, mb, doc_mb, corpus, only):
    pairs = corpus_pairs(corpus)
    size = int(mb * MB)
    tag = lambda k: "" if k == 0 else f" ({k})"
    files = {}
    if only & {"tm-import", "glossary-build"}:
        files["pairs"] = os.path.join(tmp, "pairs.tsv")
        repeated(files["pairs"], size, lambda k: (f"{s}{tag(k)}\t{t}{tag(k)}" for s, t in pairs), "source_en\ttarget_ko\n")
    if "glossary-import" in only:
        terms = corpus_terms(corpus)
        files["terms"] = os.path.join(tmp, "terms.tsv")
        repeated(files["terms"], size, lambda k: (f"{s}{tag(k)}\t{t}{tag(k)}\t" for s, t in terms))
    if "segment" in only:
        files["text"] = os.path.join(tmp, "text.txt")
        repeated(files["text"], size, lambda k: (f"{unesc(x)}{tag(k)}" for p in pairs for x in p))
    if "segment-oneline" in only:
        files["oneline"] = os.path.join(tmp, "oneline.txt")
        with open(files["oneline"], "w", encoding="utf-8") as f:
            written, k = 0, 0
            while written < size // 10:
                for s, t in pairs:
                    b = f"{unesc(s)}{tag(k)} {unesc(t)}{tag(k)} "
                    f.write(b)
                    written += len(b.encode())
                    if written >= size // 10:
                        break
                k += 1
    if "pretranslate" in only:
        files["doc"] = os.path.join(tmp, "doc.txt")
        repeated(files["doc"], int(doc_mb * MB), lambda k: (f"{unesc(s)}{tag(k)}" for s, _ in pairs))
        files["corpus_pairs"] = os.path.join(tmp, "corpus_pairs.tsv")
        with open(files["corpus_pairs"], "w", encoding="utf-8") as f:
            f.write("source_en\ttarget_ko\n")
            for s, t in pairs:
                f.write(f"{s}\t{t}\n")
    return files


def tree_rss_mb(pid):
    """Resident memory of `pid` and its descendants, in MB (from /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total / 1024


def timed(cmd, env, timeout, cap_mb, log):
    """Runs cmd under /usr/bin/time -v; returns (peak MB, wall s, cpu s, status). A run past
    `timeout` s, or whose memory passes `cap_mb` (so one command cannot take the machine's
    memory), is stopped."""
    full = ["/usr/bin/time", "-v", "timeout", "-s", "KILL", str(timeout)] + cmd
    start = time.perf_counter()
    capped = False
    with open(log, "w") as err:
        p = subprocess.Popen(full, env=env, stdout=subprocess.DEVNULL, stderr=err)
        polled = 0
        while p.poll() is None:
            time.sleep(0.5)
            polled = max(polled, tree_rss_mb(p.pid))
            if polled > cap_mb and not capped:
                capped = True
                # Stop tmkit itself; `timeout` reaps it, so /usr/bin/time still sees its peak.
                try:
                    for child in open(f"/proc/{p.pid}/task/{p.pid}/children").read().split():
                        subprocess.run(["pkill", "-KILL", "-P", child])
                except FileNotFoundError:
                    pass
        p.wait()
    wall = time.perf_counter() - start
    text = open(log, encoding="utf-8", errors="replace").read()
    rss = max(polled, int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    if capped:
        status = f"stopped at the {cap_mb} MB cap"
    elif p.returncode == 0:
        status = "ok"
    else:
        status = "timeout" if p.returncode in (137, -9) else f"exit {p.returncode}"
        lines = [l for l in text.splitlines() if l.startswith("tmkit:")]
        if lines:
            status += ": " + lines[-1][:100]
    return rss, wall, user + system, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1024)
    ap.add_argument("--doc-mb", type=float, default=20)
    ap.add_argument("--only", default="tm-import,glossary-import,glossary-build,segment,segment-oneline,pretranslate")
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--tmkit", default=os.path.join(ROOT, ".build", "release", "tmkit"))
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--cap-mb", type=int, default=4096, help="stop a command whose memory passes this")
    ap.add_argument("--keep", help="generate into (and keep) this folder instead of a temporary one")
    args = ap.parse_args()
    only = set(args.only.split(","))
    tmp = args.keep or tempfile.mkdtemp(prefix="tmkit-memory-", dir="/tmp")
    os.makedirs(tmp, exist_ok=True)
    env = dict(os.environ, TMKIT_HOME=os.path.join(tmp, "home"))
    try:
        print(f"tmkit: {args.tmkit} (built {time.ctime(os.path.getmtime(args.tmkit))}); inputs in {tmp}")
        start = time.perf_counter()
        files = generate(tmp, args.mb, args.doc_mb, args.corpus, only)
        print(f"generated in {time.perf_counter() - start:.0f} s: " + ", ".join(f"{os.path.basename(p)} {os.path.getsize(p) / MB:.0f} MB" for p in files.values()))
        t = args.tmkit
        runs = []
        if "tm-import" in only:
            runs.append(("tm import", [t, "tm", "import", "--tm", os.path.join(tmp, "big.sqlite"), files["pairs"]], files["pairs"], None))
        if "glossary-import" in only:
            runs.append(("glossary import", [t, "glossary", "import", files["terms"], "--source-lang", "en", "--target-lang", "ko"], files["terms"], None))
        if "glossary-build" in only:
            runs.append(("glossary build", [t, "glossary", "build", files["pairs"], "-o", os.path.join(tmp, "built.tbx")], files["pairs"], None))
        if "segment" in only:
            runs.append(("segment --tokens", [t, "segment", "--tokens", files["text"]], files["text"], None))
        if "segment-oneline" in only:
            runs.append(("segment (one line)", [t, "segment", "--tokens", files["oneline"]], files["oneline"], None))
        if "pretranslate" in only:
            store = os.path.join(tmp, "corpus.sqlite")
            subprocess.run([t, "tm", "import", "--tm", store, files["corpus_pairs"]], env=env, stdout=subprocess.DEVNULL, check=True)
            runs.append(("pretranslate", [t, "pretranslate", files["doc"], "--tm", store, "-o", os.path.join(tmp, "out")], files["doc"], 3))
        print(f"{'command':<20} {'input MB':>9} {'peak RSS MB':>12} {'target':>12} {'wall s':>8} {'cpu s':>8}  result")
        for name, cmd, input_path, factor in runs:
            size = os.path.getsize(input_path) / MB
            rss, wall, cpu, status = timed(cmd, env, args.timeout, args.cap_mb, os.path.join(tmp, name.split()[0] + ".time.log"))
            limit = size * factor if factor else 500
            verdict = "under" if rss < limit and not status.startswith("stopped") else "OVER"
            target = f"< {limit:.0f} MB"
            print(f"{name:<20} {size:>9.0f} {rss:>12.0f} {target:>12} {wall:>8.1f} {cpu:>8.1f}  {verdict}; {status}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
