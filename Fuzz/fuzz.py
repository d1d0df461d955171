#!/usr/bin/env python3
"""Mutation fuzzing of tmkit's readers through the built binary.

One target per reader (TMX, XLIFF 1.2, XLIFF 2.0, TBX 2008, TBX 2019, PO, TSV, CSV, Markdown,
HTML, plain text). Each target takes seed files (Fuzz/seeds, the test fixtures, the regression inputs),
mutates them (bit flips, byte and token insertion, deletion, duplication, splicing of XML and
encoding tricks: DOCTYPE and ENTITY declarations, deep nesting, bad UTF-8, BOMs, long Hangul
runs), and runs the command a user would (`tm import`, `pretranslate`, `glossary import`, `align`).

A finding is: a crash (killed by a signal or exit >= 2 other than ArgumentParser usage errors),
a hang (no exit within --timeout), raw parser output, or an exit 1 whose stderr is not one line
naming the input file. Findings are written to
--out/<target>/ and make the script exit 1; copy them into
Tests/FormatsTests/Fixtures/regressions/fuzz/ to make them regression tests.

    python3 Fuzz/fuzz.py --binary .build/debug/tmkit --seconds 15
    python3 Fuzz/fuzz.py --targets tmx,xliff12 --seconds 300 --seed 7
"""
import argparse
import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "FormatsTests", "Fixtures")


def files(*patterns):
    out = []
    for p in patterns:
        out += sorted(glob.glob(os.path.join(ROOT, p)))
    return [f for f in out if os.path.isfile(f) and os.path.getsize(f) <= 256 * 1024]


# name: (extension, command kind, seed files)
TARGETS = {
    "tmx": (".tmx", "import", files("Tests/FormatsTests/Fixtures/*.tmx", "Tests/FormatsTests/Fixtures/regressions/*.tmx")),
    "xliff12": (".xlf", "import+pretranslate", files("Tests/FormatsTests/Fixtures/sample12.xlf", "Tests/FormatsTests/Fixtures/sample.sdlxliff",
                                                     "Tests/FormatsTests/Fixtures/regressions/*.xlf")),
    "xliff20": (".xlf", "import+pretranslate", files("Tests/FormatsTests/Fixtures/sample20.xlf")),
    "tbx2008": (".tbx", "glossary", files("Fuzz/seeds/glossary2008.tbx")),
    "tbx2019": (".tbx", "glossary", files("Fuzz/seeds/glossary2019.tbx", "Glossary/seeds.tbx")),
    "po": (".po", "import+pretranslate", files("Tests/FormatsTests/Fixtures/*.po")),
    "tsv": (".tsv", "import", files("Tests/FormatsTests/Fixtures/*.tsv")),
    "csv": (".csv", "import", files("Tests/FormatsTests/Fixtures/*.csv")),
    "markdown": (".md", "pretranslate+align", files("Fuzz/seeds/*.md", "README.md")),
    "html": (".html", "align", files("Fuzz/seeds/*.html")),
    "text": (".txt", "pretranslate", files("Fuzz/seeds/*.txt", "seeds/*.txt")),
}

TOKENS = [b"<!DOCTYPE x [", b"<!ENTITY e \"", b"<!ENTITY % p \"", b"SYSTEM \"file:///etc/passwd\"", b"&e;", b"%p;", b"]>",
          b"<![CDATA[", b"]]>", b"<?", b"?>", b"<?x?>", b"<!--", b"-->", b"<!NOTATION n SYSTEM \"x\">", b"&#0;", b"&#x1F;",
          b"&amp;", b"&lt;", b"&#xD800;", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\xc3", b"\xed\xa0\x80",
          b"\xb9\xf8\xbf\xaa", b"\r\n", b"\"", b"'", b"\\", b"\t", b"<", b">", b"/>", b"</", b"xmlns:x=\"u\" ", b"x:",
          b"xml:lang=\"ko\" ", b"srclang=\"*all*\" ", b"<tu>", b"</tu>", b"<seg>", b"<g id=\"1\">", b"<ph>", b"<x id=\"1\"/>",
          b"msgid \"", b"msgstr[0] \"", b"#, fuzzy\n", b"\"\"\n", b"\",\"", b"%s", b"{0}", "한국어".encode(), "유럽안보".encode() * 50,
          b"# ", b"```", b"**", b"[a](b)", b"<b>", b"\n\n",
          b"<script>", b"</script", b"<pre>", b"</pre>", b"<li>", b"</ul>", b"<h1>", b"<br>", b"&nbsp;", b"&#x110000;",
          b"&#99999999999;", b"&", b"<p", b"<!", b"<![CDATA[x", b"<style>", b"</"]


