//! The bundled `data/` folder is what the README's first command ingests: every file's
//! fields must match what `benches/sample-data/README.md` documents, and every damaged
//! copy must come out with the same body as the clean text it was made from.

mod common;

use std::collections::BTreeMap;

use common::{get, ingest, read_table, repo_dir, Row};

/// Rows of plain files (not archive members or records), by path under `data/`.
fn by_file(rows: &[Row]) -> BTreeMap<String, Row> {
    rows.iter()
        .filter(|row| get(row, "source_member").is_none() && get(row, "source_record").is_none())
        .map(|row| {
            let path = get(row, "source_path").expect("source_path");
            let rel = path.rsplit("data/").next().unwrap_or(path).to_string();
            (rel, row.clone())
        })
        .collect()
}

#[test]
fn sample_data_gives_the_documented_fields() {
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], out.path(), "sample", &[]);
    let all_articles = read_table(out.path(), "articles");
    let all_rejects = read_table(out.path(), "rejects");
    let articles = by_file(&all_articles);
    let rejects = by_file(&all_rejects);

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
    // Containers: every record and member is accounted for.
    let files: std::collections::BTreeSet<&str> =
        all_articles.iter().chain(&all_rejects).filter_map(|r| get(r, "source_path")).collect();
    assert_eq!(files.len(), 19, "every file in data/ is accounted for: {files:?}");
    let of = |rows: &[Row], file: &str| -> Vec<(Option<String>, Option<String>)> {
        rows.iter()
            .filter(|r| get(r, "source_path").is_some_and(|p| p.ends_with(file)))
            .map(|r| (get(r, "source_member").map(str::to_owned), get(r, "source_record").map(str::to_owned)))
            .collect()
    };
    let rec = |n: &str| (None, Some(n.to_owned()));
    assert_eq!(of(&all_articles, "feeds/feed.jsonl.gz"), [rec("1"), rec("2"), rec("4")]);
    assert_eq!(of(&all_rejects, "feeds/feed.jsonl.gz"), [rec("3")]);
    assert_eq!(of(&all_articles, "warc/crawl.warc.gz"), [rec("2")]);
    assert_eq!(of(&all_rejects, "warc/crawl.warc.gz"), [rec("3")]);
    let member = |m: &str| (Some(m.to_owned()), None);
    assert_eq!(
        of(&all_articles, "archives/bundle.zip"),
        [member("scrape/site-a.tar.gz!2025/market.txt"), member("scrape/site-a.tar.gz!2025/bridge.html")]
    );
    let page = &articles["html/zhs-bridge.html"];
    assert_eq!(get(page, "title"), Some("青溪大桥完成加固改造 今起恢复双向通行"));
    assert_eq!(get(page, "published_date"), Some("2025-01-16"));
    assert_eq!(get(page, "author"), Some("陆知行"));
    assert_eq!(get(page, "source_name"), Some("青溪晚报"));
    let body = get(page, "body").expect("body");
    assert_eq!(body.split("\n\n").count(), 4);
    for chrome in ["首页", "分享到", "相关阅读", "版权所有"] {
        assert!(!body.contains(chrome), "{chrome} in {body}");
    }
    assert!(get(page, "duplicate_of").is_some(), "the same page was read from the zip first");
}
