//! Line normalisation and paragraph assembly.
//!
//! Dumps come with CRLF or bare CR, full-width indentation, and two paragraph
//! conventions: blank-line separated (possibly hard-wrapped at a fixed width) or one
//! paragraph per line. The convention is detected per dump, from the body lines only.

use std::borrow::Cow;

use corpusmill_repair::ScriptCounts;

/// Splits text into lines with line endings normalised and indentation/trailing space
/// removed. Invisible format characters and control codes are dropped. The second
/// vector says which lines were indented (a paragraph-start mark in some wrapped dumps).
///
/// Lines borrow from `text` unless characters had to be dropped (no copy per line).
pub(crate) fn normalize_lines<'a>(text: &'a str) -> (Vec<Cow<'a, str>>, Vec<bool>) {
    // One line per `\n` and one more (a bare `\r` adds to it, rarely).
    let expected = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut lines = Vec::with_capacity(expected);
    let mut indented = Vec::with_capacity(expected);
    // Most documents hold no character to drop: one screen of the whole text then
    // spares every line its own.
    let clean = !may_hold_unwanted(text, true);
    let mut push = |piece: &'a str| {
        let line = if clean { Cow::Borrowed(piece.trim()) } else { clean_line(piece) };
        indented.push(!line.is_empty() && piece.starts_with(char::is_whitespace));
        lines.push(line);
    };
    // Without a CR the pieces are the `\n`-separated ones (a memchr search per line);
    // otherwise split at `\r\n`, `\n` and a bare `\r` in one pass. Either gives the same
    // pieces as replacing `\r\n` by `\n` and splitting at either byte, without copying
    // the document first.
    if !text.contains('\r') {
        // The line ends found by one vectorised search over the whole text:
        // `split('\n')` searches again for each line.
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            push(text.get(start..end).unwrap_or(""));
            start = end + 1;
        }
        push(text.get(start..).unwrap_or(""));
        return (lines, indented);
    }
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut from = 0;
    while let Some(off) = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r')) {
        let end = from + off;
        push(text.get(start..end).unwrap_or(""));
        let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
        start = end + if crlf { 2 } else { 1 };
        from = start;
    }
    push(text.get(start..).unwrap_or(""));
    (lines, indented)
}

/// Whether a line may hold a character [`clean_line`] drops, screened on the UTF-8
/// bytes (C0 controls but tab, DEL, C1 controls `C2 80..9F`, U+200B..U+200D
/// `E2 80 8B..8D`, U+2060 `E2 81 A0`, U+FEFF `EF BB BF`) so that ordinary lines skip
/// decoding. Written as branch-free folds over byte pairs and triples, which the
/// compiler vectorises.
fn may_hold_unwanted(piece: &str, newlines_allowed: bool) -> bool {
    let b = piece.as_bytes();
    let (b1, b2) = (b.get(1..).unwrap_or(&[]), b.get(2..).unwrap_or(&[]));
    // With `newlines_allowed`, `\n` and `\r` (line breaks of a whole text) pass.
    let newline = |x: u8| newlines_allowed & ((x == b'\n') | (x == b'\r'));
    let control = b.iter().fold(false, |acc, &x| acc | ((x < 0x20) & (x != b'\t') & !newline(x)) | (x == 0x7F));
    let c1 = b.iter().zip(b1).fold(false, |acc, (&x, &y)| acc | ((x == 0xC2) & (0x80..=0x9F).contains(&y)));
    let format = b.iter().zip(b1).zip(b2).fold(false, |acc, ((&x, &y), &z)| {
        acc | ((x == 0xE2) & (y == 0x80) & (0x8B..=0x8D).contains(&z))
            | ((x == 0xE2) & (y == 0x81) & (z == 0xA0))
            | ((x == 0xEF) & (y == 0xBB) & (z == 0xBF))
    });
    control | c1 | format
}

fn clean_line(piece: &str) -> Cow<'_, str> {
    let unwanted =
        |c: char| c.is_control() && c != '\t' || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}');
    if !may_hold_unwanted(piece, false) || !piece.contains(unwanted) {
        return Cow::Borrowed(piece.trim());
    }
    let kept: String = piece.chars().filter(|&c| !unwanted(c)).collect();
    Cow::Owned(kept.trim().to_string())
}

/// Wide (two-column) characters: CJK ideographs, kana, hangul, full-width forms.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Han ideographs (for script decisions; punctuation excluded).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
}

/// Display width in terminal columns, the unit in which dumps are hard-wrapped.
pub(crate) fn width(s: &str) -> usize {
    // ASCII text (checked word-wise) is one column per byte.
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// Columns of one character; nothing below U+1100 is wide.
#[inline]
fn char_width(c: char) -> usize {
    if (c as u32) < 0x1100 {
        1
    } else if matches!(c as u32, 0x4E00..=0x9FFF) || is_wide(c) {
        2
    } else {
        1
    }
}

/// The display width if it is at most `cap`, else some value above `cap`. Cheap on long
/// lines (stops counting) and on short ones (width never exceeds the byte length): the
/// furniture rules only compare widths against small limits.
pub(crate) fn width_capped(s: &str, cap: usize) -> usize {
    if s.len() <= cap {
        return width(s);
    }
    // More than `cap` characters (each of four bytes at most), each a column or two.
    if s.len() > 4 * cap {
        return cap + 1;
    }
    let mut w = 0;
    for c in s.chars() {
        w += char_width(c);
        if w > cap {
            break;
        }
    }
    w
}

/// What the line rules need to know about a line before trying any regex, found in one
/// pass: its display width and which cue characters it holds (`cue` bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// The exact display width ([`width`]).
    pub width: usize,
    /// `cue::*` bits of the characters present.
    pub cues: u32,
    /// Characters in the line.
    pub chars: usize,
    /// Han characters ([`is_han`]), for [`mostly_cjk`].
    pub han: usize,
    /// Other alphabetic characters (not the common CJK punctuation), for [`mostly_cjk`].
    pub latin: usize,
    /// The characters as the language and script decisions count them
    /// (`corpusmill_repair::ScriptCounts`): summed over the body lines, they
    /// spare the pipeline another pass over the body.
    pub scripts: ScriptCounts,
}

