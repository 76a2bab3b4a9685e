//! The change summary: what an editor sends on, read without Redline.
//!
//! A [`ChangeSummary`] answers, in this order: what are these two files, how much changed, what
//! must a fact-checker verify ([`Facts`]: quotes, attributions, numbers and dates, names), and
//! what exactly changed (the comparison's changes). The exporters render it; none of them
//! derives anything on its own.

mod attributions;
mod facts;
mod names;
mod numbers;
mod prose;
mod quotes;
mod units;

use std::time::SystemTime;

use crate::compare::{Comparison, Side};
use crate::document::LoadWarning;
use crate::review::{Mark, Review};

pub(crate) use facts::fact_key;
pub use facts::{Fact, FactList, Facts};
pub use units::{Unit, units};

/// The version of Redline that made a summary.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a summary says about one of the two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHeader {
    /// The file name.
    pub name: String,
    /// The full path, if the text came from a file.
    pub path: Option<String>,
    /// The size in bytes.
    pub bytes: u64,
    /// The encoding it was read as.
    pub encoding: String,
    /// When the file was last modified, if known.
    pub modified: Option<SystemTime>,
    /// How many paragraphs it has.
    pub paragraphs: usize,
    /// How many words it has.
    pub words: usize,
    /// Repairs made while reading it.
    pub warnings: Vec<LoadWarning>,
}

impl FileHeader {
    fn of(comparison: &Comparison, side: Side) -> Self {
        let a = comparison.article(side);
        Self {
            name: a.source.name.clone(),
            path: a.source.path.as_ref().map(|p| p.display().to_string()),
            bytes: a.source.bytes,
            encoding: a.source.encoding.clone(),
            modified: a.source.modified,
            paragraphs: a.paragraphs.len(),
            words: a.words,
            warnings: a.source.warnings.clone(),
        }
    }
}

/// Everything a summary export shows, computed once from a [`Comparison`].
#[derive(Debug, Clone)]
pub struct ChangeSummary<'a> {
    /// The comparison summarised: its stats and changes are the overview and the change list.
    pub comparison: &'a Comparison,
    /// The old file.
    pub old: FileHeader,
    /// The new file.
    pub new: FileHeader,
    /// When the summary was made.
    pub generated: SystemTime,
    /// The fact-check facets.
    pub facts: Facts,
    /// The reader's marks on the changes, where the pair has any.
    pub review: Option<Review>,
    /// Who the Word redline's revisions and comments are by ("Redline" unless set).
    pub author: String,
}

impl<'a> ChangeSummary<'a> {
    /// Summarises a comparison, stamped with the current time.
    pub fn new(comparison: &'a Comparison) -> Self {
        Self::at(comparison, SystemTime::now())
    }

    /// Summarises a comparison, stamped with `generated` (tests use a fixed time).
    pub fn at(comparison: &'a Comparison, generated: SystemTime) -> Self {
        Self::with_facts(comparison, Facts::of(comparison), generated)
    }

    /// Summarises a comparison whose facets were already worked out (the window computes them
    /// once per comparison; extracting them again is most of a summary's cost).
    pub fn with_facts(comparison: &'a Comparison, facts: Facts, generated: SystemTime) -> Self {
        Self {
            comparison,
            old: FileHeader::of(comparison, Side::Old),
            new: FileHeader::of(comparison, Side::New),
            generated,
            facts,
            review: None,
            author: "Redline".to_owned(),
        }
    }

    /// The summary with the revisions and comments of a Word redline made by `author`.
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.author = author.into();
        self
    }

    /// The summary with the reader's marks on its changes.
    pub fn with_review(mut self, review: Review) -> Self {
        self.review = Some(review);
        self
    }

    /// The mark of a change (by its index); to review when the pair has no review.
    pub fn mark(&self, change: usize) -> Mark {
        self.review
            .as_ref()
            .map(|r| r.mark(change).clone())
            .unwrap_or_default()
    }

    /// The review's counts, when any change has a status or a note (summaries of pairs nobody
    /// reviewed say nothing about reviewing).
    pub fn review_counts(&self) -> Option<crate::review::Counts> {
        self.review
            .as_ref()
            .filter(|r| !r.is_blank())
            .map(Review::counts)
    }
}

/// A time as an RFC 3339 UTC timestamp to the second, e.g. `2026-11-22T10:51:55Z`.
pub fn timestamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}
