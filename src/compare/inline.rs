//! The word-level diff inside a pair of paragraphs, cleaned up for readers.
//!
//! A raw shortest diff of two rewritten sentences matches every "the" and comma they share and
//! shows confetti. Following diff-match-patch's semantic cleanup, an equal run that is no longer
//! than the edits on both sides of it is folded into one replacement, and a pure insertion or
//! deletion that could sit in several places is slid to where it starts or ends a sentence.

use std::ops::Range;

use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_deadline};

use super::fold::Folder;
use super::model::{Edit, EditOp};
use crate::text::{Token, tokens};

/// A run of the diff over the compared tokens: equal, or a replacement of `old` by `new`
/// (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

/// One side of the diff: the text, its tokens, and the tokens that take part in the comparison.
struct SideTokens<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    /// For each compared position, the index into `tokens`.
    compared: Vec<usize>,
}

impl<'a> SideTokens<'a> {
    fn new(text: &'a str, folder: &Folder) -> (Self, Vec<u64>) {
        let tokens = tokens(text);
        let (keys, compared) = folder.token_keys(text, &tokens);
        (
            Self {
                text,
                tokens,
                compared,
            },
            keys,
        )
    }

    fn token(&self, pos: usize) -> &Token {
        &self.tokens[self.compared[pos]]
    }

    /// Byte range covering compared tokens `run`, or `None` when the run is empty.
    fn bytes(&self, run: &Range<usize>) -> Option<Range<usize>> {
        (!run.is_empty())
            .then(|| self.token(run.start).range.start..self.token(run.end - 1).range.end)
    }

    /// An empty byte range where a run starting at compared position `pos` would be.
    fn point(&self, pos: usize) -> Range<usize> {
        let at = if pos == 0 {
            0
        } else {
            self.token(pos - 1).range.end
        };
        at..at
    }

    fn text_of(&self, pos: usize) -> &str {
        &self.text[self.token(pos).range.clone()]
    }
}

/// The word diff of two texts.
pub(crate) struct WordDiff {
    /// The edits a reader sees, after the cleanup.
    pub edits: Vec<Edit>,
    /// Whether the deadline cut the search short.
    pub approximate: bool,
    /// Share of the words, both sides together, that the shortest diff keeps in runs of two or
    /// more tokens: how much text the two really share, measured before the cleanup folds
    /// short runs into replacements. Lone matches are left out because any two paragraphs of
    /// one language share "the" and commas.
    pub shared: f64,
}

/// Diffs the words of two texts.
pub(crate) fn diff_words(old: &str, new: &str, folder: &Folder, deadline: Instant) -> WordDiff {
    let (old_side, old_keys) = SideTokens::new(old, folder);
    let (new_side, new_keys) = SideTokens::new(new, folder);
    let ops = capture_diff_deadline(
        Algorithm::Myers,
        &old_keys,
        0..old_keys.len(),
        &new_keys,
        0..new_keys.len(),
        Some(deadline),
    );
    let approximate = Instant::now() > deadline;
    let mut runs = runs_from_ops(&ops);
    // Words only: a URL or a row of punctuation is many tokens but reads as little text.
    let words =
        |side: &SideTokens, run: Range<usize>| run.filter(|&pos| side.token(pos).is_word).count();
    let kept: usize = runs
        .iter()
        .filter(|r| r.equal && r.old.len() >= 2)
        .map(|r| words(&old_side, r.old.clone()))
        .sum();
    let total = words(&old_side, 0..old_keys.len()) + words(&new_side, 0..new_keys.len());
    let shared = if total == 0 {
        1.0
    } else {
        (2 * kept) as f64 / total as f64
    };
    merge_short_equalities(&mut runs, &old_side, &new_side);
    slide_to_sentence_boundaries(&mut runs, &old_keys, &new_keys, &old_side, &new_side);
    WordDiff {
        edits: edits_from_runs(&runs, &old_side, &new_side),
        approximate,
        shared,
    }
}

/// Collapses similar's ops into alternating equal and replacement runs.
fn runs_from_ops(ops: &[DiffOp]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (old, new) = (op.old_range(), op.new_range());
        let equal = matches!(op, DiffOp::Equal { .. });
        match runs.last_mut() {
            Some(last) if last.equal == equal => {
                last.old.end = old.end;
                last.new.end = new.end;
            }
            _ => runs.push(Run { equal, old, new }),
        }
    }
    runs
}

/// An equal run of this many words is kept whatever surrounds it: folded into a replacement,
/// a clause both versions share would read as rewritten, and one fold makes the next edit
/// larger, so a long paragraph could cascade into one wall of struck-out text.
const KEEP_EQUAL_WORDS: usize = 5;

fn long_enough(side: &SideTokens, run: &Range<usize>) -> bool {
    run.clone()
        .filter(|&pos| side.token(pos).is_word)
        .nth(KEEP_EQUAL_WORDS - 1)
        .is_some()
}

