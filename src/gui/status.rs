//! The status bar: the comparison's numbers, or the running job's progress with Cancel.

use egui::RichText;

use super::actions::Action;
use super::jobs::{Job, SHOW_PROGRESS_AFTER};
use super::session::Session;
use crate::compare::Side;

/// Draws the status bar.
pub fn show(ui: &mut egui::Ui, session: &Session, job: Option<&Job>) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if let Some(job) = job
            && job.elapsed() >= SHOW_PROGRESS_AFTER
        {
            ui.add(egui::Spinner::new());
            ui.label(format!("{}…", job.stage()));
            ui.add(
                egui::ProgressBar::new(job.progress())
                    .desired_width(160.0)
                    .show_percentage(),
            );
            let cancel = ui.add_enabled(!job.is_cancelling(), egui::Button::new("Cancel"));
            if cancel.clicked() {
                actions.push(Action::Cancel);
            }
            ui.separator();
        }
        if let Some(failure) = &session.failure {
            ui.label(RichText::new(failure).strong());
            ui.separator();
        }
        let Some(c) = session.comparison() else {
            if job.is_none() {
                ui.label("Open two files to compare them.");
            }
            return;
        };
        if session.is_one_sided() {
            let failed = [Side::Old, Side::New]
                .iter()
                .any(|&side| session.side(side).error.is_some());
            ui.label(if failed {
                "Only one side could be read: nothing is compared."
            } else {
                "Only one version is open: open or drop the other to compare them."
            });
            return;
        }
        let s = &c.stats;
        if c.is_identical() {
            ui.label(match s.reparagraphed {
                0 => "No differences.".to_owned(),
                n => format!(
                    "No differences in the words; paragraphs broken differently in {n} places."
                ),
            });
        } else {
            ui.label(format!(
                "{} changed · {} moved · {} inserted · {} deleted",
                s.changed, s.moved, s.inserted, s.deleted
            ));
            ui.separator();
            ui.label(format!(
                "+{} words · −{} words",
                s.words_inserted, s.words_deleted
            ));
            if !c.passages.is_empty() {
                ui.separator();
                let n = c.passages.len();
                ui.label(format!(
                    "{n} passage{} moved",
                    if n == 1 { "" } else { "s" }
                ))
                .on_hover_text(
                    "Sentences or clauses deleted in one paragraph and inserted, nearly the \
                         same, in another: the change list says where each went.",
                );
            }
            if s.reparagraphed > 0 {
                ui.separator();
                ui.label(RichText::new(format!("{} re-paragraphed", s.reparagraphed)).weak())
                    .on_hover_text(
                        "Places where the same words are broken into paragraphs differently \
                         (marked ¶ between the panes): layout, not counted as changes.",
                    );
            }
        }
        ui.separator();
        ui.label(similarity(s.similarity));
        ui.separator();
        ui.label(format!("compared in {} ms", c.elapsed.as_millis()))
            .on_hover_text(c.options.describe());
        if c.approximate {
            ui.separator();
            ui.label(RichText::new("approximate").italics()).on_hover_text(
                "The time budget ran out: some word diffs are coarser than the shortest possible.",
            );
        }
    });
    actions
}

/// "87% similar"; a near-identical pair shows a decimal so it does not read as 100%.
fn similarity(share: f64) -> String {
    let percent = share * 100.0;
    if percent < 100.0 && percent.round() >= 100.0 {
        format!("{:.1}% similar", percent.min(99.9))
    } else {
        format!("{percent:.0}% similar")
    }
}
