//! The writer thread: appends rows to the tables and commits them in
//! segments, each recorded in the ledger together with the input progress it
//! makes durable (see `corpusmill_store::Ledger` for the protocol).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use corpusmill_store::{
    ArticleRow, InputProgress, Ledger, RejectRow, Row, Segment, StoreError, SupersededRow, TableWriter, WriterOptions,
    WrittenCounts,
};

use rayon::ThreadPool;

use crate::pipeline::Outcome;
use crate::stages::{Stage, StageClock};

/// The start of an input's documents in the stream, with what the ledger said.
#[derive(Debug, Clone)]
pub struct InputStart {
    pub path: String,
    pub size: u64,
    pub mtime: Option<i64>,
    /// Documents committed by earlier runs (skipped by the reader).
    pub skipped_items: u64,
    /// Earlier runs whose rows for this input the new version supersedes.
    pub supersedes: Vec<String>,
}

/// What the writer receives, in input order.
#[derive(Debug)]
pub enum Step {
    Start(InputStart),
    Out(Outcome),
    /// Every document of the current input has been sent; the hash of its
    /// bytes when reading saw all of them. When the file could not be read
    /// (`read_failed`), its reject is written but the input stays unfinished
    /// with nothing kept, so the next run reads it again.
    End {
        content_hash: Option<String>,
        read_failed: bool,
    },
    /// An unchanged input under a new fingerprint.
    Touched {
        path: String,
        size: u64,
        mtime: Option<i64>,
    },
}

/// Adds one outcome to the counts.
fn count(tally: &mut WrittenCounts, outcome: &Outcome) {
    match outcome {
        Outcome::Article(row) => {
            tally.articles += 1;
            tally.bytes_read += row.source_bytes;
            add(&mut tally.encodings, &row.encoding, 1);
            add(&mut tally.encoding_sources, &row.encoding_source, 1);
            for (kind, n) in &row.repairs {
                add(&mut tally.repairs, kind, *n);
                add(&mut tally.repaired_documents, kind, 1);
            }
        }
        Outcome::Reject(row) => {
            tally.rejects += 1;
            if row.stage != "read" {
                tally.bytes_read += row.source_bytes.unwrap_or(0);
            }
            add(&mut tally.rejects_by_reason, &row.reason, 1);
        }
        Outcome::Skipped(what) => add(&mut tally.records_skipped, what, 1),
    }
}

/// Adds `n` to the count of `key`, copying the key only the first time.
fn add(counts: &mut BTreeMap<String, u64>, key: &str, n: u64) {
    match counts.get_mut(key) {
        Some(count) => *count += n,
        None => {
            counts.insert(key.to_owned(), n);
        }
    }
}

/// Inputs done that are staged in the ledger together, ahead of the
/// segment's commit: often enough that the commit at the end of a run has
/// little left to insert, seldom enough that a statement's set-up is shared.
const STAGE_INPUTS: usize = 64;

/// The input whose documents are streaming past.
struct Current {
    start: InputStart,
    content_hash: Option<String>,
    /// Documents of the input committed or pending, counting earlier runs'.
    items: u64,
    /// Earlier runs hold rows of an older version, and no commit has said
    /// so to the ledger yet.
    forget_runs: bool,
}

struct Committer<'a> {
    out_dir: &'a Path,
    run_id: &'a str,
    segment_bytes: u64,
    ledger: Ledger,
    articles: TableWriter<ArticleRow>,
    rejects: TableWriter<RejectRow>,
    superseded: TableWriter<SupersededRow>,
    pending_bytes: u64,
    /// Inputs completed since the last commit.
    done: Vec<InputProgress>,
    current: Option<Current>,
    /// Content hashes first seen since the last commit.
    new_hashes: HashMap<String, String>,
    tally: WrittenCounts,
}

fn progress(current: &Current, done: bool) -> InputProgress {
    InputProgress {
        path: current.start.path.clone(),
        size: current.start.size,
        mtime: current.start.mtime,
        content_hash: current.content_hash.clone(),
        done,
        items: current.items,
        forget_runs: current.forget_runs,
    }
}

