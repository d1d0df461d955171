#!/usr/bin/env python3
"""tmkit serve on PostgreSQL under load, beside pg_trgm's `%` on the same entries, in one run.

Starts a throwaway PostgreSQL cluster on loopback (initdb/pg_ctl, as the postgres user when run
as root), a `tmkit serve --database` on it, imports ENTRIES pairs of the shared corpus through
the HTTP import route (entries/s), then for SECONDS runs CLIENTS concurrent keep-alive clients
doing lookups over HTTP (p50, p99, requests/s), twice: at the API's default threshold (matches
of 75 and more, what a CAT tool asks for) and at minScore 0 (the best match whatever its score,
which makes the wide pass when nothing reaches 75). The queries are stored sources and targets with
one word dropped, changed or added, so each has a known right answer: top-1 recall is whether
the first match is that entry. The same queries then go to pg_trgm the Weblate/Tolgee way
(`source % q ORDER BY similarity DESC LIMIT 1` with a GIN trigram index), timed inside
PostgreSQL (no HTTP, no client: a floor for its latency), with its top-1 recall.

Usage: Benchmarks/server_load.py [--entries N] [--clients 16] [--seconds 20] [--tmkit PATH]
Past the corpus's 90,910 pairs (--entries 1000000) the memory is grown with generated variants.
Needs PostgreSQL's server (Debian postgresql) and ../shared/corpus/dev_pairs.tsv.
"""
import argparse, http.client, json, os, random, re, resource, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
from urllib.parse import quote
from corpus_tsv import unesc
from tm_corpus import grow, load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_corpus():
    for base in (os.path.dirname(ROOT), os.path.dirname(os.path.dirname(ROOT))):
        p = os.path.join(base, "shared", "corpus", "dev_pairs.tsv")
        if os.path.exists(p):
            return p
    sys.exit("server_load: ../shared/corpus/dev_pairs.tsv not found")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pg_bin():
    root = "/usr/lib/postgresql"
    for v in sorted(os.listdir(root), key=lambda x: -int(x) if x.isdigit() else 0):
        if os.path.exists(f"{root}/{v}/bin/initdb"):
            return f"{root}/{v}/bin"
    sys.exit("server_load: PostgreSQL's server is not installed")


