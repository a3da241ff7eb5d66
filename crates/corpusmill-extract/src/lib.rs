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

use corpusmill_repair::ScriptCounts;

mod boilerplate;
mod date;
mod extract;
mod front_matter;
mod html;
mod json;
mod lines;
mod markup;
mod meta;
mod ptt;

pub use html::{extract_html, html_declared_charset};
pub use json::{extract_json, JsonFields, JsonMapping};

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
    /// A comment section's heading and everything below it.
    Comments,
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
    /// The characters of the title and of the body paragraphs as the
    /// language and script decisions count them, where the extractor counted
    /// them while measuring the lines (text dumps); `None` where it did not,
    /// or where the fields were changed after.
    #[serde(skip)]
    pub script_counts: Option<(ScriptCounts, ScriptCounts)>,
}

/// Extracts the fields of a plain-text article dump (already decoded and repaired).
///
/// Never panics; on empty or junk input it returns whatever could be found (possibly
/// nothing).
pub fn extract_text_dump(text: &str) -> Article {
    extract::extract(text)
}

/// Parses one date value as stored in structured metadata (a JSON field, a
/// `<meta>` tag): `2025-02-28`, `2025-02-28T09:15:00+08:00`, `2025年2月28日`,
/// `Feb 28, 2025`, `民國114年2月28日`… Only complete dates count: `None` for a
/// year-less or relative expression, or anything that is not a date.
pub fn parse_date(text: &str) -> Option<Date> {
    let norm = date::ascii_digits(text.trim());
    match date::find_date(&norm, date::Scope::AbsoluteOnly)?.spec {
        date::DateSpec::Absolute(d) => Some(d),
        _ => None,
    }
}

/// Splits a body held as plain text (a JSON `content` field, say) into clean
/// paragraphs, with the same rules as a dump's body: blank-line blocks,
/// hard-wrapped lines joined, indentation stripped, boilerplate lines dropped.
pub fn body_paragraphs(text: &str) -> Vec<String> {
    body_paragraphs_counted(text).0
}

/// [`body_paragraphs`], with the counts of their characters as the language
/// and script decisions count them ([`Article::script_counts`]), made while
/// the lines were measured: the paragraphs are those lines joined by spaces
/// and newlines, which count for nothing.
pub fn body_paragraphs_counted(text: &str) -> (Vec<String>, ScriptCounts) {
    let (lines, indented) = lines::normalize_lines(text);
    let mut counts = ScriptCounts::default();
    let mut blocks: Vec<Vec<lines::BodyLine<'_>>> = Vec::new();
    let mut current = Vec::new();
    for (line, &indented) in lines.iter().zip(&indented) {
        let info = lines::line_info(line);
        let furniture =
            boilerplate::classify_info(line, info).is_some() || boilerplate::is_related_heading_width(line, info.width);
        if line.is_empty() || furniture {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            counts += info.scripts;
            current.push(lines::BodyLine { text: line, indented, info });
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    (lines::paragraphs(&blocks), counts)
}

/// Deterministic numbers for the differential tests (the high bits of an LCG).
#[cfg(test)]
fn test_numbers(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts are those of the paragraphs' characters, on bodies of
    /// every kind of line the splitter meets.
    #[test]
    fn body_paragraph_counts_are_the_paragraphs_counts() {
        let pieces = [
            "第一段。",
            "\n",
            "\n\n",
            "　　",
            "The budget.",
            " ",
            "東京です。",
            "서울 ",
            "Москва",
            "免责声明：本文仅供参考。",
            "2024年5月1日",
            "长按扫码 阅读全文",
            "ä¸\u{ad}",
            "\u{a0}",
            "\t",
            "相关阅读",
            "為了",
        ];
        let mut next = test_numbers(0x51_7CC1_B727_220Au64);
        for _ in 0..3000 {
            let text: String = (0..next() % 40).map(|_| pieces[next() % pieces.len()]).collect();
            let (paragraphs, counts) = body_paragraphs_counted(&text);
            assert_eq!(counts, ScriptCounts::of(&paragraphs.join("\n\n")), "{text:?}");
        }
    }
}
