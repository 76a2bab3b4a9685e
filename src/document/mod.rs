//! Loading: bytes on disk → decoded text with line endings normalised to `\n`.
//!
//! This is the first stage of the pipeline. It decides what a file is by its content (not only
//! its name), turns it into text with one paragraph per block (blocks separated by a blank line),
//! says how it was read, and reports anything it had to repair as a [`LoadWarning`] the caller
//! can show beside the file. Supported:
//!
//! - plain text and Markdown in any common encoding: UTF-8 with or without a BOM, UTF-16 with or
//!   without a BOM, legacy encodings (Windows-1252, ISO-8859-x, KOI8-R, Shift_JIS, …) detected
//!   with chardetng, or one the user chooses ([`Document::load_with_encoding`], [`encodings`]);
//! - HTML pages saved from a browser: the article (headline, byline, body) is extracted;
//! - Word .docx and OpenDocument .odt (and flat .fodt): the body's paragraphs, headings, list
//!   items and table cells, without footnotes, comments or deleted tracked changes.
//!
//! Anything else is refused with a [`LoadError`] that says what the file seems to be.
//!
//! ```
//! use redline::document::Document;
//! let doc = Document::from_bytes("old.txt", b"Caf\xe9 society\r\n".to_vec()).unwrap();
//! assert_eq!((doc.text.as_str(), doc.source.encoding.as_str()), ("Café society\n", "windows-1252"));
//! ```

mod archive;
mod blocks;
mod docx;
mod error;
mod formats;
mod html;
mod mhtml;
mod odt;
mod pdf;
mod sniff;
mod text;
mod xml;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

pub use blocks::{BlockKind, MarkedBlock};
pub use error::{LoadError, MAX_ARCHIVE_ENTRIES};
pub use formats::{INPUT_FORMATS, InputFormat, dialog_filters, supported};
pub use pdf::{CHILD_COMMAND as PDF_CHILD_COMMAND, memory_limit as pdf_memory_limit};
pub use pdf::{read_pdfs_in_child, serve as serve_pdf_reader};
pub use text::{encoding_for_name, encoding_names, encodings};

use text::Decoded;

use error::Problem;

/// The default upper bound on the size of a file Redline will read: 256 MiB. The same bound
/// applies to the unpacked text part of a .docx or .odt.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Settings for reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this are refused with [`LoadError::TooLarge`] instead of being read;
    /// a .docx or .odt whose text part unpacks to more is refused with
    /// [`LoadError::ArchiveTooLarge`].
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Something that was repaired while reading a file; the text is usable but the user should know.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadWarning(pub String);

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    /// Plain text or Markdown.
    Text,
    /// An HTML page; the text is its article.
    Html,
    /// A Word .docx document.
    Docx,
    /// An OpenDocument text (.odt or flat .fodt).
    Odt,
    /// A PDF's text layer.
    Pdf,
}

impl Format {
    /// Whether the file was decoded from bytes in some encoding, so that it can be reopened
    /// with another one (text and HTML; .docx and .odt fix their own encoding).
    pub fn has_encoding(self) -> bool {
        matches!(self, Self::Text | Self::Html)
    }
}

/// Where a document came from and how it was read: what a pane header or a summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// A short name for the document, usually the file name.
    pub name: String,
    /// The file it was read from; `None` for pasted or bundled text.
    pub path: Option<PathBuf>,
    /// How the bytes were read, for people: an encoding such as `UTF-8`, `UTF-16LE`,
    /// `windows-1252` or `Shift_JIS`; `HTML, UTF-8` for a page; `Word document (.docx)` or
    /// `OpenDocument text (.odt)` for those.
    pub encoding: String,
    /// What kind of file it was.
    pub format: Format,
    /// The encoding text or HTML was decoded from (`None` for .docx and .odt): the one to mark
    /// as current in a "reopen with encoding" menu.
    pub text_encoding: Option<&'static Encoding>,
    /// The size of the input in bytes, before decoding.
    pub bytes: u64,
    /// When the file was last modified, if it came from a file that says.
    pub modified: Option<std::time::SystemTime>,
    /// Repairs made while reading.
    pub warnings: Vec<LoadWarning>,
}

