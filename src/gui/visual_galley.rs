//! Laying out text with right-to-left lines in the order it is drawn.
//!
//! A paragraph without right-to-left text goes to egui as it is. One with it is broken into
//! lines here (egui's own breaking counts a glyph per character, which its shaper does not keep
//! for right-to-left runs), each line is cut into [`Unit`]s in the order the bidirectional
//! algorithm draws them ([`super::bidi`]), egui lays out each unit, and the units' meshes are
//! put side by side into one galley: a glyph per character, left to right, so egui's clicks,
//! hovering and selection work on it as on any text. Lines of a right-to-left paragraph are set
//! flush right. The galley's text is then in drawn order; [`VisualOrder`] maps it back.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{
    ByteIndex, FontsView, Glyph, LayoutJob, LayoutSection, PlacedRow, Row, RowVisuals,
};
use egui::epaint::{Galley, Mesh};
use egui::{Pos2, Rect, Vec2};
use unicode_bidi::BidiInfo;
use unicode_segmentation::UnicodeSegmentation;

use super::bidi::{DrawnLine, Unit, VisualOrder, display_units, has_right_to_left};

/// Lays out `job`: as egui does for left-to-right text; in drawn order, with the way back to
/// the stored order, when it has right-to-left text.
pub fn lay_out(
    fonts: &mut FontsView<'_>,
    job: LayoutJob,
) -> (Arc<Galley>, Option<Arc<VisualOrder>>) {
    if job.sections.is_empty() || !has_right_to_left(&job.text) {
        return (fonts.layout_job(job), None);
    }
    let mut composer = Composer {
        fonts,
        job: &job,
        pieces: HashMap::new(),
    };
    match composer.compose() {
        Some((galley, order)) => (Arc::new(galley), Some(Arc::new(order))),
        None => (fonts.layout_job(job), None),
    }
}

/// One laid-out line: its units from left to right, and whether it ends a paragraph.
struct Line {
    units: Vec<Unit>,
    /// Where the line starts in the text (for the format of an empty line).
    start: usize,
    /// The offset of the `\n` after it, if a paragraph ends there.
    newline: Option<usize>,
    /// Whether its paragraph runs right to left, and so is set flush right.
    right_to_left: bool,
}

struct Composer<'a, 'f> {
    fonts: &'a mut FontsView<'f>,
    job: &'a LayoutJob,
    /// Pieces already laid out, by text and section: a paragraph repeats its spaces and many of
    /// its words, and asking egui again costs a job, a hash and a lookup each time.
    pieces: HashMap<(String, usize), Arc<Galley>>,
}

