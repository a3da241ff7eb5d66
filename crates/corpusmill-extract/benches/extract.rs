//! Extract: `extract_text_dump` on the clean dumps of `data/clean/` (one at a time, as
//! ingest calls it) and `extract_html` on `data/html/zhs-bridge.html` and on a generated
//! ~100 KB English news page (navigation, header, an article of many paragraphs, a share
//! bar, a related list, comments and a footer).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use corpusmill_extract::{extract_html, extract_text_dump};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn data(rel: &str) -> String {
    let path = format!("{}/../../data/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Sentences for the generated page, taken from the English sample dump's long lines.
fn sentences() -> Vec<String> {
    let text = data("clean/en-library.txt") + &data("clean/en-otters-wrapped.txt");
    text.split(['.', '\n']).map(str::trim).filter(|s| s.len() > 30).map(|s| format!("{s}.")).collect()
}

/// A deterministic English page of about `target` bytes.
fn generated_page(target: usize) -> String {
    let s = sentences();
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Harbour library extends its hours | The Harrowgate Courier</title>\
         <meta property=\"og:title\" content=\"Harbour library extends its hours\">\
         <meta property=\"og:site_name\" content=\"The Harrowgate Courier\">\
         <meta property=\"article:published_time\" content=\"2025-02-28T09:15:00Z\">\
         <link rel=\"canonical\" href=\"https://courier.example/local/2025/02/28/library-hours\">\
         </head><body><header><nav><ul>",
    );
    for item in ["Home", "Local", "Business", "Sport", "Opinion", "Weather", "Subscribe"] {
        let _ = write!(page, "<li><a href=\"/{}\">{item}</a></li>", item.to_lowercase());
    }
    page.push_str("</ul></nav></header><main><article><h1>Harbour library extends its hours</h1>");
    page.push_str(
        "<p class=\"byline\">By Priya Castellan, Local Reporter</p><time datetime=\"2025-02-28\">28 Feb 2025</time>",
    );
    let mut i = 0;
    let mut paragraphs = 0;
    while page.len() < target * 8 / 10 {
        page.push_str("<p>");
        for _ in 0..4 {
            page.push_str(&s[i % s.len()]);
            page.push(' ');
            i += 7;
        }
        page.push_str("</p>\n");
        paragraphs += 1;
        if paragraphs % 6 == 0 {
            let _ = write!(page, "<h2>Section {}</h2><figure><img src=\"/img/{paragraphs}.jpg\" alt=\"\"><figcaption>Photo {paragraphs}</figcaption></figure>", paragraphs / 6);
        }
    }
    page.push_str("<div class=\"share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a> <a href=\"#\">Email</a></div></article>");
    page.push_str("<aside class=\"related\"><h3>Related stories</h3><ul>");
    for k in 0..12 {
        let _ = write!(page, "<li><a href=\"/local/{k}\">{}</a></li>", &s[(k * 3) % s.len()]);
    }
    page.push_str("</ul></aside><section class=\"comments\"><h3>Comments</h3>");
    let mut k = 0;
    while page.len() < target {
        let _ = write!(page, "<div class=\"comment\"><b>reader{k}</b><p>{}</p></div>", &s[(k * 5) % s.len()]);
        k += 1;
    }
    page.push_str(
        "</section></main><footer><p>(c) 2025 The Harrowgate Courier. All rights reserved.</p></footer></body></html>",
    );
    page
}

fn bench_extract(c: &mut Criterion) {
    let dumps: Vec<(String, String)> = ["zhs-news", "zhs-farm", "zht-ferry-indent", "en-library", "en-otters-wrapped"]
        .iter()
        .map(|n| (n.to_string(), data(&format!("clean/{n}.txt"))))
        .collect();
    let mut group = c.benchmark_group("extract_text_dump");
    for (name, text) in &dumps {
        assert!(!extract_text_dump(text).body_paragraphs.is_empty(), "{name}");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name.as_str(), |b| b.iter(|| extract_text_dump(black_box(text))));
    }
    // All the clean dumps one after another: the mix ingest sees in a dump corpus.
    let all: Vec<String> = std::fs::read_dir(format!("{}/../../data/clean", env!("CARGO_MANIFEST_DIR")))
        .expect("data/clean")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
        .collect();
    group.throughput(Throughput::Bytes(all.iter().map(|t| t.len() as u64).sum()));
    group.bench_function("all_clean_8_dumps", |b| {
        b.iter(|| all.iter().map(|t| extract_text_dump(black_box(t)).body_paragraphs.len()).sum::<usize>())
    });
    group.finish();

    let pages = [("zhs-bridge", data("html/zhs-bridge.html")), ("generated_en_100k", generated_page(100_000))];
    let mut group = c.benchmark_group("extract_html");
    for (name, html) in &pages {
        assert!(!extract_html(html, None).body_paragraphs.is_empty(), "{name}");
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_function(*name, |b| b.iter(|| extract_html(black_box(html), None)));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    targets = bench_extract
}
criterion_main!(benches);
