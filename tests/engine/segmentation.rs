//! The same prose gives the same paragraphs in every layout an article file comes in.

use redline::text::{ParagraphKind, segment};

use crate::support::{lines, wrap};

fn texts(text: &str) -> Vec<String> {
    segment(text).into_iter().map(|p| p.text).collect()
}

/// The sample's new version, one paragraph per line: the reference paragraphs.
fn reference() -> Vec<String> {
    lines(redline::sample::NEW_TEXT)
}

#[test]
fn one_paragraph_per_line_with_blank_lines() {
    let text = reference().join("\n\n");
    assert_eq!(texts(&text), reference());
    // The sample's old version is written this way.
    assert_eq!(
        texts(redline::sample::OLD_TEXT),
        lines(redline::sample::OLD_TEXT)
    );
}

#[test]
fn one_paragraph_per_line_without_blank_lines() {
    assert_eq!(texts(redline::sample::NEW_TEXT), reference());
}

#[test]
fn hard_wrapped_lines_with_blank_lines_between_paragraphs() {
    for width in [60, 72, 80] {
        let text = reference()
            .iter()
            .map(|p| wrap(p, width))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert!(text.lines().all(|l| l.chars().count() <= width));
        assert_eq!(texts(&text), reference(), "wrapped at {width}");
    }
}

#[test]
fn a_mix_of_layouts_in_one_file() {
    let r = reference();
    let mut text = String::new();
    text.push_str(&r[..4].join("\n\n")); // blank lines between
    text.push_str("\n\n");
    text.push_str(&r[4..8].join("\n")); // no blank lines
    text.push_str("\n\n");
    text.push_str(
        &r[8..11]
            .iter()
            .map(|p| wrap(p, 72))
            .collect::<Vec<_>>()
            .join("\n\n"),
    ); // wrapped
    text.push_str("\n\n");
    text.push_str(&r[11..].join("\n")); // the short closing lines, together
    assert_eq!(texts(&text), r);
}

#[test]
fn markdown_headings_and_list_items_are_paragraphs() {
    let text = "# Xi meets Volodin\n\
                Chinese leader Xi Jinping met a top Russian lawmaker, underscoring the warm\n\
                relations the nations have forged.\n\
                ## What was said\n\
                - Russia firmly supports China\n\
                - Beijing was willing to work with Moscow so ties featured comprehensive\n  strategic coordination\n\
                1. first point\n\
                2) second point\n\
                > a quoted line";
    let got = segment(text);
    let summary: Vec<(ParagraphKind, &str)> =
        got.iter().map(|p| (p.kind, p.text.as_str())).collect();
    assert_eq!(
        summary,
        [
            (ParagraphKind::Heading, "# Xi meets Volodin"),
            (
                ParagraphKind::Text,
                "Chinese leader Xi Jinping met a top Russian lawmaker, underscoring the warm relations the nations have forged."
            ),
            (ParagraphKind::Heading, "## What was said"),
            (ParagraphKind::ListItem, "- Russia firmly supports China"),
            (
                ParagraphKind::ListItem,
                "- Beijing was willing to work with Moscow so ties featured comprehensive strategic coordination"
            ),
            (ParagraphKind::ListItem, "1. first point"),
            (ParagraphKind::ListItem, "2) second point"),
            (ParagraphKind::Quote, "> a quoted line"),
        ]
    );
}

#[test]
fn short_standalone_lines_stay_their_own_paragraph() {
    let wrapped = reference()[..11]
        .iter()
        .map(|p| wrap(p, 72))
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = format!(
        "{wrapped}\n\nMore: China’s Selling So Much to Russia That Containers Are Piling Up\n--With assistance from Evelyn Yu.\n(Updates with details of Xi’s meeting with Volodin.)\n"
    );
    let got = texts(&text);
    assert_eq!(got.len(), 14);
    assert_eq!(got[12], "--With assistance from Evelyn Yu.");
}

#[test]
fn relayout_is_not_a_change() {
    let wrapped = reference()
        .iter()
        .map(|p| wrap(p, 66))
        .collect::<Vec<_>>()
        .join("\n\n");
    let cmp = crate::diff(redline::sample::NEW_TEXT, &wrapped);
    assert!(cmp.is_identical(), "{:#?}", cmp.changes);
    assert!((cmp.stats.similarity - 1.0).abs() < 1e-9);
}
