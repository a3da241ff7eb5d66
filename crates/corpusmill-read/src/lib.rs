//! Finding inputs and reading their bytes.
//!
//! Discovery walks the paths a user names, in a stable order, and yields one
//! [`Input`] per file, or a [`ReadError`] for what cannot be walked. Reading
//! turns an input into bytes, refusing what is too large to be an article
//! dump before a byte of it is read. Everything that goes wrong carries a
//! stable reason code for the rejects table.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

/// Where a document came from: a file, and the member inside it when the file
/// is an archive. This is the stable key of an input (for the ledger and for
/// sharding), so it holds the path as given on the command line plus the
/// path inside the walked folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId {
    pub path: String,
    pub member: Option<String>,
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.member {
            Some(member) => write!(f, "{}!{}", self.path, member),
            None => f.write_str(&self.path),
        }
    }
}

/// What kind of record a file holds, decided from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A plain-text article dump (or a file to be sniffed as one).
    TextDump,
    /// A format this version does not read yet (HTML, JSON, archives…).
    Unsupported,
}

/// One file found by discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub id: SourceId,
    pub fs_path: PathBuf,
    pub size: u64,
    /// Modification time in whole seconds since the Unix epoch, when known.
    pub mtime: Option<i64>,
    pub format: Format,
}

/// Why an input could not be found or read.
#[derive(Debug)]
pub enum ReadError {
    /// The path named on the command line does not exist or cannot be walked.
    Walk { path: String, source: io::Error },
    /// The file exists but reading it failed (permissions, I/O error).
    Unreadable { path: String, source: io::Error },
    /// The file is larger than the configured limit for one article dump.
    TooLarge { path: String, size: u64, limit: u64 },
    /// The file's format is not one this version reads.
    Unsupported { path: String, extension: String },
}

impl ReadError {
    /// A stable reason code for the rejects table.
    pub fn reason(&self) -> &'static str {
        match self {
            ReadError::Walk { .. } => "unwalkable",
            ReadError::Unreadable { .. } => "unreadable",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::Unsupported { .. } => "unsupported_format",
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Walk { path, .. }
            | ReadError::Unreadable { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Unsupported { path, .. } => path,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Walk { path, source } => write!(f, "cannot walk {path}: {source}"),
            ReadError::Unreadable { path, source } => write!(f, "cannot read {path}: {source}"),
            ReadError::TooLarge { path, size, limit } => {
                write!(f, "{path} is {size} bytes, over the {limit}-byte limit for one dump")
            }
            ReadError::Unsupported { path, extension } => {
                write!(f, "{path}: .{extension} files are not read by this version")
            }
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Walk { source, .. } | ReadError::Unreadable { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// How discovery treats what it finds.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Skip files and folders whose names start with a dot.
    pub skip_hidden: bool,
}

/// What discovery found under the given paths.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// Paths that could not be walked; each becomes a reject.
    pub errors: Vec<ReadError>,
    /// Hidden files passed over because of [`DiscoverOptions::skip_hidden`].
    pub hidden_skipped: u64,
}

/// Walks `paths` (files or folders, recursively) in a stable order: each path
/// in the order given, and inside a folder by file name. Symbolic links are
/// not followed.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Discovery {
    let mut found = Discovery::default();
    for root in paths {
        let walker = WalkDir::new(root).follow_links(false).sort_by_file_name();
        let mut it = walker.into_iter();
        while let Some(entry) = it.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(root).display().to_string();
                    let source = err.into_io_error().unwrap_or_else(|| io::Error::other("filesystem loop"));
                    found.errors.push(ReadError::Walk { path, source });
                    continue;
                }
            };
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            if options.skip_hidden && hidden {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                } else {
                    found.hidden_skipped += 1;
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path().display().to_string();
            match entry.metadata() {
                Ok(meta) => found.inputs.push(Input {
                    format: format_of(entry.path()),
                    id: SourceId { path, member: None },
                    fs_path: entry.path().to_path_buf(),
                    size: meta.len(),
                    mtime: meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_secs()).ok()),
                }),
                Err(err) => {
                    let source = err.into_io_error().unwrap_or_else(|| io::Error::other("no metadata"));
                    found.errors.push(ReadError::Unreadable { path, source });
                }
            }
        }
    }
    found
}

