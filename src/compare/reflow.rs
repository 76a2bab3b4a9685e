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

use similar::DiffOp;

use super::patience::unique_in_order;

use super::fold::Folder;
use super::patience;
use crate::text::{Article, each_token};

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

/// Gaps with fewer words than this on either side are always diffed on their words.
const UNRELATED_FROM: usize = 10_000;

/// A gap of at least [`UNRELATED_FROM`] words is unrelated text when fewer than one in this many
/// of its words are unique words in the same order on both sides (and most unique words are out
/// of order). Measured: random words of the King James Bible against others, 2 in 10,000; a
/// stretch of a tenth of the gap left the same amid unrelated text (the GFDL amid the licences
/// and the Debian FAQ), 170.
const UNRELATED_SHARE: usize = 500;

/// One side of a gap as a single stream of folded token keys.
struct Stream {
    keys: Vec<u64>,
    /// For each paragraph of the gap, where its keys start; then the end.
    starts: Vec<usize>,
}

impl Stream {
    fn new(article: &Article, paragraphs: Range<usize>, folder: &Folder) -> Self {
        let paragraphs = &article.paragraphs[paragraphs];
        // About one token per five bytes of prose.
        let bytes: usize = paragraphs.iter().map(|p| p.text.len()).sum();
        let mut keys = Vec::with_capacity(bytes / 5);
        let mut starts = Vec::with_capacity(paragraphs.len() + 1);
        let mut buf = String::new();
        for p in paragraphs {
            starts.push(keys.len());
            each_token(&p.text, |range, _| {
                keys.extend(folder.token_key(&p.text[range], &mut buf));
            });
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
    moved: &dyn Fn(bool, usize) -> bool,
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
    } else if unrelated(&a.keys, &b.keys) {
        return vec![Block {
            old,
            new,
            reading: Reading::Open,
        }];
    } else {
        patience::diff(&a.keys, 0..a.keys.len(), &b.keys, 0..b.keys.len(), deadline)
    };
    let ops = slide_to_breaks(ops, &a, &b);
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
            // A paragraph inside the block that shares no word with the other side was
            // inserted or deleted there (a heading inserted where a paragraph was split, a
            // paragraph deleted between two that were joined): it is an edit of the block, and
            // its words do not count against the share, unless the other version has it
            // elsewhere, moved.
            let share_without = |whole: usize| {
                2.0 * common as f64 / (ow.len() + nw.len()).saturating_sub(whole).max(1) as f64
            };
            let mut share = share_without(0);
            if share < EDITED_SHARE {
                let mut whole = 0;
                for (stream, range, other, old_side, first) in [
                    (&a, o0..o1, &nw, true, old.start),
                    (&b, n0..n1, &ow, false, new.start),
                ] {
                    for k in range.start + 1..range.end.saturating_sub(1) {
                        let keys = stream.starts[k]..stream.starts[k + 1];
                        let shared = if old_side {
                            common_in(&ops, &keys, other)
                        } else {
                            common_in(&ops, other, &keys)
                        };
                        if shared == 0 && !moved(old_side, first + k) {
                            whole += keys.len();
                        }
                    }
                }
                share = share_without(whole);
            }
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

/// Whether two long word streams are unrelated text: two unrelated texts laid out differently
/// are one large gap, whose word diff (Myers's, on words that agree nowhere for long) costs the
/// square of its length. The words that occur once on each side tell it cheaply: in related text,
/// however edited, a good part of them are in the same order on both sides; in unrelated text,
/// few, by chance, and most are not. (Repetitive text, with hardly a word that occurs once, says
/// nothing this way and is diffed.)
fn unrelated(old: &[u64], new: &[u64]) -> bool {
    let shorter = old.len().min(new.len());
    if shorter < UNRELATED_FROM {
        return false;
    }
    let (in_order, unique) = unique_in_order(old, new);
    in_order * UNRELATED_SHARE < shorter && in_order * 4 < unique
}

/// Moves each deletion and insertion of the word diff, where it can slide along equal words, to
/// where it begins or ends at a paragraph break on both sides, or else on its own side.
///
/// A run of deleted words whose first word equals the word after it (a deleted paragraph that
/// starts with "And", followed by one that starts with "And") can be placed one word earlier or
/// later at the same cost, and the diff places it by chance. Placed one word off, the break
/// before the next paragraph is no longer a point of the diff, so two sides that agree on it
/// lose the cut and a paragraph re-broken after it reads as inserted.
fn slide_to_breaks(ops: Vec<DiffOp>, a: &Stream, b: &Stream) -> Vec<DiffOp> {
    // An empty equal run beside every other op (at the ends too) gives each run two equal
    // neighbours to slide along, one of which may be empty.
    let equal_at = |old_index, new_index| DiffOp::Equal {
        old_index,
        new_index,
        len: 0,
    };
    let mut padded = Vec::with_capacity(2 * ops.len() + 1);
    for op in ops {
        let is_equal = matches!(op, DiffOp::Equal { .. });
        if !is_equal && !matches!(padded.last(), Some(DiffOp::Equal { .. })) {
            padded.push(equal_at(op.old_range().start, op.new_range().start));
        }
        padded.push(op);
    }
    if let Some(last) = padded.last().copied()
        && !matches!(last, DiffOp::Equal { .. })
    {
        padded.push(equal_at(last.old_range().end, last.new_range().end));
    }
    let mut ops = padded;
    for k in 1..ops.len().saturating_sub(1) {
        let (DiffOp::Equal { len: before, .. }, DiffOp::Equal { len: after, .. }) =
            (ops[k - 1], ops[k + 1])
        else {
            continue;
        };
        // The side the run lies on, its key range there, and its point on the other side.
        let (run, other, range, at) = match ops[k] {
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (a, b, old_index..old_index + old_len, new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (b, a, new_index..new_index + new_len, old_index),
            _ => continue,
        };
        let keys = &run.keys;
        let left = (1..=before)
            .take_while(|&u| keys[range.start - u] == keys[range.end - u])
            .count();
        let right = (0..after)
            .take_while(|&u| {
                range.end + u < keys.len() && keys[range.start + u] == keys[range.end + u]
            })
            .count();
        if left == 0 && right == 0 {
            continue;
        }
        // Each end of the run that is a paragraph break on both sides is a cut; one on the
        // run's side only at least keeps a whole paragraph inside the run, read as inserted or
        // deleted whole.
        let cuts = |d: isize| {
            let (start, end, point) = (
                range.start.wrapping_add_signed(d),
                range.end.wrapping_add_signed(d),
                at.wrapping_add_signed(d),
            );
            let across = other.paragraph_at(point).is_some();
            // (The gap's own ends are cuts already.)
            let at_ends = |i: usize| {
                (i == 0 && point == 0) || (i == run.keys.len() && point == other.keys.len())
            };
            let score = |i: usize| match (run.paragraph_at(i).is_some(), across && !at_ends(i)) {
                (true, true) => 3,
                (true, false) => 1,
                _ => 0,
            };
            score(start) + score(end)
        };
        let Some(best) = (-(left as isize)..=right as isize)
            .max_by_key(|&d| (cuts(d), std::cmp::Reverse(d.unsigned_abs())))
        else {
            continue;
        };
        if best == 0 || cuts(best) <= cuts(0) {
            continue;
        }
        let shift = |index: usize| index.wrapping_add_signed(best);
        ops[k - 1] = match ops[k - 1] {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => DiffOp::Equal {
                old_index,
                new_index,
                len: len.wrapping_add_signed(best),
            },
            op => op,
        };
        ops[k] = match ops[k] {
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => DiffOp::Delete {
                old_index: shift(old_index),
                old_len,
                new_index: shift(new_index),
            },
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => DiffOp::Insert {
                old_index: shift(old_index),
                new_index: shift(new_index),
                new_len,
            },
            op => op,
        };
        ops[k + 1] = match ops[k + 1] {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => DiffOp::Equal {
                old_index: shift(old_index),
                new_index: shift(new_index),
                len: len.wrapping_add_signed(-best),
            },
            op => op,
        };
    }
    // A run slid the whole length of an equal neighbour leaves it empty.
    ops.retain(|op| !matches!(op, DiffOp::Equal { len: 0, .. }));
    ops
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::CompareOptions;

    /// Paragraphs of the corpus's real `sources`, in order and again, up to `words` words.
    fn paragraphs(sources: &[&str], words: usize) -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/sources");
        let mut all = Vec::new();
        for name in sources {
            let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
            all.extend(
                crate::text::segment(&text)
                    .into_iter()
                    .filter(|p| p.words >= 5),
            );
        }
        let (mut out, mut count) = (Vec::new(), 0);
        for p in all.iter().cycle().take(10 * all.len()) {
            if count >= words {
                break;
            }
            count += p.words;
            out.push(p.text.clone());
        }
        out
    }

    #[test]
    fn a_reparagraphed_stretch_amid_unrelated_text_is_found() {
        // Two unrelated texts of 20,000+ words a side (the licences, the Debian FAQ) with the
        // same stretch in the middle (the GFDL), broken into paragraphs differently, as one gap.
        // Unrelated text as a whole, but its tenth that is the same words must still be found:
        // the check that spares unrelated text its word diff must not take it for unrelated.
        let mut stretch = paragraphs(&["gfdl13"], 2_400);
        stretch.truncate(stretch.len() / 2 * 2);
        let joined: Vec<String> = stretch.chunks(2).map(|pair| pair.join(" ")).collect();
        let around = |text: Vec<String>, middle: &[String]| {
            let half = text.len() / 2;
            let at = half..half + middle.len();
            let text = [&text[..half], middle, &text[half..]].concat().join("\n\n");
            (Article::from_text("v", &text), at)
        };
        let (old, old_stretch) = around(paragraphs(&["gpl3", "apache2", "mpl2"], 20_000), &stretch);
        let (new, new_stretch) = around(paragraphs(&["debian-faq"], 20_000), &joined);
        let found = blocks(
            &old,
            &new,
            0..old.paragraphs.len(),
            0..new.paragraphs.len(),
            &Folder::new(CompareOptions::default()),
            &|_, _| false,
            Instant::now() + std::time::Duration::from_secs(600),
        );
        let same: Vec<&Block> = found
            .iter()
            .filter(|b| b.reading == Reading::SameWords)
            .collect();
        let covered = |stretch: &Range<usize>, side: fn(&Block) -> &Range<usize>| {
            stretch
                .clone()
                .all(|k| same.iter().any(|b| side(b).contains(&k)))
        };
        assert!(covered(&old_stretch, |b| &b.old), "{found:?}");
        assert!(covered(&new_stretch, |b| &b.new), "{found:?}");
    }
}
