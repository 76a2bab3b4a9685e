//! The overview bar along the right edge: where the changes are in the whole document, which part
//! is visible, and a click (or drag) jumps there.

use egui::{CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::actions::Action;
use super::layout::RowLayout;
use super::palette::Palette;
use super::panes::ink_of;
use super::view::View;
use crate::compare::{Comparison, Side};

/// Width of the overview bar.
pub const WIDTH: f32 = 16.0;

/// Draws the bar into the whole of `ui`'s available height.
pub fn show(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    layout: &RowLayout,
    view: &View,
    palette: Palette,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let size = Vec2::new(WIDTH, ui.available_height());
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Overview of changes")
    });
    let total = layout.total_height();
    if total <= 0.0 || rect.height() <= 0.0 {
        return actions;
    }
    let scale = rect.height() / total;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, ui.visuals().faint_bg_color);
    let half = rect.width() / 2.0;
    for change in &comparison.changes {
        for (side, row) in [(Side::Old, change.old_row), (Side::New, change.new_row)] {
            let Some(item) = layout.item_of_row(row) else {
                continue;
            };
            let y = rect.min.y + layout.top(item) * scale;
            let h = (layout.height(item) * scale).max(2.0);
            let x = match side {
                Side::Old => rect.min.x,
                Side::New => rect.min.x + half,
            };
            let mark = Rect::from_min_size(Pos2::new(x, y), Vec2::new(half, h));
            painter.rect_filled(mark, CornerRadius::ZERO, ink_of(palette, change.kind, side));
        }
    }
    let visible = Rect::from_min_max(
        Pos2::new(rect.min.x, rect.min.y + view.scroll_offset * scale),
        Pos2::new(
            rect.max.x,
            rect.min.y + (view.scroll_offset + view.viewport_height) * scale,
        ),
    );
    painter.rect(
        visible,
        CornerRadius::same(2),
        ui.visuals().text_color().gamma_multiply(0.12),
        Stroke::new(1.0, ui.visuals().text_color().gamma_multiply(0.6)),
        StrokeKind::Inside,
    );
    if (response.clicked() || response.dragged())
        && let Some(pos) = response.interact_pointer_pos()
    {
        let y = (pos.y - rect.min.y) / scale - view.viewport_height / 2.0;
        actions.push(Action::ScrollTo(
            y.clamp(0.0, (total - view.viewport_height).max(0.0)),
        ));
    }
    actions
}
