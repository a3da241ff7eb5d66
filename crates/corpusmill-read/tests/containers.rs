//! Containers and record formats built on the fly: every record must come out
//! as a record or a reject, and every limit must hold.

#[path = "support/archives.rs"]
mod archives;

use std::fs;
use std::io::Write;
use std::path::Path;

use archives::{gzip, tar, zip};

use corpusmill_read::fingerprint::fingerprint;
use corpusmill_read::{discover, expand, DiscoverOptions, Input, Item, Limits, RecordFormat};

/// (member, record, format, bytes) of one record.
type SeenRecord = (Option<String>, Option<u64>, RecordFormat, Vec<u8>);

/// What `expand` produced for a file, in a form easy to assert on.
#[derive(Debug, Default)]
struct Seen {
    records: Vec<SeenRecord>,
    /// (member, record, reason, detail)
    rejects: Vec<(Option<String>, Option<u64>, &'static str, String)>,
    skipped: Vec<&'static str>,
}

fn expand_file(path: &Path, limits: &Limits) -> Seen {
    let found = discover(&[path.to_path_buf()], &DiscoverOptions { skip_hidden: false, ..DiscoverOptions::default() });
    assert_eq!(found.inputs.len(), 1, "{}", path.display());
    let mut seen = Seen::default();
    expand(&found.inputs[0], limits, &mut |item| match item {
        Item::Record(r) => seen.records.push((r.id.member, r.id.record, r.format, r.bytes)),
        Item::Rejected { id, error, .. } => {
            seen.rejects.push((id.member, id.record, error.reason(), error.to_string()))
        }
        Item::Skipped { what } => seen.skipped.push(what),
    });
    seen
}

const JSONL: &[u8] = b"{\"title\":\"A\",\"content\":\"one\"}\n\n{\"title\":\"B\",\"content\":\"two\"}\n{broken json\n";

#[test]
fn zip_of_tar_gz_of_jsonl_accounts_for_every_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inner = gzip(&tar(&[("feed/day1.jsonl", JSONL), ("feed/readme.txt", "标题\n\n正文".as_bytes())]));
    let path = dir.path().join("bundle.zip");
    fs::write(&path, zip(&[("dumps/feed.tar.gz", &inner), ("page.html", b"<html><p>x</p></html>")])).expect("write");

    let seen = expand_file(&path, &Limits::default());
    let records: Vec<_> = seen.records.iter().map(|(m, r, f, _)| (m.as_deref().unwrap_or_default(), *r, *f)).collect();
    assert_eq!(
        records,
        vec![
            ("dumps/feed.tar.gz!feed/day1.jsonl", Some(1), RecordFormat::Json),
            ("dumps/feed.tar.gz!feed/day1.jsonl", Some(3), RecordFormat::Json),
            ("dumps/feed.tar.gz!feed/readme.txt", None, RecordFormat::Text),
            ("page.html", None, RecordFormat::Html),
        ]
    );
    assert_eq!(seen.rejects.len(), 1, "{:?}", seen.rejects);
    let (member, record, reason, _) = &seen.rejects[0];
    assert_eq!(
        (member.as_deref(), *record, *reason),
        (Some("dumps/feed.tar.gz!feed/day1.jsonl"), Some(4), "malformed_json")
    );
}

#[test]
fn compressed_streams_are_detected_by_magic_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "标题\n\n第一段。".as_bytes();
    let zst = zstd::encode_all(text, 3).expect("zstd");
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(text).expect("bz2");
    let bz = bz.finish().expect("bz2");
    let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 6);
    xz.write_all(text).expect("xz");
    let xz = xz.finish().expect("xz");
    // Two gzip members back to back (as `cat a.gz b.gz` makes) are one stream.
    let mut multi = gzip(b"{\"title\":\"a\"}\n");
    multi.extend(gzip(b"{\"title\":\"b\"}\n"));
    for (name, bytes, expected) in
        [("a.txt.zst", zst, 1), ("misnamed.txt", bz, 1), ("a.xz", xz, 1), ("feed.jsonl.gz", multi, 2)]
    {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).expect("write");
        let seen = expand_file(&path, &Limits::default());
        assert_eq!(seen.records.len(), expected, "{name}: {seen:?}");
        assert!(seen.rejects.is_empty(), "{name}: {:?}", seen.rejects);
        if expected == 1 {
            assert_eq!(seen.records[0].3, text, "{name}");
        }
    }
}

