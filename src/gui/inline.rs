//! The inline view's text: one column, the new version with the deleted words struck through
//! where they were and the inserted ones underlined, as tracked changes show it. For narrow
//! windows, and for reading the new version with what it lost in place.

use std::ops::Range;

use egui::text::LayoutJob;

use super::highlight::{Mark, cell_job, text_format};
use super::layout::Style;
use crate::compare::{ChangeKind, Comparison, EditOp, PARAGRAPH_SEPARATOR, Side};

/// The one-column text of a row, or `None` for a row with nothing in it. `hits` are the find
/// matches in the row's new text: they are shown where the row is unchanged (its text is the new
/// text as it is), not inside a change.
pub fn inline_job(
    comparison: &Comparison,
    row: usize,
    style: &Style,
    wrap: f32,
    hits: &[(Range<usize>, bool)],
) -> Option<LayoutJob> {
    let pieces = inline_pieces(comparison, row)?;
    if pieces.is_empty() {
        return cell_job(comparison, row, Side::New, style, wrap, hits, &[]);
    }
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    for (mark, text) in &pieces {
        // The space before a marked run stays unmarked, as the summaries keep it.
        let (lead, words) = text.split_at(text.len() - text.trim_start().len());
        if !lead.is_empty() {
            job.append(lead, 0.0, text_format(style, Mark::Plain, None, false));
        }
        job.append(words, 0.0, text_format(style, *mark, None, false));
    }
    Some(job)
}

/// What the inline view shows of a row, as marked pieces: empty for a row without changes (its
/// new text is shown as it is), `None` for a row with no text at all.
///
/// - A change on both sides of the row (a paragraph edited, split or merged): its word diff, the
///   deleted and inserted words in their places.
/// - A deleted paragraph: struck through; an inserted one: underlined; both when they share a
///   row (a paragraph rewritten beyond pairing word by word): the old, then the new.
/// - A moved paragraph: at its old place as it was (its band and marker say it moved), at its
///   new place with the edits made on the way.
pub fn inline_pieces(comparison: &Comparison, row: usize) -> Option<Vec<(Mark, String)>> {
    let r = comparison.rows.get(row)?;
    let change = |c: Option<usize>| c.and_then(|c| comparison.changes.get(c));
    let (old, new) = (change(r.old_change), change(r.new_change));
    if old.is_none() && new.is_none() {
        return (!r.new.is_empty() || !r.old.is_empty()).then(Vec::new);
    }
    let marked = |op: EditOp| match op {
        EditOp::Equal => Mark::Plain,
        EditOp::Delete => Mark::Deleted,
        EditOp::Insert => Mark::Inserted,
    };
    let diff = |c: &crate::compare::Change| -> Vec<(Mark, String)> {
        let (o, n) = (c.text(comparison, Side::Old), c.text(comparison, Side::New));
        c.pieces(&o, &n)
            .into_iter()
            .map(|(op, text)| (marked(op), text))
            .collect()
    };
    if let (Some(o), Some(_)) = (old, new)
        && r.old_change == r.new_change
    {
        return Some(diff(o));
    }
    let mut pieces = Vec::new();
    if let Some(o) = old {
        let mark = match o.kind {
            ChangeKind::Moved => Mark::Plain,
            _ => Mark::Deleted,
        };
        pieces.push((mark, o.text(comparison, Side::Old)));
    } else if !r.old.is_empty() && new.is_none() {
        pieces.push((Mark::Plain, comparison.text(Side::Old, r.old.clone())));
    }
    let new_pieces = match new {
        Some(n) if n.kind == ChangeKind::Moved => diff(n),
        Some(n) => vec![(Mark::Inserted, n.text(comparison, Side::New))],
        None if old.is_some() && !r.new.is_empty() => {
            vec![(Mark::Plain, comparison.text(Side::New, r.new.clone()))]
        }
        None => Vec::new(),
    };
    if !pieces.is_empty() && !new_pieces.is_empty() {
        pieces.push((Mark::Plain, PARAGRAPH_SEPARATOR.to_owned()));
    }
    pieces.extend(new_pieces);
    Some(pieces)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::text::Article;

    fn comparison(old: &str, new: &str) -> Comparison {
        compare(
            Article::from_text("old", old).shared(),
            Article::from_text("new", new).shared(),
            &CompareOptions::default(),
        )
    }

    /// The row's pieces as text, with deletions in [-…-] and insertions in {+…+}, the space
    /// before a piece outside its mark as the view draws it.
    fn shown(c: &Comparison, row: usize) -> String {
        inline_pieces(c, row)
            .unwrap()
            .into_iter()
            .map(|(mark, text)| {
                let (lead, words) = text.split_at(text.len() - text.trim_start().len());
                match mark {
                    Mark::Plain => text.clone(),
                    Mark::Deleted => format!("{lead}[-{words}-]"),
                    Mark::Inserted => format!("{lead}{{+{words}+}}"),
                }
            })
            .collect()
    }

    #[test]
    fn the_inline_text_is_the_new_version_with_the_old_words_struck_in_place() {
        let c = comparison(
            "Title.\n\nThe mayor said forty people came on Monday.\n\nA paragraph that goes.\n\nThe end.\n",
            "Title.\n\nThe mayor said 45 people came on Tuesday.\n\nThe end.\n\nA new last word.\n",
        );
        let all: Vec<String> = (0..c.rows.len()).map(|r| shown(&c, r)).collect();
        assert_eq!(
            all,
            [
                "".to_owned(),
                "The mayor said [-forty-] {+45+} people came on [-Monday-] {+Tuesday+}.".to_owned(),
                "[-A paragraph that goes.-]".to_owned(),
                "".to_owned(),
                "{+A new last word.+}".to_owned(),
            ]
        );
        // Reading it without the struck words gives the new version, without the underlined
        // ones the old.
        for r in 0..c.rows.len() {
            let pieces = inline_pieces(&c, r).unwrap();
            let text = |skip: Mark| -> String {
                pieces
                    .iter()
                    .filter(|(m, _)| *m != skip)
                    .map(|(_, t)| t.as_str())
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let row = &c.rows[r];
            if pieces.is_empty() {
                continue;
            }
            assert_eq!(text(Mark::Deleted), c.text(Side::New, row.new.clone()));
            assert_eq!(text(Mark::Inserted), c.text(Side::Old, row.old.clone()));
        }
    }

    #[test]
    fn a_moved_paragraph_shows_plain_where_it_was_and_with_its_edits_where_it_went() {
        let c = comparison(
            "Moved here is a long paragraph about the budget vote.\n\nOne.\n\nTwo.\n\nThree.\n",
            "One.\n\nTwo.\n\nThree.\n\nMoved here is a long paragraph about the budget vote today.\n",
        );
        let moved: Vec<String> = (0..c.rows.len())
            .map(|r| shown(&c, r))
            .filter(|s| s.contains("budget"))
            .collect();
        assert_eq!(
            moved,
            [
                "Moved here is a long paragraph about the budget vote.",
                "Moved here is a long paragraph about the budget vote {+today+}.",
            ]
        );
    }
}
