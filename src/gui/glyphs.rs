//! Characters no font on this system can draw.
//!
//! egui's own fonts cover Latin, Greek and Cyrillic. For other scripts (Chinese, Japanese,
//! Korean, Arabic, Hebrew, Devanagari, Thai, …) eframe asks the operating system for an installed
//! font that has them (its `system_fonts` feature). A character no installed font has is drawn as
//! a box; the reader is then told so, and what fixes it, instead of being left to wonder whether
//! the file is damaged.

use std::collections::HashSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

use unicode_normalization::char::{is_combining_mark, is_public_assigned};

use super::task::{Ended, Task};
use crate::text::Article;

/// More distinct characters than any article has; a file with more is checked only this far.
const MAX_CHARS: usize = 50_000;

/// The distinct characters of the articles, in reading order, that egui's fonts may lack:
/// everything but ASCII and characters that are never drawn. It reads every paragraph, so it
/// runs off the UI thread.
pub fn distinct_chars(articles: &[&Article]) -> Vec<char> {
    let mut seen = vec![0u64; (char::MAX as usize + 1).div_ceil(64)];
    let mut chars = Vec::new();
    for article in articles {
        for paragraph in &article.paragraphs {
            if paragraph.text.is_ascii() {
                continue;
            }
            for c in paragraph.text.chars().filter(|c| !c.is_ascii()) {
                let (word, bit) = (c as usize / 64, 1u64 << (c as usize % 64));
                if seen[word] & bit == 0 {
                    seen[word] |= bit;
                    if is_drawn(c) {
                        chars.push(c);
                        if chars.len() == MAX_CHARS {
                            return chars;
                        }
                    }
                }
            }
        }
    }
    chars
}

/// Whether a font is expected to have a glyph of its own for `c`. Spaces, controls and the
/// invisible formatting characters have none; U+FFFD stands for bytes the loader could not
/// decode (and says so); unassigned and private-use code points mean something only to the
/// program that wrote them; and combining marks (a decomposed accent) are drawn with the letter
/// they sit on, which egui never looks up a font for on their own.
fn is_drawn(c: char) -> bool {
    let invisible = matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}');
    !(c.is_whitespace()
        || c.is_control()
        || invisible
        || c == '\u{FFFD}'
        || !is_public_assigned(c)
        || is_combining_mark(c))
}

/// How many characters are looked up in the fonts per frame. A character no installed font has
/// sends egui to the system's fonts, which takes some microseconds; a file of thousands of such
/// characters is looked up over several frames rather than freezing one.
const LOOKUPS_PER_FRAME: usize = 1000;

/// Of `chars`, those no installed font has. Asking may load a system font for a script the
/// first time, as drawing the text would.
fn missing(ctx: &egui::Context, chars: &[char]) -> Vec<char> {
    let font = egui::FontId::proportional(egui::FontId::default().size);
    ctx.fonts_mut(|fonts| {
        chars
            .iter()
            .copied()
            .filter(|&c| !fonts.has_glyph(&font, c))
            .collect()
    })
}

/// The check of a comparison's characters against the installed fonts: the characters are
/// gathered on a thread of their own, then looked up in the fonts on the UI thread, a frame's
/// share at a time.
#[derive(Debug, Default)]
pub struct GlyphCheck {
    task: Option<Task<Vec<char>>>,
    /// Characters gathered and not yet looked up.
    pending: Vec<char>,
    /// Characters looked up so far that no font has.
    missing: Vec<char>,
    /// The articles last checked (weakly: they are not kept for this), so that changing an
    /// option, which compares the same articles again, does not read them again.
    checked: Vec<Weak<Article>>,
    /// The files the check is about; the reader is told again about other files.
    files: Vec<String>,
    /// Missing characters the reader has been told about for these files, so that reloading
    /// them or changing an option does not repeat the notice.
    reported: HashSet<char>,
}

impl GlyphCheck {
    /// Starts gathering the characters of the articles shown, dropping any earlier check;
    /// nothing to do if they are the articles checked last.
    pub fn start(&mut self, articles: Vec<Arc<Article>>, wake: impl Fn() + Send + 'static) {
        let same = articles.len() == self.checked.len()
            && articles
                .iter()
                .zip(&self.checked)
                .all(|(a, c)| Weak::ptr_eq(&Arc::downgrade(a), c));
        if same {
            return;
        }
        self.checked = articles.iter().map(Arc::downgrade).collect();
        let files: Vec<String> = articles
            .iter()
            .map(|a| match &a.source.path {
                Some(path) => path.display().to_string(),
                None => a.source.name.clone(),
            })
            .collect();
        if files != self.files {
            self.files = files;
            self.reported.clear();
        }
        self.pending.clear();
        self.missing.clear();
        self.task = Some(Task::spawn("redline-glyphs", wake, move || {
            let articles: Vec<&Article> = articles.iter().map(Arc::as_ref).collect();
            distinct_chars(&articles)
        }));
    }

