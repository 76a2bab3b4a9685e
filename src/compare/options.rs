//! What the comparison may ignore. Whitespace and line breaks are always ignored.

use std::time::Duration;

/// Differences a reader may not care about, each folded away only when asked.
///
/// The defaults suit editors: typographic quotes and dashes are folded (a `’` typed as `'` is
/// not a change to report), while letter case, punctuation and compatibility forms (`²`, `ﬁ`,
/// full-width letters) still count, because they can change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CompareOptions {
    /// `Putin` and `putin` are the same word.
    pub ignore_case: bool,
    /// `’` = `'`, `“ ”` = `"`, and `—`, `–`, `--` are one dash.
    pub fold_quotes: bool,
    /// Unicode compatibility forms compare as their plain letters (NFKC): `ﬁ` = `fi`.
    pub fold_compat: bool,
    /// Punctuation is not compared at all.
    pub ignore_punctuation: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self {
            ignore_case: false,
            fold_quotes: true,
            fold_compat: false,
            ignore_punctuation: false,
        }
    }
}

impl CompareOptions {
    /// A one-line description for headers and summaries, e.g. "whitespace and typographic quotes
    /// ignored; case, compatibility forms and punctuation compared" for the defaults.
    pub fn describe(&self) -> String {
        let mut folded = vec!["whitespace"];
        let mut compared = Vec::new();
        for (on, name) in [
            (self.ignore_case, "case"),
            (self.fold_quotes, "typographic quotes"),
            (self.fold_compat, "compatibility forms"),
            (self.ignore_punctuation, "punctuation"),
        ] {
            if on {
                folded.push(name)
            } else {
                compared.push(name)
            }
        }
        let mut out = format!("{} ignored", join_words(&folded));
        if !compared.is_empty() {
            out.push_str(&format!("; {} compared", join_words(&compared)));
        }
        out
    }
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How long a comparison may work before it settles for an approximate result.
///
/// Two unrelated 1 MB texts must not keep an editor waiting: past this budget the word diffs
/// stop searching for the shortest edit and the paragraph pairing uses a narrower search.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(1);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn describes_defaults_in_words() {
        assert_eq!(
            CompareOptions::default().describe(),
            "whitespace and typographic quotes ignored; case, compatibility forms and punctuation compared"
        );
    }
}
