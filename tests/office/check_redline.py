#!/usr/bin/env python3
"""Checks that LibreOffice reads a Word redline written by `redline summary … --output X.docx`
as Redline means it.

LibreOffice (headless) converts the .docx to OpenDocument. In OpenDocument the body holds the
text with every tracked change accepted (deleted text lives apart, in the tracked-changes
section), so the body's paragraphs must be exactly the ones that accepting every revision of
word/document.xml gives (the Rust tests check that those are the new version's paragraphs).
Rejecting every change is done on LibreOffice's document as LibreOffice records the changes:
the text between the marks of an insertion goes, and each deletion's paragraphs come back where
its mark is; the result must be the paragraphs that rejecting every revision of
word/document.xml gives (the old version's, by the Rust tests), but for empty paragraphs at the
end: LibreOffice reads paragraphs inserted at the end of a document as inserted from the start of
the first, not from the mark of the paragraph before, so rejecting them there leaves one empty
paragraph behind.
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


def word_version(docx, dropped):
    """The paragraphs of word/document.xml with the revisions `dropped` (tags) left out and the
    others kept, and the document's counts of comments and revisions."""
    with zipfile.ZipFile(docx) as z:
        root = ET.fromstring(z.read("word/document.xml"))
        comments = 0
        if "word/comments.xml" in z.namelist():
            comments = len(ET.fromstring(z.read("word/comments.xml")).findall(W + "comment"))
    dropped = {W + tag for tag in dropped}
    out, text, revisions = [], [], 0

    def walk(element, inside_dropped):
        nonlocal revisions
        for child in element:
            if child.tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo"):
                revisions += 1
            if child.tag == W + "pPr":
                continue
            if child.tag in (W + "t", W + "delText") and not inside_dropped:
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


def office_rejected(odt):
    """The paragraphs of an OpenDocument with every tracked change rejected."""
    with zipfile.ZipFile(odt) as z:
        root = ET.fromstring(z.read("content.xml"))
    body = root.find(OFFICE + "body/" + OFFICE + "text")
    regions = {}
    tracked = body.find(TEXT + "tracked-changes")
    for region in [] if tracked is None else tracked:
        for change in region:
            kind = change.tag.rsplit("}", 1)[-1]
            paragraphs = [inline(p) for p in change if p.tag in (TEXT + "p", TEXT + "h")]
            regions[region.get(TEXT + "id")] = (kind, paragraphs)
    # The body as a stream: text, paragraph ends and the marks of changes.
    stream = []

    def paragraph(element):
        stream.append(("text", element.text or ""))
        for child in element:
            if child.tag in (TEXT + "change-start", TEXT + "change-end", TEXT + "change"):
                stream.append((child.tag.rsplit("}", 1)[-1], child.get(TEXT + "change-id")))
            elif child.tag != OFFICE + "annotation":
                stream.append(("text", inline(child)))
                paragraph_marks(child)
            stream.append(("text", child.tail or ""))

    def paragraph_marks(element):
        # Marks inside spans and links count where they are; their text was taken whole.
        for child in element:
            if child.tag in (TEXT + "change-start", TEXT + "change-end", TEXT + "change"):
                stream.append((child.tag.rsplit("}", 1)[-1], child.get(TEXT + "change-id")))

    def blocks(element):
        for child in element:
            if child.tag in (TEXT + "p", TEXT + "h"):
                paragraph(child)
                stream.append(("end", None))
            elif child.tag != TEXT + "tracked-changes":
                blocks(child)

    blocks(body)
    out, current, inserted = [], [], set()
    for kind, value in stream:
        if kind == "change-start" and regions.get(value, ("",))[0] == "insertion":
            inserted.add(value)
        elif kind == "change-end":
            inserted.discard(value)
        elif inserted:
            continue
        elif kind == "change" and regions.get(value, ("",))[0] == "deletion":
            for k, text in enumerate(regions[value][1]):
                if k:
                    out.append(folded("".join(current)))
                    current.clear()
                current.append(text)
        elif kind == "text":
            current.append(value)
        elif kind == "end":
            out.append(folded("".join(current)))
            current.clear()
    return out


def inline(element):
    """The text of a paragraph or span, spaces and tabs as spaces, without annotations."""
    out = [element.text or ""]
    for child in element:
        if child.tag == OFFICE + "annotation":
            pass
        elif child.tag == TEXT + "s":
            out.append(" " * int(child.get(TEXT + "c", "1")))
        elif child.tag in (TEXT + "tab", TEXT + "line-break"):
            out.append(" ")
        else:
            out.append(inline(child))
        out.append(child.tail or "")
    return "".join(out)


def office_body(odt):
    """The paragraphs of an OpenDocument's body, without annotations, and its counts of
    tracked changes and annotations."""
    with zipfile.ZipFile(odt) as z:
        root = ET.fromstring(z.read("content.xml"))
    body = root.find(OFFICE + "body/" + OFFICE + "text")
    annotations = len(list(body.iter(OFFICE + "annotation")))
    tracked = body.find(TEXT + "tracked-changes")
    changes = 0 if tracked is None else len(tracked)

    paragraphs = [folded(inline(p)) for p in body if p.tag in (TEXT + "p", TEXT + "h")]
    return paragraphs, changes, annotations


def main():
    docx, outdir = sys.argv[1], sys.argv[2]
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "odt", "--outdir", outdir, docx],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    )
    odt = outdir.rstrip("/") + "/" + docx.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".odt"
    expected, comments, revisions = word_version(docx, ["del", "moveFrom"])
    old, _, _ = word_version(docx, ["ins", "moveTo"])
    paragraphs, changes, annotations = office_body(odt)
    rejected = office_rejected(odt)
    while rejected and not rejected[-1]:
        rejected.pop()
    failures = []
    if rejected != old:
        at = next((i for i, (a, b) in enumerate(zip(rejected, old)) if a != b), None)
        failures.append(
            f"rejecting LibreOffice's tracked changes gives {len(rejected)} paragraphs, "
            f"rejecting the revisions gives {len(old)}; first difference at {at}: "
            f"{rejected[at] if at is not None else ''!r} vs {old[at] if at is not None else ''!r}"
        )
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
    print(f"{docx}: {len(paragraphs)} paragraphs as accepted and {len(rejected)} as rejected, "
          f"{changes} tracked changes, {annotations} comments")


main()
