//! Repair: `corpusmill_repair::repair_bytes` (decode + every text repair, as ingest
//! calls it) on clean Chinese and English dumps and on damaged copies from `data/damaged/`:
//! content-farm damage, HTML character references, unlabelled GB18030; and on mojibake
//! made here from the clean dumps: their UTF-8 read as windows-1252 (`cp1252_*`) and as
//! GBK (`gbk_zhs`), saved as UTF-8. Each input is
//! measured as the one-article sample file and as ~64 KiB made of repeated copies.
//! `clean_*_plain` are texts no stage needs to touch (validated, scanned once, returned);
//! the `data/clean` dumps carry a `©` line, which sends them through the code-page pass.

use std::hint::black_box;
use std::time::Duration;

use corpusmill_repair::{repair_bytes, RepairOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn data(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn repeated(bytes: &[u8], target: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(target + bytes.len());
    while out.len() < target {
        out.extend_from_slice(bytes);
        out.push(b'\n');
    }
    out
}

/// `bytes` (UTF-8) read with `encoding`, as a wrong decoder would, and saved as UTF-8.
fn misread(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    encoding.decode_without_bom_handling(bytes).0.into_owned().into_bytes()
}

fn bench_repair(c: &mut Criterion) {
    let options = RepairOptions::default();
    let inputs = [
        ("clean_zhs_plain", data("benches/repair-clean-zh/zhs-01.txt")),
        ("clean_en_plain", data("benches/repair-clean/en-04.txt")),
        ("clean_zhs", data("data/clean/zhs-news.txt")),
        ("clean_en", data("data/clean/en-library.txt")),
        ("contentfarm", data("data/damaged/farm-contentfarm.txt")),
        ("html_entities", data("data/damaged/news-html_entities.txt")),
        ("gb18030", data("data/damaged/news-legacy_gb18030.txt")),
        ("cp1252_zhs", misread(&data("data/clean/zhs-news.txt"), encoding_rs::WINDOWS_1252)),
        ("cp1252_en", misread(&data("data/clean/en-library.txt"), encoding_rs::WINDOWS_1252)),
        ("gbk_zhs", misread(&data("data/clean/zhs-news.txt"), encoding_rs::GBK)),
    ];
    let mut group = c.benchmark_group("repair");
    for (name, bytes) in &inputs {
        let repaired = repair_bytes(bytes, None, &options).expect("repairs");
        assert!(!repaired.text.is_empty());
        for (size, input) in [("1doc", bytes.clone()), ("64k", repeated(bytes, 64 << 10))] {
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(format!("{name}/{size}"), |b| {
                b.iter(|| repair_bytes(black_box(&input), None, &options).expect("repairs"))
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
    targets = bench_repair
}
criterion_main!(benches);
