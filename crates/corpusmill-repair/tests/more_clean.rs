//! Clean text of eleven more languages, as random sentences of real words
//! between the punctuation each language writes: none of it is taken for
//! damage. (`properties.rs` checks Chinese and Latin text of random
//! letters.) The words are in `benches/languages.tsv`, which
//! `benches/eval_languages.py` damages to check the repairs.

use corpusmill_repair::{repair_bytes, RepairOptions};
use proptest::prelude::*;

const LANGUAGES: &str = include_str!("../../../benches/languages.tsv");

const SEPS: &[&str] = &[
    " ", " ", " ", ", ", ". ", "; ", ": ", " — ", " – ", "… ", "\n", " «", "» ", " “", "” ", " „", " (", ") ",
    " 2024 ", " 3,5 % ", " 12:30 ", "! ", "? ",
];
const CJK_SEPS: &[&str] =
    &["", "", "、", "。", "「", "」", "（", "）", "！", "？", " ", "\n", "・", "：", "2024年", "ABC", "，"];

/// A sentence of one language's words, for the names given.
fn sentence(names: &[&str]) -> impl Strategy<Value = String> {
    let mut languages = Vec::new();
    for line in LANGUAGES.lines().filter(|line| !line.starts_with('#') && !line.is_empty()) {
        let mut fields = line.splitn(3, '\t');
        let (Some(name), Some(kind), Some(words)) = (fields.next(), fields.next(), fields.next()) else {
            panic!("benches/languages.tsv: a line without name, kind and words: {line:?}");
        };
        if names.contains(&name) {
            let seps = if kind == "cjk" { CJK_SEPS } else { SEPS };
            languages.push((words.split(' ').collect::<Vec<_>>(), seps));
        }
    }
    assert_eq!(languages.len(), names.len(), "benches/languages.tsv lacks one of {names:?}");
    prop::sample::select(languages).prop_flat_map(|(words, seps)| {
        prop::collection::vec((prop::sample::select(words), prop::sample::select(seps)), 1..40)
            .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect::<String>())
    })
}

fn unchanged(text: &str) -> Result<(), TestCaseError> {
    let repaired = repair_bytes(text.as_bytes(), None, &RepairOptions::default()).expect("decodes");
    prop_assert_eq!(&repaired.text, text);
    prop_assert!(repaired.log.is_empty(), "{:?}", repaired.log);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn clean_cyrillic_is_unchanged(text in sentence(&["russian", "ukrainian"])) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_greek_is_unchanged(text in sentence(&["greek"])) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_latin_with_diacritics_is_unchanged(text in sentence(&["czech_polish", "vietnamese", "turkish"])) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_korean_and_japanese_are_unchanged(text in sentence(&["korean", "japanese"])) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_right_to_left_and_thai_are_unchanged(text in sentence(&["hebrew", "arabic", "thai"])) {
        unchanged(&text)?;
    }
}
