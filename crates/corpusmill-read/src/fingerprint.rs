//! The fingerprint of an input file's bytes: the ledger keeps it to tell a
//! file that was only touched (a new mtime, the same bytes) from one that
//! changed, without reading the file when its size and mtime are unchanged.
//!
//! Fingerprints are XXH3-128 (`xxh3-128:` and 32 hex digits): a BLAKE3 pass
//! over each small file was a twentieth of a clean ingest, and telling a
//! file's versions apart needs no cryptographic hash. Ledgers written before
//! hold BLAKE3 (64 hex digits); [`Fingerprinter::like`] computes a file's
//! fingerprint in the scheme of the one stored, so those still compare.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use twox_hash::XxHash3_128;

const XXH3_PREFIX: &str = "xxh3-128:";

/// A fingerprint computed from bytes fed in order.
pub struct Fingerprinter(Scheme);

enum Scheme {
    Xxh3(Box<XxHash3_128>),
    Blake3(Box<blake3::Hasher>),
}

impl Fingerprinter {
    /// The fingerprint new ledger rows get.
    pub fn new() -> Self {
        Fingerprinter(Scheme::Xxh3(Box::new(XxHash3_128::new())))
    }

    /// A fingerprint comparable with `stored`: BLAKE3 for a fingerprint from
    /// before XXH3, else XXH3.
    pub fn like(stored: &str) -> Self {
        if stored.starts_with(XXH3_PREFIX) {
            Self::new()
        } else {
            Fingerprinter(Scheme::Blake3(Box::new(blake3::Hasher::new())))
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            Scheme::Xxh3(hasher) => hasher.write(bytes),
            Scheme::Blake3(hasher) => {
                hasher.update(bytes);
            }
        }
    }

    pub fn finish(&self) -> String {
        match &self.0 {
            Scheme::Xxh3(hasher) => xxh3_text(hasher.finish_128()),
            Scheme::Blake3(hasher) => hasher.finalize().to_hex().to_string(),
        }
    }
}

/// Feeding a fingerprinter never fails: `io::copy` can feed it a file.
impl Write for Fingerprinter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Self::new()
    }
}

/// The fingerprint of `bytes` (a whole file).
pub fn fingerprint(bytes: &[u8]) -> String {
    xxh3_text(XxHash3_128::oneshot(bytes))
}

/// How an XXH3-128 value is written in the ledger.
fn xxh3_text(value: u128) -> String {
    format!("{XXH3_PREFIX}{value:032x}")
}

/// The fingerprint of the file at `path`, in the scheme of `stored` when one
/// is given.
pub fn fingerprint_file(path: &Path, stored: Option<&str>) -> io::Result<String> {
    let mut fingerprinter = stored.map_or_else(Fingerprinter::new, Fingerprinter::like);
    io::copy(&mut File::open(path)?, &mut fingerprinter)?;
    Ok(fingerprinter.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fed_in_pieces_or_whole_the_fingerprint_is_the_same() {
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        // Every length across the one-shot and streaming paths' boundaries
        // (240 bytes, the 256-byte buffer, 1 KiB stripes, 1 KiB blocks).
        for len in (0..=4200).chain([100_000, 300_000]) {
            let whole = fingerprint(&bytes[..len]);
            assert!(whole.starts_with(XXH3_PREFIX) && whole.len() == XXH3_PREFIX.len() + 32, "{whole}");
            for piece in [1, 7, 64, 1000, 65_536].into_iter().filter(|&piece| len <= 4200 || piece >= 64) {
                let mut fingerprinter = Fingerprinter::new();
                bytes[..len].chunks(piece).for_each(|chunk| fingerprinter.update(chunk));
                assert_eq!(fingerprinter.finish(), whole, "{len} bytes in pieces of {piece}");
            }
        }
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }

    /// A fingerprint of an earlier ledger (BLAKE3) is compared in its own
    /// scheme; a new one in XXH3.
    #[test]
    fn a_file_is_fingerprinted_like_the_stored_fingerprint() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"some bytes").expect("write");
        let old = blake3::hash(b"some bytes").to_hex().to_string();
        assert_eq!(fingerprint_file(&path, Some(&old)).expect("read"), old);
        let new = fingerprint(b"some bytes");
        assert_eq!(fingerprint_file(&path, Some(&new)).expect("read"), new);
        assert_eq!(fingerprint_file(&path, None).expect("read"), new);
        assert!(fingerprint_file(&dir.path().join("missing"), None).is_err());
    }
}
