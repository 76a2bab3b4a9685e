//! Every sentence's history across the versions, in the spirit of WikiWho: each version's
//! sentences are matched against every wording any earlier version had, not only the version
//! before, so a sentence removed and later restored keeps its origin; a sentence no earlier
//! version has is matched, by its words, against the sentences the same step removed, which
//! makes it a rewording of one of them, or else it is new.

use std::collections::{HashMap, HashSet};

use unicode_segmentation::UnicodeSegmentation;

use crate::compare::similarity::{dice, dice_bound};
use crate::text::Article;

/// The history of one sentence across the versions (versions by their index in the timeline).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentenceHistory {
    /// Its latest wording.
    pub text: String,
    /// The version it first appeared in, in this wording or an earlier one.
    pub first_version: usize,
    /// The versions that changed its wording.
    pub changed_in: Vec<usize>,
    /// The versions that removed it.
    pub removed_in: Vec<usize>,
    /// The versions that brought it back after a removal.
    pub restored_in: Vec<usize>,
}

impl SentenceHistory {
    /// The history in words, as the summaries and the window give it: "first in v1; changed in
    /// v3; removed in v4" with `changed` "changed in" and `separator` "; ".
    pub fn describe(&self, changed: &str, separator: &str) -> String {
        let mut parts = vec![format!("first in {}", version_name(self.first_version))];
        for (what, versions) in [
            (changed, &self.changed_in),
            ("removed in", &self.removed_in),
            ("restored in", &self.restored_in),
        ] {
            if !versions.is_empty() {
                let names: Vec<String> = versions.iter().map(|&v| version_name(v)).collect();
                parts.push(format!("{what} {}", names.join(", ")));
            }
        }
        parts.join(separator)
    }
}

/// "v3" for the version at index 2: how the summaries and the window name versions.
pub fn version_name(index: usize) -> String {
    format!("v{}", index + 1)
}

/// How much of their words a rewording shares with the sentence it rewords (Dice's
/// coefficient of the two sets of words).
const MIN_REWORDING_OVERLAP: f64 = 0.5;

/// A sentence extended or cut down (a clause added or dropped) rewords the other when this much
/// of the shorter one's words are in the longer, however long the clause…
const MIN_CONTAINED: f64 = 0.8;

/// …and the shorter one has at least this many words (a three-word sentence is in many longer
/// ones).
const MIN_CONTAINED_WORDS: usize = 5;

/// A word that this many removed sentences have is too common to find a rewording by: a new
/// sentence is compared only with the removed ones that share a rarer word with it.
const MAX_SENTENCES_PER_WORD: usize = 64;

