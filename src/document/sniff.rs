//! What kind of file some bytes are, decided by their content (magic bytes, the start of the
//! markup) and only as a tie-breaker by the file name's extension.

/// The first decision about a file, from its leading bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A ZIP archive: a .docx, an .odt, or something else to find out from its entries.
    Zip,
    /// A format Redline does not read; says what it seems to be, e.g. "a PNG image".
    Other(&'static str),
    /// Anything else: text, HTML, or binary that decoding will refuse.
    Text,
}

/// Leading bytes of common non-text formats, so a refusal can say what the file seems to be.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\0", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\x7fELF", "an executable program"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
    (b"\0asm", "a WebAssembly program"),
    (b"{\\rtf", "an RTF document"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office document (.doc, .xls, .ppt) or a password-protected Office file",
    ),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"AT&TFORM", "a DjVu document"),
    (b"%!PS", "a PostScript document"),
];

/// Decides from the leading bytes whether a file is a ZIP archive, a known non-text format, or
/// something to try decoding as text.
pub(crate) fn kind(bytes: &[u8]) -> Kind {
    // An empty archive starts with its end record; a spanned one with the spanning marker.
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return Kind::Zip;
    }
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Kind::Other(what);
    }
    // "MZ" alone could start a line of text; a Windows program also has its PE header or its
    // DOS stub message near the start.
    if bytes.starts_with(b"MZ") && is_windows_program(bytes) {
        return Kind::Other("a Windows program");
    }
    // Containers whose signature is not at the very start.
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Kind::Other(match &bytes[8..12] {
            b"WEBP" => "a WebP image",
            b"WAVE" => "a WAV audio file",
            b"AVI " => "an AVI video",
            _ => "a RIFF media file",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Kind::Other(match &bytes[8..12] {
            b"heic" | b"heix" | b"mif1" | b"avif" => "a HEIF or AVIF image",
            _ => "an MP4 or QuickTime video",
        });
    }
    if bytes.len() > 262 && &bytes[257..262] == b"ustar" {
        return Kind::Other("a tar archive");
    }
    Kind::Text
}

/// Whether bytes starting with "MZ" are a Windows (PE or DOS) program.
fn is_windows_program(bytes: &[u8]) -> bool {
    let pe_at = bytes
        .get(0x3c..0x40)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_le_bytes)
        .and_then(|at| usize::try_from(at).ok());
    let has_pe = pe_at.is_some_and(|at| bytes.get(at..at.saturating_add(4)) == Some(b"PE\0\0"));
    has_pe || find(&bytes[..bytes.len().min(512)], b"cannot be run in DOS mode").is_some()
}

/// Tags that start an HTML document beyond doubt.
const DOCUMENT_TAGS: &[&[u8]] = &[b"!doctype html", b"html", b"head", b"body"];

/// Tags that usually start an HTML fragment; they decide only when the name does not say the
/// file is plain text or Markdown, which may well begin with a bit of inline HTML.
const FRAGMENT_TAGS: &[&[u8]] = &[
    b"meta", b"title", b"link", b"style", b"script", b"div", b"p", b"h1", b"h2", b"h3", b"table",
    b"article", b"section", b"main", b"header", b"a", b"b", b"br", b"font", b"iframe", b"span",
];

/// Extensions of names that say "this is text, even if it starts with a tag".
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd", "rst"];

/// Whether text whose start is `start` (in an ASCII-compatible encoding) is an HTML page.
/// `name` is the file name, used only for pages that start with a fragment tag.
pub(crate) fn looks_like_html(start: &[u8], name: &str) -> bool {
    let mut rest = start.strip_prefix(b"\xef\xbb\xbf").unwrap_or(start);
    // Skip leading whitespace, comments (browsers write "<!-- saved from url=… -->") and an
    // XML declaration (XHTML), a bounded number of times.
    for _ in 0..16 {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match find(rest, b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix(b"<") else {
        return false;
    };
    let starts_with_tag = |names: &[&[u8]]| {
        names.iter().any(|name| {
            tag.len() > name.len()
                && tag[..name.len()].eq_ignore_ascii_case(name)
                && matches!(tag[name.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')
        })
    };
    if starts_with_tag(DOCUMENT_TAGS) {
        return true;
    }
    let text_name = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.iter().any(|t| ext.eq_ignore_ascii_case(t)));
    !text_name && starts_with_tag(FRAGMENT_TAGS)
}

/// The position of `needle` in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_magic_bytes() {
        assert_eq!(kind(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(
            kind(b"%!PS-Adobe-3.0"),
            Kind::Other("a PostScript document")
        );
        assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 "), Kind::Other("a WebP image"));
        assert_eq!(kind(b"plain words"), Kind::Text);
        assert_eq!(kind(b""), Kind::Text);
    }

    #[test]
    fn html_is_recognised_by_its_start() {
        let page =
            b"\xef\xbb\xbf<!-- saved from url=(0022)http://example.com/ -->\n<!DOCTYPE html><html>";
        assert!(looks_like_html(page, "page.txt"));
        assert!(looks_like_html(b"  <HTML lang=en>", "x"));
        assert!(looks_like_html(
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"\">",
            "x"
        ));
        assert!(looks_like_html(b"<p>Fragment</p>", "saved.html"));
        assert!(!looks_like_html(b"<p>Fragment</p>", "notes.md"));
        assert!(!looks_like_html(b"# Title\n<div>x</div>", "x.html"));
        assert!(!looks_like_html(b"<!-- unterminated", "x.html"));
        assert!(!looks_like_html(b"<htmlish>", "x"));
    }
}
