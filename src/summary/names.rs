//! Names of people, places and organisations that one version mentions and the other does not.
//!
//! Rules: a name is a run of capitalised words (`Xinhua News Agency`, `CCTV`), which may take
//! `of`, `de`, `van`, `von`, `al` inside, and `and` when two or more capitalised words follow it
//! (`Belt and Road Initiative`). A possessive `’s` is dropped. Titles (`Speaker`, `President`, …)
//! are left out. A word that is capitalised only because it starts a sentence (or follows an
//! opening quote, bracket or dash at its start) counts only if the documents also capitalise it
//! elsewhere. A name that is part of a name on the other side ("Biden", "Joe Biden") is the
//! same entity and not listed. Weekdays and months belong to the numbers facet, and title-case lines (three in
//! four words capitalised: headlines, "Listen: Putin and Xi Test Their …") are skipped.

use std::collections::BTreeMap;

// Looked up for every capitalised word: a faster hash than the standard one.
use foldhash::HashSet;

use super::facts::{Fact, FactList};
use super::numbers::{MONTHS, WEEKDAYS};
use super::prose::Prose;
use crate::compare::Comparison;

const TITLES: &[&str] = &[
    "Speaker",
    "President",
    "Premier",
    "Prime",
    "Minister",
    "Chancellor",
    "Senator",
    "Governor",
    "Mayor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Secretary",
    "General",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Lord",
    "King",
    "Queen",
    "Pope",
    "Judge",
    "Justice",
    "Representative",
    "Rep",
    "Sen",
    "Gov",
];
const CONNECTORS: &[&str] = &[
    "of", "de", "van", "von", "al", "der", "da", "du", "la", "le",
];
/// Capitalised words that are never names on their own here: "I", and the weekdays and months
/// the numbers facet lists.
fn never_a_name(word: &str) -> bool {
    word == "I" || WEEKDAYS.contains(&word) || MONTHS.contains(&word)
}

/// A candidate word: where it is, and whether it opens its sentence.
pub(crate) struct Word<'a> {
    text: &'a str,
    initial: bool,
}

/// The words of a paragraph with sentence-initial ones marked; empty for title-case lines.
pub(crate) fn words<'a>(prose: &Prose<'a>) -> Vec<Word<'a>> {
    let text = prose.text;
    // No capital letter, no name: skip reading the tokens.
    if !text.contains(char::is_uppercase) {
        return Vec::new();
    }
    // The words of every changed paragraph are held until the names are compared, and names
    // need only capitalised words and the connectors between them: each run of other words
    // becomes one empty stand-in, which breaks a name as any of them would.
    let mut kept: Vec<Word> = Vec::new();
    let (mut words, mut capitals) = (0, 0);
    let mut initial = true;
    for t in prose.tokens() {
        let w = &text[t.range.clone()];
        let word = Word {
            text: w,
            initial: t.is_word && initial,
        };
        if t.is_word {
            words += 1;
            capitals += usize::from(w.starts_with(char::is_uppercase));
            initial = false;
        } else if matches!(w, "." | "!" | "?" | ":" | ";") {
            initial = true;
        } else if !matches!(w, "“" | "\"" | "‘" | "(" | "[" | "—" | "--" | "-" | "–") {
            initial = false;
        }
        if capitalised(w) || w == "and" || CONNECTORS.contains(&w) {
            kept.push(word);
        } else if kept.last().is_none_or(|last| !last.text.is_empty()) {
            kept.push(Word {
                text: "",
                initial: false,
            });
        }
    }
    // Title case: a headline, whose capitals say nothing.
    if words >= 4 && capitals * 4 >= words * 3 {
        return Vec::new();
    }
    kept
}

fn base(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().any(char::is_alphabetic)
}

/// The names in a paragraph's words, given the words the documents capitalise mid-sentence.
fn names_in(words: &[Word], known: &HashSet<&str>) -> Vec<String> {
    let is_name_word = |w: &Word| {
        let b = base(w.text);
        capitalised(b)
            && !never_a_name(b)
            && !TITLES.contains(&b)
            && (!w.initial || known.contains(b))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(&words[i]) {
            i += 1;
            continue;
        }
        let mut parts = vec![base(words[i].text)];
        let mut j = i + 1;
        // A possessive ends the name: "Russia’s lower house".
        while base(words[j - 1].text) == words[j - 1].text && j < words.len() {
            let w = &words[j];
            if is_name_word(w) {
                parts.push(base(w.text));
                j += 1;
            } else if (CONNECTORS.contains(&w.text) && words.get(j + 1).is_some_and(is_name_word))
                || (w.text == "and"
                    && words.get(j + 1).is_some_and(is_name_word)
                    && words.get(j + 2).is_some_and(is_name_word))
            {
                parts.push(w.text);
                j += 1;
            } else {
                break;
            }
        }
        out.push(parts.join(" "));
        i = j;
    }
    out
}

