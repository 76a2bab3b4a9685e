//! The two panes and the gutter between them: one scroll area, rows drawn only when visible.

use std::ops::Range;

use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::actions::Action;
use super::bidi::VisualOrder;
use super::bidi_copy::BidiCopy;
use super::find::Find;
use super::layout::{Item, MARKER_HEIGHT, PAD_X, PAD_Y, RowLayout, moved_marker};
use super::palette::Palette;
use super::versions::Versions;
use super::view::{ScrollTarget, View};
use crate::compare::{ChangeKind, Comparison, Shape, Side};

/// Width of the gutter between the panes.
pub const GUTTER: f32 = 22.0;

/// Everything the panes read to draw one frame.
pub struct PaneInput<'a> {
    /// The comparison shown.
    pub comparison: &'a Comparison,
    /// The row layouts (laid out here as rows come into view).
    pub layout: &'a mut RowLayout,
    /// Scroll position and current change.
    pub view: &'a mut View,
    /// Find highlights.
    pub find: &'a Find,
    /// The change colours.
    pub palette: Palette,
    /// The width of one pane, from [`pane_width`] (of the one column when inline).
    pub pane: f32,
    /// One inline column (the new version with deletions struck in place) instead of two panes.
    pub inline: bool,
    /// The versions open together, whose sentences' histories the tooltips tell.
    pub versions: Option<&'a Versions>,
}

/// The width of each pane in a central area `ui` (headers and rows share it, so they line up):
/// half of what is left after the gutter and the scroll bar, in whole points.
pub fn pane_width(ui: &egui::Ui) -> f32 {
    let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin;
    ((ui.available_width() - scroll_bar - GUTTER) / 2.0)
        .max(40.0)
        .floor()
}

/// The width of the inline view's one column: what is left after the gutter and the scroll bar.
pub fn column_width(ui: &egui::Ui) -> f32 {
    let scroll_bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin;
    (ui.available_width() - scroll_bar - GUTTER)
        .max(80.0)
        .floor()
}

/// Draws the panes; returns what the user clicked.
pub fn show(ui: &mut egui::Ui, input: PaneInput<'_>) -> Vec<Action> {
    let PaneInput {
        comparison,
        layout,
        view,
        find,
        palette,
        pane,
        inline,
        versions,
    } = input;
    let mut actions = Vec::new();
    // Text selected by dragging belongs to the pane the drag began in: egui copies every
    // selectable label between the drag's two ends in drawing order, and rows draw the old
    // pane's paragraph, then the new one's, so a drag down the old pane took the new pane's
    // text along. The other pane's text is not selectable until a press in it.
    let pressed = ui.input(|i| {
        i.pointer
            .primary_pressed()
            .then(|| i.pointer.press_origin())
    });
    if let (Some(Some(at)), Some(split)) = (pressed, view.split_x)
        && ui.max_rect().contains(at)
    {
        view.selecting = Some(if at.x < split { Side::Old } else { Side::New });
    }
    if inline {
        // One column: its text is the only text to select.
        view.selecting = None;
    }
    let mut area = egui::ScrollArea::vertical()
        .id_salt("redline-panes")
        .auto_shrink(false);
    match view.scroll_target.take() {
        Some(ScrollTarget::Offset(y)) => {
            let bottom = (layout.total_height() - view.viewport_height).max(0.0);
            area = area.vertical_scroll_offset(y.clamp(0.0, bottom));
        }
        Some(ScrollTarget::Row(row)) => {
            if let Some(y) = row_target(layout, view, row) {
                area = area.vertical_scroll_offset(y);
            }
        }
        None => {}
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width();
        ui.set_min_size(Vec2::new(width, layout.total_height()));
        let range = layout.visible(viewport.min.y, viewport.max.y);
        // Rows coming into view settle their estimated heights when laid out. Keep the first
        // row already on screen where it is, so the text being read does not jump.
        let anchor = range
            .clone()
            .find(|&item| layout.is_exact(item))
            .unwrap_or(range.start);
        let shift = layout.lay_out_range(ui.ctx(), comparison, range, anchor, find);
        // Heights may have grown: draw what is visible now.
        let range = layout.visible(viewport.min.y + shift, viewport.max.y + shift);
        if shift.abs() > 0.5 {
            view.scroll_target = Some(ScrollTarget::Offset(viewport.min.y + shift));
            ui.ctx().request_repaint();
        }
        let origin = ui.max_rect().min;
        view.split_x = (!inline).then_some(origin.x + pane + GUTTER / 2.0);
        for item in range {
            let top = origin.y + layout.top(item);
            let rect = Rect::from_min_size(
                Pos2::new(origin.x, top),
                Vec2::new(width, layout.height(item)),
            );
            match &layout.items()[item] {
                Item::Fold(rows) => draw_fold(ui, rect, rows, &mut actions),
                Item::Row(row) => {
                    let cells = layout.cells(item).cloned();
                    let row_view = RowView {
                        comparison,
                        row: *row,
                        rect,
                        pane,
                        palette,
                        current: view.current_change,
                        selecting: view.selecting,
                        inline,
                        versions,
                    };
                    row_view.draw(ui, cells.as_ref(), &mut actions);
                }
            }
        }
    });
    view.scroll_offset = output.state.clamped_offset().y;
    view.viewport_height = output.inner_rect.height();
    actions
}

