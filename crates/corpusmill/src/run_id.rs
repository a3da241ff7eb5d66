//! Run ids: they name output files, so they are restricted to safe characters.

/// `20261128T050102Z-1a2b3c`: sortable by start time, unique enough for
/// concurrent runs thanks to the suffix.
pub fn generate() -> String {
    let now = chrono::Utc::now();
    let mut hasher = blake3::Hasher::new();
    hasher.update(&std::process::id().to_le_bytes());
    hasher.update(&now.timestamp_nanos_opt().unwrap_or_default().to_le_bytes());
    let suffix = hasher.finalize().to_hex();
    format!("{}-{}", now.format("%Y%m%dT%H%M%SZ"), &suffix[..6])
}

pub fn validate(id: String) -> Result<String, String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(id)
    } else {
        Err(format!("invalid run id {id:?}: use 1-64 letters, digits, '.', '_' or '-', not starting with '.'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_valid_and_bad_ones_refused() {
        assert!(validate(generate()).is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "spaces here"] {
            assert!(validate(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
