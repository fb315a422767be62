//! The SimHash fingerprint of an article's text (see [`simhash`]).

use xxhash_rust::xxh3::xxh3_64;

use super::xxh3::{MAX_LEN, hash_short};
use crate::text::chars::is_alnum;
use crate::text::swar;

/// 64-bit SimHash of a text's lowercase word 3-shingles.
///
/// A word is a run of alphanumeric characters, lowercased and hashed with
/// XXH3; a shingle's hash mixes its three word hashes. Texts of fewer than
/// three words use the word hashes themselves. ASCII words of up to 16
/// bytes (nearly all) are lowercased and hashed in registers, other words
/// already in lowercase are hashed in place; nothing is allocated per word.
pub fn simhash(text: &str) -> u64 {
    let mut shingles = Shingles::default();
    let mut lower = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // the word starting at `i`, if any: whether it holds ASCII capitals,
        // characters wider than ASCII, and whether those are lowercase
        let start = i;
        let (mut upper, mut wide, mut wide_lowercase) = (false, false, true);
        loop {
            // lowercase letters and digits (most bytes), eight at a time
            if let Some(w) = swar::load(bytes, i) {
                let n = swar::before_first(!swar::ascii_lower_alnum(w) & swar::splat(0x80));
                i += n;
                if n == 8 {
                    continue;
                }
            }
            let Some(&b) = bytes.get(i) else { break };
            match CLASS[b as usize] {
                LOWER => i += 1,
                UPPER => {
                    upper = true;
                    i += 1;
                }
                WIDE => {
                    let c = text[i..].chars().next().unwrap_or_default();
                    if !is_alnum(c) {
                        break;
                    }
                    wide = true;
                    wide_lowercase &= is_own_lowercase(c);
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        if i > start {
            let h = if !wide && i - start <= MAX_LEN {
                hash_short(&bytes[start..i], upper)
            } else {
                hash_lowercase(&text[start..i], wide_lowercase && !upper, &mut lower)
            };
            shingles.push(h);
        }
        // step over the separator
        if let Some(&b) = bytes.get(i) {
            i += utf8_len(b);
        }
    }
    shingles.fingerprint()
}

/// Byte classes of the word scan: ASCII separator, ASCII lowercase letter or
/// digit, ASCII capital, first byte of a wider character (continuation bytes
/// are never looked up).
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const WIDE: u8 = 3;

const CLASS: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            b'A'..=b'Z' => UPPER,
            0x80.. => WIDE,
            _ => SEPARATOR,
        };
        b += 1;
    }
    t
};

/// Length of the UTF-8 sequence that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0x80..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// XXH3 of a word's lowercase; `verbatim` says the word is already lowercase.
fn hash_lowercase(word: &str, verbatim: bool, buf: &mut String) -> u64 {
    if verbatim {
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

/// Whether `c` lowercases to itself.
fn is_own_lowercase(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// The words' shingle hashes, added to a [`BitCounter`] as they come.
#[derive(Default)]
struct Shingles {
    /// The last two word hashes, the latest last.
    window: [u64; 2],
    n_words: usize,
    counter: BitCounter,
}

impl Shingles {
    fn push(&mut self, h: u64) {
        let [a, b] = self.window;
        if self.n_words >= 2 {
            // a final mix so that shingle bits are independent
            let shingle = a.rotate_left(21) ^ b.rotate_left(42) ^ h;
            self.counter.add(xxh3_64(&shingle.to_le_bytes()));
        }
        self.window = [b, h];
        self.n_words += 1;
    }

    fn fingerprint(mut self) -> u64 {
        if self.n_words < 3 {
            for h in &self.window[2 - self.n_words..] {
                self.counter.add(*h);
            }
        }
        self.counter.majority()
    }
}

/// Per-bit counts of the hashes added, kept as 8-bit lanes so that one
/// addition updates eight bit counts at once.
struct BitCounter {
    /// Byte `k` of `lanes[m]`: how many pending hashes have bit `8m + k` set.
    lanes: [u64; 8],
    /// Hashes in `lanes` (flushed to `ones` before a lane can overflow).
    pending: u32,
    ones: [u32; 64],
    added: u32,
}

impl Default for BitCounter {
    fn default() -> Self {
        BitCounter {
            lanes: [0; 8],
            pending: 0,
            ones: [0; 64],
            added: 0,
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

impl BitCounter {
    #[inline(always)]
    fn add(&mut self, h: u64) {
        for (m, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[(h >> (8 * m)) as u8 as usize];
        }
        self.pending += 1;
        self.added += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (m, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.ones[8 * m + k] += (*lane >> (8 * k)) as u32 & 0xff;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The fingerprint: bit `i` is set when more than half of the hashes
    /// added have it set.
    fn majority(mut self) -> u64 {
        self.flush();
        self.ones.iter().enumerate().fold(0u64, |acc, (bit, &n)| {
            if 2 * n > self.added {
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
