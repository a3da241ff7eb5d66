//! What a stream holds, told from its first bytes (magic numbers), with the
//! file name only as a tie-breaker for text formats that have no magic.

/// How many leading bytes [`sniff`] wants to see.
pub const SNIFF_BYTES: usize = 1024;

/// A compression layer: its content is another stream to sniff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

/// What a stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Compressed(Compression),
    Zip,
    Tar,
    Warc,
    /// One JSON object per line.
    JsonLines,
    /// One JSON document (an object, or an array of objects).
    Json,
    Html,
    /// A plain-text article dump (also the fallback: decoding rejects binaries).
    Text,
    /// Recognised, and not a format corpusmill reads (PDF, 7z, RAR, Office).
    Unsupported(&'static str),
}

/// Decides what `head` (the first bytes of a stream) is. `name` is the file or
/// member name, used only when the bytes leave it open (JSON vs JSON Lines,
/// HTML without a leading tag).
pub fn sniff(head: &[u8], name: &str) -> Kind {
    let magic: &[(&[u8], Kind)] = &[
        (b"\x1f\x8b", Kind::Compressed(Compression::Gzip)),
        (b"\x28\xb5\x2f\xfd", Kind::Compressed(Compression::Zstd)),
        (b"BZh", Kind::Compressed(Compression::Bzip2)),
        (b"\xfd7zXZ\x00", Kind::Compressed(Compression::Xz)),
        (b"PK\x03\x04", Kind::Zip),
        (b"PK\x05\x06", Kind::Zip),
        (b"WARC/", Kind::Warc),
        (b"%PDF-", Kind::Unsupported("pdf")),
        (b"7z\xbc\xaf\x27\x1c", Kind::Unsupported("7z")),
        (b"Rar!\x1a\x07", Kind::Unsupported("rar")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Kind::Unsupported("ole2 (doc/xls)")),
    ];
    if let Some((_, kind)) = magic.iter().find(|(m, _)| head.starts_with(m)) {
        // A bzip2 header is `BZh` plus a block-size digit; text may start with "BZh" too.
        if *kind != Kind::Compressed(Compression::Bzip2) || head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
            return *kind;
        }
    }
    let ext = extension(name);
    if looks_like_tar(head, &ext) {
        return Kind::Tar;
    }
    let text = skip_bom_and_space(head);
    let lower: Vec<u8> = text.iter().take(64).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
        || (lower.starts_with(b"<?xml") && contains(&lower_all(head), b"<html"))
        || (lower.starts_with(b"<!--") && contains(&lower_all(head), b"<html"))
    {
        return Kind::Html;
    }
    match text.first() {
        Some(b'{') => {
            if matches!(ext.as_str(), "jsonl" | "ndjson" | "jsonlines") || looks_like_json_lines(text) {
                return Kind::JsonLines;
            }
            return Kind::Json;
        }
        Some(b'[') if matches!(ext.as_str(), "json") => return Kind::Json,
        _ => {}
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "pdf" => Kind::Unsupported("pdf"),
        "docx" | "xlsx" | "pptx" => Kind::Unsupported("office"),
        _ => Kind::Text,
    }
}

/// A tar header, at the start or after whole blocks of zeros: a tar read
/// with `--ignore-zeros` semantics may begin with an empty archive
/// (`cat empty.tar a.tar`). A `.tar` that is zeros as far as `head` goes is a
/// tar too (an empty archive, or members further on): its reader says which,
/// where the fallback would have called it a binary.
fn looks_like_tar(head: &[u8], ext: &str) -> bool {
    const BLOCK: usize = 512;
    let mut at = 0;
    while head.get(at..at + BLOCK).is_some_and(|block| block.iter().all(|&b| b == 0)) {
        at += BLOCK;
    }
    match head.get(at..at + BLOCK) {
        Some(block) => is_tar_header(block),
        None => at > 0 && ext == "tar" && head[at..].iter().all(|&b| b == 0),
    }
}

/// A 512-byte block that is a ustar (POSIX `ustar\0`, or GNU `ustar  \0`)
/// header whose checksum adds up: text that happens to hold "ustar" at byte
/// 257 ("mustard") is no tar.
fn is_tar_header(block: &[u8]) -> bool {
    let magic = block.get(257..263);
    if magic != Some(b"ustar\0") && magic != Some(b"ustar ") {
        return false;
    }
    let Some(field) = block.get(148..156) else { return false };
    let digits: Vec<u8> = field.iter().copied().filter(|&b| b != b' ' && b != 0).collect();
    if digits.is_empty() || !digits.iter().all(|b| (b'0'..=b'7').contains(b)) {
        return false;
    }
    let recorded = digits.iter().fold(0u64, |sum, &b| sum * 8 + u64::from(b - b'0'));
    // The sum of the header's bytes with the checksum field read as spaces;
    // some old writers summed them as signed bytes.
    let unsigned: u64 = block.iter().map(|&b| u64::from(b)).sum::<u64>()
        - field.iter().map(|&b| u64::from(b)).sum::<u64>()
        + 8 * u64::from(b' ');
    let signed: i64 = block.iter().map(|&b| i64::from(b as i8)).sum::<i64>()
        - field.iter().map(|&b| i64::from(b as i8)).sum::<i64>()
        + 8 * i64::from(b' ');
    recorded == unsigned || i64::try_from(recorded).is_ok_and(|r| r == signed)
}

