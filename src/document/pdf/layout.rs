//! From positioned glyphs to the paragraphs a reader sees: words from the gaps between glyphs,
//! lines from shared baselines, reading order by cutting each page along its widest empty
//! bands (columns before rows, whichever gap is wider), running headers, footers and page
//! numbers dropped, paragraphs from line spacing, and words hyphenated at a line's end joined
//! again when the joined word is one the text uses.

use std::collections::{HashMap, HashSet};

use super::glyphs::{Glyph, Page};

/// A gap between two glyphs of a line wider than this many ems is a space between words.
const WORD_GAP: f32 = 0.18;
/// A gap wider than this many ems ends a run of text: it may be a column gutter. Justified
/// lines in narrow columns space words up to about this far.
const RUN_GAP: f32 = 3.0;
/// How far (in ems) a glyph may start left of the previous one's end and stay in its run:
/// kerning, and glyphs drawn twice for a bold effect.
const OVERLAP: f32 = 0.35;
/// A column is at least this many ems wide, and its gutter at least one em: narrower gaps are
/// the space after a list's bullets or a hanging indent, which are read with their line.
const MIN_COLUMN: f32 = 4.0;
/// A column has at least this many lines: a gap through two or three lines is a river of
/// word spaces in justified text, not a gutter.
const MIN_COLUMN_LINES: usize = 3;
/// A cut of reading order goes at most this deep; below it, text is read top to bottom.
const MAX_DEPTH: u32 = 48;
/// The share of a page's height at its top and at its bottom where running headers, footers
/// and page numbers are looked for.
const MARGIN_ZONE: f32 = 0.12;

/// What the layout found, for the loader to tell the user.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Text {
    /// The paragraphs, in reading order.
    pub paragraphs: Vec<String>,
    /// Lines dropped as running headers, footers or page numbers.
    pub dropped: usize,
}

/// A run of glyphs on one baseline without a wide gap: part of a line in one column.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

impl Run {
    fn top(&self) -> f32 {
        self.y + 0.75 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// A line of text as read: runs on one baseline, joined.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    page: usize,
}

/// Turns pages of glyphs into paragraphs.
pub(crate) fn paragraphs(pages: &[Page]) -> Text {
    let mut lines_by_page: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(number, page)| page_lines(page, number))
        .collect();
    let dropped = drop_running_lines(pages, &mut lines_by_page);
    let lines: Vec<Line> = lines_by_page.into_iter().flatten().collect();
    Text {
        paragraphs: join_lines(&lines),
        dropped,
    }
}

/// A page's lines in reading order.
fn page_lines(page: &Page, number: usize) -> Vec<Line> {
    let runs = runs(&page.glyphs);
    let mut order = Vec::with_capacity(runs.len());
    let mut ids: Vec<usize> = (0..runs.len()).collect();
    reading_order(&runs, &mut ids, 0, &mut order);
    let mut lines: Vec<Line> = Vec::new();
    for id in order {
        let run = &runs[id];
        match lines.last_mut() {
            Some(line)
                if line.page == number
                    && (run.y - line.y).abs() <= 0.35 * run.size.max(line.size)
                    && run.x0 >= line.x1 - OVERLAP * line.size =>
            {
                if !line.text.ends_with(' ') && !run.text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.x1 = run.x1;
                line.size = line.size.max(run.size);
            }
            _ => lines.push(Line {
                text: run.text.clone(),
                x0: run.x0,
                x1: run.x1,
                y: run.y,
                size: run.size,
                page: number,
            }),
        }
    }
    for line in &mut lines {
        let trimmed = line.text.trim();
        if trimmed.len() != line.text.len() {
            line.text = trimmed.to_owned();
        }
    }
    lines.retain(|line| !line.text.is_empty());
    lines
}

