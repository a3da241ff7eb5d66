//! Nightly runs: reruns skip what is done, changed inputs supersede their old
//! rows, duplicates are flagged, a second run is locked out, and a run killed
//! at any instant is finished by the next one — every input exactly once.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{completed, corpusmill, get, ingest, read_table, Row};

fn article(i: usize) -> String {
    format!(
        "第{i}号新闻标题\n2024年11月3日 09:15 来源：长河日报 作者：记者{i}\n\n长河市今天宣布第{i}项措施，涉及社区服务。\n\n第二段说明了措施{i}的细节。\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn report(out: &Path, run_id: &str) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join(format!("runs/{run_id}.json"))).expect("report")).expect("json")
}

/// Rows of a table that no superseded row takes back.
fn current(out: &Path, table: &str) -> Vec<Row> {
    let superseded: BTreeSet<(String, String)> = read_table(out, "superseded")
        .iter()
        .map(|r| (get(r, "source_path").expect("p").to_owned(), get(r, "run_id").expect("r").to_owned()))
        .collect();
    read_table(out, table)
        .into_iter()
        .filter(|r| {
            let key = (get(r, "source_path").expect("p").to_owned(), get(r, "run_id").expect("r").to_owned());
            !superseded.contains(&key)
        })
        .collect()
}

#[test]
fn rerun_skips_unchanged_and_supersedes_changed() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    for i in 0..5 {
        write(input.path(), &format!("a{i}.txt"), &article(i));
    }
    write(input.path(), "copy.txt", &article(0));
    ingest(&[input.path()], out.path(), "r1", &[]);
    let r1 = report(out.path(), "r1");
    assert_eq!(r1["files_new"], 6);
    let stages = r1["stage_seconds"].as_object().expect("stage_seconds");
    let names: Vec<&str> = stages.keys().map(String::as_str).collect();
    assert_eq!(names, ["decode_repair", "encode", "extract", "plan", "read", "rows", "write"]);
    assert!(stages.values().all(|s| s.as_f64().is_some_and(|s| s > 0.0)), "{stages:?}");
    let first = read_table(out.path(), "articles");
    assert_eq!(first.len(), 6);
    let original = first.iter().find(|r| get(r, "source_path").is_some_and(|p| p.ends_with("a0.txt"))).expect("a0");
    let copy = first.iter().find(|r| get(r, "source_path").is_some_and(|p| p.ends_with("copy.txt"))).expect("copy");
    assert_eq!(get(copy, "duplicate_of"), get(original, "doc_id"), "the later copy points at the first");
    assert_eq!(get(original, "duplicate_of"), None);

    // Nothing new: nothing read, no rows written.
    ingest(&[input.path()], out.path(), "r2", &[]);
    let r2 = report(out.path(), "r2");
    assert_eq!((r2["files_unchanged"].as_u64(), r2["articles"].as_u64()), (Some(6), Some(0)));
    assert_eq!(read_table(out.path(), "articles").len(), 6);

    // One file changed, one touched (same bytes, new mtime), one new.
    write(input.path(), "a1.txt", &article(101));
    let touched = input.path().join("a2.txt");
    let later = fs::metadata(&touched).expect("meta").modified().expect("mtime") + Duration::from_secs(3600);
    fs::File::options().write(true).open(&touched).expect("open").set_modified(later).expect("touch");
    write(input.path(), "a9.txt", &article(9));
    // A dry run changes nothing: not a byte of the ledger either.
    let ledger_before = fs::read(out.path().join("ledger.sqlite")).expect("ledger");
    let dry = corpusmill()
        .arg("ingest")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .arg("--dry-run")
        .output()
        .expect("dry run");
    let listing = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success());
    assert!(fs::read(out.path().join("ledger.sqlite")).expect("ledger") == ledger_before, "the dry run wrote");
    for (label, name) in [("changed", "a1.txt"), ("touched", "a2.txt"), ("new", "a9.txt"), ("unchanged", "a3.txt")] {
        assert!(listing.lines().any(|l| l.starts_with(label) && l.ends_with(name)), "{label} {name} in\n{listing}");
    }
    ingest(&[input.path()], out.path(), "r3", &[]);
    let r3 = report(out.path(), "r3");
    assert_eq!(
        (r3["files_changed"].as_u64(), r3["files_touched"].as_u64(), r3["files_new"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(r3["articles"], 2);
    let superseded = read_table(out.path(), "superseded");
    assert_eq!(superseded.len(), 1);
    assert!(get(&superseded[0], "source_path").is_some_and(|p| p.ends_with("a1.txt")));
    assert_eq!((get(&superseded[0], "run_id"), get(&superseded[0], "superseded_by")), (Some("r1"), Some("r3")));
    let live = current(out.path(), "articles");
    assert_eq!(live.len(), 7, "six old minus one superseded plus two");
    let a1 = live.iter().find(|r| get(r, "source_path").is_some_and(|p| p.ends_with("a1.txt"))).expect("a1");
    assert_eq!(get(a1, "title"), Some("第101号新闻标题"));

    // Touched files stay skipped on the next run too; --full takes everything again.
    ingest(&[input.path()], out.path(), "r4", &[]);
    assert_eq!(report(out.path(), "r4")["files_unchanged"], 7);
    ingest(&[input.path()], out.path(), "r5", &["--full"]);
    assert_eq!(report(out.path(), "r5")["files_changed"], 7);
    let live = current(out.path(), "articles");
    assert_eq!(live.len(), 7);
    assert!(live.iter().all(|r| get(r, "run_id") == Some("r5")));
    // Re-reading a document is not a duplicate of itself; the copy still points at a0.
    let duplicates: Vec<(&str, &str)> =
        live.iter().filter_map(|r| Some((get(r, "source_path")?, get(r, "duplicate_of")?))).collect();
    let a0 = live.iter().find(|r| get(r, "source_path").is_some_and(|p| p.ends_with("a0.txt"))).expect("a0");
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert!(duplicates[0].0.ends_with("copy.txt"));
    assert_eq!(Some(duplicates[0].1), get(a0, "doc_id"));
}

/// The reader plans inputs a window ahead of reading them (to keep several
/// reads in flight); with many more inputs than that window, and unchanged,
/// touched, changed, hidden and corrupt ones interleaved, each input is still
/// planned once and its rows come out in walk order. The changed inputs are
/// more than the writer stages in the ledger at once, so touched inputs'
/// fingerprints are recorded inside a staged segment too.
#[test]
fn planning_ahead_keeps_walk_order_and_every_plan() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let name = |i: usize| format!("f{i:03}.txt");
    for i in 0..200 {
        write(input.path(), &name(i), &article(i));
        if i % 11 == 0 {
            write(input.path(), &format!(".f{i:03}.txt"), &article(i));
            fs::write(input.path().join(format!("f{i:03}.zz.gz")), b"\x1f\x8b\x08\0 not deflate").expect("write");
        }
    }
    ingest(&[input.path()], out.path(), "r1", &["--threads", "2"]);
    let r1 = report(out.path(), "r1");
    assert_eq!((r1["files_new"].as_u64(), r1["hidden_skipped"].as_u64()), (Some(219), Some(19)));
    let paths = |run: &str, table: &str| -> Vec<String> {
        read_table(out.path(), table)
            .iter()
            .filter(|r| get(r, "run_id") == Some(run))
            .map(|r| get(r, "source_path").expect("path").rsplit('/').next().expect("name").to_owned())
            .collect()
    };
    let all: Vec<String> = (0..200).map(name).collect();
    assert_eq!(paths("r1", "articles"), all, "rows in walk order");
    let corrupt: Vec<String> = (0..200).step_by(11).map(|i| format!("f{i:03}.zz.gz")).collect();
    assert_eq!(paths("r1", "rejects"), corrupt);

    let changed: Vec<usize> = (0..200).filter(|i| i % 2 == 1).collect();
    let touched: Vec<usize> = (0..200).filter(|i| i % 10 == 0).collect();
    for &i in &changed {
        write(input.path(), &name(i), &article(1000 + i));
    }
    for &i in &touched {
        let path = input.path().join(name(i));
        let later = fs::metadata(&path).expect("meta").modified().expect("mtime") + Duration::from_secs(3600);
        fs::File::options().write(true).open(&path).expect("open").set_modified(later).expect("touch");
    }
    ingest(&[input.path()], out.path(), "r2", &["--threads", "2"]);
    let r2 = report(out.path(), "r2");
    let counts = ["files_changed", "files_touched", "files_unchanged", "files_new"].map(|k| r2[k].as_u64());
    let unchanged = 219 - changed.len() - touched.len();
    assert_eq!(counts, [Some(changed.len() as u64), Some(touched.len() as u64), Some(unchanged as u64), Some(0)]);
    assert_eq!(paths("r2", "articles"), changed.iter().map(|&i| name(i)).collect::<Vec<_>>());
    assert!(paths("r2", "rejects").is_empty());

    // Touched inputs got their new fingerprints: nothing is left to do.
    ingest(&[input.path()], out.path(), "r3", &["--threads", "2"]);
    assert_eq!(report(out.path(), "r3")["files_unchanged"], 219);
}

#[test]
fn a_reused_run_id_is_refused_before_anything_is_written() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a.txt", &article(1));
    ingest(&[input.path()], out.path(), "nightly", &[]);
    write(input.path(), "b.txt", &article(2));
    let before = read_table(out.path(), "articles");
    let output = corpusmill()
        .arg("ingest")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--run-id", "nightly"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already used"));
    assert_eq!(read_table(out.path(), "articles"), before);
    ingest(&[input.path()], out.path(), "nightly-2", &[]);
    assert_eq!(read_table(out.path(), "articles").len(), 2);
}

