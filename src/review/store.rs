//! Where reviews are kept: one small JSON file per pair of versions, named by the pair's key,
//! written atomically so a crash leaves the last review whole.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::PairReview;
use crate::export::write_atomically;

/// The `format` field of a stored review.
const FORMAT_NAME: &str = "redline-review";
/// The `version` field; raised only for changes older versions cannot read.
const FORMAT_VERSION: u32 = 1;
/// A review file larger than this is not one Redline wrote (a review of 100,000 changes with
/// notes is a few megabytes).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why a review could not be read or kept.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// Reading, writing or removing the file failed.
    #[error("could not {action} the review file {}: {source}", path.display())]
    Io {
        /// "read", "write" or "remove".
        action: &'static str,
        /// The review file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Writing the file failed; what was stored before is unchanged.
    #[error("could not save the review: {0}")]
    Write(#[from] crate::export::ExportError),
    /// The file is not a review Redline can read.
    #[error("the review file {} is not a Redline review ({why}); it is left as it is", path.display())]
    Unreadable {
        /// The review file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    #[serde(flatten)]
    review: PairReview,
}

/// A folder of reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// A store in this folder (created when the first review is saved).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The user's store: `$REDLINE_DATA_DIR/reviews` when that is set (a shared folder, or a
    /// test's own), else `reviews` in Redline's folder of the platform's application data
    /// (`~/.local/share/redline`, `~/Library/Application Support/Redline`,
    /// `%APPDATA%\Redline`). `None` when the platform names no such folder.
    pub fn default_location() -> Option<Self> {
        let env_dir = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        // The reader's own setting: a relative folder is taken from where Redline started.
        if let Some(dir) = std::env::var_os("REDLINE_DATA_DIR").filter(|d| !d.is_empty()) {
            let dir = std::path::absolute(&dir).unwrap_or_else(|_| PathBuf::from(dir));
            return Some(Self::at(dir.join("reviews")));
        }
        let data = if cfg!(windows) {
            env_dir("APPDATA")?.join("Redline")
        } else if cfg!(target_os = "macos") {
            std::env::home_dir()?
                .join("Library")
                .join("Application Support")
                .join("Redline")
        } else {
            env_dir("XDG_DATA_HOME")
                .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))?
                .join("redline")
        };
        Some(Self::at(data.join("reviews")))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, pair: &str) -> PathBuf {
        // Keys are hex digits; anything else is kept out of the path.
        let name: String = pair.chars().filter(char::is_ascii_alphanumeric).collect();
        self.dir.join(format!("{name}.json"))
    }

    /// Whether any review was ever saved here (the command line skips the pair's key, a hash of
    /// both texts, when none was).
    pub fn is_empty(&self) -> bool {
        match std::fs::read_dir(&self.dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(_) => true,
        }
    }

    /// What is stored for a pair; empty when nothing is.
    pub fn load(&self, pair: &str) -> Result<PairReview, ReviewError> {
        let path = self.path(pair);
        let unreadable = |why: String| ReviewError::Unreadable {
            path: path.clone(),
            why,
        };
        let io = |source| ReviewError::Io {
            action: "read",
            path: path.clone(),
            source,
        };
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(PairReview::default());
            }
            Err(e) => return Err(io(e)),
            Ok(meta) if meta.len() > MAX_BYTES => {
                return Err(unreadable(format!("{} bytes", meta.len())));
            }
            Ok(_) => {}
        }
        let bytes = std::fs::read(&path).map_err(io)?;
        let stored: Stored =
            serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))?;
        if stored.format != FORMAT_NAME || stored.version > FORMAT_VERSION {
            return Err(unreadable(format!(
                "format {} version {}, where {FORMAT_NAME} version {FORMAT_VERSION} is supported",
                stored.format, stored.version
            )));
        }
        Ok(stored.review)
    }

    /// Keeps a pair's review, replacing what was stored; a review without marks removes the
    /// file. A file there that is not a review Redline can read (damaged, or written by a later
    /// version) is never replaced or removed: the error says so.
    pub fn save(&self, pair: &str, review: &PairReview) -> Result<(), ReviewError> {
        let path = self.path(pair);
        self.load(pair)?;
        if review.marks.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ReviewError::Io {
                    action: "remove",
                    path,
                    source: e,
                }),
                _ => Ok(()),
            };
        }
        let io = |source| ReviewError::Io {
            action: "write",
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let stored = Stored {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            review: review.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&stored).map_err(|e| ReviewError::Unreadable {
            path: path.clone(),
            why: format!("it could not be written as JSON: {e}"),
        })?;
        json.push(b'\n');
        Ok(write_atomically(&path, &json, &[])?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::review::{Mark, Status};

    fn review() -> PairReview {
        let mut r = PairReview {
            old_name: "a.txt".into(),
            new_name: "b.txt".into(),
            ..PairReview::default()
        };
        r.marks.insert(
            "00ff".into(),
            Mark {
                status: Status::Flagged,
                note: "ask \"the desk\"\nagain".into(),
            },
        );
        r
    }

    #[test]
    fn a_saved_review_reads_back_and_an_empty_one_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("reviews"));
        assert!(store.is_empty());
        assert_eq!(store.load("00ff").unwrap(), PairReview::default());
        store.save("00ff", &review()).unwrap();
        assert!(!store.is_empty());
        assert_eq!(store.load("00ff").unwrap(), review());
        store.save("00ff", &PairReview::default()).unwrap();
        assert!(store.is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_review_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let path = dir.path().join("abc.json");
        for bad in [
            &b"not json"[..],
            br#"{"format":"something-else","version":1}"#,
            br#"{"format":"redline-review","version":99}"#,
        ] {
            std::fs::write(&path, bad).unwrap();
            let err = store.load("abc").unwrap_err();
            assert!(matches!(err, ReviewError::Unreadable { .. }), "{err}");
            assert!(err.to_string().contains("abc.json"), "{err}");
            // Saving over it, or clearing it, leaves it as it is.
            assert!(store.save("abc", &review()).is_err());
            assert!(store.save("abc", &PairReview::default()).is_err());
            assert_eq!(std::fs::read(&path).unwrap(), bad);
        }
    }

    #[test]
    fn keys_cannot_reach_outside_the_folder() {
        let store = Store::at("/tmp/reviews");
        assert_eq!(
            store.path("../../etc/passwd"),
            PathBuf::from("/tmp/reviews/etcpasswd.json")
        );
    }
}
