//! Duplicates: paragraphs repeated inside an article, and near-identical
//! articles inside a run.
//!
//! Repeated paragraphs (a scraper's doubled block) are dropped after their
//! first occurrence, compared exactly after normalisation; short lines are
//! never dropped. Near-identical articles are found with a 64-bit SimHash over
//! word 3-shingles, indexed in four 16-bit bands so that any two fingerprints
//! within 3 bits share a band (compact run-wide state: 8 bytes, four links
//! and an id per article).

mod simhash;
mod xxh3;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};

pub use simhash::simhash;

/// Keeps each paragraph once; returns the kept paragraphs and how many were
/// dropped. Paragraphs shorter than `min_chars` characters are always kept.
pub fn dedup_paragraphs<'a>(paragraphs: &[&'a str], min_chars: usize) -> (Vec<&'a str>, usize) {
    let mut seen: HashSet<Paragraph, BuildHasherDefault<Prehashed>> =
        HashSet::with_capacity_and_hasher(paragraphs.len(), Default::default());
    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut dropped = 0;
    for p in paragraphs {
        // a paragraph has at most as many characters as bytes, and at least
        // a quarter as many (characters are 1 to 4 bytes long)
        let long =
            p.len() >= min_chars && (p.len() >= 4 * min_chars || p.chars().count() >= min_chars);
        if long && !seen.insert(Paragraph::new(p)) {
            dropped += 1;
        } else {
            kept.push(*p);
        }
    }
    (kept, dropped)
}

/// A paragraph as a set key, compared by text. Its hash reads only its
/// length and its first and last eight bytes: paragraphs that differ
/// nearly always differ there, and a hash of every byte would cost more
/// than the comparisons of the rare paragraphs that share them.
#[derive(PartialEq, Eq)]
struct Paragraph<'a> {
    hash: u64,
    text: &'a str,
}

impl<'a> Paragraph<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let word = |at: usize| {
            let mut w = [0u8; 8];
            let part = &bytes[at.min(bytes.len())..bytes.len().min(at + 8)];
            w[..part.len()].copy_from_slice(part);
            u64::from_le_bytes(w)
        };
        let ends = [word(0), word(bytes.len().saturating_sub(8))];
        Paragraph {
            hash: hash_u64s(bytes.len() as u64, ends),
            text,
        }
    }
}

/// A hash of a length and two words: a multiply-fold mix (the set's
/// buckets are chosen from the low bits, its tags from the high ones).
fn hash_u64s(len: u64, [a, b]: [u64; 2]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let fold = |x: u64, y: u64| {
        let p = u128::from(x) * u128::from(y ^ K);
        (p as u64) ^ (p >> 64) as u64
    };
    fold(fold(a ^ len, b), K.rotate_left(17) ^ len)
}

impl Hash for Paragraph<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The hasher of [`Paragraph`] keys, which carry their own XXH3 hash: it
/// is used as is rather than hashed again (also the article ids' hashes
/// in [`crate::text::ids`]).
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // only `write_u64` is called (by `Paragraph::hash`); fold anything else
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

/// Buckets of one band: one per value of its 16 bits.
const BUCKETS: usize = 1 << 16;

/// No entry (end of a bucket's chain).
const NONE: u32 = u32::MAX;

/// Run-wide index of article fingerprints, fed in input order.
///
/// Each band's buckets are chains through the entries (a head per bucket,
/// a link per entry and band) rather than a map of vectors, and the ids
/// share one text buffer: about 50 bytes an article instead of 300.
#[derive(Debug, Default)]
pub struct NearDuplicateIndex {
    /// Per band, per bucket: the latest entry in it (allocated with the
    /// first entry).
    heads: Vec<u32>,
    /// Per entry, per band: the previous entry of its bucket.
    links: Vec<[u32; 4]>,
    fingerprints: Vec<u64>,
    /// Every entry's id, one after the other, and where each one ends.
    ids: String,
    ends: Vec<usize>,
    max_bits: u32,
}

