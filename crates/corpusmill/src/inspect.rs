//! `corpusmill inspect`: every row an output directory holds for a document,
//! found by its `doc_id`, `content_hash` or source path, with whether a later
//! run superseded it. For an operator asking "what became of this file?".

use std::fmt::Write as _;
use std::path::Path;

use arrow_array::{Array, Date32Array, ListArray, StringArray, StructArray, UInt64Array};
use corpusmill_store::{
    articles_schema, check_settled, is_output_dir, rejects_schema, scan_table, string_column, StoreError, Superseded,
};
use serde_json::{Map, Value};

/// A row as (column, value) pairs, in the table's column order.
pub type Row = Vec<(String, Value)>;

/// How much of `body` the text output shows (the JSON output has all of it).
const BODY_PREVIEW_CHARS: usize = 200;

/// Why `inspect` could not look.
#[derive(Debug)]
pub enum InspectError {
    NotAnOutput(std::path::PathBuf),
    Store(StoreError),
}

impl std::fmt::Display for InspectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InspectError::NotAnOutput(dir) => write!(
                f,
                "{} is not a corpusmill output directory (no {} or {})",
                dir.display(),
                corpusmill_store::LEDGER_FILE,
                corpusmill_store::MERGE_FILE
            ),
            InspectError::Store(err) => err.fmt(f),
        }
    }
}

impl From<StoreError> for InspectError {
    fn from(err: StoreError) -> Self {
        InspectError::Store(err)
    }
}

/// The rows of `articles` and `rejects` in `out_dir` that `key` names: its
/// `doc_id`, `content_hash` or `duplicate_of` (so a document's copies come
/// with it), or its `source_path` (all documents of a file or archive). Each
/// row is `table`, its columns in the table's order, and `superseded_by`
/// (null for a current row).
pub fn find(out_dir: &Path, key: &str) -> Result<Vec<Row>, InspectError> {
    if !is_output_dir(out_dir) {
        return Err(InspectError::NotAnOutput(out_dir.to_path_buf()));
    }
    let settled = check_settled(out_dir)?;
    let superseded = Superseded::read(out_dir)?;
    let mut found = Vec::new();
    let tables = [
        ("articles", articles_schema(), &["doc_id", "content_hash", "duplicate_of", "source_path"][..]),
        ("rejects", rejects_schema(), &["source_path"][..]),
    ];
    for (table, schema, keys) in tables {
        let columns: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        scan_table(out_dir, table, &columns, |batch| {
            let key_columns: Vec<&StringArray> = keys.iter().filter_map(|k| string_column(batch, k)).collect();
            for row in 0..batch.num_rows() {
                if !key_columns.iter().any(|c| c.is_valid(row) && c.value(row) == key) {
                    continue;
                }
                let mut cells: Row = vec![("table".into(), Value::from(table))];
                for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
                    cells.push((field.name().clone(), cell(column.as_ref(), row)));
                }
                let source = |name: &str| {
                    let value = cells.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_str());
                    value.unwrap_or_default().to_owned()
                };
                let by = superseded.superseded_by(&source("source_path"), &source("run_id"));
                cells.push(("superseded_by".into(), by.map_or(Value::Null, Value::from)));
                found.push(cells);
            }
        })?;
    }
    settled.unchanged(out_dir)?;
    Ok(found)
}

/// One cell as JSON: strings, numbers, dates as `YYYY-MM-DD`, and the
/// `repairs` list as `{kind: count}`.
fn cell(column: &dyn Array, row: usize) -> Value {
    if column.is_null(row) {
        return Value::Null;
    }
    let any = column.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Value::from(a.value(row));
    }
    if let Some(a) = any.downcast_ref::<UInt64Array>() {
        return Value::from(a.value(row));
    }
    if let Some(a) = any.downcast_ref::<Date32Array>() {
        return a.value_as_date(row).map_or(Value::Null, |d| Value::from(d.to_string()));
    }
    if let Some(a) = any.downcast_ref::<ListArray>() {
        let items = a.value(row);
        let mut repairs = Map::new();
        if let Some(items) = items.as_any().downcast_ref::<StructArray>() {
            let kinds = items.column_by_name("kind").and_then(|c| c.as_any().downcast_ref::<StringArray>());
            let counts = items.column_by_name("count").and_then(|c| c.as_any().downcast_ref::<UInt64Array>());
            if let (Some(kinds), Some(counts)) = (kinds, counts) {
                for i in 0..items.len() {
                    repairs.insert(kinds.value(i).to_owned(), Value::from(counts.value(i)));
                }
            }
        }
        return Value::Object(repairs);
    }
    Value::String(format!("<{}>", column.data_type()))
}

/// A row as one JSON object, its keys in column order.
pub fn to_json(row: &Row) -> String {
    let fields: Vec<String> =
        row.iter().map(|(name, value)| format!("{}:{value}", Value::from(name.as_str()))).collect();
    format!("{{{}}}", fields.join(","))
}

/// `text` safe to print on a terminal: line breaks as `⏎`, and control and
/// bidirectional-override characters (which could move the cursor, clear
/// the screen or reorder what follows) as `\u{..}` escapes.
fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => shown.push('⏎'),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                ) =>
            {
                let _ = write!(shown, "\\u{{{:x}}}", c as u32);
            }
            c => shown.push(c),
        }
    }
    shown
}

/// The rows as people read them: one block each, the body cut short.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let text = |name: &str| match row.iter().find(|(n, _)| n == name).map(|(_, v)| v) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        };
        let state = match text("superseded_by") {
            Some(by) => format!("superseded by run {by}"),
            None => "current".to_owned(),
        };
        let table = text("table").unwrap_or_default();
        let _ = writeln!(out, "{} ({state}, run {})", table.trim_end_matches('s'), text("run_id").unwrap_or_default());
        for (name, value) in row {
            if matches!(name.as_str(), "table" | "superseded_by" | "run_id") || value.is_null() {
                continue;
            }
            let mut shown = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if name == "body" && shown.chars().count() > BODY_PREVIEW_CHARS {
                let cut: String = shown.chars().take(BODY_PREVIEW_CHARS).collect();
                shown = format!("{cut}… ({} characters)", shown.chars().count());
            }
            let _ = writeln!(out, "  {name:<16} {}", visible(&shown));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn what_could_drive_a_terminal_is_shown_escaped() {
        assert_eq!(visible("a\nb"), "a⏎b");
        assert_eq!(visible("x\u{1b}[2Jy\u{7}"), "x\\u{1b}[2Jy\\u{7}");
        assert_eq!(visible("\u{202e}abc\u{85}"), "\\u{202e}abc\\u{85}");
        assert_eq!(visible("中文　全角，標點"), "中文　全角，標點");
    }
}
