//! One walk over the parsed document that flattens it into what the later passes need:
//! an arena of elements in document order (so a subtree is an index range), text blocks
//! (the inline text between block-level boundaries) and the head/metadata nodes.
//!
//! Everything downstream works on these vectors, so no pass re-walks the DOM.

use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::hints::{self, Hint};
use crate::lines::is_wide;

/// One element of the document, in preorder.
pub(crate) struct El<'a> {
    pub el: &'a Element,
    pub node: ElementRef<'a>,
    pub parent: Option<usize>,
    /// One past the index of the last descendant: the subtree is `index..end`.
    pub end: usize,
    pub hint: Hint,
    /// Visible text width of the subtree (CJK counts double, like display columns).
    pub text: u32,
    /// Part of `text` inside links.
    pub link: u32,
    /// Width of the subtree's blocks that read like paragraphs.
    pub para: u32,
}

/// The inline text between two block-level boundaries, whitespace collapsed.
pub(crate) struct Block {
    /// The nearest block-level element around the text.
    pub owner: usize,
    pub text: String,
    pub width: u32,
    pub link: u32,
    /// An image came before the text with no text between them (since the
    /// block before): a short block so placed is the image's caption.
    pub after_image: bool,
}

/// The flattened document.
pub(crate) struct Page<'a> {
    pub els: Vec<El<'a>>,
    pub blocks: Vec<Block>,
    /// `<title>` text.
    pub title: Option<String>,
    /// `<meta>` elements and `<link>` elements, wherever they appear.
    pub metas: Vec<&'a Element>,
    pub links: Vec<&'a Element>,
    /// Bodies of `application/ld+json` scripts.
    pub json_ld: Vec<&'a str>,
    /// Arena indices of `<time>` elements.
    pub times: Vec<usize>,
}

/// Elements whose content is never visible text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "head"
            | "title"
    )
}

/// Elements that start a new line of text.
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// A block reads like a paragraph: long enough, mostly not link text.
pub(crate) fn is_paragraph(width: u32, link: u32) -> bool {
    width >= 50 && link * 3 < width
}

/// Accumulates collapsed text for the block being read.
#[derive(Default)]
struct Buffer {
    text: String,
    width: u32,
    link: u32,
    pending_space: bool,
    pending_newline: bool,
    /// An `<img>` opened while `text` was empty: the next block follows an image.
    image_first: bool,
}

/// Invisible characters text nodes drop: zero-width ones, the soft hyphen and
/// control characters.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{2060}' | '\u{ad}') || c.is_control()
}

/// The length of the leading characters of `s` kept as they are (neither
/// whitespace nor dropped), and their display width. Printable ASCII, the
/// common case, is taken a byte at a time.
fn kept_run(s: &str) -> (usize, u32) {
    let bytes = s.as_bytes();
    let (mut end, mut width) = (0, 0);
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii() {
            if !(0x21..=0x7E).contains(&b) {
                break;
            }
            end += 1;
            width += 1;
            continue;
        }
        let Some(c) = s.get(end..).and_then(|rest| rest.chars().next()) else { break };
        if c.is_whitespace() || is_dropped(c) {
            break;
        }
        width += if is_wide(c) { 2 } else { 1 };
        end += c.len_utf8();
    }
    (end, width)
}

/// Scripts written without spaces between words.
fn unspaced(c: char) -> bool {
    is_wide(c) && !matches!(c as u32, 0x1100..=0x115F | 0xAC00..=0xD7A3)
}

impl Buffer {
    fn push(&mut self, s: &str, in_link: bool) -> u32 {
        let mut added = 0;
        // Whitespace at a text node's edge separates it from its neighbour elements
        // (`<span>来源：甲</span> <span>作者：乙</span>`): it is never glued away.
        let mut inside_node = false;
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let passed_over = if c.is_whitespace() {
                self.pending_space = true;
                self.pending_newline |= inside_node && c == '\n';
                true
            } else {
                is_dropped(c)
            };
            if passed_over {
                rest = rest.get(c.len_utf8()..).unwrap_or_default();
                continue;
            }
            if self.pending_space && !self.text.is_empty() {
                // Source line breaks between Chinese/Japanese characters are not spaces
                // on screen (Korean separates words with real spaces).
                let glued = self.pending_newline && self.text.chars().next_back().is_some_and(unspaced) && unspaced(c);
                if !glued {
                    self.text.push(' ');
                    added += 1;
                }
            }
            self.pending_space = false;
            self.pending_newline = false;
            inside_node = true;
            // `c` and the characters kept as they are after it, copied at once.
            let (run, width) = kept_run(rest);
            self.text.push_str(rest.get(..run).unwrap_or_default());
            added += width;
            rest = rest.get(run..).unwrap_or_default();
        }
        // Trailing whitespace is a node edge too.
        self.pending_newline = false;
        self.width += added;
        if in_link {
            self.link += added;
        }
        added
    }

    fn take(&mut self, owner: usize) -> Option<Block> {
        self.pending_space = false;
        self.pending_newline = false;
        if self.text.is_empty() {
            return None;
        }
        let block = Block {
            owner,
            text: std::mem::take(&mut self.text),
            width: self.width,
            link: self.link,
            after_image: std::mem::take(&mut self.image_first),
        };
        self.width = 0;
        self.link = 0;
        Some(block)
    }
}

