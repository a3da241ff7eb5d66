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
use crate::ledger::{Ledger, LEDGER_FILE, RUN_IN_PROGRESS, SHARD_SETTING};
use crate::read::{committed_parts, string_column, Superseded};
use crate::report::write_synced;
use crate::rows::{articles_schema, rejects_schema};
use crate::writer::{writer_properties, WriterOptions};

/// The file a merge writes beside its tables; its presence marks a merged
/// directory (which `ingest` must not write to, nor a merge take as a shard).
pub const MERGE_FILE: &str = "merge.json";

/// What a merge wrote, also saved as [`MERGE_FILE`].
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MergeReport {
    /// The shard directories (absolute paths), in the order their rows were taken.
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
    /// The destination holds tables no merge wrote (no readable [`MERGE_FILE`]).
    DestinationHoldsOtherTables(PathBuf),
    /// A run writing the shard was killed or failed (or still runs without
    /// its lock): its tables may hold part of its inputs.
    ShardUnfinished {
        shard: PathBuf,
        run_id: String,
    },
    /// The shards do not make one split of the inputs: two took the same
    /// `K/N`, or different `N`, or a `K` is missing.
    ShardsDoNotFit(String),
    /// An input has rows in two shards (a copy of a shard, or a directory
    /// ingested twice): the merged table would hold it twice.
    Overlap {
        source_path: String,
        first: PathBuf,
        second: PathBuf,
    },
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
                "{} holds tables that no merge wrote (no readable {MERGE_FILE}); merge into a new directory",
                path.display()
            ),
            MergeError::ShardUnfinished { shard, run_id } => write!(
                f,
                "run {run_id} in {} did not finish, so the shard may hold part of its inputs; \
                 run that shard's `corpusmill ingest` again to finish it, then merge",
                shard.display()
            ),
            MergeError::ShardsDoNotFit(detail) => write!(f, "the shards are not one split of the inputs: {detail}"),
            MergeError::Overlap { source_path, first, second } => write!(
                f,
                "input {source_path:?} has rows in both {} and {}; each input must be in one shard only",
                first.display(),
                second.display()
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

/// Where a merge builds its tables, inside the destination: a merge killed
/// while building leaves it behind, and the old tables untouched.
const STAGING_DIR: &str = ".merge-staging";

/// The staging folder, renamed when complete: while it exists the tables are
/// being moved into place, and readers refuse the directory. A merge killed
/// then is finished by the next one, from what this folder holds.
pub const SWAP_DIR: &str = ".merge-swap";

/// Merges the current rows of `shards` (taken in the order given) into
/// `out_dir/articles` and `out_dir/rejects`, replacing what an earlier merge
/// left there. An article's `duplicate_of` becomes the `doc_id` of the first
/// article of the merged table with its `content_hash` (null for that first
/// one). Memory grows by 32 bytes per distinct text and 20 per input (and
/// the hash tables' slack); rows stream through a batch at a time, and the
/// row group being written is held until it is full.
///
/// The caller holds the lock of every shard and of `out_dir`. Each shard's
/// ledger is recovered first (as `ingest` would), so that its tables are
/// what its ledger committed. The new tables are built in a hidden staging
/// folder, which is renamed to [`SWAP_DIR`] once complete and then moved into
/// place a table at a time; a merge killed during the moves is finished by
/// the next. Refuses what [`check_merge`] refuses, shards whose last run did
/// not finish, shards that are not one split, and an input in two shards.
pub fn merge_outputs(shards: &[PathBuf], out_dir: &Path, options: &WriterOptions) -> Result<MergeReport, MergeError> {
    check_merge(shards, out_dir)?;
    finish_swap(out_dir)?;
    check_shards(shards)?;
    let staging = out_dir.join(STAGING_DIR);
    if staging.exists() {
        // Left by a merge that was killed: nothing in it was made visible.
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(io_err(&staging))?;
    let report = match build_tables(shards, &staging, options) {
        Ok(report) => report,
        Err(err) => {
            // Nothing of it was made visible; a failed merge leaves no trace.
            let _ = fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    let swap = out_dir.join(SWAP_DIR);
    fs::rename(&staging, &swap).map_err(io_err(&swap))?;
    sync_dir(out_dir)?;
    finish_swap(out_dir)?;
    Ok(report)
}

/// Writes the merged tables and the report into `staging`, flushed to disk.
fn build_tables(shards: &[PathBuf], staging: &Path, options: &WriterOptions) -> Result<MergeReport, MergeError> {
    // Absolute, so that a reader of the report finds the shards (and their
    // run reports) from wherever it runs.
    let named = |shard: &PathBuf| shard.canonicalize().unwrap_or_else(|_| shard.clone()).display().to_string();
    let mut report = MergeReport { shards: shards.iter().map(named).collect(), ..MergeReport::default() };
    let mut firsts: HashMap<u128, u128> = HashMap::new();
    let mut inputs = InputOwners::default();
    let mut articles = PartWriter::new(staging, "articles", articles_schema(), options)?;
    let mut rejects = PartWriter::new(staging, "rejects", rejects_schema(), options)?;
    for (index, shard) in shards.iter().enumerate() {
        let gone = Superseded::read(shard)?;
        let mut overlap = None;
        for_each_batch(shard, "articles", &articles_schema(), |path, batch| {
            let batch = current_rows(path, batch, &gone, &mut report.superseded_rows)?;
            overlap = overlap.take().or(inputs.claim(path, &batch, index)?);
            let batch = mark_duplicates(path, &batch, &mut firsts, &mut report)?;
            report.articles += batch.num_rows() as u64;
            articles.write(&batch)
        })?;
        for_each_batch(shard, "rejects", &rejects_schema(), |path, batch| {
            let batch = current_rows(path, batch, &gone, &mut report.superseded_rows)?;
            overlap = overlap.take().or(inputs.claim(path, &batch, index)?);
            report.rejects += batch.num_rows() as u64;
            rejects.write(&batch)
        })?;
        if let Some((source_path, first)) = overlap {
            let (first, second) = (shards[first].clone(), shard.clone());
            return Err(MergeError::Overlap { source_path, first, second });
        }
    }
    report.files.extend(articles.finish()?);
    report.files.extend(rejects.finish()?);

    let json = serde_json::to_vec_pretty(&report)
        .map_err(|source| StoreError::Json { path: staging.join(MERGE_FILE), source })?;
    let report_path = staging.join(MERGE_FILE);
    write_synced(&report_path, &[json.as_slice(), b"\n"].concat())?;
    sync_dir(&staging.join("articles"))?;
    sync_dir(&staging.join("rejects"))?;
    sync_dir(staging)?;
    Ok(report)
}

/// Moves the tables and report of a complete merge from [`SWAP_DIR`] into
/// place, where a merge left them (killed, or just now). Each step checks
/// what is done already, so that it can be repeated after a kill at any point.
fn finish_swap(out_dir: &Path) -> Result<(), StoreError> {
    let swap = out_dir.join(SWAP_DIR);
    if !swap.is_dir() {
        return Ok(());
    }
    for table in ["articles", "rejects"] {
        let (live, new, old) = (out_dir.join(table), swap.join(table), swap.join(format!("old-{table}")));
        if !new.exists() {
            continue; // Moved before the kill.
        }
        if live.exists() {
            if old.exists() {
                fs::remove_dir_all(&old).map_err(io_err(&old))?;
            }
            fs::rename(&live, &old).map_err(io_err(&live))?;
        }
        fs::rename(&new, &live).map_err(io_err(&new))?;
    }
    let (new_report, report) = (swap.join(MERGE_FILE), out_dir.join(MERGE_FILE));
    if new_report.exists() {
        fs::rename(&new_report, &report).map_err(io_err(&report))?;
    }
    sync_dir(out_dir)?;
    fs::remove_dir_all(&swap).map_err(io_err(&swap))?;
    Ok(())
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
    let merged = |dir: &Path| read_merge_report(&dir.join(MERGE_FILE)).is_some();
    if has_tables && !merged(out_dir) && !merged(&out_dir.join(SWAP_DIR)) {
        return Err(MergeError::DestinationHoldsOtherTables(out_dir.to_path_buf()));
    }
    Ok(())
}

/// The merge report at `path`, if there is one that parses as such.
pub fn read_merge_report(path: &Path) -> Option<MergeReport> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

/// Recovers each shard's ledger, and checks that its last run finished and
/// that the shards' `--shard K/N` make one split of the inputs.
fn check_shards(shards: &[PathBuf]) -> Result<(), MergeError> {
    let mut splits: Vec<(u32, u32, &PathBuf)> = Vec::new();
    for shard in shards {
        let ledger = Ledger::open(shard)?;
        ledger.recover()?;
        if let Some((run_id, _)) = ledger.setting(RUN_IN_PROGRESS)? {
            if !run_id.is_empty() {
                return Err(MergeError::ShardUnfinished { shard: shard.clone(), run_id });
            }
        }
        // Ledgers older than the setting, and unsharded runs, are not a split's.
        let Some((spec, _)) = ledger.setting(SHARD_SETTING)? else { continue };
        if let Some((k, n)) = spec.split_once('/').and_then(|(k, n)| Some((k.parse().ok()?, n.parse().ok()?))) {
            splits.push((k, n, shard));
        }
    }
    if let Some(&(_, n, first)) = splits.first() {
        if let Some(&(_, m, other)) = splits.iter().find(|s| s.1 != n) {
            let detail = format!("{} is a shard of {n}, {} of {m}", first.display(), other.display());
            return Err(MergeError::ShardsDoNotFit(detail));
        }
        if n as usize > splits.len() && n > 1024 {
            // Some are missing: said without listing up to N of them (or
            // setting aside room for N).
            let detail = format!("a split into {n} shards, of which {} are given", splits.len());
            return Err(MergeError::ShardsDoNotFit(detail));
        }
        let mut taken: Vec<Option<&PathBuf>> = vec![None; n as usize];
        for &(k, _, shard) in &splits {
            match taken.get_mut(k as usize) {
                Some(Some(earlier)) => {
                    let detail = format!("{} and {} are both shard {k}/{n}", earlier.display(), shard.display());
                    return Err(MergeError::ShardsDoNotFit(detail));
                }
                Some(slot) => *slot = Some(shard),
                None => return Err(MergeError::ShardsDoNotFit(format!("{} holds shard {k}/{n}", shard.display()))),
            }
        }
        let missing: Vec<String> =
            (0..n).filter(|&k| taken[k as usize].is_none()).map(|k| format!("{k}/{n}")).collect();
        if !missing.is_empty() {
            return Err(MergeError::ShardsDoNotFit(format!("shard {} not given", missing.join(", "))));
        }
    }
    Ok(())
}

/// Which shard each input's rows came from, by a 128-bit hash of its
/// `source_path`, so that an input in two shards is caught.
#[derive(Default)]
struct InputOwners {
    owner: HashMap<u128, usize>,
}

impl InputOwners {
    /// Records that the inputs of `batch` are shard `index`'s; returns the
    /// first that an earlier shard holds, with that shard's index.
    fn claim(&mut self, path: &Path, batch: &RecordBatch, index: usize) -> Result<Option<(String, usize)>, StoreError> {
        let Some(paths) = string_column(batch, "source_path") else {
            let detail = "source_path is not strings".to_owned();
            return Err(StoreError::Unreadable { path: path.to_path_buf(), detail });
        };
        for row in 0..batch.num_rows() {
            let hash = blake3::hash(paths.value(row).as_bytes());
            let key = u128::from_le_bytes(hash.as_bytes()[..16].try_into().unwrap_or_default());
            let owner = *self.owner.entry(key).or_insert(index);
            if owner != index {
                return Ok(Some((paths.value(row).to_owned(), owner)));
            }
        }
        Ok(None)
    }
}

/// Flushes a directory's entries (the renames into it) to disk.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir).and_then(|handle| handle.sync_all()).map_err(io_err(dir))
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
