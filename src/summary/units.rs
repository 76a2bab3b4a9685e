//! Units of change: the old and new paragraphs a reader compares with each other.

use std::ops::Range;

use crate::compare::Comparison;

/// Old paragraphs and the new paragraphs that took their place: a changed, split, merged or
/// moved pair, or a deletion and an insertion that share a row (a rewrite), or a paragraph
/// inserted or deleted on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Old paragraphs (0-based; empty when the unit is an insertion).
    pub old: Range<usize>,
    /// New paragraphs (0-based; empty when the unit is a deletion).
    pub new: Range<usize>,
}

/// The units of a comparison, in reading order.
pub fn units(comparison: &Comparison) -> Vec<Unit> {
    let changes = &comparison.changes;
    let mut taken = vec![false; changes.len()];
    let mut out = Vec::new();
    for (id, change) in changes.iter().enumerate() {
        if taken[id] {
            continue;
        }
        taken[id] = true;
        let mut unit = Unit {
            old: change.old.clone(),
            new: change.new.clone(),
        };
        if let Some(other) = comparison.rewritten_as(id)
            && !taken[other]
        {
            taken[other] = true;
            unit.new = changes[other].new.clone();
        }
        out.push(unit);
    }
    out
}