/// The offset that brings `row` into view, or `None` if it is already fully visible.
fn row_target(layout: &RowLayout, view: &View, row: usize) -> Option<f32> {
    let item = layout.item_of_row(row)?;
    let (top, height) = (layout.top(item), layout.height(item));
    let (from, to) = (
        view.scroll_offset,
        view.scroll_offset + view.viewport_height,
    );
    if view.viewport_height > 0.0 && top >= from && top + height <= to {
        return None;
    }
    // A little of what comes before shows where the change sits.
    Some((top - view.viewport_height * 0.2).max(0.0))
}

/// The line standing for hidden unchanged paragraphs; clicking it shows them where they are.
fn draw_fold(ui: &mut egui::Ui, rect: Rect, rows: &Range<usize>, actions: &mut Vec<Action>) {
    let count = rows.len();
    let y = rect.center().y;
    let line = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    ui.painter().hline(rect.x_range(), y, line);
    let text = if count == 1 {
        "1 unchanged paragraph hidden".to_owned()
    } else {
        format!("{count} unchanged paragraphs hidden")
    };
    let label = egui::RichText::new(text)
        .small()
        .weak()
        .background_color(ui.visuals().panel_fill);
    let button = egui::Button::new(label).frame(false);
    if ui
        .put(rect, button)
        .on_hover_text("Show these paragraphs")
        .clicked()
    {
        actions.push(Action::OpenHiddenRun(rows.start));
    }
}

/// One row being drawn.
struct RowView<'a> {
    comparison: &'a Comparison,
    row: usize,
    rect: Rect,
    pane: f32,
    palette: Palette,
    current: Option<usize>,
    /// The pane whose text a drag selects, once one has begun.
    selecting: Option<Side>,
    /// One column instead of two panes.
    inline: bool,
    /// The versions open together, if any.
    versions: Option<&'a Versions>,
}

