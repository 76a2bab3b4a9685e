//! The JSON summary: a public interface for scripts (schema in the README).

use serde::Serialize;

use super::edit_texts;
use crate::compare::{ChangeKind, CompareOptions, Comparison, EditOp, Side, Stats};
use crate::document::LoadWarning;

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "redline-summary";
/// The value of the `version` field; raised only for changes that break readers.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    format: &'static str,
    version: u32,
    old: FileInfo<'a>,
    new: FileInfo<'a>,
    options: &'a CompareOptions,
    stats: &'a Stats,
    approximate: bool,
    elapsed_ms: u128,
    changes: Vec<ChangeOut>,
}

#[derive(Serialize)]
struct FileInfo<'a> {
    name: &'a str,
    path: Option<String>,
    encoding: &'a str,
    bytes: u64,
    paragraphs: usize,
    words: usize,
    warnings: &'a [LoadWarning],
}

#[derive(Serialize)]
struct ChangeOut {
    kind: ChangeKind,
    old_paragraphs: Vec<usize>,
    new_paragraphs: Vec<usize>,
    old_text: String,
    new_text: String,
    edits: Vec<EditOut>,
}

#[derive(Serialize)]
struct EditOut {
    op: EditOp,
    text: String,
}

/// Renders the comparison as the `redline-summary` JSON document, pretty-printed.
pub fn json(comparison: &Comparison) -> String {
    let file = |side: Side| {
        let a = comparison.article(side);
        FileInfo {
            name: &a.source.name,
            path: a.source.path.as_ref().map(|p| p.display().to_string()),
            encoding: &a.source.encoding,
            bytes: a.source.bytes,
            paragraphs: a.paragraphs.len(),
            words: a.words,
            warnings: &a.source.warnings,
        }
    };
    let changes = comparison
        .changes
        .iter()
        .map(|c| ChangeOut {
            kind: c.kind,
            old_paragraphs: c.old.clone().map(|i| i + 1).collect(),
            new_paragraphs: c.new.clone().map(|i| i + 1).collect(),
            old_text: c.text(comparison, Side::Old),
            new_text: c.text(comparison, Side::New),
            edits: edit_texts(comparison, c)
                .into_iter()
                .map(|(op, text)| EditOut { op, text })
                .collect(),
        })
        .collect();
    let summary = Summary {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        old: file(Side::Old),
        new: file(Side::New),
        options: &comparison.options,
        stats: &comparison.stats,
        approximate: comparison.approximate,
        elapsed_ms: comparison.elapsed.as_millis(),
        changes,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n"
}
