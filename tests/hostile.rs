//! Hostile and broken inputs through loading, comparing and every export, each with its expected
//! outcome: a correct comparison or a clear error. None may panic or hang.
//!
//! Bounds: every case must finish within three minutes in a debug build. Most take
//! milliseconds, but the largest take 10–50 s there, alone on two cores (the 50 MB line, the
//! million lines, 100,000 quotations; each 2 s or less in a release build), and CI runs this
//! file's tests side by side on a shared machine: the bound only catches hangs. Speed is measured
//! by the benchmarks (BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::Duration;

use redline::compare::{CompareOptions, Comparison, compare};
use redline::document::{Document, LoadOptions};
use redline::export::Format;
use redline::summary::ChangeSummary;
use redline::text::Article;
use support::zip_of;

/// How long a case may take before it counts as hung (see the module documentation).
const HANG_GUARD: Duration = Duration::from_secs(180);

/// What a case must give.
enum Expect {
    /// Loads; the comparison with the reference passes this check.
    Compares(fn(&Comparison) -> bool),
    /// Refused with a message containing this text.
    Refused(&'static str),
    /// Refused with a message containing one of these texts.
    RefusedWithAny(&'static [&'static str]),
}

struct Case {
    name: &'static str,
    /// Writes the hostile file into the folder and returns its path.
    make: fn(&Path) -> PathBuf,
    /// What the hostile file is compared with (the old side); `None` compares it with itself.
    reference: Option<&'static str>,
    expect: Expect,
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const SAMPLE: &str = "assets/samples/article-v1.txt";

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        Case {
            name: "empty file",
            make: |d| write(d, "empty.txt", ""),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.new.paragraphs.is_empty() && c.stats.deleted == 11),
        },
        Case {
            name: "whitespace only",
            make: |d| write(d, "blank.txt", " \n\t\n\r\n  "),
            reference: None,
            expect: Compares(|c| c.is_identical() && c.old.paragraphs.is_empty()),
        },
        Case {
            name: "identical files",
            make: |d| write(d, "same.txt", redline::sample::OLD_TEXT),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.is_identical() && c.stats.unchanged == 11),
        },
        Case {
            name: "entirely different",
            make: |d| {
                write(
                    d,
                    "other.txt",
                    "Zebras graze quietly.\n\nNothing here is shared.",
                )
            },
            reference: Some(SAMPLE),
            expect: Compares(|c| c.stats.unchanged == 0 && c.stats.inserted == 2),
        },
        Case {
            name: "50 MB without a line break",
            make: |d| write(d, "long.txt", "word ".repeat(10 * 1024 * 1024)),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.new.paragraphs.len() == 1 && c.new.words == 10 * 1024 * 1024),
        },
        Case {
            name: "XML markup, control characters and noncharacters in the text",
            make: |d| {
                write(
                    d,
                    "markup.txt",
                    "A <w:p> & <script>alert(1)</script> \"quoted\" ]]> end.\n\n\
                     A bell\u{7}, an escape\u{1b} and U+FFFE \u{fffe} in prose.\n",
                )
            },
            reference: Some(SAMPLE),
            expect: Compares(|c| c.stats.inserted == 2),
        },
        Case {
            name: "a 1 MB word",
            make: |d| write(d, "word.txt", "x".repeat(1024 * 1024)),
            reference: None,
            expect: Compares(|c| c.is_identical() && c.old.words == 1),
        },
        Case {
            name: "a million one-word paragraphs",
            make: |d| {
                write(
                    d,
                    "million.txt",
                    (0..1_000_000)
                        .map(|i| format!("w{i}\n\n"))
                        .collect::<String>(),
                )
            },
            reference: None,
            expect: Compares(|c| c.old.paragraphs.len() == 1_000_000 && c.is_identical()),
        },
        Case {
            name: "a million one-word lines",
            make: |d| {
                write(
                    d,
                    "lines.txt",
                    (0..1_000_000)
                        .map(|i| format!("w{i}\n"))
                        .collect::<String>(),
                )
            },
            reference: None,
            expect: Compares(|c| c.old.paragraphs.len() == 1_000_000),
        },
        Case {
            name: "300,000 short lines of several words, no blank line",
            // Each line is looked at against the lines before it in its block: that must not
            // mean all of them (a look back over every unindented line was quadratic here).
            make: |d| {
                write(
                    d,
                    "listing.txt",
                    (0..300_000)
                        .map(|i| format!("line {i} says {}\n", "more ".repeat(i % 5)))
                        .collect::<String>(),
                )
            },
            reference: None,
            expect: Compares(|c| c.is_identical() && c.old.words >= 900_000),
        },
        Case {
            name: "NUL bytes",
            make: |d| write(d, "nul.bin", b"text\0\0\0more"),
            reference: Some(SAMPLE),
            expect: Refused("NUL"),
        },
        Case {
            name: "invalid UTF-8",
            make: |d| write(d, "bad.txt", b"ok \xff\xfe\xfd broken \xc3\x28 bytes"),
            reference: None,
            expect: Compares(|c| c.old.words >= 3),
        },
        Case {
            name: "UTF-16 without a BOM",
            make: |d| {
                write(
                    d,
                    "utf16.txt",
                    "Xi met Volodin in Beijing.\n"
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes)
                        .collect::<Vec<u8>>(),
                )
            },
            reference: None,
            expect: Compares(|c| {
                c.old
                    .paragraphs
                    .first()
                    .is_some_and(|p| p.text == "Xi met Volodin in Beijing.")
            }),
        },
        Case {
            name: "a BOM alone",
            make: |d| write(d, "bom.txt", b"\xef\xbb\xbf"),
            reference: None,
            expect: Compares(|c| c.old.paragraphs.is_empty()),
        },
        Case {
            name: "mixed line endings",
            make: |d| {
                write(
                    d,
                    "mixed.txt",
                    redline::sample::OLD_TEXT
                        .replacen("\n\n", "\r\n\r\n", 3)
                        .replacen("\n\n", "\r\r", 3),
                )
            },
            reference: Some(SAMPLE),
            expect: Compares(Comparison::is_identical),
        },
        Case {
            name: "a directory",
            make: |d| {
                let p = d.join("folder");
                std::fs::create_dir(&p).unwrap();
                p
            },
            reference: Some(SAMPLE),
            expect: Refused("is a folder"),
        },
        Case {
            name: "a missing file",
            make: |d| d.join("missing.txt"),
            reference: Some(SAMPLE),
            expect: Refused("no such file"),
        },
        Case {
            name: "deleted between choosing and reading",
            make: |d| {
                let p = write(d, "gone.txt", "soon gone");
                std::fs::remove_file(&p).unwrap();
                p
            },
            reference: Some(SAMPLE),
            expect: Refused("no such file"),
        },
        #[cfg(unix)]
        Case {
            name: "a FIFO",
            make: |d| {
                let p = d.join("fifo");
                std::process::Command::new("mkfifo")
                    .arg(&p)
                    .status()
                    .unwrap();
                p
            },
            reference: Some(SAMPLE),
            expect: Refused("not a regular file"),
        },
        #[cfg(unix)]
        Case {
            name: "a symlink loop",
            make: |d| {
                let (a, b) = (d.join("a"), d.join("b"));
                std::os::unix::fs::symlink(&b, &a).unwrap();
                std::os::unix::fs::symlink(&a, &b).unwrap();
                a
            },
            reference: Some(SAMPLE),
            expect: Refused("symbolic links"),
        },
        Case {
            name: "a truncated .docx",
            make: |d| {
                let full = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>")]);
                write(d, "cut.docx", &full[..full.len() / 2])
            },
            reference: Some(SAMPLE),
            expect: Refused("docx"),
        },
        Case {
            name: "a ZIP bomb",
            make: |d| {
                let entries: Vec<(String, Vec<u8>)> =
                    (0..12_000).map(|i| (format!("f{i}"), Vec::new())).collect();
                let refs: Vec<(&str, &[u8])> = entries
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect();
                write(d, "bomb.docx", zip_of(&refs))
            },
            reference: Some(SAMPLE),
            expect: Refused("entries"),
        },
        Case {
            name: "100,000 distinct capitalised names",
            make: |d| write(d, "names.txt", support::names_text(100_000)),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.stats.inserted >= 10_000),
        },
        Case {
            name: "100,000 quotations",
            make: |d| write(d, "quotes.txt", support::quotes_text(100_000)),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.stats.inserted == 10_000),
        },
        Case {
            name: "a 1 MB paragraph of numbers and dates",
            make: |d| write(d, "numbers.txt", support::numbers_text(60_000)),
            reference: Some(SAMPLE),
            expect: Compares(|c| c.new.paragraphs.len() == 1),
        },
        Case {
            name: "HTML nested 100,000 levels deep",
            make: |d| {
                write(
                    d,
                    "deep.html",
                    format!(
                        "<!DOCTYPE html><html><body>{}deep{}</body></html>",
                        "<div>".repeat(100_000),
                        "</div>".repeat(100_000)
                    ),
                )
            },
            reference: Some(SAMPLE),
            expect: Refused("nested"),
        },
        Case {
            name: "HTML full of scripts",
            make: |d| {
                write(
                    d,
                    "scripts.html",
                    format!(
                        "<!DOCTYPE html><html><head><title>t</title></head><body>{}<p>The only sentence a reader sees.</p>{}</body></html>",
                        "<script>document.write('evil')</script>".repeat(5000),
                        "<script src=x></script><style>p{}</style>".repeat(5000)
                    ),
                )
            },
            reference: None,
            expect: Compares(|c| {
                c.old
                    .paragraphs
                    .iter()
                    .all(|p| !p.text.contains("evil") && !p.text.contains("document.write"))
            }),
        },
        // PDFs: read in a child process (the built `redline pdf-text`) with a memory limit and
        // a deadline, as the binary reads them.
        Case {
            name: "PDF whose page tree contains itself",
            make: |d| {
                let mut objects = one_page("(cycle)");
                objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>".to_vec();
                objects.push(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_vec());
                write(d, "cycle.pdf", pdf(&objects))
            },
            reference: None,
            expect: Compares(|c| c.old.paragraphs.len() == 1),
        },
        Case {
            name: "PDF whose page dictionary nests arrays 200,000 deep",
            make: |d| {
                let mut objects = one_page("(deep)");
                let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
                objects[2] = format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
                     /Resources << /Font << /F1 5 0 R >> >> /Deep {deep} >>"
                )
                .into_bytes();
                write(d, "deep-dict.pdf", pdf(&objects))
            },
            reference: None,
            expect: Refused("cannot be read"),
        },
        Case {
            name: "PDF whose text nests arrays 200,000 deep",
            make: |d| {
                let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
                write(d, "deep-content.pdf", pdf(&one_page(&deep)))
            },
            reference: None,
            expect: Refused("no text layer"),
        },
        Case {
            name: "PDF whose form draws itself",
            make: |d| {
                let mut objects = one_page("(drawn) Tj ET /X0 Do BT (");
                objects[2] =
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
                    /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> >>"
                        .to_vec();
                objects.push(stream(
                    b"BT /F1 11 Tf 72 650 Td (again) Tj ET /X0 Do",
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                     /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >>",
                ));
                write(d, "self-drawing.pdf", pdf(&objects))
            },
            reference: None,
            expect: Compares(|c| c.old.paragraphs.iter().any(|p| p.text.contains("drawn"))),
        },
        Case {
            name: "PDF of a million objects and 6,000 pages",
            make: |d| {
                let mut objects = one_page("(page)");
                let pages = 6_000;
                let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 7 + i)).collect();
                objects[1] = format!(
                    "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                    kids.join(" ")
                )
                .into_bytes();
                objects.push(b"null".to_vec());
                for _ in 0..pages {
                    objects.push(objects[2].clone());
                }
                while objects.len() < 1_000_000 {
                    objects.push(b"<< /Filler true >>".to_vec());
                }
                write(d, "million.pdf", pdf(&objects))
            },
            reference: None,
            expect: Refused("it has 6000 pages, more than the 5000 Redline reads"),
        },
        Case {
            name: "PDF that lies about its counts",
            make: |d| {
                let mut objects = one_page("(counted)");
                objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>".to_vec();
                write(d, "counts.pdf", pdf(&objects))
            },
            reference: None,
            expect: Compares(|c| c.old.paragraphs.len() == 1),
        },
        Case {
            name: "PDF cut off half way",
            make: |d| {
                let whole = std::fs::read("tests/fixtures/pdf/article-v1.pdf").unwrap();
                write(d, "truncated.pdf", &whole[..whole.len() / 2])
            },
            reference: None,
            expect: Refused("cannot be read"),
        },
        Case {
            name: "PDF header and then noise",
            make: |d| {
                let mut rng = support::Rng::new(16);
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.extend((0..4096).map(|_| rng.next() as u8));
                write(d, "noise.pdf", bytes)
            },
            reference: None,
            expect: Refused("looks like a PDF document but cannot be read"),
        },
        Case {
            name: "PDF whose page inflates to 2 GiB",
            make: |d| copy_fixture(d, "flate-bomb.pdf"),
            reference: None,
            expect: RefusedWithAny(&["decompression bomb", "made to stall readers"]),
        },
        Case {
            name: "password-protected PDF",
            make: |d| copy_fixture(d, "password.pdf"),
            reference: None,
            expect: Refused("it is password-protected"),
        },
        Case {
            name: "PDF of a scanned page",
            make: |d| copy_fixture(d, "scan.pdf"),
            reference: None,
            expect: Refused(
                "no text layer: its pages are images, as a scan's are; run OCR (for example ocrmypdf)",
            ),
        },
    ]
}

