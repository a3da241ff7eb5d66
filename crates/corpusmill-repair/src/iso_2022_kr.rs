//! ISO-2022-KR (RFC 1557): KS X 1001 in seven bits, as Korean mail and news
//! were written in the 1990s. Its shift bytes (SO, SI) and escape are control
//! characters, so such text was refused as binary. encoding_rs leaves it out
//! (the Encoding Standard maps its label to the replacement encoding); the
//! state machine is a few lines, and the characters come from encoding_rs's
//! EUC-KR table, which holds KS X 1001 with the high bits set.

use encoding_rs::EUC_KR;

/// The escape that designates KS X 1001 as the set SO shifts to.
const DESIGNATE_KSC: &[u8] = b"\x1b$)C";
/// The escape that designates ASCII as the set SI shifts back to: the
/// default, allowed anywhere.
const DESIGNATE_ASCII: &[u8] = b"\x1b(B";
const SHIFT_OUT: u8 = 0x0E;
const SHIFT_IN: u8 = 0x0F;

/// What an ISO-2022-KR reading of some bytes gave: the text and how many KS
/// X 1001 characters it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KrText {
    pub text: String,
    pub ksc_chars: usize,
}

/// Reads `bytes` as ISO-2022-KR: `None` unless they are all ASCII, designate
/// KS X 1001 (`ESC $ ) C`) before the first SO, hold no other escape but the
/// ASCII designation, and shift to at least one character. After SO every
/// two bytes in 0x21..=0x7E name a KS X 1001 character (a row of its
/// user-defined areas, or a private-use one, is an error); control bytes and
/// spaces stand for themselves; SI, and a newline, shift back.
pub(crate) fn read_iso_2022_kr(bytes: &[u8]) -> Option<KrText> {
    if !bytes.is_ascii() {
        return None;
    }
    memchr::memmem::find(bytes, DESIGNATE_KSC)?;
    let mut text = String::with_capacity(bytes.len());
    let (mut designated, mut shifted, mut ksc_chars) = (false, false, 0usize);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x1B => {
                let rest = bytes.get(i..).unwrap_or_default();
                if rest.starts_with(DESIGNATE_KSC) {
                    designated = true;
                    i += DESIGNATE_KSC.len();
                } else if rest.starts_with(DESIGNATE_ASCII) {
                    i += DESIGNATE_ASCII.len();
                } else {
                    return None;
                }
                continue;
            }
            SHIFT_OUT if designated => shifted = true,
            SHIFT_OUT => return None,
            SHIFT_IN => shifted = false,
            b'\n' => {
                shifted = false;
                text.push('\n');
            }
            0x21..=0x7E if shifted => {
                text.push(ksc_char(b, *bytes.get(i + 1)?)?);
                ksc_chars += 1;
                i += 2;
                continue;
            }
            _ => text.push(char::from(b)),
        }
        i += 1;
    }
    (ksc_chars > 0).then_some(KrText { text, ksc_chars })
}

/// The KS X 1001 character of the seven-bit pair `lead trail`: rows
/// 0x21..=0x7D but the user-defined 0x49 (C9 in EUC-KR), cells 0x21..=0x7E.
fn ksc_char(lead: u8, trail: u8) -> Option<char> {
    crate::seven_bit::pair_char(EUC_KR, lead, trail, matches!(lead, 0x21..=0x48 | 0x4A..=0x7D))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Option<String> {
        read_iso_2022_kr(bytes).map(|kr| kr.text)
    }

    #[test]
    fn shifted_pairs_read_as_ks_x_1001() {
        let bytes = b"\x1b$)C\x0e<-?o=C4B\x0f \x0e?@4C\x0f (2025\x0e3b\x0f)\n";
        let kr = read_iso_2022_kr(bytes).expect("ISO-2022-KR");
        assert_eq!(kr.text, "서울시는 오늘 (2025년)\n");
        assert_eq!(kr.ksc_chars, 7);
        // The ideographic space, a Han character, and a tab between two.
        assert_eq!(text(b"\x1b$)C\x0e!!J!0!\t0!\x0f").as_deref(), Some("\u{3000}伽가\t가"));
    }

    #[test]
    fn a_newline_shifts_back_and_the_ascii_designation_is_allowed() {
        assert_eq!(text(b"\x1b$)C\x0e0!\r\n0!").as_deref(), Some("가\r\n0!"));
        assert_eq!(text(b"\x1b(Bhi \x1b$)C\x0e0!\x0f").as_deref(), Some("hi 가"));
    }

    #[test]
    fn what_iso_2022_kr_does_not_allow_is_refused() {
        for bad in [
            &b"\x0e0!\x0f \x1b$)C"[..],   // SO before the designation
            b"\x1b$)C\x0e0\x0f",          // half a character
            b"\x1b$)C\x0eI!\x0f",         // a user-defined row
            b"\x1b$)C\x0e~~\x0f",         // beyond the last row
            b"\x1b$)C\x1b[1m\x0e0!\x0f",  // another escape (a terminal colour)
            b"\x1b$)C\x0e0!\xb0\xa1\x0f", // a byte with the high bit set
            b"\x1b$)C no shift at all",
        ] {
            assert_eq!(read_iso_2022_kr(bad), None, "{bad:?}");
        }
    }
}
