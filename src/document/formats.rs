//! The input formats, in one table: what each is called, its file name extensions, how it is
//! recognised and which reader reads it. The loader's recognition and dispatch, the "what is
//! supported" message and the open dialog's filters are all taken from [`INPUT_FORMATS`], so a
//! new format is one more row (and its reader).

use encoding_rs::Encoding;

use super::archive::{Archive, Container};
use super::error::Problem;
use super::text::Decoded;
use super::{LoadOptions, Loaded, pdf, sniff};

/// One kind of file Redline reads.
#[derive(Debug)]
pub struct InputFormat {
    /// What people call it, as messages and the README name it ("a Word document").
    pub name: &'static str,
    /// How the "supported" message lists it.
    pub listed_as: &'static str,
    /// The open dialog's filter it belongs to.
    pub dialog_group: &'static str,
    /// File name extensions, without the dot. The content decides what a file is; extensions
    /// only narrow the open dialog's list and break a tie between an HTML fragment and Markdown.
    pub extensions: &'static [&'static str],
    /// How it is told from the others, for people.
    pub recognised_by: &'static str,
    /// How the loader recognises it, in the table's order, and reads it.
    pub(crate) reader: Reader,
}

/// Reads a file from all of its bytes, decoding text in the encoding the user chose, if any.
pub(crate) type ReadBytes =
    fn(&str, Vec<u8>, Option<&'static Encoding>, &LoadOptions) -> Result<Loaded, Problem>;
/// Reads a document out of an opened ZIP archive, unpacking at most the size limit.
pub(crate) type ReadZip = fn(&mut Archive<'_>, u64) -> Result<Loaded, Problem>;
/// Reads text already decoded.
pub(crate) type ReadDecoded = fn(Decoded) -> Result<Loaded, Problem>;

/// How the loader recognises a format and reads it. The table is tried in order, one stage at
/// a time: the raw bytes, then a ZIP archive's contents, then the start of the decoded text;
/// what none of them claims is plain text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reader {
    /// Recognised by the file's leading bytes, before decoding; read from all of its bytes, in
    /// the encoding the user chose if any.
    Bytes {
        claims: fn(&[u8]) -> bool,
        read: ReadBytes,
    },
    /// A ZIP archive holding this kind of document, read within the size limit.
    Zip { container: Container, read: ReadZip },
    /// Recognised by the start of the decoded text and, as a tie-breaker, the file name.
    Decoded {
        claims: fn(&[u8], &str) -> bool,
        read: ReadDecoded,
    },
    /// Whatever no other row claims.
    Rest { read: ReadDecoded },
}

/// Every input format, in the order messages and the README list them. The loader tries the
/// rows of each stage in this order, and plain text last.
pub const INPUT_FORMATS: &[InputFormat] = &[
    InputFormat {
        name: "plain text or Markdown",
        listed_as: "plain text or Markdown in any common encoding",
        dialog_group: "Text and Markdown",
        extensions: &["txt", "text", "md", "markdown"],
        recognised_by: "any other text that decodes (UTF-8, UTF-16, or a legacy encoding)",
        reader: Reader::Rest {
            read: super::read_plain,
        },
    },
    InputFormat {
        name: "an HTML page",
        listed_as: "HTML pages",
        dialog_group: "Web pages",
        extensions: &["html", "htm", "xhtml"],
        recognised_by: "text starting with `<!DOCTYPE html>`, `<html>`, `<head>` or `<body>`, or \
                        with another tag when the name is not a text or Markdown file's",
        reader: Reader::Decoded {
            claims: sniff::looks_like_html,
            read: super::read_html,
        },
    },
    InputFormat {
        name: "a web archive (.mhtml)",
        listed_as: ".mhtml web archives",
        dialog_group: "Web pages",
        extensions: &["mht", "mhtml"],
        recognised_by: "mail-style headers declaring a `multipart/related` body",
        reader: Reader::Bytes {
            claims: super::mhtml::looks_like_mhtml,
            read: super::read_mhtml,
        },
    },
    InputFormat {
        name: "a Word document (.docx)",
        listed_as: "Word .docx",
        dialog_group: "Word and OpenDocument",
        extensions: &["docx"],
        recognised_by: "a ZIP archive with `word/document.xml`",
        reader: Reader::Zip {
            container: Container::Docx,
            read: super::read_docx,
        },
    },
    InputFormat {
        name: "an OpenDocument text (.odt)",
        listed_as: "OpenDocument .odt",
        dialog_group: "Word and OpenDocument",
        extensions: &["odt"],
        recognised_by: "a ZIP archive whose `mimetype` is an OpenDocument text",
        reader: Reader::Zip {
            container: Container::Odt,
            read: super::read_odt,
        },
    },
    InputFormat {
        name: "a flat OpenDocument text (.fodt)",
        listed_as: "flat OpenDocument .fodt",
        dialog_group: "Word and OpenDocument",
        extensions: &["fodt"],
        recognised_by: "XML starting with an `office:document` of the text type",
        reader: Reader::Decoded {
            claims: super::flat_odt,
            read: super::read_flat_odt,
        },
    },
    InputFormat {
        name: "a PDF document",
        listed_as: "PDF",
        dialog_group: "PDF documents",
        extensions: &["pdf"],
        recognised_by: "`%PDF-` in its first kilobyte; only its text layer is read, so a scan \
                        needs OCR first",
        reader: Reader::Bytes {
            claims: pdf::claims,
            read: pdf::read,
        },
    },
];

/// The sentence that follows a refusal: what Redline reads, from the table.
pub fn supported() -> String {
    let mut listed: Vec<&str> = INPUT_FORMATS.iter().map(|f| f.listed_as).collect();
    let last = listed.pop().unwrap_or_default();
    format!("Redline compares {} and {last} files", listed.join(", "))
}

/// The open dialog's filters: every extension the loader reads first, then one filter per
/// group, in the table's order.
pub fn dialog_filters() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut filters: Vec<(&'static str, Vec<&'static str>)> = vec![("Articles", Vec::new())];
    for format in INPUT_FORMATS {
        filters[0].1.extend(format.extensions);
        match filters
            .iter_mut()
            .find(|(group, _)| *group == format.dialog_group)
        {
            Some((_, extensions)) => extensions.extend(format.extensions),
            None => filters.push((format.dialog_group, format.extensions.to_vec())),
        }
    }
    filters
}