/// A PDF of numbered objects (1, 2, …) with its cross-reference table; object 1 is the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(data: &[u8], dictionary: &str) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dictionary} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The objects of a one-page PDF that shows `shown` (a PDF string or array) with Helvetica:
/// catalog, pages, page, content, font.
fn one_page(shown: &str) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream(
            format!("BT /F1 11 Tf 72 700 Td {shown} Tj ET").as_bytes(),
            "",
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ]
}

fn copy_fixture(dir: &Path, name: &str) -> PathBuf {
    let bytes = std::fs::read(Path::new("tests/fixtures/pdf").join(name)).unwrap();
    write(dir, name, bytes)
}

/// Loads, compares and exports one case; returns what happened.
fn run(case: &Case, dir: &Path) -> Result<Comparison, String> {
    let path = (case.make)(dir);
    let options = LoadOptions::default();
    let new = Document::load(&path, &options).map_err(|e| e.to_string())?;
    let old = match case.reference {
        Some(reference) => {
            Document::load(Path::new(reference), &options).map_err(|e| e.to_string())?
        }
        None => new.clone(),
    };
    let cmp = compare(
        Article::from_document(old).shared(),
        Article::from_document(new).shared(),
        &CompareOptions::default(),
    );
    let summary = ChangeSummary::new(&cmp);
    // Every format must render (no panic, no hang); the JSON must also parse and list every change.
    for format in Format::ALL {
        let bytes = format
            .render(&summary)
            .map_err(|e| format!("{}: {format:?}: {e}", case.name))?;
        if format == Format::Docx {
            well_formed_docx(&bytes)
                .map_err(|e| format!("{}: the Word redline: {e}", case.name))?;
        }
        if format == Format::Json {
            let json: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: the JSON export does not parse: {e}", case.name))?;
            assert_eq!(
                json["changes"].as_array().map(Vec::len),
                Some(cmp.changes.len()),
                "{}: the JSON export lists a different number of changes",
                case.name
            );
        }
    }
    Ok(cmp)
}

