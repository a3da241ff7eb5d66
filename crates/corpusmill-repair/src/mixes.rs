//! Deterministic random texts for the differential tests: each a run of
//! pieces picked by a xorshift generator, so a failure names its input and
//! reproduces.

/// `count` concatenations of pieces; each holds fewer than `max_pieces`.
pub(crate) fn byte_mixes(pieces: &[&[u8]], count: usize, max_pieces: u64, mut seed: u64) -> Vec<Vec<u8>> {
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut mixes = Vec::with_capacity(count);
    for _ in 0..count {
        // A step of the generator per mix too: a mix of no pieces must not
        // leave it where it was, or every mix after it would be empty.
        let mut mix = Vec::new();
        for _ in 0..next() % max_pieces {
            mix.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        mixes.push(mix);
    }
    mixes
}

/// [`byte_mixes`] of text pieces, as text.
pub(crate) fn text_mixes(pieces: &[&str], count: usize, max_pieces: u64, seed: u64) -> Vec<String> {
    let pieces: Vec<&[u8]> = pieces.iter().map(|p| p.as_bytes()).collect();
    byte_mixes(&pieces, count, max_pieces, seed)
        .into_iter()
        .map(|mix| String::from_utf8(mix).unwrap_or_default())
        .collect()
}
