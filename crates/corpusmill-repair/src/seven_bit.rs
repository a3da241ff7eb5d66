//! What HZ ([`crate::hz`]) and ISO-2022-KR ([`crate::iso_2022_kr`]) share: a
//! 94 × 94 double-byte set written with the high bits of both bytes cleared,
//! read through the EUC table of the same set.

use encoding_rs::Encoding;

/// The character of the seven-bit pair `lead trail` in `euc` (the EUC form of
/// the set, bytes with the high bit set), when `lead` is a row the caller's
/// set fills (`row_used`) and `trail` a cell (0x21..=0x7E); `None` for a pair
/// the table lacks or maps to the private-use area.
pub(crate) fn pair_char(euc: &'static Encoding, lead: u8, trail: u8, row_used: bool) -> Option<char> {
    if !row_used || !(0x21..=0x7E).contains(&trail) {
        return None;
    }
    let pair = [lead | 0x80, trail | 0x80];
    let decoded = euc.decode_without_bom_handling_and_without_replacement(&pair)?;
    let mut chars = decoded.chars();
    let c = chars.next().filter(|_| chars.next().is_none())?;
    let private_use = ('\u{E000}'..='\u{F8FF}').contains(&c);
    (!private_use).then_some(c)
}
