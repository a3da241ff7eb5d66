//! Title, date, author, site name, canonical URL and summary from the page's metadata
//! (Open Graph, `<meta name>`, JSON-LD, `<time>`, `rel=author`, `<link rel=canonical>`)
//! and, where the markup says nothing, from visible byline/date lines and the URL.
//!
//! Each field takes the first source that yields a usable value, most explicit first.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{collapse, text_of, Page};
use super::hints::{lower_names, names_word};
use super::jsonld::LdArticle;
use crate::date::{ascii_digits, find_date, DateSpec, Scope};
use crate::lines::{is_wide, width};
use crate::meta::MetaLine;
use crate::Date;

/// `<meta>` values by lower-cased `property` / `name` / `itemprop`.
pub(crate) struct Metas<'a> {
    pairs: Vec<(String, &'a str)>,
}

impl<'a> Metas<'a> {
    pub(crate) fn new(page: &Page<'a>) -> Self {
        let mut pairs = Vec::new();
        for m in &page.metas {
            let Some(content) = m.attr("content") else { continue };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for key in [m.attr("property"), m.attr("name"), m.attr("itemprop")].into_iter().flatten() {
                pairs.push((key.trim().to_ascii_lowercase(), content));
            }
        }
        Metas { pairs }
    }

    /// The first value for any of `keys`, in the order of `keys`.
    pub(crate) fn get(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|k| self.pairs.iter().find(|(key, _)| key == k).map(|(_, v)| *v))
    }
}

/// Parses a date value from metadata (`2025-02-28T09:15:00+08:00`, `20250228`,
/// `Feb 28, 2025`, `2025年2月28日`).
pub(crate) fn parse_date_value(s: &str) -> Option<Date> {
    let norm = ascii_digits(s.trim());
    if let Some(hit) = find_date(&norm, Scope::AbsoluteOnly) {
        if let DateSpec::Absolute(d) = hit.spec {
            return Some(d);
        }
    }
    compact_date(&norm)
}

static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^0-9]|$)").expect("static regex"));

/// `20250228` standing alone.
fn compact_date(s: &str) -> Option<Date> {
    let c = COMPACT.captures(s)?;
    Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|_|\.|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|_|-|\.|$)",
    )
    .expect("static regex")
});

/// The date in a URL path: `/2025/02/28/`, `/2025-02-28/`, `/20250228/`.
pub(crate) fn url_date(url: &str) -> Option<Date> {
    let c = URL_DATE.captures(url)?;
    let (y, m, d) = if c.get(1).is_some() { (1, 2, 3) } else { (4, 5, 6) };
    Date::new(c.get(y)?.as_str().parse().ok()?, c.get(m)?.as_str().parse().ok()?, c.get(d)?.as_str().parse().ok()?)
}

/// Resolves `href` against the page URL (absolute, scheme-relative and root-relative
/// forms; anything else is returned as is).
pub(crate) fn resolve_url(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    let Some(base) = base else { return href.to_string() };
    let Some(scheme_end) = base.find("://") else { return href.to_string() };
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end + 1]);
    }
    if href.starts_with('/') {
        let host_end = base[scheme_end + 3..].find('/').map_or(base.len(), |i| scheme_end + 3 + i);
        return format!("{}{href}", &base[..host_end]);
    }
    href.to_string()
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: [&str; 10] = [" | ", " - ", " – ", " — ", " :: ", " · ", "｜", "_", " » ", " @ "];

