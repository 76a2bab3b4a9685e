//! The window's background work, in one owner: loading and comparing, the fact check, exports,
//! reading the review, the glyph check, file dialogs and the watcher of the files on disk. The
//! window asks it once per frame what finished ([`Background::poll`]); tests and the screenshot
//! wait for it ([`Background::wait_next`]); both hand the results to the same code.

use std::time::{Duration, Instant};

use super::dialogs::{Dialogs, Picked};
use super::export::{ExportJob, Exported};
use super::glyphs::GlyphCheck;
use super::jobs::{FactsJob, Job, Outcome};
use super::reload::AutoReload;
use super::review::Reviewing;
use super::task::Ended;
use super::versions::TimelineJob;
use crate::compare::{Cancelled, Side};
use crate::summary::Facts;
use crate::timeline::Timeline;
use crate::watch::FileEvent;

/// Something a piece of background work finished or noticed.
#[derive(Debug)]
pub enum Event {
    /// The load and comparison ended.
    Compared(Result<Outcome, String>),
    /// The fact check of the comparison of `generation` ended.
    Facts {
        /// Which comparison the facts are of.
        generation: u64,
        /// The facts, or why there are none.
        facts: Ended<Result<Facts, Cancelled>>,
    },
    /// The versions opened together were read and compared (`Err`: stopped).
    Timeline(Ended<Result<Timeline, Cancelled>>),
    /// An export ended.
    Exported(Result<Exported, String>),
    /// A message for the reader (the review could not be read or saved).
    Notice(String),
    /// The file dialog closed.
    Picked(Picked),
    /// A file shown changed on disk or went away.
    File(FileEvent<Side>),
}

/// What waiting for the background work gave.
#[derive(Debug)]
pub enum Waited {
    /// This finished (boxed: an outcome holds two loaded articles' worth of fields).
    Event(Box<Event>),
    /// Nothing runs any more (the glyph check may have ended meanwhile).
    Idle,
    /// Something still runs at the deadline.
    TimedOut,
}

/// Every piece of background work the window has running.
pub struct Background {
    /// Loading and comparing.
    pub job: Option<Job>,
    /// Reading and comparing the versions opened together.
    pub timeline: Option<TimelineJob>,
    /// The fact check of the comparison shown.
    pub facts: Option<FactsJob>,
    /// The export under way.
    pub export: Option<ExportJob>,
    /// Which characters no font has.
    pub glyphs: GlyphCheck,
    /// The review of the comparison shown.
    pub reviewing: Reviewing,
    /// The open file dialog.
    pub dialogs: Dialogs,
    /// The watcher of the files shown.
    pub reload: AutoReload,
}

impl Background {
    /// Nothing running; reviews kept by `reviewing`.
    pub fn new(reviewing: Reviewing) -> Self {
        Self {
            job: None,
            timeline: None,
            facts: None,
            export: None,
            glyphs: GlyphCheck::default(),
            reviewing,
            dialogs: Dialogs::default(),
            reload: AutoReload::default(),
        }
    }

    /// What finished since the last frame, without waiting: each piece of work is asked once.
    /// A finished job is taken out of its slot (the one that ended is dropped here).
    pub fn poll(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some(result) = self.job.as_ref().and_then(Job::poll) {
            self.job = None;
            events.push(Event::Compared(result));
        }
        if let Some(timeline) = self.timeline.as_ref().and_then(TimelineJob::poll) {
            self.timeline = None;
            events.push(Event::Timeline(timeline));
        }
        events.extend(self.poll_facts());
        if let Some(outcome) = self.export.as_ref().and_then(ExportJob::poll) {
            self.export = None;
            events.push(Event::Exported(outcome));
        }
        self.glyphs.poll(None);
        events.extend(self.reviewing.poll().map(Event::Notice));
        events.extend(self.dialogs.poll().map(Event::Picked));
        events.extend(self.reload.poll().into_iter().map(Event::File));
        events
    }

    /// The fact check's result, if it has ended (the job is then dropped).
    pub fn poll_facts(&mut self) -> Option<Event> {
        let facts = self.facts.as_ref().and_then(FactsJob::poll)?;
        let job = self.facts.take()?;
        Some(Event::Facts {
            generation: job.generation(),
            facts,
        })
    }

    /// Waits until the first running piece of work (versions, load and compare, fact check,
    /// export, review, glyph check, in that order) ends or `deadline` passes. Dialogs and the watcher,
    /// which wait for the reader or the disk, are not waited for.
    pub fn wait_next(&mut self, deadline: Instant) -> Waited {
        let left = || deadline.saturating_duration_since(Instant::now());
        if let Some(job) = &self.timeline {
            return match job.wait(left()) {
                Some(timeline) => {
                    self.timeline = None;
                    Waited::Event(Box::new(Event::Timeline(timeline)))
                }
                None => Waited::TimedOut,
            };
        }
        if let Some(job) = &self.job {
            return match job.wait(left()) {
                Some(result) => {
                    self.job = None;
                    Waited::Event(Box::new(Event::Compared(result)))
                }
                None => Waited::TimedOut,
            };
        }
        if let Some(job) = &self.facts {
            return match job.wait(left()) {
                Some(facts) => {
                    let generation = job.generation();
                    self.facts = None;
                    Waited::Event(Box::new(Event::Facts { generation, facts }))
                }
                None => Waited::TimedOut,
            };
        }
        if let Some(job) = &self.export {
            return match job.wait(left()) {
                Some(outcome) => {
                    self.export = None;
                    Waited::Event(Box::new(Event::Exported(outcome)))
                }
                None => Waited::TimedOut,
            };
        }
        if self.reviewing.is_loading() {
            return match self.reviewing.wait(left()) {
                (true, Some(message)) => Waited::Event(Box::new(Event::Notice(message))),
                (true, None) => self.wait_next(deadline),
                (false, _) => Waited::TimedOut,
            };
        }
        if self.glyphs.poll(Some(left().max(Duration::ZERO))) {
            Waited::Idle
        } else {
            Waited::TimedOut
        }
    }

    /// Whether a load, comparison, fact check, export, review read or glyph check runs.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
            || self.timeline.is_some()
            || self.facts.is_some()
            || self.export.is_some()
            || self.glyphs.is_running()
            || self.reviewing.is_loading()
    }
}