/// Glyphs in drawing order, cut into runs at a new baseline, a step back, or a wide gap.
fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for glyph in glyphs {
        let size = glyph.size.max(0.1);
        let text = fold_ligatures(&glyph.text);
        let blank = text.chars().all(char::is_whitespace);
        match runs.last_mut() {
            Some(run)
                if (glyph.y - run.y).abs() <= 0.35 * size.max(run.size)
                    && glyph.x >= run.x1 - OVERLAP * size
                    && glyph.x - run.x1 <= RUN_GAP * size.max(run.size) =>
            {
                if blank {
                    if !run.text.ends_with(' ') {
                        run.text.push(' ');
                    }
                } else {
                    if glyph.x - run.x1 > WORD_GAP * size && !run.text.ends_with(' ') {
                        run.text.push(' ');
                    }
                    run.text.push_str(&text);
                }
                run.x1 = run.x1.max(glyph.end);
                run.size = run.size.max(size);
            }
            _ => {
                if blank {
                    continue;
                }
                runs.push(Run {
                    text: text.into_owned(),
                    x0: glyph.x,
                    x1: glyph.end.max(glyph.x),
                    y: glyph.y,
                    size,
                });
            }
        }
    }
    runs
}

/// Ligature characters as the letters they join, so "ﬁnd" is the word "find".
fn fold_ligatures(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return text.into();
    }
    let mut folded = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\u{fb00}' => folded.push_str("ff"),
            '\u{fb01}' => folded.push_str("fi"),
            '\u{fb02}' => folded.push_str("fl"),
            '\u{fb03}' => folded.push_str("ffi"),
            '\u{fb04}' => folded.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => folded.push_str("st"),
            other => folded.push(other),
        }
    }
    folded.into()
}

/// Which axis a cut runs along.
#[derive(Clone, Copy)]
enum Axis {
    /// A horizontal band of empty space: text above is read before text below.
    Rows,
    /// A vertical band of empty space: a column gutter; left is read before right.
    Columns,
}

/// Groups of runs separated by empty bands along one axis, in reading order, with the width of
/// the band before each group.
fn split(runs: &[Run], ids: &[usize], axis: Axis) -> Vec<(f32, Vec<usize>)> {
    let mut sorted = ids.to_vec();
    // Rows are read from the top (largest y); columns from the left.
    type Edge = fn(&Run) -> f32;
    let (start, end): (Edge, Edge) = match axis {
        Axis::Rows => (|r| -r.top(), |r| -r.bottom()),
        Axis::Columns => (|r| r.x0, |r| r.x1),
    };
    sorted.sort_by(|&a, &b| start(&runs[a]).total_cmp(&start(&runs[b])));
    let mut groups: Vec<(f32, Vec<usize>)> = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for id in sorted {
        let run = &runs[id];
        let gap = start(run) - reach;
        match groups.last_mut() {
            Some(group) if gap <= 0.0 => group.1.push(id),
            _ => groups.push((gap.max(0.0), vec![id])),
        }
        reach = reach.max(end(run));
    }
    if let Axis::Columns = axis {
        merge_narrow_columns(runs, &mut groups);
    }
    groups
}

/// Merges column groups whose gutter is narrower than an em, or which are narrower than
/// [`MIN_COLUMN`] ems or have fewer than [`MIN_COLUMN_LINES`] lines, into their neighbours.
fn merge_narrow_columns(runs: &[Run], groups: &mut Vec<(f32, Vec<usize>)>) {
    let mut sizes: Vec<f32> = groups
        .iter()
        .flat_map(|g| &g.1)
        .map(|&id| runs[id].size)
        .collect();
    if sizes.is_empty() {
        return;
    }
    let middle = sizes.len() / 2;
    let em = *sizes.select_nth_unstable_by(middle, f32::total_cmp).1;
    let width = |ids: &[usize]| {
        let left = ids
            .iter()
            .map(|&id| runs[id].x0)
            .fold(f32::INFINITY, f32::min);
        let right = ids
            .iter()
            .map(|&id| runs[id].x1)
            .fold(f32::NEG_INFINITY, f32::max);
        right - left
    };
    let lines = |ids: &[usize]| {
        let mut baselines: Vec<i64> = ids
            .iter()
            .map(|&id| (runs[id].y / (0.5 * em)).round() as i64)
            .collect();
        baselines.sort_unstable();
        baselines.dedup();
        baselines.len()
    };
    let column = |ids: &[usize]| width(ids) >= MIN_COLUMN * em && lines(ids) >= MIN_COLUMN_LINES;
    let mut merged: Vec<(f32, Vec<usize>)> = Vec::with_capacity(groups.len());
    for (gap, group) in groups.drain(..) {
        match merged.last_mut() {
            Some(last) if gap < em || !column(&last.1) || !column(&group) => {
                last.1.extend(group);
            }
            _ => merged.push((gap, group)),
        }
    }
    *groups = merged;
}

