//! The layout promise, stated as properties over real prose: whatever the line breaks, blank
//! lines, line endings, indentation, wrap width or paragraph breaks, the same words are no change;
//! re-wrapped text is segmented into the paragraphs its author wrote; and edits read the same
//! with or without re-wrapping.
//!
//! The paragraphs come from the real texts of the golden corpus (licences, the Debian FAQ, the
//! sample article), not from a generator. Lines are filled to a random share of the width, as
//! optimal-fit wrappers (fmt, par) and people do, not only greedily.

use std::sync::OnceLock;

use proptest::prelude::*;
use redline::compare::{ChangeKind, Comparison};
use redline::text::{ParagraphKind, segment};

use super::{diff, word_edits};
use crate::support::{Rng, wrap_lines};

/// Prose paragraphs of the corpus's real texts. Paragraphs with a word that Markdown or a news
/// layout reads as structure at the start of a line ("-", "1.", "(a)", "--With") are left out:
/// wrapped onto a new line, such a word starts a list item or a credit line by design.
pub(super) fn pool() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/sources");
        let mut out = Vec::new();
        for name in [
            "gpl3",
            "apache2",
            "mpl2",
            "gfdl13",
            "debian-faq",
            "article-v1",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap_or_default();
            out.extend(
                segment(&text)
                    .into_iter()
                    .filter(|p| p.kind == ParagraphKind::Text && p.words >= 5)
                    .map(|p| p.text)
                    .filter(|t| t.split(' ').all(|w| !looks_structural(w))),
            );
        }
        assert!(
            out.len() > 300,
            "only {} prose paragraphs in the corpus",
            out.len()
        );
        out
    })
}

