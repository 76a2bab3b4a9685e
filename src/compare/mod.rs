//! Comparing two segmented articles into one [`Comparison`].
//!
//! Paragraphs are aligned first ([`align`](self) finds anchors, rewritten pairs, moves, splits and
//! merges), then each pair gets a word-level diff that is cleaned up for reading. Both steps
//! share one time budget: past it, results are still correct but may be coarser, and
//! [`Comparison::approximate`] says so.

mod align;
mod fold;
mod inline;
mod model;
mod options;
mod passages;
mod patience;
mod pieces;
mod reflow;
pub(crate) mod similarity;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use align::{Cancelled, MOVE_THRESHOLD, PAIR_THRESHOLD};
pub(crate) use fold::CURRENCY_SIGNS;
// The window's find bar folds quotes as the comparison does.
#[cfg(feature = "gui")]
pub(crate) use fold::fold_quote;

pub use model::{
    Change, ChangeKind, Comparison, Edit, EditOp, MovedPassage, PARAGRAPH_SEPARATOR, Regrouping,
    Row, Shape, Side, Stats,
};
pub use options::{CompareOptions, DEFAULT_TIME_BUDGET};
pub use passages::PASSAGE_THRESHOLD;
pub use pieces::edit_texts;

use crate::text::{Article, word_count};
use align::{Aligner, Alignment, DraftChange};
use fold::Folder;
use inline::WordDiff;

/// Compares two articles with the default time budget.
///
/// ```
/// use redline::compare::{compare, ChangeKind, CompareOptions};
/// use redline::text::Article;
///
/// let old = Article::from_text("old.txt", "Xi met Volodin.\n\nThey spoke on Wednesday.");
/// let new = Article::from_text("new.txt", "Xi met Volodin.\n\nThey spoke on Thursday.");
/// let comparison = compare(old.shared(), new.shared(), &CompareOptions::default());
/// assert_eq!(comparison.changes.len(), 1);
/// assert_eq!(comparison.changes[0].kind, ChangeKind::Changed);
/// ```
pub fn compare(old: Arc<Article>, new: Arc<Article>, options: &CompareOptions) -> Comparison {
    match Comparer::new(*options).run(old, new) {
        Ok(comparison) => comparison,
        // Without a cancel flag nothing can cancel the run.
        Err(Cancelled) => unreachable!("a comparison without a cancel flag was cancelled"),
    }
}

/// A configurable comparison run, for callers that need cancelling, progress or another budget.
pub struct Comparer<'a> {
    options: CompareOptions,
    budget: Option<Duration>,
    cancel: Option<&'a AtomicBool>,
    progress: Option<&'a (dyn Fn(f32) + Sync)>,
}

impl<'a> Comparer<'a> {
    /// A run with these options, the default budget, no cancelling and no progress reports.
    pub fn new(options: CompareOptions) -> Self {
        Self {
            options,
            budget: None,
            cancel: None,
            progress: None,
        }
    }

    /// Sets the time budget. Without one, the budget is [`DEFAULT_TIME_BUDGET`] plus 100 ms per
    /// MiB of input, so that large ordinary documents are compared in full.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The run stops with [`Cancelled`] soon after `flag` becomes true.
    pub fn cancel_flag(mut self, flag: &'a AtomicBool) -> Self {
        self.cancel = Some(flag);
        self
    }

    /// `report` is called now and then with the share of the work done, 0.0 to 1.0.
    pub fn on_progress(mut self, report: &'a (dyn Fn(f32) + Sync)) -> Self {
        self.progress = Some(report);
        self
    }

    /// Compares `old` with `new`.
    pub fn run(&self, old: Arc<Article>, new: Arc<Article>) -> Result<Comparison, Cancelled> {
        let started = Instant::now();
        let budget = self.budget.unwrap_or_else(|| {
            let mib = (old.source.bytes + new.source.bytes) / (1024 * 1024);
            DEFAULT_TIME_BUDGET + Duration::from_millis(100).saturating_mul(mib as u32)
        });
        let deadline = started + budget;
        let folder = Folder::new(self.options);
        self.report(0.0);
        let alignment = Aligner::new(&old, &new, folder, deadline, self.cancel).align()?;
        self.report(0.3);
        let Alignment {
            rows,
            changes,
            mut approximate,
        } = alignment;

        let diffs = self.word_diffs(&old, &new, &changes, &folder, deadline)?;
        approximate |= diffs.iter().any(|d| d.approximate);
        let mut comparison = assemble(old, new, self.options, rows, changes, diffs);
        comparison.passages = passages::find(&comparison, &folder);
        comparison.approximate = approximate;
        comparison.elapsed = started.elapsed();
        self.report(1.0);
        Ok(comparison)
    }

