//! Words and punctuation inside a paragraph (Unicode word boundaries).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One word or punctuation mark of a paragraph, by its byte range in the paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the paragraph text.
    pub range: Range<usize>,
    /// Whether it contains a letter or digit (a word), as opposed to punctuation or a symbol.
    pub is_word: bool,
}

/// Splits paragraph text into words and punctuation, dropping whitespace.
///
/// Runs of hyphens stay together, so `--` (a typed dash) is one token like `—`.
///
/// ```
/// let text = "Xi said -- again.";
/// let words: Vec<&str> = redline::text::tokens(text).iter().map(|t| &text[t.range.clone()]).collect();
/// assert_eq!(words, ["Xi", "said", "--", "again", "."]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    // About one token per five bytes in prose: one allocation instead of a dozen regrowths.
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 4);
    each_token(text, |range, is_word| out.push(Token { range, is_word }));
    out
}

/// Calls `token` with the byte range of each token [`tokens`] finds and whether it is a word,
/// in order, without building the list: the word streams of re-laid-out text hash each token as
/// it comes.
pub(crate) fn each_token(text: &str, mut token: impl FnMut(Range<usize>, bool)) {
    let bytes = text.as_bytes();
    // The token before, held back until it is clear that no hyphen joins it.
    let mut held: Option<(Range<usize>, bool)> = None;
    let mut push = |range: Range<usize>, is_word: bool| {
        if let Some((last, _)) = held.as_mut()
            && bytes[range.clone()] == *b"-"
            && last.end == range.start
            && bytes[last.clone()].iter().all(|&b| b == b'-')
        {
            last.end = range.end;
        } else if let Some((last, was_word)) = held.replace((range, is_word)) {
            token(last, was_word);
        }
    };
    let fast = if text.is_ascii() {
        ascii_segments(bytes, &mut push)
    } else {
        fast_segments(text, &mut push)
    };
    if fast.is_none() {
        unicode_segments(text, &mut push);
    }
    if let Some((last, is_word)) = held {
        token(last, is_word);
    }
}

/// Splits text into word segments by Unicode's rules (UAX #29), calling `segment` with each
/// segment's byte range and whether it holds a letter or digit; spaces are skipped.
///
/// UAX #29 leaves scripts written without spaces to dictionaries: it cuts Chinese and Japanese
/// into single characters ("加强合作" into four) and Thai, Lao, Khmer and Burmese into single
/// letters or whole runs. Text with any of them goes to ICU4X's segmenter, which applies the
/// same rules elsewhere and finds their words with a dictionary (Chinese, Japanese) or an LSTM
/// model (the others), so a change marks "合作" whole, not "合|作".
fn unicode_segments(text: &str, mut segment: impl FnMut(Range<usize>, bool)) {
    let mut emit = |range: Range<usize>| {
        let piece = &text[range.clone()];
        if !piece.chars().all(char::is_whitespace) {
            segment(range, piece.chars().any(char::is_alphanumeric));
        }
    };
    if !text.chars().any(without_spaces) {
        for (start, piece) in text.split_word_bound_indices() {
            emit(start..start + piece.len());
        }
        return;
    }
    let segmenter = icu_segmenter::WordSegmenter::new_auto(
        icu_segmenter::options::WordBreakInvariantOptions::default(),
    );
    let mut start = 0;
    for end in segmenter.segment_str(text) {
        if end > start {
            emit(start..end);
        }
        start = end;
    }
}