impl RowView<'_> {
    fn cell_rect(&self, side: Side) -> Rect {
        let x = match (self.inline, side) {
            (true, _) => self.rect.min.x + GUTTER,
            (false, Side::Old) => self.rect.min.x,
            (false, Side::New) => self.rect.min.x + self.pane + GUTTER,
        };
        Rect::from_min_size(
            Pos2::new(x, self.rect.min.y),
            Vec2::new(self.pane, self.rect.height()),
        )
    }

    fn draw(
        &self,
        ui: &mut egui::Ui,
        cells: Option<&super::layout::Cells>,
        actions: &mut Vec<Action>,
    ) {
        let row = &self.comparison.rows[self.row];
        let changed = !row.is_unchanged();
        // The inline column stands for the side that has text (the new one when both have);
        // a deletion and an insertion sharing it get no band, their words are marked.
        let sides: Vec<(usize, Side)> = if self.inline {
            let side = if row.new.is_empty() {
                Side::Old
            } else {
                Side::New
            };
            vec![(0, side)]
        } else {
            vec![(0, Side::Old), (1, Side::New)]
        };
        let rewritten = row.old_change.is_some()
            && row.new_change.is_some()
            && row.old_change != row.new_change;
        for (slot, side) in sides {
            let rect = self.cell_rect(side);
            let kind = row.change(side).map(|c| self.comparison.changes[c].kind);
            let band = if self.inline && rewritten { None } else { kind };
            self.draw_background(ui, rect, side, band, changed);
            // Clicking a changed paragraph makes it the current change. Registered before the
            // moved marker so that the marker, on top, gets its own clicks.
            let id = ui.scope_id().with(("cell", self.row, slot));
            let sense = if row.change(side).is_some() {
                Sense::click()
            } else {
                Sense::hover()
            };
            let response = ui.interact(rect, id, sense);
            let change = match self.inline {
                true => row.change(side).or(row.old_change),
                false => row.change(side),
            };
            if let (Some(change), true) = (change, response.clicked()) {
                actions.push(Action::GoToChange(change));
            }
            let mut text_at = rect.min + Vec2::new(PAD_X, PAD_Y);
            if let Some(target) = moved_marker(self.comparison, self.row, side) {
                let label = match (side, target > self.row) {
                    (Side::Old, true) => "Moved: go to its new place (below)",
                    (Side::Old, false) => "Moved: go to its new place (above)",
                    (Side::New, true) => "Moved: go to its old place (below)",
                    (Side::New, false) => "Moved: go to its old place (above)",
                };
                let marker = Rect::from_min_size(
                    text_at,
                    Vec2::new(rect.width() - 2.0 * PAD_X, MARKER_HEIGHT - 4.0),
                );
                let text = egui::RichText::new(label)
                    .color(self.palette.moved_ink)
                    .size(12.0);
                // Left-aligned at its natural width, like a link above the paragraph.
                let clicked = ui
                    .scope_builder(
                        egui::UiBuilder::new().max_rect(marker.intersect(rect)),
                        |ui| ui.add(egui::Button::new(text).small()).clicked(),
                    )
                    .inner;
                if clicked {
                    actions.push(Action::GoToRow(target));
                }
                text_at.y += MARKER_HEIGHT;
            }
            if let Some(galley) = cells.and_then(|c| c.galleys[slot].clone()) {
                let order = cells.and_then(|c| c.orders[slot].clone());
                if let Some(order) = &order {
                    BidiCopy::shown(ui.ctx(), order);
                }
                // A label, not a painted galley, so that the reader can select the text and copy
                // it (Ctrl+C), across the paragraphs of one pane. A plain click on it still makes
                // the paragraph's change the current one.
                let text_rect = Rect::from_min_size(text_at, galley.size()).intersect(rect);
                let selectable = self.selecting.is_none_or(|s| s == side);
                let label = ui
                    .scope_builder(egui::UiBuilder::new().max_rect(text_rect), |ui| {
                        let label = egui::Label::new(std::sync::Arc::clone(&galley));
                        // Still clickable (not focusable: Tab goes through the controls).
                        let label = if selectable {
                            label.selectable(true)
                        } else {
                            label.selectable(false).sense(egui::Sense::CLICK)
                        };
                        ui.add(label)
                    })
                    .inner;
                let pane = match (self.inline, side) {
                    (true, _) => "Inline",
                    (false, Side::Old) => "Old",
                    (false, Side::New) => "New",
                };
                // The paragraph numbers the summaries and exports cite ("¶3", "¶3+¶4"), made
                // only while the paragraph is hovered.
                let label = label.on_hover_ui(|ui| {
                    let numbers = |side: Side| {
                        let numbers: Vec<usize> = row.paragraphs(side).map(|p| p + 1).collect();
                        crate::export::paragraph_list(&numbers)
                    };
                    ui.label(match (self.inline, side) {
                        (true, _) => {
                            format!("Old {} · new {}", numbers(Side::Old), numbers(Side::New))
                        }
                        (false, Side::Old) => format!("Old {}", numbers(side)),
                        (false, Side::New) => format!("New {}", numbers(side)),
                    });
                    if let Some(history) =
                        self.history_at(ui, side, &galley, order.as_deref(), text_at)
                    {
                        ui.label(history);
                    }
                });
                if let (Some(change), true) = (change, label.clicked()) {
                    actions.push(Action::GoToChange(change));
                }
                // Screen readers get the text of each visible paragraph, with what happened to
                // it. Made only when asked for (accessibility on): not every cell every frame.
                let what = match change {
                    Some(c) => self.comparison.shape(&self.comparison.changes[c]).label(),
                    None if row.is_reparagraphed() => "re-paragraphed, no change",
                    None => "unchanged",
                };
                label.widget_info(|| {
                    // The text as it is read, not as a right-to-left line is drawn.
                    let read = order.as_ref().map_or(galley.text(), |o| o.logical.as_str());
                    let mut text = format!("{pane}, {what}: {read}");
                    if let Some(c) = change {
                        text.push_str(&spoken_edits(self.comparison, c));
                    }
                    egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text)
                });
            }
        }
        self.draw_gutter(ui);
        let is_current = self
            .current
            .is_some_and(|c| row.old_change == Some(c) || row.new_change == Some(c));
        if is_current {
            ui.painter().rect_stroke(
                self.rect.shrink(1.0),
                CornerRadius::same(2),
                Stroke::new(2.0, self.palette.current),
                StrokeKind::Inside,
            );
        }
    }

    /// The history across the open versions of the sentence under the pointer, in a pane's
    /// paragraph laid out in `galley` at `text_at` (two panes only: the inline column mixes
    /// the two versions' words).
    fn history_at(
        &self,
        ui: &egui::Ui,
        side: Side,
        galley: &egui::Galley,
        order: Option<&VisualOrder>,
        text_at: Pos2,
    ) -> Option<String> {
        let versions = self.versions.filter(|_| !self.inline)?;
        let [old, new] = versions.shown_in(self.comparison)?;
        let version = match side {
            Side::Old => old,
            Side::New => new,
        };
        let pointer = ui.input(|i| i.pointer.hover_pos())?;
        let at = galley.cursor_from_pos(pointer - text_at).index.0;
        // The galley holds the row's paragraphs of this side joined (`Comparison::text`), in
        // drawn order where lines run right to left.
        let offset = match order {
            Some(order) => order.logical_offset(at),
            None => {
                let text = galley.text();
                text.char_indices().nth(at).map_or(text.len(), |(b, _)| b)
            }
        };
        let mut start = 0;
        for p in self.comparison.rows[self.row].paragraphs(side) {
            let len = self.comparison.article(side).paragraphs.get(p)?.text.len();
            if offset <= start + len {
                let timeline = versions.timeline.as_ref()?;
                let history = timeline.sentence_history(version, p, offset - start)?;
                return Some(format!("This sentence: {}", Versions::describe(history)));
            }
            start += len + crate::compare::PARAGRAPH_SEPARATOR.len();
        }
        None
    }

    fn draw_background(
        &self,
        ui: &egui::Ui,
        rect: Rect,
        side: Side,
        kind: Option<ChangeKind>,
        changed: bool,
    ) {
        let painter = ui.painter();
        let p = self.palette;
        let inner = rect.shrink2(Vec2::new(2.0, 1.0));
        let empty = self.comparison.rows[self.row].paragraphs(side).is_empty();
        if empty {
            if changed {
                // The empty placeholder opposite an inserted, deleted or moved paragraph.
                let other = match side {
                    Side::Old => Side::New,
                    Side::New => Side::Old,
                };
                let ink = self.comparison.rows[self.row]
                    .change(other)
                    .map_or(p.current, |c| {
                        ink_of(p, self.comparison.changes[c].kind, other)
                    });
                painter.rect_stroke(
                    inner.shrink(3.0),
                    CornerRadius::same(3),
                    Stroke::new(1.0, ink.gamma_multiply(0.6)),
                    StrokeKind::Inside,
                );
            }
            return;
        }
        let band = match kind {
            Some(ChangeKind::Inserted) => Some((p.inserted_band, p.inserted_ink)),
            Some(ChangeKind::Deleted) => Some((p.deleted_band, p.deleted_ink)),
            Some(ChangeKind::Moved) => Some((p.moved_band, p.moved_ink)),
            Some(ChangeKind::Changed) | None => None,
        };
        if let (Some((fill, ink)), Some(kind)) = (band, kind) {
            painter.rect_filled(inner, CornerRadius::same(2), fill);
            for bar in edge_bar(inner, kind) {
                painter.rect_filled(bar, CornerRadius::ZERO, ink);
            }
        }
    }

    /// Marks in the gutter: − deleted, + inserted, ± changed, » moved (glyphs the default font has).
    fn draw_gutter(&self, ui: &egui::Ui) {
        let row = &self.comparison.rows[self.row];
        let p = self.palette;
        let x = if self.inline {
            self.rect.min.x
        } else {
            self.rect.min.x + self.pane
        };
        let gutter = Rect::from_min_size(
            Pos2::new(x, self.rect.min.y),
            Vec2::new(GUTTER, self.rect.height()),
        );
        let painter = ui.painter();
        if row.is_reparagraphed() {
            // Layout, not a change: a quiet pilcrow in the text's own weak colour, no bars.
            painter.text(
                Pos2::new(gutter.center().x, gutter.min.y + PAD_Y),
                Align2::CENTER_TOP,
                "¶",
                FontId::proportional(15.0),
                ui.visuals().weak_text_color(),
            );
            let id = ui.scope_id().with(("reparagraphed", self.row));
            ui.interact(gutter, id, Sense::hover()).on_hover_text(
                "Re-paragraphed: the same words, broken into paragraphs differently. Not a change.",
            );
            return;
        }
        if row.is_unchanged() {
            return;
        }
        let kinds: Vec<(ChangeKind, Side)> = [Side::Old, Side::New]
            .into_iter()
            .filter_map(|s| row.change(s).map(|c| (self.comparison.changes[c].kind, s)))
            .collect();
        let (symbol, ink) = match self.comparison.row_shape(self.row) {
            Some(Shape::Moved) => ("»", p.moved_ink),
            Some(Shape::Deleted) => ("−", p.deleted_ink),
            Some(Shape::Inserted) => ("+", p.inserted_ink),
            Some(_) | None => ("±", p.current),
        };
        // A bar in each side's colour, then the symbol on top.
        let half = gutter.width() / 2.0;
        for (kind, side) in &kinds {
            let from = match side {
                Side::Old => 0.0,
                Side::New => half,
            };
            let bar = Rect::from_min_size(
                Pos2::new(gutter.min.x + from + 1.0, gutter.min.y + 2.0),
                Vec2::new(half - 2.0, (gutter.height() - 4.0).max(0.0)),
            );
            let color = ink_of(p, *kind, *side).gamma_multiply(0.35);
            painter.rect_filled(bar, CornerRadius::same(1), color);
        }
        painter.text(
            Pos2::new(gutter.center().x, gutter.min.y + PAD_Y),
            Align2::CENTER_TOP,
            symbol,
            FontId::proportional(17.0),
            ink,
        );
    }
}

