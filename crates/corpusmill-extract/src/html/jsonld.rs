//! schema.org JSON-LD (`<script type="application/ld+json">`): the article object's
//! headline, dates, author, publisher, body and url.
//!
//! Sites nest the article anywhere (`@graph`, arrays, `mainEntity`), so the whole value
//! is searched (depth-limited) for the first object whose `@type` names an article.

use serde_json::Value;

/// Fields of the first article-like JSON-LD object (and the page-level fallback).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
}

const MAX_DEPTH: usize = 8;

/// Reads every script body; malformed JSON is skipped.
pub(crate) fn parse(scripts: &[&str]) -> LdArticle {
    let mut found: Option<&Value> = None;
    let mut page: Option<&Value> = None;
    let values: Vec<Value> = scripts.iter().filter_map(|s| serde_json::from_str(s.trim()).ok()).collect();
    for v in &values {
        search(v, 0, false, &mut found, &mut page);
    }
    let mut out = LdArticle::default();
    if let Some(a) = found {
        fill(a, &mut out);
    }
    // A `WebPage` object often carries the date when no article object does.
    if let Some(p) = page {
        let mut from_page = LdArticle::default();
        fill(p, &mut from_page);
        out.date_published = out.date_published.or(from_page.date_published);
        out.publisher = out.publisher.or(from_page.publisher);
        if out.authors.is_empty() {
            out.authors = from_page.authors;
        }
    }
    out
}

fn type_names(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting")
}

/// Posts that are a page's article only when no other thing holds them: a
/// review inside a recipe or product is a reader's.
fn is_post_type(t: &str) -> bool {
    matches!(t, "DiscussionForumPosting" | "Review" | "CriticReview")
}

/// `within`: a typed object (other than a `WebPage`) holds `v`.
fn search<'a>(v: &'a Value, depth: usize, within: bool, found: &mut Option<&'a Value>, page: &mut Option<&'a Value>) {
    if depth > MAX_DEPTH || found.is_some() {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                search(item, depth + 1, within, found, page);
            }
        }
        Value::Object(map) => {
            let types = type_names(v);
            if types.iter().any(|t| is_article_type(t) || (!within && is_post_type(t))) {
                *found = Some(v);
                return;
            }
            let is_page = types.iter().any(|t| t.ends_with("WebPage"));
            if page.is_none() && is_page {
                *page = Some(v);
            }
            let within = within || (!types.is_empty() && !is_page);
            for (_, child) in map {
                search(child, depth + 1, within, found, page);
            }
        }
        _ => {}
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.trim().to_string(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?.trim().to_string(),
        Value::Object(o) => o.get("name").and_then(Value::as_str)?.trim().to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn names(v: Option<&Value>) -> Vec<String> {
    let one = |x: &Value| -> Option<String> {
        let s = match x {
            Value::String(s) => s.as_str(),
            Value::Object(o) => o.get("name").and_then(Value::as_str)?,
            _ => return None,
        };
        let s = s.trim();
        (!s.is_empty() && !s.starts_with("http")).then(|| s.to_string())
    };
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(one).collect(),
        Some(x) => one(x).into_iter().collect(),
        None => Vec::new(),
    }
}

fn fill(v: &Value, out: &mut LdArticle) {
    out.headline = string(v.get("headline")).or_else(|| string(v.get("name")));
    out.date_published = string(v.get("datePublished")).or_else(|| string(v.get("dateCreated")));
    out.authors = names(v.get("author")).into_iter().chain(names(v.get("creator"))).collect();
    out.publisher = string(v.get("publisher"));
    out.body = string(v.get("articleBody"));
    out.url = string(v.get("url")).filter(|u| u.starts_with("http"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A review is the article on a review's page, not a reader's inside a recipe.
    #[test]
    fn reviews_alone_or_held() {
        let review = r#"{"@context":"https://schema.org","@type":"CriticReview","name":"雾港来信","datePublished":"2024-03-09","author":{"@type":"Person","name":"林间拾叶"}}"#;
        let a = parse(&[review]);
        assert_eq!(a.date_published.as_deref(), Some("2024-03-09"));
        assert_eq!(a.authors, vec!["林间拾叶".to_string()]);
        let graph = r#"{"@graph":[{"@type":"WebPage","name":"p"},{"@type":"Review","datePublished":"2024-03-10"}]}"#;
        assert_eq!(parse(&[graph]).date_published.as_deref(), Some("2024-03-10"));
        let recipe = r#"{"@type":"Recipe","name":"Soup","datePublished":"2024-01-05","author":"Ann Cook","review":[{"@type":"Review","datePublished":"2025-02-14","author":"Mike T."}]}"#;
        let a = parse(&[recipe]);
        assert_eq!(a.date_published, None);
        assert!(a.authors.is_empty());
    }

    #[test]
    fn graph_article() {
        let s = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":["NewsArticle"],"headline":"Bridge reopens","datePublished":"2025-02-28T09:15:00+08:00",
             "author":[{"@type":"Person","name":"Lin Qiao"},{"@type":"Person","name":"Tom Hale"}],
             "publisher":{"@type":"Organization","name":"River Daily"},"articleBody":"Body."}]}"#;
        let a = parse(&[s]);
        assert_eq!(a.headline.as_deref(), Some("Bridge reopens"));
        assert_eq!(a.date_published.as_deref(), Some("2025-02-28T09:15:00+08:00"));
        assert_eq!(a.authors, ["Lin Qiao", "Tom Hale"]);
        assert_eq!(a.publisher.as_deref(), Some("River Daily"));
        assert_eq!(a.body.as_deref(), Some("Body."));
    }

    #[test]
    fn bad_json_and_webpage_fallback() {
        let a = parse(&["{not json", r#"{"@type":"WebPage","datePublished":"2024-01-02","author":"Ann Lee"}"#]);
        assert_eq!(a.date_published.as_deref(), Some("2024-01-02"));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.headline, None);
    }
}