#[test]
fn truncated_gzip_keeps_what_was_read_and_rejects_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut jsonl = Vec::new();
    for i in 0..2000 {
        jsonl.extend(format!("{{\"title\":\"t{i}\",\"content\":\"body {i} {}\"}}\n", "x".repeat(i % 50)).bytes());
    }
    let mut gz = gzip(&jsonl);
    gz.truncate(gz.len() / 2);
    let path = dir.path().join("cut.jsonl.gz");
    fs::write(&path, &gz).expect("write");
    let seen = expand_file(&path, &Limits::default());
    assert!(seen.records.len() > 100, "records before the damage count: {}", seen.records.len());
    assert!(seen.records.len() < 2000);
    assert_eq!(seen.rejects.len(), 1, "{:?}", seen.rejects);
    assert_eq!(seen.rejects[0].2, "corrupt_stream");
}

#[test]
fn zip_bomb_hits_the_inflation_ratio() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zeros = vec![b'a'; 64 << 20];
    let path = dir.path().join("bomb.zip");
    fs::write(&path, zip(&[("bomb.txt", &zeros)])).expect("write");
    assert!(fs::metadata(&path).expect("meta").len() < 1 << 20);
    let seen = expand_file(&path, &Limits { max_inflation_ratio: 100, ..Limits::default() });
    assert!(seen.records.is_empty());
    assert_eq!(seen.rejects.len(), 1);
    assert_eq!(seen.rejects[0].2, "inflation_ratio", "{:?}", seen.rejects);

    let seen = expand_file(&path, &Limits { max_inflated_bytes: 8 << 20, ..Limits::default() });
    assert_eq!(seen.rejects[0].2, "inflated_too_large", "{:?}", seen.rejects);
}

#[test]
fn nesting_depth_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"deep text".to_vec();
    for _ in 0..6 {
        bytes = gzip(&bytes);
    }
    let path = dir.path().join("deep.gz");
    fs::write(&path, &bytes).expect("write");
    let seen = expand_file(&path, &Limits { max_depth: 3, ..Limits::default() });
    assert!(seen.records.is_empty());
    assert_eq!(seen.rejects[0].2, "nesting_too_deep");
}

#[test]
fn tar_member_names_are_provenance_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path().join("work");
    fs::create_dir(&work).expect("mkdir");
    let path = work.join("evil.tar");
    fs::write(&path, tar(&[("../escape.txt", b"title\n\nbody"), ("/etc/abs.txt", b"t\n\nb")])).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> = seen.records.iter().map(|r| r.0.clone().unwrap_or_default()).collect();
    assert_eq!(members, ["../escape.txt", "/etc/abs.txt"]);
    assert!(!dir.path().join("escape.txt").exists());
    assert_eq!(fs::read_dir(&work).expect("ls").count(), 1, "nothing was written beside the archive");
}

#[test]
fn encrypted_and_oversized_members_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = zip(&[("secret.txt", b"hidden"), ("big.txt", &[b'x'; 5000]), ("ok.txt", b"t\n\nb")]);
    // Set the "encrypted" flag of the first member in its local and central headers.
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = bytes.windows(4).position(|w| w == sig).expect("header");
        let flags = at + if sig[2] == 3 { 6 } else { 8 };
        bytes[flags] |= 1;
    }
    let path = dir.path().join("mixed.zip");
    fs::write(&path, &bytes).expect("write");
    let seen = expand_file(&path, &Limits { max_record_bytes: 1000, ..Limits::default() });
    let reasons: Vec<_> = seen.rejects.iter().map(|r| (r.0.clone().unwrap_or_default(), r.2)).collect();
    assert_eq!(reasons, [("secret.txt".to_string(), "encrypted"), ("big.txt".to_string(), "too_large")]);
    assert_eq!(seen.records.len(), 1);
}

