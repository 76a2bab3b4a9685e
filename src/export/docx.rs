//! The redline as a Word document: the new version with every change a tracked revision that
//! Word and LibreOffice step through, accept or reject, and the fact-check findings and review
//! notes as comments.
//!
//! Written by hand (Office Open XML is a few plain XML parts in a ZIP) with the `zip` crate the
//! reader of .docx files already needs. The pitfalls that real applications punish:
//! - a deletion is never put inside an insertion (LibreOffice flattens it): runs carry one
//!   revision each ([`super::redline`]);
//! - the document's last paragraph mark cannot be a revision: [`super::redline::Redline`] moves
//!   it onto the paragraph before;
//! - every text run keeps `xml:space="preserve"`, or Word drops the spaces at its ends;
//! - everything from the documents is escaped, and characters XML 1.0 cannot hold are dropped.

use std::fmt::Write as _;
use std::io::Write as _;

use super::redline::{Para, Redline, Revision};
use super::{escape_xml as escape, facets, fact_words, facts_in_order, review_words};
use crate::summary::{ChangeSummary, Fact, timestamp};
use crate::text::ParagraphKind;

/// Why an export could not be put together in memory (only the Word document's ZIP can fail,
/// and only through a bug: everything is in memory).
#[derive(Debug, thiserror::Error)]
#[error("the export could not be put together: {0}")]
pub struct RenderError(String);

/// One comment: what it says and where in the redline it is anchored.
struct Comment {
    /// The paragraph.
    para: usize,
    /// The words in it, where the comment is about some (a fact's wording, old and new), from
    /// the start of the first to the end of the last; `None` anchors it on the whole paragraph.
    span: Option<(Place, Place)>,
    text: String,
}

/// A place in a paragraph of the redline: a run, and a byte offset in its text.
type Place = (usize, usize);

