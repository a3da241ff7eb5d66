//! One item in, one outcome out: an article row, a reject row, or a skip.
//!
//! This is where the stages meet: record → decode and repair → extract → row.
//! It runs on the worker pool, so it never panics on bad input: every failure
//! becomes a reject with a stage and a stable reason.

use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use corpusmill_extract::{
    body_paragraphs_counted, extract_html, extract_json, extract_text_dump, html_declared_charset, parse_date, Article,
    Date,
};
use corpusmill_read::{Item, Record, RecordFormat, SourceId};
use corpusmill_repair::{
    convert_script, decode_before_repair, detect_lang_and_script, lang_and_script_of_counts, repair_bytes, repair_text,
    reread_markup_as_utf8, RepairKind, RepairLog, Repaired, ScriptCounts, ScriptTarget,
};
use corpusmill_store::{ArticleRow, RejectRow};

use crate::config::Config;
use crate::stages::{Stage, StageClock};

/// What became of one item.
#[derive(Debug)]
pub enum Outcome {
    Article(Box<ArticleRow>),
    Reject(RejectRow),
    /// A container record that is not a document (a WARC request), counted only.
    Skipped(&'static str),
}

/// Length of the hex ids (128 bits of BLAKE3).
const ID_HEX_CHARS: usize = 32;

pub fn reject(id: &SourceId, stage: &str, reason: &str, detail: String, bytes: Option<u64>, run_id: &str) -> Outcome {
    Outcome::Reject(RejectRow {
        source_path: id.path.clone(),
        source_member: id.member.clone(),
        source_record: id.record,
        stage: stage.to_owned(),
        reason: reason.to_owned(),
        detail,
        source_bytes: bytes,
        run_id: run_id.to_owned(),
    })
}

/// Processes one item that reading produced.
pub fn process_item(item: Item, config: &Config, run_id: &str, clock: &StageClock) -> Outcome {
    match item {
        Item::Record(record) => process_record(&record, config, run_id, clock),
        Item::Rejected { id, error, bytes } => reject(&id, "read", error.reason(), error.to_string(), bytes, run_id),
        Item::Skipped { what } => Outcome::Skipped(what),
    }
}

/// Processes one document. A panic in any stage (a bug, never expected) is
/// caught and recorded as an `internal_error` reject, so one bad document
/// cannot take the run down or vanish.
pub fn process_record(record: &Record, config: &Config, run_id: &str, clock: &StageClock) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(|| build_article(record, config, run_id, clock))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let size = Some(record.bytes.len() as u64);
            reject(&record.id, "internal", "internal_error", format!("bug: {}", panic_message(&*payload)), size, run_id)
        }
    }
}

/// The message a panic carried.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// A document's fields once decoded, repaired and extracted, whatever its format.
struct Extracted {
    article: Article,
    encoding: &'static str,
    encoding_source: &'static str,
    log: RepairLog,
}

/// Why a document gave no article: (stage, reason, detail).
type Refusal = (&'static str, &'static str, String);

fn build_article(record: &Record, config: &Config, run_id: &str, clock: &StageClock) -> Outcome {
    let extracted = match record.format {
        RecordFormat::Text => extract_text(record, config, clock),
        RecordFormat::Json => extract_json_record(record, config, clock),
        RecordFormat::Html => extract_html_record(record, config, clock),
    };
    let extracted = match config.repair.script {
        ScriptTarget::Keep => extracted,
        target => extracted.map(|e| clock.time(Stage::Repair, || convert_article_script(e, target))),
    };
    let rows_started = Instant::now();
    let outcome = article_row(record, extracted, run_id);
    clock.add(Stage::Rows, rows_started.elapsed());
    outcome
}

