//! Parquet encoding on a thread pool, so the thread that owns a file only
//! appends finished row groups to it.
//!
//! A batch is split into row groups exactly as `parquet`'s `ArrowWriter`
//! splits it (same byte limit, same estimate), and each row group's columns
//! are encoded in parallel; the bytes are the ones `ArrowWriter` would write.
//! Batches are encoded one after another (the split of a batch depends on
//! what the one before left in the open row group), but while one is being
//! encoded the owner goes on building the next.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnChunk, ArrowColumnWriter, ArrowRowGroupWriterFactory};
use parquet::errors::ParquetError;
use rayon::prelude::*;
use rayon::ThreadPool;

/// The column chunks of one finished row group, in schema order.
pub(crate) type RowGroupChunks = Vec<ArrowColumnChunk>;

/// What the encoding carries from one batch to the next.
struct State {
    factory: ArrowRowGroupWriterFactory,
    /// The row group being filled: its column writers and rows so far.
    open: Option<(Vec<ArrowColumnWriter>, usize)>,
    /// Row groups started in this file (the index of the next one).
    started: usize,
}

/// The result of encoding one batch: the state back, and the row groups it
/// completed (in order), or the error that stopped it.
type Done = (Option<State>, Result<Vec<RowGroupChunks>, ParquetError>, Duration);

/// Encodes the batches of one file, on `pool` when there is one, else on the
/// caller's thread.
pub(crate) struct Encoder {
    pool: Option<Arc<ThreadPool>>,
    max_row_group_bytes: usize,
    state: Option<State>,
    running: Option<Receiver<Done>>,
    /// Time spent encoding, wherever it ran.
    pub(crate) busy: Duration,
    /// Time the owner's thread spent on encoding: waiting for the pool, or
    /// encoding itself when there is none.
    pub(crate) waited: Duration,
}

impl Encoder {
    pub(crate) fn new(
        factory: ArrowRowGroupWriterFactory,
        max_row_group_bytes: usize,
        pool: Option<Arc<ThreadPool>>,
    ) -> Self {
        let state = State { factory, open: None, started: 0 };
        Encoder {
            pool,
            max_row_group_bytes: max_row_group_bytes.max(1),
            state: Some(state),
            running: None,
            busy: Duration::ZERO,
            waited: Duration::ZERO,
        }
    }

    /// Starts building a batch with `make_batch` and encoding it, after the
    /// batch before it; returns the row groups that batch completed, for the
    /// caller to append. (Building the Arrow arrays from rows is work for the
    /// pool too.)
    pub(crate) fn encode<F>(&mut self, make_batch: F) -> Result<Vec<RowGroupChunks>, ParquetError>
    where
        F: FnOnce() -> Result<RecordBatch, ParquetError> + Send + 'static,
    {
        let finished = self.wait()?;
        let mut state = self.state.take().ok_or_else(lost_state)?;
        let max_bytes = self.max_row_group_bytes;
        match self.pool.clone() {
            None => {
                let started = Instant::now();
                let result = make_batch().and_then(|batch| encode_batch(&mut state, &batch, max_bytes, None));
                let elapsed = started.elapsed();
                self.busy += elapsed;
                self.waited += elapsed;
                self.state = Some(state);
                let mut finished = finished;
                finished.extend(result?);
                Ok(finished)
            }
            Some(pool) => {
                let (tx, rx) = sync_channel::<Done>(1);
                let task_pool = Arc::clone(&pool);
                pool.spawn(move || {
                    let started = Instant::now();
                    // A panic must come back as an error: on the pool it
                    // would abort the process.
                    let outcome = catch_unwind(AssertUnwindSafe(|| {
                        let result = make_batch()
                            .and_then(|batch| encode_batch(&mut state, &batch, max_bytes, Some(&task_pool)));
                        (state, result)
                    }));
                    let done = match outcome {
                        Ok((state, result)) => (Some(state), result, started.elapsed()),
                        Err(_) => {
                            (None, Err(ParquetError::General("the Parquet encoder panicked".into())), started.elapsed())
                        }
                    };
                    // The owner may have gone with an error of its own.
                    let _ = tx.send(done);
                });
                self.running = Some(rx);
                Ok(finished)
            }
        }
    }

    /// Waits for the batch being encoded and closes the open row group;
    /// returns every row group not yet handed out (the file is complete).
    pub(crate) fn finish(&mut self) -> Result<Vec<RowGroupChunks>, ParquetError> {
        let mut finished = self.wait()?;
        let state = self.state.as_mut().ok_or_else(lost_state)?;
        if let Some((writers, _)) = state.open.take() {
            let started = Instant::now();
            finished.push(close_row_group(writers, self.pool.as_deref())?);
            let elapsed = started.elapsed();
            self.busy += elapsed;
            // Closing runs on the owner's thread (its columns on the pool, if any).
            self.waited += elapsed;
        }
        Ok(finished)
    }

