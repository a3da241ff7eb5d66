//! Differential check for the extractors: runs them over every file given (directories
//! are walked, sorted) and prints one JSON line per file with every output field, so two
//! builds can be compared with `cmp`/`diff` before and after a change.
//!
//! `.html`/`.htm` files (also `.gz`) go through `extract_html`; everything else is read
//! as (lossily decoded) UTF-8 and goes through `extract_text_dump`, `body_paragraphs`
//! and `parse_date` on each of its first 200 lines.
//!
//! Usage: `extract_digest [--repeat N] [--dump-only] PATH...`. The time spent extracting
//! goes to stderr; `--repeat` runs the extraction N times and `--dump-only` runs only
//! `extract_text_dump` and prints nothing per file (both for profiling and `perf stat`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use corpusmill_extract::{body_paragraphs, extract_html, extract_text_dump, parse_date};

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            eprintln!("{}: unreadable directory", path.display());
            return;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            walk(&child, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn read(path: &Path) -> std::io::Result<String> {
    let raw = std::fs::read(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn is_html(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}

fn digest(path: &Path, text: &str) -> serde_json::Value {
    if is_html(path) {
        return serde_json::json!({ "path": path.display().to_string(), "html": extract_html(text, None) });
    }
    let dates: Vec<_> =
        text.lines().take(200).map(|l| parse_date(l).map(|d| d.to_string()).unwrap_or_default()).collect();
    serde_json::json!({
        "path": path.display().to_string(),
        "dump": extract_text_dump(text),
        "body_paragraphs": body_paragraphs(text),
        "parse_date": dates,
    })
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if args.first().is_some_and(|a| a == "--repeat") {
        repeat = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        args.drain(..2.min(args.len()));
    }
    let dump_only = args.first().is_some_and(|a| a == "--dump-only");
    if dump_only {
        args.remove(0);
    }
    let mut paths = Vec::new();
    for a in &args {
        walk(Path::new(a), &mut paths);
    }
    let mut docs = Vec::new();
    for p in paths {
        match read(&p) {
            Ok(t) => docs.push((p, t)),
            Err(e) => eprintln!("{}: {e}", p.display()),
        }
    }
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    if dump_only {
        let mut paragraphs = 0usize;
        for _ in 0..repeat {
            paragraphs += docs.iter().map(|(_, t)| extract_text_dump(t).body_paragraphs.len()).sum::<usize>();
        }
        let secs = start.elapsed().as_secs_f64() / repeat as f64;
        eprintln!(
            "files={} bytes={bytes} paragraphs={paragraphs} seconds={secs:.3} MB/s={:.1}",
            docs.len(),
            bytes as f64 / 1e6 / secs
        );
        return;
    }
    let mut lines = Vec::new();
    for _ in 0..repeat {
        lines = docs.iter().map(|(p, t)| digest(p, t)).collect();
    }
    let secs = start.elapsed().as_secs_f64() / repeat as f64;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for l in &lines {
        if writeln!(out, "{l}").is_err() {
            return;
        }
    }
    let _ = out.flush();
    eprintln!("files={} bytes={bytes} seconds={secs:.3} MB/s={:.1}", docs.len(), bytes as f64 / 1e6 / secs);
}
