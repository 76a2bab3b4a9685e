//! HTML pages saved from a browser → the article: headline, byline and body paragraphs.
//!
//! The article is found by dom_smoothie, a port of Mozilla's Readability (the reader view of
//! Firefox), which scores the page's blocks and keeps the main text without navigation, scripts,
//! styles, ads, cookie banners, comments or footers. Its result is HTML; a walker here turns
//! that into blocks (block elements → paragraphs, `<br>` → a line break). When no article is
//! found, the whole body is used, with a warning. Nothing is ever fetched: the page is parsed
//! from the bytes given, and links and images are only markup.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::LoadWarning;
use super::blocks::Blocks;
use super::sniff::find;

/// Pages with more elements than this are not scored for an article (scoring is slow on huge
/// documents); their whole text is used instead. News pages have a few thousand.
const MAX_ELEMENTS: usize = 100_000;

/// Pages nested deeper than this are not given to the article extractor, whose scoring walks
/// up and down the tree; the walker here is iterative and reads them as they are.
const MAX_DEPTH: usize = 512;

/// Elements that end the current paragraph when they start and when they end.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

/// Elements whose content is never article text: code, styles, embedded objects, form controls
/// and the document head (the title is taken separately).
const SKIPPED_ELEMENTS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "video", "audio", "select", "textarea", "button", "input", "map", "datalist",
    "title", "meta", "link",
    // Deleted text (an edit marked up as such), as deleted tracked changes in documents.
    "del",
];

/// What a page gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extracted {
    /// The text as blocks.
    pub(crate) text: String,
    /// Anything the user should know, such as "no article found".
    pub(crate) warnings: Vec<LoadWarning>,
}

/// The article text of an HTML page.
pub(crate) fn extract(html: &str) -> Extracted {
    let document = Document::from(html);
    if let Some(text) = article(&document, html) {
        return Extracted {
            text,
            warnings: Vec::new(),
        };
    }
    let mut blocks = Blocks::default();
    let root = document.body().unwrap_or_else(|| document.root());
    walk(&root, &mut blocks, true);
    let text = blocks.finish();
    let warnings = vec![LoadWarning(
        "no article found in this page; showing all of its text".to_owned(),
    )];
    Extracted { text, warnings }
}

/// The article found by the Readability algorithm: headline, byline, then the body. `None` when
/// the page is too big or too deep to score, or does not look like an article.
fn article(document: &Document, html: &str) -> Option<String> {
    // A page without a few long paragraphs is not an article (a list of links, a short
    // note); scoring it would pick some block of it and drop the rest.
    if depth(&document.root()) > MAX_DEPTH
        || !dom_smoothie::is_probably_readable(document, None, None)
    {
        return None;
    }
    // The headline as the page shows it: Readability's title comes from the metadata or the
    // `<title>`, which often add the site's name.
    let headings: Vec<String> = document
        .select("h1")
        .iter()
        .take(8)
        .map(|h| normalise(&h.text()))
        .collect();
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // The extractor changes the tree it scores, so it gets its own; parsing again costs less
    // than the scoring does.
    let mut readability = Readability::new(html, None, Some(config)).ok()?;
    let found = readability.parse().ok()?;
    let content = Document::fragment(found.content);
    let mut body = Blocks::default();
    walk(&content.root(), &mut body, false);
    if body.is_empty() {
        return None;
    }
    let body_text = body.finish();
    let first = body_text.split("\n\n").next().unwrap_or_default();

    let title = normalise(&found.title);
    let headline = headings
        .into_iter()
        .find(|h| !h.is_empty() && similar_titles(h, &title))
        .unwrap_or(title);
    let mut out = Blocks::default();
    if !headline.is_empty() && !similar_titles(first, &headline) {
        out.collapsed(&headline);
        out.end_block();
    }
    let byline = found
        .byline
        .map(|b| normalise(&b))
        .filter(|b| !b.is_empty())
        .and_then(|b| shown_byline(document, &b));
    if let Some(byline) = byline {
        // A byline from the page's metadata may also be in the article's text.
        if !body_text.contains(&byline) {
            out.collapsed(&byline);
            out.end_block();
        }
    }
    let mut text = out.finish();
    text.push_str(if text.is_empty() { "" } else { "\n" });
    text.push_str(&body_text);
    Some(text)
}

/// How deep elements may nest before a page is refused. html5ever, like the HTML standard's
/// tree builder, scans the stack of open elements for many tags, so parse time grows with the
/// square of the depth: 20,000 nested `<div>`s take half a minute. Article pages nest a few
/// dozen deep.
pub(crate) const MAX_NESTING: usize = 2_000;

