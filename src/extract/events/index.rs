//! Fast lookups the word index is compiled into, read once per token of
//! every analysed sentence: a table of the words of up to sixteen bytes
//! keyed by their bytes as two integers (no hashing of a `String`, no
//! byte-by-byte comparison), and the grammar-class entries by the word id
//! of their first and last word (so a class question about a token
//! compares numbers, not strings).

use super::classes::{C, Class};
use super::lexicon::WordInfo;

/// Words of up to sixteen bytes, keyed by their bytes read as two
/// zero-padded little-endian integers (a token never holds a zero byte,
/// so two words have the same key only when they are the same word).
#[derive(Debug)]
pub struct ShortWords {
    /// Open addressing with linear probing; a `(0, 0)` key is a free slot.
    /// (The keys apart from the entries: a probe reads sixteen bytes.)
    /// Never empty, so that a probe needs no test for an empty table.
    keys: Vec<(u64, u64)>,
    /// The entry of each slot of `keys`.
    infos: Vec<WordInfo>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    /// 64 minus the number of bits of `mask`.
    shift: u32,
}

impl Default for ShortWords {
    /// A table with no word.
    fn default() -> Self {
        ShortWords::new(std::iter::empty())
    }
}

/// For a word of `n` bytes (index `n`, up to 16): the masks that keep its
/// bytes of the first and of the second eight-byte half of its key.
const KEY_MASKS: [(u64, u64); 17] = {
    let mut t = [(0u64, 0u64); 17];
    let mut n = 1;
    while n <= 16 {
        t[n] = if n >= 8 {
            (u64::MAX, if n == 8 { 0 } else { u64::MAX >> (128 - 8 * n) })
        } else {
            (u64::MAX >> (64 - 8 * n), 0)
        };
        n += 1;
    }
    t
};

/// The key of `text[start..end]` (1 to 16 bytes), read with two
/// unaligned loads when sixteen bytes are available from `start`.
#[inline]
fn key_at(text: &[u8], start: usize, end: usize) -> (u64, u64) {
    let (a, b) = match text.get(start..start + 16) {
        Some(chunk) => (word(&chunk[..8]), word(&chunk[8..])),
        None => {
            let mut buf = [0u8; 16];
            for (d, s) in buf.iter_mut().zip(&text[start..end]) {
                *d = *s;
            }
            (word(&buf[..8]), word(&buf[8..]))
        }
    };
    // little-endian: the word's bytes are the low ones
    let (ma, mb) = KEY_MASKS[(end - start).min(16)];
    (a & ma, b & mb)
}

/// Eight bytes as a little-endian integer.
#[inline]
fn word(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[..8]);
    u64::from_le_bytes(w)
}

/// The slot of a key: the high bits of a multiplicative hash (the low
/// ones depend only on the first bytes, which the forms of a verb share).
#[inline]
fn slot_of(key: (u64, u64), shift: u32) -> usize {
    let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> shift) as usize
}

impl ShortWords {
    /// The table of the words of `entries` that are 1 to 16 bytes long.
    pub fn new<'a>(entries: impl Iterator<Item = (&'a String, &'a WordInfo)>) -> Self {
        let short: Vec<_> = entries
            .filter(|(w, _)| (1..=16).contains(&w.len()))
            .collect();
        let size = (short.len() * 2).next_power_of_two().max(16);
        let mut t = ShortWords {
            keys: vec![(0, 0); size],
            infos: vec![WordInfo::default(); size],
            mask: size - 1,
            shift: 64 - size.trailing_zeros(),
        };
        for (w, info) in short {
            let key = key_at(w.as_bytes(), 0, w.len());
            let mut s = slot_of(key, t.shift);
            while t.keys[s] != (0, 0) {
                s = (s + 1) & t.mask;
            }
            t.keys[s] = key;
            t.infos[s] = *info;
        }
        t
    }

    /// The entry of `text[start..end]` (1 to 16 bytes), if any.
    #[inline]
    pub fn get(&self, text: &[u8], start: usize, end: usize) -> Option<&WordInfo> {
        self.find(key_at(text, start, end))
    }

    /// The entry of the word of `len` bytes (1 to 8) whose bytes are the
    /// low ones of `first8` (the eight bytes from its start, as the
    /// tokenizer read them): no second load of the text.
    #[inline]
    pub fn get_short(&self, first8: u64, len: usize) -> Option<&WordInfo> {
        self.find((first8 & KEY_MASKS[len.min(8)].0, 0))
    }

    #[inline]
    fn find(&self, key: (u64, u64)) -> Option<&WordInfo> {
        let mut s = slot_of(key, self.shift);
        loop {
            let k = *self.keys.get(s)?;
            if k == key {
                return self.infos.get(s);
            }
            if k == (0, 0) {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }
}

/// One entry of a grammar class, in word ids.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The class ([`C`] as a number).
    class: u8,
    /// The number of words.
    len: u8,
    /// Where its word ids start in [`ClassIndex::ids`].
    at: u32,
    /// The id of the word next to the indexed one (the second word in
    /// `by_first`, the one before the last in `by_last`): a quick test
    /// before comparing the whole entry (unused for one word).
    near: u32,
}

