//! The markup text tools leave in a saved page, undone line by line before the
//! layout is read, so that the same rules read a page whichever tool saved it:
//! Markdown from html2text, markdownify and reader services (`# 标题`,
//! `[首页](https://…)`, `**来源：**`, `![](…)`), and the numbered link
//! references of `lynx -dump` (`[3]首页`, a `References` list at the end, a
//! three-space margin on every line), and the header of a copy from Firefox's
//! reader view (the site's host, the headline, the byline, the reading time).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::lines::{ends_sentence, width};

/// What undoing the markup learnt about the lines.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Markup {
    /// The first level-one heading: the page's headline as the tool saw it.
    pub headline: Option<usize>,
    /// Lines that held links or images and nothing else (navigation, share
    /// bars, logos, pictures), kept as written for the boilerplate list.
    pub link_only: Vec<usize>,
    /// Where lynx's list of link targets starts; it runs to the end.
    pub references: Option<usize>,
    /// A reader view's byline, under its headline.
    pub byline: Option<usize>,
    /// Lines of a tool's own (a reader view's host and reading time).
    pub furniture: Vec<usize>,
    /// A reader view's header block after its reading time, up to the first
    /// blank line: a kicker or subtitle there is the page's furniture.
    pub header_tail: Option<std::ops::Range<usize>>,
}

/// A link's or image's target: escaped characters (html2text writes
/// `javascript:void\(0\)`) or anything but brackets and spaces, then an
/// optional title in quotes.
const TARGET: &str = r#"\((?:\\.|[^()\s\\])*(?:\s+"[^"]*")?\)"#;

static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"!\[(?:\\.|[^\[\]\\])*\]{TARGET}")).expect("static regex is valid"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\[((?:\\.|[^\[\]\\])*)\]{TARGET}")).expect("static regex is valid"));
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*]+?)\*\*|__([^_]+?)__").expect("static regex is valid"));
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|>~])").expect("static regex is valid"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$").expect("static regex is valid"));
static HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$").expect("static regex is valid"));
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:阅读时间|閱讀時間)\s*[：:]\s*)?\d{1,3}(?:\s*[–-]\s*\d{1,3})?\s*(?:minutes?|mins?|分钟|分鐘)$")
        .expect("static regex is valid")
});
static LYNX_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\d{1,5}\]").expect("static regex is valid"));
static LYNX_TARGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,5}\. \S+$").expect("static regex is valid"));

