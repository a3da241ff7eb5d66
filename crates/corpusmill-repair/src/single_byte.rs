//! UTF-8 read as a single-byte code page other than cp1252: Windows-1251
//! (`РґРѕСЂРѕРіРµ` for дороге), Windows-1250 and ISO-8859-2 (`LiĂ¨ge`),
//! Windows-1257, MacRoman (`g√¢teaux`), IBM code page 437 (`─îe┼ítina`),
//! Windows-1253 and ISO-8859-7 (`ΞΊΟ…Ξ²Ξ­` for κυβέ), Windows-1256 (Arabic),
//! Windows-1258 (Vietnamese) and Windows-1255 (`׳©׳׳•׳` for שלום);
//! plus CESU-8 emoji read as cp1252/Latin-1 and C1 controls that are cp1252
//! bytes read as Latin-1.
//!
//! These code pages map whole alphabets to letters, so the per-character
//! cost of [`crate::plausible::text_cost`] cannot tell `РґРѕ` (mojibake)
//! from `Приве` (Russian): both are Cyrillic letters. What gives mojibake
//! away is how the characters sit next to each other inside a word, the
//! way ftfy's "badness" counts it: a lowercase letter followed by a capital
//! (`ґР`), letters of two scripts glued together (`rГ©`), symbols and box
//! drawing between letters (`wei√ü`, `─îe`), C1 controls. A word is
//! re-decoded only when it has such signs and its new reading has clearly
//! fewer, costs no more, and brings in nothing a text never holds; words
//! without any sign (every clean word) are not looked at.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

use crate::latin::latin_byte;
use crate::log::{PlanStep, RepairKind, RepairLog};
use crate::plausible::{char_cost, text_cost};

/// IBM code page 437, bytes 0x80..=0xFF (not in encoding_rs).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}";

/// A single-byte code page as a map from the characters it decodes to its bytes.
struct CodePage {
    name: &'static str,
    kind: RepairKind,
    /// The byte of each character below [`TABLED`] (0: not on the page),
    /// where every page has all but a few of its characters.
    low: Box<[u8; TABLED]>,
    /// The page's characters from [`TABLED`] (MacRoman's `` and ligatures).
    high: Vec<(char, u8)>,
}

/// Characters below this are looked up in a table; a page's byte for them is
/// asked for every character of every word read (Han included).
const TABLED: usize = 0x2600;

fn code_pages() -> &'static [CodePage] {
    static PAGES: OnceLock<Vec<CodePage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let from_encoding = CodePage::of_encoding;
        let cp437 = CodePage::new("ibm437", RepairKind::MojibakeUtf8AsCp437, CP437_HIGH.chars().zip(0x80u8..=0xFF));
        vec![
            from_encoding(encoding_rs::WINDOWS_1251, RepairKind::MojibakeUtf8AsCp1251).with_lost_byte(0x98),
            from_encoding(encoding_rs::WINDOWS_1250, RepairKind::MojibakeUtf8AsCp1250),
            from_encoding(encoding_rs::ISO_8859_2, RepairKind::MojibakeUtf8AsIso8859_2),
            from_encoding(encoding_rs::WINDOWS_1257, RepairKind::MojibakeUtf8AsCp1257),
            from_encoding(encoding_rs::MACINTOSH, RepairKind::MojibakeUtf8AsMacRoman),
            cp437,
            from_encoding(encoding_rs::WINDOWS_1253, RepairKind::MojibakeUtf8AsCp1253),
            from_encoding(encoding_rs::ISO_8859_7, RepairKind::MojibakeUtf8AsIso8859_7),
            from_encoding(encoding_rs::WINDOWS_1256, RepairKind::MojibakeUtf8AsCp1256),
            from_encoding(encoding_rs::WINDOWS_1258, RepairKind::MojibakeUtf8AsCp1258),
            from_encoding(encoding_rs::WINDOWS_1255, RepairKind::MojibakeUtf8AsCp1255),
        ]
    })
}

/// The code page (cp1252 first, then the others in the order they are
/// tried) in which `c` is a byte that leads a two-byte UTF-8 sequence
/// (0xC2..=0xDF), with the repair kind that names it.
pub(crate) fn two_byte_lead_page(c: char) -> Option<RepairKind> {
    let lead = |b: u8| (0xC2..=0xDF).contains(&b);
    if crate::latin::latin_byte(c).is_some_and(lead) {
        return Some(RepairKind::MojibakeUtf8AsCp1252);
    }
    // Not the pages of other scripts: there a letter of the script is a lead
    // byte, and such a letter before a stray U+FFFD in clean text
    // (`Καλημέ�α`) is far likelier than UTF-8 read as that page that lost a byte.
    code_pages().iter().find(|page| !page.of_another_script() && page.byte(c).is_some_and(lead)).map(|page| page.kind)
}

impl CodePage {
    /// The page of a single-byte `encoding`, its repairs named `kind`.
    fn of_encoding(encoding: &'static encoding_rs::Encoding, kind: RepairKind) -> CodePage {
        let chars = (0x80u8..=0xFF).filter_map(|b| {
            let byte = [b];
            let (text, _) = encoding.decode_without_bom_handling(&byte);
            text.chars().next().filter(|&c| c != '\u{FFFD}').map(|c| (c, b))
        });
        CodePage::new(encoding.name(), kind, chars)
    }

    /// The page from its characters and their bytes (0x80..=0xFF); a
    /// character on two bytes keeps the first.
    fn new(name: &'static str, kind: RepairKind, chars: impl Iterator<Item = (char, u8)>) -> CodePage {
        let mut page = CodePage { name, kind, low: Box::new([0; TABLED]), high: Vec::new() };
        for (c, b) in chars {
            match page.low.get_mut(c as usize) {
                Some(slot) if *slot == 0 => *slot = b,
                Some(_) => {}
                None if !page.high.iter().any(|&(h, _)| h == c) => page.high.push((c, b)),
                None => {}
            }
        }
        page
    }

    /// The page with U+FFFD read as `byte`, the one byte it has no character
    /// for. Microsoft's Windows-1251 lacks only 0x98 (WHATWG reads it as
    /// U+0098, which the page holds already), and Python's decoder with
    /// `errors="replace"` writes U+FFFD for it: in UTF-8 read so, 0x98 is a
    /// continuation byte of one Hangul syllable, Hebrew letter or kana in
    /// sixteen, and a U+FFFD where a continuation byte must stand can only
    /// have been it.
    fn with_lost_byte(mut self, byte: u8) -> CodePage {
        self.high.push(('\u{FFFD}', byte));
        self
    }

    /// Whether this page was added for another script (Greek, Arabic) or for
    /// Vietnamese, rather than for Latin text read through a Latin or
    /// Cyrillic page.
    fn of_another_script(&self) -> bool {
        matches!(
            self.kind,
            RepairKind::MojibakeUtf8AsCp1253
                | RepairKind::MojibakeUtf8AsIso8859_7
                | RepairKind::MojibakeUtf8AsCp1256
                | RepairKind::MojibakeUtf8AsCp1258
                | RepairKind::MojibakeUtf8AsCp1255
        )
    }

    /// Whether this page may read words of `text` at all. The pages added
    /// for other scripts (Greek, Arabic, Vietnamese) share much of cp1252:
    /// they read a text only when it holds a character they give another
    /// byte than cp1252 does (`Ξ`, `ظ`, `ơ`). Otherwise a word the stricter
    /// judgement of the Latin pass turned down would come here and be read
    /// the same, under the wrong name (`ï½¶ï¾€` as Windows-1256).
    fn may_read(&self, text: &str) -> bool {
        !self.of_another_script()
            || text
                .chars()
                .any(|c| !c.is_ascii() && self.byte(c).is_some_and(|b| crate::latin::latin_byte(c) != Some(b)))
    }

    /// The script this page was added for (Latin for Vietnamese), or `None`
    /// for the pages that Latin and Cyrillic text is read through.
    fn own_script(&self) -> Option<Script> {
        match self.kind {
            RepairKind::MojibakeUtf8AsCp1253 | RepairKind::MojibakeUtf8AsIso8859_7 => Some(Script::Greek),
            RepairKind::MojibakeUtf8AsCp1256 => Some(Script::Arabic),
            RepairKind::MojibakeUtf8AsCp1255 => Some(Script::Hebrew),
            RepairKind::MojibakeUtf8AsCp1258 => Some(Script::Latin),
            _ => None,
        }
    }

