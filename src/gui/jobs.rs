//! Loading and comparing off the UI thread.
//!
//! A [`Job`] loads whichever sides need (re)loading, then compares, on its own thread. The
//! window polls it each frame, shows its progress and can cancel it; tests wait for it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use encoding_rs::Encoding;

use crate::compare::{Cancelled, CompareOptions, Comparer, Comparison, Side};
use crate::document::{Document, LoadError, LoadOptions};
use crate::sample;
use crate::summary::Facts;
use crate::text::Article;

use super::task::{Ended, Task};

/// Where one side's text comes from; kept so that Reload and Swap can read it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The bundled sample's old version.
    SampleOld,
    /// The bundled sample's new version.
    SampleNew,
    /// A file on disk.
    File(PathBuf),
    /// A text or HTML file read in an encoding the user chose instead of the detected one.
    FileAs(PathBuf, &'static Encoding),
    /// Text pasted from the clipboard.
    Pasted {
        /// The name shown in the header.
        name: String,
        /// The text itself.
        text: String,
    },
}

impl Source {
    /// The file behind the source, if any.
    pub fn path(&self) -> Option<&PathBuf> {
        match self {
            Self::File(path) | Self::FileAs(path, _) => Some(path),
            _ => None,
        }
    }

    /// Reads and segments the source.
    fn load(&self, options: &LoadOptions) -> Result<Article, LoadError> {
        let document = match self {
            Self::SampleOld => sample::old(),
            Self::SampleNew => sample::new(),
            Self::File(path) => return Article::load(path, options),
            Self::FileAs(path, encoding) => {
                Document::load_with_encoding(path, options, Some(encoding))?
            }
            Self::Pasted { name, text } => Document::from_text(name, text),
        };
        Ok(Article::from_document(document))
    }
}

/// One side's input to a job: read it, or reuse what is already read.
#[derive(Debug, Clone)]
pub enum Input {
    /// Read this source.
    Load(Source),
    /// Already read: compare as is.
    Ready(Arc<Article>),
    /// Nothing to compare on this side: none was opened yet, or it failed to load and had
    /// nothing before.
    Missing,
}

/// What a job was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The old side.
    pub old: Input,
    /// The new side.
    pub new: Input,
    /// The comparison options.
    pub options: CompareOptions,
    /// A side being read again because its file changed on disk, with what it held before:
    /// the job also counts the words that changed in it, for the notice.
    pub reread: Option<(Side, Arc<Article>)>,
}

/// One side as a job loaded it: where from, and the article or why it could not be read (kept
/// typed, so that the window can offer what fits: a larger size limit for a file too large).
pub type Loaded = (Source, Result<Arc<Article>, Arc<LoadError>>);

/// What a job produced.
#[derive(Debug)]
pub struct Outcome {
    /// The old side, if it was loaded by this job: the article with its source, or the message.
    pub old: Option<Loaded>,
    /// The new side, if it was loaded by this job.
    pub new: Option<Loaded>,
    /// The comparison, if both sides were available; `None` also when cancelled.
    pub comparison: Option<Comparison>,
    /// Whether the user cancelled the job.
    pub cancelled: bool,
    /// For a side read again ([`Request::reread`]): its name and the words inserted and
    /// deleted in it since it was last read.
    pub reread: Option<Reread>,
}

/// What changed in a file that was read again because it changed on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reread {
    /// The file's name.
    pub name: String,
    /// Words inserted in it since it was last read.
    pub inserted: usize,
    /// Words deleted from it.
    pub deleted: usize,
}

impl Reread {
    /// "b.txt changed on disk and was read again: +3 words, −1 word."
    pub fn notice(&self) -> String {
        let words = |n: usize| if n == 1 { "word" } else { "words" };
        if self.inserted == 0 && self.deleted == 0 {
            format!(
                "{} changed on disk and was read again: the same words.",
                self.name
            )
        } else {
            format!(
                "{} changed on disk and was read again: +{} {}, −{} {}.",
                self.name,
                self.inserted,
                words(self.inserted),
                self.deleted,
                words(self.deleted)
            )
        }
    }
}

/// A running background job.
pub struct Job {
    cancel: Arc<AtomicBool>,
    /// Share of the work done, as the bits of an `f32`.
    progress: Arc<AtomicU32>,
    stage: Arc<Mutex<&'static str>>,
    task: Task<Outcome>,
    started: Instant,
}

/// How long a job may run before the window shows its progress and Cancel button.
pub const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(150);

impl Job {
    /// Starts the job on its own thread; `wake` is called when it has news for the window.
    pub fn spawn(
        request: Request,
        load: LoadOptions,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let stage = Arc::new(Mutex::new("Loading"));
        // Progress wakes the window as the job goes, the task once more when it ends.
        let wake = Arc::new(wake);
        let at_end = Arc::clone(&wake);
        let (c, p, s) = (
            Arc::clone(&cancel),
            Arc::clone(&progress),
            Arc::clone(&stage),
        );
        let work = move || execute(request, &load, &c, &p, &s, &*wake);
        let task = Task::spawn("redline-compare", move || at_end(), work);
        Self {
            cancel,
            progress,
            stage,
            task,
            started: Instant::now(),
        }
    }

