//! Every export of any comparison is well-formed: the JSON parses and has the documented shape,
//! the HTML contains no markup but its own, and Markdown and text are produced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline::compare::{CompareOptions, compare};
use redline::export::{Format, html, json};
use redline::summary::ChangeSummary;
use redline::text::Article;

/// The only tags the HTML writer emits.
const TAGS: &[&str] = &[
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "table", "tr", "th", "td",
    "p", "ul", "li", "del", "ins", "br",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cut = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    let (old, new) = text.split_at(cut);
    let cmp = compare(
        Article::from_text(old, old).shared(),
        Article::from_text(new, new).shared(),
        &CompareOptions::default(),
    );
    let summary = ChangeSummary::new(&cmp);

    let value: serde_json::Value = serde_json::from_str(&json(&summary)).expect("the JSON parses");
    assert_eq!(value["format"], "redline-summary");
    assert_eq!(value["changes"].as_array().map(Vec::len), Some(cmp.changes.len()));

    let page = html(&summary);
    for (i, _) in page.match_indices('<') {
        let tag = page[i + 1..].trim_start_matches('/');
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
        let context: String = page[i..].chars().take(40).collect();
        assert!(TAGS.contains(&name.as_str()), "markup from the documents leaked into the HTML: {context}");
    }
    for format in [Format::Markdown, Format::Text] {
        assert!(!format.render(&summary).unwrap_or_default().is_empty());
    }
});
