//! The single-byte code pages mojibake passes through: Windows-1252 and
//! Latin-1, merged the way sloppy decoders merge them.
//!
//! A UTF-8 or GBK byte sequence read as cp1252 turns each byte into one
//! character: bytes 0xA0..=0xFF become U+00A0..=U+00FF, 0x80..=0x9F become
//! cp1252's punctuation (`€`, `‚`, `“`, …), and the five bytes cp1252 leaves
//! undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become C1 controls. A Latin-1
//! decoder turns every byte 0x80..=0x9F into a C1 control instead. Both map
//! back to the same byte, so one table undoes either.

/// cp1252 characters for bytes 0x80..=0x9F; `None` marks the undefined bytes.
#[cfg(test)]
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The bytes cp1252 leaves undefined; a strict decoder may have turned them into U+FFFD.
pub(crate) const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The byte `c` came from when a cp1252 or Latin-1 decoder produced it.
pub(crate) fn latin_byte(c: char) -> Option<u8> {
    if let Ok(b) = u8::try_from(c) {
        return Some(b);
    }
    // CP1252_HIGH inverted; a match, as every character of mojibake asks.
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Whether `c`'s byte can start a multi-byte UTF-8 sequence (0xC2..=0xF4).
pub(crate) fn is_utf8_lead_char(c: char) -> bool {
    latin_byte(c).is_some_and(|b| (0xC2..=0xF4).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_round_trips_through_cp1252_and_latin1() {
        for b in 0u8..=255 {
            let cp1252 = if (0x80..=0x9F).contains(&b) {
                CP1252_HIGH[usize::from(b - 0x80)].unwrap_or(char::from(b))
            } else {
                char::from(b)
            };
            assert_eq!(latin_byte(cp1252), Some(b), "cp1252 {b:#x}");
            assert_eq!(latin_byte(char::from(b)), Some(b), "latin-1 {b:#x}");
        }
        assert_eq!(latin_byte('中'), None);
        // And nothing else maps to a byte.
        for c in (0x100..0x11_0000).filter_map(char::from_u32) {
            if let Some(b) = latin_byte(c) {
                assert_eq!(CP1252_HIGH.get(usize::from(b).wrapping_sub(0x80)), Some(&Some(c)), "{c:?}");
            }
        }
    }

    #[test]
    fn table_agrees_with_encoding_rs() {
        for b in 0x80u8..=0x9F {
            if CP1252_UNDEFINED.contains(&b) {
                continue;
            }
            let byte = [b];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            assert_eq!(text.chars().next(), CP1252_HIGH[usize::from(b - 0x80)], "{b:#x}");
        }
    }
}
