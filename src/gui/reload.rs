//! Following the files on disk: a side whose file changes is read again, and a side whose file
//! goes away says so in its header (see [`crate::watch`]).

use std::path::PathBuf;
use std::time::Duration;

use crate::compare::Side;
use crate::watch::{FileEvent, Watcher};

/// How often the files are looked at.
const INTERVAL: Duration = Duration::from_millis(500);
/// How long a file must stay the same after a change before it is read again.
const SETTLE: Duration = Duration::from_millis(300);

/// Watches the files of both sides while they stay the same files.
#[derive(Debug, Default)]
pub struct AutoReload {
    paths: [Option<PathBuf>; 2],
    watcher: Option<Watcher<Side>>,
}

impl AutoReload {
    /// Watches these files (old, new); restarts only if they differ from the ones watched.
    pub fn follow(&mut self, paths: [Option<PathBuf>; 2], wake: impl Fn() + Send + 'static) {
        if paths == self.paths {
            return;
        }
        self.paths = paths.clone();
        if let Some(old) = self.watcher.take() {
            // Dropping a watcher waits for its thread to wake up: not on the UI thread.
            let _ = std::thread::Builder::new()
                .name("redline-watch-stop".into())
                .spawn(move || drop(old));
        }
        let files: Vec<(Side, PathBuf)> = [Side::Old, Side::New]
            .into_iter()
            .zip(paths)
            .filter_map(|(side, path)| Some((side, path?)))
            .collect();
        if !files.is_empty() {
            self.watcher = Some(Watcher::new(files, INTERVAL, SETTLE, wake));
        }
    }

    /// What happened to the files since the last call.
    pub fn poll(&self) -> Vec<FileEvent<Side>> {
        self.watcher.as_ref().map(Watcher::poll).unwrap_or_default()
    }
}
