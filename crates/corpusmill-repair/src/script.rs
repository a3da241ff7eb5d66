//! Which Chinese script a text is written in, and a coarse language tag.

use crate::gbk::{big5_pair, in_gb2312, is_han};

/// Simplified (`hans`) or traditional (`hant`) Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    Hans,
    Hant,
}

impl Script {
    pub fn code(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
        }
    }
}

/// How many Han characters are looked at: the script is clear long before.
const SAMPLE_HAN: usize = 4000;

/// How many characters [`detect_lang`] counts.
const LANG_SAMPLE_CHARS: usize = 20_000;

/// What a BMP character counts as, for both decisions: the writing system
/// ([`class::OTHER`]..=[`class::LATIN`]), and for Han characters whether only GB2312 or only
/// Big5 has them.
mod class {
    pub const OTHER: u8 = 0;
    pub const HAN: u8 = 1;
    pub const KANA: u8 = 2;
    pub const HANGUL: u8 = 3;
    pub const CYRILLIC: u8 = 4;
    pub const LATIN: u8 = 5;
    /// Bits over the writing system, on Han characters only.
    pub const SIMPLIFIED: u8 = 0x10;
    pub const TRADITIONAL: u8 = 0x20;
    pub const SYSTEM: u8 = 0x0F;
}

/// The class of every BMP code point, built once (64 KiB): one lookup per
/// character instead of range tests and two table searches.
fn classes() -> &'static [u8; 0x10000] {
    static CLASSES: std::sync::OnceLock<Box<[u8; 0x10000]>> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut table = Box::new([class::OTHER; 0x10000]);
        for (cp, slot) in table.iter_mut().enumerate() {
            let Some(c) = u32::try_from(cp).ok().and_then(char::from_u32) else { continue };
            *slot = match c {
                c if is_han(c) => {
                    class::HAN
                        | match (in_gb2312(c), big5_pair(c).is_some()) {
                            (true, false) => class::SIMPLIFIED,
                            (false, true) => class::TRADITIONAL,
                            _ => 0,
                        }
                }
                '\u{3040}'..='\u{30FF}' => class::KANA,
                '\u{AC00}'..='\u{D7AF}' => class::HANGUL,
                '\u{0400}'..='\u{04FF}' => class::CYRILLIC,
                c if c.is_ascii_alphabetic() => class::LATIN,
                _ => class::OTHER,
            };
        }
        table
    })
}

fn class_of(table: &[u8; 0x10000], c: char) -> u8 {
    table.get(c as usize).copied().unwrap_or(class::OTHER)
}

/// Simplified and traditional characters among the first [`SAMPLE_HAN`] Han
/// characters seen.
#[derive(Default)]
struct ScriptCount {
    han: usize,
    simplified: usize,
    traditional: usize,
}

impl ScriptCount {
    fn add(&mut self, class: u8) {
        if class & class::SYSTEM == class::HAN && self.han < SAMPLE_HAN {
            self.han += 1;
            self.simplified += usize::from(class & class::SIMPLIFIED != 0);
            self.traditional += usize::from(class & class::TRADITIONAL != 0);
        }
    }

    /// Adds the Han characters of `counts`, which the caller has checked fit
    /// in the sample.
    fn add_counts(&mut self, counts: &ScriptCounts) {
        self.han += counts.han;
        self.simplified += counts.simplified;
        self.traditional += counts.traditional;
    }

    fn add_text(&mut self, table: &[u8; 0x10000], text: &str) {
        for c in text.chars() {
            if self.han >= SAMPLE_HAN {
                break;
            }
            self.add(class_of(table, c));
        }
    }

    fn script(&self) -> Option<Script> {
        if self.simplified + self.traditional < 2 {
            None
        } else if self.simplified >= self.traditional {
            Some(Script::Hans)
        } else {
            Some(Script::Hant)
        }
    }
}

/// Decides the script by characters only one of the two national standards
/// has: simplified forms are in GB2312 but not Big5, traditional forms the
/// other way round. `None` when the text has too few of either.
pub fn detect_script(text: &str) -> Option<Script> {
    let mut count = ScriptCount::default();
    count.add_text(classes(), text);
    count.script()
}

