//! YAML-style front matter that scrapers write above a page's text (`---`,
//! `title: …`, `date: …`, `---`; trafilatura's output with metadata, static
//! site sources): the fields, read as the page's own metadata.

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
        "tags" | "categories" | "layout" | "lang" | "hostname" => Key::Other,
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
}

/// Reads the front matter at the top of `lines`: a `---` line first (blank
/// lines before it allowed), then only `key: value` lines, list items and
/// blank lines up to a second `---`. Anything else means there is none.
pub(crate) fn read(lines: &[Cow<'_, str>]) -> Option<FrontMatter> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines[start].trim() != "---" {
        return None;
    }
    let mut fm = FrontMatter::default();
    let mut known = false;
    for (i, line) in lines.iter().enumerate().skip(start + 1).take(MAX_LINES) {
        let line = line.trim();
        if line == "---" {
            fm.end = i;
            // Metadata holds at least one key of front matter (`---`, `Update: …`,
            // `---` is text).
            return known.then_some(fm);
        }
        if line.is_empty() || line.starts_with("- ") {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')) {
            return None;
        }
        let meaning = key_of(&key);
        known |= meaning.is_some();
        let value = unquoted(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match meaning {
            Some(Key::Title) => &mut fm.title,
            Some(Key::Author) => &mut fm.author,
            Some(Key::Source) => &mut fm.source,
            Some(Key::Url) => &mut fm.url,
            Some(Key::Summary) => &mut fm.summary,
            Some(Key::Date) => {
                fm.date = fm.date.or_else(|| parse_date(value));
                continue;
            }
            Some(Key::Other) | None => continue,
        };
        slot.get_or_insert_with(|| value.to_string());
    }
    None
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
