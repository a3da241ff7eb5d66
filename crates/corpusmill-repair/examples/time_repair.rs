//! Times `repair_bytes` (decode + every repair, as ingest calls it) and `decode` alone
//! over files read into memory first, for comparisons with other tools on the same bytes
//! (`benches/bench_peers.py`). Each repair pass starts with the repair's per-thread
//! caches empty, so that one pass's answers are not carried into the next.
//!
//! Usage: `time_repair [--repeat N] [--print] FILE...`. Reads every file, repairs each
//! once untimed (to build the per-process tables), then runs
//! `decode` over all of them and `repair_bytes` over all of them, each N times (default
//! 1), and prints to stderr
//! `decode_seconds=… repair_seconds=… cpu_decode=… cpu_repair=… files=… bytes=… repeat=…`
//! (seconds are for all N passes). With `--print`, one JSON line per file goes to stdout:
//! `{"path", "encoding", "encoding_source", "repairs": {kind: count}, "decoded": text}` (or
//! `"error"`), where `decoded` is the text `decode` gave (before the repairs).

use std::time::Instant;

use corpusmill_repair::{decode, repair_bytes, RepairOptions};

/// CPU seconds (user + system) used by this process, from `/proc/self/stat` (Linux only).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn fmt_cpu(c: Option<f64>) -> String {
    c.map_or("-".into(), |c| format!("{c:.2}"))
}

fn main() {
    let mut repeat = 1usize;
    let mut print = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).expect("--repeat N"),
            "--print" => print = true,
            _ => paths.push(arg),
        }
    }
    let files: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| match std::fs::read(&p) {
            Ok(b) => Some((p, b)),
            Err(e) => {
                eprintln!("{p}: {e}");
                None
            }
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let options = RepairOptions::default();
    // The tables a process builds once (the character model, the code-page
    // maps) are built before the clock starts, as in a long ingest: one
    // untimed pass. Without it a short calibration run charged the model's
    // build to each of its few passes.
    for (_, b) in &files {
        let _ = repair_bytes(b, None, &options);
    }

    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let mut chars = 0usize;
    for _ in 0..repeat {
        for (_, b) in &files {
            if let Ok(d) = decode(b, None, options.max_replacement_ratio) {
                chars += d.text.len();
            }
        }
    }
    let decode_secs = start.elapsed().as_secs_f64();
    let cpu1 = cpu_seconds();
    let start = Instant::now();
    let mut results = Vec::with_capacity(files.len());
    for pass in 0..repeat {
        // The repair's per-thread caches start each pass empty, as for a
        // worker meeting these documents once: a pass over the same files
        // again would find every answer cached.
        corpusmill_repair::forget_cached_answers();
        for (_, b) in &files {
            let r = repair_bytes(b, None, &options);
            if pass == 0 {
                results.push(r);
            }
        }
    }
    let repair_secs = start.elapsed().as_secs_f64();
    let cpu2 = cpu_seconds();
    if print {
        for ((path, bytes), r) in files.iter().zip(&results) {
            let value = match r {
                Ok(r) => {
                    let decoded =
                        decode(bytes, None, options.max_replacement_ratio).map(|d| d.text).unwrap_or_default();
                    let repairs: serde_json::Map<String, serde_json::Value> =
                        r.log.counts().iter().map(|(k, c)| (k.code().to_string(), (*c).into())).collect();
                    serde_json::json!({"path": path, "encoding": r.encoding,
                        "encoding_source": r.encoding_source.code(), "repairs": repairs, "decoded": decoded})
                }
                Err(e) => serde_json::json!({"path": path, "error": e.to_string()}),
            };
            println!("{value}");
        }
    }
    let cpu_decode = cpu0.zip(cpu1).map(|(a, b)| b - a);
    let cpu_repair = cpu1.zip(cpu2).map(|(a, b)| b - a);
    eprintln!(
        "decode_seconds={decode_secs:.6} repair_seconds={repair_secs:.6} cpu_decode={} cpu_repair={} files={} bytes={bytes} repeat={repeat} decoded_bytes={}",
        fmt_cpu(cpu_decode),
        fmt_cpu(cpu_repair),
        files.len(),
        chars / repeat.max(1)
    );
}
