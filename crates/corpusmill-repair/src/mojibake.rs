//! Mojibake: text that went through a wrong decoder, repaired segment by segment.
//!
//! Three hypotheses are tried, each as "re-encode with the table that was
//! wrongly used, decode with the right one":
//!
//! 1. UTF-8 read as cp1252/Latin-1 (`cafÃ©`, `æ–‡` for 文), up to three layers deep;
//! 2. UTF-8 read as GBK (`鍙戝竷`), with bytes lost to U+FFFD or `?` guessed
//!    where only one guess is plausible;
//! 3. GBK or Big5 read as cp1252/Latin-1 (`ÖÐ¹ú`, `¿Dªù`), kept only when
//!    the reading is plausibly Chinese (mostly common Han, not better read
//!    as cut UTF-8, and most Latin-looking segments of the text decode);
//! 4. UTF-8 read as other single-byte code pages (cp1251, cp1250,
//!    ISO-8859-2, cp1257, MacRoman, cp437), judged word by word in
//!    [`crate::single_byte`], plus CESU-8 emoji, `Ã` or a lead byte whose
//!    no-break space became a space, and C1 controls that are cp1252 bytes.
//!
//! A segment is replaced only when its new text is valid and clearly more
//! plausible ([`crate::plausible::clearly_better_in_context`]); everything else is left byte for byte, so
//! partially damaged documents keep their clean parts and clean documents
//! come through unchanged.

use encoding_rs::BIG5;

use crate::clean::Gates;
use crate::gated;
use crate::gbk::{decode_gbk_strict, gbk_pair, refused_leads_before};
use crate::latin::{latin_byte, CP1252_UNDEFINED};
use crate::log::{push_decimal, PlanStep, RepairKind, RepairLog};
use crate::plausible::{
    clearly_better_in_context, clearly_better_with_bound, latin_byte_min_costs, lead_pair_min_cost,
    may_gain_and_is_clearly_better, measure, text_cost, Measured,
};
use crate::remap::{Byte, Run, Span, CONTINUATION};

/// How many times UTF-8 may have been read as cp1252 on top of itself.
const MAX_LAYERS: usize = 3;
/// A legacy-as-Latin segment must be mostly non-ASCII: GBK and Big5 text
/// read as Latin-1 is, European words are not.
const MIN_HIGH_SHARE: f64 = 0.5;

/// One replacement in the text.
struct Fix {
    start: usize,
    end: usize,
    text: String,
    kind: RepairKind,
    /// What was done, without the position (added when the plan is written).
    how: String,
    /// Characters whose lost byte the fix filled by a guess.
    filled: usize,
}

/// How far into a text [`repair_whole_text_first`] looks for its first
/// non-ASCII character.
const WHOLE_TEXT_HEAD: usize = 512;

/// Where [`repair_whole_text_first`] left a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WholeText {
    /// Not tried: [`repair_mojibake`] tries it in its Latin pass.
    Untried,
    /// Tried and declined: not tried again.
    Declined,
    /// Repaired: the Latin pass is done.
    Repaired,
}

/// The Latin pass of [`repair_mojibake`] for a whole document of UTF-8 read
/// as cp1252, run before the gates are found so that they are found once,
/// on the repaired text. Only for text the stages before [`repair_mojibake`]
/// leave alone (no `\`, `&` or `#`), whose first non-ASCII character, among
/// the first [`WHOLE_TEXT_HEAD`] bytes, starts a UTF-8 lead pair, as such a
/// document's does (clean text seldom does, and the test costs it little).
/// The CESU-8 repair has nothing to do in such a document: its surrogates are
/// not valid UTF-8.
pub(crate) fn repair_whole_text_first(text: String, log: &mut RepairLog) -> (String, WholeText) {
    let bytes = text.as_bytes();
    // Looked for near the start only: clean English may hold nothing but
    // ASCII for pages, and a document without such a start is still tried
    // in the Latin pass, after the gates.
    let head = bytes.get(..WHOLE_TEXT_HEAD).unwrap_or(bytes);
    let Some(first) = first_non_ascii(head) else { return (text, WholeText::Untried) };
    if !lead_pair_at(&text, first) || memchr::memchr3(b'\\', b'&', b'#', bytes).is_some() {
        return (text, WholeText::Untried);
    }
    match whole_text_latin_fix(&text) {
        Some(fix) => {
            let text = apply_fixes(text, vec![fix], log);
            (crate::single_byte::repair_lost_nbsp(text, true, log), WholeText::Repaired)
        }
        None => (text, WholeText::Declined),
    }
}

/// [`crate::reread_markup_as_utf8`]: the strict whole-text reading of UTF-8
/// read as cp1252, on a page of markup.
pub(crate) fn whole_markup_as_utf8(text: &str, log: &mut RepairLog) -> Option<String> {
    let first = first_non_ascii(text.as_bytes())?;
    if !lead_pair_at(text, first) {
        return None;
    }
    let fix = whole_text_utf8_as_latin_fix(text).or_else(|| whole_page_by_its_bytes(text))?;
    Some(apply_fixes(text.to_owned(), vec![fix], log))
}

/// Whether the two characters at byte `at` of `text` read as a UTF-8 lead
/// and continuation byte (`Ã©`, `â€`): the sign a whole text is read with.
fn lead_pair_at(text: &str, at: usize) -> bool {
    let mut pair = text.get(at..).unwrap_or_default().chars();
    matches!((pair.next(), pair.next()), (Some(a), Some(b)) if crate::plausible::is_utf8_lead_pair(a, b))
}

/// The fewest multi-byte sequences a page's bytes must hold for
/// [`whole_page_by_its_bytes`].
const PAGE_SEQUENCES: usize = 8;

/// A page whose every non-ASCII character is a cp1252 byte and whose bytes
/// are valid UTF-8 with at least [`PAGE_SEQUENCES`] multi-byte sequences in
/// them: clean text in cp1252 is never so (`é` alone is E9, no UTF-8). The
/// text judge refuses such a page when its reading holds what no text does,
/// as the private-use icons of web fonts (`` is EF 80 80), which a page's
/// markup does hold; the bytes are the evidence here. No C1 control or
/// U+FFFD may come out.
fn whole_page_by_its_bytes(text: &str) -> Option<Fix> {
    let (bytes, _) = latin_bytes(text)?;
    let page = simdutf8::basic::from_utf8(&bytes).ok()?;
    let sequences = bytes.iter().filter(|&&b| b >= 0xC2).count();
    let control = |c: char| ('\u{80}'..='\u{9F}').contains(&c) || c == '\u{FFFD}';
    if sequences < PAGE_SEQUENCES || page.chars().any(control) {
        return None;
    }
    let how = "encode windows-1252, decode utf-8 (the whole page)".to_owned();
    Some(whole_text_fix(text, page.to_owned(), RepairKind::MojibakeUtf8AsCp1252, how))
}

/// The index of the first byte from 0x80, eight bytes at a time: clean
/// English may have none, or only a `©` at the very end.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let value = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if value & HIGH != 0 {
            return Some(at + (value & HIGH).trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words.remainder().iter().position(|b| !b.is_ascii()).map(|i| at + i)
}

pub(crate) fn repair_mojibake(text: String, gates: &mut Gates, whole: WholeText, log: &mut RepairLog) -> String {
    if text.is_ascii() {
        return text;
    }
    let mut hopeless = false;
    let cp1252_before = if whole == WholeText::Repaired { 0 } else { log.count(RepairKind::MojibakeUtf8AsCp1252) };
    // Surrogate pairs first: the legacy pass would read their bytes as GBK.
    let latin = if whole == WholeText::Repaired { Gates::NONE } else { Gates::LATIN };
    let text = gated(text, gates, latin, |t| crate::single_byte::repair_cesu8(t, log));
    // Legacy-as-Latin first: it judges whole segments and leaves those that
    // read better as UTF-8 to the next pass, which would otherwise find
    // accidental UTF-8 inside GBK mojibake (`Æ¼` is valid UTF-8).
    let text = gated(text, gates, latin, |text| {
        if !has_latin1_range(&text) {
            return text;
        }
        // The common case of a whole document read as cp1252 is decided in
        // one pass; anything less clear-cut takes the segment-by-segment road.
        // Before `Ã ` is read as `à`: the sloppy reading reads it itself, and
        // the strict one never takes a text holding it, before or after
        // (`Ã ` is C3 20, and `à ` or `às` E0 20 or E0 73).
        if whole == WholeText::Untried {
            if let Some(fix) = whole_text_latin_fix(&text) {
                let text = apply_fixes(text, vec![fix], log);
                return crate::single_byte::repair_lost_nbsp(text, true, log);
            }
        }
        // A whole text of Korean, Japanese, Cyrillic, Greek… bytes read as
        // Latin-1, before the segment search would read its words as GBK.
        if let Some(fix) = whole_text_legacy_fix(&text) {
            return apply_fixes(text, vec![fix], log);
        }
        let text = a_grave_lost_nbsp(text, log);
        let text = apply(text, legacy_as_latin_fixes, log);
        let text = if crate::plausible::has_utf8_lead_pair(&text) {
            let fixes = utf8_as_latin_fixes(&text);
            if is_hopeless(&text, &fixes) {
                hopeless = true;
                return text;
            }
            apply_fixes(text, fixes, log)
        } else {
            text
        };
        let had_cp1252_repairs = log.count(RepairKind::MojibakeUtf8AsCp1252) > 0;
        crate::single_byte::repair_lost_nbsp(text, had_cp1252_repairs, log)
    });
    // Under a layer of UTF-8 read as cp1252 there may be GBK or Big5 read as
    // Latin-1 (`ÖÐ¹ú` under `Ã–Ã�Â¹Ãº`), which the legacy pass could not see
    // before the layer was peeled (or, after the whole-text repair, did not
    // run on): it reads what the layer left.
    let text = if log.count(RepairKind::MojibakeUtf8AsCp1252) > cp1252_before && has_latin1_range(&text) {
        let before = text.len();
        let text = apply(text, legacy_as_latin_fixes, log);
        if text.len() != before {
            *gates = crate::clean::gates(&text);
        }
        text
    } else {
        text
    };
    // Other single-byte code pages, judged word by word on what is left,
    // then C1 controls that no pass read as part of a UTF-8 sequence. A
    // garble too far gone for cp1252 is not read with other pages either.
    // A whole text of another Cyrillic page read as Windows-1251, before its
    // words are read one by one.
    let text = gated(text, gates, Gates::CODE_PAGE, |text| match crate::legacy_latin1::reread_cp1251(&text) {
        Some((new, encoding)) => {
            let how = format!("encode windows-1251, decode {encoding}");
            let fix = whole_text_fix(&text, new, RepairKind::MojibakeLegacyAsCp1251, how);
            apply_fixes(text, vec![fix], log)
        }
        None => text,
    });
    let text = gated(text, gates, Gates::CODE_PAGE, |t| crate::single_byte::repair_thai_as_cp874(t, log));
    let text = if hopeless {
        text
    } else {
        gated(text, gates, Gates::CODE_PAGE, |t| crate::single_byte::repair_single_byte(t, log))
    };
    let text = if log.count(RepairKind::MojibakeUtf8AsCp1251) > 0 { cp1251_a_grave(text, log) } else { text };
    let text = gated(text, gates, Gates::LATIN.union(Gates::CODE_PAGE), |t| lossy_sequences(t, log));
    // Before C1 controls are read as cp1252: Shift_JIS reads byte 0x80 as U+0080.
    let text = gated(text, gates, Gates::SHIFT_JIS, |text| apply(text, utf8_as_shift_jis_fixes, log));
    let text = gated(text, gates, Gates::C1, |t| crate::single_byte::repair_c1_controls(t, log));
    gated(
        text,
        gates,
        Gates::GBK,
        |text| {
            if may_hold_utf8_as_gbk(&text) {
                apply(text, utf8_as_gbk_fixes, log)
            } else {
                text
            }
        },
    )
}

/// What is left of a UTF-8 character whose last byte was lost before the
/// text was read with a code page, as ftfy reads it: the lead byte's letter
/// and U+FFFD inside a word (`SlovenÄ�ina` for `Slovenčina`, `Ă�frica` for
/// `África`), or `â€` and the `?` a lossy encoder put for the third byte
/// (`bb+â€?` for `bb+”`). Which character it was cannot be known; the pair
/// becomes one U+FFFD, flagged as lost text by the marker pass. Clean text
/// holds neither (U+FFFD is already damage, `â€` never stands before `?`).
///
/// In a document with other cp1252 repairs, a `?` for a lost second byte is
/// read the same way, as ftfy does: `Ã?`/`Â?` inside a word before more
/// non-ASCII text, and `â?` before a character of a continuation byte that
/// is not closing punctuation (`ItÃ?Â¢â?¬â?¢s` is `It�¢��s`; `café?”` stays).
fn lossy_sequences(text: String, log: &mut RepairLog) -> String {
    let lost_question = log.count(RepairKind::MojibakeUtf8AsCp1252) > 0
        && (text.contains("Ã?") || text.contains("Â?") || text.contains("â?"));
    let may_hold = lost_question || text.contains("â€?") || text.contains('\u{FFFD}');
    // Not in UTF-8 read as Shift_JIS, whose pairs spell the code pages'
    // letters too (`─` is 84 9F, the middle of `感`, and cp437's C4): its
    // own pass comes later. Asked last, as it reads the whole text.
    if !may_hold || !any_lossy_sequence(&text, lost_question) || mostly_shift_jis_mojibake(&text) {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut counts: Vec<(RepairKind, u64)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let (next, next2) = (chars.get(i + 1).copied(), chars.get(i + 2).copied());
        if let Some((kind, len)) = lossy_sequence_at(prev, c, next, next2, lost_question) {
            out.push('\u{FFFD}');
            match counts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((kind, 1)),
            }
            i += len;
            continue;
        }
        out.push(c);
        i += 1;
    }
    if counts.is_empty() {
        return text;
    }
    for (kind, n) in counts {
        log.add(kind, n, PlanStep::new(format!("{n} UTF-8 characters that lost a byte read as U+FFFD")));
    }
    out
}

/// Whether [`lossy_sequences`] would change anything. Each of its rules
/// starts at a character one before a `?` or U+FFFD, or two before a `?`
/// (`â€?`), so only those are tried: a text with many U+FFFD (UTF-8 read
/// lossily as GBK) is not copied character by character for nothing.
fn any_lossy_sequence(text: &str, lost_question: bool) -> bool {
    let bytes = text.as_bytes();
    let char_before = |at: usize| text.get(..at).and_then(|s| s.chars().next_back()).map(|c| at - c.len_utf8());
    let fires_at = |at: usize| {
        let prev = text.get(..at).and_then(|s| s.chars().next_back());
        let mut after = text.get(at..).unwrap_or_default().chars();
        let Some(c) = after.next() else { return false };
        lossy_sequence_at(prev, c, after.next(), after.next(), lost_question).is_some()
    };
    // Before a U+FFFD only the last rule can fire, and only after a character
    // that opens its gates (a Latin-1 letter, a code-page sign): its first
    // two bytes start a sign of the code-page search. Text read lossily as
    // GBK has a U+FFFD in every few characters, after Han characters.
    let opens_gates = |at: usize| {
        bytes.get(at).is_some_and(|&b| crate::single_byte::starts_sign(b, bytes.get(at + 1).copied().unwrap_or(0)))
    };
    let lost = memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes())
        .filter(|&mark| char_before(mark).is_some_and(opens_gates));
    for mark in memchr::memchr_iter(b'?', bytes).chain(lost) {
        let Some(one_before) = char_before(mark) else { continue };
        if fires_at(one_before) || char_before(one_before).is_some_and(fires_at) {
            return true;
        }
    }
    false
}

/// The rule of [`lossy_sequences`] that applies at `c`, between `prev` and
/// the two characters after it: the repair's kind and how many characters
/// become one U+FFFD.
fn lossy_sequence_at(
    prev: Option<char>,
    c: char,
    next: Option<char>,
    next2: Option<char>,
    lost_question: bool,
) -> Option<(RepairKind, usize)> {
    if c == 'â' && next == Some('€') && next2 == Some('?') {
        return Some((RepairKind::MojibakeUtf8AsCp1252, 3));
    }
    // What may follow a `?` in clean text: closing punctuation, spaces.
    let closing = |n: char| n.is_whitespace() || follows_words(n) || matches!(n, '‹' | '›');
    if lost_question && next == Some('?') {
        // `Ã`/`Â` never end a lowercase word (`AMANHÃ?”` is clean).
        let two_byte = matches!(c, 'Ã' | 'Â')
            && prev.is_some_and(char::is_lowercase)
            && next2.is_some_and(|n| !n.is_ascii() && !closing(n));
        // `â` not ending a word (`lâ?`), before a continuation byte's character.
        let three_byte = c == 'â'
            && !prev.is_some_and(char::is_alphabetic)
            && next2.is_some_and(|n| {
                crate::latin::latin_byte(n).is_some_and(|b| (0x80..=0xBF).contains(&b)) && !closing(n)
            });
        if two_byte || three_byte {
            return Some((RepairKind::MojibakeUtf8AsCp1252, if three_byte { 3 } else { 2 }));
        }
    }
    // Only characters that open the gates this pass runs behind.
    let gated_in =
        || matches!(c, '\u{C0}'..='\u{FF}') || crate::single_byte::may_be_misread(c.encode_utf8(&mut [0; 4]));
    if next == Some('\u{FFFD}') && gated_in() && next2.is_some_and(char::is_alphabetic) {
        // Through Windows-1251 the lost byte is known (0x98, its one hole:
        // `Р�` is `И`), and the word search reads it back.
        return crate::single_byte::two_byte_lead_page(c)
            .filter(|&kind| kind != RepairKind::MojibakeUtf8AsCp1251)
            .map(|kind| (kind, 2));
    }
    None
}

/// Quotes, dashes and the ellipsis: what clean text puts right after a word,
/// where a lead byte's letter meets a continuation byte's character without
/// any damage (`été”`, `là…`).
fn follows_words(c: char) -> bool {
    matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '«' | '»')
}

