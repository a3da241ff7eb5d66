//! The run configuration: TOML, every key optional, defaults built in.
//!
//! `config/corpusmill.toml` in the repository documents the same defaults;
//! a test keeps the two equal.

use std::fmt;
use std::path::{Path, PathBuf};

use corpusmill_extract::JsonMapping;
use corpusmill_read::Limits;
use corpusmill_repair::RepairOptions;
use corpusmill_store::WriterOptions;

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub input: InputOptions,
    pub repair: RepairOptions,
    pub json: JsonMapping,
    pub output: WriterOptions,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputOptions {
    /// Skip files and folders whose names start with a dot.
    pub skip_hidden: bool,
    /// Follow symbolic links inside the input folders. Off (the default), each
    /// link is counted in the run report (`links_skipped`) and not read.
    pub follow_links: bool,
    /// A single document (text dump, HTML page, JSON document or line, WARC
    /// record, archive member) larger than this is rejected (`too_large`)
    /// without being held in memory. Streams of records have no size limit.
    pub max_record_bytes: u64,
    /// Most bytes inflated out of one input file, over all its layers.
    pub max_inflated_bytes: u64,
    /// Most inflated bytes per byte of the input file on disk (zip bombs).
    pub max_inflation_ratio: u64,
    /// Most container layers (compression or archive) around a document.
    pub max_depth: u32,
    /// Documents are handed to the worker pool in chunks of at most this many bytes…
    pub chunk_bytes: u64,
    /// …and at most this many documents, which bounds memory and keeps output order.
    /// Each chunk ends with a wait for its slowest document: small documents want
    /// large chunks.
    pub chunk_files: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        let limits = Limits::default();
        InputOptions {
            skip_hidden: true,
            follow_links: false,
            max_record_bytes: limits.max_record_bytes,
            max_inflated_bytes: limits.max_inflated_bytes,
            max_inflation_ratio: limits.max_inflation_ratio,
            max_depth: limits.max_depth,
            chunk_bytes: 16 << 20,
            chunk_files: 4096,
        }
    }
}

impl InputOptions {
    pub fn limits(&self) -> Limits {
        Limits {
            max_record_bytes: self.max_record_bytes,
            max_inflated_bytes: self.max_inflated_bytes,
            max_inflation_ratio: self.max_inflation_ratio,
            max_depth: self.max_depth,
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug)]
pub enum ConfigError {
    Read { path: PathBuf, source: std::io::Error },
    Parse { path: PathBuf, source: toml::de::Error },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, source } => write!(f, "cannot read config {}: {source}", path.display()),
            ConfigError::Parse { path, source } => {
                write!(f, "invalid config {}: {}", path.display(), source.message())
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Loads `path`, or the built-in defaults when no file is given.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text =
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
        toml::from_str(&text).map_err(|source| ConfigError::Parse { path: path.to_path_buf(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_default_config_equals_built_in_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/corpusmill.toml");
        let from_file = Config::load(Some(&path)).expect("config/corpusmill.toml parses");
        let as_toml = |c: &Config| toml::to_string(c).expect("serialises");
        assert_eq!(as_toml(&from_file), as_toml(&Config::default()));
        // Every key is written out in the file, not just filled in by defaults.
        let text = std::fs::read_to_string(&path).expect("read");
        let file: toml::Table = toml::from_str(&text).expect("table");
        let defaults: toml::Table = toml::from_str(&as_toml(&Config::default())).expect("table");
        for (section, keys) in &defaults {
            let keys = keys.as_table().expect("section");
            let in_file = file.get(section).and_then(|s| s.as_table()).expect("section in file");
            for key in keys.keys() {
                assert!(in_file.contains_key(key), "config/corpusmill.toml lacks [{section}] {key}");
            }
        }
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = toml::from_str::<Config>("[input]\nskip_hiden = false\n").expect_err("typo is rejected");
        assert!(err.to_string().contains("skip_hiden"), "{err}");
    }
}
