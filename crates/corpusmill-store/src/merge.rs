//! Merging the output directories of a sharded corpus (`ingest --shard K/N`)
//! into one table set: the commit step of a job array.
//!
//! The merged directory holds the current rows of every shard (none that a
//! later run superseded) in `articles/` and `rejects/`, and `duplicate_of`
//! worked out across the shards, which no shard can do alone. It is a
//! snapshot, rebuilt whole by each merge: the same shards give the same bytes.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;

use crate::error::{io_err, StoreError};
use crate::ledger::LEDGER_FILE;
use crate::read::{committed_parts, string_column, Superseded};
use crate::rows::{articles_schema, rejects_schema};
use crate::writer::{writer_properties, WriterOptions};

/// The file a merge writes beside its tables; its presence marks a merged
/// directory (which `ingest` must not write to, nor a merge take as a shard).
pub const MERGE_FILE: &str = "merge.json";

/// What a merge wrote, also saved as [`MERGE_FILE`].
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MergeReport {
    /// The shard directories, in the order their rows were taken.
    pub shards: Vec<String>,
    pub articles: u64,
    /// Articles with `duplicate_of` set: every copy but the first of a text.
    pub duplicates: u64,
    /// Of those, the ones whose first copy is in another shard (or whose
    /// shard pointed at a copy that is no longer current).
    pub duplicates_across_shards: u64,
    pub rejects: u64,
    /// Article and reject rows left out because a later run superseded them.
    pub superseded_rows: u64,
    /// The part files written, relative to the merged directory.
    pub files: Vec<String>,
}

