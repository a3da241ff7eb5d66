//! One pass that finds which repair stages could change a decoded text.
//!
//! Most of any corpus is clean, and each repair stage has its own gate (a
//! `memchr`, a scan of characters, a per-word test), which together cost a
//! dozen passes over text they leave alone. [`gates`] looks at each character
//! once, with a table per BMP code point, and opens the gate of every stage
//! that might change the text; a stage whose gate stays shut would have let
//! the text through unchanged. The answer is conservative by construction,
//! and a test checks the gated pipeline against the ungated one on every
//! sample and on random text.

use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized};

use crate::gbk::gbk_pair;

/// Which repair stages might change a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Gates(u32);

impl Gates {
    pub const NONE: Gates = Gates(0);
    pub const ALL: Gates = Gates(u32::MAX);
    /// `\`: JSON escapes.
    pub const ESCAPE: Gates = Gates(1 << 8);
    /// `&`: HTML character references.
    pub const ENTITY: Gates = Gates(1 << 9);
    /// `#`: numeric references that lost their `&`.
    pub const BARE_REF: Gates = Gates(1 << 10);
    /// U+00C0..=U+00FF and `¡¢£`: UTF-8 or GBK/Big5 read as Latin-1, CESU-8.
    pub const LATIN: Gates = Gates(1 << 11);
    /// U+0080..=U+052F, U+2100..=U+25FF, U+FB00..=U+FB3F, `ג`, `׳`, `ط`, `ظ`, `ع`, `غ`
    /// and `เ`: the other code pages.
    pub const CODE_PAGE: Gates = Gates(1 << 12);
    /// C1 controls (U+0080..=U+009F), read as cp1252.
    pub const C1: Gates = Gates(1 << 13);
    /// C0 controls other than tab and newlines, DEL, C1.
    pub const CONTROL: Gates = Gates(1 << 14);
    /// `U+FFFD`, `锟`, `烫`, `屯`: lost-text markers.
    pub const MARKER: Gates = Gates(1 << 15);
    /// A character NFC may compose or reorder.
    pub const NFC: Gates = Gates(1 << 16);
    /// Half-width katakana (U+FF61..=U+FF9F): UTF-8 read as Shift_JIS turns
    /// most continuation bytes from 0xA1 into them; and `窶`, which is E2 80,
    /// the first two bytes of English punctuation in UTF-8 (`窶冱` for `’s`).
    pub const SHIFT_JIS: Gates = Gates(1 << 17);
    /// An opener (`?`, U+FFFD, `(`, `（`) after a non-ASCII character and before a
    /// pinyin letter: content-farm damage.
    pub const FARM: Gates = Gates(1 << 18);
    /// Characters whose GBK bytes line up as UTF-8: UTF-8 read as GBK.
    pub const GBK: Gates = Gates(1 << 19);

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn any(self, wanted: Gates) -> bool {
        self.0 & wanted.0 != 0
    }

    pub const fn union(self, other: Gates) -> Gates {
        Gates(self.0 | other.0)
    }
}

// Per-character facts in the low six bits of the table; above them the gates
// (ESCAPE..=SHIFT_JIS) that one character opens by itself, shifted down by 2.
/// `?`, U+FFFD, `(` and `（`: a content-farm marker or annotation when a non-ASCII
/// character stands before it and a pinyin letter after it.
const OPENER: u16 = 1;
/// GBK lead in 0xE0..=0xF4 with a UTF-8 continuation trail: the start of a
/// three-byte UTF-8 character read as GBK.
const GBK_UTF8_LEAD3: u16 = 2;
/// GBK lead that is a continuation byte and trail in 0xE0..=0xF4.
const GBK_CONT_LEAD3: u16 = 4;
/// GBK lead in 0xC2..=0xDF with a continuation trail (two-byte UTF-8 read as GBK).
const GBK_UTF8_LEAD2: u16 = 8;
/// Whitespace: neither Han nor "other" in the share of Han characters.
const SPACE: u16 = 16;
/// A Han character (CJK Unified Ideographs and Extension A).
const HAN: u16 = 32;
/// The bits of the table that are gates.
const GATE_BITS: u16 = 0xFFC0;

