//! Paragraph detection that is blind to layout.
//!
//! Rules, in order (each is tested in `tests/engine/segmentation.rs` and on the real texts of
//! `tests/fixtures/corpus`):
//! 1. A blank line always ends a paragraph.
//! 2. A Markdown heading, list item, block quote, table row or rule starts a paragraph, and a
//!    heading also ends one. As in CommonMark, a numbered item interrupts prose only when it is
//!    numbered 1, so a wrapped line that happens to start with "2022." stays in its paragraph.
//!    A line indented under a list item continues the item.
//! 3. The wrap width belongs to the file, not to one block: it is estimated from the lines that
//!    are followed by another line of their block ([`wrap_width`]), ignoring lines made long by
//!    one overlong token (a URL). A file whose lines do not gather under one width, or whose
//!    width is outside [`MIN_WRAP_WIDTH`]..=[`MAX_WRAP_WIDTH`], is not hard-wrapped: each line
//!    is a paragraph (article-v2.txt is written this way). So is a block whose lines run past the
//!    file's width as often as not.
//! 4. In a hard-wrapped block a line break is soft, whatever tool wrapped it (greedy or
//!    optimal-fit wrappers like fmt and par, or a hand): it is kept as a paragraph break only
//!    where the line before is clearly short, leaving room for the next word and a good part of
//!    the width more (unless the next line is indented less: the first line of a paragraph
//!    indented on its own, as fmt wraps it), or before a news credit line starting with `--` or
//!    `—` ("--With assistance from …"). A short block indented deep (a centred title over its
//!    version line) is kept line by line. Indentation alone does not break a paragraph: tools
//!    indent continuation lines every way (fmt keeps a no-break-space indent as words).
//!
//! Whatever this decides, the comparison never counts a paragraph break as a change: text broken
//! differently on the two sides is compared on its words (`compare::reflow`).

use super::tokens::word_count;

/// Lines longer than this (in characters) are never the result of hard wrapping: prose wrapped at
/// up to 200 columns, plus room for its indentation.
pub const MAX_WRAP_WIDTH: usize = 240;

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
    /// A heading's level, 1 to 6 (a Markdown heading's number of `#`, a .docx or .odt heading's
    /// own level); 0 for any other paragraph.
    pub level: u8,
    /// The number of words in it.
    pub words: usize,
}

/// One non-blank line of the source: its number, its text without trailing whitespace, and its
/// width in characters. A file has one of these per line, a good part of the peak memory of
/// loading it, so numbers and widths are kept in 32 bits (past 4 billion lines or characters in a
/// line, far beyond the default size limit, they read as the largest number).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number_u32: u32,
    text: &'a str,
    width_u32: u32,
}

impl Line<'_> {
    fn number(&self) -> usize {
        self.number_u32 as usize
    }

    fn width(&self) -> usize {
        self.width_u32 as usize
    }
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
    // Sized once: grown by doubling, the list would hold up to twice its lines, and copy them.
    let mut lines: Vec<Line> = Vec::with_capacity(count_newlines(text.as_bytes()) + 1);
    // Where each block (a run of non-blank lines) ends in `lines`.
    let mut block_ends: Vec<usize> = Vec::new();
    // `memchr` finds each line end with the widest vector instructions the processor has (the
    // standard library's splitting looks a word at a time).
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for (index, end) in ends.enumerate() {
        // A line break is ASCII: both ends are character boundaries.
        let line = text.get(from..end).unwrap_or_default();
        from = end + 1;
        let line = trim_end(line);
        // What is left ends with a character that is not whitespace, if with any.
        if line.is_empty() {
            if block_ends.last().copied().unwrap_or(0) < lines.len() {
                block_ends.push(lines.len());
            }
        } else {
            lines.push(Line {
                number_u32: u32::try_from(index + 1).unwrap_or(u32::MAX),
                text: line,
                width_u32: u32::try_from(width(line)).unwrap_or(u32::MAX),
            });
        }
    }
    if block_ends.last().copied().unwrap_or(0) < lines.len() {
        block_ends.push(lines.len());
    }
    let file_width = wrap_width(&lines, &block_ends);
    let mut out = Vec::new();
    let mut start = 0;
    for &end in &block_ends {
        segment_block(&lines[start..end], file_width, &mut out);
        start = end;
    }
    out
}

