//! Finding inputs and reading the documents they hold.
//!
//! Discovery walks the paths a user names, in a stable order, and yields one
//! [`Input`] per file, or a [`ReadError`] for what cannot be walked.
//! [`expand()`] then streams each input — plain documents, JSON Lines, WARC,
//! compressed streams and archives, sniffed by their bytes — into
//! [`Record`]s, with a [`RecordError`] (and its stable reason code for the
//! rejects table) for everything that cannot be read.

mod expand;
pub mod fingerprint;
pub mod sniff;
pub mod warc;

use std::fmt;
use std::io;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

pub use expand::{
    expand, expand_opened, open_ahead, Expanded, Item, Limits, Opened, Record, RecordError, RecordFormat,
};

/// Where a document came from: a file, the member inside it when the file is
/// an archive (nested members joined by `!`), and the record's ordinal, from
/// one, when the file or member is a stream of records (a JSON Lines line
/// number, a JSON array element, a WARC record). This is the stable key of a
/// document (for the ledger and for sharding).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId {
    pub path: String,
    pub member: Option<String>,
    pub record: Option<u64>,
}

/// The text form of a file's path that tables and the ledger key on: the
/// path itself when it is UTF-8 (and has no `\x` in it); otherwise its UTF-8
/// stretches with every other byte written `\xNN`, and a backslash before an
/// `x` written `\x5C`, so that no two paths share a key (`a\xFF.txt` spelled
/// out in ASCII is `a\x5CxFF.txt`). A lossy form (`U+FFFD` for each such byte)
/// gave `a\xff.txt` and `a\xfe.txt` one key, and one of the two files
/// superseded the other on every run.
pub fn path_key(path: &Path) -> String {
    bytes_key(path.as_os_str().as_encoded_bytes())
}

/// [`path_key`] of a name given as bytes (an archive member's).
pub(crate) fn bytes_key(bytes: &[u8]) -> String {
    const ESCAPE_LEAD: &str = "\\x";
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains(ESCAPE_LEAD) {
            return text.to_owned();
        }
    }
    let mut key = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        key.push_str(&chunk.valid().replace(ESCAPE_LEAD, "\\x5Cx"));
        for byte in chunk.invalid() {
            key.push_str(&format!("\\x{byte:02X}"));
        }
    }
    key
}

impl SourceId {
    /// A plain file.
    pub fn file(path: impl Into<String>) -> Self {
        SourceId { path: path.into(), member: None, record: None }
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(member) = &self.member {
            write!(f, "!{member}")?;
        }
        if let Some(record) = self.record {
            write!(f, "#{record}")?;
        }
        Ok(())
    }
}

/// One file found by discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub id: SourceId,
    pub fs_path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch, when known.
    pub mtime: Option<i64>,
}

/// Why a path could not be walked.
#[derive(Debug)]
pub enum ReadError {
    /// The path named on the command line does not exist or cannot be walked.
    Walk { path: String, source: io::Error },
    /// The file exists but its metadata cannot be read.
    Unreadable { path: String, source: io::Error },
}

impl ReadError {
    /// A stable reason code for the rejects table.
    pub fn reason(&self) -> &'static str {
        match self {
            ReadError::Walk { .. } => "unwalkable",
            ReadError::Unreadable { .. } => "unreadable",
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Walk { path, .. } | ReadError::Unreadable { path, .. } => path,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Walk { path, source } => write!(f, "cannot walk {path}: {source}"),
            ReadError::Unreadable { path, source } => write!(f, "cannot read {path}: {source}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Walk { source, .. } | ReadError::Unreadable { source, .. } => Some(source),
        }
    }
}

/// How discovery treats what it finds.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Skip files and folders whose names start with a dot.
    pub skip_hidden: bool,
    /// Folders never walked into, such as the run's own output folder when it
    /// lies under an input path (its Parquet files are not articles).
    pub exclude: Vec<PathBuf>,
    /// Follow symbolic links inside the walked folders (a link loop or a
    /// broken link is then an error). Off, links are counted, not read.
    pub follow_links: bool,
}