/// Cue characters: each bit stands for a few characters that some pattern cannot match
/// without, so a line lacking them skips that pattern.
pub(crate) mod cue {
    /// `:` `：` (labels, `免责声明：`, `分享：`…).
    pub const COLON: u32 = 1;
    /// `】` `]`.
    pub const CLOSE_SQUARE: u32 = 1 << 1;
    /// `)` `）`.
    pub const CLOSE_PAREN: u32 = 1 << 2;
    /// 编 編 (editor credits).
    pub const EDIT: u32 = 1 << 3;
    /// First characters of the Chinese app-footer phrases.
    pub const APP: u32 = 1 << 4;
    /// © 版 未 授 许 許 备 備 (copyright notices, a site's licence numbers).
    pub const COPY: u32 = 1 << 5;
    /// Breadcrumb separators `>` `»` `›` `→` `|` `｜` `/` `／`.
    pub const NAV: u32 = 1 << 6;
    /// First characters of the Chinese "other furniture" phrases.
    pub const OTHER: u32 = 1 << 7;
    /// An ASCII letter.
    pub const ALPHA: u32 = 1 << 8;
    /// `，` `。` `；` `！` `？` (sentence punctuation, never in a meta line).
    pub const SENTENCE: u32 = 1 << 9;
    /// An ASCII or full-width digit.
    pub const DIGIT: u32 = 1 << 10;
    /// The non-digit date cues of `date::may_hold_date` (Chinese numerals, 昨 今 刚…).
    pub const DATE_WORD: u32 = 1 << 11;
    /// 者 撰 报 報 (记者, 作者, 撰文, `李慧敏 报道`).
    pub const REPORTER: u32 = 1 << 12;
}

/// Cue bits of an ASCII byte.
const fn ascii_cues(b: u8) -> u32 {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => cue::ALPHA,
        b'0'..=b'9' => cue::DIGIT,
        b':' => cue::COLON,
        b']' => cue::CLOSE_SQUARE,
        b')' => cue::CLOSE_PAREN,
        b'>' | b'|' | b'/' => cue::NAV,
        b'[' => cue::OTHER,
        _ => 0,
    }
}

static ASCII_CUES: [u32; 128] = {
    let mut t = [0u32; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_cues(i as u8);
        i += 1;
    }
    t
};

/// Every non-ASCII cue character of [`wide_cues`].
const WIDE_CUE_CHARS: [char; 69] = [
    '：', '】', '）', '编', '編', '长', '長', '扫', '掃', '点', '點', '安', '阅', '閱', '下', '打', '©', '版', '未',
    '授', '许', '許', '备', '備', '侵', '／', '»', '›', '→', '｜', '字', '关', '關', '返', '【', '上', '，', '。',
    '；', '！', '？', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', '〇', '零', '○', 'Ｏ', '一', '二',
    '两', '兩', '三', '四', '五', '六', '七', '八', '九', '十', '廿', '卅',
];

/// A 256-bit filter on the low byte of the code point: a character whose bit is clear
/// is no cue, which most characters of a line settle with one test.
static WIDE_CUE_FILTER: [u64; 4] = {
    let mut f = [0u64; 4];
    let mut i = 0;
    while i < WIDE_CUE_CHARS.len() {
        let low = WIDE_CUE_CHARS[i] as u32 & 0xFF;
        f[(low >> 6) as usize] |= 1 << (low & 63);
        i += 1;
    }
    // The cues not in the list above.
    let mut j = 0;
    let more = ['半', '几', '幾', '昨', '今', '刚', '剛', '者', '撰', '报', '報'];
    while j < more.len() {
        let low = more[j] as u32 & 0xFF;
        f[(low >> 6) as usize] |= 1 << (low & 63);
        j += 1;
    }
    f
};

/// Cue bits of a non-ASCII character.
fn wide_cues(c: char) -> u32 {
    let low = c as u32 & 0xFF;
    if WIDE_CUE_FILTER[(low >> 6) as usize] & (1 << (low & 63)) == 0 {
        return 0;
    }
    wide_cues_unfiltered(c)
}

/// A character besides the digits that can start a date (numerals, 半 几 昨 今 刚):
/// the [`cue::DATE_WORD`] characters.
pub(crate) fn is_date_word(c: char) -> bool {
    wide_cues(c) & cue::DATE_WORD != 0
}

/// [`wide_cues`] without the filter.
fn wide_cues_unfiltered(c: char) -> u32 {
    use cue::*;
    match c {
        '：' => COLON,
        '】' => CLOSE_SQUARE,
        '）' => CLOSE_PAREN,
        '编' | '編' => EDIT,
        '长' | '長' | '扫' | '掃' | '点' | '點' | '安' | '阅' | '閱' => APP,
        '下' => APP | OTHER,
        '打' => APP | OTHER,
        '©' | '版' | '未' | '授' | '许' | '許' | '备' | '備' | '侵' => COPY,
        '»' | '›' | '→' | '｜' | '／' => NAV,
        '关' | '關' => APP | OTHER,
        '字' | '返' | '【' | '上' => OTHER,
        '，' | '。' | '；' | '！' | '？' => SENTENCE,
        '０'..='９' => DIGIT,
        '〇' | '零' | '○' | 'Ｏ' | '一' | '二' | '两' | '兩' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        | '十' | '廿' | '卅' | '半' | '几' | '幾' | '昨' | '今' | '刚' | '剛' => DATE_WORD,
        '者' | '撰' | '报' | '報' => REPORTER,
        _ => 0,
    }
}

