//! Anchors: a patience diff of the paragraph keys, on both cores for long articles.
//!
//! On a long article the patience diff is the largest step of the alignment that runs on one
//! core. Its first step takes the keys that occur once on each side and keeps the longest run of
//! them that is in the same order on both; those are anchors, and what lies between them is
//! diffed on its own. So the work is cut in two at one of those anchors near the middle, and
//! each half is diffed on its own core.

use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_deadline};

/// Below this many paragraphs on the shorter side, one diff is quick enough.
const SPLIT_FROM: usize = 4096;

/// The diff of the paragraph keys `old` against `new`, as `similar`'s patience diff finds it.
pub(crate) fn anchor_ops(old: &[u64], new: &[u64], deadline: Instant) -> Vec<DiffOp> {
    let diff = |o: std::ops::Range<usize>, n: std::ops::Range<usize>| {
        capture_diff_deadline(Algorithm::Patience, old, o, new, n, Some(deadline))
    };
    if old.len().min(new.len()) < SPLIT_FROM {
        return diff(0..old.len(), 0..new.len());
    }
    let Some((i, j)) = split_point(old, new) else {
        return diff(0..old.len(), 0..new.len());
    };
    let (tail, mut ops) =
        crate::parallel::join(|| diff(i..old.len(), j..new.len()), || diff(0..i, 0..j));
    ops.extend(tail);
    ops
}

/// A pair of equal paragraphs (old index, new index) near the middle of the old side that a
/// patience diff of the whole would take as an anchor.
fn split_point(old: &[u64], new: &[u64]) -> Option<(usize, usize)> {
    let unique = unique_pairs(old, new);
    let run = longest_increasing(&unique);
    let middle = old.len() / 2;
    run.into_iter()
        .map(|k| unique[k])
        .min_by_key(|&(i, _)| i.abs_diff(middle))
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
        let len = tails.partition_point(|&t| pairs[t].1 < j);
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
    fn a_moved_paragraph_is_never_the_split_point() {
        // Paragraph 0 moved to the end: the anchors are the rest, in order.
        let old: Vec<u64> = (0..9).collect();
        let new: Vec<u64> = (1..9).chain([0]).collect();
        let (i, j) = split_point(&old, &new).unwrap_or_default();
        assert_eq!((old[i], i), (new[j], j + 1));
        assert_ne!(i, 0);
    }

    #[test]
    fn long_articles_diff_the_same_in_halves() {
        // 10,000 paragraphs with every 50th changed and a block moved: the split diff keeps
        // every paragraph of both sides exactly once, in order, and finds the same equal
        // paragraphs as one diff of the whole.
        let old: Vec<u64> = (0..10_000).collect();
        let mut new: Vec<u64> = (0..10_000)
            .map(|k| if k % 50 == 7 { 1_000_000 + k } else { k })
            .collect();
        let moved: Vec<u64> = new.drain(100..120).collect();
        new.splice(9_000..9_000, moved);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        let equal = |ops: &[DiffOp]| -> usize {
            ops.iter()
                .map(|op| match op {
                    DiffOp::Equal { len, .. } => *len,
                    _ => 0,
                })
                .sum()
        };
        let split = anchor_ops(&old, &new, deadline);
        let whole = capture_diff_deadline(
            Algorithm::Patience,
            &old,
            0..old.len(),
            &new,
            0..new.len(),
            Some(deadline),
        );
        assert_eq!(equal(&split), equal(&whole));
        let (mut o, mut n) = (0, 0);
        for op in &split {
            assert_eq!((op.old_range().start, op.new_range().start), (o, n));
            (o, n) = (op.old_range().end, op.new_range().end);
        }
        assert_eq!((o, n), (old.len(), new.len()));
    }
}
