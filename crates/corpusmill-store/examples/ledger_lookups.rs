//! Times look-ups of content hashes never recorded, in a ledger holding N
//! hashes: with the filter the run that recorded them has, and without (a
//! later run). Also prints how long recording them took, in segments of
//! 50,000 (hashes and doc_ids of 32 hex digits, as an ingest makes them). DIR must not exist yet; the ledger is made there, and left.
//!
//! Usage: `ledger_lookups [N] [DIR]` (default 1,000,000 and a new directory
//! under the system's temporary directory).
use std::time::Instant;

use corpusmill_store::{Ledger, Segment};

fn hash(n: u64) -> String {
    blake3::hash(&n.to_le_bytes()).to_hex()[..32].to_owned()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = args.next().map_or_else(
        || std::env::temp_dir().join(format!("ledger-lookups-{}", std::process::id())),
        std::path::PathBuf::from,
    );
    if dir.exists() {
        eprintln!("{} exists: give a directory to create", dir.display());
        std::process::exit(2);
    }
    eprintln!("ledger in {}", dir.display());
    let mut ledger = Ledger::open(&dir).expect("open");
    ledger.filter_hashes().expect("filter");
    let started = Instant::now();
    for start in (0..n).step_by(50_000) {
        let hashes = (start..(start + 50_000).min(n)).map(|i| (hash(i), hash(i + (1 << 40)))).collect();
        ledger.commit(&Segment { run_id: "r".into(), hashes, ..Segment::default() }).expect("commit");
    }
    eprintln!("recorded {n} hashes in {:.2} s", started.elapsed().as_secs_f64());
    let lookups = |ledger: &Ledger, what: &str| {
        let started = Instant::now();
        let found = (n..n + 200_000).filter(|&i| ledger.first_with_hash(&hash(i)).expect("lookup").is_some()).count();
        ledger.end_reads().expect("end");
        eprintln!("{what}: 200,000 look-ups of new hashes in {:.3} s ({found} found)", started.elapsed().as_secs_f64());
    };
    // The writer of the run that recorded them has the filter; a later run's does not.
    lookups(&ledger, "filtered");
    drop(ledger);
    let mut ledger = Ledger::open(&dir).expect("open");
    ledger.filter_hashes().expect("filter");
    lookups(&ledger, "unfiltered");
}
