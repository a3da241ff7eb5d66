//! What a run does with each input, decided against the ledger.

use corpusmill_read::fingerprint::fingerprint_file;
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

/// The fingerprint of a file's bytes, in the scheme of the `stored` one when
/// given ([`corpusmill_read::fingerprint`]); `None` when the file cannot be
/// read (reading will then reject it with the cause).
pub fn file_hash(input: &Input, stored: Option<&str>) -> Option<String> {
    fingerprint_file(&input.fs_path, stored).ok()
}

/// Decides what to do with `input`. The size and mtime are the cheap
/// fingerprint; only when they differ from the ledger's is the content hash
/// compared (`hash` computes it on demand, like the stored one it is given).
/// `full` re-ingests everything.
pub fn plan(
    ledger: &Ledger,
    input: &Input,
    full: bool,
    hash: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Plan, StoreError> {
    let Some(state) = ledger.input(&input.id.path)? else {
        return Ok(Plan::New);
    };
    let InputState { size, mtime, content_hash, done, items, runs } = state;
    if full {
        return Ok(Plan::Changed { runs });
    }
    let same_fingerprint = size == input.size && mtime == input.mtime;
    let same_content =
        same_fingerprint || content_hash.is_some_and(|stored| hash(&stored).is_some_and(|now| now == stored));
    Ok(match (same_content, done) {
        (false, _) => Plan::Changed { runs },
        (true, false) if items == 0 => Plan::Retry { runs },
        (true, false) => Plan::Resume { items, runs },
        (true, true) if same_fingerprint => Plan::Unchanged,
        (true, true) => Plan::Touched,
    })
}

#[cfg(test)]
mod tests {
    use corpusmill_read::fingerprint::fingerprint;
    use corpusmill_read::SourceId;
    use corpusmill_store::{InputProgress, Segment};

    use super::*;

    /// A file whose size and mtime changed is compared by its fingerprint, in
    /// the scheme the ledger stored it in: BLAKE3 from ledgers written before
    /// fingerprints were XXH3, XXH3 since.
    #[test]
    fn touched_files_are_told_from_changed_ones_in_either_scheme() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        let old = b"the first version";
        for stored in [blake3::hash(old).to_hex().to_string(), fingerprint(old)] {
            let out = tempfile::tempdir().expect("tempdir");
            let mut ledger = Ledger::open(out.path()).expect("ledger");
            let recorded = InputProgress {
                path: "a.txt".into(),
                size: old.len() as u64,
                mtime: Some(1),
                content_hash: Some(stored.clone()),
                done: true,
                items: 1,
                forget_runs: false,
            };
            ledger
                .commit(&Segment { run_id: "r1".into(), inputs: vec![recorded], ..Segment::default() })
                .expect("commit");
            for (bytes, expected) in
                [(&old[..], Plan::Touched), (b"the other version", Plan::Changed { runs: vec!["r1".into()] })]
            {
                std::fs::write(&path, bytes).expect("write");
                let input = Input {
                    id: SourceId::file("a.txt"),
                    fs_path: path.clone(),
                    size: bytes.len() as u64,
                    mtime: Some(2),
                };
                let decision = plan(&ledger, &input, false, &mut |like| file_hash(&input, Some(like))).expect("plan");
                assert_eq!(decision, expected, "{stored}");
            }
        }
    }
}
