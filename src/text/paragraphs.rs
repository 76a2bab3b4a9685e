//! Paragraph detection that is blind to layout.
//!
//! Rules, in order (each is tested in `tests/engine/segmentation.rs` on the sample article):
//! 1. A blank line always ends a paragraph.
//! 2. A Markdown heading, list item, block quote, table row or rule starts a paragraph, and a
//!    heading also ends one. As in CommonMark, a numbered item interrupts prose only when it is
//!    numbered 1, so a wrapped line that happens to start with "2022." stays in its paragraph.
//! 3. A block of lines that contains a line longer than [`MAX_WRAP_WIDTH`] is not hard-wrapped:
//!    each line is a paragraph (article-v2.txt is written this way). Neither is a block whose
//!    lines are all shorter than [`MIN_WRAP_WIDTH`].
//! 4. Otherwise the block may be hard-wrapped at the width of its longest line. A line break is
//!    kept as a paragraph break only where the next line's first word would have fitted on the
//!    line before: a wrapping editor would have put it there. A news credit line starting with
//!    `--` or `—` ("--With assistance from …") always starts a paragraph.

use super::tokens::word_count;

/// Lines longer than this (in characters) are never the result of hard wrapping.
pub const MAX_WRAP_WIDTH: usize = 100;

/// Nobody hard-wraps prose this narrow: a block whose longest line is shorter is one paragraph
/// per line (a list of names, a poem, a file of one word per line).
pub const MIN_WRAP_WIDTH: usize = 20;

/// What a paragraph is, as far as the layout tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// Ordinary prose.
    Text,
    /// A Markdown heading (`# Title`).
    Heading,
    /// A Markdown list item (`- item`, `1. item`).
    ListItem,
    /// A Markdown block quote (`> quoted`).
    Quote,
}

/// One paragraph of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text with line breaks and runs of whitespace folded to single spaces, trimmed.
    pub text: String,
    /// The 1-based line of the source on which the paragraph starts.
    pub line: usize,
    /// Heading, list item, quote or prose.
    pub kind: ParagraphKind,
    /// The number of words in it.
    pub words: usize,
}

/// Splits decoded text into paragraphs (see the module documentation for the rules).
///
/// ```
/// let text = "A hard-wrapped paragraph that\ngoes on.\n\n# A heading\nNext paragraph.";
/// let paragraphs = redline::text::segment(text);
/// let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
/// assert_eq!(texts, ["A hard-wrapped paragraph that goes on.", "# A heading", "Next paragraph."]);
/// ```
pub fn segment(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            segment_block(&block, &mut out);
            block.clear();
        } else {
            block.push((index + 1, line));
        }
    }
    segment_block(&block, &mut out);
    out
}

/// Splits one run of non-blank lines into paragraphs.
fn segment_block(block: &[(usize, &str)], out: &mut Vec<Paragraph>) {
    let widths: Vec<usize> = block.iter().map(|(_, l)| width(l)).collect();
    let width = widths.iter().copied().max().unwrap_or(0);
    let may_be_wrapped = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width);

    let mut current: Option<Builder> = None;
    for (i, &(line_no, line)) in block.iter().enumerate() {
        let kind = markdown_kind(line);
        let starts_new = match &current {
            None => true,
            Some(b) => {
                // As in CommonMark, "2022. Xi said" wrapped onto a new line does not start a
                // list: a numbered item interrupts prose only when it is numbered 1.
                let interrupts = kind.is_some()
                    && (b.kind == ParagraphKind::ListItem
                        || !is_numbered(line)
                        || starts_with_one(line));
                interrupts
                    || b.kind == ParagraphKind::Heading
                    || !may_be_wrapped
                    || is_credit_line(line)
                    || widths[i - 1] + 1 + first_word_width(line) <= width
            }
        };
        if starts_new {
            if let Some(b) = current.take() {
                out.push(b.finish());
            }
            current = Some(Builder::new(line_no, kind.unwrap_or(ParagraphKind::Text)));
        }
        if let Some(b) = current.as_mut() {
            b.push_line(line);
        }
    }
    if let Some(b) = current {
        out.push(b.finish());
    }
}

/// Accumulates lines of one paragraph, folding whitespace as it goes.
struct Builder {
    text: String,
    line: usize,
    kind: ParagraphKind,
}

