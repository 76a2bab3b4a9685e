//! The review bar over the panes: the current change's mark (reviewed, flagged) and its note.

use egui::RichText;

use super::actions::{self, Action};
use crate::compare::Comparison;
use crate::review::{Review, Status};

/// What the mark buttons say; the change list marks its entries with the same signs.
pub const REVIEWED: &str = "√ Reviewed";
/// The flag button's text.
pub const FLAGGED: &str = "! Flagged";

/// The sign the change list puts before a change with this status (the default fonts have no
/// check mark or flag: a radical sign and an exclamation mark stand in).
pub fn sign(status: Status) -> &'static str {
    match status {
        Status::ToReview => "",
        Status::Reviewed => "√ ",
        Status::Flagged => "! ",
    }
}

/// Where the keyboard focus goes this frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct Focus {
    /// To the note field (after Shift+Space).
    pub note: bool,
    /// To the node that names the current change (after moving to it): a screen reader reads
    /// its label, "Change 3 of 11: changed, old ¶5 → new ¶4 …".
    pub change: bool,
}

/// Draws the bar.
pub fn show(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    review: Option<&Review>,
    current: Option<usize>,
    focus: Focus,
) -> Vec<Action> {
    let mut actions = Vec::new();
    // Wrapped, not one long line: the bar must never make the panes wider than the window.
    ui.horizontal_wrapped(|ui| {
        let Some((n, change)) = current.and_then(|n| Some((n, comparison.changes.get(n)?))) else {
            ui.label(
                "Review: press Space to go to the first change to review, or pick one in the \
                 change list.",
            );
            return;
        };
        let shape = comparison.shape(change).label();
        let name = ui.add(
            egui::Label::new(RichText::new(format!("Change {}: {shape}", n + 1)).strong())
                .sense(egui::Sense::FOCUSABLE),
        );
        // The node keeps Space and the arrows for the window's shortcuts, not for moving the
        // focus on: a reader moved to a change reads on from there.
        ui.ctx()
            .data_mut(|d| d.insert_temp(actions::change_name_key(), name.id));
        if name.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    name.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
        }
        name.widget_info(|| {
            let mut text = format!(
                "Change {} of {}: {shape}, {}.",
                n + 1,
                comparison.changes.len(),
                crate::export::change_place(change)
            );
            if let Some(mark) = review.map(|r| r.mark(n)).filter(|m| !m.is_blank()) {
                text.push_str(&format!(" {}.", mark.status.label()));
                if !mark.note.trim().is_empty() {
                    text.push_str(&format!(" Note: {}.", mark.note.trim()));
                }
            }
            text.push_str(&super::panes::spoken_edits(comparison, n));
            egui::WidgetInfo::labeled(egui::Role::Label, true, text)
        });
        if focus.change {
            name.request_focus();
        }
        let Some(review) = review else {
            ui.label("Reading the review…");
            return;
        };
        let mark = review.mark(n);
        let toggle = |ui: &mut egui::Ui, status: Status, text: &str, hint: &str| {
            let on = mark.status == status;
            let clicked = ui.selectable_label(on, text).on_hover_text(hint).clicked();
            clicked.then_some(Action::MarkChange(
                n,
                if on { Status::ToReview } else { status },
            ))
        };
        actions.extend(toggle(
            ui,
            Status::Reviewed,
            REVIEWED,
            "Space marks the change reviewed and goes to the next one to review",
        ));
        actions.extend(toggle(
            ui,
            Status::Flagged,
            FLAGGED,
            "Shift+Space flags the change and puts the keyboard in its note",
        ));
        let label = ui.label("Note:");
        let mut note = mark.note.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id(actions::note_id())
                    .hint_text("what to check, whom to ask")
                    .desired_width(ui.available_width().clamp(120.0, 480.0)),
            )
            .labelled_by(label.id);
        if focus.note {
            edit.request_focus();
        }
        if edit.changed() {
            actions.push(Action::SetNote(n, note));
        }
    });
    actions
}
