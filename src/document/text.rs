//! Bytes → text: byte-order marks, UTF-8, UTF-16 with or without a BOM, legacy encodings
//! (detected with chardetng), binary refusal and line endings.
//!
//! The order of the checks is the order of the evidence's strength: a BOM is certain; many zero
//! bytes on one side of each pair is UTF-16; bytes that are valid UTF-8 are UTF-8 (legacy text is
//! almost never valid UTF-8 by accident); only then is a legacy encoding guessed from the
//! statistics of the bytes.

use encoding_rs::Encoding;

use super::LoadWarning;

/// Decoded text and what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, BOM removed, line endings normalised to `\n`.
    pub(crate) text: String,
    /// The encoding the bytes were read as.
    pub(crate) encoding: &'static Encoding,
    /// Repairs made while decoding.
    pub(crate) warnings: Vec<LoadWarning>,
}

/// How much of the start of a file is inspected to decide whether it is text.
const SNIFF_BYTES: usize = 64 * 1024;

/// How much of a file the legacy-encoding detector reads: enough for a confident guess, without
/// spending seconds on a huge file.
const DETECT_BYTES: usize = 1024 * 1024;

/// The encodings a user can choose from to reopen a file, most common first. encoding_rs has no
/// separate ISO-8859-1: like browsers, it reads that label as its superset windows-1252.
const CHOICES: &[&Encoding] = &[
    encoding_rs::UTF_8,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_16BE,
    encoding_rs::WINDOWS_1252,
    encoding_rs::ISO_8859_15,
    encoding_rs::MACINTOSH,
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_2,
    encoding_rs::WINDOWS_1251,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::ISO_8859_5,
    encoding_rs::IBM866,
    encoding_rs::WINDOWS_1253,
    encoding_rs::ISO_8859_7,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::ISO_8859_8,
    encoding_rs::WINDOWS_1256,
    encoding_rs::ISO_8859_6,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_13,
    encoding_rs::WINDOWS_1258,
    encoding_rs::WINDOWS_874,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::ISO_2022_JP,
    encoding_rs::GBK,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
];

/// The encodings a user can pick to reopen a text or HTML file with, most common first: what a
/// "Reopen with encoding" menu lists. Pass the chosen one to
/// [`Document::load_with_encoding`](super::Document::load_with_encoding).
pub fn encodings() -> &'static [&'static Encoding] {
    CHOICES
}

/// The names of [`encodings`], e.g. `"UTF-8"`, `"windows-1252"`, `"Shift_JIS"`, in the same order.
pub fn encoding_names() -> Vec<&'static str> {
    CHOICES.iter().map(|e| e.name()).collect()
}

/// The encoding with this name or label (case-insensitive, e.g. `"latin1"`, `"Shift_JIS"`,
/// `"utf-16le"`), or `None` if there is no such encoding.
pub fn encoding_for_name(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

/// Decodes a text file's bytes, or says why they are not text.
///
/// With `forced`, the bytes are read in that encoding (a BOM of that encoding is dropped).
/// Otherwise a BOM decides; then UTF-16 without a BOM is recognised by its zero bytes; then valid
/// UTF-8 is taken as UTF-8; then a legacy encoding is detected. A legacy encoding read cleanly
/// gets no warning; bytes that are invalid in the encoding used become U+FFFD with a warning.
pub(crate) fn decode_text(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, String> {
    if let Some(encoding) = forced {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        return finish(text.into_owned(), encoding, had_errors);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), encoding, had_errors);
    }
    if let Some(encoding) = utf16_without_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        // A wrong guess shows up as NULs or control characters; such bytes are refused below
        // as binary, with the reason the zero bytes give.
        if check_text(&text).is_ok() {
            return finish(text.into_owned(), encoding, had_errors);
        }
    }
    // Valid UTF-8, the common case, is taken over without copying.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return finish(text, encoding_rs::UTF_8, false),
        Err(e) => e.into_bytes(),
    };
    if mostly_utf8(&bytes) {
        let invalid = bytes
            .utf8_chunks()
            .filter(|c| !c.invalid().is_empty())
            .count();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut decoded = finish(text, encoding_rs::UTF_8, false)?;
        decoded.warnings.push(LoadWarning(format!(
            "not valid UTF-8: {invalid} invalid byte sequence{} shown as \u{fffd}",
            if invalid == 1 { "" } else { "s" }
        )));
        return Ok(decoded);
    }
    // Binary content is refused before spending time on detection.
    check_bytes(&bytes)?;
    let encoding = detect_legacy(&bytes);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    finish(text.into_owned(), encoding, had_errors)
}

/// Guesses the legacy encoding of bytes that are not valid UTF-8.
pub(crate) fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    let whole = bytes.len() <= DETECT_BYTES;
    // `last` only when the detector sees the whole file, so a character cut at the end of the
    // prefix is not held against an encoding.
    detector.feed(&bytes[..bytes.len().min(DETECT_BYTES)], whole);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng answers KOI8-U for all KOI8 text. KOI8-U differs from the far more common
    // KOI8-R only in the bytes of the eight Ukrainian letters; without them the text reads the
    // same, and KOI8-R is the better name to show.
    if guess == encoding_rs::KOI8_U
        && !bytes
            .iter()
            .any(|b| matches!(b, 0xa4 | 0xa6 | 0xa7 | 0xad | 0xb4 | 0xb6 | 0xb7 | 0xbd))
    {
        return encoding_rs::KOI8_R;
    }
    guess
}

/// Checks decoded text, normalises its line endings and notes a lossy decode.
fn finish(text: String, encoding: &'static Encoding, had_errors: bool) -> Result<Decoded, String> {
    check_text(&text)?;
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(LoadWarning(format!(
            "some bytes are not valid {}; they are shown as \u{fffd}",
            encoding.name()
        )));
    }
    Ok(Decoded {
        text: normalize_line_endings(text),
        encoding,
        warnings,
    })
}

