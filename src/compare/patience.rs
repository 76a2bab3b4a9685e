//! Patience diffs of key sequences: which keys to keep, found in O(n log n).
//!
//! `similar`'s patience diff finds its anchors (the keys that occur once on each side, kept in
//! the same order on both) by a Myers diff of those keys, O(n·d): with 31,000 verses of the King
//! James Bible and 600 edited, that one step was a quarter of the command's time. Keys that occur
//! once on each side pair up one to one, so the most of them kept in order is the longest
//! increasing run of their new positions, which patience sorting finds in O(n log n) ([`diff_all`]).
//! Between anchors it goes on as `similar` does: equal keys are taken from the front, and Myers
//! diffs the rest. Where several runs are equally long (two paragraphs swapped), it may keep
//! another one than Myers would; the paragraph reported moved is then the other one.
//!
//! [`diff`] first takes the keys both ranges start and end with as equal, as git's diff does: a
//! re-laid-out gap's words are mostly the same on both sides with an edit or two. So its result
//! is not always the patience diff of the whole: which keys occur once is decided over the middle
//! only, so a key repeated in a common end may anchor it. On a few repeated keys that can keep
//! fewer ([1, 1, 0, 0] against [0, 1, 1, 0]: two kept, where the whole's diff, finding no key that
//! occurs once, falls back to Myers and keeps three). On prose it made no difference that could be
//! found: the real 10 MB pairs' comparisons and the engine's corpus tests are unchanged.

use std::convert::Infallible;
use std::ops::Range;
use std::time::Instant;

use similar::DiffOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};

