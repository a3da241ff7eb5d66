//! The two tables' rows and their Arrow schemas.

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{ArrayBuilder, Date32Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};

/// A table row type: its schema and how a slice of rows becomes a batch.
pub trait Row: Send + 'static {
    /// Name of the table, also its folder under the output directory.
    const TABLE: &'static str;
    fn schema() -> SchemaRef;
    fn to_batch(rows: &[Self]) -> Result<RecordBatch, ArrowError>
    where
        Self: Sized;
    /// A rough size in bytes, for sizing row groups and memory.
    fn approx_bytes(&self) -> usize;
}

/// One article: the repaired, extracted document and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub doc_id: String,
    pub source_path: String,
    pub source_member: Option<String>,
    /// Ordinal (from 1) of the record inside a JSON Lines file, JSON array or WARC.
    pub source_record: Option<u64>,
    pub source_bytes: u64,
    /// The record format: `text`, `html` or `json`.
    pub format: String,
    pub encoding: String,
    pub encoding_source: String,
    pub title: Option<String>,
    /// Days since 1970-01-01 (Arrow `date32`).
    pub published_date: Option<i32>,
    pub author: Option<String>,
    pub source_name: Option<String>,
    pub url: Option<String>,
    /// When the page was fetched, if the container says (WARC-Date): days since 1970-01-01.
    pub crawl_date: Option<i32>,
    pub lang: String,
    pub script: Option<String>,
    /// Body paragraphs joined by a blank line.
    pub body: String,
    pub summary: Option<String>,
    /// Unicode scalar values in `body`.
    pub char_count: u64,
    /// `(kind, count)` for every repair applied to the document.
    pub repairs: Vec<(String, u64)>,
    pub content_hash: String,
    /// The doc_id of the first article ever committed to this output with the
    /// same content hash, when this one is a duplicate of it.
    pub duplicate_of: Option<String>,
    pub run_id: String,
}

/// Rows of an earlier run that no longer count: the input changed and was
/// ingested again. Readers drop articles and rejects whose
/// `(source_path, run_id)` appears here.
#[derive(Debug, Clone, PartialEq)]
pub struct SupersededRow {
    pub source_path: String,
    /// The run whose rows for `source_path` are superseded.
    pub run_id: String,
    /// The run that ingested the new version.
    pub superseded_by: String,
}

/// One input (file, member or record) that did not become an article.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectRow {
    pub source_path: String,
    pub source_member: Option<String>,
    pub source_record: Option<u64>,
    /// The pipeline stage that refused it: `discover`, `read`, `decode`, `extract`.
    pub stage: String,
    /// A stable reason code (`empty`, `binary`, `too_large`, …).
    pub reason: String,
    /// A human-readable explanation.
    pub detail: String,
    pub source_bytes: Option<u64>,
    pub run_id: String,
}

fn repairs_item_fields() -> Fields {
    Fields::from(vec![Field::new("kind", DataType::Utf8, false), Field::new("count", DataType::UInt64, false)])
}

fn repairs_item_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(repairs_item_fields()), false))
}

static ARTICLES_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("doc_id", false),
        text("source_path", false),
        text("source_member", true),
        Field::new("source_record", DataType::UInt64, true),
        Field::new("source_bytes", DataType::UInt64, false),
        text("format", false),
        text("encoding", false),
        text("encoding_source", false),
        text("title", true),
        Field::new("published_date", DataType::Date32, true),
        text("author", true),
        text("source_name", true),
        text("url", true),
        Field::new("crawl_date", DataType::Date32, true),
        text("lang", false),
        text("script", true),
        text("body", false),
        text("summary", true),
        Field::new("char_count", DataType::UInt64, false),
        Field::new("repairs", DataType::List(repairs_item_field()), false),
        text("content_hash", false),
        text("duplicate_of", true),
        text("run_id", false),
    ]))
});

static SUPERSEDED_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("source_path", DataType::Utf8, false),
        Field::new("run_id", DataType::Utf8, false),
        Field::new("superseded_by", DataType::Utf8, false),
    ]))
});

pub fn superseded_schema() -> SchemaRef {
    SUPERSEDED_SCHEMA.clone()
}

static REJECTS_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("source_path", DataType::Utf8, false),
        Field::new("source_member", DataType::Utf8, true),
        Field::new("source_record", DataType::UInt64, true),
        Field::new("stage", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("detail", DataType::Utf8, false),
        Field::new("source_bytes", DataType::UInt64, true),
        Field::new("run_id", DataType::Utf8, false),
    ]))
});

pub fn articles_schema() -> SchemaRef {
    ARTICLES_SCHEMA.clone()
}

pub fn rejects_schema() -> SchemaRef {
    REJECTS_SCHEMA.clone()
}

