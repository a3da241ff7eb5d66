//! PTT's news-repost template: a forum post whose sections the board's rules
//! label (`1.媒體來源:` the outlet, `2.記者署名:` the byline, `3.完整新聞標題:`,
//! `4.完整新聞內文:` the article, `5.完整新聞連結` its address, `6.備註:` the
//! poster's own words). Read by its labels, not by layout; the post's header
//! (`作者`, `看板`, `標題`, `時間 Sat Jun 15 21:07:44 2024`) gives the date, and the
//! poster is no author: the reporter of the byline is.

use std::sync::LazyLock;

use regex::Regex;

use crate::{meta, Article, BoilerplateKind, Date};

/// A section's label, with its number, and the value that may follow it on the line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([1-6])\s*[.．、]\s*(?:媒體來源|媒体来源|記者署名|记者署名|完整新聞標題|完整新闻标题|完整新聞內文|完整新闻内文|完整新聞連結|完整新闻链接|備註|备注)[^:：]*[:：]?\s*(.*)$")
        .expect("static regex is valid")
});

/// The header's time, as the board prints it (C's `asctime`).
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:時間|时间)\s*[:：]?\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{1,2})\s+\d{1,2}:\d{2}:\d{2}\s+(\d{4})\s*$")
        .expect("static regex is valid")
});

/// The header's subject, without its tag (`[新聞]`) or a reply's `Re:`.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:標題|标题)\s*[:：]?\s*(?:Re:\s*)?(?:\[[^\]]{1,6}\]\s*)?(.+)$").expect("static regex is valid")
});

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The fields of a post in the template; `None` for any other text (the title's
/// and the article's sections are required).
pub(crate) fn read(text: &str) -> Option<Article> {
    // One vectorised search for what both spellings share (`完整新聞內文`, `完整新闻内文`).
    memchr::memmem::find(text.as_bytes(), "完整新".as_bytes())?;
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    // Each section: its number, its label's line, and the value on that line.
    let labels: Vec<(u8, usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let c = LABEL.captures(l)?;
            let n = c.get(1)?.as_str().parse().ok()?;
            Some((n, i, c.get(2).map_or("", |m| m.as_str())))
        })
        .collect();
    // A section runs from its label to the next label; the last one to the
    // signature (`--`).
    let signature = lines.iter().rposition(|l| *l == "--").unwrap_or(lines.len());
    let section = |n: u8| -> Option<Vec<&str>> {
        let k = labels.iter().position(|&(m, _, _)| m == n)?;
        let (_, at, inline) = labels[k];
        let end = labels.get(k + 1).map_or(signature.max(at + 1), |&(_, next, _)| next);
        let mut out: Vec<&str> = Vec::new();
        if !inline.trim().is_empty() {
            out.push(inline.trim());
        }
        out.extend(lines.get(at + 1..end).unwrap_or(&[]).iter().map(|l| l.trim()));
        Some(out)
    };
    // The post's header above the sections (an article that lists the labels
    // is no post): the poster (`作者`) and the board (`看板`).
    let header_end = labels.first().map_or(0, |&(_, at, _)| at);
    let header = &lines[..header_end];
    if !(header.iter().any(|l| l.trim_start().starts_with("作者")) && header.iter().any(|l| l.contains("看板"))) {
        return None;
    }
    let first = |v: &[&str]| v.iter().find(|l| !l.is_empty()).map(|l| l.to_string());
    let title_section = section(3)?;
    let body_section = section(4)?;

    let mut article = Article {
        title: first(&title_section)
            .or_else(|| header.iter().find_map(|l| SUBJECT.captures(l.trim()).map(|c| c[1].trim().to_string()))),
        body_paragraphs: crate::body_paragraphs(&body_section.join("\n")),
        source_name: section(1).and_then(|s| first(&s)),
        url: section(5).and_then(|s| s.iter().find(|l| l.starts_with("http")).map(|l| l.to_string())),
        ..Article::default()
    };
    article.author = section(2).and_then(|s| {
        let byline = first(&s)?;
        meta::parse_meta(&byline).and_then(|m| m.author).or_else(|| meta::inline_byline(&byline))
    });
    article.published_date = header.iter().find_map(|l| posted(l.trim()));
    // Everything but the article's fields: the header, the labels, the
    // poster's note, the signature and the pushes.
    let fields: Vec<&str> = [&title_section, &body_section].into_iter().flatten().copied().collect();
    let label_at = |n: u8| labels.iter().find(|&&(m, _, _)| m == n).map(|&(_, at, _)| at);
    // From the article's label to the link's (or the end).
    let article_lines = label_at(4).map_or(0..0, |at| at + 1..label_at(5).unwrap_or(lines.len()));
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let in_article = article_lines.contains(&i);
        if line.is_empty() || (in_article && fields.contains(&line)) {
            continue;
        }
        let kind = if i < header_end || LABEL.is_match(line) { BoilerplateKind::Meta } else { BoilerplateKind::Other };
        article.boilerplate.push((kind, line.to_string()));
    }
    Some(article)
}

