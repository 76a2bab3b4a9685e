//! Writing an export without ever losing what the user has.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target is one of the files being compared.
    #[error("will not write to {}: it is one of the files being compared; choose another name", path.display())]
    WouldOverwriteInput {
        /// The input file.
        path: PathBuf,
    },
    /// The folder to write into does not exist.
    #[error("cannot write {}: the folder {} does not exist", path.display(), folder.display())]
    MissingFolder {
        /// The file to write.
        path: PathBuf,
        /// Its missing folder.
        folder: PathBuf,
    },
    /// The target is a folder.
    #[error("cannot write {}: it is a folder; give a file name", path.display())]
    IsDirectory {
        /// The folder.
        path: PathBuf,
    },
    /// Any other failure; nothing was changed on disk.
    #[error("could not write {}: {source} (nothing was changed)", path.display())]
    Io {
        /// The file to write.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` atomically: into a temporary file in the same folder, then renamed
/// over the target, so an interrupted export leaves either the old file or the new one, never
/// half of one. Refuses to write over any of `inputs`.
pub fn write_atomically(path: &Path, contents: &[u8], inputs: &[&Path]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(ExportError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
        return Err(ExportError::WouldOverwriteInput {
            path: input.to_path_buf(),
        });
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(ExportError::MissingFolder {
            path: path.to_path_buf(),
            folder,
        });
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redline-export-");
    // A temporary file is owner-only, and the rename would make every export so. A replaced
    // export keeps its permissions; a new one gets what any new file gets (0o666 less the umask).
    if let Ok(existing) = std::fs::metadata(path) {
        builder.permissions(existing.permissions());
    } else {
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&folder).map_err(io)?;
    temp.write_all(contents).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Whether two paths name the same file (through links, `..` or case-insensitive file systems).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        // The target does not exist yet, so it cannot be an input.
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn replaces_existing_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("summary.md");
        std::fs::write(&out, "old summary").unwrap();
        write_atomically(&out, b"new summary", &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new summary");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_write_over_an_input_even_by_another_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("article.txt");
        std::fs::write(&input, "the article").unwrap();
        let other_spelling = dir.path().join(".").join("article.txt");
        let err = write_atomically(&other_spelling, b"x", &[&input]).unwrap_err();
        assert!(
            matches!(err, ExportError::WouldOverwriteInput { .. }),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "the article");
    }

    #[test]
    fn reports_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(&dir.path().join("nope/summary.md"), b"x", &[]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_readable_like_other_new_files_and_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let export = dir.path().join("summary.md");
        write_atomically(&export, b"one", &[]).unwrap();
        assert_eq!(mode(&export), mode(&plain));
        std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&export, b"two", &[]).unwrap();
        assert_eq!(mode(&export), 0o640);
        assert_eq!(std::fs::read(&export).unwrap(), b"two");
    }
}
