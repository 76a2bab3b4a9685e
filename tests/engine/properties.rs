//! Invariants that must hold for any input: the comparison accounts for every word of both texts,
//! its numbers agree with its changes, and nothing panics.

use proptest::prelude::*;
use redline::compare::{ChangeKind, CompareOptions, Comparison, EditOp, Side};
use redline::document::Document;
use redline::export::edit_texts;
use redline::text::Article;
use unicode_normalization::UnicodeNormalization;

use super::{diff, diff_with};
use crate::support::{Rng, paragraph, sentence};

/// A text and a revision made by random paragraph and word edits.
fn revised(seed: u64, paragraphs: usize, edits: usize) -> (String, String) {
    let mut rng = Rng::new(seed);
    let old: Vec<String> = (0..paragraphs).map(|_| paragraph(&mut rng)).collect();
    let mut new = old.clone();
    for _ in 0..edits {
        let at = rng.below(new.len().max(1));
        match rng.below(6) {
            0 if !new.is_empty() => {
                new.remove(at);
            }
            1 => new.insert(at.min(new.len()), paragraph(&mut rng)),
            2 if new.len() > 1 => {
                let p = new.remove(at);
                let to = rng.below(new.len() + 1);
                new.insert(to, p);
            }
            _ if !new.is_empty() => {
                let mut words: Vec<String> = new[at].split(' ').map(str::to_owned).collect();
                let w = rng.below(words.len());
                match rng.below(3) {
                    0 if words.len() > 1 => {
                        words.remove(w);
                    }
                    1 => words.insert(w, sentence(&mut rng)),
                    _ => words[w] = "changed".to_owned(),
                }
                new[at] = words.join(" ");
            }
            _ => {}
        }
    }
    let sep = if rng.chance(0.5) { "\n\n" } else { "\n" };
    (old.join("\n\n"), new.join(sep))
}

fn joined(cmp: &Comparison, change: &redline::compare::Change, side: Side) -> String {
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
#[derive(Clone, Copy, PartialEq)]
enum NewText {
    Exact,
    Squashed,
    Unchecked,
}

fn check_invariants(cmp: &Comparison, new_text: NewText) {
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
        match new_text {
            NewText::Exact => assert_eq!(new, change.text(cmp, Side::New)),
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
        s.words_inserted + s.words_deleted == 0 && s.moved == 0 && s.changed == 0
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_revisions_of_prose_are_fully_accounted_for(seed in any::<u64>(), paragraphs in 1usize..25, edits in 0usize..12) {
        let (old, new) = revised(seed, paragraphs, edits);
        check_invariants(&diff(&old, &new), NewText::Exact);
    }

    #[test]
    fn a_text_compared_with_itself_is_identical(seed in any::<u64>(), paragraphs in 0usize..20) {
        let (text, _) = revised(seed, paragraphs, 0);
        let cmp = diff(&text, &text);
        prop_assert!(cmp.is_identical());
        prop_assert_eq!(cmp.stats.unchanged, cmp.old.paragraphs.len());
    }

    #[test]
    fn arbitrary_texts_compare_without_panicking(old in "\\PC{0,200}", new in "\\PC{0,200}", case in any::<bool>(), quotes in any::<bool>(), punct in any::<bool>()) {
        let options = CompareOptions { ignore_case: case, fold_quotes: quotes, fold_compat: false, ignore_punctuation: punct };
        let cmp = diff_with(&old, &new, options);
        let folds = case || quotes || punct;
        check_invariants(&cmp, if folds { NewText::Unchecked } else { NewText::Squashed });
        let summary = redline::summary::ChangeSummary::new(&cmp);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&redline::export::json(&summary)).is_ok());
        for format in redline::export::Format::ALL {
            prop_assert!(!format.render(&summary).is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(doc) = Document::from_bytes("fuzz", bytes) {
            let article = Article::from_document(doc).shared();
            let sample = Article::from_document(redline::sample::old()).shared();
            let cmp = redline::compare::compare(sample, article, &CompareOptions::default());
            let _ = redline::export::html(&redline::summary::ChangeSummary::new(&cmp));
        }
    }
}

/// Inputs the fuzzers found (tests/fuzz/regressions/compare/), replayed as the `compare` target
/// reads them: the first byte picks the options, the rest is split in two texts.
#[test]
fn inputs_found_by_fuzzing_stay_fixed() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions/compare");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let Some((&flags, rest)) = data.split_first() else {
            continue;
        };
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
        let folds = options
            != CompareOptions {
                ignore_case: false,
                fold_quotes: false,
                fold_compat: false,
                ignore_punctuation: false,
            };
        check_invariants(
            &diff_with(old, new, options),
            if folds {
                NewText::Unchecked
            } else {
                NewText::Squashed
            },
        );
        seen += 1;
    }
    assert!(seen > 0, "the regression inputs are there");
}
