//! `corpusmill ingest`: lock, recovery, discovery, reading, the worker pool,
//! one writer, the report.
//!
//! A reader thread walks the paths in a stable order (sorted by name), never
//! holding the whole list, and plans each input against the ledger:
//! unchanged inputs are skipped, changed ones re-ingested, and inputs a
//! killed run left half done resume after their last committed document.
//! Planning runs [`OPEN_AHEAD`] inputs ahead of reading: each input to read is
//! opened on being planned and the kernel asked to fetch it, so that a cold
//! page cache has that many reads in flight instead of one. The reader
//! expands the inputs, in order, into documents
//! (archive members, JSON Lines lines, WARC records…) and cuts the stream
//! into chunks bounded by bytes and documents; each chunk is processed on the
//! rayon pool with its order kept, so one huge file is spread over every
//! core. A writer thread appends the outcomes to the tables and commits them
//! in segments. Output order — and so the tables — are the same on every run
//! whatever the thread count, and memory stays bounded: 2 chunks read ahead
//! and [`CHUNKS_IN_WORK`] in work (each at most `chunk_bytes` of documents), [`OPEN_AHEAD`]
//! open input files (their fetched bytes live in the page cache), the rows waiting
//! for the writer (at most [`WRITER_QUEUE_BYTES`] of documents' worth, or one
//! chunk), and one segment's row groups.

use std::collections::VecDeque;
use std::fs::{self, File, TryLockError};
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use corpusmill_read::{
    expand_opened, open_ahead, walk, DiscoverOptions, Expanded, Found, Input, Item, Limits, Opened, SourceId,
};
use corpusmill_store::{write_report, Ledger, RunReport, StoreError, RUN_IN_PROGRESS, SHARD_SETTING};
use rayon::prelude::*;

use crate::commit::{run_writer, InputStart, Step};
use crate::config::Config;
use crate::pipeline::{panic_message, process_item, reject};
use crate::plan::{file_hash, plan, Plan};
use crate::progress::{mb_per_s, Logger, Progress};
use crate::queue::byte_channel;
use crate::shard::Shard;
use crate::stages::{Stage, StageClock};

/// Rows waiting for the writer, counted in bytes of the documents they came
/// from: enough to keep the pool busy while the writer fsyncs and commits a
/// segment or encodes a batch itself.
const WRITER_QUEUE_BYTES: u64 = 64 << 20;
/// What each step counts against that budget besides its document's bytes.
const STEP_QUEUE_BYTES: u64 = 256;
/// Chunks read ahead of the pool.
const READ_AHEAD: usize = 2;
/// Chunks on the pool at once: the next one is queued while the last
/// documents of the one before are done.
const CHUNKS_IN_WORK: usize = 2;
/// The lock file inside the output directory.
pub const LOCK_FILE: &str = ".corpusmill.lock";

pub struct IngestRequest<'a> {
    pub paths: &'a [PathBuf],
    pub out_dir: &'a Path,
    pub config: &'a Config,
    pub threads: Option<usize>,
    pub run_id: String,
    /// Re-ingest every input, superseding earlier rows.
    pub full: bool,
    /// Only this shard's inputs.
    pub shard: Option<Shard>,
    pub log: Logger,
}