#[test]
fn a_second_run_is_locked_out() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a.txt", &article(1));
    fs::create_dir_all(out.path()).expect("mkdir");
    let lock = fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.path().join(".corpusmill.lock"))
        .expect("lock file");
    lock.lock().expect("take the lock");
    let output = corpusmill().arg("ingest").arg(input.path()).arg("--out").arg(out.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("another corpusmill run"), "{stderr}");
    drop(lock);
    ingest(&[input.path()], out.path(), "after", &[]);
}

#[test]
fn json_log_lines_for_log_shippers() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a.txt", &article(1));
    let output = corpusmill()
        .arg("ingest")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--log-format", "json", "--run-id", "j1", "--fail-on-rejects"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let events: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}"));
            v["event"].as_str().expect("event").to_owned()
        })
        .collect();
    assert_eq!(events, ["start", "finished", "report"]);
}

#[test]
fn a_run_under_changed_settings_says_so_once() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let configs = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a.txt", &article(1));
    let config = |name: &str, text: &str| {
        let path = configs.path().join(name);
        fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8").to_owned()
    };
    let traditional = config("traditional.toml", "[repair]\nscript = \"traditional\"\n");
    let simplified = config("simplified.toml", "[repair]\nscript = \"simplified\"\n");
    let warned = |output: &std::process::Output| String::from_utf8_lossy(&output.stderr).contains("settings");

    // The first run has nothing to compare with.
    assert!(!warned(&ingest(&[input.path()], out.path(), "s1", &[])));
    assert_eq!(report(out.path(), "s1")["settings_changed_since"], serde_json::Value::Null);
    // New settings, even with --quiet: said once, with the run that had the old ones.
    write(input.path(), "b.txt", &article(2));
    let output = ingest(&[input.path()], out.path(), "s2", &["--config", &traditional]);
    assert!(warned(&output), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(report(out.path(), "s2")["settings_changed_since"], "s1");
    // The new input was converted, the unchanged one kept its row.
    let bodies: BTreeMap<String, String> = current(out.path(), "articles")
        .iter()
        .map(|r| (get(r, "source_path").expect("p").to_owned(), get(r, "title").expect("t").to_owned()))
        .collect();
    assert!(bodies.values().any(|t| t == "第2號新聞標題"), "{bodies:?}");
    assert!(bodies.values().any(|t| t == "第1号新闻标题"), "{bodies:?}");
    // The same settings again: nothing to say.
    assert!(!warned(&ingest(&[input.path()], out.path(), "s3", &["--config", &traditional])));
    // Other settings with --full: every input is redone, nothing to say.
    assert!(!warned(&ingest(&[input.path()], out.path(), "s4", &["--config", &simplified, "--full"])));
    assert_eq!(report(out.path(), "s4")["settings_changed_since"], serde_json::Value::Null);
}

