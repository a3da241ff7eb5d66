//! What a run does with each input, decided against the ledger.

use std::fs::File;

use corpusmill_read::Input;
use corpusmill_store::{InputState, Ledger, StoreError};

/// The decision for one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Never ingested.
    New,
    /// Ingested before with other content: re-ingest; rows of `runs` are superseded.
    Changed { runs: Vec<String> },
    /// A killed run committed its first `items` documents: continue after them.
    Resume { items: u64, runs: Vec<String> },
    /// Unfinished with nothing to keep: the file could not be read last time
    /// (its reject is superseded), or a killed run committed none of it.
    Retry { runs: Vec<String> },
    /// Fully ingested and unchanged.
    Unchanged,
    /// Unchanged content under a new fingerprint (touched, copied): skip, and
    /// record the new size and mtime.
    Touched,
}

impl Plan {
    pub fn label(&self) -> &'static str {
        match self {
            Plan::New => "new",
            Plan::Changed { .. } => "changed",
            Plan::Resume { .. } => "resume",
            Plan::Retry { .. } => "retry",
            Plan::Unchanged => "unchanged",
            Plan::Touched => "touched",
        }
    }
}

/// BLAKE3 of a file's bytes (hex), `None` when it cannot be read (reading
/// will then reject it with the cause).
pub fn file_hash(input: &Input) -> Option<String> {
    let mut hasher = blake3::Hasher::new();
    let file = File::open(&input.fs_path).ok()?;
    hasher.update_reader(file).ok()?;
    Some(hasher.finalize().to_hex().to_string())
}

/// Decides what to do with `input`. The size and mtime are the cheap
/// fingerprint; only when they differ from the ledger's is the content hash
/// compared (`hash` computes it on demand). `full` re-ingests everything.
pub fn plan(
    ledger: &Ledger,
    input: &Input,
    full: bool,
    hash: &mut dyn FnMut() -> Option<String>,
) -> Result<Plan, StoreError> {
    let Some(state) = ledger.input(&input.id.path)? else {
        return Ok(Plan::New);
    };
    let InputState { size, mtime, content_hash, done, items, runs } = state;
    if full {
        return Ok(Plan::Changed { runs });
    }
    let same_fingerprint = size == input.size && mtime == input.mtime;
    let same_content = same_fingerprint || (content_hash.is_some() && content_hash == hash());
    Ok(match (same_content, done) {
        (false, _) => Plan::Changed { runs },
        (true, false) if items == 0 => Plan::Retry { runs },
        (true, false) => Plan::Resume { items, runs },
        (true, true) if same_fingerprint => Plan::Unchanged,
        (true, true) => Plan::Touched,
    })
}