/// Undoes the markup of `lines` (trimmed, as [`crate::lines::normalize_lines`]
/// gives them) in place; `indented` loses lynx's margin. Text that shows no
/// tool's markup is left alone: the screens are a search or two over the text.
pub(crate) fn undo(text: &str, lines: &mut [Cow<'_, str>], indented: &mut [bool]) -> Markup {
    let mut markup = Markup::default();
    read_reader_view(lines, &mut markup);
    if text.contains("References") {
        undo_lynx(lines, indented, &mut markup);
    }
    let maybe_markdown = memchr::memmem::find(text.as_bytes(), b"](").is_some()
        || text.starts_with('#')
        || memchr::memmem::find(text.as_bytes(), b"\n#").is_some();
    if markup.references.is_none() && maybe_markdown {
        undo_markdown(lines, &mut markup);
    }
    markup
}

/// Firefox's reader view, copied: the site's host alone on the first line, the
/// headline, at most one line of byline, and the reading time (`5–6 minutes`,
/// `阅读时间：9–12 分钟`).
fn read_reader_view(lines: &[Cow<'_, str>], markup: &mut Markup) {
    let Some(host) = lines.iter().position(|l| !l.is_empty()) else {
        return;
    };
    if !HOST.is_match(&lines[host]) {
        return;
    }
    let headline = host + 1;
    let Some(time) = (headline + 1..lines.len().min(headline + 3)).find(|&i| READING_TIME.is_match(&lines[i])) else {
        return;
    };
    if lines[headline..time].iter().any(|l| l.is_empty()) {
        return;
    }
    markup.headline = Some(headline);
    markup.byline = (time == headline + 2).then_some(headline + 1);
    markup.furniture.extend([host, time]);
    let end = (time + 1..lines.len()).find(|&i| lines[i].is_empty()).unwrap_or(lines.len());
    markup.header_tail = Some(time + 1..end);
}

/// `lynx -dump`: only where the text ends with its `References` list, the
/// numbers of which the marks in the text point to.
fn undo_lynx(lines: &mut [Cow<'_, str>], indented: &mut [bool], markup: &mut Markup) {
    let Some(start) = lines.iter().rposition(|l| l == "References") else {
        return;
    };
    let mut targets = 0;
    for line in &lines[start + 1..] {
        match line.as_ref() {
            "" | "Visible links" | "Hidden links:" => {}
            l if LYNX_TARGET.is_match(l) => targets += 1,
            _ => return,
        }
    }
    if targets == 0 {
        return;
    }
    markup.references = Some(start);
    // Every line sits behind a margin of spaces: no line is indented for a
    // paragraph's sake.
    let written = lines[..start].iter().filter(|l| !l.is_empty()).count();
    let behind_margin = indented[..start].iter().filter(|&&i| i).count();
    if behind_margin * 5 >= written * 4 {
        indented[..start].iter_mut().for_each(|i| *i = false);
    }
    for (i, line) in lines[..start].iter_mut().enumerate() {
        if !line.contains('[') {
            continue;
        }
        let marks = LYNX_MARK.find_iter(line).count();
        if marks == 0 {
            continue;
        }
        // `[2]首页 [3]园区概况`, `[1]Skip to main content`: a line that opens with
        // a link and is a row of them, or short and no sentence.
        let opens_with_link = LYNX_MARK.find(line).is_some_and(|m| m.start() == 0);
        if opens_with_link && (marks >= 2 || (width(line) <= 40 && !ends_sentence(line))) {
            markup.link_only.push(i);
            continue;
        }
        *line = Cow::Owned(LYNX_MARK.replace_all(line, "").into_owned());
    }
}

/// Markdown: only where two links, images or headings or more are written in
/// its syntax.
fn undo_markdown(lines: &mut [Cow<'_, str>], markup: &mut Markup) {
    let links: usize = lines.iter().filter(|l| l.contains("](")).map(|l| LINK.find_iter(l).count()).sum();
    let headings = lines.iter().filter(|l| l.starts_with('#') && HEADING.is_match(l)).count();
    if links + headings < 2 {
        return;
    }
    for (i, line) in lines.iter_mut().enumerate() {
        if line.is_empty() {
            continue;
        }
        let heading = HEADING.captures(line).map(|c| (c[1].len(), c[2].to_string()));
        let (level, rest) = match &heading {
            Some((level, text)) => (Some(*level), text.as_str()),
            None => (None, line.as_ref()),
        };
        // A list item's or quote's marker (`  * [首页](…)`, `> 引文`).
        let rest = rest
            .strip_prefix("* ")
            .or_else(|| rest.strip_prefix("- "))
            .or_else(|| rest.strip_prefix("+ "))
            .or_else(|| rest.strip_prefix("> "))
            .map_or(rest, str::trim_start);
        let had_links = rest.contains("](");
        let pictures = IMAGE.replace_all(rest, "");
        let linked = LINK.replace_all(&pictures, "$1");
        // What is left once the links' texts are gone too: nothing but
        // separators on a row of links.
        let unlinked = LINK.replace_all(&pictures, "");
        if had_links && level.is_none() && unlinked.chars().all(|c| !c.is_alphanumeric()) {
            markup.link_only.push(i);
            continue;
        }
        let strong = STRONG.replace_all(&linked, |c: &regex::Captures<'_>| {
            c.get(1).or_else(|| c.get(2)).map_or(String::new(), |m| m.as_str().to_string())
        });
        let plain = ESCAPE.replace_all(&strong, "$1");
        let plain = plain.trim();
        // A line set in italics (`_▲港口一景。_`, `_By X | 2 October 2024_`).
        let plain = plain
            .strip_prefix('_')
            .and_then(|p| p.strip_suffix('_'))
            .or_else(|| plain.strip_prefix('*').and_then(|p| p.strip_suffix('*')))
            .filter(|p| !p.is_empty())
            .unwrap_or(plain)
            .trim();
        if level == Some(1) && markup.headline.is_none() && !plain.is_empty() && markup.furniture.is_empty() {
            markup.headline = Some(i);
        }
        if plain != line.as_ref() {
            *line = Cow::Owned(plain.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::normalize_lines;

    fn undone(text: &str) -> (Vec<String>, Vec<bool>, Markup) {
        let (mut lines, mut indented) = normalize_lines(text);
        let markup = undo(text, &mut lines, &mut indented);
        (lines.into_iter().map(Cow::into_owned).collect(), indented, markup)
    }

    #[test]
    fn markdown_links_headings_and_emphasis_become_text() {
        let text = "[![渚阳海关](https://a.example/logo.png)](https://a.example/)\n\n  * [首页](https://a.example/)\n  * [海关要闻](https://a.example/hgyw/)\n\n[首页](https://a.example/) > [海关要闻](https://a.example/hgyw/)\n\n# 前7个月进出口总值增长9.6%\n\n**发布时间：** 2024-08-16 **信息来源：** 渚阳海关\n\n据统计，今年前7个月进出口总值增长9.6%，详见[统计数据](https://a.example/tj/)。\n\n![](https://a.example/p.jpg)\n\n_▲港口一景。_\n\n[【打印本页】](javascript:window.print\\(\\);) [【关闭窗口】](javascript:window.close\\(\\);)\n";
        let (lines, _, markup) = undone(text);
        assert_eq!(markup.link_only, vec![0, 2, 3, 5, 13, 17]);
        let h = markup.headline.expect("a headline");
        assert_eq!(lines[h], "前7个月进出口总值增长9.6%");
        assert_eq!(lines[9], "发布时间： 2024-08-16 信息来源： 渚阳海关");
        assert_eq!(lines[11], "据统计，今年前7个月进出口总值增长9.6%，详见统计数据。");
        assert_eq!(lines[15], "▲港口一景。");
        // Link-only lines stay as written, for the boilerplate list.
        assert!(lines[0].starts_with("[!["));
    }

    /// Text with a bracket or two, an underscore and a `#` is no Markdown: one
    /// link is not enough, and nothing changes.
    #[test]
    fn text_without_markdown_is_untouched() {
        for text in [
            "标题\n\n正文[1]引用，见[注释](https://a.example/)。\n\n__init__ 与 **kwargs 是 Python 的写法。\n#不是标题",
            "Title\n\n## One heading alone\n\nBody text.\n",
            "Title\n\nThe array a[i](j) is indexed twice. Use snake_case_names.\n",
            "标题\n\n   正文一。\n\n   正文二。\n\nReferences are listed in the appendix.\n",
        ] {
            let (lines, indented, markup) = undone(text);
            let (plain, plain_indented) = normalize_lines(text);
            assert_eq!(lines, plain.iter().map(|l| l.to_string()).collect::<Vec<_>>(), "{text}");
            assert_eq!(indented, plain_indented);
            assert_eq!(markup, Markup::default());
        }
    }

    #[test]
    fn lynx_marks_margin_and_references() {
        let text = "   [1]青漪经开区管委会\n   [2]首页 [3]园区概况\n\n        青漪经开区签约12个项目\n\n   发布时间：2024年11月28日\n\n   11月27日，经开区举行签约仪式，详见[4]签约\n   名单。\n\n   [5]【打印】 [6]【关闭】\n\nReferences\n\n   1. https://a.example/\n   2. https://a.example/i\n   3. https://a.example/y\n   4. https://a.example/m\n   5. javascript:window.print()\n   6. javascript:window.close()\n";
        let (lines, indented, markup) = undone(text);
        assert_eq!(markup.references, Some(12));
        assert_eq!(markup.link_only, vec![0, 1, 10]);
        assert_eq!(lines[7], "11月27日，经开区举行签约仪式，详见签约");
        assert!(indented[..12].iter().all(|&i| !i));
        assert_eq!(markup.headline, None);
    }

    #[test]
    fn a_reader_views_header() {
        let text = "millbrook.example.com\nOur libraries are not a luxury\nDelia Strand\n5–6 minutes\nOpinion\nSat 21 Sep 2024 06.00 BST\n\nLast month the council published its budget.\n";
        let (_, _, markup) = undone(text);
        assert_eq!(markup.headline, Some(1));
        assert_eq!(markup.byline, Some(2));
        assert_eq!(markup.furniture, vec![0, 3]);
        assert_eq!(markup.header_tail, Some(4..6));
        let (_, _, markup) = undone("hcdaily.example.com\n守着一口老窑\n阅读时间：9–12 分钟\n\n正文。\n");
        assert_eq!((markup.headline, markup.byline), (Some(1), None));
        // A host over text with no reading time is no reader view.
        let (_, _, markup) = undone("example.com\nA headline\nSome text\n\nBody.\n");
        assert_eq!(markup, Markup::default());
    }

    /// A `References` heading over a list that is not lynx's targets is text.
    #[test]
    fn a_reference_list_of_citations_is_no_lynx_list() {
        let text = "Title\n\n  Body [1] cites a paper.\n\nReferences\n\n1. Smith, J. (2020). A study of things.\n";
        let (_, indented, markup) = undone(text);
        assert_eq!(markup.references, None);
        assert!(indented[2]);
    }
}
