//! The golden corpus (`tests/fixtures/corpus`, see its MANIFEST.md): real texts nobody here
//! wrote, laid out anew by real tools (fmt, par, Python's textwrap, a join into one line per
//! paragraph, CRLF, indentation), and real revision pairs, each with the reading a careful
//! reader expects.

use std::path::{Path, PathBuf};

use redline::compare::{ChangeKind, CompareOptions, Comparison, compare};
use redline::document::LoadOptions;
use redline::text::{Article, segment};

use super::word_edits;

fn corpus(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(path)
}

fn load(path: &Path) -> Article {
    Article::load(path, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn compare_files(old: &Path, new: &Path) -> Comparison {
    compare(
        load(old).shared(),
        load(new).shared(),
        &CompareOptions::default(),
    )
}

/// Compares the real revision pair `revisions/OLD.txt` → `revisions/NEW.txt`.
fn revision(old: &str, new: &str) -> Comparison {
    compare_files(
        &corpus(&format!("revisions/{old}.txt")),
        &corpus(&format!("revisions/{new}.txt")),
    )
}

/// Every layout variant with the source it was made from.
fn layout_variants() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(corpus("layout")).expect("the corpus's layout folder");
    for entry in entries {
        let variant = entry.expect("a directory entry").path();
        let name = variant.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let source = name.split('.').next().unwrap_or("");
        out.push((corpus(&format!("sources/{source}.txt")), variant));
    }
    out.sort();
    assert!(
        out.len() >= 40,
        "the corpus has {} layout variants",
        out.len()
    );
    out
}

fn describe(cmp: &Comparison) -> String {
    cmp.changes
        .iter()
        .take(5)
        .map(|c| {
            format!(
                "{} old {:?} new {:?}: {:?}",
                cmp.shape(c).label(),
                c.old,
                c.new,
                word_edits(cmp, c)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_relayout_by_a_real_tool_reads_as_no_change_both_ways() {
    for (source, variant) in layout_variants() {
        for (old, new) in [(&source, &variant), (&variant, &source)] {
            let cmp = compare_files(old, new);
            assert!(
                cmp.is_identical(),
                "{} → {}: {} changes, first:\n{}",
                old.display(),
                new.display(),
                cmp.changes.len(),
                describe(&cmp)
            );
            assert!((cmp.stats.similarity - 1.0).abs() < 1e-9);
            assert_eq!(cmp.stats.words_inserted + cmp.stats.words_deleted, 0);
        }
    }
}

#[test]
fn relayout_is_no_change_under_every_option() {
    let options = [
        CompareOptions {
            ignore_case: true,
            ..CompareOptions::default()
        },
        CompareOptions {
            ignore_punctuation: true,
            ..CompareOptions::default()
        },
    ];
    for name in ["gpl3.fmt40", "mpl2.textwrap66", "debian-faq.fmtu55"] {
        let source = name.split('.').next().unwrap_or_default();
        let (old, new) = (
            load(&corpus(&format!("sources/{source}.txt"))).shared(),
            load(&corpus(&format!("layout/{name}.txt"))).shared(),
        );
        for options in &options {
            let cmp = compare(old.clone(), new.clone(), options);
            assert!(
                cmp.is_identical(),
                "{name} {options:?}:\n{}",
                describe(&cmp)
            );
        }
    }
}

/// Tools that rewrap inside paragraphs and keep where paragraphs start give the source's own
/// paragraphs: the window shows a re-wrapped file as its author wrote it. (The other variants
/// join lines the source kept apart, such as Markdown setext headings or list items without a
/// blank line between them; they read as no change all the same.)
#[test]
fn rewrapping_keeps_the_paragraphs_of_the_source() {
    let same_paragraphs = [
        "article-v1.crlf-fmt72",
        "article-v1.fmt120",
        "article-v1.fmt40",
        "article-v1.fmt72",
        "article-v1.fmtu55",
        "article-v1.indent4-2blank",
        "article-v1.oneline",
        "article-v1.par66",
        "article-v1.textwrap66",
        "apache2.indent4-2blank",
        "debian-faq.indent4-2blank",
        "gfdl13.indent4-2blank",
        "gpl3.crlf-fmt72",
        "gpl3.fmt72",
        "gpl3.fmt120",
        "gpl3.indent4-2blank",
        "mpl2.indent4-2blank",
    ];
    let texts = |path: PathBuf| -> Vec<String> {
        let text = std::fs::read_to_string(&path).expect("a UTF-8 corpus file");
        segment(&text).into_iter().map(|p| p.text).collect()
    };
    for name in same_paragraphs {
        let source = name.split('.').next().unwrap_or_default();
        let want = texts(corpus(&format!("sources/{source}.txt")));
        let got = texts(corpus(&format!("layout/{name}.txt")));
        assert_eq!(got, want, "{name}");
    }
}

/// The Debian FAQ indents some lines with no-break spaces ("\u{a0}\u{a0}\u{a0} this document"),
/// which fmt takes for a word: it never joins such a line to its neighbours, leaving short lines
/// around it, and puts what overflows it at the margin. Re-filled by fmt at any width, the FAQ
/// still gives every prose paragraph of the source (its listings of short lines may join).
#[test]
fn fmt_keeps_the_faqs_paragraphs_despite_no_break_space_indents() {
    let texts = |path: PathBuf| -> Vec<String> {
        let text = std::fs::read_to_string(&path).expect("a UTF-8 corpus file");
        segment(&text).into_iter().map(|p| p.text).collect()
    };
    let source = texts(corpus("sources/debian-faq.txt"));
    let prose: Vec<&String> = source
        .iter()
        .filter(|p| p.split(' ').count() >= 8 && p.ends_with(['.', '?', '!', ':', ')']))
        .collect();
    assert!(prose.len() > 120, "{} prose paragraphs", prose.len());
    for variant in ["fmt40", "fmt72", "fmt120", "fmtu55", "crlf-fmt72"] {
        let got = texts(corpus(&format!("layout/debian-faq.{variant}.txt")));
        let missing: Vec<&&String> = prose.iter().filter(|p| !got.contains(p)).collect();
        assert!(missing.is_empty(), "{variant}: {missing:#?}");
    }
}

#[test]
fn the_gpl_segments_as_its_paragraphs() {
    let text = std::fs::read_to_string(corpus("sources/gpl3.txt")).expect("the GPL");
    let paragraphs: Vec<String> = segment(&text).into_iter().map(|p| p.text).collect();
    // The centred title lines stand apart; the list item's wrapped "7.  This requirement" stays
    // inside item b); first-line-indented paragraphs are whole.
    assert_eq!(paragraphs[0], "GNU GENERAL PUBLIC LICENSE");
    assert_eq!(paragraphs[1], "Version 3, 29 June 2007");
    assert!(paragraphs.iter().any(|p| p.starts_with(
        "b) The work must carry prominent notices stating that it is released under this License and any conditions added under section 7. This requirement"
    )));
    assert!(paragraphs.contains(
        &"The GNU General Public License is a free, copyleft license for software and other kinds of works."
            .to_owned()
    ));
    // One paragraph per blank-line block, less the title block's two lines.
    let blocks = text.split("\n\n").filter(|b| !b.trim().is_empty()).count();
    assert_eq!(paragraphs.len(), blocks + 1);
}

/// The same five edits, in the source's layout and re-wrapped by fmt at 60 columns, give the
/// same words deleted and inserted in the same paragraphs.
#[test]
fn edits_read_the_same_with_or_without_rewrapping() {
    let source = corpus("sources/gpl3.txt");
    let plain = compare_files(&source, &corpus("revisions/gpl3.edited.txt"));
    let rewrapped = compare_files(&source, &corpus("revisions/gpl3.edited.fmt60.txt"));
    let edits = |cmp: &Comparison| -> Vec<(Vec<usize>, Vec<String>)> {
        cmp.changes
            .iter()
            .map(|c| (c.old.clone().collect(), word_edits(cmp, c)))
            .collect()
    };
    let want: Vec<Vec<String>> = vec![
        vec!["-(and charge for them if you wish)".into()],
        vec!["+Please read these terms carefully.".into()],
        vec!["-clearly".into(), "+plainly".into()],
        vec!["-60".into(), "+90".into()],
        vec![
            "-Free Software Foundation".into(),
            "+Open Source Initiative".into(),
        ],
    ];
    let got: Vec<Vec<String>> = edits(&plain).into_iter().map(|(_, e)| e).collect();
    assert_eq!(got, want);
    assert_eq!(edits(&rewrapped), edits(&plain));
    assert!(
        plain
            .changes
            .iter()
            .chain(&rewrapped.changes)
            .all(|c| c.kind == ChangeKind::Changed)
    );
    assert_eq!(
        (
            rewrapped.stats.words_inserted,
            rewrapped.stats.words_deleted
        ),
        (plain.stats.words_inserted, plain.stats.words_deleted)
    );
}

/// The text of every change of a kind, joined, for looking phrases up.
fn texts_of(cmp: &Comparison, kind: ChangeKind, side: redline::compare::Side) -> String {
    cmp.changes
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.text(cmp, side))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn gfdl_1_2_to_1_3_reads_as_a_reader_would() {
    use redline::compare::Side;
    let cmp = revision("gfdl-1.2", "gfdl-1.3");
    assert_eq!(cmp.stats.moved, 0, "{}", describe(&cmp));
    let inserted = texts_of(&cmp, ChangeKind::Inserted, Side::New);
    for phrase in [
        "The \"publisher\" means any person or entity",
        "11. RELICENSING",
        "Moreover, your license from a particular copyright holder",
    ] {
        assert!(inserted.contains(phrase), "{phrase} is not inserted");
    }
    // Section 9's "parties remain in full compliance" sentence is deleted inside its changed
    // paragraph, not torn off as a paragraph of its own.
    let full_compliance = cmp
        .changes
        .iter()
        .find(|c| c.text(&cmp, Side::Old).contains("full compliance"))
        .expect("a change with the full-compliance sentence");
    assert_eq!(full_compliance.kind, ChangeKind::Changed);
    assert!(
        word_edits(&cmp, full_compliance)
            .iter()
            .any(|e| e.starts_with('-') && e.contains("full compliance"))
    );
    // Paragraphs only reflowed between the versions are no change.
    let changed_old = texts_of(&cmp, ChangeKind::Changed, Side::Old);
    for reflowed in [
        "A \"Secondary Section\" is a named appendix",
        "It is requested, but not required, that you contact the authors",
    ] {
        assert!(
            !changed_old.contains(reflowed),
            "{reflowed} reads as changed"
        );
    }
}

#[test]
fn python_licence_3_12_to_3_13_is_one_changed_paragraph() {
    let cmp = revision("python-license-3.12.1", "python-license-3.13.0");
    assert_eq!(cmp.changes.len(), 1, "{}", describe(&cmp));
    let change = &cmp.changes[0];
    assert_eq!(
        (change.kind, change.old.len(), change.new.len()),
        (ChangeKind::Changed, 1, 1)
    );
    let edits = word_edits(&cmp, change);
    // "2001, 2002, … 2023" became "2001-2024".
    assert!(
        edits
            .iter()
            .any(|e| e.starts_with('-') && e.contains("2022, 2023")),
        "{edits:?}"
    );
    assert!(
        edits
            .iter()
            .any(|e| e.starts_with('+') && e.contains("2024")),
        "{edits:?}"
    );
}

#[test]
fn python_licence_3_7_to_3_8_inserts_without_false_moves() {
    let cmp = revision("python-license-3.7.16", "python-license-3.8.18");
    assert_eq!(cmp.stats.moved, 0, "{}", describe(&cmp));
    assert_eq!(cmp.stats.deleted, 0, "{}", describe(&cmp));
    let inserted = texts_of(&cmp, ChangeKind::Inserted, redline::compare::Side::New);
    assert!(inserted.contains("Starting with Python 3.8.6"));
    assert!(inserted.contains("ZERO-CLAUSE BSD LICENSE FOR CODE IN THE PYTHON DOCUMENTATION"));
}

#[test]
fn lgpl_2_to_2_1_has_no_false_moves() {
    let cmp = revision("lgpl-2.0", "lgpl-2.1");
    assert_eq!(cmp.stats.moved, 0, "{}", describe(&cmp));
    let inserted = texts_of(&cmp, ChangeKind::Inserted, redline::compare::Side::New);
    assert!(inserted.contains("b) Use a suitable shared library mechanism"));
}

/// A paragraph moved to the end and broken in two there (the other version segments it
/// differently, or an editor split it) is one move of the whole, not a deletion and insertions.
#[test]
fn a_moved_paragraph_broken_in_two_is_one_move() {
    let text = std::fs::read_to_string(corpus("sources/gpl3.txt")).expect("the GPL");
    let paragraphs: Vec<String> = segment(&text)
        .into_iter()
        .map(|p| p.text)
        .filter(|t| t.split(' ').count() > 30 && t.contains(". "))
        .take(12)
        .collect();
    let moved = 4;
    let (first, second) = paragraphs[moved]
        .split_once(". ")
        .map(|(a, b)| (format!("{a}."), b.to_owned()))
        .expect("a paragraph of two sentences");
    let mut new: Vec<String> = paragraphs.clone();
    new.remove(moved);
    new.push(first);
    new.push(second);
    let cmp = super::diff(&paragraphs.join("\n\n"), &new.join("\n\n"));
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Moved], "{}", describe(&cmp));
    let change = &cmp.changes[0];
    assert_eq!(
        (change.old.clone(), change.new.clone()),
        (moved..moved + 1, 11..13)
    );
    assert!(word_edits(&cmp, change).is_empty());
}
