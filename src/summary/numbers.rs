//! Numbers, dates and amounts: what a fact-checker verifies against a source.
//!
//! Rules: a run of digits (with `,` or `.` inside, and a letter suffix such as `22nd` or
//! `1990s`) is a number; a currency sign before it, or `%`, `percent`, `per cent`, `million`,
//! `billion` or `trillion` after it, belongs to it; an ISO date (`2023-11-22`) is one item; a
//! month name with a day and/or year next to it is one date (`February 2022`, `22 November`);
//! weekdays and months on their own are listed too (`May` only next to a number, since it is
//! also a verb).

use super::prose::Prose;
use crate::compare::CURRENCY_SIGNS;

/// The weekdays, as they are written in English text.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// The months, as they are written in English text.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SCALES: [&str; 7] = ["%", "percent", "million", "billion", "trillion", "bn", "m"];

/// The numbers, dates and amounts of a paragraph, as written, in order.
pub(crate) fn numbers(prose: &Prose) -> Vec<String> {
    let text = prose.text;
    let toks = prose.tokens();
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let is_number = |i: usize| word(i).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let is_month = |i: usize| word(i).is_some_and(|w| MONTHS.contains(&w));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(w) = word(i) else { break };
        // Most words are neither a figure nor a weekday or month: rule them out cheaply.
        if !is_number(i) && !calendar_word(w) {
            i += 1;
            continue;
        }
        let (first, mut last) = (i, i);
        if is_number(i) {
            // ISO date: 2023-11-22 is tokenised as 2023 - 11 - 22.
            if word(i + 1) == Some("-")
                && is_number(i + 2)
                && word(i + 3) == Some("-")
                && is_number(i + 4)
            {
                last = i + 4;
            } else {
                if word(i + 1).is_some_and(|s| SCALES.contains(&s)) {
                    last = i + 1;
                    if word(i + 2) == Some("cent") && word(i + 1) == Some("per") {
                        last = i + 2;
                    }
                } else if word(i + 1) == Some("per") && word(i + 2) == Some("cent") {
                    last = i + 2;
                }
                if is_month(last + 1) {
                    last += 1; // 22 November
                    if is_number(last + 1) {
                        last += 1; // 22 November 2023
                    }
                }
            }
        } else if is_month(i) {
            if w == "May" && !is_number(i + 1) && !(i > 0 && is_number(i - 1)) {
                i += 1;
                continue;
            }
            if is_number(i + 1) {
                last = i + 1; // February 2022, November 22
                if word(i + 2) == Some(",") && is_number(i + 3) {
                    last = i + 3; // November 22, 2023
                } else if is_number(i + 2) {
                    last = i + 2;
                }
            }
        } else if !WEEKDAYS.contains(&w) {
            i += 1;
            continue;
        }
        // A currency sign right before the figure belongs to it.
        let start_tok = if first > 0 && word(first - 1).is_some_and(is_currency) && is_number(first)
        {
            first - 1
        } else {
            first
        };
        out.push(text[toks[start_tok].range.start..toks[last].range.end].to_owned());
        i = last + 1;
    }
    out
}

/// Weekdays and months are three to nine letters long.
const CALENDAR_LENGTHS: std::ops::RangeInclusive<usize> = 3..=9;
const _: () = {
    let mut i = 0;
    while i < WEEKDAYS.len() + MONTHS.len() {
        let name = if i < WEEKDAYS.len() {
            WEEKDAYS[i]
        } else {
            MONTHS[i - WEEKDAYS.len()]
        };
        assert!(name.len() >= *CALENDAR_LENGTHS.start() && name.len() <= *CALENDAR_LENGTHS.end());
        assert!(name.as_bytes()[0].is_ascii_uppercase());
        i += 1;
    }
};

/// Whether a token is a currency sign (the same signs the comparison never ignores).
fn is_currency(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(|c| CURRENCY_SIGNS.contains(&c)) && chars.next().is_none()
}

/// Whether a word is a weekday or a month.
fn calendar_word(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && CALENDAR_LENGTHS.contains(&word.len())
        && (MONTHS.contains(&word) || WEEKDAYS.contains(&word))
}

/// Two figures are one figure changed when they are the same kind: both weekdays, both dates
/// or months, or both numbers.
pub(crate) fn alike(old: &str, new: &str) -> bool {
    let kind = |s: &str| {
        if WEEKDAYS.iter().any(|d| s.contains(d)) {
            0
        } else if MONTHS.iter().any(|m| s.contains(m)) || s.matches('-').count() == 2 {
            1
        } else {
            2
        }
    };
    kind(old) == kind(new)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn numbers_of(text: &str) -> Vec<String> {
        numbers(&Prose::new(text))
    }

    #[test]
    fn finds_dates_weekdays_amounts_and_percentages() {
        assert_eq!(
            numbers_of(
                "On Wednesday, 2023-11-22, trade rose 26.3% to $240.1 billion in February 2022."
            ),
            [
                "Wednesday",
                "2023-11-22",
                "26.3%",
                "$240.1 billion",
                "February 2022"
            ]
        );
        assert_eq!(
            numbers_of("the 1990s, 22 November 2023 and November 22, 2023"),
            ["1990s", "22 November 2023", "November 22, 2023"]
        );
        assert_eq!(numbers_of("five per cent, 5 per cent"), ["5 per cent"]);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(numbers_of("Xi may visit. The one-China policy stands.").is_empty());
        assert_eq!(numbers_of("on 4 May"), ["4 May"]);
    }

    #[test]
    fn changed_figures_pair_by_kind() {
        assert!(alike("2022", "2023"));
        assert!(alike("Wednesday", "Thursday"));
        assert!(!alike("Wednesday", "2022"));
    }
}
