//! The run report: one JSON file per run under `DIR/runs/`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{io_err, StoreError};

/// What a run did, for operators and for the next run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct RunReport {
    pub run_id: String,
    pub corpusmill_version: String,
    pub started_at: String,
    pub finished_at: String,
    pub wall_seconds: f64,
    pub threads: usize,
    pub inputs: Vec<String>,
    /// Files found by discovery (hidden files excluded).
    pub files_found: u64,
    pub hidden_skipped: u64,
    /// Symbolic links inside the walked folders, not followed (`input.follow_links`).
    #[serde(default)]
    pub links_skipped: u64,
    /// FIFOs, sockets and devices met in the walked folders.
    #[serde(default)]
    pub special_skipped: u64,
    /// Inputs by what the run did with them (see the ledger).
    pub files_new: u64,
    pub files_changed: u64,
    pub files_resumed: u64,
    pub files_unchanged: u64,
    /// Unchanged content under a new size/mtime: skipped, fingerprint updated.
    pub files_touched: u64,
    /// `K/N` when the run took one shard of the inputs.
    pub shard: Option<String>,
    /// Files (and discovery errors) left to the other shards.
    pub files_other_shards: u64,
    /// What was written, counted as rows stream to the writer.
    #[serde(flatten)]
    pub written: WrittenCounts,
    /// Seconds spent per stage, summed over the threads doing it (`plan`,
    /// `read` on the reader thread; `decode_repair`, `extract`, `rows` on the
    /// pool; `write` on the writer), waiting excluded.
    pub stage_seconds: BTreeMap<String, f64>,
    /// Seconds the thread that feeds the pool waited with the pool idle:
    /// `for_reader` (no chunk read yet) and `for_writer` (its queue full). Large
    /// values name the stage that keeps the cores from being used.
    #[serde(default)]
    pub wait_seconds: BTreeMap<String, f64>,
    /// The run id whose `[repair]`/`[json]` settings (or corpusmill version)
    /// differ from this run's, when this run is the first with new ones and
    /// not `--full`: the rows of inputs it left unchanged were written
    /// under the old settings.
    #[serde(default)]
    pub settings_changed_since: Option<String>,
}

/// Counts of the rows a run wrote and the commits it made.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct WrittenCounts {
    pub bytes_read: u64,
    pub articles: u64,
    pub rejects: u64,
    /// Articles whose content hash was seen before (their `duplicate_of` is set).
    pub duplicates: u64,
    /// Documents per encoding name.
    pub encodings: BTreeMap<String, u64>,
    /// Documents per way the encoding was chosen.
    pub encoding_sources: BTreeMap<String, u64>,
    /// Total repairs per kind over all articles.
    pub repairs: BTreeMap<String, u64>,
    /// Articles with at least one repair of the kind.
    pub repaired_documents: BTreeMap<String, u64>,
    /// Rejects per stable reason code.
    pub rejects_by_reason: BTreeMap<String, u64>,
    /// Container records that are not documents (WARC requests, warcinfo…), by kind.
    pub records_skipped: BTreeMap<String, u64>,
    /// Segments committed (each: part files + ledger transaction).
    pub segments: u64,
    /// The part files this run made visible.
    pub files_written: Vec<String>,
}

/// Writes `DIR/runs/<run_id>.json` atomically and returns its path.
pub fn write_report(out_dir: &Path, report: &RunReport) -> Result<PathBuf, StoreError> {
    let dir = out_dir.join("runs");
    fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let dest = dir.join(format!("{}.json", report.run_id));
    let tmp = dir.join(format!(".{}.json.tmp", report.run_id));
    let mut json =
        serde_json::to_vec_pretty(report).map_err(|source| StoreError::Json { path: dest.clone(), source })?;
    json.push(b'\n');
    write_synced(&tmp, &json)?;
    fs::rename(&tmp, &dest).map_err(io_err(&dest))?;
    Ok(dest)
}

/// Writes `bytes` to `path` and flushes them to disk (before a rename makes
/// the file visible).
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = fs::File::create(path).map_err(io_err(path))?;
    file.write_all(bytes).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))
}
