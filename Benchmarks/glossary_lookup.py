"""Glossary look-up benchmark (see glossary_lookup.sh): tmkit and the grep floor, one run."""
import os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

TMKIT = os.path.abspath(sys.argv[1])
# The corpus beside the repository (../shared), or beside a worktree's parent (../../shared).
CORPUS = next((p for p in ("../shared/corpus/dev_pairs.tsv", "../../shared/corpus/dev_pairs.tsv") if os.path.exists(p)), None)
if CORPUS is None:
    print("no ../shared/corpus/dev_pairs.tsv: skipped")
    sys.exit(0)
work = tempfile.mkdtemp(prefix="tmkit-glossary-bench-")
env = dict(os.environ, TMKIT_HOME=os.path.join(work, "home"))


def run(args, stdin=None, check=True):
    """(wall s, CPU s) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and p.returncode not in (0, 1):
        sys.exit(f"{args[:3]} failed: {p.stderr.decode()[:300]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(args, n=11):
    runs = [run(args) for _ in range(n)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def peak(args):
    """(wall, CPU, peak RSS MB) through /usr/bin/time -v."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    err = p.stderr.decode(errors="replace")
    if p.returncode not in (0, 1):  # 1: the look-up found nothing
        sys.exit(f"{args[:3]} failed: {err[:500]}")
    val = lambda k: float(re.search(re.escape(k) + r": ([\d.]+)", err).group(1))
    return wall, val("User time (seconds)") + val("System time (seconds)"), val("Maximum resident set size (kbytes)") / 1024


def grow(src, dst, size):
    """A TBX of about `size` bytes: the source's concepts repeated with distinct terms."""
    text = open(src, encoding="utf-8").read()
    head, rest = text.split("<body>", 1)
    body, tail = rest.rsplit("</body>", 1)
    entries = re.findall(r"<conceptEntry.*?</conceptEntry>\n", body, re.S)
    with open(dst, "w", encoding="utf-8") as out:
        out.write(head + "<body>\n")
        written, n = 0, 0
        while written < size:
            for e in entries:
                n += 1
                e2 = re.sub(r"<term>(.*?)</term>", lambda m: "<term>%s %d</term>" % (m.group(1), n), e)
                e2 = re.sub(r'id="c\d+"', 'id="c%d"' % n, e2)
                out.write(e2)
                written += len(e2.encode())
                if written >= size:
                    break
        out.write("</body>" + tail)
    return os.path.getsize(dst) / 1e6


try:
    tbx = os.path.join(work, "dev.tbx")
    bw, bc = run([TMKIT, "glossary", "build", CORPUS, "-o", tbx])
    tsv = os.path.join(work, "dev.tsv")
    run([TMKIT, "glossary", "export", "--glossary", tbx, tsv])
    G = ["--glossary", tbx]
    cw, cc = run([TMKIT, "glossary", "lookup", "안보"] + G)  # first use compiles the index
    terms = sorted({l.split("\t")[0] for l in open(tsv, encoding="utf-8") if not l.startswith("#")})[:2000]
    tfile = os.path.join(work, "terms.txt")
    open(tfile, "w", encoding="utf-8").write("\n".join(terms) + "\n")
    n = len(terms)
    concepts = open(tbx, encoding="utf-8").read().count("<conceptEntry")
    vw, vc = median([TMKIT, "--version"])
    lw, lc = median([TMKIT, "glossary", "lookup", "설정을"] + G)
    gw, gc = median(["grep", "-F", "설정", tsv])
    with open(tfile, "rb") as f:
        Bw, Bc = run([TMKIT, "glossary", "lookup", "-"] + G, stdin=f)
    Fw, Fc = run(["grep", "-F", "-f", tfile, tsv])
    big = os.path.join(work, "big.tbx")
    mb = grow(tbx, big, 100_000_000)
    Cw, Cc, Cm = peak([TMKIT, "glossary", "lookup", "x", "--glossary", big])
    # The parse floor: libxml2 alone (lxml's iterparse, elements dropped as read) over the same file.
    floor = "import sys\nfrom lxml import etree\nfor _, e in etree.iterparse(sys.argv[1]): e.clear()"
    Pw, Pc, Pm = peak([sys.executable, "-c", floor, big]) if subprocess.run([sys.executable, "-c", "import lxml"], capture_output=True).returncode == 0 else (None, None, None)
    small = os.path.join(work, "small.tbx")
    smb = grow(tbx, small, 20_000_000)
    env["TMKIT_HOME"] = os.path.join(work, "home-small")
    Sw, Sc, Sm = peak([TMKIT, "glossary", "lookup", "x", "--glossary", small])
    print(f"glossary from dev_pairs.tsv: {concepts} concepts (built in {bw:.1f} s wall, {bc:.1f} s CPU; "
          f"first compile {cw*1000:.0f} ms); {n} distinct terms looked up")
    print(f"{'':34}{'wall':>10}{'CPU':>10}")
    print(f"{'tmkit --version':34}{vw*1000:8.1f}ms{vc*1000:8.1f}ms")
    print(f"{'tmkit glossary lookup (1 term)':34}{lw*1000:8.1f}ms{lc*1000:8.1f}ms   = {lw/vw:.2f}x --version (target <= 3x)")
    print(f"{'grep -F one term over TSV (floor)':34}{gw*1000:8.1f}ms{gc*1000:8.1f}ms   lookup/grep = {lw/gw:.1f}x")
    print(f"{'batch lookup from stdin':34}{Bw*1000/n:8.3f}ms{Bc*1000/n:8.3f}ms   per term (target <= 1 ms)")
    print(f"{'grep -F -f terms over TSV (floor)':34}{Fw*1000/n:8.3f}ms{Fc*1000/n:8.3f}ms   per term; batch/grep = {Bw/Fw:.1f}x")
    print(f"first compile of {mb:.0f} MB TBX: {Cw:.2f} s wall, {Cc:.2f} s CPU, peak RSS {Cm:.0f} MB (target <= 5 s); "
          f"{smb:.0f} MB: {Sw:.2f} s, peak RSS {Sm:.0f} MB (flat memory: RSS ratio {Cm/Sm:.2f} for {mb/smb:.1f}x the size)")
    if Pw is not None:
        print(f"parse floor, lxml iterparse of the {mb:.0f} MB TBX: {Pw:.2f} s wall, {Pc:.2f} s CPU, peak RSS {Pm:.0f} MB; "
              f"compile/floor = {Cw/Pw:.1f}x wall, {Cc/Pc:.1f}x CPU")
    else:
        print("parse floor skipped: python3 -m pip install lxml")
    if os.environ.get("GLOSSARY_BENCH_NO_1GB") != "1":
        huge = os.path.join(work, "huge.tbx")
        hmb = grow(tbx, huge, 1_000_000_000)
        os.remove(big)
        env["TMKIT_HOME"] = os.path.join(work, "home-import")
        Iw, Ic, Im = peak([TMKIT, "glossary", "import", huge])
        print(f"glossary import of {hmb:.0f} MB TBX: {Iw:.1f} s wall, {Ic:.1f} s CPU, peak RSS {Im:.0f} MB (target < 500 MB)")
finally:
    shutil.rmtree(work, ignore_errors=True)