impl Committer<'_> {
    fn step(&mut self, step: Step) -> Result<(), StoreError> {
        match step {
            Step::Start(start) => {
                for old in &start.supersedes {
                    let row = SupersededRow {
                        source_path: start.path.clone(),
                        run_id: old.clone(),
                        superseded_by: self.run_id.to_owned(),
                    };
                    self.pending_bytes += row.approx_bytes() as u64;
                    self.superseded.push(row)?;
                }
                // The runs superseded are the input's runs in the ledger: with
                // none, there is nothing to forget (a new input, most of a
                // first run's).
                let forget_runs = !start.supersedes.is_empty();
                self.current = Some(Current { items: start.skipped_items, start, content_hash: None, forget_runs });
            }
            Step::Out(outcome) => {
                count(&mut self.tally, &outcome);
                if let Some(current) = &mut self.current {
                    current.items += 1;
                }
                match outcome {
                    Outcome::Article(mut row) => {
                        row.duplicate_of = self.first_with_hash(&row.content_hash, &row.doc_id)?;
                        if row.duplicate_of.is_some() {
                            self.tally.duplicates += 1;
                        }
                        self.pending_bytes += row.approx_bytes() as u64;
                        self.articles.push(*row)?;
                    }
                    Outcome::Reject(row) => {
                        self.pending_bytes += row.approx_bytes() as u64;
                        self.rejects.push(row)?;
                    }
                    Outcome::Skipped(_) => {}
                }
            }
            Step::End { content_hash, read_failed } => {
                if let Some(mut current) = self.current.take() {
                    current.content_hash = content_hash;
                    if read_failed {
                        current.items = 0;
                    }
                    self.done.push(progress(&current, !read_failed));
                    if self.done.len() >= STAGE_INPUTS {
                        self.stage()?;
                    }
                }
            }
            Step::Touched { path, size, mtime } => self.ledger.refresh_fingerprint(&path, size, mtime)?,
        }
        if self.pending_bytes >= self.segment_bytes {
            self.commit(false)?;
        }
        Ok(())
    }

    /// Hands the inputs done so far to the ledger's open segment, ahead of
    /// its commit. The hashes first seen wait for the commit, which records
    /// them all in key order.
    fn stage(&mut self) -> Result<(), StoreError> {
        let progress = Segment {
            run_id: self.run_id.to_owned(),
            files: Vec::new(),
            inputs: std::mem::take(&mut self.done),
            hashes: Vec::new(),
        };
        self.ledger.stage(&progress)
    }

    /// The first doc_id with this content hash, committed or pending; records
    /// `doc_id` as the first when there is none. A document read again (a
    /// `--full` run, a file changed back) is the first of its own hash, not a
    /// duplicate of itself.
    fn first_with_hash(&mut self, hash: &str, doc_id: &str) -> Result<Option<String>, StoreError> {
        if let Some(first) = self.new_hashes.get(hash) {
            return Ok(Some(first.clone()).filter(|first| first != doc_id));
        }
        if let Some(first) = self.ledger.first_with_hash(hash)? {
            return Ok(Some(first).filter(|first| first != doc_id));
        }
        self.new_hashes.insert(hash.to_owned(), doc_id.to_owned());
        Ok(None)
    }

    /// Encoding time of the three tables, and the writer's waits for it.
    fn encode_time(&self) -> (Duration, Duration) {
        [self.articles.encode_time(), self.rejects.encode_time(), self.superseded.encode_time()]
            .into_iter()
            .fold((Duration::ZERO, Duration::ZERO), |(b, w), (b2, w2)| (b + b2, w + w2))
    }

    /// Closes the open parts and commits them with the progress they carry.
    /// `last` also gives every table at least one file.
    fn commit(&mut self, last: bool) -> Result<(), StoreError> {
        let empty_table = |table: &str| !has_parquet(&self.out_dir.join(table));
        let (need_articles, need_rejects, need_superseded) =
            (last && empty_table("articles"), last && empty_table("rejects"), last && empty_table("superseded"));
        let mut files = Vec::new();
        files.extend(self.articles.close_part(need_articles)?);
        files.extend(self.rejects.close_part(need_rejects)?);
        files.extend(self.superseded.close_part(need_superseded)?);
        let mut inputs = std::mem::take(&mut self.done);
        if let Some(current) = &mut self.current {
            inputs.push(progress(current, false));
            current.forget_runs = false;
        }
        if files.is_empty() && inputs.is_empty() && !self.ledger.has_staged() {
            return Ok(());
        }
        self.tally.files_written.extend(files.iter().map(|(_, dest)| dest.display().to_string()));
        let hashes = self.new_hashes.drain().collect();
        let segment = Segment { run_id: self.run_id.to_owned(), files, inputs, hashes };
        self.ledger.commit(&segment)?;
        self.tally.segments += 1;
        self.pending_bytes = 0;
        Ok(())
    }
}

fn has_parquet(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".parquet") && !name.starts_with('.')
            })
        })
        .unwrap_or(false)
}