/// An article in the configured script (`repair.script`) when it is Chinese:
/// its language is judged on the whole article, as its row will give it, and
/// a Japanese or Korean article keeps its kanji or hanja. A converted article
/// is counted again for its row's language and script.
fn convert_article_script(extracted: Extracted, target: ScriptTarget) -> Extracted {
    let Extracted { article, encoding, encoding_source, mut log } = extracted;
    let body = article.body_paragraphs.join("\n\n");
    let lang = article
        .script_counts
        .as_ref()
        .and_then(|(title, counted)| lang_and_script_of_counts(title, counted, body.chars().count(), &body))
        .map_or_else(|| detect_lang_and_script(article.title.as_deref(), &body).0, |(lang, _)| lang);
    if lang != "zh" {
        return Extracted { article, encoding, encoding_source, log };
    }
    let before = log.count(RepairKind::ScriptConverted);
    let mut convert = |text: Option<String>| text.map(|t| convert_script(t, target, &mut log));
    let title = convert(article.title);
    let author = convert(article.author);
    let source_name = convert(article.source_name);
    let summary = convert(article.summary);
    let body = convert(Some(body)).unwrap_or_default();
    if log.count(RepairKind::ScriptConverted) == before {
        let article = Article { title, author, source_name, summary, ..article };
        return Extracted { article, encoding, encoding_source, log };
    }
    // The conversion maps Han characters only: the paragraph breaks are
    // where they were (and an article without a body still has none).
    let body_paragraphs = body.split("\n\n").filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let article = Article { title, author, source_name, summary, body_paragraphs, script_counts: None, ..article };
    Extracted { article, encoding, encoding_source, log }
}

/// The row for an extracted document, or its reject.
fn article_row(record: &Record, extracted: Result<Extracted, Refusal>, run_id: &str) -> Outcome {
    let size = record.bytes.len() as u64;
    let Extracted { article, encoding, encoding_source, log } = match extracted {
        Ok(extracted) => extracted,
        Err((stage, reason, detail)) => return reject(&record.id, stage, reason, detail, Some(size), run_id),
    };
    if article.body_paragraphs.is_empty() {
        let detail = "no body paragraphs found after removing boilerplate".to_owned();
        return reject(&record.id, "extract", "no_body", detail, Some(size), run_id);
    }
    let body = article.body_paragraphs.join("\n\n");
    let char_count = body.chars().count();
    // Counted while the extractor measured the lines, when it did (text
    // dumps): then the body is not read again.
    let (lang, script) = article
        .script_counts
        .as_ref()
        .and_then(|(title, counted)| lang_and_script_of_counts(title, counted, char_count, &body))
        .unwrap_or_else(|| detect_lang_and_script(article.title.as_deref(), &body));
    let script = script.map(|s| s.code().to_owned());
    let content_hash = content_hash(article.title.as_deref(), &body);
    let id = &record.id;
    Outcome::Article(Box::new(ArticleRow {
        doc_id: doc_id(id, &record.bytes),
        source_path: id.path.clone(),
        source_member: id.member.clone(),
        source_record: id.record,
        source_bytes: size,
        format: format_code(record.format).to_owned(),
        encoding: encoding.to_owned(),
        encoding_source: encoding_source.to_owned(),
        title: article.title,
        published_date: article.published_date.map(|d| d.days_since_unix_epoch()),
        author: article.author,
        source_name: article.source_name,
        url: article.url.or_else(|| record.url.clone()),
        crawl_date: record.crawl_date.as_deref().and_then(parse_date).map(|d: Date| d.days_since_unix_epoch()),
        lang: lang.to_owned(),
        script,
        char_count: char_count as u64,
        body,
        summary: article.summary,
        repairs: log.counts().into_iter().map(|(kind, n)| (kind.code().to_owned(), n)).collect(),
        content_hash,
        duplicate_of: None,
        run_id: run_id.to_owned(),
    }))
}

fn format_code(format: RecordFormat) -> &'static str {
    match format {
        RecordFormat::Text => "text",
        RecordFormat::Html => "html",
        RecordFormat::Json => "json",
    }
}

