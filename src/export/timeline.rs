//! A timeline's summaries: the versions, each step's changes in short, the facts' history and
//! the sentences that changed, as JSON (`redline-timeline`, schema in the README), Markdown, an
//! HTML page and plain text.

use std::fmt::Write as _;
use std::time::SystemTime;

use serde::Serialize;

use super::{escape_xml as escape, facets, fact_words, facts_in_order};
use crate::summary::{ChangeSummary, VERSION, timestamp};
use crate::timeline::{FactHistory, SentenceHistory, Timeline, version_name as v};

/// The value of the timeline JSON's `format` field.
pub const TIMELINE_FORMAT_NAME: &str = "redline-timeline";
/// The value of its `version` field; raised only for changes that break readers.
pub const TIMELINE_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct TimelineOut<'a> {
    format: &'static str,
    version: u32,
    generated: String,
    redline_version: &'static str,
    versions: Vec<VersionOut<'a>>,
    steps: Vec<StepOut<'a>>,
    sentences: &'a [SentenceHistory],
    facts: &'a [FactHistory],
    flags: Vec<Flag>,
}

#[derive(Serialize)]
struct VersionOut<'a> {
    label: &'a str,
    time: Option<&'a str>,
    /// Why it could not be read; the steps skip it.
    error: Option<&'a str>,
    paragraphs: Option<usize>,
    words: Option<usize>,
}

#[derive(Serialize)]
struct StepOut<'a> {
    old: usize,
    new: usize,
    words_inserted: usize,
    words_deleted: usize,
    note: Option<&'a str>,
    changed_facts_without_a_note: bool,
    /// The step as `redline summary --format json` gives it.
    summary: serde_json::Value,
}

/// A version a standards desk should look at.
#[derive(Serialize)]
struct Flag {
    version: usize,
    reason: String,
}

/// The versions flagged: facts changed without a note, and versions that could not be read.
fn flags(timeline: &Timeline) -> Vec<Flag> {
    let mut out: Vec<Flag> = timeline
        .versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let error = v.article.as_ref().err()?;
            Some(Flag {
                version: i,
                reason: format!("could not be read: {error}"),
            })
        })
        .collect();
    for step in timeline
        .steps
        .iter()
        .filter(|s| s.changed_facts_without_a_note())
    {
        let first = facets(&step.facts)
            .into_iter()
            .flat_map(|(facet, list)| facts_in_order(list).map(move |(what, f)| (facet, what, f)))
            .next();
        let example = first.map_or(String::new(), |(facet, what, fact)| {
            format!(" ({facet}, {what}: {})", fact_words(fact))
        });
        out.push(Flag {
            version: step.new,
            reason: format!("facts changed without a correction or update note{example}"),
        });
    }
    out.sort_by_key(|f| f.version);
    out
}

