//! Small facts about characters in the Chinese legacy encodings, used to judge
//! how plausible a piece of repaired text is.

use std::sync::OnceLock;

use encoding_rs::{BIG5, GB18030};

/// Per BMP code point: its GBK pair and its Big5 pair (`0` for none). Asking
/// encoding_rs one character at a time costs a few hundred nanoseconds (Big5
/// encoding much more), and script detection and the mojibake scan ask for
/// every character of every document, so the answers are tabulated once
/// (256 KB, by decoding every two-byte sequence).
struct Tables {
    gbk: Vec<u16>,
    big5: Vec<u16>,
    /// Per two-byte GB18030 sequence (see [`pair_index`]): the BMP character
    /// it decodes to, `0` for none. Repairs decode thousands of short
    /// candidate byte strings, where a decoder's set-up costs more than the
    /// decoding.
    gbk_decoded: Vec<u16>,
}

/// Index of a lead in 0x81..=0xFE and a trail in 0x40..=0xFE.
fn pair_index(lead: u8, trail: u8) -> Option<usize> {
    let in_range = (0x81..=0xFE).contains(&lead) && (0x40..=0xFE).contains(&trail);
    in_range.then(|| usize::from(lead - 0x81) * 191 + usize::from(trail - 0x40))
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut gbk = vec![0u16; 0x10000];
        let mut big5 = vec![0u16; 0x10000];
        let mut gbk_decoded = vec![0u16; 126 * 191];
        // The encoders' answers come from inverting the decoders: pairs are
        // visited in pointer order and an encoder gives a character its first
        // pair, except where the Encoding Standard says otherwise (see
        // `BIG5_LAST_POINTER`). Asking the encoders
        // themselves, a character at a time, took 0.1 s at every start.
        // `tables_invert_the_encoders_exactly` checks every BMP character.
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0xFEu8).filter(|&t| t != 0x7F) {
                let pair = u16::from_be_bytes([lead, trail]);
                if let Some(c) = decode_one(GB18030, &[lead, trail]) {
                    if let Some(index) = pair_index(lead, trail) {
                        gbk_decoded[index] = c as u16;
                    }
                    if gbk[c as usize] == 0 {
                        gbk[c as usize] = pair;
                    }
                }
                // Big5 encoders never produce the HKSCS pairs below lead 0xA1.
                if lead >= 0xA1 {
                    if let Some(c) = decode_one(BIG5, &[lead, trail]) {
                        if big5[c as usize] == 0 || BIG5_LAST_POINTER.contains(&c) {
                            big5[c as usize] = pair;
                        }
                    }
                }
            }
        }
        for (c, pair) in GB18030_2005_PUA {
            if gbk[c as usize] == 0 {
                gbk[c as usize] = u16::from_be_bytes(pair);
            }
        }
        Tables { gbk, big5, gbk_decoded }
    })
}

/// Pairs that Python's `gb18030` codec (older GB18030 tables) reads as Private
/// Use characters, where the Encoding Standard, which encoding_rs follows, has
/// the characters GB18030-2022 gave them (`A3 A0` is U+3000 there; glibc's
/// iconv agrees with Python on that pair only). Text decoded by such tools
/// holds these PUA characters, and undoing that decoding (a content-farm run,
/// mojibake) needs their pairs; encoding_rs never produces them, so no pair is
/// taken from another character. The 20 pairs are every pair on which Python's
/// codec and encoding_rs disagree.
const GB18030_2005_PUA: [(char, [u8; 2]); 20] = [
    ('\u{E5E5}', [0xA3, 0xA0]),
    ('\u{E78D}', [0xA6, 0xD9]),
    ('\u{E78E}', [0xA6, 0xDA]),
    ('\u{E78F}', [0xA6, 0xDB]),
    ('\u{E790}', [0xA6, 0xDC]),
    ('\u{E791}', [0xA6, 0xDD]),
    ('\u{E792}', [0xA6, 0xDE]),
    ('\u{E793}', [0xA6, 0xDF]),
    ('\u{E794}', [0xA6, 0xEC]),
    ('\u{E795}', [0xA6, 0xED]),
    ('\u{E796}', [0xA6, 0xF3]),
    ('\u{E7C7}', [0xA8, 0xBC]),
    ('\u{E81E}', [0xFE, 0x59]),
    ('\u{E826}', [0xFE, 0x61]),
    ('\u{E82B}', [0xFE, 0x66]),
    ('\u{E82C}', [0xFE, 0x67]),
    ('\u{E832}', [0xFE, 0x6D]),
    ('\u{E843}', [0xFE, 0x7E]),
    ('\u{E854}', [0xFE, 0x90]),
    ('\u{E864}', [0xFE, 0xA0]),
];