/// Whether `c` belongs to a script written without spaces between words: Han, Hiragana,
/// Katakana, Thai, Lao, Khmer, Burmese.
fn without_spaces(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'      // Thai, Lao
        | '\u{1000}'..='\u{109f}'    // Myanmar
        | '\u{1780}'..='\u{17ff}'    // Khmer
        | '\u{19e0}'..='\u{19ff}'    // Khmer symbols
        | '\u{3040}'..='\u{30ff}'    // Hiragana, Katakana
        | '\u{31f0}'..='\u{31ff}'    // Katakana phonetic extensions
        | '\u{3400}'..='\u{4dbf}'    // CJK extension A
        | '\u{4e00}'..='\u{9fff}'    // CJK unified ideographs
        | '\u{a9e0}'..='\u{a9ff}'    // Myanmar extended B
        | '\u{aa60}'..='\u{aa7f}'    // Myanmar extended A
        | '\u{f900}'..='\u{faff}'    // CJK compatibility ideographs
        | '\u{ff66}'..='\u{ff9f}'    // halfwidth Katakana
        | '\u{20000}'..='\u{3134f}'  // CJK extensions B to G
    )
}

/// The number of words (not punctuation) in `text`, as Unicode word boundaries (UAX #29) count
/// them, with the words of Chinese, Japanese, Thai, Lao, Khmer and Burmese found as
/// [`tokens`] finds them.
///
/// Word counts are taken of every paragraph of both files, so the common case is done by hand:
/// text made only of ASCII, Latin-1 letters and typographic quotes and dashes is counted in one
/// pass by the same rules UAX #29 applies to those characters; anything else goes to the full
/// segmenter.
pub fn word_count(text: &str) -> usize {
    fast_word_count(text).unwrap_or_else(|| {
        let mut words = 0;
        unicode_segments(text, |_, is_word| words += usize::from(is_word));
        words
    })
}

/// UAX #29 word classes of the characters [`fast_word_count`] handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// ALetter: a letter.
    Letter,
    /// Numeric: a digit.
    Digit,
    /// ExtendNumLet: `_`, joins anything.
    Connector,
    /// MidLetter (`:`): joins two letters.
    MidLetter,
    /// MidNumLet and Single_Quote (`.` `'` `‘` `’`): join two letters or two digits.
    MidNumLet,
    /// MidNum (`,` `;`): joins two digits.
    MidNum,
    /// Anything else that ends a word.
    Other,
}

/// [`word_class`] of each ASCII character, worked out once at compile time.
const ASCII_CLASSES: [Option<WordClass>; 128] = {
    use WordClass::*;
    let mut table = [None; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Some(Letter),
            b'0'..=b'9' => Some(Digit),
            b'_' => Some(Connector),
            b':' => Some(MidLetter),
            b'.' | b'\'' => Some(MidNumLet),
            b',' | b';' => Some(MidNum),
            b' '..=b'~' | b'\t' | b'\n' | b'\r' => Some(Other),
            _ => None,
        };
        b += 1;
    }
    table
};

fn word_class(c: char) -> Option<WordClass> {
    use WordClass::*;
    // Most characters are ASCII: look those up instead of matching (this runs per character).
    if let Some(&class) = ASCII_CLASSES.get(c as usize) {
        return class;
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' => MidNumLet,
        '\u{2013}' | '\u{2014}' | '\u{201c}' | '\u{201d}' | '\u{2026}' => Other,
        '\u{c0}'..='\u{ff}' if c != '\u{d7}' && c != '\u{f7}' => Letter,
        _ => return None,
    })
}

/// Splits text into UAX #29 word segments by the rules for the characters [`word_class`]
/// knows, calling `segment` with each segment's byte range and whether it holds a letter or
/// digit; spaces are skipped. Returns `None`, having reported nothing, if the text has any
/// other character.
fn fast_segments(text: &str, mut segment: impl FnMut(Range<usize>, bool)) -> Option<()> {
    use WordClass::*;
    if !text.chars().all(|c| word_class(c).is_some()) {
        return None;
    }
    let class = |c: char| word_class(c).unwrap_or(Other);
    // The open word: where it starts, the class of its last letter, digit or connector, and
    // whether it holds a letter or digit.
    let mut open: Option<(usize, WordClass, bool)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let cls = class(c);
        let next = chars.peek().map_or(Other, |&(_, n)| class(n));
        let joins = match (open, cls) {
            (_, Letter | Digit | Connector) => true,
            (Some((_, Letter, _)), MidLetter | MidNumLet) => next == Letter,
            (Some((_, Digit, _)), MidNum | MidNumLet) => next == Digit,
            _ => false,
        };
        if joins {
            let (start, last, alnum) = open.unwrap_or((at, cls, false));
            let last = if matches!(cls, Letter | Digit | Connector) {
                cls
            } else {
                last
            };
            open = Some((start, last, alnum || matches!(cls, Letter | Digit)));
            continue;
        }
        if let Some((start, _, alnum)) = open.take() {
            segment(start..at, alnum);
        }
        if !c.is_whitespace() {
            segment(at..at + c.len_utf8(), false);
        }
    }
    if let Some((start, _, alnum)) = open {
        segment(start..text.len(), alnum);
    }
    Some(())
}