#[test]
fn warc_gz_with_gbk_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (gbk, _, _) = encoding_rs::GBK.encode("<html><head><title>标题</title></head><body><p>正文</p></body></html>");
    let mut warc = Vec::new();
    let mut record = |kind: &str, uri: &str, block: &[u8]| {
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-28T09:15:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        rec.extend_from_slice(block);
        rec.extend_from_slice(b"\r\n\r\n");
        warc.extend(gzip(&rec));
    };
    record("warcinfo", "", b"software: test\r\n");
    record("request", "http://news.example/a", b"GET /a HTTP/1.1\r\n\r\n");
    let mut ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n".to_vec();
    ok.extend_from_slice(&gbk);
    record("response", "http://news.example/a", &ok);
    record("response", "http://news.example/missing", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\ngone");
    record("response", "http://news.example/logo.png", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
    let path = dir.path().join("crawl.warc.gz");
    fs::write(&path, &warc).expect("write");

    let found = discover(&[path], &DiscoverOptions { skip_hidden: false, ..DiscoverOptions::default() });
    let mut records = Vec::new();
    let mut rejects = Vec::new();
    let mut skipped = Vec::new();
    expand(&found.inputs[0], &Limits::default(), &mut |item| match item {
        Item::Record(r) => records.push(r),
        Item::Rejected { id, error, .. } => rejects.push((id.record, error.reason())),
        Item::Skipped { what } => skipped.push(what),
    });
    assert_eq!(skipped, ["warc_warcinfo", "warc_request"]);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (r.format, r.charset.as_deref(), r.url.as_deref()),
        (RecordFormat::Html, Some("gbk"), Some("http://news.example/a"))
    );
    assert_eq!(r.crawl_date.as_deref(), Some("2025-02-28T09:15:00Z"));
    assert_eq!(r.id.record, Some(3));
    assert_eq!(r.bytes, gbk.as_ref());
    assert_eq!(rejects, [(Some(4), "http_status"), (Some(5), "not_html")]);
}

#[test]
fn plain_documents_and_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("huge.txt");
    fs::File::create(&big).expect("create").set_len(2 << 30).expect("sparse 2 GiB file");
    let seen = expand_file(&big, &Limits { max_record_bytes: 64 << 20, ..Limits::default() });
    assert_eq!(seen.rejects.len(), 1);
    assert_eq!(seen.rejects[0].2, "too_large");
    assert!(seen.rejects[0].3.contains("2147483648 bytes"), "{}", seen.rejects[0].3);

    let json = dir.path().join("all.json");
    fs::write(&json, br#"[{"title":"a"},{"title":"b"}]"#).expect("write");
    let seen = expand_file(&json, &Limits::default());
    assert_eq!(seen.records.iter().map(|r| r.1).collect::<Vec<_>>(), [Some(1), Some(2)]);

    let pdf = dir.path().join("paper.txt");
    fs::write(&pdf, b"%PDF-1.4 ...").expect("write");
    assert_eq!(expand_file(&pdf, &Limits::default()).rejects[0].2, "unsupported_format");
}

#[test]
fn a_file_gone_after_discovery_is_unreadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gone.txt");
    fs::write(&path, "x").expect("write");
    let found =
        discover(std::slice::from_ref(&path), &DiscoverOptions { skip_hidden: false, ..DiscoverOptions::default() });
    fs::remove_file(&path).expect("remove");
    let mut reasons = Vec::new();
    expand(&found.inputs[0], &Limits::default(), &mut |item| {
        if let Item::Rejected { error, .. } = item {
            reasons.push(error.reason());
        }
    });
    assert_eq!(reasons, ["unreadable"]);
}