/// A failure that stops the run.
#[derive(Debug)]
pub enum IngestError {
    ThreadPool(rayon::ThreadPoolBuildError),
    Store(StoreError),
    /// Another run holds the output directory's lock.
    Locked(PathBuf),
    /// The run id names an earlier run in this output directory.
    RunIdUsed {
        run_id: String,
        out_dir: PathBuf,
    },
    /// The reader thread panicked (a bug): the run stops rather than report
    /// a partial walk as complete.
    ReaderPanicked(String),
    WriterGone,
    /// The directory holds another `--shard` split's rows (or an unsharded
    /// run's): mixing two splits would put an input in two shards.
    ShardMismatch {
        out_dir: PathBuf,
        recorded: String,
        asked: String,
    },
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IngestError::ThreadPool(err) => write!(f, "cannot start worker threads: {err}"),
            IngestError::Store(err) => write!(f, "{err}"),
            IngestError::Locked(path) => {
                write!(f, "another corpusmill run is writing to {} (lock held on {LOCK_FILE})", path.display())
            }
            IngestError::RunIdUsed { run_id, out_dir } => write!(
                f,
                "run id {run_id:?} was already used in {} (its files would be overwritten); \
                 give a new --run-id or leave it out",
                out_dir.display()
            ),
            IngestError::ReaderPanicked(message) => write!(f, "bug: the reader thread panicked: {message}"),
            IngestError::WriterGone => write!(f, "the writer thread stopped unexpectedly"),
            IngestError::ShardMismatch { out_dir, recorded, asked } => {
                let name = |spec: &str| {
                    if spec.is_empty() {
                        "every input (no --shard)".to_owned()
                    } else {
                        format!("shard {spec}")
                    }
                };
                write!(
                    f,
                    "{} holds {}, not {}: runs of two splits would mix in one directory; \
                     give each shard a directory of its own",
                    out_dir.display(),
                    name(recorded),
                    name(asked)
                )
            }
        }
    }
}

impl std::error::Error for IngestError {}

impl From<StoreError> for IngestError {
    fn from(err: StoreError) -> Self {
        IngestError::Store(err)
    }
}

/// The paths given that do not exist (a link to nothing, or `file.txt/x`,
/// counts as missing). Other failures to look at a path (permissions) are left
/// to the walk, which turns them into rejects.
pub fn missing_paths(paths: &[PathBuf]) -> Vec<&PathBuf> {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    paths
        .iter()
        .filter(|path| matches!(std::fs::metadata(path), Err(err) if matches!(err.kind(), NotFound | NotADirectory)))
        .collect()
}

/// Whether what discovery found is this run's to handle (counts of hidden
/// files, links and special files are every shard's).
fn in_shard(shard: Option<Shard>, found: &Found) -> bool {
    match (shard, found) {
        (Some(shard), Found::Input(input)) => shard.owns(&input.id.path),
        (Some(shard), Found::Error(err)) => shard.owns(err.path()),
        _ => true,
    }
}

/// Discovery as configured, never walking into the output directory.
fn discover_options(config: &Config, out_dir: &Path) -> DiscoverOptions {
    DiscoverOptions {
        skip_hidden: config.input.skip_hidden,
        exclude: vec![out_dir.to_path_buf()],
        follow_links: config.input.follow_links,
    }
}

/// Takes the output directory's lock for the life of the returned file.
pub fn lock_output(out_dir: &Path) -> Result<File, IngestError> {
    let io = |source| IngestError::Store(StoreError::Io { path: out_dir.to_path_buf(), source });
    fs::create_dir_all(out_dir).map_err(io)?;
    let path = out_dir.join(LOCK_FILE);
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(IngestError::Locked(out_dir.to_path_buf())),
        Err(TryLockError::Error(err)) => Err(io(err)),
    }
}

/// Documents read ahead of the pool, and how many input files (and their
/// bytes on disk) were finished while reading them, for the progress bar.
#[derive(Default)]
struct Chunk {
    work: Vec<Work>,
    bytes: u64,
    files_done: u64,
    file_bytes_done: u64,
}

/// What the reader hands on: documents for the pool, markers for the writer.
enum Work {
    Item(Item),
    Pass(Step),
}

/// Counts of the plan, for the report.
#[derive(Debug, Default, Clone)]
pub struct PlanCounts {
    pub files_found: u64,
    pub hidden_skipped: u64,
    pub links_skipped: u64,
    pub special_skipped: u64,
    pub new: u64,
    pub changed: u64,
    pub resumed: u64,
    pub unchanged: u64,
    pub touched: u64,
    /// Files and discovery errors left to other shards.
    pub other_shards: u64,
}

