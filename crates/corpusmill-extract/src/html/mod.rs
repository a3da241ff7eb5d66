//! Article extraction from HTML pages: main content and metadata.
//!
//! One parse (html5ever via `scraper`), one walk that flattens the tree ([`dom`]), one
//! scoring pass that picks the article container ([`content`]), then line-level cleaning
//! with the same furniture classifiers as the text-dump extractor ([`clean`]) and the
//! metadata fields ([`fields`], [`jsonld`]).

mod charset;
mod clean;
mod content;
mod dom;
mod fields;
mod hints;
mod jsonld;
mod raw_text;
mod state;
mod wechat;

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;

pub use charset::html_declared_charset;

use crate::{meta, Article};

/// How many blocks before the article text are searched for a byline/date line.
const HEADER_BLOCKS: usize = 12;
/// Bytes of text under which a page may hold its article in a script's state.
const MAX_SHORT_BODY: usize = 1500;
/// How many blocks after the article text are searched for a credit line.
const TRAILER_BLOCKS: usize = 4;

/// Extracts the article in an HTML page (already decoded to text).
///
/// `page_url` is where the page was fetched from: the fallback for the canonical URL
/// and for a date in the path, and the base for relative canonical links.
/// `boilerplate` lists the lines the line-level furniture rules dropped inside the
/// article container; chrome removed by structure (nav, sidebars, comments) is not listed.
/// Never panics; a page without an article gives an `Article` with few or no fields.
/// Time is linear in the page size except for absurd nesting: the HTML5 tree builder's
/// scope checks make it quadratic in depth (tens of thousands of unclosed elements take
/// seconds).
pub fn extract_html(html: &str, page_url: Option<&str>) -> Article {
    extract_page(html, page_url, true)
}

