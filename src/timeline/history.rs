//! Every sentence's history across the versions, in the spirit of WikiWho: each version's
//! sentences are matched against every wording any earlier version had, not only the version
//! before, so a sentence removed and later restored keeps its origin; a sentence no earlier
//! version has is matched, by its words, against the sentences the same step removed, which
//! makes it a rewording of one of them, or else it is new.

use std::collections::{HashMap, HashSet};

use unicode_segmentation::UnicodeSegmentation;

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

/// Past this many pairs of new and removed sentences in one step, the step's new sentences are
/// taken as new rather than compared with every removed one.
const MAX_REWORDING_PAIRS: usize = 250_000;

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
                None if !unmatched.contains(&wording) => unmatched.push(wording),
                None => {}
            }
        }
        // Removed by this step so far: candidates for what a new sentence rewords.
        let mut removed: Vec<usize> = previous.difference(&now).copied().collect();
        removed.sort_unstable();
        let pairs = unmatched.len().saturating_mul(removed.len());
        for wording in unmatched {
            let reworded = (pairs <= MAX_REWORDING_PAIRS)
                .then(|| best_match(&wording, &removed, &histories))
                .flatten();
            let id = match reworded {
                Some(at) => {
                    let id = removed.swap_remove(at);
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

/// Which of the `removed` sentences (indices into `histories`) `wording` rewords most, if any
/// shares enough of its words.
fn best_match(wording: &str, removed: &[usize], histories: &[SentenceHistory]) -> Option<usize> {
    let words = |s: &str| -> HashSet<String> { s.unicode_words().map(str::to_lowercase).collect() };
    let mine = words(wording);
    removed
        .iter()
        .enumerate()
        .map(|(at, &id)| {
            let theirs = words(&histories[id].text);
            let shared = mine.intersection(&theirs).count();
            let total = mine.len() + theirs.len();
            let dice = if total == 0 {
                0.0
            } else {
                (2 * shared) as f64 / total as f64
            };
            (at, dice)
        })
        .filter(|&(_, dice)| dice >= MIN_REWORDING_OVERLAP)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(at, _)| at)
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
