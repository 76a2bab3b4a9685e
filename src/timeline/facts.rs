//! The facts' own history across the versions: each quote, attribution, number or name followed
//! from the step that added it through the steps that changed, removed and restored it ("quote
//! added in v2, reworded in v4, removed in v6"; "number 2022 → 2023 in v3").
//!
//! A fact is followed by its wording: a step that changes or removes a wording continues the
//! history that wording ended on; a step that adds a wording removed earlier restores it. Each
//! wording is looked up in a map, so the cost grows with the facts the steps list.

use std::collections::HashMap;

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

/// The history of every fact the steps changed, in the order each was first seen.
pub fn fact_histories(steps: &[Step], ignore_case: bool) -> Vec<FactHistory> {
    let mut histories: Vec<FactHistory> = Vec::new();
    // A wording's history, by facet and normalised wording, and whether the fact is there now.
    let mut by_wording: HashMap<(&'static str, String), (usize, bool)> = HashMap::new();
    for step in steps {
        let version = step.new;
        for (facet, list) in step.facts.by_facet() {
            let key = |text: &str| (facet, fact_key(text, ignore_case));
            let start = |histories: &mut Vec<FactHistory>, wording: &str, event| {
                histories.push(FactHistory {
                    facet,
                    wording: wording.to_owned(),
                    events: vec![event],
                });
                histories.len() - 1
            };
            // Changes and removals first: they end wordings a later addition may bring back.
            for fact in &list.changed {
                let (Some(old), Some(new)) = (&fact.old, &fact.new) else {
                    continue;
                };
                let event = event(version, FactChange::Changed, fact);
                let id = match by_wording.remove(&key(old)) {
                    Some((id, _)) => {
                        histories[id].events.push(event);
                        id
                    }
                    None => start(&mut histories, new, event),
                };
                histories[id].wording.clone_from(new);
                by_wording.insert(key(new), (id, true));
            }
            for fact in &list.removed {
                let Some(old) = &fact.old else { continue };
                let event = event(version, FactChange::Removed, fact);
                match by_wording.get_mut(&key(old)) {
                    Some((id, present)) if *present => {
                        histories[*id].events.push(event);
                        *present = false;
                    }
                    // Removed again, or there since before the first step.
                    _ => {
                        let id = start(&mut histories, old, event);
                        by_wording.insert(key(old), (id, false));
                    }
                }
            }
            for fact in &list.added {
                let Some(new) = &fact.new else { continue };
                match by_wording.get_mut(&key(new)) {
                    Some((id, present)) if !*present => {
                        histories[*id]
                            .events
                            .push(event(version, FactChange::Restored, fact));
                        histories[*id].wording.clone_from(new);
                        *present = true;
                    }
                    Some((id, _)) => {
                        // One more occurrence of a fact already there.
                        histories[*id]
                            .events
                            .push(event(version, FactChange::Added, fact));
                    }
                    None => {
                        let id =
                            start(&mut histories, new, event(version, FactChange::Added, fact));
                        by_wording.insert(key(new), (id, true));
                    }
                }
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
    pub fn describe(&self, name: impl Fn(usize) -> String) -> String {
        let first = self.events.first().and_then(|e| match e.what {
            FactChange::Added | FactChange::Restored => e.new.as_deref(),
            FactChange::Changed | FactChange::Removed => e.old.as_deref(),
        });
        let events: Vec<String> = self
            .events
            .iter()
            .map(|e| match (e.what, &e.new) {
                (FactChange::Changed, Some(new)) => {
                    format!("changed to “{new}” in {}", name(e.version))
                }
                (what, _) => format!("{} in {}", what.word(), name(e.version)),
            })
            .collect();
        format!(
            "“{}”: {}",
            first.unwrap_or(&self.wording),
            events.join("; ")
        )
    }
}