/// `<title>` minus trailing site/section names (`Headline - Site`, `标题_频道_网站`).
pub(crate) fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
            .chain(bare_cjk_separator(&t))
            .max_by_key(|&(i, _)| i);
        let Some((i, len)) = cut else { break };
        let (head, tail) = (t[..i].trim(), t[i + len..].trim());
        let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail));
        // ` @ ` sets off a Chinese blog's name (`標題 @ 小熊媽的慢活日記`); in English
        // it is a venue (`Taylor Swift @ Wembley Stadium`).
        let at_venue = t[i..].starts_with(" @ ") && !tail.chars().any(crate::lines::is_han);
        if head.is_empty() || at_venue || !(is_site || (width(tail) <= 40 && width(tail) <= width(head))) {
            break;
        }
        t = head.to_string();
    }
    // `Site | Headline`
    if let Some(site) = site {
        for sep in TITLE_SEPARATORS {
            if let Some(rest) = t.strip_prefix(site).and_then(|r| r.strip_prefix(sep)) {
                return rest.trim().to_string();
            }
        }
    }
    // `澄湖新闻网--标题`: a Chinese site's name first, known by its last words
    // (not `喜报——…` or `织密一张网——…`: `——` is a headline's own dash).
    let site_words = [
        "新闻网",
        "新聞網",
        "日报",
        "日報",
        "晚报",
        "晚報",
        "在线",
        "在線",
        "频道",
        "頻道",
        "网站",
        "網站",
        "门户",
        "門戶",
    ];
    // `南灣縣政府全球資訊網-縣政新聞-標題`: the site's, then a section's name, each
    // set off by a bare hyphen between Chinese characters.
    fn bare_hyphen(t: &str) -> Option<(&str, &str)> {
        let (i, _) = t.char_indices().find(|&(i, c)| {
            c == '-'
                && t[..i].chars().next_back().is_some_and(is_wide)
                && t[i + 1..].chars().next().is_some_and(is_wide)
        })?;
        Some((&t[..i], &t[i + 1..]))
    }
    let mut t = t.as_str();
    let mut cuts = 0;
    for _ in 0..2 {
        let cut = ["--", "_", "｜", " | ", " - "].iter().find_map(|&sep| {
            let (head, rest) = t.split_once(sep)?;
            let (head, rest) = (head.trim(), rest.trim());
            // A one-character site word (`岚港网_…`) only before `_`, `--` or a bar.
            let short_word = sep != " - " && ["网", "網", "报", "報"].iter().any(|w| head.ends_with(w));
            let site = site_words.iter().any(|w| head.ends_with(w)) || short_word;
            (site && width(head) <= 24 && width(rest) >= 2 * width(head)).then_some(rest)
        });
        // The site's name first (`…網`, `…新闻网`), then a section's (`縣政新聞`);
        // `喜报-`, `电商平台-` are a headline's own words.
        let hyphen = || {
            let (head, rest) = bare_hyphen(t)?;
            let site = if cuts == 0 {
                site_words.iter().chain(&["网", "網"]).any(|w| head.ends_with(w)) && head.chars().count() >= 3
            } else {
                SITE_ENDINGS.iter().any(|w| head.ends_with(w))
            };
            (site && width(head) <= 24 && width(rest) >= 2 * width(head)).then_some(rest)
        };
        match cut.or_else(hyphen) {
            Some(rest) => {
                t = rest;
                cuts += 1;
            }
            None => break,
        }
    }
    t.to_string()
}

/// How the names of Chinese sites and their sections end.
const SITE_ENDINGS: [&str; 14] =
    ["网", "網", "报", "報", "热线", "熱線", "中心", "频道", "頻道", "在线", "在線", "新闻", "新聞", "台"];

/// How the names of the bodies that run sites end (`--溟江省物流与供应链协会`,
/// `--岚港市教育局`): after `--` such a name is the site's, not the headline's.
const ORGANISATION_ENDINGS: [&str; 12] =
    ["协会", "協會", "学会", "學會", "政府", "局", "委员会", "委員會", "大学", "大學", "学院", "學院"];

/// The last `-`, `|`, `--` or dash written without spaces between Chinese/Japanese
/// text (`标题-网站`, `标题--热线--新闻中心`); in Latin text a bare hyphen is part of
/// a word.
fn bare_cjk_separator(t: &str) -> Option<(usize, usize)> {
    t.char_indices().rev().find_map(|(i, c)| {
        let len = if c == '-' && t[i + 1..].starts_with('-') { 2 } else { c.len_utf8() };
        // After `--` only a site's name (`--岫阳热线--新闻中心`), not a headline's
        // second part (`--全线设站20座`).
        // `--记岚港市气象局` is a feature's subtitle, whoever it names.
        let subtitle = t[i + len..].starts_with(['记', '記', '访', '訪']);
        let site_after =
            len == 1 || (SITE_ENDINGS.iter().chain(&ORGANISATION_ENDINGS).any(|w| t.ends_with(w)) && !subtitle);
        (matches!(c, '-' | '|' | '—' | '–')
            && site_after
            && t[..i].chars().next_back().is_some_and(is_wide)
            && t[i + len..].chars().next().is_some_and(is_wide))
        .then_some((i, len))
    })
}

/// Whether `h1` holds at least 60% of the character pairs of `reference` and is
/// not much shorter (`Brackmoor Council Approves £14m Flood Defence Scheme for
/// River Alder` for `Brackmoor council approves £14m flood defence plan`).
fn shares_most_of(h1: &str, reference: &str) -> bool {
    let pairs = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect::<std::collections::HashSet<_>>()
    };
    let (h, r) = (pairs(h1), pairs(reference));
    !r.is_empty() && h.len() * 2 >= r.len() && r.iter().filter(|p| h.contains(p)).count() * 10 >= r.len() * 6
}

