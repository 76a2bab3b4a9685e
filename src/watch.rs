//! Noticing that a loaded file changed or went away, so the window can reload it.
//!
//! A background thread looks at each file's size and modification time every `interval` and
//! reports a change once the file has stayed the same for `settle` (an editor saving in several
//! writes, or a sync client replacing the file, gives one reload, not five). Polling the file's
//! metadata needs no platform notification service and works the same on network drives.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

/// What happened to a watched file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileEvent<K> {
    /// The file's content changed and has settled: read it again.
    Changed(K),
    /// The file was deleted or renamed away; the last text read is all there is.
    Gone(K),
}

/// A file's size and modification time: how it looked when its text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The size in bytes.
    pub len: u64,
    /// When it was last modified, if the file system says.
    pub modified: Option<SystemTime>,
}

/// How a file looked the last time it was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Present(Stamp),
    Missing,
}

fn look(path: &PathBuf) -> Seen {
    match std::fs::metadata(path) {
        Ok(m) => Seen::Present(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
        }),
        Err(_) => Seen::Missing,
    }
}

/// Watches files on a background thread until dropped.
#[derive(Debug)]
pub struct Watcher<K> {
    events: Receiver<FileEvent<K>>,
    /// Dropped to stop the thread, which notices at once, not after its next sleep.
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl<K: Clone + Send + 'static> Watcher<K> {
    /// Starts watching `files`: a key to report, the path, and how the file looked when its
    /// text was read, so that a change made since (while it was being compared, say) is
    /// reported too. Without a stamp, the file as it is now is the starting point. `wake` is
    /// called after each event is sent, e.g. to make the window poll.
    pub fn new(
        files: Vec<(K, PathBuf, Option<Stamp>)>,
        interval: Duration,
        settle: Duration,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (sender, events) = channel();
        let (stop, stopped) = channel();
        // Look now, not on the thread: a change right after this call must count as a change.
        let first: Vec<Seen> = files
            .iter()
            .map(|(_, path, stamp)| stamp.map_or_else(|| look(path), Seen::Present))
            .collect();
        let files: Vec<(K, PathBuf)> = files.into_iter().map(|(k, p, _)| (k, p)).collect();
        let thread = std::thread::Builder::new()
            .name("redline-watch".into())
            .spawn(move || watch(files, first, interval, settle, &stopped, &sender, &wake))
            .ok();
        Self {
            events,
            stop: Some(stop),
            thread,
        }
    }

    /// The events since the last call.
    pub fn poll(&self) -> Vec<FileEvent<K>> {
        self.events.try_iter().collect()
    }
}

impl<K> Drop for Watcher<K> {
    fn drop(&mut self) {
        // Disconnects the thread's wait, which returns at once.
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn watch<K: Clone>(
    files: Vec<(K, PathBuf)>,
    first: Vec<Seen>,
    interval: Duration,
    settle: Duration,
    stop: &Receiver<()>,
    sender: &Sender<FileEvent<K>>,
    wake: &dyn Fn(),
) {
    // Per file: what was last reported, what was last seen, and since when it looks like that.
    let mut state: Vec<(Seen, Seen, Instant)> = first
        .into_iter()
        .map(|seen| (seen, seen, Instant::now()))
        .collect();
    // Waiting on the stop channel instead of sleeping: dropping the watcher ends it at once.
    while let Err(RecvTimeoutError::Timeout) = stop.recv_timeout(interval) {
        for ((key, path), (reported, last, since)) in files.iter().zip(&mut state) {
            let now = look(path);
            if now != *last {
                (*last, *since) = (now, Instant::now());
                continue;
            }
            if now == *reported || since.elapsed() < settle {
                continue;
            }
            *reported = now;
            let event = match now {
                Seen::Present(_) => FileEvent::Changed(key.clone()),
                Seen::Missing => FileEvent::Gone(key.clone()),
            };
            if sender.send(event).is_err() {
                return;
            }
            wake();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Waits (bounded) for the watcher to report something.
    fn next_event<K: Clone + Send + 'static>(w: &Watcher<K>) -> Option<FileEvent<K>> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(e) = w.poll().into_iter().next() {
                return Some(e);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn reports_a_settled_change_then_a_deletion() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "first").unwrap();
        let w = Watcher::new(
            vec![("old", path.clone(), None)],
            Duration::from_millis(5),
            Duration::from_millis(30),
            || {},
        );
        std::fs::write(&path, "second version, longer").unwrap();
        assert_eq!(next_event(&w), Some(FileEvent::Changed("old")));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(next_event(&w), Some(FileEvent::Gone("old")));
        std::fs::write(&path, "back again").unwrap();
        assert_eq!(next_event(&w), Some(FileEvent::Changed("old")));
    }

    #[test]
    fn an_untouched_file_gives_no_event() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "same").unwrap();
        let w = Watcher::new(
            vec![(1, path, None)],
            Duration::from_millis(2),
            Duration::from_millis(5),
            || {},
        );
        std::thread::sleep(Duration::from_millis(100));
        assert!(w.poll().is_empty());
    }

    #[test]
    fn a_change_made_after_reading_and_before_watching_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "as read").unwrap();
        let Seen::Present(read) = look(&path) else {
            panic!("the file is there")
        };
        // Saved while the window was still comparing what it had read.
        std::fs::write(&path, "saved meanwhile, and longer").unwrap();
        let w = Watcher::new(
            vec![("old", path, Some(read))],
            Duration::from_millis(5),
            Duration::from_millis(30),
            || {},
        );
        assert_eq!(next_event(&w), Some(FileEvent::Changed("old")));
    }

    #[test]
    fn dropping_a_watcher_does_not_wait_out_its_interval() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "same").unwrap();
        let w = Watcher::new(
            vec![(1, path, None)],
            Duration::from_secs(30),
            Duration::from_millis(5),
            || {},
        );
        let started = Instant::now();
        drop(w);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
}