/// Names one version mentions and the other does not, with the paragraphs they are in, given
/// the [`words`] of each changed paragraph with its number (from 1).
pub(crate) fn names(
    comparison: &Comparison,
    words_old: &[(usize, Vec<Word>)],
    words_new: &[(usize, Vec<Word>)],
) -> FactList {
    // Only paragraphs that changed can add or remove a name: an unchanged paragraph says the
    // same in both versions. So names are looked for in the changes, and a candidate counts
    // only if no unchanged paragraph mentions it (one side's unchanged text is enough: it is
    // the other's too). This keeps the cost to the size of the changes, not of the articles.
    // Words capitalised mid-sentence in the changes are names even when they open a sentence.
    let known: HashSet<&str> = words_old
        .iter()
        .chain(words_new)
        .flat_map(|(_, words)| words)
        .filter(|w| !w.initial && capitalised(w.text))
        .map(|w| base(w.text))
        .collect();
    let found = |paragraphs: &[(usize, Vec<Word>)]| {
        // Thousands of changed paragraphs on a long article: on every core.
        let names = crate::parallel::map(paragraphs, |(_, words)| names_in(words, &known));
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (&(number, _), names) in paragraphs.iter().zip(names) {
            for name in names {
                let at = map.entry(name).or_default();
                if at.last() != Some(&number) {
                    at.push(number);
                }
            }
        }
        map
    };
    let unchanged: Vec<&str> = comparison
        .rows
        .iter()
        .filter(|r| r.is_unchanged())
        .flat_map(|r| {
            comparison.old.paragraphs[r.old.clone()]
                .iter()
                .map(|p| p.text.as_str())
        })
        .collect();
    let in_unchanged = |name: &str| unchanged.iter().any(|text| mentions(text, name));
    let (old, new) = (found(words_old), found(words_new));
    let in_order = |map: &BTreeMap<String, Vec<usize>>, other: &BTreeMap<String, Vec<usize>>| {
        let mut only: Vec<(&String, &Vec<usize>)> = map
            .iter()
            .filter(|(n, _)| !other.keys().any(|o| same_entity(n, o)) && !in_unchanged(n))
            .collect();
        only.sort_by_key(|(_, at)| at.first().copied());
        only.into_iter()
            .map(|(n, at)| (n.clone(), at.clone()))
            .collect::<Vec<_>>()
    };
    FactList {
        added: in_order(&new, &old)
            .into_iter()
            .map(|(n, at)| Fact {
                old: None,
                new: Some(n),
                old_paragraphs: Vec::new(),
                new_paragraphs: at,
            })
            .collect(),
        removed: in_order(&old, &new)
            .into_iter()
            .map(|(n, at)| Fact {
                old: Some(n),
                new: None,
                old_paragraphs: at,
                new_paragraphs: Vec::new(),
            })
            .collect(),
        changed: Vec::new(),
    }
}

/// Whether `text` has `name` as whole words: "Xinhua" does not mention "Xi".
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether two names can be the same entity: one is the other or a run of its words ("Biden" and
/// "Joe Biden", "Xi" and "Xi Jinping").
fn same_entity(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short: Vec<&str> = short.split(' ').collect();
    let long: Vec<&str> = long.split(' ').collect();
    long.windows(short.len()).any(|w| w == short.as_slice())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn names_of(text: &str) -> Vec<String> {
        let words = words(&Prose::new(text));
        let known: HashSet<&str> = words
            .iter()
            .filter(|w| !w.initial && capitalised(w.text))
            .map(|w| base(w.text))
            .collect();
        names_in(&words, &known)
    }

    #[test]
    fn multiword_names_titles_and_possessives() {
        assert_eq!(
            names_of(
                "On the day Xi said in the meeting with Speaker Vyacheslav Volodin of the Duma, Russia’s lower house, according to CCTV."
            ),
            ["Xi", "Vyacheslav Volodin", "Duma", "Russia", "CCTV"]
        );
        assert_eq!(
            names_of("the official Xinhua News Agency reported"),
            ["Xinhua News Agency"]
        );
        assert_eq!(
            names_of("promote the Belt and Road Initiative, as Xi and Putin agreed"),
            ["Belt and Road Initiative", "Xi", "Putin"]
        );
        assert_eq!(names_of("the Bank of England said"), ["Bank of England"]);
    }

    #[test]
    fn sentence_starts_and_dates_are_not_names() {
        assert!(
            names_of("Last month, trade rose. Also on Wednesday in October it fell.").is_empty()
        );
        assert_eq!(names_of("--With assistance from Evelyn Yu."), ["Evelyn Yu"]);
    }

    #[test]
    fn headlines_are_skipped() {
        assert!(
            names_of("Listen: Putin and Xi Test Their No-Limits Friendship: Big Take Podcast")
                .is_empty()
        );
    }
}
