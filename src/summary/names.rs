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

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
// Looked up for every capitalised word: a faster hash than the standard one.
use foldhash::{HashMap, HashSet};

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
        let mut map: HashMap<String, Vec<usize>> = HashMap::default();
        for (&(number, _), names) in paragraphs.iter().zip(names) {
            for name in names {
                let at = map.entry(name).or_default();
                if at.last() != Some(&number) {
                    at.push(number);
                }
            }
        }
        // In the order of the names, which orders names first found in the same paragraph.
        let mut sorted: Vec<(String, Vec<usize>)> = map.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sorted
    };
    let (old, new) = (found(words_old), found(words_new));
    // A name the other version has too, as itself or as part of a longer name or the other way
    // round ("Biden", "Joe Biden"), is the same entity.
    fn words_of(names: &[(String, Vec<usize>)]) -> Vec<Vec<&str>> {
        names.iter().map(|(n, _)| n.split(' ').collect()).collect()
    }
    let (old_names, new_names) = (words_of(&old), words_of(&new));
    let (old_entities, new_entities) = (Entities::new(&old_names), Entities::new(&new_names));
    let only = |names: &[(String, Vec<usize>)], words: &[Vec<&str>], other: &Entities| {
        names
            .iter()
            .zip(words)
            .filter(|(_, w)| !other.has_entity(w))
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>()
    };
    let (old_only, new_only) = (
        only(&old, &old_names, &new_entities),
        only(&new, &new_names, &old_entities),
    );
    let mentioned =
        mentioned_in_unchanged(comparison, old_only.iter().chain(&new_only).map(|(n, _)| n));
    let in_order = |only: &[(String, Vec<usize>)]| {
        let mut only: Vec<(String, Vec<usize>)> = only
            .iter()
            .filter(|(n, _)| !mentioned.contains(n.as_str()))
            .cloned()
            .collect();
        only.sort_by_key(|(_, at)| at.first().copied());
        only
    };
    FactList {
        added: in_order(&new_only)
            .into_iter()
            .map(|(n, at)| Fact {
                old: None,
                new: Some(n),
                old_paragraphs: Vec::new(),
                new_paragraphs: at,
            })
            .collect(),
        removed: in_order(&old_only)
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

/// The names of one version, indexed so that whether a name of the other version is the same
/// entity ([`Entities::has_entity`]) costs about its own length, not the number of names.
struct Entities<'w> {
    /// Every name, as its words.
    names: HashSet<&'w [&'w str]>,
    /// Every run of up to [`MAX_RUN`] consecutive words of every name.
    runs: HashSet<&'w [&'w str]>,
    /// The names longer than [`MAX_RUN`] words by each run of [`MAX_RUN`] words in them.
    long: HashMap<&'w [&'w str], Vec<&'w [&'w str]>>,
}

/// Runs of up to this many words are indexed; a longer name is found through its runs of this
/// many words. Real names are shorter.
const MAX_RUN: usize = 8;

impl<'w> Entities<'w> {
    /// Indexes names given as their words.
    fn new(names: &'w [Vec<&'w str>]) -> Self {
        let mut index = Self {
            names: HashSet::with_capacity_and_hasher(names.len(), Default::default()),
            runs: HashSet::with_capacity_and_hasher(2 * names.len(), Default::default()),
            long: HashMap::default(),
        };
        for name in names {
            index.names.insert(name);
            for len in 1..=name.len().min(MAX_RUN) {
                index.runs.extend(name.windows(len));
            }
            if name.len() > MAX_RUN {
                for run in name.windows(MAX_RUN) {
                    let at = index.long.entry(run).or_default();
                    if at.last() != Some(&name.as_slice()) {
                        at.push(name);
                    }
                }
            }
        }
        index
    }

    /// Whether some indexed name is `name` or a run of its words, or has `name` as a run of its
    /// words ("Biden" and "Joe Biden", "Xi" and "Xi Jinping").
    fn has_entity(&self, name: &[&str]) -> bool {
        let contains =
            |long: &[&str], short: &[&str]| long.windows(short.len()).any(|w| w == short);
        // `name` inside an indexed name: its first run of MAX_RUN words (or all of it) must be
        // a run of that name.
        let inside = if name.len() <= MAX_RUN {
            self.runs.contains(name)
        } else {
            self.long
                .get(&name[..MAX_RUN])
                .is_some_and(|longer| longer.iter().any(|o| contains(o, name)))
        };
        // An indexed name inside `name`: one of its runs, or for a long one, a name found
        // through one of its runs of MAX_RUN words.
        inside
            || (1..=name.len().min(MAX_RUN))
                .any(|len| name.windows(len).any(|w| self.names.contains(w)))
            || (name.len() > MAX_RUN
                && name.windows(MAX_RUN).any(|run| {
                    self.long.get(run).is_some_and(|longer| {
                        longer
                            .iter()
                            .any(|o| o.len() <= name.len() && contains(name, o))
                    })
                }))
    }
}

