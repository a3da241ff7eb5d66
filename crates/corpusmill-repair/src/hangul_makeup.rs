//! KS X 1001's make-up sequences (its 1998 edition, annex 3): a Hangul
//! syllable outside the 2,350 the code set holds, written as the Hangul
//! filler and three jamo, initial, medial and final (the filler for no final
//! consonant): `ㅤㅆㅠㅤ` for `쓔`. encoding_rs decodes each of the four on
//! its own, and the text showed the jamo where the writer meant one syllable.

use crate::plausible::in_ks_x_1001;

/// The Hangul filler (KS X 1001 `A4 D4`), which opens a sequence and stands
/// for a missing final consonant.
const FILLER: char = '\u{3164}';

/// The initial consonants in the order of Unicode's syllable arithmetic.
const INITIALS: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

/// The final consonants in the same order (index 0 is "none", the filler).
const FINALS: [char; 27] = [
    'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ',
    'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// The syllable a make-up sequence after the filler (`initial`, `medial`,
/// `last`) writes, if it writes one.
fn syllable(initial: char, medial: char, last: char) -> Option<char> {
    let l = INITIALS.iter().position(|&c| c == initial)?;
    // The 21 vowels are U+314F..=U+3163 in the syllables' order.
    let v = (medial as u32).checked_sub(0x314F).filter(|&v| v < 21)?;
    let t = if last == FILLER { 0 } else { FINALS.iter().position(|&c| c == last)? + 1 };
    char::from_u32(0xAC00 + (l as u32 * 21 + v) * 28 + t as u32)
}

/// `text` (decoded from KS X 1001) with its make-up sequences composed, or
/// `None` when it has none. Only a syllable the code set lacks is written so:
/// a filler before jamo that spell one of its 2,350 (`ㅤㅇㅠㅇ`, a face in chat,
/// where the filler serves as a blank) stays as it is, as does a filler that
/// opens no whole sequence.
pub(crate) fn compose(text: &str) -> Option<String> {
    if !text.contains(FILLER) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut composed, mut i) = (false, 0);
    while let Some(&c) = chars.get(i) {
        let made_up = match (c, chars.get(i + 1..i + 4)) {
            (FILLER, Some(&[initial, medial, last])) => syllable(initial, medial, last).filter(|&s| !in_ks_x_1001(s)),
            _ => None,
        };
        match made_up {
            Some(s) => {
                out.push(s);
                composed = true;
                i += 4;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    composed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_become_their_syllables() {
        assert_eq!(compose("날아라 ㅤㅆㅠㅤㅤㅆㅠㅤ쓩~").as_deref(), Some("날아라 쓔쓔쓩~"));
        // A final consonant cluster, and the last syllable of all.
        assert_eq!(compose("ㅤㅂㅞㄺ ㅤㅎㅣㅎ").as_deref(), Some("뷁 힣"));
    }

    #[test]
    fn syllables_of_the_code_set_are_not_made_up() {
        // `가`, `융` and `응` are among the 2,350: the filler is a blank
        // before a face (a review found `ㅤㅇㅠㅇ` composed into `융`).
        for text in ["ㅤㄱㅏㅤ", "좋지 않아요 ㅤㅇㅠㅇ 보고 싶어요 ㅤㅇㅡㅇ"] {
            assert_eq!(compose(text), None, "{text}");
        }
        assert!(
            in_ks_x_1001('가')
                && in_ks_x_1001('힝')
                && in_ks_x_1001('쓩')
                && !in_ks_x_1001('쓔')
                && !in_ks_x_1001('힣')
        );
        let in_set = ('\u{AC00}'..='\u{D7A3}').filter(|&c| in_ks_x_1001(c)).count();
        assert_eq!(in_set, 2350);
    }

    #[test]
    fn anything_else_stays() {
        assert_eq!(compose("가나다 ㅋㅋㅋ"), None);
        // No initial, no vowel, a final that is no final (ㄸ), or cut short.
        for text in ["ㅤㅤㅏㅤ", "ㅤㄱㅤㅤ", "ㅤㄸㅏㄸ", "ㅤㄱㅏ", "ㅤ"] {
            assert_eq!(compose(text), None, "{text}");
        }
        assert_eq!(compose("ㅤㄱㅏ ㅤㅆㅠㅤ").as_deref(), Some("ㅤㄱㅏ 쓔"));
        // `쓩` is one of the 2,350, written with its own code.
        assert_eq!(compose("ㅤㅆㅠㅇ"), None);
    }

    #[test]
    fn every_syllable_is_reached_once() {
        let mut seen = std::collections::HashSet::new();
        for &l in &INITIALS {
            for v in 0x314F..=0x3163u32 {
                let v = char::from_u32(v).expect("a vowel");
                for &t in std::iter::once(&FILLER).chain(FINALS.iter()) {
                    let s = syllable(l, v, t).expect("a syllable");
                    assert!(('\u{AC00}'..='\u{D7A3}').contains(&s));
                    assert!(seen.insert(s));
                }
            }
        }
        assert_eq!(seen.len(), 11_172);
    }
}
