//! A character bigram language model for choosing among repair candidates
//! that the byte-level evidence cannot tell apart (`大學` against `大奧`, both
//! `xué` after the same trail byte).
//!
//! Counts come from `data/charlm.txt` (word frequencies of jieba's MIT-licensed
//! dictionary spread over the characters and bigrams of each word, in
//! simplified and traditional form; see `data/README.md`). The build script
//! works them out into tables of a few MB ([`crate::lm_table`]), read back on
//! first use.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::gbk::is_han;
#[cfg(test)]
use crate::lm_table::{
    bigram_bits, parse_count, records, HanStats, PairTable, BREAKS, FILTER_WORDS, FIRST_HAN, LAST_HAN, MAGIC,
};
use crate::lm_table::{han_slot, Model, HAN_SLOTS};

#[cfg(test)]
const DATA: &str = include_str!("../data/charlm.txt");
/// Bits of `，` and `。` (about one character in ten); other common
/// punctuation costs three bits more.
const COMMON_PUNCT_BITS: f64 = 3.0;
/// Bits of any other non-Han character, as rare as a rare Han character.
const SYMBOL_BITS: f64 = 16.0;

/// The maps are keyed by characters the program chose, not by an attacker:
/// a multiply-rotate hash instead of SipHash, which took a tenth of the time
/// of content-farm repair. (Also for the repair caches keyed by bytes.)
pub(crate) type Fast = std::hash::BuildHasherDefault<CharHasher>;

#[derive(Default)]
pub(crate) struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The model's tables, worked out from `data/charlm.txt` by the build
/// script ([`crate::lm_table`]): building them here took 25 ms, most of the
/// start-up of a repair.
static TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lm_tables.bin"));

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(TABLES).expect("the build script writes the model's tables whole"))
}

/// Bits to write the Han character `c` after `prev` (any character): an
/// interpolated bigram estimate, backed off to the unigram, floored for
/// characters the dictionary never saw. The dictionary has no punctuation or
/// symbols: common Chinese punctuation gets a flat small cost, other
/// symbols (what misaligned bytes decode to, `｀`, `┧`) a large one.
pub(crate) fn bits(prev: Option<char>, c: char) -> f64 {
    if !is_han(c) {
        return match c {
            // Candidates differ in length (a misaligned stretch is shorter
            // than its repair, and annotations add letters), so ASCII, which
            // the byte evidence already decides, costs nothing here.
            c if c.is_ascii() => 0.0,
            '，' | '。' => COMMON_PUNCT_BITS,
            c if is_common_punct(c) => COMMON_PUNCT_BITS + 3.0,
            _ => SYMBOL_BITS,
        };
    }
    let m = model();
    match prev.filter(|&p| is_han(p)) {
        Some(p) => match m.bigram_bits.get(p, c) {
            Some(bits) => bits,
            None => unseen_bigram_bits(m, p, c),
        },
        None => m.han(c).unigram_bits,
    }
}

/// Bits of `next` after the character `c` when `next` is an ASCII break:
/// the end of a sentence or line (`.`, `!`, `?`, a line break), of a clause
/// (`,`, `;`, `:`) or a digit, as often as the news text follows `c` with
/// such a break (`是` before a number, `昂` never). UTF-8 read as GBK loses
/// a character's last byte before an ASCII character, whose bits are
/// otherwise zero: the character was chosen by what came before it alone.
/// Zero for any other `next`; for a `c` that is not Han, the bits after any
/// character.
pub(crate) fn bits_before_break(c: char, next: char) -> f64 {
    let k = match next {
        '.' | '!' | '?' | '\n' | '\r' => 0,
        ',' | ';' | ':' => 1,
        '0'..='9' => 2,
        _ => return 0.0,
    };
    let m = model();
    if is_han(c) {
        m.han(c).break_bits[k]
    } else {
        m.break_prior_bits[k]
    }
}

/// Bits of the Han character `c` right after the end of a sentence or
/// clause (`，但`, where `你` reads as well to the unigram): how often the news
/// text starts one with it ([`crate::lm_table::HanStats::after_break_bits`]).
/// For a `c` that is not Han, [`bits`] after nothing.
pub(crate) fn bits_after_break(c: char) -> f64 {
    if is_han(c) {
        model().han(c).after_break_bits
    } else {
        bits(None, c)
    }
}

