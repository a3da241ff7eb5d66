//! The record of what a repair did: counts per kind and a replayable plan.

use std::fmt;

/// A kind of repair, with a stable code used in the tables and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// Bytes invalid in the chosen encoding, decoded to U+FFFD.
    InvalidBytes,
    /// An HTML character reference decoded.
    HtmlEntity,
    /// A content-farm `(pinyin)` annotation removed after the character it reads.
    PinyinAnnotation,
    /// A GBK lead byte lost by the content farm recovered and the run re-aligned.
    LostLeadByte,
    /// A C0/C1 control character removed.
    ControlChar,
    /// Text normalised to NFC (count: characters changed).
    Nfc,
    /// UTF-8 read as Windows-1252/Latin-1, one or more times (`cafÃ©`, `æ–‡` for 文);
    /// count: segments re-decoded.
    MojibakeUtf8AsCp1252,
    /// UTF-8 read as GBK/GB18030 (`鍙戝竷`); count: segments re-decoded.
    MojibakeUtf8AsGbk,
    /// UTF-8 read as Shift_JIS/cp932 (`譌･譛ｬ` for `日本`); count: segments re-decoded.
    MojibakeUtf8AsShiftJis,
    /// GBK read as Latin-1/Windows-1252 (`ÖÐ¹ú`); count: segments re-decoded.
    MojibakeGbkAsLatin1,
    /// Big5 read as Latin-1/Windows-1252 (`¿Dªù`); count: segments re-decoded.
    MojibakeBig5AsLatin1,
    /// A whole text in the legacy code page of a non-Latin script (EUC-KR,
    /// Shift_JIS, EUC-JP, Windows-1251, -1253, -1255, -1256, -874, KOI8-R…)
    /// read as Latin-1 (`¼­¿ï` for 서울); count: texts re-decoded.
    MojibakeLegacyAsLatin1,
    /// A whole text in KOI8-R, KOI8-U, IBM866 or ISO-8859-5 read as
    /// Windows-1251 (`рТБЧЙФЕМШУФЧП` for Правительство); count: texts re-decoded.
    MojibakeLegacyAsCp1251,
    /// `锟斤拷`: U+FFFD written as UTF-8 and read as GBK; the text it stood for is lost.
    MarkerKunkao,
    /// `烫烫烫`/`屯屯屯`: uninitialised debug memory (0xCC/0xCD fill) read as GBK.
    MarkerDebugFill,
    /// A run of one or more U+FFFD left in the text (each run counts once).
    ReplacementRun,
    /// A numeric character reference whose `&` was lost (`#25991;`, `#xff1a;`).
    EntityWithoutAmpersand,
    /// A JSON `\uXXXX` escape left in the text (a surrogate pair counts once).
    JsonEscape,
    /// UTF-8 read as Windows-1251 (`РґРѕ` for до); count: words re-decoded.
    MojibakeUtf8AsCp1251,
    /// UTF-8 read as Windows-1250 (`LiĂ¨ge`); count: words re-decoded.
    MojibakeUtf8AsCp1250,
    /// UTF-8 read as ISO-8859-2 (`MĂĄm`); count: words re-decoded.
    MojibakeUtf8AsIso8859_2,
    /// UTF-8 read as Windows-1257 (`ÄÆdomu`); count: words re-decoded.
    MojibakeUtf8AsCp1257,
    /// UTF-8 read as MacRoman (`g√¢teaux`); count: words re-decoded.
    MojibakeUtf8AsMacRoman,
    /// UTF-8 read as Windows-1253 (`ΞΊΟ…` for κυ); count: words re-decoded.
    MojibakeUtf8AsCp1253,
    /// UTF-8 read as ISO-8859-7, Greek with C1 controls where Windows-1253
    /// has punctuation (`Ο\u{85}` for υ); count: words re-decoded.
    MojibakeUtf8AsIso8859_7,
    /// UTF-8 read as Windows-1256 (Arabic); count: words re-decoded.
    MojibakeUtf8AsCp1256,
    /// UTF-8 read as Windows-1258 (Vietnamese); count: words re-decoded.
    MojibakeUtf8AsCp1258,
    /// UTF-8 read as Windows-1255 (`׳©׳׳•׳` for שלום); count: words re-decoded.
    MojibakeUtf8AsCp1255,
    /// UTF-8 read as Windows-874 (`เธชเธงเธฑ` for สวั); count: characters re-decoded.
    MojibakeUtf8AsCp874,
    /// UTF-8 read as IBM code page 437 (`─îe┼ítina`); count: words re-decoded.
    MojibakeUtf8AsCp437,
    /// CESU-8 (UTF-8 of surrogate halves) read as cp1252/Latin-1; count: characters joined.
    MojibakeCesu8AsLatin1,
    /// A C1 control that is a cp1252 byte read as Latin-1 (`\x93` for `“`); count: characters.
    C1ControlAsCp1252,
    /// `￠`, `￡`, `￥` from Big5 bytes in Latin-script text: Big5 tables
    /// disagree on A2 46/A2 47/A2 44, and there the ASCII-width sign (`£`)
    /// is meant; count: characters.
    Big5LatinSign,
    /// Chinese text converted to the configured script (`script` in the
    /// configuration; not damage, a choice); count: characters changed.
    ScriptConverted,
    /// A character of a lossy reading (UTF-8 read as GBK, Shift_JIS or cp1252
    /// with bytes lost to U+FFFD) whose lost byte was filled by a guess: the
    /// one cheapest of several candidates, or the character model's pick (a
    /// lost byte with one possible value is no guess); count: characters.
    LostByteFilled,
}