/// A decoded text document: the output of loading, the input of segmentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from.
    pub source: SourceInfo,
    /// The decoded text, without a byte-order mark, with every line ending turned into `\n`;
    /// for HTML, .docx and .odt, one block (paragraph, heading, list item, table cell) after
    /// another, separated by blank lines.
    pub text: String,
    /// The blocks of `text` that a .docx or .odt marks as headings or list items, in order.
    /// Plain text and Markdown mark none: the segmenter reads their `#` and `-` itself.
    pub marked: Vec<MarkedBlock>,
}

impl Document {
    /// Reads the file at `path` and turns it into text, whatever its supported format.
    ///
    /// Refuses directories, special files, files over `options.max_bytes` and content that is
    /// none of the supported formats with a [`LoadError`] that names the file and says what is
    /// supported.
    pub fn load(path: &Path, options: &LoadOptions) -> Result<Self, LoadError> {
        Self::load_with_encoding(path, options, None)
    }

    /// Like [`Document::load`], but a text or HTML file is decoded from `encoding` instead of the
    /// detected one: "reopen with encoding". Pick it from [`encodings`]. `None` detects it.
    /// It does not apply to .docx and .odt files, which say their own encoding.
    pub fn load_with_encoding(
        path: &Path,
        options: &LoadOptions,
        encoding: Option<&'static Encoding>,
    ) -> Result<Self, LoadError> {
        let (bytes, modified) = read_limited(path, options.max_bytes)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut doc = Self::read(&name, bytes, options, encoding).map_err(|p| p.at(path))?;
        doc.source.path = Some(path.to_path_buf());
        doc.source.modified = modified;
        Ok(doc)
    }

    /// Turns bytes that did not come from a file (pasted, bundled, or read elsewhere) into
    /// text, with the default options. `name` stands for the file in messages and, as a
    /// tie-breaker only, its extension helps tell an HTML fragment from Markdown.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, LoadError> {
        Self::from_bytes_with(name, bytes, &LoadOptions::default(), None)
    }

    /// [`Document::from_bytes`] with options and, for text and HTML, a chosen encoding.
    pub fn from_bytes_with(
        name: &str,
        bytes: Vec<u8>,
        options: &LoadOptions,
        encoding: Option<&'static Encoding>,
    ) -> Result<Self, LoadError> {
        Self::read(name, bytes, options, encoding).map_err(|p| p.at(Path::new(name)))
    }

    /// Wraps text that is already decoded, such as text pasted from the clipboard.
    pub fn from_text(name: &str, text: &str) -> Self {
        let text =
            text::normalize_line_endings(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned());
        Self {
            source: SourceInfo {
                name: name.to_owned(),
                path: None,
                encoding: "UTF-8".to_owned(),
                format: Format::Text,
                text_encoding: Some(encoding_rs::UTF_8),
                bytes: text.len() as u64,
                modified: None,
                warnings: Vec::new(),
            },
            text,
            marked: Vec::new(),
        }
    }

    /// Decides what the bytes are and reads them accordingly.
    fn read(
        name: &str,
        bytes: Vec<u8>,
        options: &LoadOptions,
        forced: Option<&'static Encoding>,
    ) -> Result<Self, Problem> {
        let size = bytes.len() as u64;
        // The stages of the table of formats in turn: leading bytes, a ZIP archive's contents,
        // the decoded text.
        let read = match formats::by_bytes(&bytes[..bytes.len().min(4096)]) {
            Some(read) => read(name, bytes, forced, options)?,
            None => match sniff::kind(&bytes) {
                sniff::Kind::Other(what) => {
                    return Err(Problem::NotText(format!("it looks like {what}")));
                }
                sniff::Kind::Zip => read_container(&bytes, name, options.max_bytes)?,
                sniff::Kind::Text => read_decoded(name, bytes, forced, false)?,
            },
        };
        Ok(Self {
            source: SourceInfo {
                name: name.to_owned(),
                path: None,
                encoding: read.label,
                format: read.format,
                text_encoding: read.encoding,
                bytes: size,
                modified: None,
                warnings: read.warnings,
            },
            text: read.text,
            marked: read.marked,
        })
    }
}

