//! YAML-style front matter that scrapers write above a page's text (`---`,
//! `title: …`, `date: …`, `---`; trafilatura's output with metadata, static
//! site sources), or a header of `Key: value` lines over a rule that a
//! script printed (newspaper3k's `Title:`, `Authors: ['…']`, `Publish date:`,
//! `Top image:`), or a CMS export's bracketed labels (`【标题】…`, `【作者】…`,
//! `【正文】`): the fields, read as the page's own metadata.

use std::borrow::Cow;

use crate::{parse_date, Date};

/// What a key of front matter gives.
#[derive(Clone, Copy)]
enum Key {
    Title,
    Date,
    Author,
    Source,
    Url,
    Summary,
    /// A key of front matter that gives no field (`tags`, `layout`…).
    Other,
}

/// The key's meaning, `None` for a key front matter does not hold.
fn key_of(key: &str) -> Option<Key> {
    Some(match key {
        "title" | "headline" => Key::Title,
        "author" | "authors" | "byline" => Key::Author,
        "source" | "sitename" | "site_name" | "publisher" | "site" => Key::Source,
        "url" | "source_url" | "link" | "canonical" | "canonical_url" | "permalink" => Key::Url,
        "summary" | "description" | "excerpt" | "abstract" => Key::Summary,
        "date" | "published" | "published_date" | "publish_date" | "pubdate" | "date_published" => Key::Date,
        "tags" | "categories" | "layout" | "lang" | "hostname" | "keywords" | "top_image" | "movies" | "images" => {
            Key::Other
        }
        _ => return None,
    })
}

/// The most lines a front matter block may take before its closing `---`.
const MAX_LINES: usize = 40;

/// The fields of a front matter block and the index of its closing line.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub end: usize,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// Where labelled lines take up again under the text (a CMS export's
    /// `【责任编辑】`, `【附件】`): it and all below are metadata too.
    pub trailer: Option<usize>,
    /// The text's first line, written on the closing line after its label
    /// (`【正文】近日，…`).
    pub text_on_close: Option<String>,
}

/// Reads the front matter at the top of `lines`: a `---` line first (blank
/// lines before it allowed), then only `key: value` lines, list items and
/// blank lines up to a second `---`. Anything else means there is none.
pub(crate) fn read(lines: &[Cow<'_, str>]) -> Option<FrontMatter> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    // A crawler's transport lines above the block (`Referer: …`, `Fetched: …`)
    // belong to it.
    let transport = lines[start..].iter().take(MAX_TRANSPORT + 1).take_while(|l| is_transport_line(l)).count();
    let open = (start + transport..lines.len()).find(|&i| !lines[i].trim().is_empty())?;
    let fence = lines[open].trim();
    if lines[start].trim_start().starts_with('【') {
        return read_bracketed(lines, start);
    }
    if transport > MAX_TRANSPORT || (fence != "---" && fence != "+++") {
        return read_header(lines, start);
    }
    // `---` opens YAML, `+++` Hugo's TOML (`title = "…"`).
    let separator = if fence == "---" { ':' } else { '=' };
    let mut fm = FrontMatter::default();
    let mut known = false;
    for (i, line) in lines.iter().enumerate().skip(open + 1).take(MAX_LINES) {
        let line = line.trim();
        if line == fence {
            fm.end = i;
            // Metadata holds at least one key of front matter (`---`, `Update: …`,
            // `---` is text).
            return known.then_some(fm);
        }
        if line.is_empty() || line.starts_with("- ") || (separator == '=' && line.starts_with('[')) {
            continue;
        }
        let (key, value) = line.split_once(separator)?;
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')) {
            return None;
        }
        known |= fm.take(&key, value);
    }
    None
}

/// The most transport lines read above a front matter block.
const MAX_TRANSPORT: usize = 8;

