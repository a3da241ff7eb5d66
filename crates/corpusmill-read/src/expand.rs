//! Turning one discovered file into the documents it holds.
//!
//! A file may be a document itself (a text dump, an HTML page, a JSON object),
//! a stream of documents (JSON Lines, WARC, a JSON array), a compressed stream
//! or an archive whose members are any of these, to a configurable depth.
//! [`expand`] walks all of it as a stream — never inflating an archive in
//! memory — and hands every document to the caller as a [`Record`], and
//! everything that cannot be read as an [`Item::Rejected`] with a stable reason.
//! Member names are provenance only: nothing here writes files.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek};
use std::rc::Rc;

use crate::fingerprint::{fingerprint, Fingerprinter};
use crate::sniff::{sniff, strip_compression_extension, Compression, Kind, SNIFF_BYTES};
use crate::warc::{self, HttpError, WarcError};
use crate::{bytes_key, Input, SourceId};

/// Bounds that keep hostile or broken input from exhausting memory or time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest single document held in memory: a text dump, HTML page, JSON
    /// document or line, WARC record or archive member.
    pub max_record_bytes: u64,
    /// Most bytes inflated out of one input file, over all its layers.
    pub max_inflated_bytes: u64,
    /// Most inflated bytes per byte of the input file (zip bombs).
    pub max_inflation_ratio: u64,
    /// Most container layers (compression or archive) around a document.
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_record_bytes: 256 << 20, max_inflated_bytes: 64 << 30, max_inflation_ratio: 200, max_depth: 4 }
    }
}

/// The record format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// A plain-text article dump.
    Text,
    /// An HTML page.
    Html,
    /// One JSON value (an object, normally), as UTF-8 JSON text.
    Json,
}

/// One document and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: SourceId,
    pub format: RecordFormat,
    pub bytes: Vec<u8>,
    /// A charset declared by the container (an HTTP `Content-Type` header).
    pub charset: Option<String>,
    /// The URL the container names for the document (`WARC-Target-URI`).
    pub url: Option<String>,
    /// When the container says the document was fetched (`WARC-Date`).
    pub crawl_date: Option<String>,
}

/// Why a document, or the rest of a stream, could not be read.
#[derive(Debug)]
pub enum RecordError {
    Unreadable(io::Error),
    TooLarge {
        size: u64,
        limit: u64,
    },
    Unsupported(&'static str),
    /// A compressed stream or archive is corrupt or truncated; what was read
    /// before the damage has been handed on already.
    Corrupt(String),
    Encrypted,
    TooDeep {
        limit: u32,
    },
    InflatedTooMuch {
        limit: u64,
    },
    InflationRatio {
        limit: u64,
    },
    MalformedJson(String),
    HttpStatus(u16),
    NotHtml(String),
    /// A container read to its end that held nothing to hand on: an empty
    /// zip or JSON array, an archive of directories only, a WARC without
    /// responses. `skipped` counts its records that are not documents.
    NoDocuments {
        what: &'static str,
        skipped: u64,
    },
    /// A zip whose central directory names two members alike: the zip
    /// reader keeps the last of each name, so the others cannot be read.
    DuplicateMembers,
}

impl RecordError {
    /// A stable reason code for the rejects table.
    pub fn reason(&self) -> &'static str {
        match self {
            RecordError::Unreadable(_) => "unreadable",
            RecordError::TooLarge { .. } => "too_large",
            RecordError::Unsupported(_) => "unsupported_format",
            RecordError::Corrupt(_) => "corrupt_stream",
            RecordError::Encrypted => "encrypted",
            RecordError::TooDeep { .. } => "nesting_too_deep",
            RecordError::InflatedTooMuch { .. } => "inflated_too_large",
            RecordError::InflationRatio { .. } => "inflation_ratio",
            RecordError::MalformedJson(_) => "malformed_json",
            RecordError::HttpStatus(_) => "http_status",
            RecordError::NotHtml(_) => "not_html",
            RecordError::NoDocuments { .. } => "no_documents",
            RecordError::DuplicateMembers => "duplicate_members",
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Unreadable(err) => write!(f, "cannot read: {err}"),
            RecordError::TooLarge { size, limit } => {
                write!(f, "{size} bytes, over the {limit}-byte limit for one document")
            }
            RecordError::Unsupported(what) => write!(f, "{what} is not a format corpusmill reads"),
            RecordError::Corrupt(detail) => write!(f, "corrupt or truncated: {detail}; later content is lost"),
            RecordError::Encrypted => write!(f, "encrypted archive member"),
            RecordError::TooDeep { limit } => write!(f, "nested more than {limit} containers deep"),
            RecordError::InflatedTooMuch { limit } => {
                write!(f, "inflates to more than {limit} bytes; reading stopped there")
            }
            RecordError::InflationRatio { limit } => {
                write!(f, "inflates more than {limit}x its size on disk (a zip bomb?); reading stopped")
            }
            RecordError::MalformedJson(detail) => write!(f, "malformed JSON: {detail}"),
            RecordError::HttpStatus(status) => write!(f, "HTTP status {status}, not 200"),
            RecordError::NotHtml(content_type) => write!(f, "content type {content_type:?} is not HTML"),
            RecordError::NoDocuments { what, skipped: 0 } => write!(f, "{what} holds no documents"),
            RecordError::DuplicateMembers => {
                f.write_str("members share a name in the zip directory; only the last member of each name was read")
            }
            RecordError::NoDocuments { what, skipped: 1 } => {
                write!(f, "{what} holds no documents (1 record that is not a document skipped)")
            }
            RecordError::NoDocuments { what, skipped } => {
                write!(f, "{what} holds no documents ({skipped} records that are not documents skipped)")
            }
        }
    }
}

impl std::error::Error for RecordError {}

/// What [`expand`] hands to its caller, in stream order.
#[derive(Debug)]
pub enum Item {
    Record(Record),
    Rejected {
        id: SourceId,
        error: RecordError,
        bytes: Option<u64>,
    },
    /// A record that is not a document (a WARC `request` or `warcinfo`, an
    /// archive member that is a link or a device): counted in the run
    /// report, not a reject.
    Skipped {
        what: &'static str,
    },
}

/// How reading an input went, beyond the items it gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// The [`fingerprint`](crate::fingerprint) of the file's bytes when
    /// reading went through the whole file front to back (so the ledger can
    /// tell a touched file from a changed one without a second read).
    pub content_hash: Option<String>,
    /// The file itself could not be opened or read to the end (permissions,
    /// an I/O error): unlike damaged content, that may pass, so the input is
    /// worth reading again on the next run. Its reject has been emitted.
    pub read_failed: bool,
}

