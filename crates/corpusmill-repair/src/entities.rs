//! HTML character references left in text: `&amp;`, `&nbsp;`, `&#25991;`, `&#x6587;`.

use memchr::memchr;

use crate::log::{PlanStep, RepairKind, RepairLog};

/// Named references seen in scraped text. `&nbsp;` becomes a plain space:
/// in running text it only ever stood for one.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("yen", '¥'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
];

pub(crate) fn decode_entities(text: String, log: &mut RepairLog) -> String {
    if memchr(b'&', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut rest = text.as_str();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match parse_reference(after) {
            Some((mut c, mut len)) => {
                // A numeric reference or `&nbsp;` escaped again
                // (`&amp;#25991;`, `&amp;nbsp;`) stands for its character:
                // a page whose text was escaped twice shows the reference,
                // never meant. Not `&amp;lt;` and the like, which text about
                // markup writes (`write &amp;lt; to show &lt;`).
                while c == '&' && after.get(len.saturating_sub(4)..len) == Some("amp;") {
                    let rest = after.get(len..).unwrap_or_default();
                    let escaped_twice = rest.starts_with('#') || rest.starts_with("nbsp;");
                    let Some((next, next_len)) = parse_reference(rest).filter(|_| escaped_twice) else { break };
                    (c, len) = (next, len + next_len);
                }
                out.push(c);
                count += 1;
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if count == 0 {
        return text;
    }
    log.add(RepairKind::HtmlEntity, count, PlanStep::new(format!("decode html entities ×{count}")));
    out
}

/// Numeric references whose `&` was lost (`#25991;`, `#xff1a;`).
///
/// A `#` followed by digits and `;` is common in text (`issue #12;`), so only
/// clear cases count: a hex form `#x…;` for a character from U+00A0 on, or
/// a decimal form for a CJK character, kana, Hangul or full-width form; in
/// both cases not glued to an ASCII letter or digit before the `#`.
pub(crate) fn decode_bare_numeric_refs(text: String, log: &mut RepairLog) -> String {
    if memchr(b'#', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut rest = text.as_str();
    let mut prev: Option<char> = None;
    while let Some(hash) = rest.find('#') {
        let before = &rest[..hash];
        let prev_char = before.chars().next_back().or(prev);
        out.push_str(before);
        let after = &rest[hash + 1..];
        match parse_bare_reference(after).filter(|_| !prev_char.is_some_and(|p| p.is_ascii_alphanumeric() || p == '&'))
        {
            Some((c, len)) => {
                out.push(c);
                count += 1;
                rest = &after[len..];
                prev = Some(c);
            }
            None => {
                out.push('#');
                rest = after;
                prev = Some('#');
            }
        }
    }
    out.push_str(rest);
    if count == 0 {
        return text;
    }
    log.add(
        RepairKind::EntityWithoutAmpersand,
        count,
        PlanStep::new(format!("decode numeric references without & ×{count}")),
    );
    out
}

/// Parses `x6587;` or `25991;` after a bare `#` under the rules above.
fn parse_bare_reference(s: &str) -> Option<(char, usize)> {
    let semi = s.get(..9).unwrap_or(s).find(';')?;
    let body = &s[..semi];
    let (c, hex) = match body.strip_prefix(['x', 'X']) {
        Some(hex) if (2..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, true)
        }
        None if (4..=6).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit()) => {
            (char::from_u32(body.parse().ok()?)?, false)
        }
        _ => return None,
    };
    let plausible = crate::plausible::char_cost(c) < 5 && (c as u32) >= 0xA0;
    let east_asian = matches!(c as u32, 0x3000..=0x3011 | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xFF01..=0xFF5E);
    (plausible && (hex || east_asian)).then_some((c, semi + 1))
}

/// The character of the reference `text` starts with (`&#38388;` is `间`).
pub(crate) fn reference_at(text: &str) -> Option<char> {
    parse_reference(text.strip_prefix('&')?).map(|(c, _)| c)
}

/// Parses the reference after a `&`; returns the character and the length of
/// the reference including its `;`.
fn parse_reference(s: &str) -> Option<(char, usize)> {
    let semi = s.get(..12).unwrap_or(s).find(';')?;
    let body = &s[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        let c = char::from_u32(value)?;
        if c.is_control() && !matches!(c, '\n' | '\t') {
            return None;
        }
        c
    } else {
        NAMED.iter().find(|(name, _)| *name == body).map(|&(_, c)| c)?
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded_and_counted() {
        let mut log = RepairLog::default();
        let out = decode_entities("&#25991;&#x6587;&nbsp;A&amp;B &copy;".to_owned(), &mut log);
        assert_eq!(out, "文文 A&B ©");
        assert_eq!(log.count(RepairKind::HtmlEntity), 5);
    }

    #[test]
    fn references_escaped_twice_are_decoded_through() {
        let mut log = RepairLog::default();
        let out = decode_entities("中&amp;#25991;&amp;nbsp;“&amp;#x2019;” AT&amp;T R&amp;D &amp;".to_owned(), &mut log);
        assert_eq!(out, "中文 “’” AT&T R&D &");
        assert_eq!(log.count(RepairKind::HtmlEntity), 6);
        // Named references of markup stay decoded once: text about HTML writes them.
        let mut log = RepairLog::default();
        let out = decode_entities("write &amp;lt;b&amp;gt; to show &lt;b&gt;, &amp;amp;".to_owned(), &mut log);
        assert_eq!(out, "write &lt;b&gt; to show <b>, &amp;");
    }

    #[test]
    fn references_that_lost_their_ampersand_are_decoded() {
        let mut log = RepairLog::default();
        let out = decode_bare_numeric_refs("#25991;#x7AE0;#xff1a;中#25991;".to_owned(), &mut log);
        assert_eq!(out, "文章：中文");
        assert_eq!(log.count(RepairKind::EntityWithoutAmpersand), 4);
    }

    #[test]
    fn hashes_that_are_not_references_stay() {
        for clean in [
            "issue #12; next",
            "#1234;",
            "room #160;",
            "ticket #12345;",
            "C#x41;",
            "abc#x6587;",
            "#x1F;",
            "#xE000;",
            "#hashtag;",
            "#",
        ] {
            let mut log = RepairLog::default();
            assert_eq!(decode_bare_numeric_refs(clean.to_owned(), &mut log), clean);
            assert!(log.is_empty(), "{clean}");
        }
    }

    #[test]
    fn ampersands_that_are_not_references_stay() {
        for clean in ["AT&T", "R&D; costs", "&#xZZ;", "&#0;", "a & b;", "&unknown;"] {
            let mut log = RepairLog::default();
            assert_eq!(decode_entities(clean.to_owned(), &mut log), clean);
            assert!(log.is_empty());
        }
    }
}
