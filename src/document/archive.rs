//! ZIP containers (.docx, .odt and the ones we refuse), opened defensively: the number of entries
//! is checked before the archive's directory is read, and a part is unpacked only up to a limit,
//! whatever sizes the archive declares.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::error::{MAX_ARCHIVE_ENTRIES, Problem};
use super::sniff::find;

/// How a Word document is named in messages.
pub(crate) const DOCX: &str = "a Word document (.docx)";
/// How an OpenDocument text is named in messages.
pub(crate) const ODT: &str = "an OpenDocument text (.odt)";
/// How any other ZIP archive is named in messages.
const ZIP: &str = "a ZIP archive";

/// The MIME types, stored in an OpenDocument's `mimetype` entry, of the texts we read:
/// text, text template and master document.
const ODF_TEXT_TYPES: &[&str] = &[
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
    "application/vnd.oasis.opendocument.text-master",
];

/// What a ZIP archive turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// A Word document.
    Docx,
    /// An OpenDocument text.
    Odt,
}

/// An opened archive.
pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens a ZIP archive held in memory, refusing one with too many entries before its directory
/// is read (a directory of millions of entries is itself a way to exhaust memory).
pub(crate) fn open<'a>(bytes: &'a [u8], name: &str, limit: u64) -> Result<Archive<'a>, Problem> {
    if let Some(entries) = declared_entries(bytes)
        && entries > MAX_ARCHIVE_ENTRIES as u64
    {
        return Err(too_many(guess_format(bytes, name), entries, limit));
    }
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Problem::Damaged {
        format: guess_format(bytes, name),
        reason: zip_reason(&e),
    })?;
    if archive.len() > MAX_ARCHIVE_ENTRIES {
        return Err(too_many(
            guess_format(bytes, name),
            archive.len() as u64,
            limit,
        ));
    }
    Ok(archive)
}

/// Decides from its entries what an archive is: a document we read, or a refusal naming what it
/// seems to be.
pub(crate) fn classify(archive: &mut Archive<'_>) -> Result<Container, Problem> {
    if let Some(mime) = mimetype(archive) {
        let mime = mime.trim();
        if ODF_TEXT_TYPES.contains(&mime) {
            return Ok(Container::Odt);
        }
        let what = match mime {
            "application/vnd.oasis.opendocument.spreadsheet" => {
                "an OpenDocument spreadsheet (.ods)"
            }
            "application/vnd.oasis.opendocument.presentation" => {
                "an OpenDocument presentation (.odp)"
            }
            "application/vnd.oasis.opendocument.graphics" => "an OpenDocument drawing (.odg)",
            "application/epub+zip" => "an EPUB e-book",
            _ => "a ZIP archive of another kind",
        };
        return Err(Problem::NotText(format!("it looks like {what}")));
    }
    let has = |archive: &Archive<'_>, name: &str| archive.index_for_name(name).is_some();
    if has(archive, "word/document.xml") {
        return Ok(Container::Docx);
    }
    let what = if has(archive, "xl/workbook.xml") {
        "an Excel workbook (.xlsx)"
    } else if has(archive, "ppt/presentation.xml") {
        "a PowerPoint presentation (.pptx)"
    } else if has(archive, "AndroidManifest.xml") {
        "an Android app (.apk)"
    } else if has(archive, "META-INF/MANIFEST.MF") {
        "a Java archive (.jar)"
    } else {
        "a ZIP archive"
    };
    Err(Problem::NotText(format!("it looks like {what}")))
}

