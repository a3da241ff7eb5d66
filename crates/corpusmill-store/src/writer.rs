//! Appends rows to size-bounded Parquet files, made visible only when complete.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::error::{io_err, StoreError};
use crate::rows::Row;

/// Sizes and compression of the written files.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WriterOptions {
    /// Target size of a row group, in bytes of encoded data.
    pub row_group_bytes: usize,
    /// A file is closed and a new part started past this many bytes.
    pub max_file_bytes: u64,
    /// zstd level (1–22).
    pub zstd_level: i32,
    /// Rows are buffered and encoded in batches of about this many bytes.
    pub batch_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions { row_group_bytes: 64 << 20, max_file_bytes: 512 << 20, zstd_level: 3, batch_bytes: 8 << 20 }
    }
}

struct OpenFile {
    writer: ArrowWriter<File>,
    tmp: PathBuf,
    dest: PathBuf,
}

/// Writes one table (`DIR/<table>/part-<run>-<n>.parquet`).
///
/// Each part is written as a hidden `.tmp` file, fsynced, then renamed, so a
/// crash never leaves a partial file where readers look. A table with no rows
/// still gets one (empty) file, so `read_parquet('DIR/<table>/*.parquet')`
/// always works.
pub struct TableWriter<R: Row> {
    dir: PathBuf,
    run_id: String,
    options: WriterOptions,
    props: WriterProperties,
    current: Option<OpenFile>,
    next_part: u32,
    pending: Vec<R>,
    pending_bytes: usize,
    finished: Vec<PathBuf>,
    rows: u64,
}

impl<R: Row> TableWriter<R> {
    pub fn create(out_dir: &Path, run_id: &str, options: WriterOptions) -> Result<Self, StoreError> {
        let dir = out_dir.join(R::TABLE);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let level = ZstdLevel::try_new(options.zstd_level)
            .map_err(|source| StoreError::Parquet { path: dir.clone(), source })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(level))
            .set_max_row_group_row_count(None)
            .set_max_row_group_bytes(Some(options.row_group_bytes.max(1)))
            .build();
        Ok(TableWriter {
            dir,
            run_id: run_id.to_owned(),
            options,
            props,
            current: None,
            next_part: 0,
            pending: Vec::new(),
            pending_bytes: 0,
            finished: Vec::new(),
            rows: 0,
        })
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
            let writer = ArrowWriter::try_new(file, R::schema(), Some(self.props.clone()))
                .map_err(|source| StoreError::Parquet { path: tmp.clone(), source })?;
            self.current = Some(OpenFile { writer, tmp, dest });
        }
        self.current.as_mut().ok_or_else(|| unreachable_state(&self.dir))
    }

    fn write_pending(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = R::to_batch(&self.pending).map_err(|source| StoreError::Arrow { table: R::TABLE, source })?;
        self.rows += self.pending.len() as u64;
        self.pending.clear();
        self.pending_bytes = 0;
        let max_file_bytes = self.options.max_file_bytes;
        let file = self.open()?;
        file.writer.write(&batch).map_err(|source| StoreError::Parquet { path: file.tmp.clone(), source })?;
        let size = (file.writer.bytes_written() + file.writer.in_progress_size()) as u64;
        if size >= max_file_bytes {
            self.close_current()?;
        }
        Ok(())
    }

    fn close_current(&mut self) -> Result<(), StoreError> {
        let Some(OpenFile { writer, tmp, dest }) = self.current.take() else {
            return Ok(());
        };
        let file = writer.into_inner().map_err(|source| StoreError::Parquet { path: tmp.clone(), source })?;
        file.sync_all().map_err(io_err(&tmp))?;
        drop(file);
        fs::rename(&tmp, &dest).map_err(io_err(&dest))?;
        self.finished.push(dest);
        Ok(())
    }

    /// Writes what is buffered, closes the open part, makes it visible and
    /// returns the paths of every part written.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, StoreError> {
        self.write_pending()?;
        if self.finished.is_empty() && self.current.is_none() {
            self.open()?;
        }
        self.close_current()?;
        if let Ok(dir) = File::open(&self.dir) {
            // Persist the renames; a failure here is not worth failing the run.
            let _ = dir.sync_all();
        }
        Ok(self.finished)
    }
}

fn unreachable_state(dir: &Path) -> StoreError {
    StoreError::Io { path: dir.to_path_buf(), source: std::io::Error::other("writer state lost") }
}
