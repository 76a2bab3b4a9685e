//! The one plain value every view and exporter reads: [`Comparison`].

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use super::CompareOptions;
use crate::text::Article;

/// Which version of the article something belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The earlier version (shown on the left).
    Old,
    /// The later version (shown on the right).
    New,
}

/// What happened to a paragraph (or a pair, split or merge of paragraphs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Paired paragraphs whose words differ; also a paragraph split in two or two merged.
    Changed,
    /// A paragraph that sits elsewhere in the new version, possibly lightly edited.
    Moved,
    /// A paragraph only the new version has.
    Inserted,
    /// A paragraph only the old version has.
    Deleted,
}

/// How the paragraphs of a change correspond ([`Change::regrouping`]). With no word changed, a
/// regrouping is layout, not a change: it shows as a re-paragraphed row
/// ([`Row::is_reparagraphed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Regrouping {
    /// At most one paragraph on each side.
    None,
    /// One old paragraph became several.
    Split,
    /// Several old paragraphs became one.
    Merge,
    /// Several paragraphs on both sides, broken at different places.
    Both,
}

/// What a reader calls a change, read from its kind, its paragraphs and the row it shares
/// ([`Comparison::shape`]). Every exporter, the change list and the gutter name changes with it,
/// so they cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// One paragraph paired with one, its words edited.
    Changed,
    /// One old paragraph became several, with words edited.
    Split,
    /// Several old paragraphs became one, with words edited.
    Merged,
    /// Several paragraphs on both sides, broken at different places, with words edited.
    Reparagraphed,
    /// A paragraph that sits elsewhere in the new version.
    Moved,
    /// A paragraph only the new version has.
    Inserted,
    /// A paragraph only the old version has.
    Deleted,
    /// A deletion and an insertion sharing one row: a paragraph rewritten beyond pairing word
    /// by word. Both halves have this shape.
    Rewritten,
}

impl Shape {
    /// The heading a summary gives the change: "Changed", "Split", "Re-paragraphed", ….
    pub fn title(self) -> &'static str {
        match self {
            Self::Changed => "Changed",
            Self::Split => "Split",
            Self::Merged => "Merged",
            Self::Reparagraphed => "Re-paragraphed",
            Self::Moved => "Moved",
            Self::Inserted => "Inserted",
            Self::Deleted => "Deleted",
            Self::Rewritten => "Rewritten",
        }
    }

    /// The word a list shows: "changed", "split", ….
    pub fn label(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::Split => "split",
            Self::Merged => "merged",
            Self::Reparagraphed => "re-paragraphed",
            Self::Moved => "moved",
            Self::Inserted => "inserted",
            Self::Deleted => "deleted",
            Self::Rewritten => "rewritten",
        }
    }
}

/// One step of a word-level diff inside a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    /// The words are in both versions.
    Equal,
    /// The words are only in the old version.
    Delete,
    /// The words are only in the new version.
    Insert,
}

/// A run of words with one [`EditOp`], located in both versions' text of its change.
///
/// The ranges are byte ranges into [`Change::text`] of each side and cover whole words (no
/// surrounding whitespace). The range of the side an op does not touch is empty and sits where
/// the words would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Equal, delete or insert.
    pub op: EditOp,
    /// Where the words are in the old text.
    pub old: Range<usize>,
    /// Where the words are in the new text.
    pub new: Range<usize>,
}

/// One change between the versions, as a reader would list it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The old paragraphs involved (0-based indices; empty for an insertion, placed where the
    /// paragraph would have been).
    pub old: Range<usize>,
    /// The new paragraphs involved (0-based; empty for a deletion).
    pub new: Range<usize>,
    /// The word-level diff for `Changed` and `Moved`; empty for insertions and deletions.
    pub edits: Vec<Edit>,
    /// The row of [`Comparison::rows`] that shows the old paragraphs (for an insertion, the row
    /// that shows the new ones).
    pub old_row: usize,
    /// The row that shows the new paragraphs; differs from `old_row` only for a move.
    pub new_row: usize,
}

