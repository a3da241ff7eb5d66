//! Containers damaged at random (bytes flipped, cut short, junk put in):
//! reading one never panics, never hangs, and always leaves a row, a
//! record or a reject, so that no input goes unaccounted for.

#[path = "support/archives.rs"]
mod archives;

use std::io::Write;

use archives::{gzip, tar, zip};
use corpusmill_read::{discover, expand, DiscoverOptions, Item, Limits};
use proptest::prelude::*;

const JSONL: &[u8] =
    "{\"title\":\"标题一\",\"content\":\"正文第一段。\"}\n{\"title\":\"B\",\"content\":\"two\"}\n".as_bytes();
const HTML: &[u8] = "<html><head><title>标题</title></head><body><p>正文。</p></body></html>".as_bytes();

fn warc_record(kind: &str, block: &[u8]) -> Vec<u8> {
    let mut rec = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n", block.len()).into_bytes();
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

/// Valid inputs of every container and compression, by file name.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    response.extend_from_slice(HTML);
    let mut warc = warc_record("warcinfo", b"software: test\r\n");
    warc.extend(warc_record("response", &response));
    let mut long_names = ::tar::Builder::new(Vec::new());
    let mut header = ::tar::Header::new_gnu();
    header.set_size(JSONL.len() as u64);
    header.set_mode(0o644);
    long_names.append_data(&mut header, format!("{}/feed.jsonl", "deep/".repeat(40)), JSONL).expect("tar");
    let long_names = long_names.into_inner().expect("tar");
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(JSONL).expect("bzip2");
    vec![
        ("bundle.zip", zip(&[("a.txt", "标题\n\n正文。".as_bytes()), ("b.jsonl", JSONL), ("c.html", HTML)])),
        ("feed.tar.gz", gzip(&tar(&[("day1.jsonl", JSONL), ("page.html", HTML)]))),
        ("nested.zip", zip(&[("inner.tar.gz", &gzip(&tar(&[("x.jsonl", JSONL)])))])),
        ("crawl.warc.gz", gzip(&warc)),
        ("long.tar", long_names),
        ("feed.jsonl.zst", zstd::encode_all(JSONL, 3).expect("zstd")),
        ("feed.jsonl.bz2", bz.finish().expect("bzip2")),
        ("feed.jsonl.gz", gzip(JSONL)),
    ]
}

/// One change to a file's bytes, at a position given as a share of its length.
#[derive(Debug, Clone)]
enum Damage {
    Flip { at: f64, mask: u8 },
    Set { at: f64, byte: u8 },
    Cut { at: f64 },
    Insert { at: f64, junk: Vec<u8> },
    Repeat { at: f64, len: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 1u8..).prop_map(|(at, mask)| Damage::Flip { at, mask }),
        (at.clone(), prop::sample::select(vec![0u8, 0xFF, b'0', b'7', 0x80]))
            .prop_map(|(at, byte)| Damage::Set { at, byte }),
        at.clone().prop_map(|at| Damage::Cut { at }),
        (at.clone(), prop::collection::vec(any::<u8>(), 1..600)).prop_map(|(at, junk)| Damage::Insert { at, junk }),
        (at, 1usize..2000).prop_map(|(at, len)| Damage::Repeat { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len.saturating_sub(1));
    match damage {
        Damage::Flip { at, mask } if !bytes.is_empty() => {
            let i = pos(*at, bytes.len());
            bytes[i] ^= mask;
        }
        Damage::Set { at, byte } if !bytes.is_empty() => {
            let i = pos(*at, bytes.len());
            bytes[i] = *byte;
        }
        Damage::Cut { at } => bytes.truncate(pos(*at, bytes.len())),
        Damage::Insert { at, junk } => {
            let i = pos(*at, bytes.len() + 1);
            bytes.splice(i..i, junk.iter().copied());
        }
        Damage::Repeat { at, len } if !bytes.is_empty() => {
            let i = pos(*at, bytes.len());
            let piece: Vec<u8> = bytes[i..(i + len).min(bytes.len())].to_vec();
            bytes.splice(i..i, piece);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn damaged_containers_leave_a_row_and_never_panic(
        seed in 0usize..8,
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let (name, mut bytes) = seeds().swap_remove(seed);
        for d in &damages {
            apply(&mut bytes, d);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let found = discover(&[path], &DiscoverOptions { skip_hidden: false, ..DiscoverOptions::default() });
        prop_assert_eq!(found.inputs.len(), 1);
        // Small limits, so that a length field damaged into a huge one is
        // refused quickly rather than read.
        let limits = Limits { max_record_bytes: 1 << 20, max_inflated_bytes: 16 << 20, ..Limits::default() };
        let (mut rows, mut empty_details) = (0usize, 0usize);
        expand(&found.inputs[0], &limits, &mut |item| match item {
            Item::Record(_) => rows += 1,
            Item::Rejected { error, .. } => {
                rows += 1;
                empty_details += usize::from(error.to_string().trim().is_empty());
            }
            Item::Skipped { .. } => {}
        });
        prop_assert!(rows > 0, "{name} damaged by {damages:?} left no row");
        prop_assert_eq!(empty_details, 0, "a reject without a detail");
    }
}
