//! Archives and record streams end to end: every record of every member is an
//! article row or a reject row, with provenance down to member and record.

mod common;

use std::fs;
use std::io::{Cursor, Write};

use common::{get, ingest, read_table};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn tar_gz(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder.append_data(&mut header, name, *bytes).expect("tar member");
    }
    gzip(&builder.into_inner().expect("tar"))
}

fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in members {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).expect("zip member");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip").into_inner()
}

#[test]
fn zip_of_tar_gz_of_jsonl_and_friends() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let jsonl = concat!(
        r#"{"headline":"长河市新建三座社区图书馆","content":"长河市今天宣布，三座社区图书馆将于年底开放。\n\n新馆共有藏书十二万册。","pub_time":"2024-11-03 09:15","link":"https://news.example/1","author":"李明","media":"长河日报"}"#,
        "\n",
        r#"{"title":"Bridge reopens","text":"The old bridge reopened on Monday after two years of repairs.","published_at":1740734100}"#,
        "\n",
        "{not json}\n",
        r#"{"title":"no body here"}"#,
        "\n",
    );
    let dump = "标题一则\n2025年2月28日 来源：岚湖日报\n\n正文第一段。\n".as_bytes();
    let bundle = zip(&[("feeds/2024.tar.gz", &tar_gz(&[("day/1.jsonl", jsonl.as_bytes()), ("day/dump.txt", dump)]))]);
    fs::write(input.path().join("bundle.zip"), bundle).expect("write");
    fs::write(input.path().join("single.txt.gz"), gzip(dump)).expect("write");
    let mut cut = gzip(&jsonl.repeat(200).into_bytes());
    cut.truncate(cut.len() * 2 / 3);
    fs::write(input.path().join("cut.jsonl.gz"), cut).expect("write");

    ingest(&[input.path()], out.path(), "arch", &[]);
    let articles = read_table(out.path(), "articles");
    let rejects = read_table(out.path(), "rejects");
    let key = |r: &common::Row| {
        let file = get(r, "source_path").and_then(|p| p.rsplit('/').next()).unwrap_or_default().to_owned();
        (file, get(r, "source_member").map(str::to_owned), get(r, "source_record").map(str::to_owned))
    };

    let bundle_rows: Vec<_> = articles.iter().filter(|r| key(r).0 == "bundle.zip").collect();
    let members: Vec<_> = bundle_rows.iter().map(|r| key(r)).collect();
    let member = Some("feeds/2024.tar.gz!day/1.jsonl".to_owned());
    assert_eq!(
        members,
        vec![
            ("bundle.zip".into(), member.clone(), Some("1".into())),
            ("bundle.zip".into(), member.clone(), Some("2".into())),
            ("bundle.zip".into(), Some("feeds/2024.tar.gz!day/dump.txt".into()), None),
        ]
    );
    let first = bundle_rows[0];
    assert_eq!(get(first, "format"), Some("json"));
    assert_eq!(get(first, "title"), Some("长河市新建三座社区图书馆"));
    assert_eq!(get(first, "published_date"), Some("2024-11-03"));
    assert_eq!(get(first, "author"), Some("李明"));
    assert_eq!(get(first, "source_name"), Some("长河日报"));
    assert_eq!(get(first, "url"), Some("https://news.example/1"));
    assert_eq!(get(first, "body").map(|b| b.split("\n\n").count()), Some(2));
    assert_eq!(get(bundle_rows[1], "published_date"), Some("2025-02-28"));
    assert_eq!(get(bundle_rows[1], "lang"), Some("en"));
    assert_eq!(get(bundle_rows[2], "format"), Some("text"));

    let bundle_rejects: Vec<_> = rejects
        .iter()
        .filter(|r| key(r).0 == "bundle.zip")
        .map(|r| (key(r).2, get(r, "reason").map(str::to_owned)))
        .collect();
    assert_eq!(
        bundle_rejects,
        vec![(Some("3".into()), Some("malformed_json".into())), (Some("4".into()), Some("no_body".into()))]
    );

    let single: Vec<_> = articles.iter().filter(|r| key(r).0 == "single.txt.gz").collect();
    assert_eq!(single.len(), 1);
    assert_eq!(get(single[0], "source_member"), None);
    assert_eq!(get(single[0], "title"), Some("标题一则"));

    // The truncated stream: the lines before the damage count, then one reject says where it broke.
    let cut_articles = articles.iter().filter(|r| key(r).0 == "cut.jsonl.gz").count();
    let cut_rejects: Vec<_> = rejects.iter().filter(|r| key(r).0 == "cut.jsonl.gz").collect();
    assert!(cut_articles > 100, "{cut_articles}");
    assert!(cut_rejects.iter().any(|r| get(r, "reason") == Some("corrupt_stream")));
    let lines_seen = cut_articles + cut_rejects.len();
    assert!(lines_seen < 800, "truncation lost the tail: {lines_seen}");

    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("runs/arch.json")).expect("report")).expect("json");
    assert_eq!(report["files_found"], 3);
    assert_eq!(report["articles"].as_u64(), Some(articles.len() as u64));
}

