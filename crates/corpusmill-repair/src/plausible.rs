//! How plausible a stretch of text is as something a person wrote.
//!
//! Mojibake repair never trusts a decoding just because it is valid: it keeps
//! a re-decoded segment only when it costs clearly less than the text it
//! replaces. Costs are per character (rare scripts, symbols, controls and
//! private-use code points are expensive; common letters, common Han
//! characters and punctuation are free) plus a few pair patterns that are
//! the fingerprints of mojibake (`Ã©`, `â€`) or of a wrong decoding (a lone
//! Han character glued between Latin letters).

use crate::gbk::{in_big5_level1, in_gb2312_level1, is_han};
use crate::latin::is_utf8_lead_char;

/// Cost of a character that should never appear in article text.
const FORBIDDEN: u32 = 10;
/// Extra cost of a mojibake fingerprint pair: a character whose cp1252 byte
/// leads a UTF-8 sequence, followed by one whose byte continues it.
const MOJIBAKE_PAIR: u32 = 3;
/// Extra cost of a letter of one script glued to letters of another (`Aѓ`, `a鍙b`).
const SCRIPT_CLASH: u32 = 4;
/// Extra cost of a lone Han character glued to one Latin word.
const LONE_HAN: u32 = 3;

/// The facts about one character that [`text_cost`] asks for, packed: bits
/// 0..=3 the cost, 4..=6 the script (0 none), 7 a UTF-8 lead as cp1252, 8 a
/// continuation as cp1252, 9 Han, 10 alphanumeric. Tabulated for the BMP: judging mojibake
/// asks for every character of every candidate, and the Unicode lookups
/// behind the answers cost more than the judging.
#[derive(Clone, Copy)]
struct Facts(u16);

impl Facts {
    fn of(c: char) -> Facts {
        let script = match script_uncached(c) {
            None => 0,
            Some(Script::Latin) => 1,
            Some(Script::GreekCyrillic) => 2,
            Some(Script::Han) => 3,
            Some(Script::Other) => 4,
        };
        let cost = char_cost_uncached(c).min(15) as u16;
        let bit = |yes: bool, n: u16| u16::from(yes) << n;
        Facts(
            cost | script << 4
                | bit(is_utf8_lead_char(c), 7)
                | bit(is_continuation_char(c), 8)
                | bit(is_han(c), 9)
                | bit(is_letter_block(c) || c.is_alphanumeric(), 10),
        )
    }

    fn alphanumeric(self) -> bool {
        self.0 & (1 << 10) != 0
    }

    fn cost(self) -> u32 {
        u32::from(self.0 & 0xF)
    }

    fn script(self) -> Option<Script> {
        match (self.0 >> 4) & 0x7 {
            1 => Some(Script::Latin),
            2 => Some(Script::GreekCyrillic),
            3 => Some(Script::Han),
            4 => Some(Script::Other),
            _ => None,
        }
    }

    fn utf8_lead(self) -> bool {
        self.0 & (1 << 7) != 0
    }

    fn continuation(self) -> bool {
        self.0 & (1 << 8) != 0
    }

    fn han(self) -> bool {
        self.0 & (1 << 9) != 0
    }
}

fn facts(c: char) -> Facts {
    static TABLE: std::sync::OnceLock<Vec<Facts>> = std::sync::OnceLock::new();
    let table =
        TABLE.get_or_init(|| (0..0x10000u32).map(|cp| char::from_u32(cp).map_or(Facts(0), Facts::of)).collect());
    table.get(c as usize).copied().unwrap_or_else(|| Facts::of(c))
}

/// Whether `text` holds a character whose cp1252 byte leads a UTF-8 sequence
/// followed by one whose byte continues it (or U+FFFD, for an undefined
/// cp1252 byte): without such a pair no stretch of UTF-8 read as cp1252 can
/// be decoded back, so the search for one is skipped.
pub(crate) fn has_utf8_lead_pair(text: &str) -> bool {
    // The characters whose byte leads UTF-8 (U+00C2..=U+00F4) all start with
    // 0xC3, a byte that starts a character: only those places are looked at.
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|at| {
        let mut chars = text.get(at..).unwrap_or_default().chars();
        let (Some(c), Some(next)) = (chars.next(), chars.next()) else { return false };
        facts(c).utf8_lead() && (facts(next).continuation() || next == '\u{FFFD}')
    })
}

/// Whether `a` then `b` is such a pair.
pub(crate) fn is_utf8_lead_pair(a: char, b: char) -> bool {
    facts(a).utf8_lead() && (facts(b).continuation() || b == '\u{FFFD}')
}

/// How implausible `c` is in running text of any language.
pub(crate) fn char_cost(c: char) -> u32 {
    facts(c).cost()
}

