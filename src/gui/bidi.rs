//! The order in which a line of right-to-left or mixed text is drawn, and the way back from it.
//!
//! egui 0.37 has no bidirectional algorithm: it lays a paragraph out in stored order, and its
//! shaper (harfrust) reverses each run of Arabic or Hebrew letters on its own, guessing the
//! direction from the script. So "abc אבג דהו" showed its Hebrew words in the wrong order and
//! a right-to-left paragraph ran from the left. Here the Unicode bidirectional algorithm
//! (`unicode-bidi`) orders each laid-out line, and the line is cut into [`Unit`]s that egui lays
//! out one by one, each given in the order that makes egui draw it right: a run of
//! right-to-left letters as stored (the shaper reverses it, joining Arabic letters as it does),
//! everything else already reversed where the line runs right to left, brackets mirrored.
//!
//! Pure text: the geometry is in [`super::visual_galley`].

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, ParagraphInfo, bidi_class};
use unicode_script::{Script, UnicodeScript};

/// A piece of a line that egui lays out by itself: characters next to each other on screen,
/// of one direction, one kind and one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The characters as they appear from left to right: each one's byte offset in the text and
    /// the character drawn (a mirrored bracket in right-to-left text).
    pub chars: Vec<(usize, char)>,
    /// Whether egui's shaper draws this text reversed by itself (right-to-left letters), so it
    /// must be given in stored order.
    pub reversed_by_shaper: bool,
}

impl Unit {
    /// The text to give egui so that it draws [`Self::chars`] from left to right.
    pub fn job_text(&self) -> String {
        if self.reversed_by_shaper {
            self.chars.iter().rev().map(|&(_, c)| c).collect()
        } else {
            self.chars.iter().map(|&(_, c)| c).collect()
        }
    }
}

/// Whether `text` has anything written right to left, and so needs [`display_units`]. Text
/// without it (nearly every article) is laid out by egui as it is.
pub fn has_right_to_left(text: &str) -> bool {
    !text.is_ascii()
        && text.chars().any(|c| {
            matches!(
                bidi_class(c),
                BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
            )
        })
}

/// Whether egui's shaper draws a run of `c` right to left by itself. harfrust guesses a run's
/// direction from its first character of a real script (not Common, not Inherited), and these
/// are the scripts it calls right-to-left. Arabic-Indic digits are Arabic script, so they too
/// come out reversed unless given reversed.
fn shaped_right_to_left(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic
            | Script::Hebrew
            | Script::Syriac
            | Script::Thaana
            | Script::Nko
            | Script::Samaritan
            | Script::Mandaic
            | Script::Adlam
            | Script::Hanifi_Rohingya
            | Script::Yezidi
            | Script::Imperial_Aramaic
            | Script::Phoenician
            | Script::Kharoshthi
            | Script::Cypriot
            | Script::Lydian
            | Script::Avestan
            | Script::Inscriptional_Pahlavi
            | Script::Inscriptional_Parthian
            | Script::Old_South_Arabian
            | Script::Old_North_Arabian
            | Script::Old_Turkic
            | Script::Meroitic_Cursive
            | Script::Meroitic_Hieroglyphs
            | Script::Manichaean
            | Script::Mende_Kikakui
            | Script::Nabataean
            | Script::Palmyrene
            | Script::Psalter_Pahlavi
            | Script::Hatran
            | Script::Old_Sogdian
            | Script::Sogdian
            | Script::Elymaic
            | Script::Chorasmian
            | Script::Old_Uyghur
    )
}

/// The character drawn for `c` in right-to-left text: brackets and other paired signs face the
/// other way there (rule L4). The common pairs; the rest are drawn as they are.
pub fn mirrored(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('≤', '≥'),
        ('≪', '≫'),
        ('⟨', '⟩'),
        ('⟪', '⟫'),
        ('〈', '〉'),
        ('《', '》'),
        ('「', '」'),
        ('『', '』'),
        ('【', '】'),
        ('〔', '〕'),
        ('〖', '〗'),
        ('（', '）'),
        ('［', '］'),
        ('｛', '｝'),
        ('＜', '＞'),
    ];
    PAIRS
        .iter()
        .find_map(|&(a, b)| {
            if c == a {
                Some(b)
            } else if c == b {
                Some(a)
            } else {
                None
            }
        })
        .unwrap_or(c)
}