impl Composer<'_, '_> {
    /// The galley in drawn order, or `None` if egui gave a galley without a row (it does not).
    fn compose(&mut self) -> Option<(Galley, VisualOrder)> {
        let text = self.job.text.as_str();
        let info = BidiInfo::new(text, None);
        let mut lines = Vec::new();
        for paragraph in &info.paragraphs {
            let range = paragraph.range.clone();
            let end = if text[range.clone()].ends_with('\n') {
                range.end - 1
            } else {
                range.end
            };
            let breaks = self.break_lines(range.start..end);
            let count = breaks.len();
            for (i, line) in breaks.into_iter().enumerate() {
                let job = self.job;
                let units = display_units(&info, paragraph, line.clone(), |o| section_of(job, o));
                lines.push(Line {
                    units,
                    start: line.start,
                    newline: (i + 1 == count && end < range.end).then_some(end),
                    right_to_left: paragraph.level.is_rtl(),
                });
            }
        }
        // egui ends a text that ends with a line break with an empty row.
        if lines.last().is_some_and(|l| l.newline.is_some()) {
            lines.push(Line {
                units: Vec::new(),
                start: text.len(),
                newline: None,
                right_to_left: false,
            });
        }

        let wrap = self.job.wrap.max_width;
        let mut template: Option<Arc<Galley>> = None;
        let mut rows = Vec::with_capacity(lines.len());
        let mut y = 0.0;
        for line in &lines {
            let (row, galley) = self.line_row(line)?;
            template.get_or_insert(galley);
            let x = if line.right_to_left && wrap.is_finite() {
                (wrap - row.size.x).max(0.0)
            } else {
                0.0
            };
            let height = row.size.y;
            rows.push(PlacedRow {
                pos: Pos2::new(x, y),
                row: Arc::new(row),
                ends_with_newline: line.newline.is_some(),
            });
            y += height;
        }

        let order = VisualOrder::new(
            text.to_owned(),
            &lines
                .iter()
                .map(|l| DrawnLine {
                    chars: l
                        .units
                        .iter()
                        .flat_map(|u| u.chars.iter().copied())
                        .collect(),
                    newline: l.newline,
                })
                .collect::<Vec<_>>(),
        );
        // Any galley egui made serves as the frame (its private fields are egui's own); all
        // that is seen is replaced.
        let mut galley = template.map_or_else(
            || (*self.fonts.layout_job(self.job.clone())).clone(),
            |g| (*g).clone(),
        );
        let mut job = self.job.clone();
        job.text.clone_from(&order.visual);
        job.sections = vec![LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(0)..ByteIndex(order.visual.len()),
            format: self.job.sections[0].format.clone(),
        }];
        galley.job = Arc::new(job);
        galley.elided = false;
        galley.rect = Rect::ZERO;
        galley.mesh_bounds = Rect::NOTHING;
        galley.num_vertices = 0;
        galley.num_indices = 0;
        for row in &rows {
            galley.rect |= row.rect();
            galley.mesh_bounds |= row.visuals.mesh_bounds.translate(row.pos.to_vec2());
            galley.num_vertices += row.visuals.mesh.vertices.len();
            galley.num_indices += row.visuals.mesh.indices.len();
        }
        if wrap.is_finite() && lines.iter().any(|l| l.right_to_left) {
            galley.rect.max.x = galley.rect.max.x.max(wrap);
        }
        galley.rows = rows;
        Some((galley, order))
    }

    /// Lays out `text` (a piece of the job's text, or a unit's) on one line, each character
    /// with the format of the job's section `formats` gives for its byte offset in `text`.
    fn lay_out_piece(&mut self, text: &str, formats: impl Fn(usize) -> usize) -> Arc<Galley> {
        let mut piece = LayoutJob::default();
        piece.wrap.max_width = f32::INFINITY;
        let mut start = 0;
        let mut section = None;
        for (i, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let here = (i < text.len()).then(|| formats(i));
            if here != section || i == text.len() {
                if let Some(s) = section.filter(|_| start < i) {
                    piece.append(&text[start..i], 0.0, self.job.sections[s].format.clone());
                }
                start = i;
                section = here;
            }
        }
        self.fonts.layout_job(piece)
    }

    /// `text` in the format of the job's `section`, laid out on one line.
    fn piece(&mut self, text: &str, section: usize) -> Arc<Galley> {
        if let Some(galley) = self.pieces.get(&(text.to_owned(), section)) {
            return Arc::clone(galley);
        }
        let galley = self.lay_out_piece(text, |_| section);
        self.pieces
            .insert((text.to_owned(), section), Arc::clone(&galley));
        galley
    }

    /// The width of the job's text `range` on one line.
    fn width(&mut self, range: Range<usize>) -> f32 {
        if range.is_empty() {
            return 0.0;
        }
        let job = self.job;
        let start = range.start;
        let section = section_of(job, start);
        if section_of(job, range.end - 1) == section {
            return self.piece(&job.text[range], section).size().x;
        }
        let galley = self.lay_out_piece(&job.text[range], |i| section_of(job, start + i));
        galley.size().x
    }

    /// Breaks the paragraph `range` into lines no wider than the job's wrap width: after the
    /// spaces that end a word, or inside a word wider than a line.
    fn break_lines(&mut self, range: Range<usize>) -> Vec<Range<usize>> {
        let wrap = self.job.wrap.max_width;
        let text = &self.job.text[range.clone()];
        if !wrap.is_finite() || text.is_empty() {
            return vec![range];
        }
        let mut lines = Vec::new();
        let mut start = range.start;
        let mut x = 0.0;
        for word in text
            .split_word_bound_indices()
            .collect::<Vec<_>>()
            .chunk_by(|a, b| {
                // A word and the spaces after it.
                !a.1.chars().all(char::is_whitespace) || b.1.chars().all(char::is_whitespace)
            })
        {
            let first = range.start + word[0].0;
            let spaces = word
                .iter()
                .rposition(|(_, w)| !w.chars().all(char::is_whitespace))
                .map_or(first, |k| range.start + word[k].0 + word[k].1.len());
            let end = word
                .last()
                .map_or(first, |(i, w)| range.start + i + w.len());
            let width = self.width(first..spaces);
            if x > 0.0 && x + width > wrap {
                lines.push(start..first);
                start = first;
                x = 0.0;
            }
            if width > wrap {
                // Too wide for any line: broken between characters.
                for (i, g) in self.job.text[first..spaces].grapheme_indices(true) {
                    let at = first + i;
                    let w = self.width(at..at + g.len());
                    if x > 0.0 && x + w > wrap {
                        lines.push(start..at);
                        start = at;
                        x = 0.0;
                    }
                    x += w;
                }
            } else {
                x += width;
            }
            x += self.width(spaces..end);
        }
        lines.push(start..range.end);
        lines
    }

    /// One line as a row: its units laid out by egui and set side by side. Returns the row
    /// and a galley egui made for it.
    fn line_row(&mut self, line: &Line) -> Option<(Row, Arc<Galley>)> {
        let job = self.job;
        let mut parts = Parts::default();
        let mut first: Option<Arc<Galley>> = None;
        let mut laid = Vec::with_capacity(line.units.len());
        for unit in &line.units {
            let Some(&(offset, _)) = unit.chars.first() else {
                continue;
            };
            let section = section_of(job, offset);
            let galley = self.piece(&unit.job_text(), section);
            first.get_or_insert_with(|| Arc::clone(&galley));
            laid.push(galley);
        }
        let height = laid
            .iter()
            .filter_map(|g| g.rows.first())
            .map(|r| r.size.y)
            .fold(0.0_f32, f32::max);
        for (unit, galley) in line.units.iter().zip(&laid) {
            if let Some(row) = galley.rows.first() {
                parts.add(unit, row, height - row.size.y);
            }
        }
        let template = match first {
            Some(g) => g,
            None => {
                // An empty line is as tall as a space in the format where it is.
                let section = section_of(job, line.start);
                self.lay_out_piece(" ", |_| section)
            }
        };
        let mut row = (*template.rows.first()?.row).clone();
        let height = if line.units.is_empty() {
            row.size.y
        } else {
            height
        };
        parts.finish(&mut row, height);
        Some((row, template))
    }
}

