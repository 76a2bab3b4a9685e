//! Invariants every comparison must satisfy, shared by the property tests (tests/engine) and
//! the `compare` fuzz target (tests/fuzz), so both check the same things.
#![allow(dead_code)]

use redline::compare::edit_texts;
use redline::compare::{ChangeKind, CompareOptions, Comparison, EditOp, PARAGRAPH_SEPARATOR, Side};
use unicode_normalization::UnicodeNormalization;

/// A fuzz input as the `compare` target reads it: the first byte picks the options, the rest
/// (as UTF-8, lossily) is cut in two texts at its middle character.
pub fn fuzz_case(data: &[u8]) -> Option<(String, String, CompareOptions)> {
    let (&flags, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest);
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (old, new) = text.split_at(cut);
    let options = CompareOptions {
        ignore_case: flags & 1 != 0,
        fold_quotes: flags & 2 != 0,
        fold_compat: flags & 4 != 0,
        ignore_punctuation: flags & 8 != 0,
    };
    Some((old.to_owned(), new.to_owned(), options))
}

/// How to check the new text of a comparison made with these options: up to whitespace when
/// nothing is folded, not at all otherwise (equal pieces carry the old wording).
pub fn new_text_check(options: CompareOptions) -> NewText {
    let none = CompareOptions {
        ignore_case: false,
        fold_quotes: false,
        fold_compat: false,
        ignore_punctuation: false,
    };
    if options == none {
        NewText::Squashed
    } else {
        NewText::Unchecked
    }
}

/// The texts of one side of a change, joined back from its edit pieces.
pub fn joined(cmp: &Comparison, change: &redline::compare::Change, side: Side) -> String {
    let skip = match side {
        Side::Old => EditOp::Insert,
        Side::New => EditOp::Delete,
    };
    edit_texts(cmp, change)
        .into_iter()
        .filter(|(op, _)| *op != skip)
        .map(|(_, t)| t)
        .collect()
}

/// How exactly the edits must give back the new text: exactly (prose with nothing to fold), up to
/// whitespace and canonical forms (no folding options), or not checked (the options fold text,
/// and equal pieces carry the old wording).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NewText {
    /// Exactly (prose with nothing to fold).
    Exact,
    /// Up to whitespace and canonical forms.
    Squashed,
    /// Not checked.
    Unchecked,
}

/// Asserts what must hold for any comparison: rows cover both sides once and in order, each
/// change's edits give back its texts and sit on its rows, and the numbers agree.
pub fn check_invariants(cmp: &Comparison, new_text: NewText) {
    // Rows cover each side's paragraphs once, in order.
    let (mut o, mut n) = (0, 0);
    for row in &cmp.rows {
        assert_eq!((row.old.start, row.new.start), (o, n));
        (o, n) = (row.old.end, row.new.end);
    }
    assert_eq!((o, n), (cmp.old.paragraphs.len(), cmp.new.paragraphs.len()));
    // Each change's edits give back both texts.
    for change in &cmp.changes {
        assert_eq!(joined(cmp, change, Side::Old), change.text(cmp, Side::Old));
        let new = joined(cmp, change, Side::New);
        let squash = |s: &str| s.nfc().filter(|c| !c.is_whitespace()).collect::<String>();
        // Equal pieces come from the old text, so where the paragraphs break differently (a
        // split or merge) they carry the old side's paragraph breaks.
        let breaks = |s: &str| s.replace(PARAGRAPH_SEPARATOR, " ");
        match new_text {
            NewText::Exact => assert_eq!(breaks(&new), breaks(&change.text(cmp, Side::New))),
            NewText::Squashed => assert_eq!(squash(&new), squash(&change.text(cmp, Side::New))),
            NewText::Unchecked => {}
        }
        // Each change is shown where its paragraphs are.
        if !change.old.is_empty() {
            assert_eq!(cmp.rows[change.old_row].old, change.old);
        }
        if !change.new.is_empty() {
            assert_eq!(cmp.rows[change.new_row].new, change.new);
        }
    }
    // The numbers agree with the changes.
    let s = cmp.stats;
    let count = |k: ChangeKind| cmp.changes.iter().filter(|c| c.kind == k).count();
    assert_eq!(s.changed, count(ChangeKind::Changed));
    assert_eq!(s.moved, count(ChangeKind::Moved));
    assert_eq!(s.inserted, count(ChangeKind::Inserted));
    assert_eq!(s.deleted, count(ChangeKind::Deleted));
    // Words in common are counted alike on both sides, unless the options fold away what makes
    // a word ("well-known" and "wellknown" are equal when punctuation is ignored).
    if new_text != NewText::Unchecked {
        assert_eq!(
            cmp.old.words - s.words_deleted,
            cmp.new.words - s.words_inserted,
            "both sides must have the same number of common words"
        );
    }
    assert!((0.0..=1.0).contains(&s.similarity));
    assert_eq!(
        cmp.is_identical(),
        s.changed + s.moved + s.inserted + s.deleted == 0,
        "identical exactly when no change is counted"
    );
}
