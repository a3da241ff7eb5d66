use std::fmt;
use std::io;
use std::path::PathBuf;

/// What can go wrong while writing the tables (always fatal for the run) or
/// reading them back.
#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Parquet {
        path: PathBuf,
        source: parquet::errors::ParquetError,
    },
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    Ledger {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A committed part that cannot be read as a table of ours.
    Unreadable {
        path: PathBuf,
        detail: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::Parquet { path, source } => write!(f, "writing {}: {source}", path.display()),
            StoreError::Json { path, source } => write!(f, "writing {}: {source}", path.display()),
            StoreError::Ledger { path, source } => write!(f, "ledger {}: {source}", path.display()),
            StoreError::Unreadable { path, detail } => write!(f, "reading {}: {detail}", path.display()),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::Parquet { source, .. } => Some(source),
            StoreError::Json { source, .. } => Some(source),
            StoreError::Ledger { source, .. } => Some(source),
            StoreError::Unreadable { .. } => None,
        }
    }
}

pub(crate) fn io_err(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.into();
    move |source| StoreError::Io { path, source }
}