/// How much of an input [`open_ahead`] asks the kernel to fetch: all of a
/// small file, the head of a large one, whose sequential reads the kernel's
/// own read-ahead then follows.
const OPEN_AHEAD_BYTES: u64 = 1 << 20;

/// Files smaller than this that the page cache holds whole are read by
/// [`open_ahead`] at once: a window of them stays under
/// `OPEN_AHEAD × 256 KiB` of memory.
const READ_AHEAD_BYTES: u64 = 256 << 10;

/// An input file opened by [`open_ahead`], with its bytes when they were
/// read at once.
#[derive(Debug)]
pub struct Opened {
    file: File,
    /// The whole file, read from the page cache when it was opened.
    whole: Option<Vec<u8>>,
}

impl From<File> for Opened {
    fn from(file: File) -> Self {
        Opened { file, whole: None }
    }
}

/// Opens an input that will be read soon and asks the kernel to start
/// fetching its bytes. With a cold page cache, reading one file at a time
/// waits on the disk once per file; opening a window of inputs ahead keeps
/// several reads in flight while earlier inputs are expanded. A small file
/// already in the page cache is read at once instead: one system call in
/// place of the advice and the later read.
pub fn open_ahead(input: &Input) -> io::Result<Opened> {
    let file = File::open(&input.fs_path)?;
    if input.size < READ_AHEAD_BYTES {
        if let Some(whole) = read_if_cached(&file, input.size) {
            return Ok(Opened { file, whole: Some(whole) });
        }
    }
    advise_will_need(&file, input.size.min(OPEN_AHEAD_BYTES));
    Ok(Opened::from(file))
}

/// The bytes of a file found with `size` bytes, when the page cache holds
/// all of them: `preadv2` with `RWF_NOWAIT` answers from the cache or not at
/// all. Asking for one byte more than `size` and getting `size` bytes means
/// the end of the file was met (as in [`read_whole`]), unless `size` ends a
/// page: a read without waiting also stops short before a page not cached,
/// and a file that grew since it was found may have its new bytes there. So
/// such sizes are read at their turn. `None` when some bytes are not cached
/// (the read then starts the disk, and the file is read at its turn), the
/// size changed, or the kernel or filesystem cannot do it.
#[cfg(target_os = "linux")]
fn read_if_cached(file: &File, size: u64) -> Option<Vec<u8>> {
    // Pages are 4 KiB or a multiple of it: a size that ends no 4 KiB block
    // ends no page.
    if size > 0 && size.is_multiple_of(4096) {
        return None;
    }
    let want = usize::try_from(size).ok()?.checked_add(1)?;
    let mut buf = vec![0; want];
    let read = loop {
        let mut slices = [io::IoSliceMut::new(&mut buf)];
        match rustix::io::preadv2(file, &mut slices, 0, rustix::io::ReadWriteFlags::NOWAIT) {
            Ok(read) => break read,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
    };
    if read as u64 != size {
        return None;
    }
    buf.truncate(read);
    Some(buf)
}

#[cfg(not(target_os = "linux"))]
fn read_if_cached(_file: &File, _size: u64) -> Option<Vec<u8>> {
    None
}

/// `posix_fadvise(WILLNEED)`: advice only, so a filesystem that refuses it
/// is read as before and its error changes nothing.
#[cfg(target_os = "linux")]
fn advise_will_need(file: &File, len: u64) {
    let len = std::num::NonZeroU64::new(len);
    let _advice_only = rustix::fs::fadvise(file, 0, len, rustix::fs::Advice::WillNeed);
}

#[cfg(not(target_os = "linux"))]
fn advise_will_need(_file: &File, _len: u64) {}

/// Files smaller than this are read whole in one call: hashed in one pass,
/// and a text or HTML document handed on without being copied again.
const WHOLE_FILE_BYTES: u64 = OPEN_AHEAD_BYTES;

/// Expands one discovered file into its documents, calling `emit` for each
/// record, reject and skip, in order. Never panics on bad input.
pub fn expand(input: &Input, limits: &Limits, emit: &mut dyn FnMut(Item)) -> Expanded {
    expand_opened(input, File::open(&input.fs_path).map(Opened::from), limits, emit)
}

/// [`expand`] of an input already opened (by [`open_ahead`]); `opened` is the
/// result of opening it, whose error becomes the input's reject.
pub fn expand_opened(
    input: &Input,
    opened: io::Result<Opened>,
    limits: &Limits,
    emit: &mut dyn FnMut(Item),
) -> Expanded {
    expand_with(input, opened, limits, WHOLE_FILE_BYTES, emit)
}

/// [`expand_opened`], reading files smaller than `whole_below` whole.
fn expand_with(
    input: &Input,
    opened: io::Result<Opened>,
    limits: &Limits,
    whole_below: u64,
    emit: &mut dyn FnMut(Item),
) -> Expanded {
    let mut walker = Walker {
        read_failed: false,
        emitted: 0,
        skipped: 0,
        limits,
        inflated: Rc::new(Cell::new(0)),
        inflate_limit: limits
            .max_inflated_bytes
            .min(input.size.saturating_mul(limits.max_inflation_ratio).max(1 << 20)),
        input,
        top_file: None,
        emit,
    };
    let Opened { mut file, whole } = match opened {
        Ok(opened) => opened,
        Err(err) => {
            walker.reject(&input.id, RecordError::Unreadable(err), Some(input.size));
            return Expanded { content_hash: None, read_failed: true };
        }
    };
    let name = input.fs_path.to_string_lossy().into_owned();
    if let Some(whole) = whole {
        if (whole.len() as u64) < whole_below {
            return walker.whole_file(whole, &name);
        }
    }
    let mut head = Vec::new();
    if input.size < whole_below {
        if let Err(err) = read_whole(&mut file, input.size, whole_below, &mut head) {
            walker.reject(&input.id, RecordError::Unreadable(err), None);
            return Expanded { content_hash: None, read_failed: true };
        }
        if (head.len() as u64) < whole_below {
            return walker.whole_file(head, &name);
        }
        // The file grew since it was found: the rest streams after what was read.
    }
    let hash = Rc::new(HashState {
        hasher: RefCell::new(Fingerprinter::new()),
        at_eof: Cell::new(false),
        failed: Cell::new(false),
    });
    hash.hasher.borrow_mut().update(&head);
    walker.top_file = file.try_clone().ok();
    let hashing = Hashing { inner: file, state: Rc::clone(&hash) };
    let reader = Cursor::new(head).chain(BufReader::with_capacity(64 << 10, hashing));
    walker.stream(Box::new(reader), &input.id, &name, 0, true);
    let read_failed = walker.read_failed || hash.failed.get();
    let content_hash = (hash.at_eof.get() && !read_failed).then(|| hash.hasher.borrow().finish());
    Expanded { content_hash, read_failed }
}

/// Reads a file found with `size` bytes into `buf`, up to `limit` bytes
/// (more than `size`). A single `read` asking for one byte more than `size`
/// that returns `size` bytes has met the end of the file, so the second
/// `read` that `read_to_end` makes to see the end is left out: one system
/// call of the six each small file costs. A file that grew or shrank since it
/// was found, or a short read, is read on to the end as before. (A file
/// growing while it is read, on a filesystem that answers with a short read
/// of exactly the old size — FUSE, NFS; local files never do — is read to
/// that size; its new size and mtime make the next run read it again.)
fn read_whole(file: &mut File, size: u64, limit: u64, buf: &mut Vec<u8>) -> io::Result<()> {
    let want = usize::try_from(size.saturating_add(1).min(limit)).unwrap_or(0);
    buf.clear();
    buf.resize(want, 0);
    let read = loop {
        match file.read(buf) {
            Ok(n) => break n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => {
                buf.clear();
                return Err(err);
            }
        }
    };
    buf.truncate(read);
    if read < want && read as u64 == size {
        return Ok(());
    }
    file.take(limit.saturating_sub(read as u64)).read_to_end(buf).map(|_| ())
}

/// The running hash of the input file's bytes, whether the end was reached,
/// and whether reading the file failed.
struct HashState {
    hasher: RefCell<Fingerprinter>,
    at_eof: Cell<bool>,
    failed: Cell<bool>,
}

/// Hashes the bytes of the input file as they are read.
struct Hashing<R> {
    inner: R,
    state: Rc<HashState>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).inspect_err(|err| {
            if err.kind() != io::ErrorKind::Interrupted {
                self.state.failed.set(true);
            }
        })?;
        if n == 0 && !buf.is_empty() {
            self.state.at_eof.set(true);
        }
        self.state.hasher.borrow_mut().update(&buf[..n]);
        Ok(n)
    }
}

