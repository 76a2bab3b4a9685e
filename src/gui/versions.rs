//! Many versions of one article in the window: the files opened together, their timeline (read
//! off the UI thread) and the pair of versions the panes show.
//!
//! A version is not a pane: the panes show a pair of versions, the two neighbours by default or
//! any two picked, and the reader steps through the versions (Alt+Left/Right) without reading a
//! file again.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::task::{Ended, Task};
use crate::compare::{Cancelled, CompareOptions, Comparison, Side};
use crate::document::LoadOptions;
use crate::timeline::{SentenceHistory, Step, Timeline, Version, sentence_ranges};

/// The versions opened together and the pair shown.
#[derive(Debug, Clone)]
pub struct Versions {
    /// The files, oldest first, as opened.
    pub paths: Vec<PathBuf>,
    /// Their timeline, once read and compared.
    pub timeline: Option<Arc<Timeline>>,
    /// The versions the panes show (old, new), by index.
    pub pair: Option<(usize, usize)>,
}

impl Versions {
    /// Files being opened as versions; nothing is read yet.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self {
            paths,
            timeline: None,
            pair: None,
        }
    }

    /// The versions that could be read, by index.
    fn readable(&self) -> Vec<usize> {
        self.timeline
            .as_ref()
            .map_or_else(Vec::new, |t| t.readable())
    }

    /// The pair shown first: the last two readable versions (the latest change).
    pub fn default_pair(&self) -> Option<(usize, usize)> {
        match self.readable().as_slice() {
            [.., old, new] => Some((*old, *new)),
            _ => None,
        }
    }

    /// The step that ends at version `new`: the readable version before it and `new`; for the
    /// first readable version, it and the one after it.
    pub fn pair_ending_at(&self, new: usize) -> Option<(usize, usize)> {
        let readable = self.readable();
        let at = readable.iter().position(|&v| v == new)?;
        match at {
            0 => Some((new, *readable.get(1)?)),
            _ => Some((readable[at - 1], new)),
        }
    }

    /// The neighbouring step before or after the pair shown (Alt+Left/Right), stepping from the
    /// pair's new version; `None` at either end.
    pub fn stepped(&self, forward: bool) -> Option<(usize, usize)> {
        let readable = self.readable();
        // From the later of the two (after Swap, the pair runs newest first).
        let (a, b) = self.pair?;
        let new = a.max(b);
        let at = readable.iter().position(|&v| v == new)?;
        let to = if forward {
            at + 1
        } else {
            at.checked_sub(1).filter(|&to| to > 0)?
        };
        Some((readable[to - 1], *readable.get(to)?))
    }

    /// The pair with `version` as one of its two ends, kept in order: picked as the old version
    /// (`as_old`) with the new one kept, or as the new one with the old kept. Picking the other
    /// end's version gives nothing: a version compared with itself says nothing.
    pub fn picked(&self, version: usize, as_old: bool) -> Option<(usize, usize)> {
        let (old, new) = self.pair?;
        let other = if as_old { new } else { old };
        if other == version || !self.readable().contains(&version) {
            return None;
        }
        Some((version.min(other), version.max(other)))
    }

    /// The versions a comparison shows (old, new), found by its articles, which are the
    /// timeline's own: while the comparison of a newly picked pair runs, the panes still show
    /// the one before, and its sentences must be looked up in its own versions.
    pub fn shown_in(&self, comparison: &Comparison) -> Option<[usize; 2]> {
        let timeline = self.timeline.as_ref()?;
        let find = |side: Side| {
            let article = comparison.article(side);
            timeline.versions.iter().position(|v| {
                v.article
                    .as_ref()
                    .is_ok_and(|a| std::ptr::eq(a.as_ref(), article))
            })
        };
        Some([find(Side::Old)?, find(Side::New)?])
    }

    /// The step of the timeline that ends at version `new`, for its words and flags.
    pub fn step_into(&self, new: usize) -> Option<&Step> {
        self.timeline.as_ref()?.step_into(new)
    }

    /// A version's short name in the strip and in histories: "v3".
    pub fn short_name(version: usize) -> String {
        crate::timeline::version_name(version)
    }

    /// A sentence's history as the window's tooltip gives it: "First in v2 · reworded in v4 ·
    /// removed in v5 · restored in v6."
    pub fn describe(history: &SentenceHistory) -> String {
        let text = history.describe("reworded in", " · ");
        // "first in …" begins the sentence.
        format!("F{}.", text.get(1..).unwrap_or_default())
    }
}

/// What the panes need to shade each sentence by the version that introduced it: the timeline
/// and the versions the two panes show.
#[derive(Debug, Clone)]
pub struct Ages {
    timeline: Arc<Timeline>,
    /// The old and the new pane's versions.
    shown: [usize; 2],
}

impl Ages {
    /// The ages of the sentences of the two versions a comparison shows, if they are open
    /// versions.
    pub fn of(versions: &Versions, comparison: &Comparison) -> Option<Self> {
        Some(Self {
            shown: versions.shown_in(comparison)?,
            timeline: Arc::clone(versions.timeline.as_ref()?),
        })
    }

