//! Helpers shared by the tests that score dumps against their ground truth
//! (`NNN.json` in the schema of the shared dev corpus).

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use corpusmill_extract::Article;
use serde_json::Value;

/// The fields a dump's ground truth gives, in the order of [`field_checks`].
pub const FIELDS: [&str; 7] = ["title", "published_date", "body_paragraphs", "author", "source", "summary", "url"];

pub fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

pub fn str_list(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

pub fn date_string(a: &Article) -> Option<String> {
    a.published_date.map(|d| d.to_string())
}

/// Whether each of [`FIELDS`] of `got` is as `truth` gives it.
pub fn field_checks(got: &Article, truth: &Value) -> [bool; 7] {
    [
        got.title == opt_str(truth, "title"),
        date_string(got) == opt_str(truth, "published_date"),
        got.body_paragraphs == str_list(truth, "body_paragraphs"),
        got.author == opt_str(truth, "author"),
        got.source_name == opt_str(truth, "source"),
        got.summary == opt_str(truth, "summary"),
        got.url == opt_str(truth, "url"),
    ]
}

/// The names of the fields of `got` that differ from `truth`.
pub fn wrong_fields(got: &Article, truth: &Value) -> Vec<&'static str> {
    FIELDS.iter().zip(field_checks(got, truth)).filter(|(_, ok)| !ok).map(|(name, _)| *name).collect()
}

/// Asserts that a set has `expected` documents and that each field is exact in
/// at least as many of them as `at_least` gives (in the order of [`FIELDS`]).
/// `results` pairs each document's name with its wrong fields.
pub fn assert_at_least(set: &str, results: &[(String, Vec<&'static str>)], expected: usize, at_least: [usize; 7]) {
    assert_eq!(results.len(), expected, "documents in {set}/");
    let mut short = Vec::new();
    for (field, at_least) in FIELDS.iter().zip(at_least) {
        let exact = results.iter().filter(|(_, wrong)| !wrong.contains(field)).count();
        if exact < at_least {
            let misses: Vec<&str> =
                results.iter().filter(|(_, wrong)| wrong.contains(field)).map(|(n, _)| n.as_str()).collect();
            short.push(format!(
                "{set} {field}: {exact} of {expected} exact, fewer than {at_least} (wrong: {})",
                misses.join(" ")
            ));
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}

/// Each document `NAME.EXT` of `dir`, by name in order, with the names of the
/// fields of what `extract` makes of its bytes that differ from `NAME.json`.
pub fn wrong_fields_of_dir(
    dir: &Path,
    ext: &str,
    extract: impl Fn(&[u8]) -> Article,
) -> Vec<(String, Vec<&'static str>)> {
    let suffix = format!(".{ext}");
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(suffix.as_str())).map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = fs::read(dir.join(format!("{name}{suffix}"))).expect("read document");
            let truth: Value =
                serde_json::from_str(&fs::read_to_string(dir.join(format!("{name}.json"))).expect("read truth"))
                    .expect("truth is JSON");
            let wrong = wrong_fields(&extract(&bytes), &truth);
            (name, wrong)
        })
        .collect()
}
