//! The redline as tracked changes, before any file format: the new version's paragraphs, with
//! every word the old version had and the new lacks as a deletion, every word the new one added
//! as an insertion, moved paragraphs as a move from one place to another, and every paragraph
//! break that one version has and the other lacks as a deleted or inserted paragraph mark.
//!
//! Accepting every revision gives the new version, paragraph by paragraph; rejecting every one
//! gives the old ([`Redline::accepted`], [`Redline::rejected`]). The .docx writer turns it into
//! Word's revisions.

use crate::compare::{Change, ChangeKind, Comparison, EditOp, PARAGRAPH_SEPARATOR, Side};
use crate::text::ParagraphKind;

/// What a run of text or a paragraph mark is in the revision history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    /// In both versions.
    Plain,
    /// Only in the new version.
    Inserted,
    /// Only in the old version.
    Deleted,
    /// The old place of a moved paragraph (the move's number).
    MovedFrom(usize),
    /// The new place of a moved paragraph (the move's number).
    MovedTo(usize),
}

impl Revision {
    /// Whether accepting every revision keeps it.
    pub fn in_new(self) -> bool {
        matches!(self, Self::Plain | Self::Inserted | Self::MovedTo(_))
    }

    /// Whether rejecting every revision keeps it.
    pub fn in_old(self) -> bool {
        matches!(self, Self::Plain | Self::Deleted | Self::MovedFrom(_))
    }
}

/// A run of text with one revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Plain, inserted, deleted, moved.
    pub revision: Revision,
    /// The text, whitespace included.
    pub text: String,
}

/// One paragraph of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Heading, list item, quote or prose (of the new paragraph, else the old).
    pub kind: ParagraphKind,
    /// A heading's level (1 to 6), 0 for other paragraphs.
    pub level: u8,
    /// The runs, in order.
    pub runs: Vec<Run>,
    /// What the paragraph mark at its end is: a deleted mark joins it to the next paragraph when
    /// the revisions are accepted, an inserted one when they are rejected.
    pub mark: Revision,
    /// The paragraphs of each version it holds text of (0-based), for anchoring comments.
    pub old: Option<usize>,
    /// The new paragraph it holds text of (0-based).
    pub new: Option<usize>,
    /// The change it shows, as an index into [`Comparison::changes`].
    pub change: Option<usize>,
}

/// The whole redline: paragraphs in the new version's order, and how many moves it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redline {
    /// The paragraphs.
    pub paras: Vec<Para>,
    /// How many moved paragraphs (each a move from one place to another).
    pub moves: usize,
}

impl Redline {
    /// Builds the redline of a comparison.
    pub fn of(comparison: &Comparison) -> Self {
        let mut builder = Builder {
            comparison,
            paras: Vec::new(),
            current: None,
            moves: Vec::new(),
        };
        for row in &comparison.rows {
            let change = |side: Side| row.change(side).map(|c| (c, &comparison.changes[c]));
            match (change(Side::Old), change(Side::New)) {
                (None, None) => builder.unchanged(row.old.clone(), row.new.clone()),
                // One change on both sides of the row: edited in place (a paragraph moved within
                // its row is shown so too).
                (Some((a, c)), Some((b, _))) if a == b => builder.edited(a, c),
                (old, new) => {
                    if let Some((a, c)) = old {
                        builder.whole(a, c, Side::Old);
                    }
                    if let Some((b, c)) = new {
                        builder.whole(b, c, Side::New);
                    }
                }
            }
        }
        builder.finish()
    }

    /// The paragraphs with every revision accepted: the new version.
    pub fn accepted(&self) -> Vec<String> {
        self.resolve(Revision::in_new)
    }

    /// The paragraphs with every revision rejected: the old version.
    pub fn rejected(&self) -> Vec<String> {
        self.resolve(Revision::in_old)
    }

