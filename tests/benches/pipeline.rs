//! Benchmarks of the whole pipeline (decode → segment → compare → JSON) on generated revisions.
//!
//! `cargo bench --no-default-features --bench pipeline` runs them. With
//! `REDLINE_WRITE_PAIRS=DIR` set, the bench instead writes the generated pairs to DIR (as
//! `1mb-old.txt`, `1mb-new.txt`, `10mb-…`) so other tools can be timed on the same files; see
//! BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use redline::compare::{CompareOptions, compare};
use redline::document::Document;
use redline::text::Article;

const MB: usize = 1024 * 1024;

fn main() {
    if let Some(dir) = std::env::var_os("REDLINE_WRITE_PAIRS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, size) in [("1mb", MB), ("10mb", 10 * MB)] {
            let (old, new) = support::revision_pair(42, size, 0.02);
            std::fs::write(dir.join(format!("{name}-old.txt")), old).unwrap();
            std::fs::write(dir.join(format!("{name}-new.txt")), new).unwrap();
        }
        return;
    }
    divan::main();
}

/// Everything `redline summary --format json` does after reading the bytes, with both sides
/// decoded and segmented at once as `Article::load_pair` does.
fn pipeline(old: &str, new: &str) -> String {
    let article = |text: &str| {
        Article::from_document(Document::from_bytes("old", text.as_bytes().to_vec()).unwrap())
    };
    let (old, new) = std::thread::scope(|s| {
        let old = s.spawn(|| article(old));
        let new = article(new);
        (old.join().unwrap(), new)
    });
    let cmp = compare(old.shared(), new.shared(), &CompareOptions::default());
    redline::export::json(&redline::summary::ChangeSummary::new(&cmp))
}

#[divan::bench(sample_count = 10)]
fn sample_article(bencher: divan::Bencher) {
    bencher.bench(|| pipeline(redline::sample::OLD_TEXT, redline::sample::NEW_TEXT));
}

#[divan::bench(args = [1, 10], sample_count = 5)]
fn revision_2_percent_edited(bencher: divan::Bencher, megabytes: usize) {
    let (old, new) = support::revision_pair(42, megabytes * MB, 0.02);
    bencher.bench(|| pipeline(&old, &new));
}

#[divan::bench(sample_count = 5)]
fn unrelated_1mb(bencher: divan::Bencher) {
    let (old, _) = support::revision_pair(1, MB, 0.0);
    let (new, _) = support::revision_pair(2, MB, 0.0);
    bencher.bench(|| pipeline(&old, &new));
}