impl Builder {
    fn new(line: usize, kind: ParagraphKind) -> Self {
        Self {
            text: String::new(),
            line,
            kind,
        }
    }

    fn push_line(&mut self, line: &str) {
        let line = line.trim();
        // Most lines need no folding: take them whole.
        if !needs_folding(line) {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(line);
            return;
        }
        for word in line.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
    }

    fn finish(self) -> Paragraph {
        Paragraph {
            words: word_count(&self.text),
            text: self.text,
            line: self.line,
            kind: self.kind,
        }
    }
}

/// The Markdown block a line starts, if any.
fn markdown_kind(line: &str) -> Option<ParagraphKind> {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Some(ParagraphKind::Heading);
    }
    if t.starts_with('>') {
        return Some(ParagraphKind::Quote);
    }
    if ["- ", "* ", "+ "].iter().any(|m| t.starts_with(m)) {
        return Some(ParagraphKind::ListItem);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    {
        return Some(ParagraphKind::ListItem);
    }
    let rule = t.len() >= 3 && t.bytes().all(|b| matches!(b, b'-' | b'=' | b'*' | b'_'));
    if t.starts_with('|') || rule {
        return Some(ParagraphKind::Text);
    }
    None
}

fn starts_with_one(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("1.") || t.starts_with("1)")
}

fn is_numbered(line: &str) -> bool {
    line.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a trimmed line has whitespace other than single spaces.
fn needs_folding(line: &str) -> bool {
    // Every line of both files goes through here: scans without early exits, which the compiler
    // turns into vector code, are ten times faster than a loop that stops at the first hit.
    let (control, lead) = line.bytes().fold((false, false), |(control, lead), b| {
        (
            // \t \n \v \f \r
            control | (b.wrapping_sub(b'\t') < 5),
            // Lead bytes of the multi-byte spaces (U+0085, U+00A0, U+1680, U+2000…, U+3000).
            lead | matches!(b, 0xc2 | 0xe1..=0xe3),
        )
    });
    control || line.contains("  ") || lead && line.contains(|c: char| c.is_whitespace() && c != ' ')
}

/// "--With assistance from …", "— Reporting by …": credit lines that close news articles.
fn is_credit_line(line: &str) -> bool {
    let t = line.trim_start();
    let rest = t
        .strip_prefix("--")
        .or_else(|| t.strip_prefix('—'))
        .or_else(|| t.strip_prefix('–'));
    rest.is_some_and(|r| r.trim_start().starts_with(char::is_alphabetic))
}

fn first_word_width(line: &str) -> usize {
    line.split_whitespace().next().map_or(0, width)
}

/// A line's width in characters (what a wrapping editor counts).
fn width(line: &str) -> usize {
    if line.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        segment(text).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn blank_lines_and_whitespace_runs_are_folded() {
        assert_eq!(
            texts("\n\n  one\t two  \n\n\n three \n"),
            ["one two", "three"]
        );
        // Every kind of whitespace folds: vertical tab, no-break, em and ideographic spaces.
        assert_eq!(
            texts("a\u{b}b\u{a0}c\u{2003}d\u{3000}e \u{85}f"),
            ["a b c d e f"]
        );
        // Other characters with the same lead bytes are not whitespace.
        assert_eq!(texts("café — “ok” 世界"), ["café — “ok” 世界"]);
    }

    #[test]
    fn records_start_lines_and_kinds() {
        let p = segment("# Title\n\n- item one\n- item two\n");
        assert_eq!(
            p.iter().map(|p| (p.line, p.kind)).collect::<Vec<_>>(),
            [
                (1, ParagraphKind::Heading),
                (3, ParagraphKind::ListItem),
                (4, ParagraphKind::ListItem)
            ]
        );
    }

    #[test]
    fn narrow_blocks_are_one_paragraph_per_line() {
        assert_eq!(texts("Xi\nPutin\nVolodin\n"), ["Xi", "Putin", "Volodin"]);
    }

    #[test]
    fn credit_lines_stand_alone_in_wrapped_text() {
        let text = "More: China’s Selling So Much to Russia That Containers Are Piling Up\n--With assistance from Evelyn Yu.\n(Updates with details of Xi’s meeting with Volodin.)";
        assert_eq!(texts(text).len(), 3);
    }
}
