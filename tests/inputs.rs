#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Real inputs (issue 5): the same article as text in many encodings, as an HTML page saved from
//! a browser, as Word .docx and OpenDocument .odt, each read as the same paragraphs; and the
//! hostile and unsupported files each refused with a message that says what they are.
//!
//! The fixtures in tests/fixtures/inputs/ are made by `make_fixtures.py` there (python-docx,
//! odfpy, Python's codecs); the big and hostile files are made here at run time.

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};

use redline::compare::{CompareOptions, compare};
use redline::document::{
    Document, Format, LoadError, LoadOptions, MAX_ARCHIVE_ENTRIES, encoding_for_name,
    encoding_names, encodings,
};
use redline::text::Article;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inputs")
        .join(name)
}

fn load(name: &str) -> Document {
    Document::load(&fixture(name), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn paragraphs(doc: &Document) -> Vec<String> {
    Article::from_document(doc.clone())
        .paragraphs
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// `doc` reads as the same paragraphs as `expected`: word for word, and as the comparison sees it.
fn assert_same_article(expected: &Document, doc: &Document) {
    let (want, got) = (paragraphs(expected), paragraphs(doc));
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(w, g, "{}: paragraph {}", doc.source.name, i + 1);
    }
    assert_eq!(want.len(), got.len(), "{}: {got:#?}", doc.source.name);
    let cmp = compare(
        Article::from_document(expected.clone()).shared(),
        Article::from_document(doc.clone()).shared(),
        &CompareOptions::default(),
    );
    assert!(cmp.is_identical(), "{}", doc.source.name);
}

fn from_bytes(name: &str, bytes: impl Into<Vec<u8>>) -> Result<Document, LoadError> {
    Document::from_bytes(name, bytes.into())
}

// --- the same article in every format ----------------------------------------------------------

mod formats {
    use super::*;

    #[test]
    fn the_text_fixture_is_the_sample_article_with_a_headline_and_byline() {
        let article = load("article.txt");
        let sample = Document::from_text("sample", redline::sample::NEW_TEXT);
        let got = paragraphs(&article);
        assert_eq!(got[0].split_whitespace().next(), Some("Xi"));
        assert_eq!(got[1], "By Newsroom Staff");
        assert_eq!(got[2..], paragraphs(&sample)[..]);
    }

    #[test]
    fn a_saved_web_page_reads_as_its_article() {
        let txt = load("article.txt");
        for name in ["article.html", "article.chromium.html"] {
            let page = load(name);
            assert_eq!(page.source.format, Format::Html);
            assert_eq!(page.source.encoding, "HTML, UTF-8");
            assert!(
                page.source.warnings.is_empty(),
                "{:?}",
                page.source.warnings
            );
            assert_same_article(&txt, &page);
            for chrome in [
                "cookies",
                "Markets",
                "Advertisement",
                "Morning Briefing",
                "Most Read",
                "Terms of Service",
                "Sponsored",
                "dataLayer",
                "Great reporting",
                "Share on X",
            ] {
                assert!(
                    !page.text.contains(chrome),
                    "{name}: {chrome} leaked:\n{}",
                    page.text
                );
            }
        }
    }

    #[test]
    fn a_web_archive_reads_as_its_article() {
        let txt = load("article.txt");
        let archive = load("article.mhtml");
        assert_eq!(archive.source.format, Format::Html);
        assert_eq!(archive.source.encoding, "Web archive (.mhtml), UTF-8");
        assert_same_article(&txt, &archive);
        assert!(!archive.text.contains("cookie"), "{}", archive.text);
    }

    #[test]
    fn a_br_is_a_line_break_inside_the_paragraph() {
        let page = "<html><body><h1>Address</h1><p>Example News<br>1 Main Street<br>  Springfield</p>\
                    <p>Next&nbsp;paragraph &amp; more</p></body></html>";
        let doc = from_bytes("contact.html", page).unwrap();
        assert_eq!(
            doc.text,
            "Address\n\nExample News\n1 Main Street\nSpringfield\n\nNext\u{a0}paragraph & more\n"
        );
    }

    #[test]
    fn a_word_document_reads_as_its_body() {
        let txt = load("article.txt");
        // As python-docx writes it, and as LibreOffice does.
        for name in ["article.docx", "article.libreoffice.docx"] {
            let docx = load(name);
            assert_eq!(docx.source.format, Format::Docx);
            assert_eq!(docx.source.encoding, "Word document (.docx)");
            assert_eq!(docx.source.text_encoding, None);
            assert_same_article(&txt, &docx);
        }
    }

    #[test]
    fn an_opendocument_text_reads_as_its_body() {
        let txt = load("article.txt");
        for name in ["article.odt", "article.libreoffice.odt"] {
            let odt = load(name);
            assert_eq!(odt.source.format, Format::Odt);
            assert_eq!(odt.source.encoding, "OpenDocument text (.odt)");
            assert_same_article(&txt, &odt);
        }
    }

    #[test]
    fn footnotes_comments_headers_and_deleted_changes_are_not_body_text() {
        for name in [
            "article.docx",
            "article.odt",
            "article.libreoffice.docx",
            "article.libreoffice.odt",
        ] {
            let doc = load(name);
            for hidden in [
                "Xinhua News Agency, November 2", // the footnote
                "Check: was this",                // the comment
                "financial",                      // the deleted tracked change
                "Page footer",                    // the footer (docx)
                "Example News",                   // the header (docx)
            ] {
                assert!(!doc.text.contains(hidden), "{name}: {hidden}");
            }
            // The inserted tracked change is text, and the user is told so.
            assert!(
                doc.text.contains("diplomatic and economic support"),
                "{name}"
            );
            let warnings: Vec<String> = doc.source.warnings.iter().map(|w| w.to_string()).collect();
            assert_eq!(
                warnings,
                [
                    "it has 2 tracked changes, shown as if accepted: deleted text is left out, \
                  inserted text is kept"
                ],
                "{name}"
            );
        }
    }

    #[test]
    fn headings_list_items_and_table_cells_are_paragraphs_in_order() {
        let expected = load("structure.txt");
        for name in ["structure.docx", "structure.odt"] {
            let doc = load(name);
            assert_eq!(doc.text, expected.text, "{name}");
            assert_same_article(&expected, &doc);
        }
    }

    #[test]
    fn the_type_is_decided_by_content_not_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        for (source, disguise, format) in [
            ("article.docx", "report.txt", Format::Docx),
            ("article.odt", "report.docx", Format::Odt),
            ("article.html", "page.txt", Format::Html),
            ("article.txt", "story.docx", Format::Text),
        ] {
            let path = dir.path().join(disguise);
            std::fs::copy(fixture(source), &path).unwrap();
            let doc = Document::load(&path, &LoadOptions::default()).unwrap();
            assert_eq!(doc.source.format, format, "{source} as {disguise}");
        }
    }

    #[test]
    fn a_flat_opendocument_file_is_read_too() {
        let content = {
            let bytes = std::fs::read(fixture("structure.odt")).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut xml)
                .unwrap();
            xml
        };
        // A .fodt is the content in one office:document element that says its type.
        let flat = content
            .replace(
                "<office:document-content",
                "<office:document office:mimetype=\"application/vnd.oasis.opendocument.text\"",
            )
            .replace("</office:document-content>", "</office:document>");
        let doc = from_bytes("structure.fodt", flat).unwrap();
        assert_eq!(doc.source.format, Format::Odt);
        assert_eq!(doc.text, load("structure.txt").text);
    }
}