/// A crawler's transport line: `Referer: https://…`, `Fetched: 2024-02-12…`,
/// `Source-File: …` (a capitalised key of letters and hyphens, a value).
fn is_transport_line(line: &str) -> bool {
    let Some((key, value)) = line.trim().split_once(": ") else {
        return false;
    };
    key.starts_with(|c: char| c.is_ascii_uppercase())
        && key.len() <= 24
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !value.trim().is_empty()
}

/// A script's header: `Key: value` lines from the first line on (keys of words,
/// `Publish date`), closed by a rule of `-` or `=`, two of them keys of front
/// matter at least.
fn read_header(lines: &[Cow<'_, str>], start: usize) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let mut known = 0;
    for (i, line) in lines.iter().enumerate().skip(start).take(MAX_LINES) {
        let line = line.trim();
        let rule = line.len() >= 3 && (line.bytes().all(|b| b == b'-') || line.bytes().all(|b| b == b'='));
        if rule && i > start {
            fm.end = i;
            return (known >= 2).then_some(fm);
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
            return None;
        }
        let key = key.to_ascii_lowercase().replace(' ', "_");
        known += usize::from(fm.take(&key, value));
    }
    None
}

/// A bracketed label at a line's start and the value after it (`【作者】鄢清禾`).
fn bracketed(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix('【')?;
    let (label, value) = rest.split_once('】')?;
    (!label.is_empty() && label.chars().count() <= 6).then_some((label, value.trim()))
}

/// The labels a CMS export writes under the text.
fn is_trailer_label(label: &str) -> bool {
    bracketed_key(label) != "tags"
        || [
            "责任编辑",
            "責任編輯",
            "编辑",
            "編輯",
            "审核",
            "審核",
            "附件",
            "状态",
            "狀態",
            "点击量",
            "點擊量",
            "关键词",
            "關鍵詞",
            "栏目",
            "欄目",
        ]
        .contains(&label)
}

/// The key a CMS export's Chinese label stands for.
fn bracketed_key(label: &str) -> &'static str {
    match label {
        "标题" | "標題" | "题名" | "題名" => "title",
        "作者" | "记者" | "記者" => "author",
        "来源" | "來源" | "稿源" => "source",
        "发布时间" | "發布時間" | "发布日期" | "發布日期" | "日期" | "时间" | "時間" => "date",
        "摘要" | "导读" | "導讀" => "summary",
        "链接" | "鏈接" | "网址" | "網址" => "url",
        _ => "tags",
    }
}

/// A CMS export: `【标题】…` first, then only bracketed labels up to the text's
/// (`【正文】`); labels under the text (`【责任编辑】`) close it.
fn read_bracketed(lines: &[Cow<'_, str>], start: usize) -> Option<FrontMatter> {
    let (first, _) = bracketed(&lines[start])?;
    if bracketed_key(first) != "title" {
        return None;
    }
    let mut fm = FrontMatter::default();
    for (i, line) in lines.iter().enumerate().skip(start).take(MAX_LINES) {
        let (label, value) = bracketed(line)?;
        if matches!(label, "正文" | "内文" | "內文" | "内容" | "內容") {
            fm.end = i;
            fm.text_on_close = (!value.is_empty()).then(|| value.to_string());
            // Only an export's own labels close the text (`【背景】` is a subheading).
            fm.trailer = (i + 1..lines.len()).find(|&j| bracketed(&lines[j]).is_some_and(|(l, _)| is_trailer_label(l)));
            return Some(fm);
        }
        fm.take(bracketed_key(label), value);
    }
    None
}

impl FrontMatter {
    /// Takes one `key: value` pair, the first value of each field counting;
    /// whether the key is one of front matter's.
    fn take(&mut self, key: &str, value: &str) -> bool {
        let Some(meaning) = key_of(key) else {
            return false;
        };
        let slot = match meaning {
            Key::Title => &mut self.title,
            Key::Author => &mut self.author,
            Key::Source => &mut self.source,
            Key::Url => &mut self.url,
            Key::Summary => &mut self.summary,
            Key::Date => {
                self.date = self.date.or_else(|| parse_date(unquoted(value.trim())));
                return true;
            }
            Key::Other => return true,
        };
        let value = match meaning {
            Key::Author => names(value.trim()),
            _ => unquoted(value.trim()).to_string(),
        };
        // `Source: https://…` names the page, not an outlet.
        let slot = if matches!(meaning, Key::Source) && value.starts_with("http") { &mut self.url } else { slot };
        if !value.is_empty() {
            slot.get_or_insert(value);
        }
        true
    }
}

/// The names of an author list (`['A', 'B']`, `[A, B]`) as a byline prints them:
/// Chinese names joined by `、`, others as `A and B` or `A, B and C`.
fn names(value: &str) -> String {
    let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
        return unquoted(value).to_string();
    };
    // Quoted items may hold commas (`["Smith, Jane", "Roe, John"]`).
    let inner = inner.trim();
    let names: Vec<&str> = if let Some(quote) = inner.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        inner.split(quote).skip(1).step_by(2).map(str::trim).filter(|n| !n.is_empty()).collect()
    } else {
        inner.split(',').map(|n| unquoted(n.trim())).filter(|n| !n.is_empty()).collect()
    };
    crate::meta::join_names(&names)
}

