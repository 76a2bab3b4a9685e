//! A Markdown summary that reads well as plain text: deleted words ~~struck~~, inserted **bold**.

use std::fmt::Write;

use super::edit_texts;
use crate::compare::{Change, ChangeKind, Comparison, EditOp, Side};

/// Renders the comparison as Markdown.
pub fn markdown(comparison: &Comparison) -> String {
    let (old, new) = (&comparison.old, &comparison.new);
    let s = &comparison.stats;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Changes: {} → {}\n",
        escape(&old.source.name),
        escape(&new.source.name)
    );
    let _ = writeln!(out, "| | old | new |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| file | {} | {} |",
        file_cell(comparison, Side::Old),
        file_cell(comparison, Side::New)
    );
    let _ = writeln!(
        out,
        "| paragraphs / words | {} / {} | {} / {} |\n",
        old.paragraphs.len(),
        old.words,
        new.paragraphs.len(),
        new.words
    );
    let _ = writeln!(
        out,
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
    let _ = writeln!(out, "Options: {}.", comparison.options.describe());
    if comparison.approximate {
        let _ = writeln!(
            out,
            "\n*The comparison ran out of time; some word differences are coarser than they could be.*"
        );
    }
    if comparison.changes.is_empty() {
        let _ = writeln!(out, "\nNo changes.");
        return out;
    }
    let _ = writeln!(out, "\n## Changes\n");
    for (n, change) in comparison.changes.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** {}: {}\n",
            n + 1,
            title(change),
            where_(change),
            body(comparison, change)
        );
    }
    out
}

fn file_cell(comparison: &Comparison, side: Side) -> String {
    let src = &comparison.article(side).source;
    let mut cell = format!(
        "{} ({} bytes, {})",
        escape(&src.name),
        src.bytes,
        src.encoding
    );
    for w in &src.warnings {
        let _ = write!(cell, " ⚠ {}", escape(&w.0));
    }
    cell
}

fn title(change: &Change) -> &'static str {
    match change.kind {
        ChangeKind::Changed if change.new.len() > 1 => "Split",
        ChangeKind::Changed if change.old.len() > 1 => "Merged",
        ChangeKind::Changed => "Changed",
        ChangeKind::Moved => "Moved",
        ChangeKind::Inserted => "Inserted",
        ChangeKind::Deleted => "Deleted",
    }
}

/// "¶3 → ¶2" in paragraph numbers from 1.
fn where_(change: &Change) -> String {
    let list = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| format!("¶{}", i + 1))
            .collect::<Vec<_>>()
            .join("+")
    };
    match (change.old.is_empty(), change.new.is_empty()) {
        (true, _) => format!("new {}", list(&change.new)),
        (_, true) => format!("old {}", list(&change.old)),
        _ => format!("{} → {}", list(&change.old), list(&change.new)),
    }
}

fn body(comparison: &Comparison, change: &Change) -> String {
    let mut out = String::new();
    for (op, text) in edit_texts(comparison, change) {
        let text = text.replace("\n\n", " ¶ ");
        let lead = &text[..text.len() - text.trim_start().len()];
        let words = escape(text.trim_start());
        match op {
            EditOp::Equal => out.push_str(&escape(&text)),
            EditOp::Delete => {
                let _ = write!(out, "{lead}~~{words}~~");
            }
            EditOp::Insert => {
                let _ = write!(out, "{lead}**{words}**");
            }
        }
    }
    out
}

/// Escapes the characters Markdown would take as formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
