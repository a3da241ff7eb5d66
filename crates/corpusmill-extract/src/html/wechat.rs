//! WeChat public-account articles (`mp.weixin.qq.com`): the page prints its date
//! with a script from the `ct` variable (Unix seconds), and names the writer and
//! the account in its own elements rather than in metadata.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{collapse, text_of, Page};
use crate::Date;

/// `var ct = "1719547260";` (also `create_time`).
static CREATE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:var\s+ct|create_time)\s*=\s*["']?(\d{9,10})["']?"#).expect("static regex"));

/// China's offset from UTC, in which the page's script prints the date.
const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

/// What a WeChat article page says of itself.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct WeChat {
    pub date: Option<Date>,
    /// The writer named in the header (`rich_media_meta_text`), if any.
    pub author: Option<String>,
    /// The account (`#js_name`).
    pub account: Option<String>,
}

/// Reads a WeChat article page; `None` for any other page. `raw` is the page
/// before its script bodies were dropped.
pub(crate) fn read(raw: &str, page: &Page<'_>) -> Option<WeChat> {
    let is_wechat = page.els.iter().any(|e| e.el.id() == Some("js_content"))
        && page.els.iter().any(|e| e.el.id() == Some("js_name") || e.el.id() == Some("activity-name"));
    if !is_wechat {
        return None;
    }
    let date = CREATE_TIME.captures(raw).and_then(|c| c[1].parse::<i64>().ok()).map(|secs| {
        let days = (secs + CHINA_OFFSET_SECONDS).div_euclid(86_400);
        Date::from_days_since_unix_epoch(days.clamp(0, i64::from(i32::MAX)) as i32)
    });
    let text_of_id = |id: &str| {
        page.els.iter().find(|e| e.el.id() == Some(id)).map(|e| collapse(&text_of(e.node))).filter(|t| !t.is_empty())
    };
    let account = text_of_id("js_name");
    // The header's plain text items: the writer, between the `原创` mark and the
    // account (whose element has its own id).
    let author = text_of_id("js_author_name").or_else(|| {
        page.els
            .iter()
            .filter(|e| e.el.id().is_none() && e.el.classes().any(|c| c == "rich_media_meta_text"))
            .map(|e| collapse(&text_of(e.node)))
            .find(|t| !t.is_empty() && t != "原创" && t != "原創" && t.chars().count() <= 20)
    });
    Some(WeChat { date, author, account })
}
