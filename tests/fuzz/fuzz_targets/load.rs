//! Loading any bytes (text in any encoding, HTML, .docx, .odt, PDF, or garbage) either fails
//! with a typed error or gives text that segments into clean paragraphs. PDFs are read in this
//! process here (the binary reads them in a bounded child process), so seed with
//! tests/fixtures/pdf/ and run with `-rss_limit_mb` above the file's inflated size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline::document::Document;
use redline::text::Article;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::from_bytes("fuzz", data.to_vec()) else {
        return;
    };
    assert!(!doc.text.contains('\r'), "line endings are normalised");
    let article = Article::from_document(doc);
    let mut words = 0;
    for p in &article.paragraphs {
        assert!(!p.text.is_empty(), "no empty paragraphs");
        assert_eq!(p.text.trim(), p.text, "paragraphs are trimmed");
        assert!(!p.text.contains('\n') && !p.text.contains("  "), "whitespace is folded");
        words += p.words;
    }
    assert_eq!(words, article.words);
});