/// A plain-text dump: the whole text is repaired, then fields are found in it.
fn extract_text(record: &Record, config: &Config, clock: &StageClock) -> Result<Extracted, Refusal> {
    let Repaired { text, encoding, encoding_source, log } = clock
        .time(Stage::Repair, || repair_bytes(&record.bytes, record.charset.as_deref(), &config.repair))
        .map_err(|err| ("decode", err.reason(), err.to_string()))?;
    let article = clock.time(Stage::Extract, || extract_text_dump(&text));
    Ok(Extracted { article, encoding, encoding_source: encoding_source.code(), log })
}

/// A JSON record: decoded, parsed, its mapped fields repaired one by one (so a
/// repair can never break the JSON syntax), the body split into paragraphs.
fn extract_json_record(record: &Record, config: &Config, clock: &StageClock) -> Result<Extracted, Refusal> {
    let decoded = clock
        .time(Stage::Repair, || {
            decode_before_repair(&record.bytes, record.charset.as_deref(), config.repair.max_replacement_ratio)
        })
        .map_err(|err| ("decode", err.reason(), err.to_string()))?;
    let extract_started = Instant::now();
    let value: serde_json::Value =
        serde_json::from_str(&decoded.text).map_err(|err| ("extract", "malformed_json", err.to_string()))?;
    if !value.is_object() {
        return Err(("extract", "no_body", "the JSON record is not an object".to_owned()));
    }
    let fields = extract_json(&value, &config.json);
    let mut log = RepairLog::default();
    let article = if fields.body_is_html {
        // The body is a page or a fragment: the HTML extractor finds its paragraphs;
        // the record's own fields win over what the markup says.
        let page = extract_html(fields.body.as_deref().unwrap_or_default(), fields.url.as_deref());
        Article {
            title: fields.title.or(page.title),
            published_date: fields.published_date.or(page.published_date),
            author: fields.author.or(page.author),
            source_name: fields.source_name.or(page.source_name),
            url: fields.url.or(page.url),
            body_paragraphs: page.body_paragraphs,
            summary: fields.summary.or(page.summary),
            boilerplate: page.boilerplate,
            script_counts: None,
        }
    } else {
        let (body_paragraphs, body_counts) = fields.body.as_deref().map(body_paragraphs_counted).unwrap_or_default();
        let title_counts = ScriptCounts::of(fields.title.as_deref().unwrap_or_default());
        Article {
            title: fields.title,
            published_date: fields.published_date,
            author: fields.author,
            source_name: fields.source_name,
            url: fields.url,
            body_paragraphs,
            summary: fields.summary,
            boilerplate: Vec::new(),
            script_counts: Some((title_counts, body_counts)),
        }
    };
    clock.add(Stage::Extract, extract_started.elapsed());
    let article = clock.time(Stage::Repair, || repair_fields(article, config, &mut log));
    check_lost_text(&log, config, decoded.encoding)?;
    Ok(Extracted { article, encoding: decoded.encoding, encoding_source: decoded.source.code(), log })
}

/// An HTML page: decoded with the charset its container declares, else the one
/// its markup declares (unless the bytes contradict it), then extracted; the
/// extracted text is repaired field by field (markup is never "repaired").
fn extract_html_record(record: &Record, config: &Config, clock: &StageClock) -> Result<Extracted, Refusal> {
    let decoded = clock
        .time(Stage::Repair, || {
            let head = &record.bytes[..record.bytes.len().min(4096)];
            let declared = record.charset.clone().or_else(|| html_declared_charset(head));
            decode_before_repair(&record.bytes, declared.as_deref(), config.repair.max_replacement_ratio)
        })
        .map_err(|err| ("decode", err.reason(), err.to_string()))?;
    let mut log = RepairLog::default();
    // A page read whole as cp1252 is read back before its text is extracted.
    let reread = clock.time(Stage::Repair, || reread_markup_as_utf8(&decoded.text, &config.repair, &mut log));
    let page_text = reread.as_deref().unwrap_or(&decoded.text);
    let page = clock.time(Stage::Extract, || extract_html(page_text, record.url.as_deref()));
    let article = clock.time(Stage::Repair, || repair_fields(page, config, &mut log));
    check_lost_text(&log, config, decoded.encoding)?;
    Ok(Extracted { article, encoding: decoded.encoding, encoding_source: decoded.source.code(), log })
}

