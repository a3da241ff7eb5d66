//! Clean text with stray U+FFFD and `?` in it, as scraped text often has
//! (a byte lost long before, a character some tool could not write): the
//! repair may read a U+FFFD as a lost byte of mojibake, but it must never
//! change the clean characters around one. Found so: `過於擁�擠` re-read
//! as GBK bytes is the UTF-8 of `춓퀔D`, which the judgement once preferred.

use corpusmill_repair::{repair_bytes, RepairOptions};
use proptest::prelude::*;

/// Chinese texts of our own, simplified and traditional.
const TEXTS: &[&str] = &[
    include_str!("../../../benches/repair-clean-zh/zhs-01.txt"),
    include_str!("../../../benches/repair-clean-zh/zhs-02.txt"),
    include_str!("../../../benches/repair-clean-zh/zhs-03.txt"),
    include_str!("../../../benches/repair-clean-zh/zhs-04.txt"),
    include_str!("../../../benches/repair-clean-zh/zhs-05.txt"),
    include_str!("../../../benches/repair-clean-zh/zht-01.txt"),
    include_str!("../../../benches/repair-clean-zh/zht-02.txt"),
    include_str!("../../../benches/repair-clean-zh/zht-03.txt"),
];

const STRAYS: &[&str] =
    &["\u{FFFD}", "\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}", "?", "??", "\u{FFFD}\n", "\u{FFFD} "];

/// A stretch of up to 80 characters of one of the texts, with one to four
/// strays put in at random places.
fn damaged_sentence() -> impl Strategy<Value = String> {
    let stretches: Vec<String> = TEXTS
        .iter()
        .flat_map(|text| {
            let chars: Vec<char> = text.chars().collect();
            chars.chunks(80).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>()
        })
        .collect();
    (
        prop::sample::select(stretches),
        prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(STRAYS)), 1..5),
    )
        .prop_map(|(stretch, strays)| {
            let mut chars: Vec<String> = stretch.chars().map(String::from).collect();
            for (at, stray) in strays {
                let at = at.index(chars.len() + 1);
                chars.insert(at, stray.to_string());
            }
            chars.concat()
        })
}

/// The text without its U+FFFD and `?`: what the repair must keep.
fn kept(text: &str) -> String {
    text.chars().filter(|&c| c != '\u{FFFD}' && c != '?').collect()
}

fn keeps_the_clean_characters(text: &str) -> Result<(), TestCaseError> {
    // A text of too many U+FFFD is refused as undecodable, which keeps nothing to compare.
    if let Ok(repaired) = repair_bytes(text.as_bytes(), None, &RepairOptions::default()) {
        prop_assert_eq!(kept(&repaired.text), kept(text), "{:?}", text);
    }
    Ok(())
}

#[test]
fn a_stray_replacement_character_in_traditional_text_is_not_read_as_hangul() {
    let text = "一旦某條通道過於擁\u{FFFD}擠，現場工作人員會引導。\n";
    let repaired = repair_bytes(text.as_bytes(), None, &RepairOptions::default()).expect("decodes");
    assert_eq!(repaired.text, text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn clean_chinese_with_stray_replacement_characters_keeps_its_characters(text in damaged_sentence()) {
        keeps_the_clean_characters(&text)?;
    }
}
