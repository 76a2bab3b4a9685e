//! The change list panel: every change numbered, with its kind and a snippet; click to go.

use egui::RichText;

use super::actions::Action;
use crate::compare::{ChangeKind, Comparison, EditOp, Shape, Side};

/// The list's cached snippets and scroll bookkeeping.
#[derive(Debug, Default)]
pub struct ChangeList {
    /// The comparison generation the snippets were made for.
    generation: Option<u64>,
    entries: Vec<String>,
    /// The current change the list last scrolled to.
    shown_current: Option<usize>,
    /// The entries wholly in view in the last frame: a new current change among them is not
    /// scrolled to, so a click never moves the list under the pointer.
    in_view: std::ops::Range<usize>,
}

/// Characters of text a snippet shows.
const SNIPPET_CHARS: usize = 60;

impl ChangeList {
    /// Draws the list.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        comparison: &Comparison,
        generation: u64,
        current: Option<usize>,
        one_sided: bool,
    ) -> Vec<Action> {
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            let moves = passage_notes(comparison);
            self.entries = (0..comparison.changes.len())
                .map(|n| entry(comparison, &moves, n))
                .collect();
            self.shown_current = None;
            self.in_view = 0..0;
        }
        let mut actions = Vec::new();
        ui.heading(format!("Changes ({})", self.entries.len()));
        if self.entries.is_empty() {
            ui.label(if one_sided {
                "Nothing is compared: only one version is shown."
            } else {
                "No differences."
            });
            return actions;
        }
        let row_height = ui.spacing().interact_size.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("redline-change-list")
            .auto_shrink(false);
        let step = row_height + ui.spacing().item_spacing.y;
        if current != self.shown_current {
            self.shown_current = current;
            if let Some(c) = current.filter(|c| !self.in_view.contains(c)) {
                let y = c as f32 * step - 3.0 * row_height;
                area = area.vertical_scroll_offset(y.max(0.0));
            }
        }
        let output = area.show_rows(ui, row_height, self.entries.len(), |ui, range| {
            for n in range {
                let selected = current == Some(n);
                let text = RichText::new(&self.entries[n]);
                let response = ui.add(egui::Button::selectable(selected, text).truncate());
                if response.clicked() {
                    actions.push(Action::GoToChange(n));
                }
            }
        });
        let (top, height) = (output.state.clamped_offset().y, output.inner_rect.height());
        let spacing = step - row_height;
        self.in_view = (top / step).ceil() as usize..((top + height + spacing) / step) as usize;
        actions
    }
}

/// "3. changed: limits on the relationship » boundaries on ties" (the default fonts have no arrows);
/// the two halves of a rewrite read "rewritten: −old words" and "rewritten: +new words"; a
/// change a passage left or joined says so: "2. changed (passage moved to 5): …".
fn entry(comparison: &Comparison, moves: &[String], n: usize) -> String {
    let change = &comparison.changes[n];
    let shape = comparison.shape(change);
    let snippet = match change.kind {
        ChangeKind::Changed | ChangeKind::Moved => {
            let old = change.text(comparison, Side::Old);
            let new = change.text(comparison, Side::New);
            let deleted: Vec<&str> = change
                .edits
                .iter()
                .filter(|e| e.op == EditOp::Delete)
                .filter_map(|e| old.get(e.old.clone()))
                .collect();
            let inserted: Vec<&str> = change
                .edits
                .iter()
                .filter(|e| e.op == EditOp::Insert)
                .filter_map(|e| new.get(e.new.clone()))
                .collect();
            match (deleted.first(), inserted.first()) {
                (Some(d), Some(i)) => format!("{} » {}", shorten(d), shorten(i)),
                (Some(d), None) => format!("−{}", shorten(d)),
                (None, Some(i)) => format!("+{}", shorten(i)),
                (None, None) => shorten(&new),
            }
        }
        ChangeKind::Inserted if shape == Shape::Rewritten => {
            format!("+{}", shorten(&change.text(comparison, Side::New)))
        }
        ChangeKind::Deleted if shape == Shape::Rewritten => {
            format!("−{}", shorten(&change.text(comparison, Side::Old)))
        }
        ChangeKind::Inserted => shorten(&change.text(comparison, Side::New)),
        ChangeKind::Deleted => shorten(&change.text(comparison, Side::Old)),
    };
    format!("{}. {}{}: {snippet}", n + 1, shape.label(), moves[n])
}

/// For each change, where its moved passages went or came from: " (passage moved to 5)".
fn passage_notes(comparison: &Comparison) -> Vec<String> {
    let mut notes = vec![String::new(); comparison.changes.len()];
    for p in &comparison.passages {
        if let Some(note) = notes.get_mut(p.from) {
            note.push_str(&format!(" (passage moved to {})", p.to + 1));
        }
        if let Some(note) = notes.get_mut(p.to) {
            note.push_str(&format!(" (passage moved from {})", p.from + 1));
        }
    }
    notes
}

fn shorten(text: &str) -> String {
    let text = text.replace("\n\n", " ¶ ");
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}
