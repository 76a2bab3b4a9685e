//! Paragraph breaks that the versions disagree on.
//!
//! Layout is never a change: the same words split into paragraphs differently (a file re-wrapped
//! and segmented another way, or an editor splitting one paragraph in two) must read as the same
//! text. So a gap between anchors is compared on its word stream, not its paragraphs: the words
//! of all its paragraphs on each side, diffed as one sequence. A paragraph break where both sides
//! have one, at the same point of that diff, is a cut both versions agree on; between two cuts
//! lies a block. A block whose words are the same on both sides is re-paragraphed text, not a
//! change; a block that mostly shares its words but breaks paragraphs differently is one change
//! across all its paragraphs, so its word diff shows exactly the edits. Everything else goes back
//! to the paragraph alignment (pairs, moves, insertions and deletions).

use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_deadline};

use super::fold::Folder;
use crate::text::{Article, tokens};

/// A block of a gap that the word stream settles, by the paragraphs of each side it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub reading: Reading,
}

/// What the word stream says of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The same words on both sides: no change, however the paragraphs are broken.
    SameWords,
    /// Paragraphs broken differently, and words edited: one change over the whole block.
    Edited,
    /// Not settled here: the paragraph alignment decides.
    Open,
}

/// A block with different paragraph breaks is one change when at least this share of its words
/// is common to both sides: text re-paragraphed and lightly edited. Below it the block holds more
/// than edits (a paragraph moved away from beside an edited one shares half the block's words),
/// and its paragraphs are left to pairing and move detection.
const EDITED_SHARE: f64 = 0.8;

/// Gaps with less text than this (both sides) are tokenised on one thread.
const PARALLEL_FROM: usize = 256 * 1024;

/// One side of a gap as a single stream of folded token keys.
struct Stream {
    keys: Vec<u64>,
    /// For each paragraph of the gap, where its keys start; then the end.
    starts: Vec<usize>,
}

impl Stream {
    fn new(article: &Article, paragraphs: Range<usize>, folder: &Folder) -> Self {
        let mut keys = Vec::new();
        let mut starts = Vec::with_capacity(paragraphs.len() + 1);
        for p in &article.paragraphs[paragraphs] {
            starts.push(keys.len());
            keys.extend(folder.token_keys(&p.text, &tokens(&p.text)).0);
        }
        starts.push(keys.len());
        Self { keys, starts }
    }

    /// The paragraph (relative to the gap) that starts at key position `at`, or the number of
    /// paragraphs when `at` is the end of the stream. Of several (paragraphs without compared
    /// words), the first.
    fn paragraph_at(&self, at: usize) -> Option<usize> {
        let k = self.starts.partition_point(|&s| s < at);
        (k < self.starts.len() && self.starts[k] == at).then_some(k)
    }

    /// The paragraphs (relative to the gap) that start at a key position in `range`.
    fn starts_within(&self, range: std::ops::RangeInclusive<usize>) -> Vec<usize> {
        let first = self.starts.partition_point(|&s| s < *range.start());
        (first..self.starts.len())
            .take_while(|&k| self.starts[k] <= *range.end())
            .filter(|&k| self.paragraph_at(self.starts[k]) == Some(k))
            .collect()
    }
}