impl RepairKind {
    /// The stable code written to the `repairs` column.
    pub fn code(self) -> &'static str {
        match self {
            RepairKind::InvalidBytes => "invalid_bytes",
            RepairKind::HtmlEntity => "html_entity",
            RepairKind::PinyinAnnotation => "pinyin_annotation",
            RepairKind::LostLeadByte => "lost_lead_byte",
            RepairKind::ControlChar => "control_char",
            RepairKind::Nfc => "nfc",
            RepairKind::MojibakeUtf8AsCp1252 => "mojibake_utf8_as_cp1252",
            RepairKind::MojibakeUtf8AsGbk => "mojibake_utf8_as_gbk",
            RepairKind::MojibakeUtf8AsShiftJis => "mojibake_utf8_as_shift_jis",
            RepairKind::MojibakeGbkAsLatin1 => "mojibake_gbk_as_latin1",
            RepairKind::MojibakeBig5AsLatin1 => "mojibake_big5_as_latin1",
            RepairKind::MojibakeLegacyAsLatin1 => "mojibake_legacy_as_latin1",
            RepairKind::MojibakeLegacyAsCp1251 => "mojibake_legacy_as_cp1251",
            RepairKind::MarkerKunkao => "marker_kunkao",
            RepairKind::MarkerDebugFill => "marker_debug_fill",
            RepairKind::ReplacementRun => "replacement_run",
            RepairKind::EntityWithoutAmpersand => "entity_without_ampersand",
            RepairKind::JsonEscape => "json_escape",
            RepairKind::MojibakeUtf8AsCp1251 => "mojibake_utf8_as_cp1251",
            RepairKind::MojibakeUtf8AsCp1250 => "mojibake_utf8_as_cp1250",
            RepairKind::MojibakeUtf8AsIso8859_2 => "mojibake_utf8_as_iso8859_2",
            RepairKind::MojibakeUtf8AsCp1257 => "mojibake_utf8_as_cp1257",
            RepairKind::MojibakeUtf8AsMacRoman => "mojibake_utf8_as_macroman",
            RepairKind::MojibakeUtf8AsCp1253 => "mojibake_utf8_as_cp1253",
            RepairKind::MojibakeUtf8AsIso8859_7 => "mojibake_utf8_as_iso8859_7",
            RepairKind::MojibakeUtf8AsCp1256 => "mojibake_utf8_as_cp1256",
            RepairKind::MojibakeUtf8AsCp1258 => "mojibake_utf8_as_cp1258",
            RepairKind::MojibakeUtf8AsCp1255 => "mojibake_utf8_as_cp1255",
            RepairKind::MojibakeUtf8AsCp874 => "mojibake_utf8_as_cp874",
            RepairKind::MojibakeUtf8AsCp437 => "mojibake_utf8_as_cp437",
            RepairKind::MojibakeCesu8AsLatin1 => "mojibake_cesu8_as_latin1",
            RepairKind::C1ControlAsCp1252 => "c1_control_as_cp1252",
            RepairKind::Big5LatinSign => "big5_latin_sign",
            RepairKind::ScriptConverted => "script_converted",
            RepairKind::LostByteFilled => "lost_byte_filled",
        }
    }
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One step of the repair plan, in the order it was applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanStep(pub String);

impl PlanStep {
    pub fn new(step: impl Into<String>) -> Self {
        PlanStep(step.into())
    }
}

/// Appends `n` in decimal: plan steps are written for every repaired span,
/// and `format!` was a few percent of the repairs that write many.
pub(crate) fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&d| char::from(d)));
}

/// Counts per repair kind plus the plan that produced them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepairLog {
    counts: Vec<(RepairKind, u64)>,
    plan: Vec<PlanStep>,
    /// U+FFFD characters left after the repairs, counted before any marker
    /// removal: what the lost-text limit judges.
    lost_chars: u64,
    /// Characters of the text(s) given to the repair: what that limit
    /// judges them against (a repair shortens mojibake).
    chars_in: u64,
}

impl RepairLog {
    /// Records `count` repairs of `kind`, described by `step`.
    pub fn add(&mut self, kind: RepairKind, count: u64, step: PlanStep) {
        if count == 0 {
            return;
        }
        self.add_within_step(kind, count);
        self.plan.push(step);
    }

    /// Counts per kind, in a stable order (by kind).
    pub fn counts(&self) -> Vec<(RepairKind, u64)> {
        let mut counts = self.counts.clone();
        counts.sort();
        counts
    }

    /// How many repairs of `kind` were made.
    pub fn count(&self, kind: RepairKind) -> u64 {
        self.counts.iter().find(|(k, _)| *k == kind).map_or(0, |(_, c)| *c)
    }

    pub fn plan(&self) -> &[PlanStep] {
        &self.plan
    }

    /// U+FFFD characters the marker pass found after the other repairs,
    /// whether it removed them or not.
    pub fn lost_chars(&self) -> u64 {
        self.lost_chars
    }

    /// Counts `count` repairs of `kind` that the plan step just written
    /// already describes (the characters a re-decoded stretch filled).
    pub(crate) fn add_within_step(&mut self, kind: RepairKind, count: u64) {
        if count == 0 {
            return;
        }
        match self.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, c)) => *c += count,
            None => self.counts.push((kind, count)),
        }
    }

    pub(crate) fn add_lost_chars(&mut self, n: u64) {
        self.lost_chars += n;
    }

    /// Characters of the text(s) the repair was given.
    pub fn chars_in(&self) -> u64 {
        self.chars_in
    }

    pub(crate) fn add_chars_in(&mut self, n: u64) {
        self.chars_in += n;
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, 1 << 40, usize::MAX] {
            let mut out = String::from("x");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
