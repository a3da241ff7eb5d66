//! `corpusmill ingest`: discovery, reading, the worker pool, one writer, the report.
//!
//! Inputs are discovered up front (sorted). A reader thread expands them in
//! order into documents (archive members, JSON Lines lines, WARC records…)
//! and cuts the stream into chunks bounded by bytes and documents; each chunk
//! is processed on the rayon pool with its order kept, so one huge file is
//! spread over every core. A writer thread appends the outcomes to the tables
//! while the pool works on the next chunk. Output order — and so the tables —
//! are the same on every run whatever the thread count, and at most a few
//! chunks are in memory at once: about (2 queued + 1 in work) × `chunk_bytes`
//! of documents plus their rows and the writers' row groups.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread;
use std::time::Instant;

use corpusmill_read::{discover, expand, DiscoverOptions, Input, Item, Limits};
use corpusmill_store::{write_report, ArticleRow, RejectRow, RunReport, StoreError, TableWriter, WriterOptions};
use rayon::prelude::*;

use crate::config::Config;
use crate::pipeline::{process_item, reject, Outcome};
use crate::progress::{mb_per_s, Progress};

/// Chunks in flight between the pool and the writer.
const WRITER_QUEUE: usize = 2;
/// Chunks read ahead of the pool.
const READ_AHEAD: usize = 2;

pub struct IngestRequest<'a> {
    pub paths: &'a [PathBuf],
    pub out_dir: &'a Path,
    pub config: &'a Config,
    pub threads: Option<usize>,
    pub run_id: String,
    pub quiet: bool,
}

/// A failure that stops the run.
#[derive(Debug)]
pub enum IngestError {
    ThreadPool(rayon::ThreadPoolBuildError),
    Store(StoreError),
    WriterGone,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IngestError::ThreadPool(err) => write!(f, "cannot start worker threads: {err}"),
            IngestError::Store(err) => write!(f, "{err}"),
            IngestError::WriterGone => write!(f, "the writer thread stopped unexpectedly"),
        }
    }
}

impl std::error::Error for IngestError {}

impl From<StoreError> for IngestError {
    fn from(err: StoreError) -> Self {
        IngestError::Store(err)
    }
}

/// Counts gathered by the writer as outcomes stream past.
#[derive(Default)]
struct Tally {
    bytes_read: u64,
    articles: u64,
    rejects: u64,
    encodings: BTreeMap<String, u64>,
    encoding_sources: BTreeMap<String, u64>,
    repairs: BTreeMap<String, u64>,
    repaired_documents: BTreeMap<String, u64>,
    rejects_by_reason: BTreeMap<String, u64>,
    records_skipped: BTreeMap<String, u64>,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Article(row) => {
                self.articles += 1;
                self.bytes_read += row.source_bytes;
                *self.encodings.entry(row.encoding.clone()).or_default() += 1;
                *self.encoding_sources.entry(row.encoding_source.clone()).or_default() += 1;
                for (kind, n) in &row.repairs {
                    *self.repairs.entry(kind.clone()).or_default() += n;
                    *self.repaired_documents.entry(kind.clone()).or_default() += 1;
                }
            }
            Outcome::Reject(row) => {
                self.rejects += 1;
                if row.stage != "read" {
                    self.bytes_read += row.source_bytes.unwrap_or(0);
                }
                *self.rejects_by_reason.entry(row.reason.clone()).or_default() += 1;
            }
            Outcome::Skipped(what) => *self.records_skipped.entry((*what).to_owned()).or_default() += 1,
        }
    }
}

struct Written {
    tally: Tally,
    articles_files: Vec<PathBuf>,
    rejects_files: Vec<PathBuf>,
}

fn run_writer(
    out_dir: &Path,
    run_id: &str,
    options: WriterOptions,
    chunks: Receiver<Vec<Outcome>>,
) -> Result<Written, StoreError> {
    let mut articles = TableWriter::<ArticleRow>::create(out_dir, run_id, options.clone())?;
    let mut rejects = TableWriter::<RejectRow>::create(out_dir, run_id, options)?;
    let mut tally = Tally::default();
    for chunk in chunks {
        for outcome in chunk {
            tally.count(&outcome);
            match outcome {
                Outcome::Article(row) => articles.push(*row)?,
                Outcome::Reject(row) => rejects.push(row)?,
                Outcome::Skipped(_) => {}
            }
        }
    }
    Ok(Written { tally, articles_files: articles.finish()?, rejects_files: rejects.finish()? })
}

/// Documents read ahead of the pool, and how many input files (and their
/// bytes on disk) were finished while reading them, for the progress bar.
#[derive(Default)]
struct Chunk {
    items: Vec<Item>,
    bytes: u64,
    files_done: u64,
    file_bytes_done: u64,
}

fn item_bytes(item: &Item) -> u64 {
    match item {
        Item::Record(record) => record.bytes.len() as u64,
        _ => 0,
    }
}

