//! The window's review of the comparison shown: read from the store off the UI thread (the
//! pair's key hashes both texts), changed by the reader, and saved back on a thread of its own
//! as it changes, so a mark is on disk moments after it is made and the window never waits.

use std::collections::HashMap;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::task::{Ended, Task};
use crate::compare::Comparison;
use crate::review::{PairReview, Review, Store, change_keys, pair_key};

/// What loading a review gives.
struct Loaded {
    review: Review,
    /// Why the stored review could not be read.
    failed: Option<String>,
    /// Whether the marks were carried over from the comparison shown before (nothing was stored
    /// for this pair): they are saved for it at once.
    carried: bool,
}

/// The review of the comparison shown, and the work of reading and keeping it.
pub struct Reviewing {
    store: Option<Store>,
    /// The review and the comparison generation it belongs to.
    shown: Option<(u64, Review)>,
    loading: Option<(u64, Task<Loaded>)>,
    saver: Option<Saver>,
    /// The stored review of the pair shown could not be read: marks made now stay in the
    /// window, so as not to write over it.
    read_only: bool,
    /// The latest marks of each pair this window changed, as handed to the saver: a comparison
    /// of the same pair read again (another option, F5) starts from these, not from a file the
    /// saver may not have written yet.
    latest: Arc<Mutex<HashMap<String, PairReview>>>,
}

impl Reviewing {
    /// Reviews kept in `store`; `None` keeps them in the window only (tests, screenshots).
    pub fn new(store: Option<Store>) -> Self {
        Self {
            store,
            shown: None,
            loading: None,
            saver: None,
            read_only: false,
            latest: Arc::default(),
        }
    }

    /// Starts reading the review of a comparison just shown.
    pub fn start(
        &mut self,
        comparison: Arc<Comparison>,
        generation: u64,
        wake: impl Fn() + Send + 'static,
    ) {
        let store = self.store.clone();
        let latest = Arc::clone(&self.latest);
        // The marks shown so far, for a pair that has none yet: a file edited and read again is
        // a new pair of texts, and its unchanged changes keep their marks.
        let before = self
            .shown
            .as_ref()
            .map(|(_, review)| review.stored().clone())
            .filter(|stored| !stored.marks.is_empty());
        let task = Task::spawn("redline-review", wake, move || {
            let pair = pair_key(&comparison.old, &comparison.new);
            let cached = latest.lock().ok().and_then(|m| m.get(&pair).cloned());
            let (mut stored, failed) = match (cached, store.map(|s| s.load(&pair))) {
                (Some(cached), _) => (cached, None),
                (None, Some(Err(e))) => (PairReview::default(), Some(e.to_string())),
                (None, Some(Ok(stored))) => (stored, None),
                (None, None) => (PairReview::default(), None),
            };
            let keys = change_keys(&comparison);
            let mut carried = false;
            if let Some(before) = before.filter(|_| stored.marks.is_empty() && failed.is_none()) {
                for key in &keys {
                    if let Some(mark) = before.marks.get(key) {
                        stored.marks.insert(key.clone(), mark.clone());
                        carried = true;
                    }
                }
            }
            Loaded {
                review: Review::with_keys(pair, keys, &comparison, stored),
                failed,
                carried,
            }
        });
        self.loading = Some((generation, task));
    }

    /// Takes in a review that finished loading; returns a message for the reader when the
    /// stored one could not be read, or an earlier save failed.
    pub fn poll(&mut self) -> Option<String> {
        let loaded = self.loading.as_ref().and_then(|(_, task)| task.poll());
        let mut message = loaded.and_then(|ended| self.take(ended));
        if let Some(failed) = self.saver.as_ref().and_then(Saver::take_error) {
            message = Some(failed);
        }
        message
    }

    /// Blocks until the review is read or `timeout` passes (tests); returns whether it was.
    pub fn wait(&mut self, timeout: Duration) -> (bool, Option<String>) {
        let Some((_, task)) = &self.loading else {
            return (true, None);
        };
        match task.wait(timeout) {
            Some(ended) => (true, self.take(ended)),
            None => (false, None),
        }
    }

    fn take(&mut self, ended: Ended<Loaded>) -> Option<String> {
        let (generation, _) = self.loading.take()?;
        match ended {
            Ended::Done(Loaded {
                review,
                failed,
                carried,
            }) => {
                self.read_only = failed.is_some();
                self.shown = Some((generation, review));
                if carried {
                    self.save_shown();
                }
                failed.map(|why| format!("{why}. Marks made now are not saved."))
            }
            Ended::Failed(why) => Some(format!(
                "The review of this pair could not be read ({why}); marks made now are not saved."
            )),
        }
    }

    /// Whether the review is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The review of the comparison of `generation`, once read.
    pub fn review(&self, generation: u64) -> Option<&Review> {
        match &self.shown {
            Some((g, review)) if *g == generation => Some(review),
            _ => None,
        }
    }

    /// Changes the review of the comparison of `generation` with `change`, which returns
    /// whether anything changed; a changed review is saved.
    pub fn update(&mut self, generation: u64, change: impl FnOnce(&mut Review) -> bool) {
        let Some((g, review)) = &mut self.shown else {
            return;
        };
        if *g != generation || !change(review) {
            return;
        }
        self.save_shown();
    }

    /// Hands the shown review to the saver (unless its stored file could not be read).
    fn save_shown(&mut self) {
        let Some((_, review)) = &self.shown else {
            return;
        };
        if self.read_only {
            return;
        }
        let (pair, stored) = (review.pair().to_owned(), review.stored().clone());
        if let Ok(mut latest) = self.latest.lock() {
            latest.insert(pair.clone(), stored.clone());
        }
        let Some(store) = &self.store else {
            return;
        };
        let saver = self
            .saver
            .get_or_insert_with(|| Saver::spawn(store.clone()));
        saver.save(pair, stored);
    }
}

/// Writes reviews on a thread of its own, the latest of each pair only: a note typed letter by
/// letter is written as often as the disk keeps up, never in the wrong order.
struct Saver {
    queue: Option<Sender<(String, PairReview)>>,
    thread: Option<JoinHandle<()>>,
    error: Arc<Mutex<Option<String>>>,
}

impl Saver {
    fn spawn(store: Store) -> Self {
        let (queue, jobs) = mpsc::channel::<(String, PairReview)>();
        let error = Arc::new(Mutex::new(None));
        let report = Arc::clone(&error);
        let thread = std::thread::Builder::new()
            .name("redline-review-saver".to_owned())
            .spawn(move || {
                while let Ok((pair, review)) = jobs.recv() {
                    let mut latest = HashMap::from([(pair, review)]);
                    latest.extend(jobs.try_iter());
                    for (pair, review) in latest {
                        if let Err(e) = store.save(&pair, &review)
                            && let Ok(mut slot) = report.lock()
                        {
                            *slot = Some(format!("The review could not be saved: {e}"));
                        }
                    }
                }
            })
            .ok();
        Self {
            queue: Some(queue),
            thread,
            error,
        }
    }

    fn save(&self, pair: String, review: PairReview) {
        let sent = self.queue.as_ref().map(|q| q.send((pair, review)));
        if !matches!(sent, Some(Ok(())))
            && let Ok(mut slot) = self.error.lock()
        {
            *slot = Some("The review could not be saved: its writer stopped.".to_owned());
        }
    }

    fn take_error(&self) -> Option<String> {
        self.error.lock().ok()?.take()
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // The window is closing: the last marks are written before the process ends.
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
