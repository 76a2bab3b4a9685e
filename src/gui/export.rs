//! Exporting the change summary from the window: the save dialog and the writing run off the UI
//! thread, the file is written atomically and never over either input, and the outcome comes
//! back as a message for the notice bar.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use crate::compare::{Comparison, Side};
use crate::export::{Format, default_file_name, write_atomically};
use crate::review::Review;
use crate::summary::{ChangeSummary, Facts};

use super::dialogs::TOO_FAST;
use super::task::{Ended, Task};

/// What finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// The summary was written to this file.
    Saved(PathBuf),
    /// The save dialog could not open, so the summary was written here, next to the new
    /// version (or in the home folder).
    SavedWithoutDialog(PathBuf),
    /// The Markdown summary, ready for the clipboard.
    Copied(String),
    /// The user closed the save dialog without choosing.
    Cancelled,
}

/// What an export summarises: the comparison shown, and its facets if the window has already
/// worked them out (so they are not extracted a second time).
#[derive(Debug, Clone)]
pub struct Subject {
    /// The comparison shown.
    pub comparison: Arc<Comparison>,
    /// Its fact-check facets, once known.
    pub facts: Option<Arc<Facts>>,
    /// The reader's review of its changes, once read.
    pub review: Option<Review>,
}

impl Subject {
    fn summary(&self) -> ChangeSummary<'_> {
        let summary = match &self.facts {
            Some(facts) => {
                ChangeSummary::with_facts(&self.comparison, Facts::clone(facts), SystemTime::now())
            }
            None => ChangeSummary::new(&self.comparison),
        };
        match &self.review {
            Some(review) => summary.with_review(review.clone()),
            None => summary,
        }
    }
}

/// A running export.
#[derive(Debug)]
pub struct ExportJob {
    task: Task<Result<Exported, String>>,
}

impl ExportJob {
    /// Asks where to save (native dialog, on a worker), then renders and writes the summary in
    /// the format the chosen extension names (Markdown when it names none).
    pub fn save(subject: Subject, wake: impl Fn() + Send + 'static) -> Self {
        let summary_name = default_file_name(
            &subject.comparison.old.source.name,
            &subject.comparison.new.source.name,
            Format::Markdown,
        );
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title("Export the change summary")
            .set_file_name(summary_name);
        for (name, format) in [
            ("Markdown", Format::Markdown),
            ("HTML page", Format::Html),
            ("JSON", Format::Json),
            ("Plain text", Format::Text),
            ("Word redline (tracked changes)", Format::Docx),
        ] {
            dialog = dialog.add_filter(name, &[format.extension()]);
        }
        // The dialog is created here, on the UI thread (macOS insists), and awaited elsewhere.
        let picked = dialog.save_file();
        let opened = Instant::now();
        Self::spawn(wake, move || {
            let Some(file) = pollster::block_on(picked) else {
                // Closed sooner than anyone picks "Cancel": it never opened (no desktop portal
                // and no zenity). Saying nothing would leave the reader with no summary and no
                // idea why.
                if opened.elapsed() < TOO_FAST {
                    let path = fallback_path(&subject);
                    write(&subject, &path)?;
                    return Ok(Exported::SavedWithoutDialog(path));
                }
                return Ok(Exported::Cancelled);
            };
            let path = file.path().to_path_buf();
            write(&subject, &path)?;
            Ok(Exported::Saved(path))
        })
    }

    /// Renders and writes the summary to `path` (no dialog): for drops, scripts and tests.
    pub fn save_to(subject: Subject, path: PathBuf, wake: impl Fn() + Send + 'static) -> Self {
        Self::spawn(wake, move || {
            write(&subject, &path)?;
            Ok(Exported::Saved(path))
        })
    }

    /// Renders the Markdown summary for the clipboard.
    pub fn copy(subject: Subject, wake: impl Fn() + Send + 'static) -> Self {
        Self::spawn(wake, move || {
            Ok(Exported::Copied(crate::export::markdown(
                &subject.summary(),
            )))
        })
    }

    fn spawn(
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce() -> Result<Exported, String> + Send + 'static,
    ) -> Self {
        Self {
            task: Task::spawn("redline-export", wake, work),
        }
    }

