//! Calendar arithmetic and the date formats printed in article dumps.
//!
//! Dates are kept as printed (no time-zone conversion): `2025-02-28T23:30:00-05:00` is
//! 2025-02-28 because that is the day the page shows its readers.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::lines::is_date_word;
use crate::Date;

impl Date {
    /// A validated date: `None` for impossible days such as February 30.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Arrow `date32`). Out-of-range fields are clamped, never panic.
    pub fn days_since_unix_epoch(&self) -> i32 {
        let days = days_from_civil(i64::from(self.year), self.month.clamp(1, 12), self.day.clamp(1, 31));
        days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
    }

    /// The inverse of [`Date::days_since_unix_epoch`].
    pub fn from_days_since_unix_epoch(days: i32) -> Date {
        let (year, month, day) = civil_from_days(i64::from(days));
        Date { year: year as i32, month, day }
    }

    /// This date moved by `days` (negative moves back).
    pub fn add_days(&self, days: i64) -> Date {
        let d = i64::from(self.days_since_unix_epoch()) + days;
        Date::from_days_since_unix_epoch(d.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's `days_from_civil`: proleptic Gregorian, exact for any i64 year we meet.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// What a date expression in a line says, before the context (header year, crawl time)
/// is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateSpec {
    /// A complete, valid calendar date.
    Absolute(Date),
    /// `2月28日`: the year must come from elsewhere in the dump.
    MonthDay { month: u32, day: u32 },
    /// `3天前` / `3 days ago`; `None` minutes when the unit is too vague (months).
    Relative { minutes: Option<i64> },
    /// Looked like a date but is not one (`2025-02-30`): consumed, yields nothing.
    Invalid,
}

/// A date expression found in a line: byte range in the searched string, and any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateHit {
    pub spec: DateSpec,
    /// Hour and minute printed right after the date, if any.
    pub time: Option<(u32, u32)>,
    pub start: usize,
    pub end: usize,
}

/// Which kinds of expressions a caller accepts. Year-less and relative dates are only
/// trusted on meta lines; a crawl stamp must be absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    AbsoluteOnly,
    Any,
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2}))").expect("static regex")
});
static CJK_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?").expect("static regex"));
static CJK_NUMERALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十廿卅]{1,4})\s*[日号號]",
    )
    .expect("static regex")
});
static ROC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:中華|中华)?民[國国]\s*([\d〇零一二三四五六七八九十百]{1,7})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十廿卅]{1,4})\s*[日号號]?",
    )
    .expect("static regex")
});
/// A year of the Republic of China written without `民國` (`113年8月14日`, Taiwan's
/// papers): two or three digits, read as such only from 70 to 130 (1981–2041), where no
/// four-digit year could be meant.
static ROC_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]").expect("static regex"));
/// The years [`ROC_BARE`] takes.
const ROC_BARE_YEARS: std::ops::RangeInclusive<i64> = 70..=130;

/// The Gregorian year of a year of the Republic written in `digits` alone, when
/// it is one of [`ROC_BARE_YEARS`].
fn roc_bare_year(digits: &str) -> Option<i64> {
    num(digits).filter(|y| ROC_BARE_YEARS.contains(y)).map(|y| y + 1911)
}
/// `03/26/2024` (American) or `26/03/2024`, `19-03-2024`, `19.03.2024` (day first):
/// read only where one of the two numbers cannot be a month; `03/04/2024` stays
/// unread. Both separators are the same.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})-(\d{1,2})-(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4})")
        .expect("static regex")
});
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})").expect("static regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})").expect("static regex")
});
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]").expect("static regex"));
static REL_CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d+|[一二两兩三四五六七八九十半几幾]+)\s*(分钟|分鐘|小时|小時|个小时|個小時|天|日|周|週|星期|个星期|個星期|个月|個月)\s*[之以]?前|昨天|昨日|前天|今天|刚刚|剛剛",
    )
    .expect("static regex")
});
static REL_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(minute|min|hour|hr|day|week|month)s?\s+ago(?-u:\b)|(?-u:\b)(yesterday|today|just now)(?-u:\b)",
    )
    .expect("static regex")
});
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:T|\s*)(\d{1,2}):(\d{2})(?::\d{2})?(?:\.\d+)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|[AaPp]\.?[Mm](?-u:\b)\.?))?")
        .expect("static regex")
});

