//! Rows written and read back with the parquet crate's own reader.

use std::fs::File;
use std::path::PathBuf;

use arrow_array::{Array, Date32Array, ListArray, StringArray, StructArray, UInt64Array};
use corpusmill_store::{ArticleRow, RejectRow, TableWriter, WriterOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn article(i: u64) -> ArticleRow {
    ArticleRow {
        doc_id: format!("doc{i}"),
        source_path: format!("in/{i}.txt"),
        source_member: None,
        source_record: None,
        format: "text".into(),
        source_bytes: 100 + i,
        encoding: "UTF-8".into(),
        encoding_source: "utf8".into(),
        title: Some(format!("标题 {i}")),
        published_date: if i.is_multiple_of(2) { Some(20147) } else { None },
        author: None,
        source_name: Some("澜江日报".into()),
        url: None,
        crawl_date: None,
        lang: "zh".into(),
        script: Some("hans".into()),
        body: "第一段。\n\n第二段。".into(),
        summary: None,
        char_count: 10,
        repairs: (0..i % 3).map(|k| (format!("kind{k}"), k + 1)).collect(),
        content_hash: format!("h{i}"),
        duplicate_of: None,
        run_id: "run".into(),
    }
}

/// Pushes `rows` articles, closing a part after every `per_part` of them and
/// at the end; returns the parts' `(temporary, final)` paths.
fn write_parts(writer: &mut TableWriter<ArticleRow>, rows: u64, per_part: u64) -> Vec<(PathBuf, PathBuf)> {
    let mut parts = Vec::new();
    for i in 0..rows {
        writer.push(article(i)).expect("push");
        if i % per_part == per_part - 1 {
            parts.extend(writer.close_part(false).expect("close"));
        }
    }
    parts.extend(writer.close_part(false).expect("close"));
    parts
}

#[test]
fn articles_round_trip_with_types_and_parts() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Tiny limits force several batches and row groups; a part is closed every 70 rows.
    let options = WriterOptions { row_group_bytes: 2_000, segment_bytes: 6_000, zstd_level: 3, batch_bytes: 1_000 };
    let mut writer = TableWriter::<ArticleRow>::create(dir.path(), "run", options).expect("create");
    let files = write_parts(&mut writer, 200, 70);
    assert_eq!(writer.close_part(false).expect("nothing left"), None);
    assert_eq!(files.len(), 3, "{files:?}");
    let files: Vec<_> = files
        .into_iter()
        .map(|(tmp, dest)| {
            assert!(tmp.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')), "hidden until renamed");
            std::fs::rename(&tmp, &dest).expect("rename");
            dest
        })
        .collect();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("articles"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    let mut seen = 0u64;
    for path in &files {
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).expect("open"))
            .expect("parquet")
            .build()
            .expect("reader");
        for batch in reader {
            let batch = batch.expect("batch");
            let ids = batch.column_by_name("doc_id").expect("doc_id");
            let ids = ids.as_any().downcast_ref::<StringArray>().expect("utf8");
            let dates = batch.column_by_name("published_date").expect("date");
            let dates = dates.as_any().downcast_ref::<Date32Array>().expect("date32");
            let bytes = batch.column_by_name("source_bytes").expect("bytes");
            let bytes = bytes.as_any().downcast_ref::<UInt64Array>().expect("u64");
            let repairs = batch.column_by_name("repairs").expect("repairs");
            let repairs = repairs.as_any().downcast_ref::<ListArray>().expect("list");
            for row in 0..batch.num_rows() {
                let i = seen;
                assert_eq!(ids.value(row), format!("doc{i}"));
                assert_eq!(bytes.value(row), 100 + i);
                assert_eq!(dates.is_null(row), i % 2 == 1);
                let items = repairs.value(row);
                let items = items.as_any().downcast_ref::<StructArray>().expect("struct");
                assert_eq!(items.len() as u64, i % 3);
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 200);
}

#[test]
fn an_empty_table_still_gets_a_readable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut writer = TableWriter::<RejectRow>::create(dir.path(), "r1", WriterOptions::default()).expect("create");
    let (tmp, _) = writer.close_part(true).expect("close").expect("an empty part");
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(&tmp).expect("open")).expect("parquet");
    assert_eq!(builder.metadata().file_metadata().num_rows(), 0);
    assert_eq!(builder.schema().fields().len(), 8);
}

/// Encoding on a pool gives the same bytes as encoding on the writer's thread,
/// also when batches are split across row groups and parts.
#[test]
fn pool_encoding_writes_the_same_files() {
    let write = |pool: Option<std::sync::Arc<rayon::ThreadPool>>| {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = WriterOptions { row_group_bytes: 3_000, segment_bytes: 0, zstd_level: 3, batch_bytes: 1_700 };
        let mut writer = TableWriter::<ArticleRow>::create(dir.path(), "run", options).expect("create").with_pool(pool);
        let parts = write_parts(&mut writer, 300, 130);
        let (encoding, _) = writer.encode_time();
        assert!(encoding > std::time::Duration::ZERO, "encoding time is counted");
        let files: Vec<Vec<u8>> = parts.iter().map(|(tmp, _)| std::fs::read(tmp).expect("read")).collect();
        let row_groups: Vec<usize> = parts
            .iter()
            .map(|(tmp, _)| {
                let builder =
                    ParquetRecordBatchReaderBuilder::try_new(File::open(tmp).expect("open")).expect("parquet");
                builder.metadata().num_row_groups()
            })
            .collect();
        (files, row_groups)
    };
    let (inline, row_groups) = write(None);
    assert_eq!(inline.len(), 3);
    assert!(row_groups[..2].iter().all(|&n| n > 2), "several row groups per part: {row_groups:?}");
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        let (pooled, _) = write(Some(std::sync::Arc::new(pool)));
        assert!(pooled == inline, "{threads} pool threads wrote different bytes");
    }
}
