//! Writers that turn a [`ChangeSummary`] (the comparison, with its facts and review when it has
//! them) into the bytes of something a colleague can read without Redline, and the one safe way
//! to put them on disk.
//!
//! Every format shows the same things in the same order (the files, the overview, the
//! fact-check facets, the changes); the shared wording lives here so the formats agree.

mod docx;
mod html;
mod json;
mod markdown;
pub mod redline;
mod text;
mod timeline;
mod write;

pub use docx::{RenderError, docx};
pub use html::html;
pub use json::{FORMAT_NAME, FORMAT_VERSION, json};
pub use markdown::markdown;
pub use text::text;
pub use timeline::{
    TIMELINE_FORMAT_NAME, TIMELINE_FORMAT_VERSION, timeline_html, timeline_json, timeline_markdown,
    timeline_text,
};
pub use write::{ExportError, write_atomically};

use crate::compare::{Change, Comparison, PARAGRAPH_SEPARATOR, Side};
use crate::review::Mark;
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
    /// A Word document (.docx): the new version with every change a tracked revision, and the
    /// fact-check findings and review notes as comments.
    Docx,
}

impl Format {
    /// Every format, for menus and messages.
    pub const ALL: [Self; 5] = [
        Self::Markdown,
        Self::Html,
        Self::Json,
        Self::Text,
        Self::Docx,
    ];

    /// Renders a summary in this format: the bytes of the file.
    pub fn render(self, summary: &ChangeSummary) -> Result<Vec<u8>, RenderError> {
        Ok(match self {
            Self::Markdown => markdown(summary).into_bytes(),
            Self::Html => html(summary).into_bytes(),
            Self::Json => json(summary).into_bytes(),
            Self::Text => text(summary).into_bytes(),
            Self::Docx => docx(summary)?,
        })
    }

    /// The format a file name asks for by its extension, if it names one.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "json" => Some(Self::Json),
            "txt" | "text" => Some(Self::Text),
            "docx" => Some(Self::Docx),
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
            Self::Docx => "docx",
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
    facts.by_facet()
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

/// A fact's wording as a comment or a line gives it: "old → new", or the one it has.
pub(crate) fn fact_words(fact: &Fact) -> String {
    match (&fact.old, &fact.new) {
        (Some(o), Some(n)) => format!("{o} → {n}"),
        (Some(t), None) | (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
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
    match comparison.passages.len() {
        0 => {}
        1 => out.push_str(" 1 passage moved between paragraphs (under Moved passages)."),
        n => out.push_str(&format!(
            " {n} passages moved between paragraphs (under Moved passages)."
        )),
    }
    if let Some(note) = layout_note(comparison) {
        out.push(' ');
        out.push_str(&note);
    }
    out
}

/// A moved passage as the summaries list it, and as the JSON's `moved_passages` holds it.
#[derive(serde::Serialize)]
pub(crate) struct PassageView {
    /// The change it leaves, numbered from 1 as the summaries number changes.
    pub from_change: usize,
    /// The change it joins, numbered from 1.
    pub to_change: usize,
    /// The old paragraph it left, numbered from 1.
    pub old_paragraph: usize,
    /// The new paragraph it joined, numbered from 1.
    pub new_paragraph: usize,
    /// The words where they were.
    pub old_text: String,
    /// The words where they are.
    pub new_text: String,
    /// How alike the two are, 0.0 to 1.0.
    pub similarity: f64,
}

impl PassageView {
    /// "old ¶3 (change 2) → new ¶7 (change 5), 98% alike".
    pub fn place(&self) -> String {
        format!(
            "old ¶{} (change {}) → new ¶{} (change {}), {:.0}% alike",
            self.old_paragraph,
            self.from_change,
            self.new_paragraph,
            self.to_change,
            self.similarity * 100.0
        )
    }
}

/// The comparison's moved passages, for the summaries and the JSON.
pub(crate) fn passage_views(comparison: &Comparison) -> Vec<PassageView> {
    comparison
        .passages
        .iter()
        .filter_map(|p| {
            let (from, to) = (
                comparison.changes.get(p.from)?,
                comparison.changes.get(p.to)?,
            );
            let old_text = from.text(comparison, Side::Old);
            let new_text = to.text(comparison, Side::New);
            Some(PassageView {
                from_change: p.from + 1,
                to_change: p.to + 1,
                old_paragraph: comparison.paragraph_at(from, Side::Old, p.old.start) + 1,
                new_paragraph: comparison.paragraph_at(to, Side::New, p.new.start) + 1,
                old_text: old_text
                    .get(p.old.clone())?
                    .replace(PARAGRAPH_SEPARATOR, " ¶ "),
                new_text: new_text
                    .get(p.new.clone())?
                    .replace(PARAGRAPH_SEPARATOR, " ¶ "),
                similarity: p.similarity,
            })
        })
        .collect()
}

/// "Layout only, not counted as changes: 3 places where the same words are broken into
/// paragraphs differently.", or `None` when the versions break paragraphs alike.
pub(crate) fn layout_note(comparison: &Comparison) -> Option<String> {
    let n = comparison.stats.reparagraphed;
    let (changes, places) = if n == 1 {
        ("a change", "place")
    } else {
        ("changes", "places")
    };
    (n > 0).then(|| {
        format!(
            "Layout only, not counted as {changes}: {n} {places} where the same words are broken into paragraphs differently."
        )
    })
}

/// A change's review as every format shows it: "Reviewed", "Flagged: check the count", or
/// `None` for a change with no status and no note. The note is returned apart, on one line (a
/// note with line breaks would break a list item), for the format to escape.
pub(crate) fn review_words(mark: &Mark) -> Option<(&'static str, Option<String>)> {
    if mark.is_blank() {
        return None;
    }
    let note = mark.note.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((mark.status.title(), (!note.is_empty()).then_some(note)))
}

/// Escapes text for XML and HTML content and attribute values, and drops the characters XML
/// 1.0 cannot hold (control characters but tab, line feed and carriage return; U+FFFE and
/// U+FFFF): the HTML page and the Word redline both put the documents' text in markup.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The note shown when the time budget ran out.
pub(crate) const APPROXIMATE_NOTE: &str =
    "The comparison ran out of time; some word differences are coarser than they could be.";
