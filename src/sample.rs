//! The bundled sample: two real versions of one news article (Bloomberg, November 2023), shown
//! on first launch so a new user sees the main job at once, and used as the first test case.

use crate::document::Document;

/// The older version of the sample article.
pub const OLD_TEXT: &str = include_str!("../assets/samples/article-v1.txt");
/// The newer version of the sample article.
pub const NEW_TEXT: &str = include_str!("../assets/samples/article-v2.txt");

/// The older version as a document named like the file it came from.
pub fn old() -> Document {
    Document::from_text("article-v1.txt (sample)", OLD_TEXT)
}

/// The newer version as a document.
pub fn new() -> Document {
    Document::from_text("article-v2.txt (sample)", NEW_TEXT)
}