/// A string column. Its bytes are summed first so the builder allocates them
/// once: grown by doubling, the body column of a row group was copied about
/// twice over (1–2% of a clean ingest in `memmove`).
fn strings<'a, T: 'a>(rows: &'a [T], get: impl Fn(&'a T) -> Option<&'a str>) -> ArrayRef {
    let bytes = rows.iter().filter_map(&get).map(str::len).sum();
    let mut b = StringBuilder::with_capacity(rows.len(), bytes);
    for row in rows {
        b.append_option(get(row));
    }
    Arc::new(b.finish())
}

fn u64s<T>(rows: &[T], get: impl Fn(&T) -> Option<u64>) -> ArrayRef {
    let mut b = UInt64Builder::with_capacity(rows.len());
    for row in rows {
        b.append_option(get(row));
    }
    Arc::new(b.finish())
}

fn repairs_array(rows: &[ArticleRow]) -> Result<ArrayRef, ArrowError> {
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0i32);
    let mut kinds = StringBuilder::new();
    let mut counts = UInt64Builder::new();
    for row in rows {
        for (kind, count) in &row.repairs {
            kinds.append_value(kind);
            counts.append_value(*count);
        }
        let len = i32::try_from(kinds.len()).map_err(|_| ArrowError::ComputeError("too many repairs".into()))?;
        offsets.push(len);
    }
    let items = StructArray::try_new(
        repairs_item_fields(),
        vec![Arc::new(kinds.finish()) as ArrayRef, Arc::new(counts.finish())],
        None,
    )?;
    let list = ListArray::try_new(
        repairs_item_field(),
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Arc::new(items),
        None,
    )?;
    Ok(Arc::new(list))
}

fn dates<T>(rows: &[T], get: impl Fn(&T) -> Option<i32>) -> ArrayRef {
    let mut b = Date32Builder::with_capacity(rows.len());
    for row in rows {
        b.append_option(get(row));
    }
    Arc::new(b.finish())
}

impl Row for ArticleRow {
    const TABLE: &'static str = "articles";

    fn schema() -> SchemaRef {
        articles_schema()
    }

    fn to_batch(rows: &[Self]) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            strings(rows, |r| Some(&r.doc_id)),
            strings(rows, |r| Some(&r.source_path)),
            strings(rows, |r| r.source_member.as_deref()),
            u64s(rows, |r| r.source_record),
            u64s(rows, |r| Some(r.source_bytes)),
            strings(rows, |r| Some(&r.format)),
            strings(rows, |r| Some(&r.encoding)),
            strings(rows, |r| Some(&r.encoding_source)),
            strings(rows, |r| r.title.as_deref()),
            dates(rows, |r| r.published_date),
            strings(rows, |r| r.author.as_deref()),
            strings(rows, |r| r.source_name.as_deref()),
            strings(rows, |r| r.url.as_deref()),
            dates(rows, |r| r.crawl_date),
            strings(rows, |r| Some(&r.lang)),
            strings(rows, |r| r.script.as_deref()),
            strings(rows, |r| Some(&r.body)),
            strings(rows, |r| r.summary.as_deref()),
            u64s(rows, |r| Some(r.char_count)),
            repairs_array(rows)?,
            strings(rows, |r| Some(&r.content_hash)),
            strings(rows, |r| r.duplicate_of.as_deref()),
            strings(rows, |r| Some(&r.run_id)),
        ];
        RecordBatch::try_new(articles_schema(), columns)
    }

    fn approx_bytes(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        200 + self.source_path.len()
            + self.body.len()
            + opt(&self.title)
            + opt(&self.summary)
            + opt(&self.author)
            + opt(&self.url)
            + self.repairs.len() * 24
    }
}

impl Row for RejectRow {
    const TABLE: &'static str = "rejects";

    fn schema() -> SchemaRef {
        rejects_schema()
    }

    fn to_batch(rows: &[Self]) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            strings(rows, |r| Some(&r.source_path)),
            strings(rows, |r| r.source_member.as_deref()),
            u64s(rows, |r| r.source_record),
            strings(rows, |r| Some(&r.stage)),
            strings(rows, |r| Some(&r.reason)),
            strings(rows, |r| Some(&r.detail)),
            u64s(rows, |r| r.source_bytes),
            strings(rows, |r| Some(&r.run_id)),
        ];
        RecordBatch::try_new(rejects_schema(), columns)
    }

    fn approx_bytes(&self) -> usize {
        100 + self.source_path.len() + self.detail.len()
    }
}

impl Row for SupersededRow {
    const TABLE: &'static str = "superseded";

    fn schema() -> SchemaRef {
        superseded_schema()
    }

    fn to_batch(rows: &[Self]) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            strings(rows, |r| Some(&r.source_path)),
            strings(rows, |r| Some(&r.run_id)),
            strings(rows, |r| Some(&r.superseded_by)),
        ];
        RecordBatch::try_new(superseded_schema(), columns)
    }

    fn approx_bytes(&self) -> usize {
        64 + self.source_path.len()
    }
}
