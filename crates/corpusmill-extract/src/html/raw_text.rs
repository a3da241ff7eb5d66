//! Drops the bodies of `<script>` and `<style>` elements before parsing.
//!
//! Scripts and style sheets are half the bytes of a typical news page (54% of
//! the AEB pages), and the extractor never reads them (only JSON-LD scripts,
//! which are kept). The tokenizer passes raw text cheaply, so emptying them
//! saves less than their share of bytes: 13% of html5ever's instructions on
//! the AEB pages.
//!
//! The scan follows the HTML5 tokenizer's states far enough to find the same
//! elements the parser would: comments, bogus comments, doctypes, quoted
//! attribute values, and the raw-text and RCDATA elements (`<title>`,
//! `<textarea>`, `<noscript>`…) in which `<script>` is only text. Inside
//! `<svg>`/`<math>` (foreign content, where `<script>` is markup) and
//! `<select>` nothing is removed. Where the parser's reading could differ from
//! a plain scan it gives up and leaves the rest of the page as it is: a tag
//! that breaks out of foreign content, a raw-text element in foreign content
//! whose body holds a tag, `<frameset>`, `<plaintext>`, a script holding
//! `<!--` (whose end the escaped states decide), and any construct cut off by
//! the end of the page. The tree built from the result differs only in the
//! missing text of those elements.

use std::borrow::Cow;

use crate::lines::contains_ascii_ci;