// --- encodings ---------------------------------------------------------------------------------

mod encodings {
    use super::*;

    #[test]
    fn the_article_in_every_unicode_form_and_windows_1252_is_the_same_article() {
        let txt = load("article.txt");
        for (name, encoding) in [
            ("article.utf-8-bom.txt", "UTF-8"),
            ("article.utf-16le-bom.txt", "UTF-16LE"),
            ("article.utf-16be-bom.txt", "UTF-16BE"),
            ("article.utf-16le.txt", "UTF-16LE"),
            ("article.utf-16be.txt", "UTF-16BE"),
            ("article.windows-1252.txt", "windows-1252"),
        ] {
            let doc = load(name);
            assert_eq!(doc.source.encoding, encoding, "{name}");
            assert!(
                doc.source.warnings.is_empty(),
                "{name}: {:?}",
                doc.source.warnings
            );
            assert_eq!(doc.text, txt.text, "{name}");
            assert_same_article(&txt, &doc);
        }
    }

    #[test]
    fn legacy_encodings_are_detected_without_a_warning() {
        for (name, utf8, encoding) in [
            // encoding_rs reads ISO-8859-1 as its superset windows-1252, as browsers do.
            ("french.iso-8859-1.txt", "french.utf8.txt", "windows-1252"),
            ("russian.koi8-r.txt", "russian.utf8.txt", "KOI8-R"),
            ("japanese.shift_jis.txt", "japanese.utf8.txt", "Shift_JIS"),
        ] {
            let doc = load(name);
            assert_eq!(doc.source.encoding, encoding, "{name}");
            assert!(
                doc.source.warnings.is_empty(),
                "{name}: {:?}",
                doc.source.warnings
            );
            let expected = load(utf8);
            assert_eq!(doc.text, expected.text, "{name}");
            assert_same_article(&expected, &doc);
        }
    }