/// `lm_table::bigram_bits` of a pair the dictionary never saw, from two terms worked
/// out per character: most pairs in a wrong reading are unseen, and a
/// logarithm for each was a fifth of GBK/Big5 detection.
fn unseen_bigram_bits(m: &Model, prev: char, c: char) -> f64 {
    m.han(prev).follow_bits + m.han(c).backoff_bits
}

/// Bits to write `text` after `prev`, character by character.
pub(crate) fn text_bits(prev: Option<char>, text: impl IntoIterator<Item = char>) -> f64 {
    sum_bits(prev, text, bits)
}

/// The sum of `bits` of each character of `text` after the one before it
/// (`prev` before the first).
fn sum_bits(prev: Option<char>, text: impl IntoIterator<Item = char>, bits: impl Fn(Option<char>, char) -> f64) -> f64 {
    let mut prev = prev;
    let mut sum = 0.0;
    for c in text {
        sum += bits(prev, c);
        prev = Some(c);
    }
    sum
}

/// How much a text's own use of a pair counts against the dictionary.
const TEXT_WEIGHT: f64 = 0.1;

/// The model with a cache of one text's Han pairs (a cache language model,
/// Kuhn and De Mori 1990): a word the text uses where it is intact (`微信`,
/// which the dictionary lacks) is likelier where a byte of it was lost than
/// the dictionary alone says. The cache only ever lowers a pair's bits: to
/// the pair's share of what follows its first character in the text,
/// weighted by [`TEXT_WEIGHT`], where that beats the dictionary's estimate.
#[derive(Debug, Default)]
pub(crate) struct TextModel {
    /// Per pair of the text: its cached bits.
    pairs: PairBits,
    /// The Han characters that end a pair: most candidates scored are
    /// characters the text never uses, which this answers without a hash.
    ends: Slots,
}

/// A value per pair of characters, in a table of open addressing keyed by
/// both characters in one word (never 0: the first is never NUL). A whole
/// document's pairs are counted into it, which a `HashMap` made most of the
/// cost of a content-farm page's model.
#[derive(Debug, Default)]
struct PairBits {
    keys: Vec<u64>,
    values: Vec<f64>,
}

impl PairBits {
    /// Room for `pairs` pairs, at most half full.
    fn with_room_for(pairs: usize) -> PairBits {
        let size = (2 * pairs).next_power_of_two().max(16);
        PairBits { keys: vec![0; size], values: vec![0.0; size] }
    }

    fn key(a: char, b: char) -> u64 {
        u64::from(a) << 32 | u64::from(b)
    }

    /// The slot of `key`, or the empty one where it would go; `None` when
    /// the table has no room (it is sized so that it never runs full).
    fn slot(&self, key: u64) -> Option<usize> {
        let mask = self.keys.len().checked_sub(1)?;
        let mut at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        for _ in 0..self.keys.len() {
            match self.keys[at] {
                k if k == key || k == 0 => return Some(at),
                _ => at = (at + 1) & mask,
            }
        }
        None
    }

    /// Adds `value` to the pair's (0 for a new pair).
    fn add(&mut self, a: char, b: char, value: f64) {
        let key = Self::key(a, b);
        if let Some(at) = self.slot(key) {
            self.keys[at] = key;
            self.values[at] += value;
        }
    }

    fn get(&self, a: char, b: char) -> Option<f64> {
        let key = Self::key(a, b);
        self.slot(key).filter(|&at| self.keys[at] == key).map(|at| self.values[at])
    }
}

/// A set of Han characters, a bit each, grown as needed.
#[derive(Debug, Default)]
struct Slots(Vec<u64>);

impl Slots {
    fn insert(&mut self, c: char) {
        if let Some(slot) = han_slot(c) {
            if self.0.len() <= slot / 64 {
                self.0.resize(slot / 64 + 1, 0);
            }
            self.0[slot / 64] |= 1 << (slot % 64);
        }
    }