/// `html` with the content of every `<script>` (except JSON-LD) and `<style>`
/// removed, tags kept; borrowed when there was nothing to remove.
pub(crate) fn without_script_bodies(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Kept ranges of `html`, as the start of the part not yet copied.
    let mut out = String::new();
    let mut copied = 0;
    let mut stripped = false;
    // Open `<svg>` and `<math>` elements, counted apart: an end tag closes
    // only its own kind. While either is open the page is foreign content.
    let (mut svg_depth, mut math_depth) = (0u32, 0u32);
    let mut select_depth = 0u32;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + found;
        let foreign = svg_depth + math_depth > 0;
        let Some(step) = markup_at(bytes, lt, foreign) else { break };
        match step {
            Markup::Text => at = lt + 1,
            Markup::Skip(end) => at = end,
            Markup::EndTag { name, end } => {
                let is = |want: &[u8]| name.eq_ignore_ascii_case(want);
                if is(b"svg") {
                    svg_depth = svg_depth.saturating_sub(1);
                } else if is(b"math") {
                    math_depth = math_depth.saturating_sub(1);
                } else if is(b"select") {
                    select_depth = select_depth.saturating_sub(1);
                } else if foreign && (is(b"p") || is(b"br")) {
                    // These break out of foreign content: where the parser
                    // then is, a plain scan cannot tell.
                    break;
                }
                at = end;
            }
            Markup::StartTag { name, end, self_closing } => {
                at = end;
                let is = |want: &[u8]| name.eq_ignore_ascii_case(want);
                if is(b"svg") || is(b"math") {
                    let depth = if is(b"svg") { &mut svg_depth } else { &mut math_depth };
                    *depth += u32::from(!self_closing);
                    continue;
                }
                if is(b"select") {
                    select_depth += 1;
                    continue;
                }
                if is(b"frameset") || is(b"plaintext") || (foreign && breaks_out_of_foreign_content(name)) {
                    break;
                }
                let raw_text =
                    ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];
                let Some(element) = raw_text.iter().find(|n| is(n.as_bytes())) else { continue };
                let Some(close) = find_end_tag(bytes, end, element.as_bytes()) else { break };
                let body = &bytes[end..close];
                // In foreign content these elements hold markup, not raw text
                // (except at an integration point such as `<foreignObject>`):
                // both readings agree only on a body without any tag.
                if foreign {
                    if memchr::memchr(b'<', body).is_some() {
                        break;
                    }
                    at = close;
                    continue;
                }
                if *element == "script" && holds_comment_open(body) {
                    break;
                }
                let droppable = match *element {
                    "script" => !contains_ascii_ci(&html[lt..end], "ld+json"),
                    "style" => true,
                    _ => false,
                };
                if droppable && select_depth == 0 && !body.is_empty() {
                    out.push_str(&html[copied..end]);
                    copied = close;
                    stripped = true;
                }
                at = close;
            }
        }
    }
    if !stripped {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The HTML start tags that end foreign content (`<svg><p>` closes the svg).
fn breaks_out_of_foreign_content(name: &[u8]) -> bool {
    const NAMES: [&str; 45] = [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ];
    NAMES.iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// What a `<` starts, as the tokenizer reads it in the data state.
enum Markup<'a> {
    /// A `<` that is text.
    Text,
    /// A comment, doctype or bogus comment ending before this index.
    Skip(usize),
    StartTag {
        name: &'a [u8],
        end: usize,
        self_closing: bool,
    },
    EndTag {
        name: &'a [u8],
        end: usize,
    },
}

/// The markup at `lt` (a `<`); `None` when it runs to the end of the page.
fn markup_at(bytes: &[u8], lt: usize, foreign: bool) -> Option<Markup<'_>> {
    let rest = &bytes[lt + 1..];
    match rest.first() {
        Some(b'!') => {
            let after = lt + 2;
            if rest.starts_with(b"!--") {
                let body = after + 2;
                let tail = &bytes[body..];
                // `<!-->` and `<!--->` are complete (empty) comments.
                if tail.starts_with(b">") {
                    return Some(Markup::Skip(body + 1));
                }
                if tail.starts_with(b"->") {
                    return Some(Markup::Skip(body + 2));
                }
                // The comment ends at the first `-->` or `--!>`: the rarer form is
                // looked for only before the first `-->` (else the search would
                // run to the end of the page for every comment).
                let plain = memchr::memmem::find(tail, b"-->");
                let banged = memchr::memmem::find(&tail[..plain.unwrap_or(tail.len())], b"--!>");
                return match (banged, plain) {
                    (Some(i), _) => Some(Markup::Skip(body + i + 4)),
                    (None, Some(i)) => Some(Markup::Skip(body + i + 3)),
                    (None, None) => None,
                };
            }
            if foreign && rest.starts_with(b"![CDATA[") {
                return memchr::memmem::find(&bytes[after..], b"]]>").map(|i| Markup::Skip(after + i + 3));
            }
            bogus_comment(bytes, after)
        }
        Some(b'?') => bogus_comment(bytes, lt + 1),
        Some(b'/') => match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end, _) = tag_at(bytes, lt + 2)?;
                Some(Markup::EndTag { name, end })
            }
            Some(b'>') => Some(Markup::Skip(lt + 3)),
            Some(_) => bogus_comment(bytes, lt + 2),
            None => Some(Markup::Text),
        },
        Some(c) if c.is_ascii_alphabetic() => {
            let (name, end, self_closing) = tag_at(bytes, lt + 1)?;
            Some(Markup::StartTag { name, end, self_closing })
        }
        _ => Some(Markup::Text),
    }
}

/// A bogus comment (or doctype) from `from` to the next `>`.
fn bogus_comment(bytes: &[u8], from: usize) -> Option<Markup<'_>> {
    memchr::memchr(b'>', &bytes[from..]).map(|i| Markup::Skip(from + i + 1))
}

