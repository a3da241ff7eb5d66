//! The run configuration: TOML, every key optional, defaults built in.
//!
//! `config/corpusmill.toml` in the repository documents the same defaults;
//! a test keeps the two equal.

use std::fmt;
use std::path::{Path, PathBuf};

use corpusmill_repair::RepairOptions;
use corpusmill_store::WriterOptions;

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub input: InputOptions,
    pub repair: RepairOptions,
    pub output: WriterOptions,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputOptions {
    /// Skip files and folders whose names start with a dot.
    pub skip_hidden: bool,
    /// Files larger than this are rejected (`too_large`) without being read.
    pub max_file_bytes: u64,
    /// Inputs are handed to the worker pool in chunks of at most this many bytes…
    pub chunk_bytes: u64,
    /// …and at most this many files, which bounds memory and keeps output order.
    pub chunk_files: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions { skip_hidden: true, max_file_bytes: 256 << 20, chunk_bytes: 64 << 20, chunk_files: 512 }
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
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = toml::from_str::<Config>("[input]\nskip_hiden = false\n").expect_err("typo is rejected");
        assert!(err.to_string().contains("skip_hiden"), "{err}");
    }
}
