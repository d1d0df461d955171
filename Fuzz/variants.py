#!/usr/bin/env python3
"""The inputs of ../shared/regressions, and variants made the same way, through every command
that reads their format.

The regression files are TMX, XLIFF and CSV. Each trick they carry (a processing instruction
without data, a NOTATION or NDATA declaration, a non-UTF-8 byte in a name, comment or PI, an
EUC-KR file without a declaration, an external entity in UCS-4, EBCDIC, UTF-7 or UTF-16, an
internal entity, an entity bomb, deep nesting, a unit inside a unit, a 70k-syllable Hangul run)
is put into a small valid document of every XML format (TMX, XLIFF 1.2, XLIFF 2.0, TBX) and the
run into every text format (TSV, CSV, PO, text, Markdown, HTML), then run through each command
that reads that format: `tm import` (by path, as `.xml`, from stdin), `pretranslate`, `analyze`,
`glossary import`, `pretranslate --glossary`, `segment`, `align`.

Each run must end in one of two ways:
  - exit 0 with the full text: every unit's source and target (entities expanded) in the
    memory (`tm list`), every unit in pretranslate's output, every term in the glossary;
  - exit 1 with a one-line error that names the file (with line:column for XML errors), and
    the memory as it was.
A crash, a hang (--timeout), another exit status, raw parser output, or text missing is a
failure; the script prints each and exits 1.

    python3 Fuzz/variants.py --binary .build/release/tmkit [--regressions ../shared/regressions]
"""
import argparse, glob, json, os, re, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGRESSIONS = next((c for c in (os.path.join(ROOT, "..", "shared", "regressions"), os.path.join(ROOT, "..", "..", "shared", "regressions"))
                    if os.path.isdir(c)), os.path.join(ROOT, "Tests", "FormatsTests", "Fixtures", "regressions"))

UNITS = [("Open the file", "파일 열기"), ("Save the document", "문서 저장")]
HANGUL_RUN = "유럽안보협력기구정상회의" * 6000  # 72,000 syllables, no space


def xml_doc(fmt, units, prolog="", in_root="", nest=None, decl='<?xml version="1.0" encoding="UTF-8"?>\n'):
    """A small valid document of `fmt` holding `units` (source, target), with `prolog` after the
    XML declaration, `in_root` right inside the root element, and `nest` (outer, inner) to wrap the
    units in nested elements."""
    def wrap(body):
        if not nest:
            return body
        o, c = nest
        return o + body + c
    if fmt == "tmx":
        tus = "".join(f'<tu><tuv xml:lang="en"><seg>{s}</seg></tuv><tuv xml:lang="ko"><seg>{t}</seg></tuv></tu>\n' for s, t in units)
        return (decl + prolog + f'<tmx version="1.4">{in_root}<header srclang="en" creationtool="x" creationtoolversion="1" '
                'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>\n<body>\n' + wrap(tus) + "</body></tmx>\n")
    if fmt == "xliff12":
        tus = "".join(f'<trans-unit id="t{i}"><source>{s}</source><target>{t}</target></trans-unit>\n' for i, (s, t) in enumerate(units))
        return (decl + prolog + f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">{in_root}\n'
                '<file original="a" source-language="en" target-language="ko" datatype="plaintext"><body>\n' + wrap(tus)
                + "</body></file></xliff>\n")
    if fmt == "xliff20":
        us = "".join(f'<unit id="u{i}"><segment><source>{s}</source><target>{t}</target></segment></unit>\n' for i, (s, t) in enumerate(units))
        return (decl + prolog + f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">{in_root}\n'
                '<file id="f1">\n' + wrap(us) + "</file></xliff>\n")
    if fmt == "tbx":
        cs = "".join(f'<conceptEntry id="c{i}"><langSec xml:lang="en"><termSec><term>{s}</term></termSec></langSec>'
                     f'<langSec xml:lang="ko"><termSec><term>{t}</term></termSec></langSec></conceptEntry>\n' for i, (s, t) in enumerate(units))
        return (decl + prolog + f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">{in_root}'
                '<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n' + wrap(cs)
                + "</body></text></tbx>\n")
    raise ValueError(fmt)


ROOT_NAME = {"tmx": "tmx", "xliff12": "xliff", "xliff20": "xliff", "tbx": "tbx"}
EXT = {"tmx": ".tmx", "xliff12": ".xlf", "xliff20": ".xlf", "tbx": ".tbx"}
NEST = {  # an element that may hold itself, for deep nesting
    "tmx": None, "xliff12": ("<group>", "</group>"), "xliff20": ("<group id=\"g{}\">", "</group>"), "tbx": None}
