//! Optional conversion of Chinese text between simplified and traditional
//! characters, with OpenCC's phrase-level tables (through `ferrous-opencc`,
//! a pure-Rust OpenCC): `头发` becomes `頭髮` and `发展` becomes `發展`, where
//! a character-by-character table must pick one `發`/`髮` for both.
//!
//! It is not a repair of damage but a choice of the corpus builder, off by
//! default (`script = "keep"`). The caller decides that a document is Chinese
//! (the tables would turn Japanese `語` into `语`); the change is counted as
//! [`RepairKind::ScriptConverted`] like any repair, so a converted document
//! says so in its `repairs`.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use crate::log::{push_decimal, PlanStep, RepairKind, RepairLog};

/// Which characters Chinese text is written in after the repair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScriptTarget {
    /// As the source wrote it (the default).
    #[default]
    Keep,
    /// Simplified characters: OpenCC's `t2s` (traditional to simplified, with phrases).
    Simplified,
    /// Traditional characters, OpenCC's standard forms: `s2t`.
    Traditional,
    /// Traditional characters as written in Taiwan, with Taiwan's words
    /// (`软件` → `軟體`): `s2twp`.
    Taiwan,
    /// Traditional characters as written in Hong Kong: `s2hk`.
    Hongkong,
}

impl ScriptTarget {
    /// The OpenCC configuration that converts to this target.
    fn config(self) -> Option<BuiltinConfig> {
        match self {
            ScriptTarget::Keep => None,
            ScriptTarget::Simplified => Some(BuiltinConfig::T2s),
            ScriptTarget::Traditional => Some(BuiltinConfig::S2t),
            ScriptTarget::Taiwan => Some(BuiltinConfig::S2twp),
            ScriptTarget::Hongkong => Some(BuiltinConfig::S2hk),
        }
    }

    /// The name of the OpenCC configuration, for the plan.
    fn opencc_name(self) -> &'static str {
        match self {
            ScriptTarget::Keep => "keep",
            ScriptTarget::Simplified => "t2s",
            ScriptTarget::Traditional => "s2t",
            ScriptTarget::Taiwan => "s2twp",
            ScriptTarget::Hongkong => "s2hk",
        }
    }
}

/// The converter for `target`, built once per process (its dictionaries are
/// compiled into the binary; building one takes a few milliseconds).
fn converter(target: ScriptTarget) -> Option<&'static OpenCC> {
    static CONVERTERS: [OnceLock<Option<OpenCC>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match target {
        ScriptTarget::Keep => return None,
        ScriptTarget::Simplified => 1,
        ScriptTarget::Traditional => 2,
        ScriptTarget::Taiwan => 3,
        ScriptTarget::Hongkong => 4,
    };
    // The configurations are embedded in the crate: failing to load one is a
    // bug of the build, and the text is then kept as it is.
    CONVERTERS[slot].get_or_init(|| target.config().and_then(|config| OpenCC::from_config(config).ok())).as_ref()
}

/// Whether `target` can be converted to in this build (always, but for
/// [`ScriptTarget::Keep`], unless OpenCC's embedded tables failed to load).
pub fn script_target_available(target: ScriptTarget) -> bool {
    converter(target).is_some()
}

/// `text` written in `target`'s characters, the change counted in `log`
/// (characters that differ). The caller has decided the text is Chinese.
/// Text without a Han character is returned as it is without a look-up.
pub fn convert_script(text: String, target: ScriptTarget, log: &mut RepairLog) -> String {
    let Some(opencc) = converter(target) else { return text };
    if !text.chars().any(crate::gbk::is_han) {
        return text;
    }
    let converted = opencc.convert(&text);
    if converted == text {
        return text;
    }
    let changed = changed_chars(&text, &converted);
    let mut step = String::from("convert script (OpenCC ");
    step.push_str(target.opencc_name());
    step.push_str("), ");
    push_decimal(&mut step, changed);
    step.push_str(" characters");
    log.add(RepairKind::ScriptConverted, changed as u64, PlanStep(step));
    converted
}