    /// Whether the check is still under way.
    pub fn is_running(&self) -> bool {
        self.task.is_some() || !self.pending.is_empty()
    }

    /// Takes in the gathered characters once they are ready; with a `timeout`, waits that long
    /// for them. Returns whether the gathering is over.
    pub fn poll(&mut self, timeout: Option<Duration>) -> bool {
        let Some(task) = &self.task else {
            return true;
        };
        let ended = match timeout {
            Some(timeout) => task.wait(timeout),
            None => task.poll(),
        };
        match ended {
            None => return false,
            Some(Ended::Done(chars)) => self.pending = chars,
            // Nothing to report: the text is drawn the same either way.
            Some(Ended::Failed(_)) => {}
        }
        self.task = None;
        true
    }

    /// Looks the next share of the gathered characters up in the fonts; once all are looked up,
    /// the notice to show if some have no font.
    pub fn notice(&mut self, ctx: &egui::Context) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        let share = self.pending.len().min(LOOKUPS_PER_FRAME);
        let missing = missing(ctx, &self.pending[..share]);
        self.missing.extend(missing);
        self.pending.drain(..share);
        if !self.pending.is_empty() {
            ctx.request_repaint();
            return None;
        }
        let missing = std::mem::take(&mut self.missing);
        self.describe(&missing)
    }

    /// The notice for characters no font has, counting only those not reported before; `None`
    /// when there is nothing new to say.
    fn describe(&mut self, missing: &[char]) -> Option<String> {
        let new: Vec<char> = missing
            .iter()
            .copied()
            .filter(|&c| self.reported.insert(c))
            .collect();
        let first = u32::from(*new.first()?);
        let (which, shown, its) = match new.len() {
            1 => (
                format!("One character, U+{first:04X}, in these articles has"),
                "shows as a box",
                "its",
            ),
            n => (
                format!("{n} characters in these articles (the first is U+{first:04X}) have"),
                "show as boxes",
                "their",
            ),
        };
        Some(format!(
            "{which} no font on this system and {shown}. The text is intact and compared as \
             usual; installing a font for {its} script (the Noto fonts cover nearly all) makes \
             it readable."
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn chars_of(old: &str, new: &str) -> String {
        let (old, new) = (
            Article::from_text("old.txt", old),
            Article::from_text("new.txt", new),
        );
        distinct_chars(&[&old, &new]).into_iter().collect()
    }

    #[test]
    fn gathers_each_character_once_in_reading_order_skipping_ascii() {
        assert_eq!(
            chars_of("Plain English only.\n\nStill plain.", "And more."),
            ""
        );
        assert_eq!(
            chars_of(
                "Café in Zürich.\n\n习近平 said: «нет».",
                "Café 习近平 again; ¿sí?"
            ),
            "éü习近平«нет»¿í"
        );
    }

    #[test]
    fn skips_characters_that_are_never_drawn() {
        // A soft hyphen, a zero-width joiner, a variation selector, a byte-order mark, a
        // no-break space, a private-use character, the loader's replacement character, a
        // decomposed accent and an unassigned code point.
        let text = "co\u{AD}op a\u{200D}b \u{FE0F}\u{FEFF}x\u{A0}y \u{E000} \u{FFFD} 中 \
                    cafe\u{301} \u{378}";
        assert_eq!(chars_of(text, ""), "中");
    }

    #[test]
    fn the_same_articles_are_not_read_again() {
        // Changing an option compares the same articles again: nothing new to gather.
        let wait = Some(Duration::from_secs(10));
        let article = Article::from_text("new.txt", "Xi (习近平) agreed.").shared();
        let mut check = GlyphCheck::default();
        check.start(vec![Arc::clone(&article)], || {});
        assert!(check.poll(wait));
        assert_eq!(check.pending, ['习', '近', '平']);
        check.start(vec![Arc::clone(&article)], || {});
        assert!(check.task.is_none());
        assert_eq!(check.pending.len(), 3);
        // The same text read again (a reload) is another article: it is gathered anew.
        let reloaded = Article::from_text("new.txt", "Xi (习近平) agreed.").shared();
        check.start(vec![reloaded], || {});
        assert!(check.task.is_some());
        assert!(check.pending.is_empty());
    }

    #[test]
    fn the_notice_counts_new_characters_only() {
        let mut check = GlyphCheck::default();
        let one = check.describe(&['中']).unwrap();
        assert!(
            one.starts_with("One character, U+4E2D, in these articles has no font"),
            "{one}"
        );
        assert!(one.contains("shows as a box"), "{one}");
        // The same character again (a reload) is not news; two new ones are.
        assert_eq!(check.describe(&['中']), None);
        let two = check.describe(&['中', 'ب', 'א']).unwrap();
        assert!(
            two.starts_with("2 characters in these articles (the first is U+0628) have no font"),
            "{two}"
        );
        assert!(two.contains("show as boxes"), "{two}");
        assert_eq!(check.describe(&[]), None);
    }
}
