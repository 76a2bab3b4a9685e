//! Reviewing each change: a reader marks a change *reviewed* or *flagged*, with a short note.
//!
//! Marks are keyed by content, not by file names or positions: a pair of versions by the words
//! of both ([`pair_key`]), a change by the words it touches ([`change_keys`]). So a review
//! survives renaming the files, reopening them, re-wrapping them, and compare options that
//! leave a change as it was; switching an option back brings back the marks of the changes it
//! had hidden. [`Store`] keeps them on disk, one small file per pair.

mod store;

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::compare::{Comparison, Side};
use crate::text::Article;

pub use store::{ReviewError, Store};

/// Where a change stands in the reader's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not looked at yet.
    #[default]
    ToReview,
    /// Checked, nothing to do.
    Reviewed,
    /// Checked, and something needs attention (the note says what).
    Flagged,
}

impl Status {
    /// The heading summaries give it: "To review", "Reviewed", "Flagged".
    pub fn title(self) -> &'static str {
        match self {
            Self::ToReview => "To review",
            Self::Reviewed => "Reviewed",
            Self::Flagged => "Flagged",
        }
    }

    /// The word lists and summaries show: "to review", "reviewed", "flagged".
    pub fn label(self) -> &'static str {
        match self {
            Self::ToReview => "to review",
            Self::Reviewed => "reviewed",
            Self::Flagged => "flagged",
        }
    }
}

/// A reader's mark on one change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Mark {
    /// Reviewed, flagged, or not yet.
    pub status: Status,
    /// What the reader wrote about the change; empty when nothing.
    pub note: String,
}

impl Mark {
    /// Whether the mark says nothing (to review, no note): such marks are not stored.
    pub fn is_blank(&self) -> bool {
        self.status == Status::ToReview && self.note.trim().is_empty()
    }
}

/// How many changes stand where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Changes marked reviewed.
    pub reviewed: usize,
    /// Changes flagged.
    pub flagged: usize,
    /// Changes not marked yet.
    pub to_review: usize,
}

impl Counts {
    /// All changes.
    pub fn total(&self) -> usize {
        self.reviewed + self.flagged + self.to_review
    }

    /// "5 of 11 changes reviewed, 1 flagged, 5 to review."
    pub fn sentence(&self) -> String {
        let total = self.total();
        let mut out = format!(
            "{} of {total} change{} reviewed",
            self.reviewed,
            if total == 1 { "" } else { "s" }
        );
        if self.flagged > 0 {
            out.push_str(&format!(", {} flagged", self.flagged));
        }
        if self.to_review > 0 {
            out.push_str(&format!(", {} to review", self.to_review));
        }
        out.push('.');
        out
    }
}

/// The marks of one pair of versions as they are stored: every change ever marked, by its key,
/// including changes the current compare options do not show.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PairReview {
    /// The old file's name when last marked, for a person reading the stored file.
    pub old_name: String,
    /// The new file's name when last marked.
    pub new_name: String,
    /// The marks, by change key ([`change_keys`]); blank marks are left out.
    pub marks: BTreeMap<String, Mark>,
}

/// The review of one comparison: a mark per change, in the comparison's order, and what is
/// stored for its pair of versions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pair: String,
    keys: Vec<String>,
    marks: Vec<Mark>,
    stored: PairReview,
}

impl Review {
    /// Reads the marks `stored` for the comparison's pair onto its changes.
    pub fn new(comparison: &Comparison, stored: PairReview) -> Self {
        Self::with_pair(
            pair_key(&comparison.old, &comparison.new),
            comparison,
            stored,
        )
    }

    /// As [`Self::new`], with the pair's key already worked out.
    pub fn with_pair(pair: String, comparison: &Comparison, stored: PairReview) -> Self {
        Self::with_keys(pair, change_keys(comparison), comparison, stored)
    }

    /// As [`Self::with_pair`], with the changes' keys ([`change_keys`]) already worked out too.
    pub fn with_keys(
        pair: String,
        keys: Vec<String>,
        comparison: &Comparison,
        mut stored: PairReview,
    ) -> Self {
        let marks = keys
            .iter()
            .map(|k| stored.marks.get(k).cloned().unwrap_or_default())
            .collect();
        stored.old_name.clone_from(&comparison.old.source.name);
        stored.new_name.clone_from(&comparison.new.source.name);
        Self {
            pair,
            keys,
            marks,
            stored,
        }
    }

    /// A review with no marks yet (no store, or nothing stored for the pair).
    pub fn blank(comparison: &Comparison) -> Self {
        Self::new(comparison, PairReview::default())
    }

    /// The key of the pair of versions, the name of its stored file.
    pub fn pair(&self) -> &str {
        &self.pair
    }

    /// The mark of a change (by its index in [`Comparison::changes`]); to review if unknown.
    pub fn mark(&self, change: usize) -> &Mark {
        static BLANK: Mark = Mark {
            status: Status::ToReview,
            note: String::new(),
        };
        self.marks.get(change).unwrap_or(&BLANK)
    }

