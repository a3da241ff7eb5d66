//! The article's text in a script framework's state: pages built by Next.js,
//! Nuxt or a Vue/React app ship the text as JSON for the script to render
//! (`<script id="__NEXT_DATA__">{…}`, `window.__INITIAL_STATE__ = {…}`), and the
//! HTML holds a skeleton (`正在加载…`) or the first paragraphs only.
//!
//! Script bodies are emptied before parsing, so this reads the raw page: only
//! where a framework's marker occurs, and only the JSON value after it.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::json::{extract_json, JsonFields, JsonMapping};

/// Names under which frameworks hand their state to the page's scripts, found
/// in one pass over the page.
static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("__NEXT_DATA__|__INITIAL_STATE__|__NUXT__|__PRELOADED_STATE__|__INITIAL_DATA__|__APOLLO_STATE__")
        .expect("static regex")
});

/// How far after a marker its JSON may start (`" type="application/json">`, ` = `).
const MAX_GAP: usize = 80;

/// The article in a page's framework state.
pub(crate) struct StateArticle {
    /// The longest piece of article markup (a string holding `<p>` paragraphs).
    pub markup: String,
    /// What the object holding it says besides (`publish_time`, `author`…),
    /// read as a JSON record is.
    pub fields: JsonFields,
}

/// The article in the page's framework state, if any.
pub(crate) fn article(html: &str) -> Option<StateArticle> {
    let mut best: Option<StateArticle> = None;
    for marker in MARKERS.find_iter(html) {
        let after = &html[marker.end()..];
        let mut end = after.len().min(MAX_GAP);
        while !after.is_char_boundary(end) {
            end -= 1;
        }
        let gap = &after[..end];
        let Some(open) = gap.find('{') else { continue };
        let Some(value) = first_json_value(&after[open..]) else { continue };
        if let Some((markup, holder)) = longest_markup(&value) {
            if best.as_ref().is_none_or(|b| markup.len() > b.markup.len()) {
                let fields = extract_json(holder, &JsonMapping::default());
                best = Some(StateArticle { markup: markup.to_string(), fields });
            }
        }
    }
    best
}

/// The JSON value at the start of `s`, ignoring what follows it (`;</script>`).
fn first_json_value(s: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(s).into_iter::<Value>().next()?.ok()
}

/// Keys under which a state keeps an article's text (compared without case,
/// `_` and `-`): a longer string of markup under another key is a comment
/// thread's or a widget's.
const TEXT_KEYS: [&str; 9] =
    ["content", "contenthtml", "body", "bodyhtml", "html", "text", "article", "articlebody", "maintext"];

fn is_text_key(key: &str) -> bool {
    let key: String = key.chars().filter(|c| !matches!(c, '_' | '-')).collect::<String>().to_ascii_lowercase();
    TEXT_KEYS.contains(&key.as_str())
}

/// Keys of what a page holds beside its article: readers' comments, related
/// and recommended stories.
fn is_other_content_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["comment", "reply", "replies", "related", "recommend"].iter().any(|w| key.contains(w))
}

/// The longest string of `value` (searched to any depth, but not under
/// [`is_other_content_key`]) that holds paragraph markup under a text key, with
/// the object that holds it.
fn longest_markup(value: &Value) -> Option<(&str, &Value)> {
    let mut best: Option<(&str, &Value)> = None;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(fields) => {
                for (key, field) in fields {
                    if let Value::String(s) = field {
                        let markup = s.contains("<p>") || s.contains("<p ") || s.contains("<br");
                        if markup && is_text_key(key) && best.is_none_or(|(b, _)| s.len() > b.len()) {
                            best = Some((s, v));
                        }
                    } else if !is_other_content_key(key) {
                        stack.push(field);
                    }
                }
            }
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_data_and_window_state() {
        let next = r#"<div id="__next">正在加载…</div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"article":{"title":"T","content":"<p>一段。<\/p><p>两段。<\/p>","related":[{"summary":"<p>短<\/p>"}]}}}}</script>"#;
        let a = article(next).expect("state");
        assert_eq!(a.markup, "<p>一段。</p><p>两段。</p>");
        assert_eq!(a.fields.title.as_deref(), Some("T"));
        let vue = r#"<script>window.__INITIAL_STATE__={"article":{"content":"<p>Text one.</p><p>Text two.</p>","publish_time":"2024-07-09 18:20","author":"Ann Lee"}};window.x=1;</script>"#;
        let a = article(vue).expect("state");
        assert_eq!(a.markup, "<p>Text one.</p><p>Text two.</p>");
        assert_eq!(a.fields.published_date, crate::Date::new(2024, 7, 9));
        assert_eq!(a.fields.author.as_deref(), Some("Ann Lee"));
    }

    /// A comment thread's markup, longer than the article's, is not taken;
    /// a gap of wide characters after the marker is measured in bytes.
    #[test]
    fn the_article_key_and_a_wide_gap() {
        let page = r#"<script>window.__INITIAL_STATE__={"article":{"content":"<p>Short text.</p>"},"commentsHtml":"<p>A long comment thread, much longer than the article itself, from many readers.</p>"}</script>"#;
        assert_eq!(article(page).map(|a| a.markup).as_deref(), Some("<p>Short text.</p>"));
        let nested = r#"<script>window.__INITIAL_DATA__={"story":{"body":"<p>Short text.</p>"},"comments":{"html":"<p>A long comment thread, much longer than the article itself, from many readers.</p>","date":"2025-05-05"}}</script>"#;
        let a = article(nested).expect("state");
        assert_eq!(a.markup, "<p>Short text.</p>");
        assert_eq!(a.fields.published_date, None);
        let wide = format!(
            "<script>window.__INITIAL_STATE__ /* {} */ = {{\"body\":\"<p>文</p>\"}}</script>",
            "说明".repeat(20)
        );
        assert!(article(&wide).is_none(), "the object starts past the gap");
        let near =
            format!("<script>window.__INITIAL_STATE__/*{}*/={{\"body\":\"<p>文</p>\"}}</script>", "说".repeat(20));
        assert_eq!(article(&near).map(|a| a.markup).as_deref(), Some("<p>文</p>"));
    }

    #[test]
    fn no_state_no_markup() {
        for page in [
            "<p>plain page</p>",
            "<script>var __NEXT_DATA__;</script>",
            "<script>window.__INITIAL_STATE__ = {broken</script>",
            r#"<script>window.__NUXT__={"title":"no paragraphs here"}</script>"#,
            "__NEXT_DATA__",
        ] {
            assert!(article(page).is_none(), "{page}");
        }
    }
}