def as_pg(args, **kw):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def perturb(text, rng):
    words = text.split(" ")
    if len(words) < 3:
        return None
    i = rng.randrange(len(words))
    op = rng.choice(["drop", "change", "add"])
    if op == "drop":
        del words[i]
    elif op == "change":
        words[i] = rng.choice(["new", "other", "some", "새", "다른"])
    else:
        words.insert(i, rng.choice(["now", "also", "지금", "또"]))
    return " ".join(words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=90_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--tmkit", default=None)
    ap.add_argument("--grown-dir", default="/tmp/tmkit-bench", help="where a memory grown past the corpus is kept")
    a = ap.parse_args()
    tmkit = a.tmkit or next((p for p in (f"{ROOT}/.build/release/tmkit", f"{ROOT}/.build/debug/tmkit") if os.path.exists(p)), None)
    if not tmkit:
        sys.exit("server_load: build tmkit first (swift build -c release --product tmkit)")
    corpus = find_corpus()
    if a.entries > 90_910:
        # Past the corpus: the real pairs plus generated variants (word edits on both sides), as
        # tm_vs_translate_toolkit.py --scale grows its memory; kept in --grown-dir for the next run.
        os.makedirs(a.grown_dir, exist_ok=True)
        corpus_grown = os.path.join(a.grown_dir, f"memory_{a.entries}.tsv")
        if not os.path.exists(corpus_grown):
            real, _ = load(os.path.dirname(corpus))
            grow(real, a.entries, random.Random(8), corpus_grown)
        corpus = corpus_grown
    pairs = []
    with open(corpus, encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 3:
                pairs.append((cells[1], cells[2]))
            if len(pairs) >= a.entries:
                break
    work = tempfile.mkdtemp(prefix="tmkit-server-bench-")
    os.chmod(work, 0o777)
    if os.getuid() == 0:
        shutil.chown(work, "postgres")
    bin_ = pg_bin()
    port = free_port()
    data = f"{work}/data"
    as_pg([f"{bin_}/initdb", "-D", data, "-U", "tmkit", "--auth=trust", "--no-locale", "-E", "UTF8"])
    with open(f"{data}/postgresql.conf", "a") as conf:
        conf.write(f"\nlisten_addresses='127.0.0.1'\nport={port}\nunix_socket_directories='{work}'\n"
                   "shared_buffers=512MB\nsynchronous_commit=off\nmax_connections=100\n")
    as_pg([f"{bin_}/pg_ctl", "-D", data, "-l", f"{work}/log", "-w", "start"])
    url = f"postgres://tmkit@127.0.0.1:{port}/postgres"

    def psql(sql):
        return subprocess.run([f"{bin_}/psql", "-h", "127.0.0.1", "-p", str(port), "-U", "tmkit", "-d", "postgres", "-At", "-c", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    server = None
    try:
        token = subprocess.run([tmkit, "serve", "token", "create", "--scope", "write", "--database", url],
                               check=True, capture_output=True, text=True).stdout.strip().split("\n")[-1]
        server = subprocess.Popen([tmkit, "serve", "--database", url, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            sys.exit(f"server_load: tmkit serve did not start: {line}")
        http_port = int(m.group(1))
        tsv = f"{work}/pairs.tsv"
        with open(tsv, "w", encoding="utf-8") as f:
            f.write("source_en\ttarget_ko\n")
            for e, k in pairs:
                f.write(f"{e}\t{k}\n")
        # Import through HTTP: one transaction for the file.
        body = open(tsv, "rb").read()
        c = http.client.HTTPConnection("127.0.0.1", http_port, timeout=3600)
        t0 = time.time()
        c.request("POST", "/api/v1/memories/default/import?filename=pairs.tsv", body=body, headers={"Authorization": f"Bearer {token}"})
        r = c.getresponse()
        summary = json.loads(r.read())
        import_s = time.time() - t0
        if r.status != 200:
            sys.exit(f"server_load: import failed: {summary}")
        added = summary["added"]
        print(f"import: {summary['read']} read, {added} added in {import_s:.1f} s over HTTP: {added / import_s:,.0f} entries/s")
        # What follows any bulk load: statistics and the visibility map brought up to date, so
        # the load below does not race autovacuum's first pass over a million new rows.
        t0 = time.time()
        psql("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE after the import: {time.time() - t0:.1f} s")

        rng = random.Random(13)
        queries = []  # (query, language, expected source side text)
        sample = rng.sample(range(len(pairs)), min(len(pairs), a.queries * 3))
        for i in sample:
            e, k = unesc(pairs[i][0]), unesc(pairs[i][1])
            for text, lang in ((e, "en"), (k, "ko")):
                q = perturb(text, rng)
                if q and len(queries) < a.queries:
                    queries.append((q, lang, text))
        print(f"queries: {len(queries)} ({sum(1 for q in queries if q[1] == 'ko')} Korean), each a stored text with one word dropped, changed or added")

        def lookup_path(q, lang, min_score=0):
            tgt = "ko" if lang == "en" else "en"
            threshold = "" if min_score is None else f"&minScore={min_score}"
            return f"/api/v1/memories/default/lookup?limit=1{threshold}&sourceLanguage={lang}&targetLanguage={tgt}&q={quote(q, safe='')}"

        # Recall (one pass, one client), at minScore 0 so that every query has a best match.
        # The pass also brings the tables into PostgreSQL's cache, as a running server has them.
        conn = http.client.HTTPConnection("127.0.0.1", http_port)
        hits = 0
        for q, lang, expected in queries:
            conn.request("GET", lookup_path(q, lang), headers={"Authorization": f"Bearer {token}"})
            res = json.loads(conn.getresponse().read())
            top = res["matches"][0]["source"] if res["matches"] else None
            hits += top == expected
        tm_recall = hits / len(queries)

        def load(min_score, label):
            """CLIENTS keep-alive clients for SECONDS; prints and returns the p50 in ms."""
            latencies, errors = [], [0]
            lock = threading.Lock()
            stop_at = time.time() + a.seconds

            def client(n):
                cn = http.client.HTTPConnection("127.0.0.1", http_port)
                local = []
                i = n
                while time.time() < stop_at:
                    q, lang, _ = queries[i % len(queries)]
                    i += a.clients
                    t = time.perf_counter()
                    cn.request("GET", lookup_path(q, lang, min_score), headers={"Authorization": f"Bearer {token}"})
                    resp = cn.getresponse()
                    resp.read()
                    local.append(time.perf_counter() - t)
                    if resp.status != 200:
                        with lock:
                            errors[0] += 1
                with lock:
                    latencies.extend(local)

            started = time.time()
            threads = [threading.Thread(target=client, args=(n,)) for n in range(a.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.time() - started
            latencies.sort()
            p = lambda x: latencies[min(len(latencies) - 1, int(x * len(latencies)))] * 1000
            print(f"tmkit lookup over HTTP, {label}, {a.clients} clients, {wall:.1f} s: {len(latencies) / wall:,.0f} requests/s, "
                  f"p50 {p(0.50):.2f} ms, p99 {p(0.99):.2f} ms, errors {errors[0]}")
            return p(0.50)

        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        load(None, "the API's default threshold (matches of 75 and more)")
        p50 = load(0, "minScore 0 (the best match whatever its score, with the wide pass)")
        print(f"top-1 recall at minScore 0: {tm_recall:.3f}")

        # pg_trgm, the Weblate/Tolgee way, on the same entries and queries.
        t0 = time.time()
        psql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        psql("CREATE INDEX tmkit_entry_source_trgm ON tmkit_entry USING gin (source gin_trgm_ops)")
        psql("CREATE INDEX tmkit_entry_target_trgm ON tmkit_entry USING gin (target gin_trgm_ops)")
        print(f"pg_trgm: GIN indexes on source and target built in {time.time() - t0:.1f} s")
        psql("CREATE TABLE bench_query (n serial, q text, lang text, expected text, ms float8, top text)")
        values = ",".join("(" + ",".join("'" + s.replace("'", "''") + "'" for s in (q, lang, exp)) + ")" for q, lang, exp in queries)
        psql(f"INSERT INTO bench_query(q, lang, expected) VALUES {values}")
        psql("""
            DO $$
            DECLARE r record; t0 timestamptz; best text;
            BEGIN
              FOR r IN SELECT * FROM bench_query ORDER BY n LOOP
                t0 := clock_timestamp();
                IF r.lang = 'en' THEN
                  SELECT source INTO best FROM tmkit_entry WHERE source % r.q ORDER BY similarity(source, r.q) DESC LIMIT 1;
                ELSE
                  SELECT target INTO best FROM tmkit_entry WHERE target % r.q ORDER BY similarity(target, r.q) DESC LIMIT 1;
                END IF;
                UPDATE bench_query SET ms = extract(epoch FROM clock_timestamp() - t0) * 1000, top = best WHERE n = r.n;
              END LOOP;
            END $$""")
        rows = psql("SELECT ms, (top IS NOT DISTINCT FROM expected)::int, lang FROM bench_query").split("\n")
        ms = sorted(float(r.split("|")[0]) for r in rows)
        trgm_recall = sum(int(r.split("|")[1]) for r in rows) / len(rows)
        ko = [r for r in rows if r.endswith("|ko")]
        trgm_ko = sum(int(r.split("|")[1]) for r in ko) / max(1, len(ko))
        q = lambda x: ms[min(len(ms) - 1, int(x * len(ms)))]
        print(f"pg_trgm % (one backend, inside PostgreSQL, no HTTP): p50 {q(0.5):.2f} ms, p99 {q(0.99):.2f} ms, "
              f"{1000 / statistics.mean(ms):,.0f} queries/s serial; top-1 recall {trgm_recall:.3f} (Korean {trgm_ko:.3f})")
        print(f"recall ratio tmkit/pg_trgm: {tm_recall / max(trgm_recall, 1e-9):.2f}; "
              f"p50 ratio pg_trgm/tmkit-over-HTTP at minScore 0: {q(0.5) / p50:.2f}")
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"(2 cores shared by the clients, tmkit serve and PostgreSQL; entries {added:,}; database "
              f"{psql('SELECT pg_size_pretty(pg_database_size(current_database()))')})")
    finally:
        if server:
            server.terminate()
            server.wait()
        subprocess.run(["runuser", "-u", "postgres", "--", f"{bin_}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"] if os.getuid() == 0
                       else [f"{bin_}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