/// Characters of `new` that differ from `old` at the same place, plus the
/// difference in length (OpenCC's tables map phrases to phrases of the same
/// length, so that term is almost always 0).
fn changed_chars(old: &str, new: &str) -> usize {
    let (mut a, mut b) = (old.chars(), new.chars());
    let mut changed = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => changed += usize::from(x != y),
            (None, None) => return changed,
            (Some(_), None) => return changed + 1 + a.count(),
            (None, Some(_)) => return changed + 1 + b.count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(text: &str, target: ScriptTarget) -> (String, RepairLog) {
        let mut log = RepairLog::default();
        let out = convert_script(text.to_owned(), target, &mut log);
        (out, log)
    }

    #[test]
    fn simplified_becomes_traditional_phrase_by_phrase() {
        // `发` is `髮` in hair and `發` in development; `干燥` is `乾燥`, while
        // the emperor `乾隆` stays.
        let (out, log) = convert("她的头发，经济发展。干燥的天气。", ScriptTarget::Traditional);
        assert_eq!(out, "她的頭髮，經濟發展。乾燥的天氣。");
        assert_eq!(log.count(RepairKind::ScriptConverted), 7);
        assert_eq!(log.plan()[0].0, "convert script (OpenCC s2t), 7 characters");
    }

    #[test]
    fn traditional_becomes_simplified() {
        let (out, log) = convert("這裡的發展與乾隆皇帝，頭髮。", ScriptTarget::Simplified);
        assert_eq!(out, "这里的发展与乾隆皇帝，头发。");
        assert_eq!(log.count(RepairKind::ScriptConverted), 6);
    }

    #[test]
    fn taiwan_takes_taiwan_words_and_hong_kong_its_forms() {
        assert_eq!(convert("软件和内存", ScriptTarget::Taiwan).0, "軟體和記憶體");
        assert_eq!(convert("软件和内存", ScriptTarget::Traditional).0, "軟件和內存");
        assert_eq!(convert("台湾的发展", ScriptTarget::Hongkong).0, "台灣的發展");
    }

    #[test]
    fn text_already_in_the_target_script_or_without_han_is_left_alone() {
        for (text, target) in [
            ("经济发展，头发。", ScriptTarget::Simplified),
            ("經濟發展，頭髮。", ScriptTarget::Traditional),
            ("Plain English, café, 2024.", ScriptTarget::Simplified),
            ("", ScriptTarget::Traditional),
        ] {
            let (out, log) = convert(text, target);
            assert_eq!(out, text);
            assert!(log.is_empty(), "{text}: {log:?}");
        }
    }

    #[test]
    fn keep_changes_nothing() {
        let (out, log) = convert("这里的头发", ScriptTarget::Keep);
        assert_eq!(out, "这里的头发");
        assert!(log.is_empty());
        assert!(!script_target_available(ScriptTarget::Keep));
        assert!(script_target_available(ScriptTarget::Simplified));
    }

    proptest::proptest! {
        /// Any text, Han or not, converts without a panic; text without Han
        /// characters (and what it converts) never changes outside them.
        #[test]
        fn any_text_converts_and_only_han_characters_change(
            text in "[a-zA-Z0-9 ,.!?\n\u{80}-\u{2FF}\u{3000}-\u{303F}\u{3040}-\u{30FF}\u{4E00}-\u{4FFF}\u{9000}-\u{9FFF}\u{AC00}-\u{AC40}\u{FF00}-\u{FF60}😀]{0,40}",
            simplified in proptest::bool::ANY,
        ) {
            let target = if simplified { ScriptTarget::Simplified } else { ScriptTarget::Traditional };
            let (out, log) = convert(&text, target);
            // OpenCC maps some BMP characters to ones beyond it (`鈠` → U+28C41).
            let han = |c: char| crate::gbk::is_han(c) || ('\u{20000}'..='\u{3FFFF}').contains(&c);
            let not_han = |s: &str| s.chars().filter(|&c| !han(c)).collect::<String>();
            proptest::prop_assert_eq!(not_han(&out), not_han(&text));
            proptest::prop_assert_eq!(log.is_empty(), out == text);
        }
    }

    #[test]
    fn changed_characters_count_places_and_length() {
        assert_eq!(changed_chars("abc", "abc"), 0);
        assert_eq!(changed_chars("abc", "axc"), 1);
        assert_eq!(changed_chars("abc", "ab"), 1);
        assert_eq!(changed_chars("ab", "abcd"), 2);
    }
}