struct Walker<'a> {
    /// An [`RecordError::Unreadable`] was emitted.
    read_failed: bool,
    /// Records and rejects emitted so far, and records skipped: a container
    /// that adds to neither of the first two is rejected as holding no
    /// documents, so that every input and member is accounted for.
    emitted: u64,
    skipped: u64,
    limits: &'a Limits,
    /// Bytes produced by decompressors so far, shared with [`Counted`] readers.
    inflated: Rc<Cell<u64>>,
    inflate_limit: u64,
    input: &'a Input,
    /// A second handle on the input file, for a zip at the top (which needs
    /// random access): the file as opened, even if it was renamed or deleted
    /// since.
    top_file: Option<File>,
    emit: &'a mut dyn FnMut(Item),
}

/// Counts the bytes a decompressor yields and fails once the input's
/// inflation budget is spent.
struct Counted<R> {
    inner: R,
    total: Rc<Cell<u64>>,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.total.get() > self.limit {
            return Err(io::Error::other(BudgetSpent));
        }
        let n = self.inner.read(buf)?;
        self.total.set(self.total.get() + n as u64);
        if self.total.get() > self.limit {
            return Err(io::Error::other(BudgetSpent));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct BudgetSpent;

impl fmt::Display for BudgetSpent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("inflation budget spent")
    }
}

impl std::error::Error for BudgetSpent {}

fn child(parent: &SourceId, member: &str) -> SourceId {
    let member = match &parent.member {
        Some(outer) => format!("{outer}!{member}"),
        None => member.to_string(),
    };
    SourceId { path: parent.path.clone(), member: Some(member), record: None }
}

fn with_record(parent: &SourceId, ordinal: u64) -> SourceId {
    SourceId { record: Some(ordinal), ..parent.clone() }
}

/// A string this long, with spaces or beyond ASCII, is text of an article
/// (a body, a summary, a brief), not a wrapper's status field or the long
/// URL or token of its next page.
const ARTICLE_TEXT_CHARS: usize = 100;

