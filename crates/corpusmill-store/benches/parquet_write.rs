//! Parquet write: `TableWriter<ArticleRow>` appending 2,000 article rows (bodies from the
//! clean dumps in `data/clean/`, numbered titles and ids) and closing the part (zstd 3,
//! the default options, fsync included) into a temp dir. Measured twice: as rows/s
//! (`Throughput::Elements`) and as MB/s of row text (`Throughput::Bytes`: the bytes of
//! every string field of the rows).

use std::hint::black_box;
use std::time::Duration;

use corpusmill_store::{ArticleRow, TableWriter, WriterOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const ROWS: u64 = 2_000;

fn bodies() -> Vec<String> {
    let dir = format!("{}/../../data/clean", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("data/clean").map(|e| e.expect("entry").path()).collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read");
            // Body-like: the long lines joined by blank lines, as ingest stores bodies.
            text.lines().filter(|l| l.chars().count() > 30).collect::<Vec<_>>().join("\n\n")
        })
        .collect()
}

fn article(i: u64, bodies: &[String]) -> ArticleRow {
    let body = bodies[i as usize % bodies.len()].clone();
    ArticleRow {
        doc_id: format!("{:032x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        source_path: format!("/srv/scrapes/2025/{:03}/{i:06}.txt", i / 1000),
        source_member: if i.is_multiple_of(4) { Some(format!("site.tar.gz!a/{i}.html")) } else { None },
        source_record: if i.is_multiple_of(3) { Some(i) } else { None },
        source_bytes: body.len() as u64 + 200,
        format: "text".into(),
        encoding: "UTF-8".into(),
        encoding_source: "utf8".into(),
        title: Some(format!("标题 {i}")),
        published_date: Some(20147 + (i % 300) as i32),
        author: if i.is_multiple_of(2) { Some("秦若溪".into()) } else { None },
        source_name: Some("岚湖日报".into()),
        url: if i % 2 == 1 { Some(format!("https://news.example/{i}.html")) } else { None },
        crawl_date: None,
        lang: "zh".into(),
        script: Some("hans".into()),
        char_count: body.chars().count() as u64,
        body,
        summary: None,
        repairs: (0..i % 3).map(|k| (["nfc", "html_entity"][k as usize % 2].to_string(), k + 1)).collect(),
        content_hash: format!("{:032x}", i.wrapping_mul(0xD1B5_4A32_D192_ED03)),
        duplicate_of: None,
        run_id: "bench".into(),
    }
}

fn text_bytes(r: &ArticleRow) -> u64 {
    let opt = |o: &Option<String>| o.as_ref().map_or(0, String::len);
    (r.doc_id.len()
        + r.source_path.len()
        + opt(&r.source_member)
        + r.format.len()
        + r.encoding.len()
        + r.encoding_source.len()
        + opt(&r.title)
        + opt(&r.author)
        + opt(&r.source_name)
        + opt(&r.url)
        + r.lang.len()
        + opt(&r.script)
        + r.body.len()
        + opt(&r.summary)
        + r.content_hash.len()
        + r.run_id.len()) as u64
}

fn bench_write(c: &mut Criterion) {
    let bodies = bodies();
    let rows: Vec<ArticleRow> = (0..ROWS).map(|i| article(i, &bodies)).collect();
    let bytes: u64 = rows.iter().map(text_bytes).sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut run = 0u64;
    let mut write_all = |rows: Vec<ArticleRow>| {
        run += 1;
        let mut writer = TableWriter::<ArticleRow>::create(dir.path(), &format!("r{run}"), WriterOptions::default())
            .expect("create");
        for row in rows {
            writer.push(row).expect("push");
        }
        let (tmp, _) = writer.close_part(false).expect("close").expect("a part");
        let size = std::fs::metadata(&tmp).expect("written").len();
        std::fs::remove_file(&tmp).expect("remove");
        size
    };
    let mut group = c.benchmark_group("parquet_write");
    for (name, throughput) in [("rows", Throughput::Elements(ROWS)), ("text_bytes", Throughput::Bytes(bytes))] {
        group.throughput(throughput);
        group.bench_function(format!("articles_2000/{name}"), |b| {
            // Cloning the rows is setup, not measured.
            b.iter_batched(|| rows.clone(), |rows| black_box(write_all(rows)), BatchSize::LargeInput)
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    targets = bench_write
}
criterion_main!(benches);