/// Writes the redline of the summary's comparison as a .docx file's bytes, its revisions and
/// comments by the summary's author.
pub fn docx(summary: &ChangeSummary) -> Result<Vec<u8>, RenderError> {
    let comparison = summary.comparison;
    let author = summary.author.as_str();
    let redline = Redline::of(comparison);
    let date = timestamp(summary.generated);
    let comments = comments(summary, &redline);
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(!comments.is_empty())),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("word/styles.xml", STYLES.to_owned()),
        (
            "word/_rels/document.xml.rels",
            document_rels(!comments.is_empty()),
        ),
    ];
    if !comments.is_empty() {
        parts.push(("word/comments.xml", comments_xml(&comments, author, &date)));
    }
    let zip_error = |e: zip::result::ZipError| RenderError(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // The body of a 10 MB article is tens of megabytes of XML: the default level (6) spent
        // most of the export's time squeezing it. Level 3 takes a third less time in all
        // (0.85 → 0.57 s) for a file 5% larger; level 1 took half, for a file 43% larger.
        .compression_level(Some(3));
    let io_error = |e: std::io::Error| RenderError(e.to_string());
    for (name, text) in parts {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(text.as_bytes()).map_err(io_error)?;
    }
    // The body, as large as the article: compressed as it is written, not held whole.
    zip.start_file("word/document.xml", options)
        .map_err(zip_error)?;
    write_document(&mut zip, &redline, &comments, author, &date).map_err(io_error)?;
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// The comments: each fact-check finding on its words in the paragraph it is in, each review
/// mark with a status or a note on its change's first paragraph.
fn comments(summary: &ChangeSummary, redline: &Redline) -> Vec<Comment> {
    let mut out = Vec::new();
    // The first paragraph of the redline holding each old and new paragraph, and each change:
    // looked up for every fact, which may be thousands.
    let first = |key: fn(&Para) -> Option<usize>| {
        let mut map = std::collections::HashMap::new();
        for (i, para) in redline.paras.iter().enumerate() {
            if let Some(k) = key(para) {
                map.entry(k).or_insert(i);
            }
        }
        map
    };
    let (by_old, by_new, by_change) = (first(|p| p.old), first(|p| p.new), first(|p| p.change));
    // How many facts each paragraph has had anchored on their words: finding each is a search
    // of the paragraph, so a paragraph of thousands of numbers would cost the square of its
    // length. Past a few, or in a very long paragraph, a fact covers its paragraph.
    let mut located: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (facet, list) in facets(&summary.facts) {
        for (what, fact) in facts_in_order(list) {
            let (old, new) = (
                fact.old_paragraphs.first().and_then(|p| p.checked_sub(1)),
                fact.new_paragraphs.first().and_then(|p| p.checked_sub(1)),
            );
            let para = new
                .and_then(|n| by_new.get(&n))
                .or_else(|| old.and_then(|o| by_old.get(&o)));
            if let Some(&para) = para {
                let count = located.entry(para).or_default();
                *count += 1;
                let paragraph = &redline.paras[para];
                let short = paragraph.runs.iter().map(|r| r.text.len()).sum::<usize>()
                    <= MAX_LOCATED_LENGTH;
                out.push(Comment {
                    para,
                    span: (short && *count <= MAX_LOCATED_FACTS)
                        .then(|| span_of(paragraph, fact))
                        .flatten(),
                    text: format!("{} {what}: {}", singular(facet), fact_words(fact)),
                });
            }
        }
    }
    for n in 0..summary.comparison.changes.len() {
        let mark = summary.mark(n);
        let Some((status, note)) = review_words(&mark) else {
            continue;
        };
        if let Some(&para) = by_change.get(&n) {
            let text = match note {
                Some(note) => format!("Review, change {}: {status}. {note}", n + 1),
                None => format!("Review, change {}: {status}.", n + 1),
            };
            out.push(Comment {
                para,
                span: None,
                text,
            });
        }
    }
    out.sort_by_key(|c| c.para);
    out
}

/// The most facts of one paragraph anchored on their own words, and the longest paragraph
/// (bytes of both versions' text) they are looked for in: bounds on the searches.
const MAX_LOCATED_FACTS: usize = 64;
const MAX_LOCATED_LENGTH: usize = 16 * 1024;

/// Where a fact's wording is in a paragraph of the redline: its old wording among the words the
/// old version has there, its new wording among the new version's, from the first to the last.
/// `None` when neither is found as it is (the comment then covers the paragraph).
fn span_of(para: &Para, fact: &Fact) -> Option<(Place, Place)> {
    let old = fact
        .old
        .as_deref()
        .and_then(|words| locate(para, words, Revision::in_old));
    let new = fact
        .new
        .as_deref()
        .and_then(|words| locate(para, words, Revision::in_new));
    match (old, new) {
        (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
        (found, None) | (None, found) => found,
    }
}

/// Where `words` first occur in the text a paragraph has in one version (the runs `keep`
/// keeps): the place of their first byte and the place just past their last.
fn locate(para: &Para, words: &str, keep: fn(Revision) -> bool) -> Option<(Place, Place)> {
    if words.is_empty() {
        return None;
    }
    let mut text = String::new();
    // Where each kept run starts in `text`, and which run it is.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (r, run) in para.runs.iter().enumerate() {
        if keep(run.revision) && !run.text.is_empty() {
            starts.push((text.len(), r));
            text.push_str(&run.text);
        }
    }
    let at = text.find(words)?;
    // The run holding byte `offset` of `text`; for an end, the run holding the byte before it.
    let place = |offset: usize, end: bool| {
        let k = starts.partition_point(|&(s, _)| if end { s < offset } else { s <= offset });
        let (s, r) = starts[k.checked_sub(1)?];
        Some((r, offset - s))
    };
    Some((place(at, false)?, place(at + words.len(), true)?))
}

/// "Number" for "Numbers and dates", the word a comment starts with.
fn singular(facet: &str) -> &'static str {
    match facet {
        "Quotes" => "Quote",
        "Attributions" => "Attribution",
        "Numbers and dates" => "Number or date",
        _ => "Name",
    }
}