/// The list of records a JSON object wraps, as API responses and dumps do
/// (`{"code": 0, "data": {"total": 2, "items": [{…}, {…}]}}`), taken out of
/// it: a list of objects at most two keys deep, at least one of which holds
/// article text, when that list is the only place in the object that holds
/// any (an article with a list of images or tags, or beside a list of
/// related articles, stays one record, and no text is dropped with the
/// wrapper).
pub(crate) fn wrapped_records(
    wrapper: &mut serde_json::Map<String, serde_json::Value>,
) -> Option<Vec<serde_json::Value>> {
    use serde_json::Value;
    let long_text = |value: &Value| {
        matches!(value, Value::String(s) if s.chars().count() >= ARTICLE_TEXT_CHARS
            && (!s.is_ascii() || s.contains(char::is_whitespace)))
    };
    let holds_text = |object: &serde_json::Map<String, Value>| object.values().any(long_text);
    // A list of objects, some with article text; `None` for any other list
    // (which, if it holds text at all, keeps the wrapper whole).
    let records = |items: &[Value]| {
        items.iter().all(Value::is_object) && items.iter().any(|item| item.as_object().is_some_and(&holds_text))
    };
    let any_text =
        |items: &[Value]| items.iter().any(|item| long_text(item) || item.as_object().is_some_and(&holds_text));
    if holds_text(wrapper) {
        return None;
    }
    // Every list that holds text, by (key, inner key); exactly one may.
    let mut lists: Vec<(String, Option<String>, bool)> = Vec::new();
    for (key, value) in wrapper.iter() {
        match value {
            Value::Array(items) if any_text(items) => lists.push((key.clone(), None, records(items))),
            Value::Object(inner) if holds_text(inner) => return None,
            Value::Object(inner) => {
                for (inner_key, value) in inner {
                    match value {
                        Value::Array(items) if any_text(items) => {
                            lists.push((key.clone(), Some(inner_key.clone()), records(items)))
                        }
                        Value::Object(deeper) if holds_text(deeper) => return None,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let [(key, inner, true)] = <[_; 1]>::try_from(lists).ok()? else { return None };
    let holder = wrapper.get_mut(&key)?;
    let list = match inner {
        Some(inner) => holder.as_object_mut()?.remove(&inner)?,
        None => holder.take(),
    };
    match list {
        Value::Array(items) => Some(items),
        _ => None,
    }
}

/// Reads up to `max + 1` bytes: more than `max` means the document is too large.
/// `expected` (the file's size, when the document is the whole file) sizes the
/// buffer once instead of growing and copying it.
fn read_bounded(reader: &mut dyn Read, max: u64, expected: Option<u64>) -> io::Result<Vec<u8>> {
    let capacity = expected.map_or(0, |size| size.min(max).saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader.take(max + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads until `buf` holds `want` bytes or the stream ends.
fn read_head(reader: &mut dyn Read, want: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0; want];
    let mut filled = 0;
    while filled < want {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    head.truncate(filled);
    Ok(head)
}

impl Walker<'_> {
    /// Expands an input file read whole into `bytes`. A single text or HTML
    /// document is the bytes themselves; anything else streams from memory
    /// as it would from the file.
    fn whole_file(&mut self, bytes: Vec<u8>, name: &str) -> Expanded {
        let input = self.input;
        let content_hash = fingerprint(&bytes);
        let kind = sniff(&bytes[..bytes.len().min(SNIFF_BYTES)], name);
        let format = match kind {
            Kind::Text => Some(RecordFormat::Text),
            Kind::Html => Some(RecordFormat::Html),
            _ => None,
        };
        let limit = self.limits.max_record_bytes;
        match format {
            // The limits `read_document` applies to a document at the top.
            Some(format) if input.size <= limit && bytes.len() as u64 <= limit => {
                self.record(input.id.clone(), format, bytes);
            }
            // A zip needs random access, and its bytes are here already.
            None if kind == Kind::Zip && self.limits.max_depth > 0 => {
                self.accounted(&input.id, "a zip archive", |walker| walker.zip(Cursor::new(bytes), &input.id, 1))
            }
            _ => self.stream(Box::new(Cursor::new(bytes)), &input.id, name, 0, true),
        }
        Expanded { content_hash: (!self.read_failed).then_some(content_hash), read_failed: self.read_failed }
    }

    fn emit(&mut self, item: Item) {
        match item {
            Item::Skipped { .. } => self.skipped += 1,
            _ => self.emitted += 1,
        }
        (self.emit)(item);
    }

    /// Runs `expand` over the container `id` (`what` it is) and rejects it
    /// as holding no documents when it emitted no record and no reject.
    fn accounted(&mut self, id: &SourceId, what: &'static str, expand: impl FnOnce(&mut Self)) {
        let (emitted, skipped) = (self.emitted, self.skipped);
        expand(self);
        if self.emitted == emitted {
            let skipped = self.skipped - skipped;
            self.reject(id, RecordError::NoDocuments { what, skipped }, None);
        }
    }

    fn reject(&mut self, id: &SourceId, error: RecordError, bytes: Option<u64>) {
        self.read_failed |= matches!(error, RecordError::Unreadable(_));
        self.emit(Item::Rejected { id: id.clone(), error, bytes });
    }

    /// Classifies an I/O error met inside a stream: a spent inflation budget
    /// or damage.
    fn stream_error(&self, err: &io::Error) -> RecordError {
        let budget =
            err.get_ref().is_some_and(|inner| inner.is::<BudgetSpent>()) || self.inflated.get() > self.inflate_limit;
        if budget {
            if self.inflate_limit >= self.limits.max_inflated_bytes {
                RecordError::InflatedTooMuch { limit: self.limits.max_inflated_bytes }
            } else {
                RecordError::InflationRatio { limit: self.limits.max_inflation_ratio }
            }
        } else {
            RecordError::Corrupt(err.to_string())
        }
    }

    fn counted<'r>(&self, inner: impl Read + 'r) -> Box<dyn Read + 'r> {
        Box::new(Counted { inner, total: Rc::clone(&self.inflated), limit: self.inflate_limit })
    }

    /// Sniffs a stream and dispatches on what it holds. `top` is true for the
    /// input file itself (which can then be reopened for random access).
    fn stream(&mut self, mut reader: Box<dyn Read + '_>, id: &SourceId, name: &str, depth: u32, top: bool) {
        let head = match read_head(&mut reader, SNIFF_BYTES) {
            Ok(head) => head,
            Err(err) => {
                let error = if top { RecordError::Unreadable(err) } else { self.stream_error(&err) };
                return self.reject(id, error, None);
            }
        };
        let kind = sniff(&head, name);
        let container = matches!(kind, Kind::Compressed(_) | Kind::Zip | Kind::Tar);
        if container && depth >= self.limits.max_depth {
            return self.reject(id, RecordError::TooDeep { limit: self.limits.max_depth }, None);
        }
        let reader: Box<dyn Read + '_> = Box::new(Cursor::new(head).chain(reader));
        match kind {
            Kind::Compressed(compression) => {
                let decoder = match decompress(compression, reader) {
                    Ok(decoder) => decoder,
                    Err(err) => return self.reject(id, RecordError::Corrupt(err.to_string()), None),
                };
                let inner = self.counted(decoder);
                self.stream(inner, id, &strip_compression_extension(name), depth + 1, false);
            }
            Kind::Tar => self.accounted(id, "a tar archive", |walker| walker.tar(reader, id, depth + 1)),
            Kind::Zip if top => match self.top_file.take().map_or_else(|| File::open(&self.input.fs_path), Ok) {
                Ok(file) => {
                    self.accounted(id, "a zip archive", |walker| walker.zip(BufReader::new(file), id, depth + 1))
                }
                Err(err) => self.reject(id, RecordError::Unreadable(err), None),
            },
            Kind::Zip => {
                // A zip needs random access: hold a nested one in memory, bounded.
                let mut reader = reader;
                match read_bounded(&mut reader, self.limits.max_record_bytes, None) {
                    Ok(bytes) if bytes.len() as u64 > self.limits.max_record_bytes => {
                        let limit = self.limits.max_record_bytes;
                        self.reject(id, RecordError::TooLarge { size: bytes.len() as u64, limit }, None)
                    }
                    Ok(bytes) => {
                        self.accounted(id, "a zip archive", |walker| walker.zip(Cursor::new(bytes), id, depth + 1))
                    }
                    Err(err) => {
                        let error = self.stream_error(&err);
                        self.reject(id, error, None)
                    }
                }
            }
            Kind::Warc => self.accounted(id, "a WARC file", |walker| walker.warc(BufReader::new(reader), id)),
            Kind::JsonLines => {
                self.accounted(id, "a JSON Lines file", |walker| walker.json_lines(BufReader::new(reader), id))
            }
            Kind::Json => self.accounted(id, "a JSON array", |walker| walker.json(reader, id, top)),
            Kind::Html => self.document(reader, id, RecordFormat::Html, top),
            Kind::Text => self.document(reader, id, RecordFormat::Text, top),
            Kind::Unsupported(what) => self.reject(id, RecordError::Unsupported(what), None),
        }
    }

    /// Reads one whole document, bounded by `max_record_bytes`.
    fn read_document(&mut self, reader: &mut dyn Read, id: &SourceId, top: bool) -> Option<Vec<u8>> {
        let limit = self.limits.max_record_bytes;
        if top && self.input.size > limit {
            self.reject(id, RecordError::TooLarge { size: self.input.size, limit }, Some(self.input.size));
            return None;
        }
        match read_bounded(reader, limit, top.then_some(self.input.size)) {
            Ok(bytes) if bytes.len() as u64 > limit => {
                self.reject(id, RecordError::TooLarge { size: bytes.len() as u64, limit }, None);
                None
            }
            Ok(bytes) => Some(bytes),
            Err(err) => {
                let error = if top { RecordError::Unreadable(err) } else { self.stream_error(&err) };
                self.reject(id, error, None);
                None
            }
        }
    }

    fn document(&mut self, mut reader: Box<dyn Read + '_>, id: &SourceId, format: RecordFormat, top: bool) {
        if let Some(bytes) = self.read_document(&mut reader, id, top) {
            self.record(id.clone(), format, bytes);
        }
    }

    /// A JSON document: an object is one record, an array one per element,
    /// and so is the list of records an object wraps ([`wrapped_records`]).
    fn json(&mut self, mut reader: Box<dyn Read + '_>, id: &SourceId, top: bool) {
        let Some(bytes) = self.read_document(&mut reader, id, top) else { return };
        let size = Some(bytes.len() as u64);
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Array(items)) => self.json_items(items, id),
            Ok(serde_json::Value::Object(mut wrapper)) => match wrapped_records(&mut wrapper) {
                Some(items) => self.json_items(items, id),
                None => self.record(id.clone(), RecordFormat::Json, bytes),
            },
            Ok(_) => self.record(id.clone(), RecordFormat::Json, bytes),
            // A value followed by more: JSON Lines whose first line was longer
            // than the sniffed head.
            Err(err) if err.to_string().starts_with("trailing characters") => self.json_lines(Cursor::new(bytes), id),
            Err(err) => self.reject(id, RecordError::MalformedJson(err.to_string()), size),
        }
    }

    /// The records of a JSON list, numbered from 1.
    fn json_items(&mut self, items: Vec<serde_json::Value>, id: &SourceId) {
        for (i, item) in items.into_iter().enumerate() {
            let id = with_record(id, i as u64 + 1);
            match serde_json::to_vec(&item) {
                Ok(bytes) => self.record(id, RecordFormat::Json, bytes),
                Err(err) => self.reject(&id, RecordError::MalformedJson(err.to_string()), None),
            }
        }
    }

    /// Hands on a document that its container says nothing more about
    /// (no charset, URL or crawl date).
    fn record(&mut self, id: SourceId, format: RecordFormat, bytes: Vec<u8>) {
        let record = Record { id, format, bytes, charset: None, url: None, crawl_date: None };
        self.emit(Item::Record(record));
    }

    /// JSON Lines: one record per non-blank line; a malformed line rejects
    /// that line only, and an over-long line is skipped without holding it.
    fn json_lines(&mut self, mut reader: impl BufRead, id: &SourceId) {
        let limit = self.limits.max_record_bytes;
        let mut line_no = 0u64;
        loop {
            line_no += 1;
            let mut line = Vec::new();
            let read = (&mut reader).take(limit + 1).read_until(b'\n', &mut line);
            match read {
                Ok(0) => return,
                Ok(_) if line.len() as u64 > limit && !line.ends_with(b"\n") => {
                    let size = match skip_line(&mut reader) {
                        Ok(rest) => line.len() as u64 + rest,
                        Err(err) => {
                            let error = self.stream_error(&err);
                            return self.reject(&with_record(id, line_no), error, None);
                        }
                    };
                    self.reject(&with_record(id, line_no), RecordError::TooLarge { size, limit }, Some(size));
                }
                Ok(_) => {
                    if line.trim_ascii().is_empty() {
                        continue;
                    }
                    let record_id = with_record(id, line_no);
                    match serde_json::from_slice::<serde::de::IgnoredAny>(&line) {
                        Ok(_) => self.record(record_id, RecordFormat::Json, line),
                        Err(err) => {
                            let size = Some(line.len() as u64);
                            self.reject(&record_id, RecordError::MalformedJson(err.to_string()), size)
                        }
                    }
                }
                Err(err) => {
                    let error = self.stream_error(&err);
                    return self.reject(&with_record(id, line_no), error, None);
                }
            }
        }
    }

    /// Reads a tar stream member by member. The GNU long-name and PAX
    /// extension entries are handled here, with their size capped, rather
    /// than by the `tar` crate, which would read any size claimed by a
    /// damaged header into memory.
    fn tar(&mut self, reader: Box<dyn Read + '_>, id: &SourceId, depth: u32) {
        let mut archive = tar::Archive::new(reader);
        // Read on past the end-of-archive blocks, as `tar --ignore-zeros`
        // does: archives concatenated with `cat` keep their later members,
        // and anything else after the end is damage to report, not to drop.
        archive.set_ignore_zeros(true);
        let entries = match archive.entries() {
            Ok(entries) => entries.raw(true),
            Err(err) => {
                let error = self.stream_error(&err);
                return self.reject(id, error, None);
            }
        };
        // The name an extension entry gave the next member, and whether an
        // extension entry still waits for its member.
        let mut long_name: Option<String> = None;
        let mut extension_pending = false;
        // Where the member of a pending extension header must start: right
        // after the header's data. Zero blocks in between (`cat a.tar b.tar`,
        // `a.tar` ending in a dangling header) end its archive, and the name
        // must not carry over to the next archive's first member.
        let mut member_expected_at = 0u64;
        // Where the header after an entry begins: its own block, then its
        // data padded to whole blocks.
        let header_after = |position: u64, size: u64| position + 512 + size.div_ceil(512) * 512;
        let mut seen_names: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for entry in entries {
            let mut entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let error = self.stream_error(&err);
                    return self.reject(id, error, None);
                }
            };
            let kind = entry.header().entry_type();
            if extension_pending && entry.raw_header_position() != member_expected_at {
                let detail = "an archive ends after an extension header, before its member".to_string();
                self.reject(id, RecordError::Corrupt(detail), None);
                (long_name, extension_pending) = (None, false);
            }
            if kind.is_gnu_longname() || kind.is_pax_local_extensions() {
                member_expected_at = header_after(entry.raw_header_position(), entry.size());
                let size = entry.size();
                let mut data = Vec::new();
                if let Err(err) = (&mut entry).take(TAR_EXTENSION_MAX + 1).read_to_end(&mut data) {
                    let error = self.stream_error(&err);
                    return self.reject(id, error, None);
                }
                if data.len() as u64 > TAR_EXTENSION_MAX {
                    let detail = format!("a tar extension header claims {size} bytes (at most {TAR_EXTENSION_MAX})");
                    return self.reject(id, RecordError::Corrupt(detail), None);
                }
                long_name = if kind.is_gnu_longname() {
                    let name = data.split(|&b| b == 0).next().unwrap_or_default();
                    Some(bytes_key(name))
                } else {
                    pax_path(&data).or(long_name)
                };
                extension_pending = true;
                continue;
            }
            if kind.is_gnu_longlink() || kind.is_pax_global_extensions() {
                // Between an extension header and its member (tar-rs writes a
                // long name, then a long link name): the member comes after it.
                if extension_pending {
                    member_expected_at = header_after(entry.raw_header_position(), entry.size());
                }
                continue;
            }
            extension_pending = false;
            let name = long_name.take();
            if !(kind.is_file() || kind == tar::EntryType::Continuous) {
                // A folder is no input, as on disk. A link or a device is
                // counted in the run report, as the walker counts those it
                // meets on disk; a sparse file, whose holes this reader does
                // not fill in, is a document it cannot read.
                if kind.is_gnu_sparse() {
                    let member = name.unwrap_or_else(|| bytes_key(&entry.path_bytes()));
                    let error = RecordError::Unsupported("a sparse tar member");
                    self.reject(&child(id, &member), error, Some(entry.size()));
                } else if kind.is_symlink() || kind.is_hard_link() {
                    self.emit(Item::Skipped { what: "archive_link" });
                } else if !kind.is_dir() {
                    self.emit(Item::Skipped { what: "archive_special" });
                }
                continue;
            }
            let mut member = name.unwrap_or_else(|| bytes_key(&entry.path_bytes()));
            // A name met again (tars concatenated with `cat`, an appended
            // update) is another document: its key gets `\x00#N`, which no
            // name's key can hold (a tar name ends at its first NUL), so that
            // two copies alike never share a doc_id.
            let seen = seen_names.entry(member.clone()).or_insert(0u32);
            *seen += 1;
            if *seen > 1 {
                member = format!("{member}\\x00#{seen}");
            }
            let member_id = child(id, &member);
            self.stream(Box::new(&mut entry), &member_id, &member, depth, false);
        }
        if extension_pending {
            let detail = "the archive ends after an extension header, before its member".to_string();
            self.reject(id, RecordError::Corrupt(detail), None);
        }
    }

    fn zip<R: Read + Seek>(&mut self, reader: R, id: &SourceId, depth: u32) {
        let mut archive = match zip::ZipArchive::new(reader) {
            Ok(archive) => archive,
            Err(err) => return self.reject(id, RecordError::Corrupt(err.to_string()), None),
        };
        if archive.has_duplicate_names() {
            self.reject(id, RecordError::DuplicateMembers, None);
        }
        for i in 0..archive.len() {
            let (member, encrypted, is_dir, is_link, size) = match archive.by_index_raw(i) {
                Ok(file) => {
                    // The name's bytes, keyed as a tar member's or a file's
                    // are: UTF-8 as it is, other bytes escaped. (The zip
                    // crate reads them as CP437, which for the GBK names of
                    // Chinese archives is a wrong guess, and loses the bytes.)
                    let name = bytes_key(file.name_raw());
                    (name, file.encrypted(), file.is_dir(), file.is_symlink(), file.size())
                }
                Err(err) => {
                    let member_id = child(id, &format!("#{i}"));
                    self.reject(&member_id, RecordError::Corrupt(err.to_string()), None);
                    continue;
                }
            };
            if is_dir {
                continue;
            }
            // A link's data is its target's name, no document: counted in
            // the run report, as tar links are.
            if is_link {
                self.emit(Item::Skipped { what: "archive_link" });
                continue;
            }
            let member_id = child(id, &member);
            if encrypted {
                self.reject(&member_id, RecordError::Encrypted, Some(size));
                continue;
            }
            match archive.by_index(i) {
                Ok(file) => {
                    let counted = self.counted(file);
                    self.stream(counted, &member_id, &member, depth, false);
                }
                Err(err) => self.reject(&member_id, RecordError::Corrupt(err.to_string()), Some(size)),
            }
        }
    }

    fn warc(&mut self, mut reader: impl BufRead, id: &SourceId) {
        let limit = self.limits.max_record_bytes;
        let mut ordinal = 0u64;
        loop {
            let header = match warc::read_header(&mut reader) {
                Ok(Some(header)) => header,
                Ok(None) => return,
                Err(WarcError::Io(err)) => {
                    let error = self.stream_error(&err);
                    return self.reject(&with_record(id, ordinal + 1), error, None);
                }
                Err(WarcError::Malformed(detail)) => {
                    return self.reject(&with_record(id, ordinal + 1), RecordError::Corrupt(detail), None);
                }
            };
            ordinal += 1;
            let record_id = with_record(id, ordinal);
            let length = header.content_length;
            if header.warc_type != "response" || length > limit {
                match io::copy(&mut (&mut reader).take(length), &mut io::sink()) {
                    Ok(n) if n == length => {}
                    Ok(n) => {
                        let detail = format!("record ends after {n} of {length} bytes");
                        return self.reject(&record_id, RecordError::Corrupt(detail), Some(n));
                    }
                    Err(err) => {
                        let error = self.stream_error(&err);
                        return self.reject(&record_id, error, None);
                    }
                }
                if header.warc_type == "response" {
                    self.reject(&record_id, RecordError::TooLarge { size: length, limit }, Some(length));
                } else {
                    self.emit(Item::Skipped { what: warc_skip_label(&header.warc_type) });
                }
                continue;
            }
            let mut block = Vec::new();
            match (&mut reader).take(length).read_to_end(&mut block) {
                Ok(n) if n as u64 == length => {}
                Ok(n) => {
                    let detail = format!("record ends after {n} of {length} bytes");
                    return self.reject(&record_id, RecordError::Corrupt(detail), Some(n as u64));
                }
                Err(err) => {
                    let error = self.stream_error(&err);
                    return self.reject(&record_id, error, None);
                }
            }
            let response = match warc::parse_http_response(&block, limit) {
                Ok(response) => response,
                Err(error) => {
                    let error = match error {
                        HttpError::NotHttp => RecordError::NotHtml("no HTTP response".into()),
                        HttpError::TooLarge { limit } => RecordError::InflatedTooMuch { limit },
                        HttpError::BadEncoding(detail) => RecordError::Corrupt(detail),
                    };
                    self.reject(&record_id, error, Some(length));
                    continue;
                }
            };
            let content_type = response.content_type.clone().unwrap_or_default();
            let html = {
                let ct = content_type.to_ascii_lowercase();
                ct.contains("html") || (ct.is_empty() && sniff(&response.body, "") == Kind::Html)
            };
            if response.status != 200 {
                self.reject(&record_id, RecordError::HttpStatus(response.status), Some(length));
            } else if !html {
                self.reject(&record_id, RecordError::NotHtml(content_type), Some(length));
            } else {
                self.emit(Item::Record(Record {
                    id: record_id,
                    format: RecordFormat::Html,
                    bytes: response.body,
                    charset: response.charset,
                    url: header.target_uri,
                    crawl_date: header.date,
                }));
            }
        }
    }
}

fn warc_skip_label(warc_type: &str) -> &'static str {
    match warc_type {
        "request" => "warc_request",
        "warcinfo" => "warc_warcinfo",
        "metadata" => "warc_metadata",
        "revisit" => "warc_revisit",
        "resource" => "warc_resource",
        "conversion" => "warc_conversion",
        _ => "warc_other",
    }
}