    fn contains(&self, c: char) -> bool {
        han_slot(c).is_some_and(|slot| self.0.get(slot / 64).is_some_and(|&word| word & (1 << (slot % 64)) != 0))
    }
}

std::thread_local! {
    /// [`TextModel::of`]'s counts of what follows each Han character, by
    /// slot, each with the generation (the call) that counted it, and the
    /// current generation.
    static FOLLOWS: std::cell::RefCell<(u32, Vec<(u32, u32)>)> = const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Starts a new generation of the [`FOLLOWS`] counts, which empties them
/// without touching them, and returns it.
fn next_generation(generation: &mut u32, follows: &mut Vec<(u32, u32)>) -> u32 {
    if follows.len() < HAN_SLOTS {
        follows.resize(HAN_SLOTS, (0, 0));
    }
    *generation = generation.wrapping_add(1);
    if *generation == 0 {
        follows.fill((0, 0));
        *generation = 1;
    }
    *generation
}

/// The cached bits of a pair seen `seen` times after its first character,
/// which is followed `follow` times in the text: its share, weighted by
/// [`TEXT_WEIGHT`].
fn cached_bits(seen: f64, follow: f64) -> f64 {
    let share = seen / follow;
    -(TEXT_WEIGHT * share).log2()
}

/// The pairs of adjacent Han characters of `text`, but for those at the
/// byte offsets `left_out` (in order).
fn han_pairs<'a>(text: &'a str, left_out: &'a [usize]) -> impl Iterator<Item = (char, char)> + 'a {
    let mut left_out = left_out.iter().peekable();
    han_pairs_of(text.char_indices().map(move |(at, c)| {
        while left_out.next_if(|&&skip| skip < at).is_some() {}
        // NUL, which is no Han character, makes no pair.
        if left_out.next_if_eq(&&at).is_some() {
            '\0'
        } else {
            c
        }
    }))
}

/// The pairs of adjacent Han characters of `chars` (any other character
/// between two makes no pair).
fn han_pairs_of(chars: impl Iterator<Item = char>) -> impl Iterator<Item = (char, char)> {
    let mut prev: Option<char> = None;
    chars.filter_map(move |c| {
        let kept = is_han(c);
        let pair = prev.filter(|_| kept).map(|p| (p, c));
        prev = Some(c).filter(|_| kept);
        pair
    })
}

impl TextModel {
    /// The cache of the Han pairs of `text` (a U+FFFD or any other
    /// character between two Han characters makes no pair) that hold one of
    /// `candidates`: the model is only asked about those, and hashing every
    /// pair of a long text was most of the cost. The characters at the byte
    /// offsets `guessed` (in order) make no pair: a guess for a lost byte is
    /// no evidence of the text's words.
    pub(crate) fn of(text: &str, candidates: &[char], guessed: &[usize]) -> TextModel {
        let mut wanted = Slots::default();
        for &c in candidates {
            wanted.insert(c);
        }
        // One pass: what follows each Han character, counted in a dense
        // per-thread array (a hash per pair was a third of the cost), and
        // the pairs that hold a candidate.
        FOLLOWS.with(|follows| {
            let (ref mut generation, ref mut follows) = *follows.borrow_mut();
            let now = next_generation(generation, follows);
            let mut counts: HashMap<(char, char), u32, Fast> = HashMap::default();
            let mut ends = Slots::default();
            for (p, c) in han_pairs(text, guessed) {
                if let Some((at, count)) = han_slot(p).and_then(|slot| follows.get_mut(slot)) {
                    *count = if *at == now { count.saturating_add(1) } else { 1 };
                    *at = now;
                }
                if wanted.contains(p) || wanted.contains(c) {
                    match counts.entry((p, c)) {
                        Entry::Occupied(mut seen) => *seen.get_mut() = seen.get().saturating_add(1),
                        Entry::Vacant(slot) => {
                            slot.insert(1);
                            ends.insert(c);
                        }
                    }
                }
            }
            let mut pairs = PairBits::with_room_for(counts.len());
            for ((a, b), seen) in counts {
                let follow = han_slot(a).and_then(|slot| follows.get(slot)).map_or(seen, |&(_, n)| n);
                pairs.add(a, b, cached_bits(f64::from(seen), f64::from(follow)));
            }
            TextModel { pairs, ends }
        })
    }

    /// The cache of every Han pair of a whole document (`text`; a character
    /// that is no Han character makes no pair), for a repair that asks about
    /// candidates all over it: the content farm's, whose lost bytes leave
    /// any character open. The pairs are listed in one pass, then counted in
    /// a table of open addressing sized for them (a `HashMap` was most of
    /// the cost), and what follows each character in the dense per-thread
    /// array [`TextModel::of`] counts in.
    pub(crate) fn of_document(text: impl IntoIterator<Item = char>) -> TextModel {
        let listed: Vec<(char, char)> = han_pairs_of(text.into_iter()).collect();
        FOLLOWS.with(|follows| {
            let (ref mut generation, ref mut follows) = *follows.borrow_mut();
            let now = next_generation(generation, follows);
            let mut pairs = PairBits::with_room_for(listed.len());
            let mut ends = Slots(vec![0; HAN_SLOTS.div_ceil(64)]);
            let mut taken: Vec<(usize, usize)> = Vec::with_capacity(listed.len());
            for (p, c) in listed {
                // Every Han character has a slot (`is_han` is the slots'
                // range); anything else makes no pair.
                let Some(slot) = han_slot(p) else { continue };
                let Some((at, count)) = follows.get_mut(slot) else { continue };
                *count = if *at == now { *count + 1 } else { 1 };
                *at = now;
                let key = PairBits::key(p, c);
                let Some(at) = pairs.slot(key) else { continue };
                if pairs.keys[at] == 0 {
                    pairs.keys[at] = key;
                    taken.push((at, slot));
                    ends.insert(c);
                }
                pairs.values[at] += 1.0;
            }
            // The counts become bits in place.
            for (at, slot) in taken {
                if let Some(&(_, follow)) = follows.get(slot) {
                    pairs.values[at] = cached_bits(pairs.values[at], f64::from(follow));
                }
            }
            TextModel { pairs, ends }
        })
    }

    /// Whether it knows no pair, and so gives [`bits`] unchanged.
    pub(crate) fn is_empty(&self) -> bool {
        self.ends.0.iter().all(|&word| word == 0)
    }

    /// [`bits`], lowered where the text uses the pair.
    #[inline]
    pub(crate) fn bits(&self, prev: Option<char>, c: char) -> f64 {
        let model = bits(prev, c);
        match prev {
            Some(p) if self.ends.contains(c) => self.pairs.get(p, c).map_or(model, |cached| model.min(cached)),
            _ => model,
        }
    }

    /// [`text_bits`] with [`TextModel::bits`]: the sum `model_pick` and
    /// `cheapest_pair_between` (in `remap`) and the content farm's
    /// `LeadFree::score` reproduce term by term, to the bit (`remap` moves
    /// a first term after the end of a clause, `after_clause_bits`).
    pub(crate) fn text_bits(&self, prev: Option<char>, text: impl IntoIterator<Item = char>) -> f64 {
        sum_bits(prev, text, |prev, c| self.bits(prev, c))
    }
}

fn is_common_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '—'
            | '…'
            | '·'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`TextModel::of_document`] as it was before the follow counts moved
    /// to the per-thread array: each pair and, under `(first, NUL)`, what
    /// follows its first character, counted in one table.
    fn of_document_in_one_table(text: &[char]) -> TextModel {
        let listed: Vec<u64> = han_pairs_of(text.iter().copied()).map(|(p, c)| PairBits::key(p, c)).collect();
        let mut pairs = PairBits::with_room_for(2 * listed.len());
        let mut ends = Slots(vec![0; HAN_SLOTS.div_ceil(64)]);
        let mut taken: Vec<usize> = Vec::new();
        for key in listed {
            let follow_key = key & !u64::from(u32::MAX);
            for (key, pair) in [(key, true), (follow_key, false)] {
                let Some(at) = pairs.slot(key) else { continue };
                if pairs.keys[at] == 0 {
                    pairs.keys[at] = key;
                    if pair {
                        taken.push(at);
                        ends.insert(char::from_u32(key as u32).unwrap_or('\0'));
                    }
                }
                pairs.values[at] += 1.0;
            }
        }
        for at in taken {
            let follow_key = pairs.keys[at] & !u64::from(u32::MAX);
            if let Some(follow) = pairs.slot(follow_key).map(|f| pairs.values[f]) {
                pairs.values[at] = cached_bits(pairs.values[at], follow);
            }
        }
        TextModel { pairs, ends }
    }

    #[test]
    fn a_documents_model_is_the_one_table_model_to_the_bit() {
        const PIECES: &[&str] =
            &["小", "區", "學", "和", "的", "中", "國", "㐀", "䶿", "鿿", "一", "，", "?", "a", "\n"];
        let chars: Vec<char> = PIECES.iter().flat_map(|piece| piece.chars()).collect();
        for (round, text) in crate::mixes::text_mixes(PIECES, 5_000, 300, 0x2545_F491_4F6C_DD1D).iter().enumerate() {
            let text: Vec<char> = text.chars().collect();
            // Built twice on this thread: the per-thread counts start afresh.
            let _ = TextModel::of_document(text.iter().copied());
            let model = TextModel::of_document(text.iter().copied());
            let reference = of_document_in_one_table(&text);
            assert_eq!(model.ends.0, reference.ends.0, "round {round}");
            for &a in &chars {
                for &b in &chars {
                    let (got, want) = (model.pairs.get(a, b), reference.pairs.get(a, b));
                    assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "round {round}: {a}{b}");
                    assert_eq!(model.bits(Some(a), b).to_bits(), reference.bits(Some(a), b).to_bits());
                }
            }
        }
    }

    /// A document's model lowers the pairs the document has, to their share
    /// of what follows the first character (weighted), where that beats the
    /// dictionary; other pairs, and pairs across punctuation, are as the
    /// dictionary says.
    #[test]
    fn a_documents_model_knows_its_pairs_and_only_them() {
        let model = TextModel::of_document("小區和小區，小學。區".chars());
        // `小` is followed by `區` twice and `學` once; `區` by `和` once.
        let lowered = |a: char, b: char, seen: f64, follow: f64| bits(Some(a), b).min(cached_bits(seen, follow));
        assert_eq!(model.bits(Some('小'), '區'), lowered('小', '區', 2.0, 3.0));
        assert_eq!(model.bits(Some('小'), '學'), lowered('小', '學', 1.0, 3.0));
        assert_eq!(model.bits(Some('區'), '和'), lowered('區', '和', 1.0, 1.0));
        assert!(model.bits(Some('小'), '區') < bits(Some('小'), '區'), "the page's word is likelier");
        for (a, b) in [('學', '區'), ('區', '小'), ('和', '區')] {
            assert_eq!(model.bits(Some(a), b), bits(Some(a), b), "{a}{b}");
        }
        assert_eq!(model.bits(None, '小'), bits(None, '小'));
        assert!(!model.is_empty() && TextModel::default().is_empty());
        assert!(TextModel::of_document("no Han here, 1, 2".chars()).is_empty());
        // Many pairs, each once: none is lost to a collision in the table,
        // and no pair the text lacks is found.
        let text: Vec<char> = (0x4E00..0x4E00 + 3000).filter_map(char::from_u32).collect();
        let model = TextModel::of_document(text.iter().copied());
        for w in text.windows(2) {
            assert_eq!(model.bits(Some(w[0]), w[1]), lowered(w[0], w[1], 1.0, 1.0), "{w:?}");
            assert_eq!(model.bits(Some(w[1]), w[0]), bits(Some(w[1]), w[0]), "{w:?}");
        }
    }

    /// What follows a character in the news text: `是` often stands before
    /// a number, `昂` (of `昂贵`) never; `了` ends sentences, `和` never.
    #[test]
    fn the_breaks_after_a_character_are_the_news_texts() {
        assert!(bits_before_break('是', '3') + 2.0 < bits_before_break('昂', '3'));
        assert!(bits_before_break('了', '.') + 2.0 < bits_before_break('和', '.'));
        // Not a break, or not Han: nothing, or the bits after any character.
        assert_eq!(bits_before_break('是', 'a'), 0.0);
        assert_eq!(bits_before_break('是', '的'), 0.0);
        assert_eq!(bits_before_break('，', ','), model().break_prior_bits[1]);
        assert!(model().break_prior_bits.iter().all(|&b| b > 0.0));
    }

    /// The tables the build script wrote are the ones the counts give, to
    /// the bit, and read back whole; anything else is refused.
    #[test]
    fn the_embedded_tables_are_the_ones_the_counts_give() {
        let built = Model::build(DATA).to_bytes();
        assert!(built == TABLES, "the embedded tables differ from those data/charlm.txt gives");
        assert!(Model::from_bytes(TABLES).is_some_and(|m| m.to_bytes() == TABLES));
        assert!(Model::from_bytes(&TABLES[..TABLES.len() - 1]).is_none());
        assert!(Model::from_bytes(&[TABLES, &[0]].concat()).is_none());
        assert!(Model::from_bytes(b"corpusmill-lm 0\n").is_none());
        // A negative or NaN bit, which the repair's searches may not meet:
        // the first pair's bits follow the magic, the Han stats and the filter.
        let first_bits =
            MAGIC.len() + 8 + HAN_SLOTS * HanStats::VALUES * 8 + BREAKS.len() * 8 + 8 + FILTER_WORDS * 8 + 8;
        for bad in [-1.0f64, f64::NAN] {
            let mut bytes = TABLES.to_vec();
            bytes[first_bits..first_bits + 8].copy_from_slice(&bad.to_bits().to_le_bytes());
            assert!(Model::from_bytes(&bytes).is_none(), "{bad}");
        }
        let mut bytes = TABLES.to_vec();
        bytes[first_bits..first_bits + 8].copy_from_slice(&1.5f64.to_bits().to_le_bytes());
        assert!(Model::from_bytes(&bytes).is_some(), "the offset is that of a pair's bits");
    }

    #[test]
    fn records_are_the_lines_split_at_tabs() {
        let data = "U\t中\t12\nB\t中国\t7\textra\r\n\nbad line\nX\tonly\nB\t国人\t\t\nU\tA\t3";
        let expected: Vec<(&str, &str, &str)> = data
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                Some((fields.next()?, fields.next()?, fields.next()?))
            })
            .collect();
        assert_eq!(records(data).collect::<Vec<_>>(), expected);
        assert_eq!(records(DATA).count(), DATA.lines().filter(|l| l.split('\t').count() >= 3).count());
    }

    #[test]
    fn a_word_costs_less_than_a_homophone_pair_that_is_none() {
        assert!(text_bits(None, "大學".chars()) + 5.0 < text_bits(None, "大奧".chars()));
        assert!(text_bits(None, "大学".chars()) + 5.0 < text_bits(None, "大奥".chars()));
        assert!(bits(Some('儘'), '早') + 5.0 < bits(Some('儘'), '荤'));
    }

    #[test]
    fn every_pair_of_the_dictionary_is_found_with_its_last_count() {
        let m = model();
        let mut last = HashMap::new();
        for (tag, key, count) in records(DATA) {
            let mut chars = key.chars();
            if let ("B", Some(a), Some(b), None, Some(count)) =
                (tag, chars.next(), chars.next(), chars.next(), parse_count(count))
            {
                if is_han(a) && is_han(b) {
                    last.insert((a, b), count);
                }
            }
        }
        assert!(last.len() > 100_000);
        for (&(a, b), &seen) in &last {
            assert_eq!(m.bigram_bits.get(a, b), Some(bigram_bits(m, a, b, seen)), "{a}{b}");
        }
    }

    #[test]
    fn a_pair_table_keeps_the_last_value_and_finds_nothing_else() {
        let mut table = PairTable::with_room_for(3);
        table.insert('中', '国', 1.0);
        table.insert('中', '国', 2.0);
        table.insert('国', '中', 3.0);
        table.insert('a', '国', 4.0);
        assert_eq!(table.get('中', '国'), Some(2.0));
        assert_eq!(table.get('国', '中'), Some(3.0));
        assert_eq!(table.get('a', '国'), None);
        assert_eq!(table.get('中', '中'), None);
        assert_eq!(table.get('\u{9FFF}', '\u{9FFF}'), None);
    }

    #[test]
    fn unseen_pairs_cost_the_backed_off_estimate() {
        let m = model();
        let mut checked = 0;
        for a in ['的', '國', '㐀', '\u{9FFF}', '鼹'] {
            for code in (FIRST_HAN..=LAST_HAN).step_by(97) {
                let Some(b) = char::from_u32(code).filter(|&b| is_han(b)) else { continue };
                if m.bigram_bits.get(a, b).is_some() {
                    continue;
                }
                let (fast, full) = (unseen_bigram_bits(m, a, b), bigram_bits(m, a, b, 0.0));
                assert!((fast - full).abs() < 1e-9, "{a}{b}: {fast} vs {full}");
                assert_eq!(bits(Some(a), b), fast);
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn a_texts_own_pairs_lower_their_bits_and_nothing_else() {
        let text = TextModel::of("微信，微信和微博\u{FFFD}信。a b", &['信', '俄'], &[]);
        // Two thirds of what follows 微 in the text is 信.
        let cached = -(TEXT_WEIGHT * 2.0 / 3.0).log2();
        assert!((text.bits(Some('微'), '信') - bits(Some('微'), '信').min(cached)).abs() < 1e-12);
        assert!(text.bits(Some('博'), '信') == bits(Some('博'), '信'), "no pair across U+FFFD");
        assert!(text.bits(Some('往'), '俄') == bits(Some('往'), '俄'));
        assert!(text.bits(None, '信') == bits(None, '信'));
        assert!(text.bits(Some('a'), 'b') == bits(Some('a'), 'b'));
        let word = ['微', '信', '號'];
        let sum: f64 =
            [text.bits(Some('的'), '微'), text.bits(Some('微'), '信'), text.bits(Some('信'), '號')].iter().sum();
        assert!((text.text_bits(Some('的'), word) - sum).abs() < 1e-12);
        assert!(TextModel::default().text_bits(Some('的'), word) == text_bits(Some('的'), word));
        // Only pairs holding a candidate are kept, with what follows their
        // first character counted over the whole text.
        let only = TextModel::of("微信，微信和微博\u{FFFD}信。a b", &['博'], &[]);
        assert!(only.bits(Some('微'), '信') == bits(Some('微'), '信'));
        let cached = -(TEXT_WEIGHT / 3.0).log2();
        assert!((only.bits(Some('微'), '博') - bits(Some('微'), '博').min(cached)).abs() < 1e-12);
        // A pair the dictionary knows well costs less than any cached one:
        // the cache never raises it.
        let common = TextModel::of("我们，我们，我们", &['们'], &[]);
        assert!(bits(Some('我'), '们') < -TEXT_WEIGHT.log2());
        assert!(common.bits(Some('我'), '们') == bits(Some('我'), '们'));
        // Characters at the offsets left out (guessed for a lost byte) make no pair.
        let guessed = TextModel::of("柳塘社區，柳塘", &['塘'], &["柳塘社區，".len()]);
        let cached = -(TEXT_WEIGHT * 1.0).log2();
        assert!((guessed.bits(Some('柳'), '塘') - bits(Some('柳'), '塘').min(cached)).abs() < 1e-12);
        let none = TextModel::of("柳塘社區，柳塘", &['塘'], &[0, "柳塘社區，".len()]);
        assert!(none.bits(Some('柳'), '塘') == bits(Some('柳'), '塘'));
        assert!(none.bits(Some('柳'), '塘') > guessed.bits(Some('柳'), '塘'));
    }

    #[test]
    fn common_characters_cost_less_than_rare_ones() {
        assert!(bits(None, '的') < bits(None, '鼹'));
        assert!(bits(None, '\u{9FA5}') > 15.0);
        assert!(bits(Some('的'), '，') < bits(Some('個'), '｀'));
    }
}