fn classes() -> &'static [u16; 0x10000] {
    static CLASSES: OnceLock<Box<[u16; 0x10000]>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut table = Box::new([0u16; 0x10000]);
        for (cp, class) in (0..0x10000u32).zip(table.iter_mut()) {
            *class = char::from_u32(cp).map_or(0, class_of);
        }
        table
    })
}

fn class_of(c: char) -> u16 {
    let mut class = 0;
    if c.is_whitespace() {
        class |= SPACE;
    }
    if crate::gbk::is_han(c) {
        class |= HAN;
    }
    let mut gates = Gates::NONE;
    let mut open = |yes: bool, gate: Gates| {
        if yes {
            gates = gates.union(gate);
        }
    };
    open(c == '\\', Gates::ESCAPE);
    open(c == '&', Gates::ENTITY);
    open(c == '#', Gates::BARE_REF);
    open(matches!(c, '\u{C0}'..='\u{FF}' | '¡' | '¢' | '£'), Gates::LATIN);
    // The stages' own tests, one character at a time.
    // `เ` leads every Thai character read as Windows-874.
    open(crate::single_byte::may_be_misread(c.encode_utf8(&mut [0; 4])) || c == 'เ', Gates::CODE_PAGE);
    open(crate::single_byte::is_c1(c), Gates::C1);
    open(crate::normalize::is_stray_control(c), Gates::CONTROL);
    let marker = c == '\u{FFFD}' || crate::markers::KUNKAO.starts_with(c) || crate::markers::DEBUG_FILL.contains(&c);
    open(marker, Gates::MARKER);
    open(!nfc_stable(c), Gates::NFC);
    open(('\u{FF61}'..='\u{FF9F}').contains(&c) || c == '窶', Gates::SHIFT_JIS);
    class |= table_gates(gates);
    if matches!(c, '?' | '(' | '（' | '\u{FFFD}') {
        class |= OPENER;
    }
    if let Some([lead, trail]) = gbk_pair(c) {
        let continuation = |b: u8| (0x80..=0xBF).contains(&b);
        if continuation(trail) && (0xE0..=0xF4).contains(&lead) {
            class |= GBK_UTF8_LEAD3;
        }
        if continuation(trail) && (0xC2..=0xDF).contains(&lead) {
            class |= GBK_UTF8_LEAD2;
        }
        if continuation(lead) && (0xE0..=0xF4).contains(&trail) {
            class |= GBK_CONT_LEAD3;
        }
    }
    class
}

/// The gates one character opens, as table bits.
fn table_gates(gates: Gates) -> u16 {
    (gates.0 >> 2) as u16 & GATE_BITS
}

/// The gates of the table bits of one character.
fn gates_of(class: u16) -> Gates {
    Gates(u32::from(class & GATE_BITS) << 2)
}

