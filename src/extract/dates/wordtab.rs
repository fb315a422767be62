//! What the trie answers at a word start, looked up from the whole word
//! in one probe of a small hash table, for the scan that meets hundreds of
//! thousands of word starts per megabyte.
//!
//! A form is only kept when it ends at the end of a word or runs past it
//! (`l'`, `il y a`), so the text's word at the start must be the form's
//! first word (ASCII case ignored, as in the trie). The table holds the
//! first word of every form: a word not in it can start no date word; a
//! word that is a whole form and opens no longer one is that form (the
//! trie's longest match ends at the word's end); only the words that open
//! a longer form (`au` of `au cours de`) need the trie walk. The table
//! also holds the forms' other words (`cours`), so that the same probe
//! tells the break words of [`super::segment`].

use crate::text::chars::is_alnum;
use crate::text::swar;

use super::trie::Trie;

/// Longest word looked up; longer words always take the trie walk.
pub(crate) const MAX_LEN: usize = 16;

/// What a word start gives, from the word alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtWord {
    /// No form can be kept here.
    Nothing,
    /// The form (trie index) that is exactly the word.
    Form(u32),
    /// Walk the trie (a form may run past the word).
    Walk,
    /// No form starts with the word, but some form holds it past its first
    /// word (`cours` of `au cours de`): a form starting earlier may run
    /// over it.
    Inner,
}

/// A word: its first and last (up to) eight bytes, ASCII lowercased, and
/// its length; length 0 marks an empty slot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Key {
    lo: u64,
    hi: u64,
    len: u64,
}

/// Walk marker in [`Slot::form`].
const WALK: u32 = u32::MAX;

/// Inner word marker in [`Slot::form`].
const INNER: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Key,
    form: u32,
}

/// The first words of the forms of a trie, for [`WordTable::at`].
pub(crate) struct WordTable {
    /// Open addressing, linear probing; a power of two long, at most an
    /// eighth full (a miss, the usual case, mostly ends on the first slot).
    slots: Vec<Slot>,
    shift: u32,
    /// A filter in front of the table: for each [`pair`] of the first two
    /// bytes, bit `n` is set when some word of `n` bytes opening with them
    /// is in the table. Most words of a text are settled by this one load,
    /// without building their key.
    pairs: Vec<u32>,
    /// The answer for words longer than [`MAX_LEN`].
    long: AtWord,
}

/// Entries of [`WordTable::pairs`].
const PAIRS: usize = 1 << 12;

/// The filter entry of a word of `len` (>= 1) bytes starting at `start`:
/// its first two bytes (the first alone for one-byte words), each with bit
/// 5 set so that ASCII case does not matter (bytes equal once ASCII
/// lowercased are equal so), six bits of each.
#[inline(always)]
fn pair(bytes: &[u8], start: usize, len: usize) -> usize {
    let first = usize::from(bytes[start] | 0x20);
    let second = if len >= 2 {
        usize::from(bytes[start + 1] | 0x20)
    } else {
        0
    };
    (first & 63) << 6 | (second & 63)
}

/// The `n` bytes of `bytes` from `at` (`n` <= 8), first byte lowest.
#[inline(always)]
fn read(bytes: &[u8], at: usize, n: usize) -> u64 {
    match swar::load(bytes, at) {
        Some(w) => w & swar::low_bytes(n),
        None => bytes[at..at + n]
            .iter()
            .rev()
            .fold(0, |acc, &b| acc << 8 | u64::from(b)),
    }
}

/// The key of `bytes[start..end]` (1 to [`MAX_LEN`] bytes).
#[inline(always)]
fn key(bytes: &[u8], start: usize, end: usize) -> Key {
    let len = end - start;
    let lo = swar::ascii_lowercase(read(bytes, start, len.min(8)));
    let hi = if len > 8 {
        swar::ascii_lowercase(read(bytes, end - 8, 8))
    } else {
        0
    };
    Key {
        lo,
        hi,
        len: len as u64,
    }
}