/// The number of `job`'s section (format) at byte `offset`.
fn section_of(job: &LayoutJob, offset: usize) -> usize {
    job.sections
        .partition_point(|s| s.byte_range.end.0 <= offset)
        .min(job.sections.len().saturating_sub(1))
}

/// A line's meshes being put together: backgrounds, then glyphs, then underlines and
/// strike-throughs, as egui orders them (selection is drawn between backgrounds and glyphs).
#[derive(Default)]
struct Parts {
    backgrounds: Mesh,
    glyph_mesh: Mesh,
    lines: Mesh,
    glyphs: Vec<Glyph>,
    x: f32,
}

impl Parts {
    /// Adds a unit laid out as `row`, lowered by `dy` to share the line's baseline.
    fn add(&mut self, unit: &Unit, row: &Row, dy: f32) {
        let visuals = &row.visuals;
        let mesh = &visuals.mesh;
        let glyph_vertices = visuals.glyph_vertex_range.clone();
        let offset = Vec2::new(self.x, dy);
        let glyph_base = self.glyph_mesh.vertices.len() as u32;
        copy_triangles(mesh, &mut self.backgrounds, 0..glyph_vertices.start, offset);
        copy_triangles(mesh, &mut self.glyph_mesh, glyph_vertices.clone(), offset);
        copy_triangles(
            mesh,
            &mut self.lines,
            glyph_vertices.end..mesh.vertices.len(),
            offset,
        );
        self.glyph_mesh.texture_id = mesh.texture_id;
        self.backgrounds.texture_id = mesh.texture_id;
        self.lines.texture_id = mesh.texture_id;

        // A glyph per character drawn. egui's glyphs are taken when they are the characters
        // in order; otherwise (a ligature, marks in a cluster) the unit's width is shared out.
        let shown: Vec<char> = unit.chars.iter().map(|&(_, c)| c).collect();
        let n = shown.len();
        let matches =
            row.glyphs.len() >= n && row.glyphs.iter().zip(&shown).all(|(g, c)| g.chr == *c);
        let width = row.size.x;
        let quads = glyph_vertices.len() as u32;
        for (k, &c) in shown.iter().enumerate() {
            let Some(mut glyph) = row.glyphs.get(if matches { k } else { 0 }).copied() else {
                continue;
            };
            if !matches {
                glyph.pos.x = width * k as f32 / n as f32;
                glyph.advance_width = width / n as f32;
                glyph.first_vertex = glyph_vertices.start as u32 + (4 * k as u32).min(quads);
            }
            glyph.chr = c;
            glyph.pos.x += self.x;
            glyph.pos.y += dy;
            glyph.first_vertex = glyph
                .first_vertex
                .saturating_sub(glyph_vertices.start as u32)
                + glyph_base;
            self.glyphs.push(glyph);
        }
        self.x += width;
    }