    /// The sentences of one pane of a row, as byte ranges into its text (its paragraphs joined
    /// as [`Comparison::text`] joins them), each with its age: 0 for a sentence of the first
    /// readable version, 1 for one the newest version brought, the rest in between by the
    /// versions' order.
    pub fn ranges(
        &self,
        comparison: &Comparison,
        row: usize,
        side: Side,
    ) -> Vec<(std::ops::Range<usize>, f32)> {
        let version = match side {
            Side::Old => self.shown[0],
            Side::New => self.shown[1],
        };
        let readable = self.timeline.readable();
        let newest = readable.len().saturating_sub(1).max(1) as f32;
        let age = |first: usize| readable.partition_point(|&v| v < first) as f32 / newest;
        let (Some(Some(placement)), Some(row)) = (
            self.timeline.placements.get(version),
            comparison.rows.get(row),
        ) else {
            return Vec::new();
        };
        let paragraphs = &comparison.article(side).paragraphs;
        let mut out = Vec::new();
        let mut start = 0;
        for p in row.paragraphs(side) {
            let Some(paragraph) = paragraphs.get(p) else {
                break;
            };
            for (range, &id) in sentence_ranges(&paragraph.text).zip(placement.sentences(p)) {
                if let Some(history) = self.timeline.sentences.get(id as usize) {
                    let shifted = start + range.start..start + range.end;
                    out.push((shifted, age(history.first_version)));
                }
            }
            start += paragraph.text.len() + crate::compare::PARAGRAPH_SEPARATOR.len();
        }
        out
    }
}

/// Reading the versions and working out their timeline, on a thread of its own. Dropping the
/// job (the versions read again, or left) stops it between steps.
pub struct TimelineJob {
    cancel: Arc<AtomicBool>,
    task: Task<Result<Timeline, Cancelled>>,
}

impl TimelineJob {
    /// Starts reading `paths` (on every core) and comparing them; `wake` is called at the end.
    pub fn spawn(
        paths: Vec<PathBuf>,
        options: CompareOptions,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        Self::run(
            wake,
            move || {
                let load = LoadOptions::default();
                crate::parallel::map_large(&paths, |path| Version::read(path, &load))
            },
            options,
        )
    }

    /// Compares versions already read again, with other options (nothing is read from disk).
    pub fn recompare(
        versions: Vec<Version>,
        options: CompareOptions,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        Self::run(wake, move || versions, options)
    }

    fn run(
        wake: impl Fn() + Send + 'static,
        versions: impl FnOnce() -> Vec<Version> + Send + 'static,
        options: CompareOptions,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let task = Task::spawn("redline-timeline", wake, move || {
            Timeline::new_until(versions(), &options, &flag)
        });
        Self { cancel, task }
    }

    /// The timeline, once made (`Err` if it was stopped); never blocks.
    pub fn poll(&self) -> Option<Ended<Result<Timeline, Cancelled>>> {
        self.task.poll()
    }

    /// Blocks until the timeline is made or `timeout` passes.
    pub fn wait(&self, timeout: Duration) -> Option<Ended<Result<Timeline, Cancelled>>> {
        self.task.wait(timeout)
    }
}

impl Drop for TimelineJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::Article;

    fn versions(readable: &[bool]) -> Versions {
        let list = readable
            .iter()
            .enumerate()
            .map(|(i, &ok)| Version {
                label: format!("v{i}"),
                time: None,
                article: if ok {
                    Ok(Arc::new(Article::from_text("v", &format!("Version {i}."))))
                } else {
                    Err("unreadable".to_owned())
                },
            })
            .collect();
        let mut v = Versions::new(Vec::new());
        v.timeline = Some(Arc::new(Timeline::new(list, &CompareOptions::default())));
        v.pair = v.default_pair();
        v
    }

    #[test]
    fn stepping_goes_over_unreadable_versions_and_stops_at_the_ends() {
        let mut v = versions(&[true, false, true, true]);
        assert_eq!(v.pair, Some((2, 3)));
        assert_eq!(v.stepped(true), None);
        v.pair = v.stepped(false);
        assert_eq!(v.pair, Some((0, 2)));
        assert_eq!(v.stepped(false), None);
        assert_eq!(v.pair_ending_at(0), Some((0, 2)));
        assert_eq!(v.pair_ending_at(1), None);
    }

    #[test]
    fn each_sentence_is_aged_by_the_version_that_brought_it() {
        let texts = [
            "Roads come first. Taxes stay.",
            "Roads come first. Taxes stay. Parks open.",
            "Roads come first. Taxes stay. Parks open. Schools close.",
        ];
        let list = texts
            .iter()
            .map(|t| Version {
                label: String::new(),
                time: None,
                article: Ok(Arc::new(Article::from_text("v", t))),
            })
            .collect();
        let mut v = Versions::new(Vec::new());
        let timeline = Timeline::new(list, &CompareOptions::default());
        // The panes show the first and the last version.
        let comparison = timeline.compare(0, 2).unwrap();
        v.timeline = Some(Arc::new(timeline));
        let ages = Ages::of(&v, &comparison).unwrap();
        let text = comparison.text(Side::New, comparison.rows[0].paragraphs(Side::New));
        let aged: Vec<(&str, f32)> = ages
            .ranges(&comparison, 0, Side::New)
            .into_iter()
            .map(|(r, age)| (text[r].trim(), age))
            .collect();
        assert_eq!(
            aged,
            [
                ("Roads come first.", 0.0),
                ("Taxes stay.", 0.0),
                ("Parks open.", 0.5),
                ("Schools close.", 1.0)
            ]
        );
    }

    #[test]
    fn a_picked_version_keeps_the_pair_in_order() {
        let v = versions(&[true, true, true, true]);
        assert_eq!(v.picked(0, true), Some((0, 3)));
        // Picked as old but later than the new version: the two are compared oldest first.
        let mut w = v.clone();
        w.pair = Some((0, 1));
        assert_eq!(w.picked(3, true), Some((1, 3)));
        assert_eq!(w.picked(1, true), None);
        assert_eq!(w.picked(2, false), Some((0, 2)));
    }
}