    /// Whether the characters `new` brings in beyond `old` are Latin-1's
    /// letters, accents, punctuation and signs, Han, kana, Hangul and emoji,
    /// or of the script this page was added for (for Vietnamese, the rest of
    /// its Latin letters): such
    /// a page reads the UTF-8 of its own script (and of Latin words beside
    /// it), and where a reading gives anything else (`°à»¤` through
    /// Windows-1255 spells U+0EE4, an unassigned Lao place; `ָ»` spells `Ȼ`,
    /// `ֵ°` spells `Ű`) it is a coincidence.
    fn keeps_to_its_script(&self, old: &str, new: &str) -> bool {
        let Some(own) = self.own_script() else { return true };
        let own_block = |c: char| match own {
            Script::Greek => matches!(c, '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}'),
            Script::Arabic => matches!(c, '\u{600}'..='\u{6FF}'),
            Script::Hebrew => matches!(c, '\u{590}'..='\u{5FF}' | '\u{FB1D}'..='\u{FB4F}'),
            // Vietnamese: Latin Extended-A (`Ă`, `đ`, `ĩ`) and `ơ`, `ư`.
            Script::Latin => matches!(c, '\u{100}'..='\u{17F}' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{1E00}'..='\u{1EFF}'),
            _ => false,
        };
        // And what any text may hold beside its own script: Han, kana,
        // Hangul, emoji (the Chinese or the emoji of the same damaged text).
        let shared = |c: char| {
            cjk_or_emoji(c)
                || matches!(
                    c,
                    '\0'..='\u{FF}'
                        | '\u{300}'..='\u{36F}'
                        | '\u{2000}'..='\u{206F}'
                        | '\u{20A0}'..='\u{20CF}'
                        | '\u{2100}'..='\u{214F}'
                )
        };
        brought_in(old, new).all(|c| shared(c) || own_block(c))
    }

    /// Whether a reading through this page may hold a single right-to-left
    /// letter: through the Hebrew and Arabic pages, a one-letter word is a
    /// word (`ב־1`, `ו`); through any other, a coincidence (`×£` is `ף`).
    fn allows_one_rtl_letter(&self) -> bool {
        matches!(self.own_script(), Some(Script::Hebrew | Script::Arabic))
    }

    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return u8::try_from(c as u32).ok();
        }
        match self.low.get(c as usize) {
            Some(&b) => (b != 0).then_some(b),
            None => self.high.iter().find(|&&(h, _)| h == c).map(|&(_, b)| b),
        }
    }
}

/// Coarse script of a letter, for the mixed-script sign.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Other,
    /// Han, kana, Hangul: they sit next to Latin letters in clean text (`iPhone手机`).
    Cjk,
}

fn script(c: char) -> Option<Script> {
    if is_cjk_letter(c) {
        return Some(Script::Cjk);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x024F | 0x1E00..=0x1EFF | 0xFB00..=0xFB06 => Script::Latin,
        // `ª` and `º` are ordinal indicators (`nº`), not letters of a script.
        0xAA | 0xBA | 0xB5 => return None,
        // Modifier letters belong to no script: `ʼ` is Ukrainian's apostrophe (`пʼять`).
        0x02B0..=0x02FF => return None,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF => Script::Arabic,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Cjk,
        _ => Script::Other,
    })
}

