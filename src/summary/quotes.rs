//! Quoted passages: “…”, "…", and ‘…’ where the marks are quotes rather than apostrophes.
//!
//! Rules: a quote opens at `“`, at `"` or `‘` that starts a word (start of text, after a space
//! or an opening bracket or dash), and closes at the next matching mark: `”`; a `"`; or a `’`
//! that ends a word (followed by the end, a space or punctuation, and not between two letters,
//! which is an apostrophe as in "hasn’t"). A quote with no word in it, or never closed within
//! the paragraph, is not listed. The marks are kept in the result.

use super::facts::fact_key;

/// The quoted passages of a paragraph, with their quote marks, in order.
pub(crate) fn quotes(text: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let close = match c {
            '“' => Some('”'),
            '"' if starts_word(&chars, i) => Some('"'),
            '‘' if starts_word(&chars, i) => Some('’'),
            _ => None,
        };
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let end = (i + 1..chars.len())
            .find(|&j| chars[j].1 == close && (close != '’' || ends_word(&chars, j)));
        match end {
            Some(j) => {
                let stop = chars[j].0 + close.len_utf8();
                let quote = &text[start..stop];
                if quote.chars().any(char::is_alphanumeric) {
                    out.push(quote.to_owned());
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn starts_word(chars: &[(usize, char)], i: usize) -> bool {
    let before = i.checked_sub(1).map(|p| chars[p].1);
    let after = chars.get(i + 1).map(|c| c.1);
    matches!(before, None | Some(' ' | '(' | '[' | '—' | '–' | '-' | ':'))
        && after.is_some_and(|c| !c.is_whitespace())
}

fn ends_word(chars: &[(usize, char)], j: usize) -> bool {
    let before = chars[j - 1].1;
    let after = chars.get(j + 1).map(|c| c.1);
    !before.is_whitespace() && !after.is_some_and(char::is_alphanumeric)
}

/// Two quotes are the same quote altered when at least half their words are shared.
pub(crate) fn alike(old: &str, new: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        fact_key(s, true)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (words(old), words(new));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    2 * shared >= a.len().min(b.len()).max(1) && shared > 0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_curly_straight_and_single_quotes() {
        assert_eq!(
            quotes("He said “no limits,” then \"never\" and ‘perhaps’ again."),
            ["“no limits,”", "\"never\"", "‘perhaps’"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("Xi hasn’t provided aid, and he’s warned China’s rivals.").is_empty());
        assert_eq!(quotes("the ‘hasn’t’ era"), ["‘hasn’t’"]);
        assert!(quotes("the nations’ ties and ‘unclosed").is_empty());
    }

    #[test]
    fn empty_or_unclosed_quotes_are_not_listed() {
        assert!(quotes("“ ” and “open").is_empty());
    }

    #[test]
    fn altered_quotes_share_words() {
        assert!(alike(
            "“the best level in history”",
            "“the best level in decades”"
        ));
        assert!(!alike(
            "“no limits”",
            "“comprehensive strategic coordination”"
        ));
    }
}