/// A file opened ahead reads as `expand` reads it, with the same hash, even
/// when it is deleted before its turn; one that could not be opened is
/// rejected as unreadable.
#[test]
fn a_file_opened_ahead_reads_like_one_opened_at_its_turn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (kept, gone) = (dir.path().join("kept.txt"), dir.path().join("gone.txt"));
    fs::write(&kept, "标题\n\n正文第一段。").expect("write");
    let found = discover(&[dir.path().to_path_buf()], &DiscoverOptions::default());
    fs::write(&gone, "x").expect("write");
    let gone_input = Input {
        id: corpusmill_read::SourceId::file(gone.to_string_lossy()),
        fs_path: gone.clone(),
        size: 1,
        mtime: None,
    };
    let kept_input = &found.inputs[0];
    let opened = corpusmill_read::open_ahead(kept_input);
    fs::remove_file(&kept).expect("remove");
    let mut bytes = Vec::new();
    let ahead = corpusmill_read::expand_opened(kept_input, opened, &Limits::default(), &mut |item| {
        if let Item::Record(record) = item {
            bytes = record.bytes;
        }
    });
    assert_eq!(bytes, "标题\n\n正文第一段。".as_bytes());
    assert_eq!(ahead.content_hash, Some(fingerprint(&bytes)));

    fs::remove_file(&gone).expect("remove");
    let mut reasons = Vec::new();
    let opened = corpusmill_read::open_ahead(&gone_input);
    let expanded = corpusmill_read::expand_opened(&gone_input, opened, &Limits::default(), &mut |item| {
        if let Item::Rejected { error, .. } = item {
            reasons.push(error.reason());
        }
    });
    assert_eq!((reasons, expanded.read_failed, expanded.content_hash), (vec!["unreadable"], true, None));
}

/// A zip at the top is read through the handle opened ahead too (it needs
/// random access, which once meant opening it again by name): removed before
/// its turn, small (read whole) or large (streamed), it still gives its members.
#[test]
fn a_zip_opened_ahead_is_read_even_if_removed_before_its_turn() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Random Han characters: 1.5 MB that deflate to well over 1 MiB.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let random_han: String = (0..500_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from_u32(0x4E00 + (state % 0x5000) as u32).unwrap_or('中')
        })
        .collect();
    for (name, member) in
        [("small.zip", "标题\n\n正文第一段。".to_owned()), ("large.zip", format!("标题\n\n{random_han}"))]
    {
        let path = dir.path().join(name);
        fs::write(&path, zip(&[("a.txt", member.as_bytes()), ("b.html", b"<html><p>x</p></html>")])).expect("write");
        let found = discover(std::slice::from_ref(&path), &DiscoverOptions::default());
        let input = &found.inputs[0];
        assert_eq!(input.size > 1 << 20, name == "large.zip", "{name}: {} bytes", input.size);
        let opened = corpusmill_read::open_ahead(input);
        fs::remove_file(&path).expect("remove");
        let mut members = Vec::new();
        corpusmill_read::expand_opened(input, opened, &Limits::default(), &mut |item| match item {
            Item::Record(record) => members.push(record.id.member.unwrap_or_default()),
            other => panic!("{name}: {other:?}"),
        });
        assert_eq!(members, ["a.txt", "b.html"], "{name}");
    }
}

/// A file whose reads fail (on Linux, `/proc/self/mem` answers EIO at offset
/// 0) is rejected as unreadable and reported as a failed read, not as read
/// content with a hash.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_cannot_be_read_is_reported_as_a_failed_read() {
    let input = Input {
        id: corpusmill_read::SourceId::file("/proc/self/mem"),
        fs_path: "/proc/self/mem".into(),
        size: 0,
        mtime: None,
    };
    let mut reasons = Vec::new();
    let expanded = expand(&input, &Limits::default(), &mut |item| match item {
        Item::Rejected { error, .. } => reasons.push(error.reason()),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(reasons, ["unreadable"]);
    assert!(expanded.read_failed);
    assert_eq!(expanded.content_hash, None);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ok.txt");
    fs::write(&path, "正文").expect("write");
    let found = discover(&[path], &DiscoverOptions::default());
    let expanded = expand(&found.inputs[0], &Limits::default(), &mut |_| {});
    assert!(!expanded.read_failed);
    assert_eq!(expanded.content_hash.as_deref(), Some(fingerprint("正文".as_bytes()).as_str()));
}

/// JSON Lines whose first line is longer than the sniffed head still comes
/// out one record per line, with a malformed line rejected on its own.
#[test]
fn json_lines_with_long_lines_and_no_telling_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = "长".repeat(2000);
    let text = format!("{{\"title\":\"a\",\"body\":\"{long}\"}}\n{{\"title\":\"b\"}}\n{{broken\n{{\"title\":\"d\"}}\n");
    let path = dir.path().join("dump.json");
    fs::write(&path, &text).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let records: Vec<(Option<u64>, RecordFormat)> = seen.records.iter().map(|r| (r.1, r.2)).collect();
    assert_eq!(records, [(Some(1), RecordFormat::Json), (Some(2), RecordFormat::Json), (Some(4), RecordFormat::Json)]);
    assert_eq!(seen.records[1].3, b"{\"title\":\"b\"}\n");
    let rejects: Vec<(Option<u64>, &str)> = seen.rejects.iter().map(|r| (r.1, r.2)).collect();
    assert_eq!(rejects, [(Some(3), "malformed_json")]);
}

