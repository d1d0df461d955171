#!/usr/bin/env python3
"""Fuzzy-match repair on real catalogs: tmkit pretranslate with and without repair, in one run.

1. Documents: the pairs of --doc-packages packages of ../shared/corpus/dev_pairs.tsv (default:
   four packages drawn with --seed among those with 300-3,000 pairs), one PO catalog per
   package with every distinct English string as an empty msgid; the packages' Korean is the
   reference (the first translation of each string).
2. Memory: the pairs of every other package, imported with `tmkit tm import` (TSV). The
   glossary: the memory's one-to-three-word strings with their most frequent translations
   (up to three), as an OmegaT-style TSV; nothing of the documents goes into either.
3. tmkit: release build, `tmkit pretranslate DOCS -o OUT --tm MEMORY --glossary TERMS` twice,
   with repair (the default) and with --no-repair, wall and CPU time of each.
4. For the fills with a score of 75-99 (fuzzy fills: `#, fuzzy` with a `#| msgid` other than
   the msgid, in the --no-repair run; the same entries in the repair run): the share equal to
   the reference, the mean character edit distance to it, with and without repair, the
   relative change, and the share of segments a repair made worse (farther from the
   reference than the unrepaired fill), overall and among the repaired ones; repairs by kind.

The unrepaired run is also what a peer fills: translate-toolkit's pretranslate and OmegaT
insert a fuzzy match's target as it is (OmegaT has an open pull request for numbers only).

Usage:
  Benchmarks/repair_bench.sh
  Benchmarks/repair_bench.sh --doc-packages gedit-common,nautilus-data --show 20
Options: --corpus DIR, --work DIR, --doc-packages A,B, --seed N, --show N (print N repairs), --no-build, --tmkit PATH.
"""
import argparse, collections, os, random, re, resource, shutil, subprocess, sys, time
from corpus_tsv import unesc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def po_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


def tsv_field(s):
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def levenshtein(a, b):
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def read_po(path):
    """msgid -> (msgstr, fuzzy, previous msgid, #. comments) for a catalog tmkit wrote."""
    out = {}
    entry = {"comments": [], "prev": None, "fuzzy": False}
    field = None

    def flush():
        if "msgid" in entry and entry["msgid"]:
            out[entry["msgid"]] = (entry.get("msgstr", ""), entry["fuzzy"], entry["prev"], entry["comments"])

    def unq(s):
        s = s.strip()
        assert s.startswith('"') and s.endswith('"'), s
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s[1:-1])

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                entry = {"comments": [], "prev": None, "fuzzy": False}
                field = None
            elif line.startswith("#,"):
                entry["fuzzy"] = "fuzzy" in [x.strip() for x in line[2:].split(",")]
            elif line.startswith("#| msgid "):
                entry["prev"] = unq(line[9:]); field = "prev"
            elif line.startswith('#| "'):
                entry["prev"] += unq(line[3:])
            elif line.startswith("#."):
                entry["comments"].append(line[2:].strip())
            elif line.startswith("#"):
                pass
            elif line.startswith("msgid "):
                entry["msgid"] = unq(line[6:]); field = "msgid"
            elif line.startswith("msgstr "):
                entry["msgstr"] = unq(line[7:]); field = "msgstr"
            elif line.startswith('"'):
                entry[field] = entry.get(field, "") + unq(line)
    flush()
    return out


