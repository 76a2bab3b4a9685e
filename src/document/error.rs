//! Why a file could not be loaded, in words a user can act on.

use std::io;
use std::path::{Path, PathBuf};

/// A file that could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Nothing exists at the path.
    #[error("{}: no such file", path.display())]
    NotFound {
        /// The path that was asked for.
        path: PathBuf,
    },
    /// The path names a folder.
    #[error("{} is a folder, not a file; choose a file inside it", path.display())]
    IsDirectory {
        /// The folder.
        path: PathBuf,
    },
    /// The path names a device, pipe or socket.
    #[error("{} is not a regular file (a device, pipe or socket). {}.", path.display(), super::supported())]
    NotRegularFile {
        /// The special file.
        path: PathBuf,
    },
    /// The operating system refused to let us read the file.
    #[error("{}: permission denied; check that your account may read it", path.display())]
    PermissionDenied {
        /// The unreadable file.
        path: PathBuf,
    },
    /// The file is bigger than the configured limit.
    #[error(
        "{} is {} MiB, larger than the limit of {} MiB (`--max-file-size`, in MiB, raises it, if you really mean to compare it)",
        path.display(), size.div_ceil(1024 * 1024), limit / (1024 * 1024)
    )]
    TooLarge {
        /// The large file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The content is none of the supported kinds (an image, a PDF, an archive, a program…).
    #[error("{} does not look like text ({reason}). {}.", path.display(), super::supported())]
    Binary {
        /// The file (or the name given to pasted bytes).
        path: PathBuf,
        /// What gave it away, e.g. "it looks like a PNG image" or "it contains NUL bytes".
        reason: String,
    },
    /// The file is a supported kind of document, but broken: truncated, or its parts unreadable.
    #[error(
        "{} looks like {format} but cannot be read: {reason}. It may be incomplete or damaged; \
         try opening it and saving it again.",
        path.display()
    )]
    Damaged {
        /// The damaged file.
        path: PathBuf,
        /// What it looks like, e.g. "a Word document (.docx)".
        format: &'static str,
        /// What is wrong, e.g. "the ZIP directory at its end is missing".
        reason: String,
    },
    /// A supported kind of document whose text cannot be had as it is: a scan without a text
    /// layer, a password-protected PDF, or one that exceeds what Redline reads.
    #[error("{} is {format}, but {reason}.", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What it is, e.g. "a PDF document".
        format: &'static str,
        /// Why its text cannot be had, and what to do.
        reason: String,
    },
    /// A document archive that would take too much to unpack: too many parts, or parts that
    /// expand far beyond what a text document needs (a "ZIP bomb").
    #[error(
        "{} is {format} too large to open safely: {reason}. Redline reads documents whose text \
         part unpacks to at most {} MiB in archives of at most {MAX_ARCHIVE_ENTRIES} entries.",
        path.display(), limit.div_ceil(1024 * 1024)
    )]
    ArchiveTooLarge {
        /// The archive.
        path: PathBuf,
        /// What it looks like, e.g. "a Word document (.docx)".
        format: &'static str,
        /// Which limit it exceeds.
        reason: String,
        /// The limit on the unpacked size of a part, in bytes.
        limit: u64,
    },
    /// Any other read failure.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The file being read.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
}

/// The most entries a .docx or .odt archive may have; real documents have a few dozen, and a
/// directory of millions of entries is itself a way to exhaust memory.
pub const MAX_ARCHIVE_ENTRIES: usize = 10_000;

/// Why the content of some bytes cannot be loaded, before we know which file they came from.
/// [`Problem::at`] turns it into a [`LoadError`] naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Not a supported kind: the reason says what it seems to be.
    NotText(String),
    /// A supported kind, but damaged.
    Damaged {
        /// What it looks like.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A supported kind whose text cannot be had as it is.
    Unreadable {
        /// What it is.
        format: &'static str,
        /// Why, and what to do.
        reason: String,
    },
    /// An archive over the limits.
    TooBig {
        /// What it looks like.
        format: &'static str,
        /// Which limit it exceeds.
        reason: String,
        /// The limit on a part's unpacked size.
        limit: u64,
    },
}

impl Problem {
    /// The error for the file at `path`.
    pub(crate) fn at(self, path: &Path) -> LoadError {
        let path = path.to_path_buf();
        match self {
            Self::NotText(reason) => LoadError::Binary { path, reason },
            Self::Damaged { format, reason } => LoadError::Damaged {
                path,
                format,
                reason,
            },
            Self::Unreadable { format, reason } => LoadError::Unreadable {
                path,
                format,
                reason,
            },
            Self::TooBig {
                format,
                reason,
                limit,
            } => LoadError::ArchiveTooLarge {
                path,
                format,
                reason,
                limit,
            },
        }
    }
}

impl LoadError {
    /// Maps an I/O error to the variant that explains it best.
    pub(crate) fn from_io(path: &Path, error: io::Error) -> Self {
        let path = path.to_path_buf();
        match error.kind() {
            io::ErrorKind::NotFound => Self::NotFound { path },
            io::ErrorKind::PermissionDenied => Self::PermissionDenied { path },
            io::ErrorKind::IsADirectory => Self::IsDirectory { path },
            _ => Self::Io {
                path,
                source: error,
            },
        }
    }

    /// The file this error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::NotFound { path }
            | Self::IsDirectory { path }
            | Self::NotRegularFile { path }
            | Self::PermissionDenied { path }
            | Self::TooLarge { path, .. }
            | Self::Binary { path, .. }
            | Self::Damaged { path, .. }
            | Self::Unreadable { path, .. }
            | Self::ArchiveTooLarge { path, .. }
            | Self::Io { path, .. } => path,
        }
    }
}

#[cfg(test)]
mod io_tests {
    use super::*;

    // An unreadable file cannot be made in a test that runs as root (root reads anything), so
    // the mapping every read goes through is tested directly.
    #[test]
    fn operating_system_refusals_get_their_own_message() {
        let path = Path::new("/news/secret.txt");
        let denied = LoadError::from_io(path, io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(
            matches!(denied, LoadError::PermissionDenied { .. }),
            "{denied:?}"
        );
        assert_eq!(
            denied.to_string(),
            "/news/secret.txt: permission denied; check that your account may read it"
        );
        let missing = LoadError::from_io(path, io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(missing.to_string(), "/news/secret.txt: no such file");
        let other = LoadError::from_io(path, io::Error::other("disk on fire"));
        assert!(
            other
                .to_string()
                .contains("could not read /news/secret.txt: disk on fire"),
            "{other}"
        );
    }
}
