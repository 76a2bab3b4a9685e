//! Writers that turn a [`Comparison`](crate::compare::Comparison) into something a colleague can
//! read without Redline, and the one safe way to put it on disk.

mod json;
mod markdown;
mod write;

pub use json::{FORMAT_NAME, FORMAT_VERSION, json};
pub use markdown::markdown;
pub use write::{ExportError, write_atomically};

use crate::compare::{Change, Comparison, EditOp, Side};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Markdown that reads well as plain text.
    #[default]
    Markdown,
    /// The JSON document described in the README (`redline-summary`, version 1).
    Json,
}

impl Format {
    /// Renders a comparison in this format.
    pub fn render(self, comparison: &Comparison) -> String {
        match self {
            Self::Markdown => markdown(comparison),
            Self::Json => json(comparison),
        }
    }

    /// The format a file name asks for by its extension, if it names one.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// One step of a change as text: what `edits` in the JSON and the marks in Markdown show.
///
/// Each piece carries the whitespace that precedes it, so joining the `Equal` and `Delete`
/// pieces gives the old text and joining `Equal` and `Insert` gives the new text (equal pieces
/// are taken from the old text, so the new text comes back up to what the options fold).
pub fn edit_texts(comparison: &Comparison, change: &Change) -> Vec<(EditOp, String)> {
    let old = change.text(comparison, Side::Old);
    let new = change.text(comparison, Side::New);
    if change.edits.is_empty() {
        return match (old.is_empty(), new.is_empty()) {
            (true, true) => Vec::new(),
            (false, true) => vec![(EditOp::Delete, old)],
            (true, false) => vec![(EditOp::Insert, new)],
            (false, false) => vec![(EditOp::Delete, old), (EditOp::Insert, new)],
        };
    }
    let (mut old_at, mut new_at) = (0, 0);
    let mut out: Vec<(EditOp, String)> = Vec::with_capacity(change.edits.len());
    for e in &change.edits {
        let piece = match e.op {
            EditOp::Equal => {
                // Pieces carry the whitespace before them, except where a change opens one side
                // only: then that change keeps the space, so the other side gets none.
                let lone = (new_at == 0 && old_at > 0)
                    .then(|| &old[old_at..e.old.start])
                    .or_else(|| (old_at == 0 && new_at > 0).then(|| &new[new_at..e.new.start]));
                match (lone, out.last_mut()) {
                    (Some(gap), Some((_, last))) => {
                        last.push_str(gap);
                        old[e.old.clone()].to_owned()
                    }
                    _ => old[old_at..e.old.end].to_owned(),
                }
            }
            EditOp::Delete => old[old_at..e.old.end].to_owned(),
            EditOp::Insert => new[new_at..e.new.end].to_owned(),
        };
        if e.op != EditOp::Insert {
            old_at = e.old.end;
        }
        if e.op != EditOp::Delete {
            new_at = e.new.end;
        }
        out.push((e.op, piece));
    }
    out
}