/// [`fast_segments`] for ASCII text, a byte at a time: a word is scanned in a tight loop instead
/// of character by character through the general state machine (this runs on every word of
/// every changed paragraph, for the word diff and again for the fact check).
fn ascii_segments(text: &[u8], mut segment: impl FnMut(Range<usize>, bool)) -> Option<()> {
    // The characters the table knows: printable ASCII, tab and line breaks. Checked by a scan
    // without early exit, which the compiler turns into vector code, not a lookup per byte.
    let known = text.iter().fold(true, |known, &b| {
        known & ((b' '..0x7f).contains(&b) | (b == b'\t') | (b == b'\n') | (b == b'\r'))
    });
    if !known {
        return None;
    }
    // The classes as bits of one byte per character: a word's bytes are tested with a mask,
    // not matched against an enum (this loop runs on every byte of every re-laid-out gap).
    let flags = |i: usize| {
        text.get(i)
            .map_or(0, |&b| SEGMENT_FLAGS[usize::from(b & 0x7f)])
    };
    let mut i = 0;
    while i < text.len() {
        let first = flags(i);
        if first & WORD == 0 {
            if first & SPACE == 0 {
                segment(i..i + 1, false);
            }
            i += 1;
            continue;
        }
        // A word: letters, digits and connectors, and a mid mark between two letters or two
        // digits. `last` is the class of the last letter, digit or connector.
        let (start, mut last, mut alnum) = (i, first & WORD, first & (LETTER | DIGIT) != 0);
        i += 1;
        while i < text.len() {
            let f = flags(i);
            if f & WORD != 0 {
                last = f & WORD;
                alnum |= f & (LETTER | DIGIT) != 0;
            } else if !(f & JOINS_LETTERS != 0 && last == LETTER && flags(i + 1) & LETTER != 0
                || f & JOINS_DIGITS != 0 && last == DIGIT && flags(i + 1) & DIGIT != 0)
            {
                break;
            }
            i += 1;
        }
        segment(start..i, alnum);
    }
    Some(())
}

/// A connector (`_`, ExtendNumLet), which joins anything: with [`LETTER`] and [`DIGIT`], what a
/// word is made of.
const CONNECTOR: u8 = 16;
const WORD: u8 = LETTER | DIGIT | CONNECTOR;
/// Whitespace, which ends a word and is no token.
const SPACE: u8 = 32;

/// Per ASCII byte, the bits [`ascii_segments`] tests: [`ASCII_FLAGS`] with connectors and
/// whitespace.
const SEGMENT_FLAGS: [u8; 128] = {
    let mut table = ASCII_FLAGS;
    table[b'_' as usize] |= CONNECTOR;
    table[b' ' as usize] |= SPACE;
    table[b'\t' as usize] |= SPACE;
    table[b'\n' as usize] |= SPACE;
    table[b'\r' as usize] |= SPACE;
    table
};