/// Reads a whole part of the archive, refusing one that unpacks to more than `limit` bytes.
/// The size the archive declares is checked first, but not trusted: reading stops at the limit.
/// (The zip crate itself stops at the declared size and reports a part that is longer as
/// damaged, so that stop is a second guard, kept in case the crate ever reads on.)
pub(crate) fn read_part(
    archive: &mut Archive<'_>,
    part: &str,
    format: &'static str,
    limit: u64,
) -> Result<Vec<u8>, Problem> {
    let damaged = |reason: String| Problem::Damaged { format, reason };
    // `size` is what the archive declares, or, when it declared less than it holds, `None`:
    // reading stopped at the limit.
    let too_big = |size: Option<u64>| Problem::TooBig {
        format,
        reason: match size {
            Some(size) => format!(
                "its part {part} unpacks to {} MiB",
                size.div_ceil(1024 * 1024)
            ),
            None => format!(
                "its part {part} unpacks to more than {} MiB",
                limit / (1024 * 1024)
            ),
        },
        limit,
    };
    let entry = match archive.by_name(part) {
        Ok(entry) => entry,
        Err(ZipError::FileNotFound) => return Err(damaged(format!("it has no {part} part"))),
        Err(e) => return Err(damaged(zip_reason(&e))),
    };
    if entry.encrypted() {
        return Err(damaged(
            "it is encrypted; save a copy without a password".to_owned(),
        ));
    }
    if entry.size() > limit {
        return Err(too_big(Some(entry.size())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(format!("its part {part} cannot be unpacked ({e})")))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(None));
    }
    Ok(bytes)
}

/// Whether an OpenDocument is password-protected: its manifest then describes how its parts
/// are encrypted, and `content.xml` is ciphertext rather than XML.
pub(crate) fn odf_encrypted(archive: &mut Archive<'_>) -> bool {
    let Ok(entry) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut manifest = Vec::new();
    // Manifests are a few KiB; a bounded read is enough to find the marker.
    if entry.take(4 << 20).read_to_end(&mut manifest).is_err() {
        return false;
    }
    find(&manifest, b"encryption-data").is_some()
}

/// The `mimetype` entry of an OpenDocument, if the archive has a short one.
fn mimetype(archive: &mut Archive<'_>) -> Option<String> {
    let entry = archive.by_name("mimetype").ok()?;
    let mut text = String::new();
    entry.take(200).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The refusal of an archive with `entries` entries.
fn too_many(format: &'static str, entries: u64, limit: u64) -> Problem {
    Problem::TooBig {
        format,
        reason: format!("it has {entries} entries"),
        limit,
    }
}

/// A reason a user can read, for a ZIP error.
fn zip_reason(error: &ZipError) -> String {
    match error {
        ZipError::InvalidArchive(why) if why.contains("EOCD") || why.contains("end of central") => {
            "the directory at the end of its ZIP archive is missing".to_owned()
        }
        ZipError::InvalidArchive(why) => format!("its ZIP structure is broken ({why})"),
        ZipError::UnsupportedArchive(why) if *why == ZipError::PASSWORD_REQUIRED => {
            "it is encrypted; save a copy without a password".to_owned()
        }
        ZipError::UnsupportedArchive(why) => {
            format!("it uses a ZIP feature Redline cannot read ({why})")
        }
        ZipError::CompressionMethodNotSupported(_) => {
            "it uses a compression method Redline cannot read".to_owned()
        }
        ZipError::Io(e) => format!("its ZIP structure is incomplete ({e})"),
        other => other.to_string(),
    }
}

/// What a (possibly broken) archive most likely is, for messages: by the part names stored near
/// its start, then by the file name's extension.
fn guess_format(bytes: &[u8], name: &str) -> &'static str {
    let head = &bytes[..bytes.len().min(1024 * 1024)];
    let lower = name.to_ascii_lowercase();
    if find(head, b"word/document.xml").is_some()
        || find(head, b"[Content_Types].xml").is_some() && lower.ends_with(".docx")
        || lower.ends_with(".docx")
    {
        DOCX
    } else if ODF_TEXT_TYPES
        .iter()
        .any(|t| find(head, format!("mimetype{t}").as_bytes()).is_some())
        || lower.ends_with(".odt")
    {
        ODT
    } else {
        ZIP
    }
}

/// The number of entries the archive's end record declares, without reading its directory.
/// `None` when there is no readable end record; the ZIP reader then says what is wrong.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let end = tail.get(at..at + 22)?;
    let total = u16::from_le_bytes([end[10], end[11]]);
    if total != u16::MAX {
        return Some(total.into());
    }
    // ZIP64: a locator just before the end record points at the 64-bit end record.
    let end_at = tail_start + at;
    let locator = bytes.get(end_at.checked_sub(20)?..end_at)?;
    if &locator[..4] != b"PK\x06\x07" {
        return Some(total.into());
    }
    let offset = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if &record[..4] != b"PK\x06\x06" {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}