/// The units of one line of a paragraph, from left to right. `line` is a byte range of the
/// text within `paragraph`; `format_of` gives the format (a section number) at a byte offset,
/// since egui shapes each format's text separately.
pub fn display_units(
    info: &BidiInfo<'_>,
    paragraph: &ParagraphInfo,
    line: Range<usize>,
    format_of: impl Fn(usize) -> usize,
) -> Vec<Unit> {
    let text = info.text;
    let levels = info.reordered_levels(paragraph, line.clone());
    let chars: Vec<(usize, char)> = text[line.clone()]
        .char_indices()
        .map(|(i, c)| (line.start + i, c))
        .collect();
    let char_levels: Vec<_> = chars.iter().map(|&(i, _)| levels[i]).collect();
    let visual = BidiInfo::reorder_visual(&char_levels);

    // Whether each character is shaped right to left: a combining mark goes with the letter it
    // sits on.
    let mut by_shaper = Vec::with_capacity(chars.len());
    for (k, &(_, c)) in chars.iter().enumerate() {
        let inherited = matches!(c.script(), Script::Inherited) && k > 0;
        by_shaper.push(if inherited {
            by_shaper[k - 1]
        } else {
            shaped_right_to_left(c)
        });
    }

    let mut units: Vec<Unit> = Vec::new();
    let mut previous: Option<usize> = None;
    for &k in &visual {
        let (offset, c) = chars[k];
        let rtl = char_levels[k].is_rtl();
        let shown = if rtl { mirrored(c) } else { c };
        // The next character on screen joins the unit if it is the next one stored in the
        // unit's direction, of the same kind and format.
        let joins = previous.is_some_and(|p| {
            let adjacent = if rtl { k + 1 == p } else { p + 1 == k };
            adjacent
                && char_levels[p] == char_levels[k]
                && by_shaper[p] == by_shaper[k]
                && format_of(chars[p].0) == format_of(offset)
        });
        match units.last_mut() {
            Some(unit) if joins => unit.chars.push((offset, shown)),
            _ => units.push(Unit {
                chars: vec![(offset, shown)],
                reversed_by_shaper: by_shaper[k],
            }),
        }
        previous = Some(k);
    }
    units
}

/// One line as drawn: the characters from left to right (byte offset in the stored text,
/// character drawn), and the offset of the `\n` after it where a paragraph ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrawnLine {
    /// The characters from left to right.
    pub chars: Vec<(usize, char)>,
    /// The offset of the `\n` that ends the line, where a paragraph ends.
    pub newline: Option<usize>,
}

/// Where a laid-out paragraph's characters came from: the galley holds the text in the order it
/// is drawn (each line left to right, so that egui's clicks and selection, which assume that,
/// work), and this maps it back to the order it is stored and read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualOrder {
    /// The text as stored.
    pub logical: String,
    /// The galley's text: each line as drawn, a `\n` where a paragraph ends.
    pub visual: String,
    /// For each character of `visual`, the byte offset in `logical` of the character it shows.
    offsets: Vec<usize>,
}

impl VisualOrder {
    /// The order of `logical` laid out as `lines`.
    pub fn new(logical: String, lines: &[DrawnLine]) -> Self {
        let mut visual = String::new();
        let mut offsets = Vec::new();
        for DrawnLine { chars, newline } in lines {
            for &(offset, c) in chars {
                visual.push(c);
                offsets.push(offset);
            }
            if let Some(newline) = newline {
                visual.push('\n');
                offsets.push(*newline);
            }
        }
        Self {
            logical,
            visual,
            offsets,
        }
    }

    /// The byte offset in the stored text of the character drawn as the galley's `index`th
    /// (a cursor from egui); the end of the text past the last.
    pub fn logical_offset(&self, index: usize) -> usize {
        self.offsets
            .get(index)
            .copied()
            .unwrap_or(self.logical.len())
    }