/// Consumes the rest of a line, returning how many bytes it had.
fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// The largest GNU long-name or PAX extension entry read (real ones hold a
/// path and a few attributes).
const TAR_EXTENSION_MAX: u64 = 1 << 20;

/// The `path` record of a PAX extension block (`"<len> path=<value>\n"` records).
fn pax_path(mut data: &[u8]) -> Option<String> {
    let mut path = None;
    while !data.is_empty() {
        let space = data.iter().position(|&b| b == b' ')?;
        let len: usize = std::str::from_utf8(&data[..space]).ok()?.parse().ok()?;
        let record = data.get(space + 1..len)?;
        if let Some(value) = record.strip_prefix(b"path=") {
            let value = value.strip_suffix(b"\n").unwrap_or(value);
            path = Some(bytes_key(value));
        }
        data = &data[len..];
    }
    path
}

/// Memory one xz decoder may use.
const XZ_MEMLIMIT: u64 = 256 << 20;

fn decompress<'r>(compression: Compression, reader: Box<dyn Read + 'r>) -> io::Result<Box<dyn Read + 'r>> {
    Ok(match compression {
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(reader)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(reader)?),
        Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(reader)),
        Compression::Xz => {
            // xz streams name their dictionary size; cap what one may ask for
            // (xz -9 needs 65 MiB), as zstd caps its window at 128 MiB.
            let stream = liblzma::stream::Stream::new_stream_decoder(XZ_MEMLIMIT, liblzma::stream::CONCATENATED)
                .map_err(io::Error::other)?;
            Box::new(liblzma::read::XzDecoder::new_stream(reader, stream))
        }
    })
}