impl PlanCounts {
    /// Counts an entry that is not read as an input.
    fn passed_over(&mut self, found: &Found) {
        match found {
            Found::Hidden => self.hidden_skipped += 1,
            Found::Link => self.links_skipped += 1,
            Found::Special => self.special_skipped += 1,
            Found::Input(_) | Found::Error(_) => {}
        }
    }

    fn add(&mut self, plan: &Plan) {
        match plan {
            Plan::New => self.new += 1,
            Plan::Changed { .. } | Plan::Retry { .. } => self.changed += 1,
            Plan::Resume { .. } => self.resumed += 1,
            Plan::Unchanged => self.unchanged += 1,
            Plan::Touched => self.touched += 1,
        }
    }
}

struct Reader<'a> {
    /// The reader's own connection: planning look-ups only.
    ledger: Ledger,
    /// A ledger failure that stops the run.
    failure: Option<StoreError>,
    run_id: &'a str,
    limits: &'a Limits,
    max_bytes: u64,
    max_items: usize,
    /// Chunks handed to the pool so far.
    chunks_sent: u32,
    full: bool,
    shard: Option<Shard>,
    tx: SyncSender<Chunk>,
    chunk: Chunk,
    receiver_gone: bool,
    clock: &'a StageClock,
    /// Time spent planning and waiting for the pool, which is not reading.
    not_reading: Duration,
}

/// Inputs at least this large take long enough to read that the planning
/// look-ups' snapshot is ended first (an open one keeps the ledger's WAL from
/// being checkpointed).
const LONG_READ_BYTES: u64 = 64 << 20;

/// The first chunk is 1/2^RAMP_CHUNKS of the configured size, and each next
/// one twice the last until they are full-sized.
const RAMP_CHUNKS: u32 = 5;

/// Inputs planned ahead of the one being read. Each one to read is opened
/// on entering the window and the kernel asked to fetch it, so with a cold
/// page cache this many reads are in flight instead of one.
const OPEN_AHEAD: usize = 32;

/// An entry the walk found, planned and waiting in the read-ahead window.
enum Pending {
    /// A discovery error's reject.
    Reject(Step),
    Input {
        input: Input,
        action: Action,
    },
}

/// What the plan says to do with an input.
enum Action {
    Skip,
    /// Record the new fingerprint of unchanged content.
    Touched,
    Read {
        /// Documents a killed run committed already.
        skip: u64,
        supersedes: Vec<String>,
        /// The content hash, when planning computed it.
        hash: Option<String>,
        opened: std::io::Result<Opened>,
    },
}

