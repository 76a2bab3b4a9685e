//! What the files say: the two sides, their load errors and the comparison shown, and the
//! versions opened together, whose chosen pair the two sides then show.
//!
//! Nothing here knows about scrolling or drawing (that is [`super::view`]).

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use super::jobs::{Input, Outcome, Request, Source};
use super::versions::Versions;
use crate::compare::{CompareOptions, Comparison, Row, Side, Stats};
use crate::document::LoadError;
use crate::summary::Facts;
use crate::text::Article;
use crate::watch::Stamp;

/// One side of the comparison as loaded.
#[derive(Debug, Default, Clone)]
pub struct SideDoc {
    /// Where the text shown came from.
    pub source: Option<Source>,
    /// The article shown (kept when a later load fails).
    pub article: Option<Arc<Article>>,
    /// Why the last load of this side failed; shown in its header.
    pub error: Option<Arc<LoadError>>,
    /// Whether the file was deleted or moved away since it was read.
    pub gone: bool,
}

/// The two sides and their comparison.
#[derive(Debug, Default)]
pub struct Session {
    old: SideDoc,
    new: SideDoc,
    comparison: Option<Arc<Comparison>>,
    /// Quotes, attributions, numbers and names that changed, for the fact-check list.
    facts: Option<Arc<Facts>>,
    /// Whether the comparison is a stand-in showing one side only.
    one_sided: bool,
    /// Bumped whenever the comparison shown changes, so cached layouts know they are stale.
    generation: u64,
    /// The message of a job that failed as a whole.
    pub failure: Option<String>,
    /// The versions opened together, when there are: the two sides show a pair of them.
    pub versions: Option<Versions>,
}

impl Session {
    /// One side.
    pub fn side(&self, side: Side) -> &SideDoc {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }

    fn side_mut(&mut self, side: Side) -> &mut SideDoc {
        match side {
            Side::Old => &mut self.old,
            Side::New => &mut self.new,
        }
    }

    /// The comparison shown, if any.
    pub fn comparison(&self) -> Option<&Arc<Comparison>> {
        self.comparison.as_ref()
    }

    /// The fact-check facets of the comparison shown, once worked out.
    pub fn facts(&self) -> Option<&Arc<Facts>> {
        self.facts.as_ref()
    }

    /// Takes in facts worked out for the comparison of `generation` (dropped if stale).
    pub fn set_facts(&mut self, generation: u64, facts: Facts) {
        if generation == self.generation {
            self.facts = Some(Arc::new(facts));
        }
    }

    /// Whether both sides show the bundled sample (the window's first screen).
    pub fn is_sample(&self) -> bool {
        matches!(
            (&self.side(Side::Old).source, &self.side(Side::New).source),
            (Some(Source::SampleOld), Some(Source::SampleNew))
                | (Some(Source::SampleNew), Some(Source::SampleOld))
        )
    }

    /// Whether the shown "comparison" only displays one side, because the other failed to load
    /// or was never opened (`redline FILE`).
    pub fn is_one_sided(&self) -> bool {
        self.one_sided
    }

    /// Changes whenever the shown comparison does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A job that reads `old` and `new` afresh.
    pub fn load_request(old: Source, new: Source, options: CompareOptions) -> Request {
        Request {
            old: Input::Load(old),
            new: Input::Load(new),
            options,
            reread: None,
        }
    }

    /// A job that replaces one side and keeps the other as loaded.
    pub fn replace_request(&self, side: Side, source: Source, options: CompareOptions) -> Request {
        let keep = |s: Side| self.ready(s);
        match side {
            Side::Old => Request {
                old: Input::Load(source),
                new: keep(Side::New),
                options,
                reread: None,
            },
            Side::New => Request {
                old: keep(Side::Old),
                new: Input::Load(source),
                options,
                reread: None,
            },
        }
    }

    /// A job that compares what is loaded again (new options).
    pub fn recompare_request(&self, options: CompareOptions) -> Request {
        Request {
            old: self.ready(Side::Old),
            new: self.ready(Side::New),
            options,
            reread: None,
        }
    }

    /// A job that reads both sources again from disk (Reload).
    pub fn reload_request(&self, options: CompareOptions) -> Request {
        let input = |s: Side| match &self.side(s).source {
            Some(source) => Input::Load(source.clone()),
            None => self.ready(s),
        };
        Request {
            old: input(Side::Old),
            new: input(Side::New),
            options,
            reread: None,
        }
    }

    fn ready(&self, side: Side) -> Input {
        match &self.side(side).article {
            Some(article) => Input::Ready(Arc::clone(article)),
            None => Input::Missing,
        }
    }