/// A character that NFC neither composes with its neighbours nor reorders.
fn nfc_stable(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// `false` when no repair stage would change `text`; `true` when one might.
pub fn may_need_repair(text: &str) -> bool {
    !gates(text).is_empty()
}

/// The gates of the stages that might change `text`.
pub(crate) fn gates(text: &str) -> Gates {
    let table: &[u16; 0x10000] = classes();
    let bytes = text.as_bytes();
    let mut open: u16 = 0;
    let mut computed = Gates::NONE;
    // Han characters whose GBK pair is two-byte UTF-8, as a sum of their
    // class bits (a count times GBK_UTF8_LEAD2), and every class seen.
    let (mut han, mut other, mut lead2_bits, mut seen) = (0usize, 0usize, 0usize, 0u16);
    // The class of the character before (0 for ASCII), and whether it was ASCII.
    let (mut prev_class, mut prev_non_ascii) = (0u16, false);
    let mut at = 0;
    // The text is valid UTF-8, so sequences are decoded without checks. Every
    // test that is rarely true sits behind one branch.
    while let Some(&lead) = bytes.get(at) {
        if lead < 0x80 {
            // Skip plain ASCII; bytes from 0x80 open the code-page gate in the
            // table, so the run stops at the next non-ASCII character too.
            let run_start = at;
            while let Some(&b) = bytes.get(at) {
                if table[usize::from(b)] & (GATE_BITS | OPENER) != 0 {
                    break;
                }
                // Controls open a gate: every byte above the space is visible.
                other += usize::from(b > b' ');
                at += 1;
                if at - run_start == 16 {
                    // A long run (English): sixteen bytes at a time while all
                    // are plain, a branch-free test the compiler vectorises.
                    while let Some(chunk) = bytes.get(at..at + 16) {
                        if !chunk.iter().fold(true, |plain, &b| plain & is_plain_ascii(b)) {
                            break;
                        }
                        other += chunk.iter().map(|&b| usize::from(b > b' ')).sum::<usize>();
                        at += 16;
                    }
                }
            }
            if at > run_start {
                (prev_class, prev_non_ascii) = (0, false);
                continue;
            }
            let class = table[usize::from(lead)];
            open |= class & GATE_BITS;
            other += usize::from(lead > b' ');
            if class & OPENER != 0 && prev_non_ascii {
                if prev_class & GBK_UTF8_LEAD3 != 0 && lead == b'?' {
                    computed = computed.union(Gates::GBK);
                }
                if opens_farm_damage(text, at + 1) {
                    computed = computed.union(Gates::FARM);
                    if let Some((close, letters)) = pinyin_annotation(text, at + 1) {
                        other += letters;
                        (prev_class, prev_non_ascii) = (0, false);
                        at = close;
                        continue;
                    }
                }
            }
            (prev_class, prev_non_ascii) = (0, false);
            at += 1;
            continue;
        }
        // Runs of three-byte characters (Han, kana, Hangul, CJK punctuation)
        // that open nothing and cannot close a GBK pair: most of a CJK text.
        // Four at a time while all four are such characters, then one by one.
        while let Some(chunk) = bytes.get(at..at + 12) {
            let three_byte = |k: usize| chunk[k] & 0xF0 == 0xE0;
            if !(three_byte(0) & three_byte(3) & three_byte(6) & three_byte(9)) {
                break;
            }
            let class = |k: usize| {
                let cp = (usize::from(chunk[k] & 0x0F) << 12)
                    | (usize::from(chunk[k + 1] & 0x3F) << 6)
                    | usize::from(chunk[k + 2] & 0x3F);
                table[cp & 0xFFFF]
            };
            let four = [class(0), class(3), class(6), class(9)];
            let any = four[0] | four[1] | four[2] | four[3];
            if any & (GATE_BITS | OPENER) != 0 {
                break;
            }
            // A character whose GBK pair starts with a continuation byte is
            // one in ten of Chinese text: only after one whose pair could
            // start UTF-8 does it open the GBK gate.
            if any & GBK_CONT_LEAD3 != 0 {
                let pairs = [(prev_class, four[0]), (four[0], four[1]), (four[1], four[2]), (four[2], four[3])];
                if pairs.iter().any(|&(a, b)| a & GBK_UTF8_LEAD3 != 0 && b & GBK_CONT_LEAD3 != 0) {
                    computed = computed.union(Gates::GBK);
                }
            }
            seen |= any;
            lead2_bits += usize::from(
                (four[0] & GBK_UTF8_LEAD2)
                    + (four[1] & GBK_UTF8_LEAD2)
                    + (four[2] & GBK_UTF8_LEAD2)
                    + (four[3] & GBK_UTF8_LEAD2),
            );
            for class in four {
                han += usize::from(class & HAN != 0);
                other += usize::from(class & (HAN | SPACE) == 0);
            }
            (prev_class, prev_non_ascii) = (four[3], true);
            at += 12;
        }
        while let Some(&[b0, b1, b2]) = bytes.get(at..at + 3).and_then(|s| <&[u8; 3]>::try_from(s).ok()) {
            if b0 & 0xF0 != 0xE0 {
                break;
            }
            let cp = (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F);
            let class = table[cp];
            if class & (GATE_BITS | OPENER) != 0 {
                break;
            }
            if prev_class & GBK_UTF8_LEAD3 != 0 && class & GBK_CONT_LEAD3 != 0 {
                computed = computed.union(Gates::GBK);
            }
            seen |= class;
            lead2_bits += usize::from(class & GBK_UTF8_LEAD2);
            han += usize::from(class & HAN != 0);
            other += usize::from(class & (HAN | SPACE) == 0);
            (prev_class, prev_non_ascii) = (class, true);
            at += 3;
        }
        if bytes.get(at).is_none_or(|&b| b < 0x80) {
            continue;
        }
        let lead = bytes[at];
        let (cp, len) = match *bytes.get(at..at + 3).unwrap_or_default() {
            [0xE0..=0xEF, b1, b2] => {
                ((u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F), 3)
            }
            [0xC0..=0xDF, b1, ..] => ((u32::from(lead & 0x1F) << 6) | u32::from(b1 & 0x3F), 2),
            [0xF0..=0xF7, ..] => (0x10000, 4),
            // Only a two-byte sequence ends the text this close.
            _ => match *bytes.get(at..at + 2).unwrap_or_default() {
                [_, b1] => ((u32::from(lead & 0x1F) << 6) | u32::from(b1 & 0x3F), 2),
                _ => return Gates::ALL,
            },
        };
        let class = match table.get(cp as usize) {
            Some(&class) => class,
            // Beyond the BMP (emoji, rare Han): no code page, GBK pair or marker.
            None => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if nfc_stable(c) => 0,
                _ => table_gates(Gates::NFC),
            },
        };
        if class & (GATE_BITS | OPENER | GBK_CONT_LEAD3) != 0 {
            open |= class & GATE_BITS;
            if prev_class & GBK_UTF8_LEAD3 != 0 && (class & GBK_CONT_LEAD3 != 0 || cp == 0xFFFD) {
                computed = computed.union(Gates::GBK);
            }
            if class & OPENER != 0 && prev_non_ascii && opens_farm_damage(text, at + len) {
                computed = computed.union(Gates::FARM);
                if let Some((close, letters)) = pinyin_annotation(text, at + len) {
                    other += 1 + letters;
                    (prev_class, prev_non_ascii) = (0, false);
                    at = close;
                    continue;
                }
            }
        }
        seen |= class;
        lead2_bits += usize::from(class & GBK_UTF8_LEAD2);
        han += usize::from(class & HAN != 0);
        other += usize::from(class & (HAN | SPACE) == 0);
        (prev_class, prev_non_ascii) = (class, true);
        at += len;
    }
    let lead2 = lead2_bits / usize::from(GBK_UTF8_LEAD2);
    let lead3_pair = || seen & GBK_UTF8_LEAD3 != 0 && lead3_before_non_ascii(text);
    if gbk_by_counts(prev_class, han, other, lead2, lead3_pair) {
        computed = computed.union(Gates::GBK);
    }
    gates_of(open).union(computed)
}

