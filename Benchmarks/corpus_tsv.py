"""What the benchmark scripts share: the corpus TSV escapes (see ../shared/corpus/README.md)
and a line saying which build of tmkit was measured."""
import os
import re
import subprocess
import time

_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unesc(s):
    """A corpus TSV field as the original string (the four escapes; any other pair kept as is)."""
    return re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m.group(1), m.group(1)), s)


def esc(s):
    """A string as a corpus TSV field."""
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def read_tsv(path):
    """The rows of a corpus TSV file as dicts keyed by its header."""
    with open(path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(hdr, map(unesc, line.rstrip("\n").split("\t"))))


def build_info(tmkit, repo):
    """The tested binary's age and the checkout it was built from (the tree may be ahead of it)."""
    def git(*a):
        r = subprocess.run(["git", "-C", repo] + list(a), capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else ""
    head = git("rev-parse", "--short", "HEAD") or "?"
    dirty = " + uncommitted changes in Sources/" if git("status", "--porcelain", "--", "Sources") else ""
    built = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(os.path.getmtime(tmkit)))
    return f"binary built {built}, checkout {head}{dirty}"
