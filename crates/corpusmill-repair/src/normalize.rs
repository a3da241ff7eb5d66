//! Control characters and Unicode normalisation.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::log::{PlanStep, RepairKind, RepairLog};

/// C0 controls other than tab, LF and CR, DEL, and C1 controls: none of them
/// belongs in article text.
pub(crate) fn is_stray_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

pub(crate) fn strip_control_chars(text: String, log: &mut RepairLog) -> String {
    let count = text.chars().filter(|&c| is_stray_control(c)).count();
    if count == 0 {
        return text;
    }
    log.add(RepairKind::ControlChar, count as u64, PlanStep::new(format!("remove control characters ×{count}")));
    text.chars().filter(|&c| !is_stray_control(c)).collect()
}

pub(crate) fn nfc(text: String, log: &mut RepairLog) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    let normalized: String = text.nfc().collect();
    if normalized == text {
        return text;
    }
    let changed = text.chars().count().abs_diff(normalized.chars().count()).max(1);
    log.add(RepairKind::Nfc, changed as u64, PlanStep::new("normalize NFC"));
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_newlines_and_tabs_stay() {
        let mut log = RepairLog::default();
        let out = strip_control_chars("a\u{1}b\tc\r\nd\u{85}e\u{7f}".to_owned(), &mut log);
        assert_eq!(out, "ab\tc\r\nde");
        assert_eq!(log.count(RepairKind::ControlChar), 3);
    }

    #[test]
    fn nfc_composes_and_leaves_composed_text_alone() {
        let mut log = RepairLog::default();
        assert_eq!(nfc("cafe\u{301}".to_owned(), &mut log), "café");
        assert_eq!(log.count(RepairKind::Nfc), 1);
        let mut log = RepairLog::default();
        assert_eq!(nfc("café 中文 한국어".to_owned(), &mut log), "café 中文 한국어");
        assert!(log.is_empty());
    }
}
