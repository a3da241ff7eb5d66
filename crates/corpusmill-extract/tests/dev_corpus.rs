//! Scores the extractor on the shared development corpus and the founding seed.
//!
//! The corpus lives beside the checkout (`../shared`); when it is absent these tests say
//! so and pass, because the project's tests must not depend on it.

use std::fs;
use std::path::{Path, PathBuf};

use corpusmill_extract::extract_text_dump;
use serde_json::Value;

mod common;
use common::{date_string, field_checks, opt_str, str_list};

const DUMPS_DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/dumps-dev");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");

/// Title, date and body must all be exact on at least this many of the 40 dev dumps.
const REQUIRED_EXACT: usize = 38;

fn dump_pairs(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let json = path.with_extension("json");
        if json.exists() {
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
            out.push((name, path, json));
        }
    }
    out.sort();
    out
}

#[test]
fn dev_corpus_scores() {
    let dir = Path::new(DUMPS_DEV);
    if !dir.is_dir() {
        println!("skipped: {DUMPS_DEV} not found (the shared corpus sits beside the checkout)");
        return;
    }
    let pairs = dump_pairs(dir);
    assert!(!pairs.is_empty(), "no NNN.txt/NNN.json pairs in {DUMPS_DEV}");

    const FIELDS: [&str; 7] = ["title", "date", "body", "author", "source", "summary", "url"];
    let mut counts = [0usize; 7];
    let mut all_three = 0usize;
    let mut failures = Vec::new();

    for (name, txt, json) in &pairs {
        let text = fs::read_to_string(txt).expect("read dump");
        let truth: Value = serde_json::from_str(&fs::read_to_string(json).expect("read truth")).expect("json");
        let got = extract_text_dump(&text);

        let checks = field_checks(&got, &truth);
        for (count, ok) in counts.iter_mut().zip(checks) {
            *count += usize::from(ok);
        }
        if checks[..3].iter().all(|&ok| ok) {
            all_three += 1;
        }
        let wrong: Vec<&str> = FIELDS.iter().zip(checks).filter(|(_, ok)| !ok).map(|(f, _)| *f).collect();
        if !wrong.is_empty() {
            failures.push(format!(
                "{name}: wrong {wrong:?}\n  title {:?}\n  date {:?} (want {:?})\n  author {:?} (want {:?})\n  source {:?} (want {:?})\n  url {:?}\n  summary {:?}\n  paragraphs {} (want {})",
                got.title,
                date_string(&got),
                opt_str(&truth, "published_date"),
                got.author,
                opt_str(&truth, "author"),
                got.source_name,
                opt_str(&truth, "source"),
                got.url,
                got.summary,
                got.body_paragraphs.len(),
                str_list(&truth, "body_paragraphs").len(),
            ));
        }
    }

    let n = pairs.len();
    println!("dev corpus: {n} dumps");
    println!("| field   | exact |");
    println!("|---------|-------|");
    for (field, count) in FIELDS.iter().zip(counts) {
        println!("| {field:<7} | {count:>2}/{n} |");
    }
    println!("| t+d+b   | {all_three:>2}/{n} |");
    for f in &failures {
        println!("{f}");
    }
    assert!(all_three >= REQUIRED_EXACT.min(n), "title+date+body exact on {all_three}/{n}, need {REQUIRED_EXACT}");
}

#[test]
fn seed_article_001() {
    let txt = Path::new(SEEDS).join("article-001.repaired.txt");
    let json = Path::new(SEEDS).join("article-001.expected.json");
    if !txt.is_file() || !json.is_file() {
        println!("skipped: seed files not found under {SEEDS}");
        return;
    }
    let text = fs::read_to_string(&txt).expect("read seed");
    let truth: Value = serde_json::from_str(&fs::read_to_string(&json).expect("read truth")).expect("json");
    let got = extract_text_dump(&text);

    assert_eq!(got.title, opt_str(&truth, "title"));
    assert_eq!(date_string(&got), opt_str(&truth, "published_date"));
    assert_eq!(got.body_paragraphs, str_list(&truth, "body_paragraphs"));
    assert_eq!(got.body_paragraphs.len(), 10);
    assert_eq!(got.summary, opt_str(&truth, "summary"));

    let fields: Vec<&str> = got
        .title
        .iter()
        .chain(&got.author)
        .chain(&got.source_name)
        .chain(&got.url)
        .chain(&got.summary)
        .chain(&got.body_paragraphs)
        .map(String::as_str)
        .collect();
    for bad in str_list(&truth, "must_not_contain_in_any_field") {
        if bad.is_empty() {
            continue;
        }
        for field in &fields {
            assert!(!field.contains(&bad), "{bad:?} survived in {field:?}");
        }
    }

    // The dropped lines: the shortened title repeat, the disclaimer, the full title
    // repeat and the QR footer (the truth abbreviates long lines with a trailing '…').
    let dropped: Vec<&str> = got.boilerplate.iter().map(|(_, l)| l.as_str()).collect();
    for want in str_list(&truth, "boilerplate_removed") {
        let prefix = want.trim_end_matches('…');
        assert!(dropped.iter().any(|d| d.starts_with(prefix)), "{want:?} not among dropped lines {dropped:?}");
    }
}