fn normalized(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The headline: the page's `<h1>` when the title metadata confirms it, else the
/// metadata title without its site suffix.
pub(crate) fn title(
    page: &Page<'_>,
    junk: &[bool],
    metas: &Metas<'_>,
    ld: &LdArticle,
    site: Option<&str>,
) -> Option<String> {
    let og = metas.get(&["og:title", "twitter:title"]).map(collapse);
    let doc_title = page.title.clone();
    // The `<h1>`s outside chrome first, then those inside it (`<div class="live-header">`,
    // `entry-header`), which also hold site logos.
    let h1_texts = |in_chrome: bool| {
        page.els
            .iter()
            .enumerate()
            .filter(move |(i, e)| e.el.name() == "h1" && junk.get(*i).copied().unwrap_or(false) == in_chrome)
            .map(move |(_, e)| (text_of(e.node), in_chrome))
            .filter(|(t, _)| !t.is_empty())
            .take(5)
    };
    let h1s: Vec<(String, bool)> = h1_texts(false).chain(h1_texts(true)).collect();
    let references: Vec<String> =
        [og.as_deref(), doc_title.as_deref(), ld.headline.as_deref()].into_iter().flatten().map(normalized).collect();
    let site_n = site.map(normalized);
    for (h1, in_chrome) in &h1s {
        let n = normalized(h1);
        if *in_chrome && (n.len() < 12 || site_n.as_deref() == Some(n.as_str())) {
            continue;
        }
        // A logo's `<h1>` in a header starts `<title>` (`Site | Headline`): one in
        // chrome is confirmed only by a title it makes up most of.
        let confirmed = |r: &String| {
            !r.is_empty()
                && (shares_most_of(&n, r) || (!*in_chrome && (r.starts_with(&n) || n.starts_with(r.as_str()))))
        };
        if n.len() >= 4 && references.iter().any(confirmed) {
            return Some(h1.clone());
        }
    }
    // A page without an `<h1>` (`<h2 class="headline">` in a table layout): an `<h2>`
    // outside chrome that a title metadata holds whole at its start or end
    // (`The Fenwick Valley Ledger - Volunteers restore…`).
    if h1s.is_empty() {
        let h2 = page
            .els
            .iter()
            .enumerate()
            .filter(|(i, e)| e.el.name() == "h2" && !junk.get(*i).copied().unwrap_or(true))
            .take(3)
            .map(|(_, e)| text_of(e.node))
            .find(|h| {
                let n = normalized(h);
                n.chars().count() >= 12
                    // Most of the title: the site's name beside it is the shorter part
                    // (a section's `<h2>` leading a longer title is not the headline).
                    && references.iter().any(|r| {
                        r.len() > n.len() && r.len() < 2 * n.len() && (r.starts_with(&n) || r.ends_with(&n))
                    })
            });
        if h2.is_some() {
            return h2;
        }
    }
    let h1s: Vec<String> = h1s.into_iter().filter(|(_, in_chrome)| !in_chrome).map(|(t, _)| t).collect();
    og.map(|t| strip_site_suffix(&t, site))
        .or_else(|| ld.headline.as_ref().map(|h| collapse(h)))
        .or_else(|| doc_title.map(|t| strip_site_suffix(&t, site)))
        .or_else(|| h1s.into_iter().next())
        .filter(|t| !t.is_empty())
}

const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "article.published",
    "publication_date",
    "original-publish-date",
];

/// The publication date, from the most explicit source that parses.
pub(crate) fn date(
    page: &Page<'_>,
    junk: &[bool],
    metas: &Metas<'_>,
    ld: &LdArticle,
    meta_lines: &[MetaLine],
    urls: &[&str],
    span: std::ops::Range<usize>,
) -> Option<Date> {
    if let Some(d) = DATE_KEYS.iter().find_map(|k| metas.get(&[k]).and_then(parse_date_value)) {
        return Some(d);
    }
    if let Some(d) = ld.date_published.as_deref().and_then(parse_date_value) {
        return Some(d);
    }
    let times = page.times.iter().filter(|&&i| !junk.get(i).copied().unwrap_or(true));
    for &i in times {
        let Some(e) = page.els.get(i) else { continue };
        let d = e.el.attr("datetime").and_then(parse_date_value).or_else(|| parse_date_value(&text_of(e.node)));
        if d.is_some() {
            return d;
        }
    }
    for m in meta_lines {
        if let Some(DateSpec::Absolute(d)) = m.date.map(|h| h.spec) {
            return Some(d);
        }
    }
    named_date(page, junk, span).or_else(|| urls.iter().find_map(|u| url_date(u)))
}

