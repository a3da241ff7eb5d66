//! `corpusmill inspect`: the rows a key names, as the tables hold them, with
//! what a later run superseded.

mod common;

use std::fs;
use std::path::Path;

use common::{corpusmill, get, ingest, read_table, repo_dir};

/// `inspect OUT KEY --json`: the rows, each a JSON object.
fn inspect(out: &Path, key: &str) -> Vec<serde_json::Value> {
    let output = corpusmill().arg("inspect").arg(out).arg(key).arg("--json").output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

#[test]
fn a_key_finds_the_rows_the_tables_hold_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    ingest(&[&repo_dir().join("data")], &out, "r1", &[]);
    let articles = read_table(&out, "articles");
    let rejects = read_table(&out, "rejects");

    // A rejected file: its reject row, with the reason.
    let reject = &rejects[0];
    let path = get(reject, "source_path").expect("path");
    let found = inspect(&out, path);
    let expected = rejects.iter().filter(|r| get(r, "source_path") == Some(path)).count()
        + articles.iter().filter(|r| get(r, "source_path") == Some(path)).count();
    assert_eq!(found.len(), expected, "{found:?}");
    let row = found.iter().find(|r| r["table"] == "rejects").expect("the reject");
    assert_eq!(row["reason"].as_str(), get(reject, "reason"));
    assert_eq!(row["superseded_by"], serde_json::Value::Null);

    // A duplicated text: its content hash names every copy; the doc_id of
    // the first names it and the copies that point at it.
    let copy = articles.iter().find(|r| get(r, "duplicate_of").is_some()).expect("the sample data has copies");
    let hash = get(copy, "content_hash").expect("hash");
    let copies: Vec<_> = articles.iter().filter(|r| get(r, "content_hash") == Some(hash)).collect();
    assert!(copies.len() >= 2);
    let found = inspect(&out, hash);
    assert_eq!(found.len(), copies.len());
    let first = get(copy, "duplicate_of").expect("first");
    let found = inspect(&out, first);
    let pointing = articles.iter().filter(|r| get(r, "duplicate_of") == Some(first)).count();
    assert_eq!(found.len(), 1 + pointing);
    let row = found.iter().find(|r| r["doc_id"] == first).expect("the first copy");
    let want = articles.iter().find(|r| get(r, "doc_id") == Some(first)).expect("in the table");
    for column in ["title", "body", "lang", "published_date", "char_count"] {
        let got = match &row[column] {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        assert_eq!(got.as_deref(), get(want, column), "{column}");
    }

    // Nothing named: no rows, a note, and exit code 5 for scripts.
    let output = corpusmill().arg("inspect").arg(&out).arg("no/such/file.txt").output().expect("runs");
    assert_eq!(output.status.code(), Some(5));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no row of"));
    // A folder that is no output: refused.
    let output = corpusmill().arg("inspect").arg(dir.path()).arg(first).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn superseded_rows_say_which_run_replaced_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    let file = data.join("a.txt");
    fs::write(&file, "Title\n\nThe first body.").expect("write");
    let out = dir.path().join("out");
    ingest(&[&data], &out, "r1", &[]);
    fs::write(&file, "Title\n\nThe second body.").expect("write");
    ingest(&[&data], &out, "r2", &[]);

    let path = read_table(&out, "articles")[0].get("source_path").cloned().flatten().expect("path");
    let mut found = inspect(&out, &path);
    found.sort_by_key(|r| r["run_id"].as_str().map(str::to_owned));
    let states: Vec<_> =
        found.iter().map(|r| (r["run_id"].clone(), r["superseded_by"].clone(), r["body"].clone())).collect();
    assert_eq!(
        states,
        [
            ("r1".into(), "r2".into(), "The first body.".into()),
            ("r2".into(), serde_json::Value::Null, "The second body.".into())
        ]
    );
    let text = corpusmill().arg("inspect").arg(&out).arg(&path).output().expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("article (superseded by run r2, run r1)") && text.contains("article (current, run r2)"),
        "{text}"
    );
}
