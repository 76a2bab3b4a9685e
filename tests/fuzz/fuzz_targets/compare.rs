//! Comparing any two texts with any options accounts for both texts exactly: rows cover each
//! side once and in order, each change's edits give back its text, and the numbers agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline::compare::{ChangeKind, CompareOptions, EditOp, Side, compare};
use redline::export::edit_texts;
use redline::text::Article;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (old, new) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    let options = CompareOptions {
        ignore_case: flags & 1 != 0,
        fold_quotes: flags & 2 != 0,
        fold_compat: flags & 4 != 0,
        ignore_punctuation: flags & 8 != 0,
    };
    let cmp = compare(Article::from_text("old", old).shared(), Article::from_text("new", new).shared(), &options);

    let (mut o, mut n) = (0, 0);
    for row in &cmp.rows {
        assert_eq!((row.old.start, row.new.start), (o, n), "rows skip or repeat paragraphs");
        (o, n) = (row.old.end, row.new.end);
    }
    assert_eq!((o, n), (cmp.old.paragraphs.len(), cmp.new.paragraphs.len()));

    let squash = |s: &str| s.nfc().filter(|c| !c.is_whitespace()).collect::<String>();
    for change in &cmp.changes {
        let pieces = edit_texts(&cmp, change);
        let old_text: String = pieces.iter().filter(|(op, _)| *op != EditOp::Insert).map(|(_, t)| t.as_str()).collect();
        assert_eq!(old_text, change.text(&cmp, Side::Old), "the edits give back the old text");
        if options == (CompareOptions { ignore_case: false, fold_quotes: false, fold_compat: false, ignore_punctuation: false }) {
            let new_text: String = pieces.iter().filter(|(op, _)| *op != EditOp::Delete).map(|(_, t)| t.as_str()).collect();
            assert_eq!(squash(&new_text), squash(&change.text(&cmp, Side::New)), "the edits give back the new text");
        }
        if !change.old.is_empty() {
            assert_eq!(cmp.rows[change.old_row].old, change.old);
        }
        if !change.new.is_empty() {
            assert_eq!(cmp.rows[change.new_row].new, change.new);
        }
    }
    let s = cmp.stats;
    let count = |k: ChangeKind| cmp.changes.iter().filter(|c| c.kind == k).count();
    assert_eq!((s.changed, s.moved, s.inserted, s.deleted), (count(ChangeKind::Changed), count(ChangeKind::Moved), count(ChangeKind::Inserted), count(ChangeKind::Deleted)));
    // Folding options can make words equal that count differently ("well-known", "wellknown").
    if options == (CompareOptions { ignore_case: false, fold_quotes: false, fold_compat: false, ignore_punctuation: false }) {
        assert_eq!(cmp.old.words - s.words_deleted, cmp.new.words - s.words_inserted, "common words agree");
    }
    assert!((0.0..=1.0).contains(&s.similarity));
});
