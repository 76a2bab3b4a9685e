//! Paragraph alignment: moves, splits, merges, insertions, and the worst case.

use std::time::Duration;

use redline::compare::{ChangeKind, CompareOptions, Comparer, Shape};
use redline::text::Article;

use super::{diff, word_edits};
use crate::support::{Rng, paragraph, revision_pair};

fn paragraphs(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| paragraph(&mut rng)).collect()
}

#[test]
fn a_moved_paragraph_is_one_move_not_a_deletion_and_an_insertion() {
    let p = paragraphs(1, 8);
    let mut moved = p.clone();
    let x = moved.remove(1);
    moved.insert(6, x);
    let cmp = diff(&p.join("\n\n"), &moved.join("\n\n"));
    assert_eq!(cmp.changes.len(), 1, "{:#?}", cmp.changes);
    let c = &cmp.changes[0];
    assert_eq!(
        (c.kind, c.old.clone(), c.new.clone()),
        (ChangeKind::Moved, 1..2, 6..7)
    );
    assert_ne!(c.old_row, c.new_row, "a move is shown at both places");
    assert_eq!(cmp.rows[c.old_row].old, 1..2);
    assert_eq!(cmp.rows[c.new_row].new, 6..7);
    assert_eq!(cmp.stats.unchanged, 7);
}

#[test]
fn a_moved_and_lightly_edited_paragraph_is_a_move_with_word_edits() {
    let p = paragraphs(2, 8);
    let mut moved = p.clone();
    let x = moved.remove(6).replacen(' ', " indeed ", 1);
    moved.insert(0, x);
    let cmp = diff(&p.join("\n\n"), &moved.join("\n\n"));
    let c = cmp
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Moved)
        .expect("a move");
    assert_eq!((c.old.clone(), c.new.clone()), (6..7, 0..1));
    assert_eq!(word_edits(&cmp, c), ["+indeed"]);
}

#[test]
fn a_split_paragraph_pairs_one_with_two() {
    let old = "First paragraph stays the same here.\n\nThe minister said talks would resume after a pause of three months. Trade between the nations rose sharply last year, officials said.\n\nLast paragraph stays too.";
    let new = "First paragraph stays the same here.\n\nThe minister said talks would resume after a pause of three months.\n\nTrade between the nations rose sharply last year, officials said on Tuesday.\n\nLast paragraph stays too.";
    let cmp = diff(old, new);
    assert_eq!(cmp.changes.len(), 1, "{:#?}", cmp.changes);
    let c = &cmp.changes[0];
    assert_eq!(
        (c.kind, c.old.clone(), c.new.clone()),
        (ChangeKind::Changed, 1..2, 1..3)
    );
    assert!(c.is_split_or_merge());
    assert_eq!(cmp.shape(c), Shape::Split);
    assert_eq!(word_edits(&cmp, c), ["+on Tuesday"]);
    assert_eq!(cmp.rows.len(), 3, "the split shares one row");
}

#[test]
fn merged_paragraphs_with_the_same_words_are_layout_not_a_change() {
    let old = "The minister said talks would resume after a pause of three months.\n\nTrade between the nations rose sharply last year, officials said.";
    let new = "The minister said talks would resume after a pause of three months. Trade between the nations rose sharply last year, officials said.";
    for (a, b) in [(old, new), (new, old)] {
        let cmp = diff(a, b);
        assert!(cmp.is_identical(), "{:#?}", cmp.changes);
        // One row shows the two paragraphs beside the one, marked as re-paragraphed.
        assert_eq!(cmp.rows.len(), 1);
        assert!(cmp.rows[0].is_reparagraphed());
        assert_eq!(cmp.stats.reparagraphed, 1);
        assert_eq!(cmp.rows[0].old.len() + cmp.rows[0].new.len(), 3);
    }
}

#[test]
fn merged_paragraphs_with_an_edit_pair_two_with_one() {
    let old = "The minister said talks would resume after a pause of three months.\n\nTrade between the nations rose sharply last year, officials said.";
    let new = "The minister said talks would resume after a pause of six months. Trade between the nations rose sharply last year, officials said.";
    let cmp = diff(old, new);
    assert_eq!(cmp.changes.len(), 1);
    let c = &cmp.changes[0];
    assert_eq!(
        (c.kind, c.old.clone(), c.new.clone()),
        (ChangeKind::Changed, 0..2, 0..1)
    );
    assert_eq!(cmp.shape(c), Shape::Merged);
    assert_eq!(word_edits(&cmp, c), ["-three", "+six"]);
}

#[test]
fn unrelated_paragraphs_are_not_paired() {
    let cmp = diff(
        "Intro.\n\nThe central bank raised interest rates again in October.\n\nEnd.",
        "Intro.\n\nLeaders signed an energy agreement at the summit on Tuesday.\n\nEnd.",
    );
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Deleted, ChangeKind::Inserted]);
    let c = &cmp.changes[0];
    assert_eq!(
        c.old_row, cmp.changes[1].new_row,
        "a rewrite shares one row"
    );
    // Both halves are named a rewrite, so every reader lists them as one.
    let shapes: Vec<Shape> = cmp.changes.iter().map(|c| cmp.shape(c)).collect();
    assert_eq!(shapes, [Shape::Rewritten, Shape::Rewritten]);
    assert_eq!(cmp.rewritten_as(0), Some(1));
}

