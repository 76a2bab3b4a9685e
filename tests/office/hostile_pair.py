#!/usr/bin/env python3
"""Writes a pair of hostile texts for the LibreOffice check of the Word redline (.ci/run):
XML metacharacters and markup, `]]>`, control characters XML cannot hold, bytes that are not
UTF-8, a lone surrogate in UTF-16, and a word of a million letters, changed between the two.

Usage: hostile_pair.py DIR   (writes DIR/hostile-old.txt and DIR/hostile-new.txt)
"""
import os
import sys


def main():
    folder = sys.argv[1]
    markup = 'The <w:t>tag</w:t> & "quotes" \'here\' <![CDATA[ x ]]> &amp; &#0; ]]> end.'
    control = "Bell \x07 and escape \x1b and vertical \x0b tab and form \x0c feed."
    word = "a" * 1_000_000
    old = [
        "Headline & <b>bold</b>",
        markup,
        control,
        "Price rose from 5% to 7% on Monday, the mayor said.",
        word,
        "Closing line.",
    ]
    new = [
        "Headline & <i>italic</i>",
        markup.replace("quotes", "other quotes"),
        control.replace("Bell", "Bells"),
        "Price rose from 5% to 9% on Tuesday, the mayor told reporters.",
        word + "b",
        "Closing line, now longer.",
    ]
    with open(os.path.join(folder, "hostile-old.txt"), "wb") as f:
        # Bytes that are not UTF-8 in one paragraph: read as U+FFFD, with a warning.
        f.write("\n\n".join(old).encode("utf-8") + b"\n\nBroken \xff\xfe bytes.\n")
    with open(os.path.join(folder, "hostile-new.txt"), "wb") as f:
        # UTF-16 with a byte-order mark and an unpaired surrogate.
        text = "\n\n".join(new) + "\n\nBroken \ud800 surrogate.\n"
        f.write(b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass"))


main()