#[test]
fn hostile_inputs_give_a_comparison_or_a_clear_error() {
    redline::document::read_pdfs_in_child(PathBuf::from(env!("CARGO_BIN_EXE_redline")));
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        let dir_path = dir.path().to_path_buf();
        let name = case.name;
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(|| run(&case, &dir_path));
            let verdict = match (result, &case.expect) {
                (Err(_), _) => Err("panicked".to_owned()),
                (Ok(Ok(cmp)), Expect::Compares(check)) if check(&cmp) => Ok(()),
                (Ok(Ok(cmp)), Expect::Compares(_)) => {
                    Err(format!("unexpected comparison: {:?}", cmp.stats))
                }
                (Ok(Err(message)), Expect::Refused(text)) if message.contains(text) => Ok(()),
                (Ok(Err(message)), Expect::RefusedWithAny(texts))
                    if texts.iter().any(|text| message.contains(text)) =>
                {
                    eprintln!("{name}: {message}");
                    Ok(())
                }
                (Ok(Err(message)), _) => Err(format!("unexpected error: {message}")),
                (Ok(Ok(_)), Expect::Refused(text)) => {
                    Err(format!("loaded, but should be refused with '{text}'"))
                }
                (Ok(Ok(_)), Expect::RefusedWithAny(texts)) => Err(format!(
                    "loaded, but should be refused with one of {texts:?}"
                )),
            };
            let _ = sender.send(verdict);
            drop(dir);
        });
        let started = std::time::Instant::now();
        match receiver.recv_timeout(HANG_GUARD) {
            Ok(Ok(())) => eprintln!("{name}: ok in {:.1?}", started.elapsed()),
            Ok(Err(why)) => failures.push(format!("{name}: {why}")),
            Err(_) => failures.push(format!("{name}: did not finish within {HANG_GUARD:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_at_the_size_limit_loads_and_one_byte_more_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let limit = 64 * 1024;
    let at = write(dir.path(), "at.txt", "a".repeat(limit));
    let over = write(dir.path(), "over.txt", "a".repeat(limit + 1));
    let options = LoadOptions {
        max_bytes: limit as u64,
    };
    assert!(Document::load(&at, &options).is_ok());
    let err = Document::load(&over, &options).unwrap_err().to_string();
    assert!(err.contains("larger than the limit"), "{err}");
}

#[test]
fn an_archive_at_the_entry_limit_loads_and_one_entry_more_is_refused() {
    use redline::document::MAX_ARCHIVE_ENTRIES;
    let document: &[u8] = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Xi met Volodin.</w:t></w:r></w:p></w:body></w:document>";
    let archive = |entries: usize| {
        let names: Vec<String> = (1..entries).map(|i| format!("media/f{i}")).collect();
        let mut all: Vec<(&str, &[u8])> = vec![("word/document.xml", document)];
        all.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
        zip_of(&all)
    };
    let at = Document::from_bytes("at.docx", archive(MAX_ARCHIVE_ENTRIES)).unwrap();
    assert_eq!(at.text.trim(), "Xi met Volodin.");
    let err = Document::from_bytes("over.docx", archive(MAX_ARCHIVE_ENTRIES + 1)).unwrap_err();
    assert!(err.to_string().contains("entries"), "{err}");
}

/// Two versions whose every paragraph changed: each of 50,000 paragraphs has one word replaced.
/// Each old paragraph is paired with the new one in its place (none reads as deleted and
/// inserted), within the hang bound.
#[test]
fn fifty_thousand_paragraphs_that_all_changed_are_paired_in_place() {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let version = |word: &str| {
            (0..50_000)
                .map(|i| {
                    format!(
                        "Paragraph {i} says that {} met {word} on the day.",
                        support::name(i)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let article =
            |text: String| Article::from_document(Document::from_text("v.txt", &text)).shared();
        let cmp = compare(
            article(version("Bakor")),
            article(version("Dimu")),
            &CompareOptions::default(),
        );
        let _ = sender.send((cmp.stats.changed, cmp.stats.inserted, cmp.stats.deleted));
    });
    let got = receiver
        .recv_timeout(HANG_GUARD)
        .expect("50,000 changed paragraphs did not finish within the hang guard");
    assert_eq!(got, (50_000, 0, 0));
}

/// The sentences of real texts in `sources` (files of the corpus), shuffled into paragraphs of
/// five until there is `bytes` of text.
fn shuffled_sentences(sources: &[&str], seed: u64, bytes: usize) -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    for source in sources {
        let text =
            std::fs::read_to_string(format!("tests/fixtures/corpus/sources/{source}.txt")).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        sentences.extend(text.split_inclusive(". ").map(|s| s.trim().to_owned()));
    }
    let mut rng = support::Rng::new(seed);
    let (mut paragraphs, mut size) = (Vec::new(), 0);
    while size < bytes {
        let paragraph: Vec<&str> = (0..5)
            .map(|_| sentences[rng.below(sentences.len())].as_str())
            .collect();
        let paragraph = paragraph.join(" ");
        size += paragraph.len();
        paragraphs.push(paragraph);
    }
    paragraphs
}

#[test]
fn two_unrelated_megabyte_texts_laid_out_differently_compare_without_a_time_budget() {
    // The licences wrapped at 72 columns against the Debian FAQ one paragraph per line: one gap
    // of 200,000 words a side, which a word diff would take the square of.
    let old: Vec<String> = shuffled_sentences(&["gpl3", "apache2", "mpl2", "gfdl13"], 1, 1 << 20)
        .iter()
        .map(|p| support::wrap(p, 72))
        .collect();
    let new = shuffled_sentences(&["debian-faq"], 2, 1 << 20);
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let article =
            |text: String| Article::from_document(Document::from_text("v.txt", &text)).shared();
        let cmp = redline::compare::Comparer::new(CompareOptions::default())
            .budget(Duration::from_secs(3600))
            .run(article(old.join("\n\n")), article(new.join("\n\n")));
        let _ = sender
            .send(cmp.map(|c| (c.stats.unchanged, c.stats.reparagraphed, c.stats.similarity)));
    });
    let (unchanged, reparagraphed, similarity) = receiver
        .recv_timeout(HANG_GUARD)
        .expect("two unrelated 1 MB texts did not finish within the hang guard")
        .expect("not cancelled");
    assert_eq!((unchanged, reparagraphed), (0, 0));
    assert!(similarity < 0.2, "similarity {similarity}");
}

/// Every XML part of a .docx parses to its end, with no character XML 1.0 forbids.
fn well_formed_docx(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut xml = String::new();
        part.read_to_string(&mut xml)
            .map_err(|e| format!("{name}: {e}"))?;
        if let Some(c) = xml
            .chars()
            .find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!(
                "{name} holds the control character U+{:04X}",
                c as u32
            ));
        }
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(format!("{name}: {e}")),
            }
        }
    }
    Ok(())
}
