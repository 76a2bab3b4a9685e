#![allow(clippy::unwrap_used, clippy::expect_used)]
//! PDF input (issue 16): PDFs that LibreOffice made from texts read as those texts, and a PDF
//! of an edited version shows exactly the edits. The fixtures in tests/fixtures/pdf/ are made
//! by `make_fixtures.py` there; `.ci/run` also sets the Debian FAQ and the licences in
//! /usr/share/common-licenses as PDFs and checks them the same way. Unreadable and hostile
//! PDFs are in tests/hostile.rs.

use std::path::{Path, PathBuf};

use redline::compare::{CompareOptions, Comparison, Side, compare};
use redline::document::{Document, Format, LoadOptions};
use redline::text::Article;

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn load(relative: &str) -> Document {
    Document::load(&path(relative), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn compared(old: &str, new: &str) -> Comparison {
    compare(
        Article::from_document(load(old)).shared(),
        Article::from_document(load(new)).shared(),
        &CompareOptions::default(),
    )
}

/// Every change, as its old and new text.
fn changes(cmp: &Comparison) -> Vec<(String, String)> {
    cmp.changes
        .iter()
        .map(|c| (c.text(cmp, Side::Old), c.text(cmp, Side::New)))
        .collect()
}

#[test]
fn a_pdf_made_from_a_text_compares_as_unchanged_against_it() {
    for (text, pdf) in [
        // Converted as it is: one paragraph per line of the text.
        (
            "assets/samples/article-v1.txt",
            "tests/fixtures/pdf/article-v1.pdf",
        ),
        // Two justified, hyphenated columns on A6 pages with a running header and page
        // numbers: paragraphs cross columns and pages, words are hyphenated at line ends.
        (
            "assets/samples/article-v1.txt",
            "tests/fixtures/pdf/article-v1-columns.pdf",
        ),
        // Fourteen A5 pages in two columns.
        (
            "tests/fixtures/pdf/GPL-3.txt",
            "tests/fixtures/pdf/gpl-3-columns.pdf",
        ),
    ] {
        let doc = load(pdf);
        assert_eq!(doc.source.format, Format::Pdf, "{pdf}");
        let cmp = compared(text, pdf);
        assert!(cmp.is_identical(), "{pdf}: {:#?}", changes(&cmp));
        assert!(cmp.stats.unchanged > 10, "{pdf}: {:?}", cmp.stats);
    }
}

#[test]
fn running_headers_and_page_numbers_are_left_out_and_said_so() {
    let doc = load("tests/fixtures/pdf/gpl-3-columns.pdf");
    assert!(!doc.text.contains("GNU General Public License, version 3\n"));
    assert!(!doc.text.contains("Page 3"), "a page number was kept");
    assert!(
        doc.source.warnings.iter().any(|w| w
            .0
            .contains("running header, footer and page number lines were left out")),
        "{:?}",
        doc.source.warnings
    );
}

#[test]
fn a_pdf_of_the_edited_version_shows_exactly_the_edits() {
    let as_text = compared(
        "assets/samples/article-v1.txt",
        "assets/samples/article-v2.txt",
    );
    let as_pdf = compared(
        "assets/samples/article-v1.txt",
        "tests/fixtures/pdf/article-v2-columns.pdf",
    );
    assert_eq!(as_text.changes.len(), as_pdf.changes.len());
    let kinds = |cmp: &Comparison| cmp.changes.iter().map(|c| c.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&as_text), kinds(&as_pdf));
    // The same old paragraphs change, into the same words but for one compound broken at its
    // hyphen ("long-" "term"), whose halves the article never writes alone.
    let without_hyphens = |text: &str| text.replace('-', "");
    for ((old_text, new_text), (old_pdf, new_pdf)) in
        changes(&as_text).iter().zip(&changes(&as_pdf))
    {
        assert_eq!(old_text, old_pdf);
        assert_eq!(without_hyphens(new_text), without_hyphens(new_pdf));
    }
    // And the PDF against its own text differs in that hyphen only.
    let itself = compared(
        "assets/samples/article-v2.txt",
        "tests/fixtures/pdf/article-v2-columns.pdf",
    );
    for (old, new) in changes(&itself) {
        assert_eq!(without_hyphens(&old), without_hyphens(&new));
    }
    assert!(itself.changes.len() <= 1, "{:#?}", changes(&itself));
}
