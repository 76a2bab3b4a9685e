//! The find bar (Ctrl+F): the query field, the count of matches and the buttons that step
//! through them. The matching itself is [`super::engine`].

use super::Find;
use crate::gui::actions::Action;

impl Find {
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
