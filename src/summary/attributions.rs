//! Attributions: who says so. A fact-checker checks first whether a claim's source changed.
//!
//! Rules, per sentence: "according to …" and "citing …" run to the next punctuation mark (at
//! most eight words after "according to", nine after "citing"). A reporting verb ([`VERBS`]) takes the words before it back to the previous
//! punctuation mark (at most six: "the official Xinhua News Agency reported"); when a comma comes
//! right before the verb ("Volodin, speaker of the Duma, said"), the source is the sentence's
//! opening words up to its first comma instead. With nothing before it ("said Xi") it takes the
//! words after it. "told" also takes the capitalised words after it ("told Vyacheslav Volodin").

use super::prose::Prose;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::Token;

/// Reporting verbs that attribute a statement to a source. Words that are as often nouns or
/// other verbs ("reports", "claims", "states", "declared") are left out.
pub const VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "admitted",
    "alleged",
    "announced",
    "argued",
    "asserted",
    "claimed",
    "confirmed",
    "denied",
    "denies",
    "explained",
    "insisted",
    "noted",
    "reported",
    "said",
    "says",
    "stated",
    "tells",
    "testified",
    "told",
    "tweeted",
    "writes",
    "wrote",
];

/// The cue words are looked for among words of this many bytes only.
const CUE_LENGTHS: std::ops::RangeInclusive<usize> = 4..=12;

/// A word of up to 16 bytes as one number, with ASCII letters in lower case. Cue words are
/// looked for in every word of every changed paragraph: comparing numbers is several times
/// faster than comparing strings without case.
const fn key(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = word.len();
    while i > 0 {
        i -= 1;
        key = key << 8 | word[i].to_ascii_lowercase() as u128;
    }
    key
}

/// [`key`] of each of [`VERBS`], in the same order.
const VERB_KEYS: [u128; VERBS.len()] = {
    let mut keys = [0u128; VERBS.len()];
    let mut i = 0;
    while i < VERBS.len() {
        let verb = VERBS[i].as_bytes();
        assert!(verb.len() >= *CUE_LENGTHS.start() && verb.len() <= *CUE_LENGTHS.end());
        keys[i] = key(verb);
        i += 1;
    }
    keys
};
const ACCORDING: u128 = key(b"according");
const CITING: u128 = key(b"citing");

/// The attributions of a paragraph, as written, in order.
pub(crate) fn attributions(prose: &Prose) -> Vec<String> {
    let mut out = Vec::new();
    let text = prose.text;
    // The paragraph is tokenised once, not sentence by sentence: every sentence boundary
    // follows a punctuation token (UAX #29 breaks only after `.`, `!`, `?` and the like in text
    // without line breaks), and no span below reaches across punctuation. Only the apposition
    // rule needs where a sentence starts; that is looked up around the verb when it applies.
    let toks = prose.tokens();
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let is_punct = |i: usize| toks.get(i).is_some_and(|t| !t.is_word);
    // The cue words are ASCII: comparing without case needs no lower-cased copy of each word.
    let is = |i: usize, cue: &str| word(i).is_some_and(|w| w.eq_ignore_ascii_case(cue));
    let mut k = 0;
    while k < toks.len() {
        let w = &text[toks[k].range.clone()];
        // Most tokens are ruled out by their length ("according" and "citing" fit too).
        if !toks[k].is_word || !CUE_LENGTHS.contains(&w.len()) {
            k += 1;
            continue;
        }
        let cue = key(w.as_bytes());
        let according = cue == ACCORDING && is(k + 1, "to");
        let verb = VERB_KEYS.iter().position(|&v| v == cue).map(|i| VERBS[i]);
        let span = if according || cue == CITING {
            let mut end = k + usize::from(according);
            while end + 1 < toks.len() && !is_punct(end + 1) && end - k < 9 {
                end += 1;
            }
            Some((k, end))
        } else if let Some(verb) = verb {
            let mut start = k;
            if k > 0 && word(k - 1) == Some(",") {
                // An apposition sits between the source and the verb: take the sentence's
                // opening words up to its first comma.
                let first = sentence_start(text, toks, k);
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

/// The first token of the sentence that token `k` is in, by UAX #29 sentence boundaries, worked
/// out around `k` only: splitting a whole paragraph into sentences costs more than the rest of
/// the attributions together.
///
/// A boundary can only follow a sentence-ending mark, and whether one does depends only on the
/// text from the word before the mark up to the next word. So the text from each mark before
/// `k`, nearest first, up to `k` is split until one of them ends a sentence.
fn sentence_start(text: &str, toks: &[Token], k: usize) -> usize {
    let (verb_start, end) = (toks[k].range.start, toks[k].range.end);
    let marks = (0..k)
        .rev()
        .filter(|&j| !toks[j].is_word && text[toks[j].range.clone()].contains(SENTENCE_ENDS));
    for j in marks {
        let from = j.checked_sub(1).map_or(0, |i| toks[i].range.start);
        let boundary = text[from..end]
            .split_sentence_bound_indices()
            .map(|(at, _)| from + at)
            .filter(|&at| at > toks[j].range.start && at <= verb_start)
            .last();
        if let Some(at) = boundary {
            return toks.partition_point(|t| t.range.start < at);
        }
    }
    0
}

/// Marks that can end a sentence (UAX #29's STerm and ATerm) in the scripts a newsroom writes.
const SENTENCE_ENDS: &[char] = &[
    '.', '!', '?', '…', '。', '．', '！', '？', '｡', '؟', '۔', '।', '॥', '‼', '⁇', '⁈', '⁉',
];

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
    fn the_speaker_opens_the_sentence_the_verb_is_in() {
        assert_eq!(
            attributions_of("He left. Volodin, speaker of the Duma, said so."),
            ["Volodin said"]
        );
        // A full stop before a lower-case word ends no sentence.
        assert_eq!(
            attributions_of("U.S. officials, in private, said so."),
            ["U.S. officials said"]
        );
        assert_eq!(
            attributions_of("“We agree,” he wrote! Putin, in Beijing, said so."),
            ["he wrote", "Putin said"]
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
