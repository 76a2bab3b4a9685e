//! The bundled sample pair must show exactly what an editor sees in it (issue 2's expectations).

use redline::compare::{ChangeKind, CompareOptions, Comparison, compare};
use redline::text::Article;

use super::{change_between, word_edits};

fn sample() -> Comparison {
    compare(
        Article::from_document(redline::sample::old()).shared(),
        Article::from_document(redline::sample::new()).shared(),
        &CompareOptions::default(),
    )
}

fn kind_of_old(cmp: &Comparison, old: usize) -> Option<ChangeKind> {
    let row = cmp.rows.iter().find(|r| r.old.contains(&(old - 1)))?;
    row.old_change.map(|c| cmp.changes[c].kind)
}

fn kind_of_new(cmp: &Comparison, new: usize) -> Option<ChangeKind> {
    let row = cmp.rows.iter().find(|r| r.new.contains(&(new - 1)))?;
    row.new_change.map(|c| cmp.changes[c].kind)
}

#[test]
fn paragraphs_are_counted_in_each_files_own_layout() {
    let cmp = sample();
    assert_eq!(
        cmp.old.paragraphs.len(),
        11,
        "v1 has blank lines between paragraphs"
    );
    assert_eq!(
        cmp.new.paragraphs.len(),
        14,
        "v2 has one paragraph per line"
    );
}

#[test]
fn the_dateline_is_deleted_and_the_tail_lines_inserted() {
    let cmp = sample();
    assert_eq!(kind_of_old(&cmp, 1), Some(ChangeKind::Deleted));
    for new in [7, 12, 13, 14] {
        assert_eq!(
            kind_of_new(&cmp, new),
            Some(ChangeKind::Inserted),
            "new ¶{new}"
        );
    }
}

#[test]
fn unchanged_paragraphs_sit_on_one_row() {
    let cmp = sample();
    // Old 11 has no final newline; that is not a change.
    for (old, new) in [(2, 1), (6, 5), (8, 8), (10, 10), (11, 11)] {
        let row = cmp
            .rows
            .iter()
            .find(|r| r.old == (old - 1..old) && r.new == (new - 1..new))
            .unwrap_or_else(|| panic!("old ¶{old} and new ¶{new} are not on one row"));
        assert!(row.is_unchanged(), "old ¶{old} / new ¶{new}");
    }
    assert_eq!(cmp.stats.unchanged, 5);
}

#[test]
fn the_volodin_paragraph_is_paired_with_its_rewrite() {
    let cmp = sample();
    let c = change_between(&cmp, 4, 3);
    assert_eq!(c.kind, ChangeKind::Changed);
    let edits = word_edits(&cmp, c);
    assert!(edits.contains(&"-statement".to_owned()), "{edits:?}");
    assert!(edits.contains(&"+report".to_owned()), "{edits:?}");
    assert!(edits.contains(&"+its".to_owned()), "{edits:?}");
}

#[test]
fn the_support_paragraph_has_exactly_two_edits() {
    let cmp = sample();
    let c = change_between(&cmp, 5, 4);
    assert_eq!(word_edits(&cmp, c), ["+on Ukraine", "-support", "+cover"]);
}

#[test]
fn beijing_moves_within_the_october_paragraph() {
    let cmp = sample();
    let c = change_between(&cmp, 7, 6);
    assert_eq!(word_edits(&cmp, c), ["-in Beijing", "+Beijing"]);
    let pieces = redline::compare::edit_texts(&cmp, c);
    let before_insert = pieces
        .iter()
        .take_while(|(op, _)| *op != redline::compare::EditOp::Insert)
        .map(|(_, t)| t.as_str())
        .collect::<String>();
    assert!(
        before_insert.ends_with("Putin was visiting"),
        "{before_insert}"
    );
}

#[test]
fn limits_on_the_relationship_is_one_phrase_replacement() {
    let cmp = sample();
    let c = change_between(&cmp, 9, 9);
    assert_eq!(
        word_edits(&cmp, c),
        [
            "-limits on the relationship",
            "+boundaries on ties",
            "-both"
        ]
    );
}

#[test]
fn the_rewritten_xi_paragraph_is_paired_or_shares_a_row() {
    let cmp = sample();
    let row = cmp
        .rows
        .iter()
        .find(|r| r.old.contains(&2))
        .expect("old ¶3 has a row");
    assert!(
        row.new.contains(&1),
        "old ¶3 and new ¶2 share a row: {row:?}"
    );
}

#[test]
fn stats_add_up() {
    let cmp = sample();
    let s = cmp.stats;
    assert_eq!((s.changed, s.moved, s.inserted, s.deleted), (4, 0, 5, 2));
    assert!(s.similarity > 0.7 && s.similarity < 0.9, "{}", s.similarity);
    assert!(!cmp.approximate);
}
