//! The marked text of a pane: changed words struck through or underlined, find matches and a
//! clicked fact's words highlighted, headings larger. Pure text formatting for egui's layout:
//! no geometry, no caching (that is [`super::layout`]).

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use super::layout::Style;
use crate::compare::{ChangeKind, Comparison, EditOp, PARAGRAPH_SEPARATOR, Row, Side};
use crate::text::ParagraphKind;

/// How a stretch of text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Unchanged words.
    Plain,
    /// Deleted words: struck through.
    Deleted,
    /// Inserted words: underlined.
    Inserted,
}

/// How a piece of a pane's text is drawn: its mark, whether a find match (and the current
/// one) covers it, and whether it is in a heading.
pub fn text_format(style: &Style, mark: Mark, hit: Option<bool>, heading: bool) -> TextFormat {
    let p = style.palette;
    let size = if heading {
        (style.font_size * 1.25).round()
    } else {
        style.font_size
    };
    let mut format = TextFormat::simple(FontId::proportional(size), style.text);
    // A word's background is drawn a point inside its line, not a point beyond it as egui
    // draws it: beyond, each line's background painted over the underline of the line
    // above, and an insertion over several lines lost its mark on all but its last.
    format.expand_bg = -1.0;
    match mark {
        Mark::Plain => {}
        Mark::Deleted => {
            format.color = p.deleted_ink;
            format.background = p.deleted_words;
            format.strikethrough = Stroke::new(1.5, p.deleted_ink);
        }
        Mark::Inserted => {
            format.color = p.inserted_ink;
            format.background = p.inserted_words;
            format.underline = Stroke::new(1.5, p.inserted_ink);
        }
    }
    if let Some(current) = hit {
        format.background = if current { p.find_current } else { p.find };
        format.color = Color32::BLACK;
        // Told from the other matches by more than a shade: a thick underline.
        if current {
            format.underline = Stroke::new(2.5, style.text);
        }
    }
    format
}

/// The text of one pane of a row with its changed words marked, or `None` for an empty pane.
pub fn cell_job(
    comparison: &Comparison,
    row: usize,
    side: Side,
    style: &Style,
    wrap: f32,
    hits: &[(Range<usize>, bool)],
    ages: &[(Range<usize>, f32)],
) -> Option<LayoutJob> {
    let r: &Row = &comparison.rows[row];
    let paragraphs = r.paragraphs(side);
    if paragraphs.is_empty() {
        return None;
    }
    let text = comparison.text(side, paragraphs.clone());
    let marks = word_marks(comparison, r, side, text.len());
    // Where each paragraph starts in the joined text, and whether it is a heading.
    let mut starts = Vec::with_capacity(paragraphs.len());
    let mut offset = 0;
    for p in &comparison.article(side).paragraphs[paragraphs] {
        starts.push((offset, p.kind == ParagraphKind::Heading));
        offset += p.text.len() + PARAGRAPH_SEPARATOR.len();
    }
    let mut bounds: Vec<usize> = vec![0, text.len()];
    bounds.extend(starts.iter().map(|&(start, _)| start.min(text.len())));
    bounds.extend(marks.iter().flat_map(|(r, _)| [r.start, r.end]));
    bounds.extend(hits.iter().flat_map(|(r, _)| [r.start, r.end]));
    bounds.extend(ages.iter().flat_map(|(r, _)| [r.start, r.end]));
    bounds.retain(|&b| text.is_char_boundary(b));
    bounds.sort_unstable();
    bounds.dedup();

    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    // Marks and hits are sorted and the pieces come in order: walk both lists once.
    let (mut next_mark, mut next_hit, mut next_age) = (0, 0, 0);
    for pair in bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        while marks.get(next_mark).is_some_and(|(r, _)| r.end <= a) {
            next_mark += 1;
        }
        while hits.get(next_hit).is_some_and(|(r, _)| r.end <= a) {
            next_hit += 1;
        }
        let mark = marks
            .get(next_mark)
            .filter(|(r, _)| r.start <= a)
            .map_or(Mark::Plain, |(_, m)| *m);
        let hit = hits.get(next_hit).filter(|(r, _)| r.start <= a);
        while ages.get(next_age).is_some_and(|(r, _)| r.end <= a) {
            next_age += 1;
        }
        let age = ages.get(next_age).filter(|(r, _)| r.start <= a);
        let paragraph = starts
            .partition_point(|&(start, _)| start <= a)
            .saturating_sub(1);
        let heading = starts.get(paragraph).is_some_and(|&(_, h)| h);
        let mut format = text_format(style, mark, hit.map(|(_, current)| *current), heading);
        // Changed words and find matches keep their own colours over a sentence's age.
        if let Some((_, age)) = age.filter(|_| format.background == Color32::TRANSPARENT) {
            format.background = style.palette.age.gamma_multiply(*age);
        }
        job.append(piece, 0.0, format);
    }
    Some(job)
}

/// The changed words of one pane of a row, as sorted byte ranges into its text.
fn word_marks(
    comparison: &Comparison,
    row: &Row,
    side: Side,
    len: usize,
) -> Vec<(Range<usize>, Mark)> {
    let Some(change) = row.change(side).map(|c| &comparison.changes[c]) else {
        return Vec::new();
    };
    if !matches!(change.kind, ChangeKind::Changed | ChangeKind::Moved) {
        return Vec::new();
    }
    change
        .edits
        .iter()
        .filter_map(|e| {
            let (range, mark) = match (side, e.op) {
                (Side::Old, EditOp::Delete) => (e.old.clone(), Mark::Deleted),
                (Side::New, EditOp::Insert) => (e.new.clone(), Mark::Inserted),
                _ => return None,
            };
            (range.end <= len && !range.is_empty()).then_some((range, mark))
        })
        .collect()
}
