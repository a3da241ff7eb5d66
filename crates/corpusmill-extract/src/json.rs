//! Fields of a JSON article record, found through a configurable mapping.
//!
//! Scrapers name their fields every which way (`title`/`headline`,
//! `content`/`text`/`body`, `pub_time`/`published_at`…). A [`JsonMapping`]
//! lists, per field, the key paths to try in order; the default knows the
//! usual names, and a config file can name others (`title = "headline"`,
//! `body = ["data.article.html"]`).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::{parse_date, Date};

/// Key paths (dot-separated; a number indexes an array) to try, per field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JsonMapping {
    #[serde(deserialize_with = "one_or_many")]
    pub title: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub body: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub date: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub url: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub author: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub summary: Vec<String>,
}

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for JsonMapping {
    fn default() -> Self {
        JsonMapping {
            title: keys(&["title", "headline", "name"]),
            body: keys(&["content", "text", "body", "article", "articleBody", "content_html", "html", "maintext"]),
            date: keys(&[
                "date",
                "pub_time",
                "publish_time",
                "published_at",
                "published",
                "pubDate",
                "datePublished",
                "publish_date",
                "publishTime",
                "publishDate",
                "publishedAt",
                "publishedDate",
                "pubTime",
                "date_publish",
                "time",
                "created_at",
            ]),
            url: keys(&["url", "link", "source_url", "canonical_url", "href"]),
            author: keys(&["author", "authors", "byline", "author.name", "writer"]),
            source: keys(&["source", "site_name", "site", "publisher", "media", "source_name"]),
            summary: keys(&["summary", "description", "abstract", "desc", "digest"]),
        }
    }
}

/// A config value that is one key path or a list of them.
fn one_or_many<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(de)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// What a JSON record says, before repair and paragraph splitting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonFields {
    pub title: Option<String>,
    pub body: Option<String>,
    /// The body holds HTML markup and should go through the HTML extractor.
    pub body_is_html: bool,
    pub published_date: Option<Date>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub source_name: Option<String>,
    pub summary: Option<String>,
}

/// Reads the mapped fields of one JSON record. Missing fields are `None`; a
/// value of the wrong shape is ignored, never an error.
pub fn extract_json(record: &Value, mapping: &JsonMapping) -> JsonFields {
    let text = |paths: &[String]| paths.iter().find_map(|p| lookup(record, p).and_then(as_text));
    let body = text(&mapping.body);
    JsonFields {
        title: text(&mapping.title),
        body_is_html: body.as_deref().is_some_and(looks_like_html),
        body,
        published_date: mapping.date.iter().find_map(|p| lookup(record, p).and_then(as_date)),
        url: text(&mapping.url),
        author: text(&mapping.author),
        source_name: text(&mapping.source),
        summary: text(&mapping.summary),
    }
}

/// Follows a dot path; tries each key exactly first, then ignoring ASCII case.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| match v {
        Value::Object(map) => {
            map.get(key).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
        }
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// A field as text: strings as they are, numbers printed, a list of names
/// joined, an object by its `name`. Blank text is no text.
fn as_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            parts.join(", ")
        }
        Value::Object(map) => return map.get("name").and_then(as_text),
        Value::Bool(_) | Value::Null => return None,
    };
    Some(text).filter(|t| !t.is_empty())
}

/// A date from text, or from a Unix timestamp in seconds or milliseconds.
fn as_date(value: &Value) -> Option<Date> {
    match value {
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) if s.trim().len() >= 9 => from_timestamp(n),
            _ => parse_date(s),
        },
        Value::Number(n) => n.as_i64().and_then(from_timestamp),
        _ => None,
    }
}

fn from_timestamp(n: i64) -> Option<Date> {
    let seconds = if n.abs() >= 100_000_000_000 { n / 1000 } else { n };
    let days = i32::try_from(seconds.div_euclid(86_400)).ok()?;
    // 1990..2100: anything else is not a publication timestamp.
    (7305..47482).contains(&days).then(|| Date::from_days_since_unix_epoch(days))
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.get(..text.len().min(4096)).unwrap_or(text).to_ascii_lowercase();
    ["<p>", "<p ", "</p>", "<br", "<div", "<html", "<article", "<h1", "<h2"].iter().any(|tag| lower.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn default_mapping_finds_the_usual_names() {
        let record = json!({
            "headline": "标题",
            "Content": "第一段。\n\n第二段。",
            "pub_time": "2025-02-28 09:15:00",
            "link": "https://news.example/a",
            "author": {"name": "秦若溪"},
            "media": "岚湖日报",
        });
        let f = extract_json(&record, &JsonMapping::default());
        assert_eq!(f.title.as_deref(), Some("标题"));
        assert_eq!(f.body.as_deref(), Some("第一段。\n\n第二段。"));
        assert!(!f.body_is_html);
        assert_eq!(f.published_date, Date::new(2025, 2, 28));
        assert_eq!(f.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(f.author.as_deref(), Some("秦若溪"));
        assert_eq!(f.source_name.as_deref(), Some("岚湖日报"));
    }

    #[test]
    fn configured_nested_paths_and_timestamps() {
        let mapping: JsonMapping = toml_like(r#"{"title": "data.meta.h", "body": ["data.html"], "date": "ts"}"#);
        let record = json!({"data": {"meta": {"h": "T"}, "html": "<p>one</p><p>two</p>"}, "ts": 1740734100});
        let f = extract_json(&record, &mapping);
        assert_eq!(f.title.as_deref(), Some("T"));
        assert!(f.body_is_html);
        assert_eq!(f.published_date, Date::new(2025, 2, 28));
        let millis = json!({"date": 1740734100000_i64, "authors": ["A", "B"]});
        let f = extract_json(&millis, &JsonMapping::default());
        assert_eq!(f.published_date, Date::new(2025, 2, 28));
        assert_eq!(f.author.as_deref(), Some("A, B"));
    }

    #[test]
    fn wrong_shapes_are_ignored() {
        let record = json!({"title": null, "content": {"x": 1}, "date": "not a date", "url": true});
        assert_eq!(extract_json(&record, &JsonMapping::default()), JsonFields::default());
        assert_eq!(extract_json(&json!([1, 2]), &JsonMapping::default()), JsonFields::default());
    }

    fn toml_like(json_text: &str) -> JsonMapping {
        serde_json::from_str(json_text).expect("mapping")
    }
}
