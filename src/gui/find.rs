//! Find (Ctrl+F): matches across both panes, a count, and stepping through them.

use std::ops::Range;

use super::actions::Action;
use crate::compare::{Comparison, Side};

/// One match: where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The row of [`Comparison::rows`].
    pub row: usize,
    /// The pane.
    pub side: Side,
    /// Byte range in the text that side of the row shows.
    pub range: Range<usize>,
}

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Find {
    /// Whether the bar is shown.
    pub open: bool,
    /// Whether the text field should take the keyboard focus next frame.
    pub focus: bool,
    query: String,
    hits: Vec<Hit>,
    current: Option<usize>,
    /// The comparison generation the hits were found in.
    searched: Option<u64>,
    /// Bumped whenever the highlighted matches change, so cached layouts know.
    generation: u64,
}

impl Find {
    /// The text searched for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Every match, in reading order (row by row, old pane before new).
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The match stepped to, as an index into [`Self::hits`].
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Changes whenever the highlighted matches do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Sets the query; the search runs on the next [`Self::refresh`].
    pub fn set_query(&mut self, query: String) {
        if query != self.query {
            self.query = query;
            self.searched = None;
        }
    }

    /// Searches again if the query or the comparison changed.
    pub fn refresh(&mut self, comparison: Option<&Comparison>, generation: u64) {
        if self.searched == Some(generation) {
            return;
        }
        self.searched = Some(generation);
        self.hits = match comparison {
            Some(c) if self.open && !self.query.trim().is_empty() => search(c, &self.query),
            _ => Vec::new(),
        };
        self.current = if self.hits.is_empty() { None } else { Some(0) };
        self.generation += 1;
    }

    /// Closes the bar and drops the highlights.
    pub fn close(&mut self) {
        self.open = false;
        self.searched = None;
    }

    /// Steps forward (`true`) or back, wrapping around; returns the match now current.
    pub fn step(&mut self, forward: bool) -> Option<&Hit> {
        let count = self.hits.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.current = Some(next);
        self.generation += 1;
        self.hits.get(next)
    }

    /// The matches in one pane of one row, with whether each is the current one.
    pub fn hits_in(&self, row: usize, side: Side) -> Vec<(Range<usize>, bool)> {
        let start = self.hits.partition_point(|h| h.row < row);
        self.hits[start..]
            .iter()
            .enumerate()
            .take_while(|(_, h)| h.row == row)
            .filter(|(_, h)| h.side == side)
            .map(|(i, h)| (h.range.clone(), self.current == Some(start + i)))
            .collect()
    }

    /// Draws the find bar; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let mut query = self.query.clone();
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut query)
                        .hint_text("text in either pane")
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            if self.focus {
                edit.request_focus();
                self.focus = false;
            }
            if edit.changed() {
                actions.push(Action::FindQuery(query));
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                actions.push(if back {
                    Action::FindPrevious
                } else {
                    Action::FindNext
                });
                edit.request_focus();
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                actions.push(Action::CloseFind);
            }
            let count = match (self.hits.len(), self.current) {
                (0, _) if self.query.trim().is_empty() => String::new(),
                (0, _) => "no matches".to_owned(),
                (n, Some(i)) => format!("{} of {n} matches", i + 1),
                (n, None) => format!("{n} matches"),
            };
            ui.label(count);
            if ui.button("Previous match").clicked() {
                actions.push(Action::FindPrevious);
            }
            if ui.button("Next match").clicked() {
                actions.push(Action::FindNext);
            }
            if ui.button("Close find").clicked() {
                actions.push(Action::CloseFind);
            }
        });
        actions
    }
}

/// Every match of `query` in the comparison's rows, ignoring letter case where that keeps byte
/// offsets intact (it does for nearly all text; otherwise the search is case-sensitive).
pub fn search(comparison: &Comparison, query: &str) -> Vec<Hit> {
    let needle = query.to_lowercase();
    let mut hits = Vec::new();
    for (row, r) in comparison.rows.iter().enumerate() {
        for side in [Side::Old, Side::New] {
            let paragraphs = r.paragraphs(side);
            if paragraphs.is_empty() {
                continue;
            }
            let text = comparison.text(side, paragraphs);
            let lower = text.to_lowercase();
            let (haystack, needle) = if lower.len() == text.len() {
                (lower.as_str(), needle.as_str())
            } else {
                (text.as_str(), query)
            };
            for (start, found) in haystack.match_indices(needle) {
                hits.push(Hit {
                    row,
                    side,
                    range: start..start + found.len(),
                });
            }
        }
    }
    hits
}
