//! Independent readers: pyarrow and DuckDB must read our tables with the
//! documented types (tests/check_parquet.py). `.ci/run` installs both; on a
//! machine without them the test says so and passes only outside CI.

mod common;

use std::process::Command;

use common::{ingest, repo_dir};

#[test]
fn pyarrow_and_duckdb_read_the_sample_output() {
    let python_ok =
        Command::new("python3").args(["-c", "import pyarrow, duckdb"]).output().is_ok_and(|o| o.status.success());
    if !python_ok {
        assert!(std::env::var_os("CI").is_none(), "CI must have python3 with pyarrow and duckdb (see .ci/run)");
        eprintln!("skipped: python3 with pyarrow and duckdb not available");
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    ingest(&[&repo_dir().join("data")], out.path(), "readers", &[]);
    let check = Command::new("python3")
        .arg(repo_dir().join("tests/check_parquet.py"))
        .arg(out.path())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "check_parquet.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&check.stderr));
    assert!(stdout.lines().last().is_some_and(|l| l.ends_with(" 0 failed")), "{stdout}");
}