/// HTML's whitespace inside tags (a CR is read as LF before tokenizing).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The tag whose name starts at `start`: its name, the index after its `>`,
/// and whether it ended in `/>`. Follows the tokenizer's attribute states,
/// so a `>` inside a quoted value does not end it.
fn tag_at(bytes: &[u8], start: usize) -> Option<(&[u8], usize, bool)> {
    let mut i = start;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = &bytes[start..i];
    loop {
        // Before an attribute name (also after a value or a name).
        match *bytes.get(i)? {
            b if is_space(b) => i += 1,
            b'>' => return Some((name, i + 1, false)),
            b'/' => {
                if bytes.get(i + 1) == Some(&b'>') {
                    return Some((name, i + 2, true));
                }
                i += 1;
            }
            _ => {
                // The name: its first character may be `=`.
                i += 1;
                while !matches!(*bytes.get(i)?, b'/' | b'>' | b'=') && !is_space(bytes[i]) {
                    i += 1;
                }
                while is_space(*bytes.get(i)?) {
                    i += 1;
                }
                if bytes[i] != b'=' {
                    continue;
                }
                i += 1;
                while is_space(*bytes.get(i)?) {
                    i += 1;
                }
                match bytes[i] {
                    quote @ (b'"' | b'\'') => {
                        i += 1 + memchr::memchr(quote, &bytes[i + 1..])? + 1;
                    }
                    b'>' => {}
                    _ => {
                        while !is_space(*bytes.get(i)?) && bytes[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
}

/// The index of the `</name` that ends a raw-text element whose content starts
/// at `from`: followed by whitespace, `/` or `>`, in any case.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = at + memchr::memchr(b'<', &bytes[at..])?;
        let after = lt + 2 + name.len();
        let matches = bytes.get(lt + 1) == Some(&b'/')
            && bytes.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(after).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>');
        if matches {
            return Some(lt);
        }
        at = lt + 1;
    }
}

/// Whether `body` holds `<!--` (searched by its `<`, the rarest byte).
fn holds_comment_open(body: &[u8]) -> bool {
    memchr::memchr_iter(b'<', body).any(|i| body[i + 1..].starts_with(b"!--"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> String {
        without_script_bodies(html).into_owned()
    }

    #[test]
    fn script_and_style_bodies_go_json_ld_stays() {
        let page = r#"<head><style>p{color:red}</style><script src="a.js"></script>
<script>var a = "<p>not text</p>";</script><SCRIPT type=text/javascript>x()</SCRIPT >
<script type="application/ld+json">{"headline":"H"}</script></head><body><p>Text</p></body>"#;
        assert_eq!(
            strip(page),
            r#"<head><style></style><script src="a.js"></script>
<script></script><SCRIPT type=text/javascript></SCRIPT >
<script type="application/ld+json">{"headline":"H"}</script></head><body><p>Text</p></body>"#
        );
    }

    #[test]
    fn nothing_to_strip_borrows() {
        assert!(matches!(without_script_bodies("<p>plain</p>"), Cow::Borrowed(_)));
        assert!(matches!(without_script_bodies("<script></script>"), Cow::Borrowed(_)));
    }

    #[test]
    fn script_inside_comments_attributes_and_raw_text_is_not_a_script() {
        for page in [
            "<!-- <script> --><p>kept</p><script>x</script>",
            "<a title='<script>'>kept</a><script>x</script>",
            "<a title=\"a>b<script>\">kept</a><script>x</script>",
            "<textarea><script></textarea><p>kept</p><script>x</script>",
            "<title><style></title><p>kept</p><script>x</script>",
            "<noscript><script></noscript><p>kept</p><script>x</script>",
            "<!doctype html><?php echo '<script>' ?><p>kept</p><script>x</script>",
            "<!---><script>x</script>",
            "<!--><script>x</script>",
        ] {
            let got = strip(page);
            assert!(got.ends_with("<script></script>"), "{page:?} → {got:?}");
            assert_eq!(got.len(), page.len() - 1, "{page:?} → {got:?}");
        }
    }

    #[test]
    fn where_the_parser_could_read_otherwise_the_rest_is_left_alone() {
        for page in [
            "<svg><script>if (a<b) {}</script></svg><p>x</p>",
            "<math><style>x</style>",
            "<select><style>x</style></select>",
            "<frameset><script>x</script>",
            "<plaintext><script>x</script>",
            "<script>a<!--b<script>c</script>d</script>",
            "<script>never closed",
            "<p title='never closed><script>x</script>",
            "<!-- never closed <script>x</script>",
        ] {
            assert_eq!(strip(page), page);
        }
        // After a closed svg, stripping resumes.
        assert_eq!(strip("<svg><path/></svg><script>x</script>"), "<svg><path/></svg><script></script>");
        assert_eq!(strip("<svg/><script>x</script>"), "<svg/><script></script>");
    }

    /// The tree as the extractor sees it: every node in document order, with
    /// the text inside HTML `<script>` and `<style>` left out.
    fn outline(html: &str) -> Vec<String> {
        fn walk(node: ego_tree::NodeRef<'_, scraper::Node>, skip_text: bool, out: &mut Vec<String>) {
            match node.value() {
                scraper::Node::Element(el) => {
                    let attrs: Vec<String> = el.attrs().map(|(k, v)| format!("{k}={v:?}")).collect();
                    out.push(format!("<{} {:?} {}>", el.name(), el.name.ns, attrs.join(" ")));
                    let html_ns = &*el.name.ns == "http://www.w3.org/1999/xhtml";
                    let raw = html_ns && matches!(el.name(), "script" | "style");
                    for child in node.children() {
                        walk(child, raw, out);
                    }
                    out.push(format!("</{}>", el.name()));
                }
                scraper::Node::Text(t) if !skip_text => out.push(format!("text {:?}", &**t)),
                scraper::Node::Comment(c) => out.push(format!("comment {:?}", &**c)),
                scraper::Node::Doctype(d) => out.push(format!("doctype {:?}", d.name())),
                _ => {
                    for child in node.children() {
                        walk(child, skip_text, out);
                    }
                }
            }
        }
        let doc = scraper::Html::parse_document(html);
        let mut out = Vec::new();
        walk(doc.tree.root(), false, &mut out);
        out
    }

    /// Random pages built from the constructs the scan has to read as the
    /// tokenizer does: the parser builds the same tree from the page with
    /// script and style bodies removed, apart from those bodies.
    #[test]
    fn the_parser_builds_the_same_tree_without_the_bodies() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "text ",
            "a<b",
            "<script>",
            "</script>",
            "</script ",
            "<script type=\"application/ld+json\">",
            "{\"a\":1}",
            "<style>",
            "</style>",
            "<!--",
            "-->",
            "--!>",
            "<!-->",
            "<!--->",
            "<svg>",
            "</svg>",
            "<svg/>",
            "<math>",
            "</math>",
            "<select>",
            "</select>",
            "<option>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "</title>",
            "<noscript>",
            "</noscript>",
            "<a title='x>y'>",
            "<a title=\"<script>\">",
            "<a b=c>",
            "</a>",
            "<div class=\"a\">",
            "</div>",
            "<!doctype html>",
            "<?x>",
            "</ script>",
            "</SCRIPT >",
            "<![CDATA[",
            "]]>",
            "<frameset>",
            "<plaintext>",
            "<",
            ">",
            "'",
            "\"",
            "=",
            "/",
            "<xmp>",
            "</xmp>",
            "<iframe>",
            "</iframe>",
            "<table>",
            "<td>",
            "<template>",
            "</template>",
            "<foreignObject>",
            "<b>",
            "\n",
            "<br/>",
            "</>",
            "<!x>",
            "</3>",
            "<head>",
            "<body>",
            "<noembed>",
            "</noembed>",
            "<ScRiPt>",
            "<style media=\"x>\">",
            "<script src=a/>",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut stripped_some = 0;
        // Short pages from a few pieces meet each hard case often.
        const CORE: &[&str] = &[
            "<script>",
            "x",
            "</script>",
            "<svg>",
            "</svg>",
            "<math>",
            "<!--",
            "-->",
            "<style>",
            "</style>",
            "<select>",
            "</select>",
            "<textarea>",
            "</textarea>",
            "<a title='",
            "'>",
            "<noscript>",
            "</noscript>",
            "<p>",
        ];
        for round in 0..8000 {
            let pieces = if round % 2 == 0 { PIECES } else { CORE };
            let len = 1 + next(if round % 2 == 0 { 40 } else { 12 });
            let page: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            let stripped = without_script_bodies(&page);
            stripped_some += usize::from(matches!(stripped, Cow::Owned(_)));
            assert_eq!(outline(&stripped), outline(&page), "{page:?}\n→ {stripped:?}");
        }
        assert!(stripped_some > 300, "the pages exercise the stripping: {stripped_some}");
        // The outline sees the document's nodes, script text included.
        assert_eq!(outline("<p>a</p><script>b</script>").len(), 11);
        assert_ne!(outline("<svg><script>x</script></svg>"), outline("<svg><script></script></svg>"));
    }

    #[test]
    fn end_tags_need_a_delimiter() {
        assert_eq!(strip("<script>a</scripts>b</script/>c"), "<script></script/>c");
        assert_eq!(strip("<style>a</STYLE\n>b"), "<style></STYLE\n>b");
    }
}
