//! Reading the committed tables back, for tools that look at an output
//! directory (`corpusmill stats`) rather than write to it.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use arrow_array::{Array, RecordBatch, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;

use crate::error::{io_err, StoreError};
use crate::ledger::LEDGER_FILE;
use crate::merge::{MERGE_FILE, SWAP_DIR};

/// The committed part files of `table` in `out_dir`, by name (which is the
/// order they were written in). Files a run is still writing keep their
/// hidden temporary names and are not listed.
pub fn committed_parts(out_dir: &Path, table: &str) -> Result<Vec<PathBuf>, StoreError> {
    let dir = out_dir.join(table);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(io_err(&dir)(err)),
    };
    let mut parts = Vec::new();
    for entry in entries {
        let path = entry.map_err(io_err(&dir))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.starts_with('.') && name.ends_with(".parquet") {
            parts.push(path);
        }
    }
    parts.sort();
    Ok(parts)
}

/// Calls `each` with every batch of the committed parts of `table`, read with
/// only `columns` (top-level names; one missing from a file is an error).
pub fn scan_table(
    out_dir: &Path,
    table: &str,
    columns: &[&str],
    mut each: impl FnMut(&RecordBatch),
) -> Result<(), StoreError> {
    for path in committed_parts(out_dir, table)? {
        let bad = |detail: String| StoreError::Unreadable { path: path.clone(), detail };
        let file = File::open(&path).map_err(io_err(&path))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|err| bad(err.to_string()))?;
        let schema = builder.schema().clone();
        let mut roots = Vec::with_capacity(columns.len());
        for &name in columns {
            roots.push(schema.index_of(name).map_err(|_| bad(format!("no column `{name}`")))?);
        }
        let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
        let reader = builder.with_projection(mask).build().map_err(|err| bad(err.to_string()))?;
        for batch in reader {
            each(&batch.map_err(|err| bad(err.to_string()))?);
        }
    }
    Ok(())
}

/// A string column of `batch` by name (`None` if missing or not strings).
pub fn string_column<'a>(batch: &'a RecordBatch, name: &str) -> Option<&'a StringArray> {
    batch.column_by_name(name)?.as_any().downcast_ref::<StringArray>()
}

/// Whether `dir` holds tables to read: an `ingest` output (its ledger) or
/// the tables `merge` wrote (its report).
pub fn is_output_dir(dir: &Path) -> bool {
    dir.join(LEDGER_FILE).is_file() || is_merged_dir(dir)
}

/// Whether `dir` holds the tables `merge` wrote, or is having them moved in.
pub fn is_merged_dir(dir: &Path) -> bool {
    dir.join(MERGE_FILE).is_file() || dir.join(SWAP_DIR).is_dir()
}

/// Refuses a merged directory whose tables a merge is moving into place, or
/// was when it was killed: a table may be missing, or the two from two merges.
/// Returns what the directory's merge report was, for [`Settled::unchanged`]
/// after the tables are read: readers take no lock, and a merge may replace
/// the tables meanwhile.
pub fn check_settled(dir: &Path) -> Result<Settled, StoreError> {
    let swap = dir.join(SWAP_DIR);
    if swap.is_dir() {
        let detail = "a merge is moving its tables into place (or was killed doing so); \
                      wait for it, or run the same `corpusmill merge` again to finish"
            .to_owned();
        return Err(StoreError::Unreadable { path: dir.to_path_buf(), detail });
    }
    Ok(Settled { report: report_identity(dir) })
}

/// A merged directory's report as it was when its tables were first looked at.
#[derive(Debug)]
pub struct Settled {
    report: Option<(u64, u64, Option<std::time::SystemTime>)>,
}

impl Settled {
    /// Refuses what was read if a merge replaced the tables meanwhile (its
    /// report is another file now, or a swap is under way): the rows may
    /// come from two merges.
    pub fn unchanged(&self, dir: &Path) -> Result<(), StoreError> {
        if dir.join(SWAP_DIR).is_dir() || report_identity(dir) != self.report {
            let detail = "a merge replaced the tables while they were read; read them again".to_owned();
            return Err(StoreError::Unreadable { path: dir.to_path_buf(), detail });
        }
        Ok(())
    }
}

/// The merge report's file identity: a new merge renames a new file into place.
fn report_identity(dir: &Path) -> Option<(u64, u64, Option<std::time::SystemTime>)> {
    let meta = fs::metadata(dir.join(MERGE_FILE)).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((inode, meta.len(), meta.modified().ok()))
}

/// The rows a later run took back, from the `superseded` table: for each run,
/// the input paths whose rows it wrote no longer count, and the run that
/// replaced them. Keyed run first, so that a row is looked up without copying
/// its keys.
#[derive(Debug, Default)]
pub struct Superseded {
    by_run: HashMap<String, HashMap<String, String>>,
}

impl Superseded {
    /// Reads `out_dir/superseded` (nothing, where there is no such table).
    pub fn read(out_dir: &Path) -> Result<Superseded, StoreError> {
        let mut superseded = Superseded::default();
        let mut bad = false;
        scan_table(out_dir, "superseded", &["source_path", "run_id", "superseded_by"], |batch| {
            let column = |name| string_column(batch, name);
            let (Some(paths), Some(runs), Some(by)) =
                (column("source_path"), column("run_id"), column("superseded_by"))
            else {
                bad = true;
                return;
            };
            for row in 0..batch.num_rows() {
                if paths.is_valid(row) && runs.is_valid(row) {
                    let replaced_by = if by.is_valid(row) { by.value(row) } else { "" };
                    let paths_of_run = superseded.by_run.entry(runs.value(row).to_owned()).or_default();
                    paths_of_run.insert(paths.value(row).to_owned(), replaced_by.to_owned());
                }
            }
        })?;
        if bad {
            let detail = "source_path, run_id and superseded_by are not strings".to_owned();
            return Err(StoreError::Unreadable { path: out_dir.join("superseded"), detail });
        }
        Ok(superseded)
    }

    pub fn is_empty(&self) -> bool {
        self.by_run.is_empty()
    }

    /// The run that superseded the rows `run` wrote for `path`, if one did.
    pub fn superseded_by(&self, path: &str, run: &str) -> Option<&str> {
        self.by_run.get(run)?.get(path).map(String::as_str)
    }

    pub fn contains(&self, path: &str, run: &str) -> bool {
        self.superseded_by(path, run).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_replaced_while_read_are_told() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        fs::write(out.join(MERGE_FILE), "{}").expect("write");
        let settled = check_settled(out).expect("settled");
        assert!(settled.unchanged(out).is_ok(), "nothing happened");
        // Another merge renames its report into place.
        fs::write(out.join("next.json"), "{}").expect("write");
        fs::rename(out.join("next.json"), out.join(MERGE_FILE)).expect("rename");
        assert!(settled.unchanged(out).is_err(), "a new report");
        // A merge moving its tables.
        let settled = check_settled(out).expect("settled");
        fs::create_dir(out.join(SWAP_DIR)).expect("mkdir");
        assert!(settled.unchanged(out).is_err(), "a swap under way");
        assert!(check_settled(out).is_err());
    }
}
