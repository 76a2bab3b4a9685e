//! Invariants that must hold for any input: the comparison accounts for every word of both texts,
//! its numbers agree with its changes, and nothing panics.

use proptest::prelude::*;
use redline::compare::CompareOptions;
use redline::document::Document;
use redline::text::Article;

use super::{diff, diff_with};
use crate::support::invariants::{NewText, check_invariants, fuzz_case, new_text_check};
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

/// Arbitrary text of several paragraphs (any characters but controls, lines joined by one or
/// two line breaks), so that alignment, moves, splits and merges are reached, not only the
/// word diff of one paragraph.
fn lines() -> impl Strategy<Value = String> {
    (proptest::collection::vec("\\PC{0,40}", 0..8), any::<bool>())
        .prop_map(|(lines, blank)| lines.join(if blank { "\n\n" } else { "\n" }))
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
    fn arbitrary_texts_compare_without_panicking(old in lines(), new in lines(), case in any::<bool>(), quotes in any::<bool>(), punct in any::<bool>()) {
        let options = CompareOptions { ignore_case: case, fold_quotes: quotes, fold_compat: false, ignore_punctuation: punct };
        let cmp = diff_with(&old, &new, options);
        check_invariants(&cmp, new_text_check(options));
        let summary = redline::summary::ChangeSummary::new(&cmp);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&redline::export::json(&summary)).is_ok());
        for format in redline::export::Format::ALL {
            prop_assert!(!format.render(&summary).unwrap_or_default().is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(text in lines(), noise in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8)) {
        // Text with a few random bytes in it: most wholly random bytes are refused as binary
        // before they reach the comparison.
        let mut bytes = text.into_bytes();
        for (at, byte) in noise {
            bytes.insert(at % (bytes.len() + 1), byte);
        }
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
        let Some((old, new, options)) = fuzz_case(&data) else {
            continue;
        };
        check_invariants(&diff_with(&old, &new, options), new_text_check(options));
        seen += 1;
    }
    assert!(seen > 0, "the regression inputs are there");
}
