//! `corpusmill repair`: the repair stage on one document, for people and scripts.

use std::io::{Read, Write};
use std::path::Path;

use corpusmill_repair::{convert_script, detect_lang_and_script, repair_bytes, RepairOptions, ScriptTarget};

#[derive(serde::Serialize)]
struct RepairJson<'a> {
    text: &'a str,
    encoding: &'a str,
    encoding_source: &'a str,
    repairs: Vec<RepairCount<'a>>,
    plan: Vec<&'a str>,
}

#[derive(serde::Serialize)]
struct RepairCount<'a> {
    kind: &'a str,
    count: u64,
}

pub fn run(file: Option<&Path>, json: bool, charset: Option<&str>, options: &RepairOptions) -> Result<(), String> {
    let mut bytes = Vec::new();
    match file {
        Some(path) if path != Path::new("-") => {
            bytes = std::fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        }
        _ => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|err| format!("cannot read standard input: {err}"))?;
        }
    }
    let mut repaired = repair_bytes(&bytes, charset, options).map_err(|err| format!("cannot decode: {err}"))?;
    // As ingest converts an article: only a Chinese text (not Japanese kanji).
    if options.script != ScriptTarget::Keep && detect_lang_and_script(None, &repaired.text).0 == "zh" {
        let text = std::mem::take(&mut repaired.text);
        repaired.text = convert_script(text, options.script, &mut repaired.log);
    }
    let mut stdout = std::io::stdout().lock();
    let result = if json {
        let counts = repaired.log.counts();
        let doc = RepairJson {
            text: &repaired.text,
            encoding: repaired.encoding,
            encoding_source: repaired.encoding_source.code(),
            repairs: counts.iter().map(|(kind, count)| RepairCount { kind: kind.code(), count: *count }).collect(),
            plan: repaired.log.plan().iter().map(|step| step.0.as_str()).collect(),
        };
        serde_json::to_writer(&mut stdout, &doc).map_err(std::io::Error::from).and_then(|()| stdout.write_all(b"\n"))
    } else {
        stdout.write_all(repaired.text.as_bytes())
    };
    result.map_err(|err| format!("cannot write output: {err}"))
}

/// The `--script` value as a [`ScriptTarget`] (the same names as the
/// configuration's `repair.script`).
pub fn script_target(name: &str) -> Result<ScriptTarget, String> {
    match name {
        "keep" => Ok(ScriptTarget::Keep),
        "simplified" => Ok(ScriptTarget::Simplified),
        "traditional" => Ok(ScriptTarget::Traditional),
        "taiwan" => Ok(ScriptTarget::Taiwan),
        "hongkong" => Ok(ScriptTarget::Hongkong),
        other => Err(format!("unknown script {other:?} (keep, simplified, traditional, taiwan or hongkong)")),
    }
}
