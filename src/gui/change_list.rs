//! The change list panel: every change numbered, with its kind and a snippet; click to go.

use egui::RichText;

use super::actions::Action;
use super::review_bar::sign;
use crate::compare::{ChangeKind, Comparison, Shape, Side};
use crate::review::{Review, Status};

/// Which changes the change list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every change.
    #[default]
    All,
    /// Changes not marked yet.
    ToReview,
    /// Flagged changes.
    Flagged,
}

/// The list's cached snippets and scroll bookkeeping.
#[derive(Debug, Default)]
pub struct ChangeList {
    /// The comparison generation the snippets were made for.
    generation: Option<u64>,
    entries: Vec<String>,
    /// The current change the list last scrolled to.
    shown_current: Option<usize>,
    /// The lines wholly in view in the last frame (positions in the filtered list): a new
    /// current change among them is not scrolled to, so a click never moves the list under the
    /// pointer.
    in_view: std::ops::Range<usize>,
    /// The filter of the last frame (another filter puts other entries on the lines).
    shown_filter: Filter,
}

/// Characters of text a snippet shows.
const SNIPPET_CHARS: usize = 60;

impl ChangeList {
    /// Draws the list, with each change's review mark and the review filter once the review
    /// is read.
    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        comparison: &Comparison,
        generation: u64,
        current: Option<usize>,
        one_sided: bool,
        review: Option<&Review>,
        filter: Filter,
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
        let filter = if review.is_some() {
            filter
        } else {
            Filter::All
        };
        if let Some(review) = review {
            let counts = review.counts();
            ui.horizontal_wrapped(|ui| {
                for (f, text) in [
                    (Filter::All, format!("All {}", counts.total())),
                    (Filter::ToReview, format!("To review {}", counts.to_review)),
                    (Filter::Flagged, format!("Flagged {}", counts.flagged)),
                ] {
                    if ui.selectable_label(filter == f, text).clicked() {
                        actions.push(Action::SetReviewFilter(f));
                    }
                }
            });
        }
        let status = |n: usize| review.map_or(Status::ToReview, |r| r.mark(n).status);
        let shown: Vec<usize> = match filter {
            Filter::All => (0..self.entries.len()).collect(),
            Filter::ToReview => (0..self.entries.len())
                .filter(|&n| status(n) == Status::ToReview)
                .collect(),
            Filter::Flagged => (0..self.entries.len())
                .filter(|&n| status(n) == Status::Flagged)
                .collect(),
        };
        if shown.is_empty() {
            ui.label(match filter {
                Filter::Flagged => "No change is flagged.",
                _ => "Every change is marked.",
            });
            return actions;
        }
        if filter != self.shown_filter {
            self.shown_filter = filter;
            self.shown_current = None;
            self.in_view = 0..0;
        }
        let row_height = ui.spacing().interact_size.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("redline-change-list")
            .auto_shrink(false);
        let step = row_height + ui.spacing().item_spacing.y;
        if current != self.shown_current {
            self.shown_current = current;
            let line = current.map(|c| shown.binary_search(&c).unwrap_or_else(|at| at));
            if let Some(line) = line.filter(|line| !self.in_view.contains(line)) {
                let y = line as f32 * step - 3.0 * row_height;
                area = area.vertical_scroll_offset(y.max(0.0));
            }
        }
        let output = area.show_rows(ui, row_height, shown.len(), |ui, range| {
            for &n in &shown[range] {
                let selected = current == Some(n);
                let mark = review.map(|r| r.mark(n));
                let sign = mark.map_or("", |m| sign(m.status));
                let text = RichText::new(format!("{sign}{}", self.entries[n]));
                let mut response = ui.add(egui::Button::selectable(selected, text).truncate());
                // Screen readers hear the mark as a word, not as "square root".
                response.widget_info(|| {
                    let mut label = self.entries[n].clone();
                    if let Some(mark) = mark.filter(|m| !m.is_blank()) {
                        label.push_str(&format!(", {}", mark.status.label()));
                        if !mark.note.trim().is_empty() {
                            label.push_str(&format!(", note: {}", mark.note.trim()));
                        }
                    }
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, label)
                });
                if let Some(mark) = mark.filter(|m| !m.note.trim().is_empty()) {
                    response = response.on_hover_text(format!("Note: {}", mark.note));
                }
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
            let deleted = change.edited_runs(&old, Side::Old);
            let inserted = change.edited_runs(&new, Side::New);
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