/// Every pattern below needs a digit, a Chinese numeral or one of a few
/// relative words; most lines of a dump have none, and skipping the dozen
/// regex searches for them is most of the extractor's time on such lines.
pub(crate) fn may_hold_date(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) || (!s.is_ascii() && s.chars().any(is_date_word)) {
        return true;
    }
    // Each found by its rarest letter: English lines hold an `a` or a `t` every few bytes.
    [("ago", 1), ("yesterday", 0), ("today", 4), ("just now", 0)]
        .iter()
        .any(|&(w, anchor)| crate::lines::contains_ascii_ci_by(s, w, anchor))
}

/// A date of the Republic of China in numbers after a date label (`發布日期：113-10-05`):
/// without the label three numbers are anything.
static ROC_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:日期|时间|時間)\s*[：:]\s*((\d{2,3})[-/.](\d{1,2})[-/.](\d{1,2}))").expect("static regex")
});

/// The date of [`ROC_NUMERIC`] in `s`, its years read as [`ROC_BARE`]'s are. For
/// lines with a label: the caller tests for a colon.
pub(crate) fn find_roc_numeric(s: &str) -> Option<DateHit> {
    let c = ROC_NUMERIC.captures(s)?;
    let m = c.get(1)?;
    if digit_after(s, m.end()) {
        return None;
    }
    let year = roc_bare_year(&c[2])?;
    let hit = absolute_hit(s, m.start(), m.end(), Some(year), num(&c[3]), num(&c[4]));
    matches!(hit.spec, DateSpec::Absolute(_)).then_some(hit)
}

/// A line that is nothing but a Republic of China date with a year of three digits
/// and two-digit month and day (`113.06.18`, `113/06/18 14:05`), as Taiwanese
/// sites print it under the headline; a version (`112.5.3`) has single digits.
static ROC_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*((1\d{2})(?:\.(\d{2})\.(\d{2})|/(\d{2})/(\d{2})|-(\d{2})-(\d{2})))(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    )
    .expect("static regex")
});

/// The date of a line that is [`ROC_LINE`].
pub(crate) fn find_roc_line(s: &str) -> Option<DateHit> {
    // The pattern's first non-blank is the year's `1` (`\s` and `trim_start` agree on blanks).
    if !s.trim_start().starts_with('1') {
        return None;
    }
    let c = ROC_LINE.captures(s)?;
    let m = c.get(1)?;
    let year = roc_bare_year(&c[2])?;
    let (month, day) = match (c.get(3), c.get(5), c.get(7)) {
        (Some(mo), _, _) => (mo.as_str(), c.get(4)?.as_str()),
        (_, Some(mo), _) => (mo.as_str(), c.get(6)?.as_str()),
        (_, _, Some(mo)) => (mo.as_str(), c.get(8)?.as_str()),
        _ => return None,
    };
    let hit = absolute_hit(s, m.start(), m.end(), Some(year), num(month), num(day));
    matches!(hit.spec, DateSpec::Absolute(_)).then_some(hit)
}