/// Appends `ids` to `order` in reading order: cut along the widest empty band (a column
/// gutter when it is wider than any gap between rows), then read each part the same way.
fn reading_order(runs: &[Run], ids: &mut [usize], depth: u32, order: &mut Vec<usize>) {
    if ids.len() <= 1 || depth >= MAX_DEPTH {
        ids.sort_by(|&a, &b| {
            runs[b]
                .y
                .total_cmp(&runs[a].y)
                .then(runs[a].x0.total_cmp(&runs[b].x0))
        });
        order.extend_from_slice(ids);
        return;
    }
    let rows = split(runs, ids, Axis::Rows);
    let columns = split(runs, ids, Axis::Columns);
    let widest = |groups: &[(f32, Vec<usize>)]| {
        groups
            .iter()
            .skip(1)
            .map(|(gap, _)| *gap)
            .fold(0.0_f32, f32::max)
    };
    let (row_gap, column_gap) = (widest(&rows), widest(&columns));
    let (groups, gap) = if column_gap > row_gap {
        (columns, column_gap)
    } else if row_gap > 0.0 {
        (rows, row_gap)
    } else {
        // Runs that overlap both ways (a superscript in its line): left to right.
        ids.sort_by(|&a, &b| runs[a].x0.total_cmp(&runs[b].x0));
        order.extend_from_slice(ids);
        return;
    };
    // Cut at every band nearly as wide as the widest; narrower ones are cut further down.
    let mut part: Vec<usize> = Vec::new();
    for (index, (before, group)) in groups.into_iter().enumerate() {
        if index > 0 && before >= 0.7 * gap {
            reading_order(runs, &mut part, depth + 1, order);
            part.clear();
        }
        part.extend(group);
    }
    reading_order(runs, &mut part, depth + 1, order);
}

/// Drops lines near the top or bottom of a page that repeat at the same height (digits aside)
/// on at least two pages and at least half of the pages after the first (a running header
/// may alternate between even and odd pages, and skip the title page), and lone page numbers
/// there. A heading that happens to open two pages of a long text stays. Returns how many
/// lines were dropped.
fn drop_running_lines(pages: &[Page], lines: &mut [Vec<Line>]) -> usize {
    let in_margin = |page: &Page, line: &Line| {
        let zone = (page.top - page.bottom) * MARGIN_ZONE;
        line.y >= page.top - zone || line.y <= page.bottom + zone
    };
    let key = |line: &Line| {
        let text: String = line
            .text
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        (text, (line.y / 3.0).round() as i64)
    };
    let mut pages_with: HashMap<(String, i64), HashSet<usize>> = HashMap::new();
    for (number, page_lines) in lines.iter().enumerate() {
        for line in page_lines {
            if in_margin(&pages[number], line) {
                pages_with.entry(key(line)).or_default().insert(number);
            }
        }
    }
    let repeats = |line: &Line| {
        pages_with
            .get(&key(line))
            .is_some_and(|on| on.len() >= 2 && 2 * on.len() + 1 >= pages.len())
    };
    let mut dropped = 0;
    for (number, page_lines) in lines.iter_mut().enumerate() {
        let page = &pages[number];
        let running: Vec<bool> = page_lines
            .iter()
            .map(|line| in_margin(page, line) && (repeats(line) || is_page_number(&line.text)))
            .collect();
        // A running line stands apart from the text: farther from the nearest line that is not
        // running than a line of text is from the next.
        let apart = |line: &Line| {
            page_lines
                .iter()
                .zip(&running)
                .filter(|(_, running)| !**running)
                .map(|(other, _)| (other.y - line.y).abs())
                .filter(|distance| *distance > 0.35 * line.size)
                .fold(f32::INFINITY, f32::min)
                >= 1.4 * line.size
        };
        let keep: Vec<bool> = page_lines
            .iter()
            .zip(&running)
            .map(|(line, running)| !(*running && apart(line)))
            .collect();
        let before = page_lines.len();
        let mut index = 0;
        page_lines.retain(|_| {
            index += 1;
            keep[index - 1]
        });
        dropped += before - page_lines.len();
    }
    dropped
}