/// What discovery found under the given paths.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// Paths that could not be walked; each becomes a reject.
    pub errors: Vec<ReadError>,
    /// Hidden files passed over because of [`DiscoverOptions::skip_hidden`].
    pub hidden_skipped: u64,
    /// Symbolic links passed over (not followed).
    pub links_skipped: u64,
    /// Entries that are neither files, folders nor links (FIFOs, sockets, devices).
    pub special_skipped: u64,
}

/// Walks `paths` (files or folders, recursively) in a stable order: each path
/// in the order given, and inside a folder by file name. Symbolic links inside
/// the folders are followed only with [`DiscoverOptions::follow_links`]; a
/// path given as a link is always followed.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Discovery {
    let mut found = Discovery::default();
    walk(paths, options, &mut |event| {
        match event {
            Found::Input(input) => found.inputs.push(input),
            Found::Error(err) => found.errors.push(err),
            Found::Hidden => found.hidden_skipped += 1,
            Found::Link => found.links_skipped += 1,
            Found::Special => found.special_skipped += 1,
        }
        ControlFlow::Continue(())
    });
    found
}

/// One thing [`walk`] came across.
#[derive(Debug)]
pub enum Found {
    Input(Input),
    Error(ReadError),
    /// A hidden file passed over because of [`DiscoverOptions::skip_hidden`].
    Hidden,
    /// A symbolic link passed over ([`DiscoverOptions::follow_links`] is off).
    Link,
    /// A FIFO, socket or device: nothing to read as a document.
    Special,
}

/// Walks `paths` like [`discover`] but hands each file over as it is found,
/// so that tens of millions of inputs never sit in memory at once.
///
/// Every file is handed over once even when the paths overlap (`data/ data/`,
/// `data/ data/sub/`, `data/sub/ data/`): a path that resolves to one walked
/// before, or lies inside it, is passed over, and so is a folder met again
/// inside a later path. Folders in [`DiscoverOptions::exclude`] are never
/// entered. `visit` answers [`ControlFlow::Break`] to end the walk early
/// (a run that is failing has no use for the rest of a huge tree).
pub fn walk(paths: &[PathBuf], options: &DiscoverOptions, visit: &mut dyn FnMut(Found) -> ControlFlow<()>) {
    // A break has done its work once the walk stops.
    let _ = walk_until_break(paths, options, visit);
}

