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
/// `**粗体**` between non-word characters (not `2**10 is 1024 and 3**4`).
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\w*])\*\*([^\s*](?:[^*]*?[^\s*])?)\*\*($|[^\w*])").expect("static regex is valid")
});
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
/// A link's mark, after anything but an ASCII letter or digit (not `buf[256]`;
/// Chinese text runs into its marks: `详见[4]签约`).
static LYNX_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^A-Za-z0-9])\[(\d{1,5})\]").expect("static regex is valid"));
static LYNX_TARGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,5}\. \S+$").expect("static regex is valid"));

/// Undoes the markup of `lines` (trimmed, as [`crate::lines::normalize_lines`]
/// gives them) in place; `indented` loses lynx's margin. Text that shows no
/// tool's markup is left alone: the screens are a search or two over the text.
pub(crate) fn undo(text: &str, lines: &mut [Cow<'_, str>], indented: &mut [bool]) -> Markup {
    let mut markup = Markup::default();
    read_reader_view(lines, &mut markup);
    if memchr::memmem::find(text.as_bytes(), b"References").is_some() {
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
    // Up to the first blank line, within three lines, none of them prose; a copy
    // without a blank line there runs straight into the text (verse, too, has
    // no sentence's end).
    let end = (time + 1..lines.len().min(time + 5))
        .find(|&i| lines[i].is_empty() || ends_sentence(&lines[i]) || width(&lines[i]) > 40)
        .filter(|&i| lines[i].is_empty())
        .unwrap_or(time + 1);
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
    // Only the numbers of the list are marks (`[2019]` in a citation is none).
    let is_mark = |c: &regex::Captures<'_>| c[2].parse::<usize>().is_ok_and(|n| (1..=targets).contains(&n));
    for (i, line) in lines[..start].iter_mut().enumerate() {
        if !line.contains('[') {
            continue;
        }
        let marks: Vec<usize> =
            LYNX_MARK.captures_iter(line).filter(|c| is_mark(c)).filter_map(|c| c.get(2)).map(|m| m.start()).collect();
        if marks.is_empty() {
            continue;
        }
        // `[2]首页 [3]园区概况`, `[1]Skip to main content`: a line that opens with
        // a link and is a row of them, or short and no sentence.
        let opens_with_link = marks.first() == Some(&1);
        if opens_with_link && (marks.len() >= 2 || (width(line) <= 40 && !ends_sentence(line))) {
            markup.link_only.push(i);
            continue;
        }
        let unmarked = LYNX_MARK.replace_all(
            line,
            |c: &regex::Captures<'_>| {
                if is_mark(c) {
                    c[1].to_string()
                } else {
                    c[0].to_string()
                }
            },
        );
        *line = Cow::Owned(unmarked.into_owned());
    }
}

/// Markdown: only where two links, images or headings or more are written in
/// its syntax, one of them a sign of a page's layout rather than of a sentence
/// (a picture, a heading set apart by blank lines, a row of links).
fn undo_markdown(lines: &mut [Cow<'_, str>], markup: &mut Markup) {
    let headings: Vec<Option<(usize, String)>> = (0..lines.len()).map(|i| heading(lines, i)).collect();
    let heading_count = headings.iter().flatten().count();
    let links: usize = lines.iter().filter(|l| l.contains("](")).map(|l| LINK.find_iter(l).count()).sum();
    let images: usize = lines.iter().filter(|l| l.contains("![")).map(|l| IMAGE.find_iter(l).count()).sum();
    let rows: Vec<bool> = lines.iter().map(|l| is_link_row(without_marker(l))).collect();
    let row_count = rows.iter().filter(|&&r| r).count();
    if links + heading_count < 2 || images + heading_count + row_count == 0 {
        return;
    }
    // Whether prose stands above a line: a level-one heading under it is a
    // section's, no headline.
    let mut prose_above = false;
    for (i, line) in lines.iter_mut().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (level, rest) = match &headings[i] {
            Some((level, text)) => (Some(*level), text.as_str()),
            None => (None, without_marker(line)),
        };
        if level.is_none() && rows[i] {
            markup.link_only.push(i);
            continue;
        }
        let pictures = IMAGE.replace_all(rest, "");
        let linked = LINK.replace_all(&pictures, "$1");
        let strong = STRONG.replace_all(&linked, "$1$2$3");
        let plain = ESCAPE.replace_all(&strong, "$1");
        let plain = plain.trim();
        // A line set in italics (`_▲港口一景。_`, `_By X | 2 October 2024_`).
        let plain = plain
            .strip_prefix('_')
            .and_then(|p| p.strip_suffix('_'))
            .or_else(|| plain.strip_prefix('*').and_then(|p| p.strip_suffix('*')))
            .filter(|p| !p.is_empty() && !p.starts_with(['_', '*', ' ']) && !p.ends_with(['_', '*', ' ']))
            .unwrap_or(plain)
            .trim();
        if level == Some(1) && markup.headline.is_none() && !prose_above && !plain.is_empty() {
            markup.headline = Some(i);
        }
        prose_above |= level.is_none() && (ends_sentence(plain) || width(plain) > 80);
        if plain != line.as_ref() {
            *line = Cow::Owned(plain.to_string());
        }
    }
}

/// A heading's level and text, when the line is one set apart by blank lines
/// as Markdown writers set them (a shell comment in a listing has code under
/// it; `# 话题 #` is a hashtag).
fn heading(lines: &[Cow<'_, str>], i: usize) -> Option<(usize, String)> {
    let line = &lines[i];
    if !line.starts_with('#') {
        return None;
    }
    let c = HEADING.captures(line)?;
    let apart = (i == 0 || lines[i - 1].is_empty()) && lines.get(i + 1).is_none_or(|l| l.is_empty());
    let hashtag = c[1].len() == 1 && line.ends_with(" #");
    (apart && !hashtag && !c[2].is_empty()).then(|| (c[1].len(), c[2].to_string()))
}

/// A line without its list item's or quote's marker (`  * [首页](…)`, `> 引文`).
fn without_marker(line: &str) -> &str {
    line.strip_prefix("* ")
        .or_else(|| line.strip_prefix("- "))
        .or_else(|| line.strip_prefix("+ "))
        .or_else(|| line.strip_prefix("> "))
        .map_or(line, str::trim_start)
}

/// A row of links and pictures with nothing but separators between them
/// (navigation, share bars, logos), not one link with a story's title (a
/// newsletter's list of stories).
fn is_link_row(rest: &str) -> bool {
    if !rest.contains("](") {
        return false;
    }
    let pictures = IMAGE.replace_all(rest, "");
    if LINK.replace_all(&pictures, "").chars().any(char::is_alphanumeric) {
        return false;
    }
    let texts: Vec<String> = LINK.captures_iter(&pictures).map(|c| c[1].to_string()).collect();
    !(texts.len() == 1 && width(&texts[0]) > 24)
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

    /// What the first review found: a shell comment, a section's heading under
    /// prose, a hashtag, `2**10`, a story's title as a link, `[2019]`.
    #[test]
    fn markdown_and_lynx_look_alikes_are_left_alone() {
        let (_, _, m) = undone("Backing up\n\nHere is the script.\n\n# stop the database\nsystemctl stop db\n# copy the files\nrsync -a /srv /b\n");
        assert_eq!(m, Markup::default());
        let (_, _, m) = undone("Council approves lanes\n\nThe plan passed, say the [minutes](https://a.example/m) and a [statement](https://a.example/s).\n\n# Reaction\n\nShops were divided.\n");
        assert_eq!(m.headline, None);
        let (_, _, m) =
            undone("岚港马拉松开跑\n\n# 岚港马拉松 #\n\n今天上午开跑。[报名](https://a.example/a)\n\n# 城市跑步季 #\n");
        assert_eq!(m.headline, None);
        let (lines, _, _) = undone("T\n\n![](https://a.example/p.jpg)\n\n2**10 is 1024 and 3**4 is 81, see [a](https://a.example/a) and **this**.\n");
        assert_eq!(lines[4], "2**10 is 1024 and 3**4 is 81, see a and this.");
        let (lines, _, m) = undone("Digest\n\n![](https://a.example/l.png)\n\n- [Why rents keep rising in small towns](https://a.example/r)\n- [Home](https://a.example/) | [News](https://a.example/n)\n");
        assert_eq!(m.link_only, vec![2, 5]);
        assert_eq!(lines[4], "Why rents keep rising in small towns");
        let (lines, _, _) = undone("T\n\n   Smith v Jones [2019] and buf[256]; see [1]the ruling.\n\nReferences\n\n   1. https://a.example/j\n");
        assert_eq!(lines[2], "Smith v Jones [2019] and buf[256]; see the ruling.");
        // A reader view copied without blank lines keeps its text.
        let (_, _, m) = undone("millbrook.example.com\nOur libraries\nDelia Strand\n5 minutes\nLast month the council cut hours.\nThree branches close.\n");
        assert_eq!(m.header_tail, Some(4..4));
        let (_, _, m) = undone("poetry.example.org\nWinter Orchard\nMara Quill\n1 minute\nThe apples hang\nlike lamps no one lit\nall the long night\nand no one brings them in\n");
        assert_eq!(m.header_tail, Some(4..4));
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