    fn resolve(&self, keep: fn(Revision) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        let mut text = String::new();
        for para in &self.paras {
            for run in para.runs.iter().filter(|r| keep(r.revision)) {
                text.push_str(&run.text);
            }
            if keep(para.mark) {
                out.push(std::mem::take(&mut text));
            }
        }
        if !text.is_empty() {
            out.push(text);
        }
        out
    }
}

/// The paragraph being filled.
struct Open {
    kind: ParagraphKind,
    level: u8,
    runs: Vec<Run>,
    old: Option<usize>,
    new: Option<usize>,
    change: Option<usize>,
}

struct Builder<'a> {
    comparison: &'a Comparison,
    paras: Vec<Para>,
    current: Option<Open>,
    /// For each moved change, its move's number.
    moves: Vec<usize>,
}

impl Builder<'_> {
    fn open(&mut self, old: Option<usize>, new: Option<usize>, change: Option<usize>) {
        let paragraph = |side: Side, p: Option<usize>| {
            p.and_then(|p| self.comparison.article(side).paragraphs.get(p))
        };
        let (kind, level) = paragraph(Side::New, new)
            .or(paragraph(Side::Old, old))
            .map_or((ParagraphKind::Text, 0), |p| (p.kind, p.level));
        self.current = Some(Open {
            kind,
            level,
            runs: Vec::new(),
            old,
            new,
            change,
        });
    }

    fn push(&mut self, revision: Revision, text: &str) {
        if text.is_empty() {
            return;
        }
        let Some(open) = self.current.as_mut() else {
            return;
        };
        match open.runs.last_mut() {
            Some(last) if last.revision == revision => last.text.push_str(text),
            _ => open.runs.push(Run {
                revision,
                text: text.to_owned(),
            }),
        }
    }

    /// Ends the open paragraph with a mark of this revision.
    fn close(&mut self, mark: Revision) {
        if let Some(open) = self.current.take() {
            self.paras.push(Para {
                kind: open.kind,
                level: open.level,
                runs: open.runs,
                mark,
                old: open.old,
                new: open.new,
                change: open.change,
            });
        }
    }

    /// Paragraphs the same in both versions, or the same words broken into paragraphs
    /// differently.
    fn unchanged(&mut self, old: std::ops::Range<usize>, new: std::ops::Range<usize>) {
        let c = self.comparison;
        if old.len() == new.len() {
            for (o, n) in old.zip(new) {
                self.open(Some(o), Some(n), None);
                let (a, b) = (&c.old.paragraphs[o].text, &c.new.paragraphs[n].text);
                self.same_words(a, b);
                self.close(Revision::Plain);
            }
            return;
        }
        self.open(Some(old.start), Some(new.start), None);
        let (a, b) = (c.text(Side::Old, old), c.text(Side::New, new));
        self.same_words(&a, &b);
        self.close(Revision::Plain);
    }

    /// Text both versions have (an equal run of a word diff): word by word, each paragraph
    /// break only one side has as an inserted or deleted mark, and words the options count as
    /// equal but that differ (a typographic quote) as a deletion and an insertion.
    fn same_words(&mut self, old: &str, new: &str) {
        // Counted first and walked after, not collected: a re-paragraphed row can be the whole
        // article (a file re-wrapped into one paragraph), hundreds of thousands of words.
        if words(old).count() != words(new).count() {
            // The options count different numbers of words as equal (punctuation ignored).
            self.push_marked(Revision::Deleted, old);
            self.push_marked(Revision::Inserted, new);
            return;
        }
        for (i, ((old_gap, old_word), (new_gap, new_word))) in
            words(old).zip(words(new)).enumerate()
        {
            if i > 0 {
                self.gap(old_gap, new_gap);
            }
            if old_word == new_word {
                self.push(Revision::Plain, new_word);
            } else {
                self.push(Revision::Deleted, old_word);
                self.push(Revision::Inserted, new_word);
            }
        }
    }

    /// The whitespace between two words: a paragraph break in both, in one, or in neither.
    fn gap(&mut self, old: &str, new: &str) {
        let (old_break, new_break) = (
            old.contains(PARAGRAPH_SEPARATOR),
            new.contains(PARAGRAPH_SEPARATOR),
        );
        let (o, n, ch) = self.where_now();
        match (old_break, new_break) {
            (false, false) => self.push(Revision::Plain, " "),
            (true, true) => {
                self.close(Revision::Plain);
                self.open(o.map(|p| p + 1), n.map(|p| p + 1), ch);
            }
            (true, false) => {
                // The old version broke the paragraph here: the mark is deleted, and the space
                // the new version has instead is inserted.
                self.close(Revision::Deleted);
                self.open(o.map(|p| p + 1), n, ch);
                self.push(Revision::Inserted, " ");
            }
            (false, true) => {
                self.push(Revision::Deleted, " ");
                self.close(Revision::Inserted);
                self.open(o, n.map(|p| p + 1), ch);
            }
        }
    }

    fn where_now(&self) -> (Option<usize>, Option<usize>, Option<usize>) {
        self.current
            .as_ref()
            .map_or((None, None, None), |o| (o.old, o.new, o.change))
    }

    /// Text only one version has, its paragraph breaks as marks of the same revision.
    fn push_marked(&mut self, revision: Revision, text: &str) {
        let mut parts = text.split(PARAGRAPH_SEPARATOR).peekable();
        while let Some(part) = parts.next() {
            self.push(revision, part);
            if parts.peek().is_some() {
                let (o, n, ch) = self.where_now();
                self.close(revision);
                let (o, n) = match revision {
                    Revision::Inserted | Revision::MovedTo(_) => (o, n.map(|p| p + 1)),
                    _ => (o.map(|p| p + 1), n),
                };
                self.open(o, n, ch);
            }
        }
    }

    /// A change with a word diff: paired paragraphs, split, merged or edited in place.
    fn edited(&mut self, index: usize, change: &Change) {
        let c = self.comparison;
        let (old, new) = (change.text(c, Side::Old), change.text(c, Side::New));
        self.open(
            change.old.clone().next(),
            change.new.clone().next(),
            Some(index),
        );
        if change.edits.is_empty() {
            self.push_marked(Revision::Deleted, &old);
            self.push_marked(Revision::Inserted, &new);
            self.close(Revision::Plain);
            return;
        }
        let (mut old_at, mut new_at) = (0, 0);
        for e in &change.edits {
            let (old_gap, new_gap) = (
                old.get(old_at..e.old.start).unwrap_or(""),
                new.get(new_at..e.new.start).unwrap_or(""),
            );
            self.between(old_gap, new_gap);
            let (old_words, new_words) = (
                old.get(e.old.clone()).unwrap_or(""),
                new.get(e.new.clone()).unwrap_or(""),
            );
            match e.op {
                EditOp::Equal => self.same_words(old_words, new_words),
                EditOp::Delete => self.push_marked(Revision::Deleted, old_words),
                EditOp::Insert => self.push_marked(Revision::Inserted, new_words),
            }
            old_at = e.old.end.max(old_at);
            new_at = e.new.end.max(new_at);
        }
        // What follows the last edit: nothing, or text the options ignore (punctuation).
        self.between(
            old.get(old_at..).unwrap_or(""),
            new.get(new_at..).unwrap_or(""),
        );
        self.close(Revision::Plain);
    }

    /// The text between two edits of a word diff: whitespace, and with some options text the
    /// comparison ignores (punctuation), which is shown as both versions have it.
    fn between(&mut self, old: &str, new: &str) {
        let split = |t: &'_ str| -> (usize, usize) {
            let lead = t.len() - t.trim_start().len();
            (lead, t.trim_end().len().max(lead))
        };
        let ((old_lead, old_end), (new_lead, new_end)) = (split(old), split(new));
        if old_lead == old_end && new_lead == new_end {
            self.edit_gap(old, new);
            return;
        }
        self.edit_gap(&old[..old_lead], &new[..new_lead]);
        self.same_words(&old[old_lead..old_end], &new[new_lead..new_end]);
        self.edit_gap(&old[old_end..], &new[new_end..]);
    }

    /// The whitespace before an edit: like [`Self::gap`], but an edit of one side only has an
    /// empty range on the other, so one side's gap may be empty.
    fn edit_gap(&mut self, old: &str, new: &str) {
        match (old.is_empty(), new.is_empty()) {
            (true, true) => {}
            (false, true) if !old.contains(PARAGRAPH_SEPARATOR) => {
                self.push(Revision::Deleted, old);
            }
            (true, false) if !new.contains(PARAGRAPH_SEPARATOR) => {
                self.push(Revision::Inserted, new);
            }
            (false, true) => self.push_marked(Revision::Deleted, old),
            (true, false) => self.push_marked(Revision::Inserted, new),
            (false, false) => self.gap(old, new),
        }
    }

    /// A whole paragraph (or several) only one side has here: inserted, deleted, or one place
    /// of a moved paragraph.
    fn whole(&mut self, index: usize, change: &Change, side: Side) {
        let revision = match (change.kind, side) {
            (ChangeKind::Moved, Side::Old) => Revision::MovedFrom(self.move_number(index)),
            (ChangeKind::Moved, Side::New) => Revision::MovedTo(self.move_number(index)),
            (_, Side::Old) => Revision::Deleted,
            (_, Side::New) => Revision::Inserted,
        };
        let paragraphs = change.paragraphs(side);
        let first = paragraphs.clone().next();
        let (old, new) = match side {
            Side::Old => (first, None),
            Side::New => (None, first),
        };
        self.open(old, new, Some(index));
        let text = change.text(self.comparison, side);
        self.push_marked(revision, &text);
        self.close(revision);
    }

    fn move_number(&mut self, change: usize) -> usize {
        match self.moves.iter().position(|&c| c == change) {
            Some(n) => n + 1,
            None => {
                self.moves.push(change);
                self.moves.len()
            }
        }
    }

    fn finish(mut self) -> Redline {
        self.close(Revision::Plain);
        // LibreOffice joins an insertion (or deletion) at the end of a paragraph to one at the
        // start of the next across the plain mark between them, so its Reject All (Accept All)
        // would run the two paragraphs together. Where the next paragraph is all inserted
        // (deleted), its mark's revision can be the mark before it instead: each version has
        // the same paragraphs either way, and LibreOffice's joined revision is then right.
        for i in 1..self.paras.len() {
            let (before, after) = self.paras.split_at_mut(i);
            let (p, q) = (&mut before[i - 1], &mut after[0]);
            let revision = q.mark;
            if matches!(revision, Revision::Inserted | Revision::Deleted)
                && p.mark == Revision::Plain
                && p.runs.last().is_some_and(|run| run.revision == revision)
                && q.runs.iter().all(|run| run.revision == revision)
            {
                p.mark = revision;
                q.mark = Revision::Plain;
            }
        }
        // The document's last paragraph mark cannot be a revision: a last paragraph only one
        // version has moves its mark's revision onto the paragraph before, and keeps a plain
        // mark, so that accepting or rejecting still joins the two.
        if let Some(last) = self.paras.len().checked_sub(1)
            && self.paras[last].mark != Revision::Plain
            && last > 0
        {
            let revision = self.paras[last].mark;
            if self.paras[last - 1].mark == Revision::Plain {
                self.paras[last - 1].mark = revision;
                self.paras[last].mark = Revision::Plain;
            }
        }
        Redline {
            paras: self.paras,
            moves: self.moves.len(),
        }
    }
}

/// The words of a text with the whitespace before each: ("", "The"), (" ", "mayor"), ….
fn words(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.len() - rest.trim_start().len();
        let (gap, after) = rest.split_at(start);
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        if end == 0 {
            return None;
        }
        let (word, tail) = after.split_at(end);
        rest = tail;
        Some((gap, word))
    })
}
