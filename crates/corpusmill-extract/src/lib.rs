//! Field extraction from repaired article text.
//!
//! Pure functions: text in, fields out. No I/O.
//!
//! [`extract_text_dump`] takes one plain-text article dump (decoded, repaired) and
//! returns its title, publication date, byline fields, body paragraphs, summary and the
//! furniture lines it dropped. The rules are generic (site vocabulary, line shapes,
//! positions), never tied to particular articles.
//!
//! [`extract_html`] does the same for an HTML page: it picks the article container,
//! cleans its text with the same furniture rules, and reads the page's metadata.

mod boilerplate;
mod date;
mod extract;
mod html;
mod lines;
mod meta;

pub use html::{extract_html, html_declared_charset};

/// A calendar date as printed in the article (no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// What a line dropped as boilerplate was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    Disclaimer,
    AppFooter,
    Editor,
    Navigation,
    Share,
    Related,
    Copyright,
    RepeatedTitle,
    Meta,
    Other,
}

/// The fields found in one article.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub published_date: Option<Date>,
    pub author: Option<String>,
    pub source_name: Option<String>,
    pub url: Option<String>,
    pub body_paragraphs: Vec<String>,
    pub summary: Option<String>,
    /// Lines dropped as boilerplate, with what they were taken for.
    pub boilerplate: Vec<(BoilerplateKind, String)>,
}

/// Extracts the fields of a plain-text article dump (already decoded and repaired).
///
/// Never panics; on empty or junk input it returns whatever could be found (possibly
/// nothing).
pub fn extract_text_dump(text: &str) -> Article {
    extract::extract(text)
}