impl Reader<'_> {
    /// Ends the planning look-ups' read transaction. Failing to stops the
    /// run (the first failure is the one reported).
    fn end_reads(&mut self) {
        if let Err(err) = self.ledger.end_reads() {
            self.failure.get_or_insert(err);
        }
    }

    fn push(&mut self, work: Work) {
        if self.receiver_gone {
            return;
        }
        if let Work::Item(Item::Record(record)) = &work {
            self.chunk.bytes += record.bytes.len() as u64;
        }
        self.chunk.work.push(work);
        // The first chunks are small, so the pool starts on documents while
        // the reader is still filling a full-sized chunk.
        let shift = RAMP_CHUNKS - self.chunks_sent.min(RAMP_CHUNKS);
        let (max_bytes, max_items) = ((self.max_bytes >> shift).max(1), (self.max_items >> shift).max(1));
        if self.chunk.bytes >= max_bytes || self.chunk.work.len() >= max_items {
            self.chunks_sent = self.chunks_sent.saturating_add(1);
            // The planning look-ups' read transaction is not held while waiting.
            self.end_reads();
            let waiting = Instant::now();
            self.receiver_gone = self.tx.send(std::mem::take(&mut self.chunk)).is_err();
            self.not_reading += waiting.elapsed();
        }
    }

    /// Walks the paths and plans and expands each input in order, never
    /// holding the list of inputs, only a window of [`OPEN_AHEAD`] planned
    /// ones. Stops early when the receiver is gone (the run is failing).
    fn run(mut self, paths: &[PathBuf], options: &DiscoverOptions) -> Result<PlanCounts, StoreError> {
        let started = Instant::now();
        let mut counts = PlanCounts::default();
        let mut window = VecDeque::with_capacity(OPEN_AHEAD + 1);
        walk(paths, options, &mut |found| {
            // Once the run is failing the rest of the tree is of no use.
            if self.receiver_gone || self.failure.is_some() {
                return ControlFlow::Break(());
            }
            if !in_shard(self.shard, &found) {
                counts.other_shards += 1;
                return ControlFlow::Continue(());
            }
            let pending = match found {
                Found::Input(input) => {
                    counts.files_found += 1;
                    match self.plan(input, &mut counts) {
                        Ok(pending) => pending,
                        Err(err) => {
                            self.failure = Some(err);
                            return ControlFlow::Break(());
                        }
                    }
                }
                Found::Error(err) => {
                    let id = SourceId::file(err.path());
                    Pending::Reject(Step::Out(reject(
                        &id,
                        "discover",
                        err.reason(),
                        err.to_string(),
                        None,
                        self.run_id,
                    )))
                }
                Found::Hidden | Found::Link | Found::Special => {
                    counts.passed_over(&found);
                    return ControlFlow::Continue(());
                }
            };
            window.push_back(pending);
            if window.len() > OPEN_AHEAD {
                if let Some(oldest) = window.pop_front() {
                    self.finish(oldest);
                }
            }
            ControlFlow::Continue(())
        });
        for pending in window {
            if self.failure.is_some() {
                break;
            }
            self.finish(pending);
        }
        if self.failure.is_none() {
            self.end_reads();
        }
        self.clock.add(Stage::Read, started.elapsed().saturating_sub(self.not_reading));
        if let Some(err) = self.failure.take() {
            return Err(err);
        }
        if !self.receiver_gone && (!self.chunk.work.is_empty() || self.chunk.files_done > 0) {
            let _ = self.tx.send(std::mem::take(&mut self.chunk));
        }
        Ok(counts)
    }

    /// Plans an input against the ledger and, when it is to be read, opens it
    /// ahead.
    fn plan(&mut self, input: Input, counts: &mut PlanCounts) -> Result<Pending, StoreError> {
        let mut hash = None;
        let planning = Instant::now();
        let (ledger, mut ending) = (&self.ledger, Ok(()));
        let decision = plan(ledger, &input, self.full, &mut |stored| {
            // Hashing a large file takes long: the look-ups' snapshot is
            // not held meanwhile.
            ending = ledger.end_reads();
            hash = file_hash(&input, Some(stored));
            hash.clone()
        });
        ending?;
        let decision = decision?;
        let planned = planning.elapsed();
        self.clock.add(Stage::Plan, planned);
        self.not_reading += planned;
        counts.add(&decision);
        let (skip, supersedes) = match decision {
            Plan::Unchanged => return Ok(Pending::Input { input, action: Action::Skip }),
            Plan::Touched => return Ok(Pending::Input { input, action: Action::Touched }),
            Plan::New => (0, Vec::new()),
            Plan::Changed { runs } | Plan::Retry { runs } => (0, runs),
            Plan::Resume { items, .. } => (items, Vec::new()),
        };
        let opened = open_ahead(&input);
        Ok(Pending::Input { input, action: Action::Read { skip, supersedes, hash, opened } })
    }

    /// Hands on the steps of one planned entry: a reject, a touched input's
    /// new fingerprint, or an input's documents between its start and end.
    fn finish(&mut self, pending: Pending) {
        let (input, action) = match pending {
            Pending::Reject(step) => return self.push(Work::Pass(step)),
            Pending::Input { input, action } => (input, action),
        };
        match action {
            Action::Skip => {}
            Action::Touched => {
                let (path, size, mtime) = (input.id.path.clone(), input.size, input.mtime);
                self.push(Work::Pass(Step::Touched { path, size, mtime }));
            }
            Action::Read { skip, supersedes, hash, opened } => self.read(&input, skip, supersedes, hash, opened),
        }
        self.chunk.files_done += 1;
        self.chunk.file_bytes_done += input.size;
    }

    fn read(
        &mut self,
        input: &Input,
        skip: u64,
        supersedes: Vec<String>,
        hash: Option<String>,
        opened: std::io::Result<Opened>,
    ) {
        if input.size >= LONG_READ_BYTES {
            // Nor while a large input is read.
            self.end_reads();
        }
        self.push(Work::Pass(Step::Start(InputStart {
            path: input.id.path.clone(),
            size: input.size,
            mtime: input.mtime,
            skipped_items: skip,
            supersedes,
        })));
        let mut seen = 0u64;
        let expanded = panic::catch_unwind(AssertUnwindSafe(|| {
            expand_opened(input, opened, self.limits, &mut |item| {
                seen += 1;
                if seen > skip {
                    self.push(Work::Item(item));
                }
            })
        }));
        // A panic while reading (a bug) leaves what was read so far and a
        // reject for the rest; the input counts as done so the bug does not
        // repeat every night.
        let expanded = expanded.unwrap_or_else(|payload| {
            let detail = format!("bug while reading: {}", panic_message(&*payload));
            self.push(Work::Pass(Step::Out(reject(&input.id, "read", "internal_error", detail, None, self.run_id))));
            Expanded::default()
        });
        let read_failed = expanded.read_failed;
        // Reading a zip (random access) or stopping at a tar's end marker
        // leaves the file unhashed: hash it now, or a touched archive would
        // count as changed next run.
        let content_hash =
            if read_failed { None } else { expanded.content_hash.or(hash).or_else(|| file_hash(input, None)) };
        self.push(Work::Pass(Step::End { content_hash, read_failed }));
    }
}

