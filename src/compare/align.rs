//! Paragraph alignment: which old paragraph corresponds to which new one.
//!
//! 1. Anchors: a patience diff of paragraph keys pairs the paragraphs that are equal (after the
//!    options' folding) and in order. What lies between two anchors is a gap. A gap whose
//!    paragraphs are broken differently on each side is read on its word stream first
//!    ([`reflow`]): the same words are no change, whatever the paragraph breaks.
//! 2. Exact moves: a paragraph that is equal to one in a *different* gap has moved.
//! 3. Pairing inside each gap: a lone paragraph on each side is paired by position; otherwise an
//!    order-preserving dynamic programme pairs rewritten paragraphs whose words are alike
//!    ([`PAIR_THRESHOLD`]), and pairs one paragraph with two adjacent ones when it was split or
//!    two were merged. (Pairs whose word diff then shows little shared text are undone later.)
//! 4. Edited moves: paragraphs still unpaired anywhere that are very alike ([`MOVE_THRESHOLD`])
//!    have moved and been edited.
//! 5. What is left was inserted or deleted. Rows are laid out so that each side keeps its own
//!    reading order; a deletion and an insertion at the same place share a row.

// Keyed by paragraph keys and indices, which need no SipHash.
use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use std::time::Instant;

use similar::DiffOp;

use super::fold::Folder;
use super::model::{ChangeKind, Side};
use super::reflow::{self, Reading};
use super::similarity::{WordBag, dice, dice_bound};
use crate::text::{Article, tokens};

/// Two paragraphs in the same gap are the same paragraph rewritten when their Dice coefficient
/// over words reaches this. Chosen on real revisions: the sample's "Volodin said …" paragraph,
/// rewritten to twice its length, scores 0.54; unrelated paragraphs of one article rarely pass 0.3.
pub const PAIR_THRESHOLD: f64 = 0.4;

/// Two paragraphs in one gap whose word bags are less alike than [`PAIR_THRESHOLD`], but at
/// least this alike, are still a rewrite of one paragraph if they keep runs of words: their word
/// pairs' Dice coefficient reaches [`PAIR_RUNS`]. Measured on the corpus's licences and Debian
/// FAQ: word bags of unrelated paragraphs reach 0.45 at the 90th percentile, while a paragraph
/// rewritten in place keeping half its words falls to 0.38 at the 10th, so bags alone cannot tell
/// them apart; word pairs can (unrelated: 0.04 to 0.21 at the 90th percentile, such rewrites:
/// 0.27 to 0.32 at the 10th). The word diff checks each pair again afterwards
/// ([`super::MIN_PAIR_OVERLAP`]).
const LOOSE_PAIR_THRESHOLD: f64 = 0.25;

/// See [`LOOSE_PAIR_THRESHOLD`].
const PAIR_RUNS: f64 = 0.2;

/// A paragraph found elsewhere counts as moved (and edited) at this similarity. Higher than
/// [`PAIR_THRESHOLD`] because its position gives no support.
pub const MOVE_THRESHOLD: f64 = 0.6;

/// A paragraph that the other version breaks into more parts than a move is first compared
/// with (one or two) is followed up when at least this share of the smaller side's words is in
/// the other: a part of it.
const GROWN_CONTAINMENT: f64 = 0.8;

/// Each part of a split (or merge) must have at least this share of its words in the other side.
const SPLIT_CONTAINMENT: f64 = 0.6;

/// Gaps larger than this many paragraph pairs are cut into diagonal chunks (approximate).
const MAX_GAP_CELLS: usize = 90_000;

/// Words that appear in more than this many unpaired paragraphs say nothing about moves.
const MAX_POSTINGS: usize = 64;

/// The comparison was cancelled by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the comparison was cancelled")]
pub struct Cancelled;

/// A change before the word diff: which paragraphs, and what happened to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftChange {
    pub kind: ChangeKind,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// A row before changes are put in reading order: change ids index `Alignment::changes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftRow {
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub old_change: Option<usize>,
    pub new_change: Option<usize>,
}

/// The result of aligning paragraphs.
#[derive(Debug, Default)]
pub(crate) struct Alignment {
    pub rows: Vec<DraftRow>,
    pub changes: Vec<DraftChange>,
    pub approximate: bool,
}

/// Old paragraphs paired with new ones: one to one, or one to two for a split or merge.
type Pair = (Range<usize>, Range<usize>);

/// A run of paragraphs between anchors.
#[derive(Debug, Clone)]
enum Segment {
    Same {
        old: usize,
        new: usize,
        len: usize,
    },
    /// Paragraphs broken differently on each side whose word streams settled them: the same
    /// words (no change) or one edited change over all of them.
    Settled {
        old: Range<usize>,
        new: Range<usize>,
        change: Option<usize>,
    },
    Gap {
        old: Range<usize>,
        new: Range<usize>,
    },
}

/// What became of a paragraph inside a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Open,
    Paired,
    Moved(usize),
}

pub(crate) struct Aligner<'a> {
    old: &'a Article,
    new: &'a Article,
    folder: Folder,
    deadline: Instant,
    cancel: Option<&'a AtomicBool>,
    bags: [HashMap<usize, WordBag>; 2],
    approximate: bool,
}

impl<'a> Aligner<'a> {
    pub(crate) fn new(
        old: &'a Article,
        new: &'a Article,
        folder: Folder,
        deadline: Instant,
        cancel: Option<&'a AtomicBool>,
    ) -> Self {
        Self {
            old,
            new,
            folder,
            deadline,
            cancel,
            bags: [HashMap::default(), HashMap::default()],
            approximate: false,
        }
    }

