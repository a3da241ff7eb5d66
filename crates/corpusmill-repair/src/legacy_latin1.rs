//! A whole text in a legacy code page of a non-Latin script, read as
//! Latin-1: what `requests` does with a page served without a charset. The
//! Korean `서울시는` in EUC-KR comes out as `¼­¿ï½Ã´Â`, the Russian
//! `Привет` in Windows-1251 as `Ïðèâåò`, the Japanese `東京都` in Shift_JIS
//! as `\u{93}\u{8C}\u{8B}\u{9E}\u{93}s`.
//!
//! The segment search for GBK and Big5 read as Latin-1 looks at one
//! whitespace-separated stretch at a time, which a Korean word is too short
//! for: EUC-KR bytes are valid GBK, and word by word the Korean text became
//! Chinese nonsense. Here the whole text's bytes go to the same detector
//! that reads unlabelled files, and its reading is taken only when every
//! sign agrees ([`may_be_legacy`], [`reading_fits`]): the old text has more
//! non-ASCII characters than ASCII letters and digits, as clean Latin-script
//! text never has, and few of its bytes pair up as UTF-8, as UTF-8 mojibake's
//! do; the bytes decode without an error; the new text's letters are of one
//! non-Latin script, show no signs of mojibake and have the shape of running
//! text. Chinese readings are left to the segment search, which judges them
//! with the character model. The same judgement serves the segment search
//! for texts that also hold other characters, and [`reread_cp1251`] for
//! KOI8 read as Windows-1251.

use crate::latin::latin_byte;

/// Fewer non-ASCII bytes than this give the detector too little to go on.
pub(crate) const MIN_HIGH_BYTES: usize = 16;

/// Encodings taken from the detector here: the legacy pages of non-Latin
/// scripts. Latin pages (the text is then what it seems), Chinese ones (left to
/// the segment search) and UTF-8 (its own pass) are not.
const TAKEN: [&str; 16] = [
    "EUC-KR",
    "Shift_JIS",
    "EUC-JP",
    "windows-1251",
    "KOI8-R",
    "KOI8-U",
    "IBM866",
    "ISO-8859-5",
    "windows-1253",
    "ISO-8859-7",
    "windows-1255",
    "ISO-8859-8",
    "ISO-8859-8-I",
    "windows-1256",
    "ISO-8859-6",
    "windows-874",
];

/// The repaired text and the encoding it was read with, or `None` when the
/// text is not a legacy page read as Latin-1.
pub(crate) fn reread(text: &str) -> Option<(String, &'static str)> {
    let bytes = latin1_bytes(text)?;
    let (new, encoding) = crate::decode::detect_and_decode(&bytes)?;
    reading_fits(&bytes, &new, encoding, true).then_some((new, encoding))
}

/// Whether `new`, the detector's reading of `bytes` with `encoding`, is taken:
/// a page of a non-Latin script, not Chinese; EUC bytes for an EUC reading
/// (all of them, or with `strict` false nine in ten, for segments gathered
/// from a text with punctuation of its own); the letters of its script; no
/// signs of mojibake; the shape of running text.
pub(crate) fn reading_fits(bytes: &[u8], new: &str, encoding: &str, strict: bool) -> bool {
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    let fits = if strict { fits_the_bytes(bytes, encoding) } else { mostly_fits_the_bytes(bytes, encoding) };
    TAKEN.contains(&encoding)
        && fits
        && one_script(new, encoding)
        && (matches!(one_script_of(encoding), Script::Hangul | Script::Kana) || reads_clean(new))
        && has_the_shape_of_its_script(new, encoding)
        && (!rare_cyrillic(encoding) || high >= 3 * MIN_HIGH_BYTES)
}

