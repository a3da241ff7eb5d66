//! Decoding and repair of damaged article text.
//!
//! Everything here is a pure function over bytes and strings: the pipeline,
//! `corpusmill repair` and the tests all call the same entry point,
//! [`repair_bytes`], so ingest and repair always agree.
//!
//! The pipeline is: [`decode`] (BOM, declared charset, UTF-8, detector) →
//! text repairs (JSON escapes, HTML entities, mojibake, content-farm damage,
//! lost-text markers, control characters, NFC).
//! Every repair that changes the text is counted in a [`RepairLog`], with a
//! replayable [`PlanStep`] list describing what was done and where.

mod decode;
mod entities;
mod escapes;
mod farm;
mod gbk;
mod latin;
mod lm;
mod log;
mod markers;
mod mojibake;
mod normalize;
mod plausible;
mod remap;
mod script;
mod single_byte;

pub use decode::{decode, DecodeError, Decoded, EncodingSource};
pub use log::{PlanStep, RepairKind, RepairLog};
pub use script::{detect_lang, detect_script, Script};

/// Knobs of the repair stage. The defaults are what `corpusmill ingest` uses.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RepairOptions {
    /// Decode HTML character references (`&amp;`, `&#25991;`, `&#x6587;`),
    /// and numeric ones that lost their `&` when clearly meant (`#x6587;`,
    /// `#25991;` for a CJK character).
    pub html_entities: bool,
    /// Decode JSON `\uXXXX` escapes left in the text (surrogate pairs joined).
    pub json_escapes: bool,
    /// Repair mojibake (UTF-8 read as cp1252/Latin-1 or GBK, GBK/Big5 read as
    /// Latin-1) segment by segment, keeping a repair only when it is clearly
    /// more plausible than the damaged text.
    pub mojibake: bool,
    /// Undo content-farm damage: pinyin annotations and lost GBK lead bytes.
    pub content_farm: bool,
    /// Remove markers of text that is lost for good (`锟斤拷`, runs of three
    /// or more `烫`/`屯`, runs of U+FFFD). They are counted either way.
    pub remove_markers: bool,
    /// Remove C0/C1 control characters (tab and newlines are kept).
    pub control_chars: bool,
    /// Normalise to Unicode NFC.
    pub nfc: bool,
    /// Reject a document when more than this fraction of its characters are U+FFFD.
    pub max_replacement_ratio: f64,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            html_entities: true,
            json_escapes: true,
            mojibake: true,
            content_farm: true,
            remove_markers: false,
            control_chars: true,
            nfc: true,
            max_replacement_ratio: 0.2,
        }
    }
}

/// A decoded and repaired document.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    pub text: String,
    /// The WHATWG name of the encoding the bytes were decoded with.
    pub encoding: &'static str,
    pub encoding_source: EncodingSource,
    pub log: RepairLog,
}

/// Decodes `bytes` (honouring `declared` unless the bytes contradict it) and
/// repairs the text.
pub fn repair_bytes(bytes: &[u8], declared: Option<&str>, options: &RepairOptions) -> Result<Repaired, DecodeError> {
    let decoded = decode(bytes, declared, options.max_replacement_ratio)?;
    let mut log = RepairLog::default();
    if decoded.replacements > 0 {
        log.add(
            RepairKind::InvalidBytes,
            decoded.replacements as u64,
            PlanStep::new(format!(
                "decode {}: {} invalid sequences became U+FFFD",
                decoded.encoding, decoded.replacements
            )),
        );
    }
    let text = repair_text(decoded.text, options, &mut log);
    Ok(Repaired { text, encoding: decoded.encoding, encoding_source: decoded.source, log })
}

/// Applies the text-level repairs to already decoded text.
///
/// Clean text is returned unchanged (and without copying when nothing applies).
pub fn repair_text(text: String, options: &RepairOptions, log: &mut RepairLog) -> String {
    let mut text = text;
    if options.json_escapes {
        text = escapes::decode_json_escapes(text, log);
    }
    if options.html_entities {
        text = entities::decode_entities(text, log);
        text = entities::decode_bare_numeric_refs(text, log);
    }
    if options.mojibake {
        text = mojibake::repair_mojibake(text, log);
    }
    if options.content_farm {
        text = farm::repair_content_farm(text, log);
    }
    // After the farm repair, which reads `?`/U+FFFD as lost-lead markers.
    text = markers::mark_lost_text(text, options.remove_markers, log);
    if options.control_chars {
        text = normalize::strip_control_chars(text, log);
    }
    if options.nfc {
        text = normalize::nfc(text, log);
    }
    text
}