    #[test]
    fn a_file_can_be_reopened_with_another_encoding() {
        let path = fixture("russian.koi8-r.txt");
        let options = LoadOptions::default();
        let detected = Document::load(&path, &options).unwrap();
        assert_eq!(detected.source.text_encoding, encoding_for_name("KOI8-R"));
        // Read as windows-1251 the bytes are other letters, but letters: no warning.
        let cp1251 = encoding_for_name("windows-1251").unwrap();
        let reopened = Document::load_with_encoding(&path, &options, Some(cp1251)).unwrap();
        assert_eq!(reopened.source.encoding, "windows-1251");
        assert_eq!(reopened.source.text_encoding, Some(cp1251));
        assert_ne!(reopened.text, detected.text);
        // Read as UTF-8 they are invalid: a lossy decode says so.
        let utf8 = encoding_for_name("utf-8").unwrap();
        let lossy = Document::load_with_encoding(&path, &options, Some(utf8)).unwrap();
        assert!(lossy.text.contains('\u{fffd}'));
        assert!(
            lossy.source.warnings[0]
                .to_string()
                .contains("not valid UTF-8"),
            "{:?}",
            lossy.source.warnings
        );
        // The override applies to pages too, and is named in the header.
        let page = Document::load_with_encoding(&fixture("article.html"), &options, Some(cp1251));
        assert_eq!(page.unwrap().source.encoding, "HTML, windows-1251");
    }

    #[test]
    fn the_encoding_menu_lists_the_common_encodings_by_name() {
        let names = encoding_names();
        assert_eq!(names.len(), encodings().len());
        for name in [
            "UTF-8",
            "UTF-16LE",
            "UTF-16BE",
            "windows-1252",
            "ISO-8859-2",
            "KOI8-R",
            "Shift_JIS",
            "EUC-KR",
            "Big5",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
    }

    #[test]
    fn a_page_declares_its_charset_in_a_meta_tag() {
        let page = "<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>Новости</title>\
                    </head><body><p>Привет</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let doc = from_bytes("news.html", bytes.into_owned()).unwrap();
        assert_eq!(doc.source.encoding, "HTML, windows-1251");
        assert!(doc.text.contains("Привет"), "{}", doc.text);
    }

    #[test]
    fn a_page_saved_as_utf8_under_a_legacy_charset_is_read_as_utf8() {
        let page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Grüße aus Köln</p></body></html>";
        let doc = from_bytes("relabelled.html", page).unwrap();
        assert_eq!(doc.source.encoding, "HTML, UTF-8");
        assert!(doc.text.contains("Grüße aus Köln"), "{}", doc.text);
    }

    #[test]
    fn damaged_utf8_is_kept_as_utf8_with_a_warning() {
        let mut bytes = std::fs::read(fixture("article.txt")).unwrap();
        bytes.extend(b"Broken \xff byte.\n");
        let doc = from_bytes("damaged.txt", bytes).unwrap();
        assert_eq!(doc.source.encoding, "UTF-8");
        assert!(doc.text.contains("Broken \u{fffd} byte."));
        assert!(doc.text.contains("“comprehensive strategic coordination"));
        assert_eq!(doc.source.warnings.len(), 1);
    }
}

// --- hostile and unsupported files --------------------------------------------------------------

mod refused {
    use super::support::zip_of;
    use super::*;