/// A whole text of KOI8-R, KOI8-U, IBM866 or ISO-8859-5 bytes read as
/// Windows-1251 (`рТБЧЙФЕМШУФЧП` for `Правительство`): the repaired text and
/// the page, or `None`. Such text is mostly capitals, since those pages put
/// the lower-case letters where Windows-1251 has the capitals; clean Russian
/// is mostly lower case and is not looked at further. The bytes then go to
/// the detector, and its reading is judged as a Latin-1 one is.
pub(crate) fn reread_cp1251(text: &str) -> Option<(String, &'static str)> {
    // Without a Cyrillic letter (U+0400..=U+04FF, led by D0..=D3) there is no
    // capital to count, and the text is not read: known before a pass over it.
    // Thirty-two bytes at a time, a test the compiler vectorises.
    if !text.as_bytes().chunks(32).any(|chunk| chunk.iter().fold(false, |any, &b| any | (b & 0xFC == 0xD0))) {
        return None;
    }
    let (mut lower, mut upper) = (0usize, 0usize);
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = cp1251_byte(c)?;
        if ('\u{400}'..='\u{4FF}').contains(&c) {
            lower += usize::from(c.is_lowercase());
            upper += usize::from(c.is_uppercase());
        }
        bytes.push(b);
    }
    if upper <= lower * 2 || !may_be_legacy(&bytes, MIN_HIGH_BYTES) {
        return None;
    }
    let (new, encoding) = crate::decode::detect_and_decode(&bytes)?;
    let other_cyrillic = rare_cyrillic(encoding);
    (other_cyrillic && reading_fits(&bytes, &new, encoding, true)).then_some((new, encoding))
}

/// The Windows-1251 byte of `c`, if it has one.
fn cp1251_byte(c: char) -> Option<u8> {
    static BYTES: std::sync::OnceLock<std::collections::HashMap<char, u8>> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return u8::try_from(c).ok();
    }
    let bytes = BYTES.get_or_init(|| {
        (0x80u8..=0xFF)
            .filter_map(|b| {
                let byte = [b];
                let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&byte);
                text.chars().next().filter(|&c| c != '\u{FFFD}').map(|c| (c, b))
            })
            .collect()
    });
    bytes.get(&c).copied()
}

/// The text's bytes, when every character is one (ASCII, Latin-1 or a cp1252
/// character) and they [`may_be_legacy`].
fn latin1_bytes(text: &str) -> Option<Vec<u8>> {
    // First on the UTF-8 bytes, without decoding: each non-ASCII character
    // has one lead byte (C0 and up), and [`may_be_legacy`] asks for more of
    // them than ASCII letters and digits. Clean French or German fails here.
    let (leads, ascii_alnum) = text
        .as_bytes()
        .iter()
        .fold((0usize, 0usize), |(l, a), &b| (l + usize::from(b >= 0xC0), a + usize::from(b.is_ascii_alphanumeric())));
    if leads < MIN_HIGH_BYTES || leads <= ascii_alnum {
        return None;
    }
    let bytes: Vec<u8> = text.chars().map(latin_byte).collect::<Option<_>>()?;
    may_be_legacy(&bytes, MIN_HIGH_BYTES).then_some(bytes)
}

/// Whether `bytes`, read as Latin-1, may be a legacy page of a non-Latin
/// script rather than Latin-script text or UTF-8 mojibake:
/// - at least `min_high` non-ASCII bytes, and more of them than ASCII
///   letters and digits (clean Latin-script text has far fewer);
/// - eight different ones at least (`××××`, `éééé` are runs of a sign or a
///   letter, not text of any script; one byte may well be half of all, as
///   0x82, the lead byte of every hiragana in Shift_JIS, is);
/// - at most half of them in well-formed UTF-8 sequences: UTF-8 read as
///   cp1252 that lost a byte (`ÅÃ³dÅº`, `ÐºÐ°Ðº Ð?`) is no longer valid
///   UTF-8 as a whole, but nearly all its bytes still pair up, and it is the
///   UTF-8 passes' to read. Legacy bytes pair up as UTF-8 by accident only:
///   a third of Thai's in Windows-874 (`ร` is C3, a lead byte).
pub(crate) fn may_be_legacy(bytes: &[u8], min_high: usize) -> bool {
    let mut counts = [0usize; 128];
    let mut ascii_alnum = 0usize;
    for &b in bytes {
        match b.checked_sub(0x80) {
            Some(i) => counts[usize::from(i)] += 1,
            None => ascii_alnum += usize::from(b.is_ascii_alphanumeric()),
        }
    }
    let high: usize = counts.iter().sum();
    let distinct = counts.iter().filter(|&&n| n > 0).count();
    if high < min_high || high <= ascii_alnum || distinct < 8 {
        return false;
    }
    let in_utf8: usize =
        String::from_utf8_lossy(bytes).chars().filter(|c| !c.is_ascii() && *c != '\u{FFFD}').map(char::len_utf8).sum();
    in_utf8 * 2 <= high
}

