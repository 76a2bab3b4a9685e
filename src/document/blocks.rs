//! The text every format is turned into: one block (paragraph, heading, list item, table cell)
//! after another, separated by a blank line, with line breaks inside a block kept as a single
//! `\n`. That is what paragraph segmentation reads, so a .docx, an .odt and an HTML page give the
//! same paragraphs as the plain text of the same article.

/// What a document's markup says a block is, where plain text would say it with Markdown marks
/// (`# `, `- `) that the segmenter reads itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1 to 6 (Word's Heading 1, an OpenDocument heading of outline level 1).
    Heading(u8),
    /// An item of a bulleted or numbered list.
    ListItem,
}

/// A block of a document's text that its markup marks as a heading or a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedBlock {
    /// The line of the text the block starts on, from 1.
    pub line: usize,
    /// What the markup says it is.
    pub kind: BlockKind,
}

/// Collects blocks of text as a document is walked.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    /// Finished blocks, separated by blank lines.
    out: String,
    /// How many line breaks `out` has.
    lines: usize,
    /// What the block being written is, if the markup said.
    kind: Option<BlockKind>,
    /// The finished blocks that are headings or list items.
    marked: Vec<MarkedBlock>,
    /// The block being written.
    cur: String,
    /// Collapsed whitespace not yet written: it becomes one space if more text follows on the
    /// same line.
    pending_space: bool,
}

impl Blocks {
    /// Appends text whose runs of whitespace (line breaks included) count as one space, as in
    /// HTML and OpenDocument.
    pub(crate) fn collapsed(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.pending_space = true;
            } else {
                self.flush_space();
                self.cur.push(c);
            }
        }
    }

    /// Appends text as it is, except that a line break in it becomes a space: only
    /// [`Blocks::line_break`] makes a new line, so no text can make a blank line inside a block.
    pub(crate) fn literal(&mut self, text: &str) {
        self.flush_space();
        self.cur.extend(
            text.chars()
                .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
        );
    }

    /// Writes a pending collapsed space unless at the start of a line.
    fn flush_space(&mut self) {
        if std::mem::take(&mut self.pending_space)
            && !self.cur.is_empty()
            && !self.cur.ends_with(['\n', ' '])
        {
            self.cur.push(' ');
        }
    }

    /// A line break inside the block (`<br>`, a soft return). Two in a row, with nothing but
    /// spaces between, are how many pages and documents separate paragraphs, so they end the
    /// block instead of leaving a blank line inside it.
    pub(crate) fn line_break(&mut self) {
        self.pending_space = false;
        let kept = self.cur.trim_end_matches([' ', '\t']).len();
        self.cur.truncate(kept);
        if self.cur.is_empty() || self.cur.ends_with('\n') {
            self.end_block();
        } else {
            self.cur.push('\n');
        }
    }

    /// Says what the block being written is (its heading level or list marker): called while
    /// reading the block's properties, which come before its text.
    pub(crate) fn mark(&mut self, kind: BlockKind) {
        self.kind = Some(kind);
    }

    /// Ends the current block, if it has any text.
    pub(crate) fn end_block(&mut self) {
        self.pending_space = false;
        let kind = self.kind.take();
        let text = self.cur.trim();
        if !text.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
                self.lines += 2;
            }
            if let Some(kind) = kind {
                self.marked.push(MarkedBlock {
                    line: self.lines + 1,
                    kind,
                });
            }
            // Spaces at the ends of lines inside the block are noise for the comparison.
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.out.push('\n');
                    self.lines += 1;
                }
                self.out.push_str(line.trim());
            }
        }
        self.cur.clear();
    }

    /// Whether nothing has been written at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.out.is_empty() && self.cur.trim().is_empty()
    }

    /// The text: blocks separated by blank lines, ending with a line break.
    pub(crate) fn finish(self) -> String {
        self.finish_marked().0
    }

    /// [`Blocks::finish`], with the blocks marked as headings or list items.
    pub(crate) fn finish_marked(mut self) -> (String, Vec<MarkedBlock>) {
        self.end_block();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        (self.out, self.marked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_blank_lines_and_breaks_stay_single() {
        let mut b = Blocks::default();
        b.collapsed("  Headline \n  here ");
        b.end_block();
        b.end_block();
        b.collapsed("First line");
        b.line_break();
        b.collapsed("   second line");
        b.end_block();
        b.collapsed("one");
        b.line_break();
        b.collapsed("  ");
        b.line_break();
        b.literal("two\nwords");
        assert_eq!(
            b.finish(),
            "Headline here\n\nFirst line\nsecond line\n\none\n\ntwo words\n"
        );
    }

    #[test]
    fn marked_blocks_are_found_by_their_first_line() {
        let mut b = Blocks::default();
        b.mark(BlockKind::Heading(2));
        b.collapsed("Title");
        b.end_block();
        b.collapsed("Two");
        b.line_break();
        b.collapsed("lines");
        b.end_block();
        // A mark on a block with no text is not carried to the next one.
        b.mark(BlockKind::ListItem);
        b.end_block();
        b.collapsed("plain");
        b.end_block();
        b.mark(BlockKind::ListItem);
        b.collapsed("item");
        let (text, marked) = b.finish_marked();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            marked
                .iter()
                .map(|m| (lines[m.line - 1], m.kind))
                .collect::<Vec<_>>(),
            [
                ("Title", BlockKind::Heading(2)),
                ("item", BlockKind::ListItem)
            ]
        );
    }

    #[test]
    fn nothing_written_gives_empty_text() {
        let mut b = Blocks::default();
        b.collapsed(" \n ");
        b.line_break();
        assert!(b.is_empty());
        assert_eq!(b.finish(), "");
    }
}