    /// The job that compares two of the open versions (by index); `None` if either is not a
    /// readable version. The sides and the pair shown change only when its comparison is
    /// shown (a cancelled one leaves them as they were).
    pub fn show_versions(
        &self,
        old: usize,
        new: usize,
        options: CompareOptions,
    ) -> Option<Request> {
        let timeline = self.versions.as_ref()?.timeline.as_ref()?;
        let article = |i: usize| timeline.versions.get(i)?.article.clone().ok();
        Some(Request {
            old: Input::Ready(article(old)?),
            new: Input::Ready(article(new)?),
            options,
            reread: None,
        })
    }

    /// With versions open, makes the sides and the pair shown those of the comparison shown.
    fn follow_versions(&mut self) {
        let (Some(versions), Some(comparison)) = (&mut self.versions, &self.comparison) else {
            return;
        };
        let Some([old, new]) = versions.shown_in(comparison) else {
            return;
        };
        versions.pair = Some((old, new));
        let doc = |i: usize, side: Side| SideDoc {
            source: versions.paths.get(i).cloned().map(Source::File),
            article: Some(Arc::clone(match side {
                Side::Old => &comparison.old,
                Side::New => &comparison.new,
            })),
            error: None,
            gone: false,
        };
        (self.old, self.new) = (doc(old, Side::Old), doc(new, Side::New));
    }

    /// Notes that a side's file went away (its text stays on screen).
    pub fn mark_gone(&mut self, side: Side) {
        self.side_mut(side).gone = true;
    }

    /// The files behind the two sides (old, new), for watching.
    pub fn paths(&self) -> [Option<std::path::PathBuf>; 2] {
        [Side::Old, Side::New].map(|s| self.side(s).source.as_ref().and_then(Source::path).cloned())
    }

    /// The files to follow on disk (old, new), each with how it looked when its text was read,
    /// so that a save made while it was being compared is not missed.
    pub fn watched_files(&self) -> [Option<(std::path::PathBuf, Option<Stamp>)>; 2] {
        [Side::Old, Side::New].map(|s| {
            let side = self.side(s);
            let path = side.source.as_ref().and_then(Source::path)?.clone();
            let stamp = side
                .article
                .as_ref()
                .filter(|a| a.source.path.as_ref() == Some(&path))
                .map(|a| Stamp {
                    len: a.source.bytes,
                    modified: a.source.modified,
                });
            Some((path, stamp))
        })
    }

    /// Exchanges the sides (and the pair of versions shown); the caller compares again.
    pub fn swap(&mut self) {
        std::mem::swap(&mut self.old, &mut self.new);
        if let Some(versions) = &mut self.versions {
            versions.pair = versions.pair.map(|(old, new)| (new, old));
        }
    }

    /// Takes in what a finished job produced.
    pub fn apply(&mut self, outcome: Outcome) {
        if outcome.cancelled {
            // Cancel means nothing happened: the window keeps showing what it showed.
            self.failure = Some("Comparison cancelled; still showing the previous one.".to_owned());
            return;
        }
        self.failure = None;
        for (side, loaded) in [(Side::Old, outcome.old), (Side::New, outcome.new)] {
            let Some((source, result)) = loaded else {
                continue;
            };
            let doc = self.side_mut(side);
            match result {
                Ok(article) => {
                    *doc = SideDoc {
                        source: Some(source),
                        article: Some(article),
                        error: None,
                        gone: false,
                    };
                }
                // Keep what was shown: the user still has the other side and the old comparison.
                Err(message) => doc.error = Some(message),
            }
        }
        match outcome.comparison {
            Some(comparison) => {
                self.show(comparison, false);
                self.follow_versions();
            }
            None => {
                // Only one side could be read: show it alone beside the error of the other.
                if let Some(comparison) = self.one_side_only() {
                    self.show(comparison, true);
                }
            }
        }
    }

    fn show(&mut self, comparison: Comparison, one_sided: bool) {
        self.comparison = Some(Arc::new(comparison));
        self.facts = None;
        self.one_sided = one_sided;
        self.generation += 1;
    }

    /// A stand-in comparison that shows the one readable side, unmarked, beside an empty one.
    fn one_side_only(&self) -> Option<Comparison> {
        let (side, article) = match (&self.old.article, &self.new.article) {
            (Some(a), None) => (Side::Old, Arc::clone(a)),
            (None, Some(a)) => (Side::New, Arc::clone(a)),
            _ => return None,
        };
        let empty = Article::from_text("", "").shared();
        let rows = (0..article.paragraphs.len())
            .map(|p| {
                let (old, new): (Range<usize>, Range<usize>) = match side {
                    Side::Old => (p..p + 1, 0..0),
                    Side::New => (0..0, p..p + 1),
                };
                Row {
                    old,
                    new,
                    old_change: None,
                    new_change: None,
                }
            })
            .collect();
        let (old, new) = match side {
            Side::Old => (article, empty),
            Side::New => (empty, article),
        };
        Some(Comparison {
            old,
            new,
            options: CompareOptions::default(),
            rows,
            changes: Vec::new(),
            passages: Vec::new(),
            stats: Stats::default(),
            approximate: false,
            elapsed: Duration::ZERO,
        })
    }
}
