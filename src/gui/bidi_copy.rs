//! Copying selected right-to-left text in the order it is read.
//!
//! egui selects and copies a label's text by character positions, and a reordered paragraph's
//! galley holds its characters in the order they are drawn ([`super::visual_galley`]), so what
//! egui copies from it is drawn order: Hebrew reversed. This plugin sees what egui is about to
//! put on the clipboard, finds each copied line among the reordered paragraphs shown in that
//! frame, and puts back what was selected in the order it is read.

use std::sync::Arc;

use egui::{Context, FullOutput, OutputCommand};

use super::bidi::{VisualOrder, has_right_to_left};

/// The reordered paragraphs drawn in this frame, whose text may be copied.
#[derive(Debug, Default)]
pub struct BidiCopy {
    shown: Vec<Arc<VisualOrder>>,
}

impl BidiCopy {
    /// Notes that a reordered paragraph is drawn this frame.
    pub fn shown(ctx: &Context, order: &Arc<VisualOrder>) {
        ctx.plugin_or_default::<Self>()
            .lock()
            .shown
            .push(Arc::clone(order));
    }
}

impl egui::Plugin for BidiCopy {
    fn debug_name(&self) -> &'static str {
        "BidiCopy"
    }

    fn on_begin_pass(&mut self, _ui: &mut egui::Ui) {
        self.shown.clear();
    }

    fn output_hook(&mut self, _ctx: &Context, output: &mut FullOutput) {
        for command in &mut output.platform_output.commands {
            if let OutputCommand::CopyText(text) | OutputCommand::TextSelectionSettled(text) =
                command
            {
                *text = restore(text, &self.shown);
            }
        }
    }
}

/// `copied` (text egui took from labels, in drawn order where they were reordered) in reading
/// order. Each line of it (egui puts a line break between labels, and each paragraph of a
/// reordered galley is one line of its text) that is all or part of a line of a shown
/// paragraph is read back through that paragraph's order; other lines are left as they are.
pub fn restore(copied: &str, shown: &[Arc<VisualOrder>]) -> String {
    if shown.is_empty() || !has_right_to_left(copied) {
        return copied.to_owned();
    }
    copied
        .split('\n')
        .map(|line| restore_line(line, shown).unwrap_or_else(|| line.to_owned()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A copied line read back through the shown paragraph line it was taken from: preferably the
/// whole line, else its end (a selection that began in it), its start (one that ended in it),
/// or a piece of it.
fn restore_line(copied: &str, shown: &[Arc<VisualOrder>]) -> Option<String> {
    if copied.is_empty() || !has_right_to_left(copied) {
        return None;
    }
    let length = copied.chars().count();
    let mut best: Option<(u8, &VisualOrder, usize)> = None;
    for order in shown {
        let mut line_start = 0;
        for line in order.visual.split('\n') {
            let found = if line == copied {
                Some((0, 0))
            } else if line.ends_with(copied) {
                Some((1, line.len() - copied.len()))
            } else if line.starts_with(copied) {
                Some((2, 0))
            } else {
                line.find(copied).map(|at| (3, at))
            };
            if let Some((rank, at)) = found
                && best.is_none_or(|(b, _, _)| rank < b)
            {
                best = Some((rank, order, line_start + line[..at].chars().count()));
            }
            line_start += line.chars().count() + 1;
        }
    }
    best.map(|(_, order, start)| order.read(start..start + length))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use unicode_bidi::BidiInfo;

    use super::*;
    use crate::gui::bidi::{DrawnLine, display_units};

    /// The order of `text` laid out one paragraph to a line.
    fn order(text: &str) -> Arc<VisualOrder> {
        let info = BidiInfo::new(text, None);
        let lines: Vec<_> = info
            .paragraphs
            .iter()
            .map(|p| {
                let newline = text[p.range.clone()].ends_with('\n');
                let end = p.range.end - usize::from(newline);
                let chars = display_units(&info, p, p.range.start..end, |_| 0)
                    .into_iter()
                    .flat_map(|u| u.chars)
                    .collect();
                DrawnLine {
                    chars,
                    newline: newline.then_some(end),
                }
            })
            .collect();
        Arc::new(VisualOrder::new(text.to_owned(), &lines))
    }

    #[test]
    fn a_whole_paragraph_copied_in_drawn_order_is_put_back_in_reading_order() {
        let text = "אין ספריה, נכנס למערכת עם HOME=/\n\nabc";
        let shown = [order(text)];
        assert_eq!(restore(&shown[0].visual, &shown), text);
    }

    #[test]
    fn a_selection_from_one_paragraph_into_the_next_reads_in_order() {
        let text = "שלום עולם\nמה שלומך היום";
        let shown = [order(text)];
        let lines: Vec<&str> = shown[0].visual.split('\n').collect();
        // The drawn end of the first line (its first stored word, on the right) and the drawn
        // start of the second (its last stored word, on the left).
        let first = lines[0].split(' ').next_back().unwrap();
        let second = lines[1].split(' ').next().unwrap();
        let copied = format!("{first}\n{second}");
        assert_eq!(restore(&copied, &shown), "שלום\nהיום");
    }

    #[test]
    fn text_from_elsewhere_is_left_alone() {
        let shown = [order("שלום עולם")];
        assert_eq!(restore("The mayor said", &shown), "The mayor said");
        // Hebrew copied from a label that was not reordered, and not drawn in any shown one.
        assert_eq!(restore("תל אביב", &shown), "תל אביב");
        assert_eq!(restore("שלום עולם", &[]), "שלום עולם");
    }
}
