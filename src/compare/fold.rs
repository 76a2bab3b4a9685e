//! Folding text by the [`CompareOptions`] into keys that compare equal when a reader would not
//! see a difference worth reporting.

use std::hash::BuildHasher;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::CompareOptions;
use crate::text::{Token, has_doubled};

/// Currency signs: part of an amount for the numbers facet, and never ignored as punctuation.
pub(crate) const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₽', '₹', '₩', '¢'];

/// Symbols other than currency signs that carry meaning in figures; "ignore punctuation" keeps
/// them.
const MEANINGFUL_SYMBOLS: &[char] = &['%', '‰', '+', '=', '<', '>', '°', '§', '#', '&', '@'];

/// Turns text into comparison keys according to the options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Folder {
    options: CompareOptions,
}

impl Folder {
    pub(crate) fn new(options: CompareOptions) -> Self {
        Self { options }
    }

    /// A key for a whole paragraph: equal keys mean equal paragraphs under the options.
    pub(crate) fn paragraph_key(&self, text: &str, buf: &mut String) -> u64 {
        if self.folds_nothing(text) {
            return hash(text);
        }
        buf.clear();
        self.fold_into(text, buf);
        if self.options.ignore_punctuation {
            // Removing punctuation may leave double spaces ("a , b"): fold them again.
            let folded: String = buf.split_whitespace().collect::<Vec<_>>().join(" ");
            return hash(&folded);
        }
        hash(buf)
    }

    /// A key for one token, or `None` when the options say to ignore it.
    pub(crate) fn token_key(&self, text: &str, buf: &mut String) -> Option<u64> {
        // Most tokens are ASCII words that no option changes.
        if !text.is_empty() && self.folds_nothing(text) {
            return Some(hash(text));
        }
        buf.clear();
        self.fold_into(text, buf);
        (!buf.is_empty()).then(|| hash(buf))
    }

    /// Whether folding leaves `text` as it is, so that the text is its own key and the copy
    /// folding makes can be skipped: ASCII (no quote, dash or compatibility form to fold, already
    /// NFC) with case and punctuation compared, and no run of hyphens when dashes are folded (a
    /// single hyphen stays a hyphen).
    fn folds_nothing(&self, text: &str) -> bool {
        let o = &self.options;
        text.is_ascii()
            && !o.ignore_case
            && !o.ignore_punctuation
            && (!o.fold_quotes || !has_doubled(text.as_bytes(), b'-'))
    }

    /// Keys for a paragraph's tokens, keeping the token index of each key.
    pub(crate) fn token_keys(&self, text: &str, tokens: &[Token]) -> (Vec<u64>, Vec<usize>) {
        let mut buf = String::new();
        let mut keys = Vec::with_capacity(tokens.len());
        let mut index = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if let Some(k) = self.token_key(&text[t.range.clone()], &mut buf) {
                keys.push(k);
                index.push(i);
            }
        }
        (keys, index)
    }

    fn fold_into(&self, text: &str, out: &mut String) {
        if text.is_ascii() {
            self.fold_chars(text.chars(), out);
        } else if self.options.fold_compat {
            self.fold_chars(text.nfkc(), out);
        } else if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            self.fold_chars(text.chars(), out);
        } else {
            // Canonical equivalents (a precomposed é and e + combining accent) always match.
            self.fold_chars(text.nfc(), out);
        }
    }

    fn fold_chars(&self, chars: impl Iterator<Item = char>, out: &mut String) {
        let o = &self.options;
        let mut pending_hyphens = 0usize;
        for c in chars {
            if o.fold_quotes && c == '-' {
                pending_hyphens += 1;
                continue;
            }
            flush_hyphens(&mut pending_hyphens, out);
            let c = if o.fold_quotes { fold_quote(c) } else { c };
            if o.ignore_punctuation && is_punctuation(c) {
                continue;
            }
            if o.ignore_case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        flush_hyphens(&mut pending_hyphens, out);
    }
}

/// A single hyphen stays a hyphen; two or more typed hyphens are a dash.
fn flush_hyphens(count: &mut usize, out: &mut String) {
    match *count {
        0 => {}
        1 => out.push('-'),
        _ => out.push('—'),
    }
    *count = 0;
}

/// A typographic quote, apostrophe or dash as the plain form the "fold quotes and dashes" option
/// compares (and find matches): ' for apostrophes and single quotes, " for double quotes, an
/// em dash for the other dashes.
pub(crate) fn fold_quote(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        '–' | '―' => '—',
        other => other,
    }
}

/// Punctuation for "ignore punctuation": anything that is not a letter, digit, space or one of
/// the symbols that carry meaning in figures.
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !MEANINGFUL_SYMBOLS.contains(&c)
        && !CURRENCY_SIGNS.contains(&c)
}

/// A 64-bit fingerprint of folded text: equal keys are taken as equal text. foldhash's quality
/// variant passes SMHasher3 and hashes several times faster than the standard library's
/// SipHash, which showed in profiles (every paragraph and every word of a change is keyed).
fn hash(text: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x5265_646c_696e_6521).hash_one(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn same(options: CompareOptions, a: &str, b: &str) -> bool {
        let f = Folder::new(options);
        let mut buf = String::new();
        f.paragraph_key(a, &mut buf) == f.paragraph_key(b, &mut buf)
    }

    const NONE: CompareOptions = CompareOptions {
        ignore_case: false,
        fold_quotes: false,
        fold_compat: false,
        ignore_punctuation: false,
    };

    #[test]
    fn each_option_folds_only_its_own_difference() {
        let case = CompareOptions {
            ignore_case: true,
            ..NONE
        };
        assert!(same(case, "Putin said", "putin SAID"));
        assert!(!same(NONE, "Putin said", "putin said"));

        let quotes = CompareOptions {
            fold_quotes: true,
            ..NONE
        };
        assert!(same(
            quotes,
            "China’s “no limits” — then",
            "China's \"no limits\" -- then"
        ));
        assert!(same(quotes, "a – b", "a — b"));
        assert!(!same(quotes, "one-China", "one—China"));
        assert!(!same(NONE, "China’s", "China's"));

        let compat = CompareOptions {
            fold_compat: true,
            ..NONE
        };
        assert!(same(compat, "ﬁnal ２０２２", "final 2022"));
        assert!(!same(NONE, "ﬁnal", "final"));

        let punct = CompareOptions {
            ignore_punctuation: true,
            ..NONE
        };
        assert!(same(punct, "Yes, he said.", "Yes he said"));
        assert!(!same(punct, "5%", "5"));
        assert!(!same(NONE, "Yes, he said.", "Yes he said"));
    }

    #[test]
    fn canonical_equivalents_always_match() {
        assert!(same(NONE, "caf\u{e9}", "cafe\u{301}"));
    }
}