/// Words in a class, id or itemprop that name an element holding the
/// publication date (`post-date`, `publishDate`, `datePublished`): long ones
/// anywhere, short ones as whole tokens.
const DATE_PARTS: &[&str] = &[
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publishtime",
    "publish-time",
    "publish_time",
    "pubtime",
    "post-date",
    "postdate",
    "entry-date",
    "article-date",
    "news-date",
];
const DATE_TOKENS: &[&str] = &["date", "time", "datetime", "published", "posted"];
/// Words of a date that is not the publication's.
const OTHER_DATES: &[&str] = &["update", "modif", "expire", "edit", "comment", "reply"];

/// Words in the names of what holds other stories' or readers' dates: lists,
/// rankings, comments.
const LIST_PARTS: &[&str] = &[
    "comment",
    "reply",
    "related",
    "recommend",
    "popular",
    "tuijian",
    "pinglun",
    "weather",
    "ranking",
    "hotlist",
    "hotnews",
    "newslist",
    "-list",
    "list-",
    "_list",
    "list_",
];
/// [`LIST_PARTS`] that must be a whole token (`hot`, not the `hot` in `photo`).
const LIST_TOKENS: &[&str] = &["hot", "rank", "list", "event", "events", "top", "pl", "cmt", "comments"];

/// Whether an element lies in a list, a sidebar, a footer or a box of other
/// stories or comments (its own name or an ancestor's).
fn in_list(page: &Page<'_>, i: usize) -> bool {
    let mut at = Some(i);
    while let Some(e) = at.and_then(|a| page.els.get(a)) {
        if matches!(e.el.name(), "li" | "ul" | "ol" | "aside" | "nav" | "footer" | "dl")
            || names_word(&lower_names(e.el, false), LIST_PARTS, LIST_TOKENS)
        {
            return true;
        }
        at = e.parent;
    }
    false
}

/// Whether an element taken for chrome is so only as part of an article's
/// header or meta line (`<div class="entry-meta">`, `<header>`): the outermost
/// chrome around it is so named.
fn in_meta_box(page: &Page<'_>, junk: &[bool], i: usize) -> bool {
    let mut outer = i;
    while let Some(p) = page.els.get(outer).and_then(|e| e.parent) {
        if !junk.get(p).copied().unwrap_or(false) {
            break;
        }
        outer = p;
    }
    let Some(e) = page.els.get(outer) else { return false };
    let words = ["meta", "byline", "info", "header", "time", "date", "author", "source"];
    e.el.name() == "header" || names_word(&lower_names(e.el, false), &words, &[])
}

/// The date in an element named for it (`<span class="date">2024-03-15 岚州</span>`,
/// `<span id="publishDate" title="2023-12-28">`): its machine-readable attribute,
/// else its text when short. Only among the elements of `span` (from the
/// blocks above the article's text to its end), none in a list or a box of
/// other stories or comments ([`in_list`]); the first in the page's order.
fn named_date(page: &Page<'_>, junk: &[bool], span: std::ops::Range<usize>) -> Option<Date> {
    let els = page.els.get(span.clone())?;
    els.iter().zip(span).find_map(|(e, i)| {
        let name = lower_names(e.el, true);
        if name.is_empty() || (junk.get(i).copied().unwrap_or(true) && !in_meta_box(page, junk, i)) {
            return None;
        }
        if !names_word(&name, DATE_PARTS, DATE_TOKENS) || names_word(&name, OTHER_DATES, &[]) || in_list(page, i) {
            return None;
        }
        ["datetime", "content", "title"].iter().filter_map(|a| e.el.attr(a)).find_map(parse_date_value).or_else(|| {
            let text = text_of(e.node);
            (width(&text) <= 60).then(|| parse_date_value(&text)).flatten()
        })
    })
}

/// Cleans an author value: drops `By`, a date glued after the name, URLs and overlong
/// strings.
fn author_value(s: &str) -> Option<String> {
    let mut s = collapse(s);
    if let Some(hit) = find_date(&s, Scope::AbsoluteOnly) {
        s.truncate(hit.start);
    }
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).or_else(|| s.strip_prefix("BY ")).unwrap_or(&s);
    let s = s.trim().trim_end_matches([',', '|']).trim();
    // `Oliver Prentiss , Local Democracy Reporter`: the name without the job.
    let s = match s.rsplit_once(',') {
        Some((name, job)) if crate::meta::is_job_title(job.trim()) => name.trim(),
        _ => s,
    };
    (!s.is_empty() && !s.contains("://") && !s.starts_with("www.") && width(s) <= 80).then(|| s.to_string())
}

/// Whether a metadata author names no writer: the site itself (`article:author`
/// set to the paper's name) or the forum software's authors.
fn is_no_writer(author: &str, sites: &[&str]) -> bool {
    sites.contains(&author) || author.contains("Discuz!") || author.contains("Comsenz") || is_outlet_name(author)
}

