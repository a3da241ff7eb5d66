//! The ledger: what has been ingested into an output directory, so that a
//! rerun does only new work and a killed run resumes without duplicates.
//!
//! It is an SQLite database (`DIR/ledger.sqlite`, WAL mode, full sync) with
//! one row per input file (fingerprint, progress, the runs holding its rows),
//! the committed output files, and the content hashes seen so far. Memory
//! stays flat however many inputs it tracks: lookups go to disk.
//!
//! The commit protocol ([`Ledger::commit`]) is write-ahead: part files are
//! written under a temporary name and fsynced, then one transaction records
//! them together with the inputs (or the first `items` documents of an input)
//! whose rows they hold, then the files are renamed into place. The inputs'
//! rows may be staged into that transaction earlier ([`Ledger::stage`]); they
//! land with its commit or not at all. Recovery
//! ([`Ledger::recover`]) rolls committed renames forward and deletes temporary
//! files no transaction recorded, so every input lands exactly once.

use std::cell::Cell;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::types::{FromSqlError, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, ToSql};

use crate::error::{io_err, StoreError};

/// File name of the ledger inside the output directory.
pub const LEDGER_FILE: &str = "ledger.sqlite";

/// Setting naming the run writing the directory, or killed while writing it;
/// empty once that run finished. `merge` takes no shard with one.
pub const RUN_IN_PROGRESS: &str = "run_in_progress";

/// Setting holding the `--shard K/N` the directory's runs took (empty:
/// every input), so that two splits are not mixed in one directory and
/// `merge` can tell a missing or repeated shard.
pub const SHARD_SETTING: &str = "shard";

/// Table folders whose part files the ledger tracks.
pub const TABLE_DIRS: [&str; 3] = ["articles", "rejects", "superseded"];

/// How far an input has been ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputState {
    pub size: u64,
    pub mtime: Option<i64>,
    pub content_hash: Option<String>,
    /// Every document of the input is committed.
    pub done: bool,
    /// Documents of the input committed so far, in reading order.
    pub items: u64,
    /// Runs holding rows of the input's current version.
    pub runs: Vec<String>,
}

/// Progress of one input recorded by a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProgress {
    pub path: String,
    pub size: u64,
    pub mtime: Option<i64>,
    pub content_hash: Option<String>,
    pub done: bool,
    pub items: u64,
    /// The input is a new version of one whose rows earlier runs hold: the
    /// ledger forgets those runs (a new input has none to forget).
    pub forget_runs: bool,
}

/// What one commit makes visible.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub run_id: String,
    /// (temporary path, final path) of each part file, both under the output directory.
    pub files: Vec<(PathBuf, PathBuf)>,
    pub inputs: Vec<InputProgress>,
    /// (content_hash, doc_id) of articles seen first in this segment.
    pub hashes: Vec<(String, String)>,
}

pub struct Ledger {
    conn: Connection,
    out_dir: PathBuf,
    /// `DIR/ledger.sqlite`, for errors.
    path: PathBuf,
    /// Lookups made in the open read transaction, if one is open.
    lookups: Cell<u32>,
    /// A segment's write transaction is open ([`Ledger::stage`]).
    staging: bool,
    /// Every content hash this connection has recorded, when the ledger held
    /// none before ([`Ledger::filter_hashes`]).
    hash_filter: Option<HashFilter>,
}

/// A Bloom filter of content hashes (their [`Packed`] bytes): three bits
/// each, in one 64-bit word, all taken from the hash itself. It may hold a
/// hash it was never given, never the other way round. One word a hash, so
/// one cache miss: three bits spread over the whole filter cost as much as
/// the look-up they saved.
struct HashFilter {
    words: Vec<u64>,
}

/// The filter's size: 2^21 words (16 MiB, touched as bits are set). With ten
/// million hashes in it, 1.2% of the hashes it was not given pass it (a look
/// in the table each); with forty million, 21%. A bulk import's table of
/// hashes outgrows SQLite's page cache, and each look then reads pages from
/// the file.
const FILTER_WORDS_LOG2: u32 = 21;

impl HashFilter {
    fn new() -> Self {
        HashFilter { words: vec![0; 1 << FILTER_WORDS_LOG2] }
    }

    /// The word and bits of a hash, `None` when it is not packed to bytes
    /// (not 32 lowercase hex digits).
    fn slot(hash: &Packed<'_>) -> Option<(usize, u64)> {
        let Packed::Bytes(bytes) = hash else { return None };
        let value = u128::from_be_bytes(*bytes);
        let word = (value & ((1 << FILTER_WORDS_LOG2) - 1)) as usize;
        let bit = |shift: u32| 1u64 << ((value >> shift) & 63);
        Some((word, bit(32) | bit(40) | bit(48)))
    }

    /// Adds `hash`; `false` when it has no slot (the filter can no longer
    /// answer for every hash recorded).
    fn insert(&mut self, hash: &Packed<'_>) -> bool {
        let Some((word, bits)) = Self::slot(hash) else { return false };
        self.words[word] |= bits;
        true
    }

    /// `false` only for a hash never inserted.
    fn may_hold(&self, hash: &Packed<'_>) -> bool {
        Self::slot(hash).is_none_or(|(word, bits)| self.words[word] & bits == bits)
    }
}

/// Each connection's page cache, in KiB. Content hashes arrive in random
/// order, so with SQLite's default 2 MiB a large run's look-ups and inserts
/// went to the file for most pages: on a 1 GB corpus (147,000 inputs, 295,000
/// hashes) 32 MiB took the writer from 4.9 to 3.2–3.9 s and planning from
/// 0.95 to 0.4 s, for ~30 MB more peak memory.
const CACHE_KIB: i64 = 32 << 10;