/// Refuses an article from structured input when too much of its text is
/// U+FFFD after the repair (the limit a text dump is held to by
/// `repair_bytes`): judged on the fields, not on the markup or the record,
/// as U+FFFD in them may be bytes an earlier decoder lost that came back.
fn check_lost_text(log: &RepairLog, config: &Config, encoding: &'static str) -> Result<(), Refusal> {
    config.repair.check_lost_text(log, encoding).map_err(|err| ("decode", err.reason(), err.to_string()))
}

/// Repairs the text fields of an article extracted from structured input. The
/// body is repaired as one text (content-farm runs may cross lines) and split
/// back into its paragraphs.
fn repair_fields(article: Article, config: &Config, log: &mut RepairLog) -> Article {
    let mut repair = |text: Option<String>| text.map(|t| repair_text(t, &config.repair, log));
    let counted = article.script_counts.map(|counts| (counts, article.title.clone()));
    let joined = article.body_paragraphs.join("\n\n");
    let before = counted.as_ref().map(|_| joined.clone());
    let title = repair(article.title);
    let author = repair(article.author);
    let source_name = repair(article.source_name);
    let summary = repair(article.summary);
    let body = repair(Some(joined)).unwrap_or_default();
    // What the extractor counted holds while the title and body are as they
    // were: splitting the body again and trimming its paragraphs moves and
    // drops only whitespace, which counts for nothing.
    let script_counts =
        counted.filter(|(_, old_title)| *old_title == title && before.as_deref() == Some(&*body)).map(|(c, _)| c);
    let body_paragraphs = paragraphs(&body).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    Article { title, author, source_name, summary, body_paragraphs, script_counts, ..article }
}

/// `text` split at each blank line (`"\n\n"`), as `str::split` splits it,
/// found with `memmem`: the standard two-way search for a two-byte pattern
/// was 3% of ingesting JSON Lines records.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut start = Some(0);
    let mut breaks = memchr::memmem::find_iter(text.as_bytes(), b"\n\n");
    std::iter::from_fn(move || {
        let from = start?;
        match breaks.next() {
            Some(at) => {
                start = Some(at + 2);
                text.get(from..at)
            }
            None => {
                start = None;
                text.get(from..)
            }
        }
    })
}

fn hex_prefix(hash: blake3::Hash) -> String {
    let mut hex = hash.to_hex().to_string();
    hex.truncate(ID_HEX_CHARS);
    hex
}

/// Stable id of a document: its source path, member, record ordinal and exact bytes.
///
/// The pieces are copied into one buffer and hashed in one call, which gives
/// the same hash as updating a hasher piece by piece: there, the document's
/// bytes start inside the first chunk, which is then compressed block by
/// block instead of beside the others with SIMD.
pub fn doc_id(id: &SourceId, bytes: &[u8]) -> String {
    let (path, member) = (id.path.as_bytes(), id.member.as_deref().unwrap_or_default().as_bytes());
    let mut input = Vec::with_capacity(path.len() + member.len() + bytes.len() + 11);
    input.extend_from_slice(path);
    input.push(0);
    input.extend_from_slice(member);
    input.push(0);
    if let Some(record) = id.record {
        input.extend_from_slice(&record.to_le_bytes());
    }
    input.push(0);
    input.extend_from_slice(bytes);
    hex_prefix(blake3::hash(&input))
}

