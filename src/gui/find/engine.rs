//! The find engine, without any drawing: the matches of a query across both panes, the current
//! one, stepping through them, and the words of a clicked fact; every search folds case,
//! quotes and dashes the way an editor expects.

use std::ops::Range;

use crate::compare::{Comparison, PARAGRAPH_SEPARATOR, Side, fold_quote};

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
    pub(super) query: String,
    pub(super) hits: Vec<Hit>,
    pub(super) current: Option<usize>,
    /// The comparison generation the hits were found in.
    searched: Option<u64>,
    /// Bumped whenever the highlighted matches change, so cached layouts know.
    generation: u64,
    /// Words highlighted apart from the search: a fact the reader clicked, in the comparison of
    /// this generation.
    spotlight: Option<(u64, Vec<Hit>)>,
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

    /// Highlights `text` where it is in one pane of one row of the comparison of `generation`
    /// (a fact the reader clicked), until another fact is, or the comparison changes.
    pub fn spotlight(
        &mut self,
        comparison: &Comparison,
        generation: u64,
        places: &[(usize, Side, &str)],
    ) {
        let hits = places
            .iter()
            .flat_map(|&(row, side, text)| {
                search_rows(comparison, row..row + 1, text)
                    .into_iter()
                    .filter(move |h| h.side == side)
            })
            .collect();
        self.spotlight = Some((generation, hits));
        self.generation += 1;
    }

    /// The words highlighted for a clicked fact.
    pub fn spotlit(&self) -> &[Hit] {
        self.spotlight.as_ref().map_or(&[], |(_, hits)| hits)
    }

    /// Searches again if the query or the comparison changed.
    pub fn refresh(&mut self, comparison: Option<&Comparison>, generation: u64) {
        if self
            .spotlight
            .as_ref()
            .is_some_and(|(g, _)| *g != generation)
        {
            self.spotlight = None;
            self.generation += 1;
        }
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

    /// The matches in one pane of one row, with whether each is the current one, in order; a
    /// clicked fact's words count as current.
    pub fn hits_in(&self, row: usize, side: Side) -> Vec<(Range<usize>, bool)> {
        let start = self.hits.partition_point(|h| h.row < row);
        let mut out: Vec<(Range<usize>, bool)> = self.hits[start..]
            .iter()
            .enumerate()
            .take_while(|(_, h)| h.row == row)
            .filter(|(_, h)| h.side == side)
            .map(|(i, h)| (h.range.clone(), self.current == Some(start + i)))
            .collect();
        let spotlit = self
            .spotlit()
            .iter()
            .filter(|h| h.row == row && h.side == side);
        let before = out.len();
        for hit in spotlit {
            // A search match inside the fact's words gives way to them.
            out.retain(|(r, _)| r.end <= hit.range.start || r.start >= hit.range.end);
            out.push((hit.range.clone(), true));
        }
        if out.len() != before {
            out.sort_by_key(|(r, _)| r.start);
        }
        out
    }
}

/// Every match of `query` in the comparison's rows, ignoring letter case, and typographic
/// quotes, apostrophes and dashes against their plain forms (an editor types "Russia's" for the
/// article's "Russia’s").
///
/// It runs on each keystroke, so it avoids copying the article (20 MB per keystroke on a pair
/// of 10 MB articles). An ASCII paragraph, or an ASCII query without quotes or dashes, is scanned
/// ignoring ASCII case, which is exact there (but for the Kelvin sign, which such a scan does not
/// take for a "k"); a query in a script without case (Chinese, say)
/// and without quotes or dashes is matched as typed; anything else is matched against the
/// paragraph folded one character at a time, with each folded character's place in the text.
pub fn search(comparison: &Comparison, query: &str) -> Vec<Hit> {
    search_rows(comparison, 0..comparison.rows.len(), query)
}