/// Whether a name is an outlet's or an office's (`嵐島時報電子報`, `Chidao Daily`,
/// `Corvel Robotics Communications`), which pages put in `<meta name="author">`.
/// Words that end people's names too (`张建社`, `Emily Post`, `Eyal Press`) do
/// not count alone.
pub(crate) fn is_outlet_name(name: &str) -> bool {
    if name.chars().any(crate::lines::is_han) {
        const ENDS: [&str; 30] = [
            "日报",
            "日報",
            "晚报",
            "晚報",
            "时报",
            "時報",
            "电子报",
            "電子報",
            "新闻网",
            "新聞網",
            "新闻",
            "新聞",
            "电视台",
            "電視台",
            "办公室",
            "辦公室",
            "中心",
            "政府",
            "杂志",
            "雜誌",
            "频道",
            "頻道",
            "医院",
            "醫院",
            "学校",
            "學校",
            "大学",
            "大學",
            "公司",
            "研究院",
        ];
        let site = name.chars().count() >= 3 && name.ends_with(['网', '網']);
        // `新京报`, `新华社`, `財新周刊`, `岚港市公安局`; a person's name of two or three
        // characters after a surname (`张建社`) is no outlet.
        let person = name.chars().count() <= 3 && crate::meta::starts_with_surname(name);
        let outlet_end = name.ends_with(['报', '報', '社', '刊', '局', '台']);
        return site || ENDS.iter().any(|e| name.ends_with(e)) || (outlet_end && !person);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // A paper's or office's last word, after one word or more.
    const STRONG: [&str; 9] =
        ["Daily", "Gazette", "Communications", "Newsroom", "Tribune", "Chronicle", "Magazine", "Online", "Inc."];
    // Words that end names too: after two words or more.
    const WEAK: [&str; 7] = ["News", "Times", "Post", "Herald", "Journal", "Press", "Media"];
    // `Emily Post`, `Eyal Press`: a given name first is a person's.
    let person = words.first().is_some_and(|w| crate::meta::is_given_name(w));
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && STRONG.contains(last) => true,
        Some((last, rest)) if !rest.is_empty() && WEAK.contains(last) => !person,
        _ => false,
    }
}

/// The byline: metadata, JSON-LD, `rel=author`/`itemprop=author` elements, then a
/// visible byline line. `site` is the page's source name.
pub(crate) fn author(
    page: &Page<'_>,
    metas: &Metas<'_>,
    ld: &LdArticle,
    meta_lines: &[MetaLine],
    site: Option<&str>,
) -> Option<String> {
    let og_site = metas.get(&["og:site_name", "application-name"]).map(str::trim);
    let sites: Vec<&str> = [site, og_site, ld.publisher.as_deref()].into_iter().flatten().collect();
    // `…_网舟订阅` in `<title>` and `<meta name="author" content="网舟">`: the site's name.
    let title_site = page.title.as_deref().and_then(|t| {
        TITLE_SEPARATORS.iter().filter_map(|sep| t.rfind(sep).map(|i| &t[i + sep.len()..])).min_by_key(|s| s.len())
    });
    // The site's name and a site word after it (`网舟订阅`); a personal blog's title
    // that ends with its writer's name (`… | Jane Doe`) names the writer.
    let site_words =
        ["订阅", "訂閱", "号", "號", "网", "網", "新闻", "新聞", "频道", "頻道", "首页", "首頁", "官网", "官網"];
    let names_site = |a: &str| {
        title_site.and_then(|s| s.trim().strip_prefix(a)).is_some_and(|rest| site_words.contains(&rest.trim()))
    };
    let from_meta =
        ["author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator", "dcterms.creator"]
            .iter()
            .find_map(|k| {
                metas.get(&[k]).and_then(author_value).filter(|a| !is_no_writer(a, &sites) && !names_site(a))
            });
    if from_meta.is_some() {
        return from_meta;
    }
    if ld.authors.iter().any(|a| !is_no_writer(a, &sites)) {
        let mut names: Vec<&str> = Vec::new();
        for a in ld.authors.iter().filter(|a| !is_no_writer(a, &sites)) {
            if !names.contains(&a.as_str()) {
                names.push(a);
            }
        }
        return author_value(&crate::meta::join_names(&names));
    }
    // Bylines sit in chrome-named containers (`byline`, `article-meta`), so chrome is
    // not excluded here.
    for (idx, e) in page.els.iter().enumerate() {
        let rel_author =
            e.el.attr("rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("author")));
        let prop_author = e.el.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|t| t == "author"));
        if rel_author || prop_author {
            // A microdata person (`itemprop="author" itemscope`): its `name`, not
            // its badge or bio beside it.
            let scoped_name = || {
                e.el.attr("itemscope")?;
                // Its own `name`, not one inside a nested item (an affiliation).
                let mut k = idx + 1;
                while k < e.end {
                    let x = page.els.get(k)?;
                    if x.el.attr("itemprop") == Some("name") {
                        return x.el.attr("content").map(str::to_string).or_else(|| Some(text_of(x.node)));
                    }
                    k = if x.el.attr("itemscope").is_some() { x.end.max(k + 1) } else { k + 1 };
                }
                None
            };
            if let Some(a) = scoped_name().or_else(|| Some(text_of(e.node))).and_then(|t| author_value(&t)) {
                return Some(a);
            }
        }
    }
    meta_lines.iter().find_map(|m| m.author.clone())
}

