//! Writers that turn a [`ChangeSummary`] into something a colleague can read without Redline,
//! and the one safe way to put it on disk.
//!
//! Every format shows the same things in the same order (the files, the overview, the
//! fact-check facets, the changes); the shared wording lives here so the formats agree.

mod html;
mod json;
mod markdown;
mod text;
mod write;

pub use html::html;
pub use json::{FORMAT_NAME, FORMAT_VERSION, json};
pub use markdown::markdown;
pub use text::text;
pub use write::{ExportError, write_atomically};

use crate::compare::{Change, ChangeKind, Comparison, EditOp, Regrouping, Side};
use crate::summary::{ChangeSummary, Fact, FactList, Facts, FileHeader};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Markdown that reads well as plain text and renders on common viewers.
    #[default]
    Markdown,
    /// One self-contained HTML page, readable when printed.
    Html,
    /// The JSON document described in the README (`redline-summary`, version 1).
    Json,
    /// Plain text for pasting into an email.
    Text,
}

impl Format {
    /// Every format, for menus and messages.
    pub const ALL: [Self; 4] = [Self::Markdown, Self::Html, Self::Json, Self::Text];

    /// Renders a summary in this format.
    pub fn render(self, summary: &ChangeSummary) -> String {
        match self {
            Self::Markdown => markdown(summary),
            Self::Html => html(summary),
            Self::Json => json(summary),
            Self::Text => text(summary),
        }
    }

    /// The format a file name asks for by its extension, if it names one.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "json" => Some(Self::Json),
            "txt" | "text" => Some(Self::Text),
            _ => None,
        }
    }

    /// The usual file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Json => "json",
            Self::Text => "txt",
        }
    }
}