/// Expands the inputs in order and sends chunks of at most `max_bytes` (but
/// at least one document) and `max_items` documents. Stops early when the
/// receiver is gone (the run is failing).
fn read_inputs(inputs: &[Input], limits: &Limits, max_bytes: u64, max_items: usize, tx: SyncSender<Chunk>) {
    let mut chunk = Chunk::default();
    let mut receiver_gone = false;
    for input in inputs {
        expand(input, limits, &mut |item| {
            if receiver_gone {
                return;
            }
            chunk.bytes += item_bytes(&item);
            chunk.items.push(item);
            if chunk.bytes >= max_bytes || chunk.items.len() >= max_items.max(1) {
                receiver_gone = tx.send(std::mem::take(&mut chunk)).is_err();
            }
        });
        if receiver_gone {
            return;
        }
        chunk.files_done += 1;
        chunk.file_bytes_done += input.size;
    }
    if !chunk.items.is_empty() || chunk.files_done > 0 {
        let _ = tx.send(chunk);
    }
}

pub fn ingest(req: IngestRequest<'_>) -> Result<RunReport, IngestError> {
    let started = Instant::now();
    let started_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let config = req.config;
    let run_id = req.run_id.as_str();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = req.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().map_err(IngestError::ThreadPool)?;

    let discovery = discover(req.paths, &DiscoverOptions { skip_hidden: config.input.skip_hidden });
    let files_found = discovery.inputs.len() as u64;
    if !req.quiet {
        eprintln!(
            "corpusmill: run {run_id}: {files_found} files under {} path(s), {} threads",
            req.paths.len(),
            pool.current_num_threads()
        );
    }

    let (tx, rx) = sync_channel::<Vec<Outcome>>(WRITER_QUEUE);
    let out_dir = req.out_dir.to_path_buf();
    let writer_options = config.output.clone();
    let writer_run_id = run_id.to_owned();
    let writer = thread::Builder::new()
        .name("corpusmill-writer".into())
        .spawn(move || run_writer(&out_dir, &writer_run_id, writer_options, rx))
        .map_err(|err| IngestError::Store(StoreError::Io { path: req.out_dir.to_path_buf(), source: err }))?;

    let walk_rejects: Vec<Outcome> = discovery
        .errors
        .iter()
        .map(|err| {
            reject(
                &corpusmill_read::SourceId::file(err.path()),
                "discover",
                err.reason(),
                err.to_string(),
                None,
                run_id,
            )
        })
        .collect();
    let mut send_failed = !walk_rejects.is_empty() && tx.send(walk_rejects).is_err();

    let mut progress = Progress::new(files_found, req.quiet);
    let limits = config.input.limits();
    thread::scope(|scope| {
        let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(READ_AHEAD);
        let inputs = &discovery.inputs;
        let limits = &limits;
        let (max_bytes, max_items) = (config.input.chunk_bytes, config.input.chunk_files);
        let reader = thread::Builder::new()
            .name("corpusmill-reader".into())
            .spawn_scoped(scope, move || read_inputs(inputs, limits, max_bytes, max_items, chunk_tx));
        if reader.is_err() {
            send_failed = true;
            return;
        }
        for chunk in chunk_rx {
            if send_failed {
                break;
            }
            let outcomes: Vec<Outcome> =
                pool.install(|| chunk.items.into_par_iter().map(|item| process_item(item, config, run_id)).collect());
            send_failed = tx.send(outcomes).is_err();
            progress.advance(chunk.files_done, chunk.file_bytes_done);
        }
    });
    drop(tx);
    progress.finish();
    let written = match writer.join() {
        Ok(result) => result?,
        Err(_) => return Err(IngestError::WriterGone),
    };
    if send_failed {
        return Err(IngestError::WriterGone);
    }

    let elapsed = started.elapsed();
    let tally = written.tally;
    let show = |files: &[PathBuf]| files.iter().map(|p| p.display().to_string()).collect();
    let report = RunReport {
        run_id: run_id.to_owned(),
        corpusmill_version: env!("CARGO_PKG_VERSION").to_owned(),
        started_at,
        finished_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        wall_seconds: elapsed.as_secs_f64(),
        threads: pool.current_num_threads(),
        inputs: req.paths.iter().map(|p| p.display().to_string()).collect(),
        files_found,
        hidden_skipped: discovery.hidden_skipped,
        bytes_read: tally.bytes_read,
        articles: tally.articles,
        rejects: tally.rejects,
        encodings: tally.encodings,
        encoding_sources: tally.encoding_sources,
        repairs: tally.repairs,
        repaired_documents: tally.repaired_documents,
        rejects_by_reason: tally.rejects_by_reason,
        records_skipped: tally.records_skipped,
        articles_files: show(&written.articles_files),
        rejects_files: show(&written.rejects_files),
    };
    let report_path = write_report(req.out_dir, &report)?;
    if !req.quiet {
        let reasons: Vec<String> = report.rejects_by_reason.iter().map(|(r, n)| format!("{r} {n}")).collect();
        eprintln!(
            "corpusmill: {} articles, {} rejects{} from {} files; {:.1} MB in {:.2}s ({:.1} MB/s)",
            report.articles,
            report.rejects,
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) },
            report.files_found,
            report.bytes_read as f64 / 1e6,
            report.wall_seconds,
            mb_per_s(report.bytes_read, elapsed)
        );
        eprintln!("corpusmill: report {}", report_path.display());
    }
    Ok(report)
}