/// Hash of the repaired content (title and body, whitespace folded), equal for
/// the same article however it was encoded or damaged: the key for finding
/// duplicates.
pub fn content_hash(title: Option<&str>, body: &str) -> String {
    // Words joined into one buffer and hashed once: an update per word costs
    // more than the hashing itself.
    let title = title.unwrap_or_default();
    let mut folded = Vec::with_capacity(title.len() + body.len() + 4);
    fold_whitespace(title, &mut folded);
    folded.extend_from_slice(b"\0 ");
    fold_whitespace(body, &mut folded);
    hex_prefix(blake3::hash(&folded))
}

/// Whether [`fold_whitespace`] acts at byte `a` (`before` it, `b` and `c`
/// after it): an ASCII control or space, except one space between two
/// visible ASCII characters, or the start of a multi-byte whitespace
/// character. Each test is exact, so a byte it passes over is one the loop
/// would pass over too; a test of lead bytes alone stopped at every `。` and
/// `“` of Chinese text.
fn acts_at(before: u8, a: u8, b: u8, c: u8) -> bool {
    let visible = |x: u8| x.wrapping_sub(0x21) < 0x5E;
    let lone_space = (a == b' ') & visible(before) & visible(b);
    ((a <= 0x20) & !lone_space)
        | ((a == 0xC2) & ((b == 0x85) | (b == 0xA0)))
        | ((a == 0xE1) & (b == 0x9A) & (c == 0x80))
        | ((a == 0xE2) & (b == 0x80) & ((c <= 0x8A) | (c == 0xA8) | (c == 0xA9) | (c == 0xAF)))
        | ((a == 0xE2) & (b == 0x81) & (c == 0x9F))
        | ((a == 0xE3) & (b == 0x80) & (c == 0x80))
}