    /// The message for `bytes` saved as `name`, checking that it names the file and says what is
    /// supported.
    fn refusal(name: &str, bytes: &[u8]) -> (LoadError, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = Document::load(&path, &LoadOptions::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(name), "the message names the file: {msg}");
        (err, msg)
    }

    #[test]
    fn other_formats_are_named_with_the_supported_types() {
        let exe = {
            let mut b = b"MZ\x90\0".to_vec();
            b.resize(0x40, 0);
            b[0x3c] = 0x40;
            b.extend(b"PE\0\0\x4c\x01");
            b
        };
        let plain_zip = zip_of(&[("notes.txt", b"hello"), ("photo.jpg", b"\xff\xd8\xff")]);
        let xlsx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        let ods = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<x/>"),
        ]);
        let cases: [(&str, &[u8], &str); 8] = [
            (
                "poster.ps",
                b"%!PS-Adobe-3.0\n%%Pages: 1",
                "a PostScript document",
            ),
            ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
            ("program.exe", &exe, "a Windows program"),
            ("tool", b"\x7fELF\x02\x01\x01\0", "an executable program"),
            ("notes.zip", &plain_zip, "a ZIP archive"),
            ("budget.xlsx", &xlsx, "an Excel workbook"),
            ("sheet.ods", &ods, "an OpenDocument spreadsheet"),
            ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", ".doc"),
        ];
        for (name, bytes, what) in cases {
            let (err, msg) = refusal(name, bytes);
            assert!(matches!(err, LoadError::Binary { .. }), "{name}: {err:?}");
            assert!(msg.contains(what), "{name}: {msg}");
            for supported in ["plain text or Markdown", "HTML", ".docx", ".odt"] {
                assert!(msg.contains(supported), "{name}: {msg}");
            }
        }
    }

    #[test]
    fn a_truncated_word_document_is_damaged() {
        let bytes = std::fs::read(fixture("article.docx")).unwrap();
        for cut in [bytes.len() / 2, bytes.len() - 30] {
            let (err, msg) = refusal("cut.docx", &bytes[..cut]);
            assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
            assert!(msg.contains("a Word document (.docx)"), "{msg}");
            assert!(msg.contains("incomplete or damaged"), "{msg}");
        }
    }

    #[test]
    fn a_password_protected_opendocument_says_so() {
        let bytes = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"\x8f\x12\xa0 ciphertext"),
            (
                "META-INF/manifest.xml",
                b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
                  <manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>\
                  </manifest:file-entry></manifest:manifest>",
            ),
        ]);
        let (err, msg) = refusal("secret.odt", &bytes);
        assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
        assert!(msg.contains("password-protected"), "{msg}");
    }

    #[test]
    fn a_word_document_with_broken_xml_is_damaged() {
        let bytes = zip_of(&[(
            "word/document.xml",
            b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>",
        )]);
        let (err, msg) = refusal("broken.docx", &bytes);
        assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
        assert!(msg.contains("XML"), "{msg}");
    }

    #[test]
    fn an_archive_with_too_many_entries_is_refused_before_reading_its_directory() {
        let names: Vec<String> = (0..=MAX_ARCHIVE_ENTRIES).map(|i| format!("f{i}")).collect();
        let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", b"<w:document/>")];
        entries.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
        let (err, msg) = refusal("many.docx", &zip_of(&entries));
        assert!(matches!(err, LoadError::ArchiveTooLarge { .. }), "{err:?}");
        assert!(msg.contains("10002 entries"), "{msg}");
        assert!(msg.contains("a Word document"), "{msg}");
        // An end record that claims more entries than the file could hold is refused as well.
        let mut lying = b"PK\x03\x04".to_vec();
        lying.extend(b"PK\x05\x06\0\0\0\0\xff\xfe\xff\xfe\0\0\0\0\0\0\0\0\0\0");
        let (err, _) = refusal("lying.odt", &lying);
        assert!(matches!(err, LoadError::ArchiveTooLarge { .. }), "{err:?}");
    }

    #[test]
    fn a_zip_bomb_is_refused_at_the_limit() {
        // 64 MiB of one repeated paragraph packs to a few hundred KiB; the limit is 16 MiB.
        let paragraph = "<w:p><w:r><w:t>All work and no play.</w:t></w:r></w:p>";
        let mut xml = String::from(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
        );
        while xml.len() < 64 << 20 {
            xml.push_str(paragraph);
        }
        let bomb = zip_of(&[("word/document.xml", xml.as_bytes())]);
        assert!(bomb.len() < 1 << 20, "{}", bomb.len());
        let options = LoadOptions {
            max_bytes: 16 << 20,
        };
        let err = Document::from_bytes_with("bomb.docx", bomb.clone(), &options, None).unwrap_err();
        assert!(matches!(err, LoadError::ArchiveTooLarge { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains("word/document.xml unpacks to 65 MiB"), "{msg}");
        assert!(msg.contains("at most 16 MiB"), "{msg}");

        // The same bomb declaring a smaller size in both of its headers: 1,000 bytes, or just
        // the limit. The zip crate stops reading at the declared size and says the part is
        // larger, so the file is refused as damaged without unpacking 65 MiB. (Redline's own
        // stop at the limit, in `read_part`, stays as a second guard the crate leaves no way
        // to reach.)
        let started = std::time::Instant::now();
        for declared in [1000, 16 << 20] {
            let mut lying = bomb.clone();
            for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
                let at = lying.windows(4).position(|w| w == signature).unwrap() + offset;
                lying[at..at + 4].copy_from_slice(&u32::to_le_bytes(declared));
            }
            let err = Document::from_bytes_with("lying.docx", lying, &options, None).unwrap_err();
            assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
            let msg = err.to_string();
            assert!(
                msg.contains("lying.docx looks like a Word document (.docx) but cannot be read")
                    && msg.contains("larger than its declared uncompressed size"),
                "{msg}"
            );
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_xml_neither_hangs_nor_expands() {
        // Deep nesting and an entity bomb: read quickly, to little text.
        let nested = |depth: usize| {
            let xml = format!(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>{}<w:r><w:t>deep</w:t></w:r>{}</w:p></w:body></w:document>",
                "<w:sdt><w:sdtContent>".repeat(depth / 2),
                "</w:sdtContent></w:sdt>".repeat(depth / 2)
            );
            from_bytes(
                "deep.docx",
                zip_of(&[("word/document.xml", xml.as_bytes())]),
            )
        };
        assert_eq!(nested(5_000).unwrap().text, "deep\n");
        let err = nested(100_000).unwrap_err();
        assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
        assert!(err.to_string().contains("nested more than"), "{err}");
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\
            <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>x&b;y</w:t></w:r></w:p></w:body></w:document>";
        let doc = from_bytes(
            "laughs.docx",
            zip_of(&[("word/document.xml", laughs.as_bytes())]),
        )
        .unwrap();
        assert_eq!(doc.text, "xy\n");
    }

    #[test]
    fn a_deeply_nested_page_is_refused_quickly() {
        let page = format!(
            "<!DOCTYPE html><html><body>{}<p>x</p></body></html>",
            "<div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let (err, msg) = refusal("deep.html", page.as_bytes());
        assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");
        assert!(msg.contains("nested more than"), "{msg}");
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn binary_without_a_signature_is_refused() {
        let noise: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let (err, msg) = refusal("data.bin", &noise);
        assert!(matches!(err, LoadError::Binary { .. }), "{err:?}");
        assert!(
            msg.contains("NUL bytes") || msg.contains("control"),
            "{msg}"
        );
    }

    #[test]
    fn mangled_fixtures_never_panic() {
        for name in [
            "article.docx",
            "article.odt",
            "article.html",
            "article.mhtml",
        ] {
            let bytes = std::fs::read(fixture(name)).unwrap();
            for step in [7, 13, 101, 997] {
                let mut mangled = bytes.clone();
                for i in (40..mangled.len()).step_by(step) {
                    mangled[i] ^= 0x5a;
                }
                let _ = from_bytes(name, mangled);
            }
            for cut in [1, 10, 100, bytes.len() / 3] {
                let _ = from_bytes(name, bytes[..cut.min(bytes.len())].to_vec());
            }
        }
    }
}