/// Whether the new text is free of the signs of mojibake ([`badness`]: symbols
/// between letters, case switches, scripts glued together), but for one in
/// ten words: layers of UTF-8 mojibake read as cp1251 come out Cyrillic too
/// (`гѓвЂ`), and clean text has no such signs. Words are counted as the
/// whitespace-separated ones or one for every four letters, whichever is
/// more, so that a text with few spaces is not held to one sign. Not asked
/// of Korean and Japanese readings, which [`one_script`] judges: `badness`
/// takes half-width katakana beside Latin letters for two scripts glued
/// together.
///
/// [`badness`]: crate::single_byte::badness
fn reads_clean(text: &str) -> bool {
    let (mut words, mut letters, mut bad) = (0u32, 0u32, 0u32);
    for word in text.split_whitespace() {
        words += 1;
        letters += word.chars().filter(|c| c.is_alphabetic()).count() as u32;
        bad += crate::single_byte::badness(word);
    }
    bad * 10 <= words.max(letters / 4)
}

/// Whether the non-ASCII bytes are all the EUC form's (A1..=FE; EUC-JP's 8E
/// and 8F prefixes too) for an EUC reading. encoding_rs reads EUC-KR as
/// Windows-949, whose extension makes Hangul of nearly any pair (`…—“` are
/// 85 97 93): text saved as EUC-KR holds none of them.
pub(crate) fn fits_the_bytes(bytes: &[u8], encoding: &str) -> bool {
    let euc = |b: u8| b.is_ascii() || (0xA1..=0xFE).contains(&b);
    match encoding {
        "EUC-KR" => bytes.iter().all(|&b| euc(b)),
        "EUC-JP" => bytes.iter().all(|&b| euc(b) || b == 0x8E || b == 0x8F),
        _ => true,
    }
}

/// [`fits_the_bytes`] for nine in ten of the non-ASCII bytes: segments
/// gathered from a text may hold cp1252 punctuation of its own (`“News”`,
/// an ellipsis after the last word), which stays as it is.
pub(crate) fn mostly_fits_the_bytes(bytes: &[u8], encoding: &str) -> bool {
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    let misfits = bytes.iter().filter(|&&b| !fits_the_bytes(&[b], encoding)).count();
    misfits * 10 <= high
}

/// The script of a letter, coarsely; `None` for what is no letter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Thai,
    Hangul,
    Kana,
    /// Half-width katakana: old Japanese text writes some, but UTF-8 read as
    /// Shift_JIS is full of them (`ﾐｵﾐｳ`): a Japanese reading may hold a
    /// third of its letters so, no more, and they do not count as kana.
    HalfWidthKana,
    Han,
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{400}'..='\u{52F}' => Script::Cyrillic,
        '\u{590}'..='\u{5FF}' | '\u{FB1D}'..='\u{FB4F}' => Script::Hebrew,
        '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
            Script::Arabic
        }
        '\u{E00}'..='\u{E7F}' => Script::Thai,
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7A3}' => Script::Hangul,
        '\u{3040}'..='\u{30FF}' => Script::Kana,
        '\u{FF66}'..='\u{FF9F}' => Script::HalfWidthKana,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => Script::Han,
        _ => Script::Other,
    })
}

/// The letters of a reading, counted by script.
#[derive(Default)]
struct Letters {
    all: usize,
    fitting: usize,
    kana: usize,
    hangul: usize,
    half_width: usize,
}

/// The scripts `encoding` writes, its own first.
fn wanted(encoding: &str) -> &'static [Script] {
    match encoding {
        "EUC-KR" => &[Script::Hangul, Script::Han],
        "Shift_JIS" | "EUC-JP" => &[Script::Kana, Script::Han, Script::HalfWidthKana],
        "windows-1253" | "ISO-8859-7" => &[Script::Greek],
        "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => &[Script::Hebrew],
        "windows-1256" | "ISO-8859-6" => &[Script::Arabic],
        "windows-874" => &[Script::Thai],
        _ => &[Script::Cyrillic],
    }
}