/// The fewest two-byte mojibake characters that open the GBK gate in text
/// mostly of Han characters: a few in a row are a name or a title as often
/// as Cyrillic (`褌褎` is `тф`), and strings of rare characters spell letters
/// by chance.
const MIN_TWO_BYTE_MOJIBAKE: usize = 8;

/// Whether the counts of a whole text open the GBK gate: a three-byte lead
/// at the very end (its continuation lost); in text mostly not Han, a
/// character of two-byte mojibake (`caf茅`) or one that could start
/// three-byte UTF-8 before another (`It鈥檚`: `’` and `s`); or Han
/// characters most of which are two-byte mojibake (Russian or Greek read
/// as GBK is nothing but Han characters: `胁 薪邪` for `в на`; in Chinese
/// text about one in six is such a character), at least
/// [`MIN_TWO_BYTE_MOJIBAKE`] of them.
///
/// `lead3_pair` is asked last: it reads the text again, which only text
/// mostly not Han with such a character needs. The GBK search's own test
/// (`mojibake::may_hold_utf8_as_gbk`) ends with the same verdict.
pub(crate) fn gbk_by_counts(
    last_class: u16,
    han: usize,
    other: usize,
    lead2: usize,
    lead3_pair: impl FnOnce() -> bool,
) -> bool {
    let mostly_not_han = han * 3 < han + other;
    last_class & GBK_UTF8_LEAD3 != 0
        || (lead2 >= MIN_TWO_BYTE_MOJIBAKE && lead2 * 2 > han)
        || (mostly_not_han && (lead2 > 0 || lead3_pair()))
}