// A character's facts for [`line_info`]: its cue bits (bits 0..=12) and these.
/// Two columns wide.
const FACT_WIDE: u32 = 1 << 13;
/// A Han character ([`is_han`]).
const FACT_HAN: u32 = 1 << 14;
/// Alphabetic and neither Han nor common CJK punctuation: Latin to [`mostly_cjk`].
const FACT_LATIN: u32 = 1 << 15;
/// Bits 16..=18: the index in [`SCRIPT_CLASSES`] of the character's script class.
const SCRIPT_SHIFT: u32 = 16;

/// The script classes (`corpusmill_repair::char_class`) that characters have
/// (a test checks every BMP character): index 0 counts for nothing.
const SCRIPT_CLASSES: [u8; 8] = [0, 0x01, 0x11, 0x21, 0x02, 0x03, 0x04, 0x05];

/// The facts of one character, from the functions that define them.
fn char_facts(c: char) -> u32 {
    let cues = if c.is_ascii() { ASCII_CUES[(c as usize) & 0x7F] } else { wide_cues(c) };
    let mut facts = cues;
    if char_width(c) == 2 {
        facts |= FACT_WIDE;
    }
    if is_han(c) {
        facts |= FACT_HAN;
    } else if !is_common_cjk_punct(c) && c.is_alphabetic() {
        facts |= FACT_LATIN;
    }
    let class = corpusmill_repair::char_class(c);
    let script = SCRIPT_CLASSES.iter().position(|&known| known == class).unwrap_or(0) as u32;
    facts | (script << SCRIPT_SHIFT)
}

/// [`char_facts`] of every BMP code point (surrogates: 0), built on first use: one
/// lookup per character instead of range tests, a filter and two table searches.
fn bmp_facts() -> &'static [u32; 0x10000] {
    static FACTS: std::sync::OnceLock<Box<[u32; 0x10000]>> = std::sync::OnceLock::new();
    FACTS.get_or_init(|| {
        let mut table = Box::new([0u32; 0x10000]);
        for (cp, facts) in (0..0x10000u32).zip(table.iter_mut()) {
            *facts = char::from_u32(cp).map_or(0, char_facts);
        }
        table
    })
}

/// Measures a line, counts its scripts and collects its cue characters in one pass.
pub(crate) fn line_info(s: &str) -> LineInfo {
    let mut cues = 0;
    if s.is_ascii() {
        let mut latin = 0;
        for b in s.bytes() {
            cues |= ASCII_CUES[usize::from(b & 0x7F)];
            latin += usize::from(b.is_ascii_alphabetic());
        }
        let scripts = ScriptCounts { latin, ..ScriptCounts::default() };
        return LineInfo { width: s.len(), cues, chars: s.len(), han: 0, latin, scripts };
    }
    let table = bmp_facts();
    // Characters counted by their three flags (wide, Han, Latin) and by their
    // script class: one increment each, the sums worked out once.
    let (mut by_flags, mut by_script) = ([0usize; 8], [0usize; 8]);
    for c in s.chars() {
        let facts = match table.get(c as usize) {
            Some(&facts) => facts,
            None => char_facts(c),
        };
        cues |= facts & 0x1FFF;
        by_flags[(facts >> 13) as usize & 7] += 1;
        by_script[(facts >> SCRIPT_SHIFT) as usize & 7] += 1;
    }
    let (mut wide, mut chars, mut han, mut latin) = (0, 0, 0, 0);
    for (flags, &n) in (0u32..).zip(&by_flags) {
        let facts = flags << 13;
        chars += n;
        wide += if facts & FACT_WIDE != 0 { n } else { 0 };
        han += if facts & FACT_HAN != 0 { n } else { 0 };
        latin += if facts & FACT_LATIN != 0 { n } else { 0 };
    }
    let mut scripts = ScriptCounts::default();
    for (&class, &n) in SCRIPT_CLASSES.iter().zip(&by_script) {
        scripts.add(class, n);
    }
    LineInfo { width: chars + wide, cues, chars, han, latin, scripts }
}

/// `s.contains(chars)`, as one `memchr`-style search per character: faster than
/// decoding every character of the line when the list is short.
pub(crate) fn contains_any(s: &str, chars: &[char]) -> bool {
    chars.iter().any(|&c| s.contains(c))
}

/// Whether `needle` (ASCII) occurs in `s`, ASCII case-insensitively. A cheap necessary
/// test before a `(?i)` pattern built from the same letters: Unicode case folding maps
/// nothing outside ASCII to an ASCII letter except K (Kelvin sign) and ſ (long s), so
/// needles must avoid `k` and `s`.
pub(crate) fn contains_ascii_ci(s: &str, needle: &str) -> bool {
    // Candidates from a two-byte `memchr` for the first letter in either case.
    contains_ascii_ci_by(s, needle, 0)
}