/// The number of line feeds in `bytes`, counted in blocks small enough for a byte-wide counter
/// per lane, which the compiler turns into vector code.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum()
}

/// The width a file is hard-wrapped at, or `None` when its lines do not gather under one width
/// (one paragraph per line) or there are too few to tell.
///
/// Only lines followed by another line of their block say anything: a paragraph's last line is
/// as short as it happens to be. Lines of one token (a URL longer than the width) are left out.
/// The width is the 90th percentile of the rest, so a few overlong lines do not set it; and most
/// lines of wrapped text reach most of that width, which one-paragraph-per-line text does not.
fn wrap_width(lines: &[Line], block_ends: &[usize]) -> Option<usize> {
    let mut widths: Vec<usize> = Vec::new();
    let mut start = 0;
    for &end in block_ends {
        if end - start > 1 {
            let from = widths.len();
            widths.extend(
                lines[start..end - 1]
                    .iter()
                    .filter(|l| l.text.trim_start().contains(char::is_whitespace))
                    .map(|l| l.width()),
            );
            // A long block whose own lines do not gather under one width (paragraphs one per
            // line without blank lines between) says nothing about the wrapped ones.
            if widths.len() - from >= 3 && gathered(&mut widths[from..]).is_none() {
                widths.truncate(from);
            }
        }
        start = end;
    }
    if widths.len() < 3 {
        return None;
    }
    gathered(&mut widths).filter(|w| (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(w))
}

/// The width lines gather under (their 90th percentile, so a few overlong lines do not set it),
/// if most of them reach most of it, as wrapped lines do.
fn gathered(widths: &mut [usize]) -> Option<usize> {
    let at = (widths.len() * 9 / 10).min(widths.len().checked_sub(1)?);
    let (_, &mut width, _) = widths.select_nth_unstable(at);
    let full = widths.iter().filter(|&&w| w * 10 >= width * 7).count();
    (full * 10 >= widths.len() * 7).then_some(width)
}

/// Whether a line is too long for a file wrapped at `wrap`: well past it, and not because of
/// one overlong token.
fn overflows(line: &Line, wrap: usize) -> bool {
    if line.width() <= wrap + wrap / 8 + 2 {
        return false;
    }
    // As long in bytes as in characters: ASCII, whose tokens are found a byte at a time (every
    // line of a file of one paragraph per line comes here).
    if line.text.len() == line.width() {
        let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
        return line
            .text
            .as_bytes()
            .split(space)
            .all(|t| t.len() < wrap / 2);
    }
    line.text.split_whitespace().all(|t| width(t) < wrap / 2)
}

/// Splits one run of non-blank lines into paragraphs.
fn segment_block(block: &[Line], file_width: Option<usize>, out: &mut Vec<Paragraph>) {
    // Without enough lines in the file to tell, the block's own longest line is the width. (A
    // block narrower than the file is measured against the file: its short lines are an
    // address, a listing or a poem more often than text wrapped narrower.)
    let width = file_width.unwrap_or_else(|| block.iter().map(|l| l.width()).max().unwrap_or(0));
    let wrapped = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width)
        && (file_width.is_some() || block.len() > 1)
        // One line past the width is a hand edit (a year added to a copyright line); lines
        // followed by another line that run past it as often as not are paragraphs of their
        // own. (A last line past the estimate says the estimate, made from few lines, is low.)
        && {
            let followed = &block[..block.len().saturating_sub(1)];
            followed.iter().filter(|l| overflows(l, width)).count() * 2 < followed.len().max(1)
        };
    // A few short lines all indented deep are a title block ("GNU GENERAL PUBLIC LICENSE" over
    // "Version 3, 29 June 2007", centred) or a displayed quotation or code: line by line.
    let page = file_width.unwrap_or(width);
    let display = block.len() <= DISPLAY_LINES
        && block.iter().all(|l| {
            let left = indent(l.text);
            left >= DISPLAY_INDENT && (l.width() - left) * 10 <= page * 6
        });
    // A break leaves "clearly" room when the next word and this much more would have fitted.
    let room = (width * 3 / 10).max(10);

    let full = |l: &Line| l.width() + room > width;
    let mut current: Option<Builder> = None;
    // Whether the paragraph being built has a line that leaves no clear room.
    let mut has_full = false;
    // The last line so far indented at all (kept as we go: looking back for it from each line
    // would be quadratic in a block of lines at the margin).
    let mut last_indented: Option<&str> = None;
    for (i, line) in block.iter().enumerate() {
        let kind = markdown_kind(line.text);
        let depth = indent(line.text);
        let starts_new = match &current {
            None => true,
            Some(b) => {
                let previous = &block[i - 1];
                // As in CommonMark, "2022. Xi said" wrapped onto a new line does not start a
                // list: an ordered item interrupts prose only with its first label ("1.", "a)"),
                // and inside a list only right after the item it follows.
                let interrupts = kind.is_some()
                    && list_marker(line.text.trim_start())
                        .is_none_or(|m| m.interrupts(list_marker(b.first_line.trim_start())));
                let continues_item = b.kind == ParagraphKind::ListItem
                    && kind.is_none()
                    && depth > indent(b.first_line);
                // A short line before a shallower one is the first line of a paragraph whose
                // first line is indented (as fmt wraps it), not a paragraph of its own.
                let short = previous.width() + 1 + first_word_width(line.text) + room <= width
                    && depth >= indent(previous.text)
                    // A tool that would not join these two lines explains the short one, unless
                    // they are a listing ("/dists/stable -> bullseye/"), which stays line by line.
                    && !((indented_alike_with_other_spaces(previous.text, line.text)
                        || fmt_remnant(last_indented, previous.text))
                        && (has_full
                            || full(line)
                            || block.get(i + 1).is_some_and(full)
                            || ends_like_prose(previous.text)));
                interrupts
                    || b.kind == ParagraphKind::Heading
                    || is_credit_line(line.text)
                    || display
                    || (!continues_item && (!wrapped || short))
            }
        };
        if starts_new {
            has_full = false;
            if let Some(b) = current.take() {
                out.push(b.finish(&block[..i]));
            }
            current = Some(Builder {
                first_line: line.text,
                start: i,
                line: line.number(),
                kind: kind.unwrap_or(ParagraphKind::Text),
            });
        }
        has_full |= full(line);
        if depth > 0 {
            last_indented = Some(line.text);
        }
    }
    if let Some(b) = current {
        out.push(b.finish(block));
    }
}