/// A default file name for a summary of `old` → `new` (the two files' names), e.g.
/// `article-v1 vs article-v2.md`.
pub fn default_file_name(old: &str, new: &str, format: Format) -> String {
    let stem = |name: &str| {
        let stem = std::path::Path::new(name)
            .file_stem()
            .map_or(name.to_owned(), |s| s.to_string_lossy().into_owned());
        stem.chars()
            .map(|c| {
                if c.is_alphanumeric() || "-_. ".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
    };
    format!("{} vs {}.{}", stem(old), stem(new), format.extension())
}

/// The facets with their headings, in the order every format lists them.
pub(crate) fn facets(facts: &Facts) -> [(&'static str, &FactList); 4] {
    [
        ("Quotes", &facts.quotes),
        ("Attributions", &facts.attributions),
        ("Numbers and dates", &facts.numbers),
        ("Names", &facts.names),
    ]
}

/// "¶3", "¶3+¶4" for paragraph numbers from 1.
pub(crate) fn paragraph_list(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!("¶{n}"))
        .collect::<Vec<_>>()
        .join("+")
}

/// Where a change is: "old ¶1", "new ¶7" or "¶4 → ¶3".
pub(crate) fn change_place(change: &Change) -> String {
    let list =
        |r: &std::ops::Range<usize>| paragraph_list(&r.clone().map(|i| i + 1).collect::<Vec<_>>());
    match (change.old.is_empty(), change.new.is_empty()) {
        (true, _) => format!("new {}", list(&change.new)),
        (_, true) => format!("old {}", list(&change.old)),
        _ => format!("{} → {}", list(&change.old), list(&change.new)),
    }
}

/// The heading of a change: "Changed", "Split", "Merged", "Re-paragraphed", "Moved",
/// "Inserted", "Deleted".
pub(crate) fn change_title(change: &Change) -> &'static str {
    match change.kind {
        ChangeKind::Changed => match change.regrouping() {
            Regrouping::None => "Changed",
            Regrouping::Split => "Split",
            Regrouping::Merge => "Merged",
            Regrouping::Both => "Re-paragraphed",
        },
        ChangeKind::Moved => "Moved",
        ChangeKind::Inserted => "Inserted",
        ChangeKind::Deleted => "Deleted",
    }
}

/// The facts of one facet in the order every format lists them, each with what happened to it.
pub(crate) fn facts_in_order(list: &FactList) -> impl Iterator<Item = (&'static str, &Fact)> {
    list.added
        .iter()
        .map(|f| ("added", f))
        .chain(list.removed.iter().map(|f| ("removed", f)))
        .chain(list.changed.iter().map(|f| ("changed", f)))
}

/// The rows of the file table (label, old, new) that Markdown and HTML show.
pub(crate) fn file_rows(summary: &ChangeSummary) -> Vec<(&'static str, String, String)> {
    let row = |label, f: &dyn Fn(&FileHeader) -> String| (label, f(&summary.old), f(&summary.new));
    vec![
        row("file", &|h| h.name.clone()),
        row("path", &|h| {
            h.path.clone().unwrap_or_else(|| "—".to_owned())
        }),
        row("size", &|h| format!("{} bytes, {}", h.bytes, h.encoding)),
        row("modified", &|h| {
            h.modified
                .map_or_else(|| "—".to_owned(), crate::summary::timestamp)
        }),
        row("paragraphs / words", &|h| {
            format!("{} / {}", h.paragraphs, h.words)
        }),
    ]
}

/// Where a fact is, e.g. "old ¶4 → new ¶3" or "new ¶2".
pub(crate) fn fact_place(fact: &Fact) -> String {
    match (
        fact.old_paragraphs.is_empty(),
        fact.new_paragraphs.is_empty(),
    ) {
        (false, false) => format!(
            "old {} → new {}",
            paragraph_list(&fact.old_paragraphs),
            paragraph_list(&fact.new_paragraphs)
        ),
        (false, true) => format!("old {}", paragraph_list(&fact.old_paragraphs)),
        _ => format!("new {}", paragraph_list(&fact.new_paragraphs)),
    }
}

/// The overview sentence every format opens with, and the layout note when paragraphs were
/// broken differently (which is not counted as a change).
pub(crate) fn overview(comparison: &Comparison) -> String {
    let s = &comparison.stats;
    let mut out = format!(
        "{} changed, {} moved, {} inserted, {} deleted, {} unchanged paragraphs; {} words added, {} removed. Similarity {:.0}%.",
        s.changed,
        s.moved,
        s.inserted,
        s.deleted,
        s.unchanged,
        s.words_inserted,
        s.words_deleted,
        s.similarity * 100.0
    );
    if let Some(note) = layout_note(comparison) {
        out.push(' ');
        out.push_str(&note);
    }
    out
}

/// "Layout only: 3 places where the same words are broken into paragraphs differently.", or
/// `None` when the versions break paragraphs alike.
pub fn layout_note(comparison: &Comparison) -> Option<String> {
    match comparison.stats.reparagraphed {
        0 => None,
        1 => Some(
            "Layout only, not counted as a change: 1 place where the same words are broken into paragraphs differently."
                .to_owned(),
        ),
        n => Some(format!(
            "Layout only, not counted as changes: {n} places where the same words are broken into paragraphs differently."
        )),
    }
}

/// The note shown when the time budget ran out.
pub(crate) const APPROXIMATE_NOTE: &str =
    "The comparison ran out of time; some word differences are coarser than they could be.";

/// One step of a change as text: what `edits` in the JSON and the marks in Markdown show.
///
/// Each piece carries the whitespace that precedes it, so joining the `Equal` and `Delete`
/// pieces gives the old text and joining `Equal` and `Insert` gives the new text (equal pieces
/// are taken from the old text, so the new text comes back up to what the options fold).
pub fn edit_texts(comparison: &Comparison, change: &Change) -> Vec<(EditOp, String)> {
    let old = change.text(comparison, Side::Old);
    let new = change.text(comparison, Side::New);
    edit_pieces(change, &old, &new)
}

/// [`edit_texts`] for a caller that already has the change's old and new texts.
pub(crate) fn edit_pieces(change: &Change, old: &str, new: &str) -> Vec<(EditOp, String)> {
    if change.edits.is_empty() {
        let (old, new) = (old.to_owned(), new.to_owned());
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
                        // Whatever of the old text precedes this piece and is not yet shown
                        // (text the options ignore, at the very start) still comes first.
                        let from = if old_at == 0 { 0 } else { e.old.start };
                        old[from..e.old.end].to_owned()
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
    // Text after the last compared word (punctuation the options ignore) still belongs to its
    // side: to the last piece that shows that side alone or, for the old side, in common.
    if old_at < old.len() {
        match out.iter_mut().rev().find(|(op, _)| *op != EditOp::Insert) {
            Some((_, last)) => last.push_str(&old[old_at..]),
            // No old word was compared at all (all of it is text the options ignore).
            None => out.insert(0, (EditOp::Delete, old[old_at..].to_owned())),
        }
    }
    if new_at < new.len() {
        match out.iter_mut().rev().find(|(op, _)| *op != EditOp::Delete) {
            Some((EditOp::Insert, last)) => last.push_str(&new[new_at..]),
            Some(_) => {}
            None => out.push((EditOp::Insert, new[new_at..].to_owned())),
        }
    }
    out
}
