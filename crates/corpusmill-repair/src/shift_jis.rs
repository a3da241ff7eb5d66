//! The bytes a Shift_JIS decoder read, for undoing UTF-8 read as Shift_JIS.
//!
//! Shift_JIS (here the Encoding Standard's, which is Windows' cp932: NEC and
//! IBM extensions included) reads UTF-8 in a recognisable way: a three-byte
//! lead from 0xE0 and the continuation after it make one kanji, a
//! continuation byte from 0xA1 is a half-width katakana on its own, and one
//! in 0x81..=0x9F is a lead again, paired with whatever follows. A lead whose
//! pair maps to nothing becomes U+FFFD.

use std::sync::OnceLock;

use encoding_rs::SHIFT_JIS;

use crate::gbk::decode_one;

/// Per BMP code point: its Shift_JIS bytes, `0` for none; a single byte
/// (0x80, the half-width katakana 0xA1..=0xDF) as itself, a pair as
/// `lead << 8 | trail` (leads are from 0x81, so the two never meet).
struct Tables {
    bytes: Vec<u16>,
    /// Per byte after a U+FFFD: the leads whose pair with it maps to nothing,
    /// and 0xA0.
    lost_before: Vec<Vec<u8>>,
    /// Every lead, and 0xA0 (never a character): what a U+FFFD at the end of
    /// a text, or before a byte no lead pairs with, may have been.
    any_lost: Vec<u8>,
}

/// What other decoders make of some bytes, where the Encoding Standard's
/// decoder refuses them or reads them otherwise: Windows' and Python's cp932
/// read 0xA0 and 0xFD..=0xFF as Private Use characters, and Python's
/// `shift_jis` (JIS X 0208) reads `81 91` as `¢` where cp932 has `￠`, and
/// so on. Undoing their decoding needs the bytes they saw.
const OTHER_DECODERS: [(char, u16); 12] = [
    ('\u{F8F0}', 0xA0),
    ('\u{F8F1}', 0xFD),
    ('\u{F8F2}', 0xFE),
    ('\u{F8F3}', 0xFF),
    ('¢', 0x8191),
    ('£', 0x8192),
    ('¬', 0x81CA),
    ('‖', 0x8161),
    ('−', 0x817C),
    ('〜', 0x8160),
    ('～', 0x8160),
    ('∥', 0x8161),
];

fn is_lead(b: u8) -> bool {
    matches!(b, 0x81..=0x9F | 0xE0..=0xFC)
}

fn is_trail(b: u8) -> bool {
    matches!(b, 0x40..=0x7E | 0x80..=0xFC)
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut bytes = vec![0u16; 0x10000];
        for b in (0x80..=0xDFu8).filter(|&b| !is_lead(b)) {
            if let Some(c) = decode_one(SHIFT_JIS, &[b]) {
                bytes[c as usize] = u16::from(b);
            }
        }
        // A character has one pair but for the NEC and IBM duplicates
        // (`≡` is 81 DF and 87 91): the pair CJK text in UTF-8 makes wins,
        // of continuation bytes and three-byte leads (`金` is E9 87 91, and
        // 87 91 is a pair when E9 closed the one before; DF leads two-byte
        // characters of no CJK text), else the first in byte order.
        let cjk_utf8 = |pair: u16| pair.to_be_bytes().iter().all(|b| matches!(b, 0x80..=0xBF | 0xE0..=0xEF));
        let mut mapped = vec![[false; 256]; 256];
        for lead in (0x81..=0xFCu8).filter(|&b| is_lead(b)) {
            for trail in (0x40..=0xFCu8).filter(|&b| is_trail(b)) {
                if let Some(c) = decode_one(SHIFT_JIS, &[lead, trail]) {
                    mapped[usize::from(lead)][usize::from(trail)] = true;
                    let pair = u16::from_be_bytes([lead, trail]);
                    let had = bytes[c as usize];
                    if had == 0 || (!cjk_utf8(had) && cjk_utf8(pair)) {
                        bytes[c as usize] = pair;
                    }
                }
            }
        }
        for (c, value) in OTHER_DECODERS {
            if bytes[c as usize] == 0 {
                bytes[c as usize] = value;
            }
        }
        let any_lost: Vec<u8> = (0x80..=0xFCu8).filter(|&b| is_lead(b) || b == 0xA0).collect();
        let lost_before = (0..=0xFFu8)
            .map(|next| {
                if !is_trail(next) {
                    return any_lost.clone();
                }
                // By the Encoding Standard's table. Decoders disagree on a
                // few rows (cp932's NEC rows, JIS X 0208's gaps); taking every
                // lead below 0xA0 as possible made more guesses tie and some
                // go wrong (`老实` for `老宅`; 95.6% of our samples back against
                // 97.5%), so the table decides.
                let unmapped = |&lead: &u8| !is_lead(lead) || !mapped[usize::from(lead)][usize::from(next)];
                any_lost.iter().copied().filter(unmapped).collect()
            })
            .collect();
        Tables { bytes, lost_before, any_lost }
    })
}

