//! Why a file could not be loaded, in words a user can act on.

use std::io;
use std::path::{Path, PathBuf};

/// The supported inputs, named in every message that refuses a file.
pub const SUPPORTED: &str =
    "Redline compares text files: plain text or Markdown, in UTF-8 or UTF-16";

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
    #[error("{} is not a regular file (a device, pipe or socket). {SUPPORTED}.", path.display())]
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
        "{} is {} MiB, larger than the limit of {} MiB; raise it with --max-file-size if you really mean to compare it",
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
    /// The content is not text.
    #[error("{} does not look like text ({reason}). {SUPPORTED}.", path.display())]
    Binary {
        /// The file (or the name given to pasted bytes).
        path: PathBuf,
        /// What gave it away, e.g. "it contains NUL bytes".
        reason: String,
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

    /// Replaces the name used while decoding with the real path of the file.
    pub(crate) fn with_path(self, real: &Path) -> Self {
        match self {
            Self::Binary { reason, .. } => Self::Binary {
                path: real.to_path_buf(),
                reason,
            },
            other => other,
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
            | Self::Io { path, .. } => path,
        }
    }
}
