//! Helpers shared by the integration tests and the benchmarks: generated prose and layouts.
#![allow(dead_code)]

pub mod invariants;

/// A small deterministic random number generator (xorshift64*), so generated documents are the
/// same on every run without pulling a dependency into the tests.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed` (any value).
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next random number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "with",
    "Beijing",
    "would",
    "resume",
    "after",
    "a",
    "pause",
    "of",
    "three",
    "months",
    "according",
    "to",
    "officials",
    "familiar",
    "plan",
    "trade",
    "between",
    "nations",
    "rose",
    "percent",
    "last",
    "year",
    "while",
    "exports",
    "fell",
    "sharply",
    "in",
    "October",
    "Moscow",
    "reported",
    "record",
    "growth",
    "despite",
    "sanctions",
    "analysts",
    "warned",
    "against",
    "reading",
    "too",
    "much",
    "into",
    "figures",
    "central",
    "bank",
    "raised",
    "interest",
    "rates",
    "again",
    "president",
    "visited",
    "capital",
    "for",
    "summit",
    "leaders",
    "signed",
    "agreement",
    "energy",
    "supplies",
    "pipeline",
    "gas",
    "oil",
    "prices",
    "markets",
    "investors",
    "shares",
    "company",
    "billion",
    "dollars",
    "statement",
    "spokesperson",
    "declined",
    "comment",
    "further",
    "details",
    "meeting",
    "week",
    "during",
    "which",
    "both",
];

/// A sentence of 6 to 20 words, capitalised, ending with a full stop.
pub fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(15);
    let mut words: Vec<String> = (0..n)
        .map(|_| WORDS[rng.below(WORDS.len())].to_owned())
        .collect();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect();
        }
    }
    if n > 10 {
        words[n / 2].push(',');
    }
    format!("{}.", words.join(" "))
}

/// A paragraph of 1 to 6 sentences.
pub fn paragraph(rng: &mut Rng) -> String {
    let n = 1 + rng.below(6);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// Greedy hard wrapping at `width` columns, as an editor would do it.
pub fn wrap(paragraph: &str, width: usize) -> String {
    wrap_lines(paragraph, "", || width)
}

/// Hard wrapping in which each line, after `indent`, is filled up to the width `line_width`
/// gives for it: one width is greedy wrapping, widths drawn at random below a limit leave room
/// at line ends as optimal-fit wrappers (fmt, par) and people do. A word longer than its line
/// stands on a line of its own.
pub fn wrap_lines(paragraph: &str, indent: &str, mut line_width: impl FnMut() -> usize) -> String {
    let mut out = String::from(indent);
    let mut target = line_width();
    let mut line = 0;
    for word in paragraph.split_whitespace() {
        let w = word.chars().count();
        if line > 0 && line + 1 + w > target {
            out.push('\n');
            out.push_str(indent);
            line = 0;
            target = line_width();
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

/// The paragraphs of a file written one paragraph per line (like article-v2.txt).
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An article of generated prose of about `bytes` bytes and a revision of it: about `edit_rate`
/// of its sentences edited (a word inserted), one paragraph in 200 moved, and the blank lines
/// between paragraphs removed in the second half of the new file.
pub fn revision_pair(seed: u64, bytes: usize, edit_rate: f64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < bytes {
        let p = paragraph(&mut rng);
        size += p.len() + 2;
        paragraphs.push(p);
    }
    let old = paragraphs.join("\n\n") + "\n";
    let mut new_paragraphs: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            let mut sentences: Vec<String> = p.split_inclusive(". ").map(str::to_owned).collect();
            for s in &mut sentences {
                if rng.chance(edit_rate) {
                    let mut words: Vec<&str> = s.split(' ').collect();
                    let at = rng.below(words.len());
                    words.insert(at, WORDS[rng.below(WORDS.len())]);
                    *s = words.join(" ");
                }
            }
            sentences.concat()
        })
        .collect();
    let moves = (new_paragraphs.len() / 200).max(1);
    for _ in 0..moves {
        let from = rng.below(new_paragraphs.len());
        let p = new_paragraphs.remove(from);
        let to = rng.below(new_paragraphs.len());
        new_paragraphs.insert(to, p);
    }
    let half = new_paragraphs.len() / 2;
    let mut new = new_paragraphs[..half].join("\n\n");
    new.push_str("\n\n");
    new.push_str(&new_paragraphs[half..].join("\n"));
    new.push('\n');
    (old, new)
}

/// A ZIP archive of `entries` (name, contents), deflated as Word and LibreOffice write theirs.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, data) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A made-up capitalised name for `n`, distinct for each `n`: "Bakor", "Bakor Dimu", ...
pub fn name(n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ko", "ri", "du", "me", "sa", "lo", "vi", "ne", "tu", "fa", "gi", "zo", "pe", "ha",
        "mu",
    ];
    let mut word = String::new();
    let mut k = n;
    loop {
        word.push_str(SYLLABLES[k % 16]);
        k /= 16;
        if k == 0 {
            break;
        }
    }
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Paragraphs that mention `count` distinct names, ten to a paragraph, each name in mid-sentence
/// and some as part of a longer name.
pub fn names_text(count: usize) -> String {
    (0..count / 10)
        .map(|p| {
            (0..10)
                .map(|k| {
                    let n = p * 10 + k;
                    if k % 3 == 0 {
                        format!("then {} of {} met", name(n), name(n + 1))
                    } else {
                        format!("then {} met", name(n))
                    }
                })
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `count` quotations, ten to a paragraph, each of a distinct name: "She said “Bakor then 0” and".
pub fn quotes_text(count: usize) -> String {
    (0..count / 10)
        .map(|p| {
            (0..10)
                .map(|q| format!("She said “{} then {}” and", name(p * 10 + q), q))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One paragraph of `count` numbers with dates: "12.12 on 13 March 1912 ", about 17 bytes each.
pub fn numbers_text(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "{}.{} on {} March {} ",
                i,
                i % 97,
                1 + i % 28,
                1900 + i % 200
            )
        })
        .collect()
}
