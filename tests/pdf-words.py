#!/usr/bin/env python3
# pdf-words.py PDF...: no word of a PDF overlaps another on its page.
# pdftotext -bbox gives each word's box; two boxes that overlap by more
# than half a point both ways are words on words.
import html
import re
import subprocess
import sys


def words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page[^>]*>(.*?)</page>", out, re.S):
        ws = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            ws.append((float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5])))
        pages.append(ws)
    return pages
bad = 0
for pdf in sys.argv[1:]:
    for p, ws in enumerate(words(pdf), 1):
        for i in range(len(ws)):
            for j in range(i + 1, len(ws)):
                a, b = ws[i], ws[j]
                ox = min(a[2], b[2]) - max(a[0], b[0]); oy = min(a[3], b[3]) - max(a[1], b[1])
                if ox > 0.5 and oy > 0.5:
                    bad += 1
                    print(f"{pdf} page {p}: “{a[4]}” {a[:4]} overlaps “{b[4]}” {b[:4]}")
print(bad, "overlaps")
sys.exit(1 if bad else 0)
