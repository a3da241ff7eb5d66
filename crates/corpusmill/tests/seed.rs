//! The seed article, ingested end to end, must give exactly its expected
//! fields. Reads `../shared/seeds/`; skipped with a message when absent.

mod common;

use std::fs;

use common::{get, ingest, read_table, shared_dir};

#[test]
fn seed_article_fields_are_exact() {
    let Some(shared) = shared_dir() else { return };
    let seeds = shared.join("seeds");
    let expected: serde_json::Value =
        serde_json::from_slice(&fs::read(seeds.join("article-001.expected.json")).expect("expected json"))
            .expect("valid json");
    let input = tempfile::tempdir().expect("tempdir");
    fs::copy(seeds.join("article-001.txt"), input.path().join("article-001.txt")).expect("copy seed");
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[input.path()], out.path(), "seed", &[]);

    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 1, "one article, no rejects: {:?}", read_table(out.path(), "rejects"));
    let row = &articles[0];
    assert_eq!(get(row, "title"), expected["title"].as_str());
    assert_eq!(get(row, "published_date"), expected["published_date"].as_str());
    assert_eq!(get(row, "summary"), expected["summary"].as_str());
    let paragraphs: Vec<&str> = expected["body_paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p.as_str().expect("string"))
        .collect();
    assert_eq!(paragraphs.len(), 10);
    let body = get(row, "body").expect("body");
    assert_eq!(body.split("\n\n").collect::<Vec<_>>(), paragraphs);
    assert_eq!(get(row, "script"), Some("hant"));
    assert_eq!(get(row, "lang"), Some("zh"));

    let repairs = get(row, "repairs").expect("repairs");
    let pinyin = expected["repairs"]["pinyin_annotations_in_input"].as_u64().expect("count");
    let lost = expected["repairs"]["lost_lead_byte_markers_in_input"].as_u64().expect("count");
    assert!(repairs.contains(&format!("pinyin_annotation={pinyin}")), "{repairs}");
    assert!(repairs.contains(&format!("lost_lead_byte={lost}")), "{repairs}");

    for needle in expected["must_not_contain_in_any_field"].as_array().expect("list") {
        let needle = needle.as_str().expect("string");
        for (column, value) in row {
            if let Some(value) = value {
                assert!(!value.contains(needle), "{column} contains {needle:?}");
            }
        }
    }
}