/// What reading one format gave.
pub(crate) struct Loaded {
    text: String,
    marked: Vec<MarkedBlock>,
    format: Format,
    label: String,
    encoding: Option<&'static Encoding>,
    warnings: Vec<LoadWarning>,
}

/// Reads a .docx or .odt, or refuses another ZIP archive naming what it seems to be.
fn read_container(bytes: &[u8], name: &str, limit: u64) -> Result<Loaded, Problem> {
    let mut zip = archive::open(bytes, name, limit)?;
    let container = archive::classify(&mut zip)?;
    let read = formats::by_container(container).ok_or_else(|| {
        Problem::NotText("it is a ZIP archive of a kind Redline does not read".to_owned())
    })?;
    read(&mut zip, limit)
}

/// Reads a Word document's body.
fn read_docx(zip: &mut archive::Archive<'_>, limit: u64) -> Result<Loaded, Problem> {
    let what = archive::DOCX;
    let xml_bytes = archive::read_part(zip, docx::MAIN_PART, what, limit)?;
    // Styles only say which paragraphs are headings: a document without a readable styles part
    // is read without them.
    let styles = archive::read_part(zip, docx::STYLES_PART, what, limit)
        .map(|bytes| docx::styles(&bytes))
        .unwrap_or_default();
    let body = docx::text(&xml_bytes, &styles).map_err(|reason| Problem::Damaged {
        format: what,
        reason,
    })?;
    Ok(Loaded::document(
        body,
        Format::Docx,
        "Word document (.docx)",
        Vec::new(),
    ))
}

/// Reads an OpenDocument text's body.
fn read_odt(zip: &mut archive::Archive<'_>, limit: u64) -> Result<Loaded, Problem> {
    let what = archive::ODT;
    if archive::odf_encrypted(zip) {
        return Err(Problem::Damaged {
            format: what,
            reason: "it is password-protected; save a copy without a password".to_owned(),
        });
    }
    let xml_bytes = archive::read_part(zip, odt::MAIN_PART, what, limit)?;
    let body = odt::text(&xml_bytes).map_err(|reason| Problem::Damaged {
        format: what,
        reason,
    })?;
    Ok(Loaded::document(
        body,
        Format::Odt,
        "OpenDocument text (.odt)",
        Vec::new(),
    ))
}

impl Loaded {
    /// A .docx, .odt or .fodt read: its body, with a warning if it has tracked changes.
    fn document(
        body: xml::Body,
        format: Format,
        label: &str,
        mut warnings: Vec<LoadWarning>,
    ) -> Self {
        warnings.extend(tracked_changes_warning(body.tracked_changes));
        Self {
            text: body.text,
            marked: body.marked,
            format,
            label: label.to_owned(),
            encoding: None,
            warnings,
        }
    }
}

/// A note that a document's tracked changes are shown accepted: the text has insertions that
/// nobody has accepted yet, and lacks deletions.
fn tracked_changes_warning(count: usize) -> Vec<LoadWarning> {
    if count == 0 {
        return Vec::new();
    }
    vec![LoadWarning(format!(
        "it has {count} tracked change{}, shown as if accepted: deleted text is left out, \
         inserted text is kept",
        if count == 1 { "" } else { "s" }
    ))]
}

/// Reads a web archive: the HTML page inside, in the charset its part declares unless the
/// user chose one.
fn read_mhtml(
    name: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    _options: &LoadOptions,
) -> Result<Loaded, Problem> {
    let page = mhtml::page(&bytes).map_err(|reason| Problem::Damaged {
        format: mhtml::FORMAT,
        reason,
    })?;
    let mut loaded = read_decoded(name, page.html, forced.or(page.charset), true)?;
    if let Some(encoding) = loaded.encoding {
        loaded.label = format!("Web archive (.mhtml), {}", encoding.name());
    }
    Ok(loaded)
}

