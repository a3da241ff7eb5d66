//! The tables of the character model ([`crate::lm`]), worked out from the
//! counts of `data/charlm.txt`. The build script builds them (this file is
//! its module too, so it uses nothing else of the crate) and writes them to a
//! file the library embeds and reads back at start-up: building them from the
//! text took 25 ms, most of the start-up of a repair. A test builds them
//! again and checks that the two agree to the bit. The logarithms are the
//! build host's: a cross build whose target has another `log2` may differ
//! from a native one in the last bit of a few values (the test, run on such
//! a target, says so).

use std::collections::HashMap;

/// Dirichlet prior mass that backs a bigram off to the unigram.
pub(crate) const BACKOFF: f64 = 20000.0;

/// Dirichlet prior mass that backs the breaks after a character (`E`, `C`,
/// `D` counts) off to those after any character.
pub(crate) const BREAK_BACKOFF: f64 = 50.0;

/// The breaks that may follow a Han character, as the news text counts them:
/// the end of a sentence (or line), of a clause, and a digit. The order of
/// [`HanStats::break_bits`] and the tags of their counts in the data.
pub(crate) const BREAKS: [&str; 3] = ["E", "C", "D"];

/// The tag of the counts of a Han character's occurrences in the news text
/// right after the end of a sentence or clause ([`HanStats::after_break_bits`]).
pub(crate) const AFTER_BREAK: &str = "A";

/// The start of the tables' bytes, with their format's version.
pub(crate) const MAGIC: &[u8] = b"corpusmill-lm 3\n";

/// Han characters: the unified ideographs and extension A (also `gbk::is_han`).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

pub(crate) struct Model {
    /// Bits of each Han bigram the dictionary has (`lm::bits` after a Han
    /// character), worked out once: most pairs of real text are here, and a
    /// logarithm per character scored was a quarter of detection time.
    pub(crate) bigram_bits: PairTable,
    /// Per Han character (index `c - FIRST_HAN`): its smoothed unigram
    /// probability and the sum of bigram counts starting with it. An array
    /// rather than two more hash lookups per character scored.
    pub(crate) han: Vec<HanStats>,
    /// `-log2` of how often any Han character is followed by each of the
    /// [`BREAKS`]: the bits of a character that is not Han.
    pub(crate) break_prior_bits: [f64; 3],
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HanStats {
    pub(crate) unigram: f64,
    /// `-log2(unigram)`: the bits of the character after a non-Han one.
    pub(crate) unigram_bits: f64,
    pub(crate) follow: f64,
    /// `-log2(BACKOFF * unigram)` and `log2(follow + BACKOFF)`: the two terms
    /// of an unseen bigram's bits (see `lm::unseen_bigram_bits`).
    pub(crate) backoff_bits: f64,
    pub(crate) follow_bits: f64,
    /// `-log2` of the smoothed share of the character's occurrences in the
    /// news text followed by each of the [`BREAKS`].
    pub(crate) break_bits: [f64; 3],
    /// The bits of the character right after the end of a sentence or
    /// clause: [`HanStats::unigram_bits`] less `log2` of how much more often
    /// than its usual share the news text starts one with it (smoothed by
    /// [`BREAK_BACKOFF`] toward no difference); never below 0.
    pub(crate) after_break_bits: f64,
}

/// The first code point [`is_han`] accepts; the last is U+9FFF.
pub(crate) const FIRST_HAN: u32 = 0x3400;

/// The bits of the Han bigrams the dictionary has, in an open-addressed
/// table whose keys (both characters' [`han_slot`]s in one `u32`) sit apart
/// from the values. Most pairs a repair asks about are unseen, and such a
/// look touches only the 2 MB of keys: in a `HashMap` of `(char, char)` and
/// `f64` it missed the cache twice, a third of the bigram model's time in
/// GBK repair.
#[derive(Default)]
pub(crate) struct PairTable {
    /// A filter that rules out most unseen pairs from 1 MB, which stays in
    /// the core's cache where the keys do not. Each word holds the pairs of
    /// an 8 × 8 tile of characters (and of the tiles hashed with it): the
    /// candidates for one lost byte, 64 code points in a row, scored after
    /// one character and before another, share 16 words.
    maybe: Vec<u64>,
    /// 0 for an empty slot, else 1 + the pair's packed slots.
    keys: Vec<u32>,
    bits: Vec<f64>,
    /// `keys.len() - 1` (a power of two less one).
    mask: usize,
}

/// The filter's size in words: 1 MB.
pub(crate) const FILTER_WORDS: usize = 1 << 17;

impl PairTable {
    /// Room for `pairs` at a load of at most 0.8.
    pub(crate) fn with_room_for(pairs: usize) -> Self {
        let slots = (pairs + pairs / 4 + 1).next_power_of_two();
        PairTable { maybe: vec![0; FILTER_WORDS], keys: vec![0; slots], bits: vec![0.0; slots], mask: slots - 1 }
    }