/// The source: a visible source line (`来源：岚州日报` on a portal's copy names the
/// paper it took the story from), else Open Graph, JSON-LD publisher or the
/// application name.
pub(crate) fn site_name(metas: &Metas<'_>, ld: &LdArticle, meta_lines: &[MetaLine]) -> Option<String> {
    // `来源：本站原创` names no outlet (`中国网络电视台` does).
    let generic = [
        "本站",
        "本网",
        "本網",
        "原创",
        "原創",
        "本站原创",
        "本网原创",
        "本網原創",
        "网络",
        "網絡",
        "網路",
        "互联网",
        "互聯網",
        "网友",
        "網友",
        "佚名",
        "网络转载",
        "網絡轉載",
    ];
    // A bare name beside the date (`乔思远 · 2024年06月18日`) is read as a source;
    // where the JSON-LD names it as the author, it is the author's.
    meta_lines
        .iter()
        .find_map(|m| m.source.clone())
        .filter(|s| !s.is_empty() && !generic.contains(&s.as_str()) && (is_outlet_name(s) || !ld.authors.contains(s)))
        .or_else(|| {
            metas
                .get(&["og:site_name", "application-name", "twitter:site"])
                .map(|s| collapse(s.trim_start_matches('@')))
        })
        .or_else(|| ld.publisher.clone())
        .filter(|s| !s.is_empty())
}

/// The canonical URL: `<link rel=canonical>`, `og:url`, JSON-LD `url`, else the page URL.
pub(crate) fn canonical_url(
    page: &Page<'_>,
    metas: &Metas<'_>,
    ld: &LdArticle,
    page_url: Option<&str>,
) -> Option<String> {
    let canonical = page.links.iter().find_map(|l| {
        let rel = l.attr("rel")?;
        rel.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")).then(|| l.attr("href"))?
    });
    let article_url = |u: &str| Some(resolve_url(u, page_url)).filter(|u| !u.is_empty() && !is_site_root(u));
    canonical
        .and_then(article_url)
        .or_else(|| metas.get(&["og:url"]).and_then(article_url))
        .or_else(|| ld.url.clone().filter(|u| !is_site_root(u)))
        .or_else(|| page_url.map(str::to_string))
}

/// `https://www.example.com/`: a site's home page, which a template gives as every
/// page's `og:url`, and no article's address.
fn is_site_root(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    rest.find('/').is_none_or(|at| rest[at..] == *"/")
}