def run(cmd, **kw):
    t0 = time.time()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode not in (0,):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return time.time() - t0, cpu, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--work", default=os.path.join(ROOT, "Benchmarks", "out", "repair"))
    ap.add_argument("--doc-packages", default="")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--tmkit", default=os.path.join(ROOT, ".build", "release", "tmkit"), help="the tmkit binary (release)")
    a = ap.parse_args()

    pairs_path = os.path.join(a.corpus, "dev_pairs.tsv")
    if not os.path.exists(pairs_path):
        sys.exit(f"{pairs_path}: not found (give --corpus DIR)")
    rows = []
    with open(pairs_path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(hdr, map(unesc, line.rstrip("\n").split("\t"))))
            rows.append((r["source_en"], r["target_ko"], r["package"]))
    sizes = collections.Counter(p for _, _, p in rows)
    if a.doc_packages:
        docs = a.doc_packages.split(",")
    else:
        eligible = sorted(p for p, n in sizes.items() if 300 <= n <= 3000)
        docs = sorted(random.Random(a.seed).sample(eligible, 4))
    docset = set(docs)

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(os.path.join(a.work, "docs"))
    reference = {}
    for pkg in docs:
        seen = {}
        for s, t, p in rows:
            if p == pkg and s not in seen:
                seen[s] = t
        reference[pkg] = seen
        with open(os.path.join(a.work, "docs", pkg + ".po"), "w", encoding="utf-8") as f:
            f.write('msgid ""\nmsgstr ""\n"Language: ko\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n')
            for s in seen:
                f.write(f"msgid {po_string(s)}\nmsgstr \"\"\n\n")
    memory = [(s, t) for s, t, p in rows if p not in docset]
    with open(os.path.join(a.work, "memory.tsv"), "w", encoding="utf-8") as f:
        for s, t in memory:
            f.write(f"{tsv_field(s)}\t{tsv_field(t)}\n")
    counts = collections.defaultdict(collections.Counter)
    for s, t in memory:
        words = s.split()
        if 1 <= len(words) <= 3 and all(re.fullmatch(r"[A-Za-z][A-Za-z'-]*", w) for w in words) and re.search("[가-힣]", t) and len(t) <= 20:
            counts[s.lower()][t] += 1
    with open(os.path.join(a.work, "terms.tsv"), "w", encoding="utf-8") as f:
        f.write("# tmkit glossary en -> ko: source, target, comment\n")
        for s in sorted(counts):
            for t, _ in counts[s].most_common(3):
                f.write(f"{s}\t{tsv_field(t)}\t\n")

    if not a.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit", "--quiet"], cwd=ROOT, check=True)
    tmkit = a.tmkit
    mem = os.path.join(a.work, "memory.sqlite")
    wall, cpu, _ = run([tmkit, "tm", "import", os.path.join(a.work, "memory.tsv"), "--tm", mem, "--source-lang", "en", "--target-lang", "ko"])
    print(f"documents: {', '.join(f'{p} ({len(reference[p])})' for p in docs)}; memory: {len(memory)} pairs of {len(sizes) - len(docs)} packages "
          f"(import {wall:.1f} s); glossary: {len(counts)} terms")
    times = {}
    for name, extra in (("repair", []), ("plain", ["--no-repair"])):
        out = os.path.join(a.work, "out-" + name)
        times[name] = run([tmkit, "pretranslate", os.path.join(a.work, "docs"), "-o", out, "--tm", mem,
                           "--glossary", os.path.join(a.work, "terms.tsv"), "--threads", "2"] + extra)[:2]
    n = same_plain = same_repair = 0
    dist_plain = dist_repair = 0
    worse = better = repaired = repaired_worse = 0
    kinds = collections.Counter()
    shown = []
    for pkg in docs:
        plain = read_po(os.path.join(a.work, "out-plain", pkg + ".po"))
        fixed = read_po(os.path.join(a.work, "out-repair", pkg + ".po"))
        for msgid, ref in reference[pkg].items():
            p = plain.get(msgid)
            if not p or not p[0] or not p[1] or p[2] is None or p[2] == msgid:
                continue  # not a 75-99 fill
            r = fixed[msgid]
            n += 1
            dp, dr = levenshtein(p[0], ref), levenshtein(r[0], ref)
            dist_plain += dp
            dist_repair += dr
            same_plain += p[0] == ref
            same_repair += r[0] == ref
            notes = [c for c in r[3] if c.startswith("tmkit-repair:")]
            if notes:
                repaired += 1
                for part in notes[0].split(":", 2)[2].split(";"):
                    kinds[part.strip().split(" ")[0]] += 1
                if dr > dp:
                    repaired_worse += 1
                if len(shown) < a.show:
                    shown.append((msgid, p[2], p[0], r[0], ref))
            worse += dr > dp
            better += dr < dp
    if n == 0:
        sys.exit("no 75-99 fills")
    print(f"\n75-99 fills: {n} segments; repaired: {repaired} ({100 * repaired / n:.1f}%) — " +
          ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"{'':24}{'no repair':>12}{'repair':>12}")
    print(f"{'equal to reference':24}{100 * same_plain / n:11.1f}%{100 * same_repair / n:11.1f}%")
    print(f"{'mean edit distance':24}{dist_plain / n:12.2f}{dist_repair / n:12.2f}")
    change = (dist_plain - dist_repair) / dist_plain * 100 if dist_plain else 0.0
    print(f"edit distance falls by {change:.1f}% relative (target >= 15%)")
    print(f"repair made the fill worse in {worse} of {n} segments ({100 * worse / n:.2f}%, target < 5%); "
          f"better in {better}; worse among the repaired: {repaired_worse} of {repaired}")
    for name in ("repair", "plain"):
        print(f"time {name}: {times[name][0]:.1f} s wall, {times[name][1]:.1f} s CPU")
    for msgid, prev, p, r, ref in shown:
        print(f"\n  new: {msgid}\n  mem: {prev}\n  fill: {p}\n  fix:  {r}\n  ref:  {ref}")


if __name__ == "__main__":
    main()
