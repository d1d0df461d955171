#!/usr/bin/env python3
"""Sentence alignment benchmark: tmkit align against a length-only Gale-Church baseline.

Data: the Debian FAQ in English (package debian-faq) and in Korean (debian-faq-ko), the same
DocBook source rendered to HTML, the Korean through po4a, so both sides have the same sections
(same HTML ids) and, inside each section, the same sequence of blocks (paragraphs, list items,
headings). And, as a held-out check (tmkit's model choices were made looking at the FAQ only),
GIMP's help in English and Korean (gimp-help-en, gimp-help-ko): the same pages, paired page by
page (their generated ids differ). The packages are fetched with `apt-get download` and unpacked
with `dpkg-deb -x` (nothing is installed).

Gold: blocks are paired by chapter, section id and position inside the section, where both
sides have the same number of blocks in that section. Blocks that are identical on both sides
(code, untranslated text) or whose Korean side has no Hangul are left out. Both documents are
written as HTML (one <p>, <li> or <h2> per block), and each block is split into sentences by
`tmkit segment` (the splitter tmkit align uses). A block pair with one sentence on either side
gives *sure* links (every source sentence to every target sentence); a block pair with several
sentences on both sides gives *possible* links only, since the structure does not say which
sentence goes with which. As in word-alignment evaluation (Och and Ney), precision counts a
predicted link as right when it is sure or possible; recall is over the sure links.

Systems, on the same sentences in one run:
  tmkit     tmkit align (paragraphs first, length + anchors), also --no-paragraphs
  baseline  Gale and Church (1993), length only: characters, the ratio c estimated from the
            pair (total target / total source characters), s² = 6.8 c, priors 1-1 .89,
            1-0/0-1 .0099, 2-1/1-2 .089, 2-2 .011; paragraphs first, then sentences (and a
            no-paragraph run with a band around the diagonal).
Speed: a synthetic pair of 10,000-sentence documents (sentence pairs drawn from the gold's
sure 1-1 links, 3% of the English sentences left untranslated, paragraphs of 1-6 sentences)
timed for tmkit (release build, pinned to one core) and the baseline, with P/R/F1 on it too.
"""
import argparse
import html
import html.parser
import math
import os
import random
import re
import subprocess
import sys
import time

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "div", "br", "tr", "td", "th",
          "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "caption", "blockquote", "section", "article",
          "header", "footer", "nav", "aside", "main", "figure", "figcaption", "hr", "address", "title",
          "body", "html", "form", "fieldset", "legend", "details", "summary", "option", "center"}