    /// Word diffs for paired and moved paragraphs, on every core: workers take batches of
    /// changes from a shared counter, so one long paragraph does not hold up the rest.
    fn word_diffs(
        &self,
        old: &Article,
        new: &Article,
        changes: &[DraftChange],
        folder: &Folder,
        deadline: Instant,
    ) -> Result<Vec<WordDiff>, Cancelled> {
        const BATCH: usize = 32;
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        // A few changes (most articles) are diffed here: starting threads would cost more.
        let workers = if changes.len() < 2 * BATCH {
            1
        } else {
            crate::parallel::workers()
        };
        let total = changes.len().max(1);
        let work = || -> Result<Vec<(usize, WordDiff)>, Cancelled> {
            let mut out = Vec::new();
            loop {
                let start = next.fetch_add(BATCH, Ordering::Relaxed);
                if start >= changes.len() {
                    return Ok(out);
                }
                if self.cancel.is_some_and(|f| f.load(Ordering::Relaxed)) {
                    return Err(Cancelled);
                }
                for (id, change) in changes.iter().enumerate().skip(start).take(BATCH) {
                    if matches!(change.kind, ChangeKind::Changed | ChangeKind::Moved) {
                        let old_text = join(old, change.old.clone());
                        let new_text = join(new, change.new.clone());
                        let diff = inline::diff_words(&old_text, &new_text, folder, deadline);
                        out.push((id, diff));
                    }
                }
                let finished = done.fetch_add(BATCH, Ordering::Relaxed) + BATCH;
                self.report(0.3 + 0.7 * finished.min(total) as f32 / total as f32);
            }
        };
        let results: Vec<Result<_, Cancelled>> = std::thread::scope(|s| {
            let helpers: Vec<_> = (1..workers).map(|_| s.spawn(work)).collect();
            let mut results = vec![work()];
            // A worker that panicked loses only its batches: they are redone below.
            results.extend(helpers.into_iter().filter_map(|h| h.join().ok()));
            results
        });
        let mut diffs: Vec<Option<WordDiff>> = (0..changes.len()).map(|_| None).collect();
        for result in results {
            for (id, diff) in result? {
                diffs[id] = Some(diff);
            }
        }
        let diffs = diffs
            .into_iter()
            .zip(changes)
            .map(|(d, change)| match (d, change.kind) {
                (Some(d), _) => d,
                (None, ChangeKind::Changed | ChangeKind::Moved) => {
                    let old_text = join(old, change.old.clone());
                    let new_text = join(new, change.new.clone());
                    inline::diff_words(&old_text, &new_text, folder, deadline)
                }
                (None, _) => WordDiff {
                    edits: Vec::new(),
                    approximate: false,
                    shared: 0.0,
                },
            })
            .collect();
        Ok(diffs)
    }

    fn report(&self, done: f32) {
        if let Some(report) = self.progress {
            report(done);
        }
    }
}

fn join(article: &Article, paragraphs: std::ops::Range<usize>) -> String {
    let texts: Vec<&str> = article.paragraphs[paragraphs]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    texts.join(PARAGRAPH_SEPARATOR)
}

/// Puts changes in reading order, drops pairs whose words turned out equal, and counts.
fn assemble(
    old: Arc<Article>,
    new: Arc<Article>,
    options: CompareOptions,
    mut rows: Vec<align::DraftRow>,
    mut drafts: Vec<DraftChange>,
    diffs: Vec<WordDiff>,
) -> Comparison {
    let shared: Vec<f64> = diffs.iter().map(|d| d.shared).collect();
    let mut edits: Vec<Vec<Edit>> = diffs.into_iter().map(|d| d.edits).collect();
    unpair_rewrites(&old, &new, &mut rows, &mut drafts, &mut edits, &shared);
    // A pair with no differing word is unchanged: it differed only in spacing, or in where its
    // paragraphs break (a split or merge of the same words is re-paragraphing, not a change).
    let no_op = |id: usize| {
        drafts[id].kind == ChangeKind::Changed && edits[id].iter().all(|e| e.op == EditOp::Equal)
    };
    for row in &mut rows {
        if row.old_change.is_some_and(no_op) {
            row.old_change = None;
            row.new_change = None;
        }
    }
    // Reading order: the first row a change appears on.
    let mut first_row = vec![usize::MAX; drafts.len()];
    for (r, row) in rows.iter().enumerate() {
        for id in [row.old_change, row.new_change].into_iter().flatten() {
            first_row[id] = first_row[id].min(r);
        }
    }
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|&id| first_row[id] != usize::MAX)
        .collect();
    order.sort_by_key(|&id| first_row[id]);
    let mut new_id = vec![usize::MAX; drafts.len()];
    for (n, &id) in order.iter().enumerate() {
        new_id[id] = n;
    }
    let mut edits: Vec<Option<Vec<Edit>>> = edits.into_iter().map(Some).collect();
    let mut changes: Vec<Change> = order
        .iter()
        .map(|&id| Change {
            kind: drafts[id].kind,
            old: drafts[id].old.clone(),
            new: drafts[id].new.clone(),
            edits: edits[id].take().unwrap_or_default(),
            old_row: usize::MAX,
            new_row: usize::MAX,
        })
        .collect();
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            let old_change = row.old_change.map(|id| new_id[id]);
            let new_change = row.new_change.map(|id| new_id[id]);
            if let Some(c) = old_change {
                changes[c].old_row = r;
            }
            if let Some(c) = new_change {
                changes[c].new_row = r;
            }
            Row {
                old: row.old,
                new: row.new,
                old_change,
                new_change,
            }
        })
        .collect();
    for c in &mut changes {
        // Insertions have no old row and deletions no new row: use the row that shows them.
        if c.old_row == usize::MAX {
            c.old_row = c.new_row;
        }
        if c.new_row == usize::MAX {
            c.new_row = c.old_row;
        }
    }
    let stats = count(&old, &new, &rows, &changes);
    Comparison {
        old,
        new,
        options,
        rows,
        changes,
        passages: Vec::new(),
        stats,
        approximate: false,
        elapsed: Duration::ZERO,
    }
}