/// Where one version's sentences are: for each paragraph, the histories (by index) of its
/// sentences in order, so the window can show the history of the sentence under the pointer.
///
/// Kept as one flat list with each paragraph's start in it: a version costs two numbers per
/// paragraph and one per sentence, so memory grows with the versions' total text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl Placement {
    /// The histories (indices into the timeline's sentences) of a paragraph's sentences, in
    /// order; empty for a paragraph the version does not have.
    pub fn sentences(&self, paragraph: usize) -> &[u32] {
        let at = |p: usize| self.starts.get(p).map(|&s| s as usize);
        match (at(paragraph), at(paragraph + 1)) {
            (Some(start), Some(end)) => self.ids.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// The sentences of every version and each version's [`Placement`] (in the order of
/// `articles`).
#[derive(Debug, Clone, Default)]
pub struct Histories {
    /// Every sentence's history, in the order the sentences first appeared.
    pub sentences: Vec<SentenceHistory>,
    /// Where each version's sentences are, one per article given.
    pub placements: Vec<Placement>,
}

/// The index of the sentence that `offset` (a byte offset into a paragraph's text) falls in,
/// counting the sentences as the histories do (blank ones left out); `None` past the last.
pub fn sentence_at(paragraph: &str, offset: usize) -> Option<usize> {
    sentence_ranges(paragraph).position(|range| offset < range.end)
}

/// Where a paragraph's sentences are (byte ranges, trailing spaces included), in the order and
/// number that its [`Placement`] lists their histories.
pub fn sentence_ranges(paragraph: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    paragraph
        .split_sentence_bound_indices()
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(start, s)| start..start + s.len())
}

/// The histories of the sentences of `articles` (each with its version's index, in order), in
/// the order the sentences first appeared, and where each article's sentences are.
pub fn sentence_histories(articles: &[(usize, &Article)]) -> Histories {
    let mut histories: Vec<SentenceHistory> = Vec::new();
    let mut placements: Vec<Placement> = Vec::with_capacity(articles.len());
    // Every wording seen so far, and the sentence it is.
    let mut known: HashMap<String, usize> = HashMap::new();
    let mut previous: HashSet<usize> = HashSet::new();
    // The sentences each earlier version had; a sentence absent from the last one and present
    // in one of these is being restored.
    let mut ever: HashSet<usize> = HashSet::new();
    for &(version, article) in articles {
        let mut now: HashSet<usize> = HashSet::new();
        let mut unmatched: Vec<String> = Vec::new();
        // The new wordings of this version, looked up rather than searched for in `unmatched`:
        // every sentence of the first version is new, tens of thousands in a long article.
        let mut new_here: HashSet<String> = HashSet::new();
        // Each sentence's history once known; the new wordings' after the rewordings are found.
        let mut slots: Vec<Option<usize>> = Vec::new();
        let mut starts: Vec<u32> = Vec::with_capacity(article.paragraphs.len() + 1);
        let mut unmatched_slots: Vec<(String, usize)> = Vec::new();
        for (paragraph, wording) in sentences(article) {
            while starts.len() <= paragraph {
                starts.push(u32::try_from(slots.len()).unwrap_or(u32::MAX));
            }
            match known.get(&wording) {
                Some(&id) => {
                    // An earlier wording back again: a rewording (back) if the sentence was in
                    // the version before, else a restoration of that wording.
                    let history = &mut histories[id];
                    if history.text != wording {
                        if previous.contains(&id) && history.changed_in.last() != Some(&version) {
                            history.changed_in.push(version);
                        }
                        history.text.clone_from(&wording);
                    }
                    now.insert(id);
                    slots.push(Some(id));
                }
                None => {
                    unmatched_slots.push((wording.clone(), slots.len()));
                    slots.push(None);
                    if new_here.insert(wording.clone()) {
                        unmatched.push(wording);
                    }
                }
            }
        }
        while starts.len() <= article.paragraphs.len() {
            starts.push(u32::try_from(slots.len()).unwrap_or(u32::MAX));
        }
        // Removed by this step so far: candidates for what a new sentence rewords.
        let mut removed: Vec<usize> = previous.difference(&now).copied().collect();
        removed.sort_unstable();
        let mut candidates = Candidates::new(removed.iter().map(|&id| words(&histories[id].text)));
        for wording in unmatched {
            let id = match candidates.best_match(&words(&wording)) {
                Some(at) => {
                    let id = removed[at];
                    let history = &mut histories[id];
                    history.text.clone_from(&wording);
                    history.changed_in.push(version);
                    id
                }
                None => {
                    histories.push(SentenceHistory {
                        text: wording.clone(),
                        first_version: version,
                        changed_in: Vec::new(),
                        removed_in: Vec::new(),
                        restored_in: Vec::new(),
                    });
                    histories.len() - 1
                }
            };
            known.insert(wording, id);
            now.insert(id);
        }
        for &id in &now {
            if !previous.contains(&id) && ever.contains(&id) {
                histories[id].restored_in.push(version);
            }
        }
        for &id in previous.difference(&now) {
            histories[id].removed_in.push(version);
        }
        ever.extend(now.iter().copied());
        previous = now;
        // Every new wording is known by now (a repeated one under the id its first got).
        for (wording, slot) in unmatched_slots {
            slots[slot] = known.get(&wording).copied();
        }
        let ids = slots
            .into_iter()
            .map(|id| u32::try_from(id.unwrap_or(usize::MAX)).unwrap_or(u32::MAX))
            .collect();
        placements.push(Placement { starts, ids });
    }
    Histories {
        sentences: histories,
        placements,
    }
}

/// The sentences of an article, their whitespace folded, each with its paragraph's index.
fn sentences(article: &Article) -> Vec<(usize, String)> {
    article
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(at, p)| p.text.split_sentence_bounds().map(move |s| (at, s)))
        .map(|(at, s)| (at, s.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

/// The distinct words of a sentence, in lower case.
fn words(sentence: &str) -> HashSet<String> {
    sentence.unicode_words().map(str::to_lowercase).collect()
}

/// The sentences a step removed, by their words, as candidates for what its new sentences
/// reword: each new sentence is compared only with those sharing a word that few of them have,
/// so a step that rewrote thousands of sentences costs about as much as it has words.
struct Candidates {
    words: Vec<HashSet<String>>,
    by_word: HashMap<String, Vec<usize>>,
    taken: Vec<bool>,
}

impl Candidates {
    fn new(removed: impl Iterator<Item = HashSet<String>>) -> Self {
        let words: Vec<HashSet<String>> = removed.collect();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, set) in words.iter().enumerate() {
            for word in set {
                by_word.entry(word.clone()).or_default().push(at);
            }
        }
        let taken = vec![false; words.len()];
        Self {
            words,
            by_word,
            taken,
        }
    }

    /// Which removed sentence (by its position) a new one with these words rewords most, if any
    /// shares enough of them; that one is taken.
    fn best_match(&mut self, mine: &HashSet<String>) -> Option<usize> {
        let mut seen: HashSet<usize> = HashSet::new();
        let mut best: Option<(usize, f64)> = None;
        for word in mine {
            let Some(list) = self.by_word.get(word) else {
                continue;
            };
            if list.len() > MAX_SENTENCES_PER_WORD {
                continue;
            }
            for &at in list {
                if self.taken[at] || !seen.insert(at) {
                    continue;
                }
                let theirs = &self.words[at];
                let shorter = mine.len().min(theirs.len());
                let may_contain = shorter >= MIN_CONTAINED_WORDS;
                if !may_contain && dice_bound(mine.len(), theirs.len()) < MIN_REWORDING_OVERLAP {
                    continue;
                }
                let shared = mine.intersection(theirs).count();
                let overlap = dice(shared, mine.len(), theirs.len());
                let contained = may_contain && shared as f64 >= MIN_CONTAINED * shorter as f64;
                // Ties go to the earliest removed sentence, whatever order the words come in.
                if (overlap >= MIN_REWORDING_OVERLAP || contained)
                    && best.is_none_or(|(b_at, b)| overlap > b || overlap == b && at < b_at)
                {
                    best = Some((at, overlap));
                }
            }
        }
        let (at, _) = best?;
        self.taken[at] = true;
        Some(at)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn histories(versions: &[&str]) -> Vec<SentenceHistory> {
        let articles: Vec<Article> = versions
            .iter()
            .map(|t| Article::from_text("v", t))
            .collect();
        let indexed: Vec<(usize, &Article)> = articles.iter().enumerate().collect();
        sentence_histories(&indexed).sentences
    }

    #[test]
    fn a_wording_taken_back_is_a_change_and_a_removed_sentence_restored_keeps_its_origin() {
        let h = histories(&[
            "The mayor said the budget would rise. Roads come first.",
            "The mayor said the budget would fall. Roads come first.",
            "The mayor said the budget would rise.",
            "The mayor said the budget would rise. Roads come first.",
        ]);
        assert_eq!(h.len(), 2, "{h:#?}");
        assert_eq!(h[0].text, "The mayor said the budget would rise.");
        assert_eq!(h[0].changed_in, [1, 2]);
        assert_eq!(
            (h[1].first_version, &h[1].removed_in, &h[1].restored_in),
            (0, &vec![2], &vec![3])
        );
    }

    #[test]
    fn a_sentence_given_a_long_clause_and_then_cut_back_is_one_sentence_reworded_twice() {
        let h = histories(&[
            "Accept All gives the new version, Reject All the old one. Roads come first.",
            "Accept All gives the new version, Reject All the old one (checked in CI with \
             LibreOffice, whose tracked changes are rejected by a script that cannot be driven \
             from its own window here). Roads come first.",
            "Accept All gives the new version, Reject All the old one. Roads come first.",
        ]);
        assert_eq!(h.len(), 2, "{h:#?}");
        assert_eq!((h[0].first_version, &h[0].changed_in), (0, &vec![1, 2]));
        assert!(h[0].removed_in.is_empty() && h[0].restored_in.is_empty());
        // Short sentences are not taken for parts of long ones.
        let h = histories(&[
            "It rained. Roads come first.",
            "It rained on the long road to the north coast. Roads come first.",
        ]);
        assert_eq!(h.len(), 3, "{h:#?}");
    }
}