/// [`search`] in some rows only.
fn search_rows(comparison: &Comparison, rows: Range<usize>, query: &str) -> Vec<Hit> {
    let needle: Vec<char> = query.chars().flat_map(fold_char).collect();
    let folded: String = needle.iter().collect();
    let has_case = needle.iter().any(|c| c.is_lowercase() || c.is_uppercase());
    let has_marks = needle.iter().any(|c| matches!(c, '\'' | '"' | '-'));
    let mut hits = Vec::new();
    let start = rows.start;
    for (row, r) in comparison
        .rows
        .get(rows)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let row = start + row;
        for side in [Side::Old, Side::New] {
            // Offsets are into the text the row shows: its paragraphs joined by a separator.
            let mut base = 0;
            for paragraph in &comparison.article(side).paragraphs[r.paragraphs(side)] {
                let text = paragraph.text.as_str();
                let mut found = |range: Range<usize>| {
                    hits.push(Hit {
                        row,
                        side,
                        range: base + range.start..base + range.end,
                    })
                };
                if folded.is_ascii() && (!has_marks || text.is_ascii()) {
                    ascii_matches(text.as_bytes(), folded.as_bytes(), |start| {
                        found(start..start + folded.len())
                    });
                } else if text.is_ascii() {
                    // A query with other letters cannot match plain ASCII text.
                } else if !has_case && !has_marks {
                    for (start, m) in text.match_indices(query) {
                        found(start..start + m.len());
                    }
                } else {
                    folded_matches(text, &needle, &mut found);
                }
                base += text.len() + PARAGRAPH_SEPARATOR.len();
            }
        }
    }
    hits
}

/// A character as find compares it: lower-cased one character at a time (the same in the query
/// and the text, whatever surrounds it), every sigma alike (so that "ΟΔΟΣ" finds "οδος"),
/// typographic quotes and apostrophes folded as the comparison folds them, and every dash as a
/// hyphen, since a hyphen is what an editor types for one.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| match fold_quote(c) {
        'ς' => 'σ',
        '‐' | '‑' | '‒' | '—' | '−' => '-',
        c => c,
    })
}

/// Calls `found` with the byte range in `text` of each non-overlapping match of `needle` (folded
/// by [`fold_char`]) in `text` folded the same way. A match starts and ends on whole characters
/// of `text`, whatever their folded lengths ("ẞ" folds to "ß", "’" to "'"). Nothing is copied:
/// candidates for the first character are found with `memchr` when it is ASCII, and each is
/// checked by folding the text from there.
fn folded_matches(text: &str, needle: &[char], found: &mut impl FnMut(Range<usize>)) {
    let Some(&first) = needle.first() else {
        return;
    };
    let bytes = text.as_bytes();
    // Every byte that can start a character folding to `first`: its two cases, the lead byte of
    // the typographic marks (U+2010..U+2212, lead byte 0xE2, and the modifier apostrophe U+02BC,
    // 0xCA), and of the only two non-ASCII letters that fold to ASCII ones, "İ" (0xC4) and the
    // Kelvin sign (0xE2).
    let starts: Option<[u8; 3]> = first.is_ascii().then(|| {
        let (lower, upper) = (first as u8, first.to_ascii_uppercase() as u8);
        match first {
            '\'' => [lower, 0xE2, 0xCA],
            '"' | '-' | 'k' => [lower, upper, 0xE2],
            'i' => [lower, upper, 0xC4],
            _ => [lower, upper, upper],
        }
    });
    let mut at = 0;
    while at < text.len() {
        let start = match starts {
            Some([a, b, c]) => match memchr::memchr3(a, b, c, &bytes[at..]) {
                Some(i) => at + i,
                None => return,
            },
            // A non-ASCII first character: every character is a candidate.
            None => at,
        };
        match match_at(text, start, needle) {
            Some(end) => {
                found(start..end);
                at = end;
            }
            None => {
                // On to the next character (a candidate byte always starts one).
                let width = text[start..].chars().next().map_or(1, char::len_utf8);
                at = start + width;
            }
        }
    }
}