/// Whether `Ã` and the space after it, between `prev` and `after`, are `à`
/// ([`a_grave_lost_nbsp`]), and if so whether the space stays: it does not
/// in the joined words (`às`, `àquele`) nor when a second space follows
/// (`Ã  le`: the no-break space and the real one); `None` leaves them alone.
/// `word_end` is the last character before `Ã` that is not whitespace: a
/// standalone `Ã` after a word ending in a capital (`25°C Ã øõõòf`) is left
/// alone, as after a capital in the same word (`MAMÃ E`).
fn a_grave_keeps_space(prev: Option<char>, word_end: Option<char>, after: &str) -> Option<bool> {
    let after_capital_word = prev.is_some_and(char::is_whitespace) && word_end.is_some_and(char::is_uppercase);
    let standalone = !after_capital_word
        && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '\'' | '’' | '(' | '"' | '“' | '«'));
    let ends_lowercase_word = prev.is_some_and(char::is_lowercase);
    // The next word is lowercase (`Ã nos`, `Ã  le`), never `S Ã O`, and
    // begins with an ASCII letter: in mojibake a non-ASCII one would be
    // mojibake too (`Ã Ã©tÃ©`), so `Ã ã` is a table of letters, not `à`.
    let next_lowercase = after.trim_start_matches(' ').starts_with(|c: char| c.is_ascii_lowercase());
    if !((standalone || ends_lowercase_word) && next_lowercase) {
        return None;
    }
    let joined = ["quele", "quela", "quilo", "queles", "quelas", "quilos"]
        .iter()
        .any(|w| after.starts_with(w) && !after[w.len()..].starts_with(char::is_alphabetic))
        || (after.starts_with('s') && !after[1..].starts_with(|c: char| c.is_alphabetic() || c == '\''));
    Some(!joined && !after.starts_with(' '))
}

/// `à` is C3 A0 in UTF-8; read as cp1252 it is `Ã` and a no-break space,
/// which is often turned into a plain space or lost (`voilÃ  le`, `Ã nos
/// jours`, `jusqu'Ã l'`). `Ã` never ends a lowercase word or stands alone in
/// clean text, so there it is `à`; like ftfy, `Ã s ` is Portuguese `às` and
/// `Ã quele` is `àquele`. After a capital (`MAMÃ E`) it is left alone.
fn a_grave_lost_nbsp(text: String, log: &mut RepairLog) -> String {
    if !text.contains("Ã ") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut rest = text.as_str();
    let mut prev: Option<char> = None;
    while let Some(pos) = rest.find("Ã ") {
        let before = &rest[..pos];
        let prev_char = before.chars().next_back().or(prev);
        let after = &rest[pos + "Ã ".len()..];
        out.push_str(before);
        let word_end = out.chars().rev().find(|c| !c.is_whitespace());
        match a_grave_keeps_space(prev_char, word_end, after) {
            Some(keeps_space) => {
                count += 1;
                out.push('à');
                if keeps_space {
                    out.push(' ');
                }
            }
            None => out.push_str("Ã "),
        }
        rest = after;
        prev = out.chars().next_back();
    }
    out.push_str(rest);
    if count == 0 {
        return text;
    }
    log.add(
        RepairKind::MojibakeUtf8AsCp1252,
        count,
        PlanStep::new(format!("{count} `Ã` + lost no-break space read as `à`")),
    );
    out
}

/// `à` (C3 A0) read as cp1251 is `Г` and a no-break space, which, as with
/// cp1252's `Ã`, often became a plain space (`se trouve Г l’ouest`). Only in
/// a document with other cp1251 repairs, for a `Г` standing alone between
/// Latin words, the next one lowercase: in Russian it begins a word or
/// abbreviates one (`Г. Москва`), never stands between Latin words.
fn cp1251_a_grave(text: String, log: &mut RepairLog) -> String {
    if !text.contains("Г ") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0u64;
    let mut copied = 0;
    // A Latin word on both sides: `se trouve Г l’ouest`, not `Приложение Г f`.
    let latin = |c: char| c.is_ascii_alphabetic() || (('À'..='ÿ').contains(&c) && c != '×' && c != '÷');
    for (pos, _) in text.match_indices("Г ") {
        let mut before = text[..pos].chars().rev();
        let standalone = before.next().is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '«'));
        let latin_before = before.next().is_some_and(latin);
        let after = &text[pos + "Г ".len()..];
        let latin_after = after.trim_start_matches(' ').starts_with(|c: char| c.is_lowercase() && latin(c));
        if standalone && latin_before && latin_after {
            out.push_str(&text[copied..pos]);
            out.push('à');
            copied = pos + "Г".len();
            count += 1;
        }
    }
    if count == 0 {
        return text;
    }
    out.push_str(&text[copied..]);
    log.add(
        RepairKind::MojibakeUtf8AsCp1251,
        count,
        PlanStep::new(format!("{count} `Г` + lost no-break space read as `à`")),
    );
    out
}

/// Bytes read as cp1252/Latin-1 leave characters in U+00C0..=U+00FF: every
/// UTF-8 lead byte (0xC2..=0xF4) is one, and GBK/Big5 text has lead or trail
/// bytes there in all but the shortest runs. Clean text without any (Chinese
/// with `©` or `·`, English) is skipped by the Latin passes without a scan of
/// its words. The exception is GBK full-width punctuation alone (`¡°` for
/// `“`, `£¬` for `，`), whose bytes all lie below 0xC0: it is looked for too.
fn has_latin1_range(text: &str) -> bool {
    let mut prev = ' ';
    text.chars().any(|c| {
        let gbk_punct = matches!(prev, '¡' | '¢' | '£') && ('\u{A1}'..='\u{BE}').contains(&c);
        prev = c;
        gbk_punct || ('\u{C0}'..='\u{FF}').contains(&c)
    })
}

/// UTF-8 read as GBK leaves characters whose GBK bytes line up as UTF-8:
/// for CJK text (three-byte UTF-8, `E5 8F 91 E5 B8 83` read as `鍙戝竷`) a
/// character with a lead in 0xE0..=0xF4 and a continuation trail, followed by
/// one whose lead is a continuation and whose trail is the next UTF-8 lead
/// (or by U+FFFD/`?` where the decoder gave up) — a pairing clean GB2312 text
/// almost never has. Accented Latin (two-byte UTF-8) leaves a lead in
/// 0xC2..=0xDF, common in Chinese, and English punctuation before a letter
/// a lead in 0xE0..=0xF4 followed by any non-ASCII character (`It鈥檚` for
/// `It’s`), so those cases are only considered in text that is not mostly
/// Han already, or where most Han characters are two-byte mojibake (Russian
/// or Greek read as GBK is nothing but them; in Chinese about one in six
/// is). Text failing all is skipped without building runs. The GBK gate
/// (`clean::gates`) opens wherever this does (a test checks it on random
/// text); this reads a character at a time.
fn may_hold_utf8_as_gbk(text: &str) -> bool {
    let continuation = |b: u8| (0x80..=0xBF).contains(&b);
    let (mut han, mut other, mut lead2, mut lead3_pair) = (0usize, 0usize, 0usize, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some([lead, trail]) = gbk_pair(c) {
            if continuation(trail) {
                match lead {
                    0xE0..=0xF4 => {
                        let follows = match chars.peek() {
                            Some('\u{FFFD}' | '?') => true,
                            Some(&next) => {
                                lead3_pair |= !next.is_ascii();
                                gbk_pair(next).is_some_and(|[l, t]| continuation(l) && (0xE0..=0xF4).contains(&t))
                            }
                            None => true,
                        };
                        if follows {
                            return true;
                        }
                    }
                    0xC2..=0xDF => lead2 += 1,
                    _ => {}
                }
            }
        }
        // Counted as the gate counts: ASCII above the space, and any other
        // character neither Han nor whitespace.
        if crate::gbk::is_han(c) {
            han += 1;
        } else if c.is_ascii() {
            other += usize::from(c > ' ');
        } else if !c.is_whitespace() {
            other += 1;
        }
    }
    // A three-byte lead at the end has returned already.
    crate::clean::gbk_by_counts(0, han, other, lead2, || lead3_pair)
}

fn apply(text: String, find: fn(&str) -> Vec<Fix>, log: &mut RepairLog) -> String {
    let fixes = find(&text);
    apply_fixes(text, fixes, log)
}

fn apply_fixes(text: String, fixes: Vec<Fix>, log: &mut RepairLog) -> String {
    if fixes.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut chars_before) = (0usize, 0usize);
    for fix in &fixes {
        let Some(between) = text.get(copied..fix.start) else { continue };
        let Some(damaged) = text.get(fix.start..fix.end) else { continue };
        chars_before += between.chars().count();
        let len = damaged.chars().count();
        let mut step = String::with_capacity(fix.how.len() + 32);
        step.push_str(&fix.how);
        step.push_str(" at char ");
        push_decimal(&mut step, chars_before);
        step.push_str(" (");
        push_decimal(&mut step, len);
        step.push_str(" chars)");
        log.add(fix.kind, 1, PlanStep::new(step));
        log.add_within_step(RepairKind::LostByteFilled, fix.filled as u64);
        out.push_str(between);
        out.push_str(&fix.text);
        chars_before += len;
        copied = fix.end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// The one or two bytes a damaged character stands for.
struct Unit([Byte; 2], usize);

impl Unit {
    fn one(byte: Byte) -> Self {
        Unit([byte, byte], 1)
    }
}

/// Bytes a new run makes room for at once, at most.
const RUN_RESERVE: usize = 1 << 16;

/// Calls `each` with every run of characters of `text` that `encode` maps
/// to bytes, in order. One buffer serves every run: a document is often one
/// long run, and growing a fresh one per run was a tenth of the search.
fn for_each_run(text: &str, encode: impl Fn(char, Option<char>) -> Option<Unit>, mut each: impl FnMut(&Run)) {
    // The buffers of this thread's last run, still in the core's cache: a
    // document's run is a few hundred kB, and half the time of pushing its
    // bytes went to stores into fresh buffers (1% of a UTF-8-as-GBK ingest).
    // A nested pass, run while another's run is offered, starts empty.
    let mut run = SPARE_RUN.with(std::cell::Cell::take);
    run.clear();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match encode(c, next) {
            Some(Unit(bytes, len)) => {
                if run.is_empty() {
                    // Each character is at least as long in the text as in
                    // the run: room for the rest of a document of common size.
                    run.reserve((text.len() - i).min(RUN_RESERVE));
                }
                run.push(i, i + c.len_utf8(), &bytes[..len]);
            }
            None if !run.is_empty() => {
                each(&run);
                run.clear();
            }
            None => {}
        }
    }
    if !run.is_empty() {
        each(&run);
    }
    // Not the buffers of a huge document (a record may be hundreds of MB):
    // they would stay with the thread for good.
    if run.capacity() <= SPARE_RUN_BYTES {
        SPARE_RUN.with(|spare| spare.set(run));
    }
}

/// The largest run (in bytes) whose buffers [`for_each_run`] keeps: a
/// reserve's, about 3 MB of buffers (48 bytes a byte of the run).
const SPARE_RUN_BYTES: usize = RUN_RESERVE;

std::thread_local! {
    /// [`for_each_run`]'s buffers, kept from one call to the next.
    static SPARE_RUN: std::cell::Cell<Run> = std::cell::Cell::new(Run::default());
}

fn latin_unit(c: char, _next: Option<char>) -> Option<Unit> {
    if c == '\u{FFFD}' {
        return Some(Unit::one(Byte::Unguessed(&CP1252_UNDEFINED)));
    }
    latin_byte(c).map(|b| Unit::one(Byte::Known(b)))
}

/// Re-decodes every UTF-8 span of `text` read as cp1252, unconditionally.
pub(crate) fn decode_latin_layer(text: &str) -> Option<String> {
    decode_latin_layer_of(text, false)
}