    pub(crate) fn align(mut self) -> Result<Alignment, Cancelled> {
        // Both sides' paragraph keys at once, one per core.
        let folder = self.folder;
        let keys = |a: &Article| -> Vec<u64> {
            let mut buf = String::new();
            a.paragraphs
                .iter()
                .map(|p| folder.paragraph_key(&p.text, &mut buf))
                .collect()
        };
        let (old_keys, new_keys) = crate::parallel::join(|| keys(self.old), || keys(self.new));
        let mut changes = Vec::new();
        let segments = self.anchor(&old_keys, &new_keys);
        let segments = absorb_weak_anchors(segments, [self.old, self.new], [&old_keys, &new_keys]);
        let segments = self.settle_reflow(segments, [&old_keys, &new_keys], &mut changes)?;
        // After the weak anchors are absorbed (the anchors this step finds are often repeated
        // paragraphs beside unbalanced gaps, which that step would undo) and after text broken
        // into paragraphs differently is settled on its word stream, whose gaps this step must
        // not recut.
        let segments = self.fewest_moves(segments, &old_keys, &new_keys);
        self.past_deadline();
        let mut old_fate = vec![Fate::Open; self.old.paragraphs.len()];
        let mut new_fate = vec![Fate::Open; self.new.paragraphs.len()];
        for segment in &segments {
            match segment {
                Segment::Same { old, new, len } => {
                    old_fate[*old..old + len].fill(Fate::Paired);
                    new_fate[*new..new + len].fill(Fate::Paired);
                }
                Segment::Settled { old, new, .. } => {
                    old_fate[old.clone()].fill(Fate::Paired);
                    new_fate[new.clone()].fill(Fate::Paired);
                }
                Segment::Gap { .. } => {}
            }
        }
        self.exact_moves(
            &segments,
            [&old_keys, &new_keys],
            &mut old_fate,
            &mut new_fate,
            &mut changes,
        );

        // Pairs found in each gap, in order, as change ids.
        let mut gap_pairs: Vec<Vec<usize>> = Vec::new();
        for segment in &segments {
            self.check_cancel()?;
            let Segment::Gap { old, new } = segment else {
                gap_pairs.push(Vec::new());
                continue;
            };
            let olds: Vec<usize> = old.clone().filter(|&i| old_fate[i] == Fate::Open).collect();
            let news: Vec<usize> = new.clone().filter(|&j| new_fate[j] == Fate::Open).collect();
            let mut ids = Vec::new();
            // A lone paragraph on each side of a gap sits in the same place: pair it without
            // comparing word bags. The word diff decides later whether they share enough text
            // to stay paired (`MIN_PAIR_OVERLAP`); most gaps of a revision are like this.
            let pairs = match (olds.as_slice(), news.as_slice()) {
                (&[o], &[n]) => vec![(o..o + 1, n..n + 1)],
                _ => self.pair_gap(&olds, &news)?,
            };
            for (o, n) in pairs {
                old_fate[o.clone()].fill(Fate::Paired);
                new_fate[n.clone()].fill(Fate::Paired);
                ids.push(changes.len());
                changes.push(DraftChange {
                    kind: ChangeKind::Changed,
                    old: o,
                    new: n,
                });
            }
            gap_pairs.push(ids);
        }
        // A moved run of paragraphs stays inside one segment, so one row can show it.
        let mut walls = [
            vec![false; self.old.paragraphs.len() + 1],
            vec![false; self.new.paragraphs.len() + 1],
        ];
        for segment in &segments {
            let (o, n) = match segment {
                Segment::Same { old, new, .. } => (*old, *new),
                Segment::Settled { old, new, .. } | Segment::Gap { old, new } => {
                    (old.start, new.start)
                }
            };
            walls[0][o] = true;
            walls[1][n] = true;
        }
        self.edited_moves(&mut old_fate, &mut new_fate, &walls, &mut changes)?;
        let mut layout = Layout {
            rows: Vec::new(),
            changes,
        };
        for (segment, pairs) in segments.iter().zip(&gap_pairs) {
            match segment {
                Segment::Same { old, new, len } => {
                    for k in 0..*len {
                        layout.rows.push(DraftRow {
                            old: old + k..old + k + 1,
                            new: new + k..new + k + 1,
                            old_change: None,
                            new_change: None,
                        });
                    }
                }
                Segment::Settled { old, new, change } => layout.rows.push(DraftRow {
                    old: old.clone(),
                    new: new.clone(),
                    old_change: *change,
                    new_change: *change,
                }),
                Segment::Gap { old, new } => {
                    layout.gap(old.clone(), new.clone(), pairs, &old_fate, &new_fate);
                }
            }
        }
        Ok(Alignment {
            rows: layout.rows,
            changes: layout.changes,
            approximate: self.approximate,
        })
    }

