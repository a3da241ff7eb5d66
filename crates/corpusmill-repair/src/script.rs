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

/// Decides the script by characters only one of the two national standards
/// has: simplified forms are in GB2312 but not Big5, traditional forms the
/// other way round. `None` when the text has too few of either.
pub fn detect_script(text: &str) -> Option<Script> {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_han(c)).take(SAMPLE_HAN) {
        match (in_gb2312(c), big5_pair(c).is_some()) {
            (true, false) => simplified += 1,
            (false, true) => traditional += 1,
            _ => {}
        }
    }
    if simplified + traditional < 2 {
        None
    } else if simplified >= traditional {
        Some(Script::Hans)
    } else {
        Some(Script::Hant)
    }
}

/// A coarse language tag from the writing system: `zh`, `ja`, `ko`, `ru`,
/// `en` (Latin text with common English words), `und` otherwise.
pub fn detect_lang(text: &str) -> &'static str {
    let (mut han, mut kana, mut hangul, mut cyrillic, mut latin) = (0usize, 0, 0, 0, 0);
    for c in text.chars().take(20_000) {
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
    if letters == 0 {
        return "und";
    }
    if kana * 10 > letters {
        "ja"
    } else if hangul * 5 > letters {
        "ko"
    } else if han * 5 > letters {
        "zh"
    } else if cyrillic * 2 > letters {
        "ru"
    } else if looks_english(text) {
        "en"
    } else {
        "und"
    }
}

fn looks_english(text: &str) -> bool {
    const COMMON: &[&str] = &["the", "and", "of", "to", "in", "is", "a", "that", "for", "was", "with", "on"];
    let words: Vec<&str> =
        text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(2000).collect();
    if words.is_empty() {
        return false;
    }
    let common = words.iter().filter(|w| COMMON.iter().any(|c| c.eq_ignore_ascii_case(w))).count();
    common * 10 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(detect_script("发布会上，应对挑战的办法"), Some(Script::Hans));
        assert_eq!(detect_script("發布會上，應對挑戰的辦法"), Some(Script::Hant));
        assert_eq!(detect_script("中国人"), None);
        assert_eq!(detect_script("plain English"), None);
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