fn char_cost_uncached(c: char) -> u32 {
    let cp = c as u32;
    match cp {
        0x09 | 0x0A | 0x0D | 0x20..=0x7E => 0,
        0x00..=0x1F | 0x7F..=0x9F => FORBIDDEN,
        0xA0 => 1,
        0xC0..=0xFF if c != '×' && c != '÷' => 0,
        0xA1..=0xFF if matches!(c, '«' | '»' | '°' | '·' | '¡' | '¿') => 1,
        0xA1..=0xFF => 2,
        0x0100..=0x017F => 1,
        0x0180..=0x024F => 2,
        // The apostrophes of Ukrainian (`пʼять`) and Hawaiian (`ʻokina`).
        0x02BB | 0x02BC => 1,
        0x0250..=0x02FF => 4,
        0x0300..=0x036F => 3,
        // Greek's archaic letters and lone tonos marks, and its symbols and
        // Coptic after the alphabet: rare in Greek text, and what Latin text
        // read as cp1252 spells by chance (`Í»` is `ͻ`, `Î…` is `΅`).
        0x0370..=0x0385 | 0x0387 => 4,
        0x03CF..=0x03FF => 3,
        0x0386..=0x045F => 0,
        // Cyrillic's historic letters (`ѻ`, `ѣ`) and the rarer letters of
        // minority languages (`Ӆ`): `Ñ»` and `Ó…` in Latin text spell them.
        0x0460..=0x048F | 0x04C1..=0x04CF => 4,
        // The letters of Ukrainian, Kazakh, Tatar, Bashkir and Mongolian
        // that their text is full of; the rest of the block is rarer.
        0x0490..=0x0493
        | 0x0496..=0x0497
        | 0x049A..=0x049B
        | 0x04A2..=0x04A3
        | 0x04AE..=0x04B1
        | 0x04BA..=0x04BB
        | 0x04D8..=0x04D9
        | 0x04E8..=0x04E9 => 0,
        0x0490..=0x04FF => 3,
        // The Cyrillic Supplement: letters of Komi, Abkhaz and the like,
        // which Latin text read as cp1252 spells by chance (`Ô…` is `ԅ`).
        0x0500..=0x052F => 4,
        0x0530..=0x06FF => 2,
        0x0700..=0x08FF => 6,
        0x0900..=0x0E7F => 2,
        0x1E00..=0x1EFF => 1,
        0x0E80..=0x1DFF | 0x1F00..=0x1FFF => 5,
        0x2010..=0x2027 | 0x2030..=0x205E => {
            if matches!(c, '‘' | '’' | '“' | '”' | '„' | '‚' | '–' | '—' | '…' | '•') {
                0
            } else {
                2
            }
        }
        0x20A0..=0x20CF => 1,
        0x2000..=0x20FF => 4,
        // Check marks, crosses and the heart are common in web text.
        0x2713..=0x2718 | 0x2705 | 0x274C | 0x2764 => 1,
        0x2100..=0x27BF => 3,
        0x27C0..=0x2E7F => 4,
        0x2E80..=0x2FFF => 5,
        // CJK punctuation, but not its rare tail: the postal mark face,
        // Hangzhou numerals, the ideographic tone marks (combining) and
        // the rest, which a lost byte after E3 80 also spells (`　` is
        // E3 80 80, `〪` E3 80 AA: an indent read lossily as GBK is `銆�`).
        0x3004 | 0x3020..=0x303F => 4,
        0x3000..=0x303F => 0,
        0x3040..=0x30FF => 0,
        0x3100..=0x33FF => 3,
        0x3400..=0x4DBF => 3,
        0x4DC0..=0x4DFF => 6,
        _ if is_han(c) => {
            if in_gb2312_level1(c) || in_big5_level1(c) {
                0
            } else {
                2
            }
        }
        0xA000..=0xABFF => 6,
        // The 2,350 syllables of KS X 1001 are nearly all Korean text
        // writes; the rest of the 11,172 are what other text's bytes spell
        // by chance (`於擁` and a lost byte, read as UTF-8, are `춓퀔`).
        0xAC00..=0xD7A3 => {
            if in_ks_x_1001(c) {
                0
            } else {
                3
            }
        }
        0xD7A4..=0xD7AF => 6,
        0xD7B0..=0xDFFF => 6,
        0xE000..=0xF8FF => FORBIDDEN,
        0xF900..=0xFAFF => 4,
        0xFB00..=0xFE2F => 5,
        0xFE30..=0xFE4F => 3,
        0xFF01..=0xFF5E => {
            if matches!(c, '，' | '：' | '；' | '！' | '？' | '（' | '）') {
                0
            } else {
                1
            }
        }
        0xFF5F..=0xFFEF => 4,
        0xFFFD => FORBIDDEN,
        0xFFF0..=0xFFFF => FORBIDDEN,
        0x1F000..=0x1FAFF => 1,
        0x20000..=0x3FFFF => 4,
        0x40000..=0x10FFFF => FORBIDDEN,
        _ => 5,
    }
}

