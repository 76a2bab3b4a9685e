//! A font for the window's tests of Hebrew and Arabic text.

/// Gives egui DejaVu Sans (cut down to Hebrew and Arabic, tests/fixtures/fonts) after its own
/// fonts, as the window finds a system font for scripts egui's fonts lack.
pub fn add_right_to_left_font(ctx: &egui::Context) {
    let font = include_bytes!("../fixtures/fonts/DejaVuSans-hebrew-arabic.ttf");
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "dejavu",
        egui::FontData::from_static(font),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        }],
    ));
}