/// A coarse language tag from the writing system: `zh`, `ja`, `ko`, `ru`,
/// `en` (Latin text with common English words), `und` otherwise.
pub fn detect_lang(text: &str) -> &'static str {
    detect_lang_and_script(None, text).0
}

/// [`detect_lang`] of `body` and, for Chinese, [`detect_script`] of the title
/// and body together, in one pass over the body.
pub fn detect_lang_and_script(title: Option<&str>, body: &str) -> (&'static str, Option<Script>) {
    let table = classes();
    let mut script = ScriptCount::default();
    script.add_text(table, title.unwrap_or_default());
    // The sample's classes counted by value (all are below 64): one
    // increment per character, the sums worked out once.
    let mut histogram = [0usize; 64];
    let mut chars = body.chars();
    for c in chars.by_ref().take(LANG_SAMPLE_CHARS) {
        histogram[usize::from(class_of(table, c) & 0x3F)] += 1;
    }
    let mut sample = ScriptCounts::default();
    for (class, &n) in (0u8..).zip(&histogram) {
        sample.add(class, n);
    }
    if script.han + sample.han <= SAMPLE_HAN {
        script.add_counts(&sample);
    } else {
        // The sample of Han characters ends inside this text: counted one by one.
        for c in body.chars().take(LANG_SAMPLE_CHARS) {
            script.add(class_of(table, c));
        }
    }
    let lang = lang_of(&sample, body);
    if lang != "zh" {
        return (lang, None);
    }
    script.add_text(table, chars.as_str());
    (lang, script.script())
}

/// [`detect_lang_and_script`] from the counts of the title's and the body's
/// characters, made while the text was read for something else, when they
/// are the whole story: the body (`body_chars` characters long) is within
/// the language sample and title and body within the Han sample. `None`
/// otherwise. `body` is read only for Latin-script text (its words).
pub fn lang_and_script_of_counts(
    title: &ScriptCounts,
    body: &ScriptCounts,
    body_chars: usize,
    body_text: &str,
) -> Option<(&'static str, Option<Script>)> {
    if body_chars > LANG_SAMPLE_CHARS || title.han + body.han > SAMPLE_HAN {
        return None;
    }
    let lang = lang_of(body, body_text);
    if lang != "zh" {
        return Some((lang, None));
    }
    let mut script = ScriptCount::default();
    script.add_counts(title);
    script.add_counts(body);
    Some((lang, script.script()))
}

/// The language tag of a text whose language sample holds `sample`.
fn lang_of(sample: &ScriptCounts, body: &str) -> &'static str {
    let ScriptCounts { han, kana, hangul, cyrillic, latin, .. } = *sample;
    let letters = han + kana + hangul + cyrillic + latin;
    if letters == 0 {
        "und"
    } else if kana * 10 > letters {
        "ja"
    } else if hangul * 5 > letters {
        "ko"
    } else if han * 5 > letters {
        "zh"
    } else if cyrillic * 2 > letters {
        "ru"
    } else if looks_english(body) {
        "en"
    } else {
        "und"
    }
}

/// Characters counted as [`detect_lang_and_script`] counts them: by writing
/// system, Han characters also by the one national standard that has them.
/// Counts of the parts of a text add up to the counts of the whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub han: usize,
    pub kana: usize,
    pub hangul: usize,
    pub cyrillic: usize,
    /// ASCII letters.
    pub latin: usize,
    /// Han characters in GB2312 and not in Big5.
    pub simplified: usize,
    /// Han characters in Big5 and not in GB2312.
    pub traditional: usize,
}

impl ScriptCounts {
    /// The counts of every character of `text`.
    pub fn of(text: &str) -> ScriptCounts {
        let table = classes();
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            counts.add(class_of(table, c), 1);
        }
        counts
    }

    /// Counts `n` characters of class `class` ([`char_class`]).
    pub fn add(&mut self, class: u8, n: usize) {
        let slot = match class & class::SYSTEM {
            class::HAN => {
                self.simplified += if class & class::SIMPLIFIED != 0 { n } else { 0 };
                self.traditional += if class & class::TRADITIONAL != 0 { n } else { 0 };
                &mut self.han
            }
            class::KANA => &mut self.kana,
            class::HANGUL => &mut self.hangul,
            class::CYRILLIC => &mut self.cyrillic,
            class::LATIN => &mut self.latin,
            _ => return,
        };
        *slot += n;
    }
}

