//! Appends rows to size-bounded Parquet files, made visible only when complete.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use rayon::ThreadPool;

use crate::encode::{Encoder, RowGroupChunks};
use crate::error::{io_err, StoreError};
use crate::rows::Row;

/// Sizes and compression of the written files.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WriterOptions {
    /// Target size of a row group, in bytes of encoded data.
    pub row_group_bytes: usize,
    /// Rows are committed — part files closed, recorded in the ledger and made
    /// visible — every this many bytes of rows: the unit of crash recovery.
    pub segment_bytes: u64,
    /// zstd level (1–22).
    pub zstd_level: i32,
    /// Rows are buffered and encoded in batches of about this many bytes.
    pub batch_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions { row_group_bytes: 64 << 20, segment_bytes: 128 << 20, zstd_level: 3, batch_bytes: 8 << 20 }
    }
}

struct OpenFile {
    writer: SerializedFileWriter<File>,
    encoder: Encoder,
    tmp: PathBuf,
    dest: PathBuf,
}

/// Writes one table (`DIR/<table>/part-<run>-<n>.parquet`).
///
/// Each part is written as a hidden `.tmp` file and fsynced by
/// [`TableWriter::close_part`]; the caller makes it visible (the ledger
/// renames it after recording it), so a crash never leaves a partial file
/// where readers look.
///
/// With a pool ([`TableWriter::with_pool`]) the batches are encoded there and
/// this thread only builds them and appends finished row groups; the files
/// are byte for byte the same either way.
pub struct TableWriter<R: Row> {
    dir: PathBuf,
    run_id: String,
    options: WriterOptions,
    props: WriterProperties,
    pool: Option<Arc<ThreadPool>>,
    current: Option<OpenFile>,
    next_part: u32,
    pending: Vec<R>,
    pending_bytes: usize,
    rows: u64,
    /// Encoding time and waits of the files already closed.
    encode_busy: Duration,
    encode_waited: Duration,
}

impl<R: Row> TableWriter<R> {
    pub fn create(out_dir: &Path, run_id: &str, options: WriterOptions) -> Result<Self, StoreError> {
        let dir = out_dir.join(R::TABLE);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let props = writer_properties(&options, &dir)?;
        Ok(TableWriter {
            dir,
            run_id: run_id.to_owned(),
            options,
            props,
            pool: None,
            current: None,
            next_part: 0,
            pending: Vec::new(),
            pending_bytes: 0,
            rows: 0,
            encode_busy: Duration::ZERO,
            encode_waited: Duration::ZERO,
        })
    }

    /// Encodes on `pool`, when one is given, instead of the calling thread.
    pub fn with_pool(mut self, pool: Option<Arc<ThreadPool>>) -> Self {
        self.pool = pool;
        self
    }

    /// Time spent encoding Parquet (on the pool, when there is one), and the
    /// part of this thread's time that went to it (waiting for the pool, or
    /// encoding itself).
    pub fn encode_time(&self) -> (Duration, Duration) {
        let (busy, waited) =
            self.current.as_ref().map_or((Duration::ZERO, Duration::ZERO), |f| (f.encoder.busy, f.encoder.waited));
        (self.encode_busy + busy, self.encode_waited + waited)
    }

    /// Buffers a row; encodes a batch once enough bytes are buffered.
    pub fn push(&mut self, row: R) -> Result<(), StoreError> {
        self.pending_bytes += row.approx_bytes();
        self.pending.push(row);
        if self.pending_bytes >= self.options.batch_bytes {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> u64 {
        self.rows + self.pending.len() as u64
    }

    fn open(&mut self) -> Result<&mut OpenFile, StoreError> {
        if self.current.is_none() {
            let name = format!("part-{}-{:05}.parquet", self.run_id, self.next_part);
            self.next_part += 1;
            let tmp = self.dir.join(format!(".{name}.tmp"));
            let dest = self.dir.join(name);
            let file = File::create(&tmp).map_err(io_err(&tmp))?;
            let parquet_err = |source| StoreError::Parquet { path: tmp.clone(), source };
            // `ArrowWriter` sets the file up (schema, the Arrow schema in the
            // metadata); the row groups are then encoded by `Encoder`.
            let (writer, factory) = ArrowWriter::try_new(file, R::schema(), Some(self.props.clone()))
                .and_then(ArrowWriter::into_serialized_writer)
                .map_err(parquet_err)?;
            let encoder = Encoder::new(factory, self.options.row_group_bytes, self.pool.clone());
            self.current = Some(OpenFile { writer, encoder, tmp, dest });
        }
        self.current.as_mut().ok_or_else(|| unreachable_state(&self.dir))
    }

    fn write_pending(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.rows += self.pending.len() as u64;
        let rows = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let file = self.open()?;
        let finished = file.encoder.encode(move || {
            R::to_batch(&rows).map_err(|err| ParquetError::General(format!("building a {} batch: {err}", R::TABLE)))
        });
        append(file, finished)
    }

    /// Writes what is buffered and closes the open part: complete and fsynced,
    /// still under its temporary name. Returns `(temporary, final)` paths, or
    /// `None` when no row was written since the last part (unless `even_empty`,
    /// which writes a part with no rows so the table always has a file).
    pub fn close_part(&mut self, even_empty: bool) -> Result<Option<(PathBuf, PathBuf)>, StoreError> {
        self.write_pending()?;
        if even_empty {
            self.open()?;
        }
        let Some(mut open) = self.current.take() else {
            return Ok(None);
        };
        let finished = open.encoder.finish();
        let appended = append(&mut open, finished);
        self.encode_busy += open.encoder.busy;
        self.encode_waited += open.encoder.waited;
        appended?;
        let OpenFile { writer, tmp, dest, .. } = open;
        let file = writer.into_inner().map_err(|source| StoreError::Parquet { path: tmp.clone(), source })?;
        file.sync_all().map_err(io_err(&tmp))?;
        Ok(Some((tmp, dest)))
    }
}

/// Appends the row groups the encoder finished, in order.
fn append(file: &mut OpenFile, finished: Result<Vec<RowGroupChunks>, ParquetError>) -> Result<(), StoreError> {
    let parquet_err = |source| StoreError::Parquet { path: file.tmp.clone(), source };
    for chunks in finished.map_err(parquet_err)? {
        let mut row_group = file.writer.next_row_group().map_err(parquet_err)?;
        for chunk in chunks {
            chunk.append_to_row_group(&mut row_group).map_err(parquet_err)?;
        }
        row_group.close().map_err(parquet_err)?;
    }
    Ok(())
}

/// zstd at the configured level and row groups sized by bytes, for every
/// table file written (`dir` names the table in an error).
pub(crate) fn writer_properties(options: &WriterOptions, dir: &Path) -> Result<WriterProperties, StoreError> {
    let level = ZstdLevel::try_new(options.zstd_level)
        .map_err(|source| StoreError::Parquet { path: dir.to_path_buf(), source })?;
    Ok(WriterProperties::builder()
        .set_compression(Compression::ZSTD(level))
        .set_max_row_group_row_count(None)
        .set_max_row_group_bytes(Some(options.row_group_bytes.max(1)))
        .build())
}

fn unreachable_state(dir: &Path) -> StoreError {
    StoreError::Io { path: dir.to_path_buf(), source: std::io::Error::other("writer state lost") }
}
