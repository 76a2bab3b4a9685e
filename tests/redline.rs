//! The redline (tracked changes): accepting every revision gives the new version, rejecting
//! every one the old, paragraph by paragraph, on the sample, the corpus's real revisions and
//! layouts, and generated pairs with every option.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};

use redline::compare::{CompareOptions, Comparison, Side, compare};
use redline::document::LoadOptions;
use redline::export::redline::Redline;
use redline::summary::ChangeSummary;
use redline::text::Article;

fn paragraphs(c: &Comparison, side: Side) -> Vec<String> {
    c.article(side)
        .paragraphs
        .iter()
        .map(|p| p.text.clone())
        .collect()
}

fn folded(paragraphs: Vec<String>) -> Vec<String> {
    paragraphs
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Accept all gives the new paragraphs, reject all the old ones, in the redline and in the
/// Word document made of it.
fn check(c: &Comparison, what: &str) {
    let redline = Redline::of(c);
    compare_versions(c, redline.accepted(), redline.rejected(), what);
    let docx = redline::export::docx(&ChangeSummary::new(c)).unwrap();
    let (accepted, rejected) = word_versions(&docx);
    compare_versions(c, accepted, rejected, &format!("{what} (document.xml)"));
}

/// A part of a .docx, as text.
fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// What Word's "accept all" and "reject all" leave of a .docx, paragraph by paragraph, read
/// from `word/document.xml`: accepting drops deleted and moved-away text and joins a paragraph
/// whose mark is deleted to the next; rejecting does the same for inserted and moved-to text.
fn word_versions(docx: &[u8]) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let xml = part(docx, "word/document.xml");
    // Each paragraph: its runs (text, revision) and its mark's revision.
    let mut paras: Vec<(Vec<(String, &'static str)>, &'static str)> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut revision, mut in_ppr, mut in_text) = ("", false, false);
    let mut mark = "";
    let mut runs = Vec::new();
    loop {
        let event = reader.read_event().unwrap();
        let (element, opens) = match &event {
            Event::Start(e) => (Some(e.name().as_ref().to_vec()), true),
            Event::Empty(e) => (Some(e.name().as_ref().to_vec()), false),
            _ => (None, false),
        };
        if let Some(name) = element {
            let kind = match name.as_slice() {
                b"w:pPr" => {
                    in_ppr = opens;
                    continue;
                }
                b"w:t" | b"w:delText" => {
                    in_text = opens;
                    continue;
                }
                b"w:ins" => "ins",
                b"w:del" => "del",
                b"w:moveFrom" => "moveFrom",
                b"w:moveTo" => "moveTo",
                _ => continue,
            };
            if in_ppr {
                mark = kind;
            } else {
                revision = kind;
            }
            continue;
        }
        match event {
            Event::End(e) => match e.name().as_ref() {
                b"w:pPr" => in_ppr = false,
                b"w:ins" | b"w:del" | b"w:moveFrom" | b"w:moveTo" => revision = "",
                b"w:t" | b"w:delText" => in_text = false,
                b"w:p" => {
                    paras.push((std::mem::take(&mut runs), mark));
                    mark = "";
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                runs.push((t.decode().unwrap().into_owned(), revision));
            }
            Event::GeneralRef(r) if in_text => {
                let character = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match &*r as &[u8] {
                        b"amp" => "&",
                        b"lt" => "<",
                        b"gt" => ">",
                        b"quot" => "\"",
                        b"apos" => "'",
                        other => panic!("unexpected entity {other:?}"),
                    }
                    .to_owned(),
                };
                runs.push((character, revision));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let resolve = |dropped: [&str; 2]| {
        let mut out = Vec::new();
        let mut text = String::new();
        for (runs, mark) in &paras {
            for (t, r) in runs {
                if !dropped.contains(r) {
                    text.push_str(t);
                }
            }
            if !dropped.contains(mark) {
                out.push(std::mem::take(&mut text));
            }
        }
        if !text.is_empty() {
            out.push(text);
        }
        out
    };
    (resolve(["del", "moveFrom"]), resolve(["ins", "moveTo"]))
}

fn compare_versions(c: &Comparison, accepted: Vec<String>, rejected: Vec<String>, what: &str) {
    let accepted = folded(accepted);
    let rejected = folded(rejected);
    let (old, new) = (paragraphs(c, Side::Old), paragraphs(c, Side::New));
    if accepted != new {
        let at = accepted.iter().zip(&new).position(|(a, b)| a != b);
        panic!(
            "{what}: accepting gives {} paragraphs, the new version has {}; first difference at {at:?}: {:?} vs {:?}",
            accepted.len(),
            new.len(),
            at.and_then(|i| accepted.get(i)),
            at.and_then(|i| new.get(i)),
        );
    }
    if rejected != old {
        let at = rejected.iter().zip(&old).position(|(a, b)| a != b);
        panic!(
            "{what}: rejecting gives {} paragraphs, the old version has {}; first difference at {at:?}: {:?} vs {:?}",
            rejected.len(),
            old.len(),
            at.and_then(|i| rejected.get(i)),
            at.and_then(|i| old.get(i)),
        );
    }
}

fn load(path: &Path) -> Article {
    Article::load(path, &LoadOptions::default()).expect("a corpus file")
}

fn corpus(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(path)
}

#[test]
fn the_sample_accepts_to_the_new_version_and_rejects_to_the_old() {
    let c = compare(
        Article::from_document(redline::sample::old()).shared(),
        Article::from_document(redline::sample::new()).shared(),
        &CompareOptions::default(),
    );
    check(&c, "sample");
}

#[test]
fn real_revisions_and_layouts_accept_and_reject_exactly() {
    let mut pairs: Vec<(PathBuf, PathBuf)> = [
        ("gfdl-1.2", "gfdl-1.3"),
        ("lgpl-2.0", "lgpl-2.1"),
        ("gpl3.edited", "gpl3.edited.fmt60"),
        ("python-license-3.7.16", "python-license-3.8.18"),
        ("python-license-3.12.1", "python-license-3.13.0"),
    ]
    .iter()
    .map(|(o, n)| {
        (
            corpus(&format!("revisions/{o}.txt")),
            corpus(&format!("revisions/{n}.txt")),
        )
    })
    .collect();
    for entry in std::fs::read_dir(corpus("layout")).unwrap() {
        let variant = entry.unwrap().path();
        let name = variant.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let source = name.split('.').next().unwrap_or("").to_owned();
        pairs.push((corpus(&format!("sources/{source}.txt")), variant));
    }
    assert!(pairs.len() > 40);
    for (old, new) in pairs {
        for (old, new) in [(&old, &new), (&new, &old)] {
            let c = compare(
                load(old).shared(),
                load(new).shared(),
                &CompareOptions::default(),
            );
            check(&c, &format!("{} → {}", old.display(), new.display()));
        }
    }
}

#[test]
fn generated_pairs_accept_and_reject_exactly_under_every_option() {
    for seed in 0..60u64 {
        let (old, new) = support::revision_pair(seed, 6_000, 0.15);
        let mut rng = support::Rng::new(seed);
        let options = CompareOptions {
            ignore_case: rng.chance(0.3),
            fold_quotes: rng.chance(0.7),
            fold_compat: rng.chance(0.3),
            ignore_punctuation: rng.chance(0.3),
        };
        let c = compare(
            Article::from_text("old", &old).shared(),
            Article::from_text("new", &new).shared(),
            &options,
        );
        check(&c, &format!("seed {seed}, {options:?}"));
    }
}

#[test]
fn moves_and_paragraphs_added_or_removed_at_either_end_accept_and_reject_exactly() {
    let gui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gui");
    let c = compare(
        load(&gui.join("moves-old.txt")).shared(),
        load(&gui.join("moves-new.txt")).shared(),
        &CompareOptions::default(),
    );
    assert!(Redline::of(&c).moves > 0, "the fixture moves paragraphs");
    check(&c, "moves");
    let body = "The council met on Monday.\n\nIt voted on the budget.\n\nThe mayor spoke.";
    for (old, new) in [
        (
            body.to_owned(),
            format!("{body}\n\nA last paragraph added."),
        ),
        (
            format!("{body}\n\nA last paragraph removed."),
            body.to_owned(),
        ),
        (
            body.to_owned(),
            format!("A first paragraph added.\n\n{body}"),
        ),
        (
            body.to_owned(),
            "Entirely different words here.\n\nNothing alike at all.".to_owned(),
        ),
        ("One paragraph.".to_owned(), String::new()),
        (String::new(), "One paragraph.".to_owned()),
        (
            "Split me here. And here is the rest.".to_owned(),
            "Split me here.\n\nAnd here is the rest, edited.".to_owned(),
        ),
    ] {
        let c = compare(
            Article::from_text("old", &old).shared(),
            Article::from_text("new", &new).shared(),
            &CompareOptions::default(),
        );
        check(&c, &format!("{old:?} → {new:?}"));
    }
}

/// A Word document whose styles have German IDs, as German Word writes them ("berschrift1" is
/// named "heading 1"), with a heading, a subheading by its outline level, a numbered list and
/// prose.
fn german_word_document(heading: &str, items: [&str; 2], prose: &str) -> Vec<u8> {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let para = |properties: &str, text: &str| {
        format!(
            "<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    };
    let list = "<w:pStyle w:val=\"Listenabsatz\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>";
    let body = [
        para("<w:pStyle w:val=\"berschrift1\"/>", heading),
        para("<w:outlineLvl w:val=\"1\"/>", "Wer zahlt"),
        para(list, items[0]),
        para(list, items[1]),
        para("", prose),
    ]
    .concat();
    let document = format!("<w:document {w}><w:body>{body}</w:body></w:document>");
    let styles = format!(
        "<w:styles {w}>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Listenabsatz\"><w:name w:val=\"List Paragraph\"/></w:style>\
         </w:styles>"
    );
    support::zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

/// The style each paragraph of a redline's `word/document.xml` has ("" for none).
fn styles_of_paragraphs(docx: &[u8]) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    let body = &xml[xml.find("<w:body>").unwrap()..];
    body.split("<w:p>")
        .skip(1)
        .map(|p| {
            p.split_once("<w:pStyle w:val=\"")
                .filter(|(before, _)| !before.contains("</w:pPr>"))
                .map_or(String::new(), |(_, rest)| {
                    rest[..rest.find('"').unwrap()].to_owned()
                })
        })
        .collect()
}

#[test]
fn headings_and_list_items_of_word_inputs_keep_their_kind_in_the_redline() {
    let read = |bytes: Vec<u8>| {
        let document = redline::document::Document::from_bytes("story.docx", bytes).unwrap();
        Article::from_document(document).shared()
    };
    let old = read(german_word_document(
        "Der Haushalt der Stadt Bonn",
        ["Erstens die Steuern.", "Zweitens die Schulden."],
        "Der Rat hat am Montag beraten.",
    ));
    let new = read(german_word_document(
        "Der neue Haushalt der Stadt Bonn",
        ["Erstens die Steuern.", "Zweitens die Zinsen."],
        "Der Rat hat am Dienstag beraten.",
    ));
    let kinds: Vec<_> = new.paragraphs.iter().map(|p| (p.kind, p.level)).collect();
    use redline::text::ParagraphKind::{Heading, ListItem, Text};
    assert_eq!(
        kinds,
        [
            (Heading, 1),
            (Heading, 2),
            (ListItem, 0),
            (ListItem, 0),
            (Text, 0)
        ]
    );
    let c = compare(old, new, &CompareOptions::default());
    check(&c, "German Word document");
    let docx = redline::export::docx(&ChangeSummary::new(&c)).unwrap();
    assert_eq!(
        styles_of_paragraphs(&docx),
        ["Heading1", "Heading2", "ListParagraph", "ListParagraph", ""]
    );
    // The redline read back as an input has the same headings and list items.
    let again = read(docx);
    assert_eq!(
        again
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.level))
            .collect::<Vec<_>>(),
        kinds
    );
}

/// The words each comment of a redline is anchored on, as the new version has them and as the
/// old one has them, by comment id; and each comment's text.
fn comment_anchors(docx: &[u8]) -> Vec<(String, String, String)> {
    use quick_xml::events::Event;
    use std::collections::BTreeMap;
    let (document, comments) = (
        part(docx, "word/document.xml"),
        part(docx, "word/comments.xml"),
    );
    let id_of = |e: &quick_xml::events::BytesStart| {
        e.try_get_attribute("w:id")
            .unwrap()
            .unwrap()
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap()
            .into_owned()
    };
    // id → (new words, old words), while its range is open and after.
    let mut anchors: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut open: Vec<String> = Vec::new();
    let (mut revision, mut in_text) = ("", false);
    let mut reader = quick_xml::Reader::from_str(&document);
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeStart" => {
                anchors.entry(id_of(&e)).or_default();
                open.push(id_of(&e));
            }
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeEnd" => {
                let id = id_of(&e);
                open.retain(|o| *o != id);
            }
            Event::Start(e) => match e.name().as_ref() {
                b"w:ins" | b"w:moveTo" => revision = "new",
                b"w:del" | b"w:moveFrom" => revision = "old",
                b"w:t" | b"w:delText" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:ins" | b"w:moveTo" | b"w:del" | b"w:moveFrom" => revision = "",
                b"w:t" | b"w:delText" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().unwrap();
                for id in &open {
                    let (new, old) = anchors.get_mut(id).unwrap();
                    if revision != "old" {
                        new.push_str(&text);
                    }
                    if revision != "new" {
                        old.push_str(&text);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let texts: Vec<String> = comments
        .split("<w:comment ")
        .skip(1)
        .map(|c| {
            let t = c.split_once("xml:space=\"preserve\">").unwrap().1;
            t[..t.find("</w:t>").unwrap()].to_owned()
        })
        .collect();
    anchors
        .into_iter()
        .map(|(id, (new, old))| (texts[id.parse::<usize>().unwrap()].clone(), new, old))
        .collect()
}

#[test]
fn fact_comments_are_anchored_on_the_facts_words() {
    let c = compare(
        Article::from_document(redline::sample::old()).shared(),
        Article::from_document(redline::sample::new()).shared(),
        &CompareOptions::default(),
    );
    let docx = redline::export::docx(&ChangeSummary::new(&c)).unwrap();
    let anchors = comment_anchors(&docx);
    assert!(anchors.len() >= 10, "{anchors:?}");
    // A comment on an added fact covers exactly its words in the new version; on a removed one,
    // in the old; on a changed one, at least one of its wordings, where the text has it as the
    // fact reads.
    let mut exact = 0;
    for (text, new, old) in &anchors {
        let (_, words) = text.split_once(": ").unwrap();
        let (was, now) = words.split_once(" → ").unwrap_or((words, words));
        let words = words.replace("&amp;", "&");
        if text.contains(" added: ") {
            assert_eq!(*new, words, "{text}");
        } else if text.contains(" removed: ") {
            assert_eq!(*old, words, "{text}");
        } else {
            assert!(
                new.contains(now) || old.contains(was),
                "{text}: {new:?} / {old:?}"
            );
        }
        exact += usize::from(new.len() < 100 && old.len() < 100);
    }
    // None is anchored on a whole paragraph of the sample.
    assert_eq!(exact, anchors.len(), "{anchors:?}");
}
