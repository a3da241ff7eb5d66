//! `repair.script`: Chinese articles converted to one script with OpenCC's
//! phrase tables, every other article left as it is.

mod common;

use std::fs;
use std::path::Path;

use common::{corpusmill, get, ingest, read_table, Row};

const SIMPLIFIED: &str = "岚湖市开通首条水上巴士线路
2025年2月28日 来源：岚湖日报 作者：秦若溪

2月27日上午，岚湖市首条水上巴士线路正式开通运营，全长11.4公里，沿途串联老城区六个码头，单程航行时间约55分钟。

开通首日，不少市民专程前来体验。她说，以前从柳塘到青石湾要换乘两次公交，头发都等白了，经济发展也快了。
";

/// The same article in OpenCC's standard traditional forms (`头发` is `頭髮`,
/// `发展` is `發展`).
const TRADITIONAL: &str = "嵐湖市開通首條水上巴士線路
2025年2月28日 來源：嵐湖日報 作者：秦若溪

2月27日上午，嵐湖市首條水上巴士線路正式開通運營，全長11.4公里，沿途串聯老城區六個碼頭，單程航行時間約55分鐘。

開通首日，不少市民專程前來體驗。她說，以前從柳塘到青石灣要換乘兩次公交，頭髮都等白了，經濟發展也快了。
";

const JAPANESE: &str = "東京湾で水上バスの運行始まる
2025年2月28日

東京都は27日、湾岸の六つの船着き場を結ぶ水上バスの運行を始めたと発表した。片道の所要時間は約55分で、通勤客の利用を見込んでいる。

初日は多くの市民が乗船し、国語の教師だという女性は「渋滞がなく快適だ」と話した。
";

const ENGLISH: &str = "Water Bus Line Opens on Lan Lake
Feb 28, 2025

The first water bus line of Lan Lake opened on Thursday, linking six piers of the old town over 11.4 kilometres.

Riders said the boat was a welcome change from two crowded bus transfers.
";

/// One JSON Lines record in simplified characters: its fields are converted one by one.
const RECORD: &str = r#"{"title": "湖边新建图书馆开放", "content": "新图书馆共有三层，藏书十二万册。\n\n馆长说，这里的软件系统由本地公司开发。", "url": "https://example.com/library"}"#;

fn inputs(dir: &Path) {
    fs::write(dir.join("a-simplified.txt"), SIMPLIFIED).expect("write");
    fs::write(dir.join("b-traditional.txt"), TRADITIONAL).expect("write");
    fs::write(dir.join("c-japanese.txt"), JAPANESE).expect("write");
    fs::write(dir.join("d-english.txt"), ENGLISH).expect("write");
    fs::write(dir.join("e-record.jsonl"), format!("{RECORD}\n")).expect("write");
}

/// The articles by input file name.
fn articles(out: &Path) -> Vec<(String, Row)> {
    let mut rows: Vec<(String, Row)> = read_table(out, "articles")
        .into_iter()
        .map(|row| {
            let path = get(&row, "source_path").expect("source_path");
            let name = Path::new(path).file_name().expect("file name").to_string_lossy().into_owned();
            (name, row)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(rows.len(), 5, "one article per input: {rows:?}");
    rows
}

fn row<'a>(rows: &'a [(String, Row)], name: &str) -> &'a Row {
    &rows.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no article from {name}")).1
}

fn ingest_with(script: &str, input: &Path, out: &Path) -> Vec<(String, Row)> {
    let config = out.with_extension("toml");
    fs::write(&config, format!("[repair]\nscript = \"{script}\"\n")).expect("write");
    ingest(&[input], out, script, &["--config", config.to_str().expect("utf-8")]);
    articles(out)
}

/// The body paragraphs a text dump's article keeps (all after the date line).
fn body_of(dump: &str) -> String {
    dump.split("\n\n").skip(1).map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn keep_leaves_every_article_as_written() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    inputs(input.path());
    let rows = ingest_with("keep", input.path(), &out.path().join("keep"));
    for (name, row) in &rows {
        let repairs = get(row, "repairs").unwrap_or_default();
        assert!(!repairs.contains("script_converted"), "{name}: {repairs}");
    }
    assert_eq!(get(row(&rows, "a-simplified.txt"), "script"), Some("hans"));
    assert_eq!(get(row(&rows, "b-traditional.txt"), "script"), Some("hant"));
    assert_eq!(get(row(&rows, "a-simplified.txt"), "body"), Some(body_of(SIMPLIFIED).as_str()));
    // Two scripts, two different texts: not duplicates.
    assert_eq!(get(row(&rows, "b-traditional.txt"), "duplicate_of"), None);
}

