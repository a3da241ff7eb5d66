//! Bytes to text: BOM, then a declared charset the bytes agree with, then
//! valid UTF-8, then a detector for unlabelled legacy encodings.

use std::borrow::Cow;
use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// How many bytes the detector sees: it is slow (a few MB/s) and a prefix is
/// as good as the whole for choosing an encoding.
const DETECTOR_PREFIX: usize = 64 * 1024;
/// How many leading bytes the binary sniffer looks at.
const SNIFF_PREFIX: usize = 8 * 1024;

/// How the encoding of a document was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// A charset declared by the container (HTML meta, HTTP header), and the bytes agreed.
    Declared,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Chosen by the detector (chardetng) or the UTF-16 sniffer.
    Detected,
}

impl EncodingSource {
    /// The stable code written to the `encoding_source` column.
    pub fn code(self) -> &'static str {
        match self {
            EncodingSource::Bom => "bom",
            EncodingSource::Declared => "declared",
            EncodingSource::Utf8 => "utf8",
            EncodingSource::Detected => "detected",
        }
    }
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (or `UTF-32LE`/`UTF-32BE`).
    pub encoding: &'static str,
    pub source: EncodingSource,
    /// Invalid sequences replaced with U+FFFD while decoding.
    pub replacements: usize,
}

