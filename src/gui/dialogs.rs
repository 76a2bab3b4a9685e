//! The native file dialog, run off the UI thread so the window keeps drawing while it is open.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::compare::Side;

use super::task::{Ended, Task};

/// A dialog that returns nothing sooner than this most likely never opened (no desktop portal
/// and no zenity): nobody picks "Cancel" that fast.
pub(super) const TOO_FAST: Duration = Duration::from_millis(400);

/// Every extension the loader reads (it decides by content; the names only narrow the list).
const ARTICLES: [&str; 12] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "mht", "mhtml", "docx", "odt", "fodt",
];

/// What became of a dialog.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose a file for this side.
    File(Side, PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The dialog could not be shown.
    Unavailable,
}

/// The open dialog, if any.
#[derive(Debug, Default)]
pub struct Dialogs {
    pending: Option<(Side, Instant, Task<Option<PathBuf>>)>,
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
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("Articles", &ARTICLES)
            .add_filter("Text and Markdown", &["txt", "text", "md", "markdown"])
            .add_filter("Web pages", &["html", "htm", "xhtml", "mht", "mhtml"])
            .add_filter("Word and OpenDocument", &["docx", "odt", "fodt"])
            .add_filter("All files", &["*"])
            .pick_file();
        let task = Task::spawn("redline-file-dialog", wake, move || {
            pollster::block_on(dialog).map(|f| f.path().to_path_buf())
        });
        self.pending = Some((side, Instant::now(), task));
    }

    /// What the dialog returned, once it has closed.
    pub fn poll(&mut self) -> Option<Picked> {
        let (side, opened, task) = self.pending.as_ref()?;
        let picked = match task.poll()? {
            Ended::Done(Some(path)) => Picked::File(*side, path),
            Ended::Done(None) if opened.elapsed() < TOO_FAST => Picked::Unavailable,
            Ended::Done(None) => Picked::Cancelled,
            // No thread, or a dialog that crashed: report it like one that could not open.
            Ended::Failed(_) => Picked::Unavailable,
        };
        self.pending = None;
        Some(picked)
    }
}

/// What to tell the user when the dialog could not open.
pub const UNAVAILABLE: &str = "The file dialog could not open (this system has neither a desktop \
portal nor zenity). Drop a file on a pane to open it there, or two files on the window to \
compare them.";