UNIT_IN_UNIT = {
    "tmx": '<tu><tuv xml:lang="en"><seg>Outer</seg></tuv><tu><tuv xml:lang="en"><seg>Inner</seg></tuv><tuv xml:lang="ko"><seg>안쪽</seg></tuv></tu><tuv xml:lang="ko"><seg>바깥</seg></tuv></tu>\n',
    "xliff12": '<trans-unit id="o"><source>Outer</source><trans-unit id="i"><source>Inner</source><target>안쪽</target></trans-unit><target>바깥</target></trans-unit>\n',
    "xliff20": '<unit id="o"><segment><source>Outer</source><target>바깥</target></segment><unit id="i"><segment><source>Inner</source><target>안쪽</target></segment></unit></unit>\n',
    "tbx": '<conceptEntry id="o"><langSec xml:lang="en"><termSec><term>Outer</term></termSec></langSec><conceptEntry id="i"><langSec xml:lang="en"><termSec><term>Inner</term></termSec></langSec><langSec xml:lang="ko"><termSec><term>안쪽</term></termSec></langSec></conceptEntry><langSec xml:lang="ko"><termSec><term>바깥</term></termSec></langSec></conceptEntry>\n',
}


def declared(encoding):
    return f'<?xml version="1.0" encoding="{encoding}"?>\n'


def xml_variants(fmt):
    """(name, bytes, expected units or None when an error is expected, or "either")."""
    r = ROOT_NAME[fmt]
    u = UNITS
    out = []
    add = lambda name, data, expect: out.append((f"{fmt}-{name}", data, expect))
    add("plain", xml_doc(fmt, u).encode(), u)
    add("pi-without-data", xml_doc(fmt, u, in_root="<?x?>").encode(), u)
    add("pi-without-data-prolog", xml_doc(fmt, u, prolog="<?x?>\n").encode(), u)
    add("notation-system", xml_doc(fmt, u, prolog=f'<!DOCTYPE {r} [<!NOTATION n SYSTEM "x">]>\n').encode(), u)
    add("notation-public", xml_doc(fmt, u, prolog=f'<!DOCTYPE {r} [<!NOTATION n PUBLIC "p">]>\n').encode(), u)
    for name, trick in (("element-name", b"<a\xff/>"), ("attribute-name", b'<a b\xff="1"/>'), ("entity-name", b"&\xff;"),
                        ("comment", b"<!-- \xff -->"), ("pi", b"<?\xff x?>")):
        doc = xml_doc(fmt, u, in_root="@@").encode().replace(b"@@", trick)
        add("bad-utf8-" + name, doc, None if name in ("element-name", "attribute-name", "entity-name") else "either")
    ndata = f'<!DOCTYPE {r} [<!NOTATION n SYSTEM "x"><!ENTITY u SYSTEM "x" NDATA n>]>\n'
    add("ndata-ucs4", xml_doc(fmt, u, prolog=ndata, decl=declared("UCS-4")).encode("utf-32-be"), "either")
    add("ndata-utf16", xml_doc(fmt, u, prolog=ndata, decl=declared("UTF-16")).encode("utf-16"), u)
    # EUC-KR without a declaration, with a Korean comment.
    add("euckr-undeclared-comment", xml_doc(fmt, u, prolog="<!-- 번역 메모리: 한국어 -->\n", decl='<?xml version="1.0"?>\n').encode("euc-kr"), "either")
    add("euckr-declared", xml_doc(fmt, u, prolog="<!-- 번역 메모리 -->\n", decl=declared("EUC-KR")).encode("euc-kr"), u)
    # External entities: refused by name in every encoding, nothing stored.
    xxe = f'<!DOCTYPE {r} [<!ENTITY xxe SYSTEM "file:///nonexistent/secret.txt">]>\n'
    xu = [("A &xxe; B", "가 &xxe; 나")] + u
    add("xxe-utf8", xml_doc(fmt, xu, prolog=xxe).encode(), None)
    add("xxe-utf16", xml_doc(fmt, xu, prolog=xxe, decl=declared("UTF-16")).encode("utf-16"), None)
    add("xxe-ucs4", xml_doc(fmt, xu, prolog=xxe, decl=declared("UCS-4")).encode("utf-32-be"), None)
    add("xxe-ebcdic", xml_doc(fmt, [("A &xxe; B", "A &xxe; B")], prolog=xxe, decl=declared("IBM037")).encode("cp037"), None)
    add("xxe-utf7", xml_doc(fmt, xu, prolog=xxe.replace("<!ENTITY", "+ADw-!ENTITY").replace('">]', '"+AD4-]'), decl=declared("UTF-7")).encode("utf-7"), None)
    add("xxe-parameter", xml_doc(fmt, u, prolog=f'<!DOCTYPE {r} [<!ENTITY % p SYSTEM "file:///nonexistent/x.dtd"> %p;]>\n').encode(), None)
    add("external-dtd", xml_doc(fmt, u, prolog=f'<!DOCTYPE {r} SYSTEM "file:///nonexistent/x.dtd">\n').encode(), "either")
    # Internal entities are expanded.
    ent = f'<!DOCTYPE {r} [<!ENTITY prod "Acme Writer">]>\n'
    add("internal-entity", xml_doc(fmt, [("About &prod;", "&prod; 정보")] + u, prolog=ent).encode(), [("About Acme Writer", "Acme Writer 정보")] + u)
    add("internal-entity-utf16", xml_doc(fmt, [("About &prod;", "&prod; 정보")] + u, prolog=ent, decl=declared("UTF-16")).encode("utf-16"),
        [("About Acme Writer", "Acme Writer 정보")] + u)
    small = "x" * 1000
    add("entity-amplified-small", xml_doc(fmt, [("&a;" * 100, "큰 " + "&a;" * 100)] + u, prolog=f'<!DOCTYPE {r} [<!ENTITY a "{small}">]>\n').encode(),
        [(small * 100, "큰 " + small * 100)] + u)
    big = "x" * 100_000
    add("entity-bomb", xml_doc(fmt, [("&a;" * 10_000, "폭탄")] + u, prolog=f'<!DOCTYPE {r} [<!ENTITY a "{big}">]>\n').encode(), None)
    lol = f'<!DOCTYPE {r} [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' \
          '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">' \
          '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\n'
    add("billion-laughs", xml_doc(fmt, [("&h;", "웃음")] + u, prolog=lol).encode(), None)
    # Nesting: deep but legal is read in full; past the limit is an error, never a truncation.
    if NEST[fmt]:
        o, c = NEST[fmt]
        for depth, expect in ((300, u), (3000, u), (20000, None)):
            opens = "".join(o.format(i) for i in range(depth))
            add(f"nested-{depth}", xml_doc(fmt, u, nest=(opens, c * depth)).encode(), expect)
    deep_seg = "<hi>" * 300 + "deep" + "</hi>" * 300 if fmt == "tmx" else None
    if deep_seg:
        add("deep-inline-300", xml_doc(fmt, [(deep_seg, "깊은")] + u).encode(), "either")
    add("unit-in-unit", xml_doc(fmt, u, nest=(UNIT_IN_UNIT[fmt], "")).encode(), "either")
    add("hangul-70k", xml_doc(fmt, [("Long run", HANGUL_RUN)] + u).encode(), [("Long run", HANGUL_RUN)] + u)
    add("control-char", xml_doc(fmt, [("Bell \x07 here", "종")] + u).encode(), None)
    add("truncated", xml_doc(fmt, u).encode()[:-40], None)
    add("empty", b"", None)
    add("bom-utf8", b"\xef\xbb\xbf" + xml_doc(fmt, u).encode(), u)
    return out