/// The non-ASCII letters of `text` by script, or `None` when it holds what
/// a decoded text never holds (C1 controls, private use).
fn count_letters(text: &str, encoding: &str) -> Option<Letters> {
    let wanted = wanted(encoding);
    let mut n = Letters::default();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{80}'..='\u{9F}').contains(&c) || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            return None;
        }
        let Some(s) = script(c) else { continue };
        n.all += 1;
        n.fitting += usize::from(wanted.contains(&s));
        n.kana += usize::from(s == Script::Kana);
        n.hangul += usize::from(s == Script::Hangul);
        n.half_width += usize::from(s == Script::HalfWidthKana);
    }
    Some(n)
}

/// Whether the non-ASCII letters of `text` are of the script `encoding`
/// writes, nine in ten at least, with nothing a decoded text never holds (C1
/// controls, private use). Korean may hold Hanja but is mostly Hangul (a
/// lone `××` is the Hanja `利` in EUC-KR); Japanese must hold kana.
pub(crate) fn one_script(text: &str, encoding: &str) -> bool {
    let Some(n) = count_letters(text, encoding) else { return false };
    let japanese = matches!(encoding, "Shift_JIS" | "EUC-JP");
    n.all > 0
        && n.fitting * 10 >= n.all * 9
        && (!japanese || (n.kana * 10 >= n.all && n.half_width * 3 <= n.all))
        && (encoding != "EUC-KR" || n.hangul * 2 >= n.all)
}

/// [`one_script`] for a word of a text judged whole: its letters, if any,
/// of the script, but no share of kana or Hangul asked (`東京` is a Japanese
/// word, `¡¢` is `、`). A lone half-width katakana is no word (`©2024` is
/// `ｩ2024` through Shift_JIS): a sign of the text's own beside the mojibake.
pub(crate) fn piece_of_script(text: &str, encoding: &str) -> bool {
    count_letters(text, encoding).is_some_and(|n| n.fitting * 10 >= n.all * 9 && !(n.all == 1 && n.half_width == 1))
}

/// A character of the Thai block.
pub(crate) fn is_thai(c: char) -> bool {
    ('\u{E00}'..='\u{E7F}').contains(&c)
}

/// Whether the Thai characters of `text` (if any) hold vowel signs and tone
/// marks, at least 15 in 100, as every Thai syllable has one.
pub(crate) fn reads_as_thai(text: &str) -> bool {
    let (mut thai, mut signs) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_thai(c)) {
        thai += 1;
        signs += usize::from(('\u{E30}'..='\u{E4E}').contains(&c));
    }
    signs * 100 >= thai * 15
}

/// Shapes of running text that a reading of signs and accent tables lacks:
/// - Cyrillic: most letters lower case, and nine in ten lower-case words of
///   three letters or more with a vowel (an accent table `áéíóú àèìòù` read
///   as cp1251 is `бйнуъ аимтщ … длпць гхсз`; a signature of `¸.·´¯` read
///   as ISO-8859-5 is capitals);
/// - Thai: vowel signs and tone marks among the letters, as every Thai
///   syllable has (bytes A1..=BF, signs in Latin-1, are consonants only);
/// - Hebrew and Arabic: points and harakat only after a letter of their script.
fn has_the_shape_of_its_script(text: &str, encoding: &str) -> bool {
    match one_script_of(encoding) {
        Script::Cyrillic => {
            let (mut lower, mut upper) = (0usize, 0usize);
            let (mut words, mut voweled) = (0usize, 0usize);
            for word in text.split(|c: char| !c.is_alphabetic()) {
                let cyrillic = word.chars().filter(|&c| script(c) == Some(Script::Cyrillic)).count();
                lower += word.chars().filter(|c| c.is_lowercase()).count();
                upper += word.chars().filter(|c| c.is_uppercase()).count();
                if cyrillic >= 3 && word.chars().all(char::is_lowercase) {
                    words += 1;
                    voweled += usize::from(word.chars().any(|c| "аеёиоуыэюяіїєў".contains(c)));
                }
            }
            lower >= upper && voweled * 10 >= words * 9
        }
        Script::Thai => reads_as_thai(text),
        Script::Hebrew | Script::Arabic => {
            let mark = |c: char| matches!(c, '\u{591}'..='\u{5C7}' | '\u{64B}'..='\u{65F}' | '\u{670}');
            let mut prev = ' ';
            text.chars().all(|c| {
                let fine = !mark(c) || prev.is_alphabetic() || mark(prev);
                prev = c;
                fine
            })
        }
        _ => true,
    }
}