/// [`decode_latin_layer`], or `None` when a non-ASCII character of `text` is
/// left outside every span (`whole`): a second layer of cp1252 mojibake is
/// UTF-8 through and through, while GBK read as Latin-1 under it holds only
/// a pair here and there that happens to be valid UTF-8 (`Ä¾` of `¼Ã` is `ľ`).
fn decode_latin_layer_of(text: &str, whole: bool) -> Option<String> {
    let mut spans = Vec::new();
    for_each_run(text, latin_unit, |run| {
        run.utf8_spans(|span| {
            spans.push(span);
            true
        })
    });
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for span in spans {
        if whole && !text.get(copied..span.start)?.is_ascii() {
            return None;
        }
        out.push_str(text.get(copied..span.start)?);
        out.push_str(&span.decoded);
        copied = span.end;
    }
    if whole && !text.get(copied..)?.is_ascii() {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

fn utf8_as_latin_fixes(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    for_each_run(text, latin_unit, |run| {
        run.utf8_spans(|span| match best_layer(text, &span) {
            Some(fix) => {
                fixes.push(fix);
                true
            }
            None => false,
        })
    });
    fixes
}

/// The fix [`utf8_as_latin_fixes`] would find, after [`legacy_as_latin_fixes`]
/// found none, when every character of `text` re-encodes to cp1252 and the
/// bytes are valid UTF-8: then the legacy pass
/// declines every segment (their bytes are valid UTF-8), the whole stretch
/// from the first to the last multi-byte character is one span, nothing is
/// left around it to make the text hopeless, and only the plausibility of
/// that span is judged, exactly as [`best_layer`] would. `None` sends the
/// text down the general path, which gives the same answer for any text
/// this one accepts (a test checks both ways on every sample).
fn whole_text_utf8_as_latin_fix(text: &str) -> Option<Fix> {
    let (bytes, bound) = latin_bytes(text)?;
    let first = bytes.iter().position(|b| !b.is_ascii())?;
    let valid = simdutf8::basic::from_utf8(&bytes).ok()?;
    // The end of the last multi-byte character: the ASCII after it stays.
    let end = bytes.iter().rposition(|b| !b.is_ascii())? + 1;
    let decoded = valid.get(first..end)?;
    // Each character is one byte, and those around the span are ASCII in
    // `text` too: the span's offsets in `text` follow from the ends.
    let span = Span { start: first, end: text.len() - (bytes.len() - end), ..Span::default() };
    // Without a lead and continuation pair in it, the span has no second layer.
    let measured = measure(decoded);
    if measured.lead_pair {
        let (depth, best) = least_cost_layer(decoded.to_owned());
        let measured = measure(&best);
        return judge_layer(text, &span, depth, best, Some((measured, bound.get())));
    }
    judge_layer(text, &span, 1, decoded.to_owned(), Some((measured, bound.get())))
}

/// The whole-text fix for UTF-8 read as cp1252: the strict reading, else the
/// sloppy one.
fn whole_text_latin_fix(text: &str) -> Option<Fix> {
    whole_text_utf8_as_latin_fix(text).or_else(|| sloppy_whole_text_fix(text))
}

/// A whole text of UTF-8 read as cp1252 that was damaged twice more on the
/// way, as in ftfy's lossy test cases (`â € ðŸ“�Â Regulamento`): a no-break
/// space (byte A0) inside a sequence became a plain space, and a byte cp1252
/// leaves undefined became U+FFFD. A space where a continuation byte belongs
/// is taken for A0 (only A0 turns into a space, and the sequence was cut
/// anyway); a sequence with U+FFFD in it cannot be known (the lost byte is
/// one of five) and becomes one U+FFFD. Every other sequence must be valid
/// UTF-8, and the result is judged as the strict reading is. Tried only after
/// [`whole_text_utf8_as_latin_fix`] declined; `None` when neither damage is
/// there, so the strict reading and the segment search keep every other text.
fn sloppy_whole_text_fix(text: &str) -> Option<Fix> {
    let start = text.find(|c: char| !c.is_ascii())?;
    let (last, c) = text.char_indices().rev().find(|(_, c)| !c.is_ascii())?;
    let end = last + c.len_utf8();
    let sloppy = sloppy_utf8(text[..start].chars().next_back(), text.get(start..end)?)?;
    // A second layer (`Ã¢â€�` for `â�`) is the segment search's, which peels
    // layers around lost bytes.
    if sloppy.spaces + sloppy.lossy == 0 || crate::plausible::has_utf8_lead_pair(&sloppy.text) {
        return None;
    }
    let span = Span { start, end, ..Span::default() };
    let mut fix = judge_layer(text, &span, 1, sloppy.text, None)?;
    fix.how = format!(
        "encode windows-1252, {} spaces back to byte A0, {} sequences with a lost byte to U+FFFD, decode utf-8",
        sloppy.spaces, sloppy.lossy
    );
    Some(fix)
}

/// What [`sloppy_utf8`] read.
#[derive(Debug, PartialEq)]
struct Sloppy {
    text: String,
    /// No-break spaces (byte A0) put back: spaces read as A0, and the one
    /// `Ã` lost before a real space (`Ã s'` for `à s'`).
    spaces: usize,
    /// Sequences with a lost byte, read as U+FFFD.
    lossy: usize,
}

/// Reads `stretch` as cp1252 bytes and the bytes as UTF-8, with a space in
/// a sequence read as A0 and U+FFFD standing for a lost continuation byte;
/// `None` at the first character cp1252 has no byte for, or the first
/// sequence that is invalid even so. `Ã` and a space are read as
/// [`a_grave_lost_nbsp`] reads them (`prev` is the character before
/// `stretch`). Streams, so that clean Latin-script text (`não` is `E3` and
/// `o`) is turned down at its first accent.
fn sloppy_utf8(prev: Option<char>, stretch: &str) -> Option<Sloppy> {
    // A byte, or `None` for a byte lost to U+FFFD.
    let unit = |c: char| if c == '\u{FFFD}' { Some(None) } else { latin_byte(c).map(Some) };
    let mut out = Sloppy { text: String::with_capacity(stretch.len()), spaces: 0, lossy: 0 };
    let mut chars = stretch.chars();
    while let Some(c) = chars.next() {
        let lead = match unit(c)? {
            Some(b) if b.is_ascii() => {
                out.text.push(c);
                continue;
            }
            Some(b) => b,
            // A lost byte on its own: it stays lost.
            None => {
                out.text.push('\u{FFFD}');
                continue;
            }
        };
        if let Some(after) = chars.as_str().strip_prefix(' ').filter(|_| lead == 0xC3) {
            let before = out.text.chars().next_back().or(prev);
            let word_end = out.text.chars().rev().find(|c| !c.is_whitespace()).or(prev.filter(|c| !c.is_whitespace()));
            out.text.push('à');
            out.spaces += 1;
            if !a_grave_keeps_space(before, word_end, after)? {
                chars.next();
            }
            continue;
        }
        let len = crate::remap::utf8_len(lead)?;
        let mut seq = [lead, 0, 0, 0];
        let (mut lost, mut spaces) = ([false; 4], 0);
        for (slot, lost) in seq.iter_mut().zip(&mut lost).take(len).skip(1) {
            match unit(chars.next()?)? {
                Some(b @ 0x80..=0xBF) => *slot = b,
                Some(b' ') => {
                    *slot = 0xA0;
                    spaces += 1;
                }
                None => *lost = true,
                Some(_) => return None,
            }
        }
        if lost.contains(&true) {
            // A letter (a Han character, say) is for the segment search, which
            // chooses among the candidates with the character model.
            if may_be_letter(seq, lost, len) {
                return None;
            }
            out.text.push('\u{FFFD}');
            out.lossy += 1;
        } else {
            out.text.push_str(std::str::from_utf8(&seq[..len]).ok()?);
            out.spaces += spaces;
        }
    }
    Some(out)
}

/// Whether the `len` bytes of `seq` decode to a letter for some choice of
/// the bytes marked `lost`, each one of the five cp1252 leaves undefined.
fn may_be_letter(seq: [u8; 4], lost: [bool; 4], len: usize) -> bool {
    let Some(at) = lost.iter().take(len).position(|&l| l) else {
        return std::str::from_utf8(&seq[..len]).is_ok_and(|s| s.chars().any(char::is_alphabetic));
    };
    CP1252_UNDEFINED.iter().any(|&b| {
        let (mut seq, mut lost) = (seq, lost);
        (seq[at], lost[at]) = (b, false);
        may_be_letter(seq, lost, len)
    })
}

/// A lower bound of what text read by cp1252 or Latin-1 from a stretch of
/// bytes costs, alone or among other text, fed one byte at a time: the
/// characters of its non-ASCII bytes, and a mojibake pair for every UTF-8
/// lead byte followed by a continuation byte. (ASCII is left out: it only
/// makes the bound lower, and lets the bound of a whole text be that of
/// the stretch holding its non-ASCII bytes.)
#[derive(Default)]
struct CostBound {
    cost: u64,
    after_lead: bool,
}

impl CostBound {
    fn push(&mut self, b: u8, costs: &[u8; 256]) {
        if b.is_ascii() {
            self.after_lead = false;
            return;
        }
        self.cost += u64::from(costs[usize::from(b)]);
        if self.after_lead && b < 0xC0 {
            self.cost += u64::from(lead_pair_min_cost(b));
        }
        self.after_lead = (0xC2..=0xF4).contains(&b);
    }

    fn get(&self) -> u32 {
        u32::try_from(self.cost).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
fn cost_lower_bound(bytes: &[u8]) -> u32 {
    let mut bound = CostBound::default();
    bytes.iter().for_each(|&b| bound.push(b, latin_byte_min_costs()));
    bound.get()
}

/// cp1252's characters U+2013..=U+203A (E2 80 93..=BA in UTF-8) as the
/// bytes they were read from; 0 for the others.
const GENERAL_PUNCTUATION: [u8; 40] = {
    let mut table = [0u8; 40];
    let pairs: [(u32, u8); 13] = [
        (0x2013, 0x96),
        (0x2014, 0x97),
        (0x2018, 0x91),
        (0x2019, 0x92),
        (0x201A, 0x82),
        (0x201C, 0x93),
        (0x201D, 0x94),
        (0x201E, 0x84),
        (0x2020, 0x86),
        (0x2021, 0x87),
        (0x2022, 0x95),
        (0x2026, 0x85),
        (0x2030, 0x89),
    ];
    let mut i = 0;
    while i < pairs.len() {
        table[(pairs[i].0 - 0x2013) as usize] = pairs[i].1;
        i += 1;
    }
    table[0x2039 - 0x2013] = 0x8B;
    table[0x203A - 0x2013] = 0x9B;
    table
};

/// The bytes a cp1252/Latin-1 decoder read to give `text`, one per
/// character, or `None` if a character is no such reading, with a
/// [`CostBound`] of the text. Works on the UTF-8 of `text`: U+0080..=U+00FF
/// (C2 or C3 and one more byte) and cp1252's punctuation (E2 80 xx), most of
/// any mojibake, are read without decoding characters.
fn latin_bytes(text: &str) -> Option<(Vec<u8>, CostBound)> {
    let utf8 = text.as_bytes();
    let costs = latin_byte_min_costs();
    let mut bound = CostBound::default();
    let mut bytes = Vec::with_capacity(utf8.len());
    let mut at = 0;
    while let Some(&lead) = utf8.get(at) {
        if lead.is_ascii() {
            // ASCII reads as itself and adds nothing to the bound.
            let run = utf8[at..].iter().take_while(|b| b.is_ascii()).count();
            bytes.extend_from_slice(&utf8[at..at + run]);
            bound.push(lead, costs);
            at += run;
            continue;
        }
        let (byte, len) = match lead {
            // C2 80..=BF is U+0080..=U+00BF, C3 80..=BF is U+00C0..=U+00FF.
            0xC2 => (*utf8.get(at + 1)?, 2),
            0xC3 => (utf8.get(at + 1)? + 0x40, 2),
            0xE2 if utf8.get(at + 1) == Some(&0x80) => {
                let third = *utf8.get(at + 2)?;
                match GENERAL_PUNCTUATION.get(usize::from(third.checked_sub(0x93)?)) {
                    Some(&b) if b != 0 => (b, 3),
                    _ => return None,
                }
            }
            _ => {
                let c = text.get(at..)?.chars().next()?;
                (latin_byte(c)?, c.len_utf8())
            }
        };
        bytes.push(byte);
        bound.push(byte, costs);
        at += len;
    }
    Some((bytes, bound))
}

/// Whether the mojibake left around the fixes (a lead byte's letter before a
/// continuation byte's symbol: `ã†`, `â¢`) outnumbers what they repair more
/// than twice: then the text is a garble (lowercased, or pieced together
/// from several damaged layers) that the fixes would only make differently
/// wrong, and ftfy leaves it alone too.
fn is_hopeless(text: &str, fixes: &[Fix]) -> bool {
    if fixes.is_empty() {
        return false;
    }
    // Pairs that clean text also makes do not count: a letter before a
    // letter (Czech `náš`, `též`: `š` and `ž` are continuation bytes too) or
    // before closing punctuation or a no-break space (`après…`, `été”`).
    // `ƒ` is no such letter: after `Ã`/`ã` it is the mark of double encoding.
    let closing = |c: char| follows_words(c) || matches!(c, '„' | '‚' | '\u{A0}');
    let letter = |c: char| c.is_alphabetic() && c != 'ƒ';
    // Nor do words holding a character no cp1252 byte makes: those are
    // another page's mojibake (Persian through Windows-1256 writes its zero
    // width non-joiner `â€Œ` between `ط¨` and `ظ‡ط§`), left to its pass.
    let pairs = |s: &str| {
        s.split_whitespace()
            .filter(|word| word.chars().all(|c| latin_byte(c).is_some()))
            .map(|word| {
                word.chars()
                    .zip(word.chars().skip(1))
                    .filter(|&(a, b)| !letter(b) && !closing(b) && crate::plausible::is_utf8_lead_pair(a, b))
                    .count()
            })
            .sum::<usize>()
    };
    let mut left = 0;
    let mut copied = 0;
    for fix in fixes {
        left += text.get(copied..fix.start).map_or(0, pairs);
        copied = fix.end;
    }
    left += text.get(copied..).map_or(0, pairs);
    left > 2 * fixes.len()
}

/// Peels up to [`MAX_LAYERS`] of cp1252 mojibake off text whose first layer
/// is `first`; returns the most plausible layer and its depth (1-based).
fn least_cost_layer(first: String) -> (usize, String) {
    let mut layers = vec![first];
    while layers.len() < MAX_LAYERS {
        match layers.last().and_then(|last| decode_latin_layer_of(last, true)) {
            Some(next) => layers.push(next),
            None => break,
        }
    }
    if layers.len() == 1 {
        return (1, layers.swap_remove(0));
    }
    let mut best = (0, text_cost(&layers[0]));
    for (depth, layer) in layers.iter().enumerate().skip(1) {
        let cost = text_cost(layer);
        if cost < best.1 {
            best = (depth, cost);
        }
    }
    let depth = best.0;
    (depth + 1, layers.swap_remove(depth))
}

/// Peels cp1252 mojibake off a span and keeps the most plausible layer, if
/// it is clearly better than the damaged text.
fn best_layer(text: &str, span: &Span) -> Option<Fix> {
    let (depth, best) = least_cost_layer(span.decoded.clone());
    judge_layer(text, span, depth, best, None)
}

/// Keeps `best`, the text of `span` with `depth` layers of cp1252 peeled
/// off, if it is clearly better than the damaged text.
/// `measured`, when known, is `best` [`measure`]d and a lower bound of the
/// damaged text's cost.
fn judge_layer(text: &str, span: &Span, depth: usize, best: String, measured: Option<(Measured, u32)>) -> Option<Fix> {
    let known = replacement_char_mojibake(text.get(span.start..span.end).unwrap_or_default(), &best);
    let better = |new: &str| match measured {
        Some((new_measured, bound)) => clearly_better_with_bound(text, span.start, span.end, new, new_measured, bound),
        None => clearly_better_in_context(text, span.start, span.end, new),
    };
    if !known && (implausible_pair(text, span, &best) || lone_rare_han_among_latin(text, span, &best) || !better(&best))
    {
        return None;
    }
    // U+FFFD is forbidden: a text with nothing forbidden has none.
    let lost = if measured.is_some_and(|(m, _)| !m.forbidden) { 0 } else { best.matches('\u{FFFD}').count() };
    let mut how = format!("encode windows-1252, decode utf-8 ×{depth}");
    push_lost_bytes(&mut how, span.filled_chars, lost);
    Some(Fix {
        start: span.start,
        end: span.end,
        text: best,
        kind: RepairKind::MojibakeUtf8AsCp1252,
        how,
        filled: span.filled_chars,
    })
}

/// Appends to a plan step how many characters had lost bytes filled by a
/// guess and how many lost bytes were left as U+FFFD (none: nothing).
fn push_lost_bytes(how: &mut String, filled: usize, left: usize) {
    if filled > 0 {
        how.push_str(", ");
        push_decimal(how, filled);
        how.push_str(if filled == 1 {
            " character with lost bytes filled"
        } else {
            " characters with lost bytes filled"
        });
    }
    if left > 0 {
        how.push_str(", ");
        push_decimal(how, left);
        how.push_str(if left == 1 { " lost byte left as U+FFFD" } else { " lost bytes left as U+FFFD" });
    }
}

/// `ï¿½` is U+FFFD's UTF-8 read as cp1252: the mark of a character lost
/// earlier. Plausibility never picks U+FFFD (it costs the most), but the
/// three characters stand for nothing else.
fn replacement_char_mojibake(old: &str, new: &str) -> bool {
    let n = new.chars().count();
    n > 0 && new.chars().all(|c| c == '\u{FFFD}') && old == "ï¿½".repeat(n)
}

/// One rare Han character (CJK Extension A) read from three characters with
/// more cp1252 mojibake right beside them that is no UTF-8: GBK read as
/// Latin-1 (`Ê±¼ä£º` is `时间：`, and `ä£º` alone is valid UTF-8 for `䣺`),
/// a chance, which left the segment to no reading at all. UTF-8 mojibake of
/// Chinese decodes as a run, of common characters.
fn lone_rare_han_among_latin(text: &str, span: &Span, decoded: &str) -> bool {
    let mut chars = decoded.chars();
    let (Some(new), None) = (chars.next(), chars.next()) else { return false };
    let mojibake = |c: Option<char>| c.is_some_and(|c| latin_byte(c).is_some_and(|b| b >= 0x80));
    let before = text.get(..span.start).and_then(|t| t.chars().next_back());
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    ('\u{3400}'..='\u{4DBF}').contains(&new) && (mojibake(before) || mojibake(after))
}

/// Two characters that read as one UTF-8 letter but are more likely what
/// they are: a capital before a no-break space (`SELKÄ\u{A0}`; only `Â` and
/// `Ã` lose their meaning there), `×£` (a Hebrew letter among digits), a
/// capital before `’s` (`Ã’s`), a lone capital after a symbol (`‚Ä¶`), or
/// a lowercase letter ending a word of capitals (`AHÅ™`, not `AHř`).
fn implausible_pair(text: &str, span: &Span, decoded: &str) -> bool {
    let Some(source) = text.get(span.start..span.end) else { return true };
    // A no-break space after a capital stands for a lost byte only after the
    // leads of common letters (`Â`, `Ã`, `Å` for Š, `Ð`/`Ñ` for Cyrillic, `Î` for Π…).
    let lost_nbsp_lead = |c: char| matches!(c, 'Â' | 'Ã' | 'Å' | 'Ð' | 'Ñ' | 'Î' | 'Ø' | 'Ù');
    let latin1_capital = |c: char| ('\u{C0}'..='\u{DF}').contains(&c);
    let before_nbsp = |i: usize| source.get(..i).and_then(|s| s.chars().next_back());
    let nbsps = memchr::memmem::find_iter(source.as_bytes(), "\u{A0}".as_bytes());
    if nbsps.filter_map(before_nbsp).any(|a| latin1_capital(a) && !lost_nbsp_lead(a)) {
        return true;
    }
    let mut source_chars = source.chars();
    let (Some(first), Some(second), None) = (source_chars.next(), source_chars.next(), source_chars.next()) else {
        return false;
    };
    let mut decoded_chars = decoded.chars();
    let (Some(new), None) = (decoded_chars.next(), decoded_chars.next()) else { return false };
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let (next, next2) = (after.next(), after.next());
    let _ = (first, second);
    let rtl = |c: char| ('\u{590}'..='\u{8FF}').contains(&c);
    if rtl(new) && !before.is_some_and(rtl) && !next.is_some_and(rtl) {
        return true;
    }
    if second == '’' && next == Some('s') && !next2.is_some_and(char::is_alphanumeric) {
        return true;
    }
    // A lone capital after a symbol (`‚Ä¶` is MacRoman `…`, not `‚Ķ`).
    let symbol = |c: char| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace();
    if new.is_uppercase() && before.is_some_and(symbol) && !next.is_some_and(char::is_alphanumeric) {
        return true;
    }
    new.is_lowercase()
        && before.is_some_and(char::is_uppercase)
        && !next.is_some_and(|n| n.is_alphabetic() && !n.is_uppercase())
}

/// Which decoder read the UTF-8 as GBK, as far as the text tells: it tells
/// what a U+FFFD that is not before an ASCII byte stood for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GbkReader {
    /// GB18030 or the Encoding Standard's GBK (browsers, encoding_rs):
    /// every lead with a trail from 0x80 makes a character, user-defined
    /// areas included (as Private Use characters), so U+FFFD there was a
    /// lone 0x80, the one byte they refuse outright.
    Gb18030,
    /// A GBK codec without the user-defined areas (Python's `gbk`, which
    /// `requests` uses for a page labelled GBK): U+FFFD was a lead it
    /// refused before the next byte ([`refused_leads_before`]).
    Gbk,
}

impl GbkReader {
    /// A text holding a character of GBK's user-defined areas (U+E000..=U+E765)
    /// was read by a decoder that has them; one without any is taken as read
    /// by one that refuses them, whose candidates include the lone 0x80.
    fn of(text: &str) -> Self {
        let user_defined = |c: char| ('\u{E000}'..='\u{E765}').contains(&c);
        if text.chars().any(user_defined) {
            GbkReader::Gb18030
        } else {
            GbkReader::Gbk
        }
    }
}

/// A character as the byte(s) a GBK decoder read; `next` is the character
/// after it.
///
/// U+FFFD is one byte the decoder could not use: a lead byte whose trail was
/// invalid (an ASCII byte below 0x40, which is then decoded on its own), or
/// else what `reader` refuses before the next byte: a lone 0x80 (WHATWG's
/// decoder maps it to `€`), or for a decoder without GBK's user-defined
/// areas one of [`refused_leads_before`]. `?` may be a byte another decoder
/// replaced.
///
/// `reader` is asked only for a U+FFFD: finding it takes a pass over the text.
fn gbk_unit(reader: impl Fn() -> GbkReader, c: char, next: Option<char>) -> Option<Unit> {
    const LONE_80: [u8; 1] = [0x80];
    match c {
        '?' => Some(Unit::one(Byte::MaybeLost(b'?'))),
        '\u{FFFD}' => {
            let next_byte = match next {
                None => None,
                Some('€') => Some(0x80),
                Some(n) if n.is_ascii() => u8::try_from(n as u32).ok(),
                Some(n) => gbk_pair(n).map(|[lead, _]| lead),
            };
            let candidates: &'static [u8] = match next_byte {
                // The end of the text, or a byte that cannot trail: a lead lost its trail.
                None if next.is_none() => &CONTINUATION,
                Some(b) if b < 0x40 || b == 0x7F => &CONTINUATION,
                _ if reader() == GbkReader::Gb18030 => &LONE_80,
                Some(b) => refused_leads_before(b),
                // Another lost byte: refused before it, itself a continuation byte.
                None if next == Some('\u{FFFD}') => crate::gbk::refused_leads_before_continuation(),
                None => &CONTINUATION,
            };
            Some(Unit::one(Byte::Lost(candidates)))
        }
        '€' => Some(Unit::one(Byte::Known(0x80))),
        c if c.is_ascii() => u8::try_from(c as u32).ok().map(|b| Unit::one(Byte::Known(b))),
        c => gbk_pair(c).map(|[lead, trail]| Unit([Byte::Known(lead), Byte::Known(trail)], 2)),
    }
}

fn utf8_as_gbk_fixes(text: &str) -> Vec<Fix> {
    let reader = std::cell::OnceCell::new();
    let reader = || *reader.get_or_init(|| GbkReader::of(text));
    let unit = |c, next| gbk_unit(reader, c, next);
    utf8_reread_fixes(
        text,
        unit,
        |span: &Span| !short_and_of_mixed_scripts(&span.decoded) && !has_stray_combining_mark(&span.decoded),
        RepairKind::MojibakeUtf8AsGbk,
        "encode gbk",
    )
}

/// Whether a few characters (fewer than six beyond ASCII) are letters of two
/// scripts: what clean CJK text spells by chance when its GBK bytes are read
/// as UTF-8 (`話電確` is `Ԓ늴_`), where real mojibake decodes to one script.
/// Punctuation and symbols count for none.
fn short_and_of_mixed_scripts(decoded: &str) -> bool {
    let (mut seen, mut non_ascii) = (0u8, 0usize);
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if non_ascii >= 6 {
            return false;
        }
        seen |= match c as u32 {
            0xC0..=0x24F | 0x1E00..=0x1EFF if c.is_alphabetic() => 1,
            0x370..=0x52F if c.is_alphabetic() => 2,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => 4,
            0x3040..=0x30FF | 0x31F0..=0x31FF => 8,
            _ if crate::gbk::is_han(c) => 8,
            _ => 0,
        };
    }
    non_ascii < 6 && seen.count_ones() > 1
}

/// Whether `decoded` holds a combining mark that does not sit on a letter of
/// its own script: a Hebrew accent after `A` (`支` is D6 A7, U+05A7 in UTF-8),
/// a Latin diacritic after punctuation. No text is written so.
fn has_stray_combining_mark(decoded: &str) -> bool {
    // The marks below are all two bytes long, led by one of these.
    if !decoded.bytes().any(|b| matches!(b, 0xCC | 0xCD | 0xD2 | 0xD6..=0xD9)) {
        return false;
    }
    let mut prev: Option<char> = None;
    for c in decoded.chars() {
        let base_ok = |base: fn(char) -> bool| prev.is_some_and(base);
        let stray = match c as u32 {
            0x300..=0x36F => !base_ok(|b| b.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&b)),
            0x483..=0x489 => !base_ok(|b| ('\u{400}'..='\u{4FF}').contains(&b)),
            0x591..=0x5C7 => !base_ok(|b| ('\u{591}'..='\u{5F2}').contains(&b)),
            0x610..=0x61A | 0x64B..=0x65F | 0x670 => !base_ok(|b| ('\u{620}'..='\u{6FF}').contains(&b)),
            _ => false,
        };
        if stray {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// A character as the byte(s) a Shift_JIS decoder read; `next` is the
/// character after it. U+FFFD is a lead the decoder dropped because its
/// pair with the next byte maps to nothing: Windows' and Python's cp932
/// decoders drop the lead alone and read the next byte again; with
/// `pairs_dropped`, a decoder that drops both bytes (the Encoding
/// Standard's), unless the next byte is ASCII.
fn shift_jis_unit(pairs_dropped: bool) -> impl Fn(char, Option<char>) -> Option<Unit> {
    move |c, next| match c {
        '\u{FFFD}' => {
            let next_byte = match next {
                None => None,
                Some(n) if n.is_ascii() => u8::try_from(n as u32).ok(),
                Some(_) if pairs_dropped => {
                    let (leads, trails) = crate::shift_jis::dropped_pair();
                    return Some(Unit([Byte::LostLead(leads), Byte::LostLead(trails)], 2));
                }
                Some(n) => crate::shift_jis::encode(n).map(|(bytes, _)| bytes[0]),
            };
            Some(Unit::one(Byte::LostLead(crate::shift_jis::lost_before(next_byte))))
        }
        c if c.is_ascii() => u8::try_from(c as u32).ok().map(|b| Unit::one(Byte::Known(b))),
        c => crate::shift_jis::encode(c).map(|(bytes, len)| Unit([Byte::Known(bytes[0]), Byte::Known(bytes[1])], len)),
    }
}

fn utf8_as_shift_jis_fixes(text: &str) -> Vec<Fix> {
    if !mostly_shift_jis_mojibake(text) && !english_punctuation_as_cp932(text) {
        return Vec::new();
    }
    latin_reads_only_outside_japanese(text, shift_jis_reading(text))
}

/// The fixes of the reading of U+FFFD (a dropped lead alone, or a dropped
/// pair) that repairs more of `text`.
fn shift_jis_reading(text: &str) -> Vec<Fix> {
    // Two half-width katakana from ﾂ..=ﾟ and ｡..=ｿ are valid UTF-8 (`ﾃｰ` is
    // C3 B0, `ð`): clean half-width text is full of such pairs, while CJK
    // text read as Shift_JIS comes back as characters of three bytes, with a
    // `·` or `°` here and there.
    // Latin-script text read as Shift_JIS comes back as Latin letters and
    // punctuation next to ASCII letters (`cafﾃｩ`), where half-width katakana
    // seldom stand.
    let cjk = |span: &Span| {
        let (mut two, mut more) = (0usize, 0usize);
        for c in span.decoded.chars().filter(|c| !c.is_ascii()) {
            if c < '\u{800}' {
                two += 1;
            } else {
                more += 1;
            }
        }
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let in_word = letter(text[..span.start].chars().next_back()) || letter(text[span.end..].chars().next());
        // Latin-1's letters and signs and the common punctuation: the rarer
        // letters beyond (`ĵ`, `ſ`) are what katakana pairs make by chance.
        // Not the ASCII symbols that words do not hold, which a kanji's
        // second byte gives when a half-width katakana lends it a lead
        // (`ﾃ表`, C3 95 5C, reads `Õ\`).
        // A byte lost (`窶�` for `– ` in a German page) may stand among the
        // letters; it counts as a character beyond two bytes above (where
        // Vietnamese, which loses bytes of most of its three-byte letters,
        // needs it).
        let latin = |c: char| {
            matches!(c, '\0'..='\u{FF}' | '\u{2010}'..='\u{2027}' | '\u{FFFD}')
                && !matches!(c, '\\' | '^' | '`' | '{' | '|' | '}' | '~')
        };
        let source = text.get(span.start..span.end).unwrap_or_default();
        more > 2 * two || in_word && span.decoded.chars().all(latin) || cyrillic_or_greek(&span.decoded, source)
    };
    let kind = RepairKind::MojibakeUtf8AsShiftJis;
    // Which decoder it was shows in which reading of U+FFFD repairs more.
    let one = utf8_reread_fixes(text, shift_jis_unit(false), cjk, kind, "encode shift_jis");
    let covered = |fixes: &[Fix]| fixes.iter().map(|fix| fix.end - fix.start).sum::<usize>();
    // The other reading only where this one left much of the text: a cp932
    // reading of cp932 mojibake covers nearly all of it.
    let non_ascii = text.bytes().filter(|b| !b.is_ascii()).count();
    if !text.contains('\u{FFFD}') || covered(&one) * 10 >= non_ascii * 9 {
        return one;
    }
    let two = utf8_reread_fixes(text, shift_jis_unit(true), cjk, kind, "encode shift_jis (pairs dropped)");
    if covered(&two) > covered(&one) {
        two
    } else {
        one
    }
}

/// Whether `decoded`, read from `source`, spells at least
/// [`MIN_SHIFT_JIS_LETTERS`] letters of Cyrillic or of Greek and no other
/// letters beyond ASCII (Russian read as Shift_JIS is half-width katakana two
/// by two: `ﾐｸ` for `и`). Half-width katakana alone spell such letters too
/// (`ﾎｱﾎｲ` is `αβ`, `ﾐｷﾐｷ` is `зз`): only a lead and a byte from 0xA1, so
/// a stretch is taken when it needs a byte they cannot give, which a
/// Russian or Greek text of a few words always has: a letter from `р` to
/// `я` or `ρ` to `ώ` (D1 80..=8F, CF 81..=8E), or a character of the source
/// that is neither ASCII nor half-width katakana (those bytes as cp932 reads
/// them: a kanji, U+0080, U+FFFD).
fn cyrillic_or_greek(decoded: &str, source: &str) -> bool {
    let (mut cyrillic, mut greek) = (0usize, 0usize);
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        match c {
            '\u{400}'..='\u{4FF}' => cyrillic += 1,
            '\u{370}'..='\u{3FF}' => greek += 1,
            // Punctuation: `«»`, `°`, dashes and quotes, `№`, and a byte lost.
            '\u{A0}'..='\u{BF}' | '\u{2010}'..='\u{2027}' | '№' | '\u{FFFD}' => {}
            _ => return false,
        }
    }
    let least = MIN_SHIFT_JIS_LETTERS;
    let one_script = (cyrillic >= least && greek == 0) || (greek >= least && cyrillic == 0);
    let beyond_katakana = |c: char| matches!(c, '\u{440}'..='\u{44F}' | '\u{3C1}'..='\u{3CE}');
    let not_katakana = |c: char| !c.is_ascii() && !is_half_width_katakana(c);
    one_script && (decoded.chars().any(beyond_katakana) || source.chars().any(not_katakana))
}

/// The fewest Cyrillic or Greek letters [`cyrillic_or_greek`] takes.
const MIN_SHIFT_JIS_LETTERS: usize = 8;

/// `fixes` without the ones that read Latin letters, when kanji or kana
/// stay outside every fix: Latin text read as Shift_JIS becomes half-width
/// katakana and the odd kanji, all of which a repair takes back, while in
/// Japanese text a katakana before a kanji may spell a Latin letter by
/// chance (`ﾃ認` is C3 94 46, `ÔF`).
fn latin_reads_only_outside_japanese(text: &str, mut fixes: Vec<Fix>) -> Vec<Fix> {
    let latin_read = |fix: &Fix| !fix.text.chars().any(|c| c >= '\u{800}');
    if !fixes.iter().any(latin_read) {
        return fixes;
    }
    // Not `窶`, which is what is left of English punctuation that lost its
    // last byte (`窶�` for `– `): no Japanese word.
    let japanese = |c: char| is_kanji_or_kana(c) && c != '窶';
    let mut copied = 0;
    let mut outside_japanese = false;
    for fix in &fixes {
        outside_japanese |= text.get(copied..fix.start).is_some_and(|s| s.chars().any(japanese));
        copied = fix.end;
    }
    outside_japanese |= text.get(copied..).is_some_and(|s| s.chars().any(japanese));
    if outside_japanese {
        fixes.retain(|fix| !latin_read(fix));
        // What is left must still make the case on its own.
        if too_little_evidence(text, &fixes) {
            fixes.clear();
        }
    }
    fixes
}

/// Whether `窶` (E2 80: English punctuation's first two bytes in UTF-8)
/// stands before another non-ASCII character in text mostly not CJK, as
/// English text read as Shift_JIS has it: `窶冱` for `’s`, often with no
/// half-width katakana at all (which [`mostly_shift_jis_mojibake`] asks
/// for). Half-width katakana are not looked at here.
fn english_punctuation_as_cp932(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let mut found = false;
    let (mut cjk, mut other) = (0usize, 0usize);
    while let Some(c) = chars.next() {
        if c == '窶' && chars.peek().is_some_and(|n| !n.is_ascii()) {
            found = true;
        }
        if is_kanji_or_kana(c) {
            cjk += 1;
        } else if !c.is_whitespace() {
            other += 1;
        }
    }
    found && cjk * 3 < cjk + other
}

/// A Han character, hiragana or full-width katakana.
fn is_kanji_or_kana(c: char) -> bool {
    crate::gbk::is_han(c) || ('\u{3040}'..='\u{30FF}').contains(&c)
}

/// Half-width katakana and their punctuation (U+FF61..=U+FF9F), which
/// Shift_JIS writes in one byte from 0xA1 (a UTF-8 continuation or lead).
fn is_half_width_katakana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Whether half-width katakana are at least one in twenty non-ASCII
/// characters. UTF-8 read as Shift_JIS turns about one CJK character in three
/// into one; a text with a stray one (`ｰ` in a Chinese page) is not read
/// again, where a U+FFFD next to a kanji would always decode to something.
fn mostly_shift_jis_mojibake(text: &str) -> bool {
    let (mut katakana, mut non_ascii) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        katakana += usize::from(is_half_width_katakana(c));
    }
    katakana * 20 >= non_ascii && katakana > 0
}

/// The stretches of `text` that `unit` re-encodes into valid UTF-8, that
/// `may_be` allows and that read clearly better so, as fixes of `kind`
/// (`encode` names the table in the plan).
fn utf8_reread_fixes(
    text: &str,
    unit: impl Fn(char, Option<char>) -> Option<Unit>,
    may_be: impl Fn(&Span) -> bool,
    kind: RepairKind,
    encode: &str,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let masked = std::cell::OnceCell::new();
    let masked = || masked.get_or_init(|| mask_lost(text)).as_str();
    for_each_run(text, unit, |run| {
        run.utf8_spans(|span| {
            // A stretch that needed a lost byte must rest on at least two
            // characters read from known bytes: clean text with a stray
            // U+FFFD spells one by chance, and a guess makes a second
            // (`於擁��` read again as GBK bytes is `춓` and a guessed `퀀`).
            if !may_be(&span) || (span.guessed_chars > 0 && span.known_chars < 2) {
                return false;
            }
            let better = may_gain_and_is_clearly_better(text, span.start, span.end, &span.decoded)
                || lost_kept(text, &span) && {
                    let new = mask_lost(&span.decoded);
                    text_cost_allows(&new) && may_gain_and_is_clearly_better(masked(), span.start, span.end, &new)
                };
            if !better {
                return false;
            }
            let mut how = format!("{encode}, decode utf-8");
            push_lost_bytes(&mut how, span.filled_chars, span.unresolved);
            let filled = span.filled_chars;
            fixes.push(Fix { start: span.start, end: span.end, text: span.decoded, kind, how, filled });
            true
        })
    });
    if too_little_evidence(text, &fixes) {
        fixes.clear();
    }
    fixes
}

/// Whether `fixes` repair fewer than two characters beyond ASCII in all. A
/// lone letter like `é` read as GBK is one Han character (`caf脙`), which a
/// Chinese text may also hold: one such repair in a document is too little
/// evidence, several (or any longer one) make the case. So is one character
/// of any script that two clean ones happen to spell (`電確` in Japanese
/// text is the bytes of `늴_`). One mark of English punctuation read from
/// `鈥` and the character after it is enough (`It鈥檚` for `It’s`, `Don鈥檛`):
/// UTF-8 writes `’`, `“`, `—` and their neighbours (U+2010..=U+203F) with
/// the bytes E2 80, GBK's `鈥`, which Chinese text does not use (and
/// Shift_JIS's `窶`, a rare kanji).
fn too_little_evidence(text: &str, fixes: &[Fix]) -> bool {
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let repaired_chars: usize = fixes.iter().map(|fix| non_ascii(&fix.text)).sum();
    let punctuation_from_e2_80 = |fix: &Fix| {
        let english_punctuation = |c: char| c.is_ascii() || ('\u{2010}'..='\u{203F}').contains(&c);
        let old = text.get(fix.start..fix.end).unwrap_or_default();
        fix.text.chars().all(english_punctuation) && old.contains(['鈥', '窶']) && non_ascii(old) >= 2
    };
    repaired_chars < 2 && !fixes.iter().any(punctuation_from_e2_80)
}

/// `text` with each U+FFFD as U+3000 (as long in UTF-8, and neutral to the
/// cost: no script, no pair, no word). A lost byte a repair leaves lost
/// costs the most of any character, on both sides of a judgement; in a short
/// text (a title read lossily as GBK: `鎴愮珛浜�2013骞�` for `成立于2013年`)
/// that cost, counted twice, outweighs everything the repair gains. A
/// stretch holding one is judged again without it.
fn mask_lost(text: &str) -> String {
    text.replace('\u{FFFD}', "\u{3000}")
}

/// Whether the text `span` replaces holds U+FFFD, and the repair no more:
/// each one left stands for a byte lost before, none for a `?` it read as lost.
fn lost_kept(text: &str, span: &Span) -> bool {
    let old_lost = text.get(span.start..span.end).map_or(0, |old| old.matches('\u{FFFD}').count());
    old_lost > 0 && span.unresolved <= old_lost
}

/// No character of `new` is one no text holds (private use, controls): the
/// second judgement, without lost bytes, is for clean repairs only. (The
/// general rule lets through what the damaged text already held, which a
/// content-farm page's private-use characters would let a misreading do.)
fn text_cost_allows(new: &str) -> bool {
    !measure(new).forbidden
}

/// The whole text re-read by [`crate::legacy_latin1::reread`].
fn whole_text_legacy_fix(text: &str) -> Option<Fix> {
    let (new, encoding) = crate::legacy_latin1::reread(text)?;
    Some(whole_text_fix(
        text,
        new,
        RepairKind::MojibakeLegacyAsLatin1,
        format!("encode windows-1252, decode {encoding}"),
    ))
}

/// A fix that replaces all of `text` with `new`.
fn whole_text_fix(text: &str, new: String, kind: RepairKind, how: String) -> Fix {
    Fix { start: 0, end: text.len(), text: new, kind, how, filled: 0 }
}

/// GBK or Big5 bytes read as Latin-1: whitespace-separated segments of
/// mostly non-ASCII Latin characters, decoded strictly with each table
/// (or as another script, by [`other_script_segments`]).
fn legacy_as_latin_fixes(text: &str) -> Vec<Fix> {
    let all_segments = legacy_segments(text);
    if let Some(fixes) = other_script_segments(text, &all_segments) {
        return fixes;
    }
    // A segment with fewer than two non-ASCII characters has neither GBK's
    // punctuation pair nor the shape of a legacy run, and most segments of a
    // Chinese text with pinyin or Latin words are so.
    let segments: Vec<(usize, usize)> =
        all_segments.iter().filter(|&&(_, _, high)| high >= 2).map(|&(s, e, _)| (s, e)).collect();
    let eligible = segments.len();
    let mut fixes: Vec<Fix> = segments.iter().filter_map(|&(s, e)| legacy_segment_fix(text, s, e)).collect();
    // GBK or Big5 text read as Latin-1 turns nearly every segment into
    // mojibake. Where most segments with Latin letters do not decode (`MÄ£ÄM
    // ÌÑÌ £ÄGÌ`), the text is Latin and a lone decoding is a coincidence,
    // unless it carries GBK's full-width punctuation.
    if fixes.len() * 2 < eligible {
        fixes.retain(|fix| {
            let bytes: Vec<u8> = text[fix.start..fix.end].chars().filter_map(latin_byte).collect();
            gbk_punct_fingerprint(&bytes)
        });
    }
    // A page read whole as Latin-1, three in four of its segments' non-ASCII
    // characters decoded (its short segments, `¼ÇÕß` for 记者, may outnumber
    // its paragraphs), mostly with one table, also has segments too short to
    // be evidence on their own (`ÃñÉú` between ` >> `, `民生`), or that the
    // other table reads better alone (Big5 `民生` is GBK `チネ`): the page is
    // their evidence. A page is in one encoding.
    let high_in =
        |(start, end): (usize, usize)| text.get(start..end).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
    let eligible_high: usize = segments.iter().map(|&segment| high_in(segment)).sum();
    let fixed_high: usize = fixes.iter().map(|fix| high_in((fix.start, fix.end))).sum();
    if fixes.len() >= PAGE_SEGMENTS && fixed_high * 4 >= eligible_high * 3 {
        if let Some(kind) = page_kind(&fixes) {
            let mut page: Vec<Fix> = Vec::with_capacity(segments.len());
            let mut done = fixes.into_iter().peekable();
            for &(start, end) in &segments {
                let own = done.next_if(|fix| fix.start == start);
                match own {
                    Some(fix) if fix.kind == kind => page.push(fix),
                    own => page.extend(page_segment_fix(text, start, end, kind).or(own)),
                }
            }
            // Fixes of no segment (none now) are kept as they were.
            page.extend(done);
            page.sort_by_key(|fix| fix.start);
            fixes = page;
        }
    }
    fixes
}

/// The kind of most of the characters `fixes` read, when it is GBK or Big5
/// read as Latin-1 and holds three in four of them.
fn page_kind(fixes: &[Fix]) -> Option<RepairKind> {
    let chars = |fix: &Fix| fix.text.chars().filter(|c| !c.is_ascii()).count();
    let total: usize = fixes.iter().map(chars).sum();
    [RepairKind::MojibakeGbkAsLatin1, RepairKind::MojibakeBig5AsLatin1].into_iter().find(|&kind| {
        let of_kind: usize = fixes.iter().filter(|fix| fix.kind == kind).map(chars).sum();
        of_kind * 4 >= total * 3 && of_kind > 0
    })
}

/// How many segments of a page must decode on their own (and hold three in
/// four of its segments' non-ASCII characters) before the rest are read as
/// the page is ([`page_segment_fix`]).
const PAGE_SEGMENTS: usize = 3;

/// A segment of a page of GBK or Big5 read as Latin-1 (`kind` says which),
/// read as the rest of the page was: strictly, into Han characters and CJK
/// punctuation only, mostly common ones, but without the evidence
/// [`legacy_segment_fix`] asks of a segment alone.
fn page_segment_fix(text: &str, start: usize, end: usize, kind: RepairKind) -> Option<Fix> {
    let segment = text.get(start..end)?;
    let bytes: Vec<u8> = segment.chars().filter_map(latin_byte).collect();
    if bytes.len() != segment.chars().count() {
        return None;
    }
    // Bytes that are valid UTF-8 are the UTF-8 pass's, unless they read as
    // no CJK at all: two GBK characters of a name (`Â¬Éº`, 卢珊) are UTF-8
    // for `¬ɺ` by chance.
    if std::str::from_utf8(&bytes).is_ok_and(|utf8| utf8.chars().any(|c| c >= '\u{2E80}')) {
        return None;
    }
    let (new, table) = match kind {
        RepairKind::MojibakeGbkAsLatin1 => (decode_gbk_strict(&bytes)?, "gbk"),
        RepairKind::MojibakeBig5AsLatin1 => {
            (BIG5.decode_without_bom_handling_and_without_replacement(&bytes)?.into_owned(), "big5")
        }
        _ => return None,
    };
    // Not [`plausible_chinese`]'s test of a UTF-8 reading: two characters of
    // GBK often make a UTF-8 pair by chance (`Ê±` is `ʱ`), and the page has
    // shown what it is.
    let chinese = |c: char| c.is_ascii() || crate::gbk::is_han(c) || crate::gbk::is_cjk_punctuation(c);
    if new == segment || !new.chars().all(chinese) || !mostly_common_han(&new) {
        return None;
    }
    Some(Fix { start, end, text: new, kind, how: format!("encode windows-1252, decode {table}"), filled: 0 })
}

/// The segments of `text` that may be legacy bytes read as Latin-1: runs of
/// cp1252/Latin-1 characters without ASCII whitespace, holding a non-ASCII
/// character at least, each with the count of them.
fn legacy_segments(text: &str) -> Vec<(usize, usize, usize)> {
    let mut segments = Vec::new();
    let mut start = None;
    // Non-ASCII characters in the segment so far.
    let mut high = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        // The character at `i`: its length, and whether it belongs in a
        // segment (no ASCII whitespace, a cp1252/Latin-1 byte). From U+0800
        // only U+2000..=U+2FFF (lead E2) holds cp1252 characters: the rest,
        // most of a CJK text, is stepped over by its lead byte alone. The end
        // of the text closes the last segment.
        let (len, inside) = match bytes.get(i) {
            None => (1, false),
            Some(&b) if b < 0x80 => (1, !b.is_ascii_whitespace()),
            Some(0xE0 | 0xE1 | 0xE3..=0xEF) => (3, false),
            Some(0xF0..) => (4, false),
            Some(_) => {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
                (c.len_utf8(), latin_byte(c).is_some())
            }
        };
        match (inside, start) {
            (true, None) => {
                start = Some(i);
                high = usize::from(len > 1);
            }
            (true, Some(_)) => high += usize::from(len > 1),
            (false, Some(s)) => {
                if high >= 1 {
                    segments.push((s, i, high));
                }
                start = None;
            }
            (false, None) => {}
        }
        i += len;
    }
    segments
}

