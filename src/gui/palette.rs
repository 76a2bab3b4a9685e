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
        find: Color32::from_rgb(0x6B, 0x5A, 0x10),
        find_current: Color32::from_rgb(0xB0, 0x6A, 0x00),
        current: Color32::from_rgb(0xE0, 0xE0, 0xE0),
    };

    /// The palette that suits the current visuals.
    pub fn of(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }
}
