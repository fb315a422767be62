//! Duplicates: paragraphs repeated inside an article, and near-identical
//! articles inside a run.
//!
//! Repeated paragraphs (a scraper's doubled block) are dropped after their
//! first occurrence, compared exactly after normalisation; short lines are
//! never dropped. Near-identical articles are found with a 64-bit SimHash over
//! word 3-shingles, indexed in four 16-bit bands so that any two fingerprints
//! within 3 bits share a band (compact run-wide state: 8 bytes and an id per
//! article).

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

/// Keeps each paragraph once; returns the kept paragraphs and how many were
/// dropped. Paragraphs shorter than `min_chars` characters are always kept.
pub fn dedup_paragraphs<'a>(paragraphs: &[&'a str], min_chars: usize) -> (Vec<&'a str>, usize) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut dropped = 0;
    for p in paragraphs {
        if p.chars().count() >= min_chars && !seen.insert(p) {
            dropped += 1;
        } else {
            kept.push(*p);
        }
    }
    (kept, dropped)
}

/// 64-bit SimHash of a text's lowercase word 3-shingles.
///
/// Words are hashed once each (lowercased on the fly, no allocation per
/// word) and a shingle's hash combines its three word hashes.
pub fn simhash(text: &str) -> u64 {
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6);
    let mut buf = String::with_capacity(32);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        words.push(xxh3_64(buf.as_bytes()));
    }
    let mut counts = [0i32; 64];
    let mut add = |h: u64| {
        for (bit, c) in counts.iter_mut().enumerate() {
            *c += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    };
    if words.len() < 3 {
        words.iter().for_each(|h| add(*h));
    } else {
        for w in words.windows(3) {
            let h = w[0].rotate_left(21) ^ w[1].rotate_left(42) ^ w[2];
            // a final mix so that shingle bits are independent
            add(xxh3_64(&h.to_le_bytes()));
        }
    }
    counts.iter().enumerate().fold(
        0u64,
        |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc },
    )
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