/// The ledger's name for [`settings_fingerprint`].
const OUTPUT_SETTINGS: &str = "output_settings";

/// What the rows of an input depend on besides its bytes: the `[repair]` and
/// `[json]` settings and the corpusmill version, hashed.
fn settings_fingerprint(config: &Config) -> String {
    let mut settings = String::from(env!("CARGO_PKG_VERSION"));
    for section in [toml::to_string(&config.repair), toml::to_string(&config.json)] {
        settings.push('\n');
        settings.push_str(&section.unwrap_or_default());
    }
    blake3::hash(settings.as_bytes()).to_hex()[..16].to_owned()
}

/// Records this run's settings in the ledger; when they differ from the
/// last run's and the run is not `--full`, says so (the inputs the run finds
/// unchanged keep rows written under the old settings) and returns the run
/// that recorded the old ones.
fn record_settings(
    ledger: &Ledger,
    config: &Config,
    run_id: &str,
    full: bool,
    log: &Logger,
) -> Result<Option<String>, IngestError> {
    let settings = settings_fingerprint(config);
    let changed_since = match ledger.setting(OUTPUT_SETTINGS)? {
        Some((old, since)) if old != settings && !full => Some(since),
        _ => None,
    };
    if let Some(since) = &changed_since {
        log.warn(
            "settings_changed",
            &format!(
                "the [repair]/[json] settings or the corpusmill version changed since run {since}: inputs \
                 this run finds unchanged keep the rows written then; rerun with --full to redo them"
            ),
            serde_json::json!({"since_run": since}),
        );
    }
    ledger.set_setting(OUTPUT_SETTINGS, &settings, run_id)?;
    Ok(changed_since)
}