/// Finds the first date expression in `s` (earliest start; the longest at equal starts).
pub(crate) fn find_date(s: &str, scope: Scope) -> Option<DateHit> {
    if !may_hold_date(s) {
        return None;
    }
    let mut best: Option<DateHit> = None;
    let mut offer = |hit: DateHit| {
        let better = match &best {
            None => true,
            Some(b) => hit.start < b.start || (hit.start == b.start && hit.end > b.end),
        };
        if better {
            best = Some(hit);
        }
    };

    // Each pattern runs only when the characters it cannot match without are present.
    // A year: four digits, which every absolute pattern but the Chinese-numeral ones needs.
    let year = has_four_digits_in_a_row(s);
    let numeric = year && s.contains(['-', '/', '.']);
    let nian_yue = s.contains('年') && s.contains('月');
    let ascii_letters = s.bytes().any(|b| b.is_ascii_alphabetic());
    for c in captures_if(numeric, &NUMERIC, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        if digit_before(s, m.start()) || digit_after(s, m.end()) {
            continue;
        }
        let (mo, d) = [(2, 3), (4, 5), (6, 7)]
            .iter()
            .find_map(|&(a, b)| Some((c.get(a)?, c.get(b)?)))
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unwrap_or(("", ""));
        offer(absolute_hit(s, m.start(), m.end(), num(&c[1]), num(mo), num(d)));
    }
    for c in captures_if(nian_yue && year, &CJK_DIGITS, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        if digit_before(s, m.start()) {
            continue;
        }
        offer(absolute_hit(s, m.start(), m.end(), num(&c[1]), num(&c[2]), num(&c[3])));
    }
    for c in captures_if(nian_yue, &CJK_NUMERALS, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        let year = c[1].chars().try_fold(0i64, |acc, ch| Some(acc * 10 + cjk_digit(ch)?));
        offer(absolute_hit(s, m.start(), m.end(), year, cjk_number(&c[2]), cjk_number(&c[3])));
    }
    for c in captures_if(nian_yue && s.contains('民'), &ROC, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        let year = cjk_number(&c[1]).map(|y| y + 1911);
        offer(absolute_hit(s, m.start(), m.end(), year, cjk_number(&c[2]), cjk_number(&c[3])));
    }
    // A line with a year of four digits is read by the patterns above.
    for c in captures_if(nian_yue && !year, &ROC_BARE, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        let Some(year) = roc_bare_year(&c[1]) else { continue };
        if digit_before(s, m.start()) {
            continue;
        }
        offer(absolute_hit(s, m.start(), m.end(), Some(year), num(&c[2]), num(&c[3])));
    }
    for c in captures_if(year && s.contains(['/', '-', '.']), &DAY_MONTH_YEAR, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        if digit_before(s, m.start()) || digit_after(s, m.end()) || s[..m.start()].ends_with(['/', '-', '.']) {
            continue;
        }
        let Some((a, b, y)) = [1, 4, 7].iter().find_map(|&k| Some((c.get(k)?, c.get(k + 1)?, c.get(k + 2)?))) else {
            continue;
        };
        let (Some(a), Some(b), year) = (num(a.as_str()), num(b.as_str()), y.as_str()) else { continue };
        let (month, day) = match (a <= 12, b <= 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => continue,
        };
        offer(absolute_hit(s, m.start(), m.end(), num(year), Some(month), Some(day)));
    }
    // A day and a year: two runs of digits (most lines with a year hold it alone).
    let day_and_year = ascii_letters && year && has_two_digit_runs(s);
    for c in captures_if(day_and_year, &MONTH_FIRST, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        let Some(month) = month_from_name(&c[1]) else {
            continue;
        };
        if digit_after(s, m.end()) {
            continue;
        }
        offer(absolute_hit(s, m.start(), m.end(), num(&c[3]), Some(month), num(&c[2])));
    }
    for c in captures_if(day_and_year, &DAY_FIRST, s).into_iter().flatten() {
        let Some(m) = c.get(0) else { continue };
        let Some(month) = month_from_name(&c[2]) else {
            continue;
        };
        if digit_after(s, m.end()) {
            continue;
        }
        offer(absolute_hit(s, m.start(), m.end(), num(&c[3]), Some(month), num(&c[1])));
    }

    if scope == Scope::Any {
        for c in captures_if(s.contains('月'), &MONTH_DAY, s).into_iter().flatten() {
            let Some(m) = c.get(0) else { continue };
            if digit_before(s, m.start()) {
                continue;
            }
            let (month, day) = (num(&c[1]).unwrap_or(0), num(&c[2]).unwrap_or(0));
            let valid = (1..=12).contains(&month) && (1..=days_in_month(2000, month as u32)).contains(&(day as u32));
            let spec =
                if valid { DateSpec::MonthDay { month: month as u32, day: day as u32 } } else { DateSpec::Invalid };
            offer(with_time(s, spec, m.start(), m.end()));
        }
        let rel_cjk = s.contains(['前', '昨', '今', '刚', '剛']);
        for c in captures_if(rel_cjk, &REL_CJK, s).into_iter().flatten() {
            let Some(m) = c.get(0) else { continue };
            let minutes = match (c.get(1), c.get(2)) {
                (Some(n), Some(unit)) => {
                    let n =
                        if n.as_str() == "半" { Some(0) } else { num(n.as_str()).or_else(|| cjk_number(n.as_str())) };
                    n.and_then(|n| unit_minutes(unit.as_str()).map(|u| n * u))
                }
                _ => match m.as_str() {
                    "昨天" | "昨日" => Some(1440),
                    "前天" => Some(2880),
                    _ => Some(0),
                },
            };
            offer(DateHit { spec: DateSpec::Relative { minutes }, time: None, start: m.start(), end: m.end() });
        }
        // `yesterday` is tested as `terday`: `(?i)s` also matches ſ.
        let rel_en = ascii_letters
            && [("ago", 1), ("today", 4), ("now", 2), ("terday", 5)]
                .iter()
                .any(|&(w, anchor)| crate::lines::contains_ascii_ci_by(s, w, anchor));
        for c in captures_if(rel_en, &REL_EN, s).into_iter().flatten() {
            let Some(m) = c.get(0) else { continue };
            let minutes = match (c.get(1), c.get(2)) {
                (Some(n), Some(unit)) => {
                    english_number(n.as_str()).and_then(|n| unit_minutes(unit.as_str()).map(|u| n * u))
                }
                _ => match m.as_str().to_ascii_lowercase().as_str() {
                    "yesterday" => Some(1440),
                    _ => Some(0),
                },
            };
            offer(DateHit { spec: DateSpec::Relative { minutes }, time: None, start: m.start(), end: m.end() });
        }
    }
    best
}

