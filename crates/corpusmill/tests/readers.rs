//! Independent readers: pyarrow and DuckDB must read our tables with the
//! documented types (tests/check_parquet.py). `.ci/run` installs both; on a
//! machine without them the test says so and passes only outside CI.

mod common;

use std::path::Path;
use std::process::Command;

use common::{corpusmill, ingest, repo_dir};

/// Whether python3 with pyarrow and duckdb is here; in CI it must be.
fn readers_available() -> bool {
    let python_ok =
        Command::new("python3").args(["-c", "import pyarrow, duckdb"]).output().is_ok_and(|o| o.status.success());
    if !python_ok {
        assert!(std::env::var_os("CI").is_none(), "CI must have python3 with pyarrow and duckdb (see .ci/run)");
        eprintln!("skipped: python3 with pyarrow and duckdb not available");
    }
    python_ok
}

/// Runs tests/check_parquet.py on `out`; every check must pass.
fn check_parquet(out: &Path) -> String {
    let check =
        Command::new("python3").arg(repo_dir().join("tests/check_parquet.py")).arg(out).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(check.status.success(), "check_parquet.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&check.stderr));
    assert!(stdout.lines().last().is_some_and(|l| l.ends_with(" 0 failed")), "{stdout}");
    stdout
}

#[test]
fn pyarrow_and_duckdb_read_the_sample_output() {
    if !readers_available() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], out.path(), "readers", &[]);
    check_parquet(out.path());
}

#[test]
fn pyarrow_and_duckdb_read_the_merged_shards() {
    if !readers_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let shards: Vec<_> = (0..2).map(|k| dir.path().join(format!("shard-{k}"))).collect();
    for (k, shard) in shards.iter().enumerate() {
        ingest(&[&repo_dir().join("data")], shard, &format!("s{k}"), &["--shard", &format!("{k}/2")]);
    }
    let out = dir.path().join("merged");
    let merge = corpusmill().arg("merge").args(&shards).arg("--out").arg(&out).output().expect("runs");
    assert!(merge.status.success(), "{}", String::from_utf8_lossy(&merge.stderr));
    let stdout = check_parquet(&out);
    assert!(stdout.contains("ok   merged articles: duplicate_of names a first copy"), "{stdout}");
}
