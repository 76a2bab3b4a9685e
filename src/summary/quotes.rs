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
    let mut out = Vec::new();
    let mut at = 0;
    // Closing marks known not to occur any more: an unclosed quote then costs nothing, so a text
    // full of opening marks stays linear.
    let mut no_more: Vec<char> = Vec::new();
    while let Some((start, c)) = text[at..].char_indices().next().map(|(i, c)| (at + i, c)) {
        let after = start + c.len_utf8();
        let close = match c {
            '“' => Some('”'),
            '"' if starts_word(text, start, after) => Some('"'),
            '‘' if starts_word(text, start, after) => Some('’'),
            _ => None,
        };
        at = after;
        let Some(close) = close.filter(|c| !no_more.contains(c)) else {
            continue;
        };
        let end = text[after..]
            .char_indices()
            .map(|(i, c)| (after + i, c))
            .find(|&(i, c)| c == close && (close != '’' || ends_word(text, i, i + c.len_utf8())));
        if let Some((i, c)) = end {
            let quote = &text[start..i + c.len_utf8()];
            if quote.chars().any(char::is_alphanumeric) {
                out.push(quote.to_owned());
            }
            at = i + c.len_utf8();
        } else {
            no_more.push(close);
        }
    }
    out
}

/// Whether the mark at `start..after` opens a word: at the start, or after a space, an opening
/// bracket or a dash, and followed by something other than a space.
fn starts_word(text: &str, start: usize, after: usize) -> bool {
    let before = text[..start].chars().next_back();
    let next = text[after..].chars().next();
    matches!(before, None | Some(' ' | '(' | '[' | '—' | '–' | '-' | ':'))
        && next.is_some_and(|c| !c.is_whitespace())
}

/// Whether the mark at `start..after` closes a word: after a non-space, and not followed by a
/// letter or digit (which would make it an apostrophe, as in "hasn’t").
fn ends_word(text: &str, start: usize, after: usize) -> bool {
    let before = text[..start].chars().next_back();
    let next = text[after..].chars().next();
    before.is_some_and(|c| !c.is_whitespace()) && !next.is_some_and(char::is_alphanumeric)
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
    // A set, not a scan of `b` for each word: a quote may be a whole long paragraph.
    let in_b: std::collections::HashSet<&String> = b.iter().collect();
    let shared = a.iter().filter(|w| in_b.contains(w)).count();
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