/// Whether four characters in a row are digits as the patterns' `\d` takes them
/// (any Unicode decimal digit; `is_numeric`, a superset, stands in for it).
pub(crate) fn has_four_digits_in_a_row(s: &str) -> bool {
    let mut run = 0;
    if s.is_ascii() {
        for b in s.bytes() {
            run = if b.is_ascii_digit() { run + 1 } else { 0 };
            if run == 4 {
                return true;
            }
        }
        return false;
    }
    for c in s.chars() {
        run = if is_digit_like(c) { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Whether `s` holds two runs of digits (as [`has_four_digits_in_a_row`] takes
/// them, a superset of `\d`) apart: what [`MONTH_FIRST`] and [`DAY_FIRST`] need
/// for a day and a year, which blanks part.
fn has_two_digit_runs(s: &str) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    for c in s.chars() {
        let digit = is_digit_like(c);
        if digit && !in_run {
            runs += 1;
            if runs == 2 {
                return true;
            }
        }
        in_run = digit;
    }
    false
}

/// A character `\d` may match, as the digit tests above take them.
fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || may_be_other_digit(c)
}

/// A non-ASCII character `\d` might match: none below U+0660 (Arabic-Indic digits)
/// or among the Han ideographs.
fn may_be_other_digit(c: char) -> bool {
    let cp = c as u32;
    cp >= 0x0660 && !(0x3400..=0x9FFF).contains(&cp) && is_numeric(c)
}

/// `char::is_numeric`, from a bitmap for the BMP: Chinese text asks it of every
/// punctuation mark, and the standard library's table search was a quarter of
/// the test for four digits in a row.
fn is_numeric(c: char) -> bool {
    static BMP: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for cp in 0..0x10000u32 {
            if char::from_u32(cp).is_some_and(char::is_numeric) {
                bits[(cp / 64) as usize] |= 1 << (cp % 64);
            }
        }
        bits
    });
    let cp = c as u32;
    match BMP.get((cp / 64) as usize) {
        Some(word) => word & (1 << (cp % 64)) != 0,
        None => c.is_numeric(),
    }
}

/// The matches of `re` in `s`, looked for only when `worth` (a cheap test for
/// characters the pattern needs) holds and `is_match` finds one: its lazy DFA
/// rejects a line far sooner than the capture engine gets going.
fn captures_if<'h>(worth: bool, re: &'static Regex, s: &'h str) -> Option<regex::CaptureMatches<'static, 'h>> {
    (worth && re.is_match(s)).then(|| re.captures_iter(s))
}

