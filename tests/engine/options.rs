//! Each compare option folds its own kind of difference and nothing else.

use redline::compare::CompareOptions;

use super::{diff, diff_with, word_edits};

const OLD: &str = "Putin’s visit -- a “rare” trip -- ended on the ﬁfth day, officials said.";

fn only(f: impl FnOnce(&mut CompareOptions)) -> CompareOptions {
    let mut o = CompareOptions {
        ignore_case: false,
        fold_quotes: false,
        fold_compat: false,
        ignore_punctuation: false,
    };
    f(&mut o);
    o
}

#[test]
fn whitespace_and_line_breaks_never_count() {
    let cmp = diff(
        "Putin  visited\tBeijing\nin October.",
        "Putin visited Beijing in\nOctober.",
    );
    assert!(cmp.is_identical());
}

#[test]
fn ignore_case() {
    let new = "putin’s visit -- a “rare” trip -- ended on the ﬁfth day, Officials said.";
    assert!(diff_with(OLD, new, only(|o| o.ignore_case = true)).is_identical());
    let cmp = diff_with(OLD, new, only(|_| {}));
    assert_eq!(
        word_edits(&cmp, &cmp.changes[0]),
        ["-Putin’s", "+putin’s", "-officials", "+Officials"]
    );
}

#[test]
fn fold_quotes_and_dashes() {
    let new = "Putin's visit — a \"rare\" trip – ended on the ﬁfth day, officials said.";
    assert!(diff_with(OLD, new, only(|o| o.fold_quotes = true)).is_identical());
    assert!(!diff_with(OLD, new, only(|_| {})).is_identical());
}

#[test]
fn fold_compatibility_forms() {
    let new = OLD.replace('ﬁ', "fi");
    assert!(diff_with(OLD, &new, only(|o| o.fold_compat = true)).is_identical());
    assert!(!diff_with(OLD, &new, only(|_| {})).is_identical());
}

#[test]
fn ignore_punctuation() {
    let new = "Putin’s visit a rare trip ended on the ﬁfth day officials said";
    assert!(diff_with(OLD, new, only(|o| o.ignore_punctuation = true)).is_identical());
    let cmp = diff_with(OLD, new, only(|_| {}));
    assert!(!cmp.is_identical());
    // Words still count when punctuation is ignored.
    let changed = "Putin’s visit a rare trip ended on the sixth day officials said";
    let cmp = diff_with(OLD, changed, only(|o| o.ignore_punctuation = true));
    assert_eq!(word_edits(&cmp, &cmp.changes[0]), ["-ﬁfth", "+sixth"]);
    // Currency signs are part of the figure: roubles are not rupees.
    let roubles = diff_with(
        "The fee was ₽500.",
        "The fee was ₹500.",
        only(|o| o.ignore_punctuation = true),
    );
    assert!(!roubles.is_identical());
}

#[test]
fn defaults_fold_quotes_only() {
    let d = CompareOptions::default();
    assert!(d.fold_quotes && !d.ignore_case && !d.fold_compat && !d.ignore_punctuation);
}

#[test]
fn ignored_punctuation_still_belongs_to_the_texts() {
    let cmp = diff_with(
        "Trade rose sharply last year.",
        "Trade rose slightly last year!",
        only(|o| o.ignore_punctuation = true),
    );
    let pieces = redline::compare::edit_texts(&cmp, &cmp.changes[0]);
    let old: String = pieces
        .iter()
        .filter(|(op, _)| *op != redline::compare::EditOp::Insert)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(old, "Trade rose sharply last year.");
}
