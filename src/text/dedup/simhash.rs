//! The SimHash fingerprint of an article's text (see [`simhash`]).

use xxhash_rust::xxh3::xxh3_64;

use super::xxh3::{MAX_LEN, hash_short, hash_u64};
use crate::text::words::{for_each_word, is_own_lowercase};

/// 64-bit SimHash of a text's lowercase word 3-shingles.
///
/// A word is a run of alphanumeric characters, lowercased and hashed with
/// XXH3; a shingle's hash mixes its three word hashes. Texts of fewer than
/// three words use the word hashes themselves. Words of up to 16 bytes
/// whose only capitals are ASCII (nearly all) are hashed in registers,
/// lowercased on the fly; nothing is allocated per word.
pub fn simhash(text: &str) -> u64 {
    let mut lower = String::new();
    let bytes = text.as_bytes();
    // the word hashes first, then the shingles in a loop of their own
    // (each loop keeps its state in registers); a word takes at least two
    // bytes with the gap after it, so the list never grows
    let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 2 + 1);
    for_each_word(text, |start, end, plain| {
        hashes.push(if plain && end - start <= MAX_LEN {
            // folding ASCII capitals never touches the bytes of a wider
            // character (all 0x80 and up)
            hash_short(&bytes[start..end], true)
        } else {
            hash_lowercase(&text[start..end], &mut lower)
        });
    });
    fingerprint(&hashes)
}

/// The majority bits of the shingle hashes of a text's word hashes (of
/// the word hashes themselves when there are fewer than three).
fn fingerprint(words: &[u64]) -> u64 {
    let mut counter = BitCounter::default();
    let Some(n) = words.len().checked_sub(2).filter(|&n| n > 0) else {
        words.iter().for_each(|&h| counter.add(h));
        return counter.majority();
    };
    // eight shingles from ten words at fixed places: one bounds check
    let mut i = 0;
    while i + 8 <= n {
        let Ok(w) = <&[u64; 10]>::try_from(&words[i..i + 10]) else {
            unreachable!("a slice of ten words")
        };
        counter.count_eight(std::array::from_fn(|k| shingle(w[k], w[k + 1], w[k + 2])));
        i += 8;
    }
    for w in words[i..].windows(3) {
        counter.add(shingle(w[0], w[1], w[2]));
    }
    counter.majority()
}

/// The hash of the shingle of three word hashes, in text order (a final
/// mix so that shingle bits are independent).
#[inline(always)]
fn shingle(first: u64, second: u64, third: u64) -> u64 {
    hash_u64(first.rotate_left(21) ^ second.rotate_left(42) ^ third)
}

/// XXH3 of a word's lowercase (the words [`hash_short`] does not take).
#[inline(never)]
fn hash_lowercase(word: &str, buf: &mut String) -> u64 {
    if word.chars().all(is_own_lowercase) {
        return xxh3_64(word.as_bytes());
    }
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    xxh3_64(buf.as_bytes())
}

/// Per-bit counts of the hashes added. Hashes are counted eight at a time
/// by a carry-save adder tree over bit slices (Harley-Seal): `ones`, `twos`
/// and `fours` hold bit `i`'s count modulo 8 in binary, and each group of
/// eight hands its carries (weight 8) to 8-bit lanes, which update eight
/// bit counts with one addition.
struct BitCounter {
    /// Hashes added but not counted yet (the first `n_waiting`).
    waiting: [u64; 8],
    n_waiting: usize,
    /// Bit `i` of `ones`, `twos`, `fours`: bits 0, 1, 2 of bit `i`'s count.
    ones: u64,
    twos: u64,
    fours: u64,
    /// Byte `k` of `lanes[m]`: how many eights of bit `8m + k` are pending.
    lanes: [u64; 8],
    /// Eights in `lanes` (flushed to `eights` before a lane can overflow).
    pending: u32,
    /// Per bit, the eights flushed from `lanes`.
    eights: [u32; 64],
    /// Hashes counted (the waiting ones aside).
    counted: u32,
}

impl Default for BitCounter {
    fn default() -> Self {
        BitCounter {
            waiting: [0; 8],
            n_waiting: 0,
            ones: 0,
            twos: 0,
            fours: 0,
            lanes: [0; 8],
            pending: 0,
            eights: [0; 64],
            counted: 0,
        }
    }
}

/// `SPREAD[b]` has byte `k` set to bit `k` of `b`.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            t[b] |= ((b as u64 >> k) & 1) << (8 * k);
            k += 1;
        }
        b += 1;
    }
    t
};

