//! A compact set of a run's article ids, each numbered in arrival order.
//!
//! A run keeps every article id it has seen (to rename repeated ids, to
//! link near-duplicates, to resolve families); as `String`s in hash maps
//! that cost about 100 bytes an article, three times over. Here the ids are
//! one text buffer and an offset each, found by a 64-bit hash of the id;
//! the rare id whose hash another id already has goes in a small overflow
//! map, so lookups stay exact. About 40 bytes an id.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use xxhash_rust::xxh3::xxh3_64;

use super::dedup::Prehashed;

/// Article ids numbered 0, 1, ... in the order first inserted.
#[derive(Debug)]
pub struct IdIndex {
    /// The hash of an id (xxh3; tests force collisions).
    hash: fn(&[u8]) -> u64,
    /// Every id, one after the other.
    text: String,
    /// End of each id in `text`.
    ends: Vec<usize>,
    /// Hash of an id → the first id with that hash.
    by_hash: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Ids whose hash an earlier, different id has.
    overflow: HashMap<Box<str>, u32>,
}

impl Default for IdIndex {
    fn default() -> Self {
        IdIndex {
            hash: xxh3_64,
            text: String::new(),
            ends: Vec::new(),
            by_hash: HashMap::default(),
            overflow: HashMap::new(),
        }
    }
}

impl IdIndex {
    /// An empty index.
    pub fn new() -> IdIndex {
        IdIndex::default()
    }

    /// Ids so far.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True before the first id.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Id number `i`.
    pub fn id(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The number of `id`, when it was inserted.
    pub fn get(&self, id: &str) -> Option<u32> {
        let &first = self.by_hash.get(&(self.hash)(id.as_bytes()))?;
        if self.id(first) == id {
            return Some(first);
        }
        self.overflow.get(id).copied()
    }

    /// Inserts `id`: its number, and whether it is new.
    pub fn insert(&mut self, id: &str) -> (u32, bool) {
        let n = self.ends.len() as u32;
        match self.by_hash.entry((self.hash)(id.as_bytes())) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(n);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = *e.get();
                if self.id(first) == id {
                    return (first, false);
                }
                if let Some(&i) = self.overflow.get(id) {
                    return (i, false);
                }
                self.overflow.insert(id.into(), n);
            }
        }
        self.text.push_str(id);
        self.ends.push(self.text.len());
        (n, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_once_in_arrival_order() {
        let mut ids = IdIndex::new();
        assert_eq!(ids.insert("b7"), (0, true));
        assert_eq!(ids.insert(""), (1, true));
        assert_eq!(ids.insert("a1"), (2, true));
        assert_eq!(ids.insert("b7"), (0, false));
        assert_eq!(ids.get("a1"), Some(2));
        assert_eq!(ids.get("zz"), None);
        assert_eq!((ids.id(0), ids.id(1), ids.id(2)), ("b7", "", "a1"));
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn ids_sharing_a_hash_stay_apart() {
        // every id on one hash: the overflow map keeps lookups exact
        let mut ids = IdIndex {
            hash: |_| 7,
            ..IdIndex::new()
        };
        for (n, id) in ["x", "y", "z"].into_iter().enumerate() {
            assert_eq!(ids.insert(id), (n as u32, true), "{id}");
        }
        for (n, id) in ["x", "y", "z"].into_iter().enumerate() {
            assert_eq!(ids.insert(id), (n as u32, false), "{id} again");
            assert_eq!(ids.get(id), Some(n as u32), "{id}");
        }
        assert_eq!(ids.get("w"), None);
        assert_eq!(ids.id(2), "z");
    }
}