/// Whether a Hangul syllable is one of KS X 1001's 2,350 (EUC-KR codes
/// B0A1..=C8FE; the other syllables have codes of the UHC extension).
pub(crate) fn in_ks_x_1001(c: char) -> bool {
    let mut utf8 = [0u8; 4];
    let mut euc_kr = [0u8; 8];
    let mut encoder = encoding_rs::EUC_KR.new_encoder();
    let (_, _, written) = encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut euc_kr, true);
    matches!(euc_kr.get(..written), Some(&[0xB0..=0xC8, 0xA1..=0xFE]))
}

/// Coarse script of a letter, for the script-clash pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    GreekCyrillic,
    Han,
    Other,
}

/// Han characters and Hangul syllables: letters all, half of the BMP, which
/// the table of [`facts`] is built for without a Unicode lookup each (the
/// lookups were 1.4 of the 12.5 ms a repair took to start).
fn is_letter_block(c: char) -> bool {
    is_han(c) || ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn script_uncached(c: char) -> Option<Script> {
    let letter = |script| (is_letter_block(c) || c.is_alphabetic()).then_some(script);
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => Some(Script::Latin),
        0x00..=0xBF => None,
        0xC0..=0x024F | 0x1E00..=0x1EFF => letter(Script::Latin),
        0x0370..=0x052F => letter(Script::GreekCyrillic),
        _ if is_han(c) => Some(Script::Han),
        // Punctuation and symbols, CJK and full-width punctuation: no script,
        // and common enough to be worth skipping the Unicode table lookup.
        0x2000..=0x2BFF | 0x3000..=0x303F | 0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => None,
        _ => letter(Script::Other),
    }
}

/// Whether the character's cp1252/Latin-1 byte is a UTF-8 continuation byte.
fn is_continuation_char(c: char) -> bool {
    crate::latin::latin_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b))
}

/// A Han character with no Han neighbour, glued to a Latin word, is what a
/// two-byte UTF-8 letter read as GBK looks like (`Pe帽alver`, `caf脙`).
/// Chinese puts Han characters next to Latin letters too (`T恤`, `iPhone手机`),
/// but seldom a lone one inside or at the end of a word. `before` counts the
/// ASCII letters right before it; `rest` is the text after `next`.
fn lone_han_cost(
    prev: Option<(char, Facts)>,
    next: Option<(char, Facts)>,
    before: usize,
    rest: &std::str::Chars<'_>,
) -> u32 {
    if prev.is_some_and(|(_, f)| f.han()) || next.is_some_and(|(_, f)| f.han()) {
        return 0;
    }
    let after = match next {
        Some((n, _)) if n.is_ascii_alphabetic() => 1 + rest.clone().take_while(char::is_ascii_alphabetic).count(),
        _ => 0,
    };
    if before > 0 && after > 0 && before + after >= 3 {
        SCRIPT_CLASH
    } else if before >= 2 || after >= 2 {
        LONE_HAN
    } else {
        0
    }
}

/// Cost of a whole stretch: characters plus mojibake and script-clash pairs.
///
/// One pass with the previous and next character at hand; the facts of each
/// character are looked up once.
pub(crate) fn text_cost(text: &str) -> u32 {
    measure(text).cost
}

/// [`text_cost`] and two facts found on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Measured {
    pub cost: u32,
    /// What [`has_utf8_lead_pair`] says.
    pub lead_pair: bool,
    /// Some character costs [`FORBIDDEN`] (U+FFFD included): without one, a
    /// repair to this text brings in nothing forbidden.
    pub forbidden: bool,
}

