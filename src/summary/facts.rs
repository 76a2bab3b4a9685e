//! Fact-check facets: quotes, attributions, numbers and dates, names that changed.
//!
//! Each facet is a simple, deterministic heuristic (see its module). Quotes, attributions and
//! numbers are compared within each [`Unit`]: what both sides have is not listed; what is left is
//! paired in order as "changed" and the rest is "added" or "removed". Names are compared over the
//! whole document: a name is listed when one version mentions it and the other does not at all.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::names::Word;
use super::prose::Prose;
use super::units::units;
use super::{attributions, names, numbers, quotes};
use crate::compare::{Cancelled, Comparison};
use crate::text::Paragraph;

/// One fact that was added, removed or changed, with where it is (paragraphs numbered from 1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fact {
    /// The old wording, for a removed or changed fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The new wording, for an added or changed fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Old paragraphs it occurs in.
    pub old_paragraphs: Vec<usize>,
    /// New paragraphs it occurs in.
    pub new_paragraphs: Vec<usize>,
}

/// The facts of one facet, by what happened to them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FactList {
    /// Only in the new version.
    pub added: Vec<Fact>,
    /// Only in the old version.
    pub removed: Vec<Fact>,
    /// Reworded: old → new.
    pub changed: Vec<Fact>,
}

impl FactList {
    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The four facets a fact-checker looks at first.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// Quoted passages added, removed or altered.
    pub quotes: FactList,
    /// Sources and reporting verbs ("said", "according to") added, removed or changed.
    pub attributions: FactList,
    /// Figures, percentages, amounts, dates, weekdays and months.
    pub numbers: FactList,
    /// Names of people, places and organisations one version mentions and the other does not.
    pub names: FactList,
}

