//! XXH3-64 (seed 0) of short ASCII words, lowercased on the fly: the same
//! value as `xxhash_rust::xxh3::xxh3_64` of the lowercased word, without
//! copying it to lowercase it and without the length dispatch of the general
//! function. Words of up to 16 bytes (nearly all) take this path; the
//! constants are the default secret's words the short paths read (checked
//! against the library on every length in the tests).

use crate::text::swar;

/// Longest word hashed here, in bytes.
pub(super) const MAX_LEN: usize = 16;

/// `secret[0..4] ^ secret[4..8]` (lengths 1 to 3).
const FLIP_1TO3: u64 = 0x8727_5a9b;
/// `secret[8..16] ^ secret[16..24]` (lengths 4 to 8).
const FLIP_4TO8: u64 = 0xc73a_b174_c5ec_d5a2;
/// `secret[24..32] ^ secret[32..40]` (lengths 9 to 16, first word).
const FLIP_9TO16_LO: u64 = 0x6782_737b_ea42_39b9;
/// `secret[40..48] ^ secret[48..56]` (lengths 9 to 16, last word).
const FLIP_9TO16_HI: u64 = 0xaf56_bc3b_0996_523a;

/// XXH3-64 of `word` with its ASCII capitals lowered (`lower`) or as is.
/// `word` is 1 to [`MAX_LEN`] bytes.
#[inline]
pub(super) fn hash_short(word: &[u8], lower: bool) -> u64 {
    let len = word.len();
    debug_assert!((1..=MAX_LEN).contains(&len));
    let fold = |w: u64| if lower { swar::ascii_lowercase(w) } else { w };
    if len > 8 {
        let lo = fold(read64(word, 0)) ^ FLIP_9TO16_LO;
        let hi = fold(read64(word, len - 8)) ^ FLIP_9TO16_HI;
        let product = u128::from(lo) * u128::from(hi);
        let acc = (len as u64)
            .wrapping_add(lo.swap_bytes())
            .wrapping_add(hi)
            .wrapping_add(product as u64 ^ (product >> 64) as u64);
        avalanche(acc)
    } else if len >= 4 {
        // both halves lowered at once (the lanes of a fold are independent)
        let both = fold(u64::from(read32(word, 0)) | u64::from(read32(word, len - 4)) << 32);
        let (first, last) = (both & 0xffff_ffff, both >> 32);
        let keyed = last.wrapping_add(first << 32) ^ FLIP_4TO8;
        strong_avalanche(keyed, len as u64)
    } else {
        // the bytes laid out as XXH3 combines them, the length among
        // them: lowering capitals leaves a byte of 1 to 3 as it is
        let combo = fold(
            u64::from(word[0]) << 16
                | u64::from(word[len >> 1]) << 24
                | u64::from(word[len - 1])
                | (len as u64) << 8,
        );
        xxh64_avalanche(combo ^ FLIP_1TO3)
    }
}

/// XXH3-64 of the eight little-endian bytes of `x` (the 4-to-8-byte path
/// of [`hash_short`] with both halves known).
#[inline]
pub(super) fn hash_u64(x: u64) -> u64 {
    // first half (bytes 0..4) high, last half (bytes 4..8) low
    strong_avalanche(x.rotate_left(32) ^ FLIP_4TO8, 8)
}

fn read64(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

fn read32(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 37;
    h = h.wrapping_mul(0x1656_6791_9E37_79F9);
    h ^ (h >> 32)
}

fn strong_avalanche(mut h: u64, len: u64) -> u64 {
    h ^= h.rotate_left(49) ^ h.rotate_left(24);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^= (h >> 35).wrapping_add(len);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^ (h >> 28)
}

fn xxh64_avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^= h >> 29;
    h = h.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    #[test]
    fn equals_the_library_on_every_length_and_case() {
        let text = "The QUICK brown fox JUMPS over the lazy dog 0123456789 @[`{ AZaz";
        for len in 1..=MAX_LEN {
            for start in 0..text.len() - len {
                let word = &text.as_bytes()[start..start + len];
                let lower = word.to_ascii_lowercase();
                assert_eq!(hash_short(word, false), xxh3_64(word), "{word:?}");
                assert_eq!(hash_short(word, true), xxh3_64(&lower), "{word:?} lowered");
            }
        }
    }

    #[test]
    fn eight_bytes_hash_as_the_library() {
        for x in [0, 1, u64::MAX, 0x0123_4567_89ab_cdef, 1 << 32, 0xffff_ffff] {
            assert_eq!(hash_u64(x), xxh3_64(&x.to_le_bytes()), "{x:#x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_u64_hashes_as_the_library(x: u64) {
            proptest::prop_assert_eq!(hash_u64(x), xxh3_64(&x.to_le_bytes()));
        }


        #[test]
        fn any_ascii_word_hashes_as_the_library(word in "[ -~]{1,16}") {
            let lower = word.to_ascii_lowercase();
            proptest::prop_assert_eq!(hash_short(word.as_bytes(), true), xxh3_64(lower.as_bytes()));
            proptest::prop_assert_eq!(hash_short(word.as_bytes(), false), xxh3_64(word.as_bytes()));
        }
    }
}
