//! A plain-text summary for pasting into an email: `[-deleted-]` and `{+inserted+}` marks, as
//! wdiff and `git diff --word-diff=plain` write them.

use std::fmt::Write;

use super::{
    APPROXIMATE_NOTE, change_place, facets, fact_place, facts_in_order, overview, passage_views,
    review_words,
};
use crate::compare::{EditOp, edit_texts};
use crate::summary::{ChangeSummary, FileHeader, VERSION, timestamp};

/// Renders the summary as plain text.
pub fn text(summary: &ChangeSummary) -> String {
    let comparison = summary.comparison;
    let mut out = String::new();
    let title = format!("Changes: {} → {}", summary.old.name, summary.new.name);
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()));
    for (label, h) in [("Old", &summary.old), ("New", &summary.new)] {
        let _ = writeln!(out, "{label}: {}", file_line(h));
        for w in &h.warnings {
            let _ = writeln!(out, "     warning: {w}");
        }
    }
    let _ = writeln!(out, "Options: {}.", comparison.options.describe());
    let _ = writeln!(
        out,
        "Made by Redline {VERSION} on {}.",
        timestamp(summary.generated)
    );
    heading(&mut out, "Overview");
    let _ = writeln!(out, "{}", overview(comparison));
    if let Some(counts) = summary.review_counts() {
        let _ = writeln!(out, "Review: {}", counts.sentence());
    }
    if comparison.approximate {
        let _ = writeln!(out, "{APPROXIMATE_NOTE}");
    }
    heading(&mut out, "For the fact-checker");
    for (title, list) in facets(&summary.facts) {
        let _ = writeln!(out, "{title}:");
        if list.is_empty() {
            let _ = writeln!(out, "  no changes");
        }
        for (what, f) in facts_in_order(list) {
            let text = match (&f.old, &f.new) {
                (Some(o), Some(n)) => format!("{o} -> {n}"),
                (Some(t), None) | (None, Some(t)) => t.clone(),
                (None, None) => String::new(),
            };
            let _ = writeln!(out, "  {what} ({}): {text}", fact_place(f));
        }
        out.push('\n');
    }
    heading(&mut out, "Changes");
    if comparison.changes.is_empty() {
        let _ = writeln!(out, "No changes.");
    }
    for (n, change) in comparison.changes.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}, {}:",
            n + 1,
            comparison.shape(change).title(),
            change_place(change)
        );
        let mut body = String::new();
        for (op, text) in edit_texts(comparison, change) {
            let lead = &text[..text.len() - text.trim_start().len()];
            let words = text.trim_start();
            let _ = match op {
                EditOp::Equal => write!(body, "{text}"),
                EditOp::Delete => write!(body, "{lead}[-{words}-]"),
                EditOp::Insert => write!(body, "{lead}{{+{words}+}}"),
            };
        }
        for paragraph in body.split("\n\n") {
            let _ = writeln!(out, "   {paragraph}");
        }
        if let Some((status, note)) = review_words(&summary.mark(n)) {
            let _ = match note {
                Some(note) => writeln!(out, "   [{status}: {note}]"),
                None => writeln!(out, "   [{status}]"),
            };
        }
        out.push('\n');
    }
    let passages = passage_views(comparison);
    if !passages.is_empty() {
        heading(&mut out, "Moved passages");
    }
    for (n, p) in passages.iter().enumerate() {
        let _ = writeln!(out, "{}. {}:", n + 1, p.place());
        let _ = writeln!(out, "   {}", p.new_text);
        if p.old_text != p.new_text {
            let _ = writeln!(out, "   (was: {})", p.old_text);
        }
        out.push('\n');
    }
    out
}

fn file_line(h: &FileHeader) -> String {
    let mut line = h.name.clone();
    if let Some(path) = &h.path {
        let _ = write!(line, " ({path})");
    }
    let _ = write!(line, ", {} bytes, {}", h.bytes, h.encoding);
    if let Some(m) = h.modified {
        let _ = write!(line, ", modified {}", timestamp(m));
    }
    let _ = write!(line, ", {} paragraphs / {} words", h.paragraphs, h.words);
    line
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
}
