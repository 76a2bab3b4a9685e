//! One self-contained HTML page: inline CSS, no scripts, fonts or images from anywhere, and a
//! Content-Security-Policy that forbids scripts, so an article that contains `<script>` can do
//! nothing. Everything that comes from the documents is escaped.

use std::fmt::Write;

use super::{
    APPROXIMATE_NOTE, change_place, escape_xml as escape, facets, fact_place, facts_in_order,
    file_rows, overview, passage_views, review_words,
};
use crate::compare::{EditOp, Side, edit_texts};
use crate::summary::{ChangeSummary, FileHeader, VERSION, timestamp};

const STYLE: &str = "body{font:15px/1.5 Georgia,serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\
h1,h2,h3{font-family:system-ui,sans-serif}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #bbb;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#eee;font-family:system-ui,sans-serif}\
del{background:#fde0e0;color:#8a1010;text-decoration:line-through}\
ins{background:#ddf4dd;color:#0b5a0b;text-decoration:underline}\
td.old,td.new{width:45%}.kind{white-space:nowrap;font-family:system-ui,sans-serif}\
.note{font-style:italic}tr{break-inside:avoid}td p{margin:0}td p+p{margin-top:1em}\
.review{display:inline-block;margin-top:.2rem;padding:0 .3rem;border:1px solid #555;border-radius:3px}\
.review.flagged{border:2px solid #8a1010;color:#8a1010}\
@media print{body{margin:0;max-width:none}del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The start of a page, up to its heading: the Content-Security-Policy that forbids scripts,
/// the style, and `title` (escaped) as its title and first heading.
pub(crate) fn page_start(title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Redline {VERSION}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(title),
        escape(title)
    );
    out
}

/// Renders the summary as a standalone HTML page.
pub fn html(summary: &ChangeSummary) -> String {
    let comparison = summary.comparison;
    let title = format!("Changes: {} → {}", summary.old.name, summary.new.name);
    let mut out = page_start(&title);
    out.push_str("<table class=\"files\">\n<tr><th></th><th>old</th><th>new</th></tr>\n");
    let warnings = |h: &FileHeader| {
        h.warnings
            .iter()
            .map(|w| w.0.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows = file_rows(summary);
    rows.push(("warnings", warnings(&summary.old), warnings(&summary.new)));
    for (label, o, n) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{label}</th><td>{}</td><td>{}</td></tr>",
            escape(&o),
            escape(&n)
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(
        out,
        "<p>Options: {}. Made by Redline {VERSION} on {}.</p>",
        escape(&comparison.options.describe()),
        timestamp(summary.generated)
    );
    let _ = writeln!(
        out,
        "<h2>Overview</h2>\n<p>{}</p>",
        escape(&overview(comparison))
    );
    if let Some(counts) = summary.review_counts() {
        let _ = writeln!(out, "<p>Review: {}</p>", escape(&counts.sentence()));
    }
    if comparison.approximate {
        let _ = writeln!(out, "<p class=\"note\">{APPROXIMATE_NOTE}</p>");
    }
    out.push_str("<h2>For the fact-checker</h2>\n");
    for (title, list) in facets(&summary.facts) {
        let _ = writeln!(out, "<h3>{title}</h3>\n<ul>");
        if list.is_empty() {
            out.push_str("<li>no changes</li>\n");
        }
        for (what, f) in facts_in_order(list) {
            let text = match (&f.old, &f.new) {
                (Some(o), Some(n)) => {
                    format!(
                        "<del dir=\"auto\">{}</del> → <ins dir=\"auto\">{}</ins>",
                        escape(o),
                        escape(n)
                    )
                }
                (Some(t), None) => format!("<del dir=\"auto\">{}</del>", escape(t)),
                (None, Some(t)) => format!("<ins dir=\"auto\">{}</ins>", escape(t)),
                (None, None) => String::new(),
            };
            let _ = writeln!(out, "<li>{what} ({}): {text}</li>", escape(&fact_place(f)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2>Changes</h2>\n");
    if comparison.changes.is_empty() {
        out.push_str("<p>No changes.</p>\n");
    } else {
        out.push_str("<table class=\"changes\">\n<tr><th>#</th><th>change</th><th>old</th><th>new</th></tr>\n");
        for (n, change) in comparison.changes.iter().enumerate() {
            let edits = edit_texts(comparison, change);
            let side = |side: Side| {
                paragraphs(edits.iter().filter_map(|(op, text)| match (op, side) {
                    (EditOp::Equal, _) => Some((text.as_str(), None)),
                    (EditOp::Delete, Side::Old) => Some((text.as_str(), Some("del"))),
                    (EditOp::Insert, Side::New) => Some((text.as_str(), Some("ins"))),
                    _ => None,
                }))
            };
            let mark = summary.mark(n);
            let review = review_words(&mark);
            let badge = review.as_ref().map_or(String::new(), |(status, _)| {
                let class = if mark.status == crate::review::Status::Flagged {
                    "review flagged"
                } else {
                    "review"
                };
                format!("<br><span class=\"{class}\">{status}</span>")
            });
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"kind\">{}<br>{}{badge}</td><td class=\"old\">{}</td><td class=\"new\">{}</td></tr>",
                n + 1,
                comparison.shape(change).title(),
                escape(&change_place(change)),
                side(Side::Old),
                side(Side::New)
            );
            if let Some((status, Some(note))) = review {
                let _ = writeln!(
                    out,
                    "<tr class=\"review-note\"><td></td><td colspan=\"3\">{status}: {}</td></tr>",
                    escape(&note)
                );
            }
        }
        out.push_str("</table>\n");
    }
    let passages = passage_views(comparison);
    if !passages.is_empty() {
        out.push_str("<h2>Moved passages</h2>\n<table>\n<tr><th>#</th><th>Where</th><th>Was</th><th>Is</th></tr>\n");
        for (n, p) in passages.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"kind\">{}</td><td class=\"old\">{}</td><td class=\"new\">{}</td></tr>",
                n + 1,
                escape(&p.place()),
                paragraphs([(p.old_text.as_str(), None)]),
                paragraphs([(p.new_text.as_str(), None)])
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Article text as HTML paragraphs, each `dir="auto"`: an Arabic or Hebrew paragraph then reads
/// right to left, with its punctuation in place, in an English page. `runs` are pieces of text,
/// each with the element that marks it (`del`, `ins`) or none. A paragraph break (a blank line)
/// inside a marked piece closes the mark and opens it again in the next paragraph, and the
/// space before a marked piece stays outside the mark.
fn paragraphs<'a>(runs: impl IntoIterator<Item = (&'a str, Option<&'static str>)>) -> String {
    const OPEN: &str = "<p dir=\"auto\">";
    let mut out = String::from(OPEN);
    for (text, mark) in runs {
        for (i, piece) in text.split("\n\n").enumerate() {
            if i > 0 {
                let _ = write!(out, "</p>{OPEN}");
            }
            let piece = escape(piece);
            let (lead, words) = piece.split_at(piece.len() - piece.trim_start().len());
            match mark {
                Some(tag) if !words.is_empty() => {
                    let _ = write!(out, "{lead}<{tag}>{words}</{tag}>");
                }
                _ => out.push_str(&piece),
            }
        }
    }
    out.push_str("</p>");
    out
}
