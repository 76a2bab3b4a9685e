//! The patience diff of two key sequences, run only between their common beginning and end.
//!
//! A re-laid-out gap's words are mostly the same on both sides with an edit or two. `similar`'s
//! patience diff indexes every key it is given (which ones occur once on each side) before it
//! looks for anything, so the keys both sides start and end with are taken as equal first, as
//! git's diff does, and only what lies between is indexed and diffed.
//!
//! The result is not always the patience diff of the whole: which keys occur once is decided
//! over the middle only, so a key repeated in a common end may anchor it. On a few repeated keys
//! that can keep fewer ([1, 1, 0, 0] against [0, 1, 1, 0]: two kept, where the whole's diff,
//! finding no key that occurs once, falls back to Myers and keeps three). On prose it made no
//! difference that could be found: the real 10 MB pairs' comparisons and the engine's corpus
//! tests are unchanged.

use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_deadline};

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
    let middle = capture_diff_deadline(
        Algorithm::Patience,
        old,
        old_range.start + prefix..old_range.end - suffix,
        new,
        new_range.start + prefix..new_range.end - suffix,
        Some(deadline),
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

#[cfg(test)]
mod tests {
    use super::*;

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