fn looks_structural(word: &str) -> bool {
    let label = |l: &str| {
        (1..=9).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_digit())
            || l.len() == 1 && l.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let parenthesised = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|l| {
            (1..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    ["-", "*", "+", "•", "◦", "▪", "‣"].contains(&word)
        || ["#", ">", "|", "--", "—", "–"]
            .iter()
            .any(|s| word.starts_with(s))
        || word.strip_suffix(['.', ')']).is_some_and(label)
        || parenthesised
        || word.len() >= 3 && word.bytes().all(|b| matches!(b, b'-' | b'=' | b'*' | b'_'))
}

/// `count` paragraphs picked from the pool.
pub(super) fn pick(rng: &mut Rng, count: usize) -> Vec<String> {
    let pool = pool();
    (0..count)
        .map(|_| pool[rng.below(pool.len())].clone())
        .collect()
}

/// One way of laying a text out in a file.
#[derive(Debug, Clone)]
struct Layout {
    width: usize,
    /// Lines are filled to between this share of the width and all of it.
    fill: f64,
    indent: &'static str,
    /// Blank lines between paragraphs (at least one), possibly holding spaces.
    blank: &'static str,
    crlf: bool,
}

impl Layout {
    fn random(rng: &mut Rng) -> Self {
        Self {
            width: 30 + rng.below(171),
            fill: [1.0, 0.9, 0.8][rng.below(3)],
            indent: ["", "  ", "    ", "\u{a0}\u{a0}\u{a0}", "\t"][rng.below(5)],
            blank: ["\n\n", "\n\n\n", "\n  \n", "\n\u{a0}\n\n"][rng.below(4)],
            crlf: rng.chance(0.3),
        }
    }

    /// Wraps one paragraph: each line is filled to a width drawn anew between `fill` of the
    /// width and the width; a word longer than the line stands on its own line.
    fn wrap(&self, rng: &mut Rng, paragraph: &str) -> String {
        let low = (self.width as f64 * self.fill) as usize;
        wrap_lines(paragraph, self.indent, || {
            low + rng.below(self.width - low + 1)
        })
    }

    fn render(&self, rng: &mut Rng, paragraphs: &[String]) -> String {
        let wrapped: Vec<String> = paragraphs.iter().map(|p| self.wrap(rng, p)).collect();
        let text = wrapped.join(self.blank);
        if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }
}

/// The paragraphs one to a line with no blank lines (three times in ten), or in a random
/// [`Layout`].
fn any_layout(rng: &mut Rng, paragraphs: &[String]) -> String {
    if rng.chance(0.3) {
        paragraphs.join("\n")
    } else {
        Layout::random(rng).render(rng, paragraphs)
    }
}

/// The same words in other paragraphs: some paragraphs split in two at a word, some joined
/// with the next.
fn reparagraph(rng: &mut Rng, paragraphs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        let words: Vec<&str> = p.split(' ').collect();
        if rng.chance(0.3) && !out.is_empty() {
            let last = out.len() - 1;
            out[last].push(' ');
            out[last].push_str(p);
        } else if rng.chance(0.3) && words.len() > 1 {
            let at = 1 + rng.below(words.len() - 1);
            out.push(words[..at].join(" "));
            out.push(words[at..].join(" "));
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// A reader's view of a comparison: each change's kind, paragraphs and changed words.
fn reading(cmp: &Comparison) -> Vec<(ChangeKind, std::ops::Range<usize>, Vec<String>)> {
    cmp.changes
        .iter()
        .map(|c| (c.kind, c.old.clone(), word_edits(cmp, c)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Re-wrapped at any width from 30 to 200 columns, greedily or with room left at line ends,
    /// indented, with CRLF and any blank lines, a text gives the paragraphs it was written in.
    #[test]
    fn any_rewrapping_gives_the_same_paragraphs(seed in any::<u64>(), count in 1usize..10) {
        let mut rng = Rng::new(seed);
        let paragraphs = pick(&mut rng, count);
        let layout = Layout::random(&mut rng);
        let text = layout.render(&mut rng, &paragraphs);
        let got: Vec<String> = segment(&text).into_iter().map(|p| p.text).collect();
        prop_assert_eq!(got, paragraphs, "{:?}\n{:?}", layout, text);
    }

    /// Two layouts of the same words, with paragraphs split and joined on either side, are no
    /// change.
    #[test]
    fn any_relayout_or_reparagraphing_is_no_change(seed in any::<u64>(), count in 1usize..12) {
        let mut rng = Rng::new(seed);
        let paragraphs = pick(&mut rng, count);
        let old = Layout::random(&mut rng).render(&mut rng, &paragraphs);
        let regrouped = reparagraph(&mut rng, &paragraphs);
        let new = any_layout(&mut rng, &regrouped);
        for (a, b) in [(&old, &new), (&new, &old)] {
            let cmp = diff(a, b);
            prop_assert!(cmp.is_identical(), "{:#?}\nold: {a:?}\nnew: {b:?}", reading(&cmp));
            prop_assert!((cmp.stats.similarity - 1.0).abs() < 1e-9);
        }
    }

    /// Word edits in a re-wrapped file read exactly as the same edits in the original layout:
    /// the same paragraphs paired, the same words deleted and inserted.
    #[test]
    fn rewrapping_adds_nothing_to_edits(seed in any::<u64>(), count in 2usize..10) {
        let mut rng = Rng::new(seed);
        let paragraphs = pick(&mut rng, count);
        let mut edited = paragraphs.clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(edited.len());
            let mut words: Vec<String> = edited[at].split(' ').map(str::to_owned).collect();
            let w = rng.below(words.len());
            match rng.below(3) {
                0 if words.len() > 1 => {
                    words.remove(w);
                }
                1 => words.insert(w, "meanwhile".to_owned()),
                _ => words[w] = "altered".to_owned(),
            }
            edited[at] = words.join(" ");
        }
        let old = paragraphs.join("\n\n");
        let plain = diff(&old, &edited.join("\n\n"));
        let rewrapped = diff(&old, &Layout::random(&mut rng).render(&mut rng, &edited));
        prop_assert_eq!(reading(&rewrapped), reading(&plain));
        prop_assert_eq!(rewrapped.stats.words_inserted, plain.stats.words_inserted);
        prop_assert_eq!(rewrapped.stats.words_deleted, plain.stats.words_deleted);
    }

    /// A paragraph deleted beside text that the new version breaks into other paragraphs is
    /// that deletion and nothing else: no paragraph of the re-broken text reads as inserted.
    /// The deleted paragraph starts with the same word as the one after it, as verses and list
    /// items often do ("And …", "The …"), so the word diff could place the deletion a word
    /// early or late.
    #[test]
    fn a_deletion_beside_reparagraphed_text_is_only_that_deletion(
        seed in any::<u64>(),
        count in 2usize..10,
    ) {
        let mut rng = Rng::new(seed);
        let paragraphs = pick(&mut rng, count);
        let at = 1 + rng.below(count - 1);
        let next_first = paragraphs[at].split(' ').next().unwrap_or_default();
        let same_start: Vec<&String> = pool()
            .iter()
            .filter(|p| p.split(' ').next() == Some(next_first) && !paragraphs.contains(p))
            .collect();
        let deleted = if same_start.is_empty() {
            format!("{next_first} {}", pick(&mut rng, 1)[0])
        } else {
            same_start[rng.below(same_start.len())].clone()
        };
        let mut with_it = paragraphs.clone();
        with_it.insert(at, deleted.clone());
        let old = Layout::random(&mut rng).render(&mut rng, &with_it);
        let regrouped = reparagraph(&mut rng, &paragraphs);
        let new = any_layout(&mut rng, &regrouped);
        let cmp = diff(&old, &new);
        let plain = diff(&with_it.join("\n\n"), &paragraphs.join("\n\n"));
        prop_assert_eq!(cmp.stats.words_inserted, 0, "{:#?}", reading(&cmp));
        prop_assert_eq!(cmp.stats.words_deleted, plain.stats.words_deleted, "{:#?} {} {}\n{:?}\n{:?}\n{:?}", reading(&cmp), cmp.changes.len(), plain.changes.len(), with_it, paragraphs, deleted);
        prop_assert!(
            cmp.changes.iter().all(|c| c.kind != ChangeKind::Inserted),
            "{:#?}\nold: {old:?}\nnew: {new:?}",
            reading(&cmp)
        );
    }
}

#[test]
fn long_repetitive_text_reparagraphed_with_one_edit_is_that_edit() {
    // 12,000 words from a vocabulary of a few dozen, as in boilerplate or lorem ipsum: hardly a
    // word occurs once on each side, which must not pass for unrelated text. Joined two
    // paragraphs to one, with one word replaced, it is that one edit.
    let mut rng = Rng::new(11);
    let mut paragraphs: Vec<String> = Vec::new();
    while paragraphs
        .iter()
        .map(|p| p.split(' ').count())
        .sum::<usize>()
        < 12_000
    {
        paragraphs.push(crate::support::paragraph(&mut rng));
    }
    paragraphs.truncate(paragraphs.len() / 2 * 2);
    let mut joined: Vec<String> = paragraphs.chunks(2).map(|pair| pair.join(" ")).collect();
    let middle = joined.len() / 2;
    joined[middle] = joined[middle].replacen(' ', " zebra ", 1);
    let cmp = diff(&paragraphs.join("\n\n"), &joined.join("\n\n"));
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Changed], "{:?}", cmp.stats);
    assert_eq!(word_edits(&cmp, &cmp.changes[0]), ["+zebra"]);
    assert!(!cmp.approximate);
}