/// A block of at most this many lines, each indented at least [`DISPLAY_INDENT`] and shorter
/// than most of the page, is display text: titles, a short quotation or code, line by line.
const DISPLAY_LINES: usize = 4;
const DISPLAY_INDENT: usize = 8;

/// How far a line is indented, in characters (a tab, a no-break space or any other space
/// counts one).
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// Whether two lines are indented alike to the eye but with other characters, one of them with
/// no-break spaces (the Debian FAQ indents lines with "\u{a0}\u{a0}\u{a0} "). fmt and par take a
/// no-break space for a letter, so they never join such lines and leave the line before as short
/// as it happens to be: its length says nothing about a paragraph break.
fn indented_alike_with_other_spaces(a: &str, b: &str) -> bool {
    let lead = |s: &'_ str| s.len() - s.trim_start().len();
    let (x, y) = (&a[..lead(a)], &b[..lead(b)]);
    x != y && indent(a) == indent(b) && (x.contains('\u{a0}') || y.contains('\u{a0}'))
}

/// Whether a line ends as a line of prose does: with a word or a sentence's punctuation, not with
/// the slash, bracket or symbol a listing's line may end with.
fn ends_like_prose(line: &str) -> bool {
    line.trim_end()
        .ends_with(|c: char| c.is_alphanumeric() || ".,;:!?)\"'”’»".contains(c))
}

/// Whether `line`, not indented, is what fmt wrapped off the end of a line indented with
/// no-break spaces, `indented` being the last indented line before it in its block: taking them
/// for a word, fmt gives that line no indent and its continuation none either
/// ("\u{a0}\u{a0}\u{a0}  this document under the", "conditions for verbatim copying,",
/// "provided", then the paragraph goes on indented).
fn fmt_remnant(indented: Option<&str>, line: &str) -> bool {
    indent(line) == 0 && indented.is_some_and(|l| l.starts_with('\u{a0}'))
}

