//! Storage: the articles and rejects tables as Parquet, and the run report.
//!
//! Rows are plain structs ([`ArticleRow`], [`RejectRow`]); a [`TableWriter`]
//! turns batches of them into Arrow record batches and appends them to a
//! zstd-compressed Parquet file whose row groups are sized by bytes. Files are
//! written under a hidden temporary name and renamed into place when
//! complete, so a reader globbing `*.parquet` never sees a partial file.

mod error;
mod report;
mod rows;
mod writer;

pub use error::StoreError;
pub use report::{write_report, RunReport};
pub use rows::{articles_schema, rejects_schema, ArticleRow, RejectRow, Row};
pub use writer::{TableWriter, WriterOptions};