/// The reader of the row that claims a file by its leading bytes, if any.
pub(crate) fn by_bytes(start: &[u8]) -> Option<ReadBytes> {
    INPUT_FORMATS.iter().find_map(|f| match f.reader {
        Reader::Bytes { claims, read } if claims(start) => Some(read),
        _ => None,
    })
}

/// The reader of a kind of ZIP archive.
pub(crate) fn by_container(container: Container) -> Option<ReadZip> {
    INPUT_FORMATS.iter().find_map(|f| match f.reader {
        Reader::Zip { container: c, read } if c == container => Some(read),
        _ => None,
    })
}

/// The reader of the row that claims decoded text by its start, or else of plain text.
pub(crate) fn by_decoded(start: &[u8], name: &str) -> ReadDecoded {
    let claimed = INPUT_FORMATS.iter().find_map(|f| match f.reader {
        Reader::Decoded { claims, read } if claims(start, name) => Some(read),
        _ => None,
    });
    let rest = || {
        INPUT_FORMATS.iter().find_map(|f| match f.reader {
            Reader::Rest { read } => Some(read),
            _ => None,
        })
    };
    claimed.or_else(rest).unwrap_or(super::read_plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_and_the_dialog_list_every_format() {
        let message = supported();
        assert!(message.starts_with("Redline compares plain text or Markdown"));
        assert!(
            message.ends_with(", flat OpenDocument .fodt and PDF files"),
            "{message}"
        );
        let filters = dialog_filters();
        for format in INPUT_FORMATS {
            assert!(message.contains(format.listed_as), "{message}");
            for extension in format.extensions {
                assert!(filters[0].1.contains(extension));
                assert!(
                    filters
                        .iter()
                        .skip(1)
                        .any(|(_, list)| list.contains(extension)),
                    "{extension} is in no group of its own"
                );
            }
        }
    }

    #[test]
    fn the_readme_lists_every_format_as_the_table_does() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap_or_default();
        for format in INPUT_FORMATS {
            let extensions: Vec<String> = format
                .extensions
                .iter()
                .map(|e| format!("`.{e}`"))
                .collect();
            let row = format!(
                "| {} | {} | {} |",
                format.name,
                extensions.join(", "),
                format.recognised_by
            );
            assert!(readme.contains(&row), "README.md lacks the row\n{row}");
        }
    }
}
