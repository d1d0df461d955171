"""Converts a PO file with translate-toolkit's po2xliff and prints how translate-toolkit itself
reads the result: JSON [[source, target], ...] of translated, non-fuzzy, non-header units."""
import json
import sys

from translate.convert import po2xliff
from translate.storage import xliff

po_path, xliff_path = sys.argv[1], sys.argv[2]
with open(po_path, "rb") as i, open(xliff_path, "wb") as o:
    po2xliff.convertpo(i, o, None)
store = xliff.xlifffile.parsefile(xliff_path)
pairs = [[str(u.source), str(u.target)] for u in store.units
         if u.istranslated() and not u.isfuzzy() and not u.isheader()]
print(json.dumps(pairs, ensure_ascii=False))