SKIP = {"head", "script", "style"}
WS = re.compile(r"[\s\u00a0\ufeff]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def collapse(s):
    return WS.sub(" ", s).strip()


class Blocks(html.parser.HTMLParser):
    """Block-level text of a DocBook HTML chapter with the section id each block is in.
    Navigation bars and tables of contents are skipped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (section, role, text)
        self.text = []
        self.section = ""
        self.skip_depth = 0
        self.div_stack = []
        self.heading = 0
        self.item = 0
        self.pre = 0

    def flush(self):
        t = collapse("".join(self.text))
        if t and not self.skip_depth:
            role = "code" if self.pre else "heading" if self.heading else "item" if self.item else "p"
            self.blocks.append((self.section, role, t))
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div":
            cls = a.get("class", "") or ""
            skip = any(k in cls for k in ("navheader", "navfooter", "toc", "list-of-"))
            self.div_stack.append(skip)
            if skip:
                self.skip_depth += 1
        if tag in SKIP:
            self.skip_depth += 1
        if a.get("id") and not self.skip_depth:
            self.section = a["id"]
        if tag in BLOCKS:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading += 1
            elif tag in ("li", "dt"):
                self.item += 1
            elif tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = max(0, self.heading - 1)
            elif tag in ("li", "dt"):
                self.item = max(0, self.item - 1)
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
        if tag == "div" and self.div_stack:
            if self.div_stack.pop():
                self.skip_depth -= 1
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)

    def handle_data(self, data):
        if not self.skip_depth:
            self.text.append(data)


def blocks_of(path):
    p = Blocks()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    p.flush()
    return p.blocks


CORPORA = {
    # name: (packages, English files, Korean file for an English one, blocks matched by section id?)
    "debian-faq": (["debian-faq", "debian-faq-ko"], "usr/share/doc/debian/FAQ",
                   lambda d, n: os.path.join(d, "ko", n.replace(".en.html", ".ko.html")), ".en.html", True),
    "gimp-help": (["gimp-help-en", "gimp-help-ko"], "usr/share/gimp/2.0/help/en",
                  lambda d, n: os.path.join(os.path.dirname(d), "ko", n), ".html", False),
}


def fetch(workdir, name):
    """Downloads (apt-get download) and unpacks (dpkg-deb -x) a corpus' packages; returns the
    English folder and the package files."""
    packages, folder, _, _, _ = CORPORA[name]
    cache = os.path.join(workdir, name)
    root = os.path.join(cache, "root")
    if not os.path.isdir(os.path.join(root, folder)):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["apt-get", "download", *packages], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for deb in sorted(os.listdir(cache)):
            if deb.endswith(".deb"):
                subprocess.run(["dpkg-deb", "-x", os.path.join(cache, deb), root], check=True)
    debs = sorted(d for d in os.listdir(cache) if d.endswith(".deb"))
    return os.path.join(root, folder), debs


def gold_units(name, folder):
    """The blocks of all chapters in document order, as (role, en text or None, ko text or None).
    A block with both texts is a gold pair; blocks of sections whose structure differs between
    the two sides (the translation lags the original there) stand alone on their side, as
    real untranslated or re-written text does."""
    blocks = []
    stats = {"chapters": 0, "sections": 0, "matched_sections": 0, "dropped": 0, "unmatched_en": 0, "unmatched_ko": 0}
    _, _, korean_of, suffix, by_section = CORPORA[name]
    for page in sorted(os.listdir(folder)):
        if not page.endswith(suffix):
            continue
        ko = korean_of(folder, page)
        if not os.path.exists(ko):
            continue
        stats["chapters"] += 1
        en_blocks, ko_blocks = blocks_of(os.path.join(folder, page)), blocks_of(ko)
        if not by_section:
            # Generated ids differ between the two builds: the page is the unit.
            en_blocks = [("", r, t) for _, r, t in en_blocks]
            ko_blocks = [("", r, t) for _, r, t in ko_blocks]
        order, by_en, by_ko = [], {}, {}
        for sec, role, text in en_blocks:
            if sec not in by_en:
                order.append(sec)
            by_en.setdefault(sec, []).append((role, text))
        for sec, role, text in ko_blocks:
            by_ko.setdefault(sec, []).append((role, text))
        ko_text = {t for _, _, t in ko_blocks}
        for sec in order:
            stats["sections"] += 1
            e, k = by_en[sec], by_ko.get(sec, [])
            if len(e) == len(k) and [r for r, _ in e] == [r for r, _ in k]:
                stats["matched_sections"] += 1
                for (role, et), (_, kt) in zip(e, k):
                    if et == kt or not HANGUL.search(kt) or role == "code":
                        stats["dropped"] += 1
                        continue
                    blocks.append((role, et, kt))
            else:
                for role, et in e:
                    if role != "code" and et not in ko_text:
                        blocks.append((role, et, None))
                        stats["unmatched_en"] += 1
                for role, kt in k:
                    if role != "code" and HANGUL.search(kt):
                        blocks.append((role, None, kt))
                        stats["unmatched_ko"] += 1
    return blocks, stats


def write_html(path, units, lang):
    tag = {"heading": "h2", "item": "li", "p": "p"}
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html>\n<html lang="{lang}"><head><title>Debian FAQ</title></head><body>\n')
        for role, text in units:
            t = tag.get(role, "p")
            if t == "li":
                f.write(f"<ul><li>{html.escape(text, quote=False)}</li></ul>\n")
            else:
                f.write(f"<{t}>{html.escape(text, quote=False)}</{t}>\n")
        f.write("</body></html>\n")


def sentences_per_unit(tmkit, texts, workdir, name):
    """Splits each text with `tmkit segment`; a marker line between texts keeps them apart."""
    marker = "\u2042\u2042\u2042"
    path = os.path.join(workdir, name)
    with open(path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t + "\n" + marker + "\n")
    out = subprocess.run([tmkit, "segment", path], check=True, capture_output=True, text=True).stdout
    units, current = [], []
    for line in out.split("\n"):
        if line == marker:
            units.append(current)
            current = []
        elif line:
            current.append(line)
    assert len(units) == len(texts), (len(units), len(texts))
    return units


def gold_links(blocks, src_units, tgt_units):
    """Sure and possible links, and the sentences the gold covers on each side."""
    sure, possible, covered_s, covered_t = set(), set(), set(), set()
    si = ti = 0
    su = iter(src_units)
    tu = iter(tgt_units)
    for _, et, kt in blocks:
        s = next(su) if et is not None else []
        t = next(tu) if kt is not None else []
        if s and t:
            links = {(i, j) for i in range(si, si + len(s)) for j in range(ti, ti + len(t))}
            (sure if len(s) == 1 or len(t) == 1 else possible).update(links)
            covered_s.update(range(si, si + len(s)))
            covered_t.update(range(ti, ti + len(t)))
        si += len(s)
        ti += len(t)
    return sure, possible, covered_s, covered_t, si, ti


def links_of_beads(beads):
    """beads: list of (n_src, n_tgt[, flagged]) in order -> set of links."""
    links, i, j = set(), 0, 0
    for b in beads:
        n, m = b[0], b[1]
        for a in range(i, i + n):
            for c in range(j, j + m):
                links.add((a, c))
        i += n
        j += m
    return links, i, j


def score(pred, gold):
    """Precision over the predicted links that touch a gold-covered sentence; recall over sure links."""
    sure, possible, covered_s, covered_t = gold
    judged = {(i, j) for i, j in pred if i in covered_s or j in covered_t}
    ok = len(judged & (sure | possible))
    p = ok / len(judged) if judged else 0.0
    r = len(pred & sure) / len(sure) if sure else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- Gale-Church baseline

GC_SHAPES = [((1, 1), 0.89), ((1, 0), 0.0099 / 2), ((0, 1), 0.0099 / 2), ((2, 1), 0.089 / 2), ((1, 2), 0.089 / 2), ((2, 2), 0.011)]
GC_PRIOR = [(d, -math.log(p)) for d, p in GC_SHAPES]


def gc_cost(l1, l2, c, s2):
    mean = (l1 + l2 / c) / 2
    z = abs(l2 - l1 * c) / math.sqrt(max(mean, 1) * s2)
    pd = math.erfc(z / math.sqrt(2))
    if pd < 1e-300:
        return z * z / 2 + math.log(z) + 0.5 * math.log(math.pi / 2)
    return -math.log(pd)


def gc_align(a, b, c, s2, band=None):
    """Gale-Church DP over lengths a, b; returns beads (n, m). Optional band around the diagonal."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [(1, 0)] * n + [(0, 1)] * m
    inf = float("inf")
    cost = {(0, 0): 0.0}
    back = {}
    pa = [0]
    for x in a:
        pa.append(pa[-1] + x)
    pb = [0]
    for x in b:
        pb.append(pb[-1] + x)
    for i in range(n + 1):
        if band is None:
            lo, hi = 0, m
        else:
            center = i * m / n
            lo, hi = max(0, int(center - band)), min(m, int(center + band) + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, bd = inf, None
            for (di, dj), prior in GC_PRIOR:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = cost.get((pi, pj))
                if prev is None:
                    continue
                v = prev + prior + gc_cost(pa[i] - pa[pi], pb[j] - pb[pj], c, s2)
                if v < best:
                    best, bd = v, (di, dj)
            if bd is not None:
                cost[(i, j)] = best
                back[(i, j)] = bd
    beads, i, j = [], n, m
    while i > 0 or j > 0:
        di, dj = back[(i, j)]
        beads.append((di, dj))
        i, j = i - di, j - dj
    return beads[::-1]


def length(s):
    return sum(1 for ch in s if not ch.isspace())


def gc_baseline(src_paras, tgt_paras, paragraphs=True):
    """src_paras: list of lists of sentences. Returns sentence beads (n, m)."""
    sl = [[length(s) for s in p] for p in src_paras]
    tl = [[length(s) for s in p] for p in tgt_paras]
    total_s = sum(map(sum, sl))
    total_t = sum(map(sum, tl))
    c = total_t / total_s
    s2 = 6.8 * c
    if not paragraphs:
        a = [x for p in sl for x in p]
        b = [x for p in tl for x in p]
        band = None if max(len(a), len(b)) <= 300 else max(100, max(len(a), len(b)) // 20)
        return gc_align(a, b, c, s2, band)
    pbeads = gc_align([sum(p) for p in sl], [sum(p) for p in tl], c, s2,
                      None if max(len(sl), len(tl)) <= 300 else max(100, max(len(sl), len(tl)) // 20))
    beads, i, j = [], 0, 0
    for di, dj in pbeads:
        a = [x for p in sl[i:i + di] for x in p]
        b = [x for p in tl[j:j + dj] for x in p]
        beads += gc_align(a, b, c, s2, None if max(len(a), len(b)) <= 300 else 100)
        i += di
        j += dj
    return beads


# ---------------------------------------------------------------- tmkit

def run_tmkit(tmkit, src, tgt, extra=(), pin=True):
    cmd = [tmkit, "align", src, tgt, *extra]
    if pin and shutil_which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    t0 = time.perf_counter()
    r0 = os.times()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    r1 = os.times()
    wall = time.perf_counter() - t0
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    if proc.returncode != 0:
        sys.exit(f"tmkit align failed: {proc.stderr.strip()}")
    beads = []
    for line in proc.stdout.split("\n")[1:]:
        if not line:
            continue
        f = line.split("\t")
        n, m = map(int, f[2].split("-"))
        beads.append((n, m, f[4] == "yes", float(f[3])))
    return beads, wall, cpu


def shutil_which(name):
    from shutil import which
    return which(name)


def report(name, beads, gold, ns, nt, flagged_too=False):
    links, i, j = links_of_beads(beads)
    if (i, j) != (ns, nt):
        sys.exit(f"{name}: beads cover {i}x{j} sentences, the gold {ns}x{nt}: the sentence splits differ")
    p, r, f = score(links, gold)
    kinds = {}
    for b in beads:
        kinds[f"{b[0]}-{b[1]}"] = kinds.get(f"{b[0]}-{b[1]}", 0) + 1
    shown = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    print(f"  {name:<34} P {p:.4f}  R {r:.4f}  F1 {f:.4f}   beads: {shown}")
    if flagged_too:
        kept = [b for b in beads if not b[2]]
        # Links of unflagged beads only (positions need all beads, so mark the rest out).
        links_kept, i, j = set(), 0, 0
        for b in beads:
            if not b[2]:
                links_kept |= {(a, c) for a in range(i, i + b[0]) for c in range(j, j + b[1])}
            i += b[0]
            j += b[1]
        p2, r2, f2 = score(links_kept, gold)
        print(f"  {name + ' (not flagged only)':<34} P {p2:.4f}  R {r2:.4f}  F1 {f2:.4f}   {len(kept)} of {len(beads)} beads")
    return p, r, f


def synthetic(pairs, n, seed, workdir):
    """A 10,000-sentence pair from gold 1-1 sentence pairs: paragraphs of 1-6 sentences,
    3% of the English sentences without a translation."""
    rng = random.Random(seed)
    src_paras, tgt_paras, beads = [], [], []
    count = 0
    while count < n:
        k = min(rng.randint(1, 6), n - count)
        sp, tp = [], []
        for _ in range(k):
            en, ko = rng.choice(pairs)
            sp.append(en)
            if rng.random() < 0.03:
                beads.append((1, 0))
            else:
                tp.append(ko)
                beads.append((1, 1))
        count += k
        src_paras.append(sp)
        tgt_paras.append(tp)
    src = os.path.join(workdir, "synthetic.en.txt")
    tgt = os.path.join(workdir, "synthetic.ko.txt")
    # An empty Korean paragraph is simply absent; its English paragraph is a 1-0 paragraph.
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n\n".join(" ".join(p) for p in src_paras) + "\n")
    with open(tgt, "w", encoding="utf-8") as f:
        f.write("\n\n".join(" ".join(p) for p in tgt_paras if p) + "\n")
    return src, tgt, src_paras, [p for p in tgt_paras if p], beads


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tmkit", default=".build/release/tmkit")
    ap.add_argument("--workdir", default="Benchmarks/out/align")
    ap.add_argument("--sentences", type=int, default=10000, help="size of the synthetic pair")
    ap.add_argument("--corpora", default="debian-faq,gimp-help", help="comma-separated: " + ", ".join(CORPORA))
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    tmkit = os.path.abspath(args.tmkit)

    res = {}
    pool = []
    for corpus in args.corpora.split(","):
        print()
        folder, debs = fetch(args.workdir, corpus)
        blocks, stats = gold_units(corpus, folder)
        pairs_kept = sum(1 for _, e, k in blocks if e and k)
        print(f"data: {', '.join(debs)}")
        print(f"  {stats['chapters']} pages; {stats['matched_sections']} of {stats['sections']} {'sections' if CORPORA[corpus][4] else 'pages'} with the same blocks on both sides "
              f"give {pairs_kept} gold block pairs ({stats['dropped']} identical, untranslated or code blocks left out); "
              f"the other sections add {stats['unmatched_en']} English and {stats['unmatched_ko']} Korean blocks without gold")
        src_html = os.path.join(args.workdir, corpus, "doc.en.html")
        tgt_html = os.path.join(args.workdir, corpus, "doc.ko.html")
        write_html(src_html, [(r, e) for r, e, _ in blocks if e is not None], "en")
        write_html(tgt_html, [(r, k) for r, _, k in blocks if k is not None], "ko")
        src_units = sentences_per_unit(tmkit, [e for _, e, _ in blocks if e is not None], os.path.join(args.workdir, corpus), "units.en.txt")
        tgt_units = sentences_per_unit(tmkit, [k for _, _, k in blocks if k is not None], os.path.join(args.workdir, corpus), "units.ko.txt")
        sure, possible, cs, ct, ns, nt = gold_links(blocks, src_units, tgt_units)
        gold = (sure, possible, cs, ct)
        shapes = {}
        su, tu = iter(src_units), iter(tgt_units)
        for _, e, k in blocks:
            s_ = next(su) if e is not None else None
            t_ = next(tu) if k is not None else None
            if s_ is not None and t_ is not None:
                key = f"{len(s_)}-{len(t_)}"
                shapes[key] = shapes.get(key, 0) + 1
        top = ", ".join(f"{k} {v}" for k, v in sorted(shapes.items(), key=lambda kv: -kv[1])[:8])
        print(f"  documents: {ns} English and {nt} Korean sentences ({len(cs)} and {len(ct)} in gold blocks); "
              f"gold: {len(sure)} sure links, {len(possible)} possible; gold block shapes: {top}")

        print(f"\n{corpus}, English -> Korean, sentence links (P over links touching gold sentences, R over sure links):")
        beads, wall, _ = run_tmkit(tmkit, src_html, tgt_html)
        res[corpus, "tmkit"] = report("tmkit align", beads, gold, ns, nt, flagged_too=True)
        t0 = time.perf_counter()
        gc = gc_baseline(src_units, tgt_units, paragraphs=True)
        gc_time = time.perf_counter() - t0
        res[corpus, "gc"] = report("baseline Gale-Church (length)", gc, gold, ns, nt)
        beads_lo, _, _ = run_tmkit(tmkit, src_html, tgt_html, ["--length-only"])
        report("tmkit align --length-only", beads_lo, gold, ns, nt)
        print("  without paragraph boundaries (one pass over all sentences):")
        beads_np, wall_np, _ = run_tmkit(tmkit, src_html, tgt_html, ["--no-paragraphs"])
        res[corpus, "tmkit_np"] = report("tmkit align --no-paragraphs", beads_np, gold, ns, nt, flagged_too=True)
        gc_np = gc_baseline(src_units, tgt_units, paragraphs=False)
        res[corpus, "gc_np"] = report("baseline Gale-Church (length)", gc_np, gold, ns, nt)
        beads_np_lo, _, _ = run_tmkit(tmkit, src_html, tgt_html, ["--no-paragraphs", "--length-only"])
        report("tmkit --no-paragraphs --length-only", beads_np_lo, gold, ns, nt)
        print(f"  time: tmkit {wall:.2f} s (whole run, {ns}x{nt} sentences), --no-paragraphs {wall_np:.2f} s; baseline (Python) {gc_time:.2f} s")


        ends = (".", "?", "!")
        su, tu = iter(src_units), iter(tgt_units)
        for _, e, k in blocks:
            s_ = next(su) if e is not None else None
            t_ = next(tu) if k is not None else None
            if s_ and t_ and len(s_) == 1 and len(t_) == 1 and len(s_[0]) > 20 and s_[0].endswith(ends) and t_[0].endswith(ends):
                pool.append((s_[0], t_[0]))

    # Speed on a synthetic 10,000-sentence pair.
    pairs = pool
    # Keep the sentences that stay whole when another sentence follows them on the line.
    en_twice = sentences_per_unit(tmkit, [e + " " + e for e, _ in pairs], args.workdir, "twice.en.txt")
    ko_twice = sentences_per_unit(tmkit, [k + " " + k for _, k in pairs], args.workdir, "twice.ko.txt")
    pairs = [p for p, e2, k2 in zip(pairs, en_twice, ko_twice) if e2 == [p[0], p[0]] and k2 == [p[1], p[1]]]
    src, tgt, sp, tp, gold_beads = synthetic(pairs, args.sentences, 7, args.workdir)
    gold_set, gi, gj = links_of_beads(gold_beads)
    gold = (gold_set, set(), set(range(gi)), set(range(gj)))
    print(f"\nSynthetic pair: {gi} English / {gj} Korean sentences in {len(sp)} paragraphs, drawn from {len(pairs)} gold 1-1 pairs "
          f"(3% of English sentences untranslated):")
    beads, wall, cpu = run_tmkit(tmkit, src, tgt)
    p, r, f = report("tmkit align", beads, gold, gi, gj)
    print(f"    time {wall:.2f} s wall, {cpu:.2f} s CPU (one core)")
    beads, wall2, cpu2 = run_tmkit(tmkit, src, tgt, ["--no-paragraphs"])
    report("tmkit align --no-paragraphs", beads, gold, gi, gj)
    print(f"    time {wall2:.2f} s wall, {cpu2:.2f} s CPU (one core)")
    t0 = time.perf_counter()
    gcs = gc_baseline(sp, tp, paragraphs=True)
    gct = time.perf_counter() - t0
    report("baseline Gale-Church (length)", gcs, gold, gi, gj)
    print(f"    time {gct:.2f} s (Python)")

    print("\nSummary:")
    ok = True
    for corpus in args.corpora.split(","):
        t, g, tn, gn = res[corpus, "tmkit"][2], res[corpus, "gc"][2], res[corpus, "tmkit_np"][2], res[corpus, "gc_np"][2]
        verdict = lambda a, b: "tmkit ahead" if a > b else "BASELINE AHEAD"
        print(f"  {corpus} F1: tmkit {t:.4f} vs baseline {g:.4f} ({verdict(t, g)}); "
              f"without paragraphs {tn:.4f} vs {gn:.4f} ({verdict(tn, gn)})")
        ok = ok and t > g and tn > gn
    load = os.getloadavg()[0]
    print(f"  10,000-sentence pair: tmkit {cpu:.2f} s CPU ({wall:.2f} s wall), --no-paragraphs {cpu2:.2f} s CPU ({wall2:.2f} s wall), "
          f"target <= 10 s on one core; baseline {gct:.2f} s; ratio baseline/tmkit {gct / wall:.1f}x (wall); load average {load:.1f}")
    ok = ok and cpu <= 10 and cpu2 <= 10
    print("  targets met" if ok else "  TARGETS NOT MET (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