    /// The filter's word and bit for the pair `key` packs.
    fn filter_bit(key: u32) -> (usize, u64) {
        let (a, b) = ((key - 1) >> 15, (key - 1) & 0x7FFF);
        let tile = u64::from((a >> 3) << 12 | b >> 3);
        let word = (tile.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % FILTER_WORDS;
        (word, 1 << ((a & 7) << 3 | (b & 7)))
    }

    fn key(a: char, b: char) -> Option<u32> {
        // A slot is below 2^15 (HAN_SLOTS), so two fit with room for the +1.
        let (a, b) = (han_slot(a)?, han_slot(b)?);
        Some(((a << 15 | b) + 1) as u32)
    }

    fn home(&self, key: u32) -> usize {
        // Fibonacci hashing: the packed slots of neighbouring characters are
        // spread over the table.
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    /// Sets the bits of `a b` (a pair seen before gets the new value); pairs
    /// with a character outside the Han range are not kept.
    pub(crate) fn insert(&mut self, a: char, b: char, bits: f64) {
        let Some(key) = Self::key(a, b) else { return };
        let mut i = self.home(key);
        while self.keys[i] != 0 && self.keys[i] != key {
            i = (i + 1) & self.mask;
        }
        self.keys[i] = key;
        self.bits[i] = bits;
        let (word, bit) = Self::filter_bit(key);
        self.maybe[word] |= bit;
    }

    pub(crate) fn get(&self, a: char, b: char) -> Option<f64> {
        let key = Self::key(a, b)?;
        let (word, bit) = Self::filter_bit(key);
        if self.maybe.get(word).is_none_or(|&w| w & bit == 0) {
            return None;
        }
        let mut i = self.home(key);
        loop {
            match self.keys.get(i).copied() {
                Some(k) if k == key => return self.bits.get(i).copied(),
                Some(0) | None => return None,
                Some(_) => i = (i + 1) & self.mask,
            }
        }
    }
}

impl HanStats {
    /// How many values [`HanStats::values`] gives.
    pub(crate) const VALUES: usize = 9;

    /// The values in the order the tables' bytes hold them.
    fn values(&self) -> [f64; HanStats::VALUES] {
        let [e, c, d] = self.break_bits;
        [
            self.unigram,
            self.unigram_bits,
            self.follow,
            self.backoff_bits,
            self.follow_bits,
            e,
            c,
            d,
            self.after_break_bits,
        ]
    }
}

impl Model {
    pub(crate) fn han(&self, c: char) -> HanStats {
        han_slot(c).and_then(|i| self.han.get(i)).copied().unwrap_or_default()
    }

    /// The tables of the counts in `data` (`data/charlm.txt`).
    pub(crate) fn build(data: &str) -> Model {
        let mut unigram: HashMap<char, f64> = HashMap::default();
        let mut follow = vec![0.0; HAN_SLOTS];
        let mut bigrams: Vec<((char, char), f64)> = Vec::with_capacity(data.len() / 12);
        let mut total = 0.0;
        // Occurrences in the news text, and of them those before each break.
        let mut news: HashMap<char, f64> = HashMap::default();
        let mut breaks: [HashMap<char, f64>; 3] = Default::default();
        let mut after_break: HashMap<char, f64> = HashMap::default();
        for (tag, key, count) in records(data) {
            let Some(count) = parse_count(count) else { continue };
            let mut chars = key.chars();
            match (tag, chars.next(), chars.next()) {
                ("U", Some(c), None) => {
                    unigram.insert(c, count);
                    total += count;
                }
                ("B", Some(a), Some(b)) => {
                    if let Some(sum) = han_slot(a).and_then(|i| follow.get_mut(i)) {
                        *sum += count;
                    }
                    bigrams.push(((a, b), count));
                }
                ("N", Some(c), None) => {
                    news.insert(c, count);
                }
                (AFTER_BREAK, Some(c), None) => {
                    after_break.insert(c, count);
                }
                (tag, Some(c), None) => {
                    if let Some(k) = BREAKS.iter().position(|&end| end == tag) {
                        breaks[k].insert(c, count);
                    }
                }
                _ => {}
            }
        }
        let news_total: f64 = news.values().sum();
        let break_prior: [f64; 3] =
            std::array::from_fn(|k| (breaks[k].values().sum::<f64>() + 1.0) / (news_total + BREAKS.len() as f64));
        // How often any Han character of the news text starts a sentence or clause.
        let start_rate = (after_break.values().sum::<f64>() + 1.0) / (news_total + 2.0);
        let han = (FIRST_HAN..=LAST_HAN)
            .zip(follow)
            .map(|(code, follow)| {
                let c = char::from_u32(code).unwrap_or('\0');
                let p = (unigram.get(&c).copied().unwrap_or(0.0) + 0.5) / (total + 1.0);
                let seen = news.get(&c).copied().unwrap_or(0.0);
                let break_bits = std::array::from_fn(|k| {
                    let before = breaks[k].get(&c).copied().unwrap_or(0.0);
                    -((before + BREAK_BACKOFF * break_prior[k]) / (seen + BREAK_BACKOFF)).log2()
                });
                let starts = after_break.get(&c).copied().unwrap_or(0.0);
                let start_share = (starts + BREAK_BACKOFF * start_rate) / (seen + BREAK_BACKOFF);
                let after_break_bits = (-p.log2() - (start_share / start_rate).log2()).max(0.0);
                HanStats {
                    unigram: p,
                    unigram_bits: -p.log2(),
                    follow,
                    backoff_bits: -(BACKOFF * p).log2(),
                    follow_bits: (follow + BACKOFF).log2(),
                    break_bits,
                    after_break_bits,
                }
            })
            .collect();
        let break_prior_bits = break_prior.map(|p| -p.log2());
        // Empty until the bits are worked out, which needs `han`.
        let mut model = Model { bigram_bits: PairTable::default(), han, break_prior_bits };
        let mut bigram_bits = PairTable::with_room_for(bigrams.len());
        // In file order, so that a pair listed twice keeps its last count.
        for ((a, b), seen) in bigrams {
            if is_han(a) && is_han(b) {
                bigram_bits.insert(a, b, self::bigram_bits(&model, a, b, seen));
            }
        }
        model.bigram_bits = bigram_bits;
        model
    }

    /// The tables as bytes, for the build script to write: each array's
    /// length and its values, little-endian (`f64` by their bits).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let PairTable { maybe, keys, bits, mask: _ } = &self.bigram_bits;
        let mut out = MAGIC.to_vec();
        let mut put = |value: u64| out.extend_from_slice(&value.to_le_bytes());
        put(self.han.len() as u64);
        for stats in &self.han {
            for value in stats.values() {
                put(value.to_bits());
            }
        }
        for value in self.break_prior_bits {
            put(value.to_bits());
        }
        put(maybe.len() as u64);
        maybe.iter().for_each(|&word| put(word));
        put(keys.len() as u64);
        bits.iter().for_each(|value| put(value.to_bits()));
        for &key in keys {
            out.extend_from_slice(&key.to_le_bytes());
        }
        out
    }

    /// The tables [`Model::to_bytes`] wrote; `None` for bytes that are not
    /// tables of that shape (see the checks at the end).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut rest = bytes.strip_prefix(MAGIC)?;
        let mut take = |n: usize| -> Option<&[u8]> {
            let (taken, left) = rest.split_at_checked(n)?;
            rest = left;
            Some(taken)
        };
        let mut words = |n: usize| -> Option<Vec<u64>> {
            let bytes = take(n.checked_mul(8)?)?;
            Some(bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())).collect())
        };
        let han_len = usize::try_from(words(1)?.first().copied()?).ok()?;
        let han: Vec<HanStats> = words(han_len.checked_mul(HanStats::VALUES)?)?
            .chunks_exact(HanStats::VALUES)
            .map(|v| HanStats {
                unigram: f64::from_bits(v[0]),
                unigram_bits: f64::from_bits(v[1]),
                follow: f64::from_bits(v[2]),
                backoff_bits: f64::from_bits(v[3]),
                follow_bits: f64::from_bits(v[4]),
                break_bits: [f64::from_bits(v[5]), f64::from_bits(v[6]), f64::from_bits(v[7])],
                after_break_bits: f64::from_bits(v[8]),
            })
            .collect();
        let break_prior: Vec<f64> = words(BREAKS.len())?.into_iter().map(f64::from_bits).collect();
        let break_prior_bits: [f64; 3] = break_prior.try_into().ok()?;
        let maybe_len = usize::try_from(words(1)?.first().copied()?).ok()?;
        let maybe = words(maybe_len)?;
        let slots = usize::try_from(words(1)?.first().copied()?).ok()?;
        let bits: Vec<f64> = words(slots)?.into_iter().map(f64::from_bits).collect();
        let keys_bytes = take(slots.checked_mul(4)?)?;
        let keys: Vec<u32> =
            keys_bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().unwrap_or_default())).collect();
        // Tables of the shape `build` makes: a slot per Han character, the
        // whole filter, an empty key to end every probe, and bits that are
        // numbers and never negative (the repair's searches rely on it).
        let well_formed = rest.is_empty()
            && slots.is_power_of_two()
            && han_len == HAN_SLOTS
            && maybe_len == FILTER_WORDS
            && keys.contains(&0)
            && bits.iter().all(|&b: &f64| b >= 0.0)
            && han.iter().all(|s: &HanStats| s.values().iter().all(|v| v.is_finite()))
            && break_prior_bits.iter().all(|&b| b.is_finite() && b >= 0.0)
            && han.iter().all(|s| s.break_bits.iter().all(|&b| b >= 0.0) && s.after_break_bits >= 0.0);
        if !well_formed {
            return None;
        }
        Some(Model { bigram_bits: PairTable { maybe, keys, bits, mask: slots - 1 }, han, break_prior_bits })
    }
}

