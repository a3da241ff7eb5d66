//! Markers of text that is gone for good: nothing can bring it back, but a
//! corpus wants to know where it was lost, and may want the marker removed.
//!
//! - `锟斤拷`: U+FFFD written as UTF-8 (`EF BF BD` twice) and read as GBK.
//! - `烫烫烫` / `屯屯屯`: uninitialised stack (0xCC) or heap (0xCD) memory of
//!   a debug build read as GBK. `烫` alone is a word ("hot"), and `烫烫` is a
//!   reduplication, so only runs of three or more count.
//! - Runs of U+FFFD: bytes a decoder could not read.

use memchr::memmem;

use crate::log::{PlanStep, RepairKind, RepairLog};

pub(crate) const KUNKAO: &str = "锟斤拷";
/// Debug fill characters: 0xCCCC and 0xCDCD read as GBK.
pub(crate) const DEBUG_FILL: [char; 2] = ['烫', '屯'];
/// Shortest run of a debug-fill character taken for a marker.
const MIN_FILL_RUN: usize = 3;

/// A found marker: its byte range and kind.
struct Marker {
    start: usize,
    end: usize,
    kind: RepairKind,
}

/// Counts the markers and, when `remove` is set, removes them.
pub(crate) fn mark_lost_text(text: String, remove: bool, log: &mut RepairLog) -> String {
    let markers = find_markers(&text);
    if markers.is_empty() {
        return text;
    }
    let lost: usize = markers
        .iter()
        .filter(|m| m.kind == RepairKind::ReplacementRun)
        .map(|m| (m.end - m.start) / '\u{FFFD}'.len_utf8())
        .sum();
    log.add_lost_chars(lost as u64);
    let verb = if remove { "remove" } else { "found (kept)" };
    for kind in [RepairKind::MarkerKunkao, RepairKind::MarkerDebugFill, RepairKind::ReplacementRun] {
        let count = markers.iter().filter(|m| m.kind == kind).count();
        log.add(kind, count as u64, PlanStep::new(format!("{verb} {} ×{count}", kind.code())));
    }
    if !remove {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for marker in &markers {
        out.push_str(text.get(copied..marker.start).unwrap_or_default());
        copied = marker.end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// All markers, in text order and not overlapping. The places where one may
/// start are found with `memmem` (most text between them is Chinese, whose
/// characters need not be decoded one by one), then taken in order.
fn find_markers(text: &str) -> Vec<Marker> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = memmem::find_iter(bytes, KUNKAO.as_bytes()).collect();
    for c in std::iter::once('\u{FFFD}').chain(DEBUG_FILL) {
        starts.extend(memmem::find_iter(bytes, c.encode_utf8(&mut [0; 4]).as_bytes()));
    }
    starts.sort_unstable();
    let mut markers = Vec::new();
    // End of the last marker or run taken: places inside it are not starts.
    let mut done = 0;
    for start in starts {
        if start < done {
            continue;
        }
        let rest = text.get(start..).unwrap_or_default();
        if rest.starts_with(KUNKAO) {
            markers.push(Marker { start, end: start + KUNKAO.len(), kind: RepairKind::MarkerKunkao });
            done = start + KUNKAO.len();
            continue;
        }
        let Some(c) = rest.chars().next() else { continue };
        let run = rest.chars().take_while(|&n| n == c).count();
        let end = start + run * c.len_utf8();
        if c == '\u{FFFD}' {
            markers.push(Marker { start, end, kind: RepairKind::ReplacementRun });
        } else if run >= MIN_FILL_RUN {
            markers.push(Marker { start, end, kind: RepairKind::MarkerDebugFill });
        }
        done = end;
    }
    markers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str, remove: bool) -> (String, RepairLog) {
        let mut log = RepairLog::default();
        let out = mark_lost_text(text.to_owned(), remove, &mut log);
        (out, log)
    }

    #[test]
    fn markers_are_counted_and_kept_by_default() {
        let text = "标题锟斤拷锟斤拷正文烫烫烫烫结尾屯屯屯。\u{FFFD}\u{FFFD}又\u{FFFD}";
        let (out, log) = mark(text, false);
        assert_eq!(out, text);
        assert_eq!(log.count(RepairKind::MarkerKunkao), 2);
        assert_eq!(log.count(RepairKind::MarkerDebugFill), 2);
        assert_eq!(log.count(RepairKind::ReplacementRun), 2);
    }

    #[test]
    fn markers_are_removed_on_request() {
        let (out, log) = mark("标题锟斤拷锟斤拷正文烫烫烫烫结尾\u{FFFD}\u{FFFD}。", true);
        assert_eq!(out, "标题正文结尾。");
        assert_eq!(log.count(RepairKind::MarkerKunkao), 2);
    }

    /// [`find_markers`] as it was, a character at a time.
    fn reference_markers(text: &str) -> Vec<(usize, usize, RepairKind)> {
        let mut markers = Vec::new();
        let mut kunkao = memmem::find_iter(text.as_bytes(), KUNKAO.as_bytes()).peekable();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            while kunkao.next_if(|&k| k < i).is_some() {}
            if kunkao.peek() == Some(&i) {
                kunkao.next();
                markers.push((i, i + KUNKAO.len(), RepairKind::MarkerKunkao));
                for _ in 1..KUNKAO.chars().count() {
                    chars.next();
                }
                continue;
            }
            if c == '\u{FFFD}' || DEBUG_FILL.contains(&c) {
                let mut end = i + c.len_utf8();
                let mut run = 1;
                while let Some((j, _)) = chars.next_if(|&(_, n)| n == c) {
                    end = j + c.len_utf8();
                    run += 1;
                }
                if c == '\u{FFFD}' {
                    markers.push((i, end, RepairKind::ReplacementRun));
                } else if run >= MIN_FILL_RUN {
                    markers.push((i, end, RepairKind::MarkerDebugFill));
                }
            }
        }
        markers
    }

    #[test]
    fn markers_are_found_as_a_character_at_a_time() {
        let pieces = ["锟", "斤", "拷", "锟斤拷", "烫", "屯", "\u{FFFD}", "中文", "a", " "];
        for text in crate::mixes::text_mixes(&pieces, 20_000, 30, 0x5EED_CAFE_F00D_0001) {
            let got: Vec<_> = find_markers(&text).iter().map(|m| (m.start, m.end, m.kind)).collect();
            assert_eq!(got, reference_markers(&text), "{text:?}");
        }
    }

    #[test]
    fn real_words_are_not_markers() {
        for clean in ["水很烫。", "烫烫的汤", "屯田", "屯屯", "锟", "斤拷", "一斤"] {
            let (out, log) = mark(clean, true);
            assert_eq!(out, clean);
            assert!(log.is_empty(), "{clean}: {log:?}");
        }
    }
}
