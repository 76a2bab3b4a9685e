#!/usr/bin/env python3
"""Checks that LibreOffice reads a Word redline written by `redline summary … --output X.docx`
as Redline means it.

LibreOffice (headless) converts the .docx to OpenDocument. In OpenDocument the body holds the
text with every tracked change accepted (deleted text lives apart, in the tracked-changes
section), so the body's paragraphs must be exactly the ones that accepting every revision of
word/document.xml gives (the Rust tests check that those are the new version's paragraphs).
The document's comments must all arrive as annotations, and its revisions as tracked changes.

Usage: check_redline.py FILE.docx OUTDIR
"""
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def folded(text):
    return " ".join(text.split())


def word_accepted(docx):
    """The paragraphs of word/document.xml with every revision accepted."""
    with zipfile.ZipFile(docx) as z:
        root = ET.fromstring(z.read("word/document.xml"))
        comments = 0
        if "word/comments.xml" in z.namelist():
            comments = len(ET.fromstring(z.read("word/comments.xml")).findall(W + "comment"))
    dropped = {W + "del", W + "moveFrom"}
    out, text, revisions = [], [], 0

    def walk(element, inside_dropped):
        nonlocal revisions
        for child in element:
            if child.tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo"):
                revisions += 1
            if child.tag == W + "pPr":
                continue
            if child.tag == W + "t" and not inside_dropped:
                text.append(child.text or "")
            walk(child, inside_dropped or child.tag in dropped)

    for para in root.iter(W + "p"):
        walk(para, False)
        mark = para.find(W + "pPr/" + W + "rPr")
        joined = mark is not None and any(c.tag in dropped for c in mark)
        if not joined:
            out.append(folded("".join(text)))
            text.clear()
    if text:
        out.append(folded("".join(text)))
    return out, comments, revisions


def office_body(odt):
    """The paragraphs of an OpenDocument's body, without annotations, and its counts of
    tracked changes and annotations."""
    with zipfile.ZipFile(odt) as z:
        root = ET.fromstring(z.read("content.xml"))
    body = root.find(OFFICE + "body/" + OFFICE + "text")
    annotations = len(list(body.iter(OFFICE + "annotation")))
    tracked = body.find(TEXT + "tracked-changes")
    changes = 0 if tracked is None else len(tracked)

    def text(element):
        out = [element.text or ""]
        for child in element:
            if child.tag == OFFICE + "annotation":
                pass
            elif child.tag == TEXT + "s":
                out.append(" " * int(child.get(TEXT + "c", "1")))
            elif child.tag in (TEXT + "tab", TEXT + "line-break"):
                out.append(" ")
            else:
                out.append(text(child))
            out.append(child.tail or "")
        return "".join(out)

    paragraphs = [folded(text(p)) for p in body if p.tag in (TEXT + "p", TEXT + "h")]
    return paragraphs, changes, annotations


def main():
    docx, outdir = sys.argv[1], sys.argv[2]
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "odt", "--outdir", outdir, docx],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    )
    odt = outdir.rstrip("/") + "/" + docx.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".odt"
    expected, comments, revisions = word_accepted(docx)
    paragraphs, changes, annotations = office_body(odt)
    failures = []
    if paragraphs != expected:
        at = next((i for i, (a, b) in enumerate(zip(paragraphs, expected)) if a != b), None)
        failures.append(
            f"LibreOffice's text has {len(paragraphs)} paragraphs, accepting the revisions "
            f"gives {len(expected)}; first difference at {at}: "
            f"{paragraphs[at] if at is not None else ''!r} vs {expected[at] if at is not None else ''!r}"
        )
    if annotations != comments:
        failures.append(f"{comments} comments written, {annotations} in LibreOffice")
    if revisions and not changes:
        failures.append(f"{revisions} revisions written, no tracked change in LibreOffice")
    if failures:
        sys.exit(f"{docx}: " + "; ".join(failures))
    print(f"{docx}: {len(paragraphs)} paragraphs as accepted, {changes} tracked changes, "
          f"{annotations} comments")


main()