/// The bar along the left edge of a whole inserted, deleted or moved paragraph, drawn as a
/// pattern so that it reads without its colour (in greyscale, in print, to a colour-blind
/// reader): solid for inserted, dashed for deleted, dotted for moved.
pub fn edge_bar(band: Rect, kind: ChangeKind) -> Vec<Rect> {
    const WIDTH: f32 = 4.0;
    let (on, off) = match kind {
        ChangeKind::Inserted | ChangeKind::Changed => {
            return vec![Rect::from_min_size(
                band.min,
                Vec2::new(WIDTH, band.height()),
            )];
        }
        ChangeKind::Deleted => (7.0, 5.0),
        ChangeKind::Moved => (WIDTH, 4.0),
    };
    let mut bars = Vec::new();
    let mut y = band.min.y;
    while y < band.max.y {
        let height = on.min(band.max.y - y);
        bars.push(Rect::from_min_size(
            Pos2::new(band.min.x, y),
            Vec2::new(WIDTH, height),
        ));
        y += on + off;
    }
    bars
}

/// What a screen reader hears of a changed paragraph after its text: the words the change
/// deleted and inserted, " Deleted: support. Inserted: on Ukraine; cover.", or nothing for a
/// whole paragraph (its kind says it all).
pub fn spoken_edits(comparison: &Comparison, change: usize) -> String {
    let Some(change) = comparison.changes.get(change) else {
        return String::new();
    };
    let old = change.text(comparison, Side::Old);
    let new = change.text(comparison, Side::New);
    let mut out = String::new();
    for (what, runs) in [
        ("Deleted", change.edited_runs(&old, Side::Old)),
        ("Inserted", change.edited_runs(&new, Side::New)),
    ] {
        if !runs.is_empty() {
            out.push_str(&format!(" {what}: {}.", runs.join("; ")));
        }
    }
    out
}

/// The colour standing for a change of this kind on this side.
pub fn ink_of(p: Palette, kind: ChangeKind, side: Side) -> Color32 {
    match (kind, side) {
        (ChangeKind::Moved, _) => p.moved_ink,
        (ChangeKind::Inserted, _) | (ChangeKind::Changed, Side::New) => p.inserted_ink,
        (ChangeKind::Deleted, _) | (ChangeKind::Changed, Side::Old) => p.deleted_ink,
    }
}