/// Whether a character whose GBK pair could start three-byte UTF-8 stands
/// right before a non-ASCII character (`鈥檚`).
fn lead3_before_non_ascii(text: &str) -> bool {
    let table = classes();
    let mut prev_lead3 = false;
    text.chars().any(|c| {
        let hit = prev_lead3 && !c.is_ascii();
        prev_lead3 = table.get(c as usize).is_some_and(|&class| class & GBK_UTF8_LEAD3 != 0);
        hit
    })
}

/// An ASCII byte no gate and no opener cares about: printable but for
/// `\\ & # ? (`, or a tab or line break. (The table says the same; this
/// form is for the sixteen-byte test.)
fn is_plain_ascii(b: u8) -> bool {
    let printable = (b' '..0x7F).contains(&b);
    let special = (b == b'\\') | (b == b'&') | (b == b'#') | (b == b'?') | (b == b'(');
    (printable & !special) | (b == b'\t') | (b == b'\n') | (b == b'\r')
}

/// A pinyin letter right after an opener at byte `at`.
fn opens_farm_damage(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(crate::farm::is_pinyin_letter)
}

/// A content-farm annotation's syllable from byte `at`, after its opener (a
/// parenthesis, or the `?` or U+FFFD a lost lead byte left: `構?zhí)`): one
/// to seven pinyin letters, then `)` or `）`. Returns where the closing
/// parenthesis starts and how many letters there are.
///
/// Its tone-marked letters (`發(fā)`, `對(duì)`) are Latin-1 and code-page
/// characters, but no mojibake stage reads such a syllable (a test tries
/// every syllable after each opener, and random runs of pinyin letters), so
/// the gates skip it: a content-farm page would otherwise run the whole
/// mojibake search before the farm repair removes its annotations.
fn pinyin_annotation(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = text.get(at..)?;
    for (letters, (i, c)) in rest.char_indices().enumerate() {
        if c == ')' || c == '）' {
            return (letters > 0).then_some((at + i, letters));
        }
        if letters == 7 || !crate::farm::is_pinyin_letter(c) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_of_many_scripts_needs_nothing() {
        for text in [
            "Plain English text (with parentheses), a question? And 100% more.",
            "新华社北京11月3日电（记者 张三）国务院新闻办公室今天举行新闻发布会。你好吗?",
            "臺灣的經濟發展與產業轉型，一直是各界關注的議題。",
            "日本語のテキストです。한국어 텍스트입니다. 😀",
        ] {
            assert!(!may_need_repair(text), "{text}");
        }
    }

    #[test]
    fn each_kind_of_damage_opens_its_gate() {
        for (text, gate) in [
            ("caf\u{e9}", Gates::LATIN),
            ("AT&amp;T", Gates::ENTITY),
            ("\\u6587", Gates::ESCAPE),
            ("#x6587;", Gates::BARE_REF),
            ("a\u{1}b", Gates::CONTROL),
            ("a\u{85}b", Gates::C1),
            ("鍙戝竷", Gates::GBK),
            ("鍙?", Gates::GBK),
            ("鍙\u{FFFD}", Gates::GBK),
            ("It鈥檚 fine", Gates::GBK),
            ("胁 薪邪 懈 薪械 褔褌芯 褝褌芯 泻邪泻 锌芯", Gates::GBK),
            ("發(fā)布", Gates::FARM),
            ("或?qū)⒎蛛A段", Gates::FARM),
            ("蛛\u{FFFD}ā）", Gates::FARM),
            ("lost \u{FFFD} text", Gates::MARKER),
            ("锟斤拷", Gates::MARKER),
            ("cafe\u{301}", Gates::NFC),
            ("РІ", Gates::CODE_PAGE),
            ("Ð½Ð¾Ð²Ð¾ÑÑÐ¸", Gates::LATIN),
        ] {
            assert!(gates(text).any(gate), "{text}: {:?}", gates(text));
        }
    }

    /// [`gates`] a character at a time, without its runs taken at once: the
    /// differential test below wants the two to agree.
    fn reference_gates(text: &str) -> Gates {
        let table = classes();
        let (mut open, mut computed) = (0u16, Gates::NONE);
        let (mut han, mut other, mut lead2, mut lead3_pair) = (0usize, 0usize, 0usize, false);
        let mut prev_c = ' ';
        let (mut prev_class, mut prev_non_ascii) = (0u16, false);
        // The letters of a pinyin annotation count as text and open nothing.
        let mut annotation_to = 0;
        for (at, c) in text.char_indices() {
            let prev_lead3 = table.get(prev_c as usize).is_some_and(|&class| class & GBK_UTF8_LEAD3 != 0);
            lead3_pair |= prev_lead3 && !c.is_ascii();
            prev_c = c;
            if at < annotation_to {
                other += 1;
                (prev_class, prev_non_ascii) = (0, false);
                continue;
            }
            let class = match table.get(c as usize) {
                Some(&class) => class,
                None if nfc_stable(c) => 0,
                None => table_gates(Gates::NFC),
            };
            open |= class & GATE_BITS;
            let farm = class & OPENER != 0 && prev_non_ascii && opens_farm_damage(text, at + c.len_utf8());
            if farm {
                computed = computed.union(Gates::FARM);
                if let Some((close, _)) = pinyin_annotation(text, at + c.len_utf8()) {
                    annotation_to = close;
                }
            }
            let lost_byte =
                if c.is_ascii() { c == '?' && prev_non_ascii } else { class & GBK_CONT_LEAD3 != 0 || c == '\u{FFFD}' };
            if prev_class & GBK_UTF8_LEAD3 != 0 && lost_byte {
                computed = computed.union(Gates::GBK);
            }
            if c.is_ascii() {
                other += usize::from(c > ' ');
                (prev_class, prev_non_ascii) = (0, false);
            } else {
                lead2 += usize::from(class & GBK_UTF8_LEAD2 != 0);
                han += usize::from(class & HAN != 0);
                other += usize::from(class & (HAN | SPACE) == 0);
                (prev_class, prev_non_ascii) = (class, true);
            }
        }
        if gbk_by_counts(prev_class, han, other, lead2, || lead3_pair) {
            computed = computed.union(Gates::GBK);
        }
        gates_of(open).union(computed)
    }

    #[test]
    fn the_gates_agree_with_a_character_at_a_time_on_mixed_text() {
        // Characters of every class: Han with GBK pairs that could start
        // UTF-8 (`鍙` E5 8F, `涓` E4 B8) or continue it (`电` B5 E7, `曠`
        // 95 E7), their mojibake, openers, gates, ASCII runs and text beyond
        // the BMP.
        let pieces = [
            "中文",
            "发布",
            "鍙戝竷",
            "涓",
            "瀹",
            "浜",
            "电",
            "编",
            "曠",
            "犵",
            "說",
            "話",
            "?",
            "(",
            "（",
            "ā",
            "é",
            "©",
            "&",
            "#",
            "\\",
            "\u{FFFD}",
            "锟斤拷",
            "\u{1}",
            "\u{85}",
            "e\u{301}",
            " ",
            "\n",
            "abc",
            "Plain text with words ",
            "2025",
            "😀",
            "𠀋",
            "，",
            "。",
            "“",
            "”",
            "(fā)",
            "（lüè）",
            "(bù",
            "ì)",
            "）",
            ")",
            // Two-byte mojibake (Russian read as GBK) and English punctuation.
            "胁",
            "薪邪",
            "懈",
            "褍谐谢械胁芯写芯胁",
            "鈥",
            "檚",
        ];
        let (mut seen_gbk, mut by_two_byte_share) = (0, 0);
        for text in crate::mixes::text_mixes(&pieces, 20_000, 40, 0x0BAD_5EED_1234_5678) {
            let (got, expected) = (gates(&text), reference_gates(&text));
            assert_eq!(got, expected, "{text:?}");
            seen_gbk += usize::from(got.any(Gates::GBK));
            let class = |c: char| classes().get(c as usize).copied().unwrap_or(0);
            let han = text.chars().filter(|&c| class(c) & HAN != 0).count();
            let lead2 = text.chars().filter(|&c| class(c) & GBK_UTF8_LEAD2 != 0).count();
            by_two_byte_share += usize::from(lead2 >= MIN_TWO_BYTE_MOJIBAKE && lead2 * 2 > han);
        }
        assert!(seen_gbk > 1000, "only {seen_gbk} texts opened the GBK gate");
        // The fast path's counts of two-byte mojibake are tested too.
        assert!(by_two_byte_share > 200, "only {by_two_byte_share} texts of mostly two-byte mojibake");
    }

    /// The annotation's letters are skipped whole: they may open no gate
    /// but the two the skip is for, and count as nothing but text.
    #[test]
    fn pinyin_letters_open_only_the_latin_and_code_page_gates() {
        let skipped = table_gates(Gates::LATIN.union(Gates::CODE_PAGE));
        let letters = ('a'..='z').chain("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".chars());
        for c in letters {
            assert!(crate::farm::is_pinyin_letter(c), "{c}");
            let class = classes()[c as usize];
            assert_eq!(class & !skipped, 0, "{c}: {class:#06x}");
        }
    }

    #[test]
    fn a_content_farm_annotation_opens_the_farm_gate_alone() {
        for text in ["發(fā)布會", "應(yīng)對（duì）", "略(lüè)", "構?zhí)险"] {
            assert_eq!(gates(text), Gates::FARM, "{text}");
        }
        assert_eq!(gates("的\u{FFFD}liáo)鹘"), Gates::FARM.union(Gates::MARKER));
        // Outside an annotation the same letters open their gates.
        assert!(gates("發 fā 布").any(Gates::CODE_PAGE));
        assert!(gates("應(yīng-)").any(Gates::CODE_PAGE));
        assert!(gates("略(lüè").any(Gates::LATIN));
        assert!(gates("略(lüèxxxxx)").any(Gates::LATIN));
        // And the rest of the text is still looked at.
        assert!(gates("發(fā)布 café").any(Gates::LATIN));
    }

    #[test]
    fn the_plain_ascii_test_agrees_with_the_table() {
        for b in 0..=0xFFu8 {
            let quiet = b < 0x80 && classes()[usize::from(b)] & (GATE_BITS | OPENER) == 0;
            assert_eq!(is_plain_ascii(b), quiet, "{b:#04x}");
        }
    }

    #[test]
    fn a_clean_chinese_text_with_a_copyright_sign_opens_only_the_code_page_gate() {
        assert_eq!(gates("版权所有 © 2025 岚湖新闻网"), Gates::CODE_PAGE);
        assert_eq!(gates("Copyright © 2025"), Gates::CODE_PAGE);
        assert_eq!(gates("plain text"), Gates::NONE);
    }
}