/// [`extract_html`]; `read_state` looks for the text in a script framework's
/// state too (not in the markup found there).
fn extract_page(html: &str, page_url: Option<&str>, read_state: bool) -> Article {
    // Half the bytes of a news page are scripts and style sheets no pass reads.
    let doc = Html::parse_document(&raw_text::without_script_bodies(html));
    let page = dom::flatten(&doc);
    let junk = content::junk_flags(&page);
    let ranges = content::article_ranges(&page, &junk);
    let chosen = content::article_blocks(&page, &junk, &ranges);
    let ld = jsonld::parse(&page.json_ld);
    let metas = fields::Metas::new(&page);

    // Where most of the text is centred (WeChat layouts), centring marks no caption.
    let blocks = || chosen.iter().filter_map(|&i| page.blocks.get(i));
    let centred_blocks = blocks().filter(|b| page.els.get(b.owner).is_some_and(is_centred)).count();
    let centring_marks = centred_blocks * 2 < chosen.len();
    let (captions, text): (Vec<&dom::Block>, Vec<&dom::Block>) =
        blocks().partition(|b| is_image_caption(&page, b, centring_marks));
    let mut cleaned = clean::clean(text.iter().map(|b| b.text.as_str()));
    cleaned.dropped.extend(captions.iter().map(|b| (crate::BoilerplateKind::Other, b.text.clone())));
    // Byline and date lines just above the article text (often in a chrome-named header).
    let first = chosen.first().copied().unwrap_or(0);
    let above = first.saturating_sub(HEADER_BLOCKS)..first;
    let header = page.blocks.get(above.clone()).unwrap_or(&[]);
    let mut meta_lines: Vec<meta::MetaLine> = header.iter().filter_map(|b| header_meta(&b.text)).collect();
    meta_lines.extend(cleaned.meta.iter().cloned());
    // A portal's credit line right under the text (`本文来源：岚州日报 作者：顾晓川`):
    // its author and source only, as a date there may be a related story's.
    let after = chosen.last().map_or(0, |&last| last + 1);
    let trailer = page.blocks.get(after..(after + TRAILER_BLOCKS).min(page.blocks.len())).unwrap_or(&[]);
    // Only the credit lines right under the text, past furniture (`（完）`, a
    // tag line): a related story's title or heading (`Read next`) ends them,
    // and its credits are not the article's.
    let furniture = |t: &str| crate::lines::width(t) <= 8 || crate::boilerplate::classify(t).is_some();
    meta_lines.extend(
        trailer
            .iter()
            .map(|b| header_meta(&b.text).ok_or(b.text.as_str()))
            .map_while(|m| match m {
                Ok(m) => Some(Some(m)),
                Err(t) if furniture(t) => Some(None),
                Err(_) => None,
            })
            .flatten()
            .filter(|m| m.author.is_some() || m.source.is_some())
            .map(|m| meta::MetaLine { date: None, date_only: false, ..m }),
    );

    let wechat = wechat::read(html, &page);
    let mut site = fields::site_name(&metas, &ld, &meta_lines);
    if let Some(account) = wechat.as_ref().and_then(|w| w.account.clone()) {
        // The platform's name in og:site_name is no source; the account is.
        if site.as_deref().is_none_or(|s| s.ends_with("公众平台") || s.ends_with("公眾平台")) {
            site = Some(account);
        }
    }
    let title = fields::title(&page, &junk, &metas, &ld, site.as_deref());
    let url = fields::canonical_url(&page, &metas, &ld, page_url);
    let urls: Vec<&str> = url.as_deref().into_iter().chain(page_url).collect();
    // The elements from the blocks above the article's text to those right under it.
    let span_start = first.checked_sub(HEADER_BLOCKS + 1).and_then(|b| page.blocks.get(b)).map_or(0, |b| b.owner);
    let under = chosen.last().map(|&l| (l + TRAILER_BLOCKS).min(page.blocks.len().saturating_sub(1)));
    let last_owner = under.and_then(|l| page.blocks.get(l)).map(|b| b.owner);
    let span_end = last_owner.and_then(|o| page.els.get(o)).map_or(page.els.len(), |e| e.end);
    let span = span_start..span_end.max(span_start);
    let mut published_date = fields::date(&page, &junk, &metas, &ld, &meta_lines, &urls, span)
        .or_else(|| wechat.as_ref().and_then(|w| w.date));
    // An editor named in `<meta name="author">` (`【编辑:方若棠】` under the text)
    // is no author.
    let editor_lines: Vec<&str> = cleaned
        .dropped
        .iter()
        .filter(|(k, _)| *k == crate::BoilerplateKind::Editor)
        .map(|(_, t)| t.as_str())
        .chain(
            trailer
                .iter()
                .map(|b| b.text.as_str())
                .filter(|t| crate::boilerplate::classify(t) == Some(crate::BoilerplateKind::Editor)),
        )
        .collect();
    // Only the tag's name, and only one no visible byline gives (a writer may
    // edit the page too); the name whole (`阳林` is not `欧阳林`).
    let tag_author = metas.get(&["author"]).map(str::trim);
    let bylined = |name: &str| meta_lines.iter().any(|m| m.author.as_deref() == Some(name));
    let edited_by = |name: &str| {
        let han = |c: Option<char>| c.is_some_and(crate::lines::is_han);
        tag_author == Some(name)
            && !bylined(name)
            && editor_lines.iter().any(|line| {
                line.match_indices(name)
                    .any(|(at, _)| !han(line[..at].chars().next_back()) && !han(line[at + name.len()..].chars().next()))
            })
    };
    let mut author = fields::author(&page, &metas, &ld, &meta_lines, site.as_deref())
        .filter(|a| !edited_by(a))
        .or_else(|| wechat.as_ref().and_then(|w| w.author.clone()));

    let mut body = body_paragraphs(cleaned.paragraphs, title.as_deref());
    let body_width: usize = body.iter().map(|p| p.len()).sum();
    if let Some(ld_body) = ld.body.as_deref() {
        // Pages that render the text with scripts still ship it in JSON-LD.
        if ld_body.len() > 2 * body_width + 100 {
            body = ld_body.lines().map(dom::collapse).filter(|p| !p.is_empty()).collect();
        }
    }
    // Pages built by a script framework ship the text in its state (a
    // skeleton or the first paragraphs in the markup). Looked for only under
    // a short text: the state is often the whole site's, and slow to read.
    let body_width: usize = body.iter().map(|p| p.len()).sum();
    let short = read_state && body_width < MAX_SHORT_BODY;
    if let Some(state) = short.then(|| state::article(html)).flatten() {
        if state.markup.len() > 2 * body_width + 100 {
            let markup = &state.markup;
            let inner = extract_page(&format!("<html><body><article>{markup}</article></body></html>"), None, false);
            let inner_width: usize = inner.body_paragraphs.iter().map(|p| p.len()).sum();
            if inner_width > body_width {
                body = inner.body_paragraphs;
                // The state's record dates and credits the text the markup lacks.
                published_date = published_date.or(state.fields.published_date);
                let credited = |a: &String| {
                    meta::parse_meta(a).and_then(|m| m.author).or_else(|| meta::is_name(a).then(|| a.clone()))
                };
                author = author.or_else(|| state.fields.author.as_ref().and_then(credited));
            }
        }
    }

    // A newspaper's or agency's lead names the reporter (`新华社…电（记者郑砚秋）`).
    let author = author.or_else(|| body.first().and_then(|p| meta::inline_byline(p)));
    // The byline's name alone over the text (`Harriet Vale`) is no paragraph.
    // Nor is the job under it (`Environment correspondent, Northline News`).
    if body.len() > 1 && author.as_deref().is_some_and(|a| body[0] == a) {
        let name = body.remove(0);
        cleaned.dropped.push((crate::BoilerplateKind::Meta, name));
        if body.len() > 1 && is_job_line(&body[0]) {
            let job = body.remove(0);
            cleaned.dropped.push((crate::BoilerplateKind::Meta, job));
        }
    }
    // A summary the page shows under its headline (a standfirst, a dek, a
    // `summary` box) is the summary, and no paragraph of the body.
    let above: Vec<usize> = above.collect();
    let opening = chosen.get(..4).unwrap_or(&chosen);
    let shown = fields::summary_box(&page, &above, opening, title.as_deref());
    if let Some((box_text, summary)) = &shown {
        if let Some(at) = body.iter().take(3).position(|p| p == box_text || p == summary) {
            if body.len() > 1 {
                body.remove(at);
            }
        }
    }
    let summary = shown.map(|(_, summary)| summary);
    Article {
        title,
        published_date,
        author,
        source_name: site,
        url,
        body_paragraphs: body,
        summary,
        boilerplate: cleaned.dropped,
        script_counts: None,
    }
}

/// Widest caption under an image (`获奖团队与指导教师合影`, `岚驰S7 EV侧面造型`).
const MAX_CAPTION_WIDTH: u32 = 40;