/// [`walk`], ending at the first [`ControlFlow::Break`] of `visit`.
fn walk_until_break(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    visit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut skip_dirs: Vec<PathBuf> = options.exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut walked_files: Vec<PathBuf> = Vec::new();
    for root in paths {
        let canonical_root = root.canonicalize().ok();
        if let Some(canonical) = &canonical_root {
            let seen = skip_dirs.iter().any(|dir| canonical.starts_with(dir)) || walked_files.contains(canonical);
            if seen {
                continue;
            }
        }
        let walker = WalkDir::new(root).follow_links(options.follow_links).sort_by_file_name();
        let mut it = walker.into_iter();
        while let Some(entry) = it.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = path_key(err.path().unwrap_or(root));
                    let source = err.into_io_error().unwrap_or_else(|| io::Error::other("filesystem loop"));
                    visit(Found::Error(ReadError::Walk { path, source }))?;
                    continue;
                }
            };
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            if options.skip_hidden && hidden {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                } else {
                    visit(Found::Hidden)?;
                }
                continue;
            }
            if entry.file_type().is_dir() {
                let met_before = entry.depth() > 0
                    && !skip_dirs.is_empty()
                    && entry.path().canonicalize().is_ok_and(|dir| skip_dirs.contains(&dir));
                if met_before {
                    it.skip_current_dir();
                }
                continue;
            }
            // A path given as a link is followed: walkdir walks a linked folder
            // given as a root, but hands over the root entry itself as the link.
            let root_link = entry.depth() == 0 && entry.file_type().is_symlink();
            if entry.file_type().is_symlink() && !root_link {
                visit(Found::Link)?;
                continue;
            }
            let path = path_key(entry.path());
            let meta = if root_link {
                std::fs::metadata(entry.path())
            } else {
                entry.metadata().map_err(|err| err.into_io_error().unwrap_or_else(|| io::Error::other("no metadata")))
            };
            let meta = match meta {
                Ok(meta) => meta,
                Err(source) => {
                    visit(Found::Error(ReadError::Unreadable { path, source }))?;
                    continue;
                }
            };
            if meta.is_dir() {
                continue;
            }
            if !meta.is_file() {
                visit(Found::Special)?;
                continue;
            }
            if !walked_files.is_empty() && entry.path().canonicalize().is_ok_and(|file| walked_files.contains(&file)) {
                continue;
            }
            visit(Found::Input(Input {
                id: SourceId::file(path),
                fs_path: entry.path().to_path_buf(),
                size: meta.len(),
                mtime: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .and_then(|d| i64::try_from(d.as_nanos()).ok()),
            }))?;
        }
        match canonical_root {
            Some(canonical) if canonical.is_dir() => skip_dirs.push(canonical),
            Some(canonical) => walked_files.push(canonical),
            None => {}
        }
    }
    ControlFlow::Continue(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes a [`bytes_key`] stands for: `\xNN` is a byte, anything else
    /// itself.
    fn key_bytes(key: &str) -> Vec<u8> {
        let (bytes, mut out, mut i) = (key.as_bytes(), Vec::new(), 0);
        while i < bytes.len() {
            let hex = bytes.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], bytes.get(i + 1), hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'\\', Some(b'x'), Some(byte)) => {
                    out.push(byte);
                    i += 4;
                }
                (byte, ..) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn keys_of_names_are_the_name_when_utf8_and_never_shared() {
        assert_eq!(bytes_key("新闻/a b.txt".as_bytes()), "新闻/a b.txt");
        assert_eq!(bytes_key(b"a\xff.txt"), "a\\xFF.txt");
        // The same spelled out in ASCII is another file.
        assert_eq!(bytes_key(b"a\\xFF.txt"), "a\\x5CxFF.txt");
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = [b'\\', b'x', b'F', b'5', b'C', b'a', 0xFF, 0xE4, 0xB8, 0xAD, b'/'];
        for _ in 0..20_000 {
            let len = (next() % 9) as usize;
            let name: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            assert_eq!(key_bytes(&bytes_key(&name)), name, "{name:x?}");
        }
    }
    use std::fs;

    fn options() -> DiscoverOptions {
        DiscoverOptions { skip_hidden: true, ..DiscoverOptions::default() }
    }

    /// A temporary folder holding `names` (paths under it), each file
    /// holding its own name.
    fn tree(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in names {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, name).expect("write");
        }
        dir
    }

    #[test]
    fn a_walk_ends_when_the_visitor_says_so() {
        let dir = tree(&["a.txt", "b.txt", "sub/c.txt", "sub/d.txt"]);
        let mut seen = 0;
        walk(&[dir.path().to_path_buf()], &options(), &mut |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 2);
    }

    #[test]
    fn walks_in_stable_order_and_skips_hidden() {
        let dir = tree(&["b.txt", "a.txt", ".hidden.txt", "sub/c.txt", ".git/x.txt", "page.html"]);
        let found = discover(&[dir.path().to_path_buf()], &options());
        let names: Vec<_> = found
            .inputs
            .iter()
            .map(|i| i.fs_path.strip_prefix(dir.path()).expect("under root").display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "page.html", "sub/c.txt"]);
        assert_eq!(found.hidden_skipped, 1);
        assert!(found.errors.is_empty());
    }

    #[test]
    fn links_are_counted_unless_followed_and_special_files_are_counted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir_all(root.join("real")).expect("mkdir");
        fs::write(root.join("real/a.txt"), "a").expect("write");
        std::os::unix::fs::symlink(root.join("real/a.txt"), root.join("link-to-file.txt")).expect("symlink");
        std::os::unix::fs::symlink(root.join("real"), root.join("link-to-dir")).expect("symlink");
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("broken.txt")).expect("symlink");
        let _socket = std::os::unix::net::UnixListener::bind(root.join("sock")).expect("socket");
        let names = |found: &Discovery| -> Vec<String> {
            let relative = |i: &Input| i.fs_path.strip_prefix(root).expect("under root").display().to_string();
            found.inputs.iter().map(relative).collect()
        };

        let found = discover(&[root.to_path_buf()], &options());
        assert_eq!(names(&found), ["real/a.txt"]);
        assert_eq!((found.links_skipped, found.special_skipped), (3, 1));
        assert!(found.errors.is_empty());

        let follow = DiscoverOptions { follow_links: true, ..options() };
        let found = discover(&[root.to_path_buf()], &follow);
        assert_eq!(names(&found), ["link-to-dir/a.txt", "link-to-file.txt", "real/a.txt"]);
        assert_eq!((found.links_skipped, found.special_skipped), (0, 1));
        // The broken link is an error, so it becomes a reject.
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
        assert!(found.errors[0].path().ends_with("broken.txt"), "{}", found.errors[0].path());

        // Paths given as links are followed whatever the setting (one at a time:
        // both lead to the same file, which a walk hands over once).
        for (given, expected) in [("link-to-file.txt", "link-to-file.txt"), ("link-to-dir", "link-to-dir/a.txt")] {
            let found = discover(&[root.join(given)], &options());
            let paths: Vec<_> = found.inputs.iter().map(|i| (i.fs_path.clone(), i.size)).collect();
            assert_eq!(paths, [(root.join(expected), 1)], "{given}");
            assert_eq!((found.links_skipped, found.special_skipped), (0, 0), "{given}");
            assert!(found.errors.is_empty());
        }
    }

    #[test]
    fn overlapping_paths_give_each_file_once() {
        let dir = tree(&["a.txt", "sub/b.txt", "sub/deeper/c.txt", "out/articles/x.parquet"]);
        let root = dir.path().to_path_buf();
        let (sub, file) = (root.join("sub"), root.join("sub/b.txt"));
        let options = DiscoverOptions { skip_hidden: true, exclude: vec![root.join("out")], follow_links: false };
        let names = |paths: &[PathBuf]| -> Vec<String> {
            let found = discover(paths, &options);
            assert!(found.errors.is_empty());
            found
                .inputs
                .iter()
                .map(|i| i.fs_path.strip_prefix(&root).expect("under root").display().to_string())
                .collect()
        };
        let all = ["a.txt", "sub/b.txt", "sub/deeper/c.txt"];
        assert_eq!(names(&[root.clone(), root.clone()]), all);
        assert_eq!(names(&[root.clone(), sub.clone(), file.clone()]), all);
        assert_eq!(
            names(&[root.join("sub/./deeper/.."), root.clone()]),
            ["sub/./deeper/../b.txt", "sub/./deeper/../deeper/c.txt", "a.txt"]
        );
        assert_eq!(names(&[file.clone(), sub.clone()]), ["sub/b.txt", "sub/deeper/c.txt"]);
        assert_eq!(names(&[root.join("out")]), Vec::<String>::new());
    }

    #[test]
    fn missing_path_is_an_error_not_a_panic() {
        let found = discover(&[PathBuf::from("/definitely/not/here")], &options());
        assert!(found.inputs.is_empty());
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.errors[0].reason(), "unwalkable");
    }
}