/// Why bytes could not be turned into article text.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// No bytes at all.
    Empty,
    /// The bytes look like a binary file, not text.
    Binary { nul_bytes: usize, control_bytes: usize, sniffed: usize },
    /// Decoding gave mostly U+FFFD: no encoding fits these bytes.
    MostlyInvalid { encoding: &'static str, ratio: f64 },
    /// The text is only whitespace.
    Blank,
    /// After repair, U+FFFD (counted before any marker removal) are more than
    /// the allowed share of the characters the repair was given: too little
    /// of the text is left.
    MostlyLost { encoding: &'static str, ratio: f64 },
}

impl DecodeError {
    /// A stable reason code for the rejects table.
    pub fn reason(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::Binary { .. } => "binary",
            DecodeError::MostlyInvalid { .. } | DecodeError::MostlyLost { .. } => "undecodable",
            DecodeError::Blank => "blank",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the input is empty"),
            DecodeError::Binary { nul_bytes, control_bytes, sniffed } => write!(
                f,
                "looks binary: {nul_bytes} NUL and {control_bytes} other control bytes in the first {sniffed} bytes"
            ),
            DecodeError::MostlyInvalid { encoding, ratio } => {
                write!(f, "{:.0}% of the characters are U+FFFD when decoded as {encoding}", ratio * 100.0)
            }
            DecodeError::Blank => write!(f, "the text is only whitespace"),
            DecodeError::MostlyLost { encoding, ratio } => {
                write!(f, "{:.0}% of the characters stayed U+FFFD after repair (decoded as {encoding})", ratio * 100.0)
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` to text.
///
/// Order: BOM (UTF-8, UTF-16, UTF-32) → `declared` charset if the bytes decode
/// under it without error → valid UTF-8 → BOM-less UTF-16 (by its NUL pattern)
/// → chardetng over a prefix. Binary-looking input, empty input and input that
/// decodes to more than `max_replacement_ratio` U+FFFD are errors.
pub fn decode(bytes: &[u8], declared: Option<&str>, max_replacement_ratio: f64) -> Result<Decoded, DecodeError> {
    let decoded = decode_text(bytes, declared)?;
    // Count U+FFFD already in the text too: an earlier tool may have done the
    // replacing, and such text is just as lost.
    let fffd = REPLACEMENT_FINDER.find_iter(decoded.text.as_bytes()).count();
    check_replacement_ratio(fffd, &decoded, max_replacement_ratio)?;
    Ok(decoded)
}

/// [`decode`] without the judgement of the U+FFFD the text already held,
/// for a caller that judges them after repairing the text (which may bring
/// back bytes an earlier decoder lost). U+FFFD for bytes this decoder could
/// not read count here as there.
pub fn decode_before_repair(
    bytes: &[u8],
    declared: Option<&str>,
    max_replacement_ratio: f64,
) -> Result<Decoded, DecodeError> {
    let decoded = decode_text(bytes, declared)?;
    check_replacement_ratio(decoded.replacements, &decoded, max_replacement_ratio)?;
    Ok(decoded)
}

fn decode_text(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut decoded = match decode_by_bom(bytes) {
        Some(decoded) => decoded,
        None => decode_unmarked(bytes, declared)?,
    };
    // A Chinese text read without error, or with one error for a last
    // byte alone, may still have lost a byte: its pairs went out of step
    // up to a trail byte that reads as ASCII, or to the end.
    if decoded.replacements <= 1 {
        if let Some(realigned) = realigned_at_glued_ascii(bytes, &decoded) {
            decoded = realigned;
        }
    }
    // KS X 1001 writes the syllables it lacks as make-up sequences, which
    // the decoders leave as jamo.
    if matches!(decoded.encoding, "EUC-KR" | ISO_2022_KR) {
        if let Some(text) = crate::hangul_makeup::compose(&decoded.text) {
            decoded.text = text;
        }
    }
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(decoded)
}

/// The text unlabelled `bytes` read as, and the encoding, as [`decode`] finds
/// them, for a repair that recovered a document's bytes: `None` when they
/// are a BOM's, UTF-8 or UTF-16, or do not decode without errors.
pub(crate) fn detect_and_decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    let decoded = decode_text(bytes, None).ok()?;
    let detected = decoded.source == EncodingSource::Detected && decoded.replacements == 0;
    let unicode = decoded.encoding.starts_with("UTF-");
    (detected && !unicode).then_some((decoded.text, decoded.encoding))
}

/// Refuses `decoded` when `fffd` of its characters are more than
/// `max_replacement_ratio` of them.
fn check_replacement_ratio(fffd: usize, decoded: &Decoded, max_replacement_ratio: f64) -> Result<(), DecodeError> {
    let ratio = if fffd == 0 { 0.0 } else { fffd as f64 / decoded.text.chars().count().max(1) as f64 };
    if ratio > max_replacement_ratio {
        return Err(DecodeError::MostlyInvalid { encoding: decoded.encoding, ratio });
    }
    Ok(())
}

/// Built once: building a searcher per document cost as much as the search.
static REPLACEMENT_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{FFFD}".as_bytes()));

fn decode_unmarked(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    // The Encoding Standard maps the labels of HZ and ISO-2022-KR to its
    // replacement encoding, which reads nothing: they are read here.
    if let Some(decoded) = declared.and_then(|label| seven_bit_declared(label.trim(), bytes)) {
        return Ok(decoded);
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            if encoding == UTF_16LE || encoding == UTF_16BE || !looks_binary(bytes) {
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: encoding.name(),
                    source: EncodingSource::Declared,
                    replacements: 0,
                });
            }
        }
    }
    if let Some((read, name)) = sniff_utf32(bytes) {
        return Ok(Decoded { source: EncodingSource::Detected, ..decode_utf32(bytes, read, name) });
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return Ok(decode_with(encoding, bytes, EncodingSource::Detected));
    }
    // SIMD validation: most inputs are UTF-8, and std's check runs at about a
    // byte per cycle on CJK text.
    let utf8 = simdutf8::basic::from_utf8(bytes);
    if utf8.is_err() {
        if let Some(encoding) = sniff_utf16_cjk(bytes) {
            return Ok(decode_with(encoding, bytes, EncodingSource::Detected));
        }
    }
    if let Ok(text) = utf8 {
        // The seven-bit encodings switch with an escape (ESC for ISO-2022, `~`
        // for HZ): one search for either spares most texts the three tests.
        let escapes = memchr::memchr2(0x1B, b'~', bytes).is_some();
        // Before the binary check: its shifts and escapes are control bytes.
        if let Some(decoded) = escapes.then(|| iso_2022_kr_reading(bytes)).flatten() {
            return Ok(decoded);
        }
        if memchr::memchr(0, bytes).is_some() || looks_binary(bytes) {
            return Err(binary_error(bytes));
        }
        if let Some(decoded) = escapes.then(|| iso_2022_jp_reading(bytes).or_else(|| hz_reading(bytes))).flatten() {
            return Ok(decoded);
        }
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            source: EncodingSource::Utf8,
            replacements: 0,
        });
    }
    if looks_binary(bytes) {
        return Err(binary_error(bytes));
    }
    if let Some(decoded) = cut_utf8_reading(bytes) {
        return Ok(decoded);
    }
    if let Some(decoded) = korean_reading(bytes).or_else(|| chinese_reading(bytes)) {
        return Ok(decoded);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECTOR_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Allow);
    // A multi-byte text the detector ruled out lands on a single-byte page:
    // one cut inside its last character, or with a damaged byte.
    if guess.is_single_byte() {
        let other = cut_reading(bytes)
            .or_else(|| lossy_cjk_reading(bytes))
            .or_else(|| page_with_holes_reading(bytes, prefix, guess));
        if let Some(decoded) = other {
            return Ok(decoded);
        }
    }
    if guess == EUC_JP {
        if let Some(decoded) = korean_taken_for_japanese(bytes) {
            return Ok(decoded);
        }
    }
    let decoded = decode_with(guess, bytes, EncodingSource::Detected);
    if let Some(other) = other_double_byte(bytes, &decoded) {
        return Ok(other);
    }
    Ok(second_opinion(bytes, decoded))
}

/// EUC-KR text the detector took for EUC-JP: KS X 1001 puts its jamo
/// where JIS X 0208 has hiragana (row 4), so Korean that spells out jamo
/// (`ㅋㅋㅋ`, or the make-up sequences of old Hangul) looks like kana-rich
/// Japanese, and the syllables read as kanji (`파이썬` as `督戚純`). The
/// EUC-KR reading is taken when the bytes read as it without error and as
/// Korean (Hangul with spaces between words, at least half of its non-ASCII
/// characters syllables: Japanese written with spaces for children,
/// `わたし は がっこう に`, reads as jamo, `ㅿㅏㅇ ㅟ ㄼㅓㅃㄶ ㅛ`) whose jamo are
/// written as Korean writes them ([`jamo_as_korean_writes_them`]: a list of
/// kanji words, `文化 科学 健康`, reads as Hangul syllables with spaces, but
/// with no jamo), and the EUC-JP reading does not read as Japanese, or does
/// but is written with spaces between its words, which Japanese is not.
fn korean_taken_for_japanese(bytes: &[u8]) -> Option<Decoded> {
    let prefix = &bytes[..bytes.len().min(DETECTOR_PREFIX)];
    let japanese = EUC_JP.decode_without_bom_handling(prefix).0;
    if reads_as(&japanese, EUC_JP.name()) && !spaced_like_korean(&japanese) {
        return None;
    }
    let korean = EUC_KR.decode_without_bom_handling_and_without_replacement(bytes)?;
    let end = (0..=korean.len().min(DETECTOR_PREFIX)).rev().find(|&i| korean.is_char_boundary(i)).unwrap_or(0);
    let judged = &korean[..end];
    let non_ascii = judged.chars().filter(|c| !c.is_ascii()).count();
    let syllables = judged.chars().filter(|&c| is_hangul_syllable(c)).count();
    let reads_korean =
        syllables * 2 >= non_ascii && jamo_as_korean_writes_them(judged) && reads_as(judged, EUC_KR.name());
    reads_korean.then(|| Decoded {
        text: korean.into_owned(),
        encoding: EUC_KR.name(),
        source: EncodingSource::Detected,
        replacements: 0,
    })
}

/// One byte, and one more in this many characters, may fail in
/// [`lossy_cjk_reading`] when most lines decode whole.
const LOSSY_CHARS_PER_ERROR: usize = 20;

/// How many damaged bytes the U+FFFD of `text` stand for: one for each group
/// of at most [`LOST_TO_ONE_BYTE`] with no ASCII character between them (a
/// bad byte, and the byte its misaligned run leaves without a partner at the
/// next ASCII one); `None` when a group has more. Two errors far apart are two
/// bytes: GB2312 text read as EUC-KR fails once on the damaged byte and once
/// on a character of row 0xC9, which EUC-KR leaves undefined.
fn damaged_bytes(text: &str) -> Option<usize> {
    let (mut groups, mut in_group) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\u{FFFD}' {
            if in_group == 0 {
                groups += 1;
            }
            in_group += 1;
            if in_group > LOST_TO_ONE_BYTE {
                return None;
            }
        } else if c.is_ascii() {
            in_group = 0;
        }
    }
    Some(groups)
}

/// The errors one damaged byte costs a double-byte decoder at most (see
/// [`damaged_bytes`]).
const LOST_TO_ONE_BYTE: usize = 2;

/// A Chinese, Japanese or Korean text with a few bytes its encoding does not
/// read (a damaged byte, a character of a later extension such as JIS X
/// 0213): the detector rules out every encoding with an error, and such a
/// text came out as Windows-1252 (`ÇàºÌ¿Æ¼¼` for `青禾科技`). Each
/// multi-byte encoding is tried with replacement, and the one with the
/// fewest errors (those of one damaged byte, [`damaged_bytes`], and of one
/// more per hundred characters; or one error, and one more per
/// [`LOSSY_CHARS_PER_ERROR`] when at least half of the text is in lines
/// without one: a sample of EUC-JIS-2004, whose extra characters EUC-JP
/// lacks, has 22 in 456) is taken when it reads as the language
/// of the encoding ([`reads_as_its_language`]); each failed byte is a U+FFFD, counted.
/// The Chinese encodings are judged as the Encoding Standard's decoder reads
/// them or as read back in step after each failure ([`decode_lossy`], for a
/// byte lost, not damaged), and the latter reading is kept.
fn lossy_cjk_reading(bytes: &[u8]) -> Option<Decoded> {
    if mostly_latin(bytes) {
        return None;
    }
    // Judged on whole lines of the detector's prefix; only the one taken is
    // decoded whole.
    let sample = match bytes.get(..DETECTOR_PREFIX) {
        Some(prefix) => memchr::memrchr(b'\n', prefix).map_or(prefix, |cut| &prefix[..=cut]),
        None => bytes,
    };
    let limit = 1 + sample.len() / LOSSY_CHARS_PER_ERROR;
    let passes = |d: &Decoded| {
        // Up to one error in a hundred characters, or up to one in twenty
        // where they leave most lines whole.
        let chars = d.text.chars().count();
        d.replacements > 0
            && (damaged_bytes(&d.text).is_some_and(|bytes| bytes <= 1 + chars / 100)
                || (d.replacements <= 1 + chars / LOSSY_CHARS_PER_ERROR && mostly_intact(&d.text)))
            && reads_as_its_language(&d.text, d.encoding)
    };
    // Judged as the Encoding Standard's decoder reads it, or as read back
    // in step after each failure ([`decode_lossy`], for the Chinese
    // encodings), which is the reading kept.
    let best = |encodings: [&'static Encoding; 3]| {
        encodings
            .into_iter()
            .filter(|&encoding| at_most_errors(encoding, sample, limit))
            .filter_map(|encoding| {
                let standard = decode_with(encoding, sample, EncodingSource::Detected);
                if !is_chinese_double_byte(encoding) {
                    return passes(&standard).then_some((standard.replacements, standard));
                }
                let in_step = decode_lossy(encoding, sample, EncodingSource::Detected);
                (passes(&standard) || passes(&in_step)).then_some((standard.replacements, in_step))
            })
            .min_by_key(|(replacements, _)| *replacements)
            .map(|(_, decoded)| decoded)
    };
    // Japanese and Korean first: their tests (hiragana, Hangul with spaces)
    // are the stricter, and Japanese read as Big5 gives the commonest Han
    // characters (row A4, EUC-JP's hiragana, is `一乙丁七`), which the
    // character model can take for Chinese.
    let judged = best([SHIFT_JIS, EUC_JP, EUC_KR]).or_else(|| best([GBK, BIG5, GB18030]))?;
    if sample.len() == bytes.len() {
        return Some(judged);
    }
    let encoding = Encoding::for_label(judged.encoding.as_bytes())?;
    Some(decode_lossy(encoding, bytes, EncodingSource::Detected))
}

/// Whether `bytes` decode as `encoding` with at most `limit` errors: most
/// texts tried (a Cyrillic one as Shift_JIS) pass it within a few hundred
/// bytes, and decoding them whole doubled the time to decode them.
fn at_most_errors(encoding: &'static Encoding, bytes: &[u8], limit: usize) -> bool {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = [0u8; 4096];
    let (mut rest, mut errors) = (bytes, 0usize);
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut out, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(_, _) => {
                errors += 1;
                if errors > limit {
                    return false;
                }
            }
        }
    }
}

/// The single-byte pages with bytes they leave undefined (Windows-1253 has no
/// 0xAA, 0xD2 or 0xFF; Windows-1255 none from 0xD9 to 0xDF; Windows-874
/// none from 0xFC), which a damaged byte can hit.
const PAGES_WITH_HOLES: [&Encoding; 6] = [
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_874,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_7,
];

/// A text of a single-byte page with a few bytes the page does not define (a
/// damaged byte): the detector rules the page out and takes another (a Greek
/// text with one 0xFF came out as Windows-1251 Cyrillic). A page that leaves
/// one byte undefined, and at most one more per thousand, is taken when the
/// detector, shown the bytes with those blanked out, chooses it; each such
/// byte is a U+FFFD.
fn page_with_holes_reading(bytes: &[u8], prefix: &[u8], guess: &'static Encoding) -> Option<Decoded> {
    static HOLES: std::sync::LazyLock<Vec<[bool; 256]>> =
        std::sync::LazyLock::new(|| PAGES_WITH_HOLES.iter().map(|&page| undefined_bytes(page)).collect());
    // On a short text the detector's choice with a letter blanked is a
    // coin toss (a clean Greek line of twenty letters, `ή` blanked, went to
    // Windows-1255).
    if prefix.len() < MIN_HOLES_TEXT {
        return None;
    }
    PAGES_WITH_HOLES.into_iter().zip(HOLES.iter()).filter(|&(page, _)| page != guess).find_map(|(page, holes)| {
        let count = prefix.iter().filter(|&&b| holes[usize::from(b)]).count();
        if count == 0 || count > 1 + prefix.len() / 1000 {
            return None;
        }
        let blanked: Vec<u8> = prefix.iter().map(|&b| if holes[usize::from(b)] { b' ' } else { b }).collect();
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(&blanked, prefix.len() == bytes.len());
        (detector.guess(None, Utf8Detection::Allow) == page).then(|| decode_with(page, bytes, EncodingSource::Detected))
    })
}

/// The fewest bytes [`page_with_holes_reading`] judges: clean Greek,
/// Cyrillic, Hebrew, Thai, Czech and Turkish texts of 90 to 320 bytes
/// (2,421 of them) all read as before, where lines of twenty letters did not.
const MIN_HOLES_TEXT: usize = 100;

/// The bytes `page` (a single-byte encoding) does not define.
fn undefined_bytes(page: &'static Encoding) -> [bool; 256] {
    let mut holes = [false; 256];
    for (b, hole) in holes.iter_mut().enumerate().skip(0x80) {
        let byte = [b as u8];
        *hole = page.decode_without_bom_handling_and_without_replacement(&byte).is_none();
    }
    holes
}

/// The lines of `text` without a U+FFFD: after a bad lead byte a
/// double-byte decoder pairs the wrong bytes up to the next ASCII one, so
/// only these show what the text is.
fn intact_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive('\n').filter(|line| !line.contains('\u{FFFD}'))
}

/// Whether at least half of `text` is in [`intact_lines`], the lines
/// [`reads_as_its_language`] judges.
fn mostly_intact(text: &str) -> bool {
    intact_lines(text).map(str::len).sum::<usize>() * 2 >= text.len()
}

/// `text` without the stretches a bad byte spoiled: from each U+FFFD up to
/// the next ASCII character, where a double-byte decoder finds its step again.
fn without_spoiled_stretches(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut spoiled = false;
    for c in text.chars() {
        if c == '\u{FFFD}' {
            spoiled = true;
        } else if c.is_ascii() || !spoiled {
            spoiled = false;
            kept.push(c);
        }
    }
    kept
}

/// Whether `text`, decoded as `encoding`, reads as that encoding's language
/// over the lines of its first [`DETECTOR_PREFIX`] bytes that decoded
/// without error; for the Chinese encodings, over all of them but the
/// stretches out of step ([`chinese_bits_but_spoiled`]); or, where intact
/// lines are less than half of it and do not (a one-line text with a bad
/// byte has none), over all of it but [`without_spoiled_stretches`].
fn reads_as_its_language(text: &str, encoding: &str) -> bool {
    let end = (0..=text.len().min(DETECTOR_PREFIX)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let prefix = &text[..end];
    let intact: String = intact_lines(prefix).collect();
    if reads_as(&intact, encoding) {
        return true;
    }
    // Chinese is judged on all of the text but the stretches out of step,
    // which the character model finds.
    if matches!(encoding, "GBK" | "Big5" | "gb18030")
        && chinese_bits_but_spoiled(prefix).is_some_and(|bits| bits <= CHINESE_BITS)
    {
        return true;
    }
    !mostly_intact(prefix) && reads_as(&without_spoiled_stretches(prefix), encoding)
}

/// [`chinese_bits`] of a text with a bad byte, once the stretch it put out
/// of step is left out. A byte lost or damaged inside a run of double-byte
/// characters pairs the bytes around it with the wrong ones: the decoder
/// fails on a pair (the U+FFFD) and reads on out of step up to the next
/// ASCII byte, and a byte lost before the U+FFFD put the characters before
/// it out of step too. Around each U+FFFD, within its stretch of non-ASCII
/// text, the characters that read worse than Chinese are left out: the run
/// on either side whose excess over [`CHINESE_BITS`] (Han characters), or
/// whose odd characters (neither Han nor CJK punctuation), add up to the
/// most. `None` when fewer than 20 Han characters are left, or what is left
/// is not Chinese as [`chinese_bits`] wants it.
fn chinese_bits_but_spoiled(text: &str) -> Option<f64> {
    /// How far on either side of a U+FFFD a spoiled stretch is looked for:
    /// a bound on the work for a text of many failures in long lines.
    const SPOILED_REACH: usize = 256;
    /// What a character adds to a stretch out of step: a Han character its
    /// bits over the line, CJK punctuation (which stays in step only by
    /// chance) a little less, anything else as much as a rare character.
    fn excess(bits: Option<f64>, punctuation: bool) -> f64 {
        match bits {
            Some(bits) => bits - CHINESE_BITS,
            None if punctuation => -CHINESE_BITS / 2.0,
            None => CHINESE_BITS,
        }
    }
    // The non-ASCII characters: their bits (Han), whether CJK punctuation,
    // and the stretch of non-ASCII text each is in.
    let mut chars: Vec<(Option<f64>, bool, usize)> = Vec::new();
    let mut stretch = 0;
    let mut prev = None;
    for c in text.chars() {
        if c.is_ascii() {
            stretch += 1;
        } else {
            let bits = crate::gbk::is_han(c).then(|| crate::lm::bits(prev, c));
            chars.push((bits, crate::gbk::is_cjk_punctuation(c) || c == '\u{FFFD}', stretch));
        }
        prev = Some(c);
    }
    let mut spoiled = vec![false; chars.len()];
    for at in text.chars().filter(|c| !c.is_ascii()).enumerate().filter(|(_, c)| *c == '\u{FFFD}').map(|(i, _)| i) {
        let here = chars[at].2;
        let (mut sum, mut best, mut from) = (0.0, 0.0, at);
        for i in (0..at).rev().take_while(|&i| chars[i].2 == here).take(SPOILED_REACH) {
            sum += excess(chars[i].0, chars[i].1);
            if sum > best {
                (best, from) = (sum, i);
            }
        }
        let (mut sum, mut best, mut to) = (0.0, 0.0, at);
        for i in (at + 1..chars.len()).take_while(|&i| chars[i].2 == here).take(SPOILED_REACH) {
            sum += excess(chars[i].0, chars[i].1);
            if sum > best {
                (best, to) = (sum, i);
            }
        }
        spoiled[from..=to].fill(true);
    }
    let (mut han, mut bits, mut cjk_other, mut other) = (0usize, 0.0, 0usize, 0usize);
    for (&(b, punctuation, _), _) in chars.iter().zip(&spoiled).filter(|(_, &spoiled)| !spoiled) {
        match b {
            Some(b) => (han, bits) = (han + 1, bits + b),
            None if punctuation => cjk_other += 1,
            None => other += 1,
        }
    }
    // A short line may leave fewer than 20 Han characters in step: ten do,
    // held to a bit a character less.
    let mean = bits / han.max(1) as f64;
    let enough = han >= 20 || (han >= SHORT_LINE_HAN && mean <= CHINESE_BITS - 1.0);
    let mostly_chinese = enough && (han + cjk_other) * 10 >= (han + cjk_other + other) * 9;
    mostly_chinese.then_some(mean)
}

/// The fewest Han characters in step by which [`chinese_bits_but_spoiled`]
/// judges a short line.
const SHORT_LINE_HAN: usize = 10;

/// Whether `text` is in the language of `encoding`: Chinese to the character
/// model, Japanese with hiragana (a Cyrillic text read as Shift_JIS is
/// half-width katakana and Han), Korean as [`reads_as_cjk`] wants it.
fn reads_as(text: &str, encoding: &str) -> bool {
    match encoding {
        "GBK" | "Big5" | "gb18030" => chinese_bits(text).is_some_and(|bits| bits <= CHINESE_BITS),
        "Shift_JIS" | "EUC-JP" => {
            let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
            let hiragana = text.chars().filter(|c| ('\u{3041}'..='\u{309F}').contains(c)).count();
            hiragana * 10 >= non_ascii && reads_as_cjk(text)
        }
        "EUC-KR" => reads_as_cjk(text) && hanja_as_korean_writes_them(text),
        _ => false,
    }
}

/// Syllables that end Korean words: particles (`는`, `을`, `에`, `의`…) and the
/// endings of verbs and adjectives (`다`, `고`, `며`, `요`…).
const WORD_ENDINGS: &str = "은는이가을를에의도로서와과만고다요며면지게한할된인적니까죠";

/// Whether at least two in five of the words of `text` that hold a Hangul
/// syllable end in one of [`WORD_ENDINGS`], over at least eight such words:
/// Korean running text ends most words so (政府는, 發表했다). Japanese or
/// Chinese bytes read as EUC-KR give syllables at random, and a list of
/// their words read so (`경굶 1.0`, `마공 거방 휘방`) ends hardly any.
fn korean_word_endings(text: &str) -> bool {
    let (mut words, mut ended) = (0usize, 0usize);
    for word in text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-')) {
        let word = word.trim_end_matches(|c: char| !is_hangul_syllable(c) && !crate::gbk::is_han(c));
        if !word.chars().any(is_hangul_syllable) {
            continue;
        }
        words += 1;
        ended += usize::from(word.chars().next_back().is_some_and(|c| WORD_ENDINGS.contains(c)));
    }
    words >= 8 && ended * 5 >= words * 2
}

/// Whether the Han characters (hanja) of `text` are as Korean writes them:
/// few (one for five Hangul syllables or fewer), or each at the start of a
/// word, before its Hangul ending (`政府는`, `發表했다`), hardly ever right
/// after a syllable (at most once for twenty syllables). GB2312 read as
/// EUC-KR gives syllables for its rows 0xB0..=0xC8 and hanja for the rest,
/// which hold many of the commonest characters (`是`, `在`, `这`, `中`, `我`,
/// `有`): a damaged Chinese text read so mixes them either way
/// (`맡뻠녑혐連넣돨`).
fn hanja_as_korean_writes_them(text: &str) -> bool {
    let (mut syllables, mut hanja, mut after_syllable) = (0usize, 0usize, 0usize);
    let mut prev = ' ';
    for c in text.chars() {
        syllables += usize::from(is_hangul_syllable(c));
        if crate::gbk::is_han(c) {
            hanja += 1;
            after_syllable += usize::from(is_hangul_syllable(prev));
        }
        prev = c;
    }
    hanja * 5 <= syllables || after_syllable * 20 <= syllables
}

/// How many multi-byte characters before a cut show a text to be UTF-8: a
/// Windows-1252 text's high bytes can pair up once by chance (`Ô` and a
/// no-break space are D4 A0, `Ԡ`).
const MIN_UTF8_EVIDENCE: usize = 3;

/// UTF-8 cut inside its last character, with at least
/// [`MIN_UTF8_EVIDENCE`] multi-byte characters before the cut: the text,
/// with one U+FFFD for the cut character. (ASCII and one last byte, `café`
/// in Windows-1252, is no such evidence, and goes to the detector.)
fn cut_utf8_reading(bytes: &[u8]) -> Option<Decoded> {
    let err = std::str::from_utf8(bytes).err()?;
    // `error_len` is `None` only where the input ends inside a character.
    if err.error_len().is_some() || memchr::memchr(0, bytes).is_some() {
        return None;
    }
    let text = std::str::from_utf8(bytes.get(..err.valid_up_to())?).ok()?;
    // The evidence: that many multi-byte characters.
    text.chars().filter(|c| !c.is_ascii()).nth(MIN_UTF8_EVIDENCE - 1)?;
    Some(Decoded {
        text: format!("{text}\u{FFFD}"),
        encoding: UTF_8.name(),
        source: EncodingSource::Utf8,
        replacements: 1,
    })
}

/// A file of at most [`DETECTOR_PREFIX`] bytes cut inside its last character
/// (a size cap, a partial download): every multi-byte encoding fails on the
/// cut, and the detector falls to a single-byte page. The detector is asked
/// again without the last byte, and a multi-byte encoding it then chooses is
/// taken when the text reads as its language (a short Cyrillic word read as
/// GBK does not); the cut character becomes one U+FFFD. (Telling the
/// detector that such input does not end there kept GBK alive for every
/// short single-byte text that ends in a letter.)
fn cut_reading(bytes: &[u8]) -> Option<Decoded> {
    if !ends_outside_ascii(bytes) || bytes.len() > DETECTOR_PREFIX {
        return None;
    }
    let cut = &bytes[..bytes.len() - 1];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(cut, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    if encoding.is_single_byte() {
        return None;
    }
    let text = encoding.decode_without_bom_handling_and_without_replacement(cut)?;
    reads_as_its_language(&text, encoding.name()).then(|| decode_with(encoding, bytes, EncodingSource::Detected))
}

/// Whether the last byte of `bytes` is not ASCII: where a file cut inside
/// its last character ends.
fn ends_outside_ascii(bytes: &[u8]) -> bool {
    bytes.last().is_some_and(|b| !b.is_ascii()) && bytes.len() > 1
}

/// Korean written with hanja (`政府는 經濟 政策을 發表했다`), which the detector
/// and [`chinese_reading`] take for Big5: its syllables' bytes are Big5's
/// commonest characters. Text with a space for every ten bytes or more (Korean
/// puts one between words; Chinese and Japanese do not) is read as EUC-KR,
/// and taken when it reads without error as Korean: at least 20 syllables,
/// nearly all of its non-ASCII characters syllables, hanja or punctuation, a
/// space for every twenty characters, and hanja as Korean writes them
/// ([`hanja_as_korean_writes_them`]).
fn korean_reading(bytes: &[u8]) -> Option<Decoded> {
    let sniffed = &bytes[..bytes.len().min(SNIFF_PREFIX)];
    if memchr::memchr_iter(b' ', sniffed).count() * 10 < sniffed.len() || mostly_latin(sniffed) {
        return None;
    }
    let prefix = whole_lines_prefix(bytes)?;
    let judged = EUC_KR.decode_without_bom_handling_and_without_replacement(prefix)?;
    let (mut chars, mut spaces, mut non_ascii, mut syllables, mut korean) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for c in judged.chars() {
        chars += 1;
        spaces += usize::from(c == ' ');
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        let syllable = is_hangul_syllable(c);
        syllables += usize::from(syllable);
        korean += usize::from(syllable || crate::gbk::is_han(c) || is_cjk_text_punctuation(c));
    }
    let reads_korean = syllables >= 20
        && korean * 20 >= non_ascii * 19
        && spaces * 20 >= chars
        && hanja_as_korean_writes_them(&judged)
        && korean_word_endings(&judged)
        && judged.chars().all(is_text_char);
    reads_korean.then(|| read_whole(EUC_KR, bytes, prefix, judged))
}

/// The whole lines of the detector's prefix of `bytes` (all of them when they
/// are no longer), for a reading that must decode without error: a prefix cut
/// inside a pair would not. `None` when the prefix holds no line end.
fn whole_lines_prefix(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.len() <= DETECTOR_PREFIX {
        return Some(bytes);
    }
    let cut = memchr::memrchr(b'\n', &bytes[..DETECTOR_PREFIX])?;
    Some(&bytes[..=cut])
}

/// `bytes` read as `encoding`, whose [`whole_lines_prefix`] `prefix` read as
/// `text` without error: that text when the prefix was all of them (no second
/// decoding), else the whole decoded again.
fn read_whole(encoding: &'static Encoding, bytes: &[u8], prefix: &[u8], text: Cow<'_, str>) -> Decoded {
    if prefix.len() == bytes.len() {
        Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            source: EncodingSource::Detected,
            replacements: 0,
        }
    } else {
        decode_with(encoding, bytes, EncodingSource::Detected)
    }
}

/// Most of what the detector sees is Chinese, where it runs at a few MB/s.
/// Before asking it, the bytes are read as GBK and as Big5 without errors,
/// and a reading is taken when it reads as Chinese to the character model
/// (few bits per Han character) and the other reading is invalid or clearly
/// worse. Korean, Japanese or Big5 bytes read as GBK give Han characters too,
/// but in sequences the model has never seen; anything unclear goes to the
/// detector.
fn chinese_reading(bytes: &[u8]) -> Option<Decoded> {
    let prefix = whole_lines_prefix(bytes)?;
    let read = |encoding: &'static Encoding| {
        let text = encoding.decode_without_bom_handling_and_without_replacement(prefix)?;
        let bits = chinese_bits(&text)?;
        Some((encoding, text, bits))
    };
    let (winner, other) = match (read(GBK), read(BIG5)) {
        (Some(g), Some(b)) if g.2 <= b.2 => (g, Some(b.2)),
        (Some(g), Some(b)) => (b, Some(g.2)),
        (Some(g), None) => (g, None),
        (None, Some(b)) => (b, None),
        (None, None) => return None,
    };
    let (encoding, text, bits) = winner;
    if bits > CHINESE_BITS || other.is_some_and(|o| o < bits + CHINESE_MARGIN) {
        return None;
    }
    Some(read_whole(encoding, bytes, prefix, text))
}

/// Mean bits per Han character that a Chinese text stays under with the
/// character model (real text: 7–10; Korean or Japanese bytes read as GBK,
/// Big5 read as GBK: 13 and more).
const CHINESE_BITS: f64 = 11.0;
/// How much worse the other reading must be.
const CHINESE_MARGIN: f64 = 3.0;

/// How many Han characters of a reading the character model scores. Real
/// Chinese stays near 8 bits a character and a wrong reading near 15 or more
/// from its first lines on: 500 decide as 2,000 did on each of the 42,822
/// files of the repair checks (evaluation, benchmark and `../shared`
/// corpora), for a quarter of the look-ups.
const SAMPLE_HAN: usize = 500;

/// Mean bits per Han character of `text` under the character model, over
/// at most [`SAMPLE_HAN`] of them; `None` unless most of its non-ASCII
/// characters are Han or CJK punctuation and there are at least 20 Han
/// characters.
fn chinese_bits(text: &str) -> Option<f64> {
    chinese_bits_of_at_least(text, 20)
}

/// [`chinese_bits`] of a text with at least `min_han` Han characters.
fn chinese_bits_of_at_least(text: &str, min_han: usize) -> Option<f64> {
    let (mut han, mut cjk_other, mut other, mut bits) = (0usize, 0usize, 0usize, 0.0);
    let mut prev = None;
    for c in text.chars() {
        if crate::gbk::is_han(c) {
            if han < SAMPLE_HAN {
                bits += crate::lm::bits(prev, c);
            }
            han += 1;
        } else if crate::gbk::is_cjk_punctuation(c) {
            cjk_other += 1;
        } else if !c.is_ascii() {
            other += 1;
        }
        prev = Some(c);
    }
    let mostly_chinese = han >= min_han && (han + cjk_other) * 10 >= (han + cjk_other + other) * 9;
    mostly_chinese.then(|| bits / han.min(SAMPLE_HAN) as f64)
}

/// The detector reads byte statistics, and a Latin-script text with a few
/// non-ASCII characters gives it little to go on: GB18030 `é` (A8 A6) or
/// Big5 `“` (A1 A7) come out as `└` in EUC-JP or `бз` in IBM866. For text
/// that is mostly ASCII, GB18030 and Big5 are tried too, and a reading
/// without errors replaces the guess when its non-ASCII characters fit
/// Latin-script text clearly better.
fn second_opinion(bytes: &[u8], guess: Decoded) -> Decoded {
    if !mostly_latin(bytes) {
        return guess;
    }
    let mut best = guess;
    let mut best_cost = latin_context_cost(&best.text);
    for encoding in [GB18030, BIG5] {
        if encoding.name() == best.encoding || best_cost == 0 {
            continue;
        }
        let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else { continue };
        let cost = latin_context_cost(&text);
        if cost * 2 < best_cost {
            best_cost = cost;
            best = Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                source: EncodingSource::Detected,
                replacements: 0,
            };
        }
    }
    best
}

/// Whether `bytes` hold mostly ASCII letters and few other bytes: Latin-script
/// text, where a legacy Chinese encoding carries only punctuation and signs.
pub(crate) fn mostly_latin(bytes: &[u8]) -> bool {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    non_ascii * 5 <= bytes.len() && letters * 2 >= bytes.len()
}

/// How out of place the non-ASCII characters of `text` are in Latin-script
/// text: nothing for Latin letters, punctuation, currency and common signs;
/// a point for any other script or symbol (`бз`, `└`, `￡`); ten for U+FFFD,
/// controls and private use.
fn latin_context_cost(text: &str) -> u32 {
    text.chars()
        .filter(|c| !c.is_ascii())
        .map(|c| match c {
            '\u{FFFD}' | '\u{80}'..='\u{9F}' | '\u{E000}'..='\u{F8FF}' => 10,
            '\u{A0}'..='\u{24F}' | '\u{2000}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}' | '\u{2122}' => 0,
            _ => 1,
        })
        .sum()
}

/// `bytes` read as `encoding` with replacement; for the Chinese double-byte
/// encodings, where a character fails the reading goes on from its second
/// byte or from the one after, whichever reads better ([`resume_reading`]).
/// The Encoding Standard's decoders go on after both bytes of a failing
/// pair: right where a byte was damaged, but where one was lost every pair
/// after it is out of step, and out of step most pairs are still characters
/// (GBK's user-defined areas, which real text hardly uses, among them), up
/// to the next ASCII byte. Here a private-use character fails too, the
/// reading from the second byte is back in step, and the run before the
/// failure is read again from where the byte left alone stands
/// ([`lone_byte`]): `家长�女士说`, and not `家长峙�士说` nor `家长峙縠档…`,
/// for `家长邵女士说` with a byte of `邵` lost.
fn decode_lossy(encoding: &'static Encoding, bytes: &[u8], source: EncodingSource) -> Decoded {
    if !is_chinese_double_byte(encoding) {
        return decode_with(encoding, bytes, source);
    }
    let mut text = String::with_capacity(bytes.len() * 3 / 2 + 4);
    let mut replacements = 0usize;
    // Where each character read in step since the last ASCII byte or
    // failure starts, in `bytes` and in `text`.
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            run.clear();
        } else {
            run.push((at, text.len()));
        }
        match chinese_unit(encoding, bytes, at, &mut text) {
            Some(len) => at += len,
            None if four_byte_shape(encoding, bytes, at) => {
                // A four-byte character with a damaged byte: lost whole.
                run.clear();
                text.push('\u{FFFD}');
                replacements += 1;
                at += 4;
            }
            None => {
                run.pop();
                let resume = resume_reading(encoding, bytes, at);
                // A byte lost before this one: the run may have gone out of
                // step earlier, where the byte left alone stands. (Not when
                // a `?` follows: a converter's mark for the byte it lost.)
                let lost_before = resume == at + 1 && bytes.get(at + 1) != Some(&b'?');
                let alone = if lost_before { lone_byte(encoding, bytes, &run, at) } else { None };
                match alone {
                    Some((byte, text_at)) => {
                        text.truncate(text_at);
                        at = byte + 1;
                    }
                    None => at = resume,
                }
                text.push('\u{FFFD}');
                replacements += 1;
                run.clear();
            }
        }
    }
    Decoded { text, encoding: encoding.name(), source, replacements }
}

/// How many bits better [`lone_byte`] must read a run again from a byte
/// left alone. Here a byte is known to be lost or damaged, and a choice
/// one character off costs one character. Against 10: lines with a lost
/// byte and a newline, GBK, U+FFFD in the lost character's place 1,182 ->
/// 1,272 of 1,464, left out of step 79 -> 59; the review sets of the
/// twentieth to twenty-second sessions 117 texts closer, one further (3
/// gave 129 closer, 5 further).
const LOST_BYTE_MARGIN: f64 = 5.0;

/// What a character that does not read costs in [`reading_bits`] and
/// [`best_lone_byte`].
const FAILURE_BITS: f64 = 30.0;

/// How many characters back a lost byte is looked for where each start of
/// a run is read on its own (a run not in pairs only: [`shifted_pairs`]
/// reads a run in pairs for all its starts at once).
const LONE_BYTE_REACH: usize = 48;

/// Where, in a run of characters read in step up to a failing one at
/// `failed` (`run`: each character's start in the bytes and in the text),
/// the byte whose partner was lost stands, when not at `failed`: the run
/// was out of step from there. Each start is tried as the byte left alone
/// (all of them where the run is in pairs, [`shifted_pairs`], else the last
/// [`LONE_BYTE_REACH`]):
/// the run's characters before it as read, the bytes after it read in step
/// up to the next ASCII byte (or 32 bytes past `failed`). The reading with
/// the fewest bits ([`reading_bits`]) over those same bytes is taken when
/// it beats the failing character's by [`LOST_BYTE_MARGIN`] bits. Returns
/// the byte and where its character starts in the text.
fn lone_byte(
    encoding: &'static Encoding,
    bytes: &[u8],
    run: &[(usize, usize)],
    failed: usize,
) -> Option<(usize, usize)> {
    let limit = bytes.len().min(failed + 32);
    let end = (failed + 1..limit).find(|&i| bytes[i] < 0x80).unwrap_or(limit);
    let at_failure = |run_bits: f64| run_bits + reading_bits(encoding, bytes, None, failed + 1, end);
    // Every start of the run, when the pairs after each read in step
    // through the failing byte: then only the bytes past it are read once.
    let shifted = shifted_pairs(encoding, bytes, run, failed);
    let rest = shifted.as_ref().map(|s| reading_bits(encoding, bytes, s.last, failed + 1, end));
    let after = |i: usize, from: usize| match (&shifted, rest) {
        (Some(s), Some(rest)) if s.bits[i].is_some() => s.bits[i].map(|bits| bits + rest),
        _ => near_the_end(run, i).then(|| reading_bits(encoding, bytes, None, from, end)),
    };
    best_lone_byte(encoding, bytes, run, LOST_BYTE_MARGIN, at_failure, after)
}

/// Whether the `i`th of `run`'s character starts is among its last
/// [`LONE_BYTE_REACH`]: as far back as a lost byte is looked for where each
/// start is read on its own ([`shifted_pairs`] reads them all at once).
fn near_the_end(run: &[(usize, usize)], i: usize) -> bool {
    i + LONE_BYTE_REACH >= run.len()
}

/// For a run read in step as pairs only, each pair right after the one
/// before, up to byte `through` (`through` is two past the last start): the
/// bits of the pairs out of step that start one byte after each start and
/// end with `through` ([`pairs_through`] of each, computed from the end in
/// one pass), and the last of their characters. A start whose pairs after
/// it do not all read as double-byte characters has none; `None` when the
/// run is not such a run.
struct ShiftedPairs {
    bits: Vec<Option<f64>>,
    last: Option<char>,
}

fn shifted_pairs(
    encoding: &'static Encoding,
    bytes: &[u8],
    run: &[(usize, usize)],
    through: usize,
) -> Option<ShiftedPairs> {
    let (&(first, _), &(last_start, _)) = (run.first()?, run.last()?);
    let in_pairs = run.windows(2).all(|w| w[1].0 == w[0].0 + 2) && last_start + 2 == through;
    if !in_pairs || first + 2 * run.len() != through {
        return None;
    }
    // Each pair out of step, as one character, or `None`.
    let mut read = String::new();
    let chars: Vec<Option<char>> = run
        .iter()
        .map(|&(start, _)| {
            read.clear();
            let from = start + 1;
            let pair = bytes[from] >= 0x80 && chinese_unit(encoding, bytes, from, &mut read) == Some(2);
            let mut chars = read.chars();
            match (pair, chars.next(), chars.next()) {
                (true, Some(c), None) => Some(c),
                _ => None,
            }
        })
        .collect();
    let mut bits = vec![None; run.len()];
    // The bits of the pairs after each, read on from it.
    let mut tail = 0.0;
    for i in (0..run.len()).rev() {
        let Some(c) = chars[i] else { break };
        bits[i] = Some(crate::lm::bits(None, c) + tail);
        tail += match i.checked_sub(1).and_then(|j| chars[j]) {
            Some(prev) => crate::lm::bits(Some(prev), c),
            None => 0.0,
        };
    }
    Some(ShiftedPairs { bits, last: chars.last().copied().flatten() })
}

/// The choice [`lone_byte`], [`lone_byte_before_trail`] and
/// [`lone_byte_before_letter`] make: each of the run's character starts
/// (the bytes after them are what each choice reads on to) is tried as the
/// byte left alone, scored as the run's bits before it and `after` of its
/// index and the byte after it (`None`: no reading, or not tried), and the
/// best is taken when it beats `as_read` of the whole run's bits by `margin`. Returns the byte and where its character starts
/// in the text.
fn best_lone_byte(
    encoding: &'static Encoding,
    bytes: &[u8],
    run: &[(usize, usize)],
    margin: f64,
    as_read: impl FnOnce(f64) -> f64,
    after: impl Fn(usize, usize) -> Option<f64>,
) -> Option<(usize, usize)> {
    // Bits of the run read in step before each of its characters.
    let mut before = Vec::with_capacity(run.len());
    let (mut read, mut bits, mut prev) = (String::new(), 0.0, None);
    for &(byte, _) in run {
        before.push(bits);
        read.clear();
        if chinese_unit(encoding, bytes, byte, &mut read).is_none() {
            // A private-use pair (only [`realigned_at_glued_ascii`] keeps
            // them in a run) costs what a failure does in `reading_bits`.
            bits += FAILURE_BITS;
            prev = None;
            continue;
        }
        for c in read.chars() {
            bits += crate::lm::bits(prev, c);
            prev = Some(c);
        }
    }
    let as_read = as_read(bits);
    let (total, i) = run
        .iter()
        .zip(&before)
        .zip(0..)
        .filter_map(|((&(byte, _), &bits), i)| Some((bits + after(i, byte + 1)?, i)))
        .min_by(|a, b| a.0.total_cmp(&b.0))?;
    (total + margin < as_read).then(|| run[i])
}

/// The bits of `bytes[from..end]` read in step to the character model
/// (which prices the non-Han characters that pairs out of step give as rare
/// ones), each failure 30, after a U+FFFD.
fn reading_bits(encoding: &'static Encoding, bytes: &[u8], prev: Option<char>, from: usize, end: usize) -> f64 {
    let (mut read, mut bits, mut at) = (String::new(), 0.0, from);
    while at < end {
        match chinese_unit(encoding, bytes, at, &mut read) {
            Some(len) => at += len,
            None => {
                bits += FAILURE_BITS;
                at += 1;
            }
        }
    }
    let mut prev = prev;
    for c in read.chars() {
        bits += crate::lm::bits(prev, c);
        prev = Some(c);
    }
    bits
}

/// `bytes`, read as GBK or Big5 without error, read again where a byte was
/// lost: after a lost byte every pair is out of step until a trail byte
/// from 0x40 to 0x7E, which reads as ASCII, brings the reading back
/// (`臺北市立炷挴]今年` for `臺北市立圖書館今年`, `]` the trail byte of `館`).
/// At each ASCII byte of that range between two double-byte characters,
/// each character start of the run before it (as [`lone_byte`] tries them)
/// is tried as the byte left alone, the rest read in step through the ASCII
/// byte as a trail; the best is taken when it reads 15 bits better than the
/// text as it is. `None` when nothing changed, or the text does not read as
/// Chinese.
///
/// A text whose one error is its last byte, alone (read as a file cut inside
/// its last character), is read the same way with that byte as the last
/// trail: `…负责，绷侥晖瓿伞�` is `…负责，�时两年完成。` when a byte of `历`
/// was lost. Both readings hold one U+FFFD, so the choice needs no more
/// than the 15 bits.
fn realigned_at_glued_ascii(bytes: &[u8], decoded: &Decoded) -> Option<Decoded> {
    let encoding = Encoding::for_label(decoded.encoding.as_bytes()).filter(|&e| is_chinese_double_byte(e))?;
    let last = bytes.len().checked_sub(1)?;
    let cut = match decoded.replacements {
        0 => false,
        1 => decoded.text.ends_with('\u{FFFD}') && bytes[last] >= 0x81,
        _ => return None,
    };
    if !cut && !has_glued_ascii(decoded.text.as_bytes()) && !has_swallowed_ascii(encoding, bytes) {
        return None;
    }
    // Only Chinese, read as Chinese, before or after: another language
    // misread as GBK or Big5 is out of step everywhere, and a byte lost
    // early leaves most of a text out of step.
    // (Asked only of a text the loop below changed: most texts with ASCII
    // between Chinese characters lost no byte, and scoring them was a
    // sixth of reading a GB18030 page.)
    let reads_as_chinese = |text: &str| chinese_bits(text).is_some_and(|bits| bits <= CHINESE_BITS);
    let mut text = String::with_capacity(decoded.text.len());
    let (mut replacements, mut changed) = (0usize, false);
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let glued_trail =
            (0x40..=0x7E).contains(&b) && !run.is_empty() && bytes.get(at + 1).is_some_and(|&next| next >= 0x81);
        if glued_trail {
            if let Some((byte, text_at)) = lone_byte_before_trail(encoding, bytes, &run, at) {
                // In step from the byte after the lone one, through the
                // ASCII byte as the last trail.
                at = read_back_in_step(encoding, bytes, &mut text, (byte, text_at), at)?;
                replacements += 1;
                changed = true;
                run.clear();
                continue;
            }
        }
        // A pair whose trail reads as an ASCII letter, with ASCII after it:
        // a run out of step may have taken the letter as its last trail
        // (`覤RT` for `河BRT`).
        let swallowing = b >= 0x81 && !run.is_empty() && rare_pair_before_ascii(encoding, bytes, at);
        if swallowing {
            if let Some((byte, text_at)) = lone_byte_before_letter(encoding, bytes, &run, at) {
                // In step from the byte after the lone one, through the
                // pair's first byte as the last trail; the letter is ASCII.
                read_back_in_step(encoding, bytes, &mut text, (byte, text_at), at)?;
                text.push(char::from(bytes[at + 1]));
                replacements += 1;
                changed = true;
                at += 2;
                run.clear();
                continue;
            }
        }
        if cut && at == last {
            // The last byte, alone: a trail whose run went out of step, or
            // the first byte of a character the file was cut inside.
            let as_read = |run_bits: f64| run_bits;
            let in_step = pairs_through_each(encoding, bytes, &run, last);
            if let Some((byte, text_at)) = best_lone_byte(encoding, bytes, &run, 15.0, as_read, in_step) {
                read_back_in_step(encoding, bytes, &mut text, (byte, text_at), last)?;
                changed = true;
            } else {
                text.push('\u{FFFD}');
            }
            replacements += 1;
            break;
        }
        if b < 0x80 {
            run.clear();
        } else {
            run.push((at, text.len()));
        }
        match chinese_unit(encoding, bytes, at, &mut text) {
            Some(len) => at += len,
            // A pair of a user-defined area: as the decoder read it, and in
            // the run, where pairs out of step often land (`A2 88`).
            None => at += private_pair(encoding, bytes, at, &mut text)?,
        }
    }
    (changed && (reads_as_chinese(&decoded.text) || reads_as_chinese(&text))).then_some(Decoded {
        text,
        encoding: decoded.encoding,
        source: decoded.source,
        replacements,
    })
}

/// A text the detector (not [`chinese_reading`]) took for GBK or Big5,
/// without error, that does not read as Chinese
/// in it may be the other one, out of step after a lost byte: Chinese in
/// GBK out of step from its first characters up to a Latin letter taken
/// as a trail byte, then read as Big5 (`ヤ睽褪撮楷…` for `青禾科技发布…芯片“禾芯E3”`).
/// Where it has such a pair ([`has_swallowed_ascii`]) it is read as the
/// other without error, and taken when [`realigned_at_glued_ascii`] brings
/// it back in step as Chinese.
fn other_double_byte(bytes: &[u8], decoded: &Decoded) -> Option<Decoded> {
    let other = match decoded.encoding {
        "GBK" | "gb18030" => BIG5,
        "Big5" => GBK,
        _ => return None,
    };
    // The byte test first: most texts have no such pair.
    if decoded.replacements > 0
        || !has_swallowed_ascii(other, bytes)
        || chinese_bits(&decoded.text).is_some_and(|b| b <= CHINESE_BITS)
    {
        return None;
    }
    let text = other.decode_without_bom_handling_and_without_replacement(bytes)?.into_owned();
    let read = Decoded { text, encoding: other.name(), source: EncodingSource::Detected, replacements: 0 };
    realigned_at_glued_ascii(bytes, &read)
}

/// `text` cut back to where the lone byte's character starts (`lone`: the
/// byte and that place in the text), a U+FFFD for it, and the bytes after
/// it read in step through `through`: where reading goes on.
fn read_back_in_step(
    encoding: &'static Encoding,
    bytes: &[u8],
    text: &mut String,
    lone: (usize, usize),
    through: usize,
) -> Option<usize> {
    let (byte, text_at) = lone;
    text.truncate(text_at);
    text.push('\u{FFFD}');
    let mut from = byte + 1;
    while from <= through {
        from += chinese_unit(encoding, bytes, from, text)?;
    }
    Some(from)
}

/// The pair at `at` read as one private-use character, as the decoder reads
/// a pair of GBK's or Big5's user-defined areas, which [`chinese_unit`]
/// refuses; `None` for anything else.
fn private_pair(encoding: &'static Encoding, bytes: &[u8], at: usize, text: &mut String) -> Option<usize> {
    let read = encoding.decode_without_bom_handling_and_without_replacement(bytes.get(at..at + 2)?)?;
    let mut chars = read.chars();
    let c = chars.next().filter(|c| ('\u{E000}'..='\u{F8FF}').contains(c))?;
    if chars.next().is_some() {
        return None;
    }
    text.push(c);
    Some(2)
}

/// Whether UTF-8 `text` has an ASCII character from `@` to `~` between two
/// non-ASCII ones: a byte from 0x40 to 0x7E between two from 0x80. Most
/// texts have none: 32 bytes at a time are screened for such a byte with a
/// branch-free test the compiler vectorises (Chinese text has few).
fn has_glued_ascii(text: &[u8]) -> bool {
    let letter = |b: u8| b.wrapping_sub(0x40) <= 0x3E;
    let mut at = 1;
    while at + 1 < text.len() {
        let end = (at + 32).min(text.len() - 1);
        if text[at..end].iter().fold(false, |any, &b| any | letter(b))
            && (at..end).any(|i| letter(text[i]) && text[i - 1] >= 0x80 && text[i + 1] >= 0x80)
        {
            return true;
        }
        at = end;
    }
    false
}

/// [`lone_byte`] for a run read in step up to an ASCII byte at `trail` that
/// may be the trail byte of the run's last pair out of step: each of the
/// run's character starts ([`pairs_through_each`]) is tried as the byte
/// left alone, the bytes after it read in step through `trail`, against the
/// run and the ASCII character as read; a choice must read 15 bits better.
fn lone_byte_before_trail(
    encoding: &'static Encoding,
    bytes: &[u8],
    run: &[(usize, usize)],
    trail: usize,
) -> Option<(usize, usize)> {
    // The ASCII character as read costs what the model asks of a symbol.
    let as_read = |run_bits: f64| run_bits + 16.0;
    best_lone_byte(encoding, bytes, run, 15.0, as_read, pairs_through_each(encoding, bytes, run, trail))
}

/// [`pairs_through`] `trail` from the byte after each start of `run`, by
/// index: from [`shifted_pairs`] where the run is in pairs (every start),
/// else read on its own from each of the last [`LONE_BYTE_REACH`].
fn pairs_through_each<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    run: &'a [(usize, usize)],
    trail: usize,
) -> impl Fn(usize, usize) -> Option<f64> + 'a {
    let shifted = shifted_pairs(encoding, bytes, run, trail);
    move |i, from| match &shifted {
        Some(s) => s.bits[i],
        None => near_the_end(run, i).then(|| pairs_through(encoding, bytes, from, trail)).flatten(),
    }
}

/// How many bits better a run read back in step must read for
/// [`lone_byte_before_letter`]: 15, as elsewhere, changed 10 of 600 clean
/// lines given a rare character before a Latin letter (`青鸾鑙B` as
/// `青�借iB`), 25 one of 3,000, 30 none, for one lost byte more left out
/// of step in 1,464.
const SWALLOWED_MARGIN: f64 = 30.0;

/// [`lone_byte_before_trail`] for a run that may have taken an ASCII letter
/// as the trail of its last pair, at `pair`: each start of the run is tried
/// as the byte left alone, the bytes after it read in step through the
/// pair's first byte, and the letter read as ASCII (the 16 bits of a
/// symbol), against the run and the pair as read; a choice must read
/// [`SWALLOWED_MARGIN`] bits better.
fn lone_byte_before_letter(
    encoding: &'static Encoding,
    bytes: &[u8],
    run: &[(usize, usize)],
    pair: usize,
) -> Option<(usize, usize)> {
    let mut read = String::new();
    let pair_bits = match chinese_unit(encoding, bytes, pair, &mut read) {
        Some(2) => crate::lm::text_bits(None, read.chars()),
        _ => FAILURE_BITS,
    };
    let as_read = |run_bits: f64| run_bits + pair_bits;
    let in_step = pairs_through_each(encoding, bytes, run, pair);
    let margin = SWALLOWED_MARGIN;
    best_lone_byte(encoding, bytes, run, margin, as_read, |i, from| in_step(i, from).map(|bits| bits + 16.0))
}

/// Whether `bytes`, read in step as `encoding`, hold a pair whose second
/// byte reads as an ASCII letter (0x40 to 0x7E) followed by an ASCII byte
/// or the end: where [`lone_byte_before_letter`] looks. Simplified Chinese
/// in GB2312's range has none (its trail bytes are from 0xA1).
fn has_swallowed_ascii(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 || (encoding != BIG5 && b == 0x80) {
            at += 1;
            continue;
        }
        let trail = bytes.get(at + 1).copied().unwrap_or(0);
        if encoding != BIG5 && trail.is_ascii_digit() {
            at += 4;
            continue;
        }
        // The byte tests first: most pairs end there.
        let before_ascii = (0x40..=0x7E).contains(&trail) && bytes.get(at + 2).is_none_or(|&n| n < 0x80);
        if before_ascii && rare_pair_before_ascii(encoding, bytes, at) {
            return true;
        }
        at += 2;
    }
    false
}

/// How many bits a character alone must cost the model for a pair that
/// reads as it, with a trail byte that reads as an ASCII letter, to be
/// looked at as a run's last pair out of step: such pairs give rare
/// characters (`覤` 26 bits, `艫` 22), and text in step common ones before
/// ASCII (`年` in `2024年3月` 8, `圖` 11).
const RARE_PAIR_BITS: f64 = 20.0;

/// Whether the pair at `at` has a trail byte from 0x40 to 0x7E, ASCII (or
/// the end) after it, and reads as a Han character that costs at least
/// [`RARE_PAIR_BITS`] (Big5's full-width punctuation, `：` `】` `（`, has
/// such trail bytes, and the model prices signs high).
fn rare_pair_before_ascii(encoding: &'static Encoding, bytes: &[u8], at: usize) -> bool {
    if !bytes.get(at + 1).is_some_and(|t| (0x40..=0x7E).contains(t)) || bytes.get(at + 2).is_some_and(|&n| n >= 0x80) {
        return false;
    }
    let mut read = String::new();
    chinese_unit(encoding, bytes, at, &mut read) == Some(2)
        && read.chars().next().is_some_and(|c| crate::gbk::is_han(c) && crate::lm::bits(None, c) >= RARE_PAIR_BITS)
}

/// The bits of `bytes[from..=trail]` read as double-byte characters only,
/// the last of them ending with the byte at `trail`; `None` when they do not
/// read so (a failure, an ASCII byte on the way, a step that misses `trail`).
fn pairs_through(encoding: &'static Encoding, bytes: &[u8], from: usize, trail: usize) -> Option<f64> {
    let (mut read, mut at) = (String::new(), from);
    while at <= trail {
        if bytes[at] < 0x80 {
            return None;
        }
        at += chinese_unit(encoding, bytes, at, &mut read)?;
    }
    (at == trail + 1).then(|| crate::lm::text_bits(None, read.chars()))
}

/// Whether the bytes at `at` have the shape of a GB18030 four-byte
/// character: a byte from 0x81, a digit, a byte from 0x81, a digit.
fn four_byte_shape(encoding: &'static Encoding, bytes: &[u8], at: usize) -> bool {
    let high = |i: usize| bytes.get(i).is_some_and(|&b| b >= 0x81);
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    encoding != BIG5 && high(at) && digit(at + 1) && high(at + 2) && digit(at + 3)
}

fn is_chinese_double_byte(encoding: &'static Encoding) -> bool {
    encoding == GBK || encoding == GB18030 || encoding == BIG5
}

/// Where reading goes on after the character at `at` failed: from its second
/// byte (a byte before it was lost) or from its third (one of its own was
/// damaged), whichever reads better over the next few characters, up to
/// eight or the next ASCII byte: fewer failures, then fewer bits a
/// character. The third when they read alike, as the Encoding Standard's
/// decoders do.
fn resume_reading(encoding: &'static Encoding, bytes: &[u8], at: usize) -> usize {
    let second = at + 1;
    // A pair failing on an ASCII byte: that byte is read again either way.
    if bytes.get(second).is_none_or(|&b| b < 0x80) {
        return second;
    }
    let third = at + 2;
    let score = |from: usize| {
        let (mut failed, mut at, mut read) = (0u32, from, String::new());
        for _ in 0..8 {
            if bytes.get(at).is_none_or(|&b| b < 0x80) {
                break;
            }
            match chinese_unit(encoding, bytes, at, &mut read) {
                Some(len) => at += len,
                None => {
                    failed += 1;
                    at += 1;
                }
            }
        }
        let chars = read.chars().count();
        let bits = crate::lm::text_bits(None, read.chars());
        (failed, if chars == 0 { CHINESE_BITS } else { bits / chars as f64 })
    };
    let (from_second, from_third) = (score(second), score(third));
    if from_second.0 < from_third.0 || (from_second.0 == from_third.0 && from_second.1 + 1.0 < from_third.1) {
        second
    } else {
        third
    }
}

/// Appends the character (or, in Big5, the two) at `at` of `bytes` in a
/// Chinese double-byte encoding to `text`, and returns its length in bytes;
/// `None`, with nothing appended, where the bytes fail, are cut by the end,
/// or give a private-use character.
fn chinese_unit(encoding: &'static Encoding, bytes: &[u8], at: usize, text: &mut String) -> Option<usize> {
    let lead = *bytes.get(at)?;
    if lead < 0x80 || (encoding != BIG5 && lead == 0x80) {
        // ASCII, and the euro sign GBK reads 0x80 as.
        text.push(if lead < 0x80 { char::from(lead) } else { '\u{20AC}' });
        return Some(1);
    }
    // A pair, or GB18030's four bytes with digits second and fourth (which
    // the Encoding Standard's GBK decoder reads too).
    let len = if encoding != BIG5 && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) { 4 } else { 2 };
    let unit = bytes.get(at..at + len)?;
    let mut out = [0u8; 16];
    // Not `last`: a decoder told so is finished; a unit left incomplete
    // shows as bytes not all read.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let (result, read, written) = decoder.decode_to_utf8_without_replacement(unit, &mut out, false);
    let decoded = std::str::from_utf8(out.get(..written)?).ok()?;
    let whole = read == len && matches!(result, encoding_rs::DecoderResult::InputEmpty) && !decoded.is_empty();
    // A pair in a user-defined area; not four bytes, whose private-use
    // characters are the Encoding Standard's for some GB18030-2005 codes.
    let private = len == 2 && decoded.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c));
    if !whole || private {
        return None;
    }
    text.push_str(decoded);
    Some(len)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], source: EncodingSource) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replacements = if had_errors { text.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    Decoded { text: text.into_owned(), encoding: encoding.name(), source, replacements }
}

fn decode_by_bom(bytes: &[u8]) -> Option<Decoded> {
    // UTF-32 first: its little-endian BOM starts with UTF-16LE's.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0x00, 0x00]) {
        return Some(decode_utf32(rest, u32::from_le_bytes, "UTF-32LE"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0x00, 0x00, 0xFE, 0xFF]) {
        return Some(decode_utf32(rest, u32::from_be_bytes, "UTF-32BE"));
    }
    let (encoding, bom_len) = Encoding::for_bom(bytes)?;
    Some(decode_with(encoding, &bytes[bom_len..], EncodingSource::Bom))
}

/// Reads one UTF-32 unit in a byte order.
type ReadUnit = fn([u8; 4]) -> u32;

fn decode_utf32(bytes: &[u8], read: ReadUnit, name: &'static str) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut replacements = 0;
    let chunks = bytes.chunks_exact(4);
    let tail = chunks.remainder().len();
    for chunk in chunks {
        let unit = read([chunk[0], chunk[1], chunk[2], chunk[3]]);
        match char::from_u32(unit) {
            Some(c) => text.push(c),
            None => {
                text.push('\u{FFFD}');
                replacements += 1;
            }
        }
    }
    if tail > 0 {
        text.push('\u{FFFD}');
        replacements += 1;
    }
    Decoded { text, encoding: name, source: EncodingSource::Bom, replacements }
}

/// BOM-less UTF-32: a whole number of four-byte units whose first
/// [`SNIFF_PREFIX`] bytes are all characters of text (no NUL, no control but
/// tab, newlines, form feed and escape) in one byte order. Two NUL bytes in
/// every unit of ASCII or CJK text make it look binary otherwise; UTF-16 or
/// binary data read as UTF-32 almost at once gives a unit beyond U+10FFFF.
fn sniff_utf32(bytes: &[u8]) -> Option<(ReadUnit, &'static str)> {
    // Every unit has a NUL byte: the highest byte is 0 (U+0000..=U+FFFFFF).
    if bytes.len() < 8 || !bytes.len().is_multiple_of(4) || (bytes[0] != 0 && bytes[3] != 0) {
        return None;
    }
    let prefix = &bytes[..bytes.len().min(SNIFF_PREFIX) & !3];
    let text_unit = |unit: u32| {
        char::from_u32(unit).is_some_and(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\u{0C}' | '\r' | '\u{1B}'))
    };
    let reads =
        |read: ReadUnit| prefix.chunks_exact(4).all(|unit| text_unit(read([unit[0], unit[1], unit[2], unit[3]])));
    if reads(u32::from_le_bytes) {
        Some((u32::from_le_bytes, "UTF-32LE"))
    } else if reads(u32::from_be_bytes) {
        Some((u32::from_be_bytes, "UTF-32BE"))
    } else {
        None
    }
}

/// BOM-less UTF-16 of mostly-ASCII text has a NUL in every other byte, and
/// text of another alphabet (Cyrillic, Greek, Arabic…) one where it has ASCII
/// (spaces, digits, punctuation): with NUL bytes in one place of the pairs
/// (at least one pair in twenty) and next to none in the other, that byte
/// order is taken when it reads without error as text, with no more control,
/// private-use or noncharacters than [`looks_binary`] allows.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = &bytes[..bytes.len().min(SNIFF_PREFIX) & !1];
    // Without a NUL byte there is nothing to count (and most text has none).
    if prefix.len() < 4 || memchr::memchr(0, prefix).is_none() {
        return None;
    }
    let pairs = prefix.len() / 2;
    let even_nul = prefix.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = prefix.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (encoding, nul, other_nul) =
        if odd_nul >= even_nul { (UTF_16LE, odd_nul, even_nul) } else { (UTF_16BE, even_nul, odd_nul) };
    if other_nul * 20 >= pairs || nul * 20 < pairs {
        return None;
    }
    // As many odd characters as `looks_binary` lets text have; little-endian
    // numbers below 256 have the same NUL pattern and read as controls.
    let reads_as_text = |text: std::borrow::Cow<'_, str>| {
        let (mut chars, mut odd) = (0usize, 0usize);
        for c in text.chars() {
            chars += 1;
            odd += usize::from(!is_text_char(c));
        }
        odd * 20 <= chars
    };
    utf16_prefix_text(bytes, encoding).is_some_and(reads_as_text).then_some(encoding)
}

/// The first [`SNIFF_PREFIX`] bytes of `bytes` read as `encoding` (UTF-16),
/// `None` when they do not read without error. A prefix that ends inside a
/// surrogate pair loses its first half.
fn utf16_prefix_text<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Option<std::borrow::Cow<'a, str>> {
    let mut units = &bytes[..bytes.len().min(SNIFF_PREFIX) & !1];
    if let &[.., a, b] = units {
        let last = if encoding == UTF_16LE { u16::from_le_bytes([a, b]) } else { u16::from_be_bytes([a, b]) };
        if units.len() < bytes.len() && (0xD800..0xDC00).contains(&last) {
            units = &units[..units.len() - 2];
        }
    }
    encoding.decode_without_bom_handling_and_without_replacement(units)
}

/// Whether `c` may stand in text: no control character but whitespace, no
/// private-use character, no noncharacter.
fn is_text_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' | '\u{0C}' => true,
        '\u{E000}'..='\u{F8FF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}' => false,
        c => !c.is_control(),
    }
}

/// ISO-2022-JP (old Japanese mail and web pages) is seven-bit, valid UTF-8
/// as it stands (`$BEl5~` for `東京`): it is taken when the bytes switch to
/// JIS X 0208 (`ESC $ B` or `ESC $ @`) and read without error as it.
fn iso_2022_jp_reading(bytes: &[u8]) -> Option<Decoded> {
    memchr::memchr(0x1B, bytes)?;
    let switches = |seq: &[u8]| memchr::memmem::find(bytes, seq).is_some();
    if !switches(b"\x1b$B") && !switches(b"\x1b$@") {
        return None;
    }
    let encoding = encoding_rs::ISO_2022_JP;
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        source: EncodingSource::Detected,
        replacements: 0,
    })
}

/// The names HZ and ISO-2022-KR go by in `encoding` (their labels in the
/// Encoding Standard).
const HZ: &str = "HZ-GB-2312";
const ISO_2022_KR: &str = "ISO-2022-KR";

/// `bytes` read as HZ or ISO-2022-KR when `label` names it and they read
/// without error.
fn seven_bit_declared(label: &str, bytes: &[u8]) -> Option<Decoded> {
    let (text, encoding) = if label.eq_ignore_ascii_case(HZ) {
        (crate::hz::read_hz(bytes)?.text, HZ)
    } else if label.eq_ignore_ascii_case(ISO_2022_KR) {
        (crate::iso_2022_kr::read_iso_2022_kr(bytes)?.text, ISO_2022_KR)
    } else {
        return None;
    };
    Some(Decoded { text, encoding, source: EncodingSource::Declared, replacements: 0 })
}

/// ISO-2022-KR (old Korean mail, [`crate::iso_2022_kr`]): taken when the
/// bytes designate KS X 1001, shift to it, and read without error; the
/// designation is an escape no other text writes. The text must have no
/// control character left but tabs, line ends and form feeds.
fn iso_2022_kr_reading(bytes: &[u8]) -> Option<Decoded> {
    let kr = crate::iso_2022_kr::read_iso_2022_kr(bytes)?;
    kr.text.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{0C}')).then_some(Decoded {
        text: kr.text,
        encoding: ISO_2022_KR,
        source: EncodingSource::Detected,
        replacements: 0,
    })
}

/// HZ (old Chinese Usenet and mail, [`crate::hz`]) is seven-bit too
/// (`~{VP9z~}` for `中国`): it is taken when the bytes read as HZ without
/// error and as Chinese to the character model. A text of fewer than 20 Han
/// characters, which [`chinese_bits`] does not judge, must have two in one
/// GB-mode stretch (a word: `echo "~{SP~}" ~{VP~}` is no `echo "有" 中`), and
/// close every stretch with `~}` as the RFC says: a tilde and a brace in code
/// or a URL rarely come to that.
fn hz_reading(bytes: &[u8]) -> Option<Decoded> {
    let hz = crate::hz::read_hz(bytes)?;
    let bits = match chinese_bits(&hz.text) {
        Some(bits) => bits,
        None if hz.unclosed_lines == 0 && hz.longest_stretch >= 2 => chinese_bits_of_at_least(&hz.text, 2)?,
        None => return None,
    };
    (bits <= CHINESE_BITS).then_some(Decoded {
        text: hz.text,
        encoding: HZ,
        source: EncodingSource::Detected,
        replacements: 0,
    })
}

/// Whether `text` (an EUC-KR reading) holds jamo as Korean writes them on
/// their own: repeated (`ㅋㅋㅋ`, `ㅠㅠ`), or in the make-up sequences of KS X
/// 1001 after the Hangul filler (U+3164). At least two, and three in four of
/// them so. The jamo that Japanese read as EUC-KR gives are its hiragana, one
/// different letter after another (`です` is `ㅗㅉ`); kanji give none.
fn jamo_as_korean_writes_them(text: &str) -> bool {
    const FILLER: char = '\u{3164}';
    let is_jamo = |c: char| ('\u{3131}'..='\u{318E}').contains(&c) && c != FILLER;
    let chars: Vec<char> = text.chars().collect();
    let (mut jamo, mut as_written) = (0usize, 0usize);
    for (i, &c) in chars.iter().enumerate() {
        if !is_jamo(c) {
            continue;
        }
        jamo += 1;
        let repeated = (i > 0 && chars[i - 1] == c) || chars.get(i + 1) == Some(&c);
        let made_up = chars[i.saturating_sub(3)..i].contains(&FILLER);
        as_written += usize::from(repeated || made_up);
    }
    jamo >= 2 && as_written * 4 >= jamo * 3
}

/// Whether at least one in [`CJK_CHARS_PER_SPACE`] of the non-ASCII
/// characters of `text` is followed by a space and another non-ASCII
/// character: Korean puts a space between words (`서울시는 오늘`), Japanese
/// and Chinese run theirs together.
fn spaced_like_korean(text: &str) -> bool {
    let (mut non_ascii, mut spaced) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        if chars.next_if_eq(&' ').is_some() && chars.peek().is_some_and(|n| !n.is_ascii()) {
            spaced += 1;
        }
    }
    non_ascii > 0 && spaced * CJK_CHARS_PER_SPACE >= non_ascii
}

/// See [`spaced_like_korean`]: Korean news text has a space every three or
/// four syllables.
const CJK_CHARS_PER_SPACE: usize = 8;

/// BOM-less UTF-16 of CJK text, which has no NUL byte for [`sniff_utf16`]
/// to count (`中文` is `2D 4E 87 65` in UTF-16LE) and whose full-width
/// punctuation looks like control bytes (`，` is `0C FF`). A byte order is
/// taken when the first [`SNIFF_PREFIX`] bytes read in it, without error,
/// as text with no control character, no private-use character and no
/// noncharacter that is one of:
///
/// - Chinese to the character model (as [`chinese_reading`] judges GBK);
/// - Japanese: kana at least a fifth of the non-ASCII characters, and
///   nearly all of them kana, Han or CJK punctuation;
/// - Korean: Hangul at least half of them, nearly all Hangul, Han or
///   punctuation, and spaces between words. EUC-KR read as UTF-16BE is
///   nothing but Hangul syllables (`B0 A1` is `가` either way); its spaces
///   are single bytes that can never read as U+0020 (`20 00`).
///
/// Legacy CJK bytes read as UTF-16 run into a surrogate within a few
/// characters (GBK's and Big5's trail bytes D8..=DF), and Latin-script
/// bytes give Han characters no model has seen, among symbols.
fn sniff_utf16_cjk(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 16 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .find(|&encoding| utf16_prefix_text(bytes, encoding).is_some_and(|text| reads_as_cjk(&text)))
}

/// A precomposed Hangul syllable (U+AC00..=U+D7A3), not a jamo.
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The punctuation CJK text holds beside its characters (CJK symbols, the
/// full-width forms before the half-width katakana, dashes and quotes, the
/// middle dot), as [`reads_as_cjk`] and [`korean_reading`] count it.
fn is_cjk_text_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF65}' | '\u{2010}'..='\u{2027}' | '\u{00B7}')
}

/// Whether `text` is CJK text as [`sniff_utf16_cjk`] wants it.
fn reads_as_cjk(text: &str) -> bool {
    let (mut kana, mut hangul, mut han, mut cjk_punct, mut non_ascii, mut spaces, mut chars) =
        (0usize, 0, 0, 0, 0, 0, 0);
    for c in text.chars() {
        chars += 1;
        match c {
            c if !is_text_char(c) => return false,
            ' ' => spaces += 1,
            c if c.is_ascii() => {}
            c => {
                non_ascii += 1;
                match c {
                    '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => kana += 1,
                    '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => hangul += 1,
                    c if crate::gbk::is_han(c) => han += 1,
                    c if is_cjk_text_punctuation(c) => cjk_punct += 1,
                    _ => {}
                }
            }
        }
    }
    let nearly_all = |n: usize| n * 20 >= non_ascii * 19;
    let japanese = kana >= 10 && kana * 5 >= non_ascii && nearly_all(kana + han + cjk_punct);
    let korean =
        hangul >= 20 && hangul * 2 >= non_ascii && nearly_all(hangul + han + cjk_punct) && spaces * 20 >= chars;
    japanese || korean || chinese_bits(text).is_some_and(|bits| bits <= CHINESE_BITS)
}

fn control_counts(bytes: &[u8]) -> (usize, usize, usize) {
    // The C0 controls text has are tab, LF, FF, CR and ESC. One branch-free
    // pass, as every document goes through here.
    let prefix = &bytes[..bytes.len().min(SNIFF_PREFIX)];
    let (mut nul, mut control) = (0u32, 0u32);
    for &b in prefix {
        nul += u32::from(b == 0);
        // Comparisons, not a shift by `b`: this form vectorises.
        let allowed = (b == 0) | (b == b'\t') | (b == b'\n') | (b == 0x0C) | (b == b'\r') | (b == 0x1B);
        control += u32::from((b < 0x20) & !allowed);
    }
    (nul as usize, control as usize, prefix.len())
}

/// Text files have no NUL bytes and few control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    // Most text has no byte that counts at all: an OR over byte lanes, sixteen
    // at a time, settles it before the counting pass (whose 32-bit counters
    // take four bytes at a time) is needed.
    let prefix = &bytes[..bytes.len().min(SNIFF_PREFIX)];
    let suspect = prefix.iter().fold(0u8, |acc, &b| {
        let text_control = (b == b'\t') | (b == b'\n') | (b == 0x0C) | (b == b'\r') | (b == 0x1B);
        acc | u8::from((b < 0x20) & !text_control)
    });
    if suspect == 0 {
        return false;
    }
    let (nul, control, len) = control_counts(bytes);
    nul > 0 || control * 20 > len
}

fn binary_error(bytes: &[u8]) -> DecodeError {
    let (nul_bytes, control_bytes, sniffed) = control_counts(bytes);
    DecodeError::Binary { nul_bytes, control_bytes, sniffed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, None, 0.2).expect("decodes")
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let d = ok("发布 café".as_bytes());
        assert_eq!(d.text, "发布 café");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.source, EncodingSource::Utf8);
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let d = ok(b"\xEF\xBB\xBFabc");
        assert_eq!((d.text.as_str(), d.source), ("abc", EncodingSource::Bom));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "中文 text".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let d = ok(&utf16);
        assert_eq!((d.text.as_str(), d.encoding), ("中文 text", "UTF-16LE"));
        let mut utf32 = vec![0x00, 0x00, 0xFE, 0xFF];
        for c in "中文".chars() {
            utf32.extend_from_slice(&(c as u32).to_be_bytes());
        }
        let d = ok(&utf32);
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-32BE"));
    }

    #[test]
    fn bomless_utf32_is_sniffed_in_either_byte_order() {
        let text = "新华社北京3月5日电，今天发布。Hello, world.\n";
        let le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        for (bytes, name) in [(le, "UTF-32LE"), (be, "UTF-32BE")] {
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding, d.source), (text, name, EncodingSource::Detected));
        }
        // UTF-16 is not taken for it, nor a unit that is no character.
        let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(ok(&utf16).encoding, "UTF-16LE");
        let mut bad: Vec<u8> = "abcd".chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        bad.extend_from_slice(&0x0011_0000u32.to_le_bytes());
        assert!(sniff_utf32(&bad).is_none());
        let with_nul: Vec<u8> = "ab\0d".chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        assert!(sniff_utf32(&with_nul).is_none());
    }

    #[test]
    fn bomless_utf16_of_ascii_is_sniffed() {
        let bytes: Vec<u8> = "Hello, world. This is text.".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "Hello, world. This is text.");
    }

    #[test]
    fn bomless_utf16_of_cjk_text_is_sniffed_in_either_byte_order() {
        // Sentences of our own; full-width punctuation is a control byte
        // (`，` is 0C FF) and there is no NUL to count.
        let zh = "中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍今年前三季度国民经济运行情况。";
        let zht = "臺灣的經濟發展與產業轉型，一直是各界關注的議題，政府今天公布了新的產業政策。";
        let ja = "東京都は今日、新しい公共交通の計画を発表した。市民は通勤時間が大きく短くなると期待している。";
        let ko =
            "서울시는 오늘 새로운 대중교통 계획을 발표했다. 시민들은 출퇴근 시간이 크게 줄어들 것으로 기대하고 있다.";
        for text in [zh, zht, ja, ko] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
                let d = ok(&bytes);
                assert_eq!((d.text.as_str(), d.encoding, d.source), (text, name, EncodingSource::Detected));
            }
            // Longer than the sniffed prefix.
            let long = format!("{text}\n").repeat(SNIFF_PREFIX / text.len() + 3);
            let le: Vec<u8> = long.encode_utf16().flat_map(u16::to_le_bytes).collect();
            assert_eq!(ok(&le).text, long);
        }
        // Characters beyond the BMP are surrogate pairs, which read without error.
        let emoji = format!("{zh}😀𠀀{zh}");
        let le: Vec<u8> = emoji.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(ok(&le).text, emoji);
    }

    #[test]
    fn bomless_utf16_of_other_alphabets_is_sniffed_by_its_spaces() {
        // Cyrillic in UTF-16LE is `10 04`…: control bytes, and a NUL only
        // for ASCII (spaces, punctuation, digits).
        for text in [
            "Москва - столица России, крупнейший по численности населения город страны.",
            "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μία από τις αρχαιότερες πόλεις.",
            "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها من حيث عدد السكان.",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
                let d = ok(&bytes);
                assert_eq!((d.text.as_str(), d.encoding), (text, name));
            }
        }
        // Little-endian numbers below 256 have the same NUL pattern, but read as
        // control characters: still binary.
        let numbers: Vec<u8> = (0u16..200).map(|n| n % 40).flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&numbers, None, 0.2).map_err(|e| e.reason()), Err("binary"));
    }

    #[test]
    fn legacy_cjk_and_latin_bytes_are_not_taken_for_utf16() {
        let zh = "中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍今年前三季度国民经济运行情况。";
        let zht = "臺灣的經濟發展與產業轉型，一直是各界關注的議題，政府今天公布了新的產業政策。";
        let ja = "東京都は今日、新しい公共交通の計画を発表した。市民は通勤時間が大きく短くなると期待している。";
        // Without spaces too: EUC-KR Hangul read as UTF-16BE is Hangul.
        let ko = "서울시는오늘새로운대중교통계획을발표했다시민들은출퇴근시간이크게줄어들것으로기대하고있다";
        let latin = "Le café où l'on déjeune à midi est fermé. Señora Núñez habla español y français.";
        for (text, encoding) in [
            (zh, GBK),
            (zh, GB18030),
            (zht, BIG5),
            (ja, encoding_rs::SHIFT_JIS),
            (ja, encoding_rs::EUC_JP),
            (ko, encoding_rs::EUC_KR),
            (latin, encoding_rs::WINDOWS_1252),
        ] {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable);
            let mut even = bytes.into_owned();
            if even.len() % 2 == 1 {
                even.push(b'\n');
            }
            assert_eq!(sniff_utf16_cjk(&even), None, "{} taken for UTF-16", encoding.name());
        }
    }

    #[test]
    fn iso_2022_jp_is_read_as_such_and_text_with_a_stray_escape_stays_utf8() {
        let ja = "東京都は今日、新しい公共交通の計画を発表した。(2025年)";
        let (bytes, _, unmappable) = encoding_rs::ISO_2022_JP.encode(ja);
        assert!(!unmappable && bytes.is_ascii());
        let d = ok(&bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.source), (ja, "ISO-2022-JP", EncodingSource::Detected));
        // An escape that switches to nothing (a terminal colour) is no reason.
        let ansi = "Build \x1b[32mpassed\x1b[0m in 3 s, and $B is a price.";
        assert_eq!(ok(ansi.as_bytes()).encoding, "UTF-8");
        // Switching escapes around bytes that are not JIS X 0208: not taken.
        assert_eq!(iso_2022_jp_reading(b"price \x1b$B\x7f\x7f\x1b(B today"), None);
    }

    #[test]
    fn hz_is_read_as_chinese_and_tildes_in_other_text_stay_utf8() {
        let zh = "新闻报道：今年夏天，本市降雨量比往年同期偏多三成。\n气象部门提醒市民出行注意安全，并做好防汛准备。\n";
        let hz = "~{PBNE1(5@#:=qDjODLl#,1>JP=5SjA?1HMyDjM,FZF+6`H}3I!#~}\n\
                  ~{FxOs2?CELaPQJPCq3vPPW\"Rb02H+#,2\"Wv:C7@Q4W<18!#~}\n";
        let d = ok(hz.as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.source), (zh, "HZ-GB-2312", EncodingSource::Detected));
        // Short texts: `中国` and `你好，世界`.
        assert_eq!(ok(b"~{VP9z~}").text, "中国");
        assert_eq!(ok(b"Greeting: ~{Dc:C#,J@=g~} (HZ)").text, "Greeting: 你好，世界 (HZ)");
        // Declared, and declared where the bytes are no HZ (ordinary detection).
        let declared = decode(b"~{VP~}", Some("HZ-GB-2312"), 0.1).expect("decodes");
        assert_eq!((declared.text.as_str(), declared.source), ("中", EncodingSource::Declared));
        assert_eq!(decode(b"a ~x b", Some("hz-gb-2312"), 0.1).expect("decodes").encoding, "UTF-8");
        // Tildes and braces of code, a path or a one-character switch: no
        // Chinese worth the name comes out of them.
        for ascii in [
            &b"see ~{ab~} here"[..],
            b"x = ~{abcd~};",
            b"cd ~{docs}\nls ~{a,b}",
            b"~{VP\nrest",
            b"echo \"~{SP~}\" ~{VP~}\n",
        ] {
            let d = ok(ascii);
            assert_eq!((d.text.as_bytes(), d.encoding), (ascii, "UTF-8"), "{ascii:?}");
        }
    }

    #[test]
    fn iso_2022_kr_is_read_and_not_refused_as_binary() {
        let ko = "서울시는 오늘 새로운 대중교통 계획을 발표했다.\n시민들은 환영했다. (2025년)\n";
        let bytes = b"\x1b$)C\x0e<-?o=C4B\x0f \x0e?@4C\x0f \x0e;u7N?n\x0f \x0e4kA_13Ek\x0f \x0e0hH9@;\x0f \
                      \x0e9_G%G_4Y\x0f.\n\x0e=C9N5i@:\x0f \x0eH/?5G_4Y\x0f. (2025\x0e3b\x0f)\n";
        let d = ok(bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.source), (ko, "ISO-2022-KR", EncodingSource::Detected));
        let declared = decode(b"\x1b$)C\x0e0!\x0f", Some("iso-2022-kr"), 0.1).expect("decodes");
        assert_eq!((declared.text.as_str(), declared.source), ("가", EncodingSource::Declared));
        // Shift bytes without the designation, or with other control bytes
        // left over: binary as before.
        for binary in [&b"\x0e0!\x0f\x0e0!\x0f\x0e0!\x0f\x0e0!\x0f"[..], b"\x1b$)C\x0e0!\x0f\x01\x02\x03\x04\x05\x06"] {
            assert!(matches!(decode(binary, None, 0.1), Err(DecodeError::Binary { .. })), "{binary:?}");
        }
    }

    #[test]
    fn legacy_chinese_is_detected() {
        let text = "中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍经济运行情况。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let d = ok(&gbk);
        assert_eq!(d.text, text);
        assert_eq!(d.source, EncodingSource::Detected);
        assert_eq!(d.encoding, "GBK");
        let trad = "臺灣的經濟發展與產業轉型，一直是各界關注的議題。";
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        let d = ok(&big5);
        assert_eq!((d.text.as_str(), d.encoding), (trad, "Big5"));
    }

    #[test]
    fn latin_text_in_gb18030_or_big5_is_not_left_to_the_detectors_guess() {
        // Texts of our own evaluation corpus the detector alone reads wrong
        // (as EUC-JP or IBM866), encoded as `corrupt.py` encodes them.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/repair-clean");
        let mut misread_by_detector = 0;
        for (name, encoding) in [("en-02.txt", GB18030), ("en-06.txt", GB18030), ("en-04.txt", BIG5)] {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("sample text");
            let (bytes, _, unmappable) = encoding.encode(&text);
            assert!(!unmappable, "{name}");
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(&bytes, true);
            misread_by_detector += usize::from(detector.guess(None, Utf8Detection::Allow) != encoding);
            let d = ok(&bytes);
            assert_eq!(d.text, text, "{name} read as {}", d.encoding);
        }
        assert!(misread_by_detector > 0, "the detector reads them right now: the test shows nothing");
        // A Latin-1 text stays with the detector: GB18030 cannot read it.
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("Le café où l'on déjeune à midi est fermé.");
        assert_eq!(ok(&latin1).encoding, "windows-1252");
    }

    /// Sentences of our own, one per language, for the cut and damaged files.
    const SAMPLES: [(&str, &str); 5] = [
        ("GBK", "青禾科技在年度开发者大会上发布了新一代边缘计算芯片，主要面向工业质检、智慧零售和城市安防等场景。"),
        ("Big5", "臺灣的經濟發展與產業轉型，一直是各界關注的議題，政府今天公布了新的產業政策。"),
        ("Shift_JIS", "東京都は今日、新しい公共交通の計画を発表した。市民は通勤時間が大きく短くなると期待している。"),
        ("EUC-JP", "東京都は今日、新しい公共交通の計画を発表した。市民は通勤時間が大きく短くなると期待している。"),
        (
            "EUC-KR",
            "서울시는 오늘 새로운 대중교통 계획을 발표했다. 시민들은 출퇴근 시간이 크게 줄어들 것으로 기대하고 있다",
        ),
    ];

    #[test]
    fn a_file_cut_inside_its_last_character_keeps_its_encoding() {
        for (name, text) in SAMPLES.into_iter().chain([("UTF-8", SAMPLES[0].1)]) {
            let encoding = Encoding::for_label(name.as_bytes()).expect("a known encoding");
            let (bytes, _, _) = encoding.encode(text);
            // Whole, it reads as before; cut, the same, with one U+FFFD.
            let whole = ok(&bytes);
            assert_eq!((whole.text.as_str(), whole.encoding, whole.replacements), (text, name, 0));
            let cut = ok(&bytes[..bytes.len() - 1]);
            let mut chars = text.chars();
            chars.next_back();
            assert_eq!(cut.text, format!("{}\u{FFFD}", chars.as_str()), "{name}");
            assert_eq!((cut.encoding, cut.replacements), (name, 1));
        }
        // A Windows-1252 text that ends in a letter keeps it.
        let latin = ok(b"Le caf\xE9 \xE9tait tr\xE8s anim\xE9, dit Zo\xEB");
        assert_eq!((latin.text.as_str(), latin.replacements), ("Le café était très animé, dit Zoë", 0));
        // ASCII and one last byte is no cut UTF-8, nor are high bytes that
        // pair up once by chance (`Ô` and a no-break space are D4 A0).
        let ascii = ok(b"See you at the caf\xE9");
        assert_eq!((ascii.text.as_str(), ascii.replacements), ("See you at the café", 0));
        let chance = ok(b"ALL\xD4\xA0? C'est Andr\xE9");
        assert_eq!((chance.text.as_str(), chance.replacements), ("ALLÔ\u{A0}? C'est André", 0));
        // Short single-byte words that end in a letter keep their page.
        for (page, word) in [
            (encoding_rs::WINDOWS_1251, "Привет"),
            (encoding_rs::WINDOWS_874, "สวัสดีครับ"),
            (encoding_rs::WINDOWS_1253, "Καλημέ"),
        ] {
            let d = ok(&page.encode(word).0);
            assert_eq!((d.text.as_str(), d.encoding), (word, page.name()));
        }
    }

    #[test]
    fn a_legacy_cjk_text_with_a_damaged_byte_keeps_its_encoding() {
        // EUC-JP is left out: after a bad byte encoding_rs's decoder loses
        // the pairing for the rest of the run (17 errors for one byte).
        for (name, text) in SAMPLES.into_iter().filter(|&(name, _)| name != "EUC-JP") {
            let encoding = Encoding::for_label(name.as_bytes()).expect("a known encoding");
            // Paragraphs, as text has them: the damage stays in its line.
            let text = [text; 3].join("\n");
            let mut bytes = encoding.encode(&text).0.into_owned();
            // A byte of the middle character becomes one no encoding reads.
            let middle = bytes.len() / 2;
            let at = (middle..bytes.len()).find(|&i| !bytes[i].is_ascii()).expect("a non-ASCII byte");
            bytes[at] = 0xFF;
            let d = ok(&bytes);
            assert_eq!(d.encoding, name, "{}", d.text);
            assert!(d.replacements >= 1, "{name}: {}", d.replacements);
            // The other paragraphs come through whole.
            assert!(d.text.starts_with(text.lines().next().unwrap_or_default()), "{name}: {}", d.text);
        }
        // A Cyrillic text in Windows-1251 is no damaged Japanese or Korean.
        let (ru, _, _) =
            encoding_rs::WINDOWS_1251.encode("Сегодня в Москве прошло заседание правительства. Обсуждали бюджет.");
        assert_eq!(ok(&ru).encoding, "windows-1251");
    }

    #[test]
    fn two_errors_far_apart_are_two_damaged_bytes() {
        // GB2312 text with one damaged byte (`?` for the trail of `省`) has a
        // second error in EUC-KR, on `设` (row 0xC9, undefined in EUC-KR),
        // far from the first: a review found such texts read as Korean
        // gibberish (127 of 600 word salads like this one).
        let zh =
            "设置 两种 完成 用户 效果\n风格 打开 输出 输出 失败 效果 成功\n程序 效果 打开 显示 完成 选项 错误 缺省";
        let mut bytes = GBK.encode(zh).0.into_owned();
        let sheng = GBK.encode("省").0;
        let at = bytes.windows(2).position(|w| w == &sheng[..]).expect("省") + 1;
        bytes[at] = b'?';
        assert_ne!(ok(&bytes).encoding, "EUC-KR");
        assert_eq!(damaged_bytes("a\u{FFFD}\u{FFFD}b\u{FFFD}"), Some(2));
        assert_eq!(damaged_bytes("錯\u{FFFD}亂\u{FFFD}x"), Some(1));
        assert_eq!(damaged_bytes("\u{FFFD}\u{FFFD}\u{FFFD}"), None);
    }

    #[test]
    fn a_one_line_cjk_text_with_a_damaged_byte_keeps_its_encoding() {
        // No line is free of the damage: the text is judged without the
        // stretch the bad byte spoiled (it was Windows-1252 mojibake).
        // EUC-JP is left out, as above.
        for (name, text) in SAMPLES.into_iter().filter(|&(name, _)| matches!(name, "Shift_JIS" | "EUC-KR")) {
            let encoding = Encoding::for_label(name.as_bytes()).expect("a known encoding");
            let mut bytes = encoding.encode(text).0.into_owned();
            let at = (bytes.len() / 2..bytes.len()).find(|&i| !bytes[i].is_ascii()).expect("a non-ASCII byte");
            bytes[at] = 0xFF;
            let d = ok(&bytes);
            assert_eq!(d.encoding, name, "{}", d.text);
            assert!(d.replacements >= 1, "{name}: {}", d.replacements);
            let head: String = text.chars().take(8).collect();
            assert!(d.text.starts_with(&head), "{name}: {}", d.text);
        }
        assert_eq!(without_spoiled_stretches("前\u{FFFD}錯亂 ok\u{FFFD}x後"), "前 okx後");
    }

    #[test]
    fn glued_ascii_is_a_letter_between_two_other_characters() {
        let reference = |t: &str| {
            let c: Vec<char> = t.chars().collect();
            c.windows(3).any(|w| !w[0].is_ascii() && ('@'..='~').contains(&w[1]) && !w[2].is_ascii())
        };
        let pieces = ["中", "文", "A", "z", "~", "@", "?", "1", " ", "，", "é", "\n", "臺北", "abc"];
        for text in crate::mixes::text_mixes(&pieces, 5000, 40, 0x05EE_D0F6_10ED) {
            assert_eq!(has_glued_ascii(text.as_bytes()), reference(&text), "{text:?}");
        }
        assert!(has_glued_ascii("圖書館]今年".as_bytes()));
        assert!(!has_glued_ascii("圖書館 ]今年".as_bytes()));
    }

    /// A run out of step that takes an ASCII letter as its last trail
    /// (`…蛔呃取氨鹾覤RT` for `…公交走廊“滨河BRT`) is read back in step with
    /// the letter as ASCII, wherever in the text the byte was lost, also
    /// when most of the text was out of step and did not read as Chinese.
    /// A traditional character whose trail is such a letter (`圖` is
    /// `88 44`) before ASCII stays as it is.
    #[test]
    fn a_run_out_of_step_gives_back_the_letter_it_took_as_a_trail() {
        let zh =
            "市图书馆今年修复古籍三百余册并将于明年春季举办特展邀请市民参观馆方表示修复工作由专业团队负责历时两年完成";
        let text = format!("{zh}{zh}{zh}，滨河BRT线路今日开通。");
        let bytes = GBK.encode(&text).0.into_owned();
        let (mut tries, mut in_step) = (0, 0);
        for lost in (1..150).step_by(4) {
            let mut damaged = bytes.clone();
            damaged.remove(2 * lost);
            let d = ok(&damaged);
            let differ = d.text.chars().zip(text.chars()).filter(|(a, b)| a != b).count();
            let kept = d.encoding == "GBK" && d.text.chars().count() == text.chars().count() && differ <= 2;
            (tries, in_step) = (tries + 1, in_step + usize::from(kept));
        }
        // None of the 38 before: most of the text as read is out of step,
        // and the detector took it for Big5.
        assert!(in_step + 2 >= tries, "only {in_step} of {tries} read back in step");
        // Common characters before ASCII are not looked at; a rare one
        // (`艫` is C6 41) is, and stays.
        for (clean, looked_at) in [
            ("臺北市立圖書館今年修復古籍三百餘冊，館方說圖A區明年開放。", false),
            ("新館啟用後將增設圖書館B區與兒童閱覽室等空間。", false),
            ("古書所載的舳艫A段今年已經修復完成，館方表示將於明年春季展出。", true),
        ] {
            let bytes = GBK.encode(clean).0.into_owned();
            assert_eq!(has_swallowed_ascii(GBK, &bytes), looked_at, "{clean}");
            assert_eq!(ok(&bytes).text, clean);
        }
    }

    /// The pairs out of step after each start of a run, read at once from
    /// the end, cost what each read on its own costs.
    #[test]
    fn shifted_pairs_are_pairs_through_each_start() {
        let zh_tw = "臺北市立圖書館今年修復古籍三百餘冊，並將於明年春季舉辦特展，邀請市民參觀。";
        let zh = "市图书馆今年修复古籍三百余册，并将于明年春季举办特展，邀请市民参观。";
        let mut checked = 0;
        for (encoding, text) in [(GBK, zh), (GBK, zh_tw), (BIG5, zh_tw)] {
            let bytes = encoding.encode(text).0.into_owned();
            for lost in 0..bytes.len() {
                let mut damaged = bytes.clone();
                damaged.remove(lost);
                // Runs of pairs from each start, as the decoder steps.
                let (mut run, mut at) = (Vec::new(), 0);
                while at + 1 < damaged.len() && damaged[at] >= 0x81 && damaged[at + 1] >= 0x40 {
                    run.push((at, 0));
                    at += 2;
                }
                let Some(shifted) = shifted_pairs(encoding, &damaged, &run, at) else { continue };
                for (i, &(start, _)) in run.iter().enumerate() {
                    let each = pairs_through(encoding, &damaged, start + 1, at);
                    match (shifted.bits[i], each) {
                        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{lost} {i}: {a} {b}"),
                        (a, b) => assert_eq!(a.is_some(), b.is_some(), "{lost} {i}"),
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// Traditional Chinese in GBK has many trail bytes from 0x40 to 0x7E
    /// (`圖` is `88 44`), so pairs out of step come back at an ASCII letter
    /// within a few characters, often after a pair of a user-defined area
    /// (`A2 88`), which stopped the reading again: `疟笔辛D書館` for
    /// `臺北市立圖書館`, 55 of 122 lost bytes. A byte lost in the last run
    /// of a text leaves its last byte alone, read as a file cut inside its
    /// last character: `…负责，绷侥晖瓿伞�`.
    #[test]
    fn a_byte_lost_before_a_user_defined_pair_or_the_end_is_read_back_in_step() {
        let zh_tw = "臺北市立圖書館今年修復古籍三百餘冊，並將於明年春季舉辦特展，邀請市民參觀。\
                     館方表示，修復工作由專業團隊負責，歷時兩年完成。";
        let zh = "市图书馆今年修复古籍三百余册，并将于明年春季举办特展，邀请市民参观。\
                  馆方表示，修复工作由专业团队负责，历时两年完成。";
        for text in [zh_tw, zh] {
            let bytes = GBK.encode(text).0.into_owned();
            let (mut tries, mut in_step) = (0, 0);
            for lost in 0..bytes.len() {
                let mut damaged = bytes.clone();
                damaged.remove(lost);
                let d = ok(&damaged);
                assert_eq!(d.encoding, "GBK", "byte {lost}: {}", d.text);
                // The lost character, and at most one beside it (the
                // lossy reading may leave its U+FFFD one character off).
                let differ = d.text.chars().zip(text.chars()).filter(|(a, b)| a != b).count();
                let kept = d.text.chars().count() == text.chars().count() && differ <= 2;
                (tries, in_step) = (tries + 1, in_step + usize::from(kept));
            }
            // One miss in the traditional text (67 of 122 came back before):
            // `杭九e` for `春季舉` reads better in step by less than the margin.
            assert!(in_step + 1 >= tries, "only {in_step} of {tries} read back in step: {text}");
        }
        // A file cut inside its last character, in step, keeps its text.
        let bytes = GBK.encode(zh).0.into_owned();
        let cut = &bytes[..bytes.len() - 3];
        let d = ok(cut);
        let kept: String = zh.chars().take(zh.chars().count() - 2).collect();
        assert_eq!(d.text, format!("{kept}\u{FFFD}"));
    }

    /// In a line that lost a byte a few characters before a failure, the
    /// run is read again from the byte left alone when that reads
    /// [`LOST_BYTE_MARGIN`] bits better: at 10, `抵瘁爸�` stayed for `抵达岚州`.
    #[test]
    fn a_short_run_before_a_failure_is_read_again() {
        for (line, lost, wanted) in [
            ("强冷空气周末抵达岚州 最低气温将下降8至10℃\n", 15, "强冷空气周末抵\u{FFFD}岚州 最低气温将下降8至10℃\n"),
            ("强冷空气周末抵达岚州 最低气温将下降8至10℃\n", 30, "强冷空气周末抵达岚州 最低气温\u{FFFD}下降8至10℃\n"),
            (
                "禾溪县早稻育秧进入高峰 无人机播种面积占比首次过半\n",
                25,
                "禾溪县早稻育秧进入高峰 无\u{FFFD}机播种面积占比首次过半\n",
            ),
        ] {
            let mut bytes = GBK.encode(line).0.into_owned();
            bytes.remove(lost);
            assert_eq!(ok(&bytes).text, wanted, "byte {lost}");
        }
    }

    /// A line of GBK or Big5 that lost a byte reads out of step from there:
    /// the Encoding Standard's decoder fails on one pair and, dropping both
    /// of its bytes, reads on out of step to the end of the line (nothing
    /// but full-width punctuation follows). It came out as Windows-1252.
    #[test]
    fn a_chinese_line_that_lost_a_byte_keeps_its_encoding_and_its_step() {
        let zh = "市图书馆今年新修复古籍一百二十册，修复师介绍说，补纸需要根据原书纸张的颜色、厚度和质地专门挑选，\
                  每一页都要先清洗、再揭开、最后托裱，一部古籍往往要修上好几个月。";
        let zh_tw = "臺北市立圖書館今年修復古籍一百二十冊，修復師表示，補紙要依照原書紙張的顏色、厚度與質地挑選，\
                     每一頁都要先清洗、再揭開、最後托裱，一部古籍常常要修上好幾個月。";
        for (encoding, text) in [(GBK, zh), (BIG5, zh_tw)] {
            let bytes = encoding.encode(text).0.into_owned();
            // Bytes lost from the fourth character on, each in its own copy.
            let (mut tries, mut lost_alone) = (0, 0);
            for lost in (8..bytes.len() / 2).step_by(7) {
                let mut damaged = bytes.clone();
                damaged.remove(lost);
                let d = ok(&damaged);
                assert_eq!(d.encoding, encoding.name(), "byte {lost}: {}", d.text);
                let head: String = text.chars().take(3).collect();
                assert!(d.text.starts_with(&head), "byte {lost}: {}", d.text);
                // In GBK the character that lost a byte is the one U+FFFD,
                // and the text around it reads in step.
                let differ: Vec<(char, char)> = d.text.chars().zip(text.chars()).filter(|(a, b)| a != b).collect();
                let alone = d.text.chars().count() == text.chars().count() && matches!(differ[..], [('\u{FFFD}', _)]);
                (tries, lost_alone) = (tries + 1, lost_alone + usize::from(alone));
            }
            // Big5 read out of step fails nowhere, but comes back in step at
            // a trail byte that reads as an ASCII letter (`臺北市立炷挴]今年`):
            // read again from there back. Where the lost byte's partner is
            // itself such a trail (`修復j籍`), nothing tells it from a word.
            let wanted = if encoding == GBK { tries * 2 / 3 } else { tries / 2 };
            assert!(lost_alone >= wanted, "{}: only {lost_alone} of {tries} lost characters alone", encoding.name());
        }
        // Headlines: fewer than twenty Han characters, all but one or two
        // in step.
        for headline in ["今冬观测到越冬水鸟四万七千只", "市图书馆新修复古籍一百二十册"] {
            let bytes = GBK.encode(headline).0.into_owned();
            for lost in [4, 11, 20] {
                let mut damaged = bytes.clone();
                damaged.remove(lost);
                let d = ok(&damaged);
                assert_eq!(d.encoding, "GBK", "byte {lost}: {}", d.text);
                let differ = d.text.chars().zip(headline.chars()).filter(|(a, b)| a != b).count();
                assert!(d.text.chars().count() == headline.chars().count() && differ <= 2, "{lost}: {}", d.text);
            }
        }
        // GB18030's four-byte characters (read by the GBK reading too) come
        // through a lost byte elsewhere, and one with a damaged byte is lost
        // whole: a review found them cut into pairs (`㐀` as `�9�9`).
        let gb = "区农业农村局表示，试点㐀将持续到年底，届时将根据设备运行数据和农户反馈，评估是否在全𠀀区推广，\
                  对于设备维护费用，区里正研究由村集体、企业和农户分担的办法。";
        let bytes = GB18030.encode(gb).0.into_owned();
        let mut lost = bytes.clone();
        lost.remove(bytes.len() - 20);
        let d = ok(&lost);
        assert!(d.text.contains("试点㐀将持续") && d.text.contains("在全𠀀区推广"), "{}", d.text);
        let mut damaged = bytes.clone();
        let four = bytes.windows(4).position(|w| w == &GB18030.encode("𠀀").0[..]).expect("𠀀");
        damaged[four] = 0xFF;
        let d = ok(&damaged);
        assert!(d.text.contains("在全\u{FFFD}区推广"), "{}", d.text);
        // A damaged byte (not a lost one) keeps the step it had.
        let mut damaged = GBK.encode(zh).0.into_owned();
        let at = damaged.iter().position(|&b| b == GBK.encode("修").0[1]).expect("修");
        damaged[at] = 0xFF;
        let d = ok(&damaged);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text.chars().filter(|&c| c == '\u{FFFD}').count(), 1, "{}", d.text);
        assert!(d.text.ends_with("一部古籍往往要修上好几个月。"), "{}", d.text);
        // Korean and Japanese lines with a lost byte are not taken for
        // Chinese: they read badly to the model wherever they are in step.
        for (encoding, text) in [SAMPLES[4], SAMPLES[2]] {
            let encoding = Encoding::for_label(encoding.as_bytes()).expect("a known encoding");
            let mut bytes = encoding.encode(text).0.into_owned();
            let at = (bytes.len() / 2..bytes.len()).find(|&i| !bytes[i].is_ascii()).expect("a non-ASCII byte");
            bytes.remove(at);
            for chinese in [GBK, BIG5] {
                let read = decode_lossy(chinese, &bytes, EncodingSource::Detected);
                let bits = chinese_bits_but_spoiled(&read.text);
                assert!(bits.is_none_or(|bits| bits > CHINESE_BITS), "{}: {bits:?} {}", chinese.name(), read.text);
            }
        }
    }

    #[test]
    fn hanja_are_judged_by_where_they_stand() {
        // Korean written with hanja stems: more hanja than syllables, none
        // after a syllable. The detector read it as Big5 (`豇粧硠玿 旛搕朝`).
        let ko = "大韓民國 政府는 오늘 經濟 政策을 發表했다. 國會는 來年度 豫算案을 審議하고 있으며, \
                  與野는 合意에 이르지 못했다. 首相은 記者會見에서 國民의 理解를 求했다.";
        assert!(hanja_as_korean_writes_them(ko));
        let bytes = EUC_KR.encode(ko).0;
        let d = ok(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), (ko, "EUC-KR"));
        assert_eq!(ok(&bytes[..bytes.len() - 1]).encoding, "EUC-KR");
        assert!(hanja_as_korean_writes_them("서울시는 오늘 새로운 계획을 발표했다"));
        assert!(korean_word_endings(SAMPLES[4].1));
        assert!(korean_word_endings(ko));
        // What a review found read as Korean: a version list in GB2312, kanji
        // tables and word lists in EUC-JP.
        for (encoding, text) in [
            (GBK, "版本 1.0\n".repeat(10)),
            (EUC_JP, "1 疑似 平文 位置非依\n2 位置非依 位置非依 疑似 位置非依\n3 疑似 位置非依\n4 疑似 平文\n5 疑似 平文 位置非依 位置非依\n6 疑似 平文 位置非依 平文\n".to_string()),
            (EUC_JP, "原因 暗号 番号 失敗 生成 引数 識別 保持 重要 分析 領域 精度 推定 依存 左側 背景 辞書 降順 起因 記号".to_string()),
        ] {
            let bytes = encoding.encode(&text).0;
            let (misread, _) = EUC_KR.decode_without_bom_handling(&bytes);
            assert!(!korean_word_endings(&misread), "{misread}");
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), encoding.name()));
        }
        assert!(!hanja_as_korean_writes_them("오늘 政府는 새 政策을 發表했다 한國"));
        // GB2312 read as EUC-KR.
        let zh =
            "设置 两种 完成 用户 效果\n风格 打开 输出 输出 失败 效果 成功\n程序 效果 打开 显示 完成 选项 错误 缺省";
        let gb2312 = GBK.encode(zh).0;
        let (misread, _) = EUC_KR.decode_without_bom_handling(&gb2312);
        assert!(!hanja_as_korean_writes_them(&misread), "{misread}");
    }

    #[test]
    fn make_up_sequences_of_euc_kr_are_syllables() {
        // `쓔`, which KS X 1001 lacks, as the filler and three jamo; `쓩`,
        // which it has, with its own code.
        let bytes = b"\xb3\xaf\xbe\xc6\xb6\xf3 \xa4\xd4\xa4\xb6\xa4\xd0\xa4\xd4\xbe\xb1~";
        let d = decode(bytes, Some("euc-kr"), 0.1).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding), ("날아라 쓔쓩~", "EUC-KR"));
        // In UTF-8 the filler and jamo are what the text says.
        assert_eq!(ok("ㅤㅆㅠㅇ".as_bytes()).text, "ㅤㅆㅠㅇ");
    }

    #[test]
    fn korean_with_jamo_is_not_taken_for_japanese() {
        // Jamo sit where JIS X 0208 has hiragana: the detector said EUC-JP
        // for both of these.
        let ko = "오늘 서울의 날씨는 맑고 기온은 영상 십도까지 오르겠습니다. 시민들은 공원에 나와 산책을 즐겼습니다.";
        for jamo in ["ㅋㅋㅋ ㅎㅎ ㅠㅠ ㄷㄷ ㅇㅇ", "ㅋㅋㅋ ㅎㅎ ㅠㅠ ㄷㄷ ㅇㅇ ㅋㅋㅋ ㅎㅎ ㅠㅠ ㄷㄷ ㅇㅇ"]
        {
            let text = format!("{ko}\n{jamo}\n");
            let d = ok(&EUC_KR.encode(&text).0);
            assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), "EUC-KR"));
        }
        // Japanese, also as written with spaces for children (which reads as
        // jamo in EUC-KR): still EUC-JP.
        for ja in [
            SAMPLES[3].1,
            "わたし は がっこう に いきます。 きょう は いい てんき です。 ともだち と いっしょに こうえん で あそびました。",
            "今日 は 雨 です。 明日 は 晴れ る でしょう。 天気 予報 に よる と 週末 は 雪 が 降る かも しれ ません。",
        ] {
            let d = ok(&EUC_JP.encode(ja).0);
            assert_eq!((d.text.as_str(), d.encoding), (ja, "EUC-JP"));
        }
        assert!(spaced_like_korean("서울시는 오늘 새로운 계획을"));
        assert!(!spaced_like_korean(SAMPLES[3].1));
        // Kanji with spaces (lists, names, tables), which read as Hangul
        // syllables with spaces in EUC-KR (found by a review): EUC-JP.
        for ja in [
            "文化 科学 健康 教育 環境 地域 天気 芸能 運動 生活 技術",
            "遠藤 修\n小川 彩\n加藤 智子\n田中 美由紀\n池田 紀子\n近藤 明紀",
            "今日 の 東京 は 晴れ。 最高 気温 は 25度 の 予想 です。 明日 は 曇り 時々 雨。",
        ] {
            let d = ok(&EUC_JP.encode(ja).0);
            assert_eq!((d.text.as_str(), d.encoding), (ja, "EUC-JP"));
        }
        assert!(jamo_as_korean_writes_them("좋아요 ㅋㅋㅋ 진짜 ㅠㅠ"));
        assert!(jamo_as_korean_writes_them("\u{3164}ㅆㅠ\u{3164} 말"));
        assert!(!jamo_as_korean_writes_them("베폽 ㅞ 톺딸 ㅟ 율ㅼ。 ㅗㅉ。"));
        assert!(!jamo_as_korean_writes_them("서울시는 오늘"));
    }

    #[test]
    fn a_legacy_cjk_text_with_a_line_of_damage_keeps_its_encoding() {
        // Four damaged bytes in one line of four: more errors than one in a
        // hundred characters, but most lines are whole (as in a text with
        // characters of a later extension its decoder lacks).
        let text = [SAMPLES[2].1; 4].join("\n");
        let mut bytes = SHIFT_JIS.encode(&text).0.into_owned();
        let second = bytes.iter().position(|&b| b == b'\n').expect("lines") + 1;
        let high: Vec<usize> = (second..second + 60).filter(|&i| !bytes[i].is_ascii()).step_by(2).take(4).collect();
        for at in high {
            bytes[at] = 0xFF;
        }
        let d = ok(&bytes);
        assert_eq!(d.encoding, "Shift_JIS", "{}", d.text);
        assert!(d.replacements > 2, "{}", d.replacements);
        assert!(d.text.starts_with(&format!("{}\n", SAMPLES[2].1)));
    }

    #[test]
    fn a_single_byte_text_with_a_byte_its_page_lacks_keeps_its_page() {
        // Sentences of our own; 0xFF is undefined in each of these pages.
        let samples = [
            (
                encoding_rs::WINDOWS_1253,
                "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την παιδεία της χώρας.",
            ),
            (encoding_rs::WINDOWS_1255, "הממשלה הודיעה היום על צעדים חדשים בתחום הכלכלה והחינוך במדינה, כך נמסר."),
            (encoding_rs::WINDOWS_874, "รัฐบาลประกาศมาตรการใหม่ด้านเศรษฐกิจและการศึกษาของประเทศในวันนี้"),
        ];
        for (page, text) in samples {
            // Paragraphs: on a line alone, the detector's choice is a coin toss.
            let text = [text; 4].join("\n");
            let (bytes, _, _) = page.encode(&text);
            let mut bytes = bytes.into_owned();
            let at = bytes.len() / 2;
            let at = (at..bytes.len()).find(|&i| !bytes[i].is_ascii()).expect("a non-ASCII byte");
            bytes[at] = 0xFF;
            let d = ok(&bytes);
            assert_eq!((d.encoding, d.replacements), (page.name(), 1), "{}", d.text);
        }
        // Russian, whose `я` is 0xFF in Windows-1251, stays Russian.
        let (ru, _, _) = encoding_rs::WINDOWS_1251.encode("Я думаю, что моя семья приедет в эту деревню в мае.");
        assert_eq!(ok(&ru).encoding, "windows-1251");
    }

    #[test]
    fn korean_and_japanese_legacy_bytes_are_not_taken_for_chinese() {
        // Sentences of our own. EUC-KR Hangul and Shift_JIS kana and kanji are
        // valid GBK pairs: only the character model tells them from Chinese.
        let ko = "서울시는 오늘 새로운 대중교통 계획을 발표했다. 시민들은 출퇴근 시간이 크게 줄어들 것으로 \
                  기대하고 있으며, 버스 노선도 함께 조정될 예정이다. 관계자는 내년 봄까지 모든 공사를 마칠 \
                  계획이라고 밝혔다.";
        let ja = "東京都は今日、新しい公共交通の計画を発表した。市民は通勤時間が大きく短くなると期待しており、\
                  バスの路線も合わせて見直される予定だ。担当者は来年の春までにすべての工事を終える計画だと述べた。";
        for (text, encoding) in [(ko, encoding_rs::EUC_KR), (ja, encoding_rs::SHIFT_JIS), (ja, encoding_rs::EUC_JP)] {
            let (bytes, _, _) = encoding.encode(text);
            assert_eq!(chinese_reading(&bytes), None, "{} taken for Chinese", encoding.name());
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding), (text, encoding.name()));
        }
        // Chinese takes the shortcut, in either encoding.
        let zh = "中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍今年前三季度国民经济运行情况。";
        assert_eq!(chinese_reading(&GBK.encode(zh).0).map(|d| (d.text, d.encoding)), Some((zh.to_owned(), "GBK")));
        let zht = "臺灣的經濟發展與產業轉型，一直是各界關注的議題，政府今天公布了新的產業政策。";
        assert_eq!(chinese_reading(&BIG5.encode(zht).0).map(|d| (d.text, d.encoding)), Some((zht.to_owned(), "Big5")));
        // Texts longer than the model's sample are decided the same way.
        let long = |text: &str| format!("{text}\n").repeat(SAMPLE_HAN / 10);
        for (text, encoding, chinese) in
            [(ko, encoding_rs::EUC_KR, false), (ja, encoding_rs::SHIFT_JIS, false), (zh, GBK, true), (zht, BIG5, true)]
        {
            let text = long(text);
            assert!(text.chars().count() > 2 * SAMPLE_HAN);
            let read = chinese_reading(&encoding.encode(&text).0).map(|d| (d.text, d.encoding));
            assert_eq!(read, chinese.then(|| (text, encoding.name())), "{}", encoding.name());
        }
    }

    #[test]
    fn declared_charset_is_honoured_unless_contradicted() {
        let (gbk, _, _) = encoding_rs::GBK.encode("发布会");
        let d = decode(&gbk, Some("gb2312"), 0.2).expect("decodes");
        assert_eq!((d.text.as_str(), d.source), ("发布会", EncodingSource::Declared));
        // Declared Shift_JIS, but the bytes are not valid Shift_JIS: fall back.
        let d = decode("纯文本".as_bytes(), Some("shift_jis"), 0.2).expect("decodes");
        assert_eq!(d.source, EncodingSource::Utf8);
    }

    #[test]
    fn text_that_is_mostly_replacement_characters_is_refused() {
        let lost = "\u{FFFD}\u{FFFD}\u{FFFD}ab\u{FFFD}\u{FFFD}\u{FFFD}".repeat(10);
        assert_eq!(decode(lost.as_bytes(), None, 0.2).map_err(|e| e.reason()), Err("undecodable"));
        let few = format!("{}\u{FFFD}", "正常的文字".repeat(10));
        assert!(decode(few.as_bytes(), None, 0.2).is_ok());
    }

    #[test]
    fn empty_binary_and_blank_are_errors() {
        assert_eq!(decode(b"", None, 0.2), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t ", None, 0.2), Err(DecodeError::Blank));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(decode(png, None, 0.2).map_err(|e| e.reason()), Err("binary"));
    }

    #[test]
    fn control_bytes_make_input_binary_only_above_one_in_twenty() {
        let text_controls = "行一\t行二\r\n\x0c\x1b[0m 正文。\n".repeat(40);
        assert!(!looks_binary(text_controls.as_bytes()), "tab, CR, LF, FF and ESC are text");
        // 100 bytes with 5 stray controls: one in twenty is still text; 6 is not.
        for (stray, binary) in [(0usize, false), (5, false), (6, true)] {
            let mut bytes = vec![b'a'; 100];
            bytes[..stray].fill(0x01);
            assert_eq!(looks_binary(&bytes), binary, "{stray} stray controls");
            assert_eq!(control_counts(&bytes), (0, stray, 100));
        }
        let mut with_nul = vec![b'a'; 100];
        with_nul[99] = 0;
        assert!(looks_binary(&with_nul), "a NUL is never text");
    }
}