/// A paragraph being found: where it starts, and what the lines after it are measured against.
struct Builder<'a> {
    /// The paragraph's first line: its list marker is the one a following item must continue,
    /// and its indentation the one a list item's continuation lines go deeper than.
    first_line: &'a str,
    /// Its first line's index in the block.
    start: usize,
    line: usize,
    kind: ParagraphKind,
}

impl Builder<'_> {
    /// The paragraph of its first line and the rest of `block` after it, its whitespace folded.
    /// Its text is allocated once, at the length of its lines: grown line by line, tens of
    /// thousands of paragraphs were copied several times each and kept up to twice the memory
    /// they need.
    fn finish(self, block: &[Line]) -> Paragraph {
        let lines = &block[self.start..];
        let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
        for line in lines {
            push_line(&mut text, line.text);
        }
        let level = if self.kind == ParagraphKind::Heading {
            let hashes = self
                .first_line
                .trim_start()
                .bytes()
                .take_while(|&b| b == b'#');
            u8::try_from(hashes.count()).unwrap_or(6).clamp(1, 6)
        } else {
            0
        };
        Paragraph {
            words: word_count(&text),
            text,
            line: self.line,
            kind: self.kind,
            level,
        }
    }
}

/// Appends a line to a paragraph's text, folding its whitespace.
fn push_line(text: &mut String, line: &str) {
    // Lines come without trailing whitespace.
    let line = line.trim_start();
    // Most lines need no folding: take them whole.
    if !needs_folding(line) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
        return;
    }
    for word in line.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
}