pub fn ingest(req: IngestRequest<'_>) -> Result<RunReport, IngestError> {
    let started = Instant::now();
    let started_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let config = req.config;
    let run_id = req.run_id.as_str();
    let log = &req.log;
    let _lock = lock_output(req.out_dir)?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = req.threads {
        builder = builder.num_threads(n);
    }
    let pool = Arc::new(builder.build().map_err(IngestError::ThreadPool)?);

    let ledger = Ledger::open(req.out_dir)?;
    let (rolled, deleted, quarantined) = ledger.recover()?;
    if rolled + deleted + quarantined > 0 {
        log.info(
            "recovered",
            &format!(
                "finished an interrupted run: {rolled} committed files renamed, {deleted} uncommitted deleted, \
                 {quarantined} unknown files moved to quarantine/"
            ),
            serde_json::json!({"rolled_forward": rolled, "deleted": deleted, "quarantined": quarantined}),
        );
    }
    let report_exists = req.out_dir.join("runs").join(format!("{run_id}.json")).exists();
    if report_exists || ledger.has_run(run_id)? {
        return Err(IngestError::RunIdUsed { run_id: run_id.to_owned(), out_dir: req.out_dir.to_path_buf() });
    }
    let shard_spec = same_split(&ledger, req.out_dir, req.shard)?;
    let settings_changed_since = record_settings(&ledger, config, run_id, req.full, log)?;
    ledger.set_setting(SHARD_SETTING, &shard_spec, run_id)?;
    // Cleared once the report is written: until then `merge` knows this
    // directory's rows may be a part of what they will be.
    ledger.set_setting(RUN_IN_PROGRESS, run_id, run_id)?;
    let reader_ledger = Ledger::open(req.out_dir)?;

    log.info(
        "start",
        &format!("run {run_id}: {} path(s), {} threads", req.paths.len(), pool.current_num_threads()),
        serde_json::json!({"run_id": run_id, "paths": req.paths.len(), "threads": pool.current_num_threads()}),
    );

    let (tx, rx) = byte_channel::<Vec<Step>>(WRITER_QUEUE_BYTES);
    let out_dir = req.out_dir.to_path_buf();
    let writer_options = config.output.clone();
    let clock = Arc::new(StageClock::default());
    let writer_run_id = run_id.to_owned();
    let writer = thread::Builder::new()
        .name("corpusmill-writer".into())
        .spawn({
            // Row groups are encoded on the pool, so that one writer thread does not
            // bound a many-core run; with a single worker the writer thread, which
            // has a core of its own beside it, encodes them itself.
            let encode_pool = (pool.current_num_threads() > 1).then(|| Arc::clone(&pool));
            let clock = Arc::clone(&clock);
            move || run_writer(&out_dir, &writer_run_id, writer_options, ledger, rx, &clock, encode_pool)
        })
        .map_err(|err| IngestError::Store(StoreError::Io { path: req.out_dir.to_path_buf(), source: err }))?;

    let mut send_failed = false;
    let mut progress = Progress::new(log);
    let (mut waited_for_reader, mut waited_for_writer) = (Duration::ZERO, Duration::ZERO);
    let discover_options = discover_options(config, req.out_dir);
    let limits = config.input.limits();
    let plan_counts = thread::scope(|scope| {
        let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(READ_AHEAD);
        let reader = Reader {
            ledger: reader_ledger,
            failure: None,
            run_id,
            limits: &limits,
            max_bytes: config.input.chunk_bytes,
            max_items: config.input.chunk_files,
            chunks_sent: 0,
            full: req.full,
            shard: req.shard,
            tx: chunk_tx,
            chunk: Chunk::default(),
            clock: &clock,
            not_reading: Duration::ZERO,
            receiver_gone: false,
        };
        let (paths, options) = (req.paths, &discover_options);
        let handle = thread::Builder::new()
            .name("corpusmill-reader".into())
            .spawn_scoped(scope, move || reader.run(paths, options));
        let mut chunks = chunk_rx.into_iter();
        let clock = &*clock;
        pool.in_place_scope(|scope| {
            // Chunks handed to the pool and not yet to the writer, oldest first,
            // each with the receiver of its steps. The next chunk goes to the
            // pool before the oldest is waited for, so that no core idles while
            // a chunk's slowest documents are done.
            let mut in_work = VecDeque::with_capacity(CHUNKS_IN_WORK);
            loop {
                let waiting = Instant::now();
                let next = if send_failed { None } else { chunks.next() };
                if let Some(chunk) = next {
                    waited_for_reader += waiting.elapsed();
                    // Markers and rejects carry no document bytes: each counts a little,
                    // so a run of them (a million touched files) cannot queue without bound.
                    let chunk_bytes = chunk.bytes + STEP_QUEUE_BYTES * chunk.work.len() as u64;
                    let (steps_tx, steps_rx) = sync_channel::<Vec<Step>>(1);
                    scope.spawn(move |_| {
                        let steps: Vec<Step> = chunk
                            .work
                            .into_par_iter()
                            .map(|work| match work {
                                Work::Item(item) => Step::Out(process_item(item, config, run_id, clock)),
                                Work::Pass(step) => step,
                            })
                            .collect();
                        // The receiver is gone only when the run is ending on an error.
                        let _ = steps_tx.send(steps);
                    });
                    in_work.push_back((steps_rx, chunk_bytes, chunk.files_done, chunk.file_bytes_done));
                    if in_work.len() < CHUNKS_IN_WORK {
                        continue;
                    }
                }
                // The oldest chunk to the writer: one, or every one once the
                // reader is done (or the writer gone).
                let Some((steps_rx, chunk_bytes, files_done, file_bytes_done)) = in_work.pop_front() else { break };
                // A chunk whose job panicked sends nothing: no later chunk goes
                // to the writer (nothing after the hole is committed), and the
                // scope raises the panic as soon as the chunks in work end.
                let Ok(steps) = steps_rx.recv() else {
                    send_failed = true;
                    continue;
                };
                if !send_failed {
                    let waiting = Instant::now();
                    send_failed = tx.send(steps, chunk_bytes).is_err();
                    waited_for_writer += waiting.elapsed();
                    progress.advance(files_done, file_bytes_done);
                }
            }
        });
        // A reader blocked on a full channel after the run stopped taking
        // chunks (the writer failed) sees the channel closed and stops; kept
        // open, the join below would wait for it forever.
        drop(chunks);
        match handle {
            Ok(handle) => match handle.join() {
                Ok(counts) => counts.map_err(IngestError::Store),
                Err(payload) => Err(IngestError::ReaderPanicked(panic_message(&*payload))),
            },
            Err(err) => Err(IngestError::Store(StoreError::Io { path: req.out_dir.to_path_buf(), source: err })),
        }
    });
    drop(tx);
    progress.finish();
    let written = match writer.join() {
        Ok(result) => result?,
        Err(_) => return Err(IngestError::WriterGone),
    };
    let plan_counts = plan_counts?;
    if send_failed {
        return Err(IngestError::WriterGone);
    }

    let elapsed = started.elapsed();
    let report = RunReport {
        run_id: run_id.to_owned(),
        corpusmill_version: env!("CARGO_PKG_VERSION").to_owned(),
        started_at,
        finished_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        wall_seconds: elapsed.as_secs_f64(),
        threads: pool.current_num_threads(),
        inputs: req.paths.iter().map(|p| p.display().to_string()).collect(),
        files_found: plan_counts.files_found,
        hidden_skipped: plan_counts.hidden_skipped,
        links_skipped: plan_counts.links_skipped,
        special_skipped: plan_counts.special_skipped,
        files_new: plan_counts.new,
        files_changed: plan_counts.changed,
        files_resumed: plan_counts.resumed,
        files_unchanged: plan_counts.unchanged,
        files_touched: plan_counts.touched,
        shard: req.shard.map(|s| s.to_string()),
        files_other_shards: plan_counts.other_shards,
        written,
        stage_seconds: clock.seconds(),
        wait_seconds: [("for_reader", waited_for_reader), ("for_writer", waited_for_writer)]
            .into_iter()
            .map(|(name, waited)| (name.to_owned(), waited.as_secs_f64()))
            .collect(),
        settings_changed_since,
    };
    let report_path = write_report(req.out_dir, &report)?;
    Ledger::open(req.out_dir)?.set_setting(RUN_IN_PROGRESS, "", run_id)?;
    let reasons: Vec<String> = report.written.rejects_by_reason.iter().map(|(r, n)| format!("{r} {n}")).collect();
    // Entries that are not read as inputs are said, so none goes unnoticed.
    let mut passed_over = String::new();
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    if report.links_skipped > 0 {
        let n = report.links_skipped;
        passed_over += &format!("; {n} symbolic link{} not followed (input.follow_links)", plural(n));
    }
    if report.special_skipped > 0 {
        let n = report.special_skipped;
        passed_over += &format!("; {n} FIFO{}, socket{} or device{} passed over", plural(n), plural(n), plural(n));
    }
    log.info(
        "finished",
        &format!(
            "{} articles ({} duplicates), {} rejects{} from {} files ({} new, {} changed, {} resumed, {} unchanged); \
             {:.1} MB in {:.2}s ({:.1} MB/s){passed_over}",
            report.written.articles,
            report.written.duplicates,
            report.written.rejects,
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) },
            report.files_found,
            report.files_new,
            report.files_changed,
            report.files_resumed,
            report.files_unchanged + report.files_touched,
            report.written.bytes_read as f64 / 1e6,
            report.wall_seconds,
            mb_per_s(report.written.bytes_read, elapsed)
        ),
        serde_json::json!({
            "run_id": run_id, "articles": report.written.articles, "rejects": report.written.rejects,
            "duplicates": report.written.duplicates, "files_new": report.files_new, "files_changed": report.files_changed,
            "files_resumed": report.files_resumed, "files_unchanged": report.files_unchanged + report.files_touched,
            "bytes": report.written.bytes_read, "seconds": report.wall_seconds,
            "links_skipped": report.links_skipped, "special_skipped": report.special_skipped,
            "stage_seconds": report.stage_seconds,
        }),
    );
    log.info(
        "report",
        &format!("report {}", report_path.display()),
        serde_json::json!({"report": report_path.display().to_string()}),
    );
    Ok(report)
}