#[test]
fn identical_texts_have_no_changes() {
    let text = paragraphs(3, 20).join("\n\n");
    let cmp = diff(&text, &text);
    assert!(cmp.is_identical());
    assert_eq!(cmp.stats.unchanged, 20);
    assert!((cmp.stats.similarity - 1.0).abs() < 1e-9);
}

#[test]
fn rows_keep_both_sides_in_reading_order() {
    let (old, new) = revision_pair(7, 40_000, 0.05);
    let cmp = diff(&old, &new);
    let (mut o, mut n) = (0, 0);
    for row in &cmp.rows {
        assert_eq!(row.old.start, o, "old side skips or repeats at {row:?}");
        assert_eq!(row.new.start, n, "new side skips or repeats at {row:?}");
        (o, n) = (row.old.end, row.new.end);
    }
    assert_eq!((o, n), (cmp.old.paragraphs.len(), cmp.new.paragraphs.len()));
    assert!(
        cmp.stats.moved >= 1,
        "the generated revision moves a paragraph"
    );
}

#[test]
fn an_exhausted_time_budget_gives_a_correct_but_approximate_result() {
    let (old, new) = revision_pair(11, 200_000, 0.3);
    let old = Article::from_text("old", &old).shared();
    let new = Article::from_text("new", &new).shared();
    let cmp = Comparer::new(CompareOptions::default())
        .budget(Duration::ZERO)
        .run(old, new)
        .unwrap();
    assert!(cmp.approximate);
    // Still a faithful account of both texts.
    for c in &cmp.changes {
        let pieces = redline::compare::edit_texts(&cmp, c);
        let old_text: String = pieces
            .iter()
            .filter(|(op, _)| *op != redline::compare::EditOp::Insert)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(old_text, c.text(&cmp, redline::compare::Side::Old));
    }
}

#[test]
fn texts_in_different_languages_share_nothing() {
    let english = paragraphs(21, 300).join("\n\n");
    let other: String = english
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                char::from(b'a' + (c as u8 - b'a' + 13) % 26)
            } else {
                c
            }
        })
        .collect();
    let cmp = diff(&english, &other);
    let s = cmp.stats;
    assert_eq!((s.unchanged, s.changed, s.moved), (0, 0, 0), "{s:?}");
    assert_eq!((s.deleted, s.inserted), (300, 300));
}

#[test]
fn an_insertion_or_deletion_on_its_own_row_is_not_a_rewrite() {
    let old = "The intro stays as it was.\n\nOfficials declined to comment on the report.\n\nThe end stays too.";
    let new = "The intro stays as it was.\n\nThe end stays too.\n\nMarkets rallied after the announcement on Friday.";
    let cmp = diff(old, new);
    let shapes: Vec<Shape> = cmp.changes.iter().map(|c| cmp.shape(c)).collect();
    assert_eq!(shapes, [Shape::Deleted, Shape::Inserted], "{:#?}", cmp.rows);
    assert_eq!(cmp.rewritten_as(0), None);
}

#[test]
fn same_words_in_another_order_are_a_rewrite_not_an_edit() {
    let old = "Intro stays.\n\nThe minister said on Tuesday that talks with Beijing would resume after a pause.";
    let new = "Intro stays.\n\nAfter a pause, talks would resume with Beijing, the minister said on Tuesday.";
    let cmp = diff(old, new);
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChangeKind::Deleted, ChangeKind::Inserted],
        "{:#?}",
        cmp.changes
    );
    assert_eq!(
        cmp.changes[0].old_row, cmp.changes[1].new_row,
        "they share a row"
    );
}

/// A lead paragraph split around a newly inserted heading (seen in real revisions): both parts
/// are paired with the old paragraph, and the heading reads as inserted inside that change.
#[test]
fn a_paragraph_split_around_a_new_heading_pairs_both_parts() {
    let lead = "Chinese leader Xi Jinping met a top Russian lawmaker, underscoring the warm relations the nations have forged following the invasion of Ukraine. China is willing to strengthen ties with Russia and jointly promote the development of the Belt and Road Initiative, Xi said in the meeting Wednesday.";
    let old =
        format!("{lead}\n\nThe two nations have also recently reinforced their military bonds.");
    let (first, second) = lead.split_once(" China is").expect("two sentences");
    let new = format!(
        "{first}\n\n## What Xi said\n\nChina is{second}\n\nThe two nations have also recently reinforced their military bonds."
    );
    let cmp = diff(&old, &new);
    assert_eq!(cmp.changes.len(), 1, "{:#?}", cmp.changes);
    let c = &cmp.changes[0];
    assert_eq!(
        (c.kind, c.old.clone(), c.new.clone()),
        (ChangeKind::Changed, 0..1, 0..3)
    );
    assert_eq!(word_edits(&cmp, c), ["+## What Xi said"]);
}
