//! Repairs each file named on the command line and prints one JSON line per
//! file: `{"path", "text", "encoding", "repairs"}` (or `{"path", "error"}`).
//! Used by `benches/eval_repair.py`. `REPAIR_OPTIONS` may hold the options
//! as JSON (e.g. `{"mojibake": false}`) to compare configurations.

use std::collections::BTreeMap;
use std::io::Write;

use corpusmill_repair::{repair_bytes, RepairOptions};

fn main() {
    let options: RepairOptions = match std::env::var("REPAIR_OPTIONS") {
        Ok(json) => match serde_json::from_str(&json) {
            Ok(options) => options,
            Err(err) => {
                eprintln!("REPAIR_OPTIONS: {err}");
                std::process::exit(2);
            }
        },
        Err(_) => RepairOptions::default(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let line = match std::fs::read(&path) {
            Err(err) => serde_json::json!({ "path": path, "error": err.to_string() }),
            Ok(bytes) => match repair_bytes(&bytes, None, &options) {
                Err(err) => serde_json::json!({ "path": path, "error": err.reason() }),
                Ok(repaired) => {
                    let repairs: BTreeMap<&str, u64> =
                        repaired.log.counts().into_iter().map(|(kind, n)| (kind.code(), n)).collect();
                    serde_json::json!({
                        "path": path,
                        "text": repaired.text,
                        "encoding": repaired.encoding,
                        "repairs": repairs,
                    })
                }
            },
        };
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