    fn check_cancel(&self) -> Result<(), Cancelled> {
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Cancelled),
            _ => Ok(()),
        }
    }

    fn past_deadline(&mut self) -> bool {
        let past = Instant::now() > self.deadline;
        self.approximate |= past;
        past
    }

    /// Step 1: equal paragraphs in order become anchors; the rest falls into gaps.
    fn anchor(&mut self, old_keys: &[u64], new_keys: &[u64]) -> Vec<Segment> {
        let ops = super::patience::diff_all(
            old_keys,
            0..old_keys.len(),
            new_keys,
            0..new_keys.len(),
            self.deadline,
        );
        self.past_deadline();
        let mut segments: Vec<Segment> = Vec::new();
        push_ops(&mut segments, ops);
        segments
    }

    /// Step 1c: a patience diff anchors on paragraphs that occur once, so one unique paragraph
    /// moved among identical ones (a row of asterisks, a repeated line) is kept in place and a
    /// dozen copies of the repeated one are reported moved around it. Where two gaps lean
    /// opposite ways (one has more new paragraphs, the other more old ones) and only a few
    /// anchored paragraphs lie between them, the stretch is diffed again for the most
    /// paragraphs kept in order; if that keeps more than the anchors did, it wins, and the
    /// unique paragraph becomes one move.
    fn fewest_moves(
        &self,
        segments: Vec<Segment>,
        old_keys: &[u64],
        new_keys: &[u64],
    ) -> Vec<Segment> {
        /// At most this many anchored paragraphs between the two gaps: the distance a moved
        /// paragraph may have travelled among identical ones.
        const MAX_BETWEEN: usize = 256;
        /// Stretches larger than this are left as the patience diff found them: the diff is
        /// O(n·d) and this stage must stay about linear.
        const MAX_REGION: usize = 2048;
        let lean = |s: &Segment| match s {
            Segment::Gap { old, new } => (new.len() as isize - old.len() as isize).signum(),
            _ => 0,
        };
        let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
        let mut k = 0;
        while k < segments.len() {
            if let Segment::Gap { old, new } = &segments[k] {
                let (mut j, mut between) = (k + 1, 0);
                while let Some(Segment::Same { len, .. }) = segments.get(j) {
                    if between + len > MAX_BETWEEN {
                        break;
                    }
                    between += len;
                    j += 1;
                }
                if let Some(after @ Segment::Gap { old: o2, new: n2 }) = segments.get(j)
                    && lean(&segments[k]) * lean(after) < 0
                    && o2.end - old.start <= MAX_REGION
                    && n2.end - new.start <= MAX_REGION
                {
                    let ops = similar::capture_diff_deadline(
                        similar::Algorithm::Myers,
                        old_keys,
                        old.start..o2.end,
                        new_keys,
                        new.start..n2.end,
                        Some(self.deadline),
                    );
                    let kept: usize = ops
                        .iter()
                        .map(|op| match op {
                            DiffOp::Equal { len, .. } => *len,
                            _ => 0,
                        })
                        .sum();
                    if kept > between {
                        push_ops(&mut out, ops);
                        k = j + 1;
                        continue;
                    }
                }
            }
            push_segment(&mut out, segments[k].clone());
            k += 1;
        }
        out
    }

    /// Step 1b: gaps whose paragraphs are broken differently on each side are read on their
    /// word streams ([`reflow`]): re-paragraphed text is no change, and re-paragraphed text with
    /// edits is one change over its paragraphs. What the word streams do not settle stays a gap.
    fn settle_reflow(
        &mut self,
        segments: Vec<Segment>,
        [old_keys, new_keys]: [&[u64]; 2],
        changes: &mut Vec<DraftChange>,
    ) -> Result<Vec<Segment>, Cancelled> {
        // Each side's paragraph keys, built the first time a gap needs them.
        let key_sets: [std::sync::OnceLock<HashSet<u64>>; 2] = Default::default();
        let found_in = |side: usize| {
            key_sets[side].get_or_init(|| [old_keys, new_keys][side].iter().copied().collect())
        };
        // A paragraph that the other version has word for word (elsewhere) moved; it is no
        // deletion or insertion inside a block.
        let moved = |old_side: bool, k: usize| {
            if old_side {
                found_in(1).contains(&old_keys[k])
            } else {
                found_in(0).contains(&new_keys[k])
            }
        };
        // The gaps whose paragraphs break differently are compared on their word streams, each on
        // its own: a re-laid-out article has a thousand of them, so they are spread over the
        // cores.
        let relaid: Vec<(usize, &Range<usize>, &Range<usize>)> = (segments.iter().enumerate())
            .filter_map(|(k, segment)| match segment {
                Segment::Gap { old, new } if self.breaks_differently(old, new) => {
                    Some((k, old, new))
                }
                _ => None,
            })
            .collect();
        // The word streams get at most half the time left, so that pairing the paragraphs they
        // leave open still has time: two unrelated texts laid out differently are one large gap
        // whose word diff would otherwise use it all.
        let now = Instant::now();
        let deadline = now + self.deadline.saturating_duration_since(now) / 2;
        let this = &*self;
        let blocks = crate::parallel::map(&relaid, |&(_, old, new)| {
            this.check_cancel()?;
            Ok(reflow::blocks(
                this.old,
                this.new,
                old.clone(),
                new.clone(),
                &this.folder,
                &moved,
                deadline,
            ))
        });
        let relaid: Vec<usize> = relaid.into_iter().map(|(k, ..)| k).collect();
        self.approximate |= !relaid.is_empty() && Instant::now() > deadline;
        let mut blocks = relaid.into_iter().zip(blocks).peekable();
        let mut out = Vec::with_capacity(segments.len());
        for (k, segment) in segments.into_iter().enumerate() {
            let Segment::Gap { old, new } = &segment else {
                out.push(segment);
                continue;
            };
            let Some((_, found)) = blocks.next_if(|(at, _)| *at == k) else {
                // Paragraphs with nothing the options compare ("* *" when punctuation is
                // ignored) inserted or deleted are layout: the word streams are the same without
                // them.
                if (old.is_empty() || new.is_empty()) && self.nothing_compared(old, new) {
                    out.push(Segment::Settled {
                        old: old.clone(),
                        new: new.clone(),
                        change: None,
                    });
                } else {
                    out.push(segment);
                }
                continue;
            };
            for block in found? {
                let (old, new) = (block.old, block.new);
                out.push(match block.reading {
                    Reading::Open => Segment::Gap { old, new },
                    Reading::SameWords => Segment::Settled {
                        old,
                        new,
                        change: None,
                    },
                    Reading::Edited => {
                        changes.push(DraftChange {
                            kind: ChangeKind::Changed,
                            old: old.clone(),
                            new: new.clone(),
                        });
                        Segment::Settled {
                            old,
                            new,
                            change: Some(changes.len() - 1),
                        }
                    }
                });
            }
        }
        Ok(out)
    }

    /// Whether the gap `old` × `new` may hold text broken into paragraphs differently: both
    /// sides have paragraphs, and not only paragraphs whose breaks fall between the same words
    /// (most gaps: edits inside paragraphs). Pure insertions and deletions break nothing
    /// differently.
    fn breaks_differently(&self, old: &Range<usize>, new: &Range<usize>) -> bool {
        !old.is_empty() && !new.is_empty() && !self.breaks_agree(old, new)
    }

    /// Whether the gap has as many paragraphs on each side, each break between the same words
    /// (the same last word before it and first word after it). Then the paragraph alignment
    /// pairs them as they are; the word streams would find the same cuts at a higher cost.
    fn breaks_agree(&self, old: &Range<usize>, new: &Range<usize>) -> bool {
        let (o, n) = (
            &self.old.paragraphs[old.clone()],
            &self.new.paragraphs[new.clone()],
        );
        o.len() == n.len()
            && o.windows(2).zip(n.windows(2)).all(|(a, b)| {
                a[0].text.rsplit(' ').next() == b[0].text.rsplit(' ').next()
                    && a[1].text.split(' ').next() == b[1].text.split(' ').next()
            })
    }

    /// Whether the paragraphs `old` and `new` hold no token the options compare.
    fn nothing_compared(&self, old: &Range<usize>, new: &Range<usize>) -> bool {
        let mut buf = String::new();
        let empty = |article: &Article, range: &Range<usize>, buf: &mut String| {
            article.paragraphs[range.clone()].iter().all(|p| {
                // A word is always compared: only paragraphs without words need a look.
                p.words == 0
                    && tokens(&p.text).iter().all(|t| {
                        self.folder
                            .token_key(&p.text[t.range.clone()], buf)
                            .is_none()
                    })
            })
        };
        empty(self.old, old, &mut buf) && empty(self.new, new, &mut buf)
    }

    /// Step 2: identical paragraphs in different gaps.
    fn exact_moves(
        &mut self,
        segments: &[Segment],
        [old_keys, new_keys]: [&[u64]; 2],
        old_fate: &mut [Fate],
        new_fate: &mut [Fate],
        changes: &mut Vec<DraftChange>,
    ) {
        let mut by_key: HashMap<u64, Vec<(usize, usize)>> = HashMap::default();
        for (gap, segment) in segments.iter().enumerate() {
            if let Segment::Gap { new, .. } = segment {
                for j in new.clone().filter(|&j| self.new.paragraphs[j].words > 0) {
                    by_key.entry(new_keys[j]).or_default().push((gap, j));
                }
            }
        }
        if by_key.is_empty() {
            return;
        }
        for (gap, segment) in segments.iter().enumerate() {
            let Segment::Gap { old, .. } = segment else {
                continue;
            };
            for i in old.clone() {
                let Some(candidates) = by_key.get_mut(&old_keys[i]) else {
                    continue;
                };
                if let Some(pos) = candidates.iter().position(|&(g, _)| g != gap) {
                    let (_, j) = candidates.remove(pos);
                    old_fate[i] = Fate::Moved(changes.len());
                    new_fate[j] = Fate::Moved(changes.len());
                    changes.push(DraftChange {
                        kind: ChangeKind::Moved,
                        old: i..i + 1,
                        new: j..j + 1,
                    });
                }
            }
        }
    }

    /// The bag of a paragraph computed earlier by [`Self::bag`]; empty if it was not.
    fn cached(&self, side: Side, index: usize) -> &WordBag {
        static EMPTY: WordBag = WordBag::empty();
        let cache = match side {
            Side::Old => &self.bags[0],
            Side::New => &self.bags[1],
        };
        cache.get(&index).unwrap_or(&EMPTY)
    }

    fn bag(&mut self, side: Side, index: usize) -> &WordBag {
        let (article, cache) = match side {
            Side::Old => (self.old, &mut self.bags[0]),
            Side::New => (self.new, &mut self.bags[1]),
        };
        let folder = self.folder;
        cache.entry(index).or_insert_with(|| {
            let text = &article.paragraphs[index].text;
            let words: Vec<_> = tokens(text).into_iter().filter(|t| t.is_word).collect();
            WordBag::new(folder.token_keys(text, &words).0)
        })
    }

    /// Step 3: pairs rewritten, split and merged paragraphs inside one gap, in order.
    fn pair_gap(&mut self, olds: &[usize], news: &[usize]) -> Result<Vec<Pair>, Cancelled> {
        if olds.is_empty() || news.is_empty() {
            return Ok(Vec::new());
        }
        if olds.len() * news.len() <= MAX_GAP_CELLS {
            return self.pair_chunk(olds, news);
        }
        // Too large for the full search.
        self.approximate = true;
        // As many paragraphs on each side, each alike the one in its place: a long run edited
        // paragraph by paragraph. Pair them by position; the chunked search would compare each
        // with hundreds of others to find the same pairs.
        if olds.len() == news.len() {
            let mut pairs = Vec::with_capacity(olds.len());
            for (k, (&o, &n)) in olds.iter().zip(news).enumerate() {
                if k % 1024 == 0 {
                    self.check_cancel()?;
                }
                if self.run_match(o..o + 1, n..n + 1).0 < PAIR_THRESHOLD {
                    break;
                }
                pairs.push((o..o + 1, n..n + 1));
            }
            if pairs.len() == olds.len() {
                return Ok(pairs);
            }
        }
        // Otherwise pair along the diagonal, chunk by chunk.
        let chunks = (olds.len() * news.len())
            .div_ceil(MAX_GAP_CELLS / 4)
            .isqrt()
            .max(2);
        let mut pairs = Vec::new();
        for c in 0..chunks {
            let o = &olds[olds.len() * c / chunks..olds.len() * (c + 1) / chunks];
            let n = &news[news.len() * c / chunks..news.len() * (c + 1) / chunks];
            pairs.extend(self.pair_chunk(o, n)?);
        }
        Ok(pairs)
    }

    fn pair_chunk(&mut self, olds: &[usize], news: &[usize]) -> Result<Vec<Pair>, Cancelled> {
        let (a, b) = (olds.len(), news.len());
        if a == 0 || b == 0 {
            return Ok(Vec::new());
        }
        // Word counts first: a paragraph with no partner of a plausible length needs no bag.
        let reach = LOOSE_PAIR_THRESHOLD.min(SPLIT_CONTAINMENT) * 0.9;
        let old_words: Vec<usize> = olds.iter().map(|&i| self.old.paragraphs[i].words).collect();
        let new_words: Vec<usize> = news.iter().map(|&j| self.new.paragraphs[j].words).collect();
        let (mut old_need, mut new_need) = (vec![false; a], vec![false; b]);
        for (x, &ow) in old_words.iter().enumerate() {
            for (y, &nw) in new_words.iter().enumerate() {
                if dice_bound(ow, nw) >= reach {
                    (old_need[x], new_need[y]) = (true, true);
                }
            }
        }
        let old_len: Vec<usize> = (0..a)
            .map(|x| {
                if old_need[x] {
                    self.bag(Side::Old, olds[x]).len()
                } else {
                    0
                }
            })
            .collect();
        let new_len: Vec<usize> = (0..b)
            .map(|y| {
                if new_need[y] {
                    self.bag(Side::New, news[y]).len()
                } else {
                    0
                }
            })
            .collect();
        let this = &*self;
        // common[i][j]: words old i and new j share (0 when they cannot be alike enough). Most
        // of a large gap's cost: the rows are counted on every core.
        let rows: Vec<usize> = (0..a).collect();
        let rows = crate::parallel::map(&rows, |&x| {
            this.check_cancel()?;
            let mut row = vec![0usize; b];
            for (y, &j) in news.iter().enumerate() {
                if old_need[x] && new_need[y] && dice_bound(old_len[x], new_len[y]) >= reach {
                    row[y] = this
                        .cached(Side::Old, olds[x])
                        .common(this.cached(Side::New, j));
                }
            }
            Ok(row)
        });
        let mut common = Vec::with_capacity(a * b);
        for row in rows {
            common.extend(row?);
        }
        let c = |x: usize, y: usize| common[x * b + y];
        let contained =
            |shared: usize, len: usize| len > 0 && shared as f64 >= SPLIT_CONTAINMENT * len as f64;

        // score[x][y]: the best sum of squared pair similarities pairing olds[..x] with news[..y]; step
        // records the move. Summing similarities (not shared words) lets a close pair of short
        // paragraphs win over a loose pair of long ones; squaring them lets one exact pair win
        // over two loose ones that cross it (a repeated paragraph paired with its copy, not a
        // look-alike), so the fewest changes are reported.
        let w = b + 1;
        let mut score = vec![0f64; (a + 1) * w];
        let mut step = vec![(0u8, 0u8); (a + 1) * w];
        for x in 0..=a {
            for y in 0..=b {
                let mut best = (0f64, (0u8, 0u8));
                if x > 0 && score[(x - 1) * w + y] >= best.0 {
                    best = (score[(x - 1) * w + y], (1, 0));
                }
                if y > 0 && score[x * w + y - 1] > best.0 {
                    best = (score[x * w + y - 1], (0, 1));
                }
                if x > 0 && y > 0 {
                    let shared = c(x - 1, y - 1);
                    let sim = dice(shared, old_len[x - 1], new_len[y - 1]);
                    let alike = sim >= PAIR_THRESHOLD
                        || sim >= LOOSE_PAIR_THRESHOLD
                            && this
                                .cached(Side::Old, olds[x - 1])
                                .pair_similarity(this.cached(Side::New, news[y - 1]))
                                >= PAIR_RUNS;
                    if shared > 0 && alike {
                        let s = score[(x - 1) * w + y - 1] + sim * sim;
                        if s > best.0 {
                            best = (s, (1, 1));
                        }
                    }
                }
                // One old paragraph split into new y-2 and y-1.
                if x > 0
                    && y > 1
                    && news[y - 1] == news[y - 2] + 1
                    && contained(c(x - 1, y - 2), new_len[y - 2])
                    && contained(c(x - 1, y - 1), new_len[y - 1])
                {
                    let halves = this
                        .cached(Side::New, news[y - 2])
                        .union(this.cached(Side::New, news[y - 1]));
                    let shared = this.cached(Side::Old, olds[x - 1]).common(&halves);
                    let sim = dice(shared, old_len[x - 1], halves.len());
                    if sim >= PAIR_THRESHOLD {
                        let s = score[(x - 1) * w + y - 2] + sim * sim;
                        if s > best.0 {
                            best = (s, (1, 2));
                        }
                    }
                }
                // Old x-2 and x-1 merged into new y-1.
                if x > 1
                    && y > 0
                    && olds[x - 1] == olds[x - 2] + 1
                    && contained(c(x - 2, y - 1), old_len[x - 2])
                    && contained(c(x - 1, y - 1), old_len[x - 1])
                {
                    let halves = this
                        .cached(Side::Old, olds[x - 2])
                        .union(this.cached(Side::Old, olds[x - 1]));
                    let shared = this.cached(Side::New, news[y - 1]).common(&halves);
                    let sim = dice(shared, halves.len(), new_len[y - 1]);
                    if sim >= PAIR_THRESHOLD {
                        let s = score[(x - 2) * w + y - 1] + sim * sim;
                        if s > best.0 {
                            best = (s, (2, 1));
                        }
                    }
                }
                score[x * w + y] = best.0;
                step[x * w + y] = best.1;
            }
        }
        let mut pairs = Vec::new();
        let (mut x, mut y) = (a, b);
        while x > 0 || y > 0 {
            let (dx, dy) = (
                usize::from(step[x * w + y].0),
                usize::from(step[x * w + y].1),
            );
            if dx == 0 && dy == 0 {
                break;
            }
            if dx > 0 && dy > 0 {
                pairs.push((olds[x - dx]..olds[x - 1] + 1, news[y - dy]..news[y - 1] + 1));
            }
            x -= dx;
            y -= dy;
        }
        pairs.reverse();
        Ok(pairs)
    }

    /// Step 4: unpaired paragraphs anywhere that are very alike have moved.
    fn edited_moves(
        &mut self,
        old_fate: &mut [Fate],
        new_fate: &mut [Fate],
        [old_walls, new_walls]: &[Vec<bool>; 2],
        changes: &mut Vec<DraftChange>,
    ) -> Result<(), Cancelled> {
        let open_old: Vec<usize> = (0..old_fate.len())
            .filter(|&i| old_fate[i] == Fate::Open)
            .collect();
        let open_new: Vec<usize> = (0..new_fate.len())
            .filter(|&j| new_fate[j] == Fate::Open)
            .collect();
        // Only paragraphs with a partner of a length that could reach the threshold are worth
        // the cost of their word bags (a 50 MB paragraph has none). A paragraph of ordinary
        // length may also be one of many parts of a moved paragraph, or have moved broken into
        // many parts, whose lengths say nothing.
        const ANY_PARTNER_UP_TO: usize = 1000;
        let plausible = |words: &[usize], w: usize| {
            let i = words.partition_point(|&o| o < w.div_ceil(3));
            w <= ANY_PARTNER_UP_TO
                || words
                    .get(i)
                    .is_some_and(|&o| o <= w.saturating_mul(3).max(1))
        };
        let words_of = |a: &Article, list: &[usize]| {
            let mut w: Vec<usize> = list.iter().map(|&i| a.paragraphs[i].words).collect();
            w.sort_unstable();
            w
        };
        let (old_words, new_words) = (words_of(self.old, &open_old), words_of(self.new, &open_new));
        let open_old: Vec<usize> = open_old
            .into_iter()
            .filter(|&i| plausible(&new_words, self.old.paragraphs[i].words))
            .collect();
        let open_new: Vec<usize> = open_new
            .into_iter()
            .filter(|&j| plausible(&old_words, self.new.paragraphs[j].words))
            .collect();
        if open_old.is_empty() || open_new.is_empty() {
            return Ok(());
        }
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::default();
        for &j in &open_new {
            for key in self.bag(Side::New, j).distinct().collect::<Vec<_>>() {
                postings.entry(key).or_default().push(j);
            }
        }
        let mut candidates: Vec<(f64, Range<usize>, Range<usize>)> = Vec::new();
        for &i in &open_old {
            self.check_cancel()?;
            if self.past_deadline() {
                break;
            }
            let mut hits: HashMap<usize, usize> = HashMap::default();
            let keys: Vec<u64> = self.bag(Side::Old, i).distinct().collect();
            for key in keys {
                match postings.get(&key) {
                    Some(list) if list.len() <= MAX_POSTINGS => {
                        for &j in list {
                            *hits.entry(j).or_default() += 1;
                        }
                    }
                    _ => {}
                }
            }
            // The four with the most words in common (then the later), without sorting them all:
            // a paragraph of common words hits thousands.
            let mut best: Vec<(usize, usize)> = hits.into_iter().map(|(j, n)| (n, j)).collect();
            if best.len() > 4 {
                best.select_nth_unstable_by(3, |a, b| b.cmp(a));
                best.truncate(4);
            }
            best.sort_unstable_by(|a, b| b.cmp(a));
            // The paragraph alone, and with the open paragraph after it: a moved paragraph that
            // one version breaks in two (segmented differently, or split) moves as a run.
            // (Paragraph k joins the one before only if both are open and no segment starts at k.)
            let joins = |fates: &[Fate], walls: &[bool], k: usize| {
                k > 0
                    && k < fates.len()
                    && fates[k - 1] == Fate::Open
                    && fates[k] == Fate::Open
                    && !walls[k]
            };
            let olds: Vec<Range<usize>> = std::iter::once(i..i + 1)
                .chain(joins(old_fate, old_walls, i + 1).then(|| i..i + 2))
                .collect();
            for &(_, j) in best.iter().take(4) {
                let news: Vec<Range<usize>> = std::iter::once(j..j + 1)
                    .chain(joins(new_fate, new_walls, j + 1).then(|| j..j + 2))
                    .chain(joins(new_fate, new_walls, j).then(|| j - 1..j + 1))
                    .collect();
                for (o, n) in olds.iter().flat_map(|o| news.iter().map(move |n| (o, n))) {
                    let (sim, contained) = self.run_match(o.clone(), n.clone());
                    if sim >= MOVE_THRESHOLD {
                        candidates.push((sim, o.clone(), n.clone()));
                    } else if contained >= GROWN_CONTAINMENT {
                        // One part of a paragraph broken into many: alike enough once the
                        // parts beside it are taken in.
                        let fates = [&*old_fate, &*new_fate];
                        let (o, n) =
                            self.grow_move(o.clone(), n.clone(), fates, [old_walls, new_walls]);
                        let sim = self.run_match(o.clone(), n.clone()).0;
                        if sim >= MOVE_THRESHOLD {
                            candidates.push((sim, o, n));
                        }
                    }
                }
            }
        }
        // The most alike first; of equally alike, the fewest paragraphs.
        candidates.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then((a.1.len() + a.2.len()).cmp(&(b.1.len() + b.2.len())))
                .then(a.1.start.cmp(&b.1.start))
        });
        for (_, o, n) in candidates {
            let open = |fates: &[Fate], r: &Range<usize>| {
                fates[r.clone()].iter().all(|&f| f == Fate::Open)
            };
            if open(old_fate, &o) && open(new_fate, &n) {
                let (o, n) = self.grow_move(o, n, [old_fate, new_fate], [old_walls, new_walls]);
                old_fate[o.clone()].fill(Fate::Moved(changes.len()));
                new_fate[n.clone()].fill(Fate::Moved(changes.len()));
                changes.push(DraftChange {
                    kind: ChangeKind::Moved,
                    old: o,
                    new: n,
                });
            }
        }
        Ok(())
    }

    /// Takes into a move the open paragraphs beside it, on either side, that make the two runs
    /// more alike: a moved paragraph that the other version breaks into three or more (each
    /// verse on its own line, say) is one move, not a move of two parts and an insertion.
    fn grow_move(
        &mut self,
        mut old: Range<usize>,
        mut new: Range<usize>,
        fates: [&[Fate]; 2],
        walls: [&[bool]; 2],
    ) -> (Range<usize>, Range<usize>) {
        /// A run grows by at most this many paragraphs, which keeps each move's cost bounded.
        const MAX_GROWTH: usize = 8;
        let mut sim = self.run_match(old.clone(), new.clone()).0;
        for _ in 0..MAX_GROWTH {
            // The open paragraph after each run and the one before it, if no segment divides
            // them from the run.
            let after = |r: &Range<usize>, side: usize| {
                (r.end < fates[side].len()
                    && fates[side][r.end] == Fate::Open
                    && !walls[side][r.end])
                    .then(|| r.start..r.end + 1)
            };
            let before = |r: &Range<usize>, side: usize| {
                (r.start > 0 && fates[side][r.start - 1] == Fate::Open && !walls[side][r.start])
                    .then(|| r.start - 1..r.end)
            };
            let options: Vec<(Range<usize>, Range<usize>)> = [
                after(&old, 0).map(|o| (o, new.clone())),
                before(&old, 0).map(|o| (o, new.clone())),
                after(&new, 1).map(|n| (old.clone(), n)),
                before(&new, 1).map(|n| (old.clone(), n)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let best = options
                .into_iter()
                .map(|(o, n)| (self.run_match(o.clone(), n.clone()).0, o, n))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((grown, o, n)) if grown > sim => (sim, old, new) = (grown, o, n),
                _ => break,
            }
        }
        (old, new)
    }

    /// The Dice similarity of two runs of paragraphs, by their words, and the share of the
    /// smaller run's words found in the other.
    fn run_match(&mut self, old: Range<usize>, new: Range<usize>) -> (f64, f64) {
        for i in old.clone() {
            self.bag(Side::Old, i);
        }
        for j in new.clone() {
            self.bag(Side::New, j);
        }
        fn union<'b>(this: &'b Aligner, side: Side, r: Range<usize>) -> Cow<'b, WordBag> {
            let mut bags = r.map(|k| this.cached(side, k));
            let first = bags.next().unwrap_or(this.cached(side, usize::MAX));
            bags.fold(Cow::Borrowed(first), |run, next| {
                Cow::Owned(run.union(next))
            })
        }
        let (a, b) = (union(self, Side::Old, old), union(self, Side::New, new));
        let common = a.common(&b);
        let contained = common as f64 / a.len().min(b.len()).max(1) as f64;
        (dice(common, a.len(), b.len()), contained)
    }
}

