//! Many versions of one article: each version compared with the one before it, the history of
//! every sentence across all of them, and the versions that changed facts without saying so.
//!
//! A [`Timeline`] shares each version's [`Article`] between the two steps it belongs to; any
//! other pair is compared on demand with [`Timeline::compare`].

mod facts;
mod history;
mod notes;

use std::path::Path;
use std::sync::Arc;

pub use facts::{FactChange, FactEvent, FactHistory, fact_histories};
pub use history::{
    Histories, Placement, SentenceHistory, sentence_at, sentence_histories, sentence_ranges,
    version_name,
};
pub use notes::correction_note;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::compare::{Cancelled, CompareOptions, Comparison, compare};
use crate::document::LoadOptions;
use crate::summary::Facts;
use crate::text::Article;

/// One version of the article.
#[derive(Debug, Clone)]
pub struct Version {
    /// What the version is called: its file name, or a commit's date and subject.
    pub label: String,
    /// When it was made, if known (a file's modification time, a commit's date), as RFC 3339.
    pub time: Option<String>,
    /// The version, or the message saying why it could not be read.
    pub article: Result<Arc<Article>, String>,
}

impl Version {
    /// A version read from a file, labelled with its name and dated by its modification time;
    /// a file that cannot be read gives a version holding the message.
    pub fn read(path: &Path, options: &LoadOptions) -> Self {
        let label = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let time = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .map(crate::summary::timestamp);
        Self {
            label,
            time,
            article: Article::load(path, options)
                .map(Arc::new)
                .map_err(|e| e.to_string()),
        }
    }
}

/// One step of the timeline: a readable version compared with the readable one before it.
#[derive(Debug)]
pub struct Step {
    /// The earlier version's index in [`Timeline::versions`].
    pub old: usize,
    /// The later version's index.
    pub new: usize,
    /// What changed.
    pub comparison: Comparison,
    /// The fact-check facets of the change.
    pub facts: Facts,
    /// The correction or update note the later version adds ("(Corrects …)"), if any.
    pub note: Option<String>,
}

impl Step {
    /// Whether the step changed a fact (a quote, an attribution, a number or a name) without
    /// adding a correction or update note: what a standards desk looks for first.
    pub fn changed_facts_without_a_note(&self) -> bool {
        self.note.is_none() && !self.facts.is_empty()
    }
}

/// The versions of an article in order, with the steps between them and every sentence's history.
#[derive(Debug, Default)]
pub struct Timeline {
    /// The versions, in the order given.
    pub versions: Vec<Version>,
    /// Each readable version compared with the readable one before it.
    pub steps: Vec<Step>,
    /// Every sentence that any version has, in order of first appearance.
    pub sentences: Vec<SentenceHistory>,
    /// Where each version's sentences are (by version; `None` for one that could not be read).
    pub placements: Vec<Option<Placement>>,
    /// Every fact a step added, changed or removed, followed across the steps.
    pub facts: Vec<FactHistory>,
    /// The options every step was compared with.
    pub options: CompareOptions,
}

impl Timeline {
    /// Compares each readable version with the readable one before it (on every core) and
    /// works out the sentences' histories. A version that could not be read is kept, with its
    /// message, and skipped by the steps.
    pub fn new(versions: Vec<Version>, options: &CompareOptions) -> Self {
        // Nothing can set the flag: never the default.
        Self::new_until(versions, options, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// As [`Self::new`], stopping early once `cancel` is set (the window reads the versions
    /// again, or leaves them): each step not begun is skipped.
    pub fn new_until(
        versions: Vec<Version>,
        options: &CompareOptions,
        cancel: &AtomicBool,
    ) -> Result<Self, Cancelled> {
        let readable: Vec<usize> = (0..versions.len())
            .filter(|&i| versions[i].article.is_ok())
            .collect();
        let pairs: Vec<(usize, usize)> = readable.windows(2).map(|w| (w[0], w[1])).collect();
        let article = |i: usize| versions[i].article.as_ref().ok().cloned();
        let steps: Vec<Step> = crate::parallel::map_large(&pairs, |&(old, new)| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let (a, b) = (article(old)?, article(new)?);
            let note = correction_note(&a, &b);
            let comparison = compare(a, b, options);
            let facts = Facts::of(&comparison);
            Some(Step {
                old,
                new,
                comparison,
                facts,
                note,
            })
        })
        .into_iter()
        .flatten()
        .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let articles: Vec<(usize, &Article)> = readable
            .iter()
            .filter_map(|&i| versions[i].article.as_deref().ok().map(|a| (i, a)))
            .collect();
        let Histories {
            sentences,
            placements: found,
        } = sentence_histories(&articles);
        let mut placements: Vec<Option<Placement>> = vec![None; versions.len()];
        for ((version, _), placement) in articles.iter().zip(found) {
            placements[*version] = Some(placement);
        }
        let facts = fact_histories(&steps, options.ignore_case);
        Ok(Self {
            versions,
            steps,
            sentences,
            placements,
            facts,
            options: *options,
        })
    }

    /// Compares any two versions (by index), or says why they cannot be.
    pub fn compare(&self, old: usize, new: usize) -> Result<Comparison, String> {
        let article = |i: usize| match self.versions.get(i) {
            Some(v) => v.article.clone(),
            None => Err(format!("there is no version {}", i + 1)),
        };
        Ok(compare(article(old)?, article(new)?, &self.options))
    }

    /// The history of the sentence at `offset` (in bytes) of a paragraph (0-based) of a version,
    /// if that version has it.
    pub fn sentence_history(
        &self,
        version: usize,
        paragraph: usize,
        offset: usize,
    ) -> Option<&SentenceHistory> {
        let article = self.versions.get(version)?.article.as_ref().ok()?;
        let text = &article.paragraphs.get(paragraph)?.text;
        let placement = self.placements.get(version)?.as_ref()?;
        let id = *placement
            .sentences(paragraph)
            .get(sentence_at(text, offset)?)?;
        self.sentences.get(id as usize)
    }

    /// The versions that could be read, by index.
    pub fn readable(&self) -> Vec<usize> {
        (0..self.versions.len())
            .filter(|&i| self.versions[i].article.is_ok())
            .collect()
    }

    /// The step that leads to a version (by index), if it has one: the first readable version
    /// and unreadable ones have none.
    pub fn step_into(&self, version: usize) -> Option<&Step> {
        // The steps are in the versions' order: the window's strip asks for each version every
        // frame, so this is a search, not a scan.
        let at = self.steps.partition_point(|s| s.new < version);
        self.steps.get(at).filter(|s| s.new == version)
    }

    /// Whether every readable version reads the same as the one before it.
    pub fn is_unchanged(&self) -> bool {
        self.steps.iter().all(|s| s.comparison.is_identical())
    }
}