    fn wait(&mut self) -> Result<Vec<RowGroupChunks>, ParquetError> {
        let Some(rx) = self.running.take() else {
            return Ok(Vec::new());
        };
        let started = Instant::now();
        let received = rx.recv();
        self.waited += started.elapsed();
        let (state, result, busy) =
            received.map_err(|_| ParquetError::General("the Parquet encoder stopped without an answer".into()))?;
        self.busy += busy;
        self.state = state;
        result
    }
}

fn lost_state() -> ParquetError {
    ParquetError::General("the Parquet encoder's state was lost by an earlier error".into())
}

/// `ArrowWriter::write`'s loop: fill the open row group, splitting the batch
/// where the byte limit says, closing each full row group.
fn encode_batch(
    state: &mut State,
    batch: &RecordBatch,
    max_bytes: usize,
    pool: Option<&ThreadPool>,
) -> Result<Vec<RowGroupChunks>, ParquetError> {
    let mut finished = Vec::new();
    if batch.num_rows() == 0 {
        return Ok(finished);
    }
    let mut remaining = batch.clone();
    loop {
        if state.open.is_none() {
            state.open = Some((state.factory.create_column_writers(state.started)?, 0));
            state.started += 1;
        }
        let (writers, buffered_rows) = state.open.as_mut().ok_or_else(lost_state)?;
        let mut split_at = None;
        let current_bytes = estimated_bytes(writers);
        // Only a row group with rows so far has a measured row size.
        if let Some(avg_row_bytes) = current_bytes.checked_div(*buffered_rows) {
            if current_bytes >= max_bytes {
                close_open(state, pool, &mut finished)?;
                continue;
            }
            if let Some(rows_that_fit) = (max_bytes - current_bytes).checked_div(avg_row_bytes) {
                if remaining.num_rows() > rows_that_fit {
                    if rows_that_fit > 0 {
                        split_at = Some(rows_that_fit);
                    } else {
                        close_open(state, pool, &mut finished)?;
                        continue;
                    }
                }
            }
        }
        let rest = split_at.map(|to_write| {
            let rest = remaining.slice(to_write, remaining.num_rows() - to_write);
            remaining = remaining.slice(0, to_write);
            rest
        });
        let (writers, buffered_rows) = state.open.as_mut().ok_or_else(lost_state)?;
        write_columns(writers, &remaining, pool)?;
        *buffered_rows += remaining.num_rows();
        if estimated_bytes(writers) >= max_bytes {
            close_open(state, pool, &mut finished)?;
        }
        match rest {
            Some(rest) => remaining = rest,
            None => return Ok(finished),
        }
    }
}

fn estimated_bytes(writers: &[ArrowColumnWriter]) -> usize {
    writers.iter().map(ArrowColumnWriter::get_estimated_total_bytes).sum()
}

fn close_open(
    state: &mut State,
    pool: Option<&ThreadPool>,
    finished: &mut Vec<RowGroupChunks>,
) -> Result<(), ParquetError> {
    if let Some((writers, _)) = state.open.take() {
        finished.push(close_row_group(writers, pool)?);
    }
    Ok(())
}

/// Encodes each column of `batch` with its writer, the columns in parallel.
fn write_columns(
    writers: &mut [ArrowColumnWriter],
    batch: &RecordBatch,
    pool: Option<&ThreadPool>,
) -> Result<(), ParquetError> {
    let mut leaves = Vec::with_capacity(writers.len());
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        leaves.extend(compute_leaves(field.as_ref(), column)?);
    }
    if leaves.len() != writers.len() {
        return Err(ParquetError::General(format!("{} leaf columns for {} writers", leaves.len(), writers.len())));
    }
    let work = || writers.par_iter_mut().zip(leaves.par_iter()).try_for_each(|(writer, leaf)| writer.write(leaf));
    match pool {
        Some(pool) => pool.install(work),
        None => writers.iter_mut().zip(&leaves).try_for_each(|(writer, leaf)| writer.write(leaf)),
    }
}

fn close_row_group(writers: Vec<ArrowColumnWriter>, pool: Option<&ThreadPool>) -> Result<RowGroupChunks, ParquetError> {
    match pool {
        Some(pool) => pool.install(|| writers.into_par_iter().map(ArrowColumnWriter::close).collect()),
        None => writers.into_iter().map(ArrowColumnWriter::close).collect(),
    }
}