/// The Cyrillic pages other than Windows-1251 (KOI8, IBM866, ISO-8859-5):
/// their letters sit where Latin-1 has capitals and accented vowels, so a
/// short table of accents (`ÁÀÂÃÄ ÉÈÊË`) reads as KOI8-U words (`аюбцд
/// ихйк`). They need three times the bytes.
fn rare_cyrillic(encoding: &str) -> bool {
    matches!(encoding, "KOI8-R" | "KOI8-U" | "IBM866" | "ISO-8859-5")
}

/// The script a non-Latin code page writes first (Hangul for EUC-KR, kana
/// for the Japanese pages, Cyrillic for the Cyrillic ones).
fn one_script_of(encoding: &str) -> Script {
    wanted(encoding)[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_latin1(text: &str, encoding: &'static encoding_rs::Encoding) -> String {
        let (bytes, _, errors) = encoding.encode(text);
        assert!(!errors, "{text}");
        bytes.iter().map(|&b| char::from(b)).collect()
    }

    /// `text` through the whole repair, as ingest runs it.
    fn repaired(text: &str) -> crate::Repaired {
        crate::repair_bytes(text.as_bytes(), None, &crate::RepairOptions::default()).expect("decodes")
    }

    #[test]
    fn legacy_pages_of_other_scripts_are_read_back() {
        for (clean, encoding) in [
            (
                "서울시는 오늘 새로운 교통 대책을 발표했다. 시민들은 다음 달부터 버스 노선이 바뀐다.",
                encoding_rs::EUC_KR,
            ),
            ("東京都は本日、新しい交通対策を発表しました。市民は来月から路線が変わると話す。", encoding_rs::SHIFT_JIS),
            ("東京都は本日、新しい交通対策を発表しました。市民は来月から路線が変わると話す。", encoding_rs::EUC_JP),
            ("Вчера в Москве прошёл сильный дождь, и движение на дорогах было затруднено.", encoding_rs::WINDOWS_1251),
            ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για τις μεταφορές στην Αθήνα σήμερα.", encoding_rs::WINDOWS_1253),
        ] {
            let damaged = as_latin1(clean, encoding);
            assert_eq!(reread(&damaged), Some((clean.to_owned(), encoding.name())), "{damaged:?}");
        }
    }

    #[test]
    fn latin_script_text_is_not_reread() {
        for clean in [
            "Le café de la gare était fermé: à côté, l'hôtel «Élysée» ouvrait à 7 h.",
            "Größere Übungen für Schüler: ÄÖÜ äöü ß — straße, grüße, müde, süß, Bär.",
            "ÞÆR ÓÐUR ÍSLENSKU ÁÐUR: þæ ðú íö áé óú ýþ æö ðá",
            "«É» «À» «Ô» ©®°±²³µ¶·¹º¼½¾¿ ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ",
        ] {
            assert_eq!(reread(clean), None, "{clean}");
        }
    }

    #[test]
    fn too_few_bytes_or_characters_off_the_page_are_left_alone() {
        // Eight Hangul syllables are sixteen bytes; seven are not enough.
        let short = as_latin1("서울시는 오늘 새", encoding_rs::EUC_KR);
        assert_eq!(reread(&short), None);
        let with_han = format!("{} 中", as_latin1("서울시는 오늘 새로운 교통 대책을", encoding_rs::EUC_KR));
        assert_eq!(reread(&with_han), None);
    }

    #[test]
    fn korean_words_beside_characters_of_no_latin1_byte_are_read_as_korean() {
        // The whole-text reading fails on the Hangul title: it is no Latin-1 byte.
        let body = "서울시는 오늘 새로운 교통 대책을 발표했다. 시민들은 다음 달부터 버스 노선이 바뀐다고 말했다.";
        let damaged = format!("서울 뉴스\n{}", as_latin1(body, encoding_rs::EUC_KR));
        let repaired = repaired(&damaged);
        assert_eq!(repaired.text, format!("서울 뉴스\n{body}"));
        assert!(repaired.log.count(crate::RepairKind::MojibakeLegacyAsLatin1) > 0);
        assert_eq!(repaired.log.count(crate::RepairKind::MojibakeGbkAsLatin1), 0);
    }

    #[test]
    fn utf8_mojibake_that_lost_a_byte_is_left_to_the_utf8_passes() {
        // From review: these read as EUC-KR or Shift_JIS half-width katakana.
        for damaged in [
            "ÅÃ³dÅº Å¼Ã³Å‚Ä‡ ÅºrÃ³dÅ‚o",
            "Ãsland Ã¾jÃ³Ã° Ã¦vi Ã“Ã°inn ÃžÃ³rÃ°ur ÃaÃ° Ãmir ÃgÃºst ÃÃ¾rÃ³ttir Ã¦vi Ã¾jÃ³Ã°",
            "ÐµÐ³Ð¾ ÐºÐ°Ðº Ð±Ñ‹Ð»Ð¾ ÐœÐ¾Ñ?ÐºÐ²Ð°",
            "Ð²Ð¾Ð¹Ð½Ð° Ð² Ñ\u{8d}Ñ‚Ð¾ ®",
            "××ª ×‘×—×™×¨×•×ª ×”×•× ×”×•×",
            "ã\u{81}§ã\u{81}Œã\u{81}„ã‚‹é¦–ç›¸ã‚’ã\u{81}— © 2024",
        ] {
            assert_eq!(reread(damaged), None, "{damaged}");
        }
    }

    #[test]
    fn chinese_with_latin1_signs_is_not_read_as_korean() {
        // From review: `××` is the Hanja `利` in EUC-KR.
        let clean = "其××中换乘站 Ã©°“Ã©亩××××……——”““……“”“，××……——«»‘’ 其××中换乘站 ×× ×× ×× ×× ××";
        let repaired = repaired(clean);
        assert_eq!(repaired.text, clean);
    }

    #[test]
    fn accent_tables_and_sign_decorations_are_no_text() {
        // From the second review: read as cp1251 Cyrillic, ISO-8859-5 capitals, Thai, Hebrew.
        for clean in [
            "áéíóú àèìòù âêîôû äëïöü ãõñç",
            "ÁÉÍÓÚ ÀÈÌÒÙ ÂÊÎÔÛ ÄËÏÖÜ ÃÕÑÇ",
            "ÁÀÂÃÄ ÉÈÊË ÍÌÎÏ ÓÒÔÕÖ ÚÙÛÜ",
            ">‹((((º> ¸.·´¯`·.¸¸.·´¯`·.¸>‹((((º> ¸.·´¯`·.¸ ¤º° ø ²³",
            "(¯`·._.·[ ±±±]·._.·´¯) ¸¸.·´¯`·¸¸ ×÷× ¤¤ ºª ¹²³",
            " ¶¦¨µ¯§°¡¨]ª» `µ)¶_,¢.e _)³>>_»[¯",
            " ÀàÍÉí ú ïÈò:ÒÇ ÈÉè(óçÀ(",
        ] {
            assert_eq!(reread(clean), None, "{clean}");
        }
    }

    #[test]
    fn runs_of_one_sign_or_letter_are_no_text() {
        for clean in ["×".repeat(23), "÷".repeat(20), format!("Title\n{}\nBody text here.", "é".repeat(30))] {
            assert_eq!(reread(&clean), None, "{clean}");
        }
    }

    #[test]
    fn a_korean_body_under_a_quoted_title_or_before_an_ellipsis_is_read_as_korean() {
        let body = "서울시는 오늘 새로운 교통 대책을 발표했다. 시민들은 다음 달부터 버스 노선이 바뀐다고 말했다";
        let damaged = format!("“News”\n{}…", as_latin1(body, encoding_rs::EUC_KR));
        let repaired = repaired(&damaged);
        assert_eq!(repaired.log.count(crate::RepairKind::MojibakeGbkAsLatin1), 0, "{}", repaired.text);
        assert_eq!(repaired.text, format!("“News”\n{body}…"));
    }

    #[test]
    fn a_cyrillic_body_under_a_chinese_title_is_read_whole() {
        // From the third review: word by word, only words holding `і`, `ї`
        // or `є` were read, one-letter words never.
        let body = "Сьогодні в Києві уряд України оголосив про нові ціни на їхні послуги.";
        let damaged = format!("新闻\n{}", as_latin1(body, encoding_rs::WINDOWS_1251));
        let repaired = repaired(&damaged);
        assert_eq!(repaired.text, format!("新闻\n{body}"));
    }

    #[test]
    fn euc_jp_with_half_width_katakana_under_an_emoji_is_read_as_japanese() {
        let body = "新しい ｶﾀｶﾅ の 会社 は 東京 に あります。 今日 は 選挙 です。 学校 と 首相 が 話す。";
        let damaged = format!("😀 {}", as_latin1(body, encoding_rs::EUC_JP));
        let repaired = repaired(&damaged);
        assert_eq!(repaired.text, format!("😀 {body}"));
    }

    #[test]
    fn signs_of_the_texts_own_beside_a_japanese_body_stay_signs() {
        // Shift_JIS has no `°`, `±` or `©`: beside the mangled words they are
        // the text's own, and read through Shift_JIS they would be lone
        // half-width katakana (`45ｰC ｱ2`, `ｩ2024`).
        let body = "東京 の 会社 は 今日 選挙 の ニュース を 発表 した。 記者 と 首相 が 話す。";
        let damaged = format!("中文 {} 45°C ±2 ©2024", as_latin1(body, encoding_rs::SHIFT_JIS));
        let repaired = repaired(&damaged);
        assert_eq!(repaired.text, format!("中文 {body} 45°C ±2 ©2024"));
    }

    #[test]
    fn a_cjk_title_glued_to_the_mangled_body_does_not_hide_it() {
        // CJK text glues its words: a Han or Hangul title right before the
        // first segment is no word of another script's mojibake.
        let body = "東京の会社は今日、選挙のニュースを発表した。記者と首相が話す。";
        let damaged = format!("日本語{}", as_latin1(body, encoding_rs::SHIFT_JIS));
        assert_eq!(repaired(&damaged).text, format!("日本語{body}"));
        let body = "서울에서 오늘 새로운 교통 대책을 발표했다. 시민들은 버스 노선이 바뀐다고 말했다.";
        let damaged = format!("뉴스{}", as_latin1(body, encoding_rs::EUC_KR));
        assert_eq!(repaired(&damaged).text, format!("뉴스{body}"));
    }

    #[test]
    fn signs_inside_words_of_another_script_are_no_legacy_segments() {
        // UTF-8 Arabic read as Windows-1256 holds `§`, `„`, `…` between its
        // letters (`ط§ظ„`): joined, they read as IBM866 by chance, and the
        // text came out as Arabic and Cyrillic (`طзظД`).
        let clean = "عن «الانتخابات) الحكومة) في الانتخابات” في – جنيه — أمس) جنيه قال مصر» هذه «إلى (الذي) \
                     القاهرة! الذي! الانتخابات —";
        let damaged = encoding_rs::WINDOWS_1256.decode_without_bom_handling(clean.as_bytes()).0.into_owned();
        let repaired = repaired(&damaged);
        assert_eq!(repaired.log.count(crate::RepairKind::MojibakeLegacyAsLatin1), 0, "{:?}", repaired.log);
        assert_eq!(repaired.text, clean);
    }

    #[test]
    fn koi8_read_as_cp1251_is_read_back_and_clean_russian_is_not_looked_at() {
        let clean = "Правительство объявило о новых мерах поддержки экономики и транспорта в Москве.";
        let (koi8, _, errors) = encoding_rs::KOI8_R.encode(clean);
        assert!(!errors);
        let damaged = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&koi8).0.into_owned();
        // The detector names KOI8-U, KOI8-R's superset.
        assert_eq!(reread_cp1251(&damaged).map(|(text, _)| text), Some(clean.to_owned()), "{damaged}");
        assert_eq!(reread_cp1251(clean), None);
        assert_eq!(reread_cp1251("ПРАВИТЕЛЬСТВО ОБЪЯВИЛО О НОВЫХ МЕРАХ ПОДДЕРЖКИ ЭКОНОМИКИ И ТРАНСПОРТА"), None);
    }

    #[test]
    fn a_reading_that_is_mojibake_again_is_refused() {
        // ftfy's hopeless garble reads as Windows-1251 Cyrillic, full of the
        // symbols of UTF-8 read as cp1251 (`гѓвЂ`).
        let garble = "ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’ã‚â¢ãƒâ¢ã¢â‚¬å¡ã‚â¬ãƒâ€šã‚â";
        assert_eq!(reread(garble), None);
    }
}