/// Pairs with a lead below 0xC0 that GB18030 defines (`A2 E3` is `€`,
/// `A9 89..=A9 95` ideographic description characters) and GBK codecs such
/// as Python's `gbk` refuse; the other such pairs have lead 0xFE, never a
/// UTF-8 continuation byte.
fn added_by_gb18030(pair: [u8; 2]) -> bool {
    matches!(pair, [0xA2, 0xE3] | [0xA8, 0xBF] | [0xA9, 0x89..=0x95])
}

/// Characters the Big5 encoder gives their last pair (Encoding Standard,
/// "index Big5 pointer").
const BIG5_LAST_POINTER: [char; 6] = ['\u{2550}', '\u{255E}', '\u{2561}', '\u{256A}', '\u{5341}', '\u{5345}'];

/// The one BMP character `bytes` (a pair, or a single byte) decode to, if
/// they decode without error to exactly one. Streams into a stack buffer: no
/// allocation per pair.
pub(crate) fn decode_one(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<char> {
    let mut buf = [0u8; 16];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let (result, read, written) = decoder.decode_to_utf8_without_replacement(bytes, &mut buf, true);
    if result != encoding_rs::DecoderResult::InputEmpty || read != bytes.len() {
        return None;
    }
    let text = std::str::from_utf8(buf.get(..written)?).ok()?;
    let mut chars = text.chars();
    let c = chars.next()?;
    (chars.next().is_none() && (c as u32) < 0x10000).then_some(c)
}

/// `c` encoded with `encoding`, when that gives exactly two bytes.
#[cfg(test)]
fn encode_pair(encoding: &'static encoding_rs::Encoding, c: char) -> Option<[u8; 2]> {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = encoding.encode(c.encode_utf8(&mut buf));
    match (had_errors, bytes.as_ref()) {
        (false, [lead, trail]) => Some([*lead, *trail]),
        _ => None,
    }
}

/// Encodes one character as its GBK/GB18030 two-byte form, if it has one: what
/// encoding_rs's encoder gives, and for the 20 characters of
/// [`GB18030_2005_PUA`] the pair older decoders read as them (encoding_rs
/// encodes those otherwise or not at all): the pair a decoder saw, which is
/// what undoing a decoding needs.
pub(crate) fn gbk_pair(c: char) -> Option<[u8; 2]> {
    let pair = *tables().gbk.get(c as usize)?;
    (pair != 0).then(|| pair.to_be_bytes())
}

/// Encodes one character as its Big5 two-byte form, if it has one.
pub(crate) fn big5_pair(c: char) -> Option<[u8; 2]> {
    let pair = *tables().big5.get(c as usize)?;
    (pair != 0).then(|| pair.to_be_bytes())
}

/// Decodes bytes as GBK without replacement: `None` when any pair is invalid.
pub(crate) fn decode_gbk_strict(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    if decode_table_pairs(bytes, |c| out.push(c)) {
        return Some(out);
    }
    GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|text| text.into_owned())
}

/// [`decode_gbk_strict`] appended to `out`, for callers that score many
/// candidates in one buffer: `false`, with `out` as it was, when any pair is
/// invalid.
pub(crate) fn decode_gbk_strict_into(bytes: &[u8], out: &mut Vec<char>) -> bool {
    let start = out.len();
    if decode_table_pairs(bytes, |c| out.push(c)) {
        return true;
    }
    out.truncate(start);
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            out.extend(text.chars());
            true
        }
        None => false,
    }
}

/// Decodes ASCII and two-byte pairs from the table, handing each character
/// to `push`; `false` at anything else (a four-byte sequence, an invalid
/// pair, 0x80), which is left to encoding_rs, whose answer this must match.
fn decode_table_pairs(bytes: &[u8], mut push: impl FnMut(char)) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            push(char::from(b));
            i += 1;
            continue;
        }
        match bytes.get(i + 1).and_then(|&trail| decode_gbk_pair([b, trail])) {
            Some(c) => {
                push(c);
                i += 2;
            }
            None => return false,
        }
    }
    true
}

