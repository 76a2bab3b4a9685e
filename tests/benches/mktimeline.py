#!/usr/bin/env python3
"""Writes a timeline of real prose for the benchmarks in BENCHMARKS.md.

    mktimeline.py WORDS VERSIONS DIR

Needs Debian's `debian-faq` and `bible-kjv` packages and GNU `fmt`. The first version is about
WORDS words of the Debian FAQ's paragraphs; each later version makes one to three edits (a word
replaced, a paragraph deleted, a verse of the King James Bible inserted as a paragraph, a
paragraph moved), every fifth adds a correction note, and every version is wrapped by `fmt -w 72`.
The versions are DIR/v001.txt, v002.txt, … with increasing modification times. Seeded.
"""
import gzip
import os
import random
import re
import subprocess
import sys


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    words, versions, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    with gzip.open("/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz", "rt") as f:
        faq = [" ".join(b.split()) for b in re.split(r"\n\s*\n", f.read()) if b.split()]
    bible = subprocess.run(
        ["bible", "-f", "Gen1:1-Rev22:21"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    paragraphs, total, k = [], 0, 0
    while total < words:
        paragraphs.append(faq[k % len(faq)])
        total += len(faq[k % len(faq)].split())
        k += 1
    rng = random.Random(12)
    for v in range(versions):
        if v > 0:
            for _ in range(rng.randint(1, 3)):
                kind = rng.randrange(4)
                at = rng.randrange(len(paragraphs))
                if kind == 0:
                    ws = paragraphs[at].split()
                    ws[rng.randrange(len(ws))] = rng.choice(["twelve", "Tuesday", "Mr. Smith", "said"])
                    paragraphs[at] = " ".join(ws)
                elif kind == 1 and len(paragraphs) > 5:
                    del paragraphs[at]
                elif kind == 2:
                    paragraphs.insert(at, bible[rng.randrange(len(bible))])
                else:
                    paragraphs.insert(rng.randrange(len(paragraphs)), paragraphs.pop(at))
            if v % 5 == 0:
                paragraphs.append(f"(Corrects the figure in version {v})")
        text = "\n\n".join(paragraphs) + "\n"
        wrapped = subprocess.run(
            ["fmt", "-w", "72"], input=text, capture_output=True, text=True, check=True
        ).stdout
        path = os.path.join(folder, f"v{v + 1:03}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(wrapped)
        os.utime(path, (1_700_000_000 + v, 1_700_000_000 + v))


if __name__ == "__main__":
    main()
