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

/// How much of their words a rewording shares with the sentence it rewords (Dice's
/// coefficient of the two sets of words).
const MIN_REWORDING_OVERLAP: f64 = 0.5;

/// A word that this many removed sentences have is too common to find a rewording by: a new
/// sentence is compared only with the removed ones that share a rarer word with it.
const MAX_SENTENCES_PER_WORD: usize = 64;

/// The histories of the sentences of `articles` (each with its version's index, in order), in
/// the order the sentences first appeared.
pub fn sentence_histories(articles: &[(usize, &Article)]) -> Vec<SentenceHistory> {
    let mut histories: Vec<SentenceHistory> = Vec::new();
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
        for wording in sentences(article) {
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
                }
                None => {
                    if new_here.insert(wording.clone()) {
                        unmatched.push(wording);
                    }
                }
            }
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
    }
    histories
}

/// The sentences of an article, their whitespace folded.
fn sentences(article: &Article) -> Vec<String> {
    article
        .paragraphs
        .iter()
        .flat_map(|p| p.text.split_sentence_bounds())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
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
                if dice_bound(mine.len(), theirs.len()) < MIN_REWORDING_OVERLAP {
                    continue;
                }
                let overlap = dice(mine.intersection(theirs).count(), mine.len(), theirs.len());
                // Ties go to the earliest removed sentence, whatever order the words come in.
                if overlap >= MIN_REWORDING_OVERLAP
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
        sentence_histories(&indexed)
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
}