/// Whether a line is only a page number: "7", "- 7 -", "Page 7", "7 of 12", "7/12", "vii".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare = lower
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'))
        .trim_start_matches("page")
        .trim_start_matches("p.")
        .trim();
    let numbers: Vec<&str> = bare
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|part| !part.is_empty() && *part != "of")
        .collect();
    let numeral = |part: &str| {
        part.chars().all(|c| c.is_ascii_digit())
            || (part.len() <= 6 && part.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
    };
    matches!(numbers.len(), 1 | 2) && numbers.iter().all(|part| numeral(part))
}

/// How lines are joined into a paragraph's text.
enum Join {
    /// A space: the line was wrapped between words.
    Space,
    /// Nothing: the line ended in a soft hyphen, or a hyphen inside a word the text writes
    /// unhyphenated elsewhere (decided once the whole text is known).
    Hyphen,
    /// Nothing: the line is one word that fills it (a long web address broken where it
    /// reached the edge).
    Glue,
}

/// Joins lines into paragraphs. A paragraph ends where the space to the next line is clearly
/// wider than the text's usual line spacing, or the type size changes. Across a column or page
/// break it goes on unless the line before ended a sentence and the next starts with a capital.
fn join_lines(lines: &[Line]) -> Vec<String> {
    let pitch = usual_pitch(lines);
    let full = filled_lines(lines);
    // Each paragraph as lines and the join before each line after the first.
    let mut paragraphs: Vec<Vec<(Option<Join>, &str)>> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| &lines[i]);
        let continues = previous.is_some_and(|previous| continues(previous, line, pitch));
        let text = line.text.as_str();
        match paragraphs.last_mut() {
            Some(paragraph) if continues => {
                let last = paragraph.last().map_or("", |(_, text)| *text);
                let join = if ends_in_hyphen(last) && continues_word(last, text) {
                    Join::Hyphen
                } else if full[index - 1] && !last.contains(char::is_whitespace) {
                    Join::Glue
                } else {
                    Join::Space
                };
                paragraph.push((Some(join), text));
            }
            _ => paragraphs.push(vec![(None, text)]),
        }
    }
    let hyphens = Hyphenation::of(lines, &paragraphs);
    paragraphs
        .into_iter()
        .map(|paragraph| {
            let mut text = String::new();
            for (join, line) in paragraph {
                match join {
                    Some(Join::Hyphen) => hyphens.join(&mut text, line),
                    Some(Join::Glue) => text.push_str(line),
                    Some(Join::Space) => {
                        text.push(' ');
                        text.push_str(line);
                    }
                    None => text.push_str(line),
                }
            }
            text
        })
        .collect()
}

/// For each line, whether it reaches its column's right edge: it ends nearly as far right as
/// the lines of its page that overlap it sideways (its column), less about a letter. Pages of
/// more than a few thousand lines are not measured.
fn filled_lines(lines: &[Line]) -> Vec<bool> {
    let mut filled = vec![false; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let page = lines[start].page;
        let end = start + lines[start..].iter().take_while(|l| l.page == page).count();
        let on_page = &lines[start..end];
        if on_page.len() <= 4000 {
            for (index, line) in on_page.iter().enumerate() {
                let edge = on_page
                    .iter()
                    .filter(|other| other.x0 < line.x1 && other.x1 > line.x0)
                    .map(|other| other.x1)
                    .fold(line.x1, f32::max);
                // A broken word leaves at most about a letter's width free.
                filled[start + index] = edge - line.x1 <= line.size.max(0.03 * (edge - line.x0));
            }
        }
        start = end;
    }
    filled
}