/// A short line right after an image, no sentence, set as a caption is: the
/// image's caption. A sentence ends in `。`, `.`, `!` or `?` (a one-line
/// paragraph after an inline image stays). A caption is centred, or its box is
/// named for pictures (`pic-note`, `img_desc`), or it shares its box with the
/// image (`<p><img><br>分析会现场</p>`); a subheading is bold or a heading, an
/// item numbered or in a list or table, a label's line holds a colon, and a
/// byline or source line parses as one.
fn is_image_caption(page: &dom::Page<'_>, block: &dom::Block, centring_marks: bool) -> bool {
    if !block.after_image || block.width > MAX_CAPTION_WIDTH {
        return false;
    }
    let text = block.text.trim();
    // `改造后的南门菜市场　摄影：林晚舟`, `…（岑家浩攝）`: a photographer's credit ends it.
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:摄影|攝影|摄|攝|图|圖|图片|圖片|供图|供圖)\s*[：:／/]\s*\p{Han}{2,4}$|[（(]\p{Han}{2,4}\s*(?:摄|攝)[）)]$")
            .expect("static regex")
    });
    // Short, and no sentence in it: a photo story's one paragraph ends the same way.
    if !text.contains('。') && crate::lines::width(text) <= 60 && CREDIT.is_match(text) {
        return true;
    }
    let sentence = text.ends_with(['。', '．', '.', '！', '!', '？', '?', '…', '”', '"', '」']);
    if sentence || text.contains([':', '：']) || crate::lines::starts_numbered(text) || header_meta(text).is_some() {
        return false;
    }
    let Some(owner) = page.els.get(block.owner) else { return false };
    let boxed =
        |tag: &str| matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "td" | "th" | "dt" | "dd" | "tr");
    if boxed(owner.el.name()) {
        return false;
    }
    // Bold through most of its width: a subheading.
    let inside = page.els.get(block.owner + 1..owner.end).unwrap_or(&[]);
    if inside.iter().any(|e| matches!(e.el.name(), "strong" | "b") && e.text * 4 >= block.width * 3) {
        return false;
    }
    let centred = |e: &dom::El<'_>| centring_marks && is_centred(e);
    // Whole words of a class or id (`pic-note`, `img_desc`; not `topic`, `description`).
    let named = |e: &dom::El<'_>| {
        [e.el.attr("class"), e.el.attr("id")].iter().flatten().any(|n| {
            n.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
                let w = w.to_ascii_lowercase();
                ["pic", "img", "image", "photo", "caption", "note", "desc", "imgdesc", "picdesc", "pictext", "imgtext"]
                    .contains(&w.as_str())
            })
        })
    };
    let parent = owner.parent.and_then(|p| page.els.get(p));
    // An emoji or icon in the line (`<img class="emoji">第一印象`) is no photo.
    let photo = |e: &&dom::El<'_>| {
        let small = ["width", "height"]
            .iter()
            .any(|a| e.el.attr(a).and_then(|v| v.trim_end_matches("px").parse::<u32>().ok()).is_some_and(|v| v <= 64));
        let icon = [e.el.attr("class"), e.el.attr("src")].iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("emoji") || v.contains("icon") || v.contains("smiley")
        });
        e.el.name() == "img" && !small && !icon
    };
    let image_inside = inside.iter().any(|e| photo(&e));
    // `<div><span class="bjh-image-caption">…</span></div>`: named inside, around all of it.
    let caption_named = |e: &dom::El<'_>| {
        [e.el.attr("class"), e.el.attr("id")].iter().flatten().any(|n| n.to_ascii_lowercase().contains("caption"))
    };
    let named_inside = inside.iter().any(|e| caption_named(e) && e.text * 4 >= block.width * 3);
    centred(owner) || named(owner) || image_inside || named_inside || parent.is_some_and(|p| centred(p) || named(p))
}

/// Whether an element is set centred (`align="center"`, `text-align:center`).
fn is_centred(e: &dom::El<'_>) -> bool {
    e.el.attr("align").is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || e.el.attr("style").is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("text-align:center"))
}

/// Most trailing words dropped to make a header line parse as a byline.
const MAX_TRAILING_NOISE: usize = 6;

/// A byline/date line above the article, allowing for trailing widgets the text-dump
/// rules do not know (`作者：刘青 发布时间：2024-04-21 点击数：1523 【字体：大 中 小】`).
fn header_meta(line: &str) -> Option<meta::MetaLine> {
    if let Some(m) = meta::parse_meta(line) {
        return Some(m);
    }
    if line.len() > 400 {
        return None;
    }
    let mut end = line.len();
    for _ in 0..MAX_TRAILING_NOISE {
        end = line[..end].trim_end().rfind(char::is_whitespace)?;
        let prefix = line[..end].trim_end();
        if let Some(m) = meta::parse_meta(prefix).filter(|m| m.date.is_some() || m.author.is_some()) {
            return Some(m);
        }
    }
    None
}

/// Drops repeats of the headline and immediate duplicates of real paragraphs (text
/// shown twice for different screen sizes; short repeats such as table cells stay).
/// A reporter's job under their name: a few words ending in a newsroom role,
/// the outlet after a comma at most.
fn is_job_line(line: &str) -> bool {
    let role = line.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
    let roles = ["correspondent", "reporter", "editor", "writer", "columnist", "journalist"];
    crate::lines::width(line) <= 60
        && !line.ends_with('.')
        && role.split_whitespace().count() <= 4
        && roles.iter().any(|r| role.ends_with(r))
}