/// The names among `candidates` that some unchanged paragraph mentions as whole words
/// ("Xinhua" does not mention "Xi"). One pass over the unchanged text finds them all, with an
/// Aho-Corasick automaton of the candidates; the unchanged text is the same in both versions,
/// so the old side's is read.
fn mentioned_in_unchanged<'c>(
    comparison: &Comparison,
    candidates: impl Iterator<Item = &'c String>,
) -> HashSet<&'c str> {
    let candidates: Vec<&str> = candidates.map(String::as_str).collect();
    let texts: Vec<&str> = unchanged_texts(comparison).collect();
    if candidates.is_empty() || texts.is_empty() {
        return HashSet::default();
    }
    // Leftmost-longest, not overlapping: only a non-overlapping search skips ahead with the
    // vectorised prefilter (an overlapping one steps the automaton through every byte of the
    // unchanged text, most of a summary's time on a long article with few changes). Every
    // candidate starting where one is found is then enumerated by anchored searches.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        // The prefilter skips most of the text, so a DFA's quicker steps gain little, and with
        // both start kinds it takes longer to build for many names (100,000 in the facets
        // benchmark).
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&candidates);
    let Ok(automaton) = automaton else {
        // Too many names for the automaton's limits: check each against each text.
        return candidates
            .into_iter()
            .filter(|name| texts.iter().any(|text| mentions(text, name)))
            .collect();
    };
    // Split over the cores in a few large batches: each returns the candidates it saw.
    let batches: Vec<&[&str]> = texts.chunks(texts.len().div_ceil(16).max(1)).collect();
    let seen = crate::parallel::map_large(&batches, |batch| {
        let mut seen = vec![false; candidates.len()];
        for text in batch.iter() {
            let mut from = 0;
            let search = |input: Input| automaton.try_find(input).ok().flatten();
            while let Some(found) = search(Input::new(*text).span(from..text.len())) {
                let start = found.start();
                // The candidates starting here, longest first: each anchored search looks for
                // the longest that ends before the last one found.
                let mut end = found.end();
                loop {
                    let input = Input::new(*text).span(start..end).anchored(Anchored::Yes);
                    let Some(m) = search(input).filter(|m| m.end() > start) else {
                        break;
                    };
                    if whole_words(text, start, m.end()) {
                        seen[m.pattern().as_usize()] = true;
                    }
                    end = m.end() - 1;
                }
                // A candidate may start inside this one ("Biden" in "Joe Biden").
                from = next_char(text, start);
            }
        }
        seen
    });
    candidates
        .iter()
        .enumerate()
        .filter(|(k, _)| seen.iter().any(|s| s[*k]))
        .map(|(_, name)| *name)
        .collect()
}

/// The text of every unchanged paragraph (of the old version; the new one's is the same).
fn unchanged_texts(comparison: &Comparison) -> impl Iterator<Item = &str> {
    comparison
        .rows
        .iter()
        .filter(|r| r.is_unchanged())
        .flat_map(|r| comparison.old.paragraphs[r.old.clone()].iter())
        .map(|p| p.text.as_str())
}

/// Whether `text` has `name` as whole words anywhere, overlapping occurrences included ("Bidens
/// Biden" is in "Bidens Bidens Biden", where a search that skips past a match finds only the
/// first, which is not whole).
fn mentions(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(name)) {
        let start = from + at;
        if whole_words(text, start, start + name.len()) {
            return true;
        }
        from = next_char(text, start);
    }
    false
}