/// The character a two-byte GBK sequence decodes to, from the table: `None`
/// for anything that is not one valid pair.
pub(crate) fn decode_gbk_pair([lead, trail]: [u8; 2]) -> Option<char> {
    let unit = *tables().gbk_decoded.get(pair_index(lead, trail)?)?;
    (unit != 0).then(|| char::from_u32(u32::from(unit))).flatten()
}

/// The UTF-8 continuation bytes (0x80..=0xBF) that a GBK decoder without
/// the user-defined areas refuses as the lead of a pair before `next`:
/// 0x80 always, and a lead whose pair with `next` is undefined or
/// user-defined (read as a Private Use character by GB18030 decoders, or by
/// older ones, [`GB18030_2005_PUA`]; or added by GB18030, [`added_by_gb18030`];
/// refused by Python's `gbk`, with which `requests` reads a page labelled
/// GBK). Such a decoder writes U+FFFD for that one byte and goes on
/// with `next`, so UTF-8 it misread holds U+FFFD wherever a continuation
/// byte met a pair like that (`涓�` for `中`: E4 B8 | AD E6 is user-defined),
/// and these bytes are the candidates for it.
pub(crate) fn refused_leads_before(next: u8) -> &'static [u8] {
    static REFUSED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let refused = REFUSED.get_or_init(|| {
        (0..=0xFFu8)
            .map(|next| {
                let refuses = |lead: u8| match decode_gbk_pair([lead, next]) {
                    Some(c) => {
                        ('\u{E000}'..='\u{F8FF}').contains(&c)
                            || GB18030_2005_PUA.iter().any(|&(_, pair)| pair == [lead, next])
                            || added_by_gb18030([lead, next])
                    }
                    None => true,
                };
                (0x80..=0xBFu8).filter(|&lead| refuses(lead)).collect()
            })
            .collect()
    });
    refused.get(usize::from(next)).map_or(&[], Vec::as_slice)
}

/// The continuation bytes [`refused_leads_before`] some continuation byte:
/// what a byte lost right before another lost byte may have been. (Both lie
/// inside one UTF-8 character, and the second is a continuation byte too.)
pub(crate) fn refused_leads_before_continuation() -> &'static [u8] {
    static REFUSED: OnceLock<Vec<u8>> = OnceLock::new();
    REFUSED.get_or_init(|| {
        (0x80..=0xBFu8).filter(|&lead| (0x80..=0xBFu8).any(|next| refused_leads_before(next).contains(&lead))).collect()
    })
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
    big5_pair(c).is_some_and(|[lead, trail]| (0xA4..=0xC5).contains(&lead) || (lead == 0xC6 && trail <= 0x7E))
}

pub(crate) use crate::lm_table::is_han;

/// CJK symbols and punctuation, the full-width forms, and the quotes,
/// dashes and ellipsis Chinese text writes (`“”`, `—`, `…`): what Chinese
/// text holds beside its Han characters.
pub(crate) fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{2027}')
}

/// How implausible `c` is in Chinese running text: 0 for common characters
/// and punctuation, more for rare characters, symbols and private-use code
/// points, which are what misaligned GBK decoding produces.
pub(crate) fn char_cost(c: char) -> u32 {
    // Tabulated for the BMP: the content-farm search asks for every
    // character of every candidate, and working it out was a tenth of it.
    static COSTS: OnceLock<Box<[u8; 0x10000]>> = OnceLock::new();
    let costs = COSTS.get_or_init(|| {
        let mut costs = Box::new([0u8; 0x10000]);
        for (cp, cost) in (0..0x10000u32).zip(costs.iter_mut()) {
            *cost = char::from_u32(cp).map_or(0, |c| char_cost_uncached(c) as u8);
        }
        costs
    });
    match costs.get(c as usize) {
        Some(&cost) => u32::from(cost),
        None => char_cost_uncached(c),
    }
}