    /// The outcome, once the export has finished.
    pub fn poll(&self) -> Option<Result<Exported, String>> {
        self.task.poll().map(outcome)
    }

    /// Waits for the outcome (tests).
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Result<Exported, String>> {
        self.task.wait(timeout).map(outcome)
    }
}

/// An export that panicked (or never started) is reported, never silently dropped.
fn outcome(ended: Ended<Result<Exported, String>>) -> Result<Exported, String> {
    match ended {
        Ended::Done(outcome) => outcome,
        Ended::Failed(why) => Err(format!(
            "the export failed with an internal error ({why}); nothing was written"
        )),
    }
}

/// Where the summary goes when no dialog can ask: the new version's folder (or the old one's,
/// or the home folder, or the current one), under the name the dialog would have suggested,
/// numbered "(2)", "(3)"… rather than replacing a file already there.
fn fallback_path(subject: &Subject) -> PathBuf {
    let comparison = &subject.comparison;
    let name = default_file_name(
        &comparison.old.source.name,
        &comparison.new.source.name,
        Format::Markdown,
    );
    let folder = [Side::New, Side::Old]
        .iter()
        .filter_map(|&side| comparison.article(side).source.path.as_deref())
        .filter_map(|path| path.parent())
        .find(|folder| folder.is_dir())
        .map(std::path::Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(PathBuf::from)
        })
        .unwrap_or_default();
    let stem = name.trim_end_matches(".md");
    (1..)
        .map(|n| match n {
            1 => folder.join(&name),
            n => folder.join(format!("{stem} ({n}).md")),
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| folder.join(name))
}

/// Renders the summary in the format of the file's extension and writes it atomically.
fn write(subject: &Subject, path: &std::path::Path) -> Result<(), String> {
    let format = Format::from_extension(path).unwrap_or_default();
    let bytes = format
        .render(&subject.summary())
        .map_err(|e| e.to_string())?;
    let inputs: Vec<&std::path::Path> = [Side::Old, Side::New]
        .iter()
        .filter_map(|&side| subject.comparison.article(side).source.path.as_deref())
        .collect();
    write_atomically(path, &bytes, &inputs).map_err(|e| e.to_string())
}

/// The notice for a finished export.
pub fn notice(outcome: &Result<Exported, String>) -> Option<String> {
    match outcome {
        Ok(Exported::Saved(path)) => Some(format!("Summary saved to {}", path.display())),
        Ok(Exported::SavedWithoutDialog(path)) => Some(format!(
            "The save dialog could not open (this system has neither a desktop portal nor \
             zenity), so the summary was saved to {}. File > Copy summary puts it on the \
             clipboard instead.",
            path.display()
        )),
        Ok(Exported::Copied(_)) => Some("Summary copied to the clipboard as Markdown".to_owned()),
        Ok(Exported::Cancelled) => None,
        Err(message) => Some(format!("Could not export the summary: {message}")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::document::LoadOptions;
    use crate::text::Article;

    fn subject(old: &std::path::Path, new: &std::path::Path) -> Subject {
        let load = |path| {
            Article::load(path, &LoadOptions::default())
                .unwrap()
                .shared()
        };
        Subject {
            comparison: Arc::new(compare(load(old), load(new), &CompareOptions::default())),
            facts: None,
            review: None,
        }
    }

    #[test]
    fn without_a_dialog_the_summary_goes_next_to_the_new_version_and_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("draft.txt"), dir.path().join("final.txt"));
        std::fs::write(&old, "The mayor said no.").unwrap();
        std::fs::write(&new, "The mayor said yes.").unwrap();
        let subject = subject(&old, &new);
        let first = fallback_path(&subject);
        assert_eq!(first, dir.path().join("draft vs final.md"));
        write(&subject, &first).unwrap();
        let summary = std::fs::read_to_string(&first).unwrap();
        assert!(summary.contains("yes"), "{summary}");
        // A second export keeps the first.
        let second = fallback_path(&subject);
        assert_eq!(second, dir.path().join("draft vs final (2).md"));
        let message = notice(&Ok(Exported::SavedWithoutDialog(second.clone()))).unwrap();
        assert!(message.contains("could not open"), "{message}");
        assert!(message.contains(&second.display().to_string()), "{message}");
        assert!(message.contains("Copy summary"), "{message}");
    }
}
