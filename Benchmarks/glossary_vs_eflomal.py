#!/usr/bin/env python3
"""Term alignment benchmark: `tmkit glossary build` against eflomal (with Kiwi morphemes).

Both tools learn from the same training pairs (dev_train.tsv, English -> Korean) in one run on
the same machine. The glossaries are scored with the precision@1 of ../shared/corpus/README.md
on two gold sets built here from a split of the corpus *by package*:

* tuning: packages whose name hashes (md5) into the first 70 of 100 buckets, gold terms built
  from their catalog entries;
* held-out: the other packages, gold terms built the same way from their entries, keeping only
  terms absent from the tuning gold. Nothing is tuned on this split; it stands in for packages
  and terms we never see.

The gold builder follows the README's recipe for dev_terms_gold: whole catalog entries of 1-3
words (trailing `...`, `…`, `:` stripped), every word alphabetic, no leading or trailing function
word, no leading imperative verb, name catalogs (iso-codes, xkb-data, libgweather, tzdata)
skipped, the most frequent Korean translation (counted over the split's distinct pairs) kept
when Kiwi tags it as a noun phrase; a term is recoverable when a training pair holds the term as
whole words in its English and the gold (spaces ignored) in its Korean.

Printed per split: P@1 (strict, lenient), accuracy (correct over all recoverable terms),
coverage, by term length and on the reliable subset; for tmkit, a reliability table (score
band -> share correct) and the precision of its most confident half; the term pairs tmkit
builds from the seed titles alone (seeds/titles.ko-en.tsv); wall time, CPU time and peak RSS of
both tools with their ratios. Everything as the issue measures it: `--min-count 1`, exact
look-ups, P@1 over the predicted terms.

eflomal is a peer, never a dependency: this script installs it (and kiwipiepy) with pip when
missing. The eflomal side follows the README's reference setup: English lower-cased
`\\w+|[^\\w\\s]` tokens, Korean Kiwi morphemes, `eflomal-align` with default settings,
grow-diag-final-and, and for each term the most frequent Korean span from the first to the
last target token aligned to any term token.

    python3 Benchmarks/glossary_vs_eflomal.py [--corpus ../shared/corpus] [--threads 2]
    python3 Benchmarks/glossary_vs_eflomal.py --write-gold DIR   # the two gold sets as TSV
"""
import argparse
import collections
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from corpus_tsv import read_tsv, unesc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure(module, packages):
    try:
        __import__(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet"] + packages, check=True)


def measured(cmd, **kw):
    """Runs cmd; returns (wall s, CPU s, peak RSS MB) of that process alone. Through /usr/bin/time
    when present: a child forked from this (large) Python process would inherit its peak RSS."""
    stdin = kw.pop("input", None)
    timer = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = [timer, "-f", "%e %U %S %M", "-o", tf.name] + cmd if timer else cmd
        t0 = time.monotonic()
        p = subprocess.Popen(full, stdin=subprocess.PIPE if stdin is not None else None, **kw)
        if stdin is not None:
            p.stdin.write(stdin.encode())
            p.stdin.close()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{cmd[0]} failed with exit {os.waitstatus_to_exitcode(status)}")
        if timer:
            e, u, s, m = tf.read().split()[-4:]
            return wall, float(u) + float(s), int(m) / 1024
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


# ---- the split and its gold ----------------------------------------------------------------

NAME_CATALOGS = ("iso-codes", "xkb-data", "libgweather", "tzdata")
FUNCTION_WORDS = set("""a an the of to in on at for by with from and or but nor as is are was were be been being it its
this that these those if then than so not no do does did can cannot could will would shall should may might must has
have had you your we our they their he his she her i my me us them which who whom what when where how there here into
onto about via per all any each some such also only just very always never please""".split())
IMPERATIVES = set("""show add select delete open save remove use enable create set copy move change export start
configure clear disable find import toggle choose reset close insert hide rename send keep paste play enter load sort
duplicate refresh check restore zoom stop rotate lock allow resize scale apply split undo redo go flip confirm cancel
reload mark ignore make replace run merge quit exit print-to view edit-the click press type install uninstall
download upload connect disconnect browse try get give take put let""".split()) - {"print-to", "edit-the"}
NOUN_TAGS = {"NNG", "NNP", "NNB", "NR", "NP", "XSN", "XPN", "MM", "SL", "SN", "SO", "SH"}
WORD = re.compile(r"[A-Za-z'-]+")


def in_tuning(package):
    return int(hashlib.md5(package.encode()).hexdigest(), 16) % 100 < 70


def strip_end(s):
    s = s.strip()
    for end in ("...", "…", ":"):
        if s.endswith(end):
            s = s[: -len(end)].strip()
    return s


def build_gold(corpus, train_pairs):
    """Returns (tuning gold rows, held-out gold rows), recoverable terms only, in the README's columns."""
    ensure("kiwipiepy", ["kiwipiepy", "kiwipiepy-model"])
    from kiwipiepy import Kiwi
    kiwi = Kiwi()
    counts = {True: collections.defaultdict(collections.Counter), False: collections.defaultdict(collections.Counter)}
    packages = {True: collections.defaultdict(set), False: collections.defaultdict(set)}
    for r in read_tsv(os.path.join(corpus, "dev_pairs.tsv")):
        pkg = r["package"]
        if any(pkg.startswith(n) for n in NAME_CATALOGS):
            continue
        en = strip_end(r["source_en"])
        words = en.split()
        if not 1 <= len(words) <= 3 or not all(WORD.fullmatch(w) for w in words):
            continue
        low = [w.lower() for w in words]
        if low[0] in FUNCTION_WORDS or low[-1] in FUNCTION_WORDS or low[0] in IMPERATIVES:
            continue
        ko = strip_end(r["target_ko"])
        if not ko:
            continue
        split = in_tuning(pkg)
        counts[split][" ".join(low)][ko] += 1
        packages[split][" ".join(low)].add(pkg)
    # Training pairs indexed by English word, Korean without spaces.
    by_word = collections.defaultdict(set)
    en_words, ko_flat = [], []
    for p, (en, ko) in enumerate(train_pairs):
        ws = re.findall(r"[a-z'-]+|[^\sa-z'-]+", en.lower())
        en_words.append(ws)
        ko_flat.append(ko.replace(" ", ""))
        for w in set(ws):
            by_word[w].add(p)

    def recoverable(term, gold):
        t = term.split()
        cands = set.intersection(*(by_word.get(w, set()) for w in t))
        with_en = [p for p in cands if any(en_words[p][k:k + len(t)] == t for k in range(len(en_words[p]) - len(t) + 1))]
        g = gold.replace(" ", "")
        return len(with_en), sum(g in ko_flat[p] for p in with_en)

    def noun_phrase(ko):
        return all(t.tag in NOUN_TAGS or t.tag.startswith("W_") for t in kiwi.tokenize(ko))

    out = {}
    for split in (True, False):
        rows = []
        for term, c in sorted(counts[split].items()):
            ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
            gold, gf = ranked[0]
            if not noun_phrase(gold):
                continue
            total = sum(c.values())
            with_en, with_both = recoverable(term, gold)
            rows.append({"term_en": term, "gold_ko": gold, "gold_freq": str(gf), "total_freq": str(total),
                         "agreement": f"{gf / total:.3f}", "n_variants": str(len(c)), "n_packages": str(len(packages[split][term])),
                         "n_words": str(len(term.split())), "train_pairs_with_en": str(with_en),
                         "train_pairs_with_both": str(with_both), "recoverable": "1" if with_both else "0",
                         "reliable": "1" if total >= 2 and gf / total >= 0.5 else "0",
                         "top_variants": " | ".join(f"{k}:{v}" for k, v in ranked[:5])})
        out[split] = rows
    tuning_terms = {r["term_en"] for r in out[True]}
    tune = [r for r in out[True] if r["recoverable"] == "1"]
    held = [r for r in out[False] if r["recoverable"] == "1" and r["term_en"] not in tuning_terms]
    return tune, held


# ---- scoring (README) -------------------------------------------------------------------

def ns(s):
    return s.replace(" ", "")


def correct(glossary, r, lenient=False):
    top = ns(glossary[r["term_en"]][0])
    if top == ns(r["gold_ko"]):
        return True
    if not lenient:
        return False
    return top in {ns(v.rsplit(":", 1)[0]) for v in r["top_variants"].split(" | ") if int(v.rsplit(":", 1)[1]) >= 2}


def score(glossary, rows):
    pred = [r for r in rows if glossary.get(r["term_en"])]
    strict = sum(correct(glossary, r) for r in pred)
    lenient = sum(correct(glossary, r, True) for r in pred)
    n, m = len(pred), len(rows)
    return {"p1": strict / n if n else 0, "lenient": lenient / n if n else 0, "acc": strict / m if m else 0,
            "cov": n / m if m else 0, "correct": strict, "pred": n, "all": m}


SUBSETS = [("all", lambda r: True), ("1 word", lambda r: r["n_words"] == "1"), ("2 words", lambda r: r["n_words"] == "2"),
           ("3 words", lambda r: r["n_words"] == "3"), ("reliable", lambda r: r["reliable"] == "1")]


def report(split, glossaries, rows):
    print(f"\n{split}: {len(rows)} recoverable gold terms")
    print(f"  {'':8s} {'subset':9s} {'P@1':>6s} {'lenient':>8s} {'accuracy':>9s} {'coverage':>9s}   correct/predicted/terms")
    res = {}
    for label, keep in SUBSETS:
        sub = [r for r in rows if keep(r)]
        for name, g in glossaries.items():
            s = score(g, sub)
            res[(name, label)] = s
            print(f"  {name:8s} {label:9s} {s['p1']:6.3f} {s['lenient']:8.3f} {s['acc']:9.3f} {s['cov']:9.3f}   {s['correct']}/{s['pred']}/{s['all']}")
    if "eflomal" in glossaries:
        d = lambda k, label: res[("tmkit", label)][k] - res[("eflomal", label)][k]
        print("  tmkit - eflomal P@1: " + ", ".join(f"{label} {d('p1', label):+.3f}" for label, _ in SUBSETS)
              + f"; accuracy {d('acc', 'all'):+.3f}")
    return res


def reliability(split, glossary, scores, rows):
    """tmkit score band -> share correct, and the precision of the most confident half."""
    pred = [(scores[r["term_en"]], correct(glossary, r)) for r in rows if glossary.get(r["term_en"])]
    if not pred:
        return
    print(f"  tmkit reliability on {split} (score of the top translation -> share correct)")
    bands = [(0, .3), (.3, .5), (.5, .6), (.6, .7), (.7, .8), (.8, .9), (.9, .95), (.95, 1.001)]
    for lo, hi in bands:
        b = [ok for s, ok in pred if lo <= s < hi]
        if b:
            mean = sum(s for s, ok in pred if lo <= s < hi) / len(b)
            print(f"    {lo:4.2f}-{min(hi, 1):4.2f}: {sum(b) / len(b):.3f} correct of {len(b):5d} (mean score {mean:.3f})")
    pred.sort(key=lambda x: -x[0])
    half = pred[: len(pred) // 2]
    brier = sum((s - ok) ** 2 for s, ok in pred) / len(pred)
    print(f"    most confident half: {sum(ok for _, ok in half) / max(len(half), 1):.3f} correct ({len(half)} terms); "
          f"Brier score {brier:.3f}")


# ---- tmkit -------------------------------------------------------------------------------

def run_tmkit(binary, train, terms, work, threads):
    out = os.path.join(work, "tmkit.tbx")
    wall, cpu, rss = measured([binary, "glossary", "build", train, "--source-lang", "en", "--target-lang", "ko",
                               "--min-count", "1", "--threads", str(threads), "-o", out], stderr=subprocess.DEVNULL)
    # Look every gold term up through the product's own lookup (inflection-aware, exact only).
    res = subprocess.run([binary, "glossary", "lookup", "-", "--glossary", out, "--no-fuzzy", "--format", "json", "--limit", "5"],
                         input="\n".join(terms) + "\n", capture_output=True, text=True, check=True)
    glossary, scores = {}, {}
    for term, line in zip(terms, res.stdout.splitlines()):
        hits = [m for m in json.loads(line) if m["direction"] == "source-target"]
        if hits:
            glossary[term] = [m["target"] for m in hits]
            scores[term] = hits[0]["score"]
    return glossary, scores, (wall, cpu, rss)


SEED_EXPECTED = {"안보": {"security"}, "협상": {"negotiation", "negotiations"}, "장기화": {"prolonged"},
                 "협상 장기화": {"prolonged negotiations"}, "관세": {"tariff"}, "요구": {"demand", "demands"},
                 "반복": {"repeat", "repeats"}, "유럽": {"europe", "european"}, "휴전": {"ceasefire"}, "대응": {"response"},
                 "푸틴": {"putin"}, "트럼프": {"trump"}, "바이든": {"biden"}, "우크라이나": {"ukraine"}}


def seeds(binary, work):
    """The term pairs tmkit builds from the seed titles alone, against what the issue expects."""
    titles = os.path.join(ROOT, "seeds", "titles.ko-en.tsv")
    out = os.path.join(work, "seeds.tsv")
    subprocess.run([binary, "glossary", "build", titles, "--source-lang", "ko", "--target-lang", "en", "-o", out],
                   check=True, stderr=subprocess.DEVNULL)
    entries = collections.defaultdict(list)
    for line in open(out, encoding="utf-8"):
        if line.startswith("#"):
            continue
        src, tgt, comment = line.rstrip("\n").split("\t")[:3]
        m = re.search(r"score=([0-9.]+)", comment)
        entries[src].append((tgt, float(m.group(1)) if m else 0))
    print("\nseed titles alone (seeds/titles.ko-en.tsv): every entry, best first (score)")
    for src, ts in entries.items():
        print(f"  {src}: " + ", ".join(f"{t} ({s:.2f})" for t, s in ts))
    ok = 0
    for src, want in SEED_EXPECTED.items():
        got = entries.get(src, [])
        top = got[0][0].lower() if got else None
        ok += top in want
        if top not in want:
            print(f"  expected {src} -> {'/'.join(sorted(want))}: got {top}")
    print(f"  expected pairs right: {ok} of {len(SEED_EXPECTED)}")


# ---- eflomal (reference setup) ------------------------------------------------------------

TOKEN = re.compile(r"\w+|[^\w\s]")


def kiwi_tokenize(train, out):
    """Subprocess body: tokenizes the training pairs (English regex, Korean Kiwi) into `out` (JSON lines)."""
    from kiwipiepy import Kiwi
    kiwi = Kiwi()
    with open(out, "w", encoding="utf-8") as f:
        for r in read_tsv(train):
            en = TOKEN.findall(r["source_en"].lower())
            ko = [(t.form, t.start, t.start + t.len) for t in kiwi.tokenize(r["target_ko"])]
            f.write(json.dumps([en, ko], ensure_ascii=False) + "\n")


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
    return [tuple(map(int, x.split("-"))) for x in line.split()]


def run_eflomal(train, pairs, terms, work):
    ensure("eflomal", ["eflomal"])
    ensure("kiwipiepy", ["kiwipiepy", "kiwipiepy-model"])
    tokens = os.path.join(work, "tokens.jsonl")
    kiwi_cost = measured([sys.executable, os.path.abspath(__file__), "--kiwi-tokenize", train, tokens])
    en_tokens, ko_tokens = [], []
    for line in open(tokens, encoding="utf-8"):
        en, ko = json.loads(line)
        en_tokens.append(en)
        ko_tokens.append(ko)
    src, tgt = os.path.join(work, "en.txt"), os.path.join(work, "ko.txt")
    with open(src, "w", encoding="utf-8") as f:
        for toks in en_tokens:
            f.write(" ".join(toks) + "\n")
    with open(tgt, "w", encoding="utf-8") as f:
        for toks in ko_tokens:
            f.write(" ".join(t[0].replace(" ", "_") for t in toks) + "\n")
    fwd, rev = os.path.join(work, "fwd"), os.path.join(work, "rev")
    align_cost = measured(["eflomal-align", "--overwrite", "-s", src, "-t", tgt, "-f", fwd, "-r", rev],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(fwd) as f1, open(rev) as f2:
        links = [gdfa(parse_links(a), parse_links(b), len(e), len(k)) for a, b, e, k in zip(f1, f2, en_tokens, ko_tokens)]
    by_token = collections.defaultdict(set)
    for p, toks in enumerate(en_tokens):
        for t in toks:
            by_token[t].add(p)
    glossary = {}
    for term_en in terms:
        term = TOKEN.findall(term_en.lower())
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
                spans[pairs[p][1][ko[min(aligned)][1]:ko[max(aligned)][2]]] += 1
        if spans:
            glossary[term_en] = [s for s, _ in spans.most_common()]
    return glossary, kiwi_cost, align_cost


def feature_dump(binary, train, threads, path):
    """Runs tmkit with the hand-set ranking and writes every term's first candidates and their features to path."""
    env = dict(os.environ, TMKIT_FEATURES=path, TMKIT_CONFIDENCE="heuristic")
    with tempfile.TemporaryDirectory(prefix="tmkit-fit-") as work:
        subprocess.run([binary, "glossary", "build", train, "--source-lang", "en", "--target-lang", "ko", "--min-count", "1",
                        "--threads", str(threads), "-o", os.path.join(work, "g.tbx")], env=env, check=True, stderr=subprocess.DEVNULL)


def fit_confidence(binary, train, tune, threads, dump=None, folds=5):
    """Fits TermConfidence on the tuning gold only and prints the weights for Swift (and as
    TMKIT_CONFIDENCE / TMKIT_CALIBRATION for a run without rebuilding).

    Two models: a ranking over each term's candidates (a softmax, conditional logit: it learns
    which candidate is the term's translation) and a calibration of the best candidate (a
    logistic over its features, its ranking logit, its lead over the runner-up and whether it
    has one: the chance that the term's first translation is right). The calibration is fitted
    on out-of-fold ranking logits, so it sees the ranking's real errors. Cross-validated figures
    on the tuning terms are printed (folds by term)."""
    import numpy as np
    from scipy.optimize import minimize
    if dump is None or not os.path.exists(dump):
        work = tempfile.mkdtemp(prefix="tmkit-fit-")
        dump = dump or os.path.join(work, "features.tsv")
        feature_dump(binary, train, threads, dump)
    lines = open(dump, encoding="utf-8").read().splitlines()
    names = lines[0].split("\t")[3:]
    gold = {r["term_en"]: ns(r["gold_ko"]) for r in tune}
    words = {r["term_en"]: int(r["n_words"]) for r in tune}
    groups = collections.defaultdict(list)
    for line in lines[1:]:
        f = line.split("\t")
        if f[0] in gold:
            groups[f[0]].append((f[1], [float(v) for v in f[3:]], 1.0 if ns(f[1]) == gold[f[0]] else 0.0))
    terms = sorted(groups)
    X = [np.array([c[1] for c in groups[t]]) for t in terms]
    Y = [np.array([c[2] for c in groups[t]]) for t in terms]
    F = len(names)
    allX = np.vstack(X)
    mu, sd = allX.mean(0), allX.std(0) + 1e-9

    def fit_rank(idx, lam=1.0):
        idx = [i for i in idx if Y[i].sum() > 0]
        if not idx:
            return np.zeros(F)
        x = (np.vstack([X[i] for i in idx]) - mu) / sd
        y = np.concatenate([Y[i] for i in idx])
        sizes = np.array([len(Y[i]) for i in idx])
        starts = np.r_[0, np.cumsum(sizes)[:-1]]
        g = np.repeat(np.arange(len(idx)), sizes)
        q = y / np.add.reduceat(y, starts)[g]

        def loss(w):
            z = x @ w
            z = z - np.maximum.reduceat(z, starts)[g]
            e = np.exp(z)
            p = e / np.add.reduceat(e, starts)[g]
            return -(q * np.log(p + 1e-300)).sum() + lam * w @ w / 2, x.T @ (p - q) + lam * w
        w = minimize(loss, np.zeros(F), jac=True, method="L-BFGS-B").x
        return w / sd  # on raw features (the shift by mu is the same for every candidate of a term)

    def fit_logistic(A, y, lam=1.0):
        m, s_ = A.mean(0), A.std(0) + 1e-9
        Z = np.c_[np.ones(len(A)), (A - m) / s_]

        def loss(w):
            z = Z @ w
            p = 1 / (1 + np.exp(-z))
            l = -(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).sum() + lam * w[1:] @ w[1:] / 2
            return l, Z.T @ (p - y) + lam * np.r_[0, w[1:]]
        w = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B").x
        raw = w[1:] / s_
        return np.r_[w[0] - raw @ m, raw]

    def top_row(i, w):
        z = X[i] @ w
        k = int(np.argmax(z))
        second = np.max(np.delete(z, k)) if len(z) > 1 else None
        row = np.r_[X[i][k], z[k], min(z[k] - second, 8) if second is not None else 8, 0 if second is not None else 1]
        return row, Y[i][k]

    rng = np.random.default_rng(0)
    fold = rng.integers(0, folds, len(terms))
    length = np.array([min(words[t], 3) for t in terms])
    fmt = lambda a: ", ".join(f"{v:.4f}" for v in a)
    env = lambda rows: ";".join(",".join(f"{v:.6g}" for v in r) for r in rows)
    for per_length in (False, True):
        parts = [(1, 2, 3)] if not per_length else [(1,), (2,), (3,)]
        print(f"\n{'one model per term length' if per_length else 'one model for all lengths'}")
        rows, ys, lengths, where = [], [], [], []
        for f_ in range(folds):
            for part in parts:
                w = fit_rank([i for i in range(len(terms)) if fold[i] != f_ and length[i] in part])
                for i in range(len(terms)):
                    if fold[i] == f_ and length[i] in part:
                        r, y = top_row(i, w)
                        rows.append(r)
                        ys.append(y)
                        lengths.append(length[i])
                        where.append(i)
        rows, ys, lengths = np.array(rows), np.array(ys), np.array(lengths)
        rowfold = fold[np.array(where)]
        print(f"fitted on {len(terms)} tuning terms with candidates ({int(sum(y.sum() > 0 for y in Y))} with the gold among them)")
        print("  cross-validated P@1 of the ranking: " + ", ".join(
            f"{n} word{'s' if n > 1 else ''} {ys[lengths == n].mean():.3f}" for n in (1, 2, 3)) + f", all {ys.mean():.3f}")
        cal = np.zeros(len(ys))
        for f_ in range(folds):
            for part in parts:
                test = (rowfold == f_) & np.isin(lengths, part)
                trainsel = (rowfold != f_) & np.isin(lengths, part)
                c = fit_logistic(rows[trainsel], ys[trainsel])
                cal[test] = 1 / (1 + np.exp(-(c[0] + rows[test] @ c[1:])))
        order = np.argsort(-cal)
        half = order[: len(order) // 2]
        print(f"  cross-validated calibration: most confident half {ys[half].mean():.3f}, Brier {((cal - ys) ** 2).mean():.3f}")
        for lo, hi in [(0, .3), (.3, .5), (.5, .7), (.7, .8), (.8, .9), (.9, .95), (.95, 1.01)]:
            b = (cal >= lo) & (cal < hi)
            if b.any():
                print(f"    {lo:4.2f}-{min(hi, 1):4.2f}: {ys[b].mean():.3f} correct of {b.sum():5d} (mean score {cal[b].mean():.3f})")
        weights = [np.r_[0.0, fit_rank([i for i in range(len(terms)) if length[i] in part])] for part in parts]
        calibration = [fit_logistic(rows[np.isin(lengths, part)], ys[np.isin(lengths, part)]) for part in parts]
        if not per_length:
            for n, v in zip(["(intercept)"] + names, weights[0]):
                print(f"  {n:18s} {v:+.4f}")
        print("static let weights: [[Double]] = [" + ", ".join("[" + fmt(w) + "]" for w in weights) + "]")
        print("static let calibration: [[Double]] = [" + ", ".join("[" + fmt(c) + "]" for c in calibration) + "]")
        print("TMKIT_CONFIDENCE='" + env(weights) + "'")
        print("TMKIT_CALIBRATION='" + env(calibration) + "'")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=next((c for c in (os.path.join(ROOT, "..", "shared", "corpus"), os.path.join(ROOT, "..", "..", "shared", "corpus"))
                                              if os.path.isdir(c)), os.path.join(ROOT, "..", "shared", "corpus")))
    ap.add_argument("--tmkit", default=os.path.join(ROOT, ".build", "release", "tmkit"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-eflomal", action="store_true")
    ap.add_argument("--tuning-only", action="store_true", help="print the tuning split only (for tuning runs)")
    ap.add_argument("--fit-confidence", action="store_true", help="fit TermConfidence's weights on the tuning gold and print them")
    ap.add_argument("--features", metavar="FILE", help="with --fit-confidence: the feature dump to reuse, or to write when missing")
    ap.add_argument("--write-gold", metavar="DIR", help="write tuning_gold.tsv and heldout_gold.tsv to DIR and stop")
    ap.add_argument("--cache", metavar="DIR", help="reuse the gold and eflomal's glossary from DIR (development runs; "
                    "the reported figures come from a run without it)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print N wrong single-word entries of the tuning split (never the held-out one)")
    ap.add_argument("--kiwi-tokenize", nargs=2, metavar=("TRAIN", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.kiwi_tokenize:
        return kiwi_tokenize(*args.kiwi_tokenize)
    train = os.path.join(args.corpus, "dev_train.tsv")
    pairs = [(r["source_en"], r["target_ko"]) for r in read_tsv(train)]
    t0 = time.monotonic()
    cached = os.path.join(args.cache, "gold.json") if args.cache else None
    if cached and os.path.exists(cached):
        tune, held = json.load(open(cached, encoding="utf-8"))
    else:
        tune, held = build_gold(args.corpus, pairs)
        if cached:
            os.makedirs(args.cache, exist_ok=True)
            json.dump([tune, held], open(cached, "w", encoding="utf-8"), ensure_ascii=False)
    if args.write_gold:
        os.makedirs(args.write_gold, exist_ok=True)
        for name, rows in (("tuning_gold.tsv", tune), ("heldout_gold.tsv", held)):
            with open(os.path.join(args.write_gold, name), "w", encoding="utf-8") as f:
                f.write("\t".join(rows[0].keys()) + "\n")
                for r in rows:
                    f.write("\t".join(r.values()) + "\n")
        return
    if args.fit_confidence:
        return fit_confidence(args.tmkit, train, tune, args.threads, args.features)
    if args.tuning_only:
        held = []
    if not os.path.exists(args.tmkit):
        subprocess.run(["swift", "build", "-c", "release", "--product", "tmkit"], cwd=ROOT, check=True)
    print(f"corpus: {len(pairs)} training pairs; gold by package split (md5 % 100 < 70 tunes): "
          f"{len(tune)} tuning terms, {len(held)} held-out terms absent from the tuning gold "
          f"(built in {time.monotonic() - t0:.1f} s); {os.cpu_count()} CPUs, tmkit --threads {args.threads}")
    terms = sorted({r["term_en"] for r in tune + held})
    with tempfile.TemporaryDirectory(prefix="tmkit-bench-") as work:
        tm_gloss, tm_scores, tm_cost = run_tmkit(args.tmkit, train, terms, work, args.threads)
        glossaries = {"tmkit": tm_gloss}
        if not args.skip_eflomal:
            cached = os.path.join(args.cache, "eflomal.json") if args.cache else None
            if cached and os.path.exists(cached):
                ef_gloss, kiwi_cost, align_cost = json.load(open(cached, encoding="utf-8"))
            else:
                ef_gloss, kiwi_cost, align_cost = run_eflomal(train, pairs, terms, work)
                if cached:
                    json.dump([ef_gloss, kiwi_cost, align_cost], open(cached, "w", encoding="utf-8"), ensure_ascii=False)
            glossaries["eflomal"] = ef_gloss
        for split, rows in (("tuning packages", tune), ("held-out packages", held)):
            if rows:
                report(split, glossaries, rows)
                reliability(split, tm_gloss, tm_scores, rows)
        if args.errors:
            wrong = [r for r in tune if r["n_words"] == "1" and tm_gloss.get(r["term_en"]) and not correct(tm_gloss, r)]
            print(f"\ntuning split, single words tmkit gets wrong ({len(wrong)}); term: tmkit's top (score) / gold (variants)")
            import random
            kinds = collections.Counter()
            for r in wrong:
                top, gold = ns(tm_gloss[r["term_en"]][0]), ns(r["gold_ko"])
                variants = {ns(v.rsplit(":", 1)[0]) for v in r["top_variants"].split(" | ")}
                kinds["another of the gold's translations" if top in variants else "part of the gold" if top in gold
                      else "the gold and more" if gold in top else "other"] += 1
            print("  kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
            for r in random.Random(0).sample(wrong, min(args.errors, len(wrong))):
                print(f"  {r['term_en']}: {tm_gloss[r['term_en']][0]} ({tm_scores[r['term_en']]:.2f}) / {r['gold_ko']} ({r['top_variants']})")
        seeds(args.tmkit, work)
    print("\ncost: wall s, CPU s, peak RSS MB (each process measured alone)")
    print(f"  tmkit glossary build (segmentation, EM both ways, extraction): {tm_cost[0]:6.1f} wall {tm_cost[1]:6.1f} CPU {tm_cost[2]:6.0f} MB")
    if not args.skip_eflomal:
        ef = (kiwi_cost[0] + align_cost[0], kiwi_cost[1] + align_cost[1], max(kiwi_cost[2], align_cost[2]))
        print(f"  Kiwi morphemes for eflomal (separate process):                {kiwi_cost[0]:6.1f} wall {kiwi_cost[1]:6.1f} CPU {kiwi_cost[2]:6.0f} MB")
        print(f"  eflomal-align (default settings):                             {align_cost[0]:6.1f} wall {align_cost[1]:6.1f} CPU {align_cost[2]:6.0f} MB")
        print(f"  eflomal + Kiwi / tmkit: {ef[0] / tm_cost[0]:.2f}x wall, {ef[1] / max(tm_cost[1], 1e-9):.2f}x CPU, "
              f"{ef[2] / tm_cost[2]:.2f}x peak RSS")


if __name__ == "__main__":
    main()
