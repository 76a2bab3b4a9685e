#!/usr/bin/env python3
"""Checks that Redline reads PDFs LibreOffice made from texts as those texts (for .ci/run).

    check_pdf_reading.py REDLINE OUT TEXT...

Each text is set as a PDF twice by tests/fixtures/pdf/make_fixtures.py --set: converted as it
is, and in two justified columns with a running header and page numbers. `redline summary TEXT
PDF` must then find no change at all in the first; in the second, a change may only be a
hyphen: LibreOffice breaks compounds at their hyphen, and a compound whose halves the text
never uses alone ("mailing-" "lists") cannot be told from a hyphenated word. Anything else (a
word lost, doubled, moved or split) fails.
"""
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
MAKE = HERE.parent / "fixtures" / "pdf" / "make_fixtures.py"


def summary(redline, old, new):
    run = subprocess.run([redline, "summary", str(old), str(new), "--format", "json"],
                         capture_output=True, text=True, timeout=300)
    if run.returncode not in (0, 1):
        sys.exit(f"redline summary {old} {new} failed: {run.stderr}")
    return json.loads(run.stdout)


def letters(text):
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def main():
    redline, out, texts = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(MAKE), "--set", str(out), *texts], check=True)
    failures = []
    for text in map(pathlib.Path, texts):
        stem = text.name.removesuffix(".txt")
        plain = summary(redline, text, out / f"{stem}.pdf")
        columns = summary(redline, text, out / f"{stem}-columns.pdf")
        stats = plain["stats"]
        paragraphs = stats["unchanged"] + stats["changed"]
        print(f"{stem}: as converted {len(plain['changes'])} changes of {paragraphs} paragraphs; "
              f"in columns {len(columns['changes'])}")
        if plain["changes"]:
            failures.append(f"{stem}.pdf: {plain['changes'][0]}")
        for change in columns["changes"]:
            if letters(change.get("old_text", "")) != letters(change.get("new_text", "")):
                failures.append(f"{stem}-columns.pdf: more than a hyphen: {change}")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
