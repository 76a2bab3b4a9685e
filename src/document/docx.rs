//! Word .docx: the body text of `word/document.xml`, one block per paragraph (headings, list
//! items and the paragraphs in table cells are paragraphs too), in document order.
//!
//! What a reader of the document does not see as body text is left out: footnotes, endnotes,
//! comments, headers and footers live in other parts and are never read; deleted tracked changes
//! (`w:del`, `w:moveFrom`), field instructions, hidden text and the fallback copies of text boxes
//! are skipped; inserted tracked changes (`w:ins`, `w:moveTo`) are ordinary text.

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::blocks::{BlockKind, Blocks};
use super::xml;

/// WordprocessingML, transitional and strict.
const W: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility: `mc:Fallback` repeats `mc:Choice` for older readers.
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The part holding the body of a Word document.
pub(crate) const MAIN_PART: &str = "word/document.xml";

/// The part holding a Word document's styles, which say which paragraphs are headings.
pub(crate) const STYLES_PART: &str = "word/styles.xml";

/// What the paragraph styles of a document make a paragraph, by style ID.
pub(crate) type Styles = HashMap<String, BlockKind>;

/// The paragraph styles of a `word/styles.xml` part that make a heading or a list item.
///
/// A heading style is known by its name ("heading 1": Word keeps the built-in names in English
/// while the IDs follow the language, "berschrift1" in German) or by its outline level; a list
/// style by its name ("List Paragraph", "List Bullet 2") or its numbering. A style based on one
/// of these is one too. A part that cannot be read gives no styles: the text is still read.
pub(crate) fn styles(xml_bytes: &[u8]) -> Styles {
    /// One paragraph style as declared.
    #[derive(Default)]
    struct Declared {
        id: String,
        kind: Option<BlockKind>,
        based_on: Option<String>,
    }
    let mut reader = NsReader::from_reader(xml_bytes);
    let mut declared: Vec<Declared> = Vec::new();
    let mut current: Option<Declared> = None;
    let mut depth = 0usize;
    while let Ok((ns, event)) = reader.read_resolved_event() {
        let w = space(&ns) == Space::W;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) if w => {
                depth += 1;
                if depth > xml::MAX_DEPTH {
                    break;
                }
                let value = || xml::attr(&e, b"val").unwrap_or_default();
                match (e.local_name().as_ref(), current.as_mut()) {
                    (b"style", _) => {
                        current =
                            (xml::attr(&e, b"type").as_deref() == Some("paragraph")).then(|| {
                                Declared {
                                    id: xml::attr(&e, b"styleId").unwrap_or_default(),
                                    ..Declared::default()
                                }
                            });
                    }
                    (b"name", Some(style)) => {
                        let name = value().to_lowercase();
                        if let Some(level) = heading_level(name.strip_prefix("heading ")) {
                            style.kind = Some(BlockKind::Heading(level));
                        } else if name == "title" {
                            style.kind = Some(BlockKind::Heading(1));
                        } else if name.starts_with("list ") && style.kind.is_none() {
                            style.kind = Some(BlockKind::ListItem);
                        }
                    }
                    (b"outlineLvl", Some(style)) => {
                        if let Some(level) = outline_level(&value()) {
                            style.kind = Some(BlockKind::Heading(level));
                        }
                    }
                    (b"numPr", Some(style)) if style.kind.is_none() => {
                        style.kind = Some(BlockKind::ListItem);
                    }
                    (b"basedOn", Some(style)) => style.based_on = Some(value()),
                    _ => {}
                }
                if empty {
                    depth -= 1;
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if w && e.local_name().as_ref() == b"style" {
                    declared.extend(current.take());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let by_id: HashMap<&str, &Declared> = declared.iter().map(|d| (d.id.as_str(), d)).collect();
    declared
        .iter()
        .filter_map(|style| {
            // Up a few bases at most: a chain of styles based on each other could loop.
            let mut at = style;
            for _ in 0..8 {
                if let Some(kind) = at.kind {
                    return Some((style.id.clone(), kind));
                }
                at = by_id.get(at.based_on.as_deref()?)?;
            }
            None
        })
        .collect()
}

/// A heading level from its number as a style names it ("1" of "heading 1"), if 1 to 6.
fn heading_level(number: Option<&str>) -> Option<u8> {
    number
        .and_then(|n| n.trim().parse::<u8>().ok())
        .filter(|level| (1..=6).contains(level))
}

/// A heading level from an outline level, which counts from 0 (9 is body text).
fn outline_level(value: &str) -> Option<u8> {
    value
        .parse::<u8>()
        .ok()
        .filter(|&level| level <= 5)
        .map(|level| level + 1)
}

/// Elements whose whole content is not body text.
const SKIPPED: &[&[u8]] = &[
    b"del",          // deleted tracked change
    b"moveFrom",     // the old place of moved text
    b"delText",      // deleted text (normally inside w:del)
    b"instrText",    // a field's instruction, e.g. HYPERLINK "…"
    b"delInstrText", // a deleted field instruction
    b"pPrChange",    // the paragraph's properties before a tracked change
    b"rPrChange",    // the run's properties before a tracked change
];

/// The body text of a `word/document.xml` part, as blocks, with its headings and list items
/// known by their styles (from [`styles`]) or their own properties.
pub(crate) fn text(xml_bytes: &[u8], styles: &Styles) -> Result<xml::Body, String> {
    let mut reader = NsReader::from_reader(xml_bytes);
    let mut blocks = Blocks::default();
    let mut depth = 0usize;
    // The depth of the element being skipped, if any.
    let mut skip: Option<usize> = None;
    let mut state = State::new(styles);
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
                if state.skips(space, &e) {
                    skip = Some(depth);
                    continue;
                }
                state.open(space, &e, &mut blocks);
            }
            Event::Empty(e) if skip.is_none() && !state.skips(space, &e) => {
                state.open(space, &e, &mut blocks);
                state.close(space, e.local_name().as_ref(), &mut blocks);
            }
            Event::End(e) => {
                if skip == Some(depth) {
                    skip = None;
                } else if skip.is_none() {
                    state.close(space, e.local_name().as_ref(), &mut blocks);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip.is_none() && state.takes_text() => {
                blocks.literal(&xml::text(&t)?);
            }
            Event::CData(t) if skip.is_none() && state.takes_text() => {
                blocks.literal(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if skip.is_none() && state.takes_text() => {
                blocks.literal(&xml::reference(&r)?);
            }
            Event::Eof if depth > 0 => return Err(xml::cut_off()),
            Event::Eof => break,
            _ => {}
        }
    }
    let (text, marked) = blocks.finish_marked();
    Ok(xml::Body {
        text,
        tracked_changes: state.changes,
        marked,
    })
}

/// The namespace an element is in, as far as this reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// WordprocessingML.
    W,
    /// Markup compatibility.
    Mc,
    /// Anything else (drawings, math, extensions).
    Other,
}

/// Which namespace a resolved name is in.
fn space(ns: &ResolveResult<'_>) -> Space {
    match ns {
        ResolveResult::Bound(Namespace(uri)) if W.contains(uri) => Space::W,
        ResolveResult::Bound(Namespace(uri)) if *uri == MC => Space::Mc,
        _ => Space::Other,
    }
}

/// Where in the document the reader is.
#[derive(Debug)]
struct State<'s> {
    /// The document's heading and list styles.
    styles: &'s Styles,
    /// What the current paragraph's properties say it is, so far.
    kind: Option<BlockKind>,
    /// Inside `w:t`: its text is body text.
    in_t: bool,
    /// Inside `w:pPr` (paragraph properties).
    in_ppr: bool,
    /// Inside `w:rPr` (run properties, also those of the paragraph mark inside `w:pPr`).
    in_rpr: bool,
    /// The current run is hidden (`w:vanish`).
    hidden_run: bool,
    /// The paragraph mark of the current paragraph is a deleted tracked change: the paragraph
    /// runs on into the next one.
    mark_deleted: bool,
    /// The previous paragraph's mark was deleted: do not start a new block.
    join_next: bool,
    /// Tracked insertions, deletions and moves seen.
    changes: usize,
}

impl<'s> State<'s> {
    /// At the start of a document with these styles.
    fn new(styles: &'s Styles) -> Self {
        Self {
            styles,
            kind: None,
            in_t: false,
            in_ppr: false,
            in_rpr: false,
            hidden_run: false,
            mark_deleted: false,
            join_next: false,
            changes: 0,
        }
    }

    /// Whether the element starts content to skip whole. Called once for each element outside
    /// skipped content, so it also counts the tracked changes.
    fn skips(&mut self, space: Space, e: &BytesStart<'_>) -> bool {
        let name = e.local_name();
        if space == Space::W && matches!(name.as_ref(), b"ins" | b"del" | b"moveFrom" | b"moveTo") {
            self.changes += 1;
        }
        match space {
            // A deleted paragraph mark is an empty `w:del` in the mark's run properties; it says
            // something about the paragraph rather than holding deleted text.
            Space::W if name.as_ref() == b"del" && self.in_ppr && self.in_rpr => {
                self.mark_deleted = true;
                true
            }
            Space::W => SKIPPED.contains(&name.as_ref()),
            Space::Mc => name.as_ref() == b"Fallback",
            Space::Other => false,
        }
    }

    /// Whether text events are body text here.
    fn takes_text(&self) -> bool {
        self.in_t && !self.hidden_run
    }

    /// An element starts (or an empty one is met).
    fn open(&mut self, space: Space, e: &BytesStart<'_>, blocks: &mut Blocks) {
        if space != Space::W {
            return;
        }
        match e.local_name().as_ref() {
            b"p" => {
                if !std::mem::take(&mut self.join_next) {
                    blocks.end_block();
                }
                self.mark_deleted = false;
            }
            b"pPr" => self.in_ppr = true,
            b"rPr" => self.in_rpr = true,
            // The paragraph's own properties (not its mark's, inside `w:rPr`).
            b"pStyle" if self.in_ppr && !self.in_rpr => {
                let id = xml::attr(e, b"val").unwrap_or_default();
                self.kind = self.styles.get(&id).copied().or_else(|| {
                    // Without a styles part, Word's own IDs still tell.
                    heading_level(id.strip_prefix("Heading")).map(BlockKind::Heading)
                });
            }
            b"outlineLvl" if self.in_ppr && !self.in_rpr => {
                if let Some(level) = xml::attr(e, b"val").as_deref().and_then(outline_level) {
                    self.kind = Some(BlockKind::Heading(level));
                }
            }
            // A numbered heading (chapter numbers) stays a heading.
            b"numPr"
                if self.in_ppr
                    && !self.in_rpr
                    && !matches!(self.kind, Some(BlockKind::Heading(_))) =>
            {
                self.kind = Some(BlockKind::ListItem);
            }
            b"r" => self.hidden_run = false,
            b"vanish" | b"specVanish" if self.in_rpr && !self.in_ppr => {
                self.hidden_run = xml::is_on(e);
            }
            b"t" => self.in_t = true,
            b"tab" if !self.in_ppr => blocks.literal("\t"),
            b"br" | b"cr" if !self.hidden_run => match xml::attr(e, b"type").as_deref() {
                // A page or column break separates what comes before and after.
                Some("page" | "column") => blocks.end_block(),
                _ => blocks.line_break(),
            },
            b"noBreakHyphen" => blocks.literal("\u{2011}"),
            b"sym" => {
                // A symbol from a symbol font; its code is a private-use character unless the
                // font is a Unicode one, but it stands where the text has a character.
                if let Some(c) = xml::attr(e, b"char")
                    .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
                    .and_then(char::from_u32)
                {
                    blocks.literal(&c.to_string());
                }
            }
            // Table cells are blocks even when empty of paragraphs (they never are in valid
            // files, but a cell must not run into the next).
            b"tc" => blocks.end_block(),
            _ => {}
        }
    }

    /// An element ends.
    fn close(&mut self, space: Space, name: &[u8], blocks: &mut Blocks) {
        if space != Space::W {
            return;
        }
        match name {
            b"p" => {
                if std::mem::take(&mut self.mark_deleted) {
                    self.join_next = true;
                } else {
                    blocks.end_block();
                }
            }
            b"pPr" => {
                self.in_ppr = false;
                if let Some(kind) = self.kind.take() {
                    blocks.mark(kind);
                }
            }
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_t = false,
            b"r" => self.hidden_run = false,
            b"tc" => blocks.end_block(),
            _ => {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn styles_say_headings_and_lists_by_name_level_numbering_or_base() {
        let styles = styles(
            br#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Kapitel"><w:basedOn w:val="Titre2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Rubrik"><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Punkte"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Aufz"><w:name w:val="List Bullet 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
            <w:style w:type="character" w:styleId="Fett"><w:name w:val="heading 1"/></w:style>
            </w:styles>"#,
        );
        let mut found: Vec<_> = styles
            .iter()
            .map(|(id, kind)| (id.as_str(), *kind))
            .collect();
        found.sort_by_key(|(id, _)| *id);
        assert_eq!(
            found,
            [
                ("Aufz", BlockKind::ListItem),
                ("Kapitel", BlockKind::Heading(2)),
                ("Punkte", BlockKind::ListItem),
                ("Rubrik", BlockKind::Heading(3)),
                ("Titre2", BlockKind::Heading(2)),
            ]
        );
    }

    #[test]
    fn paragraphs_are_marked_by_style_outline_level_and_numbering() {
        let mut styles = Styles::default();
        styles.insert("Titre1".to_owned(), BlockKind::Heading(1));
        let xml = doc(
            r#"<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>
            <w:p><w:r><w:t>Prose.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Known by its ID</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Titre1"/><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>1. Chapter</w:t></w:r></w:p>
            <w:p><w:pPr><w:outlineLvl w:val="4"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Deep</w:t></w:r></w:p>
            <w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Body level</w:t></w:r></w:p>"#,
        );
        let body = text(xml.as_bytes(), &styles).unwrap();
        let lines: Vec<&str> = body.text.lines().collect();
        let marked: Vec<_> = body
            .marked
            .iter()
            .map(|m| (lines[m.line - 1], m.kind))
            .collect();
        assert_eq!(
            marked,
            [
                ("Title", BlockKind::Heading(1)),
                ("Known by its ID", BlockKind::Heading(3)),
                ("Item", BlockKind::ListItem),
                ("1. Chapter", BlockKind::Heading(1)),
                ("Deep", BlockKind::Heading(5)),
            ]
        );
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_breaks_and_tabs() {
        let xml = doc(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Head</w:t></w:r><w:r><w:t xml:space="preserve">line &amp; more</w:t></w:r></w:p>
            <w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>three</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t>last</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text(xml.as_bytes(), &Styles::default()).unwrap().text,
            "Headline & more\n\none\ntwo\tthree\n\nlast\n"
        );
    }

    #[test]
    fn tracked_changes_fields_and_hidden_text() {
        let xml = doc(r#"<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r>
            <w:del w:id="1" w:author="A"><w:r><w:delText>old</w:delText></w:r></w:del>
            <w:ins w:id="2" w:author="A"><w:r><w:t>new</w:t></w:r></w:ins>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> link</w:t></w:r>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>
            <w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t xml:space="preserve"> shown</w:t></w:r></w:p>"#);
        let body = text(xml.as_bytes(), &Styles::default()).unwrap();
        assert_eq!(body.text, "The new link shown\n");
        assert_eq!(body.tracked_changes, 2);
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_paragraphs() {
        let xml = doc(
            r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">First half, </w:t></w:r></w:p>
            <w:p><w:r><w:t>second half.</w:t></w:r></w:p><w:p><w:r><w:t>Next.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text(xml.as_bytes(), &Styles::default()).unwrap().text,
            "First half, second half.\n\nNext.\n"
        );
    }

    #[test]
    fn fallback_copies_are_skipped() {
        let xml = doc(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text(xml.as_bytes(), &Styles::default()).unwrap().text,
            "Box\n\nAfter\n"
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        let err = text(
            b"<w:document xmlns:w=\"x\"><w:body><w:p></w:body>",
            &Styles::default(),
        )
        .unwrap_err();
        assert!(err.contains("XML"), "{err}");
    }
}