/// Long member names (GNU `L` entries, PAX `path`) name the member; an
/// extension entry claiming megabytes is a corrupt archive, not an allocation.
#[test]
fn tar_long_names_and_oversized_extension_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = format!("{}/正文.txt", "deep".repeat(40));
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(6);
    header.set_mode(0o644);
    builder.append_data(&mut header, &long, &b"abcdef"[..]).expect("gnu long name");
    let pax_name = format!("{}/pax.txt", "p".repeat(120));
    let mut header = tar::Header::new_ustar();
    header.set_size(3);
    header.set_mode(0o644);
    header.set_path("short.txt").expect("path");
    builder.append_pax_extensions([("path", pax_name.as_bytes())]).expect("pax");
    header.set_cksum();
    builder.append(&header, &b"xyz"[..]).expect("pax member");
    let path = dir.path().join("names.tar");
    fs::write(&path, builder.into_inner().expect("tar")).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<&str> = seen.records.iter().map(|r| r.0.as_deref().expect("member")).collect();
    assert_eq!(members, [long.as_str(), pax_name.as_str()]);
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);

    let mut huge = tar::Header::new_gnu();
    huge.set_entry_type(tar::EntryType::GNULongName);
    huge.set_path("././@LongLink").expect("path");
    huge.set_size(3 << 20);
    huge.set_cksum();
    let mut bytes = huge.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 3 << 20));
    bytes.extend([0u8; 1024]);
    let path = dir.path().join("huge-name.tar");
    fs::write(&path, bytes).expect("write");
    let seen = expand_file(&path, &Limits::default());
    assert!(seen.records.is_empty());
    assert_eq!(seen.rejects.len(), 1);
    assert_eq!(seen.rejects[0].2, "corrupt_stream");
    assert!(seen.rejects[0].3.contains("extension header"), "{}", seen.rejects[0].3);
}

/// A WARC record of `kind` with `block`, uncompressed.
fn warc_record(kind: &str, block: &[u8]) -> Vec<u8> {
    let mut rec = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n", block.len()).into_bytes();
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

/// Containers read to their end that hand on nothing still leave a row:
/// a reject saying so, at the top and inside an archive.
#[test]
fn containers_without_documents_are_rejected_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut only_dir = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Directory);
    header.set_size(0);
    header.set_mode(0o755);
    only_dir.append_data(&mut header, "folder/", std::io::empty()).expect("tar dir");
    let only_dir = only_dir.into_inner().expect("tar");
    let mut links = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    links.add_symlink("latest.txt", "2025/a.txt", zip::write::SimpleFileOptions::default()).expect("symlink");
    let links = links.finish().expect("zip").into_inner();
    let mut warc = warc_record("warcinfo", b"software: test\r\n");
    warc.extend(warc_record("request", b"GET / HTTP/1.1\r\n\r\n"));
    let cases: [(&str, Vec<u8>, Option<&str>, &str); 7] = [
        ("empty.zip", zip(&[]), None, "a zip archive holds no documents"),
        ("links.zip", links, None, "a zip archive holds no documents"),
        ("folders.tar", only_dir, None, "a tar archive holds no documents"),
        ("list.json", b"[]".to_vec(), None, "a JSON array holds no documents"),
        ("empty.zip.gz", gzip(&zip(&[])), None, "a zip archive holds no documents"),
        ("crawl.warc", warc, None, "a WARC file holds no documents (2 records that are not documents skipped)"),
        ("outer.zip", zip(&[("inner.zip", &zip(&[])), ("a.txt", b"x")]), Some("inner.zip"), "a zip archive"),
    ];
    for (name, bytes, member, detail) in cases {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).expect("write");
        let seen = expand_file(&path, &Limits::default());
        let rejects: Vec<_> =
            seen.rejects.iter().map(|(m, _, reason, d)| (m.as_deref(), *reason, d.as_str())).collect();
        assert_eq!(rejects.len(), 1, "{name}: {seen:?}");
        assert_eq!((rejects[0].0, rejects[0].1), (member, "no_documents"), "{name}");
        assert!(rejects[0].2.contains(detail), "{name}: {}", rejects[0].2);
    }
}