/// Han, kana, Hangul and emoji: what a text of any script may hold beside
/// it (the Chinese or the emoji inside a damaged Arabic or Thai text).
fn cjk_or_emoji(c: char) -> bool {
    is_cjk_letter(c)
        || matches!(c, '\u{3000}'..='\u{30FF}' | '\u{FE0F}' | '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

/// Han ideographs (blocks fully assigned) and Hangul syllables: letters
/// without asking Unicode's tables, which is most of a Chinese word.
fn is_cjk_letter(c: char) -> bool {
    crate::gbk::is_han(c) || ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A symbol that has no business between the letters of a word: the
/// Latin-1 symbols, cp1252 punctuation other than apostrophes and dashes,
/// spacing accents, math and box drawing. Soft hyphens, apostrophes and
/// the middle dot (`l·l`) are at home inside words.
fn is_odd_symbol(c: char) -> bool {
    match c as u32 {
        0xA0..=0xBF => !matches!(c, '\u{AD}' | '·' | 'ª' | 'º'),
        0xD7 | 0xF7 => true,
        0x02C0..=0x02DF => true,
        0x2020..=0x2022 | 0x2030 | 0x2039 | 0x203A | 0x2122 | 0x0192 => true,
        0x201A | 0x201C..=0x201E => true,
        // `€` stands by digits, never between letters (`â€ś`).
        0x20AC => true,
        0x2200..=0x22FF | 0x2310..=0x2321 | 0x2500..=0x25FF => true,
        _ => false,
    }
}

/// Characters no re-reading may bring in: the unassigned places of the Greek
/// and Hebrew blocks (`Ξƒ` is CE 83 through Windows-1253, U+0383), and the
/// scripts from Syriac to Arabic Extended-A (U+0700..=U+08FF: `ί·` is DF B7,
/// NKo), which random pairs of Greek and Latin-1 characters spell.
fn no_reading_gives(c: char) -> bool {
    matches!(
        c,
        '\u{378}'..='\u{379}'
            | '\u{380}'..='\u{383}'
            | '\u{38B}'
            | '\u{38D}'
            | '\u{3A2}'
            | '\u{5C8}'..='\u{5CF}'
            | '\u{5EB}'..='\u{5EE}'
            | '\u{5F5}'..='\u{5FF}'
            | '\u{700}'..='\u{8FF}'
    )
}

pub(crate) fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// ftfy-style signs of mojibake inside one word (no whitespace in it).
pub(crate) fn badness(word: &str) -> u32 {
    let chars: Vec<char> = word.chars().collect();
    let mut bad = 0;
    let letter_or_odd =
        |c: Option<&char>| c.is_some_and(|&c| c.is_alphanumeric() || (!c.is_ascii() && is_odd_symbol(c)));
    // Digits sit next to symbols in clean text (`5×3`, `£35`, `±5`): only letters count.
    let letter = |c: Option<&char>| c.is_some_and(|&c| c.is_alphabetic());
    let non_ascii_letter = |c: Option<&char>| c.is_some_and(|&c| !c.is_ascii() && c.is_alphabetic());
    for (i, &c) in chars.iter().enumerate() {
        // Han, kana and Hangul carry no sign of their own (and no case).
        if matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF) {
            continue;
        }
        if is_c1(c) {
            bad += 2;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        // Box drawing next to box drawing or ASCII is line art (`┼┐a`).
        let boxed = ('\u{2500}'..='\u{259F}').contains(&c);
        // A no-break space after a capital ends a word (`SELKÄ\u{A0}`);
        // after `Ð`, `Р`, `Â` or `Ã` it is a UTF-8 byte read as a character.
        let word_end_nbsp = c == '\u{A0}'
            && prev.is_some_and(|&p| {
                p.is_uppercase() && script(p) == Some(Script::Latin) && !matches!(p, 'Â' | 'Ã' | 'Å')
            });
        // French sets guillemets off with a no-break space (`«\u{A0}commité\u{A0}»`).
        let guillemet_nbsp = c == '\u{A0}' && (next == Some(&'»') || prev == Some(&'«'));
        if is_odd_symbol(c)
            && !word_end_nbsp
            && !guillemet_nbsp
            && letter_or_odd(prev)
            && letter_or_odd(next)
            && (letter(prev) || letter(next))
            && (!boxed || non_ascii_letter(prev) || non_ascii_letter(next))
        {
            bad += 1;
        }
        let Some(&prev) = prev else { continue };
        if prev.is_lowercase() && c.is_uppercase() && !(prev.is_ascii() && c.is_ascii()) {
            bad += 1;
        }
        if let (Some(a), Some(b)) = (script(prev), script(c)) {
            if a != b && a != Script::Cjk && b != Script::Cjk {
                bad += 2;
            }
        }
        // Two non-ASCII capitals followed by a lowercase letter (`ĂĄm`).
        if let Some(&next) = next {
            if !prev.is_ascii() && !c.is_ascii() && prev.is_uppercase() && c.is_uppercase() && next.is_lowercase() {
                bad += 1;
            }
        }
    }
    bad + symbol_run_badness(&chars)
}

/// A long run of symbols with odd ones among them (`×‘×”×•×“`) is a
/// right-to-left word read as Latin punctuation; a couple of symbols
/// (`∆°`, `¬´`, `\u{A0}©`) or line art and shapes are not.
fn symbol_run_badness(chars: &[char]) -> u32 {
    let symbol =
        |c: char| !c.is_ascii() && !is_cjk_letter(c) && !c.is_alphanumeric() && !('\u{2500}'..='\u{25FF}').contains(&c);
    let mut bad = 0;
    let (mut run, mut odd) = (0u32, 0u32);
    for &c in chars.iter().chain(std::iter::once(&' ')) {
        if symbol(c) {
            run += 1;
            odd += u32::from(is_odd_symbol(c));
        } else {
            if run >= 4 && odd >= 2 {
                bad += run / 2;
            }
            (run, odd) = (0, 0);
        }
    }
    bad
}

/// Decodes the UTF-8 sequences in `bytes` (one byte per character of
/// `chars`), keeping the original character for every byte that is not part
/// of one. Returns `None` when nothing was decoded.
fn decode_utf8_parts(chars: &[char], bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut decoded_any = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = crate::remap::utf8_len(b).unwrap_or(0);
        if len > 0 && i + len <= bytes.len() {
            if let Ok(s) = std::str::from_utf8(&bytes[i..i + len]) {
                out.push_str(s);
                decoded_any = true;
                i += len;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    decoded_any.then_some(out)
}

/// The best re-reading of `word` as UTF-8 read through `page`, possibly with
/// cp1252 layers on top of it (UTF-8 read as cp1252, then as cp1251).
fn reread(word: &str, page: &CodePage) -> Option<String> {
    let first = reread_once(word, page)?;
    let mut best = first.clone();
    let mut layer = first;
    for _ in 0..2 {
        let Some(next) = reread_once(&layer, page).or_else(|| crate::mojibake::decode_latin_layer(&layer)) else {
            break;
        };
        // A layer that reads only part of a clean word of the page's own
        // script is a coincidence (`مع»` is E3 DA BB through Windows-1256,
        // and DA BB is `ڻ`): it must show fewer signs, not merely cost less.
        let partial_own = page.own_script().is_some() && badness(&layer) == 0 && !reads_whole(&layer, page);
        // Nor is one that leaves the page's script (`سگ` is D3 90 through
        // Windows-1256, which is `Ӑ`).
        if (partial_own && badness(&next) >= badness(&best)) || !page.keeps_to_its_script(word, &next) {
            layer = next;
            continue;
        }
        if (badness(&next), text_cost(&next)) < (badness(&best), text_cost(&best)) {
            best = next.clone();
        }
        layer = next;
    }
    Some(best)
}

/// Whether every character of `word` is a byte of `page` and the bytes are UTF-8.
fn reads_whole(word: &str, page: &CodePage) -> bool {
    read_through(word, page).is_some()
}

/// `word` as UTF-8 when every character of it is a byte of `page` and the
/// bytes are UTF-8.
fn read_through(word: &str, page: &CodePage) -> Option<String> {
    let bytes: Vec<u8> = word.chars().map(|c| page.byte(c)).collect::<Option<_>>()?;
    String::from_utf8(bytes).ok()
}

/// Whether `word` holds a character every misread word has: the lead byte
/// of a UTF-8 sequence reads, in each of these code pages, as a Latin-1,
/// Latin Extended, Greek or Cyrillic character, a spacing accent, an arrow,
/// a math or box-drawing sign, `™` or a ligature; in Windows-1255 byte D7,
/// the lead of every Hebrew letter, is `׳` (`׳–׳”` for `זה`), and E2, the
/// lead of quotes and dashes, is `ג` (`ג€”` for `—`); in Windows-1256 D8
/// to DB, the leads of the Arabic letters (and Persian's and Urdu's), are
/// `ط`, `ظ`, `ع` and `غ` (`ظ…ظ†` for `من`, `غپغ’` for `ہے`). Words without any (Han,
/// kana, Hangul, Thai with curly quotes and dashes) are skipped unread.
pub(crate) fn may_be_misread(word: &str) -> bool {
    next_sign(word.as_bytes(), 0).is_some()
}

/// Whether byte `b`, then `next` (0 past the end), starts a sign of
/// [`may_be_misread`] (see [`next_sign`] for the bytes).
#[inline]
pub(crate) fn starts_sign(b: u8, next: u8) -> bool {
    (b.wrapping_sub(0xC2) <= 0xD4 - 0xC2)
        | ((b == 0xD7) & ((next == 0x92) | (next == 0xB3)))
        | ((b == 0xD8) & (next.wrapping_sub(0xB7) <= 0xBA - 0xB7))
        | ((b == 0xE2) & (next.wrapping_sub(0x84) <= 0x97 - 0x84))
        | ((b == 0xEF) & (next == 0xAC))
}

/// The index of the first byte at or after `from` that starts a sign of
/// [`may_be_misread`]. On the UTF-8 bytes: U+0080..=U+052F lead with
/// C2..=D4, `ג` and `׳` are D7 92 and D7 B3, `ط` to `غ` D8 B7 to D8 BA,
/// U+2100..=U+25FF lead with E2 84..=97,
/// U+FB00.. with EF AC.
fn next_sign(bytes: &[u8], from: usize) -> Option<usize> {
    let second = |i: usize| bytes.get(i + 1).copied().unwrap_or(0);
    let sign = starts_sign;
    // What the chunks are screened with: every sign and the other pairs led
    // by D7 and D8 (Hebrew and Arabic letters), a test of the shape the
    // compiler vectorises, which the two-byte tests of `sign` for D7 and D8
    // were not.
    let maybe = |b: u8, next: u8| {
        (b.wrapping_sub(0xC2) <= 0xD8 - 0xC2)
            | ((b == 0xE2) & (next.wrapping_sub(0x84) <= 0x97 - 0x84))
            | ((b == 0xEF) & (next == 0xAC))
    };
    let mut at = from;
    while at < bytes.len() {
        // Thirty-two bytes without a sign are skipped at once (a branch-free
        // test on byte pairs: Chinese text is full of E2 quotes and dashes
        // that are none); the rest byte by byte.
        let end = (at + 32).min(bytes.len());
        let chunk = bytes.get(at..end).unwrap_or_default();
        let nexts = bytes.get(at + 1..).unwrap_or_default();
        let last_alone = end == bytes.len() && chunk.last().is_some_and(|&b| sign(b, 0));
        if last_alone || chunk.iter().zip(nexts).fold(false, |any, (&b, &n)| any | maybe(b, n)) {
            let found = (at..end).find(|&i| sign(bytes[i], second(i)));
            if found.is_some() {
                return found;
            }
        }
        at = end;
    }
    None
}

/// `word` read through `page` when all of its bytes are UTF-8 (or all but
/// the punctuation at its ends, letters read as letters: `ظ…ط¹…` and `„Ĺľe`,
/// where the Latin pass already read `â€¦` as `…` and `â€ž` as `„`) and the
/// new reading shows no sign of damage, brings in letters only of the
/// `known` scripts, those the document's other readings bring in, or Han, kana and Hangul, which text of any script may hold
/// (beside Russian damage a clean `ГЈ` is no `ã`), and costs no
/// more: one more when what it brings in is common and holds a letter
/// (`Д‘ГЈ` is Vietnamese `đã`, and `đ` costs 1 where Cyrillic costs nothing).
fn whole_reread(word: &str, page: &CodePage, known: &[Script]) -> Option<String> {
    let read = |core: &str| read_through(core, page);
    let new = match read(word) {
        Some(new) => new,
        // Without the punctuation at its ends, which the Latin pass may have
        // read already (`â€¦` as `…`), when letters are read on both sides.
        None => {
            let edge = |c: char| {
                matches!(c, '…' | '“' | '”' | '„' | '‘' | '’' | '‚' | '«' | '»' | '–' | '—') || c.is_ascii_punctuation()
            };
            let core = word.trim_matches(edge);
            let start = word.find(core).filter(|_| !core.is_empty() && core.len() < word.len())?;
            let end = start + core.len();
            let has_letters = |s: &str| s.chars().any(|c| script(c).is_some());
            let core_read = read(core).filter(|new| has_letters(core) && has_letters(new))?;
            format!("{}{core_read}{}", &word[..start], &word[end..])
        }
    };
    let new = new.as_str();
    let rtl = new.chars().filter(|&c| matches!(script(c), Some(Script::Hebrew | Script::Arabic))).count();
    let fine = new != word
        && badness(new) == 0
        && (!word.chars().all(char::is_alphabetic) || spells_letters(new))
        && (rtl != 1 || page.allows_one_rtl_letter())
        && page.keeps_to_its_script(word, new)
        && brought_in(word, new).filter_map(script).all(|s| s == Script::Cjk || known.contains(&s))
        && !lone_han_among_letters(new, known)
        && text_cost(new) <= text_cost(word) + u32::from(in_known_scripts(word, new, known))
        && !brought_in(word, new).any(|c| char_cost(c) >= 10);
    fine.then(|| new.to_owned())
}

/// Whether `new` holds one Han, kana or Hangul character beside letters of
/// another script, and the document's other readings gave no such character:
/// three bytes that happen to be UTF-8 (`commité\u{A0}»` is E9 A0 BB through
/// Windows-1250, `commit頻`), not a Chinese word.
fn lone_han_among_letters(new: &str, known: &[Script]) -> bool {
    let cjk = new.chars().filter(|&c| script(c) == Some(Script::Cjk)).count();
    cjk == 1 && !known.contains(&Script::Cjk) && new.chars().any(|c| matches!(script(c), Some(s) if s != Script::Cjk))
}

/// Whether `word` holds a letter or a digit, or is the punctuation Arabic
/// script writes apart (`؟`, `،`, `؛`, `۔`), and each of its combining marks
/// sits on a letter. A quiet word of letters that reads as a lone mark or a
/// rare sign is a clean word (`طک` is D8 98 through Windows-1256, U+0618, a
/// small fatha; `طچ` is `؍`, a date separator), while `طں` is `؟` and `غµ`
/// the Persian digit `۵`.
fn spells_letters(word: &str) -> bool {
    let spelt = word.chars().any(|c| c.is_alphanumeric() && !is_combining_mark(c))
        || word.chars().all(|c| matches!(c, '؟' | '،' | '؛' | '۔' | '٪'));
    spelt && !has_bare_mark(word)
}

/// Whether a combining mark in `word` stands where no letter carries it: at
/// its start, or after a digit, a sign or a space. Variation selectors and
/// the keycap are marks that belong on symbols and digits (`❤️`, `1️⃣`).
fn has_bare_mark(word: &str) -> bool {
    let mut on_letter = false;
    word.chars().any(|c| {
        let mark = is_combining_mark(c);
        let bare = mark && !on_letter && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{20E3}' | '\u{E0100}'..='\u{E01EF}');
        // Unicode counts many marks as alphabetic: a mark carries on only
        // what the letter before it started.
        on_letter = if mark { on_letter } else { c.is_alphabetic() };
        bare
    })
}

/// Whether `old` holds a letter, and the characters `new` brings in beyond
/// it are common ones (cost at most 1) holding a letter, every letter of
/// them of one of the `known` scripts. Symbols (`…™`, `«•`) never read so.
fn in_known_scripts(old: &str, new: &str, known: &[Script]) -> bool {
    let brought: Vec<char> = brought_in(old, new).collect();
    old.chars().any(char::is_alphabetic)
        && brought.iter().all(|&c| char_cost(c) <= 1)
        && brought.iter().any(|&c| script(c).is_some())
        && brought.iter().filter_map(|&c| script(c)).all(|s| known.contains(&s))
}

/// Whether some page reads a character of `word` as a UTF-8 lead byte and
/// the next as a continuation byte: without such a pair, no page decodes
/// anything in it ([`reread_once`] and [`whole_reread`] give `None`).
fn may_reread(word: &str, pages: &[CodePage]) -> bool {
    let bytes = word.as_bytes();
    let mut leads = 0u32;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII, and the three-byte characters from U+3000 to U+EFFF (CJK,
        // kana, Hangul, private use), are in no page: the word that holds a
        // sign is often a whole line of Chinese, and looking each of them up
        // was most of this pass.
        if b < 0x80 || (0xE3..=0xEE).contains(&b) {
            leads = 0;
            at += if b < 0x80 { 1 } else { 3 };
            continue;
        }
        let Some(c) = word.get(at..).and_then(|rest| rest.chars().next()) else { break };
        let role = role(c, pages);
        if leads & (role >> 16) != 0 {
            return true;
        }
        leads = role & 0xFFFF;
        at += c.len_utf8();
    }
    false
}

/// [`role_of`], from tables built once.
fn role(c: char, pages: &[CodePage]) -> u32 {
    // Per character below TABLED: the pages (one bit each) that read it as a
    // lead byte (low byte) and as a continuation byte (high byte).
    static ROLES: OnceLock<Box<[u32; TABLED]>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        let mut roles = Box::new([0u32; TABLED]);
        for (cp, role) in (0..TABLED as u32).zip(roles.iter_mut()) {
            if let Some(c) = char::from_u32(cp) {
                *role = role_of(c, pages);
            }
        }
        roles
    });
    // From TABLED only the few characters some page has (MacRoman's) have a
    // role: Han text is looked up in this short list, not page by page.
    static HIGH_ROLES: OnceLock<Vec<(char, u32)>> = OnceLock::new();
    let high_roles = HIGH_ROLES.get_or_init(|| {
        let mut high: Vec<char> = pages.iter().flat_map(|page| page.high.iter().map(|&(c, _)| c)).collect();
        high.sort_unstable();
        high.dedup();
        high.into_iter().map(|c| (c, role_of(c, pages))).collect()
    });
    match roles.get(c as usize) {
        Some(&role) => role,
        None => high_roles.iter().find(|&&(h, _)| h == c).map_or(0, |&(_, role)| role),
    }
}

/// The pages that read `c` as a lead byte (bits 0..8) and as a continuation
/// byte (bits 8..16), for [`may_reread`].
fn role_of(c: char, pages: &[CodePage]) -> u32 {
    let mut role = 0u32;
    for (i, page) in pages.iter().enumerate().take(16) {
        match page.byte(c) {
            Some(0xC2..=0xF4) => role |= 1 << i,
            Some(0x80..=0xBF) => role |= 1 << (i + 16),
            _ => {}
        }
    }
    role
}

fn reread_once(word: &str, page: &CodePage) -> Option<String> {
    // Nothing decodes without a lead byte right before a continuation byte:
    // looked for first, as most words read through most pages have none.
    let mut after_lead = false;
    let pair = word.chars().any(|c| {
        let b = page.byte(c).unwrap_or(0);
        let found = after_lead && (0x80..=0xBF).contains(&b);
        after_lead = (0xC2..=0xF4).contains(&b);
        found
    });
    if !pair {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    // A character the page lacks (a letter already repaired, `ב`) stays as it
    // is: a NUL byte never joins a UTF-8 sequence.
    let bytes: Vec<u8> = chars.iter().map(|&c| page.byte(c).unwrap_or(0)).collect();
    decode_utf8_parts(&chars, &bytes)
}

/// Whether `new` may replace `old`: clearly fewer signs of mojibake, no
/// higher cost, and nothing brought in that text never holds.
fn acceptable(old: &str, new: &str, one_rtl_letter: bool) -> bool {
    let (old_bad, new_bad) = (badness(old), badness(new));
    if new == old || new_bad >= old_bad || new_bad * 2 > old_bad {
        return false;
    }
    if brought_in(old, new).any(|c| c != '\u{FFFD}' && char_cost(c) >= 10) {
        return false;
    }
    // Spacing modifier letters and combining marks beyond the apostrophes
    // and accents that text does write (`ʼ`, `ˆ`, a stress mark): a case
    // switch in a clean Cyrillic word (`аЛіА`, `аМіА`) read as cp1251 spells
    // them (`Лі` is `˳`, `Мі` is U+0333).
    let rare_mark = |c: char| match c {
        '\u{2B0}'..='\u{2FF}' => !matches!(c, 'ʻ' | 'ʼ' | 'ˆ' | 'ˇ' | 'ˉ' | 'ˊ' | 'ˋ' | '˘'..='˝'),
        '\u{300}'..='\u{36F}' => !matches!(
            c,
            '\u{300}'..='\u{304}' | '\u{306}'..='\u{308}' | '\u{30A}'..='\u{30C}' | '\u{323}' | '\u{327}' | '\u{328}'
        ),
        _ => false,
    };
    if brought_in(old, new).any(rare_mark) {
        return false;
    }
    if brought_in(old, new).any(no_reading_gives) {
        return false;
    }
    // Words do not start with a combining mark (`ظ‹` is D9 8B, U+064B).
    if has_bare_mark(new) && !has_bare_mark(old) {
        return false;
    }
    // One right-to-left letter among others is a coincidence (`×£` is `ף`).
    let rtl = new.chars().filter(|&c| matches!(script(c), Some(Script::Hebrew | Script::Arabic))).count();
    if rtl == 1 && !one_rtl_letter {
        return false;
    }
    // Each sign removed may pay for a less common character (`£`, `į`).
    text_cost(new) <= text_cost(old) + 2 * (old_bad - new_bad)
}

pub(crate) fn repair_single_byte(text: String, log: &mut RepairLog) -> String {
    // No test of `may_be_misread` first: the search for the first sign below
    // is that test, and a sign in a footer (`版权所有 ©`) made it two passes.
    let pages = code_pages();
    // Which pages may read this text, found when the first word is read.
    let mut allowed: Option<Vec<bool>> = None;
    // Every acceptable reading of every word with signs of mojibake.
    let mut candidates: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
    // Words without signs of their own (`РІ` for `в`, `√†` for `à`).
    let mut quiet: Vec<(usize, &str)> = Vec::new();
    // Only words holding a sign are read: jump from sign to sign, not word
    // to word (a Chinese text with one `©` is one long run of words).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(sign) = next_sign(bytes, from) {
        let offset = bytes[..sign].iter().rposition(u8::is_ascii_whitespace).map_or(0, |p| p + 1);
        let end = bytes[sign..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |p| sign + p);
        from = end;
        let Some(word) = text.get(offset..end) else { continue };
        // A word no page reads as UTF-8 is neither a candidate nor, later, a
        // quiet word read whole: it is passed over unjudged.
        if !may_reread(word, pages) {
            continue;
        }
        if badness(word) == 0 {
            quiet.push((offset, word));
        } else if !word.is_ascii() {
            let allowed = allowed.get_or_insert_with(|| pages.iter().map(|page| page.may_read(&text)).collect());
            let readings: Vec<(usize, String)> = pages
                .iter()
                .enumerate()
                .filter(|&(i, _)| allowed.get(i).copied().unwrap_or(false))
                .filter_map(|(i, page)| {
                    let fits = |new: &String| {
                        acceptable(word, new, page.allows_one_rtl_letter())
                            && page.keeps_to_its_script(word, new)
                            && !letters_read_as_a_sign(word, new, page)
                    };
                    reread(word, page).filter(fits).map(|new| (i, new))
                })
                .collect();
            if !readings.is_empty() {
                candidates.push((offset, readings));
            }
        }
    }
    keep_lost_byte_readings_in_known_scripts(&text, &mut candidates);
    if candidates.is_empty() {
        return text;
    }
    // Code pages that read several words of a document equally well (cp1250
    // and ISO-8859-2 share most letters) are told apart by the words only
    // one of them reads: a document went through one wrong decoder.
    let mut votes = vec![0usize; pages.len()];
    for (_, readings) in &candidates {
        let best = readings.iter().map(|(_, new)| badness(new)).min();
        for (page, new) in readings {
            if Some(badness(new)) == best {
                votes[*page] += 1;
            }
        }
    }
    // Once several words of a document read clearly better through one code
    // page, its short words that read as whole UTF-8 through it are the same
    // damage, as long as they read no worse.
    if let Some((page, _)) = votes.iter().enumerate().filter(|&(_, &v)| v >= 2).max_by_key(|&(_, &v)| v) {
        // The scripts of the letters the document's other readings give.
        let known: Vec<Script> = candidates
            .iter()
            .flat_map(|(_, readings)| readings.iter().flat_map(|(_, new)| new.chars().filter_map(script)))
            .collect();
        for (start, word) in quiet {
            if let Some(new) = whole_reread(word, &pages[page], &known) {
                candidates.push((start, vec![(page, new)]));
            }
        }
        candidates.sort_by_key(|(start, _)| *start);
        // Quiet words read whole may take a lost byte too (`Ж�` is `Ƙ`).
        keep_lost_byte_readings_in_known_scripts(&text, &mut candidates);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, readings) in candidates {
        let Some((page, new)) = readings
            .into_iter()
            .min_by_key(|(page, new)| (badness(new), std::cmp::Reverse(votes[*page]), text_cost(new)))
        else {
            continue;
        };
        let word = word_at(&text, start);
        let page = &pages[page];
        log.add(
            page.kind,
            1,
            PlanStep::new(format!(
                "encode {}, decode utf-8 at char {} ({} chars)",
                page.name.to_ascii_lowercase(),
                text[..start].chars().count(),
                word.chars().count()
            )),
        );
        out.push_str(&text[copied..start]);
        out.push_str(&new);
        copied = start + word.len();
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `new` reads only part of `word` through `page`, and what it read
/// were letters that became no letter: a clean word with a case switch
/// (`МАСИВі`, where `Ві` is C2 B3 through Windows-1251, `³`). Damage leaves
/// no clean letters beside it in a word (`РјВі` reads whole as `м³`), but
/// for guillemets the word already holds, damaged alone on Russian pages
/// (`В«ГазпромВ»` is `«Газпром»`): there nothing new is brought in.
fn letters_read_as_a_sign(word: &str, new: &str, page: &CodePage) -> bool {
    let mut taken = word.chars().filter(|&c| !new.contains(c)).peekable();
    let mut brought = brought_in(word, new).peekable();
    taken.peek().is_some()
        && taken.all(char::is_alphabetic)
        && brought.peek().is_some()
        && !brought.any(char::is_alphabetic)
        && !reads_whole(word, page)
}

/// The characters of `new` that `old` does not hold: what a reading brings in.
fn brought_in<'a>(old: &'a str, new: &'a str) -> impl Iterator<Item = char> + 'a {
    new.chars().filter(move |&c| !old.contains(c))
}

/// The word of `text` that starts at byte `start`: up to the next ASCII
/// whitespace, where the word search cut it.
fn word_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    &rest[..rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len())]
}

/// Drops the readings that took a U+FFFD for a page's lost byte (see
/// [`CodePage::with_lost_byte`]) where the characters read with it are rare
/// or of a script no other reading of the document brings in: `Р�` is `И`
/// among Russian words read back and `м�¤` is `옹` among Korean ones, but a
/// clean `Ж` before a stray U+FFFD beside damaged Korean would be `Ƙ`, and
/// `Ф�` beside Russian is `Ԙ`, a letter of Komi. The scripts the same word
/// reads as without the lost byte count too; a word with nothing else read,
/// in a document without other readings, keeps its U+FFFD.
fn keep_lost_byte_readings_in_known_scripts(text: &str, candidates: &mut Vec<(usize, Vec<(usize, String)>)>) {
    let word_at = |start: usize| word_at(text, start);
    let takes_lost_byte = |start: usize| word_at(start).contains('\u{FFFD}');
    if !candidates.iter().any(|(start, _)| takes_lost_byte(*start)) {
        return;
    }
    let mut known: Vec<Script> = Vec::new();
    for (start, readings) in candidates.iter().filter(|(start, _)| !takes_lost_byte(*start)) {
        let old = word_at(*start);
        for (_, new) in readings {
            known.extend(brought_in(old, new).filter_map(script));
        }
    }
    let pages = code_pages();
    candidates.retain_mut(|(start, readings)| {
        if takes_lost_byte(*start) {
            let old = word_at(*start);
            readings.retain(|(page, new)| {
                // What the page reads without the lost byte: the characters
                // of `new` beyond it (and beyond `old`) were read with it.
                let without = pages
                    .get(*page)
                    .and_then(|page| reread_once(&old.replace('\u{FFFD}', "\u{FFFC}"), page))
                    .unwrap_or_default();
                // Its own other readings count (a line of Japanese is one word).
                let own: Vec<Script> = brought_in(old, &without).filter_map(script).collect();
                brought_in(old, new)
                    .filter(|&c| !without.contains(c))
                    .all(|c| char_cost(c) <= 2 && script(c).is_none_or(|s| known.contains(&s) || own.contains(&s)))
            });
        }
        !readings.is_empty()
    });
}

/// UTF-8 read as cp1252 whose no-break space (byte A0) became a plain space:
/// `Ð у` for `Ру`, `à¸ า` for `ภา`, `æ ‹` for `栋`, `Å veices` for `Šveices`. The lead (and
/// continuation) plus A0 must decode to a letter of the same script as the
/// word it joins; a Latin letter (`Š`) also needs other cp1252 repairs in
/// the document, since `Å` is a Swedish word of its own.
pub(crate) fn repair_lost_nbsp(text: String, had_cp1252_repairs: bool, log: &mut RepairLog) -> String {
    // A space at most six bytes after `Â`..=`ï` (C3 82..=C3 AF in UTF-8).
    let bytes = text.as_bytes();
    if memchr::memchr(0xC3, bytes).is_none() {
        return text;
    }
    let candidate = memchr::memchr_iter(b' ', bytes).any(|i| {
        let window = &bytes[i.saturating_sub(6)..i];
        window.windows(2).any(|w| w[0] == 0xC3 && (0x82..=0xAF).contains(&w[1]))
    });
    if !candidate {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let byte = |i: usize| chars.get(i).and_then(|&c| latin_byte(c));
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut i = 0;
    while i < chars.len() {
        let lead = byte(i).filter(|_| !chars[i].is_ascii());
        let seq: Option<Vec<u8>> = match lead {
            Some(b @ 0xC2..=0xDF) if chars.get(i + 1) == Some(&' ') => Some(vec![b, 0xA0]),
            Some(b @ 0xE0..=0xEF) if chars.get(i + 2) == Some(&' ') => {
                byte(i + 1).filter(|c| (0x80..=0xBF).contains(c)).map(|c| vec![b, c, 0xA0])
            }
            // The no-break space in the middle (`æ ‹` for `栋`, E6 A0 8B).
            Some(b @ 0xE0..=0xEF) if chars.get(i + 1) == Some(&' ') => {
                byte(i + 2).filter(|c| (0x80..=0xBF).contains(c)).map(|c| vec![b, 0xA0, c])
            }
            _ => None,
        };
        if let Some(seq) = seq {
            let len = seq.len();
            let new = std::str::from_utf8(&seq).ok().and_then(|s| s.chars().next());
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + len).copied();
            if let Some(new) = new.filter(|&n| joins_word(n, prev, next, had_cp1252_repairs)) {
                out.push(new);
                count += 1;
                i += len;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    if count == 0 {
        return text;
    }
    log.add(
        RepairKind::MojibakeUtf8AsCp1252,
        count,
        PlanStep::new(format!("{count} UTF-8 letters whose byte A0 became a space re-decoded")),
    );
    out
}

fn joins_word(new: char, prev: Option<char>, next: Option<char>, had_cp1252_repairs: bool) -> bool {
    // `׳×` is `ת` read as Windows-1255 (D7 AA), and no byte A0 follows it:
    // the space is a space (`׳×` + ` ג€ž` is `ת „`), not part of `נ`.
    if prev == Some('\u{5F3}') {
        return false;
    }
    if new == '\u{A0}' {
        // `Â` never ends a lowercase word: `namedÂ „scars` is `named\u{A0}„scars`.
        return had_cp1252_repairs && prev.is_some_and(char::is_lowercase) && next.is_some_and(|n| !n.is_whitespace());
    }
    let Some(s) = script(new) else { return false };
    let same = |c: Option<char>| c.is_some_and(|c| script(c) == Some(s));
    if s == Script::Latin {
        had_cp1252_repairs
            && new.is_uppercase()
            && next.is_some_and(char::is_lowercase)
            && same(next)
            && !prev.is_some_and(char::is_alphanumeric)
    } else {
        same(next) || same(prev)
    }
}

/// Whether six cp1252 bytes are a CESU-8 surrogate pair (`ED A0..AF xx ED B0..BF xx`).
fn is_cesu8_pair(bytes: &[Option<u8>]) -> bool {
    let cont = |b: Option<u8>, lo: u8, hi: u8| b.is_some_and(|b| (lo..=hi).contains(&b));
    matches!(bytes, &[first, b1, b2, second, b4, b5]
        if first == Some(0xED)
            && cont(b1, 0xA0, 0xAF)
            && cont(b2, 0x80, 0xBF)
            && second == Some(0xED)
            && cont(b4, 0xB0, 0xBF)
            && cont(b5, 0x80, 0xBF))
}

/// CESU-8 (each UTF-16 surrogate half encoded as three UTF-8 bytes) read
/// as cp1252/Latin-1: `í\u{A0}½í¸\u{8D}` for 😍. The six-byte shape
/// `ED A0..AF xx ED B0..BF xx` is a surrogate pair and nothing else.
pub(crate) fn repair_cesu8(text: String, log: &mut RepairLog) -> String {
    // Every pair starts with `í` (0xED): only the six characters from each are
    // tried before the text is copied (pinyin tone marks put many `í` in
    // content-farm text, none of them a surrogate's).
    let starts_pair = |at: usize| {
        let mut six = text.get(at..).unwrap_or_default().chars().map(latin_byte);
        let mut next = || six.next().flatten();
        let six = [next(), next(), next(), next(), next(), next()];
        is_cesu8_pair(&six)
    };
    if !memchr::memmem::find_iter(text.as_bytes(), "í".as_bytes()).any(starts_pair) {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let bytes: Vec<Option<u8>> = chars.iter().map(|&c| latin_byte(c)).collect();
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut i = 0;
    while i < chars.len() {
        if bytes.get(i..i + 6).is_some_and(is_cesu8_pair) {
            let unit = |k: usize| {
                let [b1, b2] = [bytes[i + k + 1].unwrap_or(0), bytes[i + k + 2].unwrap_or(0)];
                0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
            };
            let (high, low) = (unit(0), unit(3));
            let cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            if let Some(c) = char::from_u32(cp) {
                out.push(c);
                count += 1;
                i += 6;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    if count == 0 {
        return text;
    }
    log.add(
        RepairKind::MojibakeCesu8AsLatin1,
        count,
        PlanStep::new(format!("join {count} CESU-8 surrogate pairs read as windows-1252")),
    );
    out
}

/// UTF-8 Thai read as Windows-874 (`เธชเธงเธฑเธชเธ”เธต` for `สวัสดี`): every
/// Thai character's bytes are E0 B8 or E0 B9 and a third, which that page
/// reads as `เ`, `ธ` or `น` and a Thai letter or punctuation. The letters are
/// no sign to the word search, which looks for signs: this pass looks for
/// the pairs `เธ` and `เน` instead, which clean Thai writes now and then
/// (`เธอ`, `เน้น`) and this damage before every character. When they are at
/// least one in six Thai characters, the runs of characters whose page bytes
/// are UTF-8 are read again where they hold two characters or more, a Thai
/// letter among them, and beside such runs the Chinese or emoji of the same
/// damaged text and single signs (`ยซ` for `«`); the reading is
/// kept when it read most of the pairs and has the shape of Thai (vowel
/// signs and tone marks among the letters). Clean Thai beside the damage
/// spells a character here and there by chance (`ยก` is C2 A1, `¡`; `เนป`
/// is E0 B9 BB, an unassigned place), not a run of Thai.
pub(crate) fn repair_thai_as_cp874(text: String, log: &mut RepairLog) -> String {
    // Most texts whose gate opened hold no `เ` at all (E0 B9 80): they are
    // let through on one search.
    if memchr::memmem::find(text.as_bytes(), "เ".as_bytes()).is_none() {
        return text;
    }
    const PAIRS: [&str; 2] = ["เธ", "เน"];
    let pairs_in =
        |text: &str| PAIRS.iter().map(|p| memchr::memmem::find_iter(text.as_bytes(), p).count()).sum::<usize>();
    // Every Thai character read so leaves a pair among three Thai
    // characters; clean Thai has one here and there (`เธอ`, `เน้น`). A text
    // with a pair in six Thai characters is read whole; otherwise lines are
    // judged one by one, so that a long clean paragraph above the damage does
    // not hide it, and only the lines that have such density are read.
    let thai_in = |text: &str| text.chars().filter(|&c| crate::legacy_latin1::is_thai(c)).count();
    let dense = |text: &str| {
        let pairs = pairs_in(text);
        pairs > 0 && pairs * 6 >= thai_in(text)
    };
    let whole = dense(&text);
    let dense_alone: Vec<bool> = text.split('\n').map(dense).collect();
    let dense_lines: Vec<bool> = dense_alone.iter().map(|&alone| whole || alone).collect();
    // After reading, the pairs left are counted on the lines dense on their
    // own (a clean line's `เธอ` is no damage left), or on every line read
    // when none is.
    let judged = if dense_alone.contains(&true) { &dense_alone } else { &dense_lines };
    let pairs_on = |text: &str, lines: &[bool]| {
        text.split('\n').zip(lines).filter(|(_, &on)| on).map(|(line, _)| pairs_in(line)).sum::<usize>()
    };
    if pairs_on(&text, &dense_lines) < 3 {
        return text;
    }
    let pairs = pairs_on(&text, judged);
    static CP874: OnceLock<CodePage> = OnceLock::new();
    let page = CP874.get_or_init(|| CodePage::of_encoding(encoding_rs::WINDOWS_874, RepairKind::MojibakeUtf8AsCp874));
    let chars: Vec<char> = text.chars().collect();
    // Whether each character is on a line that is read.
    let mut line = 0;
    let readable: Vec<bool> = chars
        .iter()
        .map(|&c| {
            let dense = dense_lines.get(line).copied().unwrap_or(false);
            line += usize::from(c == '\n');
            dense
        })
        .collect();
    let byte =
        |i: usize| chars.get(i).filter(|_| readable.get(i).copied().unwrap_or(false)).and_then(|&c| page.byte(c));
    // The character whose page bytes from `i` on are one UTF-8 sequence, and
    // how many characters it takes: no control, private use, or unassigned
    // Thai place (clean `เนป` is E0 B9 BB, U+0E7B).
    let sequence_at = |i: usize| -> Option<(char, usize)> {
        let len = crate::remap::utf8_len(byte(i)?).filter(|&len| len > 1)?;
        let mut buf = [0u8; 4];
        for (k, slot) in buf.iter_mut().enumerate().take(len) {
            *slot = byte(i + k)?;
        }
        let c = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
        let unassigned_thai = matches!(c, '\u{E3B}'..='\u{E3E}' | '\u{E5C}'..='\u{E7F}');
        let fine = !c.is_control() && !unassigned_thai && !('\u{E000}'..='\u{F8FF}').contains(&c) && c != '\u{FFFD}';
        fine.then_some((c, len))
    };
    // Runs of characters read one after another: first char index, end, the
    // characters, and whether each took three bytes or four.
    let mut runs: Vec<(usize, usize, Vec<char>, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((c, len)) = sequence_at(i) else {
            i += 1;
            continue;
        };
        match runs.last_mut() {
            Some((_, end, read, long)) if *end == i => {
                read.push(c);
                *end = i + len;
                *long &= len > 2;
            }
            _ => runs.push((i, i + len, vec![c], len > 2)),
        }
        i += len;
    }
    // A run is damage when it reads two characters or more, a Thai letter
    // among them, or one Thai character that stands apart from other Thai
    // (`เธฏ`, `ฯ`): every Thai word read so is such a run, while clean Thai
    // spells a character here and there inside its words (`ยก` is `¡`,
    // `วบ` is `Ǻ`, `แดด` is `ᴴ`). Beside damage on the same line, with only ASCII between, so is a
    // run of Han, kana, Hangul or emoji (the Chinese and emoji of the same
    // text) and a single sign or punctuation mark (`ยซ` for `«`).
    let thai_letter = |c: &char| ('\u{E01}'..='\u{E5B}').contains(c);
    let standing_alone = |start: usize, end: usize| {
        let apart = |c: Option<&char>| c.is_none_or(|&c| !crate::legacy_latin1::is_thai(c));
        apart(start.checked_sub(1).and_then(|p| chars.get(p))) && apart(chars.get(end))
    };
    let damage: Vec<bool> = runs
        .iter()
        .map(|(start, end, read, _)| read.iter().any(thai_letter) && (read.len() >= 2 || standing_alone(*start, *end)))
        .collect();
    let ascii_between =
        |from: usize, to: usize| chars.get(from..to).is_some_and(|gap| gap.iter().all(|&c| c.is_ascii() && c != '\n'));
    // What damage beside Thai damage reads as: Han, kana, Hangul and emoji,
    // or a single Latin-1 sign or punctuation mark.
    let beside_thai = |c: &char| cjk_or_emoji(*c);
    let sign = |c: char| matches!(c, '\u{A0}'..='\u{BF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}');
    let keep: Vec<bool> = (0..runs.len())
        .map(|k| {
            let (start, end, read, long) = &runs[k];
            let beside = |other: usize| {
                damage.get(other).copied().unwrap_or(false) && {
                    let (o_start, o_end, _, _) = &runs[other];
                    if *o_end <= *start {
                        ascii_between(*o_end, *start)
                    } else {
                        ascii_between(*end, *o_start)
                    }
                }
            };
            let foreign = *long && read.iter().all(beside_thai);
            // A sign's characters stand apart from Thai (`ยกเว้น` is a word).
            let sign = read.len() == 1 && sign(read[0]) && standing_alone(*start, *end);
            damage[k] || ((foreign || sign) && (k.checked_sub(1).is_some_and(beside) || beside(k + 1)))
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut read = 0u64;
    let mut copied = 0;
    for ((start, end, chars_read, _), keep) in runs.iter().zip(&keep) {
        if !keep {
            continue;
        }
        out.extend(&chars[copied..*start]);
        out.extend(chars_read);
        read += chars_read.len() as u64;
        copied = *end;
    }
    out.extend(&chars[copied..]);
    // Runs never hold a line break (it is no byte of the page), so the lines
    // of `out` are those of `text`.
    let fine = read >= 3 && pairs_on(&out, judged) * 10 <= pairs && crate::legacy_latin1::reads_as_thai(&out);
    if !fine {
        return text;
    }
    log.add(
        RepairKind::MojibakeUtf8AsCp874,
        read,
        PlanStep::new(format!("encode windows-874, decode utf-8 ({read} characters)")),
    );
    out
}

/// C1 controls left after the mojibake passes are cp1252 bytes a Latin-1
/// decoder read (`\u{93}` for `“`, `\u{85}` for `…`): ftfy's
/// `fix_c1_controls`. The five bytes cp1252 leaves undefined stay controls.
pub(crate) fn repair_c1_controls(text: String, log: &mut RepairLog) -> String {
    // C1 controls are C2 80..=C2 9F in UTF-8.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(0xC2, bytes).any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b))) {
        return text;
    }
    let mut count = 0u64;
    let out: String = text
        .chars()
        .map(|c| {
            if !is_c1(c) {
                return c;
            }
            let byte = [c as u8];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            match decoded.chars().next() {
                Some(d) if !is_c1(d) && d != '\u{FFFD}' => {
                    count += 1;
                    d
                }
                _ => c,
            }
        })
        .collect();
    if count == 0 {
        return text;
    }
    log.add(RepairKind::C1ControlAsCp1252, count, PlanStep::new(format!("{count} C1 controls read as windows-1252")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_tables_agree_with_the_pages_for_every_character() {
        let pages = code_pages();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(role(c, pages), role_of(c, pages), "{c:?}");
        }
        assert!(pages.iter().any(|page| !page.high.is_empty()), "a page with characters from TABLED");
    }

    /// A case switch inside a Cyrillic word reads as cp1251 mojibake of a
    /// mark no text writes (`Лі` is `˳`, `Мі` is U+0333): left alone, while
    /// Ukrainian read as cp1251 is repaired, its apostrophe `ʼ` too.
    #[test]
    fn rare_marks_are_no_reading_of_a_word() {
        for clean in ["аЛіА", "аМіА"] {
            assert_eq!(repair_single_byte(clean.to_owned(), &mut RepairLog::default()), clean);
        }
        let damaged = "Р’С–РґРїРѕРІС–РґСЊ РЅР° РїРёС‚Р°РЅРЅСЏ: РїКјСЏС‚СЊ";
        assert_eq!(repair_single_byte(damaged.to_owned(), &mut RepairLog::default()), "Відповідь на питання: пʼять");
    }

    #[test]
    fn a_no_break_space_turned_into_a_space_is_read_back_at_either_place_of_three_bytes() {
        let repair = |text: &str| repair_lost_nbsp(text.to_owned(), true, &mut RepairLog::default());
        // 你 is E4 BD A0 (`ä½ `), 栋 E6 A0 8B (`æ ‹`), among repaired Han text.
        assert_eq!(repair("百余æ ‹木结构"), "百余栋木结构");
        assert_eq!(repair("谢谢ä½ 们"), "谢谢你们");
        // Not without a neighbour of the same script: `æ “` may be Danish.
        assert_eq!(repair("hæ “quoted”"), "hæ “quoted”");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        /// The screen of `repair_cesu8` passes a text over only when no six
        /// characters from any position make a pair.
        #[test]
        fn the_cesu8_screen_passes_over_only_texts_without_a_pair(
            text in "[a中í\u{A0}\u{A5}\u{AF}\u{B0}\u{B8}\u{BF}€]{0,14}"
        ) {
            let bytes: Vec<Option<u8>> = text.chars().map(latin_byte).collect();
            let has_pair = bytes.windows(6).any(is_cesu8_pair);
            let mut log = RepairLog::default();
            let out = repair_cesu8(text.clone(), &mut log);
            assert_eq!(out != text, has_pair, "{text:?}");
        }

        #[test]
        fn a_word_no_page_may_reread_is_reread_by_none(
            word in "[a-z中(ā)áàǎéèíóòúüÂÃÐÑÎÏРСТПВ€‚„…†‡ˆ‰Š‹ŒŽ‘’“”•–—™š›œžŸ\u{A0}¡¢£¤¥§©«®°±²´µ¶·»¼½ÄÅÆÇËÌÍÒÓÔÕÖ×ØÙÚÛÜÝÞßâãäåæçêëîïðñôõö÷øùúûüýþÿ╚═║├┤┼▀▄█░▒▓√∞≈≤≥\u{F8FF}ﬁﬂ]{0,12}"
        ) {
            assert!(code_pages().len() <= 16, "may_reread keeps one bit per page in a u16");
            if !may_reread(&word, code_pages()) {
                for page in code_pages() {
                    assert_eq!(reread_once(&word, page), None, "{} {word:?}", page.name);
                    assert_eq!(whole_reread(&word, page, &[]), None, "{} {word:?}", page.name);
                }
            }
        }
    }

    #[test]
    fn each_page_gives_every_character_its_first_byte_and_nothing_else_a_byte() {
        let decoders = [
            Some(encoding_rs::WINDOWS_1251),
            Some(encoding_rs::WINDOWS_1250),
            Some(encoding_rs::ISO_8859_2),
            Some(encoding_rs::WINDOWS_1257),
            Some(encoding_rs::MACINTOSH),
            None,
            Some(encoding_rs::WINDOWS_1253),
            Some(encoding_rs::ISO_8859_7),
            Some(encoding_rs::WINDOWS_1256),
            Some(encoding_rs::WINDOWS_1258),
        ];
        for (page, decoder) in code_pages().iter().zip(decoders) {
            let mut expected = std::collections::HashMap::new();
            for b in 0x80u8..=0xFF {
                let c = match decoder {
                    Some(encoding) => encoding.decode_without_bom_handling(&[b]).0.chars().next(),
                    None => CP437_HIGH.chars().nth(usize::from(b - 0x80)),
                };
                if let Some(c) = c.filter(|&c| c != '\u{FFFD}') {
                    expected.entry(c).or_insert(b);
                }
            }
            // And Windows-1251's lost byte, which U+FFFD stands for.
            if page.kind == RepairKind::MojibakeUtf8AsCp1251 {
                expected.insert('\u{FFFD}', 0x98);
            }
            for c in (0..0x11_0000).filter_map(char::from_u32) {
                let want = if c.is_ascii() { Some(c as u8) } else { expected.get(&c).copied() };
                assert_eq!(page.byte(c), want, "{} {c:?}", page.name);
            }
        }
    }

    /// The chunked search finds the same first sign as a byte-by-byte one,
    /// wherever a sign or a near miss (`E2 80`, `EF AD`) falls against the
    /// 32-byte chunks.
    #[test]
    fn ascii_and_the_characters_may_reread_steps_over_are_in_no_page() {
        let pages = code_pages();
        let skipped = (0..0x80u32).chain(0x3000..0xF000).filter_map(char::from_u32);
        for c in skipped {
            assert_eq!(role(c, pages), 0, "{c:?}");
        }
    }

    #[test]
    fn next_sign_matches_a_byte_by_byte_search() {
        let reference = |bytes: &[u8], from: usize| {
            (from..bytes.len()).find(|&i| match bytes[i] {
                0xC2..=0xD4 => true,
                0xD7 => matches!(bytes.get(i + 1), Some(0x92 | 0xB3)),
                0xD8 => matches!(bytes.get(i + 1), Some(0xB7..=0xBA)),
                0xE2 => (0x84..=0x97).contains(&bytes.get(i + 1).copied().unwrap_or(0)),
                0xEF => bytes.get(i + 1) == Some(&0xAC),
                _ => false,
            })
        };
        let pieces: [&[u8]; 12] = [
            b"abc",
            "ג".as_bytes(),
            "ש׳".as_bytes(),
            "طظعغض".as_bytes(),
            "中文".as_bytes(),
            "“”—".as_bytes(),
            "·".as_bytes(),
            "℃".as_bytes(),
            "ﬁ".as_bytes(),
            &[0xEF, 0xAD],
            &[0xE2],
            &[0xD4],
        ];
        for bytes in crate::mixes::byte_mixes(&pieces, 3000, 60, 0x1234_5678_9ABC_DEF1) {
            for from in [0, 1, 31, 33] {
                assert_eq!(next_sign(&bytes, from), reference(&bytes, from), "{bytes:x?} from {from}");
            }
        }
    }

    #[test]
    fn cjk_letters_are_letters_to_unicode() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32).filter(|&c| is_cjk_letter(c)) {
            assert!(c.is_alphabetic() && c.is_alphanumeric() && !c.is_uppercase() && !c.is_lowercase(), "{c}");
            assert!(matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF));
        }
    }

    #[test]
    fn cp437_table_has_128_entries() {
        assert_eq!(CP437_HIGH.chars().count(), 128);
    }

    #[test]
    fn clean_words_have_no_signs_of_mojibake() {
        for clean in [
            "Привет,",
            "Ёлка",
            "Καλημέρα",
            "São",
            "NÃO",
            "Straße",
            "«Fuß»",
            "l·l",
            "iPhone手机",
            "nº5",
            "McDonald",
            "it’s",
            "well—known",
            "שלום",
            "ภาษาไทย",
            "😀👍🏽",
            "coöperate",
        ] {
            assert_eq!(badness(clean), 0, "{clean}");
        }
    }
}
