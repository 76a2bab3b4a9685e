//! The window icon: Redline's icon (assets/icons), decoded from the PNG embedded in the binary.

use std::sync::Arc;

/// The icon at a size every desktop scales well from.
const PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/app.redline.Redline.png");

/// The window icon, or `None` if the embedded PNG cannot be decoded (the window then opens with
/// the desktop's default icon rather than not at all).
pub fn window_icon() -> Option<Arc<egui::IconData>> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(PNG));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let pixels = &buf[..info.buffer_size()];
    let rgba = match info.color_type {
        png::ColorType::Rgba => pixels.to_vec(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        _ => return None,
    };
    Some(Arc::new(egui::IconData {
        rgba,
        width: info.width,
        height: info.height,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_its_size() {
        let icon = window_icon();
        assert!(
            icon.as_ref().is_some_and(|i| i.width == 128
                && i.height == 128
                && i.rgba.len() == 128 * 128 * 4)
        );
    }
}