/// Bits of the Han character `c` after the Han character `prev`, seen `seen`
/// times together in the dictionary.
pub(crate) fn bigram_bits(m: &Model, prev: char, c: char, seen: f64) -> f64 {
    let p = (seen + BACKOFF * m.han(c).unigram) / (m.han(prev).follow + BACKOFF);
    -p.log2()
}

/// The `tag\tkey\tcount` lines of `data` (more fields are ignored, lines
/// with fewer skipped), found with `memchr`: `lines()` and `split` took a
/// fifth of the start-up.
pub(crate) fn records(data: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    data.split_terminator('\n').filter_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let bytes = line.as_bytes();
        let first = memchr::memchr(b'\t', bytes)?;
        let second = first + 1 + memchr::memchr(b'\t', bytes.get(first + 1..)?)?;
        let rest = line.get(second + 1..)?;
        let count = rest.split_once('\t').map_or(rest, |(count, _)| count);
        Some((line.get(..first)?, line.get(first + 1..second)?, count))
    })
}

/// The counts are whole numbers: read as integers, which is quicker than
/// reading a float and gives the same value.
pub(crate) fn parse_count(text: &str) -> Option<f64> {
    match text.parse::<u64>() {
        Ok(n) => Some(n as f64),
        Err(_) => text.parse::<f64>().ok(),
    }
}

/// The last code point [`is_han`] accepts, and how many slots the Han
/// tables have.
pub(crate) const LAST_HAN: u32 = 0x9FFF;
pub(crate) const HAN_SLOTS: usize = (LAST_HAN - FIRST_HAN + 1) as usize;

pub(crate) fn han_slot(c: char) -> Option<usize> {
    (c as u32).checked_sub(FIRST_HAN).map(|i| i as usize).filter(|&i| i < HAN_SLOTS)
}