impl std::ops::AddAssign for ScriptCounts {
    fn add_assign(&mut self, other: ScriptCounts) {
        self.han += other.han;
        self.kana += other.kana;
        self.hangul += other.hangul;
        self.cyrillic += other.cyrillic;
        self.latin += other.latin;
        self.simplified += other.simplified;
        self.traditional += other.traditional;
    }
}

/// Takes away the counts of a part of the text counted (saturating: never
/// below zero).
impl std::ops::SubAssign for ScriptCounts {
    fn sub_assign(&mut self, other: ScriptCounts) {
        self.han = self.han.saturating_sub(other.han);
        self.kana = self.kana.saturating_sub(other.kana);
        self.hangul = self.hangul.saturating_sub(other.hangul);
        self.cyrillic = self.cyrillic.saturating_sub(other.cyrillic);
        self.latin = self.latin.saturating_sub(other.latin);
        self.simplified = self.simplified.saturating_sub(other.simplified);
        self.traditional = self.traditional.saturating_sub(other.traditional);
    }
}

/// The class of `c` for [`ScriptCounts::add`] (below 64); characters that
/// count for nothing share class 0.
pub fn char_class(c: char) -> u8 {
    class_of(classes(), c)
}

/// Whether `c` is a Han character only GB2312 has (`为`, `约`), or only Big5
/// (`為`, `約`): a simplified or a traditional form.
pub(crate) fn han_form(c: char) -> (bool, bool) {
    let class = char_class(c);
    (class & class::SIMPLIFIED != 0, class & class::TRADITIONAL != 0)
}

/// Whether at least one in ten of the first 2,000 words (runs of ASCII
/// letters) is one of the commonest English words. Split on bytes: every
/// byte of a non-ASCII character separates words, as the character does.
fn looks_english(text: &str) -> bool {
    let (mut words, mut common) = (0usize, 0usize);
    for word in text.as_bytes().split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(2000) {
        words += 1;
        common += usize::from(is_common_english(word));
    }
    words > 0 && common * 10 >= words
}

