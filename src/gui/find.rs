//! Find (Ctrl+F): matches across both panes, a count, and stepping through them.

use std::ops::Range;

use super::actions::Action;
use crate::compare::{Comparison, PARAGRAPH_SEPARATOR, Side};

/// One match: where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The row of [`Comparison::rows`].
    pub row: usize,
    /// The pane.
    pub side: Side,
    /// Byte range in the text that side of the row shows.
    pub range: Range<usize>,
}

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Find {
    /// Whether the bar is shown.
    pub open: bool,
    /// Whether the text field should take the keyboard focus next frame.
    pub focus: bool,
    query: String,
    hits: Vec<Hit>,
    current: Option<usize>,
    /// The comparison generation the hits were found in.
    searched: Option<u64>,
    /// Bumped whenever the highlighted matches change, so cached layouts know.
    generation: u64,
}

impl Find {
    /// The text searched for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Every match, in reading order (row by row, old pane before new).
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The match stepped to, as an index into [`Self::hits`].
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Changes whenever the highlighted matches do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Sets the query; the search runs on the next [`Self::refresh`].
    pub fn set_query(&mut self, query: String) {
        if query != self.query {
            self.query = query;
            self.searched = None;
        }
    }

    /// Searches again if the query or the comparison changed.
    pub fn refresh(&mut self, comparison: Option<&Comparison>, generation: u64) {
        if self.searched == Some(generation) {
            return;
        }
        self.searched = Some(generation);
        self.hits = match comparison {
            Some(c) if self.open && !self.query.trim().is_empty() => search(c, &self.query),
            _ => Vec::new(),
        };
        self.current = if self.hits.is_empty() { None } else { Some(0) };
        self.generation += 1;
    }

    /// Closes the bar and drops the highlights.
    pub fn close(&mut self) {
        self.open = false;
        self.searched = None;
    }

    /// Steps forward (`true`) or back, wrapping around; returns the match now current.
    pub fn step(&mut self, forward: bool) -> Option<&Hit> {
        let count = self.hits.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.current = Some(next);
        self.generation += 1;
        self.hits.get(next)
    }

    /// The matches in one pane of one row, with whether each is the current one.
    pub fn hits_in(&self, row: usize, side: Side) -> Vec<(Range<usize>, bool)> {
        let start = self.hits.partition_point(|h| h.row < row);
        self.hits[start..]
            .iter()
            .enumerate()
            .take_while(|(_, h)| h.row == row)
            .filter(|(_, h)| h.side == side)
            .map(|(i, h)| (h.range.clone(), self.current == Some(start + i)))
            .collect()
    }

    /// Draws the find bar; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let mut query = self.query.clone();
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut query)
                        .hint_text("text in either pane")
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            if self.focus {
                edit.request_focus();
                self.focus = false;
            }
            if edit.changed() {
                actions.push(Action::FindQuery(query));
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                actions.push(if back {
                    Action::FindPrevious
                } else {
                    Action::FindNext
                });
                edit.request_focus();
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                actions.push(Action::CloseFind);
            }
            let count = match (self.hits.len(), self.current) {
                (0, _) if self.query.trim().is_empty() => String::new(),
                (0, _) => "no matches".to_owned(),
                (n, Some(i)) => format!("{} of {n} matches", i + 1),
                (n, None) => format!("{n} matches"),
            };
            ui.label(count);
            if ui.button("Previous match").clicked() {
                actions.push(Action::FindPrevious);
            }
            if ui.button("Next match").clicked() {
                actions.push(Action::FindNext);
            }
            if ui.button("Close find").clicked() {
                actions.push(Action::CloseFind);
            }
        });
        actions
    }
}

/// Every match of `query` in the comparison's rows, ignoring letter case.
///
/// It runs on each keystroke, so it reads the paragraphs where they are instead of copying and
/// lower-casing the article (20 MB per keystroke on a pair of 10 MB articles). An ASCII query,
/// the usual case, is matched ignoring ASCII case, which is exact for it; any other query is
/// matched in each paragraph's lower-cased copy when lower-casing keeps every character's length
/// (nearly all text), and as typed otherwise. A query in a script without case (Chinese, say)
/// is matched as typed, without copying anything.
pub fn search(comparison: &Comparison, query: &str) -> Vec<Hit> {
    let needle: String = query.chars().flat_map(fold_case).collect();
    let has_case = needle.chars().any(|c| c.is_lowercase() || c.is_uppercase());
    let mut hits = Vec::new();
    for (row, r) in comparison.rows.iter().enumerate() {
        for side in [Side::Old, Side::New] {
            // Offsets are into the text the row shows: its paragraphs joined by a separator.
            let mut base = 0;
            for paragraph in &comparison.article(side).paragraphs[r.paragraphs(side)] {
                let text = paragraph.text.as_str();
                let mut found = |start: usize, len: usize| {
                    hits.push(Hit {
                        row,
                        side,
                        range: base + start..base + start + len,
                    })
                };
                if needle.is_ascii() {
                    ascii_matches(text.as_bytes(), needle.as_bytes(), |start| {
                        found(start, needle.len())
                    });
                } else {
                    // Chinese, say: no letter has a case, so the text is searched as it is.
                    let lower = if has_case { lower_in_place(text) } else { None };
                    let (haystack, needle) = match &lower {
                        Some(lower) => (lower.as_str(), needle.as_str()),
                        None => (text, query),
                    };
                    for (start, m) in haystack.match_indices(needle) {
                        found(start, m.len());
                    }
                }
                base += text.len() + PARAGRAPH_SEPARATOR.len();
            }
        }
    }
    hits
}

