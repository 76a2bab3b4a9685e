//! Every export of any comparison is well-formed: the JSON parses and has the documented shape,
//! the HTML contains no markup but its own, Markdown and text are produced, and the Word
//! redline is a ZIP whose every XML part parses to its end without a character XML forbids.
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

    let docx = Format::Docx.render(&summary).expect("the Word redline is put together");
    well_formed_docx(&docx);
});

/// Panics unless every part of the .docx is XML that parses to its end, with no control
/// character XML 1.0 forbids.
fn well_formed_docx(bytes: &[u8]) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the redline is a ZIP");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part of the redline");
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("the part is UTF-8");
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let forbidden = xml.chars().find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'));
        assert_eq!(forbidden, None, "{name} holds a control character");
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} does not parse: {e}"),
            }
        }
    }
}
