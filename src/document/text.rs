//! Bytes → text: byte-order marks, UTF-8 / UTF-16, binary sniffing and line endings.

use super::LoadWarning;

/// Decoded text and what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line endings normalised to `\n`.
    pub text: String,
    /// The name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Repairs made while decoding.
    pub warnings: Vec<LoadWarning>,
}

/// Leading bytes of common non-text formats, so a refusal can say what the file seems to be.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (
        b"PK\x03\x04",
        "a ZIP archive (Word .docx and OpenDocument .odt files are ZIP archives too)",
    ),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"{\\rtf", "an RTF document"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office document (.doc)",
    ),
];

/// How much of the start of a file is inspected to decide whether it is text.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes a file's bytes to text, or says why they are not text.
///
/// A byte-order mark decides the encoding (UTF-8, UTF-16LE, UTF-16BE); otherwise the bytes are
/// read as UTF-8, and invalid sequences become U+FFFD with a warning.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let text = text.into_owned();
        check_text(text.as_bytes())?;
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push(LoadWarning(format!(
                "some bytes are not valid {}; they are shown as \u{fffd}",
                encoding.name()
            )));
        }
        return Ok(Decoded {
            text: normalize_line_endings(text),
            encoding: encoding.name(),
            warnings,
        });
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    check_text(&bytes)?;
    let mut warnings = Vec::new();
    // Valid UTF-8, the common case, is taken over without copying.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let body = e.into_bytes();
            let invalid = body
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            warnings.push(LoadWarning(format!(
                "not valid UTF-8: {invalid} invalid byte sequence{} shown as \u{fffd}",
                if invalid == 1 { "" } else { "s" }
            )));
            String::from_utf8_lossy(&body).into_owned()
        }
    };
    Ok(Decoded {
        text: normalize_line_endings(text),
        encoding: "UTF-8",
        warnings,
    })
}

/// Refuses content that is not text, naming what it seems to be.
fn check_text(bytes: &[u8]) -> Result<(), String> {
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Err(format!("it looks like {what}"));
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return Err("it contains NUL bytes".to_owned());
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    // A few stray control characters happen in real text; a tenth of the file does not.
    if control * 10 > sample.len() {
        return Err("most of it is control characters".to_owned());
    }
    Ok(())
}

/// Turns CRLF and lone CR line endings into LF.
pub(crate) fn normalize_line_endings(text: String) -> String {
    if !text.contains('\r') {
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

    #[test]
    fn strips_utf8_bom_and_normalises_crlf_and_cr() {
        let d = decode(b"\xef\xbb\xbfone\r\ntwo\rthree\n".to_vec()).unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Grüße\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Grüße\n", "UTF-16LE"));

        let mut be = vec![0xfe, 0xff];
        be.extend("Grüße".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let d = decode(b"caf\xe9 and na\xefve".to_vec()).unwrap();
        assert_eq!(d.text, "caf\u{fffd} and na\u{fffd}ve");
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].0.contains("2 invalid byte sequences"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn binary_content_is_refused_with_a_reason() {
        assert!(decode(b"abc\0def".to_vec()).unwrap_err().contains("NUL"));
        assert!(
            decode(b"%PDF-1.7 ...".to_vec())
                .unwrap_err()
                .contains("PDF")
        );
        assert!(
            decode(vec![1, 2, 3, 4, 5, b'a'])
                .unwrap_err()
                .contains("control")
        );
    }
}
