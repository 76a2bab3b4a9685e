//! Words, punctuation and sentences inside a paragraph (Unicode word and sentence boundaries).

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
    let mut out: Vec<Token> = Vec::new();
    for (start, piece) in text.split_word_bound_indices() {
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        let range = start..start + piece.len();
        if piece == "-"
            && let Some(last) = out.last_mut()
            && last.range.end == start
            && text[last.range.clone()].bytes().all(|b| b == b'-')
        {
            last.range.end = range.end;
            continue;
        }
        out.push(Token {
            range,
            is_word: piece.chars().any(char::is_alphanumeric),
        });
    }
    out
}

/// The number of words (not punctuation) in `text`.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// The byte ranges of the sentences in `text`, trailing whitespace excluded.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    text.split_sentence_bound_indices()
        .map(|(start, s)| start..start + s.trim_end().len())
        .filter(|r| !r.is_empty())
        .collect()
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

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("“No limits,” he said — twice."), 5);
    }

    #[test]
    fn splits_sentences() {
        let text = "It was late. Putin left! Did Xi stay?";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["It was late.", "Putin left!", "Did Xi stay?"]);
    }
}
