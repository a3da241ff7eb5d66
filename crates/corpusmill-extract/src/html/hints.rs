//! What an element's tag, class, id, role and itemprop say about it: page chrome (nav,
//! share bars, comments, related links), article text, or nothing.
//!
//! Names are matched as lower-cased words: long words anywhere in the name
//! (`relatedArticles`, `post-comments`), short ones only as whole tokens so that `ad`
//! does not fire on `header` or `read`.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;

/// How sure we are that an element is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Junk {
    #[default]
    No,
    /// Chrome by name or tag; kept if it nevertheless holds most of the page's prose
    /// (a wrapper called `page has-sidebar`).
    Soft,
    /// Not rendered (`hidden`, `display:none`): never text.
    Hard,
}

/// The verdict on one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Hint {
    /// Positive for article-like names, negative for chrome-like ones.
    pub weight: i8,
    pub junk: Junk,
}

/// Chrome words matched anywhere in a class or id.
const CHROME_PARTS: &[&str] = &[
    "comment",
    "disqus",
    "sharing",
    "share",
    "social",
    "related",
    "recommend",
    "sidebar",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "crumb",
    "newsletter",
    "subscri",
    "signup",
    "promo",
    "sponsor",
    "advert",
    "cookie",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "byline",
    "copyright",
    "bdshare",
    "fenxiang",
    "pinglun",
    "tuijian",
    "skiplink",
    "skip-link",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "read-more",
    "readmore",
    "more-stories",
    "newsfeed",
    "ticker",
    "widget",
    "dateline",
    "timestamp",
    "author-bio",
    "authorbio",
    "pullquote",
    "pull-quote",
    "pull_quote",
    "image_desc",
    "image-desc",
    "img_desc",
    "img-desc",
    "imgdesc",
    "pic_desc",
    "picdesc",
    "photo-caption",
    "photo_caption",
];

/// Chrome words that must be a whole token (`ad`, not the `ad` in `header`).
const CHROME_TOKENS: &[&str] = &[
    "ad", "ads", "adv", "advert", "nav", "meta", "rail", "aside", "header", "banner", "hidden", "print", "xgyd",
    "xgxw", "crumbs", "caption", "credit", "credits", "tools", "utility", "actions", "bio", "author", "toc",
];

/// Chrome words that must be a whole class or id (`tags`, but not WordPress's
/// `tag-review` on the article itself).
const CHROME_NAMES: &[&str] = &["tag", "tags", "tag-list", "taglist", "keywords", "category", "categories"];

/// Article words matched anywhere in a class or id.
const ARTICLE_PARTS: &[&str] = &[
    "article",
    "content",
    "entry",
    "story",
    "body",
    "prose",
    "post",
    "text",
    "blog",
    "detail",
    "rich_media",
    "zhengwen",
];

/// One automaton per word list: names are checked against every word in a single pass.
fn any_of(words: &[&str]) -> Regex {
    let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&alternatives.join("|")).expect("static regex")
}

static CHROME_PARTS_RE: LazyLock<Regex> = LazyLock::new(|| any_of(CHROME_PARTS));
static ARTICLE_PARTS_RE: LazyLock<Regex> = LazyLock::new(|| any_of(ARTICLE_PARTS));
static EMBED_RE: LazyLock<Regex> = LazyLock::new(|| any_of(&["embed", "tweet", "instagram-media"]));

/// Tags that are chrome by definition.
fn chrome_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "header" | "menu" | "dialog" | "form" | "figure" | "figcaption")
}

/// The attributes [`classify`] reads, found in one pass over the element's
/// attributes: `Element::attr` interns the name it is given on every call,
/// which cost more than the rest of the classification.
#[derive(Default)]
struct Named<'a> {
    hidden: bool,
    aria_hidden: Option<&'a str>,
    style: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
}

impl<'a> Named<'a> {
    /// As `Element::attr` finds them: plain (no namespace, no prefix) names.
    fn of(el: &'a Element) -> Self {
        let mut named = Named::default();
        for (name, value) in el.attrs.iter() {
            if name.prefix.is_some() || !name.ns.is_empty() {
                continue;
            }
            let slot = match &*name.local {
                "hidden" => {
                    named.hidden = true;
                    continue;
                }
                "aria-hidden" => &mut named.aria_hidden,
                "style" => &mut named.style,
                "role" => &mut named.role,
                "itemprop" => &mut named.itemprop,
                "class" => &mut named.class,
                "id" => &mut named.id,
                _ => continue,
            };
            slot.get_or_insert(&**value);
        }
        named
    }