/// The entries of the classes the code reads ([`C`]), by the word id of
/// their first word and of their last word; each list sorted by class,
/// longest entries first, so that the first entry of a class that matches
/// is the longest.
#[derive(Debug, Default)]
pub struct ClassIndex {
    by_first: Vec<Vec<Entry>>,
    /// For each word id: the classes with an entry in its `by_first` list
    /// (bits `1 << C`) and where their bounds start in `first_bounds`, so
    /// that a class's entries are found with a bit count, not searched.
    first_dir: Vec<(u64, u32)>,
    /// For each word id with entries, the start in its `by_first` list of
    /// each class present (in class order), then the list's length.
    first_bounds: Vec<u32>,
    by_last: Vec<Vec<Entry>>,
    /// The word ids of all entries, one after the other.
    ids: Vec<u32>,
}

impl ClassIndex {
    /// Indexes `fixed` (indexed by [`C`]); `id` gives the word id of a
    /// class word (every class word has one, all below `ids`).
    pub fn new(fixed: &[Class], id: impl Fn(&str) -> u32, ids: usize) -> Self {
        let mut x = ClassIndex {
            by_first: vec![Vec::new(); ids],
            first_dir: Vec::new(),
            first_bounds: Vec::new(),
            by_last: vec![Vec::new(); ids],
            ids: Vec::new(),
        };
        for (c, class) in fixed.iter().enumerate() {
            for seq in class.sequences() {
                let (Ok(class), Ok(len), Ok(at)) = (
                    u8::try_from(c),
                    u8::try_from(seq.len()),
                    u32::try_from(x.ids.len()),
                ) else {
                    continue;
                };
                x.ids.extend(seq.iter().map(|w| id(w)));
                let ids = &x.ids[at as usize..];
                let (first, last) = (ids[0] as usize, ids[ids.len() - 1] as usize);
                let second = ids.get(1).copied().unwrap_or(u32::MAX);
                let before_last = ids.len().checked_sub(2).map_or(u32::MAX, |k| ids[k]);
                let e = Entry {
                    class,
                    len,
                    at,
                    near: second,
                };
                x.by_first[first].push(e);
                x.by_last[last].push(Entry {
                    near: before_last,
                    ..e
                });
            }
        }
        for list in x.by_first.iter_mut().chain(x.by_last.iter_mut()) {
            list.sort_by_key(|e| (e.class, std::cmp::Reverse(e.len)));
        }
        for list in &x.by_first {
            let base = u32::try_from(x.first_bounds.len()).unwrap_or(u32::MAX);
            let mut mask = 0u64;
            for (k, e) in list.iter().enumerate() {
                if mask & (1 << e.class) == 0 {
                    mask |= 1 << e.class;
                    x.first_bounds.push(k as u32);
                }
            }
            x.first_bounds.push(list.len() as u32);
            x.first_dir.push((mask, base));
        }
        x
    }

