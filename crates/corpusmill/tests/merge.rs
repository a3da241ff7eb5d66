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
    let shard_rows: Vec<Row> = shards.iter().flat_map(|s| read_table(s, "articles")).collect();
    let shard_marked = shard_rows.iter().filter(|r| get(r, "duplicate_of").is_some()).count();
    assert!(shard_marked < whole_marked, "the sample data's copies should fall in several shards");
    // Across shards: marked in the merge, where its shard marked it not (or
    // named another copy).
    let in_shard: BTreeMap<&str, Option<&str>> =
        shard_rows.iter().map(|r| (get(r, "doc_id").expect("id"), get(r, "duplicate_of"))).collect();
    let across = articles
        .iter()
        .filter(|r| {
            let marked = get(r, "duplicate_of");
            marked.is_some() && in_shard.get(get(r, "doc_id").expect("id")) != Some(&marked)
        })
        .count();
    assert!(across >= whole_marked - shard_marked && across > 0);
    assert_eq!(report["duplicates_across_shards"].as_u64(), Some(across as u64));

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

/// A folder `data` of one text file `a.txt` holding `text`, ingested (run
/// `r1`) into the output directory `shard`, both under `dir`.
fn one_file_shard(dir: &Path, text: &str) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    fs::create_dir_all(&data).expect("mkdir");
    fs::write(data.join("a.txt"), text).expect("write");
    let shard = dir.join("shard-0");
    ingest(&[&data], &shard, "r1", &[]);
    (data, shard)
}

#[test]
fn what_cannot_be_merged_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, shard) = one_file_shard(dir.path(), "Title\n\nBody text.");
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

/// Copies the files of `from` (an output directory) to `to`.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

#[test]
fn shards_that_are_not_one_split_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = repo_dir().join("data");
    let (shards, whole) = shards_and_whole(dir.path(), &data);
    let out = dir.path().join("merged");
    let refused = |shards: &[&Path], what: &str| {
        let output = merge(shards, &out);
        assert_eq!(output.status.code(), Some(2), "{what}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(!out.join("articles").exists(), "{what}: nothing is written");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let [s0, s1, s2] = [&shards[0], &shards[1], &shards[2]].map(PathBuf::as_path);

    let message = refused(&[s0, s1], "a shard missing");
    assert!(message.contains("shard 2/3 not given"), "{message}");
    let copy = dir.path().join("copy-of-shard-1");
    copy_dir(s1, &copy);
    let message = refused(&[s0, s1, s2, &copy], "a copy of a shard");
    assert!(message.contains("are both shard 1/3"), "{message}");
    let other_split = dir.path().join("half-0");
    ingest(&[&data], &other_split, "h0", &["--shard", "0/2"]);
    let message = refused(&[s0, s1, s2, &other_split], "another split");
    assert!(message.contains("is a shard of 3") && message.contains("of 2"), "{message}");
    // An unsharded directory beside the shards holds their inputs again.
    let message = refused(&[s0, s1, s2, &whole], "the whole corpus beside its shards");
    assert!(message.contains("has rows in both"), "{message}");
    let again = dir.path().join("whole-again");
    copy_dir(&whole, &again);
    let message = refused(&[&whole, &again], "two unsharded copies");
    assert!(message.contains("has rows in both"), "{message}");

    // A shard whose last run did not finish may hold part of its inputs.
    corpusmill_store::Ledger::open(s2)
        .and_then(|ledger| ledger.set_setting(corpusmill_store::RUN_IN_PROGRESS, "killed", "killed"))
        .expect("ledger");
    let message = refused(&[s0, s1, s2], "an unfinished shard");
    assert!(message.contains("run killed in") && message.contains("did not finish"), "{message}");
    // Finishing it (a run that completes) makes it mergeable.
    ingest(&[&data], s2, "s2-again", &["--shard", "2/3"]);
    merged(&[s0, s1, s2], &out);

    // A directory keeps to one split: another --shard is refused.
    let output = ingest_output(&data, s2, &["--shard", "2/4"]);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds shard 2/3, not shard 2/4"));
    let output = ingest_output(&data, s2, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    // A dry run plans no run that would be refused.
    let output = ingest_output(&data, s2, &["--dry-run", "--shard", "2/4"]);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));

    // stats of the merge beside its shards would count each row twice.
    let output = corpusmill().arg("stats").args([s0, s1, s2]).arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds merged shards"));
}

fn ingest_output(data: &Path, out: &Path, extra: &[&str]) -> Output {
    corpusmill().arg("ingest").arg(data).arg("--out").arg(out).arg("--quiet").args(extra).output().expect("runs")
}

#[test]
fn a_merge_killed_while_moving_its_tables_is_finished_by_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, shard) = one_file_shard(dir.path(), "First title\n\nThe first body.");
    let out = dir.path().join("merged");
    merged(&[shard.as_path()], &out);
    let before = read_table(&out, "articles");

    // The state a kill leaves between the moves of the tables: the new
    // merge's complete tables in .merge-swap, the old articles moved aside,
    // no articles/ in place.
    fs::write(data.join("b.txt"), "Second title\n\nThe second body.").expect("write");
    ingest(&[&data], &shard, "r2", &[]);
    let next = dir.path().join("next");
    merged(&[shard.as_path()], &next);
    let swap = out.join(".merge-swap");
    fs::create_dir_all(&swap).expect("mkdir");
    for name in ["articles", "rejects", "merge.json"] {
        fs::rename(next.join(name), swap.join(name)).expect("move");
    }
    fs::rename(out.join("articles"), swap.join("old-articles")).expect("move");

    // Readers refuse the directory rather than report a missing table as empty.
    for args in [&["stats"][..], &["inspect"]] {
        let mut command = corpusmill();
        command.args(args).arg(&out);
        if args == ["inspect"] {
            command.arg("a.txt");
        }
        let output = command.output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stderr).contains("a merge is moving its tables"));
    }
    let output = ingest_output(&data, &out, &[]);
    assert_eq!(output.status.code(), Some(2), "no ingest into a merge half moved");

    // The next merge finishes the moves, then merges anew.
    let report = merged(&[shard.as_path()], &out);
    assert!(!swap.exists());
    assert_eq!(report["articles"], 2);
    let after = read_table(&out, "articles");
    assert_eq!(after.len(), 2);
    assert_eq!(before.len(), 1);
    assert_eq!(stats_json(&out)["articles"], 2);
}

#[test]
fn a_foreign_merge_json_does_not_make_a_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, shard) = one_file_shard(dir.path(), "Title\n\nBody text.");
    let foreign = dir.path().join("foreign");
    fs::create_dir_all(foreign.join("articles")).expect("mkdir");
    fs::write(foreign.join("articles/keep.parquet"), b"not ours").expect("write");
    fs::write(foreign.join("merge.json"), b"{\"some\": \"other tool\"}").expect("write");
    let output = merge(&[&shard], &foreign);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds tables that no merge wrote"));
    assert_eq!(fs::read(foreign.join("articles/keep.parquet")).expect("kept"), b"not ours");
}
