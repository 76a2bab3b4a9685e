//! The whitespace-exact pieces of a change: its word diff as text, the one definition every
//! exporter and test reads.

use super::model::{Change, Comparison, Edit, EditOp, Side};

/// One step of a change as text: what `edits` in the JSON and the marks in Markdown show.
///
/// Each piece carries the whitespace that precedes it, so joining the `Equal` and `Delete`
/// pieces gives the old text and joining `Equal` and `Insert` gives the new text (equal pieces
/// are taken from the old text, so the new text comes back up to what the options fold and, in
/// a change whose paragraphs break differently on each side, up to where those breaks fall).
pub fn edit_texts(comparison: &Comparison, change: &Change) -> Vec<(EditOp, String)> {
    let old = change.text(comparison, Side::Old);
    let new = change.text(comparison, Side::New);
    change.pieces(&old, &new)
}

impl Change {
    /// The runs of words the change deleted (`Side::Old`) or inserted (`Side::New`), in order,
    /// taken from `text`, that side's [`Change::text`]. Empty for a change without a word diff
    /// (a whole paragraph inserted or deleted).
    pub fn edited_runs<'t>(&self, text: &'t str, side: Side) -> Vec<&'t str> {
        let (op, range): (EditOp, fn(&Edit) -> &std::ops::Range<usize>) = match side {
            Side::Old => (EditOp::Delete, |e| &e.old),
            Side::New => (EditOp::Insert, |e| &e.new),
        };
        self.edits
            .iter()
            .filter(|e| e.op == op)
            .filter_map(|e| text.get(range(e).clone()))
            .collect()
    }

    /// [`edit_texts`] for a caller that already has the change's old and new texts.
    pub fn pieces(&self, old: &str, new: &str) -> Vec<(EditOp, String)> {
        if self.edits.is_empty() {
            let (old, new) = (old.to_owned(), new.to_owned());
            return match (old.is_empty(), new.is_empty()) {
                (true, true) => Vec::new(),
                (false, true) => vec![(EditOp::Delete, old)],
                (true, false) => vec![(EditOp::Insert, new)],
                (false, false) => vec![(EditOp::Delete, old), (EditOp::Insert, new)],
            };
        }
        let (mut old_at, mut new_at) = (0, 0);
        let mut out: Vec<(EditOp, String)> = Vec::with_capacity(self.edits.len());
        for e in &self.edits {
            let piece = match e.op {
                EditOp::Equal => {
                    // Pieces carry the whitespace before them, except where a change opens one side
                    // only: then that change keeps the space, so the other side gets none.
                    let lone = (new_at == 0 && old_at > 0)
                        .then(|| &old[old_at..e.old.start])
                        .or_else(|| (old_at == 0 && new_at > 0).then(|| &new[new_at..e.new.start]));
                    match (lone, out.last_mut()) {
                        (Some(gap), Some((_, last))) => {
                            last.push_str(gap);
                            // Whatever of the old text precedes this piece and is not yet shown
                            // (text the options ignore, at the very start) still comes first.
                            let from = if old_at == 0 { 0 } else { e.old.start };
                            old[from..e.old.end].to_owned()
                        }
                        _ => old[old_at..e.old.end].to_owned(),
                    }
                }
                EditOp::Delete => old[old_at..e.old.end].to_owned(),
                EditOp::Insert => new[new_at..e.new.end].to_owned(),
            };
            if e.op != EditOp::Insert {
                old_at = e.old.end;
            }
            if e.op != EditOp::Delete {
                new_at = e.new.end;
            }
            out.push((e.op, piece));
        }
        // Text after the last compared word (punctuation the options ignore) still belongs to its
        // side: to the last piece that shows that side alone or, for the old side, in common.
        if old_at < old.len() {
            match out.iter_mut().rev().find(|(op, _)| *op != EditOp::Insert) {
                Some((_, last)) => last.push_str(&old[old_at..]),
                // No old word was compared at all (all of it is text the options ignore).
                None => out.insert(0, (EditOp::Delete, old[old_at..].to_owned())),
            }
        }
        if new_at < new.len() {
            match out.iter_mut().rev().find(|(op, _)| *op != EditOp::Delete) {
                Some((EditOp::Insert, last)) => last.push_str(&new[new_at..]),
                Some(_) => {}
                None => out.push((EditOp::Insert, new[new_at..].to_owned())),
            }
        }
        out
    }
}
