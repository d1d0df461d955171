#!/usr/bin/env python3
"""Pairs the Korean and English post titles listed at the end of a blog post dump.

The list (after the "'...' 카테고리의 다른 글" line) has one title per line as
`TITLE (comments) | DATE |`. Titles of the same date are translations of each other. A date with
only a Korean title is the post itself: its English title is the file's first line.

    python3 seeds/pair_titles.py seeds/002_19ba1f540136ba9f.txt > seeds/titles.ko-en.tsv
"""
import re
import sys


def has_hangul(s):
    return any("\uac00" <= c <= "\ud7a3" for c in s)


def main(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    own_title = lines[0].strip()
    start = next(i for i, l in enumerate(lines) if "카테고리의 다른 글" in l)
    by_date = {}
    order = []
    for line in lines[start + 1:]:
        m = re.match(r"^(.*?)\s*\(\d+\)\s*\|\s*(\d{4}\.\d{2}\.\d{2})\s*\|\s*$", line)
        if not m:
            continue
        title, date = m.group(1).strip(), m.group(2)
        if date not in by_date:
            by_date[date] = {}
            order.append(date)
        by_date[date]["ko" if has_hangul(title) else "en"] = title
    print("source_ko\ttarget_en")
    for date in order:
        pair = by_date[date]
        if "ko" not in pair:
            continue
        print(f"{pair['ko']}\t{pair.get('en', own_title)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "seeds/002_19ba1f540136ba9f.txt")