/// Where a match of `needle` starting at `start` (a character boundary) ends, if there is one:
/// the folded forms of whole characters from `start` on must spell `needle` exactly.
fn match_at(text: &str, start: usize, needle: &[char]) -> Option<usize> {
    let mut want = needle.iter();
    for (offset, c) in text[start..].char_indices() {
        for folded in fold_char(c) {
            if want.next() != Some(&folded) {
                return None;
            }
        }
        if want.len() == 0 {
            return Some(start + offset + c.len_utf8());
        }
    }
    None
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
        // Characters whose lower case is shorter ("ẞ" → "ß") or longer ("Ⱥ" → "ⱥ", "İ" → "i̇")
        // still match, and the ranges cover them whole.
        let c = comparison("ẞxȺ", "ẞxȺ and xⱥ");
        assert_eq!(
            found(&c, "xⱥ"),
            [
                (Side::Old, "xȺ".to_owned()),
                (Side::New, "xȺ".to_owned()),
                (Side::New, "xⱥ".to_owned())
            ]
        );
        assert_eq!(found(&c, "ßX").len(), 2);
        let c = comparison("İstanbul É", "istanbul É");
        assert_eq!(found(&c, "é").len(), 2);
        assert_eq!(found(&c, "i̇stanbul"), [(Side::Old, "İstanbul".to_owned())]);
        // A match never takes part of a character: "İ" folds to "i" and a combining dot, and
        // neither half alone is matched.
        let c = comparison("’İx", "");
        assert!(found(&c, "’i").is_empty());
        assert!(found(&c, "\u{307}x").is_empty());
        assert_eq!(found(&c, "’i\u{307}X").len(), 1);
    }

    #[test]
    fn typographic_quotes_and_dashes_match_plain_ones() {
        let c = comparison(
            "Russia’s “one-China” policy — firmly.",
            "Russia's \"one–China\" policy - firmly.",
        );
        assert_eq!(
            found(&c, "russia's"),
            [
                (Side::Old, "Russia’s".to_owned()),
                (Side::New, "Russia's".to_owned())
            ]
        );
        assert_eq!(found(&c, "“one-china”").len(), 2);
        assert_eq!(
            found(&c, "policy - firmly"),
            [
                (Side::Old, "policy — firmly".to_owned()),
                (Side::New, "policy - firmly".to_owned())
            ]
        );
        // The modifier letter apostrophe, as some keyboards type it, is an apostrophe too.
        let c = comparison("Russiaʼs", "");
        assert_eq!(found(&c, "russia’s"), [(Side::Old, "Russiaʼs".to_owned())]);
    }

    /// How many non-overlapping matches of `needle` `haystack` holds, found the slow and obvious
    /// way that `search` must agree with: from each character on, the shortest run of whole
    /// characters whose folded forms spell the folded needle.
    fn slow_matches(haystack: &str, needle: &str) -> usize {
        let fold = |s: &str| s.chars().flat_map(fold_char).collect::<String>();
        let needle = fold(needle);
        let chars: Vec<char> = haystack.chars().collect();
        let (mut count, mut at) = (0, 0);
        while !needle.is_empty() && at < chars.len() {
            let mut spelled = String::new();
            let mut end = at;
            while spelled.len() < needle.len() && end < chars.len() {
                spelled.extend(fold_char(chars[end]));
                end += 1;
            }
            if spelled == needle {
                count += 1;
                at = end;
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
            old in "[-aAbB xXẞßȺⱥİiΣσς中国é\u{301}’ʼ'“\"—–\n]{0,30}",
            new in "[-aAbB xXẞßȺⱥİiΣσς中国é\u{301}’ʼ'“\"—–\n]{0,30}",
            query in "[-aAbBxXẞßȺⱥİiΣσς中国é\u{301}’ʼ'“\"—– ]{1,3}",
        ) {
            let c = comparison(&old, &new);
            let hits = search(&c, &query);
            let fold = |s: &str| s.chars().flat_map(fold_char).collect::<String>();
            for hit in &hits {
                let row = &c.rows[hit.row];
                let text = c.text(hit.side, row.paragraphs(hit.side));
                proptest::prop_assert!(text.is_char_boundary(hit.range.start));
                proptest::prop_assert!(text.is_char_boundary(hit.range.end));
                let matched = &text[hit.range.clone()];
                proptest::prop_assert_eq!(fold(matched), fold(&query), "{:?}", matched);
            }
            for (n, row) in c.rows.iter().enumerate() {
                for side in [Side::Old, Side::New] {
                    let paragraphs = &c.article(side).paragraphs[row.paragraphs(side)];
                    let expected: usize =
                        paragraphs.iter().map(|p| slow_matches(&p.text, &query)).sum();
                    let actual = hits.iter().filter(|h| h.row == n && h.side == side).count();
                    proptest::prop_assert_eq!(actual, expected, "{:?} in {:?}", query, paragraphs);
                }
            }
        }
    }
}
