//! Drops the bodies of `<script>` and `<style>` elements before parsing.
//!
//! Scripts and style sheets are half the bytes of a typical news page (54% of
//! the AEB pages), and the HTML5 tokenizer walks every one of their characters,
//! though the extractor never reads them (only JSON-LD scripts, which are
//! kept). Emptying them halves the parser's work.
//!
//! The scan follows the HTML5 tokenizer's states far enough to find the same
//! elements the parser would: comments, bogus comments, doctypes, quoted
//! attribute values, and the raw-text and RCDATA elements (`<title>`,
//! `<textarea>`, `<noscript>`…) in which `<script>` is only text. Where the
//! parser's reading could differ from a plain scan it gives up and leaves the
//! rest of the page as it is: inside `<svg>`/`<math>` (foreign content, where
//! `<script>` is markup) and `<select>`, after `<frameset>` or `<plaintext>`,
//! a script holding `<!--` (whose end the escaped states decide), and any
//! construct cut off by the end of the page. The tree built from the result
//! differs only in the missing text of those elements.

use std::borrow::Cow;

/// `html` with the content of every `<script>` (except JSON-LD) and `<style>`
/// removed, tags kept; borrowed when there was nothing to remove.
pub(crate) fn without_script_bodies(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Kept ranges of `html`, as the start of the part not yet copied.
    let mut out = String::new();
    let mut copied = 0;
    let mut stripped = false;
    let mut foreign_depth = 0u32;
    let mut select_depth = 0u32;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + found;
        let Some(step) = markup_at(bytes, lt, foreign_depth > 0) else { break };
        match step {
            Markup::Text => at = lt + 1,
            Markup::Skip(end) => at = end,
            Markup::EndTag { name, end } => {
                if name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math") {
                    foreign_depth = foreign_depth.saturating_sub(1);
                } else if name.eq_ignore_ascii_case(b"select") && foreign_depth == 0 {
                    select_depth = select_depth.saturating_sub(1);
                }
                at = end;
            }
            Markup::StartTag { name, end, self_closing } => {
                at = end;
                let is = |want: &[u8]| name.eq_ignore_ascii_case(want);
                if is(b"svg") || is(b"math") {
                    foreign_depth += u32::from(!self_closing);
                    continue;
                }
                if foreign_depth > 0 {
                    continue;
                }
                if is(b"frameset") || is(b"plaintext") {
                    break;
                }
                if is(b"select") {
                    select_depth += 1;
                    continue;
                }
                let raw_text =
                    ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];
                let Some(element) = raw_text.iter().find(|n| is(n.as_bytes())) else { continue };
                let Some(close) = find_end_tag(bytes, end, element.as_bytes()) else { break };
                let body = &bytes[end..close];
                if *element == "script" && holds_comment_open(body) {
                    break;
                }
                let tag = &bytes[lt..end];
                let droppable = match *element {
                    "script" => !contains_ignore_ascii_case(tag, b"ld+json"),
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

fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
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

    #[test]
    fn end_tags_need_a_delimiter() {
        assert_eq!(strip("<script>a</scripts>b</script/>c"), "<script></script/>c");
        assert_eq!(strip("<style>a</STYLE\n>b"), "<style></STYLE\n>b");
    }
}