impl Change {
    /// The paragraphs of one side of this change.
    pub fn paragraphs(&self, side: Side) -> Range<usize> {
        match side {
            Side::Old => self.old.clone(),
            Side::New => self.new.clone(),
        }
    }

    /// The text of one side of this change: its paragraphs joined by a blank line. [`Edit`]
    /// ranges index into this string.
    pub fn text(&self, comparison: &Comparison, side: Side) -> String {
        comparison.text(side, self.paragraphs(side))
    }

    /// Whether the change joins or splits paragraphs.
    pub fn is_split_or_merge(&self) -> bool {
        self.regrouping() != Regrouping::None
    }

    /// How the change's paragraphs correspond: one to one, split, merged, or broken differently
    /// on both sides.
    pub fn regrouping(&self) -> Regrouping {
        match (self.old.len() > 1, self.new.len() > 1) {
            (false, false) => Regrouping::None,
            (false, true) => Regrouping::Split,
            (true, false) => Regrouping::Merge,
            (true, true) => Regrouping::Both,
        }
    }
}

/// Words deleted in one change and inserted, nearly the same, in another: a sentence or clause
/// moved between paragraphs ([`Comparison::passages`]). The words still count as deleted and
/// inserted in their changes; this says that the two are one passage.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedPassage {
    /// The change the words left, as an index into [`Comparison::changes`].
    pub from: usize,
    /// Where they were: a byte range of the old text of that change ([`Change::text`]).
    pub old: Range<usize>,
    /// The change the words arrived in.
    pub to: usize,
    /// Where they are: a byte range of the new text of that change.
    pub new: Range<usize>,
    /// How alike the two runs are (Dice over words), from the passage threshold to 1.0.
    pub similarity: f64,
}

/// One row of the side-by-side view: the paragraphs that correspond, on the same line.
///
/// An empty range on one side is a placeholder (an insertion, deletion or move). A paragraph
/// rewritten beyond recognition is a deletion and an insertion sharing one row. An unchanged row
/// with other than one paragraph a side holds the same words broken into paragraphs differently
/// ([`Row::is_reparagraphed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Old paragraphs shown on the left.
    pub old: Range<usize>,
    /// New paragraphs shown on the right.
    pub new: Range<usize>,
    /// The change the left side belongs to, as an index into [`Comparison::changes`].
    pub old_change: Option<usize>,
    /// The change the right side belongs to.
    pub new_change: Option<usize>,
}

impl Row {
    /// Whether the row shows unchanged paragraphs only.
    pub fn is_unchanged(&self) -> bool {
        self.old_change.is_none() && self.new_change.is_none()
    }

    /// Whether the row shows the same words with different paragraph breaks: one paragraph
    /// split in two, two joined, or text segmented differently. Layout, not a change.
    pub fn is_reparagraphed(&self) -> bool {
        self.is_unchanged() && (self.old.len() != 1 || self.new.len() != 1)
    }

    /// The change shown on one side of the row.
    pub fn change(&self, side: Side) -> Option<usize> {
        match side {
            Side::Old => self.old_change,
            Side::New => self.new_change,
        }
    }

    /// The paragraphs shown on one side of the row.
    pub fn paragraphs(&self, side: Side) -> Range<usize> {
        match side {
            Side::Old => self.old.clone(),
            Side::New => self.new.clone(),
        }
    }
}

/// The numbers a status bar or a summary's overview shows.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Stats {
    /// Old paragraphs whose words are in the new version unchanged and in order (after the
    /// options' folding), including re-paragraphed ones.
    pub unchanged: usize,
    /// Rows of the same words broken into paragraphs differently ([`Row::is_reparagraphed`]):
    /// a layout note, not a change.
    pub reparagraphed: usize,
    /// Changes of kind [`ChangeKind::Changed`].
    pub changed: usize,
    /// Changes of kind [`ChangeKind::Moved`].
    pub moved: usize,
    /// Paragraphs inserted.
    pub inserted: usize,
    /// Paragraphs deleted.
    pub deleted: usize,
    /// Words only in the new version.
    pub words_inserted: usize,
    /// Words only in the old version.
    pub words_deleted: usize,
    /// Share of words the versions have in common, 0.0 to 1.0: (common words in the old version
    /// + common words in the new one) / (old words + new words).
    pub similarity: f64,
}