impl NearDuplicateIndex {
    /// An empty index that calls two fingerprints near-identical within
    /// `max_bits` differing bits (at most 3 is guaranteed to be found).
    pub fn new(max_bits: u32) -> Self {
        NearDuplicateIndex {
            max_bits,
            ..Default::default()
        }
    }

    /// The bucket of `hash` in band `band`.
    fn bucket(band: usize, hash: u64) -> usize {
        band * BUCKETS + usize::from((hash >> (16 * band)) as u16)
    }

    /// Returns the id of the earliest indexed article near-identical to this
    /// fingerprint, then indexes it under `id`.
    pub fn check_and_insert(&mut self, hash: u64, id: &str) -> Option<String> {
        if self.heads.is_empty() {
            self.heads = vec![NONE; 4 * BUCKETS];
        }
        let mut best: Option<u32> = None;
        for band in 0..4 {
            let mut i = self.heads[Self::bucket(band, hash)];
            while i != NONE {
                if (self.fingerprints[i as usize] ^ hash).count_ones() <= self.max_bits
                    && best.is_none_or(|b| i < b)
                {
                    best = Some(i);
                }
                i = self.links[i as usize][band];
            }
        }
        let idx = self.fingerprints.len() as u32;
        let mut links = [NONE; 4];
        for (band, link) in links.iter_mut().enumerate() {
            let head = &mut self.heads[Self::bucket(band, hash)];
            *link = *head;
            *head = idx;
        }
        self.links.push(links);
        self.fingerprints.push(hash);
        self.ids.push_str(id);
        self.ends.push(self.ids.len());
        best.map(|i| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            self.ids[start..self.ends[i]].to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_paragraphs_are_dropped_once_each() {
        let a = "La Russie, premier pays à reconnaître officiellement l’AES.";
        let b = "Elle les a reçus avec tous les honneurs ce jeudi 3 avril.";
        let (kept, dropped) = dedup_paragraphs(&[a, b, "Court.", a, "Court.", b], 20);
        assert_eq!(kept, vec![a, b, "Court.", "Court."]);
        assert_eq!(dropped, 2);
    }

    #[test]
    fn paragraphs_alike_at_both_ends_are_told_apart() {
        // same length, same first and last eight bytes: the same hash
        let cases = [
            (
                "fr",
                "Le ministre a reçu lundi son homologue malien à Paris.",
                "Le ministre a reçu mardi son homologue malien à Paris.",
            ),
            (
                "en",
                "The minister met his Malian counterpart in Paris on Monday.",
                "The minister met his Nigerien counterpart in Paris on Monday.",
            ),
            ("short_min", "Oui, non.", "Oui, non."),
        ];
        for (name, a, b) in cases {
            let (kept, dropped) = dedup_paragraphs(&[a, b, a, b], 5);
            let want = if a == b { vec![a] } else { vec![a, b] };
            assert_eq!(
                (kept, dropped),
                (want.clone(), 4 - want.len()),
                "case {name}"
            );
        }
    }

    #[test]
    fn near_identical_articles_are_linked_to_the_first() {
        let base = "Le ministre russe des Affaires étrangères a promis lors de sa visite à Bamako l'aide de Moscou aux pays du Sahel face aux jihadistes et la poursuite du soutien militaire au Mali avec des livraisons d'armements et l'envoi de centaines d'hommes selon la presse locale et plusieurs diplomates présents sur place hier.";
        let variant = base.replace("hier.", "hier soir.");
        let other = "The European Union announced new sanctions against several companies accused of supplying drones, and the ministers met in Brussels on Monday to discuss a separate trade agreement with partners in Asia and Latin America.";
        let mut idx = NearDuplicateIndex::new(3);
        assert_eq!(idx.check_and_insert(simhash(base), "a"), None);
        assert_eq!(idx.check_and_insert(simhash(other), "b"), None);
        let h = simhash(&variant);
        assert!(
            (h ^ simhash(base)).count_ones() <= 3,
            "variant differs by {} bits",
            (h ^ simhash(base)).count_ones()
        );
        assert_eq!(idx.check_and_insert(h, "c"), Some("a".to_string()));
    }
}