/// Walks the document once.
pub(crate) fn flatten(doc: &Html) -> Page<'_> {
    let mut page = Page {
        els: Vec::new(),
        blocks: Vec::new(),
        title: None,
        metas: Vec::new(),
        links: Vec::new(),
        json_ld: Vec::new(),
        times: Vec::new(),
    };
    let mut buf = Buffer::default();
    // Open elements (arena indices) and, for each, the nearest block owner.
    let mut stack: Vec<usize> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    let mut link_depth = 0usize;

    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag = el.name();
                    match tag {
                        "meta" => page.metas.push(el),
                        "link" => page.links.push(el),
                        _ => {}
                    }
                    if is_skipped(tag) {
                        capture_skipped(&mut page, el, node);
                        // Children are visited but produce nothing: see the Text arm.
                        stack.push(usize::MAX);
                        continue;
                    }
                    if stack.last() == Some(&usize::MAX) {
                        stack.push(usize::MAX);
                        continue;
                    }
                    let idx = page.els.len();
                    let Some(node_ref) = ElementRef::wrap(node) else {
                        stack.push(usize::MAX);
                        continue;
                    };
                    page.els.push(El {
                        el,
                        node: node_ref,
                        parent: stack.last().copied(),
                        end: idx + 1,
                        hint: hints::classify(el),
                        text: 0,
                        link: 0,
                        para: 0,
                    });
                    if tag == "time" {
                        page.times.push(idx);
                    }
                    if tag == "img" && buf.text.is_empty() {
                        buf.image_first = true;
                    }
                    if tag == "a" {
                        link_depth += 1;
                    }
                    if is_block(tag) {
                        if let Some(&owner) = owners.last() {
                            flush(&mut page, &mut buf, owner);
                        }
                        owners.push(idx);
                    }
                    stack.push(idx);
                }
                Node::Text(t) => {
                    let Some(&top) = stack.last() else { continue };
                    if top == usize::MAX {
                        continue;
                    }
                    let added = buf.push(t, link_depth > 0);
                    if let Some(e) = page.els.get_mut(top) {
                        e.text += added;
                        if link_depth > 0 {
                            e.link += added;
                        }
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                let Node::Element(el) = node.value() else { continue };
                let Some(idx) = stack.pop() else { continue };
                if idx == usize::MAX {
                    continue;
                }
                let tag = el.name();
                if tag == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if is_block(tag) {
                    flush(&mut page, &mut buf, idx);
                    owners.pop();
                }
                let end = page.els.len();
                let (text, link, para) = match page.els.get_mut(idx) {
                    Some(e) => {
                        e.end = end;
                        (e.text, e.link, e.para)
                    }
                    None => continue,
                };
                if let Some(p) = page.els.get(idx).and_then(|e| e.parent).and_then(|p| page.els.get_mut(p)) {
                    p.text += text;
                    p.link += link;
                    p.para += para;
                }
            }
        }
    }
    if let Some(&owner) = owners.last() {
        flush(&mut page, &mut buf, owner);
    }
    merge_table_rows(&mut page);
    page
}

/// The widest cell of a data table's row that is joined into one line.
const MAX_CELL_WIDTH: u32 = 60;

