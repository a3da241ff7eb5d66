//! Runs `extract_text_dump` over text dumps (read as UTF-8, lossily) and, with
//! `--print`, prints one JSON line per file: the `Article` fields plus `path`.
//! For profiling and for checking that a change leaves every field as it was.
//!
//! Usage: `text_extract [--repeat N] [--print] FILE...`. All files are read first;
//! the wall and CPU time of the N passes of `extract_text_dump` go to stderr as
//! `extract_seconds=… cpu_seconds=… files=… bytes=… repeat=…`.

use std::time::Instant;

use corpusmill_extract::extract_text_dump;

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

fn main() {
    let (mut repeat, mut print, mut texts) = (1usize, false, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => repeat = n,
                None => {
                    eprintln!("--repeat needs a number");
                    std::process::exit(2);
                }
            },
            "--print" => print = true,
            path => match std::fs::read(path) {
                Ok(bytes) => texts.push((path.to_owned(), String::from_utf8_lossy(&bytes).into_owned())),
                Err(e) => eprintln!("{path}: {e}"),
            },
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut articles = Vec::new();
    for pass in 0..repeat {
        let out: Vec<_> = texts.iter().map(|(_, text)| extract_text_dump(text)).collect();
        if pass == 0 {
            articles = out;
        }
    }
    let wall = start.elapsed();
    let cpu = cpu_start.and_then(|s| Some(cpu_seconds()? - s));
    if print {
        for (article, (path, _)) in articles.iter().zip(&texts) {
            match serde_json::to_value(article) {
                Ok(mut value) => {
                    if let Some(obj) = value.as_object_mut() {
                        obj.insert("path".into(), path.clone().into());
                    }
                    println!("{value}");
                }
                Err(e) => eprintln!("{path}: {e}"),
            }
        }
    }
    let cpu = cpu.map_or("-".to_string(), |c| format!("{c:.2}"));
    eprintln!(
        "extract_seconds={:.6} cpu_seconds={cpu} files={} bytes={bytes} repeat={repeat}",
        wall.as_secs_f64(),
        texts.len()
    );
}
