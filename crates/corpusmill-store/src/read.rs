//! Reading the committed tables back, for tools that look at an output
//! directory (`corpusmill stats`) rather than write to it.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;

use crate::error::{io_err, StoreError};

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
