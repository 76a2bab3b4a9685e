//! The version strip over the panes when several versions are open: each version with its time,
//! the words its step changed, and a flag where it changed facts without a correction note.
//! Clicking a version shows the step that ends at it; Shift+click (or its menu) picks it as one
//! end of the pair.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use super::actions::Action;
use super::palette::Palette;
use super::versions::Versions;

/// What a flagged version's chip says, and its tooltip: what a standards desk looks for first.
pub const NO_NOTE: &str = "facts changed, no note";

/// Draws the strip; returns what the reader picked.
pub fn show(ui: &mut egui::Ui, versions: &Versions, palette: Palette) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(timeline) = &versions.timeline else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Reading {} versions…", versions.paths.len()));
        });
        return actions;
    };
    // The pair last brought into view: a new pair scrolls the strip to its new version once,
    // and the reader's own scrolling is left alone after.
    let scrolled_id = egui::Id::unique("redline-version-strip-shown");
    let scrolled = ui.data(|d| d.get_temp::<(usize, usize)>(scrolled_id));
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    egui::ScrollArea::horizontal()
        .id_salt("redline-version-strip")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Versions").weak());
                for (i, version) in timeline.versions.iter().enumerate() {
                    let (old, new) = versions.pair.unwrap_or((usize::MAX, usize::MAX));
                    let mut job = LayoutJob::default();
                    let mut add = |s: &str, color: Color32, size: f32| {
                        job.append(
                            s,
                            0.0,
                            TextFormat::simple(FontId::proportional(size), color),
                        );
                    };
                    let role = match i {
                        _ if i == old => Some(("old ", palette.deleted_ink)),
                        _ if i == new => Some(("new ", palette.inserted_ink)),
                        _ => None,
                    };
                    if let Some((role, color)) = role {
                        add(role, color, 12.0);
                    }
                    add(&Versions::short_name(i), text, 13.0);
                    add(&format!(" {}\n", version.label), text, 13.0);
                    let tip = match &version.article {
                        Err(message) => {
                            add("could not be read", palette.deleted_ink, 11.0);
                            format!("{}: {message}", version.label)
                        }
                        Ok(article) => {
                            if let Some(time) = &version.time {
                                add(&short_time(time), weak, 11.0);
                                add("  ", weak, 11.0);
                            }
                            let mut tip = format!("{}: {} words", version.label, article.words);
                            match versions.step_into(i) {
                                Some(step) if step.comparison.is_identical() => {
                                    add("no change", weak, 11.0);
                                }
                                Some(step) => {
                                    let stats = &step.comparison.stats;
                                    add(
                                        &format!("+{}", stats.words_inserted),
                                        palette.inserted_ink,
                                        11.0,
                                    );
                                    add(
                                        &format!(" −{}", stats.words_deleted),
                                        palette.deleted_ink,
                                        11.0,
                                    );
                                    if step.changed_facts_without_a_note() {
                                        add(&format!("  {NO_NOTE}"), palette.deleted_ink, 11.0);
                                        tip.push_str(
                                            ". It changed quotes, numbers or names and adds no \
                                             correction or update note",
                                        );
                                    } else if let Some(note) = &step.note {
                                        tip.push_str(&format!(". Its note: {note}"));
                                    }
                                }
                                None => add("first", weak, 11.0),
                            }
                            tip.push_str(
                                ".\nClick: compare it with the version before.\nShift+click: \
                                 make it one end of the pair shown.",
                            );
                            tip
                        }
                    };
                    let selected = i == old || i == new;
                    let button = egui::Button::selectable(selected, job);
                    let response = ui
                        .add_enabled(version.article.is_ok(), button)
                        .on_hover_text(&tip)
                        .on_disabled_hover_text(&tip);
                    if i == new && versions.pair.is_some() && scrolled != versions.pair {
                        response.scroll_to_me(Some(egui::Align::Center));
                        if let Some(pair) = versions.pair {
                            ui.data_mut(|d| d.insert_temp(scrolled_id, pair));
                        }
                    }
                    // The release's own modifiers: Shift may be let go within the same frame.
                    let shift = ui.input(|input| {
                        input.modifiers.shift
                            || input.events.iter().any(|e| {
                                matches!(e, egui::Event::PointerButton { pressed: false, modifiers, .. } if modifiers.shift)
                            })
                    });
                    if response.clicked() {
                        let pair = if shift {
                            versions
                                .picked(i, i < old)
                                .or_else(|| versions.picked(i, false))
                        } else {
                            versions.pair_ending_at(i)
                        };
                        actions.extend(pair.map(|(o, n)| Action::ShowVersions(o, n)));
                    }
                    response.context_menu(|ui| {
                        for (label, as_old) in [("Show as the old version", true), ("Show as the new version", false)] {
                            let pair = versions.picked(i, as_old);
                            if ui.add_enabled(pair.is_some(), egui::Button::new(label)).clicked() {
                                actions.extend(pair.map(|(o, n)| Action::ShowVersions(o, n)));
                                ui.close();
                            }
                        }
                    });
                }
            });
        });
    actions
}

/// "2026-12-02 19:05" from an RFC 3339 time.
fn short_time(time: &str) -> String {
    time.get(..16).unwrap_or(time).replacen('T', " ", 1)
}
