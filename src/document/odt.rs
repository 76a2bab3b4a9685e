//! OpenDocument text (.odt, and flat .fodt XML): the body of `content.xml`, one block per
//! paragraph or heading (list items and table cells hold paragraphs), in document order.
//!
//! Left out, because a reader does not see them as body text: footnotes and endnotes
//! (`text:note`), comments (`office:annotation`), the deleted text kept for tracked changes
//! (`text:tracked-changes`), hidden text, index templates and image descriptions. Inserted
//! tracked changes are ordinary text between change marks.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::blocks::{BlockKind, Blocks};
use super::xml;

/// The part holding the body of an OpenDocument.
pub(crate) const MAIN_PART: &str = "content.xml";

const TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const SVG: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/// `text:` elements whose whole content is not body text.
const SKIPPED_TEXT: &[&[u8]] = &[
    b"note",             // footnote or endnote, with its citation mark
    b"tracked-changes",  // the deleted text of tracked changes, kept out of the flow
    b"hidden-text",      // a field showing text only under a condition
    b"hidden-paragraph", // likewise, for a paragraph
    b"table-of-content-source",
    b"illustration-index-source",
    b"table-index-source",
    b"object-index-source",
    b"user-index-source",
    b"alphabetical-index-source",
    b"bibliography-source",
    b"index-title-template",
];

/// The most spaces one `text:s` element may stand for: real documents use a few, and a hostile
/// `c="4000000000"` must not allocate gigabytes.
const MAX_SPACES: usize = 100;

