//! The colours of changes, chosen to stay apart for colour-blind readers.
//!
//! Deleted is vermillion and inserted is blue (the Okabe–Ito pair that deuteranopes and
//! protanopes still tell apart), moved is reddish purple. Colour is never the only mark: deleted
//! words are also struck through, inserted words underlined, and whole paragraphs get a band with
//! an empty placeholder opposite.

use egui::Color32;

/// The colours one theme uses for changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Background of deleted words.
    pub deleted_words: Color32,
    /// Text, strike-through and gutter colour of deletions.
    pub deleted_ink: Color32,
    /// Background band of a deleted paragraph.
    pub deleted_band: Color32,
    /// Background of inserted words.
    pub inserted_words: Color32,
    /// Text, underline and gutter colour of insertions.
    pub inserted_ink: Color32,
    /// Background band of an inserted paragraph.
    pub inserted_band: Color32,
    /// Background band of a moved paragraph.
    pub moved_band: Color32,
    /// Marker and gutter colour of moves.
    pub moved_ink: Color32,
    /// Background of a find match.
    pub find: Color32,
    /// Background of the current find match.
    pub find_current: Color32,
    /// Background of the newest sentences when sentences are coloured by age (older ones get
    /// less of it, the first version's none).
    pub age: Color32,
    /// Outline of the current change.
    pub current: Color32,
}

impl Palette {
    /// The palette for a light background.
    pub const LIGHT: Self = Self {
        deleted_words: Color32::from_rgb(0xF8, 0xC9, 0xB8),
        deleted_ink: Color32::from_rgb(0x9A, 0x2B, 0x00),
        deleted_band: Color32::from_rgb(0xFC, 0xE6, 0xDD),
        inserted_words: Color32::from_rgb(0xBF, 0xDC, 0xF5),
        inserted_ink: Color32::from_rgb(0x00, 0x4A, 0x8C),
        inserted_band: Color32::from_rgb(0xE2, 0xEE, 0xFA),
        moved_band: Color32::from_rgb(0xF2, 0xE1, 0xEC),
        moved_ink: Color32::from_rgb(0x8E, 0x3A, 0x6E),
        find: Color32::from_rgb(0xFF, 0xE9, 0x8F),
        find_current: Color32::from_rgb(0xFF, 0xB3, 0x1F),
        age: Color32::from_rgb(0x9F, 0xDC, 0xB4),
        current: Color32::from_rgb(0x3A, 0x3A, 0x3A),
    };

    /// The palette for a dark background.
    pub const DARK: Self = Self {
        deleted_words: Color32::from_rgb(0x73, 0x2E, 0x18),
        deleted_ink: Color32::from_rgb(0xFF, 0xB8, 0x9E),
        deleted_band: Color32::from_rgb(0x3E, 0x24, 0x1C),
        inserted_words: Color32::from_rgb(0x16, 0x46, 0x73),
        inserted_ink: Color32::from_rgb(0xA6, 0xD2, 0xFF),
        inserted_band: Color32::from_rgb(0x1B, 0x2F, 0x44),
        moved_band: Color32::from_rgb(0x3D, 0x26, 0x37),
        moved_ink: Color32::from_rgb(0xE8, 0xA8, 0xD0),
        find: Color32::from_rgb(0x96, 0x80, 0x20),
        find_current: Color32::from_rgb(0xB0, 0x6A, 0x00),
        age: Color32::from_rgb(0x1E, 0x5C, 0x3A),
        current: Color32::from_rgb(0xE0, 0xE0, 0xE0),
    };

    /// The palette that suits the current visuals.
    pub fn of(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }
}

/// egui's visuals for a theme with text that every reader can read: at least 4.5:1 against
/// whatever it is drawn on (WCAG AA). egui's dark theme draws text at 4.1:1 on the change bands,
/// and weak text (file paths, word counts, hidden-run markers) at 2.7:1.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let (text, weak) = if dark { (160, 136) } else { (80, 100) };
    visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(text);
    visuals.weak_text_color = Some(Color32::from_gray(weak));
    visuals
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contrast ratio of two colours as WCAG defines it, from 1 (the same) to 21 (black on
    /// white).
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let channel = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_contrast_of_black_on_white_is_21_and_of_a_colour_on_itself_1() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_gray(27), Color32::from_gray(27)) - 1.0).abs() < 0.001);
        // A value from WCAG's own examples: #767676 on white is 4.54:1.
        let grey = contrast(Color32::from_gray(0x76), Color32::WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    /// Every text colour the window uses, on every background it is drawn on, in both themes.
    #[test]
    fn all_text_reaches_wcag_aa_contrast_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let p = Palette::of(dark);
            let (text, weak) = (v.text_color(), v.weak_text_color());
            let pairs = [
                ("text on the panels", text, v.panel_fill),
                ("text in windows", text, v.window_fill),
                ("weak text on the panels", weak, v.panel_fill),
                ("weak text in windows", weak, v.window_fill),
                ("weak text in text fields", weak, v.extreme_bg_color),
                ("text on a deleted paragraph", text, p.deleted_band),
                ("text on an inserted paragraph", text, p.inserted_band),
                ("text on a moved paragraph", text, p.moved_band),
                ("deleted words", p.deleted_ink, p.deleted_words),
                ("inserted words", p.inserted_ink, p.inserted_words),
                ("notices and moved markers", p.deleted_ink, v.panel_fill),
                ("moved markers", p.moved_ink, v.panel_fill),
                ("find matches", Color32::BLACK, p.find),
                ("the current find match", Color32::BLACK, p.find_current),
                (
                    "buttons",
                    v.widgets.inactive.text_color(),
                    v.widgets.inactive.weak_bg_fill,
                ),
                (
                    "selected buttons",
                    v.selection.stroke.color,
                    v.selection.bg_fill,
                ),
            ];
            // Buttons use button text, never weak text (the encoding menu's weak text was
            // 2.3:1 on its button in the dark theme).
            for (what, ink, background) in pairs {
                let ratio = contrast(ink, background);
                assert!(
                    ratio >= 4.5,
                    "{} theme, {what}: {ratio:.2}:1",
                    if dark { "dark" } else { "light" }
                );
            }
        }
    }
}
