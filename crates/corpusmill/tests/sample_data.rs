//! The bundled `data/` folder is what the README's first command ingests: every file's
//! fields must match what `benches/sample-data/README.md` documents, and every damaged
//! copy must come out with the same body as the clean text it was made from.

mod common;

use std::collections::BTreeMap;

use common::{get, ingest, read_table, repo_dir, Row};

fn by_file(rows: Vec<Row>) -> BTreeMap<String, Row> {
    rows.into_iter()
        .map(|row| {
            let path = get(&row, "source_path").expect("source_path");
            let rel = path.rsplit("data/").next().unwrap_or(path).to_string();
            (rel, row)
        })
        .collect()
}

#[test]
fn sample_data_gives_the_documented_fields() {
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], out.path(), "sample", &[]);
    let articles = by_file(read_table(out.path(), "articles"));
    let rejects = by_file(read_table(out.path(), "rejects"));

    // (file, published_date, author, source_name, has url, paragraphs, has summary)
    type Expect = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, bool, usize, bool);
    let expected: [Expect; 8] = [
        ("clean/zhs-news.txt", "2025-02-28", Some("秦若溪"), Some("岚湖日报"), false, 5, false),
        ("clean/zhs-farm.txt", "2024-10-09", None, None, false, 4, true),
        ("clean/zhs-school-crlf.txt", "2025-03-06", Some("祁晓岚"), Some("云岫晚报"), true, 4, true),
        ("clean/zhs-market-indent.txt", "2024-12-16", Some("韦思远"), Some("栖梧融媒"), false, 5, false),
        ("clean/zht-bus-minguo.txt", "2024-05-22", Some("施怡君"), None, false, 4, false),
        ("clean/zht-ferry-indent.txt", "2024-08-30", Some("甘家豪"), Some("海坪日報"), true, 5, false),
        ("clean/en-library.txt", "2025-02-28", Some("Priya Castellan"), Some("Harrowgate Courier"), true, 5, false),
        ("clean/en-otters-wrapped.txt", "2025-02-28", Some("Declan Whitmore"), None, false, 5, true),
    ];
    for (file, date, author, source, has_url, paragraphs, has_summary) in expected {
        let row = articles.get(file).unwrap_or_else(|| panic!("{file} is not in articles"));
        assert_eq!(get(row, "published_date"), Some(date), "{file}: date");
        assert_eq!(get(row, "author"), author, "{file}: author");
        assert_eq!(get(row, "source_name"), source, "{file}: source");
        assert_eq!(get(row, "url").is_some(), has_url, "{file}: url");
        assert_eq!(get(row, "summary").is_some(), has_summary, "{file}: summary");
        let body = get(row, "body").expect("body");
        assert_eq!(body.split("\n\n").count(), paragraphs, "{file}: paragraphs in\n{body}");
        for line in body.lines() {
            assert_eq!(line, line.trim_start_matches('\u{3000}'), "{file}: indentation left in body");
        }
        let title = get(row, "title").expect("title");
        assert!(!body.contains(title), "{file}: the title is repeated in the body");
    }
    assert!(
        get(&articles["clean/en-otters-wrapped.txt"], "body")
            .is_some_and(|b| !b.contains("walking the length of the River Fen last weekend\n")),
        "hard-wrapped lines are joined"
    );

    // Lossless damage repairs back to the clean source's fields.
    for (damaged, clean, encoding) in [
        ("damaged/news-legacy_gb18030.txt", "clean/zhs-news.txt", "GBK"),
        ("damaged/news-html_entities.txt", "clean/zhs-news.txt", "UTF-8"),
        ("damaged/school-utf16le_bom.txt", "clean/zhs-school-crlf.txt", "UTF-16LE"),
    ] {
        let (d, c) = (&articles[damaged], &articles[clean]);
        for field in ["title", "published_date", "author", "source_name", "body", "summary", "content_hash"] {
            assert_eq!(get(d, field), get(c, field), "{damaged}: {field} differs from {clean}");
        }
        assert_eq!(get(d, "encoding"), Some(encoding), "{damaged}: encoding");
    }
    assert!(get(&articles["damaged/news-html_entities.txt"], "repairs").is_some_and(|r| r.contains("html_entity=")));
    assert_eq!(get(&articles["damaged/market-legacy_big5.txt"], "encoding"), Some("Big5"));
    assert_eq!(get(&articles["damaged/market-legacy_big5.txt"], "script"), Some("hant"));

    // The content-farm copy is traditional: same date and paragraph count, no damage left.
    let farm = &articles["damaged/farm-contentfarm.txt"];
    assert_eq!(get(farm, "published_date"), Some("2024-10-09"));
    assert_eq!(get(farm, "body").map(|b| b.split("\n\n").count()), Some(4));
    let repairs = get(farm, "repairs").expect("repairs");
    assert!(repairs.contains("pinyin_annotation=") && repairs.contains("lost_lead_byte="), "{repairs}");
    for field in ["title", "body", "summary"] {
        let text = get(farm, field).expect(field);
        assert!(!text.contains("(qiáo)") && !text.contains("zhí)"), "{field} keeps farm damage: {text}");
    }

    assert_eq!(get(&rejects["bad/empty.txt"], "reason"), Some("empty"));
    assert_eq!(get(&rejects["bad/binary.bin"], "reason"), Some("binary"));
    assert_eq!(articles.len() + rejects.len(), 15, "every file in data/ is accounted for");
}
