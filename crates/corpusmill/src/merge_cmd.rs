//! `corpusmill merge`: the output directories of a job array's shards into
//! one table set, once every shard has finished.

use std::fs::File;
use std::path::{Path, PathBuf};

use corpusmill_store::{check_merge, merge_outputs, MergeError, MergeReport, WriterOptions};

use crate::ingest::{lock_output, IngestError};

/// Why the merge did not happen, by the exit code it calls for.
pub enum MergeFailure {
    /// The command line names something that cannot be merged.
    Usage(String),
    /// A shard is being written, or another merge writes the destination.
    Locked(String),
    Failed(String),
}

impl From<IngestError> for MergeFailure {
    fn from(err: IngestError) -> Self {
        match err {
            IngestError::Locked(_) => MergeFailure::Locked(err.to_string()),
            err => MergeFailure::Failed(err.to_string()),
        }
    }
}

/// Merges `shards` into `out`, holding every shard's lock (no run may write
/// a shard meanwhile) and the destination's.
pub fn run(shards: &[PathBuf], out: &Path, options: &WriterOptions) -> Result<MergeReport, MergeFailure> {
    let mut seen = Vec::with_capacity(shards.len());
    for shard in shards {
        let real = shard.canonicalize().map_err(|err| MergeFailure::Usage(format!("{}: {err}", shard.display())))?;
        if seen.contains(&real) {
            return Err(MergeFailure::Usage(format!("{} is given twice", shard.display())));
        }
        seen.push(real);
    }
    // Checked before anything is created or locked; `merge_outputs` checks again.
    let check = |err: MergeError| match err {
        MergeError::Store(err) => MergeFailure::Failed(err.to_string()),
        err => MergeFailure::Usage(err.to_string()),
    };
    check_merge(shards, out).map_err(check)?;
    // The shards first: a shard being written is refused before the
    // destination (and its lock file) is created.
    let mut locks: Vec<File> = Vec::with_capacity(shards.len() + 1);
    for shard in shards {
        locks.push(lock_output(shard)?);
    }
    locks.push(lock_output(out)?);
    let report = merge_outputs(shards, out, options).map_err(check)?;
    drop(locks);
    Ok(report)
}