    /// Every change's mark, in the comparison's order.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// Sets a change's mark; returns whether anything changed.
    pub fn set(&mut self, change: usize, mark: Mark) -> bool {
        let (Some(slot), Some(key)) = (self.marks.get_mut(change), self.keys.get(change)) else {
            return false;
        };
        if *slot == mark {
            return false;
        }
        if mark.is_blank() {
            self.stored.marks.remove(key);
        } else {
            self.stored.marks.insert(key.clone(), mark.clone());
        }
        *slot = mark;
        true
    }

    /// Sets a change's status, keeping its note.
    pub fn set_status(&mut self, change: usize, status: Status) -> bool {
        let note = self.mark(change).note.clone();
        self.set(change, Mark { status, note })
    }

    /// Sets a change's note, keeping its status.
    pub fn set_note(&mut self, change: usize, note: String) -> bool {
        let status = self.mark(change).status;
        self.set(change, Mark { status, note })
    }

    /// How many changes stand where.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for mark in &self.marks {
            match mark.status {
                Status::ToReview => counts.to_review += 1,
                Status::Reviewed => counts.reviewed += 1,
                Status::Flagged => counts.flagged += 1,
            }
        }
        counts
    }

    /// Whether no change of this comparison has a status or a note.
    pub fn is_blank(&self) -> bool {
        self.marks.iter().all(Mark::is_blank)
    }

    /// The first change still to review after `after` (from the start when `None`), coming
    /// round to the start when none is left after it: where a reader goes on.
    pub fn next_to_review(&self, after: Option<usize>) -> Option<usize> {
        let start = after.map_or(0, |n| n + 1);
        let to_review = |n: &usize| self.marks[*n].status == Status::ToReview;
        (start..self.marks.len())
            .find(to_review)
            .or_else(|| (0..start.min(self.marks.len())).find(to_review))
    }

    /// What is stored for the pair: this comparison's marks and those of changes other options
    /// showed.
    pub fn stored(&self) -> &PairReview {
        &self.stored
    }
}

/// The key of a pair of versions: a 128-bit hash of the words of both, in order, as 32 hex
/// digits. Paragraph text has its whitespace folded, so re-wrapping or re-paragraphing a file
/// keeps the key; exchanging old and new changes it.
pub fn pair_key(old: &Article, new: &Article) -> String {
    let mut hasher = SipHasher13::new();
    for article in [old, new] {
        for paragraph in &article.paragraphs {
            hasher.write(paragraph.text.as_bytes());
            // A space, not a paragraph break: the same words broken into paragraphs otherwise
            // are the same text to Redline, so they keep their review.
            hasher.write_u8(b' ');
        }
        // Not UTF-8: no text can run from one version into the other.
        hasher.write_u8(0xff);
    }
    format!("{:032x}", hasher.finish128().as_u128())
}