def text_variants():
    u = UNITS
    out = []
    for fmt, ext, make in (
            ("tsv", ".tsv", lambda us: "source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in us)),
            ("csv", ".csv", lambda us: "source,target\n" + "".join(f'"{s}","{t}"\n' for s, t in us)),
            ("po", ".po", lambda us: 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'
             + "".join(f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in us))):
        add = lambda name, data, expect: out.append((f"{fmt}-{name}", ext, data, expect))
        add("plain", make(u).encode(), u)
        add("hangul-70k", make([("Long run", HANGUL_RUN)] + u).encode(), [("Long run", HANGUL_RUN)] + u)
        add("bad-utf8", make(u).encode().replace("파일".encode(), b"\xff\xfe"), "either")
        add("nul-byte", make(u).encode().replace(b"Open", b"Op\x00en"), "either")
        add("bom-utf8", b"\xef\xbb\xbf" + make(u).encode(), u)
        add("crlf", make(u).replace("\n", "\r\n").encode(), u)
        add("huge-line", make([("Long " + "word " * 200_000, "긴 줄")] + u).encode(), "either")
        add("empty", b"", None)
    for fmt, ext in (("text", ".txt"), ("markdown", ".md"), ("html", ".html")):
        add = lambda name, data, expect: out.append((f"{fmt}-{name}", ext, data, expect))
        body = HANGUL_RUN if fmt != "html" else f"<p>{HANGUL_RUN}</p>"
        add("hangul-70k", body.encode(), "doc")
        add("bad-utf8", b"Open the file \xff\xfe here.\n", "either")
        add("euckr", "파일을 엽니다. 문서를 저장합니다.\n".encode("euc-kr"), "either")
        if fmt == "html":
            add("unclosed", ("<p>Open <b>the file" + "<script>" + "x" * 100_000).encode(), "doc")
            add("comment-unterminated", ("<!--" + " x" * 100_000).encode(), "doc")
    return out


class Checker:
    def __init__(self, binary, timeout):
        self.binary, self.timeout = binary, timeout
        self.work = tempfile.mkdtemp(prefix="tmkit-variants-")
        self.env = dict(os.environ, TMKIT_HOME=os.path.join(self.work, "home"))
        self.base = os.path.join(self.work, "base.sqlite")
        seed = os.path.join(self.work, "seed.tsv")
        with open(seed, "w") as f:
            f.write("source\ttarget\nKeep me\t남겨 두기\n")
        self.run([binary, "tm", "import", "--tm", self.base, "--source-lang", "en", "--target-lang", "ko", seed], check=True)
        self.failures, self.runs = [], 0

    def run(self, cmd, stdin=None, check=False):
        p = subprocess.run(cmd, env=self.env, capture_output=True, timeout=self.timeout, input=stdin)
        if check and p.returncode != 0:
            sys.exit(f"variants: {' '.join(cmd)} failed: {p.stderr.decode(errors='replace')}")
        return p

    def entries(self, store):
        p = self.run([self.binary, "tm", "list", "--tm", store, "--limit", "0", "--format", "json"])
        return {(e["source"], e["target"]) for e in json.loads(p.stdout or b"[]")}

    def fail(self, name, cmd, why, p=None):
        err = p.stderr.decode(errors="replace")[:240].replace("\n", " | ") if p is not None else ""
        self.failures.append(f"{name}: {cmd}: {why}" + (f" [exit {p.returncode}: {err}]" if p is not None else ""))

    def one_line_error(self, name, label, p, path, xml):
        lines = [l for l in p.stderr.decode(errors="replace").splitlines() if l.strip() and not l.startswith(("note: ", "warning: ", "tmkit: note", "tmkit: warning"))]
        base = os.path.basename(path) if path != "-" else "<stdin>"
        if len(lines) != 1 or (base not in lines[0] and "stdin" not in lines[0]):
            return self.fail(name, label, "the error is not one line naming the file", p)
        return lines[0]

    def check(self, name, ext, data, expect, kinds):
        path = os.path.join(self.work, "input" + ext)
        with open(path, "wb") as f:
            f.write(data)
        xml = ext in (".tmx", ".xlf", ".tbx")
        outcome = []
        for kind in kinds:
            self.runs += 1
            store = os.path.join(self.work, "run.sqlite")
            shutil.copyfile(self.base, store)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(store + suffix):
                    os.remove(store + suffix)
            out = os.path.join(self.work, "out")
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(os.path.join(self.work, "home"), ignore_errors=True)
            stdin, src = None, path
            if kind == "import":
                cmd = [self.binary, "tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko", path]
            elif kind == "import-xml":
                src = os.path.join(self.work, "input.xml")
                shutil.copyfile(path, src)
                cmd = [self.binary, "tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko", src]
            elif kind == "import-stdin":
                src, stdin = "-", data
                cmd = [self.binary, "tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko", "-"]
            elif kind == "pretranslate":
                cmd = [self.binary, "pretranslate", path, "--tm", store, "-o", out]
            elif kind == "analyze":
                cmd = [self.binary, "analyze", path, "--tm", store]
            elif kind == "glossary-import":
                cmd = [self.binary, "glossary", "import", path, "--source-lang", "en", "--target-lang", "ko"]
            elif kind == "pretranslate-glossary":
                doc = os.path.join(self.work, "doc.txt")
                with open(doc, "w") as f:
                    f.write("Open the file and save the document.\n")
                cmd = [self.binary, "pretranslate", doc, "--tm", store, "--glossary", path, "-o", out]
            elif kind == "segment":
                cmd = [self.binary, "segment", path]
            elif kind == "align":
                cmd = [self.binary, "align", path, path, "-o", os.path.join(self.work, "pairs.tsv")]
            label = kind
            t0 = time.monotonic()
            try:
                p = self.run(cmd, stdin=stdin)
            except subprocess.TimeoutExpired:
                self.fail(name, label, f"hang (> {self.timeout} s)")
                outcome.append(f"{kind}: HANG")
                continue
            secs = time.monotonic() - t0
            err = p.stderr.decode(errors="replace")
            if p.returncode < 0 or p.returncode not in (0, 1):
                self.fail(name, label, "crash or unexpected exit", p)
                outcome.append(f"{kind}: exit {p.returncode}")
                continue
            if "parser error" in err or any(l.strip() == "^" for l in err.splitlines()):
                self.fail(name, label, "raw parser output", p)
            if p.returncode == 1:
                line = self.one_line_error(name, label, p, src, xml)
                if kind.startswith("import") and self.entries(store) != {("Keep me", "남겨 두기")}:
                    self.fail(name, label, "the memory changed after an error", p)
                if xml and line and expect is None and not re.search(r":\d+:\d+", line) and "empty" not in line and len(data) > 0:
                    self.fail(name, label, "an XML error without line:column", p)
                outcome.append(f"{kind}: error ({secs:.1f} s): {line[:110] if line else '?'}")
                continue
            # Exit 0.
            if expect is None and not (len(data) == 0 and kind in ("segment", "pretranslate", "analyze", "align")):
                # (An empty file is refused by an import; segmenting or translating nothing is no error.)
                self.fail(name, label, "accepted, but it must be refused", p)
            if kind.startswith("import"):
                got = self.entries(store) - {("Keep me", "남겨 두기")}
                want = set(expect) if isinstance(expect, list) else None
                if want is not None and not want <= got:
                    self.fail(name, label, f"text lost: missing {sorted(want - got)[:2]!r:.200}", p)
                if expect == "either" and not got:
                    self.fail(name, label, "exit 0 with nothing imported", p)
            elif kind == "pretranslate" and ext == ".xlf":
                files = glob.glob(os.path.join(out, "**", "*.xlf"), recursive=True)
                text = open(files[0], encoding="utf-8", errors="replace").read() if files else ""
                if isinstance(expect, list):
                    for s, _ in expect:
                        if s.replace("&", "&amp;")[:60] not in text and s[:60] not in text:
                            self.fail(name, label, f"unit missing from the output: {s[:40]!r}", p)
            elif kind == "glossary-import" and isinstance(expect, list):
                for s, t in expect[-len(UNITS):]:
                    q = self.run([self.binary, "glossary", "lookup", "--format", "json", s])
                    if t not in q.stdout.decode(errors="replace"):
                        self.fail(name, label, f"term missing from the glossary: {s!r}", q)
            elif kind == "segment" and expect == "doc" and "유럽안보" not in p.stdout.decode(errors="replace"):
                self.fail(name, label, "text missing from the output", p)
            outcome.append(f"{kind}: ok ({secs:.1f} s)")
        return outcome

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)


