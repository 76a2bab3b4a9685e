//! Loading: bytes on disk → decoded text with line endings normalised to `\n`.
//!
//! This is the first stage of the pipeline. It knows nothing about paragraphs; it only makes sure
//! that what comes out is text, says which encoding it was read as, and reports anything it had
//! to repair as a [`LoadWarning`] the caller can show beside the file.

mod decode;
mod error;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use decode::{Decoded, decode};
pub use error::LoadError;

/// The default upper bound on the size of a file Redline will read: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Settings for reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this are refused with [`LoadError::TooLarge`] instead of being read.
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

/// Where a document came from and how it was read: what a pane header or a summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// A short name for the document, usually the file name.
    pub name: String,
    /// The file it was read from; `None` for pasted or bundled text.
    pub path: Option<PathBuf>,
    /// The encoding the bytes were decoded from, e.g. `UTF-8` or `UTF-16LE`.
    pub encoding: String,
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
    /// The decoded text, without a byte-order mark, with every line ending turned into `\n`.
    pub text: String,
}

impl Document {
    /// Reads and decodes the file at `path`.
    ///
    /// Refuses directories, special files, files over `options.max_bytes` and binary content
    /// with a [`LoadError`] that names the file and says what is supported.
    pub fn load(path: &Path, options: &LoadOptions) -> Result<Self, LoadError> {
        let (bytes, modified) = read_limited(path, options.max_bytes)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut doc = Self::from_bytes(&name, bytes).map_err(|e| e.with_path(path))?;
        doc.source.path = Some(path.to_path_buf());
        doc.source.modified = modified;
        Ok(doc)
    }

    /// Decodes bytes that did not come from a file (pasted, bundled, or read elsewhere).
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, LoadError> {
        let size = bytes.len() as u64;
        let Decoded {
            text,
            encoding,
            warnings,
        } = decode(bytes).map_err(|reason| LoadError::Binary {
            path: PathBuf::from(name),
            reason,
        })?;
        Ok(Self {
            source: SourceInfo {
                name: name.to_owned(),
                path: None,
                encoding: encoding.to_owned(),
                bytes: size,
                modified: None,
                warnings,
            },
            text,
        })
    }

    /// Wraps text that is already decoded, such as text pasted from the clipboard.
    pub fn from_text(name: &str, text: &str) -> Self {
        let text = decode::normalize_line_endings(
            text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
        );
        Self {
            source: SourceInfo {
                name: name.to_owned(),
                path: None,
                encoding: "UTF-8".to_owned(),
                bytes: text.len() as u64,
                modified: None,
                warnings: Vec::new(),
            },
            text,
        }
    }
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