/// Carry-save addition of three bit slices: (carries, sums).
#[inline(always)]
fn csa(a: u64, b: u64, c: u64) -> (u64, u64) {
    let u = a ^ b;
    ((a & b) | (u & c), u ^ c)
}

impl BitCounter {
    #[inline]
    fn add(&mut self, h: u64) {
        self.waiting[self.n_waiting] = h;
        self.n_waiting += 1;
        if self.n_waiting == 8 {
            self.count_waiting();
        }
    }

    fn count_waiting(&mut self) {
        self.n_waiting = 0;
        self.count_eight(self.waiting);
    }

    /// Counts eight hashes at once.
    #[inline(always)]
    fn count_eight(&mut self, w: [u64; 8]) {
        self.counted += 8;
        let (twos_a, ones) = csa(self.ones, w[0], w[1]);
        let (twos_b, ones) = csa(ones, w[2], w[3]);
        let (fours_a, twos) = csa(self.twos, twos_a, twos_b);
        let (twos_a, ones) = csa(ones, w[4], w[5]);
        let (twos_b, ones) = csa(ones, w[6], w[7]);
        let (fours_b, twos) = csa(twos, twos_a, twos_b);
        let (eights, fours) = csa(self.fours, fours_a, fours_b);
        (self.ones, self.twos, self.fours) = (ones, twos, fours);
        for (m, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[(eights >> (8 * m)) as u8 as usize];
        }
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (m, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.eights[8 * m + k] += (*lane >> (8 * k)) as u32 & 0xff;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The fingerprint: bit `i` is set when more than half of the hashes
    /// added have it set.
    fn majority(mut self) -> u64 {
        self.flush();
        let waiting = &self.waiting[..self.n_waiting];
        (0..64).fold(0u64, |acc, bit| {
            let at = |x: u64| (x >> bit) as u32 & 1;
            let n = 8 * self.eights[bit]
                + 4 * at(self.fours)
                + 2 * at(self.twos)
                + at(self.ones)
                + waiting.iter().map(|&h| at(h)).sum::<u32>();
            if 2 * n > self.counted + waiting.len() as u32 {
                acc | 1 << bit
            } else {
                acc
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first implementation (a word list, then windows), which the
    /// streaming one must reproduce bit for bit: fingerprints are compared
    /// across runs.
    fn reference(text: &str) -> u64 {
        let mut words: Vec<u64> = Vec::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            words.push(xxh3_64(lower.as_bytes()));
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
                add(xxh3_64(
                    &(w[0].rotate_left(21) ^ w[1].rotate_left(42) ^ w[2]).to_le_bytes(),
                ));
            }
        }
        counts
            .iter()
            .enumerate()
            .fold(0, |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc })
    }

    #[test]
    fn simhash_matches_the_reference_definition() {
        let long = "Le ministre a parlé. ".repeat(300);
        let cases = [
            ("empty", ""),
            ("no_word", " ,;. — "),
            ("one_word", "Bamako"),
            ("two_words", "États-Unis"),
            ("three_words", "the U.S."),
            (
                "accents_fr",
                "L'ÉLYSÉE a reçu Sergueï Lavrov à 15h30, jeudi.",
            ),
            ("special_lowercase", "İstanbul ẞ ǅ Σίσυφος ΑΣ"),
            ("scripts", "Москва 東京 القاهرة ١٢٣"),
            ("over_255_shingles", long.as_str()),
            (
                "long_and_capital_words",
                "Anticonstitutionnellement, l'INTERNATIONALISATION des Télécommunications \
                 a été DÉCIDÉE: Internationalization WorldHealthOrganization ABCDEFGHIJKLMNOP \
                 ABCDEFGHIJKLMNOPQ abcdefghijklmnopq 0123456789012345678 I A Ab ABC",
            ),
        ];
        for (name, text) in cases {
            assert_eq!(simhash(text), reference(text), "case {name}: {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_ascii_words_have_the_reference_simhash(
            text in "([a-zA-Z0-9]{1,20}[ ,.'-]{1,2}){0,12}"
        ) {
            proptest::prop_assert_eq!(simhash(&text), reference(&text));
        }

        #[test]
        fn any_text_has_the_reference_simhash(
            text in "[a-zA-Z0-9 .,'\n\u{a0}\u{301}éÉœİẞΣДж東١]{0,60}"
        ) {
            proptest::prop_assert_eq!(simhash(&text), reference(&text));
        }
    }
}