    /// The characters drawn as the galley's characters `range`, in the order they are read.
    pub fn read(&self, range: Range<usize>) -> String {
        let mut offsets: Vec<usize> = self
            .offsets
            .get(range)
            .map(<[usize]>::to_vec)
            .unwrap_or_default();
        offsets.sort_unstable();
        offsets.dedup();
        offsets
            .into_iter()
            .filter_map(|o| self.logical.get(o..).and_then(|s| s.chars().next()))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The line as egui draws the units: each unit's job text, reversed where the shaper
    /// reverses it.
    fn drawn(text: &str) -> Vec<String> {
        let info = BidiInfo::new(text, None);
        info.paragraphs
            .iter()
            .map(|p| {
                let line =
                    p.range.start..p.range.end - usize::from(text[..p.range.end].ends_with('\n'));
                display_units(&info, p, line, |_| 0)
                    .iter()
                    .map(|u| {
                        let t = u.job_text();
                        if u.reversed_by_shaper {
                            t.chars().rev().collect::<String>()
                        } else {
                            t
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn hebrew_words_in_an_english_line_read_right_to_left_as_a_phrase() {
        assert_eq!(drawn("abc אבג דהו xyz"), ["abc והד גבא xyz"]);
    }

    #[test]
    fn a_hebrew_paragraph_runs_from_the_right_with_its_english_words_left_to_right() {
        // Stored: alef-bet-gimel, "abc def", dalet-he-vav, full stop. Drawn from the right.
        assert_eq!(drawn("אבג abc def דהו."), [".והד abc def גבא"]);
    }

    #[test]
    fn brackets_face_the_right_way_in_right_to_left_text() {
        assert_eq!(drawn("שלום (עולם)"), ["(םלוע) םולש"]);
    }

    #[test]
    fn numbers_in_arabic_text_read_left_to_right() {
        // "the year 2024", with European and with Arabic-Indic digits.
        assert_eq!(drawn("العام 2024 من"), ["نم 2024 ماعلا"]);
        assert_eq!(drawn("العام ٢٠٢٤ من"), ["نم ٢٠٢٤ ماعلا"]);
    }

    #[test]
    fn arabic_letters_go_to_the_shaper_in_stored_order_so_it_can_join_them() {
        let text = "قال الوزير";
        let info = BidiInfo::new(text, None);
        let units = display_units(&info, &info.paragraphs[0], 0..text.len(), |_| 0);
        let letters: Vec<String> = units
            .iter()
            .filter(|u| u.reversed_by_shaper)
            .map(Unit::job_text)
            .collect();
        // Drawn right to left: the second word is on the left.
        assert_eq!(letters, ["الوزير", "قال"]);
    }

    #[test]
    fn a_change_of_format_inside_a_word_cuts_the_unit() {
        let text = "שלום";
        let info = BidiInfo::new(text, None);
        let units = display_units(&info, &info.paragraphs[0], 0..text.len(), |i| {
            usize::from(i >= 4)
        });
        assert_eq!(units.len(), 2);
        // The stored second half is drawn on the left.
        assert_eq!(units[0].job_text(), "ום");
    }

    #[test]
    fn read_gives_what_was_selected_on_screen_in_reading_order() {
        let text = "abc אבג דהו xyz";
        let info = BidiInfo::new(text, None);
        let units = display_units(&info, &info.paragraphs[0], 0..text.len(), |_| 0);
        let line: Vec<(usize, char)> = units.iter().flat_map(|u| u.chars.clone()).collect();
        let order = VisualOrder::new(
            text.to_owned(),
            &[DrawnLine {
                chars: line,
                newline: None,
            }],
        );
        assert_eq!(order.visual, "abc והד גבא xyz");
        // Selecting "והד ג" on screen (the end of one word and the start of the other as drawn)
        // is the start of the stored second word and the end of the first.
        let start = order.visual.chars().position(|c| c == 'ו').unwrap();
        assert_eq!(order.read(start..start + 5), "ג דהו");
        assert_eq!(order.read(0..order.visual.chars().count()), text);
    }
}