/// The cost of `text`, with the facts of [`Measured`], in one pass.
pub(crate) fn measure(text: &str) -> Measured {
    let mut chars = text.chars();
    let Some(mut c) = chars.next() else { return Measured::default() };
    let (mut lead_pair, mut forbidden) = (false, false);
    let mut here = facts(c);
    let mut prev: Option<(char, Facts)> = None;
    // ASCII letters right before `c`, for a lone Han character's word.
    let mut letters_before = 0usize;
    let mut cost: u32 = 0;
    loop {
        // Between ASCII neighbours an ASCII character adds its own cost only:
        // it pairs with nothing (no lead, continuation, `¡¢£` or Han) and
        // clashes with nothing (its letters are all Latin). Runs of it, most
        // of Latin text, are passed over on bytes.
        if c.is_ascii() && prev.is_none_or(|(p, _)| p.is_ascii()) {
            let rest = chars.as_str();
            let run = rest.bytes().take_while(u8::is_ascii).count();
            if run >= 1 {
                let skipped = &rest.as_bytes()[..run - 1];
                let own = |b: u8| if matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7E) { 0 } else { FORBIDDEN };
                let run_cost = skipped.iter().fold(0u32, |sum, &b| sum.saturating_add(own(b)));
                cost = cost.saturating_add(here.cost()).saturating_add(run_cost);
                forbidden |= here.cost() >= FORBIDDEN || run_cost >= FORBIDDEN;
                for b in std::iter::once(c as u8).chain(skipped.iter().copied()) {
                    letters_before = if b.is_ascii_alphabetic() { letters_before + 1 } else { 0 };
                }
                let last = skipped.last().map_or(c, |&b| char::from(b));
                prev = Some((last, facts(last)));
                chars = rest[run - 1..].chars();
                let Some(n) = chars.next() else { break };
                (c, here) = (n, facts(n));
                continue;
            }
        }
        // After a Han character a Han character adds its own cost only: no
        // lone-Han, pair or clash term applies between two. Runs of them, most
        // of Chinese text, are taken on their bytes (all are three long).
        if here.han() && prev.is_some_and(|(_, f)| f.han()) {
            cost = cost.saturating_add(here.cost());
            let (mut last, mut last_facts) = (c, here);
            let mut rest = chars.as_str();
            while let &[b0 @ 0xE0..=0xEF, b1, b2, ..] = rest.as_bytes() {
                let cp = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
                let Some(n) = char::from_u32(cp) else { break };
                let f = facts(n);
                if !f.han() {
                    break;
                }
                cost = cost.saturating_add(f.cost());
                (last, last_facts) = (n, f);
                rest = &rest[3..];
            }
            forbidden |= last_facts.cost() >= FORBIDDEN;
            letters_before = 0;
            prev = Some((last, last_facts));
            chars = rest.chars();
            let Some(n) = chars.next() else { break };
            (c, here) = (n, facts(n));
            continue;
        }
        let next = chars.next().map(|n| (n, facts(n)));
        cost = cost.saturating_add(here.cost());
        forbidden |= here.cost() >= FORBIDDEN;
        if here.han() {
            cost = cost.saturating_add(lone_han_cost(prev, next, letters_before, &chars));
        }
        if let Some((p, before)) = prev {
            lead_pair |= before.utf8_lead() && (here.continuation() || c == '\u{FFFD}');
            if before.utf8_lead() && here.continuation() {
                // `MAMÃ”` or `ÉTÉ–` is a capital before closing punctuation, and
                // so is mojibake of `Ô` or `Ö` at the end of a word: only a weak sign.
                let at_word_end = !next.is_some_and(|(_, f)| f.alphanumeric());
                let weak = at_word_end && matches!(c, '’' | '”' | '“' | '‘' | '–' | '—' | '…' | '»' | '•');
                cost = cost.saturating_add(if weak { 1 } else { MOJIBAKE_PAIR });
            }
            // GBK full-width punctuation read as Latin-1: `¡°` for `“`, `£¬` for `，`.
            if matches!(p, '¡' | '¢' | '£') && matches!(c, '\u{A1}'..='\u{BE}') {
                cost = cost.saturating_add(MOJIBAKE_PAIR);
            }
            if let (Some(a), Some(b)) = (before.script(), here.script()) {
                // ASCII letters sit next to Han characters all the time (`禾芯E3`),
                // accented ones do not.
                let han_ascii = matches!((a, b), (Script::Han, Script::Latin) | (Script::Latin, Script::Han))
                    && (p.is_ascii() || c.is_ascii());
                // Nor is a lowercase Greek letter in a Latin word unusual in
                // science (`IL2Rγc`, `TNFα`, `β-catenin`).
                let greek_ascii = |x: char, y: char| ('α'..='ω').contains(&x) && y.is_ascii_alphabetic();
                let science = greek_ascii(p, c) || greek_ascii(c, p);
                let clash = a != b && !han_ascii && !science;
                if clash && (a == Script::Latin || b == Script::Latin) {
                    cost = cost.saturating_add(SCRIPT_CLASH);
                }
            }
            // A single Latin letter between two Han characters, one of them rare,
            // is a misdecoding.
            if let Some((_, after)) = next {
                if c.is_ascii_alphabetic() && before.han() && after.han() && (before.cost() > 0 || after.cost() > 0) {
                    cost = cost.saturating_add(SCRIPT_CLASH);
                }
            }
        }
        letters_before = if c.is_ascii_alphabetic() { letters_before + 1 } else { 0 };
        let Some((n, f)) = next else { break };
        prev = Some((c, here));
        (c, here) = (n, f);
    }
    Measured { cost, lead_pair, forbidden }
}

/// Whether `new` is clearly more plausible than `old`, which it would replace.
///
/// "Clearly" means a real gain and at most half the cost: a valid decoding of
/// text that was fine (cost near zero) can never win. The repairs use
/// [`clearly_better_in_context`]; this is the rule on its own, for tests.
#[cfg(test)]
fn clearly_better(old: &str, new: &str) -> bool {
    judge(old, new, text_cost(old), text_cost(new))
}

