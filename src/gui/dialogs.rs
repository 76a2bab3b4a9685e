//! The native file dialog, run off the UI thread so the window keeps drawing while it is open.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::compare::Side;

use super::task::{Ended, Task};

/// A dialog that returns nothing sooner than this most likely never opened (no desktop portal
/// and no zenity): nobody picks "Cancel" that fast.
pub(super) const TOO_FAST: Duration = Duration::from_millis(400);

/// What became of a dialog.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose a file for this side.
    File(Side, PathBuf),
    /// The user chose files to open as versions of one article.
    Versions(Vec<PathBuf>),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The dialog could not be shown.
    Unavailable,
}

/// The open dialog, if any.
#[derive(Debug, Default)]
pub struct Dialogs {
    pending: Option<(Purpose, Instant, Picking)>,
}

/// A dialog awaited on its own thread: the files picked, or none.
type Picking = Task<Option<Vec<PathBuf>>>;

/// What a dialog was opened for.
#[derive(Debug, Clone, Copy)]
enum Purpose {
    /// One side's file.
    Side(Side),
    /// Several versions.
    Versions,
}

impl Dialogs {
    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Opens the dialog for one side; `wake` is called when it closes.
    pub fn open(&mut self, side: Side, wake: impl Fn() + Send + 'static) {
        if self.is_open() {
            return;
        }
        let title = match side {
            Side::Old => "Open the old version",
            Side::New => "Open the new version",
        };
        // The dialog is created here, on the UI thread (macOS insists), and awaited elsewhere.
        let dialog = file_dialog(title).pick_file();
        let task = Task::spawn("redline-file-dialog", wake, move || {
            pollster::block_on(dialog).map(|f| vec![f.path().to_path_buf()])
        });
        self.pending = Some((Purpose::Side(side), Instant::now(), task));
    }

    /// Opens the dialog for several versions (any number of files picked at once).
    pub fn open_versions(&mut self, wake: impl Fn() + Send + 'static) {
        if self.is_open() {
            return;
        }
        let dialog =
            file_dialog("Open versions of one article (oldest first by name)").pick_files();
        let task = Task::spawn("redline-file-dialog", wake, move || {
            pollster::block_on(dialog).map(|files| {
                files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect::<Vec<_>>()
            })
        });
        self.pending = Some((Purpose::Versions, Instant::now(), task));
    }

    /// What the dialog returned, once it has closed.
    pub fn poll(&mut self) -> Option<Picked> {
        let (purpose, opened, task) = self.pending.as_ref()?;
        let picked = match (task.poll()?, purpose) {
            (Ended::Done(Some(paths)), Purpose::Versions) if !paths.is_empty() => {
                Picked::Versions(versions_in_order(paths))
            }
            (Ended::Done(Some(mut paths)), Purpose::Side(side)) if !paths.is_empty() => {
                Picked::File(*side, paths.swap_remove(0))
            }
            (Ended::Done(_), _) if opened.elapsed() < TOO_FAST => Picked::Unavailable,
            (Ended::Done(_), _) => Picked::Cancelled,
            // No thread, or a dialog that crashed: report it like one that could not open.
            (Ended::Failed(_), _) => Picked::Unavailable,
        };
        self.pending = None;
        Some(picked)
    }
}

/// The open dialog with the article filters.
fn file_dialog(title: &str) -> rfd::AsyncFileDialog {
    // Every extension the loader reads first, then a filter per kind (it decides by content;
    // the names only narrow the list).
    let dialog = rfd::AsyncFileDialog::new().set_title(title);
    crate::document::dialog_filters()
        .into_iter()
        .fold(dialog, |dialog, (name, extensions)| {
            dialog.add_filter(name, &extensions)
        })
        .add_filter("All files", &["*"])
}

/// Files picked or dropped together, in the order of versions: a dialog or a drop gives them in
/// no order the reader chose, so they are taken by name ("story-v2" before "story-v10", as a
/// file manager sorts them).
pub fn versions_in_order(mut paths: Vec<PathBuf>) -> Vec<PathBuf> {
    paths.sort_by(|a, b| natural_order(&a.to_string_lossy(), &b.to_string_lossy()));
    paths
}

/// Compares names with runs of digits taken as numbers.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let pieces = |s: &str| -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, piece)) if *d == digit => piece.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    };
    let key = |(digit, piece): &(bool, String)| {
        let trimmed = piece.trim_start_matches('0');
        if *digit {
            (trimmed.len(), trimmed.to_owned())
        } else {
            (0, piece.to_lowercase())
        }
    };
    let (a, b) = (pieces(a), pieces(b));
    for (x, y) in a.iter().zip(&b) {
        let order = x.0.cmp(&y.0).reverse().then_with(|| key(x).cmp(&key(y)));
        if order.is_ne() {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

/// What to tell the user when the dialog could not open.
pub const UNAVAILABLE: &str = "The file dialog could not open (this system has neither a desktop \
portal nor zenity). Drop a file on a pane to open it there, or two files on the window to \
compare them.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_taken_in_the_order_of_their_names_numbers_as_numbers() {
        let paths = [
            "story-v10.txt",
            "Story-v2.txt",
            "story-v1.txt",
            "story-v9.md",
        ]
        .map(PathBuf::from)
        .to_vec();
        let names: Vec<String> = versions_in_order(paths)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "story-v1.txt",
                "Story-v2.txt",
                "story-v9.md",
                "story-v10.txt"
            ]
        );
    }
}
