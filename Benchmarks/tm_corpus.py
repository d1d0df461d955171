"""The corpus and peer helpers the TM benchmarks share (tm_recall.py, tm_vs_translate_toolkit.py, server_load.py).

The corpus is ../shared/corpus (see its README): dev_pairs.tsv holds every pair, dev_train.tsv
the sentence-like pairs minus 1,189 English sentences reserved as lookup queries.
"""
import hashlib
import os
import re
from corpus_tsv import esc, read_tsv, unesc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared/corpus beside the repository (a worktree one level deeper: ../../shared/corpus).
DEFAULT_CORPUS = next((c for c in (os.path.join(ROOT, "..", "shared", "corpus"), os.path.join(ROOT, "..", "..", "shared", "corpus"))
                       if os.path.isdir(c)), os.path.join(ROOT, "..", "shared", "corpus"))


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def load(corpus):
    """(pairs of dev_pairs.tsv, ids of dev_pairs rows that are in dev_train.tsv)."""
    pairs = list(read_tsv(os.path.join(corpus, "dev_pairs.tsv")))
    train_ids = {r["pair_id"] for r in read_tsv(os.path.join(corpus, "dev_train.tsv"))}
    return pairs, train_ids


def held_out_sentences(pairs, train_ids):
    """The pairs of the English sentences the corpus reserves as lookup queries (5+ words, in
    dev_pairs but not in dev_train; one line)."""
    return [p for p in pairs if len(p["source_en"].split()) >= 5 and p["id"] not in train_ids
            and "\n" not in p["source_en"]]


def held_back_short(pairs, share=40):
    """A fixed split of the short strings (English of 1-4 words, which dev_train never holds):
    the pairs whose id's md5 falls in 1/share of the range. Never used for tuning."""
    return [p for p in pairs if len(p["source_en"].split()) < 5 and "\n" not in p["source_en"]
            and "\n" not in p["target_ko"] and int(hashlib.md5(p["id"].encode()).hexdigest(), 16) % share == 0]


def tuning_queries(pairs, train_ids, share=40, residue=1):
    """Queries for tuning the lookup, disjoint from the held-back ones: the sentence pairs of
    dev_train (5+ words) and the short strings whose id's md5 falls in another 1/share of the
    range (`residue`, not 0). tm_recall.py --split tune measures on them, so misses can be
    studied without looking at the queries the figures are reported on."""
    assert residue % share != 0
    pick = lambda p: int(hashlib.md5(p["id"].encode()).hexdigest(), 16) % share == residue
    sentences = [p for p in pairs if len(p["source_en"].split()) >= 5 and p["id"] in train_ids
                 and "\n" not in p["source_en"] and pick(p)]
    short = [p for p in pairs if len(p["source_en"].split()) < 5 and "\n" not in p["source_en"]
             and "\n" not in p["target_ko"] and pick(p)]
    return sentences, short


def write_memory(path, pairs):
    """A TSV of (source, target) that `tmkit tm import --source-lang en --target-lang ko` reads."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("source\ttarget\n")
        for s, t in pairs:
            f.write(f"{esc(s)}\t{esc(t)}\n")


def grow(pairs, n, rng, path):
    """Writes a TSV of the real pairs plus generated variants (word edits on both sides) up to n rows."""
    vocab_en = [w for p in pairs[:20000] for w in p["source_en"].split() if w.isalpha()]
    vocab_ko = [w for p in pairs[:20000] for w in p["target_ko"].split()]
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\tsource_en\ttarget_ko\n")
        k = 0
        for p in pairs:
            f.write(f"{p['id']}\t{esc(p['source_en'])}\t{esc(p['target_ko'])}\n"); k += 1
        while k < n:
            p = pairs[rng.randrange(len(pairs))]
            en, ko = p["source_en"].split(), p["target_ko"].split()
            for _ in range(rng.randint(1, 3)):
                en.insert(rng.randrange(len(en) + 1), rng.choice(vocab_en))
                ko.insert(rng.randrange(len(ko) + 1), rng.choice(vocab_ko))
                if len(en) > 2 and rng.random() < 0.5:
                    del en[rng.randrange(len(en))]
            f.write(f"g{k:07d}\t{esc(' '.join(en))}\t{esc(' '.join(ko))}\n"); k += 1
    return k


def tt_matcher(memory_pairs, min_similarity, max_candidates):
    """translate-toolkit's matcher (RapidFuzz Levenshtein) over (source, target) pairs."""
    from translate.search.match import matcher
    from translate.storage import base
    # matcher keeps (score, unit) in a heap; equal scores would compare units and raise.
    base.TranslationUnit.__lt__ = lambda self, other: False
    store = base.TranslationStore()
    for s, t in memory_pairs:
        u = base.TranslationUnit(s)
        u.target = t
        store.addunit(u)
    return matcher(store, max_candidates=max_candidates, min_similarity=min_similarity, max_length=100000)
