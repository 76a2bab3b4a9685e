//! Loading files: decoding, and a clear message for everything that is not a readable text file.

use std::path::Path;

use redline::document::{Document, LoadError, LoadOptions};

fn load(path: &Path) -> Result<Document, LoadError> {
    Document::load(path, &LoadOptions::default())
}

#[test]
fn reads_the_sample_file_with_its_name_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article-v1.txt");
    std::fs::write(&path, redline::sample::OLD_TEXT).unwrap();
    let doc = load(&path).unwrap();
    assert_eq!(doc.source.name, "article-v1.txt");
    assert_eq!(doc.source.path.as_deref(), Some(path.as_path()));
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.text, redline::sample::OLD_TEXT);
}

#[test]
fn crlf_and_bom_files_compare_equal_to_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("windows.txt");
    let crlf = format!(
        "\u{feff}{}",
        redline::sample::OLD_TEXT.replace('\n', "\r\n")
    );
    std::fs::write(&path, crlf).unwrap();
    let doc = load(&path).unwrap();
    assert_eq!(doc.text, redline::sample::OLD_TEXT);
}

#[test]
fn a_missing_file_says_so() {
    let err = load(Path::new("/no/such/article.txt")).unwrap_err();
    assert!(matches!(err, LoadError::NotFound { .. }));
    assert_eq!(err.to_string(), "/no/such/article.txt: no such file");
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(matches!(err, LoadError::IsDirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("is a folder"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::NotRegularFile { .. }), "{err:?}");
}

#[test]
fn binary_files_are_refused_with_what_they_seem_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        ("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        ("data.bin", b"abc\0\0\0def", "NUL bytes"),
        ("scan.tif", b"II*\0\x08\0\0\0", "TIFF image"),
    ];
    for (name, bytes, what) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = load(&path).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, LoadError::Binary { .. }), "{name}: {err:?}");
        assert!(
            msg.contains(what) && msg.contains("plain text or Markdown"),
            "{msg}"
        );
        assert!(msg.contains(name), "the message names the file: {msg}");
    }
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, "word ".repeat(300_000)).unwrap();
    let err = Document::load(
        &path,
        &LoadOptions {
            max_bytes: 1024 * 1024,
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::TooLarge {
                size: 1_500_000,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("larger than the limit of 1 MiB"),
        "{err}"
    );
    assert!(
        Document::load(
            &path,
            &LoadOptions {
                max_bytes: 2 * 1024 * 1024
            }
        )
        .is_ok()
    );
}

#[test]
fn text_that_is_not_utf8_is_read_in_its_legacy_encoding() {
    let doc = Document::from_bytes("latin1.txt", b"Caf\xe9 society".to_vec()).unwrap();
    assert_eq!(
        (doc.text.as_str(), doc.source.encoding.as_str()),
        ("Café society", "windows-1252")
    );
    assert!(doc.source.warnings.is_empty());
}
