#!/usr/bin/env python3
"""Korean keys of `tmkit segment` against Kiwi (kiwipiepy), on corpus sentences, in one run.

Kiwi is a peer for comparison only, never a dependency of tmkit.

Sentences: the `target_ko` column of dev_train.tsv (unescaped as the corpus README says),
de-duplicated in file order, keeping one-line strings (no line-break or tab characters) that
contain Hangul; then every k-th of them, k = eligible // N, the first N (default 2,000).

tmkit runs once, over a file with one sentence per line (`tmkit segment --format json FILE`);
it splits lines into sentences, and its sentences are mapped back to their line (and offset in
it) by walking the line left to right. Kiwi runs with `Kiwi(num_workers=0).tokenize(s)` on each
line. Both are pinned to CPU 0 (single core) unless --no-pin; TMKIT_HOME points to an empty
temporary directory, so no user lexicon is read.

Metrics (per sentence = per input line; forms and keys compared after str.casefold()):

  KIWI NOUN    a Kiwi token tagged NNG, NNP or SL. Kiwi nouns lying inside a tmkit placeholder
               token (the `s` of `%s`, the `b` of `<b>`) are excluded and counted separately.
  (a) RECALL   share of Kiwi nouns whose form equals the key, or the text, of some tmkit word or
               number token of the same sentence (text too, so Kiwi's `Files` matches tmkit's
               `Files` -> key `file`). Reported for NNG+NNP+SL (target >= 0.90), NNG+NNP, SL.
               Also "span-exact": a tmkit word token has exactly the Kiwi noun's span and its key.
  KOREAN KEY   a tmkit token with kind `word` and script `Hangul`.
  KIWI LEXICAL the forms of the sentence's Kiwi tokens tagged
               nouns  NNG NNP NNB NR NP SL SH
               stems  VV VA VX VCN XR MAG MAJ MM IC   (verb stems as Kiwi gives them: 하, 있, 열)
               (irregular variants such as VV-R count as VV).
  (b) NOISE    share of Korean keys that are not a KIWI LEXICAL form of the same sentence
               (target <= 0.10).

Misses and noise are classified by how the other tool covers the same span:
  miss:  the one tmkit token over the noun is longer and Kiwi reads it as
           whole-compound  2+ nouns/stems only (기본값 = 기본+값: compound kept whole),
           whole-derived   with a prefix/suffix XPN/XSN (비활성 = 비+활성),
           fused-suffix    with particles/endings (파일에 = 파일+에: suffix not split),
           longer          anything else;
         over-split (several tmkit tokens inside the noun), same-span (tmkit has the span with
         another key or kind), boundary (tmkit tokens cross the noun's edges).
  noise: Kiwi reads the tmkit key's span as
           compound (2+ nouns/stems), derivation (with XPN/XSN), fused (lexical + particles/
           endings/copula: 합니다 = 하+ᆸ니다), partial (part of one Kiwi token: 모 of 모든),
           grammatical (particles/endings only), other (one lexical token, another form).

Usage: python3 Benchmarks/segment_vs_kiwi.py [--corpus DIR] [-n 2000] [--top 30] [--dump FILE]
       [--per-line] [--no-system-lexicon] [--no-pin] [--tmkit PATH]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from corpus_tsv import build_info, read_tsv, unesc

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NOUN_TAGS = {"NNG", "NNP", "SL"}
LEX_NOUN_TAGS = {"NNG", "NNP", "NNB", "NR", "NP", "SL", "SH"}
LEX_STEM_TAGS = {"VV", "VA", "VX", "VCN", "XR", "MAG", "MAJ", "MM", "IC"}
LEX_TAGS = LEX_NOUN_TAGS | LEX_STEM_TAGS
# Characters at which tmkit (or Python) would break a line: such strings are not one-liners.
LINE_BREAKS = re.compile("[\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
HANGUL = re.compile("[\uac00-\ud7a3]")


def pick_sentences(corpus, n):
    seen, eligible = set(), []
    for row in read_tsv(os.path.join(corpus, "dev_train.tsv")):
        s = row["target_ko"]
        if s in seen or LINE_BREAKS.search(s) or not HANGUL.search(s) or s != s.strip():
            continue
        seen.add(s)
        eligible.append(s)
    k = max(1, len(eligible) // n)
    return eligible[::k][:n], len(eligible), k


def base(tag):
    return tag.split("-")[0]


def pin():
    try:
        os.sched_setaffinity(0, {0})
        return True
    except (AttributeError, OSError):
        return False


# ---------------------------------------------------------------------------------------------
# tmkit


def run_tmkit(tmkit, lines, workdir, pinned, extra, per_line):
    path = os.path.join(workdir, "sentences.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    inputs = [path]
    if per_line:  # one file per sentence: tmkit learns stem evidence per file
        inputs = []
        for i, line in enumerate(lines):
            inputs.append(os.path.join(workdir, f"line{i:05}.txt"))
            with open(inputs[-1], "w", encoding="utf-8") as f:
                f.write(line + "\n")
    env = dict(os.environ, TMKIT_HOME=os.path.join(workdir, "home"))
    cmd = ([shutil.which("taskset"), "-c", "0"] if pinned and shutil.which("taskset") else []) + \
          [tmkit, "segment", "--format", "json"] + extra
    # Start-up cost (process, lexicon load) on a one-word file, best of 3.
    tiny = os.path.join(workdir, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write("가\n")
    startup = min(timed(lambda: subprocess.run(cmd + [tiny], env=env, check=True,
                                               capture_output=True))[1] for _ in range(3))
    proc, wall = timed(lambda: subprocess.run(cmd + inputs, env=env, capture_output=True))
    if proc.returncode != 0:
        sys.exit("tmkit failed: " + proc.stderr.decode("utf-8", "replace").strip())
    segments = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    return align(lines, segments), wall, startup, os.path.getsize(path), " ".join(cmd) + \
        (" FILE1 ... FILE%d (one per sentence)" % len(lines) if per_line else " FILE")


def align(lines, segments):
    """Per input line, the tmkit tokens with start/end as offsets into the line."""
    out, si = [], 0
    for li, line in enumerate(lines):
        tokens, cursor = [], 0
        while line[cursor:].strip():
            if si >= len(segments):
                sys.exit(f"alignment: tmkit output ended before line {li + 1}")
            sent = segments[si]["sentence"]
            pos = line.find(sent, cursor)
            if pos < 0 or line[cursor:pos].strip():
                sys.exit(f"alignment: line {li + 1} {line!r}: sentence {sent!r} not found at {cursor}")
            for t in segments[si]["tokens"]:
                t = dict(t, start=t["start"] + pos, end=t["end"] + pos)
                if line[t["start"]:t["end"]] != t["text"]:
                    sys.exit(f"alignment: line {li + 1}: token {t['text']!r} at {t['start']}")
                tokens.append(t)
            cursor = pos + len(sent)
            si += 1
        out.append(tokens)
    if si != len(segments):
        sys.exit(f"alignment: {len(segments) - si} tmkit sentences left over")
    return out


# ---------------------------------------------------------------------------------------------
# Kiwi


def run_kiwi(lines):
    warnings.simplefilter("ignore")
    from kiwipiepy import Kiwi
    import kiwipiepy
    kiwi, load = timed(lambda: Kiwi(num_workers=0))
    kiwi.tokenize("준비 운동을 했다.")  # warm-up
    result, wall = timed(lambda: [[(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize(s)]
                                  for s in lines])
    return result, wall, load, kiwipiepy.__version__


def timed(f):
    t0 = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------
# Comparison


def fold(s):
    return s.casefold()


def render_tm(tokens):
    return " ".join(t["text"] + ("" if t["kind"] == "word" else "/" + t["kind"][:4]) +
                    ("" if fold(t["text"]) == t["key"] or t["kind"] != "word" else "→" + t["key"])
                    for t in tokens)


def render_kiwi(tokens):
    return "+".join(f"{f}/{tag}" for f, tag, _, _ in tokens)


def overlapping(tokens, start, end, key):
    return [t for t in tokens if key(t)[0] < end and key(t)[1] > start]


DERIVATION_TAGS = {"XPN", "XSN"}


def kiwi_reading(s, e, kiwi):
    """How Kiwi reads the span [s, e): a class, and the Kiwi tokens over it."""
    over = overlapping(kiwi, s, e, lambda k: (k[2], k[3]))
    # Kiwi's zero-length tokens (copula 이 before an ending) sit at one point.
    over += [k for k in kiwi if k[2] == k[3] and s <= k[2] < e and k not in over]
    over.sort(key=lambda k: (k[2], k[3]))
    lex = [k for k in over if base(k[1]) in LEX_TAGS]
    der = [k for k in over if base(k[1]) in DERIVATION_TAGS]
    if not lex:
        return ("grammatical" if not der else "derivation"), over
    if len(lex) == 1 and lex[0][2] <= s and e <= lex[0][3] and (lex[0][2], lex[0][3]) != (s, e):
        return "partial", over
    if len(over) == len(lex):
        return ("compound" if len(lex) >= 2 else "other"), over
    if len(over) == len(lex) + len(der):
        return "derivation", over
    return "fused", over


def classify_miss(noun, tm, kiwi):
    """Why tmkit has no key for a Kiwi noun, from the tmkit tokens over its span."""
    _, _, s, e = noun
    over = overlapping(tm, s, e, lambda t: (t["start"], t["end"]))
    if not over:
        return "no-token", over
    if len(over) == 1:
        t = over[0]
        if (t["start"], t["end"]) == (s, e):
            return "same-span", over
        if t["start"] <= s and t["end"] >= e:
            how = kiwi_reading(t["start"], t["end"], kiwi)[0]
            return {"compound": "whole-compound", "derivation": "whole-derived",
                    "fused": "fused-suffix"}.get(how, "longer"), over
        return "boundary", over
    if all(s <= t["start"] and t["end"] <= e for t in over):
        return "over-split", over
    return "boundary", over


def classify_noise(tok, kiwi):
    return kiwi_reading(tok["start"], tok["end"], kiwi)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(REPO, "..", "shared", "corpus")))
    ap.add_argument("-n", type=int, default=2000, help="number of sentences (default 2000)")
    ap.add_argument("--tmkit", default=os.path.join(REPO, ".build", "release", "tmkit"))
    ap.add_argument("--top", type=int, default=30, help="offenders to list (default 30)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin both tools to CPU 0")
    ap.add_argument("--no-system-lexicon", action="store_true", help="pass it to tmkit")
    ap.add_argument("--per-line", action="store_true",
                    help="give tmkit one file per sentence, so it learns no stems across sentences")
    ap.add_argument("--dump", help="write every miss and noise instance to this TSV file")
    args = ap.parse_args()

    if not os.access(args.tmkit, os.X_OK):
        sys.exit(f"no tmkit at {args.tmkit}: run `swift build -c release` first")
    lines, n_eligible, k = pick_sentences(args.corpus, args.n)
    pinned = not args.no_pin and pin()
    extra = ["--no-system-lexicon"] if args.no_system_lexicon else []
    with tempfile.TemporaryDirectory() as work:
        os.mkdir(os.path.join(work, "home"))
        tm, tm_wall, tm_start, nbytes, cmd = run_tmkit(args.tmkit, lines, work, pinned, extra, args.per_line)
    kw, kw_wall, kw_load, kw_version = run_kiwi(lines)

    hunspell = next((p for p in ("/usr/share/hunspell/ko.dic", "/usr/share/hunspell/ko_KR.dic")
                     if os.path.exists(p)), None)
    print(f"segment_vs_kiwi: {len(lines)} sentences (every {k}th of {n_eligible} one-line Korean "
          f"target_ko strings of {os.path.join(args.corpus, 'dev_train.tsv')}), {nbytes / 1e3:.1f} kB")
    print(f"tmkit: {cmd}   system lexicon: "
          f"{'off' if extra else (hunspell or 'none installed')}")
    print(f"       {build_info(args.tmkit, REPO)}")
    print(f"kiwi:  kiwipiepy {kw_version}, Kiwi(num_workers=0).tokenize per sentence   "
          f"pinned to CPU 0: {'yes' if pinned else 'no'}")
    print()
    print(__doc__[__doc__.index("Metrics"):__doc__.index("Usage:")].rstrip())
    print()

    # (a) recall of Kiwi nouns
    found = Counter()
    total = Counter()
    span_exact = 0
    excluded = 0
    missed = defaultdict(Counter)       # (form, tag) -> Counter of (reason, tmkit rendering)
    missed_n = Counter()
    # (b) noise
    ko_keys = 0
    noise_n = Counter()
    noise_how = defaultdict(Counter)    # key -> Counter of (reason, kiwi rendering)
    noise_reasons = Counter()
    miss_reasons = Counter()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    if dump:
        dump.write("what\tline\tform\treason\tother\tsentence\n")

    for li, (line, ttoks, ktoks) in enumerate(zip(lines, tm, kw)):
        keys = set()
        for t in ttoks:
            if t["kind"] in ("word", "number"):
                keys.add(fold(t["key"]))
                keys.add(fold(t["text"]))
        placeholders = [(t["start"], t["end"]) for t in ttoks if t["kind"] == "placeholder"]
        for noun in ktoks:
            form, tag, s, e = noun
            if base(tag) not in NOUN_TAGS:
                continue
            if any(ps <= s and e <= pe for ps, pe in placeholders):
                excluded += 1
                continue
            group = "SL" if tag == "SL" else "NNG+NNP"
            total[group] += 1
            if any(t["start"] == s and t["end"] == e and t["kind"] == "word" and t["key"] == fold(form)
                   for t in ttoks):
                span_exact += 1
            if fold(form) in keys:
                found[group] += 1
                continue
            reason, over = classify_miss(noun, ttoks, ktoks)
            miss_reasons[reason] += 1
            missed_n[(form, tag)] += 1
            missed[(form, tag)][(reason, render_tm(over))] += 1
            if dump:
                dump.write(f"miss\t{li + 1}\t{form}/{tag}\t{reason}\t{render_tm(over)}\t{line}\n")
        lexical = {fold(f) for f, tag, _, _ in ktoks if base(tag) in LEX_TAGS}
        for t in ttoks:
            if t["kind"] != "word" or t["script"] != "Hangul":
                continue
            ko_keys += 1
            if t["key"] in lexical:
                continue
            reason, over = classify_noise(t, ktoks)
            noise_reasons[reason] += 1
            noise_n[t["key"]] += 1
            noise_how[t["key"]][(reason, render_kiwi(over))] += 1
            if dump:
                dump.write(f"noise\t{li + 1}\t{t['key']}\t{reason}\t{render_kiwi(over)}\t{line}\n")
    if dump:
        dump.close()

    all_total = sum(total.values())
    all_found = sum(found.values())
    recall = all_found / all_total if all_total else 0.0
    noise_total = sum(noise_n.values())
    noise = noise_total / ko_keys if ko_keys else 0.0

    def share(a, b):
        return f"{a / b:.3f} ({a}/{b})" if b else "n/a"

    def verdict(ok):
        return "PASS" if ok else "FAIL"

    print("== Results")
    print(f"(a) recall of Kiwi nouns NNG+NNP+SL: {share(all_found, all_total)}   target >= 0.90  "
          f"{verdict(recall >= 0.90)}")
    print(f"      NNG+NNP only: {share(found['NNG+NNP'], total['NNG+NNP'])}   "
          f"SL only: {share(found['SL'], total['SL'])}   span-exact: {share(span_exact, all_total)}   "
          f"excluded inside placeholders: {excluded}")
    print(f"      misses by kind: " + ", ".join(f"{r} {c}" for r, c in miss_reasons.most_common()))
    print(f"(b) tmkit Korean-key noise: {share(noise_total, ko_keys)}   target <= 0.10  "
          f"{verdict(noise <= 0.10)}")
    print(f"      noise by kind: " + ", ".join(f"{r} {c}" for r, c in noise_reasons.most_common()))
    print()
    mb = nbytes / 1e6
    tm_net = max(tm_wall - tm_start, 1e-9)
    print("== Throughput (same run, one core each)" if pinned else "== Throughput (same run)")
    print(f"tmkit: {tm_wall:.3f} s wall for the whole file = {len(lines) / tm_wall:,.0f} sentences/s, "
          f"{mb / tm_wall:.2f} MB/s  (start-up {tm_start:.3f} s; without it "
          f"{len(lines) / tm_net:,.0f} sentences/s, {mb / tm_net:.2f} MB/s)")
    print(f"kiwi:  {kw_wall:.3f} s wall for tokenize = {len(lines) / kw_wall:,.0f} sentences/s, "
          f"{mb / kw_wall:.2f} MB/s  (model load {kw_load:.3f} s, not counted)")
    print(f"ratio tmkit/kiwi speed: {kw_wall / tm_wall:.1f}x with tmkit start-up, "
          f"{kw_wall / tm_net:.1f}x without")
    print()

    print(f"== Top {args.top} Kiwi nouns tmkit missed (count  form/TAG  why: tmkit tokens over "
          f"that span [/part = particle, /endi = ending, →key])")
    for (form, tag), c in missed_n.most_common(args.top):
        (reason, how), hc = missed[(form, tag)].most_common(1)[0]
        more = len(missed[(form, tag)]) - 1
        print(f"{c:5}  {form}/{tag:<4} {reason:<11} {how}" + (f"   (+{more} other readings)" if more else ""))
    print()
    print(f"== Top {args.top} tmkit Korean keys counted as noise (count  key  why: Kiwi's analysis of "
          f"that span)")
    for key, c in noise_n.most_common(args.top):
        (reason, how), hc = noise_how[key].most_common(1)[0]
        more = len(noise_how[key]) - 1
        print(f"{c:5}  {key:<8} {reason:<11} {how}" + (f"   (+{more} other readings)" if more else ""))


if __name__ == "__main__":
    main()