/// The date of the header's `時間` line.
fn posted(line: &str) -> Option<Date> {
    let c = POSTED.captures(line)?;
    let month = MONTHS.iter().position(|m| *m == &c[1])? as u32 + 1;
    Date::new(c[3].parse().ok()?, month, c[2].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "作者 rainyday0915 (雨天)\n看板 Gossiping\n標題 [新聞] 夜市導入行動支付 攤商：年輕客變多\n時間 Sat Jun 15 21:07:44 2024\n\n1.媒體來源:\n嵐港日報\n\n2.記者署名:\n記者蔡佩珊／嵐港報導\n\n3.完整新聞標題:\n夜市導入行動支付 攤商：年輕客變多\n\n4.完整新聞內文:\n嵐港市最大的觀光夜市今年起全面推動行動支付，\n比例接近九成。\n\n賣蚵仔煎的黃老闆說，年輕客人變多了。\n\n5.完整新聞連結 (或短網址)不可用YAHOO、LINE、MSN等轉載媒體:\nhttps://news.example.com.tw/article/3318274\n\n6.備註:\n以前去都要先領現金\n\n--\n※ 發信站: 批踢踢實業坊(ptt.example.cc), 來自: 203.0.113.45\n推 abc: 方便多了                      06/15 21:10\n";

    #[test]
    fn reads_the_templates_sections() {
        let a = read(POST).expect("a template post");
        assert_eq!(a.title.as_deref(), Some("夜市導入行動支付 攤商：年輕客變多"));
        assert_eq!(a.source_name.as_deref(), Some("嵐港日報"));
        assert_eq!(a.author.as_deref(), Some("蔡佩珊"));
        assert_eq!(a.published_date, Date::new(2024, 6, 15));
        assert_eq!(a.url.as_deref(), Some("https://news.example.com.tw/article/3318274"));
        assert_eq!(
            a.body_paragraphs,
            ["嵐港市最大的觀光夜市今年起全面推動行動支付，比例接近九成。", "賣蚵仔煎的黃老闆說，年輕客人變多了。"]
        );
        assert!(a.boilerplate.iter().any(|(_, l)| l == "以前去都要先領現金"));
        assert!(a.boilerplate.iter().any(|(k, l)| *k == BoilerplateKind::Meta && l == "看板 Gossiping"));
        assert!(!a.boilerplate.iter().any(|(_, l)| l.starts_with("嵐港市")));
    }

    /// Labels inline, the header's subject as the title when the section is empty.
    #[test]
    fn inline_values_and_the_subject() {
        let post = "作者: wind (海風) 看板: NorthShore\n標題: [新聞] 老市場改建動工\n時間: Thu May 23 09:41:27 2024\n\n1.媒體來源: 濱城晚報\n2.記者署名: 記者林佩儀／北岸報導\n3.完整新聞標題:\n4.完整新聞內文:\n屋齡超過五十年的市場今日動工。\n";
        let a = read(post).expect("a template post");
        assert_eq!(a.title.as_deref(), Some("老市場改建動工"));
        assert_eq!(a.source_name.as_deref(), Some("濱城晚報"));
        assert_eq!(a.author.as_deref(), Some("林佩儀"));
        assert_eq!(a.published_date, Date::new(2024, 5, 23));
        assert_eq!(a.body_paragraphs, ["屋齡超過五十年的市場今日動工。"]);
    }

    /// A story that quotes a label is no template post.
    #[test]
    fn text_without_the_sections_is_none() {
        assert_eq!(read("標題\n\n他說：「完整新聞內文在哪裡？」\n"), None);
        assert_eq!(read("4.完整新聞內文:\n正文。\n"), None);
        let rules = "八卦板公布轉貼規範\n\n2024-06-15 來源：嵐港日報 記者 蔡佩珊\n\n轉貼新聞須依序填寫：\n3.完整新聞標題\n4.完整新聞內文\n違者將被刪文。\n";
        assert_eq!(read(rules), None);
    }
}
