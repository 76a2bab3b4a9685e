//! The status bar: the comparison's numbers, or the running job's progress with Cancel.

use egui::RichText;

use super::actions::Action;
use super::jobs::{Job, SHOW_PROGRESS_AFTER};
use super::session::Session;
use crate::compare::{CompareOptions, Side};
use crate::review::Review;

/// Draws the status bar; `current` is the change walked to, `review` the marks on the changes.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    job: Option<&Job>,
    current: Option<usize>,
    review: Option<&Review>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    // Wrapped: in a narrow window the numbers go on a second line rather than off the edge.
    ui.horizontal_wrapped(|ui| {
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
        if let Some(position) = position(current, c.changes.len()) {
            ui.label(RichText::new(position).strong());
            ui.separator();
        }
        if let Some(review) = review.filter(|r| !r.marks().is_empty()) {
            let counts = review.counts();
            let mut text = format!("{} of {} reviewed", counts.reviewed, counts.total());
            if counts.flagged > 0 {
                text.push_str(&format!(" · {} flagged", counts.flagged));
            }
            ui.label(text);
            ui.separator();
        }
        if let Some(options) = active_options(&c.options) {
            ui.label(RichText::new(options).strong())
                .on_hover_text(format!("Compare options: {}", c.options.describe()));
            ui.separator();
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

/// "Change 3 of 11", and at the last one "Change 11 of 11, the last".
fn position(current: Option<usize>, changes: usize) -> Option<String> {
    let n = current.filter(|&n| n < changes)?;
    Some(if n + 1 == changes {
        format!("Change {changes} of {changes}, the last")
    } else {
        format!("Change {} of {changes}", n + 1)
    })
}

/// The compare options that differ from the defaults, for the reader to see that they are on
/// (they are remembered across restarts): "Case ignored · punctuation ignored".
fn active_options(options: &CompareOptions) -> Option<String> {
    let defaults = CompareOptions::default();
    let active: Vec<&str> = [
        (options.ignore_case && !defaults.ignore_case, "case ignored"),
        (
            options.ignore_punctuation && !defaults.ignore_punctuation,
            "punctuation ignored",
        ),
        (
            options.fold_compat && !defaults.fold_compat,
            "compatibility forms folded",
        ),
        (
            !options.fold_quotes && defaults.fold_quotes,
            "quotes and dashes compared exactly",
        ),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let text = active.join(" · ");
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_options_changed_from_the_defaults_are_shown() {
        assert_eq!(active_options(&CompareOptions::default()), None);
        let options = CompareOptions {
            ignore_punctuation: true,
            fold_quotes: false,
            ..CompareOptions::default()
        };
        assert_eq!(
            active_options(&options).as_deref(),
            Some("Punctuation ignored · quotes and dashes compared exactly")
        );
    }

    #[test]
    fn the_position_names_the_last_change() {
        assert_eq!(position(None, 11), None);
        assert_eq!(position(Some(2), 11).as_deref(), Some("Change 3 of 11"));
        assert_eq!(
            position(Some(10), 11).as_deref(),
            Some("Change 11 of 11, the last")
        );
        assert_eq!(position(Some(11), 11), None);
    }
}