/// Whether `line` goes on the paragraph of `previous`.
fn continues(previous: &Line, line: &Line, pitch: f32) -> bool {
    let size = previous.size.max(line.size);
    if (previous.size - line.size).abs() > 0.15 * size {
        return false;
    }
    let same_column = previous.page == line.page && line.y < previous.y;
    if same_column && line.x0 < previous.x1 + size {
        return previous.y - line.y <= pitch * 1.3 * size;
    }
    // A new column or page, or a line that starts right of the previous one's end (text
    // beside text): the sentence decides.
    let ends_sentence = previous
        .text
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»'])
        .ends_with(['.', '!', '?', ':', '…']);
    !ends_sentence || starts_lowercase(&line.text)
}

/// The text's usual distance from one baseline to the next, in ems: the smaller part of the
/// distances between successive lines of one column, so that paragraph spacing stands out.
fn usual_pitch(lines: &[Line]) -> f32 {
    let mut ratios: Vec<f32> = lines
        .windows(2)
        .filter(|pair| pair[0].page == pair[1].page && pair[1].y < pair[0].y)
        .map(|pair| (pair[0].y - pair[1].y) / pair[0].size.max(pair[1].size))
        .filter(|ratio| ratio.is_finite() && *ratio > 0.5 && *ratio < 4.0)
        .collect();
    if ratios.is_empty() {
        return 1.2;
    }
    ratios.sort_by(f32::total_cmp);
    ratios[ratios.len() / 5]
}

