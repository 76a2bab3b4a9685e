//! The JSON summary: a public interface for scripts (schema in the README).

use serde::Serialize;

use crate::compare::{ChangeKind, CompareOptions, EditOp, Shape, Side, Stats};
use crate::document::LoadWarning;
use crate::review::{Counts, Mark};
use crate::summary::{ChangeSummary, Facts, FileHeader, VERSION, timestamp};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "redline-summary";
/// The value of the `version` field; raised only for changes that break readers.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    format: &'static str,
    version: u32,
    generated: String,
    redline_version: &'static str,
    old: FileOut<'a>,
    new: FileOut<'a>,
    options: &'a CompareOptions,
    stats: &'a Stats,
    approximate: bool,
    elapsed_ms: u128,
    facts: &'a Facts,
    /// How many changes the reader marked reviewed or flagged, and how many are left.
    review: Counts,
    changes: Vec<ChangeOut>,
    /// Sentences or clauses deleted in one change and inserted, nearly the same, in another.
    moved_passages: Vec<super::PassageView>,
    /// Where the same words are broken into paragraphs differently: not changes.
    reparagraphed: Vec<LayoutOut>,
}

#[derive(Serialize)]
struct LayoutOut {
    old_paragraphs: Vec<usize>,
    new_paragraphs: Vec<usize>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    name: &'a str,
    path: Option<&'a str>,
    encoding: &'a str,
    bytes: u64,
    modified: Option<String>,
    paragraphs: usize,
    words: usize,
    warnings: &'a [LoadWarning],
}

impl<'a> FileOut<'a> {
    fn of(h: &'a FileHeader) -> Self {
        Self {
            name: &h.name,
            path: h.path.as_deref(),
            encoding: &h.encoding,
            bytes: h.bytes,
            modified: h.modified.map(timestamp),
            paragraphs: h.paragraphs,
            words: h.words,
            warnings: &h.warnings,
        }
    }
}

#[derive(Serialize)]
struct ChangeOut {
    kind: ChangeKind,
    shape: Shape,
    old_paragraphs: Vec<usize>,
    new_paragraphs: Vec<usize>,
    old_text: String,
    new_text: String,
    edits: Vec<EditOut>,
    review: Mark,
}

#[derive(Serialize)]
struct EditOut {
    op: EditOp,
    text: String,
}

/// Renders the summary as the `redline-summary` JSON document, pretty-printed.
pub fn json(summary: &ChangeSummary) -> String {
    let comparison = summary.comparison;
    // A long article has thousands of changes; their texts are put together on every core.
    let mut changes = crate::parallel::map(&comparison.changes, |c| {
        let (old_text, new_text) = (c.text(comparison, Side::Old), c.text(comparison, Side::New));
        ChangeOut {
            kind: c.kind,
            shape: comparison.shape(c),
            old_paragraphs: c.old.clone().map(|i| i + 1).collect(),
            new_paragraphs: c.new.clone().map(|i| i + 1).collect(),
            edits: c
                .pieces(&old_text, &new_text)
                .into_iter()
                .map(|(op, text)| EditOut { op, text })
                .collect(),
            old_text,
            new_text,
            review: Mark::default(),
        }
    });
    for (n, change) in changes.iter_mut().enumerate() {
        change.review = summary.mark(n);
    }
    let review = match &summary.review {
        Some(review) => review.counts(),
        None => Counts {
            to_review: changes.len(),
            ..Counts::default()
        },
    };
    let out = Summary {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        generated: timestamp(summary.generated),
        redline_version: VERSION,
        old: FileOut::of(&summary.old),
        new: FileOut::of(&summary.new),
        options: &comparison.options,
        stats: &comparison.stats,
        approximate: comparison.approximate,
        elapsed_ms: comparison.elapsed.as_millis(),
        facts: &summary.facts,
        review,
        changes,
        moved_passages: super::passage_views(comparison),
        reparagraphed: comparison
            .rows
            .iter()
            .filter(|r| r.is_reparagraphed())
            .map(|r| LayoutOut {
                old_paragraphs: r.old.clone().map(|i| i + 1).collect(),
                new_paragraphs: r.new.clone().map(|i| i + 1).collect(),
            })
            .collect(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string_pretty(&out).unwrap_or_default();
    json.push('\n');
    json
}