/// The Shift_JIS bytes of `c` (one or two) and how many there are.
pub(crate) fn encode(c: char) -> Option<([u8; 2], usize)> {
    let value = *tables().bytes.get(c as usize)?;
    match value {
        0 => None,
        1..=0xFF => Some(([value as u8, 0], 1)),
        _ => Some((value.to_be_bytes(), 2)),
    }
}

/// What a U+FFFD before the byte `next` (`None`: the end of the text) may
/// have been: a lead whose pair with `next` maps to nothing (the decoder
/// dropped it and read `next` again), or 0xA0.
pub(crate) fn lost_before(next: Option<u8>) -> &'static [u8] {
    let tables = tables();
    match next {
        Some(b) => &tables.lost_before[usize::from(b)],
        None => &tables.any_lost,
    }
}

/// What a U+FFFD before a byte from 0x80 was to a decoder that drops both
/// bytes of a pair that maps to nothing (the Encoding Standard's, as
/// browsers and encoding_rs decode): a lead, and a trail from 0x80.
pub(crate) fn dropped_pair() -> (&'static [u8], &'static [u8]) {
    static TRAILS: OnceLock<Vec<u8>> = OnceLock::new();
    let trails = TRAILS.get_or_init(|| (0x80..=0xFCu8).collect());
    (&tables().any_lost, trails)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_inverts_the_decoder_for_every_bmp_character() {
        let other = |c: char| OTHER_DECODERS.iter().any(|&(o, _)| o == c);
        for c in (0..0x10000u32).filter_map(char::from_u32).filter(|&c| !c.is_ascii() && !other(c)) {
            let Some((bytes, len)) = encode(c) else { continue };
            let (decoded, _, errors) = SHIFT_JIS.decode(&bytes[..len]);
            assert!(!errors && decoded.chars().eq([c]), "{c:?} {:?}", &bytes[..len]);
        }
        // What UTF-8 read as Shift_JIS is made of.
        assert_eq!(encode('ｰ'), Some(([0xB0, 0], 1)));
        assert_eq!(encode('\u{80}'), Some(([0x80, 0], 1)));
        assert_eq!(encode('譁'), Some(([0xE6, 0x96], 2)));
        assert_eq!(encode('中'), Some(([0x92, 0x86], 2)));
        // Of a duplicate pair, the one CJK text in UTF-8 makes (`金` is E9 87
        // 91); else the first.
        assert_eq!(encode('≡'), Some(([0x87, 0x91], 2)));
        assert_eq!(encode('∠'), Some(([0x87, 0x97], 2)));
        assert_eq!(encode('√'), Some(([0x81, 0xE3], 2)));
        assert_eq!(encode('∩'), Some(([0x81, 0xBF], 2)));
    }

    #[test]
    fn a_lost_byte_is_a_lead_that_pairs_with_nothing_there() {
        // `月` is E6 9C 88; read as Shift_JIS, 0x88 before `5` pairs with nothing.
        assert!(lost_before(Some(b'5')).contains(&0x88));
        // E6 9C is `譛`: not lost before 0x9C.
        assert!(!lost_before(Some(0x9C)).contains(&0xE6));
        // `，` is EF BC 8C: EF pairs with nothing before BC.
        assert!(lost_before(Some(0xBC)).contains(&0xEF));
        assert!(lost_before(None).contains(&0xA0));
    }
}