/// [`contains_ascii_ci`], found from the needle's byte at `anchor`: a letter rarer
/// in text than its first (`ago` by its `g`, `today` by its `y`), so that fewer
/// places of a long line are compared.
#[inline]
pub(crate) fn contains_ascii_ci_by(s: &str, needle: &str, anchor: usize) -> bool {
    let (n, hay) = (needle.as_bytes(), s.as_bytes());
    let Some(&key) = n.get(anchor) else {
        return false;
    };
    if hay.len() < n.len() {
        return false;
    }
    // Anchors that leave room for the needle on both sides.
    let candidates = &hay[anchor..=hay.len() - n.len() + anchor];
    memchr::memchr2_iter(key.to_ascii_lowercase(), key.to_ascii_uppercase(), candidates)
        .any(|i| hay[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether a line ends where a sentence (and so possibly a paragraph) can end.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| {
        matches!(c, '。' | '！' | '？' | '!' | '?' | '.' | '…' | '”' | '"' | '’' | '」' | '』' | '）' | ')')
    })
}

/// Whether a body line ends a sentence or a clause that may end a line of its own
/// (`具体预报如下：`, a list item's `；`): a wrapper seldom breaks right there.
fn ends_line_unit(s: &str) -> bool {
    ends_sentence(s) || s.ends_with(['：', '；', ':', ';'])
}

/// Whether a line is a list's item (`- item`, `• item`, `1. item`, `一、item`).
fn is_list_line(s: &str) -> bool {
    let s = s.trim_start();
    if is_table_row(s) {
        return true;
    }
    if s.starts_with(['•', '●', '○', '■', '□', '◆', '►', '▶']) {
        return true;
    }
    // `- item`, `* item`, `· item`, with a space: not `-- a dash`, `·史密斯`.
    let mut chars = s.chars();
    if matches!(chars.next(), Some('-' | '*' | '·' | '・')) && chars.next().is_some_and(char::is_whitespace) {
        return true;
    }
    starts_numbered(s)
}

/// Whether a line is a table's row laid out in text: two cells or more set apart
/// by tabs or runs of four spaces (`本科批                  452       431`), each
/// short. A tab or a wide gap inside wrapped prose leaves long pieces.
fn is_table_row(s: &str) -> bool {
    let s = s.trim();
    if !has_tab_or_wide_gap(s) {
        return false;
    }
    let cells: Vec<&str> =
        s.split(['\t']).flat_map(|c| c.split("    ")).map(str::trim).filter(|c| !c.is_empty()).collect();
    cells.len() >= 2 && cells.iter().all(|c| width_capped(c, 30) <= 24)
}

/// Whether `s` holds a tab or four spaces in a row: one pass over the bytes, where
/// a search for the four spaces set up a substring searcher on every line.
fn has_tab_or_wide_gap(s: &str) -> bool {
    let mut spaces = 0;
    for &b in s.as_bytes() {
        match b {
            b'\t' => return true,
            b' ' => {
                spaces += 1;
                if spaces == 4 {
                    return true;
                }
            }
            _ => spaces = 0,
        }
    }
    false
}

/// Whether a line starts with a list's number: `1. item`, `2) item`, `3、item`,
/// `1.网上报名`, `一、item`; not `2.4 percent` or `1.2K`.
pub(crate) fn starts_numbered(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &s[digits..];
    let item_start = |c: char| c.is_whitespace() || is_wide(c);
    if (1..=2).contains(&digits)
        && (rest.starts_with('、')
            || (rest.starts_with(['.', ')', '．']) && rest.chars().nth(1).is_some_and(item_start)))
    {
        return true;
    }
    let numerals = s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numerals > 0 && s.chars().nth(numerals) == Some('、')
}

/// Whether text is mostly Chinese/Japanese script (decides how wrapped lines are joined).
pub(crate) fn mostly_cjk<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    let (han, latin) = lines.into_iter().map(line_info).fold((0, 0), |(h, l), info| (h + info.han, l + info.latin));
    mostly_han(han, latin)
}

/// [`mostly_cjk`] of lines whose Han and Latin letters are counted.
fn mostly_han(han: usize, latin: usize) -> bool {
    han > 0 && han * 2 >= latin
}

/// The most frequent punctuation of Chinese text, none of it alphabetic: spares
/// `char::is_alphabetic` its table search for them.
fn is_common_cjk_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '“' | '”' | '：' | '；' | '！' | '？' | '（' | '）' | '《' | '》' | '　')
}

/// Joins a hard-wrapped line onto the paragraph built so far.
fn join_onto(acc: &mut String, next: &str, cjk: bool) {
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    let last = acc.chars().next_back();
    let first = next.chars().next();
    let wide_edge = last.is_some_and(is_wide) || first.is_some_and(is_wide);
    // "well-\nknown": keep the hyphen, no space.
    let hyphen = last == Some('-') && acc.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    if !(cjk || wide_edge || hyphen) {
        acc.push(' ');
    }
    acc.push_str(next);
}

/// Joins lines of one paragraph (a summary spread over several lines).
pub(crate) fn join_lines(lines: &[&str]) -> String {
    let cjk = mostly_cjk(lines.iter().copied());
    let mut acc = String::new();
    for line in lines {
        join_onto(&mut acc, line, cjk);
    }
    acc
}

/// One body line handed to [`paragraphs`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLine<'a> {
    pub text: &'a str,
    /// The raw line started with indentation.
    pub indented: bool,
    /// [`line_info`] of `text`, measured when the line was classified.
    pub info: LineInfo,
}

/// The unit a wrapper counted in: characters (CJK dumps wrapped at N characters, digits
/// included) or display columns (wrapped at N columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Chars,
    Columns,
}