/// The lower-cased extension of a file or member name (`a.JSONL` → `jsonl`).
pub fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A name with the compression extension removed (`a.jsonl.gz` → `a.jsonl`,
/// `a.tgz` → `a.tar`), so the inner stream can be sniffed with its own name.
pub fn strip_compression_extension(name: &str) -> String {
    let ext = extension(name);
    let stem = || name[..name.len() - ext.len() - 1].to_string();
    match ext.as_str() {
        "gz" | "gzip" | "zst" | "zstd" | "bz2" | "xz" => stem(),
        "tgz" | "tbz2" | "txz" | "tzst" => format!("{}.tar", stem()),
        _ => name.to_string(),
    }
}

fn skip_bom_and_space(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    &head[start..]
}

fn lower_all(head: &[u8]) -> Vec<u8> {
    head.iter().map(u8::to_ascii_lowercase).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// `{…}` on the first line and another `{` starting the next: JSON Lines.
fn looks_like_json_lines(text: &[u8]) -> bool {
    let Some(nl) = memchr::memchr(b'\n', text) else {
        return false;
    };
    let first = text[..nl].trim_ascii_end();
    let next = text[nl + 1..].trim_ascii_start();
    first.ends_with(b"}") && next.first() == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_win_over_names() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00", "notes.txt"), Kind::Compressed(Compression::Gzip));
        assert_eq!(sniff(b"\x28\xb5\x2f\xfd\x00", "x"), Kind::Compressed(Compression::Zstd));
        assert_eq!(sniff(b"BZh91AY", "x"), Kind::Compressed(Compression::Bzip2));
        assert_eq!(sniff(b"BZh is a word", "x.txt"), Kind::Text);
        assert_eq!(sniff(b"\xfd7zXZ\x00\x00", "x"), Kind::Compressed(Compression::Xz));
        assert_eq!(sniff(b"PK\x03\x04rest", "a.txt"), Kind::Zip);
        assert_eq!(sniff(b"WARC/1.0\r\n", "a"), Kind::Warc);
        assert_eq!(sniff(b"%PDF-1.7", "a.txt"), Kind::Unsupported("pdf"));
        assert_eq!(sniff(&tar_header(tar::Header::new_ustar()), "a.bin"), Kind::Tar);
        assert_eq!(sniff(&tar_header(tar::Header::new_gnu()), "a.bin"), Kind::Tar);
    }

    /// One header block of a member `a.txt`, its checksum set.
    fn tar_header(mut header: tar::Header) -> Vec<u8> {
        header.set_path("a.txt").expect("path");
        header.set_size(3);
        header.set_cksum();
        header.as_bytes().to_vec()
    }

    #[test]
    fn ustar_in_text_is_no_tar() {
        // "mustard" with `ustar` at byte 257, as in any text long enough.
        let mut text = b"Recipe: ".repeat(64);
        text[256..263].copy_from_slice(b"mustard");
        assert_eq!(sniff(&text, "recipe.txt"), Kind::Text);
        // The magic and its version bytes, but a checksum that does not add up.
        let mut header = tar_header(tar::Header::new_ustar());
        header[0] ^= 1;
        assert_eq!(sniff(&header, "a.bin"), Kind::Text);
        // No checksum at all.
        let mut header = tar_header(tar::Header::new_ustar());
        header[148..156].fill(b' ');
        assert_ne!(sniff(&header, "a.bin"), Kind::Tar);
    }

    #[test]
    fn a_tar_may_start_with_blocks_of_zeros() {
        let mut tar = vec![0u8; SNIFF_BYTES];
        tar[512..1024].copy_from_slice(&tar_header(tar::Header::new_ustar()));
        assert_eq!(sniff(&tar, "a.bin"), Kind::Tar);
        // An empty archive (two zero blocks) named as one, and zeros as far
        // as the head goes: a tar, whose reader tells what it holds.
        assert_eq!(sniff(&[0u8; 1024], "empty.tar"), Kind::Tar);
        assert_eq!(sniff(&[0u8; SNIFF_BYTES], "big.tar"), Kind::Tar);
        // Zeros under any other name, or less than a block, stay what they were.
        assert_eq!(sniff(&[0u8; 1024], "zeros.bin"), Kind::Text);
        assert_eq!(sniff(&[0u8; 100], "short.tar"), Kind::Text);
        // `ustar` text at a block's offset only counts after zero blocks.
        let mut text = b"x".repeat(1024);
        text[512..1024].copy_from_slice(&tar_header(tar::Header::new_ustar()));
        assert_eq!(sniff(&text, "a.txt"), Kind::Text);
    }

    #[test]
    fn text_formats() {
        assert_eq!(sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>", "a"), Kind::Html);
        assert_eq!(sniff(b"<html lang=zh>", "a.txt"), Kind::Html);
        assert_eq!(sniff(b"<p>fragment", "page.htm"), Kind::Html);
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n", "dump"), Kind::JsonLines);
        assert_eq!(sniff(b"{\"a\":1}", "one.jsonl"), Kind::JsonLines);
        assert_eq!(sniff(b"{\n  \"a\": 1\n}", "one"), Kind::Json);
        assert_eq!(sniff(b"[{\"a\":1}]", "all.json"), Kind::Json);
        assert_eq!(sniff(b"[1] footnote text", "a.txt"), Kind::Text);
        assert_eq!(sniff("标题\n正文".as_bytes(), "a.txt"), Kind::Text);
        assert_eq!(sniff(b"", "empty.txt"), Kind::Text);
    }

    #[test]
    fn names() {
        assert_eq!(extension("dir.d/a.JSONL"), "jsonl");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(strip_compression_extension("a.jsonl.gz"), "a.jsonl");
        assert_eq!(strip_compression_extension("x/a.tgz"), "x/a.tar");
        assert_eq!(strip_compression_extension("a.txt"), "a.txt");
    }
}