/// The segments of a legacy page of a non-Latin script read as Latin-1.
/// EUC-KR, Shift_JIS and EUC-JP bytes are valid GBK or Big5 too, and a
/// segment alone is too short to tell them apart; all the segments together
/// are not. When the detector reads them as one of
/// [`crate::legacy_latin1::reading_fits`]'s pages (Korean, Japanese,
/// Cyrillic, Greek…), each segment is read so where it reads as that
/// script and clearly better than it was, and no segment is read as Chinese
/// (`¼­¿ï½Ã´Â` is `서울시는`, not `辑匡矫绰`). `None` for any other reading.
/// A whole text of such bytes is read by [`whole_text_legacy_fix`] before:
/// this is for the texts that also hold characters no Latin-1 byte makes
/// (a Chinese or Hangul title).
fn other_script_segments(text: &str, all_segments: &[(usize, usize, usize)]) -> Option<Vec<Fix>> {
    // A segment glued to a letter no Latin-1 byte makes is a piece of a word
    // of another script: `§`, `„` and `…` between the Arabic letters of UTF-8
    // read as Windows-1256 (`ط§ظ„`), which joined read as IBM866 by chance.
    let glued = |&&(start, end, _): &&(usize, usize, usize)| {
        // Not Han, kana or Hangul: CJK text glues its words together, and a
        // title glued to a mangled body is common (`日本語` + Shift_JIS).
        let cjk = |c: char| is_kanji_or_kana(c) || is_half_width_katakana(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c);
        let foreign_letter =
            |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && latin_byte(c).is_none() && !cjk(c));
        foreign_letter(text[..start].chars().next_back()) || foreign_letter(text[end..].chars().next())
    };
    let segments: Vec<(usize, usize, usize)> = all_segments.iter().filter(|s| !glued(s)).copied().collect();
    let segments = segments.as_slice();
    // [`crate::legacy_latin1::may_be_legacy`]'s first test, counted before
    // anything is copied: the accented words of a French text are many
    // segments, and their ASCII letters outnumber their accents.
    let min_high = 2 * crate::legacy_latin1::MIN_HIGH_BYTES;
    let high_chars: usize = segments.iter().map(|&(_, _, high)| high).sum();
    let ascii_alnum: usize = segments
        .iter()
        .map(|&(start, end, _)| {
            text.as_bytes().get(start..end).map_or(0, |b| b.iter().filter(|b| b.is_ascii_alphanumeric()).count())
        })
        .sum();
    if high_chars < min_high || high_chars <= ascii_alnum {
        return None;
    }
    let bytes_of = |start: usize, end: usize| -> Vec<u8> {
        text.get(start..end).unwrap_or_default().chars().filter_map(latin_byte).collect()
    };
    let high = |bytes: &[u8]| bytes.iter().filter(|b| !b.is_ascii()).count();
    // The detector reads the segments of EUC-form bytes alone (EUC-JP's 8E
    // and 8F prefixes included), their cp1252 punctuation at the ends left
    // out, when they hold three in four of the bytes: punctuation of the
    // text's own (`“News”`, `말했다…`) is no Windows-949 and would fail the
    // whole reading. (Every non-ASCII character of a segment is one
    // non-ASCII byte, so `high_chars` counts the segments' bytes.)
    let trimmed: Vec<(usize, usize)> =
        segments.iter().map(|&(start, end, _)| trim_edge_punctuation(text, start, end)).collect();
    let trimmed_bytes: Vec<Vec<u8>> = trimmed.iter().map(|&(start, end)| bytes_of(start, end)).collect();
    let euc_form = |bytes: &[u8]| bytes.iter().all(|&b| b.is_ascii() || b >= 0xA1 || b == 0x8E || b == 0x8F);
    let euc_high: usize = trimmed_bytes.iter().filter(|b| euc_form(b)).map(|b| high(b)).sum();
    // As for a whole text ([`crate::legacy_latin1::may_be_legacy`]), with
    // twice the bytes: segments come from texts that hold other characters
    // too, Chinese with `××` or `«»` among them.
    let euc_only = euc_high * 4 >= high_chars * 3 && euc_high >= min_high;
    let chosen: Vec<usize> = (0..segments.len()).filter(|&i| !euc_only || euc_form(&trimmed_bytes[i])).collect();
    // A segment's bytes, trimmed or whole.
    let segment_bytes = |i: usize, trim: bool| -> std::borrow::Cow<'_, [u8]> {
        if trim {
            std::borrow::Cow::Borrowed(trimmed_bytes[i].as_slice())
        } else {
            let (start, end, _) = segments[i];
            std::borrow::Cow::Owned(bytes_of(start, end))
        }
    };
    let mut joined = Vec::new();
    for &i in &chosen {
        joined.extend_from_slice(&segment_bytes(i, euc_only));
        joined.push(b' ');
    }
    if !crate::legacy_latin1::may_be_legacy(&joined, min_high) {
        return None;
    }
    let encoding = match crate::decode::detect_and_decode(&joined) {
        Some((all, name)) if crate::legacy_latin1::reading_fits(&joined, &all, name, false) => name,
        _ => return None,
    };
    let decoder = encoding_rs::Encoding::for_label(encoding.as_bytes())?;
    // Each chosen segment, the cp1252 punctuation at its ends left as it is
    // (`말했다…`), read strictly; all of them or none, as the detector judged
    // them together: word by word, some would pass and their neighbours not.
    let trim = TRIMMED.contains(&encoding);
    let (mut read_high, mut chosen_high) = (0usize, 0usize);
    let mut fixes = Vec::new();
    for &i in &chosen {
        let (start, end) = if trim { trimmed[i] } else { (segments[i].0, segments[i].1) };
        let bytes = segment_bytes(i, trim);
        let bytes_high = high(&bytes);
        chosen_high += bytes_high;
        // Valid UTF-8 is the UTF-8 pass's to judge.
        if bytes_high == 0
            || std::str::from_utf8(&bytes).is_ok()
            || !crate::legacy_latin1::fits_the_bytes(&bytes, encoding)
        {
            continue;
        }
        let Some(new) = decoder.decode_without_bom_handling_and_without_replacement(&bytes) else { continue };
        if !crate::legacy_latin1::piece_of_script(&new, encoding) {
            continue;
        }
        read_high += bytes_high;
        fixes.push(Fix {
            start,
            end,
            text: new.into_owned(),
            kind: RepairKind::MojibakeLegacyAsLatin1,
            how: format!("encode windows-1252, decode {encoding}"),
            filled: 0,
        });
    }
    if read_high * 10 < chosen_high * 9 {
        fixes.clear();
    }
    Some(fixes)
}

