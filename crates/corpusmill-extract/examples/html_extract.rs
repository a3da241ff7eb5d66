//! Runs `extract_html` over HTML files (plain or `.gz`) and prints one JSON line per file:
//! the `Article` fields plus `path`. Bytes are decoded by BOM/declared charset
//! (`html_declared_charset` + encoding_rs), else as UTF-8 with replacement.
//!
//! Usage: `html_extract FILE...`; the time spent inside `extract_html`
//! (not I/O or decompression) goes to stderr as `extract_seconds=… pages=…`.

use std::io::Read;
use std::time::{Duration, Instant};

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

fn main() {
    let mut total = Duration::ZERO;
    let mut pages = 0usize;
    for path in std::env::args().skip(1) {
        let bytes = match read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = decode(&bytes);
        let start = Instant::now();
        let article = extract_html(&text, None);
        total += start.elapsed();
        pages += 1;
        let mut value = match serde_json::to_value(&article) {
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
    eprintln!("extract_seconds={:.6} pages={pages}", total.as_secs_f64());
}
