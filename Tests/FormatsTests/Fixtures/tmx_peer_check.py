"""Reads a TMX with translate-toolkit and validates it against the TMX 1.4b DTD (lxml).
Prints one JSON object: {"units": [[source, target], ...], "dtd_valid": bool, "dtd_errors": [...]}."""
import json
import sys

from lxml import etree
from translate.storage import tmx

path, dtd_path = sys.argv[1], sys.argv[2]
store = tmx.tmxfile.parsefile(path)
units = [[u.source, u.target] for u in store.units]
dtd = etree.DTD(dtd_path)
doc = etree.parse(path)
valid = dtd.validate(doc)
print(json.dumps({"units": units, "dtd_valid": valid, "dtd_errors": [str(e) for e in dtd.error_log][:5]}, ensure_ascii=False))
