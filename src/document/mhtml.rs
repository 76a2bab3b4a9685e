//! Web archives (.mhtml, .mht): what Chrome and Edge write for "Save page as… Webpage, Single
//! File". The page is the first `text/html` part of a MIME `multipart/related` message, usually
//! quoted-printable; the other parts (styles, images) are ignored.

use encoding_rs::Encoding;

use super::sniff::find;

/// How a web archive is named in messages.
pub(crate) const FORMAT: &str = "a web archive (.mhtml)";

/// The page inside a web archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// The HTML, transfer encoding undone.
    pub(crate) html: Vec<u8>,
    /// The charset the part's header declares, if any.
    pub(crate) charset: Option<&'static Encoding>,
}

/// Whether a file starts like a MIME web archive: mail-style headers declaring a
/// `multipart/related` body before the first blank line.
pub(crate) fn looks_like_mhtml(start: &[u8]) -> bool {
    let headers = &start[..header_end(start).map_or(start.len(), |(end, _)| end)];
    let lower = headers.to_ascii_lowercase();
    let starts_like_mail = [
        b"from:".as_slice(),
        b"mime-version:",
        b"subject:",
        b"date:",
        b"content-type:",
    ]
    .iter()
    .any(|h| lower.starts_with(h));
    starts_like_mail
        && find(&lower, b"mime-version:").is_some()
        && find(&lower, b"multipart/related").is_some()
}

/// The first HTML part of a web archive.
pub(crate) fn page(bytes: &[u8]) -> Result<Page, String> {
    let (end, body_start) =
        header_end(bytes).ok_or_else(|| "its MIME headers never end".to_owned())?;
    let headers = unfold(&bytes[..end]);
    let content_type = header(&headers, "content-type")
        .ok_or_else(|| "it has no Content-Type header".to_owned())?;
    let boundary = parameter(&content_type, "boundary")
        .ok_or_else(|| "its Content-Type names no part boundary".to_owned())?;
    let delimiter = format!("--{boundary}");
    let body = &bytes[body_start..];
    let mut rest = body;
    while let Some(at) = find(rest, delimiter.as_bytes()) {
        rest = &rest[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            break; // the closing delimiter
        }
        let part_end = find(rest, delimiter.as_bytes()).unwrap_or(rest.len());
        let part = after_delimiter_line(&rest[..part_end]);
        let Some((head_end, content_start)) = header_end(part) else {
            continue;
        };
        let part_headers = unfold(&part[..head_end]);
        let kind = header(&part_headers, "content-type").unwrap_or_default();
        if !kind.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let content = trim_line_end(&part[content_start..]);
        let encoding = header(&part_headers, "content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let html = match encoding.trim() {
            "quoted-printable" => quoted_printable(content),
            "base64" => base64(content).ok_or_else(|| "its page is not valid base64".to_owned())?,
            _ => content.to_vec(),
        };
        let charset = parameter(&kind, "charset").and_then(|c| Encoding::for_label(c.as_bytes()));
        return Ok(Page { html, charset });
    }
    Err("it holds no HTML page".to_owned())
}

/// A part without the rest of its delimiter's line (transport padding and the line end).
fn after_delimiter_line(part: &[u8]) -> &[u8] {
    let s = {
        let blanks = part
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        &part[blanks..]
    };
    s.strip_prefix(b"\r\n")
        .or_else(|| s.strip_prefix(b"\n"))
        .unwrap_or(s)
}

/// Drops the line end that belongs to the next delimiter.
fn trim_line_end(content: &[u8]) -> &[u8] {
    content
        .strip_suffix(b"\r\n")
        .or_else(|| content.strip_suffix(b"\n"))
        .unwrap_or(content)
}

/// Where the headers end: (end of the header lines, start of the body).
fn header_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = find(bytes, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = find(bytes, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Header lines with continuation lines joined, as text.
fn unfold(headers: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(headers).lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            out.push(line.trim_end().to_owned());
        }
    }
    out
}

/// The value of a header, by case-insensitive name.
fn header(headers: &[String], name: &str) -> Option<String> {
    headers.iter().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

/// A parameter of a header value (`boundary="x"`, `charset=utf-8`).
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Undoes quoted-printable: `=XX` is a byte, `=` at a line end joins the lines.
fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let rest = &input[i + 1..];
        if let Some(after) = rest.strip_prefix(b"\r\n") {
            i = input.len() - after.len();
        } else if let Some(after) = rest.strip_prefix(b"\n") {
            i = input.len() - after.len();
        } else if let (Some(hi), Some(lo)) = (
            rest.first().and_then(|c| (*c as char).to_digit(16)),
            rest.get(1).and_then(|c| (*c as char).to_digit(16)),
        ) {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            // A lone '=' is kept, as decoders do.
            out.push(b);
            i += 1;
        }
    }
    out
}

/// Decodes base64, skipping line breaks and other whitespace.
fn base64(input: &[u8]) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in input {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            break;
        }
        acc = (acc << 6) | u32::from(value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.com/\r\n\
        Subject: News\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\
        \tboundary=\"----MultipartBoundary--x----\"\r\n\r\n\r\n------MultipartBoundary--x----\r\n\
        Content-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\np { color: red; }\r\n\
        ------MultipartBoundary--x----\r\nContent-Type: text/html; charset=windows-1252\r\n\
        Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.com/\r\n\r\n\
        <html><body><p class=3D\"x\">Caf=E9 soci=\r\nety</p></body></html>\r\n\
        ------MultipartBoundary--x------\r\n";

    #[test]
    fn the_html_part_is_found_and_decoded() {
        assert!(looks_like_mhtml(ARCHIVE.as_bytes()));
        let page = page(ARCHIVE.as_bytes()).unwrap();
        assert_eq!(
            page.html,
            b"<html><body><p class=\"x\">Caf\xe9 society</p></body></html>"
        );
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn base64_parts_are_decoded() {
        let archive = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\
            Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n\
            PGh0bWw+PGJv\nZHk+SGk8L2JvZHk+PC9odG1sPg==\n--b--\n";
        assert!(looks_like_mhtml(archive.as_bytes()));
        assert_eq!(
            page(archive.as_bytes()).unwrap().html,
            b"<html><body>Hi</body></html>"
        );
    }

    #[test]
    fn mail_that_is_not_an_archive_is_not_taken_for_one() {
        assert!(!looks_like_mhtml(
            b"From: Jane\nSubject: Draft\n\nHere is the text."
        ));
        assert!(!looks_like_mhtml(
            b"Plain text.\n\nMIME-Version: 1.0 multipart/related"
        ));
        let err = page(
            b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\
            Content-Type: text/css\n\nx\n--b--\n",
        )
        .unwrap_err();
        assert!(err.contains("no HTML page"), "{err}");
    }
}