/// Runs the writer until the sender hangs up, committing a final segment.
///
/// Parquet is encoded on `pool` when one is given (the writer thread then only
/// builds batches, appends row groups and keeps the ledger): `write` counts
/// this thread's time without its waits for the pool, `encode` the encoding.
pub fn run_writer(
    out_dir: &Path,
    run_id: &str,
    options: WriterOptions,
    mut ledger: Ledger,
    steps: impl IntoIterator<Item = Vec<Step>>,
    clock: &StageClock,
    pool: Option<Arc<ThreadPool>>,
) -> Result<WrittenCounts, StoreError> {
    ledger.filter_hashes()?;
    let mut committer = Committer {
        out_dir,
        run_id,
        segment_bytes: options.segment_bytes.max(1),
        ledger,
        articles: TableWriter::create(out_dir, run_id, options.clone())?.with_pool(pool.clone()),
        rejects: TableWriter::create(out_dir, run_id, options.clone())?.with_pool(pool.clone()),
        superseded: TableWriter::create(out_dir, run_id, options)?.with_pool(pool),
        pending_bytes: 0,
        done: Vec::new(),
        current: None,
        new_hashes: HashMap::new(),
        tally: WrittenCounts::default(),
    };
    let mut busy = Duration::ZERO;
    for chunk in steps {
        let started = Instant::now();
        let result = chunk.into_iter().try_for_each(|step| committer.step(step));
        // The hash look-ups' read transaction is not held while waiting.
        let result = result.and_then(|()| committer.ledger.end_reads());
        busy += started.elapsed();
        result?;
    }
    let started = Instant::now();
    let result = committer.commit(true);
    busy += started.elapsed();
    let (encode, waited) = committer.encode_time();
    clock.add(Stage::Write, busy.saturating_sub(waited));
    clock.add(Stage::Encode, encode);
    result?;
    Ok(committer.tally)
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::sync_channel;

    use corpusmill_read::{Input, SourceId};

    use super::*;
    use crate::pipeline::reject;
    use crate::plan::{plan, Plan};

    fn write_one_input(out_dir: &Path, run_id: &str, read_failed: bool) {
        let (tx, rx) = sync_channel(4);
        let id = SourceId::file("in/a.txt");
        let start =
            InputStart { path: id.path.clone(), size: 10, mtime: Some(1), skipped_items: 0, supersedes: vec![] };
        let steps = vec![
            Step::Start(start),
            Step::Out(reject(&id, "read", "unreadable", "cannot read: EIO".into(), None, run_id)),
            Step::End { content_hash: None, read_failed },
        ];
        tx.send(steps).expect("send");
        drop(tx);
        let ledger = Ledger::open(out_dir).expect("ledger");
        let clock = StageClock::default();
        let written = run_writer(out_dir, run_id, WriterOptions::default(), ledger, rx, &clock, None).expect("writer");
        assert_eq!(written.rejects, 1, "the reject is written either way");
    }

    /// A changed input's runs in the ledger are the run that read its new
    /// version; a new input's, the run that read it.
    #[test]
    fn a_new_version_replaces_the_runs_of_the_old_one() {
        let out = tempfile::tempdir().expect("tempdir");
        // Each input commits in one segment, or in two: at its reject, and
        // at its end.
        let write = |run_id: &str, path: &str, supersedes: Vec<String>, segment_bytes: u64| {
            let (tx, rx) = sync_channel(4);
            let id = SourceId::file(path);
            let start = InputStart { path: path.into(), size: 10, mtime: Some(1), skipped_items: 0, supersedes };
            let steps = vec![
                Step::Start(start),
                Step::Out(reject(&id, "decode", "binary", "binary".into(), Some(10), run_id)),
                Step::End { content_hash: None, read_failed: false },
            ];
            tx.send(steps).expect("send");
            drop(tx);
            let ledger = Ledger::open(out.path()).expect("ledger");
            let options = WriterOptions { segment_bytes, ..WriterOptions::default() };
            run_writer(out.path(), run_id, options, ledger, rx, &StageClock::default(), None).expect("writer");
        };
        let big = WriterOptions::default().segment_bytes;
        write("r1", "in/a.txt", vec![], big);
        write("r2", "in/a.txt", vec!["r1".into()], big);
        write("r2b", "in/b.txt", vec![], big);
        write("r3", "in/a.txt", vec!["r2".into()], 1);
        let ledger = Ledger::open(out.path()).expect("ledger");
        let runs = |path: &str| ledger.input(path).expect("query").expect("recorded").runs;
        assert_eq!(runs("in/a.txt"), ["r3"]);
        assert_eq!(runs("in/b.txt"), ["r2b"]);
    }

    #[test]
    fn an_input_that_could_not_be_read_is_read_again_next_run() {
        let input = Input { id: SourceId::file("in/a.txt"), fs_path: "in/a.txt".into(), size: 10, mtime: Some(1) };
        let no_hash = &mut |_: &str| None;
        for (read_failed, expected) in [(true, Plan::Retry { runs: vec!["r1".into()] }), (false, Plan::Unchanged)] {
            let out = tempfile::tempdir().expect("tempdir");
            write_one_input(out.path(), "r1", read_failed);
            let ledger = Ledger::open(out.path()).expect("ledger");
            assert_eq!(plan(&ledger, &input, false, no_hash).expect("plan"), expected);
        }
    }
}