fn char_cost_uncached(c: char) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_table_agrees_with_the_rules() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(char_cost(c), char_cost_uncached(c), "{c:?}");
        }
    }

    #[test]
    fn tables_agree_with_the_encoders() {
        for c in ['中', '發', '鍙', '，', '“', 'é', '€', '\u{E000}', 'A', '😀', 'ㄅ', '澳', '門'] {
            assert_eq!(gbk_pair(c), encode_pair(GB18030, c), "{c}");
            let big5 =
                encode_pair(BIG5, c).is_some_and(|[l, t]| (0xA4..=0xC5).contains(&l) || (l == 0xC6 && t <= 0x7E));
            assert_eq!(in_big5_level1(c), big5, "{c}");
        }
        assert!(in_gb2312_level1('中') && !in_gb2312_level1('鍙'));
    }

    #[test]
    fn the_2005_pua_pairs_are_the_ones_the_encoding_standard_reads_otherwise() {
        for (c, pair) in GB18030_2005_PUA {
            // encoding_rs reads each pair as a character outside the PUA.
            let decoded = decode_one(GB18030, &pair).expect("decodes");
            assert!(!('\u{E000}'..='\u{F8FF}').contains(&decoded), "{pair:x?} -> {decoded:?}");
            assert_eq!(gbk_pair(c), Some(pair));
        }
    }

    /// The tables as they were first built, asking the encoders for every
    /// character a pair decodes to, against the inverted decoders.
    #[test]
    fn tables_invert_the_encoders_exactly() {
        let (mut gbk, mut big5) = (vec![0u16; 0x10000], vec![0u16; 0x10000]);
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0xFEu8).filter(|&t| t != 0x7F) {
                for (encoding, table) in [(GB18030, &mut gbk), (BIG5, &mut big5)] {
                    let pair = [lead, trail];
                    let decoded = encoding.decode_without_bom_handling_and_without_replacement(&pair);
                    let mut chars = decoded.as_deref().unwrap_or("").chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        if let Some(pair) = encode_pair(encoding, c).filter(|_| (c as u32) < 0x10000) {
                            table[c as usize] = u16::from_be_bytes(pair);
                        }
                    }
                }
            }
        }
        let differ = |ours: &[u16], theirs: &[u16]| -> Vec<String> {
            (0..0x10000)
                .filter(|&i| ours[i] != theirs[i])
                .map(|i| format!("U+{i:04X} {:x} {:x}", ours[i], theirs[i]))
                .collect()
        };
        // Beyond the encoder, the pairs older decoders read as PUA characters.
        for (c, pair) in GB18030_2005_PUA {
            assert_eq!(gbk[c as usize], 0, "U+{:04X} has a pair of its own", c as u32);
            gbk[c as usize] = u16::from_be_bytes(pair);
        }
        assert_eq!(differ(&tables().gbk, &gbk), Vec::<String>::new(), "GBK");
        assert_eq!(differ(&tables().big5, &big5), Vec::<String>::new(), "Big5");
    }

    /// The refusals of Python 3.11's `gbk` codec, read off it
    /// (`bytes([lead, next]).decode("gbk")` raising) for a few `next` bytes.
    #[test]
    fn refused_leads_are_those_pythons_gbk_codec_refuses() {
        let python: [(u8, &[u8]); 7] = [
            (0x80, &[0x80, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]),
            (0xA0, &[0x80, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9]),
            (0xA1, &[0x80, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF]),
            (0xC2, &[0x80, 0xA7, 0xA8, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF]),
            (0xE4, &[0x80, 0xA2, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF]),
            (0xE6, &[0x80, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF]),
            (0xF0, &[0x80, 0xA2, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF]),
        ];
        for (next, leads) in python {
            assert_eq!(refused_leads_before(next), leads, "before {next:02x}");
        }
        assert_eq!(refused_leads_before(b'\n').len(), 64);
        assert_eq!(refused_leads_before(0x7F).len(), 64);
    }

    fn strict(bytes: &[u8]) -> Option<String> {
        GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
    }

    #[test]
    fn strict_decoding_agrees_with_encoding_rs_on_every_pair() {
        for lead in 0x80..=0xFFu8 {
            for trail in 0x00..=0xFFu8 {
                let bytes = [b'a', lead, trail, b'z'];
                assert_eq!(decode_gbk_strict(&bytes), strict(&bytes), "{lead:02x} {trail:02x}");
            }
        }
        for bytes in [&b""[..], b"\x80", b"\x81", b"\x81\x30\x81\x30", b"\xd6\xd0\xb9\xfa", b"\xff"] {
            assert_eq!(decode_gbk_strict(bytes), strict(bytes), "{bytes:x?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn strict_decoding_agrees_with_encoding_rs(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..24)) {
            proptest::prop_assert_eq!(decode_gbk_strict(&bytes), strict(&bytes));
        }
    }
}
