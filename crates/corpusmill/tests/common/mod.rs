//! Helpers shared by the end-to-end tests: run the binary, read its tables.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use arrow_array::{Array, Date32Array, ListArray, RecordBatch, StringArray, StructArray, UInt64Array};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

pub fn corpusmill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpusmill"))
}

/// Runs `corpusmill ingest <inputs> --out <out> --run-id <run_id> --quiet` plus
/// `extra`, which must complete: exit 0, or 4 when it wrote rejects.
pub fn ingest(inputs: &[&Path], out: &Path, run_id: &str, extra: &[&str]) -> Output {
    let mut cmd = corpusmill();
    cmd.arg("ingest").args(inputs).arg("--out").arg(out).args(["--run-id", run_id, "--quiet"]).args(extra);
    let output = cmd.output().expect("corpusmill runs");
    assert!(completed(&output.status), "ingest failed: {}\n{}", output.status, String::from_utf8_lossy(&output.stderr));
    output
}

/// Exit 0 (every document an article) or 4 (some rejects).
pub fn completed(status: &std::process::ExitStatus) -> bool {
    matches!(status.code(), Some(0 | 4))
}

/// The shared folder beside the checkout, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found (the shared folder is not beside the checkout)", dir.display());
        None
    }
}

pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One table row as column name → displayable value (`None` for null).
pub type Row = BTreeMap<String, Option<String>>;

pub fn parquet_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "parquet"));
    files.sort();
    files
}

fn cell(column: &dyn Array, row: usize) -> Option<String> {
    if column.is_null(row) {
        return None;
    }
    let any = column.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Some(a.value(row).to_owned());
    }
    if let Some(a) = any.downcast_ref::<UInt64Array>() {
        return Some(a.value(row).to_string());
    }
    if let Some(a) = any.downcast_ref::<Date32Array>() {
        return a.value_as_date(row).map(|d| d.to_string());
    }
    if let Some(a) = any.downcast_ref::<ListArray>() {
        let items = a.value(row);
        let items = items.as_any().downcast_ref::<StructArray>().expect("repairs is a list of structs");
        let kinds = items.column(0).as_any().downcast_ref::<StringArray>().expect("kind");
        let counts = items.column(1).as_any().downcast_ref::<UInt64Array>().expect("count");
        let parts: Vec<String> = (0..items.len()).map(|i| format!("{}={}", kinds.value(i), counts.value(i))).collect();
        return Some(parts.join(","));
    }
    panic!("unexpected column type {:?}", column.data_type());
}

/// Reads every row of `out/<table>/*.parquet`.
pub fn read_table(out: &Path, table: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for path in parquet_files(&out.join(table)) {
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).expect("open"))
            .expect("valid parquet")
            .build()
            .expect("reader");
        for batch in reader {
            let batch: RecordBatch = batch.expect("batch");
            let schema = batch.schema();
            for r in 0..batch.num_rows() {
                let row = schema
                    .fields()
                    .iter()
                    .zip(batch.columns())
                    .map(|(field, column)| (field.name().clone(), cell(column.as_ref(), r)))
                    .collect();
                rows.push(row);
            }
        }
    }
    rows
}

pub fn get<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    row.get(column).unwrap_or_else(|| panic!("no column {column}")).as_deref()
}

/// `corpusmill stats OUT --json`, which must succeed: its one JSON object.
pub fn stats_json(out: &Path) -> serde_json::Value {
    let output = corpusmill().arg("stats").arg(out).arg("--json").output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}
