//! `corpusmill merge`: the shards of a job array become the tables one
//! unsharded run writes, with duplicates marked across shards, superseded
//! rows left out, and the same bytes each time.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{corpusmill, get, ingest, parquet_files, read_table, repo_dir, stats_json, Row};

fn merge(shards: &[&Path], out: &Path) -> Output {
    corpusmill().arg("merge").args(shards).arg("--out").arg(out).arg("--quiet").output().expect("corpusmill runs")
}

fn merged(shards: &[&Path], out: &Path) -> serde_json::Value {
    let output = merge(shards, out);
    assert!(output.status.success(), "merge failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&fs::read(out.join("merge.json")).expect("merge.json")).expect("json")
}

/// Rows keyed by doc_id (articles) or by source (rejects), without the
/// columns a merge may change: `run_id` and `duplicate_of`.
fn by_key(rows: &[Row], key: &[&str]) -> BTreeMap<Vec<Option<String>>, Row> {
    let mut out = BTreeMap::new();
    for row in rows {
        let k: Vec<_> = key.iter().map(|c| get(row, c).map(str::to_owned)).collect();
        let mut row = row.clone();
        row.remove("run_id");
        row.remove("duplicate_of");
        assert!(out.insert(k.clone(), row).is_none(), "{k:?} twice");
    }
    out
}

const REJECT_KEY: [&str; 5] = ["source_path", "source_member", "source_record", "stage", "reason"];

/// The sample data in three shards and unsharded.
fn shards_and_whole(dir: &Path, data: &Path) -> (Vec<PathBuf>, PathBuf) {
    let shards: Vec<PathBuf> = (0..3).map(|k| dir.join(format!("shard-{k}"))).collect();
    for (k, shard) in shards.iter().enumerate() {
        ingest(&[data], shard, &format!("s{k}"), &["--shard", &format!("{k}/3")]);
    }
    let whole = dir.join("whole");
    ingest(&[data], &whole, "whole", &[]);
    (shards, whole)
}

#[test]
fn shards_merge_into_the_tables_of_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (shards, whole) = shards_and_whole(dir.path(), &repo_dir().join("data"));
    let shard_refs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let out = dir.path().join("merged");
    let report = merged(&shard_refs, &out);

    let (articles, expected) = (read_table(&out, "articles"), read_table(&whole, "articles"));
    assert!(!expected.is_empty());
    assert_eq!(by_key(&articles, &["doc_id"]), by_key(&expected, &["doc_id"]));
    let (rejects, expected_rejects) = (read_table(&out, "rejects"), read_table(&whole, "rejects"));
    assert_eq!(by_key(&rejects, &REJECT_KEY), by_key(&expected_rejects, &REJECT_KEY));
    assert_eq!(report["articles"], articles.len());
    assert_eq!(report["rejects"], rejects.len());

    // Each text has one first copy, which every other copy names, wherever
    // the shards put them; as many copies are marked as one run marks.
    let mut firsts: BTreeMap<&str, &str> = BTreeMap::new();
    for row in articles.iter().filter(|r| get(r, "duplicate_of").is_none()) {
        let hash = get(row, "content_hash").expect("hash");
        assert!(firsts.insert(hash, get(row, "doc_id").expect("id")).is_none(), "two first copies of {hash}");
    }
    let marked = articles.iter().filter(|r| get(r, "duplicate_of").is_some()).count();
    for row in &articles {
        let first = firsts.get(get(row, "content_hash").expect("hash")).copied();
        assert_eq!(get(row, "duplicate_of").or(get(row, "doc_id")), first, "{row:?}");
    }
    let whole_marked = expected.iter().filter(|r| get(r, "duplicate_of").is_some()).count();
    assert!(whole_marked > 0, "the sample data holds duplicates");
    assert_eq!((marked, report["duplicates"].as_u64()), (whole_marked, Some(whole_marked as u64)));
    // Some of them only the merge can see: the shards alone mark fewer.
    let shard_marked: usize = shards
        .iter()
        .map(|s| read_table(s, "articles").iter().filter(|r| get(r, "duplicate_of").is_some()).count())
        .sum();
    assert!(shard_marked < whole_marked, "the sample data's copies should fall in several shards");
    assert!(report["duplicates_across_shards"].as_u64() >= Some((whole_marked - shard_marked) as u64));

    // `stats` reads the merged tables as it reads one run's.
    let (of_merge, of_whole) = (stats_json(&out), stats_json(&whole));
    for key in ["articles", "duplicates", "rejects", "rejects_by_reason", "by_lang", "repairs"] {
        assert_eq!(of_merge[key], of_whole[key], "{key}");
    }

    // The same shards, merged again: the same bytes, and nothing left over.
    let bytes = |out: &Path| -> Vec<Vec<u8>> {
        ["articles", "rejects"]
            .iter()
            .flat_map(|t| parquet_files(&out.join(t)))
            .map(|p| fs::read(p).expect("read"))
            .collect()
    };
    let first = bytes(&out);
    assert_eq!(first.len(), 2);
    merged(&shard_refs, &out);
    assert_eq!(bytes(&out), first);
    let names: BTreeSet<String> = fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let expected_names: BTreeSet<String> =
        [".corpusmill.lock", "articles", "merge.json", "rejects"].iter().map(|s| s.to_string()).collect();
    assert_eq!(names, expected_names);
}

