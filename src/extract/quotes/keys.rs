//! Lookup keys built on the stack.
//!
//! The rules look words and phrases up in the lexicon thousands of times per
//! article (every word before a cue may be a pronoun, a function word or the
//! end of a speaker noun). Building each key as a `String` made allocation
//! the main cost of the stage, so keys are written into a fixed buffer
//! instead; a key too long for it falls back to the allocating functions,
//! so the result is always the same as [`key`](super::lexicon::key) and
//! [`fold`] give.

use std::hash::Hasher;

use crate::lexicon::Fnv;
use crate::text::fold::fold;
use crate::text::swar;

use super::lexicon::key;

/// Bytes a stack key holds; longer keys are built on the heap.
const CAP: usize = 96;

/// A short string built in place. Only whole UTF-8 characters are pushed,
/// so its bytes are always valid UTF-8.
pub(crate) struct KeyBuf {
    bytes: [u8; CAP],
    len: usize,
}

impl KeyBuf {
    /// An empty key.
    pub fn new() -> Self {
        KeyBuf {
            bytes: [0; CAP],
            len: 0,
        }
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `s`; false (and nothing appended) when it does not fit.
    pub fn push_str(&mut self, s: &str) -> bool {
        let end = self.len + s.len();
        if end > CAP {
            return false;
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        true
    }

    /// Appends one character; false when it does not fit.
    fn push_char(&mut self, c: char) -> bool {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        // only `&str` and whole chars are ever appended
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    /// Appends the [`fold`] of `word`, a token without whitespace; false
    /// when it does not fit. For such a token `fold` maps each character on
    /// its own, so folded tokens concatenate like the folded text.
    pub fn push_folded(&mut self, word: &str) -> bool {
        let b = word.as_bytes();
        // ASCII letters, digits, `-` and `'` fold to their lowercase
        if b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'\'')
        {
            let end = self.len + b.len();
            if end > CAP {
                return false;
            }
            self.bytes[self.len..end].copy_from_slice(b);
            self.bytes[self.len..end].make_ascii_lowercase();
            self.len = end;
            return true;
        }
        let start = self.len;
        match self.push_folded_latin(word) {
            Some(fits) => {
                if !fits {
                    self.len = start;
                }
                fits
            }
            None => {
                self.len = start;
                self.push_str(&fold(word))
            }
        }
    }

    /// [`KeyBuf::push_folded`] by character for the words of French text:
    /// ASCII, Latin-1 letters (`é`, `Ç`) and `’`, mapped as [`fold`] maps
    /// them (its transliteration, lowercased) without building a string.
    /// `None` at the first other character, `Some(false)` when the key
    /// does not fit; either may leave part of the word appended.
    fn push_folded_latin(&mut self, word: &str) -> Option<bool> {
        for c in word.chars() {
            let fits = match c {
                // `fold` reads whitespace as a separator
                c if c.is_ascii_whitespace() || c == '\u{b}' => return None,
                '`' | '\u{2019}' => self.push_str("'"),
                c if c.is_ascii() => self.push_str(c.to_ascii_lowercase().encode_utf8(&mut [0; 4])),
                '\u{c0}'..='\u{ff}' => deunicode::deunicode_char(c)
                    .unwrap_or("")
                    .chars()
                    .all(|d| self.push_char(d.to_ascii_lowercase())),
                _ => return None,
            };
            if !fits {
                return Some(false);
            }
        }
        Some(true)
    }
}

/// Calls `f` with the lookup [`key`] of `word`, built on the stack when short.
pub(crate) fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    // most words (`déclaré`, `said`) are their own key
    if is_own_key(word.as_bytes()) {
        return f(word);
    }
    match lowered(word) {
        Lowered::Stack(k) => f(k.as_str()),
        Lowered::Heap(k) => f(&k),
    }
}

/// True when `b` holds no capital and no `’`, only ASCII and the
/// lowercase Latin-1 letters (`à`..=`ÿ`): its [`key`] is itself.
fn is_own_key(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c.is_ascii() => {
                if c.is_ascii_uppercase() {
                    return false;
                }
            }
            0xC3 if b.get(i + 1).is_some_and(|&d| d >= 0xA0) => i += 1,
            _ => return false,
        }
        i += 1;
    }
    true
}

/// A [`key`] that differs from its word.
enum Lowered {
    Stack(KeyBuf),
    Heap(String),
}

/// The [`key`] of `word`, by byte for ASCII and Latin-1 capitals (`É`).
#[inline(never)]
fn lowered(word: &str) -> Lowered {
    let mut k = KeyBuf::new();
    let b = word.as_bytes();
    let mut i = 0;
    let mut latin = b.len() <= CAP;
    while latin && i < b.len() {
        match b[i] {
            c if c.is_ascii() => k.bytes[i] = c.to_ascii_lowercase(),
            // U+00C0..=U+00DE lower to U+00E0..=U+00FE but for `×` (D7)
            0xC3 if b.get(i + 1).is_some_and(|&d| (0x80..=0xBF).contains(&d)) => {
                let d = b[i + 1];
                k.bytes[i] = 0xC3;
                k.bytes[i + 1] = if d < 0x9F && d != 0x97 { d + 0x20 } else { d };
                i += 1;
            }
            _ => latin = false,
        }
        i += 1;
    }
    if latin {
        k.len = b.len();
        return Lowered::Stack(k);
    }
    let mut k = KeyBuf::new();
    let fits = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .all(|c| k.push_char(c));
    if fits {
        Lowered::Stack(k)
    } else {
        Lowered::Heap(key(word))
    }
}