    /// `visibility: hidden` is no sign: pages hide their article until a script
    /// has laid it out (WeChat's `#js_content`), as readability also holds.
    fn is_hidden(&self) -> bool {
        if self.hidden || self.aria_hidden.is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            return true;
        }
        self.style.is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none")
        })
    }
}

/// An element's class and id (and its itemprop, with `itemprop`), lower-cased
/// and joined by spaces, for [`names_word`].
pub(crate) fn lower_names(el: &Element, itemprop: bool) -> String {
    let prop = if itemprop { el.attr("itemprop") } else { None };
    let names: Vec<&str> = [el.attr("class"), el.attr("id"), prop].into_iter().flatten().collect();
    names.join(" ").to_ascii_lowercase()
}

/// Whether lower-cased names hold one of `parts` anywhere (`relatedArticles`)
/// or one of `tokens` as a whole token (`hot`, not the `hot` in `photo`).
pub(crate) fn names_word(names: &str, parts: &[&str], tokens: &[&str]) -> bool {
    parts.iter().any(|w| names.contains(w))
        || (!tokens.is_empty() && names.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| tokens.contains(&t)))
}

/// Classifies one element by its own attributes (not its content).
pub(crate) fn classify(el: &Element) -> Hint {
    let tag = el.name();
    if matches!(tag, "html" | "body") {
        return Hint::default();
    }
    let named = Named::of(el);
    if named.is_hidden() {
        return Hint { weight: -1, junk: Junk::Hard };
    }
    let mut weight: i8 = match tag {
        "article" | "main" => 1,
        _ => 0,
    };
    let mut chrome = chrome_tag(tag);
    if let Some(role) = named.role {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar" | "dialog"
            | "alertdialog" | "search" | "toolbar" => chrome = true,
            "main" | "article" => weight += 1,
            _ => {}
        }
    }
    if let Some(prop) = named.itemprop {
        if prop.split_whitespace().any(|p| p.eq_ignore_ascii_case("articleBody") || p.eq_ignore_ascii_case("text")) {
            weight += 3;
        }
    }
    // Class and id, lowercased, in one buffer of the right size.
    let sizes = named.class.map_or(0, |v| v.len() + 1) + named.id.map_or(0, |v| v.len() + 1);
    let mut lower = String::with_capacity(sizes);
    for v in [named.class, named.id].into_iter().flatten() {
        lower.push_str(v);
        lower.push(' ');
    }
    lower.make_ascii_lowercase();
    if !lower.trim().is_empty() {
        // Embedded posts (`social-media-embed`, `twitter-tweet`) are quoted content.
        let embed = EMBED_RE.is_match(&lower);
        let bad = !embed
            && (CHROME_PARTS_RE.is_match(&lower)
                || lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| CHROME_TOKENS.contains(&t))
                || lower.split_whitespace().any(|t| CHROME_NAMES.contains(&t)));
        let good = ARTICLE_PARTS_RE.is_match(&lower);
        if bad {
            weight -= 1;
            chrome = true;
        }
        if good {
            weight += 1;
        }
    }
    Hint { weight, junk: if chrome { Junk::Soft } else { Junk::No } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn hint_of(html: &str) -> Hint {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("#x").expect("selector");
        doc.select(&sel).next().map(|e| classify(e.value())).unwrap_or_default()
    }

    #[test]
    fn chrome_names() {
        assert_eq!(hint_of(r#"<div id="x" class="post-comments"></div>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<div id="x" class="relatedArticles"></div>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<div id="x" class="ad slot"></div>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<nav id="x"></nav>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<div id="x" role="navigation"></div>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<div id="x" style="display: none"></div>"#).junk, Junk::Hard);
        assert_eq!(hint_of(r#"<div id="x" style="visibility: hidden;"></div>"#).junk, Junk::No);
        assert_eq!(hint_of(r#"<blockquote id="x" class="pull-quote"></blockquote>"#).junk, Junk::Soft);
        assert_eq!(hint_of(r#"<p id="x" class="one-p image_desc"></p>"#).junk, Junk::Soft);
    }

    #[test]
    fn article_names() {
        let h = hint_of(r#"<div id="x" class="article-body"></div>"#);
        assert_eq!((h.junk, h.weight), (Junk::No, 1));
        assert_eq!(hint_of(r#"<div id="x" class="reader-view"></div>"#).junk, Junk::No);
        assert!(hint_of(r#"<div id="x" itemprop="articleBody"></div>"#).weight >= 3);
    }
}
