//! `--shard K/N`: which inputs one of N cooperating runs (a Slurm job array, a
//! Kubernetes indexed job) takes.
//!
//! An input belongs to shard `hash(path) mod N`, so the split is stable across
//! runs and machines as long as the inputs are named by the same paths, and
//! needs no coordination: each shard writes its own output directory (with its
//! own ledger), and readers glob across them.

use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count`, `index` from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether the input at `path` (as discovery names it) is this shard's.
    pub fn owns(&self, path: &str) -> bool {
        let hash = blake3::hash(path.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first) % u64::from(self.count) == u64::from(self.index)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("--shard takes K/N with 0 <= K < N (e.g. 3/16), not {s:?}");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_has_exactly_one_shard_and_the_split_is_even() {
        let shards: Vec<Shard> = (0..4).map(|index| Shard { index, count: 4 }).collect();
        let mut sizes = [0u32; 4];
        for i in 0..4000 {
            let path = format!("/data/dumps/{i:05}.txt");
            let owners: Vec<u32> = shards.iter().filter(|s| s.owns(&path)).map(|s| s.index).collect();
            assert_eq!(owners.len(), 1, "{path}");
            sizes[owners[0] as usize] += 1;
        }
        assert!(sizes.iter().all(|&n| (850..1150).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!("3/16".parse(), Ok(Shard { index: 3, count: 16 }));
        assert_eq!("0/1".parse::<Shard>().map(|s| s.to_string()), Ok("0/1".to_owned()));
        for bad in ["", "3", "16/16", "1/0", "-1/4", "a/b"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