/// Bits of an [`AsciiFilter`] (a power of two).
const FILTER_BITS: usize = 1 << 14;

/// Longest word an [`AsciiFilter`] rules out; longer words are looked up.
const FILTER_MAX_BYTES: usize = 64;

/// How a word's bytes map to its key.
#[derive(Debug, Clone, Copy)]
pub(crate) enum KeyKind {
    /// [`fold`]: ASCII lowercased, the backquote an apostrophe.
    Folded,
    /// [`key`]: ASCII lowercased.
    Lowered,
}

/// The ASCII keys of a set as bits of their hash: tells from a word's
/// bytes, without building its key, that most words are in no set (the
/// rules ask about every word near each cue). No false negatives.
#[derive(Debug, Clone)]
pub(crate) struct AsciiFilter {
    bits: Box<[u64]>,
}

impl Default for AsciiFilter {
    fn default() -> Self {
        AsciiFilter {
            bits: vec![0; FILTER_BITS / 64].into_boxed_slice(),
        }
    }
}

/// The lexicons' [`Fnv`] hash of `bytes` mapped by `map`, or `None` at the
/// first non-ASCII byte.
#[inline(always)]
fn ascii_hash(bytes: &[u8], map: impl Fn(u8) -> u8) -> Option<u64> {
    let mut h = Fnv::default();
    for &b in bytes {
        if !b.is_ascii() {
            return None;
        }
        h.write_u8(map(b));
    }
    Some(h.finish())
}

impl AsciiFilter {
    fn bit(h: u64) -> (usize, u64) {
        let b = (h as usize) & (FILTER_BITS - 1);
        (b >> 6, 1 << (b & 63))
    }

    /// Adds a key (a key with a non-ASCII byte is the key of no ASCII word,
    /// which is all the filter rules out).
    pub fn insert(&mut self, key: &str) {
        if let Some(h) = ascii_hash(key.as_bytes(), |b| b) {
            let (w, m) = Self::bit(h);
            self.bits[w] |= m;
        }
    }

    /// True when the key of `word` (an ASCII word, as the rules' tokens
    /// mostly are) is surely not in the set; false when it may be.
    #[inline]
    pub fn rules_out(&self, word: &str, kind: KeyKind) -> bool {
        let b = word.as_bytes();
        if b.len() > FILTER_MAX_BYTES {
            return false;
        }
        let h = match kind {
            KeyKind::Folded => ascii_hash(b, |c| {
                if c == b'`' {
                    b'\''
                } else {
                    c.to_ascii_lowercase()
                }
            }),
            KeyKind::Lowered => ascii_hash(b, |c| c.to_ascii_lowercase()),
        };
        h.is_some_and(|h| {
            let (w, m) = Self::bit(h);
            self.bits[w] & m == 0
        })
    }
}

/// The entries of a word map whose keys are one to eight ASCII bytes, each
/// key packed into a `u64`: looking a short ASCII word up (most function
/// words, and most words asked about) is then a few register operations
/// and a probe, instead of a filter hash, a key copy and a string hash.
#[derive(Debug, Clone)]
pub(crate) struct PackedWords<V> {
    /// Open addressing; a zero key (no packed key is zero) marks a free slot.
    slots: Box<[(u64, V)]>,
    /// Shift that maps a hash to a slot.
    shift: u32,
}

