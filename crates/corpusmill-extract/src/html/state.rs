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

/// Names under which frameworks hand their state to the page's scripts, found
/// in one pass over the page.
static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("__NEXT_DATA__|__INITIAL_STATE__|__NUXT__|__PRELOADED_STATE__|__INITIAL_DATA__|__APOLLO_STATE__")
        .expect("static regex")
});

/// How far after a marker its JSON may start (`" type="application/json">`, ` = `).
const MAX_GAP: usize = 80;

/// The longest piece of article markup (a string holding `<p>` paragraphs) in
/// the page's framework state, if any.
pub(crate) fn article_markup(html: &str) -> Option<String> {
    let mut best: Option<String> = None;
    for marker in MARKERS.find_iter(html) {
        let after = &html[marker.end()..];
        let gap = after.get(..after.len().min(MAX_GAP)).unwrap_or(after);
        let Some(open) = gap.find('{') else { continue };
        let Some(value) = first_json_value(&after[open..]) else { continue };
        longest_markup(&value, &mut best);
    }
    best
}

/// The JSON value at the start of `s`, ignoring what follows it (`;</script>`).
fn first_json_value(s: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(s).into_iter::<Value>().next()?.ok()
}

/// Keeps in `best` the longest string of `value` (searched to any depth) that
/// holds paragraph markup.
fn longest_markup(value: &Value, best: &mut Option<String>) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                let markup = s.contains("<p>") || s.contains("<p ") || s.contains("<br");
                if markup && best.as_ref().is_none_or(|b| s.len() > b.len()) {
                    *best = Some(s.clone());
                }
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(fields) => stack.extend(fields.values()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_data_and_window_state() {
        let next = r#"<div id="__next">正在加载…</div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"article":{"title":"T","content":"<p>一段。<\/p><p>两段。<\/p>","related":[{"summary":"<p>短<\/p>"}]}}}}</script>"#;
        assert_eq!(article_markup(next).as_deref(), Some("<p>一段。</p><p>两段。</p>"));
        let vue = r#"<script>window.__INITIAL_STATE__={"article":{"content":"<p>Text one.</p><p>Text two.</p>"}};window.x=1;</script>"#;
        assert_eq!(article_markup(vue).as_deref(), Some("<p>Text one.</p><p>Text two.</p>"));
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
            assert_eq!(article_markup(page), None, "{page}");
        }
    }
}
