//! Where a run's time goes, by stage, for the run report and the benchmarks.
//!
//! Each stage sums the time threads spent in it (so with several workers the
//! pool stages can add up to more than the wall time). Time a thread spends
//! waiting for another (a full queue) is not counted. Two `Instant::now()`
//! calls per stage and document cost well under 1% of a document's time.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reader thread: walking, `stat`, planning against the ledger.
    Plan,
    /// Reader thread: reading, decompressing, unpacking and splitting inputs.
    Read,
    /// Pool: decoding bytes to text and repairing it.
    Repair,
    /// Pool: finding the fields (title, date, body…).
    Extract,
    /// Pool: language and script, hashes, building the row.
    Rows,
    /// Writer thread: building Arrow batches, appending row groups,
    /// committing segments, the ledger.
    Write,
    /// Pool (or the writer thread when there is none): encoding Parquet.
    Encode,
}

const STAGES: [Stage; 7] =
    [Stage::Plan, Stage::Read, Stage::Repair, Stage::Extract, Stage::Rows, Stage::Write, Stage::Encode];

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Plan => "plan",
            Stage::Read => "read",
            Stage::Repair => "decode_repair",
            Stage::Extract => "extract",
            Stage::Rows => "rows",
            Stage::Write => "write",
            Stage::Encode => "encode",
        }
    }
}

/// Nanoseconds per stage, added to from any thread.
#[derive(Debug, Default)]
pub struct StageClock {
    nanos: [AtomicU64; STAGES.len()],
}

impl StageClock {
    pub fn add(&self, stage: Stage, elapsed: Duration) {
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Runs `f`, counting its time to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    /// Seconds per stage name, for the run report.
    pub fn seconds(&self) -> BTreeMap<String, f64> {
        STAGES
            .iter()
            .map(|&stage| {
                let nanos = self.nanos[stage as usize].load(Ordering::Relaxed);
                (stage.name().to_owned(), nanos as f64 / 1e9)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_by_name() {
        let clock = StageClock::default();
        clock.add(Stage::Read, Duration::from_millis(1500));
        clock.add(Stage::Read, Duration::from_millis(500));
        let value = clock.time(Stage::Extract, || 7);
        assert_eq!(value, 7);
        let seconds = clock.seconds();
        assert_eq!(seconds["read"], 2.0);
        assert_eq!(seconds["plan"], 0.0);
        assert_eq!(seconds.len(), 7);
    }
}