impl<V: Copy + Default> PackedWords<V> {
    /// The entries of `map` (keys as [`key`] writes them) that pack.
    pub fn new<'k>(map: impl Iterator<Item = (&'k String, &'k V)>) -> Self
    where
        V: 'k,
    {
        let entries: Vec<(u64, V)> = map
            .filter_map(|(k, &v)| pack(k.as_bytes()).map(|p| (p, v)))
            .collect();
        // at most half full, at least two slots
        let bits = (2 * entries.len().max(1))
            .next_power_of_two()
            .trailing_zeros();
        let mut slots = vec![(0, V::default()); 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        for (p, v) in entries {
            let mut i = slot(p, shift);
            while slots[i].0 != 0 {
                i = (i + 1) & (slots.len() - 1);
            }
            slots[i] = (p, v);
        }
        PackedWords { slots, shift }
    }

    /// `Some(value)` or `Some(default)` when [`key`]`(word)` is one to
    /// eight ASCII bytes (the map's answer for it: a key of that form is
    /// here if it is in the map at all); `None` for other words.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        let p = pack(word.as_bytes())?;
        let mut i = slot(p, self.shift);
        loop {
            let (k, v) = self.slots[i];
            if k == p {
                return Some(v);
            }
            if k == 0 {
                return Some(V::default());
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// The home slot of a packed key in a table of `2^(64 - shift)` slots
/// (at least two, so `shift` < 64).
#[inline]
fn slot(packed: u64, shift: u32) -> usize {
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// An ASCII word of one to eight bytes, lowercased (its [`key`]), in the
/// bytes of a `u64`, with the high bit of its last byte set so that words
/// of different lengths differ; `None` for any other word.
#[inline]
fn pack(word: &[u8]) -> Option<u64> {
    let n = word.len();
    if n == 0 || n > 8 {
        return None;
    }
    let mut w = 0u64;
    for (i, &b) in word.iter().enumerate() {
        w |= u64::from(b) << (8 * i);
    }
    if swar::non_ascii(w) != 0 {
        return None;
    }
    Some(swar::ascii_lowercase(w) | 0x80 << (8 * (n - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_answer_as_the_map_does() {
        let map: std::collections::HashMap<String, u32> = [
            ("a", 1),
            ("que", 2),
            ("qu'", 3),
            ("that", 4),
            ("selon", 5),
            ("ont", 6),
            ("would", 7),
            ("été", 8),
            ("aujourd'hui", 9),
            ("abcdefgh", 10),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let packed = PackedWords::new(map.iter());
        let words = [
            "a",
            "A",
            "Que",
            "QUE",
            "qu'",
            "Qu'",
            "qu\u{2019}",
            "That",
            "thats",
            "tha",
            "Selon",
            "ont",
            "On",
            "would",
            "Would",
            "été",
            "Été",
            "aujourd'hui",
            "abcdefgh",
            "ABCDEFGH",
            "abcdefghi",
            "",
            "b",
            "x\u{0}",
            "\u{0}",
            "a\u{0}",
        ];
        for w in words {
            let expected = map.get(&key(w)).copied().unwrap_or(0);
            match packed.get(w) {
                Some(r) => assert_eq!(r, expected, "{w:?}"),
                // words that do not pack are asked of the map itself
                None => assert!(!w.is_ascii() || w.is_empty() || w.len() > 8, "{w:?}"),
            }
        }
    }

    #[test]
    fn stack_keys_equal_heap_keys() {
        let long = "x".repeat(CAP + 1);
        let words = [
            "Déclaré",
            "A-T-IL",
            "aujourd’hui",
            "L'",
            "İstanbul",
            "ǅemal",
            "Straße",
            "ŒUVRE",
            "2024",
            "ÀÉÎÕÜÝÞ×÷ßàÿ",
            "ÉTÉ",
            "Ÿ",
            "aujourd’hui",
            "Défense`s",
            "ÆØÞßðþ×÷",
            "x-Éé",
            "«",
            "a\u{a0}b",
            "\u{b}",
            long.as_str(),
            "",
        ];
        for w in words {
            assert_eq!(with_key(w, str::to_string), key(w), "key of {w:?}");
            let mut k = KeyBuf::new();
            if k.push_folded(w) {
                assert_eq!(k.as_str(), fold(w), "fold of {w:?}");
            } else {
                assert!(fold(w).len() > CAP, "{w:?} fits");
            }
        }
    }

    #[test]
    fn filters_rule_out_only_absent_keys() {
        let mut f = AsciiFilter::default();
        for k in ["porte-parole", "l'", "a", "said", "déclaré"] {
            f.insert(k);
        }
        let cases = [
            // (word, kind, may be in the set)
            ("Porte-Parole", KeyKind::Folded, true),
            ("L`", KeyKind::Folded, true),
            ("L`", KeyKind::Lowered, false),
            ("SAID", KeyKind::Lowered, true),
            ("Déclaré", KeyKind::Folded, true),
            ("A", KeyKind::Lowered, true),
        ];
        for (word, kind, present) in cases {
            assert_eq!(!f.rules_out(word, kind), present, "{word:?}");
        }
        // absent words are ruled out but for a few hash collisions
        let words: Vec<String> = (0..1000).map(|i| format!("word{i}")).collect();
        let out = words
            .iter()
            .filter(|w| f.rules_out(w, KeyKind::Folded))
            .count();
        assert!(out > 990, "{out}");
    }

    /// Every character of the Latin-1 letters and General Punctuation
    /// blocks, alone and after a word, folds on the stack as `fold` does.
    #[test]
    fn stack_folds_equal_fold_on_every_latin_char() {
        let chars = ('\u{0}'..='\u{17f}').chain('\u{2000}'..='\u{206f}');
        for c in chars {
            for w in [c.to_string(), format!("Ab{c}"), format!("{c}é")] {
                let mut k = KeyBuf::new();
                k.push_str("x");
                if k.push_folded(&w) {
                    assert_eq!(k.as_str(), format!("x{}", fold(&w)), "fold of {w:?}");
                }
            }
        }
        let near_full = "é".repeat(CAP - 1);
        let mut k = KeyBuf::new();
        assert!(!k.push_folded(&format!("{near_full}ÆÆ")));
        assert!(k.is_empty(), "a key that does not fit leaves nothing");
    }
}