/// The rule behind `clearly_better`, with the costs of `old` and `new`
/// measured in their context (which may add a gain of its own, e.g. for a
/// repair that completes a word).
fn judge(old: &str, new: &str, old_in_context: u32, new_in_context: u32) -> bool {
    judge_with(old, new, old_in_context, new_in_context, None, true)
}

/// [`judge`], given the costs of `old` and `new` on their own when they are
/// already known.
/// `new_may_be_forbidden` false says that no character of `new` costs
/// [`FORBIDDEN`], which spares a pass over it.
fn judge_with(
    old: &str,
    new: &str,
    old_in_context: u32,
    new_in_context: u32,
    alone: Option<(u32, u32)>,
    new_may_be_forbidden: bool,
) -> bool {
    const MIN_GAIN: u32 = 3;
    // A repair never brings in what no text contains: private-use and
    // unassigned code points, controls (U+FFFD for a lost byte is allowed).
    if new_may_be_forbidden && new.chars().any(|c| c != '\u{FFFD}' && char_cost(c) >= FORBIDDEN && !old.contains(c)) {
        return false;
    }
    let Some(gain) = old_in_context.checked_sub(new_in_context) else {
        return false;
    };
    if gain < MIN_GAIN {
        return false;
    }
    let (old_alone, new_alone) = alone.unwrap_or_else(|| (text_cost(old), text_cost(new)));
    new_alone.saturating_mul(2) <= old_alone.saturating_add(gain - MIN_GAIN)
}

/// Whether replacing `text[start..end]` with anything can gain enough to be
/// worth judging: either the damaged text costs enough on its own, or it
/// borders a letter other than Han, through which the context can add a gain
/// (`Pe` + `帽` + `alver`). A cheap test that spares the full judgement for
/// the many accidental UTF-8 stretches inside clean Chinese. (The repairs
/// use [`may_gain_and_is_clearly_better`]; this is the test's reference.)
#[cfg(test)]
fn may_gain(text: &str, start: usize, end: usize) -> bool {
    const MIN_GAIN: u32 = 3;
    let (Some(before), Some(old), Some(after)) = (text.get(..start), text.get(start..end), text.get(end..)) else {
        return false;
    };
    let other_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_han(c));
    other_letter(before.chars().next_back()) || other_letter(after.chars().next()) || text_cost(old) >= MIN_GAIN
}

/// `may_gain(..) && clearly_better_in_context(..)`, measuring the damaged
/// text alone once for both, and each text once when the context is blank.
///
/// Every character of the damaged text adds at least its own cost to it,
/// alone or in context, and the rule only grows easier as the old costs
/// grow; so when the sum of those own costs already passes, the exact costs
/// would too (and `may_gain` holds: a gain of [`judge_with`]'s minimum needs
/// that much cost), and the damaged text, the longer of the two in GBK
/// mojibake, is never measured.
pub(crate) fn may_gain_and_is_clearly_better(text: &str, start: usize, end: usize, new: &str) -> bool {
    const MIN_GAIN: u32 = 3;
    let (Some(before), Some(old), Some(after)) = (text.get(..start), text.get(start..end), text.get(end..)) else {
        return false;
    };
    let before = before.char_indices().rev().take(CONTEXT_CHARS).last().map_or("", |(i, _)| &before[i..]);
    let after_context = after.char_indices().nth(CONTEXT_CHARS).map_or(after, |(i, _)| &after[..i]);
    let blank = only_blanks(before) && only_blanks(after_context);
    let measure_new = || {
        let new_measured = measure(new);
        let new_in_context =
            if blank { new_measured.cost } else { text_cost(&format!("{before}{new}{after_context}")) };
        (new_measured, new_in_context)
    };
    let own_costs = old.chars().map(char_cost).fold(0u32, u32::saturating_add);
    let mut measured_new = None;
    if own_costs >= MIN_GAIN {
        let (new_measured, new_in_context) = *measured_new.insert(measure_new());
        let alone = Some((own_costs, new_measured.cost));
        if judge_with(old, new, own_costs, new_in_context, alone, new_measured.forbidden) {
            return true;
        }
    }
    let other_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_han(c));
    let old_alone = text_cost(old);
    if !(other_letter(before.chars().next_back()) || other_letter(after.chars().next()) || old_alone >= MIN_GAIN) {
        return false;
    }
    let (new_measured, new_in_context) = measured_new.unwrap_or_else(measure_new);
    let old_in_context = if blank { old_alone } else { text_cost(&format!("{before}{old}{after_context}")) };
    let alone = Some((old_alone, new_measured.cost));
    judge_with(old, new, old_in_context, new_in_context, alone, new_measured.forbidden)
}