/// The diff of `old[old_range]` against `new[new_range]`, its equal runs as long as they can
/// be (never two in a row), by the patience diff between the ranges' common ends.
pub(crate) fn diff(
    old: &[u64],
    old_range: Range<usize>,
    new: &[u64],
    new_range: Range<usize>,
    deadline: Instant,
) -> Vec<DiffOp> {
    let (old_keys, new_keys) = (&old[old_range.clone()], &new[new_range.clone()]);
    let prefix = old_keys
        .iter()
        .zip(new_keys)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = (old_keys[prefix..].iter().rev())
        .zip(new_keys[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let middle = diff_all(
        old,
        old_range.start + prefix..old_range.end - suffix,
        new,
        new_range.start + prefix..new_range.end - suffix,
        deadline,
    );
    // The prefix and suffix are as long as they can be, so the middle's diff neither starts nor
    // ends with equal keys: the three parts need no merging.
    let equal = |old_index, new_index, len| DiffOp::Equal {
        old_index,
        new_index,
        len,
    };
    let mut ops: Vec<DiffOp> = Vec::with_capacity(middle.len() + 2);
    ops.extend((prefix > 0).then(|| equal(old_range.start, new_range.start, prefix)));
    ops.extend(middle);
    ops.extend((suffix > 0).then(|| equal(old_range.end - suffix, new_range.end - suffix, suffix)));
    ops
}

/// The patience diff of `old[old_range]` against `new[new_range]`, its runs shifted and merged
/// as `similar::capture_diff_deadline` leaves them.
pub(crate) fn diff_all(
    old: &[u64],
    old_range: Range<usize>,
    new: &[u64],
    new_range: Range<usize>,
    deadline: Instant,
) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    let Ok(()) = walk(&mut hook, old, old_range, new, new_range, deadline);
    hook.into_inner().into_inner().into_ops()
}

/// Reports the diff to `hook`: between one anchor and the next, the equal keys at the front,
/// then Myers' diff of the rest (what `similar`'s patience diff does once it has its anchors).
fn walk<D: DiffHook<Error = Infallible>>(
    hook: &mut D,
    old: &[u64],
    old_range: Range<usize>,
    new: &[u64],
    new_range: Range<usize>,
    deadline: Instant,
) -> Result<(), Infallible> {
    let unique = unique_pairs(&old[old_range.clone()], &new[new_range.clone()]);
    let (mut i, mut j) = (old_range.start, new_range.start);
    // The equal run being gathered, from (i, j) back: most anchors follow one another with
    // nothing between them (31,000 of a long text's paragraphs), and one call for each would
    // cost the hooks a step each.
    let mut run = 0;
    for k in longest_increasing(&unique) {
        let (anchor_i, anchor_j) = (old_range.start + unique[k].0, new_range.start + unique[k].1);
        while i < anchor_i && j < anchor_j && old[i] == new[j] {
            (i, j, run) = (i + 1, j + 1, run + 1);
        }
        if i < anchor_i || j < anchor_j {
            if run > 0 {
                hook.equal(i - run, j - run, run)?;
                run = 0;
            }
            let mut between = NoFinishHook::new(&mut *hook);
            myers::diff_deadline(
                &mut between,
                old,
                i..anchor_i,
                new,
                j..anchor_j,
                Some(deadline),
            )?;
            (i, j) = (anchor_i, anchor_j);
        }
    }
    if run > 0 {
        hook.equal(i - run, j - run, run)?;
    }
    myers::diff_deadline(
        hook,
        old,
        i..old_range.end,
        new,
        j..new_range.end,
        Some(deadline),
    )
}

/// How many of the keys that occur once on each side are in the same order on both (the run a
/// patience diff anchors on), and how many keys occur once on each side. Related texts have most
/// of their unique keys in that run; unrelated ones only the few that fall in order by chance
/// (about twice the square root of their number).
pub(crate) fn unique_in_order(old: &[u64], new: &[u64]) -> (usize, usize) {
    let unique = unique_pairs(old, new);
    (longest_increasing(&unique).len(), unique.len())
}

/// The positions (old, new) of the keys that occur once on each side, in old's order.
fn unique_pairs(old: &[u64], new: &[u64]) -> Vec<(usize, usize)> {
    // Per key: how often it occurs on each side, and where it last did.
    let mut seen: foldhash::HashMap<u64, [(u32, usize); 2]> = foldhash::HashMap::default();
    seen.reserve(old.len().max(new.len()));
    for (side, keys) in [old, new].into_iter().enumerate() {
        for (at, &key) in keys.iter().enumerate() {
            let entry = &mut seen.entry(key).or_default()[side];
            *entry = (entry.0.saturating_add(1), at);
        }
    }
    old.iter()
        .enumerate()
        .filter_map(|(i, key)| match seen.get(key) {
            Some(&[(1, _), (1, j)]) => Some((i, j)),
            _ => None,
        })
        .collect()
}

/// The longest run of `pairs` (in their order) whose second elements increase, as indices into
/// `pairs`: patience sorting, O(n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<usize> {
    // tails[l]: the index of the pair ending the best run of length l + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        // Related texts keep most pairs in order: each then extends the longest run so far.
        let len = match tails.last() {
            Some(&t) if pairs[t].1 < j => tails.len(),
            _ => tails.partition_point(|&t| pairs[t].1 < j),
        };
        previous[k] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(k);
        } else {
            tails[len] = k;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        run.push(k);
        at = previous[k];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` keys, mostly distinct, with a repeated one (a row of asterisks) every `every`.
    fn article(n: usize, every: usize) -> Vec<u64> {
        (0..n as u64)
            .map(|k| if k % every as u64 == 0 { 7 } else { 1000 + k })
            .collect()
    }

    /// How many keys a diff keeps equal.
    fn kept(ops: &[DiffOp]) -> usize {
        ops.iter()
            .map(|op| match op {
                DiffOp::Equal { len, .. } => *len,
                _ => 0,
            })
            .sum()
    }

    fn similar_patience(old: &[u64], new: &[u64]) -> Vec<DiffOp> {
        let far = Instant::now() + std::time::Duration::from_secs(60);
        similar::capture_diff_deadline(
            similar::Algorithm::Patience,
            old,
            0..old.len(),
            new,
            0..new.len(),
            Some(far),
        )
    }

    #[test]
    fn finds_the_longest_run_in_order() {
        let pairs: Vec<(usize, usize)> = [3, 1, 4, 5, 9, 2, 6]
            .iter()
            .enumerate()
            .map(|(i, &j)| (i, j))
            .collect();
        let run: Vec<usize> = longest_increasing(&pairs)
            .iter()
            .map(|&k| pairs[k].1)
            .collect();
        assert_eq!(run.len(), 4);
        assert!(run.windows(2).all(|w| w[0] < w[1]), "{run:?}");
    }

    #[test]
    fn a_long_article_with_a_moved_block_keeps_as_much_as_similar_does() {
        // 10,000 paragraphs with every 50th changed and a block of 20 moved far down.
        let old = article(10_000, 97);
        let mut new: Vec<u64> = (old.iter().enumerate())
            .map(|(k, &key)| {
                if k % 50 == 7 {
                    1_000_000 + k as u64
                } else {
                    key
                }
            })
            .collect();
        let moved: Vec<u64> = new.drain(100..120).collect();
        new.splice(9_000..9_000, moved);
        let far = Instant::now() + std::time::Duration::from_secs(60);
        let ours = diff_all(&old, 0..old.len(), &new, 0..new.len(), far);
        assert_eq!(kept(&ours), kept(&similar_patience(&old, &new)));
        assert_eq!(kept(&ours), 10_000 - 200 - 20 + 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000, failure_persistence: None, ..Default::default()
        })]
        /// An article edited in place (paragraphs deleted, inserted, rewritten, a repeated one
        /// added) keeps as many paragraphs as `similar`'s patience diff does: with nothing moved
        /// there is one longest run of anchors, and both keep it. (Where a repeated paragraph
        /// was deleted next to its twin, which of the two is reported deleted may differ:
        /// `similar` shifts deletions over the equal runs it was given, and gets them in more
        /// pieces.)
        #[test]
        fn an_edited_article_keeps_as_much_as_similar_patience_does(
            n in 1usize..300,
            every in 2usize..40,
            edits in proptest::collection::vec((0usize..300, 0u8..4), 0..30),
        ) {
            let old = article(n, every);
            let mut new = old.clone();
            for (k, &(at, what)) in edits.iter().enumerate() {
                let at = at % (new.len() + 1);
                let fresh = 1_000_000 + k as u64;
                match (what, at < new.len()) {
                    (0, true) => { new.remove(at); }
                    (1, true) => new[at] = fresh,
                    (2, _) => new.insert(at, 7),
                    _ => new.insert(at, fresh),
                }
            }
            let far = Instant::now() + std::time::Duration::from_secs(60);
            let ours = diff_all(&old, 0..old.len(), &new, 0..new.len(), far);
            let (mut i, mut j) = (0, 0);
            for op in &ours {
                let (o, n) = (op.old_range(), op.new_range());
                proptest::prop_assert_eq!((o.start, n.start), (i, j), "{:?}", ours);
                if let DiffOp::Equal { .. } = op {
                    proptest::prop_assert_eq!(&old[o.clone()], &new[n.clone()]);
                }
                (i, j) = (o.end, n.end);
            }
            proptest::prop_assert_eq!((i, j), (old.len(), new.len()));
            proptest::prop_assert_eq!(kept(&ours), kept(&similar_patience(&old, &new)));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 500, failure_persistence: None, ..Default::default()
        })]
        /// The diff is one of the ranges given: its runs cover both in order, equal runs hold
        /// the same keys, never two in a row, and the common beginning is kept (of keys drawn
        /// from few, so that they repeat, in ranges that do not start at 0).
        #[test]
        fn the_diff_between_common_ends_is_a_diff_of_the_ranges(
            old in proptest::collection::vec(0u64..5, 0..40),
            new in proptest::collection::vec(0u64..5, 0..40),
            old_cut in 0usize..5,
            new_cut in 0usize..5,
        ) {
            let (o0, n0) = (old_cut.min(old.len()), new_cut.min(new.len()));
            let far = Instant::now() + std::time::Duration::from_secs(60);
            let ops = diff(&old, o0..old.len(), &new, n0..new.len(), far);
            let (mut i, mut j) = (o0, n0);
            for (k, op) in ops.iter().enumerate() {
                let (o, n) = (op.old_range(), op.new_range());
                proptest::prop_assert_eq!((o.start, n.start), (i, j), "{:?}", ops);
                if let DiffOp::Equal { .. } = op {
                    proptest::prop_assert_eq!(&old[o.clone()], &new[n.clone()]);
                    let next_equal = matches!(ops.get(k + 1), Some(DiffOp::Equal { .. }));
                    proptest::prop_assert!(!next_equal, "two equal runs in a row: {:?}", ops);
                }
                (i, j) = (o.end, n.end);
            }
            proptest::prop_assert_eq!((i, j), (old.len(), new.len()));
            let prefix = old[o0..].iter().zip(&new[n0..]).take_while(|(a, b)| a == b).count();
            let first_kept = match ops.first() {
                Some(DiffOp::Equal { len, .. }) => *len,
                _ => 0,
            };
            proptest::prop_assert!(first_kept >= prefix, "{:?}", ops);
        }
    }
}
