//! The seed article the project was founded on must be repaired exactly.
//! Reads `../shared/seeds/` beside the checkout; skipped when it is absent.

use std::path::PathBuf;

use corpusmill_repair::{repair_bytes, RepairKind, RepairOptions};

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found (the shared folder is not beside the checkout)", dir.display());
        None
    }
}

#[test]
fn seed_article_is_repaired_byte_for_byte() {
    let Some(dir) = seeds_dir() else { return };
    let damaged = std::fs::read(dir.join("article-001.txt")).expect("seed readable");
    let expected = std::fs::read_to_string(dir.join("article-001.repaired.txt")).expect("repaired readable");
    let repaired = repair_bytes(&damaged, None, &RepairOptions::default()).expect("seed decodes");
    if repaired.text != expected {
        for (n, (got, want)) in repaired.text.lines().zip(expected.lines()).enumerate() {
            if got != want {
                panic!("line {}:\n got: {got}\nwant: {want}", n + 1);
            }
        }
        panic!("texts differ in length: {} vs {}", repaired.text.len(), expected.len());
    }
    assert_eq!(repaired.log.count(RepairKind::PinyinAnnotation), 230);
    assert_eq!(repaired.log.count(RepairKind::LostLeadByte), 6);
    assert_eq!(repaired.encoding, "UTF-8");
}

#[test]
fn repaired_seed_is_a_fixed_point() {
    let Some(dir) = seeds_dir() else { return };
    let clean = std::fs::read(dir.join("article-001.repaired.txt")).expect("repaired readable");
    let again = repair_bytes(&clean, None, &RepairOptions::default()).expect("decodes");
    assert_eq!(again.text.as_bytes(), clean.as_slice());
    assert!(again.log.is_empty(), "{:?}", again.log);
}
