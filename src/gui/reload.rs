//! Following the files on disk: a side whose file changes is read again, and a side whose file
//! goes away says so in its header (see [`crate::watch`]).

use std::path::PathBuf;
use std::time::Duration;

use crate::compare::Side;
use crate::watch::{FileEvent, Stamp, Watcher};

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
    /// Watches these files (old, new), each with how it looked when it was read; restarts only
    /// if they differ from the ones watched.
    pub fn follow(
        &mut self,
        files: [Option<(PathBuf, Option<Stamp>)>; 2],
        wake: impl Fn() + Send + 'static,
    ) {
        let paths = files.clone().map(|f| f.map(|(path, _)| path));
        if paths == self.paths {
            return;
        }
        self.paths = paths;
        // The old watcher's thread stops at once when dropped.
        self.watcher = None;
        let files: Vec<(Side, PathBuf, Option<Stamp>)> = [Side::Old, Side::New]
            .into_iter()
            .zip(files)
            .filter_map(|(side, file)| file.map(|(path, stamp)| (side, path, stamp)))
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