/// UTF-16 without a byte-order mark: text below U+0100 (Latin letters, digits, spaces, line
/// breaks) has a zero byte in every code unit, always on the same side of the pair. Binary files
/// have zero bytes on both sides. Returns the byte order, if the bytes look like that.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    // CJK text has few zero bytes (only its ASCII and the odd ideograph such as U+4E00), so a
    // handful on one side with none or almost none on the other is enough; the decoded text is
    // checked afterwards.
    let lopsided = |many: usize, few: usize| many >= 2 && few * 8 <= many;
    if lopsided(second, first) {
        Some(encoding_rs::UTF_16LE)
    } else if lopsided(first, second) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are UTF-8 with a few damaged sequences, rather than a legacy encoding: valid
/// multi-byte characters outnumber the invalid sequences. Legacy text hardly ever contains a
/// valid UTF-8 multi-byte sequence by accident.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > invalid
}

/// Refuses bytes with NULs before a legacy decoding is tried.
fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err("it contains NUL bytes".to_owned());
    }
    Ok(())
}

/// Refuses decoded content that is not text.
fn check_text(text: &str) -> Result<(), String> {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.contains('\0') {
        return Err("it contains NUL bytes".to_owned());
    }
    let control = sample
        .chars()
        .filter(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    // A few stray control characters happen in real text; a tenth of the file does not.
    if control * 10 > sample.chars().count() {
        return Err("most of it is control characters".to_owned());
    }
    Ok(())
}

/// Turns CRLF and lone CR line endings into LF.
pub(crate) fn normalize_line_endings(text: String) -> String {
    // memchr's search, not the standard library's: this runs over the whole of every file.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<Decoded, String> {
        decode_text(bytes.to_vec(), None)
    }

    #[test]
    fn strips_utf8_bom_and_normalises_crlf_and_cr() {
        let d = decode(b"\xef\xbb\xbfone\r\ntwo\rthree\n").unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        let text = "Grüße aus Köln\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding.name()),
                ("Grüße aus Köln\n", name)
            );
            let mut with_bom = "\u{feff}"
                .encode_utf16()
                .flat_map(|u| {
                    if name == "UTF-16LE" {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect::<Vec<u8>>();
            with_bom.extend(&bytes);
            let d = decode(&with_bom).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding.name()),
                ("Grüße aus Köln\n", name)
            );
            assert!(d.warnings.is_empty());
        }
    }

    #[test]
    fn japanese_utf16_without_bom_is_recognised_by_its_line_breaks() {
        let text = "日本語の記事です。\n二番目の段落。\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.name()), (text, "UTF-16LE"));
    }

    #[test]
    fn legacy_encodings_are_detected_without_a_warning() {
        let cases: [(&str, &Encoding); 4] = [
            (
                "Café society: the naïve señor paid €5 for crème brûlée.",
                encoding_rs::WINDOWS_1252,
            ),
            (
                "Председатель Государственной думы встретился с лидером Китая.",
                encoding_rs::KOI8_R,
            ),
            (
                "中国の指導者はロシアの議員と会談し、両国の関係を強調した。",
                encoding_rs::SHIFT_JIS,
            ),
            (
                "Předseda vlády řekl, že ceny energií porostou.",
                encoding_rs::WINDOWS_1250,
            ),
        ];
        for (text, encoding) in cases {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{text}");
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, encoding, "{text}");
            assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        }
    }

    #[test]
    fn utf8_with_a_damaged_byte_stays_utf8_with_a_warning() {
        let d = decode(
            "Grüße, naïve café \u{2014} ok "
                .as_bytes()
                .iter()
                .chain(b"\xff")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.text.ends_with('\u{fffd}'), "{}", d.text);
        assert!(
            d.warnings[0].0.contains("1 invalid byte sequence "),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn a_forced_encoding_is_used_and_a_lossy_decode_warns() {
        let bytes = "Grüße".as_bytes().to_vec();
        let d = decode_text(bytes, Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(d.text, "GrÃ¼ÃŸe");
        let d = decode_text(b"caf\xe9".to_vec(), Some(encoding_rs::UTF_8)).unwrap();
        assert_eq!(d.text, "caf\u{fffd}");
        assert!(
            d.warnings[0].0.contains("not valid UTF-8"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn binary_content_is_refused_with_a_reason() {
        assert!(decode(b"abc\0def").unwrap_err().contains("NUL"));
        assert!(decode(b"abc\0\0\0def").unwrap_err().contains("NUL"));
        assert!(
            decode(&[1, 2, 3, 4, 5, b'a'])
                .unwrap_err()
                .contains("control")
        );
        // What the window's tests drop on it.
        assert!(
            decode(&[0, 159, 146, 150, 0, 0, 1, 2, 3])
                .unwrap_err()
                .contains("NUL")
        );
        assert!(decode(&[0, 1, 2, 0, 0, 0]).unwrap_err().contains("NUL"));
        // Zero bytes on both sides of the pairs: not UTF-16.
        assert!(decode(&[0, 0, 0, 1, 0, 0, 2, 0, b'a', 0, 0, b'b']).is_err());
    }

    #[test]
    fn encoding_choices_have_names_that_round_trip() {
        let names = encoding_names();
        assert_eq!(names[0], "UTF-8");
        assert!(names.contains(&"Shift_JIS") && names.contains(&"KOI8-R"));
        for name in names {
            assert_eq!(encoding_for_name(name).map(Encoding::name), Some(name));
        }
        assert_eq!(encoding_for_name("latin1"), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(encoding_for_name("no such thing"), None);
    }
}
