//! Attributions: who says so. A fact-checker checks first whether a claim's source changed.
//!
//! Rules, per sentence: "according to …" and "citing …" run to the next punctuation mark (at
//! most eight words). A reporting verb ([`VERBS`]) takes the words before it back to the previous
//! punctuation mark (at most six: "the official Xinhua News Agency reported"); when a comma comes
//! right before the verb ("Volodin, speaker of the Duma, said"), the source is the sentence's
//! opening words up to its first comma instead. With nothing before it ("said Xi") it takes the
//! words after it. "told" also takes the capitalised words after it ("told Vyacheslav Volodin").

use super::prose::Prose;
use crate::text::{Token, sentences};

/// Reporting verbs that attribute a statement to a source. Words that are as often nouns or
/// other verbs ("reports", "claims", "states", "declared") are left out.
pub const VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "reported",
    "announced",
    "denied",
    "denies",
    "stated",
    "added",
    "wrote",
    "writes",
    "claimed",
    "confirmed",
    "explained",
    "noted",
    "insisted",
    "argued",
    "asserted",
    "acknowledged",
    "admitted",
    "testified",
    "tweeted",
    "alleged",
];

/// The cue words are looked for among words of this many bytes only.
const CUE_LENGTHS: std::ops::RangeInclusive<usize> = 4..=12;
const _: () = {
    let mut i = 0;
    while i < VERBS.len() {
        assert!(VERBS[i].len() >= *CUE_LENGTHS.start() && VERBS[i].len() <= *CUE_LENGTHS.end());
        i += 1;
    }
};

/// The attributions of a paragraph, as written, in order.
pub(crate) fn attributions(prose: &Prose) -> Vec<String> {
    let mut out = Vec::new();
    let text = prose.text;
    // The paragraph is tokenised once, not sentence by sentence: every sentence boundary
    // follows a punctuation token (UAX #29 breaks only after `.`, `!`, `?` and the like in text
    // without line breaks), and no span below reaches across punctuation. Only the apposition
    // rule needs where a sentence starts; that is looked up when it applies, which is rare, as
    // sentence splitting costs more than all the rest.
    let toks = prose.tokens();
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let is_punct = |i: usize| toks.get(i).is_some_and(|t| !t.is_word);
    // The cue words are ASCII: comparing without case needs no lower-cased copy of each word.
    let is = |i: usize, cue: &str| word(i).is_some_and(|w| w.eq_ignore_ascii_case(cue));
    let mut sentence_starts: Option<Vec<usize>> = None;
    let mut k = 0;
    while k < toks.len() {
        let w = &text[toks[k].range.clone()];
        // Most tokens are ruled out by their length ("according" and "citing" fit too).
        if !toks[k].is_word || !CUE_LENGTHS.contains(&w.len()) {
            k += 1;
            continue;
        }
        let according = w.eq_ignore_ascii_case("according") && is(k + 1, "to");
        let span = if according || w.eq_ignore_ascii_case("citing") {
            let mut end = k + usize::from(according);
            while end + 1 < toks.len() && !is_punct(end + 1) && end - k < 9 {
                end += 1;
            }
            Some((k, end))
        } else if let Some(&verb) = VERBS.iter().find(|v| v.eq_ignore_ascii_case(w)) {
            let mut start = k;
            if k > 0 && word(k - 1) == Some(",") {
                // An apposition sits between the source and the verb: take the sentence's
                // opening words up to its first comma.
                let starts = sentence_starts.get_or_insert_with(|| sentence_tokens(text, toks));
                let first = starts[starts.partition_point(|&s| s <= k) - 1];
                let first_comma = (first..toks.len().min(first + 5))
                    .find(|&i| word(i) == Some(","))
                    .filter(|&c| c < k);
                if let Some(c) = first_comma.filter(|&c| c > first && c - first <= 4) {
                    out.push(format!(
                        "{} {}",
                        &text[toks[first].range.start..toks[c - 1].range.end],
                        &text[toks[k].range.clone()]
                    ));
                }
                k += 1;
                continue;
            }
            while start > 0 && !is_punct(start - 1) && k - start < 6 {
                start -= 1;
            }
            let mut end = k;
            if start == k {
                while end + 1 < toks.len() && !is_punct(end + 1) && end - k < 4 {
                    end += 1;
                }
            }
            if verb == "told" || verb == "tells" {
                while end + 1 < toks.len() && end - k < 3 && word(end + 1).is_some_and(capitalised)
                {
                    end += 1;
                }
            }
            Some((start, end))
        } else {
            None
        };
        if let Some((a, b)) = span {
            out.push(text[toks[a].range.start..toks[b].range.end].to_owned());
            k = b + 1;
        } else {
            k += 1;
        }
    }
    out
}

/// The index of each sentence's first token, ascending and starting with 0.
fn sentence_tokens(text: &str, toks: &[Token]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        sentences(text)
            .iter()
            .skip(1)
            .map(|s| toks.partition_point(|t| t.range.start < s.start)),
    );
    starts
}

fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn attributions_of(text: &str) -> Vec<String> {
        attributions(&Prose::new(text))
    }

    #[test]
    fn finds_sources_of_the_sample() {
        assert_eq!(
            attributions_of(
                "China is willing to strengthen ties, Xi said in the meeting Wednesday with Speaker Vyacheslav Volodin of the Duma, Russia’s lower legislative house, according to state run broadcaster CCTV."
            ),
            ["Xi said", "according to state run broadcaster CCTV"]
        );
        assert_eq!(
            attributions_of(
                "Beijing was willing to work with Moscow, Xi told Vyacheslav Volodin, the official Xinhua News Agency reported."
            ),
            [
                "Xi told Vyacheslav Volodin",
                "the official Xinhua News Agency reported"
            ]
        );
    }

    #[test]
    fn an_apposition_keeps_the_speaker() {
        assert_eq!(
            attributions_of(
                "Volodin, speaker of the Duma, said relations are good, according to the report."
            ),
            ["Volodin said", "according to the report"]
        );
    }

    #[test]
    fn sentences_without_a_source_have_none() {
        assert!(
            attributions_of("Beijing has placed some limits on the relationship since 2022.")
                .is_empty()
        );
    }
}
