//! The fact-check list over the change list: quotes, attributions, numbers and dates, and names
//! that changed, which a fact-checker verifies first. Clicking one goes to its paragraph and
//! highlights its words.

use egui::RichText;

use super::actions::Action;
use crate::export;
use crate::summary::{Fact, FactList, Facts};

/// Characters of a fact an entry shows (the rest is in its tooltip).
const FACT_CHARS: usize = 48;

/// One line of the list.
#[derive(Debug)]
enum Line {
    /// A facet's name.
    Heading(&'static str),
    /// A fact: its text, its full wording, and where it is.
    Fact(String, String, Option<Action>),
}

/// Where the fact check stands while there are no facts to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactStatus {
    /// Being worked out (or waiting for the comparison); `stoppable` once the check runs.
    Checking {
        /// Whether the check itself is running, so that Stop can end it.
        stoppable: bool,
    },
    /// The reader stopped it. (A check stopped because a new comparison started shows as
    /// checking: it starts again if the shown comparison stays.)
    Stopped,
    /// It ended without facts (a bug in the check).
    Failed,
}

/// The fact-check section, its lines made once per comparison.
#[derive(Debug, Default)]
pub struct FactCheck {
    /// The comparison generation the lines were made for.
    generation: Option<u64>,
    lines: Vec<Line>,
    /// How many of the lines are facts, for the heading.
    count: usize,
}

impl FactCheck {
    /// Draws the section; `facts` is `None` while they are being worked out, after the check was
    /// stopped, or if working them out failed (`status` says which).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        facts: Option<&Facts>,
        status: FactStatus,
        generation: u64,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(facts) = facts else {
            ui.horizontal_wrapped(|ui| match status {
                FactStatus::Checking { stoppable } => {
                    ui.add(egui::Spinner::new());
                    ui.label("Checking quotes, numbers and names…");
                    if stoppable && ui.small_button("Stop").clicked() {
                        actions.push(Action::StopFactCheck);
                    }
                }
                FactStatus::Stopped => {
                    ui.label("The fact check was stopped.");
                    if ui.small_button("Check now").clicked() {
                        actions.push(Action::CheckFacts);
                    }
                }
                FactStatus::Failed => {
                    ui.label("The fact check could not be made for this comparison.");
                }
            });
            return actions;
        };
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            self.lines = lines(facts);
            self.count = self
                .lines
                .iter()
                .filter(|l| matches!(l, Line::Fact(..)))
                .count();
        }
        let count = self.count;
        egui::CollapsingHeader::new(format!("Fact-check ({count})"))
            .id_salt("redline-fact-check")
            .default_open(true)
            .show(ui, |ui| {
                if count == 0 {
                    ui.label("No quotes, attributions, numbers or names changed.");
                    return;
                }
                let row_height = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical()
                    .id_salt("redline-fact-check-list")
                    .max_height((ui.available_height() * 0.4).max(120.0))
                    .show_rows(ui, row_height, self.lines.len(), |ui, range| {
                        for line in &self.lines[range] {
                            match line {
                                Line::Heading(name) => {
                                    ui.label(RichText::new(*name).strong());
                                }
                                Line::Fact(text, full, target) => {
                                    let button = egui::Button::selectable(false, text).truncate();
                                    if ui.add(button).on_hover_text(full).clicked()
                                        && let Some(target) = target
                                    {
                                        actions.push(target.clone());
                                    }
                                }
                            }
                        }
                    });
            });
        actions
    }
}

/// The lines in the order every export lists the facts: the facets, and in each the added,
/// removed and changed facts.
fn lines(facts: &Facts) -> Vec<Line> {
    let mut out = Vec::new();
    for (name, list) in export::facets(facts)
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
    {
        out.push(Line::Heading(name));
        entries(list, &mut out);
    }
    out
}

fn entries(list: &FactList, out: &mut Vec<Line>) {
    for (what, fact) in export::facts_in_order(list) {
        let text = match (&fact.old, &fact.new) {
            (Some(old), Some(new)) => format!("{} » {}", short(old), short(new)),
            (Some(old), None) => short(old),
            (None, Some(new)) => short(new),
            (None, None) => continue,
        };
        let full = [fact.old.as_deref(), fact.new.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n»\n");
        out.push(Line::Fact(format!("{what}: {text}"), full, place(fact)));
    }
}

/// Where a fact is, with its words: the first paragraph of each side it is in (numbered from 1
/// in the fact, from 0 in the action).
fn place(fact: &Fact) -> Option<Action> {
    let at = |paragraphs: &[usize], text: &Option<String>| {
        let p = paragraphs.first()?.checked_sub(1)?;
        Some((p, text.clone()?))
    };
    let old = at(&fact.old_paragraphs, &fact.old);
    let new = at(&fact.new_paragraphs, &fact.new);
    (old.is_some() || new.is_some()).then_some(Action::ShowFact { old, new })
}

fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(FACT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