/// Two tars concatenated (`cat a.tar b.tar`) keep the second one's members,
/// as `tar --ignore-zeros` reads them; an extension header with no member
/// after it is damage, not an empty archive.
#[test]
fn tar_reads_on_past_its_end_blocks_and_reports_a_dangling_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut joined = tar(&[("a.txt", b"first")]);
    joined.extend(tar(&[("b.txt", b"second")]));
    let path = dir.path().join("joined.tar");
    fs::write(&path, &joined).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> = seen.records.iter().map(|(m, ..)| m.as_deref().unwrap_or_default()).collect();
    assert_eq!(members, ["a.txt", "b.txt"]);
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);

    let mut dangling = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_entry_type(tar::EntryType::XHeader);
    let pax = b"20 path=article.txt\n";
    header.set_size(pax.len() as u64);
    header.set_cksum();
    dangling.append(&header, &pax[..]).expect("pax");
    let dangling = dangling.into_inner().expect("tar");
    let path = dir.path().join("dangling.tar");
    fs::write(&path, &dangling).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let reasons: Vec<_> = seen.rejects.iter().map(|(_, _, reason, _)| *reason).collect();
    assert_eq!(reasons, ["corrupt_stream"], "{seen:?}");

    // The dangling header's name stays in its archive: the next archive's
    // member keeps its own name.
    let mut joined = dangling;
    joined.extend(tar(&[("b.txt", b"second")]));
    let path = dir.path().join("dangling-then-more.tar");
    fs::write(&path, &joined).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> = seen.records.iter().map(|(m, ..)| m.as_deref().unwrap_or_default()).collect();
    assert_eq!(members, ["b.txt"]);
    let reasons: Vec<_> = seen.rejects.iter().map(|(_, _, reason, _)| *reason).collect();
    assert_eq!(reasons, ["corrupt_stream"], "{seen:?}");
}

/// The same tar twice (`cat a.tar a.tar`): the repeated member is a
/// document of its own, under a key no member name can have.
#[test]
fn a_member_name_repeated_in_a_tar_gets_a_key_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let once = tar(&[("a.txt", b"same"), ("b.txt", b"other")]);
    let mut twice = once.clone();
    twice.extend(once);
    twice.extend(tar(&[("a.txt", b"third")]));
    let path = dir.path().join("twice.tar");
    fs::write(&path, &twice).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> =
        seen.records.iter().map(|(m, _, _, bytes)| (m.as_deref().unwrap_or_default(), bytes.as_slice())).collect();
    assert_eq!(
        members,
        [
            ("a.txt", &b"same"[..]),
            ("b.txt", b"other"),
            ("a.txt\\x00#2", b"same"),
            ("b.txt\\x00#2", b"other"),
            ("a.txt\\x00#3", b"third")
        ]
    );
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);
}

