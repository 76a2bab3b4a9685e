//! Row geometry: which items the panes show, how tall each is, and their cached text layouts.
//!
//! Only visible rows are laid out. Rows not yet laid out get an estimated height from their
//! length; a prefix sum of heights maps a scroll offset to the first visible row by binary
//! search, so a 10 MB pair scrolls like the sample. Layouts are cached per row and dropped when
//! the width, the font size, the theme, the find highlights or the comparison change.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, FontId, Galley};

use super::bidi::{VisualOrder, has_right_to_left};
use super::find::Find;
pub use super::folding::Item;
use super::folding::fold;
use super::highlight::cell_job;
use super::palette::Palette;
use super::visual_galley;
use crate::compare::{ChangeKind, Comparison, Side};

/// Space above and below the text of a row.
pub const PAD_Y: f32 = 6.0;
/// Space left and right of the text in a pane.
pub const PAD_X: f32 = 10.0;
/// Height reserved for a moved paragraph's marker button.
pub const MARKER_HEIGHT: f32 = 24.0;
/// Height of the line standing for folded unchanged paragraphs.
pub const FOLD_HEIGHT: f32 = 26.0;
/// Documents with at most this many rows are laid out in full at once: exact heights, no
/// estimates, no settling while scrolling.
const EAGER_ITEMS: usize = 1500;
/// Rows with right-to-left text cost about a hundred times as much to lay out (each line is put
/// in drawn order piece by piece, `visual_galley`): a document with more of them than this is
/// laid out as it is seen, as a long one is, so a frame stays short (BENCHMARKS.md).
const EAGER_RIGHT_TO_LEFT: usize = 60;

/// What the text of a pane looks like; any change invalidates the cached layouts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Width of one pane in points.
    pub pane_width: f32,
    /// Text size in points.
    pub font_size: f32,
    /// Text colour.
    pub text: Color32,
    /// The change colours.
    pub palette: Palette,
    /// Generation of the find highlights.
    pub find: u64,
    /// One column (the inline view) instead of two panes: `pane_width` is then its width.
    pub inline: bool,
    /// Whether sentences are shaded by age ([`RowLayout::set_ages`] gives their ages).
    pub ages: bool,
}

/// The laid-out text of both panes of a row.
#[derive(Debug, Clone)]
pub struct Cells {
    /// Old then new; `None` for a pane with nothing in it. The inline view's one column is the
    /// first.
    pub galleys: [Option<Arc<Galley>>; 2],
    /// For a galley with right-to-left lines, laid out in the order they are drawn: the way
    /// back to the stored text.
    pub orders: [Option<Arc<VisualOrder>>; 2],
}

/// Items, their heights and cached layouts.
#[derive(Debug, Default)]
pub struct RowLayout {
    /// (comparison generation, hide unchanged) the items were made for.
    items_key: Option<(u64, bool)>,
    style: Option<Style>,
    items: Vec<Item>,
    /// For each comparison row, the item that shows it (a fold for hidden rows).
    item_of_row: Vec<usize>,
    heights: Vec<f32>,
    exact: Vec<bool>,
    /// `tops[i]` is the offset of item `i`; the last entry is the total height.
    tops: Vec<f32>,
    tops_stale: bool,
    cells: HashMap<usize, Cells>,
    /// Average width of a character and height of a line, for estimates.
    metrics: (f32, f32),
    /// The length of each item's panes, counted once, for estimates.
    sizes: Vec<[Size; 2]>,
    /// Whether each item is an unchanged row (or a fold), for the inline view's estimates.
    unchanged: Vec<bool>,
    /// How many items have right-to-left text.
    right_to_left: usize,
    /// Runs of hidden rows the reader opened, shown while hiding stays on elsewhere, and the
    /// comparison generation they belong to (they are forgotten when it changes).
    opened: Vec<Range<usize>>,
    opened_generation: u64,
    /// The sentences' ages, when they are shaded by age.
    ages: Option<super::versions::Ages>,
}