/// The result of comparing two versions: computed once, read by every pane and exporter.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The old version.
    pub old: Arc<Article>,
    /// The new version.
    pub new: Arc<Article>,
    /// The options it was computed with.
    pub options: CompareOptions,
    /// The side-by-side rows, top to bottom.
    pub rows: Vec<Row>,
    /// The changes in reading order (the order of their first row).
    pub changes: Vec<Change>,
    /// Passages moved between paragraphs, in the order of the changes they leave.
    pub passages: Vec<MovedPassage>,
    /// Counts and similarity.
    pub stats: Stats,
    /// Whether the time budget ran out and some diffs are not the shortest possible.
    pub approximate: bool,
    /// How long the comparison took.
    pub elapsed: Duration,
}

impl Comparison {
    /// One version of the article.
    pub fn article(&self, side: Side) -> &Article {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }

    /// The text of a range of one side's paragraphs, joined by a blank line.
    pub fn text(&self, side: Side, paragraphs: Range<usize>) -> String {
        let article = self.article(side);
        let mut out = String::new();
        for p in &article.paragraphs[paragraphs] {
            if !out.is_empty() {
                out.push_str(PARAGRAPH_SEPARATOR);
            }
            out.push_str(&p.text);
        }
        out
    }

    /// For a deletion that shares its row with an insertion (a paragraph rewritten beyond
    /// pairing), the insertion's index in [`Comparison::changes`].
    pub fn rewritten_as(&self, change: usize) -> Option<usize> {
        let c = self.changes.get(change)?;
        let other = self.rows.get(c.old_row)?.new_change?;
        (c.kind == ChangeKind::Deleted && self.changes[other].kind == ChangeKind::Inserted)
            .then_some(other)
    }

    /// What a reader calls `change`, one of this comparison's [`Comparison::changes`].
    pub fn shape(&self, change: &Change) -> Shape {
        // The change on the other side of the change's own row: a deletion and an insertion
        // sharing a row are one rewrite.
        let partner = |row: usize, side: Side| {
            let other = self.rows.get(row)?.change(side)?;
            self.changes.get(other).map(|o| o.kind)
        };
        match change.kind {
            ChangeKind::Changed => match change.regrouping() {
                Regrouping::None => Shape::Changed,
                Regrouping::Split => Shape::Split,
                Regrouping::Merge => Shape::Merged,
                Regrouping::Both => Shape::Reparagraphed,
            },
            ChangeKind::Moved => Shape::Moved,
            ChangeKind::Deleted
                if partner(change.old_row, Side::New) == Some(ChangeKind::Inserted) =>
            {
                Shape::Rewritten
            }
            ChangeKind::Inserted
                if partner(change.new_row, Side::Old) == Some(ChangeKind::Deleted) =>
            {
                Shape::Rewritten
            }
            ChangeKind::Deleted => Shape::Deleted,
            ChangeKind::Inserted => Shape::Inserted,
        }
    }

    /// What a reader calls the change a row shows: the shape of its first change (old side
    /// first), or `None` for a row with no change.
    pub fn row_shape(&self, row: usize) -> Option<Shape> {
        let r = self.rows.get(row)?;
        let c = r.old_change.or(r.new_change)?;
        self.changes.get(c).map(|c| self.shape(c))
    }

    /// The paragraph (0-based, of `side`) that holds byte `at` of a change's text on that side.
    pub fn paragraph_at(&self, change: &Change, side: Side, at: usize) -> usize {
        let range = change.paragraphs(side);
        let mut end = 0;
        for (k, p) in self.article(side).paragraphs[range.clone()]
            .iter()
            .enumerate()
        {
            end += p.text.len();
            if at < end {
                return range.start + k;
            }
            end += PARAGRAPH_SEPARATOR.len();
        }
        range.end.saturating_sub(1).max(range.start)
    }

    /// Whether the versions are the same after the options' folding.
    pub fn is_identical(&self) -> bool {
        self.changes.is_empty()
    }
}

/// What separates paragraphs when a split or merge shows several as one text.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";