impl Key {
    #[inline(always)]
    fn hash(&self) -> u64 {
        // the table index is the product's top bits, which every key bit
        // reaches
        (self.lo ^ self.hi.rotate_left(23) ^ self.len).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl WordTable {
    /// The table of `forms`, which `trie` was built from.
    pub(crate) fn new<S: AsRef<str>>(forms: &[S], trie: &Trie) -> WordTable {
        let mut entries: Vec<(Key, u32)> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for f in forms {
            let f = f.as_ref();
            let first = f
                .char_indices()
                .find(|(_, c)| !is_alnum(*c))
                .map_or(f.len(), |(i, _)| i);
            if first == 0 || first > MAX_LEN {
                continue;
            }
            let k = key(f.as_bytes(), 0, first);
            pairs.push((pair(f.as_bytes(), 0, first), first));
            let form = if first == f.len() {
                // the trie's answer on the word alone (the first of equal
                // spellings)
                trie.longest_at(f.as_bytes(), 0)
                    .filter(|&(end, _)| end == f.len())
                    .map_or(WALK, |(_, idx)| idx as u32)
            } else {
                WALK
            };
            match entries.iter_mut().find(|(q, _)| *q == k) {
                Some((_, old)) if *old != form => *old = WALK,
                Some(_) => {}
                None => entries.push((k, form)),
            }
        }
        // the other words of the forms, where no entry says more
        for f in forms {
            let f = f.as_ref();
            for w in f.split(|c: char| !is_alnum(c)).skip(1) {
                if w.is_empty() || w.len() > MAX_LEN {
                    continue;
                }
                let k = key(w.as_bytes(), 0, w.len());
                pairs.push((pair(w.as_bytes(), 0, w.len()), w.len()));
                if !entries.iter().any(|(q, _)| *q == k) {
                    entries.push((k, INNER));
                }
            }
        }
        WordTable::from_entries(entries, pairs)
    }

    /// A table answering [`AtWord::Walk`] for each of `words` (whole
    /// words) and [`AtWord::Nothing`] for any other word (but
    /// [`AtWord::Walk`] for every word longer than [`MAX_LEN`] bytes when
    /// one of `words` is): a set of words, ASCII case ignored.
    pub(crate) fn set<S: AsRef<str>>(words: &[S]) -> WordTable {
        let mut entries: Vec<(Key, u32)> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut long = AtWord::Nothing;
        for w in words {
            let w = w.as_ref().as_bytes();
            if w.len() > MAX_LEN {
                long = AtWord::Walk;
            }
            if w.is_empty() || w.len() > MAX_LEN {
                continue;
            }
            let k = key(w, 0, w.len());
            pairs.push((pair(w, 0, w.len()), w.len()));
            if !entries.iter().any(|(q, _)| *q == k) {
                entries.push((k, WALK));
            }
        }
        WordTable {
            long,
            ..WordTable::from_entries(entries, pairs)
        }
    }

    /// The table of `entries` (distinct keys), with the filter bits of
    /// `pairs` (pair, word length).
    fn from_entries(entries: Vec<(Key, u32)>, pairs: Vec<(usize, usize)>) -> WordTable {
        let size = (8 * entries.len()).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![Slot::default(); size],
            shift: 64 - size.trailing_zeros(),
            pairs: vec![0; PAIRS],
            long: AtWord::Walk,
        };
        for (p, n) in pairs {
            table.pairs[p] |= 1 << n;
        }
        for (key, form) in entries {
            let mut i = table.home(&key);
            while table.slots[i].key.len != 0 {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = Slot { key, form };
        }
        table
    }

    fn home(&self, key: &Key) -> usize {
        (key.hash() >> self.shift) as usize
    }

    /// What the word `start..end` of `bytes` (a maximal run of
    /// alphanumeric characters) can start.
    #[inline(always)]
    pub(crate) fn at(&self, bytes: &[u8], start: usize, end: usize) -> AtWord {
        let len = end - start;
        if len > MAX_LEN {
            return self.long;
        }
        // the filter settles most words in one load, inline; the probe is
        // out of line
        if self.pairs[pair(bytes, start, len)] >> len & 1 == 0 {
            return AtWord::Nothing;
        }
        self.probe(bytes, start, end)
    }

    /// [`WordTable::at`] past the filter.
    #[inline(never)]
    fn probe(&self, bytes: &[u8], start: usize, end: usize) -> AtWord {
        let key = key(bytes, start, end);
        let mask = self.slots.len() - 1;
        let mut i = self.home(&key);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return match slot.form {
                    WALK => AtWord::Walk,
                    INNER => AtWord::Inner,
                    f => AtWord::Form(f),
                };
            }
            if slot.key.len == 0 {
                return AtWord::Nothing;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::words;

    /// At every word start, the table's answer agrees with the trie's
    /// longest match as the scan keeps it (ending at or past the word's end).
    fn check(forms: &[&str], text: &str) {
        let trie = Trie::new(forms).unwrap();
        let table = WordTable::new(forms, &trie);
        let bytes = text.as_bytes();
        for (start, end, _) in words(text) {
            let walked = trie.longest_at(bytes, start).filter(|&(e, _)| e >= end);
            match table.at(bytes, start, end) {
                AtWord::Nothing | AtWord::Inner => {
                    assert_eq!(walked, None, "at {start} of {text:?}")
                }
                AtWord::Form(f) => {
                    assert_eq!(walked, Some((end, f as usize)), "at {start} of {text:?}")
                }
                AtWord::Walk => {}
            }
        }
    }

    #[test]
    fn table_agrees_with_the_trie() {
        let forms = [
            "le",
            "les",
            "l'",
            "au",
            "au cours de",
            "mai",
            "MAI",
            "janv.",
            "janv",
            "été",
            "Été",
            "1er",
            "september",
            "septembre",
            "anticonstitutionnel",
        ];
        check(
            &forms,
            "Le 3 mai, AU COURS DE l'été, les lesquels MAI Mai janv. JANV Été ÉTÉ \
             1er 1ER September SEPTEMBRES anticonstitutionnel x",
        );
        check(&forms, "le");
        check(&forms, "sep");
    }

    #[test]
    fn words_not_opening_a_form_give_nothing() {
        let forms = ["le", "au cours de"];
        let trie = Trie::new(&forms).unwrap();
        let table = WordTable::new(&forms, &trie);
        let text = "Le lecteur au cours";
        let at = |s: usize, e: usize| table.at(text.as_bytes(), s, e);
        assert_eq!(at(0, 2), AtWord::Form(0));
        assert_eq!(at(3, 10), AtWord::Nothing);
        assert_eq!(at(11, 13), AtWord::Walk);
        assert_eq!(at(14, 19), AtWord::Inner);
    }
}