/// Resolves a relative expression against a crawl stamp (date and optional time of day).
pub(crate) fn resolve_relative(minutes: i64, base: Date, base_time: Option<(u32, u32)>) -> Date {
    match base_time {
        Some((h, m)) => {
            let at = i64::from(h) * 60 + i64::from(m) - minutes;
            base.add_days(at.div_euclid(1440))
        }
        None => base.add_days(-(minutes / 1440)),
    }
}

fn absolute_hit(s: &str, start: usize, end: usize, year: Option<i64>, month: Option<i64>, day: Option<i64>) -> DateHit {
    let date = match (year, month, day) {
        (Some(y), Some(m), Some(d)) if (1000..=9999).contains(&y) && (1..=12).contains(&m) => {
            Date::new(y as i32, m as u32, d.clamp(0, 99) as u32)
        }
        _ => None,
    };
    let spec = date.map_or(DateSpec::Invalid, DateSpec::Absolute);
    with_time(s, spec, start, end)
}

/// Extends a hit over a time of day printed right after it (`09:15`, `T08:30:00+08:00`).
fn with_time(s: &str, spec: DateSpec, start: usize, end: usize) -> DateHit {
    let rest = s.get(end..).unwrap_or("");
    if let Some(c) = TIME_AFTER.captures(rest) {
        if let (Some(m), Some(h), Some(mi)) = (c.get(0), num(&c[1]), num(&c[2])) {
            if (0..24).contains(&h) && (0..60).contains(&mi) {
                return DateHit { spec, time: Some((h as u32, mi as u32)), start, end: end + m.end() };
            }
        }
    }
    DateHit { spec, time: None, start, end }
}

fn digit_before(s: &str, at: usize) -> bool {
    s.get(..at).and_then(|p| p.chars().next_back()).is_some_and(|c| c.is_ascii_digit())
}

fn digit_after(s: &str, at: usize) -> bool {
    s.get(at..).and_then(|p| p.chars().next()).is_some_and(|c| c.is_ascii_digit())
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.parse().ok()
}

fn cjk_digit(c: char) -> Option<i64> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' | '0' => 0,
        '一' | '1' => 1,
        '二' | '两' | '兩' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => return None,
    })
}

/// Parses `28`, `二十八`, `十`, `廿八`, `一百一十三` or the digit-by-digit `一一三`.
pub(crate) fn cjk_number(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return num(s);
    }
    if !s.contains(['十', '百', '廿', '卅']) {
        return s.chars().try_fold(0i64, |acc, c| Some(acc * 10 + cjk_digit(c)?));
    }
    let mut total = 0i64;
    let mut pending: Option<i64> = None;
    for c in s.chars() {
        match c {
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '廿' => total += 20,
            '卅' => total += 30,
            _ => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(cjk_digit(c)?);
            }
        }
    }
    Some(total + pending.unwrap_or(0))
}

fn english_number(s: &str) -> Option<i64> {
    Some(match s.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        other => return num(other),
    })
}

/// Minutes per unit; `None` for months, whose length makes "3 months ago" unresolvable.
fn unit_minutes(unit: &str) -> Option<i64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "分钟" | "分鐘" | "minute" | "min" => 1,
        "小时" | "小時" | "个小时" | "個小時" | "hour" | "hr" => 60,
        "天" | "日" | "day" => 1440,
        "周" | "週" | "星期" | "个星期" | "個星期" | "week" => 7 * 1440,
        _ => return None,
    })
}

fn month_from_name(name: &str) -> Option<i64> {
    let n = name.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if n == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|full| n == *full || (n.len() == 3 && full.starts_with(n.as_str()))).map(|i| i as i64 + 1)
}

/// Maps full-width digits and date punctuation to ASCII, keeping everything else, so one
/// set of patterns covers `２０２５／２／２８`. Used on meta lines only, never on body text.
pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    // Every character it changes is EF BC 8D..=99 in UTF-8; most lines hold
    // none and are borrowed rather than rebuilt character by character.
    let bytes = s.as_bytes();
    let changes =
        |i: usize| bytes.get(i + 1) == Some(&0xBC) && bytes.get(i + 2).is_some_and(|b| (0x8D..=0x99).contains(b));
    if !memchr::memchr_iter(0xEF, bytes).any(changes) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(ascii_digit).collect())
}

