//! The hasher of the aggregates' maps, keyed by the run's own ids, interned
//! strings and small integer tuples: eight bytes per step (FxHash's
//! rotate, xor, multiply), where FNV takes a multiplication per byte (a
//! 16-byte actor id cost about 80 instructions to hash). The keys come from
//! the run's tables, not from an adversary, and every map's contents are
//! sorted before they reach an output, so neither flooding nor iteration
//! order is a concern.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map with [`WordHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A set with [`WordHasher`].
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// FxHash's multiplier.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Hashes eight bytes at a time.
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut tail = [0u8; 8];
            tail[..rest.len()].copy_from_slice(rest);
            // the length tells "a" from "a\0"
            self.add(u64::from_le_bytes(tail) ^ (rest.len() as u64) << 56);
        }
    }

    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.add(u64::from(v));
    }

    #[inline]
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }

    #[inline]
    fn write_i32(&mut self, v: i32) {
        self.add(u64::from(v as u32));
    }

    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn keys_that_differ_hash_apart_and_maps_find_them() {
        let build = BuildHasherDefault::<WordHasher>::default();
        let keys = [
            "",
            "a",
            "a\0",
            "ab",
            "abcdefgh",
            "abcdefgh\0",
            "Aeeb1c2d3e4f5a6b7",
        ];
        for x in keys {
            for y in keys {
                if x != y {
                    assert_ne!(build.hash_one(x), build.hash_one(y), "{x:?} {y:?}");
                }
            }
        }
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..10_000 {
            map.insert(format!("A{i:015x}"), i);
        }
        assert!((0..10_000).all(|i| map.get(&format!("A{i:015x}")) == Some(&i)));
    }
}
