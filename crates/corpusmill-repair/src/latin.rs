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
    let cp = c as u32;
    if cp < 0x80 || (0xA0..=0xFF).contains(&cp) || (0x80..=0x9F).contains(&cp) {
        return u8::try_from(cp).ok();
    }
    if cp > 0x2122 {
        // Past `™`, the last cp1252 character.
        return None;
    }
    let index = CP1252_HIGH.iter().position(|&x| x == Some(c))?;
    u8::try_from(0x80 + index).ok()
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