/// Lookups share read transactions of up to this many: one snapshot and one
/// round of locking (`fcntl` calls, a look at the WAL index) per batch
/// instead of per lookup, and batches short enough that checkpoints keep up.
const LOOKUPS_PER_READ: u32 = 256;

fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Ledger { path: path.to_path_buf(), source }
}

/// A content hash or doc_id as the ledger stores it: 32 lowercase hex digits
/// (what corpusmill makes) as their 16 bytes, half the size of the text, so
/// a bulk import's table of hashes takes half the pages to write and cache;
/// anything else as the text itself (SQLite never takes a text for a blob).
enum Packed<'a> {
    Bytes([u8; 16]),
    Text(&'a str),
}

impl<'a> Packed<'a> {
    fn new(text: &'a str) -> Self {
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let mut bytes = [0u8; 16];
        let packed = text.len() == 32
            && text.as_bytes().chunks_exact(2).zip(&mut bytes).all(|(pair, byte)| {
                match (digit(pair[0]), digit(pair[1])) {
                    (Some(high), Some(low)) => {
                        *byte = high << 4 | low;
                        true
                    }
                    _ => false,
                }
            });
        if packed {
            Packed::Bytes(bytes)
        } else {
            Packed::Text(text)
        }
    }
}

impl ToSql for Packed<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Packed::Bytes(bytes) => ValueRef::Blob(bytes),
            Packed::Text(text) => ValueRef::Text(text.as_bytes()),
        }))
    }
}

/// The text a [`Packed`] value was made from.
fn unpack(value: ValueRef<'_>) -> Result<String, FromSqlError> {
    match value {
        ValueRef::Blob(bytes) if bytes.len() == 16 => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            Ok(bytes
                .iter()
                .flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char])
                .collect())
        }
        ValueRef::Text(text) => String::from_utf8(text.to_vec()).map_err(|err| FromSqlError::Other(Box::new(err))),
        _ => Err(FromSqlError::InvalidType),
    }
}

fn from_sql_err(column: usize, value: ValueRef<'_>, err: FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), Box::new(err))
}

/// Moves the hashes of a ledger written before they were packed (table
/// `hashes`, text) into `content_hashes`, once, in one transaction and in key
/// order; packed in SQL as [`Packed`] packs them (text that is not 32
/// lowercase hex digits stays text).
fn pack_text_hashes(conn: &Connection) -> rusqlite::Result<()> {
    let has_text_hashes = |conn: &Connection| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'hashes')",
            [],
            |r| r.get(0),
        )
    };
    if !has_text_hashes(conn)? {
        return Ok(());
    }
    // Asked again inside the write transaction: another process opening
    // the ledger at the same time may have moved them while this one waited.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let moved = has_text_hashes(conn).and_then(|still_there| {
        if !still_there {
            return conn.execute_batch("COMMIT");
        }
        // `length` and GLOB stop at a NUL; the length in bytes does not.
        let packed = |column| {
            format!(
                "CASE WHEN length(CAST({column} AS BLOB)) = 32 AND {column} NOT GLOB '*[^0-9a-f]*' \
                 THEN unhex({column}) ELSE {column} END"
            )
        };
        conn.execute_batch(&format!(
            "INSERT OR IGNORE INTO content_hashes (hash, doc_id)
               SELECT {}, {} FROM hashes ORDER BY content_hash;
             DROP TABLE hashes;
             COMMIT;",
            packed("content_hash"),
            packed("doc_id")
        ))
    });
    if moved.is_err() && !conn.is_autocommit() {
        let _rolled_back = conn.execute_batch("ROLLBACK");
    }
    moved
}

/// The ledger's tables: each name and its columns. They are keyed by text
/// and `WITHOUT ROWID`: each row lives once, in its key's B-tree, instead of
/// in a rowid table plus a key index, which halves the work of a commit's
/// inserts. (Ledgers made before keep their rowid tables; the same
/// statements serve both.)
const TABLES: [(&str, &str); 5] = [
    (
        "inputs",
        "(
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime INTEGER,
            content_hash TEXT,
            done INTEGER NOT NULL,
            items INTEGER NOT NULL,
            run_id TEXT NOT NULL
        ) WITHOUT ROWID",
    ),
    (
        "input_runs",
        "(
            path TEXT NOT NULL,
            run_id TEXT NOT NULL,
            PRIMARY KEY (path, run_id)
        ) WITHOUT ROWID",
    ),
    ("files", "(name TEXT PRIMARY KEY, tmp TEXT NOT NULL, run_id TEXT NOT NULL) WITHOUT ROWID"),
    ("content_hashes", "(hash BLOB PRIMARY KEY, doc_id BLOB NOT NULL) WITHOUT ROWID"),
    ("settings", "(name TEXT PRIMARY KEY, value TEXT NOT NULL, run_id TEXT NOT NULL) WITHOUT ROWID"),
];

