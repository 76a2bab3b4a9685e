//! Integration tests of the core engine (loading, segmenting, comparing), by topic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod alignment;
mod corpus;
mod layout;
mod loading;
mod options;
mod properties;
mod revisions;
mod sample;
mod segmentation;

use redline::compare::{Change, CompareOptions, Comparison, compare};
use redline::text::Article;

/// Compares two texts with the given options.
pub fn diff_with(old: &str, new: &str, options: CompareOptions) -> Comparison {
    compare(
        Article::from_text("old", old).shared(),
        Article::from_text("new", new).shared(),
        &options,
    )
}

/// Compares two texts with the default options.
pub fn diff(old: &str, new: &str) -> Comparison {
    diff_with(old, new, CompareOptions::default())
}

/// The change that involves old paragraph `old` and new paragraph `new` (numbered from 1).
pub fn change_between(cmp: &Comparison, old: usize, new: usize) -> &Change {
    cmp.changes
        .iter()
        .find(|c| c.old.contains(&(old - 1)) && c.new.contains(&(new - 1)))
        .unwrap_or_else(|| {
            panic!(
                "no change pairs old ¶{old} with new ¶{new}: {:#?}",
                cmp.changes
            )
        })
}

/// The changed words of a change as "-deleted" and "+inserted" strings, in order.
pub fn word_edits(cmp: &Comparison, change: &Change) -> Vec<String> {
    redline::compare::edit_texts(cmp, change)
        .into_iter()
        .filter_map(|(op, text)| match op {
            redline::compare::EditOp::Equal => None,
            redline::compare::EditOp::Delete => Some(format!("-{}", text.trim())),
            redline::compare::EditOp::Insert => Some(format!("+{}", text.trim())),
        })
        .collect()
}