/// A tar that begins with an empty archive (`cat empty.tar a.tar`) is still
/// read as a tar, not refused as a binary, and an empty `.tar` is a
/// container that holds nothing.
#[test]
fn a_tar_that_starts_with_zero_blocks_is_read_as_a_tar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = tar(&[]);
    assert!(empty.len() >= 1024 && empty.iter().all(|&b| b == 0), "an empty tar is its end blocks");
    // The magic seen after one zero block whatever the name; after the two
    // of a whole empty archive, past what is sniffed, for a `.tar` only.
    let mut one_block = vec![0u8; 512];
    one_block.extend(tar(&[("a.txt", b"first")]));
    let mut joined = empty.clone();
    joined.extend(tar(&[("a.txt", b"first")]));
    for (name, bytes) in [("padded.bin", one_block), ("joined.tar", joined)] {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).expect("write");
        let seen = expand_file(&path, &Limits::default());
        let members: Vec<_> = seen.records.iter().map(|(m, _, format, _)| (m.as_deref(), *format)).collect();
        assert_eq!(members, [(Some("a.txt"), RecordFormat::Text)], "{name}");
        assert!(seen.rejects.is_empty(), "{name}: {:?}", seen.rejects);
    }

    let path = dir.path().join("empty.tar");
    fs::write(&path, &empty).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let reasons: Vec<_> = seen.rejects.iter().map(|(_, _, reason, _)| *reason).collect();
    assert_eq!(reasons, ["no_documents"]);
}

/// A WARC record that is not a document, cut short, is damage like a cut
/// response: the rest of the file is lost and the reject says so.
#[test]
fn a_truncated_warc_record_that_is_skipped_is_still_a_reject() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut warc = warc_record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>one</p>");
    let request = warc_record("request", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n");
    warc.extend_from_slice(&request[..request.len() - 20]);
    let path = dir.path().join("cut.warc");
    fs::write(&path, &warc).expect("write");
    let seen = expand_file(&path, &Limits::default());
    assert_eq!(seen.records.len(), 1);
    let rejects: Vec<_> = seen.rejects.iter().map(|(_, record, reason, _)| (*record, *reason)).collect();
    assert_eq!(rejects, [(Some(2), "corrupt_stream")], "{seen:?}");
}

/// The zip reader keeps one member per name; a zip naming two alike says
/// so in a reject instead of dropping the first one silently.
#[test]
fn zip_members_sharing_a_name_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The zip writer refuses a name twice: rename one member (same length)
    // in the bytes, in its local header and in the central directory.
    let mut bytes = zip(&[("dup.txt", b"first"), ("dupe.tx", b"second")]);
    for at in 0..=bytes.len().saturating_sub(7) {
        if &bytes[at..at + 7] == b"dupe.tx" {
            bytes[at..at + 7].copy_from_slice(b"dup.txt");
        }
    }
    let path = dir.path().join("dup.zip");
    fs::write(&path, &bytes).expect("write");
    let seen = expand_file(&path, &Limits::default());
    // The zip reader finds the last of a name: the member that was renamed.
    let records: Vec<_> = seen.records.iter().map(|(m, _, _, bytes)| (m.as_deref(), bytes.as_slice())).collect();
    assert_eq!(records, [(Some("dup.txt"), &b"second"[..])], "{seen:?}");
    let reasons: Vec<_> = seen.rejects.iter().map(|(member, _, reason, _)| (member.clone(), *reason)).collect();
    assert_eq!(reasons, [(None, "duplicate_members")]);
}

/// A zip member named in GBK without the UTF-8 flag (as Windows zips of
/// Chinese files are) keeps its bytes in its key, escaped like a file's.
#[test]
fn a_zip_member_name_that_is_not_utf8_is_escaped_not_guessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = zip(&[("XXXX.txt", "标题\n\n正文".as_bytes())]);
    // 新闻 in GBK, put in place of the name in both headers (same length).
    let gbk = [0xD0, 0xC2, 0xCE, 0xC5];
    let mut replaced = 0;
    for at in 0..bytes.len() - 8 {
        if &bytes[at..at + 8] == b"XXXX.txt" {
            bytes[at..at + 4].copy_from_slice(&gbk);
            replaced += 1;
        }
    }
    assert_eq!(replaced, 2, "the local and the central header name it");
    let path = dir.path().join("gbk-names.zip");
    fs::write(&path, &bytes).expect("write");
    let seen = expand_file(&path, &Limits::default());
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);
    let members: Vec<_> = seen.records.iter().map(|(m, ..)| m.as_deref().unwrap_or_default()).collect();
    assert_eq!(members, ["\\xD0\\xC2\\xCE\\xC5.txt"]);
}

