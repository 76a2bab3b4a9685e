#!/usr/bin/env python3
"""Writes pairs of real prose for the benchmarks in BENCHMARKS.md, from texts nobody here wrote.

    mkpair.py SIZE DIR

Needs Debian's `bible-kjv` and `debian-faq` packages and GNU `fmt`. Writes into DIR:

- `old.txt`: about SIZE bytes of the King James Bible (a few verses to a paragraph), the Debian FAQ
  and the licences in /usr/share/common-licenses, taken in turns, wrapped by `fmt -w 72`;
- `new-edits.txt`: the same layout with 2% of its sentences edited (a word inserted, deleted or
  replaced) and one paragraph in 200 moved;
- `new-wrap.txt`: the same words as `new-edits.txt`, its first third wrapped by `fmt -w 72`, the
  second by `fmt -w 100`, the last one paragraph per line without blank lines;
- `new.txt`: as `new-wrap.txt`, with one paragraph in 300 split in two and one in 300 joined to
  the next (no word changed).

The edits are seeded, so a pair can be made again.
"""
import gzip
import os
import random
import re
import subprocess
import sys


def sources() -> list[list[str]]:
    """Paragraphs of each source text, each a list of words."""
    bible = subprocess.run(
        ["bible", "-f", "Gen1:1-Rev22:21"], capture_output=True, text=True, check=True
    ).stdout
    verses = [line.split() for line in bible.splitlines() if line.strip()]
    rng = random.Random(7)
    bible_paragraphs, i = [], 0
    while i < len(verses):
        n = rng.randint(2, 6)
        bible_paragraphs.append([w for v in verses[i : i + n] for w in v])
        i += n
    with gzip.open("/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz", "rt") as f:
        faq = blocks(f.read())
    licences = []
    folder = "/usr/share/common-licenses"
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                licences.extend(blocks(f.read()))
    return [bible_paragraphs, faq, licences]


def blocks(text: str) -> list[list[str]]:
    return [b.split() for b in re.split(r"\n\s*\n", text) if b.split()]


def interleave(texts: list[list[list[str]]], size: int) -> list[list[str]]:
    """Runs of 20 paragraphs from each source in turn, round again until `size` is reached."""
    out, at, total = [], [0] * len(texts), 0
    while total < size:
        for k, text in enumerate(texts):
            for _ in range(20):
                p = text[at[k] % len(text)]
                at[k] += 1
                out.append(p)
                total += sum(len(w) + 1 for w in p) + 1
    return out


WORDS = "indeed also the very new said further reported first public".split()


def edit(paragraphs: list[list[str]], rng: random.Random) -> list[list[str]]:
    """2% of sentences get one word inserted, deleted or replaced; one paragraph in 200 moves."""
    out = []
    for p in paragraphs:
        p = list(p)
        sentences = max(1, sum(1 for w in p if w.endswith((".", "?", "!"))))
        for _ in range(sentences):
            if rng.random() < 0.02 and len(p) > 2:
                at = rng.randrange(len(p))
                kind = rng.randrange(3)
                if kind == 0:
                    p.insert(at, rng.choice(WORDS))
                elif kind == 1:
                    del p[at]
                else:
                    p[at] = rng.choice(WORDS)
        out.append(p)
    for _ in range(len(out) // 200):
        p = out.pop(rng.randrange(len(out)))
        out.insert(rng.randrange(len(out)), p)
    return out


def fmt(paragraphs: list[list[str]], width: int) -> str:
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    return subprocess.run(
        ["fmt", "-w", str(width)], input=text, capture_output=True, text=True, check=True
    ).stdout


def relaid(paragraphs: list[list[str]]) -> str:
    third = len(paragraphs) // 3
    return (
        fmt(paragraphs[:third], 72)
        + "\n"
        + fmt(paragraphs[third : 2 * third], 100)
        + "\n"
        + "".join(" ".join(p) + "\n" for p in paragraphs[2 * third :])
    )


def reparagraph(paragraphs: list[list[str]], rng: random.Random) -> list[list[str]]:
    out, i = [], 0
    while i < len(paragraphs):
        p = paragraphs[i]
        roll = rng.randrange(300)
        if roll == 0 and len(p) > 10:
            cut = len(p) // 2
            out.extend([p[:cut], p[cut:]])
        elif roll == 1 and i + 1 < len(paragraphs):
            out.append(p + paragraphs[i + 1])
            i += 1
        else:
            out.append(p)
        i += 1
    return out


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    size, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(42)
    old = interleave(sources(), size)
    new = edit(old, rng)
    files = {
        "old.txt": fmt(old, 72),
        "new-edits.txt": fmt(new, 72),
        "new-wrap.txt": relaid(new),
        "new.txt": relaid(reparagraph(new, rng)),
    }
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