/// Path relative to the output directory, with `/` separators, for storage.
fn relative(out_dir: &Path, path: &Path) -> String {
    path.strip_prefix(out_dir).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

impl Ledger {
    /// Opens (creating if needed) the ledger of `out_dir`.
    pub fn open(out_dir: &Path) -> Result<Ledger, StoreError> {
        fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
        let path = out_dir.join(LEDGER_FILE);
        let conn = Connection::open(&path).map_err(sql_err(&path))?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql_err(&path))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql_err(&path))?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql_err(&path))?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB).map_err(sql_err(&path))?;
        for (name, columns) in TABLES {
            conn.execute_batch(&format!("CREATE TABLE IF NOT EXISTS {name} {columns}")).map_err(sql_err(&path))?;
        }
        pack_text_hashes(&conn).map_err(sql_err(&path))?;
        Ok(Ledger::with(conn, out_dir, path))
    }

    /// Opens the existing ledger of `out_dir` to read it as it is, for a dry
    /// run, which promises to change nothing: no table is created, no old
    /// table converted, the journal mode is left as found. A table that an
    /// older ledger lacks reads as empty, as [`Ledger::open`] would have
    /// created it: an empty temporary table stands in for it, which a
    /// read-only connection may make (it lives in memory, not in the file).
    pub fn open_read_only(out_dir: &Path) -> Result<Ledger, StoreError> {
        let path = out_dir.join(LEDGER_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(sql_err(&path))?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql_err(&path))?;
        for (name, columns) in TABLES {
            let exists: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1)",
                    [name],
                    |r| r.get(0),
                )
                .map_err(sql_err(&path))?;
            if !exists {
                conn.execute_batch(&format!("CREATE TEMP TABLE {name} {columns}")).map_err(sql_err(&path))?;
            }
        }
        Ok(Ledger::with(conn, out_dir, path))
    }

    /// A ledger on `conn`, with no read transaction open and no hash filter.
    fn with(conn: Connection, out_dir: &Path, path: PathBuf) -> Ledger {
        Ledger { conn, out_dir: out_dir.to_path_buf(), path, lookups: Cell::new(0), staging: false, hash_filter: None }
    }

    /// When the ledger holds no content hash yet (a first run, a bulk
    /// import), keeps a filter of the hashes this connection records, so that
    /// [`Ledger::first_with_hash`] answers for most new hashes without a look
    /// in the table. Only for the connection that records the hashes, while
    /// no other one does: the output directory's lock.
    pub fn filter_hashes(&mut self) -> Result<(), StoreError> {
        let empty: bool = self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM content_hashes)", [], |r| r.get(0))
            .map_err(sql_err(&self.path))?;
        self.hash_filter = empty.then(HashFilter::new);
        Ok(())
    }

    /// Adds hashes about to be recorded to the filter, if there is one. A
    /// segment rolled back leaves them in it, which costs a look in the table.
    fn filter_new_hashes(&mut self, hashes: &[(String, String)]) {
        if let Some(filter) = &mut self.hash_filter {
            if !hashes.iter().all(|(hash, _)| filter.insert(&Packed::new(hash))) {
                self.hash_filter = None;
            }
        }
    }

    /// Makes the next lookup part of a read transaction, opening one when
    /// none is open or the open one has served [`LOOKUPS_PER_READ`]. Its
    /// snapshot may miss commits made on other connections since it opened:
    /// each caller looks up rows that no other connection changes meanwhile
    /// (the reader plans inputs that earlier runs recorded; the writer's own
    /// commits end its batch first).
    fn batch_lookup(&self) -> Result<(), StoreError> {
        if self.staging {
            // Inside the segment's write transaction, which sees its own rows.
            return Ok(());
        }
        if !self.conn.is_autocommit() && self.lookups.get() >= LOOKUPS_PER_READ {
            self.end_reads()?;
        }
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN").map_err(sql_err(&self.path))?;
            self.lookups.set(0);
        }
        self.lookups.set(self.lookups.get() + 1);
        Ok(())
    }

    /// Ends the read transaction that lookups share, if one is open (not a
    /// segment's write transaction, which only its commit ends).
    pub fn end_reads(&self) -> Result<(), StoreError> {
        if !self.staging && !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT").map_err(sql_err(&self.path))?;
        }
        Ok(())
    }

    /// The recorded state of an input, if it was ever (partly) ingested.
    pub fn input(&self, path: &str) -> Result<Option<InputState>, StoreError> {
        self.batch_lookup()?;
        let p = &self.path;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT size, mtime, content_hash, done, items FROM inputs WHERE path = ?1")
            .map_err(sql_err(p))?;
        let row = stmt
            .query_row(params![path], |r| {
                Ok(InputState {
                    size: r.get::<_, i64>(0)? as u64,
                    mtime: r.get(1)?,
                    content_hash: r.get(2)?,
                    done: r.get::<_, i64>(3)? != 0,
                    items: r.get::<_, i64>(4)? as u64,
                    runs: Vec::new(),
                })
            })
            .optional()
            .map_err(sql_err(p))?;
        let Some(mut state) = row else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT run_id FROM input_runs WHERE path = ?1 ORDER BY run_id")
            .map_err(sql_err(p))?;
        state.runs = stmt
            .query_map(params![path], |r| r.get(0))
            .map_err(sql_err(p))?
            .collect::<Result<_, _>>()
            .map_err(sql_err(p))?;
        Ok(Some(state))
    }

    /// Whether a run with this id committed anything here. Part files are
    /// named after the run, so a reused id would overwrite them.
    /// The value of setting `name` and the run that recorded it.
    pub fn setting(&self, name: &str) -> Result<Option<(String, String)>, StoreError> {
        self.end_reads()?;
        self.conn
            .query_row("SELECT value, run_id FROM settings WHERE name = ?1", [name], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
            .map_err(sql_err(&self.path))
    }

    /// Records `value` for setting `name`, as of run `run_id`.
    pub fn set_setting(&self, name: &str, value: &str, run_id: &str) -> Result<(), StoreError> {
        self.end_reads()?;
        self.conn
            .execute(
                "INSERT INTO settings (name, value, run_id) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(name) DO UPDATE SET value = excluded.value, run_id = excluded.run_id",
                [name, value, run_id],
            )
            .map(|_| ())
            .map_err(sql_err(&self.path))
    }

    pub fn has_run(&self, run_id: &str) -> Result<bool, StoreError> {
        let p = &self.path;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM files WHERE run_id = ?1)
                     OR EXISTS (SELECT 1 FROM input_runs WHERE run_id = ?1)",
            )
            .map_err(sql_err(p))?;
        stmt.query_row(params![run_id], |r| r.get(0)).map_err(sql_err(p))
    }

    /// The doc_id of the first committed article with this content hash.
    pub fn first_with_hash(&self, content_hash: &str) -> Result<Option<String>, StoreError> {
        let key = Packed::new(content_hash);
        if self.hash_filter.as_ref().is_some_and(|filter| !filter.may_hold(&key)) {
            return Ok(None);
        }
        self.batch_lookup()?;
        let p = &self.path;
        let mut stmt =
            self.conn.prepare_cached("SELECT doc_id FROM content_hashes WHERE hash = ?1").map_err(sql_err(p))?;
        stmt.query_row([key], |r| {
            let value = r.get_ref(0)?;
            unpack(value).map_err(|err| from_sql_err(0, value, err))
        })
        .optional()
        .map_err(sql_err(p))
    }

    /// Records a segment, with what was staged for it, in one transaction,
    /// then renames its files into place. The temporary files must be
    /// complete and fsynced.
    pub fn commit(&mut self, segment: &Segment) -> Result<(), StoreError> {
        self.filter_new_hashes(&segment.hashes);
        self.begin_segment()?;
        let recorded = self.insert_files(segment).and_then(|()| self.insert_progress(segment));
        self.end_segment(recorded)?;
        for (tmp, dest) in &segment.files {
            fs::rename(tmp, dest).map_err(io_err(dest))?;
        }
        sync_dirs(segment.files.iter().filter_map(|(_, dest)| dest.parent()));
        Ok(())
    }

    /// Records ahead of its commit progress of the segment being written:
    /// inputs done (and content hashes first seen, if given). They go into
    /// the write transaction that [`Ledger::commit`] ends, so they become
    /// visible and durable with the segment's files and not before; staging
    /// inputs as they come spreads their inserts over the run, where they
    /// overlap the documents being processed. (The writer leaves the hashes
    /// to the commit, which inserts them in key order.)
    pub fn stage(&mut self, progress: &Segment) -> Result<(), StoreError> {
        self.filter_new_hashes(&progress.hashes);
        self.begin_segment()?;
        match self.insert_progress(progress) {
            Ok(()) => Ok(()),
            Err(err) => self.end_segment(Err(err)),
        }
    }

    /// Whether progress has been staged for a segment not committed yet.
    pub fn has_staged(&self) -> bool {
        self.staging
    }

    /// Opens the segment's write transaction unless it is open.
    fn begin_segment(&mut self) -> Result<(), StoreError> {
        if !self.staging {
            self.end_reads()?;
            self.conn.execute_batch("BEGIN IMMEDIATE").map_err(sql_err(&self.path))?;
            self.staging = true;
        }
        Ok(())
    }

    /// Ends the segment's write transaction: a commit after `recorded`
    /// succeeded, a rollback (and its error) after it failed.
    fn end_segment(&mut self, recorded: Result<(), StoreError>) -> Result<(), StoreError> {
        let ended = recorded.and_then(|()| self.conn.execute_batch("COMMIT").map_err(sql_err(&self.path)));
        if ended.is_err() && !self.conn.is_autocommit() {
            // The cause is the error returned; were the rollback to fail too,
            // the transaction is discarded when the connection closes.
            let _rolled_back = self.conn.execute_batch("ROLLBACK");
        }
        self.staging = false;
        ended
    }

    fn insert_files(&self, segment: &Segment) -> Result<(), StoreError> {
        let p = &self.path;
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO files (name, tmp, run_id) VALUES (?1, ?2, ?3)")
            .map_err(sql_err(p))?;
        for (tmp, dest) in &segment.files {
            insert
                .execute(params![relative(&self.out_dir, dest), relative(&self.out_dir, tmp), segment.run_id])
                .map_err(sql_err(p))?;
        }
        Ok(())
    }

    /// Inserts the inputs and hashes of `segment`. Each statement is
    /// prepared (from the cache) once, not per row: finding a cached
    /// statement hashes its SQL.
    fn insert_progress(&self, segment: &Segment) -> Result<(), StoreError> {
        let p = &self.path;
        let prepare = |sql| self.conn.prepare_cached(sql).map_err(sql_err(p));
        let mut forget_runs = prepare("DELETE FROM input_runs WHERE path = ?1")?;
        let mut record_input = prepare(
            "INSERT INTO inputs (path, size, mtime, content_hash, done, items, run_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
               content_hash = excluded.content_hash, done = excluded.done, items = excluded.items,
               run_id = excluded.run_id",
        )?;
        let mut add_run = prepare("INSERT OR IGNORE INTO input_runs (path, run_id) VALUES (?1, ?2)")?;
        for input in &segment.inputs {
            if input.forget_runs {
                forget_runs.execute(params![input.path]).map_err(sql_err(p))?;
            }
            record_input
                .execute(params![
                    input.path,
                    input.size as i64,
                    input.mtime,
                    input.content_hash,
                    input.done as i64,
                    input.items as i64,
                    segment.run_id
                ])
                .map_err(sql_err(p))?;
            add_run.execute(params![input.path, segment.run_id]).map_err(sql_err(p))?;
        }
        // In key order: within the commit each page of the table is then
        // written once, however many of the segment's hashes land on it, where
        // hashes in the order they came spill and write pages again once the
        // table outgrows the page cache (2 million hashes in segments of
        // 50,000: 10.2 -> 7.4 s, before they were packed).
        let mut hashes: Vec<&(String, String)> = segment.hashes.iter().collect();
        hashes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut add_hash = prepare("INSERT OR IGNORE INTO content_hashes (hash, doc_id) VALUES (?1, ?2)")?;
        for (hash, doc_id) in hashes {
            add_hash.execute([Packed::new(hash), Packed::new(doc_id)]).map_err(sql_err(p))?;
        }
        Ok(())
    }

    /// Updates the fingerprint of an input whose content is unchanged (it was
    /// touched, or copied with a new mtime), so the next run skips it cheaply.
    pub fn refresh_fingerprint(&self, path: &str, size: u64, mtime: Option<i64>) -> Result<(), StoreError> {
        self.end_reads()?;
        let p = &self.path;
        self.conn
            .execute("UPDATE inputs SET size = ?2, mtime = ?3 WHERE path = ?1", params![path, size as i64, mtime])
            .map_err(sql_err(p))?;
        Ok(())
    }

    /// Finishes what a killed run left: renames committed files still under
    /// their temporary names, deletes temporary files no commit recorded, and
    /// moves visible part files the ledger does not know into
    /// `DIR/quarantine/` (out of the tables' way, never deleted).
    /// Returns how many files were (rolled forward, deleted, quarantined).
    pub fn recover(&self) -> Result<(u64, u64, u64), StoreError> {
        self.end_reads()?;
        let p = &self.path;
        let mut committed = HashSet::new();
        let mut rolled = 0;
        {
            let mut stmt = self.conn.prepare("SELECT name, tmp FROM files").map_err(sql_err(p))?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(sql_err(p))?;
            for row in rows {
                let (name, tmp) = row.map_err(sql_err(p))?;
                let (dest, tmp) = (self.out_dir.join(&name), self.out_dir.join(&tmp));
                if !dest.exists() && tmp.exists() {
                    fs::rename(&tmp, &dest).map_err(io_err(&dest))?;
                    rolled += 1;
                }
                committed.insert(name);
            }
        }
        let (mut deleted, mut quarantined) = (0, 0);
        for table in TABLE_DIRS {
            let dir = self.out_dir.join(table);
            let Ok(entries) = fs::read_dir(&dir) else { continue };
            let mut names: Vec<String> =
                entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            for name in names {
                let path = dir.join(&name);
                if name.starts_with('.') && name.ends_with(".tmp") {
                    fs::remove_file(&path).map_err(io_err(&path))?;
                    deleted += 1;
                } else if name.ends_with(".parquet") && !committed.contains(&format!("{table}/{name}")) {
                    let to_dir = self.out_dir.join("quarantine").join(table);
                    fs::create_dir_all(&to_dir).map_err(io_err(&to_dir))?;
                    let to = to_dir.join(&name);
                    fs::rename(&path, &to).map_err(io_err(&to))?;
                    quarantined += 1;
                }
            }
        }
        Ok((rolled, deleted, quarantined))
    }
}

