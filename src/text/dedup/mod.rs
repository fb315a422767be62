//! Duplicates: paragraphs repeated inside an article, and near-identical
//! articles inside a run.
//!
//! Repeated paragraphs (a scraper's doubled block) are dropped after their
//! first occurrence, compared exactly after normalisation; short lines are
//! never dropped. Near-identical articles are found with a 64-bit SimHash over
//! word 3-shingles, indexed in four 16-bit bands so that any two fingerprints
//! within 3 bits share a band (compact run-wide state: 8 bytes and an id per
//! article).

mod simhash;
mod xxh3;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use xxhash_rust::xxh3::xxh3_64;

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

/// A paragraph as a set key: hashed once with XXH3 (paragraphs are long,
/// SipHash over their bytes would dominate), compared by text.
#[derive(PartialEq, Eq)]
struct Paragraph<'a> {
    hash: u64,
    text: &'a str,
}

impl<'a> Paragraph<'a> {
    fn new(text: &'a str) -> Self {
        Paragraph {
            hash: xxh3_64(text.as_bytes()),
            text,
        }
    }
}

impl Hash for Paragraph<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The hasher of [`Paragraph`] keys, which carry their own XXH3 hash: it
/// is used as is rather than hashed again.
#[derive(Default)]
struct Prehashed(u64);

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

/// Run-wide index of article fingerprints, fed in input order.
#[derive(Debug, Default)]
pub struct NearDuplicateIndex {
    bands: HashMap<(u8, u16), Vec<usize>>,
    entries: Vec<(u64, String)>,
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

    /// Returns the id of the earliest indexed article near-identical to this
    /// fingerprint, then indexes it under `id`.
    pub fn check_and_insert(&mut self, hash: u64, id: &str) -> Option<String> {
        let mut best: Option<usize> = None;
        for band in 0..4u8 {
            let key = (band, (hash >> (16 * band as u64)) as u16);
            if let Some(list) = self.bands.get(&key) {
                for &i in list {
                    if (self.entries[i].0 ^ hash).count_ones() <= self.max_bits
                        && best.is_none_or(|b| i < b)
                    {
                        best = Some(i);
                    }
                }
            }
        }
        let idx = self.entries.len();
        self.entries.push((hash, id.to_string()));
        for band in 0..4u8 {
            self.bands
                .entry((band, (hash >> (16 * band as u64)) as u16))
                .or_default()
                .push(idx);
        }
        best.map(|i| self.entries[i].1.clone())
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