/// A data table's row as one line (`类别 同比涨跌幅（%） 3月环比涨跌幅（%）`):
/// consecutive blocks that are the cells of one `<tr>`, two or more, each
/// short, joined by a space and owned by the row. A layout table's cells,
/// which hold paragraphs or long text, stay apart.
fn merge_table_rows(page: &mut Page<'_>) {
    let row_of: Vec<Option<usize>> = page
        .blocks
        .iter()
        .map(|b| {
            let e = page.els.get(b.owner)?;
            if matches!(e.el.name(), "td" | "th") {
                e.parent
            } else {
                None
            }
        })
        .collect();
    if row_of.iter().all(Option::is_none) {
        return;
    }
    let mut out: Vec<Block> = Vec::with_capacity(page.blocks.len());
    let mut group: Vec<Block> = Vec::new();
    let mut group_row = None;
    // A finished run of one row's cells: joined, or kept as they are.
    let finish = |group: &mut Vec<Block>, row: Option<usize>, out: &mut Vec<Block>| {
        // Cells, not lines: a `<br>` splits one cell into several blocks of one owner.
        let distinct = group.iter().enumerate().all(|(k, c)| group[..k].iter().all(|d| d.owner != c.owner));
        let joined = group.len() >= 2 && distinct && group.iter().all(|c| c.width <= MAX_CELL_WIDTH);
        match row.filter(|_| joined) {
            Some(row) => out.push(Block {
                owner: row,
                text: group.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" "),
                width: group.iter().map(|c| c.width).sum::<u32>() + (group.len() as u32 - 1),
                link: group.iter().map(|c| c.link).sum(),
                after_image: group[0].after_image,
            }),
            None => out.append(group),
        }
        group.clear();
    };
    for (block, row) in std::mem::take(&mut page.blocks).into_iter().zip(row_of) {
        if row.is_none() || row != group_row {
            finish(&mut group, group_row, &mut out);
        }
        group_row = row;
        match row {
            Some(_) => group.push(block),
            None => out.push(block),
        }
    }
    finish(&mut group, group_row, &mut out);
    page.blocks = out;
}

fn flush(page: &mut Page<'_>, buf: &mut Buffer, owner: usize) {
    if let Some(block) = buf.take(owner) {
        if is_paragraph(block.width, block.link) {
            if let Some(e) = page.els.get_mut(owner) {
                e.para += block.width;
            }
        }
        page.blocks.push(block);
    }
}

/// Keeps what the metadata passes need from elements whose text is not page text.
fn capture_skipped<'a>(page: &mut Page<'a>, el: &'a Element, node: ego_tree::NodeRef<'a, Node>) {
    match el.name() {
        "title" if page.title.is_none() => {
            let text: String = node.children().filter_map(|c| c.value().as_text().map(|t| &**t)).collect();
            let text = collapse(&text);
            if !text.is_empty() {
                page.title = Some(text);
            }
        }
        "script" => {
            let ty = el.attr("type").unwrap_or("");
            if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                for c in node.children() {
                    if let Some(t) = c.value().as_text() {
                        page.json_ld.push(t);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whitespace collapsed to single spaces, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Visible text of an element, whitespace collapsed (for the few small nodes the
/// metadata passes read).
pub(crate) fn text_of(node: ElementRef<'_>) -> String {
    let mut raw = String::new();
    for t in node.text() {
        raw.push_str(t);
        raw.push(' ');
    }
    collapse(&raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The collapsing of text nodes before it copied runs: one character at a time.
    fn push_by_char(buf: &mut Buffer, s: &str, in_link: bool) -> u32 {
        let mut added = 0;
        let mut inside_node = false;
        for c in s.chars() {
            if c.is_whitespace() {
                buf.pending_space = true;
                buf.pending_newline |= inside_node && c == '\n';
                continue;
            }
            if is_dropped(c) {
                continue;
            }
            if buf.pending_space && !buf.text.is_empty() {
                let glued = buf.pending_newline && buf.text.chars().next_back().is_some_and(unspaced) && unspaced(c);
                if !glued {
                    buf.text.push(' ');
                    added += 1;
                }
            }
            buf.pending_space = false;
            buf.pending_newline = false;
            inside_node = true;
            buf.text.push(c);
            added += if is_wide(c) { 2 } else { 1 };
        }
        buf.pending_newline = false;
        buf.width += added;
        if in_link {
            buf.link += added;
        }
        added
    }

    fn state(buf: &Buffer) -> (String, u32, u32, bool, bool) {
        (buf.text.clone(), buf.width, buf.link, buf.pending_space, buf.pending_newline)
    }

    /// Copying runs collapses every text node as the character-at-a-time
    /// version did, over random nodes of every kind of character it treats apart.
    #[test]
    fn runs_collapse_as_characters_did() {
        let pieces = [
            "a", "Z", "~", "!", " ", "  ", "\n", "\t", "\r\n", "\u{b}", "\u{1f}", "\u{7f}", "\u{85}", "\u{a0}",
            "\u{3000}", "\u{2028}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{2060}", "\u{ad}", "中", "文。", "한",
            "가나", "ア", "é", "ß", "😀", "\u{1f}x", "ｆ", "\u{2e80}", "\u{303f}", "\u{e000}",
        ];
        let mut next = crate::test_numbers(0x7e57);
        for _ in 0..3000 {
            let (mut old, mut new) = (Buffer::default(), Buffer::default());
            for _ in 0..next() % 5 + 1 {
                let node: String = (0..next() % 12).map(|_| pieces[next() % pieces.len()]).collect();
                let in_link = next().is_multiple_of(3);
                assert_eq!(push_by_char(&mut old, &node, in_link), new.push(&node, in_link), "{node:?}");
                assert_eq!(state(&old), state(&new), "{node:?}");
            }
        }
    }
}