/// [`fast_segments`] reduced to counting, for ASCII. Every paragraph of both files is counted, so this
/// avoids branching on each byte: it counts where a run of letters and digits starts, minus the
/// punctuation marks that join two runs into one word ("3.5", "don't", "a.m").
fn ascii_word_count(text: &[u8]) -> usize {
    if memchr::memchr(b'_', text).is_some() {
        // `_` joins anything to anything; rare enough to take the general path (and the full
        // segmenter when the text also has control characters the fast path does not know).
        let text = std::str::from_utf8(text).unwrap_or_default();
        let mut count = 0;
        return match fast_segments(text, |_, word| count += usize::from(word)) {
            Some(()) => count,
            None => text.unicode_words().count(),
        };
    }
    // Eight bytes at a time: the flags of eight bytes side by side in a u64, so a shift by one
    // byte gives each byte its neighbour's flags, and a popcount counts eight positions at once.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const BLOCK: usize = 64;
    let alnum = |f: u64| (f | f >> 1) & ONES;
    let flags = ascii_flags;
    let (mut starts, mut joins) = (0usize, 0usize);
    // The flags of the byte before the current eight, in the lowest byte.
    let mut prev = 0u64;
    let mut blocks = text.chunks(BLOCK).peekable();
    while let Some(block) = blocks.next() {
        // The block's flags, then the next block's first (zero past the end: not a letter).
        let mut f = [0u8; BLOCK + 8];
        for (f, &b) in f.iter_mut().zip(block) {
            *f = flags(b);
        }
        if let Some(next) = blocks.peek() {
            f[BLOCK] = next.first().map_or(0, |&b| flags(b));
        }
        for (k, eight) in f[..BLOCK].chunks_exact(8).enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(eight);
            let cur = u64::from_le_bytes(bytes);
            let before = cur << 8 | prev;
            let after = cur >> 8 | u64::from(f[8 * k + 8]) << 56;
            starts += (alnum(cur) & !alnum(before)).count_ones() as usize;
            let joins_letters = (cur >> 2) & before & after;
            let joins_digits = (cur >> 3) & (before & after) >> 1;
            joins += ((joins_letters | joins_digits) & ONES).count_ones() as usize;
            prev = cur >> 56;
        }
    }
    starts - joins
}

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const JOINS_LETTERS: u8 = 4;
const JOINS_DIGITS: u8 = 8;

