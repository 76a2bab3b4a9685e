//! Which rows the panes show: every row, or, with unchanged paragraphs hidden, the changes with
//! a paragraph of context and each longer run of unchanged rows folded into one line. Pure: no
//! drawing, no layout.

use std::ops::Range;

use crate::compare::Row;

/// Paragraphs of context kept around changes when unchanged ones are hidden.
const CONTEXT: usize = 1;

/// One thing drawn in the panes, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A row of [`crate::compare::Comparison::rows`].
    Row(usize),
    /// Unchanged rows folded into one line.
    Fold(Range<usize>),
}

/// The items that show `rows`, and for each row the item that shows it (a fold for a hidden
/// row). With `hide_unchanged`, unchanged rows more than [`CONTEXT`] away from a change are
/// folded, but for the runs in `opened` (which the reader opened) and for lone rows (a fold line
/// is no shorter than the paragraph it would hide).
pub fn fold(
    rows: &[Row],
    hide_unchanged: bool,
    opened: &[Range<usize>],
) -> (Vec<Item>, Vec<usize>) {
    let mut keep: Vec<bool> = if hide_unchanged {
        let mut keep = vec![false; rows.len()];
        for (r, row) in rows.iter().enumerate() {
            if !row.is_unchanged() {
                let from = r.saturating_sub(CONTEXT);
                let to = (r + CONTEXT + 1).min(rows.len());
                keep[from..to].iter_mut().for_each(|k| *k = true);
            }
        }
        for run in opened {
            let end = run.end.min(keep.len());
            keep[run.start.min(end)..end].fill(true);
        }
        keep
    } else {
        vec![true; rows.len()]
    };
    for r in 0..rows.len() {
        let lone = !keep[r] && (r == 0 || keep[r - 1]) && (r + 1 == rows.len() || keep[r + 1]);
        if lone {
            keep[r] = true;
        }
    }
    let mut items = Vec::new();
    let mut item_of_row = Vec::with_capacity(rows.len());
    let mut r = 0;
    while r < rows.len() {
        if keep[r] {
            item_of_row.push(items.len());
            items.push(Item::Row(r));
            r += 1;
        } else {
            let start = r;
            while r < rows.len() && !keep[r] {
                item_of_row.push(items.len());
                r += 1;
            }
            items.push(Item::Fold(start..r));
        }
    }
    (items, item_of_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(changed: &[usize], count: usize) -> Vec<Row> {
        (0..count)
            .map(|r| Row {
                old: r..r + 1,
                new: r..r + 1,
                old_change: changed.contains(&r).then_some(r),
                new_change: changed.contains(&r).then_some(r),
            })
            .collect()
    }

    #[test]
    fn changes_keep_a_paragraph_of_context_and_runs_fold_into_one_line() {
        let rows = rows(&[3, 9], 12);
        let (items, item_of_row) = fold(&rows, true, &[]);
        assert_eq!(
            items,
            [
                Item::Fold(0..2),
                Item::Row(2),
                Item::Row(3),
                Item::Row(4),
                Item::Fold(5..8),
                Item::Row(8),
                Item::Row(9),
                Item::Row(10),
                Item::Row(11),
            ]
        );
        assert_eq!(item_of_row.len(), 12);
        assert_eq!(item_of_row[6], 4);
        // Row 11, alone after the context of row 9, is shown above rather than folded. Without
        // hiding, every row is an item.
        let (shown, _) = fold(&rows, false, &[]);
        assert_eq!(shown.len(), 12);
        // An opened run shows where it is; the others stay folded.
        let run = std::iter::once(5..8).collect::<Vec<_>>();
        let (opened, _) = fold(&rows, true, &run);
        assert!(opened.contains(&Item::Row(6)));
        assert_eq!(opened[0], Item::Fold(0..2));
    }
}
