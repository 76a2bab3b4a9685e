//! Work that runs on a thread of its own while the window goes on drawing: the window polls it
//! each frame, tests wait for it.
//!
//! Loading and comparing have their own [`super::jobs::Job`], which adds progress and cancelling.

use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

/// What became of a task's work.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended<T> {
    /// It finished with this result.
    Done(T),
    /// It panicked (with this message), or its thread could not start.
    Failed(String),
}

/// A piece of work running on its own thread.
#[derive(Debug)]
pub struct Task<T> {
    result: Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a thread called `name`; `wake` is called when it ends, however it ends,
    /// so the window can draw the result.
    pub fn spawn(
        name: &str,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let (sender, result) = channel();
        // If the thread cannot start, `work` and the sender are dropped with the closure, and
        // the task reads as failed.
        let _ = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // A bug in the work costs this task, not the window.
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|panic| {
                        panic
                            .downcast_ref::<&str>()
                            .map(|s| (*s).to_owned())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown error".to_owned())
                    });
                // Nobody may be waiting any more (the window moved on): that is fine.
                let _ = sender.send(outcome);
                wake();
            });
        Self { result }
    }

    /// How the work ended, or `None` while it runs. The result is handed over once: drop the
    /// task after the first `Some` (a later poll would read as failed).
    pub fn poll(&self) -> Option<Ended<T>> {
        match self.result.try_recv() {
            Ok(outcome) => Some(ended(outcome)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(never_ran()),
        }
    }

    /// Waits up to `timeout` for the work to end; `None` if it is still running.
    pub fn wait(&self, timeout: Duration) -> Option<Ended<T>> {
        match self.result.recv_timeout(timeout) {
            Ok(outcome) => Some(ended(outcome)),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(never_ran()),
        }
    }
}

fn ended<T>(outcome: Result<T, String>) -> Ended<T> {
    match outcome {
        Ok(value) => Ended::Done(value),
        Err(why) => Ended::Failed(why),
    }
}

fn never_ran<T>() -> Ended<T> {
    Ended::Failed("no thread could be started for it".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    const LONG: Duration = Duration::from_secs(10);

    #[test]
    fn a_result_arrives_and_wakes_the_window() {
        let woken = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&woken);
        let task = Task::spawn("test", move || flag.store(true, Ordering::SeqCst), || 6 * 7);
        assert_eq!(task.wait(LONG), Some(Ended::Done(42)));
        // The wake-up comes after the send; give it the moment it needs.
        let started = std::time::Instant::now();
        while !woken.load(Ordering::SeqCst) && started.elapsed() < LONG {
            std::thread::yield_now();
        }
        assert!(woken.load(Ordering::SeqCst));
    }

    #[test]
    fn a_panic_is_a_failure_not_a_hang() {
        let task: Task<u8> = Task::spawn("test", || {}, || panic!("on purpose"));
        assert_eq!(
            task.wait(LONG),
            Some(Ended::Failed("on purpose".to_owned()))
        );
    }

    #[test]
    fn polling_a_running_task_says_nothing_yet() {
        let (go, wait) = channel::<()>();
        let task = Task::spawn("test", || {}, move || wait.recv().is_ok());
        assert_eq!(task.poll(), None);
        assert_eq!(task.wait(Duration::from_millis(10)), None);
        go.send(()).ok();
        assert_eq!(task.wait(LONG), Some(Ended::Done(true)));
    }
}