/// The `--shard` of this run as the ledger records it (empty: every
/// input), if the directory holds the same split or none yet.
fn same_split(ledger: &Ledger, out_dir: &Path, shard: Option<Shard>) -> Result<String, IngestError> {
    let asked = shard.map(|s| s.to_string()).unwrap_or_default();
    match ledger.setting(SHARD_SETTING)? {
        Some((recorded, _)) if recorded != asked => {
            Err(IngestError::ShardMismatch { out_dir: out_dir.to_path_buf(), recorded, asked })
        }
        _ => Ok(asked),
    }
}

/// `--dry-run`: prints what a run would do with each input, changing nothing.
pub fn dry_run(
    paths: &[PathBuf],
    out_dir: &Path,
    config: &Config,
    full: bool,
    shard: Option<Shard>,
) -> Result<PlanCounts, IngestError> {
    let ledger_exists = out_dir.join(corpusmill_store::LEDGER_FILE).exists();
    let ledger = if ledger_exists { Some(Ledger::open_read_only(out_dir)?) } else { None };
    if let Some(ledger) = &ledger {
        // The plan of a run that would be refused is no plan.
        same_split(ledger, out_dir, shard)?;
    }
    let mut counts = PlanCounts::default();
    let mut failure = None;
    walk(paths, &discover_options(config, out_dir), &mut |found| {
        match found {
            found if !in_shard(shard, &found) => counts.other_shards += 1,
            Found::Input(input) => {
                counts.files_found += 1;
                let decision = match &ledger {
                    Some(ledger) => match plan(ledger, &input, full, &mut |stored| file_hash(&input, Some(stored))) {
                        Ok(decision) => decision,
                        Err(err) => {
                            failure.get_or_insert(err);
                            return ControlFlow::Break(());
                        }
                    },
                    None => Plan::New,
                };
                counts.add(&decision);
                println!("{}\t{}", decision.label(), input.id.path);
            }
            Found::Error(err) => println!("reject\t{}\t{}", err.path(), err.reason()),
            Found::Hidden => counts.hidden_skipped += 1,
            Found::Link => counts.links_skipped += 1,
            Found::Special => counts.special_skipped += 1,
        }
        ControlFlow::Continue(())
    });
    match failure {
        Some(err) => Err(err.into()),
        None => Ok(counts),
    }
}
