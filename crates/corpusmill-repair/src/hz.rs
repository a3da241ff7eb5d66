//! HZ (RFC 1843): GB2312 in seven bits, as Chinese Usenet posts and mail
//! were written from 1989 on (`~{VP9z~}` for `中国`). Its bytes are plain
//! ASCII, valid UTF-8 as they stand, so without this they were kept as the
//! letters of the escapes. encoding_rs leaves HZ out (the Encoding Standard
//! maps its label to the replacement encoding); the state machine is a few
//! lines, and the characters come from encoding_rs's GBK table, of which
//! GB2312 is a part.

use encoding_rs::GBK;

/// What an HZ reading of some bytes gave: the text, how many GB2312
/// characters it holds (and the most in one GB-mode stretch), and whether a
/// line ended inside GB mode (which the RFC forbids and some writers did
/// anyway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HzText {
    pub text: String,
    pub gb_chars: usize,
    pub longest_stretch: usize,
    pub unclosed_lines: usize,
}

/// Reads `bytes` as HZ: `None` unless they are all ASCII, switch to GB mode
/// at least once, and follow the rules throughout. In ASCII mode `~~` is a
/// tilde, `~` before a newline joins the lines, `~{` starts GB mode and any
/// other `~` is an error. In GB mode `~}` ends it, and every other two bytes
/// in 0x21..=0x7E name a GB2312 character (a row GB2312 leaves empty, or a
/// private-use one, is an error). A newline in GB mode ends it too (counted in
/// [`HzText::unclosed_lines`]); so does the end of the input.
pub(crate) fn read_hz(bytes: &[u8]) -> Option<HzText> {
    if !bytes.is_ascii() {
        return None;
    }
    memchr::memmem::find(bytes, b"~{")?;
    let mut text = String::with_capacity(bytes.len());
    let (mut gb_chars, mut unclosed_lines, mut longest_stretch, mut stretch) = (0usize, 0usize, 0usize, 0usize);
    let mut gb_mode = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if gb_mode {
            match (b, bytes.get(i + 1).copied()) {
                (b'~', Some(b'}')) => {
                    gb_mode = false;
                    i += 2;
                }
                (b'\n', _) => {
                    gb_mode = false;
                    unclosed_lines += 1;
                    text.push('\n');
                    i += 1;
                }
                (b'\r', Some(b'\n')) => {
                    gb_mode = false;
                    unclosed_lines += 1;
                    text.push_str("\r\n");
                    i += 2;
                }
                (lead, Some(trail)) => {
                    text.push(gb2312_char(lead, trail)?);
                    gb_chars += 1;
                    stretch += 1;
                    longest_stretch = longest_stretch.max(stretch);
                    i += 2;
                }
                (_, None) => return None,
            }
            continue;
        }
        if b != b'~' {
            text.push(char::from(b));
            i += 1;
            continue;
        }
        match bytes.get(i + 1).copied() {
            Some(b'~') => text.push('~'),
            Some(b'{') => {
                gb_mode = true;
                stretch = 0;
            }
            Some(b'\n') => {}
            _ => return None,
        }
        i += 2;
    }
    (gb_chars > 0).then_some(HzText { text, gb_chars, longest_stretch, unclosed_lines })
}

/// The GB2312 character of the seven-bit pair `lead trail`: rows 0x21..=0x29
/// (symbols, kana, Greek, Cyrillic) and 0x30..=0x77 (Han characters), cells
/// 0x21..=0x7E, as GBK has them with the high bits set.
fn gb2312_char(lead: u8, trail: u8) -> Option<char> {
    crate::seven_bit::pair_char(GBK, lead, trail, matches!(lead, 0x21..=0x29 | 0x30..=0x77))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Option<String> {
        read_hz(bytes).map(|hz| hz.text)
    }

    #[test]
    fn gb_mode_reads_pairs_as_gb2312() {
        let hz = read_hz(b"~{VP;*HKCq92:M9z~}1949~{Dj~}").expect("HZ");
        assert_eq!(hz.text, "中华人民共和国1949年");
        assert_eq!((hz.gb_chars, hz.longest_stretch), (8, 7));
        assert_eq!(hz.unclosed_lines, 0);
        // The first and last characters of GB2312, and full-width punctuation.
        assert_eq!(text(b"~{!!!#0!w~~}").as_deref(), Some("\u{3000}。啊齄"));
    }

    #[test]
    fn ascii_mode_has_three_escapes() {
        assert_eq!(text(b"a~~b ~{VP~} c~\nd").as_deref(), Some("a~b 中 cd"));
        // Any other tilde sequence is no HZ.
        assert_eq!(text(b"~x ~{VP~}"), None);
        assert_eq!(text(b"~{VP~} a~\r\nb"), None);
    }

    #[test]
    fn a_line_end_or_the_input_end_closes_gb_mode() {
        let hz = read_hz(b"~{VP\n~{9z\r\nok").expect("HZ");
        assert_eq!(hz.text, "中\n国\r\nok");
        assert_eq!(hz.unclosed_lines, 2);
        assert_eq!(text(b"~{VP").as_deref(), Some("中"));
    }

    #[test]
    fn what_gb2312_does_not_have_is_no_hz() {
        // An odd byte before the switch back, a space, DEL, an empty row (0x2A
        // and 0x78 on), and a byte with the high bit set.
        for bad in [&b"~{V~}"[..], b"~{ V~}", b"~{\x7f\x7f~}", b"~{*!~}", b"~{x!~}", b"~{VP\xd6\xd0~}", b"~{V"] {
            assert_eq!(read_hz(bad), None, "{bad:?}");
        }
        // No switch to GB mode, or only an empty one: ASCII, not HZ.
        assert_eq!(read_hz(b"plain ~~ text"), None);
        assert_eq!(read_hz(b"~{~}"), None);
    }
}