/// A value without the quotes or the list brackets around it (`[A, B]` is `A, B`).
fn unquoted(value: &str) -> &str {
    let v = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')).unwrap_or(value);
    let v = v.trim();
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(v)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Cow<'_, str>> {
        text.lines().map(Cow::Borrowed).collect()
    }

    #[test]
    fn reads_a_block() {
        let text = "---\ntitle: \"收评：东屿综指收涨0.62%\"\nauthor: 何逸\nsource: 东屿证券报\ndate: 2024-06-18 15:32\nsource_url: https://x.example/a\ntags: [A股, 收评]\nscraped_at: 2024-06-19T16:05:44+08:00\n---\n\n正文。";
        let fm = read(&lines(text)).expect("front matter");
        assert_eq!(fm.end, 8);
        assert_eq!(fm.title.as_deref(), Some("收评：东屿综指收涨0.62%"));
        assert_eq!(fm.author.as_deref(), Some("何逸"));
        assert_eq!(fm.source.as_deref(), Some("东屿证券报"));
        assert_eq!(fm.date, Date::new(2024, 6, 18));
        assert_eq!(fm.url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn reads_a_cms_exports_labels() {
        let text = "【标题】《溪声九章》：乡村教师的山野笔记\n【副标题】\n【作者】鄢清禾\n【来源】青漪文艺出版社\n【发布时间】2024-09-19 15:20:00\n【摘要】三十年笔记结集出版。\n【正文】\n近日，出版社推出散文集。\n\n全书分为九章。\n【责任编辑】仲悦\n【附件】无\n";
        let fm = read(&lines(text)).expect("labels");
        assert_eq!((fm.end, fm.trailer), (6, Some(10)));
        assert_eq!(fm.title.as_deref(), Some("《溪声九章》：乡村教师的山野笔记"));
        assert_eq!(fm.author.as_deref(), Some("鄢清禾"));
        assert_eq!(fm.source.as_deref(), Some("青漪文艺出版社"));
        assert_eq!(fm.date, Date::new(2024, 9, 19));
        assert_eq!(fm.summary.as_deref(), Some("三十年笔记结集出版。"));
        // The text on the closing line; a bracketed subheading in the text.
        let fm = read(&lines("【标题】改造启动\n【作者】鄢清禾\n【正文】近日，改造项目启动。\n\n【背景】\n老城区建于八十年代。\n【责任编辑】仲悦\n")).expect("labels");
        assert_eq!(fm.text_on_close.as_deref(), Some("近日，改造项目启动。"));
        assert_eq!((fm.end, fm.trailer), (2, Some(6)));
        // A story that opens with a bracketed lead is no export.
        assert_eq!(read(&lines("【导语】眼下正是采茶季。\n\n【正文】清晨六点。\n")), None);
        assert_eq!(read(&lines("【标题】一\n正文没有标签。\n")), None);
    }

    /// Hugo's TOML block under a crawler's transport lines.
    #[test]
    fn reads_toml_under_transport_lines() {
        let text = "Referer: https://news.example.com/item?id=1\nFetched: 2024-02-12 15:41:09Z\nSource-File: content/posts/q.md\n\n+++\ntitle = \"We replaced our job queue\"\ndate = 2024-02-11T09:14:00-08:00\ndraft = false\nauthor = \"Nadia Okafor\"\ntags = [\"postgres\", \"queues\"]\n[params]\n+++\n\nFor three years…";
        let fm = read(&lines(text)).expect("front matter");
        assert_eq!(fm.end, 11);
        assert_eq!(fm.title.as_deref(), Some("We replaced our job queue"));
        assert_eq!(fm.author.as_deref(), Some("Nadia Okafor"));
        assert_eq!(fm.date, Date::new(2024, 2, 11));
        // Transport lines over prose are no block.
        assert_eq!(read(&lines("Referer: https://a.example/\n\nFor three years…\n")), None);
    }

    /// newspaper3k's printout: keys of words, lists in Python's brackets, a rule.
    #[test]
    fn reads_a_scripts_header() {
        let text = "Title: 高考成绩6月25日起可查\nAuthors: ['滕晓雯', '马骁']\nPublish date: 2024-06-23 00:00:00\nTop image: https://a.example/b.jpg\nSource URL: https://a.example/c.html\nKeywords: ['志愿', '考生']\n----------\n记者获悉，成绩将于6月25日公布。";
        let fm = read(&lines(text)).expect("a header");
        assert_eq!(fm.end, 6);
        assert_eq!(fm.title.as_deref(), Some("高考成绩6月25日起可查"));
        assert_eq!(fm.author.as_deref(), Some("滕晓雯、马骁"));
        assert_eq!(fm.date, Date::new(2024, 6, 23));
        assert_eq!(fm.url.as_deref(), Some("https://a.example/c.html"));
        let fm = read(&lines("Title: A\nAuthors: ['Ann Lee', 'Bo Park', 'Cy Ng']\n===\nBody.")).expect("a header");
        assert_eq!(fm.author.as_deref(), Some("Ann Lee, Bo Park and Cy Ng"));
        assert_eq!(names(r#"["Smith, Jane", "Roe, John"]"#), "Smith, Jane and Roe, John");
    }

    /// Prose that opens with a label is no header: one key, no rule, a line
    /// that is no `key: value`.
    #[test]
    fn no_header_without_two_keys_and_a_rule() {
        assert_eq!(read(&lines("Title: A\n---\nBody.")), None);
        assert_eq!(read(&lines("Title: A\nDate: 2024-01-02\n\nBody.")), None);
        assert_eq!(read(&lines("Title: A\nThe council met.\nDate: 2024-01-02\n---\n")), None);
        assert_eq!(read(&lines("Update: the council met\nNote: again\n---\nBody.")), None);
    }

    #[test]
    fn no_block_without_keys_or_a_close() {
        assert_eq!(read(&lines("---\n这是一段正文，不是元数据。\n---\n")), None);
        assert_eq!(read(&lines("---\ntitle: 标题\n\n正文没有结束线")), None);
        assert_eq!(read(&lines("标题\n---\ntitle: x\n---\n")), None);
        assert_eq!(read(&lines("---\nUpdate: the council met again on Friday\n---\n正文。")), None);
        let fm =
            read(&lines("---\ndescription: 一篇游记\ntags: [旅行]\nlayout: post\n---\n正文。")).expect("front matter");
        assert_eq!(fm.summary.as_deref(), Some("一篇游记"));
    }
}