impl LineInfo {
    /// The line's length in `unit`.
    fn length(&self, unit: Unit) -> usize {
        match unit {
            Unit::Chars => self.chars,
            Unit::Columns => self.width,
        }
    }
}

fn median(v: &[usize]) -> usize {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// Share (per mille) of lines whose length sits at the median, within `tolerance`.
fn uniformity(lengths: &[usize], tolerance: usize) -> usize {
    let m = median(lengths);
    let near = lengths.iter().filter(|&&l| l + tolerance >= m && l <= m + tolerance).count();
    near * 1000 / lengths.len().max(1)
}

/// Turns blocks of consecutive body lines into paragraphs.
///
/// A dump is hard-wrapped when lines inside blocks stop mid-sentence: most of them, or a
/// good share of them at a uniform length (the wrap margin) — the pattern of wrapped
/// paragraphs without blank lines between them. Then a block is one paragraph unless a
/// line ends a sentence while the next line's first word would still have fitted on it
/// (a greedy wrapper would have put it there), or the next line is indented where the
/// block's own first line is. Otherwise every line is a paragraph.
pub(crate) fn paragraphs<'a, B: AsRef<[BodyLine<'a>]>>(blocks: &[B]) -> Vec<String> {
    let blocks = || blocks.iter().map(AsRef::as_ref);
    let (han, latin) = blocks().flatten().fold((0, 0), |(h, l), line| (h + line.info.han, l + line.info.latin));
    let cjk = mostly_han(han, latin);
    // The lines followed by another in their block.
    let inner: Vec<&BodyLine> = blocks().filter_map(|b| b.split_last()).flat_map(|(_, init)| init).collect();
    let open: Vec<&BodyLine> = inner.iter().copied().filter(|l| !ends_line_unit(l.text)).collect();
    let lengths = |lines: &[&BodyLine], unit| lines.iter().map(|l| l.info.length(unit)).collect::<Vec<_>>();
    let unit = if cjk && uniformity(&lengths(&open, Unit::Chars), 1) > uniformity(&lengths(&open, Unit::Columns), 2) {
        Unit::Chars
    } else {
        Unit::Columns
    };
    let open_len = lengths(&open, unit);
    let margin = median(&open_len);
    let at_margin = open_len.iter().filter(|&&m| m + 3 >= margin).count();
    let wrapped = !open.is_empty()
        && (open.len() * 2 > inner.len()
            || (open.len() >= 2
                && open.len() * 4 >= inner.len()
                && at_margin * 5 >= open.len() * 4
                && margin * 5 >= median(&lengths(&inner, unit)) * 4));
    if !wrapped {
        return blocks().flatten().map(|l| l.text.to_string()).filter(|t| !t.is_empty()).collect();
    }
    // The wrap margin: for CJK the typical length of a mid-sentence line (robust to an
    // odd long line); for ragged-right Latin text the longest one.
    let full = if cjk { margin } else { open_len.iter().copied().max().unwrap_or(0) };
    // Whether a wrapper would have put the start of `next` on `line`: then it did
    // not break `line` for want of room.
    let room_left_within = |line: &BodyLine, next: &BodyLine, full: usize| {
        let m = line.info.length(unit);
        if cjk {
            // One unit of slack: CJK wrappers pull closing punctuation up a line.
            let next_char =
                next.text.chars().next().map_or(0, |c| if unit == Unit::Columns && is_wide(c) { 2 } else { 1 });
            m + next_char < full
        } else {
            m + 1 + next.text.split_whitespace().next().map_or(0, width) <= full
        }
    };
    // A wrapper breaks nearly every line it leaves open for want of room; lines of a
    // list or table (`屏幕：6.7英寸OLED`, `牛腩 800克`) stop wherever their item does.
    // A break before a list's item is the item's, wrapped text or not: it counts
    // for nothing, and nor do the breaks between lines after a line that ends
    // in a colon (`三所幼儿园分别是：`, then their names).
    let pairs = || {
        blocks().flat_map(|b| {
            let listed_from = b.iter().position(|l| l.text.ends_with(['：', ':'])).map_or(b.len(), |i| i + 1);
            b.windows(2)
                .enumerate()
                .filter(move |&(i, w)| i < listed_from && !ends_line_unit(w[0].text) && !is_list_line(w[1].text))
                .map(|(_, w)| w)
        })
    };
    let room_left = |line: &BodyLine, next: &BodyLine| room_left_within(line, next, full);
    // Measured against a margin no odd long line sets (an unbreakable URL overruns
    // a Latin margin), as most open lines reach it.
    let mut sorted = open_len.clone();
    sorted.sort_unstable();
    let typical_full =
        if cjk { full } else { sorted.get(sorted.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(full).min(full) };
    let (considered, with_room) =
        pairs().fold((0, 0), |(n, room), w| (n + 1, room + usize::from(room_left_within(&w[0], &w[1], typical_full))));
    // Its margin is not a narrow one; and where a few open lines are all there is
    // to go by, few lines run much beyond it (`联系人：韦警官` among long lines is
    // no wrapped text; a page may mix wrapped and unwrapped paragraphs).
    let beyond = blocks().flatten().filter(|l| l.info.length(unit) > full + (full / 10).max(2)).count();
    let lines = blocks().flatten().count();
    let narrowest = if unit == Unit::Chars { 8 } else { 16 };
    let few = open.len() < 4;
    if (!few && with_room * 10 > considered * 3) || (few && beyond * 10 > lines * 3) || full < narrowest {
        return blocks().flatten().map(|l| l.text.to_string()).filter(|t| !t.is_empty()).collect();
    }

    let mut out = Vec::new();
    for block in blocks() {
        let indent_marks = block.first().is_some_and(|l| l.indented) && block.iter().any(|l| !l.indented);
        let mut acc = String::new();
        for (i, line) in block.iter().enumerate() {
            join_onto(&mut acc, line.text, cjk);
            let Some(next) = block.get(i + 1) else {
                continue;
            };
            // A line ending a sentence, or far short of the margin (a heading,
            // a list's item; not a word cut by a hyphen), ends its paragraph
            // where the next line's start would have fitted on it.
            let short = line.info.length(unit) * 4 <= full * 3 && !line.text.ends_with('-');
            let next_item = is_list_line(next.text);
            if ((ends_line_unit(line.text) || short) && room_left(line, next))
                || (indent_marks && next.indented)
                || next_item
                || is_table_row(line.text)
            {
                out.push(std::mem::take(&mut acc));
            }
        }
        if !acc.is_empty() {
            out.push(acc);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_capped_is_the_width_up_to_its_cap() {
        let pieces = ["a", "中", "，", "é", "𠀀", "🙂", " ", "ｆ", "한"];
        let mut next = crate::test_numbers(0x0D1F_6A2B_93C4_E557u64);
        for _ in 0..20_000 {
            let s: String = (0..next() % 60).map(|_| pieces[next() % pieces.len()]).collect();
            let cap = next() % 50;
            let (w, capped) = (width(&s), width_capped(&s, cap));
            if w <= cap {
                assert_eq!(capped, w, "{s:?} {cap}");
            } else {
                assert!(capped > cap, "{s:?} {cap}");
            }
        }
    }

    fn paras(blocks: &[Vec<&str>]) -> Vec<String> {
        let blocks: Vec<Vec<BodyLine>> = blocks
            .iter()
            .map(|b| b.iter().map(|&text| BodyLine { text, indented: false, info: line_info(text) }).collect())
            .collect();
        paragraphs(&blocks)
    }

    #[test]
    fn table_rows_are_not_wrapped_text() {
        let rows = paras(&[vec![
            "2024年普通高校招生各批次录取控制分数线公布如下，考生可登",
            "录招生考试院网站查询本人成绩和各批次录取控制线，具体安排",
            "如下表所列，请考生和家长认真核对，以免耽误后续填报志愿工",
            "作的正常进行，各批次分数线如下。",
            "批次                    历史类    物理类",
            "本科批                  452       431",
            "专科批                  180       180",
        ]]);
        assert_eq!(rows.len(), 4, "{rows:#?}");
        assert_eq!(rows[2], "本科批                  452       431");
        assert_eq!(paras(&[vec!["品項\t均價", "金鑽鳳梨\t28.5"]]), ["品項\t均價", "金鑽鳳梨\t28.5"]);
        // A tab or a justified gap inside wrapped prose is no cell.
        let prose = paras(&[vec![
            "The city council voted on Monday to approve a new riverside\tpark and a",
            "boardwalk along the eastern bank, after a debate that lasted more than",
            "three hours and drew dozens of residents to the public gallery, who",
            "cheered when the vote was announced late in the evening after the meeting.",
        ]]);
        assert_eq!(prose.len(), 1, "{prose:#?}");
    }

    #[test]
    fn crlf_and_cr_are_line_breaks() {
        assert_eq!(normalize_lines("a\r\nb\rc\nd").0, ["a", "b", "c", "d"]);
        assert_eq!(normalize_lines("a\r\n\r\nb").0, ["a", "", "b"]);
        assert_eq!(normalize_lines("a\n\nb").0, ["a", "", "b"]);
        assert_eq!(normalize_lines("a\r\rb").0, ["a", "", "b"]);
    }

    #[test]
    fn indentation_and_invisibles_removed() {
        let (lines, indented) = normalize_lines("\u{3000}\u{3000}正文开始。\n第二行");
        assert_eq!(lines, ["正文开始。", "第二行"]);
        assert_eq!(indented, [true, false]);
        assert_eq!(normalize_lines("    indented\t ").0, ["indented"]);
        assert_eq!(normalize_lines("\u{feff}标题\u{200b}").0, ["标题"]);
        assert_eq!(normalize_lines("x\u{0}y").0, ["xy"]);
        // inner ideographic spaces are content and stay
        assert_eq!(normalize_lines("版权所有　澜江网").0, ["版权所有　澜江网"]);
    }

    #[test]
    fn unwanted_byte_check_agrees_with_chars() {
        let unwanted =
            |c: char| c.is_control() && c != '\t' || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}');
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(may_hold_unwanted(&s, false), unwanted(c), "U+{:04X}", c as u32);
            let newline = matches!(c, '\n' | '\r');
            assert_eq!(may_hold_unwanted(&s, true), unwanted(c) && !newline, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn case_folding_assumption_of_contains_ascii_ci() {
        // `(?i)` maps only ASCII letters to these letters (not so for k and s).
        let re = regex::Regex::new("(?i)^[abcdefghijlmnopqrtuvwxyz]$").expect("regex");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                re.is_match(&c.to_string()),
                c.is_ascii_alphabetic() && !matches!(c, 'k' | 'K' | 's' | 'S'),
                "{c}"
            );
        }
        assert!(contains_ascii_ci("Posted 3 Days AGO", "ago"));
        assert!(!contains_ascii_ci("a", "ago"));
    }

    #[test]
    fn contains_ascii_ci_agrees_with_lowercasing() {
        let pieces =
            ["a", "G", "AGO", "b", "By", "y", "ago", " ", "中", "ſ", "Ａ", "now", "No", "toda", "Y", "jus", "t n"];
        let mut next = crate::test_numbers(0x5851_F42D_4C95_7F2Du64);
        for _ in 0..20_000 {
            let s: String = (0..next() % 10).map(|_| pieces[next() % pieces.len()]).collect();
            for needle in ["ago", "by", "now", "a", "gon", "today", "just now"] {
                let want = s.to_ascii_lowercase().contains(needle);
                assert_eq!(contains_ascii_ci(&s, needle), want, "{s:?} {needle}");
                for anchor in 0..needle.len() {
                    assert_eq!(contains_ascii_ci_by(&s, needle, anchor), want, "{s:?} {needle} {anchor}");
                }
            }
        }
    }

    /// `line_info` of `s` from the per-character definitions, one character at a time.
    fn line_info_by_chars(s: &str) -> LineInfo {
        let mut info = LineInfo { width: 0, cues: 0, chars: 0, han: 0, latin: 0, scripts: ScriptCounts::default() };
        for c in s.chars() {
            info.scripts.add(corpusmill_repair::char_class(c), 1);
            info.width += char_width(c);
            info.cues |= if c.is_ascii() { ASCII_CUES[c as usize] } else { wide_cues_unfiltered(c) };
            info.chars += 1;
            if is_han(c) {
                info.han += 1;
            } else if c.is_alphabetic() && !is_common_cjk_punct(c) {
                info.latin += 1;
            }
        }
        info
    }

    /// Every class a BMP character has is one the facts table can hold.
    #[test]
    fn every_script_class_is_known() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let class = corpusmill_repair::char_class(c);
            assert!(SCRIPT_CLASSES.contains(&class), "U+{:04X}: class {class:#x}", c as u32);
        }
    }

    #[test]
    fn line_info_agrees_with_the_definitions_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("中{c}a")] {
                assert_eq!(line_info(&s), line_info_by_chars(&s), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn line_info_agrees_with_the_definitions_on_mixed_lines() {
        let pieces = [
            "abc", " ", "中文", "，。", "：", "Ω", "é", "ｶ", "한국", "𠀀", "😀", "①", "〇", "０９", "»", "ﬁ",
            "\u{301}", "A1:", "】", "编者", "2024年", "　", "|",
        ];
        let mut next = crate::test_numbers(0x9E37_79B9_7F4A_7C15u64);
        for _ in 0..5000 {
            let s: String = (0..next() % 24).map(|_| pieces[next() % pieces.len()]).collect();
            assert_eq!(line_info(&s), line_info_by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn line_info_matches_its_parts() {
        for line in
            ["", "abc: 1", "免责声明：本文【仅】供参考。", "Home > News | 2025", "记者 二〇二五年 ©", "字号（大）"]
        {
            let info = line_info(line);
            assert_eq!(info.width, width(line), "{line}");
            let has = |chars: &[char]| line.contains(chars);
            assert_eq!(info.cues & cue::COLON != 0, has(&[':', '：']), "{line}");
            assert_eq!(info.cues & cue::CLOSE_SQUARE != 0, has(&[']', '】']), "{line}");
            assert_eq!(info.cues & cue::CLOSE_PAREN != 0, has(&[')', '）']), "{line}");
            assert_eq!(
                info.cues & cue::DIGIT != 0,
                line.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            );
            assert_eq!(info.cues & cue::REPORTER != 0, has(&['者', '撰', '报', '報']), "{line}");
        }
    }

    #[test]
    fn cue_filter_and_punctuation_shortcut() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let low = c as u32 & 0xFF;
            let passes = WIDE_CUE_FILTER[(low >> 6) as usize] & (1 << (low & 63)) != 0;
            assert!(passes || wide_cues_unfiltered(c) == 0, "{c}");
            assert!(!(is_common_cjk_punct(c) && c.is_alphabetic()), "{c}");
        }
    }

    #[test]
    fn line_lengths_agree_with_counting() {
        for line in ["", "plain ascii", "中文，混合 text。", "ｆｕｌｌ　ｗｉｄｔｈ", "𠀀𠀁 emoji 🙂"]
        {
            let info = line_info(line);
            assert_eq!(info.length(Unit::Chars), line.chars().count(), "{line}");
            assert_eq!(info.length(Unit::Columns), width(line), "{line}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("中文"), 4);
        assert_eq!(width("，。"), 4);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(width(&c.to_string()), if is_wide(c) { 2 } else { 1 });
        }
    }

    #[test]
    fn one_line_per_paragraph_is_kept() {
        let blocks = vec![vec!["第一段。", "第二段很长很长。", "第三段。"]];
        assert_eq!(paras(&blocks), ["第一段。", "第二段很长很长。", "第三段。"]);
    }

    #[test]
    fn hard_wrapped_chinese_joined_without_space() {
        let blocks = vec![
            vec!["今年全市计划改造老旧小区八十六个，涉及楼栋六", "百余栋、居民两万余户。"],
            vec![
                "改造内容分为基础类、完善类和提升类三种。基础",
                "类主要包括雨污分流和外墙保温，提升类包括加装",
                "电梯。",
            ],
        ];
        assert_eq!(
            paras(&blocks),
            [
                "今年全市计划改造老旧小区八十六个，涉及楼栋六百余栋、居民两万余户。",
                "改造内容分为基础类、完善类和提升类三种。基础类主要包括雨污分流和外墙保温，提升类包括加装电梯。"
            ]
        );
    }

    #[test]
    fn hard_wrapped_mixed_digits_no_space() {
        let blocks = vec![vec!["项目给予每台最高20", "万元补贴，以甲型H3", "N2为主。"]];
        assert_eq!(paras(&blocks), ["项目给予每台最高20万元补贴，以甲型H3N2为主。"]);
    }

    #[test]
    fn hard_wrapped_english_joined_with_space() {
        let blocks = vec![vec![
            "Three schools will begin classes later from",
            "next term as part of a well-",
            "known two-year trial.",
        ]];
        assert_eq!(
            paras(&blocks),
            ["Three schools will begin classes later from next term as part of a well-known two-year trial."]
        );
    }

    #[test]
    fn list_lines_ending_in_a_colon_or_semicolon_stay_lines() {
        let block = [
            "预计22日至24日我市有一次强降雨过程，并伴有短时强降水。",
            "具体预报如下：",
            "22日：阴有中到大雨，局部暴雨，25～30℃，东南风3～4级；",
            "23日：大雨到暴雨，局部大暴雨，24～28℃；",
            "24日：中雨转阵雨，24～29℃。",
        ];
        assert_eq!(paras(&[block.to_vec()]), block);
    }

    /// A list of items that stop wherever they end is no wrapped text, nor is one
    /// short open line among long single-line paragraphs.
    #[test]
    fn lists_and_lone_short_lines_are_not_wrapped_text() {
        let specs = [
            "核心参数",
            "屏幕：6.7英寸OLED，分辨率2800×1260，最高刷新率120Hz",
            "处理器：岚芯K9，4纳米工艺",
            "内存：12GB+256GB / 16GB+512GB",
            "电池：5600mAh，支持90W有线快充",
            "重量：212克",
        ];
        assert_eq!(paras(&[specs.to_vec()]), specs);
        let contact = vec![
            "为尽快侦破案件，现向社会公开征集线索。凡提供线索直接协助公安机关破案的，视情给予人民币5000元至20000元奖励。",
            "联系人：韦警官、聂警官",
            "联系电话：0871-6233110（24小时值班）",
            "同时提醒广大居民：夜间休息前请关好门窗，低楼层住户可加装防盗窗或门窗报警器，贵重物品不要随意放置在靠窗位置。",
        ];
        assert_eq!(paras(std::slice::from_ref(&contact)), contact);
    }

    /// In a wrapped text a heading or list item far short of the margin ends its
    /// paragraph even without a full stop.
    #[test]
    fn short_open_line_in_wrapped_text_ends_its_paragraph() {
        let block = vec![
            "The council said the new bridge would open in the spring",
            "after two years of work on the crossing and its approaches,",
            "which had been delayed by flooding in the winter months and",
            "by a shortage of steel in the year before.",
            "What happens next",
            "Traffic on the old road has doubled since the factory opened",
            "last year, and officials say a second crossing is needed soon",
            "if the town is to keep growing at its present rate.",
        ];
        let p = paras(&[block]);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[1], "What happens next");
    }

    /// Nor does a list of names after a colon, in text wrapped at 20 characters.
    #[test]
    fn wrapped_chinese_with_a_list_after_a_colon() {
        let blocks = vec![
            vec![
                "记者从市教育局获悉，岚港新建的三所公办幼",
                "儿园将于9月投入使用，今年秋季学期将新增学",
                "位1260个，缓解城区入园难问题。",
            ],
            vec!["三所幼儿园分别是：", "岚港市第六幼儿园", "岚港市第七幼儿园", "岚港市滨江幼儿园"],
            vec![
                "市教育局有关负责人表示，下一步将继续扩大普",
                "惠性学前教育资源供给，力争到2025年全市公",
                "办园在园幼儿占比达到六成以上。",
            ],
        ];
        let p = paras(&blocks);
        assert_eq!(p[0], "记者从市教育局获悉，岚港新建的三所公办幼儿园将于9月投入使用，今年秋季学期将新增学位1260个，缓解城区入园难问题。");
        assert_eq!(p[1..5], ["三所幼儿园分别是：", "岚港市第六幼儿园", "岚港市第七幼儿园", "岚港市滨江幼儿园"]);
        assert_eq!(p.len(), 6, "{p:?}");
    }

    /// A list inside wrapped text does not make the text unwrapped.
    #[test]
    fn wrapped_text_with_a_list() {
        let blocks = vec![
            vec![
                "Brackmoor council has approved a 14 million pound flood",
                "defence scheme for the River Alder, after two winters in",
                "which hundreds of homes in the old quarter were flooded.",
            ],
            vec![
                "The plan includes:",
                "- new embankments on both banks",
                "- a storage lake upstream",
                "- pumps in the old quarter",
            ],
            vec![
                "Work will begin in the summer and is expected to take two",
                "years, the council leader, Margaret Oyelaran, told a packed",
                "meeting at the town hall on Tuesday evening.",
            ],
        ];
        let p = paras(&blocks);
        assert!(p[0].starts_with("Brackmoor council") && p[0].ends_with("were flooded."), "{p:?}");
        assert!(p.last().is_some_and(|l| l.starts_with("Work will begin") && l.ends_with("Tuesday evening.")), "{p:?}");
    }

    #[test]
    fn wrapped_without_blank_lines_splits_at_short_sentence_end() {
        let blocks = vec![vec![
            "The council said the new bridge would open in",
            "the spring after two years of work on it.",
            "Residents said they were pleased.",
            "Traffic on the old road has doubled since the",
            "factory opened last year, and officials say a",
            "second crossing is needed.",
        ]];
        let p = paras(&blocks);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("were pleased."));
    }

    #[test]
    fn script_detection() {
        assert!(mostly_cjk(["澜江日报 Daily"]));
        assert!(!mostly_cjk(["Northgate Daily 日报"]));
    }
}