/// tar-rs writes a long link name (`K`) between a long name (`L`) and its
/// member: a link with both long is no dangling extension header.
#[test]
fn a_link_with_a_long_name_and_a_long_target_is_no_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut builder = ::tar::Builder::new(Vec::new());
    let mut header = ::tar::Header::new_gnu();
    header.set_entry_type(::tar::EntryType::Symlink);
    header.set_size(0);
    let (long, target) = (format!("{}/link.txt", "a".repeat(120)), format!("{}/target.txt", "b".repeat(120)));
    builder.append_link(&mut header, &long, &target).expect("link");
    let mut header = ::tar::Header::new_gnu();
    header.set_size(5);
    header.set_mode(0o644);
    builder.append_data(&mut header, "b.txt", &b"hello"[..]).expect("file");
    let path = dir.path().join("links.tar");
    fs::write(&path, builder.into_inner().expect("tar")).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> = seen.records.iter().map(|(m, ..)| m.as_deref().unwrap_or_default()).collect();
    assert_eq!(members, ["b.txt"]);
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);
    assert_eq!(seen.skipped, ["archive_link"]);
}

/// Every member of an archive is a record, a reject or a count in the run
/// report: links and devices are counted, folders are no inputs, and a
/// sparse file, which the reader cannot put together, is rejected.
#[test]
fn archive_members_that_are_no_files_are_counted_or_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut builder = ::tar::Builder::new(Vec::new());
    let entry = |kind: ::tar::EntryType, size: u64| {
        let mut header = ::tar::Header::new_gnu();
        header.set_entry_type(kind);
        header.set_size(size);
        header.set_mode(0o644);
        header
    };
    builder.append_link(&mut entry(::tar::EntryType::Symlink, 0), "latest.txt", "a.txt").expect("symlink");
    builder.append_link(&mut entry(::tar::EntryType::Link, 0), "copy.txt", "a.txt").expect("hard link");
    builder.append_data(&mut entry(::tar::EntryType::Fifo, 0), "pipe", std::io::empty()).expect("fifo");
    builder.append_data(&mut entry(::tar::EntryType::Char, 0), "null", std::io::empty()).expect("device");
    builder.append_data(&mut entry(::tar::EntryType::Directory, 0), "folder/", std::io::empty()).expect("dir");
    builder.append_data(&mut entry(::tar::EntryType::GNUSparse, 5), "holes.txt", &b"hello"[..]).expect("sparse");
    builder.append_data(&mut entry(::tar::EntryType::Regular, 5), "a.txt", &b"hello"[..]).expect("file");
    let path = dir.path().join("members.tar");
    fs::write(&path, builder.into_inner().expect("tar")).expect("write");
    let seen = expand_file(&path, &Limits::default());
    let members: Vec<_> = seen.records.iter().map(|(m, ..)| m.as_deref().unwrap_or_default()).collect();
    assert_eq!(members, ["a.txt"]);
    assert_eq!(seen.skipped, ["archive_link", "archive_link", "archive_special", "archive_special"]);
    let rejects: Vec<_> = seen.rejects.iter().map(|(m, _, reason, _)| (m.as_deref(), *reason)).collect();
    assert_eq!(rejects, [(Some("holes.txt"), "unsupported_format")]);

    let mut links = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    links.add_symlink("latest.txt", "a.txt", zip::write::SimpleFileOptions::default()).expect("symlink");
    links.add_directory("folder/", zip::write::SimpleFileOptions::default()).expect("dir");
    links.start_file("a.txt", zip::write::SimpleFileOptions::default()).expect("file");
    links.write_all(b"hello").expect("write");
    let path = dir.path().join("members.zip");
    fs::write(&path, links.finish().expect("zip").into_inner()).expect("write");
    let seen = expand_file(&path, &Limits::default());
    assert_eq!(seen.records.len(), 1, "{seen:?}");
    assert_eq!(seen.skipped, ["archive_link"]);
    assert!(seen.rejects.is_empty(), "{:?}", seen.rejects);
}