#[cfg(test)]
#[path = "../tests/support/archives.rs"]
mod test_archives;

#[cfg(test)]
mod tests {
    use std::fs;

    use super::test_archives::{gzip, tar, zip};
    use super::*;

    /// Every item of an expansion, as text to compare.
    fn expansion(input: &Input, limits: &Limits, whole_below: u64) -> (Vec<String>, Expanded) {
        expansion_of(input, File::open(&input.fs_path).map(Opened::from), limits, whole_below)
    }

    fn expansion_of(
        input: &Input,
        opened: io::Result<Opened>,
        limits: &Limits,
        whole_below: u64,
    ) -> (Vec<String>, Expanded) {
        let mut items = Vec::new();
        let expanded = expand_with(input, opened, limits, whole_below, &mut |item| {
            items.push(match item {
                Item::Record(r) => {
                    format!("{:?} {:?} {:?} {:?}", r.id, r.format, r.bytes, (r.charset, r.url, r.crawl_date))
                }
                Item::Rejected { id, error, bytes } => format!("{id:?} {} {error} {bytes:?}", error.reason()),
                Item::Skipped { what } => what.to_owned(),
            })
        });
        (items, expanded)
    }

    #[test]
    fn records_wrapped_by_an_api_response_are_taken_out_of_it() {
        let body = "湖边新建的图书馆今天开放，共有三层，藏书十二万册。".repeat(10);
        let article =
            |n: u32| serde_json::json!({"title": format!("第{n}篇"), "content": body, "tags": [{"name": "城市"}]});
        let object = |value: serde_json::Value| value.as_object().cloned().expect("object");
        // Two keys deep, beside paging fields.
        let mut wrapper =
            object(serde_json::json!({"code": 0, "data": {"total": 2, "items": [article(1), article(2)]}}));
        assert_eq!(wrapped_records(&mut wrapper), Some(vec![article(1), article(2)]));
        // One key deep.
        let mut wrapper = object(serde_json::json!({"status": "ok", "results": [article(1), article(2)]}));
        assert_eq!(wrapped_records(&mut wrapper).map(|items| items.len()), Some(2));
        // Text in two places: one record as it is, nothing dropped.
        for two in [
            serde_json::json!({"related": [article(9)], "results": [article(1), article(2)]}),
            serde_json::json!({"article": article(1), "related": [article(9)]}),
            serde_json::json!({"data": {"article": article(1), "related": [article(9)]}}),
            serde_json::json!({"data": [article(1), "a note long enough to be text of its own, and with spaces in it, so it is text not a token"]}),
        ] {
            assert_eq!(wrapped_records(&mut object(two.clone())), None, "{two}");
        }
        // An article with a list of objects is one record, and so is a
        // wrapper of lists without article text (tags, images).
        let mut one = object(article(1));
        assert_eq!(wrapped_records(&mut one), None);
        let mut tags = object(serde_json::json!({"data": {"items": [{"name": "城市"}, {"name": "交通"}]}}));
        assert_eq!(wrapped_records(&mut tags), None);
        // A long next-page URL is no article text of the wrapper's own.
        let next = format!("https://api.example.com/v2/news?cursor={}&limit=20", "a1B2".repeat(40));
        let mut paged = object(serde_json::json!({"next": next, "data": [article(1)]}));
        assert_eq!(wrapped_records(&mut paged), Some(vec![article(1)]));
        // A list that is not all objects is no list of records.
        let mut mixed = object(serde_json::json!({"data": [article(1), "note"]}));
        assert_eq!(wrapped_records(&mut mixed), None);
    }

