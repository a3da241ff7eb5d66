//! Random inputs made of the pieces the extractors look for (dates, labels,
//! bylines, boilerplate, markup), in any order, and a real page damaged at
//! random: extraction never panics, and what it returns is of the input.

use corpusmill_extract::{extract_html, extract_text_dump};
use proptest::prelude::*;

/// What meta lines, boilerplate and bodies are made of.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "　",
    "|",
    "：",
    ":",
    "来源：",
    "作者：",
    "记者 ",
    "发布时间：",
    "2025-02-28",
    "2025年2月28日",
    "10:30",
    "12月",
    "31日",
    "民國114年",
    "3天前",
    "By ",
    "Updated ",
    "Feb 28, 2025",
    "【导读】",
    "免责声明：",
    "長按掃碼 閱讀全文",
    "责任编辑：",
    "https://example.com/a?b=1",
    "相关新闻",
    "> ",
    "标题",
    "正文第一段。",
    "English text.",
    "“",
    "”",
    "（",
    "）",
    "發(fā)布",
    "或?qū)⒎蛛A段",
    "\u{FFFD}",
    "\r",
    "\t",
    "99:99",
    "2025-13-45",
    "0",
    "9",
    "年",
    "月",
    "日",
];

fn text_of_pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

const PAGE: &str = include_str!("../../../data/html/zhs-bridge.html");

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn text_dumps_of_any_pieces_are_extracted(text in text_of_pieces()) {
        let article = extract_text_dump(&text);
        // Every body character was in the input (the extractor trims and
        // joins lines; it does not invent text).
        for c in article.body_paragraphs.concat().chars().filter(|c| !c.is_whitespace()) {
            prop_assert!(text.contains(c), "{c:?} is not in {text:?}");
        }
    }

    #[test]
    fn a_page_cut_and_spliced_at_random_is_extracted(
        cuts in prop::collection::vec((0.0..1.0f64, 0.0..1.0f64), 1..4),
        junk in text_of_pieces(),
    ) {
        let mut page = PAGE.to_owned();
        for (from, to) in cuts {
            let at = |share: f64| {
                let mut i = (share * page.len() as f64) as usize;
                while !page.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let (a, b) = (at(from.min(to)), at(from.max(to)));
            page.replace_range(a..b, &junk);
        }
        let article = extract_html(&page, Some("https://example.com/news/1.html"));
        for c in article.body_paragraphs.concat().chars().filter(|c| !c.is_whitespace()) {
            prop_assert!(page.contains(c) || c == '\u{FFFD}', "{c:?} is not in the page");
        }
    }
}