/// Appends a diff's ops as segments, joining adjacent gaps.
fn push_ops(segments: &mut Vec<Segment>, ops: Vec<DiffOp>) {
    for op in ops {
        let segment = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => Segment::Same {
                old: old_index,
                new: new_index,
                len,
            },
            op => Segment::Gap {
                old: op.old_range(),
                new: op.new_range(),
            },
        };
        push_segment(segments, segment);
    }
}

/// Appends a segment, joining it to a gap before it if it is a gap too.
fn push_segment(segments: &mut Vec<Segment>, segment: Segment) {
    match (segment, segments.last_mut()) {
        (Segment::Gap { old, new }, Some(Segment::Gap { old: o, new: n })) => {
            o.end = old.end;
            n.end = new.end;
        }
        (segment, _) => segments.push(segment),
    }
}

/// Anchors made only of a few paragraphs that occur more than once on a side (a rule line, a
/// row of asterisks, "* *", a sentence said twice) next to a gap whose sides differ are not
/// trusted: such a paragraph may have been paired with the wrong one of its copies. They join
/// the gaps around them, whose word streams then place them ([`reflow`]).
fn absorb_weak_anchors(
    segments: Vec<Segment>,
    [old_article, new_article]: [&Article; 2],
    [old_keys, new_keys]: [&[u64]; 2],
) -> Vec<Segment> {
    /// Longer runs of repeated paragraphs are anchors worth keeping.
    const SHORT_RUN: usize = 3;
    // A gap whose sides differ in paragraphs or in words: where a repeated paragraph may have
    // been paired with the wrong copy.
    let words = |a: &Article, r: &Range<usize>| -> usize {
        a.paragraphs[r.clone()].iter().map(|p| p.words).sum()
    };
    let unbalanced = |s: &Segment| {
        matches!(s, Segment::Gap { old, new }
            if old.len() != new.len() || words(old_article, old) != words(new_article, new))
    };
    let is_gap = |s: &Segment| matches!(s, Segment::Gap { .. });
    // Short anchors between two gaps, one of them unbalanced: the candidates.
    let candidate: Vec<bool> = (0..segments.len())
        .map(|k| {
            matches!(segments[k], Segment::Same { len, .. } if len <= SHORT_RUN)
                && k > 0
                && k + 1 < segments.len()
                && is_gap(&segments[k - 1])
                && is_gap(&segments[k + 1])
                && (unbalanced(&segments[k - 1]) || unbalanced(&segments[k + 1]))
        })
        .collect();
    // How often each candidate's paragraphs occur on each side (one pass over the keys, counting
    // only those).
    let mut counts: HashMap<u64, [u32; 2]> = HashMap::default();
    for (k, segment) in segments.iter().enumerate() {
        if let (true, Segment::Same { old, len, .. }) = (candidate[k], segment) {
            for &key in &old_keys[*old..old + len] {
                counts.insert(key, [0, 0]);
            }
        }
    }
    if counts.is_empty() {
        return segments;
    }
    for (side, keys) in [old_keys, new_keys].into_iter().enumerate() {
        for key in keys {
            if let Some(n) = counts.get_mut(key) {
                n[side] = n[side].saturating_add(1);
            }
        }
    }
    let repeated = |key: u64| counts.get(&key).is_some_and(|&[o, n]| o > 1 || n > 1);
    let weak = |k: usize| match segments[k] {
        Segment::Same { old, len, .. } => {
            candidate[k] && old_keys[old..old + len].iter().all(|&key| repeated(key))
        }
        _ => false,
    };
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for (k, segment) in segments.iter().enumerate() {
        let absorb = weak(k) && out.last().is_some_and(is_gap);
        match (segment, out.last_mut()) {
            (Segment::Gap { old, new }, Some(Segment::Gap { old: o, new: n })) => {
                o.end = old.end;
                n.end = new.end;
            }
            (Segment::Same { old, new, len }, Some(Segment::Gap { old: o, new: n })) if absorb => {
                o.end = old + len;
                n.end = new + len;
            }
            (segment, _) => out.push(segment.clone()),
        }
    }
    out
}

