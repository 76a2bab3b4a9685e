//! The PDF engine's side: opens a PDF with hayro and collects every page's glyphs with their
//! position, size and text. Nothing here decides words, lines or reading order; that is
//! [`super::layout`], which can therefore be tested without PDFs.

use hayro_interpret::font::Glyph as EngineGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::Dict;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask, interpret_page,
};

use super::Unreadable;

/// The most pages Redline reads from one PDF: far beyond any article or report, and a bound on
/// the work a hostile page tree can ask for.
pub(crate) const MAX_PAGES: usize = 5_000;

/// The most glyphs Redline collects from one PDF, about two thousand pages of dense text.
pub(crate) const MAX_GLYPHS: usize = 8_000_000;

/// One glyph drawn on a page, in PDF user space (points, y growing upwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The text it stands for: usually one character, several for a ligature, U+FFFD when the
    /// font does not say.
    pub text: String,
    /// Where its baseline starts.
    pub x: f32,
    /// Where its advance ends: the next glyph of the same word starts about here.
    pub end: f32,
    /// The baseline's height on the page.
    pub y: f32,
    /// The font size in points.
    pub size: f32,
}

/// One page's glyphs, in the order the page draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    /// The page's visible area: its crop box.
    pub bottom: f32,
    /// The top of the crop box.
    pub top: f32,
    /// The glyphs, except those a tagged PDF marks as artifacts (running headers and footers,
    /// page numbers).
    pub glyphs: Vec<Glyph>,
}

/// Every page's glyphs, and how many glyphs had no known text.
#[derive(Debug, Default)]
pub(crate) struct Glyphs {
    /// The pages, first to last.
    pub pages: Vec<Page>,
    /// Glyphs whose font does not say which character they draw.
    pub unmapped: usize,
    /// All glyphs.
    pub total: usize,
    /// Images drawn: a PDF of images and no glyphs is a scan.
    pub images: usize,
}

/// Opens a PDF and collects its glyphs, page by page.
pub(crate) fn collect(bytes: Vec<u8>) -> Result<Glyphs, Unreadable> {
    let pdf = Pdf::new(bytes).map_err(|error| match error {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => Unreadable::Password,
        LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => {
            Unreadable::Damaged("it is encrypted in a way Redline cannot read".to_owned())
        }
        LoadPdfError::Decryption(_) => {
            Unreadable::Damaged("its encryption settings are broken".to_owned())
        }
        LoadPdfError::Invalid => Unreadable::Damaged(
            "its structure (the cross-reference table or the page tree) is broken".to_owned(),
        ),
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(Unreadable::Damaged("it has no pages".to_owned()));
    }
    if pages.len() > MAX_PAGES {
        return Err(Unreadable::TooManyPages(pages.len()));
    }
    let cache = InterpreterCache::new();
    // Only the page's own content: annotations (form fields, stamps, comments) are not the
    // article's text.
    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..Default::default()
    };
    let mut glyphs = Glyphs::default();
    for page in pages.iter() {
        let crop = page.crop_box();
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(crop.x0, crop.y0, crop.x1, crop.y1),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut collector = Collector {
            budget: MAX_GLYPHS.saturating_sub(glyphs.total),
            ..Collector::default()
        };
        interpret_page(page, &mut context, &mut collector);
        glyphs.total += collector.glyphs.len() + collector.artifacts;
        glyphs.unmapped += collector.unmapped;
        glyphs.images += collector.images;
        if collector.over_budget {
            return Err(Unreadable::TooManyGlyphs);
        }
        glyphs.pages.push(Page {
            bottom: crop.y0.min(crop.y1) as f32,
            top: crop.y0.max(crop.y1) as f32,
            glyphs: collector.glyphs,
        });
    }
    Ok(glyphs)
}

/// A hayro device that keeps glyphs and ignores everything else a page draws.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    /// For each open marked-content sequence, whether it is an `/Artifact`.
    marked: Vec<bool>,
    artifacts: usize,
    unmapped: usize,
    images: usize,
    budget: usize,
    over_budget: bool,
}

impl<'a> Device<'a> for Collector {
    fn draw_glyph_run(
        &mut self,
        run: &hayro_interpret::font::GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        _mode: &DrawMode,
    ) {
        // Invisible text (render mode 3) is kept: it is the text layer OCR puts over a scan.
        let artifact = self.marked.iter().any(|&a| a);
        for glyph in run.glyphs() {
            if self.glyphs.len() + self.artifacts >= self.budget {
                self.over_budget = true;
                return;
            }
            if artifact {
                self.artifacts += 1;
                continue;
            }
            // Glyph space is 1/1000 of an em; the transform takes it to the page.
            let to_page = props.transform * glyph.transform();
            let origin = to_page * Point::ZERO;
            let [a, b, c, d, _, _] = to_page.as_coeffs();
            let size = ((a * d - b * c).abs().sqrt() * 1000.0) as f32;
            let advance = match &**glyph {
                EngineGlyph::Outline(outline) => outline.advance_width(),
                EngineGlyph::Type3(type3) => type3.advance_width(),
            }
            .filter(|advance| advance.is_finite() && *advance > 0.0)
            .unwrap_or(500.0);
            let end = to_page * Point::new(f64::from(advance), 0.0);
            let text = match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    '\u{fffd}'.to_string()
                }
            };
            if !(origin.x.is_finite() && origin.y.is_finite() && size.is_finite()) {
                continue;
            }
            self.glyphs.push(Glyph {
                text,
                x: origin.x as f32,
                end: end.x as f32,
                y: origin.y as f32,
                size,
            });
        }
    }

    fn begin_marked_content(&mut self, tag: &[u8], _properties: Option<&Dict<'_>>) {
        self.marked.push(tag == b"Artifact");
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }

    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        // Counted, never decoded.
        self.images += 1;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