def mutate(data: bytes, rng: random.Random, pool) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3, 5, 8])):
        op = rng.randrange(10)
        n = len(b)
        i = rng.randrange(n + 1) if n else 0
        if op == 0 and n:
            b[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1 and n:
            b[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:
            b[i:i] = rng.choice(TOKENS)
        elif op == 3 and n:
            j = min(n, i + rng.randrange(1, 64))
            del b[i:j]
        elif op == 4 and n:
            j = min(n, i + rng.randrange(1, 256))
            b[i:i] = b[i:j] * rng.randrange(1, 8)
        elif op == 5 and n:
            b = b[: rng.randrange(n)]  # truncation
        elif op == 6:
            other = rng.choice(pool)
            if other:
                k = rng.randrange(len(other))
                b[i:i] = other[k : k + rng.randrange(1, 512)]
        elif op == 7:
            depth = rng.choice([10, 300, 3000, 12000])
            b[i:i] = b"<g>" * depth + b"x" + b"</g>" * depth
        elif op == 8:
            b[i:i] = rng.choice(["가나다라마바사".encode(), "\u00e9t\u00e9".encode("latin-1"), "번역".encode("euc-kr")]) * rng.randrange(1, 400)
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(b)


class Runner:
    def __init__(self, binary, timeout):
        self.binary = binary
        self.timeout = timeout
        self.work = tempfile.mkdtemp(prefix="tmkit-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        self.home = os.path.join(self.work, "home")
        os.makedirs(self.home)
        self.env = dict(os.environ, TMKIT_HOME=self.home)
        self.store = os.path.join(self.work, "base.sqlite")
        pairs = os.path.join(self.work, "base.tsv")
        with open(pairs, "w") as f:
            f.write("source_en\ttarget_ko\nOpen the file.\t파일을 엽니다.\nSave the file\t파일 저장\n")
        subprocess.run([binary, "tm", "import", "--tm", self.store, pairs], env=self.env, capture_output=True, check=True)

    def commands(self, kind, path):
        store = os.path.join(self.work, "run.sqlite")
        shutil.copyfile(self.store, store)
        out = os.path.join(self.work, "out")
        cmds = []
        if "import" in kind:
            cmds.append([self.binary, "tm", "import", "--tm", store, path])
        if "pretranslate" in kind:
            cmds.append([self.binary, "pretranslate", path, "-o", out, "--tm", store])
        if kind == "glossary":
            cmds.append([self.binary, "glossary", "import", path])
        if "align" in kind:
            # The document against itself: both sides go through the reader (Alignment's
            # HTML and Markdown paragraphs), then the sentence aligner.
            cmds.append([self.binary, "align", path, path, "-o", os.path.join(self.work, "pairs.tsv")])
        return cmds

    def run(self, kind, data, ext):
        """Runs every command for one input; returns (executions, finding or None)."""
        path = os.path.join(self.work, "input" + ext)
        with open(path, "wb") as f:
            f.write(data)
        shutil.rmtree(os.path.join(self.work, "out"), ignore_errors=True)
        gloss = os.path.join(self.home, "glossary.tbx")
        if os.path.exists(gloss):
            os.remove(gloss)
        n = 0
        for cmd in self.commands(kind, path):
            n += 1
            try:
                p = subprocess.run(cmd, env=self.env, capture_output=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                return n, f"hang (> {self.timeout}s): {' '.join(cmd[1:3])}"
            if p.returncode < 0 or p.returncode >= 2 and p.returncode != 64:
                return n, f"exit {p.returncode} (crash?): {' '.join(cmd[1:3])}: {p.stderr.decode(errors='replace')[-300:]}"
            err = p.stderr.decode(errors="replace")
            if "parser error" in err or "namespace error" in err or any(l.strip() == "^" for l in err.splitlines()):
                return n, f"raw parser output on stderr: {' '.join(cmd[1:3])}: {err[:300]}"
            if p.returncode == 1:
                lines = [l for l in err.splitlines() if l.strip() and not l.startswith(("note: ", "warning: ", "tmkit: warning: "))]
                # One input file: the error is one line, and it names the file.
                if len(lines) != 1 or os.path.basename(path) not in lines[0]:
                    return n, f"exit 1 without a one-line error naming the file: {' '.join(cmd[1:3])}: {err[:300]}"
        return n, None

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "tmkit"))
    ap.add_argument("--seconds", type=float, default=15, help="time per target")
    ap.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ",".join(TARGETS))
    ap.add_argument("--timeout", type=float, default=20, help="seconds before a run counts as a hang")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", default=os.path.join(ROOT, "Fuzz", "findings"))
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"fuzz: no tmkit binary at {args.binary} (swift build first)")
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    runner = Runner(args.binary, args.timeout)
    total_findings = 0
    print(f"fuzz: seed {seed}, {args.seconds:g} s per target, binary {args.binary}")
    print(f"{'target':10} {'seeds':>5} {'inputs':>7} {'execs':>7} {'execs/s':>8} {'findings':>8}")
    try:
        for name in args.targets.split(","):
            ext, kind, seeds = TARGETS[name]
            pool = [open(s, "rb").read() for s in seeds]
            if not pool:
                print(f"{name:10} no seeds, skipped")
                continue
            inputs = execs = findings = 0
            start = time.monotonic()
            first = True
            while time.monotonic() - start < args.seconds:
                # Each seed once unmutated, then mutants.
                data = pool[inputs] if first and inputs < len(pool) else mutate(rng.choice(pool), rng, pool)
                if first and inputs + 1 >= len(pool):
                    first = False
                n, finding = runner.run(kind, data, ext)
                inputs += 1
                execs += n
                if finding:
                    findings += 1
                    folder = os.path.join(args.out, name)
                    os.makedirs(folder, exist_ok=True)
                    stem = os.path.join(folder, f"{name}-{seed}-{inputs}")
                    with open(stem + ext, "wb") as f:
                        f.write(data)
                    with open(stem + ".txt", "w") as f:
                        f.write(finding + "\n")
                    print(f"  {name}: {finding.splitlines()[0][:160]} -> {stem + ext}")
            elapsed = time.monotonic() - start
            total_findings += findings
            print(f"{name:10} {len(pool):5} {inputs:7} {execs:7} {execs / elapsed:8.1f} {findings:8}")
    finally:
        runner.close()
    if total_findings:
        print(f"fuzz: {total_findings} findings in {args.out}")
        sys.exit(1)


if __name__ == "__main__":
    main()