/// Writes `word/document.xml` to `sink`, a few paragraphs at a time.
fn write_document(
    sink: &mut impl std::io::Write,
    redline: &Redline,
    comments: &[Comment],
    author: &str,
    date: &str,
) -> std::io::Result<()> {
    /// How much XML is gathered before it is handed on.
    const CHUNK: usize = 64 * 1024;
    let mut out = String::with_capacity(2 * CHUNK);
    out.push_str(XML_HEAD);
    out.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    let mut ids = Ids {
        next: comments.len(),
        author: escape(author),
        date: date.to_owned(),
    };
    // Where the ranges of each move's old place and new place start and end, by paragraph:
    // [move][0 for the old place, 1 for the new] = (first, last).
    let mut places = vec![[(usize::MAX, 0usize); 2]; redline.moves + 1];
    for (i, para) in redline.paras.iter().enumerate() {
        for revision in para.runs.iter().map(|r| r.revision).chain([para.mark]) {
            let (m, place) = match revision {
                Revision::MovedFrom(m) => (m, 0),
                Revision::MovedTo(m) => (m, 1),
                _ => continue,
            };
            if let Some(slot) = places.get_mut(m).map(|p| &mut p[place]) {
                slot.0 = slot.0.min(i);
                slot.1 = i;
            }
        }
    }
    let range_ids: Vec<[usize; 2]> = (0..=redline.moves)
        .map(|_| [ids.take(), ids.take()])
        .collect();
    let mut next_comment = 0;
    for (i, para) in redline.paras.iter().enumerate() {
        out.push_str("<w:p><w:pPr>");
        if let Some(style) = style_of(para) {
            let _ = write!(out, "<w:pStyle w:val=\"{style}\"/>");
        }
        if para.mark != Revision::Plain {
            out.push_str("<w:rPr>");
            ids.mark(&mut out, para.mark);
            out.push_str("</w:rPr>");
        }
        out.push_str("</w:pPr>");
        let anchored: Vec<usize> = (next_comment..comments.len())
            .take_while(|&c| comments[c].para == i)
            .collect();
        next_comment += anchored.len();
        // Where each comment on some of the paragraph's words starts and ends, in order; the
        // others cover the whole paragraph.
        let mut marks: Vec<(Place, bool, usize)> = Vec::new();
        for &c in &anchored {
            match comments[c].span {
                Some((start, end)) => marks.extend([(start, true, c), (end, false, c)]),
                None => {
                    let _ = write!(out, "<w:commentRangeStart w:id=\"{c}\"/>");
                }
            }
        }
        // At one place, a comment ends before another starts.
        marks.sort_by_key(|&(place, starts, _)| (place, starts));
        for (m, place) in places.iter().enumerate() {
            for (k, &(first, _)) in place.iter().enumerate() {
                if first == i {
                    let kind = MOVE_KINDS[k];
                    let _ = write!(
                        out,
                        "<w:{kind}RangeStart w:id=\"{}\" w:name=\"move{m}\" w:author=\"{}\" w:date=\"{}\"/>",
                        range_ids[m][k], ids.author, ids.date
                    );
                }
            }
        }
        let mut marks = marks.into_iter().peekable();
        for (r, run) in para.runs.iter().enumerate() {
            let mut from = 0;
            while let Some(((_, offset), starts, c)) = marks.next_if(|&((at, _), _, _)| at == r) {
                // A run is cut where a comment starts or ends in it.
                if offset > from {
                    let piece = run.text.get(from..offset).unwrap_or_default();
                    ids.run(&mut out, run.revision, piece);
                    from = offset;
                }
                ids.comment_mark(&mut out, starts, c, run.revision);
            }
            if from < run.text.len() {
                ids.run(
                    &mut out,
                    run.revision,
                    run.text.get(from..).unwrap_or_default(),
                );
            }
        }
        // What the paragraph ends with: a comment's reference after its last run is part of
        // the same revision, or LibreOffice loses the revision of the paragraph's mark.
        let last = para.runs.last().map_or(Revision::Plain, |r| r.revision);
        for (_, starts, c) in marks {
            ids.comment_mark(&mut out, starts, c, last);
        }
        for (m, place) in places.iter().enumerate() {
            for (k, &(first, last)) in place.iter().enumerate() {
                if last == i && first != usize::MAX {
                    let _ = write!(
                        out,
                        "<w:{}RangeEnd w:id=\"{}\"/>",
                        MOVE_KINDS[k], range_ids[m][k]
                    );
                }
            }
        }
        for &c in anchored.iter().filter(|&&c| comments[c].span.is_none()) {
            ids.comment_mark(&mut out, false, c, last);
        }
        out.push_str("</w:p>");
        if out.len() >= CHUNK {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push_str("<w:sectPr/></w:body></w:document>");
    sink.write_all(out.as_bytes())
}

/// The element names of a move's old place and new place.
const MOVE_KINDS: [&str; 2] = ["moveFrom", "moveTo"];

/// Revision numbers (unique in the document) and who made them when.
struct Ids {
    next: usize,
    author: String,
    date: String,
}

impl Ids {
    fn take(&mut self) -> usize {
        self.next += 1;
        self.next
    }

    fn attributes(&mut self) -> String {
        let id = self.take();
        format!(
            "w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"",
            self.author, self.date
        )
    }

    /// Where comment `c`'s range starts, or where it ends, with the reference Word shows it at,
    /// inside `revision` (that of the text it follows): LibreOffice ends an inserted paragraph's
    /// revision at a plain run, losing the revision of the paragraph's mark.
    fn comment_mark(&mut self, out: &mut String, starts: bool, c: usize, revision: Revision) {
        if starts {
            let _ = write!(out, "<w:commentRangeStart w:id=\"{c}\"/>");
            return;
        }
        let _ = write!(out, "<w:commentRangeEnd w:id=\"{c}\"/>");
        let reference = format!("<w:r><w:commentReference w:id=\"{c}\"/></w:r>");
        match revision_tag(revision) {
            None => out.push_str(&reference),
            Some(tag) => {
                let attributes = self.attributes();
                let _ = write!(out, "<w:{tag} {attributes}>{reference}</w:{tag}>");
            }
        }
    }

    /// A paragraph mark's revision, inside its `w:rPr`.
    fn mark(&mut self, out: &mut String, revision: Revision) {
        let Some(tag) = revision_tag(revision) else {
            return;
        };
        let attributes = self.attributes();
        let _ = write!(out, "<w:{tag} {attributes}/>");
    }

    /// A run of text with its revision.
    fn run(&mut self, out: &mut String, revision: Revision, text: &str) {
        let text = escape(text);
        let (tag, text_tag) = match revision {
            Revision::Plain => {
                let _ = write!(out, "<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>");
                return;
            }
            Revision::Inserted => ("ins", "t"),
            Revision::Deleted => ("del", "delText"),
            Revision::MovedFrom(_) => ("moveFrom", "delText"),
            Revision::MovedTo(_) => ("moveTo", "t"),
        };
        let attributes = self.attributes();
        let _ = write!(
            out,
            "<w:{tag} {attributes}><w:r><w:{text_tag} xml:space=\"preserve\">{text}</w:{text_tag}></w:r></w:{tag}>"
        );
    }
}

/// The element a revision is written as; none for plain text.
fn revision_tag(revision: Revision) -> Option<&'static str> {
    match revision {
        Revision::Plain => None,
        Revision::Inserted => Some("ins"),
        Revision::Deleted => Some("del"),
        Revision::MovedFrom(_) => Some("moveFrom"),
        Revision::MovedTo(_) => Some("moveTo"),
    }
}

/// Word's style for a paragraph.
fn style_of(para: &Para) -> Option<&'static str> {
    const HEADINGS: [&str; 6] = [
        "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
    ];
    match para.kind {
        ParagraphKind::Text => None,
        ParagraphKind::Heading => Some(HEADINGS[usize::from(para.level.clamp(1, 6)) - 1]),
        ParagraphKind::ListItem => Some("ListParagraph"),
        ParagraphKind::Quote => Some("Quote"),
    }
}

fn comments_xml(comments: &[Comment], author: &str, date: &str) -> String {
    let mut out = String::from(XML_HEAD);
    out.push_str(
        "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    for (id, comment) in comments.iter().enumerate() {
        let _ = write!(
            out,
            "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{date}\" w:initials=\"R\"><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:comment>",
            escape(author),
            escape(&comment.text)
        );
    }
    out.push_str("</w:comments>");
    out
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types(comments: bool) -> String {
    let mut out = String::from(XML_HEAD);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    );
    if comments {
        out.push_str("<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>");
    }
    out.push_str("</Types>");
    out
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

fn document_rels(comments: bool) -> String {
    let mut out = String::from(XML_HEAD);
    out.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
    if comments {
        out.push_str("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>");
    }
    out.push_str("</Relationships>");
    out
}

/// The styles the redline uses: the reader's own defaults for prose, Word's names for headings,
/// list items and quotes, so that the document reads like the article.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"3\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading5\"><w:name w:val=\"heading 5\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"4\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"22\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading6\"><w:name w:val=\"heading 6\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"5\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"22\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"720\" w:right=\"720\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
</w:styles>";