#[test]
fn warc_gz_with_gbk_html_and_json_with_html_bodies() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let page = "<html><head><title>岚湖市开通首条水上巴士线路_岚湖日报</title></head><body>\
        <div class=\"nav\">首页 &gt; 本地 &gt; 正文</div>\
        <div class=\"article\"><h1>岚湖市开通首条水上巴士线路</h1>\
        <div class=\"info\">2025年2月28日 10:20 来源：岚湖日报 作者：秦若溪</div>\
        <p>2月27日上午，岚湖市首条水上巴士线路正式开通，串联老城六个码头。</p>\
        <p>市交通局表示，水上巴士每三十分钟一班，票价与公交相同。</p>\
        <p>沿线居民认为，新线路让出行多了一种选择，也方便游客游览老城。</p></div>\
        <div class=\"share\">分享到：微信 微博</div><div class=\"footer\">版权所有 岚湖日报社</div></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n".to_vec();
    block.extend_from_slice(&gbk);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example/lanhu/boat.html\r\n\
         WARC-Date: 2025-03-01T02:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    warc.extend(block);
    warc.extend_from_slice(b"\r\n\r\nWARC/1.0\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    fs::write(input.path().join("crawl.warc.gz"), gzip(&warc)).expect("write");
    let record = serde_json::json!({"title": "水上巴士", "content": page, "pub_time": "2025-02-28"});
    fs::write(input.path().join("feed.jsonl"), format!("{record}\n")).expect("write");

    ingest(&[input.path()], out.path(), "html", &[]);
    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 2, "{articles:?}");
    let from_warc = articles.iter().find(|r| get(r, "format") == Some("html")).expect("warc article");
    assert_eq!(get(from_warc, "title"), Some("岚湖市开通首条水上巴士线路"));
    assert_eq!(get(from_warc, "published_date"), Some("2025-02-28"));
    assert_eq!(get(from_warc, "crawl_date"), Some("2025-03-01"));
    assert_eq!(get(from_warc, "url"), Some("http://news.example/lanhu/boat.html"));
    assert_eq!(get(from_warc, "encoding"), Some("GBK"));
    assert_eq!(get(from_warc, "encoding_source"), Some("declared"));
    assert_eq!(get(from_warc, "source_record"), Some("1"));
    let body = get(from_warc, "body").expect("body");
    assert_eq!(body.split("\n\n").count(), 3, "{body}");
    for chrome in ["首页", "分享到", "版权所有", "来源："] {
        assert!(!body.contains(chrome), "{chrome} in body: {body}");
    }
    let from_json = articles.iter().find(|r| get(r, "format") == Some("json")).expect("json article");
    assert_eq!(get(from_json, "title"), Some("水上巴士"), "the record's own title wins");
    assert_eq!(get(from_json, "body"), Some(body), "the HTML body went through the HTML extractor");
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("runs/html.json")).expect("report")).expect("json");
    assert_eq!(report["records_skipped"]["warc_request"], 1);
}

/// Archives get a content hash too (a zip is read by random access, a tar may
/// end before the file does), so a touched archive is not taken for changed.
#[test]
fn a_touched_archive_is_not_read_again() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let dump = "标题一则\n2025年2月28日 来源：岚湖日报\n\n正文第一段。\n".as_bytes();
    // Incompressible bytes, so the archives outgrow the reader's first buffer.
    let mut state = 7u64;
    let noise: Vec<u8> = (0..300_000)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    fs::write(input.path().join("bundle.zip"), zip(&[("a.txt", dump), ("noise.bin", &noise)])).expect("write");
    fs::write(input.path().join("bundle.tar.gz"), tar_gz(&[("b.txt", dump), ("noise.bin", &noise)])).expect("write");
    ingest(&[input.path()], out.path(), "t1", &[]);
    for name in ["bundle.zip", "bundle.tar.gz"] {
        let file = fs::File::options().write(true).open(input.path().join(name)).expect("open");
        let later = file.metadata().expect("meta").modified().expect("mtime") + std::time::Duration::from_secs(3600);
        file.set_modified(later).expect("touch");
    }
    ingest(&[input.path()], out.path(), "t2", &[]);
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("runs/t2.json")).expect("report")).expect("json");
    assert_eq!((report["files_touched"].as_u64(), report["files_changed"].as_u64()), (Some(2), Some(0)));
    assert_eq!(read_table(out.path(), "articles").len(), 2);
}