fn body_paragraphs(paragraphs: Vec<String>, title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let repeated = p.chars().count() >= 20 && out.last().is_some_and(|last| *last == p);
        if title.is_some_and(|t| t == p) || repeated {
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;

    const PAGE: &str = r##"<!DOCTYPE html><html><head>
<title>Bridge reopens after repairs - River Daily</title>
<meta property="og:site_name" content="River Daily">
<meta name="description" content="The old river bridge reopened on Friday after six months of repairs.">
<link rel="canonical" href="/2025/02/28/bridge-reopens">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Bridge reopens after repairs</h1>
<p class="byline">By Jane Roe</p>
<div class="article-body">
<p>The old river bridge reopened on Friday, after six months of repairs that replaced its deck and railings.</p>
<p>Traffic engineers said the crossing now carries twice the load it was built for, and that buses will return next week.</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>Residents, who had used a ferry during the works, welcomed the news with a small celebration on the bank.</p>
</div>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Ferry service ends</a></li></ul></aside>
<footer><p>© 2025 River Daily. All rights reserved.</p></footer>
</body></html>"##;

    #[test]
    fn english_page() {
        let a = extract_html(PAGE, Some("https://river.example/x?utm=1"));
        assert_eq!(a.title.as_deref(), Some("Bridge reopens after repairs"));
        assert_eq!(a.source_name.as_deref(), Some("River Daily"));
        assert_eq!(a.url.as_deref(), Some("https://river.example/2025/02/28/bridge-reopens"));
        assert_eq!(a.published_date, Date::new(2025, 2, 28));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.body_paragraphs.len(), 3, "{:#?}", a.body_paragraphs);
        assert!(a.body_paragraphs[0].starts_with("The old river bridge"));
        assert_eq!(a.summary, None, "the description is the lead again, and not shown");
        let body = a.body_paragraphs.join("\n");
        for bad in ["Share on", "Ferry service", "©", "Home"] {
            assert!(!body.contains(bad), "{bad}");
        }
    }

    /// The byline's name and job alone over the text are no paragraphs.
    #[test]
    fn table_layouts_headline_and_meta_row() {
        // No `<h1>`: the `<h2>` that `<title>` holds after the site's name; a home
        // page's `og:url` is no article's address.
        let html = r#"<html><head><title>The Fenwick Valley Ledger - Volunteers restore 1920s bandstand in time for harvest festival</title>
<meta property="og:url" content="https://www.fenwick.example.com/"></head><body><table><tr><td>
<h2 class="headline">Volunteers restore 1920s bandstand in time for harvest festival</h2>
<p>Last spring, retired carpenter Walt Brennan started asking around about whether the old bandstand could be saved.</p>
<p>Twelve volunteers spent five months replacing rotten boards and repainting the roof in its original green.</p>
</td></tr></table></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.title.as_deref(), Some("Volunteers restore 1920s bandstand in time for harvest festival"));
        assert_eq!(a.url, None);
        // A counter whose number a script wrote (`点击数：` and nothing) leaves the
        // meta line's date.
        let html = "<html><head><title>协会召开会员代表大会</title></head><body><table>\
<tr><td><font>协会召开会员代表大会</font></td></tr>\
<tr><td><font>作者：钟芮　　文章来源：协会秘书处　　点击数：　　更新时间：2024-1-19</font></td></tr>\
<tr><td><p>1月18日，协会第三届会员代表大会在青漪召开，来自全省的280余名会员代表参加会议。</p>\
<p>会议审议通过了第二届理事会工作报告，选举产生了新一届理事会。</p></td></tr></table></body></html>";
        let a = extract_html(html, None);
        assert_eq!(a.published_date.map(|d| d.to_string()).as_deref(), Some("2024-01-19"));
        assert_eq!(a.author.as_deref(), Some("钟芮"));
    }

    #[test]
    fn platform_pages_captions_contents_and_writers() {
        let paras =
            "<p>上个月，一位老读者给我留言，说他家那台开了八年的混动家轿仪表盘上跳出了检查混合动力系统的提示。</p>\
<p>正好我也一直想弄清楚这件事，于是上周专门跑了三家店，下面把我问到的情况跟大家分享一下，仅供参考。</p>";
        // A caption named inside its block, and one ending with a photographer's credit.
        let html = format!(
            "<html><head><title>混动车电池衰减了怎么办_老周聊车_网舟订阅</title><meta name=\"author\" content=\"网舟\"></head><body><article>\
<h1>混动车电池衰减了怎么办</h1>{paras}<div><img src=\"a.jpg\" width=\"640\"></div><div class=\"x1\"><span class=\"bjh-image-caption\">检测仪上显示的模组电压数据</span></div>\
<section><img src=\"b.jpg\"></section><section><span>改造后的南门菜市场　摄影：林晚舟</span></section>{paras}</article></body></html>"
        );
        let a = extract_html(&html, None);
        assert!(
            a.body_paragraphs.iter().all(|p| !p.contains("检测仪") && !p.contains("摄影")),
            "{:?}",
            a.body_paragraphs
        );
        // `<meta name="author">` naming the site of `<title>`'s suffix is no writer.
        assert_ne!(a.author.as_deref(), Some("网舟"));
        // A table of contents is no text; a microdata author is its `name`.
        let html = format!(
            "<html><head><title>為什麼我們換了烤箱：一年來的電費與麵包 @ 小熊媽的慢活日記</title></head><body><article>\
<div itemprop=\"author\" itemscope><meta itemprop=\"name\" content=\"阿檀\"><a>阿檀</a><div>小城公务员，前互联网运营</div></div>\
<div class=\"ez-toc-container\"><p class=\"ez-toc-title\">Table of Contents</p><ul><li><a href=\"#1\">1. We measured first</a></li></ul></div>{paras}</article></body></html>"
        );
        let a = extract_html(&html, None);
        assert_eq!(a.author.as_deref(), Some("阿檀"));
        assert_eq!(a.title.as_deref(), Some("為什麼我們換了烤箱：一年來的電費與麵包"));
        assert!(a.body_paragraphs.iter().all(|p| p != "Table of Contents"), "{:?}", a.body_paragraphs);
        // A release's media contact and its SOURCE line.
        let html = "<html><head><title>Halvern Robotics opens Texas plant</title><meta property=\"og:site_name\" content=\"PR Wireline\"></head>\
<body><article><h1>Halvern Robotics opens Texas plant</h1><p>Halvern Robotics, a maker of cleaning machines, opened a plant in Austin on Tuesday, the company said.</p>\
<p>The plant will employ about 200 people when it is fully staffed in the second quarter of 2025.</p>\
<p><b>Media Contact:</b><br>Dana Ruiz<br>press@halvern.example.com</p><p>SOURCE Halvern Robotics, Inc.</p></article></body></html>";
        let a = extract_html(html, None);
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        assert_eq!(a.source_name.as_deref(), Some("Halvern Robotics, Inc."));
    }

    #[test]
    fn a_bylines_name_and_job_over_the_text_are_dropped() {
        let html = r#"<html><head><meta name="author" content="Harriet Vale"><title>Dam needs repairs</title></head><body><article><h1>Dam needs repairs</h1>
<p>Harriet Vale</p><p>Environment correspondent, Northline News</p>
<p>The walls of a 140-year-old reservoir above the town need urgent repairs, engineers said on Monday.</p>
<p>Cracks and seepage were found during an inspection in the spring, the report says.</p></article></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.author.as_deref(), Some("Harriet Vale"));
        assert!(a.body_paragraphs[0].starts_with("The walls"), "{:?}", a.body_paragraphs);
        assert!(!is_job_line("The reporter said nothing."));
    }

    /// The editor in `<meta name="author">`, credited as editor under the text, is
    /// no author: the wire's lead names the reporters.
    #[test]
    fn an_editor_in_the_author_tag_is_no_author() {
        let html = r#"<html><head><meta name="author" content="方若棠"><title>货运铁路支线开通</title></head><body>
<div class="content"><h1>货运铁路支线开通</h1>
<p>华通网岫阳9月12日电（记者 郑昀 贾思齐）汀澜至岫阳货运铁路支线12日正式开通运营，沿线企业的货物从此可以直接装车发往港口。</p>
<p>该支线全长68.4公里，设计时速80公里，沿线设5个货运站，预计每年可分流公路货运量约三百万吨。</p>
<div class="left_name">【编辑:方若棠】</div></div></body></html>"#;
        assert_eq!(extract_html(html, None).author.as_deref(), Some("郑昀、贾思齐"));
        // What the first review found: a writer who edits too, a longer editor's name.
        let html = r#"<html><head><title>老街修好了</title></head><body><div class="content"><h1>老街修好了</h1>
<p class="info">作者：林小舟</p>
<p>竹埕老街整修完工，沿街二十多家老店陆续重新开门营业，周末人流明显增加。</p>
<p>街区管委会表示，将继续引入本地特色小吃和手作店铺，让老街重新热闹起来。</p>
<p>编辑：林小舟</p></div></body></html>"#;
        assert_eq!(extract_html(html, None).author.as_deref(), Some("林小舟"));
        let html = r#"<html><head><meta name="author" content="阳林"><title>老街修好了</title></head><body><div class="content"><h1>老街修好了</h1>
<p>竹埕老街整修完工，沿街二十多家老店陆续重新开门营业，周末人流明显增加。</p>
<p>街区管委会表示，将继续引入本地特色小吃和手作店铺，让老街重新热闹起来。</p>
<div>【编辑:欧阳林】</div></div></body></html>"#;
        assert_eq!(extract_html(html, None).author.as_deref(), Some("阳林"));
    }

    /// A portal's copy of a paper's story: the visible source line names the
    /// paper (not the portal of `og:site_name`), the metadata author is the
    /// portal itself, and the writer is credited under the text.
    #[test]
    fn portal_copy_credits_the_paper_and_its_writer() {
        let html = r#"<html><head><meta name="author" content="奇网"><meta property="og:site_name" content="奇网">
<title>老纺织厂变身文创园_奇网</title></head><body>
<div class="post_main"><h1>老纺织厂变身文创园</h1>
<div class="post_info">2024-11-02 10:15:06　来源: <a href="https://lzrb.example.com/">岚州日报</a></div>
<div class="post_body" style="visibility: hidden;">
<p>岚州市第一棉纺织厂旧址改造而成的“织里”文创园昨日开园，首批入驻企业四十二家，涵盖设计、出版和手工艺等行业。</p>
<p>园区保留了锯齿形厂房和老式细纱机，游客可以在展厅里看到纺织工人上世纪五十年代的工作场景和生活用品。</p>
<p>岚州市文化广电和旅游局表示，接下来将把文创园与周边的运河步道和老街区串联起来，打造工业遗产旅游线路。</p>
</div>
<div class="post_author">本文来源：岚州日报 作者：顾晓川<br>责任编辑：陈默_NQ0117</div>
</div></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.source_name.as_deref(), Some("岚州日报"));
        assert_eq!(a.author.as_deref(), Some("顾晓川"));
        assert_eq!(a.body_paragraphs.len(), 3, "{:#?}", a.body_paragraphs);
        assert_eq!(a.published_date, Date::new(2024, 11, 2));
    }

    /// A WeChat article: its date from the script's `ct`, its writer from the
    /// header, its account as the source.
    #[test]
    fn wechat_article() {
        let html = r#"<html><head><meta property="og:site_name" content="微信公众平台">
<script>var nickname = htmlDecode("溪宁发布"); var ct = "1719547260";</script></head><body>
<div id="js_article" class="rich_media"><h1 class="rich_media_title" id="activity-name">溪宁又有8家城市书房开门迎客</h1>
<div id="meta_content"><span id="copyright_logo" class="rich_media_meta">原创</span>
<span class="rich_media_meta rich_media_meta_text">林小满</span>
<span class="rich_media_meta rich_media_meta_nickname"><a id="js_name">溪宁发布</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></div>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
<p><span>6月27日，溪宁市新一批8家城市书房同时开门迎客，全市城市书房总数达到36家，基本实现主城区步行15分钟可达。</span></p>
<p><span>新开放的城市书房分布在五个城区，每家藏书三千册以上，市民刷身份证或社保卡即可进入，全天二十四小时开放。</span></p>
</div></div></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.published_date, Date::new(2024, 6, 28));
        assert_eq!(a.author.as_deref(), Some("林小满"));
        assert_eq!(a.source_name.as_deref(), Some("溪宁发布"));
        assert_eq!(a.body_paragraphs.len(), 2, "{:#?}", a.body_paragraphs);
    }

    /// A related story's credits under the article are not the article's.
    #[test]
    fn teaser_credits_below_the_text_are_not_the_articles() {
        let body = "<p>The old river bridge reopened on Friday, after six months of repairs that replaced its deck and railings.</p><p>Traffic engineers said the crossing now carries twice the load it was built for, and that buses will return.</p>";
        let html = format!("<html><body><article><h1>Bridge reopens</h1>{body}</article><div class=\"more\"><h3>Read next</h3><h4>Ferry operator halts service</h4><p>By Tom Reyne</p></div></body></html>");
        assert_eq!(extract_html(&html, None).author, None);
        let html = format!("<html><head><meta property=\"og:site_name\" content=\"岚港新闻网\"></head><body><article><h1>Bridge reopens</h1>{body}</article><div class=\"tuijian\"><p>岚州古城墙发现明代瓮城遗址</p><p>来源：新华网　2024-05-05</p></div></body></html>");
        assert_eq!(extract_html(&html, None).source_name.as_deref(), Some("岚港新闻网"));
    }

    /// An outlet whose name holds a generic word is still the source, and a
    /// credit line past `（完）` under the text is still read.
    #[test]
    fn visible_source_and_credits_past_furniture() {
        let body = "<p>岚港新建的三所公办幼儿园将于9月投入使用，今年秋季学期将新增学位1260个，缓解城区入园难问题。</p><p>三所幼儿园共设班级42个，秋季学期起面向适龄儿童招生，具体招生办法将另行公布。</p>";
        let html = format!("<html><head><meta property=\"og:site_name\" content=\"岚港生活网\"></head><body><article><h1>岚港新建三所公办幼儿园</h1><div class=\"info\">2024-05-06　来源：中国网络电视台</div>{body}</article></body></html>");
        assert_eq!(extract_html(&html, None).source_name.as_deref(), Some("中国网络电视台"));
        let html = format!("<html><body><article><h1>岚港新建三所公办幼儿园</h1>{body}</article><p>（完）</p><p>来源：岚港日报　责任编辑：王芳</p></body></html>");
        assert_eq!(extract_html(&html, None).source_name.as_deref(), Some("岚港日报"));
    }

    /// A data table's row is one paragraph, its cells joined by a space.
    #[test]
    fn bylines_past_an_outlets_metadata_author() {
        let story =
            "<p>嵐港捷運環狀線東段今日起試營運，首日免費搭乘，吸引大批民眾搶先體驗，截至晚間搭乘人次已突破5萬。</p>";
        // The paper as `<meta name="author">` and JSON-LD author: the lead's reporter.
        let html = format!(
            r#"<html><head><meta name="author" content="嵐島時報電子報">
<script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Organization","name":"嵐島時報電子報"}}}}</script>
</head><body><article><h1>捷運環狀線東段試營運</h1><p>〔記者蔡欣妤／嵐港報導〕{}</p>{story}</article></body></html>"#,
            "嵐港捷運環狀線東段今日起試營運。"
        );
        assert_eq!(extract_html(&html, None).author.as_deref(), Some("蔡欣妤"));
        // Two JSON-LD people, as a byline prints them; a name beside the date is theirs, not a source.
        let html = format!(
            r#"<html><head><meta property="og:site_name" content="Meridian Press">
<script type="application/ld+json">{{"@type":"NewsArticle","author":[{{"@type":"Person","name":"Anna Kessler"}},{{"@type":"Person","name":"Tomas Reyes"}}]}}</script>
</head><body><article><h1>Dockworkers end strike</h1>{story}</article></body></html>"#
        );
        assert_eq!(extract_html(&html, None).author.as_deref(), Some("Anna Kessler and Tomas Reyes"));
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Person","name":"乔思远"}},"publisher":{{"@type":"Organization","name":"芯潮网"}}}}</script>
</head><body><article><h1>砚屿科技发布首款自研影像芯片</h1><div class="author-card"><a>乔思远</a> · <time>2024年06月18日 20:15</time></div>{story}</article></body></html>"#
        );
        let a = extract_html(&html, None);
        assert_eq!((a.author.as_deref(), a.source_name.as_deref()), (Some("乔思远"), Some("芯潮网")));
    }

    #[test]
    fn short_lines_under_images_are_captions() {
        let html = r#"<html><body><article><h1>省茶叶协会召开春茶产销形势分析会</h1>
<p>会上，省茶叶研究所研究员通报了今年春茶生产情况，整体品质好于上年。</p>
<p style="text-align:center"><img src="/a.jpg"></p>
<p class="img_desc">获奖团队与指导教师合影</p>
<p>据协会统计，截至4月15日，全省春茶累计产量约2.1万吨，同比下降约6%。</p>
<p align="center"><font><img src="/b.jpg"><br>分析会现场</font></p>
<div class="pic"><img src="/c.jpg"><p>岚驰S7 EV侧面造型</p></div>
<h3>动力与续航</h3>
<p><img src="/d.jpg">这一段跟在一张图后面，是正文。</p>
<p><img src="/e.jpg"></p><h3>外观与空间</h3>
<p>与会企业代表反映，今年春茶销售呈现线上增长快的特点。</p>
</article></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(
            a.body_paragraphs,
            [
                "会上，省茶叶研究所研究员通报了今年春茶生产情况，整体品质好于上年。",
                "据协会统计，截至4月15日，全省春茶累计产量约2.1万吨，同比下降约6%。",
                "动力与续航",
                "这一段跟在一张图后面，是正文。",
                "外观与空间",
                "与会企业代表反映，今年春茶销售呈现线上增长快的特点。",
            ]
        );
        assert!(a.boilerplate.iter().any(|(_, t)| t == "分析会现场"), "{:?}", a.boilerplate);
        // Where most of the text is centred, a centred line after a photo is text.
        let html = r#"<html><body><article><h1>等你</h1>
<p style="text-align:center">这是一首写给远方朋友的小诗，写在春天的一个夜晚。</p>
<p style="text-align:center"><img src="/a.jpg"></p><p style="text-align:center">我在这里等你</p>
<p style="text-align:center">风吹过山岗，也吹过你走过的那条小路，我在这里等你回来。</p>
</article></body></html>"#;
        let a = extract_html(html, None);
        assert!(a.body_paragraphs.iter().any(|p| p == "我在这里等你"), "{:#?}", a.body_paragraphs);
    }

    #[test]
    fn lines_after_images_that_are_no_captions() {
        // A bold subheading, a poem's line, a byline and a source line after a photo,
        // an item after an icon.
        let html = r#"<html><body><article><h1>春日读诗</h1>
<p>春天到了，我们一起来读一首孟浩然的《春晓》，感受诗人笔下的春日清晨。</p>
<p><img src="/a.jpg"></p><p>记者 王伟</p>
<p style="text-align:center"><img src="/b.jpg"></p><p style="text-align:center"><strong>一、加快推进产业升级</strong></p>
<p>全市坚持把发展经济的着力点放在实体经济上，推动产业转型升级。</p>
<p><img src="/c.jpg"></p><p>春眠不觉晓，处处闻啼鸟</p>
<p><img src="/icon.png">门票：免费</p>
<div class="topic"><p><img src="/d.jpg"></p><p class="description">Chapter two</p></div>
<p><img class="emoji" src="/e.png">第一印象</p>
<p>这首诗语言平易浅近，自然天成，读来如行云流水，韵味无穷。</p>
</article></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.author.as_deref(), Some("王伟"));
        for kept in ["一、加快推进产业升级", "春眠不觉晓，处处闻啼鸟", "门票：免费", "Chapter two", "第一印象"]
        {
            assert!(a.body_paragraphs.iter().any(|p| p == kept), "{kept}: {:#?}", a.body_paragraphs);
        }
    }

    #[test]
    fn table_rows_are_paragraphs() {
        let html = r#"<html><body><article><h1>一季度居民消费价格同比上涨0.6%</h1>
<p>枫港市统计局4月18日发布数据，一季度全市居民消费价格同比上涨0.6%，八大类商品和服务价格“六涨二降”。</p>
<table><tr><th>类别</th><th>同比涨跌幅（%）</th></tr><tr><td>食品烟酒</td><td>-0.8</td></tr><tr><td>衣着</td><td>1.2</td></tr></table>
<p>从环比看，3月份全市居民消费价格比上月下降0.3%，其中食品价格下降1.1%，非食品价格持平。</p>
</article></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(
            a.body_paragraphs[1..4],
            ["类别 同比涨跌幅（%）", "食品烟酒 -0.8", "衣着 1.2"],
            "{:#?}",
            a.body_paragraphs
        );
    }

    /// One cell's `<br>` lines are no row, and a byline laid out as a table's row
    /// is still read.
    #[test]
    fn layout_table_cells_stay_apart() {
        let html = r#"<html><body><table><tr><td><a href="/">网站首页</a><br><a href="/a">公司概况</a><br><a href="/b">停水通知</a></td>
<td>因供水管网改造施工，我公司定于3月5日8时至18时对下列区域暂停供水，请用户提前做好储水准备。<br>停水区域：城东路以东、滨河路以北<br>咨询电话：96390</td></tr></table></body></html>"#;
        let a = extract_html(html, None);
        assert!(a.body_paragraphs.iter().all(|p| !p.contains("网站首页")), "{:#?}", a.body_paragraphs);
        let html = r#"<html><body><h1>岚港新建三所公办幼儿园</h1><table><tr><td>作者：张晓梅</td><td>来源：枫港日报</td><td>发布时间：2024-03-12</td></tr></table>
<div class="content"><p>岚港新建的三所公办幼儿园将于9月投入使用，今年秋季学期将新增学位1260个，缓解城区入园难问题。</p><p>三所幼儿园共设班级42个，秋季学期起面向适龄儿童招生，具体招生办法将另行公布。</p></div></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.published_date, Date::new(2024, 3, 12));
        assert_eq!(a.author.as_deref(), Some("张晓梅"));
    }

    /// An agency's dateline names the reporter when nothing else does.
    #[test]
    fn agency_dateline_names_the_reporter() {
        let html = r#"<html><body><article><h1>岚州古城墙发现明代瓮城遗址</h1>
<p>新华社岚州6月18日电（记者郑砚秋）记者18日从岚州市文物考古研究所获悉，考古人员在古城墙南段发现一处明代瓮城遗址。</p>
<p>据介绍，瓮城遗址平面呈长方形，东西长约四十米，南北宽约三十米，城墙用青砖包砌，部分城砖上带有铭文。</p>
</article></body></html>"#;
        assert_eq!(extract_html(html, None).author.as_deref(), Some("郑砚秋"));
    }

    #[test]
    fn header_meta_with_trailing_widgets() {
        let m = header_meta("作者：刘青 来源：南岭县融媒体中心 发布时间：2024-04-21 点击数：1523 【字体：大 中 小】");
        let m = m.expect("meta line");
        assert_eq!(m.author.as_deref(), Some("刘青"));
        assert_eq!(m.source.as_deref(), Some("南岭县融媒体中心"));
        assert!(header_meta("他说，这门手艺他已经做了五十多年 现在年轻人也愿意学了 他很高兴").is_none());
    }

    /// A page built by a script framework: a skeleton, or its first paragraphs,
    /// in the markup, and the whole text in the framework's state.
    #[test]
    fn the_text_in_a_frameworks_state() {
        let paragraphs: Vec<String> = (1..=5)
            .map(|n| {
                format!("第{n}段：巡堤队员沿着堤脚一步一步往前走，每隔几米就蹲下来用手摸一摸坡面，看有没有渗水和管涌。")
            })
            .collect();
        let markup: String = paragraphs.iter().map(|p| format!("<p>{p}<\\/p>")).collect();
        let state = format!(
            r#"<script>window.__INITIAL_STATE__={{"article":{{"title":"堤坝上的七天","publish_time":"2024-07-09 18:20","author":"记者 龚岩","content":"{markup}"}}}};</script>"#
        );
        let skeleton = format!("<html><head><title>望川发布</title></head><body><div id=\"app\"><p>正在加载…</p></div>{state}</body></html>");
        let a = extract_html(&skeleton, None);
        assert_eq!(a.body_paragraphs, paragraphs);
        assert_eq!(a.published_date, crate::Date::new(2024, 7, 9));
        assert_eq!(a.author.as_deref(), Some("龚岩"));
        let first = format!(
            "<html><body><article><h1>堤坝上的七天</h1><p>{}</p><p>{}</p></article>{state}</body></html>",
            paragraphs[0], paragraphs[1]
        );
        assert_eq!(extract_html(&first, None).body_paragraphs, paragraphs);
        // A page that shows its whole text keeps it, whatever the state holds.
        let whole: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        let shown = format!("<html><body><article><h1>堤坝上的七天</h1>{whole}</article>{state}</body></html>");
        assert_eq!(extract_html(&shown, None).body_paragraphs, paragraphs);
    }

    #[test]
    fn junk_inputs_do_not_panic() {
        for input in ["", "<", "<html>", "plain text only", "<p>", "<script>x</script>", &"<div>".repeat(5000)] {
            let _ = extract_html(input, None);
            let _ = extract_html(input, Some("not a url"));
        }
    }

    #[test]
    fn json_ld_body_when_dom_is_empty() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
            "articleBody":"First paragraph of the article, long enough to count as text.\nSecond paragraph of the article, also long enough to count as real text here.\nThird paragraph, which closes the story with a final sentence of reasonable length."}</script>
            </head><body><div id="app"></div></body></html>"#;
        let a = extract_html(html, None);
        assert_eq!(a.body_paragraphs.len(), 3);
        assert_eq!(a.title.as_deref(), Some("H"));
    }
}
