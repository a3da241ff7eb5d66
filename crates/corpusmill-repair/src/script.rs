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

/// How many characters [`detect_lang`] counts.
const LANG_SAMPLE_CHARS: usize = 20_000;

/// A coarse language tag from the writing system: `zh`, `ja`, `ko`, `ru`,
/// `en` (Latin text with common English words), `und` otherwise.
pub fn detect_lang(text: &str) -> &'static str {
    let (mut han, mut kana, mut hangul, mut cyrillic, mut latin) = (0usize, 0, 0, 0, 0);
    for c in text.chars().take(LANG_SAMPLE_CHARS) {
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
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..seed % 40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(looks_english(&text), reference(&text), "{text:?}");
        }
        let long = "x ".repeat(1990) + &"the ".repeat(300);
        assert_eq!(looks_english(&long), reference(&long));
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
