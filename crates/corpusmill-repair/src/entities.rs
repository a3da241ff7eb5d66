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
            Some((c, len)) => {
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
    fn ampersands_that_are_not_references_stay() {
        for clean in ["AT&T", "R&D; costs", "&#xZZ;", "&#0;", "a & b;", "&unknown;"] {
            let mut log = RepairLog::default();
            assert_eq!(decode_entities(clean.to_owned(), &mut log), clean);
            assert!(log.is_empty());
        }
    }
}
