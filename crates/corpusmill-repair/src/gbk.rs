//! Small facts about characters in the Chinese legacy encodings, used to judge
//! how plausible a piece of repaired text is.

use encoding_rs::{BIG5, GB18030};

/// Encodes one character as its GBK/GB18030 two-byte form, if it has one.
pub(crate) fn gbk_pair(c: char) -> Option<[u8; 2]> {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = GB18030.encode(c.encode_utf8(&mut buf));
    match (had_errors, bytes.as_ref()) {
        (false, [lead, trail]) => Some([*lead, *trail]),
        _ => None,
    }
}

/// Decodes bytes as GBK without replacement: `None` when any pair is invalid.
pub(crate) fn decode_gbk_strict(bytes: &[u8]) -> Option<String> {
    GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|text| text.into_owned())
}

/// Whether a GBK pair lies inside GB2312 (both bytes in 0xA1..=0xFE).
///
/// The content farm annotated only characters *outside* GB2312, so this is
/// what tells an annotation of theirs from a pinyin gloss written by a person.
pub(crate) fn pair_in_gb2312(pair: [u8; 2]) -> bool {
    pair[0] >= 0xA1 && pair[1] >= 0xA1
}

pub(crate) fn in_gb2312(c: char) -> bool {
    gbk_pair(c).is_some_and(pair_in_gb2312)
}

/// Whether `c` is one of the ~3,755 most common simplified characters
/// (GB2312 level 1, rows 0xB0..=0xD7).
pub(crate) fn in_gb2312_level1(c: char) -> bool {
    gbk_pair(c).is_some_and(|[lead, trail]| (0xB0..=0xD7).contains(&lead) && trail >= 0xA1)
}

/// Whether `c` is one of the ~5,400 common traditional characters (Big5 level 1).
pub(crate) fn in_big5_level1(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = BIG5.encode(c.encode_utf8(&mut buf));
    match (had_errors, bytes.as_ref()) {
        (false, [lead, trail]) => (0xA4..=0xC5).contains(lead) || (*lead == 0xC6 && *trail <= 0x7E),
        _ => false,
    }
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// How implausible `c` is in Chinese running text: 0 for common characters
/// and punctuation, more for rare characters, symbols and private-use code
/// points, which are what misaligned GBK decoding produces.
pub(crate) fn char_cost(c: char) -> u32 {
    match c {
        '\u{E000}'..='\u{F8FF}' | '\u{FFFD}' => 10,
        c if c.is_ascii() => 0,
        c if is_han(c) => {
            if in_gb2312_level1(c) || in_big5_level1(c) {
                0
            } else {
                2
            }
        }
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '“' | '”' | '‘' | '’' | '（' | '）' | '《' | '》' | '—'
        | '…' | '·' | '「' | '」' | '『' | '』' | '　' => 0,
        '\u{FF01}'..='\u{FF5E}' => 1,
        _ => 3,
    }
}