impl Facts {
    /// The four facets with the headings the summaries give them, in the order they list them.
    pub fn by_facet(&self) -> [(&'static str, &FactList); 4] {
        [
            ("Quotes", &self.quotes),
            ("Attributions", &self.attributions),
            ("Numbers and dates", &self.numbers),
            ("Names", &self.names),
        ]
    }

    /// Whether no facet lists anything.
    pub fn is_empty(&self) -> bool {
        self.by_facet().iter().all(|(_, list)| list.is_empty())
    }

    /// Extracts the facets of a comparison.
    pub fn of(comparison: &Comparison) -> Self {
        // Nothing can set the flag: never the default.
        Self::of_until(comparison, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// [`Facts::of`], stopping with [`Cancelled`] soon after `cancel` becomes true: the window
    /// drops a fact check when the comparison it is for is replaced, or when the reader stops it.
    pub fn of_until(comparison: &Comparison, cancel: &AtomicBool) -> Result<Self, Cancelled> {
        let cancelled = || cancel.load(Ordering::Relaxed);
        let units = units(comparison);
        let ignore_case = comparison.options.ignore_case;
        // Units are independent of each other, and reading their paragraphs is most of a
        // summary's cost on a long article: they are read on every core, each paragraph once
        // for all facets.
        let per_unit = crate::parallel::map(&units, |unit| {
            if cancelled() {
                return None;
            }
            let mut old = read(&comparison.old.paragraphs, unit.old.clone());
            let mut new = read(&comparison.new.paragraphs, unit.new.clone());
            let mut facet = |pick: Pick, alike: fn(&str, &str) -> bool| {
                matched(
                    take(&mut old, pick),
                    take(&mut new, pick),
                    ignore_case,
                    alike,
                )
            };
            let facets = [
                facet(|r| &mut r.quotes, quotes::alike),
                facet(|r| &mut r.attributions, |_, _| true),
                facet(|r| &mut r.numbers, numbers::alike),
            ];
            Some((facets, words(old), words(new)))
        });
        let (mut words_old, mut words_new) = (Vec::new(), Vec::new());
        let mut facts = Self::default();
        for unit in per_unit {
            let ([quotes, attributions, numbers], old, new) = unit.ok_or(Cancelled)?;
            facts.quotes.extend(quotes);
            facts.attributions.extend(attributions);
            facts.numbers.extend(numbers);
            words_old.extend(old);
            words_new.extend(new);
        }
        if cancelled() {
            return Err(Cancelled);
        }
        facts.names = names::names(comparison, &words_old, &words_new);
        Ok(facts)
    }
}

/// What one paragraph says that the facets compare.
struct Read<'a> {
    quotes: Vec<String>,
    attributions: Vec<String>,
    numbers: Vec<String>,
    /// Its words, for the names, which are compared over the whole document afterwards.
    words: Vec<Word<'a>>,
}

/// The words of paragraphs read, with their numbers, for the names.
fn words(read: Vec<(usize, Read<'_>)>) -> Vec<(usize, Vec<Word<'_>>)> {
    read.into_iter().map(|(n, r)| (n, r.words)).collect()
}

/// Which facet of a [`Read`] paragraph to take.
type Pick = for<'r, 'p> fn(&'r mut Read<'p>) -> &'r mut Vec<String>;

/// Reads the paragraphs `range`, each with its number (from 1).
fn read(paragraphs: &[Paragraph], range: Range<usize>) -> Vec<(usize, Read<'_>)> {
    range
        .map(|i| {
            let prose = Prose::new(&paragraphs[i].text);
            let read = Read {
                quotes: quotes::quotes(prose.text),
                attributions: attributions::attributions(&prose),
                numbers: numbers::numbers(&prose),
                words: names::words(&prose),
            };
            (i + 1, read)
        })
        .collect()
}

/// One facet of paragraphs read, as (fact, paragraph number) in order; the facet is moved out.
fn take(read: &mut [(usize, Read)], pick: Pick) -> Vec<(String, usize)> {
    read.iter_mut()
        .flat_map(|(n, r)| std::mem::take(pick(r)).into_iter().map(|f| (f, *n)))
        .collect()
}

impl FactList {
    fn extend(&mut self, other: Self) {
        self.added.extend(other.added);
        self.removed.extend(other.removed);
        self.changed.extend(other.changed);
    }
}

/// A normalised form for matching facts: folded quotes and dashes, single spaces, no closing
/// punctuation, and lower case when the comparison ignores case.
pub(crate) fn fact_key(text: &str, ignore_case: bool) -> String {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        }));
    }
    if ignore_case {
        key = key.to_lowercase();
    }
    key
}

/// Compares the facts of one unit's old and new paragraphs, each with its paragraph number.
fn matched(
    mut old: Vec<(String, usize)>,
    mut new: Vec<(String, usize)>,
    ignore_case: bool,
    alike: fn(&str, &str) -> bool,
) -> FactList {
    let mut list = FactList::default();
    // What both sides say is not news: remove matching pairs.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (f, _) in &new {
        *counts.entry(fact_key(f, ignore_case)).or_default() += 1;
    }
    let mut common: HashMap<String, usize> = HashMap::new();
    old.retain(|(f, _)| {
        let key = fact_key(f, ignore_case);
        match counts.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                *common.entry(key).or_default() += 1;
                false
            }
            _ => true,
        }
    });
    new.retain(|(f, _)| {
        let key = fact_key(f, ignore_case);
        match common.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
    // The rest: in order, alike pairs are changes; the others were added or removed.
    let mut new_left = new.into_iter().peekable();
    for (o, op) in old {
        match new_left.peek() {
            Some((n, _)) if alike(&o, n) => {
                let (n, np) = new_left.next().unwrap_or_default();
                list.changed.push(Fact {
                    old: Some(o),
                    new: Some(n),
                    old_paragraphs: vec![op],
                    new_paragraphs: vec![np],
                });
            }
            _ => list.removed.push(Fact {
                old: Some(o),
                new: None,
                old_paragraphs: vec![op],
                new_paragraphs: Vec::new(),
            }),
        }
    }
    for (n, np) in new_left {
        list.added.push(Fact {
            old: None,
            new: Some(n),
            old_paragraphs: Vec::new(),
            new_paragraphs: vec![np],
        });
    }
    list
}