fn ends_in_hyphen(text: &str) -> bool {
    let mut chars = text.chars().rev();
    matches!(chars.next(), Some('-' | '\u{2010}' | '\u{ad}'))
        && chars.next().is_some_and(char::is_alphabetic)
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `next` can go on a word that `previous` broke with a hyphen: it starts with a
/// lowercase letter, or with a capital after a capital ("PRO-" "GRAM").
fn continues_word(previous: &str, next: &str) -> bool {
    let before_hyphen = previous.chars().rev().nth(1);
    let first = next.chars().next();
    first.is_some_and(char::is_lowercase)
        || (first.is_some_and(char::is_uppercase) && before_hyphen.is_some_and(char::is_uppercase))
}

/// What the text says about its hyphens at line ends: the words it writes whole, the
/// hyphenated compounds it writes within lines, and whether its word processor hyphenated
/// words at all.
struct Hyphenation {
    /// Words written whole, lowercased, and how often; the halves of words broken at line
    /// ends are not counted.
    known: HashMap<String, usize>,
    /// Hyphenated words written within a line, lowercased ("well-known"), and how often.
    compounds: HashMap<String, usize>,
    /// Whether the line ends show a word processor's hyphenation: more breaks join into a
    /// word the text writes whole than into a compound it writes, or most breaks cut words
    /// into halves the text never uses ("underscor-" "ing"). Without it, every hyphen at a
    /// line's end is a compound's own.
    hyphenates: bool,
}

impl Hyphenation {
    fn of(lines: &[Line], paragraphs: &[Vec<(Option<Join>, &str)>]) -> Self {
        let mut known: HashMap<String, usize> = HashMap::new();
        let mut compounds: HashMap<String, usize> = HashMap::new();
        let mut after_hyphen = false;
        for line in lines {
            let hyphen = ends_in_hyphen(&line.text);
            let words: Vec<&str> = line
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .map(|word| word.trim_matches('-'))
                .filter(|word| !word.is_empty())
                .collect();
            let whole = words.len().saturating_sub(usize::from(hyphen));
            for word in words.iter().take(whole).skip(usize::from(after_hyphen)) {
                let word = word.to_lowercase();
                if word.contains('-') {
                    for part in word.split('-').filter(|p| !p.is_empty()) {
                        *known.entry(part.to_owned()).or_default() += 1;
                    }
                    *compounds.entry(word).or_default() += 1;
                } else {
                    *known.entry(word).or_default() += 1;
                }
            }
            after_hyphen = hyphen;
        }
        let mut hyphenation = Self {
            known,
            compounds,
            hyphenates: false,
        };
        let (mut whole, mut compound, mut halves, mut breaks) = (0, 0, 0, 0);
        for paragraph in paragraphs {
            for pair in paragraph.windows(2) {
                if let (Some(Join::Hyphen), Some((head, tail))) =
                    (&pair[1].0, halves_of(pair[0].1, pair[1].1))
                {
                    breaks += 1;
                    whole += usize::from(hyphenation.writes_whole(&head, &tail));
                    compound += usize::from(hyphenation.writes_compound(&head, &tail));
                    halves += usize::from(!hyphenation.word(&head) && !hyphenation.word(&tail));
                }
            }
        }
        hyphenation.hyphenates =
            whole > compound || (whole == compound && halves >= 3 && 2 * halves > breaks);
        hyphenation
    }

    fn word(&self, part: &str) -> bool {
        part.chars().count() >= 2 && self.known.contains_key(&part.to_lowercase())
    }

    fn whole_count(&self, head: &str, tail: &str) -> usize {
        let whole = format!("{head}{tail}").to_lowercase();
        self.known.get(&whole).copied().unwrap_or(0)
    }

    fn compound_count(&self, head: &str, tail: &str) -> usize {
        let compound = format!("{head}-{tail}").to_lowercase();
        self.compounds.get(&compound).copied().unwrap_or(0)
    }

    /// The text writes the joined word more often than the compound.
    fn writes_whole(&self, head: &str, tail: &str) -> bool {
        self.whole_count(head, tail) > self.compound_count(head, tail)
    }

    /// The text writes the compound at least as often as the joined word, and at all.
    fn writes_compound(&self, head: &str, tail: &str) -> bool {
        let compound = self.compound_count(head, tail);
        compound > 0 && compound >= self.whole_count(head, tail)
    }

    /// Appends `line` to `text`, which ends in a hyphen. A soft hyphen goes. A hard one goes
    /// if the text writes the joined word whole; it stays if the text writes the compound, or
    /// does not hyphenate words at all. Otherwise it goes (a word processor broke the word:
    /// "underscor-" "ing") unless both halves are words the text uses alone or the first is
    /// an abbreviation ("well-" "known", "US-" "led").
    fn join(&self, text: &mut String, line: &str) {
        let Some((head, tail)) = halves_of(text, line) else {
            text.push_str(line);
            return;
        };
        let soft = text.ends_with('\u{ad}');
        let abbreviation = head.chars().count() >= 2
            && head.chars().all(char::is_uppercase)
            && tail.chars().next().is_some_and(char::is_lowercase);
        let keep = !soft
            && !self.writes_whole(&head, &tail)
            && (self.writes_compound(&head, &tail)
                || !self.hyphenates
                || abbreviation
                || (self.word(&head) && self.word(&tail)));
        if !keep {
            text.pop();
        }
        text.push_str(line);
    }
}

/// The word before a line-end hyphen and the word that starts the next line.
fn halves_of(before: &str, next: &str) -> Option<(String, String)> {
    let before = before.strip_suffix(['-', '\u{2010}', '\u{ad}'])?;
    let head: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of glyphs at 10 pt starting at `x` on baseline `y`, each character 5 pt wide,
    /// with no space glyphs: words are told apart by the gaps between them.
    fn line(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        let mut at = x;
        for c in text.chars() {
            if c == ' ' {
                at += 3.0;
                continue;
            }
            glyphs.push(Glyph {
                text: c.to_string(),
                x: at,
                end: at + 5.0,
                y,
                size: 10.0,
            });
            at += 5.0;
        }
        glyphs
    }

    fn page(lines: &[(&str, f32, f32)]) -> Page {
        Page {
            bottom: 0.0,
            top: 800.0,
            glyphs: lines
                .iter()
                .flat_map(|(text, x, y)| line(text, *x, *y))
                .collect(),
        }
    }

    #[test]
    fn words_are_told_apart_by_the_gaps_between_glyphs_and_lines_join_into_paragraphs() {
        let text = paragraphs(&[page(&[
            ("The council met on", 50.0, 700.0),
            ("Tuesday night.", 50.0, 688.0),
            ("It voted to close", 50.0, 664.0),
            ("the library.", 50.0, 652.0),
        ])]);
        assert_eq!(
            text.paragraphs,
            [
                "The council met on Tuesday night.",
                "It voted to close the library."
            ]
        );
    }

    #[test]
    fn two_columns_are_read_one_after_the_other_under_a_headline_across_both() {
        // The columns' lines share baselines: read across, they would interleave.
        let text = paragraphs(&[page(&[
            ("Storm closes the harbour", 50.0, 740.0),
            ("Left one starts", 50.0, 700.0),
            ("and goes on", 50.0, 688.0),
            ("here.", 50.0, 676.0),
            ("Right one begins", 300.0, 700.0),
            ("and goes on to", 300.0, 688.0),
            ("end there.", 300.0, 676.0),
        ])]);
        assert_eq!(
            text.paragraphs,
            [
                "Storm closes the harbour",
                "Left one starts and goes on here.",
                "Right one begins and goes on to end there."
            ]
        );
    }

    #[test]
    fn a_river_of_word_spaces_through_two_justified_lines_is_not_a_gutter() {
        // Justified: the gaps before "the" and "development" line up over "process).".
        let text = paragraphs(&[page(&[
            ("throughout", 28.0, 700.0),
            ("the", 104.0, 700.0),
            ("development", 142.0, 700.0),
            ("process).", 28.0, 689.0),
        ])]);
        assert_eq!(text.paragraphs, ["throughout the development process)."]);
    }

    #[test]
    fn running_headers_and_page_numbers_go_and_a_paragraph_cut_by_the_page_is_joined() {
        let pages = [
            page(&[
                ("Daily Courier, 3 May", 50.0, 780.0),
                ("The mayor said the budget", 50.0, 700.0),
                ("would be cut by", 50.0, 688.0),
                ("1", 300.0, 30.0),
            ]),
            page(&[
                ("Daily Courier, 4 May", 50.0, 780.0),
                ("ten percent next year.", 50.0, 700.0),
                ("Page 2 of 2", 300.0, 30.0),
            ]),
        ];
        let text = paragraphs(&pages);
        assert_eq!(
            text.paragraphs,
            ["The mayor said the budget would be cut by ten percent next year."]
        );
        assert_eq!(text.dropped, 4);
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined_unless_it_is_a_compound_of_known_words() {
        let text = paragraphs(&[page(&[
            ("The information was a well-", 50.0, 700.0),
            ("known secret; the infor-", 50.0, 688.0),
            ("mation leaked, as was well known. UNDER-", 50.0, 676.0),
            ("STOOD? Under-", 50.0, 664.0),
            ("scoring it, co-", 50.0, 652.0),
            ("operation ended in US-", 50.0, 640.0),
            ("led talks.", 50.0, 628.0),
        ])]);
        assert_eq!(
            text.paragraphs,
            [
                "The information was a well-known secret; the information leaked, as was well \
              known. UNDERSTOOD? Underscoring it, cooperation ended in US-led talks."
            ]
        );
    }

    #[test]
    fn ligatures_are_folded_into_their_letters() {
        let glyph = |text: &str, x: f32, end: f32| Glyph {
            text: text.to_owned(),
            x,
            end,
            y: 700.0,
            size: 10.0,
        };
        let glyphs = vec![
            glyph("e", 50.0, 55.0),
            glyph("\u{fb00}", 55.0, 63.0),
            glyph("e", 63.0, 68.0),
            glyph("c", 68.0, 73.0),
            glyph("t", 73.0, 78.0),
        ];
        let text = paragraphs(&[Page {
            bottom: 0.0,
            top: 800.0,
            glyphs,
        }]);
        assert_eq!(text.paragraphs, ["effect"]);
    }

    #[test]
    fn page_numbers_are_recognised_in_their_usual_forms() {
        for number in ["7", "- 7 -", "Page 7", "7 of 12", "7/12", "vii", "p. 3"] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["7 dead", "Chapter 7", "Iowa", "2024 budget"] {
            assert!(!is_page_number(text), "{text}");
        }
    }
}
