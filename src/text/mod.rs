//! Segmentation: decoded text → paragraphs → words.
//!
//! An article is paragraphs, not lines. [`segment`] finds the same paragraphs in the same prose
//! whatever its layout: one paragraph per line with or without blank lines between, hard-wrapped
//! lines, or Markdown headings and lists. Paragraph text has its line breaks and whitespace runs
//! folded to single spaces, so re-wrapping is never a change.

mod paragraphs;
mod tokens;

use std::sync::Arc;

pub use paragraphs::{Paragraph, ParagraphKind, segment};
pub(crate) use tokens::each_token;
pub use tokens::{Token, tokens, word_count};

use std::path::Path;

use crate::document::{BlockKind, Document, LoadError, LoadOptions, MarkedBlock, SourceInfo};

/// Whether `byte` occurs twice in a row in `bytes` (two spaces in a line, two hyphens in a
/// word). Every line and paragraph of both files is asked: not `str::contains`, whose substring
/// searcher costs more to set up than a line takes to scan, nor a loop that stops at the first
/// hit, which the compiler cannot turn into vector code (paragraph keys took five times as long
/// that way).
pub(crate) fn has_doubled(bytes: &[u8], byte: u8) -> bool {
    (bytes.iter().zip(bytes.get(1..).unwrap_or_default()))
        .fold(false, |found, (&a, &b)| found | (a == byte) & (b == byte))
}

/// Gives the paragraphs that start the blocks a .docx or .odt marks as headings or list items
/// that kind. Both lists are in the order of the text: one walk.
fn mark_blocks(paragraphs: &mut [Paragraph], marked: &[MarkedBlock]) {
    let mut rest = paragraphs.iter_mut().peekable();
    for block in marked {
        while rest.next_if(|p| p.line < block.line).is_some() {}
        let Some(p) = rest.next_if(|p| p.line == block.line) else {
            continue;
        };
        (p.kind, p.level) = match block.kind {
            BlockKind::Heading(level) => (ParagraphKind::Heading, level),
            BlockKind::ListItem => (ParagraphKind::ListItem, 0),
        };
    }
}

/// One version of an article, segmented: what the comparison reads and every view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where the text came from and how it was read.
    pub source: SourceInfo,
    /// The paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// The number of words in all paragraphs.
    pub words: usize,
}

impl Article {
    /// Segments a loaded document. The document's text is consumed: the paragraphs hold what
    /// is needed afterwards.
    pub fn from_document(document: Document) -> Self {
        let mut paragraphs = segment(&document.text);
        mark_blocks(&mut paragraphs, &document.marked);
        let words = paragraphs.iter().map(|p| p.words).sum();
        Self {
            source: document.source,
            paragraphs,
            words,
        }
    }

    /// Loads and segments a file: the first two stages of the pipeline in one call.
    pub fn load(path: &Path, options: &LoadOptions) -> Result<Self, LoadError> {
        Document::load(path, options).map(Self::from_document)
    }

    /// Loads and segments two files at once, one per core.
    pub fn load_pair(
        old_path: &Path,
        new_path: &Path,
        options: &LoadOptions,
    ) -> (Result<Self, LoadError>, Result<Self, LoadError>) {
        crate::parallel::join(
            || Self::load(old_path, options),
            || Self::load(new_path, options),
        )
    }

    /// Convenience for tests and pasted text: segments `text` under the given name.
    pub fn from_text(name: &str, text: &str) -> Self {
        Self::from_document(Document::from_text(name, text))
    }

    /// Wraps the article for sharing between a comparison and the views that outlive it.
    pub fn shared(self) -> Arc<Self> {
        Arc::new(self)
    }
}
