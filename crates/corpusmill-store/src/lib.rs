//! Storage: the articles, rejects and superseded tables as Parquet, the
//! ledger of what was ingested, and the run report.
//!
//! Rows are plain structs ([`ArticleRow`], [`RejectRow`]); a [`TableWriter`]
//! turns batches of them into Arrow record batches and appends them to a
//! zstd-compressed Parquet file whose row groups are sized by bytes. Files are
//! written under a hidden temporary name and renamed into place when
//! complete, so a reader globbing `*.parquet` never sees a partial file; the
//! [`Ledger`] records each commit before the rename, so a killed run is finished
//! by the next one without loss or duplicates.

mod encode;
mod error;
mod ledger;
mod merge;
mod read;
mod report;
mod rows;
mod writer;

pub use error::StoreError;
pub use ledger::{InputProgress, InputState, Ledger, Segment, LEDGER_FILE, RUN_IN_PROGRESS, SHARD_SETTING, TABLE_DIRS};
pub use merge::{check_merge, merge_outputs, read_merge_report, MergeError, MergeReport, MERGE_FILE, SWAP_DIR};
pub use read::{
    check_settled, committed_parts, is_merged_dir, is_output_dir, scan_table, string_column, Settled, Superseded,
};
pub use report::{write_report, RunReport, WrittenCounts};
pub use rows::{articles_schema, rejects_schema, superseded_schema, ArticleRow, RejectRow, Row, SupersededRow};
pub use writer::{TableWriter, WriterOptions};