/// The key of each change of a comparison: a hash of its old and new words (whatever their
/// paragraph breaks), and, for a change whose words another change before it has too, how many
/// came before.
pub fn change_keys(comparison: &Comparison) -> Vec<String> {
    let mut seen: std::collections::HashMap<u128, usize> = std::collections::HashMap::new();
    comparison
        .changes
        .iter()
        .map(|change| {
            let mut hasher = SipHasher13::new();
            for side in [Side::Old, Side::New] {
                let paragraphs = &comparison.article(side).paragraphs;
                for paragraph in paragraphs.get(change.paragraphs(side)).unwrap_or_default() {
                    hasher.write(paragraph.text.as_bytes());
                    hasher.write_u8(b' ');
                }
                hasher.write_u8(0xff);
            }
            let hash = hasher.finish128().as_u128();
            let count = seen.entry(hash).or_insert(0);
            let key = match *count {
                0 => format!("{hash:032x}"),
                n => format!("{hash:032x}-{n}"),
            };
            *count += 1;
            key
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};

    fn comparison(old: &str, new: &str, options: &CompareOptions) -> Comparison {
        compare(
            Article::from_text("old.txt", old).shared(),
            Article::from_text("new.txt", new).shared(),
            options,
        )
    }

    const OLD: &str = "The mayor spoke on Monday.\n\nShe said 40 people came.\n\nThe end.\n";
    const NEW: &str = "The Mayor spoke on Tuesday.\n\nShe said 45 people came.\n\nThe end.\n";

    #[test]
    fn marks_follow_the_words_not_the_file_names_or_the_wrapping() {
        let first = comparison(OLD, NEW, &CompareOptions::default());
        let mut review = Review::blank(&first);
        assert!(review.set_status(1, Status::Flagged));
        assert!(review.set_note(1, "check the count".into()));
        // Renamed and re-wrapped: the same words.
        let rewrapped = NEW.replace("said 45", "said\n45");
        let again = compare(
            Article::from_text("renamed.txt", OLD).shared(),
            Article::from_text("other.md", &rewrapped).shared(),
            &CompareOptions::default(),
        );
        assert_eq!(pair_key(&again.old, &again.new), review.pair());
        let reopened = Review::new(&again, review.stored().clone());
        assert_eq!(reopened.mark(1).status, Status::Flagged);
        assert_eq!(reopened.mark(1).note, "check the count");
        assert_eq!(reopened.mark(0), &Mark::default());
    }

    #[test]
    fn marks_survive_an_option_change_and_belong_to_one_pair() {
        let plain = comparison(OLD, NEW, &CompareOptions::default());
        let mut review = Review::blank(&plain);
        assert_eq!(review.marks().len(), 2);
        review.set_status(0, Status::Reviewed);
        review.set_status(1, Status::Reviewed);
        // Ignoring case changes what the first change's word diff shows ("mayor" → "Mayor" is
        // no longer an edit), not the words it spans: its key, and its mark, stay.
        let ignore_case = CompareOptions {
            ignore_case: true,
            ..CompareOptions::default()
        };
        let folded = comparison(OLD, NEW, &ignore_case);
        let other = Review::new(&folded, review.stored().clone());
        assert_eq!(other.counts().reviewed, 2, "same words, same keys");
        let fewer = comparison(OLD, &NEW.replace("45", "40"), &CompareOptions::default());
        // Another pair: nothing stored for it is read, and the keys differ.
        assert_ne!(pair_key(&fewer.old, &fewer.new), review.pair());
        let back = Review::new(&plain, review.stored().clone());
        assert_eq!(back.counts().reviewed, 2);
    }

    #[test]
    fn a_change_an_option_hides_gets_its_mark_back_when_the_option_goes() {
        let old = "The mayor spoke on Monday about the budget.\n\nHello, world, and goodbye.\n";
        let new =
            "The mayor spoke on Monday about the budget today.\n\nHello world, and goodbye.\n";
        let plain = comparison(old, new, &CompareOptions::default());
        assert_eq!(plain.changes.len(), 2);
        let mut review = Review::blank(&plain);
        review.set_status(1, Status::Flagged);
        let no_punctuation = CompareOptions {
            ignore_punctuation: true,
            ..CompareOptions::default()
        };
        let hidden = comparison(old, new, &no_punctuation);
        assert_eq!(hidden.changes.len(), 1, "the comma no longer counts");
        let mut while_hidden = Review::new(&hidden, review.stored().clone());
        assert_eq!(while_hidden.counts().flagged, 0);
        while_hidden.set_status(0, Status::Reviewed);
        let back = Review::new(&plain, while_hidden.stored().clone());
        assert_eq!(back.mark(0).status, Status::Reviewed);
        assert_eq!(back.mark(1).status, Status::Flagged);
    }

    #[test]
    fn repeated_changes_are_told_apart() {
        let old = "Intro.\n\nA line.\n\nMiddle.\n\nA line.\n\nEnd.\n";
        let new = "Intro.\n\nMiddle.\n\nEnd.\n";
        let c = comparison(old, new, &CompareOptions::default());
        let keys = change_keys(&c);
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        let mut review = Review::blank(&c);
        review.set_status(1, Status::Flagged);
        let again = Review::new(&c, review.stored().clone());
        assert_eq!(again.mark(0).status, Status::ToReview);
        assert_eq!(again.mark(1).status, Status::Flagged);
    }

    #[test]
    fn the_next_change_to_review_comes_round_to_the_start() {
        let old = "Alpha one two.\n\nBeta one two.\n\nGamma one two.\n\nDelta one two.\n";
        let new = old.replace("two", "three");
        let c = comparison(old, &new, &CompareOptions::default());
        let mut review = Review::blank(&c);
        assert_eq!(review.marks().len(), 4);
        assert_eq!(review.next_to_review(None), Some(0));
        review.set_status(0, Status::Reviewed);
        review.set_status(2, Status::Flagged);
        assert_eq!(review.next_to_review(None), Some(1));
        assert_eq!(review.next_to_review(Some(1)), Some(3));
        assert_eq!(review.next_to_review(Some(3)), Some(1));
        review.set_status(1, Status::Reviewed);
        review.set_status(3, Status::Reviewed);
        assert_eq!(review.next_to_review(Some(0)), None);
    }

    #[test]
    fn blank_marks_are_not_stored_and_counts_add_up() {
        let c = comparison(OLD, NEW, &CompareOptions::default());
        let mut review = Review::blank(&c);
        assert!(review.is_blank());
        review.set_note(0, "ask the desk".into());
        assert_eq!(review.stored().marks.len(), 1);
        assert!(!review.is_blank());
        review.set_note(0, String::new());
        assert!(review.stored().marks.is_empty());
        assert!(!review.set_note(0, String::new()), "nothing changed");
        review.set_status(0, Status::Reviewed);
        assert_eq!(
            review.counts(),
            Counts {
                reviewed: 1,
                flagged: 0,
                to_review: 1
            }
        );
        assert_eq!(
            review.counts().sentence(),
            "1 of 2 changes reviewed, 1 to review."
        );
        assert!(!review.set_status(7, Status::Reviewed), "no such change");
    }
}
