//! The header over each pane: name, path, encoding, word count, warnings and load errors.

use egui::RichText;

use super::actions::Action;
use super::palette::Palette;
use super::panes::{GUTTER, pane_width};
use super::session::Session;
use super::toolbar::{OPEN_NEW, OPEN_OLD};
use crate::compare::Side;
use crate::document::{LoadError, SourceInfo, encodings};

/// Draws both headers side by side, matching the panes' columns.
pub fn show(ui: &mut egui::Ui, session: &Session, palette: Palette, dropping: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let pane = pane_width(ui);
    ui.horizontal_top(|ui| {
        for side in [Side::Old, Side::New] {
            ui.allocate_ui_with_layout(
                egui::vec2(pane, 0.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(pane);
                    actions.extend(side_header(ui, session, side, palette, dropping));
                },
            );
            if side == Side::Old {
                ui.add_space(GUTTER - ui.spacing().item_spacing.x * 2.0);
            }
        }
    });
    actions
}

fn side_header(
    ui: &mut egui::Ui,
    session: &Session,
    side: Side,
    palette: Palette,
    dropping: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let doc = session.side(side);
    let title = match side {
        Side::Old => "Old",
        Side::New => "New",
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(title).weak());
        match &doc.article {
            Some(article) => {
                ui.label(RichText::new(&article.source.name).strong());
                let source = &article.source;
                if source.format.has_encoding() && source.path.is_some() {
                    actions.extend(encoding_menu(ui, side, source));
                } else {
                    ui.label(RichText::new(&source.encoding).weak());
                }
                ui.label(RichText::new(format!("· {} words", article.words)).weak());
            }
            // A side that failed says why below; one never opened says how to open it.
            None if doc.error.is_some() => {
                ui.label(RichText::new("nothing open").italics());
            }
            None => {
                let button = match side {
                    Side::Old => OPEN_OLD,
                    Side::New => OPEN_NEW,
                };
                ui.label(
                    RichText::new(format!(
                        "nothing open yet: use {button} or drop a file on this pane"
                    ))
                    .italics(),
                );
            }
        }
    });
    if let Some(path) = doc.article.as_ref().and_then(|a| a.source.path.as_ref()) {
        ui.add(
            egui::Label::new(RichText::new(path.display().to_string()).small().weak()).truncate(),
        );
    }
    if let Some(article) = &doc.article {
        for warning in &article.source.warnings {
            ui.label(
                RichText::new(format!("Warning: {warning}"))
                    .color(palette.moved_ink)
                    .small(),
            );
        }
    }
    if doc.gone {
        ui.label(
            RichText::new("This file was deleted or moved away; showing the text last read.")
                .color(palette.deleted_ink),
        );
    }
    if let Some(error) = &doc.error {
        egui::Frame::new()
            .fill(palette.deleted_band)
            .inner_margin(4.0)
            .corner_radius(3.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!("Could not open: {error}")).color(palette.deleted_ink),
                );
                if let LoadError::TooLarge { path, size, .. } = &**error
                    && ui
                        .button(format!(
                            "Open it anyway ({} MiB)",
                            size.div_ceil(1024 * 1024)
                        ))
                        .on_hover_text(
                            "Raise this window's size limit to this file's size and open it. \
                             Comparing very large files takes time and memory.",
                        )
                        .clicked()
                {
                    actions.push(Action::OpenLarger {
                        side,
                        path: path.clone(),
                        size: *size,
                    });
                }
                if doc.article.is_some() {
                    ui.label(
                        RichText::new("Still showing the previous text of this side.").small(),
                    );
                }
            });
    }
    if dropping {
        ui.label(
            RichText::new(format!(
                "Drop a file here to open it as {}",
                title.to_lowercase()
            ))
            .color(palette.inserted_ink)
            .strong(),
        );
    }
    actions
}

/// The encoding, as a menu to read the file again in another one when detection guessed wrong.
fn encoding_menu(ui: &mut egui::Ui, side: Side, source: &SourceInfo) -> Option<Action> {
    let mut chosen = None;
    // Button text, not weak text: weak text on a button's background is too faint to read.
    ui.menu_button(RichText::new(&source.encoding), |ui| {
        ui.label(RichText::new("Reopen with encoding").strong());
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for &encoding in encodings() {
                    let current = source.text_encoding == Some(encoding);
                    if ui.radio(current, encoding.name()).clicked() && !current {
                        chosen = Some(Action::ReopenWithEncoding(side, encoding));
                    }
                }
            });
    })
    .response
    .on_hover_text("Reopen this file with another encoding");
    chosen
}
