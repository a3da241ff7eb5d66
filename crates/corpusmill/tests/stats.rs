//! `corpusmill stats`: its counts agree with the tables read row by row, and
//! rows a later run superseded are not counted.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{corpusmill, get, ingest, read_table, repo_dir, stats_json as stats, Row};

/// The rows of `table` no superseded row takes back.
fn current(out: &Path, table: &str) -> Vec<Row> {
    let key = |r: &Row| (get(r, "source_path").map(str::to_owned), get(r, "run_id").map(str::to_owned));
    let gone: BTreeSet<_> = read_table(out, "superseded").iter().map(key).collect();
    read_table(out, table).into_iter().filter(|r| !gone.contains(&key(r))).collect()
}

fn tally(rows: &[Row], column: &str) -> serde_json::Value {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for row in rows {
        *counts.entry(get(row, column).unwrap_or("null").to_owned()).or_default() += 1;
    }
    serde_json::to_value(counts).expect("json")
}

/// What `stats` must say of the current rows, worked out from them here.
fn expected(out: &Path) -> serde_json::Value {
    let articles = current(out, "articles");
    let rejects = current(out, "rejects");
    let mut repairs: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for row in &articles {
        for item in get(row, "repairs").unwrap_or_default().split(',').filter(|s| !s.is_empty()) {
            let (kind, n) = item.split_once('=').expect("kind=count");
            let entry = repairs.entry(kind.to_owned()).or_default();
            entry.0 += 1;
            entry.1 += n.parse::<u64>().expect("count");
        }
    }
    serde_json::json!({
        "articles": articles.len(),
        "duplicates": articles.iter().filter(|r| get(r, "duplicate_of").is_some()).count(),
        "body_chars": articles.iter().map(|r| get(r, "char_count").expect("n").parse::<u64>().expect("u64")).sum::<u64>(),
        "by_lang": tally(&articles, "lang"),
        "by_script": tally(&articles, "script"),
        "by_format": tally(&articles, "format"),
        "by_encoding": tally(&articles, "encoding"),
        "repaired_articles": articles.iter().filter(|r| !get(r, "repairs").unwrap_or_default().is_empty()).count(),
        "repairs": repairs.iter().map(|(k, (d, n))| (k.clone(), serde_json::json!({"documents": d, "repairs": n})))
            .collect::<serde_json::Map<_, _>>(),
        "rejects": rejects.len(),
        "rejects_by_reason": tally(&rejects, "reason"),
    })
}

fn assert_agrees(out: &Path) -> serde_json::Value {
    let got = stats(out);
    let want = expected(out);
    for (key, value) in want.as_object().expect("object") {
        assert_eq!(&got[key], value, "{key}");
    }
    got
}

#[test]
fn stats_count_the_sample_data_as_its_tables_hold_it() {
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], out.path(), "first", &[]);
    let got = assert_agrees(out.path());
    assert!(got["articles"].as_u64().expect("n") > 10 && got["rejects"].as_u64().expect("n") > 0, "{got}");
    assert_eq!(got["runs"].as_array().map(Vec::len), Some(1));
    assert_eq!(got["runs"][0]["run_id"], "first");
    assert_eq!(got["cross_shard_duplicates"], serde_json::Value::Null);
    // For people too.
    let text = corpusmill().arg("stats").arg(out.path()).output().expect("runs");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(text.contains(&format!("articles   {} current", got["articles"])), "{text}");
}

#[test]
fn superseded_rows_are_not_counted() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let article = |n: u32| {
        format!("第{n}号新闻标题\n2024年11月3日 来源：长河日报\n\n长河市今天宣布第{n}项措施。\n\n第二段说明细节。\n")
    };
    fs::write(input.path().join("a.txt"), article(1)).expect("write");
    fs::write(input.path().join("b.txt"), article(2)).expect("write");
    fs::write(input.path().join("empty.txt"), "").expect("write");
    ingest(&[input.path()], out.path(), "r1", &[]);
    // b changes (its old row is superseded) and the empty file gets text.
    fs::write(input.path().join("b.txt"), article(3)).expect("write");
    fs::write(input.path().join("empty.txt"), article(4)).expect("write");
    ingest(&[input.path()], out.path(), "r2", &[]);
    let got = assert_agrees(out.path());
    assert_eq!((got["articles"].as_u64(), got["rejects"].as_u64()), (Some(3), Some(0)), "{got}");
    assert_eq!(got["superseded_rows"].as_u64(), Some(2), "{got}");
    assert_eq!(got["runs"].as_array().map(Vec::len), Some(2));
}

#[test]
fn shards_are_summed() {
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], &out.path().join("whole"), "whole", &[]);
    for k in 0..3 {
        let shard = format!("{k}/3");
        ingest(&[&repo_dir().join("data")], &out.path().join(format!("s{k}")), &format!("s{k}"), &["--shard", &shard]);
    }
    let whole = stats(&out.path().join("whole"));
    let output = corpusmill()
        .arg("stats")
        .args((0..3).map(|k| out.path().join(format!("s{k}"))))
        .arg("--json")
        .output()
        .expect("runs");
    let summed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    // Duplicates are found within a shard only; everything else adds up.
    for key in
        ["articles", "rejects", "body_chars", "by_lang", "by_format", "by_encoding", "rejects_by_reason", "repairs"]
    {
        assert_eq!(summed[key], whole[key], "{key}");
    }
    assert_eq!(summed["runs"].as_array().map(Vec::len), Some(3));
    // What `duplicate_of` cannot see across shards, stats counts.
    let (within, across) = (summed["duplicates"].as_u64(), summed["cross_shard_duplicates"].as_u64());
    assert_eq!(within.zip(across).map(|(w, a)| w + a), whole["duplicates"].as_u64(), "{summed}");
    assert!(across > Some(0), "the sample data's duplicates should fall in several shards: {summed}");
}

#[test]
fn a_folder_that_is_not_an_output_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = corpusmill().arg("stats").arg(dir.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a corpusmill output directory"));
}

/// `--html` writes one page with the counts and examples of each reject
/// reason, every name from the tables escaped; the JSON has the examples too.
#[test]
fn the_html_report_names_rejects_and_escapes_what_the_tables_hold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    fs::write(data.join("ok.txt"), "Title\n\nA body of text.").expect("write");
    for k in 0..7 {
        fs::write(data.join(format!("<b>{k}.bin")), [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("write");
    }
    let out = dir.path().join("out");
    ingest(&[&data], &out, "r1", &[]);
    let page_path = dir.path().join("report.html");
    let output = corpusmill().arg("stats").arg(&out).arg("--html").arg(&page_path).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = fs::read_to_string(&page_path).expect("the page");
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(!page.contains("<b>0.bin"), "a name from the tables opened a tag");
    let reasons = tally(&current(&out, "rejects"), "reason");
    let (reason, count) = reasons.as_object().and_then(|m| m.iter().next()).expect("a reason");
    assert!(page.contains(&format!("<td>{reason}</td><td class=\"n\">{count}</td>")), "{page}");
    let shown = page.matches("&lt;b&gt;").count();
    assert_eq!(shown, 5, "five examples of the one reason: {page}");

    let json = stats(&out);
    let examples = json["reject_examples"][reason].as_array().expect("examples");
    assert_eq!(examples.len(), 5);
    assert!(examples[0]["source_path"].as_str().is_some_and(|p| p.contains("<b>")));
    // The same tables, the same page.
    let again = dir.path().join("again.html");
    corpusmill().arg("stats").arg(&out).arg("--html").arg(&again).output().expect("runs");
    assert_eq!(fs::read(&again).expect("again"), page.as_bytes());
}