#[test]
fn traditional_converts_chinese_articles_only() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    inputs(input.path());
    let rows = ingest_with("traditional", input.path(), &out.path().join("traditional"));

    let simplified = row(&rows, "a-simplified.txt");
    assert_eq!(get(simplified, "title"), Some("嵐湖市開通首條水上巴士線路"));
    assert_eq!(get(simplified, "body"), Some(body_of(TRADITIONAL).as_str()));
    assert_eq!(get(simplified, "source_name"), Some("嵐湖日報"));
    assert_eq!(get(simplified, "script"), Some("hant"));
    assert!(get(simplified, "repairs").unwrap_or_default().contains("script_converted="), "{simplified:?}");

    // Already traditional: nothing to change, and now the same article.
    let traditional = row(&rows, "b-traditional.txt");
    assert_eq!(get(traditional, "body"), Some(body_of(TRADITIONAL).as_str()));
    assert!(!get(traditional, "repairs").unwrap_or_default().contains("script_converted"));
    assert_eq!(get(traditional, "duplicate_of"), get(simplified, "doc_id"));

    // A JSON record's fields are converted one by one.
    let record = row(&rows, "e-record.jsonl");
    assert_eq!(get(record, "title"), Some("湖邊新建圖書館開放"));
    assert_eq!(get(record, "body"), Some("新圖書館共有三層，藏書十二萬冊。\n\n館長說，這裏的軟件系統由本地公司開發。"));

    // Japanese kanji and English stay as written.
    assert_eq!(get(row(&rows, "c-japanese.txt"), "body"), Some(body_of(JAPANESE).as_str()));
    assert_eq!(get(row(&rows, "c-japanese.txt"), "lang"), Some("ja"));
    assert_eq!(get(row(&rows, "d-english.txt"), "body"), Some(body_of(ENGLISH).as_str()));
}

#[test]
fn simplified_converts_traditional_articles() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    inputs(input.path());
    let rows = ingest_with("simplified", input.path(), &out.path().join("simplified"));
    let traditional = row(&rows, "b-traditional.txt");
    assert_eq!(get(traditional, "title"), Some("岚湖市开通首条水上巴士线路"));
    assert_eq!(get(traditional, "body"), Some(body_of(SIMPLIFIED).as_str()));
    assert_eq!(get(traditional, "script"), Some("hans"));
    assert!(get(traditional, "repairs").unwrap_or_default().contains("script_converted="));
    assert_eq!(get(row(&rows, "a-simplified.txt"), "body"), Some(body_of(SIMPLIFIED).as_str()));
    assert_eq!(get(row(&rows, "c-japanese.txt"), "body"), Some(body_of(JAPANESE).as_str()));
}

#[test]
fn a_converted_article_without_a_body_is_still_refused() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let record = r#"{"title": "湖边新建图书馆开放", "summary": "这里的图书馆", "content": ""}"#;
    fs::write(input.path().join("empty-body.jsonl"), format!("{record}\n")).expect("write");
    let config = out.path().join("traditional.toml");
    fs::write(&config, "[repair]\nscript = \"traditional\"\n").expect("write");
    ingest(&[input.path()], &out.path().join("out"), "t", &["--config", config.to_str().expect("utf-8")]);
    assert!(read_table(&out.path().join("out"), "articles").is_empty());
    let rejects = read_table(&out.path().join("out"), "rejects");
    assert_eq!(rejects.iter().map(|r| get(r, "reason")).collect::<Vec<_>>(), [Some("no_body")]);
}

#[test]
fn the_repair_command_converts_a_chinese_text_and_not_a_japanese_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let convert = |text: &str, script: &str| {
        let path = dir.path().join("in.txt");
        fs::write(&path, text).expect("write");
        let output = corpusmill().arg("repair").arg(&path).args(["--script", script]).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    assert_eq!(convert(SIMPLIFIED, "traditional"), TRADITIONAL);
    assert_eq!(convert(TRADITIONAL, "simplified"), SIMPLIFIED);
    assert_eq!(convert(JAPANESE, "simplified"), JAPANESE);
    assert_eq!(convert("这里的软件", "taiwan"), "這裡的軟體");
    let refused = corpusmill().args(["repair", "--script", "klingon", "-"]).output().expect("runs");
    assert_eq!(refused.status.code(), Some(2));
}