/// A line without its trailing whitespace. Every line of both files comes here, and nearly all
/// end with a printable ASCII character, which is told by one byte without decoding any.
fn trim_end(line: &str) -> &str {
    match line.as_bytes().last() {
        Some(b'!'..=b'~') => line,
        _ => line.trim_end(),
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
    if list_marker(t).is_some() {
        return Some(ParagraphKind::ListItem);
    }
    let rule = t.len() >= 3 && t.bytes().all(|b| matches!(b, b'-' | b'=' | b'*' | b'_'));
    if t.starts_with('|') || rule {
        return Some(ParagraphKind::Text);
    }
    None
}

/// A list item's marker. A bullet or the first label of an ordered list ("1.", "a)", "(i)") may
/// interrupt prose; a later label ("2022.", "B.") starts an item only right after the item it
/// follows ("b)" after "a)"), so a wrapped line that happens to start with "2022. Xi said" or
/// "7.  This requirement" stays in its paragraph, as in CommonMark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker<'a> {
    /// "-", "*", "•" and the like.
    Bullet,
    /// The label of an ordered item: "1", "b", "iv".
    Label(&'a str),
    /// A label in parentheses: "(1)", "(b)". Legal prose wraps inline enumerations onto new
    /// lines ("two steps:\n(1) assert copyright … and (2) offer"), so these start an item only
    /// at the start of a block or right after the item they follow, never inside prose.
    Parenthesised(&'a str),
}

impl Marker<'_> {
    /// Whether an item with this marker may start inside prose, or inside the item `previous`.
    fn interrupts(self, previous: Option<Marker>) -> bool {
        let label = match self {
            Marker::Bullet => return true,
            Marker::Label("1" | "a" | "A" | "i" | "I") => return true,
            Marker::Label(label) | Marker::Parenthesised(label) => label,
        };
        let (Some(Marker::Label(before)) | Some(Marker::Parenthesised(before))) = previous else {
            return false;
        };
        // The next label of the same kind, or one a little further on (a tool may have joined
        // an item onto the line of the one before).
        let next = |b: u64, l: u64| l > b && l <= b + 3;
        match (before.parse::<u64>(), label.parse::<u64>()) {
            (Ok(b), Ok(l)) => next(b, l),
            (Err(_), Err(_)) => {
                let roman = |s: &str| s.bytes().all(|c| b"ivxlcIVXLC".contains(&c));
                let (mut b, mut l) = (before.chars(), label.chars());
                match (b.next(), l.next(), b.next(), l.next()) {
                    (Some(b), Some(l), None, None)
                        if b.is_lowercase() == l.is_lowercase()
                            && !(roman(before) && roman(label)) =>
                    {
                        next(u64::from(b), u64::from(l))
                    }
                    _ => roman(before) && roman(label),
                }
            }
            _ => false,
        }
    }
}

fn list_marker(t: &str) -> Option<Marker<'_>> {
    if ["- ", "* ", "+ ", "• ", "◦ ", "▪ ", "‣ "]
        .iter()
        .any(|m| t.starts_with(m))
    {
        return Some(Marker::Bullet);
    }
    // "(a) ", "(iv) ", "(12) "
    if let Some(rest) = t.strip_prefix('(') {
        let label_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let label = &rest[..label_len];
        let is_label = (1..=3).contains(&label_len)
            && (label.bytes().all(|b| b.is_ascii_digit())
                || label_len == 1
                || label.bytes().all(|b| b"ivxlIVXL".contains(&b)));
        return (is_label && rest[label_len..].starts_with(") "))
            .then_some(Marker::Parenthesised(label));
    }
    // "1. ", "12) ", "a) ", "B. "
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let label_len = if digits > 0 {
        digits
    } else {
        usize::from(t.starts_with(|c: char| c.is_ascii_alphabetic()))
    };
    let rest = &t[label_len..];
    ((1..=9).contains(&label_len) && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(Marker::Label(&t[..label_len]))
}

/// Whether a trimmed line has whitespace other than single spaces.
///
/// Every line of both files is asked, and nearly all answer no: one pass looks at eight bytes at a
/// time for two spaces in a row, a control character or a non-ASCII byte, and only a line with
/// one of the last two is looked at closely. (Written as a scan per condition, the compiler kept
/// it a byte at a time once inlined: a quarter of the instructions of segmenting a file.)
fn needs_folding(line: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let (words, rest) = line.as_bytes().as_chunks::<8>();
    let (mut unusual, mut doubled, mut space_before) = (0u64, 0u64, 0u64);
    for word in words {
        let x = u64::from_le_bytes(*word);
        // Each byte's high bit tells: a byte below 0x20 (its low seven bits plus 0x60 do not
        // reach 0x80, and it has no high bit of its own), a byte of 0x80 or more, a space (the
        // byte xor 0x20 is zero). The sums stay within each byte.
        let control = !((x & !HIGH).wrapping_add(ONES * 0x60)) & !x & HIGH;
        let t = x ^ (ONES * 0x20);
        let space = !((t & !HIGH).wrapping_add(!HIGH) | t) & HIGH;
        unusual |= control | (x & HIGH);
        doubled |= space & (space << 8 | space_before);
        space_before = space >> 56;
    }
    let mut before = space_before != 0;
    for &b in rest {
        unusual |= u64::from(!(0x20..0x80).contains(&b));
        doubled |= u64::from(before && b == b' ');
        before = b == b' ';
    }
    doubled != 0 || unusual != 0 && folds_unusual_whitespace(line)
}

/// Whether a line has a control character that is whitespace (tab, line and form feeds) or a
/// non-ASCII space: the close look [`needs_folding`] takes at a line with unusual bytes.
#[cold]
fn folds_unusual_whitespace(line: &str) -> bool {
    line.contains(|c: char| c.is_whitespace() && c != ' ')
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

    /// The word-at-a-time scan against the plain reading of its doc comment, with every kind of
    /// byte it tells apart at every offset from an eight-byte boundary.
    #[test]
    fn folding_is_needed_exactly_where_whitespace_is_not_single_spaces() {
        let plain = |line: &str| {
            line.contains("  ") || line.contains(|c: char| c.is_whitespace() && c != ' ')
        };
        let pieces = [
            "a", " ", "  ", "\t", "\u{b}", "\u{1}", "\u{a0}", "é", "—", "\u{3000}", "\u{85}", "~",
        ];
        for length in 0..20 {
            for (k, piece) in pieces.iter().enumerate() {
                for other in &pieces[k..] {
                    let line = format!(
                        "{}{piece}{}{other}",
                        "x".repeat(length),
                        "y".repeat(length % 9)
                    );
                    assert_eq!(needs_folding(&line), plain(&line), "{line:?}");
                }
            }
        }
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