/// Step 5: rows for a gap, keeping each side in reading order.
struct Layout {
    rows: Vec<DraftRow>,
    changes: Vec<DraftChange>,
}

impl Layout {
    fn gap(
        &mut self,
        old: Range<usize>,
        new: Range<usize>,
        pairs: &[usize],
        old_fate: &[Fate],
        new_fate: &[Fate],
    ) {
        let (mut i, mut j) = (old.start, new.start);
        for &id in pairs {
            let (po, pn) = (self.changes[id].old.clone(), self.changes[id].new.clone());
            self.leftovers(i..po.start, j..pn.start, old_fate, new_fate);
            self.rows.push(DraftRow {
                old: po.clone(),
                new: pn.clone(),
                old_change: Some(id),
                new_change: Some(id),
            });
            (i, j) = (po.end, pn.end);
        }
        self.leftovers(i..old.end, j..new.end, old_fate, new_fate);
    }

    /// Unpaired paragraphs between two pairs: deletions and insertions side by side, moves on
    /// rows of their own.
    fn leftovers(
        &mut self,
        old: Range<usize>,
        new: Range<usize>,
        old_fate: &[Fate],
        new_fate: &[Fate],
    ) {
        let (mut i, mut j) = (old.start, new.start);
        while i < old.end || j < new.end {
            let old_open = i < old.end && old_fate[i] == Fate::Open;
            let new_open = j < new.end && new_fate[j] == Fate::Open;
            if old_open && new_open {
                let (d, n) = (
                    self.add(ChangeKind::Deleted, i..i + 1, j..j),
                    self.add(ChangeKind::Inserted, i..i, j..j + 1),
                );
                self.rows.push(DraftRow {
                    old: i..i + 1,
                    new: j..j + 1,
                    old_change: Some(d),
                    new_change: Some(n),
                });
                (i, j) = (i + 1, j + 1);
            } else if i < old.end {
                // A move shows all its paragraphs (one or two) on one row.
                let (id, to) = match old_fate[i] {
                    Fate::Moved(id) => (id, self.changes[id].old.end),
                    _ => (self.add(ChangeKind::Deleted, i..i + 1, j..j), i + 1),
                };
                self.rows.push(DraftRow {
                    old: i..to,
                    new: j..j,
                    old_change: Some(id),
                    new_change: None,
                });
                i = to;
            } else {
                let (id, to) = match new_fate[j] {
                    Fate::Moved(id) => (id, self.changes[id].new.end),
                    _ => (self.add(ChangeKind::Inserted, i..i, j..j + 1), j + 1),
                };
                self.rows.push(DraftRow {
                    old: i..i,
                    new: j..to,
                    old_change: None,
                    new_change: Some(id),
                });
                j = to;
            }
        }
    }

    fn add(&mut self, kind: ChangeKind, old: Range<usize>, new: Range<usize>) -> usize {
        self.changes.push(DraftChange { kind, old, new });
        self.changes.len() - 1
    }
}