/// A news story's first paragraph, which some pages box as a summary: it opens
/// with the paper's or agency's mark (`本报讯（记者…）`, `新华社北京3月5日电`,
/// `BEIJING, March 5 (Xinhua) --`).
fn is_news_lead(text: &str) -> bool {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^.{0,24}?(?:讯|訊|电|電)\s*[（(]|^(?:本报|本報).{0,12}(?:讯|訊|电|電)|^[（(]\s*(?:记者|記者)|^[A-Z][A-Z .'-]{2,40}(?:,[^(]{0,30})?\([^)]{2,30}\)\s*(?:--|—|–|-)")
            .expect("static regex")
    });
    LEAD.is_match(text)
}

/// Words in a class or id that name a line set apart under a headline: a
/// standfirst, dek or subtitle. Long words anywhere in the name
/// (`article-standfirst`, `pw-subtitle-paragraph`), short ones as whole tokens.
const DEK_PARTS: &[&str] = &["standfirst", "subhead", "subtitle", "sub-title", "daoyu"];
const DEK_TOKENS: &[&str] = &["dek", "deck"];
/// Words naming a summary box, which may also name the article's first
/// paragraph (`speakable-summary`, `summary-list`): taken above the text only.
const SUMMARY_PARTS: &[&str] = &["summary", "abstract", "zhaiyao", "excerpt", "digest"];

/// Whether an element's class or id names a dek (or, with `summary`, a summary box).
fn is_summary_named(el: &scraper::node::Element, summary: bool) -> bool {
    let names = lower_names(el, false);
    names_word(&names, DEK_PARTS, DEK_TOKENS) || (summary && names_word(&names, SUMMARY_PARTS, &[]))
}

/// The summary the page shows under its headline: a block of prose `above` the
/// article's text inside an element named for a summary or dek (its own or one of
/// two above it), or in the text's `opening` blocks one named for a dek; in
/// either, one after a summary's label (`核心提示：`, `Summary:`). Never the
/// headline again. Gives the block's text as shown and the summary (without its
/// label).
pub(crate) fn summary_box(
    page: &Page<'_>,
    above: &[usize],
    opening: &[usize],
    title: Option<&str>,
) -> Option<(String, String)> {
    // Above the text, only what lies under the headline (a masthead's tagline
    // and a carousel's excerpts lie above it), or without one the last blocks.
    let title = title.map(normalized);
    let is_title = |text: &str| title.as_deref().is_some_and(|t| t == normalized(text));
    let is_headline = |i: &usize| {
        page.blocks
            .get(*i)
            .is_some_and(|b| is_title(&b.text) || page.els.get(b.owner).is_some_and(|e| e.el.name() == "h1"))
    };
    let lo = above.first().or(opening.first()).copied().unwrap_or(0);
    let hi = opening.last().or(above.last()).copied().unwrap_or(0);
    let headline = (lo..=hi).rev().find(is_headline);
    let under = |list: &[usize]| -> usize { headline.map_or(0, |h| list.iter().take_while(|&&i| i <= h).count()) };
    let above = match headline {
        Some(_) => &above[under(above)..],
        None => &above[above.len().saturating_sub(3)..],
    };
    // In the text, a dek under the headline and before any paragraph of prose
    // (a crosshead is further down).
    let opening = &opening[under(opening)..];
    let before_prose = opening.iter().take_while(|&&i| page.blocks.get(i).is_some_and(|b| b.width < 40)).count();
    let opening = &opening[..(before_prose + 1).min(opening.len())];
    let blocks = above.iter().map(|&i| (i, true)).chain(opening.iter().map(|&i| (i, false)));
    blocks.filter_map(|(i, above)| Some((page.blocks.get(i)?, above))).find_map(|(b, above)| {
        let mut at = Some(b.owner);
        let mut named = false;
        for _ in 0..3 {
            let Some(e) = at.and_then(|i| page.els.get(i)) else { break };
            if is_summary_named(e.el, above) {
                named = true;
                break;
            }
            at = e.parent;
        }
        let shown = b.text.trim();
        let labelled = crate::meta::parse_summary_label(shown, crate::lines::line_info(shown));
        let text = labelled.as_deref().unwrap_or(shown);
        let headline = is_title(text);
        let prose = width(text) >= 20
            && b.link * 2 < b.width
            && crate::meta::parse_meta(text).is_none()
            && crate::boilerplate::classify(text).is_none();
        ((named || labelled.is_some()) && prose && !headline && !is_news_lead(text))
            .then(|| (shown.to_string(), text.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values() {
        assert_eq!(parse_date_value("2025-02-28T23:30:00-05:00"), Date::new(2025, 2, 28));
        assert_eq!(parse_date_value("20191119"), Date::new(2019, 11, 19));
        assert_eq!(parse_date_value("Feb 28, 2025 9:15 AM"), Date::new(2025, 2, 28));
        assert_eq!(parse_date_value("二〇二五年二月二十八日"), Date::new(2025, 2, 28));
        assert_eq!(parse_date_value("民國114年2月28日"), Date::new(2025, 2, 28));
        assert_eq!(parse_date_value("yesterday"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(url_date("https://x.com/2025/02/28/story.html"), Date::new(2025, 2, 28));
        assert_eq!(url_date("https://x.com/news/2019-11-19/item"), Date::new(2019, 11, 19));
        assert_eq!(url_date("https://x.cn/tech/20250228/123.shtml"), Date::new(2025, 2, 28));
        assert_eq!(url_date("https://x.com/2025/13/40/x"), None);
        assert_eq!(url_date("https://x.com/article/12345678"), None);
    }

    #[test]
    fn title_suffixes() {
        // An association's or a bureau's name after `--`; a site's and a section's
        // before bare hyphens.
        assert_eq!(
            strip_site_suffix("省物流与供应链协会第三届会员代表大会在青漪召开--溟江省物流与供应链协会", None),
            "省物流与供应链协会第三届会员代表大会在青漪召开"
        );
        assert_eq!(
            strip_site_suffix("南灣縣政府全球資訊網-縣政新聞-南灣縣櫻花季3月登場 縣府推出賞櫻接駁專車", None),
            "南灣縣櫻花季3月登場 縣府推出賞櫻接駁專車"
        );
        assert_eq!(strip_site_suffix("新春走基层-记者探访老菜场", None), "新春走基层-记者探访老菜场");
        assert!(is_site_root("https://www.zhongwen-news.example.com/"));
        assert!(is_site_root("https://www.zhongwen-news.example.com"));
        assert!(!is_site_root("https://www.zhongwen-news.example.com/sh/2024/05-08/1.shtml"));
        assert_eq!(
            strip_site_suffix("Bridge reopens after repairs - River Daily", None),
            "Bridge reopens after repairs"
        );
        assert_eq!(strip_site_suffix("Bridge reopens | News | River Daily", None), "Bridge reopens");
        assert_eq!(strip_site_suffix("青川大桥完成检修_科技频道_青川网", None), "青川大桥完成检修");
        assert_eq!(
            strip_site_suffix("River Daily | Bridge reopens after repairs", Some("River Daily")),
            "Bridge reopens after repairs"
        );
        assert_eq!(strip_site_suffix("Up - Down", None), "Up - Down");
        assert_eq!(strip_site_suffix("南岭县举办首届茶文化节-南岭新闻网", None), "南岭县举办首届茶文化节");
        assert_eq!(strip_site_suffix("Wi-Fi 7 routers tested", None), "Wi-Fi 7 routers tested");
        assert_eq!(
            strip_site_suffix("澄湖新闻网--澄湖县第五届冬捕节开幕 头网起鱼2.6万斤", None),
            "澄湖县第五届冬捕节开幕 头网起鱼2.6万斤"
        );
        assert_eq!(strip_site_suffix("网友热议--这家店为何火了", None), "网友热议--这家店为何火了");
        assert_eq!(
            strip_site_suffix("岫阳二桥主桥今日合龙 年底有望通车--岫阳热线--新闻中心", None),
            "岫阳二桥主桥今日合龙 年底有望通车"
        );
        assert_eq!(strip_site_suffix("Bridge reopens--for now", None), "Bridge reopens--for now");
        assert_eq!(
            strip_site_suffix("岚港地铁三号线今日开通--全线设站20座", None),
            "岚港地铁三号线今日开通--全线设站20座"
        );
        assert_eq!(
            strip_site_suffix("岚港网_岚港新建三所公办幼儿园 今年秋季新增学位1260个", None),
            "岚港新建三所公办幼儿园 今年秋季新增学位1260个"
        );
        assert_eq!(
            strip_site_suffix("喜报——我校学子在全国大学生数学建模竞赛中获一等奖", None),
            "喜报——我校学子在全国大学生数学建模竞赛中获一等奖"
        );
        assert!(shares_most_of(
            &normalized("Brackmoor Council Approves £14m Flood Defence Scheme for River Alder"),
            &normalized("Brackmoor council approves £14m flood defence plan")
        ));
        assert!(!shares_most_of(
            &normalized("Brackmoor Echo"),
            &normalized("Brackmoor council approves £14m flood defence plan")
        ));
    }

    #[test]
    fn urls_resolve() {
        assert_eq!(resolve_url("/a/b", Some("https://x.com/c/d")), "https://x.com/a/b");
        assert_eq!(resolve_url("//x.com/a", Some("https://y.com/")), "https://x.com/a");
        assert_eq!(resolve_url("https://z.com/", Some("https://y.com/")), "https://z.com/");
        assert_eq!(resolve_url("/a", None), "/a");
    }

    #[test]
    fn author_values() {
        assert_eq!(author_value("By Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(author_value("https://facebook.com/someone"), None);
        assert_eq!(author_value("  "), None);
        assert_eq!(author_value("DESK STAFF NOVEMBER 20, 2019 10:43").as_deref(), Some("DESK STAFF"));
    }

    #[test]
    fn outlets_and_offices_are_no_writers() {
        for name in [
            "嵐島時報電子報",
            "Chidao Daily",
            "Corvel Robotics Communications",
            "禾阳市第二人民医院",
            "柘湾市人民政府办公室",
            "新京报",
            "新华社",
            "岚港市公安局",
            "Associated Press",
            "Bangkok Post",
            "Fox News",
        ] {
            assert!(is_no_writer(name, &[]), "{name}");
        }
        for name in ["陶明远", "张建社", "刘建台", "Jane Roe", "Daily", "Anna News Kessler", "Emily Post", "Eyal Press"]
        {
            assert!(!is_no_writer(name, &[]), "{name}");
        }
        assert_eq!(author_value("Oliver Prentiss , Local Democracy Reporter").as_deref(), Some("Oliver Prentiss"));
        assert_eq!(author_value("Jane Doe, John Roe, Staff Writer").as_deref(), Some("Jane Doe, John Roe"));
    }
}
