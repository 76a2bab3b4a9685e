//! Small helpers shared by the .docx and .odt readers, over quick-xml's streaming events.
//!
//! Streaming keeps memory flat and has no recursion, so deeply nested or huge XML cannot
//! overflow the stack. Entities declared in a DTD are never expanded (only the five predefined
//! ones and character references are), so an "entity bomb" expands to nothing.

use quick_xml::events::{BytesRef, BytesStart, BytesText};

/// The body of a .docx or .odt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    /// The text as blocks.
    pub(crate) text: String,
    /// How many tracked changes (insertions, deletions, moves) the body has: they are shown
    /// accepted, which the user should know.
    pub(crate) tracked_changes: usize,
    /// The blocks the markup marks as headings or list items.
    pub(crate) marked: Vec<super::blocks::MarkedBlock>,
}

/// How deep elements may nest. Word and OpenDocument files nest a few dozen deep; quick-xml's
/// namespace reader counts depth in 16 bits and must never get near that.
pub(crate) const MAX_DEPTH: usize = 10_000;

/// The message for XML nested deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep() -> String {
    format!("its XML is nested more than {MAX_DEPTH} elements deep")
}

/// The message for XML that ends inside an element.
pub(crate) fn cut_off() -> String {
    "its XML ends in the middle of the document (it may be cut off)".to_owned()
}

/// A message for an XML error at a byte offset of the part.
pub(crate) fn reason(error: &quick_xml::Error, position: u64) -> String {
    format!("its XML is malformed near byte {position} ({error})")
}

/// The content of a text event.
pub(crate) fn text(t: &BytesText<'_>) -> Result<String, String> {
    t.xml10_content()
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| format!("its XML text is not valid UTF-8 ({e})"))
}

/// The text a reference (`&amp;`, `&#8217;`) stands for; nothing for an entity that is not
/// predefined.
pub(crate) fn reference(r: &BytesRef<'_>) -> Result<String, String> {
    if r.is_char_ref() {
        return Ok(r
            .resolve_char_ref()
            .ok()
            .flatten()
            .map(String::from)
            .unwrap_or_default());
    }
    let name = r
        .decode()
        .map_err(|e| format!("its XML text is not valid UTF-8 ({e})"))?;
    Ok(quick_xml::escape::resolve_predefined_entity(&name)
        .unwrap_or_default()
        .to_owned())
}

/// The value of the attribute with this local name (any prefix), if present and readable.
pub(crate) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// Whether an on/off property (such as `<w:vanish/>` or `<w:vanish w:val="false"/>`) is on.
pub(crate) fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
}