/// Per ASCII byte: letter, digit, or a mark that joins two letters or two digits (UAX #29's
/// MidLetter, MidNumLet, Single_Quote and MidNum).
const ASCII_FLAGS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        // The same classes as `ASCII_CLASSES`, as bits.
        table[b] = match ASCII_CLASSES[b] {
            Some(WordClass::Letter) => LETTER,
            Some(WordClass::Digit) => DIGIT,
            Some(WordClass::MidLetter) => JOINS_LETTERS,
            Some(WordClass::MidNumLet) => JOINS_LETTERS | JOINS_DIGITS,
            Some(WordClass::MidNum) => JOINS_DIGITS,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// [`ASCII_FLAGS`] of an ASCII byte, worked out by comparisons instead of looked up: the
/// compiler turns a block of these into vector code, which a table lookup per byte defeats.
fn ascii_flags(b: u8) -> u8 {
    let letter = u8::from((b | 0x20).wrapping_sub(b'a') < 26);
    let digit = u8::from(b.wrapping_sub(b'0') < 10);
    let mid_num_let = u8::from((b == b'.') | (b == b'\''));
    let joins_letters = mid_num_let | u8::from(b == b':');
    let joins_digits = mid_num_let | u8::from((b == b',') | (b == b';'));
    (letter * LETTER)
        | (digit * DIGIT)
        | (joins_letters * JOINS_LETTERS)
        | (joins_digits * JOINS_DIGITS)
}

/// Counts words with [`fast_segments`]; `None` if the text needs the full segmenter.
fn fast_word_count(text: &str) -> Option<usize> {
    if text.is_ascii() {
        return Some(ascii_word_count(text.as_bytes()));
    }
    let mut count = 0;
    fast_segments(text, |_, word| count += usize::from(word))?;
    Some(count)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text)
            .iter()
            .map(|t| &text[t.range.clone()])
            .collect()
    }

    #[test]
    fn keeps_apostrophes_and_hyphens_inside_words() {
        assert_eq!(
            words("Russia’s one-China policy, hasn't"),
            ["Russia’s", "one", "-", "China", "policy", ",", "hasn't"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000, failure_persistence: None, ..Default::default()
        })]
        #[test]
        fn fast_tokens_agree_with_the_unicode_segmenter(text in "[a-zA-Z0-9_:.,;'‘’“”—–… \n\téÀÿ!?()-]{0,40}") {
            let mut fast = Vec::new();
            proptest::prop_assert!(fast_segments(&text, |r, w| fast.push((r, w))).is_some());
            let mut slow = Vec::new();
            for (start, piece) in text.split_word_bound_indices() {
                if !piece.chars().all(char::is_whitespace) {
                    slow.push((start..start + piece.len(), piece.chars().any(char::is_alphanumeric)));
                }
            }
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }

        #[test]
        fn hyphens_join_on_every_path(text in "[a-z ,-]{0,30}", other in "[a-zé世 -]{0,30}") {
            // ASCII, the fast path for Latin-1, and the full segmenter (for 世) alike.
            for text in [text.clone(), format!("{text}é{other}"), format!("{text}世{other}")] {
                let runs: Vec<&str> = tokens(&text).iter().map(|t| &text[t.range.clone()]).filter(|t| t.starts_with('-')).collect();
                let expected: Vec<&str> = text.split(|c: char| c != '-').filter(|r| !r.is_empty()).collect();
                proptest::prop_assert_eq!(runs, expected, "{:?}", text);
            }
        }

        #[test]
        fn ascii_tokens_agree_with_the_general_fast_path(text in "[a-zA-Z0-9_:.,;'\"!?() \n\r\t\x06\x0b\x0c\x7f-]{0,200}") {
            let mut bytewise = Vec::new();
            let mut charwise = Vec::new();
            let a = ascii_segments(text.as_bytes(), |r, w| bytewise.push((r, w)));
            let c = fast_segments(&text, |r, w| charwise.push((r, w)));
            proptest::prop_assert_eq!(a, c);
            proptest::prop_assert_eq!(bytewise, charwise, "{:?}", text);
        }

        #[test]
        fn ascii_count_agrees_with_the_unicode_segmenter(text in "[a-zA-Z0-9_:.,;'\"!?() \n\x06-]{0,200}") {
            proptest::prop_assert_eq!(word_count(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn fast_count_agrees_with_the_unicode_segmenter(text in "[a-zA-Z0-9_:.,;'‘’“”—–… éÀÿ!?()-]{0,40}") {
            proptest::prop_assert_eq!(fast_word_count(&text), Some(text.unicode_words().count()), "{:?}", text);
        }
    }

    #[test]
    fn computed_flags_are_the_table() {
        for b in 0..128u8 {
            assert_eq!(ascii_flags(b), ASCII_FLAGS[usize::from(b)], "{b}");
        }
    }

    #[test]
    fn words_joined_across_eight_byte_and_block_edges_count_once() {
        // The ASCII count works on eight and 64 bytes at a time: put the joining mark on each
        // side of those edges.
        for pad in 1..140 {
            for joined in ["don't", "3.5", "a:b", "1,000"] {
                let text = format!("{} {joined} x", "y".repeat(pad));
                assert_eq!(word_count(&text), 3, "{text:?}");
            }
        }
    }

    #[test]
    fn underscores_with_control_characters_are_still_counted() {
        // Found by fuzzing: this once counted 0.
        assert_eq!(word_count("Beijin_ has sought fffffff\u{6}"), 4);
    }

    #[test]
    fn other_scripts_go_to_the_full_segmenter() {
        assert_eq!(fast_word_count("2 × 3"), None);
        assert_eq!(word_count("2 × 3"), 2);
        // UAX #29 alone counts one per character.
        assert_eq!(word_count("今天北京的天气很好"), 5);
        assert_eq!(
            words("今天北京的天气很好"),
            ["今天", "北京", "的", "天气", "很好"]
        );
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("“No limits,” he said — twice."), 5);
    }
}