/// Where the character after the one at `at` starts: the next place a name may start.
fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Whether `text[start..end]` stands as whole words: no letter or digit touches it.
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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

    /// The definition [`Entities`] indexes: one name is the other or a run of its words.
    fn same_entity(a: &[&str], b: &[&str]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        long.windows(short.len()).any(|w| w == short)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 500, failure_persistence: None, ..Default::default()
        })]
        /// The index answers as comparing with every name would, for short names and for names
        /// longer than the runs it indexes, drawn from few words so that they overlap.
        #[test]
        fn the_entity_index_agrees_with_comparing_every_pair(
            ours in proptest::collection::vec(proptest::collection::vec(0usize..4, 1..12), 0..12),
            theirs in proptest::collection::vec(proptest::collection::vec(0usize..4, 1..12), 1..12),
        ) {
            const WORDS: [&str; 4] = ["Xi", "Jinping", "of", "Beijing"];
            let words = |names: &[Vec<usize>]| -> Vec<Vec<&str>> {
                names.iter().map(|n| n.iter().map(|&w| WORDS[w]).collect()).collect()
            };
            let (ours, theirs) = (words(&ours), words(&theirs));
            let index = Entities::new(&ours);
            for name in &theirs {
                let expected = ours.iter().any(|o| same_entity(o, name));
                proptest::prop_assert_eq!(index.has_entity(name), expected, "{:?} in {:?}", name, ours);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 200, failure_persistence: None, ..Default::default()
        })]
        /// The one search over the unchanged text finds the candidates a search for each of them
        /// finds: names inside longer names and several starting at one place ("Joe", "Joe
        /// Biden"), and none inside a longer word ("Xi" in "Xinhua", "Biden" in "Bidens").
        #[test]
        fn one_search_finds_what_searching_each_name_finds(
            paragraphs in proptest::collection::vec(proptest::collection::vec(0usize..7, 1..10), 1..6),
            candidates in proptest::collection::vec(proptest::collection::vec(0usize..7, 1..4), 1..8),
        ) {
            const WORDS: [&str; 7] = ["Joe", "Biden", "Bidens", "Xi", "Xinhua", "said", "Biden’s"];
            let join = |words: &[usize]| words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let unchanged: Vec<String> = paragraphs.iter().map(|p| join(p)).collect();
            let old = format!("{}\n\nThe old ending.", unchanged.join("\n\n"));
            let new = format!("{}\n\nA new ending here.", unchanged.join("\n\n"));
            let comparison = crate::compare::compare(
                crate::text::Article::from_text("old", &old).shared(),
                crate::text::Article::from_text("new", &new).shared(),
                &crate::compare::CompareOptions::default(),
            );
            let candidates: Vec<String> = candidates.iter().map(|c| join(c)).collect();
            let found = mentioned_in_unchanged(&comparison, candidates.iter());
            let texts: Vec<&str> = unchanged_texts(&comparison).collect();
            for name in &candidates {
                let expected = texts.iter().any(|text| mentions(text, name));
                proptest::prop_assert_eq!(found.contains(name.as_str()), expected, "{:?} in {:?}", name, texts);
            }
        }
    }

    #[test]
    fn a_mention_may_overlap_a_match_that_is_not_whole() {
        // The first "Bidens Biden" runs into "Bidens"; the second, overlapping it, is whole.
        assert!(mentions("Bidens Bidens Biden", "Bidens Biden"));
        assert!(!mentions("Bidens Bidens Bidens", "Bidens Biden"));
        assert!(!mentions("Xinhua and Xiamen", "Xi"));
        assert!(mentions("Xinhua quoted Xi.", "Xi"));
    }

    #[test]
    fn whole_words_do_not_match_inside_longer_words() {
        let text = "Xinhua reported that Xi’s envoy met Xi-Jinping";
        let at = |needle: &str, from: usize| from + text[from..].find(needle).unwrap();
        assert!(!whole_words(text, 0, 2)); // "Xi" in "Xinhua"
        let xi = at("Xi’s", 1);
        assert!(whole_words(text, xi, xi + 2));
        let last = at("Xi-", xi + 1);
        assert!(whole_words(text, last, last + 2));
    }

    #[test]
    fn headlines_are_skipped() {
        assert!(
            names_of("Listen: Putin and Xi Test Their No-Limits Friendship: Big Take Podcast")
                .is_empty()
        );
    }
}