/// Appends each word of `text` (as `split_whitespace` finds them) followed by
/// one space. Works on bytes: a table marks ASCII whitespace and the lead bytes
/// of the few multi-byte characters Unicode counts as whitespace, so the runs
/// between them are copied whole.
fn fold_whitespace(text: &str, out: &mut Vec<u8>) {
    const fn marks() -> [bool; 256] {
        let mut table = [false; 256];
        let mut b = 0x09;
        while b <= 0x0D {
            table[b] = true;
            b += 1;
        }
        table[0x20] = true;
        table[0xC2] = true;
        table[0xE1] = true;
        table[0xE2] = true;
        table[0xE3] = true;
        table
    }
    static MARKED: [bool; 256] = marks();
    let bytes = text.as_bytes();
    let (mut i, mut word_start) = (0, 0);
    // Bytes before `checked_to` are looked at one by one.
    let mut checked_to = 0;
    while i < bytes.len() {
        // Sixteen bytes where nothing below would act are skipped at once (a
        // branch-free test the compiler vectorises): runs of Han characters
        // and CJK punctuation, and words with single spaces between them.
        if i >= checked_to {
            let window = i.checked_sub(1).and_then(|before| bytes.get(before..i + 18));
            match window.and_then(|w| <&[u8; 19]>::try_from(w).ok()) {
                Some(w) if !(0..16).fold(false, |any, k| any | acts_at(w[k], w[k + 1], w[k + 2], w[k + 3])) => {
                    i += 16;
                    continue;
                }
                Some(_) => checked_to = i + 16,
                None if i == 0 => checked_to = 16,
                None => checked_to = bytes.len(),
            }
        }
        let b = bytes[i];
        if !MARKED[usize::from(b)] {
            i += 1;
            continue;
        }
        // One ASCII space between two words stays as it is, inside the run
        // copied at once: most spaces of Latin-script text.
        if b == b' ' && word_start < i && bytes.get(i + 1).is_some_and(|&next| !MARKED[usize::from(next)]) {
            i += 1;
            continue;
        }
        let space_len = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (0x09..=0x0D | 0x20, ..) => 1,
            (0xC2, Some(0x85 | 0xA0), _) => 2,
            (0xE1, Some(0x9A), Some(0x80)) => 3,
            (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => 3,
            (0xE2, Some(0x81), Some(0x9F)) => 3,
            (0xE3, Some(0x80), Some(0x80)) => 3,
            _ => 0,
        };
        if space_len == 0 {
            i += 1;
            continue;
        }
        if word_start < i {
            out.extend_from_slice(&bytes[word_start..i]);
            out.push(b' ');
        }
        i += space_len;
        word_start = i;
    }
    if word_start < bytes.len() {
        out.extend_from_slice(&bytes[word_start..]);
        out.push(b' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSON record's language and script come from the counts made while
    /// its body's lines were measured, unless the repair changed the title or
    /// body: either way they are what a pass over the row's title and body
    /// gives, for every kind of text and for records the repair changes.
    #[test]
    fn json_records_get_the_language_and_script_of_their_text() {
        let config = Config::default();
        let clock = StageClock::default();
        let long_zh = "近日，有关部门发布了新的规定。".repeat(400);
        let records = [
            ("新规发布", "近日，有关部门发布了新的规定。\n\n　　第二段说明了实施的时间。"),
            ("新規發布", "近日，有關部門發布了新的規定，將分階段實施。"),
            ("", "The council met on Tuesday and voted to approve the budget for the year."),
            ("東京", "今日は東京で会議がありました。とても寒かったです。"),
            ("서울", "오늘 서울에서 회의가 열렸습니다. 날씨가 추웠습니다."),
            ("Москва", "Сегодня в Москве прошло заседание совета."),
            ("标题", long_zh.as_str()),
            // UTF-8 read as cp1252: Latin to the counts of the extractor,
            // Chinese once repaired.
            ("ä¸\u{ad}æ–‡æ ‡é¢˜", "ä¸\u{ad}æ–‡çš„æ–‡ç« å†…å®¹ï¼Œç¬¬ä¸€æ®µã€‚"),
            // UTF-8 read as GBK in the body only.
            ("通知", "鍙戝竷浜嗘柊鐨勮瀹氾紝浠婂ぉ寮€濮嬪疄鏂姐€?"),
            ("  空白  ", "\u{3000}\u{3000}段落一。\n\n\n\n  段落二。  \n\u{a0}\n段落三。"),
            ("数字", "2024年5月1日　12:00\n\n这是正文，没有别的内容。"),
        ];
        for (n, (title, body)) in records.iter().enumerate() {
            let json = serde_json::json!({"title": title, "content": body}).to_string();
            let record = Record {
                id: SourceId { path: "feed.jsonl".into(), member: None, record: Some(n as u64) },
                format: RecordFormat::Json,
                bytes: json.into_bytes(),
                charset: None,
                url: None,
                crawl_date: None,
            };
            let Outcome::Article(row) = process_record(&record, &config, "r", &clock) else {
                panic!("record {n} is no article");
            };
            let (lang, script) = detect_lang_and_script(row.title.as_deref(), &row.body);
            assert_eq!(
                (row.lang.as_str(), row.script.as_deref()),
                (lang, script.map(|s| s.code())),
                "record {n}: {title:?} / {:?}",
                row.body
            );
        }
    }

    #[test]
    fn paragraphs_are_what_split_at_blank_lines_gives() {
        let texts =
            ["", "a", "\n\n", "a\n\nb", "a\n\n\nb", "a\n\n\n\nb\n\n", "\n\n\n", "中文\n\n段落\n", "x\ny\n\n\n\n\nz"];
        for text in texts {
            assert_eq!(paragraphs(text).collect::<Vec<_>>(), text.split("\n\n").collect::<Vec<_>>(), "{text:?}");
        }
    }

    /// The one-buffer hash is the hash of the pieces fed one by one, as ids
    /// were made before (they must not change between versions), for every
    /// shape of id and documents across BLAKE3's chunk and block sizes.
    #[test]
    fn doc_ids_are_the_hash_of_the_pieces_in_order() {
        fn by_pieces(id: &SourceId, bytes: &[u8]) -> String {
            let mut hasher = blake3::Hasher::new();
            hasher.update(id.path.as_bytes());
            hasher.update(&[0]);
            hasher.update(id.member.as_deref().unwrap_or_default().as_bytes());
            hasher.update(&[0]);
            if let Some(record) = id.record {
                hasher.update(&record.to_le_bytes());
            }
            hasher.update(&[0]);
            hasher.update(bytes);
            hex_prefix(hasher.finalize())
        }
        let ids = [
            SourceId::file("data/a.txt"),
            SourceId { path: "dump.zip".into(), member: Some("x/中文.txt".into()), record: None },
            SourceId { path: "feed.jsonl.gz".into(), member: None, record: Some(0) },
            SourceId { path: "w.tar".into(), member: Some("m.jsonl".into()), record: Some(u64::MAX) },
            SourceId::file(""),
        ];
        let data: Vec<u8> = (0..9000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
        for id in &ids {
            for len in [0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 3500, 4096, 8999] {
                assert_eq!(doc_id(id, &data[..len]), by_pieces(id, &data[..len]), "{id:?} {len}");
            }
        }
    }

    #[test]
    fn whitespace_folds_as_split_whitespace_does() {
        let spaces: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        let mut samples = vec![String::new(), " ".into(), "a".into(), "中文。 “引号”\u{3000}全角　空格".into()];
        // Single spaces between words, next to other whitespace and at the ends.
        for text in
            ["a b", "a b c", " a b ", "a  b", "a b\u{2000}c", "a \u{a0}b", "a b\n\nc d", "ab cd\u{3000}", "x y "]
        {
            samples.push(text.into());
        }
        // Every whitespace character and its look-alikes (`\u{200B}` is E2 80 8B,
        // `\u{2060}` E2 81 A0), single and double spaces beside every kind of
        // neighbour, at every offset from the sixteen-byte chunks.
        let pieces = [
            " ", "  ", "a", "Zz", ",", "~", "中", "。", "、", "“", "”", "—", "…", "\u{200B}", "\u{2060}", "\u{2010}",
            "\u{1681}", "\u{A1}", "\u{84}", "\u{7F}", "\u{1F}", "é", "😀",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for _ in 0..20_000 {
            let text: String = (0..next() % 60)
                .map(|_| match next() % 8 {
                    0 => spaces[next() % spaces.len()].to_string(),
                    _ => pieces[next() % pieces.len()].to_string(),
                })
                .collect();
            samples.push(text);
        }
        // Runs of 16 and more bytes without a mark, skipped a chunk at a time.
        let long = "中文字符测试中文字符测试abcdefghijklmnopqrstu";
        for &space in &spaces {
            samples.push(format!("{space}词{space}{space}word{space}"));
            samples.push(format!("{long}{space}{long}{space}{space}x{long}"));
            samples.push(format!("x{space}\u{2000}\u{200B}\u{2030}\u{3001}\u{1681}\u{85}y"));
        }
        for s in samples {
            let mut expected = Vec::new();
            for word in s.split_whitespace() {
                expected.extend_from_slice(word.as_bytes());
                expected.push(b' ');
            }
            let mut got = Vec::new();
            fold_whitespace(&s, &mut got);
            assert_eq!(got, expected, "{s:?}");
        }
    }

    #[test]
    fn content_hash_folds_whitespace_and_is_stable() {
        let a = content_hash(Some("大桥 重新开放"), "The old  bridge\nreopened.\n\n第二段。");
        let b = content_hash(Some(" 大桥\t重新开放 "), "The old bridge reopened. 第二段。");
        assert_eq!(a, b);
        assert_ne!(a, content_hash(Some("大桥重新开放"), "The old bridge reopened. 第二段。"));
        assert_ne!(a, content_hash(None, "大桥 重新开放 The old bridge reopened. 第二段。"));
        // The value is stored in the ledger and the tables: it must not change.
        assert_eq!(a, "b52c94c59292ddb63981cf704a231f06");
    }
}
