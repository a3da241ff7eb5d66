//! The character encoding a page declares about itself, read from raw bytes before
//! decoding: a byte-order mark, `<meta charset>`, `<meta http-equiv="Content-Type">`, or
//! an XML declaration — the places a browser's prescan looks, within the first 4 KiB.

use std::sync::LazyLock;

use regex::bytes::Regex;

/// How far into the page the declaration may be (browsers prescan 1024 bytes; pages
/// with long comments or scripts before `<meta>` are common enough to look further).
const PRESCAN: usize = 4096;

static META: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<meta\s[^>]*>").expect("static regex"));
static CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)charset\s*=\s*["']?\s*([a-z0-9][a-z0-9_.:\-]*)"#).expect("static regex"));
static XML_DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*<\?xml\s[^>]*encoding\s*=\s*["']([a-z0-9][a-z0-9_.:\-]*)["']"#).expect("static regex")
});
static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?(?:-->|$)").expect("static regex"));

/// The encoding label a page declares in its first bytes, lower-cased (`"gbk"`,
/// `"utf-8"`, `"big5"`), or `None`. Map it with `encoding_rs::Encoding::for_label`.
///
/// A byte-order mark wins over any declaration. Declarations inside comments are
/// ignored. Note that HTML treats a `<meta>` claiming UTF-16 as UTF-8 (the bytes could
/// not have been read as ASCII otherwise); that rule is the caller's.
pub fn html_declared_charset(head_bytes: &[u8]) -> Option<String> {
    if head_bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some("utf-8".into());
    }
    if head_bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("utf-16le".into());
    }
    if head_bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("utf-16be".into());
    }
    let head = &head_bytes[..head_bytes.len().min(PRESCAN)];
    let label = |m: &[u8]| String::from_utf8_lossy(m).to_ascii_lowercase();
    if let Some(c) = XML_DECL.captures(head) {
        return c.get(1).map(|m| label(m.as_bytes()));
    }
    let uncommented = COMMENT.replace_all(head, &b" "[..]);
    for tag in META.find_iter(&uncommented) {
        if let Some(m) = CHARSET.captures(tag.as_bytes()).and_then(|c| c.get(1)) {
            return Some(label(m.as_bytes()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(html_declared_charset(b"<html><head><meta charset=\"gbk\">").as_deref(), Some("gbk"));
        assert_eq!(html_declared_charset(b"<META CHARSET=UTF-8>").as_deref(), Some("utf-8"));
        assert_eq!(html_declared_charset(b"<meta charset='Big5' />").as_deref(), Some("big5"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
        assert_eq!(html_declared_charset(http_equiv).as_deref(), Some("gb2312"));
        let reversed = b"<meta content='text/html;charset=Shift_JIS' http-equiv='content-type'>";
        assert_eq!(html_declared_charset(reversed).as_deref(), Some("shift_jis"));
    }

    #[test]
    fn xml_declaration_and_bom() {
        assert_eq!(html_declared_charset(b"<?xml version=\"1.0\" encoding=\"GB18030\"?>").as_deref(), Some("gb18030"));
        assert_eq!(html_declared_charset(b"\xEF\xBB\xBF<meta charset=gbk>").as_deref(), Some("utf-8"));
        assert_eq!(html_declared_charset(b"\xFF\xFEh\0").as_deref(), Some("utf-16le"));
    }

    #[test]
    fn nothing_declared_or_too_late_or_commented() {
        assert_eq!(html_declared_charset(b"<html><head><title>x</title>"), None);
        assert_eq!(html_declared_charset(b""), None);
        let mut late = vec![b' '; 5000];
        late.extend_from_slice(b"<meta charset=gbk>");
        assert_eq!(html_declared_charset(&late), None);
        assert_eq!(
            html_declared_charset(b"<!-- <meta charset=big5> --><meta charset=utf-8>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(html_declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn gbk_page_bytes() {
        // `<meta charset="gbk">` then 标题 encoded in GBK: the label is read without decoding.
        let mut page = b"<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>".to_vec();
        page.extend_from_slice(&[0xB1, 0xEA, 0xCC, 0xE2]);
        page.extend_from_slice(b"</title></head></html>");
        assert_eq!(html_declared_charset(&page).as_deref(), Some("gbk"));
    }
}
