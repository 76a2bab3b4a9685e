//! Moved passages: words deleted in one place and inserted, nearly the same, in another.
//!
//! Paragraph moves are found by the alignment. A sentence or clause that leaves one paragraph
//! and joins another (while its old paragraph was split, say) is not a paragraph: the word diffs
//! show it as words deleted in one change and words inserted in another. Here such runs are
//! paired, so a reader is told the passage moved instead of reading it as cut and as new.

use foldhash::HashMap;
use std::ops::Range;

use super::fold::Folder;
use super::model::{ChangeKind, Comparison, EditOp, MovedPassage, Side};
use super::similarity::{WordBag, dice, dice_bound};
use crate::text::tokens;

/// A run of fewer words is too common to call moved ("the minister said").
const MIN_WORDS: usize = 6;

/// Deleted and inserted runs this alike (Dice over words) are one passage moved: nearly verbatim,
/// as a reader would recognise it. Higher than the paragraph [`super::MOVE_THRESHOLD`], as a
/// short run has fewer words to go wrong with.
pub const PASSAGE_THRESHOLD: f64 = 0.8;

/// Words that occur in more inserted runs than this say nothing about which one a deleted run
/// went to.
const MAX_POSTINGS: usize = 32;

/// Inserted runs compared word by word with each deleted run: those sharing the most distinct
/// words with it.
const MAX_COMPARED: usize = 8;

/// A deleted or inserted run of words: which change, and where in that change's text.
struct Run {
    change: usize,
    range: Range<usize>,
    bag: WordBag,
}

/// The moved passages of a comparison, in the order of the changes they leave.
pub(crate) fn find(comparison: &Comparison, folder: &Folder) -> Vec<MovedPassage> {
    let mut deleted: Vec<Run> = Vec::new();
    let mut inserted: Vec<Run> = Vec::new();
    for (id, change) in comparison.changes.iter().enumerate() {
        for side in [Side::Old, Side::New] {
            let op = match side {
                Side::Old => EditOp::Delete,
                Side::New => EditOp::Insert,
            };
            let text = change.text(comparison, side);
            let ranges: Vec<Range<usize>> = match change.kind {
                ChangeKind::Changed | ChangeKind::Moved => change
                    .edits
                    .iter()
                    .filter(|e| e.op == op)
                    .map(|e| match side {
                        Side::Old => e.old.clone(),
                        Side::New => e.new.clone(),
                    })
                    .collect(),
                // A whole paragraph deleted or inserted is one run.
                ChangeKind::Deleted if side == Side::Old => {
                    std::iter::once(0..text.len()).collect()
                }
                ChangeKind::Inserted if side == Side::New => {
                    std::iter::once(0..text.len()).collect()
                }
                _ => Vec::new(),
            };
            for range in ranges {
                let Some(piece) = text.get(range.clone()) else {
                    continue;
                };
                let words: Vec<_> = tokens(piece).into_iter().filter(|t| t.is_word).collect();
                if words.len() < MIN_WORDS {
                    continue;
                }
                let run = Run {
                    change: id,
                    range,
                    bag: WordBag::new(folder.token_keys(piece, &words).0),
                };
                match side {
                    Side::Old => deleted.push(run),
                    Side::New => inserted.push(run),
                }
            }
        }
    }
    if deleted.is_empty() || inserted.is_empty() {
        return Vec::new();
    }
    // Which inserted runs hold each word; common words are dropped once they say nothing.
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::default();
    for (n, run) in inserted.iter().enumerate() {
        for key in run.bag.distinct() {
            let list = postings.entry(key).or_default();
            if list.len() <= MAX_POSTINGS {
                list.push(n);
            }
        }
    }
    // Every deleted run with its best inserted run, best pairs first; each run is used once.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let mut shared: HashMap<usize, usize> = HashMap::default();
    for (d, run) in deleted.iter().enumerate() {
        shared.clear();
        for key in run.bag.distinct() {
            match postings.get(&key) {
                Some(list) if list.len() <= MAX_POSTINGS => {
                    for &n in list {
                        *shared.entry(n).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        // Not within one change, nor between the halves of a rewrite: there a deleted and an
        // inserted run side by side are a replacement, not a move.
        let elsewhere = |n: usize| {
            let to = inserted[n].change;
            to != run.change && comparison.rewritten_as(run.change) != Some(to)
        };
        // Only the runs that share the most distinct words are compared word by word: a run
        // compared with every run that shares one word with it would cost its length times
        // theirs.
        let mut likely: Vec<(usize, usize)> = shared
            .iter()
            .map(|(&n, &count)| (count, n))
            .filter(|&(_, n)| elsewhere(n))
            .filter(|&(_, n)| dice_bound(run.bag.len(), inserted[n].bag.len()) >= PASSAGE_THRESHOLD)
            .collect();
        let keep = likely.len().min(MAX_COMPARED);
        if keep < likely.len() {
            likely.select_nth_unstable_by(keep, |a, b| b.cmp(a));
        }
        let best = likely[..keep]
            .iter()
            .map(|&(_, n)| {
                let other = &inserted[n].bag;
                (dice(run.bag.common(other), run.bag.len(), other.len()), n)
            })
            .filter(|&(similarity, _)| similarity >= PASSAGE_THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((similarity, n)) = best {
            candidates.push((similarity, d, n));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut used_deleted = vec![false; deleted.len()];
    let mut used_inserted = vec![false; inserted.len()];
    let mut out = Vec::new();
    for (similarity, d, n) in candidates {
        if used_deleted[d] || used_inserted[n] {
            continue;
        }
        used_deleted[d] = true;
        used_inserted[n] = true;
        out.push(MovedPassage {
            from: deleted[d].change,
            old: deleted[d].range.clone(),
            to: inserted[n].change,
            new: inserted[n].range.clone(),
            similarity,
        });
    }
    out.sort_by_key(|p| (p.from, p.old.start));
    out
}