/// Why a merge could not start.
#[derive(Debug)]
pub enum MergeError {
    /// An input is not the output directory of `ingest`.
    NotAShard(PathBuf),
    /// The destination is an `ingest` output (or one of the shards): merging
    /// into it would replace its tables.
    DestinationIsAnOutput(PathBuf),
    /// The destination holds tables no merge wrote (no [`MERGE_FILE`]).
    DestinationHoldsOtherTables(PathBuf),
    Store(StoreError),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::NotAShard(path) => {
                write!(f, "{} is not an output directory of `corpusmill ingest` (no {LEDGER_FILE})", path.display())
            }
            MergeError::DestinationIsAnOutput(path) => write!(
                f,
                "{} is an output directory of `corpusmill ingest`; merge into a directory of its own",
                path.display()
            ),
            MergeError::DestinationHoldsOtherTables(path) => write!(
                f,
                "{} holds tables that no merge wrote (no {MERGE_FILE}); merge into a new directory",
                path.display()
            ),
            MergeError::Store(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for MergeError {}

impl From<StoreError> for MergeError {
    fn from(err: StoreError) -> Self {
        MergeError::Store(err)
    }
}

/// Merges the current rows of `shards` (taken in the order given) into
/// `out_dir/articles` and `out_dir/rejects`, replacing what an earlier merge
/// left there. An article's `duplicate_of` becomes the `doc_id` of the first
/// article of the merged table with its `content_hash` (null for that first
/// one). Memory grows by 32 bytes per distinct text (and the hash table's
/// slack), for that lookup; rows stream through a batch at a time, and the
/// row group being written is held until it is full.
///
/// The tables are built in a hidden staging folder and moved into place at
/// the end, a table at a time, so a reader sees the old or the new table
/// (or, for a moment between the two renames, no table), never a mix.
/// Refuses what [`check_merge`] refuses.
pub fn merge_outputs(shards: &[PathBuf], out_dir: &Path, options: &WriterOptions) -> Result<MergeReport, MergeError> {
    check_merge(shards, out_dir)?;
    let staging = out_dir.join(".merge-staging");
    if staging.exists() {
        // Left by a merge that was killed: nothing in it was made visible.
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(io_err(&staging))?;

    let mut report =
        MergeReport { shards: shards.iter().map(|s| s.display().to_string()).collect(), ..MergeReport::default() };
    let mut firsts: HashMap<u128, u128> = HashMap::new();
    let mut articles = PartWriter::new(&staging, "articles", articles_schema(), options)?;
    let mut rejects = PartWriter::new(&staging, "rejects", rejects_schema(), options)?;
    for shard in shards {
        let gone = Superseded::read(shard)?;
        for_each_batch(shard, "articles", &articles_schema(), |path, batch| {
            let batch = current_rows(path, batch, &gone, &mut report.superseded_rows)?;
            let batch = mark_duplicates(path, &batch, &mut firsts, &mut report)?;
            report.articles += batch.num_rows() as u64;
            articles.write(&batch)
        })?;
        for_each_batch(shard, "rejects", &rejects_schema(), |path, batch| {
            let batch = current_rows(path, batch, &gone, &mut report.superseded_rows)?;
            report.rejects += batch.num_rows() as u64;
            rejects.write(&batch)
        })?;
    }
    report.files.extend(articles.finish()?);
    report.files.extend(rejects.finish()?);

    // The report first: it marks the directory as a merge's before any
    // table of it is in place (a merge killed between the two is redone by
    // the next, which finds the mark).
    let json = serde_json::to_vec_pretty(&report)
        .map_err(|source| StoreError::Json { path: out_dir.join(MERGE_FILE), source })?;
    let (tmp, dest) = (staging.join(MERGE_FILE), out_dir.join(MERGE_FILE));
    fs::write(&tmp, [json.as_slice(), b"\n"].concat()).map_err(io_err(&tmp))?;
    fs::rename(&tmp, &dest).map_err(io_err(&dest))?;
    for table in ["articles", "rejects"] {
        let (live, new, old) = (out_dir.join(table), staging.join(table), staging.join(format!("old-{table}")));
        if live.exists() {
            fs::rename(&live, &old).map_err(io_err(&live))?;
        }
        fs::rename(&new, &live).map_err(io_err(&new))?;
    }
    fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    Ok(report)
}

/// Whether `shards` may be merged into `out_dir`: every shard an `ingest`
/// output, and the destination new, empty of tables, or an earlier merge's.
pub fn check_merge(shards: &[PathBuf], out_dir: &Path) -> Result<(), MergeError> {
    if let Some(shard) = shards.iter().find(|s| !s.join(LEDGER_FILE).is_file()) {
        return Err(MergeError::NotAShard(shard.clone()));
    }
    if out_dir.join(LEDGER_FILE).exists() {
        return Err(MergeError::DestinationIsAnOutput(out_dir.to_path_buf()));
    }
    let has_tables = ["articles", "rejects"].iter().any(|t| out_dir.join(t).exists());
    if has_tables && !out_dir.join(MERGE_FILE).is_file() {
        return Err(MergeError::DestinationHoldsOtherTables(out_dir.to_path_buf()));
    }
    Ok(())
}

/// Reads every committed part of `table` in `shard` whole, checking that its
/// columns are the ones this version writes, and hands each batch on.
fn for_each_batch(
    shard: &Path,
    table: &str,
    schema: &SchemaRef,
    mut each: impl FnMut(&Path, &RecordBatch) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for path in committed_parts(shard, table)? {
        let bad = |detail: String| StoreError::Unreadable { path: path.clone(), detail };
        let file = File::open(&path).map_err(io_err(&path))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|err| bad(err.to_string()))?;
        if builder.schema().fields() != schema.fields() {
            return Err(bad(format!("its columns are not this version's {table} table")));
        }
        for batch in builder.build().map_err(|err| bad(err.to_string()))? {
            let batch = batch.map_err(|err| bad(err.to_string()))?;
            // Keep the schema this version writes (the file's may carry
            // metadata of its own).
            let batch =
                RecordBatch::try_new(schema.clone(), batch.columns().to_vec()).map_err(|err| bad(err.to_string()))?;
            each(&path, &batch)?;
        }
    }
    Ok(())
}

/// `batch` without the rows of a superseded (input, run) pair.
fn current_rows(
    path: &Path,
    batch: &RecordBatch,
    gone: &Superseded,
    left_out: &mut u64,
) -> Result<RecordBatch, StoreError> {
    if gone.is_empty() {
        return Ok(batch.clone());
    }
    let bad = |detail: String| StoreError::Unreadable { path: path.to_path_buf(), detail };
    let (Some(paths), Some(runs)) = (string_column(batch, "source_path"), string_column(batch, "run_id")) else {
        return Err(bad("source_path and run_id are not strings".into()));
    };
    let keep: BooleanArray =
        (0..batch.num_rows()).map(|row| Some(!gone.contains(paths.value(row), runs.value(row)))).collect();
    *left_out += keep.false_count() as u64;
    arrow_select::filter::filter_record_batch(batch, &keep).map_err(|err| bad(err.to_string()))
}

/// `batch` with `duplicate_of` set from the first article seen with each
/// `content_hash` (this batch's earlier rows and every batch before it).
fn mark_duplicates(
    path: &Path,
    batch: &RecordBatch,
    firsts: &mut HashMap<u128, u128>,
    report: &mut MergeReport,
) -> Result<RecordBatch, StoreError> {
    let bad = |detail: String| StoreError::Unreadable { path: path.to_path_buf(), detail };
    let (Some(ids), Some(hashes), Some(marked)) =
        (string_column(batch, "doc_id"), string_column(batch, "content_hash"), string_column(batch, "duplicate_of"))
    else {
        return Err(bad("doc_id, content_hash and duplicate_of are not strings".into()));
    };
    let mut duplicate_of = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let id =
            hex128(ids.value(row)).ok_or_else(|| bad(format!("doc_id {:?} is not 32 hex digits", ids.value(row))))?;
        let hash = hex128(hashes.value(row))
            .ok_or_else(|| bad(format!("content_hash {:?} is not 32 hex digits", hashes.value(row))))?;
        let first = *firsts.entry(hash).or_insert(id);
        let value = (first != id).then(|| format!("{first:032x}"));
        if let Some(value) = &value {
            report.duplicates += 1;
            if !marked.is_valid(row) || marked.value(row) != value {
                report.duplicates_across_shards += 1;
            }
        }
        duplicate_of.push(value);
    }
    let column = batch.schema().index_of("duplicate_of").map_err(|err| bad(err.to_string()))?;
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    columns[column] = Arc::new(StringArray::from(duplicate_of));
    RecordBatch::try_new(batch.schema(), columns).map_err(|err| bad(err.to_string()))
}

/// A 32-digit lower-case hex string (a `doc_id` or `content_hash`) as a
/// number, when it is one that formats back the same.
fn hex128(text: &str) -> Option<u128> {
    let digits = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    digits.then(|| u128::from_str_radix(text, 16).ok()).flatten()
}

/// Writes one merged table as `part-merged-NNNNN.parquet` files of about
/// `segment_bytes` each.
struct PartWriter {
    dir: PathBuf,
    table: &'static str,
    schema: SchemaRef,
    props: WriterProperties,
    part_bytes: u64,
    current: Option<(ArrowWriter<File>, PathBuf)>,
    written: Vec<String>,
}

impl PartWriter {
    fn new(
        staging: &Path,
        table: &'static str,
        schema: SchemaRef,
        options: &WriterOptions,
    ) -> Result<Self, StoreError> {
        let dir = staging.join(table);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let props = writer_properties(options, &dir)?;
        let part_bytes = options.segment_bytes.max(1);
        Ok(PartWriter { dir, table, schema, props, part_bytes, current: None, written: Vec::new() })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), StoreError> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        if self.current.is_none() {
            let path = self.dir.join(format!("part-merged-{:05}.parquet", self.written.len()));
            let file = File::create(&path).map_err(io_err(&path))?;
            let writer = ArrowWriter::try_new(file, self.schema.clone(), Some(self.props.clone()))
                .map_err(|source| StoreError::Parquet { path: path.clone(), source })?;
            self.current = Some((writer, path));
        }
        let Some((writer, path)) = self.current.as_mut() else { return Ok(()) };
        writer.write(batch).map_err(|source| StoreError::Parquet { path: path.clone(), source })?;
        if writer.bytes_written() as u64 + writer.in_progress_size() as u64 >= self.part_bytes {
            self.close()?;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), StoreError> {
        if let Some((writer, path)) = self.current.take() {
            let file = writer.into_inner().map_err(|source| StoreError::Parquet { path: path.clone(), source })?;
            file.sync_all().map_err(io_err(&path))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            self.written.push(format!("{}/{name}", self.table));
        }
        Ok(())
    }

    /// Closes the last part; an empty table gets one empty part, so that a
    /// glob over it finds a file with the table's columns.
    fn finish(mut self) -> Result<Vec<String>, StoreError> {
        if self.written.is_empty() && self.current.is_none() {
            let path = self.dir.join("part-merged-00000.parquet");
            let file = File::create(&path).map_err(io_err(&path))?;
            let writer = ArrowWriter::try_new(file, self.schema.clone(), Some(self.props.clone()))
                .map_err(|source| StoreError::Parquet { path: path.clone(), source })?;
            self.current = Some((writer, path));
        }
        self.close()?;
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex128_takes_only_what_formats_back_the_same() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(hex128(id).map(|n| format!("{n:032x}")).as_deref(), Some(id));
        assert_eq!(hex128("0123456789ABCDEF0123456789abcdef"), None);
        assert_eq!(hex128("abc"), None);
        assert_eq!(hex128("+123456789abcdef0123456789abcdef"), None);
        assert_eq!(hex128("g123456789abcdef0123456789abcdef"), None);
    }
}