/// A character as find compares it: lower-cased one character at a time (the same in the query
/// and the text, whatever surrounds it), with the Greek final sigma as any other sigma, so that
/// "ΟΔΟΣ" finds "οδος".
fn fold_case(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| if c == 'ς' { 'σ' } else { c })
}

/// `text` case-folded, if that leaves every character as long as it was, so that offsets into
/// the copy are offsets into `text`; `None` otherwise (e.g. "ẞ" becomes the shorter "ß").
fn lower_in_place(text: &str) -> Option<String> {
    let mut lower = String::with_capacity(text.len());
    for c in text.chars() {
        let before = lower.len();
        lower.extend(fold_case(c));
        if lower.len() - before != c.len_utf8() {
            return None;
        }
    }
    Some(lower)
}

/// Calls `found` with the start of each non-overlapping match of `needle` (lower-case ASCII,
/// not empty) in `haystack`, ignoring ASCII case. ASCII bytes never occur inside a UTF-8
/// sequence, so every match starts and ends on a character boundary.
fn ascii_matches(haystack: &[u8], needle: &[u8], mut found: impl FnMut(usize)) {
    let Some((&first, rest)) = needle.split_first() else {
        return;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return;
    };
    let mut at = 0;
    while at <= last_start {
        let Some(i) = memchr::memchr2(
            first,
            first.to_ascii_uppercase(),
            &haystack[at..=last_start],
        ) else {
            return;
        };
        let start = at + i;
        if haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest) {
            found(start);
            at = start + needle.len();
        } else {
            at = start + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::text::Article;

    fn comparison(old: &str, new: &str) -> Comparison {
        compare(
            Article::from_text("old.txt", old).shared(),
            Article::from_text("new.txt", new).shared(),
            &CompareOptions::default(),
        )
    }

    /// What each hit covers in the text its row shows, with its pane.
    fn found(comparison: &Comparison, query: &str) -> Vec<(Side, String)> {
        search(comparison, query)
            .into_iter()
            .map(|hit| {
                let row = &comparison.rows[hit.row];
                let text = comparison.text(hit.side, row.paragraphs(hit.side));
                (hit.side, text[hit.range].to_owned())
            })
            .collect()
    }

    #[test]
    fn matches_ignore_case_in_both_panes() {
        let c = comparison(
            "Putin met Xi.\n\nNo one else.",
            "PUTIN met Xi, and putin left.",
        );
        assert_eq!(
            found(&c, "pUtIn"),
            [
                (Side::Old, "Putin".to_owned()),
                (Side::New, "PUTIN".to_owned()),
                (Side::New, "putin".to_owned()),
            ]
        );
        assert!(found(&c, "Putin met Xi.!").is_empty());
    }

    #[test]
    fn matches_in_a_merged_row_point_into_the_joined_text() {
        // Two old paragraphs merged into one new one share a row; the second old paragraph's
        // matches lie after the first paragraph and the separator.
        let c = comparison(
            "Officials met in Beijing on Wednesday to talk trade.\n\nThey said Beijing wants more.",
            "Officials met in Beijing on Wednesday to talk trade. They said Beijing wants more.",
        );
        let hits = search(&c, "beijing");
        let old: Vec<_> = hits.iter().filter(|h| h.side == Side::Old).collect();
        assert_eq!(old.len(), 2);
        assert_eq!(old[0].row, old[1].row, "{:?}", c.rows);
        assert!(
            found(&c, "beijing")
                .iter()
                .all(|(_, text)| text == "Beijing")
        );
    }

    #[test]
    fn matches_do_not_overlap_and_reach_the_end() {
        let c = comparison("aaaa", "baaa");
        assert_eq!(found(&c, "AA").len(), 3);
        assert_eq!(found(&c, "aaa").len(), 2);
        assert_eq!(found(&c, "aaaaa").len(), 0);
    }

    #[test]
    fn non_ascii_queries_ignore_case_too() {
        let c = comparison(
            "Die Straße in Zürich.",
            "DIE STRASSE IN ZÜRICH, die Straße.",
        );
        assert_eq!(
            found(&c, "zÜrich"),
            [
                (Side::Old, "Zürich".to_owned()),
                (Side::New, "ZÜRICH".to_owned())
            ]
        );
        assert_eq!(found(&c, "straße").len(), 2);
        // Chinese has no case: matched as typed.
        let c = comparison("习近平会见沃洛金。", "国家主席习近平在北京会见沃洛金。");
        assert_eq!(found(&c, "习近平").len(), 2);
        assert_eq!(found(&c, "在北京"), [(Side::New, "在北京".to_owned())]);
        // "ẞ" lower-cases to a shorter "ß" and "Ⱥ" to a longer "ⱥ": the lengths even out, but
        // offsets into the copy would not be offsets into the text, so it is searched as typed.
        let c = comparison("ẞxȺ", "ẞxȺ and xⱥ");
        assert_eq!(found(&c, "xⱥ"), [(Side::New, "xⱥ".to_owned())]);
        // Lower-casing "İ" lengthens the text, so that paragraph alone is searched as typed.
        let c = comparison("İstanbul É", "istanbul É");
        assert_eq!(found(&c, "é"), [(Side::New, "É".to_owned())]);
        assert_eq!(found(&c, "É").len(), 2);
    }

    /// How many non-overlapping matches of `needle` `haystack` holds, comparing characters one
    /// by one by their folded forms: the slow and obvious way, which `search` must agree with.
    fn slow_matches(haystack: &str, needle: &str) -> usize {
        let fold = |c: char| fold_case(c).collect::<String>();
        let needle: Vec<String> = needle.chars().map(fold).collect();
        let hay: Vec<String> = haystack.chars().map(fold).collect();
        let (mut count, mut at) = (0, 0);
        while !needle.is_empty() && at + needle.len() <= hay.len() {
            if hay[at..at + needle.len()] == needle[..] {
                count += 1;
                at += needle.len();
            } else {
                at += 1;
            }
        }
        count
    }

    #[test]
    fn greek_final_sigma_matches_any_sigma() {
        let c = comparison("ΟΔΟΣ and οδος", "Οδός");
        assert_eq!(found(&c, "ΟΔΟΣ").len(), 2);
        assert_eq!(found(&c, "οδος").len(), 2);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1000, failure_persistence: None, ..Default::default()
        })]
        /// Whatever the text and the query, every match lies on character boundaries of the
        /// text its row shows and is the query ignoring case, or as typed; and in paragraphs
        /// the search can fold in place, it finds exactly what the slow way finds.
        #[test]
        fn matches_are_whole_characters_and_agree_with_the_slow_way(
            old in "[aAbB xXẞßȺⱥİiKkΣσς中国é\u{301}\n]{0,30}",
            new in "[aAbB xXẞßȺⱥİiKkΣσς中国é\u{301}\n]{0,30}",
            query in "[aAbBxXẞßȺⱥİiKkΣσς中国é\u{301} ]{1,3}",
        ) {
            let c = comparison(&old, &new);
            let hits = search(&c, &query);
            let needle: String = query.chars().flat_map(fold_case).collect();
            for hit in &hits {
                let row = &c.rows[hit.row];
                let text = c.text(hit.side, row.paragraphs(hit.side));
                proptest::prop_assert!(text.is_char_boundary(hit.range.start));
                proptest::prop_assert!(text.is_char_boundary(hit.range.end));
                let matched = &text[hit.range.clone()];
                let folded: String = matched.chars().flat_map(fold_case).collect();
                proptest::prop_assert!(
                    folded == needle || matched == query,
                    "{:?} for {:?}", matched, query
                );
            }
            for (n, row) in c.rows.iter().enumerate() {
                for side in [Side::Old, Side::New] {
                    let paragraphs = &c.article(side).paragraphs[row.paragraphs(side)];
                    // An ASCII query is searched the same way everywhere; any other only where
                    // the paragraph folds in place (elsewhere it is searched as typed).
                    let comparable = needle.is_ascii()
                        || paragraphs.iter().all(|p| lower_in_place(&p.text).is_some());
                    if comparable {
                        let expected: usize =
                            paragraphs.iter().map(|p| slow_matches(&p.text, &query)).sum();
                        let actual = hits.iter().filter(|h| h.row == n && h.side == side).count();
                        proptest::prop_assert_eq!(actual, expected, "{:?} in {:?}", query, paragraphs);
                    }
                }
            }
        }
    }
}
