//! Word .docx: the body text of `word/document.xml`, one block per paragraph (headings, list
//! items and the paragraphs in table cells are paragraphs too), in document order.
//!
//! What a reader of the document does not see as body text is left out: footnotes, endnotes,
//! comments, headers and footers live in other parts and are never read; deleted tracked changes
//! (`w:del`, `w:moveFrom`), field instructions, hidden text and the fallback copies of text boxes
//! are skipped; inserted tracked changes (`w:ins`, `w:moveTo`) are ordinary text.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::blocks::Blocks;
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

/// The body text of a `word/document.xml` part, as blocks.
pub(crate) fn text(xml_bytes: &[u8]) -> Result<xml::Body, String> {
    let mut reader = NsReader::from_reader(xml_bytes);
    let mut blocks = Blocks::default();
    let mut depth = 0usize;
    // The depth of the element being skipped, if any.
    let mut skip: Option<usize> = None;
    let mut state = State::default();
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
    Ok(xml::Body {
        text: blocks.finish(),
        tracked_changes: state.changes,
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
#[derive(Debug, Default)]
struct State {
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

impl State {
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
            b"pPr" => self.in_ppr = false,
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
            text(xml.as_bytes()).unwrap().text,
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
        let body = text(xml.as_bytes()).unwrap();
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
            text(xml.as_bytes()).unwrap().text,
            "First half, second half.\n\nNext.\n"
        );
    }

    #[test]
    fn fallback_copies_are_skipped() {
        let xml = doc(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After</w:t></w:r></w:p>"#,
        );
        assert_eq!(text(xml.as_bytes()).unwrap().text, "Box\n\nAfter\n");
    }

    #[test]
    fn broken_xml_is_an_error() {
        let err = text(b"<w:document xmlns:w=\"x\"><w:body><w:p></w:body>").unwrap_err();
        assert!(err.contains("XML"), "{err}");
    }
}
