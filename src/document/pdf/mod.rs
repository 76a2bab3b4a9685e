//! PDF input: the text of a PDF's pages as paragraphs in reading order.
//!
//! hayro (a pure-Rust PDF interpreter, the one Typst uses) gives every glyph with its position
//! and size ([`glyphs`]); Redline's own [`layout`] turns them into words, lines, columns and
//! paragraphs. hayro bounds nesting and recursion but not how far a compressed stream may
//! inflate, so the window and the command line read PDFs in a child process
//! ([`read_pdfs_in_child`]) that has a memory limit and a deadline: a hostile file ends that
//! process, never Redline.

mod child;
mod glyphs;
mod layout;

use std::path::PathBuf;
use std::sync::OnceLock;

use encoding_rs::Encoding;
use serde::{Deserialize, Serialize};

use super::error::Problem;
use super::{Format, LoadOptions, LoadWarning, Loaded};

pub use child::{CHILD_COMMAND, memory_limit, serve};

/// What the loader and its messages call a PDF.
pub(crate) const FORMAT: &str = "a PDF document";

/// The program that reads PDFs in a child process, once the binary has said which.
static CHILD_PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Makes every later PDF load run `program pdf-text` (Redline itself: [`CHILD_COMMAND`]) in a
/// child process with a memory limit and a deadline, instead of reading the PDF in this
/// process. The `redline` binary calls it at start-up; tests of hostile PDFs call it with the
/// built binary. Without it, PDFs are read in-process, which only trusted input should be.
pub fn read_pdfs_in_child(program: PathBuf) {
    // A second call keeps the first program: they are the same binary.
    let _ = CHILD_PROGRAM.set(program);
}

/// Whether bytes are a PDF: `%PDF-` within the first kilobyte, as readers accept it.
pub(crate) fn claims(start: &[u8]) -> bool {
    super::sniff::find(&start[..start.len().min(1024)], b"%PDF-").is_some()
}

/// Reads a PDF's text: in the child process if one is set, else here.
pub(crate) fn read(
    _name: &str,
    bytes: Vec<u8>,
    _forced: Option<&'static Encoding>,
    options: &LoadOptions,
) -> Result<Loaded, Problem> {
    let extracted = match CHILD_PROGRAM.get() {
        Some(program) => child::extract_in(program, bytes, options.max_bytes),
        None => extract_here(bytes),
    }
    .map_err(Unreadable::problem)?;
    Ok(Loaded {
        text: extracted.text,
        marked: Vec::new(),
        format: Format::Pdf,
        label: "PDF document".to_owned(),
        encoding: None,
        warnings: extracted.warnings.into_iter().map(LoadWarning).collect(),
    })
}

/// A PDF's text and what the user should know about how it was read.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Extracted {
    /// The paragraphs, separated by blank lines.
    text: String,
    /// Repairs and omissions, for people.
    warnings: Vec<String>,
}

/// Why a PDF's text cannot be had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Unreadable {
    /// It needs a password.
    Password,
    /// It draws no text: a scan, or pages of images.
    NoText {
        /// How many images its pages draw.
        images: usize,
    },
    /// Most of its glyphs come from fonts that do not say which characters they are.
    Unmapped {
        /// Glyphs without a character.
        unmapped: usize,
        /// All glyphs.
        total: usize,
    },
    /// Broken: why, for people.
    Damaged(String),
    /// More pages than Redline reads.
    TooManyPages(usize),
    /// More glyphs than Redline reads.
    TooManyGlyphs,
    /// The child process ran past its deadline, in seconds.
    TimedOut(u64),
    /// The child process ran out of its memory limit, in bytes.
    OutOfMemory(u64),
    /// The child process could not be started or did not answer.
    Reader(String),
}

impl Unreadable {
    /// The loader's problem, worded for the user.
    fn problem(self) -> Problem {
        let reason = match self {
            Self::Damaged(reason) => {
                return Problem::Damaged {
                    format: FORMAT,
                    reason,
                };
            }
            Self::Password => "it is password-protected; open it with its password in a PDF \
                               reader and save or print a copy without one"
                .to_owned(),
            Self::NoText { images } => format!(
                "it has no text layer{}; run OCR (for example ocrmypdf) and open the result",
                if images > 0 {
                    ": its pages are images, as a scan's are"
                } else {
                    ""
                }
            ),
            Self::Unmapped { unmapped, total } => format!(
                "its fonts do not say which letters {unmapped} of its {total} characters are, so \
                 its text cannot be read; run OCR (for example `ocrmypdf --force-ocr`) and open \
                 the result"
            ),
            Self::TooManyPages(pages) => format!(
                "it has {pages} pages, more than the {} Redline reads",
                glyphs::MAX_PAGES
            ),
            Self::TooManyGlyphs => format!(
                "it has more than {} characters, more than Redline reads",
                glyphs::MAX_GLYPHS
            ),
            Self::TimedOut(seconds) => format!(
                "reading its text took more than {seconds} seconds, far longer than a file of \
                 its size needs; it may be damaged or made to stall readers"
            ),
            Self::OutOfMemory(limit) => format!(
                "reading its text needed more than {} MiB of memory, far more than a file of \
                 its size needs (it may hold a \"decompression bomb\"); `--max-file-size` \
                 raises the limit with the file size limit",
                limit / (1024 * 1024)
            ),
            Self::Reader(why) => format!("Redline's PDF reader failed: {why}"),
        };
        Problem::Unreadable {
            format: FORMAT,
            reason,
        }
    }
}

/// Reads a PDF's text in this process; a panic in the engine becomes "damaged".
pub(crate) fn extract_here(bytes: Vec<u8>) -> Result<Extracted, Unreadable> {
    std::panic::catch_unwind(move || extract(bytes)).unwrap_or_else(|_| {
        Err(Unreadable::Damaged(
            "the PDF reader stopped on its structure".to_owned(),
        ))
    })
}

/// Glyphs, then paragraphs, then what to tell the user.
fn extract(bytes: Vec<u8>) -> Result<Extracted, Unreadable> {
    let glyphs = glyphs::collect(bytes)?;
    if glyphs.total == 0 {
        return Err(Unreadable::NoText {
            images: glyphs.images,
        });
    }
    if glyphs.unmapped * 2 > glyphs.total {
        return Err(Unreadable::Unmapped {
            unmapped: glyphs.unmapped,
            total: glyphs.total,
        });
    }
    let text = layout::paragraphs(&glyphs.pages);
    if text.paragraphs.is_empty() {
        return Err(Unreadable::NoText {
            images: glyphs.images,
        });
    }
    let mut warnings = Vec::new();
    if glyphs.unmapped > 0 {
        warnings.push(format!(
            "{} of its characters come from fonts that do not say which letters they are; \
             they show as \u{fffd}",
            glyphs.unmapped
        ));
    }
    if text.dropped > 0 {
        warnings.push(format!(
            "{} running header, footer and page number line{} left out",
            text.dropped,
            if text.dropped == 1 { " was" } else { "s were" }
        ));
    }
    Ok(Extracted {
        text: text.paragraphs.join("\n\n"),
        warnings,
    })
}