/// How much text on either side a repair is judged with.
const CONTEXT_CHARS: usize = 8;

/// The rule of `clearly_better` for replacing `text[start..end]` with `new`, judged
/// together with a few characters on either side, so that a repair that
/// clashes with its neighbours (`Ö` + `й`) loses and one that completes a
/// word (`Pe` + `ñ` + `alver`) wins.
pub(crate) fn clearly_better_in_context(text: &str, start: usize, end: usize, new: &str) -> bool {
    let (Some(before), Some(old), Some(after)) = (text.get(..start), text.get(start..end), text.get(end..)) else {
        return false;
    };
    let before = before.char_indices().rev().take(CONTEXT_CHARS).last().map_or("", |(i, _)| &before[i..]);
    let after = after.char_indices().nth(CONTEXT_CHARS).map_or(after, |(i, _)| &after[..i]);
    // Spaces, tabs and newlines around a stretch add no cost and take none
    // away (they cost nothing, have no script, pair with nothing and end
    // every word), so then the costs in context are the costs alone: each is
    // measured once.
    if only_blanks(before) && only_blanks(after) {
        let (old_cost, new_cost) = (text_cost(old), text_cost(new));
        return judge_with(old, new, old_cost, new_cost, Some((old_cost, new_cost)), true);
    }
    judge(old, new, text_cost(&format!("{before}{old}{after}")), text_cost(&format!("{before}{new}{after}")))
}

/// [`clearly_better_in_context`] for a replacement `new`, already
/// [`measure`]d, whose damaged text is known to cost at least `old_at_least`, alone and in context (every cost
/// term is non-negative, so a bound from some of them is one for both).
/// The rule only grows easier as the old costs grow, so when the bound
/// already passes, the exact costs would too, and the long damaged text is
/// never measured; otherwise the exact rule decides.
pub(crate) fn clearly_better_with_bound(
    text: &str,
    start: usize,
    end: usize,
    new: &str,
    new_measured: Measured,
    old_at_least: u32,
) -> bool {
    let (Some(before), Some(old), Some(after)) = (text.get(..start), text.get(start..end), text.get(end..)) else {
        return false;
    };
    let before = before.char_indices().rev().take(CONTEXT_CHARS).last().map_or("", |(i, _)| &before[i..]);
    let after = after.char_indices().nth(CONTEXT_CHARS).map_or(after, |(i, _)| &after[..i]);
    let new_alone = new_measured.cost;
    let new_in_context =
        if only_blanks(before) && only_blanks(after) { new_alone } else { text_cost(&format!("{before}{new}{after}")) };
    judge_with(old, new, old_at_least, new_in_context, Some((old_at_least, new_alone)), new_measured.forbidden)
        || clearly_better_in_context(text, start, end, new)
}

/// Spaces, tabs and newlines only: around a stretch they add no cost and
/// take none away (they cost nothing, have no script, pair with nothing and
/// end every word).
fn only_blanks(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The least a character read from each byte by a cp1252 or Latin-1
/// decoder costs: a lower bound for [`clearly_better_with_bound`].
pub(crate) fn latin_byte_min_costs() -> &'static [u8; 256] {
    static TABLE: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0u8; 256];
        for (byte, cost) in (0..=255u8).zip(table.iter_mut()) {
            let one = [byte];
            let (cp1252, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            let latin1 = char::from(byte);
            let least = cp1252.chars().map(char_cost).chain([char_cost(latin1)]).min().unwrap_or(0);
            *cost = u8::try_from(least).unwrap_or(u8::MAX);
        }
        table
    })
}

