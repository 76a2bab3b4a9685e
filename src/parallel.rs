//! Spreading independent pieces of work over every core, in order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// How many threads to spread work over: the cores this process may use, at most eight.
///
/// Asked once: on Linux the standard library reads the cgroup quota files each time, and a long
/// comparison spreads work about ninety times (some 1,800 system calls on a 10 MB pair).
pub(crate) fn workers() -> usize {
    static WORKERS: OnceLock<usize> = OnceLock::new();
    *WORKERS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// Applies `f` to every item on all cores and returns the results in the items' order.
///
/// Workers take small batches from a shared counter, so a few costly items (a long paragraph)
/// do not leave one core idle while another works through them. With one core, or only a few
/// items, it runs on the calling thread.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    // Starting a thread costs about as much as a few dozen of the items this is used for (a
    // paragraph's facts, a change's texts): short lists, as in most articles, stay on this one.
    map_from(64, items, f)
}

/// [`map`] for a few large items (batches of thousands of paragraphs), each worth a thread of
/// its own: they are spread over the cores however few they are.
pub(crate) fn map_large<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_from(2, items, f)
}

/// [`map`], on the calling thread alone for fewer than `min_items` items.
fn map_from<T: Sync, R: Send>(min_items: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = workers();
    if workers == 1 || items.len() < min_items {
        return items.iter().map(f).collect();
    }
    let batch = (items.len() / (workers * 16)).max(1);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Vec<R>)>> = Mutex::new(Vec::new());
    let work = || {
        loop {
            let start = next.fetch_add(batch, Ordering::Relaxed);
            if start >= items.len() {
                return;
            }
            let results: Vec<R> = items[start..(start + batch).min(items.len())]
                .iter()
                .map(&f)
                .collect();
            // A poisoned lock means another worker panicked; the scope re-raises that panic.
            if let Ok(mut done) = done.lock() {
                done.push((start, results));
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..workers {
            s.spawn(work);
        }
        work();
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_unstable_by_key(|(start, _)| *start);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// Runs `a` on a second thread and `b` on this one, and returns both results. Should `a`'s
/// thread fail, `a` runs again here, where its panic surfaces as usual.
pub(crate) fn join<A: Send, B>(a: impl Fn() -> A + Sync, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let helper = s.spawn(&a);
        let b = b();
        (helper.join().unwrap_or_else(|_| a()), b)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..10_000).collect();
        let squares = super::map(&items, |i| i * i);
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert!(super::map(&[] as &[usize], |i| *i).is_empty());
        let few: Vec<usize> = (0..5).collect();
        assert_eq!(super::map_large(&few, |i| i + 1), vec![1, 2, 3, 4, 5]);
    }
}