    /// A file that grew past the whole-file size after it was found is read
    /// on from where the whole read stopped: the same items as streaming it,
    /// and the hash of all of it.
    #[test]
    fn a_file_grown_since_it_was_found_reads_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("grown.txt");
        let bytes = format!("标题\n\n{}", "正文第一段，足够长的一句话。\n".repeat(40_000)).into_bytes();
        assert!(bytes.len() as u64 > WHOLE_FILE_BYTES + (64 << 10));
        fs::write(&path, &bytes).expect("write");
        let input = Input { id: SourceId::file("grown.txt"), fs_path: path, size: 10, mtime: None };
        let (streamed, streamed_end) = expansion(&input, &Limits::default(), 0);
        let (grown, grown_end) = expansion(&input, &Limits::default(), WHOLE_FILE_BYTES);
        assert_eq!(grown.len(), 1);
        assert_eq!(grown, streamed);
        let hash = fingerprint(&bytes);
        assert_eq!(grown_end, Expanded { content_hash: Some(hash), read_failed: false });
        assert_eq!(streamed_end, grown_end);
    }

    /// `read_whole` gives a file's bytes whatever size the walk saw: the
    /// size, less (the file grew: read on, up to the limit) or more (it
    /// shrank), an empty file, and a limit that cuts the file.
    #[test]
    fn a_whole_read_gets_every_byte_whatever_size_was_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.txt");
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &bytes).expect("write");
        let read = |size: u64, limit: u64| {
            let mut file = File::open(&path).expect("open");
            let mut buf = vec![7u8; 3];
            read_whole(&mut file, size, limit, &mut buf).expect("read");
            buf
        };
        for size in [5000, 0, 1, 4999, 5001, 9000] {
            assert_eq!(read(size, 1 << 20), bytes, "size {size}");
        }
        assert_eq!(read(10, 100), bytes[..100].to_vec());
        assert_eq!(read(5000, 5001), bytes);
        fs::write(&path, b"").expect("write");
        assert_eq!(read(0, 1 << 20), Vec::<u8>::new());
        assert_eq!(read(3, 1 << 20), Vec::<u8>::new());
    }

    /// A small file in the page cache is read when it is opened ahead, and
    /// exactly: whole, or not at all when the size found is not its size, it
    /// ends a page, or it is not cached. `None` for the right size only where
    /// the filesystem refuses `RWF_NOWAIT` (tmpfs); a file just written is in
    /// the cache.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_cached_file_is_read_when_opened_ahead_only_at_its_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.txt");
        let bytes: Vec<u8> = (0..70_000u32).map(|i| (i % 253) as u8).collect();
        fs::write(&path, &bytes).expect("write");
        let file = File::open(&path).expect("open");
        let refused = matches!(
            rustix::io::preadv2(&file, &mut [io::IoSliceMut::new(&mut [0; 8])], 0, rustix::io::ReadWriteFlags::NOWAIT),
            Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::INVAL)
        );
        let whole = read_if_cached(&file, bytes.len() as u64);
        if refused {
            assert_eq!(whole, None);
        } else {
            assert_eq!(whole.as_deref(), Some(&bytes[..]));
        }
        for size in [0, 1, 69_999, 70_001, 1 << 20] {
            assert_eq!(read_if_cached(&file, size), None, "size {size}");
        }
        // A size that ends a page is never taken, cached or not: the bytes
        // after it may be in a page the read stopped before.
        let aligned = dir.path().join("aligned.txt");
        fs::write(&aligned, &bytes[..8192]).expect("write");
        assert_eq!(read_if_cached(&File::open(&aligned).expect("open"), 8192), None);
        // Bytes the page cache no longer holds are not waited for.
        let cold = File::open(&path).expect("open");
        cold.sync_all().expect("sync");
        rustix::fs::fadvise(&cold, 0, None, rustix::fs::Advice::DontNeed).expect("fadvise");
        assert_eq!(read_if_cached(&cold, bytes.len() as u64), None, "a file out of the cache");
        fs::write(&path, b"").expect("write");
        assert_eq!(read_if_cached(&file, 0).is_some_and(|empty| empty.is_empty()), !refused);
        let input = Input { id: SourceId::file("f.txt"), fs_path: path, size: 0, mtime: None };
        let opened = open_ahead(&input).expect("open");
        assert_eq!(opened.whole.is_some(), !refused);
    }

    /// Reading a small file whole gives the same items and hash as streaming
    /// it, for every kind of input and at limits that bite.
    #[test]
    fn a_file_read_whole_expands_as_it_streams() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = "标题\n\n正文第一段，足够长的一句话。\n".repeat(40);
        let html = format!("<!doctype html><html><head><title>t</title></head><body><p>{text}</p></body></html>");
        let jsonl = "{\"title\": \"a\", \"text\": \"b\"}\n\nnot json\n{\"text\": \"c\"}\n";
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n<html><p>x</p></html>";
        let warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/a\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n\
             WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
            http.len()
        );
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("a.txt", text.clone().into_bytes()),
            ("b.html", html.clone().into_bytes()),
            ("c.json", br#"{"title": "t", "text": "x"}"#.to_vec()),
            ("d.json", br#"[{"text": "x"}, {"text": "y"}]"#.to_vec()),
            ("e.jsonl", jsonl.as_bytes().to_vec()),
            ("f.warc", warc.into_bytes()),
            ("g.txt.gz", gzip(text.as_bytes())),
            ("h.zst", zstd::encode_all(html.as_bytes(), 3).expect("zstd")),
            ("i.tar", tar(&[("x.txt", text.as_bytes()), ("y.jsonl", jsonl.as_bytes())])),
            ("j.zip", zip(&[("x.html", html.as_bytes()), ("y.pdf", b"%PDF-1.4")])),
            ("k.tar.gz", gzip(&tar(&[("z.txt", text.as_bytes())]))),
            ("l.txt", Vec::new()),
            ("m.pdf", b"%PDF-1.4 ...".to_vec()),
            ("n.gz", b"\x1f\x8b\x08\0 not deflate".to_vec()),
            ("o.json", b"{\"broken\": ".to_vec()),
        ];
        let tight = Limits { max_record_bytes: 100, ..Limits::default() };
        for (name, bytes) in files {
            let path = dir.path().join(name);
            fs::write(&path, &bytes).expect("write");
            let input = Input { id: SourceId::file(name), fs_path: path, size: bytes.len() as u64, mtime: None };
            let hash = fingerprint(&bytes);
            for limits in [Limits::default(), tight.clone()] {
                let (streamed, streamed_end) = expansion(&input, &limits, 0);
                let (whole, whole_end) = expansion(&input, &limits, WHOLE_FILE_BYTES);
                let (ahead, ahead_end) = expansion_of(&input, open_ahead(&input), &limits, WHOLE_FILE_BYTES);
                assert!(!streamed.is_empty(), "{name}");
                assert_eq!(whole, streamed, "{name} at {limits:?}");
                assert_eq!((ahead, ahead_end), (whole.clone(), whole_end.clone()), "{name} opened ahead");
                assert_eq!(whole_end, Expanded { content_hash: Some(hash.clone()), read_failed: false }, "{name}");
                // Streaming hashes the file only when it read through to the end.
                assert!(streamed_end.content_hash.is_none() || streamed_end == whole_end, "{name}");
            }
        }
    }
}