/// Splits the gap `old` × `new` into blocks at the paragraph breaks both sides agree on. The
/// blocks cover the gap in order; neighbouring open blocks are merged.
pub(crate) fn blocks(
    old_article: &Article,
    new_article: &Article,
    old: Range<usize>,
    new: Range<usize>,
    folder: &Folder,
    deadline: Instant,
) -> Vec<Block> {
    let stream_old = || Stream::new(old_article, old.clone(), folder);
    let stream_new = || Stream::new(new_article, new.clone(), folder);
    // Most gaps are a few paragraphs, which cost less than starting a thread.
    let bytes: usize = old_article.paragraphs[old.clone()]
        .iter()
        .chain(&new_article.paragraphs[new.clone()])
        .map(|p| p.text.len())
        .sum();
    let (a, b) = if bytes < PARALLEL_FROM {
        (stream_old(), stream_new())
    } else {
        crate::parallel::join(stream_old, stream_new)
    };
    let ops = if a.keys == b.keys {
        vec![DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: a.keys.len(),
        }]
    } else {
        capture_diff_deadline(
            Algorithm::Patience,
            &a.keys,
            0..a.keys.len(),
            &b.keys,
            0..b.keys.len(),
            Some(deadline),
        )
    };
    let cuts = agreed_cuts(&a, &b, &ops);
    let mut out: Vec<Block> = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let ((o0, n0), (o1, n1)) = (pair[0], pair[1]);
        let (ow, nw) = (a.starts[o0]..a.starts[o1], b.starts[n0]..b.starts[n1]);
        // (Paragraphs with nothing compared, "* *" when punctuation is ignored, on one side
        // only are the same words too: none.)
        let reading = if a.keys[ow.clone()] == b.keys[nw.clone()] {
            Reading::SameWords
        } else if o0 == o1 || n0 == n1 {
            Reading::Open
        } else if o1 - o0 == 1 && n1 - n0 == 1 {
            // One paragraph on each side breaks nothing differently: pairing handles it.
            Reading::Open
        } else {
            let common = common_in(&ops, &ow, &nw);
            let share = 2.0 * common as f64 / (ow.len() + nw.len()).max(1) as f64;
            // The paragraphs at the block's edges must keep most of their words: one that lost
            // them was deleted or moved away from beside the edited ones, which moves and
            // insertions explain. Inside the block a paragraph may be new: a heading inserted
            // where a paragraph was split.
            let kept = |stream: &Stream, k: usize, old_side: bool| {
                let keys = stream.starts[k]..stream.starts[k + 1];
                let common = if old_side {
                    common_in(&ops, &keys, &nw)
                } else {
                    common_in(&ops, &ow, &keys)
                };
                2 * common >= keys.len()
            };
            if share >= EDITED_SHARE
                && [o0, o1 - 1].into_iter().all(|k| kept(&a, k, true))
                && [n0, n1 - 1].into_iter().all(|k| kept(&b, k, false))
            {
                Reading::Edited
            } else {
                Reading::Open
            }
        };
        let block = Block {
            old: old.start + o0..old.start + o1,
            new: new.start + n0..new.start + n1,
            reading,
        };
        // Neighbouring open blocks are one stretch for the paragraph alignment.
        match out.last_mut() {
            Some(last) if last.reading == Reading::Open && reading == Reading::Open => {
                last.old.end = block.old.end;
                last.new.end = block.new.end;
            }
            _ => out.push(block),
        }
    }
    out
}

/// The cuts (old paragraph, new paragraph), relative to the gap, where both sides start a
/// paragraph at the same point of the word diff; the gap's start and end included.
fn agreed_cuts(a: &Stream, b: &Stream, ops: &[DiffOp]) -> Vec<(usize, usize)> {
    let (old_paras, new_paras) = (a.starts.len() - 1, b.starts.len() - 1);
    let mut cuts = vec![(0, 0)];
    let mut add = |cut: (usize, usize)| {
        let last = cuts[cuts.len() - 1];
        if cut.0 >= last.0 && cut.1 >= last.1 && cut != last {
            cuts.push(cut);
        }
    };
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        match *op {
            // Every point of the op's path: along a diagonal for equal words, along one axis
            // for a deletion or an insertion.
            DiffOp::Equal { .. } | DiffOp::Delete { .. } => {
                for i in a.starts_within(o.start..=o.end) {
                    let at = match op {
                        DiffOp::Equal { .. } => n.start + (a.starts[i] - o.start),
                        _ => n.start,
                    };
                    if let Some(j) = b.paragraph_at(at) {
                        add((i, j));
                    }
                }
            }
            DiffOp::Insert { .. } => {
                if let Some(i) = a.paragraph_at(o.start) {
                    for j in b.starts_within(n.start..=n.end) {
                        add((i, j));
                    }
                }
            }
            DiffOp::Replace { .. } => {
                if let (Some(i), Some(j)) = (a.paragraph_at(o.end), b.paragraph_at(n.end)) {
                    add((i, j));
                }
            }
        }
    }
    add((old_paras, new_paras));
    cuts
}

/// The number of equal keys the diff finds inside the block with key ranges `old` × `new`.
/// The ops are in order, so only those that reach into `old` are looked at.
fn common_in(ops: &[DiffOp], old: &Range<usize>, new: &Range<usize>) -> usize {
    let first = ops.partition_point(|op| op.old_range().end <= old.start);
    ops[first..]
        .iter()
        .take_while(|op| op.old_range().start < old.end)
        .map(|op| match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                // The part of the diagonal (old_index + k, new_index + k) inside the block.
                let from = old
                    .start
                    .saturating_sub(old_index)
                    .max(new.start.saturating_sub(new_index));
                let to = len
                    .min(old.end.saturating_sub(old_index))
                    .min(new.end.saturating_sub(new_index));
                to.saturating_sub(from)
            }
            _ => 0,
        })
        .sum()
}