/// The pages whose segments are read without the cp1252 quotes, dashes and
/// ellipsis at their ends (0x85, 0x91..=0x97): the EUC pages do not have
/// them, and the Windows pages of other scripts write them with the same
/// bytes. Not the other pages, where those bytes lead two-byte characters
/// (Shift_JIS) or are letters and box drawing (KOI8, IBM866).
const TRIMMED: [&str; 7] =
    ["EUC-KR", "EUC-JP", "windows-1251", "windows-1253", "windows-1255", "windows-1256", "windows-874"];

/// `start..end` without the cp1252 quotes, dashes and ellipsis at its ends.
fn trim_edge_punctuation(text: &str, start: usize, end: usize) -> (usize, usize) {
    let edge = |c: char| latin_byte(c).is_some_and(|b| matches!(b, 0x85 | 0x91..=0x97));
    let segment = text.get(start..end).unwrap_or_default();
    let trimmed_start = segment.trim_start_matches(edge);
    let trimmed = trimmed_start.trim_end_matches(edge);
    let new_start = start + (segment.len() - trimmed_start.len());
    (new_start, new_start + trimmed.len())
}

fn legacy_segment_fix(text: &str, start: usize, end: usize) -> Option<Fix> {
    let segment = text.get(start..end)?;
    if segment.is_ascii() {
        return None;
    }
    let bytes: Vec<u8> = segment.chars().filter_map(latin_byte).collect();
    // GBK full-width punctuation (`“` = A1 B0 read as `¡°`, `，` = A3 AC as
    // `£¬`) is a fingerprint no Latin text has; without it, the segment must
    // look like a whole run of GBK or Big5 bytes.
    let fingerprint = gbk_punct_fingerprint(&bytes);
    if !fingerprint && !looks_like_legacy_run(segment) {
        return None;
    }
    // Bytes that are valid UTF-8 as a whole are UTF-8 mojibake (`Â«` is `«`,
    // not GBK `芦`): the next pass judges them.
    if std::str::from_utf8(&bytes).is_ok() {
        return None;
    }
    let gbk = decode_gbk_strict(&bytes).map(|t| (t, RepairKind::MojibakeGbkAsLatin1, "gbk"));
    let big5 = BIG5
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|t| (t.into_owned(), RepairKind::MojibakeBig5AsLatin1, "big5"));
    let (best, kind, table) = [gbk, big5].into_iter().flatten().min_by_key(|(t, _, _)| text_cost(t))?;
    if !plausible_chinese(&bytes, &best) {
        return None;
    }
    // One decoded character is too little evidence against a Latin reading (`à£` is GBK `啵`).
    if !fingerprint && best.chars().filter(|c| !c.is_ascii()).count() < 2 {
        return None;
    }
    if best == segment || !clearly_better_in_context(text, start, end, &best) {
        return None;
    }
    // Partly valid UTF-8 mojibake is left to its own pass when it reads better that way.
    if let Some(first) = decode_latin_layer(segment) {
        if text_cost(&least_cost_layer(first).1) <= text_cost(&best) {
            return None;
        }
    }
    Some(Fix { start, end, text: best, kind, how: format!("encode windows-1252, decode {table}"), filled: 0 })
}

/// Whether a GBK/Big5 reading `decoded` of `bytes` is plausibly Chinese:
/// the bytes do not read better as (truncated or lossy) UTF-8, which is
/// tried first (`à®¤à®®` is Tamil, not `鉈戈`), and the reading is
/// [`mostly_common_han`].
fn plausible_chinese(bytes: &[u8], decoded: &str) -> bool {
    // GBK has accidental two-byte UTF-8 pairs (`Ë½`); UTF-8 mojibake with a
    // lost or cut byte has nothing but UTF-8 sequences around it.
    let utf8 = String::from_utf8_lossy(bytes);
    let multibyte: Vec<char> = utf8.chars().filter(|&c| !c.is_ascii() && c != '\u{FFFD}').collect();
    let covered: usize = multibyte.iter().map(|c| c.len_utf8()).sum();
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    if multibyte.len() >= 2 && covered * 4 >= high * 3 {
        return false;
    }
    mostly_common_han(decoded)
}

/// Whether every non-ASCII character of `decoded` that is a letter is Han
/// (no Latin letters: a reading that split the bytes wrongly), and two in
/// three of the Han are common.
fn mostly_common_han(decoded: &str) -> bool {
    let (mut han, mut common, mut other) = (0usize, 0usize, 0usize);
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        if crate::gbk::is_han(c) {
            han += 1;
            common += usize::from(crate::gbk::in_gb2312_level1(c) || crate::gbk::in_big5_level1(c));
        } else if c.is_alphabetic() && ('\u{C0}'..='\u{24F}').contains(&c) {
            // Latin letters: the reading split the bytes wrongly.
            other += 1;
        }
    }
    other == 0 && common * 3 >= han * 2
}

/// GBK full-width punctuation (`“` = A1 B0 read as `¡°`, `，` = A3 AC as
/// `£¬`) is a fingerprint no Latin text has. But for a run of A1 bytes (GBK's
/// ideographic space) with no other high byte on either side: Spanish writes
/// `¡¡` (`¡¡¡HAY UN ERROR!!!` read as Big5 gave `﹛？AY`), where GBK indents a
/// paragraph with it and Big5 has it inside a run (`»¡¡A` is `說，`).
fn gbk_punct_fingerprint(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&[lead, trail]) = bytes.get(at..at + 2) {
        if lead == 0xA1 && trail == 0xA1 {
            // The whole run at once, judged by its neighbours: once per run,
            // not per pair (a line of 160,000 `¡` took seconds).
            let end = bytes[at..].iter().position(|&b| b != 0xA1).map_or(bytes.len(), |p| at + p);
            let before = at.checked_sub(1).and_then(|p| bytes.get(p));
            if !(before.is_none_or(u8::is_ascii) && bytes.get(end).is_none_or(u8::is_ascii)) {
                return true;
            }
            // The last A1 of the run may still lead a pair with what follows.
            at = end - 1;
            continue;
        } else if (0xA1..=0xA3).contains(&lead) && (0xA1..=0xBE).contains(&trail) {
            return true;
        }
        at += 1;
    }
    false
}