/// [`ascii_digits`] of one character.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
        '－' => '-',
        '．' => '.',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numeric_bitmap_agrees_with_the_standard_library() {
        for cp in (0..0x11000u32).chain([0x1D7CE, 0x1F100, 0x10FFFF]) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_numeric(c), c.is_numeric(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn ascii_digits_copies_lines_it_would_not_change() {
        let by_definition = |s: &str| -> String { s.chars().map(ascii_digit).collect() };
        let pieces = ["２", "０", "－", "．", "／", "，", "（", "ｺ", "ﾃ", "2024", "年", "é", " ", "\u{FF8D}", "\u{EF}"];
        let mut next = crate::test_numbers(0x5EED_D161_7A5C_0011_u64);
        for _ in 0..20_000 {
            let s: String = (0..next() % 8).map(|_| pieces[next() % pieces.len()]).collect();
            assert_eq!(ascii_digits(&s), by_definition(&s), "{s:?}");
        }
    }

    #[test]
    fn patterns_with_a_year_need_four_digits_in_a_row() {
        // Digit runs of one to five (some of them other scripts' digits) between date punctuation.
        let digits = ["2", "0", "1", "9", "٣", "۵", "߁", "१", "Ⅳ", "½", "０"];
        let others = ["-", "/", ".", " ", "Feb ", " March ", "年", "月", "日", "a", "th ", ", "];
        let mut next = crate::test_numbers(0x1405_7B7E_F767_814Fu64);
        let (mut matched, mut day_and_year) = (0, 0);
        for _ in 0..40_000 {
            let mut s = String::new();
            for _ in 0..next() % 7 {
                for _ in 0..1 + next() % 5 {
                    s.push_str(digits[next() % digits.len()]);
                }
                s.push_str(others[next() % others.len()]);
            }
            let needs_year =
                [&NUMERIC, &CJK_DIGITS, &MONTH_FIRST, &DAY_FIRST, &DAY_MONTH_YEAR].iter().any(|re| re.is_match(&s));
            if needs_year {
                matched += 1;
                assert!(has_four_digits_in_a_row(&s), "{s:?}");
            }
            if [&MONTH_FIRST, &DAY_FIRST].iter().any(|re| re.is_match(&s)) {
                day_and_year += 1;
                assert!(has_two_digit_runs(&s), "{s:?}");
            }
        }
        assert!(matched > 500, "{matched}");
        assert!(day_and_year > 100, "{day_and_year}");
        assert!(!has_two_digit_runs("began in 2009 and almost double"));
        assert!(has_two_digit_runs("٣ March ٢٠٢٤"));
        assert!(has_four_digits_in_a_row("x٣٣٣٣"));
        let digit = Regex::new(r"^\d$").expect("regex");
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(!digit.is_match(&c.to_string()) || may_be_other_digit(c), "U+{:04X}", c as u32);
        }
        assert!(!has_four_digits_in_a_row("1 2 3 4 12a34"));
    }

    #[test]
    fn may_hold_date_agrees_with_its_definition() {
        const CUES: &[char] = &[
            '〇', '零', '○', 'Ｏ', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九', '十', '廿', '卅',
            '半', '几', '幾', '昨', '今', '刚', '剛',
        ];
        let by_definition = |s: &str| {
            let lower = s.to_ascii_lowercase();
            s.bytes().any(|b| b.is_ascii_digit())
                || s.contains(CUES)
                || ["ago", "yesterday", "today", "just now"].iter().any(|w| lower.contains(w))
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("x{c}");
            assert_eq!(may_hold_date(&s), by_definition(&s), "U+{:04X}", c as u32);
        }
        let pieces = ["a", "G", "AGO", "yes", "Ter", "day", "just", " ", "now", "To", "中", "三", "ſ", "7", "Ｏ"];
        let mut next = crate::test_numbers(0x2545_F491_4F6C_DD1Du64);
        for _ in 0..20_000 {
            let s: String = (0..next() % 8).map(|_| pieces[next() % pieces.len()]).collect();
            assert_eq!(may_hold_date(&s), by_definition(&s), "{s:?}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date { year: y, month: m, day }
    }

    fn abs(s: &str) -> Option<Date> {
        match find_date(s, Scope::Any)?.spec {
            DateSpec::Absolute(d) => Some(d),
            _ => None,
        }
    }

    #[test]
    fn epoch_days_known_values() {
        assert_eq!(d(1970, 1, 1).days_since_unix_epoch(), 0);
        assert_eq!(d(1969, 12, 31).days_since_unix_epoch(), -1);
        assert_eq!(d(2000, 3, 1).days_since_unix_epoch(), 11_017);
        assert_eq!(d(2025, 2, 28).days_since_unix_epoch(), 20_147);
        assert_eq!(d(1900, 1, 1).days_since_unix_epoch(), -25_567);
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days_since_unix_epoch(days);
            assert_eq!(date.days_since_unix_epoch(), days, "{date}");
            assert!(Date::new(date.year, date.month, date.day).is_some());
        }
    }

    #[test]
    fn display_is_iso() {
        assert_eq!(d(2025, 2, 8).to_string(), "2025-02-08");
        assert_eq!(d(987, 12, 31).to_string(), "0987-12-31");
    }

    #[test]
    fn validation() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 1, 0).is_none());
        assert_eq!(find_date("2025-02-30", Scope::Any).map(|h| h.spec), Some(DateSpec::Invalid));
        assert_eq!(abs("2025年2月30日"), None);
    }

    #[test]
    fn numeric_formats() {
        assert_eq!(abs("2025-02-28"), Some(d(2025, 2, 28)));
        assert_eq!(abs("2025/2/28"), Some(d(2025, 2, 28)));
        assert_eq!(abs("2025.02.28"), Some(d(2025, 2, 28)));
        assert_eq!(abs("时间：2025-03-05 14:30"), Some(d(2025, 3, 5)));
        assert_eq!(abs("id 120250228"), None);
        // Day and month told apart only where one cannot be a month.
        assert_eq!(abs("Posted 03/26/2024 07:45 AM"), Some(d(2024, 3, 26)));
        assert_eq!(abs("26/03/2024"), Some(d(2024, 3, 26)));
        assert_eq!(abs("03/04/2024"), None);
        assert_eq!(abs("13/13/2024"), None);
        assert_eq!(abs("ratio 1/03/26/2024"), None);
        assert_eq!(abs("Published: 19-03-2024"), Some(d(2024, 3, 19)));
        assert_eq!(abs("19.03.2024"), Some(d(2024, 3, 19)));
        assert_eq!(abs("05-03-2024"), None);
        assert_eq!(abs("19-03/2024"), None);
        assert_eq!(abs("v1.19.03.2024"), None);
    }

    #[test]
    fn iso_with_offset_keeps_printed_day() {
        let h = find_date("澜江日报 | 2025-02-28T23:15:00-05:00 | 记者", Scope::Any).unwrap();
        assert_eq!(h.spec, DateSpec::Absolute(d(2025, 2, 28)));
        assert_eq!(h.time, Some((23, 15)));
        let s = "澜江日报 | 2025-02-28T23:15:00-05:00 | 记者";
        assert_eq!(&s[h.start..h.end], "2025-02-28T23:15:00-05:00");
    }

    #[test]
    fn cjk_formats() {
        assert_eq!(abs("2025年2月28日"), Some(d(2025, 2, 28)));
        assert_eq!(abs("2025 年 2 月 28 日 09:15"), Some(d(2025, 2, 28)));
        assert_eq!(abs("二〇二五年二月二十八日"), Some(d(2025, 2, 28)));
        assert_eq!(abs("二零二四年十月一日"), Some(d(2024, 10, 1)));
        assert_eq!(abs("二〇二四年十二月三十一日"), Some(d(2024, 12, 31)));
        assert_eq!(abs("民國113年5月22日"), Some(d(2024, 5, 22)));
        assert_eq!(abs("民国一一三年五月二十二日"), Some(d(2024, 5, 22)));
        assert_eq!(abs("民國一百一十三年五月二十二日"), Some(d(2024, 5, 22)));
        // Taiwan's papers print the year of the Republic alone.
        assert_eq!(abs("記者張雅筑／霽川報導　113年8月14日"), Some(d(2024, 8, 14)));
        assert_eq!(abs("89年3月5日"), Some(d(2000, 3, 5)));
        assert_eq!(abs("工程历时30年3月5日竣工"), None);
        assert_eq!(abs("2113年8月14日"), Some(d(2113, 8, 14)));
        // In numbers, only after a date label.
        let roc = |s: &str| find_roc_numeric(s).map(|h| h.spec);
        assert_eq!(roc("發布日期：113-10-05"), Some(DateSpec::Absolute(d(2024, 10, 5))));
        assert_eq!(roc("編號：113-10-05"), None);
        assert_eq!(roc("日期：113-10-052"), None);
        assert_eq!(roc("日期：213-10-05"), None);
    }

    #[test]
    fn english_formats() {
        assert_eq!(abs("Feb 28, 2025"), Some(d(2025, 2, 28)));
        assert_eq!(abs("February 28, 2025"), Some(d(2025, 2, 28)));
        assert_eq!(abs("28 February 2025"), Some(d(2025, 2, 28)));
        assert_eq!(abs("Updated Jun 12, 2024"), Some(d(2024, 6, 12)));
        assert_eq!(abs("By Jo | 4 May 2024 | Post"), Some(d(2024, 5, 4)));
        assert_eq!(abs("Sept. 3rd, 2023"), Some(d(2023, 9, 3)));
        assert_eq!(abs("Foo 28, 2025"), None);
    }

    #[test]
    fn month_day_and_relative() {
        let h = find_date("10月18日 17:40 来源", Scope::Any).unwrap();
        assert_eq!(h.spec, DateSpec::MonthDay { month: 10, day: 18 });
        assert_eq!(h.time, Some((17, 40)));
        assert!(find_date("10月18日", Scope::AbsoluteOnly).is_none());
        let rel = |s| find_date(s, Scope::Any).map(|h| h.spec);
        assert_eq!(rel("3天前"), Some(DateSpec::Relative { minutes: Some(3 * 1440) }));
        assert_eq!(rel("3小時前"), Some(DateSpec::Relative { minutes: Some(180) }));
        assert_eq!(rel("三天前"), Some(DateSpec::Relative { minutes: Some(3 * 1440) }));
        assert_eq!(rel("2 days ago"), Some(DateSpec::Relative { minutes: Some(2880) }));
        assert_eq!(rel("an hour ago"), Some(DateSpec::Relative { minutes: Some(60) }));
        assert_eq!(rel("3个月前"), Some(DateSpec::Relative { minutes: None }));
        assert_eq!(rel("昨天"), Some(DateSpec::Relative { minutes: Some(1440) }));
    }

    #[test]
    fn relative_resolution() {
        let base = d(2025, 3, 1);
        assert_eq!(resolve_relative(3 * 1440, base, None), d(2025, 2, 26));
        assert_eq!(resolve_relative(3 * 1440, base, Some((10, 42))), d(2025, 2, 26));
        assert_eq!(resolve_relative(180, base, Some((1, 0))), d(2025, 2, 28));
        assert_eq!(resolve_relative(180, base, Some((9, 0))), d(2025, 3, 1));
        assert_eq!(resolve_relative(1440, d(2024, 3, 1), None), d(2024, 2, 29));
    }

    #[test]
    fn cjk_numbers() {
        assert_eq!(cjk_number("十"), Some(10));
        assert_eq!(cjk_number("十二"), Some(12));
        assert_eq!(cjk_number("二十"), Some(20));
        assert_eq!(cjk_number("二十八"), Some(28));
        assert_eq!(cjk_number("廿八"), Some(28));
        assert_eq!(cjk_number("一一三"), Some(113));
        assert_eq!(cjk_number("甲"), None);
    }

    #[test]
    fn full_width_digits() {
        assert_eq!(abs(&ascii_digits("２０２５－０２－２８")), Some(d(2025, 2, 28)));
    }

    #[test]
    fn earliest_match_wins() {
        assert_eq!(abs("2024年11月3日 发布，11月2日举行"), Some(d(2024, 11, 3)));
    }
}