/// `the`, `and`, `of`, `to`, `in`, `is`, `a`, `that`, `for`, `was`, `with`,
/// `on`, in any case.
fn is_common_english(word: &[u8]) -> bool {
    let mut lower = [0u8; 4];
    let Some(slot) = lower.get_mut(..word.len()) else { return false };
    for (l, &b) in slot.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*slot,
        b"the" | b"and" | b"of" | b"to" | b"in" | b"is" | b"a" | b"that" | b"for" | b"was" | b"with" | b"on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trimming and splitting a text at whitespace moves and drops only
    /// characters that count for nothing, which counts made before it rely on.
    #[test]
    fn whitespace_counts_for_nothing() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let mut counts = ScriptCounts::default();
            counts.add(char_class(c), 1);
            assert_eq!(counts, ScriptCounts::default(), "U+{:04X}", c as u32);
        }
        assert_eq!(ScriptCounts::of("a 中\u{3000}文"), ScriptCounts::of("a中文"));
        assert_eq!(ScriptCounts::of("中文").han, 2);
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(detect_script("发布会上，应对挑战的办法"), Some(Script::Hans));
        assert_eq!(detect_script("發布會上，應對挑戰的辦法"), Some(Script::Hant));
        assert_eq!(detect_script("中国人"), None);
        assert_eq!(detect_script("plain English"), None);
    }

    /// The word test on bytes agrees with splitting characters and comparing
    /// each word with each common word, on random mixes of scripts.
    #[test]
    fn english_word_test_matches_comparing_every_word() {
        fn reference(text: &str) -> bool {
            const COMMON: &[&str] = &["the", "and", "of", "to", "in", "is", "a", "that", "for", "was", "with", "on"];
            let words: Vec<&str> =
                text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(2000).collect();
            let common = words.iter().filter(|w| COMMON.iter().any(|c| c.eq_ignore_ascii_case(w))).count();
            !words.is_empty() && common * 10 >= words.len()
        }
        let pieces = [
            "The ",
            "and ",
            "THAT ",
            "With",
            "café ",
            "naïve ",
            "Ελλάδα ",
            "Москва ",
            "今天",
            "かな",
            "한국어",
            "😀",
            "1234",
            "\n",
            "of",
            "x",
            "toto ",
            "ON",
            "ſ",
            "a",
            "tHe",
            "fore ",
            "ist ",
        ];
        for text in crate::mixes::text_mixes(&pieces, 4000, 40, 0x2545_F491_4F6C_DD1D) {
            assert_eq!(looks_english(&text), reference(&text), "{text:?}");
        }
        let long = "x ".repeat(1990) + &"the ".repeat(300);
        assert_eq!(looks_english(&long), reference(&long));
    }

    /// The one-pass, table-driven decisions agree with counting each
    /// character's ranges and table entries over title + "\n" + body.
    #[test]
    fn one_pass_matches_counting_ranges() {
        fn reference(title: &str, body: &str) -> (&'static str, Option<Script>) {
            let (mut han, mut kana, mut hangul, mut cyrillic, mut latin) = (0usize, 0, 0, 0, 0);
            for c in body.chars().take(LANG_SAMPLE_CHARS) {
                match c {
                    c if is_han(c) => han += 1,
                    '\u{3040}'..='\u{30FF}' => kana += 1,
                    '\u{AC00}'..='\u{D7AF}' => hangul += 1,
                    '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                    c if c.is_ascii_alphabetic() => latin += 1,
                    _ => {}
                }
            }
            let letters = han + kana + hangul + cyrillic + latin;
            let lang = match () {
                _ if letters == 0 => "und",
                _ if kana * 10 > letters => "ja",
                _ if hangul * 5 > letters => "ko",
                _ if han * 5 > letters => "zh",
                _ if cyrillic * 2 > letters => "ru",
                _ if looks_english(body) => "en",
                _ => "und",
            };
            if lang != "zh" {
                return (lang, None);
            }
            let (mut simplified, mut traditional) = (0, 0);
            let sample = format!("{title}\n{body}");
            for c in sample.chars().filter(|&c| is_han(c)).take(SAMPLE_HAN) {
                match (in_gb2312(c), big5_pair(c).is_some()) {
                    (true, false) => simplified += 1,
                    (false, true) => traditional += 1,
                    _ => {}
                }
            }
            let script = match () {
                _ if simplified + traditional < 2 => None,
                _ if simplified >= traditional => Some(Script::Hans),
                _ => Some(Script::Hant),
            };
            (lang, script)
        }
        let pieces = [
            "发布会",
            "發布會",
            "中国",
            "臺灣",
            "台湾",
            "the ",
            "and ",
            "Москва ",
            "かな",
            "한국어",
            "😀",
            "𠀀",
            "1,2 ",
            "\n",
            "x",
            "々",
            "〇",
            "ー",
            "ㄅ",
            "豈",
            "龘",
            "㐀",
        ];
        let titles = crate::mixes::text_mixes(&pieces, 3030, 6, 0x9E37_79B9_7F4A_7C15);
        // Some bodies longer than both samples.
        let mut bodies = crate::mixes::text_mixes(&pieces, 3000, 60, 0x2545_F491_4F6C_DD1D);
        bodies.extend(crate::mixes::text_mixes(&pieces, 30, 9000, 0x1234_5678_9ABC_DEF1));
        for (title, body) in titles.iter().zip(&bodies) {
            assert_eq!(detect_lang_and_script(Some(title), body), reference(title, body), "{title:?} {body:?}");
        }
        // Chinese whose first 20,000 characters hold few Han characters: the
        // script is decided on characters past the language sample.
        let body = format!("{}{}", "中,,,,,,,,,,,,,,,,,,,".repeat(1000), "臺灣發布會".repeat(10));
        assert_eq!(detect_lang_and_script(None, &body), reference("", &body));
        assert_eq!(detect_lang_and_script(None, &body), ("zh", Some(Script::Hant)));
    }

    #[test]
    fn languages_by_writing_system() {
        assert_eq!(detect_lang("今天天气很好"), "zh");
        assert_eq!(detect_lang("今日はいい天気ですね"), "ja");
        assert_eq!(detect_lang("오늘은 날씨가 좋네요"), "ko");
        assert_eq!(detect_lang("Сегодня хорошая погода"), "ru");
        assert_eq!(detect_lang("The weather is fine and the sun is out."), "en");
        assert_eq!(detect_lang("12345 !!!"), "und");
    }
}