/// Elements that never have content.
const VOID_ELEMENTS: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
];

/// Elements a parser closes by itself when the next one starts (an unclosed `<p>` or `<li>`
/// does not nest the next one).
const SELF_ENDING_ELEMENTS: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"rp",
    b"rt",
    b"html",
    b"head",
    b"body",
    b"a",
    b"nobr",
    b"button",
];

/// Elements whose content is raw text, not tags.
const RAW_TEXT_ELEMENTS: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Whether the page's elements nest deeper than [`MAX_NESTING`], estimated from its tags in one
/// pass before it is parsed (without building a tree).
pub(crate) fn nesting_exceeds(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(open) = bytes[at..].iter().position(|&b| b == b'<') {
        at += open + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag: the first '>' outside a quoted attribute value.
        let mut quote = None;
        let mut end = rest.len();
        for (i, &b) in rest.iter().enumerate().skip(name_start + name_len) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if q == b => quote = None,
                (None, b'>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let self_closing = end > 0 && rest.get(end - 1) == Some(&b'/');
        at += end;
        let counted = !VOID_ELEMENTS.contains(&name.as_slice())
            && !SELF_ENDING_ELEMENTS.contains(&name.as_slice());
        if closing {
            if counted {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if counted && !self_closing {
            depth += 1;
            if depth > MAX_NESTING {
                return true;
            }
        }
        if RAW_TEXT_ELEMENTS.contains(&name.as_slice()) {
            // Skip to the element's end tag; what is inside is not markup.
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            at += find_ignore_case(&bytes[at..], &close).unwrap_or(bytes.len() - at);
        }
    }
    false
}

/// The position of `needle` (lower-case ASCII) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == needle[0]) {
        let at = from + i;
        if haystack
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The byline as the page shows it ("By Jane Doe, in Paris"): the extractor may have taken the
/// bare name from the page's metadata. Looks for the smallest short author or byline element,
/// or the one around it, that contains the name; `None` when the page does not show the name
/// at all (a metadata author such as the program that wrote the file is no byline).
fn shown_byline(document: &Document, byline: &str) -> Option<String> {
    let wanted = byline.to_lowercase();
    let candidates = document
        .select("[class*=byline], [id*=byline], [rel=author], [itemprop=author], [class*=author]");
    for node in candidates.nodes().iter().take(32) {
        for candidate in [Some(*node), node.parent()].into_iter().flatten() {
            let text = normalise(&candidate.text());
            if text.len() > byline.len()
                && text.chars().count() < 100
                && text.to_lowercase().contains(&wanted)
            {
                return Some(text);
            }
        }
    }
    let mut shown = Blocks::default();
    if let Some(body) = document.body() {
        walk(&body, &mut shown, false);
    }
    normalise(&shown.finish())
        .to_lowercase()
        .contains(&wanted)
        .then(|| byline.to_owned())
}

/// Whether two titles are the same headline, one perhaps with the site's name added.
fn similar_titles(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// Text with its runs of whitespace made single spaces, trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The depth of the deepest node under `root`, counted without recursion.
fn depth(root: &NodeRef<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest > MAX_DEPTH {
            break;
        }
        stack.extend(node.children_it(false).map(|c| (c, d + 1)));
    }
    deepest
}

/// Writes the text under `root` as blocks, in document order, without recursion (pages can be
/// nested arbitrarily deep). With `whole_page`, navigation and hidden elements are skipped too,
/// as the article extractor would have.
fn walk(root: &NodeRef<'_>, blocks: &mut Blocks, whole_page: bool) {
    // (node, leaving): a node is pushed again, marked, to be left after its children.
    let mut stack = vec![(*root, false)];
    let mut in_pre = 0usize;
    while let Some((node, leaving)) = stack.pop() {
        if node.is_text() {
            let text = node.text();
            if in_pre > 0 {
                let mut lines = text.split('\n');
                if let Some(line) = lines.next() {
                    blocks.literal(line);
                }
                for line in lines {
                    blocks.line_break();
                    blocks.literal(line);
                }
            } else {
                blocks.collapsed(&text);
            }
            continue;
        }
        if !node.is_element() {
            if !leaving && (node.is_document() || node.is_fragment()) {
                push_children(&node, &mut stack);
            }
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        let block = BLOCK_ELEMENTS.contains(&name.as_str());
        if leaving {
            if name == "pre" {
                in_pre = in_pre.saturating_sub(1);
            }
            if block {
                blocks.end_block();
            }
            continue;
        }
        if SKIPPED_ELEMENTS.contains(&name.as_str()) || is_hidden(&node) {
            continue;
        }
        if whole_page && (name == "nav" || node.attr("role").as_deref() == Some("navigation")) {
            continue;
        }
        match name.as_str() {
            "br" => blocks.line_break(),
            // Images stand for nothing in the text; their alt text is a description.
            "img" | "hr" | "wbr" => {
                if block {
                    blocks.end_block();
                }
            }
            _ => {
                if block {
                    blocks.end_block();
                }
                if name == "pre" {
                    in_pre += 1;
                }
                stack.push((node, true));
                push_children(&node, &mut stack);
            }
        }
    }
}

/// Pushes a node's children so that the first is popped first.
fn push_children<'a>(node: &NodeRef<'a>, stack: &mut Vec<(NodeRef<'a>, bool)>) {
    stack.extend(node.children_it(true).map(|c| (c, false)));
}

/// Whether the page hides the element from readers.
fn is_hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").as_deref() == Some("true")
        || node.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn blocks_breaks_entities_and_whitespace() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\
            <h1>The &amp; headline</h1><p>One\n  two<br>three</p><ul><li>a</li><li>b&nbsp;c</li></ul>\
            <table><tr><td>x</td><td>y</td></tr></table><pre>  keep\n  lines</pre>\
            <script>var x = 1;</script><div hidden>hidden</div></body></html>";
        let document = Document::from(page);
        let mut blocks = Blocks::default();
        walk(&document.root(), &mut blocks, true);
        assert_eq!(
            blocks.finish(),
            "The & headline\n\nOne two\nthree\n\na\n\nb\u{a0}c\n\nx\n\ny\n\nkeep\nlines\n"
        );
    }

    #[test]
    fn a_metadata_author_the_page_does_not_show_is_no_byline() {
        let paragraph = "<p>Beijing has provided Moscow with diplomatic and economic support since \
            Vladimir Putin ordered the attack on Ukraine in February 2022, cover that has mitigated \
            the effects of Western sanctions on Russia, and trade between them has grown.</p>";
        let page = format!(
            "<html><head><title>Headline</title><meta name=\"author\" content=\"python-docx\">\
             </head><body><h1>Headline</h1>{p}<p>Changed <del>old</del><ins>new</ins> words \
             that are long enough to count as prose in an article, well past a hundred and \
             forty characters, so that the page reads as one.</p>{p}</body></html>",
            p = paragraph
        );
        let got = extract(&page);
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
        assert!(got.text.starts_with("Headline\n\nBeijing"), "{}", got.text);
        assert!(!got.text.contains("python-docx"), "{}", got.text);
        assert!(got.text.contains("Changed new words"), "{}", got.text);
    }

    #[test]
    fn a_page_without_an_article_gives_its_whole_text_with_a_warning() {
        let got = extract("<html><body><nav>Home</nav><p>Just a line.</p></body></html>");
        assert_eq!(got.text, "Just a line.\n");
        assert_eq!(got.warnings.len(), 1);
    }

    #[test]
    fn deep_nesting_is_measured_before_parsing_and_read_without_recursion() {
        let nested = |depth: usize| {
            format!(
                "<html><body>{}<p>Deep text.</p>{}</body></html>",
                "<div class='x>y'>".repeat(depth),
                "</div>".repeat(depth)
            )
        };
        assert!(nesting_exceeds(&nested(MAX_NESTING + 1)));
        let page = nested(MAX_NESTING - 10);
        assert!(!nesting_exceeds(&page));
        let started = std::time::Instant::now();
        assert_eq!(extract(&page).text, "Deep text.\n");
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn nesting_ignores_void_and_self_closing_tags_comments_and_scripts() {
        let many = |tag: &str| tag.repeat(MAX_NESTING * 2);
        for page in [
            many("<br>"),
            many("<img src=x>"),
            many("<p>text"),
            many("<li>item"),
            many("<span/>"),
            format!("<!-- {} -->", many("<div>")),
            format!("<script>var s = '{}';</script>", many("<div>")),
            format!("<SCRIPT>{}</SCRIPT>", many("<div>")),
        ] {
            assert!(!nesting_exceeds(&page), "{}", &page[..40]);
        }
        assert!(nesting_exceeds(&many("<b>")));
    }
}