COMMANDS = {
    ".tmx": ["import", "import-xml", "import-stdin"],
    ".xlf": ["import", "import-xml", "pretranslate", "analyze"],
    ".tbx": ["glossary-import", "pretranslate-glossary"],
    ".tsv": ["import", "import-stdin", "glossary-import", "segment"],
    ".csv": ["import", "glossary-import", "segment"],
    ".po": ["import", "pretranslate", "analyze"],
    ".txt": ["segment", "pretranslate", "align"],
    ".md": ["segment", "pretranslate", "align"],
    ".html": ["align"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "tmkit"))
    ap.add_argument("--regressions", default=REGRESSIONS)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--only", help="run only variants whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every run's outcome")
    args = ap.parse_args()
    c = Checker(args.binary, args.timeout)
    cases = []
    for f in sorted(glob.glob(os.path.join(args.regressions, "*"))):
        ext = os.path.splitext(f)[1]
        if ext in COMMANDS:
            refused = "xxe" in os.path.basename(f)  # an external entity: never accepted
            cases.append(("regression-" + os.path.basename(f), ext, open(f, "rb").read(), None if refused else "either"))
    for fmt in ("tmx", "xliff12", "xliff20", "tbx"):
        cases += [(n, EXT[fmt], d, e) for n, d, e in xml_variants(fmt)]
    cases += text_variants()
    if args.only:
        cases = [x for x in cases if args.only in x[0]]
    start = time.monotonic()
    try:
        for name, ext, data, expect in cases:
            outcome = c.check(name, ext, data, expect, COMMANDS[ext])
            if args.verbose:
                print(f"{name}: " + "; ".join(outcome), flush=True)
    finally:
        c.close()
    print(f"variants: {len(cases)} inputs, {c.runs} runs in {time.monotonic() - start:.0f} s, {len(c.failures)} failures")
    for f in c.failures:
        print("  FAIL " + f)
    sys.exit(1 if c.failures else 0)


if __name__ == "__main__":
    main()