/// Renders the timeline as the `redline-timeline` JSON document, pretty-printed.
pub fn timeline_json(timeline: &Timeline, generated: SystemTime) -> String {
    let versions = timeline
        .versions
        .iter()
        .map(|v| {
            let article = v.article.as_ref().ok();
            VersionOut {
                label: &v.label,
                time: v.time.as_deref(),
                error: v.article.as_ref().err().map(String::as_str),
                paragraphs: article.map(|a| a.paragraphs.len()),
                words: article.map(|a| a.words),
            }
        })
        .collect();
    let steps = timeline
        .steps
        .iter()
        .map(|step| {
            let summary =
                ChangeSummary::with_facts(&step.comparison, step.facts.clone(), generated);
            StepOut {
                old: step.old,
                new: step.new,
                words_inserted: step.comparison.stats.words_inserted,
                words_deleted: step.comparison.stats.words_deleted,
                note: step.note.as_deref(),
                changed_facts_without_a_note: step.changed_facts_without_a_note(),
                summary: serde_json::from_str(&super::json(&summary))
                    .unwrap_or(serde_json::Value::Null),
            }
        })
        .collect();
    let out = TimelineOut {
        format: TIMELINE_FORMAT_NAME,
        version: TIMELINE_FORMAT_VERSION,
        generated: timestamp(generated),
        redline_version: VERSION,
        versions,
        steps,
        sentences: &timeline.sentences,
        facts: &timeline.facts,
        flags: flags(timeline),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// The lines both text formats share, each with its kind: a heading, a row of the versions'
/// list, or a line of prose.
fn lines(timeline: &Timeline) -> Vec<Line> {
    let mut out = vec![Line::Heading(format!(
        "Timeline of {} versions",
        timeline.versions.len()
    ))];
    let flags = flags(timeline);
    for (i, version) in timeline.versions.iter().enumerate() {
        let change = match (&version.article, timeline.step_into(i)) {
            (Err(_), _) => "not read".to_owned(),
            (Ok(_), None) => "first".to_owned(),
            (Ok(_), Some(s)) if s.comparison.is_identical() => "no change".to_owned(),
            (Ok(_), Some(s)) => format!(
                "+{} −{} words, {} changes",
                s.comparison.stats.words_inserted,
                s.comparison.stats.words_deleted,
                s.comparison.changes.len()
            ),
        };
        let flagged: Vec<&str> = flags
            .iter()
            .filter(|f| f.version == i)
            .map(|f| f.reason.as_str())
            .collect();
        out.push(Line::Version(VersionRow {
            name: v(i),
            label: version.label.clone(),
            time: version.time.clone().unwrap_or_else(|| "—".to_owned()),
            change,
            flags: flagged.join("; "),
        }));
    }
    for step in &timeline.steps {
        out.push(Line::Heading(format!(
            "{} → {}: {}",
            v(step.old),
            v(step.new),
            timeline.versions[step.new].label
        )));
        if step.comparison.is_identical() {
            out.push(Line::Item("No change.".to_owned()));
            continue;
        }
        let s = &step.comparison.stats;
        out.push(Line::Item(format!(
            "{} changed, {} moved, {} inserted, {} deleted paragraphs; +{} −{} words.",
            s.changed, s.moved, s.inserted, s.deleted, s.words_inserted, s.words_deleted
        )));
        match &step.note {
            Some(note) => out.push(Line::Item(format!("Note: {note}"))),
            None if step.changed_facts_without_a_note() => out.push(Line::Item(
                "Flag: facts changed without a correction or update note.".to_owned(),
            )),
            None => {}
        }
        for (facet, list) in facets(&step.facts) {
            for (what, fact) in facts_in_order(list) {
                out.push(Line::Item(format!("{facet}, {what}: {}", fact_words(fact))));
            }
        }
    }
    if !timeline.facts.is_empty() {
        out.push(Line::Heading("Facts across the versions".to_owned()));
        for fact in &timeline.facts {
            out.push(Line::Item(format!("{}, {}", fact.facet, fact.describe())));
        }
    }
    let histories: Vec<&SentenceHistory> = timeline
        .sentences
        .iter()
        .filter(|h| {
            h.first_version != first_readable(timeline)
                || !h.changed_in.is_empty()
                || !h.removed_in.is_empty()
        })
        .collect();
    if !histories.is_empty() {
        out.push(Line::Heading(
            "Sentences added, changed or removed".to_owned(),
        ));
        for h in histories {
            let events = h.describe("changed in", "; ");
            out.push(Line::Item(format!("“{}” — {events}", h.text)));
        }
    }
    out
}

fn first_readable(timeline: &Timeline) -> usize {
    timeline
        .versions
        .iter()
        .position(|v| v.article.is_ok())
        .unwrap_or(0)
}

/// A line of a timeline's text summaries.
enum Line {
    Heading(String),
    Version(VersionRow),
    Item(String),
}

/// A row of the versions' list: "v3", its label and time, what its step changed, its flags.
struct VersionRow {
    name: String,
    label: String,
    time: String,
    change: String,
    flags: String,
}

/// Renders the timeline as Markdown: a table of the versions, then each step.
pub fn timeline_markdown(timeline: &Timeline) -> String {
    let escape = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    let mut in_table = false;
    for line in lines(timeline) {
        match line {
            Line::Heading(h) => {
                let level = if out.is_empty() { "#" } else { "##" };
                let _ = write!(out, "{}{level} {}\n\n", if in_table { "\n" } else { "" }, h);
                in_table = false;
            }
            Line::Version(row) => {
                if !in_table {
                    out.push_str("| | version | time | change | flags |\n|---|---|---|---|---|\n");
                    in_table = true;
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    row.name,
                    escape(&row.label),
                    row.time,
                    row.change,
                    escape(&row.flags)
                );
            }
            Line::Item(text) => {
                let _ = writeln!(out, "- {}", text.replace('\n', " "));
            }
        }
    }
    out
}

/// Renders the timeline as one self-contained HTML page, as the summary's page is made: no
/// scripts, everything from the documents escaped.
pub fn timeline_html(timeline: &Timeline) -> String {
    let mut lines = lines(timeline).into_iter();
    let title = match lines.next() {
        Some(Line::Heading(h)) => h,
        _ => "Timeline".to_owned(),
    };
    let mut out = super::html::page_start(&title);
    // What is open: a table of the versions or a list of items.
    let mut open: Option<&str> = None;
    for line in lines {
        let wanted = match line {
            Line::Heading(_) => None,
            Line::Version(_) => Some("table"),
            Line::Item(_) => Some("ul"),
        };
        if open != wanted {
            if let Some(tag) = open {
                let _ = writeln!(out, "</{tag}>");
            }
            match wanted {
                Some("table") => out.push_str(
                    "<table>\n<tr><th></th><th>version</th><th>time</th><th>change</th><th>flags</th></tr>\n",
                ),
                Some(tag) => {
                    let _ = writeln!(out, "<{tag}>");
                }
                None => {}
            }
            open = wanted;
        }
        match line {
            Line::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(&h));
            }
            Line::Version(row) => {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    row.name,
                    escape(&row.label),
                    escape(&row.time),
                    escape(&row.change),
                    escape(&row.flags)
                );
            }
            Line::Item(text) => {
                let _ = writeln!(out, "<li>{}</li>", escape(&text));
            }
        }
    }
    if let Some(tag) = open {
        let _ = writeln!(out, "</{tag}>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Renders the timeline as plain text for an email.
pub fn timeline_text(timeline: &Timeline) -> String {
    let mut out = String::new();
    for line in lines(timeline) {
        match line {
            Line::Heading(h) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                let _ = write!(out, "{h}\n{}\n", "=".repeat(h.chars().count()));
            }
            Line::Version(row) => {
                let _ = write!(
                    out,
                    "{}  {}  ({})  {}",
                    row.name, row.label, row.time, row.change
                );
                if !row.flags.is_empty() {
                    let _ = write!(out, "  [FLAG: {}]", row.flags);
                }
                out.push('\n');
            }
            Line::Item(text) => {
                let _ = writeln!(out, "  * {text}");
            }
        }
    }
    out
}