/// Reads text, an HTML page or flat OpenDocument XML. With `is_page`, the bytes are an HTML
/// page whatever they start with (the HTML part of a web archive).
fn read_decoded(
    name: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    is_page: bool,
) -> Result<Loaded, Problem> {
    let head = &bytes[..bytes.len().min(4096)];
    // An HTML page says its encoding in a <meta> near the top; a BOM or the user's choice wins.
    let html_bytes = is_page || sniff::looks_like_html(head, name);
    let declared = if html_bytes && forced.is_none() && Encoding::for_bom(&bytes).is_none() {
        // A page that declares a legacy charset but whose bytes are UTF-8 with non-ASCII
        // characters was saved as UTF-8 and not relabelled; legacy text is almost never valid
        // UTF-8 by accident, so the bytes win.
        html_charset(head).filter(|declared| {
            *declared == encoding_rs::UTF_8
                || std::str::from_utf8(&bytes).map_or(true, |text| text.is_ascii())
        })
    } else {
        None
    };
    let decoded = text::decode_text(bytes, forced.or(declared)).map_err(Problem::NotText)?;
    if is_page {
        return read_html(decoded);
    }
    let start = &decoded.text.as_bytes()[..decoded.text.len().min(4096)];
    // A page in UTF-16 is only recognisable once decoded.
    let read = formats::by_decoded(start, name);
    read(decoded)
}

/// Reads a flat OpenDocument text (.fodt).
fn read_flat_odt(decoded: Decoded) -> Result<Loaded, Problem> {
    let body = odt::text(decoded.text.as_bytes()).map_err(|reason| Problem::Damaged {
        format: "a flat OpenDocument text (.fodt)",
        reason,
    })?;
    Ok(Loaded::document(
        body,
        Format::Odt,
        "OpenDocument text (.fodt)",
        decoded.warnings,
    ))
}

/// Reads the article of an HTML page.
fn read_html(decoded: Decoded) -> Result<Loaded, Problem> {
    let Decoded {
        text,
        encoding,
        mut warnings,
    } = decoded;
    if html::nesting_exceeds(&text) {
        return Err(Problem::Damaged {
            format: "an HTML page",
            reason: format!(
                "its elements are nested more than {} deep, far more than any article",
                html::MAX_NESTING
            ),
        });
    }
    let page = html::extract(&text);
    warnings.extend(page.warnings);
    Ok(Loaded {
        text: page.text,
        marked: Vec::new(),
        format: Format::Html,
        label: format!("HTML, {}", encoding.name()),
        encoding: Some(encoding),
        warnings,
    })
}

/// Takes plain text or Markdown as it is: the segmenter reads its structure.
fn read_plain(decoded: Decoded) -> Result<Loaded, Problem> {
    Ok(Loaded {
        text: decoded.text,
        marked: Vec::new(),
        format: Format::Text,
        label: decoded.encoding.name().to_owned(),
        encoding: Some(decoded.encoding),
        warnings: decoded.warnings,
    })
}

/// The encoding a page declares in a `<meta charset>` or `<meta http-equiv content>` near its
/// start. A declared UTF-16 is ignored, as browsers do: the page was read as ASCII to find it.
fn html_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = sniff::find(&lower[from..], b"charset") {
        let rest = &lower[from + at + b"charset".len()..];
        from += at + 1;
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(encoding) = Encoding::for_label(&rest[..end]) {
            return Some(
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    encoding
                },
            );
        }
    }
    None
}

/// Whether text starts like a flat OpenDocument text (.fodt): an XML `office:document` of the
/// text type. (The name does not matter: the signature of [`formats::Reader::Decoded`].)
fn flat_odt(start: &[u8], _name: &str) -> bool {
    sniff::find(start, b"<office:document").is_some()
        && sniff::find(start, b"application/vnd.oasis.opendocument.text").is_some()
}

/// Reads at most `max_bytes` from a regular file, refusing anything else with a typed error.
/// Also returns the file's modification time.
fn read_limited(
    path: &Path,
    max_bytes: u64,
) -> Result<(Vec<u8>, Option<std::time::SystemTime>), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::from_io(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegularFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > max_bytes {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let file = File::open(path).map_err(|e| LoadError::from_io(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the size check and the read: never take more than the limit.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::from_io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok((bytes, meta.modified().ok()))
}