    /// The outcome, if the job has finished; never blocks.
    pub fn poll(&self) -> Option<Result<Outcome, String>> {
        self.task.poll().map(outcome)
    }

    /// Blocks until the job finishes or `timeout` passes (for tests and the screenshot mode).
    pub fn wait(&self, timeout: Duration) -> Option<Result<Outcome, String>> {
        self.task.wait(timeout).map(outcome)
    }

    /// Asks the job to stop soon.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether Cancel was pressed.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Share of the work done, 0.0 to 1.0.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// What the job is doing, e.g. "Comparing".
    pub fn stage(&self) -> &'static str {
        self.stage.lock().map(|s| *s).unwrap_or("Working")
    }

    /// How long the job has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // A job nobody waits for should stop using the CPU.
        self.cancel();
    }
}

/// A bug in loading or comparing costs this comparison, not the window.
fn outcome(ended: Ended<Outcome>) -> Result<Outcome, String> {
    match ended {
        Ended::Done(outcome) => Ok(outcome),
        Ended::Failed(why) => Err(format!(
            "the comparison failed with an internal error ({why}); the files are unchanged"
        )),
    }
}

fn execute(
    request: Request,
    load_options: &LoadOptions,
    cancel: &AtomicBool,
    progress: &AtomicU32,
    stage: &Mutex<&'static str>,
    wake: &(dyn Fn() + Send + Sync),
) -> Outcome {
    let set_stage = |name: &'static str| {
        if let Ok(mut s) = stage.lock() {
            *s = name;
        }
    };
    let read = |source: &Source| source.load(load_options).map(Arc::new).map_err(Arc::new);
    let loaded = |source: Source, article: Result<Arc<Article>, Arc<LoadError>>| {
        let ready = article.as_ref().ok().cloned();
        (Some((source, article)), ready)
    };
    let load = |input: Input| -> (Option<Loaded>, Option<Arc<Article>>) {
        match input {
            Input::Load(source) => {
                let article = read(&source);
                loaded(source, article)
            }
            Input::Ready(article) => (None, Some(article)),
            Input::Missing => (None, None),
        }
    };
    set_stage("Loading");
    let ((old_loaded, old), (new_loaded, new)) = match (request.old, request.new) {
        // Both sides to read: one per core, as `Article::load_pair` does for two files.
        (Input::Load(old), Input::Load(new)) => {
            let (old_article, new_article) = crate::parallel::join(|| read(&old), || read(&new));
            (loaded(old, old_article), loaded(new, new_article))
        }
        (old, new) => (load(old), load(new)),
    };
    let mut outcome = Outcome {
        old: old_loaded,
        new: new_loaded,
        comparison: None,
        cancelled: false,
        reread: None,
    };
    let (Some(old), Some(new)) = (old, new) else {
        return outcome;
    };
    if let Some((side, before)) = request.reread {
        let after = match side {
            Side::Old => &old,
            Side::New => &new,
        };
        let stats = crate::compare::compare(before, Arc::clone(after), &request.options).stats;
        outcome.reread = Some(Reread {
            name: after.source.name.clone(),
            inserted: stats.words_inserted,
            deleted: stats.words_deleted,
        });
    }
    set_stage("Comparing");
    let report = |done: f32| {
        progress.store(done.to_bits(), Ordering::Relaxed);
        wake();
    };
    match Comparer::new(request.options)
        .cancel_flag(cancel)
        .on_progress(&report)
        .run(old, new)
    {
        Ok(comparison) => outcome.comparison = Some(comparison),
        Err(_) => outcome.cancelled = true,
    }
    outcome
}

/// The fact-check facets of a comparison, worked out after it is on screen: on a long article
/// they take longer than the comparison itself, and the reader should not wait for them.
/// Dropping the job stops the check (a new comparison replaces it, or the reader stops it).
pub struct FactsJob {
    generation: u64,
    cancel: Arc<AtomicBool>,
    task: Task<Result<Facts, Cancelled>>,
}

impl FactsJob {
    /// Starts on its own thread; `generation` says which comparison the facts belong to.
    pub fn spawn(
        comparison: Arc<Comparison>,
        generation: u64,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let task = Task::spawn("redline-facts", wake, move || {
            Facts::of_until(&comparison, &flag)
        });
        Self {
            generation,
            cancel,
            task,
        }
    }

    /// Which comparison the facts are for.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The facts, once the check has ended (`Err` if it was stopped).
    pub fn poll(&self) -> Option<Ended<Result<Facts, Cancelled>>> {
        self.task.poll()
    }

    /// Blocks until the check ends or `timeout` passes.
    pub fn wait(&self, timeout: Duration) -> Option<Ended<Result<Facts, Cancelled>>> {
        self.task.wait(timeout)
    }
}

impl Drop for FactsJob {
    fn drop(&mut self) {
        // The thread sees it between paragraphs, ends, and its result is dropped unread.
        self.cancel.store(true, Ordering::Relaxed);
    }
}