    /// Makes `row` this line: its glyphs, size and one mesh.
    fn finish(self, row: &mut Row, height: f32) {
        let background_vertices = self.backgrounds.vertices.len() as u32;
        let glyph_index_start = self.backgrounds.indices.len();
        let mut mesh = self.backgrounds;
        let glyphs_start = mesh.vertices.len();
        mesh.append(self.glyph_mesh);
        let glyphs_end = mesh.vertices.len();
        mesh.append(self.lines);
        row.glyphs = self.glyphs;
        for glyph in &mut row.glyphs {
            glyph.first_vertex += background_vertices;
        }
        row.size = Vec2::new(self.x, height);
        row.visuals = RowVisuals {
            mesh_bounds: mesh.calc_bounds(),
            mesh,
            glyph_index_start,
            glyph_vertex_range: glyphs_start..glyphs_end,
        };
    }
}

/// Copies the triangles of `from` whose vertices are in `vertices` into `to`, moved by
/// `offset`.
fn copy_triangles(from: &Mesh, to: &mut Mesh, vertices: Range<usize>, offset: Vec2) {
    if vertices.is_empty() {
        return;
    }
    let base = to.vertices.len() as u32;
    to.vertices
        .extend(from.vertices[vertices.clone()].iter().map(|v| {
            let mut v = *v;
            v.pos += offset;
            v
        }));
    let start = vertices.start as u32;
    for triangle in from.indices.chunks_exact(3) {
        if triangle.iter().all(|&i| vertices.contains(&(i as usize))) {
            to.indices
                .extend(triangle.iter().map(|&i| i - start + base));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use egui::{Color32, FontId};
    use unicode_script::{Script, UnicodeScript};

    /// A context whose fonts fall back to DejaVu Sans for Hebrew and Arabic, as the window
    /// finds a system font for them.
    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        let data = include_bytes!("../../tests/fixtures/fonts/DejaVuSans-hebrew-arabic.ttf");
        let mut fonts = egui::FontDefinitions::default();
        fonts
            .font_data
            .insert("dejavu".into(), Arc::new(egui::FontData::from_static(data)));
        for family in fonts.families.values_mut() {
            family.push("dejavu".into());
        }
        ctx.set_fonts(fonts);
        // Fonts exist only after a first pass; its texture upload is not needed here.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    fn job(text: &str, wrap: f32) -> LayoutJob {
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap;
        job.append(
            text,
            0.0,
            egui::TextFormat::simple(FontId::proportional(14.0), Color32::WHITE),
        );
        job
    }

    /// Real sentences nobody here wrote: Debian's Hebrew and Arabic translations, half of them
    /// with English words or numbers in them (tests/fixtures/scripts/make_fixtures.py).
    fn sentences() -> Vec<&'static str> {
        include_str!("../../tests/fixtures/scripts/rtl-he.txt")
            .lines()
            .chain(include_str!("../../tests/fixtures/scripts/rtl-ar.txt").lines())
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The promise the composing rests on: egui's shaper draws each unit's text in the order
    /// the unit says (right-to-left letters reversed by the shaper itself, the rest as given).
    /// A unit the shaper draws in clusters (marks on a letter, or Arabic's lam-alef ligature,
    /// one glyph for two letters) is placed by its width instead, and must be one of those.
    #[test]
    fn egui_draws_every_unit_of_real_sentences_in_the_predicted_order() {
        let ctx = context();
        let (mut units, mut exact) = (0, 0);
        for sentence in sentences() {
            let info = BidiInfo::new(sentence, None);
            let paragraph = &info.paragraphs[0];
            for unit in display_units(&info, paragraph, 0..sentence.len(), |_| 0) {
                let galley = ctx.fonts_mut(|f| f.layout_job(job(&unit.job_text(), f32::INFINITY)));
                let drawn: Vec<char> = galley.rows[0].glyphs.iter().map(|g| g.chr).collect();
                let shown: Vec<char> = unit.chars.iter().map(|&(_, c)| c).collect();
                units += 1;
                if drawn.starts_with(&shown) {
                    exact += 1;
                } else {
                    let marks = shown
                        .iter()
                        .any(|c| matches!(c.script(), Script::Inherited));
                    let stored: Vec<char> = shown.iter().rev().copied().collect();
                    let lam_alef = stored
                        .windows(2)
                        .any(|w| w[0] == 'ل' && matches!(w[1], 'ا' | 'أ' | 'إ' | 'آ'));
                    assert!(
                        marks || lam_alef,
                        "{sentence:?}: egui drew {drawn:?} for {shown:?}"
                    );
                }
            }
        }
        eprintln!("{exact} of {units} units drawn glyph for glyph as predicted");
        assert!(exact * 10 >= units * 9, "{exact} of {units}");
    }

    /// At any width: a glyph per character, left to right, each row the width allows, lines of
    /// a right-to-left paragraph flush right, and the characters read back in stored order.
    #[test]
    fn real_sentences_are_laid_out_in_drawn_order_at_any_width() {
        let ctx = context();
        let all = sentences();
        // Single sentences, and a cell of several paragraphs as the panes join them.
        let cell = all[..6].join(crate::compare::PARAGRAPH_SEPARATOR);
        for text in all.iter().copied().chain([cell.as_str()]) {
            for wrap in [90.0, 250.0, 600.0, f32::INFINITY] {
                let (galley, order) = ctx.fonts_mut(|f| lay_out(f, job(text, wrap)));
                let order = order.expect("right-to-left text is reordered");
                let rows: Vec<String> = galley.rows.iter().map(|r| r.text()).collect();
                let mut visual = String::new();
                for (row, placed) in rows.iter().zip(&galley.rows) {
                    visual.push_str(row);
                    if placed.ends_with_newline {
                        visual.push('\n');
                    }
                }
                assert_eq!(visual, order.visual, "{text:?} at {wrap}");
                assert_eq!(galley.text(), order.visual);
                let all_chars = order.visual.chars().count();
                assert_eq!(order.read(0..all_chars), text, "read back at {wrap}");
                let info = BidiInfo::new(text, None);
                let mut y = 0.0;
                for placed in &galley.rows {
                    let xs: Vec<f32> = placed.glyphs.iter().map(|g| g.pos.x).collect();
                    assert!(
                        xs.windows(2).all(|w| w[0] <= w[1] + 0.01),
                        "{text:?}: {xs:?}"
                    );
                    assert!(placed.pos.y >= y - 0.01);
                    y = placed.pos.y + placed.size.y;
                    let several_words = placed.text().trim().contains(' ');
                    // Each unit's width is rounded to whole pixels, so a full row may pass the
                    // width by a pixel or two.
                    if wrap.is_finite() && several_words {
                        assert!(
                            placed.size.x <= wrap + 3.0,
                            "{text:?}: row {} > {wrap}",
                            placed.size.x
                        );
                    }
                }
                // Each row of a right-to-left paragraph ends at the right edge.
                if wrap.is_finite() && info.paragraphs.iter().all(|p| p.level.is_rtl()) {
                    for placed in galley.rows.iter().filter(|r| !r.glyphs.is_empty()) {
                        let right = placed.pos.x + placed.size.x;
                        assert!(
                            right >= wrap - 0.5 || placed.size.x > wrap,
                            "{text:?} at {wrap}: {right}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn left_to_right_text_is_left_to_egui() {
        let ctx = context();
        let text = "The mayor said forty people came. Ünïcödé, Ελληνικά, 中文.";
        let (galley, order) = ctx.fonts_mut(|f| lay_out(f, job(text, 200.0)));
        assert!(order.is_none());
        let plain = ctx.fonts_mut(|f| f.layout_job(job(text, 200.0)));
        assert_eq!(galley, plain);
    }

    #[test]
    fn the_word_marks_keep_their_words_when_reordered() {
        // "the minister said" with "minister" inserted (underlined): the underline must be
        // under the word where it is drawn, the middle of the three.
        let ctx = context();
        let plain = egui::TextFormat::simple(FontId::proportional(14.0), Color32::WHITE);
        let mut marked = plain.clone();
        marked.underline = egui::Stroke::new(1.5, Color32::RED);
        let mut job = LayoutJob::default();
        job.wrap.max_width = 400.0;
        job.append("قال ", 0.0, plain.clone());
        job.append("الوزير", 0.0, marked);
        job.append(" أمس", 0.0, plain);
        let (galley, order) = ctx.fonts_mut(|f| lay_out(f, job));
        let order = order.unwrap();
        let row = &galley.rows[0];
        // The drawn word's glyphs, and where the red line is.
        let word: Vec<&Glyph> = row
            .glyphs
            .iter()
            .enumerate()
            .filter(|(k, _)| {
                let o = order.logical_offset(*k);
                ("قال ".len().."قال الوزير".len()).contains(&o)
            })
            .map(|(_, g)| g)
            .collect();
        let (left, right) = (word[0].pos.x, word.last().unwrap().max_x());
        let red: Vec<f32> = row
            .visuals
            .mesh
            .vertices
            .iter()
            .filter(|v| v.color == Color32::RED)
            .map(|v| v.pos.x)
            .collect();
        assert!(!red.is_empty());
        let (min, max) = red
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(
            (min - left).abs() < 2.0 && (max - right).abs() < 2.0,
            "{min}..{max} vs {left}..{right}"
        );
        // And it is the middle word on screen, between the other two.
        assert!(left > 10.0 && right < row.size.x - 10.0);
    }
}