/// The body text of a `content.xml` part (or a flat .fodt file), as blocks.
pub(crate) fn text(xml_bytes: &[u8]) -> Result<xml::Body, String> {
    let mut reader = NsReader::from_reader(xml_bytes);
    let mut blocks = Blocks::default();
    let mut depth = 0usize;
    let mut skip: Option<usize> = None;
    let mut in_body = false;
    // How many paragraphs (`text:p`, `text:h`) enclose the current position; text outside them
    // is layout whitespace.
    let mut in_paragraph = 0usize;
    let mut saw_body = false;
    // A list item has just started: its first paragraph is the item's.
    let mut item = false;
    // Tracked changes, counted by their marks in the text: a deletion leaves a `text:change`,
    // an insertion is framed by `text:change-start` and `text:change-end`.
    let mut changes = 0usize;
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| xml::reason(&e, position))?;
        let space = space(&ns);
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > xml::MAX_DEPTH {
                    return Err(xml::too_deep());
                }
                if skip.is_some() {
                    continue;
                }
                if space == Space::Office && e.local_name().as_ref() == b"body" {
                    in_body = true;
                    saw_body = true;
                } else if in_body && skips(space, &e) {
                    skip = Some(depth);
                } else if in_body {
                    in_paragraph += open(space, &e, &mut blocks, &mut item);
                }
            }
            Event::Empty(e) if skip.is_none() && in_body && !skips(space, &e) => {
                if space == Space::Text
                    && matches!(e.local_name().as_ref(), b"change" | b"change-start")
                {
                    changes += 1;
                }
                // An empty paragraph ends the block before it and holds nothing, so it need not
                // be counted.
                open(space, &e, &mut blocks, &mut item);
            }
            Event::End(e) => {
                if skip == Some(depth) {
                    skip = None;
                } else if skip.is_none() {
                    let name = e.local_name();
                    if space == Space::Office && name.as_ref() == b"body" {
                        in_body = false;
                    } else if space == Space::Text && matches!(name.as_ref(), b"p" | b"h") {
                        in_paragraph = in_paragraph.saturating_sub(1);
                        blocks.end_block();
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip.is_none() && in_paragraph > 0 => {
                blocks.collapsed(&xml::text(&t)?);
            }
            Event::CData(t) if skip.is_none() && in_paragraph > 0 => {
                blocks.collapsed(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if skip.is_none() && in_paragraph > 0 => {
                blocks.collapsed(&xml::reference(&r)?);
            }
            Event::Eof if depth > 0 => return Err(xml::cut_off()),
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_body {
        return Err("it has no document body".to_owned());
    }
    let (text, marked) = blocks.finish_marked();
    Ok(xml::Body {
        text,
        tracked_changes: changes,
        marked,
    })
}

/// The namespace an element is in, as far as this reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// `text:`.
    Text,
    /// `office:`.
    Office,
    /// `svg:` (titles and descriptions of drawings).
    Svg,
    /// Anything else.
    Other,
}

/// Which namespace a resolved name is in.
fn space(ns: &ResolveResult<'_>) -> Space {
    match ns {
        ResolveResult::Bound(Namespace(uri)) if *uri == TEXT => Space::Text,
        ResolveResult::Bound(Namespace(uri)) if *uri == OFFICE => Space::Office,
        ResolveResult::Bound(Namespace(uri)) if *uri == SVG => Space::Svg,
        _ => Space::Other,
    }
}

/// Whether the element's whole content is left out.
fn skips(space: Space, e: &BytesStart<'_>) -> bool {
    let name = e.local_name();
    match space {
        Space::Text => SKIPPED_TEXT.contains(&name.as_ref()),
        Space::Office => name.as_ref() == b"annotation",
        Space::Svg => matches!(name.as_ref(), b"title" | b"desc"),
        Space::Other => false,
    }
}

/// An element of the body starts; returns 1 if it is a paragraph (to count nesting). `item`
/// says a list item has started and its first paragraph is still to come.
fn open(space: Space, e: &BytesStart<'_>, blocks: &mut Blocks, item: &mut bool) -> usize {
    if space != Space::Text {
        return 0;
    }
    match e.local_name().as_ref() {
        name @ (b"p" | b"h") => {
            // A paragraph inside another (in a text box or a note) is a block of its own.
            blocks.end_block();
            let first_of_item = std::mem::take(item);
            if name == b"h" {
                // Outline levels past 6 are still headings, as deep as Word's go.
                let level = xml::attr(e, b"outline-level")
                    .and_then(|l| l.parse::<u8>().ok())
                    .unwrap_or(1);
                blocks.mark(BlockKind::Heading(level.clamp(1, 6)));
            } else if first_of_item {
                blocks.mark(BlockKind::ListItem);
            }
            1
        }
        b"list-item" => {
            *item = true;
            0
        }
        b"line-break" => {
            blocks.line_break();
            0
        }
        b"tab" => {
            blocks.literal("\t");
            0
        }
        b"s" => {
            let count = xml::attr(e, b"c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .min(MAX_SPACES);
            blocks.literal(&" ".repeat(count));
            0
        }
        _ => 0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles><number:text xmlns:number="n">-</number:text></office:automatic-styles>
<office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    #[test]
    fn headings_paragraphs_lists_and_tables() {
        let xml = doc(r#"<text:h text:outline-level="1">Head<text:s/>line</text:h>
            <text:p>One <text:span>two</text:span><text:s text:c="3"/>three<text:line-break/>four<text:tab/>five &amp; six</text:p>
            <text:list><text:list-item><text:p>item</text:p></text:list-item></text:list>
            <table:table><table:table-row><table:table-cell><text:p>cell 1</text:p></table:table-cell>
            <table:table-cell><text:p>cell 2</text:p></table:table-cell></table:table-row></table:table>
            <text:p/>"#);
        assert_eq!(
            text(xml.as_bytes()).unwrap().text,
            "Head line\n\nOne two   three\nfour\tfive & six\n\nitem\n\ncell 1\n\ncell 2\n"
        );
    }

    #[test]
    fn headings_keep_their_level_and_list_items_are_marked_by_their_first_paragraph() {
        let xml = doc(r#"<text:h text:outline-level="2">Section</text:h>
            <text:p>Prose.</text:p>
            <text:list><text:list-item><text:p>First item</text:p><text:p>its second paragraph</text:p></text:list-item>
            <text:list-item><text:h>Heading in an item</text:h><text:p>after it</text:p></text:list-item></text:list>
            <text:h text:outline-level="9">Deep</text:h>"#);
        let body = text(xml.as_bytes()).unwrap();
        let lines: Vec<&str> = body.text.lines().collect();
        let marked: Vec<_> = body
            .marked
            .iter()
            .map(|m| (lines[m.line - 1], m.kind))
            .collect();
        assert_eq!(
            marked,
            [
                ("Section", BlockKind::Heading(2)),
                ("First item", BlockKind::ListItem),
                ("Heading in an item", BlockKind::Heading(1)),
                ("Deep", BlockKind::Heading(6)),
            ]
        );
    }

    #[test]
    fn notes_comments_and_deletions_are_left_out() {
        let xml = doc(
            r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
              <office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>gone</text:p>
            </text:deletion></text:changed-region></text:tracked-changes>
            <text:p>Kept<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
              <text:note-body><text:p>Footnote</text:p></text:note-body></text:note> text<office:annotation>
              <dc:creator>B</dc:creator><text:p>A comment</text:p></office:annotation><text:change text:change-id="c1"/>
              <text:change-start text:change-id="c2"/> inserted<text:change-end text:change-id="c2"/>.</text:p>"#,
        );
        let body = text(xml.as_bytes()).unwrap();
        assert_eq!(body.text, "Kept text inserted.\n");
        assert_eq!(body.tracked_changes, 2);
    }

    #[test]
    fn a_huge_space_count_is_capped() {
        let xml = doc(r#"<text:p>a<text:s text:c="4000000000"/>b</text:p>"#);
        assert_eq!(text(xml.as_bytes()).unwrap().text.len(), MAX_SPACES + 3);
    }

    #[test]
    fn xml_without_a_body_is_refused() {
        assert!(text(b"<root/>").unwrap_err().contains("no document body"));
    }
}
