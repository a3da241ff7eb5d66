//! One input in, one outcome out: an article row or a reject row.
//!
//! This is where the stages meet: read → decode and repair → extract → row.
//! It runs on the worker pool, so it never panics on bad input: every failure
//! becomes a reject with a stage and a stable reason.

use std::panic::{self, AssertUnwindSafe};

use corpusmill_extract::extract_text_dump;
use corpusmill_read::{read_input, Input, SourceId};
use corpusmill_repair::{detect_lang, detect_script, repair_bytes, Repaired};
use corpusmill_store::{ArticleRow, RejectRow};

use crate::config::Config;

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Article(Box<ArticleRow>),
    Reject(RejectRow),
}

/// Length of the hex ids (128 bits of BLAKE3).
const ID_HEX_CHARS: usize = 32;

pub fn reject(id: &SourceId, stage: &str, reason: &str, detail: String, bytes: Option<u64>, run_id: &str) -> Outcome {
    Outcome::Reject(RejectRow {
        source_path: id.path.clone(),
        source_member: id.member.clone(),
        stage: stage.to_owned(),
        reason: reason.to_owned(),
        detail,
        source_bytes: bytes,
        run_id: run_id.to_owned(),
    })
}

/// Reads and processes one discovered input.
pub fn process_input(input: &Input, config: &Config, run_id: &str) -> Outcome {
    let bytes = match read_input(input, config.input.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(err) => return reject(&input.id, "read", err.reason(), err.to_string(), Some(input.size), run_id),
    };
    process_bytes(&input.id, &bytes, config, run_id)
}

/// Processes the bytes of one document. A panic in any stage (a bug, never
/// expected) is caught and recorded as an `internal_error` reject, so one bad
/// document cannot take the run down or vanish.
pub fn process_bytes(id: &SourceId, bytes: &[u8], config: &Config, run_id: &str) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(|| build_article(id, bytes, config, run_id))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            reject(id, "internal", "internal_error", format!("bug: {message}"), Some(bytes.len() as u64), run_id)
        }
    }
}

fn build_article(id: &SourceId, bytes: &[u8], config: &Config, run_id: &str) -> Outcome {
    let size = bytes.len() as u64;
    let Repaired { text, encoding, encoding_source, log } = match repair_bytes(bytes, None, &config.repair) {
        Ok(repaired) => repaired,
        Err(err) => return reject(id, "decode", err.reason(), err.to_string(), Some(size), run_id),
    };
    let article = extract_text_dump(&text);
    if article.body_paragraphs.is_empty() {
        let detail = "no body paragraphs found after removing boilerplate".to_owned();
        return reject(id, "extract", "no_body", detail, Some(size), run_id);
    }
    let body = article.body_paragraphs.join("\n\n");
    let lang = detect_lang(&body);
    let script = if lang == "zh" {
        let sample = format!("{}\n{body}", article.title.as_deref().unwrap_or_default());
        detect_script(&sample).map(|s| s.code().to_owned())
    } else {
        None
    };
    let content_hash = content_hash(article.title.as_deref(), &body);
    Outcome::Article(Box::new(ArticleRow {
        doc_id: doc_id(id, bytes),
        source_path: id.path.clone(),
        source_member: id.member.clone(),
        source_bytes: size,
        encoding: encoding.to_owned(),
        encoding_source: encoding_source.code().to_owned(),
        title: article.title,
        published_date: article.published_date.map(|d| d.days_since_unix_epoch()),
        author: article.author,
        source_name: article.source_name,
        url: article.url,
        lang: lang.to_owned(),
        script,
        char_count: body.chars().count() as u64,
        body,
        summary: article.summary,
        repairs: log.counts().into_iter().map(|(kind, n)| (kind.code().to_owned(), n)).collect(),
        content_hash,
        run_id: run_id.to_owned(),
    }))
}

fn hex_prefix(hash: blake3::Hash) -> String {
    let mut hex = hash.to_hex().to_string();
    hex.truncate(ID_HEX_CHARS);
    hex
}

/// Stable id of a document: its source path, member and exact bytes.
pub fn doc_id(id: &SourceId, bytes: &[u8]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(id.path.as_bytes());
    hasher.update(&[0]);
    hasher.update(id.member.as_deref().unwrap_or_default().as_bytes());
    hasher.update(&[0]);
    hasher.update(bytes);
    hex_prefix(hasher.finalize())
}

/// Hash of the repaired content (title and body, whitespace folded), equal for
/// the same article however it was encoded or damaged: the key for finding
/// duplicates.
pub fn content_hash(title: Option<&str>, body: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for word in title.unwrap_or_default().split_whitespace().chain(["\u{0}"]).chain(body.split_whitespace()) {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hex_prefix(hasher.finalize())
}
