//! Runs `extract_html` over HTML files (plain or `.gz`) and prints one JSON line per file:
//! the `Article` fields plus `path`. Bytes are decoded by BOM/declared charset
//! (`html_declared_charset` + encoding_rs), else as UTF-8 with replacement.
//!
//! Usage: `html_extract FILE...`. All files are read and decoded first; the wall and
//! CPU time spent in `extract_html` alone go to stderr as
//! `extract_seconds=… cpu_seconds=… pages=…`.

use std::io::Read;
use std::time::Instant;

use corpusmill_extract::{extract_html, html_declared_charset};

fn read(path: &str) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if !path.ends_with(".gz") {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
    Ok(out)
}

fn decode(bytes: &[u8]) -> String {
    let label = html_declared_charset(bytes);
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        // A page that could be read as ASCII to find its `<meta>` is not UTF-16.
        .map(|e| if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { e })
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

fn main() {
    // Read and decode everything first so that the timing covers extraction only.
    let mut pages: Vec<(String, String)> = Vec::new();
    for path in std::env::args().skip(1) {
        match read(&path) {
            Ok(bytes) => pages.push((decode(&bytes), path)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let articles: Vec<_> = pages.iter().map(|(text, _)| extract_html(text, None)).collect();
    let wall = start.elapsed();
    let cpu = cpu_start.and_then(|s| Some(cpu_seconds()? - s));
    for (article, (_, path)) in articles.iter().zip(&pages) {
        let mut value = match serde_json::to_value(article) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if let Some(obj) = value.as_object_mut() {
            obj.insert("path".into(), path.clone().into());
        }
        println!("{value}");
    }
    let cpu = cpu.map_or("-".to_string(), |c| format!("{c:.2}"));
    eprintln!("extract_seconds={:.6} cpu_seconds={cpu} pages={}", wall.as_secs_f64(), pages.len());
}