    /// The entries of class `c` in the `by_first` list of word `id`
    /// (longest first).
    fn first_of_class(&self, id: usize, c: C) -> &[Entry] {
        let (Some(list), Some(&(mask, base))) = (self.by_first.get(id), self.first_dir.get(id))
        else {
            return &[];
        };
        let bit = 1u64 << c as u8;
        if mask & bit == 0 {
            return &[];
        }
        let k = base as usize + (mask & (bit - 1)).count_ones() as usize;
        match (self.first_bounds.get(k), self.first_bounds.get(k + 1)) {
            (Some(&from), Some(&to)) => list.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// True when the entry's words are the words of `info`.
    fn matches(&self, e: &Entry, info: &[WordInfo]) -> bool {
        let ids = &self.ids[e.at as usize..e.at as usize + usize::from(e.len)];
        ids.len() == info.len() && ids.iter().zip(info).all(|(a, b)| *a == b.id)
    }

    /// Length of the longest entry of class `c` starting at token `i` of
    /// `info` (as [`Class::at`] on the words).
    pub fn at(&self, info: &[WordInfo], i: usize, c: C) -> Option<usize> {
        self.first_of_class(info.get(i)?.id as usize, c)
            .iter()
            .map(|e| (e, usize::from(e.len)))
            .find(|&(e, len)| {
                i + len <= info.len()
                    && (len == 1 || info[i + 1].id == e.near)
                    && self.matches(e, &info[i..i + len])
            })
            .map(|(_, len)| len)
    }

    /// For each class of `mask` (bits `1 << C`) with an entry ending just
    /// before token `end` of `info`, calls `f(class, start)` with the start
    /// of its longest one (as [`Class::ending_at`] on the words, for each
    /// class in class order, with one walk over the word's entries).
    pub fn each_ending_at(
        &self,
        info: &[WordInfo],
        end: usize,
        mask: u64,
        mut f: impl FnMut(u8, usize),
    ) {
        let Some(list) = end
            .checked_sub(1)
            .and_then(|k| info.get(k))
            .and_then(|w| self.by_last.get(w.id as usize))
        else {
            return;
        };
        let mut done = 0u64;
        for e in list {
            let bit = 1u64 << e.class;
            if mask & bit == 0 || done & bit != 0 {
                continue;
            }
            let len = usize::from(e.len);
            if len <= end
                && (len == 1 || info[end - 2].id == e.near)
                && self.matches(e, &info[end - len..end])
            {
                done |= bit;
                f(e.class, end - len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_find_their_entries_only() {
        let words: Vec<String> = [
            "a",
            "l'",
            "armee",
            "exactly8",
            "ninebytes",
            "sixteen_bytes_xx",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let infos: Vec<WordInfo> = (0..words.len())
            .map(|i| {
                let mut w = WordInfo::default();
                w.id = i as u32;
                w
            })
            .collect();
        let t = ShortWords::new(words.iter().zip(&infos));
        // inside a longer text (the sixteen-byte load) and at its end (the copy)
        let text = "x armee exactly8 ninebytes sixteen_bytes_xx l' a";
        for (i, w) in words.iter().enumerate() {
            let start = text.find(&format!(" {w}")).unwrap() + 1;
            let got = t.get(text.as_bytes(), start, start + w.len());
            assert_eq!(got.map(|x| x.id), Some(i as u32), "{w}");
        }
        // prefixes of entries in the text, and words of their own
        for miss in ["arme", "exactly", "ninebyte", "sixteen_bytes_x"] {
            let start = text.find(miss).unwrap();
            assert!(
                t.get(text.as_bytes(), start, start + miss.len()).is_none(),
                "{miss}"
            );
        }
        for miss in ["armees", "x", "b", "exactly9", "sixteen_bytes_xy"] {
            assert!(t.get(miss.as_bytes(), 0, miss.len()).is_none(), "{miss}");
        }
        // keyed from the eight bytes a tokenizer read, with what follows
        // the word in them (words of up to eight bytes)
        let text = "l'armee exactly8 arme a l'x";
        for (w, want) in [
            ("l'", Some(1)),
            ("armee", Some(2)),
            ("exactly8", Some(3)),
            ("arme", None),
        ] {
            let start = text.find(w).unwrap();
            let first8 = u64::from_le_bytes(text.as_bytes()[start..start + 8].try_into().unwrap());
            let got = t.get_short(first8, w.len()).map(|x| x.id);
            assert_eq!(got, want, "{w}");
        }
    }
}