/// How much text one pane of a row holds.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    chars: usize,
    paragraphs: usize,
    marker: bool,
    right_to_left: bool,
}

impl RowLayout {
    /// Gives the ages of the sentences shown, to shade them by (with [`Style::ages`] on).
    pub fn set_ages(&mut self, ages: Option<super::versions::Ages>) {
        self.ages = ages;
    }

    /// Brings items, heights and caches up to date for this frame.
    pub fn prepare(
        &mut self,
        ctx: &egui::Context,
        comparison: &Comparison,
        generation: u64,
        hide_unchanged: bool,
        style: Style,
        find: &Find,
    ) {
        let items_key = (generation, hide_unchanged);
        if self.opened_generation != generation {
            self.opened_generation = generation;
            self.opened.clear();
        }
        let items_changed = self.items_key != Some(items_key);
        if items_changed {
            self.items_key = Some(items_key);
            self.build_items(comparison, hide_unchanged);
        }
        let reshaped = self.style.is_none_or(|old| {
            old.pane_width != style.pane_width
                || old.font_size != style.font_size
                || old.inline != style.inline
        });
        if !items_changed && !reshaped && self.style != Some(style) {
            // Only colours or find highlights changed: heights stay, visible rows are laid out
            // again as they are drawn.
            self.style = Some(style);
            self.cells.clear();
        }
        if items_changed || reshaped {
            self.style = Some(style);
            self.cells.clear();
            let font = FontId::proportional(style.font_size);
            self.metrics = ctx.fonts_mut(|f| {
                let sample = "the quick brown fox jumps over a lazy dog, SAID 1234 PEOPLE.";
                let galley = f.layout_no_wrap(sample.to_owned(), font.clone(), Color32::WHITE);
                let width = galley.size().x / sample.chars().count() as f32;
                (width.max(1.0), f.row_height(&font))
            });
            for i in 0..self.items.len() {
                self.heights[i] = self.estimate(i);
                self.exact[i] = false;
            }
            self.tops_stale = true;
            if self.items.len() <= EAGER_ITEMS && self.right_to_left <= EAGER_RIGHT_TO_LEFT {
                for i in 0..self.items.len() {
                    self.lay_out(ctx, comparison, i, find);
                }
            }
        }
        self.refresh_tops();
    }

    /// Shows the hidden run of rows that holds `row`, if any, where it is, leaving the others
    /// hidden.
    pub fn open_run_at(&mut self, row: usize) {
        let run = (self.item_of_row.get(row)).and_then(|&item| match &self.items[item] {
            Item::Fold(rows) => Some(rows.clone()),
            Item::Row(_) => None,
        });
        let Some(run) = run else {
            return;
        };
        self.opened.push(run);
        // Built again next frame, with the same comparison.
        self.items_key = None;
    }

    fn build_items(&mut self, comparison: &Comparison, hide_unchanged: bool) {
        (self.items, self.item_of_row) = fold(&comparison.rows, hide_unchanged, &self.opened);
        self.sizes = self
            .items
            .iter()
            .map(|item| match item {
                Item::Fold(_) => [Size::default(); 2],
                Item::Row(r) => [Side::Old, Side::New].map(|side| {
                    let row = &comparison.rows[*r];
                    let paragraphs = &comparison.article(side).paragraphs[row.paragraphs(side)];
                    Size {
                        chars: paragraphs.iter().map(|p| p.text.chars().count()).sum(),
                        paragraphs: paragraphs.len(),
                        marker: moved_marker(comparison, *r, side).is_some(),
                        right_to_left: paragraphs.iter().any(|p| has_right_to_left(&p.text)),
                    }
                }),
            })
            .collect();
        self.right_to_left = self
            .sizes
            .iter()
            .filter(|sizes| sizes.iter().any(|s| s.right_to_left))
            .count();
        self.unchanged = self
            .items
            .iter()
            .map(|item| match item {
                Item::Fold(_) => true,
                Item::Row(r) => comparison.rows[*r].is_unchanged(),
            })
            .collect();
        self.heights = vec![0.0; self.items.len()];
        self.exact = vec![false; self.items.len()];
        self.cells.clear();
        self.tops_stale = true;
    }

