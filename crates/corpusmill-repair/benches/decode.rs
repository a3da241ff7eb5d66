//! Decode + detect: `corpusmill_repair::decode` on clean UTF-8, unlabelled GBK (GB18030
//! bytes) and unlabelled Big5, each as the sample file from `data/` and as a ~64 KiB
//! document made by repeating it (the detector looks at a 64 KiB prefix).

use std::hint::black_box;
use std::time::Duration;

use corpusmill_repair::decode;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn data(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../data/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `bytes` repeated (whole copies, separated by a newline) up to about `target` bytes.
fn repeated(bytes: &[u8], target: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(target + bytes.len());
    while out.len() < target {
        out.extend_from_slice(bytes);
        out.push(b'\n');
    }
    out
}

fn bench_decode(c: &mut Criterion) {
    let inputs = [
        ("utf8_zhs", data("clean/zhs-news.txt")),
        ("utf8_en", data("clean/en-library.txt")),
        ("gbk", data("damaged/news-legacy_gb18030.txt")),
        ("big5", data("damaged/market-legacy_big5.txt")),
    ];
    let mut group = c.benchmark_group("decode");
    for (name, bytes) in &inputs {
        // Sanity: the bench measures a successful decode with the expected detection.
        let decoded = decode(bytes, None, 0.2).expect("decodes");
        assert!(!decoded.text.is_empty());
        for (size, input) in [("1doc", bytes.clone()), ("64k", repeated(bytes, 64 << 10))] {
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(format!("{name}/{size}"), |b| {
                b.iter(|| decode(black_box(&input), None, 0.2).expect("decodes"))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    targets = bench_decode
}
criterion_main!(benches);
