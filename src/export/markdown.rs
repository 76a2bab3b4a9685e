//! A Markdown summary that reads well as plain text: deleted words ~~struck~~, inserted **bold**.

use std::fmt::Write;

use super::{
    APPROXIMATE_NOTE, change_place, facets, fact_place, facts_in_order, file_rows, overview,
    passage_views, review_words,
};
use crate::compare::{EditOp, edit_texts};
use crate::summary::{ChangeSummary, Fact, VERSION, timestamp};

/// Renders the summary as Markdown.
pub fn markdown(summary: &ChangeSummary) -> String {
    let comparison = summary.comparison;
    let (old, new) = (&summary.old, &summary.new);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Changes: {} → {}\n",
        escape(&old.name),
        escape(&new.name)
    );
    let _ = writeln!(out, "| | old | new |\n|---|---|---|");
    for (label, o, n) in file_rows(summary) {
        let _ = writeln!(out, "| {label} | {} | {} |", escape(&o), escape(&n));
    }
    for h in [old, new] {
        for w in &h.warnings {
            let _ = writeln!(out, "\n⚠ {}: {}", escape(&h.name), escape(&w.0));
        }
    }
    let _ = writeln!(
        out,
        "\nOptions: {}. Made by Redline {VERSION} on {}.",
        comparison.options.describe(),
        timestamp(summary.generated)
    );
    let _ = writeln!(out, "\n## Overview\n\n{}", overview(comparison));
    if let Some(counts) = summary.review_counts() {
        let _ = writeln!(out, "\nReview: {}", counts.sentence());
    }
    if comparison.approximate {
        let _ = writeln!(out, "\n*{APPROXIMATE_NOTE}*");
    }
    let _ = writeln!(out, "\n## For the fact-checker");
    for (title, list) in facets(&summary.facts) {
        let _ = writeln!(out, "\n**{title}**\n");
        if list.is_empty() {
            let _ = writeln!(out, "- no changes");
        }
        for (what, fact) in facts_in_order(list) {
            let _ = writeln!(out, "- {what} ({}): {}", fact_place(fact), fact_text(fact));
        }
    }
    let _ = writeln!(out, "\n## Changes\n");
    if comparison.changes.is_empty() {
        let _ = writeln!(out, "No changes.");
    }
    for (n, change) in comparison.changes.iter().enumerate() {
        let mut body = String::new();
        for (op, text) in edit_texts(comparison, change) {
            let text = text.replace("\n\n", " ¶ ");
            let lead = &text[..text.len() - text.trim_start().len()];
            let words = escape(text.trim_start());
            let _ = match op {
                EditOp::Equal => write!(body, "{lead}{words}"),
                EditOp::Delete => write!(body, "{lead}~~{words}~~"),
                EditOp::Insert => write!(body, "{lead}**{words}**"),
            };
        }
        let _ = writeln!(
            out,
            "{}. **{}** {}: {body}\n",
            n + 1,
            comparison.shape(change).title(),
            change_place(change)
        );
        if let Some((status, note)) = review_words(&summary.mark(n)) {
            // Indented as far as the item's text, "10. " being wider than "9. ", so that it
            // stays in the item.
            let indent = " ".repeat(format!("{}. ", n + 1).len());
            let _ = match note {
                Some(note) => writeln!(out, "{indent}*{status}:* {}\n", escape(&note)),
                None => writeln!(out, "{indent}*{status}.*\n"),
            };
        }
    }
    let passages = passage_views(comparison);
    if !passages.is_empty() {
        let _ = writeln!(out, "## Moved passages\n");
    }
    for (n, p) in passages.iter().enumerate() {
        let _ = write!(out, "{}. {}: {}", n + 1, p.place(), escape(&p.new_text));
        if p.old_text != p.new_text {
            let _ = write!(out, " (was: {})", escape(&p.old_text));
        }
        out.push_str("\n\n");
    }
    out
}

fn fact_text(fact: &Fact) -> String {
    match (&fact.old, &fact.new) {
        (Some(o), Some(n)) => format!("{} → {}", escape(o), escape(n)),
        (Some(t), None) | (None, Some(t)) => escape(t),
        (None, None) => String::new(),
    }
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