    fn refresh_tops(&mut self) {
        if !self.tops_stale {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.tops_stale = false;
    }

    /// A height for an item not laid out yet, from its length.
    fn estimate(&self, item: usize) -> f32 {
        let (Some(style), Some(sizes)) = (self.style, self.sizes.get(item)) else {
            return FOLD_HEIGHT;
        };
        if matches!(self.items[item], Item::Fold(_)) {
            return FOLD_HEIGHT;
        }
        let (char_width, line_height) = self.metrics;
        let wrap = (style.pane_width - 2.0 * PAD_X).max(char_width * 4.0);
        let sizes = if style.inline {
            // One column: a changed row shows the words of both versions.
            let [old, new] = sizes;
            let changed = !self.items_row_unchanged(item);
            [
                Size {
                    chars: new.chars + if changed { old.chars } else { 0 },
                    paragraphs: new.paragraphs.max(old.paragraphs),
                    marker: old.marker || new.marker,
                    right_to_left: old.right_to_left || new.right_to_left,
                },
                Size::default(),
            ]
        } else {
            *sizes
        };
        let side_height = |size: &Size| {
            if size.paragraphs == 0 {
                return 0.0;
            }
            let paragraphs = size.paragraphs as f32;
            // Each paragraph's last line is half empty on average; a blank line separates them.
            let lines = size.chars as f32 * char_width / wrap + paragraphs * 0.5;
            let marker = if size.marker { MARKER_HEIGHT } else { 0.0 };
            (lines + 2.0 * (paragraphs - 1.0)).ceil() * line_height + marker
        };
        side_height(&sizes[0]).max(side_height(&sizes[1])) + 2.0 * PAD_Y
    }

    /// Lays out an item if it is not yet, with `find`'s matches highlighted; returns whether its
    /// height changed.
    fn lay_out(
        &mut self,
        ctx: &egui::Context,
        comparison: &Comparison,
        item: usize,
        find: &Find,
    ) -> bool {
        if self.cells.contains_key(&item) {
            return false;
        }
        let Some(style) = self.style else {
            return false;
        };
        let (cells, height) = match &self.items[item] {
            Item::Fold(_) => (
                Cells {
                    galleys: [None, None],
                    orders: [None, None],
                },
                FOLD_HEIGHT,
            ),
            Item::Row(r) if style.inline => {
                let wrap = (style.pane_width - 2.0 * PAD_X).max(20.0);
                let hits = find.hits_in(*r, Side::New);
                let job = super::inline::inline_job(comparison, *r, &style, wrap, &hits);
                let (galley, order) = match job {
                    Some(job) => {
                        let (galley, order) = ctx.fonts_mut(|f| visual_galley::lay_out(f, job));
                        (Some(galley), order)
                    }
                    None => (None, None),
                };
                let marker = [Side::Old, Side::New]
                    .into_iter()
                    .any(|side| moved_marker(comparison, *r, side).is_some());
                let marker = if marker { MARKER_HEIGHT } else { 0.0 };
                let height = galley.as_ref().map_or(0.0, |g| g.size().y) + marker;
                (
                    Cells {
                        galleys: [galley, None],
                        orders: [order, None],
                    },
                    height + 2.0 * PAD_Y,
                )
            }
            Item::Row(r) => {
                let wrap = (style.pane_width - 2.0 * PAD_X).max(20.0);
                let mut height: f32 = 0.0;
                let mut galleys = [None, None];
                let mut orders = [None, None];
                for (slot, side) in [Side::Old, Side::New].into_iter().enumerate() {
                    let hits = find.hits_in(*r, side);
                    let ages = match (&self.ages, style.ages) {
                        (Some(ages), true) => ages.ranges(comparison, *r, side),
                        _ => Vec::new(),
                    };
                    let cell = cell_job(comparison, *r, side, &style, wrap, &hits, &ages);
                    let Some(job) = cell else {
                        continue;
                    };
                    let (galley, order) = ctx.fonts_mut(|f| visual_galley::lay_out(f, job));
                    let marker = if moved_marker(comparison, *r, side).is_some() {
                        MARKER_HEIGHT
                    } else {
                        0.0
                    };
                    height = height.max(galley.size().y + marker);
                    galleys[slot] = Some(galley);
                    orders[slot] = order;
                }
                (Cells { galleys, orders }, height + 2.0 * PAD_Y)
            }
        };
        self.cells.insert(item, cells);
        let changed = !self.exact[item] || (self.heights[item] - height).abs() > 0.1;
        self.exact[item] = true;
        if (self.heights[item] - height).abs() > 0.1 {
            self.heights[item] = height;
            self.tops_stale = true;
        }
        changed
    }

    /// Lays out the items in `range`; returns how far the item `anchor` moved down as a result,
    /// so the caller can keep what the reader looks at in place.
    pub fn lay_out_range(
        &mut self,
        ctx: &egui::Context,
        comparison: &Comparison,
        range: Range<usize>,
        anchor: usize,
        find: &Find,
    ) -> f32 {
        let before = self.top(anchor);
        for item in range {
            self.lay_out(ctx, comparison, item, find);
        }
        // Cached layouts of rows far away are dropped so a long session does not hoard memory.
        if self.cells.len() > 4 * EAGER_ITEMS {
            let keep = anchor.saturating_sub(EAGER_ITEMS)..anchor + EAGER_ITEMS;
            self.cells.retain(|i, _| keep.contains(i));
        }
        self.refresh_tops();
        self.top(anchor) - before
    }

    fn items_row_unchanged(&self, item: usize) -> bool {
        self.unchanged.get(item).copied().unwrap_or(true)
    }

    /// The items, top to bottom.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The cached layouts of an item, if laid out.
    pub fn cells(&self, item: usize) -> Option<&Cells> {
        self.cells.get(&item)
    }

    /// The offset of an item's top from the top of the panes.
    pub fn top(&self, item: usize) -> f32 {
        self.tops.get(item).copied().unwrap_or(self.total_height())
    }

    /// Whether an item's height is measured rather than estimated.
    pub fn is_exact(&self, item: usize) -> bool {
        self.exact.get(item).copied().unwrap_or(false)
    }

    /// The height of an item.
    pub fn height(&self, item: usize) -> f32 {
        self.heights.get(item).copied().unwrap_or(0.0)
    }

    /// The height of all items.
    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The item that shows a comparison row (or the fold that hides it).
    pub fn item_of_row(&self, row: usize) -> Option<usize> {
        self.item_of_row.get(row).copied()
    }

    /// The items that overlap the offsets `from..to`.
    pub fn visible(&self, from: f32, to: f32) -> Range<usize> {
        if self.items.is_empty() {
            return 0..0;
        }
        // tops[i + 1] is the bottom of item i.
        let first = self.tops[1..].partition_point(|&bottom| bottom <= from);
        let last = self.tops[..self.items.len()].partition_point(|&top| top < to);
        first.min(self.items.len())..last.max(first).min(self.items.len())
    }
}

/// The row a moved paragraph shown on `side` of `row` links to, if it is one.
pub fn moved_marker(comparison: &Comparison, row: usize, side: Side) -> Option<usize> {
    let change = &comparison.changes[comparison.rows[row].change(side)?];
    if change.kind != ChangeKind::Moved || change.old_row == change.new_row {
        return None;
    }
    Some(match side {
        Side::Old => change.new_row,
        Side::New => change.old_row,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::text::Article;

    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        // Fonts exist only after a first pass; its texture upload is not needed here.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    fn style(find: &Find) -> Style {
        Style {
            pane_width: 400.0,
            font_size: 14.0,
            text: Color32::GRAY,
            palette: Palette::LIGHT,
            find: find.generation(),
            inline: false,
            ages: false,
        }
    }

    #[test]
    fn find_matches_are_highlighted_in_rows_laid_out_at_once() {
        let ctx = context();
        let old = Article::from_text("a", "Putin met Xi.\n\nThey spoke.").shared();
        let new = Article::from_text("b", "Putin met Xi again.\n\nThey spoke.").shared();
        let comparison = compare(old, new, &CompareOptions::default());
        let mut find = Find::default();
        find.open = true;
        find.set_query("spoke".to_owned());
        find.refresh(Some(&comparison), 1);
        assert_eq!(find.hits().len(), 2);
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let galley = layout.cells(1).unwrap().galleys[0].clone().unwrap();
        let backgrounds: Vec<Color32> = galley
            .job
            .sections
            .iter()
            .map(|s| s.format.background)
            .collect();
        assert!(
            backgrounds.contains(&Palette::LIGHT.find_current),
            "{backgrounds:?}"
        );
        // The current match is underlined, the others are not.
        for section in &galley.job.sections {
            let format = &section.format;
            if format.background == Palette::LIGHT.find_current {
                assert!(format.underline.width >= 2.0);
            } else if format.background == Palette::LIGHT.find {
                assert_eq!(format.underline.width, 0.0);
            }
        }
    }

    #[test]
    fn deleted_words_are_struck_through_and_inserted_words_underlined() {
        let ctx = context();
        let old = Article::from_text("a", "They met on Monday in Moscow.").shared();
        let new = Article::from_text("b", "They met on Tuesday in Moscow.").shared();
        let comparison = compare(old, new, &CompareOptions::default());
        let find = Find::default();
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let cells = layout.cells(0).unwrap();
        let marked = |slot: usize| -> Vec<(String, bool, bool)> {
            let galley = cells.galleys[slot].clone().unwrap();
            galley
                .job
                .sections
                .iter()
                .filter(|s| s.format.background != Color32::TRANSPARENT)
                .map(|s| {
                    let range = s.byte_range.start.0..s.byte_range.end.0;
                    let text = galley.job.text[range].to_owned();
                    (
                        text,
                        s.format.strikethrough.width > 0.0,
                        s.format.underline.width > 0.0,
                    )
                })
                .collect()
        };
        assert_eq!(marked(0), [("Monday".to_owned(), true, false)]);
        assert_eq!(marked(1), [("Tuesday".to_owned(), false, true)]);
    }

    #[test]
    fn every_line_of_a_wrapped_insertion_keeps_its_underline() {
        // The insertion wraps over several lines of a 400-point pane. Each line's background
        // used to reach a point above its line and paint over the underline of the line before.
        let ctx = context();
        let old = "The council met on Tuesday and voted to approve the new budget for the coming \
                   year, with several amendments proposed by the mayor.";
        let new = "The council met on Tuesday and, after a long debate that ran well into the night \
                   and drew a crowd of residents who had come to speak against the plan and its \
                   cuts to the library, voted to approve the new budget for the coming year, with \
                   several amendments proposed by the mayor.";
        let (old, new) = (Article::from_text("a", old), Article::from_text("b", new));
        let comparison = compare(old.shared(), new.shared(), &CompareOptions::default());
        let find = Find::default();
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let galley = layout.cells(0).unwrap().galleys[1].clone().unwrap();
        let p = Palette::LIGHT;
        // Per line: the lowest point of its underline and the highest of its word background
        // (untextured quads of those colours), in the galley's coordinates.
        let extent = |row: &egui::epaint::text::PlacedRow, color: Color32, lowest: bool| {
            let ys = (row.row.visuals.mesh.vertices.iter())
                .filter(|v| v.uv == egui::epaint::WHITE_UV && v.color == color)
                .map(|v| row.pos.y + v.pos.y);
            if lowest {
                ys.fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.max(y))))
            } else {
                ys.fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.min(y))))
            }
        };
        let lines = galley.rows.len();
        assert!(lines >= 3, "the insertion wraps: {lines} lines");
        let mut underlined = 0;
        for pair in galley.rows.windows(2) {
            let (Some(underline), Some(background)) = (
                extent(&pair[0], p.inserted_ink, true),
                extent(&pair[1], p.inserted_words, false),
            ) else {
                continue;
            };
            underlined += 1;
            assert!(
                underline <= background,
                "the next line's background (from y {background}) covers the underline (to y \
                 {underline})"
            );
        }
        assert!(underlined >= 2, "{underlined} lines checked");
    }

    #[test]
    fn visible_rows_are_found_by_offset() {
        let ctx = context();
        let text: Vec<String> = (0..50).map(|n| format!("Paragraph {n}.")).collect();
        let old = Article::from_text("a", &text.join("\n\n")).shared();
        let comparison = compare(Arc::clone(&old), old, &CompareOptions::default());
        let find = Find::default();
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let h = layout.height(0);
        assert!(h > 0.0);
        assert_eq!(layout.visible(0.0, h * 2.5), 0..3);
        assert_eq!(layout.visible(h * 10.0 + 1.0, h * 11.0), 10..11);
        assert!((layout.total_height() - 50.0 * h).abs() < 0.5);
    }

    #[test]
    fn estimated_heights_are_close_to_laid_out_ones() {
        let ctx = context();
        let words: Vec<&str> = crate::sample::OLD_TEXT.split_whitespace().collect();
        let text: Vec<String> = (0..EAGER_ITEMS + 200)
            .map(|n| {
                words
                    .iter()
                    .cycle()
                    .skip(n)
                    .take(10 + n % 90)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let article = Article::from_text("a", &text.join("\n\n")).shared();
        let comparison = compare(Arc::clone(&article), article, &CompareOptions::default());
        let find = Find::default();
        let mut layout = RowLayout::default();
        // More rows than are laid out at once: heights start as estimates.
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let estimated = layout.total_height();
        let all = 0..layout.items().len();
        layout.lay_out_range(&ctx, &comparison, all, 0, &find);
        let exact = layout.total_height();
        let error = (estimated - exact).abs() / exact;
        assert!(error < 0.1, "estimated {estimated}, laid out {exact}");
    }

    #[test]
    fn new_find_highlights_keep_heights_and_relayout_visible_rows() {
        let ctx = context();
        let old = Article::from_text("a", "Putin met Xi.\n\nThey spoke.").shared();
        let comparison = compare(Arc::clone(&old), old, &CompareOptions::default());
        let mut find = Find::default();
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        let height = layout.total_height();
        find.open = true;
        find.set_query("met".to_owned());
        find.refresh(Some(&comparison), 1);
        layout.prepare(&ctx, &comparison, 1, false, style(&find), &find);
        assert!(layout.cells(0).is_none(), "stale highlights are dropped");
        assert!(layout.is_exact(0) && layout.total_height() == height);
        layout.lay_out_range(&ctx, &comparison, 0..2, 0, &find);
        let galley = layout.cells(0).unwrap().galleys[0].clone().unwrap();
        assert!(
            galley
                .job
                .sections
                .iter()
                .any(|s| s.format.background == Palette::LIGHT.find_current)
        );
    }

    #[test]
    fn hiding_unchanged_folds_runs_but_not_a_lone_paragraph() {
        let ctx = context();
        let text = |edits: &[usize]| -> String {
            (0..9)
                .map(|n| {
                    if edits.contains(&n) {
                        format!("Edited paragraph {n}.")
                    } else {
                        format!("Paragraph {n}.")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let old = Article::from_text("a", &text(&[])).shared();
        let new = Article::from_text("b", &text(&[0, 4])).shared();
        let comparison = compare(old, new, &CompareOptions::default());
        let find = Find::default();
        let mut layout = RowLayout::default();
        layout.prepare(&ctx, &comparison, 1, true, style(&find), &find);
        let folds: Vec<Range<usize>> = layout
            .items()
            .iter()
            .filter_map(|i| match i {
                Item::Fold(rows) => Some(rows.clone()),
                Item::Row(_) => None,
            })
            .collect();
        // Rows 0–1 and 3–5 show (changes with one row of context); row 2 alone stays; 6–8 fold.
        assert_eq!(folds, vec![Range { start: 6, end: 9 }]);
    }
}