/// A pair is kept only if its word diff shows the paragraphs really share text: at least this
/// share of their words (both sides) kept in runs of two or more tokens by the shortest diff.
/// Measured on the corpus's licences and Debian FAQ: unrelated paragraphs of one text share up
/// to 0.14 (98th percentile); a paragraph rewritten in place that keeps about half its words in
/// short runs shares 0.26 or more (2nd percentile).
pub const MIN_PAIR_OVERLAP: f64 = 0.2;

/// A pair is also kept only if the word diff a reader sees, after its cleanup, still shows at
/// least this share of the words as kept: the same words in another order share runs, but the
/// cleanup shows them as one replacement, which reads better as a rewrite.
const MIN_SHOWN_OVERLAP: f64 = 0.05;

/// Turns one-to-one pairs whose word diff is mostly replacement into a deletion and an
/// insertion sharing the row: a reader sees "rewritten", not a wall of struck-out words.
fn unpair_rewrites(
    old: &Article,
    new: &Article,
    rows: &mut [align::DraftRow],
    drafts: &mut Vec<DraftChange>,
    edits: &mut Vec<Vec<Edit>>,
    shared: &[f64],
) {
    for row in rows {
        let Some(id) = row.old_change else { continue };
        let d = &drafts[id];
        if d.kind != ChangeKind::Changed || d.old.len() != 1 || d.new.len() != 1 {
            continue;
        }
        let old_text = &old.paragraphs[d.old.start].text;
        let common: usize = edits[id]
            .iter()
            .filter(|e| e.op == EditOp::Equal)
            .map(|e| word_count(&old_text[e.old.clone()]))
            .sum();
        let total = old.paragraphs[d.old.start].words + new.paragraphs[d.new.start].words;
        let shown = if total == 0 {
            1.0
        } else {
            (2 * common) as f64 / total as f64
        };
        if shared.get(id).is_none_or(|&s| s >= MIN_PAIR_OVERLAP) && shown >= MIN_SHOWN_OVERLAP {
            continue;
        }
        let (o, n) = (d.old.clone(), d.new.clone());
        drafts[id] = DraftChange {
            kind: ChangeKind::Deleted,
            old: o.clone(),
            new: n.start..n.start,
        };
        edits[id].clear();
        drafts.push(DraftChange {
            kind: ChangeKind::Inserted,
            old: o.start..o.start,
            new: n,
        });
        edits.push(Vec::new());
        row.new_change = Some(drafts.len() - 1);
    }
}

fn count(old: &Article, new: &Article, rows: &[Row], changes: &[Change]) -> Stats {
    let mut s = Stats::default();
    // Common words counted on each side: with folding options the two can differ
    // ("well-known" equals "wellknown" when punctuation is ignored).
    let mut common = 0;
    for row in rows.iter().filter(|r| r.is_unchanged()) {
        s.unchanged += row.old.len();
        s.reparagraphed += usize::from(row.is_reparagraphed());
        common += words_in(old, row.old.clone()) + words_in(new, row.new.clone());
    }
    for c in changes {
        match c.kind {
            ChangeKind::Changed => s.changed += 1,
            ChangeKind::Moved => s.moved += 1,
            ChangeKind::Inserted => s.inserted += 1,
            ChangeKind::Deleted => s.deleted += 1,
        }
        match c.kind {
            ChangeKind::Inserted => s.words_inserted += words_in(new, c.new.clone()),
            ChangeKind::Deleted => s.words_deleted += words_in(old, c.old.clone()),
            ChangeKind::Changed | ChangeKind::Moved => {
                let old_text = join(old, c.old.clone());
                let new_text = join(new, c.new.clone());
                for e in &c.edits {
                    match e.op {
                        EditOp::Equal => {
                            common += word_count(&old_text[e.old.clone()])
                                + word_count(&new_text[e.new.clone()]);
                        }
                        EditOp::Delete => s.words_deleted += word_count(&old_text[e.old.clone()]),
                        EditOp::Insert => s.words_inserted += word_count(&new_text[e.new.clone()]),
                    }
                }
            }
        }
    }
    let total = old.words + new.words;
    s.similarity = if total == 0 {
        1.0
    } else {
        common as f64 / total as f64
    };
    s
}

fn words_in(article: &Article, paragraphs: std::ops::Range<usize>) -> usize {
    article.paragraphs[paragraphs].iter().map(|p| p.words).sum()
}