/// Whether a segment of Latin characters has the shape of GBK or Big5 bytes:
/// mostly non-ASCII, with symbols (`¹`, `ª`, `¡`) or cp1252 punctuation
/// between letters. Words put those at their edges (`«Fuß»,`, `¿Qué`), and
/// all-caps words have none inside (`AÇÃO`).
fn looks_like_legacy_run(segment: &str) -> bool {
    let (chars, high) = segment.chars().fold((0usize, 0usize), |(n, h), c| (n + 1, h + usize::from(!c.is_ascii())));
    if high < 2 || (high as f64) < MIN_HIGH_SHARE * chars as f64 {
        return false;
    }
    let word: Vec<u8> = segment.trim_matches(|c: char| !c.is_alphanumeric()).chars().filter_map(latin_byte).collect();
    let interior = word.get(1..word.len().saturating_sub(1)).unwrap_or_default();
    interior.iter().any(|b| (0x80..=0xBF).contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_inverted_exclamation_marks_is_no_gbk_unless_gbk_stands_beside_it() {
        // Spanish: the run between ASCII bytes or the text's ends.
        assert!(!gbk_punct_fingerprint(b"\xA1\xA1\xA1HAY"));
        assert!(!gbk_punct_fingerprint(b"x \xA1\xA1"));
        // GBK: ideographic spaces before a Han character, or inside a run.
        assert!(gbk_punct_fingerprint(b"\xA1\xA1\xA1\xA1\xC7\xE0"));
        assert!(gbk_punct_fingerprint(b"\xBB\xA1\xA1A"));
        // The run's last byte still leads a pair with what follows (`“`).
        assert!(gbk_punct_fingerprint(b"\xA1\xA1\xA1\xB0"));
        // A long run is judged once (a line of them took seconds).
        let mut long = vec![b'a'; 1];
        long.extend(std::iter::repeat_n(0xA1, 200_000));
        long.push(b'b');
        assert!(!gbk_punct_fingerprint(&long));
    }

    #[test]
    fn a_character_that_lost_its_last_byte_becomes_one_replacement_character() {
        let mut log = RepairLog::default();
        assert_eq!(lossy_sequences("SlovenÄ\u{FFFD}ina".into(), &mut log), "Sloven\u{FFFD}ina");
        assert_eq!(lossy_sequences("Asia, Ă\u{FFFD}frica".into(), &mut log), "Asia, \u{FFFD}frica");
        assert_eq!(lossy_sequences("to “bb+â€? from".into(), &mut log), "to “bb+\u{FFFD} from");
        // A `?` for a lost second byte counts only beside other cp1252 repairs.
        let lossy = "ItÃ?Â¢â?¬â?¢s classic, it’s café?” or “là?”";
        assert_eq!(lossy_sequences(lossy.into(), &mut RepairLog::default()), lossy);
        assert_eq!(
            lossy_sequences(lossy.into(), &mut log),
            "It\u{FFFD}Â¢\u{FFFD}\u{FFFD}s classic, it’s café?” or “là?”"
        );
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsCp1252), 5);
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsCp1250), 1);
        // Clean text, also beside other cp1252 repairs.
        for clean in ["NÃO? SÃO?", "Olá? É", "lâ?” e â?", "Ã? Â?x", "AMANHÃ?” IRMÃ?»", "lâ?¬", "x â?\u{A0}y"]
        {
            assert_eq!(lossy_sequences(clean.into(), &mut log), clean);
        }
        let mut log = RepairLog::default();
        for clean in ["NÃO? SÃO?", "Ä\u{FFFD} x", "end Ä\u{FFFD}", "a\u{FFFD}b", "prix â€ ?", "Ärger", "…\u{FFFD}a"]
        {
            assert_eq!(lossy_sequences(clean.into(), &mut log), clean);
        }
        assert!(log.is_empty());
    }

    fn repair(text: &str) -> (String, RepairLog) {
        let mut log = RepairLog::default();
        let out = repair_mojibake(text.to_owned(), &mut { Gates::ALL }, WholeText::Untried, &mut log);
        (out, log)
    }

    /// The whole repair, as ingest runs it (every stage behind its gates).
    fn repair_whole(text: &str) -> String {
        crate::repair_text(text.to_owned(), &crate::RepairOptions::default(), &mut RepairLog::default())
    }

    fn as_cp1252(text: &str) -> String {
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
        decoded.into_owned()
    }

    /// UTF-8 read by a cp1252 decoder that turns the five bytes cp1252
    /// leaves undefined into U+FFFD.
    fn as_cp1252_lossy(text: &str) -> String {
        let read = |b: u8| encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[b]).0.chars().next();
        text.bytes().filter_map(|b| if CP1252_UNDEFINED.contains(&b) { Some('\u{FFFD}') } else { read(b) }).collect()
    }

    #[test]
    fn utf8_read_as_lossy_cp1252_whose_no_break_spaces_became_spaces_is_repaired() {
        // The damage of ftfy's lossy test cases, made here from our own text:
        // read as cp1252 with its undefined bytes lost to U+FFFD, then every
        // no-break space turned into a plain one (`⚠️` is E2 9A A0 EF B8 8F:
        // `âš ï¸�`). The first sample starts with a cut sequence, the second
        // with a whole one, which the pipeline tries before finding the gates.
        let samples = [
            "⠀ 📝\u{A0}Regras do sorteio: ⚠️ Só valem os comentários feitos até às 18h de sábado. ⠀ Boa sorte!\u{A0}😀🐍",
            "Só valem os comentários feitos até às 18h.\n⚠️ Não vale marcar perfis de empresas à toa.\u{A0}🐍 Boa sorte!",
        ];
        for clean in samples {
            let damaged = as_cp1252_lossy(clean).replace('\u{A0}', " ");
            assert!(damaged.contains('\u{FFFD}') && damaged.contains("Ã s "), "{damaged}");
            // What the bytes allow: a character that lost a byte is U+FFFD.
            let lost_a_byte = |c: char| c.to_string().bytes().any(|b| CP1252_UNDEFINED.contains(&b));
            let expected: String = clean.chars().map(|c| if lost_a_byte(c) { '\u{FFFD}' } else { c }).collect();
            let (out, log) = repair(&damaged);
            assert_eq!(out, expected);
            assert!(log.plan().iter().any(|step| step.0.contains("spaces back to byte A0")), "{:?}", log.plan());
            let mut log = RepairLog::default();
            let out = crate::repair_text(damaged.clone(), &crate::RepairOptions::default(), &mut log);
            assert_eq!(out, expected, "through the pipeline");
        }
    }

    #[test]
    fn no_break_spaces_turned_into_spaces_cost_nothing_on_every_clean_sample() {
        // Our clean samples whose UTF-8 holds byte A0 (`à`, `Р`, `你`, `栋`)
        // read as cp1252, once as they are and once with every no-break
        // space turned into a plain one: both come out the same.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let (mut tried, mut differ) = (0, Vec::new());
        for dir in ["data/clean", "benches/repair-clean", "benches/repair-clean-zh"] {
            for path in walkdir_files(&root.join(dir)) {
                let Ok(clean) = crate::decode(&std::fs::read(&path).unwrap_or_default(), None, 1.0) else { continue };
                let clean = clean.text;
                if clean.contains('\u{A0}') || !clean.as_bytes().contains(&0xA0) {
                    continue;
                }
                tried += 1;
                let mojibake = as_cp1252(&clean);
                let repair = |text: String| {
                    crate::repair_text(text, &crate::RepairOptions::default(), &mut RepairLog::default())
                };
                let (kept, spaced) = (repair(mojibake.clone()), repair(mojibake.replace('\u{A0}', " ")));
                if kept != spaced {
                    let at = kept.chars().zip(spaced.chars()).position(|(a, b)| a != b).unwrap_or(0);
                    let k: String = kept.chars().skip(at.saturating_sub(10)).take(30).collect();
                    let s: String = spaced.chars().skip(at.saturating_sub(10)).take(30).collect();
                    differ.push(format!("{path:?}: {k:?} / {s:?}"));
                }
            }
        }
        assert!(tried >= 10, "only {tried} samples hold byte A0");
        assert!(differ.is_empty(), "{} of {tried} differ:\n{}", differ.len(), differ.join("\n"));
    }

    #[test]
    fn a_word_the_text_has_intact_fills_a_byte_lost_in_it_elsewhere() {
        // `家住柳塘社區的居民說，柳塘社區的綠化很好。` read by Python's `gbk`
        // with errors="replace": the first `塘` lost a byte, the second did
        // not. The dictionary knows no `柳塘`; the text does.
        let damaged = "瀹朵綇鏌冲\u{FFFD}樼ぞ鍗\u{FFFD}鐨勫眳姘戣\u{FFFD}\u{FFFD}锛屾煶濉樼ぞ鍗\u{FFFD}鐨勭稜鍖栧緢濂姐\u{FFFD}\u{FFFD}";
        assert_eq!(repair_whole(damaged), "家住柳塘社區的居民\u{FFFD}，柳塘社區的綠化很好。");
        // The plan says how many characters were filled and how many left:
        // `塘` (the model's pick), both `區` and the last `。`; `說` stays lost.
        let mut log = RepairLog::default();
        crate::repair_text(damaged.to_owned(), &crate::RepairOptions::default(), &mut log);
        let step = log.plan().iter().find(|step| step.0.starts_with("encode gbk")).expect("a GBK step");
        assert!(step.0.contains(", 4 characters with lost bytes filled, 1 lost byte left as U+FFFD"), "{}", step.0);
        assert_eq!(log.count(RepairKind::LostByteFilled), 4);
        // Without the intact word the place stays lost.
        let alone = "瀹朵綇鏌冲\u{FFFD}樼ぞ鍗\u{FFFD}鐨勫眳姘戣\u{FFFD}\u{FFFD}锛岀稜鍖栧緢濂姐\u{FFFD}\u{FFFD}";
        assert_eq!(repair_whole(alone), "家住柳\u{FFFD}社區的居民\u{FFFD}，綠化很好。");
    }

    #[test]
    fn only_guessed_characters_count_as_filled() {
        // `一个人在一起，…一场电影。` read by Python's `gb18030`: the first `一`
        // (E4 B8 80) and the middle `。` (E3 80 82) each lost their 0x80, the
        // one byte a lost byte can be there, and the last `。` lost two, a
        // guess among many: one guess is counted.
        let gb18030 = "涓\u{FFFD}涓\u{E043}汉鍦ㄤ竴璧凤紝绗\u{E0FF}竴娆″幓浜嗕竴瓒熷寳浜\u{E0FE}\u{FFFD}傛垜浠\u{E0FF}竴鍚岀湅浜嗕竴鍦虹數褰便\u{FFFD}\u{FFFD}";
        let mut log = RepairLog::default();
        let out = crate::repair_text(gb18030.to_owned(), &crate::RepairOptions::default(), &mut log);
        assert_eq!(out, "一个人在一起，第一次去了一趟北京。我们一同看了一场电影。");
        assert_eq!(log.count(RepairKind::LostByteFilled), 1);
        // UTF-8 read as cp1252 with undefined bytes lost: 营, 道, 口 and 流
        // are filled by a guess, and counted as the lossy GBK reading's are.
        let cp1252 = "标题：æ˜¨å¤©çš„è\u{FFFD}¥ä¸šæ—¶é—´å¾ˆé•¿ï¼Œé\u{FFFD}“è·¯å\u{FFFD}£çš„æ°´æµ\u{FFFD}å¾ˆæ€¥ã€‚";
        let mut log = RepairLog::default();
        let out = crate::repair_text(cp1252.to_owned(), &crate::RepairOptions::default(), &mut log);
        assert_eq!(out, "标题：昨天的营业时间很长，道路口的水流很急。");
        assert_eq!(log.count(RepairKind::LostByteFilled), 4);
        let step = log.plan().iter().find(|step| step.0.starts_with("encode windows-1252")).expect("a cp1252 step");
        assert!(step.0.contains(", 4 characters with lost bytes filled"), "{}", step.0);
    }

    #[test]
    fn the_lossy_reading_leaves_clean_text_and_other_damage_alone() {
        // Clean text with `à` and spaces, and a clean `Â` word.
        for clean in ["Ele foi à praia às 10h. Café?", "à la carte, déjà vu", "Â bientôt", "Ã"] {
            assert!(sloppy_whole_text_fix(clean).is_none(), "{clean}");
        }
        // Valid mojibake is the strict reading's; a space after a lead that
        // reads as nothing plausible (`Ã ` after a capital) is declined.
        assert!(sloppy_whole_text_fix("cafÃ© crÃ¨me").is_none());
        assert!(sloppy_whole_text_fix("MAMÃ E cafÃ©").is_none());
        // Only the reading of a space or U+FFFD: other bytes stay invalid.
        assert_eq!(sloppy_utf8(None, "Ã©tÃ©"), Some(Sloppy { text: "été".into(), spaces: 0, lossy: 0 }));
        assert_eq!(sloppy_utf8(None, "Ã©x Ã"), None);
        assert_eq!(sloppy_utf8(None, "â € x"), Some(Sloppy { text: "\u{2800} x".into(), spaces: 1, lossy: 0 }));
        assert_eq!(
            sloppy_utf8(None, "ï¸\u{FFFD} \u{FFFD}"),
            Some(Sloppy { text: "\u{FFFD} \u{FFFD}".into(), spaces: 0, lossy: 1 })
        );
    }

    /// `金` (E9 87 91) read as cp932 after a character that closed its pair
    /// with E9 is `≡`, whose pair 87 91 the NEC rows share with JIS's 81 DF.
    #[test]
    fn a_character_cp932_maps_twice_is_read_back_from_the_pair_utf8_made() {
        let clean = "他惜墨如金，几乎不写信。我们入住金轮宾馆，感觉很好。";
        let damaged = as_cp932(clean);
        assert!(damaged.matches('≡').count() == 2, "{damaged}");
        let (out, _) = repair(&damaged);
        assert!(out.contains("如金，") && out.contains("住金轮"), "{out}");
    }

    /// `感` (E6 84 9F) read as cp932 after a character that closed its pair
    /// with E6 is `─` (84 9F), cp437's C4: with the U+FFFD of the `，` after
    /// it, the code pages' lost-byte pass took `─�` for one character that
    /// lost a byte, and the Shift_JIS pass could not read it back.
    #[test]
    fn a_shift_jis_pair_is_no_code_page_letter_that_lost_a_byte() {
        let clean = "我有同感，这仅是我的看法。";
        let damaged = as_cp932(clean);
        assert!(damaged.contains("─\u{FFFD}"), "{damaged}");
        assert_eq!(repair_whole(&damaged), clean);
    }

    /// UTF-8 read as Shift_JIS the way Windows' and Python's cp932 decoders
    /// read it: a lead whose pair maps to nothing becomes U+FFFD and the byte
    /// after it is read again; 0xA0 becomes U+F8F0.
    fn as_cp932(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let lead = matches!(b, 0x81..=0x9F | 0xE0..=0xFC);
            let pair = bytes.get(i + 1).and_then(|&t| crate::gbk::decode_one(encoding_rs::SHIFT_JIS, &[b, t]));
            match (b, lead, pair) {
                (0x00..=0x80, _, _) => out.push(char::from(b)),
                (0xA0, _, _) => out.push('\u{F8F0}'),
                (0xA1..=0xDF, _, _) => out.push(char::from_u32(0xFF61 + u32::from(b - 0xA1)).unwrap_or('?')),
                (_, true, Some(c)) => {
                    out.push(c);
                    i += 1;
                }
                _ => out.push('\u{FFFD}'),
            }
            i += 1;
        }
        out
    }

    #[test]
    fn marks_lost_together_are_read_from_the_last() {
        // Read as cp932, each `！` (EF BC 81) of a run loses its 81 with the
        // next one's EF (`81 EF` maps to nothing): the run is lost together.
        for clean in [
            "这个酒店太差了啊！！！真的很差。\n",
            "这个酒店一般！！一般！！真的很一般。\n",
            "服务太差！！！\n下次不来了。\n",
        ] {
            let damaged = as_cp932(clean);
            assert!(damaged.contains("\u{FFFD}ｼ\u{FFFD}\u{FFFD}ｼ"), "{damaged}");
            assert_eq!(repair_whole(&damaged), clean);
        }
    }

    #[test]
    fn a_character_lost_after_a_comma_is_one_that_starts_a_clause() {
        // `但` (E4 BD 86) read as cp932 loses its 86, which makes no pair
        // with the E6 of `服` after it; after `，` the model had only how
        // common each candidate is, and none was clearly ahead (U+FFFD).
        let clean = "价格不贵，但服务很差。\n";
        let damaged = as_cp932(clean);
        assert_eq!(repair_whole(&damaged), clean);
        // The news seldom starts a clause with `个` or `问`, and web text
        // does: they are not made dearer there. Python 3.11's `gbk` output,
        // where `个` and `问` each lost their last byte.
        for (damaged, clean) in [
            (
                "杩欐湰涔﹀緢濂斤紝涓\u{FFFD}浜鸿\u{FFFD}夊緱鍊煎緱涓\u{FFFD}璇汇\u{FFFD}\u{FFFD}",
                "这本书很好，个人觉得值得一读。",
            ),
            ("鎴块棿涓\u{FFFD}鑸\u{FFFD},闂\u{FFFD}鍓嶅彴鑳藉惁鎹㈡埧銆\u{FFFD}", "房间一般,问前台能否换房。"),
        ] {
            assert_eq!(repair_whole(damaged), clean);
        }
    }

    #[test]
    fn a_mark_lost_between_two_spaces_is_a_colon() {
        // `：` (EF BC 9A) read as GBK loses its 9A before the space.
        let clean = "宾馆反馈 2008年7月7日 ： 首先感谢您入住本酒店。\n";
        let (damaged, _) = encoding_rs::GBK.decode_without_bom_handling(clean.as_bytes());
        assert!(damaged.contains("\u{FFFD} "), "{damaged}");
        assert_eq!(repair_whole(&damaged), clean);
    }

    #[test]
    fn a_mark_lost_between_the_hours_and_minutes_is_a_colon() {
        // `：` (EF BC 9A) read as GBK loses its 9A before the digit.
        let clean = "我们下午15：30到达酒店，晚上9：05出发，共3，4个人。\n";
        let (damaged, _) = encoding_rs::GBK.decode_without_bom_handling(clean.as_bytes());
        // `3，4` is no time: that mark stays lost.
        assert_eq!(repair_whole(&damaged), clean.replace("3，4", "3\u{FFFD}4"));
    }

    /// Our own Japanese news sentences.
    const JAPANESE: [&str; 2] = [
        "市立図書館は来月から、平日の開館時間を午後九時まで延長すると発表した。仕事帰りの利用者が増えていることが理由だという。館長は「夜でも気軽に立ち寄ってほしい」と話している。",
        "週末の花火大会には、約三万人の見物客が訪れる見込みだ。主催者は混雑を避けるため、公共交通機関の利用を呼びかけている。会場周辺では午後５時から交通規制が行われる。",
    ];

    #[test]
    fn utf8_read_as_shift_jis_is_repaired_but_for_the_bytes_it_lost() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut samples: Vec<String> = JAPANESE.iter().map(|s| s.to_string()).collect();
        for dir in ["data/clean", "benches/repair-clean-zh"] {
            for path in walkdir_files(&root.join(dir)) {
                samples.extend(crate::decode(&std::fs::read(&path).unwrap_or_default(), None, 1.0).map(|d| d.text));
            }
        }
        // Characters of the clean texts, of them found again in order, and
        // half-width katakana left over (mojibake not repaired).
        let (mut chars, mut found, mut katakana) = (0, 0, 0);
        let (mut whatwg_chars, mut whatwg_found) = (0, 0);
        for clean in samples.iter().filter(|s| s.chars().any(crate::gbk::is_han)) {
            // The Encoding Standard's decoder (browsers, encoding_rs) drops
            // both bytes of a pair that maps to nothing: the character after
            // such a lead is lost too, and the text around it may stay.
            let (whatwg, _, _) = encoding_rs::SHIFT_JIS.decode(clean.as_bytes());
            let out =
                crate::repair_text(whatwg.into_owned(), &crate::RepairOptions::default(), &mut RepairLog::default());
            let (c, o): (Vec<char>, Vec<char>) = (clean.chars().collect(), out.chars().collect());
            whatwg_chars += c.len();
            whatwg_found += common_subsequence(&c, &o);
            let damaged = as_cp932(clean);
            assert!(damaged.contains('ｰ') || damaged.contains('ｼ') || damaged.contains('ｮ'), "{damaged}");
            let mut log = RepairLog::default();
            let out = crate::repair_text(damaged.clone(), &crate::RepairOptions::default(), &mut log);
            assert!(log.count(RepairKind::MojibakeUtf8AsShiftJis) > 0);
            let (clean, out): (Vec<char>, Vec<char>) = (clean.chars().collect(), out.chars().collect());
            chars += clean.len();
            found += common_subsequence(&clean, &out);
            katakana += out.iter().filter(|&&c| is_half_width_katakana(c)).count();
        }
        // A lost byte is U+FFFD, or a guess, which may be wrong (`实` for `宅`
        // after `老`); where two bytes of a character were lost, the rest of
        // the stretch may stay mojibake.
        eprintln!("{found} of {chars} characters back, {katakana} half-width katakana left");
        eprintln!("read by the Encoding Standard's decoder: {whatwg_found} of {whatwg_chars} back");
        assert!(whatwg_found * 100 >= whatwg_chars * 85, "{whatwg_found} of {whatwg_chars} back");
        assert!(found * 100 >= chars * 97, "{found} of {chars} characters back");
        assert!(katakana * 200 <= chars, "{katakana} half-width katakana left");
    }

    #[test]
    fn latin_text_read_as_shift_jis_gets_its_accents_back() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let clean = std::fs::read_to_string(root.join("benches/repair-clean/fr-01.txt")).unwrap_or_default();
        let damaged = as_cp932(&clean);
        assert!(damaged.contains("fﾃｪte"), "{damaged}");
        let out = crate::repair_text(damaged, &crate::RepairOptions::default(), &mut RepairLog::default());
        let (c, o): (Vec<char>, Vec<char>) = (clean.chars().collect(), out.chars().collect());
        assert!(common_subsequence(&c, &o) * 100 >= c.len() * 99, "{out}");
    }

    /// The length of the longest common subsequence of `a` and `b`.
    fn common_subsequence(a: &[char], b: &[char]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diagonal = 0;
            for (j, &y) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn utf8_read_as_cp1252_is_repaired() {
        let (out, log) = repair("cafÃ© and ä¸\u{ad}æ–‡");
        assert_eq!(out, "café and 中文");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsCp1252), 1);
    }

    #[test]
    fn double_and_triple_layers_are_peeled() {
        for clean in ["青稞科技发布，“禾芯E3”。", "Ce café coûte 3 €, déjà payé.", "naïve — “quoted”"]
        {
            let twice = as_cp1252(&as_cp1252(clean));
            assert_eq!(repair(&twice).0, clean);
            let thrice = as_cp1252(&twice);
            assert_eq!(repair(&thrice).0, clean);
        }
    }

    #[test]
    fn undefined_cp1252_bytes_as_c1_controls_or_replacement_characters() {
        // 青 = E9 9D 92: 0x9D is undefined in cp1252.
        let c1 = as_cp1252("青山");
        assert!(c1.contains('\u{9D}'));
        assert_eq!(repair(&c1).0, "青山");
        let strict = c1.replace('\u{9D}', "\u{FFFD}");
        assert_eq!(repair(&strict).0, "青山");
        // Outside Han text the lost byte is not guessed: E2 80 9D is `”`, but
        // E2 94 90 (`┐`) read the same way must not become `┒`.
        assert_eq!(repair("â€œlossy decodingâ€\u{FFFD}").0, "“lossy decoding\u{FFFD}");
        let face = "Ã¢â€\u{FFFD}â€™(Ã¢Å’Â£Ã‹â€ºÃ¢Å’Â£)Ã¢â€\u{FFFD}Å½";
        assert_eq!(repair(face).0, "\u{FFFD}(⌣˛⌣)\u{FFFD}");
    }

    #[test]
    fn a_grave_read_as_cp1251_with_its_no_break_space_lost() {
        let damaged = "La rГ©gion de Dnepropetrovsk se trouve Г lвЂ™ouest de lвЂ™Ukraine";
        let (out, log) = repair(damaged);
        assert_eq!(out, "La région de Dnepropetrovsk se trouve à l’ouest de l’Ukraine");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsCp1251), 4);
        // Before or after Cyrillic, inside a word, or without other cp1251 damage, `Г` stays.
        let (out, _) = repair(&format!("{damaged}, Г Москва, ГГ le, Приложение Г f"));
        assert!(out.ends_with("l’Ukraine, Г Москва, ГГ le, Приложение Г f"), "{out}");
        for clean in ["Г l Г m", "Г. Москва и Г н"] {
            assert_eq!(repair(clean).0, clean);
        }
    }

    #[test]
    fn a_hopeless_garble_is_left_alone() {
        // ftfy's own case: lowercased layers of mojibake; fixing the few
        // sequences that still decode would only make it differently wrong.
        let garble = "ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’ã‚â¢ãƒâ¢ã¢â‚¬å¡ã‚â¬ãƒâ€šã‚â";
        assert_eq!(repair(garble).0, garble);
        // One unrepairable pair beside repaired ones does not stop them.
        assert_eq!(repair("cafÃ© and Ã¼ber, ã† once").0, "café and über, ã† once");
        // Nor do letter pairs of Czech, or letters before closing punctuation.
        let czech = "Říkáš, že náš dům je též váš a spíš náš. Řekl: â€žAhoj.â€œ";
        assert_eq!(repair(czech).0, "Říkáš, že náš dům je též váš a spíš náš. Řekl: „Ahoj.“");
        let french = "« là… », « été” », « déjà… », « voilà… », au cafÃ©.";
        assert_eq!(repair(french).0, "« là… », « été” », « déjà… », « voilà… », au café.");
    }

    #[test]
    fn a_greek_letter_inside_a_latin_word_is_repaired() {
        assert_eq!(repair("HLA-DR4.RagKO.IL2RÎ³cKO.NOD mice").0, "HLA-DR4.RagKO.IL2RγcKO.NOD mice");
        for clean in ["TNFα and IFNγ levels", "β-catenin", "ÎLE DE FRANCE", "Привет, мир"] {
            assert_eq!(repair(clean).0, clean);
        }
    }

    #[test]
    fn sloppy_cp1250_among_cp1252_with_a_no_break_space_turned_plain() {
        let damaged = "It was namedÂ â€žscarsÂ´ stonesâ€ś after the rock-climbers";
        assert_eq!(repair(damaged).0, "It was named\u{A0}„scars´ stones“ after the rock-climbers");
        // Without other damage, `Â ` after a word and `€` by digits stay.
        for clean in ["namedÂ here", "costs 5€ or €5, not 5 €", "Â la carte"] {
            assert_eq!(repair(clean).0, clean);
        }
    }

    #[test]
    fn partially_damaged_text_keeps_its_clean_parts() {
        let damaged = format!("Clean: déjà vu, 中文。 Damaged: {} End.", as_cp1252("café 中文"));
        assert_eq!(repair(&damaged).0, "Clean: déjà vu, 中文。 Damaged: café 中文 End.");
    }

    #[test]
    fn utf8_read_as_gbk_is_repaired() {
        let (gbk_read, _) = encoding_rs::GBK.decode_without_bom_handling("发布会上，我们看到了".as_bytes());
        let (out, log) = repair(&format!("正文：{gbk_read}"));
        assert_eq!(out, "正文：发布会上，我们看到了");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsGbk), 1);
    }

    /// A private-use character the original held (typed with a custom
    /// input method) ends the stretches around it: before, the whole
    /// document was one stretch of valid UTF-8, declined whole.
    #[test]
    fn a_private_use_character_does_not_hold_back_the_rest() {
        let first = "这本书我很喜欢，内容也很实用，给孩子买的，孩子每天都要看一会儿。";
        let third = "酒店的环境好，交通也方便，服务人员的态度更是一流，下次还会再来。";
        for odd in ["\u{E5E5}\u{E5E5}", "\u{E000}"] {
            let original =
                format!("{first}\n\n这是何等美妙的人生境界。{odd}时光匆匆，我们已经回不到过去。\n\n{third}\n");
            let (damaged, _) = encoding_rs::GBK.decode_without_bom_handling(original.as_bytes());
            let (out, log) = repair(&damaged);
            let paragraphs: Vec<&str> = out.split("\n\n").collect();
            assert_eq!(paragraphs.first(), Some(&first), "{odd:?}");
            assert_eq!(paragraphs.get(2), Some(&format!("{third}\n").as_str()), "{odd:?}");
            // The paragraph itself up to the character whose GBK pair
            // straddles into the private-use one, and after it.
            let second = paragraphs.get(1).copied().unwrap_or_default();
            assert!(
                second.starts_with("这是何等美妙的人生境") && second.ends_with("光匆匆，我们已经回不到过去。"),
                "{second}"
            );
            assert_eq!(log.count(RepairKind::MojibakeUtf8AsGbk), 2, "{odd:?}");
        }
    }

    /// Wherever the GBK search may find something, the GBK gate is open:
    /// the two count the same characters (C0 controls, which a later stage
    /// removes, count for neither).
    #[test]
    fn the_gbk_gate_opens_wherever_the_gbk_search_may_find_something() {
        let pieces = [
            "鈥", "檚", "胁", "薪邪", "懈", "茅", "caf", "中文", "的", " ", "\u{1}", "\u{1B}", "\u{FFFD}", "?", "a",
            "\n",
        ];
        let mut searched = 0;
        for text in crate::mixes::text_mixes(&pieces, 20_000, 30, 0x5EED_0F6B_4B00_0001) {
            if may_hold_utf8_as_gbk(&text) {
                searched += 1;
                assert!(crate::clean::gates(&text).any(Gates::GBK), "{text:?}");
            }
        }
        assert!(searched > 1000, "only {searched} texts searched");
    }

    /// English punctuation and whole texts of another script, read as GBK
    /// without a byte lost: before, only text mostly not Han with a letter
    /// of two-byte UTF-8 (`caf茅`) was looked at.
    #[test]
    fn english_quotes_and_cyrillic_or_greek_read_as_gbk_are_repaired() {
        let gbk_read = |text: &str| encoding_rs::GBK.decode_without_bom_handling(text.as_bytes()).0.into_owned();
        for text in [
            "It’s the council’s decision.",
            "Don’t miss it",
            "Средняя суточная калорийность 1694 Ккал.",
            "Привет, как дела? Это тест.",
            "Ελληνικά κείμενα εδώ είναι",
        ] {
            let damaged = gbk_read(text);
            assert_ne!(damaged, text);
            let (out, log) = repair(&damaged);
            assert_eq!(out, text);
            assert_eq!(log.count(RepairKind::MojibakeUtf8AsGbk), 1, "{text}");
        }
        // A few such characters in a row are no case (`褌褎褐` spells `тф`
        // and a Han character): fewer than eight of them stay as they are.
        for clean in ["褌褎褐", "融螐螒", "脥脧脩", "胁薪邪懈薪械"] {
            assert_eq!(repair(clean).0, clean);
        }
    }

    /// The same as Shift_JIS reads them: `窶冱` for `’s` (no half-width
    /// katakana at all), German with a dash that lost a byte (`窶�`), and
    /// Russian as katakana pairs.
    #[test]
    fn english_german_and_russian_read_as_shift_jis_are_repaired() {
        let sjis_read = |text: &str| encoding_rs::SHIFT_JIS.decode_without_bom_handling(text.as_bytes()).0.into_owned();
        for (text, repaired) in [
            ("It’s the council’s decision.", "It’s the council’s decision."),
            ("Größere Übersicht für Ärzte – heute", "Größere Übersicht für Ärzte \u{FFFD} heute"),
        ] {
            let damaged = sjis_read(text);
            assert_ne!(damaged, text);
            let (out, log) = repair(&damaged);
            assert_eq!(out, repaired, "{damaged}");
            assert!(log.count(RepairKind::MojibakeUtf8AsShiftJis) > 0, "{text}");
        }
        // Russian as Python's cp932 reads it (errors="replace"): a pair
        // cp932 lacks lost a byte, which stays U+FFFD.
        let damaged = "ﾐ湲\u{80}ﾐｸﾐｲﾐｵﾑ\u{FFFD}, ﾐｺﾐｰﾐｺ ﾐｴﾐｵﾐｻﾐｰ? ﾐｭﾑひｾ ﾑひｵﾑ\u{FFFD}ﾑ\u{FFFD} ﾐｴﾐｻﾑ\u{FFFD} ﾐｿﾑ\u{80}ﾐｾﾐｲﾐｵﾑ\u{80}ﾐｺﾐｸ.";
        let (out, log) = repair(damaged);
        assert_eq!(out, "Приве\u{FFFD}, как дела? Это те\u{FFFD}\u{FFFD} дл\u{FFFD} проверки.");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsShiftJis), 1);
        // Half-width katakana alone spell Cyrillic and Greek letters, and
        // stay as they are.
        for clean in ["ｶﾜｲｲ! ﾓｴﾓｴ ﾒｲﾒｲ ﾐｷﾐｷ ﾑｶﾑｶ ｷｭﾝ", "ﾒｲﾒｲ ﾐｷﾐｷ ﾓｴﾓｴ ﾐｽﾐｽ", "ﾏｲﾏｲﾏｲﾏｲﾏｲﾏｲﾏｲﾏｲ", "ﾎｱﾎｲﾎｳﾎｴﾎｵﾎｶﾎｷﾎｸ"]
        {
            assert_eq!(repair(clean).0, clean);
        }
        // Japanese with the rare `窶` (to grow haggard) stays as it is. So,
        // still, does a lone `Don窶冲`: `冲` is a common character, and one
        // mark is too little to read it as `’t` (`鈥檛` read as GBK is).
        for clean in ["窶れた顔で帰ってきた。", "ﾐｸﾐｲ ﾃｽﾄ", "Don窶冲 miss it"] {
            assert_eq!(repair(clean).0, clean);
        }
    }

    #[test]
    fn a_lost_final_byte_is_recovered_or_marked() {
        // 中 = E4 B8 AD; "中2" read as GBK gives 涓 + U+FFFD (AD cannot pair with '2') + 2.
        // Many common characters start E4 B8 and stand before a number, so
        // after a comma the lost byte stays lost. (After `上` it is `下`:
        // `上下` and `下` before a number both read well.)
        let (out, _) = repair("鍙戝竷浼氾紝涓\u{FFFD}2");
        assert_eq!(out, "发布会，\u{FFFD}2");
        // 的 = E7 9A 84: 鐨 + U+FFFD; only one common character fits E7 9A ??.
        let (out, log) = repair("鍙戝竷浼氱殑\u{FFFD}?");
        assert!(out.starts_with("发布会"), "{out}");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsGbk), 1);
    }

    /// UTF-8 read by Python's `gbk` codec with `errors="replace"` (what
    /// `requests` does with a page labelled GBK): a continuation byte it
    /// refuses as a lead before the next byte became one U+FFFD, and it read
    /// on from that next byte. The strings are Python 3.11's output.
    #[test]
    fn utf8_read_by_a_gbk_codec_without_user_defined_areas_is_repaired() {
        // 修 = E4 BF AE: AE E5 is user-defined; the final 82 of `。` has no partner.
        let (out, log) = repair("鏉戞皯娌跨潃灏忔邯淇\u{FFFD}寤轰簡鏂扮殑姘存笭銆\u{FFFD}");
        assert_eq!(out, "村民沿着小溪修建了新的水渠。");
        assert!(log.count(RepairKind::MojibakeUtf8AsGbk) > 0);
        // 本 = E6 9C AC: AC E6 is user-defined (GB18030 reads U+E15F there).
        let (out, _) = repair("鏈\u{FFFD}鎶ヤ腑鏂囨姤閬撳紩璧蜂簡骞挎硾鍏虫敞銆\u{FFFD}");
        assert_eq!(out, "本报中文报道引起了广泛关注。");
    }

    /// A place right after one left lost is judged after each of that one's
    /// candidates, not after nothing: then the commonest character won.
    /// Python 3.11's `gbk` output, as above.
    #[test]
    fn a_lost_character_after_one_left_lost_is_read_after_its_candidates() {
        // `可` (E5 8F AF) and `只` (AF for AA) both read well before `在`,
        // which lost its A8 before `3`: `在` follows either.
        let (out, _) = repair("闃熷憳澶氫负鏈\u{FFFD}鏉戦潚澹\u{FFFD}骞达紝鎺ヨ\u{FFFD}﹀悗鍙\u{FFFD}鍦\u{FFFD}3鍒嗛挓鍐呭埌杈俱\u{FFFD}\u{FFFD}");
        assert_eq!(out, "队员多为本村青壮年，接警后\u{FFFD}在3分钟内到达。");
        // `六` or `八` before `个` (AA) or `一` (80): `八一` reads well too,
        // so neither is chosen (`一` was, by itself the commonest).
        let (out, _) = repair("姘翠笂宸村＋涓茶仈鑰佸煄鍏\u{FFFD}涓\u{FFFD}鐮佸ご銆\u{FFFD}");
        assert_eq!(out, "水上巴士串联老城\u{FFFD}\u{FFFD}码头。");
    }

    /// Two clean characters whose GBK bytes happen to be one UTF-8 character
    /// (`電確` is `EB 89 B4 5F`, `늴_`), found by the katakana proptest: one
    /// repaired character is too little evidence in any script.
    #[test]
    fn one_character_that_clean_text_happens_to_spell_is_left_alone() {
        let (out, log) = repair("電確A払電会");
        assert_eq!(out, "電確A払電会");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsGbk), 0);
        // Two are a repair (`发布` read as GBK).
        assert_eq!(repair("鍙戝竷").0, "发布");
    }

    /// What the property tests found clean CJK and Latin text spelling by
    /// chance when its bytes are read again, each left alone by its own rule,
    /// while the real mojibake of the same scripts is still repaired.
    #[test]
    fn chance_spellings_in_clean_text_are_left_alone() {
        for clean in [
            // GBK bytes of two scripts' letters (`話電確` is `Ԓ늴_`).
            "電会話電確a払",
            // A Hebrew accent on an ASCII letter (`支` is D6 A7, U+05A7).
            "払A支aA支A電",
            // A kanji's second byte that is `\` (`ﾃ表` is `Õ\`).
            "ﾃ表a語aﾃ表",
            // A Latin reading of katakana beside kanji that stay (`ﾃ認` is `ÔF`).
            "ﾃ認A番料aﾂ｡",
            // Rare Greek, Cyrillic letters (`Ô…` is `ԅ`, `Í»` is `ͻ`, `Ñ»` is `ѻ`).
            "«AÃ». Ô… ",
            "«Í», Î… ",
            "«Ñ». Ó… ",
            "Óš ",
        ] {
            let (out, log) = repair(clean);
            assert_eq!(out, clean);
            assert!(log.is_empty(), "{clean}: {log:?}");
        }
        for (damaged, clean) in [
            ("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€", "Привет, мир"),
            ("Î‘Î¸Î®Î½Î± ÎºÎ±Î¹ Î£Ï€Î¬Ï\u{81}Ï„Î·", "Αθήνα και Σπάρτη"),
            ("cafﾃｩ au lait, crﾃｨme brﾃｻlﾃｩe", "café au lait, crème brûlée"),
            ("鏂伴椈鍙戝竷", "新闻发布"),
            ("ÒšÐ°Ð·Ð°Ò›Ñ\u{81}Ñ‚Ð°Ð½ Ð\u{A0}ÐµÑ\u{81}Ð¿ÑƒÐ±Ð»Ð¸ÐºÐ°Ñ\u{81}Ñ‹", "Қазақстан Республикасы"),
        ] {
            assert_eq!(repair(damaged).0, clean, "{damaged}");
        }
    }

    /// A paragraph's indent of two ideographic spaces (E3 80 80 twice) read
    /// lossily as GBK leaves `銆�銆�`: each lost 0x80 is the space, not one
    /// of the rare characters (`〪`, E3 80 AA) whose last bytes a GBK decoder
    /// would refuse there too.
    #[test]
    fn an_indent_read_lossily_as_gbk_comes_back() {
        let (out, _) = repair("銆�銆�鏈夊叧璐熻矗浜鸿〃绀猴紝缁忔祹淇濇寔骞崇ǔ澧為暱銆�\n");
        assert_eq!(out, "　　有关负责人表示，经济保持平稳增长。\n");
    }

    /// Two bytes in a row refused by Python's `gbk` inside one character:
    /// `。` (E3 80 82) after a character that closed its pair with E3 loses
    /// 80 and 82 before a newline, and `第` (E7 AC AC) loses both ACs, each
    /// a lead of GBK's user-defined areas there. The first was refused
    /// before the second, which leaves few candidates.
    #[test]
    fn two_bytes_lost_in_a_row_inside_one_character_come_back() {
        let (out, _) = repair("浠栧\u{FFFD}戝湪鏈\u{FFFD}宄堕亷澶溿\u{FFFD}\u{FFFD}\n浠栬\u{FFFD}\u{FFFD}锛氣\u{FFFD}滃ソ鐨勨\u{FFFD}濄\u{FFFD}\u{FFFD}\n");
        assert_eq!(out, "他們在本島過夜。\n他說：“好的”。\n");
        let (out, _) = repair("浠栧\u{FFFD}戝湪涓嬪崍绗\u{FFFD}涓\u{FFFD}娆¤\u{FFFD}嬮潰銆\u{FFFD}\n");
        assert_eq!(out, "他們在下午第一次見面。\n");
    }

    /// Two characters side by side that each lost a byte (`设备`, `一个`,
    /// `们在`): each alone ties among several candidates, and the pair's
    /// own bigram is what tells them, so the two are chosen together.
    #[test]
    fn two_characters_side_by_side_that_lost_a_byte_each_are_chosen_together() {
        let (out, _) = repair("鍒氬紑濮嬫媴蹇冪敤鏂拌\u{FFFD}惧\u{FFFD}囬夯鐑︼紝鐢ㄤ簡涓\u{FFFD}涓\u{FFFD}鏈堝悗瑙夊緱鎸烘柟渚裤\u{FFFD}\u{FFFD}\n");
        assert_eq!(out, "刚开始担心用新设备麻烦，用了一个月后觉得挺方便。\n");
        let (out, _) =
            repair("鍗堜紤閾冨搷鍚庯紝瀛︾敓浠\u{FFFD}鍦\u{FFFD}5鍒嗛挓鍐呭氨鎶婂崍浼戝簥灞曞紑閾哄ソ銆\u{FFFD}\n");
        assert_eq!(out, "午休铃响后，学生们在5分钟内就把午休床展开铺好。\n");
    }

    /// `长` (E9 95 BF) lost its last byte before a digit, where GB18030 reads
    /// `BF 36` as the start of a four-byte sequence: `增长` and `增長` are
    /// equally common to the model, and the text's own script decides.
    #[test]
    fn a_tie_between_two_scripts_forms_goes_to_the_texts_script() {
        let out = repair_whole("浠婂勾涓\u{FFFD}瀛ｅ害鍏ㄧ渷鍦板尯鐢熶骇鎬诲\u{FFFD}煎悓姣斿\u{E583}闀\u{FFFD}6.2%锛屾瘮鍘诲勾鍚屾湡鎻愰珮0.5涓\u{E046}櫨鍒嗙偣銆\u{FFFD}\n");
        assert_eq!(out, "今年一季度全省地区生产总值同比增长6.2%，比去年同期提高0.5个百分点。\n");
        let out = repair_whole("浠婂勾涓\u{FFFD}瀛ｅ害鍏ㄧ渷鍦板崁鐢熺敘绺藉\u{FFFD}煎悓姣斿\u{E583}闀\u{FFFD}6.2%锛屾瘮鍘诲勾鍚屾湡鎻愰珮0.5鍊嬬櫨鍒嗛粸銆\u{FFFD}\n");
        assert_eq!(out, "今年一季度全省地區生產總值同比增長6.2%，比去年同期提高0.5個百分點。\n");
    }

    /// Found by review: Japanese kanji are simplified in some characters and
    /// traditional-looking in others, so beside kana no script is taken for
    /// the text (`学` stays, where the traditional `實` was picked); and after
    /// a number the classifier rule still decides a pair (`31个路口`, not the
    /// `一路` the model prefers).
    #[test]
    fn the_script_and_pair_rules_leave_japanese_and_classifiers_alone() {
        let out = repair_whole(
            "鏉变含銇\u{FFFD}澶у\u{FFFD}︺仹銇\u{FFFD}銆佸\u{FFFD}︾敓銇屾檪闁撱倰闀枫亸浣裤亞銆\u{FFFD}\n",
        );
        assert!(out.contains("大学") && out.contains("学生"), "{out}");
        let out = repair_whole("骞村唴灏嗗湪31涓\u{FFFD}璺\u{FFFD}鍙ｅ疄鏂界豢娉㈠崗璋冦\u{FFFD}\u{FFFD}\n");
        assert_eq!(out, "年内将在31个路口实施绿波协调。\n");
    }

    /// A full-width bracket that lost its last byte before a digit (`（` is EF
    /// BC 88, `，` EF BC 8C): the closing bracket after it calls for it,
    /// where the model alone would take the commoner comma.
    #[test]
    fn a_lost_opening_bracket_is_read_from_its_closing_one() {
        let (out, _) = repair("鍦ㄥ煄鍗楀疄楠屽皬瀛﹀洓骞寸骇锛\u{FFFD}2锛夌彮锛岃\u{FFFD}拌\u{FFFD}呯湅鍒帮紝\n");
        assert!(out.starts_with("在城南实验小学四年级（2）班，"), "{out}");
    }

    /// Both brackets of `（30）` lost a byte (read as cp932): the opening one
    /// is judged with the closing one as the model chose it.
    #[test]
    fn brackets_that_both_lost_a_byte_are_paired() {
        let (out, _) = repair("豬ｷ蝮ｪ邵｣謾ｿ蠎應ｻ奇ｼ\u{FFFD}30\u{FFFD}ｼ画律螳｣蟶\u{FFFD}\u{FFFD}ｼ梧ｵｷ荳願穐郤ｿ蟆\u{FFFD}蟒ｶ蜷弱\u{80}\u{FFFD}\n");
        assert!(out.starts_with("海坪縣政府今（30）日宣布，"), "{out}");
    }

    /// A short text read lossily as GBK whose lost bytes no candidate fills
    /// clearly: the U+FFFD it keeps do not count against the repair.
    #[test]
    fn a_short_text_that_keeps_its_lost_bytes_is_repaired() {
        // `里` lost its last byte at the very end, where nothing follows to
        // tell it from the other characters of E9 87.
        let (out, log) = repair("浠栦滑鍦ㄧ爺绌舵墍閲\u{FFFD}");
        assert_eq!(out, "他们在研究所\u{FFFD}");
        assert!(log.count(RepairKind::MojibakeUtf8AsGbk) > 0);
        // After a number the measure word tells `年` from the rest of E5 B9.
        assert_eq!(repair("鍏\u{FFFD}鍙告垚绔嬩簬2013骞\u{FFFD}").0, "公司成立于2013年");
    }

    /// A text with GBK's user-defined characters was read by a decoder that
    /// has them (GB18030, WHATWG's GBK): its U+FFFD not before an ASCII byte
    /// is a lone 0x80 (退 = E9 80 80: `閫` is E9 80, and 0x80 cannot lead).
    #[test]
    fn utf8_read_as_gb18030_with_a_lone_0x80_is_repaired() {
        let (out, _) = repair("涓撳\u{E18D}璁や负閫\u{FFFD}浼戝勾榫勫皢閫愭\u{E11E}鎻愰珮銆\u{FFFD}");
        assert_eq!(out, "专家认为退休年龄将逐步提高。");
    }

    #[test]
    fn gbk_and_big5_read_as_latin1_are_repaired() {
        let (out, log) = repair("ÖÐ¹ú ¿Dªù ¡°It¡¯s¡±");
        assert_eq!(out, "中国 澳門 “It’s”");
        assert_eq!(log.count(RepairKind::MojibakeGbkAsLatin1), 2);
        assert_eq!(log.count(RepairKind::MojibakeBig5AsLatin1), 1);
    }

    #[test]
    fn gbk_and_big5_read_as_latin1_under_a_cp1252_layer_are_repaired() {
        // Read as Latin-1 once as legacy bytes and once more as UTF-8: the
        // cp1252 layer is peeled whole (the GBK bytes under it hold pairs that
        // happen to be valid UTF-8, `Ä¾` is `ľ`, which are no layer), then the
        // legacy pass reads what is left.
        let latin1 = |bytes: &[u8]| bytes.iter().map(|&b| char::from(b)).collect::<String>();
        let twice =
            |text: &str, legacy: &'static encoding_rs::Encoding| latin1(latin1(&legacy.encode(text).0).as_bytes());
        let zh = "中国发布了新的经济数据，显示今年前三季度国内生产总值同比增长。";
        let zht = "臺灣的經濟發展與產業轉型，一直是各界關注的議題。";
        let (out, log) = repair(&twice(zh, encoding_rs::GBK));
        assert_eq!(out, zh);
        assert_eq!(log.count(RepairKind::MojibakeGbkAsLatin1), 1);
        assert_eq!(repair(&twice(zht, encoding_rs::BIG5)).0, zht);
        // Inside an English sentence (the segment road, not the whole text).
        let partial = latin1(format!("Report: {} (end)", latin1(&encoding_rs::GBK.encode(zh).0)).as_bytes());
        assert_eq!(repair(&partial).0, format!("Report: {zh} (end)"));
    }

    #[test]
    fn short_segments_valid_as_utf8_are_read_as_utf8() {
        // `Â«` is also GBK 芦, and `Ð´ÐµÐ»Ð°` is also GBK 写械谢邪.
        assert_eq!(repair("Â« Ã‡a va ? Â» «ÐšÐ°Ðº Ð´ÐµÐ»Ð°?Â»").0, "« Ça va ? » «Как дела?»");
    }

    #[test]
    fn the_replacement_character_read_as_cp1252_is_restored() {
        let (out, log) = repair("in the newspaper ï¿½ email addresses");
        assert_eq!(out, "in the newspaper \u{FFFD} email addresses");
        assert_eq!(log.count(RepairKind::MojibakeUtf8AsCp1252), 1);
        // `ï` and `¿` on their own are words and punctuation.
        assert_eq!(repair("naïve ¿Qué?").0, "naïve ¿Qué?");
    }

    #[test]
    fn clean_text_is_left_alone() {
        for clean in [
            "São Paulo, NÃO, AÇÃO, Ãgua, Straße, «Fuß», „Straße“, ÄÖÜ, ESPAÑA",
            "发布会上，我们（记者）看到了“新一代”产品。",
            "こんにちは、世界。カタカナ。",
            "안녕하세요, 세계.",
            "Привет, мир! Ёлка.",
            "Emoji 😀👍🏽 and ™ © ® € £ ¥ ° ± × ÷",
            "行(xíng) 银行(háng) ?",
            "Crème brûlée à la française, naïve façade, Ærø, Øresund.",
        ] {
            let (out, log) = repair(clean);
            assert_eq!(out, clean);
            assert!(log.is_empty(), "{clean}: {log:?}");
        }
    }

    /// The general path's fixes for `text`, as the shortcut would report them.
    fn general_fixes(text: &str) -> Option<Vec<(usize, usize, String, String)>> {
        if !legacy_as_latin_fixes(text).is_empty() {
            return None;
        }
        let fixes = utf8_as_latin_fixes(text);
        if is_hopeless(text, &fixes) {
            return None;
        }
        Some(fixes.into_iter().map(|f| (f.start, f.end, f.text, f.how)).collect())
    }

    /// Checks the shortcut against the general path on `text`; true when it was taken.
    fn check_shortcut(text: &str) -> bool {
        let Some(fix) = whole_text_utf8_as_latin_fix(text) else { return false };
        let general = general_fixes(text);
        assert_eq!(
            general,
            Some(vec![(fix.start, fix.end, fix.text, fix.how)]),
            "the whole-text shortcut disagrees with the segment search on {text:?}"
        );
        true
    }

    fn variants(clean: &str) -> Vec<String> {
        let once = as_cp1252(clean);
        let twice = as_cp1252(&once);
        let cut = clean.char_indices().nth(clean.chars().count() / 2).map_or(0, |(i, _)| i);
        let half = format!("{}{}", as_cp1252(&clean[..cut]), &clean[cut..]);
        vec![clean.to_owned(), once, twice, half, format!("{} Ã© x", as_cp1252(clean))]
    }

    #[test]
    fn the_whole_text_shortcut_agrees_with_the_segment_search_on_every_sample() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts = Vec::new();
        for dir in ["data", "benches/repair-clean", "benches/repair-clean-zh", "crates/corpusmill-repair/tests"] {
            for entry in walkdir_files(&root.join(dir)) {
                if let Ok(d) = crate::decode(&std::fs::read(&entry).unwrap_or_default(), None, 1.0) {
                    texts.push(d.text);
                }
            }
        }
        assert!(texts.len() >= 20, "found only {} sample texts", texts.len());
        let (mut taken, mut checked) = (0, 0);
        for text in &texts {
            let lines: Vec<&str> = text.lines().collect();
            for clean in std::iter::once(text.as_str()).chain(lines) {
                // Clean text never takes it.
                assert!(clean.is_empty() || whole_text_utf8_as_latin_fix(clean).is_none(), "{clean:?}");
                let mut shortcut = variants(clean).iter().map(|v| check_shortcut(v)).collect::<Vec<_>>();
                // One layer of mojibake over the whole text is what it is for.
                if !clean.is_ascii() {
                    checked += 1;
                    taken += usize::from(shortcut.swap_remove(1));
                }
            }
        }
        assert!(taken * 10 >= checked * 9, "the shortcut was taken for only {taken} of {checked} texts");
    }

    fn walkdir_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else { return out };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walkdir_files(&path));
            } else {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// Shift_JIS mojibake pieces, dropped leads and ASCII in any order:
        /// the repair finishes, and only ever shortens or keeps U+FFFD runs.
        #[test]
        fn shift_jis_mojibake_in_any_order_is_repaired_without_a_panic(
            text in "[ｦ-ﾟ\u{FFFD}譁蝙縺繧莠鬮伜遏蛻€ａ a-z0-9。]{0,60}"
        ) {
            let out = crate::repair_text(text.clone(), &crate::RepairOptions::default(), &mut RepairLog::default());
            proptest::prop_assert!(out.chars().count() <= text.chars().count() + 1, "{text:?} -> {out:?}");
        }

        /// Half-width katakana, as older Japanese text writes it, mostly pairs up
        /// into valid two-byte UTF-8 when read back as Shift_JIS bytes
        /// (`ﾃｰ` is C3 B0): none of it is taken for mojibake.
        #[test]
        fn half_width_katakana_text_is_left_alone(
            text in "[ｦ-ﾝﾞﾟｰ｡｢｣､･ぁ-んの日本語入力料金支払表示確認会社電話番号住所 0-9a-zA-Z]{1,80}"
        ) {
            let out = crate::repair_text(text.clone(), &crate::RepairOptions::default(), &mut RepairLog::default());
            proptest::prop_assert_eq!(out, text);
        }

        /// The byte-stepping segment search finds the segments the character
        /// by character one did (kept here as the reference).
        #[test]
        fn legacy_segments_are_found_as_character_by_character(
            text in "(ÖÐ¹ú|ÄãºÃ|¿Dªù|Ì¨Íå|£¬|¡°|中文|😀| |\n|ab|é|€|“|\u{2122}|\u{2200}|\u{3000}|\u{800}|\u{1E00}){0,14}"
        ) {
            let mut reference = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let inside = !c.is_ascii_whitespace() && latin_byte(c).is_some();
                match (inside, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        if text[s..i].chars().filter(|c| !c.is_ascii()).count() >= 2 {
                            reference.push((s, i));
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
            let found: Vec<(usize, usize)> =
                legacy_segments(&text).into_iter().filter(|&(_, _, high)| high >= 2).map(|(s, e, _)| (s, e)).collect();
            assert_eq!(found, reference, "{text:?}");
        }

        #[test]
        fn the_lossy_sequence_screen_tries_every_place_a_rule_fires(
            text in "[a-z Ñ中ÃÂâ€¢¬™√ﬁРé?\u{FFFD}]{0,24}",
            lost_question in proptest::bool::ANY,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let fires_somewhere = (0..chars.len()).any(|i| {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let (next, next2) = (chars.get(i + 1).copied(), chars.get(i + 2).copied());
                lossy_sequence_at(prev, chars[i], next, next2, lost_question).is_some()
            });
            assert_eq!(any_lossy_sequence(&text, lost_question), fires_somewhere, "{text:?}");
        }

        #[test]
        fn first_non_ascii_finds_the_first_byte_from_0x80(bytes in proptest::collection::vec(0u8..0x90, 0..40)) {
            assert_eq!(first_non_ascii(&bytes), bytes.iter().position(|b| !b.is_ascii()));
        }

        #[test]
        fn latin_bytes_reads_the_utf8_as_latin_byte_reads_each_character(text in "[a-z \u{80}-\u{200}\u{2000}-\u{2040}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ中😀]{0,30}") {
            let expected: Option<Vec<u8>> = text.chars().map(latin_byte).collect();
            let got = latin_bytes(&text);
            assert_eq!(got.as_ref().map(|(b, _)| b), expected.as_ref(), "{text:?}");
            if let Some((bytes, bound)) = got {
                assert_eq!(bound.get(), cost_lower_bound(&bytes));
            }
        }

        #[test]
        fn the_cost_lower_bound_never_exceeds_the_cost(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            c1 in proptest::prelude::any::<bool>(),
            before in "[a-z 中é’\n]{0,8}",
            after in "[a-z 中é’\n]{0,8}",
        ) {
            // Either reading of the undefined and C1 bytes: cp1252's or Latin-1's.
            let text: String = if c1 {
                bytes.iter().map(|&b| char::from(b)).collect()
            } else {
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0.into_owned()
            };
            let bound = cost_lower_bound(&bytes);
            assert!(bound <= text_cost(&text), "{text:?}");
            assert!(bound <= text_cost(&format!("{before}{text}{after}")), "{text:?}");
        }

        #[test]
        fn the_whole_text_shortcut_agrees_with_the_segment_search_on_random_mojibake(
            clean in "[a-zA-Z0-9 .,?\n中文发布éàüñÅøœ“”‘’–—…€™©«»\u{A0}αЖ😀]{0,40}",
            noise in "[a-z ÃÂâ€ƒ©®¤¦\u{A0}\u{81}\u{90}]{0,4}",
            at in 0usize..60,
        ) {
            for v in variants(&clean) {
                check_shortcut(&v);
                let cut = v.char_indices().nth(at % (v.chars().count() + 1)).map_or(v.len(), |(i, _)| i);
                check_shortcut(&format!("{}{noise}{}", &v[..cut], &v[cut..]));
            }
        }
    }
}
