//! Benchmarks of the fact check alone (`Facts::of`), on comparisons made once: real revisions
//! from the corpus, and texts with 1,000 to 100,000 distinct names, quotations and numbers. Ten
//! times as many must cost about ten times as much, not a hundred (issue 12: no pairwise scans).
//!
//! `cargo bench --no-default-features --bench facets` runs them; BENCHMARKS.md has the results.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use redline::compare::{CompareOptions, Comparison, compare};
use redline::summary::Facts;
use redline::text::Article;

fn main() {
    divan::main();
}

fn comparison(old: &str, new: &str) -> Comparison {
    compare(
        Article::from_text("old", old).shared(),
        Article::from_text("new", new).shared(),
        &CompareOptions::default(),
    )
}

fn corpus(path: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");
    std::fs::read_to_string(format!("{dir}/{path}")).unwrap()
}

/// Real revisions: the sample article, GFDL 1.2 → 1.3, LGPL 2.0 → 2.1.
#[divan::bench(args = ["sample", "gfdl", "lgpl"])]
fn real_revision(bencher: divan::Bencher, which: &str) {
    let (old, new) = match which {
        "sample" => (
            redline::sample::OLD_TEXT.to_owned(),
            redline::sample::NEW_TEXT.to_owned(),
        ),
        "gfdl" => (
            corpus("revisions/gfdl-1.2.txt"),
            corpus("revisions/gfdl-1.3.txt"),
        ),
        _ => (
            corpus("revisions/lgpl-2.0.txt"),
            corpus("revisions/lgpl-2.1.txt"),
        ),
    };
    let cmp = comparison(&old, &new);
    bencher.bench(|| Facts::of(&cmp));
}

/// The sample article against paragraphs naming `count` distinct people, some inside longer
/// names: every name is a candidate, looked up in the other version and in unchanged text.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn distinct_names(bencher: divan::Bencher, count: usize) {
    let cmp = comparison(redline::sample::OLD_TEXT, &support::names_text(count));
    bencher.bench(|| Facts::of(&cmp));
}

/// The sample article against `count` quotations, ten to a paragraph.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn quotations(bencher: divan::Bencher, count: usize) {
    let cmp = comparison(redline::sample::OLD_TEXT, &support::quotes_text(count));
    bencher.bench(|| Facts::of(&cmp));
}

/// The sample article against one paragraph of `count` numbers and dates.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn numbers_and_dates(bencher: divan::Bencher, count: usize) {
    let cmp = comparison(redline::sample::OLD_TEXT, &support::numbers_text(count));
    bencher.bench(|| Facts::of(&cmp));
}