/// Extensions of formats other issues will read (HTML, JSON, WARC, archives and
/// compressed streams). Until then they are reported, not guessed at.
const NOT_YET_READ: &[&str] = &[
    "html", "htm", "xhtml", "json", "jsonl", "ndjson", "warc", "arc", "gz", "tgz", "zst", "bz2", "xz", "zip", "tar",
    "7z", "rar", "pdf", "doc", "docx",
];

/// Any other file is taken for a text dump; decoding then rejects what is
/// binary, so nothing is skipped on the strength of its name alone.
fn format_of(path: &Path) -> Format {
    match path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()) {
        Some(ext) if NOT_YET_READ.contains(&ext.as_str()) => Format::Unsupported,
        _ => Format::TextDump,
    }
}

/// Reads the whole of a text dump, refusing files over `max_bytes` before
/// reading them and never reading more than `max_bytes + 1` bytes (the file
/// may grow while we read).
pub fn read_input(input: &Input, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let path = || input.id.path.clone();
    if input.format == Format::Unsupported {
        let extension = input.fs_path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        return Err(ReadError::Unsupported { path: path(), extension });
    }
    if input.size > max_bytes {
        return Err(ReadError::TooLarge { path: path(), size: input.size, limit: max_bytes });
    }
    let file = fs::File::open(&input.fs_path).map_err(|source| ReadError::Unreadable { path: path(), source })?;
    let mut bytes = Vec::with_capacity(usize::try_from(input.size).unwrap_or(0));
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Unreadable { path: path(), source })?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge { path: path(), size: bytes.len() as u64, limit: max_bytes });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> DiscoverOptions {
        DiscoverOptions { skip_hidden: true }
    }

    #[test]
    fn walks_in_stable_order_and_skips_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["b.txt", "a.txt", ".hidden.txt", "sub/c.txt", ".git/x.txt", "page.html"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, name).expect("write");
        }
        let found = discover(&[dir.path().to_path_buf()], &options());
        let names: Vec<_> = found
            .inputs
            .iter()
            .map(|i| i.fs_path.strip_prefix(dir.path()).expect("under root").display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "page.html", "sub/c.txt"]);
        assert_eq!(found.hidden_skipped, 1);
        assert!(found.errors.is_empty());
        assert_eq!(found.inputs[2].format, Format::Unsupported);
        let err = read_input(&found.inputs[2], 100).expect_err("html is not read yet");
        assert_eq!(err.reason(), "unsupported_format");
    }

    #[test]
    fn missing_path_is_an_error_not_a_panic() {
        let found = discover(&[PathBuf::from("/definitely/not/here")], &options());
        assert!(found.inputs.is_empty());
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.errors[0].reason(), "unwalkable");
    }

    #[test]
    fn oversized_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("huge.txt");
        let file = fs::File::create(&path).expect("create");
        file.set_len(2 << 30).expect("sparse 2 GiB file");
        let found = discover(&[path], &options());
        let err = read_input(&found.inputs[0], 64 << 20).expect_err("too large");
        assert_eq!(err.reason(), "too_large");
        assert!(err.to_string().contains("2147483648 bytes"));
    }

    #[test]
    fn file_gone_between_discovery_and_reading_is_unreadable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("gone.txt");
        fs::write(&path, "x").expect("write");
        let found = discover(std::slice::from_ref(&path), &options());
        fs::remove_file(&path).expect("remove");
        let err = read_input(&found.inputs[0], 100).expect_err("unreadable");
        assert_eq!(err.reason(), "unreadable");
    }
}
