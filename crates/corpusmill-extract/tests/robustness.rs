//! The extractor must never panic, whatever it is fed.

use corpusmill_extract::extract_text_dump;

#[test]
fn degenerate_inputs() {
    for text in [
        "",
        "\n",
        "\r\n\r\n\r",
        "　　",
        "单独一行",
        "One line only",
        "2025-02-28",
        "2025-02-30",
        "民國",
        "年月日",
        "|||",
        "> > >",
        "摘要：",
        "【导读】",
        "By",
        "by ,",
        "来源：",
        "作者：　|　来源：",
        "相关新闻",
        "免责声明：",
        "https://",
        "Retrieved",
        "采集时间：2025-13-45 99:99",
        "3天前",
        "二〇二五年二月三十日",
        "\u{feff}\u{200b}\u{0}",
        "…",
        "...",
    ] {
        let a = extract_text_dump(text);
        for p in &a.body_paragraphs {
            assert!(!p.is_empty());
        }
    }
}

#[test]
fn binary_junk() {
    let bytes: Vec<u8> = (0u32..20_000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let _ = extract_text_dump(&text);
}

#[test]
fn very_long_line() {
    let line = "很长的一行，".repeat(20_000);
    let a = extract_text_dump(&line);
    assert_eq!(a.body_paragraphs.len(), 1);
}

/// Deterministic fuzzing: random documents built from pieces that exercise every rule.
#[test]
fn random_documents_do_not_panic() {
    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "　　",
        " ",
        "  ",
        "|",
        "｜",
        "／",
        "/",
        ">",
        ">>",
        "·",
        "•",
        "2025",
        "-",
        "/",
        ".",
        "02",
        "28",
        "30",
        "年",
        "月",
        "日",
        "号",
        "T09:15:00+08:00",
        "09:15",
        "民國",
        "113",
        "二〇二五",
        "十",
        "二十八",
        "〇",
        "廿",
        "3天前",
        "小時前",
        "days ago",
        "Feb",
        "February",
        " 28, 2025",
        "来源：",
        "作者：",
        "记者 ",
        "記者",
        "報導",
        "By ",
        "by ",
        "Updated ",
        "Published ",
        "摘要：",
        "【导读】",
        "Summary: ",
        "免责声明：",
        "Disclaimer: ",
        "责任编辑：",
        "Editing by ",
        "分享：",
        "微信",
        "Share: ",
        "相关新闻",
        "Related stories:",
        "©",
        "版权所有",
        "All rights reserved",
        "当前位置：",
        "首页",
        "Home",
        "长按扫码",
        "阅读全文",
        "采集时间：",
        "Retrieved ",
        "原文链接：",
        "https://x.example/a?b=1",
        "字号：",
        "标题",
        "正文",
        "，",
        "。",
        "！",
        "？",
        ".",
        ",",
        "\"",
        "”",
        "「",
        "」",
        "…",
        "Title",
        "word",
        "Word",
        "澜江",
        "A",
        "é",
        "\u{200b}",
        "\u{feff}",
        "\t",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 80) as usize;
        let mut doc = String::new();
        for _ in 0..len {
            doc.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let a = extract_text_dump(&doc);
        if let Some(d) = a.published_date {
            // Any date returned must be a real calendar date.
            assert!(corpusmill_extract::Date::new(d.year, d.month, d.day).is_some(), "{d:?}");
            let _ = d.days_since_unix_epoch();
        }
    }
}