/// diff-match-patch's semantic rule: an equality no longer than the larger side of the edit
/// before it and of the edit after it reads better as part of one replacement.
///
/// One pass with a stack: a merge can only enable another merge just before it (the merged edit
/// is larger), which the inner loop handles, so long paragraphs stay linear.
fn merge_short_equalities(runs: &mut Vec<Run>, old: &SideTokens, new: &SideTokens) {
    let len = |side: &SideTokens, r: &Range<usize>| side.bytes(r).map_or(0, |b| b.len());
    let size = |r: &Run| len(old, &r.old).max(len(new, &r.new));
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs.drain(..) {
        out.push(run);
        while let [.., before, equal, after] = out.as_slice() {
            let short = len(old, &equal.old);
            if equal.equal && long_enough(old, &equal.old) {
                break;
            }
            if before.equal
                || !equal.equal
                || after.equal
                || short > size(before)
                || short > size(after)
            {
                break;
            }
            let merged = Run {
                equal: false,
                old: before.old.start..after.old.end,
                new: before.new.start..after.new.end,
            };
            out.truncate(out.len() - 3);
            out.push(merged);
        }
    }
    *runs = out;
}

/// Moves pure insertions and deletions that could sit in several places (the words around them
/// repeat) to the place that best matches sentence and clause boundaries.
fn slide_to_sentence_boundaries(
    runs: &mut [Run],
    old_keys: &[u64],
    new_keys: &[u64],
    old: &SideTokens,
    new: &SideTokens,
) {
    for i in 1..runs.len().saturating_sub(1) {
        if runs[i].equal || !runs[i - 1].equal || !runs[i + 1].equal {
            continue;
        }
        let (side, keys, edit, before, after) = if runs[i].old.is_empty() {
            (
                new,
                new_keys,
                &runs[i].new,
                &runs[i - 1].new,
                &runs[i + 1].new,
            )
        } else if runs[i].new.is_empty() {
            (
                old,
                old_keys,
                &runs[i].old,
                &runs[i - 1].old,
                &runs[i + 1].old,
            )
        } else {
            continue;
        };
        // How far the edit can slide left or right while both texts stay the same.
        let mut left = 0;
        while left < before.len() && keys[edit.start - left - 1] == keys[edit.end - left - 1] {
            left += 1;
        }
        let mut right = 0;
        while right < after.len() && keys[edit.start + right] == keys[edit.end + right] {
            right += 1;
        }
        if left + right == 0 {
            continue;
        }
        let len = edit.len();
        let best = (edit.start - left..=edit.start + right)
            .max_by_key(|&s| {
                (
                    boundary_score(side, s, s + len),
                    std::cmp::Reverse(s.abs_diff(edit.start)),
                )
            })
            .unwrap_or(edit.start);
        let shift = best as isize - edit.start as isize;
        // Sliding moves the boundaries on both sides by the same number of tokens.
        let by = |at: usize| at.saturating_add_signed(shift);
        runs[i - 1].old.end = by(runs[i - 1].old.end);
        runs[i - 1].new.end = by(runs[i - 1].new.end);
        runs[i].old = by(runs[i].old.start)..by(runs[i].old.end);
        runs[i].new = by(runs[i].new.start)..by(runs[i].new.end);
        runs[i + 1].old.start = by(runs[i + 1].old.start);
        runs[i + 1].new.start = by(runs[i + 1].new.start);
    }
}

/// How well an edit spanning compared positions `start..end` fits sentence structure: best when
/// it starts a sentence and ends one.
fn boundary_score(side: &SideTokens, start: usize, end: usize) -> u8 {
    let ends_sentence = |pos: usize| matches!(side.text_of(pos), "." | "!" | "?" | "…");
    let ends_clause = |pos: usize| matches!(side.text_of(pos), "," | ";" | ":" | "—" | "--");
    let mut score = 0;
    if start == 0 || ends_sentence(start - 1) {
        score += 3;
    } else if ends_clause(start - 1) {
        score += 1;
    }
    if end > start && ends_sentence(end - 1) {
        score += 3;
    } else if end > start && ends_clause(end - 1) {
        score += 1;
    }
    score
}

/// Turns runs over compared tokens into edits over byte ranges.
fn edits_from_runs(runs: &[Run], old: &SideTokens, new: &SideTokens) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(runs.len() + 1);
    for run in runs {
        let old_bytes = old.bytes(&run.old);
        let new_bytes = new.bytes(&run.new);
        if run.equal {
            if let (Some(o), Some(n)) = (old_bytes, new_bytes) {
                edits.push(Edit {
                    op: EditOp::Equal,
                    old: o,
                    new: n,
                });
            }
            continue;
        }
        if let Some(o) = old_bytes {
            edits.push(Edit {
                op: EditOp::Delete,
                old: o,
                new: new.point(run.new.start),
            });
        }
        if let Some(n) = new_bytes {
            edits.push(Edit {
                op: EditOp::Insert,
                old: old.point(run.old.end),
                new: n,
            });
        }
    }
    edits
}