#[test]
fn rows_a_later_run_superseded_are_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    for (name, text) in [("a.txt", "First title\n\nThe first body."), ("b.txt", "Second title\n\nThe second body.")] {
        fs::write(data.join(name), text).expect("write");
    }
    let shard = dir.path().join("shard-0");
    ingest(&[&data], &shard, "r1", &[]);
    fs::write(data.join("a.txt"), "First title\n\nThe first body, corrected.").expect("write");
    ingest(&[&data], &shard, "r2", &[]);
    assert_eq!(read_table(&shard, "articles").len(), 3, "the old row stays in the shard");

    let out = dir.path().join("merged");
    let report = merged(&[&shard], &out);
    let articles = read_table(&out, "articles");
    let bodies: BTreeSet<&str> = articles.iter().filter_map(|r| get(r, "body")).collect();
    assert_eq!(bodies, BTreeSet::from(["The first body, corrected.", "The second body."]));
    assert_eq!(report["superseded_rows"], 1);
}

#[test]
fn what_cannot_be_merged_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    fs::write(data.join("a.txt"), "Title\n\nBody text.").expect("write");
    let shard = dir.path().join("shard-0");
    ingest(&[&data], &shard, "r1", &[]);
    let out = dir.path().join("merged");

    let refused = |output: Output, what: &str| {
        assert_eq!(output.status.code(), Some(2), "{what}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let message = refused(merge(&[&shard], &shard), "into a shard");
    assert!(message.contains("is an output directory of `corpusmill ingest`"), "{message}");
    refused(merge(&[&data], &out), "a folder that is no shard");
    refused(merge(&[&shard, &dir.path().join("shard-0/../shard-0")], &out), "a shard twice");
    assert!(!out.exists(), "nothing is created for a refused merge");
    let foreign = dir.path().join("foreign");
    fs::create_dir_all(foreign.join("articles")).expect("mkdir");
    let message = refused(merge(&[&shard], &foreign), "into tables no merge wrote");
    assert!(message.contains("holds tables that no merge wrote"), "{message}");

    // A merged directory is no place to ingest into.
    merged(&[&shard], &out);
    let output = corpusmill().arg("ingest").arg(&data).arg("--out").arg(&out).output().expect("runs");
    refused(output, "ingest into the merge");
    assert!(!out.join("ledger.sqlite").exists());

    // A shard being written is not merged.
    let lock = fs::File::options().write(true).open(shard.join(".corpusmill.lock")).expect("lock file");
    lock.try_lock().expect("lock");
    let output = merge(&[&shard], &out);
    assert_eq!(output.status.code(), Some(3), "{}", String::from_utf8_lossy(&output.stderr));
}