/// Persists renames; failing to sync a directory is not worth failing a run.
fn sync_dirs<'a>(dirs: impl Iterator<Item = &'a Path>) {
    let mut seen = HashSet::new();
    for dir in dirs {
        if seen.insert(dir.to_path_buf()) {
            if let Ok(handle) = fs::File::open(dir) {
                let _ = handle.sync_all();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(path: &str, done: bool, items: u64, forget_runs: bool) -> InputProgress {
        InputProgress { path: path.into(), size: 10, mtime: Some(1), content_hash: None, done, items, forget_runs }
    }

    #[test]
    fn commit_records_inputs_files_and_hashes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        fs::create_dir_all(out.join("articles")).expect("mkdir");
        let mut ledger = Ledger::open(out).expect("open");
        let tmp = out.join("articles/.part-a-00000.parquet.tmp");
        let dest = out.join("articles/part-a-00000.parquet");
        fs::write(&tmp, b"x").expect("write");
        let segment = Segment {
            run_id: "a".into(),
            files: vec![(tmp.clone(), dest.clone())],
            inputs: vec![progress("in/1.txt", true, 1, true), progress("in/big.jsonl", false, 500, true)],
            hashes: vec![("h1".into(), "d1".into())],
        };
        ledger.commit(&segment).expect("commit");
        assert!(dest.exists() && !tmp.exists());
        let big = ledger.input("in/big.jsonl").expect("query").expect("recorded");
        assert_eq!((big.done, big.items, big.runs.clone()), (false, 500, vec!["a".to_string()]));
        assert_eq!(ledger.first_with_hash("h1").expect("query").as_deref(), Some("d1"));
        assert_eq!(ledger.input("in/none.txt").expect("query"), None);

        // A resumed run adds its run; a new version forgets the old runs.
        let segment = Segment {
            run_id: "b".into(),
            inputs: vec![progress("in/big.jsonl", true, 900, false)],
            ..Segment::default()
        };
        ledger.commit(&segment).expect("commit");
        assert_eq!(ledger.input("in/big.jsonl").expect("q").expect("r").runs, ["a", "b"]);
        let segment =
            Segment { run_id: "c".into(), inputs: vec![progress("in/big.jsonl", true, 3, true)], ..Segment::default() };
        ledger.commit(&segment).expect("commit");
        assert_eq!(ledger.input("in/big.jsonl").expect("q").expect("r").runs, ["c"]);
    }

    fn hex_hash(n: u64) -> String {
        blake3::hash(&n.to_le_bytes()).to_hex()[..32].to_owned()
    }

    /// Hashes and doc_ids of every shape: 32 lowercase hex digits (packed),
    /// and texts that are not (upper case, 31 or 33 digits, a letter past
    /// `f`, non-ASCII, NULs, empty).
    fn shapes() -> Vec<(String, String)> {
        vec![
            (hex_hash(1), hex_hash(2)),
            (hex_hash(3).to_uppercase(), "doc-of-upper".to_owned()),
            (format!("{}0", hex_hash(4)), hex_hash(5)),
            (hex_hash(6)[..31].to_owned(), "short".to_owned()),
            (format!("{}g", &hex_hash(7)[..31]), "not hex".to_owned()),
            ("h1".to_owned(), "d1".to_owned()),
            (hex_hash(8), "文档".to_owned()),
            (format!("{}\0x", hex_hash(9)), format!("{}\0", hex_hash(10))),
            ("é".repeat(32), String::new()),
        ]
    }

    /// Whether each hash and doc_id of `pairs` is stored as [`Packed`] makes it.
    fn assert_stored_as_packed(ledger: &Ledger, pairs: &[(String, String)]) {
        ledger.end_reads().expect("end");
        let kind = |text: &str| match Packed::new(text) {
            Packed::Bytes(_) => "blob",
            Packed::Text(_) => "text",
        };
        for (hash, doc_id) in pairs {
            let stored: (String, String) = ledger
                .conn
                .query_row(
                    "SELECT typeof(hash), typeof(doc_id) FROM content_hashes WHERE hash = ?1",
                    [Packed::new(hash)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("stored");
            assert_eq!(stored, (kind(hash).to_owned(), kind(doc_id).to_owned()), "{hash:?}");
        }
    }

    /// Hashes and doc_ids of 32 lowercase hex digits are stored as 16 bytes
    /// and come back as the same text; any other text is stored as it is.
    #[test]
    fn hashes_are_packed_and_come_back_as_they_were_given() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut ledger = Ledger::open(dir.path()).expect("open");
        let pairs = shapes();
        ledger.commit(&Segment { run_id: "a".into(), hashes: pairs.clone(), ..Segment::default() }).expect("commit");
        for (hash, doc_id) in &pairs {
            assert_eq!(ledger.first_with_hash(hash).expect("lookup").as_ref(), Some(doc_id), "{hash:?}");
        }
        // Only the exact text finds its row.
        assert_eq!(ledger.first_with_hash(&hex_hash(3)).expect("lookup"), None);
        assert_eq!(ledger.first_with_hash(&hex_hash(1).to_uppercase()).expect("lookup"), None);
        assert_stored_as_packed(&ledger, &pairs);
        let blobs: i64 = ledger
            .conn
            .query_row(
                "SELECT count(*) FROM content_hashes WHERE typeof(hash) = 'blob' AND length(hash) = 16",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(blobs, 2);
    }

    /// A ledger written before hashes were packed has them moved into the
    /// packed table when it is opened, and they are found as before.
    #[test]
    fn a_ledger_with_text_hashes_is_packed_when_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pairs = shapes();
        {
            let conn = Connection::open(dir.path().join(LEDGER_FILE)).expect("open");
            conn.execute_batch(
                "CREATE TABLE hashes (content_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL) WITHOUT ROWID",
            )
            .expect("old table");
            for (hash, doc_id) in &pairs {
                conn.execute("INSERT INTO hashes VALUES (?1, ?2)", [hash, doc_id]).expect("insert");
            }
        }
        let ledger = Ledger::open(dir.path()).expect("open");
        for (hash, doc_id) in &pairs {
            assert_eq!(ledger.first_with_hash(hash).expect("lookup").as_ref(), Some(doc_id), "{hash:?}");
        }
        // The SQL that moved them packs exactly what `Packed` packs.
        assert_stored_as_packed(&ledger, &pairs);
        let (old, blobs): (bool, i64) = ledger
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'hashes'),
                        (SELECT count(*) FROM content_hashes WHERE typeof(hash) = 'blob')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("schema");
        assert_eq!((old, blobs), (false, 2));
        drop(ledger);
        // Opened again, nothing is left to move.
        let again = Ledger::open(dir.path()).expect("reopen");
        assert_eq!(again.first_with_hash("h1").expect("lookup").as_deref(), Some("d1"));
    }

    /// Every file of `dir` with its length and a hash of its bytes, in name order.
    fn snapshot(dir: &Path) -> Vec<(std::ffi::OsString, usize, String)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .expect("list")
            .map(|entry| {
                let entry = entry.expect("entry");
                let bytes = fs::read(entry.path()).expect("read");
                (entry.file_name(), bytes.len(), blake3::hash(&bytes).to_hex().to_string())
            })
            .collect();
        files.sort();
        files
    }

    /// A ledger opened to read only is read as it is: an old one keeps its
    /// text hashes, its journal mode and its missing tables, and not a byte
    /// of the directory changes; what it records reads as through `open`.
    #[test]
    fn a_ledger_opened_to_read_only_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            // A ledger from before the settings and the packed hashes.
            let conn = Connection::open(dir.path().join(LEDGER_FILE)).expect("open");
            let (_, inputs) = TABLES[0];
            conn.execute_batch(&format!(
                "CREATE TABLE inputs {inputs};
                 CREATE TABLE hashes (content_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL) WITHOUT ROWID;
                 INSERT INTO inputs VALUES ('in/1.txt', 10, 5, 'fp', 1, 1, 'r1');
                 INSERT INTO hashes VALUES ('h1', 'd1');"
            ))
            .expect("old ledger");
        }
        let before = snapshot(dir.path());
        let ledger = Ledger::open_read_only(dir.path()).expect("open read-only");
        let input = ledger.input("in/1.txt").expect("query").expect("recorded");
        assert_eq!((input.size, input.done, input.items), (10, true, 1));
        assert_eq!(ledger.input("in/2.txt").expect("query"), None);
        assert_eq!(ledger.setting(SHARD_SETTING).expect("a missing table reads as empty"), None);
        assert_eq!(ledger.first_with_hash("h1").expect("query"), None, "the text hashes are not moved");
        let write = ledger.conn.execute("DELETE FROM inputs", []);
        assert!(write.is_err(), "a read-only connection wrote: {write:?}");
        drop(ledger);
        assert_eq!(snapshot(dir.path()), before);
        // Opened to write, it is converted as before.
        let ledger = Ledger::open(dir.path()).expect("open");
        assert_eq!(ledger.first_with_hash("h1").expect("query").as_deref(), Some("d1"));
    }

    /// A ledger in WAL mode reads the same to a read-only connection, also
    /// while another connection has it open with commits in its log.
    #[test]
    fn a_wal_ledger_reads_the_same_read_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        let mut writer = Ledger::open(out).expect("open");
        let segment =
            Segment { run_id: "a".into(), inputs: vec![progress("in/1.txt", true, 1, true)], ..Segment::default() };
        writer.commit(&segment).expect("commit");
        writer.set_setting(SHARD_SETTING, "1/4", "a").expect("setting");
        let reader = Ledger::open_read_only(out).expect("open read-only");
        assert_eq!(reader.setting(SHARD_SETTING).expect("query"), Some(("1/4".into(), "a".into())));
        assert_eq!(reader.input("in/1.txt").expect("query"), writer.input("in/1.txt").expect("query"));
        assert!(reader.set_setting(SHARD_SETTING, "0/2", "b").is_err(), "a read-only connection wrote");
        drop(reader);
        drop(writer);
        let before = snapshot(out);
        let reader = Ledger::open_read_only(out).expect("reopen read-only");
        assert!(reader.input("in/1.txt").expect("query").is_some_and(|i| i.done));
        drop(reader);
        // A read-only connection cannot remove the shared-memory index and
        // the empty log that reading a WAL ledger needs; the ledger itself is
        // as it was, and nothing else appears.
        let after = snapshot(out);
        let companions = |name: &std::ffi::OsStr| {
            name.to_str().is_some_and(|n| n == "ledger.sqlite-shm" || n == "ledger.sqlite-wal")
        };
        assert_eq!(
            after.iter().filter(|(name, ..)| !companions(name)).collect::<Vec<_>>(),
            before.iter().collect::<Vec<_>>()
        );
        assert!(after.iter().all(|(name, len, _)| name != "ledger.sqlite-wal" || *len == 0), "{after:?}");
    }

    #[test]
    fn the_hash_filter_holds_what_it_was_given_and_little_else() {
        let mut filter = HashFilter::new();
        for n in 0..100_000 {
            assert!(filter.insert(&Packed::new(&hex_hash(n))));
        }
        assert!((0..100_000).all(|n| filter.may_hold(&Packed::new(&hex_hash(n)))));
        let passed = (100_000..200_000).filter(|&n| filter.may_hold(&Packed::new(&hex_hash(n)))).count();
        assert!(passed < 100, "{passed} of 100,000 hashes never given pass");
        // What has no bits passes, and cannot be held.
        assert!(filter.may_hold(&Packed::new("h1")) && filter.may_hold(&Packed::new(&"g".repeat(32))));
        assert!(!filter.insert(&Packed::new("h1")));
    }

    /// With the filter, look-ups of hashes staged or committed on this
    /// connection still find them; a ledger that held hashes before gets no
    /// filter, so what earlier runs recorded is found too; a hash the
    /// filter cannot hold turns it off.
    #[test]
    fn filtered_lookups_find_every_recorded_hash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        let mut ledger = Ledger::open(out).expect("open");
        ledger.filter_hashes().expect("filter");
        assert!(ledger.hash_filter.is_some(), "an empty ledger is filtered");
        let staged = Segment { run_id: "a".into(), hashes: vec![(hex_hash(1), "d1".into())], ..Segment::default() };
        ledger.stage(&staged).expect("stage");
        let committed = Segment { run_id: "a".into(), hashes: vec![(hex_hash(2), "d2".into())], ..Segment::default() };
        ledger.commit(&committed).expect("commit");
        assert_eq!(ledger.first_with_hash(&hex_hash(1)).expect("q").as_deref(), Some("d1"));
        assert_eq!(ledger.first_with_hash(&hex_hash(2)).expect("q").as_deref(), Some("d2"));
        assert_eq!(ledger.first_with_hash(&hex_hash(3)).expect("q"), None);
        drop(ledger);

        let mut ledger = Ledger::open(out).expect("open");
        ledger.filter_hashes().expect("filter");
        assert!(ledger.hash_filter.is_none(), "a ledger with hashes is not filtered");
        assert_eq!(ledger.first_with_hash(&hex_hash(1)).expect("q").as_deref(), Some("d1"));

        let other = tempfile::tempdir().expect("tempdir");
        let mut ledger = Ledger::open(other.path()).expect("open");
        ledger.filter_hashes().expect("filter");
        let odd = Segment { run_id: "a".into(), hashes: vec![("h1".into(), "d1".into())], ..Segment::default() };
        ledger.commit(&odd).expect("commit");
        assert!(ledger.hash_filter.is_none());
        assert_eq!(ledger.first_with_hash("h1").expect("q").as_deref(), Some("d1"));
    }

    /// Look-ups share a read transaction: a commit on another connection is
    /// seen once it ends (`end_reads`, or after LOOKUPS_PER_READ look-ups),
    /// and writes on the same connection end it first.
    #[test]
    fn lookups_share_a_snapshot_that_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut writer = Ledger::open(dir.path()).expect("open");
        let reader = Ledger::open(dir.path()).expect("open");
        let commit = |writer: &mut Ledger, path: &str| {
            let segment =
                Segment { run_id: "a".into(), inputs: vec![progress(path, true, 1, true)], ..Segment::default() };
            writer.commit(&segment).expect("commit");
        };
        assert_eq!(reader.input("in/1.txt").expect("query"), None);
        commit(&mut writer, "in/1.txt");
        assert_eq!(reader.input("in/1.txt").expect("query"), None, "the snapshot of the open batch");
        reader.end_reads().expect("end");
        assert!(reader.input("in/1.txt").expect("query").is_some());

        commit(&mut writer, "in/2.txt");
        let seen_after = (0..=LOOKUPS_PER_READ).position(|_| reader.input("in/2.txt").expect("query").is_some());
        assert_eq!(seen_after, Some(LOOKUPS_PER_READ as usize - 1), "a batch serves LOOKUPS_PER_READ look-ups");

        // The writer's own look-ups never keep it from writing, or from seeing its writes.
        assert_eq!(writer.first_with_hash("h").expect("query"), None);
        writer.refresh_fingerprint("in/1.txt", 99, Some(7)).expect("refresh");
        assert_eq!(writer.input("in/1.txt").expect("query").map(|s| s.size), Some(99));
        let segment = Segment { run_id: "b".into(), hashes: vec![("h".into(), "d".into())], ..Segment::default() };
        writer.commit(&segment).expect("commit");
        assert_eq!(writer.first_with_hash("h").expect("query").as_deref(), Some("d"));
        reader.end_reads().expect("end");
        assert_eq!(reader.input("in/1.txt").expect("query").map(|s| s.size), Some(99));
    }

    /// Staged progress is part of the segment's commit: invisible to other
    /// connections before it, visible with the files after it, and gone if
    /// the ledger is dropped (a killed run) before it.
    #[test]
    fn staged_progress_lands_with_the_commit_or_not_at_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        fs::create_dir_all(out.join("articles")).expect("mkdir");
        let other = Ledger::open(out).expect("open");
        let staged = |run: &str, path: &str, hash: &str| Segment {
            run_id: run.into(),
            inputs: vec![progress(path, true, 1, true)],
            hashes: vec![(hash.into(), format!("doc-{hash}"))],
            ..Segment::default()
        };
        {
            let mut killed = Ledger::open(out).expect("open");
            killed.stage(&staged("a", "in/1.txt", "h1")).expect("stage");
            assert_eq!(killed.first_with_hash("h1").expect("query").as_deref(), Some("doc-h1"), "seen by its own");
        }
        assert_eq!(other.input("in/1.txt").expect("query"), None);
        assert_eq!(other.first_with_hash("h1").expect("query"), None);

        let mut ledger = Ledger::open(out).expect("open");
        ledger.stage(&staged("b", "in/1.txt", "h1")).expect("stage");
        ledger.stage(&staged("b", "in/2.txt", "h2")).expect("stage");
        other.end_reads().expect("end");
        assert_eq!(other.input("in/2.txt").expect("query"), None, "not before the commit");
        let tmp = out.join("articles/.part-b-00000.parquet.tmp");
        let dest = out.join("articles/part-b-00000.parquet");
        fs::write(&tmp, b"x").expect("write");
        let segment = Segment { files: vec![(tmp, dest.clone())], ..staged("b", "in/3.txt", "h3") };
        ledger.commit(&segment).expect("commit");
        assert!(dest.exists());
        other.end_reads().expect("end");
        for (path, hash) in [("in/1.txt", "h1"), ("in/2.txt", "h2"), ("in/3.txt", "h3")] {
            let state = other.input(path).expect("query").expect("recorded");
            assert_eq!((state.done, state.runs), (true, vec!["b".to_string()]), "{path}");
            assert!(other.first_with_hash(hash).expect("query").is_some(), "{hash}");
        }
    }

    #[test]
    fn recovery_rolls_forward_deletes_and_quarantines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        fs::create_dir_all(out.join("articles")).expect("mkdir");
        let mut ledger = Ledger::open(out).expect("open");
        let committed_tmp = out.join("articles/.part-a-00000.parquet.tmp");
        fs::write(&committed_tmp, b"x").expect("write");
        let dest = out.join("articles/part-a-00000.parquet");
        // Recorded, then "killed" before the rename: simulate by recording without the file present.
        let segment =
            Segment { run_id: "a".into(), files: vec![(committed_tmp.clone(), dest.clone())], ..Segment::default() };
        fs::rename(&committed_tmp, out.join("articles/hold")).expect("hide");
        assert!(ledger.commit(&segment).is_err(), "the rename fails while the file is hidden");
        fs::rename(out.join("articles/hold"), &committed_tmp).expect("restore");
        fs::write(out.join("articles/.part-b-00000.parquet.tmp"), b"half").expect("write");
        fs::write(out.join("articles/part-z-00000.parquet"), b"stray").expect("write");

        assert_eq!(ledger.recover().expect("recover"), (1, 1, 1));
        assert!(dest.exists());
        assert!(!out.join("articles/.part-b-00000.parquet.tmp").exists());
        assert!(out.join("quarantine/articles/part-z-00000.parquet").exists());
        assert_eq!(ledger.recover().expect("recover again"), (0, 0, 0));
    }
}