/// A deterministic pseudo-random sequence (no dependency needed for 20 numbers).
fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

/// (source_path, member, record) → what became of it, for comparing runs.
fn outcomes(out: &Path) -> BTreeMap<(String, String, String), String> {
    let mut map = BTreeMap::new();
    for (table, fields) in
        [("articles", &["doc_id", "title", "body", "duplicate_of"][..]), ("rejects", &["reason"][..])]
    {
        for row in current(out, table) {
            let key = |c| get(&row, c).unwrap_or("-").to_owned();
            let id = (key("source_path"), key("source_member"), key("source_record"));
            let value = fields.iter().map(|f| key(f)).collect::<Vec<_>>().join("|");
            assert!(map.insert(id.clone(), value).is_none(), "{id:?} appears twice");
        }
    }
    map
}

#[test]
fn killed_runs_finish_exactly_once() {
    let input = tempfile::tempdir().expect("tempdir");
    for i in 0..2000 {
        write(input.path(), &format!("dumps/{:02}/{i:04}.txt", i % 40), &article(i));
    }
    write(input.path(), "dumps/bad/empty.txt", "");
    let mut jsonl = String::new();
    for i in 0..20_000 {
        if i % 997 == 0 {
            jsonl.push_str("{broken\n");
        } else {
            jsonl.push_str(&format!(
                "{{\"title\":\"Line {i}\",\"content\":\"Paragraph one of record {i}.\\n\\nParagraph two.\",\"date\":\"2025-02-28\"}}\n"
            ));
        }
    }
    write(input.path(), "big.jsonl", &jsonl);
    let config = input.path().join("small-segments.toml");
    fs::write(&config, "[input]\nchunk_files = 64\n[output]\nsegment_bytes = 65536\n").expect("config");
    let args = |out: &Path, run: &str| {
        let mut cmd = corpusmill();
        // The big JSON Lines file first, so that kills land inside it and resume mid-file.
        cmd.arg("ingest").arg(input.path().join("big.jsonl")).arg(input.path().join("dumps"));
        cmd.arg("--out").arg(out).arg("--config").arg(&config).args(["--run-id", run, "--quiet"]);
        cmd
    };

    let reference = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    assert!(completed(&args(reference.path(), "ref").status().expect("runs")));
    let full_run = started.elapsed();
    let expected = outcomes(reference.path());
    assert_eq!(expected.len(), 2001 + 20_000, "every file and every line once");

    let out = tempfile::tempdir().expect("tempdir");
    let mut seed = 0x5eed_u64;
    let mut kills = 0;
    for attempt in 0..20 {
        let mut child = args(out.path(), &format!("k{attempt:02}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Between 2% and 12% of an uninterrupted run: each killed run commits a little.
        let delay = full_run.mul_f64(0.02 + (lcg(&mut seed) % 1000) as f64 / 10_000.0);
        std::thread::sleep(delay);
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        }
        child.wait().expect("reaped");
    }
    eprintln!("{kills} of 20 runs killed mid-way (uninterrupted run: {full_run:?})");
    assert!(kills >= 10, "most runs should have been killed mid-way ({kills})");
    assert!(completed(&args(out.path(), "final").status().expect("runs")));
    let last = report(out.path(), "final");
    eprintln!(
        "final run: {} unchanged, {} resumed, {} new, {} articles",
        last["files_unchanged"], last["files_resumed"], last["files_new"], last["articles"]
    );
    let kept = last["files_unchanged"].as_u64().unwrap_or(0) + last["files_resumed"].as_u64().unwrap_or(0);
    assert!(kept >= 1, "killed runs kept their committed progress");
    assert!(last["articles"].as_u64() < Some(20_000), "the final run did not start over: {}", last["articles"]);
    assert!(!out.path().join("quarantine").exists(), "no visible file escaped the ledger");
    let leftovers: Vec<_> = ["articles", "rejects", "superseded"]
        .iter()
        .flat_map(|t| fs::read_dir(out.path().join(t)).expect("table dir").filter_map(Result::ok))
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let got = outcomes(out.path());
    assert_eq!(got.len(), expected.len());
    let differ: Vec<_> = expected.iter().filter(|(k, v)| got.get(*k) != Some(*v)).take(5).collect();
    assert!(differ.is_empty(), "differences from the uninterrupted run: {differ:?}");

    assert!(args(out.path(), "noop").status().expect("runs").success(), "nothing new: no rejects, exit 0");
    let noop = report(out.path(), "noop");
    assert_eq!((noop["articles"].as_u64(), noop["rejects"].as_u64()), (Some(0), Some(0)));
}

/// File names that differ only in bytes that are not UTF-8 (`a\xff.txt`,
/// `a\xfe.txt`) are two inputs with two keys: a lossy name (`a\u{FFFD}.txt`
/// for both) made each rerun take one for a change of the other and
/// supersede its rows.
#[test]
fn names_that_are_not_utf8_stay_apart_across_runs() {
    use std::os::unix::ffi::OsStrExt;
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    for (byte, i) in [(0xFF, 1), (0xFE, 2)] {
        let name = [b'a', byte, b'.', b't', b'x', b't'];
        fs::write(input.path().join(std::ffi::OsStr::from_bytes(&name)), article(i)).expect("write");
    }
    ingest(&[input.path()], out.path(), "r1", &[]);
    ingest(&[input.path()], out.path(), "r2", &[]);
    let r2 = report(out.path(), "r2");
    assert_eq!((r2["files_unchanged"].as_u64(), r2["files_changed"].as_u64()), (Some(2), Some(0)), "{r2}");
    let base = input.path().display().to_string();
    let mut paths: Vec<String> =
        current(out.path(), "articles").iter().map(|r| get(r, "source_path").expect("path").to_owned()).collect();
    paths.sort();
    assert_eq!(paths, [format!("{base}/a\\xFE.txt"), format!("{base}/a\\xFF.txt")]);
}
