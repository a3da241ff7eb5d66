//! JSON `\uXXXX` escapes left in text by a scraper that copied a JSON string
//! without parsing it (`\u6587\u7ae0`, `\ud83d\ude00`).
//!
//! Only escapes that stand for a real character are decoded: a surrogate pair
//! as one character, a lone surrogate or a control character not at all, and
//! an escape whose backslash is itself escaped (`\\u6587`) is left as written.

use memchr::memmem;

use crate::log::{PlanStep, RepairKind, RepairLog};

pub(crate) fn decode_json_escapes(text: String, log: &mut RepairLog) -> String {
    if memmem::find(text.as_bytes(), b"\\u").is_none() {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i, mut count) = (0usize, 0usize, 0u64);
    while let Some(found) = memmem::find(&bytes[i..], b"\\u") {
        let at = i + found;
        let preceding_backslashes = bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        let decoded = if preceding_backslashes % 2 == 0 { escape_at(&text, at) } else { None };
        match decoded {
            Some((c, len)) => {
                out.push_str(text.get(copied..at).unwrap_or_default());
                out.push(c);
                count += 1;
                copied = at + len;
                i = copied;
            }
            None => i = at + 2,
        }
    }
    if count == 0 {
        return text;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    log.add(RepairKind::JsonEscape, count, PlanStep::new(format!("decode json \\u escapes ×{count}")));
    out
}

/// The four hex digits after `\u` at `at`, as a code unit.
fn unit_at(text: &str, at: usize) -> Option<u16> {
    let hex = text.get(at + 2..at + 6)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(hex, 16).ok()
}

/// Decodes the escape at `at` (and its low surrogate, for a high one):
/// the character and how many bytes of text it replaces.
fn escape_at(text: &str, at: usize) -> Option<(char, usize)> {
    let unit = unit_at(text, at)?;
    let (c, len) = match unit {
        0xD800..=0xDBFF => {
            if text.get(at + 6..at + 8) != Some("\\u") {
                return None;
            }
            let low = unit_at(text, at + 6)?;
            let mut pair = char::decode_utf16([unit, low]);
            (pair.next()?.ok()?, 12)
        }
        0xDC00..=0xDFFF => return None,
        _ => (char::from_u32(u32::from(unit))?, 6),
    };
    if c.is_control() && !matches!(c, '\n' | '\t') {
        return None;
    }
    Some((c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> (String, RepairLog) {
        let mut log = RepairLog::default();
        let out = decode_json_escapes(text.to_owned(), &mut log);
        (out, log)
    }

    #[test]
    fn escapes_and_surrogate_pairs_are_decoded() {
        let (out, log) = decode("\\u6587\\u7AE0\\uff1a ok \\ud83d\\ude00 \\u0026");
        assert_eq!(out, "文章： ok 😀 &");
        assert_eq!(log.count(RepairKind::JsonEscape), 5);
    }

    #[test]
    fn what_is_not_an_escape_stays() {
        for clean in ["C:\\users\\me", "\\\\u6587", "\\ud83d alone", "\\ude00", "\\u00", "\\u0007", "\\uZZZZ", "文"] {
            let (out, log) = decode(clean);
            assert_eq!(out, clean);
            assert!(log.is_empty(), "{clean}");
        }
    }
}