/// The least a UTF-8 lead byte read as cp1252 adds with the continuation
/// byte `next` after it: a mojibake pair, weak when the continuation is
/// closing punctuation.
pub(crate) fn lead_pair_min_cost(next: u8) -> u32 {
    // ’ ” “ ‘ – — … » •, the characters that make a weak pair.
    if matches!(next, 0x85 | 0x91..=0x97 | 0xBB) {
        1
    } else {
        MOJIBAKE_PAIR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_blocks_are_letters_every_one() {
        let blocks = ['\u{3400}'..='\u{4DBF}', '\u{4E00}'..='\u{9FFF}', '\u{AC00}'..='\u{D7A3}'];
        for c in blocks.into_iter().flatten() {
            assert!(is_letter_block(c) && c.is_alphabetic() && c.is_alphanumeric(), "{c:?}");
        }
        assert!(!is_letter_block('\u{4DC0}') && !is_letter_block('\u{D7A4}') && !is_letter_block('a'));
    }

    #[test]
    fn the_common_hangul_syllables_are_ks_x_1001s_2350() {
        let common = ('\u{AC00}'..='\u{D7A3}').filter(|&c| in_ks_x_1001(c)).count();
        assert_eq!(common, 2350);
        assert!("한국어 텍스트입니다".chars().filter(|c| !c.is_whitespace()).all(in_ks_x_1001));
        assert!(!in_ks_x_1001('춓') && !in_ks_x_1001('퀔'));
        assert_eq!(char_cost('한'), 0);
        assert!(char_cost('춓') > char_cost('한'));
    }

    /// [`text_cost`] as it was written before it became one streaming pass:
    /// the differential tests below want the two to agree everywhere.
    fn reference_lone_han_cost(chars: &[char], i: usize) -> u32 {
        let c = chars[i];
        if !is_han(c) {
            return 0;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        if prev.is_some_and(is_han) || next.is_some_and(is_han) {
            return 0;
        }
        let before = chars[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let after = chars.get(i + 1..).unwrap_or_default().iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if before > 0 && after > 0 && before + after >= 3 {
            SCRIPT_CLASH
        } else if before >= 2 || after >= 2 {
            LONE_HAN
        } else {
            0
        }
    }
    fn reference_text_cost(text: &str) -> u32 {
        let chars: Vec<char> = text.chars().collect();
        let mut cost: u32 = 0;
        for (i, &c) in chars.iter().enumerate() {
            let here = facts(c);
            cost = cost.saturating_add(here.cost());
            if here.han() {
                cost = cost.saturating_add(reference_lone_han_cost(&chars, i));
            }
            let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
                continue;
            };
            let before = facts(prev);
            if before.utf8_lead() && here.continuation() {
                // `MAMÃ”` or `ÉTÉ–` is a capital before closing punctuation, and
                // so is mojibake of `Ô` or `Ö` at the end of a word: only a weak sign.
                let at_word_end = !chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                let weak = at_word_end && matches!(c, '’' | '”' | '“' | '‘' | '–' | '—' | '…' | '»' | '•');
                cost = cost.saturating_add(if weak { 1 } else { MOJIBAKE_PAIR });
            }
            // GBK full-width punctuation read as Latin-1: `¡°` for `“`, `£¬` for `，`.
            if matches!(prev, '¡' | '¢' | '£') && matches!(c, '\u{A1}'..='\u{BE}') {
                cost = cost.saturating_add(MOJIBAKE_PAIR);
            }
            if let (Some(a), Some(b)) = (before.script(), here.script()) {
                // ASCII letters sit next to Han characters all the time (`禾芯E3`),
                // accented ones do not.
                let han_ascii = matches!((a, b), (Script::Han, Script::Latin) | (Script::Latin, Script::Han))
                    && (prev.is_ascii() || c.is_ascii());
                // Nor is a lowercase Greek letter in a Latin word unusual in
                // science (`IL2Rγc`, `TNFα`, `β-catenin`).
                let greek_ascii = |x: char, y: char| ('α'..='ω').contains(&x) && y.is_ascii_alphabetic();
                let science = greek_ascii(prev, c) || greek_ascii(c, prev);
                let clash = a != b && !han_ascii && !science;
                if clash && (a == Script::Latin || b == Script::Latin) {
                    cost = cost.saturating_add(SCRIPT_CLASH);
                }
            }
            // A single Latin letter between two Han characters, one of them rare,
            // is a misdecoding.
            if let Some(&next) = chars.get(i + 1) {
                if c.is_ascii_alphabetic()
                    && before.han()
                    && facts(next).han()
                    && (before.cost() > 0 || char_cost(next) > 0)
                {
                    cost = cost.saturating_add(SCRIPT_CLASH);
                }
            }
        }
        cost
    }

    fn assert_same_cost(text: &str) {
        let measured = measure(text);
        assert_eq!(measured.cost, reference_text_cost(text), "{text:?}");
        assert_eq!(measured.lead_pair, has_utf8_lead_pair(text), "{text:?}");
        assert_eq!(measured.forbidden, text.chars().any(|c| char_cost(c) >= FORBIDDEN), "{text:?}");
    }

    #[test]
    fn the_streaming_cost_agrees_with_the_reference_on_every_sample() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut seen = 0;
        for dir in ["data", "benches/repair-clean", "benches/repair-clean-zh", "crates/corpusmill-repair/tests"] {
            let mut stack = vec![root.join(dir)];
            while let Some(path) = stack.pop() {
                if let Ok(entries) = std::fs::read_dir(&path) {
                    stack.extend(entries.flatten().map(|e| e.path()));
                } else if let Ok(text) = crate::decode(&std::fs::read(&path).unwrap_or_default(), None, 1.0) {
                    let text = text.text;
                    assert_same_cost(&text);
                    let (mojibake, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
                    assert_same_cost(&mojibake);
                    let (gbk, _) = encoding_rs::GBK.decode_without_bom_handling(text.as_bytes());
                    assert_same_cost(&gbk);
                    seen += 1;
                }
            }
        }
        assert!(seen >= 20, "only {seen} samples");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]

        #[test]
        fn the_streaming_cost_agrees_with_the_reference_on_random_text(
            text in "[a-zA-Z0-9 .,?\n中文发布鍙戝竷脙帽é©ÃÂâ€™“”¡£¬°αγЖ😀\u{A0}\u{E000}\u{FFFD}㐀龘ㄅ]{0,30}"
        ) {
            assert_same_cost(&text);
        }

        #[test]
        fn the_joint_judgement_is_may_gain_and_clearly_better(
            text in "[a-zA-Z .?\n中文发布鍙戝竷脙帽é©ÃÂâ€™“”¡£¬°αЖ\u{A0}\u{E000}\u{FFFD}]{0,20}",
            new in "[a-zA-Z .中文发布ñé€\u{E000}\u{FFFD}]{0,6}",
            from in 0usize..20,
            len in 0usize..8,
        ) {
            let start = text.char_indices().nth(from).map_or(text.len(), |(i, _)| i);
            let end = text[start..].char_indices().nth(len).map_or(text.len(), |(i, _)| start + i);
            assert_eq!(
                may_gain_and_is_clearly_better(&text, start, end, &new),
                may_gain(&text, start, end) && clearly_better_in_context(&text, start, end, &new),
                "{text:?} {start}..{end} -> {new:?}"
            );
        }

        #[test]
        fn spaces_and_newlines_around_a_stretch_do_not_change_its_cost(
            text in "[a-zA-Z0-9 .,?\n中文发布鍙戝竷脙帽é©ÃÂâ€™“”¡£¬°αγЖ😀\u{A0}\u{E000}\u{FFFD}]{0,30}",
            before in "[ \t\n\r]{0,8}",
            after in "[ \t\n\r]{0,8}",
        ) {
            assert_eq!(text_cost(&format!("{before}{text}{after}")), text_cost(&text), "{text:?}");
        }

        #[test]
        fn the_streaming_cost_agrees_with_the_reference_on_any_text(text in proptest::prelude::any::<String>()) {
            assert_same_cost(&text);
        }
    }

    #[test]
    fn every_character_whose_byte_leads_utf8_starts_with_0xc3() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32).filter(|&c| facts(c).utf8_lead()) {
            assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes()[0], 0xC3, "{c:?}");
        }
    }

    #[test]
    fn clean_text_costs_little() {
        for clean in ["中文，标点。", "café", "Привет", "こんにちは", "안녕하세요", "São Paulo", "“quoted” — dash…"]
        {
            assert!(text_cost(clean) <= 2, "{clean}: {}", text_cost(clean));
        }
    }

    #[test]
    fn mojibake_costs_more_than_its_repair() {
        for (bad, good) in [
            ("ä¸\u{ad}æ–‡", "中文"),
            ("cafÃ©", "café"),
            ("â€™", "’"),
            ("鍙戝竷", "发布"),
            ("ÖÐ¹ú", "中国"),
            ("¿Dªù", "澳門"),
        ] {
            assert!(clearly_better(bad, good), "{bad} → {good}: {} vs {}", text_cost(bad), text_cost(good));
            assert!(!clearly_better(good, bad), "{good} → {bad}");
        }
    }

    #[test]
    fn a_repair_never_brings_in_private_use_or_unassigned_code_points() {
        assert!(!clearly_better("鍙戝竷鍙戝竷", "\u{E000}"));
        assert!(!clearly_better("鍙戝竷鍙戝竷", "\u{B9918}"));
        assert!(clearly_better("鍙戝竷鍙戝竷涓\u{FFFD}", "发布发布\u{FFFD}"));
    }

    #[test]
    fn wrong_decodings_are_penalised() {
        assert!(text_cost("N鍙O") > text_cost("NÃO"));
        assert!(text_cost("Aѓ") > text_cost("AÑ“"));
        assert!(text_cost("«獸u呋»") > text_cost("«Fuß»"));
    }

    #[test]
    fn capitals_before_closing_punctuation_are_not_taken_for_mojibake() {
        assert!(!clearly_better("“MAMÃ”", "“MAMÔ"));
        assert!(!clearly_better("A前A", "AǰA"));
        assert!(!clearly_better("么A是", "ôA是"));
        assert!(clearly_better("Pe帽alver", "Peñalver"));
        assert!(clearly_better("caf脙 ", "café "));
        assert!(clearly_better("¡°The", "“The"));
        assert!(!clearly_better("¡¿Qué?!", "〃Qué?!"));
        assert!(!clearly_better("然A女是", "ȻAŮ是"));
        assert!(!clearly_better("„ìdjä“", "勳dj鋼"));
        assert!(clearly_better("NÃ“S", "NÓS"));
    }
}
