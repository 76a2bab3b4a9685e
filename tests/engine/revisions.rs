//! Real revisions read right (issue 11, item 4), stated as properties over the corpus's real
//! paragraphs: a move among identical paragraphs is one move, a list item moved and reworded is a
//! move, and a paragraph rewritten in place keeping about half its words is one changed pair.

use proptest::prelude::*;
use redline::compare::{ChangeKind, Comparison, Shape, Side};

use super::diff;
use super::layout::{pick, pool};
use crate::support::Rng;

/// What a reader sees: each change's shape and paragraphs (numbered from 1).
fn reading(cmp: &Comparison) -> Vec<(Shape, Vec<usize>, Vec<usize>)> {
    cmp.changes
        .iter()
        .map(|c| {
            (
                cmp.shape(c),
                c.old.clone().map(|i| i + 1).collect(),
                c.new.clone().map(|i| i + 1).collect(),
            )
        })
        .collect()
}

/// Keeps runs of 2 to 6 words of `paragraph` in order and replaces the others with words of
/// `donor`, another real paragraph; returns the rewrite and the share of its words kept.
fn rewrite_keeping_runs(rng: &mut Rng, paragraph: &str, donor: &str) -> (String, f64) {
    let words: Vec<&str> = paragraph.split(' ').collect();
    let donor: Vec<&str> = donor.split(' ').collect();
    let (mut out, mut kept, mut from) = (Vec::new(), 0, rng.below(donor.len()));
    let mut at = 0;
    while at < words.len() {
        let run = (2 + rng.below(5)).min(words.len() - at);
        if rng.chance(0.55) {
            out.extend_from_slice(&words[at..at + run]);
            kept += run;
        } else {
            for _ in 0..1 + rng.below(run + 1) {
                out.push(donor[from % donor.len()]);
                from += 1;
            }
        }
        at += run;
    }
    let share = 2.0 * kept as f64 / (words.len() + out.len()) as f64;
    (out.join(" "), share)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        // Draws of real paragraphs that do not fit a case (too short, repeated) are skipped.
        max_global_rejects: 100_000,
        ..ProptestConfig::default()
    })]

    /// One unique paragraph moved among many identical ones (a row of asterisks, a repeated
    /// line) is one move; the identical paragraphs stay where they are.
    #[test]
    fn one_paragraph_moved_among_identical_ones_is_one_move(
        seed in any::<u64>(),
        repeats in 4usize..16,
    ) {
        let mut rng = Rng::new(seed);
        let ends = pick(&mut rng, 3);
        prop_assume!(ends[0] != ends[1] && ends[1] != ends[2] && ends[0] != ends[2]);
        let separator = ["* * *", "Advertisement", "[...]", "—"][rng.below(4)].to_owned();
        let mut old = vec![ends[0].clone()];
        old.extend(std::iter::repeat_n(separator, repeats));
        old.push(ends[1].clone());
        let mut new = old.clone();
        // Two places at least two apart (next door, the move and a shift are the same).
        let from = 1 + rng.below(repeats + 1);
        let far: Vec<usize> = (1..=repeats + 1).filter(|to| to.abs_diff(from) > 1).collect();
        let to = far[rng.below(far.len())];
        old.insert(from, ends[2].clone());
        new.insert(to, ends[2].clone());
        let cmp = diff(&old.join("\n\n"), &new.join("\n\n"));
        let got = reading(&cmp);
        prop_assert_eq!(got, vec![(Shape::Moved, vec![from + 1], vec![to + 1])]);
    }

    /// A list item moved from third place (or later) to first, its opening reworded and most of
    /// its words kept, is moved and edited, not deleted and inserted.
    #[test]
    fn a_list_item_moved_to_the_top_with_a_new_opening_is_a_move(
        seed in any::<u64>(),
        count in 4usize..8,
    ) {
        let mut rng = Rng::new(seed);
        let items: Vec<String> = pick(&mut rng, count)
            .into_iter()
            .map(|p| p.split(' ').take(40).collect::<Vec<_>>().join(" "))
            .collect();
        let words: Vec<&str> = items[2].split(' ').collect();
        prop_assume!(words.len() >= 15 && items.iter().filter(|i| **i == items[2]).count() == 1);
        // The first sixth of the words replaced by a new opening: about 83% kept.
        let cut = words.len() / 6;
        let reworded = format!("Before anything else, {}", words[cut..].join(" "));
        let mut new_items = items.clone();
        new_items.remove(2);
        new_items.insert(0, reworded);
        let list = |items: &[String]| {
            let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
            format!("Conditions:\n\n{}\n\nThat is all.", lines.join("\n"))
        };
        let (old, new) = (list(&items), list(&new_items));
        let cmp = diff(&old, &new);
        let got = reading(&cmp);
        prop_assert_eq!(got, vec![(Shape::Moved, vec![4], vec![2])], "{}\n----\n{}", old, new);
    }

    /// A paragraph rewritten in place that keeps about half its words in order, in runs, is
    /// paired with its rewrite (not deleted and inserted), also when a new paragraph is inserted
    /// after it.
    #[test]
    fn a_paragraph_rewritten_keeping_half_its_words_is_one_changed_pair(
        seed in any::<u64>(),
        insert_after in any::<bool>(),
    ) {
        let mut rng = Rng::new(seed);
        let context = pick(&mut rng, 5);
        let at = 1 + rng.below(3);
        let pool = pool();
        let donor = &pool[rng.below(pool.len())];
        let (rewrite, kept) = rewrite_keeping_runs(&mut rng, &context[at], donor);
        prop_assume!((0.5..=0.7).contains(&kept) && context[at].split(' ').count() >= 20);
        prop_assume!(context.iter().filter(|p| **p == context[at]).count() == 1);
        prop_assume!(*donor != context[at] && rewrite != context[at]);
        // A donor of a few words repeated over and over is no prose.
        prop_assume!(donor.split(' ').count() >= 20);
        let mut new = context.clone();
        new[at] = rewrite;
        if insert_after {
            let inserted = pool[rng.below(pool.len())].clone();
            prop_assume!(!context.contains(&inserted) && inserted != *donor);
            new.insert(at + 1, inserted);
        }
        let cmp = diff(&context.join("\n\n"), &new.join("\n\n"));
        let pair = cmp.changes.iter().find(|c| c.old == (at..at + 1));
        prop_assert!(
            // Paired with its rewrite; a short inserted paragraph made of the words the rewrite
            // dropped may be read as split off it.
            pair.is_some_and(|c| c.kind == ChangeKind::Changed && c.new.start == at),
            "kept {kept:.2}: {:?}\nold: {:?}\nnew: {:?}",
            reading(&cmp), context, new
        );
    }

    /// A paragraph moved and broken into three or more (each sentence on its own line, as some
    /// files keep verses) is one move of the whole paragraph, not a move of two parts and the
    /// rest inserted.
    #[test]
    fn a_paragraph_moved_and_broken_into_many_is_one_move(
        seed in any::<u64>(),
        count in 4usize..8,
    ) {
        let mut rng = Rng::new(seed);
        let context = pick(&mut rng, count);
        let from = rng.below(count);
        let sentences: Vec<String> = context[from]
            .split_inclusive(". ")
            .map(|s| s.trim().to_owned())
            .collect();
        prop_assume!(sentences.len() >= 3 && sentences.iter().all(|s| s.split(' ').count() >= 3));
        prop_assume!(context.iter().filter(|p| **p == context[from]).count() == 1);
        let mut new = context.clone();
        new.remove(from);
        let far: Vec<usize> = (0..=new.len()).filter(|to| to.abs_diff(from) > 1).collect();
        prop_assume!(!far.is_empty());
        let to = far[rng.below(far.len())];
        for (k, sentence) in sentences.iter().enumerate() {
            new.insert(to + k, sentence.clone());
        }
        let cmp = diff(&context.join("\n\n"), &new.join("\n\n"));
        let got = reading(&cmp);
        // Either the paragraph moved, in all its parts at once, or (when it is the longer) the
        // paragraphs it passed moved the other way; nothing is inserted or deleted.
        let parts: Vec<usize> = (to + 1..=to + sentences.len()).collect();
        let one_move = got == vec![(Shape::Moved, vec![from + 1], parts.clone())];
        let passed_moved = got.iter().all(|(shape, old, new)| {
            *shape == Shape::Moved && old.len() == 1 && new.len() == 1 && !parts.contains(&new[0])
        });
        prop_assert!(one_move || (passed_moved && !got.is_empty()), "{:?}", got);
    }

    /// A sentence moved nearly verbatim from one paragraph to another, while the paragraph it
    /// left was split, is reported as one moved passage, not only as words deleted here and
    /// inserted there.
    #[test]
    fn a_sentence_moved_into_another_paragraph_is_a_moved_passage(
        seed in any::<u64>(),
        split in any::<bool>(),
        reword in any::<bool>(),
    ) {
        let mut rng = Rng::new(seed);
        let context = pick(&mut rng, 5);
        let sentences: Vec<&str> = context[1].split_inclusive(". ").collect();
        let moved = sentences.last().copied().unwrap_or_default().trim();
        prop_assume!(sentences.len() >= 3 && moved.split(' ').count() >= 8);
        // Distinct paragraphs: beside two copies of a heading, the word diff may keep the
        // moved sentence (long, unique) in place and read the copies as moved instead.
        prop_assume!((0..5).all(|i| (i + 1..5).all(|j| context[i] != context[j])));
        let rest: Vec<&str> = sentences[..sentences.len() - 1].iter().map(|s| s.trim()).collect();
        let arrived = if reword {
            // One word changed on the way: still nearly verbatim.
            let mut words: Vec<&str> = moved.split(' ').collect();
            let at = words.len() / 2;
            words[at] = "altered";
            words.join(" ")
        } else {
            moved.to_owned()
        };
        let mut new = context.clone();
        new[3] = format!("{} {arrived}", context[3]);
        if split {
            let cut = rest.len() / 2;
            new[1] = rest[..cut].join(" ");
            new.insert(2, rest[cut..].join(" "));
        } else {
            new[1] = rest.join(" ");
        }
        let cmp = diff(&context.join("\n\n"), &new.join("\n\n"));
        // The passage is the sentence (with the rest of its paragraph, when that paragraph is a
        // line too short to pair with its old self), from the change of old ¶2 to new ¶4's.
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let found = cmp.passages.iter().any(|p| {
            let (from, to) = (&cmp.changes[p.from], &cmp.changes[p.to]);
            let shown = words(&to.text(&cmp, Side::New)[p.new.clone()]);
            from.old.contains(&1)
                && cmp.paragraph_at(to, Side::New, p.new.start) == new.len() - 2
                && shown.ends_with(&words(&arrived))
        });
        prop_assert!(found, "{:?}\n{:?}", reading(&cmp), cmp.passages);
    }
}
