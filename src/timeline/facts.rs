//! The facts' own history across the versions: each quote, attribution, number or name followed
//! from the step that added it through the steps that changed, removed and restored it ("quote
//! added in v2, reworded in v4, removed in v6"; "number 2022 → 2023 in v3").
//!
//! A fact is followed by its wording: a step that changes or removes a wording continues the
//! history that wording ended on; a step that adds a wording removed earlier restores it. Each
//! wording is looked up in a map, so the cost grows with the facts the steps list.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Step;
use crate::summary::{Fact, fact_key};

/// What a step did to a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactChange {
    /// It first appeared.
    Added,
    /// Its wording changed.
    Changed,
    /// It went.
    Removed,
    /// A wording removed by an earlier step came back.
    Restored,
}

impl FactChange {
    /// The word the summaries use: "added", "changed", "removed", "restored".
    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Changed => "changed",
            Self::Removed => "removed",
            Self::Restored => "restored",
        }
    }
}

/// One step in a fact's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactEvent {
    /// The version the step leads to (its index in the timeline).
    pub version: usize,
    /// What the step did to the fact.
    pub what: FactChange,
    /// The wording before, for a change or a removal.
    pub old: Option<String>,
    /// The wording after, for an addition, a change or a restoration.
    pub new: Option<String>,
}

/// A fact's history: which facet it is of, its latest wording and what each step did to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactHistory {
    /// "Quotes", "Attributions", "Numbers and dates" or "Names", as the summaries head them.
    pub facet: &'static str,
    /// Its latest wording (the last one removed, if it is gone).
    pub wording: String,
    /// What the steps did to it, in order.
    pub events: Vec<FactEvent>,
}

/// A fact's facet and normalised wording.
type Key = (&'static str, String);

/// The history a wording belongs to, and whether the fact is there.
type Entry = (usize, bool);

/// The history of every fact the steps changed, in the order each was first seen.
pub fn fact_histories(steps: &[Step], ignore_case: bool) -> Vec<FactHistory> {
    let mut histories: Vec<FactHistory> = Vec::new();
    // A wording's history, by facet and normalised wording, and whether the fact is there now.
    let mut by_wording: HashMap<Key, Entry> = HashMap::new();
    for step in steps {
        let version = step.new;
        // Each step reads the wordings as they stood before it (a step that renumbers sections
        // changes 7 → 9 and 9 → 11, two facts, not one twice), and gives each history at most
        // one event: a second fact with the same wording starts its own.
        let mut touched: HashSet<usize> = HashSet::new();
        let mut after: Vec<(Key, Option<Entry>)> = Vec::new();
        for (facet, list) in step.facts.by_facet() {
            let key = |text: &str| (facet, fact_key(text, ignore_case));
            // Changes and removals first: they end wordings an addition may bring back.
            let events = list
                .changed
                .iter()
                .filter_map(|f| Some((FactChange::Changed, f.old.as_deref()?, f)))
                .chain(
                    list.removed
                        .iter()
                        .filter_map(|f| Some((FactChange::Removed, f.old.as_deref()?, f))),
                )
                .chain(
                    list.added
                        .iter()
                        .filter_map(|f| Some((FactChange::Added, f.new.as_deref()?, f))),
                );
            for (what, wording, fact) in events {
                let found = by_wording
                    .get(&key(wording))
                    .copied()
                    .filter(|(id, _)| !touched.contains(id));
                let what = match (what, found) {
                    (FactChange::Added, Some((_, false))) => FactChange::Restored,
                    _ => what,
                };
                let event = event(version, what, fact);
                let id = match found {
                    // A change or removal of a wording there, or a removed one come back.
                    Some((id, present))
                        if (present && what != FactChange::Added)
                            || what == FactChange::Restored =>
                    {
                        histories[id].events.push(event);
                        id
                    }
                    // A change or removal of a wording not there (gone, or there since before
                    // the first step), a wording never seen, or one more copy of a wording there:
                    // a history of its own.
                    _ => {
                        histories.push(FactHistory {
                            facet,
                            wording: wording.to_owned(),
                            events: vec![event],
                        });
                        histories.len() - 1
                    }
                };
                touched.insert(id);
                let latest = fact
                    .new
                    .as_deref()
                    .or(fact.old.as_deref())
                    .unwrap_or(wording);
                histories[id].wording = latest.to_owned();
                match what {
                    FactChange::Changed => {
                        after.push((key(wording), None));
                        if let Some(new) = fact.new.as_deref() {
                            after.push((key(new), Some((id, true))));
                        }
                    }
                    FactChange::Removed => after.push((key(wording), Some((id, false)))),
                    FactChange::Added | FactChange::Restored => {
                        after.push((key(wording), Some((id, true))));
                    }
                }
            }
        }
        // Ends of wordings first, then wordings gone, then wordings there: a wording one fact
        // brings in a step is there, whatever another fact of the step did with it.
        for (key, _) in after.iter().filter(|(_, entry)| entry.is_none()) {
            by_wording.remove(key);
        }
        after.sort_by_key(|(_, entry)| entry.map(|(_, present)| present));
        for (key, entry) in after {
            if let Some(entry) = entry {
                by_wording.insert(key, entry);
            }
        }
    }
    histories
}

fn event(version: usize, what: FactChange, fact: &Fact) -> FactEvent {
    FactEvent {
        version,
        what,
        old: fact.old.clone(),
        new: fact.new.clone(),
    }
}

impl FactHistory {
    /// The history in words: "“2022”: changed to “2023” in v3; removed in v6".
    pub fn describe(&self) -> String {
        let name = super::version_name;
        let first = self.events.first().and_then(|e| match e.what {
            FactChange::Added | FactChange::Restored => e.new.as_deref(),
            FactChange::Changed | FactChange::Removed => e.old.as_deref(),
        });
        let events: Vec<String> = self
            .events
            .iter()
            .map(|e| match (e.what, &e.new) {
                (FactChange::Changed, Some(new)) => {
                    format!("changed to {} in {}", quoted(new), name(e.version))
                }
                (what, _) => format!("{} in {}", what.word(), name(e.version)),
            })
            .collect();
        format!(
            "{}: {}",
            quoted(first.unwrap_or(&self.wording)),
            events.join("; ")
        )
    }
}

/// A wording in quotation marks, unless it is a quotation and has its own.
fn quoted(wording: &str) -> String {
    if wording.starts_with(['"', '“', '‘', '\'', '«', '„']) {
        wording.to_owned()
    } else {
        format!("“{wording}”")
    }
}
